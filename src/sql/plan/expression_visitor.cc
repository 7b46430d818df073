#include "sql/plan/expression_visitor.h"

#include <arrow/scalar.h>
#include <arrow/type.h>

namespace tarn::sql {

arrow::Result<ExprPtr> RewriteBottomUp(const ExprPtr& expr, const ExprRewriter& fn) {
  if (!expr) return expr;
  bool changed = false;
  std::vector<ExprPtr> args;
  args.reserve(expr->args.size());
  for (const auto& a : expr->args) {
    ARROW_ASSIGN_OR_RAISE(auto na, RewriteBottomUp(a, fn));
    changed |= na != a;
    args.push_back(std::move(na));
  }
  ExprPtr filter = expr->filter;
  if (filter) {
    ARROW_ASSIGN_OR_RAISE(filter, RewriteBottomUp(expr->filter, fn));
    changed |= filter != expr->filter;
  }
  std::shared_ptr<const WindowSpec> window = expr->window;
  if (window) {
    auto w = std::make_shared<WindowSpec>(*window);
    bool wchanged = false;
    for (auto& p : w->partition_by) {
      ARROW_ASSIGN_OR_RAISE(auto np, RewriteBottomUp(p, fn));
      wchanged |= np != p;
      p = np;
    }
    for (auto& o : w->order_by) {
      ARROW_ASSIGN_OR_RAISE(auto no, RewriteBottomUp(o.expr, fn));
      wchanged |= no != o.expr;
      o.expr = no;
    }
    if (wchanged) {
      window = w;
      changed = true;
    }
  }
  ExprPtr node = expr;
  if (changed) {
    auto copy = CopyExpr(*expr);
    copy->args = std::move(args);
    copy->filter = filter;
    copy->window = window;
    node = copy;
  }
  return fn(node);
}

arrow::Result<ExprPtr> ReplaceTopDown(const ExprPtr& expr, const ExprReplacer& fn) {
  if (!expr) return expr;
  ARROW_ASSIGN_OR_RAISE(auto replaced, fn(expr));
  if (replaced) return replaced;
  bool changed = false;
  auto copy = CopyExpr(*expr);
  for (auto& a : copy->args) {
    ARROW_ASSIGN_OR_RAISE(auto na, ReplaceTopDown(a, fn));
    changed |= na != a;
    a = na;
  }
  if (copy->filter) {
    ARROW_ASSIGN_OR_RAISE(auto nf, ReplaceTopDown(copy->filter, fn));
    changed |= nf != copy->filter;
    copy->filter = nf;
  }
  if (copy->window) {
    auto w = std::make_shared<WindowSpec>(*copy->window);
    for (auto& p : w->partition_by) {
      ARROW_ASSIGN_OR_RAISE(auto np, ReplaceTopDown(p, fn));
      changed |= np != p;
      p = np;
    }
    for (auto& o : w->order_by) {
      ARROW_ASSIGN_OR_RAISE(auto no, ReplaceTopDown(o.expr, fn));
      changed |= no != o.expr;
      o.expr = no;
    }
    copy->window = w;
  }
  return changed ? ExprPtr(copy) : expr;
}

void VisitExpr(const ExprPtr& expr, const std::function<bool(const Expr&)>& fn) {
  if (!expr) return;
  if (!fn(*expr)) return;
  for (const auto& a : expr->args) VisitExpr(a, fn);
  VisitExpr(expr->filter, fn);
  if (expr->window) {
    for (const auto& p : expr->window->partition_by) VisitExpr(p, fn);
    for (const auto& o : expr->window->order_by) VisitExpr(o.expr, fn);
  }
}

bool ExprEquals(const Expr& a, const Expr& b) {
  if (&a == &b) return true;
  if (a.kind != b.kind || a.name != b.name || a.distinct != b.distinct || a.negated != b.negated ||
      a.try_cast != b.try_cast || a.ignore_nulls != b.ignore_nulls || a.attribute_id != b.attribute_id ||
      a.args.size() != b.args.size() || a.subquery != b.subquery) {
    return false;
  }
  if ((a.type == nullptr) != (b.type == nullptr) || (a.type && !a.type->Equals(*b.type))) return false;
  if (a.kind == ExprKind::kLiteral) {
    if ((a.value == nullptr) != (b.value == nullptr)) return false;
    if (a.value && !a.value->Equals(*b.value)) return false;
  }
  for (size_t i = 0; i < a.args.size(); ++i) {
    if (!ExprEquals(*a.args[i], *b.args[i])) return false;
  }
  if ((a.filter == nullptr) != (b.filter == nullptr) || (a.filter && !ExprEquals(*a.filter, *b.filter))) {
    return false;
  }
  if ((a.window == nullptr) != (b.window == nullptr)) return false;
  if (a.window) {
    const auto& wa = *a.window;
    const auto& wb = *b.window;
    if (wa.partition_by.size() != wb.partition_by.size() || wa.order_by.size() != wb.order_by.size() ||
        wa.has_frame != wb.has_frame) {
      return false;
    }
    for (size_t i = 0; i < wa.partition_by.size(); ++i) {
      if (!ExprEquals(*wa.partition_by[i], *wb.partition_by[i])) return false;
    }
    for (size_t i = 0; i < wa.order_by.size(); ++i) {
      if (wa.order_by[i].ascending != wb.order_by[i].ascending || wa.order_by[i].nulls != wb.order_by[i].nulls ||
          !ExprEquals(*wa.order_by[i].expr, *wb.order_by[i].expr)) {
        return false;
      }
    }
    if (wa.has_frame) {
      const auto& fa = wa.frame;
      const auto& fb = wb.frame;
      auto bound_eq = [](const FrameBound& x, const FrameBound& y) {
        if (x.kind != y.kind || (x.offset == nullptr) != (y.offset == nullptr)) return false;
        return !x.offset || ExprEquals(*x.offset, *y.offset);
      };
      if (fa.type != fb.type || !bound_eq(fa.start, fb.start) || !bound_eq(fa.end, fb.end)) return false;
    }
  }
  return true;
}

bool ContainsAggregate(const ExprPtr& expr) {
  bool found = false;
  VisitExpr(expr, [&](const Expr& e) {
    if (e.kind == ExprKind::kWindow) return false;  // an aggregate OVER (...) is a window
    if (e.is_aggregate) found = true;
    return !found;
  });
  return found;
}

bool ContainsWindow(const ExprPtr& expr) {
  bool found = false;
  VisitExpr(expr, [&](const Expr& e) {
    if (e.kind == ExprKind::kWindow) found = true;
    return !found;
  });
  return found;
}

bool ContainsSubquery(const ExprPtr& expr) {
  bool found = false;
  VisitExpr(expr, [&](const Expr& e) {
    if (e.subquery) found = true;
    return !found;
  });
  return found;
}

std::set<int64_t> ReferencedAttributes(const ExprPtr& expr) {
  std::set<int64_t> ids;
  VisitExpr(expr, [&](const Expr& e) {
    if (e.kind == ExprKind::kColumn && e.attribute_id >= 0) ids.insert(e.attribute_id);
    return true;
  });
  return ids;
}

namespace {
void CollectOuterRefs(const LogicalPlan& plan, std::set<int64_t>& ids);

void CollectOuterRefs(const ExprPtr& expr, std::set<int64_t>& ids) {
  VisitExpr(expr, [&](const Expr& e) {
    if (e.kind == ExprKind::kOuterRef) ids.insert(e.attribute_id);
    if (e.subquery) CollectOuterRefs(*e.subquery, ids);
    return true;
  });
}

void CollectOuterRefs(const LogicalPlan& plan, std::set<int64_t>& ids) {
  for (const auto& e : plan.exprs) CollectOuterRefs(e, ids);
  for (const auto& e : plan.group_by) CollectOuterRefs(e, ids);
  CollectOuterRefs(plan.condition, ids);
  for (const auto& s : plan.order_by) CollectOuterRefs(s.expr, ids);
  for (const auto& row : plan.rows) {
    for (const auto& e : row) CollectOuterRefs(e, ids);
  }
  for (const auto& c : plan.children) CollectOuterRefs(*c, ids);
}
}  // namespace

std::set<int64_t> OuterReferences(const ExprPtr& expr) {
  std::set<int64_t> ids;
  CollectOuterRefs(expr, ids);
  return ids;
}

ExprPtr AttributeRef(const Attribute& attribute) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kColumn;
  e->name = attribute.qualifier;
  e->name.push_back(attribute.name);
  e->attribute_id = attribute.id;
  e->type = attribute.type;
  e->nullable = attribute.nullable;
  return e;
}

