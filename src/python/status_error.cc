#include "python/status_error.h"

#include <cctype>

#include "errors/error_class.h"

namespace nb = nanobind;

namespace tarn::python {
namespace {

// "[SOME_CLASS] text" → "SOME_CLASS", for statuses that carry the class only in their text.
std::string ErrorClassFromMessage(const std::string& message) {
  if (message.size() < 3 || message.front() != '[') return {};
  const auto end = message.find(']');
  if (end == std::string::npos || end == 1) return {};
  for (size_t i = 1; i < end; ++i) {
    const char c = message[i];
    if (!(std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
          c == '_' || c == '.')) {
      return {};
    }
  }
  return message.substr(1, end - 1);
}

}  // namespace

StatusError::StatusError(const arrow::Status& status)
    : error_class_(ErrorClassOf(status)), message_(status.message()), status_code_(status.CodeAsString()) {
  if (error_class_.empty()) error_class_ = ErrorClassFromMessage(message_);
}

void RegisterStatusErrorTranslator(nb::handle error_type) {
  nb::register_exception_translator(
      [](const std::exception_ptr& p, void* payload) {
        try {
          std::rethrow_exception(p);
        } catch (const StatusError& e) {
          nb::handle type(static_cast<PyObject*>(payload));
          try {
            nb::object error_class = nb::none();
            if (!e.error_class().empty()) error_class = nb::str(e.error_class().c_str());
            nb::object error = type(nb::str(e.message().c_str()), error_class, nb::str(e.status_code().c_str()));
            PyErr_SetObject(type.ptr(), error.ptr());
          } catch (nb::python_error& failed) {
            failed.restore();
          }
        }
      },
      error_type.ptr());
}

}  // namespace tarn::python
