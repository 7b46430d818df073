// CAST with Spark's ANSI semantics: which casts are allowed, and how each evaluates. Conversions
// whose errors or text differ from Arrow's go through the "tarn_cast" kernels (cast_kernels.cc);
// time zone shifts use Arrow's tz-aware kernels with the session time zone.
#include <arrow/api.h>
#include <fmt/format.h>

#include "errors/error_class.h"
#include "sql/functions/functions_internal.h"

namespace tarn::sql::functions_internal {

namespace {

bool IsUtc(const std::string& tz) { return tz.empty() || tz == "UTC" || tz == "Etc/UTC" || tz == "Z" || tz == "GMT"; }

bool IsZoned(const arrow::DataType& t) {
  return t.id() == arrow::Type::TIMESTAMP && !static_cast<const arrow::TimestampType&>(t).timezone().empty();
}

const TypePtr kNaive = arrow::timestamp(arrow::TimeUnit::MICRO);

// An instant as the wall clock of the session time zone (naive micros).
cp::Expression ToLocal(cp::Expression instant, const BindContext& context) {
  if (IsUtc(context.time_zone)) return CastExpr(std::move(instant), kNaive);
  auto zoned = CastExpr(std::move(instant), arrow::timestamp(arrow::TimeUnit::MICRO, context.time_zone));
  return cp::call("local_timestamp", {std::move(zoned)});
}

// A session wall clock time (naive micros) as an instant of type `to`.
cp::Expression FromLocal(cp::Expression local, const TypePtr& to, const BindContext& context) {
  if (IsUtc(context.time_zone)) return CastExpr(std::move(local), to);
  auto zoned = cp::call("assume_timezone", {std::move(local)}, cp::AssumeTimezoneOptions(context.time_zone));
  return CastExpr(std::move(zoned), to);
}

bool LosslessWidening(const arrow::DataType& from, const arrow::DataType& to) {
  if (IsIntegral(from) && IsIntegral(to)) return arrow::bit_width(to.id()) >= arrow::bit_width(from.id());
  if (IsIntegral(from) && to.id() == arrow::Type::DOUBLE) return true;
  return from.id() == arrow::Type::FLOAT && to.id() == arrow::Type::DOUBLE;
}

}  // namespace

arrow::Result<cp::Expression> Registry::LowerCast(cp::Expression arg, const TypePtr& from, const TypePtr& to,
                                                  bool try_cast, const BindContext& context) const {
  if (from->Equals(*to)) return arg;
  if (IsNull(*from)) return NullOf(to);
  auto cannot = [&]() {
    return UserError("DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION",
                     "Cannot resolve the cast due to data type mismatch: cannot cast \"{}\" to \"{}\".",
                     SqlTypeName(*from), SqlTypeName(*to));
  };
  const bool from_num = IsNumeric(*from), to_num = IsNumeric(*to);
  const bool from_str = IsString(*from), to_str = IsString(*to);
  const auto to_id = to->id(), from_id = from->id();
  // What ANSI mode allows.
  bool allowed = (from_num && to_num) || (from_num && to_str) || (from_str && to_num) ||
                 (from_num && to_id == arrow::Type::BOOL) || (from_id == arrow::Type::BOOL && to_num) ||
                 (from_str && (IsTemporal(*to) || to_id == arrow::Type::BOOL || to_id == arrow::Type::BINARY)) ||
                 (to_str && (IsTemporal(*from) || from_id == arrow::Type::BOOL || from_id == arrow::Type::BINARY ||
                             from_str)) ||
                 (IsTemporal(*from) && IsTemporal(*to)) || (from_num && to_id == arrow::Type::TIMESTAMP) ||
                 (from_id == arrow::Type::TIMESTAMP && to_num) ||
                 (from_id == arrow::Type::LIST && to_id == arrow::Type::LIST) ||
                 (from_id == arrow::Type::MAP && to_id == arrow::Type::MAP) ||
                 (from_id == arrow::Type::STRUCT && to_id == arrow::Type::STRUCT && from->num_fields() == to->num_fields());
  if (!allowed && from_id == arrow::Type::DATE32 && to_num) {
    return UserError("DATATYPE_MISMATCH.CAST_WITH_FUNC_SUGGESTION",
                     "Cannot resolve the cast due to data type mismatch: cannot cast \"DATE\" to \"{}\". To convert "
                     "values from \"DATE\" to \"{}\", you can use the function `UNIX_DATE` instead.",
                     SqlTypeName(*to), SqlTypeName(*to));
  }
  if (!allowed) return cannot();
  const std::string kernel = try_cast ? "tarn_try_cast" : "tarn_cast";
  auto spark = [&](cp::Expression e, const TypePtr& target) {
    return cp::call(kernel, {std::move(e)}, cp::CastOptions::Safe(target));
  };
  if (to_str) {
    if (IsFloating(*from) || IsDecimal(*from) || from_id == arrow::Type::DATE32) return spark(std::move(arg), to);
    if (from_id == arrow::Type::TIMESTAMP) {
      auto local = IsZoned(*from) ? ToLocal(std::move(arg), context) : std::move(arg);
      return spark(std::move(local), to);
    }
    if (from_id == arrow::Type::LIST || from_id == arrow::Type::STRUCT || from_id == arrow::Type::MAP) return cannot();
    return CastExpr(std::move(arg), to);
  }
  if (from_str) {
    if (to_id == arrow::Type::BINARY) return CastExpr(std::move(arg), to);
    if (to_id == arrow::Type::TIMESTAMP && IsZoned(*to) && !IsUtc(context.time_zone)) {
      return FromLocal(spark(std::move(arg), kNaive), to, context);
    }
    return spark(std::move(arg), to);
  }
  if (from_num && to_num) {
    if (LosslessWidening(*from, *to)) return CastExpr(std::move(arg), to);
    return spark(std::move(arg), to);
  }
  if (to_id == arrow::Type::BOOL && from_num) {
    return cp::call("not_equal", {std::move(arg), CastExpr(cp::literal(0), from)});
  }
  if (from_id == arrow::Type::DATE32 && to_id == arrow::Type::TIMESTAMP) {
    auto midnight = CastExpr(std::move(arg), kNaive);
    return IsZoned(*to) ? FromLocal(std::move(midnight), to, context) : midnight;
  }
  if (from_id == arrow::Type::TIMESTAMP && to_id == arrow::Type::DATE32) {
    auto local = IsZoned(*from) ? ToLocal(std::move(arg), context) : std::move(arg);
    return CastExpr(std::move(local), to);
  }
  if (from_id == arrow::Type::TIMESTAMP && to_id == arrow::Type::TIMESTAMP) {
    if (IsZoned(*from) && !IsZoned(*to)) return ToLocal(std::move(arg), context);
    if (!IsZoned(*from) && IsZoned(*to)) return FromLocal(std::move(arg), to, context);
    return CastExpr(std::move(arg), to);
  }
  if (from_id == arrow::Type::TIMESTAMP && to_num) {
    // Seconds since the epoch (floor).
    auto micros = CastExpr(std::move(arg), arrow::int64());
    auto seconds = cp::call("floor", {cp::call("divide", {CastExpr(micros, arrow::float64()), cp::literal(1e6)})});
    return LowerCast(std::move(seconds), arrow::float64(), to, try_cast, context);
  }
  if (from_num && to_id == arrow::Type::TIMESTAMP) {
    auto micros = cp::call("multiply", {CastExpr(std::move(arg), arrow::float64()), cp::literal(1e6)});
    auto as_int = spark(cp::call("trunc", {micros}), arrow::int64());
    return CastExpr(std::move(as_int), to);
  }
  return CastExpr(std::move(arg), to);
}

}  // namespace tarn::sql::functions_internal
