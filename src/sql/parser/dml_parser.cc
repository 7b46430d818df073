// Data changes and table maintenance: INSERT, DELETE, UPDATE, MERGE INTO, TRUNCATE, RESTORE,
// OPTIMIZE, VACUUM and COPY INTO.
#include <fmt/format.h>

#include "errors/error_class.h"
#include "sql/parser/parser_internal.h"

namespace tarn::sql::parser_internal {

arrow::Status SqlParser::ParseTarget(Statement* statement) {
  if (!IsIdentifierToken()) return SyntaxError();
  ARROW_ASSIGN_OR_RAISE(auto relation, ParseTableReference());
  statement->table = relation->table;
  statement->target = relation->table.name;
  return arrow::Status::OK();
}

std::string SqlParser::ParseOptionalAlias(std::initializer_list<std::string_view> stop_words) {
  if (IsKeyword("as") && IsIdentifierToken(1)) {
    Next();
    return Next().text;
  }
  if (!IsIdentifierToken()) return "";
  if (Peek().kind == Token::Kind::kWord) {
    for (std::string_view word : stop_words) {
      if (IsKeyword(word)) return "";
    }
  }
  return Next().text;
}

arrow::Result<std::vector<std::pair<std::vector<std::string>, ExprPtr>>> SqlParser::ParseAssignments() {
  std::vector<std::pair<std::vector<std::string>, ExprPtr>> assignments;
  do {
    ARROW_ASSIGN_OR_RAISE(auto column, ParseMultipartName());
    ARROW_RETURN_NOT_OK(ExpectSymbol("="));
    ExprPtr value;
    if (IsKeyword("default") && (IsSymbol(",", 1) || Peek(1).kind == Token::Kind::kEnd || IsKeyword("where", 1))) {
      return Unsupported(Peek(), "SET column = DEFAULT");
    }
    ARROW_ASSIGN_OR_RAISE(value, ParseExpr());
    assignments.emplace_back(std::move(column), std::move(value));
  } while (AcceptSymbol(","));
  return assignments;
}

arrow::Result<Statement> SqlParser::ParseInsert() {
  Next();  // INSERT
  Statement statement;
  statement.kind = StatementKind::kInsert;
  auto spec = std::make_shared<InsertSpec>();
  if (AcceptKeyword("overwrite")) {
    spec->overwrite = true;
  } else {
    ARROW_RETURN_NOT_OK(ExpectKeyword("into"));
  }
  AcceptKeyword("table");
  ARROW_RETURN_NOT_OK(ParseTarget(&statement));
  if (AcceptKeyword("partition")) {
    ARROW_RETURN_NOT_OK(ExpectSymbol("("));
    do {
      ARROW_ASSIGN_OR_RAISE(auto column, ParseIdentifier());
      ExprPtr value;
      if (AcceptSymbol("=")) {
        ARROW_ASSIGN_OR_RAISE(value, ParseExpr());
      }
      spec->partition.emplace_back(std::move(column), std::move(value));
    } while (AcceptSymbol(","));
    ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
  }
  if (IsSymbol("(") && !StartsQuery(1) && !IsSymbol("(", 1)) {
    ARROW_ASSIGN_OR_RAISE(spec->columns, ParseIdentifierList());
  }
  if (AcceptKeywords("by", "name")) spec->by_name = true;
  if (AcceptKeyword("replace")) {
    if (AcceptKeyword("using")) return Unsupported(tokens_[pos_ - 1], "INSERT ... REPLACE USING");
    ARROW_RETURN_NOT_OK(ExpectKeyword("where"));
    ARROW_ASSIGN_OR_RAISE(spec->replace_where, ParseExprKeepingText(&spec->replace_where_text));
  }
  if (!StartsQuery()) return SyntaxError();
  ARROW_ASSIGN_OR_RAISE(spec->query, ParseQuery());
  statement.insert = std::move(spec);
  return statement;
}

arrow::Result<Statement> SqlParser::ParseDelete() {
  Next();  // DELETE
  ARROW_RETURN_NOT_OK(ExpectKeyword("from"));
  Statement statement;
  statement.kind = StatementKind::kDelete;
  ARROW_RETURN_NOT_OK(ParseTarget(&statement));
  auto spec = std::make_shared<DmlSpec>();
  spec->alias = ParseOptionalAlias({"where"});
  if (AcceptKeyword("where")) {
    ARROW_ASSIGN_OR_RAISE(spec->where, ParseExprKeepingText(&spec->where_text));
  }
  statement.dml = std::move(spec);
  return statement;
}

arrow::Result<Statement> SqlParser::ParseUpdate() {
  Next();  // UPDATE
  Statement statement;
  statement.kind = StatementKind::kUpdate;
  ARROW_RETURN_NOT_OK(ParseTarget(&statement));
  auto spec = std::make_shared<DmlSpec>();
  spec->alias = ParseOptionalAlias({"set"});
  ARROW_RETURN_NOT_OK(ExpectKeyword("set"));
  ARROW_ASSIGN_OR_RAISE(spec->assignments, ParseAssignments());
  if (AcceptKeyword("where")) {
    ARROW_ASSIGN_OR_RAISE(spec->where, ParseExprKeepingText(&spec->where_text));
  }
  statement.dml = std::move(spec);
  return statement;
}

arrow::Result<MergeClause> SqlParser::ParseMergeClause() {
  MergeClause clause;
  clause.position = Pos();
  ARROW_RETURN_NOT_OK(ExpectKeyword("when"));
  if (AcceptKeyword("matched")) {
    clause.match = MergeClause::Match::kMatched;
  } else {
    ARROW_RETURN_NOT_OK(ExpectKeyword("not"));
    ARROW_RETURN_NOT_OK(ExpectKeyword("matched"));
    clause.match = MergeClause::Match::kNotMatched;
    if (AcceptKeyword("by")) {
      if (AcceptKeyword("source")) {
        clause.match = MergeClause::Match::kNotMatchedBySource;
      } else {
        ARROW_RETURN_NOT_OK(ExpectKeyword("target"));
      }
    }
  }
  if (AcceptKeyword("and")) {
    ARROW_ASSIGN_OR_RAISE(clause.condition, ParseExpr());
  }
  ARROW_RETURN_NOT_OK(ExpectKeyword("then"));
  if (clause.match == MergeClause::Match::kNotMatched) {
    ARROW_RETURN_NOT_OK(ExpectKeyword("insert"));
    clause.action = MergeClause::Action::kInsert;
    if (AcceptSymbol("*")) {
      clause.star = true;
      return clause;
    }
    if (AcceptSymbol("(")) {
      do {
        ARROW_ASSIGN_OR_RAISE(auto column, ParseMultipartName());
        clause.insert_columns.push_back(std::move(column));
      } while (AcceptSymbol(","));
      ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
    }
    ARROW_RETURN_NOT_OK(ExpectKeyword("values"));
    ARROW_RETURN_NOT_OK(ExpectSymbol("("));
    ARROW_ASSIGN_OR_RAISE(clause.insert_values, ParseExpressionList());
    ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
    return clause;
  }
  if (AcceptKeyword("delete")) {
    clause.action = MergeClause::Action::kDelete;
    return clause;
  }
  ARROW_RETURN_NOT_OK(ExpectKeyword("update"));
  clause.action = MergeClause::Action::kUpdate;
  ARROW_RETURN_NOT_OK(ExpectKeyword("set"));
  if (AcceptSymbol("*")) {
    if (clause.match == MergeClause::Match::kNotMatchedBySource) return SyntaxErrorAtToken(tokens_[pos_ - 1]);
    clause.star = true;
    return clause;
  }
  ARROW_ASSIGN_OR_RAISE(clause.assignments, ParseAssignments());
  return clause;
}

arrow::Result<Statement> SqlParser::ParseMerge() {
  Next();  // MERGE
  Statement statement;
  statement.kind = StatementKind::kMerge;
  auto spec = std::make_shared<MergeSpec>();
  if (AcceptKeyword("with")) {
    ARROW_RETURN_NOT_OK(ExpectKeyword("schema"));
    ARROW_RETURN_NOT_OK(ExpectKeyword("evolution"));
    spec->schema_evolution = true;
  }
  ARROW_RETURN_NOT_OK(ExpectKeyword("into"));
  ARROW_RETURN_NOT_OK(ParseTarget(&statement));
  spec->target_alias = ParseOptionalAlias({"using"});
  ARROW_RETURN_NOT_OK(ExpectKeyword("using"));
  // The source: a table, a view or a parenthesised query, optionally aliased.
  PlanPtr source;
  if (IsSymbol("(")) {
    Next();
    ARROW_ASSIGN_OR_RAISE(source, ParseQuery());
    ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
  } else {
    ARROW_ASSIGN_OR_RAISE(source, ParseTableReference());
  }
  spec->source_alias = ParseOptionalAlias({"on"});
  if (!spec->source_alias.empty()) {
    // USING (VALUES ...) AS s(a, b): column aliases too.
    std::vector<std::string> columns;
    if (IsSymbol("(")) {
      ARROW_ASSIGN_OR_RAISE(columns, ParseIdentifierList());
    }
    source = MakeAlias(source, spec->source_alias, std::move(columns));
  } else if (source->kind == PlanKind::kRelation && !source->table.name.empty()) {
    spec->source_alias = source->table.name.back();
  }
  spec->source = std::move(source);
  ARROW_RETURN_NOT_OK(ExpectKeyword("on"));
  ARROW_ASSIGN_OR_RAISE(spec->on, ParseExpr());
  if (!IsKeyword("when")) return SyntaxError();
  while (IsKeyword("when")) {
    ARROW_ASSIGN_OR_RAISE(auto clause, ParseMergeClause());
    spec->clauses.push_back(std::move(clause));
  }
  statement.merge = std::move(spec);
  return statement;
}

arrow::Result<Statement> SqlParser::ParseTruncate() {
  Next();  // TRUNCATE
  ARROW_RETURN_NOT_OK(ExpectKeyword("table"));
  Statement statement;
  statement.kind = StatementKind::kTruncate;
  ARROW_RETURN_NOT_OK(ParseTarget(&statement));
  if (IsKeyword("partition")) return Unsupported(Peek(), "TRUNCATE TABLE ... PARTITION");
  return statement;
}

arrow::Result<Statement> SqlParser::ParseRestore() {
  Next();  // RESTORE
  AcceptKeyword("table");
  Statement statement;
  statement.kind = StatementKind::kRestore;
  ARROW_RETURN_NOT_OK(ParseTarget(&statement));
  if (statement.table.version || statement.table.timestamp) {
    // RESTORE t VERSION AS OF 3 without TO: the table reference took the time travel clause.
    auto spec = std::make_shared<MaintenanceSpec>();
    spec->version = statement.table.version;
    spec->timestamp = statement.table.timestamp;
    statement.table.version.reset();
    statement.table.timestamp.reset();
    statement.maintenance = std::move(spec);
    return statement;
  }
  AcceptKeyword("to");
  auto spec = std::make_shared<MaintenanceSpec>();
  if (AcceptKeyword("version")) {
    ARROW_RETURN_NOT_OK(ExpectKeyword("as"));
    ARROW_RETURN_NOT_OK(ExpectKeyword("of"));
    if (Peek().kind != Token::Kind::kNumber) return SyntaxError();
    spec->version = std::stoll(Next().text);
  } else {
    ARROW_RETURN_NOT_OK(ExpectKeyword("timestamp"));
    ARROW_RETURN_NOT_OK(ExpectKeyword("as"));
    ARROW_RETURN_NOT_OK(ExpectKeyword("of"));
    ARROW_ASSIGN_OR_RAISE(auto ts, ParseStringLiteral());
    spec->timestamp = std::move(ts);
  }
  statement.maintenance = std::move(spec);
  return statement;
}

arrow::Result<Statement> SqlParser::ParseOptimize() {
  Next();  // OPTIMIZE
  Statement statement;
  statement.kind = StatementKind::kOptimize;
  ARROW_RETURN_NOT_OK(ParseTarget(&statement));
  auto spec = std::make_shared<MaintenanceSpec>();
  if (AcceptKeyword("where")) {
    ARROW_ASSIGN_OR_RAISE(spec->where, ParseExprKeepingText(&spec->where_text));
  }
  if (AcceptKeyword("zorder")) {
    ARROW_RETURN_NOT_OK(ExpectKeyword("by"));
    ARROW_ASSIGN_OR_RAISE(auto columns, ParseColumnPathList());
    for (const auto& c : columns) {
      std::string name;
      for (const auto& p : c) name += (name.empty() ? "" : ".") + p;
      spec->zorder_by.push_back(std::move(name));
    }
  }
  if (AcceptKeyword("full")) spec->full = true;
  statement.maintenance = std::move(spec);
  return statement;
}

arrow::Result<Statement> SqlParser::ParseVacuum() {
  Next();  // VACUUM
  Statement statement;
  statement.kind = StatementKind::kVacuum;
  ARROW_RETURN_NOT_OK(ParseTarget(&statement));
  auto spec = std::make_shared<MaintenanceSpec>();
  for (;;) {
    if (AcceptKeyword("retain")) {
      if (Peek().kind != Token::Kind::kNumber) return SyntaxError();
      spec->retain_hours = std::stod(Next().text);
      ARROW_RETURN_NOT_OK(ExpectKeyword("hours"));
    } else if (AcceptKeyword("dry")) {
      ARROW_RETURN_NOT_OK(ExpectKeyword("run"));
      spec->dry_run = true;
    } else if (AcceptKeyword("lite")) {
      spec->lite = true;
    } else if (AcceptKeyword("full")) {
      spec->lite = false;
    } else {
      break;
    }
  }
  statement.maintenance = std::move(spec);
  return statement;
}

arrow::Result<Statement> SqlParser::ParseCopyInto() {
  Next();  // COPY
  ARROW_RETURN_NOT_OK(ExpectKeyword("into"));
  Statement statement;
  statement.kind = StatementKind::kCopyInto;
  ARROW_RETURN_NOT_OK(ParseTarget(&statement));
  auto spec = std::make_shared<CopyIntoSpec>();
  if (AcceptKeyword("by")) {
    ARROW_RETURN_NOT_OK(ExpectKeyword("position"));
  }
  ARROW_RETURN_NOT_OK(ExpectKeyword("from"));
  if (AcceptSymbol("(")) {
    // FROM (SELECT exprs FROM 'path'): the path is a string where a table would be.
    ARROW_RETURN_NOT_OK(ExpectKeyword("select"));
    ARROW_ASSIGN_OR_RAISE(auto exprs, ParseSelectList());
    ARROW_RETURN_NOT_OK(ExpectKeyword("from"));
    ARROW_ASSIGN_OR_RAISE(spec->path, ParseStringLiteral());
    TableReference source;
    source.format = "copy_source";
    source.path = spec->path;
    spec->select = MakeProject(MakeRelation(source), std::move(exprs));
    ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
  } else {
    ARROW_ASSIGN_OR_RAISE(spec->path, ParseStringLiteral());
  }
  for (;;) {
    if (AcceptKeyword("fileformat")) {
      ARROW_RETURN_NOT_OK(ExpectSymbol("="));
      ARROW_ASSIGN_OR_RAISE(auto format, ParseIdentifier());
      spec->file_format = AsciiLower(format);
    } else if (AcceptKeyword("files")) {
      ARROW_RETURN_NOT_OK(ExpectSymbol("="));
      ARROW_RETURN_NOT_OK(ExpectSymbol("("));
      do {
        ARROW_ASSIGN_OR_RAISE(auto file, ParseStringLiteral());
        spec->files.push_back(std::move(file));
      } while (AcceptSymbol(","));
      ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
    } else if (AcceptKeyword("pattern")) {
      ARROW_RETURN_NOT_OK(ExpectSymbol("="));
      ARROW_ASSIGN_OR_RAISE(spec->pattern, ParseStringLiteral());
    } else if (AcceptKeyword("format_options")) {
      ARROW_ASSIGN_OR_RAISE(spec->format_options, ParsePropertyList());
    } else if (AcceptKeyword("copy_options")) {
      ARROW_ASSIGN_OR_RAISE(spec->copy_options, ParsePropertyList());
    } else if (IsKeyword("validate") || IsKeyword("with")) {
      return Unsupported(Peek(), "COPY INTO ... " + AsciiLower(Peek().text));
    } else {
      break;
    }
  }
  if (spec->file_format.empty()) return ErrorAt(Peek(), "PARSE_SYNTAX_ERROR", "COPY INTO needs FILEFORMAT = ...");
  statement.copy_into = std::move(spec);
  return statement;
}

}  // namespace tarn::sql::parser_internal
