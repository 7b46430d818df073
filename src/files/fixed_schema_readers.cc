// Parquet (schema from the files' footers), text (one `value` row per line or per file) and
// binaryFile (path, modificationTime, length, content).
#include <arrow/api.h>
#include <arrow/compute/api.h>
#include <arrow/filesystem/api.h>
#include <parquet/arrow/reader.h>
#include <parquet/exception.h>

#include "errors/error_class.h"
#include "files/format_reader_internal.h"

namespace tarn::files {

namespace {

arrow::Result<std::shared_ptr<arrow::io::RandomAccessFile>> OpenFile(const InputFile& file) {
  std::string path;
  ARROW_ASSIGN_OR_RAISE(auto fs, arrow::fs::FileSystemFromUriOrPath(file.path, &path));
  return fs->OpenInputFile(path);
}

class ParquetReader : public FormatReader {
 public:
  ParquetReader(const ReaderSettings& s, size_t n) : s_(s), schemas_(n) {}

  arrow::Status Load(size_t index, const InputFile& file, bool infer) override {
    if (!infer) return arrow::Status::OK();
    ARROW_ASSIGN_OR_RAISE(auto input, OpenFile(file));
    ARROW_ASSIGN_OR_RAISE(auto reader, parquet::arrow::OpenFile(input, arrow::default_memory_pool()));
    return reader->GetSchema(&schemas_[index]);
  }

  arrow::Result<std::shared_ptr<arrow::Schema>> MergedSchema() const override {
    std::vector<std::shared_ptr<arrow::Schema>> present;
    for (const auto& s : schemas_) {
      if (s) present.push_back(s->WithMetadata(nullptr));
    }
    if (present.empty()) return arrow::schema({});
    arrow::Field::MergeOptions merge = arrow::Field::MergeOptions::Permissive();
    return arrow::UnifySchemas(present, merge);
  }

