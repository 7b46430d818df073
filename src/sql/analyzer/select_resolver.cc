// Resolving a SELECT block: the select list over its input, with GROUP BY, HAVING, window
// functions, QUALIFY, DISTINCT and ORDER BY. The result is a canonical stack:
//   [Project (drops ORDER BY helpers)] Sort? Distinct? Project Filter(QUALIFY)? Window?
//   Filter(HAVING)? Aggregate? input
#include <arrow/api.h>
#include <fmt/format.h>

#include "errors/error_class.h"
#include "sql/analyzer/analyzer_internal.h"

namespace tarn::sql::analyzer_internal {

namespace {

std::shared_ptr<LogicalPlan> Node(PlanKind kind, PlanPtr child) {
  auto p = std::make_shared<LogicalPlan>();
  p->kind = kind;
  p->children = {std::move(child)};
  return p;
}

// The value a select item computes (the alias's child, or the column itself).
ExprPtr Underlying(const ExprPtr& item) { return item->kind == ExprKind::kAlias ? item->args[0] : item; }

std::optional<int64_t> IntegerLiteral(const Expr& e) {
  if (e.kind != ExprKind::kLiteral || !e.value || !e.value->is_valid) return std::nullopt;
  switch (e.value->type->id()) {
    case arrow::Type::INT32: return static_cast<const arrow::Int32Scalar&>(*e.value).value;
    case arrow::Type::INT64: return static_cast<const arrow::Int64Scalar&>(*e.value).value;
    default: return std::nullopt;
  }
}

}  // namespace

arrow::Result<PlanPtr> PlanResolver::ResolveSortOver(const LogicalPlan& sort, const Scope* outer) {
  const PlanPtr& child = sort.children.at(0);
  Scope scope;
  scope.attributes = child->output;
  scope.outer = outer;
  auto out = CopyPlan(sort);
  for (auto& item : out->order_by) {
    if (auto ordinal = IntegerLiteral(*item.expr)) {
      if (*ordinal < 1 || *ordinal > static_cast<int64_t>(child->output.size())) {
        return UserError("ORDER_BY_POS_OUT_OF_RANGE",
                         "ORDER BY position {} is not in select list (valid range is [1, {}]).", *ordinal,
                         child->output.size());
      }
      item.expr = AttributeRef(child->output[*ordinal - 1]);
      continue;
    }
    ExprOptions options;
    ARROW_ASSIGN_OR_RAISE(item.expr, ResolveExpr(item.expr, scope, options));
  }
  out->output = child->output;
  return PlanPtr(out);
}

arrow::Result<PlanPtr> PlanResolver::ResolveSelectBlock(const PlanPtr& plan, const Scope* outer) {
  // Peel the nodes above the Project / Aggregate.
  const LogicalPlan* sort = nullptr;
  bool distinct = false;
  std::vector<const LogicalPlan*> filters;  // top-down
  const LogicalPlan* p = plan.get();
  while (p->kind == PlanKind::kSort || p->kind == PlanKind::kFilter || p->kind == PlanKind::kDistinct) {
    if (p->kind == PlanKind::kSort) {
      if (sort) return UserError("INTERNAL_ERROR", "two ORDER BY clauses in one SELECT");
      sort = p;
    } else if (p->kind == PlanKind::kFilter) {
      filters.push_back(p);
    } else {
      distinct = true;
    }
    p = p->children.at(0).get();
  }
  const LogicalPlan& core = *p;
  PlanPtr input_plan = core.children.empty() ? MakeOneRow() : core.children[0];
  ARROW_ASSIGN_OR_RAISE(auto child, Resolve(input_plan, outer));
  Scope scope;
  scope.attributes = child->output;
  scope.outer = outer;

  // 1. The select list.
  ARROW_ASSIGN_OR_RAISE(auto items, ExpandStars(core.exprs, scope));
  std::vector<ExprPtr> select;
  AliasList aliases;
  std::set<int64_t> seen_ids;
  {
    ExprOptions options;
    options.allow_aggregates = true;
    options.allow_windows = true;
    for (const auto& item : items) {
      ARROW_ASSIGN_OR_RAISE(auto r, ResolveExpr(item, scope, options));
      if (r->kind != ExprKind::kAlias && r->kind != ExprKind::kColumn) {
        r = NewAlias(r, DisplayName(*item));
      } else if (r->kind == ExprKind::kColumn && (seen_ids.count(r->attribute_id) || r->name.empty())) {
        r = NewAlias(r, r->name.empty() ? DisplayName(*item) : r->name.back());
      }
      seen_ids.insert(r->attribute_id);
      std::string name = OutputAttribute(*r).name;
      aliases.emplace_back(name, Underlying(r));
      select.push_back(r);
    }
  }

  // 2. GROUP BY.
  bool grouped = core.kind == PlanKind::kAggregate;
  std::vector<ExprPtr> keys;
  if (grouped) {
    if (core.group_by_all) {
      for (const auto& s : select) {
        auto u = Underlying(s);
        if (!ContainsAggregate(u) && !ContainsWindow(u)) keys.push_back(u);
      }
    }
    for (const auto& g : core.group_by) {
      if (auto ordinal = IntegerLiteral(*g)) {
        if (*ordinal < 1 || *ordinal > static_cast<int64_t>(select.size())) {
          return UserError("GROUP_BY_POS_OUT_OF_RANGE",
                           "GROUP BY position {} is not in select list (valid range is [1, {}]).", *ordinal,
                           select.size());
        }
        auto u = Underlying(select[*ordinal - 1]);
        if (ContainsAggregate(u)) {
          return UserError("GROUP_BY_POS_AGGREGATE",
                           "GROUP BY {} refers to an expression that contains an aggregate function.", *ordinal);
        }
        keys.push_back(u);
        continue;
      }
      ExprOptions options;
      options.aliases = &aliases;
      ARROW_ASSIGN_OR_RAISE(auto k, ResolveExpr(g, scope, options));
      if (ContainsAggregate(k)) {
        return UserError("GROUP_BY_AGGREGATE", "Aggregate functions are not allowed in GROUP BY.");
      }
      keys.push_back(k);
    }
  }

  // 3. HAVING / QUALIFY / ORDER BY expressions over the input, select aliases as a fallback.
  std::vector<ExprPtr> conditions;
  for (const auto* f : filters) {
    ExprOptions options;
    options.allow_aggregates = true;
    options.allow_windows = true;
    options.aliases = &aliases;
    ARROW_ASSIGN_OR_RAISE(auto c, ResolveExpr(f->condition, scope, options));
    ARROW_ASSIGN_OR_RAISE(c, CastIfNeeded(c, arrow::boolean()));
    conditions.push_back(c);
  }
  std::vector<SortItem> order;
  if (sort) {
    for (const auto& item : sort->order_by) {
      SortItem s = item;
      if (auto ordinal = IntegerLiteral(*item.expr)) {
        if (*ordinal < 1 || *ordinal > static_cast<int64_t>(select.size())) {
          return UserError("ORDER_BY_POS_OUT_OF_RANGE",
                           "ORDER BY position {} is not in select list (valid range is [1, {}]).", *ordinal,
                           select.size());
        }
        // The selected expression itself, as ORDER BY alias resolves it, so that it maps onto
        // the grouping keys and aggregates when the block aggregates.
        s.expr = Underlying(select[*ordinal - 1]);
        order.push_back(s);
        continue;
      }
      ExprOptions options;
      options.allow_aggregates = true;
      options.allow_windows = true;
      options.aliases = &aliases;
      options.aliases_first = true;
      ARROW_ASSIGN_OR_RAISE(s.expr, ResolveExpr(item.expr, scope, options));
      order.push_back(s);
    }
  }

  bool has_aggregates = grouped;
  for (const auto& s : select) has_aggregates |= ContainsAggregate(s);
  for (const auto& c : conditions) has_aggregates |= ContainsAggregate(c);
  for (const auto& o : order) has_aggregates |= ContainsAggregate(o.expr);

  PlanPtr current = child;
  // Rewrites an expression over the input into one over the aggregate's output.
  std::function<arrow::Result<ExprPtr>(const ExprPtr&)> over_aggregate = [](const ExprPtr& e) {
    return arrow::Result<ExprPtr>(e);
  };
  std::vector<ExprPtr> key_items, agg_items;
  if (has_aggregates) {
    for (const auto& k : keys) {
      bool dup = false;
      for (const auto& existing : key_items) dup |= ExprEquals(*Underlying(existing), *k);
      if (dup) continue;
      key_items.push_back(k->kind == ExprKind::kColumn ? k : NewAlias(k, DisplayName(*k)));
    }
    std::function<arrow::Result<ExprPtr>(const ExprPtr&)> rewrite;
    rewrite = [&](const ExprPtr& e) -> arrow::Result<ExprPtr> {
      return ReplaceTopDown(e, [&](const ExprPtr& x) -> arrow::Result<ExprPtr> {
        for (const auto& k : key_items) {
          if (ExprEquals(*Underlying(k), *x)) return AttributeRef(OutputAttribute(*k));
        }
        if (x->kind == ExprKind::kCall && x->is_aggregate) {
          for (const auto& a : agg_items) {
            if (ExprEquals(*a->args[0], *x)) return AttributeRef(OutputAttribute(*a));
          }
          agg_items.push_back(NewAlias(x, DisplayName(*x)));
          return AttributeRef(OutputAttribute(*agg_items.back()));
        }
        if (x->kind == ExprKind::kWindow) {
          // The window's own function stays; its arguments and spec move over the aggregate.
          auto w = CopyExpr(*x);
          auto fn = CopyExpr(*x->args[0]);
          for (auto& a : fn->args) {
    ARROW_ASSIGN_OR_RAISE(a, rewrite(a));
  }
          w->args = {fn};
          auto spec = std::make_shared<WindowSpec>(*x->window);
          for (auto& pe : spec->partition_by) {
    ARROW_ASSIGN_OR_RAISE(pe, rewrite(pe));
  }
          for (auto& o : spec->order_by) {
    ARROW_ASSIGN_OR_RAISE(o.expr, rewrite(o.expr));
  }
          w->window = spec;
          return ExprPtr(w);
        }
        if (x->kind == ExprKind::kColumn) {
          return UserError("MISSING_AGGREGATION",
                           "The non-aggregating expression \"{}\" is based on columns which are not participating "
                           "in the GROUP BY clause. Add the columns or the expression to the GROUP BY, aggregate "
                           "the expression, or use \"any_value({})\" if you do not care which of the values within "
                           "a group is returned.",
                           x->name.empty() ? "?" : x->name.back(), x->name.empty() ? "?" : x->name.back());
        }
        return ExprPtr(nullptr);
      });
    };
    for (auto& s : select) {
      if (s->kind == ExprKind::kAlias) {
        auto c = CopyExpr(*s);
        ARROW_ASSIGN_OR_RAISE(c->args[0], rewrite(s->args[0]));
        s = c;
      } else {
        ARROW_ASSIGN_OR_RAISE(s, rewrite(s));
      }
    }
    for (auto& c : conditions) {
    ARROW_ASSIGN_OR_RAISE(c, rewrite(c));
  }
    for (auto& o : order) {
    ARROW_ASSIGN_OR_RAISE(o.expr, rewrite(o.expr));
  }
    auto agg = Node(PlanKind::kAggregate, current);
    agg->group_by = key_items;
    agg->exprs = agg_items;
    agg->grouping_sets = core.grouping_sets;
    for (const auto& k : key_items) {
      auto a = OutputAttribute(*k);
      if (!core.grouping_sets.empty()) a.nullable = true;
      agg->output.push_back(a);
    }
    for (const auto& a : agg_items) agg->output.push_back(OutputAttribute(*a));
    current = agg;
  }

  // 4. HAVING (conditions without window functions).
  std::vector<ExprPtr> qualify;
  for (const auto& c : conditions) {
    if (ContainsWindow(c)) {
      qualify.push_back(c);
      continue;
    }
    auto f = Node(PlanKind::kFilter, current);
    f->condition = c;
    f->output = current->output;
    current = f;
  }

  // 5. Window functions.
  std::vector<ExprPtr> windows;
  auto extract_windows = [&](const ExprPtr& e) -> arrow::Result<ExprPtr> {
    return ReplaceTopDown(e, [&](const ExprPtr& x) -> arrow::Result<ExprPtr> {
      if (x->kind != ExprKind::kWindow) return ExprPtr(nullptr);
      for (const auto& w : windows) {
        if (ExprEquals(*w->args[0], *x)) return AttributeRef(OutputAttribute(*w));
      }
      windows.push_back(NewAlias(x, DisplayName(*x)));
      return AttributeRef(OutputAttribute(*windows.back()));
    });
  };
  for (auto& s : select) {
    if (s->kind == ExprKind::kAlias && ContainsWindow(s->args[0])) {
      auto c = CopyExpr(*s);
      ARROW_ASSIGN_OR_RAISE(c->args[0], extract_windows(s->args[0]));
      s = c;
    }
  }
  for (auto& q : qualify) {
    ARROW_ASSIGN_OR_RAISE(q, extract_windows(q));
  }
  for (auto& o : order) {
    ARROW_ASSIGN_OR_RAISE(o.expr, extract_windows(o.expr));
  }
  if (!windows.empty()) {
    auto w = Node(PlanKind::kWindow, current);
    w->exprs = windows;
    w->output = current->output;
    for (const auto& x : windows) w->output.push_back(OutputAttribute(*x));
    current = w;
  }
  for (const auto& q : qualify) {
    auto f = Node(PlanKind::kFilter, current);
    f->condition = q;
    f->output = current->output;
    current = f;
  }

  // 6. The projection, with hidden columns for ORDER BY expressions it does not output.
  std::vector<ExprPtr> projected = select;
  size_t visible = projected.size();
  for (auto& o : order) {
    bool mapped = false;
    for (const auto& s : projected) {
      auto attr = OutputAttribute(*s);
      if (ExprEquals(*Underlying(s), *o.expr) ||
          (o.expr->kind == ExprKind::kColumn && o.expr->attribute_id == attr.id)) {
        o.expr = AttributeRef(attr);
        mapped = true;
        break;
      }
    }
    if (mapped) continue;
    if (distinct) {
      return UserError("MISSING_ATTRIBUTES.RESOLVED_ATTRIBUTE_APPEAR_IN_OPERATION",
                       "ORDER BY expressions must appear in the select list of a SELECT DISTINCT.");
    }
    auto hidden = NewAlias(o.expr, fmt::format("__order_{}", projected.size()));
    projected.push_back(hidden);
    o.expr = AttributeRef(OutputAttribute(*hidden));
  }
  auto project = Node(PlanKind::kProject, current);
  project->exprs = projected;
  for (const auto& s : projected) project->output.push_back(OutputAttribute(*s));
  current = project;

  if (distinct) {
    auto d = Node(PlanKind::kDistinct, current);
    d->output = current->output;
    current = d;
  }
  if (sort) {
    auto s = Node(PlanKind::kSort, current);
    s->order_by = order;
    s->output = current->output;
    current = s;
  }
  if (projected.size() > visible) {
    std::vector<ExprPtr> keep;
    for (size_t i = 0; i < visible; ++i) keep.push_back(AttributeRef(OutputAttribute(*projected[i])));
    auto drop = Node(PlanKind::kProject, current);
    drop->exprs = keep;
    for (const auto& k : keep) drop->output.push_back(OutputAttribute(*k));
    current = drop;
  }
  return current;
}

}  // namespace tarn::sql::analyzer_internal
