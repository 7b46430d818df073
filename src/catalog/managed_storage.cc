#include "catalog/managed_storage_internal.h"

#include <filesystem>
#include <optional>

#include "errors/error_class.h"

namespace tarn::catalog {
namespace {

namespace fs = std::filesystem;

bool IsUri(const std::string& location) { return location.find(":/") != std::string::npos; }

// "file:///x" and "file:/x" name local paths; other URIs have no local folder.
std::optional<fs::path> LocalPath(const std::string& location) {
  if (location.starts_with("file://")) return fs::path(location.substr(7));
  if (location.starts_with("file:/")) return fs::path(location.substr(5));
  if (IsUri(location)) return std::nullopt;
  return fs::path(location);
}

}  // namespace

std::string ManagedTablePath(const std::string& managed_root, const std::string& table_id) {
  return (fs::path(managed_root) / "tables" / table_id).string();
}

std::string ManagedVolumePath(const std::string& managed_root, const std::string& volume_id) {
  return (fs::path(managed_root) / "volumes" / volume_id).string();
}

arrow::Result<std::string> AbsoluteLocation(const std::string& location) {
  if (location.empty()) {
    return UserError("INVALID_EMPTY_LOCATION",
                     "The location name cannot be empty string, but `{}` was given.", location);
  }
  if (IsUri(location)) return location;
  std::error_code ec;
  fs::path absolute = fs::absolute(location, ec);
  if (ec) return arrow::Status::IOError("cannot make '", location, "' absolute: ", ec.message());
  std::string out = absolute.lexically_normal().string();
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

bool IsInside(const std::string& path, const std::string& root) {
  auto relative = fs::path(path).lexically_normal().lexically_relative(fs::path(root).lexically_normal());
  return !relative.empty() && *relative.begin() != "..";
}

void RemoveDroppedFolders(const std::vector<std::string>& folders) {
  for (const auto& folder : folders) {
    auto local = LocalPath(folder);
    if (!local) continue;
    std::error_code ec;
    fs::remove_all(*local, ec);  // best effort, see the header
  }
}

}  // namespace tarn::catalog
