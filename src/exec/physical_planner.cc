#include "exec/physical_planner.h"

#include <arrow/acero/options.h>
#include <arrow/api.h>
#include <arrow/compute/api.h>

#include "errors/error_class.h"
#include "exec/delta_scan_reader.h"
#include "exec/scan_predicate.h"
#include "exec/table_sources.h"
#include "exec/window_operator.h"
#include "sql/plan/expression_visitor.h"
#include "storage/delta/table_scan.h"

namespace tarn::exec {

namespace ac = arrow::acero;
namespace cp = arrow::compute;
using sql::Attribute;
using sql::Expr;
using sql::ExprKind;
using sql::ExprPtr;
using sql::LogicalPlan;
using sql::PlanKind;

namespace {

std::vector<std::string> NamesOf(const std::vector<Attribute>& attrs) {
  std::vector<std::string> names;
  for (const auto& a : attrs) names.push_back(FieldName(a.id));
  return names;
}

std::vector<ExprPtr> RefsOf(const std::vector<Attribute>& attrs) {
  std::vector<ExprPtr> refs;
  for (const auto& a : attrs) refs.push_back(sql::AttributeRef(a));
  return refs;
}

ExprPtr Underlying(const ExprPtr& e) { return e->kind == ExprKind::kAlias ? e->args[0] : e; }

}  // namespace

PhysicalPlanner::PhysicalPlanner(const sql::SparkFunctionRegistry& functions, const sql::BindContext& context)
    : functions_(functions),
      context_(context),
      lowering_(functions, context, [this](const sql::PlanPtr& p) { return RunScalarSubquery(p); }) {}

arrow::Status WithSparkErrorClass(const arrow::Status& status) {
  if (status.ok() || !ErrorClassOf(status).empty()) return status;
  const std::string& m = status.message();
  auto has = [&](const char* text) { return m.find(text) != std::string::npos; };
  // Kernel errors raised with a class inside tarn's own kernels keep it in the text.
  if (m.rfind("[", 0) == 0 && m.find(']') != std::string::npos) {
    return ErrorWithClass(status.code(), m.substr(1, m.find(']') - 1), m.substr(m.find(']') + 2));
  }
  if (has("divide by zero") || has("Divide by zero")) {
    return UserError("DIVIDE_BY_ZERO",
                     "Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. If "
                     "necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.");
  }
  if (has("Failed to parse string") || has("Invalid value") || has("as a scalar of type") || has("Failed to parse")) {
    return UserError("CAST_INVALID_INPUT",
                     "The value cannot be cast because it is malformed ({}). Correct the value as per the syntax, or "
                     "change its target type. Use `try_cast` to tolerate malformed input and return NULL instead.",
                     m);
  }
  if (has("Integer value") || has("out of bounds") || has("would overflow") || has("not in range") ||
      has("Rescaling Decimal value would cause data loss") || has("precision")) {
    return UserError("CAST_OVERFLOW", "The value cannot be cast due to an overflow ({}). Use `try_cast` to tolerate "
                     "overflow and return NULL instead.", m);
  }
  if (has("overflow")) {
    return UserError("ARITHMETIC_OVERFLOW", "{}. Use 'try_add' / 'try_multiply' to tolerate overflow and return NULL "
                     "instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.", m);
  }
  return status;
}

arrow::Result<std::shared_ptr<arrow::Table>> PhysicalPlanner::Run(ac::Declaration declaration) {
  ac::QueryOptions options;
  options.use_threads = !ordered_aggregates_;
  options.function_registry = functions_.arrow_registry();
  auto result = ac::DeclarationToTable(std::move(declaration), options);
  if (!result.ok()) return WithSparkErrorClass(result.status());
  return result;
}

arrow::Result<std::shared_ptr<arrow::Table>> PhysicalPlanner::Materialize(const LogicalPlan& plan) {
  ARROW_ASSIGN_OR_RAISE(auto decl, Plan(plan));
  ARROW_ASSIGN_OR_RAISE(auto table, Run(std::move(decl)));
  // Acero may hand back columns it computed as scalars or in another order; normalise.
  return table;
}

arrow::Result<std::shared_ptr<arrow::Table>> PhysicalPlanner::Execute(const sql::PlanPtr& plan) {
  ARROW_ASSIGN_OR_RAISE(auto table, Materialize(*plan));
  std::vector<std::string> names;
  for (const auto& a : plan->output) names.push_back(a.name);
  ARROW_ASSIGN_OR_RAISE(table, table->RenameColumns(names));
  // Declared nullability, so that NOT NULL columns stay NOT NULL for writers.
  arrow::FieldVector fields;
  for (size_t i = 0; i < plan->output.size(); ++i) {
    fields.push_back(arrow::field(names[i], table->schema()->field(static_cast<int>(i))->type(), plan->output[i].nullable));
  }
  return arrow::Table::Make(arrow::schema(fields), table->columns(), table->num_rows());
}

arrow::Result<std::string> PhysicalPlanner::Explain(const sql::PlanPtr& plan) {
  ARROW_ASSIGN_OR_RAISE(auto decl, Plan(*plan));
  ac::QueryOptions options;
  options.function_registry = functions_.arrow_registry();
  return ac::DeclarationToString(std::move(decl), options.function_registry);
}

arrow::Result<std::shared_ptr<arrow::Scalar>> PhysicalPlanner::RunScalarSubquery(const sql::PlanPtr& plan) {
  ARROW_ASSIGN_OR_RAISE(auto table, Materialize(*plan));
  if (table->num_rows() > 1) {
    return UserError("SCALAR_SUBQUERY_TOO_MANY_ROWS", "More than one row returned by a subquery used as an expression.");
  }
  if (table->num_rows() == 0) return arrow::MakeNullScalar(plan->output.at(0).type);
  return table->column(0)->GetScalar(0);
}

ac::Declaration PhysicalPlanner::TableSource(std::shared_ptr<arrow::Table> table) {
  return ac::Declaration("table_source", ac::TableSourceNodeOptions(std::move(table)));
}

arrow::Result<ac::Declaration> PhysicalPlanner::Project(ac::Declaration input, const std::vector<ExprPtr>& exprs,
                                                        const std::vector<std::string>& names) {
  std::vector<cp::Expression> lowered;
  for (const auto& e : exprs) {
    ARROW_ASSIGN_OR_RAISE(auto l, lowering_.Lower(*e));
    lowered.push_back(std::move(l));
  }
  return ac::Declaration::Sequence({std::move(input), {"project", ac::ProjectNodeOptions(std::move(lowered), names)}});
}

ac::Declaration PhysicalPlanner::Distinct(ac::Declaration input, const std::vector<Attribute>& output) {
  std::vector<arrow::FieldRef> keys;
  for (const auto& a : output) keys.emplace_back(FieldName(a.id));
  std::string count = "#distinct" + std::to_string(next_temp_++);
  ac::AggregateNodeOptions agg({cp::Aggregate("hash_count_all", count)}, keys);
  std::vector<cp::Expression> refs;
  for (const auto& a : output) refs.push_back(cp::field_ref(FieldName(a.id)));
  return ac::Declaration::Sequence({std::move(input), {"aggregate", std::move(agg)},
                                    {"project", ac::ProjectNodeOptions(refs, NamesOf(output))}});
}

arrow::Result<ac::Declaration> PhysicalPlanner::Plan(const LogicalPlan& plan) {
  switch (plan.kind) {
    case PlanKind::kRelation:
      return PlanScan(plan);
    case PlanKind::kSubqueryAlias:
      return Plan(*plan.children.at(0));
    case PlanKind::kWith:
      return Plan(*plan.children.at(0));
    case PlanKind::kFilter: {
      ARROW_ASSIGN_OR_RAISE(auto input, Plan(*plan.children.at(0)));
      ARROW_ASSIGN_OR_RAISE(auto cond, lowering_.Lower(*plan.condition));
      return ac::Declaration::Sequence({std::move(input), {"filter", ac::FilterNodeOptions(std::move(cond))}});
    }
    case PlanKind::kProject: {
      ARROW_ASSIGN_OR_RAISE(auto input, Plan(*plan.children.at(0)));
      return Project(std::move(input), plan.exprs, NamesOf(plan.output));
    }
    case PlanKind::kAggregate:
      return PlanAggregate(plan);
    case PlanKind::kJoin:
      return PlanJoin(plan);
    case PlanKind::kSort:
      return PlanSort(plan);
    case PlanKind::kLimit:
      return PlanLimit(plan);
    case PlanKind::kDistinct: {
      ARROW_ASSIGN_OR_RAISE(auto input, Plan(*plan.children.at(0)));
      return Distinct(std::move(input), plan.output);
    }
    case PlanKind::kSetOperation:
      return PlanSetOperation(plan);
    case PlanKind::kValues:
      return PlanValues(plan);
    case PlanKind::kWindow:
      return PlanWindow(plan);
    case PlanKind::kGenerate:
      return UserError("UNSUPPORTED_FEATURE.LATERAL_VIEW", "Generators are not supported yet.");
  }
  return arrow::Status::Invalid("unknown plan node");
}

arrow::Result<ac::Declaration> PhysicalPlanner::PlanScan(const LogicalPlan& plan) {
  // Pushed filters name columns by attribute id; the storage layer wants the table's names.
  std::map<int64_t, std::string> names;
  for (const auto& a : plan.output) names[a.id] = a.name;
  std::vector<ExprPtr> pushed, folded_filters;
  for (const auto& original : plan.exprs) {
    ARROW_ASSIGN_OR_RAISE(auto f, lowering_.FoldConstants(original));
    folded_filters.push_back(f);
    ARROW_ASSIGN_OR_RAISE(auto renamed, sql::RewriteBottomUp(f, [&](const ExprPtr& e) -> arrow::Result<ExprPtr> {
      if (e->kind != ExprKind::kColumn) return e;
      auto c = sql::CopyExpr(*e);
      auto it = names.find(e->attribute_id);
      if (it != names.end()) c->name = {it->second};
      return ExprPtr(c);
    }));
    pushed.push_back(renamed);
  }
  std::vector<std::string> columns;
  for (const auto& a : plan.output) columns.push_back(a.name);
  // count(*) needs rows but no columns: read the narrowest thing there is, the first column.
  const bool no_columns = columns.empty();
  if (no_columns) columns.push_back(plan.source->schema()->field(0)->name());

  std::shared_ptr<arrow::Table> table;
  std::vector<ExprPtr> residual = folded_filters;
  if (auto delta_source = std::dynamic_pointer_cast<const DeltaTableSource>(plan.source)) {
    delta::ScanOptions options;
    options.columns = columns;
    std::vector<delta::PredicatePtr> preds;
    residual.clear();
    for (size_t i = 0; i < pushed.size(); ++i) {
      if (auto p = ToDeltaPredicate(*pushed[i])) {
        preds.push_back(p);
      } else {
        residual.push_back(folded_filters[i]);
      }
    }
    if (!preds.empty()) options.filter = delta::And(preds);
    ARROW_ASSIGN_OR_RAISE(auto scan, delta::TableScan::Make(delta_source->snapshot(), options));
    stats_.files_total += static_cast<int64_t>(delta_source->snapshot()->files().size());
    stats_.files_scanned += static_cast<int64_t>(scan.files().size());
    if (!no_columns) {
      // Stream file by file: bounded memory for scans larger than RAM.
      arrow::FieldVector fields;
      for (int i = 0; i < scan.schema()->num_fields(); ++i) {
        fields.push_back(scan.schema()->field(i)->WithName(FieldName(plan.output[i].id)));
      }
      auto reader = std::make_shared<DeltaScanReader>(std::make_shared<const delta::TableScan>(std::move(scan)),
                                                      arrow::schema(fields));
      ARROW_ASSIGN_OR_RAISE(auto thread, arrow::internal::ThreadPool::Make(1));
      scan_threads_.push_back(thread);
      ac::Declaration decl("record_batch_reader_source", ac::RecordBatchReaderSourceNodeOptions(reader, thread.get()));
      if (!residual.empty()) {
        ARROW_ASSIGN_OR_RAISE(auto cond, lowering_.Lower(*sql::MakeConjunction(residual)));
        decl = ac::Declaration::Sequence({std::move(decl), {"filter", ac::FilterNodeOptions(std::move(cond))}});
      }
      return decl;
    }
    ARROW_ASSIGN_OR_RAISE(table, scan.ToTable());
  } else if (auto parquet_source = std::dynamic_pointer_cast<const ParquetTableSource>(plan.source)) {
    ARROW_ASSIGN_OR_RAISE(table, parquet_source->Read(columns));
  } else if (auto memory = std::dynamic_pointer_cast<const InMemoryTableSource>(plan.source)) {
    ARROW_ASSIGN_OR_RAISE(table, memory->table()->SelectColumns([&] {
      std::vector<int> idx;
      for (const auto& c : columns) idx.push_back(memory->table()->schema()->GetFieldIndex(c));
      return idx;
    }()));
  } else {
    return arrow::Status::Invalid("unknown table source");
  }
  if (no_columns) table = arrow::Table::Make(arrow::schema({}), arrow::ChunkedArrayVector{}, table->num_rows());
  ARROW_ASSIGN_OR_RAISE(table, table->RenameColumns(NamesOf(plan.output)));
  ac::Declaration decl = TableSource(table);
  if (!residual.empty()) {
    ARROW_ASSIGN_OR_RAISE(auto cond, lowering_.Lower(*sql::MakeConjunction(residual)));
    decl = ac::Declaration::Sequence({std::move(decl), {"filter", ac::FilterNodeOptions(std::move(cond))}});
  }
  return decl;
}

arrow::Result<ac::Declaration> PhysicalPlanner::PlanAggregate(const LogicalPlan& plan) {
  ARROW_ASSIGN_OR_RAISE(auto input, Plan(*plan.children.at(0)));
  // 1. Compute keys and aggregate arguments as columns.
  std::vector<ExprPtr> pre_exprs;
  std::vector<std::string> pre_names;
  std::vector<arrow::FieldRef> keys;
  for (const auto& k : plan.group_by) {
    auto attr = sql::OutputAttribute(*k);
    pre_exprs.push_back(Underlying(k));
    pre_names.push_back(FieldName(attr.id));
    keys.emplace_back(FieldName(attr.id));
  }
  struct PendingAggregate {
    Attribute attr;
    sql::BoundAggregateFunction bound;
    std::vector<std::string> part_names;
  };
  std::vector<PendingAggregate> pending;
  std::vector<cp::Aggregate> aggregates;
  for (const auto& a : plan.exprs) {
    const Expr& call = *Underlying(a);
    std::vector<ExprPtr> args = call.args;
    std::string name = call.name.at(0);
    if (call.filter) {
      // agg(x) FILTER (WHERE c) == agg(CASE WHEN c THEN x END); count(*) counts the matching rows.
      if (args.empty()) {
        auto one = sql::CopyExpr(*sql::Literal(arrow::MakeScalar(int32_t{1})));
        one->type = arrow::int32();
        one->nullable = false;
        args.push_back(one);
      }
      for (auto& arg : args) {
        auto c = std::make_shared<Expr>();
        c->kind = ExprKind::kCase;
        c->args = {call.filter, arg};
        c->type = arg->type;
        arg = c;
      }
    }
    std::vector<sql::ArgumentInfo> infos;
    for (const auto& arg : args) infos.push_back({arg->type, arg->kind == ExprKind::kLiteral ? arg->value : nullptr});
    ARROW_ASSIGN_OR_RAISE(auto bound, functions_.BindAggregate(name, infos, call.distinct));
    PendingAggregate p{sql::OutputAttribute(*a), bound, {}};
    std::vector<std::string> arg_names;
    for (size_t i = 0; i < args.size(); ++i) {
      arg_names.push_back(FieldName(p.attr.id) + "_a" + std::to_string(i));
      pre_exprs.push_back(args[i]);
      pre_names.push_back(arg_names.back());
    }
    for (size_t j = 0; j < bound.parts.size(); ++j) {
      const auto& part = bound.parts[j];
      std::vector<arrow::FieldRef> targets;
      for (int idx : part.args) targets.emplace_back(arg_names.at(idx));
      std::string part_name = FieldName(p.attr.id) + "_p" + std::to_string(j);
      if (part.function == "first" || part.function == "last") ordered_aggregates_ = true;
      aggregates.emplace_back((keys.empty() ? "" : "hash_") + part.function, part.options, targets, part_name);
      p.part_names.push_back(part_name);
    }
    pending.push_back(std::move(p));
  }
  if (pre_exprs.empty()) {
    // count(*) alone: aggregate over a constant column so that the row count survives.
    pre_exprs.push_back(sql::Literal(arrow::MakeScalar(true)));
    pre_names.push_back("#rows");
  }
  ARROW_ASSIGN_OR_RAISE(auto pre, Project(std::move(input), pre_exprs, pre_names));

  auto aggregate_once = [&](const std::vector<int>& key_subset) -> arrow::Result<ac::Declaration> {
    std::vector<arrow::FieldRef> set_keys;
    for (int i : key_subset) set_keys.push_back(keys.at(i));
    std::vector<cp::Aggregate> set_aggs = aggregates;
    for (auto& agg : set_aggs) {
      bool hashed = agg.function.rfind("hash_", 0) == 0;
      if (set_keys.empty() && hashed) agg.function = agg.function.substr(5);
      if (!set_keys.empty() && !hashed) agg.function = "hash_" + agg.function;
    }
    ac::Declaration agg_node("aggregate", ac::AggregateNodeOptions(set_aggs, set_keys));
    // 2. Final values: keys (null when not in this grouping set), then finalize each aggregate.
    std::vector<cp::Expression> post;
    std::vector<std::string> names;
    for (size_t i = 0; i < plan.group_by.size(); ++i) {
      auto attr = sql::OutputAttribute(*plan.group_by[i]);
      bool in_set = std::find(key_subset.begin(), key_subset.end(), static_cast<int>(i)) != key_subset.end();
      post.push_back(in_set ? cp::field_ref(FieldName(attr.id)) : cp::literal(arrow::MakeNullScalar(attr.type)));
      names.push_back(FieldName(attr.id));
    }
    for (const auto& p : pending) {
      std::vector<cp::Expression> parts;
      for (const auto& n : p.part_names) parts.push_back(cp::field_ref(n));
      ARROW_ASSIGN_OR_RAISE(auto fin, p.bound.finalize(std::move(parts)));
      post.push_back(std::move(fin));
      names.push_back(FieldName(p.attr.id));
    }
    return ac::Declaration::Sequence({pre, std::move(agg_node), {"project", ac::ProjectNodeOptions(post, names)}});
  };

  if (plan.grouping_sets.empty()) {
    std::vector<int> all;
    for (size_t i = 0; i < keys.size(); ++i) all.push_back(static_cast<int>(i));
    return aggregate_once(all);
  }
  std::vector<ac::Declaration> branches;
  for (const auto& set : plan.grouping_sets) {
    ARROW_ASSIGN_OR_RAISE(auto b, aggregate_once(set));
    branches.push_back(std::move(b));
  }
  if (branches.size() == 1) return branches[0];
  return ac::Declaration("union", std::vector<ac::Declaration::Input>(branches.begin(), branches.end()),
                         ac::ExecNodeOptions{});
}

arrow::Result<ac::Declaration> PhysicalPlanner::PlanJoin(const LogicalPlan& plan) {
  const auto& left = *plan.children.at(0);
  const auto& right = *plan.children.at(1);
  ARROW_ASSIGN_OR_RAISE(auto ldecl, Plan(left));
  ARROW_ASSIGN_OR_RAISE(auto rdecl, Plan(right));
  std::set<int64_t> left_ids, right_ids;
  for (const auto& a : left.output) left_ids.insert(a.id);
  for (const auto& a : right.output) right_ids.insert(a.id);
  auto within = [](const std::set<int64_t>& refs, const std::set<int64_t>& side) {
    for (auto r : refs) {
      if (!side.count(r)) return false;
    }
    return true;
  };
  std::vector<ExprPtr> lkeys, rkeys, residual;
  std::vector<ac::JoinKeyCmp> cmps;
  for (const auto& c : sql::SplitConjunction(plan.condition)) {
    if (c->kind == ExprKind::kCall && (c->name[0] == "=" || c->name[0] == "<=>") && c->args.size() == 2) {
      auto a = sql::ReferencedAttributes(c->args[0]);
      auto b = sql::ReferencedAttributes(c->args[1]);
      if (!a.empty() && !b.empty()) {
        if (within(a, left_ids) && within(b, right_ids)) {
          lkeys.push_back(c->args[0]);
          rkeys.push_back(c->args[1]);
          cmps.push_back(c->name[0] == "=" ? ac::JoinKeyCmp::EQ : ac::JoinKeyCmp::IS);
          continue;
        }
        if (within(b, left_ids) && within(a, right_ids)) {
          lkeys.push_back(c->args[1]);
          rkeys.push_back(c->args[0]);
          cmps.push_back(c->name[0] == "=" ? ac::JoinKeyCmp::EQ : ac::JoinKeyCmp::IS);
          continue;
        }
      }
    }
    residual.push_back(c);
  }
  // Keys must be columns: compute expression keys (and a constant key for joins without one).
  auto keyed_side = [&](ac::Declaration decl, const std::vector<Attribute>& output, std::vector<ExprPtr> key_exprs,
                        const std::string& tag, std::vector<arrow::FieldRef>& refs) -> arrow::Result<ac::Declaration> {
    if (key_exprs.empty()) key_exprs.push_back(sql::Literal(arrow::MakeScalar(int32_t{1})));
    std::vector<ExprPtr> exprs = RefsOf(output);
    std::vector<std::string> names = NamesOf(output);
    bool computed = false;
    for (size_t i = 0; i < key_exprs.size(); ++i) {
      if (key_exprs[i]->kind == ExprKind::kColumn) {
        refs.emplace_back(FieldName(key_exprs[i]->attribute_id));
        continue;
      }
      std::string name = "#jk" + tag + std::to_string(next_temp_++);
      exprs.push_back(key_exprs[i]);
      names.push_back(name);
      refs.emplace_back(name);
      computed = true;
    }
    if (!computed) return decl;
    return Project(std::move(decl), exprs, names);
  };
  if (lkeys.empty()) cmps.push_back(ac::JoinKeyCmp::EQ);
  std::vector<arrow::FieldRef> lrefs, rrefs;
  ARROW_ASSIGN_OR_RAISE(ldecl, keyed_side(std::move(ldecl), left.output, lkeys, "l", lrefs));
  ARROW_ASSIGN_OR_RAISE(rdecl, keyed_side(std::move(rdecl), right.output, rkeys, "r", rrefs));

  ac::JoinType type = ac::JoinType::INNER;
  switch (plan.join_type) {
    case sql::JoinType::kInner:
    case sql::JoinType::kCross: type = ac::JoinType::INNER; break;
    case sql::JoinType::kLeft: type = ac::JoinType::LEFT_OUTER; break;
    case sql::JoinType::kRight: type = ac::JoinType::RIGHT_OUTER; break;
    case sql::JoinType::kFull: type = ac::JoinType::FULL_OUTER; break;
    case sql::JoinType::kLeftSemi: type = ac::JoinType::LEFT_SEMI; break;
    case sql::JoinType::kLeftAnti: type = ac::JoinType::LEFT_ANTI; break;
  }
  cp::Expression filter = cp::literal(true);
  if (!residual.empty()) {
    ARROW_ASSIGN_OR_RAISE(filter, lowering_.Lower(*sql::MakeConjunction(residual)));
  }
  // Acero builds from its right input. A semi or anti join whose left side is the smaller runs
  // mirrored: the right side streams through a table of the left rows, which come out at the end.
  const bool mirrored = plan.build_left && (type == ac::JoinType::LEFT_SEMI || type == ac::JoinType::LEFT_ANTI);
  if (mirrored) {
    type = type == ac::JoinType::LEFT_SEMI ? ac::JoinType::RIGHT_SEMI : ac::JoinType::RIGHT_ANTI;
    std::swap(ldecl, rdecl);
    std::swap(lrefs, rrefs);
  }
  ac::HashJoinNodeOptions options(type, lrefs, rrefs, filter);
  options.key_cmp = cmps;
  ac::Declaration join("hashjoin", {ac::Declaration::Input(std::move(ldecl)), ac::Declaration::Input(std::move(rdecl))},
                       std::move(options));
  return Project(std::move(join), RefsOf(plan.output), NamesOf(plan.output));
}

arrow::Result<ac::Declaration> PhysicalPlanner::PlanSort(const LogicalPlan& plan) {
  const auto& child = *plan.children.at(0);
  ARROW_ASSIGN_OR_RAISE(auto input, Plan(child));
  std::vector<ExprPtr> exprs = RefsOf(child.output);
  std::vector<std::string> names = NamesOf(child.output);
  std::vector<cp::SortKey> keys;
  bool computed = false;
  for (const auto& item : plan.order_by) {
    std::string name;
    if (item.expr->kind == ExprKind::kColumn) {
      name = FieldName(item.expr->attribute_id);
    } else {
      name = "#sk" + std::to_string(next_temp_++);
      exprs.push_back(item.expr);
      names.push_back(name);
      computed = true;
    }
    keys.emplace_back(arrow::FieldRef(name), item.ascending ? cp::SortOrder::Ascending : cp::SortOrder::Descending,
                      item.nulls == sql::NullOrdering::kNullsFirst ? cp::NullPlacement::AtStart
                                                                   : cp::NullPlacement::AtEnd);
  }
  if (computed) {
    ARROW_ASSIGN_OR_RAISE(input, Project(std::move(input), exprs, names));
  }
  ac::Declaration sorted = ac::Declaration::Sequence(
      {std::move(input), {"order_by", ac::OrderByNodeOptions(cp::Ordering(keys))}});
  if (!computed) return sorted;
  return Project(std::move(sorted), RefsOf(child.output), NamesOf(child.output));
}

arrow::Result<ac::Declaration> PhysicalPlanner::PlanLimit(const LogicalPlan& plan) {
  const auto& child = *plan.children.at(0);
  if (child.kind == PlanKind::kSort && plan.limit >= 0) {
    ARROW_ASSIGN_OR_RAISE(auto input, Plan(child));
    return ac::Declaration::Sequence({std::move(input), {"fetch", ac::FetchNodeOptions(plan.offset, plan.limit)}});
  }
  // Without an order any rows will do, but Acero's fetch wants ordered input: slice instead.
  ARROW_ASSIGN_OR_RAISE(auto table, Materialize(child));
  int64_t offset = std::min(plan.offset, table->num_rows());
  int64_t length = plan.limit < 0 ? table->num_rows() - offset : std::min(plan.limit, table->num_rows() - offset);
  return TableSource(table->Slice(offset, length));
}

arrow::Result<ac::Declaration> PhysicalPlanner::PlanSetOperation(const LogicalPlan& plan) {
  std::vector<ac::Declaration> inputs;
  for (const auto& child : plan.children) {
    ARROW_ASSIGN_OR_RAISE(auto decl, Plan(*child));
    ARROW_ASSIGN_OR_RAISE(decl, Project(std::move(decl), RefsOf(child->output), NamesOf(plan.output)));
    inputs.push_back(std::move(decl));
  }
  if (plan.set_op == sql::SetOperation::kUnion) {
    ac::Declaration u("union", std::vector<ac::Declaration::Input>(inputs.begin(), inputs.end()),
                      ac::ExecNodeOptions{});
    return plan.all ? u : Distinct(std::move(u), plan.output);
  }
  if (plan.all) {
    return UserError("UNSUPPORTED_FEATURE.SET_OPERATION", "{} ALL is not supported yet.",
                     plan.set_op == sql::SetOperation::kIntersect ? "INTERSECT" : "EXCEPT");
  }
  // INTERSECT / EXCEPT (distinct): the left side's distinct rows with / without a match, NULLs equal.
  std::vector<arrow::FieldRef> keys;
  for (const auto& a : plan.output) keys.emplace_back(FieldName(a.id));
  auto left = Distinct(std::move(inputs[0]), plan.output);
  ac::HashJoinNodeOptions options(
      plan.set_op == sql::SetOperation::kIntersect ? ac::JoinType::LEFT_SEMI : ac::JoinType::LEFT_ANTI, keys, keys);
  options.key_cmp.assign(keys.size(), ac::JoinKeyCmp::IS);
  return ac::Declaration("hashjoin", {ac::Declaration::Input(std::move(left)), ac::Declaration::Input(std::move(inputs[1]))},
                         std::move(options));
}

arrow::Result<ac::Declaration> PhysicalPlanner::PlanValues(const LogicalPlan& plan) {
  cp::ExecContext ctx(arrow::default_memory_pool(), nullptr, functions_.arrow_registry());
  auto empty = arrow::schema({});
  arrow::ArrayVector columns;
  for (size_t c = 0; c < plan.output.size(); ++c) {
    ARROW_ASSIGN_OR_RAISE(auto builder, arrow::MakeBuilder(plan.output[c].type));
    for (const auto& row : plan.rows) {
      ARROW_ASSIGN_OR_RAISE(auto expr, lowering_.Lower(*row[c]));
      ARROW_ASSIGN_OR_RAISE(expr, expr.Bind(*empty, &ctx));
      ARROW_ASSIGN_OR_RAISE(auto value, cp::ExecuteScalarExpression(expr, cp::ExecBatch({}, 1), &ctx));
      if (value.is_scalar() && !value.scalar()->is_valid) {
        ARROW_RETURN_NOT_OK(builder->AppendNull());  // NullBuilder has no AppendScalar
      } else if (value.is_scalar()) {
        ARROW_RETURN_NOT_OK(builder->AppendScalar(*value.scalar()));
      } else {
        ARROW_RETURN_NOT_OK(builder->AppendArraySlice(*value.array(), 0, 1));
      }
    }
    ARROW_ASSIGN_OR_RAISE(auto array, builder->Finish());
    columns.push_back(array);
  }
  arrow::FieldVector fields;
  for (const auto& a : plan.output) fields.push_back(arrow::field(FieldName(a.id), a.type));
  auto table = arrow::Table::Make(arrow::schema(fields), columns, static_cast<int64_t>(plan.rows.size()));
  return TableSource(table);
}

arrow::Result<ac::Declaration> PhysicalPlanner::PlanWindow(const LogicalPlan& plan) {
  const auto& child = *plan.children.at(0);
  ARROW_ASSIGN_OR_RAISE(auto input, Materialize(child));
  WindowOperator window(functions_, context_, lowering_);
  ARROW_ASSIGN_OR_RAISE(auto table, window.Apply(input, child.output, plan.exprs));
  return TableSource(table);
}

}  // namespace tarn::exec
