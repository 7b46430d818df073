// The recursive-descent parser over one statement's tokens. Its methods live in one file per
// part of the grammar: parser.cc (tokens, errors, nesting), statement_parser.cc,
// query_parser.cc (WITH, set operations, SELECT blocks), relation_parser.cc (FROM),
// expression_parser.cc (operators and predicates), primary_parser.cc (function calls, CASE,
// CAST, windows, ...), literal_parser.cc (numbers, strings, typed literals, intervals).
// Not for use outside src/sql/parser.
#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <arrow/result.h>

#include "sql/parser/lexer.h"
#include "sql/plan/identifier.h"
#include "sql/plan/statement.h"

namespace tarn::sql::parser_internal {

// How deep the parser recurses (parentheses, subqueries, NOT NOT ..., - - ...) and how long an
// operator chain may grow, so that hostile input fails cleanly instead of overflowing the stack
// (here, or later when the tree is walked or freed).
constexpr int kMaxNesting = 1000;
constexpr int kMaxChain = 10000;


class SqlParser {
 public:
  // `tokens` covers one statement and ends with a kEnd token. Node positions are byte offsets
  // relative to `base`; error messages report line and position within all of `sql`.
  SqlParser(std::string_view sql, std::vector<Token> tokens, int32_t base)
      : sql_(sql), tokens_(std::move(tokens)), base_(base) {}

  // statement_parser.cc
  arrow::Result<Statement> ParseStatement();
  // expression_parser.cc; requires the whole input to be one expression.
  arrow::Result<ExprPtr> ParseStandaloneExpression();

 private:
  friend class NestingGuard;

  // ---- parser.cc: tokens and errors
  const Token& Peek(size_t ahead = 0) const;
  const Token& Next();
  bool AtEnd() const { return Peek().kind == Token::Kind::kEnd; }
  // An unquoted word equal to `keyword` (lower case) ignoring case.
  bool IsKeyword(std::string_view keyword, size_t ahead = 0) const;
  bool IsSymbol(std::string_view symbol, size_t ahead = 0) const;
  bool AcceptKeyword(std::string_view keyword);
  bool AcceptKeywords(std::string_view first, std::string_view second);
  bool AcceptSymbol(std::string_view symbol);
  arrow::Status ExpectKeyword(std::string_view keyword);
  arrow::Status ExpectSymbol(std::string_view symbol);
  arrow::Status ExpectEnd();
  // PARSE_SYNTAX_ERROR at the current token.
  arrow::Status SyntaxError() const;
  arrow::Status SyntaxErrorAtToken(const Token& token) const;
  // An error with a Spark error class, positioned at `token`.
  arrow::Status ErrorAt(const Token& token, const std::string& error_class, const std::string& message) const;
  int32_t Pos(const Token& token) const { return token.offset - base_; }
  int32_t Pos() const { return Pos(Peek()); }
  std::string_view SourceText(const Token& first, const Token& last) const;
  bool IsIdentifierToken(size_t ahead = 0) const;
  arrow::Result<std::string> ParseIdentifier();
  arrow::Result<std::vector<std::string>> ParseMultipartName();
  arrow::Result<std::vector<std::string>> ParseIdentifierList();  // (a, b, c)
  arrow::Status EnterChain();  // one more link in an operator chain
  // True when the current word may not be an alias without AS (FROM, WHERE, JOIN, ...).
  bool IsReservedForAlias(size_t ahead = 0) const;

  // ---- statement_parser.cc
  arrow::Result<Statement> ParseExplain();
  arrow::Result<Statement> ParseShowFunctions();
  arrow::Result<Statement> ParseDescribe();
  arrow::Result<Statement> ParseSet();
  arrow::Result<Statement> ParseCreate();
  arrow::Result<Statement> ParseDrop();
  arrow::Status Unsupported(const Token& at, const std::string& what) const;
  bool StartsQuery(size_t ahead = 0) const;

