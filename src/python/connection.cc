#include "python/connection.h"

#include <arrow/table.h>
#include <arrow/type.h>

namespace tarn::python {

arrow::Result<std::unique_ptr<Connection>> Connection::Open(const std::string& home) {
  exec::SessionOptions options;
  options.home = home;
  ARROW_ASSIGN_OR_RAISE(auto session, exec::Session::Make(options));
  return std::unique_ptr<Connection>(new Connection(std::move(session)));
}

arrow::Status Connection::CheckOpen() const {
  if (!session_) return arrow::Status::Invalid("the connection is closed");
  return arrow::Status::OK();
}

arrow::Result<std::shared_ptr<arrow::Table>> Connection::Sql(std::string_view sql) {
  std::lock_guard lock(mutex_);
  ARROW_RETURN_NOT_OK(CheckOpen());
  ARROW_ASSIGN_OR_RAISE(auto results, session_->ExecuteScript(sql));
  if (results.empty() || !results.back().table) {
    return arrow::Table::MakeEmpty(arrow::schema({}));
  }
  return results.back().table;
}

arrow::Status Connection::Register(const std::string& name, std::shared_ptr<arrow::Table> table) {
  std::lock_guard lock(mutex_);
  ARROW_RETURN_NOT_OK(CheckOpen());
  session_->RegisterTable(name, std::move(table));
  return arrow::Status::OK();
}

arrow::Result<bool> Connection::Unregister(const std::string& name) {
  std::lock_guard lock(mutex_);
  ARROW_RETURN_NOT_OK(CheckOpen());
  return session_->UnregisterTable(name);
}

void Connection::Close() {
  std::unique_ptr<exec::Session> session;
  {
    std::lock_guard lock(mutex_);
    session = std::move(session_);
  }
  // The session (and the registered data it shares) goes here, outside the lock.
}

bool Connection::closed() const {
  std::lock_guard lock(mutex_);
  return session_ == nullptr;
}

}  // namespace tarn::python
