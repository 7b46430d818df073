#include "cli/sample_data.h"

#include <cstdint>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "errors/error_class.h"

namespace tarn::cli {

namespace {

// A fixed linear congruential generator: the same rows on every machine and every run.
class SampleRandom {
 public:
  explicit SampleRandom(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return state_ >> 33;
  }
  uint64_t Below(uint64_t n) { return Next() % n; }

 private:
  uint64_t state_;
};

std::string Quote(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// products.csv of the Delta Lake lab: ProductID, ProductName, Category, ListPrice.
std::string Products() {
  struct Line {
    const char* category;
    const char* model;
    double base_price;
  };
  static const Line kLines[] = {
      {"Mountain Bikes", "Mountain-100", 3399.99}, {"Mountain Bikes", "Mountain-200", 2294.99},
      {"Road Bikes", "Road-150", 3578.27},         {"Road Bikes", "Road-650", 782.99},
      {"Touring Bikes", "Touring-1000", 2384.07},  {"Helmets", "Sport-100 Helmet", 34.99},
      {"Jerseys", "Long-Sleeve Logo Jersey", 49.99}, {"Tires and Tubes", "HL Road Tire", 32.60},
      {"Wheels", "HL Mountain Front Wheel", 330.06}, {"Saddles", "HL Touring Seat/Saddle", 52.64},
      {"Handlebars", "HL Road Handlebars", 120.27},  {"Pedals", "Touring Pedal", 80.99},
      {"Gloves", "Full-Finger Gloves", 37.99},       {"Bottles and Cages", "Water Bottle - 30 oz.", 4.99},
  };
  static const char* kColours[] = {"Silver", "Black", "Red", "Blue", "Yellow"};
  static const char* kSizes[] = {"38", "42", "44", "48", "52", "S", "M", "L", "XL"};
  SampleRandom rng(20240229);
  std::string out = "ProductID,ProductName,Category,ListPrice\n";
  int id = 680;
  for (const auto& line : kLines) {
    int variants = 8 + static_cast<int>(rng.Below(14));
    for (int v = 0; v < variants; ++v) {
      std::string name = fmt::format("{} {}, {}", line.model, kColours[rng.Below(5)], kSizes[rng.Below(9)]);
      double price = line.base_price * (0.9 + 0.05 * static_cast<double>(rng.Below(5)));
      out += fmt::format("{},{},{},{:.4f}\n", id++, Quote(name), line.category, price);
    }
  }
  return out;
}

// covid_data.csv of the pipeline lab (LA-05): one row per US state or territory per day from
// 2/7/2021 to 3/7/2021, dates written M/d/yyyy as in the lab file, counts cumulative.
std::string Covid() {
  struct Region {
    const char* name;
    double lat, lon;
    int fips;
    int population_k;  // thousands
  };
  static const Region kRegions[] = {
      {"Alabama", 32.3182, -86.9023, 1, 4903}, {"Alaska", 61.3707, -152.4044, 2, 731},
      {"Arizona", 33.7298, -111.4312, 4, 7278}, {"Arkansas", 34.9697, -92.3731, 5, 3017},
      {"California", 36.1162, -119.6816, 6, 39512}, {"Colorado", 39.0598, -105.3111, 8, 5758},
      {"Connecticut", 41.5978, -72.7554, 9, 3565}, {"Delaware", 39.3185, -75.5071, 10, 973},
      {"District of Columbia", 38.8974, -77.0268, 11, 705}, {"Florida", 27.7663, -81.6868, 12, 21477},
      {"Georgia", 33.0406, -83.6431, 13, 10617}, {"Guam", 13.4443, 144.7937, 66, 165},
      {"Hawaii", 21.0943, -157.4983, 15, 1415}, {"Idaho", 44.2405, -114.4788, 16, 1787},
      {"Illinois", 40.3495, -88.9861, 17, 12671}, {"Indiana", 39.8494, -86.2583, 18, 6732},
      {"Iowa", 42.0115, -93.2105, 19, 3155}, {"Kansas", 38.5266, -96.7265, 20, 2913},
      {"Kentucky", 37.6681, -84.6701, 21, 4467}, {"Louisiana", 31.1695, -91.8678, 22, 4648},
      {"Maine", 44.6939, -69.3819, 23, 1344}, {"Maryland", 39.0639, -76.8021, 24, 6045},
      {"Massachusetts", 42.2302, -71.5301, 25, 6893}, {"Michigan", 43.3266, -84.5361, 26, 9987},
      {"Minnesota", 45.6945, -93.9002, 27, 5640}, {"Mississippi", 32.7416, -89.6787, 28, 2976},
      {"Missouri", 38.4561, -92.2884, 29, 6137}, {"Montana", 46.9219, -110.4544, 30, 1069},
      {"Nebraska", 41.1254, -98.2681, 31, 1934}, {"Nevada", 38.3135, -117.0554, 32, 3080},
      {"New Hampshire", 43.4525, -71.5639, 33, 1360}, {"New Jersey", 40.2989, -74.521, 34, 8882},
      {"New Mexico", 34.8405, -106.2485, 35, 2097}, {"New York", 42.1657, -74.9481, 36, 19454},
      {"North Carolina", 35.6301, -79.8064, 37, 10488}, {"North Dakota", 47.5289, -99.784, 38, 762},
      {"Ohio", 40.3888, -82.7649, 39, 11689}, {"Oklahoma", 35.5653, -96.9289, 40, 3957},
      {"Oregon", 44.572, -122.0709, 41, 4218}, {"Pennsylvania", 40.5908, -77.2098, 42, 12802},
      {"Puerto Rico", 18.2208, -66.5901, 72, 3194}, {"Rhode Island", 41.6809, -71.5118, 44, 1059},
      {"South Carolina", 33.8569, -80.945, 45, 5149}, {"South Dakota", 44.2998, -99.4388, 46, 885},
      {"Tennessee", 35.7478, -86.6923, 47, 6829}, {"Texas", 31.0545, -97.5635, 48, 28996},
      {"Utah", 40.15, -111.8624, 49, 3206}, {"Vermont", 44.0459, -72.7107, 50, 624},
      {"Virgin Islands", 18.3358, -64.8963, 78, 107}, {"Virginia", 37.7693, -78.17, 51, 8536},
      {"Washington", 47.4009, -121.4905, 53, 7615}, {"West Virginia", 38.4912, -80.9545, 54, 1792},
      {"Wisconsin", 44.2685, -89.6165, 55, 5822}, {"Wyoming", 42.756, -107.3025, 56, 579},
  };
  SampleRandom rng(20210207);
  std::string out =
      "Province_State,Country_Region,Last_Update,Lat,Long_,Confirmed,Deaths,Recovered,Active,FIPS,Incident_Rate,"
      "Total_Test_Results,People_Hospitalized,Case_Fatality_Ratio,UID,ISO3,Testing_Rate,Hospitalization_Rate,Date,"
      "People_Tested,Mortality_Rate\n";
  struct State {
    double confirmed, deaths, recovered, tests;
  };
  std::vector<State> states;
  for (const auto& r : kRegions) {
    const double attack = 0.06 + 0.005 * static_cast<double>(rng.Below(10));
    const double confirmed = r.population_k * 1000.0 * attack;
    states.push_back({confirmed, confirmed * (0.012 + 0.001 * static_cast<double>(rng.Below(6))),
                      rng.Below(3) == 0 ? 0.0 : confirmed * 0.7, confirmed * (9 + static_cast<double>(rng.Below(6)))});
  }
  // 2/7/2021 .. 3/7/2021: February 2021 has 28 days.
  for (int day = 0; day < 29; ++day) {
    const int month = day < 22 ? 2 : 3;
    const int dom = day < 22 ? 7 + day : day - 21;
    const int prev_month = day < 23 ? 2 : 3;
    const int prev_dom = day < 23 ? 6 + day : day - 22;
    for (size_t i = 0; i < std::size(kRegions); ++i) {
      const auto& r = kRegions[i];
      auto& st = states[i];
      const double new_cases = st.confirmed * (0.002 + 0.0005 * static_cast<double>(rng.Below(8)));
      st.confirmed += new_cases;
      st.deaths += new_cases * 0.015;
      if (st.recovered > 0) st.recovered += new_cases * 0.9;
      st.tests += new_cases * 12;
      const auto confirmed = static_cast<int64_t>(st.confirmed);
      const auto deaths = static_cast<int64_t>(st.deaths);
      const std::string recovered = st.recovered > 0 ? std::to_string(static_cast<int64_t>(st.recovered)) : "";
      const std::string active =
          st.recovered > 0 ? std::to_string(confirmed - deaths - static_cast<int64_t>(st.recovered)) : "";
      const double incident = st.confirmed / (r.population_k * 1000.0) * 100000.0;
      const double fatality = st.deaths / st.confirmed * 100.0;
      const double testing = st.tests / (r.population_k * 1000.0) * 100000.0;
      out += fmt::format("{},US,{}/{}/2021,{},{},{},{},{},{},{},{:.6f},{},,{:.9f},{},USA,{:.4f},,{}/{}/2021,,\n",
                         Quote(r.name), month, dom, r.lat, r.lon, confirmed, deaths, recovered, active, r.fips,
                         incident, static_cast<int64_t>(st.tests), fatality, 84000000 + r.fips, testing, prev_month,
                         prev_dom);
    }
  }
  return out;
}

}  // namespace

void RegisterSampleCommands(CLI::App& app, std::function<arrow::Status()>* run) {
  auto* sample = app.add_subcommand("sample", "Write a built-in sample data set (deterministic) to a file");
  auto name = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  sample->add_option("name", *name, "Data set: products (products.csv of the Delta Lake lab) or covid (covid_data.csv of the pipeline lab)")->required();
  sample->add_option("--output,-o", *output, "File to write (stdout when omitted)");
  sample->callback([run, name, output] {
    *run = [name, output]() -> arrow::Status {
      std::string data;
      if (*name == "products") {
        data = Products();
      } else if (*name == "covid") {
        data = Covid();
      } else {
        return UserError("INVALID_PARAMETER_VALUE", "unknown sample data set '{}' (available: products, covid)",
                         *name);
      }
      if (output->empty()) {
        std::cout << data;
        return arrow::Status::OK();
      }
      std::ofstream f(*output, std::ios::binary);
      f << data;
      if (!f) return arrow::Status::IOError("cannot write ", *output);
      return arrow::Status::OK();
    };
  });
}

}  // namespace tarn::cli
