#include "catalog/volume_path.h"

#include <vector>

#include "catalog/identifier_rules_internal.h"
#include "errors/error_class.h"

namespace tarn::catalog {
namespace {

constexpr std::string_view kVolumesPrefix = "/Volumes/";
constexpr std::string_view kDbfsVolumesPrefix = "dbfs:/Volumes/";

}  // namespace

bool IsVolumePath(std::string_view path) {
  return path.starts_with(kVolumesPrefix) || path.starts_with(kDbfsVolumesPrefix) ||
         path == "/Volumes" || path == "dbfs:/Volumes";
}

arrow::Result<VolumePath> ParseVolumePath(std::string_view path) {
  if (!IsVolumePath(path)) {
    return UserError("INVALID_PARAMETER_VALUE", "'{}' is not a volume path: it must start with /Volumes/.",
                     path);
  }
  std::string_view rest = path.substr(path.find("/Volumes") + std::string_view("/Volumes").size());
  std::vector<std::string> segments;
  size_t start = 0;
  while (start <= rest.size()) {
    size_t slash = rest.find('/', start);
    if (slash == std::string_view::npos) slash = rest.size();
    std::string_view segment = rest.substr(start, slash - start);
    if (segment == "..") {
      return UserError("INVALID_PARAMETER_VALUE",
                       "The volume path '{}' must not contain '..' segments.", path);
    }
    if (!segment.empty() && segment != ".") segments.emplace_back(segment);
    start = slash + 1;
  }
  if (segments.size() < 3) {
    return UserError("INVALID_PARAMETER_VALUE",
                     "The volume path '{}' must name a volume: /Volumes/<catalog>/<schema>/<volume>/...",
                     path);
  }
  VolumePath out;
  out.volume = {NormalizeName(segments[0]), NormalizeName(segments[1]), NormalizeName(segments[2])};
  for (size_t i = 3; i < segments.size(); ++i) {
    if (!out.inner_path.empty()) out.inner_path += '/';
    out.inner_path += segments[i];
  }
  return out;
}

}  // namespace tarn::catalog
