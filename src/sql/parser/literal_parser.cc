// Literals: numbers with Spark's typing rules, typed literals (DATE, TIMESTAMP, TIMESTAMP_NTZ,
// X'..') and INTERVAL in all its spellings (as month-day-nano intervals).
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

#include <arrow/scalar.h>
#include <arrow/type.h>
#include <arrow/util/decimal.h>
#include <fmt/format.h>

#include "calendar/civil_date.h"
#include "errors/error_class.h"
#include "sql/parser/parser_internal.h"

namespace tarn::sql::parser_internal {

namespace {

constexpr int64_t kMicrosPerSecond = 1000000;
constexpr int64_t kMicrosPerDay = 86400 * kMicrosPerSecond;

// A cursor over a date / time string.
class DateTimeText {
 public:
  explicit DateTimeText(std::string_view s) : s_(s) {
    while (!s_.empty() && std::isspace(static_cast<unsigned char>(s_.front()))) s_.remove_prefix(1);
    while (!s_.empty() && std::isspace(static_cast<unsigned char>(s_.back()))) s_.remove_suffix(1);
  }
  bool AtEnd() const { return i_ >= s_.size(); }
  char Peek() const { return AtEnd() ? '\0' : s_[i_]; }
  bool Accept(char c) {
    if (Peek() != c) return false;
    ++i_;
    return true;
  }
  // 1..max_digits digits; false if none.
  bool Number(int max_digits, int64_t* value, int* digits = nullptr) {
    int n = 0;
    int64_t v = 0;
    while (!AtEnd() && std::isdigit(static_cast<unsigned char>(s_[i_])) && n < max_digits) {
      v = v * 10 + (s_[i_] - '0');
      ++i_;
      ++n;
    }
    if (digits) *digits = n;
    *value = v;
    return n > 0;
  }
  std::string_view Rest() const { return s_.substr(std::min(i_, s_.size())); }
  void Skip(size_t n) { i_ += n; }

