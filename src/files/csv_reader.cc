// CSV: tokenize each file once, infer per column with Spark's rules, convert column by column
// so that a field that does not parse can be rescued without losing the rest of its row.
#include <algorithm>
#include <mutex>

#include <arrow/api.h>
#include <arrow/compute/api.h>
#include <fmt/format.h>

#include "errors/error_class.h"
#include "files/csv_tokenizer_internal.h"
#include "files/format_reader_internal.h"
#include "files/rescued_data_internal.h"
#include "files/text_value_parser_internal.h"

namespace tarn::files {

namespace {

// Spark's CSV inference lattice (CSVInferSchema). read_files infers integers as bigint.
enum class CsvKind { kNull, kLong, kDecimal, kDouble, kDate, kTimestamp, kBoolean, kString };

struct CsvType {
  CsvKind kind = CsvKind::kNull;
  int32_t precision = 0;  // kDecimal (scale is always 0: Spark infers decimals only for big integers)
};

CsvType MergeTypes(CsvType a, CsvType b) {
  if (a.kind == CsvKind::kNull) return b;
  if (b.kind == CsvKind::kNull) return a;
  if (a.kind == b.kind) {
    if (a.kind == CsvKind::kDecimal) a.precision = std::max(a.precision, b.precision);
    return a;
  }
  auto is = [&](CsvKind x, CsvKind y) { return (a.kind == x && b.kind == y) || (a.kind == y && b.kind == x); };
  if (is(CsvKind::kLong, CsvKind::kDecimal)) return {CsvKind::kDecimal, std::max({a.precision, b.precision, 20})};
  if (is(CsvKind::kLong, CsvKind::kDouble) || is(CsvKind::kDecimal, CsvKind::kDouble)) return {CsvKind::kDouble, 0};
  if (is(CsvKind::kDate, CsvKind::kTimestamp)) return {CsvKind::kTimestamp, 0};
  return {CsvKind::kString, 0};
}

class CsvInferrer {
 public:
  explicit CsvInferrer(const ReaderSettings& s) : s_(s) {}

  // The type of one non-null field given the type so far (Spark's tryParse chain).
  CsvType Infer(CsvType so_far, std::string_view text) const {
    CsvType found;
    switch (so_far.kind) {
      case CsvKind::kNull:
      case CsvKind::kLong: found = TryLong(text); break;
      case CsvKind::kDecimal: found = TryDecimal(text); break;
      case CsvKind::kDouble: found = TryDouble(text); break;
      case CsvKind::kDate: found = TryDate(text); break;
      case CsvKind::kTimestamp: found = TryTimestamp(text); break;
      case CsvKind::kBoolean: found = TryBoolean(text); break;
      case CsvKind::kString: return so_far;
    }
    return MergeTypes(so_far, found);
  }

