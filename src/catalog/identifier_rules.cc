#include "catalog/identifier_rules_internal.h"

#include <cctype>

#include "errors/error_class.h"

namespace tarn::catalog {

std::string NormalizeName(std::string_view name) {
  std::string out(name);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

arrow::Status CheckName(std::string_view name) {
  bool bad = name.empty() || name.size() > 255;
  for (char c : name) {
    if (c == '.' || c == '/' || c == ' ' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f) bad = true;
  }
  if (bad) {
    return UserError("INVALID_SCHEMA_OR_RELATION_NAME",
                     "{} is not a valid name: a name is 1 to 255 characters without '.', '/', "
                     "spaces or control characters.",
                     QuoteIdentifier(name));
  }
  return arrow::Status::OK();
}

arrow::Result<SchemaName> NormalizeSchemaName(const SchemaName& name) {
  SchemaName out{NormalizeName(name.catalog), NormalizeName(name.schema)};
  ARROW_RETURN_NOT_OK(CheckName(out.catalog));
  ARROW_RETURN_NOT_OK(CheckName(out.schema));
  return out;
}

arrow::Result<ObjectName> NormalizeObjectName(const ObjectName& name) {
  ObjectName out{NormalizeName(name.catalog), NormalizeName(name.schema), NormalizeName(name.name)};
  ARROW_RETURN_NOT_OK(CheckName(out.catalog));
  ARROW_RETURN_NOT_OK(CheckName(out.schema));
  ARROW_RETURN_NOT_OK(CheckName(out.name));
  return out;
}

}  // namespace tarn::catalog
