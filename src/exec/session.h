// A SQL session: parses, analyzes, optimizes and executes statements, and holds what lives
// between them (temporary views, SET options). This is the entry point the CLI (and later the
// Python package and the Spark Connect server) use.
//
// Thread safety: one statement at a time per Session.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <arrow/result.h>
#include <arrow/type_fwd.h>

#include "exec/command_context.h"
#include "sql/functions/function_registry.h"
#include "sql/plan/statement.h"

namespace tarn::exec {

class SessionCatalog;
class SessionRelations;

struct StatementResult {
  std::shared_ptr<arrow::Table> table;  // rows, or nullptr for a statement that returns none
  std::string statement;                // the statement's text
  double elapsed_seconds = 0;
};

struct SessionOptions {
  // Workspace folder holding the metastore, managed tables and volumes; empty = $TARN_HOME,
  // else ./tarn-workspace.
  std::string home;
};

class Session {
 public:
  static arrow::Result<std::unique_ptr<Session>> Make(const SessionOptions& options = {});
  ~Session();

  // Runs every statement of a script in order, stopping at the first error.
  arrow::Result<std::vector<StatementResult>> ExecuteScript(std::string_view sql);
  arrow::Result<StatementResult> Execute(const sql::Statement& statement);

  // Text of SET options, e.g. "spark.sql.session.timeZone".
  std::string Option(const std::string& key) const;

  // Makes Arrow data queryable under a one-part name, as a temporary view is (replacing any
  // temporary view or registration of that name). The table is shared, not copied.
  void RegisterTable(const std::string& name, std::shared_ptr<arrow::Table> table);
  // False when no table was registered under that name.
  bool UnregisterTable(const std::string& name);

 private:
  Session() = default;
  CommandContext MakeCommandContext();
  arrow::Result<std::shared_ptr<arrow::Table>> ExecuteCommand(const sql::Statement& statement);
  arrow::Result<sql::PlanPtr> Analyze(const sql::PlanPtr& plan);

  arrow::Result<std::shared_ptr<arrow::Table>> RunQuery(const sql::PlanPtr& plan);
  arrow::Result<std::shared_ptr<arrow::Table>> Explain(const sql::Statement& statement);
  arrow::Result<std::shared_ptr<arrow::Table>> ShowFunctions(const sql::Statement& statement);
  arrow::Result<std::shared_ptr<arrow::Table>> DescribeFunction(const sql::Statement& statement);
  arrow::Result<std::shared_ptr<arrow::Table>> DescribeQuery(const sql::Statement& statement);
  arrow::Result<std::shared_ptr<arrow::Table>> SetOption(const sql::Statement& statement);
  arrow::Status CreateTempView(const sql::Statement& statement);
  arrow::Status CreateTempFunction(const sql::Statement& statement);
  arrow::Status DropTempFunction(const sql::Statement& statement);
  sql::BindContext NewContext() const;

  std::shared_ptr<const sql::SparkFunctionRegistry> functions_;
  std::unique_ptr<SessionCatalog> catalog_;
  std::unique_ptr<SessionRelations> relations_;
  std::map<std::string, std::string> options_;
};

}  // namespace tarn::exec
