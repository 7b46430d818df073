// A parsed SQL statement: a query, or a command around one. Later issues add DDL and DML kinds.
#pragma once

#include <string>
#include <vector>

#include "sql/plan/logical_plan.h"

namespace tarn::sql {

enum class StatementKind {
  kQuery,             // query
  kExplain,           // EXPLAIN [EXTENDED | FORMATTED | CODEGEN | COST] query
  kShowFunctions,     // SHOW [USER | SYSTEM | ALL] FUNCTIONS [[LIKE] 'pattern']
  kDescribeFunction,  // DESCRIBE FUNCTION [EXTENDED] name
  kDescribeQuery,     // DESCRIBE [QUERY] query / DESCRIBE delta.`path`: the output schema
  kSetConfig,         // SET key = value / SET key / SET
  kCreateTempView,    // CREATE [OR REPLACE] TEMP[ORARY] VIEW [IF NOT EXISTS] name [(cols)] AS query
  kDropTempView,      // DROP VIEW [IF EXISTS] name (temporary views only, for now)
};

struct Statement {
  StatementKind kind = StatementKind::kQuery;
  PlanPtr query;
  bool extended = false;     // EXPLAIN EXTENDED, DESCRIBE FUNCTION EXTENDED
  std::string name;          // DESCRIBE FUNCTION name; SET key
  std::string pattern;       // SHOW FUNCTIONS LIKE pattern (Spark's '*' and '|' wildcards)
  std::string value;         // SET key = value
  bool or_replace = false;   // CREATE OR REPLACE
  bool if_exists = false;    // IF [NOT] EXISTS
  std::vector<std::string> column_names;  // CREATE VIEW v (a, b)
  int32_t position = 0;      // where the statement starts in the script
  std::string text;          // the statement's own SQL text
};

}  // namespace tarn::sql
