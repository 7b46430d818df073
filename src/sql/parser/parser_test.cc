#include "sql/parser/parser.h"

#include <string>

#include <arrow/scalar.h>
#include <arrow/type.h>
#include <gtest/gtest.h>

#include "errors/error_class.h"

namespace tarn::sql {
namespace {

// The parsed plan of a one-statement query, as an indented tree.
std::string Plan(const std::string& sql) {
  auto statement = ParseStatement(sql);
  if (!statement.ok()) return "ERROR: " + statement.status().message();
  if (!statement->query) return "NO QUERY";
  return ToString(*statement->query);
}

std::string Expr(const std::string& sql) {
  auto e = ParseExpression(sql);
  if (!e.ok()) return "ERROR: " + e.status().message();
  return ToString(**e);
}

std::string Name(const std::string& sql) {
  auto e = ParseExpression(sql);
  if (!e.ok()) return "ERROR: " + e.status().message();
  return DisplayName(**e);
}

ExprPtr Parsed(const std::string& sql) {
  auto e = ParseExpression(sql);
  EXPECT_TRUE(e.ok()) << e.status().ToString();
  return e.ok() ? *e : nullptr;
}

arrow::Status StatementError(const std::string& sql) { return ParseScript(sql).status(); }

std::string TypeOf(const std::string& sql) {
  auto e = Parsed(sql);
  if (!e || e->kind != ExprKind::kLiteral || !e->value) return "not a literal";
  return e->value->type->ToString();
}

// ---- expressions and precedence

TEST(ParserExpression, ArithmeticPrecedence) {
  EXPECT_EQ(Expr("a + b * c"), "(a + (b * c))");
  EXPECT_EQ(Expr("(a + b) * c"), "((a + b) * c)");
  EXPECT_EQ(Expr("a - b - c"), "((a - b) - c)");
  EXPECT_EQ(Expr("a * b / c % d"), "(((a * b) / c) % d)");
  EXPECT_EQ(Expr("a div b"), "(a div b)");
  EXPECT_EQ(Expr("a || b + c"), "(concat(a, b) + c)");  // same level, left to right
  EXPECT_EQ(Expr("a || b * c"), "concat(a, (b * c))");
}

TEST(ParserExpression, BitwisePrecedence) {
  EXPECT_EQ(Expr("a | b ^ c & d"), "(a | (b ^ (c & d)))");
  EXPECT_EQ(Expr("a & b + c"), "(a & (b + c))");
  EXPECT_EQ(Expr("~a"), "~a");
}

TEST(ParserExpression, ComparisonAndLogic) {
  EXPECT_EQ(Expr("a = 1 AND b > 2 OR c"), "(((a = 1) AND (b > 2)) OR c)");
  EXPECT_EQ(Expr("NOT a = b"), "(NOT (a = b))");
  EXPECT_EQ(Expr("a == b"), "(a = b)");
  EXPECT_EQ(Expr("a != b"), "(NOT (a = b))");
  EXPECT_EQ(Expr("a <> b"), "(NOT (a = b))");
  EXPECT_EQ(Expr("a <=> b"), "(a <=> b)");
  EXPECT_EQ(Expr("a < b + 1"), "(a < (b + 1))");
  EXPECT_EQ(Expr("! a"), "(NOT a)");
}

TEST(ParserExpression, AndOrChainsAreBalanced) {
  EXPECT_EQ(Expr("a AND b AND c AND d"), "((a AND b) AND (c AND d))");
  EXPECT_EQ(Expr("a OR b OR c"), "((a OR b) OR c)");
  EXPECT_EQ(Expr("a OR b AND c"), "(a OR (b AND c))");
}

TEST(ParserExpression, OperatorNames) {
  auto e = Parsed("a <> b");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->kind, ExprKind::kCall);
  EXPECT_EQ(e->name[0], "<>");
  EXPECT_EQ(Parsed("-a")->name[0], "negative");
  EXPECT_EQ(Parsed("+a")->name[0], "positive");
  EXPECT_EQ(Parsed("a || b")->name[0], "||");
  EXPECT_EQ(Parsed("a DIV b")->name[0], "div");
}

TEST(ParserExpression, IsPredicates) {
  EXPECT_EQ(Expr("a IS NULL"), "(a IS NULL)");
  EXPECT_EQ(Expr("a IS NOT NULL"), "(a IS NOT NULL)");
  EXPECT_EQ(Expr("a IS TRUE"), "(a <=> true)");
  EXPECT_EQ(Expr("a IS NOT FALSE"), "(NOT (a <=> false))");
  EXPECT_EQ(Expr("a IS UNKNOWN"), "(a IS NULL)");
  EXPECT_EQ(Expr("a IS DISTINCT FROM b"), "(NOT (a <=> b))");
  EXPECT_EQ(Expr("a IS NOT DISTINCT FROM b"), "(a <=> b)");
  EXPECT_EQ(Expr("a + 1 IS NULL"), "((a + 1) IS NULL)");
  EXPECT_EQ(Expr("a = 1 IS NULL"), "((a = 1) IS NULL)");
}

TEST(ParserExpression, Between) {
  EXPECT_EQ(Expr("a BETWEEN 1 AND 2 + 3"), "between(a, 1, (2 + 3))");
  auto e = Parsed("a NOT BETWEEN 1 AND 2");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->name[0], "between");
  EXPECT_TRUE(e->negated);
  EXPECT_EQ(DisplayName(*e), "(NOT between(a, 1, 2))");
  EXPECT_EQ(Expr("a BETWEEN 1 AND 2 AND b"), "(between(a, 1, 2) AND b)");
}

TEST(ParserExpression, InList) {
  EXPECT_EQ(Expr("a IN (1, 2, 3)"), "(a IN (1, 2, 3))");
  auto e = Parsed("a NOT IN (1)");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->kind, ExprKind::kInList);
  EXPECT_TRUE(e->negated);
  EXPECT_EQ(Expr("a IN ((SELECT 1), 2)"), "(a IN ((Project [1] <- OneRowRelation), 2))");
}

TEST(ParserExpression, InSubquery) {
  auto e = Parsed("a IN (SELECT x FROM t)");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->kind, ExprKind::kInSubquery);
  ASSERT_TRUE(e->subquery);
  EXPECT_EQ(ToString(*e->subquery), "Project [x]\n  Relation t\n");
  auto pair = Parsed("(a, b) NOT IN (SELECT x, y FROM t)");
  ASSERT_TRUE(pair);
  EXPECT_EQ(pair->args.size(), 2u);
  EXPECT_TRUE(pair->negated);
  auto union_in = Parsed("a IN ((SELECT 1) UNION (SELECT 2))");
  ASSERT_TRUE(union_in);
  EXPECT_EQ(union_in->kind, ExprKind::kInSubquery);
}