 private:
  std::string_view s_;
  size_t i_ = 0;
};

// Spark's date forms: yyyy, yyyy-[m]m, yyyy-[m]m-[d]d, optionally followed by ' ' or 'T' and
// anything (ignored for dates). Returns the day number, or false.
bool ParseDatePart(DateTimeText& text, int64_t* days, bool* has_rest) {
  int64_t y = 0, m = 1, d = 1;
  int digits = 0;
  bool negative = text.Accept('-');
  if (!text.Number(7, &y, &digits) || digits < 4) return false;
  if (negative) y = -y;
  if (text.Accept('-')) {
    if (!text.Number(2, &m)) return false;
    if (text.Accept('-')) {
      if (!text.Number(2, &d)) return false;
    }
  }
  if (m < 1 || m > 12 || d < 1 || d > static_cast<int64_t>(calendar::DaysInMonth(y, static_cast<unsigned>(m)))) return false;
  *days = calendar::DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  *has_rest = text.Peek() == ' ' || text.Peek() == 'T';
  return text.AtEnd() || *has_rest;
}

bool ParseDate(std::string_view s, int64_t* days) {
  DateTimeText text(s);
  bool has_rest = false;
  return ParseDatePart(text, days, &has_rest);
}

// Date, then optional [T ]h:m[:s[.ffffff]], then an optional zone (Z, UTC, GMT, +hh[:mm]).
bool ParseTimestamp(std::string_view s, bool allow_zone, int64_t* micros) {
  DateTimeText text(s);
  int64_t days = 0;
  bool has_rest = false;
  if (!ParseDatePart(text, &days, &has_rest)) return false;
  int64_t h = 0, mi = 0, sec = 0, frac = 0;
  if (has_rest) {
    text.Skip(1);
    if (!text.AtEnd()) {
      if (!text.Number(2, &h) || !text.Accept(':') || !text.Number(2, &mi)) return false;
      if (text.Accept(':')) {
        if (!text.Number(2, &sec)) return false;
        if (text.Accept('.')) {
          int digits = 0;
          if (!text.Number(9, &frac, &digits)) return false;
          for (; digits < 6; ++digits) frac *= 10;
          for (; digits > 6; --digits) frac /= 10;
        }
      }
    }
  }
  if (h > 23 || mi > 59 || sec > 59) return false;
  int64_t offset_seconds = 0;
  if (!text.AtEnd()) {
    if (!allow_zone) return false;
    text.Accept(' ');
    std::string_view zone = text.Rest();
    if (zone == "Z" || zone == "UTC" || zone == "GMT") {
      text.Skip(zone.size());
    } else {
      if (zone.substr(0, 3) == "UTC" || zone.substr(0, 3) == "GMT") text.Skip(3);
      const bool minus = text.Peek() == '-';
      if (!text.Accept('+') && !text.Accept('-')) return false;
      int64_t oh = 0, om = 0;
      if (!text.Number(2, &oh)) return false;
      if (text.Accept(':')) {
        if (!text.Number(2, &om)) return false;
      } else {
        text.Number(2, &om);
      }
      if (oh > 18 || om > 59) return false;
      offset_seconds = (minus ? -1 : 1) * (oh * 3600 + om * 60);
    }
    if (!text.AtEnd()) return false;
  }
  // Years far outside Spark's timestamp range would overflow: refuse them.
  int64_t day_micros = 0, result = 0;
  if (__builtin_mul_overflow(days, kMicrosPerDay, &day_micros) ||
      __builtin_add_overflow(day_micros, ((h * 60 + mi) * 60 + sec - offset_seconds) * kMicrosPerSecond + frac,
                             &result)) {
    return false;
  }
  *micros = result;
  return true;
}

arrow::Result<std::string> DecodeHex(const std::string& hex) {
  std::string digits = hex.size() % 2 ? "0" + hex : hex;
  std::string out;
  for (size_t i = 0; i < digits.size(); i += 2) {
    int v = 0;
    for (size_t k = 0; k < 2; ++k) {
      char c = digits[i + k];
      int h = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (h < 0) return arrow::Status::Invalid("not hex");
      v = v * 16 + h;
    }
    out += static_cast<char>(v);
  }
  return out;
}

// Interval units, as indices: 0 year, 1 month, 2 week, 3 day, 4 hour, 5 minute, 6 second,
// 7 millisecond, 8 microsecond; -1 if `word` is not one (singular or plural).
int IntervalUnit(std::string word) {
  static constexpr std::string_view kUnits[] = {"year", "month", "week", "day", "hour", "minute", "second",
                                                "millisecond", "microsecond"};
  word = AsciiLower(word);
  if (word.size() > 1 && word.back() == 's') word.pop_back();
  for (int i = 0; i < 9; ++i) {
    if (word == kUnits[i]) return i;
  }
  return -1;
}

struct IntervalValue {
  int64_t months = 0;
  int64_t days = 0;
  int64_t micros = 0;
};

// Adds `value` (a decimal number as text, with sign) of `unit` to `out`; false if malformed or
// out of range. Fractions are allowed for seconds and smaller units only.
bool AddIntervalUnit(std::string_view value, int unit, IntervalValue* out) {
  bool negative = false;
  if (!value.empty() && (value[0] == '-' || value[0] == '+')) {
    negative = value[0] == '-';
    value.remove_prefix(1);
  }
  const auto dot = value.find('.');
  std::string_view whole = value.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? std::string_view() : value.substr(dot + 1);
  if (whole.empty() && fraction.empty()) return false;
  int64_t n = 0;
  if (!whole.empty()) {
    auto [ptr, ec] = std::from_chars(whole.data(), whole.data() + whole.size(), n);
    if (ec != std::errc() || ptr != whole.data() + whole.size()) return false;
  }
  int64_t frac_micros = 0;
  if (!fraction.empty()) {
    if (unit < 6) return false;
    int digits = 0;
    for (char c : fraction) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
      if (digits < 6) frac_micros = frac_micros * 10 + (c - '0');
      ++digits;
    }
    for (; digits < 6; ++digits) frac_micros *= 10;
    if (unit == 7) frac_micros /= 1000;
    if (unit == 8) frac_micros = 0;
  }
  static const int64_t kMicros[] = {0, 0, 0, 0, 3600 * kMicrosPerSecond, 60 * kMicrosPerSecond, kMicrosPerSecond,
                                    1000, 1};
  const int64_t sign = negative ? -1 : 1;
  int64_t add = 0;
  switch (unit) {
    case 0:
      if (__builtin_mul_overflow(n, 12, &add) || __builtin_add_overflow(out->months, sign * add, &out->months)) return false;
      return out->months >= std::numeric_limits<int32_t>::min() && out->months <= std::numeric_limits<int32_t>::max();
    case 1:
      if (__builtin_add_overflow(out->months, sign * n, &out->months)) return false;
      return out->months >= std::numeric_limits<int32_t>::min() && out->months <= std::numeric_limits<int32_t>::max();
    case 2:
    case 3:
      if ((unit == 2 && __builtin_mul_overflow(n, 7, &n)) || __builtin_add_overflow(out->days, sign * n, &out->days)) {
        return false;
      }
      return out->days >= std::numeric_limits<int32_t>::min() && out->days <= std::numeric_limits<int32_t>::max();
    default:
      if (__builtin_mul_overflow(n, kMicros[unit], &add) || __builtin_add_overflow(add, frac_micros, &add) ||
          __builtin_add_overflow(out->micros, sign * add, &out->micros)) {
        return false;
      }
      // Nanoseconds must fit in int64.
      return out->micros > std::numeric_limits<int64_t>::min() / 1000 &&
             out->micros < std::numeric_limits<int64_t>::max() / 1000;
  }
}

// "1 day 2 hours", as Spark accepts in INTERVAL '...' without a unit.
bool ParseMultiUnitString(std::string_view s, IntervalValue* out) {
  size_t i = 0;
  auto skip_space = [&] {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  };
  skip_space();
  if (s.substr(i, 8) == "interval" || s.substr(i, 8) == "INTERVAL") {
    i += 8;
    skip_space();
  }
  bool any = false;
  while (i < s.size()) {
    size_t start = i;
    if (s[i] == '-' || s[i] == '+') ++i;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
    std::string_view number = s.substr(start, i - start);
    skip_space();
    start = i;
    while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
    int unit = IntervalUnit(std::string(s.substr(start, i - start)));
    if (unit < 0 || !AddIntervalUnit(number, unit, out)) return false;
    any = true;
    skip_space();
  }
  return any;
}

// 'y-m' for YEAR TO MONTH and 'd h:m:s.f' (or a suffix of it) for the day-time ranges.
// `from` / `to` are unit indices (0, 1 or 3..6).
bool ParseUnitRange(std::string_view s, int from, int to, IntervalValue* out) {
  DateTimeText text(s);
  const bool negative = text.Accept('-');
  if (!negative) text.Accept('+');
  IntervalValue v;
  std::string sign = negative ? "-" : "";
  if (from == 0 && to == 1) {
    int64_t y = 0, m = 0;
    if (!text.Number(10, &y) || !text.Accept('-') || !text.Number(2, &m) || m > 11 || !text.AtEnd()) return false;
    if (!AddIntervalUnit(sign + std::to_string(y), 0, &v) || !AddIntervalUnit(sign + std::to_string(m), 1, &v)) {
      return false;
    }
    *out = v;
    return true;
  }
  if (from < 3 || to < from) return false;
  for (int unit = from; unit <= to; ++unit) {
    if (unit > from && !text.Accept(unit == 4 ? ' ' : ':')) return false;
    int64_t n = 0;
    if (!text.Number(unit == from ? 10 : 2, &n)) return false;
    if (unit > from && ((unit == 4 && n > 23) || (unit > 4 && n > 59))) return false;
    std::string value = sign + std::to_string(n);
    if (unit == 6 && text.Accept('.')) {
      std::string_view rest = text.Rest();
      size_t n = 0;
      while (n < rest.size() && std::isdigit(static_cast<unsigned char>(rest[n]))) ++n;
      if (n == 0) return false;
      value += "." + std::string(rest.substr(0, n));
      text.Skip(n);
    }
    if (!AddIntervalUnit(value, unit, &v)) return false;
  }
  if (!text.AtEnd()) return false;
  *out = v;
  return true;
}

std::string NumberWithoutSuffix(const std::string& text, size_t suffix) { return text.substr(0, text.size() - suffix); }

}  // namespace

