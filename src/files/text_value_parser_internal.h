// Text to typed values with Spark's CSV rules (also used for JSON strings read as dates and
// timestamps). Every function returns false when the text is not a value of the type.
#pragma once

#include <cstdint>
#include <string_view>

#include <arrow/type_fwd.h>
#include <arrow/util/decimal.h>

#include "files/reader_settings_internal.h"

namespace tarn::files {

bool ParseInt64Text(std::string_view s, int64_t* out);
bool ParseDoubleText(std::string_view s, double* out);
bool ParseBooleanText(std::string_view s, bool* out);
bool ParseDecimalText(std::string_view s, int32_t precision, int32_t scale, arrow::Decimal128* out);
// dateFormat when given, else Spark's default forms.
bool ParseDateText(const ReaderSettings& settings, std::string_view s, int32_t* days);
// timestampFormat when given, else Spark's default forms. `ntz` refuses an explicit zone.
bool ParseTimestampText(const ReaderSettings& settings, std::string_view s, bool ntz, int64_t* micros);

}  // namespace tarn::files
