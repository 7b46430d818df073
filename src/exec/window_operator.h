// Window functions over a materialised input: rows are sorted by (partition keys, order keys),
// each function is evaluated per partition over its frame, and the results are appended as
// columns. Acero has no window operator; this is tarn's own.
#pragma once

#include <memory>
#include <vector>

#include <arrow/result.h>
#include <arrow/type_fwd.h>

#include "exec/expression_lowering.h"
#include "sql/functions/function_registry.h"
#include "sql/plan/logical_plan.h"

namespace tarn::exec {

class WindowOperator {
 public:
  WindowOperator(const sql::SparkFunctionRegistry& functions, const sql::BindContext& context,
                 const ExpressionLowering& lowering)
      : functions_(functions), context_(context), lowering_(lowering) {}

  // `input` has columns FieldName(id) for `input_attributes`; `windows` are kAlias(kWindow).
  // Returns the input rows (possibly reordered) with one more column per window expression.
  arrow::Result<std::shared_ptr<arrow::Table>> Apply(const std::shared_ptr<arrow::Table>& input,
                                                     const std::vector<sql::Attribute>& input_attributes,
                                                     const std::vector<sql::ExprPtr>& windows) const;

 private:
  arrow::Result<std::shared_ptr<arrow::Table>> ApplyOne(const std::shared_ptr<arrow::Table>& input,
                                                        const sql::Expr& alias) const;

  const sql::SparkFunctionRegistry& functions_;
  const sql::BindContext& context_;
  const ExpressionLowering& lowering_;
};

}  // namespace tarn::exec
