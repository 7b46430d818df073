#include "exec/catalog_commands.h"

#include "errors/error_class.h"

namespace tarn::exec {

arrow::Result<std::shared_ptr<arrow::Table>> CatalogCommands::Execute(const sql::Statement& statement) {
  (void)ctx_;
  return UserError("UNSUPPORTED_STATEMENT", "The statement is not supported yet: {}", statement.text);
}

}  // namespace tarn::exec
