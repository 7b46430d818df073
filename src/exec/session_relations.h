// How a session's queries find their relations: temporary views, Arrow data the embedding
// program registered, tables and views of the catalog, tables by path (delta.`p`, parquet.`p`,
// csv.`p`, json.`p`) and table-valued functions (range, read_files, table_changes).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <arrow/result.h>

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

  // Temporary views (unresolved plans) and registered Arrow data, by lower-case name.
  std::map<std::string, sql::PlanPtr> views;
  std::map<std::string, std::shared_ptr<const sql::TableSource>> registered;

 private:
  const sql::SparkFunctionRegistry& functions_;
  SessionCatalog& catalog_;
  std::function<sql::BindContext()> bind_context_;
};

}  // namespace tarn::exec
