#include <algorithm>
#include <array>
#include <cctype>

#include "calendar/civil_date.h"
#include "errors/error_class.h"
#include "files/datetime_pattern_internal.h"

namespace tarn::files {

namespace {

constexpr int64_t kMicrosPerSecond = 1000000;
constexpr int64_t kMicrosPerDay = 86400 * kMicrosPerSecond;

constexpr std::array<std::string_view, 12> kMonthNames = {
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december"};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads between min and max digits at *pos.
bool ReadNumber(std::string_view s, size_t* pos, int min_digits, int max_digits, int64_t* out) {
  int64_t value = 0;
  int n = 0;
  while (*pos < s.size() && n < max_digits && IsDigit(s[*pos])) {
    value = value * 10 + (s[*pos] - '0');
    ++*pos;
    ++n;
  }
  if (n < min_digits) return false;
  *out = value;
  return true;
}

bool ValidDate(int64_t y, int64_t m, int64_t d) {
  return m >= 1 && m <= 12 && d >= 1 &&
         d <= static_cast<int64_t>(calendar::DaysInMonth(y, static_cast<unsigned>(m)));
}

// Zone suffix: Z, UTC, GMT, +h, +hh, +hh:mm, +hhmm. Offset in seconds.
bool ReadZone(std::string_view s, size_t* pos, int64_t* offset_seconds) {
  std::string_view rest = s.substr(*pos);
  if (rest == "Z" || rest == "UTC" || rest == "GMT" || rest == "z") {
    *pos = s.size();
    *offset_seconds = 0;
    return true;
  }
  if (rest.starts_with("UTC") || rest.starts_with("GMT")) *pos += 3;
  if (*pos >= s.size() || (s[*pos] != '+' && s[*pos] != '-')) return false;
  int sign = s[*pos] == '-' ? -1 : 1;
  ++*pos;
  int64_t hours = 0, minutes = 0;
  if (!ReadNumber(s, pos, 1, 2, &hours)) return false;
  if (*pos < s.size() && s[*pos] == ':') ++*pos;
  if (*pos < s.size()) {
    if (!ReadNumber(s, pos, 2, 2, &minutes)) return false;
  }
  if (hours > 18 || minutes > 59) return false;
  *offset_seconds = sign * (hours * 3600 + minutes * 60);
  return true;
}

}  // namespace

arrow::Result<DateTimePattern> DateTimePattern::Make(std::string_view pattern) {
  DateTimePattern out;
  out.pattern_ = std::string(pattern);
  size_t i = 0;
  while (i < pattern.size()) {
    char c = pattern[i];
    if (c == '\'') {
      size_t end = pattern.find('\'', i + 1);
      if (end == std::string_view::npos) {
        return UserError("INVALID_DATETIME_PATTERN", "Unrecognized datetime pattern: {} (unclosed quote)",
                         pattern);
      }
      std::string literal(pattern.substr(i + 1, end - i - 1));
      if (literal.empty()) literal = "'";  // '' is a quote
      out.elements_.push_back({Kind::kLiteral, 0, literal});
      i = end + 1;
      continue;
    }
    if (!std::isalpha(static_cast<unsigned char>(c))) {
      out.elements_.push_back({Kind::kLiteral, 0, std::string(1, c)});
      ++i;
      continue;
    }
    size_t j = i;
    while (j < pattern.size() && pattern[j] == c) ++j;
    int width = static_cast<int>(j - i);
    Kind kind;
    switch (c) {
      case 'y': case 'u': kind = Kind::kYear; break;
      case 'M': case 'L': kind = width >= 3 ? Kind::kMonthName : Kind::kMonth; break;
      case 'd': kind = Kind::kDay; break;
      case 'H': kind = Kind::kHour24; break;
      case 'h': kind = Kind::kHour12; break;
      case 'a': kind = Kind::kAmPm; break;
      case 'm': kind = Kind::kMinute; break;
      case 's': kind = Kind::kSecond; break;
      case 'S': kind = Kind::kFraction; break;
      case 'X': case 'x': case 'Z': kind = Kind::kOffset; break;
      default:
        return UserError("INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER",
                         "Illegal pattern character found in datetime pattern: {} (in '{}')", c, pattern);
    }
    out.elements_.push_back({kind, width, {}});
    i = j;
  }
  return out;
}

std::optional<int64_t> DateTimePattern::ParseMicros(std::string_view s) const {
  int64_t year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, micros = 0;
  int64_t offset = 0;
  bool pm = false, has_ampm = false;
  size_t pos = 0;
  for (const Element& e : elements_) {
    int64_t v = 0;
    switch (e.kind) {
      case Kind::kLiteral:
        if (s.substr(pos, e.literal.size()) != e.literal) return std::nullopt;
        pos += e.literal.size();
        break;
      case Kind::kYear:
        if (e.width == 2) {
          if (!ReadNumber(s, &pos, 2, 2, &v)) return std::nullopt;
          year = 2000 + v;
        } else {
          if (!ReadNumber(s, &pos, std::max(e.width, 1), 9, &v)) return std::nullopt;
          year = v;
        }
        break;
      case Kind::kMonth:
        if (!ReadNumber(s, &pos, e.width, 2, &v)) return std::nullopt;
        month = v;
        break;
      case Kind::kMonthName: {
        bool found = false;
        for (size_t m = 0; m < kMonthNames.size() && !found; ++m) {
          size_t len = e.width == 3 ? 3 : kMonthNames[m].size();
          if (pos + len > s.size()) continue;
          bool same = true;
          for (size_t k = 0; k < len && same; ++k) {
            same = std::tolower(static_cast<unsigned char>(s[pos + k])) == kMonthNames[m][k];
          }
          if (same) {
            month = static_cast<int64_t>(m) + 1;
            pos += len;
            found = true;
          }
        }
        if (!found) return std::nullopt;
        break;
      }
      case Kind::kDay:
        if (!ReadNumber(s, &pos, e.width, 2, &day)) return std::nullopt;
        break;
      case Kind::kHour24:
      case Kind::kHour12:
        if (!ReadNumber(s, &pos, e.width, 2, &hour)) return std::nullopt;
        break;
      case Kind::kAmPm: {
        std::string ap(s.substr(pos, 2));
        for (char& ch : ap) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        if (ap != "AM" && ap != "PM") return std::nullopt;
        pm = ap == "PM";
        has_ampm = true;
        pos += 2;
        break;
      }
      case Kind::kMinute:
        if (!ReadNumber(s, &pos, e.width, 2, &minute)) return std::nullopt;
        break;
      case Kind::kSecond:
        if (!ReadNumber(s, &pos, e.width, 2, &second)) return std::nullopt;
        break;
      case Kind::kFraction: {
        size_t start = pos;
        if (!ReadNumber(s, &pos, 1, e.width, &v)) return std::nullopt;
        for (size_t digits = pos - start; digits < 6; ++digits) v *= 10;
        for (size_t digits = pos - start; digits > 6; --digits) v /= 10;
        micros = v;
        break;
      }
      case Kind::kOffset: {
        int64_t off = 0;
        // ReadZone consumes to the end for the named forms; offsets are the last element in practice.
        if (!ReadZone(s, &pos, &off)) return std::nullopt;
        offset = off;
        break;
      }
    }
  }
  if (pos != s.size()) return std::nullopt;
  if (has_ampm) {
    if (hour < 1 || hour > 12) return std::nullopt;
    hour = hour % 12 + (pm ? 12 : 0);
  }
  if (!ValidDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  int64_t days = calendar::DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return days * kMicrosPerDay + ((hour * 60 + minute) * 60 + second - offset) * kMicrosPerSecond + micros;
}

std::optional<int32_t> DateTimePattern::ParseDays(std::string_view text) const {
  auto micros = ParseMicros(text);
  if (!micros) return std::nullopt;
  int64_t days = *micros / kMicrosPerDay - (*micros % kMicrosPerDay < 0 ? 1 : 0);
  return static_cast<int32_t>(days);
}

std::optional<int32_t> ParseIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  size_t pos = 0;
  int64_t y = 0, m = 0, d = 0;
  if (!ReadNumber(s, &pos, 4, 4, &y)) return std::nullopt;
  pos = 5;
  if (!ReadNumber(s, &pos, 2, 2, &m)) return std::nullopt;
  pos = 8;
  if (!ReadNumber(s, &pos, 2, 2, &d)) return std::nullopt;
  if (!ValidDate(y, m, d)) return std::nullopt;
  return static_cast<int32_t>(calendar::DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)));
}

