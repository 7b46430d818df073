// What a command (DDL, DML, maintenance) needs from the session that runs it: the function
// registry, name resolution, the catalog, and a way to run queries.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <arrow/result.h>
#include <arrow/type_fwd.h>

#include "sql/analyzer/analyzer.h"
#include "sql/functions/function_registry.h"
#include "sql/plan/statement.h"

namespace tarn::exec {

class SessionCatalog;

struct CommandContext {
  const sql::SparkFunctionRegistry& functions;
  const sql::RelationResolver& relations;
  SessionCatalog& catalog;
  sql::BindContext bind;
  const std::map<std::string, std::string>& options;  // SET options
  // Analyzes, optimizes and runs an unresolved query plan.
  std::function<arrow::Result<std::shared_ptr<arrow::Table>>(const sql::PlanPtr&)> run_query;
  // Analyzes an unresolved query plan (for its output schema).
  std::function<arrow::Result<sql::PlanPtr>(const sql::PlanPtr&)> analyze;
};

// The Delta table a command changes: a path (delta.`/p`) or a table in the catalog.
struct TableTarget {
  std::string location;                  // the table's root folder
  std::string display_name;              // `main`.`default`.`t` or delta.`/p`, for messages
  std::vector<std::string> full_name;    // catalog, schema, table; empty for a path
  bool managed = false;
};

}  // namespace tarn::exec