arrow::Result<ExprPtr> SqlParser::ParseNumber(const Token& token, bool negative, int32_t position) {
  const std::string& text = token.text;
  const std::string sign = negative ? "-" : "";
  auto lower_end = [&](size_t n) { return AsciiLower(text.substr(text.size() >= n ? text.size() - n : 0)); };
  const bool has_fraction_or_exponent = text.find_first_of(".eE") != std::string::npos;
  auto out_of_range = [&](const std::string& digits, const char* type, const std::string& min,
                          const std::string& max) {
    return ErrorAt(token, "INVALID_NUMERIC_LITERAL_RANGE",
                   fmt::format("Numeric literal {} is outside the valid range for {} with minimum value of {} and "
                               "maximum value of {}. Please adjust the value accordingly.",
                               digits, type, min, max));
  };
  auto integer = [&](size_t suffix, int64_t min, int64_t max, const char* type) -> arrow::Result<int64_t> {
    if (has_fraction_or_exponent) return SyntaxErrorAtToken(token);
    std::string digits = sign + NumberWithoutSuffix(text, suffix);
    int64_t v = 0;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (ec != std::errc() || ptr != digits.data() + digits.size() || v < min || v > max) {
      return out_of_range(digits, type, std::to_string(min), std::to_string(max));
    }
    return v;
  };
  auto floating = [&](size_t suffix, bool is_float) -> arrow::Result<ExprPtr> {
    std::string digits = sign + NumberWithoutSuffix(text, suffix);
    if (!digits.empty() && digits.back() == '.') digits += "0";
    if (digits.find('.') == 0 || digits.rfind("-.", 0) == 0) digits.insert(digits.find('.'), "0");
    for (char c : digits) {
      if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
        return SyntaxErrorAtToken(token);
      }
    }
    // strtod: HUGE_VAL on overflow, zero on underflow (as Java's parseDouble).
    char* end = nullptr;
    const double v = std::strtod(digits.c_str(), &end);
    if (end != digits.c_str() + digits.size()) return SyntaxErrorAtToken(token);
    const double max = is_float ? std::numeric_limits<float>::max() : std::numeric_limits<double>::max();
    if (std::isinf(v) || std::fabs(v) > max) {
      return out_of_range(digits, is_float ? "float" : "double", is_float ? "-3.4028235E38" : "-1.7976931348623157E308",
                          is_float ? "3.4028235E38" : "1.7976931348623157E308");
    }
    if (is_float) return Literal(arrow::MakeScalar(static_cast<float>(v)), position);
    return Literal(arrow::MakeScalar(v), position);
  };
  auto decimal = [&](size_t suffix) -> arrow::Result<ExprPtr> {
    std::string digits = sign + NumberWithoutSuffix(text, suffix);
    // Significant digits: Spark's precision is that of the unscaled value.
    size_t significant = 0;
    bool leading = true;
    size_t mantissa_end = digits.find_first_of("eE");
    for (size_t i = 0; i < std::min(mantissa_end, digits.size()); ++i) {
      char c = digits[i];
      if (!std::isdigit(static_cast<unsigned char>(c))) continue;
      if (leading && c == '0') continue;
      leading = false;
      ++significant;
    }
    if (significant > 38) {
      return ErrorAt(token, "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION",
                     fmt::format("Decimal precision {} exceeds max precision 38.", significant));
    }
    arrow::Decimal128 value;
    int32_t precision = 0, scale = 0;
    auto status = arrow::Decimal128::FromString(digits, &value, &precision, &scale);
    if (!status.ok()) return SyntaxErrorAtToken(token);
    if (scale < 0) {
      if (-scale + precision > 38) {
        return ErrorAt(token, "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION",
                       fmt::format("Decimal precision {} exceeds max precision 38.", precision - scale));
      }
      value = value.IncreaseScaleBy(-scale);
      precision -= scale;
      scale = 0;
    }
    precision = std::max<int32_t>({precision, scale, 1});
    if (precision > 38) {
      return ErrorAt(token, "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION",
                     fmt::format("Decimal precision {} exceeds max precision 38.", precision));
    }
    return Literal(std::make_shared<arrow::Decimal128Scalar>(value, arrow::decimal128(precision, scale)), position);
  };

  if (lower_end(2) == "bd" && text.size() > 2) return decimal(2);
  const char last = static_cast<char>(std::tolower(static_cast<unsigned char>(text.back())));
  if (last == 'l') {
    ARROW_ASSIGN_OR_RAISE(auto v, integer(1, std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max(),
                                          "bigint"));
    return Literal(arrow::MakeScalar(v), position);
  }
  if (last == 's') {
    ARROW_ASSIGN_OR_RAISE(auto v, integer(1, std::numeric_limits<int16_t>::min(), std::numeric_limits<int16_t>::max(),
                                          "smallint"));
    return Literal(arrow::MakeScalar(static_cast<int16_t>(v)), position);
  }
  if (last == 'y') {
    ARROW_ASSIGN_OR_RAISE(auto v, integer(1, std::numeric_limits<int8_t>::min(), std::numeric_limits<int8_t>::max(),
                                          "tinyint"));
    return Literal(arrow::MakeScalar(static_cast<int8_t>(v)), position);
  }
  if (last == 'd') return floating(1, false);
  if (last == 'f') return floating(1, true);
  if (text.find_first_of("eE") != std::string::npos) return floating(0, false);
  if (text.find('.') != std::string::npos) return decimal(0);
  // An integer: int if it fits, then bigint, then decimal(p, 0).
  std::string digits = sign + text;
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec == std::errc() && ptr == digits.data() + digits.size()) {
    if (v >= std::numeric_limits<int32_t>::min() && v <= std::numeric_limits<int32_t>::max()) {
      return Literal(arrow::MakeScalar(static_cast<int32_t>(v)), position);
    }
    return Literal(arrow::MakeScalar(v), position);
  }
  return decimal(0);
}

