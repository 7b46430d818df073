// Runs a resolved, optimized logical plan on Acero. Each logical node becomes one or more Acero
// nodes; the few operators Acero lacks (window functions, LIMIT without order, VALUES) are
// evaluated by tarn on materialised input. Inside a running plan every column is named by its
// attribute id (see FieldName); the result is renamed to the user-facing names at the end.
#pragma once

#include <memory>
#include <vector>

#include <arrow/acero/exec_plan.h>
#include <arrow/result.h>
#include <arrow/util/thread_pool.h>

#include "exec/expression_lowering.h"
#include "sql/functions/function_registry.h"
#include "sql/plan/logical_plan.h"

namespace tarn::exec {

// Arrow kernels report ANSI failures (overflow, division by zero, malformed casts) in their
// own words; this gives them Spark's error classes. Statuses that have a class pass unchanged.
arrow::Status WithSparkErrorClass(const arrow::Status& status);

struct ExecutionStats {
  int64_t files_total = 0;    // data files of the scanned tables
  int64_t files_scanned = 0;  // after partition pruning and data skipping
};

class PhysicalPlanner {
 public:
  PhysicalPlanner(const sql::SparkFunctionRegistry& functions, const sql::BindContext& context);

  // The rows of `plan`, columns named as the plan's output attributes.
  arrow::Result<std::shared_ptr<arrow::Table>> Execute(const sql::PlanPtr& plan);
  // The Acero declaration tree, for EXPLAIN.
  arrow::Result<std::string> Explain(const sql::PlanPtr& plan);

  const ExecutionStats& stats() const { return stats_; }

 private:
  // The node's rows with columns named FieldName(id) in the order of plan.output.
  arrow::Result<arrow::acero::Declaration> Plan(const sql::LogicalPlan& plan);
  arrow::Result<std::shared_ptr<arrow::Table>> Run(arrow::acero::Declaration declaration);
  arrow::Result<std::shared_ptr<arrow::Table>> Materialize(const sql::LogicalPlan& plan);

  arrow::Result<arrow::acero::Declaration> PlanScan(const sql::LogicalPlan& plan);
  arrow::Result<arrow::acero::Declaration> PlanAggregate(const sql::LogicalPlan& plan);
  arrow::Result<arrow::acero::Declaration> PlanJoin(const sql::LogicalPlan& plan);
  arrow::Result<arrow::acero::Declaration> PlanSetOperation(const sql::LogicalPlan& plan);
  arrow::Result<arrow::acero::Declaration> PlanValues(const sql::LogicalPlan& plan);
  arrow::Result<arrow::acero::Declaration> PlanSort(const sql::LogicalPlan& plan);
  arrow::Result<arrow::acero::Declaration> PlanLimit(const sql::LogicalPlan& plan);
  arrow::Result<arrow::acero::Declaration> PlanWindow(const sql::LogicalPlan& plan);

  // Acero node that renames / computes columns to exactly `exprs` named `names`.
  arrow::Result<arrow::acero::Declaration> Project(arrow::acero::Declaration input,
                                                   const std::vector<sql::ExprPtr>& exprs,
                                                   const std::vector<std::string>& names);
  arrow::acero::Declaration Distinct(arrow::acero::Declaration input, const std::vector<sql::Attribute>& output);
  arrow::acero::Declaration TableSource(std::shared_ptr<arrow::Table> table);

  arrow::Result<std::shared_ptr<arrow::Scalar>> RunScalarSubquery(const sql::PlanPtr& plan);

  const sql::SparkFunctionRegistry& functions_;
  const sql::BindContext& context_;
  ExpressionLowering lowering_;
  ExecutionStats stats_;
  int64_t next_temp_ = 0;  // names of helper columns
  bool ordered_aggregates_ = false;  // first()/last(): Acero runs those single-threaded only
  // One reading thread per streamed scan. A scan blocks while it decodes a file; on Arrow's
  // shared I/O pool, a query with many scans could block every I/O thread, including those the
  // Parquet reads themselves wait for. Owned here so they outlive the plans that use them.
  std::vector<std::shared_ptr<arrow::internal::ThreadPool>> scan_threads_;
};

}  // namespace tarn::exec