TEST(ParserExpression, Like) {
  EXPECT_EQ(Expr("a LIKE 'x%'"), "a LIKE 'x%'");
  auto e = Parsed("a NOT LIKE 'x%' ESCAPE '!'");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->args.size(), 3u);
  EXPECT_TRUE(e->negated);
  EXPECT_EQ(Expr("a ILIKE 'x'"), "a ILIKE 'x'");
  EXPECT_EQ(Expr("a RLIKE '^x'"), "RLIKE(a, '^x')");
  EXPECT_EQ(Expr("a REGEXP '^x'"), "RLIKE(a, '^x')");
  EXPECT_EQ(Expr("a LIKE ANY ('x', 'y')"), "(a LIKE 'x' OR a LIKE 'y')");
  EXPECT_EQ(Expr("a LIKE ALL ('x', 'y')"), "(a LIKE 'x' AND a LIKE 'y')");
  EXPECT_EQ(Expr("a NOT LIKE ANY ('x', 'y')"), "((NOT a LIKE 'x') OR (NOT a LIKE 'y'))");
}

TEST(ParserExpression, Exists) {
  auto e = Parsed("EXISTS (SELECT 1 FROM t)");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->kind, ExprKind::kExists);
  EXPECT_FALSE(e->negated);
  auto n = Parsed("NOT EXISTS (SELECT 1 FROM t WHERE t.a = b)");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->kind, ExprKind::kExists);
  EXPECT_TRUE(n->negated);
  // exists(array, lambda) is a function.
  EXPECT_EQ(Expr("exists(xs, x -> x > 1)"), "exists(xs, ((x) -> (x > 1)))");
}

TEST(ParserExpression, ScalarSubquery) {
  auto e = Parsed("(SELECT max(x) FROM t) + 1");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->name[0], "+");
  EXPECT_EQ(e->args[0]->kind, ExprKind::kScalarSubquery);
  auto nested = Parsed("((SELECT 1) + 1)");
  ASSERT_TRUE(nested);
  EXPECT_EQ(nested->name[0], "+");
}

TEST(ParserExpression, UnaryMinusAndLiterals) {
  EXPECT_EQ(TypeOf("-2147483648"), "int32");
  EXPECT_EQ(TypeOf("2147483648"), "int64");
  EXPECT_EQ(TypeOf("-9223372036854775808"), "int64");
  EXPECT_EQ(TypeOf("9223372036854775808"), "decimal128(19, 0)");
  EXPECT_EQ(TypeOf("12345678901234567890123456789012345678"), "decimal128(38, 0)");
  EXPECT_EQ(Expr("- a"), "(- a)");
  EXPECT_EQ(Expr("-1 + 2"), "(-1 + 2)");
  EXPECT_EQ(Expr("a - -1"), "(a - -1)");
  EXPECT_EQ(Expr("- - a"), "(- (- a))");
}

TEST(ParserExpression, NumericSuffixes) {
  EXPECT_EQ(TypeOf("1L"), "int64");
  EXPECT_EQ(TypeOf("1S"), "int16");
  EXPECT_EQ(TypeOf("1Y"), "int8");
  EXPECT_EQ(TypeOf("1D"), "double");
  EXPECT_EQ(TypeOf("1.5F"), "float");
  EXPECT_EQ(TypeOf("1.5BD"), "decimal128(2, 1)");
  EXPECT_EQ(TypeOf("1.5"), "decimal128(2, 1)");
  EXPECT_EQ(TypeOf("0.5"), "decimal128(1, 1)");
  EXPECT_EQ(TypeOf(".001"), "decimal128(3, 3)");
  EXPECT_EQ(TypeOf("1e3"), "double");
  EXPECT_EQ(TypeOf("1.5E2"), "double");
  EXPECT_EQ(Expr("1e3"), "1000.0D");
  EXPECT_EQ(Expr("123L"), "123L");
}

TEST(ParserExpression, NumericRangeErrors) {
  EXPECT_EQ(ErrorClassOf(ParseExpression("128Y").status()), "INVALID_NUMERIC_LITERAL_RANGE");
  EXPECT_EQ(ErrorClassOf(ParseExpression("9223372036854775808L").status()), "INVALID_NUMERIC_LITERAL_RANGE");
  EXPECT_EQ(ErrorClassOf(ParseExpression("-129Y").status()), "INVALID_NUMERIC_LITERAL_RANGE");
  EXPECT_TRUE(ParseExpression("-128Y").ok());
  EXPECT_EQ(ErrorClassOf(ParseExpression("1e999").status()), "INVALID_NUMERIC_LITERAL_RANGE");
  EXPECT_EQ(ErrorClassOf(ParseExpression("123456789012345678901234567890123456789").status()),
            "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION");
}

TEST(ParserExpression, Strings) {
  EXPECT_EQ(Expr("'abc'"), "'abc'");
  EXPECT_EQ(Name("'abc'"), "abc");
  EXPECT_EQ(Name("\"abc\""), "abc");
  EXPECT_EQ(Name("'a' 'b' \"c\""), "abc");
  EXPECT_EQ(Name("'it''s'"), "it's");
  EXPECT_EQ(Name("'a\\nb'"), "a\nb");
  EXPECT_EQ(Name("'\\u0041\\t'"), "A\t");
  EXPECT_EQ(Name("'\\101'"), "A");
  EXPECT_EQ(Name("'a\\%'"), "a\\%");
  EXPECT_EQ(Name("r'a\\nb'"), "a\\nb");
}

TEST(ParserExpression, BooleanNullAndBinary) {
  EXPECT_EQ(TypeOf("TRUE"), "bool");
  EXPECT_EQ(TypeOf("null"), "null");
  EXPECT_EQ(TypeOf("X'0A0B'"), "binary");
  EXPECT_EQ(Expr("X'0a0B'"), "X'0A0B'");
  EXPECT_EQ(Expr("X'123'"), "X'0123'");
  EXPECT_EQ(ErrorClassOf(ParseExpression("X'GG'").status()), "INVALID_TYPED_LITERAL");
}

TEST(ParserExpression, DateAndTimestamp) {
  EXPECT_EQ(Expr("DATE '2020-01-02'"), "DATE '2020-01-02'");
  EXPECT_EQ(Expr("DATE '2020-1-2'"), "DATE '2020-01-02'");
  EXPECT_EQ(Expr("TIMESTAMP '2020-01-01 10:00:00'"), "TIMESTAMP '2020-01-01 10:00:00'");
  EXPECT_EQ(Expr("TIMESTAMP '2020-01-01T10:00:00.5Z'"), "TIMESTAMP '2020-01-01 10:00:00.5'");
  EXPECT_EQ(Expr("TIMESTAMP '2020-01-01 10:00:00+01:00'"), "TIMESTAMP '2020-01-01 09:00:00'");
  EXPECT_EQ(Expr("TIMESTAMP_NTZ '2020-01-01 10:00:00'"), "TIMESTAMP_NTZ '2020-01-01 10:00:00'");
  EXPECT_EQ(TypeOf("TIMESTAMP '2020-01-01'"), "timestamp[us, tz=UTC]");
  EXPECT_EQ(TypeOf("TIMESTAMP_NTZ '2020-01-01'"), "timestamp[us]");
  EXPECT_EQ(TypeOf("DATE '1969-12-31'"), "date32[day]");
  auto bad = ParseExpression("DATE '2020-02-30'");
  EXPECT_EQ(ErrorClassOf(bad.status()), "INVALID_TYPED_LITERAL");
  EXPECT_NE(bad.status().message().find("\"DATE\""), std::string::npos);
  EXPECT_EQ(ErrorClassOf(ParseExpression("TIMESTAMP '2020-01-01 25:00:00'").status()), "INVALID_TYPED_LITERAL");
  // Found by the fuzzer: a year this large overflowed the microsecond count.
  EXPECT_EQ(ErrorClassOf(ParseExpression("TIMESTAMP '2928081-01 10:00:00'").status()), "INVALID_TYPED_LITERAL");
  // `date` and `timestamp` are also ordinary names.
  EXPECT_EQ(Expr("date + 1"), "(date + 1)");
}

