// Statements: dispatch on the first words; a query, EXPLAIN, SHOW FUNCTIONS, DESCRIBE, SET,
// CREATE (TEMP VIEW here, the rest in ddl_parser.cc), DROP.
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
  } else if (IsKeyword("replace") && IsKeyword("table", 1)) {
    const Token& first = Next();
    ARROW_ASSIGN_OR_RAISE(statement, ParseCreateTable(first, /*or_replace=*/false, /*replace=*/true));
  } else if (IsKeyword("drop")) {
    ARROW_ASSIGN_OR_RAISE(statement, ParseDrop());
  } else if (IsKeyword("alter")) {
    ARROW_ASSIGN_OR_RAISE(statement, ParseAlter());
  } else if (IsKeyword("use")) {
    ARROW_ASSIGN_OR_RAISE(statement, ParseUse());
  } else if (IsKeyword("show")) {
    ARROW_ASSIGN_OR_RAISE(statement, ParseShow());
  } else if (IsKeyword("comment") && IsKeyword("on", 1)) {
    ARROW_ASSIGN_OR_RAISE(statement, ParseCommentOn());
  } else if (IsKeyword("insert")) {
    ARROW_ASSIGN_OR_RAISE(statement, ParseInsert());
  } else if (IsKeyword("delete")) {
    ARROW_ASSIGN_OR_RAISE(statement, ParseDelete());
  } else if (IsKeyword("update")) {
    ARROW_ASSIGN_OR_RAISE(statement, ParseUpdate());
  } else if (IsKeyword("merge")) {
    ARROW_ASSIGN_OR_RAISE(statement, ParseMerge());
  } else if (IsKeyword("truncate")) {
    ARROW_ASSIGN_OR_RAISE(statement, ParseTruncate());
  } else if (IsKeyword("restore")) {
    ARROW_ASSIGN_OR_RAISE(statement, ParseRestore());
  } else if (IsKeyword("optimize")) {
    ARROW_ASSIGN_OR_RAISE(statement, ParseOptimize());
  } else if (IsKeyword("vacuum")) {
    ARROW_ASSIGN_OR_RAISE(statement, ParseVacuum());
  } else if (IsKeyword("copy") && IsKeyword("into", 1)) {
    ARROW_ASSIGN_OR_RAISE(statement, ParseCopyInto());
  } else {
    // Statements Spark has and tarn does not run yet, named by their first words.
    static constexpr std::string_view kKnown[] = {
        "cache",  "uncache", "analyze", "refresh", "reset",  "add",     "list",    "msck",   "comment",
        "grant",  "revoke",  "load",    "clear",   "convert", "fsck",  "generate", "call",  "declare",
        "execute", "begin",  "commit",  "rollback", "replace", "repair", "copy"};
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
  if (IsKeyword("catalog") || IsKeyword("schema") || IsKeyword("database") || IsKeyword("volume")) {
    statement.object = *AcceptObjectKind();
    return ParseDescribeObject(std::move(statement));
  }
  if (AcceptKeyword("detail")) {
    statement.kind = StatementKind::kDescribeDetail;
    ARROW_RETURN_NOT_OK(ParseTarget(&statement));
    return statement;
  }
  if (AcceptKeyword("history")) {
    statement.kind = StatementKind::kDescribeHistory;
    ARROW_RETURN_NOT_OK(ParseTarget(&statement));
    if (AcceptKeyword("limit")) {
      if (Peek().kind != Token::Kind::kNumber) return SyntaxError();
      statement.limit = std::stoll(Next().text);
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
  statement.table = statement.query->table;
  statement.target = statement.table.name;
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
  if (IsKeyword("table") || (IsKeyword("external") && IsKeyword("table", 1))) {
    return ParseCreateTable(create, statement.or_replace, /*replace=*/false);
  }
  if (IsKeyword("catalog") || IsKeyword("schema") || IsKeyword("database") || IsKeyword("volume") ||
      (IsKeyword("external") && IsKeyword("volume", 1))) {
    return ParseCreateObject(create, statement.or_replace);
  }
  AcceptKeyword("global");
  const bool temporary = AcceptKeyword("temporary") || AcceptKeyword("temp");
  if (AcceptKeyword("function")) return ParseCreateFunction(create, statement.or_replace, temporary);
  if (!IsKeyword("view")) {
    std::string what = "CREATE";
    if (IsKeyword("index")) what += " INDEX";
    return Unsupported(create, what);
  }
  if (!temporary) {
    Next();  // VIEW
    return ParseCreateView(create, statement.or_replace);
  }
  Next();  // VIEW
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
  Statement statement;
  statement.kind = StatementKind::kDropObject;
  statement.temporary = AcceptKeyword("temporary") || AcceptKeyword("temp");
  auto kind = AcceptObjectKind();
  if (!kind || *kind == ObjectKind::kColumn) {
    std::string what = "DROP";
    if (Peek().kind == Token::Kind::kWord) what += " " + Peek().text;
    for (auto& c : what) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return Unsupported(drop, what);
  }
  statement.object = *kind;
  // A one-part view name may be a temporary view, which the session drops first.
  if (*kind == ObjectKind::kView) statement.kind = StatementKind::kDropTempView;
  statement.if_exists = AcceptIfExists();
  ARROW_ASSIGN_OR_RAISE(statement.target, ParseMultipartName());
  statement.name = JoinName(statement.target);
  if (AcceptKeyword("cascade")) {
    statement.cascade = true;
  } else {
    AcceptKeyword("restrict");
  }
  AcceptKeyword("purge");
  return statement;
}

}  // namespace tarn::sql::parser_internal
