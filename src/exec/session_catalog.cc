#include "exec/session_catalog.h"

#include <fmt/format.h>

#include "catalog/metastore.h"
#include "catalog/workspace_home.h"
#include "errors/error_class.h"
#include "exec/table_sources.h"
#include "sql/parser/parser.h"
#include "sql/plan/identifier.h"

namespace tarn::exec {

std::string QuoteNameParts(const std::vector<std::string>& parts) {
  std::string s;
  for (const auto& p : parts) s += (s.empty() ? "`" : ".`") + p + "`";
  return s;
}

SessionCatalog::SessionCatalog(std::string home) : home_(std::move(home)) {}
SessionCatalog::~SessionCatalog() = default;

arrow::Result<std::vector<std::string>> SessionCatalog::QualifyObject(const std::vector<std::string>& name) const {
  std::vector<std::string> lower;
  for (const auto& p : name) lower.push_back(sql::AsciiLower(p));
  switch (lower.size()) {
    case 1:
      return std::vector<std::string>{current_catalog_, current_schema_, lower[0]};
    case 2:
      return std::vector<std::string>{current_catalog_, lower[0], lower[1]};
    case 3:
      return lower;
    default:
      return UserError("REQUIRES_SINGLE_PART_NAMESPACE",
                       "The name {} has too many parts: a name is catalog.schema.object at most.",
                       QuoteNameParts(name));
  }
}

arrow::Result<std::vector<std::string>> SessionCatalog::QualifySchema(const std::vector<std::string>& name) const {
  std::vector<std::string> lower;
  for (const auto& p : name) lower.push_back(sql::AsciiLower(p));
  if (lower.size() == 1) return std::vector<std::string>{current_catalog_, lower[0]};
  if (lower.size() == 2) return lower;
  return UserError("INVALID_SCHEMA_OR_RELATION_NAME", "{} is not a valid schema name: use catalog.schema.",
                   QuoteNameParts(name));
}

arrow::Result<std::shared_ptr<catalog::Metastore>> SessionCatalog::metastore() {
  if (!metastore_) {
    ARROW_ASSIGN_OR_RAISE(metastore_, catalog::Metastore::Open(home_.empty() ? catalog::DefaultWorkspaceHome() : home_));
  }
  return metastore_;
}

arrow::Status SessionCatalog::UseCatalog(const std::string& name) {
  ARROW_ASSIGN_OR_RAISE(auto store, metastore());
  ARROW_RETURN_NOT_OK(store->GetCatalog(sql::AsciiLower(name)).status());
  current_catalog_ = sql::AsciiLower(name);
  current_schema_ = "default";
  return arrow::Status::OK();
}

arrow::Status SessionCatalog::UseSchema(const std::vector<std::string>& name) {
  ARROW_ASSIGN_OR_RAISE(auto qualified, QualifySchema(name));
  ARROW_ASSIGN_OR_RAISE(auto store, metastore());
  ARROW_RETURN_NOT_OK(store->GetSchema({qualified[0], qualified[1]}).status());
  current_catalog_ = qualified[0];
  current_schema_ = qualified[1];
  return arrow::Status::OK();
}

arrow::Result<std::string> SessionCatalog::ResolvePath(const std::string& path) {
  if (path.rfind("file://", 0) == 0) return path.substr(7);
  if (path.rfind("/Volumes/", 0) == 0) {
    ARROW_ASSIGN_OR_RAISE(auto store, metastore());
    return store->ResolveVolumePath(path);
  }
  return path;
}

arrow::Result<std::optional<catalog::TableInfo>> SessionCatalog::FindTable(const std::vector<std::string>& name) {
  ARROW_ASSIGN_OR_RAISE(auto full, QualifyObject(name));
  ARROW_ASSIGN_OR_RAISE(auto store, metastore());
  catalog::TableName table{full[0], full[1], full[2]};
  ARROW_ASSIGN_OR_RAISE(bool exists, store->TableExists(table));
  if (!exists) return std::nullopt;
  ARROW_ASSIGN_OR_RAISE(auto info, store->GetTable(table));
  return info;
}

sql::PlanPtr SessionCatalog::QualifyRelations(const sql::PlanPtr& plan, const std::string& catalog,
                                              const std::string& schema) {
  auto copy = std::make_shared<sql::LogicalPlan>(*plan);
  auto& ref = copy->table;
  if (copy->kind == sql::PlanKind::kRelation && ref.path.empty() && ref.function.empty() && !copy->source &&
      !ref.name.empty() && ref.name.size() < 3) {
    std::vector<std::string> full = {catalog, schema};
    if (ref.name.size() == 2) full = {catalog};
    for (const auto& p : ref.name) full.push_back(sql::AsciiLower(p));
    auto store = metastore();
    // Only names that are tables there: a CTE of the view keeps its one-part name.
    if (store.ok()) {
      auto exists = (*store)->TableExists({full[0], full[1], full[2]});
      if (exists.ok() && *exists) ref.name = full;
    }
  }
  for (auto& child : copy->children) child = QualifyRelations(child, catalog, schema);
  return copy;
}

sql::PlanPtr SessionCatalog::FindView(const std::vector<std::string>& name) {
  auto found = FindTable(name);
  if (!found.ok() || !found->has_value() || (*found)->type != catalog::TableType::kView) return nullptr;
  auto parsed = sql::ParseStatement((*found)->view_text);
  if (!parsed.ok() || !parsed->query) return nullptr;
  sql::PlanPtr body = parsed->query;
  const auto& props = (*found)->properties;
  auto catalog = props.find("view.catalogAndNamespace.part.0");
  auto schema = props.find("view.catalogAndNamespace.part.1");
  if (catalog != props.end() && schema != props.end()) body = QualifyRelations(body, catalog->second, schema->second);
  if (!(*found)->view_columns.empty()) {
    // The declared names; a query whose width changed since CREATE VIEW fails when resolved.
    body = sql::MakeAlias(body, name.back(), (*found)->view_columns);
  }
  return body;
}

arrow::Result<std::shared_ptr<const sql::TableSource>> SessionCatalog::OpenTable(const sql::TableReference& ref) {
  ARROW_ASSIGN_OR_RAISE(auto full, QualifyObject(ref.name));
  ARROW_ASSIGN_OR_RAISE(auto found, FindTable(ref.name));
  if (!found) {
    return UserError("TABLE_OR_VIEW_NOT_FOUND",
                     "The table or view {} cannot be found. Verify the spelling and correctness of the schema and "
                     "catalog.",
                     QuoteNameParts(full));
  }
  const auto& info = *found;
  const std::string format = sql::AsciiLower(info.data_source_format);
  if (format == "delta") {
    ARROW_ASSIGN_OR_RAISE(auto source, DeltaTableSource::Open(info.storage_location, ref.version, ref.timestamp));
    return source;
  }
  if (ref.version || ref.timestamp) {
    return UserError("UNSUPPORTED_FEATURE.TIME_TRAVEL", "Time travel is only supported on Delta tables.");
  }
  if (format == "parquet") {
    ARROW_ASSIGN_OR_RAISE(auto source, ParquetTableSource::Open(info.storage_location));
    return source;
  }
  return UserError("UNSUPPORTED_DATASOURCE_FOR_DIRECT_QUERY", "Tables of format {} cannot be read yet ({}).",
                   info.data_source_format, QuoteNameParts(full));
}

arrow::Result<TableTarget> SessionCatalog::ResolveTarget(const sql::TableReference& ref) {
  TableTarget target;
  if (!ref.path.empty()) {
    if (sql::AsciiLower(ref.format) != "delta") {
      return UserError("UNSUPPORTED_DATASOURCE_FOR_DIRECT_QUERY",
                       "Only Delta tables can be changed by path; {}.`{}` is not one.", ref.format, ref.path);
    }
    ARROW_ASSIGN_OR_RAISE(target.location, ResolvePath(ref.path));
    target.display_name = fmt::format("delta.`{}`", ref.path);
    return target;
  }
  ARROW_ASSIGN_OR_RAISE(auto full, QualifyObject(ref.name));
  ARROW_ASSIGN_OR_RAISE(auto found, FindTable(ref.name));
  target.full_name = full;
  target.display_name = QuoteNameParts(full);
  if (!found) {
    return UserError("TABLE_OR_VIEW_NOT_FOUND",
                     "The table or view {} cannot be found. Verify the spelling and correctness of the schema and "
                     "catalog.",
                     target.display_name);
  }
  if (found->type == catalog::TableType::kView) {
    return UserError("EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE", "{} is a view, not a table.", target.display_name);
  }
  if (sql::AsciiLower(found->data_source_format) != "delta") {
    return UserError("UNSUPPORTED_FEATURE.TABLE_OPERATION", "Table {} is not a Delta table ({}).",
                     target.display_name, found->data_source_format);
  }
  target.location = found->storage_location;
  target.managed = found->type == catalog::TableType::kManaged;
  return target;
}

}  // namespace tarn::exec
