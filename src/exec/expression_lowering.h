// Resolved expressions to Arrow compute expressions. Columns are named by attribute id
// ("#12"), which is how every batch inside an executing plan names its columns.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include <arrow/compute/expression.h>
#include <arrow/result.h>

#include "sql/functions/function_registry.h"
#include "sql/plan/expression.h"

namespace tarn::exec {

std::string FieldName(int64_t attribute_id);

// Evaluates an uncorrelated scalar subquery to its single value.
using ScalarSubqueryRunner = std::function<arrow::Result<std::shared_ptr<arrow::Scalar>>(const sql::PlanPtr&)>;

class ExpressionLowering {
 public:
  ExpressionLowering(const sql::SparkFunctionRegistry& functions, const sql::BindContext& context,
                     ScalarSubqueryRunner run_subquery)
      : functions_(functions), context_(context), run_subquery_(std::move(run_subquery)) {}

  arrow::Result<arrow::compute::Expression> Lower(const sql::Expr& expr) const;
  // Replaces constant subexpressions (no columns, deterministic) by their values, e.g.
  // DATE '1998-12-01' - INTERVAL '90' DAY, so that scans can skip files on them.
  arrow::Result<sql::ExprPtr> FoldConstants(const sql::ExprPtr& expr) const;

 private:
  arrow::Result<arrow::compute::Expression> LowerCall(const sql::Expr& expr) const;
  arrow::Result<arrow::compute::Expression> LowerInList(const sql::Expr& expr) const;

  const sql::SparkFunctionRegistry& functions_;
  const sql::BindContext& context_;
  ScalarSubqueryRunner run_subquery_;
};

}  // namespace tarn::exec
