// Hadoop glob patterns as Spark and Databricks use them for paths: *, ?, [abc], [a-z], [^a],
// {ab,cd} (nested), and \ to escape. `*` and `?` never match '/'.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <arrow/result.h>

namespace tarn::files {

class GlobPattern {
 public:
  // Fails with INVALID_PARAMETER_VALUE.PATTERN for unbalanced braces or brackets.
  static arrow::Result<GlobPattern> Make(std::string_view pattern);

  bool Matches(std::string_view text) const;
  // The pattern with every {..} alternative expanded (brace-free patterns).
  const std::vector<std::string>& alternatives() const { return alternatives_; }

  static bool HasGlobChars(std::string_view text);

 private:
  std::vector<std::string> alternatives_;
};

// One brace-free alternative against `text`.
bool MatchGlobAlternative(std::string_view pattern, std::string_view text);

}  // namespace tarn::files
