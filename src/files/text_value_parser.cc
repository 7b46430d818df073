#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

#include "files/text_value_parser_internal.h"

namespace tarn::files {

bool ParseInt64Text(std::string_view s, int64_t* out) {
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  if (s.empty() || s[0] == '+') return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && end == s.data() + s.size();
}

bool ParseDoubleText(std::string_view s, double* out) {
  // Java's Double.parseDouble, as Spark uses it: surrounding blanks, a sign, NaN, Infinity,
  // and a trailing d/D/f/F type suffix.
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
  if (s.empty()) return false;
  bool negative = false;
  std::string_view body = s;
  if (body[0] == '+' || body[0] == '-') {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (body == "NaN") {
    *out = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  if (body == "Infinity" || body == "Inf") {
    *out = negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    return true;
  }
  if (!body.empty()) {
    char last = body.back();
    if (last == 'd' || last == 'D' || last == 'f' || last == 'F') body.remove_suffix(1);
  }
  if (body.empty() || !(std::isdigit(static_cast<unsigned char>(body[0])) || body[0] == '.')) return false;
  double value = 0;
  auto [end, ec] = std::from_chars(body.data(), body.data() + body.size(), value);
  if (end != body.data() + body.size()) return false;
  if (ec == std::errc::result_out_of_range) {
    value = std::numeric_limits<double>::infinity();  // Java overflows to infinity
  } else if (ec != std::errc()) {
    return false;
  }
  *out = negative ? -value : value;
  return true;
}

bool ParseBooleanText(std::string_view s, bool* out) {
  auto eq = [&](std::string_view word) {
    if (s.size() != word.size()) return false;
    for (size_t i = 0; i < s.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(s[i])) != word[i]) return false;
    }
    return true;
  };
  if (eq("true")) { *out = true; return true; }
  if (eq("false")) { *out = false; return true; }
  return false;
}

bool ParseDecimalText(std::string_view s, int32_t precision, int32_t scale, arrow::Decimal128* out) {
  arrow::Decimal128 value;
  int32_t p = 0, sc = 0;
  if (!arrow::Decimal128::FromString(s, &value, &p, &sc).ok()) return false;
  if (sc != scale) {
    // Spark rounds half-up to the column's scale.
    if (sc > scale) {
      auto rounded = value.ReduceScaleBy(sc - scale, /*round=*/true);
      value = rounded;
    } else {
      auto rescaled = value.Rescale(sc, scale);
      if (!rescaled.ok()) return false;
      value = *rescaled;
    }
  }
  if (!value.FitsInPrecision(precision)) return false;
  *out = value;
  return true;
}

bool ParseDateText(const ReaderSettings& settings, std::string_view s, int32_t* days) {
  if (settings.date_format) {
    auto parsed = settings.date_format->ParseDays(s);
    if (!parsed) return false;
    *days = *parsed;
    return true;
  }
  if (auto iso = ParseIsoDate(s)) {
    *days = *iso;
    return true;
  }
  // Spark's stringToDate also takes yyyy, yyyy-M, yyyy-M-d and a trailing time part.
  auto micros = ParseDefaultTimestamp(s);
  if (!micros) return false;
  constexpr int64_t kMicrosPerDay = 86400LL * 1000000;
  *days = static_cast<int32_t>(*micros / kMicrosPerDay - (*micros % kMicrosPerDay < 0 ? 1 : 0));
  return true;
}

bool ParseTimestampText(const ReaderSettings& settings, std::string_view s, bool ntz, int64_t* micros) {
  if (settings.timestamp_format) {
    auto parsed = settings.timestamp_format->ParseMicros(s);
    if (!parsed) return false;
    *micros = *parsed;
    return true;
  }
  bool has_zone = false;
  auto parsed = ParseDefaultTimestamp(s, &has_zone);
  if (!parsed || (ntz && has_zone)) return false;
  *micros = *parsed;
  return true;
}

}  // namespace tarn::files
