// FROM clauses: table references (names, format.`path`, time travel), subqueries, VALUES,
// joins and LATERAL VIEW.
#include <charconv>

#include <fmt/format.h>

#include "errors/error_class.h"
#include "sql/parser/parser_internal.h"

namespace tarn::sql::parser_internal {

namespace {

bool IsFileFormat(const std::string& word) {
  static constexpr std::string_view kFormats[] = {"delta", "parquet", "csv", "json", "text", "orc", "avro",
                                                  "binaryfile"};
  const std::string lower = AsciiLower(word);
  for (std::string_view f : kFormats) {
    if (lower == f) return true;
  }
  return false;
}

// Splits a trailing "@v<digits>" (Delta's version suffix) off `name`.
std::optional<int64_t> TakeVersionSuffix(std::string& name) {
  const auto at = name.rfind("@v");
  if (at == std::string::npos || at + 2 >= name.size()) return std::nullopt;
  int64_t version = 0;
  const char* begin = name.data() + at + 2;
  const char* end = name.data() + name.size();
  auto [ptr, ec] = std::from_chars(begin, end, version);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  name.resize(at);
  return version;
}

PlanPtr WithPosition(PlanPtr plan, int32_t position) {
  auto copy = std::make_shared<LogicalPlan>(*plan);
  copy->position = position;
  return copy;
}

}  // namespace

arrow::Result<PlanPtr> SqlParser::ParseFrom() {
  ARROW_ASSIGN_OR_RAISE(auto first, ParseRelationPrimary());
  ARROW_ASSIGN_OR_RAISE(auto left, ParseJoins(std::move(first)));
  const int saved_chain = chain_;
  while (AcceptSymbol(",")) {
    ARROW_RETURN_NOT_OK(EnterChain());
    ARROW_ASSIGN_OR_RAISE(auto next, ParseRelationPrimary());
    ARROW_ASSIGN_OR_RAISE(auto right, ParseJoins(std::move(next)));
    // Spark plans FROM a, b as an inner join without a condition.
    auto join = std::make_shared<LogicalPlan>();
    join->kind = PlanKind::kJoin;
    join->join_type = JoinType::kInner;
    join->position = left->position;
    join->children = {std::move(left), std::move(right)};
    left = join;
  }
  chain_ = saved_chain;
  return left;
}

arrow::Result<PlanPtr> SqlParser::ParseJoins(PlanPtr left) {
  const int saved_chain = chain_;
  while (true) {
    const size_t start = pos_;
    const bool natural = AcceptKeyword("natural");
    JoinType type = JoinType::kInner;
    if (AcceptKeyword("inner")) {
      type = JoinType::kInner;
    } else if (AcceptKeyword("cross")) {
      type = JoinType::kCross;
    } else if (AcceptKeyword("left")) {
      if (AcceptKeyword("semi")) {
        type = JoinType::kLeftSemi;
      } else if (AcceptKeyword("anti")) {
        type = JoinType::kLeftAnti;
      } else {
        AcceptKeyword("outer");
        type = JoinType::kLeft;
      }
    } else if (AcceptKeyword("right")) {
      AcceptKeyword("outer");
      type = JoinType::kRight;
    } else if (AcceptKeyword("full")) {
      AcceptKeyword("outer");
      type = JoinType::kFull;
    } else if (AcceptKeyword("semi")) {
      type = JoinType::kLeftSemi;
    } else if (AcceptKeyword("anti")) {
      type = JoinType::kLeftAnti;
    }
    if (!IsKeyword("join")) {
      if (pos_ != start) return SyntaxError();
      break;
    }
    Next();  // JOIN
    ARROW_RETURN_NOT_OK(EnterChain());
    if (natural && type == JoinType::kCross) return SyntaxErrorAtToken(tokens_[start + 1]);
    ARROW_ASSIGN_OR_RAISE(auto right, ParseRelationPrimary());
    auto join = std::make_shared<LogicalPlan>();
    join->kind = PlanKind::kJoin;
    join->join_type = type;
    join->natural = natural;
    join->position = left->position;
    if (!natural && IsKeyword("on")) {
      Next();
      ARROW_ASSIGN_OR_RAISE(join->condition, ParseExpr());
    } else if (!natural && IsKeyword("using")) {
      Next();
      ARROW_ASSIGN_OR_RAISE(join->using_columns, ParseIdentifierList());
    }
    join->children = {std::move(left), std::move(right)};
    left = join;
  }
  chain_ = saved_chain;
  return left;
}

arrow::Result<PlanPtr> SqlParser::ParseRelationPrimary() {
  TARN_ENTER_NESTING();
  const Token& first = Peek();
  if (IsSymbol("(")) return ParseParenthesizedRelation();
  if (IsKeyword("values")) {
    ARROW_ASSIGN_OR_RAISE(auto values, ParseValues());
    return ParseTableAlias(std::move(values));
  }
  if (IsKeyword("lateral") && IsSymbol("(", 1)) {
    return ErrorAt(first, "UNSUPPORTED_FEATURE.LATERAL_JOIN",
                   "The feature is not supported: LATERAL subqueries in FROM.");
  }
  if (!IsIdentifierToken() || (Peek().kind == Token::Kind::kWord && IsReservedForAlias())) {
    return SyntaxError();
  }
  if (IsSymbol("(", 1) || (IsSymbol(".", 1) && IsIdentifierToken(2) && IsSymbol("(", 3))) {
    ARROW_ASSIGN_OR_RAISE(auto function, ParseTableFunction());
    return ParseTableAlias(std::move(function));
  }
  ARROW_ASSIGN_OR_RAISE(auto relation, ParseTableReference());
  if (IsKeyword("tablesample")) {
    return ErrorAt(Peek(), "UNSUPPORTED_FEATURE.TABLESAMPLE", "The feature is not supported: TABLESAMPLE.");
  }
  return ParseTableAlias(std::move(relation));
}

arrow::Result<PlanPtr> SqlParser::ParseParenthesizedRelation() {
  const Token& open = Peek();
  const size_t open_at = pos_;
  // A query: (SELECT ..), (WITH ..), (VALUES ..), or ((SELECT ..) UNION (..)) which may also be
  // a parenthesised join starting with a subquery; that is tried second.
  size_t first = pos_ + 1;
  while (first < tokens_.size() && tokens_[first].kind == Token::Kind::kSymbol && tokens_[first].text == "(") ++first;
  const bool looks_like_query = StartsQuery(first - pos_) && !IsSymbol("(", first - pos_);
  if (looks_like_query && first == pos_ + 1) {
    Next();
    ARROW_ASSIGN_OR_RAISE(auto query, ParseQuery());
    ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
    return ParseTableAlias(WithPosition(query, Pos(open)));
  }
  if (looks_like_query && !failed_query_at_.count(open_at)) {
    Next();
    auto query = ParseQuery();
    if (query.ok() && AcceptSymbol(")")) return ParseTableAlias(WithPosition(*query, Pos(open)));
    failed_query_at_.insert(open_at);
    pos_ = open_at;
  }
  Next();  // (
  ARROW_ASSIGN_OR_RAISE(auto inner, ParseRelationPrimary());
  ARROW_ASSIGN_OR_RAISE(auto joined, ParseJoins(std::move(inner)));
  ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
  return ParseTableAlias(std::move(joined));
}

arrow::Result<PlanPtr> SqlParser::ParseTableFunction() {
  const Token& first = Peek();
  ARROW_ASSIGN_OR_RAISE(auto name, ParseMultipartName());
  auto plan = std::make_shared<LogicalPlan>();
  plan->kind = PlanKind::kRelation;
  plan->position = Pos(first);
  std::string function;
  for (const auto& part : name) function += (function.empty() ? "" : ".") + AsciiLower(part);
  plan->table.function = function;
  plan->table.name = {function};
  ARROW_RETURN_NOT_OK(ExpectSymbol("("));
  if (!AcceptSymbol(")")) {
    do {
      std::string argument_name;
      if (IsIdentifierToken() && IsSymbol("=>", 1)) {
        argument_name = AsciiLower(Next().text);
        Next();  // =>
      } else if (!plan->table.argument_names.empty() && !plan->table.argument_names.back().empty()) {
        return ErrorAt(Peek(), "UNEXPECTED_POSITIONAL_ARGUMENT",
                       fmt::format("Cannot invoke routine `{}` because it contains positional argument(s) "
                                   "following the named argument assigned to `{}`; please rearrange them so "
                                   "the positional arguments come first and then retry the query again.",
                                   function, plan->table.argument_names.back()));
      }
      ARROW_ASSIGN_OR_RAISE(auto value, ParseExpr());
      plan->exprs.push_back(std::move(value));
      plan->table.argument_names.push_back(std::move(argument_name));
    } while (AcceptSymbol(","));
    ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
  }
  return PlanPtr(plan);
}

arrow::Result<PlanPtr> SqlParser::ParseTableReference() {
  const Token& first = Peek();
  ARROW_ASSIGN_OR_RAISE(auto name, ParseMultipartName());
  const Token& last = tokens_[pos_ - 1];
  // my-table: Spark asks for back quotes rather than reading a minus.
  if (last.kind == Token::Kind::kWord && IsSymbol("-") && Peek().offset == last.end &&
      (Peek(1).kind == Token::Kind::kWord || Peek(1).kind == Token::Kind::kNumber) && Peek(1).offset == Peek().end) {
    size_t i = pos_;
    while (i + 1 < tokens_.size() && tokens_[i].kind == Token::Kind::kSymbol && tokens_[i].text == "-" &&
           tokens_[i].offset == tokens_[i - 1].end &&
           (tokens_[i + 1].kind == Token::Kind::kWord || tokens_[i + 1].kind == Token::Kind::kNumber) &&
           tokens_[i + 1].offset == tokens_[i].end) {
      i += 2;
    }
    const std::string text(SourceText(last, tokens_[i - 1]));
    return ErrorAt(last, "INVALID_IDENTIFIER",
                   fmt::format("The unquoted identifier {} is invalid and must be back quoted as: `{}`. Unquoted "
                               "identifiers can only contain ASCII letters ('a' - 'z', 'A' - 'Z'), digits "
                               "('0' - '9'), and underbar ('_'). Unquoted identifiers must also not start with a "
                               "digit.",
                               text, text));
  }
  TableReference ref;
  if (name.size() == 2 && IsFileFormat(name[0]) && last.kind == Token::Kind::kQuotedIdentifier) {
    ref.format = AsciiLower(name[0]);
    ref.path = name[1];
    ref.version = TakeVersionSuffix(ref.path);
  } else {
    for (const auto& part : name) {
      if (part.empty()) return ErrorAt(first, "INVALID_IDENTIFIER", "The identifier `` is invalid.");
    }
    ref.name = std::move(name);
    ref.version = TakeVersionSuffix(ref.name.back());
  }
  // Time travel.
  bool version = false, timestamp = false;
  if (IsKeyword("for") && (IsKeyword("system_version", 1) || IsKeyword("version", 1))) {
    version = true;
    Next();
    Next();
  } else if (IsKeyword("for") && (IsKeyword("system_time", 1) || IsKeyword("timestamp", 1))) {
    timestamp = true;
    Next();
    Next();
  } else if (IsKeyword("version") && IsKeyword("as", 1)) {
    version = true;
    Next();
  } else if (IsKeyword("timestamp") && IsKeyword("as", 1)) {
    timestamp = true;
    Next();
  }
  if (version || timestamp) {
    ARROW_RETURN_NOT_OK(ExpectKeyword("as"));
    ARROW_RETURN_NOT_OK(ExpectKeyword("of"));
    const Token& t = Peek();
    if (version) {
      if (t.kind != Token::Kind::kNumber && t.kind != Token::Kind::kString) return SyntaxError();
      int64_t v = 0;
      const char* end = t.text.data() + t.text.size();
      auto [ptr, ec] = std::from_chars(t.text.data(), end, v);
      if (ec != std::errc() || ptr != end || v < 0) {
        return ErrorAt(t, "INVALID_TIME_TRAVEL_SPEC",
                       fmt::format("The time travel version {} is not a valid version number.", t.text));
      }
      Next();
      ref.version = v;
    } else {
      if (t.kind != Token::Kind::kString) {
        return ErrorAt(t, "UNSUPPORTED_FEATURE.TIME_TRAVEL",
                       "The feature is not supported: TIMESTAMP AS OF needs a string literal.");
      }
      ref.timestamp = Next().text;
    }
  }
  return MakeRelation(std::move(ref), Pos(first));
}

arrow::Result<PlanPtr> SqlParser::ParseTableAlias(PlanPtr relation, bool allow_column_list) {
  std::string alias;
  if (AcceptKeyword("as")) {
    ARROW_ASSIGN_OR_RAISE(alias, ParseIdentifier());
  } else if (IsIdentifierToken() && !IsReservedForAlias() &&
             !(IsKeyword("version") && IsKeyword("as", 1)) && !(IsKeyword("timestamp") && IsKeyword("as", 1))) {
    ARROW_ASSIGN_OR_RAISE(alias, ParseIdentifier());
  }
  if (alias.empty()) return relation;
  std::vector<std::string> columns;
  if (allow_column_list && IsSymbol("(")) {
    ARROW_ASSIGN_OR_RAISE(columns, ParseIdentifierList());
  }
  return MakeAlias(std::move(relation), std::move(alias), std::move(columns));  // at the relation's position
}

arrow::Result<PlanPtr> SqlParser::ParseLateralView(PlanPtr child) {
  const Token& lateral = Next();
  Next();  // VIEW
  auto generate = std::make_shared<LogicalPlan>();
  generate->kind = PlanKind::kGenerate;
  generate->position = Pos(lateral);
  generate->outer = AcceptKeyword("outer");
  const Token& function = Peek();
  ARROW_ASSIGN_OR_RAISE(auto name, ParseMultipartName());
  if (!IsSymbol("(")) return SyntaxError();
  ARROW_ASSIGN_OR_RAISE(auto call, ParseFunctionCall(std::move(name), function));
  generate->exprs = {std::move(call)};
  if (!IsIdentifierToken() || IsKeyword("as") || IsReservedForAlias()) return SyntaxError();
  ARROW_ASSIGN_OR_RAISE(generate->alias, ParseIdentifier());
  const bool has_as = AcceptKeyword("as");
  if (has_as || (IsIdentifierToken() && !IsReservedForAlias())) {
    do {
      ARROW_ASSIGN_OR_RAISE(auto column, ParseIdentifier());
      generate->column_aliases.push_back(std::move(column));
    } while (AcceptSymbol(","));
  }
  generate->children = {std::move(child)};
  return PlanPtr(generate);
}

}  // namespace tarn::sql::parser_internal
