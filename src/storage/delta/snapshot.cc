#include "storage/delta/snapshot.h"

#include <algorithm>
#include <unordered_set>

#include <arrow/type.h>

#include "errors/error_class.h"
#include "storage/delta/checkpoint_codec.h"

namespace tarn::delta {

using nlohmann::json;

namespace {

const std::vector<std::string>& SupportedReaderFeatures() {
  static const std::vector<std::string> kFeatures = {
      "deletionVectors", "columnMapping",        "timestampNtz", "v2Checkpoint",
      "vacuumProtocolCheck", "typeWidening", "typeWidening-preview"};
  return kFeatures;
}

const std::vector<std::string>& SupportedWriterFeatures() {
  static const std::vector<std::string> kFeatures = {
      "appendOnly",      "invariants",     "checkConstraints",    "columnMapping",
      "timestampNtz",    "deletionVectors", "vacuumProtocolCheck", "typeWidening",
      "typeWidening-preview", "domainMetadata", "inCommitTimestamp", "changeDataFeed",
      "v2Checkpoint",    "clustering"};
  return kFeatures;
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

arrow::Status CheckReadSupported(const Protocol& protocol) {
  if (protocol.min_reader_version > 3) {
    return UserError("DELTA_INVALID_PROTOCOL_VERSION",
                     "Unsupported Delta protocol version: table requires reader version {}, tarn "
                     "supports up to 3.",
                     protocol.min_reader_version);
  }
  if (protocol.min_reader_version == 3 && protocol.reader_features) {
    std::vector<std::string> unsupported;
    for (const auto& f : *protocol.reader_features) {
      const auto& ok = SupportedReaderFeatures();
      if (std::find(ok.begin(), ok.end(), f) == ok.end()) unsupported.push_back(f);
    }
    if (!unsupported.empty()) {
      return UserError("DELTA_UNSUPPORTED_FEATURES_FOR_READ",
                       "Unable to read this table because it requires reader table feature(s) "
                       "that are unsupported by tarn: {}.",
                       Join(unsupported));
    }
  }
  return arrow::Status::OK();
}

arrow::Status CheckWriteSupported(const Protocol& protocol) {
  ARROW_RETURN_NOT_OK(CheckReadSupported(protocol));
  if (protocol.min_writer_version > 7) {
    return UserError("DELTA_INVALID_PROTOCOL_VERSION",
                     "Unsupported Delta protocol version: table requires writer version {}.",
                     protocol.min_writer_version);
  }
  if (protocol.min_writer_version == 7 && protocol.writer_features) {
    std::vector<std::string> unsupported;
    for (const auto& f : *protocol.writer_features) {
      const auto& ok = SupportedWriterFeatures();
      if (std::find(ok.begin(), ok.end(), f) == ok.end()) unsupported.push_back(f);
    }
    if (!unsupported.empty()) {
      return UserError("DELTA_UNSUPPORTED_FEATURES_FOR_WRITE",
                       "Unable to write this table because it requires writer table feature(s) "
                       "that are unsupported by tarn: {}.",
                       Join(unsupported));
    }
  }
  // Legacy writer version 4 implies changeDataFeed and generatedColumns; 6 implies identity
  // columns. Generated and identity columns need values tarn does not compute yet.
  return arrow::Status::OK();
}

std::string LogDir(const TableStorage& storage) { return storage.root() + "/_delta_log"; }

arrow::Result<int64_t> CommitTimestamp(const TableStorage& storage, const LogFile& commit,
                                       bool in_commit_timestamps) {
  if (in_commit_timestamps && commit.kind == LogFileKind::kCommit) {
    ARROW_ASSIGN_OR_RAISE(auto buf, storage.Read(commit.file.path));
    ARROW_ASSIGN_OR_RAISE(auto actions, ParseCommitFile(buf->ToString(), commit.file.path));
    for (const auto& a : actions) {
      if (auto* ci = std::get_if<CommitInfo>(&a)) {
        if (auto ict = ci->InCommitTimestamp()) return *ict;
      }
    }
  }
  return commit.file.modification_time;
}

class SnapshotBuilder {
 public:
  static arrow::Result<std::shared_ptr<const Snapshot>> Build(std::shared_ptr<TableStorage> storage,
                                                              LogSegment segment) {
    std::shared_ptr<Snapshot> snap(new Snapshot());
    snap->storage_ = storage;
    snap->version_ = segment.version;
    SnapshotBuilder b(*snap);

    // Newest first: the first action seen for a file decides whether it is live.
    for (auto it = segment.commits.rbegin(); it != segment.commits.rend(); ++it) {
      ARROW_ASSIGN_OR_RAISE(auto buf, storage->Read(it->file.path));
      ARROW_ASSIGN_OR_RAISE(auto actions, ParseCommitFile(buf->ToString(), it->file.path));
      for (auto& a : actions) b.Apply(std::move(a), /*from_checkpoint=*/false);
    }
    for (const auto& part : segment.checkpoint_parts) {
      ARROW_RETURN_NOT_OK(b.ApplyCheckpointFile(*storage, part.file.path));
    }
    if (!b.have_protocol_ || !b.have_metadata_) {
      return UserError("DELTA_STATE_RECOVER_ERROR",
                       "The protocol or metadata of version {} of {} could not be recovered from "
                       "its log.",
                       segment.version, storage->root());
    }
    ARROW_RETURN_NOT_OK(CheckReadSupported(snap->protocol_));
    auto parsed = json::parse(snap->metadata_.schema_string, nullptr, false);
    if (parsed.is_discarded()) {
      return UserError("DELTA_INVALID_SCHEMA", "the table schema in the log of {} is not JSON",
                       storage->root());
    }
    snap->schema_ = std::move(parsed);
    ARROW_ASSIGN_OR_RAISE(snap->arrow_schema_, DeltaSchemaToArrow(snap->schema_, FieldNames::kLogical));
    ARROW_ASSIGN_OR_RAISE(snap->column_mapping_,
                          ParseColumnMappingMode(snap->TableProperty("delta.columnMapping.mode")));
    if (snap->protocol_.min_reader_version < 2) snap->column_mapping_ = ColumnMappingMode::kNone;

    bool ict = snap->TableProperty("delta.enableInCommitTimestamps") == "true";
    if (!segment.commits.empty()) {
      ARROW_ASSIGN_OR_RAISE(snap->timestamp_, CommitTimestamp(*storage, segment.commits.back(), ict));
    } else if (!segment.checkpoint_parts.empty()) {
      snap->timestamp_ = segment.checkpoint_parts.front().file.modification_time;
    }
    snap->segment_ = std::move(segment);
    return std::shared_ptr<const Snapshot>(std::move(snap));
  }

 private:
  explicit SnapshotBuilder(Snapshot& snap) : snap_(snap) {}

  static std::string FileKey(const std::string& path, const std::optional<DeletionVectorDescriptor>& dv) {
    return dv ? path + '\x1f' + dv->UniqueId() : path;
  }

  void Apply(Action&& action, bool from_checkpoint) {
    if (auto* add = std::get_if<AddFile>(&action)) {
      if (seen_.insert(FileKey(add->path, add->deletion_vector)).second) {
        snap_.files_.push_back(std::move(*add));
      }
    } else if (auto* rm = std::get_if<RemoveFile>(&action)) {
      if (seen_.insert(FileKey(rm->path, rm->deletion_vector)).second) {
        snap_.tombstones_.push_back(std::move(*rm));
      }
    } else if (auto* p = std::get_if<Protocol>(&action)) {
      if (!have_protocol_) snap_.protocol_ = std::move(*p);
      have_protocol_ = true;
    } else if (auto* m = std::get_if<Metadata>(&action)) {
      if (!have_metadata_) snap_.metadata_ = std::move(*m);
      have_metadata_ = true;
    } else if (auto* t = std::get_if<Txn>(&action)) {
      snap_.txns_.try_emplace(t->app_id, std::move(*t));
    } else if (auto* d = std::get_if<DomainMetadata>(&action)) {
      snap_.domains_.try_emplace(d->domain, std::move(*d));
    } else if (auto* s = std::get_if<SidecarFile>(&action)) {
      if (from_checkpoint) sidecars_.push_back(std::move(*s));
    }
  }

  arrow::Status ApplyCheckpointFile(const TableStorage& storage, const std::string& path) {
    ARROW_ASSIGN_OR_RAISE(auto buf, storage.Read(path));
    std::vector<Action> actions;
    if (path.ends_with(".json")) {
      ARROW_ASSIGN_OR_RAISE(actions, ParseCommitFile(buf->ToString(), path));
    } else {
      ARROW_ASSIGN_OR_RAISE(actions, ReadCheckpointParquet(buf, path));
    }
    for (auto& a : actions) Apply(std::move(a), /*from_checkpoint=*/true);
    // V2 checkpoints keep their file actions in sidecars under _delta_log/_sidecars/.
    auto sidecars = std::move(sidecars_);
    sidecars_.clear();
    for (const auto& sc : sidecars) {
      std::string sc_path = sc.path.find('/') == std::string::npos
                                ? LogDir(storage) + "/_sidecars/" + sc.path
                                : sc.path;
      ARROW_ASSIGN_OR_RAISE(auto sbuf, storage.Read(sc_path));
      ARROW_ASSIGN_OR_RAISE(auto sactions, ReadCheckpointParquet(sbuf, sc_path));
      for (auto& a : sactions) Apply(std::move(a), /*from_checkpoint=*/true);
    }
    return arrow::Status::OK();
  }

  Snapshot& snap_;
  std::unordered_set<std::string> seen_;
  std::vector<SidecarFile> sidecars_;
  bool have_protocol_ = false;
  bool have_metadata_ = false;
};

arrow::Result<std::shared_ptr<const Snapshot>> Snapshot::Load(std::shared_ptr<TableStorage> storage,
                                                              std::optional<int64_t> version) {
  // A directory listing that runs while others commit may miss an entry added during it
  // (readdir leaves that unspecified) yet see a later one. Commits only appear in version order,
  // so a gap that a fresh listing closes was such a race, not a damaged log.
  constexpr int kListAttempts = 5;
  arrow::Result<LogSegment> segment;
  for (int attempt = 1; attempt <= kListAttempts; ++attempt) {
    ARROW_ASSIGN_OR_RAISE(auto listing, storage->List(LogDir(*storage)));
    segment = BuildLogSegment(listing, version, storage->root());
    if (segment.ok() || ErrorClassOf(segment.status()) != "DELTA_VERSIONS_NOT_CONTIGUOUS") break;
  }
  ARROW_RETURN_NOT_OK(segment.status());
  return SnapshotBuilder::Build(std::move(storage), std::move(segment).MoveValueUnsafe());
}

arrow::Result<std::shared_ptr<const Snapshot>> Snapshot::LoadAsOfTimestamp(
    std::shared_ptr<TableStorage> storage, int64_t timestamp_ms) {
  ARROW_ASSIGN_OR_RAISE(auto latest, Load(storage));
  bool ict = latest->TableProperty("delta.enableInCommitTimestamps") == "true";
  ARROW_ASSIGN_OR_RAISE(auto listing, storage->List(LogDir(*storage)));
  std::vector<LogFile> commits;
  for (const auto& f : listing) {
    auto lf = ClassifyLogFile(f);
    if (lf.kind == LogFileKind::kCommit) commits.push_back(lf);
  }
  std::sort(commits.begin(), commits.end(), [](auto& a, auto& b) { return a.version < b.version; });
  // File times can go backwards between commits; like Delta, make them non-decreasing.
  std::optional<int64_t> found;
  int64_t prev = INT64_MIN;
  int64_t earliest = 0;
  for (const auto& c : commits) {
    ARROW_ASSIGN_OR_RAISE(int64_t ts, CommitTimestamp(*storage, c, ict));
    ts = std::max(ts, prev == INT64_MIN ? ts : prev + 1);
    if (prev == INT64_MIN) earliest = ts;
    prev = ts;
    if (ts <= timestamp_ms) found = c.version;
  }
  if (!found) {
    return UserError("DELTA_TIMESTAMP_EARLIER_THAN_COMMIT_RETENTION",
                     "The provided timestamp ({} ms) is before the earliest version available to "
                     "this table ({} ms).",
                     timestamp_ms, earliest);
  }
  if (*found == latest->version()) return latest;
  return Load(storage, *found);
}

std::string Snapshot::TableProperty(const std::string& key, const std::string& fallback) const {
  auto it = metadata_.configuration.find(key);
  return it == metadata_.configuration.end() ? fallback : it->second;
}

int64_t Snapshot::NumRecordsOrMinusOne() const {
  int64_t total = 0;
  for (const auto& f : files_) {
    if (!f.stats) return -1;
    auto s = json::parse(*f.stats, nullptr, false);
    if (s.is_discarded() || !s.contains("numRecords")) return -1;
    total += s["numRecords"].get<int64_t>();
    if (f.deletion_vector) total -= f.deletion_vector->cardinality;
  }
  return total;
}

}  // namespace tarn::delta
