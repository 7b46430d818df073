// Statements: a query, EXPLAIN, SHOW FUNCTIONS, DESCRIBE, SET, CREATE TEMP VIEW, DROP VIEW.
#include <fmt/format.h>

#include "errors/error_class.h"
#include "sql/parser/parser_internal.h"

namespace tarn::sql::parser_internal {

namespace {

std::string JoinName(const std::vector<std::string>& parts) {
  std::string s;
  for (const auto& p : parts) s += (s.empty() ? "" : ".") + p;
  return s;
}

}  // namespace

bool SqlParser::StartsQuery(size_t ahead) const {
  return IsKeyword("select", ahead) || IsKeyword("with", ahead) || IsKeyword("values", ahead) ||
         IsKeyword("table", ahead) || IsSymbol("(", ahead);
}

arrow::Status SqlParser::Unsupported(const Token& at, const std::string& what) const {
  return ErrorAt(at, "UNSUPPORTED_STATEMENT", fmt::format("The statement {} is not supported yet.", what));
}

arrow::Result<Statement> SqlParser::ParseStatement() {
  Statement statement;
  if (AtEnd()) return SyntaxError();
  if (StartsQuery()) {
    ARROW_ASSIGN_OR_RAISE(statement.query, ParseQuery());
  } else if (IsKeyword("explain")) {
    ARROW_ASSIGN_OR_RAISE(statement, ParseExplain());
  } else if (IsKeyword("show") && (IsKeyword("functions", 1) || IsKeyword("functions", 2))) {
    ARROW_ASSIGN_OR_RAISE(statement, ParseShowFunctions());
  } else if (IsKeyword("describe") || IsKeyword("desc")) {
    ARROW_ASSIGN_OR_RAISE(statement, ParseDescribe());
  } else if (IsKeyword("set")) {
    return ParseSet();  // takes the rest of the statement as raw text
  } else if (IsKeyword("create")) {
    ARROW_ASSIGN_OR_RAISE(statement, ParseCreate());
  } else if (IsKeyword("drop")) {
    ARROW_ASSIGN_OR_RAISE(statement, ParseDrop());
  } else {
    // Statements Spark has and tarn does not run yet, named by their first words.
    static constexpr std::string_view kKnown[] = {
        "insert", "update", "delete", "merge",   "alter",  "use",     "show",  "cache",  "uncache",
        "analyze", "refresh", "optimize", "vacuum", "truncate", "reset", "add", "list", "msck",
        "comment", "grant",  "revoke", "load",    "clear",  "restore", "convert", "fsck", "generate",
        "call",   "declare", "execute", "begin",  "commit", "rollback", "replace", "repair"};
    for (std::string_view word : kKnown) {
      if (IsKeyword(word)) {
        std::string what = AsciiLower(Peek().text);
        if (IsIdentifierToken(1) && Peek(1).kind == Token::Kind::kWord) what += " " + AsciiLower(Peek(1).text);
        for (auto& c : what) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return Unsupported(Peek(), what);
      }
    }
    return SyntaxError();
  }
  ARROW_RETURN_NOT_OK(ExpectEnd());
  return statement;
}

arrow::Result<Statement> SqlParser::ParseExplain() {
  Next();  // EXPLAIN
  Statement statement;
  statement.kind = StatementKind::kExplain;
  for (std::string_view mode : {"extended", "formatted", "codegen", "cost", "logical"}) {
    if (AcceptKeyword(mode)) {
      statement.name = std::string(mode);
      statement.extended = mode == "extended";
      break;
    }
  }
  if (!StartsQuery()) {
    if (AtEnd()) return SyntaxError();
    return Unsupported(Peek(), "EXPLAIN of a non-query statement");
  }
  ARROW_ASSIGN_OR_RAISE(statement.query, ParseQuery());
  return statement;
}

arrow::Result<Statement> SqlParser::ParseShowFunctions() {
  Next();  // SHOW
  Statement statement;
  statement.kind = StatementKind::kShowFunctions;
  for (std::string_view scope : {"user", "system", "all"}) {
    if (AcceptKeyword(scope)) {
      statement.name = std::string(scope);
      break;
    }
  }
  ARROW_RETURN_NOT_OK(ExpectKeyword("functions"));
  if (AcceptKeyword("from") || AcceptKeyword("in")) ARROW_RETURN_NOT_OK(ParseMultipartName().status());
  const bool like = AcceptKeyword("like");
  if (Peek().kind == Token::Kind::kString) {
    statement.pattern = Next().text;
  } else if (IsIdentifierToken()) {
    ARROW_ASSIGN_OR_RAISE(auto name, ParseMultipartName());
    statement.pattern = JoinName(name);
  } else if (like) {
    return SyntaxError();
  }
  return statement;
}

arrow::Result<Statement> SqlParser::ParseDescribe() {
  Next();  // DESCRIBE / DESC
  Statement statement;
  if (AcceptKeyword("function")) {
    statement.kind = StatementKind::kDescribeFunction;
    statement.extended = AcceptKeyword("extended");
    const Token& t = Peek();
    if (t.kind == Token::Kind::kString || t.kind == Token::Kind::kSymbol) {
      if (t.kind == Token::Kind::kSymbol && (t.text == ";" || t.text == "(" || t.text == ")")) return SyntaxError();
      statement.name = Next().text;
    } else {
      ARROW_ASSIGN_OR_RAISE(auto name, ParseMultipartName());
      statement.name = JoinName(name);
    }
    return statement;
  }
  statement.kind = StatementKind::kDescribeQuery;
  if (AcceptKeyword("query")) {
    ARROW_ASSIGN_OR_RAISE(statement.query, ParseQuery());
    return statement;
  }
  if (StartsQuery() && !IsKeyword("table")) {
    ARROW_ASSIGN_OR_RAISE(statement.query, ParseQuery());
    return statement;
  }
  AcceptKeyword("table");
  if (AcceptKeyword("extended") || AcceptKeyword("formatted")) statement.extended = true;
  if (!IsIdentifierToken()) return SyntaxError();
  ARROW_ASSIGN_OR_RAISE(statement.query, ParseTableReference());
  if (!AtEnd() && !IsSymbol(";")) return Unsupported(Peek(), "DESCRIBE of a column or partition");
  return statement;
}

arrow::Result<Statement> SqlParser::ParseSet() {
  Next();  // SET
  Statement statement;
  statement.kind = StatementKind::kSetConfig;
  if (AcceptKeywords("time", "zone")) {
    statement.name = "spark.sql.session.timeZone";
    if (Peek().kind == Token::Kind::kString) {
      statement.value = Next().text;
    } else if (AcceptKeyword("local")) {
      statement.value = "";
    } else {
      return SyntaxError();
    }
    ARROW_RETURN_NOT_OK(ExpectEnd());
    return statement;
  }
  // Raw text: SET key = value keeps both sides as written (trimmed), as Spark does.
  size_t eq = pos_;
  for (; tokens_[eq].kind != Token::Kind::kEnd; ++eq) {
    if (tokens_[eq].kind == Token::Kind::kSymbol && tokens_[eq].text == "=") break;
  }
  const size_t end = tokens_.size() - 1;  // the kEnd token
  if (eq > pos_) statement.name = std::string(SourceText(tokens_[pos_], tokens_[eq - 1]));
  if (tokens_[eq].kind != Token::Kind::kEnd) {
    if (eq == pos_) return SyntaxErrorAtToken(tokens_[eq]);
    if (eq + 1 < end) statement.value = std::string(SourceText(tokens_[eq + 1], tokens_[end - 1]));
  }
  pos_ = end;
  return statement;
}

arrow::Result<Statement> SqlParser::ParseCreate() {
  const Token& create = Next();
  Statement statement;
  statement.kind = StatementKind::kCreateTempView;
  if (AcceptKeywords("or", "replace")) statement.or_replace = true;
  AcceptKeyword("global");
  const bool temporary = AcceptKeyword("temporary") || AcceptKeyword("temp");
  if (!IsKeyword("view")) {
    std::string what = "CREATE";
    for (std::string_view object : {"table", "schema", "database", "function", "catalog", "index"}) {
      if (IsKeyword(object) || (IsKeyword("external") && IsKeyword(object, 1))) {
        what += " " + std::string(object);
        break;
      }
    }
    for (auto& c : what) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return Unsupported(create, what);
  }
  Next();  // VIEW
  if (!temporary) return Unsupported(create, "CREATE VIEW (only temporary views are supported)");
  if (AcceptKeyword("if")) {
    ARROW_RETURN_NOT_OK(ExpectKeyword("not"));
    ARROW_RETURN_NOT_OK(ExpectKeyword("exists"));
    statement.if_exists = true;
  }
  ARROW_ASSIGN_OR_RAISE(auto name, ParseMultipartName());
  statement.name = JoinName(name);
  if (AcceptSymbol("(")) {
    do {
      ARROW_ASSIGN_OR_RAISE(auto column, ParseIdentifier());
      if (AcceptKeyword("comment")) {
        if (Peek().kind != Token::Kind::kString) return SyntaxError();
        Next();
      }
      statement.column_names.push_back(std::move(column));
    } while (AcceptSymbol(","));
    ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
  }
  if (AcceptKeyword("comment")) {
    if (Peek().kind != Token::Kind::kString) return SyntaxError();
    Next();
  }
  ARROW_RETURN_NOT_OK(ExpectKeyword("as"));
  if (!StartsQuery()) return SyntaxError();
  ARROW_ASSIGN_OR_RAISE(statement.query, ParseQuery());
  return statement;
}

arrow::Result<Statement> SqlParser::ParseDrop() {
  const Token& drop = Next();
  if (!IsKeyword("view")) {
    std::string what = "DROP";
    if (Peek().kind == Token::Kind::kWord) what += " " + Peek().text;
    for (auto& c : what) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return Unsupported(drop, what);
  }
  Next();  // VIEW
  Statement statement;
  statement.kind = StatementKind::kDropTempView;
  if (AcceptKeyword("if")) {
    ARROW_RETURN_NOT_OK(ExpectKeyword("exists"));
    statement.if_exists = true;
  }
  ARROW_ASSIGN_OR_RAISE(auto name, ParseMultipartName());
  statement.name = JoinName(name);
  return statement;
}

}  // namespace tarn::sql::parser_internal