arrow::MonthDayNanoIntervalType::MonthDayNanos IntervalOf(const std::string& sql) {
  auto e = ParseExpression(sql);
  EXPECT_TRUE(e.ok()) << sql << ": " << e.status().ToString();
  if (!e.ok() || (*e)->kind != ExprKind::kLiteral) return {};
  return static_cast<const arrow::MonthDayNanoIntervalScalar&>(*(*e)->value).value;
}

TEST(ParserExpression, Intervals) {
  constexpr int64_t kHourNanos = 3600LL * 1000000000LL;
  auto v = IntervalOf("INTERVAL '3' DAY");
  EXPECT_EQ(v.days, 3);
  v = IntervalOf("INTERVAL 3 DAYS");
  EXPECT_EQ(v.days, 3);
  v = IntervalOf("INTERVAL '1' YEAR");
  EXPECT_EQ(v.months, 12);
  v = IntervalOf("INTERVAL '2-3' YEAR TO MONTH");
  EXPECT_EQ(v.months, 27);
  v = IntervalOf("INTERVAL '-2-3' YEAR TO MONTH");
  EXPECT_EQ(v.months, -27);
  v = IntervalOf("INTERVAL '1 10:00:00' DAY TO SECOND");
  EXPECT_EQ(v.days, 1);
  EXPECT_EQ(v.nanoseconds, 10 * kHourNanos);
  v = IntervalOf("INTERVAL '10:30' HOUR TO MINUTE");
  EXPECT_EQ(v.nanoseconds, 10 * kHourNanos + 30LL * 60 * 1000000000LL);
  v = IntervalOf("INTERVAL 1 YEAR 2 MONTHS 3 DAYS");
  EXPECT_EQ(v.months, 14);
  EXPECT_EQ(v.days, 3);
  v = IntervalOf("INTERVAL 1.5 SECONDS");
  EXPECT_EQ(v.nanoseconds, 1500000000LL);
  v = IntervalOf("INTERVAL -2 HOURS");
  EXPECT_EQ(v.nanoseconds, -2 * kHourNanos);
  v = IntervalOf("INTERVAL '1 day 2 hours'");
  EXPECT_EQ(v.days, 1);
  EXPECT_EQ(v.nanoseconds, 2 * kHourNanos);
  v = IntervalOf("INTERVAL 2 WEEKS");
  EXPECT_EQ(v.days, 14);
  EXPECT_EQ(Name("INTERVAL '3' DAY"), "INTERVAL '3' DAY");
  EXPECT_EQ(Expr("d + INTERVAL 1 DAY"), "(d + INTERVAL '1' DAY)");
  EXPECT_EQ(ErrorClassOf(ParseExpression("INTERVAL '1-13' YEAR TO MONTH").status()), "INVALID_INTERVAL_FORMAT");
  EXPECT_EQ(ErrorClassOf(ParseExpression("INTERVAL 'x' DAY").status()), "INVALID_INTERVAL_FORMAT");
}

TEST(ParserExpression, ColumnsAndFields) {
  auto e = Parsed("t.a.b");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->kind, ExprKind::kColumn);
  EXPECT_EQ(e->name, (std::vector<std::string>{"t", "a", "b"}));
  EXPECT_EQ(Expr("`a b`.`c``d`"), "`a b`.`c``d`");
  EXPECT_EQ(Parsed("`c``d`")->name[0], "c`d");
  EXPECT_EQ(Expr("a[0]"), "a[0]");
  EXPECT_EQ(Parsed("a[0]")->name[0], "subscript");
  EXPECT_EQ(Expr("a[0].f"), "a[0].f");
  EXPECT_EQ(Parsed("a[0].f")->name[0], "get_struct_field");
  EXPECT_EQ(Expr("m['k'][1]"), "m['k'][1]");
  EXPECT_EQ(Expr("f(x).y"), "f(x).y");
  EXPECT_EQ(Parsed("MyCol")->name[0], "MyCol");
}

TEST(ParserExpression, FunctionCalls) {
  EXPECT_EQ(Expr("UPPER(name)"), "upper(name)");
  EXPECT_EQ(Expr("count(DISTINCT x, y)"), "count(DISTINCT x, y)");
  EXPECT_EQ(Expr("count(*)"), "count(*)");
  auto count = Parsed("count(*)");
  ASSERT_TRUE(count);
  ASSERT_EQ(count->args.size(), 1u);
  EXPECT_EQ(count->args[0]->kind, ExprKind::kStar);
  EXPECT_EQ(Expr("now()"), "now()");
  EXPECT_EQ(Expr("db.f(1)"), "db.f(1)");
  EXPECT_EQ(Expr("sum(x) FILTER (WHERE x > 0)"), "sum(x) FILTER (WHERE (x > 0))");
  EXPECT_TRUE(Parsed("first(x) IGNORE NULLS")->ignore_nulls);
  EXPECT_TRUE(Parsed("first(x IGNORE NULLS)")->ignore_nulls);
  EXPECT_EQ(Expr("first(x, true)"), "first(x, true)");
  EXPECT_EQ(Expr("array(1, 2)"), "array(1, 2)");
  EXPECT_EQ(Expr("map('a', 1)"), "map('a', 1)");
  EXPECT_EQ(Expr("named_struct('a', 1)"), "named_struct('a', 1)");
  EXPECT_EQ(Expr("left(s, 2)"), "left(s, 2)");
  EXPECT_EQ(Expr("f(k => 1)"), "f(named_argument('k', 1))");
}

TEST(ParserExpression, CurrentWithoutParentheses) {
  EXPECT_EQ(Expr("current_date"), "current_date()");
  EXPECT_EQ(Expr("CURRENT_TIMESTAMP"), "current_timestamp()");
  EXPECT_EQ(Expr("current_user"), "current_user()");
  EXPECT_EQ(Expr("current_date()"), "current_date()");
}

TEST(ParserExpression, CaseWhen) {
  EXPECT_EQ(Expr("CASE WHEN a = 1 THEN 'x' ELSE 'y' END"), "CASE WHEN (a = 1) THEN 'x' ELSE 'y' END");
  EXPECT_EQ(Expr("CASE a WHEN 1 THEN 'x' WHEN 2 THEN 'y' END"), "CASE WHEN (a = 1) THEN 'x' WHEN (a = 2) THEN 'y' END");
  EXPECT_EQ(ErrorClassOf(ParseExpression("CASE END").status()), "PARSE_SYNTAX_ERROR");
}

