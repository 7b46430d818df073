// The reader options of ReadOptions::options, validated and typed once per read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <arrow/result.h>

#include "files/datetime_pattern_internal.h"
#include "files/read_files.h"

namespace tarn::files {

enum class ParseMode { kPermissive, kDropMalformed, kFailFast };

struct ReaderSettings {
  FileFormat format = FileFormat::kCsv;
  // CSV
  bool header = false;
  char sep = ',';
  char quote = '"';  // '\0' = no quoting
  char escape = '\\';
  char comment = '\0';  // '\0' = no comment lines
  bool ignore_leading_whitespace = false;
  bool ignore_trailing_whitespace = false;
  // CSV, JSON, text
  std::string line_sep;  // empty = \n, \r\n or \r
  bool multi_line = false;
  std::string null_value;
  std::string empty_value;
  std::optional<DateTimePattern> date_format;
  std::optional<DateTimePattern> timestamp_format;
  bool infer_column_types = true;
  bool primitives_as_string = false;  // JSON
  ParseMode mode = ParseMode::kPermissive;
  std::string rescued_data_column = "_rescued_data";
  bool rescued_data_column_given = false;
  bool whole_text = false;  // text
  // Discovery
  bool recursive_file_lookup = true;
  std::string path_glob_filter;
  std::optional<int64_t> modified_after_ms;
  std::optional<int64_t> modified_before_ms;
};

// Validates names and values: CF_UNKNOWN_OPTION_KEYS_ERROR for unknown names, INVALID_PARAMETER_VALUE
// (or a more specific Spark class) for bad values.
arrow::Result<ReaderSettings> MakeReaderSettings(const ReadOptions& options);

std::string_view ParseModeName(ParseMode mode);

}  // namespace tarn::files