std::optional<int64_t> ParseDefaultTimestamp(std::string_view s, bool* has_zone) {
  if (has_zone) *has_zone = false;
  size_t pos = 0;
  int64_t year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0, micros = 0, offset = 0;
  if (!ReadNumber(s, &pos, 4, 6, &year)) return std::nullopt;
  if (pos < s.size() && s[pos] == '-') {
    ++pos;
    if (!ReadNumber(s, &pos, 1, 2, &month)) return std::nullopt;
    if (pos < s.size() && s[pos] == '-') {
      ++pos;
      if (!ReadNumber(s, &pos, 1, 2, &day)) return std::nullopt;
    }
  }
  if (pos < s.size() && (s[pos] == ' ' || s[pos] == 'T')) {
    ++pos;
    if (pos < s.size() && IsDigit(s[pos])) {
      if (!ReadNumber(s, &pos, 1, 2, &hour)) return std::nullopt;
      if (pos < s.size() && s[pos] == ':') {
        ++pos;
        if (!ReadNumber(s, &pos, 1, 2, &minute)) return std::nullopt;
        if (pos < s.size() && s[pos] == ':') {
          ++pos;
          if (!ReadNumber(s, &pos, 1, 2, &second)) return std::nullopt;
          if (pos < s.size() && s[pos] == '.') {
            ++pos;
            size_t start = pos;
            int64_t frac = 0;
            if (!ReadNumber(s, &pos, 0, 9, &frac)) return std::nullopt;
            for (size_t digits = pos - start; digits < 6; ++digits) frac *= 10;
            for (size_t digits = pos - start; digits > 6; --digits) frac /= 10;
            micros = frac;
          }
        }
      }
    }
  }
  if (pos < s.size()) {
    if (s[pos] == ' ') ++pos;
    if (!ReadZone(s, &pos, &offset) || pos != s.size()) return std::nullopt;
    if (has_zone) *has_zone = true;
  }
  if (!ValidDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  int64_t days = calendar::DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return days * kMicrosPerDay + ((hour * 60 + minute) * 60 + second - offset) * kMicrosPerSecond + micros;
}

}  // namespace tarn::files
