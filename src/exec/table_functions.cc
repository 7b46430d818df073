#include "exec/table_functions.h"

#include <arrow/api.h>
#include <arrow/compute/api.h>
#include <fmt/format.h>

#include "errors/error_class.h"
#include "exec/expression_lowering.h"
#include "exec/session_catalog.h"
#include "exec/table_sources.h"
#include "files/read_files.h"
#include "sql/plan/data_type.h"
#include "sql/plan/identifier.h"
#include "exec/table_commands.h"
#include "storage/delta/delta_table.h"
#include "storage/delta/value_parser.h"

namespace tarn::exec {

namespace {

using Arguments = std::vector<sql::RelationResolver::FunctionArgument>;

// The constant value of an argument (folded), or an error naming the function.
arrow::Result<std::shared_ptr<arrow::Scalar>> ConstantArgument(const TableFunctionContext& ctx,
                                                               const std::string& function,
                                                               const sql::RelationResolver::FunctionArgument& arg) {
  ExpressionLowering lowering(ctx.functions, ctx.bind, nullptr);
  ARROW_ASSIGN_OR_RAISE(auto folded, lowering.FoldConstants(arg.value));
  if (folded->kind != sql::ExprKind::kLiteral) {
    return UserError("NON_FOLDABLE_ARGUMENT",
                     "The function `{}` requires the parameter `{}` to be a foldable expression.", function,
                     arg.name.empty() ? std::string("value") : arg.name);
  }
  return folded->value;
}

arrow::Result<int64_t> IntegerArgument(const TableFunctionContext& ctx, const std::string& function,
                                       const sql::RelationResolver::FunctionArgument& arg) {
  ARROW_ASSIGN_OR_RAISE(auto value, ConstantArgument(ctx, function, arg));
  if (!value->is_valid || !arrow::is_integer(value->type->id())) {
    return UserError("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                     "The function `{}` requires integer arguments; got {}.", function, value->ToString());
  }
  ARROW_ASSIGN_OR_RAISE(auto as_long, value->CastTo(arrow::int64()));
  return std::static_pointer_cast<arrow::Int64Scalar>(as_long)->value;
}

arrow::Result<std::shared_ptr<const sql::TableSource>> Range(const TableFunctionContext& ctx, const Arguments& args) {
  if (args.empty() || args.size() > 4) {
    return UserError("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                     "The `range` requires [1, 2, 3, 4] parameters but the actual number is {}.", args.size());
  }
  int64_t start = 0, end = 0, step = 1;
  if (args.size() == 1) {
    ARROW_ASSIGN_OR_RAISE(end, IntegerArgument(ctx, "range", args[0]));
  } else {
    ARROW_ASSIGN_OR_RAISE(start, IntegerArgument(ctx, "range", args[0]));
    ARROW_ASSIGN_OR_RAISE(end, IntegerArgument(ctx, "range", args[1]));
    if (args.size() >= 3) {
      ARROW_ASSIGN_OR_RAISE(step, IntegerArgument(ctx, "range", args[2]));
    }
  }
  if (step == 0) return UserError("FAILED_FUNCTION_CALL", "Failed preparing of the function `range` for call: step cannot be 0.");
  arrow::Int64Builder builder;
  // Spark computes the count from the bounds, so an overflowing range simply stops.
  for (__int128 v = start; step > 0 ? v < end : v > end; v += step) {
    ARROW_RETURN_NOT_OK(builder.Append(static_cast<int64_t>(v)));
  }
  ARROW_ASSIGN_OR_RAISE(auto ids, builder.Finish());
  auto table = arrow::Table::Make(arrow::schema({arrow::field("id", arrow::int64(), false)}), {ids});
  return std::make_shared<InMemoryTableSource>("range", table);
}

// Spark's text of an option value: strings as they are, booleans as true / false.
arrow::Result<std::string> OptionText(const TableFunctionContext& ctx, const std::string& function,
                                      const sql::RelationResolver::FunctionArgument& arg) {
  ARROW_ASSIGN_OR_RAISE(auto value, ConstantArgument(ctx, function, arg));
  if (!value->is_valid) return std::string();
  if (value->type->id() == arrow::Type::STRING) return std::static_pointer_cast<arrow::StringScalar>(value)->ToString();
  return value->ToString();
}

// `schema => 'a INT, b STRING'`: Spark's DDL column list.
arrow::Result<std::vector<std::shared_ptr<arrow::Field>>> ParseColumnList(const std::string& ddl) {
  ARROW_ASSIGN_OR_RAISE(auto type, sql::ParseDataType("struct<" + ddl + ">"));
  return type->fields();
}

arrow::Result<std::shared_ptr<const sql::TableSource>> ReadFilesFunction(const TableFunctionContext& ctx,
                                                                         const Arguments& args) {
  if (args.empty() || !args[0].name.empty()) {
    return UserError("REQUIRED_PARAMETER_NOT_FOUND",
                     "Cannot invoke routine `read_files` because the parameter named `path` is required.");
  }
  ARROW_ASSIGN_OR_RAISE(auto path, OptionText(ctx, "read_files", args[0]));
  std::map<std::string, std::string> options;
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i].name.empty()) {
      return UserError("UNEXPECTED_POSITIONAL_ARGUMENT",
                       "Cannot invoke routine `read_files`: only the path is positional; options are named "
                       "(format => 'csv').");
    }
    ARROW_ASSIGN_OR_RAISE(options[args[i].name], OptionText(ctx, "read_files", args[i]));
  }
  ARROW_ASSIGN_OR_RAISE(auto resolved, ctx.catalog.ResolvePath(path));
  std::string format;
  auto it = options.find("format");
  if (it != options.end()) {
    format = sql::AsciiLower(it->second);
    options.erase(it);
  } else {
    // Databricks infers the format from the file extension when it is not given.
    for (std::string ext : {"csv", "json", "parquet", "txt"}) {
      if (sql::AsciiLower(path).size() > ext.size() + 1 &&
          sql::AsciiLower(path).compare(path.size() - ext.size() - 1, ext.size() + 1, "." + ext) == 0) {
        format = ext == "txt" ? "text" : ext;
      }
    }
    if (format.empty()) {
      return UserError("CF_INCORRECT_SQL_PARAMS",
                       "read_files needs format => 'csv' | 'json' | 'parquet' | 'text' | 'binaryFile' for {}.", path);
    }
  }
  return ReadFilesSource(resolved, format, options, /*defaults_of_read_files=*/true, ctx.with_metadata_column);
}

// 'catalog.schema.t' (backticks allowed) or 'delta.`/path`' as a table reference.
arrow::Result<sql::TableReference> TableNameArgument(const std::string& text) {
  sql::TableReference ref;
  std::vector<std::string> parts;
  std::string part;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '`') {
      if (quoted && i + 1 < text.size() && text[i + 1] == '`') {
        part += '`';
        ++i;
      } else {
        quoted = !quoted;
      }
    } else if (c == '.' && !quoted) {
      parts.push_back(std::move(part));
      part.clear();
    } else {
      part += c;
    }
  }
  parts.push_back(std::move(part));
  if (parts.size() == 2 && sql::AsciiLower(parts[0]) == "delta" && !parts[1].empty() && parts[1][0] == '/') {
    ref.format = "delta";
    ref.path = parts[1];
    return ref;
  }
  for (const auto& p : parts) {
    if (p.empty()) return UserError("INVALID_IDENTIFIER", "The table name '{}' is invalid.", text);
  }
  ref.name = std::move(parts);
  return ref;
}

