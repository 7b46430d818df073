#include "cli/sample_data.h"

#include <cstdint>
#include <fstream>
#include <iostream>
#include <memory>

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

}  // namespace

void RegisterSampleCommands(CLI::App& app, std::function<arrow::Status()>* run) {
  auto* sample = app.add_subcommand("sample", "Write a built-in sample data set (deterministic) to a file");
  auto name = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  sample->add_option("name", *name, "Data set: products")->required();
  sample->add_option("--output,-o", *output, "File to write (stdout when omitted)");
  sample->callback([run, name, output] {
    *run = [name, output]() -> arrow::Status {
      std::string data;
      if (*name == "products") {
        data = Products();
      } else {
        return UserError("INVALID_PARAMETER_VALUE", "unknown sample data set '{}' (available: products)", *name);
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
