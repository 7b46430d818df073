// DELETE, UPDATE and MERGE INTO: the SQL engine decides which target rows change and what they
// become, by one query over the target scanned with row addresses (delta/row_changes.h); the
// storage layer commits the result as one version (deletion vectors or rewritten files, and the
// change data feed when the table keeps one).
#pragma once

#include <memory>

#include <arrow/result.h>
#include <arrow/type_fwd.h>

#include "exec/command_context.h"
#include "sql/plan/statement.h"

namespace tarn::exec {

class RowChangeCommands {
 public:
  explicit RowChangeCommands(CommandContext& ctx) : ctx_(ctx) {}

  // num_affected_rows.
  arrow::Result<std::shared_ptr<arrow::Table>> Delete(const sql::Statement& statement, const TableTarget& target);
  // num_affected_rows.
  arrow::Result<std::shared_ptr<arrow::Table>> Update(const sql::Statement& statement, const TableTarget& target);
  // num_affected_rows, num_updated_rows, num_deleted_rows, num_inserted_rows. A target row
  // matched by several source rows fails with DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE
  // (unless the only MATCHED clause is an unconditional DELETE, as in Delta).
  arrow::Result<std::shared_ptr<arrow::Table>> Merge(const sql::Statement& statement, const TableTarget& target);

 private:
  CommandContext& ctx_;
};

}  // namespace tarn::exec
