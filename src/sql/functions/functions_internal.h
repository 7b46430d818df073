// Internals of the function library, shared by its source files. Not for use outside
// src/sql/functions.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <arrow/compute/api.h>
#include <arrow/result.h>

#include "sql/functions/function_registry.h"

namespace tarn::sql::functions_internal {

namespace cp = arrow::compute;

class Registry;

using ScalarBinder = std::function<arrow::Result<BoundScalarFunction>(const std::vector<ArgumentInfo>&,
                                                                      const BindContext&, const Registry&)>;
using AggregateBinder =
    std::function<arrow::Result<BoundAggregateFunction>(const std::vector<ArgumentInfo>&, bool distinct)>;
using WindowBinder = std::function<arrow::Result<BoundWindowFunction>(const std::vector<ArgumentInfo>&)>;

struct Entry {
  FunctionInfo info;
  ScalarBinder scalar;
  AggregateBinder aggregate;
  WindowBinder window;
};

// Builds the table of functions; each *_functions.cc file adds its group.
class FunctionTable {
 public:
  void AddScalar(const std::string& name, const std::string& usage, ScalarBinder binder, const std::string& since = "1.0.0");
  void AddAggregate(const std::string& name, const std::string& usage, AggregateBinder binder);
  void AddWindow(const std::string& name, const std::string& usage, WindowBinder binder);
  // A table-generating function (explode, ...): typed through `binder` (the type of one
  // generated row); the executor does the generating.
  void AddGenerator(const std::string& name, const std::string& usage, ScalarBinder binder);
  // Another name for an existing function (same binding, its own doc line).
  void AddAlias(const std::string& alias, const std::string& target);
  std::map<std::string, Entry>& entries() { return entries_; }

 private:
  std::map<std::string, Entry> entries_;
};

void AddOperatorFunctions(FunctionTable& table);
void AddStringFunctions(FunctionTable& table);
void AddMathFunctions(FunctionTable& table);
void AddDatetimeFunctions(FunctionTable& table);
void AddConditionalFunctions(FunctionTable& table);
void AddCollectionFunctions(FunctionTable& table);
void AddAggregateFunctions(FunctionTable& table);
void AddWindowFunctions(FunctionTable& table);
void AddHashFunctions(FunctionTable& table);
void AddGeneratorFunctions(FunctionTable& table);
// Kernels Arrow lacks, registered in tarn's own Arrow function registry.
arrow::Status RegisterTarnKernels(cp::FunctionRegistry& registry);

// The concrete registry (spark_function_registry.cc).
class Registry : public SparkFunctionRegistry {
 public:
  const FunctionInfo* Find(const std::string& name) const override;
  std::vector<FunctionInfo> List() const override;
  arrow::Result<BoundScalarFunction> BindScalar(const std::string& name, const std::vector<ArgumentInfo>& args,
                                                const BindContext& context) const override;
  arrow::Result<BoundAggregateFunction> BindAggregate(const std::string& name, const std::vector<ArgumentInfo>& args,
                                                      bool distinct) const override;
  arrow::Result<BoundWindowFunction> BindWindow(const std::string& name,
                                                const std::vector<ArgumentInfo>& args) const override;
  arrow::Result<TypePtr> CommonType(const TypePtr& a, const TypePtr& b) const override;
  arrow::Result<cp::Expression> LowerCast(cp::Expression arg, const TypePtr& from, const TypePtr& to, bool try_cast,
                                          const BindContext& context) const override;
  cp::FunctionRegistry* arrow_registry() const override { return arrow_registry_.get(); }

  std::map<std::string, Entry> entries_;
  std::unique_ptr<cp::FunctionRegistry> arrow_registry_;
};

// Type rules (type_rules.cc).
bool IsIntegral(const arrow::DataType& t);
bool IsFloating(const arrow::DataType& t);
bool IsDecimal(const arrow::DataType& t);
bool IsNumeric(const arrow::DataType& t);
bool IsString(const arrow::DataType& t);
bool IsTemporal(const arrow::DataType& t);  // date or timestamp
bool IsNull(const arrow::DataType& t);
// decimal(p, s) for an integral type as Spark widens it (int -> decimal(10,0), ...).
TypePtr DecimalForIntegral(const arrow::DataType& t);
// Spark's DecimalType.adjustPrecisionScale (precision capped at 38, scale kept >= 6).
TypePtr AdjustedDecimal(int precision, int scale);
TypePtr WiderNumeric(const TypePtr& a, const TypePtr& b);
arrow::Result<TypePtr> CommonTypeOf(const TypePtr& a, const TypePtr& b);
std::string SqlTypeName(const arrow::DataType& t);  // "INT", "DECIMAL(10,2)" as Spark's messages write them

// Helpers for binders.
BoundScalarFunction Fixed(std::vector<TypePtr> arg_types, TypePtr result, LowerFn lower);
arrow::Status ExpectArgs(const std::string& name, const std::vector<ArgumentInfo>& args, size_t min, size_t max);
arrow::Status TypeMismatch(const std::string& name, size_t index, const std::string& required, const TypePtr& got);
cp::Expression NullOf(const TypePtr& type);
cp::Expression CastExpr(cp::Expression e, const TypePtr& to);  // a plain Arrow cast (safe)
std::string LiteralString(const ArgumentInfo& arg);             // "" when not a string literal
// A binder with fixed argument types calling one kernel (with `options` when given).
ScalarBinder KernelCall(std::string name, std::vector<TypePtr> types, TypePtr result, std::string kernel,
                        std::shared_ptr<cp::FunctionOptions> options = nullptr);
void AddStringCodecFunctions(FunctionTable& table);
void AddArrayFunctions(FunctionTable& table);

}  // namespace tarn::sql::functions_internal
