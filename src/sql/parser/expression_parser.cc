// Expressions by Spark's precedence, lowest first: OR, AND, NOT / EXISTS, predicates (IS, IN,
// BETWEEN, LIKE) over comparisons, |, ^, &, + - ||, * / % DIV, unary - + ~, then postfix
// a[i], a.f, a::type on primaries (primary_parser.cc).
#include <arrow/scalar.h>
#include <fmt/format.h>

#include "errors/error_class.h"
#include "sql/parser/parser_internal.h"

namespace tarn::sql::parser_internal {

namespace {

ExprPtr Negate(ExprPtr e) {
  const int32_t at = e->position;
  return Call("not", {std::move(e)}, at);
}

// A call with NOT folded into Expr::negated (NOT LIKE, NOT BETWEEN).
ExprPtr NegatedCall(std::string name, std::vector<ExprPtr> args, int32_t position, bool negated) {
  auto e = std::const_pointer_cast<Expr>(Call(std::move(name), std::move(args), position));
  e->negated = negated;
  return e;
}

// Spark builds AND / OR chains as balanced trees so that long chains stay shallow.
ExprPtr Balanced(const std::string& op, const std::vector<ExprPtr>& terms, size_t low, size_t high) {
  if (low == high) return terms[low];
  const size_t mid = low + (high - low) / 2;
  ExprPtr left = Balanced(op, terms, low, mid);
  ExprPtr right = Balanced(op, terms, mid + 1, high);
  const int32_t at = left->position;
  return Call(op, {std::move(left), std::move(right)}, at);
}

struct BinaryOperator {
  std::string_view token;  // symbol, or keyword for DIV
  const char* name;
  int precedence;
};

constexpr BinaryOperator kBinaryOperators[] = {
    {"=", "=", 1},   {"==", "=", 1},  {"<=>", "<=>", 1}, {"<>", "<>", 1}, {"!=", "<>", 1}, {"<", "<", 1},
    {"<=", "<=", 1}, {">", ">", 1},   {">=", ">=", 1},   {"|", "|", 2},   {"^", "^", 3},   {"&", "&", 4},
    {"+", "+", 5},   {"-", "-", 5},   {"||", "||", 5},   {"*", "*", 6},   {"/", "/", 6},   {"%", "%", 6},
    {"div", "div", 6}};

}  // namespace

arrow::Result<ExprPtr> SqlParser::ParseStandaloneExpression() {
  if (AtEnd()) return SyntaxError();
  ARROW_ASSIGN_OR_RAISE(auto e, ParseExpr());
  if (!AtEnd()) return SyntaxError();
  return e;
}

arrow::Result<ExprPtr> SqlParser::ParseExpr() {
  TARN_ENTER_NESTING();
  return ParseOr();
}

arrow::Result<std::vector<ExprPtr>> SqlParser::ParseExpressionList() {
  std::vector<ExprPtr> list;
  const int saved_chain = chain_;
  do {
    ARROW_RETURN_NOT_OK(EnterChain());
    ARROW_ASSIGN_OR_RAISE(auto e, ParseExpr());
    list.push_back(std::move(e));
  } while (AcceptSymbol(","));
  chain_ = saved_chain;
  return list;
}

arrow::Result<ExprPtr> SqlParser::ParseOr() {
  std::vector<ExprPtr> terms;
  ARROW_ASSIGN_OR_RAISE(auto first, ParseAnd());
  terms.push_back(std::move(first));
  while (AcceptKeyword("or")) {
    ARROW_ASSIGN_OR_RAISE(auto next, ParseAnd());
    terms.push_back(std::move(next));
  }
  return Balanced("or", terms, 0, terms.size() - 1);
}

arrow::Result<ExprPtr> SqlParser::ParseAnd() {
  std::vector<ExprPtr> terms;
  ARROW_ASSIGN_OR_RAISE(auto first, ParseNot());
  terms.push_back(std::move(first));
  while (AcceptKeyword("and")) {
    ARROW_ASSIGN_OR_RAISE(auto next, ParseNot());
    terms.push_back(std::move(next));
  }
  return Balanced("and", terms, 0, terms.size() - 1);
}

arrow::Result<ExprPtr> SqlParser::ParseNot() {
  if (IsKeyword("not") || IsSymbol("!")) {
    TARN_ENTER_NESTING();
    const Token& not_token = Next();
    if (IsKeyword("exists") && IsSymbol("(", 1) && StartsQuery(2)) {
      ARROW_ASSIGN_OR_RAISE(auto exists, ParsePrimary());
      auto negated = std::make_shared<Expr>(*exists);
      negated->negated = true;
      negated->position = Pos(not_token);
      return ExprPtr(negated);
    }
    ARROW_ASSIGN_OR_RAISE(auto operand, ParseNot());
    return Call("not", {std::move(operand)}, Pos(not_token));
  }
  return ParsePredicated();
}

arrow::Result<ExprPtr> SqlParser::ParsePredicated() {
  ARROW_ASSIGN_OR_RAISE(auto value, ParseBinary(1));
  const int saved_chain = chain_;
  while (true) {
    bool matched = false;
    ARROW_ASSIGN_OR_RAISE(value, ParsePredicate(std::move(value), &matched));
    if (!matched) break;
    ARROW_RETURN_NOT_OK(EnterChain());
  }
  chain_ = saved_chain;
  return value;
}

arrow::Result<ExprPtr> SqlParser::ParsePredicate(ExprPtr value, bool* matched) {
  *matched = true;
  const int32_t at = value->position;
  if (AcceptKeyword("is")) {
    const bool negated = AcceptKeyword("not");
    if (AcceptKeyword("null") || AcceptKeyword("unknown")) {
      return Call(negated ? "isnotnull" : "isnull", {std::move(value)}, at);
    }
    if (IsKeyword("true") || IsKeyword("false")) {
      auto flag = Literal(arrow::MakeScalar(IsKeyword("true")), Pos());
      Next();
      auto test = Call("<=>", {std::move(value), std::move(flag)}, at);
      return negated ? Negate(std::move(test)) : test;
    }
    if (AcceptKeyword("distinct")) {
      ARROW_RETURN_NOT_OK(ExpectKeyword("from"));
      ARROW_ASSIGN_OR_RAISE(auto other, ParseBinary(1));
      auto same = Call("<=>", {std::move(value), std::move(other)}, at);
      return negated ? same : Negate(std::move(same));
    }
    return SyntaxError();
  }
  const size_t start = pos_;
  const bool negated = AcceptKeyword("not") || AcceptSymbol("!");
  if (AcceptKeyword("between")) {
    ARROW_ASSIGN_OR_RAISE(auto low, ParseBinary(1));
    ARROW_RETURN_NOT_OK(ExpectKeyword("and"));
    ARROW_ASSIGN_OR_RAISE(auto high, ParseBinary(1));
    return NegatedCall("between", {std::move(value), std::move(low), std::move(high)}, at, negated);
  }
  if (AcceptKeyword("in")) {
    ARROW_RETURN_NOT_OK(ExpectSymbol("("));
    const bool direct = IsKeyword("select") || IsKeyword("with") || IsKeyword("values");
    // IN ((SELECT ..) UNION (..)) is a query, IN ((SELECT ..), 2) a list: try the query first.
    const bool maybe = !direct && IsSymbol("(") && StartsQuery(1) && !failed_query_at_.count(pos_);
    if (direct || maybe) {
      const size_t query_at = pos_;
      auto query = ParseQuery();
      if (query.ok() && IsSymbol(")")) {
        Next();
        auto in = NewExpr(ExprKind::kInSubquery, at);
        // (a, b) IN (SELECT x, y ..) compares the fields.
        if (value->kind == ExprKind::kCall && value->name.size() == 1 && value->name[0] == "struct") {
          in->args = value->args;
        } else {
          in->args = {std::move(value)};
        }
        in->subquery = std::move(*query);
        in->negated = negated;
        return ExprPtr(in);
      }
      if (direct) return query.ok() ? SyntaxError() : query.status();
      failed_query_at_.insert(query_at);
      pos_ = query_at;
    }
    auto in = NewExpr(ExprKind::kInList, at);
    ARROW_ASSIGN_OR_RAISE(auto items, ParseExpressionList());
    ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
    in->args.reserve(items.size() + 1);
    in->args.push_back(std::move(value));
    for (auto& item : items) in->args.push_back(std::move(item));
    in->negated = negated;
    return ExprPtr(in);
  }
  std::string like;
  if (AcceptKeyword("like")) {
    like = "like";
  } else if (AcceptKeyword("ilike")) {
    like = "ilike";
  } else if (AcceptKeyword("rlike") || AcceptKeyword("regexp")) {
    like = "rlike";
  }
  if (!like.empty()) {
    if (like != "rlike" && (IsKeyword("any") || IsKeyword("some") || IsKeyword("all")) && IsSymbol("(", 1)) {
      const bool all = IsKeyword("all");
      Next();
      Next();
      if (IsSymbol(")")) {
        return ErrorAt(Peek(), "PARSE_SYNTAX_ERROR", "Syntax error at or near ')': Expected something between '(' and ')'.");
      }
      ARROW_ASSIGN_OR_RAISE(auto patterns, ParseExpressionList());
      ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
      std::vector<ExprPtr> terms;
      for (auto& p : patterns) terms.push_back(NegatedCall(like, {value, std::move(p)}, at, negated));
      // Built left-deep like Spark's reduceLeft.
      ExprPtr combined = terms[0];
      for (size_t i = 1; i < terms.size(); ++i) combined = Call(all ? "and" : "or", {combined, terms[i]}, at);
      return combined;
    }
    ARROW_ASSIGN_OR_RAISE(auto pattern, ParseBinary(1));
    std::vector<ExprPtr> args = {std::move(value), std::move(pattern)};
    if (like != "rlike" && IsKeyword("escape")) {
      Next();
      const Token& escape = Peek();
      if (escape.kind != Token::Kind::kString) return SyntaxError();
      if (escape.text.size() != 1) {
        return ErrorAt(escape, "INVALID_ESCAPE_CHAR",
                       fmt::format("The escape character must be one character, got '{}'.", escape.text));
      }
      args.push_back(Literal(arrow::MakeScalar(escape.text), Pos(escape)));
      Next();
    }
    return NegatedCall(like, std::move(args), at, negated);
  }
  if (pos_ != start) return SyntaxError();  // NOT followed by something else
  *matched = false;
  return value;
}

arrow::Result<ExprPtr> SqlParser::ParseBinary(int min_precedence) {
  ARROW_ASSIGN_OR_RAISE(auto left, ParseUnary());
  const int saved_chain = chain_;
  while (true) {
    const BinaryOperator* op = nullptr;
    for (const auto& candidate : kBinaryOperators) {
      const bool is_word = candidate.token == "div";
      if ((is_word ? IsKeyword(candidate.token) : IsSymbol(candidate.token)) && candidate.precedence >= min_precedence) {
        op = &candidate;
        break;
      }
    }
    if (!op) break;
    ARROW_RETURN_NOT_OK(EnterChain());
    Next();
    ARROW_ASSIGN_OR_RAISE(auto right, ParseBinary(op->precedence + 1));
    const int32_t at = left->position;
    left = Call(op->name, {std::move(left), std::move(right)}, at);
  }
  chain_ = saved_chain;
  return left;
}

arrow::Result<ExprPtr> SqlParser::ParseUnary() {
  if (IsSymbol("-") && Peek(1).kind == Token::Kind::kNumber) {
    // -2147483648 is an int literal, not -(2147483648), as in Spark's grammar.
    const Token& minus = Next();
    const Token& number = Next();
    ARROW_ASSIGN_OR_RAISE(auto literal, ParseNumber(number, true, Pos(minus)));
    return ParsePostfix(std::move(literal));
  }
  if (IsSymbol("-") || IsSymbol("+") || IsSymbol("~")) {
    TARN_ENTER_NESTING();
    const Token& op = Next();
    ARROW_ASSIGN_OR_RAISE(auto operand, ParseUnary());
    const char* name = op.text == "-" ? "negative" : op.text == "+" ? "positive" : "~";
    return Call(name, {std::move(operand)}, Pos(op));
  }
  ARROW_ASSIGN_OR_RAISE(auto primary, ParsePrimary());
  return ParsePostfix(std::move(primary));
}

arrow::Result<ExprPtr> SqlParser::ParsePostfix(ExprPtr base) {
  const int saved_chain = chain_;
  while (true) {
    if (IsSymbol("[")) {
      ARROW_RETURN_NOT_OK(EnterChain());
      Next();
      ARROW_ASSIGN_OR_RAISE(auto index, ParseExpr());
      ARROW_RETURN_NOT_OK(ExpectSymbol("]"));
      const int32_t at = base->position;
      base = Call("subscript", {std::move(base), std::move(index)}, at);
    } else if (IsSymbol(".") && IsIdentifierToken(1)) {
      ARROW_RETURN_NOT_OK(EnterChain());
      Next();
      const Token& field = Next();
      if (base->kind == ExprKind::kColumn) {
        auto parts = base->name;
        parts.push_back(field.text);
        base = ColumnRef(std::move(parts), base->position);
      } else {
        const int32_t at = base->position;
        base = Call("get_struct_field", {std::move(base), Literal(arrow::MakeScalar(field.text), Pos(field))}, at);
      }
    } else if (IsSymbol("::")) {
      ARROW_RETURN_NOT_OK(EnterChain());
      Next();
      ARROW_ASSIGN_OR_RAISE(auto type, ParseType());
      const int32_t at = base->position;
      base = CastTo(std::move(base), std::move(type), false, at);
    } else {
      break;
    }
  }
  chain_ = saved_chain;
  return base;
}

}  // namespace tarn::sql::parser_internal
