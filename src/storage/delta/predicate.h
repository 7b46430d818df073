// Predicates over table columns: what data skipping, replaceWhere, CHECK constraints and
// conflict detection need from an expression. The SQL layer builds these from its own plans;
// the CLI and table properties (delta.constraints.*) use ParsePredicate.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <arrow/compute/expression.h>
#include <arrow/result.h>
#include <arrow/type_fwd.h>

namespace tarn::delta {

struct Predicate;
using PredicatePtr = std::shared_ptr<const Predicate>;

// A literal as written: typed once the column it is compared with is known.
struct PredicateLiteral {
  enum class Kind { kNull, kBool, kInteger, kDecimal, kString, kDate, kTimestamp };
  Kind kind = Kind::kNull;
  std::string text;  // canonical text of the value (digits, string contents, ISO date...)
};

struct Predicate {
  enum class Op {
    kColumn, kLiteral,
    kEq, kNe, kLt, kLe, kGt, kGe, kNullSafeEq,
    kAnd, kOr, kNot, kIsNull, kIsNotNull, kIn,
    kAdd, kSub, kMul, kDiv,  // arithmetic, evaluated on rows only (never used for skipping)
  };
  Op op = Op::kLiteral;
  std::vector<std::string> column;  // kColumn: a nested path, e.g. {"address", "city"}
  PredicateLiteral literal;         // kLiteral
  std::vector<PredicatePtr> args;

  std::string ToString() const;
};

// Parses a SQL-style boolean expression, e.g. "x > 0 AND region IN ('EU', 'US')".
// Errors are PARSE_SYNTAX_ERROR with the position in the text.
arrow::Result<PredicatePtr> ParsePredicate(std::string_view text);

PredicatePtr Column(std::vector<std::string> path);
PredicatePtr And(std::vector<PredicatePtr> args);

// Arrow expression over a batch with the table's logical schema, for filtering rows.
// Literals are cast to the type of the column they are compared with.
arrow::Result<arrow::compute::Expression> ToArrowExpression(const Predicate& predicate,
                                                            const arrow::Schema& schema);

// Names (top-level, lower-cased) of the columns a predicate reads.
std::vector<std::string> ReferencedColumns(const Predicate& predicate);

}  // namespace tarn::delta
