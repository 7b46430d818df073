#include "sql/plan/expression.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include <arrow/scalar.h>
#include <arrow/type.h>
#include <arrow/util/decimal.h>
#include <fmt/format.h>

#include "sql/plan/data_type.h"
#include "sql/plan/logical_plan.h"

namespace tarn::sql {

ExprPtr Literal(std::shared_ptr<arrow::Scalar> value, int32_t position) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kLiteral;
  e->value = std::move(value);
  e->position = position;
  return e;
}

ExprPtr NullLiteral(int32_t position) { return Literal(arrow::MakeNullScalar(arrow::null()), position); }

ExprPtr ColumnRef(std::vector<std::string> parts, int32_t position) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kColumn;
  e->name = std::move(parts);
  e->position = position;
  return e;
}

ExprPtr Call(std::string function, std::vector<ExprPtr> args, int32_t position) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kCall;
  e->name = {std::move(function)};
  e->args = std::move(args);
  e->position = position;
  return e;
}

ExprPtr CastTo(ExprPtr arg, TypePtr type, bool try_cast, int32_t position) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kCast;
  e->args = {std::move(arg)};
  e->type = std::move(type);
  e->try_cast = try_cast;
  e->position = position;
  return e;
}

ExprPtr AliasOf(ExprPtr arg, std::string name, int32_t position) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kAlias;
  e->args = {std::move(arg)};
  e->name = {std::move(name)};
  e->position = position;
  return e;
}

ExprPtr Star(std::vector<std::string> qualifier, std::vector<std::string> except) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kStar;
  e->name = std::move(qualifier);
  e->except_columns = std::move(except);
  return e;
}

namespace {

// Two-argument operators Spark prints infix, with the symbol it prints.
const char* InfixSymbol(const std::string& n) {
  static const char* kOps[][2] = {{"+", "+"},   {"-", "-"},     {"*", "*"},   {"/", "/"},   {"%", "%"},
                                  {"div", "div"}, {"=", "="},   {"<=>", "<=>"}, {"<", "<"}, {"<=", "<="},
                                  {">", ">"},   {">=", ">="},   {"and", "AND"}, {"or", "OR"}, {"&", "&"},
                                  {"|", "|"},   {"^", "^"}};
  for (const auto& op : kOps) {
    if (n == op[0]) return op[1];
  }
  return nullptr;
}

// Java's Double.toString, which Spark's column names inherit: "1.5", "1000.0", "1.0E20".
std::string JavaDouble(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  if (d == 0) return std::signbit(d) ? "-0.0" : "0.0";
  double a = std::fabs(d);
  if (a >= 1e-3 && a < 1e7) {
    std::string s = fmt::format("{}", d);
    if (s.find('.') == std::string::npos && s.find('e') == std::string::npos) s += ".0";
    return s;
  }
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof(buffer), d, std::chars_format::scientific);  // shortest
  std::string s(buffer, result.ptr);
  auto e = s.find('e');
  std::string mantissa = s.substr(0, e);
  int exponent = std::atoi(s.c_str() + e + 1);
  if (mantissa.find('.') == std::string::npos) mantissa += ".0";
  return fmt::format("{}E{}", mantissa, exponent);
}

std::string QuoteIdentifier(const std::string& part) {
  bool plain = !part.empty() && !std::isdigit(static_cast<unsigned char>(part[0]));
  for (char c : part) plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
  if (plain) return part;
  std::string out = "`";
  for (char c : part) out += c == '`' ? std::string("``") : std::string(1, c);
  return out + "`";
}

std::string JoinParts(const std::vector<std::string>& parts, bool quote) {
  std::string s;
  for (const auto& p : parts) s += (s.empty() ? "" : ".") + (quote ? QuoteIdentifier(p) : p);
  return s;
}

