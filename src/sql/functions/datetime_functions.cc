// Date and time functions. Spark's datetime patterns (yyyy-MM-dd HH:mm:ss ...) are translated
// to the strptime / strftime formats Arrow's kernels use; times are in UTC (the session time
// zone tarn supports for now).
#include <optional>

#include <arrow/api.h>
#include <fmt/format.h>

#include "errors/error_class.h"
#include "sql/functions/functions_internal.h"
#include "sql/plan/identifier.h"

namespace tarn::sql::functions_internal {

namespace {

using Args = std::vector<ArgumentInfo>;
const TypePtr kTimestamp = arrow::timestamp(arrow::TimeUnit::MICRO, "UTC");

// Spark pattern -> C format. Letters Spark knows but tarn does not map are an error.
arrow::Result<std::string> ToStrftime(const std::string& pattern) {
  std::string out;
  for (size_t i = 0; i < pattern.size();) {
    char c = pattern[i];
    if (c == '\'') {
      size_t j = pattern.find('\'', i + 1);
      if (j == std::string::npos) j = pattern.size();
      out += j == i + 1 ? "'" : pattern.substr(i + 1, j - i - 1);
      i = j + 1;
      continue;
    }
    if (!std::isalpha(static_cast<unsigned char>(c))) {
      out += c == '%' ? "%%" : std::string(1, c);
      ++i;
      continue;
    }
    size_t j = i;
    while (j < pattern.size() && pattern[j] == c) ++j;
    size_t n = j - i;
    i = j;
    switch (c) {
      case 'y': out += n == 2 ? "%y" : "%Y"; break;
      case 'M': out += n >= 4 ? "%B" : n == 3 ? "%b" : "%m"; break;
      case 'L': out += "%m"; break;
      case 'd': out += "%d"; break;
      case 'D': out += "%j"; break;
      case 'H': out += "%H"; break;
      case 'h': out += "%I"; break;
      case 'm': out += "%M"; break;
      case 's': out += "%S"; break;
      case 'a': out += "%p"; break;
      case 'E': out += n >= 4 ? "%A" : "%a"; break;
      case 'z': out += "%Z"; break;
      case 'Z':
      case 'x':
      case 'X': out += "%z"; break;
      default:
        return UserError("INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER",
                         "Illegal pattern character found in datetime pattern: {}. Please provide legal character.", c);
    }
  }
  return out;
}

arrow::Result<std::string> PatternArg(const std::string& name, const Args& args, size_t i, const std::string& fallback) {
  if (i >= args.size()) return fallback;
  if (!args[i].literal) {
    return UserError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "The format of {} must be a constant in tarn for now.", name);
  }
  return LiteralString(args[i]);
}

// Parses strings with a Spark pattern into a UTC timestamp (seconds precision).
cp::Expression ParseWith(cp::Expression s, const std::string& format, bool error_is_null) {
  auto parsed = cp::call("strptime", {s}, cp::StrptimeOptions(format, arrow::TimeUnit::MICRO, error_is_null));
  return CastExpr(parsed, kTimestamp);
}

// Field extraction shared by year(), month(), ..., extract().
arrow::Result<cp::Expression> ExtractField(const std::string& field, cp::Expression x) {
  const std::string f = AsciiLower(field);
  auto i32 = [](cp::Expression e) { return CastExpr(std::move(e), arrow::int32()); };
  if (f == "year" || f == "years" || f == "y" || f == "yr" || f == "yrs") return i32(cp::call("year", {x}));
  if (f == "month" || f == "months" || f == "mon" || f == "mons") return i32(cp::call("month", {x}));
  if (f == "day" || f == "days" || f == "d" || f == "dayofmonth") return i32(cp::call("day", {x}));
  if (f == "quarter" || f == "qtr") return i32(cp::call("quarter", {x}));
  if (f == "dayofweek" || f == "dow") {
    return i32(cp::call("day_of_week", {x}, cp::DayOfWeekOptions(/*count_from_zero=*/false, /*week_start=*/7)));
  }
  if (f == "dayofweek_iso" || f == "dow_iso") return i32(cp::call("iso_day_of_week", {x}));
  if (f == "doy" || f == "dayofyear") return i32(cp::call("day_of_year", {x}));
  if (f == "week" || f == "weeks" || f == "w" || f == "weekofyear") return i32(cp::call("iso_week", {x}));
  if (f == "hour" || f == "hours" || f == "h" || f == "hr" || f == "hrs") return i32(cp::call("hour", {x}));
  if (f == "minute" || f == "minutes" || f == "m" || f == "min" || f == "mins") return i32(cp::call("minute", {x}));
  return UserError("INVALID_EXTRACT_FIELD", "Cannot extract {} from the value.", field);
}

ScalarBinder FieldFunction(std::string name, std::string field) {
  return [=](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
    ARROW_RETURN_NOT_OK(ExpectArgs(name, args, 1, 1));
    bool time_field = field == "hour" || field == "minute" || field == "second";
    TypePtr in = time_field || args[0].type->id() == arrow::Type::TIMESTAMP ? args[0].type : arrow::date32();
    if (IsString(*in) || IsNull(*in)) in = time_field ? kTimestamp : arrow::date32();
    if (!IsTemporal(*in)) return TypeMismatch(name, 0, "\"DATE\" or \"TIMESTAMP\"", args[0].type);
    return Fixed({in}, arrow::int32(), [field](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
      if (field == "second") return CastExpr(cp::call("second", {x[0]}), arrow::int32());
      return ExtractField(field, x[0]);
    });
  };
}

// Units of date_trunc / trunc as Spark spells them; nullopt when unknown.
std::optional<cp::CalendarUnit> TruncUnit(const std::string& unit) {
  const std::string u = AsciiLower(unit);
  if (u == "year" || u == "yyyy" || u == "yy") return cp::CalendarUnit::YEAR;
  if (u == "quarter") return cp::CalendarUnit::QUARTER;
  if (u == "month" || u == "mm" || u == "mon") return cp::CalendarUnit::MONTH;
  if (u == "week") return cp::CalendarUnit::WEEK;
  if (u == "day" || u == "dd") return cp::CalendarUnit::DAY;
  if (u == "hour") return cp::CalendarUnit::HOUR;
  if (u == "minute") return cp::CalendarUnit::MINUTE;
  if (u == "second") return cp::CalendarUnit::SECOND;
  if (u == "millisecond") return cp::CalendarUnit::MILLISECOND;
  if (u == "microsecond") return cp::CalendarUnit::MICROSECOND;
  return std::nullopt;
}

}  // namespace