TEST(ParserExpression, Casts) {
  EXPECT_EQ(Expr("CAST(a AS INT)"), "CAST(a AS INT)");
  EXPECT_EQ(Expr("TRY_CAST(a AS decimal(10, 2))"), "TRY_CAST(a AS DECIMAL(10,2))");
  EXPECT_EQ(Expr("a::string"), "CAST(a AS STRING)");
  EXPECT_EQ(Expr("-1::string"), "CAST(-1 AS STRING)");
  EXPECT_EQ(Expr("a::array<int> [0]"), "CAST(a AS ARRAY<INT>)[0]");
  EXPECT_EQ(Expr("CAST(a AS map<string, array<int>>)"), "CAST(a AS MAP<STRING, ARRAY<INT>>)");
  EXPECT_EQ(Expr("CAST(a AS struct<x: int, y string>)"), "CAST(a AS STRUCT<x: INT, y: STRING>)");
  EXPECT_EQ(Expr("a::int < 5"), "(CAST(a AS INT) < 5)");
  EXPECT_EQ(Expr("CAST(a AS varchar(10))"), "CAST(a AS STRING)");
  EXPECT_TRUE(Parsed("TRY_CAST(a AS INT)")->try_cast);
  EXPECT_EQ(ErrorClassOf(ParseExpression("CAST(a AS foo)").status()), "UNSUPPORTED_DATATYPE");
}

TEST(ParserExpression, SpecialForms) {
  EXPECT_EQ(Expr("EXTRACT(YEAR FROM d)"), "extract(YEAR FROM d)");
  auto extract = Parsed("extract(year FROM d)");
  ASSERT_TRUE(extract);
  EXPECT_EQ(extract->args[0]->kind, ExprKind::kLiteral);
  EXPECT_EQ(Expr("SUBSTRING(s FROM 2 FOR 3)"), "substring(s, 2, 3)");
  EXPECT_EQ(Expr("substring(s, 2, 3)"), "substring(s, 2, 3)");
  EXPECT_EQ(Expr("substr(s FROM 2)"), "substr(s, 2)");
  EXPECT_EQ(Expr("POSITION('a' IN s)"), "position('a', s)");
  EXPECT_EQ(Expr("TRIM(s)"), "trim(s)");
  EXPECT_EQ(Expr("TRIM(BOTH FROM s)"), "trim(s)");
  EXPECT_EQ(Expr("TRIM(LEADING 'x' FROM s)"), "ltrim(s, 'x')");
  EXPECT_EQ(Expr("TRIM(TRAILING FROM s)"), "rtrim(s)");
  EXPECT_EQ(Expr("TRIM('x' FROM s)"), "trim(s, 'x')");
  EXPECT_EQ(Expr("OVERLAY(s PLACING 'x' FROM 2 FOR 1)"), "overlay(s, 'x', 2, 1)");
}

TEST(ParserExpression, Lambdas) {
  auto e = Parsed("transform(xs, x -> x + 1)");
  ASSERT_TRUE(e);
  ASSERT_EQ(e->args.size(), 2u);
  EXPECT_EQ(e->args[1]->kind, ExprKind::kLambda);
  EXPECT_EQ(e->args[1]->name, (std::vector<std::string>{"x"}));
  EXPECT_EQ(Expr("aggregate(xs, 0, (acc, x) -> acc + x)"), "aggregate(xs, 0, ((acc, x) -> (acc + x)))");
}

TEST(ParserExpression, Windows) {
  EXPECT_EQ(Expr("sum(x) OVER (PARTITION BY a ORDER BY b DESC ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)"),
            "sum(x) OVER (PARTITION BY a ORDER BY b DESC NULLS LAST ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)");
  EXPECT_EQ(Expr("row_number() OVER (ORDER BY b)"), "row_number() OVER (ORDER BY b ASC NULLS FIRST)");
  EXPECT_EQ(Expr("sum(x) OVER (RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)"),
            "sum(x) OVER (RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)");
  EXPECT_EQ(Expr("sum(x) OVER (ORDER BY d RANGE BETWEEN INTERVAL 1 DAY PRECEDING AND 1 FOLLOWING)"),
            "sum(x) OVER (ORDER BY d ASC NULLS FIRST RANGE BETWEEN INTERVAL '1' DAY PRECEDING AND 1 FOLLOWING)");
  auto w = Parsed("lag(x) OVER (ROWS UNBOUNDED PRECEDING)");
  ASSERT_TRUE(w);
  ASSERT_EQ(w->kind, ExprKind::kWindow);
  EXPECT_TRUE(w->window->has_frame);
  EXPECT_EQ(w->window->frame.type, WindowFrame::Type::kRows);
  EXPECT_EQ(w->window->frame.start.kind, FrameBound::Kind::kUnboundedPreceding);
  EXPECT_EQ(w->window->frame.end.kind, FrameBound::Kind::kCurrentRow);
  EXPECT_EQ(ErrorClassOf(ParseExpression("sum(x) OVER w").status()), "MISSING_WINDOW_SPECIFICATION");
}

// ---- display names (Spark's auto-generated column names)

TEST(ParserDisplayName, MatchesSpark) {
  EXPECT_EQ(Name("a"), "a");
  EXPECT_EQ(Name("t.a"), "a");
  EXPECT_EQ(Name("a + 1"), "(a + 1)");
  EXPECT_EQ(Name("count(*)"), "count(1)");
  EXPECT_EQ(Name("COUNT(1)"), "count(1)");
  EXPECT_EQ(Name("count(DISTINCT x)"), "count(DISTINCT x)");
  EXPECT_EQ(Name("sum(x)"), "sum(x)");
  EXPECT_EQ(Name("upper(name)"), "upper(name)");
  EXPECT_EQ(Name("CAST(1 AS INT)"), "CAST(1 AS INT)");
  EXPECT_EQ(Name("CAST(x AS INT)"), "x");  // Spark names a cast column after the column
  EXPECT_EQ(Name("1"), "1");
  EXPECT_EQ(Name("1L"), "1");
  EXPECT_EQ(Name("1.50"), "1.50");
  EXPECT_EQ(Name("1e3"), "1000.0");
  EXPECT_EQ(Name("1e20"), "1.0E20");
  EXPECT_EQ(Name("a = 1"), "(a = 1)");
  EXPECT_EQ(Name("NOT a"), "(NOT a)");
  EXPECT_EQ(Name("a AND b"), "(a AND b)");
  EXPECT_EQ(Name("CASE WHEN a THEN 1 ELSE 2 END"), "CASE WHEN a THEN 1 ELSE 2 END");
  EXPECT_EQ(Name("NULL"), "NULL");
  EXPECT_EQ(Name("true"), "true");
  EXPECT_EQ(Name("-a"), "(- a)");
  EXPECT_EQ(Name("a IN (1, 2)"), "(a IN (1, 2))");
  EXPECT_EQ(Name("a NOT IN (1, 2)"), "(NOT (a IN (1, 2)))");
  EXPECT_EQ(Name("DATE '2020-01-01'"), "DATE '2020-01-01'");
  EXPECT_EQ(Name("a || b"), "concat(a, b)");
  EXPECT_EQ(Name("row_number() OVER (ORDER BY b)"),
            "row_number() OVER (ORDER BY b ASC NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)");
  EXPECT_EQ(Name("sum(x) OVER (PARTITION BY a)"),
            "sum(x) OVER (PARTITION BY a ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)");
  EXPECT_EQ(Name("s.f"), "f");
  EXPECT_EQ(Name("a[0]"), "a[0]");
  EXPECT_EQ(Name("x AND y AND z"), "((x AND y) AND z)");
}

