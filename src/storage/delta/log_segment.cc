#include "storage/delta/log_segment.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "errors/error_class.h"

namespace tarn::delta {
namespace {

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string_view BaseName(std::string_view path) {
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

LogFile ClassifyLogFile(const StoredFile& file) {
  LogFile out;
  out.file = file;
  std::string_view name = BaseName(file.path);
  if (name == "_last_checkpoint") {
    out.kind = LogFileKind::kLastCheckpoint;
    return out;
  }
  if (name.size() < 21 || !AllDigits(name.substr(0, 20)) || name[20] != '.') return out;
  out.version = std::stoll(std::string(name.substr(0, 20)));
  std::string_view rest = name.substr(21);
  if (rest == "json") {
    out.kind = LogFileKind::kCommit;
  } else if (rest == "crc") {
    out.kind = LogFileKind::kChecksum;
  } else if (rest == "checkpoint.parquet") {
    out.kind = LogFileKind::kClassicCheckpoint;
  } else if (rest.starts_with("checkpoint.")) {
    std::string_view tail = rest.substr(11);
    // multi-part: 0000000001.0000000003.parquet
    if (tail.size() == 10 + 1 + 10 + 8 && AllDigits(tail.substr(0, 10)) && tail[10] == '.' &&
        AllDigits(tail.substr(11, 10)) && tail.substr(21) == ".parquet") {
      out.kind = LogFileKind::kMultiPartCheckpoint;
      out.part = std::stoi(std::string(tail.substr(0, 10)));
      out.num_parts = std::stoi(std::string(tail.substr(11, 10)));
    } else if (tail.ends_with(".json") || tail.ends_with(".parquet")) {
      out.kind = LogFileKind::kV2Checkpoint;
    }
  } else if (rest.ends_with(".compacted.json")) {
    out.kind = LogFileKind::kCompaction;
  }
  return out;
}

arrow::Result<LogSegment> BuildLogSegment(const std::vector<StoredFile>& listing,
                                          std::optional<int64_t> version,
                                          const std::string& table_root) {
  std::map<int64_t, LogFile> commits;
  // version -> candidate checkpoints (each a complete set of parts)
  std::map<int64_t, std::vector<std::vector<LogFile>>> checkpoints;
  std::map<std::pair<int64_t, int32_t>, std::vector<LogFile>> multipart;
  for (const auto& f : listing) {
    LogFile lf = ClassifyLogFile(f);
    switch (lf.kind) {
      case LogFileKind::kCommit:
        commits[lf.version] = lf;
        break;
      case LogFileKind::kClassicCheckpoint:
      case LogFileKind::kV2Checkpoint:
        checkpoints[lf.version].push_back({lf});
        break;
      case LogFileKind::kMultiPartCheckpoint:
        multipart[{lf.version, lf.num_parts}].push_back(lf);
        break;
      default:
        break;
    }
  }
  for (auto& [key, parts] : multipart) {
    std::sort(parts.begin(), parts.end(), [](auto& a, auto& b) { return a.part < b.part; });
    bool complete = static_cast<int32_t>(parts.size()) == key.second;
    for (int32_t i = 0; complete && i < key.second; ++i) complete = parts[i].part == i + 1;
    if (complete) checkpoints[key.first].push_back(parts);  // incomplete sets are ignored
  }
  if (commits.empty() && checkpoints.empty()) {
    return UserError("DELTA_MISSING_DELTA_TABLE", "{} is not a Delta table.", table_root);
  }
  int64_t latest = commits.empty() ? checkpoints.rbegin()->first : commits.rbegin()->first;
  if (!checkpoints.empty()) latest = std::max(latest, checkpoints.rbegin()->first);
  int64_t target = version.value_or(latest);
  if (target < 0 || target > latest) {
    return UserError("DELTA_VERSION_NOT_FOUND",
                     "Cannot time travel Delta table to version {}. Available versions: [{}, {}].",
                     target, commits.empty() ? latest : commits.begin()->first, latest);
  }

  LogSegment seg;
  seg.version = target;
  auto cp = checkpoints.upper_bound(target);
  if (cp != checkpoints.begin()) {
    --cp;
    seg.checkpoint_version = cp->first;
    // Prefer a V2 or classic single file over multi-part sets: fewer reads.
    auto& sets = cp->second;
    auto best = std::min_element(sets.begin(), sets.end(),
                                 [](auto& a, auto& b) { return a.size() < b.size(); });
    seg.checkpoint_parts = *best;
  }
  int64_t first = seg.checkpoint_version ? *seg.checkpoint_version + 1 : 0;
  for (int64_t v = first; v <= target; ++v) {
    auto it = commits.find(v);
    if (it == commits.end()) {
      if (!seg.checkpoint_version && v == 0 && commits.begin()->first > 0) {
        return UserError("DELTA_VERSION_NOT_FOUND",
                         "Cannot time travel Delta table to version {}: its commits were cleaned "
                         "up and no checkpoint covers it. Earliest available: {}.",
                         target, commits.begin()->first);
      }
      return UserError("DELTA_VERSIONS_NOT_CONTIGUOUS",
                       "Versions are not contiguous in the log of {}: commit {} is missing.",
                       table_root, v);
    }
    seg.commits.push_back(it->second);
  }
  return seg;
}

std::string CommitFileName(int64_t version) { return fmt::format("{:020d}.json", version); }

std::string CheckpointFileName(int64_t version) {
  return fmt::format("{:020d}.checkpoint.parquet", version);
}

}  // namespace tarn::delta