 private:
  CsvType TryLong(std::string_view t) const {
    int64_t v;
    return ParseInt64Text(t, &v) ? CsvType{CsvKind::kLong, 0} : TryDecimal(t);
  }
  CsvType TryDecimal(std::string_view t) const {
    // Only integers too large for bigint: Spark refuses decimals with a fraction unless prefersDecimal.
    std::string_view digits = t;
    if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) digits.remove_prefix(1);
    size_t lead = 0;
    while (lead + 1 < digits.size() && digits[lead] == '0') ++lead;
    digits.remove_prefix(lead);
    bool all_digits = !digits.empty() &&
                      std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (all_digits && digits.size() <= 38) return {CsvKind::kDecimal, static_cast<int32_t>(digits.size())};
    return TryDouble(t);
  }
  CsvType TryDouble(std::string_view t) const {
    double v;
    return ParseDoubleText(t, &v) ? CsvType{CsvKind::kDouble, 0} : TryDate(t);
  }
  CsvType TryDate(std::string_view t) const {
    bool is_date = s_.date_format ? s_.date_format->ParseDays(t).has_value() : ParseIsoDate(t).has_value();
    return is_date ? CsvType{CsvKind::kDate, 0} : TryTimestamp(t);
  }
  CsvType TryTimestamp(std::string_view t) const {
    int64_t v;
    return ParseTimestampText(s_, t, false, &v) ? CsvType{CsvKind::kTimestamp, 0} : TryBoolean(t);
  }
  CsvType TryBoolean(std::string_view t) const {
    bool v;
    return ParseBooleanText(t, &v) ? CsvType{CsvKind::kBoolean, 0} : CsvType{CsvKind::kString, 0};
  }
  const ReaderSettings& s_;
};

std::shared_ptr<arrow::DataType> ToArrow(CsvType t) {
  switch (t.kind) {
    case CsvKind::kLong: return arrow::int64();
    case CsvKind::kDecimal: return arrow::decimal128(t.precision, 0);
    case CsvKind::kDouble: return arrow::float64();
    case CsvKind::kDate: return arrow::date32();
    case CsvKind::kTimestamp: return arrow::timestamp(arrow::TimeUnit::MICRO, "UTC");
    case CsvKind::kBoolean: return arrow::boolean();
    case CsvKind::kNull:
    case CsvKind::kString: return arrow::utf8();
  }
  return arrow::utf8();
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Spark's CSVUtils.makeSafeHeader: empty (or nullValue) names become _c<i>, names that repeat
// (case-insensitively) get their index appended.
std::vector<std::string> SafeHeader(const std::vector<std::string>& raw, const std::string& null_value) {
  std::vector<std::string> lower;
  for (const auto& n : raw) lower.push_back(Lower(n));
  std::vector<std::string> out;
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i].empty() || raw[i] == null_value) {
      out.push_back(fmt::format("_c{}", i));
    } else if (std::count(lower.begin(), lower.end(), lower[i]) > 1) {
      out.push_back(fmt::format("{}{}", raw[i], i));
    } else {
      out.push_back(raw[i]);
    }
  }
  return out;
}

struct LoadedCsv {
  std::shared_ptr<arrow::Buffer> buffer;
  CsvRecords records;
  size_t first_data_record = 0;      // 1 when the first record is the header
  std::vector<std::string> columns;  // header names (made safe) or _c0.._cN
  std::vector<CsvType> inferred;
};

// Per-column builders over the records of one file; `field_of_row` gives the field index
// of the column in each record (-1 = missing).
class ColumnConverter {
 public:
  ColumnConverter(const ReaderSettings& s, const LoadedCsv& f, RescuedData* rescued)
      : s_(s), f_(f), rescued_(rescued) {}

  // Null when the text is the null value (a quoted empty string reads as emptyValue first).
  bool IsNull(const CsvField& field) const {
    if (field.quoted && field.text.empty()) return s_.empty_value == s_.null_value;
    return field.text == s_.null_value;
  }

  template <typename Builder, typename Parse>
  arrow::Result<std::shared_ptr<arrow::Array>> Build(Builder* builder, const std::vector<int32_t>& field_index,
                                                     const std::string& name, Parse&& parse) {
    size_t rows = field_index.size();
    ARROW_RETURN_NOT_OK(builder->Reserve(static_cast<int64_t>(rows)));
    for (size_t r = 0; r < rows; ++r) {
      int32_t fi = field_index[r];
      if (fi < 0) {
        builder->UnsafeAppendNull();
        continue;
      }
      const CsvField& field = f_.records.field(f_.first_data_record + r, static_cast<size_t>(fi));
      if (IsNull(field)) {
        builder->UnsafeAppendNull();
        continue;
      }
      if (!parse(builder, field)) {
        builder->UnsafeAppendNull();
        rescued_->Add(r, name, std::string(field.text));
      }
    }
    std::shared_ptr<arrow::Array> out;
    ARROW_RETURN_NOT_OK(builder->Finish(&out));
    return out;
  }

