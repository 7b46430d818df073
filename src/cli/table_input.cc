#include "cli/table_input.h"

#include <arrow/api.h>
#include <arrow/compute/api.h>
#include <arrow/csv/api.h>
#include <arrow/io/file.h>
#include <arrow/json/api.h>
#include <parquet/arrow/reader.h>

#include "errors/error_class.h"
#include "storage/delta/parquet_reader.h"

namespace tarn::cli {

namespace {
bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
}  // namespace

arrow::Result<std::shared_ptr<arrow::Table>> LoadTableFile(const std::string& path,
                                                           const std::shared_ptr<arrow::Schema>& target) {
  auto opened = arrow::io::ReadableFile::Open(path);
  if (!opened.ok()) {
    return UserError("PATH_NOT_FOUND", "Path does not exist: {}.", path);
  }
  auto file = *opened;
  if (EndsWith(path, ".parquet")) {
    ARROW_ASSIGN_OR_RAISE(auto reader, delta::OpenParquetReader(file));
    return reader->ReadTable();
  }
  if (EndsWith(path, ".json") || EndsWith(path, ".jsonl") || EndsWith(path, ".ndjson")) {
    auto parse = arrow::json::ParseOptions::Defaults();
    parse.unexpected_field_behavior = arrow::json::UnexpectedFieldBehavior::InferType;
    if (target) {
      // Dates arrive as strings in JSON: read them as strings, cast below to the table's types.
      arrow::FieldVector fields;
      for (const auto& f : target->fields()) {
        auto id = f->type()->id();
        bool textual = id == arrow::Type::DATE32 || id == arrow::Type::TIMESTAMP || id == arrow::Type::DECIMAL128;
        fields.push_back(arrow::field(f->name(), textual ? arrow::utf8() : f->type()));
      }
      parse.explicit_schema = arrow::schema(fields);
    }
    auto reader = arrow::json::TableReader::Make(arrow::default_memory_pool(), file,
                                                 arrow::json::ReadOptions::Defaults(), parse);
    if (!reader.ok()) return reader.status();
    auto table = (*reader)->Read();
    if (!table.ok()) {
      return UserError("MALFORMED_RECORD_IN_PARSING", "Malformed records are detected in {}: {}", path,
                       table.status().message());
    }
    if (!target) return *table;
    // Cast the string-read dates / timestamps / decimals to the table's types.
    arrow::ChunkedArrayVector cols;
    arrow::FieldVector fields;
    for (int i = 0; i < (*table)->num_columns(); ++i) {
      auto field = (*table)->schema()->field(i);
      auto col = (*table)->column(i);
      auto want = target->GetFieldByName(field->name());
      if (want && !want->type()->Equals(*col->type())) {
        auto cast = arrow::compute::Cast(arrow::Datum(col), want->type());
        if (!cast.ok()) {
          return UserError("CAST_INVALID_INPUT", "Column {} of {} cannot be read as {}: {}", field->name(), path,
                           want->type()->ToString(), cast.status().message());
        }
        col = cast->chunked_array();
        field = field->WithType(want->type());
      }
      cols.push_back(col);
      fields.push_back(field);
    }
    return arrow::Table::Make(arrow::schema(fields), cols, (*table)->num_rows());
  }
  if (EndsWith(path, ".csv")) {
    auto convert = arrow::csv::ConvertOptions::Defaults();
    convert.strings_can_be_null = true;  // an empty field is NULL, as Spark reads it
    if (target) {
      for (const auto& f : target->fields()) convert.column_types[f->name()] = f->type();
    }
    auto reader = arrow::csv::TableReader::Make(arrow::io::default_io_context(), file,
                                                arrow::csv::ReadOptions::Defaults(),
                                                arrow::csv::ParseOptions::Defaults(), convert);
    if (!reader.ok()) return reader.status();
    auto table = (*reader)->Read();
    if (!table.ok()) {
      return UserError("MALFORMED_RECORD_IN_PARSING", "Malformed records are detected in {}: {}", path,
                       table.status().message());
    }
    return *table;
  }
  return UserError("UNSUPPORTED_DATASOURCE_FORMAT",
                   "Cannot tell the format of {}: use a .csv, .json or .parquet file.", path);
}

}  // namespace tarn::cli
