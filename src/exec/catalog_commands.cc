#include "exec/catalog_commands.h"

#include <fmt/format.h>

#include "catalog/metastore.h"
#include "errors/error_class.h"
#include "exec/describe_commands.h"
#include "exec/result_builder.h"
#include "exec/session_catalog.h"
#include "exec/sql_functions.h"
#include "exec/table_commands.h"
#include "sql/plan/identifier.h"
#include "storage/delta/delta_table.h"
#include "storage/delta/schema.h"

namespace tarn::exec {

namespace {

using Cell = ResultBuilder::Cell;

catalog::StringMap ToMap(const sql::PropertyList& list) {
  catalog::StringMap map;
  for (const auto& [k, v] : list) map[k] = v;
  return map;
}

catalog::ObjectName ObjectOf(const std::vector<std::string>& full) { return {full[0], full[1], full[2]}; }

std::string Lower(const std::string& s) { return sql::AsciiLower(s); }

// The kind and full name of the securable a COMMENT ON / ALTER statement names.
arrow::Result<std::pair<catalog::SecurableKind, std::vector<std::string>>> SecurableOf(const sql::Statement& statement,
                                                                                       SessionCatalog& names) {
  using Object = sql::ObjectKind;
  switch (statement.object) {
    case Object::kCatalog:
      return std::make_pair(catalog::SecurableKind::kCatalog, std::vector<std::string>{Lower(statement.target.at(0))});
    case Object::kSchema: {
      ARROW_ASSIGN_OR_RAISE(auto full, names.QualifySchema(statement.target));
      return std::make_pair(catalog::SecurableKind::kSchema, full);
    }
    case Object::kTable:
    case Object::kView: {
      ARROW_ASSIGN_OR_RAISE(auto full, names.QualifyObject(statement.target));
      return std::make_pair(catalog::SecurableKind::kTable, full);
    }
    case Object::kVolume: {
      ARROW_ASSIGN_OR_RAISE(auto full, names.QualifyObject(statement.target));
      return std::make_pair(catalog::SecurableKind::kVolume, full);
    }
    case Object::kFunction: {
      ARROW_ASSIGN_OR_RAISE(auto full, names.QualifyObject(statement.target));
      return std::make_pair(catalog::SecurableKind::kFunction, full);
    }
    default:
      return UserError("UNSUPPORTED_STATEMENT", "The statement is not supported yet: {}", statement.text);
  }
}

// CREATE TABLE (columns) LOCATION over an existing Delta table registers it when the columns
// are the table's (names, types, nullability), as Delta does; else
// DELTA_CREATE_TABLE_SCHEMA_MISMATCH.
arrow::Status CheckExistingSchema(const sql::TableDefinition& def, const delta::DeltaTable& table) {
  ARROW_ASSIGN_OR_RAISE(auto snapshot, table.LoadSnapshot());
  auto existing = nlohmann::json::parse(snapshot->metadata().schema_string, nullptr, false);
  bool same = existing.is_object() && existing.contains("fields") && existing["fields"].size() == def.columns.size();
  for (size_t i = 0; same && i < def.columns.size(); ++i) {
    const auto& field = existing["fields"][i];
    const auto& column = def.columns[i];
    ARROW_ASSIGN_OR_RAISE(auto type, delta::ArrowTypeToDelta(*column.type));
    same = Lower(field.value("name", "")) == Lower(column.name) && field["type"] == type &&
           field.value("nullable", true) == !column.not_null;
  }
  if (!same) {
    return UserError("DELTA_CREATE_TABLE_SCHEMA_MISMATCH",
                     "The specified schema does not match the existing schema at {}.", table.root());
  }
  return arrow::Status::OK();
}

// The relations a persistent function's body may use: everything but temporary functions,
// which would be gone in the next session (Spark's INVALID_TEMP_OBJ_REFERENCE).
class PersistentObjectRelations : public sql::RelationResolver {
 public:
  PersistentObjectRelations(const sql::RelationResolver& inner, std::string object_name)
      : inner_(inner), object_name_(std::move(object_name)) {}

