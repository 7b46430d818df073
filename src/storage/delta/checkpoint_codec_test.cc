#include "storage/delta/checkpoint_codec.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <arrow/api.h>
#include <arrow/io/memory.h>
#include <arrow/json/from_string.h>
#include <gtest/gtest.h>
#include <parquet/arrow/reader.h>
#include <parquet/arrow/writer.h>
#include <parquet/properties.h>

#include "errors/error_class.h"

namespace tarn::delta {
namespace {

const std::string kFile = "_delta_log/00000000000000000010.checkpoint.parquet";

std::shared_ptr<arrow::Field> Field(const std::string& name,
                                    const std::shared_ptr<arrow::DataType>& type) {
  return arrow::field(name, type);
}

std::vector<std::string> SortedJson(const std::vector<Action>& actions) {
  std::vector<std::string> out;
  for (const auto& action : actions) out.push_back(ActionToJson(action).dump());
  std::sort(out.begin(), out.end());
  return out;
}

template <typename T>
std::vector<T> OfKind(const std::vector<Action>& actions) {
  std::vector<T> out;
  for (const auto& action : actions) {
    if (const T* a = std::get_if<T>(&action)) out.push_back(*a);
  }
  return out;
}

std::vector<Action> RoundTrip(const std::vector<Action>& actions) {
  auto bytes = WriteCheckpointParquet(actions);
  EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
  if (!bytes.ok()) return {};
  auto read = ReadCheckpointParquet(*bytes, kFile);
  EXPECT_TRUE(read.ok()) << read.status().ToString();
  if (!read.ok()) return {};
  return *read;
}

void ExpectInvalidCheckpoint(const arrow::Status& status, const std::string& mentioning = "") {
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(ErrorClassOf(status), "DELTA_INVALID_CHECKPOINT") << status.ToString();
  EXPECT_NE(status.message().find(kFile), std::string::npos) << status.ToString();
  if (!mentioning.empty()) {
    EXPECT_NE(status.message().find(mentioning), std::string::npos) << status.ToString();
  }
}

// Writes a hand-built table the way another writer might, to exercise the reader's tolerance.
std::shared_ptr<arrow::Buffer> ToParquet(const std::shared_ptr<arrow::Table>& table,
                                         bool store_arrow_schema = false) {
  auto sink = arrow::io::BufferOutputStream::Create().ValueOrDie();
  auto arrow_properties = store_arrow_schema
                              ? parquet::ArrowWriterProperties::Builder().store_schema()->build()
                              : parquet::default_arrow_writer_properties();
  auto status = parquet::arrow::WriteTable(*table, arrow::default_memory_pool(), sink, 1024,
                                           parquet::default_writer_properties(), arrow_properties);
  EXPECT_TRUE(status.ok()) << status.ToString();
  return sink->Finish().ValueOrDie();
}

std::shared_ptr<arrow::Array> FromJson(const std::shared_ptr<arrow::DataType>& type,
                                       const std::string& json) {
  auto array = arrow::json::ArrayFromJSONString(type, json);
  EXPECT_TRUE(array.ok()) << array.status().ToString();
  return array.ValueOrDie();
}

std::shared_ptr<arrow::Table> MakeTable(
    std::vector<std::pair<std::string, std::shared_ptr<arrow::Array>>> columns) {
  arrow::FieldVector fields;
  arrow::ArrayVector arrays;
  for (auto& [name, array] : columns) {
    fields.push_back(Field(name, array->type()));
    arrays.push_back(array);
  }
  return arrow::Table::Make(arrow::schema(fields), arrays);
}

std::shared_ptr<arrow::StructType> StructField(const arrow::Schema& schema,
                                               const std::string& name) {
  return std::static_pointer_cast<arrow::StructType>(schema.GetFieldByName(name)->type());
}

std::shared_ptr<arrow::StructType> StructField(const arrow::StructType& type,
                                               const std::string& name) {
  return std::static_pointer_cast<arrow::StructType>(type.GetFieldByName(name)->type());
}

std::shared_ptr<arrow::Schema> ParquetSchemaOf(const std::shared_ptr<arrow::Buffer>& bytes) {
  auto reader = parquet::arrow::OpenFile(std::make_shared<arrow::io::BufferReader>(bytes),
                                         arrow::default_memory_pool())
                    .ValueOrDie();
  std::shared_ptr<arrow::Schema> schema;
  EXPECT_TRUE(reader->GetSchema(&schema).ok());
  return schema;
}

AddFile FullAdd() {
  AddFile add;
  add.path = "year=2024/region=null/part-00000-abc.c000.snappy.parquet";
  add.partition_values = {{"year", "2024"}, {"region", std::nullopt}, {"empty", ""}};
  add.size = 123456789012;
  add.modification_time = 1712345678901;
  add.data_change = false;
  add.stats = R"({"numRecords":10,"minValues":{"a":1},"maxValues":{"a":9},"nullCount":{"a":0}})";
  add.tags = StringMap{{"INSERTION_TIME", "1712345678901000"},
                       {"OPTIMIZE_TARGET_SIZE", "268435456"}};
  add.deletion_vector = DeletionVectorDescriptor{"u", "ab^-aqEH.-t@S}K{vb[*k^", 4, 40, 6};
  add.base_row_id = 1000;
  add.default_row_commit_version = 7;
  add.clustering_provider = "liquid";
  return add;
}

AddFile MinimalAdd() {
  AddFile add;
  add.path = "part-00001.parquet";
  add.size = 1;
  add.modification_time = 2;
  return add;
}

RemoveFile FullRemove() {
  RemoveFile remove;
  remove.path = "year=2023/part-00002.parquet";
  remove.deletion_timestamp = 1712345600000;
  remove.data_change = true;
  remove.extended_file_metadata = true;
  remove.partition_values = PartitionValues{{"year", "2023"}, {"region", std::nullopt}};
  remove.size = 999;
  remove.deletion_vector = DeletionVectorDescriptor{
      "i", "wi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L", std::nullopt, 40, 1};
  remove.base_row_id = 5;
  remove.default_row_commit_version = 3;
  return remove;
}

RemoveFile MinimalRemove() {
  RemoveFile remove;
  remove.path = "part-00003.parquet";
  remove.data_change = false;
  return remove;
}

Metadata FullMetadata() {
  Metadata metadata;
  metadata.id = "5099caea-3cf6-453a-ae0d-725a10e17d66";
  metadata.name = "events";
  metadata.description = "all events";
  metadata.format = Format{"parquet", {{"compression", "zstd"}}};
  metadata.schema_string = R"({"type":"struct","fields":[]})";
  metadata.partition_columns = {"year", "region"};
  metadata.configuration = {{"delta.enableDeletionVectors", "true"},
                            {"delta.checkpoint.writeStatsAsJson", "true"}};
  metadata.created_time = 1712345000000;
  return metadata;
}

Metadata MinimalMetadata() {
  Metadata metadata;
  metadata.id = "id-2";
  metadata.schema_string = R"({"type":"struct","fields":[]})";
  return metadata;
}

Protocol FeatureProtocol() {
  Protocol protocol;
  protocol.min_reader_version = 3;
  protocol.min_writer_version = 7;
  protocol.reader_features = std::vector<std::string>{"deletionVectors", "v2Checkpoint"};
  protocol.writer_features =
      std::vector<std::string>{"deletionVectors", "v2Checkpoint", "rowTracking"};
  return protocol;
}

TEST(CheckpointCodecTest, RoundTripsEveryActionKind) {
  Protocol legacy_protocol;  // 1/2, no feature lists
  Txn txn{"app-1", 42, 1712345678000};
  Txn txn_without_update{"app-2", 0, std::nullopt};
  DomainMetadata domain{"delta.rowTracking", R"({"rowIdHighWaterMark":1999})", false};
  AddFile add_with_empty_tags = MinimalAdd();
  add_with_empty_tags.path = "part-00004.parquet";
  add_with_empty_tags.tags = StringMap{};
  RemoveFile remove_with_empty_partition_values = MinimalRemove();
  remove_with_empty_partition_values.path = "part-00005.parquet";
  remove_with_empty_partition_values.partition_values = PartitionValues{};

  std::vector<Action> actions = {FeatureProtocol(),
                                 FullMetadata(),
                                 txn,
                                 txn_without_update,
                                 domain,
                                 FullAdd(),
                                 MinimalAdd(),
                                 add_with_empty_tags,
                                 FullRemove(),
                                 MinimalRemove(),
                                 remove_with_empty_partition_values};
  auto read = RoundTrip(actions);
  EXPECT_EQ(SortedJson(read), SortedJson(actions));

  // Check the subtle cases directly too, not only through their JSON form.
  auto adds = OfKind<AddFile>(read);
  ASSERT_EQ(adds.size(), 3u);
  EXPECT_EQ(adds[0].partition_values.at("region"), std::nullopt);
  EXPECT_EQ(adds[0].partition_values.at("empty"), std::optional<std::string>(""));
  ASSERT_TRUE(adds[0].deletion_vector.has_value());
  EXPECT_EQ(adds[0].deletion_vector->offset, 4);
  EXPECT_EQ(adds[0].deletion_vector->cardinality, 6);
  EXPECT_FALSE(adds[1].tags.has_value());
  EXPECT_FALSE(adds[1].stats.has_value());
  EXPECT_FALSE(adds[1].deletion_vector.has_value());
  EXPECT_TRUE(adds[1].partition_values.empty());
  ASSERT_TRUE(adds[2].tags.has_value());
  EXPECT_TRUE(adds[2].tags->empty());
  auto removes = OfKind<RemoveFile>(read);
  ASSERT_EQ(removes.size(), 3u);
  EXPECT_EQ(removes[0].deletion_vector->offset, std::nullopt);
  EXPECT_EQ(removes[0].partition_values->at("region"), std::nullopt);
  EXPECT_FALSE(removes[1].partition_values.has_value());
  EXPECT_FALSE(removes[1].deletion_timestamp.has_value());
  EXPECT_FALSE(removes[1].size.has_value());
  EXPECT_FALSE(removes[1].data_change);
  ASSERT_TRUE(removes[2].partition_values.has_value());
  EXPECT_TRUE(removes[2].partition_values->empty());

  std::vector<Action> legacy = {legacy_protocol, MinimalMetadata()};
  auto legacy_read = RoundTrip(legacy);
  EXPECT_EQ(SortedJson(legacy_read), SortedJson(legacy));
  auto protocols = OfKind<Protocol>(legacy_read);
  ASSERT_EQ(protocols.size(), 1u);
  EXPECT_FALSE(protocols[0].reader_features.has_value());
  EXPECT_FALSE(protocols[0].writer_features.has_value());
  auto metadata = OfKind<Metadata>(legacy_read);
  ASSERT_EQ(metadata.size(), 1u);
  EXPECT_FALSE(metadata[0].name.has_value());
  EXPECT_FALSE(metadata[0].created_time.has_value());
  EXPECT_TRUE(metadata[0].configuration.empty());
  EXPECT_TRUE(metadata[0].partition_columns.empty());
}

TEST(CheckpointCodecTest, RoundTripsV2CheckpointActions) {
  CheckpointMetadata checkpoint_metadata{10, StringMap{{"sidecarNumActions", "2"}}};
  SidecarFile sidecar{"016ae953-37a9-438e-8683-9a9a4a79a395.parquet", 2304522, 1512909768000,
                      StringMap{}};
  SidecarFile sidecar_without_tags{"3a0d65cd.parquet", 1, 2, std::nullopt};
  std::vector<Action> actions = {checkpoint_metadata, FeatureProtocol(), FullMetadata(), sidecar,
                                 sidecar_without_tags};
  EXPECT_EQ(SortedJson(RoundTrip(actions)), SortedJson(actions));

  auto schema = ParquetSchemaOf(*WriteCheckpointParquet(actions));
  EXPECT_NE(schema->GetFieldByName("checkpointMetadata"), nullptr);
  EXPECT_NE(schema->GetFieldByName("sidecar"), nullptr);
}

TEST(CheckpointCodecTest, KeepsOrderWithinKindAndGroupsKinds) {
  AddFile a = MinimalAdd(), b = MinimalAdd(), c = MinimalAdd();
  a.path = "a";
  b.path = "b";
  c.path = "c";
  std::vector<Action> actions = {c, FullRemove(), a, FeatureProtocol(), b, FullMetadata()};
  auto read = RoundTrip(actions);
  ASSERT_EQ(read.size(), 6u);
  EXPECT_TRUE(std::holds_alternative<Protocol>(read[0]));
  EXPECT_TRUE(std::holds_alternative<Metadata>(read[1]));
  EXPECT_EQ(std::get<AddFile>(read[2]).path, "c");
  EXPECT_EQ(std::get<AddFile>(read[3]).path, "a");
  EXPECT_EQ(std::get<AddFile>(read[4]).path, "b");
  EXPECT_TRUE(std::holds_alternative<RemoveFile>(read[5]));
}

TEST(CheckpointCodecTest, WritesSparkCheckpointSchema) {
  auto bytes = WriteCheckpointParquet({FeatureProtocol(), FullMetadata(), FullAdd()});
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  auto schema = ParquetSchemaOf(*bytes);
  std::vector<std::string> names;
  for (const auto& field : schema->fields()) names.push_back(field->name());
  EXPECT_EQ(names, (std::vector<std::string>{"txn", "add", "remove", "metaData", "protocol",
                                             "domainMetadata"}));
  auto add = StructField(*schema, "add");
  std::vector<std::string> add_fields;
  for (const auto& field : add->fields()) add_fields.push_back(field->name());
  EXPECT_EQ(add_fields,
            (std::vector<std::string>{"path", "partitionValues", "size", "modificationTime",
                                      "dataChange", "tags", "deletionVector", "baseRowId",
                                      "defaultRowCommitVersion", "clusteringProvider", "stats"}));
  EXPECT_EQ(add->GetFieldByName("partitionValues")->type()->id(), arrow::Type::MAP);
  EXPECT_EQ(add->GetFieldByName("size")->type()->id(), arrow::Type::INT64);
  auto dv = StructField(*add, "deletionVector");
  EXPECT_EQ(dv->GetFieldByName("offset")->type()->id(), arrow::Type::INT32);
  EXPECT_EQ(dv->GetFieldByName("sizeInBytes")->type()->id(), arrow::Type::INT32);
  EXPECT_EQ(dv->GetFieldByName("cardinality")->type()->id(), arrow::Type::INT64);
  auto protocol = StructField(*schema, "protocol");
  EXPECT_EQ(protocol->GetFieldByName("minReaderVersion")->type()->id(), arrow::Type::INT32);
  EXPECT_EQ(protocol->GetFieldByName("readerFeatures")->type()->id(), arrow::Type::LIST);
  // Tombstones only serve VACUUM: like Spark, no stats or tags.
  auto remove = StructField(*schema, "remove");
  EXPECT_EQ(remove->GetFieldByName("stats"), nullptr);
  EXPECT_EQ(remove->GetFieldByName("tags"), nullptr);
  EXPECT_NE(remove->GetFieldByName("deletionVector"), nullptr);
}

TEST(CheckpointCodecTest, DropsActionsCheckpointsMustNotHold) {
  CommitInfo commit_info;
  commit_info.value = {{"operation", "WRITE"}};
  AddCdcFile cdc;
  cdc.path = "_change_data/cdc-00000.parquet";
  RemoveFile remove = FullRemove();
  remove.stats = R"({"numRecords":1})";
  remove.tags = StringMap{{"k", "v"}};
  auto read = RoundTrip({commit_info, cdc, remove});
  ASSERT_EQ(read.size(), 1u);
  const auto& read_remove = std::get<RemoveFile>(read[0]);
  EXPECT_EQ(read_remove.path, remove.path);
  EXPECT_FALSE(read_remove.stats.has_value());
  EXPECT_FALSE(read_remove.tags.has_value());
}

TEST(CheckpointCodecTest, WritesAndReadsEmptyCheckpoint) {
  auto read = RoundTrip({});
  EXPECT_TRUE(read.empty());
}

TEST(CheckpointCodecTest, ReadsOnlyRequestedColumns) {
  auto bytes = WriteCheckpointParquet({FeatureProtocol(), FullMetadata(), FullAdd(), FullRemove(),
                                       Txn{"app", 1, std::nullopt}});
  ASSERT_TRUE(bytes.ok());
  auto read = ReadCheckpointParquet(*bytes, kFile, {"protocol", "add"});
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  ASSERT_EQ(read->size(), 2u);
  EXPECT_TRUE(std::holds_alternative<Protocol>((*read)[0]));
  EXPECT_EQ(ActionToJson((*read)[1]), ActionToJson(FullAdd()));

  // Asking for a column the file lacks is fine: it reads as null.
  auto sidecars = ReadCheckpointParquet(*bytes, kFile, {"sidecar"});
  ASSERT_TRUE(sidecars.ok()) << sidecars.status().ToString();
  EXPECT_TRUE(sidecars->empty());

  // A misspelt name is a programming error, not a corrupt file.
  auto unknown = ReadCheckpointParquet(*bytes, kFile, {"adds"});
  EXPECT_TRUE(unknown.status().IsInvalid());
  EXPECT_EQ(ErrorClassOf(unknown.status()), "");
}

TEST(CheckpointCodecTest, ReadsFileLackingOptionalFieldsInAnyOrder) {
  // Protocol first, `add` with only three fields (size as int32), metaData without format.
  auto protocol_type = arrow::struct_({Field("minWriterVersion", arrow::int64()),
                                       Field("minReaderVersion", arrow::int64())});
  auto add_type = arrow::struct_({Field("size", arrow::int32()),
                                  Field("path", arrow::utf8()),
                                  Field("unknownFutureField", arrow::float64())});
  auto metadata_type = arrow::struct_({Field("schemaString", arrow::utf8()),
                                       Field("id", arrow::utf8())});
  auto table = MakeTable({
      {"protocol", FromJson(protocol_type, R"([{"minWriterVersion": 2, "minReaderVersion": 1},
                                               null, null])")},
      {"add", FromJson(add_type, R"([null, {"size": 7, "path": "f1", "unknownFutureField": 1.5},
                                     null])")},
      {"metaData", FromJson(metadata_type, R"([null, null, {"schemaString": "{}", "id": "m"}])")},
      {"commitInfo", FromJson(arrow::utf8(), R"([null, null, "ignored"])")},
  });
  auto read = ReadCheckpointParquet(ToParquet(table), kFile);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  ASSERT_EQ(read->size(), 3u);
  const auto& protocol = std::get<Protocol>((*read)[0]);
  EXPECT_EQ(protocol.min_reader_version, 1);
  EXPECT_EQ(protocol.min_writer_version, 2);
  EXPECT_FALSE(protocol.reader_features.has_value());
  const auto& add = std::get<AddFile>((*read)[1]);
  EXPECT_EQ(add.path, "f1");
  EXPECT_EQ(add.size, 7);
  EXPECT_EQ(add.modification_time, 0);
  EXPECT_TRUE(add.data_change);
  EXPECT_TRUE(add.partition_values.empty());
  EXPECT_FALSE(add.stats.has_value());
  EXPECT_FALSE(add.tags.has_value());
  EXPECT_FALSE(add.deletion_vector.has_value());
  const auto& metadata = std::get<Metadata>((*read)[2]);
  EXPECT_EQ(metadata.id, "m");
  EXPECT_EQ(metadata.format.provider, "parquet");
  EXPECT_TRUE(metadata.partition_columns.empty());
}

TEST(CheckpointCodecTest, ReadsMapsStoredAsKeyValueLists) {
  auto entry = arrow::struct_({Field("key", arrow::utf8()), Field("value", arrow::utf8())});
  auto add_type = arrow::struct_({Field("path", arrow::utf8()),
                                  Field("partitionValues", arrow::list(entry)),
                                  Field("tags", arrow::list(entry))});
  auto table = MakeTable({{"add", FromJson(add_type, R"([
      {"path": "f1", "partitionValues": [{"key": "a", "value": "1"}, {"key": "b", "value": null}],
       "tags": [{"key": "t", "value": "x"}]},
      {"path": "f2", "partitionValues": [], "tags": null}])")}});
  auto read = ReadCheckpointParquet(ToParquet(table), kFile);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  ASSERT_EQ(read->size(), 2u);
  const auto& first = std::get<AddFile>((*read)[0]);
  EXPECT_EQ(first.partition_values, (PartitionValues{{"a", "1"}, {"b", std::nullopt}}));
  EXPECT_EQ(first.tags, (StringMap{{"t", "x"}}));
  const auto& second = std::get<AddFile>((*read)[1]);
  EXPECT_TRUE(second.partition_values.empty());
  EXPECT_FALSE(second.tags.has_value());
}

TEST(CheckpointCodecTest, ReadsOtherStringAndListEncodings) {
  // An embedded Arrow schema makes the Parquet reader hand back large, binary and dictionary
  // arrays, as it would for files written by arrow-rs or pyarrow.
  auto dictionary_paths = arrow::DictionaryArray::FromArrays(
                              arrow::dictionary(arrow::int32(), arrow::utf8()),
                              FromJson(arrow::int32(), "[1, 0, null]"),
                              FromJson(arrow::utf8(), R"(["f0", "f1"])"))
                              .ValueOrDie();
  auto stats = FromJson(arrow::large_utf8(), R"(["{}", null, "x"])");
  auto tags = FromJson(arrow::map(arrow::large_utf8(), arrow::binary()),
                       R"([[["k", "v"]], null, []])");
  auto add = arrow::StructArray::Make({dictionary_paths, stats, tags},
                                      std::vector<std::string>{"path", "stats", "tags"})
                 .ValueOrDie();
  auto protocol_type =
      arrow::struct_({Field("minReaderVersion", arrow::int8()),
                      Field("readerFeatures", arrow::large_list(arrow::utf8()))});
  auto protocol = FromJson(protocol_type, R"([null, null, {"minReaderVersion": 3,
                                                            "readerFeatures": ["a", null, "b"]}])");
  auto table = MakeTable({{"add", add}, {"protocol", protocol}});
  auto read = ReadCheckpointParquet(ToParquet(table, /*store_arrow_schema=*/true), kFile);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  ASSERT_EQ(read->size(), 3u);  // the third add has a null path: not an action
  const auto& first = std::get<AddFile>((*read)[0]);
  EXPECT_EQ(first.path, "f1");
  EXPECT_EQ(first.stats, std::optional<std::string>("{}"));
  EXPECT_EQ(first.tags, (StringMap{{"k", "v"}}));
  const auto& second = std::get<AddFile>((*read)[1]);
  EXPECT_EQ(second.path, "f0");
  EXPECT_FALSE(second.stats.has_value());
  const auto& read_protocol = std::get<Protocol>((*read)[2]);
  EXPECT_EQ(read_protocol.min_reader_version, 3);
  EXPECT_EQ(read_protocol.reader_features, (std::vector<std::string>{"a", "b"}));
}

TEST(CheckpointCodecTest, SkipsParsedStatsAndPartitionValues) {
  auto stats_parsed = arrow::struct_(
      {Field("numRecords", arrow::int64()),
       Field("minValues", arrow::struct_({Field("a", arrow::int32())}))});
  auto add_type = arrow::struct_(
      {Field("path", arrow::utf8()),
       Field("partitionValues", arrow::map(arrow::utf8(), arrow::utf8())),
       Field("partitionValues_parsed", arrow::struct_({Field("year", arrow::int32())})),
       Field("stats_parsed", stats_parsed)});
  auto table = MakeTable({{"add", FromJson(add_type, R"([
      {"path": "f1", "partitionValues": [["year", "2024"]],
       "partitionValues_parsed": {"year": 2024},
       "stats_parsed": {"numRecords": 3, "minValues": {"a": 1}}}])")}});
  auto read = ReadCheckpointParquet(ToParquet(table), kFile);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  ASSERT_EQ(read->size(), 1u);
  const auto& add = std::get<AddFile>((*read)[0]);
  EXPECT_EQ(add.partition_values, (PartitionValues{{"year", "2024"}}));
  EXPECT_FALSE(add.stats.has_value());
}

TEST(CheckpointCodecTest, RejectsUnexpectedTypes) {
  {
    auto add_type = arrow::struct_({Field("path", arrow::utf8()), Field("size", arrow::utf8())});
    auto table = MakeTable({{"add", FromJson(add_type, R"([{"path": "f", "size": "big"}])")}});
    ExpectInvalidCheckpoint(ReadCheckpointParquet(ToParquet(table), kFile).status(), "add.size");
  }
  {
    auto table = MakeTable({{"add", FromJson(arrow::int64(), "[1]")}});
    ExpectInvalidCheckpoint(ReadCheckpointParquet(ToParquet(table), kFile).status(), "add");
  }
  {
    auto metadata_type = arrow::struct_({Field("id", arrow::utf8()),
                                         Field("partitionColumns", arrow::utf8())});
    auto table = MakeTable(
        {{"metaData", FromJson(metadata_type, R"([{"id": "m", "partitionColumns": "a"}])")}});
    ExpectInvalidCheckpoint(ReadCheckpointParquet(ToParquet(table), kFile).status(),
                            "metaData.partitionColumns");
  }
  {
    auto add_type = arrow::struct_({Field("path", arrow::utf8()),
                                    Field("tags", arrow::list(arrow::int32()))});
    auto table = MakeTable({{"add", FromJson(add_type, R"([{"path": "f", "tags": [1]}])")}});
    ExpectInvalidCheckpoint(ReadCheckpointParquet(ToParquet(table), kFile).status(), "add.tags");
  }
  {
    // An int field holding a long that does not fit.
    auto protocol_type = arrow::struct_({Field("minReaderVersion", arrow::int64())});
    auto table = MakeTable(
        {{"protocol", FromJson(protocol_type, R"([{"minReaderVersion": 1099511627776}])")}});
    ExpectInvalidCheckpoint(ReadCheckpointParquet(ToParquet(table), kFile).status(),
                            "protocol.minReaderVersion");
  }
  {
    auto add_type = arrow::struct_({Field("path", arrow::utf8()),
                                    Field("dataChange", arrow::int32())});
    auto table = MakeTable({{"add", FromJson(add_type, R"([{"path": "f", "dataChange": 1}])")}});
    ExpectInvalidCheckpoint(ReadCheckpointParquet(ToParquet(table), kFile).status(),
                            "add.dataChange");
  }
}

TEST(CheckpointCodecTest, RequiresIdentifyingFieldOnlyWhenRowsHoldValues) {
  // An `add` struct without `path` cannot be decoded once a row holds one...
  auto add_type = arrow::struct_({Field("size", arrow::int64())});
  auto with_rows = MakeTable({{"add", FromJson(add_type, R"([{"size": 1}])")}});
  ExpectInvalidCheckpoint(ReadCheckpointParquet(ToParquet(with_rows), kFile).status(), "path");
  // ...but an all-null one is just an unused column.
  auto all_null = MakeTable({{"add", FromJson(add_type, "[null, null]")}});
  auto read = ReadCheckpointParquet(ToParquet(all_null), kFile);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_TRUE(read->empty());
}

TEST(CheckpointCodecTest, CorruptBufferFails) {
  auto garbage = arrow::Buffer::FromString(std::string(100, 'x'));
  ExpectInvalidCheckpoint(ReadCheckpointParquet(garbage, kFile).status());
  auto empty = arrow::Buffer::FromString(std::string());
  ExpectInvalidCheckpoint(ReadCheckpointParquet(empty, kFile).status());

  auto bytes =
      *WriteCheckpointParquet({FeatureProtocol(), FullMetadata(), FullAdd(), FullRemove()});
  auto truncated = arrow::SliceBuffer(bytes, 0, bytes->size() - 10);
  ExpectInvalidCheckpoint(ReadCheckpointParquet(truncated, kFile).status());
  auto headless = arrow::SliceBuffer(bytes, 10, bytes->size() - 10);
  ExpectInvalidCheckpoint(ReadCheckpointParquet(headless, kFile).status());
}

TEST(CheckpointCodecTest, SurvivesFlippedBytes) {
  // Damage anywhere in the file must end in an error or in actions, never in a crash.
  auto original = *WriteCheckpointParquet({FeatureProtocol(), FullMetadata(), FullAdd(),
                                           MinimalAdd(), FullRemove(), Txn{"a", 1, 2}});
  std::string pristine = original->ToString();
  int errors = 0;
  for (size_t pos = 0; pos < pristine.size(); pos += 11) {
    std::string damaged = pristine;
    damaged[pos] = static_cast<char>(damaged[pos] ^ 0x5a);
    auto read = ReadCheckpointParquet(arrow::Buffer::FromString(damaged), kFile);
    if (!read.ok()) {
      ++errors;
      EXPECT_EQ(ErrorClassOf(read.status()), "DELTA_INVALID_CHECKPOINT")
          << read.status().ToString();
    }
  }
  EXPECT_GT(errors, 0);
}

TEST(CheckpointCodecTest, ReadsManyRowsAcrossBatches) {
  // More rows than one record batch (64Ki) of the Parquet reader.
  constexpr int kFiles = 70000;
  std::vector<Action> actions = {FeatureProtocol(), FullMetadata()};
  for (int i = 0; i < kFiles; ++i) {
    AddFile add = FullAdd();
    add.path = "part-" + std::to_string(i) + ".parquet";
    add.size = i;
    if (i % 3 == 0) add.deletion_vector.reset();
    actions.push_back(std::move(add));
  }
  auto read = RoundTrip(actions);
  ASSERT_EQ(read.size(), actions.size());
  for (int i : {0, 1, 65535, 65536, kFiles - 1}) {
    EXPECT_EQ(ActionToJson(read[2 + i]), ActionToJson(actions[2 + i])) << i;
  }
}

std::shared_ptr<arrow::Buffer> ReadFixture(const std::string& name) {
  // src/storage/delta/<this file> -> <repo>/test/data/delta/<name>
  std::filesystem::path repo = __FILE__;
  for (int i = 0; i < 4; ++i) repo = repo.parent_path();
  auto path = repo / "test" / "data" / "delta" / name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing fixture " << path;
  std::string contents((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return arrow::Buffer::FromString(std::move(contents));
}

TEST(CheckpointCodecTest, ReadsDeltaRsCheckpoint) {
  auto read = ReadCheckpointParquet(ReadFixture("deltars_partitioned.checkpoint.parquet"), kFile);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  ASSERT_EQ(read->size(), 6u);
  auto protocols = OfKind<Protocol>(*read);
  ASSERT_EQ(protocols.size(), 1u);
  EXPECT_EQ(protocols[0].min_reader_version, 1);
  EXPECT_EQ(protocols[0].min_writer_version, 2);
  auto metadata = OfKind<Metadata>(*read);
  ASSERT_EQ(metadata.size(), 1u);
  EXPECT_EQ(metadata[0].id, "5099caea-3cf6-453a-ae0d-725a10e17d66");
  EXPECT_EQ(metadata[0].partition_columns, std::vector<std::string>{"part"});
  EXPECT_EQ(metadata[0].created_time, 1795554776934);
  auto adds = OfKind<AddFile>(*read);
  ASSERT_EQ(adds.size(), 3u);
  int null_partitions = 0;
  for (const auto& add : adds) {
    ASSERT_TRUE(add.stats.has_value());
    EXPECT_NE(add.stats->find("numRecords"), std::string::npos);
    if (add.partition_values.at("part") == std::nullopt) {
      ++null_partitions;
      EXPECT_EQ(add.path.rfind("part=__HIVE_DEFAULT_PARTITION__/", 0), 0u);
    }
  }
  EXPECT_EQ(null_partitions, 1);
  auto removes = OfKind<RemoveFile>(*read);
  ASSERT_EQ(removes.size(), 1u);
  EXPECT_EQ(removes[0].deletion_timestamp, 1795554777072);
  EXPECT_EQ(removes[0].extended_file_metadata, true);
  EXPECT_EQ(removes[0].size, 796);
  EXPECT_EQ(removes[0].partition_values, (PartitionValues{{"part", "b"}}));
}

TEST(CheckpointCodecTest, ReadsDeltaRsCheckpointWithStatsAsStruct) {
  auto read = ReadCheckpointParquet(ReadFixture("deltars_stats_struct.checkpoint.parquet"), kFile);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  auto adds = OfKind<AddFile>(*read);
  ASSERT_EQ(adds.size(), 4u);
  for (const auto& add : adds) {
    EXPECT_FALSE(add.stats.has_value());  // only stats_parsed was written
    EXPECT_EQ(add.partition_values.size(), 1u);
  }
  auto metadata = OfKind<Metadata>(*read);
  ASSERT_EQ(metadata.size(), 1u);
  EXPECT_EQ(metadata[0].configuration.at("delta.checkpoint.writeStatsAsStruct"), "true");
  EXPECT_EQ(OfKind<Protocol>(*read).size(), 1u);
}

}  // namespace
}  // namespace tarn::delta
