// Subqueries in WHERE / HAVING become joins:
//   EXISTS (S)            -> left semi join on S's correlated predicates
//   NOT EXISTS (S)        -> left anti join
//   x IN (S)              -> left semi join on x = s plus the correlated predicates
//   x NOT IN (S)          -> left anti join; when NULLs are possible, Spark's three-valued
//                            semantics are kept with a row count and non-null count of S
//   correlated scalar (S) -> S grouped by its correlation columns, left outer joined
//   EXISTS (S) inside another expression (under OR, NOT, CASE) -> the distinct correlation keys
//                            of S with a marker, left outer joined: EXISTS is "marker is not null"
//   x IN (S) inside another expression -> the same with x = s, plus S's group sizes for NULLs
// Uncorrelated scalar subqueries stay; the executor evaluates them once.
#include <set>
#include <string>

#include <arrow/api.h>

#include "errors/error_class.h"
#include "sql/optimizer/optimizer_internal.h"

namespace tarn::sql::optimizer_internal {

namespace {

bool IsCorrelated(const Expr& e) {
  return e.subquery && !OuterReferences(std::make_shared<Expr>(e)).empty();
}

// Outer references inside predicates pulled out of a subquery are plain columns of the join.
arrow::Result<ExprPtr> OuterToColumn(const ExprPtr& e) {
  return RewriteBottomUp(e, [](const ExprPtr& x) -> arrow::Result<ExprPtr> {
    if (x->kind != ExprKind::kOuterRef) return x;
    auto c = CopyExpr(*x);
    c->kind = ExprKind::kColumn;
    return ExprPtr(c);
  });
}

bool HasOuterRef(const ExprPtr& e) {
  bool found = false;
  VisitExpr(e, [&](const Expr& x) {
    if (x.kind == ExprKind::kOuterRef) found = true;
    return !found;
  });
  return found;
}

// Removes the correlated conjuncts from a subquery plan, returning them (with outer references
// turned into columns) and keeping the inner columns they use visible at the subquery's top.
struct Decorrelated {
  PlanPtr plan;
  std::vector<ExprPtr> predicates;
};

arrow::Result<Decorrelated> PullUp(const PlanPtr& plan, bool allow_aggregate) {
  switch (plan->kind) {
    case PlanKind::kFilter: {
      ARROW_ASSIGN_OR_RAISE(auto below, PullUp(plan->children[0], allow_aggregate));
      std::vector<ExprPtr> keep;
      for (const auto& c : SplitConjunction(plan->condition)) {
        if (HasOuterRef(c)) {
          ARROW_ASSIGN_OR_RAISE(auto p, OuterToColumn(c));
          below.predicates.push_back(p);
        } else {
          keep.push_back(c);
        }
      }
      below.plan = FilterOver(below.plan, keep);
      return below;
    }
    case PlanKind::kProject: {
      ARROW_ASSIGN_OR_RAISE(auto below, PullUp(plan->children[0], allow_aggregate));
      if (below.predicates.empty()) {
        below.plan = WithChildren(*plan, {below.plan});
        return below;
      }
      auto copy = CopyPlan(*plan);
      copy->children = {below.plan};
      auto have = OutputIds(*copy);
      auto child_ids = OutputIds(*below.plan);
      for (const auto& p : below.predicates) {
        for (auto id : ReferencedAttributes(p)) {
          if (have.count(id) || !child_ids.count(id)) continue;
          for (const auto& a : below.plan->output) {
            if (a.id == id) {
              copy->exprs.push_back(AttributeRef(a));
              copy->output.push_back(a);
            }
          }
          have.insert(id);
        }
      }
      below.plan = copy;
      return below;
    }
    case PlanKind::kAggregate: {
      ARROW_ASSIGN_OR_RAISE(auto below, PullUp(plan->children[0], allow_aggregate));
      if (below.predicates.empty()) {
        below.plan = WithChildren(*plan, {below.plan});
        return below;
      }
      if (!allow_aggregate || !plan->grouping_sets.empty()) {
        return UserError("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.CORRELATED_REFERENCE",
                         "Correlated predicates below an aggregate are only supported in scalar subqueries.");
      }
      // Group by the inner columns of the (equality) predicates so each outer row finds its group.
      auto copy = CopyPlan(*plan);
      copy->children = {below.plan};
      auto child_ids = OutputIds(*below.plan);
      std::set<int64_t> keys;
      for (const auto& k : copy->group_by) keys.insert(OutputAttribute(*k).id);
      for (const auto& p : below.predicates) {
        if (!(p->kind == ExprKind::kCall && p->name[0] == "=")) {
          return UserError("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.CORRELATED_COLUMN_IS_NOT_ALLOWED_IN_PREDICATE",
                           "Correlated scalar subqueries support only equality predicates on correlated columns.");
        }
        for (auto id : ReferencedAttributes(p)) {
          if (!child_ids.count(id) || keys.count(id)) continue;
          for (const auto& a : below.plan->output) {
            if (a.id != id) continue;
            copy->group_by.push_back(AttributeRef(a));
            keys.insert(id);
          }
        }
      }
      copy->output.clear();
      for (const auto& k : copy->group_by) copy->output.push_back(OutputAttribute(*k));
      for (const auto& a : copy->exprs) copy->output.push_back(OutputAttribute(*a));
      below.plan = copy;
      return below;
    }
    case PlanKind::kSubqueryAlias: {
      ARROW_ASSIGN_OR_RAISE(auto below, PullUp(plan->children[0], allow_aggregate));
      auto copy = CopyPlan(*plan);
      copy->children = {below.plan};
      copy->output = below.plan->output;
      below.plan = copy;
      return below;
    }
    case PlanKind::kSort: {
      // Order inside a subquery means nothing.
      return PullUp(plan->children[0], allow_aggregate);
    }
    case PlanKind::kJoin: {
      ARROW_ASSIGN_OR_RAISE(auto left, PullUp(plan->children[0], allow_aggregate));
      ARROW_ASSIGN_OR_RAISE(auto right, PullUp(plan->children[1], allow_aggregate));
      if (!right.predicates.empty() &&
          (plan->join_type == JoinType::kLeftSemi || plan->join_type == JoinType::kLeftAnti)) {
        return UserError("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.CORRELATED_REFERENCE",
                         "Correlated references inside a nested EXISTS / IN are not supported yet.");
      }
      auto copy = CopyPlan(*plan);
      copy->children = {left.plan, right.plan};
      if (HasOuterRef(plan->condition)) {
        return UserError("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.CORRELATED_REFERENCE",
                         "Correlated references in a join condition inside a subquery are not supported yet.");
      }
      Decorrelated out{copy, left.predicates};
      out.predicates.insert(out.predicates.end(), right.predicates.begin(), right.predicates.end());
      return out;
    }
    default: {
      // Any correlation further down (under LIMIT, windows, set operations) is not supported.
      bool correlated = false;
      for (const auto& e : plan->exprs) correlated |= HasOuterRef(e);
      correlated |= HasOuterRef(plan->condition);
      if (correlated) {
        return UserError("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.CORRELATED_REFERENCE",
                         "Correlated references are not supported in this position of a subquery.");
      }
      return Decorrelated{plan, {}};
    }
  }
}

// What the column `id` of `plan` holds when the plan's input has no rows.
enum class EmptyInput { kNull, kZero, kUnknown };

EmptyInput ValueOnEmptyInput(const LogicalPlan& plan, int64_t id) {
  switch (plan.kind) {
    case PlanKind::kProject:
      for (const auto& e : plan.exprs) {
        const Expr* x = e.get();
        if (x->kind == ExprKind::kAlias && x->attribute_id == id) x = x->args.at(0).get();
        else if (!(x->kind == ExprKind::kColumn && x->attribute_id == id)) continue;
        if (x->kind == ExprKind::kColumn) return ValueOnEmptyInput(*plan.children.at(0), x->attribute_id);
        // Arithmetic and casts over columns that are NULL on empty input are NULL too
        // (e.g. 0.2 * avg(x)); anything else (coalesce, count(*) + 1) is not known here.
        bool null_on_empty = true;
        VisitExpr(std::make_shared<Expr>(*x), [&](const Expr& y) {
          if (y.kind == ExprKind::kColumn) {
            null_on_empty &= ValueOnEmptyInput(*plan.children.at(0), y.attribute_id) == EmptyInput::kNull;
          } else if (y.kind == ExprKind::kCall) {
            static const std::set<std::string> kStrict = {"+", "-", "*", "/", "%", "div", "negative", "positive"};
            null_on_empty &= !y.name.empty() && kStrict.count(y.name[0]) > 0;
          } else if (y.kind != ExprKind::kCast && y.kind != ExprKind::kLiteral) {
            null_on_empty = false;
          }
          return null_on_empty;
        });
        return null_on_empty ? EmptyInput::kNull : EmptyInput::kUnknown;
      }
      return EmptyInput::kUnknown;
    case PlanKind::kFilter:
    case PlanKind::kSubqueryAlias:
    case PlanKind::kSort:
      return ValueOnEmptyInput(*plan.children.at(0), id);
    case PlanKind::kAggregate:
      for (const auto& e : plan.exprs) {
        if (e->kind != ExprKind::kAlias || e->attribute_id != id) continue;
        const Expr& call = *e->args.at(0);
        if (call.kind != ExprKind::kCall || !call.is_aggregate || call.name.empty()) return EmptyInput::kUnknown;
        const std::string& f = call.name[0];
        if (f == "count" || f == "count_if") return EmptyInput::kZero;
        if (f == "sum" || f == "avg" || f == "mean" || f == "min" || f == "max" || f == "first" || f == "last" ||
            f == "any_value" || f == "stddev" || f == "variance" || f == "stddev_samp" || f == "var_samp" ||
            f == "stddev_pop" || f == "var_pop" || f == "median") {
          return EmptyInput::kNull;
        }
        return EmptyInput::kUnknown;
      }
      return EmptyInput::kUnknown;
    default:
      return EmptyInput::kUnknown;
  }
}

PlanPtr JoinOf(PlanPtr left, PlanPtr right, JoinType type, ExprPtr condition) {
  auto j = std::make_shared<LogicalPlan>();
  j->kind = PlanKind::kJoin;
  j->join_type = type;
  j->condition = std::move(condition);
  j->output = left->output;
  if (type != JoinType::kLeftSemi && type != JoinType::kLeftAnti) {
    for (auto a : right->output) {
      if (type == JoinType::kLeft || type == JoinType::kFull) a.nullable = true;
      j->output.push_back(a);
    }
  }
  j->children = {std::move(left), std::move(right)};
  return j;
}

ExprPtr AggregateCall(const std::string& name, std::vector<ExprPtr> args) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kCall;
  e->name = {name};
  e->is_aggregate = true;
  e->type = arrow::int64();
  e->nullable = false;
  e->args = std::move(args);
  return e;
}

class Rewriter {
 public:
  explicit Rewriter(IdGenerator& ids) : ids_(ids) {}

