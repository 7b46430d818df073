// Conditional and NULL functions, type and session information.
#include <arrow/api.h>
#include <fmt/format.h>

#include "errors/error_class.h"
#include "sql/functions/functions_internal.h"
#include "sql/plan/identifier.h"
#include "sql/plan/data_type.h"

namespace tarn::sql::functions_internal {

namespace {

using Args = std::vector<ArgumentInfo>;

arrow::Result<TypePtr> CommonOf(const Args& args, size_t from = 0) {
  TypePtr t = arrow::null();
  for (size_t i = from; i < args.size(); ++i) {
    ARROW_ASSIGN_OR_RAISE(t, CommonTypeOf(t, args[i].type));
  }
  return t;
}

ScalarBinder ConstantString(std::string name, std::function<std::string(const BindContext&)> value) {
  return [=](const Args& args, const BindContext& ctx, const Registry&) -> arrow::Result<BoundScalarFunction> {
    ARROW_RETURN_NOT_OK(ExpectArgs(name, args, 0, 0));
    std::string v = value(ctx);
    auto b = Fixed({}, arrow::utf8(), [v](std::vector<cp::Expression>) -> arrow::Result<cp::Expression> { return cp::literal(v); });
    b.nullable = false;
    return b;
  };
}

}  // namespace

void AddConditionalFunctions(FunctionTable& t) {
  t.AddScalar("coalesce", "coalesce(expr1, expr2, ...) - Returns the first non-null argument if exists. Otherwise, null.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("coalesce", args, 1, SIZE_MAX));
                ARROW_ASSIGN_OR_RAISE(auto ty, CommonOf(args));
                std::vector<TypePtr> types(args.size(), ty);
                return Fixed(types, ty, [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  if (x.size() == 1) return x[0];
                  return cp::call("coalesce", std::move(x));
                });
              });
  for (const char* name : {"nvl", "ifnull"}) {
    std::string n = name;
    t.AddScalar(name, fmt::format("{}(expr1, expr2) - Returns `expr2` if `expr1` is null, or `expr1` otherwise.", name),
                [n](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                  ARROW_RETURN_NOT_OK(ExpectArgs(n, args, 2, 2));
                  ARROW_ASSIGN_OR_RAISE(auto ty, CommonOf(args));
                  return Fixed({ty, ty}, ty, [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                    return cp::call("coalesce", std::move(x));
                  });
                });
  }
  t.AddScalar("nvl2", "nvl2(expr1, expr2, expr3) - Returns `expr2` if `expr1` is not null, or `expr3` otherwise.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("nvl2", args, 3, 3));
                ARROW_ASSIGN_OR_RAISE(auto ty, CommonOf(args, 1));
                return Fixed({args[0].type, ty, ty}, ty, [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return cp::call("if_else", {cp::call("is_valid", {x[0]}), x[1], x[2]});
                });
              });
  t.AddScalar("nullif", "nullif(expr1, expr2) - Returns null if `expr1` equals to `expr2`, or `expr1` otherwise.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("nullif", args, 2, 2));
                ARROW_ASSIGN_OR_RAISE(auto ty, CommonOf(args));
                return Fixed({ty, ty}, ty, [ty](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  auto eq = cp::call("coalesce", {cp::call("equal", {x[0], x[1]}), cp::literal(false)});
                  return cp::call("if_else", {eq, NullOf(ty), x[0]});
                });
              });
  t.AddScalar("if", "if(expr1, expr2, expr3) - If `expr1` evaluates to true, then returns `expr2`; otherwise returns `expr3`.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("if", args, 3, 3));
                if (args[0].type->id() != arrow::Type::BOOL && !IsNull(*args[0].type)) {
                  return TypeMismatch("if", 0, "\"BOOLEAN\"", args[0].type);
                }
                ARROW_ASSIGN_OR_RAISE(auto ty, CommonOf(args, 1));
                return Fixed({arrow::boolean(), ty, ty}, ty, [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  // A NULL condition takes the ELSE branch, as in Spark.
                  return cp::call("if_else", {cp::call("coalesce", {x[0], cp::literal(false)}), x[1], x[2]});
                });
              });
  t.AddScalar("typeof", "typeof(expr) - Return DDL-formatted type string for the data type of the input.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("typeof", args, 1, 1));
                std::string name = SparkTypeName(*args[0].type);
                auto b = Fixed({args[0].type}, arrow::utf8(), [name](std::vector<cp::Expression>) -> arrow::Result<cp::Expression> {
                  return cp::literal(name);
                });
                b.nullable = false;
                return b;
              });
  t.AddScalar("assert_true", "assert_true(expr[, message]) - Throws an exception if `expr` is not true.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("assert_true", args, 1, 2));
                std::vector<TypePtr> types = {arrow::boolean()};
                if (args.size() == 2) types.push_back(arrow::utf8());
                return Fixed(types, arrow::null(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return cp::call("tarn_assert_true", {x[0]});
                });
              });
  t.AddScalar("current_catalog", "current_catalog() - Returns the current catalog.",
              ConstantString("current_catalog", [](const BindContext& c) { return c.current_catalog; }));
  t.AddScalar("current_database", "current_database() - Returns the current database (schema).",
              ConstantString("current_database", [](const BindContext& c) { return c.current_schema; }));
  t.AddAlias("current_schema", "current_database");
  t.AddScalar("current_user", "current_user() - Returns the user name of the current execution context.",
              ConstantString("current_user", [](const BindContext&) {
                const char* user = std::getenv("USER");
                return std::string(user ? user : "tarn");
              }));
  t.AddAlias("user", "current_user");
  t.AddAlias("session_user", "current_user");
  t.AddScalar("version", "version() - Returns the tarn version and the Spark version it follows.",
              ConstantString("version", [](const BindContext&) { return std::string("4.0.0 tarn"); }));
}

