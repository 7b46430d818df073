// Streams a Delta scan file by file as record batches, so a query over a table larger than
// memory holds only the file being decoded (columns decoded in parallel) at a time.
#pragma once

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

  std::shared_ptr<arrow::Schema> schema() const override { return schema_; }
  arrow::Status ReadNext(std::shared_ptr<arrow::RecordBatch>* batch) override;

 private:
  std::shared_ptr<const delta::TableScan> scan_;
  std::shared_ptr<arrow::Schema> schema_;
  size_t next_file_ = 0;
  std::shared_ptr<arrow::Table> current_;
  std::unique_ptr<arrow::TableBatchReader> batches_;
};

}  // namespace tarn::exec
