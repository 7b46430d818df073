// Data skipping: decides from partition values and file statistics alone whether a file can
// hold rows matching a predicate, before any data file is opened.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <arrow/result.h>

#include "storage/delta/actions.h"
#include "storage/delta/predicate.h"
#include "storage/delta/snapshot.h"

namespace tarn::delta {

// Thread safety: immutable after Make; MayMatch may be called concurrently.
class FileSkipper {
 public:
  // Fails with UNRESOLVED_COLUMN when the predicate names a column the table lacks.
  static arrow::Result<FileSkipper> Make(PredicatePtr predicate, const Snapshot& snapshot);

  // False only if no row of `file` can satisfy the predicate. Missing statistics mean "maybe".
  bool MayMatch(const AddFile& file) const;

  // The live files of the snapshot that may match.
  std::vector<AddFile> Select(const std::vector<AddFile>& files) const;

  struct ColumnInfo {
    std::shared_ptr<arrow::DataType> type;
    bool is_partition = false;
    std::vector<std::string> physical_path;  // key path inside stats / partitionValues
  };

 private:
  FileSkipper() = default;
  PredicatePtr predicate_;
  std::map<std::string, ColumnInfo> columns_;  // by lower-cased dotted logical path
};

}  // namespace tarn::delta