  arrow::Result<std::shared_ptr<arrow::Array>> Convert(const arrow::Field& target,
                                                       const std::vector<int32_t>& field_index) {
    const auto& type = target.type();
    const std::string& name = target.name();
    switch (type->id()) {
      case arrow::Type::STRING: {
        arrow::StringBuilder b;
        return Build(&b, field_index, name, [&](arrow::StringBuilder* sb, const CsvField& f) {
          std::string_view text = f.quoted && f.text.empty() ? std::string_view(s_.empty_value) : f.text;
          return sb->Append(text).ok();
        });
      }
      case arrow::Type::INT64: {
        arrow::Int64Builder b;
        return Build(&b, field_index, name, [](arrow::Int64Builder* ib, const CsvField& f) {
          int64_t v;
          if (!ParseInt64Text(f.text, &v)) return false;
          ib->UnsafeAppend(v);
          return true;
        });
      }
      case arrow::Type::INT32:
      case arrow::Type::INT16:
      case arrow::Type::INT8: {
        int bits = arrow::internal::checked_cast<const arrow::FixedWidthType&>(*type).bit_width();
        int64_t lo = -(int64_t{1} << (bits - 1)), hi = (int64_t{1} << (bits - 1)) - 1;
        arrow::Int64Builder b;
        ARROW_ASSIGN_OR_RAISE(auto wide, Build(&b, field_index, name, [&](arrow::Int64Builder* ib, const CsvField& f) {
          int64_t v;
          if (!ParseInt64Text(f.text, &v) || v < lo || v > hi) return false;
          ib->UnsafeAppend(v);
          return true;
        }));
        ARROW_ASSIGN_OR_RAISE(auto narrow, arrow::compute::Cast(*wide, type));
        return narrow;
      }
      case arrow::Type::DOUBLE:
      case arrow::Type::FLOAT: {
        arrow::DoubleBuilder b;
        ARROW_ASSIGN_OR_RAISE(auto wide, Build(&b, field_index, name, [](arrow::DoubleBuilder* db, const CsvField& f) {
          double v;
          if (!ParseDoubleText(f.text, &v)) return false;
          db->UnsafeAppend(v);
          return true;
        }));
        if (type->id() == arrow::Type::DOUBLE) return wide;
        arrow::compute::CastOptions opts = arrow::compute::CastOptions::Unsafe(type);
        ARROW_ASSIGN_OR_RAISE(auto narrow, arrow::compute::Cast(*wide, opts));
        return narrow.make_array();
      }
      case arrow::Type::BOOL: {
        arrow::BooleanBuilder b;
        return Build(&b, field_index, name, [](arrow::BooleanBuilder* bb, const CsvField& f) {
          bool v;
          if (!ParseBooleanText(f.text, &v)) return false;
          bb->UnsafeAppend(v);
          return true;
        });
      }
      case arrow::Type::DECIMAL128: {
        const auto& dt = static_cast<const arrow::Decimal128Type&>(*type);
        arrow::Decimal128Builder b(type);
        return Build(&b, field_index, name, [&](arrow::Decimal128Builder* db, const CsvField& f) {
          arrow::Decimal128 v;
          if (!ParseDecimalText(f.text, dt.precision(), dt.scale(), &v)) return false;
          db->UnsafeAppend(v);
          return true;
        });
      }
      case arrow::Type::DATE32: {
        arrow::Date32Builder b;
        return Build(&b, field_index, name, [&](arrow::Date32Builder* db, const CsvField& f) {
          int32_t v;
          if (!ParseDateText(s_, f.text, &v)) return false;
          db->UnsafeAppend(v);
          return true;
        });
      }
      case arrow::Type::TIMESTAMP: {
        const auto& ts = static_cast<const arrow::TimestampType&>(*type);
        bool ntz = ts.timezone().empty();
        arrow::TimestampBuilder b(arrow::timestamp(arrow::TimeUnit::MICRO, ts.timezone()),
                                  arrow::default_memory_pool());
        ARROW_ASSIGN_OR_RAISE(auto micros, Build(&b, field_index, name, [&](arrow::TimestampBuilder* tb, const CsvField& f) {
          int64_t v;
          if (!ParseTimestampText(s_, f.text, ntz, &v)) return false;
          tb->UnsafeAppend(v);
          return true;
        }));
        if (ts.unit() == arrow::TimeUnit::MICRO) return micros;
        ARROW_ASSIGN_OR_RAISE(auto cast, arrow::compute::Cast(*micros, type));
        return cast;
      }
      default:
        return UserError("UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE",
                         "The CSV datasource doesn't support the column `{}` of the type {}.", name,
                         type->ToString());
    }
  }

