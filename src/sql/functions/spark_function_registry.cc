// The registry: the function table, binding by name, and CAST with Spark's ANSI semantics.
#include <algorithm>

#include <arrow/api.h>
#include <fmt/format.h>

#include "errors/error_class.h"
#include "sql/functions/functions_internal.h"
#include "sql/functions/kernels_internal.h"
#include "sql/plan/identifier.h"

namespace tarn::sql {

namespace fi = functions_internal;
namespace cp = arrow::compute;

arrow::Result<std::shared_ptr<const SparkFunctionRegistry>> SparkFunctionRegistry::Make() {
  auto registry = std::make_shared<fi::Registry>();
  // tarn's kernels live in a registry of this instance, a child of Arrow's default one (which
  // the child falls back to for Arrow's own functions).
  registry->arrow_registry_ = cp::FunctionRegistry::Make(cp::GetFunctionRegistry());
  ARROW_RETURN_NOT_OK(fi::RegisterTarnKernels(*registry->arrow_registry_));
  fi::FunctionTable table;
  fi::AddOperatorFunctions(table);
  fi::AddStringFunctions(table);
  fi::AddMathFunctions(table);
  fi::AddDatetimeFunctions(table);
  fi::AddConditionalFunctions(table);
  fi::AddCollectionFunctions(table);
  fi::AddAggregateFunctions(table);
  fi::AddWindowFunctions(table);
  fi::AddHashFunctions(table);
  fi::AddGeneratorFunctions(table);
  fi::AddStringCodecFunctions(table);
  fi::AddArrayFunctions(table);
  registry->entries_ = std::move(table.entries());
  return registry;
}

namespace functions_internal {

void FunctionTable::AddScalar(const std::string& name, const std::string& usage, ScalarBinder binder,
                              const std::string& since) {
  Entry& e = entries_[name];
  e.info.name = name;
  e.info.kind = FunctionKind::kScalar;
  e.info.usage = usage;
  e.info.since = since;
  e.scalar = std::move(binder);
}

void FunctionTable::AddAggregate(const std::string& name, const std::string& usage, AggregateBinder binder) {
  Entry& e = entries_[name];
  e.info.name = name;
  e.info.kind = FunctionKind::kAggregate;
  e.info.usage = usage;
  e.info.since = "1.0.0";
  e.aggregate = std::move(binder);
}

void FunctionTable::AddWindow(const std::string& name, const std::string& usage, WindowBinder binder) {
  Entry& e = entries_[name];
  e.info.name = name;
  e.info.kind = FunctionKind::kWindow;
  e.info.usage = usage;
  e.info.since = "2.0.0";
  e.window = std::move(binder);
}

void FunctionTable::AddGenerator(const std::string& name, const std::string& usage, ScalarBinder binder) {
  Entry& e = entries_[name];
  e.info.name = name;
  e.info.kind = FunctionKind::kGenerator;
  e.info.usage = usage;
  e.info.since = "1.0.0";
  e.scalar = std::move(binder);
}

ScalarBinder KernelCall(std::string name, std::vector<TypePtr> types, TypePtr result, std::string kernel,
                        std::shared_ptr<cp::FunctionOptions> options) {
  return [=](const std::vector<ArgumentInfo>& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
    ARROW_RETURN_NOT_OK(ExpectArgs(name, args, types.size(), types.size()));
    return Fixed(types, result, [kernel, options](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
      return cp::call(kernel, std::move(x), options);
    });
  };
}

void FunctionTable::AddAlias(const std::string& alias, const std::string& target) {
  Entry copy = entries_.at(target);
  copy.info.name = alias;
  copy.info.usage = alias + copy.info.usage.substr(std::min(copy.info.usage.find('('), copy.info.usage.size()));
  entries_[alias] = std::move(copy);
}

const FunctionInfo* Registry::Find(const std::string& name) const {
  auto it = entries_.find(AsciiLower(name));
  return it == entries_.end() ? nullptr : &it->second.info;
}

std::vector<FunctionInfo> Registry::List() const {
  std::vector<FunctionInfo> out;
  for (const auto& [name, e] : entries_) out.push_back(e.info);
  return out;
}

namespace {
arrow::Status Unresolved(const std::string& name) {
  return UserError("UNRESOLVED_ROUTINE",
                   "Cannot resolve routine `{}` on search path [`system`.`builtin`, `system`.`session`].", name);
}
}  // namespace

arrow::Result<BoundScalarFunction> Registry::BindScalar(const std::string& name, const std::vector<ArgumentInfo>& args,
                                                        const BindContext& context) const {
  auto it = entries_.find(name);
  if (it == entries_.end() || !it->second.scalar) return Unresolved(name);
  return it->second.scalar(args, context, *this);
}

arrow::Result<BoundAggregateFunction> Registry::BindAggregate(const std::string& name,
                                                              const std::vector<ArgumentInfo>& args,
                                                              bool distinct) const {
  auto it = entries_.find(name);
  if (it == entries_.end() || !it->second.aggregate) return Unresolved(name);
  return it->second.aggregate(args, distinct);
}

arrow::Result<BoundWindowFunction> Registry::BindWindow(const std::string& name,
                                                        const std::vector<ArgumentInfo>& args) const {
  auto it = entries_.find(name);
  if (it == entries_.end() || !it->second.window) return Unresolved(name);
  return it->second.window(args);
}

arrow::Result<TypePtr> Registry::CommonType(const TypePtr& a, const TypePtr& b) const { return CommonTypeOf(a, b); }

}  // namespace functions_internal
}  // namespace tarn::sql