// ---- positions

TEST(ParserPosition, ExpressionsCarryTheirFirstToken) {
  auto e = Parsed("a + b * c");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->position, 0);
  EXPECT_EQ(e->args[1]->position, 4);
  EXPECT_EQ(e->args[1]->args[1]->position, 8);
  auto f = Parsed("  foo(x, 'y')");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->position, 2);
  EXPECT_EQ(f->args[1]->position, 9);
  EXPECT_EQ(Parsed("-5")->position, 0);
}

TEST(ParserPosition, PlansCarryPositionsWithinTheStatement) {
  auto script = ParseScript("SELECT 1;\n  SELECT a FROM t WHERE b > 1");
  ASSERT_TRUE(script.ok()) << script.status().ToString();
  ASSERT_EQ(script->size(), 2u);
  const auto& second = (*script)[1];
  EXPECT_EQ(second.position, 12);
  EXPECT_EQ(second.text, "SELECT a FROM t WHERE b > 1");
  const auto& project = *second.query;
  EXPECT_EQ(project.kind, PlanKind::kProject);
  EXPECT_EQ(project.position, 0);
  EXPECT_EQ(project.exprs[0]->position, 7);
  const auto& filter = *project.children[0];
  EXPECT_EQ(filter.kind, PlanKind::kFilter);
  EXPECT_EQ(filter.position, 16);
  EXPECT_EQ(filter.condition->position, 22);
  EXPECT_EQ(filter.children[0]->position, 14);
  auto joined = ParseStatement("SELECT * FROM t AS x JOIN (SELECT 1) y ON true");
  ASSERT_TRUE(joined.ok());
  const auto& join = *joined->query->children[0];
  EXPECT_EQ(join.kind, PlanKind::kJoin);
  EXPECT_EQ(join.position, 14);
  EXPECT_EQ(join.children[0]->position, 14);  // SubqueryAlias x at its relation
  EXPECT_EQ(join.children[1]->position, 26);
}

// ---- queries

TEST(ParserQuery, SimpleSelect) {
  EXPECT_EQ(Plan("SELECT a, b AS c, d e FROM t"), "Project [a, b AS c, d AS e]\n  Relation t\n");
  EXPECT_EQ(Plan("select 1"), "Project [1]\n  OneRowRelation\n");
  EXPECT_EQ(Plan("SELECT DISTINCT a FROM t"), "Distinct\n  Project [a]\n    Relation t\n");
  EXPECT_EQ(Plan("SELECT ALL a FROM t;"), "Project [a]\n  Relation t\n");
}

TEST(ParserQuery, Stars) {
  EXPECT_EQ(Plan("SELECT * FROM t"), "Project [*]\n  Relation t\n");
  EXPECT_EQ(Plan("SELECT t.*, s.* FROM t, s"), "Project [t.*, s.*]\n  Join Inner\n    Relation t\n    Relation s\n");
  EXPECT_EQ(Plan("SELECT * EXCEPT (a, b) FROM t"), "Project [* EXCEPT (a, b)]\n  Relation t\n");
  EXPECT_EQ(Plan("SELECT t.* EXCEPT (a) FROM t"), "Project [t.* EXCEPT (a)]\n  Relation t\n");
}

TEST(ParserQuery, IdentifiersKeepTheirSpelling) {
  EXPECT_EQ(Plan("SELECT MyCol FROM MyDb.MyTable"), "Project [MyCol]\n  Relation MyDb.MyTable\n");
  EXPECT_EQ(Plan("SELECT `weird name` FROM `my table`"), "Project [`weird name`]\n  Relation my table\n");
  EXPECT_EQ(Plan("select a from cat.db.tbl"), "Project [a]\n  Relation cat.db.tbl\n");
}

TEST(ParserQuery, WhereGroupByHaving) {
  EXPECT_EQ(Plan("SELECT a, count(*) FROM t WHERE b > 1 GROUP BY a HAVING count(*) > 2"),
            "Filter (count(*) > 2)\n  Aggregate [a], [a, count(*)]\n    Filter (b > 1)\n      Relation t\n");
  EXPECT_EQ(Plan("SELECT sum(x) FROM t HAVING sum(x) > 0"),
            "Filter (sum(x) > 0)\n  Aggregate [], [sum(x)]\n    Relation t\n");
  EXPECT_EQ(Plan("SELECT a, sum(b) FROM t GROUP BY 1"), "Aggregate [1], [a, sum(b)]\n  Relation t\n");
}

TEST(ParserQuery, GroupByAll) {
  auto statement = ParseStatement("SELECT a, sum(b) FROM t GROUP BY ALL");
  ASSERT_TRUE(statement.ok());
  EXPECT_EQ(statement->query->kind, PlanKind::kAggregate);
  EXPECT_TRUE(statement->query->group_by_all);
  EXPECT_TRUE(statement->query->group_by.empty());
}

TEST(ParserQuery, GroupingSets) {
  EXPECT_EQ(Plan("SELECT a, b FROM t GROUP BY ROLLUP(a, b)"),
            "Aggregate [a, b], [a, b] GROUPING SETS ((0, 1), (0), ())\n  Relation t\n");
  EXPECT_EQ(Plan("SELECT a, b FROM t GROUP BY CUBE(a, b)"),
            "Aggregate [a, b], [a, b] GROUPING SETS ((0, 1), (0), (1), ())\n  Relation t\n");
  EXPECT_EQ(Plan("SELECT a, b FROM t GROUP BY GROUPING SETS ((a, b), (a), ())"),
            "Aggregate [a, b], [a, b] GROUPING SETS ((0, 1), (0), ())\n  Relation t\n");
  EXPECT_EQ(Plan("SELECT a, b FROM t GROUP BY a, b WITH ROLLUP"),
            "Aggregate [a, b], [a, b] GROUPING SETS ((0, 1), (0), ())\n  Relation t\n");
  EXPECT_EQ(Plan("SELECT a, b, c FROM t GROUP BY a, ROLLUP(b, c)"),
            "Aggregate [a, b, c], [a, b, c] GROUPING SETS ((0, 1, 2), (0, 1), (0))\n  Relation t\n");
  EXPECT_EQ(ErrorClassOf(StatementError("SELECT 1 FROM t GROUP BY CUBE(a,b,c,d,e,f,g,h,i,j,k,l,m)")),
            "GROUPING_SIZE_LIMIT_EXCEEDED");
}

TEST(ParserQuery, OrderByLimitOffset) {
  EXPECT_EQ(Plan("SELECT a FROM t ORDER BY a DESC, b NULLS LAST, c ASC NULLS FIRST LIMIT 10 OFFSET 5"),
            "Limit 10 OFFSET 5\n  Sort [a DESC NULLS LAST, b ASC NULLS LAST, c ASC NULLS FIRST]\n"
            "    Project [a]\n      Relation t\n");
  EXPECT_EQ(Plan("SELECT a FROM t ORDER BY 1"), "Sort [1 ASC NULLS FIRST]\n  Project [a]\n    Relation t\n");
  EXPECT_EQ(Plan("SELECT a FROM t LIMIT ALL"), "Project [a]\n  Relation t\n");
  EXPECT_EQ(Plan("SELECT a FROM t OFFSET 3"), "Limit ALL OFFSET 3\n  Project [a]\n    Relation t\n");
  EXPECT_EQ(Plan("SELECT a FROM t LIMIT 2 * (1 + 2)"), "Limit 6\n  Project [a]\n    Relation t\n");
  EXPECT_EQ(ErrorClassOf(StatementError("SELECT a FROM t LIMIT -1")), "INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE");
  EXPECT_EQ(ErrorClassOf(StatementError("SELECT a FROM t LIMIT a")), "INVALID_LIMIT_LIKE_EXPRESSION.DATA_TYPE");
}

