#include "files/read_files.h"

#include <filesystem>
#include <fstream>

#include <arrow/api.h>
#include <arrow/io/file.h>
#include <gtest/gtest.h>
#include <parquet/arrow/writer.h>

#include "errors/error_class.h"

namespace tarn::files {
namespace {

namespace fs = std::filesystem;

class ReadFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("tarn_files_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& rel, const std::string& content) {
    fs::path p = dir_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }

  static ReadOptions Csv(OptionMap options = {{"header", "true"}}) {
    ReadOptions o;
    o.format = FileFormat::kCsv;
    o.options = std::move(options);
    return o;
  }

  std::shared_ptr<arrow::Table> Read(const std::string& path, const ReadOptions& o, ReadMetrics* m = nullptr) {
    auto result = ReadPath(path, o, m);
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    if (!result.ok()) return nullptr;
    auto combined = (*result)->CombineChunks();
    return combined.ok() ? *combined : nullptr;
  }

  static std::string Cell(const arrow::Table& t, const std::string& column, int64_t row) {
    auto col = t.GetColumnByName(column);
    if (!col) return "<no column>";
    auto scalar = col->GetScalar(row);
    if (!scalar.ok()) return "<bad row>";
    if (!(*scalar)->is_valid) return "NULL";
    return (*scalar)->ToString();
  }

  static std::string TypeOf(const arrow::Table& t, const std::string& column) {
    auto f = t.schema()->GetFieldByName(column);
    return f ? f->type()->ToString() : "<no column>";
  }

