// Reorders groups of inner joins. Comma joins list tables in any order (TPC-H Q2, Q8, Q9 put
// two unrelated tables first); executed as written they would build cross products. A group
// is flattened into its inputs and conjuncts, then rebuilt left-deep: the largest input is
// streamed through the join pipeline and each step joins the smallest input connected to what
// is already joined (so hash tables are built on small inputs and no join lacks a condition).
#include <algorithm>
#include <cmath>

#include <arrow/api.h>

#include "sql/optimizer/optimizer_internal.h"

namespace tarn::sql::optimizer_internal {

namespace {

double EstimateRows(const LogicalPlan& plan) {
  switch (plan.kind) {
    case PlanKind::kRelation: {
      double rows = 1e6;
      if (plan.source) {
        if (auto n = plan.source->estimated_rows()) rows = static_cast<double>(*n);
      }
      // Each pushed conjunct is guessed to keep a fifth of the rows; equality more selective.
      for (const auto& e : plan.exprs) {
        for (const auto& c : SplitConjunction(e)) {
          bool eq = c->kind == ExprKind::kCall && c->name[0] == "=";
          rows *= eq ? 0.05 : 0.2;
        }
      }
      return std::max(rows, 1.0);
    }
    case PlanKind::kFilter:
      return std::max(1.0, EstimateRows(*plan.children[0]) * 0.2);
    case PlanKind::kAggregate:
      return plan.group_by.empty() ? 1.0 : std::max(1.0, EstimateRows(*plan.children[0]) * 0.1);
    case PlanKind::kJoin: {
      double l = EstimateRows(*plan.children[0]);
      if (plan.join_type == JoinType::kLeftSemi || plan.join_type == JoinType::kLeftAnti) return l * 0.5;
      return std::max(l, EstimateRows(*plan.children[1]));
    }
    case PlanKind::kLimit:
      return plan.limit >= 0 ? std::min<double>(plan.limit, EstimateRows(*plan.children[0]))
                             : EstimateRows(*plan.children[0]);
    case PlanKind::kValues:
      return static_cast<double>(plan.rows.size());
    default:
      return plan.children.empty() ? 1.0 : EstimateRows(*plan.children[0]);
  }
}

bool IsInnerJoin(const LogicalPlan& plan) {
  return plan.kind == PlanKind::kJoin && (plan.join_type == JoinType::kInner || plan.join_type == JoinType::kCross);
}

void Flatten(const PlanPtr& plan, std::vector<PlanPtr>& inputs, std::vector<ExprPtr>& conjuncts) {
  if (IsInnerJoin(*plan)) {
    Flatten(plan->children[0], inputs, conjuncts);
    Flatten(plan->children[1], inputs, conjuncts);
    for (const auto& c : SplitConjunction(plan->condition)) conjuncts.push_back(c);
    return;
  }
  inputs.push_back(plan);
}

arrow::Result<PlanPtr> Reorder(const PlanPtr& plan);

arrow::Result<PlanPtr> ReorderGroup(const PlanPtr& plan) {
  std::vector<PlanPtr> inputs;
  std::vector<ExprPtr> conjuncts;
  Flatten(plan, inputs, conjuncts);
  for (auto& in : inputs) {
    ARROW_ASSIGN_OR_RAISE(in, Reorder(in));
  }
  if (inputs.size() <= 2) {
    // Two inputs: put the larger on the probe (left) side of an inner join.
    auto join = CopyPlan(*plan);
    join->children = inputs;
    if (inputs.size() == 2 && EstimateRows(*inputs[1]) > EstimateRows(*inputs[0])) {
      join->children = {inputs[1], inputs[0]};
      join->output = inputs[1]->output;
      join->output.insert(join->output.end(), inputs[0]->output.begin(), inputs[0]->output.end());
      return ProjectTo(join, plan->output);
    }
    return PlanPtr(join);
  }
  std::vector<double> sizes;
  for (const auto& in : inputs) sizes.push_back(EstimateRows(*in));
  std::vector<bool> used(inputs.size(), false);
  std::vector<bool> applied(conjuncts.size(), false);
  size_t first = std::max_element(sizes.begin(), sizes.end()) - sizes.begin();
  used[first] = true;
  PlanPtr current = inputs[first];
  std::set<int64_t> have = OutputIds(*current);
  for (size_t step = 1; step < inputs.size(); ++step) {
    // Candidates connected by a conjunct to what is joined so far; else any (a cross join).
    size_t best = inputs.size();
    bool best_connected = false;
    for (size_t i = 0; i < inputs.size(); ++i) {
      if (used[i]) continue;
      auto ids = OutputIds(*inputs[i]);
      bool connected = false;
      for (size_t c = 0; c < conjuncts.size() && !connected; ++c) {
        if (applied[c]) continue;
        auto refs = ReferencedAttributes(conjuncts[c]);
        bool touches_new = false, touches_old = false, covered = true;
        for (auto id : refs) {
          touches_new |= ids.count(id) > 0;
          touches_old |= have.count(id) > 0;
          covered &= ids.count(id) > 0 || have.count(id) > 0;
        }
        connected = touches_new && touches_old && covered;
      }
      if (best == inputs.size() || (connected && !best_connected) ||
          (connected == best_connected && sizes[i] < sizes[best])) {
        best = i;
        best_connected = connected;
      }
    }
    used[best] = true;
    auto ids = OutputIds(*inputs[best]);
    have.insert(ids.begin(), ids.end());
    std::vector<ExprPtr> condition;
    for (size_t c = 0; c < conjuncts.size(); ++c) {
      if (!applied[c] && Covers(have, ReferencedAttributes(conjuncts[c]))) {
        condition.push_back(conjuncts[c]);
        applied[c] = true;
      }
    }
    auto join = std::make_shared<LogicalPlan>();
    join->kind = PlanKind::kJoin;
    join->join_type = condition.empty() ? JoinType::kCross : JoinType::kInner;
    join->condition = MakeConjunction(condition);
    join->output = current->output;
    join->output.insert(join->output.end(), inputs[best]->output.begin(), inputs[best]->output.end());
    join->children = {current, inputs[best]};
    current = join;
  }
  std::vector<ExprPtr> rest;
  for (size_t c = 0; c < conjuncts.size(); ++c) {
    if (!applied[c]) rest.push_back(conjuncts[c]);
  }
  current = FilterOver(current, rest);
  return ProjectTo(current, plan->output);
}

arrow::Result<PlanPtr> Reorder(const PlanPtr& plan) {
  if (IsInnerJoin(*plan)) return ReorderGroup(plan);
  std::vector<PlanPtr> children;
  for (const auto& c : plan->children) {
    ARROW_ASSIGN_OR_RAISE(auto r, Reorder(c));
    children.push_back(r);
  }
  return WithChildren(*plan, std::move(children));
}

}  // namespace

arrow::Result<PlanPtr> ReorderJoins(const PlanPtr& plan) { return Reorder(plan); }

}  // namespace tarn::sql::optimizer_internal
