#include "sql/optimizer/optimizer.h"

#include <arrow/api.h>

#include "sql/optimizer/optimizer_internal.h"

namespace tarn::sql {

namespace optimizer_internal {

int64_t MaxAttributeId(const LogicalPlan& plan) {
  int64_t max_id = -1;
  for (const auto& a : plan.output) max_id = std::max(max_id, a.id);
  auto visit_expr = [&](const ExprPtr& e) {
    VisitExpr(e, [&](const Expr& x) {
      max_id = std::max(max_id, x.attribute_id);
      if (x.subquery) max_id = std::max(max_id, MaxAttributeId(*x.subquery));
      return true;
    });
  };
  for (const auto& e : plan.exprs) visit_expr(e);
  for (const auto& e : plan.group_by) visit_expr(e);
  visit_expr(plan.condition);
  for (const auto& c : plan.children) max_id = std::max(max_id, MaxAttributeId(*c));
  return max_id;
}

std::set<int64_t> OutputIds(const LogicalPlan& plan) {
  std::set<int64_t> ids;
  for (const auto& a : plan.output) ids.insert(a.id);
  return ids;
}

bool Covers(const std::set<int64_t>& available, const std::set<int64_t>& needed) {
  for (auto id : needed) {
    if (!available.count(id)) return false;
  }
  return true;
}

PlanPtr WithChildren(const LogicalPlan& plan, std::vector<PlanPtr> children) {
  auto copy = CopyPlan(plan);
  copy->children = std::move(children);
  return copy;
}

PlanPtr FilterOver(PlanPtr child, const std::vector<ExprPtr>& conjuncts) {
  if (conjuncts.empty()) return child;
  auto f = std::make_shared<LogicalPlan>();
  f->kind = PlanKind::kFilter;
  f->condition = MakeConjunction(conjuncts);
  f->output = child->output;
  f->children = {std::move(child)};
  return f;
}

PlanPtr ProjectTo(PlanPtr child, const std::vector<Attribute>& output) {
  auto p = std::make_shared<LogicalPlan>();
  p->kind = PlanKind::kProject;
  for (const auto& a : output) p->exprs.push_back(AttributeRef(a));
  p->output = output;
  p->children = {std::move(child)};
  return p;
}

ExprPtr BooleanCall(const std::string& name, std::vector<ExprPtr> args) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kCall;
  e->name = {name};
  e->type = arrow::boolean();
  bool nullable = false;
  for (const auto& a : args) nullable |= a->nullable;
  e->nullable = name == "isnull" || name == "isnotnull" ? false : nullable;
  e->args = std::move(args);
  return e;
}

}  // namespace optimizer_internal

namespace {

// Optimizes the plans of the subqueries that stay expressions (uncorrelated scalar subqueries,
// which the executor runs on their own).
arrow::Result<PlanPtr> OptimizeNestedPlans(const PlanPtr& plan, Optimizer& optimizer) {
  auto node = CopyPlan(*plan);
  for (auto& c : node->children) {
    ARROW_ASSIGN_OR_RAISE(c, OptimizeNestedPlans(c, optimizer));
  }
  auto visit = [&](const ExprPtr& e) -> arrow::Result<ExprPtr> {
    if (!e || !ContainsSubquery(e)) return e;
    return RewriteBottomUp(e, [&](const ExprPtr& x) -> arrow::Result<ExprPtr> {
      if (!x->subquery) return x;
      ARROW_ASSIGN_OR_RAISE(auto sub, optimizer.Optimize(x->subquery));
      auto copy = CopyExpr(*x);
      copy->subquery = sub;
      return ExprPtr(copy);
    });
  };
  ARROW_ASSIGN_OR_RAISE(node->condition, visit(node->condition));
  for (auto& e : node->exprs) {
    ARROW_ASSIGN_OR_RAISE(e, visit(e));
  }
  return PlanPtr(node);
}

}  // namespace

arrow::Result<PlanPtr> Optimizer::Optimize(const PlanPtr& plan) {
  using namespace optimizer_internal;
  IdGenerator ids(MaxAttributeId(*plan) + 1);
  ARROW_ASSIGN_OR_RAISE(auto p, RewriteSubqueries(plan, ids));
  ARROW_ASSIGN_OR_RAISE(p, OptimizeNestedPlans(p, *this));
  ARROW_ASSIGN_OR_RAISE(p, PushDownFilters(p));
  ARROW_ASSIGN_OR_RAISE(p, PushDownSemiJoins(p));
  ARROW_ASSIGN_OR_RAISE(p, RestrictAggregateKeys(p, ids));
  ARROW_ASSIGN_OR_RAISE(p, ReorderJoins(p));
  ARROW_ASSIGN_OR_RAISE(p, PushDownFilters(p));
  ARROW_ASSIGN_OR_RAISE(p, PruneColumns(p));
  return p;
}

}  // namespace tarn::sql
