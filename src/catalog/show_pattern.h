// The pattern of SHOW ... LIKE 'pattern' in Spark: `*` matches any characters, `|` separates
// alternatives, matching ignores case and the blanks around each alternative. An empty pattern
// matches every name.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tarn::catalog {

class ShowPattern {
 public:
  explicit ShowPattern(std::string_view pattern);
  bool Matches(std::string_view name) const;

 private:
  std::vector<std::string> alternatives_;  // lower case; empty = match all
};

}  // namespace tarn::catalog
