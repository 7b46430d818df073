// Spark's CAST as Arrow kernels: "tarn_cast" raises Spark's errors (CAST_INVALID_INPUT for text
// that does not parse, CAST_OVERFLOW / NUMERIC_VALUE_OUT_OF_RANGE for values that do not fit),
// "tarn_try_cast" returns NULL for those values instead. Both take CastOptions naming the target
// type. Text is parsed as Spark parses it (trimmed; dates 'yyyy[-m[m][-d[d]]]', timestamps with
// 'T' or ' ', numbers in Java's syntax) and numbers print as Java prints them.
#include <charconv>
#include <cmath>
#include <optional>

#include <arrow/api.h>
#include <arrow/util/decimal.h>
#include <fmt/format.h>

#include "errors/error_class.h"
#include "sql/functions/functions_internal.h"
#include "sql/functions/kernels_internal.h"

namespace tarn::sql::functions_internal {

namespace {

struct CastState : public cp::KernelState {
  cp::CastOptions options;
};

bool IsSpace(char c) { return static_cast<unsigned char>(c) <= ' '; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<int64_t> ParseInteger(std::string_view s, int64_t lo, int64_t hi) {
  s = Trim(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return std::nullopt;
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  if (v < lo || v > hi) return std::nullopt;
  return v;
}

std::optional<double> ParseDouble(std::string_view s) {
  s = Trim(s);
  std::string l = Lower(s);
  if (l == "nan") return std::nan("");
  if (l == "inf" || l == "+inf" || l == "infinity" || l == "+infinity") return HUGE_VAL;
  if (l == "-inf" || l == "-infinity") return -HUGE_VAL;
  // Java accepts a type suffix (1.5d, 2f) and a leading '+'.
  if (!l.empty() && (l.back() == 'd' || l.back() == 'f')) l.pop_back();
  if (!l.empty() && l.front() == '+') l.erase(0, 1);
  if (l.empty() || l.find_first_not_of("0123456789.e+-") != std::string::npos) return std::nullopt;
  double v = 0;
  auto [ptr, ec] = std::from_chars(l.data(), l.data() + l.size(), v);
  if (ptr != l.data() + l.size()) return std::nullopt;
  if (ec == std::errc::result_out_of_range) return std::nullopt;
  if (ec != std::errc()) return std::nullopt;
  return v;
}

// 'yyyy', 'yyyy-[m]m', 'yyyy-[m]m-[d]d' optionally followed by ' ' or 'T' and anything.
std::optional<int32_t> ParseDate(std::string_view s, std::string_view* rest = nullptr) {
  s = Trim(s);
  size_t i = 0;
  int fields[3] = {0, 1, 1};
  int field = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) negative = s[i++] == '-';
  while (field < 3) {
    size_t start = i;
    int v = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && i - start < 7) v = v * 10 + (s[i++] - '0');
    size_t n = i - start;
    if (n == 0 || (field == 0 && n < 4) || (field > 0 && n > 2)) return std::nullopt;
    fields[field++] = v;
    if (i < s.size() && s[i] == '-' && field < 3) {
      ++i;
      continue;
    }
    break;
  }
  if (i < s.size()) {
    if (field < 3 || (s[i] != ' ' && s[i] != 'T')) return std::nullopt;
    if (rest) *rest = s.substr(i + 1);
  } else if (rest) {
    *rest = {};
  }
  int64_t year = negative ? -fields[0] : fields[0];
  if (fields[1] < 1 || fields[1] > 12 || fields[2] < 1 ||
      static_cast<unsigned>(fields[2]) > DaysInMonth(year, static_cast<unsigned>(fields[1]))) {
    return std::nullopt;
  }
  return static_cast<int32_t>(DaysFromCivil(year, static_cast<unsigned>(fields[1]), static_cast<unsigned>(fields[2])));
}

// Timestamp text; micros of the wall clock, or of UTC when the text names an offset (`*utc`).
std::optional<int64_t> ParseTimestamp(std::string_view s, bool* has_offset) {
  *has_offset = false;
  std::string_view rest;
  auto day = ParseDate(s, &rest);
  if (!day) return std::nullopt;
  int64_t micros = static_cast<int64_t>(*day) * 86400000000LL;
  size_t i = 0;
  int hms[3] = {0, 0, 0};
  for (int f = 0; f < 3 && i < rest.size(); ++f) {
    size_t start = i;
    int v = 0;
    while (i < rest.size() && std::isdigit(static_cast<unsigned char>(rest[i])) && i - start < 2) v = v * 10 + (rest[i++] - '0');
    if (i == start) return std::nullopt;
    hms[f] = v;
    if (f < 2 && i < rest.size() && rest[i] == ':') {
      ++i;
    } else {
      break;
    }
  }
  if (hms[0] > 23 || hms[1] > 59 || hms[2] > 59) return std::nullopt;
  int64_t frac = 0;
  if (i < rest.size() && rest[i] == '.') {
    ++i;
    int digits = 0;
    while (i < rest.size() && std::isdigit(static_cast<unsigned char>(rest[i]))) {
      if (digits < 6) frac = frac * 10 + (rest[i] - '0'), ++digits;
      ++i;
    }
    while (digits++ < 6) frac *= 10;
  }
  micros += (hms[0] * 3600LL + hms[1] * 60LL + hms[2]) * 1000000LL + frac;
  std::string_view zone = Trim(rest.substr(i));
  if (!zone.empty()) {
    if (zone == "Z" || zone == "UTC" || zone == "GMT") {
      *has_offset = true;
      return micros;
    }
    if (zone.front() != '+' && zone.front() != '-') return std::nullopt;
    int sign = zone.front() == '-' ? -1 : 1;
    std::string digits;
    for (char c : zone.substr(1)) {
      if (std::isdigit(static_cast<unsigned char>(c))) {
        digits += c;
      } else if (c != ':') {
        return std::nullopt;
      }
    }
    if (digits.size() != 2 && digits.size() != 4) return std::nullopt;
    int hh = std::stoi(digits.substr(0, 2)), mm = digits.size() == 4 ? std::stoi(digits.substr(2)) : 0;
    *has_offset = true;
    micros -= sign * (hh * 3600LL + mm * 60LL) * 1000000LL;
  }
  return micros;
}

std::optional<bool> ParseBoolean(std::string_view s) {
  std::string v = Lower(Trim(s));
  if (v == "t" || v == "true" || v == "y" || v == "yes" || v == "1") return true;
  if (v == "f" || v == "false" || v == "n" || v == "no" || v == "0") return false;
  return std::nullopt;
}

// Plain decimal text with all `scale` digits ("1.50", "-0.05").
std::string DecimalText(const arrow::Decimal128& v, int scale) {
  std::string digits = v.ToIntegerString();
  bool negative = !digits.empty() && digits[0] == '-';
  if (negative) digits.erase(0, 1);
  if (scale > 0) {
    if (static_cast<int>(digits.size()) <= scale) digits.insert(0, static_cast<size_t>(scale) - digits.size() + 1, '0');
    digits.insert(digits.size() - static_cast<size_t>(scale), ".");
  }
  return negative ? "-" + digits : digits;
}

// Spark's SQL literal text of a value in error messages (128L, 1.0E10D, 'abc').
std::string ValueText(const arrow::Array& a, int64_t i) {
  switch (a.type_id()) {
    case arrow::Type::STRING: return fmt::format("'{}'", static_cast<const arrow::StringArray&>(a).GetView(i));
    case arrow::Type::INT8: return fmt::format("{}Y", static_cast<const arrow::Int8Array&>(a).Value(i));
    case arrow::Type::INT16: return fmt::format("{}S", static_cast<const arrow::Int16Array&>(a).Value(i));
    case arrow::Type::INT32: return fmt::format("{}", static_cast<const arrow::Int32Array&>(a).Value(i));
    case arrow::Type::INT64: return fmt::format("{}L", static_cast<const arrow::Int64Array&>(a).Value(i));
    case arrow::Type::FLOAT: return JavaDouble(static_cast<const arrow::FloatArray&>(a).Value(i), true) + "F";
    case arrow::Type::DOUBLE: return JavaDouble(static_cast<const arrow::DoubleArray&>(a).Value(i), false) + "D";
    case arrow::Type::DECIMAL128:
      return DecimalText(arrow::Decimal128(static_cast<const arrow::Decimal128Array&>(a).GetValue(i)),
                         static_cast<const arrow::Decimal128Type&>(*a.type()).scale()) +
             "BD";
    default: {
      auto s = a.GetScalar(i);
      return s.ok() ? (*s)->ToString() : "?";
    }
  }
}

arrow::Status InvalidInput(const arrow::Array& a, int64_t i, const arrow::DataType& to) {
  return UserError("CAST_INVALID_INPUT",
                   "The value {} of the type \"{}\" cannot be cast to \"{}\" because it is malformed. Correct the "
                   "value as per the syntax, or change its target type. Use `try_cast` to tolerate malformed input "
                   "and return NULL instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass "
                   "this error.",
                   ValueText(a, i), SqlTypeName(*a.type()), SqlTypeName(to));
}

arrow::Status CastOverflow(const arrow::Array& a, int64_t i, const arrow::DataType& to) {
  if (to.id() == arrow::Type::DECIMAL128) {
    const auto& d = static_cast<const arrow::Decimal128Type&>(to);
    return UserError("NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION",
                     "{} cannot be represented as Decimal({}, {}). If necessary set \"spark.sql.ansi.enabled\" to "
                     "\"false\" to bypass this error, and return NULL instead.",
                     ValueText(a, i), d.precision(), d.scale());
  }
  return UserError("CAST_OVERFLOW",
                   "The value {} of the type \"{}\" cannot be cast to \"{}\" due to an overflow. Use `try_cast` to "
                   "tolerate overflow and return NULL instead. If necessary set \"spark.sql.ansi.enabled\" to "
                   "\"false\" to bypass this error.",
                   ValueText(a, i), SqlTypeName(*a.type()), SqlTypeName(to));
}

// A decimal from text, rounded HALF_UP to the type's scale; nullopt when malformed, `too_big`
// when it does not fit.
std::optional<arrow::Decimal128> ParseDecimal(std::string_view s, const arrow::Decimal128Type& to, bool* too_big) {
  std::string text(Trim(s));
  if (!text.empty() && text.front() == '+') text.erase(0, 1);
  arrow::Decimal256 value;
  int32_t precision = 0, scale = 0;
  if (text.empty() || !arrow::Decimal256::FromString(text, &value, &precision, &scale).ok()) return std::nullopt;
  if (scale > to.scale()) {
    arrow::Decimal256 divisor(arrow::Decimal256::GetScaleMultiplier(scale - to.scale()));
    bool negative = value.IsNegative();
    arrow::Decimal256 magnitude = arrow::Decimal256::Abs(value);
    arrow::Decimal256 q = magnitude / divisor, r = magnitude % divisor;
    if (r + r >= divisor) q += arrow::Decimal256(1);
    value = negative ? arrow::Decimal256(-q) : q;
  } else if (scale < to.scale()) {
    if (precision - scale + to.scale() > 76) return *too_big = true, std::nullopt;
    value = value * arrow::Decimal256(arrow::Decimal256::GetScaleMultiplier(to.scale() - scale));
  }
  if (arrow::Decimal256::Abs(value) >= arrow::Decimal256(arrow::Decimal256::GetScaleMultiplier(to.precision()))) {
    return *too_big = true, std::nullopt;
  }
  const auto& words = value.little_endian_array();
  return arrow::Decimal128(static_cast<int64_t>(words[1]), words[0]);
}

// Casts text row by row. Returns the first failure unless `try_cast`.
arrow::Result<std::shared_ptr<arrow::Array>> CastFromString(const arrow::StringArray& in, const arrow::DataType& to,
                                                            bool try_cast) {
  ARROW_ASSIGN_OR_RAISE(auto builder, arrow::MakeBuilder(to.GetSharedPtr()));
  ARROW_RETURN_NOT_OK(builder->Reserve(in.length()));
  for (int64_t i = 0; i < in.length(); ++i) {
    if (in.IsNull(i)) {
      ARROW_RETURN_NOT_OK(builder->AppendNull());
      continue;
    }
    std::string_view s = in.GetView(i);
    bool ok = true, too_big = false;
    arrow::Status st;
    switch (to.id()) {
      case arrow::Type::INT8:
      case arrow::Type::INT16:
      case arrow::Type::INT32:
      case arrow::Type::INT64: {
        int64_t lo = to.id() == arrow::Type::INT8 ? INT8_MIN : to.id() == arrow::Type::INT16 ? INT16_MIN
                     : to.id() == arrow::Type::INT32 ? INT32_MIN : INT64_MIN;
        int64_t hi = to.id() == arrow::Type::INT8 ? INT8_MAX : to.id() == arrow::Type::INT16 ? INT16_MAX
                     : to.id() == arrow::Type::INT32 ? INT32_MAX : INT64_MAX;
        auto v = ParseInteger(s, lo, hi);
        if (!v) {
          ok = false;
          break;
        }
        if (to.id() == arrow::Type::INT8) st = static_cast<arrow::Int8Builder&>(*builder).Append(static_cast<int8_t>(*v));
        if (to.id() == arrow::Type::INT16) st = static_cast<arrow::Int16Builder&>(*builder).Append(static_cast<int16_t>(*v));
        if (to.id() == arrow::Type::INT32) st = static_cast<arrow::Int32Builder&>(*builder).Append(static_cast<int32_t>(*v));
        if (to.id() == arrow::Type::INT64) st = static_cast<arrow::Int64Builder&>(*builder).Append(*v);
        break;
      }
      case arrow::Type::FLOAT:
      case arrow::Type::DOUBLE: {
        auto v = ParseDouble(s);
        if (!v) {
          ok = false;
        } else if (to.id() == arrow::Type::FLOAT) {
          st = static_cast<arrow::FloatBuilder&>(*builder).Append(static_cast<float>(*v));
        } else {
          st = static_cast<arrow::DoubleBuilder&>(*builder).Append(*v);
        }
        break;
      }
      case arrow::Type::DECIMAL128: {
        auto v = ParseDecimal(s, static_cast<const arrow::Decimal128Type&>(to), &too_big);
        if (!v) {
          ok = false;
        } else {
          st = static_cast<arrow::Decimal128Builder&>(*builder).Append(*v);
        }
        break;
      }
      case arrow::Type::BOOL: {
        auto v = ParseBoolean(s);
        if (!v) {
          ok = false;
        } else {
          st = static_cast<arrow::BooleanBuilder&>(*builder).Append(*v);
        }
        break;
      }
      case arrow::Type::DATE32: {
        auto v = ParseDate(s);
        if (!v) {
          ok = false;
        } else {
          st = static_cast<arrow::Date32Builder&>(*builder).Append(*v);
        }
        break;
      }
      case arrow::Type::TIMESTAMP: {
        bool has_offset = false;
        auto v = ParseTimestamp(s, &has_offset);
        if (!v) {
          ok = false;
        } else {
          st = static_cast<arrow::TimestampBuilder&>(*builder).Append(*v);
        }
        break;
      }
      default:
        return arrow::Status::NotImplemented("tarn_cast from STRING to ", to.ToString());
    }
    ARROW_RETURN_NOT_OK(st);
    if (!ok) {
      if (try_cast) {
        ARROW_RETURN_NOT_OK(builder->AppendNull());
        continue;
      }
      if (too_big) return CastOverflow(in, i, to);
      return InvalidInput(in, i, to);
    }
  }
  return builder->Finish();
}

arrow::Result<std::shared_ptr<arrow::Array>> CastToString(const arrow::Array& in) {
  arrow::StringBuilder b;
  ARROW_RETURN_NOT_OK(b.Reserve(in.length()));
  for (int64_t i = 0; i < in.length(); ++i) {
    if (in.IsNull(i)) {
      ARROW_RETURN_NOT_OK(b.AppendNull());
      continue;
    }
    switch (in.type_id()) {
      case arrow::Type::DOUBLE:
        ARROW_RETURN_NOT_OK(b.Append(JavaDouble(static_cast<const arrow::DoubleArray&>(in).Value(i), false)));
        break;
      case arrow::Type::FLOAT:
        ARROW_RETURN_NOT_OK(b.Append(JavaDouble(static_cast<const arrow::FloatArray&>(in).Value(i), true)));
        break;
      case arrow::Type::DECIMAL128:
        ARROW_RETURN_NOT_OK(b.Append(DecimalText(arrow::Decimal128(static_cast<const arrow::Decimal128Array&>(in).GetValue(i)),
                                                 static_cast<const arrow::Decimal128Type&>(*in.type()).scale())));
        break;
      case arrow::Type::TIMESTAMP:
        ARROW_RETURN_NOT_OK(b.Append(TimestampText(static_cast<const arrow::TimestampArray&>(in).Value(i))));
        break;
      case arrow::Type::DATE32: {
        Civil c = CivilFromDays(static_cast<const arrow::Date32Array&>(in).Value(i));
        ARROW_RETURN_NOT_OK(b.Append(fmt::format("{:04d}-{:02d}-{:02d}", c.year, c.month, c.day)));
        break;
      }
      default: return arrow::Status::NotImplemented("tarn_cast to STRING from ", in.type()->ToString());
    }
  }
  std::shared_ptr<arrow::Array> out;
  ARROW_RETURN_NOT_OK(b.Finish(&out));
  return out;
}

// Numbers to numbers: Arrow's checked cast after Spark's own steps (HALF_UP rounding to a
// decimal scale, truncation of fractions toward zero); a failing value is found row by row.
arrow::Result<std::shared_ptr<arrow::Array>> CastNumeric(const std::shared_ptr<arrow::Array>& in,
                                                         const cp::CastOptions& options, bool try_cast,
                                                         cp::ExecContext* ctx) {
  const arrow::DataType& to = *options.to_type;
  auto convert = [&](const std::shared_ptr<arrow::Array>& values) -> arrow::Result<std::shared_ptr<arrow::Array>> {
    arrow::Datum v = values;
    cp::CastOptions o = cp::CastOptions::Safe(options.to_type.GetSharedPtr());
    const auto from = values->type_id();
    if (to.id() == arrow::Type::DECIMAL128 && (from == arrow::Type::DECIMAL128 || from == arrow::Type::DOUBLE ||
                                               from == arrow::Type::FLOAT)) {
      int scale = static_cast<const arrow::Decimal128Type&>(to).scale();
      cp::RoundOptions round(scale, cp::RoundMode::HALF_TOWARDS_INFINITY);
      if (from == arrow::Type::FLOAT) {
        ARROW_ASSIGN_OR_RAISE(v, cp::Cast(v, arrow::float64(), cp::CastOptions::Safe(), ctx));
      }
      if (from != arrow::Type::DECIMAL128) {
        // NaN and infinities have no decimal value.
        ARROW_ASSIGN_OR_RAISE(auto finite, cp::CallFunction("is_finite", {v}, ctx));
        ARROW_ASSIGN_OR_RAISE(auto all, cp::CallFunction("all", {finite}, ctx));
        if (!all.scalar_as<arrow::BooleanScalar>().value && all.scalar()->is_valid) {
          return arrow::Status::Invalid("not finite");
        }
      }
      ARROW_ASSIGN_OR_RAISE(v, cp::CallFunction("round", {v}, &round, ctx));
      o.allow_float_truncate = true;
    }
    if (to.id() == arrow::Type::DECIMAL128 && IsIntegral(*values->type())) {
      // Arrow casts an integer only to a decimal holding every value of its type; narrow after.
      ARROW_ASSIGN_OR_RAISE(v, cp::Cast(v, DecimalForIntegral(*values->type()), cp::CastOptions::Safe(), ctx));
    }
    if (IsIntegral(to) && (from == arrow::Type::DOUBLE || from == arrow::Type::FLOAT)) {
      ARROW_ASSIGN_OR_RAISE(v, cp::CallFunction("trunc", {v}, ctx));
    }
    if (IsIntegral(to) && from == arrow::Type::DECIMAL128) {
      ARROW_ASSIGN_OR_RAISE(v, cp::CallFunction("trunc", {v}, ctx));
    }
    ARROW_ASSIGN_OR_RAISE(auto r, cp::Cast(v, o, ctx));
    return r.make_array();
  };
  auto whole = convert(in);
  if (whole.ok()) return whole;
  ARROW_ASSIGN_OR_RAISE(auto builder, arrow::MakeBuilder(options.to_type.GetSharedPtr()));
  for (int64_t i = 0; i < in->length(); ++i) {
    auto one = convert(in->Slice(i, 1));
    if (one.ok()) {
      ARROW_RETURN_NOT_OK(builder->AppendArraySlice(*(*one)->data(), 0, 1));
    } else if (try_cast) {
      ARROW_RETURN_NOT_OK(builder->AppendNull());
    } else {
      return CastOverflow(*in, i, to);
    }
  }
  return builder->Finish();
}

template <bool kTry>
arrow::Status SparkCast(cp::KernelContext* ctx, const cp::ExecSpan& batch, cp::ExecResult* out) {
  const auto& options = CastStateOptions(ctx);
  auto in = Inputs(batch)[0];
  const arrow::DataType& to = *options.to_type;
  std::shared_ptr<arrow::Array> result;
  if (in->type_id() == arrow::Type::STRING && to.id() != arrow::Type::STRING && to.id() != arrow::Type::BINARY) {
    ARROW_ASSIGN_OR_RAISE(result, CastFromString(static_cast<const arrow::StringArray&>(*in), to, kTry));
  } else if (to.id() == arrow::Type::STRING &&
             (IsFloating(*in->type()) || IsDecimal(*in->type()) || in->type_id() == arrow::Type::TIMESTAMP ||
              in->type_id() == arrow::Type::DATE32)) {
    ARROW_ASSIGN_OR_RAISE(result, CastToString(*in));
  } else if (IsNumeric(*in->type()) && IsNumeric(to)) {
    ARROW_ASSIGN_OR_RAISE(result, CastNumeric(in, options, kTry, ctx->exec_context()));
  } else {
    auto r = cp::Cast(arrow::Datum(in), cp::CastOptions::Safe(options.to_type.GetSharedPtr()), ctx->exec_context());
    if (!r.ok() && kTry) {
      ARROW_ASSIGN_OR_RAISE(auto nulls, arrow::MakeArrayOfNull(options.to_type.GetSharedPtr(), in->length()));
      return SetOutput(out, nulls);
    }
    ARROW_RETURN_NOT_OK(r.status());
    result = r->make_array();
  }
  return SetOutput(out, result);
}

// Arrow's own cast, as a scalar function: a registry other than Arrow's default one resolves
// "cast" to Arrow's cast meta-function, which expressions cannot bind; this one they can.
arrow::Status ArrowCast(cp::KernelContext* ctx, const cp::ExecSpan& batch, cp::ExecResult* out) {
  auto in = Inputs(batch)[0];
  // Arrow's default registry: through ours, "cast" would be this function again.
  cp::ExecContext arrow_context(ctx->exec_context()->memory_pool(), nullptr, cp::GetFunctionRegistry());
  ARROW_ASSIGN_OR_RAISE(auto result, cp::Cast(arrow::Datum(in), CastStateOptions(ctx), &arrow_context));
  return SetOutput(out, result.make_array());
}

}  // namespace

arrow::Result<std::unique_ptr<cp::KernelState>> InitCastState(cp::KernelContext*, const cp::KernelInitArgs& args) {
  if (args.options == nullptr) return arrow::Status::Invalid("tarn kernel needs CastOptions naming its result type");
  auto state = std::make_unique<CastState>();
  state->options = *static_cast<const cp::CastOptions*>(args.options);
  return state;
}

const cp::CastOptions& CastStateOptions(cp::KernelContext* ctx) {
  return static_cast<const CastState*>(ctx->state())->options;
}

arrow::Result<arrow::TypeHolder> CastOutputType(cp::KernelContext* ctx, const std::vector<arrow::TypeHolder>&) {
  return CastStateOptions(ctx).to_type;
}

arrow::Status RegisterCastKernels(cp::FunctionRegistry& registry) {
  auto cast = std::make_shared<cp::ScalarFunction>("cast", cp::Arity::Unary(), cp::FunctionDoc::Empty());
  cp::ScalarKernel kernel({cp::InputType::Any()}, cp::OutputType(CastOutputType), ArrowCast, InitCastState);
  kernel.null_handling = cp::NullHandling::COMPUTED_NO_PREALLOCATE;
  kernel.mem_allocation = cp::MemAllocation::NO_PREALLOCATE;
  ARROW_RETURN_NOT_OK(cast->AddKernel(std::move(kernel)));
  ARROW_RETURN_NOT_OK(registry.AddFunction(cast, /*allow_overwrite=*/true));
  ARROW_RETURN_NOT_OK(AddKernel(registry, "tarn_cast", 1, {cp::InputType::Any()}, cp::OutputType(CastOutputType),
                                SparkCast<false>, InitCastState));
  return AddKernel(registry, "tarn_try_cast", 1, {cp::InputType::Any()}, cp::OutputType(CastOutputType),
                   SparkCast<true>, InitCastState);
}

}  // namespace tarn::sql::functions_internal
