// Names of securables: lower-cased for storage and comparison, and checked for the characters
// Unity Catalog forbids (they would break paths like /Volumes/<catalog>/<schema>/<volume>).
#pragma once

#include <string>
#include <string_view>

#include <arrow/status.h>

#include "catalog/securable_info.h"

namespace tarn::catalog {

std::string NormalizeName(std::string_view name);  // ASCII lower case
// OK, or INVALID_SCHEMA_OR_RELATION_NAME naming the offending name.
arrow::Status CheckName(std::string_view name);

// Lower-cases every part and checks it.
arrow::Result<SchemaName> NormalizeSchemaName(const SchemaName& name);
arrow::Result<ObjectName> NormalizeObjectName(const ObjectName& name);

}  // namespace tarn::catalog
