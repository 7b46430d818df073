// Building blocks of tarn's own Arrow kernels, shared by the *_kernels.cc files. Not for use
// outside src/sql/functions.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <arrow/api.h>
#include <arrow/compute/api.h>
#include <arrow/compute/kernel.h>

#include "calendar/civil_date.h"

namespace tarn::sql::functions_internal {

namespace cp = arrow::compute;

// The batch's values as arrays (scalars broadcast to the batch length).
arrow::ArrayVector Inputs(const cp::ExecSpan& batch);
arrow::Status SetOutput(cp::ExecResult* out, const std::shared_ptr<arrow::Array>& array);
// Adds a kernel to the scalar function `name` of `registry`, creating the function if needed.
// Kernels allocate their own output (they build it with Arrow builders).
arrow::Status AddKernel(cp::FunctionRegistry& registry, const std::string& name, int arity,
                        std::vector<cp::InputType> inputs, cp::OutputType output, cp::ArrayKernelExec exec,
                        cp::KernelInit init = nullptr);
// Same, for functions taking any number of arguments (at least `min_args`).
arrow::Status AddVarArgsKernel(cp::FunctionRegistry& registry, const std::string& name, int min_args,
                               cp::InputType input, cp::OutputType output, cp::ArrayKernelExec exec,
                               cp::KernelInit init = nullptr);

// Kernel output types.
arrow::Result<arrow::TypeHolder> FirstInputType(cp::KernelContext*, const std::vector<arrow::TypeHolder>& types);
arrow::Result<arrow::TypeHolder> ListItemType(cp::KernelContext*, const std::vector<arrow::TypeHolder>& types);
// The to_type of the call's CastOptions (for kernels that take CastOptions as "the result type").
arrow::Result<std::unique_ptr<cp::KernelState>> InitCastState(cp::KernelContext*, const cp::KernelInitArgs& args);
const cp::CastOptions& CastStateOptions(cp::KernelContext* ctx);
arrow::Result<arrow::TypeHolder> CastOutputType(cp::KernelContext* ctx, const std::vector<arrow::TypeHolder>&);

// Java's Double.toString / Float.toString text ("1.0", "1.0E-5", "1.23456789E8").
std::string JavaDouble(double d, bool is_float);

// Proleptic Gregorian calendar arithmetic on days since 1970-01-01.
using Civil = calendar::CivilDate;
using calendar::CivilFromDays;
using calendar::DaysFromCivil;
using calendar::DaysInMonth;
int64_t AddMonths(int64_t days, int64_t months);
int64_t FloorDiv(int64_t a, int64_t b);
// "yyyy-MM-dd HH:mm:ss[.ffffff]" for microseconds since the epoch (already shifted to local time).
std::string TimestampText(int64_t micros);

// Registration of each kernel group in tarn's Arrow function registry.
arrow::Status RegisterArithmeticKernels(cp::FunctionRegistry& registry);
arrow::Status RegisterCastKernels(cp::FunctionRegistry& registry);
arrow::Status RegisterStringKernels(cp::FunctionRegistry& registry);
arrow::Status RegisterHashKernels(cp::FunctionRegistry& registry);
arrow::Status RegisterDatetimeKernels(cp::FunctionRegistry& registry);
arrow::Status RegisterCollectionKernels(cp::FunctionRegistry& registry);
arrow::Status RegisterAggregateKernels(cp::FunctionRegistry& registry);

}  // namespace tarn::sql::functions_internal