// hh:mm:ss[.ffffff] of a time of day (or a duration under a day) in microseconds.
std::string Micros(int64_t micros) {
  int64_t seconds = micros / 1000000, frac = micros % 1000000;
  if (frac < 0) {
    frac += 1000000;
    --seconds;
  }
  int64_t days = seconds / 86400, rem = seconds % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  std::string s = fmt::format("{:02}:{:02}:{:02}", rem / 3600, rem / 60 % 60, rem % 60);
  if (frac) {
    std::string f = fmt::format("{:06}", frac);
    while (!f.empty() && f.back() == '0') f.pop_back();
    s += "." + f;
  }
  return s;
}

// Civil date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
std::string DateText(int64_t days) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

std::string TimestampText(int64_t micros) {
  int64_t days = micros / 86400000000LL;
  int64_t rem = micros % 86400000000LL;
  if (rem < 0) {
    rem += 86400000000LL;
    --days;
  }
  return DateText(days) + " " + Micros(rem);
}

std::string IntervalText(const arrow::MonthDayNanoIntervalType::MonthDayNanos& v) {
  const int64_t micros = v.nanoseconds / 1000;
  if (v.days == 0 && micros == 0) {
    if (v.months % 12 == 0 && v.months != 0) return fmt::format("INTERVAL '{}' YEAR", v.months / 12);
    if (std::abs(v.months) < 12) return fmt::format("INTERVAL '{}' MONTH", v.months);
    return fmt::format("INTERVAL '{}{}-{}' YEAR TO MONTH", v.months < 0 ? "-" : "", std::abs(v.months) / 12,
                       std::abs(v.months) % 12);
  }
  if (v.months == 0) {
    if (micros == 0) return fmt::format("INTERVAL '{}' DAY", v.days);
    if (v.days == 0 && micros > 0) return fmt::format("INTERVAL '{}' HOUR TO SECOND", Micros(micros));
    return fmt::format("INTERVAL '{} {}' DAY TO SECOND", v.days, Micros(micros < 0 ? -micros : micros));
  }
  return fmt::format("INTERVAL '{} months {} days {} microseconds'", v.months, v.days, micros);
}

std::string HexText(std::string_view bytes) {
  std::string s = "X'";
  for (unsigned char c : bytes) s += fmt::format("{:02X}", c);
  return s + "'";
}

// `sql` = true: the literal as SQL text ('abc', 1L); false: as Spark's column names show it.
std::string LiteralText(const arrow::Scalar& v, bool sql) {
  if (!v.is_valid) return "NULL";
  switch (v.type->id()) {
    case arrow::Type::STRING:
    case arrow::Type::LARGE_STRING: {
      std::string text = static_cast<const arrow::BaseBinaryScalar&>(v).ToString();
      if (!sql) return text;
      std::string out = "'";
      for (char c : text) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
      }
      return out + "'";
    }
    case arrow::Type::BINARY:
    case arrow::Type::LARGE_BINARY:
      return HexText(static_cast<const arrow::BaseBinaryScalar&>(v).view());
    case arrow::Type::BOOL:
      return static_cast<const arrow::BooleanScalar&>(v).value ? "true" : "false";
    case arrow::Type::INT8: return v.ToString() + (sql ? "Y" : "");
    case arrow::Type::INT16: return v.ToString() + (sql ? "S" : "");
    case arrow::Type::INT64: return v.ToString() + (sql ? "L" : "");
    case arrow::Type::DOUBLE:
      return JavaDouble(static_cast<const arrow::DoubleScalar&>(v).value) + (sql ? "D" : "");
    case arrow::Type::FLOAT:
      return JavaDouble(static_cast<const arrow::FloatScalar&>(v).value) + (sql ? "F" : "");
    case arrow::Type::DECIMAL128: {
      const auto& d = static_cast<const arrow::Decimal128Scalar&>(v);
      const auto& type = static_cast<const arrow::Decimal128Type&>(*v.type);
      return d.value.ToString(type.scale()) + (sql ? "BD" : "");
    }
    case arrow::Type::DATE32:
      return "DATE '" + DateText(static_cast<const arrow::Date32Scalar&>(v).value) + "'";
    case arrow::Type::TIMESTAMP: {
      const auto& type = static_cast<const arrow::TimestampType&>(*v.type);
      return (type.timezone().empty() ? "TIMESTAMP_NTZ '" : "TIMESTAMP '") +
             TimestampText(static_cast<const arrow::TimestampScalar&>(v).value) + "'";
    }
    case arrow::Type::INTERVAL_MONTH_DAY_NANO:
      return IntervalText(static_cast<const arrow::MonthDayNanoIntervalScalar&>(v).value);
    default:
      return v.ToString();
  }
}