  arrow::Result<PlanPtr> Rewrite(const PlanPtr& plan) {
    std::vector<PlanPtr> children;
    for (const auto& c : plan->children) {
      ARROW_ASSIGN_OR_RAISE(auto r, Rewrite(c));
      children.push_back(r);
    }
    auto node = CopyPlan(*plan);
    node->children = children;
    // Subquery plans inside this node's expressions get their own rewrite first.
    auto rewrite_nested = [&](const ExprPtr& e) -> arrow::Result<ExprPtr> {
      return RewriteBottomUp(e, [&](const ExprPtr& x) -> arrow::Result<ExprPtr> {
        if (!x->subquery) return x;
        ARROW_ASSIGN_OR_RAISE(auto sub, Rewrite(x->subquery));
        auto c = CopyExpr(*x);
        c->subquery = sub;
        return ExprPtr(c);
      });
    };
    if (node->condition) {
      ARROW_ASSIGN_OR_RAISE(node->condition, rewrite_nested(node->condition));
    }
    for (auto& e : node->exprs) {
      ARROW_ASSIGN_OR_RAISE(e, rewrite_nested(e));
    }
    if (node->kind == PlanKind::kProject) return RewriteProject(node);
    if (node->kind != PlanKind::kFilter || !ContainsSubquery(node->condition)) return PlanPtr(node);
    return RewriteFilter(*node);
  }

