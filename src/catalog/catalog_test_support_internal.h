// Test support for the catalog tests: status macros and a temporary workspace folder.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#define ASSERT_OK(expr)                                 \
  do {                                                  \
    auto _status = (expr);                              \
    ASSERT_TRUE(_status.ok()) << _status.ToString();    \
  } while (false)

#define EXPECT_OK(expr)                                 \
  do {                                                  \
    auto _status = (expr);                              \
    EXPECT_TRUE(_status.ok()) << _status.ToString();    \
  } while (false)

#define ASSERT_OK_AND_ASSIGN_CATALOG(lhs, expr)                          \
  auto lhs##_result = (expr);                                            \
  ASSERT_TRUE(lhs##_result.ok()) << lhs##_result.status().ToString();    \
  auto lhs = std::move(lhs##_result).ValueOrDie()

namespace tarn::catalog {

class TempWorkspace {
 public:
  TempWorkspace() {
    std::string pattern = (std::filesystem::temp_directory_path() / "tarn-catalog-XXXXXX").string();
    path_ = mkdtemp(pattern.data()) != nullptr ? pattern : "";
  }
  ~TempWorkspace() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TempWorkspace(const TempWorkspace&) = delete;
  TempWorkspace& operator=(const TempWorkspace&) = delete;

  const std::string& path() const { return path_; }
  std::string home() const { return path_ + "/ws"; }

 private:
  std::string path_;
};

}  // namespace tarn::catalog
