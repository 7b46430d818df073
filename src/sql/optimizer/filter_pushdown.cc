// Moves filter conjuncts as close to the scans as their columns allow: through projections
// (substituting computed columns), aliases, sorts and DISTINCT, below aggregates when they test
// only grouping keys, into the sides and conditions of joins (turning comma joins into inner
// joins), and finally into the scan, where the storage layer prunes and skips files.
#include <map>

#include <arrow/api.h>

#include "sql/optimizer/optimizer_internal.h"

namespace tarn::sql::optimizer_internal {

namespace {

bool Pushable(const ExprPtr& e) {
  bool ok = true;
  VisitExpr(e, [&](const Expr& x) {
    if (x.kind == ExprKind::kOuterRef || x.subquery || x.is_aggregate || x.kind == ExprKind::kWindow) ok = false;
    if (x.kind == ExprKind::kCall && !x.name.empty() && (x.name[0] == "rand" || x.name[0] == "random" ||
                                                         x.name[0] == "uuid" || x.name[0] == "randn")) {
      ok = false;
    }
    return ok;
  });
  return ok;
}

arrow::Result<PlanPtr> Push(const PlanPtr& plan, std::vector<ExprPtr> preds);

std::vector<ExprPtr> SplitDisjunction(const ExprPtr& e) {
  if (e->kind == ExprKind::kCall && e->name[0] == "or" && e->args.size() == 2) {
    auto l = SplitDisjunction(e->args[0]);
    auto r = SplitDisjunction(e->args[1]);
    l.insert(l.end(), r.begin(), r.end());
    return l;
  }
  return {e};
}

// (a AND b) OR (a AND c) -> a AND (b OR c): a join key repeated in every branch of an OR (TPC-H
// Q19) becomes a conjunct the join can use, instead of a condition only a cross product can.
std::vector<ExprPtr> FactorCommonConjuncts(const ExprPtr& e) {
  auto branches = SplitDisjunction(e);
  if (branches.size() < 2) return {e};
  std::vector<std::vector<ExprPtr>> parts;
  for (const auto& b : branches) parts.push_back(SplitConjunction(b));
  std::vector<ExprPtr> common;
  for (const auto& candidate : parts[0]) {
    bool everywhere = true;
    for (size_t i = 1; i < parts.size() && everywhere; ++i) {
      bool found = false;
      for (const auto& c : parts[i]) found |= ExprEquals(*c, *candidate);
      everywhere = found;
    }
    if (everywhere) common.push_back(candidate);
  }
  if (common.empty()) return {e};
  ExprPtr rest;
  bool some_branch_empty = false;
  for (const auto& p : parts) {
    std::vector<ExprPtr> left;
    for (const auto& c : p) {
      bool is_common = false;
      for (const auto& k : common) is_common |= ExprEquals(*c, *k);
      if (!is_common) left.push_back(c);
    }
    if (left.empty()) some_branch_empty = true;  // that branch is just the common part: OR is true
    auto conj = MakeConjunction(left);
    if (!conj) continue;
    rest = rest ? BooleanCall("or", {rest, conj}) : conj;
  }
  if (!some_branch_empty && rest) common.push_back(rest);
  return common;
}

// What an OR implies about one input of an inner join: each branch reduced to its conjuncts over
// that input alone, or nullptr when some branch has none. TPC-H Q7's
// (n1 = 'FRANCE' AND n2 = 'GERMANY') OR (n1 = 'GERMANY' AND n2 = 'FRANCE') implies
// n1 IN ('FRANCE', 'GERMANY'), which filters that nation scan before any join; the OR itself stays.
ExprPtr ImpliedFor(const ExprPtr& e, const std::set<int64_t>& ids) {
  auto branches = SplitDisjunction(e);
  if (branches.size() < 2 || !Pushable(e)) return nullptr;
  ExprPtr implied;
  for (const auto& b : branches) {
    std::vector<ExprPtr> own;
    for (const auto& c : SplitConjunction(b)) {
      auto refs = ReferencedAttributes(c);
      if (!refs.empty() && Covers(ids, refs)) own.push_back(c);
    }
    if (own.empty()) return nullptr;
    auto conj = MakeConjunction(own);
    implied = implied ? BooleanCall("or", {implied, conj}) : conj;
  }
  return implied;
}

void AddUnlessPresent(std::vector<ExprPtr>& list, const ExprPtr& e) {
  for (const auto& x : list) {
    if (ExprEquals(*x, *e)) return;
  }
  list.push_back(e);
}

std::vector<ExprPtr> Conjuncts(const ExprPtr& e) {
  std::vector<ExprPtr> out;
  for (const auto& c : SplitConjunction(e)) {
    auto f = FactorCommonConjuncts(c);
    out.insert(out.end(), f.begin(), f.end());
  }
  return out;
}

arrow::Result<PlanPtr> Recurse(const LogicalPlan& plan) {
  std::vector<PlanPtr> children;
  for (const auto& c : plan.children) {
    ARROW_ASSIGN_OR_RAISE(auto r, Push(c, {}));
    children.push_back(r);
  }
  return WithChildren(plan, std::move(children));
}

arrow::Result<PlanPtr> Push(const PlanPtr& plan, std::vector<ExprPtr> preds) {
  std::vector<ExprPtr> pushable, stuck;
  for (auto& p : preds) (Pushable(p) ? pushable : stuck).push_back(p);
  auto keep_above = [&](PlanPtr p, std::vector<ExprPtr> more) {
    more.insert(more.end(), stuck.begin(), stuck.end());
    return FilterOver(std::move(p), more);
  };

  switch (plan->kind) {
    case PlanKind::kFilter: {
      auto all = pushable;
      std::vector<ExprPtr> local_stuck;
      for (const auto& c : Conjuncts(plan->condition)) (Pushable(c) ? all : local_stuck).push_back(c);
      ARROW_ASSIGN_OR_RAISE(auto child, Push(plan->children[0], all));
      local_stuck.insert(local_stuck.end(), stuck.begin(), stuck.end());
      return FilterOver(child, local_stuck);
    }
    case PlanKind::kProject: {
      // Substitute computed columns; anything computed by a non-deterministic or aggregate
      // expression stays above.
      std::map<int64_t, ExprPtr> defs;
      for (const auto& e : plan->exprs) {
        if (e->kind == ExprKind::kAlias) defs[e->attribute_id] = e->args[0];
      }
      std::vector<ExprPtr> down, up;
      for (const auto& p : pushable) {
        bool ok = true;
        ARROW_ASSIGN_OR_RAISE(auto rewritten, RewriteBottomUp(p, [&](const ExprPtr& x) -> arrow::Result<ExprPtr> {
          if (x->kind != ExprKind::kColumn) return x;
          auto it = defs.find(x->attribute_id);
          if (it == defs.end()) return x;
          if (!Pushable(it->second)) ok = false;
          return it->second;
        }));
        (ok ? down : up).push_back(ok ? rewritten : p);
      }
      ARROW_ASSIGN_OR_RAISE(auto child, Push(plan->children[0], down));
      return keep_above(WithChildren(*plan, {child}), up);
    }
    case PlanKind::kSubqueryAlias:
    case PlanKind::kSort:
    case PlanKind::kDistinct: {
      ARROW_ASSIGN_OR_RAISE(auto child, Push(plan->children[0], pushable));
      return keep_above(WithChildren(*plan, {child}), {});
    }
    case PlanKind::kAggregate: {
      std::map<int64_t, ExprPtr> keys;
      for (const auto& k : plan->group_by) keys[OutputAttribute(*k).id] = k->kind == ExprKind::kAlias ? k->args[0] : k;
      std::vector<ExprPtr> down, up;
      for (const auto& p : pushable) {
        auto refs = ReferencedAttributes(p);
        bool only_keys = plan->grouping_sets.empty() && !plan->group_by.empty();
        for (auto id : refs) only_keys &= keys.count(id) > 0;
        if (!only_keys) {
          up.push_back(p);
          continue;
        }
        ARROW_ASSIGN_OR_RAISE(auto rewritten, RewriteBottomUp(p, [&](const ExprPtr& x) -> arrow::Result<ExprPtr> {
          if (x->kind != ExprKind::kColumn) return x;
          auto it = keys.find(x->attribute_id);
          return it == keys.end() ? x : it->second;
        }));
        down.push_back(rewritten);
      }
      ARROW_ASSIGN_OR_RAISE(auto child, Push(plan->children[0], down));
      return keep_above(WithChildren(*plan, {child}), up);
    }
    case PlanKind::kJoin: {
      const auto left_ids = OutputIds(*plan->children[0]);
      const auto right_ids = OutputIds(*plan->children[1]);
      const JoinType type = plan->join_type;
      std::vector<ExprPtr> to_left, to_right, to_condition, up;
      const bool inner = type == JoinType::kInner || type == JoinType::kCross;
      // Conjuncts from above.
      for (const auto& p : pushable) {
        auto refs = ReferencedAttributes(p);
        if (Covers(left_ids, refs) && type != JoinType::kRight && type != JoinType::kFull) {
          to_left.push_back(p);
        } else if (Covers(right_ids, refs) && (inner || type == JoinType::kRight)) {
          to_right.push_back(p);
        } else if (inner) {
          to_condition.push_back(p);
        } else {
          up.push_back(p);
        }
      }
      // Conjuncts of the join condition.
      for (const auto& c : Conjuncts(plan->condition)) {
        if (!Pushable(c)) {
          to_condition.push_back(c);
          continue;
        }
        auto refs = ReferencedAttributes(c);
        bool left_only = !refs.empty() && Covers(left_ids, refs);
        bool right_only = !refs.empty() && Covers(right_ids, refs);
        if (left_only && (inner || type == JoinType::kRight || type == JoinType::kLeftSemi)) {
          to_left.push_back(c);
        } else if (right_only && (inner || type == JoinType::kLeft || type == JoinType::kLeftSemi ||
                                  type == JoinType::kLeftAnti)) {
          to_right.push_back(c);
        } else {
          to_condition.push_back(c);
        }
      }
      if (inner) {
        for (const auto& c : std::vector<ExprPtr>(to_condition)) {
          if (auto l = ImpliedFor(c, left_ids)) AddUnlessPresent(to_left, l);
          if (auto r = ImpliedFor(c, right_ids)) AddUnlessPresent(to_right, r);
        }
      }
      ARROW_ASSIGN_OR_RAISE(auto left, Push(plan->children[0], to_left));
      ARROW_ASSIGN_OR_RAISE(auto right, Push(plan->children[1], to_right));
      auto join = CopyPlan(*plan);
      join->children = {left, right};
      join->condition = MakeConjunction(to_condition);
      if (type == JoinType::kCross && join->condition) join->join_type = JoinType::kInner;
      return keep_above(join, up);
    }
    case PlanKind::kRelation: {
      if (pushable.empty()) return keep_above(plan, {});
      auto scan = CopyPlan(*plan);
      for (const auto& p : pushable) AddUnlessPresent(scan->exprs, p);
      return keep_above(scan, {});
    }
    default: {
      ARROW_ASSIGN_OR_RAISE(auto node, Recurse(*plan));
      return keep_above(node, pushable);
    }
  }
}

}  // namespace

arrow::Result<PlanPtr> PushDownFilters(const PlanPtr& plan) { return Push(plan, {}); }

}  // namespace tarn::sql::optimizer_internal
