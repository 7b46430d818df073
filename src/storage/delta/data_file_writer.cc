#include "storage/delta/data_file_writer.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include <arrow/util/thread_pool.h>
#include <arrow/api.h>
#include <arrow/compute/api.h>
#include <arrow/util/byte_size.h>
#include <parquet/arrow/writer.h>

#include "errors/error_class.h"
#include "storage/delta/file_statistics.h"
#include "storage/delta/partition_path.h"
#include "storage/delta/random_uuid.h"
#include "storage/delta/transaction.h"
#include "storage/delta/value_parser.h"

namespace tarn::delta {

using nlohmann::json;

namespace {

struct PendingFile {
  std::shared_ptr<arrow::Table> rows;  // physical columns, no partition columns
  PartitionValues partition_values;    // keyed by physical name
  std::string folder;                  // "a=1/b=x/" or ""
};

arrow::Status CheckNotNull(const arrow::ChunkedArray& column, const arrow::Field& field,
                           const std::string& path) {
  if (!field.nullable() && column.null_count() > 0) {
    return UserError("DELTA_NOT_NULL_CONSTRAINT_VIOLATED", "NOT NULL constraint violated for column: {}.",
                     path);
  }
  if (field.type()->id() == arrow::Type::STRUCT) {
    for (int i = 0; i < field.type()->num_fields(); ++i) {
      arrow::ArrayVector children;
      for (const auto& chunk : column.chunks()) {
        // Only rows whose parent struct is present must carry the nested NOT NULL field.
        const auto& s = static_cast<const arrow::StructArray&>(*chunk);
        children.push_back(s.field(i));
        const auto& child = *s.field(i);
        if (!field.type()->field(i)->nullable() && child.null_count() > 0) {
          for (int64_t r = 0; r < s.length(); ++r) {
            if (s.IsValid(r) && child.IsNull(r)) {
              return UserError("DELTA_NOT_NULL_CONSTRAINT_VIOLATED",
                               "NOT NULL constraint violated for column: {}.{}.", path,
                               field.type()->field(i)->name());
            }
          }
        }
      }
    }
  }
  return arrow::Status::OK();
}

// Rows of a table split into runs of equal partition values.
arrow::Result<std::vector<PendingFile>> SplitByPartition(const std::shared_ptr<arrow::Table>& data,
                                                         const DataFileLayout& layout,
                                                         const std::shared_ptr<arrow::Schema>& physical) {
  const auto& schema = *data->schema();
  std::vector<int> part_idx;
  for (const auto& p : layout.partition_columns) {
    int idx = schema.GetFieldIndex(p);
    if (idx < 0) return arrow::Status::Invalid("partition column ", p, " is not in the data");
    part_idx.push_back(idx);
  }
  std::vector<int> data_idx;
  for (int i = 0; i < schema.num_fields(); ++i) {
    if (std::find(part_idx.begin(), part_idx.end(), i) == part_idx.end()) data_idx.push_back(i);
  }
  auto physical_rows = [&](const std::shared_ptr<arrow::Table>& t) -> arrow::Result<std::shared_ptr<arrow::Table>> {
    arrow::FieldVector fields;
    arrow::ChunkedArrayVector cols;
    for (int i : data_idx) {
      const auto& pf = physical->field(i);
      auto col = t->column(i);
      if (!col->type()->Equals(*pf->type())) {
        // Same layout, physical nested names: a zero-copy view.
        ARROW_ASSIGN_OR_RAISE(col, col->View(pf->type()));
      }
      fields.push_back(pf);
      cols.push_back(col);
    }
    return arrow::Table::Make(arrow::schema(fields), cols, t->num_rows());
  };

  std::vector<PendingFile> out;
  if (part_idx.empty()) {
    ARROW_ASSIGN_OR_RAISE(auto rows, physical_rows(data));
    out.push_back({rows, {}, ""});
    return out;
  }
  std::vector<arrow::compute::SortKey> keys;
  for (int i : part_idx) keys.emplace_back(arrow::FieldRef(i));
  arrow::compute::SortOptions sort_opts(keys);
  ARROW_ASSIGN_OR_RAISE(auto indices, arrow::compute::SortIndices(arrow::Datum(data), sort_opts));
  ARROW_ASSIGN_OR_RAISE(auto sorted_datum, arrow::compute::Take(data, indices));
  ARROW_ASSIGN_OR_RAISE(auto sorted, sorted_datum.table()->CombineChunks());
  std::vector<std::shared_ptr<arrow::Array>> part_arrays;
  for (int i : part_idx) part_arrays.push_back(sorted->column(i)->chunk(0));
  const int64_t n = sorted->num_rows();
  int64_t start = 0;
  for (int64_t row = 1; row <= n; ++row) {
    bool boundary = row == n;
    for (size_t k = 0; !boundary && k < part_arrays.size(); ++k) {
      boundary = !part_arrays[k]->RangeEquals(*part_arrays[k], row - 1, row, row);
    }
    if (!boundary) continue;
    PendingFile pf;
    for (size_t k = 0; k < part_idx.size(); ++k) {
      ARROW_ASSIGN_OR_RAISE(auto scalar, part_arrays[k]->GetScalar(start));
      ARROW_ASSIGN_OR_RAISE(auto text, FormatPartitionValue(*scalar));
      const std::string& phys_name = physical->field(part_idx[k])->name();
      pf.partition_values[phys_name] = text;
      pf.folder += phys_name + "=" + (text ? EscapePartitionValue(*text) : kHiveDefaultPartition) + "/";
    }
    ARROW_ASSIGN_OR_RAISE(pf.rows, physical_rows(sorted->Slice(start, row - start)));
    out.push_back(std::move(pf));
    start = row;
  }
  return out;
}

arrow::Result<AddFile> WriteOneFile(TableStorage& storage, const std::shared_ptr<arrow::Table>& rows,
                                    const PartitionValues& partition_values, const std::string& folder,
                                    int file_number, const DataFileLayout& layout, bool data_change) {
  const std::string name =
      fmt::format("{}-{:05d}-{}.c000.snappy.parquet", layout.file_prefix, file_number, RandomUuid());
  const std::string relative = layout.directory + folder + name;
  const std::string path = storage.root() + "/" + relative;
  auto fs = storage.filesystem();
  ARROW_RETURN_NOT_OK(fs->CreateDir(path.substr(0, path.rfind('/')), /*recursive=*/true));
  ARROW_ASSIGN_OR_RAISE(auto out, fs->OpenOutputStream(path));
  auto props = parquet::WriterProperties::Builder()
                   .compression(parquet::Compression::SNAPPY)
                   ->max_row_group_length(1024 * 1024)
                   ->created_by("tarn 0.1.0")
                   // As Spark writes them: INT32 / INT64 for precision up to 9 / 18, which decode
                   // far faster than big-endian fixed-length bytes.
                   ->enable_store_decimal_as_integer()
                   ->build();
  // Columns encode in parallel, unless this already runs on a pool thread (files written side
  // by side): blocking a pool thread on more pool work can starve the pool.
  const bool parallel_columns = !arrow::internal::GetCpuThreadPool()->OwnsThisThread();
  auto arrow_props = parquet::ArrowWriterProperties::Builder()
                         .coerce_timestamps(arrow::TimeUnit::MICRO)
                         ->set_use_threads(parallel_columns)
                         ->build();
  ARROW_RETURN_NOT_OK(parquet::arrow::WriteTable(*rows, arrow::default_memory_pool(), out,
                                                 1024 * 1024, props, arrow_props));
  ARROW_ASSIGN_OR_RAISE(int64_t size, out->Tell());
  ARROW_RETURN_NOT_OK(out->Close());
  AddFile add;
  add.path = EncodePathUri(relative);
  add.partition_values = partition_values;
  add.size = size;
  add.modification_time = NowMillis();
  add.data_change = data_change;
  ARROW_ASSIGN_OR_RAISE(auto stats, ComputeFileStatistics(*rows, layout.num_indexed_cols));
  add.stats = std::move(stats);
  return add;
}

}  // namespace

arrow::Result<std::shared_ptr<arrow::Table>> ConformToTableSchema(const std::shared_ptr<arrow::Table>& data,
                                                                  const json& table_schema) {
  ARROW_ASSIGN_OR_RAISE(auto target, DeltaSchemaToArrow(table_schema, FieldNames::kLogical));
  arrow::ChunkedArrayVector cols;
  for (const auto& field : target->fields()) {
    int idx = -1;
    for (int i = 0; i < data->num_columns(); ++i) {
      if (LowerCaseName(data->schema()->field(i)->name()) == LowerCaseName(field->name())) idx = i;
    }
    std::shared_ptr<arrow::ChunkedArray> col;
    if (idx < 0) {
      if (!field->nullable()) {
        return UserError("DELTA_NOT_NULL_CONSTRAINT_VIOLATED",
                         "NOT NULL constraint violated for column: {}.", field->name());
      }
      ARROW_ASSIGN_OR_RAISE(auto nulls, arrow::MakeArrayOfNull(field->type(), data->num_rows()));
      col = std::make_shared<arrow::ChunkedArray>(nulls);
    } else {
      col = data->column(idx);
      if (!col->type()->Equals(*field->type())) {
        arrow::compute::CastOptions opts = arrow::compute::CastOptions::Safe(field->type());
        opts.allow_time_truncate = true;
        auto cast = arrow::compute::Cast(arrow::Datum(col), opts);
        if (!cast.ok()) {
          return UserError("DELTA_FAILED_TO_MERGE_FIELDS",
                           "Cannot write column '{}' of type {} into the table's {}: {}", field->name(),
                           col->type()->ToString(), field->type()->ToString(), cast.status().message());
        }
        col = cast->chunked_array();
      }
    }
    ARROW_RETURN_NOT_OK(CheckNotNull(*col, *field, field->name()));
    cols.push_back(col);
  }
  return arrow::Table::Make(target, cols, data->num_rows());
}

arrow::Result<std::vector<AddFile>> WriteDataFiles(TableStorage& storage, const DataFileLayout& layout,
                                                   const std::shared_ptr<arrow::Table>& data,
                                                   bool data_change) {
  ARROW_ASSIGN_OR_RAISE(auto physical, DeltaSchemaToArrow(layout.schema, FieldNames::kPhysical));
  ARROW_ASSIGN_OR_RAISE(auto groups, SplitByPartition(data, layout, physical));

  // Cut each partition's rows into files near the target size (in-memory size as the guide).
  struct Job {
    std::shared_ptr<arrow::Table> rows;
    const PendingFile* group;
  };
  std::vector<Job> jobs;
  for (const auto& g : groups) {
    int64_t rows = g.rows->num_rows();
    int64_t bytes = static_cast<int64_t>(arrow::util::TotalBufferSize(*g.rows));
    int64_t per_row = rows > 0 ? std::max<int64_t>(1, bytes / rows) : 1;
    int64_t rows_per_file = std::clamp<int64_t>(layout.target_file_bytes / per_row, 1, layout.max_rows_per_file);
    if (rows == 0) {
      jobs.push_back({g.rows, &g});
      continue;
    }
    for (int64_t off = 0; off < rows; off += rows_per_file) {
      jobs.push_back({g.rows->Slice(off, std::min(rows_per_file, rows - off)), &g});
    }
  }
  if (data->num_rows() == 0) jobs.clear();

  std::vector<arrow::Result<AddFile>> results(jobs.size(), arrow::Status::UnknownError("not run"));
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next.fetch_add(1); i < jobs.size(); i = next.fetch_add(1)) {
      results[i] = WriteOneFile(storage, jobs[i].rows, jobs[i].group->partition_values,
                                jobs[i].group->folder, static_cast<int>(i), layout, data_change);
    }
  };
  size_t threads = std::min<size_t>(std::max(1u, std::thread::hardware_concurrency()), jobs.size());
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& th : pool) th.join();
  std::vector<AddFile> adds;
  for (auto& r : results) {
    ARROW_ASSIGN_OR_RAISE(auto add, std::move(r));
    adds.push_back(std::move(add));
  }
  return adds;
}

}  // namespace tarn::delta
