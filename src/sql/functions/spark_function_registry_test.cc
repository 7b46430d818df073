// Spark's documented results for a sample of functions, operators and casts: each call is bound
// with argument types, lowered over field references, bound to a schema with the registry's
// Arrow registry and evaluated on a small batch.
#include <gtest/gtest.h>

#include <arrow/api.h>
#include <arrow/compute/api.h>
#include <arrow/json/from_string.h>

#include "errors/error_class.h"
#include "sql/functions/function_registry.h"

namespace tarn::sql {
namespace {

namespace cp = arrow::compute;

class FunctionTest : public ::testing::Test {
 protected:
  void SetUp() override { registry_ = SparkFunctionRegistry::Make().ValueOrDie(); }

  // Evaluates name(columns...) over arrays given as JSON; literal[i] marks constant arguments.
  arrow::Result<std::shared_ptr<arrow::Array>> Call(const std::string& name,
                                                    std::vector<std::pair<TypePtr, std::string>> columns,
                                                    std::vector<std::shared_ptr<arrow::Scalar>> literals = {},
                                                    TypePtr* result_type = nullptr) {
    std::vector<ArgumentInfo> infos;
    arrow::FieldVector fields;
    arrow::ArrayVector arrays;
    for (size_t i = 0; i < columns.size(); ++i) {
      ArgumentInfo info{columns[i].first, i < literals.size() ? literals[i] : nullptr};
      infos.push_back(info);
      ARROW_ASSIGN_OR_RAISE(auto array, arrow::json::ArrayFromJSONString(columns[i].first, columns[i].second));
      fields.push_back(arrow::field("c" + std::to_string(i), columns[i].first));
      arrays.push_back(array);
    }
    ARROW_ASSIGN_OR_RAISE(auto bound, registry_->BindScalar(name, infos, context_));
    std::vector<cp::Expression> args;
    for (size_t i = 0; i < columns.size(); ++i) {
      ARROW_ASSIGN_OR_RAISE(auto cast, registry_->LowerCast(cp::field_ref("c" + std::to_string(i)), columns[i].first,
                                                            bound.arg_types[i], false, context_));
      args.push_back(cast);
    }
    ARROW_ASSIGN_OR_RAISE(auto expr, bound.lower(args));
    if (result_type) *result_type = bound.result_type;
    int64_t rows = arrays.empty() ? 1 : arrays[0]->length();
    return Evaluate(expr, arrow::schema(fields), arrays, rows, bound.result_type);
  }

  arrow::Result<std::shared_ptr<arrow::Array>> Cast(const TypePtr& from, const std::string& json, const TypePtr& to,
                                                    bool try_cast = false) {
    ARROW_ASSIGN_OR_RAISE(auto array, arrow::json::ArrayFromJSONString(from, json));
    ARROW_ASSIGN_OR_RAISE(auto expr, registry_->LowerCast(cp::field_ref("c0"), from, to, try_cast, context_));
    return Evaluate(expr, arrow::schema({arrow::field("c0", from)}), {array}, array->length(), to);
  }

  arrow::Result<std::shared_ptr<arrow::Array>> Evaluate(cp::Expression expr, const std::shared_ptr<arrow::Schema>& schema,
                                                        const arrow::ArrayVector& arrays, int64_t rows, const TypePtr& type) {
    cp::ExecContext ctx(arrow::default_memory_pool(), nullptr, registry_->arrow_registry());
    ARROW_ASSIGN_OR_RAISE(expr, expr.Bind(*schema, &ctx));
    if (!expr.type()->Equals(*type)) {
      return arrow::Status::TypeError("bound type ", expr.type()->ToString(), " != result type ", type->ToString());
    }
    auto batch = arrow::RecordBatch::Make(schema, rows, arrays);
    ARROW_ASSIGN_OR_RAISE(auto value, cp::ExecuteScalarExpression(expr, cp::ExecBatch(*batch), &ctx));
    if (value.is_scalar()) return arrow::MakeArrayFromScalar(*value.scalar(), rows);
    return value.make_array();
  }

  static std::shared_ptr<arrow::Array> Json(const TypePtr& t, const std::string& json) {
    return arrow::json::ArrayFromJSONString(t, json).ValueOrDie();
  }

  void ExpectArray(const arrow::Result<std::shared_ptr<arrow::Array>>& got, const TypePtr& t, const std::string& json) {
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    auto expected = Json(t, json);
    EXPECT_TRUE((*got)->Equals(*expected)) << "got " << (*got)->ToString() << "\nexpected " << expected->ToString();
  }

  void ExpectError(const arrow::Result<std::shared_ptr<arrow::Array>>& got, const std::string& error_class) {
    ASSERT_FALSE(got.ok());
    EXPECT_NE(got.status().message().find("[" + error_class + "]"), std::string::npos) << got.status().ToString();
  }

