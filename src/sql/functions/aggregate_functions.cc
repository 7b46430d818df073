// Aggregate and window functions: Spark's result types, evaluated as Arrow aggregations.
#include <arrow/api.h>
#include <fmt/format.h>

#include "errors/error_class.h"
#include "sql/functions/functions_internal.h"

namespace tarn::sql::functions_internal {

namespace {

std::shared_ptr<cp::FunctionOptions> SkipNulls(uint32_t min_count = 1) {
  return std::make_shared<cp::ScalarAggregateOptions>(/*skip_nulls=*/true, min_count);
}

LowerFn Identity() {
  return [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> { return x[0]; };
}

LowerFn CastTo(TypePtr t) {
  return [t](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> { return CastExpr(x[0], t); };
}

BoundAggregateFunction OnePart(std::vector<TypePtr> args, TypePtr result, std::string fn,
                               std::shared_ptr<cp::FunctionOptions> options, LowerFn finalize) {
  BoundAggregateFunction b;
  b.arg_types = std::move(args);
  b.result_type = std::move(result);
  AggregatePart part;
  part.function = std::move(fn);
  part.options = std::move(options);
  for (size_t i = 0; i < std::min<size_t>(b.arg_types.size(), 1); ++i) part.args.push_back(static_cast<int>(i));
  b.parts.push_back(std::move(part));
  b.finalize = std::move(finalize);
  return b;
}

arrow::Status NoDistinct(const std::string& name, bool distinct) {
  if (!distinct) return arrow::Status::OK();
  return UserError("UNSUPPORTED_FEATURE.AGGREGATE_DISTINCT", "{}(DISTINCT ...) is not supported yet.", name);
}

// A numeric literal as a double (Scalar::CastTo has no decimal-to-double conversion).
arrow::Result<double> LiteralDouble(const arrow::Scalar& literal) {
  ARROW_ASSIGN_OR_RAISE(auto d, cp::Cast(arrow::Datum(literal.GetSharedPtr()), arrow::float64()));
  return static_cast<const arrow::DoubleScalar&>(*d.scalar()).value;
}

TypePtr SumType(const TypePtr& t) {
  if (IsIntegral(*t) || IsNull(*t)) return arrow::int64();
  if (IsDecimal(*t)) {
    const auto& d = static_cast<const arrow::Decimal128Type&>(*t);
    return arrow::decimal128(std::min(38, d.precision() + 10), d.scale());
  }
  return arrow::float64();
}

}  // namespace

void AddAggregateFunctions(FunctionTable& t) {
  t.AddAggregate("count", "count(*) - Returns the number of rows; count(expr) the number of non-null values.",
                 [](const std::vector<ArgumentInfo>& args, bool distinct) -> arrow::Result<BoundAggregateFunction> {
                   if (args.empty()) {
                     return OnePart({}, arrow::int64(), "count_all", nullptr, Identity());
                   }
                   if (args.size() > 1) {
                     return UserError("UNSUPPORTED_FEATURE.MULTI_ARGUMENT_COUNT",
                                      "count with several arguments is not supported yet.");
                   }
                   auto options = std::make_shared<cp::CountOptions>(cp::CountOptions::ONLY_VALID);
                   auto b = OnePart({args[0].type}, arrow::int64(), distinct ? "count_distinct" : "count", options,
                                    Identity());
                   return b;
                 });
  t.AddAggregate("sum", "sum(expr) - Returns the sum of the values of a group.",
                 [](const std::vector<ArgumentInfo>& args, bool distinct) -> arrow::Result<BoundAggregateFunction> {
                   ARROW_RETURN_NOT_OK(ExpectArgs("sum", args, 1, 1));
                   TypePtr in = args[0].type;
                   if (IsString(*in)) in = arrow::float64();
                   if (!IsNumeric(*in) && !IsNull(*in)) return TypeMismatch("sum", 0, "numeric", in);
                   TypePtr result = SumType(in);
                   // Arguments keep their type (binding must be idempotent: the executor binds the
                   // analyzed call again); Arrow sums decimals at precision 38, ints as int64.
                   TypePtr arg = IsNull(*in) ? arrow::int64() : in;
                   if (distinct) {
                     return OnePart({arg}, result, "distinct",
                                    std::make_shared<cp::CountOptions>(cp::CountOptions::ONLY_VALID),
                                    [result](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                                      return cp::call("tarn_list_sum", {x[0]}, cp::CastOptions::Safe(result));
                                    });
                   }
                   return OnePart({arg}, result, "sum", SkipNulls(), CastTo(result));
                 });
  t.AddAggregate("avg", "avg(expr) - Returns the mean of the values of a group.",
                 [](const std::vector<ArgumentInfo>& args, bool distinct) -> arrow::Result<BoundAggregateFunction> {
                   ARROW_RETURN_NOT_OK(ExpectArgs("avg", args, 1, 1));
                   TypePtr in = args[0].type;
                   if (IsString(*in) || IsNull(*in)) in = arrow::float64();
                   if (!IsNumeric(*in)) return TypeMismatch("avg", 0, "numeric", in);
                   TypePtr result = arrow::float64();
                   TypePtr arg = arrow::float64();
                   if (IsDecimal(*in)) {
                     const auto& d = static_cast<const arrow::Decimal128Type&>(*in);
                     result = arrow::decimal128(std::min(38, d.precision() + 4), std::min(38, d.scale() + 4));
                     arg = in;
                   }
                   BoundAggregateFunction b;
                   b.arg_types = {arg};
                   b.result_type = result;
                   TypePtr sum_type = SumType(arg);
                   if (distinct) {
                     b.parts = {{"distinct", std::make_shared<cp::CountOptions>(cp::CountOptions::ONLY_VALID), {0}}};
                   } else {
                     b.parts = {{"sum", SkipNulls(), {0}},
                                {"count", std::make_shared<cp::CountOptions>(cp::CountOptions::ONLY_VALID), {0}}};
                   }
                   b.finalize = [result, sum_type, distinct](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                     cp::Expression sum, count;
                     if (distinct) {
                       sum = cp::call("tarn_list_sum", {x[0]}, cp::CastOptions::Safe(sum_type));
                       count = CastExpr(cp::call("list_value_length", {x[0]}), arrow::int64());
                     } else {
                       sum = CastExpr(x[0], sum_type);
                       count = x[1];
                     }
                     if (result->id() == arrow::Type::DOUBLE) {
                       return cp::call("divide", {CastExpr(sum, arrow::float64()), CastExpr(count, arrow::float64())});
                     }
                     // Spark: Divide(sum, CAST(count AS DECIMAL(20,0))) with the decimal division
                     // rules, then CAST to the result type (HALF_UP at each step).
                     const auto& st = static_cast<const arrow::Decimal128Type&>(*sum_type);
                     int scale = std::max(6, st.scale() + 20 + 1);
                     TypePtr quotient = AdjustedDecimal(st.precision() - st.scale() + scale, scale);
                     auto q = cp::call("tarn_divide", {sum, CastExpr(count, arrow::decimal128(20, 0))},
                                       cp::CastOptions::Safe(quotient));
                     return cp::call("tarn_cast", {q}, cp::CastOptions::Safe(result));
                   };
                   return b;
                 });
  t.AddAlias("mean", "avg");
  for (const char* name : {"min", "max"}) {
    std::string fn = name;
    t.AddAggregate(name, fmt::format("{}(expr) - Returns the {}imum value of `expr`.", name, name),
                   [fn](const std::vector<ArgumentInfo>& args, bool) -> arrow::Result<BoundAggregateFunction> {
                     ARROW_RETURN_NOT_OK(ExpectArgs(fn, args, 1, 1));
                     return OnePart({args[0].type}, args[0].type, fn, SkipNulls(), Identity());
                   });
  }
  struct Spread {
    const char* name;
    const char* arrow_fn;
    int ddof;
  };
  for (const Spread& s : {Spread{"stddev", "stddev", 1}, Spread{"stddev_samp", "stddev", 1}, Spread{"std", "stddev", 1},
                          Spread{"stddev_pop", "stddev", 0}, Spread{"variance", "variance", 1},
                          Spread{"var_samp", "variance", 1}, Spread{"var_pop", "variance", 0}}) {
    std::string name = s.name, fn = s.arrow_fn;
    int ddof = s.ddof;
    t.AddAggregate(name, fmt::format("{}(expr) - Returns the {} of the values of a group.", name,
                                     ddof ? "sample " + fn : "population " + fn),
                   [name, fn, ddof](const std::vector<ArgumentInfo>& args, bool distinct) -> arrow::Result<BoundAggregateFunction> {
                     ARROW_RETURN_NOT_OK(ExpectArgs(name, args, 1, 1));
                     ARROW_RETURN_NOT_OK(NoDistinct(name, distinct));
                     return OnePart({arrow::float64()}, arrow::float64(), fn,
                                    std::make_shared<cp::VarianceOptions>(ddof, true, 1), Identity());
                   });
  }
  for (const char* name : {"first", "first_value", "last", "last_value", "any_value"}) {
    std::string n = name;
    std::string fn = n.rfind("last", 0) == 0 ? "last" : "first";
    t.AddAggregate(name, fmt::format("{}(expr[, isIgnoreNull]) - Returns the {} value of `expr` for a group of rows.", name, fn),
                   [n, fn](const std::vector<ArgumentInfo>& args, bool) -> arrow::Result<BoundAggregateFunction> {
                     ARROW_RETURN_NOT_OK(ExpectArgs(n, args, 1, 2));
                     bool ignore_nulls = args.size() == 2 && args[1].literal && args[1].literal->is_valid &&
                                         args[1].literal->type->id() == arrow::Type::BOOL &&
                                         static_cast<const arrow::BooleanScalar&>(*args[1].literal).value;
                     std::vector<TypePtr> types = {args[0].type};
                     if (args.size() == 2) types.push_back(arrow::boolean());
                     auto b = OnePart(types, args[0].type, fn,
                                      std::make_shared<cp::ScalarAggregateOptions>(ignore_nulls, 0), Identity());
                     return b;
                   });
  }
  t.AddAggregate("count_if", "count_if(expr) - Returns the number of rows for which `expr` is true.",
                 [](const std::vector<ArgumentInfo>& args, bool) -> arrow::Result<BoundAggregateFunction> {
                   ARROW_RETURN_NOT_OK(ExpectArgs("count_if", args, 1, 1));
                   if (args[0].type->id() != arrow::Type::BOOL) return TypeMismatch("count_if", 0, "\"BOOLEAN\"", args[0].type);
                   return OnePart({arrow::boolean()}, arrow::int64(), "sum", SkipNulls(0),
                                  [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                                    return cp::call("coalesce", {CastExpr(x[0], arrow::int64()), cp::literal(int64_t{0})});
                                  });
                 });
  for (const char* name : {"bool_and", "every", "bool_or", "some", "any"}) {
    std::string n = name;
    std::string fn = (n == "bool_and" || n == "every") ? "all" : "any";
    t.AddAggregate(name, fmt::format("{}(expr) - Returns true if {} value of `expr` is true.", name, fn == "all" ? "every" : "at least one"),
                   [n, fn](const std::vector<ArgumentInfo>& args, bool) -> arrow::Result<BoundAggregateFunction> {
                     ARROW_RETURN_NOT_OK(ExpectArgs(n, args, 1, 1));
                     if (args[0].type->id() != arrow::Type::BOOL && !IsNull(*args[0].type)) {
                       return TypeMismatch(n, 0, "\"BOOLEAN\"", args[0].type);
                     }
                     return OnePart({arrow::boolean()}, arrow::boolean(), fn, SkipNulls(1), Identity());
                   });
  }
  for (const char* name : {"collect_list", "array_agg", "collect_set"}) {
    std::string n = name;
    bool set = n == "collect_set";
    t.AddAggregate(name, fmt::format("{}(expr) - Collects the non-null values of a group into an array{}.", name,
                                     set ? " without duplicates" : ""),
                   [n, set](const std::vector<ArgumentInfo>& args, bool distinct) -> arrow::Result<BoundAggregateFunction> {
                     ARROW_RETURN_NOT_OK(ExpectArgs(n, args, 1, 1));
                     TypePtr in = args[0].type;
                     TypePtr result = arrow::list(in);
                     bool unique = set || distinct;
                     return OnePart({in}, result, unique ? "distinct" : "list",
                                    std::make_shared<cp::CountOptions>(cp::CountOptions::ONLY_VALID),
                                    [result](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                                      // hash_list keeps NULLs; Spark drops them.
                                      return CastExpr(cp::call("tarn_array_compact", {x[0]}), result);
                                    });
                   });
  }
  for (const char* name : {"percentile", "median"}) {
    std::string n = name;
    t.AddAggregate(name, n == "median" ? "median(col) - Returns the exact median of the numeric values of a group."
                                       : "percentile(col, percentage) - Returns the exact percentile of the numeric values of a group (linear interpolation).",
                   [n](const std::vector<ArgumentInfo>& args, bool) -> arrow::Result<BoundAggregateFunction> {
                     ARROW_RETURN_NOT_OK(ExpectArgs(n, args, n == "median" ? 1 : 2, n == "median" ? 1 : 3));
                     if (!IsNumeric(*args[0].type) && !IsNull(*args[0].type)) return TypeMismatch(n, 0, "numeric", args[0].type);
                     double q = 0.5;
                     if (n == "percentile") {
                       if (!args[1].literal || !args[1].literal->is_valid) {
                         return UserError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "The percentage of percentile must be a constant.");
                       }
                       ARROW_ASSIGN_OR_RAISE(q, LiteralDouble(*args[1].literal));
                       if (q < 0 || q > 1) {
                         return UserError("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "The percentage must be between 0.0 and 1.0, but got {}.", q);
                       }
                     }
                     return OnePart({arrow::float64()}, arrow::float64(), "list", nullptr,
                                    [q](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                                      return cp::call("tarn_list_percentile", {x[0], cp::literal(q)});
                                    });
                   });
  }
  for (const char* name : {"max_by", "min_by"}) {
    std::string n = name;
    t.AddAggregate(name, fmt::format("{}(x, y) - Returns the value of `x` associated with the {} value of `y`.", name,
                                     n == "max_by" ? "maximum" : "minimum"),
                   [n](const std::vector<ArgumentInfo>& args, bool) -> arrow::Result<BoundAggregateFunction> {
                     ARROW_RETURN_NOT_OK(ExpectArgs(n, args, 2, 2));
                     BoundAggregateFunction b;
                     b.arg_types = {args[0].type, args[1].type};
                     b.result_type = args[0].type;
                     // Both columns collected in the same row order, then the x of the extreme y.
                     b.parts = {{"list", nullptr, {0}}, {"list", nullptr, {1}}};
                     std::string kernel = n == "max_by" ? "tarn_list_max_by" : "tarn_list_min_by";
                     b.finalize = [kernel](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                       return cp::call(kernel, {x[0], x[1]});
                     };
                     return b;
                   });
  }
  t.AddAggregate("approx_count_distinct",
                 "approx_count_distinct(expr[, relativeSD]) - Returns the number of distinct values (tarn counts exactly).",
                 [](const std::vector<ArgumentInfo>& args, bool) -> arrow::Result<BoundAggregateFunction> {
                   ARROW_RETURN_NOT_OK(ExpectArgs("approx_count_distinct", args, 1, 2));
                   std::vector<TypePtr> types = {args[0].type};
                   if (args.size() == 2) types.push_back(arrow::float64());
                   return OnePart(types, arrow::int64(), "count_distinct",
                                  std::make_shared<cp::CountOptions>(cp::CountOptions::ONLY_VALID), Identity());
                 });
  t.AddAggregate("percentile_approx",
                 "percentile_approx(col, percentage[, accuracy]) - Returns an approximate percentile of `col` (t-digest).",
                 [](const std::vector<ArgumentInfo>& args, bool) -> arrow::Result<BoundAggregateFunction> {
                   ARROW_RETURN_NOT_OK(ExpectArgs("percentile_approx", args, 2, 3));
                   if (!args[1].literal) {
                     return UserError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "The percentage must be a constant.");
                   }
                   ARROW_ASSIGN_OR_RAISE(double quantile, LiteralDouble(*args[1].literal));
                   TypePtr in = args[0].type;
                   if (!IsNumeric(*in)) return TypeMismatch("percentile_approx", 0, "numeric", in);
                   std::vector<TypePtr> types = {in, args[1].type};
                   if (args.size() == 3) types.push_back(args[2].type);
                   return OnePart(types, in, "tdigest", std::make_shared<cp::TDigestOptions>(quantile),
                                  [in](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                                    auto v = cp::call("list_element", {x[0], cp::literal(0)});
                                    if (IsFloating(*in)) return CastExpr(v, in);
                                    auto options = cp::CastOptions::Safe(in);
                                    options.allow_float_truncate = true;
                                    options.allow_decimal_truncate = true;
                                    return cp::call("cast", {cp::call("round", {v})}, options);
                                  });
                 });
  t.AddAlias("approx_percentile", "percentile_approx");
}

void AddWindowFunctions(FunctionTable& t) {
  auto ranking = [](const std::string& name, TypePtr result, size_t min_args, size_t max_args) -> WindowBinder {
    return [name, result, min_args, max_args](const std::vector<ArgumentInfo>& args) -> arrow::Result<BoundWindowFunction> {
      ARROW_RETURN_NOT_OK(ExpectArgs(name, args, min_args, max_args));
      BoundWindowFunction b;
      for (const auto& a : args) b.arg_types.push_back(IsIntegral(*a.type) ? arrow::int32() : a.type);
      b.result_type = result;
      return b;
    };
  };
  t.AddWindow("row_number", "row_number() - Assigns a unique, sequential number to each row within the window partition.",
              ranking("row_number", arrow::int32(), 0, 0));
  t.AddWindow("rank", "rank() - Computes the rank of a value in a group of values, with gaps.", ranking("rank", arrow::int32(), 0, 0));
  t.AddWindow("dense_rank", "dense_rank() - Computes the rank of a value in a group of values, without gaps.",
              ranking("dense_rank", arrow::int32(), 0, 0));
  t.AddWindow("percent_rank", "percent_rank() - Computes the percentage ranking of a value in a group of values.",
              ranking("percent_rank", arrow::float64(), 0, 0));
  t.AddWindow("cume_dist", "cume_dist() - Computes the position of a value relative to all values in the partition.",
              ranking("cume_dist", arrow::float64(), 0, 0));
  t.AddWindow("ntile", "ntile(n) - Divides the rows of each window partition into `n` buckets.", ranking("ntile", arrow::int32(), 1, 1));
  for (const char* name : {"lag", "lead"}) {
    std::string n = name;
    t.AddWindow(name, fmt::format("{}(input[, offset[, default]]) - Returns the value of `input` at the `offset`th row {} the current row.",
                                  name, n == "lag" ? "before" : "after"),
                [n](const std::vector<ArgumentInfo>& args) -> arrow::Result<BoundWindowFunction> {
                  ARROW_RETURN_NOT_OK(ExpectArgs(n, args, 1, 3));
                  BoundWindowFunction b;
                  TypePtr value = args[0].type;
                  if (args.size() == 3) {
                    ARROW_ASSIGN_OR_RAISE(value, CommonTypeOf(args[0].type, args[2].type));
                  }
                  b.arg_types = {value};
                  if (args.size() > 1) b.arg_types.push_back(arrow::int32());
                  if (args.size() > 2) b.arg_types.push_back(value);
                  b.result_type = value;
                  return b;
                });
  }
  t.AddWindow("nth_value", "nth_value(input, offset) - Returns the value of `input` at the `offset`th row of the window frame.",
              [](const std::vector<ArgumentInfo>& args) -> arrow::Result<BoundWindowFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("nth_value", args, 2, 3));
                BoundWindowFunction b;
                b.arg_types = {args[0].type, arrow::int32()};
                if (args.size() == 3) b.arg_types.push_back(arrow::boolean());
                b.result_type = args[0].type;
                return b;
              });
}

}  // namespace tarn::sql::functions_internal