  fs::path dir_;
};

TEST_F(ReadFilesTest, CsvInfersSparkTypesWithBigintForIntegers) {
  Write("a.csv",
        "id,price,big,flag,day,ts,name,mixed\n"
        "1,2.5,123456789012345678901,true,2021-01-02,2010-12-01 08:26:00,x,1\n"
        "2,3,5,false,2021-01-03,2010-12-01 09:00:00,\"y, z\",a\n");
  auto t = Read((dir_ / "a.csv").string(), Csv());
  ASSERT_TRUE(t);
  EXPECT_EQ(TypeOf(*t, "id"), "int64");
  EXPECT_EQ(TypeOf(*t, "price"), "double");
  EXPECT_EQ(TypeOf(*t, "big"), "decimal128(21, 0)");
  EXPECT_EQ(TypeOf(*t, "flag"), "bool");
  EXPECT_EQ(TypeOf(*t, "day"), "date32[day]");
  EXPECT_EQ(TypeOf(*t, "ts"), "timestamp[us, tz=UTC]");
  EXPECT_EQ(TypeOf(*t, "name"), "string");
  EXPECT_EQ(TypeOf(*t, "mixed"), "string");
  EXPECT_EQ(TypeOf(*t, "_rescued_data"), "string");
  EXPECT_EQ(t->num_rows(), 2);
  EXPECT_EQ(Cell(*t, "name", 1), "y, z");
  EXPECT_EQ(Cell(*t, "ts", 0), "2010-12-01 08:26:00.000000Z");
  EXPECT_EQ(Cell(*t, "_rescued_data", 0), "NULL");
}

TEST_F(ReadFilesTest, CsvWidensAcrossFilesAndWithoutInferenceReadsStrings) {
  Write("d/1.csv", "a,b\n1,2021-01-01\n");
  Write("d/2.csv", "a,b\n1.5,2021-01-01 10:00:00\n");
  auto t = Read((dir_ / "d").string(), Csv());
  ASSERT_TRUE(t);
  EXPECT_EQ(TypeOf(*t, "a"), "double");
  EXPECT_EQ(TypeOf(*t, "b"), "timestamp[us, tz=UTC]");
  auto strings = Read((dir_ / "d").string(), Csv({{"header", "true"}, {"inferColumnTypes", "false"}}));
  ASSERT_TRUE(strings);
  EXPECT_EQ(TypeOf(*strings, "a"), "string");
  EXPECT_EQ(Cell(*strings, "a", 1), "1.5");
}

TEST_F(ReadFilesTest, CsvHeaderNamesAreMadeUniqueAsSparkDoes) {
  Write("h.csv", "a,,A,b\n1,2,3,4\n");
  auto t = Read((dir_ / "h.csv").string(), Csv());
  ASSERT_TRUE(t);
  std::vector<std::string> names;
  for (const auto& f : t->schema()->fields()) names.push_back(f->name());
  EXPECT_EQ(names, (std::vector<std::string>{"a0", "_c1", "A2", "b", "_rescued_data"}));
}

TEST_F(ReadFilesTest, CsvOptionsSepQuoteCommentNullValueAndNoHeader) {
  Write("o.csv", "# comment\n1;'x;y';NA\n2;plain;3\n");
  auto t = Read((dir_ / "o.csv").string(),
                Csv({{"SEP", ";"}, {"quote", "'"}, {"comment", "#"}, {"nullValue", "NA"}}));
  ASSERT_TRUE(t);
  EXPECT_EQ(t->num_rows(), 2);
  EXPECT_EQ(Cell(*t, "_c1", 0), "x;y");
  EXPECT_EQ(Cell(*t, "_c2", 0), "NULL");
  EXPECT_EQ(TypeOf(*t, "_c2"), "int64");
}

TEST_F(ReadFilesTest, CsvPermissiveRescuesBadFieldsExtraFieldsAndOtherCaseHeaders) {
  Write("r/1.csv", "id,amount\n1,10\n2,oops\n3,30,extra\n");
  Write("r/2.csv", "ID,amount\n4,40\n");
  ReadOptions o = Csv();
  o.schema = arrow::schema({arrow::field("id", arrow::int64()), arrow::field("amount", arrow::int64()),
                            arrow::field("_rescued_data", arrow::utf8())});
  ReadMetrics m;
  auto t = Read((dir_ / "r").string(), o, &m);
  ASSERT_TRUE(t);
  ASSERT_EQ(t->num_rows(), 4);
  std::string f1 = (dir_ / "r/1.csv").string(), f2 = (dir_ / "r/2.csv").string();
  EXPECT_EQ(Cell(*t, "amount", 1), "NULL");
  EXPECT_EQ(Cell(*t, "_rescued_data", 1), "{\"amount\":\"oops\",\"_file_path\":\"" + f1 + "\"}");
  EXPECT_EQ(Cell(*t, "amount", 2), "30");
  EXPECT_EQ(Cell(*t, "_rescued_data", 2), "{\"_c2\":\"extra\",\"_file_path\":\"" + f1 + "\"}");
  EXPECT_EQ(Cell(*t, "id", 3), "NULL");
  EXPECT_EQ(Cell(*t, "_rescued_data", 3), "{\"ID\":\"4\",\"_file_path\":\"" + f2 + "\"}");
  EXPECT_EQ(m.rescued_rows, 3);
  EXPECT_EQ(m.rows, 4);
}

TEST_F(ReadFilesTest, CsvDropMalformedCountsDroppedRows) {
  Write("m.csv", "id,amount\n1,10\n2,oops\n3,30,extra\n4,40\n");
  ReadOptions o = Csv({{"header", "true"}, {"mode", "DROPMALFORMED"}});
  o.schema = arrow::schema({arrow::field("id", arrow::int64()), arrow::field("amount", arrow::int64())});
  ReadMetrics m;
  auto t = Read((dir_ / "m.csv").string(), o, &m);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->num_rows(), 2);
  EXPECT_EQ(m.malformed_rows_dropped, 2);
  EXPECT_EQ(Cell(*t, "id", 1), "4");
  EXPECT_EQ(t->num_columns(), 2);
}

TEST_F(ReadFilesTest, CsvFailFastNamesFileAndLine) {
  std::string path = Write("f.csv", "id,amount\n1,10\n2,20\n3,bad\n");
  ReadOptions o = Csv({{"header", "true"}, {"mode", "failfast"}});
  o.schema = arrow::schema({arrow::field("id", arrow::int64()), arrow::field("amount", arrow::int64())});
  auto result = ReadPath(path, o);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(ErrorClassOf(result.status()), "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION");
  EXPECT_NE(result.status().message().find(path), std::string::npos) << result.status().message();
  EXPECT_NE(result.status().message().find("line 4"), std::string::npos) << result.status().message();
  EXPECT_NE(result.status().message().find("'bad'"), std::string::npos) << result.status().message();
}

