// Reorders groups of inner joins. Comma joins list tables in any order (TPC-H Q2, Q8, Q9 put
// two unrelated tables first); executed as written they would build cross products. A group
// is flattened into its inputs and conjuncts, then rebuilt left-deep: the largest input is
// streamed through the join pipeline and each step joins the smallest input connected to what
// is already joined (so hash tables are built on small inputs and no join lacks a condition).
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include <arrow/api.h>

#include "sql/optimizer/optimizer_internal.h"

namespace tarn::sql::optimizer_internal {

namespace {

// The fraction of rows a condition keeps, guessed from its shape alone: an equality a twentieth,
// a range or anything else a fifth, IN a twentieth per value; AND multiplies, OR adds up as
// for independent events.
double Selectivity(const ExprPtr& e) {
  if (e->kind != ExprKind::kCall || e->name.empty()) return 0.2;
  const std::string& fn = e->name[0];
  if (fn == "and" && e->args.size() == 2) return Selectivity(e->args[0]) * Selectivity(e->args[1]);
  if (fn == "or" && e->args.size() == 2) {
    double a = Selectivity(e->args[0]), b = Selectivity(e->args[1]);
    return a + b - a * b;
  }
  if (fn == "not" && e->args.size() == 1) return 1.0 - Selectivity(e->args[0]);
  if (fn == "=" || fn == "<=>" || fn == "isnull") return 0.05;
  if (fn == "isnotnull") return 0.95;
  if (fn == "in") return std::min(0.5, 0.05 * static_cast<double>(e->args.size() - 1));
  if (fn == "like" || fn == "startswith" || fn == "endswith" || fn == "contains") return 0.1;
  return 0.2;
}

}  // namespace

double EstimateRows(const LogicalPlan& plan, bool with_filters) {
  switch (plan.kind) {
    case PlanKind::kRelation: {
      double rows = 1e6;
      if (plan.source) {
        if (auto n = plan.source->estimated_rows()) rows = static_cast<double>(*n);
      }
      if (!with_filters) return std::max(rows, 1.0);
      // Several conjuncts on the same columns (the two ends of a range) count once, at the
      // most selective.
      std::map<std::set<int64_t>, double> by_columns;
      for (const auto& e : plan.exprs) {
        for (const auto& c : SplitConjunction(e)) {
          auto [it, fresh] = by_columns.emplace(ReferencedAttributes(c), 1.0);
          it->second = std::min(it->second, Selectivity(c));
        }
      }
      for (const auto& [columns, selectivity] : by_columns) rows *= selectivity;
      return std::max(rows, 1.0);
    }
    case PlanKind::kFilter:
      return std::max(1.0, EstimateRows(*plan.children[0], with_filters) * (with_filters ? 0.2 : 1.0));
    case PlanKind::kAggregate:
      return plan.group_by.empty() ? 1.0 : std::max(1.0, EstimateRows(*plan.children[0], with_filters) * 0.1);
    case PlanKind::kJoin: {
      double l = EstimateRows(*plan.children[0], with_filters);
      if (plan.join_type == JoinType::kLeftSemi || plan.join_type == JoinType::kLeftAnti) return l * 0.5;
      return std::max(l, EstimateRows(*plan.children[1], with_filters));
    }
    case PlanKind::kLimit:
      return plan.limit >= 0 ? std::min<double>(plan.limit, EstimateRows(*plan.children[0], with_filters))
                             : EstimateRows(*plan.children[0], with_filters);
    case PlanKind::kValues:
      return static_cast<double>(plan.rows.size());
    default:
      return plan.children.empty() ? 1.0 : EstimateRows(*plan.children[0], with_filters);
  }
}

namespace {

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

// How `conjunct` connects a new input (`fresh`) to the joined ones (`have`): 2 for an equality
// with one side on each, 1 for any other conjunct over both, 0 for none.
int Connection(const ExprPtr& conjunct, const std::set<int64_t>& have, const std::set<int64_t>& fresh) {
  auto refs = ReferencedAttributes(conjunct);
  bool touches_new = false, touches_old = false, covered = true;
  for (auto id : refs) {
    touches_new |= fresh.count(id) > 0;
    touches_old |= have.count(id) > 0;
    covered &= fresh.count(id) > 0 || have.count(id) > 0;
  }
  if (!touches_new || !touches_old || !covered) return 0;
  if (conjunct->kind == ExprKind::kCall && conjunct->name[0] == "=" && conjunct->args.size() == 2) {
    auto l = ReferencedAttributes(conjunct->args[0]), r = ReferencedAttributes(conjunct->args[1]);
    bool split = !l.empty() && !r.empty() &&
                 ((Covers(have, l) && Covers(fresh, r)) || (Covers(fresh, l) && Covers(have, r)));
    if (split) return 2;
  }
  return 1;
}

// Guessed distinct values per attribute id, where the tables' statistics bound them.
using DistinctCounts = std::map<int64_t, double>;

void CollectDistinct(const LogicalPlan& plan, DistinctCounts& out) {
  switch (plan.kind) {
    case PlanKind::kRelation:
      if (!plan.source) return;
      for (const auto& a : plan.output) {
        if (auto n = plan.source->estimated_distinct(a.name)) out[a.id] = static_cast<double>(*n);
      }
      return;
    case PlanKind::kProject:
      CollectDistinct(*plan.children[0], out);
      for (const auto& e : plan.exprs) {  // renamed columns keep their counts
        if (e->kind == ExprKind::kAlias && e->args[0]->kind == ExprKind::kColumn) {
          auto it = out.find(e->args[0]->attribute_id);
          if (it != out.end()) out[e->attribute_id] = it->second;
        }
      }
      return;
    case PlanKind::kFilter:
    case PlanKind::kSubqueryAlias:
    case PlanKind::kJoin:
      for (const auto& c : plan.children) CollectDistinct(*c, out);
      return;
    default:
      return;
  }
}

// An equality conjunct `joined column = new column` between the two sides, as ids.
std::optional<std::pair<int64_t, int64_t>> EquiKey(const ExprPtr& c, const std::set<int64_t>& have,
                                                   const std::set<int64_t>& fresh) {
  if (c->kind != ExprKind::kCall || c->name[0] != "=" || c->args.size() != 2) return std::nullopt;
  const auto& l = c->args[0];
  const auto& r = c->args[1];
  if (l->kind != ExprKind::kColumn || r->kind != ExprKind::kColumn) return std::nullopt;
  if (have.count(l->attribute_id) && fresh.count(r->attribute_id)) return std::pair{l->attribute_id, r->attribute_id};
  if (have.count(r->attribute_id) && fresh.count(l->attribute_id)) return std::pair{r->attribute_id, l->attribute_id};
  return std::nullopt;
}

// The textbook guess |L| * |R| / max(distinct(L.key), distinct(R.key)), a column without a
// known count taken as unique in its input. Several keys: the most selective one alone, since
// keys are rarely independent (a composite foreign key repeats the parts' pairs).
double JoinRows(double left_rows, const DistinctCounts& left, double right_rows, const DistinctCounts& right,
                const std::vector<std::pair<int64_t, int64_t>>& keys) {
  if (keys.empty()) return left_rows * right_rows;
  double divisor = 1;
  for (const auto& [lk, rk] : keys) {
    auto li = left.find(lk);
    auto ri = right.find(rk);
    double l = li == left.end() ? left_rows : li->second;
    double r = ri == right.end() ? right_rows : ri->second;
    divisor = std::max({divisor, l, r});
  }
  return left_rows * right_rows / divisor;
}

arrow::Result<PlanPtr> ReorderGroup(const PlanPtr& plan) {
  std::vector<PlanPtr> inputs;
  std::vector<ExprPtr> conjuncts;
  Flatten(plan, inputs, conjuncts);
  for (auto& in : inputs) {
    ARROW_ASSIGN_OR_RAISE(in, Reorder(in));
  }
  if (inputs.size() <= 2) {
    // Two inputs: the larger after its filters is the probe (left) side.
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
  std::vector<double> sizes, stored;
  std::vector<DistinctCounts> distinct;
  for (const auto& in : inputs) {
    sizes.push_back(EstimateRows(*in));
    stored.push_back(EstimateRows(*in, /*with_filters=*/false));
    DistinctCounts d;
    CollectDistinct(*in, d);
    for (auto& [id, n] : d) n = std::min(n, sizes.back());
    distinct.push_back(std::move(d));
  }
  std::vector<bool> used(inputs.size(), false);
  std::vector<bool> applied(conjuncts.size(), false);
  // The probe side is the input with the most stored rows (the fact table): it streams, every
  // other input becomes a hash table. Filter guesses do not decide this; stored sizes are known.
  size_t first = std::max_element(stored.begin(), stored.end()) - stored.begin();
  used[first] = true;
  PlanPtr current = inputs[first];
  std::set<int64_t> have = OutputIds(*current);
  double current_rows = sizes[first];
  DistinctCounts current_distinct = distinct[first];
  for (size_t step = 1; step < inputs.size(); ++step) {
    // Candidates joined to what is joined so far by an equality (a hash join key) first, then
    // by any conjunct (a join with only a residual condition), else any (a cross join); among
    // those, the one whose join is guessed to give the fewest rows, then the smallest.
    size_t best = inputs.size();
    int best_connected = 0;
    double best_rows = 0;
    for (size_t i = 0; i < inputs.size(); ++i) {
      if (used[i]) continue;
      auto ids = OutputIds(*inputs[i]);
      int connected = 0;
      std::vector<std::pair<int64_t, int64_t>> keys;  // (joined side, new side)
      for (size_t c = 0; c < conjuncts.size(); ++c) {
        if (applied[c]) continue;
        connected = std::max(connected, Connection(conjuncts[c], have, ids));
        if (auto k = EquiKey(conjuncts[c], have, ids)) keys.push_back(*k);
      }
      double rows = JoinRows(current_rows, current_distinct, sizes[i], distinct[i], keys);
      if (best == inputs.size() || connected > best_connected ||
          (connected == best_connected && (rows < best_rows || (rows == best_rows && sizes[i] < sizes[best])))) {
        best = i;
        best_connected = connected;
        best_rows = rows;
      }
    }
    current_rows = std::max(best_rows, 1.0);
    for (const auto& [id, n] : distinct[best]) current_distinct[id] = n;
    for (auto& [id, n] : current_distinct) n = std::min(n, current_rows);
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
  auto node = CopyPlan(*plan);
  node->children = std::move(children);
  // A semi or anti join keeps left rows; its hash table is best built from the smaller side
  // (TPC-H Q4: a quarter's orders, not the lineitems they are tested against).
  if (node->kind == PlanKind::kJoin &&
      (node->join_type == JoinType::kLeftSemi || node->join_type == JoinType::kLeftAnti)) {
    node->build_left = EstimateRows(*node->children[0]) < EstimateRows(*node->children[1]);
  }
  return PlanPtr(node);
}

}  // namespace

arrow::Result<PlanPtr> ReorderJoins(const PlanPtr& plan) { return Reorder(plan); }

}  // namespace tarn::sql::optimizer_internal
