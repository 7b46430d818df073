// One embedded tarn session as the Python package sees it: a Session behind a mutex, so that
// Python threads sharing a connection run their statements one after another (the Session
// itself takes one statement at a time), with the GIL released while they run.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include <arrow/result.h>
#include <arrow/status.h>
#include <arrow/type_fwd.h>

#include "exec/session.h"

namespace tarn::python {

class Connection {
 public:
  // `home` is the workspace folder; empty means $TARN_HOME, else ./tarn-workspace (as the CLI).
  static arrow::Result<std::unique_ptr<Connection>> Open(const std::string& home);

  // Runs every statement of `sql` in order, stopping at the first error, and returns the rows
  // of the last one: a table with no columns when it returns none (DDL, INSERT, ...).
  arrow::Result<std::shared_ptr<arrow::Table>> Sql(std::string_view sql);

  // Makes `table` queryable as `name` (a temporary view); the data is shared, not copied.
  arrow::Status Register(const std::string& name, std::shared_ptr<arrow::Table> table);
  // False when nothing was registered under `name`.
  arrow::Result<bool> Unregister(const std::string& name);

  // Ends the session; later calls fail. Results already returned stay valid.
  void Close();
  bool closed() const;

 private:
  explicit Connection(std::unique_ptr<exec::Session> session) : session_(std::move(session)) {}
  arrow::Status CheckOpen() const;  // with mutex_ held

  mutable std::mutex mutex_;
  std::unique_ptr<exec::Session> session_;
};

}  // namespace tarn::python