// A version (integer) or a timestamp (text or timestamp value) bounding table_changes.
struct ChangeBound {
  std::optional<int64_t> version;
  std::optional<int64_t> timestamp_ms;
};

arrow::Result<ChangeBound> ChangeBoundArgument(const TableFunctionContext& ctx,
                                               const sql::RelationResolver::FunctionArgument& arg) {
  ARROW_ASSIGN_OR_RAISE(auto value, ConstantArgument(ctx, "table_changes", arg));
  ChangeBound bound;
  if (value->is_valid && arrow::is_integer(value->type->id())) {
    ARROW_ASSIGN_OR_RAISE(auto as_long, value->CastTo(arrow::int64()));
    bound.version = std::static_pointer_cast<arrow::Int64Scalar>(as_long)->value;
  } else if (value->is_valid && value->type->id() == arrow::Type::TIMESTAMP) {
    bound.timestamp_ms = std::static_pointer_cast<arrow::TimestampScalar>(value)->value / 1000;
  } else if (value->is_valid && value->type->id() == arrow::Type::STRING) {
    ARROW_ASSIGN_OR_RAISE(int64_t micros,
                          delta::ParseTimestampMicros(std::static_pointer_cast<arrow::StringScalar>(value)->ToString()));
    bound.timestamp_ms = micros / 1000;
  } else {
    return UserError("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                     "table_changes takes a version (integer) or a timestamp as its bounds; got {}.", value->ToString());
  }
  return bound;
}

arrow::Result<std::shared_ptr<const sql::TableSource>> TableChanges(const TableFunctionContext& ctx,
                                                                    const Arguments& args) {
  if (args.size() < 2 || args.size() > 3) {
    return UserError("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                     "The `table_changes` requires [2, 3] parameters but the actual number is {}.", args.size());
  }
  ARROW_ASSIGN_OR_RAISE(auto name, OptionText(ctx, "table_changes", args[0]));
  ARROW_ASSIGN_OR_RAISE(auto ref, TableNameArgument(name));
  ARROW_ASSIGN_OR_RAISE(auto target, ctx.catalog.ResolveTarget(ref));
  ARROW_ASSIGN_OR_RAISE(auto table, delta::DeltaTable::Open(target.location));
  if (!table.Exists()) return DeltaTableNotFound(target);
  ARROW_ASSIGN_OR_RAISE(auto start, ChangeBoundArgument(ctx, args[1]));
  ChangeBound end;
  if (args.size() == 3) {
    ARROW_ASSIGN_OR_RAISE(end, ChangeBoundArgument(ctx, args[2]));
  }
  std::shared_ptr<arrow::Table> changes;
  if (start.version) {
    std::optional<int64_t> end_version = end.version;
    if (end.timestamp_ms) {
      ARROW_ASSIGN_OR_RAISE(auto snapshot, table.LoadSnapshotAsOf(*end.timestamp_ms));
      end_version = snapshot->version();
    }
    ARROW_ASSIGN_OR_RAISE(changes, table.ReadChanges(*start.version, end_version));
  } else {
    ARROW_ASSIGN_OR_RAISE(changes, table.ReadChangesByTimestamp(*start.timestamp_ms, end.timestamp_ms));
    if (end.version) {
      // Keep the versions up to the given one.
      ARROW_ASSIGN_OR_RAISE(auto filtered,
                            arrow::compute::CallFunction(
                                "less_equal", {changes->GetColumnByName("_commit_version"),
                                               arrow::Datum(std::make_shared<arrow::Int64Scalar>(*end.version))}));
      ARROW_ASSIGN_OR_RAISE(auto kept, arrow::compute::Filter(changes, filtered));
      changes = kept.table();
    }
  }
  return std::make_shared<InMemoryTableSource>("table_changes", changes);
}

}  // namespace

arrow::Result<std::shared_ptr<const sql::TableSource>> CallTableFunction(const TableFunctionContext& ctx,
                                                                         const std::string& name,
                                                                         const Arguments& arguments) {
  if (name == "range") return Range(ctx, arguments);
  if (name == "read_files") return ReadFilesFunction(ctx, arguments);
  if (name == "table_changes") return TableChanges(ctx, arguments);
  return UserError("UNRESOLVABLE_TABLE_VALUED_FUNCTION",
                   "Could not resolve `{}` to a table-valued function. Please make sure that `{}` is defined as a "
                   "table-valued function and that all required parameters are provided correctly.",
                   name, name);
}

arrow::Result<std::shared_ptr<const sql::TableSource>> ReadFilesSource(const std::string& path,
                                                                       const std::string& format,
                                                                       const std::map<std::string, std::string>& options,
                                                                       bool defaults_of_read_files,
                                                                       bool with_metadata_column) {
  files::ReadOptions read;
  read.include_metadata = with_metadata_column;
  ARROW_ASSIGN_OR_RAISE(read.format, files::ParseFileFormat(format));
  for (const auto& [k, v] : options) {
    const std::string key = sql::AsciiLower(k);
    if (key == "schema") {
      ARROW_ASSIGN_OR_RAISE(auto fields, ParseColumnList(v));
      read.schema = arrow::schema(fields);
    } else if (key == "schemahints") {
      ARROW_ASSIGN_OR_RAISE(read.schema_hints, ParseColumnList(v));
    } else {
      read.options[k] = v;
    }
  }
  // csv.`path` reads as Spark's DataFrameReader: strings, no inference.
  if (!defaults_of_read_files && !read.options.count("inferColumnTypes")) read.options["inferColumnTypes"] = "false";
  ARROW_ASSIGN_OR_RAISE(auto table, files::ReadPath(path, read));
  if (with_metadata_column) {
    // `_metadata` is selectable by name but not part of `*`, as in Spark.
    const int index = table->schema()->GetFieldIndex("_metadata");
    if (index >= 0) {
      auto field = table->schema()->field(index)->WithMergedMetadata(
          arrow::key_value_metadata({sql::kHiddenColumnKey}, {"true"}));
      ARROW_ASSIGN_OR_RAISE(table, table->SetColumn(index, field, table->column(index)));
    }
  }
  return std::make_shared<InMemoryTableSource>(path, table);
}

}  // namespace tarn::exec
