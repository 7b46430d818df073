// Delta log actions (PROTOCOL.md, "Actions") as plain structs, and their JSON form.
// Pure protocol logic: no I/O happens here.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <arrow/result.h>
#include <arrow/status.h>
#include <nlohmann/json.hpp>

namespace tarn::delta {

// Partition values are strings in the log; a missing value (null) is std::nullopt.
using PartitionValues = std::map<std::string, std::optional<std::string>>;
using StringMap = std::map<std::string, std::string>;

struct Protocol {
  int32_t min_reader_version = 1;
  int32_t min_writer_version = 2;
  std::optional<std::vector<std::string>> reader_features;  // only with reader version 3
  std::optional<std::vector<std::string>> writer_features;  // only with writer version 7

  bool HasReaderFeature(const std::string& name) const;
  bool HasWriterFeature(const std::string& name) const;
};

struct Format {
  std::string provider = "parquet";
  StringMap options;
};

struct Metadata {
  std::string id;
  std::optional<std::string> name;
  std::optional<std::string> description;
  Format format;
  std::string schema_string;  // Delta schema JSON
  std::vector<std::string> partition_columns;
  StringMap configuration;
  std::optional<int64_t> created_time;
};

struct DeletionVectorDescriptor {
  std::string storage_type;  // "u" (relative uuid path), "i" (inline), "p" (absolute path)
  std::string path_or_inline_dv;
  std::optional<int32_t> offset;
  int32_t size_in_bytes = 0;
  int64_t cardinality = 0;

  // The unique id used to key files in log replay: storage_type + path (+ "@" + offset).
  std::string UniqueId() const;
};

struct AddFile {
  std::string path;  // URI-encoded, relative to the table root unless absolute
  PartitionValues partition_values;
  int64_t size = 0;
  int64_t modification_time = 0;
  bool data_change = true;
  std::optional<std::string> stats;  // JSON string
  std::optional<StringMap> tags;
  std::optional<DeletionVectorDescriptor> deletion_vector;
  std::optional<int64_t> base_row_id;
  std::optional<int64_t> default_row_commit_version;
  std::optional<std::string> clustering_provider;
};

struct RemoveFile {
  std::string path;
  std::optional<int64_t> deletion_timestamp;
  bool data_change = true;
  std::optional<bool> extended_file_metadata;
  std::optional<PartitionValues> partition_values;
  std::optional<int64_t> size;
  std::optional<std::string> stats;
  std::optional<StringMap> tags;
  std::optional<DeletionVectorDescriptor> deletion_vector;
  std::optional<int64_t> base_row_id;
  std::optional<int64_t> default_row_commit_version;
};

struct AddCdcFile {
  std::string path;
  PartitionValues partition_values;
  int64_t size = 0;
  bool data_change = false;
  std::optional<StringMap> tags;
};

struct Txn {
  std::string app_id;
  int64_t version = 0;
  std::optional<int64_t> last_updated;
};

struct DomainMetadata {
  std::string domain;
  std::string configuration;
  bool removed = false;
};

// commitInfo is free-form in the protocol; we keep it as JSON and expose the common fields.
struct CommitInfo {
  nlohmann::json value = nlohmann::json::object();

  std::optional<int64_t> Timestamp() const;
  std::optional<int64_t> InCommitTimestamp() const;
  std::string Operation() const;
};

// V2 checkpoint actions.
struct CheckpointMetadata {
  int64_t version = 0;
  std::optional<StringMap> tags;
};
struct SidecarFile {
  std::string path;
  int64_t size_in_bytes = 0;
  int64_t modification_time = 0;
  std::optional<StringMap> tags;
};

using Action = std::variant<Protocol, Metadata, AddFile, RemoveFile, AddCdcFile, Txn,
                            DomainMetadata, CommitInfo, CheckpointMetadata, SidecarFile>;

// One JSON line of a commit file -> action. Unknown action keys are skipped (returns nullopt),
// as the protocol requires readers to ignore them.
arrow::Result<std::optional<Action>> ParseActionJson(const nlohmann::json& line);
// Parses a whole commit file (newline-delimited JSON). `file` names it in errors.
arrow::Result<std::vector<Action>> ParseCommitFile(std::string_view contents, const std::string& file);

nlohmann::json ActionToJson(const Action& action);
// Serialises actions as newline-delimited JSON, one action per line.
std::string SerializeCommit(const std::vector<Action>& actions);

}  // namespace tarn::delta