  // ---- ddl_parser.cc: catalog objects
  arrow::Result<Statement> ParseCreateTable(const Token& first, bool or_replace, bool replace);
  arrow::Result<Statement> ParseCreateObject(const Token& first, bool or_replace);
  arrow::Result<Statement> ParseCreateView(const Token& first, bool or_replace);
  arrow::Result<Statement> ParseCreateFunction(const Token& first, bool or_replace, bool temporary);
  arrow::Result<Statement> ParseAlter();
  arrow::Result<Statement> ParseAlterTable(Statement statement);
  arrow::Result<Statement> ParseUse();
  arrow::Result<Statement> ParseShow();
  arrow::Result<Statement> ParseCommentOn();
  arrow::Result<Statement> ParseDescribeObject(Statement statement);
  // CATALOG / SCHEMA / DATABASE / TABLE / VIEW / VOLUME / FUNCTION at the current token.
  std::optional<ObjectKind> AcceptObjectKind();
  arrow::Result<ColumnDefinition> ParseColumnDefinition();
  arrow::Result<PropertyList> ParsePropertyList();          // (k = v, ...)
  arrow::Result<std::string> ParseStringLiteral();          // 'text'
  arrow::Result<std::vector<std::vector<std::string>>> ParseColumnPathList();  // (a, b.c) or a, b
  arrow::Status ExpectIfNotExists();
  // The SQL text from `from` to the last token read, as written (view bodies, CHECK constraints).
  std::string TextSince(const Token& from) const { return std::string(SourceText(from, tokens_[pos_ - 1])); }
  // An expression and its text as written.
  arrow::Result<ExprPtr> ParseExprKeepingText(std::string* text);
  bool AcceptIfExists();

  // ---- dml_parser.cc: data changes and maintenance
  arrow::Result<Statement> ParseInsert();
  arrow::Result<Statement> ParseDelete();
  arrow::Result<Statement> ParseUpdate();
  arrow::Result<Statement> ParseMerge();
  arrow::Result<Statement> ParseTruncate();
  arrow::Result<Statement> ParseRestore();
  arrow::Result<Statement> ParseOptimize();
  arrow::Result<Statement> ParseVacuum();
  arrow::Result<Statement> ParseCopyInto();
  // The target of a command: a name or format.`path` (no time travel), into statement.table/target.
  arrow::Status ParseTarget(Statement* statement);
  // An optional [AS] alias that is not one of the words that may follow.
  std::string ParseOptionalAlias(std::initializer_list<std::string_view> stop_words);
  arrow::Result<std::vector<std::pair<std::vector<std::string>, ExprPtr>>> ParseAssignments();
  arrow::Result<MergeClause> ParseMergeClause();

  // ---- query_parser.cc
  arrow::Result<PlanPtr> ParseQuery();
  arrow::Result<PlanPtr> ParseWith();
  // Set operations over query terms; `first` is an already parsed leftmost term (or null).
  arrow::Result<PlanPtr> ParseSetOperations(PlanPtr first);
  arrow::Result<PlanPtr> ParseIntersections(PlanPtr first);
  arrow::Result<PlanPtr> ParseQueryTerm();
  arrow::Result<PlanPtr> ParseQueryOrganization(PlanPtr plan);
  arrow::Result<std::vector<SortItem>> ParseSortItems();
  arrow::Result<int64_t> ParseLimitValue();
  arrow::Result<PlanPtr> ParseSelect();
  arrow::Result<std::vector<ExprPtr>> ParseSelectList();
  arrow::Result<ExprPtr> ParseSelectItem();
  arrow::Result<PlanPtr> ParseGroupBy(PlanPtr child, std::vector<ExprPtr> select, int32_t position);
  arrow::Result<PlanPtr> ParseValues();
  arrow::Status ReadWindowDefinitions();
  arrow::Status SkipWindowClause();

  // ---- relation_parser.cc
  arrow::Result<PlanPtr> ParseFrom();
  arrow::Result<PlanPtr> ParseJoins(PlanPtr left);
  arrow::Result<PlanPtr> ParseRelationPrimary();
  arrow::Result<PlanPtr> ParseTableReference();
  arrow::Result<PlanPtr> ParseParenthesizedRelation();
  arrow::Result<PlanPtr> ParseTableAlias(PlanPtr relation, bool allow_column_list = true);
  arrow::Result<PlanPtr> ParseLateralView(PlanPtr child);
  arrow::Result<PlanPtr> ParseTableFunction();