TEST(ParserQuery, Joins) {
  EXPECT_EQ(Plan("SELECT * FROM a JOIN b ON a.x = b.x LEFT JOIN c USING (y) CROSS JOIN d"),
            "Project [*]\n  Join Cross\n    Join LeftOuter USING (y)\n      Join Inner, (a.x = b.x)\n"
            "        Relation a\n        Relation b\n      Relation c\n    Relation d\n");
  EXPECT_EQ(Plan("SELECT * FROM a LEFT OUTER JOIN b ON p RIGHT JOIN c ON q FULL OUTER JOIN d ON r"),
            "Project [*]\n  Join FullOuter, r\n    Join RightOuter, q\n      Join LeftOuter, p\n"
            "        Relation a\n        Relation b\n      Relation c\n    Relation d\n");
  EXPECT_EQ(Plan("SELECT * FROM a LEFT SEMI JOIN b ON p ANTI JOIN c ON q"),
            "Project [*]\n  Join LeftAnti, q\n    Join LeftSemi, p\n      Relation a\n      Relation b\n"
            "    Relation c\n");
  EXPECT_EQ(Plan("SELECT * FROM a NATURAL JOIN b"), "Project [*]\n  Join NaturalInner\n    Relation a\n    Relation b\n");
  EXPECT_EQ(Plan("SELECT * FROM a NATURAL LEFT JOIN b"),
            "Project [*]\n  Join NaturalLeftOuter\n    Relation a\n    Relation b\n");
  EXPECT_EQ(Plan("SELECT * FROM (a JOIN b ON p) JOIN c ON q"),
            "Project [*]\n  Join Inner, q\n    Join Inner, p\n      Relation a\n      Relation b\n    Relation c\n");
}

TEST(ParserQuery, TableAliases) {
  EXPECT_EQ(Plan("SELECT * FROM t AS x"), "Project [*]\n  SubqueryAlias x\n    Relation t\n");
  EXPECT_EQ(Plan("SELECT * FROM t x JOIN s y ON x.a = y.a"),
            "Project [*]\n  Join Inner, (x.a = y.a)\n    SubqueryAlias x\n      Relation t\n"
            "    SubqueryAlias y\n      Relation s\n");
  EXPECT_EQ(Plan("SELECT * FROM (SELECT 1, 2) AS t(a, b)"),
            "Project [*]\n  SubqueryAlias t(a, b)\n    Project [1, 2]\n      OneRowRelation\n");
  EXPECT_EQ(Plan("SELECT * FROM (SELECT 1)"), "Project [*]\n  Project [1]\n    OneRowRelation\n");
  EXPECT_EQ(Plan("SELECT * FROM ((SELECT 1) UNION (SELECT 2)) u"),
            "Project [*]\n  SubqueryAlias u\n    Union\n      Project [1]\n        OneRowRelation\n"
            "      Project [2]\n        OneRowRelation\n");
}

TEST(ParserQuery, FileTablesAndTimeTravel) {
  auto relation = [](const std::string& sql) -> TableReference {
    auto s = ParseStatement(sql);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    if (!s.ok()) return {};
    const LogicalPlan* p = s->query.get();
    while (p->kind != PlanKind::kRelation && !p->children.empty()) p = p->children[0].get();
    return p->table;
  };
  auto t = relation("SELECT * FROM delta.`/data/t`");
  EXPECT_EQ(t.format, "delta");
  EXPECT_EQ(t.path, "/data/t");
  EXPECT_TRUE(t.name.empty());
  t = relation("SELECT * FROM PARQUET.`s3://b/p` x");
  EXPECT_EQ(t.format, "parquet");
  EXPECT_EQ(t.path, "s3://b/p");
  t = relation("SELECT * FROM csv.`f.csv`");
  EXPECT_EQ(t.format, "csv");
  t = relation("SELECT * FROM delta.events");  // a table in schema `delta`
  EXPECT_EQ(t.format, "");
  EXPECT_EQ(t.name, (std::vector<std::string>{"delta", "events"}));
  t = relation("SELECT * FROM delta.`/data/t` VERSION AS OF 3");
  EXPECT_EQ(t.version, 3);
  t = relation("SELECT * FROM t FOR SYSTEM_VERSION AS OF 4 AS x");
  EXPECT_EQ(t.version, 4);
  t = relation("SELECT * FROM t TIMESTAMP AS OF '2024-01-01'");
  EXPECT_EQ(t.timestamp, "2024-01-01");
  t = relation("SELECT * FROM delta.`/data/t@v7`");
  EXPECT_EQ(t.path, "/data/t");
  EXPECT_EQ(t.version, 7);
  t = relation("SELECT * FROM `events@v2`");
  EXPECT_EQ(t.name, (std::vector<std::string>{"events"}));
  EXPECT_EQ(t.version, 2);
}

TEST(ParserQuery, SetOperations) {
  EXPECT_EQ(Plan("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3"),
            "Union\n  Project [1]\n    OneRowRelation\n  Intersect\n    Project [2]\n      OneRowRelation\n"
            "    Project [3]\n      OneRowRelation\n");
  EXPECT_EQ(Plan("SELECT 1 UNION ALL SELECT 2 EXCEPT SELECT 3"),
            "Except\n  Union All\n    Project [1]\n      OneRowRelation\n    Project [2]\n      OneRowRelation\n"
            "  Project [3]\n    OneRowRelation\n");
  EXPECT_EQ(Plan("SELECT 1 MINUS SELECT 2"),
            "Except\n  Project [1]\n    OneRowRelation\n  Project [2]\n    OneRowRelation\n");
  EXPECT_EQ(Plan("SELECT 1 INTERSECT ALL SELECT 2"),
            "Intersect All\n  Project [1]\n    OneRowRelation\n  Project [2]\n    OneRowRelation\n");
  EXPECT_EQ(Plan("SELECT a FROM t UNION DISTINCT SELECT b FROM s ORDER BY 1 LIMIT 3"),
            "Limit 3\n  Sort [1 ASC NULLS FIRST]\n    Union\n      Project [a]\n        Relation t\n"
            "      Project [b]\n        Relation s\n");
  EXPECT_EQ(Plan("(SELECT a FROM t LIMIT 1) UNION ALL (SELECT b FROM s)"),
            "Union All\n  Limit 1\n    Project [a]\n      Relation t\n  Project [b]\n    Relation s\n");
}

