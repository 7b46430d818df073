#include "storage/delta/value_parser.h"

#include "calendar/civil_date.h"

#include <charconv>
#include <cmath>

#include <arrow/type.h>
#include <arrow/util/decimal.h>
#include <fmt/format.h>

#include "errors/error_class.h"

namespace tarn::delta {

namespace {

arrow::Status CastError(std::string_view text, const arrow::DataType& type) {
  return UserError("CAST_INVALID_INPUT",
                   "The value '{}' of the type \"STRING\" cannot be cast to \"{}\" because it is "
                   "malformed.",
                   text, type.ToString());
}

template <typename T>
bool ParseInt(std::string_view s, T* out) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

bool ParseDigits(std::string_view s, size_t pos, size_t n, int64_t* out) {
  if (pos + n > s.size()) return false;
  int64_t v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

int32_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  return static_cast<int32_t>(calendar::DaysFromCivil(y, m, d));
}


std::string FormatDate(int32_t days) {
  const auto c = calendar::CivilFromDays(days);
  return fmt::format("{:04d}-{:02d}-{:02d}", c.year, c.month, c.day);
}

std::string FormatTimestampMicros(int64_t micros, char sep, bool millis_only) {
  int64_t days = micros >= 0 ? micros / 86400000000LL : -((-micros + 86400000000LL - 1) / 86400000000LL);
  int64_t rem = micros - days * 86400000000LL;
  int64_t secs = rem / 1000000;
  int64_t frac = rem % 1000000;
  std::string out = FormatDate(static_cast<int32_t>(days)) +
                    fmt::format("{}{:02d}:{:02d}:{:02d}", sep, secs / 3600, (secs / 60) % 60, secs % 60);
  if (millis_only) {
    out += fmt::format(".{:03d}", frac / 1000);
  } else if (frac != 0) {
    out += fmt::format(".{:06d}", frac);
  }
  return out;
}

arrow::Result<int32_t> ParseDateDays(std::string_view text) {
  int64_t y, m, d;
  if (text.size() >= 10 && ParseDigits(text, 0, 4, &y) && text[4] == '-' && ParseDigits(text, 5, 2, &m) &&
      text[7] == '-' && ParseDigits(text, 8, 2, &d) && m >= 1 && m <= 12 && d >= 1 && d <= 31 &&
      (text.size() == 10 || text[10] == ' ' || text[10] == 'T')) {
    return DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  }
  return CastError(text, *arrow::date32());
}

arrow::Result<int64_t> ParseTimestampMicros(std::string_view text) {
  ARROW_ASSIGN_OR_RAISE(int32_t days, ParseDateDays(text.substr(0, std::min<size_t>(10, text.size()))));
  int64_t micros = static_cast<int64_t>(days) * 86400000000LL;
  size_t pos = 10;
  if (pos < text.size() && (text[pos] == ' ' || text[pos] == 'T')) {
    int64_t h, mi, s = 0;
    if (!ParseDigits(text, pos + 1, 2, &h) || text.size() < pos + 6 || text[pos + 3] != ':' ||
        !ParseDigits(text, pos + 4, 2, &mi)) {
      return CastError(text, *arrow::timestamp(arrow::TimeUnit::MICRO));
    }
    pos += 6;
    if (pos < text.size() && text[pos] == ':') {
      if (!ParseDigits(text, pos + 1, 2, &s)) return CastError(text, *arrow::timestamp(arrow::TimeUnit::MICRO));
      pos += 3;
    }
    micros += (h * 3600 + mi * 60 + s) * 1000000LL;
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      int64_t frac = 0;
      int digits = 0;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        if (digits < 6) {
          frac = frac * 10 + (text[pos] - '0');
          ++digits;
        }
        ++pos;
      }
      while (digits < 6) {
        frac *= 10;
        ++digits;
      }
      micros += frac;
    }
  }
  if (pos < text.size()) {
    std::string_view zone = text.substr(pos);
    if (zone == "Z" || zone == "UTC" || zone == " UTC") {
      pos = text.size();
    } else if ((zone[0] == '+' || zone[0] == '-') && zone.size() >= 6 && zone[3] == ':') {
      int64_t zh, zm;
      if (!ParseDigits(zone, 1, 2, &zh) || !ParseDigits(zone, 4, 2, &zm)) {
        return CastError(text, *arrow::timestamp(arrow::TimeUnit::MICRO));
      }
      int64_t offset = (zh * 3600 + zm * 60) * 1000000LL;
      micros += zone[0] == '+' ? -offset : offset;
      pos = text.size();
    } else {
      return CastError(text, *arrow::timestamp(arrow::TimeUnit::MICRO));
    }
  }
  return micros;
}

