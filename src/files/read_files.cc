// ReadFiles / InferSchema: parse files in parallel, merge schemas, convert, add _metadata.
#include "files/read_files.h"

#include <cctype>

#include <arrow/io/file.h>
#include <arrow/api.h>
#include <arrow/filesystem/api.h>
#include <arrow/util/parallel.h>
#include <fmt/format.h>

#include "errors/error_class.h"
#include "files/format_reader_internal.h"
#include "files/reader_settings_internal.h"

namespace tarn::files {

namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::unique_ptr<FormatReader> MakeReader(const ReaderSettings& s, size_t n) {
  switch (s.format) {
    case FileFormat::kCsv: return MakeCsvReader(s, n);
    case FileFormat::kJson: return MakeJsonReader(s, n);
    case FileFormat::kParquet: return MakeParquetReader(s, n);
    case FileFormat::kText: return MakeTextReader(s, n);
    case FileFormat::kBinaryFile: return MakeBinaryFileReader(s, n);
  }
  return MakeCsvReader(s, n);
}

bool HasRescue(FileFormat f) { return f == FileFormat::kCsv || f == FileFormat::kJson; }

std::shared_ptr<arrow::DataType> MetadataType() {
  return arrow::struct_({arrow::field("file_path", arrow::utf8()), arrow::field("file_name", arrow::utf8()),
                         arrow::field("file_size", arrow::int64()), arrow::field("file_block_start", arrow::int64()),
                         arrow::field("file_block_length", arrow::int64()),
                         arrow::field("file_modification_time", arrow::timestamp(arrow::TimeUnit::MICRO, "UTC"))});
}

// A local path as Spark prints _metadata.file_path: a `file:` URI, with the characters a URI
// cannot hold percent-encoded.
std::string FilePathUri(const std::string& path) {
  if (path.empty() || path[0] != '/') return path;  // already a URI (another filesystem)
  std::string uri = "file:";
  for (unsigned char c : path) {
    if (std::isalnum(c) || std::string_view("/-._~!$&'()*+,;=:@").find(static_cast<char>(c)) != std::string_view::npos) {
      uri += static_cast<char>(c);
    } else {
      uri += fmt::format("%{:02X}", c);
    }
  }
  return uri;
}

arrow::Result<std::shared_ptr<arrow::Array>> MetadataColumn(const InputFile& file, int64_t rows) {
  size_t slash = file.path.rfind('/');
  std::string name = slash == std::string::npos ? file.path : file.path.substr(slash + 1);
  arrow::ScalarVector values = {
      std::make_shared<arrow::StringScalar>(FilePathUri(file.path)),
      std::make_shared<arrow::StringScalar>(name),
      std::make_shared<arrow::Int64Scalar>(file.size),
      std::make_shared<arrow::Int64Scalar>(0),
      std::make_shared<arrow::Int64Scalar>(file.size),
      std::make_shared<arrow::TimestampScalar>(file.modification_time_ms * 1000,
                                               arrow::timestamp(arrow::TimeUnit::MICRO, "UTC"))};
  auto scalar = std::make_shared<arrow::StructScalar>(values, MetadataType());
  return arrow::MakeArrayFromScalar(*scalar, rows);
}

// The data schema (inferred + hints, or given) and the rescued-data column name ("" = none).
struct ResolvedSchema {
  std::shared_ptr<arrow::Schema> data;
  std::string rescue_column;
};

arrow::Result<ResolvedSchema> Resolve(FormatReader& reader, const std::vector<InputFile>& files,
                                      const ReadOptions& options, const ReaderSettings& settings) {
  bool infer = options.schema == nullptr;
  ARROW_RETURN_NOT_OK(arrow::internal::ParallelFor(static_cast<int>(files.size()), [&](int i) {
    return reader.Load(static_cast<size_t>(i), files[static_cast<size_t>(i)], infer);
  }));
  ResolvedSchema out;
  if (infer) {
    ARROW_ASSIGN_OR_RAISE(out.data, reader.MergedSchema());
    for (const auto& hint : options.schema_hints) {
      int index = -1;
      for (int i = 0; i < out.data->num_fields(); ++i) {
        if (EqualsIgnoreCase(out.data->field(i)->name(), hint->name())) index = i;
      }
      if (index >= 0) {
        ARROW_ASSIGN_OR_RAISE(out.data, out.data->SetField(index, out.data->field(index)->WithType(hint->type())));
      } else {
        ARROW_ASSIGN_OR_RAISE(out.data, out.data->AddField(out.data->num_fields(), hint));
      }
    }
  } else {
    out.data = options.schema;
  }
  if (HasRescue(settings.format) && !settings.rescued_data_column.empty() &&
      (infer || settings.rescued_data_column_given ||
       options.schema->GetFieldIndex(settings.rescued_data_column) >= 0)) {
    out.rescue_column = settings.rescued_data_column;
    int existing = out.data->GetFieldIndex(out.rescue_column);
    if (existing >= 0) {
      ARROW_ASSIGN_OR_RAISE(out.data, out.data->RemoveField(existing));
    }
  }
  return out;
}

arrow::Result<std::shared_ptr<arrow::Schema>> WithExtraColumns(const ResolvedSchema& r, bool metadata) {
  arrow::FieldVector fields = r.data->fields();
  if (!r.rescue_column.empty()) fields.push_back(arrow::field(r.rescue_column, arrow::utf8()));
  if (metadata) fields.push_back(arrow::field("_metadata", MetadataType(), false));
  return arrow::schema(fields);
}

}  // namespace

bool CaseInsensitiveLess::operator()(std::string_view a, std::string_view b) const {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) < std::tolower(static_cast<unsigned char>(y));
  });
}

