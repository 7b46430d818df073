#include "sql/plan/data_type.h"

#include <cctype>
#include <vector>

#include <arrow/type.h>
#include <fmt/format.h>

#include "errors/error_class.h"
#include "sql/plan/identifier.h"

namespace tarn::sql {

namespace {

// Nested types deeper than this are refused rather than recursed into.
constexpr int kMaxTypeDepth = 200;

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// A small scanner over the type text: words, `quoted` names, integers and single characters.
class TypeParser {
 public:
  TypeParser(std::string_view sql, size_t offset) : sql_(sql), pos_(offset) {}

  size_t position() const { return pos_; }

  arrow::Result<TypePtr> ParseType(int depth) {
    if (depth > kMaxTypeDepth) return Error();
    SkipSpace();
    const size_t start = pos_;
    std::string word = AsciiLower(ReadWord());
    if (word.empty()) return Error();
    if (word == "array") {
      ARROW_RETURN_NOT_OK(Expect('<'));
      ARROW_ASSIGN_OR_RAISE(auto element, ParseType(depth + 1));
      ARROW_RETURN_NOT_OK(Expect('>'));
      return arrow::list(element);
    }
    if (word == "map") {
      ARROW_RETURN_NOT_OK(Expect('<'));
      ARROW_ASSIGN_OR_RAISE(auto key, ParseType(depth + 1));
      ARROW_RETURN_NOT_OK(Expect(','));
      ARROW_ASSIGN_OR_RAISE(auto value, ParseType(depth + 1));
      ARROW_RETURN_NOT_OK(Expect('>'));
      return arrow::map(key, value);
    }
    if (word == "struct") return ParseStruct(depth);
    if (word == "interval") return ParseInterval();
    if (word == "decimal" || word == "dec" || word == "numeric") {
      int64_t precision = 10, scale = 0;
      if (Accept('(')) {
        ARROW_ASSIGN_OR_RAISE(precision, ReadInt());
        if (Accept(',')) {
          ARROW_ASSIGN_OR_RAISE(scale, ReadInt());
        }
        ARROW_RETURN_NOT_OK(Expect(')'));
      }
      if (precision > 38) {
        return UserError("DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION",
                         "Decimal precision {} exceeds max precision 38.", precision);
      }
      if (precision < 1 || scale > precision) {
        return UserError("UNSUPPORTED_DATATYPE", "Unsupported data type \"DECIMAL({},{})\".", precision, scale);
      }
      return arrow::decimal128(static_cast<int32_t>(precision), static_cast<int32_t>(scale));
    }
    if (word == "varchar" || word == "char" || word == "character") {
      if (!Accept('(')) {
        return UserError("DATATYPE_MISSING_SIZE", "DataType \"{}\" requires a length parameter, for example "
                         "\"{}(10)\". Please specify the length.", word, word);
      }
      ARROW_RETURN_NOT_OK(ReadInt().status());
      ARROW_RETURN_NOT_OK(Expect(')'));
      return arrow::utf8();
    }
    if (word == "boolean") return arrow::boolean();
    if (word == "tinyint" || word == "byte") return arrow::int8();
    if (word == "smallint" || word == "short") return arrow::int16();
    if (word == "int" || word == "integer") return arrow::int32();
    if (word == "bigint" || word == "long") return arrow::int64();
    if (word == "float" || word == "real") return arrow::float32();
    if (word == "double") return arrow::float64();
    if (word == "string") return arrow::utf8();
    if (word == "binary") return arrow::binary();
    if (word == "date") return arrow::date32();
    if (word == "timestamp" || word == "timestamp_ltz") return arrow::timestamp(arrow::TimeUnit::MICRO, "UTC");
    if (word == "timestamp_ntz") return arrow::timestamp(arrow::TimeUnit::MICRO);
    if (word == "void") return arrow::null();
    return UserError("UNSUPPORTED_DATATYPE", "Unsupported data type \"{}\".",
                     Upper(sql_.substr(start, pos_ - start)));
  }

  void SkipSpace() {
    while (pos_ < sql_.size() && std::isspace(static_cast<unsigned char>(sql_[pos_]))) ++pos_;
  }