  std::shared_ptr<const SparkFunctionRegistry> registry_;
  BindContext context_;
};

const TypePtr kInt = arrow::int32();
const TypePtr kLong = arrow::int64();
const TypePtr kDouble = arrow::float64();
const TypePtr kString = arrow::utf8();

TEST_F(FunctionTest, ListsAtLeastTwoHundredFunctions) {
  auto all = registry_->List();
  EXPECT_GE(all.size(), 200u);
  for (const auto& f : all) EXPECT_FALSE(f.usage.empty()) << f.name;
  ASSERT_NE(registry_->Find("UPPER"), nullptr);
  EXPECT_EQ(registry_->Find("explode")->kind, FunctionKind::kGenerator);
}

TEST_F(FunctionTest, IntegerArithmeticIsCheckedAsAnsi) {
  ExpectArray(Call("+", {{kInt, "[1, null, 2147483600]"}, {kInt, "[2, 3, 40]"}}), kInt, "[3, null, 2147483640]");
  ExpectError(Call("+", {{kInt, "[2147483647]"}, {kInt, "[1]"}}), "ARITHMETIC_OVERFLOW");
  ExpectError(Call("*", {{kLong, "[9223372036854775807]"}, {kLong, "[2]"}}), "ARITHMETIC_OVERFLOW");
  ExpectArray(Call("try_add", {{kInt, "[2147483647, 1]"}, {kInt, "[1, 1]"}}), kInt, "[null, 2]");
  ExpectError(Call("negative", {{kInt, "[-2147483648]"}}), "ARITHMETIC_OVERFLOW");
}

TEST_F(FunctionTest, DivisionGivesDoubleAndRejectsZero) {
  ExpectArray(Call("/", {{kInt, "[3, 1]"}, {kInt, "[2, 4]"}}), kDouble, "[1.5, 0.25]");
  ExpectError(Call("/", {{kInt, "[1]"}, {kInt, "[0]"}}), "DIVIDE_BY_ZERO");
  ExpectError(Call("%", {{kInt, "[1]"}, {kInt, "[0]"}}), "REMAINDER_BY_ZERO");
  ExpectError(Call("div", {{kLong, "[1]"}, {kLong, "[0]"}}), "DIVIDE_BY_ZERO");
  ExpectArray(Call("try_divide", {{kInt, "[1, 1]"}, {kInt, "[0, 2]"}}), kDouble, "[null, 0.5]");
  ExpectArray(Call("div", {{kLong, "[7, -7]"}, {kLong, "[2, 2]"}}), kLong, "[3, -3]");
  ExpectArray(Call("%", {{kInt, "[-7, 7]"}, {kInt, "[3, -3]"}}), kInt, "[-1, 1]");
  ExpectArray(Call("pmod", {{kInt, "[-7, 7]"}, {kInt, "[3, 3]"}}), kInt, "[2, 1]");
}

TEST_F(FunctionTest, DecimalArithmeticFollowsSparkPrecisionRules) {
  auto d152 = arrow::decimal128(15, 2);
  TypePtr type;
  // decimal(15,2) * decimal(15,2) -> decimal(31,4)
  auto product = Call("*", {{d152, R"(["1.25", "-2.50"])"}, {d152, R"(["3.00", "0.01"])"}}, {}, &type);
  ExpectArray(product, arrow::decimal128(31, 4), R"(["3.7500", "-0.0250"])");
  // decimal(15,2) / decimal(15,2) -> decimal(33,18)... Spark: scale max(6, 2+15+1)=18, precision 15-2+2+18=33
  auto quotient = Call("/", {{d152, R"(["1.00", "2.00"])"}, {d152, R"(["3.00", "-3.00"])"}}, {}, &type);
  ExpectArray(quotient, arrow::decimal128(33, 18), R"(["0.333333333333333333", "-0.666666666666666667"])");
  ExpectError(Call("/", {{d152, R"(["1.00"])"}, {d152, R"(["0.00"])"}}), "DIVIDE_BY_ZERO");
  // decimal(38,10) * decimal(38,10): precision capped at 38, scale kept at 6.
  auto d3810 = arrow::decimal128(38, 10);
  ExpectArray(Call("*", {{d3810, R"(["1.0000000005"])"}, {d3810, R"(["2.0000000000"])"}}), arrow::decimal128(38, 6),
              R"(["2.000000"])");
  ExpectArray(Call("+", {{d152, R"(["1.25"])"}, {arrow::decimal128(10, 0), R"(["3"])"}}), arrow::decimal128(16, 2),
              R"(["4.25"])");
}

TEST_F(FunctionTest, ComparisonsCoerceStringsToNumbers) {
  ExpectArray(Call("=", {{kInt, "[1, 2, null]"}, {kString, R"(["1", "3", "1"])"}}), arrow::boolean(), "[true, false, null]");
  ExpectArray(Call("<=>", {{kInt, "[null, 1]"}, {kInt, "[null, null]"}}), arrow::boolean(), "[true, false]");
  ExpectArray(Call("<", {{kInt, "[1]"}, {kDouble, "[1.5]"}}), arrow::boolean(), "[true]");
}

TEST_F(FunctionTest, CastsFollowAnsiRules) {
  ExpectArray(Cast(kString, R"([" 12 ", "-3", null])", kInt), kInt, "[12, -3, null]");
  auto bad = Cast(kString, R"(["abc"])", kInt);
  ExpectError(bad, "CAST_INVALID_INPUT");
  EXPECT_NE(bad.status().message().find("The value 'abc' of the type \"STRING\" cannot be cast to \"INT\" because it is malformed."),
            std::string::npos);
  ExpectArray(Cast(kString, R"(["abc", "7"])", kInt, true), kInt, "[null, 7]");
  ExpectError(Cast(kInt, "[300]", arrow::int8()), "CAST_OVERFLOW");
  ExpectArray(Cast(kInt, "[300, 5]", arrow::int8(), true), arrow::int8(), "[null, 5]");
  ExpectArray(Cast(kDouble, "[1.9, -1.9]", kInt), kInt, "[1, -1]");
  ExpectArray(Cast(kDouble, "[1.0, 1e10, 1e-5, 123456789.0, 0.001, 1e7]", kString), kString,
              R"(["1.0", "1.0E10", "1.0E-5", "1.23456789E8", "0.001", "1.0E7"])");
  ExpectArray(Cast(arrow::decimal128(5, 2), R"(["1.50", "-0.05"])", kString), kString, R"(["1.50", "-0.05"])");
  ExpectArray(Cast(kString, R"(["1.235", "-1.235"])", arrow::decimal128(5, 2)), arrow::decimal128(5, 2),
              R"(["1.24", "-1.24"])");
  ExpectArray(Cast(kString, R"(["2024-02-29", "2024-3-1 10:00:00", "2024"])", arrow::date32()), arrow::date32(),
              "[19782, 19783, 19723]");
  ExpectError(Cast(kString, R"(["2023-02-29"])", arrow::date32()), "CAST_INVALID_INPUT");
  ExpectArray(Cast(kString, R"(["true", "N", "1"])", arrow::boolean()), arrow::boolean(), "[true, false, true]");
  auto ts = arrow::timestamp(arrow::TimeUnit::MICRO, "UTC");
  ExpectArray(Cast(kString, R"(["1970-01-01 00:00:01.5", "1970-01-01T01:00:00+01:00"])", ts), ts, "[1500000, 0]");
  ExpectArray(Cast(ts, "[1500000]", kString), kString, R"(["1970-01-01 00:00:01.5"])");
}

TEST_F(FunctionTest, StringFunctions) {
  auto i = [](int32_t v) { return std::make_shared<arrow::Int32Scalar>(v); };
  ExpectArray(Call("substring", {{kString, R"(["Spark SQL", "Spark SQL", "Spark SQL"])"}, {kInt, "[5, -3, 0]"}}), kString,
              R"(["k SQL", "SQL", "Spark SQL"])");
  ExpectArray(Call("substring", {{kString, R"(["Spark SQL"])"}, {kInt, "[5]"}, {kInt, "[1]"}}, {nullptr, i(5), i(1)}),
              kString, R"(["k"])");
  ExpectArray(Call("upper", {{kString, R"(["SparkSql", null])"}}), kString, R"(["SPARKSQL", null])");
  ExpectArray(Call("translate", {{kString, R"(["AaBbCc"])"}, {kString, R"(["abc"])"}, {kString, R"(["123"])"}}), kString,
              R"(["A1B2C3"])");
  ExpectArray(Call("levenshtein", {{kString, R"(["kitten"])"}, {kString, R"(["sitting"])"}}), kInt, "[3]");
  ExpectArray(Call("soundex", {{kString, R"(["Miller"])"}}), kString, R"(["M460"])");
  ExpectArray(Call("ascii", {{kString, R"(["222"])"}}), kInt, "[50]");
  ExpectArray(Call("base64", {{kString, R"(["Spark SQL"])"}}), kString, R"(["U3BhcmsgU1FM"])");
  ExpectArray(Call("hex", {{kLong, "[17]"}}), kString, R"(["11"])");
  ExpectArray(Call("hex", {{kString, R"(["Spark SQL"])"}}), kString, R"(["537061726B2053514C"])");
  ExpectArray(Call("md5", {{kString, R"(["Spark"])"}}), kString, R"(["8cde774d6f7333752ed72cacddb05126"])");
  ExpectArray(Call("sha1", {{kString, R"(["Spark"])"}}), kString, R"(["85f5955f4b27a9a4c2aab6ffe5d7189fc298b92c"])");
  ExpectArray(Call("sha2", {{kString, R"(["Spark"])"}, {kInt, "[256]"}}), kString,
              R"(["529bc3b07127ecb7e53a4dcf1991d9152c24537d919178022b2c42657f79a26b"])");
  ExpectArray(Call("crc32", {{kString, R"(["Spark"])"}}), kLong, "[1557323817]");
  ExpectArray(Call("format_number", {{kDouble, "[12332.123456]"}, {kInt, "[4]"}}), kString, R"(["12,332.1235"])");
  ExpectArray(Call("find_in_set", {{kString, R"(["ab"])"}, {kString, R"(["abc,b,ab,c,def"])"}}), kInt, "[3]");
  auto pattern = std::make_shared<arrow::StringScalar>("(\\d+)-(\\d+)");
  ExpectArray(Call("regexp_extract", {{kString, R"(["100-200", "foo"])"}, {kString, R"(["x", "x"])"}, {kInt, "[1, 1]"}},
                   {nullptr, pattern, i(1)}),
              kString, R"(["100", ""])");
}

TEST_F(FunctionTest, SparkHashIsMurmur3WithSeed42) {
  // Spark's documented examples.
  std::vector<std::pair<TypePtr, std::string>> args = {{kString, R"(["Spark"])"}, {arrow::list(kInt), "[[123]]"}, {kInt, "[2]"}};
  ExpectArray(Call("hash", args), kInt, "[-1321691492]");
  ExpectArray(Call("xxhash64", args), kLong, "[5602566077635097486]");
  ExpectArray(Call("hash", {{kInt, "[1]"}}), kInt, "[-559580957]");
}

TEST_F(FunctionTest, ArraysAndMaps) {
  auto list = arrow::list(kInt);
  ExpectArray(Call("array_contains", {{list, "[[1, 2, 3], [1, null], null]"}, {kInt, "[2, 2, 2]"}}), arrow::boolean(),
              "[true, null, null]");
  ExpectArray(Call("sort_array", {{list, "[[3, null, 1]]"}}), list, "[[null, 1, 3]]");
  ExpectArray(Call("array_distinct", {{list, "[[1, 2, 2, 1]]"}}), list, "[[1, 2]]");
  ExpectArray(Call("slice", {{list, "[[1, 2, 3, 4]]"}, {kInt, "[-2]"}, {kInt, "[2]"}}), list, "[[3, 4]]");
  ExpectArray(Call("array_position", {{list, "[[3, 2, 1]]"}, {kInt, "[1]"}}), kLong, "[3]");
  ExpectArray(Call("sequence", {{kInt, "[1]"}, {kInt, "[5]"}, {kInt, "[2]"}}), arrow::list(kLong), "[[1, 3, 5]]");
  auto map_type = arrow::map(kInt, kString);
  ExpectArray(Call("map", {{kInt, "[1]"}, {kString, R"(["a"])"}, {kInt, "[2]"}, {kString, R"(["b"])"}}), map_type,
              R"([[[1, "a"], [2, "b"]]])");
  ExpectArray(Call("element_at", {{map_type, R"([[[1, "a"], [2, "b"]]])"}, {kInt, "[2]"}}), kString, R"(["b"])");
}

TEST_F(FunctionTest, AggregatesHaveSparkResultTypes) {
  auto d = arrow::decimal128(15, 2);
  auto sum = registry_->BindAggregate("sum", {{d, nullptr}}, false).ValueOrDie();
  EXPECT_TRUE(sum.result_type->Equals(*arrow::decimal128(25, 2)));
  auto avg = registry_->BindAggregate("avg", {{d, nullptr}}, false).ValueOrDie();
  EXPECT_TRUE(avg.result_type->Equals(*arrow::decimal128(19, 6)));
  EXPECT_TRUE(registry_->BindAggregate("sum", {{kInt, nullptr}}, false).ValueOrDie().result_type->Equals(*kLong));
  EXPECT_TRUE(registry_->BindAggregate("avg", {{kInt, nullptr}}, false).ValueOrDie().result_type->Equals(*kDouble));
  // avg's finalize: sum 10.00 over 3 rows -> 3.333333 (Spark: Divide then CAST, HALF_UP).
  std::vector<cp::Expression> parts = {cp::literal(arrow::Decimal128Scalar(arrow::Decimal128(1000), arrow::decimal128(38, 2))),
                                       cp::literal(int64_t{3})};
  auto fin = avg.finalize(parts).ValueOrDie();
  auto value = Evaluate(fin, arrow::schema({}), {}, 1, avg.result_type);
  ExpectArray(value, arrow::decimal128(19, 6), R"(["3.333333"])");
}

}  // namespace
}  // namespace tarn::sql
