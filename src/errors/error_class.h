// Spark error classes on arrow::Status. User-facing errors carry Spark's error-class name
// (e.g. DELTA_CONCURRENT_APPEND) so that every edge (CLI, SQL, Python, gRPC) can report it.
#pragma once

#include <memory>
#include <string>

#include <arrow/status.h>
#include <fmt/format.h>

namespace tarn {

class ErrorClassDetail : public arrow::StatusDetail {
 public:
  explicit ErrorClassDetail(std::string error_class) : error_class_(std::move(error_class)) {}
  const char* type_id() const override { return "tarn::ErrorClassDetail"; }
  std::string ToString() const override { return error_class_; }
  const std::string& error_class() const { return error_class_; }

 private:
  std::string error_class_;
};

// A status whose message reads "[ERROR_CLASS] message", as Spark prints its errors.
inline arrow::Status ErrorWithClass(arrow::StatusCode code, const std::string& error_class,
                                    const std::string& message) {
  return arrow::Status(code, fmt::format("[{}] {}", error_class, message),
                       std::make_shared<ErrorClassDetail>(error_class));
}

template <typename... Args>
arrow::Status UserError(const std::string& error_class, fmt::format_string<Args...> fmt_str,
                        Args&&... args) {
  return ErrorWithClass(arrow::StatusCode::Invalid, error_class,
                        fmt::format(fmt_str, std::forward<Args>(args)...));
}

// Empty when the status has no error class.
inline std::string ErrorClassOf(const arrow::Status& status) {
  if (auto detail = std::dynamic_pointer_cast<ErrorClassDetail>(status.detail())) {
    return detail->error_class();
  }
  return {};
}

}  // namespace tarn
