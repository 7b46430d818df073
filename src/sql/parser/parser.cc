// The public entry points, and the token helpers every part of the parser uses.
#include "sql/parser/parser.h"

#include <cctype>
#include <limits>

#include <fmt/format.h>

#include "errors/error_class.h"
#include "sql/parser/parser_internal.h"

namespace tarn::sql {

namespace parser_internal {

NestingGuard::NestingGuard(SqlParser& parser) : parser_(parser) {
  if (++parser_.nesting_ > kMaxNesting) {
    status_ = UserError("PARSE_SYNTAX_ERROR", "The statement is too deeply nested (more than {} levels).{}",
                        kMaxNesting, PositionSuffix(parser_.sql_, parser_.Peek().offset));
  }
}

const Token& SqlParser::Peek(size_t ahead) const {
  size_t i = pos_ + ahead;
  return i < tokens_.size() ? tokens_[i] : tokens_.back();
}

const Token& SqlParser::Next() {
  const Token& t = Peek();
  if (pos_ + 1 < tokens_.size()) ++pos_;
  return t;
}

bool SqlParser::IsKeyword(std::string_view keyword, size_t ahead) const {
  const Token& t = Peek(ahead);
  if (t.kind != Token::Kind::kWord || t.text.size() != keyword.size()) return false;
  for (size_t i = 0; i < keyword.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(t.text[i])) != keyword[i]) return false;
  }
  return true;
}

bool SqlParser::IsSymbol(std::string_view symbol, size_t ahead) const {
  const Token& t = Peek(ahead);
  return t.kind == Token::Kind::kSymbol && t.text == symbol;
}

bool SqlParser::AcceptKeyword(std::string_view keyword) {
  if (!IsKeyword(keyword)) return false;
  Next();
  return true;
}

bool SqlParser::AcceptKeywords(std::string_view first, std::string_view second) {
  if (!IsKeyword(first) || !IsKeyword(second, 1)) return false;
  Next();
  Next();
  return true;
}

bool SqlParser::AcceptSymbol(std::string_view symbol) {
  if (!IsSymbol(symbol)) return false;
  Next();
  return true;
}

arrow::Status SqlParser::ExpectKeyword(std::string_view keyword) {
  return AcceptKeyword(keyword) ? arrow::Status::OK() : SyntaxError();
}

arrow::Status SqlParser::ExpectSymbol(std::string_view symbol) {
  return AcceptSymbol(symbol) ? arrow::Status::OK() : SyntaxError();
}

arrow::Status SqlParser::ExpectEnd() {
  AcceptSymbol(";");
  return AtEnd() ? arrow::Status::OK() : SyntaxError();
}

arrow::Status SqlParser::SyntaxError() const { return SyntaxErrorAtToken(Peek()); }

arrow::Status SqlParser::SyntaxErrorAtToken(const Token& token) const {
  if (token.kind == Token::Kind::kEnd) return SyntaxErrorAt(sql_, token.offset, "", true);
  return SyntaxErrorAt(sql_, token.offset, sql_.substr(token.offset, token.end - token.offset));
}

arrow::Status SqlParser::ErrorAt(const Token& token, const std::string& error_class,
                                 const std::string& message) const {
  return UserError(error_class, "{}{}", message, PositionSuffix(sql_, token.offset));
}

std::string_view SqlParser::SourceText(const Token& first, const Token& last) const {
  if (last.end <= first.offset) return {};
  return sql_.substr(first.offset, last.end - first.offset);
}

bool SqlParser::IsIdentifierToken(size_t ahead) const {
  const Token& t = Peek(ahead);
  return t.kind == Token::Kind::kWord || t.kind == Token::Kind::kQuotedIdentifier;
}

arrow::Result<std::string> SqlParser::ParseIdentifier() {
  const Token& t = Peek();
  if (!IsIdentifierToken()) return SyntaxError();
  Next();
  return t.text;
}

arrow::Result<std::vector<std::string>> SqlParser::ParseMultipartName() {
  std::vector<std::string> parts;
  ARROW_ASSIGN_OR_RAISE(auto first, ParseIdentifier());
  parts.push_back(std::move(first));
  while (IsSymbol(".") && IsIdentifierToken(1)) {
    Next();
    ARROW_ASSIGN_OR_RAISE(auto part, ParseIdentifier());
    parts.push_back(std::move(part));
  }
  return parts;
}

