#include "exec/table_sources.h"

#include <algorithm>
#include <filesystem>

#include <arrow/api.h>
#include <arrow/io/file.h>
#include <parquet/arrow/reader.h>
#include <parquet/file_reader.h>
#include <parquet/metadata.h>

#include "errors/error_class.h"
#include "storage/delta/delta_table.h"
#include "storage/delta/parquet_reader.h"
#include "storage/delta/schema.h"
#include "storage/delta/value_parser.h"

namespace tarn::exec {

arrow::Result<std::shared_ptr<DeltaTableSource>> DeltaTableSource::Open(const std::string& path,
                                                                        std::optional<int64_t> version,
                                                                        std::optional<std::string> timestamp) {
  if (!std::filesystem::exists(std::filesystem::path(path) / "_delta_log")) {
    if (!std::filesystem::exists(path)) {
      return UserError("PATH_NOT_FOUND", "Path does not exist: {}.", path);
    }
    return UserError("DELTA_MISSING_DELTA_TABLE", "{} is not a Delta table.", path);
  }
  ARROW_ASSIGN_OR_RAISE(auto table, delta::DeltaTable::Open(path));
  auto source = std::make_shared<DeltaTableSource>();
  source->path_ = path;
  if (timestamp) {
    ARROW_ASSIGN_OR_RAISE(int64_t micros, delta::ParseTimestampMicros(*timestamp));
    ARROW_ASSIGN_OR_RAISE(source->snapshot_, table.LoadSnapshotAsOf(micros / 1000));
  } else {
    ARROW_ASSIGN_OR_RAISE(source->snapshot_, table.LoadSnapshot(version));
  }
  return source;
}

std::string DeltaTableSource::Describe() const {
  return "delta.`" + path_ + "` version " + std::to_string(snapshot_->version());
}

const delta::TableStatistics& DeltaTableSource::statistics() const {
  std::call_once(statistics_once_, [&] { statistics_ = delta::SummarizeStatistics(*snapshot_); });
  return statistics_;
}

std::optional<int64_t> DeltaTableSource::estimated_rows() const { return statistics().num_records; }

std::optional<int64_t> DeltaTableSource::estimated_distinct(const std::string& column) const {
  const auto& bounds = statistics().distinct_upper_bound;
  auto it = bounds.find(delta::LowerCaseName(column));
  if (it == bounds.end()) return std::nullopt;
  return it->second;
}

arrow::Result<std::shared_ptr<ParquetTableSource>> ParquetTableSource::Open(const std::string& path) {
  namespace fs = std::filesystem;
  auto source = std::make_shared<ParquetTableSource>();
  source->path_ = path;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    for (const auto& entry : fs::recursive_directory_iterator(path, ec)) {
      const auto name = entry.path().filename().string();
      if (entry.is_regular_file() && entry.path().extension() == ".parquet" && name[0] != '.' && name[0] != '_') {
        source->files_.push_back(entry.path().string());
      }
    }
    std::sort(source->files_.begin(), source->files_.end());
  } else if (fs::exists(path, ec)) {
    source->files_.push_back(path);
  }
  if (source->files_.empty()) {
    return UserError("PATH_NOT_FOUND", "Path does not exist: {}.", path);
  }
  for (const auto& file : source->files_) {
    ARROW_ASSIGN_OR_RAISE(auto input, arrow::io::ReadableFile::Open(file));
    ARROW_ASSIGN_OR_RAISE(auto reader, parquet::arrow::OpenFile(input, arrow::default_memory_pool()));
    source->rows_ += reader->parquet_reader()->metadata()->num_rows();
    if (!source->schema_) ARROW_RETURN_NOT_OK(reader->GetSchema(&source->schema_));
  }
  return source;
}

arrow::Result<std::shared_ptr<arrow::Table>> ParquetTableSource::Read(const std::vector<std::string>& columns) const {
  std::vector<std::shared_ptr<arrow::Table>> parts;
  for (const auto& file : files_) {
    ARROW_ASSIGN_OR_RAISE(auto input, arrow::io::ReadableFile::Open(file));
    ARROW_ASSIGN_OR_RAISE(auto reader, delta::OpenParquetReader(input));
    std::shared_ptr<arrow::Schema> schema;
    ARROW_RETURN_NOT_OK(reader->GetSchema(&schema));
    std::vector<int> indices;
    for (const auto& c : columns) {
      int i = schema->GetFieldIndex(c);
      if (i < 0) return UserError("UNRESOLVED_COLUMN.WITHOUT_SUGGESTION", "Column {} is not in {}.", c, file);
      indices.push_back(i);
    }
    ARROW_ASSIGN_OR_RAISE(auto t, reader->ReadTable(indices));
    parts.push_back(t);
  }
  return arrow::ConcatenateTables(parts);
}

InMemoryTableSource::InMemoryTableSource(std::string name, std::shared_ptr<arrow::Table> table)
    : name_(std::move(name)), table_(std::move(table)), schema_(table_->schema()) {}

std::optional<int64_t> InMemoryTableSource::estimated_rows() const { return table_->num_rows(); }

}  // namespace tarn::exec