const char* BoundText(FrameBound::Kind kind) {
  switch (kind) {
    case FrameBound::Kind::kUnboundedPreceding: return "UNBOUNDED PRECEDING";
    case FrameBound::Kind::kPreceding: return "PRECEDING";
    case FrameBound::Kind::kCurrentRow: return "CURRENT ROW";
    case FrameBound::Kind::kFollowing: return "FOLLOWING";
    case FrameBound::Kind::kUnboundedFollowing: return "UNBOUNDED FOLLOWING";
  }
  return "?";
}

using Printer = std::string (*)(const Expr&);

std::string ListOf(const std::vector<ExprPtr>& exprs, Printer print, size_t from = 0) {
  std::string s;
  for (size_t i = from; i < exprs.size(); ++i) s += (i > from ? ", " : "") + print(*exprs[i]);
  return s;
}

std::string SortText(const SortItem& item, Printer print) {
  return print(*item.expr) + (item.ascending ? " ASC" : " DESC") +
         (item.nulls == NullOrdering::kNullsFirst ? " NULLS FIRST" : " NULLS LAST");
}

bool IsRankingFunction(const Expr& call) {
  if (call.name.empty()) return false;
  static const char* kRanking[] = {"row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile"};
  for (const char* r : kRanking) {
    if (call.name.back() == r) return true;
  }
  return false;
}

std::string WindowText(const Expr& function, const WindowSpec& w, Printer print, bool spark_defaults) {
  std::vector<std::string> parts;
  if (!w.partition_by.empty()) parts.push_back("PARTITION BY " + ListOf(w.partition_by, print));
  if (!w.order_by.empty()) {
    std::string s = "ORDER BY ";
    for (size_t i = 0; i < w.order_by.size(); ++i) s += (i ? ", " : "") + SortText(w.order_by[i], print);
    parts.push_back(s);
  }
  if (w.has_frame) {
    auto bound = [&](const FrameBound& b) {
      if (b.offset && (b.kind == FrameBound::Kind::kPreceding || b.kind == FrameBound::Kind::kFollowing)) {
        return print(*b.offset) + " " + BoundText(b.kind);
      }
      return std::string(BoundText(b.kind));
    };
    parts.push_back(fmt::format("{} BETWEEN {} AND {}", w.frame.type == WindowFrame::Type::kRows ? "ROWS" : "RANGE",
                                bound(w.frame.start), bound(w.frame.end)));
  } else if (spark_defaults) {
    // The frame Spark fills in when none is written, as its column names show it.
    if (IsRankingFunction(function)) {
      parts.push_back("ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW");
    } else if (w.order_by.empty()) {
      parts.push_back("ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING");
    } else {
      parts.push_back("RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW");
    }
  } else if (!w.name.empty() && parts.empty()) {
    return w.name;
  }
  std::string s;
  for (const auto& p : parts) s += (s.empty() ? "" : " ") + p;
  return "(" + s + ")";
}

