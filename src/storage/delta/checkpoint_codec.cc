#include "storage/delta/checkpoint_codec.h"

#include <algorithm>
#include <limits>
#include <new>
#include <numeric>
#include <set>
#include <string_view>
#include <utility>

#include <arrow/array.h>
#include <arrow/builder.h>
#include <arrow/io/memory.h>
#include <arrow/record_batch.h>
#include <arrow/table.h>
#include <arrow/type.h>
#include <parquet/arrow/reader.h>
#include <parquet/arrow/schema.h>
#include <parquet/arrow/writer.h>
#include <parquet/exception.h>
#include <parquet/file_reader.h>
#include <parquet/metadata.h>
#include <parquet/properties.h>

#include "errors/error_class.h"

namespace tarn::delta {
namespace {

constexpr const char* kInvalidCheckpoint = "DELTA_INVALID_CHECKPOINT";

// ---------------------------------------------------------------------------------------------
// Checkpoint layout shared by reader and writer.

struct ActionColumnSpec {
  std::string_view name;
  // The struct fields this codec decodes. Others (add.stats_parsed, add.partitionValues_parsed,
  // deletionVector.maxRowIndex, ...) are never read from disk, which keeps big checkpoints cheap.
  std::vector<std::string_view> fields;

  bool HasField(std::string_view field) const {
    return std::find(fields.begin(), fields.end(), field) != fields.end();
  }
};

const std::vector<ActionColumnSpec>& ActionColumns() {
  static const std::vector<ActionColumnSpec> specs = {
      {"txn", {"appId", "version", "lastUpdated"}},
      {"add",
       {"path", "partitionValues", "size", "modificationTime", "dataChange", "stats", "tags",
        "deletionVector", "baseRowId", "defaultRowCommitVersion", "clusteringProvider"}},
      {"remove",
       {"path", "deletionTimestamp", "dataChange", "extendedFileMetadata", "partitionValues",
        "size", "stats", "tags", "deletionVector", "baseRowId", "defaultRowCommitVersion"}},
      {"metaData",
       {"id", "name", "description", "format", "schemaString", "partitionColumns", "configuration",
        "createdTime"}},
      {"protocol", {"minReaderVersion", "minWriterVersion", "readerFeatures", "writerFeatures"}},
      {"domainMetadata", {"domain", "configuration", "removed"}},
      {"checkpointMetadata", {"version", "tags"}},
      {"sidecar", {"path", "sizeInBytes", "modificationTime", "tags"}},
  };
  return specs;
}

const ActionColumnSpec* FindActionColumn(std::string_view name) {
  for (const auto& spec : ActionColumns()) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

arrow::Status TypeError(const std::string& file, const std::string& path,
                        const arrow::DataType& type, std::string_view expected) {
  return UserError(kInvalidCheckpoint, "checkpoint {}: column {} has type {}, expected {}", file,
                   path, type.ToString(), expected);
}

// ---------------------------------------------------------------------------------------------
// Typed column access. Each accessor resolves the physical Arrow type once per record batch so
// that per-row reads are a switch and an array index. An accessor built from a missing field
// (nullptr) reads as all-null, which is how the protocol wants missing columns treated.

// Strings arrive as utf8, or as binary when a writer left out the UTF8 annotation, or as large,
// view or dictionary types when the file embeds an Arrow schema asking for them.
class StringColumn {
 public:
  static arrow::Result<StringColumn> Make(std::shared_ptr<arrow::Array> array,
                                          const std::string& path, const std::string& file) {
    StringColumn column;
    if (!array) return column;
    switch (array->type_id()) {
      case arrow::Type::STRING:
      case arrow::Type::BINARY:
        column.kind_ = Kind::kBinary;
        break;
      case arrow::Type::LARGE_STRING:
      case arrow::Type::LARGE_BINARY:
        column.kind_ = Kind::kLargeBinary;
        break;
      case arrow::Type::STRING_VIEW:
      case arrow::Type::BINARY_VIEW:
        column.kind_ = Kind::kView;
        break;
      case arrow::Type::DICTIONARY: {
        // Indices are not bounds-checked per row below, so check them all up front.
        auto status = array->ValidateFull();
        if (!status.ok()) {
          return UserError(kInvalidCheckpoint, "checkpoint {}: column {} is corrupt: {}", file,
                           path, status.message());
        }
        const auto& dictionary_array = static_cast<const arrow::DictionaryArray&>(*array);
        ARROW_ASSIGN_OR_RAISE(auto values, Make(dictionary_array.dictionary(), path, file));
        if (values.kind_ == Kind::kDictionary) {
          return TypeError(file, path, *array->type(), "a string");
        }
        column.dictionary_ = std::make_shared<const StringColumn>(std::move(values));
        column.kind_ = Kind::kDictionary;
        break;
      }
      default:
        return TypeError(file, path, *array->type(), "a string");
    }
    column.array_ = std::move(array);
    return column;
  }

  bool present() const { return array_ != nullptr; }

  bool IsNull(int64_t row) const {
    if (!array_ || array_->IsNull(row)) return true;
    return kind_ == Kind::kDictionary && dictionary_->IsNull(DictionaryIndex(row));
  }

  // Only for rows where IsNull() is false.
  std::string_view Value(int64_t row) const {
    switch (kind_) {
      case Kind::kBinary:
        return static_cast<const arrow::BinaryArray&>(*array_).GetView(row);
      case Kind::kLargeBinary:
        return static_cast<const arrow::LargeBinaryArray&>(*array_).GetView(row);
      case Kind::kView:
        return static_cast<const arrow::BinaryViewArray&>(*array_).GetView(row);
      case Kind::kDictionary:
        return dictionary_->Value(DictionaryIndex(row));
    }
    return {};
  }

  std::optional<std::string> Get(int64_t row) const {
    if (IsNull(row)) return std::nullopt;
    return std::string(Value(row));
  }

  std::string GetOr(int64_t row, std::string_view fallback) const {
    return std::string(IsNull(row) ? fallback : Value(row));
  }

 private:
  enum class Kind { kBinary, kLargeBinary, kView, kDictionary };

  int64_t DictionaryIndex(int64_t row) const {
    return static_cast<const arrow::DictionaryArray&>(*array_).GetValueIndex(row);
  }

  std::shared_ptr<arrow::Array> array_;
  Kind kind_ = Kind::kBinary;
  std::shared_ptr<const StringColumn> dictionary_;
};

// Any signed integer width, or unsigned up to 32 bits, widened to int64: writers disagree on
// widths (e.g. int32 sizes), and every such value fits.
class IntColumn {
 public:
  static arrow::Result<IntColumn> Make(std::shared_ptr<arrow::Array> array, std::string path,
                                       const std::string& file) {
    IntColumn column;
    column.path_ = std::move(path);
    column.file_ = &file;
    if (!array) return column;
    switch (array->type_id()) {
      case arrow::Type::INT8:
      case arrow::Type::INT16:
      case arrow::Type::INT32:
      case arrow::Type::INT64:
      case arrow::Type::UINT8:
      case arrow::Type::UINT16:
      case arrow::Type::UINT32:
        break;
      default:
        return TypeError(file, column.path_, *array->type(), "an integer");
    }
    column.type_ = array->type_id();
    column.array_ = std::move(array);
    return column;
  }

  bool present() const { return array_ != nullptr; }
  bool IsNull(int64_t row) const { return !array_ || array_->IsNull(row); }

  // Only for rows where IsNull() is false.
  int64_t Value(int64_t row) const {
    const arrow::ArrayData& data = *array_->data();
    switch (type_) {
      case arrow::Type::INT8:
        return data.GetValues<int8_t>(1)[row];
      case arrow::Type::INT16:
        return data.GetValues<int16_t>(1)[row];
      case arrow::Type::INT32:
        return data.GetValues<int32_t>(1)[row];
      case arrow::Type::UINT8:
        return data.GetValues<uint8_t>(1)[row];
      case arrow::Type::UINT16:
        return data.GetValues<uint16_t>(1)[row];
      case arrow::Type::UINT32:
        return data.GetValues<uint32_t>(1)[row];
      default:
        return data.GetValues<int64_t>(1)[row];
    }
  }

  std::optional<int64_t> Get(int64_t row) const {
    if (IsNull(row)) return std::nullopt;
    return Value(row);
  }

  int64_t GetOr(int64_t row, int64_t fallback) const { return IsNull(row) ? fallback : Value(row); }

  // For fields the protocol types as int; a wider value than that is corrupt, not truncatable.
  arrow::Result<std::optional<int32_t>> GetInt32(int64_t row) const {
    if (IsNull(row)) return std::nullopt;
    int64_t value = Value(row);
    if (value < std::numeric_limits<int32_t>::min() ||
        value > std::numeric_limits<int32_t>::max()) {
      return UserError(kInvalidCheckpoint, "checkpoint {}: column {} holds {}, out of int range",
                       *file_, path_, value);
    }
    return static_cast<int32_t>(value);
  }

  arrow::Result<int32_t> GetInt32Or(int64_t row, int32_t fallback) const {
    ARROW_ASSIGN_OR_RAISE(auto value, GetInt32(row));
    return value.value_or(fallback);
  }

 private:
  std::shared_ptr<arrow::Array> array_;
  arrow::Type::type type_ = arrow::Type::INT64;
  std::string path_;
  const std::string* file_ = nullptr;
};

class BoolColumn {
 public:
  static arrow::Result<BoolColumn> Make(std::shared_ptr<arrow::Array> array,
                                        const std::string& path, const std::string& file) {
    BoolColumn column;
    if (!array) return column;
    if (array->type_id() != arrow::Type::BOOL) {
      return TypeError(file, path, *array->type(), "a boolean");
    }
    column.array_ = std::static_pointer_cast<arrow::BooleanArray>(std::move(array));
    return column;
  }

  std::optional<bool> Get(int64_t row) const {
    if (!array_ || array_->IsNull(row)) return std::nullopt;
    return array_->Value(row);
  }

  bool GetOr(int64_t row, bool fallback) const { return Get(row).value_or(fallback); }

 private:
  std::shared_ptr<arrow::BooleanArray> array_;
};

// Offsets of a list-like column: list, large list, or map (which Arrow lays out as a list of
// key/value structs).
class ListColumn {
 public:
  static arrow::Result<ListColumn> Make(std::shared_ptr<arrow::Array> array,
                                        const std::string& path, const std::string& file,
                                        std::string_view expected) {
    ListColumn column;
    if (!array) return column;
    switch (array->type_id()) {
      case arrow::Type::LIST:
      case arrow::Type::MAP:
        column.values_ = static_cast<const arrow::ListArray&>(*array).values();
        break;
      case arrow::Type::LARGE_LIST:
        column.large_ = true;
        column.values_ = static_cast<const arrow::LargeListArray&>(*array).values();
        break;
      default:
        return TypeError(file, path, *array->type(), expected);
    }
    column.array_ = std::move(array);
    return column;
  }

  bool present() const { return array_ != nullptr; }
  bool IsNull(int64_t row) const { return !array_ || array_->IsNull(row); }
  const std::shared_ptr<arrow::Array>& values() const { return values_; }
  const std::shared_ptr<arrow::Array>& array() const { return array_; }

  // [begin, end) into values(); only for rows where IsNull() is false.
  std::pair<int64_t, int64_t> Range(int64_t row) const {
    if (large_) {
      const auto& list = static_cast<const arrow::LargeListArray&>(*array_);
      return {list.value_offset(row), list.value_offset(row) + list.value_length(row)};
    }
    const auto& list = static_cast<const arrow::ListArray&>(*array_);
    return {list.value_offset(row), list.value_offset(row) + list.value_length(row)};
  }

 private:
  std::shared_ptr<arrow::Array> array_;
  std::shared_ptr<arrow::Array> values_;
  bool large_ = false;
};

class StringListColumn {
 public:
  static arrow::Result<StringListColumn> Make(std::shared_ptr<arrow::Array> array,
                                              const std::string& path, const std::string& file) {
    StringListColumn column;
    ARROW_ASSIGN_OR_RAISE(column.list_,
                          ListColumn::Make(std::move(array), path, file, "an array<string>"));
    if (column.list_.present()) {
      auto elements = StringColumn::Make(column.list_.values(), path, file);
      if (!elements.ok()) {
        return TypeError(file, path, *column.list_.array()->type(), "an array<string>");
      }
      column.elements_ = std::move(elements).ValueUnsafe();
    }
    return column;
  }

  // Null elements carry no meaning in these lists (partition columns, feature names): skipped.
  std::optional<std::vector<std::string>> Get(int64_t row) const {
    if (list_.IsNull(row)) return std::nullopt;
    auto [begin, end] = list_.Range(row);
    std::vector<std::string> out;
    out.reserve(static_cast<size_t>(end - begin));
    for (int64_t i = begin; i < end; ++i) {
      if (!elements_.IsNull(i)) out.emplace_back(elements_.Value(i));
    }
    return out;
  }

 private:
  ListColumn list_;
  StringColumn elements_;
};

// map<string,string>, either as an Arrow map or as a list of key/value structs (how Arrow reads
// Parquet maps lacking the MAP annotation).
class StringMapColumn {
 public:
  static arrow::Result<StringMapColumn> Make(std::shared_ptr<arrow::Array> array,
                                             const std::string& path, const std::string& file) {
    constexpr std::string_view kExpected = "a map<string,string>";
    StringMapColumn column;
    ARROW_ASSIGN_OR_RAISE(column.list_, ListColumn::Make(std::move(array), path, file, kExpected));
    if (!column.list_.present()) return column;
    const auto& type = *column.list_.array()->type();
    if (column.list_.values()->type_id() != arrow::Type::STRUCT) {
      return TypeError(file, path, type, kExpected);
    }
    column.entries_ = std::static_pointer_cast<arrow::StructArray>(column.list_.values());
    auto key = column.entries_->GetFieldByName("key");
    auto value = column.entries_->GetFieldByName("value");
    if ((!key || !value) && column.entries_->num_fields() == 2) {
      key = column.entries_->field(0);
      value = column.entries_->field(1);
    }
    if (!key || !value) return TypeError(file, path, type, kExpected);
    auto keys = StringColumn::Make(std::move(key), path, file);
    auto values = StringColumn::Make(std::move(value), path, file);
    if (!keys.ok() || !values.ok()) return TypeError(file, path, type, kExpected);
    column.keys_ = std::move(keys).ValueUnsafe();
    column.values_ = std::move(values).ValueUnsafe();
    return column;
  }

  using OptionalView = std::optional<std::string_view>;

  // Calls fn(key, value or nullopt) for each entry of a non-null map; returns false for null.
  template <typename Fn>
  bool ForEachEntry(int64_t row, Fn&& fn) const {
    if (list_.IsNull(row)) return false;
    auto [begin, end] = list_.Range(row);
    for (int64_t i = begin; i < end; ++i) {
      if (entries_->IsNull(i) || keys_.IsNull(i)) continue;  // not an entry at all
      fn(keys_.Value(i), values_.IsNull(i) ? std::nullopt : std::optional(values_.Value(i)));
    }
    return true;
  }

  // Null values have no place in a StringMap; like the JSON parser, they are dropped.
  std::optional<StringMap> GetStringMap(int64_t row) const {
    StringMap out;
    bool present = ForEachEntry(row, [&](std::string_view key, OptionalView value) {
      if (value) out.insert_or_assign(std::string(key), std::string(*value));
    });
    if (!present) return std::nullopt;
    return out;
  }

  std::optional<PartitionValues> GetPartitionValues(int64_t row) const {
    PartitionValues out;
    bool present = ForEachEntry(row, [&](std::string_view key, OptionalView value) {
      out.insert_or_assign(std::string(key),
                           value ? std::optional<std::string>(*value) : std::nullopt);
    });
    if (!present) return std::nullopt;
    return out;
  }

 private:
  ListColumn list_;
  std::shared_ptr<arrow::StructArray> entries_;
  StringColumn keys_;
  StringColumn values_;
};

class StructColumn {
 public:
  static arrow::Result<StructColumn> Make(std::shared_ptr<arrow::Array> array, std::string path,
                                          const std::string& file) {
    StructColumn column;
    column.path_ = std::move(path);
    column.file_ = &file;
    if (!array) return column;
    if (array->type_id() != arrow::Type::STRUCT) {
      return TypeError(file, column.path_, *array->type(), "a struct");
    }
    column.array_ = std::static_pointer_cast<arrow::StructArray>(std::move(array));
    return column;
  }

  bool IsValid(int64_t row) const { return array_ && array_->IsValid(row); }
  bool AnyValid() const { return array_ && array_->null_count() < array_->length(); }
  const std::string& path() const { return path_; }

  arrow::Result<StringColumn> String(std::string_view name) const {
    return StringColumn::Make(Field(name), Path(name), *file_);
  }
  arrow::Result<IntColumn> Int(std::string_view name) const {
    return IntColumn::Make(Field(name), Path(name), *file_);
  }
  arrow::Result<BoolColumn> Bool(std::string_view name) const {
    return BoolColumn::Make(Field(name), Path(name), *file_);
  }
  arrow::Result<StringMapColumn> Map(std::string_view name) const {
    return StringMapColumn::Make(Field(name), Path(name), *file_);
  }
  arrow::Result<StringListColumn> StringList(std::string_view name) const {
    return StringListColumn::Make(Field(name), Path(name), *file_);
  }
  arrow::Result<StructColumn> Struct(std::string_view name) const {
    return StructColumn::Make(Field(name), Path(name), *file_);
  }

  // The identifying field tells action rows apart from rows where a writer left a non-null but
  // empty struct; a struct holding values without it cannot be decoded.
  arrow::Status RequireKeyField(bool key_present, std::string_view key) const {
    if (key_present || !AnyValid()) return arrow::Status::OK();
    return UserError(kInvalidCheckpoint, "checkpoint {}: column {} lacks the field {}", *file_,
                     path_, key);
  }

 private:
  std::shared_ptr<arrow::Array> Field(std::string_view name) const {
    return array_ ? array_->GetFieldByName(std::string(name)) : nullptr;
  }
  std::string Path(std::string_view name) const { return path_ + "." + std::string(name); }

  std::shared_ptr<arrow::StructArray> array_;
  std::string path_;
  const std::string* file_ = nullptr;
};

class DeletionVectorColumn {
 public:
  static arrow::Result<DeletionVectorColumn> Make(const StructColumn& parent) {
    DeletionVectorColumn column;
    ARROW_ASSIGN_OR_RAISE(column.struct_, parent.Struct("deletionVector"));
    ARROW_ASSIGN_OR_RAISE(column.storage_type_, column.struct_.String("storageType"));
    ARROW_ASSIGN_OR_RAISE(column.path_or_inline_dv_, column.struct_.String("pathOrInlineDv"));
    ARROW_ASSIGN_OR_RAISE(column.offset_, column.struct_.Int("offset"));
    ARROW_ASSIGN_OR_RAISE(column.size_in_bytes_, column.struct_.Int("sizeInBytes"));
    ARROW_ASSIGN_OR_RAISE(column.cardinality_, column.struct_.Int("cardinality"));
    return column;
  }

  arrow::Result<std::optional<DeletionVectorDescriptor>> Get(int64_t row) const {
    if (!struct_.IsValid(row) || storage_type_.IsNull(row)) return std::nullopt;
    DeletionVectorDescriptor dv;
    dv.storage_type = storage_type_.Value(row);
    dv.path_or_inline_dv = path_or_inline_dv_.GetOr(row, "");
    ARROW_ASSIGN_OR_RAISE(dv.offset, offset_.GetInt32(row));
    ARROW_ASSIGN_OR_RAISE(dv.size_in_bytes, size_in_bytes_.GetInt32Or(row, 0));
    dv.cardinality = cardinality_.GetOr(row, 0);
    return dv;
  }

 private:
  StructColumn struct_;
  StringColumn storage_type_;
  StringColumn path_or_inline_dv_;
  IntColumn offset_;
  IntColumn size_in_bytes_;
  IntColumn cardinality_;
};

// ---------------------------------------------------------------------------------------------
// One reader per action column of a record batch. Defaults for missing values match the JSON
// parser in actions.cc, so an action decodes the same from a commit and from a checkpoint.

class ActionReader {
 public:
  virtual ~ActionReader() = default;
  // Appends the action held in `row`, if this column holds one there.
  virtual arrow::Status AppendIfPresent(int64_t row, std::vector<Action>& out) const = 0;
};

class AddReader final : public ActionReader {
 public:
  static arrow::Result<std::unique_ptr<ActionReader>> Make(const StructColumn& s) {
    auto r = std::make_unique<AddReader>();
    r->struct_ = s;
    ARROW_ASSIGN_OR_RAISE(r->path_, s.String("path"));
    RETURN_NOT_OK(s.RequireKeyField(r->path_.present(), "path"));
    ARROW_ASSIGN_OR_RAISE(r->partition_values_, s.Map("partitionValues"));
    ARROW_ASSIGN_OR_RAISE(r->size_, s.Int("size"));
    ARROW_ASSIGN_OR_RAISE(r->modification_time_, s.Int("modificationTime"));
    ARROW_ASSIGN_OR_RAISE(r->data_change_, s.Bool("dataChange"));
    ARROW_ASSIGN_OR_RAISE(r->stats_, s.String("stats"));
    ARROW_ASSIGN_OR_RAISE(r->tags_, s.Map("tags"));
    ARROW_ASSIGN_OR_RAISE(r->deletion_vector_, DeletionVectorColumn::Make(s));
    ARROW_ASSIGN_OR_RAISE(r->base_row_id_, s.Int("baseRowId"));
    ARROW_ASSIGN_OR_RAISE(r->default_row_commit_version_, s.Int("defaultRowCommitVersion"));
    ARROW_ASSIGN_OR_RAISE(r->clustering_provider_, s.String("clusteringProvider"));
    return r;
  }

  arrow::Status AppendIfPresent(int64_t row, std::vector<Action>& out) const override {
    if (!struct_.IsValid(row) || path_.IsNull(row)) return arrow::Status::OK();
    AddFile add;
    add.path = path_.Value(row);
    add.partition_values = partition_values_.GetPartitionValues(row).value_or(PartitionValues{});
    add.size = size_.GetOr(row, 0);
    add.modification_time = modification_time_.GetOr(row, 0);
    add.data_change = data_change_.GetOr(row, true);
    add.stats = stats_.Get(row);
    add.tags = tags_.GetStringMap(row);
    ARROW_ASSIGN_OR_RAISE(add.deletion_vector, deletion_vector_.Get(row));
    add.base_row_id = base_row_id_.Get(row);
    add.default_row_commit_version = default_row_commit_version_.Get(row);
    add.clustering_provider = clustering_provider_.Get(row);
    out.emplace_back(std::move(add));
    return arrow::Status::OK();
  }

 private:
  StructColumn struct_;
  StringColumn path_;
  StringMapColumn partition_values_;
  IntColumn size_;
  IntColumn modification_time_;
  BoolColumn data_change_;
  StringColumn stats_;
  StringMapColumn tags_;
  DeletionVectorColumn deletion_vector_;
  IntColumn base_row_id_;
  IntColumn default_row_commit_version_;
  StringColumn clustering_provider_;
};

class RemoveReader final : public ActionReader {
 public:
  static arrow::Result<std::unique_ptr<ActionReader>> Make(const StructColumn& s) {
    auto r = std::make_unique<RemoveReader>();
    r->struct_ = s;
    ARROW_ASSIGN_OR_RAISE(r->path_, s.String("path"));
    RETURN_NOT_OK(s.RequireKeyField(r->path_.present(), "path"));
    ARROW_ASSIGN_OR_RAISE(r->deletion_timestamp_, s.Int("deletionTimestamp"));
    ARROW_ASSIGN_OR_RAISE(r->data_change_, s.Bool("dataChange"));
    ARROW_ASSIGN_OR_RAISE(r->extended_file_metadata_, s.Bool("extendedFileMetadata"));
    ARROW_ASSIGN_OR_RAISE(r->partition_values_, s.Map("partitionValues"));
    ARROW_ASSIGN_OR_RAISE(r->size_, s.Int("size"));
    ARROW_ASSIGN_OR_RAISE(r->stats_, s.String("stats"));
    ARROW_ASSIGN_OR_RAISE(r->tags_, s.Map("tags"));
    ARROW_ASSIGN_OR_RAISE(r->deletion_vector_, DeletionVectorColumn::Make(s));
    ARROW_ASSIGN_OR_RAISE(r->base_row_id_, s.Int("baseRowId"));
    ARROW_ASSIGN_OR_RAISE(r->default_row_commit_version_, s.Int("defaultRowCommitVersion"));
    return r;
  }

  arrow::Status AppendIfPresent(int64_t row, std::vector<Action>& out) const override {
    if (!struct_.IsValid(row) || path_.IsNull(row)) return arrow::Status::OK();
    RemoveFile remove;
    remove.path = path_.Value(row);
    remove.deletion_timestamp = deletion_timestamp_.Get(row);
    remove.data_change = data_change_.GetOr(row, true);
    remove.extended_file_metadata = extended_file_metadata_.Get(row);
    remove.partition_values = partition_values_.GetPartitionValues(row);
    remove.size = size_.Get(row);
    remove.stats = stats_.Get(row);
    remove.tags = tags_.GetStringMap(row);
    ARROW_ASSIGN_OR_RAISE(remove.deletion_vector, deletion_vector_.Get(row));
    remove.base_row_id = base_row_id_.Get(row);
    remove.default_row_commit_version = default_row_commit_version_.Get(row);
    out.emplace_back(std::move(remove));
    return arrow::Status::OK();
  }

 private:
  StructColumn struct_;
  StringColumn path_;
  IntColumn deletion_timestamp_;
  BoolColumn data_change_;
  BoolColumn extended_file_metadata_;
  StringMapColumn partition_values_;
  IntColumn size_;
  StringColumn stats_;
  StringMapColumn tags_;
  DeletionVectorColumn deletion_vector_;
  IntColumn base_row_id_;
  IntColumn default_row_commit_version_;
};

class MetadataReader final : public ActionReader {
 public:
  static arrow::Result<std::unique_ptr<ActionReader>> Make(const StructColumn& s) {
    auto r = std::make_unique<MetadataReader>();
    r->struct_ = s;
    ARROW_ASSIGN_OR_RAISE(r->id_, s.String("id"));
    RETURN_NOT_OK(s.RequireKeyField(r->id_.present(), "id"));
    ARROW_ASSIGN_OR_RAISE(r->name_, s.String("name"));
    ARROW_ASSIGN_OR_RAISE(r->description_, s.String("description"));
    ARROW_ASSIGN_OR_RAISE(r->format_, s.Struct("format"));
    ARROW_ASSIGN_OR_RAISE(r->format_provider_, r->format_.String("provider"));
    ARROW_ASSIGN_OR_RAISE(r->format_options_, r->format_.Map("options"));
    ARROW_ASSIGN_OR_RAISE(r->schema_string_, s.String("schemaString"));
    ARROW_ASSIGN_OR_RAISE(r->partition_columns_, s.StringList("partitionColumns"));
    ARROW_ASSIGN_OR_RAISE(r->configuration_, s.Map("configuration"));
    ARROW_ASSIGN_OR_RAISE(r->created_time_, s.Int("createdTime"));
    return r;
  }

  arrow::Status AppendIfPresent(int64_t row, std::vector<Action>& out) const override {
    if (!struct_.IsValid(row) || id_.IsNull(row)) return arrow::Status::OK();
    Metadata metadata;
    metadata.id = id_.Value(row);
    metadata.name = name_.Get(row);
    metadata.description = description_.Get(row);
    if (format_.IsValid(row)) {
      metadata.format.provider = format_provider_.GetOr(row, "parquet");
      metadata.format.options = format_options_.GetStringMap(row).value_or(StringMap{});
    }
    metadata.schema_string = schema_string_.GetOr(row, "");
    metadata.partition_columns = partition_columns_.Get(row).value_or(std::vector<std::string>{});
    metadata.configuration = configuration_.GetStringMap(row).value_or(StringMap{});
    metadata.created_time = created_time_.Get(row);
    out.emplace_back(std::move(metadata));
    return arrow::Status::OK();
  }

 private:
  StructColumn struct_;
  StringColumn id_;
  StringColumn name_;
  StringColumn description_;
  StructColumn format_;
  StringColumn format_provider_;
  StringMapColumn format_options_;
  StringColumn schema_string_;
  StringListColumn partition_columns_;
  StringMapColumn configuration_;
  IntColumn created_time_;
};

class ProtocolReader final : public ActionReader {
 public:
  static arrow::Result<std::unique_ptr<ActionReader>> Make(const StructColumn& s) {
    auto r = std::make_unique<ProtocolReader>();
    r->struct_ = s;
    ARROW_ASSIGN_OR_RAISE(r->min_reader_version_, s.Int("minReaderVersion"));
    RETURN_NOT_OK(s.RequireKeyField(r->min_reader_version_.present(), "minReaderVersion"));
    ARROW_ASSIGN_OR_RAISE(r->min_writer_version_, s.Int("minWriterVersion"));
    ARROW_ASSIGN_OR_RAISE(r->reader_features_, s.StringList("readerFeatures"));
    ARROW_ASSIGN_OR_RAISE(r->writer_features_, s.StringList("writerFeatures"));
    return r;
  }

  arrow::Status AppendIfPresent(int64_t row, std::vector<Action>& out) const override {
    if (!struct_.IsValid(row) || min_reader_version_.IsNull(row)) return arrow::Status::OK();
    Protocol protocol;
    ARROW_ASSIGN_OR_RAISE(protocol.min_reader_version, min_reader_version_.GetInt32Or(row, 1));
    ARROW_ASSIGN_OR_RAISE(protocol.min_writer_version, min_writer_version_.GetInt32Or(row, 2));
    protocol.reader_features = reader_features_.Get(row);
    protocol.writer_features = writer_features_.Get(row);
    out.emplace_back(std::move(protocol));
    return arrow::Status::OK();
  }

 private:
  StructColumn struct_;
  IntColumn min_reader_version_;
  IntColumn min_writer_version_;
  StringListColumn reader_features_;
  StringListColumn writer_features_;
};

class TxnReader final : public ActionReader {
 public:
  static arrow::Result<std::unique_ptr<ActionReader>> Make(const StructColumn& s) {
    auto r = std::make_unique<TxnReader>();
    r->struct_ = s;
    ARROW_ASSIGN_OR_RAISE(r->app_id_, s.String("appId"));
    RETURN_NOT_OK(s.RequireKeyField(r->app_id_.present(), "appId"));
    ARROW_ASSIGN_OR_RAISE(r->version_, s.Int("version"));
    ARROW_ASSIGN_OR_RAISE(r->last_updated_, s.Int("lastUpdated"));
    return r;
  }

  arrow::Status AppendIfPresent(int64_t row, std::vector<Action>& out) const override {
    if (!struct_.IsValid(row) || app_id_.IsNull(row)) return arrow::Status::OK();
    Txn txn;
    txn.app_id = app_id_.Value(row);
    txn.version = version_.GetOr(row, 0);
    txn.last_updated = last_updated_.Get(row);
    out.emplace_back(std::move(txn));
    return arrow::Status::OK();
  }

 private:
  StructColumn struct_;
  StringColumn app_id_;
  IntColumn version_;
  IntColumn last_updated_;
};

class DomainMetadataReader final : public ActionReader {
 public:
  static arrow::Result<std::unique_ptr<ActionReader>> Make(const StructColumn& s) {
    auto r = std::make_unique<DomainMetadataReader>();
    r->struct_ = s;
    ARROW_ASSIGN_OR_RAISE(r->domain_, s.String("domain"));
    RETURN_NOT_OK(s.RequireKeyField(r->domain_.present(), "domain"));
    ARROW_ASSIGN_OR_RAISE(r->configuration_, s.String("configuration"));
    ARROW_ASSIGN_OR_RAISE(r->removed_, s.Bool("removed"));
    return r;
  }

  arrow::Status AppendIfPresent(int64_t row, std::vector<Action>& out) const override {
    if (!struct_.IsValid(row) || domain_.IsNull(row)) return arrow::Status::OK();
    DomainMetadata domain;
    domain.domain = domain_.Value(row);
    domain.configuration = configuration_.GetOr(row, "");
    domain.removed = removed_.GetOr(row, false);
    out.emplace_back(std::move(domain));
    return arrow::Status::OK();
  }

 private:
  StructColumn struct_;
  StringColumn domain_;
  StringColumn configuration_;
  BoolColumn removed_;
};

class CheckpointMetadataReader final : public ActionReader {
 public:
  static arrow::Result<std::unique_ptr<ActionReader>> Make(const StructColumn& s) {
    auto r = std::make_unique<CheckpointMetadataReader>();
    r->struct_ = s;
    ARROW_ASSIGN_OR_RAISE(r->version_, s.Int("version"));
    RETURN_NOT_OK(s.RequireKeyField(r->version_.present(), "version"));
    ARROW_ASSIGN_OR_RAISE(r->tags_, s.Map("tags"));
    return r;
  }

  arrow::Status AppendIfPresent(int64_t row, std::vector<Action>& out) const override {
    if (!struct_.IsValid(row) || version_.IsNull(row)) return arrow::Status::OK();
    CheckpointMetadata metadata;
    metadata.version = version_.Value(row);
    metadata.tags = tags_.GetStringMap(row);
    out.emplace_back(std::move(metadata));
    return arrow::Status::OK();
  }

 private:
  StructColumn struct_;
  IntColumn version_;
  StringMapColumn tags_;
};

class SidecarReader final : public ActionReader {
 public:
  static arrow::Result<std::unique_ptr<ActionReader>> Make(const StructColumn& s) {
    auto r = std::make_unique<SidecarReader>();
    r->struct_ = s;
    ARROW_ASSIGN_OR_RAISE(r->path_, s.String("path"));
    RETURN_NOT_OK(s.RequireKeyField(r->path_.present(), "path"));
    ARROW_ASSIGN_OR_RAISE(r->size_in_bytes_, s.Int("sizeInBytes"));
    ARROW_ASSIGN_OR_RAISE(r->modification_time_, s.Int("modificationTime"));
    ARROW_ASSIGN_OR_RAISE(r->tags_, s.Map("tags"));
    return r;
  }

  arrow::Status AppendIfPresent(int64_t row, std::vector<Action>& out) const override {
    if (!struct_.IsValid(row) || path_.IsNull(row)) return arrow::Status::OK();
    SidecarFile sidecar;
    sidecar.path = path_.Value(row);
    sidecar.size_in_bytes = size_in_bytes_.GetOr(row, 0);
    sidecar.modification_time = modification_time_.GetOr(row, 0);
    sidecar.tags = tags_.GetStringMap(row);
    out.emplace_back(std::move(sidecar));
    return arrow::Status::OK();
  }

 private:
  StructColumn struct_;
  StringColumn path_;
  IntColumn size_in_bytes_;
  IntColumn modification_time_;
  StringMapColumn tags_;
};

arrow::Result<std::unique_ptr<ActionReader>> MakeActionReader(const std::string& name,
                                                              std::shared_ptr<arrow::Array> column,
                                                              const std::string& file) {
  ARROW_ASSIGN_OR_RAISE(auto s, StructColumn::Make(std::move(column), name, file));
  if (name == "add") return AddReader::Make(s);
  if (name == "remove") return RemoveReader::Make(s);
  if (name == "metaData") return MetadataReader::Make(s);
  if (name == "protocol") return ProtocolReader::Make(s);
  if (name == "txn") return TxnReader::Make(s);
  if (name == "domainMetadata") return DomainMetadataReader::Make(s);
  if (name == "checkpointMetadata") return CheckpointMetadataReader::Make(s);
  if (name == "sidecar") return SidecarReader::Make(s);
  return arrow::Status::Invalid("no reader for checkpoint column ", name);
}

// ---------------------------------------------------------------------------------------------
// Reading.

arrow::Status AsCheckpointError(const arrow::Status& status, const std::string& file) {
  if (status.ok() || status.IsOutOfMemory()) return status;
  return UserError(kInvalidCheckpoint, "cannot read checkpoint {}: {}", file, status.message());
}

template <typename T>
arrow::Result<T> AsCheckpointError(arrow::Result<T> result, const std::string& file) {
  if (!result.ok()) return AsCheckpointError(result.status(), file);
  return result;
}

void CollectLeaves(const parquet::arrow::SchemaField& field, std::vector<int>& leaves) {
  if (field.is_leaf()) {
    leaves.push_back(field.column_index);
    return;
  }
  for (const auto& child : field.children) CollectLeaves(child, leaves);
}

// Picks the Parquet leaf columns to decode: the known fields of the wanted action columns.
arrow::Result<std::vector<int>> SelectLeaves(const parquet::arrow::SchemaManifest& manifest,
                                             const std::vector<std::string>& columns,
                                             const std::string& file) {
  std::vector<int> leaves;
  std::set<std::string, std::less<>> seen;
  for (const auto& field : manifest.schema_fields) {
    const std::string& name = field.field->name();
    const ActionColumnSpec* spec = FindActionColumn(name);
    // Other top-level columns (commitInfo, cdc, ...) do not belong in a checkpoint: ignored.
    if (spec == nullptr) continue;
    if (!columns.empty() && std::find(columns.begin(), columns.end(), name) == columns.end()) {
      continue;
    }
    if (!seen.insert(name).second) {
      return UserError(kInvalidCheckpoint, "checkpoint {}: column {} appears twice", file, name);
    }
    if (field.field->type()->id() != arrow::Type::STRUCT) {
      return TypeError(file, name, *field.field->type(), "a struct");
    }
    size_t before = leaves.size();
    for (const auto& child : field.children) {
      if (spec->HasField(child.field->name())) CollectLeaves(child, leaves);
    }
    if (leaves.size() == before && !field.children.empty()) {
      // No known field at all: still decode one leaf so that the struct's validity is known
      // and non-null rows are reported as lacking their identifying field.
      const parquet::arrow::SchemaField* first = &field.children.front();
      while (!first->is_leaf() && !first->children.empty()) first = &first->children.front();
      if (first->is_leaf()) leaves.push_back(first->column_index);
    }
  }
  return leaves;
}

arrow::Status CheckColumnNames(const std::vector<std::string>& columns) {
  for (const auto& name : columns) {
    if (FindActionColumn(name) == nullptr) {
      return arrow::Status::Invalid("unknown checkpoint action column: ", name);
    }
  }
  return arrow::Status::OK();
}

arrow::Result<std::vector<Action>> ReadActions(std::shared_ptr<arrow::Buffer> bytes,
                                               const std::string& file,
                                               const std::vector<std::string>& columns) {
  parquet::arrow::FileReaderBuilder builder;
  RETURN_NOT_OK(AsCheckpointError(
      builder.Open(std::make_shared<arrow::io::BufferReader>(bytes),
                   parquet::default_reader_properties()),
      file));
  parquet::ArrowReaderProperties properties;
  // Callers read the parts of a multi-part checkpoint in parallel; nested use of the CPU pool
  // from here would only contend with them.
  properties.set_use_threads(false);
  // The whole file is in memory already: coalescing reads buys nothing.
  properties.set_pre_buffer(false);
  builder.properties(properties);
  ARROW_ASSIGN_OR_RAISE(auto reader, AsCheckpointError(builder.Build(), file));

  ARROW_ASSIGN_OR_RAISE(auto leaves, SelectLeaves(reader->manifest(), columns, file));
  std::vector<Action> actions;
  if (leaves.empty()) return actions;

  const auto metadata = reader->parquet_reader()->metadata();
  // A corrupt footer may claim any row count, so the hint is capped by the file size (real
  // checkpoint rows take tens of bytes or more).
  const int64_t max_rows_hint = bytes->size() / 32 + 1;
  actions.reserve(
      static_cast<size_t>(std::clamp<int64_t>(metadata->num_rows(), 0, max_rows_hint)));
  std::vector<int> row_groups(static_cast<size_t>(std::max(0, metadata->num_row_groups())));
  std::iota(row_groups.begin(), row_groups.end(), 0);
  ARROW_ASSIGN_OR_RAISE(auto batches,
                        AsCheckpointError(reader->GetRecordBatchReader(row_groups, leaves), file));

  while (true) {
    std::shared_ptr<arrow::RecordBatch> batch;
    RETURN_NOT_OK(AsCheckpointError(batches->ReadNext(&batch), file));
    if (!batch) break;
    // Cheap structural check (buffer sizes), so that typed access below stays in bounds.
    RETURN_NOT_OK(AsCheckpointError(batch->Validate(), file));
    std::vector<std::unique_ptr<ActionReader>> readers;
    for (int i = 0; i < batch->num_columns(); ++i) {
      ARROW_ASSIGN_OR_RAISE(
          auto action_reader,
          MakeActionReader(batch->schema()->field(i)->name(), batch->column(i), file));
      readers.push_back(std::move(action_reader));
    }
    const int64_t num_rows = batch->num_rows();
    for (int64_t row = 0; row < num_rows; ++row) {
      for (const auto& action_reader : readers) {
        RETURN_NOT_OK(action_reader->AppendIfPresent(row, actions));
      }
    }
  }
  return actions;
}

// ---------------------------------------------------------------------------------------------
// Writing: Spark's checkpoint schema, every field nullable as Spark writes it.

std::shared_ptr<arrow::DataType> StringMapType() {
  return arrow::map(arrow::utf8(), arrow::utf8());
}

std::shared_ptr<arrow::DataType> DeletionVectorType() {
  return arrow::struct_({
      arrow::field("storageType", arrow::utf8()),
      arrow::field("pathOrInlineDv", arrow::utf8()),
      arrow::field("offset", arrow::int32()),
      arrow::field("sizeInBytes", arrow::int32()),
      arrow::field("cardinality", arrow::int64()),
  });
}

std::shared_ptr<arrow::DataType> TxnType() {
  return arrow::struct_({
      arrow::field("appId", arrow::utf8()),
      arrow::field("version", arrow::int64()),
      arrow::field("lastUpdated", arrow::int64()),
  });
}

std::shared_ptr<arrow::DataType> AddType() {
  return arrow::struct_({
      arrow::field("path", arrow::utf8()),
      arrow::field("partitionValues", StringMapType()),
      arrow::field("size", arrow::int64()),
      arrow::field("modificationTime", arrow::int64()),
      arrow::field("dataChange", arrow::boolean()),
      arrow::field("tags", StringMapType()),
      arrow::field("deletionVector", DeletionVectorType()),
      arrow::field("baseRowId", arrow::int64()),
      arrow::field("defaultRowCommitVersion", arrow::int64()),
      arrow::field("clusteringProvider", arrow::utf8()),
      arrow::field("stats", arrow::utf8()),
  });
}

// Tombstones only serve VACUUM, so Spark drops their stats and tags.
std::shared_ptr<arrow::DataType> RemoveType() {
  return arrow::struct_({
      arrow::field("path", arrow::utf8()),
      arrow::field("deletionTimestamp", arrow::int64()),
      arrow::field("dataChange", arrow::boolean()),
      arrow::field("extendedFileMetadata", arrow::boolean()),
      arrow::field("partitionValues", StringMapType()),
      arrow::field("size", arrow::int64()),
      arrow::field("deletionVector", DeletionVectorType()),
      arrow::field("baseRowId", arrow::int64()),
      arrow::field("defaultRowCommitVersion", arrow::int64()),
  });
}

std::shared_ptr<arrow::DataType> MetadataType() {
  return arrow::struct_({
      arrow::field("id", arrow::utf8()),
      arrow::field("name", arrow::utf8()),
      arrow::field("description", arrow::utf8()),
      arrow::field("format", arrow::struct_({
                                 arrow::field("provider", arrow::utf8()),
                                 arrow::field("options", StringMapType()),
                             })),
      arrow::field("schemaString", arrow::utf8()),
      arrow::field("partitionColumns", arrow::list(arrow::utf8())),
      arrow::field("configuration", StringMapType()),
      arrow::field("createdTime", arrow::int64()),
  });
}

std::shared_ptr<arrow::DataType> ProtocolType() {
  return arrow::struct_({
      arrow::field("minReaderVersion", arrow::int32()),
      arrow::field("minWriterVersion", arrow::int32()),
      arrow::field("readerFeatures", arrow::list(arrow::utf8())),
      arrow::field("writerFeatures", arrow::list(arrow::utf8())),
  });
}

std::shared_ptr<arrow::DataType> DomainMetadataType() {
  return arrow::struct_({
      arrow::field("domain", arrow::utf8()),
      arrow::field("configuration", arrow::utf8()),
      arrow::field("removed", arrow::boolean()),
  });
}

std::shared_ptr<arrow::DataType> CheckpointMetadataType() {
  return arrow::struct_({
      arrow::field("version", arrow::int64()),
      arrow::field("tags", StringMapType()),
  });
}

std::shared_ptr<arrow::DataType> SidecarType() {
  return arrow::struct_({
      arrow::field("path", arrow::utf8()),
      arrow::field("sizeInBytes", arrow::int64()),
      arrow::field("modificationTime", arrow::int64()),
      arrow::field("tags", StringMapType()),
  });
}

// Appends struct values field by field in schema order. Each call is checked against the field
// types, so that the appenders below cannot silently drift from the type definitions above.
class StructWriter {
 public:
  explicit StructWriter(arrow::StructBuilder& builder) : builder_(builder) {
    const auto type = builder.type();
    const auto& fields = type->fields();
    for (size_t i = 0; i < fields.size(); ++i) {
      field_types_.push_back(fields[i]->type()->id());
      nested_.push_back(field_types_.back() == arrow::Type::STRUCT
                            ? std::make_unique<StructWriter>(static_cast<arrow::StructBuilder&>(
                                  *builder.field_builder(static_cast<int>(i))))
                            : nullptr);
    }
  }

  arrow::Status AppendNulls(int64_t count) { return builder_.AppendNulls(count); }
  arrow::Status AppendNull() { return builder_.AppendNull(); }

  arrow::Status BeginValue() {
    next_ = 0;
    return builder_.Append();
  }

  arrow::Status EndValue() const {
    if (next_ != field_types_.size()) {
      return arrow::Status::Invalid("checkpoint writer filled ", next_, " of ",
                                    field_types_.size(), " fields");
    }
    return arrow::Status::OK();
  }

  arrow::Status String(std::string_view value) {
    ARROW_ASSIGN_OR_RAISE(auto* builder, Next<arrow::StringBuilder>(arrow::Type::STRING));
    return builder->Append(value);
  }

  arrow::Status OptionalString(const std::optional<std::string>& value) {
    ARROW_ASSIGN_OR_RAISE(auto* builder, Next<arrow::StringBuilder>(arrow::Type::STRING));
    return value ? builder->Append(*value) : builder->AppendNull();
  }

  arrow::Status Int64(std::optional<int64_t> value) {
    ARROW_ASSIGN_OR_RAISE(auto* builder, Next<arrow::Int64Builder>(arrow::Type::INT64));
    return value ? builder->Append(*value) : builder->AppendNull();
  }

  arrow::Status Int32(std::optional<int32_t> value) {
    ARROW_ASSIGN_OR_RAISE(auto* builder, Next<arrow::Int32Builder>(arrow::Type::INT32));
    return value ? builder->Append(*value) : builder->AppendNull();
  }

  arrow::Status Bool(std::optional<bool> value) {
    ARROW_ASSIGN_OR_RAISE(auto* builder, Next<arrow::BooleanBuilder>(arrow::Type::BOOL));
    return value ? builder->Append(*value) : builder->AppendNull();
  }

  arrow::Status Map(const std::optional<StringMap>& value) {
    ARROW_ASSIGN_OR_RAISE(auto* builder, Next<arrow::MapBuilder>(arrow::Type::MAP));
    if (!value) return builder->AppendNull();
    RETURN_NOT_OK(builder->Append());
    auto& keys = static_cast<arrow::StringBuilder&>(*builder->key_builder());
    auto& items = static_cast<arrow::StringBuilder&>(*builder->item_builder());
    for (const auto& [key, item] : *value) {
      RETURN_NOT_OK(keys.Append(key));
      RETURN_NOT_OK(items.Append(item));
    }
    return arrow::Status::OK();
  }

  arrow::Status Map(const std::optional<PartitionValues>& value) {
    ARROW_ASSIGN_OR_RAISE(auto* builder, Next<arrow::MapBuilder>(arrow::Type::MAP));
    if (!value) return builder->AppendNull();
    RETURN_NOT_OK(builder->Append());
    auto& keys = static_cast<arrow::StringBuilder&>(*builder->key_builder());
    auto& items = static_cast<arrow::StringBuilder&>(*builder->item_builder());
    for (const auto& [key, item] : *value) {
      RETURN_NOT_OK(keys.Append(key));
      RETURN_NOT_OK(item ? items.Append(*item) : items.AppendNull());
    }
    return arrow::Status::OK();
  }

  arrow::Status StringList(const std::optional<std::vector<std::string>>& value) {
    ARROW_ASSIGN_OR_RAISE(auto* builder, Next<arrow::ListBuilder>(arrow::Type::LIST));
    if (!value) return builder->AppendNull();
    RETURN_NOT_OK(builder->Append());
    auto& elements = static_cast<arrow::StringBuilder&>(*builder->value_builder());
    for (const auto& element : *value) RETURN_NOT_OK(elements.Append(element));
    return arrow::Status::OK();
  }

  // The writer of the next field, a struct; the caller appends one value (or null) to it.
  arrow::Result<StructWriter*> Struct() {
    RETURN_NOT_OK(Next<arrow::StructBuilder>(arrow::Type::STRUCT).status());
    return nested_[next_ - 1].get();
  }

 private:
  template <typename Builder>
  arrow::Result<Builder*> Next(arrow::Type::type type) {
    if (next_ >= field_types_.size() || field_types_[next_] != type) {
      return arrow::Status::Invalid("checkpoint writer: field ", next_,
                                    " does not match the schema");
    }
    return static_cast<Builder*>(builder_.field_builder(static_cast<int>(next_++)));
  }

  arrow::StructBuilder& builder_;
  std::vector<arrow::Type::type> field_types_;
  std::vector<std::unique_ptr<StructWriter>> nested_;
  size_t next_ = 0;
};

arrow::Status WriteDeletionVector(StructWriter& parent,
                                  const std::optional<DeletionVectorDescriptor>& dv) {
  ARROW_ASSIGN_OR_RAISE(auto* writer, parent.Struct());
  if (!dv) return writer->AppendNull();
  RETURN_NOT_OK(writer->BeginValue());
  RETURN_NOT_OK(writer->String(dv->storage_type));
  RETURN_NOT_OK(writer->String(dv->path_or_inline_dv));
  RETURN_NOT_OK(writer->Int32(dv->offset));
  RETURN_NOT_OK(writer->Int32(dv->size_in_bytes));
  RETURN_NOT_OK(writer->Int64(dv->cardinality));
  return writer->EndValue();
}

arrow::Status WriteValue(StructWriter& w, const Txn& txn) {
  RETURN_NOT_OK(w.String(txn.app_id));
  RETURN_NOT_OK(w.Int64(txn.version));
  return w.Int64(txn.last_updated);
}

arrow::Status WriteValue(StructWriter& w, const AddFile& add) {
  RETURN_NOT_OK(w.String(add.path));
  RETURN_NOT_OK(w.Map(std::optional<PartitionValues>(add.partition_values)));
  RETURN_NOT_OK(w.Int64(add.size));
  RETURN_NOT_OK(w.Int64(add.modification_time));
  RETURN_NOT_OK(w.Bool(add.data_change));
  RETURN_NOT_OK(w.Map(add.tags));
  RETURN_NOT_OK(WriteDeletionVector(w, add.deletion_vector));
  RETURN_NOT_OK(w.Int64(add.base_row_id));
  RETURN_NOT_OK(w.Int64(add.default_row_commit_version));
  RETURN_NOT_OK(w.OptionalString(add.clustering_provider));
  return w.OptionalString(add.stats);
}

arrow::Status WriteValue(StructWriter& w, const RemoveFile& remove) {
  RETURN_NOT_OK(w.String(remove.path));
  RETURN_NOT_OK(w.Int64(remove.deletion_timestamp));
  RETURN_NOT_OK(w.Bool(remove.data_change));
  RETURN_NOT_OK(w.Bool(remove.extended_file_metadata));
  RETURN_NOT_OK(w.Map(remove.partition_values));
  RETURN_NOT_OK(w.Int64(remove.size));
  RETURN_NOT_OK(WriteDeletionVector(w, remove.deletion_vector));
  RETURN_NOT_OK(w.Int64(remove.base_row_id));
  return w.Int64(remove.default_row_commit_version);
}

arrow::Status WriteValue(StructWriter& w, const Metadata& metadata) {
  RETURN_NOT_OK(w.String(metadata.id));
  RETURN_NOT_OK(w.OptionalString(metadata.name));
  RETURN_NOT_OK(w.OptionalString(metadata.description));
  ARROW_ASSIGN_OR_RAISE(auto* format, w.Struct());
  RETURN_NOT_OK(format->BeginValue());
  RETURN_NOT_OK(format->String(metadata.format.provider));
  RETURN_NOT_OK(format->Map(std::optional<StringMap>(metadata.format.options)));
  RETURN_NOT_OK(format->EndValue());
  RETURN_NOT_OK(w.String(metadata.schema_string));
  RETURN_NOT_OK(w.StringList(metadata.partition_columns));
  RETURN_NOT_OK(w.Map(std::optional<StringMap>(metadata.configuration)));
  return w.Int64(metadata.created_time);
}

arrow::Status WriteValue(StructWriter& w, const Protocol& protocol) {
  RETURN_NOT_OK(w.Int32(protocol.min_reader_version));
  RETURN_NOT_OK(w.Int32(protocol.min_writer_version));
  RETURN_NOT_OK(w.StringList(protocol.reader_features));
  return w.StringList(protocol.writer_features);
}

arrow::Status WriteValue(StructWriter& w, const DomainMetadata& domain) {
  RETURN_NOT_OK(w.String(domain.domain));
  RETURN_NOT_OK(w.String(domain.configuration));
  return w.Bool(domain.removed);
}

arrow::Status WriteValue(StructWriter& w, const CheckpointMetadata& metadata) {
  RETURN_NOT_OK(w.Int64(metadata.version));
  return w.Map(metadata.tags);
}

arrow::Status WriteValue(StructWriter& w, const SidecarFile& sidecar) {
  RETURN_NOT_OK(w.String(sidecar.path));
  RETURN_NOT_OK(w.Int64(sidecar.size_in_bytes));
  RETURN_NOT_OK(w.Int64(sidecar.modification_time));
  return w.Map(sidecar.tags);
}

// The actions of one kind occupy rows [first_row, first_row + size) of the file.
template <typename T>
struct RowBlock {
  std::vector<const T*> values;
  int64_t first_row = 0;
};

template <typename T>
arrow::Result<std::shared_ptr<arrow::Array>> BuildColumn(
    const std::shared_ptr<arrow::DataType>& type, const RowBlock<T>& block, int64_t total_rows) {
  ARROW_ASSIGN_OR_RAISE(auto builder, arrow::MakeBuilder(type));
  auto& struct_builder = static_cast<arrow::StructBuilder&>(*builder);
  RETURN_NOT_OK(struct_builder.Reserve(total_rows));
  StructWriter writer(struct_builder);
  RETURN_NOT_OK(writer.AppendNulls(block.first_row));
  for (const T* value : block.values) {
    RETURN_NOT_OK(writer.BeginValue());
    RETURN_NOT_OK(WriteValue(writer, *value));
    RETURN_NOT_OK(writer.EndValue());
  }
  const int64_t rows_after =
      total_rows - block.first_row - static_cast<int64_t>(block.values.size());
  RETURN_NOT_OK(writer.AppendNulls(rows_after));
  return builder->Finish();
}

arrow::Result<std::shared_ptr<arrow::Buffer>> WriteActions(const std::vector<Action>& actions) {
  RowBlock<CheckpointMetadata> checkpoint_metadata;
  RowBlock<Protocol> protocols;
  RowBlock<Metadata> metadata;
  RowBlock<Txn> txns;
  RowBlock<DomainMetadata> domains;
  RowBlock<SidecarFile> sidecars;
  RowBlock<AddFile> adds;
  RowBlock<RemoveFile> removes;
  for (const auto& action : actions) {
    std::visit(
        [&](const auto& a) {
          using T = std::decay_t<decltype(a)>;
          if constexpr (std::is_same_v<T, CheckpointMetadata>) {
            checkpoint_metadata.values.push_back(&a);
          } else if constexpr (std::is_same_v<T, Protocol>) {
            protocols.values.push_back(&a);
          } else if constexpr (std::is_same_v<T, Metadata>) {
            metadata.values.push_back(&a);
          } else if constexpr (std::is_same_v<T, Txn>) {
            txns.values.push_back(&a);
          } else if constexpr (std::is_same_v<T, DomainMetadata>) {
            domains.values.push_back(&a);
          } else if constexpr (std::is_same_v<T, SidecarFile>) {
            sidecars.values.push_back(&a);
          } else if constexpr (std::is_same_v<T, AddFile>) {
            adds.values.push_back(&a);
          } else if constexpr (std::is_same_v<T, RemoveFile>) {
            removes.values.push_back(&a);
          }
          // CommitInfo and AddCdcFile must not be in a checkpoint: dropped.
        },
        action);
  }

  // Grouping rows by kind lets each column append its nulls in two runs.
  int64_t total_rows = 0;
  auto place = [&total_rows](auto& block) {
    block.first_row = total_rows;
    total_rows += static_cast<int64_t>(block.values.size());
  };
  place(checkpoint_metadata);
  place(protocols);
  place(metadata);
  place(txns);
  place(domains);
  place(sidecars);
  place(adds);
  place(removes);

  arrow::FieldVector fields;
  arrow::ArrayVector columns;
  auto add_column = [&](const char* name, const std::shared_ptr<arrow::DataType>& type,
                        const auto& block) -> arrow::Status {
    ARROW_ASSIGN_OR_RAISE(auto column, BuildColumn(type, block, total_rows));
    fields.push_back(arrow::field(name, type));
    columns.push_back(std::move(column));
    return arrow::Status::OK();
  };
  // Spark's column order.
  RETURN_NOT_OK(add_column("txn", TxnType(), txns));
  RETURN_NOT_OK(add_column("add", AddType(), adds));
  RETURN_NOT_OK(add_column("remove", RemoveType(), removes));
  RETURN_NOT_OK(add_column("metaData", MetadataType(), metadata));
  RETURN_NOT_OK(add_column("protocol", ProtocolType(), protocols));
  RETURN_NOT_OK(add_column("domainMetadata", DomainMetadataType(), domains));
  if (!checkpoint_metadata.values.empty()) {
    RETURN_NOT_OK(add_column("checkpointMetadata", CheckpointMetadataType(), checkpoint_metadata));
  }
  if (!sidecars.values.empty()) {
    RETURN_NOT_OK(add_column("sidecar", SidecarType(), sidecars));
  }
  auto table = arrow::Table::Make(arrow::schema(std::move(fields)), std::move(columns), total_rows);

  ARROW_ASSIGN_OR_RAISE(auto sink, arrow::io::BufferOutputStream::Create());
  auto properties =
      parquet::WriterProperties::Builder().compression(parquet::Compression::SNAPPY)->build();
  RETURN_NOT_OK(parquet::arrow::WriteTable(*table, arrow::default_memory_pool(), sink,
                                           parquet::DEFAULT_MAX_ROW_GROUP_LENGTH, properties));
  return sink->Finish();
}

}  // namespace

arrow::Result<std::vector<Action>> ReadCheckpointParquet(
    std::shared_ptr<arrow::Buffer> bytes, const std::string& file,
    const std::vector<std::string>& columns) {
  if (!bytes) return arrow::Status::Invalid("no bytes given for checkpoint ", file);
  RETURN_NOT_OK(CheckColumnNames(columns));
  // The Parquet library reports most corruption as a Status, but parts of it throw.
  try {
    return ReadActions(std::move(bytes), file, columns);
  } catch (const std::bad_alloc&) {
    return arrow::Status::OutOfMemory("reading checkpoint ", file);
  } catch (const std::exception& e) {
    return UserError(kInvalidCheckpoint, "cannot read checkpoint {}: {}", file, e.what());
  }
}

arrow::Result<std::shared_ptr<arrow::Buffer>> WriteCheckpointParquet(
    const std::vector<Action>& actions) {
  try {
    return WriteActions(actions);
  } catch (const std::bad_alloc&) {
    return arrow::Status::OutOfMemory("writing a checkpoint");
  } catch (const parquet::ParquetException& e) {
    return arrow::Status::IOError("writing a checkpoint: ", e.what());
  }
}

}  // namespace tarn::delta
