// DELETE, UPDATE and MERGE INTO on a Delta table. Each reads the target with row addresses
// (file, row in file), works out with one SQL query which rows go and which rows come, and
// hands that to the storage layer as one commit (deletion vectors or rewritten files, and the
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

  // num_affected_rows
  arrow::Result<std::shared_ptr<arrow::Table>> Delete(const sql::Statement& statement, const TableTarget& target);
  // num_affected_rows
  arrow::Result<std::shared_ptr<arrow::Table>> Update(const sql::Statement& statement, const TableTarget& target);
  // num_affected_rows, num_updated_rows, num_deleted_rows, num_inserted_rows
  arrow::Result<std::shared_ptr<arrow::Table>> Merge(const sql::Statement& statement, const TableTarget& target);

 private:
  CommandContext& ctx_;
};

}  // namespace tarn::exec
