#include "storage/delta/file_statistics.h"

#include <arrow/api.h>
#include <arrow/compute/api.h>
#include <nlohmann/json.hpp>

#include "storage/delta/value_parser.h"

namespace tarn::delta {

using nlohmann::json;

namespace {

// The first `n` characters of a UTF-8 string (by code point), and whether it was cut.
std::pair<std::string, bool> Utf8Prefix(const std::string& s, int n) {
  size_t pos = 0;
  int count = 0;
  while (pos < s.size() && count < n) {
    unsigned char c = static_cast<unsigned char>(s[pos]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    pos += len;
    ++count;
  }
  if (pos >= s.size()) return {s, false};
  return {s.substr(0, pos), true};
}

class StatsCollector {
 public:
  explicit StatsCollector(int budget) : budget_(budget) {}

  arrow::Status Collect(const std::string& name, const std::shared_ptr<arrow::ChunkedArray>& column,
                        json& min_values, json& max_values, json& null_counts) {
    const auto& type = column->type();
    if (type->id() == arrow::Type::STRUCT) {
      json mins = json::object(), maxs = json::object(), nulls = json::object();
      for (int i = 0; i < type->num_fields(); ++i) {
        arrow::ArrayVector children;
        for (const auto& chunk : column->chunks()) {
          ARROW_ASSIGN_OR_RAISE(auto child,
                                static_cast<const arrow::StructArray&>(*chunk).GetFlattenedField(i));
          children.push_back(child);
        }
        auto child_col = std::make_shared<arrow::ChunkedArray>(children, type->field(i)->type());
        ARROW_RETURN_NOT_OK(Collect(type->field(i)->name(), child_col, mins, maxs, nulls));
      }
      if (!mins.empty()) min_values[name] = mins;
      if (!maxs.empty()) max_values[name] = maxs;
      if (!nulls.empty()) null_counts[name] = nulls;
      return arrow::Status::OK();
    }
    if (budget_ == 0) return arrow::Status::OK();
    if (budget_ > 0) --budget_;
    null_counts[name] = column->null_count();
    switch (type->id()) {
      case arrow::Type::LIST:
      case arrow::Type::LARGE_LIST:
      case arrow::Type::MAP:
      case arrow::Type::BINARY:
      case arrow::Type::BOOL:  // Delta keeps no min/max for these
        return arrow::Status::OK();
      default:
        break;
    }
    if (column->null_count() == column->length()) return arrow::Status::OK();
    arrow::compute::ScalarAggregateOptions opts(/*skip_nulls=*/true);
    ARROW_ASSIGN_OR_RAISE(auto result, arrow::compute::CallFunction("min_max", {column}, &opts));
    const auto& st = result.scalar_as<arrow::StructScalar>();
    auto min = st.value[0];
    auto max = st.value[1];
    if (type->id() == arrow::Type::STRING) {
      auto lo = Utf8Prefix(static_cast<const arrow::StringScalar&>(*min).value->ToString(),
                           kStatsStringPrefixLength);
      auto hi = Utf8Prefix(static_cast<const arrow::StringScalar&>(*max).value->ToString(),
                           kStatsStringPrefixLength);
      min_values[name] = lo.first;
      // A cut maximum must stay >= every value with that prefix: append U+10FFFF.
      max_values[name] = hi.second ? hi.first + "\xF4\x8F\xBF\xBF" : hi.first;
      return arrow::Status::OK();
    }
    if (auto v = FormatStatsValue(*min)) min_values[name] = *v;
    if (auto v = FormatStatsValue(*max)) {
      max_values[name] = *v;
    }
    return arrow::Status::OK();
  }

 private:
  int budget_;
};

// Emits marked decimal strings as bare JSON numbers.
std::string DumpWithRawNumbers(const json& stats) {
  std::string text = stats.dump();
  const std::string marker = "\"\\u0001";
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (true) {
    size_t at = text.find(marker, pos);
    if (at == std::string::npos) break;
    out.append(text, pos, at - pos);
    size_t end = text.find('"', at + marker.size());
    out.append(text, at + marker.size(), end - at - marker.size());
    pos = end + 1;
  }
  out.append(text, pos, std::string::npos);
  return out;
}

}  // namespace

arrow::Result<std::string> ComputeFileStatistics(const arrow::Table& data, int num_indexed_cols) {
  StatsCollector collector(num_indexed_cols < 0 ? -1 : num_indexed_cols);
  json mins = json::object(), maxs = json::object(), nulls = json::object();
  for (int i = 0; i < data.num_columns(); ++i) {
    ARROW_RETURN_NOT_OK(collector.Collect(data.schema()->field(i)->name(), data.column(i), mins, maxs, nulls));
  }
  json stats = {{"numRecords", data.num_rows()}, {"minValues", mins}, {"maxValues", maxs},
                {"nullCount", nulls}};
  return DumpWithRawNumbers(stats);
}

}  // namespace tarn::delta
