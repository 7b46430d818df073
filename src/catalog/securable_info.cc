#include "catalog/securable_info.h"

namespace tarn::catalog {

std::string_view ToString(SecurableKind kind) {
  switch (kind) {
    case SecurableKind::kCatalog: return "CATALOG";
    case SecurableKind::kSchema: return "SCHEMA";
    case SecurableKind::kTable: return "TABLE";
    case SecurableKind::kVolume: return "VOLUME";
    case SecurableKind::kFunction: return "FUNCTION";
  }
  return "UNKNOWN";
}

std::string_view ToString(TableType type) {
  switch (type) {
    case TableType::kManaged: return "MANAGED";
    case TableType::kExternal: return "EXTERNAL";
    case TableType::kView: return "VIEW";
  }
  return "UNKNOWN";
}

std::string_view ToString(VolumeType type) {
  return type == VolumeType::kManaged ? "MANAGED" : "EXTERNAL";
}

arrow::Result<TableType> ParseTableType(std::string_view text) {
  if (text == "MANAGED") return TableType::kManaged;
  if (text == "EXTERNAL") return TableType::kExternal;
  if (text == "VIEW") return TableType::kView;
  return arrow::Status::Invalid("unknown table type in the metastore: ", text);
}

arrow::Result<VolumeType> ParseVolumeType(std::string_view text) {
  if (text == "MANAGED") return VolumeType::kManaged;
  if (text == "EXTERNAL") return VolumeType::kExternal;
  return arrow::Status::Invalid("unknown volume type in the metastore: ", text);
}

std::string QuoteIdentifier(std::string_view part) {
  std::string out = "`";
  for (char c : part) {
    out += c;
    if (c == '`') out += '`';
  }
  return out + '`';
}

std::string QuoteName(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& part : parts) {
    if (!out.empty()) out += '.';
    out += QuoteIdentifier(part);
  }
  return out;
}

std::string QuoteName(const SchemaName& name) { return QuoteName(std::vector<std::string>{name.catalog, name.schema}); }

std::string QuoteName(const ObjectName& name) {
  return QuoteName(std::vector<std::string>{name.catalog, name.schema, name.name});
}

}  // namespace tarn::catalog
