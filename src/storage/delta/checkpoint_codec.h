// Delta checkpoint Parquet codec (PROTOCOL.md, "Checkpoints" and "Checkpoint Schema"):
// converts between the bytes of a whole checkpoint Parquet file and actions. No I/O happens here.
//
// A checkpoint row holds one action in one of the struct columns `txn`, `add`, `remove`,
// `metaData`, `protocol`, `domainMetadata`, `checkpointMetadata` or `sidecar`; the others are
// null. The same layout serves classic single-file and multi-part checkpoints, the top-level
// Parquet file of a V2 (UUID-named) checkpoint and V2 sidecar files. A V2 checkpoint in JSON
// form is newline-delimited actions and goes through ParseCommitFile instead.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <arrow/buffer.h>
#include <arrow/result.h>

#include "storage/delta/actions.h"

namespace tarn::delta {

// Reads every action from a checkpoint Parquet file. `file` names it in errors; corrupt or
// unreadable input fails with DELTA_INVALID_CHECKPOINT.
//
// `columns` names the action columns to read (any of "txn", "add", "remove", "metaData",
// "protocol", "domainMetadata", "checkpointMetadata", "sidecar"), so that callers can skip
// columns they do not need; empty reads all of them. Columns absent from the file read as null;
// a name outside that list is a caller bug and fails with a plain Invalid status.
//
// The reader accepts what other writers produce: missing optional fields, any column order,
// maps stored as lists of key/value structs, other integer widths and string encodings.
// `add.stats_parsed` and `add.partitionValues_parsed` are never decoded (stats stay nullopt
// when only the parsed form exists). A row holds an action only when its struct is non-null and
// its identifying field (path, id, appId, minReaderVersion, domain or version) is non-null.
// Actions come back in file row order.
arrow::Result<std::vector<Action>> ReadCheckpointParquet(
    std::shared_ptr<arrow::Buffer> bytes, const std::string& file,
    const std::vector<std::string>& columns = {});

// Writes the actions as a checkpoint Parquet file (snappy-compressed) with Spark's checkpoint
// schema, readable by delta-spark, delta-rs and delta-kernel. The caller passes the already
// reconciled table state; the codec writes it as given, except that commitInfo and cdc actions
// are dropped (checkpoints must not hold them) and, like Spark, `remove` tombstones carry
// neither `stats` nor `tags`. Rows are grouped by action kind (checkpointMetadata, protocol,
// metaData, txn, domainMetadata, sidecar, add, remove), keeping the given order within a kind.
// The `checkpointMetadata` and `sidecar` columns are only present when such actions are given,
// so that a plain call yields a V1 classic checkpoint.
arrow::Result<std::shared_ptr<arrow::Buffer>> WriteCheckpointParquet(
    const std::vector<Action>& actions);

}  // namespace tarn::delta
