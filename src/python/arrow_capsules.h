// The Arrow PyCapsule interface (C data / C stream interface in capsules named
// "arrow_array_stream" and "arrow_schema"): how tables cross between tarn and pyarrow, pandas,
// polars and DuckDB without copying buffers.
#pragma once

#include <memory>

#include <arrow/result.h>
#include <arrow/type_fwd.h>
#include <nanobind/nanobind.h>

namespace tarn::python {

// A capsule owning an ArrowArrayStream over `table`'s batches. A consumer that takes the stream
// moves it out (leaving release == nullptr); otherwise the capsule releases it when collected.
arrow::Result<nanobind::capsule> ExportTableStream(std::shared_ptr<arrow::Table> table);

// A capsule owning an ArrowSchema describing `schema`.
arrow::Result<nanobind::capsule> ExportSchemaCapsule(const arrow::Schema& schema);

// Moves the stream out of an "arrow_array_stream" capsule and reads it whole. The buffers are
// shared with the producer, not copied. Call with the GIL held (a producer may need it).
arrow::Result<std::shared_ptr<arrow::Table>> ImportTableStream(nanobind::handle capsule);

}  // namespace tarn::python
