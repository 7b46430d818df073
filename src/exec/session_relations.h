// How a session's queries find their relations: temporary views, Arrow data the embedding
// program registered, tables and views of the catalog, tables by path (delta.`p`, parquet.`p`,
// csv.`p`, json.`p`) and table-valued functions (range, read_files, table_changes).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <arrow/result.h>

#include "catalog/securable_info.h"
#include "sql/analyzer/analyzer.h"
#include "sql/functions/function_registry.h"

namespace tarn::exec {

class SessionCatalog;

class SessionRelations : public sql::RelationResolver {
 public:
  SessionRelations(const sql::SparkFunctionRegistry& functions, SessionCatalog& catalog,
                   std::function<sql::BindContext()> bind_context)
      : functions_(functions), catalog_(catalog), bind_context_(std::move(bind_context)) {}

  sql::PlanPtr FindView(const std::vector<std::string>& name) const override;
  arrow::Result<std::shared_ptr<const sql::TableSource>> ResolveTable(const sql::TableReference& ref) const override;
  arrow::Result<std::shared_ptr<const sql::TableSource>> ResolveTableFunction(
      const std::string& name, const std::vector<FunctionArgument>& arguments, bool with_metadata_column) const override;
  arrow::Result<std::shared_ptr<const sql::SqlFunction>> FindFunction(
      const std::vector<std::string>& name) const override;

  // A SQL function as stored, with the name calls and messages use for it, or nullopt when the
  // name (1 part: temporary, then the current schema; session.f / system.session.f: temporary;
  // otherwise the catalog) names none.
  struct FoundFunction {
    catalog::FunctionInfo info;
    std::vector<std::string> qualified_name;  // {catalog, schema, f}, or {f} for a temporary one
  };
  arrow::Result<std::optional<FoundFunction>> FindFunctionInfo(const std::vector<std::string>& name) const;

  // Temporary views (unresolved plans) and registered Arrow data, by lower-case name.
  std::map<std::string, sql::PlanPtr> views;
  std::map<std::string, std::shared_ptr<const sql::TableSource>> registered;
  // Temporary SQL functions, by lower-case name.
  std::map<std::string, catalog::FunctionInfo> temp_functions;

 private:
  const sql::SparkFunctionRegistry& functions_;
  SessionCatalog& catalog_;
  std::function<sql::BindContext()> bind_context_;
};

}  // namespace tarn::exec
