// Internals of the analyzer, shared by its source files. Not for use outside src/sql/analyzer.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <arrow/result.h>

#include "sql/analyzer/analyzer.h"
#include "sql/plan/identifier.h"
#include "sql/plan/expression_visitor.h"

namespace tarn::sql::analyzer_internal {

// The columns visible to an expression, and the enclosing query's for correlated subqueries.
struct Scope {
  std::vector<Attribute> attributes;
  const Scope* outer = nullptr;
};

// Select-list aliases that HAVING, QUALIFY and ORDER BY may name.
using AliasList = std::vector<std::pair<std::string, ExprPtr>>;

struct ExprOptions {
  bool allow_aggregates = false;
  bool allow_windows = false;
  const AliasList* aliases = nullptr;  // looked up when a one-part name is not a column
  bool aliases_first = false;          // ORDER BY prefers select aliases over input columns
  bool inside_aggregate = false;       // resolving an aggregate's arguments
  bool in_where = false;               // resolving a WHERE condition
};

// "`a`.`b`" as Spark quotes names in messages.
std::string QuoteName(const std::vector<std::string>& parts);

class PlanResolver {
 public:
  PlanResolver(const SparkFunctionRegistry& functions, const RelationResolver& relations,
               const BindContext& context)
      : functions_(functions), relations_(relations), context_(context) {}

  arrow::Result<PlanPtr> Resolve(const PlanPtr& plan, const Scope* outer);
  // File sources add their hidden `_metadata` column only when the statement names it.
  void set_wants_metadata_column(bool wants) { wants_metadata_column_ = wants; }

  // Expressions (expression_resolver.cc).
  arrow::Result<ExprPtr> ResolveExpr(const ExprPtr& expr, const Scope& scope, const ExprOptions& options);
  // Casts `expr` to `type` unless it already has it (the cast is itself resolved).
  arrow::Result<ExprPtr> CastIfNeeded(const ExprPtr& expr, const TypePtr& type);
  arrow::Result<TypePtr> CommonType(const std::vector<ExprPtr>& exprs, const std::string& context);

  // A call of a SQL function: the body with the (resolved) arguments in place of the parameters,
  // missing trailing arguments taken from the DEFAULTs. Errors: WRONG_NUM_ARGS.WITHOUT_SUGGESTION,
  // CYCLIC_FUNCTION_REFERENCE, and whatever resolving the body reports.
  arrow::Result<ExprPtr> InlineSqlFunction(const SqlFunction& function, std::vector<ExprPtr> args, int32_t position);

  int64_t NewId() { return next_id_++; }
  ExprPtr NewAlias(ExprPtr child, const std::string& name);

  const SparkFunctionRegistry& functions() const { return functions_; }
  const BindContext& context() const { return context_; }

 private:
  // Relations and the simple nodes (plan_resolver.cc).
  arrow::Result<PlanPtr> ResolveRelation(const LogicalPlan& plan);
  arrow::Result<PlanPtr> ResolveTableFunction(const LogicalPlan& plan);
  arrow::Result<PlanPtr> ScanOf(const LogicalPlan& plan, std::shared_ptr<const TableSource> source);
  arrow::Result<PlanPtr> ResolveJoin(const LogicalPlan& plan, const Scope* outer);
  arrow::Result<PlanPtr> ResolveSetOperation(const LogicalPlan& plan, const Scope* outer);
  arrow::Result<PlanPtr> ResolveValues(const LogicalPlan& plan, const Scope* outer);
  arrow::Result<PlanPtr> ResolveAlias(const LogicalPlan& plan, const Scope* outer);
  arrow::Result<PlanPtr> ResolveWith(const LogicalPlan& plan, const Scope* outer);
  arrow::Result<PlanPtr> ResolveGenerate(const LogicalPlan& plan, const Scope* outer);
  // SELECT blocks: Project / Aggregate with the Filter (HAVING, QUALIFY), Distinct and Sort
  // nodes above them, resolved together (select_resolver.cc).
  arrow::Result<PlanPtr> ResolveSelectBlock(const PlanPtr& plan, const Scope* outer);
  arrow::Result<PlanPtr> ResolveSortOver(const LogicalPlan& sort, const Scope* outer);

  // Expression helpers (expression_resolver.cc).
  arrow::Result<ExprPtr> ResolveColumn(const Expr& expr, const Scope& scope, const ExprOptions& options);
  arrow::Result<ExprPtr> ResolveCall(const Expr& expr, std::vector<ExprPtr> args, const Scope& scope,
                                     const ExprOptions& options);
  arrow::Result<ExprPtr> ResolveSubqueryExpr(const Expr& expr, const Scope& scope, const ExprOptions& options);
  arrow::Result<ExprPtr> ResolveWindowExpr(const Expr& expr, const Scope& scope, const ExprOptions& options);

  bool wants_metadata_column_ = false;
  const SparkFunctionRegistry& functions_;
  const RelationResolver& relations_;
  const BindContext& context_;
  int64_t next_id_ = 0;
  // CTE definitions in scope, innermost last; a use resolves the definition afresh (new ids).
  std::vector<std::map<std::string, PlanPtr>> ctes_;
  int view_depth_ = 0;
  // The SQL functions being inlined, innermost last: their names and parameter values. A body
  // sees only its own function's parameters.
  struct FunctionFrame {
    std::vector<std::string> name;
    std::vector<std::pair<std::string, ExprPtr>> parameters;
  };
  std::vector<FunctionFrame> function_frames_;
};

// Expands `*`, `t.*` and `* EXCEPT (..)` in a select list against the input columns.
// True when some column reference in the plan (subqueries included) has a part `_metadata`.
bool MentionsMetadataColumn(const LogicalPlan& plan);

arrow::Result<std::vector<ExprPtr>> ExpandStars(const std::vector<ExprPtr>& list, const Scope& scope);

}  // namespace tarn::sql::analyzer_internal
