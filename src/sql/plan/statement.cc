#include "sql/plan/statement.h"

namespace tarn::sql {

const char* ObjectKindName(ObjectKind kind) {
  switch (kind) {
    case ObjectKind::kCatalog:
      return "CATALOG";
    case ObjectKind::kSchema:
      return "SCHEMA";
    case ObjectKind::kTable:
      return "TABLE";
    case ObjectKind::kView:
      return "VIEW";
    case ObjectKind::kVolume:
      return "VOLUME";
    case ObjectKind::kFunction:
      return "FUNCTION";
    case ObjectKind::kColumn:
      return "COLUMN";
  }
  return "OBJECT";
}

}  // namespace tarn::sql