arrow::Result<std::shared_ptr<arrow::Scalar>> ParseScalar(std::string_view text,
                                                          const std::shared_ptr<arrow::DataType>& type) {
  using arrow::Type;
  switch (type->id()) {
    case Type::STRING: return arrow::MakeScalar(std::string(text));
    case Type::LARGE_STRING: return std::make_shared<arrow::LargeStringScalar>(std::string(text));
    case Type::BINARY: return std::make_shared<arrow::BinaryScalar>(arrow::Buffer::FromString(std::string(text)));
    case Type::BOOL: {
      std::string lower;
      for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (lower == "true") return arrow::MakeScalar(true);
      if (lower == "false") return arrow::MakeScalar(false);
      return CastError(text, *type);
    }
#define TARN_INT_CASE(ID, CTYPE)                                           \
  case Type::ID: {                                                         \
    CTYPE v;                                                               \
    if (!ParseInt(text, &v)) return CastError(text, *type);                \
    return arrow::MakeScalar(type, v);                                     \
  }
    TARN_INT_CASE(INT8, int8_t)
    TARN_INT_CASE(INT16, int16_t)
    TARN_INT_CASE(INT32, int32_t)
    TARN_INT_CASE(INT64, int64_t)
#undef TARN_INT_CASE
    case Type::FLOAT:
    case Type::DOUBLE: {
      std::string s(text);
      char* end = nullptr;
      double v = std::strtod(s.c_str(), &end);
      if (s.empty() || end != s.c_str() + s.size()) {
        if (s == "NaN") v = std::nan("");
        else if (s == "Infinity") v = INFINITY;
        else if (s == "-Infinity") v = -INFINITY;
        else return CastError(text, *type);
      }
      if (type->id() == Type::FLOAT) return arrow::MakeScalar(static_cast<float>(v));
      return arrow::MakeScalar(v);
    }
    case Type::DECIMAL128: {
      const auto& dt = static_cast<const arrow::Decimal128Type&>(*type);
      arrow::Decimal128 value;
      int32_t precision, scale;
      if (!arrow::Decimal128::FromString(text, &value, &precision, &scale).ok()) {
        return CastError(text, *type);
      }
      if (scale != dt.scale()) {
        auto rescaled = value.Rescale(scale, dt.scale());
        if (!rescaled.ok()) {
          // Rounding would be needed (more fractional digits than the type holds): truncate.
          auto parts = value.ReduceScaleBy(scale - dt.scale(), /*round=*/false);
          value = parts;
        } else {
          value = *rescaled;
        }
      }
      return std::make_shared<arrow::Decimal128Scalar>(value, type);
    }
    case Type::DATE32: {
      ARROW_ASSIGN_OR_RAISE(auto days, ParseDateDays(text));
      return std::make_shared<arrow::Date32Scalar>(days);
    }
    case Type::TIMESTAMP: {
      ARROW_ASSIGN_OR_RAISE(auto micros, ParseTimestampMicros(text));
      const auto& ts = static_cast<const arrow::TimestampType&>(*type);
      int64_t v = micros;
      switch (ts.unit()) {
        case arrow::TimeUnit::SECOND: v = micros / 1000000; break;
        case arrow::TimeUnit::MILLI: v = micros / 1000; break;
        case arrow::TimeUnit::MICRO: break;
        case arrow::TimeUnit::NANO: v = micros * 1000; break;
      }
      return std::make_shared<arrow::TimestampScalar>(v, type);
    }
    default:
      return UserError("DELTA_UNSUPPORTED_DATA_TYPE", "cannot parse a value of type {}", type->ToString());
  }
}

arrow::Result<std::shared_ptr<arrow::Scalar>> ScalarFromStatsJson(const nlohmann::json& value,
                                                                  const std::shared_ptr<arrow::DataType>& type) {
  if (value.is_null()) return arrow::MakeNullScalar(type);
  if (value.is_string()) return ParseScalar(value.get<std::string>(), type);
  if (value.is_boolean()) return ParseScalar(value.get<bool>() ? "true" : "false", type);
  if (value.is_number()) return ParseScalar(value.dump(), type);
  return arrow::Status::Invalid("not a statistics value: ", value.dump());
}

arrow::Result<std::optional<std::string>> FormatPartitionValue(const arrow::Scalar& value) {
  if (!value.is_valid) return std::optional<std::string>{};
  using arrow::Type;
  switch (value.type->id()) {
    case Type::DATE32:
      return std::optional<std::string>(FormatDate(static_cast<const arrow::Date32Scalar&>(value).value));
    case Type::TIMESTAMP:
      return std::optional<std::string>(
          FormatTimestampMicros(static_cast<const arrow::TimestampScalar&>(value).value));
    case Type::BINARY:
    case Type::STRING:
      return std::optional<std::string>(
          static_cast<const arrow::BaseBinaryScalar&>(value).value->ToString());
    default:
      return std::optional<std::string>(value.ToString());
  }
}

