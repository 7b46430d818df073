// The I/O a Delta table needs, behind one small interface, so that the protocol logic runs the
// same over a local disk, an object store or a fault-injecting wrapper in tests.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <arrow/buffer.h>
#include <arrow/filesystem/filesystem.h>
#include <arrow/result.h>

namespace tarn::delta {

struct StoredFile {
  std::string path;               // filesystem path (not URI-encoded)
  int64_t size = 0;
  int64_t modification_time = 0;  // milliseconds since the epoch
};

// Thread safety: implementations are safe for concurrent use from several threads.
class TableStorage {
 public:
  virtual ~TableStorage() = default;

  // Root of the table as a filesystem path, without a trailing slash.
  virtual const std::string& root() const = 0;
  virtual std::shared_ptr<arrow::fs::FileSystem> filesystem() const = 0;

  // Files directly in `dir` (not recursive), sorted by path. A missing directory is empty.
  virtual arrow::Result<std::vector<StoredFile>> List(const std::string& dir) const = 0;
  // Every file under `dir`, recursively.
  virtual arrow::Result<std::vector<StoredFile>> ListRecursive(const std::string& dir) const = 0;
  virtual arrow::Result<std::shared_ptr<arrow::Buffer>> Read(const std::string& path) const = 0;
  // Creates `path` with `contents` only if it does not exist. Losing that race is reported as
  // arrow::StatusCode::AlreadyExists, which callers treat as a commit conflict, not a failure.
  virtual arrow::Status PutIfAbsent(const std::string& path, std::string_view contents) = 0;
  // Overwrites `path` atomically (write elsewhere, then rename): for _last_checkpoint and data.
  virtual arrow::Status Put(const std::string& path, std::string_view contents) = 0;
  virtual arrow::Status Delete(const std::string& path) = 0;
};

// Opens the storage for a table at a local path or a file:// URI.
arrow::Result<std::shared_ptr<TableStorage>> OpenTableStorage(const std::string& location);

}  // namespace tarn::delta