Attribute OutputAttribute(const Expr& expr) {
  Attribute a;
  a.id = expr.attribute_id;
  a.type = expr.type;
  a.nullable = expr.nullable;
  if (expr.kind == ExprKind::kAlias) {
    a.name = expr.name.empty() ? "" : expr.name.back();
  } else if (expr.kind == ExprKind::kColumn && !expr.name.empty()) {
    a.name = expr.name.back();
    a.qualifier.assign(expr.name.begin(), expr.name.end() - 1);
  }
  return a;
}

ExprPtr MakeConjunction(const std::vector<ExprPtr>& conjuncts) {
  ExprPtr out;
  for (const auto& c : conjuncts) {
    if (!out) {
      out = c;
      continue;
    }
    auto e = std::make_shared<Expr>();
    e->kind = ExprKind::kCall;
    e->name = {"and"};
    e->args = {out, c};
    e->type = arrow::boolean();
    e->nullable = out->nullable || c->nullable;
    out = e;
  }
  return out;
}

std::vector<ExprPtr> SplitConjunction(const ExprPtr& expr) {
  std::vector<ExprPtr> out;
  if (!expr) return out;
  if (expr->kind == ExprKind::kCall && expr->name.size() == 1 && expr->name[0] == "and" && expr->args.size() == 2) {
    for (const auto& a : expr->args) {
      auto part = SplitConjunction(a);
      out.insert(out.end(), part.begin(), part.end());
    }
    return out;
  }
  out.push_back(expr);
  return out;
}

std::shared_ptr<Expr> CopyExpr(const Expr& expr) { return std::make_shared<Expr>(expr); }
std::shared_ptr<LogicalPlan> CopyPlan(const LogicalPlan& plan) { return std::make_shared<LogicalPlan>(plan); }

}  // namespace tarn::sql
