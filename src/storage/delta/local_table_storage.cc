#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>

#include <arrow/filesystem/localfs.h>
#include <arrow/io/interfaces.h>

#include "errors/error_class.h"
#include "storage/delta/table_storage.h"

namespace tarn::delta {
namespace {

std::string RandomSuffix() {
  std::random_device rd;
  return fmt::format("{:016x}", (static_cast<uint64_t>(rd()) << 32) | rd());
}

arrow::Status WriteAndSync(const std::string& path, std::string_view contents) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return arrow::Status::IOError("cannot create ", path, ": ", std::strerror(errno));
  size_t written = 0;
  while (written < contents.size()) {
    ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      ::unlink(path.c_str());
      return arrow::Status::IOError("cannot write ", path, ": ", std::strerror(err));
    }
    written += static_cast<size_t>(n);
  }
  // The commit must be durable before it becomes visible under its final name.
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(path.c_str());
    return arrow::Status::IOError("cannot sync ", path, ": ", std::strerror(errno));
  }
  return arrow::Status::OK();
}

// Data files are read through memory maps: the Parquet reader then slices the page cache
// instead of copying every byte into fresh buffers first.
arrow::fs::LocalFileSystemOptions MappedReads() {
  auto options = arrow::fs::LocalFileSystemOptions::Defaults();
  options.use_mmap = true;
  return options;
}

// Local filesystem storage. Put-if-absent is a hard link from a fully written temporary file:
// link(2) fails with EEXIST if the target exists, and the target never appears half-written.
class LocalTableStorage final : public TableStorage {
 public:
  explicit LocalTableStorage(std::string root)
      : root_(std::move(root)), fs_(std::make_shared<arrow::fs::LocalFileSystem>(MappedReads())) {}

  const std::string& root() const override { return root_; }
  std::shared_ptr<arrow::fs::FileSystem> filesystem() const override { return fs_; }

  arrow::Result<std::vector<StoredFile>> List(const std::string& dir) const override {
    return ListImpl(dir, false);
  }
  arrow::Result<std::vector<StoredFile>> ListRecursive(const std::string& dir) const override {
    return ListImpl(dir, true);
  }

  arrow::Result<std::shared_ptr<arrow::Buffer>> Read(const std::string& path) const override {
    ARROW_ASSIGN_OR_RAISE(auto file, fs_->OpenInputFile(path));
    ARROW_ASSIGN_OR_RAISE(auto size, file->GetSize());
    return file->ReadAt(0, size);
  }

  arrow::Status PutIfAbsent(const std::string& path, std::string_view contents) override {
    ARROW_RETURN_NOT_OK(EnsureParent(path));
    const std::string tmp = TempNameFor(path);
    ARROW_RETURN_NOT_OK(WriteAndSync(tmp, contents));
    int rc = ::link(tmp.c_str(), path.c_str());
    int err = errno;
    ::unlink(tmp.c_str());
    if (rc != 0) {
      if (err == EEXIST) return arrow::Status::AlreadyExists(path);
      return arrow::Status::IOError("cannot publish ", path, ": ", std::strerror(err));
    }
    return SyncDirectory(path);
  }

  arrow::Status Put(const std::string& path, std::string_view contents) override {
    ARROW_RETURN_NOT_OK(EnsureParent(path));
    const std::string tmp = TempNameFor(path);
    ARROW_RETURN_NOT_OK(WriteAndSync(tmp, contents));
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
      int err = errno;
      ::unlink(tmp.c_str());
      return arrow::Status::IOError("cannot rename to ", path, ": ", std::strerror(err));
    }
    return arrow::Status::OK();
  }

  arrow::Status Delete(const std::string& path) override { return fs_->DeleteFile(path); }

 private:
  static std::string TempNameFor(const std::string& path) {
    auto slash = path.rfind('/');
    std::string dir = slash == std::string::npos ? "." : path.substr(0, slash);
    std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    // Leading '.' keeps temporaries out of log listings and VACUUM's reach.
    return dir + "/." + name + "." + RandomSuffix() + ".tmp";
  }

  static arrow::Status EnsureParent(const std::string& path) {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    if (ec) return arrow::Status::IOError("cannot create directory for ", path, ": ", ec.message());
    return arrow::Status::OK();
  }

  static arrow::Status SyncDirectory(const std::string& path) {
    auto dir = std::filesystem::path(path).parent_path().string();
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return arrow::Status::OK();
    ::fsync(fd);
    ::close(fd);
    return arrow::Status::OK();
  }

  arrow::Result<std::vector<StoredFile>> ListImpl(const std::string& dir, bool recursive) const {
    arrow::fs::FileSelector selector;
    selector.base_dir = dir;
    selector.allow_not_found = true;
    selector.recursive = recursive;
    ARROW_ASSIGN_OR_RAISE(auto infos, fs_->GetFileInfo(selector));
    std::vector<StoredFile> out;
    out.reserve(infos.size());
    for (const auto& info : infos) {
      if (!info.IsFile()) continue;
      auto mtime = std::chrono::duration_cast<std::chrono::milliseconds>(
                       info.mtime().time_since_epoch())
                       .count();
      out.push_back({info.path(), info.size(), mtime});
    }
    std::sort(out.begin(), out.end(),
              [](const StoredFile& a, const StoredFile& b) { return a.path < b.path; });
    return out;
  }

  std::string root_;
  std::shared_ptr<arrow::fs::LocalFileSystem> fs_;
};

}  // namespace

arrow::Result<std::shared_ptr<TableStorage>> OpenTableStorage(const std::string& location) {
  std::string path = location;
  if (path.rfind("file://", 0) == 0) {
    ARROW_ASSIGN_OR_RAISE(path, arrow::fs::LocalFileSystem().PathFromUri(location));
  } else if (path.find("://") != std::string::npos) {
    return UserError("DELTA_UNSUPPORTED_STORAGE", "storage scheme of '{}' is not supported yet",
                     location);
  }
  std::error_code ec;
  auto abs = std::filesystem::absolute(path, ec);
  if (ec) return arrow::Status::IOError("bad path ", path, ": ", ec.message());
  std::string root = abs.lexically_normal().string();
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  return std::make_shared<LocalTableStorage>(std::move(root));
}

}  // namespace tarn::delta
