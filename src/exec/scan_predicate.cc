#include "exec/scan_predicate.h"

#include <arrow/api.h>

namespace tarn::exec {

using sql::Expr;
using sql::ExprKind;

namespace {

delta::PredicatePtr Node(delta::Predicate::Op op, std::vector<delta::PredicatePtr> args) {
  for (const auto& a : args) {
    if (!a) return nullptr;
  }
  auto p = std::make_shared<delta::Predicate>();
  p->op = op;
  p->args = std::move(args);
  return p;
}

delta::PredicatePtr LiteralOfScalar(const arrow::Scalar& v) {
  auto p = std::make_shared<delta::Predicate>();
  p->op = delta::Predicate::Op::kLiteral;
  if (!v.is_valid) {
    p->literal.kind = delta::PredicateLiteral::Kind::kNull;
    return p;
  }
  switch (v.type->id()) {
    case arrow::Type::BOOL:
      p->literal.kind = delta::PredicateLiteral::Kind::kBool;
      p->literal.text = static_cast<const arrow::BooleanScalar&>(v).value ? "true" : "false";
      return p;
    case arrow::Type::INT8:
    case arrow::Type::INT16:
    case arrow::Type::INT32:
    case arrow::Type::INT64:
      p->literal.kind = delta::PredicateLiteral::Kind::kInteger;
      p->literal.text = v.ToString();
      return p;
    case arrow::Type::DECIMAL128:
      p->literal.kind = delta::PredicateLiteral::Kind::kDecimal;
      p->literal.text = v.ToString();
      return p;
    case arrow::Type::STRING:
    case arrow::Type::LARGE_STRING:
      p->literal.kind = delta::PredicateLiteral::Kind::kString;
      p->literal.text = static_cast<const arrow::BaseBinaryScalar&>(v).ToString();
      return p;
    case arrow::Type::DATE32:
      p->literal.kind = delta::PredicateLiteral::Kind::kDate;
      p->literal.text = v.ToString();
      return p;
    default:
      return nullptr;  // doubles, timestamps: their text form is not exact enough to round-trip
  }
}

delta::PredicatePtr LiteralOf(const Expr& expr) {
  const Expr* e = &expr;
  // A literal cast to the column's type: the storage layer casts literal text itself.
  while (e->kind == ExprKind::kCast && !e->args.empty()) e = e->args[0].get();
  if (e->kind != ExprKind::kLiteral || !e->value) return nullptr;
  return LiteralOfScalar(*e->value);
}

delta::PredicatePtr ColumnOf(const Expr& e) {
  if (e.kind != ExprKind::kColumn || e.name.empty()) return nullptr;
  return delta::Column({e.name.back()});
}

delta::PredicatePtr Operand(const Expr& e) {
  if (auto c = ColumnOf(e)) return c;
  return LiteralOf(e);
}

}  // namespace

delta::PredicatePtr ToDeltaPredicate(const Expr& expr) {
  using Op = delta::Predicate::Op;
  if (expr.kind == ExprKind::kInList && !expr.negated) {
    auto col = ColumnOf(*expr.args.at(0));
    if (!col) return nullptr;
    std::vector<delta::PredicatePtr> args = {col};
    for (size_t i = 1; i < expr.args.size(); ++i) args.push_back(LiteralOf(*expr.args[i]));
    return Node(Op::kIn, std::move(args));
  }
  if (expr.kind != ExprKind::kCall || expr.name.empty()) return nullptr;
  const std::string& f = expr.name[0];
  auto binary = [&](Op op) -> delta::PredicatePtr {
    if (expr.args.size() != 2) return nullptr;
    // Column against literal only: the storage layer casts the literal to the column type.
    bool lc = expr.args[0]->kind == ExprKind::kColumn, rc = expr.args[1]->kind == ExprKind::kColumn;
    if (lc == rc) return nullptr;
    return Node(op, {Operand(*expr.args[0]), Operand(*expr.args[1])});
  };
  if (f == "=") return binary(Op::kEq);
  if (f == "<>" || f == "!=") return binary(Op::kNe);
  if (f == "<") return binary(Op::kLt);
  if (f == "<=") return binary(Op::kLe);
  if (f == ">") return binary(Op::kGt);
  if (f == ">=") return binary(Op::kGe);
  if (f == "<=>") return binary(Op::kNullSafeEq);
  if (f == "and" || f == "or") {
    if (expr.args.size() != 2) return nullptr;
    return Node(f == "and" ? Op::kAnd : Op::kOr, {ToDeltaPredicate(*expr.args[0]), ToDeltaPredicate(*expr.args[1])});
  }
  if (f == "not" && expr.args.size() == 1) return Node(Op::kNot, {ToDeltaPredicate(*expr.args[0])});
  if ((f == "isnull" || f == "isnotnull") && expr.args.size() == 1) {
    return Node(f == "isnull" ? Op::kIsNull : Op::kIsNotNull, {ColumnOf(*expr.args[0])});
  }
  if (f == "between" && expr.args.size() == 3 && !expr.negated) {
    auto col = ColumnOf(*expr.args[0]);
    return Node(Op::kAnd, {Node(Op::kGe, {col, LiteralOf(*expr.args[1])}), Node(Op::kLe, {col, LiteralOf(*expr.args[2])})});
  }
  return nullptr;
}

arrow::Result<delta::PredicatePtr> InListOf(const std::string& column, const arrow::Array& values) {
  std::vector<delta::PredicatePtr> args = {delta::Column({column})};
  for (int64_t i = 0; i < values.length(); ++i) {
    if (values.IsNull(i)) continue;  // NULL never equals anything
    ARROW_ASSIGN_OR_RAISE(auto scalar, values.GetScalar(i));
    auto literal = LiteralOfScalar(*scalar);
    if (!literal) return nullptr;
    args.push_back(std::move(literal));
  }
  if (args.size() == 1) return nullptr;
  return Node(delta::Predicate::Op::kIn, std::move(args));
}

}  // namespace tarn::exec
