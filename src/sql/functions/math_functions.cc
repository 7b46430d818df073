// Math functions on Arrow's arithmetic kernels; Spark's NULL for logarithms of non-positive
// values, HALF_UP rounding, and integral results of ceil / floor.
#include <cmath>

#include <arrow/api.h>
#include <fmt/format.h>

#include "errors/error_class.h"
#include "sql/functions/functions_internal.h"

namespace tarn::sql::functions_internal {

namespace {

using Args = std::vector<ArgumentInfo>;

ScalarBinder DoubleFn(std::string name, std::string arrow_fn) {
  return [=](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
    ARROW_RETURN_NOT_OK(ExpectArgs(name, args, 1, 1));
    if (!IsNumeric(*args[0].type) && !IsNull(*args[0].type) && !IsString(*args[0].type)) {
      return TypeMismatch(name, 0, "\"DOUBLE\"", args[0].type);
    }
    return Fixed({arrow::float64()}, arrow::float64(), [arrow_fn](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
      return cp::call(arrow_fn, {x[0]});
    });
  };
}

// log-style functions: NULL where Spark's domain ends (x <= 0), not NaN or -Infinity.
ScalarBinder PositiveDomain(std::string name, std::string arrow_fn, double bound = 0) {
  return [=](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
    ARROW_RETURN_NOT_OK(ExpectArgs(name, args, 1, 1));
    return Fixed({arrow::float64()}, arrow::float64(), [arrow_fn, bound](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
      return cp::call("if_else", {cp::call("less_equal", {x[0], cp::literal(bound)}), NullOf(arrow::float64()),
                                  cp::call(arrow_fn, {x[0]})});
    });
  };
}

int64_t LiteralInt(const ArgumentInfo& a, int64_t fallback) {
  if (!a.literal || !a.literal->is_valid) return fallback;
  auto c = a.literal->CastTo(arrow::int64());
  if (!c.ok()) return fallback;
  return static_cast<const arrow::Int64Scalar&>(**c).value;
}

ScalarBinder Rounding(std::string name, cp::RoundMode mode) {
  return [=](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
    ARROW_RETURN_NOT_OK(ExpectArgs(name, args, 1, 2));
    int64_t digits = args.size() == 2 ? LiteralInt(args[1], 0) : 0;
    if (args.size() == 2 && !args[1].literal) {
      return UserError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "The scale of {} must be a constant.", name);
    }
    TypePtr t = args[0].type;
    if (IsString(*t) || IsNull(*t)) t = arrow::float64();
    if (!IsNumeric(*t)) return TypeMismatch(name, 0, "numeric", t);
    TypePtr result = t;
    if (IsDecimal(*t)) {
      const auto& d = static_cast<const arrow::Decimal128Type&>(*t);
      int scale = static_cast<int>(std::max<int64_t>(0, std::min<int64_t>(digits, d.scale())));
      result = arrow::decimal128(std::min(38, d.precision() - d.scale() + scale + 1), scale);
    }
    std::vector<TypePtr> types = {t};
    if (args.size() == 2) types.push_back(arrow::int32());
    return Fixed(types, result, [digits, mode, t, result](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
      if (IsIntegral(*t)) {
        if (digits >= 0) return x[0];
        // Rounding integers to tens, hundreds, ...: through decimal.
        auto dec = CastExpr(x[0], arrow::decimal128(38, 0));
        auto r = cp::call("round", {dec}, cp::RoundOptions(digits, mode));
        return CastExpr(r, t);
      }
      auto r = cp::call("round", {x[0]}, cp::RoundOptions(digits, mode));
      if (IsDecimal(*t)) {
        auto options = cp::CastOptions::Safe(result);
        options.allow_decimal_truncate = true;
        return cp::call("cast", {r}, options);
      }
      return r;
    });
  };
}

ScalarBinder CeilFloor(std::string name, std::string arrow_fn) {
  return [=](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
    ARROW_RETURN_NOT_OK(ExpectArgs(name, args, 1, 2));
    TypePtr t = args[0].type;
    if (IsString(*t) || IsNull(*t)) t = arrow::float64();
    if (!IsNumeric(*t)) return TypeMismatch(name, 0, "numeric", t);
    if (IsIntegral(*t)) {
      return Fixed({arrow::int64()}, arrow::int64(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> { return x[0]; });
    }
    if (IsDecimal(*t)) {
      const auto& d = static_cast<const arrow::Decimal128Type&>(*t);
      auto result = arrow::decimal128(std::min(38, d.precision() - d.scale() + 1), 0);
      return Fixed({t}, result, [arrow_fn, result](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
        auto options = cp::CastOptions::Safe(result);
        options.allow_decimal_truncate = true;
        return cp::call("cast", {cp::call(arrow_fn, {x[0]})}, options);
      });
    }
    return Fixed({arrow::float64()}, arrow::int64(), [arrow_fn](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
      return CastExpr(cp::call(arrow_fn, {x[0]}), arrow::int64());
    });
  };
}

}  // namespace

void AddMathFunctions(FunctionTable& t) {
  t.AddScalar("abs", "abs(expr) - Returns the absolute value of the numeric value.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("abs", args, 1, 1));
                TypePtr ty = IsNull(*args[0].type) || IsString(*args[0].type) ? arrow::float64() : args[0].type;
                if (!IsNumeric(*ty)) return TypeMismatch("abs", 0, "numeric", ty);
                bool integral = IsIntegral(*ty);
                return Fixed({ty}, ty, [integral](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return cp::call(integral ? "tarn_abs" : "abs", {x[0]});
                });
              });
  t.AddScalar("ceil", "ceil(expr) - Returns the smallest integer not smaller than `expr`.", CeilFloor("ceil", "ceil"));
  t.AddAlias("ceiling", "ceil");
  t.AddScalar("floor", "floor(expr) - Returns the largest integer not greater than `expr`.", CeilFloor("floor", "floor"));
  t.AddScalar("round", "round(expr, d) - Returns `expr` rounded to `d` decimal places using HALF_UP rounding mode.",
              Rounding("round", cp::RoundMode::HALF_TOWARDS_INFINITY));
  t.AddScalar("bround", "bround(expr, d) - Returns `expr` rounded to `d` decimal places using HALF_EVEN rounding mode.",
              Rounding("bround", cp::RoundMode::HALF_TO_EVEN));
  const std::pair<const char*, const char*> unary[] = {
      {"sqrt", "sqrt"}, {"exp", "exp"}, {"sin", "sin"}, {"cos", "cos"}, {"tan", "tan"}, {"asin", "asin"},
      {"acos", "acos"}, {"atan", "atan"}, {"sinh", "sinh"}, {"cosh", "cosh"}, {"tanh", "tanh"}, {"asinh", "asinh"},
      {"acosh", "acosh"}, {"atanh", "atanh"}, {"expm1", "expm1"}};
  for (const auto& [name, fn] : unary) {
    t.AddScalar(name, fmt::format("{}(expr) - Returns {} of `expr`.", name, name), DoubleFn(name, fn));
  }
 t.AddScalar("cbrt", "cbrt(expr) - Returns the cube root of `expr`.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("cbrt", args, 1, 1));
                return Fixed({arrow::float64()}, arrow::float64(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  auto magnitude = cp::call("power", {cp::call("abs", {x[0]}), cp::literal(1.0 / 3.0)});
                  return cp::call("multiply", {CastExpr(cp::call("sign", {x[0]}), arrow::float64()), magnitude});
                });
              });
  t.AddScalar("ln", "ln(expr) - Returns the natural logarithm (base e) of `expr`.", PositiveDomain("ln", "ln"));
  t.AddScalar("log10", "log10(expr) - Returns the logarithm of `expr` with base 10.", PositiveDomain("log10", "log10"));
  t.AddScalar("log2", "log2(expr) - Returns the logarithm of `expr` with base 2.", PositiveDomain("log2", "log2"));
  t.AddScalar("log1p", "log1p(expr) - Returns log(1 + expr).", PositiveDomain("log1p", "log1p", -1));
  t.AddScalar("log", "log(base, expr) - Returns the logarithm of `expr` with `base`; log(expr) is the natural logarithm.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("log", args, 1, 2));
                std::vector<TypePtr> types(args.size(), arrow::float64());
                return Fixed(types, arrow::float64(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  auto null = NullOf(arrow::float64());
                  auto zero = cp::literal(0.0);
                  if (x.size() == 1) return cp::call("if_else", {cp::call("less_equal", {x[0], zero}), null, cp::call("ln", {x[0]})});
                  auto bad = cp::call("or", {cp::call("less_equal", {x[0], zero}), cp::call("less_equal", {x[1], zero})});
                  return cp::call("if_else", {bad, null, cp::call("divide", {cp::call("ln", {x[1]}), cp::call("ln", {x[0]})})});
                });
              });
  t.AddScalar("pow", "pow(expr1, expr2) - Raises `expr1` to the power of `expr2`.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("pow", args, 2, 2));
                return Fixed({arrow::float64(), arrow::float64()}, arrow::float64(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return cp::call("power", {x[0], x[1]});
                });
              });
  t.AddAlias("power", "pow");
  t.AddScalar("atan2", "atan2(exprY, exprX) - Returns the angle in radians between the positive x-axis and the point (exprX, exprY).",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("atan2", args, 2, 2));
                return Fixed({arrow::float64(), arrow::float64()}, arrow::float64(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return cp::call("atan2", {x[0], x[1]});
                });
              });
  t.AddScalar("hypot", "hypot(expr1, expr2) - Returns sqrt(expr1^2 + expr2^2).",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("hypot", args, 2, 2));
                return Fixed({arrow::float64(), arrow::float64()}, arrow::float64(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return cp::call("sqrt", {cp::call("add", {cp::call("multiply", {x[0], x[0]}), cp::call("multiply", {x[1], x[1]})})});
                });
              });
  t.AddScalar("sign", "sign(expr) - Returns -1.0, 0.0 or 1.0 as `expr` is negative, 0 or positive.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("sign", args, 1, 1));
                return Fixed({arrow::float64()}, arrow::float64(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return CastExpr(cp::call("sign", {x[0]}), arrow::float64());
                });
              });
  t.AddAlias("signum", "sign");
  t.AddScalar("degrees", "degrees(expr) - Converts radians to degrees.", [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
    ARROW_RETURN_NOT_OK(ExpectArgs("degrees", args, 1, 1));
    return Fixed({arrow::float64()}, arrow::float64(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
      return cp::call("multiply", {x[0], cp::literal(180.0 / M_PI)});
    });
  });
  t.AddScalar("radians", "radians(expr) - Converts degrees to radians.", [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
    ARROW_RETURN_NOT_OK(ExpectArgs("radians", args, 1, 1));
    return Fixed({arrow::float64()}, arrow::float64(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
      return cp::call("multiply", {x[0], cp::literal(M_PI / 180.0)});
    });
  });
  t.AddScalar("pi", "pi() - Returns pi.", [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
    ARROW_RETURN_NOT_OK(ExpectArgs("pi", args, 0, 0));
    auto b = Fixed({}, arrow::float64(), [](std::vector<cp::Expression>) -> arrow::Result<cp::Expression> { return cp::literal(M_PI); });
    b.nullable = false;
    return b;
  });
  t.AddScalar("e", "e() - Returns Euler's number, e.", [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
    ARROW_RETURN_NOT_OK(ExpectArgs("e", args, 0, 0));
    auto b = Fixed({}, arrow::float64(), [](std::vector<cp::Expression>) -> arrow::Result<cp::Expression> { return cp::literal(M_E); });
    b.nullable = false;
    return b;
  });
  for (const char* name : {"greatest", "least"}) {
    std::string n = name;
    t.AddScalar(name, fmt::format("{}(expr, ...) - Returns the {} value of all parameters, skipping null values.", name, n == "greatest" ? "greatest" : "least"),
                [n](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                  ARROW_RETURN_NOT_OK(ExpectArgs(n, args, 2, SIZE_MAX));
                  TypePtr ty = args[0].type;
                  for (size_t i = 1; i < args.size(); ++i) {
                    ARROW_ASSIGN_OR_RAISE(ty, CommonTypeOf(ty, args[i].type));
                  }
                  std::vector<TypePtr> types(args.size(), ty);
                  return Fixed(types, ty, [n](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                    return cp::call(n == "greatest" ? "max_element_wise" : "min_element_wise", std::move(x),
                                    cp::ElementWiseAggregateOptions(/*skip_nulls=*/true));
                  });
                });
  }
  t.AddScalar("isnan", "isnan(expr) - Returns true if `expr` is NaN, or false otherwise.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("isnan", args, 1, 1));
                auto b = Fixed({arrow::float64()}, arrow::boolean(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return cp::call("coalesce", {cp::call("is_nan", {x[0]}), cp::literal(false)});
                });
                b.nullable = false;
                return b;
              });
  t.AddScalar("nanvl", "nanvl(expr1, expr2) - Returns `expr1` if it's not NaN, or `expr2` otherwise.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("nanvl", args, 2, 2));
                return Fixed({arrow::float64(), arrow::float64()}, arrow::float64(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return cp::call("if_else", {cp::call("coalesce", {cp::call("is_nan", {x[0]}), cp::literal(false)}), x[1], x[0]});
                });
              });
}

}  // namespace tarn::sql::functions_internal
