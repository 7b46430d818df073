// The `tarn._tarn` extension module: the native half of the tarn Python package. The pure-Python
// half (tarn/__init__.py) imports pyarrow before it, so that the Arrow C++ libraries this module
// links are the ones pyarrow already loaded.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <arrow/compute/initialize.h>
#include <arrow/table.h>
#include <arrow/type.h>
#include <nanobind/nanobind.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/unique_ptr.h>
#include <nanobind/stl/vector.h>

#include "python/arrow_capsules.h"
#include "python/connection.h"
#include "python/status_error.h"

namespace nb = nanobind;
using namespace nb::literals;

namespace tarn::python {
namespace {

// The rows a statement returned, shared with every stream exported from them.
struct QueryResult {
  std::shared_ptr<arrow::Table> table;
};

QueryResult RunSql(Connection& connection, std::string sql) {
  arrow::Result<std::shared_ptr<arrow::Table>> table;
  {
    nb::gil_scoped_release unlocked;
    table = connection.Sql(sql);
  }
  return QueryResult{ValueOrThrow(std::move(table))};
}

void RegisterStream(Connection& connection, const std::string& name, nb::handle stream_capsule) {
  // Read with the GIL held: the producer's callbacks may need it.
  auto table = ValueOrThrow(ImportTableStream(stream_capsule));
  ThrowIfError(connection.Register(name, std::move(table)));
}

}  // namespace
}  // namespace tarn::python

NB_MODULE(_tarn, m) {
  using tarn::python::Connection;
  using tarn::python::QueryResult;
  namespace tp = tarn::python;

  tp::ThrowIfError(arrow::compute::Initialize());
  // Kept as a module attribute, so the translator's reference to it stays valid.
  m.attr("TarnError") = nb::module_::import_("tarn.errors").attr("TarnError");
  tp::RegisterStatusErrorTranslator(m.attr("TarnError"));

  nb::class_<QueryResult>(m, "QueryResult", "The rows of one statement, as an Arrow table.")
      .def_prop_ro("num_rows", [](const QueryResult& r) { return r.table->num_rows(); })
      .def_prop_ro("column_names", [](const QueryResult& r) { return r.table->ColumnNames(); })
      .def(
          "__arrow_c_stream__",
          [](const QueryResult& r, nb::object requested_schema) {
            // The schema is fixed by the statement; a consumer that asked for another one casts.
            (void)requested_schema;
            return tp::ValueOrThrow(tp::ExportTableStream(r.table));
          },
          "requested_schema"_a = nb::none())
      .def("__arrow_c_schema__",
           [](const QueryResult& r) { return tp::ValueOrThrow(tp::ExportSchemaCapsule(*r.table->schema())); });

  nb::class_<Connection>(m, "Connection", "An embedded tarn session on one workspace folder.")
      .def_static(
          "open",
          [](std::string home) {
            arrow::Result<std::unique_ptr<Connection>> connection;
            {
              nb::gil_scoped_release unlocked;
              connection = Connection::Open(home);
            }
            return tp::ValueOrThrow(std::move(connection));
          },
          "home"_a)
      .def("sql", &tp::RunSql, "sql"_a, "Runs a script; returns the rows of its last statement.")
      .def("register", &tp::RegisterStream, "name"_a, "stream"_a,
           "Registers an 'arrow_array_stream' capsule's data as a temporary view.")
      .def("unregister", [](Connection& c, const std::string& name) { return tp::ValueOrThrow(c.Unregister(name)); },
           "name"_a)
      .def("close",
           [](Connection& c) {
             nb::gil_scoped_release unlocked;
             c.Close();
           })
      .def_prop_ro("closed", &Connection::closed);
}