  arrow::Result<FileRows> Convert(size_t, const InputFile& file, const arrow::Schema& schema,
                                  const std::string&) override {
    ARROW_ASSIGN_OR_RAISE(auto input, OpenFile(file));
    ARROW_ASSIGN_OR_RAISE(auto reader, parquet::arrow::OpenFile(input, arrow::default_memory_pool()));
    ARROW_ASSIGN_OR_RAISE(std::shared_ptr<arrow::Table> table, reader->ReadTable());
    arrow::ChunkedArrayVector columns;
    for (const auto& field : schema.fields()) {
      std::shared_ptr<arrow::ChunkedArray> column;
      for (int i = 0; i < table->num_columns() && !column; ++i) {
        const std::string& name = table->schema()->field(i)->name();
        if (name.size() == field->name().size() &&
            std::equal(name.begin(), name.end(), field->name().begin(),
                       [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
          column = table->column(i);
        }
      }
      if (!column) {
        ARROW_ASSIGN_OR_RAISE(auto nulls, arrow::MakeArrayOfNull(field->type(), table->num_rows()));
        column = std::make_shared<arrow::ChunkedArray>(nulls);
      } else if (!column->type()->Equals(*field->type())) {
        auto cast = arrow::compute::Cast(column, field->type());
        if (!cast.ok()) {
          return UserError("MALFORMED_RECORD_IN_PARSING.CANNOT_PARSE_STRING_AS_DATATYPE",
                           "Cannot read column `{}` of {} as {}: {}", field->name(), file.path,
                           field->type()->ToString(), cast.status().message());
        }
        column = cast->chunked_array();
      }
      columns.push_back(column);
    }
    FileRows out;
    out.table = arrow::Table::Make(arrow::schema(schema.fields()), columns, table->num_rows());
    return out;
  }

 private:
  const ReaderSettings& s_;
  std::vector<std::shared_ptr<arrow::Schema>> schemas_;
};

class TextReader : public FormatReader {
 public:
  TextReader(const ReaderSettings& s, size_t) : s_(s) {}
  arrow::Status Load(size_t, const InputFile&, bool) override { return arrow::Status::OK(); }
  arrow::Result<std::shared_ptr<arrow::Schema>> MergedSchema() const override {
    return arrow::schema({arrow::field("value", arrow::utf8())});
  }
  arrow::Result<FileRows> Convert(size_t, const InputFile& file, const arrow::Schema& schema,
                                  const std::string&) override {
    ARROW_ASSIGN_OR_RAISE(auto buffer, ReadWholeFile(file));
    std::string_view text(reinterpret_cast<const char*>(buffer->data()), static_cast<size_t>(buffer->size()));
    arrow::StringBuilder b;
    if (s_.whole_text) {
      ARROW_RETURN_NOT_OK(b.Append(text));
    } else {
      size_t pos = 0;
      while (pos < text.size()) {
        size_t end, sep = 1;
        if (s_.line_sep.empty()) {
          end = text.find_first_of("\r\n", pos);
          if (end != std::string_view::npos && text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') sep = 2;
        } else {
          end = text.find(s_.line_sep, pos);
          sep = s_.line_sep.size();
        }
        if (end == std::string_view::npos) end = text.size();
        ARROW_RETURN_NOT_OK(b.Append(text.substr(pos, end - pos)));
        pos = end + sep;
      }
    }
    std::shared_ptr<arrow::Array> values;
    ARROW_RETURN_NOT_OK(b.Finish(&values));
    if (schema.num_fields() != 1 || schema.field(0)->type()->id() != arrow::Type::STRING) {
      return UserError("UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE",
                       "The text datasource reads one string column, but the schema is {}", schema.ToString());
    }
    FileRows out;
    out.table = arrow::Table::Make(arrow::schema(schema.fields()), {values});
    return out;
  }

 private:
  const ReaderSettings& s_;
};

class BinaryFileReader : public FormatReader {
 public:
  BinaryFileReader(const ReaderSettings&, size_t) {}
  arrow::Status Load(size_t, const InputFile&, bool) override { return arrow::Status::OK(); }
  arrow::Result<std::shared_ptr<arrow::Schema>> MergedSchema() const override {
    return arrow::schema({arrow::field("path", arrow::utf8()),
                          arrow::field("modificationTime", arrow::timestamp(arrow::TimeUnit::MICRO, "UTC")),
                          arrow::field("length", arrow::int64()), arrow::field("content", arrow::binary())});
  }
  arrow::Result<FileRows> Convert(size_t, const InputFile& file, const arrow::Schema& schema,
                                  const std::string&) override {
    ARROW_ASSIGN_OR_RAISE(auto expected, MergedSchema());
    if (!schema.Equals(*expected, false)) {
      return UserError("UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE",
                       "The binaryFile datasource has the fixed schema {}", expected->ToString());
    }
    ARROW_ASSIGN_OR_RAISE(auto buffer, ReadWholeFile(file));
    arrow::StringBuilder path;
    arrow::TimestampBuilder mtime(arrow::timestamp(arrow::TimeUnit::MICRO, "UTC"), arrow::default_memory_pool());
    arrow::Int64Builder length;
    arrow::BinaryBuilder content;
    ARROW_RETURN_NOT_OK(path.Append(file.path));
    ARROW_RETURN_NOT_OK(mtime.Append(file.modification_time_ms * 1000));
    ARROW_RETURN_NOT_OK(length.Append(buffer->size()));
    ARROW_RETURN_NOT_OK(content.Append(buffer->data(), buffer->size()));
    arrow::ArrayVector arrays(4);
    ARROW_RETURN_NOT_OK(path.Finish(&arrays[0]));
    ARROW_RETURN_NOT_OK(mtime.Finish(&arrays[1]));
    ARROW_RETURN_NOT_OK(length.Finish(&arrays[2]));
    ARROW_RETURN_NOT_OK(content.Finish(&arrays[3]));
    FileRows out;
    out.table = arrow::Table::Make(expected, arrays);
    return out;
  }
};

}  // namespace

std::unique_ptr<FormatReader> MakeParquetReader(const ReaderSettings& s, size_t n) {
  return std::make_unique<ParquetReader>(s, n);
}
std::unique_ptr<FormatReader> MakeTextReader(const ReaderSettings& s, size_t n) {
  return std::make_unique<TextReader>(s, n);
}
std::unique_ptr<FormatReader> MakeBinaryFileReader(const ReaderSettings& s, size_t n) {
  return std::make_unique<BinaryFileReader>(s, n);
}

}  // namespace tarn::files
