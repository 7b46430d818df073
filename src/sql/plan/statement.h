// A parsed SQL statement: a query, or a command around one (DDL, DML, catalog browsing, table
// maintenance). Commands keep their clauses in the spec structs below; expressions and queries
// inside them are unresolved, like a query's.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sql/plan/logical_plan.h"

namespace tarn::sql {

enum class StatementKind {
  kQuery,             // query
  kExplain,           // EXPLAIN [EXTENDED | FORMATTED | CODEGEN | COST] query
  kShowFunctions,     // SHOW [USER | SYSTEM | ALL] FUNCTIONS [[LIKE] 'pattern']
  kDescribeFunction,  // DESCRIBE FUNCTION [EXTENDED] name
  kDescribeQuery,     // DESCRIBE [QUERY] query / DESCRIBE [TABLE] [EXTENDED] table: the output schema
  kSetConfig,         // SET key = value / SET key / SET
  kCreateTempView,    // CREATE [OR REPLACE] TEMP[ORARY] VIEW [IF NOT EXISTS] name [(cols)] AS query
  kDropTempView,      // DROP VIEW [IF EXISTS] name: a temporary view, else a view in the catalog

  // Catalog objects. `object` says which securable; `target` is its name as written.
  kUse,               // USE [CATALOG | SCHEMA | DATABASE] name
  kCreateObject,      // CREATE CATALOG / SCHEMA / VOLUME / VIEW / FUNCTION: `create`
  kCreateTable,       // CREATE [OR REPLACE] [EXTERNAL] TABLE ... / REPLACE TABLE / CTAS: `table_def`
  kDropObject,        // DROP <object> [IF EXISTS] name [CASCADE | RESTRICT] [PURGE]
  kAlterObject,       // ALTER <object> name ...: `alter`
  kCommentOn,         // COMMENT ON <object> name IS 'text' | NULL
  kShow,              // SHOW CATALOGS / SCHEMAS / TABLES / VIEWS / VOLUMES / COLUMNS /
                      // CREATE TABLE / TBLPROPERTIES: `show`
  kDescribeObject,    // DESCRIBE CATALOG / SCHEMA / VOLUME / FUNCTION? [EXTENDED] name
  kDescribeDetail,    // DESCRIBE DETAIL table
  kDescribeHistory,   // DESCRIBE HISTORY table [LIMIT n]