// The parts shared by DisplayName and ToString; `print` renders the children.
std::string Render(const Expr& e, Printer print, bool display) {
  switch (e.kind) {
    case ExprKind::kLiteral:
      return e.value ? LiteralText(*e.value, !display) : "NULL";
    case ExprKind::kColumn:
      if (e.name.empty()) return "?";
      return display ? e.name.back() : JoinParts(e.name, true);
    case ExprKind::kOuterRef:
      return e.name.empty() ? "?" : e.name.back();
    case ExprKind::kStar: {
      std::string s = e.name.empty() ? "*" : JoinParts(e.name, !display) + ".*";
      if (!e.except_columns.empty()) {
        std::string names;
        for (const auto& c : e.except_columns) names += (names.empty() ? "" : ", ") + c;
        s += " EXCEPT (" + names + ")";
      }
      return s;
    }
    case ExprKind::kAlias:
      if (display) return e.name.empty() ? print(*e.args[0]) : e.name.front();
      if (e.name.size() > 1) {
        std::string names;
        for (const auto& n : e.name) names += (names.empty() ? "" : ", ") + QuoteIdentifier(n);
        return print(*e.args[0]) + " AS (" + names + ")";
      }
      return print(*e.args[0]) + " AS " + (e.name.empty() ? "?" : QuoteIdentifier(e.name.back()));
    case ExprKind::kCast:
      // Spark names CAST(col AS t) after the column.
      if (display && e.args[0]->kind == ExprKind::kColumn) return print(*e.args[0]);
      return fmt::format("{}({} AS {})", e.try_cast ? "TRY_CAST" : "CAST", print(*e.args[0]),
                         e.type ? SparkTypeSql(*e.type) : "?");
    case ExprKind::kCall: {
      const std::string n = e.name.empty() ? std::string("?") : JoinParts(e.name, false);
      std::string s;
      const size_t argc = e.args.size();
      if (argc == 2 && InfixSymbol(n)) {
        s = fmt::format("({} {} {})", print(*e.args[0]), InfixSymbol(n), print(*e.args[1]));
      } else if (n == "<>" && argc == 2) {
        s = fmt::format("(NOT ({} = {}))", print(*e.args[0]), print(*e.args[1]));
      } else if (n == "||" && argc == 2) {
        s = fmt::format("concat({}, {})", print(*e.args[0]), print(*e.args[1]));
      } else if (n == "not" && argc == 1) {
        s = fmt::format("(NOT {})", print(*e.args[0]));
      } else if (n == "negative" && argc == 1) {
        s = fmt::format("(- {})", print(*e.args[0]));
      } else if (n == "positive" && argc == 1) {
        s = fmt::format("(+ {})", print(*e.args[0]));
      } else if (n == "~" && argc == 1) {
        s = "~" + print(*e.args[0]);
      } else if (n == "isnull" && argc == 1) {
        s = fmt::format("({} IS NULL)", print(*e.args[0]));
      } else if (n == "isnotnull" && argc == 1) {
        s = fmt::format("({} IS NOT NULL)", print(*e.args[0]));
      } else if ((n == "like" || n == "ilike") && (argc == 2 || argc == 3)) {
        std::string op = n == "like" ? "LIKE" : "ILIKE";
        s = fmt::format("{} {} {}", print(*e.args[0]), op, print(*e.args[1]));
        if (argc == 3) s += " ESCAPE " + print(*e.args[2]);
      } else if (n == "rlike" && argc == 2) {
        s = fmt::format("RLIKE({}, {})", print(*e.args[0]), print(*e.args[1]));
      } else if (n == "subscript" && argc == 2) {
        s = fmt::format("{}[{}]", print(*e.args[0]), print(*e.args[1]));
      } else if (n == "get_struct_field" && argc == 2 && e.args[1]->kind == ExprKind::kLiteral &&
                 e.args[1]->value) {
        s = print(*e.args[0]) + "." + LiteralText(*e.args[1]->value, false);
      } else if (n == "extract" && argc == 2 && e.args[0]->kind == ExprKind::kLiteral && e.args[0]->value) {
        s = fmt::format("extract({} FROM {})", LiteralText(*e.args[0]->value, false), print(*e.args[1]));
      } else {
        std::string args;
        if (n == "count" && argc == 1 && e.args[0]->kind == ExprKind::kStar && e.args[0]->name.empty() &&
            display) {
          args = "1";  // Spark turns count(*) into count(1)
        } else {
          args = ListOf(e.args, print);
        }
        s = fmt::format("{}({}{})", n, e.distinct ? "DISTINCT " : "", args);
        if (e.ignore_nulls) s += " IGNORE NULLS";
      }
      if (e.negated) s = "(NOT " + s + ")";
      if (e.filter) s += " FILTER (WHERE " + print(*e.filter) + ")";
      return s;
    }
    case ExprKind::kCase: {
      std::string s = "CASE";
      const size_t pairs = e.args.size() / 2;
      for (size_t i = 0; i < pairs; ++i) {
        s += fmt::format(" WHEN {} THEN {}", print(*e.args[2 * i]), print(*e.args[2 * i + 1]));
      }
      if (e.args.size() % 2 == 1) s += " ELSE " + print(*e.args.back());
      return s + " END";
    }
    case ExprKind::kInList: {
      std::string s = fmt::format("({} IN ({}))", print(*e.args[0]), ListOf(e.args, print, 1));
      return e.negated ? "(NOT " + s + ")" : s;
    }
    case ExprKind::kInSubquery: {
      std::string left = e.args.size() == 1 ? print(*e.args[0]) : "(" + ListOf(e.args, print) + ")";
      std::string s = fmt::format("({} IN (listquery()))", left);
      return e.negated ? "(NOT " + s + ")" : s;
    }
    case ExprKind::kExists:
      return e.negated ? "(NOT exists())" : "exists()";
    case ExprKind::kScalarSubquery:
      return "scalarsubquery()";
    case ExprKind::kWindow: {
      if (e.args.empty()) return "?";
      std::string spec = e.window ? WindowText(*e.args[0], *e.window, print, display) : "()";
      return print(*e.args[0]) + " OVER " + spec;
    }
    case ExprKind::kLambda: {
      std::string params;
      for (const auto& p : e.name) params += (params.empty() ? "" : ", ") + p;
      if (e.args.empty()) return "?";
      if (display) return fmt::format("lambdafunction({}, {})", print(*e.args[0]), params);
      return fmt::format("(({}) -> {})", params, print(*e.args[0]));
    }
  }
  return "?";
}

