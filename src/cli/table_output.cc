#include "cli/table_output.h"

#include <algorithm>

#include <arrow/api.h>
#include <arrow/csv/api.h>
#include <arrow/io/file.h>
#include <arrow/io/memory.h>
#include <arrow/util/base64.h>
#include <parquet/arrow/writer.h>

#include "errors/error_class.h"
#include "storage/delta/value_parser.h"

namespace tarn::cli {

using nlohmann::json;

arrow::Result<OutputFormat> ParseOutputFormat(const std::string& name) {
  if (name == "table") return OutputFormat::kTable;
  if (name == "csv") return OutputFormat::kCsv;
  if (name == "json") return OutputFormat::kJson;
  if (name == "parquet") return OutputFormat::kParquet;
  return UserError("INVALID_PARAMETER_VALUE", "unknown output format '{}' (table, csv, json, parquet)", name);
}

json CellToJson(const arrow::Array& array, int64_t row) {
  if (array.IsNull(row)) return nullptr;
  using arrow::Type;
  switch (array.type_id()) {
    case Type::BOOL: return static_cast<const arrow::BooleanArray&>(array).Value(row);
    case Type::INT8: return static_cast<const arrow::Int8Array&>(array).Value(row);
    case Type::INT16: return static_cast<const arrow::Int16Array&>(array).Value(row);
    case Type::INT32: return static_cast<const arrow::Int32Array&>(array).Value(row);
    case Type::INT64: return static_cast<const arrow::Int64Array&>(array).Value(row);
    case Type::UINT8: return static_cast<const arrow::UInt8Array&>(array).Value(row);
    case Type::UINT16: return static_cast<const arrow::UInt16Array&>(array).Value(row);
    case Type::UINT32: return static_cast<const arrow::UInt32Array&>(array).Value(row);
    case Type::UINT64: return static_cast<const arrow::UInt64Array&>(array).Value(row);
    case Type::FLOAT: return static_cast<const arrow::FloatArray&>(array).Value(row);
    case Type::DOUBLE: return static_cast<const arrow::DoubleArray&>(array).Value(row);
    case Type::STRING: return std::string(static_cast<const arrow::StringArray&>(array).GetView(row));
    case Type::LARGE_STRING: return std::string(static_cast<const arrow::LargeStringArray&>(array).GetView(row));
    case Type::BINARY:
      return arrow::util::base64_encode(static_cast<const arrow::BinaryArray&>(array).GetView(row));
    case Type::DATE32: return delta::FormatDate(static_cast<const arrow::Date32Array&>(array).Value(row));
    case Type::TIMESTAMP: {
      const auto& type = static_cast<const arrow::TimestampType&>(*array.type());
      int64_t v = static_cast<const arrow::TimestampArray&>(array).Value(row);
      switch (type.unit()) {
        case arrow::TimeUnit::SECOND: v *= 1000000; break;
        case arrow::TimeUnit::MILLI: v *= 1000; break;
        case arrow::TimeUnit::MICRO: break;
        case arrow::TimeUnit::NANO: v /= 1000; break;
      }
      std::string s = delta::FormatTimestampMicros(v, 'T');
      if (!type.timezone().empty()) s += "Z";
      return s;
    }
    case Type::DECIMAL128: {
      auto text = static_cast<const arrow::Decimal128Array&>(array).FormatValue(row);
      return json::parse(text, nullptr, false).is_discarded() ? json(text) : json::parse(text);
    }
    case Type::STRUCT: {
      const auto& s = static_cast<const arrow::StructArray&>(array);
      json obj = json::object();
      for (int i = 0; i < s.num_fields(); ++i) obj[s.type()->field(i)->name()] = CellToJson(*s.field(i), row);
      return obj;
    }
    case Type::LIST: {
      const auto& l = static_cast<const arrow::ListArray&>(array);
      json arr = json::array();
      auto values = l.values();
      for (int32_t i = l.value_offset(row); i < l.value_offset(row + 1); ++i) arr.push_back(CellToJson(*values, i));
      return arr;
    }
    case Type::MAP: {
      const auto& m = static_cast<const arrow::MapArray&>(array);
      json obj = json::object();
      for (int32_t i = m.value_offset(row); i < m.value_offset(row + 1); ++i) {
        json key = CellToJson(*m.keys(), i);
        obj[key.is_string() ? key.get<std::string>() : key.dump()] = CellToJson(*m.items(), i);
      }
      return obj;
    }
    default: {
      auto scalar = array.GetScalar(row);
      return scalar.ok() ? json((*scalar)->ToString()) : json(nullptr);
    }
  }
}

namespace {

std::string CellText(const arrow::Array& array, int64_t row) {
  if (array.IsNull(row)) return "NULL";
  json j = CellToJson(array, row);
  if (j.is_string()) return j.get<std::string>();
  if (j.is_number_float() && array.type_id() != arrow::Type::DECIMAL128) {
    double d = j.get<double>();
    std::string s = fmt::format("{}", d);
    return s;
  }
  if (array.type_id() == arrow::Type::DECIMAL128) {
    return static_cast<const arrow::Decimal128Array&>(array).FormatValue(row);
  }
  return j.dump();
}

size_t DisplayWidth(const std::string& s) {
  size_t w = 0;
  for (unsigned char c : s) w += (c & 0xC0) != 0x80;
  return w;
}

std::string Truncate(const std::string& s, size_t max_chars) {
  if (DisplayWidth(s) <= max_chars) return s;
  std::string out;
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80) {
      if (chars == max_chars - 3) break;
      ++chars;
    }
    out += s[i];
  }
  return out + "...";
}

}  // namespace

