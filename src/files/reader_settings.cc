#include <algorithm>
#include <array>
#include <cctype>

#include "errors/error_class.h"
#include "files/reader_settings_internal.h"

namespace tarn::files {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Options the caller (SQL layer) consumes itself but that may travel in the same map.
constexpr std::array<std::string_view, 4> kCallerOptions = {"format", "schema", "schemahints",
                                                            "usestrictglobber"};

constexpr std::array<std::string_view, 29> kKnownOptions = {
    "header", "sep", "delimiter", "quote", "escape", "comment", "encoding", "charset",
    "linesep", "nullvalue", "emptyvalue", "dateformat", "timestampformat", "multiline",
    "infercolumntypes", "inferschema", "mode", "rescueddatacolumn", "ignoreleadingwhitespace",
    "ignoretrailingwhitespace", "recursivefilelookup", "pathglobfilter", "modifiedafter",
    "modifiedbefore", "wholetext", "primitivesasstring", "timezone", "enforceschema",
    "samplingratio"};

arrow::Result<bool> ParseBool(const std::string& name, const std::string& value) {
  std::string v = Lower(value);
  if (v == "true") return true;
  if (v == "false") return false;
  return UserError("INVALID_PARAMETER_VALUE.BOOLEAN",
                   "The value of option '{}' is invalid: expects a boolean literal, but got '{}'.", name,
                   value);
}

// Spark takes a one-character option; "\t" and "\u0000"-style escapes are accepted as Spark does.
arrow::Result<char> ParseChar(const std::string& name, const std::string& value, bool allow_empty) {
  if (value.empty()) {
    if (allow_empty) return '\0';
    return UserError("INVALID_PARAMETER_VALUE", "The value of option '{}' cannot be empty.", name);
  }
  if (value == "\\t") return '\t';
  if (value == "\\u0000") return '\0';
  if (value.size() == 2 && value[0] == '\\') return value[1];
  if (value.size() != 1) {
    return UserError("OPTION_VALUE_EXCEEDS_ONE_CHARACTER",
                     "The value of {} cannot be more than one character, but got '{}'.", name, value);
  }
  return value[0];
}

arrow::Result<int64_t> ParseTimestampOptionMs(const std::string& name, const std::string& value) {
  auto micros = ParseDefaultTimestamp(value);
  if (!micros) {
    return UserError("INVALID_PARAMETER_VALUE",
                     "The value of option '{}' is invalid: '{}' is not a timestamp (YYYY-MM-DDTHH:mm:ss).",
                     name, value);
  }
  return *micros / 1000;
}

}  // namespace

std::string_view ParseModeName(ParseMode mode) {
  switch (mode) {
    case ParseMode::kPermissive: return "PERMISSIVE";
    case ParseMode::kDropMalformed: return "DROPMALFORMED";
    case ParseMode::kFailFast: return "FAILFAST";
  }
  return "PERMISSIVE";
}

