// One reader per file format behind a small interface, so that ReadFiles can parse files in
// parallel, merge their inferred schemas, then convert each file to the final schema.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <arrow/result.h>
#include <arrow/type_fwd.h>

#include "files/read_files.h"
#include "files/reader_settings_internal.h"

namespace tarn::files {

// One file's rows in the final schema (data columns, then the rescued-data column if asked).
struct FileRows {
  std::shared_ptr<arrow::Table> table;
  int64_t malformed_rows_dropped = 0;
  int64_t rescued_rows = 0;
};

class FormatReader {
 public:
  virtual ~FormatReader() = default;
  // Reads and parses file `index`; with `infer`, also infers its schema. Called concurrently for
  // different indices.
  virtual arrow::Status Load(size_t index, const InputFile& file, bool infer) = 0;
  // The merge of the schemas inferred by Load, in file order (data columns only).
  virtual arrow::Result<std::shared_ptr<arrow::Schema>> MergedSchema() const = 0;
  // Converts loaded file `index` to `data_schema`; `rescue_column` empty = no rescued-data column.
  // Called concurrently for different indices; releases what Load kept for the file.
  virtual arrow::Result<FileRows> Convert(size_t index, const InputFile& file,
                                          const arrow::Schema& data_schema,
                                          const std::string& rescue_column) = 0;
};

std::unique_ptr<FormatReader> MakeCsvReader(const ReaderSettings& settings, size_t num_files);
std::unique_ptr<FormatReader> MakeJsonReader(const ReaderSettings& settings, size_t num_files);
std::unique_ptr<FormatReader> MakeParquetReader(const ReaderSettings& settings, size_t num_files);
std::unique_ptr<FormatReader> MakeTextReader(const ReaderSettings& settings, size_t num_files);
std::unique_ptr<FormatReader> MakeBinaryFileReader(const ReaderSettings& settings, size_t num_files);

// The whole content of `file`.
arrow::Result<std::shared_ptr<arrow::Buffer>> ReadWholeFile(const InputFile& file);

// Malformed-record errors as Spark names them, with the file and line.
arrow::Status MalformedRecordError(const ReaderSettings& settings, const InputFile& file, int64_t line,
                                   const std::string& detail);

}  // namespace tarn::files
