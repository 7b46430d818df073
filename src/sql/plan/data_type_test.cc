#include "sql/plan/data_type.h"

#include <arrow/type.h>
#include <gtest/gtest.h>

#include "errors/error_class.h"

namespace tarn::sql {
namespace {

std::string Parsed(const std::string& text) {
  auto type = ParseDataType(text);
  if (!type.ok()) return "ERROR " + ErrorClassOf(type.status());
  return SparkTypeName(**type);
}

TEST(DataTypeParse, Primitives) {
  EXPECT_EQ(Parsed("boolean"), "boolean");
  EXPECT_EQ(Parsed("TINYINT"), "tinyint");
  EXPECT_EQ(Parsed("byte"), "tinyint");
  EXPECT_EQ(Parsed("smallint"), "smallint");
  EXPECT_EQ(Parsed("Short"), "smallint");
  EXPECT_EQ(Parsed("int"), "int");
  EXPECT_EQ(Parsed("INTEGER"), "int");
  EXPECT_EQ(Parsed("bigint"), "bigint");
  EXPECT_EQ(Parsed("long"), "bigint");
  EXPECT_EQ(Parsed("float"), "float");
  EXPECT_EQ(Parsed("real"), "float");
  EXPECT_EQ(Parsed("double"), "double");
  EXPECT_EQ(Parsed("string"), "string");
  EXPECT_EQ(Parsed("varchar(10)"), "string");
  EXPECT_EQ(Parsed("char(3)"), "string");
  EXPECT_EQ(Parsed("binary"), "binary");
  EXPECT_EQ(Parsed("date"), "date");
  EXPECT_EQ(Parsed("void"), "void");
  EXPECT_EQ(Parsed("  int  "), "int");
}

TEST(DataTypeParse, Decimals) {
  EXPECT_EQ(Parsed("decimal"), "decimal(10,0)");
  EXPECT_EQ(Parsed("DECIMAL(5)"), "decimal(5,0)");
  EXPECT_EQ(Parsed("decimal(10, 2)"), "decimal(10,2)");
  EXPECT_EQ(Parsed("dec(38,38)"), "decimal(38,38)");
  EXPECT_EQ(Parsed("numeric(7,3)"), "decimal(7,3)");
  EXPECT_EQ(Parsed("decimal(39,0)"), "ERROR DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION");
  EXPECT_EQ(Parsed("decimal(5,6)"), "ERROR UNSUPPORTED_DATATYPE");
}

TEST(DataTypeParse, Timestamps) {
  auto ts = ParseDataType("timestamp");
  ASSERT_TRUE(ts.ok());
  EXPECT_TRUE((*ts)->Equals(arrow::timestamp(arrow::TimeUnit::MICRO, "UTC")));
  auto ntz = ParseDataType("TIMESTAMP_NTZ");
  ASSERT_TRUE(ntz.ok());
  EXPECT_TRUE((*ntz)->Equals(arrow::timestamp(arrow::TimeUnit::MICRO)));
  EXPECT_EQ(Parsed("timestamp_ltz"), "timestamp");
  EXPECT_EQ(Parsed("timestamp_ntz"), "timestamp_ntz");
}

TEST(DataTypeParse, Nested) {
  EXPECT_EQ(Parsed("array<int>"), "array<int>");
  EXPECT_EQ(Parsed("ARRAY < ARRAY<string> >"), "array<array<string>>");
  EXPECT_EQ(Parsed("map<string,int>"), "map<string,int>");
  EXPECT_EQ(Parsed("map<string, array<map<int,double>>>"), "map<string,array<map<int,double>>>");
  EXPECT_EQ(Parsed("struct<a:int,b:string>"), "struct<a:int,b:string>");
  EXPECT_EQ(Parsed("struct<a: int, b string>"), "struct<a:int,b:string>");
  EXPECT_EQ(Parsed("struct<`a b`: int NOT NULL COMMENT 'x', c: array<int>>"), "struct<a b:int,c:array<int>>");
  EXPECT_EQ(Parsed("struct<>"), "struct<>");
  auto s = ParseDataType("struct<a: int not null>");
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE((*s)->field(0)->nullable());
}

TEST(DataTypeParse, Intervals) {
  auto ym = ParseDataType("interval year to month");
  ASSERT_TRUE(ym.ok());
  EXPECT_TRUE((*ym)->Equals(arrow::month_interval()));
  EXPECT_EQ(Parsed("INTERVAL YEAR"), "interval year to month");
  auto dt = ParseDataType("interval day to second");
  ASSERT_TRUE(dt.ok());
  EXPECT_TRUE((*dt)->Equals(arrow::duration(arrow::TimeUnit::MICRO)));
  EXPECT_EQ(Parsed("interval hour to minute"), "interval day to second");
  EXPECT_EQ(Parsed("interval"), "interval");
  EXPECT_EQ(Parsed("interval day to month"), "ERROR PARSE_SYNTAX_ERROR");
}

TEST(DataTypeParse, Errors) {
  EXPECT_EQ(Parsed("foo"), "ERROR UNSUPPORTED_DATATYPE");
  EXPECT_EQ(Parsed("array<int"), "ERROR PARSE_SYNTAX_ERROR");
  EXPECT_EQ(Parsed("int int"), "ERROR PARSE_SYNTAX_ERROR");
  EXPECT_EQ(Parsed(""), "ERROR PARSE_SYNTAX_ERROR");
  EXPECT_EQ(Parsed("varchar"), "ERROR DATATYPE_MISSING_SIZE");
  EXPECT_EQ(Parsed("map<int>"), "ERROR PARSE_SYNTAX_ERROR");
  auto status = ParseDataType("array<int").status();
  EXPECT_EQ(status.message(), "[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. (line 1, pos 9)");
  std::string deep;
  for (int i = 0; i < 1000; ++i) deep += "array<";
  EXPECT_EQ(Parsed(deep + "int" + std::string(1000, '>')), "ERROR PARSE_SYNTAX_ERROR");
}

TEST(DataTypeParse, PrefixParsingStopsAfterTheType) {
  std::string sql = "x::array<int>[0] + 1";
  size_t offset = 3;
  auto type = ParseDataTypeAt(sql, &offset);
  ASSERT_TRUE(type.ok());
  EXPECT_EQ(SparkTypeName(**type), "array<int>");
  EXPECT_EQ(offset, 13u);
}

TEST(DataTypeName, SimpleStrings) {
  EXPECT_EQ(SparkTypeName(*arrow::utf8()), "string");
  EXPECT_EQ(SparkTypeName(*arrow::large_utf8()), "string");
  EXPECT_EQ(SparkTypeName(*arrow::int32()), "int");
  EXPECT_EQ(SparkTypeName(*arrow::int64()), "bigint");
  EXPECT_EQ(SparkTypeName(*arrow::decimal128(10, 2)), "decimal(10,2)");
  EXPECT_EQ(SparkTypeName(*arrow::list(arrow::int32())), "array<int>");
  EXPECT_EQ(SparkTypeName(*arrow::map(arrow::utf8(), arrow::int32())), "map<string,int>");
  EXPECT_EQ(SparkTypeName(*arrow::struct_({arrow::field("a", arrow::int32()), arrow::field("b", arrow::utf8())})),
            "struct<a:int,b:string>");
  EXPECT_EQ(SparkTypeName(*arrow::timestamp(arrow::TimeUnit::MICRO, "UTC")), "timestamp");
  EXPECT_EQ(SparkTypeName(*arrow::timestamp(arrow::TimeUnit::MICRO)), "timestamp_ntz");
  EXPECT_EQ(SparkTypeName(*arrow::date32()), "date");
  EXPECT_EQ(SparkTypeName(*arrow::null()), "void");
  EXPECT_EQ(SparkTypeName(*arrow::boolean()), "boolean");
  EXPECT_EQ(SparkTypeSql(*arrow::struct_({arrow::field("a b", arrow::int32())})), "STRUCT<`a b`: INT>");
  EXPECT_EQ(SparkTypeSql(*arrow::map(arrow::utf8(), arrow::list(arrow::int64()))), "MAP<STRING, ARRAY<BIGINT>>");
}

}  // namespace
}  // namespace tarn::sql
