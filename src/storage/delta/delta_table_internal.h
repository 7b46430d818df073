// Pieces of DeltaTable's write path shared by its source files (delta_table.cc, row_changes.cc,
// table_changes.cc, table_restore.cc). Never included from outside storage/delta.
#pragma once

#include <memory>
#include <string>

#include <arrow/result.h>
#include <arrow/type_fwd.h>
#include <nlohmann/json.hpp>

#include "storage/delta/actions.h"
#include "storage/delta/data_file_writer.h"
#include "storage/delta/predicate.h"
#include "storage/delta/snapshot.h"
#include "storage/delta/transaction.h"

namespace tarn::delta {

// A table property set to "true" (case-insensitively).
bool PropertyTrue(const StringMap& props, const std::string& key);

// How new data files of a table with this schema and metadata are laid out.
DataFileLayout LayoutFor(const nlohmann::json& schema, const Metadata& md, ColumnMappingMode mapping,
                         int64_t target_file_bytes);

// Evaluates a predicate per row: true / false / null (a boolean array with nulls).
arrow::Result<std::shared_ptr<arrow::ChunkedArray>> EvaluatePredicate(const arrow::Table& rows,
                                                                      const Predicate& predicate);

// DELTA_CANNOT_MODIFY_APPEND_ONLY when the table only allows appends.
arrow::Status CheckNotAppendOnly(const Metadata& metadata);

// Records a new schema in `metadata` and `txn`: column mapping ids / physical names assigned
// to new fields when the table maps columns, and the protocol raised when the schema or the
// properties need it. Returns the schema as committed (with the mapping metadata).
arrow::Result<nlohmann::json> CommitNewMetadata(nlohmann::json schema, Metadata* metadata,
                                                const std::shared_ptr<const Snapshot>& snapshot,
                                                Transaction& txn);

// Liquid clustering (table_clustering.cc): the protocol with the clustering and domainMetadata
// writer features added (legacy versions converted to feature lists), and the domain metadata
// naming the clustering columns (physical names). Partitioned tables cannot be clustered.
Protocol WithClusteringFeatures(const Protocol& protocol, const nlohmann::json& schema);
arrow::Result<DomainMetadata> ClusteringDomain(const nlohmann::json& schema, const std::vector<std::string>& columns,
                                               const std::vector<std::string>& partition_columns);

}  // namespace tarn::delta
