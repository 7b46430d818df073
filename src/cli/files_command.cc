#include "cli/files_command.h"

#include <fstream>
#include <iostream>
#include <memory>

#include <arrow/api.h>
#include <nlohmann/json.hpp>

#include "cli/table_output.h"
#include "errors/error_class.h"
#include "files/read_files.h"
#include "storage/delta/schema.h"

namespace tarn::cli {

namespace {

struct FilesArgs {
  std::string path, format = "csv", schema_json, schema_hints_json, output_format = "table", output;
  std::vector<std::string> options;
  bool metadata = false, metrics = false;
};

arrow::Result<files::ReadOptions> MakeOptions(const FilesArgs& a) {
  files::ReadOptions o;
  ARROW_ASSIGN_OR_RAISE(o.format, files::ParseFileFormat(a.format));
  for (const auto& item : a.options) {
    auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      return UserError("INVALID_PARAMETER_VALUE", "option '{}' is not key=value", item);
    }
    o.options[item.substr(0, eq)] = item.substr(eq + 1);
  }
  // Schemas come as Spark's StructType JSON (the form of Delta's schemaString).
  auto parse_schema = [](const std::string& text) -> arrow::Result<std::shared_ptr<arrow::Schema>> {
    auto parsed = nlohmann::json::parse(text, nullptr, false);
    if (parsed.is_discarded()) {
      return UserError("INVALID_SCHEMA.PARSE_ERROR", "The input schema {} is not a valid schema string.", text);
    }
    return delta::DeltaSchemaToArrow(parsed, delta::FieldNames::kLogical);
  };
  if (!a.schema_json.empty()) {
    ARROW_ASSIGN_OR_RAISE(o.schema, parse_schema(a.schema_json));
  }
  if (!a.schema_hints_json.empty()) {
    ARROW_ASSIGN_OR_RAISE(auto hints, parse_schema(a.schema_hints_json));
    o.schema_hints = hints->fields();
  }
  o.include_metadata = a.metadata;
  return o;
}

arrow::Status RunRead(const FilesArgs& a) {
  ARROW_ASSIGN_OR_RAISE(auto options, MakeOptions(a));
  ARROW_ASSIGN_OR_RAISE(auto files, files::ListInputFiles(a.path, options));
  if (a.output_format == "schema") {
    ARROW_ASSIGN_OR_RAISE(auto schema, files::InferSchema(files, options));
    ARROW_ASSIGN_OR_RAISE(auto delta_schema, delta::ArrowSchemaToDelta(*schema));
    std::cout << delta_schema.dump() << "\n";
    return arrow::Status::OK();
  }
  files::ReadMetrics metrics;
  ARROW_ASSIGN_OR_RAISE(auto table, files::ReadFiles(files, options, &metrics));
  ARROW_ASSIGN_OR_RAISE(auto format, ParseOutputFormat(a.output_format));
  const int64_t max_rows = format == OutputFormat::kTable ? 1000 : -1;
  if (!a.output.empty() && format != OutputFormat::kParquet) {
    std::ofstream file(a.output, std::ios::binary);
    if (!file) return arrow::Status::IOError("cannot open ", a.output, " for writing");
    ARROW_RETURN_NOT_OK(WriteTable(*table, format, file, a.output, max_rows));
    if (!file.flush()) return arrow::Status::IOError("cannot write ", a.output);
  } else {
    ARROW_RETURN_NOT_OK(WriteTable(*table, format, std::cout, a.output, max_rows));
  }
  if (a.metrics) {
    std::cerr << nlohmann::json{{"files", metrics.files},
                                {"rows", metrics.rows},
                                {"malformedRowsDropped", metrics.malformed_rows_dropped},
                                {"rescuedRows", metrics.rescued_rows}}
                     .dump()
              << "\n";
  }
  return arrow::Status::OK();
}

arrow::Status RunList(const FilesArgs& a) {
  ARROW_ASSIGN_OR_RAISE(auto options, MakeOptions(a));
  ARROW_ASSIGN_OR_RAISE(auto files, files::ListInputFiles(a.path, options));
  for (const auto& f : files) {
    std::cout << nlohmann::json{{"path", f.path}, {"size", f.size}, {"modificationTime", f.modification_time_ms}}.dump()
              << "\n";
  }
  return arrow::Status::OK();
}

void AddCommonOptions(CLI::App* cmd, FilesArgs* a) {
  cmd->add_option("path", a->path, "A file, a directory (read recursively) or a glob")->required();
  cmd->add_option("--format", a->format, "csv | json | parquet | text | binaryFile")->capture_default_str();
  cmd->add_option("--option", a->options, "Reader option key=value (header=true, sep=;, mode=FAILFAST, ...)");
}

}  // namespace

void RegisterFilesCommands(CLI::App& app, std::function<arrow::Status()>* run) {
  auto* files_cmd = app.add_subcommand("files", "Read files as Databricks read_files does");
  files_cmd->require_subcommand(1);

  auto r = std::make_shared<FilesArgs>();
  auto* read = files_cmd->add_subcommand("read", "Read files into rows (schema inferred unless given)");
  AddCommonOptions(read, r.get());
  read->add_option("--schema-json", r->schema_json, "Schema as Spark StructType JSON (default: inferred)");
  read->add_option("--schema-hints-json", r->schema_hints_json, "Type overrides as Spark StructType JSON");
  read->add_flag("--metadata", r->metadata, "Add the _metadata column (file path, name, size, time)");
  read->add_option("--output-format", r->output_format, "table | csv | json | parquet | schema")
      ->capture_default_str();
  read->add_option("--output", r->output, "Write the rows to this file (required for parquet)");
  read->add_flag("--metrics", r->metrics, "Print read metrics (files, rows, dropped, rescued) as JSON on stderr");
  read->callback([run, r] { *run = [r] { return RunRead(*r); }; });

  auto l = std::make_shared<FilesArgs>();
  auto* list = files_cmd->add_subcommand("list", "List the input files (path, size, modificationTime) as JSON lines");
  AddCommonOptions(list, l.get());
  list->callback([run, l] { *run = [l] { return RunList(*l); }; });
}

}  // namespace tarn::cli