  arrow::Status Error() {
    SkipSpace();
    int line = 1, column = 0;
    for (size_t i = 0; i < pos_ && i < sql_.size(); ++i) {
      if (sql_[i] == '\n') {
        ++line;
        column = 0;
      } else {
        ++column;
      }
    }
    if (pos_ >= sql_.size()) {
      return UserError("PARSE_SYNTAX_ERROR", "Syntax error at or near end of input. (line {}, pos {})", line,
                       column);
    }
    size_t end = pos_ + 1;
    if (IsWordChar(sql_[pos_])) {
      while (end < sql_.size() && IsWordChar(sql_[end])) ++end;
    }
    return UserError("PARSE_SYNTAX_ERROR", "Syntax error at or near '{}'. (line {}, pos {})",
                     sql_.substr(pos_, end - pos_), line, column);
  }

 private:
  static std::string Upper(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
  }

  std::string_view ReadWord() {
    SkipSpace();
    size_t start = pos_;
    while (pos_ < sql_.size() && IsWordChar(sql_[pos_])) ++pos_;
    return sql_.substr(start, pos_ - start);
  }

  // A field name: a word or a `quoted` name with `` for a backtick.
  arrow::Result<std::string> ReadName() {
    SkipSpace();
    if (pos_ < sql_.size() && sql_[pos_] == '`') {
      std::string name;
      ++pos_;
      while (pos_ < sql_.size()) {
        if (sql_[pos_] == '`') {
          if (pos_ + 1 < sql_.size() && sql_[pos_ + 1] == '`') {
            name += '`';
            pos_ += 2;
            continue;
          }
          ++pos_;
          return name;
        }
        name += sql_[pos_++];
      }
      return Error();
    }
    std::string_view word = ReadWord();
    if (word.empty()) return Error();
    return std::string(word);
  }

  arrow::Result<int64_t> ReadInt() {
    SkipSpace();
    size_t start = pos_;
    int64_t value = 0;
    while (pos_ < sql_.size() && std::isdigit(static_cast<unsigned char>(sql_[pos_]))) {
      if (value > 1000000) {
        pos_ = start;
        return Error();
      }
      value = value * 10 + (sql_[pos_] - '0');
      ++pos_;
    }
    if (pos_ == start || (pos_ < sql_.size() && IsWordChar(sql_[pos_]))) {
      pos_ = start;
      return Error();
    }
    return value;
  }

