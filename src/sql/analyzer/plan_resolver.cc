// Resolving relations, joins, set operations, VALUES, aliases and CTEs.
#include <set>

#include <arrow/api.h>
#include <fmt/format.h>

#include "errors/error_class.h"
#include "sql/analyzer/analyzer_internal.h"

namespace tarn::sql::analyzer_internal {

namespace {

std::shared_ptr<LogicalPlan> NodeLike(const LogicalPlan& plan, std::vector<PlanPtr> children) {
  auto out = CopyPlan(plan);
  out->children = std::move(children);
  return out;
}

Scope ScopeOf(const std::vector<Attribute>& attributes, const Scope* outer) {
  Scope s;
  s.attributes = attributes;
  s.outer = outer;
  return s;
}

// Project that passes `attributes` through, computing nothing.
std::shared_ptr<LogicalPlan> ProjectOf(PlanPtr child, std::vector<ExprPtr> exprs) {
  auto p = std::make_shared<LogicalPlan>();
  p->kind = PlanKind::kProject;
  p->children = {std::move(child)};
  for (const auto& e : exprs) p->output.push_back(OutputAttribute(*e));
  p->exprs = std::move(exprs);
  return p;
}

bool IsSelectChain(const PlanPtr& plan) {
  const LogicalPlan* p = plan.get();
  while (p && (p->kind == PlanKind::kSort || p->kind == PlanKind::kFilter || p->kind == PlanKind::kDistinct)) {
    if (p->children.empty()) return false;
    p = p->children[0].get();
  }
  return p && (p->kind == PlanKind::kProject || p->kind == PlanKind::kAggregate);
}

// Names an already resolved plan (a CTE or view body) without resolving it again.
PlanPtr AliasOfResolved(const PlanPtr& body, const std::string& name) {
  auto alias = std::make_shared<LogicalPlan>();
  alias->kind = PlanKind::kSubqueryAlias;
  alias->alias = name;
  alias->children = {body};
  alias->output = body->output;
  for (auto& a : alias->output) a.qualifier = {name};
  return alias;
}

}  // namespace

arrow::Result<PlanPtr> PlanResolver::Resolve(const PlanPtr& plan, const Scope* outer) {
  switch (plan->kind) {
    case PlanKind::kProject:
    case PlanKind::kAggregate:
      return ResolveSelectBlock(plan, outer);
    case PlanKind::kSort:
    case PlanKind::kFilter:
    case PlanKind::kDistinct: {
      if (IsSelectChain(plan)) return ResolveSelectBlock(plan, outer);
      ARROW_ASSIGN_OR_RAISE(auto child, Resolve(plan->children.at(0), outer));
      if (plan->kind == PlanKind::kSort) {
        auto sort = NodeLike(*plan, {child});
        return ResolveSortOver(*sort, outer);
      }
      auto out = NodeLike(*plan, {child});
      out->output = child->output;
      if (plan->kind == PlanKind::kFilter) {
        Scope scope = ScopeOf(child->output, outer);
        ExprOptions options;
        options.in_where = true;
        ARROW_ASSIGN_OR_RAISE(auto cond, ResolveExpr(plan->condition, scope, options));
        ARROW_ASSIGN_OR_RAISE(out->condition, CastIfNeeded(cond, arrow::boolean()));
      }
      return PlanPtr(out);
    }
    case PlanKind::kLimit: {
      ARROW_ASSIGN_OR_RAISE(auto child, Resolve(plan->children.at(0), outer));
      auto out = NodeLike(*plan, {child});
      out->output = child->output;
      return PlanPtr(out);
    }
    case PlanKind::kRelation:
      return ResolveRelation(*plan);
    case PlanKind::kJoin:
      return ResolveJoin(*plan, outer);
    case PlanKind::kSetOperation:
      return ResolveSetOperation(*plan, outer);
    case PlanKind::kValues:
      return ResolveValues(*plan, outer);
    case PlanKind::kSubqueryAlias:
      return ResolveAlias(*plan, outer);
    case PlanKind::kWith:
      return ResolveWith(*plan, outer);
    case PlanKind::kGenerate:
      return ResolveGenerate(*plan, outer);
    case PlanKind::kWindow:
      return arrow::Status::Invalid("window nodes are created by the analyzer, not resolved");
  }
  return arrow::Status::Invalid("unknown plan node");
}

arrow::Result<PlanPtr> PlanResolver::ResolveRelation(const LogicalPlan& plan) {
  const auto& ref = plan.table;
  if (!ref.function.empty()) return ResolveTableFunction(plan);
  if (plan.source) return ScanOf(plan, plan.source);  // data the caller already holds (DML)
  if (ref.path.empty() && ref.name.size() == 1) {
    const std::string key = AsciiLower(ref.name[0]);
    for (auto it = ctes_.rbegin(); it != ctes_.rend(); ++it) {
      auto found = it->find(key);
      if (found == it->end()) continue;
      // A CTE sees only the CTEs defined before it: resolve it with the scopes outside this one.
      std::vector<std::map<std::string, PlanPtr>> saved(ctes_.begin(), it.base());
      saved.back().erase(key);  // no recursion
      std::swap(saved, ctes_);
      auto resolved = Resolve(found->second, nullptr);
      std::swap(saved, ctes_);
      ARROW_ASSIGN_OR_RAISE(auto body, std::move(resolved));
      return AliasOfResolved(body, ref.name[0]);
    }
  }
  if (ref.path.empty() && !ref.name.empty()) {
    if (auto view = relations_.FindView(ref.name)) {
      if (ref.version || ref.timestamp) {
        return UserError("UNSUPPORTED_FEATURE.TIME_TRAVEL", "Time travel on the view {} is not supported.",
                         QuoteName(ref.name));
      }
      if (++view_depth_ > 32) {
        return UserError("VIEW_EXCEED_MAX_NESTED_DEPTH", "The depth of view {} exceeds the maximum view "
                         "resolution depth (32).", QuoteName(ref.name));
      }
      std::vector<std::map<std::string, PlanPtr>> no_ctes;
      std::swap(no_ctes, ctes_);  // a view does not see the query's CTEs
      auto resolved = Resolve(view, nullptr);
      std::swap(no_ctes, ctes_);
      --view_depth_;
      ARROW_ASSIGN_OR_RAISE(auto body, std::move(resolved));
      return AliasOfResolved(body, ref.name.back());
    }
  }
  if (wants_metadata_column_ && !ref.format.empty()) {
    auto with_metadata = ref;
    with_metadata.with_metadata_column = true;
    ARROW_ASSIGN_OR_RAISE(auto source, relations_.ResolveTable(with_metadata));
    return ScanOf(plan, std::move(source));
  }
  ARROW_ASSIGN_OR_RAISE(auto source, relations_.ResolveTable(ref));
  return ScanOf(plan, std::move(source));
}

arrow::Result<PlanPtr> PlanResolver::ResolveTableFunction(const LogicalPlan& plan) {
  std::vector<RelationResolver::FunctionArgument> arguments;
  Scope none;
  ExprOptions options;
  for (size_t i = 0; i < plan.exprs.size(); ++i) {
    ARROW_ASSIGN_OR_RAISE(auto value, ResolveExpr(plan.exprs[i], none, options));
    arguments.push_back({plan.table.argument_names.at(i), std::move(value)});
  }
  ARROW_ASSIGN_OR_RAISE(auto source,
                        relations_.ResolveTableFunction(plan.table.function, arguments, wants_metadata_column_));
  auto scan = CopyPlan(plan);
  scan->exprs.clear();
  return ScanOf(*scan, std::move(source));
}

arrow::Result<PlanPtr> PlanResolver::ScanOf(const LogicalPlan& plan, std::shared_ptr<const TableSource> source) {
  const auto& ref = plan.table;
  auto out = CopyPlan(plan);
  out->source = source;
  for (const auto& f : source->schema()->fields()) {
    Attribute a;
    a.id = NewId();
    a.name = f->name();
    a.qualifier = ref.name;
    a.type = f->type();
    a.nullable = f->nullable();
    a.hidden = f->metadata() && f->metadata()->Contains(kHiddenColumnKey);
    out->output.push_back(std::move(a));
  }
  return PlanPtr(out);
}

arrow::Result<PlanPtr> PlanResolver::ResolveAlias(const LogicalPlan& plan, const Scope* outer) {
  ARROW_ASSIGN_OR_RAISE(auto child, Resolve(plan.children.at(0), outer));
  if (!plan.column_aliases.empty() && plan.column_aliases.size() != child->output.size()) {
    return UserError("ASSIGNMENT_ARITY_MISMATCH",
                     "Number of column aliases does not match number of columns. Number of column aliases: {}; "
                     "number of columns: {}.",
                     plan.column_aliases.size(), child->output.size());
  }
  auto out = NodeLike(plan, {child});
  out->output = child->output;
  for (size_t i = 0; i < out->output.size(); ++i) {
    out->output[i].qualifier = {plan.alias};
    if (!plan.column_aliases.empty()) out->output[i].name = plan.column_aliases[i];
  }
  return PlanPtr(out);
}

arrow::Result<PlanPtr> PlanResolver::ResolveWith(const LogicalPlan& plan, const Scope* outer) {
  ctes_.emplace_back();
  for (const auto& [name, body] : plan.ctes) {
    std::string key = AsciiLower(name);
    if (ctes_.back().count(key)) {
      ctes_.pop_back();
      return UserError("DUPLICATED_CTE_NAMES", "CTE definition can't have duplicate names: {}.", QuoteName({name}));
    }
    ctes_.back()[key] = body;
  }
  auto resolved = Resolve(plan.children.at(0), outer);
  ctes_.pop_back();
  return resolved;
}

arrow::Result<PlanPtr> PlanResolver::ResolveJoin(const LogicalPlan& plan, const Scope* outer) {
  ARROW_ASSIGN_OR_RAISE(auto left, Resolve(plan.children.at(0), outer));
  ARROW_ASSIGN_OR_RAISE(auto right, Resolve(plan.children.at(1), outer));
  auto join = NodeLike(plan, {left, right});
  join->natural = false;
  join->using_columns.clear();
  std::vector<Attribute> all = left->output;
  all.insert(all.end(), right->output.begin(), right->output.end());
  Scope scope = ScopeOf(all, outer);

  std::vector<std::string> using_columns = plan.using_columns;
  if (plan.natural) {
    for (const auto& l : left->output) {
      for (const auto& r : right->output) {
        if (NameEquals(l.name, r.name)) using_columns.push_back(l.name);
      }
    }
  }
  std::vector<std::pair<Attribute, Attribute>> using_pairs;
  std::vector<ExprPtr> conjuncts;
  for (const auto& col : using_columns) {
    const Attribute* l = nullptr;
    const Attribute* r = nullptr;
    for (const auto& a : left->output) {
      if (NameEquals(a.name, col)) l = &a;
    }
    for (const auto& a : right->output) {
      if (NameEquals(a.name, col)) r = &a;
    }
    if (!l || !r) {
      return UserError("UNRESOLVED_USING_COLUMN_FOR_JOIN",
                       "USING column {} cannot be resolved on the {} side of the join.", QuoteName({col}),
                       l ? "right" : "left");
    }
    using_pairs.emplace_back(*l, *r);
    ExprOptions options;
    ARROW_ASSIGN_OR_RAISE(auto eq, ResolveExpr(Call("=", {AttributeRef(*l), AttributeRef(*r)}), scope, options));
    conjuncts.push_back(eq);
  }
  if (plan.condition) {
    ExprOptions options;
    ARROW_ASSIGN_OR_RAISE(auto cond, ResolveExpr(plan.condition, scope, options));
    ARROW_ASSIGN_OR_RAISE(cond, CastIfNeeded(cond, arrow::boolean()));
    conjuncts.push_back(cond);
  }
  join->condition = MakeConjunction(conjuncts);

  auto nullable = [](std::vector<Attribute> attrs) {
    for (auto& a : attrs) a.nullable = true;
    return attrs;
  };
  std::vector<Attribute> lout = left->output, rout = right->output;
  switch (plan.join_type) {
    case JoinType::kLeft: rout = nullable(rout); break;
    case JoinType::kRight: lout = nullable(lout); break;
    case JoinType::kFull: lout = nullable(lout); rout = nullable(rout); break;
    default: break;
  }
  if (plan.join_type == JoinType::kLeftSemi || plan.join_type == JoinType::kLeftAnti) {
    join->output = left->output;
  } else {
    join->output = lout;
    join->output.insert(join->output.end(), rout.begin(), rout.end());
  }
  if (using_pairs.empty()) return PlanPtr(join);

  // USING / NATURAL: the join columns once, first, then the other columns of each side.
  std::vector<ExprPtr> exprs;
  std::set<int64_t> used;
  auto find = [](const std::vector<Attribute>& attrs, int64_t id) {
    for (const auto& a : attrs) {
      if (a.id == id) return a;
    }
    return Attribute{};
  };
  for (const auto& [l, r] : using_pairs) {
    used.insert(l.id);
    used.insert(r.id);
    if (plan.join_type == JoinType::kFull) {
      ExprOptions options;
      ARROW_ASSIGN_OR_RAISE(auto c, ResolveExpr(Call("coalesce", {AttributeRef(find(lout, l.id)),
                                                                  AttributeRef(find(rout, r.id))}),
                                                scope, options));
      exprs.push_back(NewAlias(c, l.name));
    } else if (plan.join_type == JoinType::kRight) {
      exprs.push_back(AttributeRef(find(rout, r.id)));
    } else {
      exprs.push_back(AttributeRef(find(join->output, l.id)));
    }
  }
  for (const auto& a : join->output) {
    if (!used.count(a.id)) exprs.push_back(AttributeRef(a));
  }
  // Hidden on purpose: Spark still lets `t.col` name the dropped side's USING column.
  return PlanPtr(ProjectOf(join, exprs));
}

arrow::Result<PlanPtr> PlanResolver::ResolveSetOperation(const LogicalPlan& plan, const Scope* outer) {
  ARROW_ASSIGN_OR_RAISE(auto left, Resolve(plan.children.at(0), outer));
  ARROW_ASSIGN_OR_RAISE(auto right, Resolve(plan.children.at(1), outer));
  if (plan.by_name) {
    std::vector<ExprPtr> reordered;
    for (const auto& l : left->output) {
      const Attribute* match = nullptr;
      for (const auto& r : right->output) {
        if (NameEquals(l.name, r.name)) match = &r;
      }
      if (!match) {
        return UserError("NUM_COLUMNS_MISMATCH", "UNION BY NAME: column {} is missing on the right side.",
                         QuoteName({l.name}));
      }
      reordered.push_back(AttributeRef(*match));
    }
    right = ProjectOf(right, reordered);
  }
  if (left->output.size() != right->output.size()) {
    const char* op = plan.set_op == SetOperation::kUnion ? "UNION"
                     : plan.set_op == SetOperation::kIntersect ? "INTERSECT" : "EXCEPT";
    return UserError("NUM_COLUMNS_MISMATCH",
                     "{} can only be performed on inputs with the same number of columns, but the first input has "
                     "{} columns and the second input has {} columns.",
                     op, left->output.size(), right->output.size());
  }
  std::vector<ExprPtr> lcast, rcast;
  bool lchanged = false, rchanged = false;
  auto out = NodeLike(plan, {});
  for (size_t i = 0; i < left->output.size(); ++i) {
    auto l = AttributeRef(left->output[i]);
    auto r = AttributeRef(right->output[i]);
    ARROW_ASSIGN_OR_RAISE(auto common, functions_.CommonType(l->type, r->type));
    ARROW_ASSIGN_OR_RAISE(auto lc, CastIfNeeded(l, common));
    ARROW_ASSIGN_OR_RAISE(auto rc, CastIfNeeded(r, common));
    if (lc != l) {
      lchanged = true;
      lc = NewAlias(lc, left->output[i].name);
    }
    if (rc != r) {
      rchanged = true;
      rc = NewAlias(rc, right->output[i].name);
    }
    lcast.push_back(lc);
    rcast.push_back(rc);
    Attribute a;
    a.id = NewId();
    a.name = left->output[i].name;
    a.type = common;
    bool any_null = left->output[i].nullable || right->output[i].nullable;
    a.nullable = plan.set_op == SetOperation::kUnion ? any_null
                 : plan.set_op == SetOperation::kIntersect ? (left->output[i].nullable && right->output[i].nullable)
                                                           : left->output[i].nullable;
    out->output.push_back(a);
  }
  out->children = {lchanged ? PlanPtr(ProjectOf(left, lcast)) : left,
                   rchanged ? PlanPtr(ProjectOf(right, rcast)) : right};
  return PlanPtr(out);
}

arrow::Result<PlanPtr> PlanResolver::ResolveValues(const LogicalPlan& plan, const Scope* outer) {
  auto out = CopyPlan(plan);
  Scope scope = ScopeOf({}, outer);
  size_t width = plan.rows.empty() ? 0 : plan.rows[0].size();
  std::vector<std::vector<ExprPtr>> rows;
  for (const auto& row : plan.rows) {
    if (row.size() != width) {
      return UserError("INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH",
                       "Inline table expected {} columns but found {} columns in a row.", width, row.size());
    }
    std::vector<ExprPtr> resolved;
    for (const auto& e : row) {
      ExprOptions options;
      ARROW_ASSIGN_OR_RAISE(auto r, ResolveExpr(e, scope, options));
      if (r->kind == ExprKind::kAlias) r = r->args[0];
      resolved.push_back(r);
    }
    rows.push_back(std::move(resolved));
  }
  for (size_t c = 0; c < width; ++c) {
    std::vector<ExprPtr> column;
    for (const auto& row : rows) column.push_back(row[c]);
    ARROW_ASSIGN_OR_RAISE(auto common, CommonType(column, "VALUES"));
    bool nullable = false;
    for (auto& row : rows) {
      ARROW_ASSIGN_OR_RAISE(row[c], CastIfNeeded(row[c], common));
      nullable |= row[c]->nullable;
    }
    Attribute a;
    a.id = NewId();
    a.name = fmt::format("col{}", c + 1);
    a.type = common;
    a.nullable = nullable;
    out->output.push_back(a);
  }
  out->rows = std::move(rows);
  return PlanPtr(out);
}

arrow::Result<PlanPtr> PlanResolver::ResolveGenerate(const LogicalPlan&, const Scope*) {
  return UserError("UNSUPPORTED_FEATURE.LATERAL_VIEW", "LATERAL VIEW / generators are not supported yet.");
}

}  // namespace tarn::sql::analyzer_internal

