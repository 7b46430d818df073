#include "storage/delta/data_skipping.h"

#include <algorithm>

#include <arrow/type.h>
#include <nlohmann/json.hpp>

#include "errors/error_class.h"
#include "storage/delta/value_parser.h"

namespace tarn::delta {

using nlohmann::json;

namespace {

std::string PathKey(const std::vector<std::string>& path) {
  std::string key;
  for (const auto& p : path) key += (key.empty() ? "" : ".") + LowerCaseName(p);
  return key;
}

arrow::Status ResolveColumns(const Predicate& p, const Snapshot& snap,
                             std::map<std::string, FileSkipper::ColumnInfo>* out) {
  if (p.op == Predicate::Op::kColumn) {
    FileSkipper::ColumnInfo info;
    const json* type = &snap.schema();
    for (size_t i = 0; i < p.column.size(); ++i) {
      const json* field = (type->is_object() && type->value("type", "") == "struct")
                              ? FindField(*type, p.column[i])
                              : nullptr;
      if (!field) {
        std::string name;
        for (const auto& c : p.column) name += (name.empty() ? "" : ".") + c;
        return UserError("UNRESOLVED_COLUMN.WITH_SUGGESTION",
                         "A column or function parameter with name `{}` cannot be resolved.", name);
      }
      info.physical_path.push_back(snap.column_mapping() == ColumnMappingMode::kNone
                                       ? (*field)["name"].get<std::string>()
                                       : PhysicalName(*field));
      if (i == 0) {
        const auto& parts = snap.metadata().partition_columns;
        std::string logical = (*field)["name"].get<std::string>();
        info.is_partition = std::find(parts.begin(), parts.end(), logical) != parts.end();
      }
      type = &(*field)["type"];
    }
    ARROW_ASSIGN_OR_RAISE(info.type, DeltaTypeToArrow(*type, FieldNames::kLogical));
    (*out)[PathKey(p.column)] = std::move(info);
  }
  for (const auto& a : p.args) ARROW_RETURN_NOT_OK(ResolveColumns(*a, snap, out));
  return arrow::Status::OK();
}

// What is known about one column within one file.
struct ColumnFacts {
  std::shared_ptr<arrow::Scalar> min, max;  // null when unknown
  std::optional<int64_t> null_count;
  std::optional<int64_t> num_records;
  bool all_null() const { return null_count && num_records && *null_count == *num_records; }
};

class FileFacts {
 public:
  FileFacts(const AddFile& file, const std::map<std::string, FileSkipper::ColumnInfo>& columns)
      : file_(file), columns_(columns) {}

  ColumnFacts Get(const std::vector<std::string>& path) {
    ColumnFacts facts;
    auto it = columns_.find(PathKey(path));
    if (it == columns_.end()) return facts;
    const auto& info = it->second;
    if (info.is_partition) {
      auto pv = file_.partition_values.find(info.physical_path[0]);
      if (pv == file_.partition_values.end()) return facts;
      facts.num_records = 1;
      if (!pv->second) {
        facts.null_count = 1;
        return facts;
      }
      facts.null_count = 0;
      auto v = ParseScalar(*pv->second, info.type);
      if (v.ok()) facts.min = facts.max = *v;
      return facts;
    }
    if (!ParseStats()) return facts;
    if (stats_.contains("numRecords")) facts.num_records = stats_["numRecords"].get<int64_t>();
    const json* nc = Lookup("nullCount", info.physical_path);
    if (nc && nc->is_number()) facts.null_count = nc->get<int64_t>();
    const json* mn = Lookup("minValues", info.physical_path);
    const json* mx = Lookup("maxValues", info.physical_path);
    if (mn && mx) {
      auto lo = ScalarFromStatsJson(*mn, info.type);
      auto hi = ScalarFromStatsJson(*mx, info.type);
      if (lo.ok() && hi.ok() && (*lo)->is_valid && (*hi)->is_valid) {
        facts.min = *lo;
        facts.max = *hi;
        if (info.type->id() == arrow::Type::TIMESTAMP) {
          // Statistics are truncated to milliseconds: the true maximum may be up to 999us more.
          auto& ts = static_cast<arrow::TimestampScalar&>(*facts.max);
          facts.max = std::make_shared<arrow::TimestampScalar>(ts.value + 999, info.type);
        }
      }
    }
    return facts;
  }

 private:
  bool ParseStats() {
    if (!parsed_) {
      parsed_ = true;
      if (file_.stats) {
        stats_ = json::parse(*file_.stats, nullptr, false);
        if (stats_.is_discarded() || !stats_.is_object()) stats_ = json();
      }
    }
    return stats_.is_object();
  }

  const json* Lookup(const char* section, const std::vector<std::string>& path) const {
    auto it = stats_.find(section);
    if (it == stats_.end()) return nullptr;
    const json* node = &*it;
    for (const auto& p : path) {
      auto child = node->find(p);
      if (child == node->end()) return nullptr;
      node = &*child;
    }
    return node;
  }

