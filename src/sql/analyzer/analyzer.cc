#include "sql/analyzer/analyzer.h"

#include "sql/analyzer/analyzer_internal.h"

namespace tarn::sql {

arrow::Result<PlanPtr> Analyzer::Analyze(const PlanPtr& plan) {
  analyzer_internal::PlanResolver resolver(functions_, relations_, context_);
  resolver.set_wants_metadata_column(analyzer_internal::MentionsMetadataColumn(*plan));
  return resolver.Resolve(plan, nullptr);
}

}  // namespace tarn::sql
