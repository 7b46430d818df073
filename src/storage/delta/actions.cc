#include "storage/delta/actions.h"

#include <algorithm>

#include "errors/error_class.h"

namespace tarn::delta {

using nlohmann::json;

namespace {

template <typename T>
std::optional<T> OptionalField(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  return it->get<T>();
}

std::optional<StringMap> OptionalStringMap(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  StringMap out;
  for (auto& [k, v] : it->items()) {
    if (!v.is_null()) out[k] = v.is_string() ? v.get<std::string>() : v.dump();
  }
  return out;
}

PartitionValues ParsePartitionValues(const json& j) {
  PartitionValues out;
  if (!j.is_object()) return out;
  for (auto& [k, v] : j.items()) {
    if (v.is_null()) {
      out[k] = std::nullopt;
    } else {
      out[k] = v.is_string() ? v.get<std::string>() : v.dump();
    }
  }
  return out;
}

json PartitionValuesToJson(const PartitionValues& values) {
  json out = json::object();
  for (auto& [k, v] : values) out[k] = v ? json(*v) : json(nullptr);
  return out;
}

std::optional<DeletionVectorDescriptor> ParseDv(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  DeletionVectorDescriptor dv;
  dv.storage_type = it->value("storageType", "");
  dv.path_or_inline_dv = it->value("pathOrInlineDv", "");
  dv.offset = OptionalField<int32_t>(*it, "offset");
  dv.size_in_bytes = it->value("sizeInBytes", 0);
  dv.cardinality = it->value("cardinality", int64_t{0});
  return dv;
}

json DvToJson(const DeletionVectorDescriptor& dv) {
  json j = {{"storageType", dv.storage_type},
            {"pathOrInlineDv", dv.path_or_inline_dv},
            {"sizeInBytes", dv.size_in_bytes},
            {"cardinality", dv.cardinality}};
  if (dv.offset) j["offset"] = *dv.offset;
  return j;
}

std::optional<std::vector<std::string>> OptionalStringList(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  return it->get<std::vector<std::string>>();
}

void PutIfPresent(json& j, const char* key, const auto& opt) {
  if (opt) j[key] = *opt;
}

}  // namespace

bool Protocol::HasReaderFeature(const std::string& name) const {
  return reader_features &&
         std::find(reader_features->begin(), reader_features->end(), name) != reader_features->end();
}

bool Protocol::HasWriterFeature(const std::string& name) const {
  return writer_features &&
         std::find(writer_features->begin(), writer_features->end(), name) != writer_features->end();
}

std::string DeletionVectorDescriptor::UniqueId() const {
  std::string id = storage_type + path_or_inline_dv;
  if (offset) id += "@" + std::to_string(*offset);
  return id;
}

std::optional<int64_t> CommitInfo::Timestamp() const {
  auto it = value.find("timestamp");
  if (it == value.end() || !it->is_number()) return std::nullopt;
  return it->get<int64_t>();
}

std::optional<int64_t> CommitInfo::InCommitTimestamp() const {
  auto it = value.find("inCommitTimestamp");
  if (it == value.end() || !it->is_number()) return std::nullopt;
  return it->get<int64_t>();
}

std::string CommitInfo::Operation() const { return value.value("operation", ""); }

arrow::Result<std::optional<Action>> ParseActionJson(const json& line) {
  if (!line.is_object() || line.size() != 1) {
    return UserError("DELTA_INVALID_COMMIT", "a log line must hold exactly one action: {}",
                     line.dump().substr(0, 200));
  }
  auto first = line.begin();
  const std::string key = first.key();
  const json& v = first.value();
  if (key == "add") {
    AddFile a;
    a.path = v.at("path").get<std::string>();
    a.partition_values = ParsePartitionValues(v.value("partitionValues", json::object()));
    a.size = v.value("size", int64_t{0});
    a.modification_time = v.value("modificationTime", int64_t{0});
    a.data_change = v.value("dataChange", true);
    a.stats = OptionalField<std::string>(v, "stats");
    a.tags = OptionalStringMap(v, "tags");
    a.deletion_vector = ParseDv(v, "deletionVector");
    a.base_row_id = OptionalField<int64_t>(v, "baseRowId");
    a.default_row_commit_version = OptionalField<int64_t>(v, "defaultRowCommitVersion");
    a.clustering_provider = OptionalField<std::string>(v, "clusteringProvider");
    return Action{std::move(a)};
  }
  if (key == "remove") {
    RemoveFile r;
    r.path = v.at("path").get<std::string>();
    r.deletion_timestamp = OptionalField<int64_t>(v, "deletionTimestamp");
    r.data_change = v.value("dataChange", true);
    r.extended_file_metadata = OptionalField<bool>(v, "extendedFileMetadata");
    if (v.contains("partitionValues") && !v["partitionValues"].is_null()) {
      r.partition_values = ParsePartitionValues(v["partitionValues"]);
    }
    r.size = OptionalField<int64_t>(v, "size");
    r.stats = OptionalField<std::string>(v, "stats");
    r.tags = OptionalStringMap(v, "tags");
    r.deletion_vector = ParseDv(v, "deletionVector");
    r.base_row_id = OptionalField<int64_t>(v, "baseRowId");
    r.default_row_commit_version = OptionalField<int64_t>(v, "defaultRowCommitVersion");
    return Action{std::move(r)};
  }
  if (key == "metaData") {
    Metadata m;
    m.id = v.value("id", "");
    m.name = OptionalField<std::string>(v, "name");
    m.description = OptionalField<std::string>(v, "description");
    if (v.contains("format") && v["format"].is_object()) {
      m.format.provider = v["format"].value("provider", "parquet");
      if (auto opts = OptionalStringMap(v["format"], "options")) m.format.options = *opts;
    }
    m.schema_string = v.value("schemaString", "");
    if (v.contains("partitionColumns") && v["partitionColumns"].is_array()) {
      m.partition_columns = v["partitionColumns"].get<std::vector<std::string>>();
    }
    if (auto conf = OptionalStringMap(v, "configuration")) m.configuration = *conf;
    m.created_time = OptionalField<int64_t>(v, "createdTime");
    return Action{std::move(m)};
  }
  if (key == "protocol") {
    Protocol p;
    p.min_reader_version = v.value("minReaderVersion", 1);
    p.min_writer_version = v.value("minWriterVersion", 2);
    p.reader_features = OptionalStringList(v, "readerFeatures");
    p.writer_features = OptionalStringList(v, "writerFeatures");
    return Action{std::move(p)};
  }
  if (key == "txn") {
    Txn t;
    t.app_id = v.value("appId", "");
    t.version = v.value("version", int64_t{0});
    t.last_updated = OptionalField<int64_t>(v, "lastUpdated");
    return Action{std::move(t)};
  }
  if (key == "commitInfo") {
    CommitInfo c;
    c.value = v;
    return Action{std::move(c)};
  }
  if (key == "cdc") {
    AddCdcFile c;
    c.path = v.at("path").get<std::string>();
    c.partition_values = ParsePartitionValues(v.value("partitionValues", json::object()));
    c.size = v.value("size", int64_t{0});
    c.data_change = v.value("dataChange", false);
    c.tags = OptionalStringMap(v, "tags");
    return Action{std::move(c)};
  }
  if (key == "domainMetadata") {
    DomainMetadata d;
    d.domain = v.value("domain", "");
    d.configuration = v.value("configuration", "");
    d.removed = v.value("removed", false);
    return Action{std::move(d)};
  }
  if (key == "checkpointMetadata") {
    CheckpointMetadata c;
    c.version = v.value("version", int64_t{0});
    c.tags = OptionalStringMap(v, "tags");
    return Action{std::move(c)};
  }
  if (key == "sidecar") {
    SidecarFile s;
    s.path = v.value("path", "");
    s.size_in_bytes = v.value("sizeInBytes", int64_t{0});
    s.modification_time = v.value("modificationTime", int64_t{0});
    s.tags = OptionalStringMap(v, "tags");
    return Action{std::move(s)};
  }
  return std::optional<Action>{};
}

arrow::Result<std::vector<Action>> ParseCommitFile(std::string_view contents,
                                                   const std::string& file) {
  std::vector<Action> actions;
  size_t line_no = 0;
  size_t pos = 0;
  while (pos < contents.size()) {
    size_t end = contents.find('\n', pos);
    if (end == std::string_view::npos) end = contents.size();
    std::string_view line = contents.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    json parsed = json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded()) {
      return UserError("DELTA_INVALID_COMMIT", "malformed JSON in {} at line {}", file, line_no);
    }
    try {
      ARROW_ASSIGN_OR_RAISE(auto action, ParseActionJson(parsed));
      if (action) actions.push_back(std::move(*action));
    } catch (const json::exception& e) {
      return UserError("DELTA_INVALID_COMMIT", "invalid action in {} at line {}: {}", file,
                       line_no, e.what());
    }
  }
  return actions;
}