std::optional<nlohmann::json> FormatStatsValue(const arrow::Scalar& value) {
  using arrow::Type;
  if (!value.is_valid) return std::nullopt;
  switch (value.type->id()) {
    case Type::INT8: return nlohmann::json(static_cast<const arrow::Int8Scalar&>(value).value);
    case Type::INT16: return nlohmann::json(static_cast<const arrow::Int16Scalar&>(value).value);
    case Type::INT32: return nlohmann::json(static_cast<const arrow::Int32Scalar&>(value).value);
    case Type::INT64: return nlohmann::json(static_cast<const arrow::Int64Scalar&>(value).value);
    case Type::FLOAT: {
      float v = static_cast<const arrow::FloatScalar&>(value).value;
      if (!std::isfinite(v)) return std::nullopt;
      return nlohmann::json(static_cast<double>(v));
    }
    case Type::DOUBLE: {
      double v = static_cast<const arrow::DoubleScalar&>(value).value;
      if (!std::isfinite(v)) return std::nullopt;
      return nlohmann::json(v);
    }
    case Type::BOOL: return nlohmann::json(static_cast<const arrow::BooleanScalar&>(value).value);
    case Type::DATE32: return nlohmann::json(FormatDate(static_cast<const arrow::Date32Scalar&>(value).value));
    case Type::TIMESTAMP: {
      const auto& ts = static_cast<const arrow::TimestampScalar&>(value);
      const auto& type = static_cast<const arrow::TimestampType&>(*value.type);
      // Delta truncates timestamp statistics to milliseconds; readers widen max by 1 ms.
      std::string s = FormatTimestampMicros(ts.value, 'T', /*millis_only=*/true);
      if (!type.timezone().empty()) s += "Z";
      return nlohmann::json(s);
    }
    case Type::DECIMAL128: {
      // Exact decimal text behind a marker byte; the stats writer emits it as a bare JSON
      // number, which no double could hold exactly beyond 15 digits.
      return nlohmann::json(std::string(1, kRawNumberMarker) + value.ToString());
    }
    case Type::STRING: return nlohmann::json(static_cast<const arrow::StringScalar&>(value).value->ToString());
    default: return std::nullopt;
  }
}

std::optional<int> CompareScalars(const arrow::Scalar& a, const arrow::Scalar& b) {
  using arrow::Type;
  if (!a.is_valid || !b.is_valid || !a.type->Equals(*b.type)) return std::nullopt;
  auto cmp = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  switch (a.type->id()) {
    case Type::INT8: return cmp(static_cast<const arrow::Int8Scalar&>(a).value, static_cast<const arrow::Int8Scalar&>(b).value);
    case Type::INT16: return cmp(static_cast<const arrow::Int16Scalar&>(a).value, static_cast<const arrow::Int16Scalar&>(b).value);
    case Type::INT32: return cmp(static_cast<const arrow::Int32Scalar&>(a).value, static_cast<const arrow::Int32Scalar&>(b).value);
    case Type::INT64: return cmp(static_cast<const arrow::Int64Scalar&>(a).value, static_cast<const arrow::Int64Scalar&>(b).value);
    case Type::FLOAT: return cmp(static_cast<const arrow::FloatScalar&>(a).value, static_cast<const arrow::FloatScalar&>(b).value);
    case Type::DOUBLE: return cmp(static_cast<const arrow::DoubleScalar&>(a).value, static_cast<const arrow::DoubleScalar&>(b).value);
    case Type::BOOL: return cmp(static_cast<const arrow::BooleanScalar&>(a).value, static_cast<const arrow::BooleanScalar&>(b).value);
    case Type::DATE32: return cmp(static_cast<const arrow::Date32Scalar&>(a).value, static_cast<const arrow::Date32Scalar&>(b).value);
    case Type::TIMESTAMP: return cmp(static_cast<const arrow::TimestampScalar&>(a).value, static_cast<const arrow::TimestampScalar&>(b).value);
    case Type::DECIMAL128: return cmp(static_cast<const arrow::Decimal128Scalar&>(a).value, static_cast<const arrow::Decimal128Scalar&>(b).value);
    case Type::STRING:
    case Type::BINARY: {
      auto x = static_cast<const arrow::BaseBinaryScalar&>(a).view();
      auto y = static_cast<const arrow::BaseBinaryScalar&>(b).view();
      int c = x.compare(y);
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    default: return std::nullopt;
  }
}

}  // namespace tarn::delta
