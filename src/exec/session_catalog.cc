#include "exec/session_catalog.h"

#include <fmt/format.h>

#include "errors/error_class.h"
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

arrow::Result<std::string> SessionCatalog::ResolvePath(const std::string& path) {
  if (path.rfind("file://", 0) == 0) return path.substr(7);
  return path;
}

sql::PlanPtr SessionCatalog::FindView(const std::vector<std::string>&) { return nullptr; }

arrow::Result<std::shared_ptr<const sql::TableSource>> SessionCatalog::OpenTable(const sql::TableReference& ref) {
  ARROW_ASSIGN_OR_RAISE(auto full, QualifyObject(ref.name));
  return UserError("TABLE_OR_VIEW_NOT_FOUND",
                   "The table or view {} cannot be found. Verify the spelling and correctness of the schema and "
                   "catalog.",
                   QuoteNameParts(full));
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
  return UserError("TABLE_OR_VIEW_NOT_FOUND",
                   "The table or view {} cannot be found. Verify the spelling and correctness of the schema and "
                   "catalog.",
                   QuoteNameParts(full));
}

}  // namespace tarn::exec
