#include "exec/delta_scan_reader.h"

#include <arrow/api.h>

namespace tarn::exec {

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
    if (next_file_ >= scan_->files().size()) {
      *batch = nullptr;
      return arrow::Status::OK();
    }
    ARROW_ASSIGN_OR_RAISE(current_, scan_->ReadMatching(next_file_++));
    batches_ = std::make_unique<arrow::TableBatchReader>(*current_);
    batches_->set_chunksize(1 << 17);
  }
}

}  // namespace tarn::exec