 private:
  arrow::Result<PlanPtr> RewriteFilter(const LogicalPlan& filter) {
    PlanPtr current = filter.children[0];
    const auto original_output = current->output;
    std::vector<ExprPtr> keep;
    for (auto c : SplitConjunction(filter.condition)) {
      bool negated = false;
      const Expr* e = c.get();
      if (e->kind == ExprKind::kCall && e->name[0] == "not" && e->args.size() == 1 &&
          (e->args[0]->kind == ExprKind::kExists || e->args[0]->kind == ExprKind::kInSubquery)) {
        negated = true;
        e = e->args[0].get();
      }
      if (e->kind == ExprKind::kExists) {
        negated ^= e->negated;
        ARROW_ASSIGN_OR_RAISE(auto d, PullUp(e->subquery, false));
        current = JoinOf(current, d.plan, negated ? JoinType::kLeftAnti : JoinType::kLeftSemi,
                         MakeConjunction(d.predicates));
        continue;
      }
      if (e->kind == ExprKind::kInSubquery) {
        negated ^= e->negated;
        ARROW_ASSIGN_OR_RAISE(current, RewriteIn(current, *e, negated));
        continue;
      }
      // EXISTS nested in the conjunct (a top-level one became a semi / anti join above).
      ARROW_ASSIGN_OR_RAISE(c, FoldNotIn(c));
      ARROW_ASSIGN_OR_RAISE(c, RewriteBottomUp(c, [&](const ExprPtr& x) -> arrow::Result<ExprPtr> {
        if (x->kind == ExprKind::kExists) return ExistenceMarker(&current, *x);
        if (x->kind == ExprKind::kInSubquery) return InValue(&current, *x);
        return x;
      }));
      // Correlated scalar subqueries anywhere in the conjunct.
      ARROW_ASSIGN_OR_RAISE(c, RewriteBottomUp(c, [&](const ExprPtr& x) -> arrow::Result<ExprPtr> {
        if (x->kind != ExprKind::kScalarSubquery || !IsCorrelated(*x)) return x;
        return ScalarSubqueryValue(&current, *x);
      }));
      if (ContainsSubquery(c)) {
        bool bad = false;
        VisitExpr(c, [&](const Expr& x) {
          if (x.kind == ExprKind::kExists || x.kind == ExprKind::kInSubquery) bad = true;
          return !bad;
        });
        if (bad) {
          return UserError("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY",
                           "IN / EXISTS subqueries are supported as top-level conditions of WHERE and HAVING "
                           "(combined with AND), not inside other expressions yet.");
        }
      }
      keep.push_back(c);
    }
    current = FilterOver(current, keep);
    if (current->output.size() != original_output.size()) current = ProjectTo(current, original_output);
    return current;
  }

