#include "storage/delta/file_statistics.h"

#include <arrow/api.h>
#include <arrow/json/from_string.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "storage/delta/partition_path.h"
#include "storage/delta/value_parser.h"

namespace tarn::delta {
namespace {

std::shared_ptr<arrow::Table> OneColumn(const std::string& name, const std::shared_ptr<arrow::DataType>& type,
                                        const std::string& values) {
  auto arr = arrow::json::ArrayFromJSONString(type, values).ValueOrDie();
  return arrow::Table::Make(arrow::schema({arrow::field(name, type)}), {arr});
}

TEST(FileStatisticsTest, NumbersDecimalsDatesAndNulls) {
  auto t = arrow::Table::Make(
      arrow::schema({arrow::field("i", arrow::int32()), arrow::field("d", arrow::decimal128(38, 2)),
                     arrow::field("day", arrow::date32())}),
      {arrow::json::ArrayFromJSONString(arrow::int32(), "[3, null, -7]").ValueOrDie(),
       arrow::json::ArrayFromJSONString(arrow::decimal128(38, 2), R"(["12345678901234567890.12", "-1.50", null])").ValueOrDie(),
       arrow::json::ArrayFromJSONString(arrow::date32(), "[19000, 0, null]").ValueOrDie()});
  auto stats = nlohmann::json::parse(ComputeFileStatistics(*t).ValueOrDie());
  EXPECT_EQ(stats["numRecords"], 3);
  EXPECT_EQ(stats["minValues"]["i"], -7);
  EXPECT_EQ(stats["maxValues"]["i"], 3);
  EXPECT_EQ(stats["nullCount"]["i"], 1);
  EXPECT_EQ(stats["minValues"]["day"], "1970-01-01");
  EXPECT_EQ(stats["maxValues"]["day"], "2022-01-08");
  // Decimals are exact JSON numbers, not doubles.
  auto text = ComputeFileStatistics(*t).ValueOrDie();
  EXPECT_NE(text.find("\"d\":12345678901234567890.12"), std::string::npos) << text;
  EXPECT_NE(text.find("\"d\":-1.50"), std::string::npos) << text;
}

TEST(FileStatisticsTest, LongStringsAreTruncatedSafely) {
  std::string long_value(40, 'z');
  auto t = OneColumn("s", arrow::utf8(), "[\"apple\", \"" + long_value + "\"]");
  auto stats = nlohmann::json::parse(ComputeFileStatistics(*t).ValueOrDie());
  EXPECT_EQ(stats["minValues"]["s"], "apple");
  std::string max = stats["maxValues"]["s"];
  EXPECT_EQ(max.substr(0, 32), std::string(32, 'z'));
  EXPECT_GT(max, long_value);  // still an upper bound after truncation
}

TEST(FileStatisticsTest, NestedStructsAndIndexedColumnLimit) {
  auto type = arrow::struct_({arrow::field("a", arrow::int64()), arrow::field("b", arrow::utf8())});
  auto t = OneColumn("st", type, R"([{"a": 1, "b": "x"}, null, {"a": 5, "b": null}])");
  auto stats = nlohmann::json::parse(ComputeFileStatistics(*t).ValueOrDie());
  EXPECT_EQ(stats["minValues"]["st"]["a"], 1);
  EXPECT_EQ(stats["maxValues"]["st"]["a"], 5);
  EXPECT_EQ(stats["nullCount"]["st"]["b"], 2);
  auto limited = nlohmann::json::parse(ComputeFileStatistics(*t, 1).ValueOrDie());
  EXPECT_TRUE(limited["minValues"]["st"].contains("a"));
  EXPECT_FALSE(limited["nullCount"]["st"].contains("b"));
}

TEST(ValueParserTest, PartitionValueFormsRoundTrip) {
  auto ts_type = arrow::timestamp(arrow::TimeUnit::MICRO, "UTC");
  auto ts = ParseScalar("2024-02-29 23:59:59.123456", ts_type).ValueOrDie();
  EXPECT_EQ(FormatPartitionValue(*ts).ValueOrDie().value(), "2024-02-29 23:59:59.123456");
  EXPECT_EQ(ParseTimestampMicros("1970-01-01T00:00:01.5Z").ValueOrDie(), 1500000);
  EXPECT_EQ(ParseTimestampMicros("1970-01-01T01:00:00+01:00").ValueOrDie(), 0);
  EXPECT_EQ(FormatDate(ParseDateDays("1900-03-01").ValueOrDie()), "1900-03-01");
  EXPECT_FALSE(ParseScalar("12x", arrow::int32()).ok());
  EXPECT_FALSE(ParseScalar("99999999999", arrow::int32()).ok());
}

TEST(PartitionPathTest, HiveEscapingAndUriEncoding) {
  EXPECT_EQ(EscapePartitionValue("a/b=c%d e"), "a%2Fb%3Dc%25d e");
  EXPECT_EQ(EncodePathUri("x=a%2Fb c/part.parquet"), "x=a%252Fb%20c/part.parquet");
  EXPECT_EQ(DecodePathUri("x=a%252Fb%20c/part.parquet"), "x=a%2Fb c/part.parquet");
}

}  // namespace
}  // namespace tarn::delta
