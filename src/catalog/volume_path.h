// Paths of files in volumes: /Volumes/<catalog>/<schema>/<volume>/<path inside the volume>.
#pragma once

#include <string>
#include <string_view>

#include <arrow/result.h>

#include "catalog/securable_info.h"

namespace tarn::catalog {

// True for "/Volumes/..." and "dbfs:/Volumes/..." (the prefix is case-sensitive, as in Databricks).
bool IsVolumePath(std::string_view path);

struct VolumePath {
  ObjectName volume;       // lower case
  std::string inner_path;  // relative, '/'-separated, no "." or ".." segments; may be empty
};

// Splits a volume path; an error when it names no volume or climbs out of it with "..".
arrow::Result<VolumePath> ParseVolumePath(std::string_view path);

}  // namespace tarn::catalog
