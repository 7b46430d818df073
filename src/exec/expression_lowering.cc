#include "exec/expression_lowering.h"

#include <set>

#include <arrow/api.h>
#include <arrow/compute/api.h>

#include "errors/error_class.h"
#include "sql/plan/expression_visitor.h"

namespace tarn::exec {

namespace cp = arrow::compute;
using sql::Expr;
using sql::ExprKind;

std::string FieldName(int64_t attribute_id) { return "#" + std::to_string(attribute_id); }

arrow::Result<cp::Expression> ExpressionLowering::Lower(const Expr& expr) const {
  switch (expr.kind) {
    case ExprKind::kLiteral: {
      if (!expr.value) return cp::literal(arrow::MakeNullScalar(arrow::null()));
      return cp::literal(expr.value);
    }
    case ExprKind::kColumn:
      return cp::field_ref(FieldName(expr.attribute_id));
    case ExprKind::kAlias:
      return Lower(*expr.args.at(0));
    case ExprKind::kCast: {
      ARROW_ASSIGN_OR_RAISE(auto arg, Lower(*expr.args.at(0)));
      return functions_.LowerCast(std::move(arg), expr.args[0]->type, expr.type, expr.try_cast, context_);
    }
    case ExprKind::kCall:
      return LowerCall(expr);
    case ExprKind::kCase: {
      size_t pairs = expr.args.size() / 2;
      std::vector<cp::Expression> conditions, values;
      std::vector<std::string> names;
      for (size_t i = 0; i < pairs; ++i) {
        ARROW_ASSIGN_OR_RAISE(auto c, Lower(*expr.args[2 * i]));
        ARROW_ASSIGN_OR_RAISE(auto v, Lower(*expr.args[2 * i + 1]));
        conditions.push_back(std::move(c));
        values.push_back(std::move(v));
        names.push_back("c" + std::to_string(i));
      }
      if (expr.args.size() % 2 == 1) {
        ARROW_ASSIGN_OR_RAISE(auto e, Lower(*expr.args.back()));
        values.push_back(std::move(e));
      } else {
        values.push_back(cp::literal(arrow::MakeNullScalar(expr.type)));
      }
      std::vector<cp::Expression> args;
      args.push_back(cp::call("make_struct", std::move(conditions), cp::MakeStructOptions(names)));
      for (auto& v : values) args.push_back(std::move(v));
      return cp::call("case_when", std::move(args));
    }
    case ExprKind::kInList:
      return LowerInList(expr);
    case ExprKind::kScalarSubquery: {
      ARROW_ASSIGN_OR_RAISE(auto value, run_subquery_(expr.subquery));
      return cp::literal(std::move(value));
    }
    case ExprKind::kOuterRef:
    case ExprKind::kInSubquery:
    case ExprKind::kExists:
      return UserError("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY",
                       "This subquery form is not supported here yet (correlated or nested in an expression).");
    case ExprKind::kWindow:
      return arrow::Status::Invalid("window expressions are evaluated by the window operator");
    case ExprKind::kStar:
    case ExprKind::kLambda:
      return arrow::Status::Invalid("unresolved expression reached execution");
  }
  return arrow::Status::Invalid("unknown expression kind");
}

arrow::Result<sql::ExprPtr> ExpressionLowering::FoldConstants(const sql::ExprPtr& expr) const {
  return sql::RewriteBottomUp(expr, [&](const sql::ExprPtr& e) -> arrow::Result<sql::ExprPtr> {
    if (e->kind != ExprKind::kCall && e->kind != ExprKind::kCast) return e;
    if (e->is_aggregate || e->args.empty() || !e->type) return e;
    for (const auto& a : e->args) {
      if (a->kind != ExprKind::kLiteral) return e;
    }
    static const std::set<std::string> kVolatile = {"rand", "random", "randn", "uuid", "shuffle"};
    if (e->kind == ExprKind::kCall && kVolatile.count(e->name.at(0))) return e;
    auto lowered = Lower(*e);
    if (!lowered.ok()) return e;
    cp::ExecContext ctx(arrow::default_memory_pool(), nullptr, functions_.arrow_registry());
    auto bound = lowered->Bind(*arrow::schema({}), &ctx);
    if (!bound.ok()) return e;
    // Errors (e.g. a division by zero) surface when the row is evaluated, as in Spark.
    auto value = cp::ExecuteScalarExpression(*bound, cp::ExecBatch({}, 1), &ctx);
    if (!value.ok() || !value->is_scalar()) return e;
    auto folded = sql::CopyExpr(*sql::Literal(value->scalar(), e->position));
    folded->type = e->type;
    folded->nullable = !value->scalar()->is_valid;
    if (!value->scalar()->type->Equals(*e->type)) return e;
    return sql::ExprPtr(folded);
  });
}

arrow::Result<cp::Expression> ExpressionLowering::LowerCall(const Expr& expr) const {
  const std::string& name = expr.name.at(0);
  std::vector<cp::Expression> args;
  for (const auto& a : expr.args) {
    ARROW_ASSIGN_OR_RAISE(auto l, Lower(*a));
    args.push_back(std::move(l));
  }
  std::vector<sql::ArgumentInfo> infos;
  for (const auto& a : expr.args) infos.push_back({a->type, a->kind == ExprKind::kLiteral ? a->value : nullptr});
  ARROW_ASSIGN_OR_RAISE(auto bound, functions_.BindScalar(name, infos, context_));
  return bound.lower(std::move(args));
}

arrow::Result<cp::Expression> ExpressionLowering::LowerInList(const Expr& expr) const {
  ARROW_ASSIGN_OR_RAISE(auto value, Lower(*expr.args.at(0)));
  bool all_literals = true;
  for (size_t i = 1; i < expr.args.size(); ++i) {
    const auto& a = *expr.args[i];
    all_literals &= a.kind == ExprKind::kLiteral && a.value && a.value->is_valid;
  }
  cp::Expression result;
  if (all_literals && expr.args.size() > 1) {
    ARROW_ASSIGN_OR_RAISE(auto builder, arrow::MakeBuilder(expr.args[0]->type));
    for (size_t i = 1; i < expr.args.size(); ++i) ARROW_RETURN_NOT_OK(builder->AppendScalar(*expr.args[i]->value));
    ARROW_ASSIGN_OR_RAISE(auto set, builder->Finish());
    // is_in is never null; SQL's IN is null for a null value.
    result = cp::call("if_else", {cp::call("is_null", {value}), cp::literal(arrow::MakeNullScalar(arrow::boolean())),
                                  cp::call("is_in", {value}, cp::SetLookupOptions(set, /*skip_nulls=*/true))});
  } else {
    // x IN (a, b) = (x = a) OR (x = b), with SQL's three-valued OR.
    std::vector<sql::ArgumentInfo> infos = {{expr.args[0]->type, nullptr}, {expr.args[0]->type, nullptr}};
    ARROW_ASSIGN_OR_RAISE(auto eq, functions_.BindScalar("=", infos, context_));
    bool first = true;
    for (size_t i = 1; i < expr.args.size(); ++i) {
      ARROW_ASSIGN_OR_RAISE(auto item, Lower(*expr.args[i]));
      ARROW_ASSIGN_OR_RAISE(auto cmp, eq.lower({value, item}));
      result = first ? cmp : cp::call("or_kleene", {result, cmp});
      first = false;
    }
    if (first) result = cp::literal(false);
  }
  if (expr.negated) result = cp::call("invert", {result});
  return result;
}

}  // namespace tarn::exec