TEST_F(ReadFilesTest, CsvDateAndTimestampFormats) {
  Write("t.csv", "d,t\n2/7/2021,07/02/2021 13:45\n");
  auto t = Read((dir_ / "t.csv").string(),
                Csv({{"header", "true"}, {"dateFormat", "M/d/yyyy"}, {"timestampFormat", "dd/MM/yyyy HH:mm"}}));
  ASSERT_TRUE(t);
  EXPECT_EQ(TypeOf(*t, "d"), "date32[day]");
  EXPECT_EQ(Cell(*t, "d", 0), "2021-02-07");
  EXPECT_EQ(TypeOf(*t, "t"), "timestamp[us, tz=UTC]");
  EXPECT_EQ(Cell(*t, "t", 0), "2021-02-07 13:45:00.000000Z");
}

TEST_F(ReadFilesTest, SchemaHintsOverrideInferredTypes) {
  Write("s.csv", "id,code\n1,007\n");
  ReadOptions o = Csv();
  o.schema_hints = {arrow::field("CODE", arrow::utf8()), arrow::field("extra", arrow::float64())};
  auto t = Read((dir_ / "s.csv").string(), o);
  ASSERT_TRUE(t);
  EXPECT_EQ(TypeOf(*t, "code"), "string");
  EXPECT_EQ(Cell(*t, "code", 0), "007");
  EXPECT_EQ(TypeOf(*t, "extra"), "double");
  EXPECT_EQ(Cell(*t, "extra", 0), "NULL");
}

TEST_F(ReadFilesTest, UnknownOptionAndEncodingAreRefused) {
  Write("u.csv", "a\n1\n");
  auto unknown = ReadPath((dir_ / "u.csv").string(), Csv({{"heder", "true"}}));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(ErrorClassOf(unknown.status()), "CF_UNKNOWN_OPTION_KEYS_ERROR");
  EXPECT_NE(unknown.status().message().find("heder"), std::string::npos);
  auto encoding = ReadPath((dir_ / "u.csv").string(), Csv({{"encoding", "latin1"}}));
  ASSERT_FALSE(encoding.ok());
  EXPECT_EQ(ErrorClassOf(encoding.status()), "INVALID_PARAMETER_VALUE.CHARSET");
}

