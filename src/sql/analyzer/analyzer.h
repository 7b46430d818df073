// The analyzer: turns an unresolved logical plan (from SQL text or a DataFrame client) into a
// resolved one — tables and views found, names bound to attribute ids, functions bound with
// Spark's coercion rules, stars expanded, aggregation and window evaluation made explicit.
// It knows nothing of SQL syntax and does no I/O beyond what RelationResolver does.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <arrow/result.h>

#include "sql/functions/function_registry.h"
#include "sql/plan/logical_plan.h"

namespace tarn::sql {

// A scalar SQL function (CREATE FUNCTION f(p T [DEFAULT e]) RETURNS R RETURN expr), as the
// analyzer inlines it: arguments cast to the parameter types replace the parameter names in the
// body, and the body is cast to the return type.
struct SqlFunction {
  struct Parameter {
    std::string name;
    TypePtr type;
    ExprPtr default_value;  // unresolved; nullptr when the parameter has no DEFAULT
  };
  std::vector<std::string> name;  // qualified: {catalog, schema, f}, or {f} for a temporary one
  std::vector<Parameter> parameters;
  TypePtr return_type;
  ExprPtr body;  // unresolved
};

// Where relations come from: the session's temporary views and tables by path (later, the
// catalog). Implementations must be safe to call from the thread running the analyzer.
class RelationResolver {
 public:
  virtual ~RelationResolver() = default;
  // The unresolved plan of a view (temporary, or in the catalog) with this name, or nullptr.
  virtual PlanPtr FindView(const std::vector<std::string>& name) const = 0;
  // A table by path (format.`path`) or name. Errors: TABLE_OR_VIEW_NOT_FOUND, PATH_NOT_FOUND,
  // DELTA_* from the storage layer.
  virtual arrow::Result<std::shared_ptr<const TableSource>> ResolveTable(const TableReference& table) const = 0;
  // A table-valued function call in FROM (read_files, range, table_changes, ...). `arguments` are
  // resolved, constant expressions; names are "" for positional ones. Errors:
  // UNRESOLVABLE_TABLE_VALUED_FUNCTION and the function's own.
  struct FunctionArgument {
    std::string name;
    ExprPtr value;
  };
  // `with_metadata_column`: the statement names `_metadata`, so file readers should add it.
  virtual arrow::Result<std::shared_ptr<const TableSource>> ResolveTableFunction(
      const std::string& name, const std::vector<FunctionArgument>& arguments, bool with_metadata_column) const = 0;
  // A SQL function by the name a call wrote, or nullptr when there is none. One-part names are
  // asked only when no built-in function has the name (Spark's order: built-in, temporary, the
  // current schema); two- and three-part names always.
  virtual arrow::Result<std::shared_ptr<const SqlFunction>> FindFunction(const std::vector<std::string>& name) const {
    (void)name;
    return nullptr;
  }
};

class Analyzer {
 public:
  // Both references must outlive the analyzer. One Analyzer per statement: it numbers attributes.
  Analyzer(const SparkFunctionRegistry& functions, const RelationResolver& relations, BindContext context)
      : functions_(functions), relations_(relations), context_(std::move(context)) {}

  arrow::Result<PlanPtr> Analyze(const PlanPtr& plan);
  // Resolves a SQL function's body with its parameters bound to typed NULLs, as CREATE FUNCTION
  // does to reject a body that cannot work (unknown names, types that do not cast).
  arrow::Status CheckFunction(const SqlFunction& function);

  const BindContext& context() const { return context_; }

 private:
  const SparkFunctionRegistry& functions_;
  const RelationResolver& relations_;
  BindContext context_;
};

}  // namespace tarn::sql
