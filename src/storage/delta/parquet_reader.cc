#include "storage/delta/parquet_reader.h"

#include <parquet/file_reader.h>
#include <parquet/metadata.h>
#include <parquet/schema.h>

namespace tarn::delta {

arrow::Result<std::unique_ptr<parquet::arrow::FileReader>> OpenParquetReader(
    std::shared_ptr<arrow::io::RandomAccessFile> input, bool strings_as_dictionary) {
  parquet::ArrowReaderProperties props;
  props.set_coerce_int96_timestamp_unit(arrow::TimeUnit::MICRO);
  props.set_pre_buffer(true);
  props.set_use_threads(true);
  parquet::arrow::FileReaderBuilder builder;
  ARROW_RETURN_NOT_OK(builder.Open(std::move(input)));
  if (strings_as_dictionary) {
    const auto* schema = builder.raw_reader()->metadata()->schema();
    for (int i = 0; i < schema->num_columns(); ++i) {
      const auto* column = schema->Column(i);
      const bool top_level = column->path()->ToDotVector().size() == 1;  // not in a struct or list
      if (top_level && column->logical_type() && column->logical_type()->is_string()) {
        props.set_read_dictionary(i, true);
      }
    }
  }
  builder.properties(props);
  return builder.Build();
}

}  // namespace tarn::delta
