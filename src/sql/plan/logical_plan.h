// The logical plan: the common target of SQL text (parser) and, later, of DataFrame plans sent
// over Spark Connect. Unresolved plans name tables and columns as written; the analyzer returns
// a resolved plan of the same node types with `output` filled in. Nodes are immutable.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sql/plan/expression.h"
#include "sql/plan/table_source.h"

namespace tarn::sql {

// A column a plan node produces. Ids are unique within one analyzed statement, so rewrites
// (push-down, join reordering) never confuse two columns with the same name.
struct Attribute {
  int64_t id = -1;
  std::string name;
  std::vector<std::string> qualifier;  // e.g. {"t"} or {"spark_catalog", "db", "t"}
  TypePtr type;
  bool nullable = true;
  // A metadata column (`_metadata` of file sources): selected by name, never by `*`.
  bool hidden = false;
};

// Field metadata marking a source column as hidden (see Attribute::hidden).
inline constexpr char kHiddenColumnKey[] = "tarn.hidden";

enum class PlanKind {
  kRelation,       // a table by name or by path (unresolved); resolved: a scan of it
  kValues,         // VALUES (..), (..) / a SELECT without FROM (one row, no columns)
  kProject,        // exprs = select list
  kFilter,         // condition (WHERE; HAVING and QUALIFY are Filters over Aggregate / Window)
  kAggregate,      // group_by, exprs = output list (grouping and aggregate expressions)
  kJoin,           // join_type, condition, using_columns, natural
  kSort,           // order_by
  kLimit,          // limit (-1 = none), offset
  kDistinct,       // SELECT DISTINCT
  kSetOperation,   // set_op, all, children = {left, right}
  kSubqueryAlias,  // alias, column_aliases: names a child (FROM (...) AS t(a, b), a CTE use)
  kWith,           // ctes, children = {body}
  kWindow,         // resolved only: exprs = window expressions appended to the child's output
  kGenerate,       // LATERAL VIEW / explode in the select list: exprs = {generator call}
};

enum class JoinType { kInner, kLeft, kRight, kFull, kLeftSemi, kLeftAnti, kCross };
enum class SetOperation { kUnion, kIntersect, kExcept };

struct TableReference {
  std::vector<std::string> name;  // catalog.schema.table parts as written (empty for a path)
  std::string format;             // "delta", "parquet", "csv", "json" for format.`path`; else ""
  std::string path;               // for format.`path`
  std::optional<int64_t> version;           // VERSION AS OF n / t@v1
  std::optional<std::string> timestamp;     // TIMESTAMP AS OF '...'
  // A table-valued function in FROM: read_files('p', format => 'csv'), range(10). The arguments
  // are the relation's `exprs`; argument_names[i] is "" for a positional argument.
  std::string function;
  std::vector<std::string> argument_names;
  // Set by the analyzer when the statement names `_metadata`: file sources then provide it.
  bool with_metadata_column = false;
};

struct LogicalPlan {
  PlanKind kind = PlanKind::kValues;
  std::vector<PlanPtr> children;

  std::vector<ExprPtr> exprs;                      // kProject / kAggregate / kWindow / kGenerate
  ExprPtr condition;                               // kFilter, kJoin (may be null)
  std::vector<ExprPtr> group_by;                   // kAggregate
  std::vector<std::vector<int>> grouping_sets;     // kAggregate: indices into group_by; empty = one set
  bool group_by_all = false;                       // GROUP BY ALL
  std::vector<SortItem> order_by;                  // kSort
  int64_t limit = -1;                              // kLimit
  int64_t offset = 0;                              // kLimit
  JoinType join_type = JoinType::kInner;           // kJoin
  std::vector<std::string> using_columns;          // kJoin USING (..)
  bool natural = false;                            // kJoin NATURAL
  bool lateral = false;                            // kJoin with a LATERAL right side
  // kJoin, semi and anti only: the optimizer guessed the left input smaller, so the executor
  // builds its hash table from the left and streams the right through it.
  bool build_left = false;
  SetOperation set_op = SetOperation::kUnion;      // kSetOperation
  bool all = false;                                // kSetOperation: UNION ALL etc.
  bool by_name = false;                            // UNION BY NAME
  std::string alias;                               // kSubqueryAlias
  std::vector<std::string> column_aliases;         // kSubqueryAlias t(a, b); kGenerate AS (a, b)
  TableReference table;                            // kRelation
  std::vector<std::pair<std::string, PlanPtr>> ctes;  // kWith, in order of definition
  std::vector<std::vector<ExprPtr>> rows;          // kValues
  bool outer = false;                              // kGenerate: LATERAL VIEW OUTER / explode_outer
  int32_t position = -1;                           // byte offset in the SQL text

  // After analysis. Resolved shapes: kRelation has `source` and, after push-down, `exprs` =
  // filters (conjuncts) the scan may apply. kAggregate: `group_by` = keys and `exprs` =
  // aggregate calls, each a kAlias carrying the attribute id it produces, output = keys then
  // aggregates (a kProject above computes the select list). kProject / kWindow / kValues /
  // kSetOperation: every output column has its attribute id.
  std::shared_ptr<const TableSource> source;
  std::vector<Attribute> output;
};

// Factories for the common shapes.
PlanPtr MakeRelation(TableReference table, int32_t position = -1);
PlanPtr MakeProject(PlanPtr child, std::vector<ExprPtr> exprs);
PlanPtr MakeFilter(PlanPtr child, ExprPtr condition);
PlanPtr MakeSort(PlanPtr child, std::vector<SortItem> order_by);
PlanPtr MakeLimit(PlanPtr child, int64_t limit, int64_t offset = 0);
PlanPtr MakeAlias(PlanPtr child, std::string alias, std::vector<std::string> column_aliases = {});
// A relation over a source the caller already holds (e.g. the rows a MERGE reads), named `name`.
PlanPtr MakeSourceRelation(std::string name, std::shared_ptr<const TableSource> source);
// A one-row, no-column relation: the FROM of `SELECT 1`.
PlanPtr MakeOneRow();

// Indented tree for EXPLAIN, one node per line.
std::string ToString(const LogicalPlan& plan, int indent = 0);

}  // namespace tarn::sql
