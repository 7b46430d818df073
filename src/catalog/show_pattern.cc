#include "catalog/show_pattern.h"

#include <cctype>

namespace tarn::catalog {
namespace {

std::string LowerTrimmed(std::string_view text) {
  size_t begin = 0, end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  std::string out;
  for (size_t i = begin; i < end; ++i) {
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
  }
  return out;
}

// Glob match with `*` only; iterative with backtracking to the last star (linear in practice).
bool GlobMatches(std::string_view pattern, std::string_view name) {
  size_t p = 0, n = 0, star = std::string_view::npos, resume = 0;
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = n;
    } else if (p < pattern.size() &&
               pattern[p] == std::tolower(static_cast<unsigned char>(name[n]))) {
      ++p;
      ++n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace

ShowPattern::ShowPattern(std::string_view pattern) {
  if (LowerTrimmed(pattern).empty()) return;
  size_t start = 0;
  while (true) {
    size_t bar = pattern.find('|', start);
    alternatives_.push_back(LowerTrimmed(pattern.substr(start, bar - start)));
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
}

bool ShowPattern::Matches(std::string_view name) const {
  if (alternatives_.empty()) return true;
  for (const auto& alternative : alternatives_) {
    if (GlobMatches(alternative, name)) return true;
  }
  return false;
}

}  // namespace tarn::catalog
