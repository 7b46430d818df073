// Which files of _delta_log make up a snapshot: the newest usable checkpoint at or before the
// wanted version plus the JSON commits after it. Pure protocol logic over a file listing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <arrow/result.h>

#include "storage/delta/table_storage.h"

namespace tarn::delta {

enum class LogFileKind {
  kCommit,             // 00000000000000000010.json
  kClassicCheckpoint,  // 00000000000000000010.checkpoint.parquet
  kMultiPartCheckpoint,// 00000000000000000010.checkpoint.0000000001.0000000003.parquet
  kV2Checkpoint,       // 00000000000000000010.checkpoint.<uuid>.json|parquet
  kCompaction,         // 00000000000000000010.00000000000000000015.compacted.json (ignored)
  kChecksum,           // 00000000000000000010.crc (ignored)
  kLastCheckpoint,     // _last_checkpoint
  kOther,
};

struct LogFile {
  StoredFile file;
  LogFileKind kind = LogFileKind::kOther;
  int64_t version = -1;
  int32_t part = 0;       // multi-part checkpoints: 1-based part number
  int32_t num_parts = 0;  // multi-part checkpoints: how many parts
};

// Classifies a file of _delta_log by its name (the last path component).
LogFile ClassifyLogFile(const StoredFile& file);

struct LogSegment {
  int64_t version = -1;                     // the snapshot's version
  std::optional<int64_t> checkpoint_version;
  std::vector<LogFile> checkpoint_parts;    // all parts of the chosen checkpoint, in order
  std::vector<LogFile> commits;             // commits after the checkpoint, ascending
};

// Builds the segment for `version` (the latest when nullopt) from a listing of _delta_log.
// Errors: DELTA_MISSING_DELTA_TABLE (no commits), DELTA_VERSION_NOT_FOUND (no such version),
// DELTA_VERSIONS_NOT_CONTIGUOUS (a gap in the commits that no checkpoint covers).
arrow::Result<LogSegment> BuildLogSegment(const std::vector<StoredFile>& listing,
                                          std::optional<int64_t> version,
                                          const std::string& table_root);

// "_delta_log/00000000000000000007.json" relative names for writers.
std::string CommitFileName(int64_t version);
std::string CheckpointFileName(int64_t version);

}  // namespace tarn::delta