arrow::Result<FileFormat> ParseFileFormat(std::string_view name) {
  if (EqualsIgnoreCase(name, "csv")) return FileFormat::kCsv;
  if (EqualsIgnoreCase(name, "json")) return FileFormat::kJson;
  if (EqualsIgnoreCase(name, "parquet")) return FileFormat::kParquet;
  if (EqualsIgnoreCase(name, "text")) return FileFormat::kText;
  if (EqualsIgnoreCase(name, "binaryFile")) return FileFormat::kBinaryFile;
  return UserError("DATA_SOURCE_NOT_FOUND",
                   "Failed to find the data source: {}. Supported: csv, json, parquet, text, binaryFile.", name);
}

std::string_view FileFormatName(FileFormat format) {
  switch (format) {
    case FileFormat::kCsv: return "csv";
    case FileFormat::kJson: return "json";
    case FileFormat::kParquet: return "parquet";
    case FileFormat::kText: return "text";
    case FileFormat::kBinaryFile: return "binaryFile";
  }
  return "csv";
}

arrow::Result<std::shared_ptr<arrow::Buffer>> ReadWholeFile(const InputFile& file) {
  std::string path;
  ARROW_ASSIGN_OR_RAISE(auto fs, arrow::fs::FileSystemFromUriOrPath(file.path, &path));
  if (fs->type_name() == "local" && file.size > 0) {
    // Mapped, not copied: the parsers read the bytes in place, and no buffer is allocated and
    // zeroed for them (page zeroing dominated loading many small files).
    auto mapped = arrow::io::MemoryMappedFile::Open(path, arrow::io::FileMode::READ);
    if (mapped.ok()) {
      ARROW_ASSIGN_OR_RAISE(int64_t size, (*mapped)->GetSize());
      return (*mapped)->ReadAt(0, size);
    }
  }
  auto input = fs->OpenInputFile(path);
  if (!input.ok()) {
    if (input.status().IsIOError() || input.status().IsKeyError()) {
      return UserError("PATH_NOT_FOUND", "Path does not exist: {}.", file.path);
    }
    return input.status();
  }
  ARROW_ASSIGN_OR_RAISE(int64_t size, (*input)->GetSize());
  return (*input)->ReadAt(0, size);
}

arrow::Status MalformedRecordError(const ReaderSettings& settings, const InputFile& file, int64_t line,
                                   const std::string& detail) {
  return UserError("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION",
                   "Malformed records are detected in record parsing: {} (file {}, line {}). Parse Mode: {}. "
                   "To process malformed records as null result, try setting the option 'mode' as "
                   "'PERMISSIVE'.",
                   detail, file.path, line, ParseModeName(settings.mode));
}

arrow::Result<std::shared_ptr<arrow::Schema>> InferSchema(const std::vector<InputFile>& files,
                                                          const ReadOptions& options) {
  ARROW_ASSIGN_OR_RAISE(auto settings, MakeReaderSettings(options));
  auto reader = MakeReader(settings, files.size());
  ReadOptions infer_options = options;
  infer_options.schema = nullptr;
  ARROW_ASSIGN_OR_RAISE(auto resolved, Resolve(*reader, files, infer_options, settings));
  return WithExtraColumns(resolved, options.include_metadata);
}

arrow::Result<std::shared_ptr<arrow::Table>> ReadFiles(const std::vector<InputFile>& files,
                                                       const ReadOptions& options, ReadMetrics* metrics) {
  ARROW_ASSIGN_OR_RAISE(auto settings, MakeReaderSettings(options));
  auto reader = MakeReader(settings, files.size());
  ARROW_ASSIGN_OR_RAISE(auto resolved, Resolve(*reader, files, options, settings));
  ARROW_ASSIGN_OR_RAISE(auto final_schema, WithExtraColumns(resolved, options.include_metadata));
  std::vector<FileRows> parts(files.size());
  ARROW_RETURN_NOT_OK(arrow::internal::ParallelFor(static_cast<int>(files.size()), [&](int i) -> arrow::Status {
    size_t index = static_cast<size_t>(i);
    ARROW_ASSIGN_OR_RAISE(parts[index], reader->Convert(index, files[index], *resolved.data, resolved.rescue_column));
    if (options.include_metadata) {
      auto& table = parts[index].table;
      ARROW_ASSIGN_OR_RAISE(auto column, MetadataColumn(files[index], table->num_rows()));
      ARROW_ASSIGN_OR_RAISE(table, table->AddColumn(table->num_columns(), final_schema->fields().back(),
                                                    std::make_shared<arrow::ChunkedArray>(column)));
    }
    return arrow::Status::OK();
  }));
  std::vector<std::shared_ptr<arrow::Table>> tables;
  ReadMetrics m;
  m.files = static_cast<int64_t>(files.size());
  for (auto& part : parts) {
    m.malformed_rows_dropped += part.malformed_rows_dropped;
    m.rescued_rows += part.rescued_rows;
    m.rows += part.table->num_rows();
    tables.push_back(std::move(part.table));
  }
  if (metrics) *metrics = m;
  if (tables.empty()) return arrow::Table::MakeEmpty(final_schema);
  return arrow::ConcatenateTables(tables);
}

arrow::Result<std::shared_ptr<arrow::Table>> ReadPath(const std::string& path_or_glob, const ReadOptions& options,
                                                      ReadMetrics* metrics) {
  ARROW_ASSIGN_OR_RAISE(auto files, ListInputFiles(path_or_glob, options));
  return ReadFiles(files, options, metrics);
}

}  // namespace tarn::files