 private:
  const ReaderSettings& s_;
  const LoadedCsv& f_;
  RescuedData* rescued_;
};

class CsvReader : public FormatReader {
 public:
  CsvReader(const ReaderSettings& s, size_t n) : s_(s), files_(n) {}

  arrow::Status Load(size_t index, const InputFile& file, bool infer) override {
    LoadedCsv& f = files_[index];
    ARROW_ASSIGN_OR_RAISE(f.buffer, ReadWholeFile(file));
    f.records = TokenizeCsv(std::string_view(reinterpret_cast<const char*>(f.buffer->data()),
                                             static_cast<size_t>(f.buffer->size())),
                            s_);
    size_t width = 0;
    if (s_.header && f.records.num_records() > 0) {
      std::vector<std::string> raw;
      for (size_t i = 0; i < f.records.num_fields(0); ++i) raw.emplace_back(f.records.field(0, i).text);
      f.columns = SafeHeader(raw, s_.null_value);
      f.first_data_record = 1;
      width = f.columns.size();
    } else {
      for (size_t r = 0; r < f.records.num_records(); ++r) width = std::max(width, f.records.num_fields(r));
      // Without a header, the first record decides the number of columns, as in Spark.
      if (f.records.num_records() > 0) width = f.records.num_fields(0);
      for (size_t i = 0; i < width; ++i) f.columns.push_back(fmt::format("_c{}", i));
    }
    if (!infer) return arrow::Status::OK();
    f.inferred.assign(width, CsvType{});
    if (!s_.infer_column_types) {
      f.inferred.assign(width, CsvType{CsvKind::kString, 0});
      return arrow::Status::OK();
    }
    CsvInferrer inferrer(s_);
    ColumnConverter nulls(s_, f, nullptr);
    for (size_t r = f.first_data_record; r < f.records.num_records(); ++r) {
      size_t n = std::min(width, f.records.num_fields(r));
      for (size_t c = 0; c < n; ++c) {
        const CsvField& field = f.records.field(r, c);
        if (nulls.IsNull(field) || field.text.empty()) continue;
        f.inferred[c] = inferrer.Infer(f.inferred[c], field.text);
      }
    }
    return arrow::Status::OK();
  }

  arrow::Result<std::shared_ptr<arrow::Schema>> MergedSchema() const override {
    // Columns are matched by name case-insensitively; the first spelling seen names the column.
    std::vector<std::string> names;
    std::vector<CsvType> types;
    for (const LoadedCsv& f : files_) {
      for (size_t c = 0; c < f.columns.size() && c < f.inferred.size(); ++c) {
        std::string key = Lower(f.columns[c]);
        size_t i = 0;
        while (i < names.size() && Lower(names[i]) != key) ++i;
        if (i == names.size()) {
          names.push_back(f.columns[c]);
          types.push_back(f.inferred[c]);
        } else {
          types[i] = MergeTypes(types[i], f.inferred[c]);
        }
      }
    }
    arrow::FieldVector fields;
    for (size_t i = 0; i < names.size(); ++i) fields.push_back(arrow::field(names[i], ToArrow(types[i])));
    return arrow::schema(fields);
  }

