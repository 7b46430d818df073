// Folders of managed storage: where managed tables and volumes go, and their removal after DROP.
#pragma once

#include <string>
#include <vector>

#include <arrow/result.h>

namespace tarn::catalog {

std::string ManagedTablePath(const std::string& managed_root, const std::string& table_id);
std::string ManagedVolumePath(const std::string& managed_root, const std::string& volume_id);

// A URI ("s3://...", "file:/...") is kept as given; a local path is made absolute and normal.
// INVALID_EMPTY_LOCATION for an empty location.
arrow::Result<std::string> AbsoluteLocation(const std::string& location);

// True when `path` is `root` itself or inside it (lexically).
bool IsInside(const std::string& path, const std::string& root);

// Removes folders of dropped managed objects, after their rows were committed away. Best
// effort: a folder that cannot be removed stays as an orphan, which loses nothing.
void RemoveDroppedFolders(const std::vector<std::string>& folders);

}  // namespace tarn::catalog