void AddCollectionFunctions(FunctionTable& t) {
  t.AddScalar("struct", "struct(col1, col2, col3, ...) - Creates a struct with the given field values.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                std::vector<TypePtr> types;
                arrow::FieldVector fields;
                std::vector<std::string> names;
                for (size_t i = 0; i < args.size(); ++i) {
                  types.push_back(args[i].type);
                  names.push_back(fmt::format("col{}", i + 1));
                  fields.push_back(arrow::field(names.back(), args[i].type));
                }
                auto b = Fixed(types, arrow::struct_(fields), [names](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return cp::call("make_struct", std::move(x), cp::MakeStructOptions(names));
                });
                b.nullable = false;
                return b;
              });
  t.AddScalar("named_struct", "named_struct(name1, val1, name2, val2, ...) - Creates a struct with the given field names and values.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                if (args.size() % 2 != 0) {
                  return UserError("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                                   "The `named_struct` requires an even number of parameters but the actual number is {}.", args.size());
                }
                std::vector<TypePtr> types;
                arrow::FieldVector fields;
                std::vector<std::string> names;
                for (size_t i = 0; i < args.size(); i += 2) {
                  std::string name = LiteralString(args[i]);
                  if (name.empty()) {
                    return UserError("DATATYPE_MISMATCH.CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING",
                                     "Only foldable STRING expressions are allowed to appear at odd position.");
                  }
                  types.push_back(arrow::utf8());
                  types.push_back(args[i + 1].type);
                  names.push_back(name);
                  fields.push_back(arrow::field(name, args[i + 1].type));
                }
                auto b = Fixed(types, arrow::struct_(fields), [names](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  std::vector<cp::Expression> values;
                  for (size_t i = 1; i < x.size(); i += 2) values.push_back(x[i]);
                  return cp::call("make_struct", std::move(values), cp::MakeStructOptions(names));
                });
                b.nullable = false;
                return b;
              });
  t.AddScalar("get_struct_field", "expr.field - Returns the named field of a struct.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("get_struct_field", args, 2, 2));
                if (args[0].type->id() != arrow::Type::STRUCT) return TypeMismatch("get_struct_field", 0, "\"STRUCT\"", args[0].type);
                std::string name = LiteralString(args[1]);
                const auto& st = static_cast<const arrow::StructType&>(*args[0].type);
                int index = -1;
                for (int i = 0; i < st.num_fields(); ++i) {
                  if (NameEquals(st.field(i)->name(), name)) index = i;
                }
                if (index < 0) {
                  return UserError("FIELD_NOT_FOUND", "No such struct field `{}` in {}.", name, SqlTypeName(*args[0].type));
                }
                return Fixed({args[0].type, arrow::utf8()}, st.field(index)->type(), [index](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return cp::call("struct_field", {x[0]}, cp::StructFieldOptions({index}));
                });
              });
  t.AddScalar("size", "size(expr) - Returns the size of an array or a map.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("size", args, 1, 1));
                auto id = args[0].type->id();
                if (id != arrow::Type::LIST && id != arrow::Type::MAP && !IsNull(*args[0].type)) {
                  return TypeMismatch("size", 0, "\"ARRAY\" or \"MAP\"", args[0].type);
                }
                return Fixed({args[0].type}, arrow::int32(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return CastExpr(cp::call("list_value_length", {x[0]}), arrow::int32());
                });
              });
  t.AddAlias("cardinality", "size");
  t.AddScalar("subscript", "expr[index] - Returns the element of an array at the 0-based `index`.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("subscript", args, 2, 2));
                if (args[0].type->id() == arrow::Type::MAP) {
                  const auto& m = static_cast<const arrow::MapType&>(*args[0].type);
                  return Fixed({args[0].type, m.key_type()}, m.item_type(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                    return cp::call("tarn_map_get", std::move(x));
                  });
                }
                if (args[0].type->id() != arrow::Type::LIST) return TypeMismatch("subscript", 0, "\"ARRAY\"", args[0].type);
                if (!args[1].literal) {
                  return UserError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "The array index must be a constant in tarn for now.");
                }
                auto item = args[0].type->field(0)->type();
                return Fixed({args[0].type, arrow::int32()}, item, [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return cp::call("tarn_list_element", {x[0], x[1]});
                });
              });
  t.AddScalar("element_at", "element_at(array, index) - Returns the element of `array` at the 1-based `index`.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("element_at", args, 2, 2));
                if (args[0].type->id() == arrow::Type::MAP) {
                  const auto& m = static_cast<const arrow::MapType&>(*args[0].type);
                  return Fixed({args[0].type, m.key_type()}, m.item_type(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                    return cp::call("tarn_map_get", std::move(x));
                  });
                }
                if (args[0].type->id() != arrow::Type::LIST) return TypeMismatch("element_at", 0, "\"ARRAY\"", args[0].type);
                auto item = args[0].type->field(0)->type();
                return Fixed({args[0].type, arrow::int32()}, item, [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  // 1-based from the front, -1 is the last element.
                  auto index = cp::call("if_else", {cp::call("greater", {x[1], cp::literal(0)}),
                                                    cp::call("subtract", {x[1], cp::literal(1)}), x[1]});
                  return cp::call("tarn_list_element", {x[0], index});
                });
              });
}

}  // namespace tarn::sql::functions_internal