TEST_F(ReadFilesTest, ListingDirectoriesGlobsAndMissingPaths) {
  Write("g/2021/a.csv", "x\n1\n");
  Write("g/2021/_skip.csv", "x\n1\n");
  Write("g/2022/b.csv", "x\n1\n");
  Write("g/2022/.hidden/c.csv", "x\n1\n");
  Write("g/2023/c.json", "{}\n");
  Write("g/other/d.csv", "x\n1\n");
  ReadOptions o = Csv();
  auto names = [&](const std::string& pattern, ReadOptions opts) {
    std::vector<std::string> out;
    auto files = ListInputFiles(pattern, opts);
    EXPECT_TRUE(files.ok()) << files.status().ToString();
    if (files.ok()) {
      for (const auto& f : *files) out.push_back(fs::relative(f.path, dir_).string());
    }
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(names((dir_ / "g").string(), o), (V{"g/2021/a.csv", "g/2022/b.csv", "g/2023/c.json", "g/other/d.csv"}));
  EXPECT_EQ(names((dir_ / "g/20[0-9]?/*.csv").string(), o), (V{"g/2021/a.csv", "g/2022/b.csv"}));
  EXPECT_EQ(names((dir_ / "g/{2021,other}").string(), o), (V{"g/2021/a.csv", "g/other/d.csv"}));
  EXPECT_EQ(names((dir_ / "g/*[^3]/?.csv").string(), o), (V{"g/2021/a.csv", "g/2022/b.csv", "g/other/d.csv"}));
  ReadOptions filtered = Csv({{"pathGlobFilter", "*.json"}});
  EXPECT_EQ(names((dir_ / "g").string(), filtered), (V{"g/2023/c.json"}));
  auto info = ListInputFiles((dir_ / "g/2021/a.csv").string(), o);
  ASSERT_TRUE(info.ok());
  ASSERT_EQ(info->size(), 1u);
  EXPECT_EQ((*info)[0].size, 4);
  EXPECT_GT((*info)[0].modification_time_ms, 1600000000000);
  auto missing = ListInputFiles((dir_ / "nope").string(), o);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(ErrorClassOf(missing.status()), "PATH_NOT_FOUND");
  EXPECT_NE(missing.status().message().find("nope"), std::string::npos);
}

TEST_F(ReadFilesTest, MetadataColumnDescribesEachFile) {
  std::string a = Write("md/a.csv", "x\n1\n2\n");
  std::string b = Write("md/b.csv", "x\n3\n");
  ReadOptions o = Csv();
  o.include_metadata = true;
  auto t = Read((dir_ / "md").string(), o);
  ASSERT_TRUE(t);
  ASSERT_EQ(t->num_rows(), 3);
  auto md = t->GetColumnByName("_metadata");
  ASSERT_TRUE(md);
  auto row2 = std::static_pointer_cast<arrow::StructScalar>(*md->GetScalar(2));
  EXPECT_EQ((*row2->field("file_path"))->ToString(), "file:" + b);  // Spark's URI form
  EXPECT_EQ((*row2->field("file_name"))->ToString(), "b.csv");
  EXPECT_EQ((*row2->field("file_size"))->ToString(), "4");
  EXPECT_EQ((*row2->field("file_block_start"))->ToString(), "0");
  EXPECT_EQ((*row2->field("file_block_length"))->ToString(), "4");
  EXPECT_EQ((*row2->field("file_modification_time"))->type->ToString(), "timestamp[us, tz=UTC]");
  auto schema = InferSchema(*ListInputFiles((dir_ / "md").string(), o), o);
  ASSERT_TRUE(schema.ok());
  EXPECT_EQ((*schema)->field((*schema)->num_fields() - 1)->name(), "_metadata");
}

TEST_F(ReadFilesTest, JsonInfersMergesAndSortsFields) {
  Write("j/1.json", "{\"b\": 1, \"a\": \"x\", \"s\": {\"q\": true}, \"arr\": [1, 2]}\n{\"b\": 2.5, \"c\": null}\n");
  Write("j/2.json", "{\"a\": 5, \"s\": {\"p\": 1}, \"arr\": [3.5]}\n");
  auto o = Csv({});
  o.format = FileFormat::kJson;
  auto t = Read((dir_ / "j").string(), o);
  ASSERT_TRUE(t);
  std::vector<std::string> names;
  for (const auto& f : t->schema()->fields()) names.push_back(f->name());
  EXPECT_EQ(names, (std::vector<std::string>{"a", "arr", "b", "c", "s", "_rescued_data"}));
  EXPECT_EQ(TypeOf(*t, "a"), "string");
  EXPECT_EQ(TypeOf(*t, "arr"), "list<item: double>");
  EXPECT_EQ(TypeOf(*t, "b"), "double");
  EXPECT_EQ(TypeOf(*t, "c"), "string");
  EXPECT_EQ(TypeOf(*t, "s"), "struct<p: int64, q: bool>");
  EXPECT_EQ(Cell(*t, "a", 2), "5");
  EXPECT_EQ(t->num_rows(), 3);
}

TEST_F(ReadFilesTest, JsonRescuesMismatchesUnknownKeysAndCorruptLines) {
  std::string path = Write("r.json", "{\"id\": 1, \"v\": \"x\"}\n{\"id\": \"two\", \"extra\": [1]}\nnot json\n");
  auto o = Csv({});
  o.format = FileFormat::kJson;
  o.schema = arrow::schema({arrow::field("id", arrow::int64()), arrow::field("v", arrow::utf8()),
                            arrow::field("_rescued_data", arrow::utf8())});
  ReadMetrics m;
  auto t = Read(path, o, &m);
  ASSERT_TRUE(t);
  ASSERT_EQ(t->num_rows(), 3);
  EXPECT_EQ(Cell(*t, "id", 1), "NULL");
  EXPECT_EQ(Cell(*t, "_rescued_data", 1), "{\"id\":\"two\",\"extra\":[1],\"_file_path\":\"" + path + "\"}");
  EXPECT_EQ(Cell(*t, "_rescued_data", 2), "{\"_corrupt_record\":\"not json\",\"_file_path\":\"" + path + "\"}");
  EXPECT_EQ(m.rescued_rows, 2);
  o.options["mode"] = "FAILFAST";
  auto failed = ReadPath(path, o);
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("line 2"), std::string::npos) << failed.status().message();
  o.options["mode"] = "DROPMALFORMED";
  auto dropped = Read(path, o, &m);
  ASSERT_TRUE(dropped);
  EXPECT_EQ(dropped->num_rows(), 1);
  EXPECT_EQ(m.malformed_rows_dropped, 2);
}