  // Data changes and table maintenance; each is one Delta commit.
  kInsert,            // INSERT INTO / OVERWRITE: `insert`
  kDelete,            // DELETE FROM t [alias] [WHERE cond]: `dml`
  kUpdate,            // UPDATE t [alias] SET a = e, ... [WHERE cond]: `dml`
  kMerge,             // MERGE [WITH SCHEMA EVOLUTION] INTO t USING s ON c WHEN ...: `merge`
  kTruncate,          // TRUNCATE TABLE t
  kRestore,           // RESTORE [TABLE] t [TO] VERSION | TIMESTAMP AS OF x: `maintenance`
  kOptimize,          // OPTIMIZE t [WHERE p] [ZORDER BY (cols)]: `maintenance`
  kVacuum,            // VACUUM t [RETAIN n HOURS] [DRY RUN]: `maintenance`
  kCopyInto,          // COPY INTO t FROM path FILEFORMAT = f ...: `copy_into`
};

enum class ObjectKind { kCatalog, kSchema, kTable, kView, kVolume, kFunction, kColumn };

// "CATALOG", "SCHEMA", "TABLE", ... as Spark prints it in messages.
const char* ObjectKindName(ObjectKind kind);

// Options and properties as written: keys as written (lower-cased for OPTIONS), values as text.
using PropertyList = std::vector<std::pair<std::string, std::string>>;

struct ColumnDefinition {
  std::string name;
  TypePtr type;
  bool not_null = false;
  std::optional<std::string> comment;
  ExprPtr default_value;        // DEFAULT expr
  ExprPtr generated_as;         // GENERATED ALWAYS AS (expr)
  bool identity = false;        // GENERATED { ALWAYS | BY DEFAULT } AS IDENTITY
  int32_t position = -1;
};

struct TableDefinition {
  std::vector<std::string> name;
  bool or_replace = false;      // CREATE OR REPLACE TABLE
  bool replace = false;         // REPLACE TABLE (the table must exist)
  bool if_not_exists = false;
  bool external = false;        // CREATE EXTERNAL TABLE (LOCATION required)
  bool columns_given = false;   // a column list was written
  std::vector<ColumnDefinition> columns;
  std::vector<std::pair<std::string, std::string>> check_constraints;  // CONSTRAINT n CHECK (e), as text
  std::string format;           // USING ...; empty = delta
  std::vector<std::string> partition_by;
  std::vector<std::string> cluster_by;
  bool cluster_by_auto = false;  // CLUSTER BY AUTO
  std::optional<std::string> comment;
  PropertyList properties;      // TBLPROPERTIES
  PropertyList options;         // OPTIONS
  std::optional<std::string> location;
  PlanPtr as_query;             // AS query
};

struct FunctionParameter {
  std::string name;
  TypePtr type;
  std::string type_text;        // as written, for the catalog
  std::string default_text;     // DEFAULT expr, as text; empty if none
  std::optional<std::string> comment;
};

// CREATE CATALOG / SCHEMA / VOLUME / VIEW / FUNCTION.
struct CreateObjectSpec {
  bool or_replace = false;
  bool if_not_exists = false;
  bool external = false;                   // CREATE EXTERNAL VOLUME
  bool temporary = false;                  // CREATE TEMPORARY FUNCTION
  std::optional<std::string> comment;
  std::optional<std::string> location;     // SCHEMA MANAGED LOCATION / LOCATION; VOLUME LOCATION
  PropertyList properties;                 // WITH DBPROPERTIES / OPTIONS / TBLPROPERTIES
  // VIEW
  std::vector<std::string> column_names;
  std::vector<std::optional<std::string>> column_comments;
  PlanPtr query;
  std::string query_text;                  // the view's SQL as written
  // FUNCTION
  std::vector<FunctionParameter> parameters;
  TypePtr return_type;
  std::string return_type_text;
  ExprPtr body;                            // RETURN expr
  std::string body_text;
  bool deterministic = true;
};

enum class AlterAction {
  kRename,                // ALTER TABLE|VIEW|VOLUME|SCHEMA? a RENAME TO b
  kSetProperties,         // SET TBLPROPERTIES / SET DBPROPERTIES (k = v, ...)
  kUnsetProperties,       // UNSET TBLPROPERTIES [IF EXISTS] (k, ...)
  kAddColumns,            // ADD COLUMN[S] (col type [COMMENT ..] [FIRST | AFTER c], ...)
  kRenameColumn,          // RENAME COLUMN a TO b
  kDropColumns,           // DROP COLUMN[S] [IF EXISTS] (a, b)
  kAlterColumn,           // ALTER | CHANGE [COLUMN] c {COMMENT | TYPE | SET NOT NULL | DROP NOT NULL | FIRST | AFTER}
  kAddConstraint,         // ADD CONSTRAINT n CHECK (expr)
  kDropConstraint,        // DROP CONSTRAINT [IF EXISTS] n
  kSetLocation,           // SET LOCATION 'path'
  kClusterBy,             // CLUSTER BY (cols) | CLUSTER BY NONE
  kSetOwner,              // [SET] OWNER TO principal
  kAsQuery,               // ALTER VIEW v AS query
};

struct AlterSpec {
  AlterAction action = AlterAction::kSetProperties;
  std::vector<std::string> new_name;         // kRename
  PropertyList properties;                   // kSetProperties
  std::vector<std::string> keys;             // kUnsetProperties
  bool if_exists = false;                    // UNSET .. IF EXISTS, DROP COLUMN/CONSTRAINT IF EXISTS
  std::vector<ColumnDefinition> columns;     // kAddColumns (name may be dotted: a.b)
  std::vector<std::string> column_positions; // kAddColumns: "" | "FIRST" | "AFTER x" per column
  std::vector<std::string> column;           // kRenameColumn / kAlterColumn: the column path
  std::string new_column_name;               // kRenameColumn
  std::vector<std::vector<std::string>> drop_columns;  // kDropColumns
  // kAlterColumn: which change
  std::optional<std::string> comment;
  TypePtr new_type;
  std::optional<bool> set_not_null;          // true: SET NOT NULL; false: DROP NOT NULL
  std::string position;                      // "FIRST" | "AFTER x"
  std::string constraint_name;               // kAddConstraint / kDropConstraint
  std::string constraint_text;               // kAddConstraint: the CHECK expression as written
  ExprPtr constraint;                        //   and parsed
  std::optional<std::string> location;       // kSetLocation
  std::vector<std::string> cluster_by;       // kClusterBy; empty = NONE
  std::string owner;                         // kSetOwner
  PlanPtr query;                             // kAsQuery
  std::string query_text;
};

enum class ShowKind { kCatalogs, kSchemas, kTables, kViews, kVolumes, kColumns, kCreateTable, kTblProperties,
                      kPartitions };

struct ShowSpec {
  ShowKind kind = ShowKind::kTables;
  std::vector<std::string> in;    // FROM / IN catalog or schema (or the table for COLUMNS)
  std::string pattern;            // LIKE 'pattern'
  std::string property_key;       // SHOW TBLPROPERTIES t (key)
};

struct InsertSpec {
  bool overwrite = false;
  bool by_name = false;                        // INSERT INTO t BY NAME query
  std::vector<std::string> columns;            // INSERT INTO t (a, b)
  // PARTITION (p = v, q): static values, or null for a dynamic partition column.
  std::vector<std::pair<std::string, ExprPtr>> partition;
  ExprPtr replace_where;                       // INSERT INTO t REPLACE WHERE cond query
  std::string replace_where_text;
  PlanPtr query;
};

// DELETE / UPDATE.
struct DmlSpec {
  std::string alias;
  ExprPtr where;
  std::string where_text;
  std::vector<std::pair<std::vector<std::string>, ExprPtr>> assignments;  // UPDATE SET
};

struct MergeClause {
  enum class Match { kMatched, kNotMatched, kNotMatchedBySource };
  enum class Action { kUpdate, kDelete, kInsert };
  Match match = Match::kMatched;
  Action action = Action::kUpdate;
  ExprPtr condition;                            // AND cond; null = none
  bool star = false;                            // UPDATE SET * / INSERT *
  std::vector<std::pair<std::vector<std::string>, ExprPtr>> assignments;  // UPDATE SET
  std::vector<std::vector<std::string>> insert_columns;                     // INSERT (a, b)
  std::vector<ExprPtr> insert_values;                                       // VALUES (x, y)
  int32_t position = -1;
};

struct MergeSpec {
  std::string target_alias;
  PlanPtr source;                              // a table, a subquery or a view, with its alias
  std::string source_alias;
  ExprPtr on;
  std::vector<MergeClause> clauses;
  bool schema_evolution = false;               // MERGE WITH SCHEMA EVOLUTION
};

// RESTORE / OPTIMIZE / VACUUM.
struct MaintenanceSpec {
  std::optional<int64_t> version;              // RESTORE .. VERSION AS OF
  std::optional<std::string> timestamp;        // RESTORE .. TIMESTAMP AS OF
  ExprPtr where;                               // OPTIMIZE .. WHERE
  std::string where_text;
  std::vector<std::string> zorder_by;          // OPTIMIZE .. ZORDER BY
  bool full = false;                           // OPTIMIZE .. FULL
  std::optional<double> retain_hours;          // VACUUM .. RETAIN n HOURS
  bool dry_run = false;                        // VACUUM .. DRY RUN
  bool lite = false;                           // VACUUM .. LITE
};

struct CopyIntoSpec {
  std::string path;                            // FROM 'path' (or the path of FROM (SELECT .. FROM 'path'))
  PlanPtr select;                              // FROM (SELECT exprs FROM 'path'): the projection; the
                                               // relation inside is a kRelation with format "copy_source"
  std::string file_format;                     // FILEFORMAT = CSV | JSON | PARQUET | TEXT | BINARYFILE | AVRO | ORC
  std::vector<std::string> files;              // FILES = ('a', 'b')
  std::string pattern;                         // PATTERN = 'glob'
  PropertyList format_options;                 // FORMAT_OPTIONS ('k' = 'v')
  PropertyList copy_options;                   // COPY_OPTIONS ('force' = 'true', 'mergeSchema' = 'true')
};

struct Statement {
  StatementKind kind = StatementKind::kQuery;
  PlanPtr query;
  bool extended = false;     // EXPLAIN EXTENDED, DESCRIBE [FUNCTION] EXTENDED
  std::string name;          // DESCRIBE FUNCTION name; SET key; temp view name
  std::string pattern;       // SHOW FUNCTIONS LIKE pattern (Spark's '*' and '|' wildcards)
  std::string value;         // SET key = value
  bool or_replace = false;   // CREATE OR REPLACE
  bool if_exists = false;    // IF [NOT] EXISTS
  std::vector<std::string> column_names;  // CREATE VIEW v (a, b)
  int32_t position = 0;      // where the statement starts in the script
  std::string text;          // the statement's own SQL text

  // Commands on catalog objects and tables.
  ObjectKind object = ObjectKind::kTable;
  std::vector<std::string> target;   // the object's name parts as written
  std::vector<std::string> column;   // DESCRIBE t col
  std::optional<std::string> comment;  // COMMENT ON .. IS
  bool cascade = false;              // DROP SCHEMA .. CASCADE
  int64_t limit = -1;                // DESCRIBE HISTORY .. LIMIT n
  bool temporary = false;            // DROP TEMPORARY FUNCTION, USE of a temp thing
  std::shared_ptr<const TableDefinition> table_def;
  std::shared_ptr<const CreateObjectSpec> create;
  std::shared_ptr<const AlterSpec> alter;
  std::shared_ptr<const ShowSpec> show;
  std::shared_ptr<const InsertSpec> insert;
  std::shared_ptr<const DmlSpec> dml;
  std::shared_ptr<const MergeSpec> merge;
  std::shared_ptr<const MaintenanceSpec> maintenance;
  std::shared_ptr<const CopyIntoSpec> copy_into;
  TableReference table;              // DML / maintenance target when given by path (delta.`p`)
};

}  // namespace tarn::sql
