// The registry: the function table, binding by name, and CAST with Spark's ANSI semantics.
#include <algorithm>
#include <mutex>

#include <arrow/api.h>
#include <fmt/format.h>

#include "errors/error_class.h"
#include "sql/functions/functions_internal.h"
#include "sql/plan/identifier.h"

namespace tarn::sql {

namespace fi = functions_internal;
namespace cp = arrow::compute;

arrow::Result<std::shared_ptr<const SparkFunctionRegistry>> SparkFunctionRegistry::Make() {
  auto registry = std::make_shared<fi::Registry>();
  // tarn's kernels go into Arrow's process-wide registry, once: Arrow binds CAST (and the casts
  // it inserts itself) only through that registry, so a child registry cannot be used. The
  // kernels are pure functions; adding them is the one-time setup Arrow's own modules do.
  static std::once_flag registered;
  arrow::Status status;
  std::call_once(registered, [&] { status = fi::RegisterTarnKernels(*cp::GetFunctionRegistry()); });
  ARROW_RETURN_NOT_OK(status);
  fi::FunctionTable table;
  fi::AddOperatorFunctions(table);
  fi::AddStringFunctions(table);
  fi::AddMathFunctions(table);
  fi::AddDatetimeFunctions(table);
  fi::AddConditionalFunctions(table);
  fi::AddCollectionFunctions(table);
  fi::AddAggregateFunctions(table);
  fi::AddWindowFunctions(table);
  registry->entries_ = std::move(table.entries());
  return registry;
}

namespace functions_internal {

void FunctionTable::AddScalar(const std::string& name, const std::string& usage, ScalarBinder binder,
                              const std::string& since) {
  Entry& e = entries_[name];
  e.info.name = name;
  e.info.kind = FunctionKind::kScalar;
  e.info.usage = usage;
  e.info.since = since;
  e.scalar = std::move(binder);
}

void FunctionTable::AddAggregate(const std::string& name, const std::string& usage, AggregateBinder binder) {
  Entry& e = entries_[name];
  e.info.name = name;
  e.info.kind = FunctionKind::kAggregate;
  e.info.usage = usage;
  e.info.since = "1.0.0";
  e.aggregate = std::move(binder);
}

void FunctionTable::AddWindow(const std::string& name, const std::string& usage, WindowBinder binder) {
  Entry& e = entries_[name];
  e.info.name = name;
  e.info.kind = FunctionKind::kWindow;
  e.info.usage = usage;
  e.info.since = "2.0.0";
  e.window = std::move(binder);
}

void FunctionTable::AddAlias(const std::string& alias, const std::string& target) {
  Entry copy = entries_.at(target);
  copy.info.name = alias;
  copy.info.usage = alias + copy.info.usage.substr(std::min(copy.info.usage.find('('), copy.info.usage.size()));
  entries_[alias] = std::move(copy);
}

const FunctionInfo* Registry::Find(const std::string& name) const {
  auto it = entries_.find(AsciiLower(name));
  return it == entries_.end() ? nullptr : &it->second.info;
}

std::vector<FunctionInfo> Registry::List() const {
  std::vector<FunctionInfo> out;
  for (const auto& [name, e] : entries_) out.push_back(e.info);
  return out;
}

namespace {
arrow::Status Unresolved(const std::string& name) {
  return UserError("UNRESOLVED_ROUTINE",
                   "Cannot resolve routine `{}` on search path [`system`.`builtin`, `system`.`session`].", name);
}
}  // namespace

arrow::Result<BoundScalarFunction> Registry::BindScalar(const std::string& name, const std::vector<ArgumentInfo>& args,
                                                        const BindContext& context) const {
  auto it = entries_.find(name);
  if (it == entries_.end() || !it->second.scalar) return Unresolved(name);
  return it->second.scalar(args, context, *this);
}

arrow::Result<BoundAggregateFunction> Registry::BindAggregate(const std::string& name,
                                                              const std::vector<ArgumentInfo>& args,
                                                              bool distinct) const {
  auto it = entries_.find(name);
  if (it == entries_.end() || !it->second.aggregate) return Unresolved(name);
  return it->second.aggregate(args, distinct);
}

arrow::Result<BoundWindowFunction> Registry::BindWindow(const std::string& name,
                                                        const std::vector<ArgumentInfo>& args) const {
  auto it = entries_.find(name);
  if (it == entries_.end() || !it->second.window) return Unresolved(name);
  return it->second.window(args);
}

arrow::Result<TypePtr> Registry::CommonType(const TypePtr& a, const TypePtr& b) const { return CommonTypeOf(a, b); }

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
                 (from_id == arrow::Type::STRUCT && to_id == arrow::Type::STRUCT && from->num_fields() == to->num_fields());
  if (!allowed && from_id == arrow::Type::DATE32 && to_num) {
    return UserError("DATATYPE_MISMATCH.CAST_WITH_FUNC_SUGGESTION",
                     "Cannot resolve the cast due to data type mismatch: cannot cast \"DATE\" to \"{}\". To convert "
                     "values from \"DATE\" to \"{}\", you can use the function `UNIX_DATE` instead.",
                     SqlTypeName(*to), SqlTypeName(*to));
  }
  if (!allowed) return cannot();
  if (try_cast) {
    // Row by row; any failure is NULL.
    ARROW_ASSIGN_OR_RAISE(auto strict, LowerCast(cp::field_ref("x"), from, to, false, context));
    (void)strict;
    return cp::call("tarn_try_cast", {std::move(arg)}, cp::CastOptions::Safe(to));
  }
  if (to_str) {
    if (IsFloating(*from)) return cp::call("tarn_double_to_string", {CastExpr(std::move(arg), arrow::float64())});
    if (from_id == arrow::Type::TIMESTAMP) return cp::call("tarn_timestamp_to_string", {std::move(arg)});
    if (from_id == arrow::Type::LIST || from_id == arrow::Type::STRUCT) return cannot();
    return CastExpr(std::move(arg), to);
  }
  if (from_str) {
    auto trimmed = cp::call("utf8_trim", {std::move(arg)}, cp::TrimOptions(" \t\n\r"));
    if (to_id == arrow::Type::DATE32) {
      // 'yyyy-mm-dd hh:mm:ss' casts to its date.
      auto date_part = cp::call("replace_substring_regex", {trimmed},
                                cp::ReplaceSubstringOptions("^(\\d{4}-\\d{1,2}-\\d{1,2})[ T].*$", "\\1"));
      return CastExpr(std::move(date_part), to);
    }
    if (to_id == arrow::Type::TIMESTAMP) {
      auto naive = CastExpr(std::move(trimmed), arrow::timestamp(arrow::TimeUnit::MICRO));
      const auto& tz = static_cast<const arrow::TimestampType&>(*to).timezone();
      if (tz.empty()) return naive;
      if (context.time_zone == "UTC" || context.time_zone.empty()) return CastExpr(std::move(naive), to);
      return cp::call("assume_timezone", {std::move(naive)}, cp::AssumeTimezoneOptions(context.time_zone));
    }
    if (to_id == arrow::Type::BOOL) {
      return cp::call("tarn_string_to_boolean", {std::move(trimmed)});
    }
    if (IsDecimal(*to)) {
      // Parse with spare digits, then round HALF_UP to the target scale, as Spark does.
      const auto& d = static_cast<const arrow::Decimal128Type&>(*to);
      int scale = std::min(38, d.scale() + 10);
      auto wide = CastExpr(std::move(trimmed), arrow::decimal128(38, scale));
      auto rounded = cp::call("round", {wide}, cp::RoundOptions(d.scale(), cp::RoundMode::HALF_TOWARDS_INFINITY));
      auto options = cp::CastOptions::Safe(to);
      options.allow_decimal_truncate = true;
      return cp::call("cast", {rounded}, options);
    }
    return CastExpr(std::move(trimmed), to);
  }
  if (to_num && from_num) {
    if (IsIntegral(*to) && IsFloating(*from)) return CastExpr(cp::call("trunc", {std::move(arg)}), to);
    if (IsIntegral(*to) && IsDecimal(*from)) {
      auto options = cp::CastOptions::Safe(to);
      options.allow_decimal_truncate = true;
      return cp::call("cast", {std::move(arg)}, options);
    }
    if (IsDecimal(*to)) {
      int scale = static_cast<const arrow::Decimal128Type&>(*to).scale();
      if (IsDecimal(*from) && static_cast<const arrow::Decimal128Type&>(*from).scale() > scale) {
        auto rounded = cp::call("round", {std::move(arg)},
                                cp::RoundOptions(scale, cp::RoundMode::HALF_TOWARDS_INFINITY));
        auto options = cp::CastOptions::Safe(to);
        options.allow_decimal_truncate = true;
        return cp::call("cast", {std::move(rounded)}, options);
      }
      if (IsIntegral(*from)) {
        // Arrow wants a decimal that holds every value of the integer type; narrow afterwards
        // (a checked cast: values that do not fit are an overflow).
        auto wide = CastExpr(std::move(arg), DecimalForIntegral(*from));
        return CastExpr(std::move(wide), to);
      }
      if (IsFloating(*from)) {
        auto rounded = cp::call("round", {std::move(arg)},
                                cp::RoundOptions(scale, cp::RoundMode::HALF_TOWARDS_INFINITY));
        auto options = cp::CastOptions::Safe(to);
        options.allow_float_truncate = true;
        options.allow_decimal_truncate = true;
        return cp::call("cast", {std::move(rounded)}, options);
      }
    }
    return CastExpr(std::move(arg), to);
  }
  if (to_id == arrow::Type::BOOL && from_num) {
    return cp::call("not_equal", {std::move(arg), CastExpr(cp::literal(0), from)});
  }
  if (from_id == arrow::Type::TIMESTAMP && to_num) {
    // Seconds since the epoch (floor).
    auto micros = CastExpr(std::move(arg), arrow::int64());
    auto seconds = cp::call("floor", {cp::call("divide", {CastExpr(micros, arrow::float64()), cp::literal(1e6)})});
    return LowerCast(std::move(seconds), arrow::float64(), to, false, context);
  }
  if (from_num && to_id == arrow::Type::TIMESTAMP) {
    auto micros = cp::call("multiply_checked", {CastExpr(std::move(arg), arrow::float64()), cp::literal(1e6)});
    auto as_int = CastExpr(cp::call("trunc", {micros}), arrow::int64());
    return CastExpr(std::move(as_int), to);
  }
  return CastExpr(std::move(arg), to);
}

}  // namespace functions_internal
}  // namespace tarn::sql
