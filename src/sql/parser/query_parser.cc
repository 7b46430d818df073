// Queries: WITH, set operations, ORDER BY / LIMIT, SELECT blocks, GROUP BY, VALUES.
#include <limits>
#include <optional>

#include <arrow/scalar.h>
#include <fmt/format.h>

#include "errors/error_class.h"
#include "sql/parser/parser_internal.h"

namespace tarn::sql::parser_internal {

namespace {

// Spark refuses more grouping sets than this (GROUPING_SIZE_LIMIT_EXCEEDED); it also bounds
// the work CUBE(..) can ask for.
constexpr size_t kMaxGroupingSets = 4096;

std::shared_ptr<LogicalPlan> NewPlan(PlanKind kind, int32_t position, PlanPtr child = nullptr) {
  auto p = std::make_shared<LogicalPlan>();
  p->kind = kind;
  p->position = position;
  if (child) p->children = {std::move(child)};
  return p;
}

PlanPtr WithPosition(PlanPtr plan, int32_t position) {
  auto copy = std::make_shared<LogicalPlan>(*plan);
  copy->position = position;
  return copy;
}

// One GROUP BY element: the alternatives it contributes (each a list of key indices).
using GroupingFactor = std::vector<std::vector<int>>;

arrow::Status TooManyGroupingSets() {
  return UserError("GROUPING_SIZE_LIMIT_EXCEEDED", "Grouping sets size cannot be greater than {}.",
                   kMaxGroupingSets);
}

arrow::Result<GroupingFactor> Rollup(const std::vector<std::vector<int>>& elements) {
  GroupingFactor sets;
  for (size_t k = elements.size() + 1; k-- > 0;) {
    std::vector<int> set;
    for (size_t j = 0; j < k; ++j) set.insert(set.end(), elements[j].begin(), elements[j].end());
    sets.push_back(std::move(set));
  }
  return sets;
}

arrow::Result<GroupingFactor> Cube(const std::vector<std::vector<int>>& elements) {
  const size_t n = elements.size();
  if (n > 12) return TooManyGroupingSets();
  GroupingFactor sets;
  // Spark's order: all elements first, then subsets in decreasing binary order.
  for (size_t mask = (size_t{1} << n); mask-- > 0;) {
    std::vector<int> set;
    for (size_t j = 0; j < n; ++j) {
      if (mask & (size_t{1} << (n - 1 - j))) set.insert(set.end(), elements[j].begin(), elements[j].end());
    }
    sets.push_back(std::move(set));
  }
  return sets;
}

}  // namespace

arrow::Result<PlanPtr> SqlParser::ParseQuery() {
  TARN_ENTER_NESTING();
  if (IsKeyword("with")) return ParseWith();
  ARROW_ASSIGN_OR_RAISE(auto term, ParseSetOperations(nullptr));
  return ParseQueryOrganization(term);
}

arrow::Result<PlanPtr> SqlParser::ParseWith() {
  const Token& with_token = Next();
  if (IsKeyword("recursive")) {
    return ErrorAt(Peek(), "UNSUPPORTED_FEATURE.RECURSIVE_CTE",
                   "The feature is not supported: WITH RECURSIVE (recursive common table expressions).");
  }
  auto with = NewPlan(PlanKind::kWith, Pos(with_token));
  do {
    ARROW_ASSIGN_OR_RAISE(auto name, ParseIdentifier());
    std::vector<std::string> columns;
    if (IsSymbol("(")) {
      ARROW_ASSIGN_OR_RAISE(columns, ParseIdentifierList());
    }
    AcceptKeyword("as");
    if (!IsSymbol("(")) return SyntaxError();
    const Token& open = Next();
    ARROW_ASSIGN_OR_RAISE(auto body, ParseQuery());
    ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
    if (!columns.empty()) {
      body = MakeAlias(body, name, std::move(columns));
      body = WithPosition(body, Pos(open));
    }
    for (const auto& [existing, plan] : with->ctes) {
      if (AsciiLower(existing) == AsciiLower(name)) {
        return ErrorAt(with_token, "DUPLICATED_CTE_NAMES",
                       fmt::format("CTE definition can't have duplicate names: `{}`.", name));
      }
    }
    with->ctes.emplace_back(std::move(name), std::move(body));
  } while (AcceptSymbol(","));
  if (!StartsQuery() || IsKeyword("with")) return SyntaxError();
  ARROW_ASSIGN_OR_RAISE(auto term, ParseSetOperations(nullptr));
  ARROW_ASSIGN_OR_RAISE(auto body, ParseQueryOrganization(term));
  with->children = {std::move(body)};
  return PlanPtr(with);
}

arrow::Result<PlanPtr> SqlParser::ParseSetOperations(PlanPtr first) {
  ARROW_ASSIGN_OR_RAISE(auto left, ParseIntersections(std::move(first)));
  const int saved_chain = chain_;
  while (IsKeyword("union") || IsKeyword("except") || IsKeyword("minus")) {
    ARROW_RETURN_NOT_OK(EnterChain());
    auto op = NewPlan(PlanKind::kSetOperation, left->position);
    op->set_op = IsKeyword("union") ? SetOperation::kUnion : SetOperation::kExcept;
    Next();
    if (AcceptKeyword("all")) {
      op->all = true;
    } else {
      AcceptKeyword("distinct");
    }
    if (op->set_op == SetOperation::kUnion && AcceptKeywords("by", "name")) op->by_name = true;
    ARROW_ASSIGN_OR_RAISE(auto right, ParseIntersections(nullptr));
    op->children = {std::move(left), std::move(right)};
    left = op;
  }
  chain_ = saved_chain;
  return left;
}

arrow::Result<PlanPtr> SqlParser::ParseIntersections(PlanPtr first) {
  PlanPtr left = std::move(first);
  if (!left) {
    ARROW_ASSIGN_OR_RAISE(left, ParseQueryTerm());
  }
  const int saved_chain = chain_;
  while (IsKeyword("intersect")) {
    ARROW_RETURN_NOT_OK(EnterChain());
    Next();
    auto op = NewPlan(PlanKind::kSetOperation, left->position);
    op->set_op = SetOperation::kIntersect;
    if (AcceptKeyword("all")) {
      op->all = true;
    } else {
      AcceptKeyword("distinct");
    }
    ARROW_ASSIGN_OR_RAISE(auto right, ParseQueryTerm());
    op->children = {std::move(left), std::move(right)};
    left = op;
  }
  chain_ = saved_chain;
  return left;
}

arrow::Result<PlanPtr> SqlParser::ParseQueryTerm() {
  TARN_ENTER_NESTING();
  if (IsKeyword("select")) return ParseSelect();
  if (IsKeyword("values")) return ParseValues();
  if (IsKeyword("table")) {
    const Token& table = Next();
    ARROW_ASSIGN_OR_RAISE(auto relation, ParseTableReference());
    auto project = MakeProject(std::move(relation), {Star()});
    return WithPosition(project, Pos(table));
  }
  if (IsSymbol("(")) {
    const Token& open = Next();
    if (!StartsQuery()) return SyntaxError();
    ARROW_ASSIGN_OR_RAISE(auto query, ParseQuery());
    ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
    (void)open;
    return query;
  }
  return SyntaxError();
}

arrow::Result<PlanPtr> SqlParser::ParseQueryOrganization(PlanPtr plan) {
  if (IsKeyword("order") || IsKeyword("sort") || IsKeyword("cluster")) {
    const Token& first = Peek();
    if (!IsKeyword("by", 1)) return SyntaxErrorAtToken(Peek(1));
    Next();
    Next();
    ARROW_ASSIGN_OR_RAISE(auto items, ParseSortItems());
    plan = WithPosition(MakeSort(std::move(plan), std::move(items)), Pos(first));
  } else if (AcceptKeywords("distribute", "by")) {
    // Partitioning only: one machine has nothing to distribute.
    ARROW_RETURN_NOT_OK(ParseExpressionList().status());
    if (AcceptKeywords("sort", "by")) {
      ARROW_ASSIGN_OR_RAISE(auto items, ParseSortItems());
      plan = MakeSort(std::move(plan), std::move(items));
    }
  }
  // Spark also accepts the WINDOW clause here; ReadWindowDefinitions has read it already.
  if (IsKeyword("window")) ARROW_RETURN_NOT_OK(SkipWindowClause());
  std::optional<int64_t> limit;
  int64_t offset = 0;
  const Token& first = Peek();
  bool has_clause = false;
  if (AcceptKeyword("limit")) {
    has_clause = true;
    if (!AcceptKeyword("all")) {
      ARROW_ASSIGN_OR_RAISE(limit, ParseLimitValue());
    }
  }
  if (AcceptKeyword("offset")) {
    has_clause = true;
    ARROW_ASSIGN_OR_RAISE(offset, ParseLimitValue());
  }
  if (has_clause && (limit || offset != 0)) {
    plan = WithPosition(MakeLimit(std::move(plan), limit.value_or(-1), offset), Pos(first));
  }
  return plan;
}

namespace {

// The value of a constant integer expression (literals with + - * and parentheses), as Spark
// accepts any foldable LIMIT; nullopt otherwise or on overflow.
std::optional<int64_t> FoldInteger(const Expr& e) {
  if (e.kind == ExprKind::kLiteral && e.value && e.value->is_valid) {
    switch (e.value->type->id()) {
      case arrow::Type::INT8: return static_cast<const arrow::Int8Scalar&>(*e.value).value;
      case arrow::Type::INT16: return static_cast<const arrow::Int16Scalar&>(*e.value).value;
      case arrow::Type::INT32: return static_cast<const arrow::Int32Scalar&>(*e.value).value;
      case arrow::Type::INT64: return static_cast<const arrow::Int64Scalar&>(*e.value).value;
      default: return std::nullopt;
    }
  }
  if (e.kind != ExprKind::kCall || e.name.size() != 1) return std::nullopt;
  const std::string& op = e.name[0];
  if (op == "negative" && e.args.size() == 1) {
    auto v = FoldInteger(*e.args[0]);
    if (!v || *v == std::numeric_limits<int64_t>::min()) return std::nullopt;
    return -*v;
  }
  if (e.args.size() != 2 || (op != "+" && op != "-" && op != "*")) return std::nullopt;
  auto a = FoldInteger(*e.args[0]);
  auto b = FoldInteger(*e.args[1]);
  if (!a || !b) return std::nullopt;
  int64_t r = 0;
  bool overflow = op == "+" ? __builtin_add_overflow(*a, *b, &r)
                  : op == "-" ? __builtin_sub_overflow(*a, *b, &r)
                              : __builtin_mul_overflow(*a, *b, &r);
  if (overflow) return std::nullopt;
  return r;
}

}  // namespace

arrow::Result<int64_t> SqlParser::ParseLimitValue() {
  const Token& first = Peek();
  ARROW_ASSIGN_OR_RAISE(auto e, ParseExpr());
  std::optional<int64_t> value = FoldInteger(*e);
  if (!value) {
    return ErrorAt(first, "INVALID_LIMIT_LIKE_EXPRESSION.DATA_TYPE",
                   fmt::format("The limit like expression \"{}\" is invalid: a constant integer is required.",
                               DisplayName(*e)));
  }
  if (*value < 0) {
    return ErrorAt(first, "INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE",
                   fmt::format("The limit like expression \"{}\" is invalid. The expression must be equal to "
                               "or greater than 0, but got {}.",
                               DisplayName(*e), *value));
  }
  return *value;
}

arrow::Result<std::vector<SortItem>> SqlParser::ParseSortItems() {
  std::vector<SortItem> items;
  do {
    SortItem item;
    ARROW_ASSIGN_OR_RAISE(item.expr, ParseExpr());
    if (AcceptKeyword("desc")) {
      item.ascending = false;
    } else {
      AcceptKeyword("asc");
    }
    item.nulls = item.ascending ? NullOrdering::kNullsFirst : NullOrdering::kNullsLast;
    if (AcceptKeyword("nulls")) {
      if (AcceptKeyword("first")) {
        item.nulls = NullOrdering::kNullsFirst;
      } else {
        ARROW_RETURN_NOT_OK(ExpectKeyword("last"));
        item.nulls = NullOrdering::kNullsLast;
      }
    }
    items.push_back(std::move(item));
  } while (AcceptSymbol(","));
  return items;
}

arrow::Result<PlanPtr> SqlParser::ParseValues() {
  const Token& values_token = Next();
  auto values = NewPlan(PlanKind::kValues, Pos(values_token));
  const int saved_chain = chain_;
  do {
    ARROW_RETURN_NOT_OK(EnterChain());
    std::vector<ExprPtr> row;
    // (a, b) is a row of two columns; anything else is a one-column row.
    if (IsSymbol("(") && !StartsQuery(1)) {
      Next();
      ARROW_ASSIGN_OR_RAISE(row, ParseExpressionList());
      ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
    } else {
      ARROW_ASSIGN_OR_RAISE(auto e, ParseExpr());
      row.push_back(std::move(e));
    }
    values->rows.push_back(std::move(row));
  } while (AcceptSymbol(","));
  chain_ = saved_chain;
  return PlanPtr(values);
}

arrow::Result<PlanPtr> SqlParser::ParseSelect() {
  const Token& select = Next();
  const int32_t at = Pos(select);
  // WINDOW definitions come after the select list that uses them: read them first.
  auto saved_windows = windows_;
  ARROW_RETURN_NOT_OK(ReadWindowDefinitions());
  bool distinct = false;
  if (AcceptKeyword("distinct")) {
    distinct = true;
  } else {
    AcceptKeyword("all");
  }
  ARROW_ASSIGN_OR_RAISE(auto items, ParseSelectList());
  PlanPtr from;
  if (AcceptKeyword("from")) {
    ARROW_ASSIGN_OR_RAISE(from, ParseFrom());
  } else {
    from = WithPosition(MakeOneRow(), at);
  }
  while (IsKeyword("lateral") && IsKeyword("view", 1)) {
    ARROW_ASSIGN_OR_RAISE(from, ParseLateralView(std::move(from)));
  }
  if (IsKeyword("where")) {
    const Token& where = Next();
    ARROW_ASSIGN_OR_RAISE(auto condition, ParseExpr());
    from = WithPosition(MakeFilter(std::move(from), std::move(condition)), Pos(where));
  }
  PlanPtr core;
  if (IsKeyword("group") && IsKeyword("by", 1)) {
    Next();
    Next();
    ARROW_ASSIGN_OR_RAISE(core, ParseGroupBy(std::move(from), std::move(items), at));
  } else if (IsKeyword("having")) {
    // HAVING without GROUP BY: a global aggregate.
    auto aggregate = NewPlan(PlanKind::kAggregate, at, std::move(from));
    aggregate->exprs = std::move(items);
    core = aggregate;
  } else {
    core = WithPosition(MakeProject(std::move(from), std::move(items)), at);
  }
  if (IsKeyword("having")) {
    const Token& having = Next();
    ARROW_ASSIGN_OR_RAISE(auto condition, ParseExpr());
    core = WithPosition(MakeFilter(std::move(core), std::move(condition)), Pos(having));
  }
  if (IsKeyword("window")) ARROW_RETURN_NOT_OK(SkipWindowClause());
  if (IsKeyword("qualify")) {
    const Token& qualify = Next();
    ARROW_ASSIGN_OR_RAISE(auto condition, ParseExpr());
    core = WithPosition(MakeFilter(std::move(core), std::move(condition)), Pos(qualify));
  }
  if (distinct) core = NewPlan(PlanKind::kDistinct, at, std::move(core));
  windows_ = std::move(saved_windows);
  return core;
}

arrow::Result<std::vector<ExprPtr>> SqlParser::ParseSelectList() {
  std::vector<ExprPtr> items;
  const int saved_chain = chain_;
  do {
    ARROW_RETURN_NOT_OK(EnterChain());
    ARROW_ASSIGN_OR_RAISE(auto item, ParseSelectItem());
    items.push_back(std::move(item));
  } while (AcceptSymbol(","));
  chain_ = saved_chain;
  return items;
}

arrow::Result<ExprPtr> SqlParser::ParseSelectItem() {
  const Token& first = Peek();
  ExprPtr item;
  if (IsSymbol("*")) {
    Next();
    auto star = std::const_pointer_cast<Expr>(Star());
    star->position = Pos(first);
    item = star;
  } else {
    ARROW_ASSIGN_OR_RAISE(item, ParseExpr());
  }
  if (item->kind == ExprKind::kStar) {
    if (AcceptKeyword("except") || AcceptKeyword("exclude")) {
      ARROW_RETURN_NOT_OK(ExpectSymbol("("));
      auto star = std::make_shared<Expr>(*item);
      do {
        ARROW_ASSIGN_OR_RAISE(auto name, ParseMultipartName());
        std::string joined;
        for (const auto& p : name) joined += (joined.empty() ? "" : ".") + p;
        star->except_columns.push_back(std::move(joined));
      } while (AcceptSymbol(","));
      ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
      item = star;
    }
    return item;
  }
  std::vector<std::string> names;
  if (AcceptKeyword("as")) {
    if (IsSymbol("(")) {
      ARROW_ASSIGN_OR_RAISE(names, ParseIdentifierList());
    } else {
      ARROW_ASSIGN_OR_RAISE(auto name, ParseIdentifier());
      names.push_back(std::move(name));
    }
  } else if (IsIdentifierToken() && !IsReservedForAlias()) {
    ARROW_ASSIGN_OR_RAISE(auto name, ParseIdentifier());
    names.push_back(std::move(name));
  }
  if (names.empty()) return item;
  auto alias = std::const_pointer_cast<Expr>(AliasOf(item, names[0], Pos(first)));
  alias->name = std::move(names);  // several for a generator: explode(m) AS (k, v)
  return ExprPtr(alias);
}

arrow::Result<PlanPtr> SqlParser::ParseGroupBy(PlanPtr child, std::vector<ExprPtr> select, int32_t position) {
  auto aggregate = NewPlan(PlanKind::kAggregate, position, std::move(child));
  aggregate->exprs = std::move(select);
  if (IsKeyword("all") && !IsSymbol(".", 1) && !IsSymbol("(", 1)) {
    Next();
    aggregate->group_by_all = true;
    return PlanPtr(aggregate);
  }
  // Keys are shared between grouping sets: a key written twice gets one index.
  std::map<std::string, int> key_index;
  auto add_key = [&](ExprPtr e) {
    std::string key = ToString(*e);
    auto it = key_index.find(key);
    if (it != key_index.end()) return it->second;
    int index = static_cast<int>(aggregate->group_by.size());
    aggregate->group_by.push_back(std::move(e));
    key_index.emplace(std::move(key), index);
    return index;
  };
  // ( a, b ) or a: one element of ROLLUP / CUBE / GROUPING SETS.
  auto parse_element = [&]() -> arrow::Result<std::vector<int>> {
    std::vector<int> set;
    if (IsSymbol("(") && !StartsQuery(1)) {
      Next();
      if (AcceptSymbol(")")) return set;
      ARROW_ASSIGN_OR_RAISE(auto list, ParseExpressionList());
      ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
      for (auto& e : list) set.push_back(add_key(std::move(e)));
      return set;
    }
    ARROW_ASSIGN_OR_RAISE(auto e, ParseExpr());
    set.push_back(add_key(std::move(e)));
    return set;
  };
  auto parse_elements = [&]() -> arrow::Result<std::vector<std::vector<int>>> {
    ARROW_RETURN_NOT_OK(ExpectSymbol("("));
    std::vector<std::vector<int>> elements;
    do {
      ARROW_ASSIGN_OR_RAISE(auto e, parse_element());
      elements.push_back(std::move(e));
    } while (AcceptSymbol(","));
    ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
    return elements;
  };
  std::vector<GroupingFactor> factors;
  bool has_sets = false;
  do {
    if ((IsKeyword("rollup") || IsKeyword("cube")) && IsSymbol("(", 1)) {
      const bool rollup = IsKeyword("rollup");
      Next();
      ARROW_ASSIGN_OR_RAISE(auto elements, parse_elements());
      ARROW_ASSIGN_OR_RAISE(auto sets, rollup ? Rollup(elements) : Cube(elements));
      factors.push_back(std::move(sets));
      has_sets = true;
    } else if (IsKeyword("grouping") && IsKeyword("sets", 1)) {
      Next();
      Next();
      ARROW_ASSIGN_OR_RAISE(auto sets, parse_elements());
      factors.push_back(std::move(sets));
      has_sets = true;
    } else if (IsSymbol("(") && IsSymbol(")", 1)) {
      Next();
      Next();
      factors.push_back({{}});
    } else {
      ARROW_ASSIGN_OR_RAISE(auto e, ParseExpr());
      factors.push_back({{add_key(std::move(e))}});
    }
  } while (AcceptSymbol(","));
  if (IsKeyword("with") && (IsKeyword("rollup", 1) || IsKeyword("cube", 1))) {
    Next();
    const bool rollup = AcceptKeyword("rollup");
    if (!rollup) Next();
    if (has_sets) return SyntaxError();
    std::vector<std::vector<int>> elements;
    for (const auto& f : factors) elements.push_back(f[0]);
    ARROW_ASSIGN_OR_RAISE(auto sets, rollup ? Rollup(elements) : Cube(elements));
    factors = {std::move(sets)};
    has_sets = true;
  }
  if (has_sets) {
    // The cross product of the elements: GROUP BY a, ROLLUP(b, c) groups by (a, b, c), (a, b), (a).
    std::vector<std::vector<int>> sets = {{}};
    for (const auto& factor : factors) {
      if (sets.size() * factor.size() > kMaxGroupingSets) return TooManyGroupingSets();
      std::vector<std::vector<int>> next;
      for (const auto& s : sets) {
        for (const auto& g : factor) {
          auto merged = s;
          merged.insert(merged.end(), g.begin(), g.end());
          next.push_back(std::move(merged));
        }
      }
      sets = std::move(next);
    }
    aggregate->grouping_sets = std::move(sets);
  }
  return PlanPtr(aggregate);
}

arrow::Status SqlParser::ReadWindowDefinitions() {
  int depth = 0;
  for (size_t i = pos_; i < tokens_.size(); ++i) {
    const Token& t = tokens_[i];
    if (t.kind == Token::Kind::kEnd) break;
    if (t.kind == Token::Kind::kSymbol) {
      if (t.text == "(") ++depth;
      if (t.text == ")" && depth-- == 0) break;
      continue;
    }
    if (depth != 0 || t.kind != Token::Kind::kWord) continue;
    const std::string word = AsciiLower(t.text);
    if (word == "union" || word == "intersect" || word == "except" || word == "minus") break;
    if (word == "window" && i + 2 < tokens_.size() && tokens_[i + 2].kind == Token::Kind::kWord &&
        AsciiLower(tokens_[i + 2].text) == "as") {
      const size_t saved = pos_;
      pos_ = i;
      arrow::Status status = SkipWindowClause();  // records the definitions in windows_
      pos_ = saved;
      return status;
    }
  }
  return arrow::Status::OK();
}

arrow::Status SqlParser::SkipWindowClause() {
  Next();  // WINDOW
  do {
    ARROW_ASSIGN_OR_RAISE(auto name, ParseIdentifier());
    ARROW_RETURN_NOT_OK(ExpectKeyword("as"));
    std::shared_ptr<const WindowSpec> spec;
    if (IsIdentifierToken()) {
      const Token& ref = Peek();
      ARROW_ASSIGN_OR_RAISE(auto other, ParseIdentifier());
      auto it = windows_.find(AsciiLower(other));
      if (it == windows_.end()) {
        return ErrorAt(ref, "MISSING_WINDOW_SPECIFICATION",
                       fmt::format("Window specification {} is not defined in the WINDOW clause.", other));
      }
      spec = it->second;
    } else {
      ARROW_RETURN_NOT_OK(ExpectSymbol("("));
      ARROW_ASSIGN_OR_RAISE(spec, ParseWindowSpec());
      ARROW_RETURN_NOT_OK(ExpectSymbol(")"));
    }
    auto named = std::make_shared<WindowSpec>(*spec);
    named->name = name;
    windows_[AsciiLower(name)] = std::move(named);
  } while (AcceptSymbol(","));
  return arrow::Status::OK();
}

}  // namespace tarn::sql::parser_internal