json ActionToJson(const Action& action) {
  return std::visit(
      [](const auto& a) -> json {
        using T = std::decay_t<decltype(a)>;
        if constexpr (std::is_same_v<T, AddFile>) {
          json j = {{"path", a.path},
                    {"partitionValues", PartitionValuesToJson(a.partition_values)},
                    {"size", a.size},
                    {"modificationTime", a.modification_time},
                    {"dataChange", a.data_change}};
          PutIfPresent(j, "stats", a.stats);
          PutIfPresent(j, "tags", a.tags);
          if (a.deletion_vector) j["deletionVector"] = DvToJson(*a.deletion_vector);
          PutIfPresent(j, "baseRowId", a.base_row_id);
          PutIfPresent(j, "defaultRowCommitVersion", a.default_row_commit_version);
          PutIfPresent(j, "clusteringProvider", a.clustering_provider);
          return {{"add", j}};
        } else if constexpr (std::is_same_v<T, RemoveFile>) {
          json j = {{"path", a.path}, {"dataChange", a.data_change}};
          PutIfPresent(j, "deletionTimestamp", a.deletion_timestamp);
          PutIfPresent(j, "extendedFileMetadata", a.extended_file_metadata);
          if (a.partition_values) j["partitionValues"] = PartitionValuesToJson(*a.partition_values);
          PutIfPresent(j, "size", a.size);
          PutIfPresent(j, "stats", a.stats);
          PutIfPresent(j, "tags", a.tags);
          if (a.deletion_vector) j["deletionVector"] = DvToJson(*a.deletion_vector);
          PutIfPresent(j, "baseRowId", a.base_row_id);
          PutIfPresent(j, "defaultRowCommitVersion", a.default_row_commit_version);
          return {{"remove", j}};
        } else if constexpr (std::is_same_v<T, Metadata>) {
          json j = {{"id", a.id},
                    {"format", {{"provider", a.format.provider}, {"options", a.format.options}}},
                    {"schemaString", a.schema_string},
                    {"partitionColumns", a.partition_columns},
                    {"configuration", a.configuration}};
          PutIfPresent(j, "name", a.name);
          PutIfPresent(j, "description", a.description);
          PutIfPresent(j, "createdTime", a.created_time);
          return {{"metaData", j}};
        } else if constexpr (std::is_same_v<T, Protocol>) {
          json j = {{"minReaderVersion", a.min_reader_version},
                    {"minWriterVersion", a.min_writer_version}};
          PutIfPresent(j, "readerFeatures", a.reader_features);
          PutIfPresent(j, "writerFeatures", a.writer_features);
          return {{"protocol", j}};
        } else if constexpr (std::is_same_v<T, Txn>) {
          json j = {{"appId", a.app_id}, {"version", a.version}};
          PutIfPresent(j, "lastUpdated", a.last_updated);
          return {{"txn", j}};
        } else if constexpr (std::is_same_v<T, CommitInfo>) {
          return {{"commitInfo", a.value}};
        } else if constexpr (std::is_same_v<T, AddCdcFile>) {
          json j = {{"path", a.path},
                    {"partitionValues", PartitionValuesToJson(a.partition_values)},
                    {"size", a.size},
                    {"dataChange", a.data_change}};
          PutIfPresent(j, "tags", a.tags);
          return {{"cdc", j}};
        } else if constexpr (std::is_same_v<T, DomainMetadata>) {
          return {{"domainMetadata",
                   {{"domain", a.domain}, {"configuration", a.configuration}, {"removed", a.removed}}}};
        } else if constexpr (std::is_same_v<T, CheckpointMetadata>) {
          json j = {{"version", a.version}};
          PutIfPresent(j, "tags", a.tags);
          return {{"checkpointMetadata", j}};
        } else {
          json j = {{"path", a.path},
                    {"sizeInBytes", a.size_in_bytes},
                    {"modificationTime", a.modification_time}};
          PutIfPresent(j, "tags", a.tags);
          return {{"sidecar", j}};
        }
      },
      action);
}

std::string SerializeCommit(const std::vector<Action>& actions) {
  std::string out;
  for (const auto& a : actions) {
    out += ActionToJson(a).dump();
    out += '\n';
  }
  return out;
}

}  // namespace tarn::delta
