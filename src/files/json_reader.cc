// JSON Lines (and multiLine documents): records parsed with nlohmann-json, Spark's inference
// (bigint / double / boolean / string / struct / array, fields sorted by name, conflicts widen
// to string), conversion that rescues any top-level field that does not fit the schema.
#include <algorithm>
#include <map>

#include <arrow/api.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "errors/error_class.h"
#include "files/format_reader_internal.h"
#include "files/rescued_data_internal.h"
#include "files/text_value_parser_internal.h"

namespace tarn::files {

namespace {

using nlohmann::json;

struct JsonType {
  enum Kind { kNull, kBoolean, kLong, kDouble, kString, kStruct, kArray } kind = kNull;
  std::vector<std::pair<std::string, JsonType>> fields;  // kStruct
  std::vector<JsonType> element;                         // kArray: one entry
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

void Merge(JsonType* a, const JsonType& b);

void MergeFields(JsonType* a, const JsonType& b) {
  for (const auto& [name, type] : b.fields) {
    auto it = std::find_if(a->fields.begin(), a->fields.end(),
                           [&](const auto& f) { return Lower(f.first) == Lower(name); });
    if (it == a->fields.end()) {
      a->fields.emplace_back(name, type);
    } else {
      Merge(&it->second, type);
    }
  }
}

// Spark's JsonInferSchema.compatibleType.
void Merge(JsonType* a, const JsonType& b) {
  if (b.kind == JsonType::kNull) return;
  if (a->kind == JsonType::kNull) {
    *a = b;
    return;
  }
  if (a->kind == b.kind) {
    if (a->kind == JsonType::kStruct) MergeFields(a, b);
    if (a->kind == JsonType::kArray) Merge(&a->element[0], b.element[0]);
    return;
  }
  bool numeric = (a->kind == JsonType::kLong || a->kind == JsonType::kDouble) &&
                 (b.kind == JsonType::kLong || b.kind == JsonType::kDouble);
  *a = JsonType{numeric ? JsonType::kDouble : JsonType::kString, {}, {}};
}

JsonType InferValue(const json& v, bool primitives_as_string) {
  JsonType t;
  switch (v.type()) {
    case json::value_t::null: t.kind = JsonType::kNull; break;
    case json::value_t::boolean: t.kind = primitives_as_string ? JsonType::kString : JsonType::kBoolean; break;
    case json::value_t::number_integer: t.kind = primitives_as_string ? JsonType::kString : JsonType::kLong; break;
    case json::value_t::number_unsigned:
      t.kind = primitives_as_string ? JsonType::kString
               : v.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX) ? JsonType::kDouble
                                                                      : JsonType::kLong;
      break;
    case json::value_t::number_float: t.kind = primitives_as_string ? JsonType::kString : JsonType::kDouble; break;
    case json::value_t::string: t.kind = JsonType::kString; break;
    case json::value_t::object:
      t.kind = JsonType::kStruct;
      for (const auto& [key, value] : v.items()) {
        JsonType child = InferValue(value, primitives_as_string);
        JsonType holder{JsonType::kStruct, {{key, child}}, {}};
        MergeFields(&t, holder);
      }
      break;
    case json::value_t::array:
      t.kind = JsonType::kArray;
      t.element.emplace_back();
      for (const auto& e : v) Merge(&t.element[0], InferValue(e, primitives_as_string));
      break;
    default: t.kind = JsonType::kString; break;
  }
  return t;
}

std::shared_ptr<arrow::DataType> ToArrow(const JsonType& t) {
  switch (t.kind) {
    case JsonType::kBoolean: return arrow::boolean();
    case JsonType::kLong: return arrow::int64();
    case JsonType::kDouble: return arrow::float64();
    case JsonType::kStruct: {
      auto sorted = t.fields;
      std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      arrow::FieldVector fields;
      for (const auto& [name, type] : sorted) fields.push_back(arrow::field(name, ToArrow(type)));
      return arrow::struct_(fields);
    }
    case JsonType::kArray: return arrow::list(ToArrow(t.element[0]));
    case JsonType::kNull:
    case JsonType::kString: return arrow::utf8();
  }
  return arrow::utf8();
}

// Whether `v` can be stored as `type` (nested struct keys must all be known).
bool Fits(const ReaderSettings& s, const arrow::DataType& type, const json& v) {
  if (v.is_null()) return true;
  switch (type.id()) {
    case arrow::Type::STRING: return true;  // non-strings are kept as their JSON text
    case arrow::Type::BOOL: return v.is_boolean();
    case arrow::Type::INT64:
    case arrow::Type::INT32:
    case arrow::Type::INT16:
    case arrow::Type::INT8: {
      if (!v.is_number_integer()) return false;
      if (v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) return false;
      int bits = static_cast<const arrow::FixedWidthType&>(type).bit_width();
      int64_t x = v.get<int64_t>();
      return bits == 64 || (x >= -(int64_t{1} << (bits - 1)) && x < (int64_t{1} << (bits - 1)));
    }
    case arrow::Type::DOUBLE:
    case arrow::Type::FLOAT: return v.is_number();
    case arrow::Type::DECIMAL128: {
      if (!v.is_number()) return false;
      const auto& dt = static_cast<const arrow::Decimal128Type&>(type);
      arrow::Decimal128 d;
      return ParseDecimalText(v.dump(), dt.precision(), dt.scale(), &d);
    }
    case arrow::Type::DATE32: {
      int32_t days;
      return v.is_string() && ParseDateText(s, v.get_ref<const std::string&>(), &days);
    }
    case arrow::Type::TIMESTAMP: {
      int64_t micros;
      bool ntz = static_cast<const arrow::TimestampType&>(type).timezone().empty();
      return v.is_string() && ParseTimestampText(s, v.get_ref<const std::string&>(), ntz, &micros);
    }
    case arrow::Type::STRUCT: {
      if (!v.is_object()) return false;
      const auto& st = static_cast<const arrow::StructType&>(type);
      for (const auto& [key, value] : v.items()) {
        auto field = st.GetFieldByName(key);
        if (!field || !Fits(s, *field->type(), value)) return false;
      }
      return true;
    }
    case arrow::Type::LIST: {
      if (!v.is_array()) return false;
      const auto& vt = *static_cast<const arrow::ListType&>(type).value_type();
      return std::all_of(v.begin(), v.end(), [&](const json& e) { return Fits(s, vt, e); });
    }
    default: return false;
  }
}

// Appends a value that Fits.
arrow::Status Append(const ReaderSettings& s, arrow::ArrayBuilder* b, const json& v) {
  if (v.is_null()) return b->AppendNull();
  const std::shared_ptr<arrow::DataType> type_holder = b->type();  // struct builders make a new type
  const arrow::DataType& type = *type_holder;
  switch (type.id()) {
    case arrow::Type::STRING:
      return static_cast<arrow::StringBuilder*>(b)->Append(v.is_string() ? v.get_ref<const std::string&>() : v.dump());
    case arrow::Type::BOOL: return static_cast<arrow::BooleanBuilder*>(b)->Append(v.get<bool>());
    case arrow::Type::INT64: return static_cast<arrow::Int64Builder*>(b)->Append(v.get<int64_t>());
    case arrow::Type::INT32: return static_cast<arrow::Int32Builder*>(b)->Append(v.get<int32_t>());
    case arrow::Type::INT16: return static_cast<arrow::Int16Builder*>(b)->Append(v.get<int16_t>());
    case arrow::Type::INT8: return static_cast<arrow::Int8Builder*>(b)->Append(v.get<int8_t>());
    case arrow::Type::DOUBLE: return static_cast<arrow::DoubleBuilder*>(b)->Append(v.get<double>());
    case arrow::Type::FLOAT: return static_cast<arrow::FloatBuilder*>(b)->Append(v.get<float>());
    case arrow::Type::DECIMAL128: {
      const auto& dt = static_cast<const arrow::Decimal128Type&>(type);
      arrow::Decimal128 d;
      ParseDecimalText(v.dump(), dt.precision(), dt.scale(), &d);
      return static_cast<arrow::Decimal128Builder*>(b)->Append(d);
    }
    case arrow::Type::DATE32: {
      int32_t days = 0;
      ParseDateText(s, v.get_ref<const std::string&>(), &days);
      return static_cast<arrow::Date32Builder*>(b)->Append(days);
    }
    case arrow::Type::TIMESTAMP: {
      int64_t micros = 0;
      const auto& ts = static_cast<const arrow::TimestampType&>(type);
      ParseTimestampText(s, v.get_ref<const std::string&>(), ts.timezone().empty(), &micros);
      if (ts.unit() == arrow::TimeUnit::MILLI) micros /= 1000;
      if (ts.unit() == arrow::TimeUnit::SECOND) micros /= 1000000;
      if (ts.unit() == arrow::TimeUnit::NANO) micros *= 1000;
      return static_cast<arrow::TimestampBuilder*>(b)->Append(micros);
    }
    case arrow::Type::STRUCT: {
      auto* sb = static_cast<arrow::StructBuilder*>(b);
      const auto& st = static_cast<const arrow::StructType&>(type);
      ARROW_RETURN_NOT_OK(sb->Append());
      for (int i = 0; i < st.num_fields(); ++i) {
        auto it = v.find(st.field(i)->name());
        ARROW_RETURN_NOT_OK(it == v.end() ? sb->field_builder(i)->AppendNull()
                                          : Append(s, sb->field_builder(i), *it));
      }
      return arrow::Status::OK();
    }
    case arrow::Type::LIST: {
      auto* lb = static_cast<arrow::ListBuilder*>(b);
      ARROW_RETURN_NOT_OK(lb->Append());
      for (const auto& e : v) ARROW_RETURN_NOT_OK(Append(s, lb->value_builder(), e));
      return arrow::Status::OK();
    }
    default:
      return arrow::Status::Invalid("unsupported JSON target type ", type.ToString());
  }
}

struct JsonRecord {
  json value;           // an object, or discarded when the text is not a JSON object
  std::string text;     // kept only for malformed records
  int64_t line = 1;
};

struct LoadedJson {
  std::vector<JsonRecord> records;
  JsonType inferred{JsonType::kStruct, {}, {}};
};

class JsonReader : public FormatReader {
 public:
  JsonReader(const ReaderSettings& s, size_t n) : s_(s), files_(n) {}