  bool Accept(char c) {
    SkipSpace();
    if (pos_ < sql_.size() && sql_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  arrow::Status Expect(char c) { return Accept(c) ? arrow::Status::OK() : Error(); }

  bool AcceptWord(std::string_view word) {
    SkipSpace();
    size_t save = pos_;
    if (AsciiLower(ReadWord()) == word) return true;
    pos_ = save;
    return false;
  }

  arrow::Result<TypePtr> ParseStruct(int depth) {
    ARROW_RETURN_NOT_OK(Expect('<'));
    std::vector<std::shared_ptr<arrow::Field>> fields;
    if (!Accept('>')) {
      do {
        ARROW_ASSIGN_OR_RAISE(auto name, ReadName());
        Accept(':');
        ARROW_ASSIGN_OR_RAISE(auto type, ParseType(depth + 1));
        bool nullable = true;
        size_t save = pos_;
        if (AcceptWord("not")) {
          if (AcceptWord("null")) {
            nullable = false;
          } else {
            pos_ = save;
          }
        }
        if (AcceptWord("comment")) {
          ARROW_RETURN_NOT_OK(SkipStringLiteral());
        }
        fields.push_back(arrow::field(name, type, nullable));
      } while (Accept(','));
      ARROW_RETURN_NOT_OK(Expect('>'));
    }
    return arrow::struct_(fields);
  }

  arrow::Status SkipStringLiteral() {
    SkipSpace();
    if (pos_ >= sql_.size() || (sql_[pos_] != '\'' && sql_[pos_] != '"')) return Error();
    const char quote = sql_[pos_++];
    while (pos_ < sql_.size() && sql_[pos_] != quote) {
      if (sql_[pos_] == '\\') ++pos_;
      ++pos_;
    }
    if (pos_ >= sql_.size()) return Error();
    ++pos_;
    return arrow::Status::OK();
  }

  // Index of an interval field: year, month, day, hour, minute, second; -1 if not one.
  static int IntervalField(const std::string& w) {
    static const char* kFields[] = {"year", "month", "day", "hour", "minute", "second"};
    for (int i = 0; i < 6; ++i) {
      if (w == kFields[i]) return i;
    }
    return -1;
  }

  arrow::Result<TypePtr> ParseInterval() {
    size_t save = pos_;
    int from = IntervalField(AsciiLower(ReadWord()));
    if (from < 0) {
      pos_ = save;
      return arrow::month_day_nano_interval();
    }
    int to = from;
    save = pos_;
    if (AcceptWord("to")) {
      to = IntervalField(AsciiLower(ReadWord()));
      if (to < 0) {
        pos_ = save;
        return Error();
      }
    }
    const bool year_month = from <= 1;
    if (to < from || (year_month != (to <= 1))) {
      pos_ = save;
      return Error();
    }
    if (year_month) return arrow::month_interval();
    return arrow::duration(arrow::TimeUnit::MICRO);
  }

  std::string_view sql_;
  size_t pos_;
};

std::string QuoteIfNeeded(const std::string& name) {
  bool plain = !name.empty();
  for (char c : name) plain = plain && IsWordChar(c);
  if (plain) return name;
  std::string out = "`";
  for (char c : name) out += c == '`' ? std::string("``") : std::string(1, c);
  return out + "`";
}

}  // namespace

arrow::Result<TypePtr> ParseDataTypeAt(std::string_view sql, size_t* offset) {
  TypeParser parser(sql, *offset);
  ARROW_ASSIGN_OR_RAISE(auto type, parser.ParseType(0));
  *offset = parser.position();
  return type;
}

arrow::Result<TypePtr> ParseDataType(std::string_view text) {
  TypeParser parser(text, 0);
  ARROW_ASSIGN_OR_RAISE(auto type, parser.ParseType(0));
  parser.SkipSpace();
  if (parser.position() != text.size()) return parser.Error();
  return type;
}

std::string SparkTypeName(const arrow::DataType& type) {
  using arrow::Type;
  switch (type.id()) {
    case Type::NA: return "void";
    case Type::BOOL: return "boolean";
    case Type::INT8: return "tinyint";
    case Type::INT16: return "smallint";
    case Type::INT32: return "int";
    case Type::INT64: return "bigint";
    case Type::FLOAT: return "float";
    case Type::DOUBLE: return "double";
    case Type::STRING:
    case Type::LARGE_STRING:
    case Type::STRING_VIEW: return "string";
    case Type::BINARY:
    case Type::LARGE_BINARY:
    case Type::BINARY_VIEW: return "binary";
    case Type::DATE32: return "date";
    case Type::TIMESTAMP:
      return static_cast<const arrow::TimestampType&>(type).timezone().empty() ? "timestamp_ntz" : "timestamp";
    case Type::DECIMAL128:
    case Type::DECIMAL256: {
      const auto& d = static_cast<const arrow::DecimalType&>(type);
      return fmt::format("decimal({},{})", d.precision(), d.scale());
    }
    case Type::LIST:
    case Type::LARGE_LIST:
      return "array<" + SparkTypeName(*type.field(0)->type()) + ">";
    case Type::MAP: {
      const auto& m = static_cast<const arrow::MapType&>(type);
      return "map<" + SparkTypeName(*m.key_type()) + "," + SparkTypeName(*m.item_type()) + ">";
    }
    case Type::STRUCT: {
      std::string s = "struct<";
      for (int i = 0; i < type.num_fields(); ++i) {
        s += (i ? "," : "") + type.field(i)->name() + ":" + SparkTypeName(*type.field(i)->type());
      }
      return s + ">";
    }
    case Type::INTERVAL_MONTHS: return "interval year to month";
    case Type::DURATION: return "interval day to second";
    case Type::INTERVAL_MONTH_DAY_NANO: return "interval";
    default: return type.ToString();
  }
}

std::string SparkTypeSql(const arrow::DataType& type) {
  using arrow::Type;
  switch (type.id()) {
    case Type::LIST:
    case Type::LARGE_LIST:
      return "ARRAY<" + SparkTypeSql(*type.field(0)->type()) + ">";
    case Type::MAP: {
      const auto& m = static_cast<const arrow::MapType&>(type);
      return "MAP<" + SparkTypeSql(*m.key_type()) + ", " + SparkTypeSql(*m.item_type()) + ">";
    }
    case Type::STRUCT: {
      std::string s = "STRUCT<";
      for (int i = 0; i < type.num_fields(); ++i) {
        s += (i ? ", " : "") + QuoteIfNeeded(type.field(i)->name()) + ": " + SparkTypeSql(*type.field(i)->type());
        if (!type.field(i)->nullable()) s += " NOT NULL";
      }
      return s + ">";
    }
    default: {
      std::string s = SparkTypeName(type);
      for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      return s;
    }
  }
}

int FieldIndexIgnoringCase(const arrow::Schema& schema, std::string_view name) {
  for (int i = 0; i < schema.num_fields(); ++i) {
    if (NameEquals(schema.field(i)->name(), name)) return i;
  }
  return -1;
}

}  // namespace tarn::sql