arrow::Result<ReaderSettings> MakeReaderSettings(const ReadOptions& options) {
  ReaderSettings s;
  s.format = options.format;
  std::vector<std::string> unknown;
  for (const auto& [key, value] : options.options) {
    std::string name = Lower(key);
    if (std::find(kCallerOptions.begin(), kCallerOptions.end(), name) != kCallerOptions.end()) continue;
    if (std::find(kKnownOptions.begin(), kKnownOptions.end(), name) == kKnownOptions.end()) {
      unknown.push_back(key);
      continue;
    }
    if (name == "header") {
      ARROW_ASSIGN_OR_RAISE(s.header, ParseBool(key, value));
    } else if (name == "sep" || name == "delimiter") {
      ARROW_ASSIGN_OR_RAISE(s.sep, ParseChar(key, value, false));
    } else if (name == "quote") {
      ARROW_ASSIGN_OR_RAISE(s.quote, ParseChar(key, value, true));
    } else if (name == "escape") {
      ARROW_ASSIGN_OR_RAISE(s.escape, ParseChar(key, value, true));
    } else if (name == "comment") {
      ARROW_ASSIGN_OR_RAISE(s.comment, ParseChar(key, value, true));
    } else if (name == "encoding" || name == "charset") {
      std::string v = Lower(value);
      if (v != "utf-8" && v != "utf8" && v != "us-ascii") {
        return UserError("INVALID_PARAMETER_VALUE.CHARSET",
                         "The value of option '{}' is invalid: expects one of the [utf-8], but got '{}'.",
                         key, value);
      }
    } else if (name == "linesep") {
      if (value.empty() || value.size() > 2) {
        return UserError("INVALID_PARAMETER_VALUE",
                         "The value of option '{}' is invalid: expects 1 or 2 characters, but got '{}'.", key,
                         value);
      }
      s.line_sep = value;
    } else if (name == "nullvalue") {
      s.null_value = value;
    } else if (name == "emptyvalue") {
      s.empty_value = value;
    } else if (name == "dateformat") {
      ARROW_ASSIGN_OR_RAISE(auto pattern, DateTimePattern::Make(value));
      s.date_format = std::move(pattern);
    } else if (name == "timestampformat") {
      ARROW_ASSIGN_OR_RAISE(auto pattern, DateTimePattern::Make(value));
      s.timestamp_format = std::move(pattern);
    } else if (name == "multiline") {
      ARROW_ASSIGN_OR_RAISE(s.multi_line, ParseBool(key, value));
    } else if (name == "infercolumntypes" || name == "inferschema") {
      ARROW_ASSIGN_OR_RAISE(s.infer_column_types, ParseBool(key, value));
    } else if (name == "mode") {
      std::string v = Lower(value);
      if (v == "permissive") s.mode = ParseMode::kPermissive;
      else if (v == "dropmalformed") s.mode = ParseMode::kDropMalformed;
      else if (v == "failfast") s.mode = ParseMode::kFailFast;
      else {
        return UserError("INVALID_PARAMETER_VALUE",
                         "The value of option 'mode' is invalid: expects PERMISSIVE, DROPMALFORMED or "
                         "FAILFAST, but got '{}'.",
                         value);
      }
    } else if (name == "rescueddatacolumn") {
      s.rescued_data_column = value;
      s.rescued_data_column_given = true;
    } else if (name == "ignoreleadingwhitespace") {
      ARROW_ASSIGN_OR_RAISE(s.ignore_leading_whitespace, ParseBool(key, value));
    } else if (name == "ignoretrailingwhitespace") {
      ARROW_ASSIGN_OR_RAISE(s.ignore_trailing_whitespace, ParseBool(key, value));
    } else if (name == "recursivefilelookup") {
      ARROW_ASSIGN_OR_RAISE(s.recursive_file_lookup, ParseBool(key, value));
    } else if (name == "pathglobfilter") {
      s.path_glob_filter = value;
    } else if (name == "modifiedafter") {
      ARROW_ASSIGN_OR_RAISE(s.modified_after_ms, ParseTimestampOptionMs(key, value));
    } else if (name == "modifiedbefore") {
      ARROW_ASSIGN_OR_RAISE(s.modified_before_ms, ParseTimestampOptionMs(key, value));
    } else if (name == "wholetext") {
      ARROW_ASSIGN_OR_RAISE(s.whole_text, ParseBool(key, value));
    } else if (name == "primitivesasstring") {
      ARROW_ASSIGN_OR_RAISE(s.primitives_as_string, ParseBool(key, value));
    } else if (name == "timezone") {
      std::string v = Lower(value);
      if (v != "utc" && v != "gmt" && v != "z" && v != "+00:00" && v != "etc/utc") {
        return UserError("INVALID_PARAMETER_VALUE",
                         "The value of option 'timeZone' is invalid: only UTC is supported, got '{}'.", value);
      }
    }
    // enforceSchema and samplingRatio are accepted and have no effect: headers are always
    // matched by name and inference always reads every record.
  }
  if (!unknown.empty()) {
    std::string list;
    for (const auto& k : unknown) list += (list.empty() ? "" : ", ") + k;
    return UserError("CF_UNKNOWN_OPTION_KEYS_ERROR",
                     "Found unknown option keys: {}. Please make sure that all provided option keys are "
                     "correct.",
                     list);
  }
  return s;
}

}  // namespace tarn::files