namespace tarn::sql::analyzer_internal {

namespace {

bool ExprMentionsMetadata(const Expr& e);

bool PlanMentionsMetadata(const LogicalPlan& plan) {
  auto any_expr = [](const std::vector<ExprPtr>& list) {
    for (const auto& e : list) {
      if (e && ExprMentionsMetadata(*e)) return true;
    }
    return false;
  };
  if (any_expr(plan.exprs) || any_expr(plan.group_by)) return true;
  if (plan.condition && ExprMentionsMetadata(*plan.condition)) return true;
  for (const auto& item : plan.order_by) {
    if (item.expr && ExprMentionsMetadata(*item.expr)) return true;
  }
  for (const auto& row : plan.rows) {
    if (any_expr(row)) return true;
  }
  for (const auto& [name, cte] : plan.ctes) {
    if (cte && PlanMentionsMetadata(*cte)) return true;
  }
  for (const auto& child : plan.children) {
    if (child && PlanMentionsMetadata(*child)) return true;
  }
  return false;
}

bool ExprMentionsMetadata(const Expr& e) {
  if (e.kind == ExprKind::kColumn || e.kind == ExprKind::kStar) {  // _metadata.file_name, _metadata.*
    for (const auto& part : e.name) {
      if (AsciiLower(part) == "_metadata") return true;
    }
  }
  for (const auto& a : e.args) {
    if (a && ExprMentionsMetadata(*a)) return true;
  }
  if (e.filter && ExprMentionsMetadata(*e.filter)) return true;
  if (e.subquery && PlanMentionsMetadata(*e.subquery)) return true;
  if (e.window) {
    for (const auto& p : e.window->partition_by) {
      if (p && ExprMentionsMetadata(*p)) return true;
    }
    for (const auto& o : e.window->order_by) {
      if (o.expr && ExprMentionsMetadata(*o.expr)) return true;
    }
  }
  return false;
}

}  // namespace

bool MentionsMetadataColumn(const LogicalPlan& plan) { return PlanMentionsMetadata(plan); }

}  // namespace tarn::sql::analyzer_internal
