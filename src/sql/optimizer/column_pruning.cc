// Drops columns nobody reads: scans then decode only the Parquet columns a query uses, and
// projections, joins and aggregates carry less. Walks top-down with the set of attribute ids
// the parent needs.
#include <arrow/api.h>

#include "sql/optimizer/optimizer_internal.h"

namespace tarn::sql::optimizer_internal {

namespace {

void AddRefs(std::set<int64_t>& ids, const ExprPtr& e) {
  auto r = ReferencedAttributes(e);
  ids.insert(r.begin(), r.end());
  // Correlated subqueries were rewritten; uncorrelated ones read nothing from this plan.
}

std::vector<Attribute> Keep(const std::vector<Attribute>& attrs, const std::set<int64_t>& needed) {
  std::vector<Attribute> out;
  for (const auto& a : attrs) {
    if (needed.count(a.id)) out.push_back(a);
  }
  return out;
}

arrow::Result<PlanPtr> Prune(const PlanPtr& plan, const std::set<int64_t>& needed);

arrow::Result<PlanPtr> Prune(const PlanPtr& plan, const std::set<int64_t>& needed) {
  auto node = CopyPlan(*plan);
  switch (plan->kind) {
    case PlanKind::kRelation: {
      std::set<int64_t> ids = needed;
      for (const auto& e : plan->exprs) AddRefs(ids, e);
      node->output = Keep(plan->output, ids);
      return PlanPtr(node);
    }
    case PlanKind::kProject: {
      std::vector<ExprPtr> exprs;
      std::vector<Attribute> output;
      std::set<int64_t> child_needed;
      for (size_t i = 0; i < plan->exprs.size(); ++i) {
        if (!needed.count(plan->output[i].id)) continue;
        exprs.push_back(plan->exprs[i]);
        output.push_back(plan->output[i]);
        AddRefs(child_needed, plan->exprs[i]);
      }
      ARROW_ASSIGN_OR_RAISE(auto child, Prune(plan->children[0], child_needed));
      node->exprs = exprs;
      node->output = output;
      node->children = {child};
      return PlanPtr(node);
    }
    case PlanKind::kFilter:
    case PlanKind::kSort: {
      std::set<int64_t> ids = needed;
      AddRefs(ids, plan->condition);
      for (const auto& s : plan->order_by) AddRefs(ids, s.expr);
      ARROW_ASSIGN_OR_RAISE(auto child, Prune(plan->children[0], ids));
      node->children = {child};
      node->output = child->output;
      return PlanPtr(node);
    }
    case PlanKind::kLimit:
    case PlanKind::kSubqueryAlias: {
      ARROW_ASSIGN_OR_RAISE(auto child, Prune(plan->children[0], needed));
      node->children = {child};
      // An alias renames; keep its names for the surviving ids.
      node->output = Keep(plan->output, OutputIds(*child));
      return PlanPtr(node);
    }
    case PlanKind::kJoin: {
      std::set<int64_t> ids = needed;
      AddRefs(ids, plan->condition);
      ARROW_ASSIGN_OR_RAISE(auto left, Prune(plan->children[0], ids));
      ARROW_ASSIGN_OR_RAISE(auto right, Prune(plan->children[1], ids));
      node->children = {left, right};
      auto all = OutputIds(*left);
      auto r = OutputIds(*right);
      all.insert(r.begin(), r.end());
      node->output = Keep(plan->output, all);
      return PlanPtr(node);
    }
    case PlanKind::kAggregate: {
      std::set<int64_t> ids;
      std::vector<ExprPtr> aggs;
      for (const auto& k : plan->group_by) AddRefs(ids, k);
      for (const auto& a : plan->exprs) {
        if (!needed.count(a->attribute_id) && !(aggs.empty() && plan->group_by.empty() && &a == &plan->exprs.back())) {
          continue;
        }
        aggs.push_back(a);
        AddRefs(ids, a);
      }
      ARROW_ASSIGN_OR_RAISE(auto child, Prune(plan->children[0], ids));
      node->exprs = aggs;
      node->children = {child};
      node->output.clear();
      for (size_t k = 0; k < plan->group_by.size(); ++k) node->output.push_back(plan->output[k]);
      for (const auto& a : aggs) node->output.push_back(OutputAttribute(*a));
      return PlanPtr(node);
    }
    case PlanKind::kWindow: {
      std::set<int64_t> ids = needed;
      std::vector<ExprPtr> windows;
      for (const auto& w : plan->exprs) {
        if (!needed.count(w->attribute_id)) continue;
        windows.push_back(w);
        AddRefs(ids, w);
      }
      if (windows.empty()) return Prune(plan->children[0], needed);
      ARROW_ASSIGN_OR_RAISE(auto child, Prune(plan->children[0], ids));
      node->exprs = windows;
      node->children = {child};
      node->output = child->output;
      for (const auto& w : windows) node->output.push_back(OutputAttribute(*w));
      return PlanPtr(node);
    }
    default: {
      // DISTINCT, set operations, VALUES: every column matters (duplicates, positions).
      std::vector<PlanPtr> children;
      for (const auto& c : plan->children) {
        ARROW_ASSIGN_OR_RAISE(auto r, Prune(c, OutputIds(*c)));
        children.push_back(r);
      }
      node->children = children;
      return PlanPtr(node);
    }
  }
}

}  // namespace

arrow::Result<PlanPtr> PruneColumns(const PlanPtr& plan) { return Prune(plan, OutputIds(*plan)); }

}  // namespace tarn::sql::optimizer_internal
