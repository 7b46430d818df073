#include <algorithm>

#include <arrow/api.h>
#include <arrow/compute/api.h>
#include <nlohmann/json.hpp>

#include "errors/error_class.h"
#include "files/rescued_data_internal.h"

namespace tarn::files {

std::string RescuedData::ToJson(size_t row, const std::string& file_path) const {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  const auto& entries = entries_[row];
  for (size_t i = 0; i < entries.size(); ++i) {
    bool raw = std::find(json_keys_.begin(), json_keys_.end(), std::make_pair(row, i)) != json_keys_.end();
    if (raw) {
      auto parsed = nlohmann::ordered_json::parse(entries[i].second, nullptr, false);
      out[entries[i].first] = parsed.is_discarded() ? nlohmann::ordered_json(entries[i].second) : parsed;
    } else {
      out[entries[i].first] = entries[i].second;
    }
  }
  out["_file_path"] = file_path;
  return out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

arrow::Result<FileRows> FinishRows(const arrow::Schema& data_schema, arrow::ArrayVector columns,
                                   const RescuedData& rescued, const std::vector<bool>& malformed,
                                   const InputFile& file, const std::string& rescue_column,
                                   const ReaderSettings& settings) {
  FileRows out;
  size_t rows = malformed.size();
  arrow::FieldVector fields = data_schema.fields();
  if (!rescue_column.empty()) {
    arrow::StringBuilder b;
    ARROW_RETURN_NOT_OK(b.Reserve(static_cast<int64_t>(rows)));
    for (size_t r = 0; r < rows; ++r) {
      if (rescued.has(r)) {
        ARROW_RETURN_NOT_OK(b.Append(rescued.ToJson(r, file.path)));
      } else {
        ARROW_RETURN_NOT_OK(b.AppendNull());
      }
    }
    std::shared_ptr<arrow::Array> array;
    ARROW_RETURN_NOT_OK(b.Finish(&array));
    columns.push_back(array);
    fields.push_back(arrow::field(rescue_column, arrow::utf8()));
  }
  auto batch = arrow::RecordBatch::Make(arrow::schema(fields), static_cast<int64_t>(rows), columns);
  bool drop = settings.mode == ParseMode::kDropMalformed &&
              std::any_of(malformed.begin(), malformed.end(), [](bool m) { return m; });
  if (drop) {
    arrow::BooleanBuilder keep;
    ARROW_RETURN_NOT_OK(keep.Reserve(static_cast<int64_t>(rows)));
    for (bool m : malformed) {
      keep.UnsafeAppend(!m);
      out.malformed_rows_dropped += m ? 1 : 0;
    }
    std::shared_ptr<arrow::Array> mask;
    ARROW_RETURN_NOT_OK(keep.Finish(&mask));
    ARROW_ASSIGN_OR_RAISE(auto filtered, arrow::compute::Filter(batch, mask));
    batch = filtered.record_batch();
  }
  for (size_t r = 0; r < rows; ++r) {
    if (rescued.has(r) && !(drop && malformed[r])) ++out.rescued_rows;
  }
  if (rescue_column.empty()) out.rescued_rows = 0;
  ARROW_ASSIGN_OR_RAISE(out.table, arrow::Table::FromRecordBatches({batch}));
  return out;
}

}  // namespace tarn::files