  arrow::Status Load(size_t index, const InputFile& file, bool infer) override {
    LoadedJson& f = files_[index];
    ARROW_ASSIGN_OR_RAISE(auto buffer, ReadWholeFile(file));
    std::string_view text(reinterpret_cast<const char*>(buffer->data()), static_cast<size_t>(buffer->size()));
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    auto add = [&](std::string_view record, int64_t line) {
      json v = json::parse(record, nullptr, /*allow_exceptions=*/false);
      // A top-level array holds one record per element, as in Spark.
      if (!v.is_discarded() && v.is_array() &&
          std::all_of(v.begin(), v.end(), [](const json& e) { return e.is_object(); })) {
        for (auto& e : v) f.records.push_back({std::move(e), {}, line});
        return;
      }
      if (v.is_discarded() || !v.is_object()) {
        f.records.push_back({json(json::value_t::discarded), std::string(record), line});
        return;
      }
      f.records.push_back({std::move(v), {}, line});
    };
    if (s_.multi_line) {
      size_t first = text.find_first_not_of(" \t\r\n");
      if (first != std::string_view::npos) add(text, 1);
    } else {
      size_t pos = 0;
      int64_t line = 1;
      while (pos < text.size()) {
        size_t end;
        size_t sep_len = 1;
        if (s_.line_sep.empty()) {
          end = text.find_first_of("\r\n", pos);
          if (end != std::string_view::npos && text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') sep_len = 2;
        } else {
          end = text.find(s_.line_sep, pos);
          sep_len = s_.line_sep.size();
        }
        if (end == std::string_view::npos) end = text.size();
        std::string_view rec = text.substr(pos, end - pos);
        if (rec.find_first_not_of(" \t") != std::string_view::npos) add(rec, line);
        ++line;
        pos = end + sep_len;
      }
    }
    if (infer) {
      for (const auto& r : f.records) {
        if (!r.value.is_discarded()) Merge(&f.inferred, InferValue(r.value, s_.primitives_as_string));
      }
    }
    return arrow::Status::OK();
  }

  arrow::Result<std::shared_ptr<arrow::Schema>> MergedSchema() const override {
    JsonType merged{JsonType::kStruct, {}, {}};
    for (const auto& f : files_) Merge(&merged, f.inferred);
    auto type = ToArrow(merged);
    return arrow::schema(type->fields());
  }

  arrow::Result<FileRows> Convert(size_t index, const InputFile& file, const arrow::Schema& schema,
                                  const std::string& rescue_column) override {
    LoadedJson f = std::move(files_[index]);
    files_[index] = LoadedJson{};
    size_t rows = f.records.size();
    RescuedData rescued(rows);
    std::vector<bool> malformed(rows, false);
    std::vector<std::unique_ptr<arrow::ArrayBuilder>> builders;
    for (const auto& field : schema.fields()) {
      ARROW_ASSIGN_OR_RAISE(auto b, arrow::MakeBuilder(field->type()));
      builders.push_back(std::move(b));
    }
    for (size_t r = 0; r < rows; ++r) {
      const JsonRecord& rec = f.records[r];
      if (rec.value.is_discarded()) {
        malformed[r] = true;
        if (s_.mode == ParseMode::kFailFast) {
          return MalformedRecordError(s_, file, rec.line, fmt::format("'{}' is not a JSON object", rec.text));
        }
        rescued.Add(r, "_corrupt_record", rec.text);
        for (auto& b : builders) ARROW_RETURN_NOT_OK(b->AppendNull());
        continue;
      }
      for (int c = 0; c < schema.num_fields(); ++c) {
        const auto& field = schema.field(c);
        auto it = rec.value.find(field->name());
        if (it == rec.value.end()) {
          ARROW_RETURN_NOT_OK(builders[c]->AppendNull());
        } else if (Fits(s_, *field->type(), *it)) {
          ARROW_RETURN_NOT_OK(Append(s_, builders[c].get(), *it));
        } else {
          if (s_.mode == ParseMode::kFailFast) {
            return MalformedRecordError(s_, file, rec.line,
                                        fmt::format("cannot parse {} as {} for column `{}`", it->dump(),
                                                    field->type()->ToString(), field->name()));
          }
          malformed[r] = true;
          ARROW_RETURN_NOT_OK(builders[c]->AppendNull());
          rescued.AddJson(r, field->name(), it->dump());
        }
      }
      // Keys the schema does not have (including other spellings of a column) are rescued.
      for (const auto& [key, value] : rec.value.items()) {
        if (schema.GetFieldIndex(key) < 0) rescued.AddJson(r, key, value.dump());
      }
    }
    arrow::ArrayVector columns;
    for (auto& b : builders) {
      std::shared_ptr<arrow::Array> a;
      ARROW_RETURN_NOT_OK(b->Finish(&a));
      columns.push_back(std::move(a));
    }
    return FinishRows(schema, std::move(columns), rescued, malformed, file, rescue_column, s_);
  }

 private:
  const ReaderSettings& s_;
  std::vector<LoadedJson> files_;
};

}  // namespace

std::unique_ptr<FormatReader> MakeJsonReader(const ReaderSettings& settings, size_t num_files) {
  return std::make_unique<JsonReader>(settings, num_files);
}

}  // namespace tarn::files