arrow::Result<std::vector<std::string>> SqlParser::ParseIdentifierList() {
  ARROW_RETURN_NOT_OK(ExpectSymbol("("));
  std::vector<std::string> names;
  do {
    ARROW_ASSIGN_OR_RAISE(auto name, ParseIdentifier());
    names.push_back(std::move(name));
  } while (AcceptSymbol(","));
  ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
  return names;
}

arrow::Status SqlParser::EnterChain() {
  if (++chain_ > kMaxChain) {
    return UserError("PARSE_SYNTAX_ERROR", "The statement has too many chained operators (more than {}).{}",
                     kMaxChain, PositionSuffix(sql_, Peek().offset));
  }
  return arrow::Status::OK();
}

bool SqlParser::IsReservedForAlias(size_t ahead) const {
  static constexpr std::string_view kReserved[] = {
      "select", "from", "where", "group", "having", "order", "limit", "offset", "window", "qualify",
      "sort", "cluster", "distribute", "union", "intersect", "except", "minus", "join", "inner", "left",
      "right", "full", "cross", "semi", "anti", "natural", "on", "using", "lateral", "as", "when",
      "then", "else", "end", "into", "pivot", "unpivot", "tablesample", "for", "and", "or", "not",
      "is", "in", "like", "ilike", "rlike", "regexp", "between", "escape", "with"};
  if (Peek(ahead).kind != Token::Kind::kWord) return false;
  for (std::string_view word : kReserved) {
    if (IsKeyword(word, ahead)) return true;
  }
  return false;
}

}  // namespace parser_internal

namespace {

using parser_internal::SqlParser;

arrow::Status CheckSize(std::string_view sql) {
  if (sql.size() >= static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
    return arrow::Status::Invalid("SQL text too long");
  }
  return arrow::Status::OK();
}

}  // namespace

arrow::Result<std::vector<Statement>> ParseScript(std::string_view sql) {
  ARROW_RETURN_NOT_OK(CheckSize(sql));
  ARROW_ASSIGN_OR_RAISE(auto tokens, Lexer::Tokenize(sql));
  std::vector<Statement> statements;
  size_t start = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    const bool is_end = t.kind == Token::Kind::kEnd;
    if (!is_end && !(t.kind == Token::Kind::kSymbol && t.text == ";")) continue;
    if (i > start) {
      std::vector<Token> part(tokens.begin() + static_cast<std::ptrdiff_t>(start),
                              tokens.begin() + static_cast<std::ptrdiff_t>(i));
      const int32_t base = part.front().offset;
      const int32_t end = part.back().end;
      Token stop;
      stop.kind = Token::Kind::kEnd;
      stop.offset = stop.end = t.offset;
      part.push_back(stop);
      SqlParser parser(sql, std::move(part), base);
      ARROW_ASSIGN_OR_RAISE(auto statement, parser.ParseStatement());
      statement.position = base;
      statement.text = std::string(sql.substr(static_cast<size_t>(base), static_cast<size_t>(end - base)));
      statements.push_back(std::move(statement));
    }
    start = i + 1;
  }
  return statements;
}

arrow::Result<Statement> ParseStatement(std::string_view sql) {
  ARROW_ASSIGN_OR_RAISE(auto statements, ParseScript(sql));
  if (statements.size() == 1) return std::move(statements[0]);
  if (statements.empty()) return SyntaxErrorAt(sql, static_cast<int32_t>(sql.size()), "", true);
  // More than one: point at the start of the second.
  const int32_t at = statements[1].position;
  size_t len = 1;
  while (static_cast<size_t>(at) + len < sql.size() &&
         std::isalnum(static_cast<unsigned char>(sql[static_cast<size_t>(at) + len]))) {
    ++len;
  }
  return SyntaxErrorAt(sql, at, sql.substr(static_cast<size_t>(at), len));
}

arrow::Result<ExprPtr> ParseExpression(std::string_view sql) {
  ARROW_RETURN_NOT_OK(CheckSize(sql));
  ARROW_ASSIGN_OR_RAISE(auto tokens, Lexer::Tokenize(sql));
  SqlParser parser(sql, std::move(tokens), 0);
  return parser.ParseStandaloneExpression();
}

}  // namespace tarn::sql
