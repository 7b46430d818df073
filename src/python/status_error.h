// arrow::Status → Python exception, at the edge of the binding: a failed status becomes a
// StatusError (C++), which the registered translator raises as tarn.errors.TarnError carrying
// the Spark error class (e.g. TABLE_OR_VIEW_NOT_FOUND), the message and Arrow's status code.
#pragma once

#include <exception>
#include <string>
#include <utility>

#include <arrow/result.h>
#include <arrow/status.h>
#include <nanobind/nanobind.h>

namespace tarn::python {

class StatusError : public std::exception {
 public:
  explicit StatusError(const arrow::Status& status);
  const char* what() const noexcept override { return message_.c_str(); }
  // Empty when the status names no error class (an internal or I/O error).
  const std::string& error_class() const { return error_class_; }
  const std::string& message() const { return message_; }
  const std::string& status_code() const { return status_code_; }

 private:
  std::string error_class_;
  std::string message_;
  std::string status_code_;
};

inline void ThrowIfError(const arrow::Status& status) {
  if (!status.ok()) throw StatusError(status);
}

template <typename T>
T ValueOrThrow(arrow::Result<T>&& result) {
  ThrowIfError(result.status());
  return std::move(result).ValueUnsafe();
}

// Raises StatusError as `error_type(message, error_class, status_code)`. `error_type` must stay
// alive as long as the module does (the caller keeps it as a module attribute).
void RegisterStatusErrorTranslator(nanobind::handle error_type);

}  // namespace tarn::python
