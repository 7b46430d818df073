// tarn::files — reading CSV, JSON, Parquet, text and binary files into Arrow tables with
// Databricks `read_files` / Auto Loader semantics: file discovery (directories, Hadoop globs),
// Spark's reader options, Spark's schema inference, and malformed input that is rescued,
// dropped (and counted) or rejected, never lost silently.
//
// Thread safety: every function is reentrant; files are read in parallel on Arrow's CPU pool.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <arrow/result.h>
#include <arrow/type_fwd.h>

namespace tarn::files {

enum class FileFormat { kCsv, kJson, kParquet, kText, kBinaryFile };

// "csv", "json", "parquet", "text", "binaryFile" (case-insensitive); DATA_SOURCE_NOT_FOUND otherwise.
arrow::Result<FileFormat> ParseFileFormat(std::string_view name);
std::string_view FileFormatName(FileFormat format);

// Option names compare case-insensitively, as Spark's CaseInsensitiveMap does.
struct CaseInsensitiveLess {
  bool operator()(std::string_view a, std::string_view b) const;
};
using OptionMap = std::map<std::string, std::string, CaseInsensitiveLess>;

struct ReadOptions {
  FileFormat format = FileFormat::kCsv;
  // Spark / Databricks reader options by their names (header, sep, mode, ...). Unknown names
  // are refused with CF_UNKNOWN_OPTION_KEYS_ERROR.
  OptionMap options;
  // The schema to read with (the caller parses a `schema =>` DDL string); null = infer.
  std::shared_ptr<arrow::Schema> schema;
  // `schemaHints`: these fields replace the inferred type of the column of the same name
  // (case-insensitive) or are added when inference did not find the column.
  std::vector<std::shared_ptr<arrow::Field>> schema_hints;
  // Adds the struct column `_metadata` (file_path, file_name, file_size, file_block_start,
  // file_block_length, file_modification_time).
  bool include_metadata = false;
};

struct InputFile {
  std::string path;  // as the filesystem names it (absolute local path or URI path)
  int64_t size = 0;
  int64_t modification_time_ms = 0;  // milliseconds since the Unix epoch
};

struct ReadMetrics {
  int64_t files = 0;
  int64_t rows = 0;                    // rows returned
  int64_t malformed_rows_dropped = 0;  // DROPMALFORMED
  int64_t rescued_rows = 0;            // PERMISSIVE rows with a non-null rescued-data column
};

// The files a path, directory (recursive; names starting with '_' or '.' skipped) or Hadoop
// glob (*, ?, [abc], [a-z], [^a], {a,b}) denotes, sorted by path, filtered by the options
// pathGlobFilter, modifiedAfter and modifiedBefore. Nothing found: PATH_NOT_FOUND.
arrow::Result<std::vector<InputFile>> ListInputFiles(const std::string& path_or_glob,
                                                     const ReadOptions& options);

// The schema ReadFiles returns for `files` when options.schema is null: Spark's inference
// (CSV: bigint, decimal, double, date, timestamp, boolean, string, widened across rows and
// files; JSON: bigint, double, boolean, string, struct, array, fields sorted by name),
// schema hints applied, then the rescued-data column (CSV and JSON) and `_metadata` if asked.
arrow::Result<std::shared_ptr<arrow::Schema>> InferSchema(const std::vector<InputFile>& files,
                                                          const ReadOptions& options);

// Reads `files` (in order) into one table with the given schema or the inferred one.
// Malformed records follow `mode`: PERMISSIVE (default) nulls the field and puts the text into
// the rescued-data column as JSON, DROPMALFORMED drops the row and counts it, FAILFAST fails with
// MALFORMED_RECORD_IN_PARSING naming the file and line. `metrics` may be null.
arrow::Result<std::shared_ptr<arrow::Table>> ReadFiles(const std::vector<InputFile>& files,
                                                       const ReadOptions& options,
                                                       ReadMetrics* metrics = nullptr);

// ListInputFiles + ReadFiles.
arrow::Result<std::shared_ptr<arrow::Table>> ReadPath(const std::string& path_or_glob,
                                                      const ReadOptions& options,
                                                      ReadMetrics* metrics = nullptr);

}  // namespace tarn::files