  // NOT (x IN (S)) is x NOT IN (S): one node, so InValue sees the negation (Spark's Not(InSubquery)).
  static arrow::Result<ExprPtr> FoldNotIn(const ExprPtr& e) {
    return RewriteBottomUp(e, [](const ExprPtr& x) -> arrow::Result<ExprPtr> {
      if (x->kind != ExprKind::kCall || x->name.empty() || x->name[0] != "not" || x->args.size() != 1 ||
          x->args[0]->kind != ExprKind::kInSubquery) {
        return x;
      }
      auto flipped = CopyExpr(*x->args[0]);
      flipped->negated = !flipped->negated;
      return ExprPtr(flipped);
    });
  }

  // A correlated scalar subquery as a value: S grouped by its correlation columns, left joined.
  // An outer row without inner rows gets what S gives on no input: NULL for most aggregates,
  // 0 for count (the "count bug"); other shapes are refused rather than answered wrongly.
  arrow::Result<ExprPtr> ScalarSubqueryValue(PlanPtr* current, const Expr& subquery) {
    ARROW_ASSIGN_OR_RAISE(auto d, PullUp(subquery.subquery, true));
    const Attribute value = d.plan->output.at(0);
    const EmptyInput empty = ValueOnEmptyInput(*d.plan, value.id);
    if (empty == EmptyInput::kUnknown && !d.predicates.empty()) {
      return UserError("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY",
                       "A correlated scalar subquery must return one aggregate (e.g. max(x), count(*)) for now.");
    }
    *current = JoinOf(*current, d.plan, JoinType::kLeft, MakeConjunction(d.predicates));
    auto nullable = CopyExpr(*AttributeRef(value));
    nullable->nullable = true;
    if (empty != EmptyInput::kZero) return ExprPtr(nullable);
    auto zero = CopyExpr(*Literal(arrow::MakeScalar(int64_t{0})));
    zero->type = arrow::int64();
    zero->nullable = false;
    auto coalesce = std::make_shared<Expr>();
    coalesce->kind = ExprKind::kCall;
    coalesce->name = {"coalesce"};
    coalesce->type = value.type;
    coalesce->nullable = false;
    coalesce->args = {ExprPtr(nullable), ExprPtr(zero)};
    return ExprPtr(coalesce);
  }

