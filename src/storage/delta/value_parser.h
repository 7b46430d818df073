// Text <-> typed values as the Delta log writes them: partition values ("2024-01-31",
// "2024-01-31 12:00:00.5"), statistics, and literals in predicates.
#pragma once

#include <optional>
#include <string>

#include <arrow/result.h>
#include <arrow/scalar.h>
#include <nlohmann/json.hpp>

namespace tarn::delta {

// Parses `text` as a value of `type` (any primitive type, decimal, date, timestamp with or
// without zone). Errors are CAST_INVALID_INPUT naming the text and type.
arrow::Result<std::shared_ptr<arrow::Scalar>> ParseScalar(std::string_view text,
                                                          const std::shared_ptr<arrow::DataType>& type);

// A statistics value from the stats JSON (number or string) as a scalar of `type`.
arrow::Result<std::shared_ptr<arrow::Scalar>> ScalarFromStatsJson(const nlohmann::json& value,
                                                                  const std::shared_ptr<arrow::DataType>& type);

// Partition value text for a scalar; nullopt for null.
arrow::Result<std::optional<std::string>> FormatPartitionValue(const arrow::Scalar& value);

// Marks a JSON string that the statistics writer must emit as a bare number (decimals).
inline constexpr char kRawNumberMarker = '\x01';

// The JSON form of a statistics value (min/max), or nullopt when the type has no min/max stats.
std::optional<nlohmann::json> FormatStatsValue(const arrow::Scalar& value);

// Three-way comparison of two non-null scalars of the same type; nullopt if not comparable.
std::optional<int> CompareScalars(const arrow::Scalar& a, const arrow::Scalar& b);

// Days since 1970-01-01 for a proleptic Gregorian date, and back.
int32_t DaysFromCivil(int64_t y, unsigned m, unsigned d);
std::string FormatDate(int32_t days);
// "YYYY-MM-DD HH:MM:SS[.ffffff]" (sep ' ') or ISO with 'T'; micros since the epoch.
std::string FormatTimestampMicros(int64_t micros, char sep = ' ', bool millis_only = false);
// Parses dates and timestamps in the forms above, with optional 'Z' or +hh:mm offset.
arrow::Result<int64_t> ParseTimestampMicros(std::string_view text);
arrow::Result<int32_t> ParseDateDays(std::string_view text);

}  // namespace tarn::delta
