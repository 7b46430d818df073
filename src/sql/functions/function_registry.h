// Spark's built-in functions: their names, documentation, typing rules (ANSI mode, as Spark 4)
// and their evaluation on Arrow. Operators (+, =, AND, LIKE, ...) are functions here too, so the
// analyzer treats `a + b` and `add(a, b)` alike.
//
// The analyzer calls Bind*() with the argument types; the registry answers with the types the
// arguments must be cast to (Spark's implicit coercion), the result type, and how to evaluate
// the call as an Arrow compute expression. Kernels Arrow lacks ("tarn_*") are added once to
// Arrow's function registry (Arrow binds casts only through its own registry).
//
// Thread safety: immutable after Make(); share one instance between sessions.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <arrow/compute/expression.h>
#include <arrow/compute/registry.h>
#include <arrow/result.h>

#include "sql/plan/expression.h"

namespace tarn::sql {

enum class FunctionKind { kScalar, kAggregate, kWindow, kGenerator };

// What SHOW FUNCTIONS lists and DESCRIBE FUNCTION prints.
struct FunctionInfo {
  std::string name;         // lower case, as Spark lists it ("+" and "and" included)
  FunctionKind kind = FunctionKind::kScalar;
  std::string usage;        // e.g. "upper(str) - Returns `str` with all characters changed to uppercase."
  std::string arguments;    // optional argument description
  std::string examples;     // optional "> SELECT upper('SparkSql');\n SPARKSQL"
  std::string since;        // Spark version that added it, e.g. "1.0.0"
};

// Per-statement settings that change what a function means.
struct BindContext {
  std::string time_zone = "UTC";      // spark.sql.session.timeZone
  bool ansi = true;                   // spark.sql.ansi.enabled
  int64_t statement_time_micros = 0;  // current_timestamp(): one value per statement (UTC micros)
  std::string current_catalog = "spark_catalog";
  std::string current_schema = "default";
};

// An argument as the analyzer sees it.
struct ArgumentInfo {
  TypePtr type;                           // arrow::null() for an untyped NULL literal
  std::shared_ptr<arrow::Scalar> literal; // set when the argument is a constant (foldable)
};

using LowerFn =
    std::function<arrow::Result<arrow::compute::Expression>(std::vector<arrow::compute::Expression> args)>;

struct BoundScalarFunction {
  std::vector<TypePtr> arg_types;  // cast argument i to arg_types[i] first (no-op when equal)
  TypePtr result_type;
  bool nullable = true;            // false when the result is never null for non-null inputs... conservative
  LowerFn lower;                   // builds the Arrow expression over the cast arguments
};

// An aggregate evaluates as one or more Arrow aggregations ("sum", "count", "min", ...: the
// scalar-aggregate names; the executor uses "hash_" + name when grouping) over the cast
// arguments, then `finalize` combines their results into the value Spark returns
// (e.g. avg = sum / count, with Spark's result type).
struct AggregatePart {
  std::string function;                                   // e.g. "sum", "count", "count_all"
  std::shared_ptr<arrow::compute::FunctionOptions> options;
  std::vector<int> args;                                  // indices of the cast arguments it reads
};

struct BoundAggregateFunction {
  std::vector<TypePtr> arg_types;
  TypePtr result_type;
  std::vector<AggregatePart> parts;
  LowerFn finalize;  // over the parts' results, in order; must yield result_type
};

// Window-only functions (row_number, rank, lag, ...) are evaluated by the executor's window
// operator; the registry types them and documents them.
struct BoundWindowFunction {
  std::vector<TypePtr> arg_types;
  TypePtr result_type;
};

class SparkFunctionRegistry {
 public:
  static arrow::Result<std::shared_ptr<const SparkFunctionRegistry>> Make();
  virtual ~SparkFunctionRegistry() = default;

  // nullptr when unknown. Names are case-insensitive.
  virtual const FunctionInfo* Find(const std::string& name) const = 0;
  // All functions, sorted by name.
  virtual std::vector<FunctionInfo> List() const = 0;

  // Errors use Spark's classes: UNRESOLVED_ROUTINE (unknown name),
  // WRONG_NUM_ARGS.WITHOUT_SUGGESTION, DATATYPE_MISMATCH.* (e.g. DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES,
  // DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE) with the function name in the message.
  virtual arrow::Result<BoundScalarFunction> BindScalar(const std::string& name,
                                                        const std::vector<ArgumentInfo>& args,
                                                        const BindContext& context) const = 0;
  virtual arrow::Result<BoundAggregateFunction> BindAggregate(const std::string& name,
                                                              const std::vector<ArgumentInfo>& args,
                                                              bool distinct) const = 0;
  virtual arrow::Result<BoundWindowFunction> BindWindow(const std::string& name,
                                                        const std::vector<ArgumentInfo>& args) const = 0;

  // The type Spark's implicit coercion gives values of both types together (CASE branches,
  // COALESCE, UNION columns, IN lists); error DATATYPE_MISMATCH.DATA_DIFF_TYPES if none.
  virtual arrow::Result<TypePtr> CommonType(const TypePtr& a, const TypePtr& b) const = 0;
  // Whether CAST(from AS to) is allowed (ANSI), and the Arrow expression evaluating it with
  // Spark's semantics (CAST_INVALID_INPUT / CAST_OVERFLOW errors; null instead when try_cast).
  virtual arrow::Result<arrow::compute::Expression> LowerCast(arrow::compute::Expression arg,
                                                              const TypePtr& from, const TypePtr& to,
                                                              bool try_cast, const BindContext& context) const = 0;

  // The registry holding Arrow's and tarn's kernels; pass it to Acero and to Expression::Bind.
  virtual arrow::compute::FunctionRegistry* arrow_registry() const = 0;
};

}  // namespace tarn::sql
