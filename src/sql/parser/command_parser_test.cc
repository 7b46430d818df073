// DDL, DML and maintenance statements: what the parser keeps of each clause.
#include <string>

#include <arrow/type.h>
#include <gtest/gtest.h>

#include "errors/error_class.h"
#include "sql/parser/parser.h"

namespace tarn::sql {
namespace {

Statement Parse(const std::string& sql) {
  auto statement = ParseStatement(sql);
  EXPECT_TRUE(statement.ok()) << sql << ": " << statement.status().ToString();
  return statement.ok() ? *statement : Statement{};
}

std::string ErrorClass(const std::string& sql) { return ErrorClassOf(ParseStatement(sql).status()); }

TEST(CommandParser, CreateTableWithEveryClause) {
  auto s = Parse(
      "CREATE OR REPLACE TABLE main.sales.orders (id BIGINT NOT NULL COMMENT 'key', amount DECIMAL(10,2), "
      "day DATE, CONSTRAINT positive CHECK (amount > 0)) USING DELTA PARTITIONED BY (day) "
      "COMMENT 'orders' TBLPROPERTIES ('delta.enableChangeDataFeed' = 'true', delta.appendOnly = false) "
      "LOCATION '/tmp/orders'");
  ASSERT_EQ(s.kind, StatementKind::kCreateTable);
  const auto& def = *s.table_def;
  EXPECT_EQ(def.name, (std::vector<std::string>{"main", "sales", "orders"}));
  EXPECT_TRUE(def.or_replace);
  ASSERT_EQ(def.columns.size(), 3u);
  EXPECT_TRUE(def.columns[0].not_null);
  EXPECT_EQ(def.columns[0].comment.value_or(""), "key");
  EXPECT_TRUE(def.columns[1].type->Equals(arrow::decimal128(10, 2)));
  EXPECT_EQ(def.check_constraints.at(0).first, "positive");
  EXPECT_EQ(def.check_constraints.at(0).second, "amount > 0");
  EXPECT_EQ(def.format, "delta");
  EXPECT_EQ(def.partition_by, (std::vector<std::string>{"day"}));
  EXPECT_EQ(def.comment.value_or(""), "orders");
  ASSERT_EQ(def.properties.size(), 2u);
  EXPECT_EQ(def.properties[1].first, "delta.appendOnly");
  EXPECT_EQ(def.properties[1].second, "false");
  EXPECT_EQ(def.location.value_or(""), "/tmp/orders");
  EXPECT_EQ(def.as_query, nullptr);
}

TEST(CommandParser, CreateTableAsSelectAndClusterBy) {
  auto s = Parse("CREATE TABLE IF NOT EXISTS t CLUSTER BY (a, b) AS SELECT 1 AS a, 2 AS b");
  ASSERT_EQ(s.kind, StatementKind::kCreateTable);
  EXPECT_TRUE(s.table_def->if_not_exists);
  EXPECT_EQ(s.table_def->cluster_by, (std::vector<std::string>{"a", "b"}));
  EXPECT_NE(s.table_def->as_query, nullptr);
  EXPECT_EQ(ErrorClass("CREATE TABLE t (a INT) COMMENT 'x' COMMENT 'y'"), "DUPLICATE_CLAUSES");
  EXPECT_TRUE(Parse("REPLACE TABLE t (a INT)").table_def->replace);
}

TEST(CommandParser, CatalogObjects) {
  auto s = Parse("CREATE SCHEMA IF NOT EXISTS main.sales COMMENT 'sales' WITH DBPROPERTIES ('owner' = 'x')");
  EXPECT_EQ(s.kind, StatementKind::kCreateObject);
  EXPECT_EQ(s.object, ObjectKind::kSchema);
  EXPECT_TRUE(s.create->if_not_exists);
  EXPECT_EQ(s.create->comment.value_or(""), "sales");
  s = Parse("CREATE EXTERNAL VOLUME raw LOCATION '/data/raw'");
  EXPECT_EQ(s.object, ObjectKind::kVolume);
  EXPECT_TRUE(s.create->external);
  EXPECT_EQ(ErrorClass("CREATE EXTERNAL VOLUME raw"), "PARSE_SYNTAX_ERROR");
  s = Parse("CREATE OR REPLACE VIEW v (a COMMENT 'first', b) COMMENT 'view' AS SELECT 1, 2");
  EXPECT_EQ(s.object, ObjectKind::kView);
  EXPECT_EQ(s.create->column_names, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(s.create->query_text, "SELECT 1, 2");
  s = Parse("CREATE FUNCTION f(x INT, y STRING DEFAULT 'a' COMMENT 'y') RETURNS STRING COMMENT 'fn' RETURN concat(y, x)");
  EXPECT_EQ(s.object, ObjectKind::kFunction);
  ASSERT_EQ(s.create->parameters.size(), 2u);
  EXPECT_EQ(s.create->parameters[1].default_text, "'a'");
  EXPECT_EQ(s.create->return_type_text, "STRING");
  EXPECT_EQ(s.create->body_text, "concat(y, x)");
  s = Parse("DROP SCHEMA IF EXISTS sales CASCADE");
  EXPECT_EQ(s.kind, StatementKind::kDropObject);
  EXPECT_TRUE(s.if_exists);
  EXPECT_TRUE(s.cascade);
  EXPECT_EQ(Parse("DROP VIEW v").kind, StatementKind::kDropTempView);
  s = Parse("USE CATALOG main");
  EXPECT_EQ(s.kind, StatementKind::kUse);
  EXPECT_EQ(s.object, ObjectKind::kCatalog);
  EXPECT_EQ(Parse("USE sales").object, ObjectKind::kSchema);
  s = Parse("COMMENT ON TABLE t IS NULL");
  EXPECT_EQ(s.kind, StatementKind::kCommentOn);
  EXPECT_FALSE(s.comment.has_value());
}

TEST(CommandParser, AlterTable) {
  auto s = Parse("ALTER TABLE t ADD COLUMNS (c INT COMMENT 'new' FIRST, d STRING AFTER a)");
  ASSERT_EQ(s.alter->action, AlterAction::kAddColumns);
  EXPECT_EQ(s.alter->column_positions, (std::vector<std::string>{"FIRST", "AFTER a"}));
  s = Parse("ALTER TABLE t RENAME COLUMN a TO b");
  EXPECT_EQ(s.alter->action, AlterAction::kRenameColumn);
  EXPECT_EQ(s.alter->new_column_name, "b");
  s = Parse("ALTER TABLE t ALTER COLUMN a SET NOT NULL");
  EXPECT_EQ(s.alter->set_not_null, std::optional<bool>(true));
  s = Parse("ALTER TABLE t CHANGE COLUMN a TYPE BIGINT");
  EXPECT_TRUE(s.alter->new_type->Equals(arrow::int64()));
  s = Parse("ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0 AND b IS NOT NULL)");
  EXPECT_EQ(s.alter->constraint_text, "a > 0 AND b IS NOT NULL");
  s = Parse("ALTER TABLE t UNSET TBLPROPERTIES IF EXISTS ('a.b', 'c')");
  EXPECT_TRUE(s.alter->if_exists);
  EXPECT_EQ(s.alter->keys, (std::vector<std::string>{"a.b", "c"}));
  s = Parse("ALTER TABLE t CLUSTER BY NONE");
  EXPECT_EQ(s.alter->action, AlterAction::kClusterBy);
  EXPECT_TRUE(s.alter->cluster_by.empty());
  EXPECT_EQ(Parse("ALTER TABLE a.b RENAME TO a.c").alter->new_name, (std::vector<std::string>{"a", "c"}));
}

TEST(CommandParser, InsertForms) {
  auto s = Parse("INSERT INTO t VALUES (1, 'a'), (2, 'b')");
  ASSERT_EQ(s.kind, StatementKind::kInsert);
  EXPECT_FALSE(s.insert->overwrite);
  s = Parse("INSERT OVERWRITE TABLE t PARTITION (day = '2024-01-01', region) SELECT * FROM s");
  EXPECT_TRUE(s.insert->overwrite);
  ASSERT_EQ(s.insert->partition.size(), 2u);
  EXPECT_NE(s.insert->partition[0].second, nullptr);
  EXPECT_EQ(s.insert->partition[1].second, nullptr);
  s = Parse("INSERT INTO t (b, a) SELECT 1, 2");
  EXPECT_EQ(s.insert->columns, (std::vector<std::string>{"b", "a"}));
  EXPECT_TRUE(Parse("INSERT INTO t BY NAME SELECT 1 AS a").insert->by_name);
  s = Parse("INSERT INTO delta.`/tmp/t` REPLACE WHERE day >= '2024-01-01' SELECT * FROM s");
  EXPECT_EQ(s.table.path, "/tmp/t");
  EXPECT_EQ(s.insert->replace_where_text, "day >= '2024-01-01'");
}

TEST(CommandParser, DeleteUpdateMerge) {
  auto s = Parse("DELETE FROM t AS x WHERE x.a = 1");
  EXPECT_EQ(s.kind, StatementKind::kDelete);
  EXPECT_EQ(s.dml->alias, "x");
  EXPECT_EQ(s.dml->where_text, "x.a = 1");
  s = Parse("UPDATE t SET a = a + 1, b = 'x' WHERE c");
  EXPECT_EQ(s.dml->assignments.size(), 2u);
  s = Parse(
      "MERGE WITH SCHEMA EVOLUTION INTO target t USING (SELECT * FROM s) src ON t.id = src.id "
      "WHEN MATCHED AND src.deleted THEN DELETE "
      "WHEN MATCHED THEN UPDATE SET * "
      "WHEN NOT MATCHED BY TARGET THEN INSERT (id, v) VALUES (src.id, src.v) "
      "WHEN NOT MATCHED BY SOURCE AND t.v > 0 THEN UPDATE SET v = 0");
  ASSERT_EQ(s.kind, StatementKind::kMerge);
  const auto& m = *s.merge;
  EXPECT_TRUE(m.schema_evolution);
  EXPECT_EQ(m.target_alias, "t");
  EXPECT_EQ(m.source_alias, "src");
  ASSERT_EQ(m.clauses.size(), 4u);
  EXPECT_EQ(m.clauses[0].action, MergeClause::Action::kDelete);
  EXPECT_NE(m.clauses[0].condition, nullptr);
  EXPECT_TRUE(m.clauses[1].star);
  EXPECT_EQ(m.clauses[2].match, MergeClause::Match::kNotMatched);
  EXPECT_EQ(m.clauses[2].insert_values.size(), 2u);
  EXPECT_EQ(m.clauses[3].match, MergeClause::Match::kNotMatchedBySource);
  EXPECT_EQ(ErrorClass("MERGE INTO t USING s ON t.a = s.a"), "PARSE_SYNTAX_ERROR");
}

TEST(CommandParser, Maintenance) {
  auto s = Parse("OPTIMIZE t WHERE day = '2024-01-01' ZORDER BY (a, b)");
  EXPECT_EQ(s.kind, StatementKind::kOptimize);
  EXPECT_EQ(s.maintenance->zorder_by, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(s.maintenance->where_text, "day = '2024-01-01'");
  s = Parse("VACUUM t RETAIN 0 HOURS DRY RUN");
  EXPECT_EQ(s.maintenance->retain_hours, std::optional<double>(0));
  EXPECT_TRUE(s.maintenance->dry_run);
  EXPECT_EQ(Parse("RESTORE TABLE t TO VERSION AS OF 3").maintenance->version, std::optional<int64_t>(3));
  EXPECT_EQ(Parse("RESTORE t TIMESTAMP AS OF '2024-01-01'").maintenance->timestamp,
            std::optional<std::string>("2024-01-01"));
  s = Parse("DESCRIBE HISTORY t LIMIT 2");
  EXPECT_EQ(s.kind, StatementKind::kDescribeHistory);
  EXPECT_EQ(s.limit, 2);
  EXPECT_EQ(Parse("DESCRIBE DETAIL delta.`/p`").table.path, "/p");
  s = Parse(
      "COPY INTO t FROM '/data/in' FILEFORMAT = CSV PATTERN = '*.csv' FORMAT_OPTIONS ('header' = 'true') "
      "COPY_OPTIONS ('mergeSchema' = 'true')");
  EXPECT_EQ(s.kind, StatementKind::kCopyInto);
  EXPECT_EQ(s.copy_into->file_format, "csv");
  EXPECT_EQ(s.copy_into->pattern, "*.csv");
  EXPECT_EQ(s.copy_into->format_options.at(0).second, "true");
  EXPECT_EQ(ErrorClass("COPY INTO t FROM '/x'"), "PARSE_SYNTAX_ERROR");
}

TEST(CommandParser, ShowStatements) {
  auto s = Parse("SHOW TABLES IN main.sales LIKE 'ord*'");
  EXPECT_EQ(s.show->kind, ShowKind::kTables);
  EXPECT_EQ(s.show->in, (std::vector<std::string>{"main", "sales"}));
  EXPECT_EQ(s.show->pattern, "ord*");
  EXPECT_EQ(Parse("SHOW CATALOGS").show->kind, ShowKind::kCatalogs);
  EXPECT_EQ(Parse("SHOW DATABASES").show->kind, ShowKind::kSchemas);
  EXPECT_EQ(Parse("SHOW TBLPROPERTIES t ('delta.appendOnly')").show->property_key, "delta.appendOnly");
  EXPECT_EQ(Parse("SHOW COLUMNS IN t IN sales").target, (std::vector<std::string>{"sales", "t"}));
  EXPECT_EQ(Parse("SHOW CREATE TABLE t").show->kind, ShowKind::kCreateTable);
  EXPECT_EQ(ErrorClass("SHOW GRANTS"), "UNSUPPORTED_STATEMENT");
}

TEST(CommandParser, TableValuedFunctions) {
  auto s = Parse("SELECT * FROM read_files('/data', format => 'csv', header => true) AS f");
  ASSERT_NE(s.query, nullptr);
  EXPECT_EQ(ErrorClass("SELECT * FROM read_files(format => 'csv', '/data')"), "UNEXPECTED_POSITIONAL_ARGUMENT");
}

}  // namespace
}  // namespace tarn::sql