arrow::Result<ExprPtr> SqlParser::ParseTypedLiteral(bool* matched) {
  *matched = false;
  const Token& t = Peek();
  if (t.kind != Token::Kind::kWord) return ExprPtr();
  const std::string word = AsciiLower(t.text);
  if (word == "interval") {
    const Token& next = Peek(1);
    const bool value_follows = next.kind == Token::Kind::kString || next.kind == Token::Kind::kNumber ||
                               ((next.text == "-" || next.text == "+") && next.kind == Token::Kind::kSymbol);
    if (!value_follows) return ExprPtr();
    *matched = true;
    Next();
    return ParseInterval(t);
  }
  const Token& value = Peek(1);
  if (value.kind != Token::Kind::kString) return ExprPtr();
  const int32_t at = Pos(t);
  auto invalid = [&](const std::string& type) {
    return ErrorAt(value, "INVALID_TYPED_LITERAL",
                   fmt::format("The value of the typed literal \"{}\" is invalid: '{}'.", type, value.text));
  };
  if (word == "x" && value.offset == t.end) {
    *matched = true;
    Next();
    Next();
    auto bytes = DecodeHex(value.text);
    if (!bytes.ok()) return invalid("X");
    return Literal(std::make_shared<arrow::BinaryScalar>(arrow::Buffer::FromString(std::move(*bytes))), at);
  }
  if (word == "date") {
    *matched = true;
    Next();
    Next();
    int64_t days = 0;
    if (!ParseDate(value.text, &days) || days < std::numeric_limits<int32_t>::min() ||
        days > std::numeric_limits<int32_t>::max()) {
      return invalid("DATE");
    }
    return Literal(std::make_shared<arrow::Date32Scalar>(static_cast<int32_t>(days)), at);
  }
  if (word == "timestamp" || word == "timestamp_ltz" || word == "timestamp_ntz") {
    *matched = true;
    Next();
    Next();
    const bool ntz = word == "timestamp_ntz";
    int64_t micros = 0;
    if (!ParseTimestamp(value.text, !ntz, &micros)) {
      std::string type = word;
      for (auto& c : type) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      return invalid(type);
    }
    auto type = ntz ? arrow::timestamp(arrow::TimeUnit::MICRO) : arrow::timestamp(arrow::TimeUnit::MICRO, "UTC");
    return Literal(std::make_shared<arrow::TimestampScalar>(micros, type), at);
  }
  return ExprPtr();
}

