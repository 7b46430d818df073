#include "catalog/sqlite_connection_internal.h"

#include <chrono>
#include <thread>

#include <fmt/format.h>

namespace tarn::catalog {

arrow::Status SqliteStatus(sqlite3* db, int code, const std::string& what) {
  if (code == SQLITE_OK || code == SQLITE_DONE || code == SQLITE_ROW) return arrow::Status::OK();
  std::string message = fmt::format("metastore: {} failed: {}", what,
                                    db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code));
  int primary = code & 0xff;
  if (primary == SQLITE_CONSTRAINT) return arrow::Status::AlreadyExists(message);
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    return arrow::Status::IOError(message, " (another process holds the metastore lock)");
  }
  return arrow::Status::IOError(message);
}

arrow::Status SqliteStatement::Bind(int index, const std::string& text) {
  return SqliteStatus(db_, sqlite3_bind_text(statement_.get(), index, text.data(),
                                             static_cast<int>(text.size()), SQLITE_TRANSIENT),
                      "bind");
}

arrow::Status SqliteStatement::Bind(int index, const std::optional<std::string>& text) {
  if (!text) return SqliteStatus(db_, sqlite3_bind_null(statement_.get(), index), "bind");
  return Bind(index, *text);
}

arrow::Status SqliteStatement::Bind(int index, int64_t value) {
  return SqliteStatus(db_, sqlite3_bind_int64(statement_.get(), index, value), "bind");
}

arrow::Result<bool> SqliteStatement::Step() {
  int code = sqlite3_step(statement_.get());
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  return SqliteStatus(db_, code, sqlite3_sql(statement_.get()));
}

arrow::Status SqliteStatement::Run() {
  while (true) {
    ARROW_ASSIGN_OR_RAISE(bool row, Step());
    if (!row) return arrow::Status::OK();
  }
}

std::string SqliteStatement::Text(int column) const {
  const unsigned char* text = sqlite3_column_text(statement_.get(), column);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(statement_.get(), column)));
}

std::optional<std::string> SqliteStatement::OptionalText(int column) const {
  if (sqlite3_column_type(statement_.get(), column) == SQLITE_NULL) return std::nullopt;
  return Text(column);
}

int64_t SqliteStatement::Int64(int column) const {
  return sqlite3_column_int64(statement_.get(), column);
}

arrow::Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::string& path,
                                                                        int busy_timeout_ms) {
  sqlite3* raw = nullptr;
  int code = sqlite3_open_v2(path.c_str(), &raw,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             nullptr);
  std::unique_ptr<SqliteConnection> connection(new SqliteConnection(raw));  // closes raw on error
  if (code != SQLITE_OK) return SqliteStatus(raw, code, "open " + path);
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, busy_timeout_ms);
  // WAL lets readers run beside the one writer; FULL sync makes each commit durable on power loss.
  // Switching a new database to WAL can answer SQLITE_BUSY without consulting the busy handler
  // while other processes open it too, so that step retries within the same time budget.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms);
  for (;;) {
    code = sqlite3_exec(raw, "PRAGMA journal_mode=WAL;", nullptr, nullptr, nullptr);
    if ((code & 0xff) != SQLITE_BUSY && (code & 0xff) != SQLITE_LOCKED) break;
    if (std::chrono::steady_clock::now() >= deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (code != SQLITE_OK) return SqliteStatus(raw, code, "PRAGMA journal_mode=WAL");
  ARROW_RETURN_NOT_OK(connection->Execute("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"));
  return connection;
}

arrow::Status SqliteConnection::Execute(const std::string& sql) {
  char* error = nullptr;
  int code = sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &error);
  if (code == SQLITE_OK) return arrow::Status::OK();
  std::string message = error != nullptr ? error : sqlite3_errstr(code);
  sqlite3_free(error);
  auto status = SqliteStatus(db_.get(), code, sql);
  return status.WithMessage("metastore: ", sql, " failed: ", message);
}

arrow::Result<SqliteStatement> SqliteConnection::Prepare(const std::string& sql) {
  sqlite3_stmt* statement = nullptr;
  int code = sqlite3_prepare_v2(db_.get(), sql.c_str(), static_cast<int>(sql.size()), &statement,
                                nullptr);
  SqliteStatement wrapped(db_.get(), statement);  // finalizes on every path
  ARROW_RETURN_NOT_OK(SqliteStatus(db_.get(), code, "prepare " + sql));
  return wrapped;
}

arrow::Result<SqliteWriteTransaction> SqliteWriteTransaction::Begin(SqliteConnection& connection) {
  ARROW_RETURN_NOT_OK(connection.Execute("BEGIN IMMEDIATE"));
  return SqliteWriteTransaction(&connection);
}

SqliteWriteTransaction::SqliteWriteTransaction(SqliteWriteTransaction&& other) noexcept
    : connection_(other.connection_) {
  other.connection_ = nullptr;
}

SqliteWriteTransaction::~SqliteWriteTransaction() {
  if (connection_ != nullptr) (void)connection_->Execute("ROLLBACK");
}

arrow::Status SqliteWriteTransaction::Commit() {
  SqliteConnection* connection = connection_;
  connection_ = nullptr;
  auto status = connection->Execute("COMMIT");
  // A failed COMMIT (e.g. busy) leaves the transaction open: roll it back so nothing half-applies.
  if (!status.ok() && !sqlite3_get_autocommit(connection->handle())) {
    (void)connection->Execute("ROLLBACK");
  }
  return status;
}

}  // namespace tarn::catalog
