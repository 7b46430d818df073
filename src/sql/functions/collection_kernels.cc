// Array and map kernels (array_contains, sort_array, slice, map_keys, ...), row by row over
// the elements of each list. Kernels whose result type is built from their inputs take
// CastOptions naming it, so that the type the registry promised is the type they build.
#include <algorithm>

#include <arrow/api.h>
#include <arrow/compare.h>
#include <arrow/compute/api.h>
#include <fmt/format.h>

#include "errors/error_class.h"
#include "sql/functions/functions_internal.h"
#include "sql/functions/kernels_internal.h"

namespace tarn::sql::functions_internal {

namespace {

using ArrayPtr = std::shared_ptr<arrow::Array>;

bool SameValue(const arrow::Array& a, int64_t i, const arrow::Array& b, int64_t j) {
  return arrow::ArrayRangeEquals(a, b, i, i + 1, j, arrow::EqualOptions().nans_equal(true));
}

// Row i of a list array as its own array.
ArrayPtr Elements(const arrow::Array& lists, int64_t i) {
  if (lists.type_id() == arrow::Type::MAP) return static_cast<const arrow::MapArray&>(lists).value_slice(i);
  return static_cast<const arrow::ListArray&>(lists).value_slice(i);
}

arrow::Result<std::unique_ptr<arrow::ArrayBuilder>> BuilderFor(const TypePtr& type) {
  std::unique_ptr<arrow::ArrayBuilder> b;
  ARROW_ASSIGN_OR_RAISE(b, arrow::MakeBuilder(type));
  return b;
}

// Appends elements `indices` of `values` as one list.
arrow::Status AppendList(arrow::ArrayBuilder& builder, const arrow::Array& values, const std::vector<int64_t>& indices) {
  auto& lb = static_cast<arrow::ListBuilder&>(builder);
  ARROW_RETURN_NOT_OK(lb.Append());
  for (int64_t k : indices) ARROW_RETURN_NOT_OK(lb.value_builder()->AppendArraySlice(*values.data(), k, 1));
  return arrow::Status::OK();
}

std::vector<int64_t> Range(int64_t n) {
  std::vector<int64_t> v(static_cast<size_t>(n));
  for (int64_t k = 0; k < n; ++k) v[static_cast<size_t>(k)] = k;
  return v;
}

// array(e1, e2, ...)
arrow::Status MakeArray(cp::KernelContext* ctx, const cp::ExecSpan& batch, cp::ExecResult* out) {
  auto in = Inputs(batch);
  ARROW_ASSIGN_OR_RAISE(auto builder, BuilderFor(CastStateOptions(ctx).to_type.GetSharedPtr()));
  auto& lb = static_cast<arrow::ListBuilder&>(*builder);
  for (int64_t i = 0; i < batch.length; ++i) {
    ARROW_RETURN_NOT_OK(lb.Append());
    for (const auto& a : in) ARROW_RETURN_NOT_OK(lb.value_builder()->AppendArraySlice(*a->data(), i, 1));
  }
  ARROW_ASSIGN_OR_RAISE(auto result, builder->Finish());
  return SetOutput(out, result);
}

// map(k1, v1, k2, v2, ...)
arrow::Status MakeMap(cp::KernelContext* ctx, const cp::ExecSpan& batch, cp::ExecResult* out) {
  auto in = Inputs(batch);
  ARROW_ASSIGN_OR_RAISE(auto builder, BuilderFor(CastStateOptions(ctx).to_type.GetSharedPtr()));
  auto& mb = static_cast<arrow::MapBuilder&>(*builder);
  for (int64_t i = 0; i < batch.length; ++i) {
    ARROW_RETURN_NOT_OK(mb.Append());
    for (size_t k = 0; k + 1 < in.size(); k += 2) {
      if (in[k]->IsNull(i)) return UserError("NULL_MAP_KEY", "Cannot use null as map key.");
      ARROW_RETURN_NOT_OK(mb.key_builder()->AppendArraySlice(*in[k]->data(), i, 1));
      ARROW_RETURN_NOT_OK(mb.item_builder()->AppendArraySlice(*in[k + 1]->data(), i, 1));
    }
  }
  ARROW_ASSIGN_OR_RAISE(auto result, builder->Finish());
  return SetOutput(out, result);
}

// map_from_arrays(keys, values)
arrow::Status MapFromArrays(cp::KernelContext* ctx, const cp::ExecSpan& batch, cp::ExecResult* out) {
  auto in = Inputs(batch);
  ARROW_ASSIGN_OR_RAISE(auto builder, BuilderFor(CastStateOptions(ctx).to_type.GetSharedPtr()));
  auto& mb = static_cast<arrow::MapBuilder&>(*builder);
  for (int64_t i = 0; i < batch.length; ++i) {
    if (in[0]->IsNull(i) || in[1]->IsNull(i)) {
      ARROW_RETURN_NOT_OK(mb.AppendNull());
      continue;
    }
    auto keys = Elements(*in[0], i), values = Elements(*in[1], i);
    if (keys->length() != values->length()) {
      return UserError("INVALID_PARAMETER_VALUE.MAP_FROM_ARRAYS",
                       "The key array and value array of map_from_arrays should have the same length.");
    }
    if (keys->null_count() > 0) return UserError("NULL_MAP_KEY", "Cannot use null as map key.");
    ARROW_RETURN_NOT_OK(mb.Append());
    ARROW_RETURN_NOT_OK(mb.key_builder()->AppendArraySlice(*keys->data(), 0, keys->length()));
    ARROW_RETURN_NOT_OK(mb.item_builder()->AppendArraySlice(*values->data(), 0, values->length()));
  }
  ARROW_ASSIGN_OR_RAISE(auto result, builder->Finish());
  return SetOutput(out, result);
}

// map_keys / map_values: the map's keys or values as an array.
template <bool kKeys>
arrow::Status MapPart(cp::KernelContext* ctx, const cp::ExecSpan& batch, cp::ExecResult* out) {
  auto in = Inputs(batch);
  const auto& map = static_cast<const arrow::MapArray&>(*in[0]);
  ARROW_ASSIGN_OR_RAISE(auto builder, BuilderFor(CastStateOptions(ctx).to_type.GetSharedPtr()));
  auto& lb = static_cast<arrow::ListBuilder&>(*builder);
  const auto& part = kKeys ? map.keys() : map.items();
  for (int64_t i = 0; i < batch.length; ++i) {
    if (map.IsNull(i)) {
      ARROW_RETURN_NOT_OK(lb.AppendNull());
      continue;
    }
    ARROW_RETURN_NOT_OK(lb.Append());
    ARROW_RETURN_NOT_OK(lb.value_builder()->AppendArraySlice(*part->data(), map.value_offset(i), map.value_length(i)));
  }
  ARROW_ASSIGN_OR_RAISE(auto result, builder->Finish());
  return SetOutput(out, result);
}

// map[key] / element_at(map, key): NULL when the key is absent. `kContains` answers whether.
template <bool kContains>
arrow::Status MapGet(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  auto in = Inputs(batch);
  const auto& map = static_cast<const arrow::MapArray&>(*in[0]);
  const auto& key = *in[1];
  ARROW_ASSIGN_OR_RAISE(auto builder, BuilderFor(kContains ? arrow::boolean() : map.items()->type()));
  for (int64_t i = 0; i < batch.length; ++i) {
    if (map.IsNull(i) || key.IsNull(i)) {
      ARROW_RETURN_NOT_OK(builder->AppendNull());
      continue;
    }
    int64_t found = -1;
    for (int64_t k = map.value_offset(i); k < map.value_offset(i) + map.value_length(i) && found < 0; ++k) {
      if (SameValue(*map.keys(), k, key, i)) found = k;
    }
    if (kContains) {
      ARROW_RETURN_NOT_OK(static_cast<arrow::BooleanBuilder&>(*builder).Append(found >= 0));
    } else if (found < 0) {
      ARROW_RETURN_NOT_OK(builder->AppendNull());
    } else {
      ARROW_RETURN_NOT_OK(builder->AppendArraySlice(*map.items()->data(), found, 1));
    }
  }
  ARROW_ASSIGN_OR_RAISE(auto result, builder->Finish());
  return SetOutput(out, result);
}

enum class Search { kContains, kPosition };

// array_contains(a, v) (NULL when not found but a has NULLs) and array_position(a, v) (1-based, 0).
template <Search kMode>
arrow::Status ArraySearch(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  auto in = Inputs(batch);
  ARROW_ASSIGN_OR_RAISE(auto builder, BuilderFor(kMode == Search::kContains ? arrow::boolean() : arrow::int64()));
  for (int64_t i = 0; i < batch.length; ++i) {
    if (in[0]->IsNull(i) || in[1]->IsNull(i)) {
      ARROW_RETURN_NOT_OK(builder->AppendNull());
      continue;
    }
    auto values = Elements(*in[0], i);
    int64_t found = -1;
    for (int64_t k = 0; k < values->length() && found < 0; ++k) {
      if (values->IsValid(k) && SameValue(*values, k, *in[1], i)) found = k;
    }
    if (kMode == Search::kPosition) {
      ARROW_RETURN_NOT_OK(static_cast<arrow::Int64Builder&>(*builder).Append(found + 1));
    } else if (found < 0 && values->null_count() > 0) {
      ARROW_RETURN_NOT_OK(builder->AppendNull());
    } else {
      ARROW_RETURN_NOT_OK(static_cast<arrow::BooleanBuilder&>(*builder).Append(found >= 0));
    }
  }
  ARROW_ASSIGN_OR_RAISE(auto result, builder->Finish());
  return SetOutput(out, result);
}

enum class Shape { kDistinct, kCompact, kSortAsc, kSortDesc, kArraySort, kRemove, kUnion, kIntersect, kExcept };

// Functions mapping one row's elements (and maybe a second argument) to a subset/reordering.
template <Shape kShape>
arrow::Status Reshape(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  auto in = Inputs(batch);
  ARROW_ASSIGN_OR_RAISE(auto builder, BuilderFor(in[0]->type()));
  const bool binary_set = kShape == Shape::kUnion || kShape == Shape::kIntersect || kShape == Shape::kExcept;
  for (int64_t i = 0; i < batch.length; ++i) {
    if (in[0]->IsNull(i) || (in.size() > 1 && in[1]->IsNull(i))) {
      ARROW_RETURN_NOT_OK(builder->AppendNull());
      continue;
    }
    auto values = Elements(*in[0], i);
    std::vector<int64_t> keep;
    auto seen_in = [&](const arrow::Array& arr, const std::vector<int64_t>& idx, const arrow::Array& other, int64_t k) {
      for (int64_t j : idx) {
        if (arr.IsNull(j) ? other.IsNull(k) : (other.IsValid(k) && SameValue(arr, j, other, k))) return true;
      }
      return false;
    };
    if constexpr (kShape == Shape::kSortAsc || kShape == Shape::kSortDesc || kShape == Shape::kArraySort) {
      cp::ArraySortOptions options(kShape == Shape::kSortDesc ? cp::SortOrder::Descending : cp::SortOrder::Ascending,
                                   kShape == Shape::kSortAsc ? cp::NullPlacement::AtStart : cp::NullPlacement::AtEnd);
      ARROW_ASSIGN_OR_RAISE(auto order, cp::CallFunction("array_sort_indices", {values}, &options));
      auto idx_array = order.make_array();
    const auto& idx = static_cast<const arrow::UInt64Array&>(*idx_array);
      for (int64_t k = 0; k < idx.length(); ++k) keep.push_back(static_cast<int64_t>(idx.Value(k)));
      ARROW_RETURN_NOT_OK(AppendList(*builder, *values, keep));
      continue;
    }
    if constexpr (binary_set) {
      auto other = Elements(*in[1], i);
      std::vector<int64_t> other_all = Range(other->length());
      for (int64_t k = 0; k < values->length(); ++k) {
        bool in_other = seen_in(*other, other_all, *values, k);
        bool wanted = kShape == Shape::kUnion || (kShape == Shape::kIntersect ? in_other : !in_other);
        if (wanted && !seen_in(*values, keep, *values, k)) keep.push_back(k);
      }
      ARROW_RETURN_NOT_OK(AppendList(*builder, *values, keep));
      if (kShape == Shape::kUnion) {
        // Then the other array's new values, still without duplicates.
        auto& lb = static_cast<arrow::ListBuilder&>(*builder);
        std::vector<int64_t> added;
        for (int64_t k = 0; k < other->length(); ++k) {
          if (seen_in(*values, keep, *other, k) || seen_in(*other, added, *other, k)) continue;
          added.push_back(k);
          ARROW_RETURN_NOT_OK(lb.value_builder()->AppendArraySlice(*other->data(), k, 1));
        }
      }
      continue;
    }
    for (int64_t k = 0; k < values->length(); ++k) {
      if (kShape == Shape::kCompact && values->IsNull(k)) continue;
      if (kShape == Shape::kRemove && (values->IsNull(k) || !SameValue(*values, k, *in[1], i))) {
        keep.push_back(k);
        continue;
      }
      if (kShape == Shape::kRemove) continue;
      if (kShape == Shape::kDistinct && seen_in(*values, keep, *values, k)) continue;
      keep.push_back(k);
    }
    ARROW_RETURN_NOT_OK(AppendList(*builder, *values, keep));
  }
  ARROW_ASSIGN_OR_RAISE(auto result, builder->Finish());
  return SetOutput(out, result);
}

// arrays_overlap(a, b): true on a common non-null element; NULL if none but either has a NULL.
arrow::Status ArraysOverlap(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  auto in = Inputs(batch);
  arrow::BooleanBuilder b;
  for (int64_t i = 0; i < batch.length; ++i) {
    if (in[0]->IsNull(i) || in[1]->IsNull(i)) {
      ARROW_RETURN_NOT_OK(b.AppendNull());
      continue;
    }
    auto x = Elements(*in[0], i), y = Elements(*in[1], i);
    bool found = false;
    for (int64_t p = 0; p < x->length() && !found; ++p) {
      for (int64_t q = 0; q < y->length() && !found; ++q) {
        found = x->IsValid(p) && y->IsValid(q) && SameValue(*x, p, *y, q);
      }
    }
    if (!found && x->length() > 0 && y->length() > 0 && (x->null_count() > 0 || y->null_count() > 0)) {
      ARROW_RETURN_NOT_OK(b.AppendNull());
    } else {
      ARROW_RETURN_NOT_OK(b.Append(found));
    }
  }
  ARROW_ASSIGN_OR_RAISE(auto result, b.Finish());
  return SetOutput(out, result);
}

// array_max / array_min: the extreme non-null element.
template <bool kMax>
arrow::Status ArrayExtreme(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  auto in = Inputs(batch);
  const auto& lists = static_cast<const arrow::ListArray&>(*in[0]);
  ARROW_ASSIGN_OR_RAISE(auto builder, BuilderFor(lists.value_type()));
  for (int64_t i = 0; i < batch.length; ++i) {
    auto values = lists.IsNull(i) ? nullptr : lists.value_slice(i);
    if (!values || values->length() == values->null_count()) {
      ARROW_RETURN_NOT_OK(builder->AppendNull());
      continue;
    }
    cp::ArraySortOptions options(kMax ? cp::SortOrder::Descending : cp::SortOrder::Ascending, cp::NullPlacement::AtEnd);
    ARROW_ASSIGN_OR_RAISE(auto order, cp::CallFunction("array_sort_indices", {values}, &options));
    int64_t first = static_cast<int64_t>(static_cast<const arrow::UInt64Array&>(*order.make_array()).Value(0));
    ARROW_RETURN_NOT_OK(builder->AppendArraySlice(*values->data(), first, 1));
  }
  ARROW_ASSIGN_OR_RAISE(auto result, builder->Finish());
  return SetOutput(out, result);
}

// slice(a, start, length): 1-based start, negative from the end.
arrow::Status Slice(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  auto in = Inputs(batch);
  const auto& start = static_cast<const arrow::Int32Array&>(*in[1]);
  const auto& length = static_cast<const arrow::Int32Array&>(*in[2]);
  ARROW_ASSIGN_OR_RAISE(auto builder, BuilderFor(in[0]->type()));
  for (int64_t i = 0; i < batch.length; ++i) {
    if (in[0]->IsNull(i) || start.IsNull(i) || length.IsNull(i)) {
      ARROW_RETURN_NOT_OK(builder->AppendNull());
      continue;
    }
    auto values = Elements(*in[0], i);
    int64_t s = start.Value(i), n = length.Value(i), size = values->length();
    if (s == 0) return UserError("INVALID_PARAMETER_VALUE.START", "The value of parameter `start` of slice is invalid: 0. Expects a positive or a negative value for `start`, but got 0.");
    if (n < 0) return UserError("INVALID_PARAMETER_VALUE.LENGTH", "The value of parameter `length` of slice is invalid: {}. Expects `length` greater than or equal to 0.", n);
    int64_t from = s > 0 ? s - 1 : size + s;
    std::vector<int64_t> keep;
    for (int64_t k = std::max<int64_t>(from, 0); k < std::min(size, from + n); ++k) keep.push_back(k);
    if (from < 0) keep.clear();
    ARROW_RETURN_NOT_OK(AppendList(*builder, *values, keep));
  }
  ARROW_ASSIGN_OR_RAISE(auto result, builder->Finish());
  return SetOutput(out, result);
}

// flatten(array<array<T>>) and concat(array, array, ...)
template <bool kFlatten>
arrow::Status Concatenate(cp::KernelContext* ctx, const cp::ExecSpan& batch, cp::ExecResult* out) {
  auto in = Inputs(batch);
  TypePtr type = kFlatten ? in[0]->type()->field(0)->type() : in[0]->type();
  (void)ctx;
  ARROW_ASSIGN_OR_RAISE(auto builder, BuilderFor(type));
  auto& lb = static_cast<arrow::ListBuilder&>(*builder);
  for (int64_t i = 0; i < batch.length; ++i) {
    arrow::ArrayVector parts;
    bool null = false;
    if (kFlatten) {
      if (in[0]->IsNull(i)) {
        null = true;
      } else {
        auto outer = Elements(*in[0], i);
        for (int64_t k = 0; k < outer->length() && !null; ++k) {
          if (outer->IsNull(k)) null = true;
          else parts.push_back(Elements(*outer, k));
        }
      }
    } else {
      for (const auto& a : in) {
        if (a->IsNull(i)) null = true;
        else parts.push_back(Elements(*a, i));
      }
    }
    if (null) {
      ARROW_RETURN_NOT_OK(lb.AppendNull());
      continue;
    }
    ARROW_RETURN_NOT_OK(lb.Append());
    for (const auto& p : parts) ARROW_RETURN_NOT_OK(lb.value_builder()->AppendArraySlice(*p->data(), 0, p->length()));
  }
  ARROW_ASSIGN_OR_RAISE(auto result, builder->Finish());
  return SetOutput(out, result);
}

// array_join(a, sep[, null_replacement])
arrow::Status ArrayJoin(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  auto in = Inputs(batch);
  const auto& sep = static_cast<const arrow::StringArray&>(*in[1]);
  const arrow::StringArray* replacement = in.size() > 2 ? &static_cast<const arrow::StringArray&>(*in[2]) : nullptr;
  arrow::StringBuilder b;
  for (int64_t i = 0; i < batch.length; ++i) {
    if (in[0]->IsNull(i) || sep.IsNull(i) || (replacement && replacement->IsNull(i))) {
      ARROW_RETURN_NOT_OK(b.AppendNull());
      continue;
    }
    auto values = Elements(*in[0], i);
    const auto& strings = static_cast<const arrow::StringArray&>(*values);
    std::string text;
    bool first = true;
    for (int64_t k = 0; k < strings.length(); ++k) {
      if (strings.IsNull(k) && !replacement) continue;
      if (!first) text += sep.GetView(i);
      first = false;
      text += strings.IsNull(k) ? replacement->GetView(i) : strings.GetView(k);
    }
    ARROW_RETURN_NOT_OK(b.Append(text));
  }
  ARROW_ASSIGN_OR_RAISE(auto result, b.Finish());
  return SetOutput(out, result);
}

// sequence(start, stop[, step]) over bigints.
arrow::Status Sequence(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  auto in = Inputs(batch);
  const auto& start = static_cast<const arrow::Int64Array&>(*in[0]);
  const auto& stop = static_cast<const arrow::Int64Array&>(*in[1]);
  const arrow::Int64Array* step = in.size() > 2 ? &static_cast<const arrow::Int64Array&>(*in[2]) : nullptr;
  arrow::ListBuilder lb(arrow::default_memory_pool(), std::make_shared<arrow::Int64Builder>(), arrow::list(arrow::int64()));
  auto& vb = static_cast<arrow::Int64Builder&>(*lb.value_builder());
  for (int64_t i = 0; i < batch.length; ++i) {
    if (start.IsNull(i) || stop.IsNull(i) || (step && step->IsNull(i))) {
      ARROW_RETURN_NOT_OK(lb.AppendNull());
      continue;
    }
    int64_t a = start.Value(i), z = stop.Value(i);
    int64_t d = step ? step->Value(i) : (a <= z ? 1 : -1);
    if (d == 0 || (a < z && d < 0) || (a > z && d > 0)) {
      return UserError("INVALID_PARAMETER_VALUE.SEQUENCE_STEP",
                       "Illegal sequence boundaries: {} to {} by {}.", a, z, d);
    }
    if ((z - a) / d > 10000000) return UserError("COLLECTION_SIZE_LIMIT_EXCEEDED.PARAMETER", "The sequence is too long.");
    ARROW_RETURN_NOT_OK(lb.Append());
    for (int64_t v = a; d > 0 ? v <= z : v >= z; v += d) {
      ARROW_RETURN_NOT_OK(vb.Append(v));
      if ((d > 0 && v > INT64_MAX - d) || (d < 0 && v < INT64_MIN - d)) break;
    }
  }
  ARROW_ASSIGN_OR_RAISE(auto result, lb.Finish());
  return SetOutput(out, result);
}

// size(a): -1 for NULL is legacy; Spark 4 (ANSI) returns NULL, as Arrow's list_value_length.

arrow::Result<arrow::TypeHolder> FlattenType(cp::KernelContext*, const std::vector<arrow::TypeHolder>& types) {
  return arrow::TypeHolder(types.at(0).type->field(0)->type());
}

arrow::Result<arrow::TypeHolder> MapItemType(cp::KernelContext*, const std::vector<arrow::TypeHolder>& types) {
  return arrow::TypeHolder(static_cast<const arrow::MapType&>(*types.at(0).type).item_type());
}

}  // namespace

arrow::Status RegisterCollectionKernels(cp::FunctionRegistry& r) {
  const auto any = cp::InputType::Any();
  const auto list = cp::InputType(arrow::Type::LIST);
  const auto map = cp::InputType(arrow::Type::MAP);
  const cp::OutputType typed(CastOutputType);
  ARROW_RETURN_NOT_OK(AddVarArgsKernel(r, "tarn_make_array", 0, any, typed, MakeArray, InitCastState));
  ARROW_RETURN_NOT_OK(AddVarArgsKernel(r, "tarn_make_map", 0, any, typed, MakeMap, InitCastState));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_map_from_arrays", 2, {list, list}, typed, MapFromArrays, InitCastState));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_map_keys", 1, {map}, typed, MapPart<true>, InitCastState));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_map_values", 1, {map}, typed, MapPart<false>, InitCastState));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_map_get", 2, {map, any}, cp::OutputType(MapItemType), MapGet<false>));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_map_contains_key", 2, {map, any}, arrow::boolean(), MapGet<true>));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_array_contains", 2, {list, any}, arrow::boolean(), ArraySearch<Search::kContains>));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_array_position", 2, {list, any}, arrow::int64(), ArraySearch<Search::kPosition>));
  const cp::OutputType same(FirstInputType);
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_array_distinct", 1, {list}, same, Reshape<Shape::kDistinct>));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_array_compact", 1, {list}, same, Reshape<Shape::kCompact>));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_sort_array_asc", 1, {list}, same, Reshape<Shape::kSortAsc>));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_sort_array_desc", 1, {list}, same, Reshape<Shape::kSortDesc>));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_array_sort", 1, {list}, same, Reshape<Shape::kArraySort>));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_array_remove", 2, {list, any}, same, Reshape<Shape::kRemove>));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_array_union", 2, {list, list}, same, Reshape<Shape::kUnion>));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_array_intersect", 2, {list, list}, same, Reshape<Shape::kIntersect>));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_array_except", 2, {list, list}, same, Reshape<Shape::kExcept>));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_arrays_overlap", 2, {list, list}, arrow::boolean(), ArraysOverlap));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_array_max", 1, {list}, cp::OutputType(ListItemType), ArrayExtreme<true>));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_array_min", 1, {list}, cp::OutputType(ListItemType), ArrayExtreme<false>));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_slice", 3, {list, arrow::Type::INT32, arrow::Type::INT32}, same, Slice));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_flatten", 1, {list}, cp::OutputType(FlattenType), Concatenate<true>));
  ARROW_RETURN_NOT_OK(AddVarArgsKernel(r, "tarn_array_concat", 1, list, same, Concatenate<false>));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_array_join", 2, {list, arrow::Type::STRING}, arrow::utf8(), ArrayJoin));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_array_join3", 3, {list, arrow::Type::STRING, arrow::Type::STRING}, arrow::utf8(), ArrayJoin));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_sequence", 2, {arrow::Type::INT64, arrow::Type::INT64}, arrow::list(arrow::int64()), Sequence));
  return AddKernel(r, "tarn_sequence3", 3, {arrow::Type::INT64, arrow::Type::INT64, arrow::Type::INT64},
                   arrow::list(arrow::int64()), Sequence);
}

}  // namespace tarn::sql::functions_internal
