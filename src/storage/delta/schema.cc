#include "storage/delta/schema.h"

#include <algorithm>
#include <cstdio>


#include <arrow/type.h>
#include <arrow/util/key_value_metadata.h>

#include "errors/error_class.h"

namespace tarn::delta {

using nlohmann::json;

namespace {

constexpr const char* kPhysicalNameKey = "delta.columnMapping.physicalName";
constexpr const char* kColumnIdKey = "delta.columnMapping.id";

bool EqualsIgnoreCase(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

arrow::Result<std::shared_ptr<arrow::Field>> DeltaFieldToArrow(const json& field, FieldNames names) {
  std::string name = field.at("name").get<std::string>();
  const json& metadata = field.contains("metadata") ? field["metadata"] : json::object();
  std::shared_ptr<arrow::KeyValueMetadata> kv;
  if (names == FieldNames::kPhysical) {
    if (metadata.contains(kPhysicalNameKey)) name = metadata[kPhysicalNameKey].get<std::string>();
    if (metadata.contains(kColumnIdKey)) {
      kv = arrow::key_value_metadata({"PARQUET:field_id"},
                                     {std::to_string(metadata[kColumnIdKey].get<int64_t>())});
    }
  }
  ARROW_ASSIGN_OR_RAISE(auto type, DeltaTypeToArrow(field.at("type"), names));
  return arrow::field(name, type, field.value("nullable", true), kv);
}

}  // namespace

arrow::Result<ColumnMappingMode> ParseColumnMappingMode(const std::string& value) {
  if (value.empty() || value == "none") return ColumnMappingMode::kNone;
  if (value == "name") return ColumnMappingMode::kName;
  if (value == "id") return ColumnMappingMode::kId;
  return UserError("DELTA_MODE_NOT_SUPPORTED", "unknown delta.columnMapping.mode '{}'", value);
}

arrow::Result<std::shared_ptr<arrow::DataType>> DeltaTypeToArrow(const json& type, FieldNames names) {
  if (type.is_string()) {
    const std::string t = type.get<std::string>();
    if (t == "string") return arrow::utf8();
    if (t == "long") return arrow::int64();
    if (t == "integer") return arrow::int32();
    if (t == "short") return arrow::int16();
    if (t == "byte") return arrow::int8();
    if (t == "float") return arrow::float32();
    if (t == "double") return arrow::float64();
    if (t == "boolean") return arrow::boolean();
    if (t == "binary") return arrow::binary();
    if (t == "date") return arrow::date32();
    if (t == "timestamp") return arrow::timestamp(arrow::TimeUnit::MICRO, "UTC");
    if (t == "timestamp_ntz") return arrow::timestamp(arrow::TimeUnit::MICRO);
    int precision = 0, scale = 0;
    char close = 0;
    if (t.rfind("decimal(", 0) == 0 && std::sscanf(t.c_str(), "decimal(%d ,%d %c", &precision, &scale, &close) == 3 &&
        close == ')') {
      if (precision < 1 || precision > 38 || scale > precision) {
        return UserError("DELTA_UNSUPPORTED_DATA_TYPE", "invalid decimal type {}", t);
      }
      return arrow::decimal128(precision, scale);
    }
    return UserError("DELTA_UNSUPPORTED_DATA_TYPE", "unsupported Delta type '{}'", t);
  }
  if (!type.is_object()) {
    return UserError("DELTA_INVALID_SCHEMA", "malformed type {}", type.dump());
  }
  const std::string kind = type.value("type", "");
  if (kind == "struct") {
    arrow::FieldVector fields;
    for (const auto& f : type.at("fields")) {
      ARROW_ASSIGN_OR_RAISE(auto field, DeltaFieldToArrow(f, names));
      fields.push_back(std::move(field));
    }
    return arrow::struct_(fields);
  }
  if (kind == "array") {
    ARROW_ASSIGN_OR_RAISE(auto element, DeltaTypeToArrow(type.at("elementType"), names));
    return arrow::list(arrow::field("element", element, type.value("containsNull", true)));
  }
  if (kind == "map") {
    ARROW_ASSIGN_OR_RAISE(auto key, DeltaTypeToArrow(type.at("keyType"), names));
    ARROW_ASSIGN_OR_RAISE(auto value, DeltaTypeToArrow(type.at("valueType"), names));
    return std::make_shared<arrow::MapType>(
        arrow::field("key", key, false),
        arrow::field("value", value, type.value("valueContainsNull", true)));
  }
  return UserError("DELTA_UNSUPPORTED_DATA_TYPE", "unsupported Delta type {}", type.dump());
}

arrow::Result<std::shared_ptr<arrow::Schema>> DeltaSchemaToArrow(const json& schema, FieldNames names) {
  try {
    arrow::FieldVector fields;
    for (const auto& f : schema.at("fields")) {
      ARROW_ASSIGN_OR_RAISE(auto field, DeltaFieldToArrow(f, names));
      fields.push_back(std::move(field));
    }
    return arrow::schema(fields);
  } catch (const json::exception& e) {
    return UserError("DELTA_INVALID_SCHEMA", "malformed Delta schema: {}", e.what());
  }
}

namespace {

// The Delta field metadata an Arrow field carries: its column comment (Arrow metadata "comment").
json FieldMetadataOf(const arrow::Field& field) {
  json metadata = json::object();
  if (field.metadata()) {
    auto comment = field.metadata()->Get("comment");
    if (comment.ok()) metadata["comment"] = *comment;
  }
  return metadata;
}

}  // namespace

arrow::Result<json> ArrowTypeToDelta(const arrow::DataType& type) {
  using arrow::Type;
  switch (type.id()) {
    case Type::STRING:
    case Type::LARGE_STRING:
    case Type::STRING_VIEW:
      return json("string");
    case Type::INT64:
    case Type::UINT32:
      return json("long");
    case Type::INT32:
    case Type::UINT16:
      return json("integer");
    case Type::INT16:
    case Type::UINT8:
      return json("short");
    case Type::INT8:
      return json("byte");
    case Type::HALF_FLOAT:
    case Type::FLOAT:
      return json("float");
    case Type::DOUBLE:
      return json("double");
    case Type::BOOL:
      return json("boolean");
    case Type::BINARY:
    case Type::LARGE_BINARY:
    case Type::BINARY_VIEW:
    case Type::FIXED_SIZE_BINARY:
      return json("binary");
    case Type::DATE32:
    case Type::DATE64:
      return json("date");
    case Type::TIMESTAMP: {
      const auto& ts = static_cast<const arrow::TimestampType&>(type);
      return json(ts.timezone().empty() ? "timestamp_ntz" : "timestamp");
    }
    case Type::DECIMAL32:
    case Type::DECIMAL64:
    case Type::DECIMAL128: {
      const auto& d = static_cast<const arrow::DecimalType&>(type);
      return json(fmt::format("decimal({},{})", d.precision(), d.scale()));
    }
    case Type::UINT64:
      return json("decimal(20,0)");
    case Type::STRUCT: {
      json fields = json::array();
      for (const auto& f : type.fields()) {
        ARROW_ASSIGN_OR_RAISE(auto t, ArrowTypeToDelta(*f->type()));
        fields.push_back({{"name", f->name()}, {"type", t}, {"nullable", f->nullable()},
                          {"metadata", FieldMetadataOf(*f)}});
      }
      return json{{"type", "struct"}, {"fields", fields}};
    }
    case Type::LIST:
    case Type::LARGE_LIST:
    case Type::FIXED_SIZE_LIST:
    case Type::LIST_VIEW: {
      const auto& value_field = type.field(0);
      ARROW_ASSIGN_OR_RAISE(auto t, ArrowTypeToDelta(*value_field->type()));
      return json{{"type", "array"}, {"elementType", t}, {"containsNull", value_field->nullable()}};
    }
    case Type::MAP: {
      const auto& m = static_cast<const arrow::MapType&>(type);
      ARROW_ASSIGN_OR_RAISE(auto k, ArrowTypeToDelta(*m.key_type()));
      ARROW_ASSIGN_OR_RAISE(auto v, ArrowTypeToDelta(*m.item_type()));
      return json{{"type", "map"}, {"keyType", k}, {"valueType", v},
                  {"valueContainsNull", m.item_field()->nullable()}};
    }
    case Type::DICTIONARY:
      return ArrowTypeToDelta(*static_cast<const arrow::DictionaryType&>(type).value_type());
    default:
      return UserError("DELTA_UNSUPPORTED_DATA_TYPE", "Arrow type {} has no Delta equivalent",
                       type.ToString());
  }
}

arrow::Result<json> ArrowSchemaToDelta(const arrow::Schema& schema) {
  json fields = json::array();
  for (const auto& f : schema.fields()) {
    ARROW_ASSIGN_OR_RAISE(auto t, ArrowTypeToDelta(*f->type()));
    fields.push_back({{"name", f->name()}, {"type", t}, {"nullable", f->nullable()},
                      {"metadata", FieldMetadataOf(*f)}});
  }
  return json{{"type", "struct"}, {"fields", fields}};
}

arrow::Result<std::shared_ptr<arrow::DataType>> NormalizedArrowType(const arrow::DataType& type) {
  ARROW_ASSIGN_OR_RAISE(auto delta_type, ArrowTypeToDelta(type));
  return DeltaTypeToArrow(delta_type, FieldNames::kLogical);
}

const json* FindField(const json& struct_type, const std::string& name) {
  if (!struct_type.contains("fields")) return nullptr;
  for (const auto& f : struct_type["fields"]) {
    if (EqualsIgnoreCase(f.value("name", ""), name)) return &f;
  }
  return nullptr;
}

std::string LowerCaseName(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  return name;
}

std::string PhysicalName(const json& field) {
  if (field.contains("metadata") && field["metadata"].contains(kPhysicalNameKey)) {
    return field["metadata"][kPhysicalNameKey].get<std::string>();
  }
  return field.value("name", "");
}

namespace {

bool IsStruct(const json& t) { return t.is_object() && t.value("type", "") == "struct"; }

arrow::Result<json> MergeTypes(const json& table, const json& incoming, const std::string& path) {
  if (IsStruct(table) && IsStruct(incoming)) return MergeSchemas(table, incoming);
  if (table.is_object() && incoming.is_object() && table.value("type", "") == "array" &&
      incoming.value("type", "") == "array") {
    json out = table;
    ARROW_ASSIGN_OR_RAISE(out["elementType"],
                          MergeTypes(table["elementType"], incoming["elementType"], path + ".element"));
    return out;
  }
  if (table.is_object() && incoming.is_object() && table.value("type", "") == "map" &&
      incoming.value("type", "") == "map") {
    json out = table;
    ARROW_ASSIGN_OR_RAISE(out["keyType"], MergeTypes(table["keyType"], incoming["keyType"], path + ".key"));
    ARROW_ASSIGN_OR_RAISE(out["valueType"],
                          MergeTypes(table["valueType"], incoming["valueType"], path + ".value"));
    return out;
  }
  if (table == incoming) return table;
  return UserError("DELTA_FAILED_TO_MERGE_FIELDS", "Failed to merge fields '{}': {} and {}", path,
                   table.dump(), incoming.dump());
}

}  // namespace

arrow::Result<json> MergeSchemas(const json& table, const json& incoming) {
  json out = table;
  for (const auto& in_field : incoming.at("fields")) {
    const std::string name = in_field.at("name").get<std::string>();
    bool found = false;
    for (auto& f : out["fields"]) {
      if (EqualsIgnoreCase(f.value("name", ""), name)) {
        ARROW_ASSIGN_OR_RAISE(f["type"], MergeTypes(f["type"], in_field["type"], name));
        found = true;
        break;
      }
    }
    if (!found) {
      json added = in_field;
      added["nullable"] = true;  // existing rows have no value for it
      out["fields"].push_back(added);
    }
  }
  return out;
}

namespace {

arrow::Status CheckTypeCompatible(const json& table, const json& incoming, const std::string& path) {
  if (IsStruct(table) && IsStruct(incoming)) {
    for (const auto& in_field : incoming["fields"]) {
      const std::string name = in_field.at("name").get<std::string>();
      const json* t = FindField(table, name);
      if (!t) {
        return UserError("DELTA_METADATA_MISMATCH",
                         "A schema mismatch detected when writing to the Delta table: column '{}' "
                         "is not in the table schema. To enable schema migration, use --merge-schema "
                         "(option mergeSchema).",
                         path.empty() ? name : path + "." + name);
      }
      ARROW_RETURN_NOT_OK(CheckTypeCompatible((*t)["type"], in_field["type"],
                                              path.empty() ? name : path + "." + name));
    }
    return arrow::Status::OK();
  }
  if (table.is_object() && incoming.is_object() && table.value("type", "") == incoming.value("type", "")) {
    const std::string kind = table.value("type", "");
    if (kind == "array") {
      return CheckTypeCompatible(table["elementType"], incoming["elementType"], path + ".element");
    }
    if (kind == "map") {
      ARROW_RETURN_NOT_OK(CheckTypeCompatible(table["keyType"], incoming["keyType"], path + ".key"));
      return CheckTypeCompatible(table["valueType"], incoming["valueType"], path + ".value");
    }
  }
  if (table == incoming) return arrow::Status::OK();
  return UserError("DELTA_FAILED_TO_MERGE_FIELDS",
                   "A schema mismatch detected when writing to the Delta table: column '{}' has "
                   "type {} in the table but {} in the data",
                   path, table.dump(), incoming.dump());
}

}  // namespace

arrow::Status CheckWriteCompatible(const json& table, const json& incoming) {
  return CheckTypeCompatible(table, incoming, "");
}

namespace {

void AssignMappingInType(json& type, int64_t* max_id);

void AssignMappingInField(json& field, int64_t* max_id) {
  if (!field.contains("metadata") || !field["metadata"].is_object()) field["metadata"] = json::object();
  json& md = field["metadata"];
  if (!md.contains(kColumnIdKey)) md[kColumnIdKey] = ++*max_id;
  if (!md.contains(kPhysicalNameKey)) {
    // Spark uses "col-<uuid>"; any unique name works. Derive it from the id to stay deterministic.
    md[kPhysicalNameKey] = fmt::format("col-{:08x}-{:04x}", static_cast<uint32_t>(std::hash<std::string>{}(
                                                               field.value("name", ""))),
                                       md[kColumnIdKey].get<int64_t>());
  }
  AssignMappingInType(field["type"], max_id);
}

void AssignMappingInType(json& type, int64_t* max_id) {
  if (!type.is_object()) return;
  const std::string kind = type.value("type", "");
  if (kind == "struct") {
    for (auto& f : type["fields"]) AssignMappingInField(f, max_id);
  } else if (kind == "array") {
    AssignMappingInType(type["elementType"], max_id);
  } else if (kind == "map") {
    AssignMappingInType(type["keyType"], max_id);
    AssignMappingInType(type["valueType"], max_id);
  }
}

}  // namespace

json AssignColumnMapping(const json& schema, int64_t* max_column_id) {
  json out = schema;
  AssignMappingInType(out, max_column_id);
  return out;
}

}  // namespace tarn::delta