TEST_F(ReadFilesTest, JsonMultiLineDocumentsAndArrays) {
  Write("ml/a.json", "{\n  \"a\": 1,\n  \"b\": {\"c\": \"x\"}\n}\n");
  Write("ml/b.json", "[{\"a\": 2}, {\"a\": 3}]");
  auto o = Csv({{"multiLine", "true"}});
  o.format = FileFormat::kJson;
  auto t = Read((dir_ / "ml").string(), o);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->num_rows(), 3);
  EXPECT_EQ(Cell(*t, "a", 2), "3");
  EXPECT_EQ(TypeOf(*t, "b"), "struct<c: string>");
}

TEST_F(ReadFilesTest, TextAndBinaryFile) {
  std::string path = Write("x.txt", "line one\nline two\r\n\nlast");
  ReadOptions o;
  o.format = FileFormat::kText;
  auto t = Read(path, o);
  ASSERT_TRUE(t);
  ASSERT_EQ(t->num_rows(), 4);
  EXPECT_EQ(Cell(*t, "value", 1), "line two");
  EXPECT_EQ(Cell(*t, "value", 2), "");
  o.options["wholeText"] = "true";
  auto whole = Read(path, o);
  ASSERT_TRUE(whole);
  EXPECT_EQ(whole->num_rows(), 1);
  ReadOptions b;
  b.format = FileFormat::kBinaryFile;
  auto bin = Read(path, b);
  ASSERT_TRUE(bin);
  EXPECT_EQ(Cell(*bin, "length", 0), "24");
  EXPECT_EQ(Cell(*bin, "path", 0), path);
  EXPECT_EQ(TypeOf(*bin, "content"), "binary");
}

TEST_F(ReadFilesTest, ParquetFilesWithDifferentColumnsAreUnified) {
  auto write = [&](const std::string& rel, std::shared_ptr<arrow::Table> table) {
    fs::create_directories((dir_ / rel).parent_path());
    auto out = arrow::io::FileOutputStream::Open((dir_ / rel).string());
    ASSERT_TRUE(out.ok());
    ASSERT_TRUE(parquet::arrow::WriteTable(*table, arrow::default_memory_pool(), *out, 1024).ok());
    ASSERT_TRUE((*out)->Close().ok());
  };
  arrow::Int64Builder ids;
  ASSERT_TRUE(ids.AppendValues({1, 2}).ok());
  arrow::StringBuilder names;
  write("pq/1.parquet", arrow::Table::Make(arrow::schema({arrow::field("id", arrow::int64())}), {*ids.Finish()}));
  ASSERT_TRUE(ids.AppendValues({3}).ok());
  ASSERT_TRUE(names.AppendValues({"c"}).ok());
  write("pq/2.parquet", arrow::Table::Make(arrow::schema({arrow::field("id", arrow::int64()),
                                                          arrow::field("name", arrow::utf8())}),
                                           {*ids.Finish(), *names.Finish()}));
  ReadOptions o;
  o.format = FileFormat::kParquet;
  auto t = Read((dir_ / "pq").string(), o);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->schema()->ToString(), "id: int64\nname: string");
  ASSERT_EQ(t->num_rows(), 3);
  EXPECT_EQ(Cell(*t, "name", 0), "NULL");
  EXPECT_EQ(Cell(*t, "name", 2), "c");
}

}  // namespace
}  // namespace tarn::files
