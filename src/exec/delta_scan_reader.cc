#include "exec/delta_scan_reader.h"

#include <arrow/api.h>

namespace tarn::exec {

DeltaScanReader::~DeltaScanReader() {
  // The background read holds the scan, which this object owns; wait for it to finish.
  if (next_.valid()) next_.wait();
}

void DeltaScanReader::Prefetch() {
  if (next_file_ >= scan_->files().size()) return;
  next_ = std::async(std::launch::async, [scan = scan_, index = next_file_] { return scan->ReadMatching(index); });
  ++next_file_;
}

arrow::Status DeltaScanReader::ReadNext(std::shared_ptr<arrow::RecordBatch>* batch) {
  while (true) {
    if (batches_) {
      std::shared_ptr<arrow::RecordBatch> next;
      ARROW_RETURN_NOT_OK(batches_->ReadNext(&next));
      if (next) {
        *batch = arrow::RecordBatch::Make(schema_, next->num_rows(), next->columns());
        return arrow::Status::OK();
      }
      batches_.reset();
      current_.reset();
    }
    if (!next_.valid()) Prefetch();  // the first file
    if (!next_.valid()) {
      *batch = nullptr;
      return arrow::Status::OK();
    }
    ARROW_ASSIGN_OR_RAISE(current_, next_.get());
    Prefetch();
    batches_ = std::make_unique<arrow::TableBatchReader>(*current_);
    batches_->set_chunksize(1 << 17);
  }
}

}  // namespace tarn::exec
