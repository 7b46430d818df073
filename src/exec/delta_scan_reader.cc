#include "exec/delta_scan_reader.h"

#include <arrow/api.h>

namespace tarn::exec {

DeltaScanReader::~DeltaScanReader() {
  // The background reads hold the scan, which this object owns; wait for them to finish.
  for (auto& f : pending_) f.wait();
}

void DeltaScanReader::Prefetch() {
  while (pending_.size() < depth_ && next_file_ < scan_->files().size()) {
    pending_.push_back(
        std::async(std::launch::async, [scan = scan_, index = next_file_] { return scan->ReadMatching(index); }));
    ++next_file_;
  }
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
    Prefetch();
    if (pending_.empty()) {
      *batch = nullptr;
      return arrow::Status::OK();
    }
    auto next_table = pending_.front().get();
    pending_.pop_front();
    ARROW_ASSIGN_OR_RAISE(current_, std::move(next_table));
    Prefetch();
    batches_ = std::make_unique<arrow::TableBatchReader>(*current_);
    batches_->set_chunksize(1 << 17);
  }
}

}  // namespace tarn::exec
