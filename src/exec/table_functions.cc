#include "exec/table_functions.h"

#include <arrow/api.h>
#include <fmt/format.h>

#include "errors/error_class.h"
#include "exec/expression_lowering.h"
#include "exec/session_catalog.h"
#include "exec/table_sources.h"
#include "sql/plan/identifier.h"

namespace tarn::exec {

namespace {

using Arguments = std::vector<sql::RelationResolver::FunctionArgument>;

// The constant value of an argument (folded), or an error naming the function.
arrow::Result<std::shared_ptr<arrow::Scalar>> ConstantArgument(const TableFunctionContext& ctx,
                                                               const std::string& function,
                                                               const sql::RelationResolver::FunctionArgument& arg) {
  ExpressionLowering lowering(ctx.functions, ctx.bind, nullptr);
  ARROW_ASSIGN_OR_RAISE(auto folded, lowering.FoldConstants(arg.value));
  if (folded->kind != sql::ExprKind::kLiteral) {
    return UserError("NON_FOLDABLE_ARGUMENT",
                     "The function `{}` requires the parameter `{}` to be a foldable expression.", function,
                     arg.name.empty() ? std::string("value") : arg.name);
  }
  return folded->value;
}

arrow::Result<int64_t> IntegerArgument(const TableFunctionContext& ctx, const std::string& function,
                                       const sql::RelationResolver::FunctionArgument& arg) {
  ARROW_ASSIGN_OR_RAISE(auto value, ConstantArgument(ctx, function, arg));
  if (!value->is_valid || !arrow::is_integer(value->type->id())) {
    return UserError("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                     "The function `{}` requires integer arguments; got {}.", function, value->ToString());
  }
  ARROW_ASSIGN_OR_RAISE(auto as_long, value->CastTo(arrow::int64()));
  return std::static_pointer_cast<arrow::Int64Scalar>(as_long)->value;
}

arrow::Result<std::shared_ptr<const sql::TableSource>> Range(const TableFunctionContext& ctx, const Arguments& args) {
  if (args.empty() || args.size() > 4) {
    return UserError("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                     "The `range` requires [1, 2, 3, 4] parameters but the actual number is {}.", args.size());
  }
  int64_t start = 0, end = 0, step = 1;
  if (args.size() == 1) {
    ARROW_ASSIGN_OR_RAISE(end, IntegerArgument(ctx, "range", args[0]));
  } else {
    ARROW_ASSIGN_OR_RAISE(start, IntegerArgument(ctx, "range", args[0]));
    ARROW_ASSIGN_OR_RAISE(end, IntegerArgument(ctx, "range", args[1]));
    if (args.size() >= 3) {
      ARROW_ASSIGN_OR_RAISE(step, IntegerArgument(ctx, "range", args[2]));
    }
  }
  if (step == 0) return UserError("FAILED_FUNCTION_CALL", "Failed preparing of the function `range` for call: step cannot be 0.");
  arrow::Int64Builder builder;
  // Spark computes the count from the bounds, so an overflowing range simply stops.
  for (__int128 v = start; step > 0 ? v < end : v > end; v += step) {
    ARROW_RETURN_NOT_OK(builder.Append(static_cast<int64_t>(v)));
  }
  ARROW_ASSIGN_OR_RAISE(auto ids, builder.Finish());
  auto table = arrow::Table::Make(arrow::schema({arrow::field("id", arrow::int64(), false)}), {ids});
  return std::make_shared<InMemoryTableSource>("range", table);
}

}  // namespace

arrow::Result<std::shared_ptr<const sql::TableSource>> CallTableFunction(const TableFunctionContext& ctx,
                                                                         const std::string& name,
                                                                         const Arguments& arguments) {
  if (name == "range") return Range(ctx, arguments);
  return UserError("UNRESOLVABLE_TABLE_VALUED_FUNCTION",
                   "Could not resolve `{}` to a table-valued function. Please make sure that `{}` is defined as a "
                   "table-valued function and that all required parameters are provided correctly.",
                   name, name);
}

arrow::Result<std::shared_ptr<const sql::TableSource>> ReadFilesSource(const std::string& path,
                                                                       const std::string& format,
                                                                       const std::map<std::string, std::string>&,
                                                                       bool) {
  return UserError("UNSUPPORTED_DATASOURCE_FOR_DIRECT_QUERY",
                   "Unsupported data source type for direct query on files: {} (`{}`)", format, path);
}

}  // namespace tarn::exec