TEST(ParserQuery, Ctes) {
  EXPECT_EQ(Plan("WITH a AS (SELECT 1 AS x), b (y) AS (SELECT x FROM a) SELECT * FROM b"),
            "CTE [a, b]\n  CTE a\n    Project [1 AS x]\n      OneRowRelation\n  CTE b\n    SubqueryAlias b(y)\n"
            "      Project [x]\n        Relation a\n  Project [*]\n    Relation b\n");
  EXPECT_EQ(ErrorClassOf(StatementError("WITH RECURSIVE r AS (SELECT 1) SELECT * FROM r")),
            "UNSUPPORTED_FEATURE.RECURSIVE_CTE");
  EXPECT_EQ(ErrorClassOf(StatementError("WITH a AS (SELECT 1), A AS (SELECT 2) SELECT 1")), "DUPLICATED_CTE_NAMES");
}

TEST(ParserQuery, Values) {
  EXPECT_EQ(Plan("VALUES (1, 'a'), (2, 'b')"), "LocalRelation [(1, 'a'), (2, 'b')]\n");
  EXPECT_EQ(Plan("VALUES 1, 2"), "LocalRelation [(1), (2)]\n");
  EXPECT_EQ(Plan("SELECT a FROM VALUES (1), (2) AS t(a)"),
            "Project [a]\n  SubqueryAlias t(a)\n    LocalRelation [(1), (2)]\n");
  EXPECT_EQ(Plan("SELECT * FROM (VALUES (1, 2)) t"), "Project [*]\n  SubqueryAlias t\n    LocalRelation [(1, 2)]\n");
}

TEST(ParserQuery, LateralView) {
  EXPECT_EQ(Plan("SELECT a, x FROM t LATERAL VIEW explode(arr) e AS x WHERE x > 0"),
            "Project [a, x]\n  Filter (x > 0)\n    Generate [explode(arr)] e AS (x)\n      Relation t\n");
  EXPECT_EQ(Plan("SELECT * FROM t LATERAL VIEW OUTER posexplode(arr) e AS p, v LATERAL VIEW inline(s) i"),
            "Project [*]\n  Generate [inline(s)] i\n    Generate OUTER [posexplode(arr)] e AS (p, v)\n"
            "      Relation t\n");
  EXPECT_EQ(Plan("SELECT explode(m) AS (k, v) FROM t"), "Project [explode(m) AS (k, v)]\n  Relation t\n");
  auto s = ParseStatement("SELECT explode(m) AS (k, v) FROM t");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->query->exprs[0]->name, (std::vector<std::string>{"k", "v"}));
}

TEST(ParserQuery, WindowClauseAndQualify) {
  EXPECT_EQ(Plan("SELECT a, rank() OVER w AS r FROM t WINDOW w AS (PARTITION BY b ORDER BY c) QUALIFY r = 1"),
            "Filter (r = 1)\n  Project [a, rank() OVER (PARTITION BY b ORDER BY c ASC NULLS FIRST) AS r]\n"
            "    Relation t\n");
  EXPECT_EQ(Plan("SELECT sum(x) OVER (w ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM t WINDOW w AS (ORDER BY c)"),
            "Project [sum(x) OVER (ORDER BY c ASC NULLS FIRST ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING)]\n"
            "  Relation t\n");
  EXPECT_EQ(Plan("SELECT a FROM t QUALIFY row_number() OVER (ORDER BY a) = 1"),
            "Filter (row_number() OVER (ORDER BY a ASC NULLS FIRST) = 1)\n  Project [a]\n    Relation t\n");
  EXPECT_EQ(ErrorClassOf(StatementError("SELECT sum(x) OVER v FROM t WINDOW w AS (ORDER BY c)")),
            "MISSING_WINDOW_SPECIFICATION");
}

TEST(ParserQuery, SubqueriesInWhere) {
  EXPECT_EQ(Plan("SELECT a FROM t WHERE EXISTS (SELECT 1 FROM s WHERE s.b = t.b) AND a IN (SELECT c FROM u)"),
            "Project [a]\n  Filter (EXISTS (Project [1] <- Filter (s.b = t.b) <- Relation s) AND "
            "(a IN (Project [c] <- Relation u)))\n    Relation t\n");
}

TEST(ParserQuery, CommentsAreIgnored) {
  EXPECT_EQ(Plan("SELECT /* a /* nested */ comment */ a -- trailing\nFROM t"), "Project [a]\n  Relation t\n");
  EXPECT_EQ(Plan("SELECT /*+ BROADCAST(t) */ a FROM t"), "Project [a]\n  Relation t\n");
}

TEST(ParserQuery, TableStatement) {
  EXPECT_EQ(Plan("TABLE t"), "Project [*]\n  Relation t\n");
}

// ---- statements

TEST(ParserStatement, Explain) {
  auto s = ParseStatement("EXPLAIN EXTENDED SELECT 1");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->kind, StatementKind::kExplain);
  EXPECT_TRUE(s->extended);
  s = ParseStatement("explain formatted select 1");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->name, "formatted");
  EXPECT_FALSE(s->extended);
  s = ParseStatement("EXPLAIN SELECT 1");
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->query);
}

TEST(ParserStatement, ShowAndDescribeFunctions) {
  auto s = ParseStatement("SHOW FUNCTIONS");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->kind, StatementKind::kShowFunctions);
  s = ParseStatement("SHOW SYSTEM FUNCTIONS LIKE 'to_*'");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->name, "system");
  EXPECT_EQ(s->pattern, "to_*");
  s = ParseStatement("SHOW FUNCTIONS 'a*|b*'");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->pattern, "a*|b*");
  s = ParseStatement("DESCRIBE FUNCTION EXTENDED upper");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->kind, StatementKind::kDescribeFunction);
  EXPECT_TRUE(s->extended);
  EXPECT_EQ(s->name, "upper");
  s = ParseStatement("DESC FUNCTION +");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->name, "+");
}

TEST(ParserStatement, DescribeQueryAndTable) {
  auto s = ParseStatement("DESCRIBE QUERY SELECT a FROM t");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->kind, StatementKind::kDescribeQuery);
  EXPECT_EQ(ToString(*s->query), "Project [a]\n  Relation t\n");
  s = ParseStatement("DESCRIBE SELECT 1");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->query->kind, PlanKind::kProject);
  s = ParseStatement("DESCRIBE delta.`/data/t`");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->query->kind, PlanKind::kRelation);
  EXPECT_EQ(s->query->table.path, "/data/t");
  s = ParseStatement("DESC TABLE db.t");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->query->table.name, (std::vector<std::string>{"db", "t"}));
}

TEST(ParserStatement, Set) {
  auto s = ParseStatement("SET");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->kind, StatementKind::kSetConfig);
  EXPECT_EQ(s->name, "");
  s = ParseStatement("SET spark.sql.ansi.enabled");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->name, "spark.sql.ansi.enabled");
  EXPECT_EQ(s->value, "");
  s = ParseStatement("SET spark.sql.shuffle.partitions = 8");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->name, "spark.sql.shuffle.partitions");
  EXPECT_EQ(s->value, "8");
  s = ParseStatement("set a.b=hello world ;");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->name, "a.b");
  EXPECT_EQ(s->value, "hello world");
  s = ParseStatement("SET TIME ZONE 'UTC'");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->name, "spark.sql.session.timeZone");
  EXPECT_EQ(s->value, "UTC");
}