  // The select list: EXISTS and correlated scalar subqueries become joins below the projection,
  // which keeps its own output (the joined columns go no further).
  arrow::Result<PlanPtr> RewriteProject(std::shared_ptr<LogicalPlan> project) {
    bool has = false;
    for (const auto& e : project->exprs) {
      VisitExpr(e, [&](const Expr& x) {
        if (x.kind == ExprKind::kExists || x.kind == ExprKind::kInSubquery ||
            (x.kind == ExprKind::kScalarSubquery && IsCorrelated(x))) {
          has = true;
        }
        return !has;
      });
    }
    if (!has) return PlanPtr(project);
    PlanPtr current = project->children.at(0);
    for (auto& e : project->exprs) {
      ARROW_ASSIGN_OR_RAISE(e, FoldNotIn(e));
      ARROW_ASSIGN_OR_RAISE(e, RewriteBottomUp(e, [&](const ExprPtr& x) -> arrow::Result<ExprPtr> {
        if (x->kind == ExprKind::kExists) return ExistenceMarker(&current, *x);
        if (x->kind == ExprKind::kInSubquery) return InValue(&current, *x);
        if (x->kind == ExprKind::kScalarSubquery && IsCorrelated(*x)) return ScalarSubqueryValue(&current, *x);
        return x;
      }));
    }
    project->children = {current};
    return PlanPtr(project);
  }

  // The equality correlations of a pulled-up subquery: for each predicate `inner = outer`, the
  // inner column and the outer expression. Other predicate shapes are refused.
  struct Correlation {
    Attribute inner;
    ExprPtr outer;
  };
  arrow::Result<std::vector<Correlation>> EqualityCorrelations(const LogicalPlan& current, const Decorrelated& d,
                                                               const char* what) {
    const auto outer_ids = OutputIds(current);
    const auto inner_ids = OutputIds(*d.plan);
    std::vector<Correlation> out;
    for (const auto& p : d.predicates) {
      bool matched = false;
      if (p->kind == ExprKind::kCall && !p->name.empty() && p->name[0] == "=" && p->args.size() == 2) {
        for (int flip = 0; flip < 2 && !matched; ++flip) {
          const auto& inner = p->args[flip];
          const auto& outer = p->args[1 - flip];
          if (inner->kind != ExprKind::kColumn || !inner_ids.count(inner->attribute_id)) continue;
          if (!Covers(outer_ids, ReferencedAttributes(outer))) continue;
          for (const auto& a : d.plan->output) {
            if (a.id == inner->attribute_id) out.push_back({a, outer});
          }
          matched = true;
        }
      }
      if (!matched) {
        return UserError("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY",
                         "{} inside another expression supports equality correlations (inner column = outer "
                         "expression) only.", what);
      }
    }
    return out;
  }

  ExprPtr TypedLiteral(std::shared_ptr<arrow::Scalar> value) {
    auto literal = CopyExpr(*Literal(value));
    literal->type = value->type;
    literal->nullable = !value->is_valid;
    return literal;
  }

  ExprPtr AliasAs(ExprPtr e, const Attribute& a) {
    auto x = std::make_shared<Expr>();
    x->kind = ExprKind::kAlias;
    x->name = {a.name};
    x->attribute_id = a.id;
    x->type = a.type;
    x->nullable = a.nullable;
    x->args = {std::move(e)};
    return x;
  }

