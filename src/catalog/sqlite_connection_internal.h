// RAII wrappers over the SQLite C API: a connection, a prepared statement, and a write
// transaction (BEGIN IMMEDIATE) that rolls back unless committed. Not thread-safe: the
// Metastore serialises access with its mutex.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <arrow/result.h>
#include <arrow/status.h>
#include <sqlite3.h>

namespace tarn::catalog {

struct SqliteConnectionCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct SqliteStatementFinalizer {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};

class SqliteStatement {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* statement) : db_(db), statement_(statement) {}

  // Parameters are 1-based, as in SQLite.
  arrow::Status Bind(int index, const std::string& text);
  arrow::Status Bind(int index, const std::optional<std::string>& text);  // NULL when empty
  arrow::Status Bind(int index, int64_t value);

  // True when a row is available, false when done. A constraint violation is AlreadyExists.
  arrow::Result<bool> Step();
  // Steps to the end, for statements that return no rows.
  arrow::Status Run();

  std::string Text(int column) const;  // 0-based; "" for NULL
  std::optional<std::string> OptionalText(int column) const;
  int64_t Int64(int column) const;

 private:
  sqlite3* db_;
  std::unique_ptr<sqlite3_stmt, SqliteStatementFinalizer> statement_;
};

class SqliteConnection {
 public:
  // Opens (creating) the database file in WAL mode with foreign keys on and the busy timeout.
  static arrow::Result<std::unique_ptr<SqliteConnection>> Open(const std::string& path,
                                                               int busy_timeout_ms);

  arrow::Status Execute(const std::string& sql);  // one or more statements without parameters
  arrow::Result<SqliteStatement> Prepare(const std::string& sql);
  int64_t changes() const { return sqlite3_changes64(db_.get()); }
  sqlite3* handle() const { return db_.get(); }

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  std::unique_ptr<sqlite3, SqliteConnectionCloser> db_;
};

// Turns an SQLite result code into a status naming what was being done.
arrow::Status SqliteStatus(sqlite3* db, int code, const std::string& what);

class SqliteWriteTransaction {
 public:
  // BEGIN IMMEDIATE takes the write lock up front, so the reads that decide a write can't go stale.
  static arrow::Result<SqliteWriteTransaction> Begin(SqliteConnection& connection);
  SqliteWriteTransaction(SqliteWriteTransaction&& other) noexcept;
  SqliteWriteTransaction& operator=(SqliteWriteTransaction&&) = delete;
  ~SqliteWriteTransaction();

  arrow::Status Commit();

 private:
  explicit SqliteWriteTransaction(SqliteConnection* connection) : connection_(connection) {}
  SqliteConnection* connection_;  // not owned; null once committed or rolled back
};

}  // namespace tarn::catalog