TEST(ParserStatement, TempViews) {
  auto s = ParseStatement("CREATE OR REPLACE TEMPORARY VIEW v (a, b) AS SELECT 1, 2");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->kind, StatementKind::kCreateTempView);
  EXPECT_TRUE(s->or_replace);
  EXPECT_EQ(s->name, "v");
  EXPECT_EQ(s->column_names, (std::vector<std::string>{"a", "b"}));
  s = ParseStatement("CREATE TEMP VIEW IF NOT EXISTS v AS SELECT 1");
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->if_exists);
  s = ParseStatement("DROP VIEW IF EXISTS v");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->kind, StatementKind::kDropTempView);
  EXPECT_TRUE(s->if_exists);
  EXPECT_EQ(s->name, "v");
}

TEST(ParserStatement, UnsupportedStatements) {
  auto status = StatementError("GRANT SELECT ON TABLE t TO alice");
  EXPECT_EQ(ErrorClassOf(status), "UNSUPPORTED_STATEMENT");
  EXPECT_NE(status.message().find("GRANT"), std::string::npos);
  EXPECT_EQ(ErrorClassOf(StatementError("CACHE TABLE t")), "UNSUPPORTED_STATEMENT");
  EXPECT_EQ(ErrorClassOf(StatementError("SHOW GRANTS")), "UNSUPPORTED_STATEMENT");
  EXPECT_EQ(ErrorClassOf(StatementError("CREATE INDEX i ON t (a)")), "UNSUPPORTED_STATEMENT");
  EXPECT_EQ(ErrorClassOf(StatementError("FOO BAR")), "PARSE_SYNTAX_ERROR");
}

TEST(ParserStatement, ScriptSplitting) {
  auto script = ParseScript("SELECT ';' AS s; -- a comment; with a semicolon\n; SELECT 2;;");
  ASSERT_TRUE(script.ok()) << script.status().ToString();
  ASSERT_EQ(script->size(), 2u);
  EXPECT_EQ((*script)[0].text, "SELECT ';' AS s");
  EXPECT_EQ((*script)[0].position, 0);
  EXPECT_EQ((*script)[1].text, "SELECT 2");
  auto empty = ParseScript("  -- nothing\n ; ");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
  EXPECT_EQ(ErrorClassOf(ParseStatement("SELECT 1; SELECT 2").status()), "PARSE_SYNTAX_ERROR");
}

// ---- errors

TEST(ParserError, SyntaxErrorPositions) {
  auto status = StatementError("SELECT a FROM t WHERE");
  EXPECT_EQ(ErrorClassOf(status), "PARSE_SYNTAX_ERROR");
  EXPECT_EQ(status.message(), "[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. (line 1, pos 21)");
  status = StatementError("SELECT a FROM t\nWHERE a = = 1");
  EXPECT_EQ(status.message(), "[PARSE_SYNTAX_ERROR] Syntax error at or near '='. (line 2, pos 10)");
  status = StatementError("SELECT 1;\nSELEC 2");
  EXPECT_EQ(status.message(), "[PARSE_SYNTAX_ERROR] Syntax error at or near 'SELEC'. (line 2, pos 0)");
  status = StatementError("SELECT (1 + 2");
  EXPECT_EQ(status.message(), "[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. (line 1, pos 13)");
  status = StatementError("SELECT a FROM t t2 t3");
  EXPECT_EQ(status.message(), "[PARSE_SYNTAX_ERROR] Syntax error at or near 't3'. (line 1, pos 19)");
  status = StatementError("SELECT FROM t");
  EXPECT_EQ(status.message(), "[PARSE_SYNTAX_ERROR] Syntax error at or near 'FROM'. (line 1, pos 7)");
  status = StatementError("SELECT 'abc");
  EXPECT_EQ(ErrorClassOf(status), "PARSE_SYNTAX_ERROR");
  status = StatementError("SELECT a # b");
  EXPECT_EQ(status.message(), "[PARSE_SYNTAX_ERROR] Syntax error at or near '#'. (line 1, pos 9)");
}

TEST(ParserError, UnclosedComment) {
  auto status = StatementError("SELECT 1 /* never /* closed */");
  EXPECT_EQ(ErrorClassOf(status), "UNCLOSED_BRACKETED_COMMENT");
}

TEST(ParserError, DeepNestingFailsCleanly) {
  std::string deep(5000, '(');
  deep = "SELECT " + deep + "1" + std::string(5000, ')');
  auto status = StatementError(deep);
  EXPECT_EQ(ErrorClassOf(status), "PARSE_SYNTAX_ERROR");
  EXPECT_NE(status.message().find("too deeply nested"), std::string::npos);
  std::string nots;
  for (int i = 0; i < 5000; ++i) nots += "NOT ";
  EXPECT_FALSE(ParseExpression(nots + "a").ok());
  std::string minus(5000, '-');
  EXPECT_FALSE(ParseExpression(minus + "a").ok());
  std::string subqueries;
  for (int i = 0; i < 2000; ++i) subqueries += "SELECT * FROM (";
  EXPECT_FALSE(ParseStatement(subqueries).ok());
  // Moderate nesting is fine.
  std::string ok = "SELECT " + std::string(200, '(') + "1" + std::string(200, ')');
  EXPECT_TRUE(ParseStatement(ok).ok());
}

TEST(ParserError, LongChainsStayBounded) {
  std::string sum = "SELECT 1";
  for (int i = 0; i < 5000; ++i) sum += " + 1";
  EXPECT_TRUE(ParseStatement(sum).ok());
  std::string ors = "SELECT a FROM t WHERE a = 0";
  for (int i = 0; i < 20000; ++i) ors += " OR a = 1";
  EXPECT_TRUE(ParseStatement(ors).ok());
  std::string too_long = "SELECT 1";
  for (int i = 0; i < 20000; ++i) too_long += " + 1";
  EXPECT_EQ(ErrorClassOf(StatementError(too_long)), "PARSE_SYNTAX_ERROR");
}

TEST(ParserError, InvalidIdentifierAndEscape) {
  EXPECT_EQ(ErrorClassOf(StatementError("SELECT * FROM ``")), "INVALID_IDENTIFIER");
  auto status = StatementError("SELECT * FROM my-table-2 WHERE a - b > 0");
  EXPECT_EQ(ErrorClassOf(status), "INVALID_IDENTIFIER");
  EXPECT_NE(status.message().find("back quoted as: `my-table-2`"), std::string::npos);
  EXPECT_TRUE(ParseStatement("SELECT * FROM `my-table`").ok());
  EXPECT_EQ(ErrorClassOf(ParseExpression("a LIKE 'x' ESCAPE 'ab'").status()), "INVALID_ESCAPE_CHAR");
}

TEST(ParserError, ExpressionMustBeComplete) {
  EXPECT_EQ(ErrorClassOf(ParseExpression("a +").status()), "PARSE_SYNTAX_ERROR");
  EXPECT_EQ(ErrorClassOf(ParseExpression("a b").status()), "PARSE_SYNTAX_ERROR");
  EXPECT_EQ(ErrorClassOf(ParseExpression("").status()), "PARSE_SYNTAX_ERROR");
  EXPECT_EQ(Expr("price > 0 AND qty >= 1"), "((price > 0) AND (qty >= 1))");
}

}  // namespace
}  // namespace tarn::sql
