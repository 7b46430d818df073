// Streams a Delta scan file by file as record batches, so a query over a table larger than
// memory holds only a few files at a time: the one being consumed and the next ones, one per
// core, which are read and filtered in the background meanwhile (the filtering of one file is
// single-threaded; reading files side by side keeps every core busy).
#pragma once

#include <algorithm>
#include <deque>
#include <future>
#include <memory>
#include <thread>

#include <arrow/record_batch.h>
#include <arrow/table.h>

#include "storage/delta/table_scan.h"

namespace tarn::exec {

class DeltaScanReader : public arrow::RecordBatchReader {
 public:
  // `schema` renames the scan's columns (same types, same order).
  DeltaScanReader(std::shared_ptr<const delta::TableScan> scan, std::shared_ptr<arrow::Schema> schema)
      : scan_(std::move(scan)), schema_(std::move(schema)), depth_(std::max(1u, std::thread::hardware_concurrency())) {}
  ~DeltaScanReader() override;

  std::shared_ptr<arrow::Schema> schema() const override { return schema_; }
  arrow::Status ReadNext(std::shared_ptr<arrow::RecordBatch>* batch) override;

 private:
  std::shared_ptr<const delta::TableScan> scan_;
  std::shared_ptr<arrow::Schema> schema_;
  // Starts background reads of the next files until `depth_` are under way.
  void Prefetch();

  size_t next_file_ = 0;
  size_t depth_;  // files read ahead: one per core
  std::deque<std::future<arrow::Result<std::shared_ptr<arrow::Table>>>> pending_;
  std::shared_ptr<arrow::Table> current_;
  std::unique_ptr<arrow::TableBatchReader> batches_;
};

}  // namespace tarn::exec
