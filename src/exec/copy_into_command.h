// COPY INTO: loads files into a Delta table, each file exactly once across repeated runs. The
// files a run loads are recorded in the same commit as their rows (one Delta app transaction
// per file, `tarn.copyInto:<path>`), so a file is skipped on later runs, and two concurrent runs
// cannot both load it: the second commit conflicts.
#pragma once

#include <memory>

#include <arrow/result.h>
#include <arrow/type_fwd.h>

#include "exec/command_context.h"
#include "sql/plan/statement.h"

namespace tarn::exec {

// Result: num_affected_rows, num_inserted_rows, num_skipped_corrupt_files (Databricks' columns).
// COPY_OPTIONS: 'force' = 'true' loads files again; 'mergeSchema' = 'true' adds new columns.
arrow::Result<std::shared_ptr<arrow::Table>> CopyInto(CommandContext& ctx, const sql::Statement& statement,
                                                      const TableTarget& target);

}  // namespace tarn::exec
