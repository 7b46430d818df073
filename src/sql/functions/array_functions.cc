// Array and map functions (array, array_contains, sort_array, slice, map, map_keys, ...) on the
// kernels of collection_kernels.cc, and the generators (explode, posexplode, inline), which the
// registry only types: the executor generates their rows.
#include <arrow/api.h>
#include <fmt/format.h>

#include "errors/error_class.h"
#include "sql/functions/functions_internal.h"

namespace tarn::sql::functions_internal {

namespace {

using Args = std::vector<ArgumentInfo>;

arrow::Result<TypePtr> CommonOf(const Args& args, size_t from, size_t step = 1) {
  TypePtr t = arrow::null();
  for (size_t i = from; i < args.size(); i += step) {
      ARROW_ASSIGN_OR_RAISE(t, CommonTypeOf(t, args[i].type));
    }
  return t;
}

arrow::Status NeedArray(const std::string& name, size_t i, const TypePtr& t) {
  if (t->id() == arrow::Type::LIST) return arrow::Status::OK();
  return TypeMismatch(name, i, "\"ARRAY\"", t);
}

TypePtr ElementOf(const TypePtr& list) { return list->field(0)->type(); }

// f(array): the array's type in and out (or `result` when given).
ScalarBinder ArrayUnary(std::string name, std::string kernel, bool item_result = false) {
  return [=](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
    ARROW_RETURN_NOT_OK(ExpectArgs(name, args, 1, 1));
    ARROW_RETURN_NOT_OK(NeedArray(name, 0, args[0].type));
    TypePtr result = item_result ? ElementOf(args[0].type) : args[0].type;
    return Fixed({args[0].type}, result, [kernel](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
      return cp::call(kernel, std::move(x));
    });
  };
}

// f(array, value): the value cast to the element type (or both to their common type).
ScalarBinder ArrayValue(std::string name, std::string kernel, TypePtr result) {
  return [=](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
    ARROW_RETURN_NOT_OK(ExpectArgs(name, args, 2, 2));
    ARROW_RETURN_NOT_OK(NeedArray(name, 0, args[0].type));
    ARROW_ASSIGN_OR_RAISE(auto element, CommonTypeOf(ElementOf(args[0].type), args[1].type));
    TypePtr list = arrow::list(element);
    TypePtr out = result ? result : list;
    return Fixed({list, element}, out, [kernel](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
      return cp::call(kernel, std::move(x));
    });
  };
}

// f(array, array) over their common type.
ScalarBinder ArrayPair(std::string name, std::string kernel, TypePtr result) {
  return [=](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
    ARROW_RETURN_NOT_OK(ExpectArgs(name, args, 2, 2));
    ARROW_RETURN_NOT_OK(NeedArray(name, 0, args[0].type));
    ARROW_RETURN_NOT_OK(NeedArray(name, 1, args[1].type));
    ARROW_ASSIGN_OR_RAISE(auto element, CommonTypeOf(ElementOf(args[0].type), ElementOf(args[1].type)));
    TypePtr list = arrow::list(element);
    return Fixed({list, list}, result ? result : list, [kernel](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
      return cp::call(kernel, std::move(x));
    });
  };
}

}  // namespace

void AddArrayFunctions(FunctionTable& t) {
  t.AddScalar("array", "array(expr, ...) - Returns an array with the given elements.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_ASSIGN_OR_RAISE(auto element, CommonOf(args, 0));
                if (IsNull(*element) && !args.empty()) element = arrow::null();
                if (args.empty()) element = arrow::null();
                TypePtr list = arrow::list(element);
                std::vector<TypePtr> types(args.size(), element);
                auto b = Fixed(types, list, [list](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return cp::call("tarn_make_array", std::move(x), cp::CastOptions::Safe(list));
                });
                b.nullable = false;
                return b;
              });
  t.AddScalar("array_contains", "array_contains(array, value) - Returns true if the array contains the value.",
              ArrayValue("array_contains", "tarn_array_contains", arrow::boolean()));
  t.AddScalar("array_position", "array_position(array, element) - Returns the (1-based) index of the first matching element of the array as long, or 0 if no match is found.",
              ArrayValue("array_position", "tarn_array_position", arrow::int64()), "2.4.0");
  t.AddScalar("array_remove", "array_remove(array, element) - Removes all elements equal to `element` from the array.",
              ArrayValue("array_remove", "tarn_array_remove", nullptr), "2.4.0");
  t.AddScalar("array_distinct", "array_distinct(array) - Removes duplicate values from the array.",
              ArrayUnary("array_distinct", "tarn_array_distinct"), "2.4.0");
  t.AddScalar("array_compact", "array_compact(array) - Removes null values from the array.",
              ArrayUnary("array_compact", "tarn_array_compact"), "3.4.0");
  t.AddScalar("array_max", "array_max(array) - Returns the maximum non-null value in the array.",
              ArrayUnary("array_max", "tarn_array_max", true), "2.4.0");
  t.AddScalar("array_min", "array_min(array) - Returns the minimum non-null value in the array.",
              ArrayUnary("array_min", "tarn_array_min", true), "2.4.0");
  t.AddScalar("array_sort", "array_sort(array) - Sorts the array ascending, nulls last.",
              ArrayUnary("array_sort", "tarn_array_sort"), "2.4.0");
  t.AddScalar("flatten", "flatten(arrayOfArrays) - Transforms an array of arrays into a single array.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("flatten", args, 1, 1));
                ARROW_RETURN_NOT_OK(NeedArray("flatten", 0, args[0].type));
                ARROW_RETURN_NOT_OK(NeedArray("flatten", 0, ElementOf(args[0].type)));
                return Fixed({args[0].type}, ElementOf(args[0].type), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return cp::call("tarn_flatten", std::move(x));
                });
              }, "2.4.0");
  t.AddScalar("sort_array", "sort_array(array[, ascendingOrder]) - Sorts the array ascending (nulls first) or descending (nulls last).",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("sort_array", args, 1, 2));
                ARROW_RETURN_NOT_OK(NeedArray("sort_array", 0, args[0].type));
                bool asc = true;
                if (args.size() == 2) {
                  if (!args[1].literal || args[1].literal->type->id() != arrow::Type::BOOL || !args[1].literal->is_valid) {
                    return UserError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "The ascendingOrder of sort_array must be a boolean literal.");
                  }
                  asc = static_cast<const arrow::BooleanScalar&>(*args[1].literal).value;
                }
                std::vector<TypePtr> types = {args[0].type};
                if (args.size() == 2) types.push_back(arrow::boolean());
                return Fixed(types, args[0].type, [asc](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return cp::call(asc ? "tarn_sort_array_asc" : "tarn_sort_array_desc", {x[0]});
                });
              });
  t.AddScalar("array_union", "array_union(array1, array2) - Returns the elements of either array, without duplicates.",
              ArrayPair("array_union", "tarn_array_union", nullptr), "2.4.0");
  t.AddScalar("array_intersect", "array_intersect(array1, array2) - Returns the elements of both arrays, without duplicates.",
              ArrayPair("array_intersect", "tarn_array_intersect", nullptr), "2.4.0");
  t.AddScalar("array_except", "array_except(array1, array2) - Returns the elements of array1 not in array2, without duplicates.",
              ArrayPair("array_except", "tarn_array_except", nullptr), "2.4.0");
  t.AddScalar("arrays_overlap", "arrays_overlap(a1, a2) - Returns true if a1 and a2 have a common non-null element.",
              ArrayPair("arrays_overlap", "tarn_arrays_overlap", arrow::boolean()), "2.4.0");
  t.AddScalar("slice", "slice(x, start, length) - Returns `length` elements of array `x` from index `start` (1-based; negative counts from the end).",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("slice", args, 3, 3));
                ARROW_RETURN_NOT_OK(NeedArray("slice", 0, args[0].type));
                return Fixed({args[0].type, arrow::int32(), arrow::int32()}, args[0].type, [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return cp::call("tarn_slice", std::move(x));
                });
              }, "2.4.0");
  t.AddScalar("array_join", "array_join(array, delimiter[, nullReplacement]) - Concatenates the elements of the array with the delimiter, skipping nulls unless nullReplacement is given.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("array_join", args, 2, 3));
                ARROW_RETURN_NOT_OK(NeedArray("array_join", 0, args[0].type));
                std::vector<TypePtr> types = {arrow::list(arrow::utf8()), arrow::utf8()};
                if (args.size() == 3) types.push_back(arrow::utf8());
                return Fixed(types, arrow::utf8(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  std::string kernel = x.size() == 3 ? "tarn_array_join3" : "tarn_array_join";
                  return cp::call(kernel, std::move(x));
                });
              }, "2.4.0");
  t.AddScalar("sequence", "sequence(start, stop[, step]) - Returns the integers from `start` to `stop` (inclusive) by `step`.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("sequence", args, 2, 3));
                for (size_t i = 0; i < args.size(); ++i) {
                  if (!IsIntegral(*args[i].type) && !IsNull(*args[i].type)) return TypeMismatch("sequence", i, "integral", args[i].type);
                }
                std::vector<TypePtr> types(args.size(), arrow::int64());
                return Fixed(types, arrow::list(arrow::int64()), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  std::string kernel = x.size() == 3 ? "tarn_sequence3" : "tarn_sequence";
                  return cp::call(kernel, std::move(x));
                });
              }, "2.4.0");
  t.AddScalar("array_size", "array_size(expr) - Returns the size of an array.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("array_size", args, 1, 1));
                ARROW_RETURN_NOT_OK(NeedArray("array_size", 0, args[0].type));
                return Fixed({args[0].type}, arrow::int32(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return CastExpr(cp::call("list_value_length", {x[0]}), arrow::int32());
                });
              }, "3.3.0");
  // Maps.
  t.AddScalar("map", "map(key0, value0, key1, value1, ...) - Creates a map with the given key/value pairs.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                if (args.size() % 2 != 0) {
                  return UserError("WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "The `map` requires an even number of parameters but the actual number is {}.", args.size());
                }
                ARROW_ASSIGN_OR_RAISE(auto key, CommonOf(args, 0, 2));
                ARROW_ASSIGN_OR_RAISE(auto value, CommonOf(args, 1, 2));
                if (IsNull(*key)) key = arrow::utf8();
                TypePtr map = arrow::map(key, value);
                std::vector<TypePtr> types;
                for (size_t i = 0; i < args.size(); ++i) types.push_back(i % 2 == 0 ? key : value);
                auto b = Fixed(types, map, [map](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return cp::call("tarn_make_map", std::move(x), cp::CastOptions::Safe(map));
                });
                b.nullable = false;
                return b;
              });
  t.AddScalar("map_from_arrays", "map_from_arrays(keys, values) - Creates a map from a pair of arrays of keys and values.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("map_from_arrays", args, 2, 2));
                ARROW_RETURN_NOT_OK(NeedArray("map_from_arrays", 0, args[0].type));
                ARROW_RETURN_NOT_OK(NeedArray("map_from_arrays", 1, args[1].type));
                TypePtr map = arrow::map(ElementOf(args[0].type), ElementOf(args[1].type));
                return Fixed({args[0].type, args[1].type}, map, [map](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return cp::call("tarn_map_from_arrays", std::move(x), cp::CastOptions::Safe(map));
                });
              }, "2.4.0");
  for (const char* name : {"map_keys", "map_values"}) {
    std::string n = name;
    t.AddScalar(name, fmt::format("{}(map) - Returns an unordered array of the map's {}.", name, n == "map_keys" ? "keys" : "values"),
                [n](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                  ARROW_RETURN_NOT_OK(ExpectArgs(n, args, 1, 1));
                  if (args[0].type->id() != arrow::Type::MAP) return TypeMismatch(n, 0, "\"MAP\"", args[0].type);
                  const auto& m = static_cast<const arrow::MapType&>(*args[0].type);
                  TypePtr list = arrow::list(n == "map_keys" ? m.key_type() : m.item_type());
                  std::string kernel = "tarn_" + n;
                  return Fixed({args[0].type}, list, [kernel, list](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                    return cp::call(kernel, std::move(x), cp::CastOptions::Safe(list));
                  });
                });
  }
  t.AddScalar("map_contains_key", "map_contains_key(map, key) - Returns true if the map contains the key.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("map_contains_key", args, 2, 2));
                if (args[0].type->id() != arrow::Type::MAP) return TypeMismatch("map_contains_key", 0, "\"MAP\"", args[0].type);
                TypePtr key = static_cast<const arrow::MapType&>(*args[0].type).key_type();
                return Fixed({args[0].type, key}, arrow::boolean(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return cp::call("tarn_map_contains_key", std::move(x));
                });
              }, "3.3.0");
}

