#include "files/glob_pattern.h"

#include "errors/error_class.h"

namespace tarn::files {

namespace {

// Index of the '}' closing the '{' at `open`, or npos.
size_t MatchingBrace(std::string_view p, size_t open) {
  int depth = 0;
  for (size_t i = open; i < p.size(); ++i) {
    if (p[i] == '\\') {
      ++i;
    } else if (p[i] == '{') {
      ++depth;
    } else if (p[i] == '}' && --depth == 0) {
      return i;
    }
  }
  return std::string_view::npos;
}

arrow::Status Expand(std::string_view p, std::vector<std::string>* out) {
  constexpr size_t kMaxAlternatives = 4096;
  size_t open = std::string_view::npos;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '\\') {
      ++i;
    } else if (p[i] == '{') {
      open = i;
      break;
    }
  }
  if (open == std::string_view::npos) {
    if (out->size() >= kMaxAlternatives) {
      return UserError("INVALID_PARAMETER_VALUE.PATTERN", "glob '{}' expands to too many alternatives", p);
    }
    out->emplace_back(p);
    return arrow::Status::OK();
  }
  size_t close = MatchingBrace(p, open);
  if (close == std::string_view::npos) {
    return UserError("INVALID_PARAMETER_VALUE.PATTERN", "unclosed '{{' in glob '{}'", p);
  }
  std::string_view prefix = p.substr(0, open), body = p.substr(open + 1, close - open - 1),
                   suffix = p.substr(close + 1);
  // Split the body at top-level commas.
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i <= body.size(); ++i) {
    if (i < body.size() && body[i] == '\\') {
      ++i;
      continue;
    }
    if (i < body.size() && body[i] == '{') ++depth;
    if (i < body.size() && body[i] == '}') --depth;
    if (i == body.size() || (body[i] == ',' && depth == 0)) {
      std::string alt;
      alt.append(prefix).append(body.substr(start, i - start)).append(suffix);
      ARROW_RETURN_NOT_OK(Expand(alt, out));
      start = i + 1;
    }
  }
  return arrow::Status::OK();
}

// [..] class at p[*pi] ('[' already seen at *pi). Advances *pi past ']'.
bool MatchClass(std::string_view p, size_t* pi, char c, bool* ok) {
  size_t i = *pi + 1;
  bool negate = i < p.size() && (p[i] == '^' || p[i] == '!');
  if (negate) ++i;
  bool matched = false;
  bool first = true;
  while (i < p.size() && (p[i] != ']' || first)) {
    first = false;
    char lo = p[i];
    if (lo == '\\' && i + 1 < p.size()) lo = p[++i];
    char hi = lo;
    if (i + 2 < p.size() && p[i + 1] == '-' && p[i + 2] != ']') {
      hi = p[i + 2];
      if (hi == '\\' && i + 3 < p.size()) hi = p[++i + 2];
      i += 2;
    }
    if (c >= lo && c <= hi) matched = true;
    ++i;
  }
  if (i >= p.size()) {
    *ok = false;
    return false;
  }
  *pi = i + 1;
  *ok = true;
  return matched != negate;
}

}  // namespace

bool MatchGlobAlternative(std::string_view p, std::string_view t) {
  size_t pi = 0, ti = 0;
  size_t star_p = std::string_view::npos, star_t = 0;
  while (ti < t.size()) {
    if (pi < p.size()) {
      char pc = p[pi];
      if (pc == '*') {
        star_p = ++pi;
        star_t = ti;
        continue;
      }
      if (pc == '?' && t[ti] != '/') {
        ++pi;
        ++ti;
        continue;
      }
      if (pc == '[') {
        size_t next = pi;
        bool ok = false;
        if (MatchClass(p, &next, t[ti], &ok) && ok) {
          pi = next;
          ++ti;
          continue;
        }
      } else {
        if (pc == '\\' && pi + 1 < p.size()) pc = p[pi + 1];
        if (pc == t[ti] && p[pi] != '?') {
          pi += p[pi] == '\\' ? 2 : 1;
          ++ti;
          continue;
        }
      }
    }
    // Backtrack: let the last '*' absorb one more character (never a '/').
    if (star_p != std::string_view::npos && t[star_t] != '/') {
      pi = star_p;
      ti = ++star_t;
      continue;
    }
    return false;
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

arrow::Result<GlobPattern> GlobPattern::Make(std::string_view pattern) {
  GlobPattern out;
  ARROW_RETURN_NOT_OK(Expand(pattern, &out.alternatives_));
  for (const auto& alt : out.alternatives_) {
    int depth = 0;
    for (size_t i = 0; i < alt.size(); ++i) {
      if (alt[i] == '\\') ++i;
      else if (alt[i] == '[') ++depth;
      else if (alt[i] == ']' && depth > 0) --depth;
    }
    if (depth != 0) {
      return UserError("INVALID_PARAMETER_VALUE.PATTERN", "unclosed '[' in glob '{}'", pattern);
    }
  }
  return out;
}

bool GlobPattern::Matches(std::string_view text) const {
  for (const auto& alt : alternatives_) {
    if (MatchGlobAlternative(alt, text)) return true;
  }
  return false;
}

bool GlobPattern::HasGlobChars(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\\') ++i;
    else if (c == '*' || c == '?' || c == '[' || c == '{') return true;
  }
  return false;
}

}  // namespace tarn::files
