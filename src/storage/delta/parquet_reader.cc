#include "storage/delta/parquet_reader.h"

namespace tarn::delta {

arrow::Result<std::unique_ptr<parquet::arrow::FileReader>> OpenParquetReader(
    std::shared_ptr<arrow::io::RandomAccessFile> input) {
  parquet::ArrowReaderProperties props;
  props.set_coerce_int96_timestamp_unit(arrow::TimeUnit::MICRO);
  props.set_pre_buffer(true);
  props.set_use_threads(true);
  parquet::arrow::FileReaderBuilder builder;
  ARROW_RETURN_NOT_OK(builder.Open(std::move(input)));
  builder.properties(props);
  return builder.Build();
}

}  // namespace tarn::delta
