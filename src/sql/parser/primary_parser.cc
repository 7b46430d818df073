// Primary expressions: literals, names, function calls with FILTER / IGNORE NULLS / OVER,
// CASE, CAST, the special syntaxes (EXTRACT, SUBSTRING .. FROM, TRIM, POSITION, OVERLAY),
// lambdas, subqueries and parentheses.
#include <arrow/scalar.h>
#include <fmt/format.h>

#include "errors/error_class.h"
#include "sql/parser/parser_internal.h"
#include "sql/plan/data_type.h"

namespace tarn::sql::parser_internal {

namespace {

ExprPtr StringLiteral(std::string value, int32_t position) {
  return Literal(arrow::MakeScalar(std::move(value)), position);
}

// Words that cannot start an expression: clause keywords and operators.
bool IsReservedInExpression(const std::string& lower) {
  static constexpr std::string_view kReserved[] = {
      "select", "from",   "where", "group", "having", "order",  "limit",   "offset",  "union",
      "intersect", "except", "minus", "join", "on",   "using",  "when",    "then",    "else",
      "end",    "and",    "or",    "is",    "in",     "like",   "ilike",   "rlike",   "between",
      "as",     "window", "qualify", "escape", "natural", "inner", "cross", "full",   "semi",
      "anti",   "with",   "distinct", "over", "by"};
  for (std::string_view word : kReserved) {
    if (lower == word) return true;
  }
  return false;
}

}  // namespace

arrow::Result<TypePtr> SqlParser::ParseType() {
  const Token& first = Peek();
  if (first.kind != Token::Kind::kWord) return SyntaxError();
  size_t offset = static_cast<size_t>(first.offset);
  ARROW_ASSIGN_OR_RAISE(auto type, ParseDataTypeAt(sql_, &offset));
  // Skip the tokens the type text covered; one that straddles its end is a syntax error.
  while (!AtEnd() && static_cast<size_t>(Peek().offset) < offset) {
    if (static_cast<size_t>(Peek().end) > offset) return SyntaxError();
    Next();
  }
  return type;
}

bool SqlParser::AtLambda() const {
  if (IsIdentifierToken() && IsSymbol("->", 1)) return true;
  if (!IsSymbol("(")) return false;
  size_t i = 1;
  if (IsSymbol(")", i)) return IsSymbol("->", i + 1);
  while (IsIdentifierToken(i)) {
    if (IsSymbol(")", i + 1)) return IsSymbol("->", i + 2);
    if (!IsSymbol(",", i + 1)) return false;
    i += 2;
  }
  return false;
}

arrow::Result<ExprPtr> SqlParser::ParseLambda() {
  const Token& first = Peek();
  std::vector<std::string> params;
  if (AcceptSymbol("(")) {
    if (!AcceptSymbol(")")) {
      do {
        ARROW_ASSIGN_OR_RAISE(auto p, ParseIdentifier());
        params.push_back(std::move(p));
      } while (AcceptSymbol(","));
      ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
    }
  } else {
    ARROW_ASSIGN_OR_RAISE(auto p, ParseIdentifier());
    params.push_back(std::move(p));
  }
  ARROW_RETURN_NOT_OK(ExpectSymbol("->"));
  ARROW_ASSIGN_OR_RAISE(auto body, ParseExpr());
  auto lambda = NewExpr(ExprKind::kLambda, Pos(first));
  lambda->name = std::move(params);
  lambda->args = {std::move(body)};
  return ExprPtr(lambda);
}

arrow::Result<ExprPtr> SqlParser::ParsePrimary() {
  TARN_ENTER_NESTING();
  const Token& t = Peek();
  switch (t.kind) {
    case Token::Kind::kEnd:
      return SyntaxError();
    case Token::Kind::kNumber:
      Next();
      return ParseNumber(t, false, Pos(t));
    case Token::Kind::kString:
      Next();
      return StringLiteral(t.text, Pos(t));
    case Token::Kind::kSymbol:
      if (t.text == "(") return AtLambda() ? ParseLambda() : ParseParenthesized();
      if (t.text == "*") {
        Next();
        auto star = std::const_pointer_cast<Expr>(Star());
        star->position = Pos(t);
        return ExprPtr(star);
      }
      if (t.text == "?" || t.text == ":") {
        return ErrorAt(t, "UNSUPPORTED_FEATURE.PARAMETER_MARKERS",
                       "The feature is not supported: parameter markers in SQL text.");
      }
      return SyntaxError();
    case Token::Kind::kQuotedIdentifier:
      if (AtLambda()) return ParseLambda();
      return ParseNameOrCall();
    case Token::Kind::kWord:
      break;
  }
  const std::string word = AsciiLower(t.text);
  if (AtLambda()) return ParseLambda();
  bool matched = false;
  ARROW_ASSIGN_OR_RAISE(auto typed, ParseTypedLiteral(&matched));
  if (matched) return typed;
  if (word == "null") {
    Next();
    return NullLiteral(Pos(t));
  }
  if (word == "true" || word == "false") {
    Next();
    return Literal(arrow::MakeScalar(word == "true"), Pos(t));
  }
  if (word == "case") {
    Next();
    return ParseCase(t);
  }
  if ((word == "cast" || word == "try_cast") && IsSymbol("(", 1)) {
    Next();
    return ParseCast(t, word == "try_cast");
  }
  if (word == "exists" && IsSymbol("(", 1) && StartsQuery(2)) {
    Next();
    return ParseSubqueryExpression(ExprKind::kExists, Pos(t));
  }
  if (IsSymbol("(", 1)) {
    ARROW_ASSIGN_OR_RAISE(auto special, ParseSpecialForm(word, t, &matched));
    if (matched) return ParseCallSuffixes(std::move(special));
  }
  if ((word == "current_date" || word == "current_timestamp" || word == "current_user" ||
       word == "current_time" || word == "localtimestamp") &&
      !IsSymbol("(", 1) && !IsSymbol(".", 1)) {
    Next();
    return Call(word, {}, Pos(t));
  }
  if (IsReservedInExpression(word)) return SyntaxError();
  return ParseNameOrCall();
}

arrow::Result<ExprPtr> SqlParser::ParseParenthesized() {
  const Token& open = Peek();
  const size_t open_at = pos_;
  if (IsKeyword("select", 1) || IsKeyword("with", 1) || IsKeyword("values", 1) || IsKeyword("table", 1)) {
    return ParseSubqueryExpression(ExprKind::kScalarSubquery, Pos(open));
  }
  // ((SELECT ..) UNION (SELECT ..)) is a subquery, ((SELECT 1) + 1) an expression.
  if (IsSymbol("(", 1) && StartsQuery(2) && !failed_query_at_.count(open_at)) {
    auto subquery = ParseSubqueryExpression(ExprKind::kScalarSubquery, Pos(open));
    if (subquery.ok()) return subquery;
    failed_query_at_.insert(open_at);
    pos_ = open_at;
  }
  Next();  // (
  ARROW_ASSIGN_OR_RAISE(auto items, ParseExpressionList());
  ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
  if (items.size() == 1) return items[0];
  return Call("struct", std::move(items), Pos(open));
}

arrow::Result<ExprPtr> SqlParser::ParseSubqueryExpression(ExprKind kind, int32_t position) {
  ARROW_RETURN_NOT_OK(ExpectSymbol("("));
  ARROW_ASSIGN_OR_RAISE(auto query, ParseQuery());
  ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
  auto e = NewExpr(kind, position);
  e->subquery = std::move(query);
  return ExprPtr(e);
}

arrow::Result<ExprPtr> SqlParser::ParseNameOrCall() {
  const Token& first = Peek();
  std::vector<std::string> parts;
  ARROW_ASSIGN_OR_RAISE(auto head, ParseIdentifier());
  parts.push_back(std::move(head));
  while (IsSymbol(".")) {
    if (IsSymbol("*", 1)) {
      Next();
      Next();
      auto star = std::const_pointer_cast<Expr>(Star(std::move(parts)));
      star->position = Pos(first);
      return ExprPtr(star);
    }
    if (!IsIdentifierToken(1)) break;
    Next();
    ARROW_ASSIGN_OR_RAISE(auto part, ParseIdentifier());
    parts.push_back(std::move(part));
  }
  if (IsSymbol("(")) return ParseFunctionCall(std::move(parts), first);
  return ColumnRef(std::move(parts), Pos(first));
}

arrow::Result<ExprPtr> SqlParser::ParseFunctionCall(std::vector<std::string> name, const Token& first) {
  for (auto& part : name) part = AsciiLower(part);
  ARROW_RETURN_NOT_OK(ExpectSymbol("("));
  auto call = NewExpr(ExprKind::kCall, Pos(first));
  call->name = std::move(name);
  if (!AcceptSymbol(")")) {
    if (AcceptKeyword("distinct")) {
      call->distinct = true;
    } else if (IsKeyword("all") && !IsSymbol(")", 1) && !IsSymbol(",", 1)) {
      Next();
    }
    const int saved_chain = chain_;
    do {
      ARROW_RETURN_NOT_OK(EnterChain());
      if (IsIdentifierToken() && IsSymbol("=>", 1)) {
        // Named argument: f(key => value).
        const Token& key = Next();
        Next();
        ARROW_ASSIGN_OR_RAISE(auto value, ParseExpr());
        call->args.push_back(Call("named_argument", {StringLiteral(key.text, Pos(key)), std::move(value)}, Pos(key)));
        continue;
      }
      ARROW_ASSIGN_OR_RAISE(auto arg, ParseExpr());
      call->args.push_back(std::move(arg));
    } while (AcceptSymbol(","));
    chain_ = saved_chain;
    // first(x IGNORE NULLS)
    if (AcceptKeywords("ignore", "nulls")) {
      call->ignore_nulls = true;
    } else {
      AcceptKeywords("respect", "nulls");
    }
    ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
  }
  return ParseCallSuffixes(std::move(call));
}

arrow::Result<ExprPtr> SqlParser::ParseCallSuffixes(ExprPtr call) {
  if (IsKeyword("within") && IsKeyword("group", 1)) {
    return ErrorAt(Peek(), "UNSUPPORTED_FEATURE.WITHIN_GROUP",
                   "The feature is not supported: WITHIN GROUP (ORDER BY ..).");
  }
  if (IsKeyword("filter") && IsSymbol("(", 1)) {
    Next();
    Next();
    ARROW_RETURN_NOT_OK(ExpectKeyword("where"));
    ARROW_ASSIGN_OR_RAISE(auto condition, ParseExpr());
    ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
    auto copy = std::make_shared<Expr>(*call);
    copy->filter = std::move(condition);
    call = copy;
  }
  if (IsKeyword("ignore") && IsKeyword("nulls", 1)) {
    Next();
    Next();
    auto copy = std::make_shared<Expr>(*call);
    copy->ignore_nulls = true;
    call = copy;
  } else {
    AcceptKeywords("respect", "nulls");
  }
  if (!IsKeyword("over")) return call;
  Next();
  std::shared_ptr<const WindowSpec> spec;
  if (IsIdentifierToken()) {
    const Token& ref = Next();
    auto it = windows_.find(AsciiLower(ref.text));
    if (it == windows_.end()) {
      return ErrorAt(ref, "MISSING_WINDOW_SPECIFICATION",
                     fmt::format("Window specification {} is not defined in the WINDOW clause.", ref.text));
    }
    spec = it->second;
  } else {
    ARROW_RETURN_NOT_OK(ExpectSymbol("("));
    ARROW_ASSIGN_OR_RAISE(spec, ParseWindowSpec());
    ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
  }
  auto window = NewExpr(ExprKind::kWindow, call->position);
  window->args = {std::move(call)};
  window->window = std::move(spec);
  return ExprPtr(window);
}

arrow::Result<std::shared_ptr<const WindowSpec>> SqlParser::ParseWindowSpec() {
  auto spec = std::make_shared<WindowSpec>();
  // (w ...) builds on a named window.
  if (IsIdentifierToken() && !IsKeyword("partition") && !IsKeyword("distribute") && !IsKeyword("order") &&
      !IsKeyword("sort") && !IsKeyword("rows") && !IsKeyword("range") && !IsKeyword("cluster")) {
    const Token& ref = Next();
    auto it = windows_.find(AsciiLower(ref.text));
    if (it == windows_.end()) {
      return ErrorAt(ref, "MISSING_WINDOW_SPECIFICATION",
                     fmt::format("Window specification {} is not defined in the WINDOW clause.", ref.text));
    }
    *spec = *it->second;
  }
  if (AcceptKeywords("partition", "by") || AcceptKeywords("distribute", "by")) {
    ARROW_ASSIGN_OR_RAISE(spec->partition_by, ParseExpressionList());
  } else if (AcceptKeywords("cluster", "by")) {
    ARROW_ASSIGN_OR_RAISE(spec->partition_by, ParseExpressionList());
  }
  if (AcceptKeywords("order", "by") || AcceptKeywords("sort", "by")) {
    ARROW_ASSIGN_OR_RAISE(spec->order_by, ParseSortItems());
  }
  if (IsKeyword("rows") || IsKeyword("range")) {
    spec->has_frame = true;
    spec->frame.type = IsKeyword("rows") ? WindowFrame::Type::kRows : WindowFrame::Type::kRange;
    Next();
    if (AcceptKeyword("between")) {
      ARROW_ASSIGN_OR_RAISE(spec->frame.start, ParseFrameBound());
      ARROW_RETURN_NOT_OK(ExpectKeyword("and"));
      ARROW_ASSIGN_OR_RAISE(spec->frame.end, ParseFrameBound());
    } else {
      ARROW_ASSIGN_OR_RAISE(spec->frame.start, ParseFrameBound());
      spec->frame.end.kind = FrameBound::Kind::kCurrentRow;
    }
  }
  return std::shared_ptr<const WindowSpec>(spec);
}

arrow::Result<FrameBound> SqlParser::ParseFrameBound() {
  FrameBound bound;
  if (AcceptKeyword("unbounded")) {
    if (AcceptKeyword("preceding")) {
      bound.kind = FrameBound::Kind::kUnboundedPreceding;
    } else {
      ARROW_RETURN_NOT_OK(ExpectKeyword("following"));
      bound.kind = FrameBound::Kind::kUnboundedFollowing;
    }
    return bound;
  }
  if (AcceptKeywords("current", "row")) {
    bound.kind = FrameBound::Kind::kCurrentRow;
    return bound;
  }
  ARROW_ASSIGN_OR_RAISE(bound.offset, ParseBinary(2));
  if (AcceptKeyword("preceding")) {
    bound.kind = FrameBound::Kind::kPreceding;
  } else {
    ARROW_RETURN_NOT_OK(ExpectKeyword("following"));
    bound.kind = FrameBound::Kind::kFollowing;
  }
  return bound;
}

arrow::Result<ExprPtr> SqlParser::ParseCase(const Token& first) {
  auto result = NewExpr(ExprKind::kCase, Pos(first));
  ExprPtr operand;
  if (!IsKeyword("when")) {
    ARROW_ASSIGN_OR_RAISE(operand, ParseExpr());
  }
  if (!IsKeyword("when")) return SyntaxError();
  const int saved_chain = chain_;
  while (IsKeyword("when")) {
    ARROW_RETURN_NOT_OK(EnterChain());
    Next();
    ARROW_ASSIGN_OR_RAISE(auto condition, ParseExpr());
    if (operand) {
      // CASE x WHEN v: Spark compares with =.
      const int32_t at = operand->position;
      condition = Call("=", {operand, std::move(condition)}, at);
    }
    ARROW_RETURN_NOT_OK(ExpectKeyword("then"));
    ARROW_ASSIGN_OR_RAISE(auto value, ParseExpr());
    result->args.push_back(std::move(condition));
    result->args.push_back(std::move(value));
  }
  chain_ = saved_chain;
  if (AcceptKeyword("else")) {
    ARROW_ASSIGN_OR_RAISE(auto otherwise, ParseExpr());
    result->args.push_back(std::move(otherwise));
  }
  ARROW_RETURN_NOT_OK(ExpectKeyword("end"));
  return ExprPtr(result);
}

arrow::Result<ExprPtr> SqlParser::ParseCast(const Token& first, bool try_cast) {
  ARROW_RETURN_NOT_OK(ExpectSymbol("("));
  ARROW_ASSIGN_OR_RAISE(auto value, ParseExpr());
  ARROW_RETURN_NOT_OK(ExpectKeyword("as"));
  ARROW_ASSIGN_OR_RAISE(auto type, ParseType());
  ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
  return CastTo(std::move(value), std::move(type), try_cast, Pos(first));
}

arrow::Result<ExprPtr> SqlParser::FinishCall(const std::string& name, int32_t position, ExprPtr first_arg) {
  std::vector<ExprPtr> args = {std::move(first_arg)};
  if (AcceptSymbol(",")) {
    ARROW_ASSIGN_OR_RAISE(auto rest, ParseExpressionList());
    for (auto& a : rest) args.push_back(std::move(a));
  }
  ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
  return Call(name, std::move(args), position);
}

arrow::Result<ExprPtr> SqlParser::ParseSpecialForm(const std::string& name, const Token& first, bool* matched) {
  *matched = false;
  const size_t start = pos_;
  const int32_t at = Pos(first);
  if (name == "extract" && IsIdentifierToken(2) && IsKeyword("from", 3)) {
    Next();
    Next();
    const Token& field = Next();
    Next();  // FROM
    ARROW_ASSIGN_OR_RAISE(auto source, ParseExpr());
    ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
    *matched = true;
    return Call("extract", {StringLiteral(field.text, Pos(field)), std::move(source)}, at);
  }
  if (name == "substring" || name == "substr") {
    Next();
    Next();
    ARROW_ASSIGN_OR_RAISE(auto str, ParseExpr());
    if (AcceptKeyword("from")) {
      ARROW_ASSIGN_OR_RAISE(auto from, ParseExpr());
      std::vector<ExprPtr> args = {std::move(str), std::move(from)};
      if (AcceptKeyword("for")) {
        ARROW_ASSIGN_OR_RAISE(auto length, ParseExpr());
        args.push_back(std::move(length));
      }
      ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
      *matched = true;
      return Call(name, std::move(args), at);
    }
    *matched = true;
    return FinishCall(name, at, std::move(str));
  }
  if (name == "position") {
    Next();
    Next();
    // POSITION(a IN b): `a` must stop before IN, so it is a value expression, not a predicate.
    ARROW_ASSIGN_OR_RAISE(auto needle, ParseBinary(1));
    if (AcceptKeyword("in")) {
      ARROW_ASSIGN_OR_RAISE(auto haystack, ParseExpr());
      ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
      *matched = true;
      return Call("position", {std::move(needle), std::move(haystack)}, at);
    }
    *matched = true;
    return FinishCall(name, at, std::move(needle));
  }
  if (name == "trim") {
    Next();
    Next();
    std::string function = "trim";
    bool has_option = true;
    if (AcceptKeyword("both")) {
      function = "trim";
    } else if (AcceptKeyword("leading")) {
      function = "ltrim";
    } else if (AcceptKeyword("trailing")) {
      function = "rtrim";
    } else {
      has_option = false;
    }
    if (!has_option) {
      // trim(x) and trim(x, chars) are ordinary calls unless FROM follows.
      size_t scan = pos_;
      int depth = 0;
      bool has_from = false;
      for (; scan < tokens_.size() && tokens_[scan].kind != Token::Kind::kEnd; ++scan) {
        const Token& t = tokens_[scan];
        if (t.kind == Token::Kind::kSymbol && t.text == "(") ++depth;
        if (t.kind == Token::Kind::kSymbol && t.text == ")" && depth-- == 0) break;
        if (depth == 0 && t.kind == Token::Kind::kWord && AsciiLower(t.text) == "from") {
          has_from = true;
          break;
        }
      }
      if (!has_from) {
        pos_ = start;
        return ExprPtr();
      }
    }
    ExprPtr chars;
    if (!AcceptKeyword("from")) {
      ARROW_ASSIGN_OR_RAISE(chars, ParseExpr());
      ARROW_RETURN_NOT_OK(ExpectKeyword("from"));
    }
    ARROW_ASSIGN_OR_RAISE(auto source, ParseExpr());
    ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
    std::vector<ExprPtr> args = {std::move(source)};
    if (chars) args.push_back(std::move(chars));
    *matched = true;
    return Call(function, std::move(args), at);
  }
  if (name == "overlay") {
    Next();
    Next();
    ARROW_ASSIGN_OR_RAISE(auto input, ParseExpr());
    if (AcceptKeyword("placing")) {
      ARROW_ASSIGN_OR_RAISE(auto replace, ParseExpr());
      ARROW_RETURN_NOT_OK(ExpectKeyword("from"));
      ARROW_ASSIGN_OR_RAISE(auto position, ParseExpr());
      std::vector<ExprPtr> args = {std::move(input), std::move(replace), std::move(position)};
      if (AcceptKeyword("for")) {
        ARROW_ASSIGN_OR_RAISE(auto length, ParseExpr());
        args.push_back(std::move(length));
      }
      ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
      *matched = true;
      return Call("overlay", std::move(args), at);
    }
    *matched = true;
    return FinishCall(name, at, std::move(input));
  }
  return ExprPtr();
}

}  // namespace tarn::sql::parser_internal
