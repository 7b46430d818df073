// Spark's implicit type rules (ANSI mode): numeric widening, decimal precision and scale,
// the common type of two values.
#include <algorithm>

#include <arrow/api.h>
#include <fmt/format.h>

#include "errors/error_class.h"
#include "sql/functions/functions_internal.h"
#include "sql/plan/data_type.h"

namespace tarn::sql::functions_internal {

bool IsIntegral(const arrow::DataType& t) {
  switch (t.id()) {
    case arrow::Type::INT8:
    case arrow::Type::INT16:
    case arrow::Type::INT32:
    case arrow::Type::INT64: return true;
    default: return false;
  }
}
bool IsFloating(const arrow::DataType& t) { return t.id() == arrow::Type::FLOAT || t.id() == arrow::Type::DOUBLE; }
bool IsDecimal(const arrow::DataType& t) { return t.id() == arrow::Type::DECIMAL128; }
bool IsNumeric(const arrow::DataType& t) { return IsIntegral(t) || IsFloating(t) || IsDecimal(t); }
bool IsString(const arrow::DataType& t) { return t.id() == arrow::Type::STRING || t.id() == arrow::Type::LARGE_STRING; }
bool IsTemporal(const arrow::DataType& t) { return t.id() == arrow::Type::DATE32 || t.id() == arrow::Type::TIMESTAMP; }
bool IsNull(const arrow::DataType& t) { return t.id() == arrow::Type::NA; }

TypePtr DecimalForIntegral(const arrow::DataType& t) {
  switch (t.id()) {
    case arrow::Type::INT8: return arrow::decimal128(3, 0);
    case arrow::Type::INT16: return arrow::decimal128(5, 0);
    case arrow::Type::INT32: return arrow::decimal128(10, 0);
    default: return arrow::decimal128(20, 0);
  }
}

TypePtr AdjustedDecimal(int precision, int scale) {
  if (precision <= 38) return arrow::decimal128(std::max(precision, 1), scale);
  int int_digits = precision - scale;
  int min_scale = std::min(scale, 6);
  int adjusted = std::max(38 - int_digits, min_scale);
  return arrow::decimal128(38, adjusted);
}

namespace {
int Rank(const arrow::DataType& t) {
  switch (t.id()) {
    case arrow::Type::INT8: return 1;
    case arrow::Type::INT16: return 2;
    case arrow::Type::INT32: return 3;
    case arrow::Type::INT64: return 4;
    case arrow::Type::DECIMAL128: return 5;
    case arrow::Type::FLOAT: return 6;
    case arrow::Type::DOUBLE: return 7;
    default: return 0;
  }
}
}  // namespace

TypePtr WiderNumeric(const TypePtr& a, const TypePtr& b) {
  if (a->Equals(*b)) return a;
  if (IsDecimal(*a) || IsDecimal(*b)) {
    if (IsFloating(*a) || IsFloating(*b)) return arrow::float64();
    auto da = IsDecimal(*a) ? a : DecimalForIntegral(*a);
    auto db = IsDecimal(*b) ? b : DecimalForIntegral(*b);
    const auto& x = static_cast<const arrow::Decimal128Type&>(*da);
    const auto& y = static_cast<const arrow::Decimal128Type&>(*db);
    int scale = std::max(x.scale(), y.scale());
    int range = std::max(x.precision() - x.scale(), y.precision() - y.scale());
    return arrow::decimal128(std::min(range + scale, 38), std::min(scale, 38));
  }
  if (a->id() == arrow::Type::DOUBLE || b->id() == arrow::Type::DOUBLE) return arrow::float64();
  if (IsFloating(*a) || IsFloating(*b)) return arrow::float32();
  return Rank(*a) >= Rank(*b) ? a : b;
}

arrow::Result<TypePtr> CommonTypeOf(const TypePtr& a, const TypePtr& b) {
  if (a->Equals(*b)) return a;
  if (IsNull(*a)) return b;
  if (IsNull(*b)) return a;
  if (IsNumeric(*a) && IsNumeric(*b)) return WiderNumeric(a, b);
  if (IsString(*a) && IsString(*b)) return arrow::utf8();
  // ANSI: a string meets another type by becoming that type.
  if (IsString(*a) && (IsNumeric(*b) || IsTemporal(*b) || b->id() == arrow::Type::BOOL)) {
    return IsIntegral(*b) ? arrow::int64() : b;
  }
  if (IsString(*b) && (IsNumeric(*a) || IsTemporal(*a) || a->id() == arrow::Type::BOOL)) {
    return IsIntegral(*a) ? arrow::int64() : a;
  }
  if (IsTemporal(*a) && IsTemporal(*b)) {
    if (a->id() == arrow::Type::TIMESTAMP) return a;
    return b;
  }
  if (a->id() == arrow::Type::LIST && b->id() == arrow::Type::LIST) {
    ARROW_ASSIGN_OR_RAISE(auto item, CommonTypeOf(a->field(0)->type(), b->field(0)->type()));
    return arrow::list(arrow::field("element", item));
  }
  return UserError("DATATYPE_MISMATCH.DATA_DIFF_TYPES",
                   "Cannot resolve the expression due to data type mismatch: the input should all have the same "
                   "type, but it's [\"{}\", \"{}\"].",
                   SqlTypeName(*a), SqlTypeName(*b));
}

std::string SqlTypeName(const arrow::DataType& t) {
  std::string s = SparkTypeName(t);
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

BoundScalarFunction Fixed(std::vector<TypePtr> arg_types, TypePtr result, LowerFn lower) {
  BoundScalarFunction b;
  b.arg_types = std::move(arg_types);
  b.result_type = std::move(result);
  b.lower = std::move(lower);
  return b;
}

arrow::Status ExpectArgs(const std::string& name, const std::vector<ArgumentInfo>& args, size_t min, size_t max) {
  if (args.size() < min || args.size() > max) {
    std::string expected = min == max ? std::to_string(min)
                           : max == SIZE_MAX ? "> " + std::to_string(min - 1)
                                             : fmt::format("[{}, {}]", min, max);
    return UserError("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                     "The `{}` requires {} parameters but the actual number is {}.", name, expected, args.size());
  }
  return arrow::Status::OK();
}

arrow::Status TypeMismatch(const std::string& name, size_t index, const std::string& required, const TypePtr& got) {
  return UserError("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                   "Cannot resolve \"{}\" due to data type mismatch: the {} parameter requires the {} type, however "
                   "the argument has the type \"{}\".",
                   name, index == 0 ? "first" : index == 1 ? "second" : index == 2 ? "third" : "next", required,
                   SqlTypeName(*got));
}

cp::Expression NullOf(const TypePtr& type) { return cp::literal(arrow::MakeNullScalar(type)); }

cp::Expression CastExpr(cp::Expression e, const TypePtr& to) {
  return cp::call("cast", {std::move(e)}, cp::CastOptions::Safe(to));
}

std::string LiteralString(const ArgumentInfo& arg) {
  if (!arg.literal || !arg.literal->is_valid) return "";
  if (arg.literal->type->id() != arrow::Type::STRING) return "";
  return static_cast<const arrow::StringScalar&>(*arg.literal).ToString();
}

}  // namespace tarn::sql::functions_internal
