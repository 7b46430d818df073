#include "exec/result_builder.h"

#include <ctime>

namespace tarn::exec {

namespace {

arrow::Status AppendCell(arrow::ArrayBuilder* builder, const arrow::DataType& type, const ResultBuilder::Cell& cell) {
  if (std::holds_alternative<std::monostate>(cell)) return builder->AppendNull();
  switch (type.id()) {
    case arrow::Type::STRING:
      return static_cast<arrow::StringBuilder*>(builder)->Append(std::get<std::string>(cell));
    case arrow::Type::INT64:
      return static_cast<arrow::Int64Builder*>(builder)->Append(std::get<int64_t>(cell));
    case arrow::Type::BOOL:
      return static_cast<arrow::BooleanBuilder*>(builder)->Append(std::get<bool>(cell));
    case arrow::Type::TIMESTAMP:
      return static_cast<arrow::TimestampBuilder*>(builder)->Append(std::get<ResultBuilder::Timestamp>(cell).micros);
    case arrow::Type::MAP: {
      auto* map = static_cast<arrow::MapBuilder*>(builder);
      ARROW_RETURN_NOT_OK(map->Append());
      for (const auto& [k, v] : std::get<ResultBuilder::StringMap>(cell)) {
        ARROW_RETURN_NOT_OK(static_cast<arrow::StringBuilder*>(map->key_builder())->Append(k));
        ARROW_RETURN_NOT_OK(static_cast<arrow::StringBuilder*>(map->item_builder())->Append(v));
      }
      return arrow::Status::OK();
    }
    case arrow::Type::LIST: {
      auto* list = static_cast<arrow::ListBuilder*>(builder);
      ARROW_RETURN_NOT_OK(list->Append());
      for (const auto& v : std::get<ResultBuilder::StringList>(cell)) {
        ARROW_RETURN_NOT_OK(static_cast<arrow::StringBuilder*>(list->value_builder())->Append(v));
      }
      return arrow::Status::OK();
    }
    default:
      return arrow::Status::NotImplemented("result column type ", type.ToString());
  }
}

}  // namespace

arrow::Result<std::shared_ptr<arrow::Table>> ResultBuilder::Finish() const {
  arrow::ArrayVector arrays;
  for (size_t c = 0; c < fields_.size(); ++c) {
    std::unique_ptr<arrow::ArrayBuilder> builder;
    ARROW_RETURN_NOT_OK(arrow::MakeBuilder(arrow::default_memory_pool(), fields_[c]->type(), &builder));
    for (const auto& row : rows_) {
      ARROW_RETURN_NOT_OK(AppendCell(builder.get(), *fields_[c]->type(), row.at(c)));
    }
    ARROW_ASSIGN_OR_RAISE(auto array, builder->Finish());
    arrays.push_back(std::move(array));
  }
  return arrow::Table::Make(arrow::schema(fields_), arrays, static_cast<int64_t>(rows_.size()));
}

arrow::Result<std::shared_ptr<arrow::Table>> StringResult(const std::vector<std::string>& names,
                                                          const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::shared_ptr<arrow::Field>> fields;
  for (const auto& n : names) fields.push_back(arrow::field(n, arrow::utf8(), false));
  ResultBuilder builder(std::move(fields));
  for (const auto& r : rows) {
    std::vector<ResultBuilder::Cell> cells(r.begin(), r.end());
    builder.AddRow(std::move(cells));
  }
  return builder.Finish();
}

std::string DescribeTimeText(int64_t millis) {
  const std::time_t seconds = static_cast<std::time_t>(millis / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[64];
  std::strftime(buffer, sizeof(buffer), "%a %b %d %H:%M:%S UTC %Y", &tm);
  return buffer;
}

}  // namespace tarn::exec
