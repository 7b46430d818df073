// VACUUM: deletes data files that no live version needs and that are older than the
// retention period; History: the commitInfo of each version.
#include <algorithm>
#include <sstream>
#include <set>

#include "errors/error_class.h"
#include "storage/delta/deletion_vector.h"
#include "storage/delta/delta_table.h"
#include "storage/delta/partition_path.h"
#include "storage/delta/table_scan.h"
#include "storage/delta/transaction.h"

namespace tarn::delta {

using nlohmann::json;

namespace {

constexpr int64_t kDefaultRetentionMs = 7LL * 24 * 3600 * 1000;

// "interval 7 days", "168 hours", "interval 1 week" -> milliseconds.
int64_t ParseIntervalMs(const std::string& text, int64_t fallback) {
  std::istringstream in(text);
  std::string word, unit;
  int64_t n = 0;
  in >> word;
  std::transform(word.begin(), word.end(), word.begin(), [](unsigned char c) { return std::tolower(c); });
  if (word != "interval") {
    in.clear();
    in.str(text);
  }
  if (!(in >> n >> unit)) return fallback;
  std::transform(unit.begin(), unit.end(), unit.begin(), [](unsigned char c) { return std::tolower(c); });
  if (unit.rfind("week", 0) == 0) return n * 7 * 24 * 3600 * 1000;
  if (unit.rfind("day", 0) == 0) return n * 24 * 3600 * 1000;
  if (unit.rfind("hour", 0) == 0) return n * 3600 * 1000;
  if (unit.rfind("minute", 0) == 0) return n * 60 * 1000;
  if (unit.rfind("second", 0) == 0) return n * 1000;
  return fallback;
}

// Hidden files and folders (leading '_' or '.') are not data, except partition folders.
bool IsHidden(const std::string& relative) {
  size_t start = 0;
  while (start < relative.size()) {
    size_t end = relative.find('/', start);
    if (end == std::string::npos) end = relative.size();
    std::string part = relative.substr(start, end - start);
    if (!part.empty() && (part[0] == '_' || part[0] == '.') && part.find('=') == std::string::npos) {
      return true;
    }
    start = end + 1;
  }
  return false;
}

std::string Relative(const std::string& root, const std::string& path) {
  if (path.rfind(root + "/", 0) == 0) return path.substr(root.size() + 1);
  return path;
}

}  // namespace

arrow::Result<VacuumResult> DeltaTable::Vacuum(const VacuumOptions& options) const {
  ARROW_ASSIGN_OR_RAISE(auto snapshot, LoadSnapshot());
  ARROW_RETURN_NOT_OK(CheckWriteSupported(snapshot->protocol()));
  const int64_t table_retention =
      ParseIntervalMs(snapshot->TableProperty("delta.deletedFileRetentionDuration"), kDefaultRetentionMs);
  int64_t retention = table_retention;
  if (options.retain_hours) {
    if (*options.retain_hours < 0) {
      return UserError("DELTA_VACUUM_RETENTION_PERIOD_NEGATIVE", "Retention for Vacuum can't be less than 0.");
    }
    retention = static_cast<int64_t>(*options.retain_hours * 3600 * 1000);
    if (retention < table_retention && !options.force) {
      return UserError("DELTA_VACUUM_RETENTION_PERIOD_TOO_SHORT",
                       "Are you sure you would like to vacuum files with such a low retention period "
                       "({} hours)? The table's retention is {} hours; files that a concurrent reader "
                       "or writer still uses could be deleted. Pass --force (retentionDurationCheck "
                       "disabled) to proceed.",
                       *options.retain_hours, table_retention / 3600000.0);
    }
  }
  const int64_t now = NowMillis();
  const int64_t cutoff = now - retention;
  const std::string& root_dir = root();

  std::set<std::string> keep;
  auto keep_file = [&](const std::string& path, const std::optional<DeletionVectorDescriptor>& dv) {
    keep.insert(Relative(root_dir, ResolveDataPath(root_dir, path)));
    if (dv && dv->storage_type != "i") {
      auto loc = DeletionVectorFileLocation(*dv, root_dir);
      if (loc.ok()) keep.insert(Relative(root_dir, ResolveDataPath(root_dir, *loc)));
    }
  };
  for (const auto& f : snapshot->files()) keep_file(f.path, f.deletion_vector);
  for (const auto& r : snapshot->tombstones()) {
    if (r.deletion_timestamp.value_or(0) >= cutoff) keep_file(r.path, r.deletion_vector);
  }

  ARROW_ASSIGN_OR_RAISE(auto all, storage_->ListRecursive(root_dir));
  VacuumResult result;
  for (const auto& f : all) {
    std::string rel = Relative(root_dir, f.path);
    if (IsHidden(rel)) continue;
    if (keep.count(rel)) continue;
    if (f.modification_time >= cutoff) continue;  // may belong to a commit still in flight
    result.files.push_back(rel);
    result.bytes += f.size;
  }
  if (options.dry_run) return result;

  Transaction start(storage_, snapshot);
  start.SetOperation("VACUUM START", {{"retentionCheckEnabled", !options.force},
                                      {"defaultRetentionMillis", table_retention},
                                      {"specifiedRetentionMillis", retention}});
  start.SetOperationMetrics({{"numFilesToDelete", std::to_string(result.files.size())},
                             {"sizeOfDataToDelete", std::to_string(result.bytes)}});
  ARROW_ASSIGN_OR_RAISE(auto started, start.Commit());
  for (const auto& rel : result.files) {
    ARROW_RETURN_NOT_OK(storage_->Delete(root_dir + "/" + rel));
  }
  ARROW_ASSIGN_OR_RAISE(auto after, LoadSnapshot(started.version));
  Transaction end(storage_, after);
  end.SetOperation("VACUUM END", {{"status", "COMPLETED"}});
  end.SetOperationMetrics({{"numDeletedFiles", std::to_string(result.files.size())},
                           {"numVacuumedDirectories", "0"}});
  ARROW_RETURN_NOT_OK(end.Commit().status());
  return result;
}

arrow::Result<std::vector<json>> DeltaTable::History(std::optional<int64_t> limit) const {
  ARROW_ASSIGN_OR_RAISE(auto listing, storage_->List(LogDir(*storage_)));
  std::vector<LogFile> commits;
  for (const auto& f : listing) {
    auto lf = ClassifyLogFile(f);
    if (lf.kind == LogFileKind::kCommit) commits.push_back(lf);
  }
  if (commits.empty()) {
    return UserError("DELTA_MISSING_DELTA_TABLE", "{} is not a Delta table.", root());
  }
  std::sort(commits.begin(), commits.end(), [](auto& a, auto& b) { return a.version > b.version; });
  std::vector<json> out;
  for (const auto& c : commits) {
    if (limit && static_cast<int64_t>(out.size()) >= *limit) break;
    ARROW_ASSIGN_OR_RAISE(auto buf, storage_->Read(c.file.path));
    ARROW_ASSIGN_OR_RAISE(auto actions, ParseCommitFile(buf->ToString(), c.file.path));
    json entry = {{"version", c.version}, {"timestamp", c.file.modification_time}};
    for (const auto& a : actions) {
      if (auto* ci = std::get_if<CommitInfo>(&a)) {
        for (auto& [k, v] : ci->value.items()) entry[k] = v;
        entry["version"] = c.version;
      }
    }
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace tarn::delta
