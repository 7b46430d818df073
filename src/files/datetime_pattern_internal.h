// Spark datetime patterns (dateFormat / timestampFormat options, e.g. "MM/dd/yyyy HH:mm:ss") and
// Spark's default date / timestamp text forms, parsed to days / microseconds since the epoch.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <arrow/result.h>

namespace tarn::files {

class DateTimePattern {
 public:
  // Supports y, M (numbers and MMM/MMMM names), d, H, h, a, m, s, S (fraction), literal
  // text in '...', and the offsets X / XXX / Z. Unsupported letters: INVALID_DATETIME_PATTERN.
  static arrow::Result<DateTimePattern> Make(std::string_view pattern);

  // Microseconds since the epoch (UTC); nullopt when `text` does not match the whole pattern.
  std::optional<int64_t> ParseMicros(std::string_view text) const;
  std::optional<int32_t> ParseDays(std::string_view text) const;
  const std::string& pattern() const { return pattern_; }

 private:
  enum class Kind { kLiteral, kYear, kMonth, kMonthName, kDay, kHour24, kHour12, kAmPm, kMinute,
                    kSecond, kFraction, kOffset };
  struct Element {
    Kind kind;
    int width;            // letter count
    std::string literal;  // kLiteral
  };
  std::string pattern_;
  std::vector<Element> elements_;
};

// Spark's default date form when no dateFormat is given for inference: strict yyyy-MM-dd.
std::optional<int32_t> ParseIsoDate(std::string_view text);
// Spark's default timestamp parsing (stringToTimestamp): yyyy[-M[-d]][( |T)H[:m[:s[.fraction]]]][zone],
// zone = Z | +hh[:mm] | -hh[:mm] | UTC. Microseconds since the epoch, UTC when no zone is given.
// `has_zone` reports whether a zone was present (timestamp_ntz refuses it).
std::optional<int64_t> ParseDefaultTimestamp(std::string_view text, bool* has_zone = nullptr);

}  // namespace tarn::files