void AddGeneratorFunctions(FunctionTable& t) {
  // explode(array) -> col; explode(map) -> (key, value); posexplode adds pos; inline(array<struct>)
  // -> the struct's fields. The bound type is one generated row; `lower` passes the input through.
  auto generator = [](std::string name, bool with_position, bool is_inline) -> ScalarBinder {
    return [=](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
      ARROW_RETURN_NOT_OK(ExpectArgs(name, args, 1, 1));
      const TypePtr& in = args[0].type;
      arrow::FieldVector fields;
      if (with_position) fields.push_back(arrow::field("pos", arrow::int32()));
      if (in->id() == arrow::Type::LIST) {
        TypePtr element = ElementOf(in);
        if (is_inline) {
          if (element->id() != arrow::Type::STRUCT) return TypeMismatch(name, 0, "\"ARRAY<STRUCT>\"", in);
          for (const auto& f : element->fields()) fields.push_back(f);
        } else {
          fields.push_back(arrow::field("col", element));
        }
      } else if (in->id() == arrow::Type::MAP && !is_inline) {
        const auto& m = static_cast<const arrow::MapType&>(*in);
        fields.push_back(arrow::field("key", m.key_type()));
        fields.push_back(arrow::field("value", m.item_type()));
      } else {
        return TypeMismatch(name, 0, is_inline ? "\"ARRAY<STRUCT>\"" : "(\"ARRAY\" or \"MAP\")", in);
      }
      TypePtr row = fields.size() == 1 && !is_inline ? fields[0]->type() : arrow::struct_(fields);
      return Fixed({in}, row, [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> { return x[0]; });
    };
  };
  t.AddGenerator("explode", "explode(expr) - Separates the elements of array `expr` into multiple rows, or the elements of map `expr` into multiple rows and columns (key, value).",
                 generator("explode", false, false));
  t.AddGenerator("explode_outer", "explode_outer(expr) - Like explode, but yields one row of NULLs for a NULL or empty `expr`.",
                 generator("explode_outer", false, false));
  t.AddGenerator("posexplode", "posexplode(expr) - Like explode, with the position of each element as column `pos`.",
                 generator("posexplode", true, false));
  t.AddGenerator("posexplode_outer", "posexplode_outer(expr) - Like posexplode, but yields one row of NULLs for a NULL or empty `expr`.",
                 generator("posexplode_outer", true, false));
  t.AddGenerator("inline", "inline(expr) - Explodes an array of structs into a table, one column per field.",
                 generator("inline", false, true));
  t.AddGenerator("inline_outer", "inline_outer(expr) - Like inline, but yields one row of NULLs for a NULL or empty `expr`.",
                 generator("inline_outer", false, true));
}

}  // namespace tarn::sql::functions_internal