  // ---- expression_parser.cc
  arrow::Result<ExprPtr> ParseExpr();
  arrow::Result<ExprPtr> ParseOr();
  arrow::Result<ExprPtr> ParseAnd();
  arrow::Result<ExprPtr> ParseNot();
  arrow::Result<ExprPtr> ParsePredicated();
  arrow::Result<ExprPtr> ParsePredicate(ExprPtr value, bool* matched);
  arrow::Result<ExprPtr> ParseBinary(int min_precedence);
  arrow::Result<ExprPtr> ParseUnary();
  arrow::Result<ExprPtr> ParsePostfix(ExprPtr base);
  arrow::Result<std::vector<ExprPtr>> ParseExpressionList();  // a, b, c (at least one)

  // ---- primary_parser.cc
  arrow::Result<ExprPtr> ParsePrimary();
  arrow::Result<ExprPtr> ParseParenthesized();
  arrow::Result<ExprPtr> ParseSubqueryExpression(ExprKind kind, int32_t position);
  arrow::Result<ExprPtr> ParseNameOrCall();
  arrow::Result<ExprPtr> ParseFunctionCall(std::vector<std::string> name, const Token& first);
  arrow::Result<ExprPtr> ParseCallSuffixes(ExprPtr call);
  arrow::Result<std::shared_ptr<const WindowSpec>> ParseWindowSpec();
  arrow::Result<FrameBound> ParseFrameBound();
  arrow::Result<ExprPtr> ParseCase(const Token& first);
  arrow::Result<ExprPtr> ParseCast(const Token& first, bool try_cast);
  arrow::Result<ExprPtr> ParseSpecialForm(const std::string& name, const Token& first, bool* matched);
  // The rest of an ordinary call f(first_arg, ...) after its first argument.
  arrow::Result<ExprPtr> FinishCall(const std::string& name, int32_t position, ExprPtr first_arg);
  arrow::Result<ExprPtr> ParseLambda();
  arrow::Result<TypePtr> ParseType();
  bool AtLambda() const;

  // ---- literal_parser.cc
  arrow::Result<ExprPtr> ParseNumber(const Token& token, bool negative, int32_t position);
  arrow::Result<ExprPtr> ParseTypedLiteral(bool* matched);
  arrow::Result<ExprPtr> ParseInterval(const Token& first);

  std::string_view sql_;
  std::vector<Token> tokens_;
  int32_t base_ = 0;
  size_t pos_ = 0;
  int nesting_ = 0;
  int chain_ = 0;
  // WINDOW w AS (...) definitions of the SELECT being parsed, by lower-case name.
  std::map<std::string, std::shared_ptr<const WindowSpec>> windows_;
  // Token positions where a parenthesised query was tried and failed, so that nested
  // parentheses are not retried over and over (which would take exponential time).
  std::set<size_t> failed_query_at_;
};

// Counts one level of recursion for as long as it lives.
class NestingGuard {
 public:
  explicit NestingGuard(SqlParser& parser);
  ~NestingGuard() { --parser_.nesting_; }
  NestingGuard(const NestingGuard&) = delete;
  NestingGuard& operator=(const NestingGuard&) = delete;
  const arrow::Status& status() const { return status_; }

 private:
  SqlParser& parser_;
  arrow::Status status_;
};

// An unresolved expression node of `kind` at a byte offset of the SQL text.
inline std::shared_ptr<Expr> NewExpr(ExprKind kind, int32_t position) {
  auto e = std::make_shared<Expr>();
  e->kind = kind;
  e->position = position;
  return e;
}

#define TARN_ENTER_NESTING()          \
  NestingGuard nesting_guard(*this);  \
  ARROW_RETURN_NOT_OK(nesting_guard.status())

}  // namespace tarn::sql::parser_internal
