#include "python/arrow_capsules.h"

#include <arrow/c/abi.h>
#include <arrow/c/bridge.h>
#include <arrow/record_batch.h>
#include <arrow/table.h>

namespace nb = nanobind;

namespace tarn::python {
namespace {

constexpr const char* kStreamCapsuleName = "arrow_array_stream";
constexpr const char* kSchemaCapsuleName = "arrow_schema";

void ReleaseStream(void* p) noexcept {
  std::unique_ptr<ArrowArrayStream> stream(static_cast<ArrowArrayStream*>(p));
  if (stream->release != nullptr) stream->release(stream.get());
}

void ReleaseSchema(void* p) noexcept {
  std::unique_ptr<ArrowSchema> schema(static_cast<ArrowSchema*>(p));
  if (schema->release != nullptr) schema->release(schema.get());
}

}  // namespace

arrow::Result<nb::capsule> ExportTableStream(std::shared_ptr<arrow::Table> table) {
  auto reader = std::make_shared<arrow::TableBatchReader>(std::move(table));
  auto stream = std::make_unique<ArrowArrayStream>();
  ARROW_RETURN_NOT_OK(arrow::ExportRecordBatchReader(std::move(reader), stream.get()));
  nb::capsule capsule(stream.get(), kStreamCapsuleName, &ReleaseStream);
  stream.release();  // the capsule owns it now
  return capsule;
}

arrow::Result<nb::capsule> ExportSchemaCapsule(const arrow::Schema& schema) {
  auto c_schema = std::make_unique<ArrowSchema>();
  ARROW_RETURN_NOT_OK(arrow::ExportSchema(schema, c_schema.get()));
  nb::capsule capsule(c_schema.get(), kSchemaCapsuleName, &ReleaseSchema);
  c_schema.release();  // the capsule owns it now
  return capsule;
}

arrow::Result<std::shared_ptr<arrow::Table>> ImportTableStream(nb::handle capsule) {
  if (!PyCapsule_IsValid(capsule.ptr(), kStreamCapsuleName)) {
    return arrow::Status::TypeError("expected a PyCapsule named 'arrow_array_stream'");
  }
  auto* stream = static_cast<ArrowArrayStream*>(PyCapsule_GetPointer(capsule.ptr(), kStreamCapsuleName));
  if (stream->release == nullptr) {
    return arrow::Status::Invalid("the Arrow stream was already consumed");
  }
  ARROW_ASSIGN_OR_RAISE(auto reader, arrow::ImportRecordBatchReader(stream));
  return reader->ToTable();
}

}  // namespace tarn::python
