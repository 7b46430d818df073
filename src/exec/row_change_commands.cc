#include "exec/row_change_commands.h"

#include <unordered_set>

#include <arrow/api.h>
#include <arrow/compute/api.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "errors/error_class.h"
#include "exec/result_builder.h"
#include "exec/scan_predicate.h"
#include "exec/table_commands.h"
#include "exec/table_sources.h"
#include "sql/plan/data_type.h"
#include "sql/plan/identifier.h"
#include "sql/plan/logical_plan.h"
#include "storage/delta/delta_table.h"
#include "storage/delta/predicate.h"
#include "storage/delta/table_scan.h"

namespace tarn::exec {

namespace {

using sql::ExprPtr;
using sql::PlanPtr;

// Marks the rows of a MERGE source, so that a NULL on the source side of the outer join tells
// "no source row" apart from a source row with NULLs.
constexpr char kSourcePresentColumn[] = "__tarn_source_row";
constexpr char kClauseColumn[] = "__tarn_clause";
constexpr char kMatchedColumn[] = "__tarn_matched";

// Where the change query puts its columns: addresses, the clause that applies (-1 = none),
// whether source and target rows met, then the new values and (for the change data feed) the
// old values of every target column.
constexpr int kFileColumn = 0;
constexpr int kRowColumn = 1;
constexpr int kClauseIndex = 2;
constexpr int kMatchedIndex = 3;
constexpr int kFirstValueColumn = 4;

enum class ChangeKind { kUpdate, kDelete, kInsert };

ExprPtr Column(const std::string& qualifier, const std::string& name) { return sql::ColumnRef({qualifier, name}); }
ExprPtr IntLiteral(int32_t v) { return sql::Literal(std::make_shared<arrow::Int32Scalar>(v)); }
ExprPtr BoolLiteral(bool v) { return sql::Literal(std::make_shared<arrow::BooleanScalar>(v)); }
ExprPtr And(ExprPtr a, ExprPtr b) {
  if (!a) return b;
  if (!b) return a;
  return sql::Call("and", {std::move(a), std::move(b)});
}
ExprPtr CaseOf(std::vector<ExprPtr> args) {
  auto e = std::make_shared<sql::Expr>();
  e->kind = sql::ExprKind::kCase;
  e->args = std::move(args);
  return e;
}
ExprPtr TypedNull(const std::shared_ptr<arrow::DataType>& type) { return sql::CastTo(sql::NullLiteral(), type); }

PlanPtr JoinOf(PlanPtr left, PlanPtr right, sql::JoinType type, ExprPtr condition) {
  auto join = std::make_shared<sql::LogicalPlan>();
  join->kind = sql::PlanKind::kJoin;
  join->children = {std::move(left), std::move(right)};
  join->join_type = type;
  join->condition = std::move(condition);
  return join;
}

bool PropertyIsTrue(const delta::Snapshot& snapshot, const std::string& key) {
  const auto& config = snapshot.metadata().configuration;
  auto it = config.find(key);
  return it != config.end() && sql::AsciiLower(it->second) == "true";
}

// The target table read with the address of every row.
struct AddressedTarget {
  std::shared_ptr<delta::DeltaTable> table;
  std::shared_ptr<const delta::Snapshot> snapshot;
  std::vector<delta::AddFile> files;
  std::shared_ptr<arrow::Schema> schema;  // the table's logical columns
  std::shared_ptr<arrow::Table> rows;     // those columns and the two address columns
  bool change_data_feed = false;
};

arrow::Result<AddressedTarget> ScanTarget(const TableTarget& target, const delta::PredicatePtr& prefilter) {
  ARROW_ASSIGN_OR_RAISE(auto table, delta::DeltaTable::Open(target.location));
  if (!table.Exists()) return DeltaTableNotFound(target);
  AddressedTarget t;
  t.table = std::make_shared<delta::DeltaTable>(std::move(table));
  ARROW_ASSIGN_OR_RAISE(t.snapshot, t.table->LoadSnapshot());
  t.schema = t.snapshot->arrow_schema();
  t.change_data_feed = PropertyIsTrue(*t.snapshot, "delta.enableChangeDataFeed");
  delta::ScanOptions options;
  options.with_row_address = true;
  options.filter = prefilter;
  auto read = [&]() -> arrow::Status {
    ARROW_ASSIGN_OR_RAISE(auto scan, delta::TableScan::Make(t.snapshot, options));
    t.files = scan.files();
    ARROW_ASSIGN_OR_RAISE(t.rows, scan.ToTable());
    return arrow::Status::OK();
  };
  auto status = read();
  if (!status.ok() && prefilter) {  // the pre-filter only narrows the scan; the query decides
    options.filter = nullptr;
    status = read();
  }
  ARROW_RETURN_NOT_OK(status);
  return t;
}

// The storage predicate equal to a simple WHERE (column op literal, AND / OR / NOT, ...), used
// to skip files that cannot hold changed rows; null when the condition has another shape.
delta::PredicatePtr Prefilter(const std::string& where_text) {
  if (where_text.empty()) return nullptr;
  auto parsed = delta::ParsePredicate(where_text);
  return parsed.ok() ? *parsed : nullptr;
}

std::string TargetQualifier(const TableTarget& target, const std::string& alias) {
  if (!alias.empty()) return alias;
  if (!target.full_name.empty()) return target.full_name.back();
  return "__tarn_target";
}

PlanPtr TargetRelation(const AddressedTarget& t, const std::string& qualifier) {
  auto source = std::make_shared<InMemoryTableSource>(qualifier, t.rows);
  return sql::MakeAlias(sql::MakeSourceRelation(qualifier, source), qualifier);
}

int FindColumn(const arrow::Schema& schema, const std::string& name) {
  return sql::FieldIndexIgnoringCase(schema, name);
}

// The target column an assignment (`c` or `t.c`) sets.
arrow::Result<int> AssignedColumn(const std::vector<std::string>& parts, const arrow::Schema& schema,
                                  const std::string& qualifier) {
  std::string name;
  if (parts.size() == 1) {
    name = parts[0];
  } else if (parts.size() == 2 && sql::NameEquals(parts[0], qualifier) && FindColumn(schema, parts[1]) >= 0) {
    name = parts[1];
  } else if (FindColumn(schema, parts[0]) >= 0) {
    return UserError("UNSUPPORTED_FEATURE", "Assigning to a nested field (`{}`) is not supported yet.",
                     fmt::join(parts, "."));
  } else {
    name = fmt::format("{}", fmt::join(parts, "."));
  }
  const int index = FindColumn(schema, name);
  if (index < 0) {
    return UserError("UNRESOLVED_COLUMN.WITH_SUGGESTION",
                     "A column, variable, or function parameter with name `{}` cannot be resolved. Did you mean "
                     "one of the following? [{}].",
                     name, fmt::join(schema.field_names(), ", "));
  }
  return index;
}

// Per target column, the assigned value of an UPDATE SET list (null = unchanged).
arrow::Result<std::vector<ExprPtr>> AssignedValues(
    const std::vector<std::pair<std::vector<std::string>, ExprPtr>>& assignments, const arrow::Schema& schema,
    const std::string& qualifier) {
  std::vector<ExprPtr> values(static_cast<size_t>(schema.num_fields()));
  for (const auto& [parts, value] : assignments) {
    ARROW_ASSIGN_OR_RAISE(int index, AssignedColumn(parts, schema, qualifier));
    if (values[index]) {
      return UserError("DUPLICATE_ASSIGNMENTS",
                       "The columns or variables `{}` appear more than once as assignment targets.",
                       schema.field(index)->name());
    }
    values[index] = sql::CastTo(value, schema.field(index)->type());
  }
  return values;
}

// The change query's output, turned into the storage layer's row changes.
struct ChangeSet {
  delta::RowChanges changes;
  int64_t updated = 0;
  int64_t deleted = 0;
  int64_t inserted = 0;
};

struct AddressKey {
  int32_t file;
  int64_t row;
  bool operator==(const AddressKey& o) const { return file == o.file && row == o.row; }
};
struct AddressHash {
  size_t operator()(const AddressKey& k) const {
    return std::hash<int64_t>()(k.row * 1000003 + k.file);
  }
};

arrow::Result<std::shared_ptr<arrow::Table>> TakeRows(const std::shared_ptr<arrow::Table>& table,
                                                     const std::vector<int64_t>& indices) {
  arrow::Int64Builder builder;
  ARROW_RETURN_NOT_OK(builder.AppendValues(indices));
  ARROW_ASSIGN_OR_RAISE(auto index_array, builder.Finish());
  ARROW_ASSIGN_OR_RAISE(auto taken, arrow::compute::Take(table, index_array));
  return taken.table();
}

// Columns [first, first + schema.size()) of `result`, named and typed as `schema`.
arrow::Result<std::shared_ptr<arrow::Table>> ValueColumns(const std::shared_ptr<arrow::Table>& result, int first,
                                                         const std::shared_ptr<arrow::Schema>& schema) {
  std::vector<std::shared_ptr<arrow::ChunkedArray>> columns;
  for (int i = 0; i < schema->num_fields(); ++i) columns.push_back(result->column(first + i));
  return arrow::Table::Make(schema, std::move(columns), result->num_rows());
}

arrow::Result<std::shared_ptr<arrow::Table>> WithChangeType(const std::shared_ptr<arrow::Table>& rows,
                                                           const std::string& change_type) {
  ARROW_ASSIGN_OR_RAISE(auto column, arrow::MakeArrayFromScalar(arrow::StringScalar(change_type), rows->num_rows()));
  return rows->AddColumn(rows->num_columns(), arrow::field("_change_type", arrow::utf8()),
                         std::make_shared<arrow::ChunkedArray>(column));
}

struct ChangeQueryShape {
  std::vector<ChangeKind> clause_kinds;
  std::shared_ptr<arrow::Schema> new_schema;  // the columns new values are given for
  bool has_old_values = false;                // old values of the target's columns follow
  bool check_multiple_matches = false;
};

arrow::Result<ChangeSet> CollectChanges(const AddressedTarget& t, std::shared_ptr<arrow::Table> result,
                                        const ChangeQueryShape& shape) {
  ARROW_ASSIGN_OR_RAISE(result, result->CombineChunks());
  const int64_t n = result->num_rows();
  auto column_of = [&](int i) { return result->column(i)->num_chunks() ? result->column(i)->chunk(0) : nullptr; };
  std::shared_ptr<arrow::Int32Array> files, clauses;
  std::shared_ptr<arrow::Int64Array> rows;
  std::shared_ptr<arrow::BooleanArray> matched;
  if (n > 0) {
    files = std::static_pointer_cast<arrow::Int32Array>(column_of(kFileColumn));
    rows = std::static_pointer_cast<arrow::Int64Array>(column_of(kRowColumn));
    clauses = std::static_pointer_cast<arrow::Int32Array>(column_of(kClauseIndex));
    matched = std::static_pointer_cast<arrow::BooleanArray>(column_of(kMatchedIndex));
  }
  ChangeSet out;
  std::vector<int64_t> removed, added, preimage, postimage, deleted_images, inserted;
  std::unordered_set<AddressKey, AddressHash> seen_matches, seen_removed;
  for (int64_t i = 0; i < n; ++i) {
    if (clauses->IsNull(i) || clauses->Value(i) < 0) continue;
    const ChangeKind kind = shape.clause_kinds[static_cast<size_t>(clauses->Value(i))];
    const bool has_target = !rows->IsNull(i);
    if (has_target && shape.check_multiple_matches && !matched->IsNull(i) && matched->Value(i) &&
        !seen_matches.insert({files->Value(i), rows->Value(i)}).second) {
      return UserError("DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE",
                       "Cannot perform Merge as multiple source rows matched and attempted to modify the same "
                       "target row in the Delta table in possibly conflicting ways. By SQL semantics of Merge, "
                       "when multiple source rows match on the same target row, the result may be ambiguous as it "
                       "is unclear which source row should be used to update or delete the matching target row. "
                       "You can preprocess the source table to eliminate the possibility of multiple matches.");
    }
    switch (kind) {
      case ChangeKind::kUpdate:
        removed.push_back(i);
        added.push_back(i);
        preimage.push_back(i);
        postimage.push_back(i);
        ++out.updated;
        break;
      case ChangeKind::kDelete:
        // An unconditional DELETE may see a target row once per matching source row.
        if (!seen_removed.insert({files->Value(i), rows->Value(i)}).second) break;
        removed.push_back(i);
        deleted_images.push_back(i);
        ++out.deleted;
        break;
      case ChangeKind::kInsert:
        added.push_back(i);
        inserted.push_back(i);
        ++out.inserted;
        break;
    }
  }
  ARROW_ASSIGN_OR_RAISE(auto removed_rows, TakeRows(result, removed));
  ARROW_ASSIGN_OR_RAISE(out.changes.deletions, delta::DeletionsFromRowAddresses(*removed_rows, t.files));
  ARROW_ASSIGN_OR_RAISE(auto new_values, ValueColumns(result, kFirstValueColumn, shape.new_schema));
  if (!added.empty()) {
    ARROW_ASSIGN_OR_RAISE(out.changes.new_rows, TakeRows(new_values, added));
  }
  if (t.change_data_feed) {
    std::vector<std::shared_ptr<arrow::Table>> parts;
    const int first_old = kFirstValueColumn + shape.new_schema->num_fields();
    // Old values in the target's schema; with schema evolution the new columns are null.
    std::shared_ptr<arrow::Table> old_values;
    if (shape.has_old_values) {
      ARROW_ASSIGN_OR_RAISE(old_values, ValueColumns(result, first_old, t.schema));
      for (int i = t.schema->num_fields(); i < shape.new_schema->num_fields(); ++i) {
        const auto& field = shape.new_schema->field(i);
        ARROW_ASSIGN_OR_RAISE(auto nulls, arrow::MakeArrayOfNull(field->type(), old_values->num_rows()));
        ARROW_ASSIGN_OR_RAISE(old_values, old_values->AddColumn(i, field, std::make_shared<arrow::ChunkedArray>(nulls)));
      }
    } else {
      old_values = new_values;
    }
    auto add_part = [&](const std::shared_ptr<arrow::Table>& source, const std::vector<int64_t>& indices,
                        const std::string& type) -> arrow::Status {
      if (indices.empty()) return arrow::Status::OK();
      ARROW_ASSIGN_OR_RAISE(auto taken, TakeRows(source, indices));
      ARROW_ASSIGN_OR_RAISE(auto typed, WithChangeType(taken, type));
      parts.push_back(std::move(typed));
      return arrow::Status::OK();
    };
    ARROW_RETURN_NOT_OK(add_part(old_values, preimage, "update_preimage"));
    ARROW_RETURN_NOT_OK(add_part(new_values, postimage, "update_postimage"));
    ARROW_RETURN_NOT_OK(add_part(old_values, deleted_images, "delete"));
    ARROW_RETURN_NOT_OK(add_part(new_values, inserted, "insert"));
    if (!parts.empty()) {
      ARROW_ASSIGN_OR_RAISE(out.changes.change_data, arrow::ConcatenateTables(parts));
    }
  }
  return out;
}

std::string PredicateJson(const ExprPtr& e) {
  return nlohmann::json::array({e ? sql::ToString(*e) : std::string("true")}).dump();
}

arrow::Result<std::shared_ptr<arrow::Table>> CountsResult(const std::vector<std::pair<std::string, int64_t>>& counts) {
  std::vector<std::shared_ptr<arrow::Field>> fields;
  std::vector<ResultBuilder::Cell> row;
  for (const auto& [name, value] : counts) {
    fields.push_back(arrow::field(name, arrow::int64()));
    row.push_back(value);
  }
  ResultBuilder builder(std::move(fields));
  builder.AddRow(std::move(row));
  return builder.Finish();
}

// The (target column, source column) of an equality conjunct `tq.a = sq.b` of ON, if any.
std::optional<std::pair<std::string, std::string>> KeyEquality(const sql::Expr& on, const std::string& tq,
                                                               const std::string& sq) {
  if (on.kind != sql::ExprKind::kCall || on.name.empty()) return std::nullopt;
  if (on.name[0] == "and" && on.args.size() == 2) {
    if (auto left = KeyEquality(*on.args[0], tq, sq)) return left;
    return KeyEquality(*on.args[1], tq, sq);
  }
  if (on.name[0] != "=" || on.args.size() != 2) return std::nullopt;
  auto column = [](const sql::Expr& e, const std::string& qualifier) -> std::optional<std::string> {
    if (e.kind != sql::ExprKind::kColumn || e.name.size() != 2 || !sql::NameEquals(e.name[0], qualifier)) {
      return std::nullopt;
    }
    return e.name[1];
  };
  for (int flip = 0; flip < 2; ++flip) {
    auto target_column = column(*on.args[flip], tq);
    auto source_column = column(*on.args[1 - flip], sq);
    if (target_column && source_column) return std::make_pair(*target_column, *source_column);
  }
  return std::nullopt;
}

// `target_column IN (the source's keys)` for a MERGE whose ON has `t.k = s.k`; null when there is
// no such conjunct, too many keys to list, or keys without an exact literal form.
arrow::Result<delta::PredicatePtr> MergeKeyPrefilter(const sql::Expr& on, const std::string& tq,
                                                     const std::string& sq, const arrow::Table& source_rows) {
  constexpr int64_t kMaxKeys = 10000;
  auto key = KeyEquality(on, tq, sq);
  if (!key) return nullptr;
  const int index = FindColumn(*source_rows.schema(), key->second);
  if (index < 0) return nullptr;
  ARROW_ASSIGN_OR_RAISE(auto unique, arrow::compute::Unique(source_rows.column(index)));
  if (unique->length() == 0 || unique->length() > kMaxKeys) return nullptr;
  return InListOf(key->first, *unique);
}

// Projection prefix every change query starts with.
std::vector<ExprPtr> AddressColumns(const std::string& qualifier, ExprPtr clause, ExprPtr matched) {
  return {sql::AliasOf(Column(qualifier, delta::kFileIndexColumn), delta::kFileIndexColumn),
          sql::AliasOf(Column(qualifier, delta::kRowIndexColumn), delta::kRowIndexColumn),
          sql::AliasOf(std::move(clause), kClauseColumn), sql::AliasOf(std::move(matched), kMatchedColumn)};
}

void AppendOldValues(const AddressedTarget& t, const std::string& qualifier, std::vector<ExprPtr>* exprs) {
  for (int i = 0; i < t.schema->num_fields(); ++i) {
    exprs->push_back(sql::AliasOf(Column(qualifier, t.schema->field(i)->name()), fmt::format("__tarn_old_{}", i)));
  }
}

}  // namespace

arrow::Result<std::shared_ptr<arrow::Table>> RowChangeCommands::Delete(const sql::Statement& statement,
                                                                       const TableTarget& target) {
  const auto& spec = *statement.dml;
  if (!spec.where) {
    // Every file goes; readers of the change data feed derive the deletes from the removes.
    ARROW_ASSIGN_OR_RAISE(auto table, delta::DeltaTable::Open(target.location));
    if (!table.Exists()) return DeltaTableNotFound(target);
    ARROW_ASSIGN_OR_RAISE(auto before, table.LoadSnapshot());
    ARROW_RETURN_NOT_OK(table.Delete(nullptr).status());
    return CountsResult({{"num_affected_rows", before->NumRecordsOrMinusOne()}});
  }
  ARROW_ASSIGN_OR_RAISE(auto t, ScanTarget(target, Prefilter(spec.where_text)));
  const std::string qualifier = TargetQualifier(target, spec.alias);
  PlanPtr plan = sql::MakeFilter(TargetRelation(t, qualifier), spec.where);
  auto exprs = AddressColumns(qualifier, IntLiteral(0), BoolLiteral(false));
  AppendOldValues(t, qualifier, &exprs);  // the new values of a delete are its old ones
  ARROW_ASSIGN_OR_RAISE(auto result, ctx_.run_query(sql::MakeProject(plan, std::move(exprs))));
  ChangeQueryShape shape{{ChangeKind::kDelete}, t.schema, false, false};
  ARROW_ASSIGN_OR_RAISE(auto set, CollectChanges(t, result, shape));
  set.changes.operation = "DELETE";
  set.changes.operation_parameters = {{"predicate", PredicateJson(spec.where)}};
  set.changes.operation_metrics = {{"numDeletedRows", std::to_string(set.deleted)}};
  if (set.deleted > 0) ARROW_RETURN_NOT_OK(t.table->CommitRowChanges(t.snapshot, set.changes).status());
  return CountsResult({{"num_affected_rows", set.deleted}});
}

arrow::Result<std::shared_ptr<arrow::Table>> RowChangeCommands::Update(const sql::Statement& statement,
                                                                       const TableTarget& target) {
  const auto& spec = *statement.dml;
  ARROW_ASSIGN_OR_RAISE(auto t, ScanTarget(target, Prefilter(spec.where_text)));
  const std::string qualifier = TargetQualifier(target, spec.alias);
  ARROW_ASSIGN_OR_RAISE(auto assigned, AssignedValues(spec.assignments, *t.schema, qualifier));
  PlanPtr plan = TargetRelation(t, qualifier);
  if (spec.where) plan = sql::MakeFilter(plan, spec.where);
  auto exprs = AddressColumns(qualifier, IntLiteral(0), BoolLiteral(false));
  for (int i = 0; i < t.schema->num_fields(); ++i) {
    const auto& name = t.schema->field(i)->name();
    exprs.push_back(sql::AliasOf(assigned[i] ? assigned[i] : Column(qualifier, name), name));
  }
  if (t.change_data_feed) AppendOldValues(t, qualifier, &exprs);
  ARROW_ASSIGN_OR_RAISE(auto result, ctx_.run_query(sql::MakeProject(plan, std::move(exprs))));
  ChangeQueryShape shape{{ChangeKind::kUpdate}, t.schema, t.change_data_feed, false};
  ARROW_ASSIGN_OR_RAISE(auto set, CollectChanges(t, result, shape));
  set.changes.operation = "UPDATE";
  set.changes.operation_parameters = {{"predicate", PredicateJson(spec.where)}};
  set.changes.operation_metrics = {{"numUpdatedRows", std::to_string(set.updated)}};
  if (set.updated > 0) ARROW_RETURN_NOT_OK(t.table->CommitRowChanges(t.snapshot, set.changes).status());
  return CountsResult({{"num_affected_rows", set.updated}});
}

arrow::Result<std::shared_ptr<arrow::Table>> RowChangeCommands::Merge(const sql::Statement& statement,
                                                                      const TableTarget& target) {
  const auto& spec = *statement.merge;
  using Match = sql::MergeClause::Match;
  using Action = sql::MergeClause::Action;
  const std::string tq = TargetQualifier(target, spec.target_alias);
  const std::string sq = spec.source_alias;
  bool has_by_source = false;
  for (const auto& c : spec.clauses) has_by_source = has_by_source || c.match == Match::kNotMatchedBySource;

  // The source is read once, before the target: with ON t.k = s.k (and no clause about target
  // rows without a match) only target rows whose key is among the source's keys can change, so
  // the target scan skips every file and row outside them — the upsert of a small batch into a
  // large table reads little of it.
  ARROW_ASSIGN_OR_RAISE(auto source_rows, ctx_.run_query(spec.source));
  auto source_relation = std::make_shared<InMemoryTableSource>(sq, source_rows);
  const PlanPtr source_plan = sql::MakeAlias(sql::MakeSourceRelation(sq, source_relation), sq);
  delta::PredicatePtr prefilter;
  if (!has_by_source) {
    ARROW_ASSIGN_OR_RAISE(prefilter, MergeKeyPrefilter(*spec.on, tq, sq, *source_rows));
  }
  ARROW_ASSIGN_OR_RAISE(auto t, ScanTarget(target, prefilter));

  // The source's columns, for UPDATE SET * / INSERT * and schema evolution.
  ARROW_ASSIGN_OR_RAISE(auto analyzed_source, ctx_.analyze(source_plan));
  bool has_star = false, has_not_matched = false;
  int matched_clauses = 0, unconditional_matched_deletes = 0;
  for (const auto& c : spec.clauses) {
    has_star = has_star || c.star;
    has_not_matched = has_not_matched || c.match == Match::kNotMatched;
    if (c.match == Match::kMatched) {
      ++matched_clauses;
      if (c.action == Action::kDelete && !c.condition) ++unconditional_matched_deletes;
    }
  }
  // WITH SCHEMA EVOLUTION: source columns the target lacks join the table (through * clauses).
  auto new_schema = t.schema;
  if (spec.schema_evolution && has_star) {
    arrow::FieldVector fields = t.schema->fields();
    for (const auto& a : analyzed_source->output) {
      if (FindColumn(*t.schema, a.name) < 0 && FindColumn(arrow::Schema(fields), a.name) < 0) {
        fields.push_back(arrow::field(a.name, a.type, true));
      }
    }
    new_schema = arrow::schema(std::move(fields));
  }
  const int n = new_schema->num_fields();
  const int n_target = t.schema->num_fields();
  auto source_has = [&](const std::string& name) {
    for (const auto& a : analyzed_source->output) {
      if (sql::NameEquals(a.name, name)) return true;
    }
    return false;
  };

  const ExprPtr target_present = sql::Call("isnotnull", {Column(tq, delta::kRowIndexColumn)});
  const ExprPtr source_present = sql::Call("isnotnull", {Column(sq, kSourcePresentColumn)});
  const ExprPtr matched = And(target_present, source_present);

  // One WHEN per clause, in order: the first whose condition holds applies (categories are
  // disjoint, so one CASE covers them all). Every column's value CASE repeats the same WHENs.
  std::vector<ExprPtr> clause_case;
  std::vector<std::vector<ExprPtr>> value_cases(static_cast<size_t>(n));
  std::vector<ChangeKind> kinds;
  for (size_t ci = 0; ci < spec.clauses.size(); ++ci) {
    const auto& c = spec.clauses[ci];
    ExprPtr when;
    switch (c.match) {
      case Match::kMatched: when = matched; break;
      case Match::kNotMatched: when = sql::Call("not", {target_present}); break;
      case Match::kNotMatchedBySource: when = sql::Call("not", {source_present}); break;
    }
    when = And(when, c.condition);
    clause_case.push_back(when);
    clause_case.push_back(IntLiteral(static_cast<int32_t>(ci)));
    std::vector<ExprPtr> values(static_cast<size_t>(n));
    switch (c.action) {
      case Action::kDelete:
        kinds.push_back(ChangeKind::kDelete);
        break;
      case Action::kUpdate: {
        kinds.push_back(ChangeKind::kUpdate);
        if (c.star) {
          if (c.match != Match::kMatched) {
            return UserError("PARSE_SYNTAX_ERROR", "UPDATE SET * is only allowed in WHEN MATCHED clauses.");
          }
          for (int i = 0; i < n; ++i) {
            const auto& field = new_schema->field(i);
            if (i < n_target && !source_has(field->name())) {
              return UserError("DELTA_MERGE_UNRESOLVED_EXPRESSION",
                               "Cannot resolve {}.{} in UPDATE clause given the source's columns.", sq,
                               field->name());
            }
            values[i] = sql::CastTo(Column(sq, field->name()), field->type());
          }
        } else {
          ARROW_ASSIGN_OR_RAISE(auto assigned, AssignedValues(c.assignments, *t.schema, tq));
          for (int i = 0; i < n_target; ++i) values[i] = assigned[i];
        }
        for (int i = 0; i < n; ++i) {
          if (!values[i]) values[i] = i < n_target ? Column(tq, new_schema->field(i)->name())
                                                   : TypedNull(new_schema->field(i)->type());
        }
        break;
      }
      case Action::kInsert: {
        kinds.push_back(ChangeKind::kInsert);
        if (c.star) {
          for (int i = 0; i < n; ++i) {
            const auto& field = new_schema->field(i);
            if (!source_has(field->name())) {
              return UserError("DELTA_MERGE_UNRESOLVED_EXPRESSION",
                               "Cannot resolve {}.{} in INSERT clause given the source's columns.", sq,
                               field->name());
            }
            values[i] = sql::CastTo(Column(sq, field->name()), field->type());
          }
        } else {
          if (c.insert_columns.size() != c.insert_values.size()) {
            return UserError("DELTA_MERGE_INSERT_COLUMN_ARITY_MISMATCH",
                             "INSERT clause of MERGE lists {} columns but {} values.", c.insert_columns.size(),
                             c.insert_values.size());
          }
          for (size_t k = 0; k < c.insert_columns.size(); ++k) {
            ARROW_ASSIGN_OR_RAISE(int index, AssignedColumn(c.insert_columns[k], *t.schema, tq));
            if (values[index]) {
              return UserError("DUPLICATE_ASSIGNMENTS",
                               "The columns or variables `{}` appear more than once as assignment targets.",
                               t.schema->field(index)->name());
            }
            values[index] = sql::CastTo(c.insert_values[k], t.schema->field(index)->type());
          }
        }
        for (int i = 0; i < n; ++i) {
          if (!values[i]) values[i] = TypedNull(new_schema->field(i)->type());
        }
        break;
      }
    }
    for (int i = 0; i < n; ++i) {
      if (c.action == Action::kDelete) continue;
      value_cases[i].push_back(when);
      value_cases[i].push_back(values[i]);
    }
  }
  clause_case.push_back(IntLiteral(-1));

  const sql::JoinType join_type = has_not_matched && has_by_source ? sql::JoinType::kFull
                                  : has_not_matched                ? sql::JoinType::kRight
                                  : has_by_source                  ? sql::JoinType::kLeft
                                                                   : sql::JoinType::kInner;
  auto source = sql::MakeAlias(
      sql::MakeProject(source_plan, {sql::Star(), sql::AliasOf(BoolLiteral(true), kSourcePresentColumn)}), sq);
  auto join = JoinOf(TargetRelation(t, tq), source, join_type, spec.on);
  auto exprs = AddressColumns(tq, CaseOf(std::move(clause_case)), matched);
  for (int i = 0; i < n; ++i) {
    const auto& field = new_schema->field(i);
    ExprPtr fallback = i < n_target ? Column(tq, field->name()) : TypedNull(field->type());
    auto& whens = value_cases[i];
    ExprPtr value = whens.empty() ? fallback : (whens.push_back(fallback), CaseOf(std::move(whens)));
    exprs.push_back(sql::AliasOf(value, field->name()));
  }
  if (t.change_data_feed) AppendOldValues(t, tq, &exprs);
  // Rows no clause touches are not needed: keep the query's output small.
  auto plan = sql::MakeFilter(sql::MakeProject(join, std::move(exprs)),
                              sql::Call(">=", {sql::ColumnRef({kClauseColumn}), IntLiteral(0)}));
  ARROW_ASSIGN_OR_RAISE(auto result, ctx_.run_query(plan));
  ChangeQueryShape shape;
  shape.clause_kinds = kinds;
  shape.new_schema = new_schema;
  shape.has_old_values = t.change_data_feed;
  // Delta lets a target row meet several source rows only when the one MATCHED clause is an
  // unconditional DELETE (deleting twice is still one delete).
  shape.check_multiple_matches = !(matched_clauses == 1 && unconditional_matched_deletes == 1);
  ARROW_ASSIGN_OR_RAISE(auto set, CollectChanges(t, result, shape));
  if (new_schema != t.schema) set.changes.evolved_schema = new_schema;
  set.changes.operation = "MERGE";
  nlohmann::json matched_json = nlohmann::json::array(), not_matched_json = nlohmann::json::array(),
                 by_source_json = nlohmann::json::array();
  for (const auto& c : spec.clauses) {
    nlohmann::json entry = {{"actionType", c.action == Action::kDelete   ? "delete"
                                           : c.action == Action::kInsert ? "insert"
                                                                         : "update"}};
    if (c.condition) entry["predicate"] = sql::ToString(*c.condition);
    (c.match == Match::kMatched      ? matched_json
     : c.match == Match::kNotMatched ? not_matched_json
                                     : by_source_json)
        .push_back(entry);
  }
  set.changes.operation_parameters = {{"predicate", PredicateJson(spec.on)},
                                      {"matchedPredicates", matched_json.dump()},
                                      {"notMatchedPredicates", not_matched_json.dump()},
                                      {"notMatchedBySourcePredicates", by_source_json.dump()}};
  set.changes.operation_metrics = {{"numTargetRowsUpdated", std::to_string(set.updated)},
                                   {"numTargetRowsDeleted", std::to_string(set.deleted)},
                                   {"numTargetRowsInserted", std::to_string(set.inserted)},
                                   {"numOutputRows", std::to_string(set.updated + set.inserted)},
                                   {"numSourceRows", std::to_string(source_rows->num_rows())},
                                   {"numTargetFilesBeforeSkipping", std::to_string(t.snapshot->files().size())},
                                   {"numTargetFilesAfterSkipping", std::to_string(t.files.size())}};
  if (set.updated + set.deleted + set.inserted > 0) {
    ARROW_RETURN_NOT_OK(t.table->CommitRowChanges(t.snapshot, set.changes).status());
  }
  return CountsResult({{"num_affected_rows", set.updated + set.deleted + set.inserted},
                       {"num_updated_rows", set.updated},
                       {"num_deleted_rows", set.deleted},
                       {"num_inserted_rows", set.inserted}});
}

}  // namespace tarn::exec