std::string DisplayNameOf(const Expr& e) { return Render(e, DisplayNameOf, true); }

std::string ToStringOf(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kColumn:
      if (e.attribute_id >= 0) return fmt::format("{}#{}", JoinParts(e.name, true), e.attribute_id);
      break;
    case ExprKind::kOuterRef:
      return fmt::format("outer({}#{})", e.name.empty() ? "?" : e.name.back(), e.attribute_id);
    case ExprKind::kAlias:
      if (e.attribute_id >= 0) {
        return fmt::format("{} AS {}#{}", ToStringOf(*e.args[0]), e.name.empty() ? "?" : e.name.front(),
                           e.attribute_id);
      }
      break;
    case ExprKind::kInSubquery:
    case ExprKind::kExists:
    case ExprKind::kScalarSubquery: {
      std::string sub = e.subquery ? ToString(*e.subquery) : "";
      // One line: the subquery's plan nodes separated by " <- ".
      std::string flat;
      size_t start = 0;
      while (start < sub.size()) {
        size_t end = sub.find('\n', start);
        if (end == std::string::npos) end = sub.size();
        size_t first = sub.find_first_not_of(' ', start);
        if (first < end) flat += (flat.empty() ? "" : " <- ") + sub.substr(first, end - first);
        start = end + 1;
      }
      if (e.kind == ExprKind::kExists) return fmt::format("{}EXISTS ({})", e.negated ? "NOT " : "", flat);
      if (e.kind == ExprKind::kScalarSubquery) return "(" + flat + ")";
      std::string left = e.args.size() == 1 ? ToStringOf(*e.args[0]) : "(" + ListOf(e.args, ToStringOf) + ")";
      return fmt::format("({} {}IN ({}))", left, e.negated ? "NOT " : "", flat);
    }
    default:
      break;
  }
  return Render(e, ToStringOf, false);
}

}  // namespace

std::string DisplayName(const Expr& expr) { return DisplayNameOf(expr); }

std::string ToString(const Expr& expr) { return ToStringOf(expr); }

}  // namespace tarn::sql
