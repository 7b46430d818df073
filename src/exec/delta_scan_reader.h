// Streams a Delta scan file by file as record batches, so a query over a table larger than
// memory holds only two files at a time: the one being consumed and the next, which is read
// (columns decoded in parallel) in the background meanwhile.
#pragma once

#include <future>
#include <memory>

#include <arrow/record_batch.h>
#include <arrow/table.h>

#include "storage/delta/table_scan.h"

namespace tarn::exec {

class DeltaScanReader : public arrow::RecordBatchReader {
 public:
  // `schema` renames the scan's columns (same types, same order).
  DeltaScanReader(std::shared_ptr<const delta::TableScan> scan, std::shared_ptr<arrow::Schema> schema)
      : scan_(std::move(scan)), schema_(std::move(schema)) {}
  ~DeltaScanReader() override;

  std::shared_ptr<arrow::Schema> schema() const override { return schema_; }
  arrow::Status ReadNext(std::shared_ptr<arrow::RecordBatch>* batch) override;

 private:
  std::shared_ptr<const delta::TableScan> scan_;
  std::shared_ptr<arrow::Schema> schema_;
  // Starts reading files()[next_file_] in the background, if there is one.
  void Prefetch();

  size_t next_file_ = 0;
  std::future<arrow::Result<std::shared_ptr<arrow::Table>>> next_;
  std::shared_ptr<arrow::Table> current_;
  std::unique_ptr<arrow::TableBatchReader> batches_;
};

}  // namespace tarn::exec
