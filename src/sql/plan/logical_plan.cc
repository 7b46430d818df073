#include "sql/plan/logical_plan.h"

#include <fmt/format.h>

namespace tarn::sql {

namespace {

std::shared_ptr<LogicalPlan> Node(PlanKind kind, PlanPtr child) {
  auto p = std::make_shared<LogicalPlan>();
  p->kind = kind;
  if (child) {
    p->position = child->position;
    p->children = {std::move(child)};
  }
  return p;
}

std::string List(const std::vector<ExprPtr>& exprs) {
  std::string s;
  for (const auto& e : exprs) s += (s.empty() ? "" : ", ") + ToString(*e);
  return s;
}

std::string Names(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}

const char* JoinName(JoinType t) {
  switch (t) {
    case JoinType::kInner: return "Inner";
    case JoinType::kLeft: return "LeftOuter";
    case JoinType::kRight: return "RightOuter";
    case JoinType::kFull: return "FullOuter";
    case JoinType::kLeftSemi: return "LeftSemi";
    case JoinType::kLeftAnti: return "LeftAnti";
    case JoinType::kCross: return "Cross";
  }
  return "?";
}

std::string RelationName(const LogicalPlan& plan) {
  const auto& t = plan.table;
  std::string name;
  if (!t.format.empty() || !t.path.empty()) {
    name = t.format + ".`" + t.path + "`";
  } else {
    for (const auto& p : t.name) name += (name.empty() ? "" : ".") + p;
  }
  if (t.version) name += fmt::format(" VERSION AS OF {}", *t.version);
  if (t.timestamp) name += " TIMESTAMP AS OF '" + *t.timestamp + "'";
  return name;
}

}  // namespace

PlanPtr MakeRelation(TableReference table, int32_t position) {
  auto p = Node(PlanKind::kRelation, nullptr);
  p->table = std::move(table);
  p->position = position;
  return p;
}

PlanPtr MakeSourceRelation(std::string name, std::shared_ptr<const TableSource> source) {
  auto p = Node(PlanKind::kRelation, nullptr);
  p->table.name = {std::move(name)};
  p->source = std::move(source);
  return p;
}

PlanPtr MakeProject(PlanPtr child, std::vector<ExprPtr> exprs) {
  auto p = Node(PlanKind::kProject, std::move(child));
  p->exprs = std::move(exprs);
  return p;
}

PlanPtr MakeFilter(PlanPtr child, ExprPtr condition) {
  auto p = Node(PlanKind::kFilter, std::move(child));
  p->condition = std::move(condition);
  return p;
}

PlanPtr MakeSort(PlanPtr child, std::vector<SortItem> order_by) {
  auto p = Node(PlanKind::kSort, std::move(child));
  p->order_by = std::move(order_by);
  return p;
}

PlanPtr MakeLimit(PlanPtr child, int64_t limit, int64_t offset) {
  auto p = Node(PlanKind::kLimit, std::move(child));
  p->limit = limit;
  p->offset = offset;
  return p;
}

PlanPtr MakeAlias(PlanPtr child, std::string alias, std::vector<std::string> column_aliases) {
  auto p = Node(PlanKind::kSubqueryAlias, std::move(child));
  p->alias = std::move(alias);
  p->column_aliases = std::move(column_aliases);
  return p;
}

PlanPtr MakeOneRow() {
  auto p = Node(PlanKind::kValues, nullptr);
  p->rows = {{}};
  return p;
}

std::string ToString(const LogicalPlan& plan, int indent) {
  std::string pad(static_cast<size_t>(indent) * 2, ' ');
  std::string line;
  switch (plan.kind) {
    case PlanKind::kRelation: {
      line = "Relation " + (plan.source ? plan.source->Describe() : RelationName(plan));
      if (!plan.output.empty()) {
        std::string cols;
        for (const auto& a : plan.output) cols += (cols.empty() ? "" : ",") + fmt::format("{}#{}", a.name, a.id);
        line += " [" + cols + "]";
      }
      if (!plan.exprs.empty()) line += " PushedFilters: [" + List(plan.exprs) + "]";
      break;
    }
    case PlanKind::kValues: {
      if (plan.rows.size() == 1 && plan.rows[0].empty() && plan.output.empty()) {
        line = "OneRowRelation";
        break;
      }
      line = "LocalRelation [";
      for (size_t i = 0; i < plan.rows.size(); ++i) line += (i ? ", " : "") + ("(" + List(plan.rows[i]) + ")");
      line += "]";
      break;
    }
    case PlanKind::kProject: line = "Project [" + List(plan.exprs) + "]"; break;
    case PlanKind::kFilter: line = "Filter " + (plan.condition ? ToString(*plan.condition) : ""); break;
    case PlanKind::kAggregate: {
      line = "Aggregate [" + (plan.group_by_all ? std::string("ALL") : List(plan.group_by)) + "], [" +
             List(plan.exprs) + "]";
      if (!plan.grouping_sets.empty()) {
        line += " GROUPING SETS (";
        for (size_t i = 0; i < plan.grouping_sets.size(); ++i) {
          line += i ? ", (" : "(";
          for (size_t j = 0; j < plan.grouping_sets[i].size(); ++j) {
            line += (j ? ", " : "") + std::to_string(plan.grouping_sets[i][j]);
          }
          line += ")";
        }
        line += ")";
      }
      break;
    }
    case PlanKind::kJoin:
      line = fmt::format("Join {}{}", plan.natural ? "Natural" : "", JoinName(plan.join_type));
      if (plan.lateral) line += " Lateral";
      if (!plan.using_columns.empty()) line += " USING (" + Names(plan.using_columns) + ")";
      if (plan.condition) line += ", " + ToString(*plan.condition);
      if (plan.build_left) line += ", BuildLeft";
      break;
    case PlanKind::kSort: {
      line = "Sort [";
      for (size_t i = 0; i < plan.order_by.size(); ++i) {
        const auto& s = plan.order_by[i];
        line += (i ? ", " : "") + ToString(*s.expr) + (s.ascending ? " ASC" : " DESC") +
                (s.nulls == NullOrdering::kNullsFirst ? " NULLS FIRST" : " NULLS LAST");
      }
      line += "]";
      break;
    }
    case PlanKind::kLimit:
      line = plan.limit >= 0 ? fmt::format("Limit {}", plan.limit) : std::string("Limit ALL");
      if (plan.offset) line += fmt::format(" OFFSET {}", plan.offset);
      break;
    case PlanKind::kDistinct: line = "Distinct"; break;
    case PlanKind::kSetOperation: {
      const char* op = plan.set_op == SetOperation::kUnion       ? "Union"
                       : plan.set_op == SetOperation::kIntersect ? "Intersect"
                                                                 : "Except";
      line = fmt::format("{}{}{}", op, plan.all ? " All" : "", plan.by_name ? " ByName" : "");
      break;
    }
    case PlanKind::kSubqueryAlias:
      line = "SubqueryAlias " + plan.alias;
      if (!plan.column_aliases.empty()) line += "(" + Names(plan.column_aliases) + ")";
      break;
    case PlanKind::kWith: {
      line = "CTE [";
      for (size_t i = 0; i < plan.ctes.size(); ++i) line += (i ? ", " : "") + plan.ctes[i].first;
      line += "]";
      break;
    }
    case PlanKind::kWindow: line = "Window [" + List(plan.exprs) + "]"; break;
    case PlanKind::kGenerate:
      line = "Generate " + std::string(plan.outer ? "OUTER " : "") + "[" + List(plan.exprs) + "]";
      if (!plan.alias.empty()) line += " " + plan.alias;
      if (!plan.column_aliases.empty()) line += " AS (" + Names(plan.column_aliases) + ")";
      break;
  }
  std::string out = pad + line + "\n";
  if (plan.kind == PlanKind::kWith) {
    for (const auto& [name, body] : plan.ctes) {
      out += pad + "  CTE " + name + "\n";
      if (body) out += ToString(*body, indent + 2);
    }
  }
  for (const auto& c : plan.children) {
    if (c) out += ToString(*c, indent + 1);
  }
  return out;
}

}  // namespace tarn::sql
