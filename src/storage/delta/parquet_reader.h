// Opening Parquet files for reading the way every tarn reader wants them: column chunks decoded
// on all cores (a table of one or two big files still uses every core), I/O pre-buffered, and
// legacy INT96 timestamps read as microseconds (Spark's unit).
#pragma once

#include <memory>

#include <arrow/io/interfaces.h>
#include <arrow/result.h>
#include <parquet/arrow/reader.h>

namespace tarn::delta {

// `strings_as_dictionary`: top-level string columns come back dictionary-encoded, as stored,
// which skips building every string of a column a filter is about to discard.
arrow::Result<std::unique_ptr<parquet::arrow::FileReader>> OpenParquetReader(
    std::shared_ptr<arrow::io::RandomAccessFile> input, bool strings_as_dictionary = false);

}  // namespace tarn::delta