  // DISTINCT (columns..., true AS marker) over `plan`; returns it and the marker.
  std::pair<PlanPtr, Attribute> DistinctWithMarker(const PlanPtr& plan, const std::vector<Attribute>& columns) {
    Attribute marker{ids_.Next(), "__match", {}, arrow::boolean(), false};
    auto project = std::make_shared<LogicalPlan>();
    project->kind = PlanKind::kProject;
    project->children = {plan};
    for (const auto& c : columns) {
      project->exprs.push_back(AttributeRef(c));
      project->output.push_back(c);
    }
    project->exprs.push_back(AliasAs(TypedLiteral(arrow::MakeScalar(true)), marker));
    project->output.push_back(marker);
    auto distinct = std::make_shared<LogicalPlan>();
    distinct->kind = PlanKind::kDistinct;
    distinct->children = {project};
    distinct->output = project->output;
    marker.nullable = true;  // as seen through the outer join
    return {distinct, marker};
  }

  ExprPtr ConditionOrTrue(const std::vector<ExprPtr>& conjuncts) {
    ExprPtr c = MakeConjunction(conjuncts);
    return c ? c : TypedLiteral(arrow::MakeScalar(true));
  }

  // EXISTS (S) as a value: S reduced to the distinct values of the inner side of its equality
  // correlations plus a constant marker, left joined to `current` on those equalities (at most
  // one match per outer row, so no row is duplicated). Uncorrelated: at most one marker row.
  arrow::Result<ExprPtr> ExistenceMarker(PlanPtr* current, const Expr& exists) {
    ARROW_ASSIGN_OR_RAISE(auto d, PullUp(exists.subquery, false));
    ARROW_ASSIGN_OR_RAISE(auto correlations, EqualityCorrelations(**current, d, "EXISTS"));
    std::vector<Attribute> keys;
    for (const auto& c : correlations) keys.push_back(c.inner);
    auto [distinct, marker] = DistinctWithMarker(d.plan, keys);
    *current = JoinOf(*current, distinct, JoinType::kLeft, ConditionOrTrue(d.predicates));
    return BooleanCall(exists.negated ? "isnull" : "isnotnull", {AttributeRef(marker)});
  }

  // x [NOT] IN (S) as a value, as Spark evaluates an IN subquery that is not a top-level WHERE
  // conjunct (an existence join, two-valued): x IN (S) is "some s of x's group (the rows of S its
  // correlations select) equals x"; x NOT IN (S) is "no s of the group equals x or compares to it
  // as NULL" (so a NULL x or a NULL s makes it false unless the group is empty). The distinct
  // (keys, s) with a marker join on the correlations and x = s; for NOT IN the group's row and
  // non-null counts join on the correlations too.
  arrow::Result<ExprPtr> InValue(PlanPtr* current, const Expr& in) {
    if (in.args.size() != 1) {
      return UserError("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY",
                       "Multi-column IN subqueries are supported as top-level conditions of WHERE only.");
    }
    ARROW_ASSIGN_OR_RAISE(auto d, PullUp(in.subquery, false));
    ARROW_ASSIGN_OR_RAISE(auto correlations, EqualityCorrelations(**current, d, "IN"));
    const Attribute value = in.subquery->output.at(0);
    std::vector<Attribute> columns;
    for (const auto& c : correlations) columns.push_back(c.inner);
    columns.push_back(value);
    auto [distinct, marker] = DistinctWithMarker(d.plan, columns);
    std::vector<ExprPtr> match = d.predicates;
    match.push_back(BooleanCall("=", {in.args[0], AttributeRef(value)}));
    *current = JoinOf(*current, distinct, JoinType::kLeft, MakeConjunction(match));
    const ExprPtr matched = BooleanCall("isnotnull", {AttributeRef(marker)});
    if (!in.negated) return matched;

    // The group's sizes, keyed by fresh ids (the keys above are already in the plan).
    auto agg = std::make_shared<LogicalPlan>();
    agg->kind = PlanKind::kAggregate;
    agg->children = {d.plan};
    std::vector<ExprPtr> on;
    for (const auto& c : correlations) {
      Attribute key = c.inner;
      key.id = ids_.Next();
      agg->group_by.push_back(AliasAs(AttributeRef(c.inner), key));
      agg->output.push_back(key);
      on.push_back(BooleanCall("=", {AttributeRef(key), c.outer}));
    }
    Attribute rows{ids_.Next(), "__rows", {}, arrow::int64(), false};
    Attribute values{ids_.Next(), "__values", {}, arrow::int64(), false};
    agg->exprs = {AliasAs(AggregateCall("count", {}), rows), AliasAs(AggregateCall("count", {AttributeRef(value)}), values)};
    agg->output.push_back(rows);
    agg->output.push_back(values);
    *current = JoinOf(*current, agg, JoinType::kLeft, ConditionOrTrue(on));
    rows.nullable = values.nullable = true;  // no group: no row joined

    // Some s compares to x as NULL: the group is not empty and x is NULL or the group has a NULL.
    const ExprPtr unknown = BooleanCall(
        "and", {BooleanCall("isnotnull", {AttributeRef(rows)}),
                BooleanCall("or", {BooleanCall("isnull", {in.args[0]}),
                                   BooleanCall("<", {AttributeRef(values), AttributeRef(rows)})})});
    return BooleanCall("not", {BooleanCall("or", {matched, unknown})});
  }

