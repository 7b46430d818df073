// Metastore: volumes and /Volumes/... paths.
#include <filesystem>

#include "catalog/identifier_rules_internal.h"
#include "catalog/managed_storage_internal.h"
#include "catalog/metastore.h"
#include "catalog/metastore_rows_internal.h"
#include "catalog/show_pattern.h"
#include "catalog/sqlite_connection_internal.h"
#include "catalog/volume_path.h"
#include "errors/error_class.h"

namespace tarn::catalog {
namespace {

namespace fs = std::filesystem;

bool IsLocalPath(const std::string& location) { return location.find(":/") == std::string::npos; }

arrow::Status CreateFolder(const std::string& path) {
  std::error_code ec;
  fs::create_directories(path, ec);
  if (ec) return arrow::Status::IOError("cannot create the volume folder '", path, "': ", ec.message());
  return arrow::Status::OK();
}

}  // namespace

arrow::Result<VolumeInfo> Metastore::CreateVolume(VolumeInfo info, bool if_not_exists) {
  ARROW_ASSIGN_OR_RAISE(info.name, NormalizeObjectName(info.name));
  if (info.type == VolumeType::kExternal) {
    ARROW_ASSIGN_OR_RAISE(info.storage_location, AbsoluteLocation(info.storage_location));
  } else if (!info.storage_location.empty()) {
    return arrow::Status::Invalid("a managed volume gets its location from the metastore");
  }
  info.volume_id = NewUuid();
  info.owner = NewOwner(info.owner);
  info.created_at = info.updated_at = NowMillis();

  std::lock_guard lock(mutex_);
  SqliteConnection& db = *connection_;
  ARROW_ASSIGN_OR_RAISE(auto transaction, SqliteWriteTransaction::Begin(db));
  ARROW_RETURN_NOT_OK(RequireSchema(db, info.name.schema_name()));
  ARROW_ASSIGN_OR_RAISE(auto existing, LoadVolume(db, info.name));
  if (existing) {
    if (if_not_exists) return std::move(*existing);
    return VolumeAlreadyExists(info.name);
  }
  if (info.type == VolumeType::kManaged) {
    ARROW_ASSIGN_OR_RAISE(auto root, ManagedRoot(info.name.schema_name()));
    info.storage_location = ManagedVolumePath(root, info.volume_id);
  }
  // The folder exists before the row commits: a crash leaves an orphan folder at worst.
  if (IsLocalPath(info.storage_location)) ARROW_RETURN_NOT_OK(CreateFolder(info.storage_location));
  auto inserted = InsertVolume(db, info);
  if (inserted.IsAlreadyExists()) return VolumeAlreadyExists(info.name);
  ARROW_RETURN_NOT_OK(inserted);
  auto committed = transaction.Commit();
  if (!committed.ok() && info.type == VolumeType::kManaged) {
    RemoveDroppedFolders({info.storage_location});
  }
  ARROW_RETURN_NOT_OK(committed);
  return info;
}

arrow::Result<VolumeInfo> Metastore::GetVolume(const ObjectName& requested) const {
  ARROW_ASSIGN_OR_RAISE(auto name, NormalizeObjectName(requested));
  std::lock_guard lock(mutex_);
  ARROW_ASSIGN_OR_RAISE(auto info, LoadVolume(*connection_, name));
  if (!info) return VolumeNotFound(name);
  return std::move(*info);
}

arrow::Result<std::vector<VolumeInfo>> Metastore::ListVolumes(const SchemaName& requested,
                                                              const std::string& pattern) const {
  ARROW_ASSIGN_OR_RAISE(auto schema, NormalizeSchemaName(requested));
  ShowPattern matcher(pattern);
  std::lock_guard lock(mutex_);
  ARROW_RETURN_NOT_OK(RequireSchema(*connection_, schema));
  ARROW_ASSIGN_OR_RAISE(auto all, LoadVolumes(*connection_, schema.catalog, schema.schema));
  std::vector<VolumeInfo> out;
  for (auto& info : all) {
    if (matcher.Matches(info.name.name)) out.push_back(std::move(info));
  }
  return out;
}

arrow::Status Metastore::DropVolume(const ObjectName& requested, bool if_exists) {
  ARROW_ASSIGN_OR_RAISE(auto name, NormalizeObjectName(requested));
  std::optional<std::string> folder;
  {
    std::lock_guard lock(mutex_);
    SqliteConnection& db = *connection_;
    ARROW_ASSIGN_OR_RAISE(auto transaction, SqliteWriteTransaction::Begin(db));
    ARROW_ASSIGN_OR_RAISE(auto existing, LoadVolume(db, name));
    if (!existing) return if_exists ? arrow::Status::OK() : VolumeNotFound(name);
    ARROW_RETURN_NOT_OK(DeleteRows(db, "volumes", {name.catalog, name.schema, name.name}).status());
    ARROW_RETURN_NOT_OK(transaction.Commit());
    if (existing->type == VolumeType::kManaged) folder = existing->storage_location;
  }
  if (folder) RemoveDroppedFolders({*folder});
  return arrow::Status::OK();
}

arrow::Status Metastore::RenameVolume(const ObjectName& from_requested,
                                      const ObjectName& to_requested) {
  ARROW_ASSIGN_OR_RAISE(auto from, NormalizeObjectName(from_requested));
  ARROW_ASSIGN_OR_RAISE(auto to, NormalizeObjectName(to_requested));
  if (from.catalog != to.catalog) {
    return UserError("CANNOT_RENAME_ACROSS_CATALOG",
                     "Renaming a volume across catalogs is not allowed: {} to {}.",
                     QuoteName(from), QuoteName(to));
  }
  std::lock_guard lock(mutex_);
  SqliteConnection& db = *connection_;
  ARROW_ASSIGN_OR_RAISE(auto transaction, SqliteWriteTransaction::Begin(db));
  ARROW_ASSIGN_OR_RAISE(auto existing, LoadVolume(db, from));
  if (!existing) return VolumeNotFound(from);
  ARROW_RETURN_NOT_OK(RequireSchema(db, to.schema_name()));
  ARROW_ASSIGN_OR_RAISE(auto target, LoadVolume(db, to));
  if (target) return VolumeAlreadyExists(to);
  ARROW_ASSIGN_OR_RAISE(auto update,
                        db.Prepare("UPDATE volumes SET schema = ?1, name = ?2, updated_at = ?3 "
                                   "WHERE catalog = ?4 AND schema = ?5 AND name = ?6"));
  ARROW_RETURN_NOT_OK(update.Bind(1, to.schema));
  ARROW_RETURN_NOT_OK(update.Bind(2, to.name));
  ARROW_RETURN_NOT_OK(update.Bind(3, NowMillis()));
  ARROW_RETURN_NOT_OK(update.Bind(4, from.catalog));
  ARROW_RETURN_NOT_OK(update.Bind(5, from.schema));
  ARROW_RETURN_NOT_OK(update.Bind(6, from.name));
  auto updated = update.Run();
  if (updated.IsAlreadyExists()) return VolumeAlreadyExists(to);
  ARROW_RETURN_NOT_OK(updated);
  return transaction.Commit();
}

arrow::Result<std::string> Metastore::ResolveVolumePath(const std::string& volume_path) const {
  ARROW_ASSIGN_OR_RAISE(auto path, ParseVolumePath(volume_path));
  ARROW_RETURN_NOT_OK(CheckName(path.volume.catalog));
  ARROW_RETURN_NOT_OK(CheckName(path.volume.schema));
  ARROW_RETURN_NOT_OK(CheckName(path.volume.name));
  std::lock_guard lock(mutex_);
  ARROW_ASSIGN_OR_RAISE(auto volume, LoadVolume(*connection_, path.volume));
  if (!volume) return VolumeNotFound(path.volume);
  if (path.inner_path.empty()) return volume->storage_location;
  return volume->storage_location + "/" + path.inner_path;
}

}  // namespace tarn::catalog