  arrow::Result<FileRows> Convert(size_t index, const InputFile& file, const arrow::Schema& schema,
                                  const std::string& rescue_column) override {
    LoadedCsv f = std::move(files_[index]);
    files_[index] = LoadedCsv{};
    size_t rows = f.records.num_records() - std::min(f.records.num_records(), f.first_data_record);
    // File column -> schema column, by header name (exact, else rescued) or by position.
    std::vector<int> target_of_column(f.columns.size(), -1);
    std::vector<std::string> rescue_name(f.columns.size());
    for (size_t c = 0; c < f.columns.size(); ++c) {
      if (s_.header) {
        int exact = schema.GetFieldIndex(f.columns[c]);
        if (exact >= 0) target_of_column[c] = exact;
      } else if (static_cast<int>(c) < schema.num_fields()) {
        target_of_column[c] = static_cast<int>(c);
      }
      rescue_name[c] = f.columns[c];
    }
    RescuedData rescued(rows);
    std::vector<bool> malformed(rows, false);
    std::vector<std::string> malformed_reason(rows);
    int64_t first_malformed_row = -1;
    for (size_t r = 0; r < rows; ++r) {
      size_t rec = f.first_data_record + r;
      size_t n = f.records.num_fields(rec);
      for (size_t c = 0; c < n; ++c) {
        bool unmapped = c >= f.columns.size() || target_of_column[c] < 0;
        if (!unmapped) continue;
        std::string key = c < f.columns.size() ? rescue_name[c] : fmt::format("_c{}", c);
        rescued.Add(r, key, std::string(f.records.field(rec, c).text));
        if (c >= f.columns.size() && !malformed[r]) {
          malformed[r] = true;
          malformed_reason[r] = fmt::format("expected {} fields, found {}", f.columns.size(), n);
        }
      }
    }
    arrow::ArrayVector columns;
    ColumnConverter converter(s_, f, &rescued);
    for (int t = 0; t < schema.num_fields(); ++t) {
      int source = -1;
      for (size_t c = 0; c < target_of_column.size(); ++c) {
        if (target_of_column[c] == t) source = static_cast<int>(c);
      }
      std::vector<int32_t> field_index(rows, -1);
      if (source >= 0) {
        for (size_t r = 0; r < rows; ++r) {
          if (static_cast<size_t>(source) < f.records.num_fields(f.first_data_record + r)) field_index[r] = source;
        }
      }
      size_t before = rescued.failures();
      ARROW_ASSIGN_OR_RAISE(auto array, converter.Convert(*schema.field(t), field_index));
      if (rescued.failures() != before) {
        for (size_t r : rescued.rows_failed_since(before)) {
          if (!malformed[r]) {
            malformed[r] = true;
            malformed_reason[r] = fmt::format("cannot parse '{}' as {} for column `{}`",
                                              rescued.last_value(r), schema.field(t)->type()->ToString(),
                                              schema.field(t)->name());
          }
        }
      }
      columns.push_back(std::move(array));
    }
    for (size_t r = 0; r < rows; ++r) {
      if (malformed[r]) {
        first_malformed_row = static_cast<int64_t>(r);
        break;
      }
    }
    // Header names differing only in case are rescued but do not make the row malformed.
    if (s_.mode == ParseMode::kFailFast && first_malformed_row >= 0) {
      size_t r = static_cast<size_t>(first_malformed_row);
      return MalformedRecordError(s_, file, f.records.line_numbers[f.first_data_record + r], malformed_reason[r]);
    }
    return FinishRows(schema, std::move(columns), rescued, malformed, file, rescue_column, s_);
  }

 private:
  const ReaderSettings& s_;
  std::vector<LoadedCsv> files_;
};

}  // namespace

std::unique_ptr<FormatReader> MakeCsvReader(const ReaderSettings& settings, size_t num_files) {
  return std::make_unique<CsvReader>(settings, num_files);
}

}  // namespace tarn::files
