// Splits CSV text into records and fields with Spark's reader options (sep, quote, escape,
// comment, lineSep, multiLine, whitespace trimming). Fields are views into the file buffer, or
// into the tokenizer's own storage when unescaping changed them.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "files/reader_settings_internal.h"

namespace tarn::files {

struct CsvField {
  std::string_view text;
  bool quoted = false;
};

struct CsvRecords {
  std::vector<CsvField> fields;
  std::vector<uint32_t> record_starts;  // record r = fields[record_starts[r], record_starts[r+1])
  std::vector<int64_t> line_numbers;    // 1-based line on which record r starts
  std::deque<std::string> unescaped;    // storage for fields that differ from the file text

  size_t num_records() const { return line_numbers.size(); }
  size_t num_fields(size_t r) const { return record_starts[r + 1] - record_starts[r]; }
  const CsvField& field(size_t r, size_t i) const { return fields[record_starts[r] + i]; }
};

// Tokenizes `text` (a whole file). Blank lines and comment lines are skipped, as Spark does.
CsvRecords TokenizeCsv(std::string_view text, const ReaderSettings& settings);

}  // namespace tarn::files
