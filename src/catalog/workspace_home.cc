#include "catalog/workspace_home.h"

#include <cstdlib>
#include <filesystem>

namespace tarn::catalog {

std::string DefaultWorkspaceHome() {
  const char* env = std::getenv("TARN_HOME");
  std::filesystem::path home = (env != nullptr && *env != '\0') ? env : "tarn-workspace";
  std::error_code ec;
  auto absolute = std::filesystem::absolute(home, ec);
  return (ec ? home : absolute).lexically_normal().string();
}

}  // namespace tarn::catalog
