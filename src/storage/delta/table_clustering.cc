// Liquid clustering: the clustering columns live in the `delta.clustering` domain metadata, the
// protocol lists the `clustering` and `domainMetadata` writer features, and OPTIMIZE orders the
// data by those columns.
#include <set>

#include "errors/error_class.h"
#include "storage/delta/delta_table.h"
#include "storage/delta/delta_table_internal.h"
#include "storage/delta/schema.h"
#include "storage/delta/transaction.h"

namespace tarn::delta {

namespace {

using json = nlohmann::json;

constexpr char kClusteringDomain[] = "delta.clustering";

bool SchemaHasFieldMetadata(const json& schema, const std::string& key) {
  for (const auto& field : schema["fields"]) {
    if (field.contains("metadata") && field["metadata"].contains(key)) return true;
  }
  return false;
}

// The features a legacy writer version stands for that the table uses, as table features.
std::set<std::string> ImpliedWriterFeatures(int writer, const json& schema) {
  std::set<std::string> f;
  if (writer >= 2) f.insert({"appendOnly", "invariants"});
  if (writer >= 3) f.insert("checkConstraints");
  if (writer >= 4) f.insert("changeDataFeed");
  if (writer >= 4 && SchemaHasFieldMetadata(schema, "delta.generationExpression")) f.insert("generatedColumns");
  if (writer >= 5) f.insert("columnMapping");
  if (writer >= 6 && SchemaHasFieldMetadata(schema, "delta.identity.start")) f.insert("identityColumns");
  return f;
}

}  // namespace

Protocol WithClusteringFeatures(const Protocol& protocol, const json& schema) {
  Protocol p = protocol;
  std::set<std::string> writer;
  if (p.min_writer_version >= 7 && p.writer_features) {
    writer.insert(p.writer_features->begin(), p.writer_features->end());
  } else {
    writer = ImpliedWriterFeatures(p.min_writer_version, schema);
  }
  writer.insert({"clustering", "domainMetadata"});
  if (p.min_reader_version == 2) {  // legacy column mapping becomes the reader feature
    p.min_reader_version = 3;
    p.reader_features = std::vector<std::string>{"columnMapping"};
  }
  p.min_writer_version = 7;
  p.writer_features = std::vector<std::string>(writer.begin(), writer.end());
  return p;
}

arrow::Result<DomainMetadata> ClusteringDomain(const json& schema, const std::vector<std::string>& columns,
                                               const std::vector<std::string>& partition_columns) {
  if (!columns.empty() && !partition_columns.empty()) {
    return UserError("DELTA_CLUSTER_BY_WITH_PARTITIONED_BY", "Clustering and partitioning cannot both be specified.");
  }
  json paths = json::array();
  std::set<std::string> seen;
  for (const auto& c : columns) {
    const json* field = FindField(schema, c);
    if (!field) {
      return UserError("DELTA_COLUMN_NOT_FOUND_IN_SCHEMA", "Clustering column `{}` is not in the table's schema.", c);
    }
    if (!seen.insert(LowerCaseName(c)).second) {
      return UserError("DELTA_DUPLICATE_COLUMNS_FOUND", "Found duplicate column(s) in CLUSTER BY: {}", c);
    }
    paths.push_back(json::array({PhysicalName(*field)}));
  }
  if (columns.size() > 4) {
    return UserError("DELTA_CLUSTER_BY_INVALID_NUM_COLUMNS",
                     "CLUSTER BY supports up to 4 clustering columns, but the table has {} clustering columns.",
                     columns.size());
  }
  return DomainMetadata{kClusteringDomain, json{{"clusteringColumns", paths}}.dump(), false};
}

std::vector<std::string> ClusteringColumns(const Snapshot& snapshot) {
  std::vector<std::string> columns;
  auto it = snapshot.domains().find(kClusteringDomain);
  if (it == snapshot.domains().end() || it->second.removed) return columns;
  json config = json::parse(it->second.configuration, nullptr, /*allow_exceptions=*/false);
  if (!config.is_object() || !config["clusteringColumns"].is_array()) return columns;
  for (const auto& path : config["clusteringColumns"]) {
    if (!path.is_array() || path.empty()) continue;
    const std::string physical = path.back().get<std::string>();
    // Back to the logical name through the column mapping.
    std::string logical = physical;
    for (const auto& field : snapshot.schema()["fields"]) {
      if (PhysicalName(field) == physical) logical = field["name"].get<std::string>();
    }
    columns.push_back(logical);
  }
  return columns;
}

arrow::Result<int64_t> DeltaTable::SetClustering(const std::vector<std::string>& columns) const {
  ARROW_ASSIGN_OR_RAISE(auto snapshot, LoadSnapshot());
  ARROW_RETURN_NOT_OK(CheckWriteSupported(snapshot->protocol()));
  ARROW_ASSIGN_OR_RAISE(auto domain,
                        ClusteringDomain(snapshot->schema(), columns, snapshot->metadata().partition_columns));
  Transaction txn(storage_, snapshot);
  const Protocol upgraded = WithClusteringFeatures(snapshot->protocol(), snapshot->schema());
  if (upgraded.min_writer_version != snapshot->protocol().min_writer_version ||
      upgraded.writer_features != snapshot->protocol().writer_features ||
      upgraded.reader_features != snapshot->protocol().reader_features) {
    txn.SetProtocol(upgraded);
  }
  txn.AddAction(domain);
  json names = columns;
  txn.SetOperation("CLUSTER BY", {{"newClusteringColumns", names.dump()},
                                  {"oldClusteringColumns", json(ClusteringColumns(*snapshot)).dump()}});
  ARROW_ASSIGN_OR_RAISE(auto commit, txn.Commit());
  return commit.version;
}

}  // namespace tarn::delta
