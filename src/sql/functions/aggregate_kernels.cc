// Aggregation kernels Arrow lacks: "list" and "distinct" as scalar aggregates (Arrow has only
// their grouped forms hash_list / hash_distinct), and the scalar kernels that finish aggregates
// computed as lists: exact percentiles, max_by / min_by, sums of distinct values.
#include <algorithm>
#include <cmath>

#include <arrow/api.h>
#include <arrow/array/concatenate.h>
#include <arrow/compute/api.h>
#include <fmt/format.h>

#include "errors/error_class.h"
#include "sql/functions/functions_internal.h"
#include "sql/functions/kernels_internal.h"

namespace tarn::sql::functions_internal {

namespace {

struct CollectState : public cp::KernelState {
  TypePtr type;
  arrow::ArrayVector chunks;
};

template <bool kDistinct>
arrow::Result<std::unique_ptr<cp::KernelState>> InitCollect(cp::KernelContext*, const cp::KernelInitArgs& args) {
  auto state = std::make_unique<CollectState>();
  state->type = args.inputs.at(0).GetSharedPtr();
  return state;
}

arrow::Status ConsumeCollect(cp::KernelContext* ctx, const cp::ExecSpan& batch) {
  auto* state = static_cast<CollectState*>(ctx->state());
  state->chunks.push_back(Inputs(batch)[0]);
  return arrow::Status::OK();
}

arrow::Status MergeCollect(cp::KernelContext*, cp::KernelState&& src, cp::KernelState* dst) {
  auto& from = static_cast<CollectState&>(src);
  auto& to = static_cast<CollectState&>(*dst);
  for (auto& c : from.chunks) to.chunks.push_back(std::move(c));
  return arrow::Status::OK();
}

template <bool kDistinct>
arrow::Status FinalizeCollect(cp::KernelContext* ctx, arrow::Datum* out) {
  auto* state = static_cast<CollectState*>(ctx->state());
  std::shared_ptr<arrow::Array> values;
  if (state->chunks.empty()) {
    ARROW_ASSIGN_OR_RAISE(values, arrow::MakeEmptyArray(state->type));
  } else {
    ARROW_ASSIGN_OR_RAISE(values, arrow::Concatenate(state->chunks));
  }
  if (kDistinct) {
    // Like hash_distinct with CountOptions::ONLY_VALID; "list" keeps NULLs, as hash_list does.
    ARROW_ASSIGN_OR_RAISE(auto kept, cp::DropNull(values, ctx->exec_context()));
    values = kept.make_array();
    ARROW_ASSIGN_OR_RAISE(auto unique, cp::CallFunction("unique", {values}, ctx->exec_context()));
    values = unique.make_array();
  }
  *out = arrow::Datum(std::make_shared<arrow::ListScalar>(values, arrow::list(state->type)));
  return arrow::Status::OK();
}

arrow::Result<arrow::TypeHolder> ListOfInput(cp::KernelContext*, const std::vector<arrow::TypeHolder>& types) {
  return arrow::TypeHolder(arrow::list(types.at(0).GetSharedPtr()));
}

template <bool kDistinct>
arrow::Status AddCollect(cp::FunctionRegistry& registry, const std::string& name) {
  auto fn = std::make_shared<cp::ScalarAggregateFunction>(name, cp::Arity::Unary(), cp::FunctionDoc::Empty());
  cp::ScalarAggregateKernel kernel({cp::InputType::Any()}, cp::OutputType(ListOfInput), InitCollect<kDistinct>,
                                   ConsumeCollect, MergeCollect, FinalizeCollect<kDistinct>, /*ordered=*/false);
  ARROW_RETURN_NOT_OK(fn->AddKernel(std::move(kernel)));
  return registry.AddFunction(fn);
}

// percentile(list of doubles, p): linear interpolation between the closest ranks, as Spark.
arrow::Status ListPercentile(cp::KernelContext* ctx, const cp::ExecSpan& batch, cp::ExecResult* out) {
  auto in = Inputs(batch);
  const auto& lists = static_cast<const arrow::ListArray&>(*in[0]);
  const auto& p = static_cast<const arrow::DoubleArray&>(*in[1]);
  arrow::DoubleBuilder b;
  for (int64_t i = 0; i < batch.length; ++i) {
    if (lists.IsNull(i) || p.IsNull(i)) {
      ARROW_RETURN_NOT_OK(b.AppendNull());
      continue;
    }
    double q = p.Value(i);
    if (q < 0 || q > 1) {
      return UserError("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
                       "The percentage must be between 0.0 and 1.0, but got {}.", JavaDouble(q, false));
    }
    ARROW_ASSIGN_OR_RAISE(auto kept, cp::DropNull(lists.value_slice(i), ctx->exec_context()));
    ARROW_ASSIGN_OR_RAISE(auto sorted, cp::CallFunction("sort_indices", {kept}, ctx->exec_context()));
    auto values_array = kept.make_array();
    const auto& values = static_cast<const arrow::DoubleArray&>(*values_array);
    auto order_array = sorted.make_array();
    const auto& order = static_cast<const arrow::UInt64Array&>(*order_array);
    int64_t n = values.length();
    if (n == 0) {
      ARROW_RETURN_NOT_OK(b.AppendNull());
      continue;
    }
    double pos = q * static_cast<double>(n - 1);
    auto lo = static_cast<int64_t>(std::floor(pos)), hi = static_cast<int64_t>(std::ceil(pos));
    double a = values.Value(static_cast<int64_t>(order.Value(lo))), z = values.Value(static_cast<int64_t>(order.Value(hi)));
    ARROW_RETURN_NOT_OK(b.Append(lo == hi ? a : a + (pos - static_cast<double>(lo)) * (z - a)));
  }
  ARROW_ASSIGN_OR_RAISE(auto result, b.Finish());
  return SetOutput(out, result);
}

// max_by(list of x, list of y) / min_by: the x of the greatest / least non-null y.
template <bool kMax>
arrow::Status ListArgExtreme(cp::KernelContext* ctx, const cp::ExecSpan& batch, cp::ExecResult* out) {
  auto in = Inputs(batch);
  const auto& xs = static_cast<const arrow::ListArray&>(*in[0]);
  const auto& ys = static_cast<const arrow::ListArray&>(*in[1]);
  std::unique_ptr<arrow::ArrayBuilder> builder;
  ARROW_ASSIGN_OR_RAISE(builder, arrow::MakeBuilder(xs.value_type()));
  for (int64_t i = 0; i < batch.length; ++i) {
    if (xs.IsNull(i) || ys.IsNull(i)) {
      ARROW_RETURN_NOT_OK(builder->AppendNull());
      continue;
    }
    auto x = xs.value_slice(i), y = ys.value_slice(i);
    if (y->length() == y->null_count()) {
      ARROW_RETURN_NOT_OK(builder->AppendNull());
      continue;
    }
    cp::ArraySortOptions options(kMax ? cp::SortOrder::Descending : cp::SortOrder::Ascending, cp::NullPlacement::AtEnd);
    ARROW_ASSIGN_OR_RAISE(auto order, cp::CallFunction("array_sort_indices", {y}, &options, ctx->exec_context()));
    auto k = static_cast<int64_t>(static_cast<const arrow::UInt64Array&>(*order.make_array()).Value(0));
    ARROW_RETURN_NOT_OK(builder->AppendArraySlice(*x->data(), k, 1));
  }
  ARROW_ASSIGN_OR_RAISE(auto result, builder->Finish());
  return SetOutput(out, result);
}

// Sum of each list (NULL for an empty one), as the type in the call's CastOptions.
arrow::Status ListSum(cp::KernelContext* ctx, const cp::ExecSpan& batch, cp::ExecResult* out) {
  const auto& to = CastStateOptions(ctx).to_type;
  auto in = Inputs(batch);
  const auto& lists = static_cast<const arrow::ListArray&>(*in[0]);
  std::unique_ptr<arrow::ArrayBuilder> builder;
  ARROW_ASSIGN_OR_RAISE(builder, arrow::MakeBuilder(to.GetSharedPtr()));
  cp::ScalarAggregateOptions options(/*skip_nulls=*/true, /*min_count=*/1);
  for (int64_t i = 0; i < batch.length; ++i) {
    if (lists.IsNull(i)) {
      ARROW_RETURN_NOT_OK(builder->AppendNull());
      continue;
    }
    ARROW_ASSIGN_OR_RAISE(auto sum, cp::CallFunction("sum", {lists.value_slice(i)}, &options, ctx->exec_context()));
    ARROW_ASSIGN_OR_RAISE(auto cast, cp::Cast(sum, to.GetSharedPtr(), cp::CastOptions::Safe(), ctx->exec_context()));
    ARROW_RETURN_NOT_OK(builder->AppendScalar(*cast.scalar()));
  }
  ARROW_ASSIGN_OR_RAISE(auto result, builder->Finish());
  return SetOutput(out, result);
}

}  // namespace

arrow::Status RegisterAggregateKernels(cp::FunctionRegistry& r) {
  ARROW_RETURN_NOT_OK(AddCollect<false>(r, "list"));
  ARROW_RETURN_NOT_OK(AddCollect<true>(r, "distinct"));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_list_percentile", 2, {arrow::Type::LIST, arrow::Type::DOUBLE}, arrow::float64(),
                                ListPercentile));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_list_max_by", 2, {arrow::Type::LIST, arrow::Type::LIST},
                                cp::OutputType(ListItemType), ListArgExtreme<true>));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_list_min_by", 2, {arrow::Type::LIST, arrow::Type::LIST},
                                cp::OutputType(ListItemType), ListArgExtreme<false>));
  return AddKernel(r, "tarn_list_sum", 1, {arrow::Type::LIST}, cp::OutputType(CastOutputType), ListSum, InitCastState);
}

}  // namespace tarn::sql::functions_internal