  arrow::Result<PlanPtr> RewriteIn(PlanPtr current, const Expr& in, bool negated) {
    ARROW_ASSIGN_OR_RAISE(auto d, PullUp(in.subquery, false));
    std::vector<ExprPtr> equalities;
    bool nullable = false;
    const auto& sub_out = in.subquery->output;
    for (size_t i = 0; i < in.args.size(); ++i) {
      auto rhs = AttributeRef(sub_out.at(i));
      nullable |= in.args[i]->nullable || sub_out[i].nullable;
      equalities.push_back(BooleanCall("=", {in.args[i], rhs}));
    }
    // The subquery's visible columns may have grown (pulled-up predicates); keep ids.
    std::vector<ExprPtr> condition = equalities;
    condition.insert(condition.end(), d.predicates.begin(), d.predicates.end());
    if (!negated) return JoinOf(current, d.plan, JoinType::kLeftSemi, MakeConjunction(condition));
    if (!nullable) return JoinOf(current, d.plan, JoinType::kLeftAnti, MakeConjunction(condition));
    if (in.args.size() != 1 || !d.predicates.empty()) {
      return UserError("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY",
                       "NOT IN over nullable multi-column or correlated subqueries is not supported yet.");
    }
    // x NOT IN (S) is true when S is empty, else when x is not null, no s equals x, and S has no NULL.
    const auto output = current->output;
    auto anti = JoinOf(current, d.plan, JoinType::kLeftAnti, MakeConjunction(equalities));
    auto count_all = AggregateCall("count", {});
    auto count_values = AggregateCall("count", {AttributeRef(sub_out[0])});
    Attribute rows{ids_.Next(), "__rows", {}, arrow::int64(), false};
    Attribute values{ids_.Next(), "__values", {}, arrow::int64(), false};
    auto agg = std::make_shared<LogicalPlan>();
    agg->kind = PlanKind::kAggregate;
    auto alias = [](ExprPtr e, const Attribute& a) {
      auto x = std::make_shared<Expr>();
      x->kind = ExprKind::kAlias;
      x->name = {a.name};
      x->attribute_id = a.id;
      x->type = a.type;
      x->nullable = false;
      x->args = {std::move(e)};
      return ExprPtr(x);
    };
    agg->exprs = {alias(count_all, rows), alias(count_values, values)};
    agg->output = {rows, values};
    agg->children = {d.plan};
    auto joined = JoinOf(anti, agg, JoinType::kCross, nullptr);
    auto zero_literal = CopyExpr(*Literal(arrow::MakeScalar(int64_t{0})));
    zero_literal->type = arrow::int64();
    zero_literal->nullable = false;
    ExprPtr zero = zero_literal;
    auto cond = BooleanCall(
        "or", {BooleanCall("=", {AttributeRef(rows), zero}),
               BooleanCall("and", {BooleanCall("isnotnull", {in.args[0]}),
                                   BooleanCall("=", {AttributeRef(rows), AttributeRef(values)})})});
    return ProjectTo(FilterOver(joined, {cond}), output);
  }

  IdGenerator& ids_;
};

}  // namespace

arrow::Result<PlanPtr> RewriteSubqueries(const PlanPtr& plan, IdGenerator& ids) {
  Rewriter rewriter(ids);
  return rewriter.Rewrite(plan);
}

}  // namespace tarn::sql::optimizer_internal
