// A session's view of the catalog: the current catalog and schema, names qualified against
// them, and the metastore of the workspace, opened on first use (so that queries on paths never
// create a workspace folder).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <arrow/result.h>

#include "exec/command_context.h"
#include "sql/plan/logical_plan.h"

namespace tarn::catalog {
class Metastore;
struct TableInfo;
}  // namespace tarn::catalog

namespace tarn::exec {

class SessionCatalog {
 public:
  // `home`: the workspace folder; empty = $TARN_HOME, else ./tarn-workspace.
  explicit SessionCatalog(std::string home);
  ~SessionCatalog();

  const std::string& current_catalog() const { return current_catalog_; }
  const std::string& current_schema() const { return current_schema_; }
  arrow::Status UseCatalog(const std::string& name);
  arrow::Status UseSchema(const std::vector<std::string>& name);

  arrow::Result<std::shared_ptr<catalog::Metastore>> metastore();

  // catalog.schema.name from 1, 2 or 3 parts (lower case, as the metastore keeps names).
  arrow::Result<std::vector<std::string>> QualifyObject(const std::vector<std::string>& name) const;
  // catalog.schema from 1 or 2 parts.
  arrow::Result<std::vector<std::string>> QualifySchema(const std::vector<std::string>& name) const;

  // The table a name refers to, or nullopt when there is none (views are not tables).
  arrow::Result<std::optional<catalog::TableInfo>> FindTable(const std::vector<std::string>& name);
  // The plan of a view in the catalog, or nullptr (also when the catalog cannot be read: the
  // table lookup that follows reports the error).
  sql::PlanPtr FindView(const std::vector<std::string>& name);
  // A catalog table as a scan source (with the reference's time travel).
  arrow::Result<std::shared_ptr<const sql::TableSource>> OpenTable(const sql::TableReference& ref);
  // The Delta table a command targets: delta.`path` or a name in the catalog. Errors:
  // TABLE_OR_VIEW_NOT_FOUND, EXPECT_TABLE_NOT_VIEW, UNSUPPORTED_DATASOURCE_FOR_DIRECT_QUERY.
  arrow::Result<TableTarget> ResolveTarget(const sql::TableReference& ref);
  // A path as a statement wrote it: /Volumes/<catalog>/<schema>/<volume>/... is mapped into the
  // volume's storage, file:// URIs lose their scheme; other paths are returned as they are.
  arrow::Result<std::string> ResolvePath(const std::string& path);

 private:
  // The plan with its one- and two-part table names qualified against catalog.schema.
  sql::PlanPtr QualifyRelations(const sql::PlanPtr& plan, const std::string& catalog, const std::string& schema);

  std::string home_;
  std::string current_catalog_ = "main";
  std::string current_schema_ = "default";
  std::shared_ptr<catalog::Metastore> metastore_;
};

// `a`.`b`.`c`
std::string QuoteNameParts(const std::vector<std::string>& parts);

}  // namespace tarn::exec
