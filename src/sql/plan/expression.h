// Expressions of the logical plan. One tree type serves both stages: the parser (or, later, a
// Spark Connect client) builds it unresolved — names as written, operators as calls by name —
// and the analyzer returns a resolved copy in which every node has a type and every column
// reference points at an attribute id. Trees are immutable once built; rewrites copy.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <arrow/type_fwd.h>

namespace tarn::sql {

struct Expr;
struct LogicalPlan;
using ExprPtr = std::shared_ptr<const Expr>;
using PlanPtr = std::shared_ptr<const LogicalPlan>;
using TypePtr = std::shared_ptr<arrow::DataType>;

enum class ExprKind {
  kLiteral,         // value (a null scalar of type null for NULL)
  kColumn,          // name = parts as written ("t", "a"); resolved: attribute_id
  kStar,            // name = qualifier parts (empty for *); except_columns for * EXCEPT (..)
  kCall,            // name = {function}; operators are calls too, see OperatorName below
  kCast,            // args[0]; type = target; try_cast for TRY_CAST
  kCase,            // args = [when, then]*, [else]; a CASE x WHEN .. is rewritten by the parser
  kInList,          // args[0] IN (args[1..]); negated for NOT IN
  kInSubquery,      // args (the left values) IN (subquery); negated for NOT IN
  kExists,          // EXISTS (subquery); negated for NOT EXISTS
  kScalarSubquery,  // (subquery) used as a value
  kAlias,           // args[0] AS name[0]
  kWindow,          // args[0] (a kCall) OVER window
  kLambda,          // name = parameter names, args[0] = body (x -> x + 1)
  kOuterRef,        // resolved only: a reference to a column of an enclosing query (correlation)
};

// Operators arrive as kCall with these names, so the analyzer resolves them like functions:
// "+", "-", "*", "/", "%", "div", "negative", "=", "<=>", "<>", "<", "<=", ">", ">=", "and",
// "or", "not", "isnull", "isnotnull", "like", "ilike", "rlike", "between", "||", "&", "|",
// "^", "~", "positive", "subscript" for a[i] and m[k] (x IS TRUE is x <=> true, as in Spark;
// sql/parser/parser.h lists every name and rewrite the parser uses),
// "get_struct_field" for s.f (args[1] the field name literal) when the analyzer decides a dotted
// name is a field access.

enum class NullOrdering { kNullsFirst, kNullsLast };

struct SortItem {
  ExprPtr expr;
  bool ascending = true;
  NullOrdering nulls = NullOrdering::kNullsFirst;  // Spark: ASC -> NULLS FIRST, DESC -> NULLS LAST
};

struct FrameBound {
  enum class Kind { kUnboundedPreceding, kPreceding, kCurrentRow, kFollowing, kUnboundedFollowing };
  Kind kind = Kind::kCurrentRow;
  ExprPtr offset;  // kPreceding / kFollowing: a literal (ROWS: integer; RANGE: number or interval)
};

struct WindowFrame {
  enum class Type { kRows, kRange };
  Type type = Type::kRange;
  FrameBound start, end;
};

struct WindowSpec {
  std::vector<ExprPtr> partition_by;
  std::vector<SortItem> order_by;
  bool has_frame = false;  // false: Spark's default frame (depends on ORDER BY)
  WindowFrame frame;
  std::string name;        // WINDOW w AS (...) reference, resolved by the parser when possible
};

struct Expr {
  ExprKind kind = ExprKind::kLiteral;
  std::vector<ExprPtr> args;
  std::vector<std::string> name;           // see ExprKind
  std::shared_ptr<arrow::Scalar> value;    // kLiteral
  TypePtr type;                            // kCast target; after analysis, every node's type
  bool nullable = true;                    // after analysis
  bool distinct = false;                   // count(DISTINCT x)
  bool negated = false;                    // NOT IN / NOT EXISTS / NOT LIKE / NOT BETWEEN
  bool try_cast = false;                   // TRY_CAST
  bool ignore_nulls = false;               // first(x) IGNORE NULLS, lag(..) IGNORE NULLS
  bool is_aggregate = false;               // after analysis: kCall of an aggregate function
  ExprPtr filter;                          // aggregate FILTER (WHERE ...)
  std::vector<std::string> except_columns; // * EXCEPT (a, b)
  std::shared_ptr<const WindowSpec> window;
  PlanPtr subquery;                        // kInSubquery, kExists, kScalarSubquery
  int64_t attribute_id = -1;               // resolved kColumn / kOuterRef / kAlias (its output id)
  int32_t position = -1;                   // byte offset in the SQL text, -1 if unknown
};

// Factories used by the parser and by rewrites.
ExprPtr Literal(std::shared_ptr<arrow::Scalar> value, int32_t position = -1);
ExprPtr NullLiteral(int32_t position = -1);
ExprPtr ColumnRef(std::vector<std::string> parts, int32_t position = -1);
ExprPtr Call(std::string function, std::vector<ExprPtr> args, int32_t position = -1);
ExprPtr CastTo(ExprPtr arg, TypePtr type, bool try_cast = false, int32_t position = -1);
ExprPtr AliasOf(ExprPtr arg, std::string name, int32_t position = -1);
ExprPtr Star(std::vector<std::string> qualifier = {}, std::vector<std::string> except = {});

// The column name Spark gives an unaliased expression, e.g. "(a + 1)", "count(1)", "sum(x)".
std::string DisplayName(const Expr& expr);
// Readable form for EXPLAIN, with types and attribute ids when resolved.
std::string ToString(const Expr& expr);

}  // namespace tarn::sql
