#include "cli/progress_reporter.h"

#include <unistd.h>

#include <cstdio>

namespace tarn::cli {

ProgressReporter::ProgressReporter()
    : enabled_(::isatty(STDERR_FILENO) == 1), start_(std::chrono::steady_clock::now()) {}

void ProgressReporter::Stage(const std::string& what) {
  if (!enabled_) return;
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::fprintf(stderr, "\r\033[K[%6.1fs] %s", secs, what.c_str());
  std::fflush(stderr);
}

void ProgressReporter::Done() {
  if (!enabled_) return;
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
}

}  // namespace tarn::cli