arrow::Result<ExprPtr> SqlParser::ParseInterval(const Token& first) {
  IntervalValue total;
  auto invalid = [&](const Token& at, const std::string& input) {
    return ErrorAt(at, "INVALID_INTERVAL_FORMAT",
                   fmt::format("Error parsing '{}' to interval. Please check that the value is a valid interval.",
                               input));
  };
  bool any = false;
  while (true) {
    // A value: [+|-] number or string.
    size_t ahead = 0;
    std::string sign;
    if (IsSymbol("-") || IsSymbol("+")) {
      sign = Peek().text == "-" ? "-" : "";
      ahead = 1;
    }
    const Token& value = Peek(ahead);
    if (value.kind != Token::Kind::kString && value.kind != Token::Kind::kNumber) break;
    const bool unit_follows = Peek(ahead + 1).kind == Token::Kind::kWord && IntervalUnit(Peek(ahead + 1).text) >= 0;
    if (!unit_follows) {
      // INTERVAL '1 day 2 hours': the string carries its units; only as the whole literal.
      if (any || value.kind != Token::Kind::kString || !sign.empty()) break;
      pos_ += ahead + 1;
      if (!ParseMultiUnitString(value.text, &total)) return invalid(value, value.text);
      any = true;
      break;
    }
    pos_ += ahead + 1;
    const Token& unit_token = Next();
    const int unit = IntervalUnit(unit_token.text);
    std::string text = value.text;
    if (value.kind == Token::Kind::kString) {
      // '-3' DAY: the sign may be inside the string too.
      std::string trimmed = text;
      while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.front()))) trimmed.erase(0, 1);
      while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back()))) trimmed.pop_back();
      text = trimmed;
      if (sign == "-") text = text.rfind("-", 0) == 0 ? text.substr(1) : "-" + text;
    } else {
      text = sign + text;
    }
    if (IsKeyword("to") && Peek(1).kind == Token::Kind::kWord && IntervalUnit(Peek(1).text) >= 0) {
      Next();
      const Token& to_token = Next();
      const int to = IntervalUnit(to_token.text);
      static const int kRangeIndex[] = {0, 1, -1, 3, 4, 5, 6, -1, -1};
      if (value.kind != Token::Kind::kString || kRangeIndex[unit] < 0 || kRangeIndex[to] < 0) {
        return invalid(value, value.text);
      }
      IntervalValue part;
      if (!ParseUnitRange(text, unit, to, &part)) return invalid(value, value.text);
      total.months += part.months;
      total.days += part.days;
      total.micros += part.micros;
      any = true;
      break;
    }
    if (!AddIntervalUnit(text, unit, &total)) return invalid(value, value.text);
    any = true;
  }
  if (!any) return SyntaxError();
  if (total.months < std::numeric_limits<int32_t>::min() || total.months > std::numeric_limits<int32_t>::max() ||
      total.days < std::numeric_limits<int32_t>::min() || total.days > std::numeric_limits<int32_t>::max() ||
      total.micros <= std::numeric_limits<int64_t>::min() / 1000 ||
      total.micros >= std::numeric_limits<int64_t>::max() / 1000) {
    return invalid(first, std::string(SourceText(first, tokens_[pos_ - 1])));
  }
  arrow::MonthDayNanoIntervalType::MonthDayNanos v{static_cast<int32_t>(total.months),
                                                   static_cast<int32_t>(total.days), total.micros * 1000};
  return Literal(std::make_shared<arrow::MonthDayNanoIntervalScalar>(v), Pos(first));
}

}  // namespace tarn::sql::parser_internal
