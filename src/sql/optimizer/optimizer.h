// Logical optimization of resolved plans, in this order:
//   1. subqueries to joins (EXISTS / IN / correlated scalar subqueries become semi, anti and
//      outer joins, as Spark's RewritePredicateSubquery and correlated-subquery rewrites do);
//   2. filter push-down (into join sides and conditions, through projections and aliases, into
//      table scans where the storage layer prunes partitions and skips files);
//   3. join ordering (inner join groups reordered so every join has a condition, the largest
//      input streamed and the smaller ones built into hash tables, by table statistics);
//   4. column pruning (scans read only the columns the query uses).
// Rules never change results; each keeps the plan's output attributes.
#pragma once

#include <arrow/result.h>

#include "sql/functions/function_registry.h"
#include "sql/plan/logical_plan.h"

namespace tarn::sql {

class Optimizer {
 public:
  Optimizer(const SparkFunctionRegistry& functions, const BindContext& context)
      : functions_(functions), context_(context) {}

  arrow::Result<PlanPtr> Optimize(const PlanPtr& plan);

 private:
  const SparkFunctionRegistry& functions_;
  const BindContext& context_;
};

}  // namespace tarn::sql