  sql::PlanPtr FindView(const std::vector<std::string>& name) const override { return inner_.FindView(name); }
  arrow::Result<std::shared_ptr<const sql::TableSource>> ResolveTable(const sql::TableReference& table) const override {
    return inner_.ResolveTable(table);
  }
  arrow::Result<std::shared_ptr<const sql::TableSource>> ResolveTableFunction(
      const std::string& name, const std::vector<FunctionArgument>& arguments,
      bool with_metadata_column) const override {
    return inner_.ResolveTableFunction(name, arguments, with_metadata_column);
  }
  arrow::Result<std::shared_ptr<const sql::SqlFunction>> FindFunction(
      const std::vector<std::string>& name) const override {
    ARROW_ASSIGN_OR_RAISE(auto function, inner_.FindFunction(name));
    if (function && function->name.size() == 1) {  // temporary functions have one-part names
      return UserError("INVALID_TEMP_OBJ_REFERENCE",
                       "Cannot create the persistent object {} of the type FUNCTION because it references to the "
                       "temporary object `{}` of the type FUNCTION. Please make the temporary object `{}` "
                       "persistent, or make the persistent object {} temporary.",
                       object_name_, function->name[0], function->name[0], object_name_);
    }
    return function;
  }

 private:
  const sql::RelationResolver& inner_;
  std::string object_name_;
};

}  // namespace

arrow::Result<std::shared_ptr<arrow::Table>> CatalogCommands::Execute(const sql::Statement& statement) {
  using Kind = sql::StatementKind;
  using Object = sql::ObjectKind;
  auto& names = ctx_.catalog;
  ARROW_ASSIGN_OR_RAISE(auto store, names.metastore());
  switch (statement.kind) {
    case Kind::kUse:
      if (statement.object == Object::kCatalog) {
        ARROW_RETURN_NOT_OK(names.UseCatalog(statement.target.at(0)));
      } else {
        ARROW_RETURN_NOT_OK(names.UseSchema(statement.target));
      }
      return nullptr;

    case Kind::kCreateObject: {
      const auto& spec = *statement.create;
      switch (statement.object) {
        case Object::kCatalog: {
          catalog::CatalogInfo info;
          info.name = Lower(statement.target.at(0));
          info.comment = spec.comment;
          info.properties = ToMap(spec.properties);
          ARROW_RETURN_NOT_OK(store->CreateCatalog(info, spec.if_not_exists));
          return nullptr;
        }
        case Object::kSchema: {
          ARROW_ASSIGN_OR_RAISE(auto full, names.QualifySchema(statement.target));
          catalog::SchemaInfo info;
          info.catalog = full[0];
          info.name = full[1];
          info.comment = spec.comment;
          info.properties = ToMap(spec.properties);
          info.location = spec.location;
          ARROW_RETURN_NOT_OK(store->CreateSchema(info, spec.if_not_exists));
          return nullptr;
        }
        case Object::kVolume: {
          ARROW_ASSIGN_OR_RAISE(auto full, names.QualifyObject(statement.target));
          catalog::VolumeInfo info;
          info.name = ObjectOf(full);
          info.type = spec.external ? catalog::VolumeType::kExternal : catalog::VolumeType::kManaged;
          if (spec.location) info.storage_location = *spec.location;
          info.comment = spec.comment;
          ARROW_RETURN_NOT_OK(store->CreateVolume(info, spec.if_not_exists).status());
          return nullptr;
        }
        case Object::kView: {
          ARROW_ASSIGN_OR_RAISE(auto full, names.QualifyObject(statement.target));
          // Resolve now so that a broken view fails at CREATE, as in Spark.
          sql::PlanPtr body = spec.query;
          if (!spec.column_names.empty()) body = sql::MakeAlias(body, full[2], spec.column_names);
          ARROW_ASSIGN_OR_RAISE(auto resolved, ctx_.analyze(body));
          catalog::TableInfo info;
          info.name = ObjectOf(full);
          info.type = catalog::TableType::kView;
          info.data_source_format = "";
          info.view_text = spec.query_text;
          for (const auto& a : resolved->output) info.view_columns.push_back(a.name);
          info.comment = spec.comment;
          info.properties = ToMap(spec.properties);
          // Names inside the view resolve where it was created, as Spark records it.
          info.properties["view.catalogAndNamespace.numParts"] = "2";
          info.properties["view.catalogAndNamespace.part.0"] = names.current_catalog();
          info.properties["view.catalogAndNamespace.part.1"] = names.current_schema();
          ARROW_RETURN_NOT_OK(store->CreateTable(info, spec.if_not_exists, spec.or_replace).status());
          return nullptr;
        }
        case Object::kFunction: {
          ARROW_ASSIGN_OR_RAISE(auto full, names.QualifyObject(statement.target));
          auto info = FunctionInfoOf(spec, ObjectOf(full));
          // Resolve the body now so that a broken function fails at CREATE, as in Databricks.
          ARROW_ASSIGN_OR_RAISE(auto function, SqlFunctionOf(info, full));
          PersistentObjectRelations relations(ctx_.relations, QuoteNameParts(full));
          sql::Analyzer analyzer(ctx_.functions, relations, ctx_.bind);
          ARROW_RETURN_NOT_OK(analyzer.CheckFunction(*function));
          ARROW_RETURN_NOT_OK(store->CreateFunction(info, spec.if_not_exists, spec.or_replace).status());
          return nullptr;
        }
        default:
          return UserError("UNSUPPORTED_STATEMENT", "The statement is not supported yet: {}", statement.text);
      }
    }

    case Kind::kCreateTable: {
      const auto& def = *statement.table_def;
      ARROW_ASSIGN_OR_RAISE(auto full, names.QualifyObject(statement.target));
      catalog::TableName name = ObjectOf(full);
      ARROW_ASSIGN_OR_RAISE(bool exists, store->TableExists(name));
      if (exists && def.if_not_exists) return nullptr;
      if (exists && !def.or_replace && !def.replace) {
        return UserError("TABLE_OR_VIEW_ALREADY_EXISTS",
                         "Cannot create table or view {} because it already exists.", QuoteNameParts(full));
      }
      if (!exists && def.replace) {
        return UserError("TABLE_OR_VIEW_NOT_FOUND", "The table or view {} cannot be found.", QuoteNameParts(full));
      }
      catalog::TableInfo info;
      info.name = name;
      info.comment = def.comment;
      info.data_source_format = "DELTA";
      TableTarget target;
      target.full_name = full;
      target.display_name = QuoteNameParts(full);
      if (exists) {
        ARROW_ASSIGN_OR_RAISE(auto current, store->GetTable(name));
        if (current.type == catalog::TableType::kView) {
          return UserError("EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE", "{} is a view, not a table.", target.display_name);
        }
        info = current;
        info.comment = def.comment;
        target.location = current.storage_location;
        target.managed = current.type == catalog::TableType::kManaged;
      } else if (def.location) {
        info.type = catalog::TableType::kExternal;
        ARROW_ASSIGN_OR_RAISE(target.location, names.ResolvePath(*def.location));
        info.storage_location = target.location;
      } else {
        ARROW_ASSIGN_OR_RAISE(auto allocation, store->AllocateManagedTable(name.schema_name()));
        info.table_id = allocation.table_id;
        info.storage_location = allocation.storage_location;
        target.location = allocation.storage_location;
        target.managed = true;
      }
      // The Delta log first, then the catalog row: a crash in between leaves an orphan folder,
      // never a name without a table. CREATE TABLE .. LOCATION over an existing Delta table
      // registers it as it is (how a table Spark wrote joins the catalog).
      ARROW_ASSIGN_OR_RAISE(auto delta_table, delta::DeltaTable::Open(target.location));
      const bool register_existing = !exists && def.location && delta_table.Exists() && !def.as_query;
      if (register_existing && def.columns_given) ARROW_RETURN_NOT_OK(CheckExistingSchema(def, delta_table));
      if (!register_existing) {
        auto create = statement;
        auto path_def = std::make_shared<sql::TableDefinition>(def);
        if (exists) path_def->or_replace = true;
        create.table_def = path_def;
        TableCommands tables(ctx_);
        ARROW_RETURN_NOT_OK(tables.CreateTableAtPath(create, target).status());
      }
      ARROW_RETURN_NOT_OK(store->CreateTable(info, false, exists).status());
      return nullptr;
    }

    case Kind::kDropObject: {
      switch (statement.object) {
        case Object::kCatalog:
          if (Lower(statement.target.at(0)) == names.current_catalog()) {
            return UserError("CANNOT_DROP_CURRENT_CATALOG", "Cannot drop the current catalog {}.",
                             QuoteNameParts(statement.target));
          }
          ARROW_RETURN_NOT_OK(store->DropCatalog(Lower(statement.target.at(0)), statement.if_exists, statement.cascade));
          return nullptr;
        case Object::kSchema: {
          ARROW_ASSIGN_OR_RAISE(auto full, names.QualifySchema(statement.target));
          ARROW_RETURN_NOT_OK(store->DropSchema({full[0], full[1]}, statement.if_exists, statement.cascade));
          return nullptr;
        }
        case Object::kTable: {
          ARROW_ASSIGN_OR_RAISE(auto full, names.QualifyObject(statement.target));
          ARROW_RETURN_NOT_OK(store->DropTable(ObjectOf(full), statement.if_exists));
          return nullptr;
        }
        case Object::kView: {
          ARROW_ASSIGN_OR_RAISE(auto full, names.QualifyObject(statement.target));
          ARROW_RETURN_NOT_OK(store->DropView(ObjectOf(full), statement.if_exists));
          return nullptr;
        }
        case Object::kVolume: {
          ARROW_ASSIGN_OR_RAISE(auto full, names.QualifyObject(statement.target));
          ARROW_RETURN_NOT_OK(store->DropVolume(ObjectOf(full), statement.if_exists));
          return nullptr;
        }
        case Object::kFunction: {
          ARROW_ASSIGN_OR_RAISE(auto full, names.QualifyObject(statement.target));
          ARROW_RETURN_NOT_OK(store->DropFunction(ObjectOf(full), statement.if_exists));
          return nullptr;
        }
        default:
          return UserError("UNSUPPORTED_STATEMENT", "The statement is not supported yet: {}", statement.text);
      }
    }

    case Kind::kCommentOn: {
      ARROW_ASSIGN_OR_RAISE(auto securable, SecurableOf(statement, names));
      ARROW_RETURN_NOT_OK(store->SetComment(securable.first, securable.second, statement.comment));
      return nullptr;
    }

    case Kind::kShow: {
      const auto& spec = *statement.show;
      switch (spec.kind) {
        case sql::ShowKind::kCatalogs: {
          ARROW_ASSIGN_OR_RAISE(auto list, store->ListCatalogs(spec.pattern));
          std::vector<std::vector<std::string>> rows;
          for (const auto& c : list) rows.push_back({c.name});
          return StringResult({"catalog"}, rows);
        }
        case sql::ShowKind::kSchemas: {
          const std::string in = spec.in.empty() ? names.current_catalog() : Lower(spec.in.at(0));
          ARROW_ASSIGN_OR_RAISE(auto list, store->ListSchemas(in, spec.pattern));
          std::vector<std::vector<std::string>> rows;
          for (const auto& s : list) rows.push_back({s.name});
          return StringResult({"databaseName"}, rows);
        }
        case sql::ShowKind::kTables:
        case sql::ShowKind::kViews: {
          std::vector<std::string> schema = {names.current_catalog(), names.current_schema()};
          if (!spec.in.empty()) {
            ARROW_ASSIGN_OR_RAISE(schema, names.QualifySchema(spec.in));
          }
          ARROW_ASSIGN_OR_RAISE(auto list, store->ListTables({schema[0], schema[1]}, spec.pattern));
          ResultBuilder builder({arrow::field("namespace", arrow::utf8(), false),
                                 arrow::field(spec.kind == sql::ShowKind::kViews ? "viewName" : "tableName",
                                              arrow::utf8(), false),
                                 arrow::field("isTemporary", arrow::boolean(), false)});
          for (const auto& t : list) {
            if (spec.kind == sql::ShowKind::kViews && t.type != catalog::TableType::kView) continue;
            builder.AddRow({schema[1], t.name.name, false});
          }
          return builder.Finish();
        }
        case sql::ShowKind::kVolumes: {
          std::vector<std::string> schema = {names.current_catalog(), names.current_schema()};
          if (!spec.in.empty()) {
            ARROW_ASSIGN_OR_RAISE(schema, names.QualifySchema(spec.in));
          }
          ARROW_ASSIGN_OR_RAISE(auto list, store->ListVolumes({schema[0], schema[1]}, spec.pattern));
          std::vector<std::vector<std::string>> rows;
          for (const auto& v : list) rows.push_back({schema[1], v.name.name});
          return StringResult({"database", "volume_name"}, rows);
        }
        case sql::ShowKind::kTblProperties: {
          ARROW_ASSIGN_OR_RAISE(auto target, names.ResolveTarget(statement.table));
          ARROW_ASSIGN_OR_RAISE(auto table, delta::DeltaTable::Open(target.location));
          ARROW_ASSIGN_OR_RAISE(auto snapshot, table.LoadSnapshot());
          std::vector<std::vector<std::string>> rows;
          for (const auto& [k, v] : snapshot->metadata().configuration) {
            if (spec.property_key.empty() || spec.property_key == k) rows.push_back({k, v});
          }
          return StringResult({"key", "value"}, rows);
        }
        case sql::ShowKind::kColumns:
          return DescribeCommands(ctx_).ShowColumns(statement);
        case sql::ShowKind::kCreateTable:
          return DescribeCommands(ctx_).ShowCreateTable(statement);
        case sql::ShowKind::kPartitions:
          return DescribeCommands(ctx_).ShowPartitions(statement);
        default:
          return UserError("UNSUPPORTED_STATEMENT", "The statement is not supported yet: {}", statement.text);
      }
    }

    case Kind::kDescribeObject:
      return DescribeCommands(ctx_).DescribeObject(statement);

    case Kind::kAlterObject: {
      const auto& spec = *statement.alter;
      if ((statement.object == Object::kTable || statement.object == Object::kView) &&
          spec.action == sql::AlterAction::kRename) {
        ARROW_ASSIGN_OR_RAISE(auto from, names.QualifyObject(statement.target));
        ARROW_ASSIGN_OR_RAISE(auto to, names.QualifyObject(spec.new_name));
        ARROW_RETURN_NOT_OK(store->RenameTable(ObjectOf(from), ObjectOf(to)));
        return nullptr;
      }
      if (statement.object == Object::kTable &&
          (spec.action == sql::AlterAction::kSetProperties || spec.action == sql::AlterAction::kUnsetProperties)) {
        ARROW_ASSIGN_OR_RAISE(auto target, names.ResolveTarget(statement.table));
        ARROW_ASSIGN_OR_RAISE(auto table, delta::DeltaTable::Open(target.location));
        delta::StringMap set;
        for (const auto& [k, v] : spec.properties) set[k] = v;
        ARROW_RETURN_NOT_OK(table.SetProperties(set, spec.keys).status());
        return nullptr;
      }
      if (statement.object == Object::kVolume && spec.action == sql::AlterAction::kRename) {
        ARROW_ASSIGN_OR_RAISE(auto from, names.QualifyObject(statement.target));
        auto to_name = spec.new_name;
        if (to_name.size() == 1) to_name = {from[0], from[1], to_name[0]};  // stays in its schema
        ARROW_ASSIGN_OR_RAISE(auto to, names.QualifyObject(to_name));
        ARROW_RETURN_NOT_OK(store->RenameVolume(ObjectOf(from), ObjectOf(to)));
        return nullptr;
      }
      if ((statement.object == Object::kSchema || statement.object == Object::kCatalog) &&
          (spec.action == sql::AlterAction::kSetProperties || spec.action == sql::AlterAction::kUnsetProperties)) {
        ARROW_ASSIGN_OR_RAISE(auto securable, SecurableOf(statement, names));
        ARROW_RETURN_NOT_OK(store->SetProperties(securable.first, securable.second, ToMap(spec.properties), spec.keys));
        return nullptr;
      }
      if (spec.action == sql::AlterAction::kSetOwner) {
        ARROW_ASSIGN_OR_RAISE(auto securable, SecurableOf(statement, names));
        ARROW_RETURN_NOT_OK(store->SetOwner(securable.first, securable.second, spec.owner));
        return nullptr;
      }
      if (statement.object == Object::kView && spec.action == sql::AlterAction::kAsQuery) {
        ARROW_ASSIGN_OR_RAISE(auto full, names.QualifyObject(statement.target));
        ARROW_ASSIGN_OR_RAISE(auto existing, store->GetTable(ObjectOf(full)));
        if (existing.type != catalog::TableType::kView) {
          return UserError("EXPECT_VIEW_NOT_TABLE.NO_ALTERNATIVE",
                           "The table {} does not support ALTER VIEW. Please use ALTER TABLE instead.",
                           fmt::join(full, "."));
        }
        ARROW_ASSIGN_OR_RAISE(auto resolved, ctx_.analyze(spec.query));
        existing.view_text = spec.query_text;
        existing.view_columns.clear();
        for (const auto& a : resolved->output) existing.view_columns.push_back(a.name);
        existing.properties["view.catalogAndNamespace.part.0"] = names.current_catalog();
        existing.properties["view.catalogAndNamespace.part.1"] = names.current_schema();
        ARROW_RETURN_NOT_OK(store->CreateTable(existing, false, true).status());
        return nullptr;
      }
      if (statement.object == Object::kTable && spec.action == sql::AlterAction::kSetLocation && spec.location) {
        ARROW_ASSIGN_OR_RAISE(auto full, names.QualifyObject(statement.target));
        ARROW_ASSIGN_OR_RAISE(auto location, names.ResolvePath(*spec.location));
        ARROW_RETURN_NOT_OK(store->SetTableLocation(ObjectOf(full), location));
        return nullptr;
      }
      if (statement.object == Object::kTable && spec.action == sql::AlterAction::kClusterBy) {
        ARROW_ASSIGN_OR_RAISE(auto target, names.ResolveTarget(statement.table));
        ARROW_ASSIGN_OR_RAISE(auto table, delta::DeltaTable::Open(target.location));
        if (!table.Exists()) return DeltaTableNotFound(target);
        ARROW_RETURN_NOT_OK(table.SetClustering(spec.cluster_by).status());
        return nullptr;
      }
      if (statement.object == Object::kTable &&
          (spec.action == sql::AlterAction::kAddConstraint || spec.action == sql::AlterAction::kDropConstraint)) {
        return AlterConstraint(statement, names);
      }
      if (statement.object == Object::kTable &&
          (spec.action == sql::AlterAction::kAddColumns || spec.action == sql::AlterAction::kRenameColumn ||
           spec.action == sql::AlterAction::kDropColumns || spec.action == sql::AlterAction::kAlterColumn)) {
        return AlterColumns(statement, names);
      }
      return UserError("UNSUPPORTED_STATEMENT", "The statement is not supported yet: {}", statement.text);
    }

    default:
      return UserError("UNSUPPORTED_STATEMENT", "The statement is not supported yet: {}", statement.text);
  }
}

namespace {

// A column path as one top-level name; nested fields (a.b) are not supported yet.
arrow::Result<std::string> TopLevelColumn(const std::vector<std::string>& path) {
  if (path.size() != 1) {
    return UserError("UNSUPPORTED_FEATURE", "Changing the nested field `{}` is not supported yet.",
                     fmt::join(path, "."));
  }
  return path[0];
}

}  // namespace

arrow::Result<std::shared_ptr<arrow::Table>> CatalogCommands::AlterColumns(const sql::Statement& statement,
                                                                           SessionCatalog& names) {
  const auto& spec = *statement.alter;
  ARROW_ASSIGN_OR_RAISE(auto target, names.ResolveTarget(statement.table));
  ARROW_ASSIGN_OR_RAISE(auto table, delta::DeltaTable::Open(target.location));
  if (!table.Exists()) return DeltaTableNotFound(target);
  using Kind = delta::SchemaChange::Kind;
  std::vector<delta::SchemaChange> changes;
  switch (spec.action) {
    case sql::AlterAction::kAddColumns: {
      delta::SchemaChange change;
      change.kind = Kind::kAddColumns;
      for (size_t i = 0; i < spec.columns.size(); ++i) {
        const auto& c = spec.columns[i];
        if (c.name.find('.') != std::string::npos) ARROW_RETURN_NOT_OK(TopLevelColumn({"", c.name}).status());
        if (c.default_value || c.generated_as || c.identity) {
          return UserError("UNSUPPORTED_FEATURE", "Column defaults, generated and identity columns are not "
                           "supported yet (column `{}`).", c.name);
        }
        ARROW_ASSIGN_OR_RAISE(auto type, delta::ArrowTypeToDelta(*c.type));
        nlohmann::json field = {{"name", c.name}, {"type", type}, {"nullable", !c.not_null},
                                {"metadata", nlohmann::json::object()}};
        if (c.comment) field["metadata"]["comment"] = *c.comment;
        change.added.push_back({field, i < spec.column_positions.size() ? spec.column_positions[i] : ""});
      }
      changes.push_back(std::move(change));
      break;
    }
    case sql::AlterAction::kRenameColumn: {
      delta::SchemaChange change;
      change.kind = Kind::kRenameColumn;
      ARROW_ASSIGN_OR_RAISE(change.column, TopLevelColumn(spec.column));
      change.new_name = spec.new_column_name;
      changes.push_back(std::move(change));
      break;
    }
    case sql::AlterAction::kDropColumns: {
      delta::SchemaChange change;
      change.kind = Kind::kDropColumns;
      change.if_exists = spec.if_exists;
      for (const auto& path : spec.drop_columns) {
        ARROW_ASSIGN_OR_RAISE(auto name, TopLevelColumn(path));
        change.dropped.push_back(name);
      }
      changes.push_back(std::move(change));
      break;
    }
    default: {  // ALTER | CHANGE COLUMN c {COMMENT | TYPE | SET / DROP NOT NULL}
      ARROW_ASSIGN_OR_RAISE(auto column, TopLevelColumn(spec.column));
      if (!spec.position.empty()) {
        return UserError("UNSUPPORTED_FEATURE", "Moving a column (FIRST / AFTER) is not supported yet.");
      }
      if (spec.new_type) {
        delta::SchemaChange change;
        change.kind = Kind::kChangeType;
        change.column = column;
        ARROW_ASSIGN_OR_RAISE(change.new_type, delta::ArrowTypeToDelta(*spec.new_type));
        changes.push_back(std::move(change));
      }
      if (spec.comment) {
        delta::SchemaChange change;
        change.kind = Kind::kSetComment;
        change.column = column;
        change.comment = spec.comment;
        changes.push_back(std::move(change));
      }
      if (spec.set_not_null) {
        delta::SchemaChange change;
        change.kind = Kind::kSetNullable;
        change.column = column;
        change.nullable = !*spec.set_not_null;
        changes.push_back(std::move(change));
      }
      break;
    }
  }
  for (const auto& change : changes) ARROW_RETURN_NOT_OK(table.ChangeSchema(change).status());
  return nullptr;
}

// CHECK constraints live in the table's properties as delta.constraints.<name> = expression,
// as Delta keeps them; adding one checks the rows already there.
arrow::Result<std::shared_ptr<arrow::Table>> CatalogCommands::AlterConstraint(const sql::Statement& statement,
                                                                              SessionCatalog& names) {
  const auto& spec = *statement.alter;
  ARROW_ASSIGN_OR_RAISE(auto target, names.ResolveTarget(statement.table));
  ARROW_ASSIGN_OR_RAISE(auto table, delta::DeltaTable::Open(target.location));
  if (!table.Exists()) return DeltaTableNotFound(target);
  ARROW_ASSIGN_OR_RAISE(auto snapshot, table.LoadSnapshot());
  const std::string key = "delta.constraints." + sql::AsciiLower(spec.constraint_name);
  const auto& config = snapshot->metadata().configuration;
  const auto existing = config.find(key);
  if (spec.action == sql::AlterAction::kAddConstraint) {
    if (existing != config.end()) {
      return UserError("DELTA_CONSTRAINT_ALREADY_EXISTS",
                       "Constraint '{}' already exists. Please delete the old constraint first.\nOld constraint:\n{}",
                       spec.constraint_name, existing->second);
    }
    auto added = table.SetProperties({{key, spec.constraint_text}}, {});
    if (!added.ok() && added.status().message().find("DELTA_VIOLATE_CONSTRAINT_WITH_VALUES") != std::string::npos) {
      return UserError("DELTA_NEW_CHECK_CONSTRAINT_VIOLATION",
                       "Rows in {} violate the new CHECK constraint ({}); for example: {}", target.display_name,
                       spec.constraint_text, added.status().message());
    }
    ARROW_RETURN_NOT_OK(added.status());
    return nullptr;
  }
  if (existing == config.end()) {
    if (spec.if_exists) return nullptr;
    return UserError("DELTA_CONSTRAINT_DOES_NOT_EXIST",
                     "Cannot drop nonexistent constraint {} from table {}. To avoid throwing an error, provide the "
                     "parameter IF EXISTS.",
                     spec.constraint_name, target.display_name);
  }
  ARROW_RETURN_NOT_OK(table.SetProperties({}, {key}).status());
  return nullptr;
}

}  // namespace tarn::exec
