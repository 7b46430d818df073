// Progress lines for long operations, shown only when stderr is a terminal.
#pragma once

#include <chrono>
#include <string>

namespace tarn::cli {

class ProgressReporter {
 public:
  ProgressReporter();
  // Replaces the current status line ("writing 3 files ... 1.2s").
  void Stage(const std::string& what);
  // Clears the status line.
  void Done();

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace tarn::cli
