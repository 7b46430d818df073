// The optimizer's rules, one file each. Not for use outside src/sql/optimizer.
#pragma once

#include <cstdint>
#include <set>

#include <arrow/result.h>

#include "sql/functions/function_registry.h"
#include "sql/plan/expression_visitor.h"
#include "sql/plan/logical_plan.h"

namespace tarn::sql::optimizer_internal {

// Hands out attribute ids above every id of the plan being optimized.
class IdGenerator {
 public:
  explicit IdGenerator(int64_t next) : next_(next) {}
  int64_t Next() { return next_++; }

 private:
  int64_t next_;
};

int64_t MaxAttributeId(const LogicalPlan& plan);

// subquery_rewriter.cc
arrow::Result<PlanPtr> RewriteSubqueries(const PlanPtr& plan, IdGenerator& ids);
// filter_pushdown.cc
arrow::Result<PlanPtr> PushDownFilters(const PlanPtr& plan);
// aggregate_key_restriction.cc
arrow::Result<PlanPtr> RestrictAggregateKeys(const PlanPtr& plan, IdGenerator& ids);
// semi_join_pushdown.cc
arrow::Result<PlanPtr> PushDownSemiJoins(const PlanPtr& plan);
// join_reorder.cc
arrow::Result<PlanPtr> ReorderJoins(const PlanPtr& plan);
// Rows of a plan, guessed from table statistics. `with_filters` false: the rows its tables hold
// before any pushed filter, which are known, unlike the filters' selectivity.
double EstimateRows(const LogicalPlan& plan, bool with_filters = true);
// column_pruning.cc
arrow::Result<PlanPtr> PruneColumns(const PlanPtr& plan);

// Shared helpers.
std::set<int64_t> OutputIds(const LogicalPlan& plan);
bool Covers(const std::set<int64_t>& available, const std::set<int64_t>& needed);
PlanPtr WithChildren(const LogicalPlan& plan, std::vector<PlanPtr> children);
PlanPtr FilterOver(PlanPtr child, const std::vector<ExprPtr>& conjuncts);  // child itself if none
PlanPtr ProjectTo(PlanPtr child, const std::vector<Attribute>& output);
ExprPtr BooleanCall(const std::string& name, std::vector<ExprPtr> args);

}  // namespace tarn::sql::optimizer_internal
