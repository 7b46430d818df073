// Operators: arithmetic with Spark's ANSI overflow and decimal rules, comparisons with implicit
// casts, three-valued logic, LIKE / RLIKE, BETWEEN, string concatenation, bitwise operators.
#include <arrow/api.h>
#include <fmt/format.h>

#include "errors/error_class.h"
#include "sql/functions/functions_internal.h"

namespace tarn::sql::functions_internal {

namespace {

const arrow::Decimal128Type& Dec(const TypePtr& t) { return static_cast<const arrow::Decimal128Type&>(*t); }

arrow::Status OperandMismatch(const std::string& op, const TypePtr& a, const TypePtr& b) {
  return UserError("DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES",
                   "Cannot resolve \"{}\" due to data type mismatch: the left and right operands of the binary "
                   "operator have incompatible types (\"{}\" and \"{}\").",
                   op, SqlTypeName(*a), SqlTypeName(*b));
}

// Spark gives an integer literal the narrowest decimal holding it (2 -> decimal(1,0)), a column
// the decimal of its type (int -> decimal(10,0)).
TypePtr DecimalForIntegralArg(const ArgumentInfo& arg) {
  if (arg.literal && arg.literal->is_valid) {
    auto v = arg.literal->CastTo(arrow::int64());
    if (v.ok()) {
      int64_t x = static_cast<const arrow::Int64Scalar&>(**v).value;
      std::string digits = std::to_string(x < 0 ? -(x + 1) + 1 : x);
      return arrow::decimal128(static_cast<int>(digits.size()), 0);
    }
  }
  return DecimalForIntegral(*arg.type);
}

// The type both operands of an arithmetic operator are cast to (before Spark's result rules).
arrow::Result<TypePtr> ArithmeticOperandType(const std::string& op, TypePtr a, TypePtr b) {
  if (IsNull(*a) && IsNull(*b)) return arrow::float64();
  if (IsNull(*a)) a = b;
  if (IsNull(*b)) b = a;
  if (IsString(*a) && IsNumeric(*b)) a = IsIntegral(*b) ? arrow::int64() : b;
  if (IsString(*b) && IsNumeric(*a)) b = IsIntegral(*a) ? arrow::int64() : a;
  if (IsString(*a) && IsString(*b)) a = b = arrow::float64();
  if (!IsNumeric(*a) || !IsNumeric(*b)) return OperandMismatch(op, a, b);
  return WiderNumeric(a, b);
}

// The tarn kernel computing `op` ("tarn_add", "tarn_try_divide", ...).
std::string KernelFor(const std::string& op, bool try_mode) {
  std::string base = op == "+" ? "add" : op == "-" ? "subtract" : op == "*" ? "multiply" : op == "/" ? "divide"
                     : op == "%" ? "remainder" : op == "pmod" ? "pmod" : "div";
  return (try_mode ? "tarn_try_" : "tarn_") + base;
}

ScalarBinder Arithmetic(const std::string& op, bool try_mode = false) {
  const std::string kernel = KernelFor(op, try_mode);
  return [op, kernel](const std::vector<ArgumentInfo>& args, const BindContext&, const Registry&)
             -> arrow::Result<BoundScalarFunction> {
    ARROW_RETURN_NOT_OK(ExpectArgs(op, args, 2, 2));
    TypePtr a = args[0].type, b = args[1].type;
    // Dates and timestamps: date +/- days, date/timestamp +/- interval.
    const bool a_time = IsTemporal(*a), b_time = IsTemporal(*b);
    if ((op == "+" || op == "-") && (a_time || b_time)) {
      if (a_time && b->id() == arrow::Type::INTERVAL_MONTH_DAY_NANO) {
        return Fixed({a, b}, a, [op](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
          if (op == "+") return cp::call("tarn_add_interval", {x[0], x[1]});
          return cp::call("tarn_add_interval", {x[0], cp::call("tarn_negate_interval", {x[1]})});
        });
      }
      if (op == "+" && b_time && a->id() == arrow::Type::INTERVAL_MONTH_DAY_NANO) {
        return Fixed({a, b}, b, [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
          return cp::call("tarn_add_interval", {x[1], x[0]});
        });
      }
      if (a->id() == arrow::Type::DATE32 && (IsIntegral(*b) || IsNull(*b))) {
        return Fixed({a, arrow::int32()}, arrow::date32(), [op](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
          auto days = CastExpr(x[0], arrow::int32());
          return CastExpr(cp::call(op == "+" ? "add_checked" : "subtract_checked", {days, x[1]}), arrow::date32());
        });
      }
      if (op == "+" && b->id() == arrow::Type::DATE32 && IsIntegral(*a)) {
        return Fixed({arrow::int32(), b}, arrow::date32(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
          return CastExpr(cp::call("add_checked", {CastExpr(x[1], arrow::int32()), x[0]}), arrow::date32());
        });
      }
      return OperandMismatch(op, a, b);
    }
    if (op == "div") {
      ARROW_ASSIGN_OR_RAISE(auto t, ArithmeticOperandType(op, a, b));
      if (IsDecimal(*t)) {
        TypePtr da = IsDecimal(*a) ? a : IsIntegral(*a) ? DecimalForIntegralArg(args[0]) : t;
        TypePtr db = IsDecimal(*b) ? b : IsIntegral(*b) ? DecimalForIntegralArg(args[1]) : t;
        return Fixed({da, db}, arrow::int64(), [kernel](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
          return cp::call(kernel, {x[0], x[1]}, cp::CastOptions::Safe(arrow::int64()));
        });
      }
      if (!IsIntegral(*t)) return OperandMismatch(op, a, b);
      return Fixed({arrow::int64(), arrow::int64()}, arrow::int64(),
                   [kernel](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                     return cp::call(kernel, {x[0], x[1]});
                   });
    }
    ARROW_ASSIGN_OR_RAISE(auto t, ArithmeticOperandType(op, a, b));
    if (op == "/" && !IsDecimal(*t)) t = arrow::float64();
    if (IsDecimal(*t)) {
      // Each side keeps its own precision (ints become their decimal form); the result follows
      // Spark's rules.
      TypePtr da = IsDecimal(*a) ? a : IsIntegral(*a) ? DecimalForIntegralArg(args[0]) : t;
      TypePtr db = IsDecimal(*b) ? b : IsIntegral(*b) ? DecimalForIntegralArg(args[1]) : t;
      const auto& x = Dec(da);
      const auto& y = Dec(db);
      int p1 = x.precision(), s1 = x.scale(), p2 = y.precision(), s2 = y.scale();
      TypePtr result;
      if (op == "+" || op == "-") {
        int scale = std::max(s1, s2);
        result = AdjustedDecimal(std::max(p1 - s1, p2 - s2) + scale + 1, scale);
      } else if (op == "*") {
        result = AdjustedDecimal(p1 + p2 + 1, s1 + s2);
      } else if (op == "/") {
        int scale = std::max(6, s1 + p2 + 1);
        result = AdjustedDecimal(p1 - s1 + s2 + scale, scale);
      } else {  // %
        int scale = std::max(s1, s2);
        result = AdjustedDecimal(std::min(p1 - s1, p2 - s2) + scale, scale);
      }
      return Fixed({da, db}, result, [kernel, result](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
        return cp::call(kernel, {x[0], x[1]}, cp::CastOptions::Safe(result));
      });
    }
    return Fixed({t, t}, t, [kernel](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
      return cp::call(kernel, {x[0], x[1]});
    });
  };
}

ScalarBinder Comparison(const std::string& op, const std::string& arrow_fn) {
  return [op, arrow_fn](const std::vector<ArgumentInfo>& args, const BindContext&, const Registry&)
             -> arrow::Result<BoundScalarFunction> {
    ARROW_RETURN_NOT_OK(ExpectArgs(op, args, 2, 2));
    auto common = CommonTypeOf(args[0].type, args[1].type);
    if (!common.ok()) return OperandMismatch(op, args[0].type, args[1].type);
    TypePtr t = *common;
    if (IsNull(*t)) t = arrow::boolean();
    BoundScalarFunction b = Fixed({t, t}, arrow::boolean(), nullptr);
    if (op == "<=>") {
      b.nullable = false;
      b.lower = [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
        auto an = cp::call("is_null", {x[0]});
        auto bn = cp::call("is_null", {x[1]});
        return cp::call("if_else", {cp::call("or", {an, bn}), cp::call("and", {an, bn}),
                                    cp::call("equal", {x[0], x[1]})});
      };
      return b;
    }
    b.lower = [arrow_fn](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
      return cp::call(arrow_fn, {x[0], x[1]});
    };
    return b;
  };
}

ScalarBinder Logical(const std::string& name) {
  return [name](const std::vector<ArgumentInfo>& args, const BindContext&, const Registry&)
             -> arrow::Result<BoundScalarFunction> {
    size_t n = name == "not" ? 1 : 2;
    ARROW_RETURN_NOT_OK(ExpectArgs(name, args, n, n));
    for (size_t i = 0; i < n; ++i) {
      if (!IsNull(*args[i].type) && args[i].type->id() != arrow::Type::BOOL) {
        return TypeMismatch(name, i, "\"BOOLEAN\"", args[i].type);
      }
    }
    std::vector<TypePtr> types(n, arrow::boolean());
    return Fixed(types, arrow::boolean(), [name](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
      if (name == "not") return cp::call("invert", {x[0]});
      return cp::call(name == "and" ? "and_kleene" : "or_kleene", {x[0], x[1]});
    });
  };
}

ScalarBinder Like(const std::string& name) {
  return [name](const std::vector<ArgumentInfo>& args, const BindContext&, const Registry&)
             -> arrow::Result<BoundScalarFunction> {
    ARROW_RETURN_NOT_OK(ExpectArgs(name, args, 2, 3));
    if (!args[1].literal) {
      return UserError("UNSUPPORTED_FEATURE.NON_LITERAL_PATTERN",
                       "The pattern of {} must be a constant string in tarn for now.", name);
    }
    if (!args[1].literal->is_valid) {
      return Fixed({arrow::utf8(), arrow::utf8()}, arrow::boolean(),
                   [](std::vector<cp::Expression>) -> arrow::Result<cp::Expression> { return NullOf(arrow::boolean()); });
    }
    std::string pattern = LiteralString(args[1]);
    if (args.size() == 3) {
      std::string escape = LiteralString(args[2]);
      if (escape.size() != 1) {
        return UserError("INVALID_ESCAPE_CHAR", "The escape character must be a single character, got '{}'.", escape);
      }
      if (escape != "\\") {
        // Re-spell the pattern with backslash as the escape character.
        std::string converted;
        for (size_t i = 0; i < pattern.size(); ++i) {
          if (pattern[i] == escape[0] && i + 1 < pattern.size()) {
            converted += '\\';
            converted += pattern[++i];
          } else if (pattern[i] == '\\') {
            converted += "\\\\";
          } else {
            converted += pattern[i];
          }
        }
        pattern = converted;
      }
    }
    std::vector<TypePtr> types = {arrow::utf8(), arrow::utf8()};
    if (args.size() == 3) types.push_back(arrow::utf8());
    return Fixed(types, arrow::boolean(), [name, pattern](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
      if (name == "rlike") return cp::call("match_substring_regex", {x[0]}, cp::MatchSubstringOptions(pattern));
      return cp::call("match_like", {x[0]}, cp::MatchSubstringOptions(pattern, name == "ilike"));
    });
  };
}

}  // namespace

void AddOperatorFunctions(FunctionTable& t) {
  for (std::string op : {"+", "-", "*", "/", "%", "div"}) {
    t.AddScalar(op, fmt::format("expr1 {} expr2 - Returns the result of `expr1` {} `expr2`.", op, op), Arithmetic(op));
  }
  t.AddAlias("mod", "%");
  t.AddScalar("pmod", "pmod(expr1, expr2) - Returns the positive value of `expr1` mod `expr2`.", Arithmetic("pmod"));
  const std::pair<const char*, const char*> tries[] = {
      {"try_add", "+"}, {"try_subtract", "-"}, {"try_multiply", "*"}, {"try_divide", "/"}, {"try_mod", "%"}};
  for (const auto& [name, op] : tries) {
    t.AddScalar(name, fmt::format("{}(expr1, expr2) - Returns `expr1` {} `expr2`, or NULL on overflow or a zero divisor.", name, op),
                Arithmetic(op, true), "3.2.0");
  }
  t.AddScalar("negative", "negative(expr) - Returns the negated value of `expr`.",
              [](const std::vector<ArgumentInfo>& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("negative", args, 1, 1));
                TypePtr t = IsNull(*args[0].type) ? arrow::float64() : args[0].type;
                if (!IsNumeric(*t) && t->id() != arrow::Type::INTERVAL_MONTH_DAY_NANO) return TypeMismatch("negative", 0, "numeric", t);
                bool integral = IsIntegral(*t);
                return Fixed({t}, t, [integral, t](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  if (t->id() == arrow::Type::INTERVAL_MONTH_DAY_NANO) return cp::call("tarn_negate_interval", {x[0]});
                  return cp::call(integral ? "tarn_negate" : "negate", {x[0]});
                });
              });
  t.AddScalar("positive", "positive(expr) - Returns the value of `expr`.",
              [](const std::vector<ArgumentInfo>& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("positive", args, 1, 1));
                return Fixed({args[0].type}, args[0].type,
                             [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> { return x[0]; });
              });
  const std::pair<const char*, const char*> comparisons[] = {{"=", "equal"},         {"==", "equal"},
                                                             {"<>", "not_equal"},    {"!=", "not_equal"},
                                                             {"<", "less"},          {"<=", "less_equal"},
                                                             {">", "greater"},       {">=", "greater_equal"},
                                                             {"<=>", "equal"}};
  for (const auto& [op, fn] : comparisons) {
    t.AddScalar(op, fmt::format("expr1 {} expr2 - Compares `expr1` and `expr2`.", op), Comparison(op, fn));
  }
  t.AddScalar("equal_null", "equal_null(expr1, expr2) - Like `=`, but NULL equals NULL.", Comparison("<=>", "equal"), "3.4.0");
  for (const char* op : {"and", "or", "not"}) {
    t.AddScalar(op, fmt::format("{} - Logical {} with SQL's three-valued logic.", op, op), Logical(op));
  }
  t.AddAlias("!", "not");
  for (const char* name : {"like", "ilike", "rlike"}) {
    t.AddScalar(name, fmt::format("str {} pattern - Returns true if `str` matches `pattern`.", name), Like(name));
  }
  t.AddAlias("regexp", "rlike");
  t.AddAlias("regexp_like", "rlike");
  auto null_test = [](const std::string& name) -> ScalarBinder {
    return [name](const std::vector<ArgumentInfo>& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
      ARROW_RETURN_NOT_OK(ExpectArgs(name, args, 1, 1));
      auto b = Fixed({args[0].type}, arrow::boolean(), [name](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
        return cp::call(name == "isnull" ? "is_null" : "is_valid", {x[0]});
      });
      b.nullable = false;
      return b;
    };
  };
  t.AddScalar("isnull", "isnull(expr) - Returns true if `expr` is null.", null_test("isnull"));
  t.AddScalar("isnotnull", "isnotnull(expr) - Returns true if `expr` is not null.", null_test("isnotnull"));
  auto truth_test = [](const std::string& name) -> ScalarBinder {
    return [name](const std::vector<ArgumentInfo>& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
      ARROW_RETURN_NOT_OK(ExpectArgs(name, args, 1, 1));
      auto b = Fixed({arrow::boolean()}, arrow::boolean(), [name](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
        auto f = cp::literal(false);
        if (name == "is_true") return cp::call("coalesce", {x[0], f});
        if (name == "is_not_true") return cp::call("invert", {cp::call("coalesce", {x[0], f})});
        if (name == "is_false") return cp::call("coalesce", {cp::call("invert", {x[0]}), f});
        return cp::call("invert", {cp::call("coalesce", {cp::call("invert", {x[0]}), f})});
      });
      b.nullable = false;
      return b;
    };
  };
  for (const char* name : {"is_true", "is_not_true", "is_false", "is_not_false"}) {
    t.AddScalar(name, fmt::format("{}(expr) - expr IS [NOT] TRUE / FALSE.", name), truth_test(name));
  }
  t.AddScalar("between", "expr1 [NOT] BETWEEN expr2 AND expr3 - Whether `expr1` is within [`expr2`, `expr3`].",
              [](const std::vector<ArgumentInfo>& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("between", args, 3, 3));
                ARROW_ASSIGN_OR_RAISE(auto t1, CommonTypeOf(args[0].type, args[1].type));
                ARROW_ASSIGN_OR_RAISE(auto t, CommonTypeOf(t1, args[2].type));
                return Fixed({t, t, t}, arrow::boolean(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return cp::call("and_kleene", {cp::call("greater_equal", {x[0], x[1]}), cp::call("less_equal", {x[0], x[2]})});
                });
              });
  t.AddScalar("||", "expr1 || expr2 - Returns the concatenation of `expr1` and `expr2`.",
              [](const std::vector<ArgumentInfo>& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("||", args, 2, 2));
                return Fixed({arrow::utf8(), arrow::utf8()}, arrow::utf8(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return cp::call("binary_join_element_wise", {x[0], x[1], cp::literal("")});
                });
              });
  const std::pair<const char*, const char*> bitwise[] = {{"&", "bit_wise_and"}, {"|", "bit_wise_or"}, {"^", "bit_wise_xor"}};
  for (const auto& [op, fn] : bitwise) {
    std::string arrow_fn = fn, name = op;
    t.AddScalar(op, fmt::format("expr1 {} expr2 - Bitwise {}.", op, fn + 8),
                [arrow_fn, name](const std::vector<ArgumentInfo>& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                  ARROW_RETURN_NOT_OK(ExpectArgs(name, args, 2, 2));
                  ARROW_ASSIGN_OR_RAISE(auto t, CommonTypeOf(args[0].type, args[1].type));
                  if (!IsIntegral(*t)) return OperandMismatch(name, args[0].type, args[1].type);
                  return Fixed({t, t}, t, [arrow_fn](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                    return cp::call(arrow_fn, {x[0], x[1]});
                  });
                });
  }
  t.AddScalar("~", "~ expr - Bitwise NOT.",
              [](const std::vector<ArgumentInfo>& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("~", args, 1, 1));
                if (!IsIntegral(*args[0].type)) return TypeMismatch("~", 0, "integral", args[0].type);
                return Fixed({args[0].type}, args[0].type, [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return cp::call("bit_wise_not", {x[0]});
                });
              });
}

}  // namespace tarn::sql::functions_internal
