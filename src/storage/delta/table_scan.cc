#include "storage/delta/table_scan.h"
#include "storage/delta/parquet_reader.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include <arrow/api.h>
#include <arrow/compute/api.h>
#include <arrow/io/memory.h>
#include <parquet/arrow/reader.h>
#include <parquet/arrow/schema.h>

#include "errors/error_class.h"
#include "storage/delta/data_skipping.h"
#include "storage/delta/deletion_vector.h"
#include "storage/delta/partition_path.h"
#include "storage/delta/row_changes.h"
#include "storage/delta/table_scan_internal.h"
#include "storage/delta/value_parser.h"

namespace tarn::delta {

using nlohmann::json;

namespace {

void CollectLeaves(const parquet::arrow::SchemaField& field, std::vector<int>* out) {
  if (field.column_index >= 0) out->push_back(field.column_index);
  for (const auto& child : field.children) CollectLeaves(child, out);
}

int FieldId(const arrow::Field& f) {
  if (!f.metadata()) return -1;
  auto v = f.metadata()->Get("PARQUET:field_id");
  if (!v.ok()) return -1;
  try {
    return std::stoi(*v);
  } catch (...) {
    return -1;
  }
}

// Makes `array` (as stored in a file) an array of `logical` type. `physical` names the nested
// fields as the file does (column mapping), so struct children are matched by those names;
// fields the file lacks (added later by schema evolution) become nulls.
arrow::Result<std::shared_ptr<arrow::Array>> Conform(const std::shared_ptr<arrow::Array>& array,
                                                     const std::shared_ptr<arrow::DataType>& physical,
                                                     const std::shared_ptr<arrow::DataType>& logical) {
  if (array->type()->Equals(*logical)) return array;
  if (logical->id() == arrow::Type::STRUCT) {
    if (array->type_id() != arrow::Type::STRUCT) {
      return UserError("DELTA_FAILED_TO_READ_FILE", "a file stores {} where the table has {}",
                       array->type()->ToString(), logical->ToString());
    }
    const auto& data = array->data();
    const int64_t full_length = data->offset + data->length;
    arrow::ArrayVector children;
    std::vector<std::string> names;
    for (int i = 0; i < logical->num_fields(); ++i) {
      const auto& want_phys = physical->field(i);
      int found = static_cast<const arrow::StructType&>(*array->type()).GetFieldIndex(want_phys->name());
      if (found < 0) {
        for (int j = 0; j < array->type()->num_fields(); ++j) {
          if (LowerCaseName(array->type()->field(j)->name()) == LowerCaseName(want_phys->name())) found = j;
        }
      }
      std::shared_ptr<arrow::Array> child;
      if (found >= 0) {
        ARROW_ASSIGN_OR_RAISE(child, Conform(arrow::MakeArray(data->child_data[found]),
                                             want_phys->type(), logical->field(i)->type()));
      } else {
        ARROW_ASSIGN_OR_RAISE(child, arrow::MakeArrayOfNull(logical->field(i)->type(), full_length));
      }
      children.push_back(child);
      names.push_back(logical->field(i)->name());
    }
    auto out = std::make_shared<arrow::StructArray>(logical, data->length, children,
                                                    data->buffers[0], data->null_count, data->offset);
    return out;
  }
  if (logical->id() == arrow::Type::LIST && array->type_id() == arrow::Type::LIST) {
    const auto& list = static_cast<const arrow::ListArray&>(*array);
    ARROW_ASSIGN_OR_RAISE(auto values, Conform(list.values(), physical->field(0)->type(),
                                               logical->field(0)->type()));
    return std::make_shared<arrow::ListArray>(logical, list.length(), list.value_offsets(), values,
                                              list.null_bitmap(), list.data()->null_count, list.offset());
  }
  arrow::compute::CastOptions opts = arrow::compute::CastOptions::Safe(logical);
  opts.allow_time_truncate = true;  // nanosecond files (INT96) into microsecond columns
  ARROW_ASSIGN_OR_RAISE(auto cast, arrow::compute::Cast(*array, logical, opts));
  return cast;
}

arrow::Result<std::shared_ptr<arrow::ChunkedArray>> ConformChunked(
    const std::shared_ptr<arrow::ChunkedArray>& column, const std::shared_ptr<arrow::DataType>& physical,
    const std::shared_ptr<arrow::DataType>& logical) {
  arrow::ArrayVector chunks;
  for (const auto& c : column->chunks()) {
    ARROW_ASSIGN_OR_RAISE(auto conformed, Conform(c, physical, logical));
    chunks.push_back(conformed);
  }
  return std::make_shared<arrow::ChunkedArray>(chunks, logical);
}

bool IsDictionary(const arrow::DataType& type) { return type.id() == arrow::Type::DICTIONARY; }

void SplitConjuncts(const PredicatePtr& p, std::vector<PredicatePtr>* out) {
  if (p->op == Predicate::Op::kAnd) {
    for (const auto& a : p->args) SplitConjuncts(a, out);
    return;
  }
  out->push_back(p);
}

// Whether a NULL input may make `p` true (IS NULL, <=>, or under NOT / OR).
bool NullSensitive(const Predicate& p) {
  using Op = Predicate::Op;
  if (p.op == Op::kIsNull || p.op == Op::kNullSafeEq || p.op == Op::kNot || p.op == Op::kOr) return true;
  for (const auto& a : p.args) {
    if (NullSensitive(*a)) return true;
  }
  return false;
}

// The batch with its dictionary columns decoded to their value types.
arrow::Result<std::shared_ptr<arrow::RecordBatch>> DecodeDictionaries(const std::shared_ptr<arrow::RecordBatch>& batch) {
  arrow::FieldVector fields;
  arrow::ArrayVector columns;
  for (int i = 0; i < batch->num_columns(); ++i) {
    auto column = batch->column(i);
    auto field = batch->schema()->field(i);
    if (IsDictionary(*column->type())) {
      auto value_type = static_cast<const arrow::DictionaryType&>(*column->type()).value_type();
      ARROW_ASSIGN_OR_RAISE(auto decoded, arrow::compute::Cast(*column, value_type));
      column = decoded;
      field = field->WithType(value_type);
    }
    fields.push_back(field);
    columns.push_back(column);
  }
  return arrow::RecordBatch::Make(arrow::schema(fields), batch->num_rows(), columns);
}

// Which rows of `batch` satisfy `conjunct` when it reads one dictionary-encoded column: it is
// evaluated once per distinct value and spread over the rows by their indices. nullopt when the
// conjunct is of another shape.
arrow::Result<std::optional<arrow::Datum>> DictionaryMask(const Predicate& conjunct,
                                                          const std::shared_ptr<arrow::RecordBatch>& batch) {
  const std::vector<std::string> columns = ReferencedColumns(conjunct);
  if (columns.size() != 1) return std::nullopt;
  int index = -1;
  for (int i = 0; i < batch->num_columns(); ++i) {
    if (LowerCaseName(batch->schema()->field(i)->name()) == columns[0]) index = i;
  }
  if (index < 0 || !IsDictionary(*batch->column(index)->type())) return std::nullopt;
  const auto& dictionary_array = static_cast<const arrow::DictionaryArray&>(*batch->column(index));
  // A NULL row has a NULL index, which take() turns into a NULL (dropped) mask entry: right for
  // every predicate unless a NULL can make it true.
  if (NullSensitive(conjunct) && dictionary_array.null_count() > 0) return std::nullopt;
  auto values = dictionary_array.dictionary();
  auto schema = arrow::schema({batch->schema()->field(index)->WithType(values->type())});
  ARROW_ASSIGN_OR_RAISE(auto expr, ToArrowExpression(conjunct, *schema));
  ARROW_ASSIGN_OR_RAISE(expr, expr.Bind(*schema));
  auto values_batch = arrow::RecordBatch::Make(schema, values->length(), {values});
  ARROW_ASSIGN_OR_RAISE(auto per_value,
                        arrow::compute::ExecuteScalarExpression(expr, arrow::compute::ExecBatch(*values_batch)));
  if (per_value.is_scalar()) {
    ARROW_ASSIGN_OR_RAISE(auto broadcast, arrow::MakeArrayFromScalar(*per_value.scalar(), values->length()));
    per_value = broadcast;
  }
  ARROW_ASSIGN_OR_RAISE(auto mask, arrow::compute::Take(per_value, dictionary_array.indices()));
  return mask;
}

// The rows satisfying `filter`, with dictionary columns decoded. Conjuncts over one dictionary
// column filter first; the rest are evaluated together on what they leave, so strings are only
// built for rows that can still be kept.
arrow::Result<std::shared_ptr<arrow::Table>> ApplyFilter(const std::shared_ptr<arrow::Table>& table,
                                                         const PredicatePtr& filter,
                                                         const std::shared_ptr<arrow::Schema>& decoded_schema) {
  std::vector<PredicatePtr> conjuncts;
  SplitConjuncts(filter, &conjuncts);
  arrow::TableBatchReader reader(*table);
  arrow::RecordBatchVector out;
  std::shared_ptr<arrow::RecordBatch> batch;
  while (true) {
    ARROW_RETURN_NOT_OK(reader.ReadNext(&batch));
    if (!batch) break;
    std::optional<arrow::Datum> mask;
    std::vector<PredicatePtr> rest;
    for (const auto& c : conjuncts) {
      ARROW_ASSIGN_OR_RAISE(auto m, DictionaryMask(*c, batch));
      if (!m) {
        rest.push_back(c);
      } else if (mask) {
        ARROW_ASSIGN_OR_RAISE(mask, arrow::compute::And(*mask, *m));
      } else {
        mask = std::move(m);
      }
    }
    if (mask) {
      ARROW_ASSIGN_OR_RAISE(auto filtered, arrow::compute::Filter(batch, *mask));
      batch = filtered.record_batch();
    }
    if (!rest.empty() && batch->num_rows() > 0) {
      auto rest_filter = And(rest);
      bool reads_dictionary = false;
      for (const auto& name : ReferencedColumns(*rest_filter)) {
        for (const auto& f : batch->schema()->fields()) {
          reads_dictionary |= IsDictionary(*f->type()) && LowerCaseName(f->name()) == name;
        }
      }
      if (reads_dictionary) {
        ARROW_ASSIGN_OR_RAISE(batch, DecodeDictionaries(batch));
      }
      ARROW_ASSIGN_OR_RAISE(auto expr, ToArrowExpression(*rest_filter, *batch->schema()));
      ARROW_ASSIGN_OR_RAISE(expr, expr.Bind(*batch->schema()));
      ARROW_ASSIGN_OR_RAISE(auto keep, arrow::compute::ExecuteScalarExpression(expr, arrow::compute::ExecBatch(*batch)));
      ARROW_ASSIGN_OR_RAISE(auto filtered, arrow::compute::Filter(batch, keep));
      batch = filtered.record_batch();
    }
    ARROW_ASSIGN_OR_RAISE(batch, DecodeDictionaries(batch));
    out.push_back(batch);
  }
  return arrow::Table::FromRecordBatches(decoded_schema, out);
}

}  // namespace

std::string ResolveDataPath(const std::string& table_root, const std::string& action_path) {
  if (action_path.rfind("file:", 0) == 0) {
    std::string p = action_path.substr(5);
    while (p.rfind("//", 0) == 0) p = p.substr(1);
    return DecodePathUri(p);
  }
  if (!action_path.empty() && action_path[0] == '/') return DecodePathUri(action_path);
  return table_root + "/" + DecodePathUri(action_path);
}

arrow::Result<std::vector<uint64_t>> LoadDeletionVector(const TableStorage& storage,
                                                        const DeletionVectorDescriptor& dv) {
  std::string contents;
  if (dv.storage_type != "i") {
    ARROW_ASSIGN_OR_RAISE(auto location, DeletionVectorFileLocation(dv, storage.root()));
    ARROW_ASSIGN_OR_RAISE(auto buf, storage.Read(ResolveDataPath(storage.root(), location)));
    contents = buf->ToString();
  }
  return DecodeDeletionVector(dv, contents);
}

arrow::Result<int64_t> PhysicalRowCount(const TableStorage& storage, const AddFile& file) {
  ARROW_ASSIGN_OR_RAISE(auto input,
                        storage.filesystem()->OpenInputFile(ResolveDataPath(storage.root(), file.path)));
  ARROW_ASSIGN_OR_RAISE(auto reader, OpenParquetReader(input));
  return reader->parquet_reader()->metadata()->num_rows();
}

arrow::Result<std::shared_ptr<arrow::Table>> TableScan::ReadFile(const Snapshot& snapshot,
                                                                 const AddFile& file,
                                                                 const std::vector<std::string>& columns) {
  FileReadOptions options;
  options.columns = columns;
  return ReadDataFile(snapshot, file, options);
}

arrow::Result<std::shared_ptr<arrow::Table>> ReadDataFile(const Snapshot& snapshot, const AddFile& file,
                                                          const FileReadOptions& options) {
  const auto& columns = options.columns;
  const auto& storage = *snapshot.storage();
  const std::string path = ResolveDataPath(storage.root(), file.path);
  ARROW_ASSIGN_OR_RAISE(auto input, storage.filesystem()->OpenInputFile(path));

  ARROW_ASSIGN_OR_RAISE(auto reader, OpenParquetReader(input, options.strings_as_dictionary));
  std::shared_ptr<arrow::Schema> file_schema;
  ARROW_RETURN_NOT_OK(reader->GetSchema(&file_schema));

  ARROW_ASSIGN_OR_RAISE(auto physical_schema, DeltaSchemaToArrow(snapshot.schema(), FieldNames::kPhysical));
  const auto& logical_schema = *snapshot.arrow_schema();
  const auto& partition_cols = snapshot.metadata().partition_columns;
  bool by_id = snapshot.column_mapping() == ColumnMappingMode::kId;

  // Which logical columns, and where each lives in the file.
  std::vector<int> wanted;
  if (columns.empty()) {
    for (int i = 0; i < logical_schema.num_fields(); ++i) wanted.push_back(i);
  } else {
    for (const auto& c : columns) {
      int idx = -1;
      for (int i = 0; i < logical_schema.num_fields(); ++i) {
        if (LowerCaseName(logical_schema.field(i)->name()) == LowerCaseName(c)) idx = i;
      }
      if (idx < 0) {
        return UserError("UNRESOLVED_COLUMN.WITH_SUGGESTION",
                         "A column with name `{}` cannot be resolved.", c);
      }
      wanted.push_back(idx);
    }
  }
  std::vector<int> file_index(wanted.size(), -1);
  std::vector<int> leaves;
  std::vector<int> file_fields_read;
  auto read_field = [&](int found) {
    if (std::find(file_fields_read.begin(), file_fields_read.end(), found) == file_fields_read.end()) {
      file_fields_read.push_back(found);
      CollectLeaves(reader->manifest().schema_fields[found], &leaves);
    }
  };
  for (size_t k = 0; k < wanted.size(); ++k) {
    const auto& logical_field = logical_schema.field(wanted[k]);
    if (std::find(partition_cols.begin(), partition_cols.end(), logical_field->name()) != partition_cols.end()) {
      continue;
    }
    const auto& phys = physical_schema->field(wanted[k]);
    int found = -1;
    if (by_id) {
      int id = FieldId(*phys);
      for (int j = 0; j < file_schema->num_fields() && id >= 0; ++j) {
        if (FieldId(*file_schema->field(j)) == id) found = j;
      }
    }
    if (found < 0) found = file_schema->GetFieldIndex(phys->name());
    if (found < 0) {
      for (int j = 0; j < file_schema->num_fields(); ++j) {
        if (LowerCaseName(file_schema->field(j)->name()) == LowerCaseName(phys->name())) found = j;
      }
    }
    if (found >= 0) {
      file_index[k] = found;
      read_field(found);
    }
  }
  std::vector<int> extra_index;
  for (const auto& extra : options.extra_columns) {
    int found = file_schema->GetFieldIndex(extra->name());
    extra_index.push_back(found);
    if (found >= 0) read_field(found);
  }
  std::sort(leaves.begin(), leaves.end());
  std::shared_ptr<arrow::Table> raw;
  int64_t num_rows = reader->parquet_reader()->metadata()->num_rows();
  if (!leaves.empty()) {
    ARROW_ASSIGN_OR_RAISE(raw, reader->ReadTable(leaves));
    num_rows = raw->num_rows();
  }

  arrow::FieldVector out_fields;
  arrow::ChunkedArrayVector out_columns;
  for (size_t k = 0; k < wanted.size(); ++k) {
    const auto& logical_field = logical_schema.field(wanted[k]);
    out_fields.push_back(logical_field);
    bool is_partition = std::find(partition_cols.begin(), partition_cols.end(), logical_field->name()) !=
                        partition_cols.end();
    if (is_partition) {
      std::string key = snapshot.column_mapping() == ColumnMappingMode::kNone
                            ? logical_field->name()
                            : physical_schema->field(wanted[k])->name();
      auto it = file.partition_values.find(key);
      std::shared_ptr<arrow::Array> arr;
      if (it == file.partition_values.end() || !it->second) {
        ARROW_ASSIGN_OR_RAISE(arr, arrow::MakeArrayOfNull(logical_field->type(), num_rows));
      } else {
        ARROW_ASSIGN_OR_RAISE(auto scalar, ParseScalar(*it->second, logical_field->type()));
        ARROW_ASSIGN_OR_RAISE(arr, arrow::MakeArrayFromScalar(*scalar, num_rows));
      }
      out_columns.push_back(std::make_shared<arrow::ChunkedArray>(arr));
    } else if (file_index[k] < 0) {
      ARROW_ASSIGN_OR_RAISE(auto arr, arrow::MakeArrayOfNull(logical_field->type(), num_rows));
      out_columns.push_back(std::make_shared<arrow::ChunkedArray>(arr));
    } else {
      const std::string& file_name = file_schema->field(file_index[k])->name();
      auto col = raw->GetColumnByName(file_name);
      if (col->type()->id() == arrow::Type::DICTIONARY &&
          static_cast<const arrow::DictionaryType&>(*col->type()).value_type()->Equals(*logical_field->type())) {
        out_fields.back() = logical_field->WithType(col->type());  // decoded by the caller
        out_columns.push_back(col);
        continue;
      }
      ARROW_ASSIGN_OR_RAISE(auto conformed,
                            ConformChunked(col, physical_schema->field(wanted[k])->type(), logical_field->type()));
      out_columns.push_back(conformed);
    }
  }
  for (size_t k = 0; k < options.extra_columns.size(); ++k) {
    const auto& field = options.extra_columns[k];
    out_fields.push_back(field);
    if (extra_index[k] < 0) {
      ARROW_ASSIGN_OR_RAISE(auto arr, arrow::MakeArrayOfNull(field->type(), num_rows));
      out_columns.push_back(std::make_shared<arrow::ChunkedArray>(arr));
    } else {
      auto col = raw->GetColumnByName(file_schema->field(extra_index[k])->name());
      ARROW_ASSIGN_OR_RAISE(auto conformed, ConformChunked(col, field->type(), field->type()));
      out_columns.push_back(conformed);
    }
  }
  if (options.with_row_index) {
    arrow::Int64Builder positions;
    ARROW_RETURN_NOT_OK(positions.Reserve(num_rows));
    for (int64_t row = 0; row < num_rows; ++row) positions.UnsafeAppend(row);
    ARROW_ASSIGN_OR_RAISE(auto arr, positions.Finish());
    out_fields.push_back(arrow::field(kRowIndexColumn, arrow::int64(), false));
    out_columns.push_back(std::make_shared<arrow::ChunkedArray>(arr));
  }
  auto table = arrow::Table::Make(arrow::schema(out_fields), out_columns, num_rows);

  if (file.deletion_vector && options.apply_deletion_vector) {
    ARROW_ASSIGN_OR_RAISE(auto deleted, LoadDeletionVector(storage, *file.deletion_vector));
    arrow::BooleanBuilder keep;
    ARROW_RETURN_NOT_OK(keep.Reserve(num_rows));
    size_t next = 0;
    for (int64_t row = 0; row < num_rows; ++row) {
      while (next < deleted.size() && deleted[next] < static_cast<uint64_t>(row)) ++next;
      keep.UnsafeAppend(!(next < deleted.size() && deleted[next] == static_cast<uint64_t>(row)));
    }
    ARROW_ASSIGN_OR_RAISE(auto mask, keep.Finish());
    ARROW_ASSIGN_OR_RAISE(auto filtered, arrow::compute::Filter(table, mask));
    table = filtered.table();
  }
  return table;
}

arrow::Result<TableScan> TableScan::Make(std::shared_ptr<const Snapshot> snapshot, ScanOptions options) {
  TableScan scan;
  scan.snapshot_ = snapshot;
  scan.options_ = std::move(options);
  const auto& schema = *snapshot->arrow_schema();
  std::vector<int> output;
  if (scan.options_.columns.empty()) {
    for (int i = 0; i < schema.num_fields(); ++i) output.push_back(i);
  } else {
    for (const auto& c : scan.options_.columns) {
      int idx = -1;
      for (int i = 0; i < schema.num_fields(); ++i) {
        if (LowerCaseName(schema.field(i)->name()) == LowerCaseName(c)) idx = i;
      }
      if (idx < 0) {
        std::string all;
        for (const auto& f : schema.fields()) all += (all.empty() ? "`" : ", `") + f->name() + "`";
        return UserError("UNRESOLVED_COLUMN.WITH_SUGGESTION",
                         "A column with name `{}` cannot be resolved. Did you mean one of the "
                         "following? [{}].",
                         c, all);
      }
      output.push_back(idx);
    }
  }
  arrow::FieldVector out_fields;
  for (int i : output) {
    out_fields.push_back(schema.field(i));
    scan.read_columns_.push_back(schema.field(i)->name());
  }
  if (scan.options_.with_row_address) {
    out_fields.push_back(arrow::field(kFileIndexColumn, arrow::int32(), false));
    out_fields.push_back(arrow::field(kRowIndexColumn, arrow::int64(), false));
  }
  scan.output_schema_ = arrow::schema(out_fields);
  if (scan.options_.filter) {
    for (const auto& c : ReferencedColumns(*scan.options_.filter)) {
      for (const auto& f : schema.fields()) {
        if (LowerCaseName(f->name()) == c &&
            std::find(scan.read_columns_.begin(), scan.read_columns_.end(), f->name()) == scan.read_columns_.end()) {
          scan.read_columns_.push_back(f->name());
        }
      }
    }
    // Validate the filter against the schema before touching any file.
    ARROW_RETURN_NOT_OK(ToArrowExpression(*scan.options_.filter, schema).status());
    ARROW_ASSIGN_OR_RAISE(auto skipper, FileSkipper::Make(scan.options_.filter, *snapshot));
    scan.files_ = skipper.Select(snapshot->files());
  } else {
    scan.files_ = snapshot->files();
  }
  return scan;
}

arrow::Result<std::shared_ptr<arrow::Table>> TableScan::ReadMatching(size_t index) const {
  FileReadOptions read;
  read.columns = read_columns_;
  read.with_row_index = options_.with_row_address;
  // With a filter, strings are decoded only for the rows it keeps.
  read.strings_as_dictionary = options_.filter != nullptr;
  ARROW_ASSIGN_OR_RAISE(auto table, ReadDataFile(*snapshot_, files_.at(index), read));
  if (options_.filter) {
    arrow::FieldVector fields;
    for (const auto& f : table->schema()->fields()) {
      fields.push_back(IsDictionary(*f->type())
                           ? f->WithType(static_cast<const arrow::DictionaryType&>(*f->type()).value_type())
                           : f);
    }
    ARROW_ASSIGN_OR_RAISE(table, ApplyFilter(table, options_.filter, arrow::schema(fields)));
  }
  const int logical_outputs = output_schema_->num_fields() - (options_.with_row_address ? 2 : 0);
  std::vector<int> idx;
  for (int k = 0; k < logical_outputs; ++k) idx.push_back(k);
  std::shared_ptr<arrow::ChunkedArray> positions = options_.with_row_address ? table->GetColumnByName(kRowIndexColumn) : nullptr;
  ARROW_ASSIGN_OR_RAISE(table, table->SelectColumns(idx));
  if (options_.with_row_address) {
    ARROW_ASSIGN_OR_RAISE(auto file_index,
                          arrow::MakeArrayFromScalar(arrow::Int32Scalar(static_cast<int32_t>(index)), table->num_rows()));
    ARROW_ASSIGN_OR_RAISE(table, table->AddColumn(table->num_columns(), output_schema_->field(logical_outputs),
                                                  std::make_shared<arrow::ChunkedArray>(file_index)));
    ARROW_ASSIGN_OR_RAISE(table, table->AddColumn(table->num_columns(), output_schema_->field(logical_outputs + 1),
                                                  positions));
  }
  return table->ReplaceSchemaMetadata(nullptr);
}

arrow::Result<std::shared_ptr<arrow::Table>> TableScan::ToTable(ScanMetrics* metrics) const {
  const size_t n = files_.size();
  std::vector<std::shared_ptr<arrow::Table>> parts(n);
  std::vector<arrow::Status> errors(n);
  int threads = options_.parallelism > 0 ? options_.parallelism
                                         : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = static_cast<int>(std::min<size_t>(threads, std::max<size_t>(n, 1)));
  std::atomic<size_t> next{0};
  auto work = [&] {
    while (true) {
      size_t i = next.fetch_add(1);
      if (i >= n) return;
      auto t = ReadMatching(i);
      if (!t.ok()) {
        errors[i] = t.status();
        continue;
      }
      parts[i] = *t;
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& th : pool) th.join();
  for (const auto& st : errors) ARROW_RETURN_NOT_OK(st);
  int64_t rows = 0;
  for (auto& p : parts) rows += p->num_rows();
  if (metrics) {
    metrics->files_total = static_cast<int64_t>(snapshot_->files().size());
    metrics->files_scanned = static_cast<int64_t>(n);
    metrics->rows_read = rows;
  }
  if (parts.empty()) return arrow::Table::MakeEmpty(output_schema_);
  return arrow::ConcatenateTables(parts);
}

}  // namespace tarn::delta