  const AddFile& file_;
  const std::map<std::string, FileSkipper::ColumnInfo>& columns_;
  bool parsed_ = false;
  json stats_;
};

using Op = Predicate::Op;

Op Flip(Op op) {
  switch (op) {
    case Op::kLt: return Op::kGt;
    case Op::kLe: return Op::kGe;
    case Op::kGt: return Op::kLt;
    case Op::kGe: return Op::kLe;
    default: return op;
  }
}

Op Negate(Op op) {
  switch (op) {
    case Op::kEq: return Op::kNe;
    case Op::kNe: return Op::kEq;
    case Op::kLt: return Op::kGe;
    case Op::kLe: return Op::kGt;
    case Op::kGt: return Op::kLe;
    case Op::kGe: return Op::kLt;
    default: return op;
  }
}

bool MayMatchComparison(Op op, const ColumnFacts& f, const arrow::Scalar& lit) {
  if (f.all_null()) return false;  // comparisons with NULL are never true
  if (!f.min || !f.max) return true;
  auto lo = CompareScalars(*f.min, lit);
  auto hi = CompareScalars(*f.max, lit);
  if (!lo || !hi) return true;
  switch (op) {
    case Op::kEq: return *lo <= 0 && *hi >= 0;
    case Op::kNe: return !(*lo == 0 && *hi == 0);
    case Op::kLt: return *lo < 0;
    case Op::kLe: return *lo <= 0;
    case Op::kGt: return *hi > 0;
    case Op::kGe: return *hi >= 0;
    default: return true;
  }
}

class Evaluator {
 public:
  Evaluator(FileFacts& facts, const std::map<std::string, FileSkipper::ColumnInfo>& columns)
      : facts_(facts), columns_(columns) {}

  // May some row satisfy p (negated = may some row satisfy NOT p)?
  bool MayMatch(const Predicate& p, bool negated) {
    switch (p.op) {
      case Op::kAnd:
        return negated ? (MayMatch(*p.args[0], true) || MayMatch(*p.args[1], true))
                       : (MayMatch(*p.args[0], false) && MayMatch(*p.args[1], false));
      case Op::kOr:
        return negated ? (MayMatch(*p.args[0], true) && MayMatch(*p.args[1], true))
                       : (MayMatch(*p.args[0], false) || MayMatch(*p.args[1], false));
      case Op::kNot:
        return MayMatch(*p.args[0], !negated);
      case Op::kIsNull:
      case Op::kIsNotNull: {
        if (p.args[0]->op != Op::kColumn) return true;
        bool want_null = (p.op == Op::kIsNull) != negated;
        auto f = facts_.Get(p.args[0]->column);
        if (!f.null_count) return true;
        if (want_null) return *f.null_count > 0;
        return !f.num_records || *f.null_count < *f.num_records;
      }
      case Op::kIn: {
        if (negated || p.args[0]->op != Op::kColumn) return true;
        auto f = facts_.Get(p.args[0]->column);
        for (size_t i = 1; i < p.args.size(); ++i) {
          auto lit = Literal(*p.args[i], p.args[0]->column);
          if (!lit) return true;
          if (!(*lit)->is_valid) continue;
          if (MayMatchComparison(Op::kEq, f, **lit)) return true;
        }
        return false;
      }
      case Op::kEq:
      case Op::kNe:
      case Op::kLt:
      case Op::kLe:
      case Op::kGt:
      case Op::kGe: {
        Op op = negated ? Negate(p.op) : p.op;
        const Predicate* col = p.args[0].get();
        const Predicate* lit = p.args[1].get();
        if (col->op != Op::kColumn) {
          std::swap(col, lit);
          op = Flip(op);
        }
        if (col->op != Op::kColumn || lit->op != Op::kLiteral) return true;
        auto value = Literal(*lit, col->column);
        if (!value) return true;
        if (!(*value)->is_valid) return false;  // x op NULL is NULL, never true (nor its NOT)
        return MayMatchComparison(op, facts_.Get(col->column), **value);
      }
      case Op::kLiteral:
        if (p.literal.kind == PredicateLiteral::Kind::kBool) {
          return (p.literal.text == "true") != negated;
        }
        return p.literal.kind != PredicateLiteral::Kind::kNull;
      default:
        return true;
    }
  }

 private:
  std::optional<std::shared_ptr<arrow::Scalar>> Literal(const Predicate& lit,
                                                        const std::vector<std::string>& column) {
    if (lit.op != Op::kLiteral) return std::nullopt;
    auto it = columns_.find(PathKey(column));
    if (it == columns_.end()) return std::nullopt;
    if (lit.literal.kind == PredicateLiteral::Kind::kNull) return arrow::MakeNullScalar(it->second.type);
    auto v = ParseScalar(lit.literal.text, it->second.type);
    if (!v.ok()) return std::nullopt;
    return *v;
  }

  FileFacts& facts_;
  const std::map<std::string, FileSkipper::ColumnInfo>& columns_;
};

}  // namespace

arrow::Result<FileSkipper> FileSkipper::Make(PredicatePtr predicate, const Snapshot& snapshot) {
  FileSkipper skipper;
  skipper.predicate_ = std::move(predicate);
  if (skipper.predicate_) ARROW_RETURN_NOT_OK(ResolveColumns(*skipper.predicate_, snapshot, &skipper.columns_));
  return skipper;
}

bool FileSkipper::MayMatch(const AddFile& file) const {
  if (!predicate_) return true;
  FileFacts facts(file, columns_);
  return Evaluator(facts, columns_).MayMatch(*predicate_, false);
}

std::vector<AddFile> FileSkipper::Select(const std::vector<AddFile>& files) const {
  std::vector<AddFile> out;
  for (const auto& f : files) {
    if (MayMatch(f)) out.push_back(f);
  }
  return out;
}

}  // namespace tarn::delta
