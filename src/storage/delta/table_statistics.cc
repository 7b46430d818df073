#include "storage/delta/table_statistics.h"

#include <algorithm>
#include <set>
#include <vector>

#include <arrow/scalar.h>
#include <nlohmann/json.hpp>

#include "storage/delta/schema.h"
#include "storage/delta/value_parser.h"

namespace tarn::delta {

using nlohmann::json;

namespace {

std::optional<std::shared_ptr<arrow::DataType>> IntegralType(const json& type) {
  if (!type.is_string()) return std::nullopt;
  const auto& name = type.get_ref<const std::string&>();
  if (name == "byte" || name == "short" || name == "integer" || name == "long") return arrow::int64();
  if (name == "date") return arrow::date32();
  return std::nullopt;
}

std::optional<int64_t> AsInt64(const arrow::Scalar& s) {
  if (!s.is_valid) return std::nullopt;
  if (s.type->id() == arrow::Type::INT64) return static_cast<const arrow::Int64Scalar&>(s).value;
  if (s.type->id() == arrow::Type::DATE32) return static_cast<const arrow::Date32Scalar&>(s).value;
  return std::nullopt;
}

struct ColumnRange {
  std::string logical;   // lower-cased
  std::string physical;  // key inside stats
  std::shared_ptr<arrow::DataType> type;
  bool is_partition = false;
  bool known = true;
  int64_t min = 0, max = 0;
  bool seen = false;
  std::set<std::string> partition_values;
};

}  // namespace

TableStatistics SummarizeStatistics(const Snapshot& snapshot) {
  std::vector<ColumnRange> columns;
  const auto& partitions = snapshot.metadata().partition_columns;
  for (const auto& field : snapshot.schema().value("fields", json::array())) {
    const std::string name = field.value("name", "");
    const bool is_partition = std::find(partitions.begin(), partitions.end(), name) != partitions.end();
    auto type = IntegralType(field["type"]);
    if (!type && !is_partition) continue;
    ColumnRange c;
    c.logical = LowerCaseName(name);
    c.physical = snapshot.column_mapping() == ColumnMappingMode::kNone ? name : PhysicalName(field);
    c.type = type.value_or(nullptr);
    c.is_partition = is_partition;
    columns.push_back(std::move(c));
  }
  TableStatistics out;
  int64_t rows = 0;
  bool rows_known = true;
  for (const auto& file : snapshot.files()) {
    for (auto& c : columns) {
      if (!c.is_partition) continue;
      auto pv = file.partition_values.find(c.physical);
      c.partition_values.insert(pv == file.partition_values.end() || !pv->second ? std::string("\x01null")
                                                                                    : *pv->second);
    }
    json stats = file.stats ? json::parse(*file.stats, nullptr, false) : json();
    if (!stats.is_object() || !stats.contains("numRecords")) {
      rows_known = false;
      for (auto& c : columns) c.known &= c.is_partition;
      continue;
    }
    rows += stats["numRecords"].get<int64_t>();
    if (file.deletion_vector) rows -= file.deletion_vector->cardinality;
    const json& mins = stats.contains("minValues") ? stats["minValues"] : json();
    const json& maxs = stats.contains("maxValues") ? stats["maxValues"] : json();
    for (auto& c : columns) {
      if (c.is_partition || !c.known) continue;
      if (!mins.is_object() || !maxs.is_object() || !mins.contains(c.physical) || !maxs.contains(c.physical)) {
        // A file of only NULLs has no bounds and adds no value; any other gap makes it unknown.
        const json* nulls = stats.contains("nullCount") ? &stats["nullCount"] : nullptr;
        bool all_null = nulls && nulls->is_object() && nulls->contains(c.physical) &&
                        (*nulls)[c.physical] == stats["numRecords"];
        if (!all_null) c.known = false;
        continue;
      }
      auto lo = ScalarFromStatsJson(mins[c.physical], c.type);
      auto hi = ScalarFromStatsJson(maxs[c.physical], c.type);
      std::optional<int64_t> l = lo.ok() ? AsInt64(**lo) : std::nullopt;
      std::optional<int64_t> h = hi.ok() ? AsInt64(**hi) : std::nullopt;
      if (!l || !h) {
        c.known = false;
        continue;
      }
      c.min = c.seen ? std::min(c.min, *l) : *l;
      c.max = c.seen ? std::max(c.max, *h) : *h;
      c.seen = true;
    }
  }
  if (rows_known) out.num_records = rows;
  for (const auto& c : columns) {
    if (c.is_partition) {
      out.distinct_upper_bound[c.logical] = static_cast<int64_t>(c.partition_values.size());
    } else if (c.known && c.seen) {
      // The span may overflow for extreme bounds; then it says nothing.
      int64_t span;
      if (!__builtin_sub_overflow(c.max, c.min, &span) && span < INT64_MAX) {
        int64_t bound = span + 1;
        if (out.num_records) bound = std::min(bound, std::max<int64_t>(*out.num_records, 1));
        out.distinct_upper_bound[c.logical] = bound;
      }
    }
  }
  return out;
}

}  // namespace tarn::delta
