// Restricts a decorrelated subquery's aggregate to the keys the outer query can ask for. A
// correlated scalar subquery becomes `outer LEFT JOIN (SELECT key, agg(..) FROM inner GROUP BY
// key)`, which aggregates every key of the inner table. When the outer key comes from a filtered
// scan (TPC-H Q17: the ~200 parts of one brand and container; Q2: parts of one size and type), the
// aggregate's input is first semi-joined with a copy of that scan, so it only groups rows of
// those keys. The copy yields a superset of the keys the outer rows hold, so no answer changes.
#include <map>

#include <arrow/api.h>

#include "sql/optimizer/optimizer_internal.h"

namespace tarn::sql::optimizer_internal {

namespace {

// A filtered scan under `plan` whose column `second` holds every value attribute `id` takes in
// `plan`'s rows: the scan that outputs `id` itself (through projections that pass it, filters,
// aliases, and the sides of inner, semi and left joins), or, through a semi join on `id = r`,
// the one that holds r (TPC-H Q20: partsupp keys IN the parts named 'forest%').
struct KeySource {
  const LogicalPlan* scan = nullptr;
  int64_t id = -1;
};

KeySource ScanOf(const LogicalPlan& plan, int64_t id) {
  switch (plan.kind) {
    case PlanKind::kRelation:
      if (OutputIds(plan).count(id) && !plan.exprs.empty() && plan.source) return {&plan, id};
      return {};
    case PlanKind::kProject:
      for (const auto& e : plan.exprs) {
        if (e->kind == ExprKind::kColumn && e->attribute_id == id) return ScanOf(*plan.children[0], id);
      }
      return {};
    case PlanKind::kFilter:
    case PlanKind::kSubqueryAlias:
      return ScanOf(*plan.children[0], id);
    case PlanKind::kJoin:
      if (plan.join_type == JoinType::kInner || plan.join_type == JoinType::kCross) {
        for (const auto& c : plan.children) {
          if (OutputIds(*c).count(id)) return ScanOf(*c, id);
        }
        return {};
      }
      if (plan.join_type == JoinType::kLeftSemi) {
        const auto right_ids = OutputIds(*plan.children[1]);
        for (const auto& c : SplitConjunction(plan.condition)) {
          if (c->kind != ExprKind::kCall || c->name[0] != "=" || c->args.size() != 2) continue;
          const auto& a = c->args[0];
          const auto& b = c->args[1];
          if (a->kind != ExprKind::kColumn || b->kind != ExprKind::kColumn) continue;
          int64_t other = a->attribute_id == id ? b->attribute_id : b->attribute_id == id ? a->attribute_id : -1;
          if (other >= 0 && right_ids.count(other)) {
            auto source = ScanOf(*plan.children[1], other);
            if (source.scan) return source;
          }
        }
      }
      if (plan.join_type == JoinType::kLeftSemi || plan.join_type == JoinType::kLeftAnti ||
          plan.join_type == JoinType::kLeft) {
        return ScanOf(*plan.children[0], id);
      }
      return {};
    default:
      return {};
  }
}

// `scan` with fresh attribute ids (its pushed filters rewritten to match), keeping only `id`.
arrow::Result<std::pair<PlanPtr, Attribute>> FreshCopy(const LogicalPlan& scan, int64_t id, IdGenerator& ids) {
  std::map<int64_t, int64_t> renamed;
  auto copy = CopyPlan(scan);
  for (auto& a : copy->output) {
    int64_t fresh = ids.Next();
    renamed[a.id] = fresh;
    a.id = fresh;
  }
  for (auto& e : copy->exprs) {
    ARROW_ASSIGN_OR_RAISE(e, RewriteBottomUp(e, [&](const ExprPtr& x) -> arrow::Result<ExprPtr> {
      if (x->kind != ExprKind::kColumn || !renamed.count(x->attribute_id)) return x;
      auto c = CopyExpr(*x);
      c->attribute_id = renamed[x->attribute_id];
      return ExprPtr(c);
    }));
  }
  Attribute key;
  for (const auto& a : copy->output) {
    if (a.id == renamed[id]) key = a;
  }
  return std::make_pair(ProjectTo(copy, {key}), key);
}

// The aggregate under the right side of a decorrelation join, with the input attribute of its
// grouping key `id`; nullptr when the right side is not of that shape.
const LogicalPlan* AggregateGroupedBy(const LogicalPlan& plan, int64_t id) {
  const LogicalPlan* node = &plan;
  while (node->kind == PlanKind::kProject || node->kind == PlanKind::kSubqueryAlias) {
    if (node->kind == PlanKind::kProject) {
      bool passes = false;
      for (const auto& e : node->exprs) passes |= e->kind == ExprKind::kColumn && e->attribute_id == id;
      if (!passes) return nullptr;
    }
    node = node->children[0].get();
  }
  if (node->kind != PlanKind::kAggregate || !node->grouping_sets.empty()) return nullptr;
  for (const auto& g : node->group_by) {
    if (g->kind == ExprKind::kColumn && g->attribute_id == id) return node;
  }
  return nullptr;
}

// `plan` with the aggregate `target` (somewhere below it) replaced by `replacement`.
PlanPtr Replace(const PlanPtr& plan, const LogicalPlan* target, const PlanPtr& replacement) {
  if (plan.get() == target) return replacement;
  std::vector<PlanPtr> children;
  bool changed = false;
  for (const auto& c : plan->children) {
    children.push_back(Replace(c, target, replacement));
    changed |= children.back() != c;
  }
  return changed ? WithChildren(*plan, std::move(children)) : plan;
}

arrow::Result<PlanPtr> Restrict(const PlanPtr& plan, IdGenerator& ids) {
  std::vector<PlanPtr> children;
  for (const auto& c : plan->children) {
    ARROW_ASSIGN_OR_RAISE(auto r, Restrict(c, ids));
    children.push_back(r);
  }
  auto node = WithChildren(*plan, std::move(children));
  if (node->kind != PlanKind::kJoin || node->join_type != JoinType::kLeft || !node->condition) return node;
  const auto left_ids = OutputIds(*node->children[0]);
  const auto right_ids = OutputIds(*node->children[1]);
  for (const auto& c : SplitConjunction(node->condition)) {
    if (c->kind != ExprKind::kCall || c->name[0] != "=" || c->args.size() != 2) continue;
    const auto& x = c->args[0];
    const auto& y = c->args[1];
    if (x->kind != ExprKind::kColumn || y->kind != ExprKind::kColumn) continue;
    int64_t outer = x->attribute_id, inner = y->attribute_id;
    if (!left_ids.count(outer)) std::swap(outer, inner);
    if (!left_ids.count(outer) || !right_ids.count(inner)) continue;
    const LogicalPlan* aggregate = AggregateGroupedBy(*node->children[1], inner);
    const KeySource source = ScanOf(*node->children[0], outer);
    if (!aggregate || !source.scan) continue;
    const auto& input = aggregate->children[0];
    // Worth a second (filtered) scan only when it keeps far fewer keys than the input has rows.
    if (EstimateRows(*source.scan) * 4 > EstimateRows(*input)) continue;
    ARROW_ASSIGN_OR_RAISE(auto keys, FreshCopy(*source.scan, source.id, ids));
    Attribute group_key;
    for (const auto& a : input->output) {
      if (a.id == inner) group_key = a;
    }
    if (group_key.id < 0 || !group_key.type || !keys.second.type || !group_key.type->Equals(*keys.second.type)) continue;
    auto semi = std::make_shared<LogicalPlan>();
    semi->kind = PlanKind::kJoin;
    semi->join_type = JoinType::kLeftSemi;
    semi->condition = BooleanCall("=", {AttributeRef(group_key), AttributeRef(keys.second)});
    semi->output = input->output;
    semi->children = {input, keys.first};
    auto restricted = WithChildren(*aggregate, {semi});
    auto right = Replace(node->children[1], aggregate, restricted);
    return WithChildren(*node, {node->children[0], right});
  }
  return node;
}

}  // namespace

arrow::Result<PlanPtr> RestrictAggregateKeys(const PlanPtr& plan, IdGenerator& ids) { return Restrict(plan, ids); }

}  // namespace tarn::sql::optimizer_internal
