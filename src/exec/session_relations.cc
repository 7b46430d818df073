#include "exec/session_relations.h"

#include "catalog/metastore.h"
#include "errors/error_class.h"
#include "exec/session_catalog.h"
#include "exec/sql_functions.h"
#include "exec/table_functions.h"
#include "exec/table_sources.h"
#include "sql/plan/identifier.h"

namespace tarn::exec {

sql::PlanPtr SessionRelations::FindView(const std::vector<std::string>& name) const {
  if (name.size() == 1) {
    auto it = views.find(sql::AsciiLower(name[0]));
    if (it != views.end()) return it->second;
    if (registered.count(sql::AsciiLower(name[0]))) return nullptr;
  }
  return catalog_.FindView(name);
}

arrow::Result<std::shared_ptr<const sql::TableSource>> SessionRelations::ResolveTable(
    const sql::TableReference& ref) const {
  const std::string format = sql::AsciiLower(ref.format);
  if (format.empty() && ref.name.size() == 1) {
    auto it = registered.find(sql::AsciiLower(ref.name[0]));
    if (it != registered.end()) {
      if (ref.version || ref.timestamp) {
        return UserError("UNSUPPORTED_FEATURE.TIME_TRAVEL", "Time travel is only supported on Delta tables.");
      }
      return it->second;
    }
  }
  if (format.empty()) return catalog_.OpenTable(ref);
  ARROW_ASSIGN_OR_RAISE(auto path, catalog_.ResolvePath(ref.path));
  if (format == "delta") {
    ARROW_ASSIGN_OR_RAISE(auto source, DeltaTableSource::Open(path, ref.version, ref.timestamp));
    return source;
  }
  if (ref.version || ref.timestamp) {
    return UserError("UNSUPPORTED_FEATURE.TIME_TRAVEL", "Time travel is only supported on Delta tables.");
  }
  if (format == "parquet") {
    ARROW_ASSIGN_OR_RAISE(auto source, ParquetTableSource::Open(path));
    return source;
  }
  if (format == "csv" || format == "json" || format == "text" || format == "binaryfile") {
    // csv.`path` reads as Spark's DataFrameReader does by default: no header, strings.
    return ReadFilesSource(path, format, {}, /*defaults_of_read_files=*/false, ref.with_metadata_column);
  }
  return UserError("UNSUPPORTED_DATASOURCE_FOR_DIRECT_QUERY",
                   "Unsupported data source type for direct query on files: {}", ref.format);
}

arrow::Result<std::shared_ptr<const sql::TableSource>> SessionRelations::ResolveTableFunction(
    const std::string& name, const std::vector<FunctionArgument>& arguments, bool with_metadata_column) const {
  TableFunctionContext ctx{functions_, bind_context_(), catalog_, with_metadata_column};
  return CallTableFunction(ctx, name, arguments);
}

arrow::Result<std::optional<SessionRelations::FoundFunction>> SessionRelations::FindFunctionInfo(
    const std::vector<std::string>& name) const {
  std::vector<std::string> parts;
  for (const auto& p : name) parts.push_back(sql::AsciiLower(p));
  const bool session_qualified = (parts.size() == 2 && parts[0] == "session") ||
                                 (parts.size() == 3 && parts[0] == "system" && parts[1] == "session");
  if (parts.size() == 1 || session_qualified) {
    auto it = temp_functions.find(parts.back());
    if (it != temp_functions.end()) return FoundFunction{it->second, {it->first}};
    if (session_qualified) return std::nullopt;
  }
  if (parts.empty() || parts.size() > 3) return std::nullopt;
  ARROW_ASSIGN_OR_RAISE(auto full, catalog_.QualifyObject(parts));
  ARROW_ASSIGN_OR_RAISE(auto store, catalog_.metastore());
  auto info = store->GetFunction({full[0], full[1], full[2]});
  if (!info.ok()) {
    const std::string error_class = ErrorClassOf(info.status());
    // A name of no function: the caller reports UNRESOLVED_ROUTINE.
    if (error_class == "ROUTINE_NOT_FOUND" || error_class == "SCHEMA_NOT_FOUND" ||
        error_class == "CATALOG_NOT_FOUND") {
      return std::nullopt;
    }
    return info.status();
  }
  return FoundFunction{std::move(*info), full};
}

arrow::Result<std::shared_ptr<const sql::SqlFunction>> SessionRelations::FindFunction(
    const std::vector<std::string>& name) const {
  ARROW_ASSIGN_OR_RAISE(auto found, FindFunctionInfo(name));
  if (!found) return nullptr;
  return SqlFunctionOf(found->info, found->qualified_name);
}

}  // namespace tarn::exec
