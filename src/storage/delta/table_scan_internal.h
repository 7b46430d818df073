// File-level reading shared by the scan, the row-change writer and the change data feed:
// more knobs than TableScan::ReadFile offers. Never included from outside storage/delta.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <arrow/result.h>
#include <arrow/type_fwd.h>

#include "storage/delta/actions.h"
#include "storage/delta/snapshot.h"

namespace tarn::delta {

struct FileReadOptions {
  std::vector<std::string> columns;    // logical names; empty = all columns of the snapshot
  bool with_row_index = false;         // append kRowIndexColumn: the physical row position
  bool apply_deletion_vector = true;   // drop the rows the file's DV deletes
  // Top-level string columns stay dictionary-encoded (their logical type then differs); see
  // OpenParquetReader.
  bool strings_as_dictionary = false;
  // Columns the file stores under these exact names beyond the table's schema (for instance
  // _change_type in change data files); appended after the table's columns, null when absent.
  arrow::FieldVector extra_columns;
};

// Rows of one data (or change data) file as `snapshot` sees it: logical names, partition values
// added back from `file.partition_values`.
arrow::Result<std::shared_ptr<arrow::Table>> ReadDataFile(const Snapshot& snapshot, const AddFile& file,
                                                          const FileReadOptions& options);

// The sorted deleted row positions of a deletion vector of a file of the table at `storage`.
arrow::Result<std::vector<uint64_t>> LoadDeletionVector(const TableStorage& storage,
                                                        const DeletionVectorDescriptor& dv);

// Number of physical rows of a data file (from its Parquet footer).
arrow::Result<int64_t> PhysicalRowCount(const TableStorage& storage, const AddFile& file);

}  // namespace tarn::delta