void PrintGrid(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
               std::ostream& out) {
  std::vector<size_t> widths(header.size());
  for (size_t c = 0; c < header.size(); ++c) widths[c] = DisplayWidth(header[c]);
  for (const auto& r : rows) {
    for (size_t c = 0; c < r.size() && c < widths.size(); ++c) widths[c] = std::max(widths[c], DisplayWidth(r[c]));
  }
  auto rule = [&] {
    out << '+';
    for (size_t w : widths) out << std::string(w + 2, '-') << '+';
    out << '\n';
  };
  auto line = [&](const std::vector<std::string>& cells) {
    out << '|';
    for (size_t c = 0; c < widths.size(); ++c) {
      const std::string cell = c < cells.size() ? cells[c] : "";
      out << ' ' << cell << std::string(widths[c] - DisplayWidth(cell), ' ') << " |";
    }
    out << '\n';
  };
  rule();
  line(header);
  rule();
  for (const auto& r : rows) line(r);
  rule();
}

arrow::Status WriteTable(const arrow::Table& table, OutputFormat format, std::ostream& out,
                         const std::string& output_path, int64_t max_rows) {
  ARROW_ASSIGN_OR_RAISE(auto combined, table.CombineChunks());
  switch (format) {
    case OutputFormat::kTable: {
      std::vector<std::string> header;
      for (const auto& f : table.schema()->fields()) header.push_back(f->name());
      std::vector<std::vector<std::string>> rows;
      int64_t n = max_rows >= 0 ? std::min(max_rows, combined->num_rows()) : combined->num_rows();
      for (int64_t r = 0; r < n; ++r) {
        std::vector<std::string> cells;
        for (int c = 0; c < combined->num_columns(); ++c) {
          const auto& chunks = combined->column(c)->chunks();
          cells.push_back(chunks.empty() ? "" : Truncate(CellText(*chunks[0], r), 40));
        }
        rows.push_back(std::move(cells));
      }
      PrintGrid(header, rows, out);
      if (n < combined->num_rows()) {
        out << "only showing top " << n << " of " << combined->num_rows() << " rows\n";
      } else {
        out << "(" << n << (n == 1 ? " row)\n" : " rows)\n");
      }
      return arrow::Status::OK();
    }
    case OutputFormat::kJson: {
      for (int64_t r = 0; r < combined->num_rows(); ++r) {
        json obj = json::object();
        for (int c = 0; c < combined->num_columns(); ++c) {
          obj[table.schema()->field(c)->name()] = CellToJson(*combined->column(c)->chunk(0), r);
        }
        out << obj.dump() << '\n';
      }
      return arrow::Status::OK();
    }
    case OutputFormat::kCsv: {
      // CSV has no nested values: maps, arrays and structs are written as their JSON text.
      for (int c = 0; c < combined->num_columns(); ++c) {
        const auto& type = *combined->schema()->field(c)->type();
        if (!arrow::is_nested(type.id())) continue;
        const auto& array = *combined->column(c)->chunk(0);
        arrow::StringBuilder text;
        for (int64_t r = 0; r < array.length(); ++r) {
          ARROW_RETURN_NOT_OK(array.IsNull(r) ? text.AppendNull() : text.Append(CellToJson(array, r).dump()));
        }
        ARROW_ASSIGN_OR_RAISE(auto strings, text.Finish());
        ARROW_ASSIGN_OR_RAISE(combined, combined->SetColumn(c, arrow::field(combined->schema()->field(c)->name(),
                                                                            arrow::utf8()),
                                                            std::make_shared<arrow::ChunkedArray>(strings)));
      }
      ARROW_ASSIGN_OR_RAISE(auto sink, arrow::io::BufferOutputStream::Create());
      ARROW_RETURN_NOT_OK(arrow::csv::WriteCSV(*combined, arrow::csv::WriteOptions::Defaults(), sink.get()));
      ARROW_ASSIGN_OR_RAISE(auto buf, sink->Finish());
      out << buf->ToString();
      return arrow::Status::OK();
    }
    case OutputFormat::kParquet: {
      if (output_path.empty()) {
        return UserError("INVALID_PARAMETER_VALUE", "--format parquet needs --output FILE");
      }
      ARROW_ASSIGN_OR_RAISE(auto file, arrow::io::FileOutputStream::Open(output_path));
      auto arrow_props = parquet::ArrowWriterProperties::Builder().store_schema()->build();
      ARROW_RETURN_NOT_OK(parquet::arrow::WriteTable(*combined, arrow::default_memory_pool(), file, 1 << 20,
                                                     parquet::default_writer_properties(), arrow_props));
      return file->Close();
    }
  }
  return arrow::Status::OK();
}

}  // namespace tarn::cli
