// Path conventions for data files: Hive-style partition folders (`region=EU/`), escaped as
// Spark escapes them, and the URI encoding of paths in add/remove actions.
#pragma once

#include <string>
#include <string_view>

namespace tarn::delta {

inline constexpr const char* kHiveDefaultPartition = "__HIVE_DEFAULT_PARTITION__";

// Escapes the characters Hive forbids in a partition folder name as %XX.
std::string EscapePartitionValue(std::string_view value);
// Percent-encodes a relative path for the log (space -> %20, % -> %25, ...); '/' stays.
std::string EncodePathUri(std::string_view path);
// Reverses EncodePathUri (any %XX).
std::string DecodePathUri(std::string_view path);

}  // namespace tarn::delta