void AddDatetimeFunctions(FunctionTable& t) {
  const std::pair<const char*, const char*> fields[] = {
      {"year", "year"}, {"month", "month"}, {"day", "day"}, {"dayofmonth", "day"}, {"quarter", "quarter"},
      {"dayofweek", "dayofweek"}, {"dayofyear", "dayofyear"}, {"weekofyear", "weekofyear"}, {"hour", "hour"},
      {"minute", "minute"}, {"second", "second"}};
  for (const auto& [name, field] : fields) {
    t.AddScalar(name, fmt::format("{}(date) - Returns the {} component of the date/timestamp.", name, field), FieldFunction(name, field));
  }
  t.AddScalar("weekday", "weekday(date) - Returns the day of the week (0 = Monday, ..., 6 = Sunday).",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("weekday", args, 1, 1));
                return Fixed({arrow::date32()}, arrow::int32(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return CastExpr(cp::call("day_of_week", {x[0]}), arrow::int32());
                });
              });
  t.AddScalar("extract", "extract(field FROM source) - Extracts a part of the date/timestamp.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("extract", args, 2, 2));
                std::string field = LiteralString(args[0]);
                const std::string f = AsciiLower(field);
                bool seconds = f == "second" || f == "seconds" || f == "s" || f == "sec" || f == "secs";
                TypePtr in = args[1].type;
                if (IsString(*in)) in = kTimestamp;
                if (!IsTemporal(*in)) return TypeMismatch("extract", 1, "\"DATE\" or \"TIMESTAMP\"", args[1].type);
                if (seconds) {
                  auto result = arrow::decimal128(8, 6);
                  return Fixed({arrow::utf8(), in}, result, [result](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                    auto whole = CastExpr(cp::call("second", {x[1]}), arrow::float64());
                    auto frac = CastExpr(cp::call("subsecond", {x[1]}), arrow::float64());
                    auto options = cp::CastOptions::Safe(result);
                    options.allow_float_truncate = true;
                    return cp::call("cast", {cp::call("round", {cp::call("add", {whole, frac})}, cp::RoundOptions(6))}, options);
                  });
                }
                ARROW_RETURN_NOT_OK(ExtractField(field, cp::field_ref("x")).status());
                return Fixed({arrow::utf8(), in}, arrow::int32(), [field](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return ExtractField(field, x[1]);
                });
              });
  t.AddAlias("date_part", "extract");
  t.AddScalar("date_add", "date_add(start_date, num_days) - Returns the date that is `num_days` after `start_date`.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("date_add", args, 2, 2));
                return Fixed({arrow::date32(), arrow::int32()}, arrow::date32(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return CastExpr(cp::call("add_checked", {CastExpr(x[0], arrow::int32()), x[1]}), arrow::date32());
                });
              });
  t.AddAlias("dateadd", "date_add");
  t.AddScalar("date_sub", "date_sub(start_date, num_days) - Returns the date that is `num_days` before `start_date`.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("date_sub", args, 2, 2));
                return Fixed({arrow::date32(), arrow::int32()}, arrow::date32(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return CastExpr(cp::call("subtract_checked", {CastExpr(x[0], arrow::int32()), x[1]}), arrow::date32());
                });
              });
  t.AddScalar("datediff", "datediff(endDate, startDate) - Returns the number of days from `startDate` to `endDate`.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("datediff", args, 2, 2));
                return Fixed({arrow::date32(), arrow::date32()}, arrow::int32(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return cp::call("subtract", {CastExpr(x[0], arrow::int32()), CastExpr(x[1], arrow::int32())});
                });
              });
  t.AddAlias("date_diff", "datediff");
  t.AddScalar("add_months", "add_months(start_date, num_months) - Returns the date that is `num_months` after `start_date`.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("add_months", args, 2, 2));
                return Fixed({arrow::date32(), arrow::int32()}, arrow::date32(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return cp::call("tarn_add_months", {x[0], x[1]});
                });
              });
  t.AddScalar("last_day", "last_day(date) - Returns the last day of the month which the date belongs to.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("last_day", args, 1, 1));
                return Fixed({arrow::date32()}, arrow::date32(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return cp::call("tarn_last_day", {x[0]});
                });
              });
  t.AddScalar("months_between", "months_between(timestamp1, timestamp2[, roundOff]) - Returns the number of months between the timestamps.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("months_between", args, 2, 3));
                std::vector<TypePtr> types = {kTimestamp, kTimestamp};
                if (args.size() == 3) types.push_back(arrow::boolean());
                return Fixed(types, arrow::float64(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return cp::call("tarn_months_between", {x[0], x[1]});
                });
              });
  t.AddScalar("make_date", "make_date(year, month, day) - Create date from year, month and day fields.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("make_date", args, 3, 3));
                return Fixed({arrow::int32(), arrow::int32(), arrow::int32()}, arrow::date32(),
                             [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> { return cp::call("tarn_make_date", std::move(x)); });
              });
  t.AddScalar("to_date", "to_date(date_str[, fmt]) - Parses `date_str` with the `fmt` pattern to a date.",
              [](const Args& args, const BindContext& ctx, const Registry& r) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("to_date", args, 1, 2));
                if (args.size() == 1) {
                  TypePtr in = args[0].type;
                  ARROW_ASSIGN_OR_RAISE(auto cast, r.LowerCast(cp::field_ref("x"), in, arrow::date32(), false, ctx));
                  (void)cast;
                  return Fixed({in}, arrow::date32(), [in, &r, ctx](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                    return r.LowerCast(x[0], in, arrow::date32(), false, ctx);
                  });
                }
                ARROW_ASSIGN_OR_RAISE(auto pattern, PatternArg("to_date", args, 1, ""));
                ARROW_ASSIGN_OR_RAISE(auto format, ToStrftime(pattern));
                bool lenient = !ctx.ansi;
                return Fixed({arrow::utf8(), arrow::utf8()}, arrow::date32(), [format, lenient](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return CastExpr(ParseWith(x[0], format, lenient), arrow::date32());
                });
              });
  t.AddScalar("to_timestamp", "to_timestamp(timestamp_str[, fmt]) - Parses `timestamp_str` with the `fmt` pattern to a timestamp.",
              [](const Args& args, const BindContext& ctx, const Registry& r) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("to_timestamp", args, 1, 2));
                if (args.size() == 1) {
                  TypePtr in = args[0].type;
                  return Fixed({in}, kTimestamp, [in, &r, ctx](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                    return r.LowerCast(x[0], in, kTimestamp, false, ctx);
                  });
                }
                ARROW_ASSIGN_OR_RAISE(auto pattern, PatternArg("to_timestamp", args, 1, ""));
                ARROW_ASSIGN_OR_RAISE(auto format, ToStrftime(pattern));
                bool lenient = !ctx.ansi;
                return Fixed({arrow::utf8(), arrow::utf8()}, kTimestamp, [format, lenient](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return ParseWith(x[0], format, lenient);
                });
              });
  t.AddScalar("date_format", "date_format(timestamp, fmt) - Converts `timestamp` to a string in the format given by the date format `fmt`.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("date_format", args, 2, 2));
                ARROW_ASSIGN_OR_RAISE(auto pattern, PatternArg("date_format", args, 1, ""));
                ARROW_ASSIGN_OR_RAISE(auto format, ToStrftime(pattern));
                return Fixed({kTimestamp, arrow::utf8()}, arrow::utf8(), [format](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  // Whole seconds: Arrow's %S would print the fraction of a microsecond timestamp.
                  auto options = cp::CastOptions::Safe(arrow::timestamp(arrow::TimeUnit::SECOND, "UTC"));
                  options.allow_time_truncate = true;
                  auto seconds = cp::call("cast", {x[0]}, options);
                  return cp::call("strftime", {seconds}, cp::StrftimeOptions(format));
                });
              });
  t.AddScalar("unix_timestamp", "unix_timestamp([timeExp[, fmt]]) - Returns the UNIX timestamp of the current or specified time.",
              [](const Args& args, const BindContext& ctx, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("unix_timestamp", args, 0, 2));
                if (args.empty()) {
                  int64_t now = ctx.statement_time_micros / 1000000;
                  return Fixed({}, arrow::int64(), [now](std::vector<cp::Expression>) -> arrow::Result<cp::Expression> { return cp::literal(now); });
                }
                auto seconds_of = [](cp::Expression ts) {
                  auto micros = CastExpr(ts, arrow::int64());
                  return CastExpr(cp::call("floor", {cp::call("divide", {CastExpr(micros, arrow::float64()), cp::literal(1e6)})}), arrow::int64());
                };
                if (IsTemporal(*args[0].type)) {
                  return Fixed({kTimestamp}, arrow::int64(), [seconds_of](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                    return seconds_of(x[0]);
                  });
                }
                ARROW_ASSIGN_OR_RAISE(auto pattern, PatternArg("unix_timestamp", args, 1, "yyyy-MM-dd HH:mm:ss"));
                ARROW_ASSIGN_OR_RAISE(auto format, ToStrftime(pattern));
                std::vector<TypePtr> types(args.size(), arrow::utf8());
                bool lenient = !ctx.ansi;
                return Fixed(types, arrow::int64(), [format, seconds_of, lenient](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return seconds_of(ParseWith(x[0], format, lenient));
                });
              });
  t.AddAlias("to_unix_timestamp", "unix_timestamp");
  t.AddScalar("from_unixtime", "from_unixtime(unix_time[, fmt]) - Returns `unix_time` in the specified `fmt`.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("from_unixtime", args, 1, 2));
                ARROW_ASSIGN_OR_RAISE(auto pattern, PatternArg("from_unixtime", args, 1, "yyyy-MM-dd HH:mm:ss"));
                ARROW_ASSIGN_OR_RAISE(auto format, ToStrftime(pattern));
                std::vector<TypePtr> types = {arrow::int64()};
                if (args.size() == 2) types.push_back(arrow::utf8());
                return Fixed(types, arrow::utf8(), [format](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  auto ts = CastExpr(x[0], arrow::timestamp(arrow::TimeUnit::SECOND, "UTC"));
                  return cp::call("strftime", {ts}, cp::StrftimeOptions(format));
                });
              });
  for (const char* name : {"timestamp_seconds", "timestamp_millis", "timestamp_micros"}) {
    std::string n = name;
    double factor = n == "timestamp_seconds" ? 1e6 : n == "timestamp_millis" ? 1e3 : 1;
    t.AddScalar(name, fmt::format("{}(n) - Creates a timestamp from the number of {} since the UTC epoch.", name, n.substr(10)),
                [n, factor](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                  ARROW_RETURN_NOT_OK(ExpectArgs(n, args, 1, 1));
                  return Fixed({arrow::int64()}, kTimestamp, [factor](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                    return CastExpr(cp::call("multiply_checked", {x[0], cp::literal(static_cast<int64_t>(factor))}), kTimestamp);
                  });
                });
  }
  for (const char* name : {"unix_seconds", "unix_millis", "unix_micros", "unix_date"}) {
    std::string n = name;
    t.AddScalar(name, fmt::format("{}(ts) - Returns the number of {} since 1970-01-01 00:00:00 UTC.", name, n.substr(5)),
                [n](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                  ARROW_RETURN_NOT_OK(ExpectArgs(n, args, 1, 1));
                  if (n == "unix_date") {
                    return Fixed({arrow::date32()}, arrow::int32(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                      return CastExpr(x[0], arrow::int32());
                    });
                  }
                  int64_t divisor = n == "unix_seconds" ? 1000000 : n == "unix_millis" ? 1000 : 1;
                  return Fixed({kTimestamp}, arrow::int64(), [divisor](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                    auto micros = CastExpr(x[0], arrow::int64());
                    if (divisor == 1) return micros;
                    return CastExpr(cp::call("floor", {cp::call("divide", {CastExpr(micros, arrow::float64()), cp::literal(static_cast<double>(divisor))})}), arrow::int64());
                  });
                });
  }
  t.AddScalar("date_trunc", "date_trunc(fmt, ts) - Returns timestamp `ts` truncated to the unit specified by the format model `fmt`.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("date_trunc", args, 2, 2));
                ARROW_ASSIGN_OR_RAISE(auto unit_text, PatternArg("date_trunc", args, 0, ""));
                auto unit_or = TruncUnit(unit_text);
                if (!unit_or) {
                  return UserError("INVALID_PARAMETER_VALUE.DATETIME_UNIT", "The value of parameter `fmt` of date_trunc is invalid: '{}'.", unit_text);
                }
                cp::CalendarUnit unit = *unit_or;
                return Fixed({arrow::utf8(), kTimestamp}, kTimestamp, [unit](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  cp::RoundTemporalOptions options(1, unit, /*week_starts_monday=*/true);
                  return cp::call("floor_temporal", {x[1]}, options);
                });
              });
  t.AddScalar("trunc", "trunc(date, fmt) - Returns `date` with the time portion of the day truncated to the unit specified by the format model `fmt`.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("trunc", args, 2, 2));
                ARROW_ASSIGN_OR_RAISE(auto unit_text, PatternArg("trunc", args, 1, ""));
                // trunc works on dates: units below a week give NULL, as in Spark.
                auto unit_or = TruncUnit(unit_text);
                if (!unit_or || *unit_or == cp::CalendarUnit::DAY || *unit_or == cp::CalendarUnit::HOUR ||
                    *unit_or == cp::CalendarUnit::MINUTE || *unit_or == cp::CalendarUnit::SECOND ||
                    *unit_or == cp::CalendarUnit::MILLISECOND || *unit_or == cp::CalendarUnit::MICROSECOND) {
                  return Fixed({arrow::date32(), arrow::utf8()}, arrow::date32(), [](std::vector<cp::Expression>) -> arrow::Result<cp::Expression> {
                    return NullOf(arrow::date32());
                  });
                }
                cp::CalendarUnit unit = *unit_or;
                return Fixed({arrow::date32(), arrow::utf8()}, arrow::date32(), [unit](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return cp::call("floor_temporal", {x[0]}, cp::RoundTemporalOptions(1, unit, true));
                });
              });
  t.AddScalar("current_date", "current_date() - Returns the current date at the start of query evaluation.",
              [](const Args& args, const BindContext& ctx, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("current_date", args, 0, 0));
                int32_t days = static_cast<int32_t>(ctx.statement_time_micros / 86400000000LL);
                auto b = Fixed({}, arrow::date32(), [days](std::vector<cp::Expression>) -> arrow::Result<cp::Expression> {
                  return cp::literal(std::make_shared<arrow::Date32Scalar>(days));
                });
                b.nullable = false;
                return b;
              });
  t.AddAlias("curdate", "current_date");
  t.AddScalar("current_timestamp", "current_timestamp() - Returns the current timestamp at the start of query evaluation.",
              [](const Args& args, const BindContext& ctx, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("current_timestamp", args, 0, 0));
                int64_t micros = ctx.statement_time_micros;
                auto b = Fixed({}, kTimestamp, [micros](std::vector<cp::Expression>) -> arrow::Result<cp::Expression> {
                  return cp::literal(std::make_shared<arrow::TimestampScalar>(micros, kTimestamp));
                });
                b.nullable = false;
                return b;
              });
  t.AddAlias("now", "current_timestamp");
  t.AddAlias("localtimestamp", "current_timestamp");
  t.AddScalar("current_timezone", "current_timezone() - Returns the current session local timezone.",
              [](const Args& args, const BindContext& ctx, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("current_timezone", args, 0, 0));
                std::string tz = ctx.time_zone;
                return Fixed({}, arrow::utf8(), [tz](std::vector<cp::Expression>) -> arrow::Result<cp::Expression> { return cp::literal(tz); });
              });
}

}  // namespace tarn::sql::functions_internal
