#include "exec/session.h"

#include <algorithm>
#include <chrono>
#include <sstream>

#include <arrow/api.h>

#include "errors/error_class.h"
#include "exec/catalog_commands.h"
#include "exec/copy_into_command.h"
#include "exec/describe_commands.h"
#include "exec/physical_planner.h"
#include "exec/row_change_commands.h"
#include "exec/session_catalog.h"
#include "exec/session_relations.h"
#include "exec/sql_functions.h"
#include "catalog/metastore.h"
#include "exec/row_change_commands.h"
#include "exec/table_commands.h"
#include "exec/table_sources.h"
#include "sql/analyzer/analyzer.h"
#include "sql/optimizer/optimizer.h"
#include "sql/parser/parser.h"
#include "sql/plan/identifier.h"
#include "sql/plan/data_type.h"

namespace tarn::exec {

namespace {


std::shared_ptr<arrow::Table> StringTable(const std::vector<std::string>& names,
                                          const std::vector<std::vector<std::string>>& rows) {
  arrow::FieldVector fields;
  arrow::ArrayVector arrays;
  for (size_t c = 0; c < names.size(); ++c) {
    arrow::StringBuilder b;
    for (const auto& r : rows) {
      if (!b.Append(r[c]).ok()) return nullptr;
    }
    std::shared_ptr<arrow::Array> a;
    if (!b.Finish(&a).ok()) return nullptr;
    fields.push_back(arrow::field(names[c], arrow::utf8(), false));
    arrays.push_back(a);
  }
  return arrow::Table::Make(arrow::schema(fields), arrays, static_cast<int64_t>(rows.size()));
}

// Spark's SHOW FUNCTIONS LIKE pattern: '*' any characters, '|' alternatives, case-insensitive.
bool MatchesPattern(const std::string& name, const std::string& pattern) {
  std::stringstream alternatives(pattern);
  std::string alt;
  while (std::getline(alternatives, alt, '|')) {
    alt = sql::AsciiLower(alt);
    alt.erase(0, alt.find_first_not_of(' '));
    alt.erase(alt.find_last_not_of(' ') + 1);
    // Glob match with '*' (and SQL's '%' / '_' as Spark also accepts).
    std::function<bool(size_t, size_t)> match = [&](size_t i, size_t j) -> bool {
      if (j == alt.size()) return i == name.size();
      if (alt[j] == '*' || alt[j] == '%') {
        for (size_t k = i; k <= name.size(); ++k) {
          if (match(k, j + 1)) return true;
        }
        return false;
      }
      if (i < name.size() && (alt[j] == '_' || alt[j] == '.' || alt[j] == name[i])) return match(i + 1, j + 1);
      return false;
    };
    if (match(0, 0)) return true;
  }
  return false;
}

}  // namespace

// Temporary views of this session and tables by path.
Session::~Session() = default;

arrow::Result<std::unique_ptr<Session>> Session::Make(const SessionOptions& options) {
  std::unique_ptr<Session> session(new Session());
  ARROW_ASSIGN_OR_RAISE(session->functions_, sql::SparkFunctionRegistry::Make());
  session->catalog_ = std::make_unique<SessionCatalog>(options.home);
  Session* self = session.get();
  session->relations_ = std::make_unique<SessionRelations>(*session->functions_, *session->catalog_,
                                                           [self] { return self->NewContext(); });
  session->options_["spark.sql.session.timeZone"] = "UTC";
  session->options_["spark.sql.ansi.enabled"] = "true";
  return session;
}

void Session::RegisterTable(const std::string& name, std::shared_ptr<arrow::Table> table) {
  const std::string key = sql::AsciiLower(name);
  relations_->views.erase(key);  // the newest registration or view of a name wins
  relations_->registered[key] = std::make_shared<InMemoryTableSource>(name, std::move(table));
}

bool Session::UnregisterTable(const std::string& name) {
  return relations_->registered.erase(sql::AsciiLower(name)) > 0;
}

std::string Session::Option(const std::string& key) const {
  auto it = options_.find(key);
  return it == options_.end() ? "" : it->second;
}

sql::BindContext Session::NewContext() const {
  sql::BindContext ctx;
  ctx.time_zone = Option("spark.sql.session.timeZone");
  ctx.ansi = sql::AsciiLower(Option("spark.sql.ansi.enabled")) != "false";
  ctx.current_catalog = catalog_->current_catalog();
  ctx.current_schema = catalog_->current_schema();
  ctx.statement_time_micros = std::chrono::duration_cast<std::chrono::microseconds>(
                                  std::chrono::system_clock::now().time_since_epoch())
                                  .count();
  return ctx;
}

arrow::Result<std::vector<StatementResult>> Session::ExecuteScript(std::string_view text) {
  ARROW_ASSIGN_OR_RAISE(auto statements, sql::ParseScript(text));
  std::vector<StatementResult> results;
  for (const auto& s : statements) {
    ARROW_ASSIGN_OR_RAISE(auto r, Execute(s));
    results.push_back(std::move(r));
  }
  return results;
}

arrow::Result<std::shared_ptr<arrow::Table>> Session::RunQuery(const sql::PlanPtr& plan) {
  auto ctx = NewContext();
  sql::Analyzer analyzer(*functions_, *relations_, ctx);
  ARROW_ASSIGN_OR_RAISE(auto resolved, analyzer.Analyze(plan));
  sql::Optimizer optimizer(*functions_, ctx);
  ARROW_ASSIGN_OR_RAISE(auto optimized, optimizer.Optimize(resolved));
  PhysicalPlanner planner(*functions_, ctx);
  auto result = planner.Execute(optimized);
  if (!result.ok()) return WithSparkErrorClass(result.status());
  return result;
}

arrow::Result<sql::PlanPtr> Session::Analyze(const sql::PlanPtr& plan) {
  sql::Analyzer analyzer(*functions_, *relations_, NewContext());
  return analyzer.Analyze(plan);
}

CommandContext Session::MakeCommandContext() {
  return CommandContext{*functions_,
                        *relations_,
                        *catalog_,
                        NewContext(),
                        options_,
                        [this](const sql::PlanPtr& plan) { return RunQuery(plan); },
                        [this](const sql::PlanPtr& plan) { return Analyze(plan); }};
}

arrow::Result<std::shared_ptr<arrow::Table>> Session::ExecuteCommand(const sql::Statement& statement) {
  auto ctx = MakeCommandContext();
  TableCommands tables(ctx);
  CatalogCommands catalog(ctx);
  using Kind = sql::StatementKind;
  switch (statement.kind) {
    case Kind::kInsert: {
      ARROW_ASSIGN_OR_RAISE(auto target, catalog_->ResolveTarget(statement.table));
      return tables.Insert(statement, target);
    }
    case Kind::kTruncate: {
      ARROW_ASSIGN_OR_RAISE(auto target, catalog_->ResolveTarget(statement.table));
      return tables.Truncate(target);
    }
    case Kind::kDelete:
    case Kind::kUpdate:
    case Kind::kMerge: {
      ARROW_ASSIGN_OR_RAISE(auto target, catalog_->ResolveTarget(statement.table));
      RowChangeCommands rows(ctx);
      if (statement.kind == Kind::kDelete) return rows.Delete(statement, target);
      if (statement.kind == Kind::kUpdate) return rows.Update(statement, target);
      return rows.Merge(statement, target);
    }
    case Kind::kCopyInto: {
      ARROW_ASSIGN_OR_RAISE(auto target, catalog_->ResolveTarget(statement.table));
      return CopyInto(ctx, statement, target);
    }
    case Kind::kRestore: {
      ARROW_ASSIGN_OR_RAISE(auto target, catalog_->ResolveTarget(statement.table));
      return tables.Restore(statement, target);
    }
    case Kind::kCreateTable:
      if (!statement.table.path.empty()) {
        ARROW_ASSIGN_OR_RAISE(auto target, catalog_->ResolveTarget(statement.table));
        return tables.CreateTableAtPath(statement, target);
      }
      return catalog.Execute(statement);
    case Kind::kDescribeHistory: {
      ARROW_ASSIGN_OR_RAISE(auto target, catalog_->ResolveTarget(statement.table));
      return tables.DescribeHistory(statement, target);
    }
    case Kind::kDescribeDetail: {
      ARROW_ASSIGN_OR_RAISE(auto target, catalog_->ResolveTarget(statement.table));
      return tables.DescribeDetail(target);
    }
    case Kind::kOptimize: {
      ARROW_ASSIGN_OR_RAISE(auto target, catalog_->ResolveTarget(statement.table));
      return tables.Optimize(statement, target);
    }
    case Kind::kVacuum: {
      ARROW_ASSIGN_OR_RAISE(auto target, catalog_->ResolveTarget(statement.table));
      return tables.Vacuum(statement, target);
    }
    default:
      return catalog.Execute(statement);
  }
}

arrow::Result<StatementResult> Session::Execute(const sql::Statement& statement) {
  auto start = std::chrono::steady_clock::now();
  StatementResult result;
  result.statement = statement.text;
  switch (statement.kind) {
    case sql::StatementKind::kQuery:
    {
        ARROW_ASSIGN_OR_RAISE(result.table, RunQuery(statement.query));
    }
      break;
    case sql::StatementKind::kExplain:
    {
        ARROW_ASSIGN_OR_RAISE(result.table, Explain(statement));
    }
      break;
    case sql::StatementKind::kShowFunctions:
    {
        ARROW_ASSIGN_OR_RAISE(result.table, ShowFunctions(statement));
    }
      break;
    case sql::StatementKind::kDescribeFunction:
    {
        ARROW_ASSIGN_OR_RAISE(result.table, DescribeFunction(statement));
    }
      break;
    case sql::StatementKind::kDescribeQuery:
    {
        ARROW_ASSIGN_OR_RAISE(result.table, DescribeQuery(statement));
    }
      break;
    case sql::StatementKind::kSetConfig:
    {
        ARROW_ASSIGN_OR_RAISE(result.table, SetOption(statement));
    }
      break;
    case sql::StatementKind::kCreateTempView:
    {
        ARROW_RETURN_NOT_OK(CreateTempView(statement));
    }
      break;
    case sql::StatementKind::kCreateObject:
      if (statement.object == sql::ObjectKind::kFunction && statement.create->temporary) {
        ARROW_RETURN_NOT_OK(CreateTempFunction(statement));
      } else {
        ARROW_ASSIGN_OR_RAISE(result.table, ExecuteCommand(statement));
      }
      break;
    case sql::StatementKind::kDropObject:
      if (statement.object == sql::ObjectKind::kFunction && statement.temporary) {
        ARROW_RETURN_NOT_OK(DropTempFunction(statement));
      } else {
        ARROW_ASSIGN_OR_RAISE(result.table, ExecuteCommand(statement));
      }
      break;
    case sql::StatementKind::kDropTempView: {
      // DROP VIEW v: the temporary view v when there is one, else the catalog's view.
      const std::string key = sql::AsciiLower(statement.name);
      if (statement.target.size() == 1 && relations_->views.erase(key) + relations_->registered.erase(key) > 0) break;
      auto drop = statement;
      drop.kind = sql::StatementKind::kDropObject;
      ARROW_ASSIGN_OR_RAISE(result.table, ExecuteCommand(drop));
      break;
    }
    default:
      ARROW_ASSIGN_OR_RAISE(result.table, ExecuteCommand(statement));
      break;
  }
  result.elapsed_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

arrow::Status Session::CreateTempView(const sql::Statement& statement) {
  const std::string key = sql::AsciiLower(statement.name);
  if (relations_->views.count(key)) {
    if (statement.if_exists) return arrow::Status::OK();  // IF NOT EXISTS
    if (!statement.or_replace) {
      return UserError("TEMP_TABLE_OR_VIEW_ALREADY_EXISTS",
                       "Cannot create the temporary view `{}` because it already exists.", statement.name);
    }
  }
  sql::PlanPtr body = statement.query;
  if (!statement.column_names.empty()) {
    body = sql::MakeAlias(body, statement.name, statement.column_names);
  }
  // Resolve once now so that a broken view fails at CREATE, as in Spark.
  auto ctx = NewContext();
  sql::Analyzer analyzer(*functions_, *relations_, ctx);
  ARROW_RETURN_NOT_OK(analyzer.Analyze(body).status());
  relations_->registered.erase(key);
  relations_->views[key] = body;
  return arrow::Status::OK();
}

arrow::Status Session::CreateTempFunction(const sql::Statement& statement) {
  const auto& spec = *statement.create;
  if (statement.target.size() != 1) {
    return UserError("INVALID_SQL_SYNTAX.CREATE_TEMP_FUNC_WITH_DATABASE",
                     "CREATE TEMPORARY FUNCTION with database name {} is not allowed.",
                     QuoteNameParts(statement.target));
  }
  const std::string key = sql::AsciiLower(statement.target[0]);
  if (relations_->temp_functions.count(key)) {
    if (spec.if_not_exists) return arrow::Status::OK();
    if (!spec.or_replace) {
      return UserError("ROUTINE_ALREADY_EXISTS",
                       "Cannot create the function `{}` because a function of that name already exists. Choose a "
                       "different name, drop or replace the existing function, or add the IF NOT EXISTS clause to "
                       "tolerate a pre-existing function.",
                       key);
    }
  }
  auto info = FunctionInfoOf(spec, {"system", "session", key});
  info.created_at = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
  // Resolve the body now so that a broken function fails at CREATE.
  ARROW_ASSIGN_OR_RAISE(auto function, SqlFunctionOf(info, {key}));
  sql::Analyzer analyzer(*functions_, *relations_, NewContext());
  ARROW_RETURN_NOT_OK(analyzer.CheckFunction(*function));
  relations_->temp_functions[key] = std::move(info);
  return arrow::Status::OK();
}

arrow::Status Session::DropTempFunction(const sql::Statement& statement) {
  const std::string key = statement.target.size() == 1 ? sql::AsciiLower(statement.target[0]) : "";
  if (relations_->temp_functions.erase(key) > 0 || statement.if_exists) return arrow::Status::OK();
  return UserError("ROUTINE_NOT_FOUND",
                   "The routine {} cannot be found. Verify the spelling and correctness of the schema and catalog.",
                   QuoteNameParts(statement.target));
}

arrow::Result<std::shared_ptr<arrow::Table>> Session::Explain(const sql::Statement& statement) {
  auto ctx = NewContext();
  sql::Analyzer analyzer(*functions_, *relations_, ctx);
  ARROW_ASSIGN_OR_RAISE(auto resolved, analyzer.Analyze(statement.query));
  sql::Optimizer optimizer(*functions_, ctx);
  ARROW_ASSIGN_OR_RAISE(auto optimized, optimizer.Optimize(resolved));
  PhysicalPlanner planner(*functions_, ctx);
  auto physical_or = planner.Explain(optimized);
  if (!physical_or.ok() && !statement.extended) return physical_or.status();
  std::string physical = physical_or.ok() ? *physical_or : "(cannot plan: " + physical_or.status().ToString() + ")\n";
  std::string text;
  if (statement.extended) {
    text += "== Parsed Logical Plan ==\n" + sql::ToString(*statement.query) + "\n";
    text += "== Analyzed Logical Plan ==\n" + sql::ToString(*resolved) + "\n";
    text += "== Optimized Logical Plan ==\n" + sql::ToString(*optimized) + "\n";
  }
  text += "== Physical Plan ==\n" + physical;
  return StringTable({"plan"}, {{text}});
}

arrow::Result<std::shared_ptr<arrow::Table>> Session::ShowFunctions(const sql::Statement& statement) {
  // SHOW [USER | SYSTEM | ALL] FUNCTIONS: user functions are the temporary ones (by name) and
  // those of the current schema (qualified), as Spark lists them.
  const bool user = statement.name != "system";
  const bool system = statement.name != "user";
  auto matches = [&](const std::string& name) {
    return statement.pattern.empty() || MatchesPattern(name, statement.pattern);
  };
  std::vector<std::vector<std::string>> rows;
  if (system) {
    for (const auto& f : functions_->List()) {
      if (matches(f.name)) rows.push_back({f.name});
    }
  }
  if (user) {
    for (const auto& [name, info] : relations_->temp_functions) {
      if (matches(name)) rows.push_back({name});
    }
    ARROW_ASSIGN_OR_RAISE(auto store, catalog_->metastore());
    ARROW_ASSIGN_OR_RAISE(auto list, store->ListFunctions({catalog_->current_catalog(), catalog_->current_schema()}));
    for (const auto& f : list) {
      if (matches(f.name.name)) rows.push_back({f.name.catalog + "." + f.name.schema + "." + f.name.name});
    }
  }
  std::sort(rows.begin(), rows.end());
  return StringTable({"function"}, rows);
}

arrow::Result<std::shared_ptr<arrow::Table>> Session::DescribeFunction(const sql::Statement& statement) {
  std::vector<std::string> parts;
  {
    std::stringstream name(statement.name);
    std::string part;
    while (std::getline(name, part, '.')) parts.push_back(part);
  }
  const auto* info = parts.size() == 1 ? functions_->Find(sql::AsciiLower(statement.name)) : nullptr;
  if (!info) {
    ARROW_ASSIGN_OR_RAISE(auto found, relations_->FindFunctionInfo(parts));
    if (found) {
      std::vector<std::vector<std::string>> rows;
      std::string display;
      for (const auto& p : found->qualified_name) display += (display.empty() ? "" : ".") + p;
      for (auto& line : DescribeSqlFunction(found->info, display, statement.extended)) rows.push_back({line});
      return StringTable({"function_desc"}, rows);
    }
    return UserError("UNRESOLVED_ROUTINE",
                     "Cannot resolve routine `{}` on search path [`system`.`builtin`, `system`.`session`, "
                     "`{}`.`{}`].",
                     statement.name, catalog_->current_catalog(), catalog_->current_schema());
  }
  std::vector<std::vector<std::string>> rows = {{"Function: " + info->name},
                                                {"Class: tarn.builtin." + info->name},
                                                {"Usage: " + info->usage}};
  if (statement.extended) {
    std::string extended = "Extended Usage:";
    if (!info->arguments.empty()) extended += "\n    Arguments:\n" + info->arguments;
    if (!info->examples.empty()) extended += "\n    Examples:\n" + info->examples;
    if (!info->since.empty()) extended += "\n    Since: " + info->since;
    rows.push_back({extended});
  }
  return StringTable({"function_desc"}, rows);
}

arrow::Result<std::shared_ptr<arrow::Table>> Session::DescribeQuery(const sql::Statement& statement) {
  // DESCRIBE [TABLE] t of a Delta table shows its column comments and partitioning; temporary
  // views, other views and files by path are described as the query they are.
  const auto& ref = statement.table;
  const bool names_table = !ref.name.empty() || !ref.path.empty();
  const bool temporary = ref.name.size() == 1 && ref.path.empty() &&
                         (relations_->views.count(sql::AsciiLower(ref.name[0])) ||
                          relations_->registered.count(sql::AsciiLower(ref.name[0])));
  if (names_table && !temporary && !ref.version && !ref.timestamp) {
    auto target = catalog_->ResolveTarget(ref);
    if (target.ok()) {
      auto ctx = MakeCommandContext();
      return DescribeCommands(ctx).DescribeTable(statement, *target);
    }
  }
  auto ctx = NewContext();
  sql::Analyzer analyzer(*functions_, *relations_, ctx);
  ARROW_ASSIGN_OR_RAISE(auto resolved, analyzer.Analyze(statement.query));
  std::vector<std::vector<std::string>> rows;
  for (const auto& a : resolved->output) rows.push_back({a.name, sql::SparkTypeName(*a.type), ""});
  auto table = StringTable({"col_name", "data_type", "comment"}, rows);
  return table;
}

arrow::Result<std::shared_ptr<arrow::Table>> Session::SetOption(const sql::Statement& statement) {
  if (statement.name.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& [k, v] : options_) rows.push_back({k, v});
    return StringTable({"key", "value"}, rows);
  }
  if (!statement.value.empty()) {
    std::string value = statement.value;
    if (statement.name == "spark.sql.session.timeZone") {
      // 'UTC', UTC, or an offset/zone name; kept as written without quotes.
      if (value.size() >= 2 && (value.front() == '\'' || value.front() == '"')) value = value.substr(1, value.size() - 2);
    }
    options_[statement.name] = value;
  }
  auto it = options_.find(statement.name);
  return StringTable({"key", "value"}, {{statement.name, it == options_.end() ? "<undefined>" : it->second}});
}

}  // namespace tarn::exec
