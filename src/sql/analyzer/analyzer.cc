#include "sql/analyzer/analyzer.h"

#include <arrow/scalar.h>

#include "sql/analyzer/analyzer_internal.h"

namespace tarn::sql {

arrow::Result<PlanPtr> Analyzer::Analyze(const PlanPtr& plan) {
  analyzer_internal::PlanResolver resolver(functions_, relations_, context_);
  resolver.set_wants_metadata_column(analyzer_internal::MentionsMetadataColumn(*plan));
  return resolver.Resolve(plan, nullptr);
}

arrow::Status Analyzer::CheckFunction(const SqlFunction& function) {
  analyzer_internal::PlanResolver resolver(functions_, relations_, context_);
  std::vector<ExprPtr> args;
  for (const auto& p : function.parameters) {
    auto null = std::make_shared<Expr>();
    null->kind = ExprKind::kLiteral;
    null->value = arrow::MakeNullScalar(p.type);
    null->type = p.type;
    null->nullable = true;
    args.push_back(std::move(null));
  }
  return resolver.InlineSqlFunction(function, std::move(args), -1).status();
}

}  // namespace tarn::sql
