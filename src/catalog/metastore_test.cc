#include "catalog/metastore.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "catalog/catalog_test_support_internal.h"
#include "catalog/volume_path.h"
#include "catalog/workspace_home.h"
#include "errors/error_class.h"

namespace tarn::catalog {
namespace {

namespace fs = std::filesystem;

std::string ClassOf(const arrow::Status& status) { return ErrorClassOf(status); }
template <typename T>
std::string ClassOf(const arrow::Result<T>& result) { return ErrorClassOf(result.status()); }

void WriteFile(const std::string& path, const std::string& text) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path) << text;
}

class CatalogMetastoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Metastore::Open(workspace_.home());
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    metastore_ = *opened;
  }

  TableInfo ManagedTable(const std::string& schema, const std::string& name) {
    auto allocation = metastore_->AllocateManagedTable({"main", schema});
    EXPECT_TRUE(allocation.ok()) << allocation.status().ToString();
    // The caller (the SQL session) writes the Delta log before registering the table.
    WriteFile(allocation->storage_location + "/_delta_log/00000000000000000000.json", "{}\n");
    TableInfo info;
    info.name = {"main", schema, name};
    info.type = TableType::kManaged;
    info.table_id = allocation->table_id;
    info.storage_location = allocation->storage_location;
    return info;
  }

  TempWorkspace workspace_;
  std::shared_ptr<Metastore> metastore_;
};

TEST_F(CatalogMetastoreTest, FirstOpenCreatesTheWorkspaceWithMainDefault) {
  EXPECT_TRUE(fs::is_regular_file(workspace_.home() + "/metastore.db"));
  EXPECT_TRUE(fs::is_directory(workspace_.home() + "/managed"));
  ASSERT_OK_AND_ASSIGN_CATALOG(main_catalog, metastore_->GetCatalog("MAIN"));
  EXPECT_EQ(main_catalog.name, "main");
  EXPECT_FALSE(main_catalog.owner.empty());
  EXPECT_GT(main_catalog.created_at, 0);
  ASSERT_OK_AND_ASSIGN_CATALOG(schema, metastore_->GetSchema({"Main", "Default"}));
  EXPECT_EQ(schema.name, "default");
  // Reopening keeps what is there and adds nothing.
  ASSERT_OK(metastore_->CreateSchema({"main", "extra"}, false));
  ASSERT_OK_AND_ASSIGN_CATALOG(reopened, Metastore::Open(workspace_.home()));
  ASSERT_OK_AND_ASSIGN_CATALOG(schemas, reopened->ListSchemas("main"));
  ASSERT_EQ(schemas.size(), 2u);
  EXPECT_EQ(schemas[0].name, "default");
  EXPECT_EQ(schemas[1].name, "extra");
  EXPECT_OK(reopened->CheckConsistency());
}

TEST_F(CatalogMetastoreTest, DefaultWorkspaceHomeIsAbsolute) {
  std::string home = DefaultWorkspaceHome();
  EXPECT_TRUE(fs::path(home).is_absolute());
  const char* env = std::getenv("TARN_HOME");
  if (env == nullptr || *env == '\0') {
    EXPECT_EQ(fs::path(home).filename(), "tarn-workspace");
  }
}

TEST_F(CatalogMetastoreTest, CatalogLifecycle) {
  CatalogInfo info;
  info.name = "Sales";
  info.comment = "sales data";
  info.properties = {{"team", "bi"}};
  ASSERT_OK(metastore_->CreateCatalog(info, false));
  auto duplicate = metastore_->CreateCatalog({"SALES"}, false);
  EXPECT_EQ(ClassOf(duplicate), "CATALOG_ALREADY_EXISTS");
  EXPECT_NE(duplicate.message().find("`sales`"), std::string::npos) << duplicate.message();
  EXPECT_OK(metastore_->CreateCatalog({"sales"}, /*if_not_exists=*/true));

  ASSERT_OK_AND_ASSIGN_CATALOG(sales, metastore_->GetCatalog("sales"));
  EXPECT_EQ(sales.comment, "sales data");
  EXPECT_EQ(sales.properties.at("team"), "bi");
  // Like Databricks, a new catalog comes with an empty `default` schema.
  EXPECT_OK(metastore_->GetSchema({"sales", "default"}).status());

  ASSERT_OK(metastore_->CreateCatalog({"staging"}, false));
  ASSERT_OK_AND_ASSIGN_CATALOG(all, metastore_->ListCatalogs());
  ASSERT_EQ(all.size(), 3u);
  ASSERT_OK_AND_ASSIGN_CATALOG(matched, metastore_->ListCatalogs("S*|nothing"));
  ASSERT_EQ(matched.size(), 2u);
  EXPECT_EQ(matched[0].name, "sales");
  EXPECT_EQ(matched[1].name, "staging");

  ASSERT_OK(metastore_->SetComment(SecurableKind::kCatalog, {"SALES"}, "renamed comment"));
  ASSERT_OK(metastore_->SetProperties(SecurableKind::kCatalog, {"sales"}, {{"tier", "gold"}},
                                      {"team", "never-set"}));
  ASSERT_OK(metastore_->SetOwner(SecurableKind::kCatalog, {"sales"}, "alice"));
  ASSERT_OK_AND_ASSIGN_CATALOG(altered, metastore_->GetCatalog("sales"));
  EXPECT_EQ(altered.comment, "renamed comment");
  EXPECT_EQ(altered.properties, (StringMap{{"tier", "gold"}}));
  EXPECT_EQ(altered.owner, "alice");
  EXPECT_GE(altered.updated_at, altered.created_at);

  // RESTRICT ignores the auto-created empty `default` but not another schema.
  ASSERT_OK(metastore_->DropCatalog("staging", false, false));
  ASSERT_OK(metastore_->CreateSchema({"sales", "raw"}, false));
  EXPECT_EQ(ClassOf(metastore_->DropCatalog("sales", false, false)), "CATALOG_NOT_EMPTY");
  ASSERT_OK(metastore_->DropCatalog("sales", false, /*cascade=*/true));
  EXPECT_EQ(ClassOf(metastore_->GetCatalog("sales")), "CATALOG_NOT_FOUND");
  EXPECT_EQ(ClassOf(metastore_->GetSchema({"sales", "raw"})), "CATALOG_NOT_FOUND");
  EXPECT_EQ(ClassOf(metastore_->DropCatalog("sales", false, false)), "CATALOG_NOT_FOUND");
  EXPECT_OK(metastore_->DropCatalog("sales", /*if_exists=*/true, false));
  EXPECT_OK(metastore_->CheckConsistency());
}

TEST_F(CatalogMetastoreTest, DroppingMainIsExplicitAndSticks) {
  ASSERT_OK(metastore_->DropCatalog("main", false, false));
  ASSERT_OK_AND_ASSIGN_CATALOG(reopened, Metastore::Open(workspace_.home()));
  EXPECT_EQ(ClassOf(reopened->GetCatalog("main")), "CATALOG_NOT_FOUND");
  ASSERT_OK(reopened->CreateCatalog({"main"}, false));
  EXPECT_OK(reopened->GetSchema({"main", "default"}).status());
}

TEST_F(CatalogMetastoreTest, SchemaLifecycleWithRestrictAndCascade) {
  EXPECT_EQ(ClassOf(metastore_->CreateSchema({"nope", "s"}, false)), "CATALOG_NOT_FOUND");
  SchemaInfo info{"main", "Bronze", "raw files", {{"layer", "1"}}};
  ASSERT_OK(metastore_->CreateSchema(info, false));
  auto duplicate = metastore_->CreateSchema({"main", "bronze"}, false);
  EXPECT_EQ(ClassOf(duplicate), "SCHEMA_ALREADY_EXISTS");
  EXPECT_NE(duplicate.message().find("`main`.`bronze`"), std::string::npos);
  EXPECT_OK(metastore_->CreateSchema({"main", "bronze"}, true));
  ASSERT_OK(metastore_->CreateSchema({"main", "silver"}, false));
  ASSERT_OK_AND_ASSIGN_CATALOG(matched, metastore_->ListSchemas("main", "b*|silver"));
  ASSERT_EQ(matched.size(), 2u);
  EXPECT_EQ(matched[0].properties.at("layer"), "1");
  EXPECT_EQ(ClassOf(metastore_->ListSchemas("nope")), "CATALOG_NOT_FOUND");

  // A managed table and an external table in bronze.
  TableInfo managed = ManagedTable("bronze", "events");
  ASSERT_OK(metastore_->CreateTable(managed, false, false).status());
  std::string external_dir = workspace_.path() + "/external/orders";
  WriteFile(external_dir + "/part-0.parquet", "data");
  TableInfo external;
  external.name = {"main", "bronze", "orders"};
  external.type = TableType::kExternal;
  external.data_source_format = "parquet";
  external.storage_location = external_dir;
  ASSERT_OK(metastore_->CreateTable(external, false, false).status());
  FunctionInfo function;
  function.name = {"main", "bronze", "twice"};
  function.parameters = {{"x", "INT"}};
  function.return_type = "INT";
  function.body = "x * 2";
  ASSERT_OK(metastore_->CreateFunction(function, false, false).status());

  auto restricted = metastore_->DropSchema({"main", "bronze"}, false, false);
  EXPECT_EQ(ClassOf(restricted), "SCHEMA_NOT_EMPTY");
  EXPECT_TRUE(fs::exists(managed.storage_location));
  ASSERT_OK(metastore_->DropSchema({"main", "bronze"}, false, /*cascade=*/true));
  EXPECT_EQ(ClassOf(metastore_->GetSchema({"main", "bronze"})), "SCHEMA_NOT_FOUND");
  EXPECT_EQ(ClassOf(metastore_->GetTable({"main", "bronze", "events"})), "TABLE_OR_VIEW_NOT_FOUND");
  EXPECT_EQ(ClassOf(metastore_->GetFunction({"main", "bronze", "twice"})), "ROUTINE_NOT_FOUND");
  EXPECT_FALSE(fs::exists(managed.storage_location));             // managed data is gone
  EXPECT_TRUE(fs::exists(external_dir + "/part-0.parquet"));      // external data stays
  EXPECT_OK(metastore_->DropSchema({"main", "bronze"}, true, false));
  EXPECT_OK(metastore_->DropSchema({"main", "silver"}, false, false));
  EXPECT_OK(metastore_->CheckConsistency());
}

TEST_F(CatalogMetastoreTest, ManagedTableLifecycle) {
  TableInfo info = ManagedTable("default", "Trips");
  info.comment = "taxi trips";
  info.properties = {{"delta.appendOnly", "true"}};
  ASSERT_OK_AND_ASSIGN_CATALOG(created, metastore_->CreateTable(info, false, false));
  EXPECT_EQ(created.name.name, "trips");
  EXPECT_EQ(created.table_id, info.table_id);
  EXPECT_EQ(created.data_source_format, "DELTA");
  EXPECT_TRUE(fs::path(created.storage_location).is_absolute());
  EXPECT_EQ(fs::path(created.storage_location).parent_path(),
            fs::path(workspace_.home()) / "managed" / "tables");

  ASSERT_OK_AND_ASSIGN_CATALOG(got, metastore_->GetTable({"MAIN", "default", "TRIPS"}));
  EXPECT_EQ(got.type, TableType::kManaged);
  EXPECT_EQ(got.storage_location, created.storage_location);
  EXPECT_EQ(got.comment, "taxi trips");
  EXPECT_EQ(got.properties.at("delta.appendOnly"), "true");

  auto duplicate = metastore_->CreateTable(ManagedTable("default", "trips"), false, false);
  EXPECT_EQ(ClassOf(duplicate), "TABLE_OR_VIEW_ALREADY_EXISTS");
  EXPECT_NE(duplicate.status().message().find("`main`.`default`.`trips`"), std::string::npos);
  ASSERT_OK_AND_ASSIGN_CATALOG(kept, metastore_->CreateTable(ManagedTable("default", "trips"), true, false));
  EXPECT_EQ(kept.table_id, created.table_id);  // the existing table, unchanged

  // CREATE OR REPLACE keeps the table's identity and data folder.
  TableInfo replacement;
  replacement.name = {"main", "default", "trips"};
  replacement.comment = "replaced";
  ASSERT_OK_AND_ASSIGN_CATALOG(replaced, metastore_->CreateTable(replacement, false, true));
  EXPECT_EQ(replaced.table_id, created.table_id);
  EXPECT_EQ(replaced.storage_location, created.storage_location);
  EXPECT_EQ(replaced.created_at, created.created_at);
  EXPECT_EQ(replaced.comment, "replaced");

  // A managed location must be one the metastore handed out.
  TableInfo rogue;
  rogue.name = {"main", "default", "rogue"};
  rogue.table_id = "not-allocated";
  rogue.storage_location = workspace_.path() + "/elsewhere";
  EXPECT_FALSE(metastore_->CreateTable(rogue, false, false).ok());
  EXPECT_FALSE(metastore_->TableExists({"main", "default", "rogue"}).ValueOr(true));

  // Undoing one's own create only drops the table with the expected id.
  auto wrong_id = metastore_->DropTable({"main", "default", "trips"}, false, "another-id");
  EXPECT_EQ(ClassOf(wrong_id), "TABLE_OR_VIEW_NOT_FOUND");
  EXPECT_OK(metastore_->DropTable({"main", "default", "trips"}, true, "another-id"));
  EXPECT_TRUE(fs::exists(created.storage_location));

  ASSERT_OK(metastore_->DropTable({"main", "default", "trips"}, false, created.table_id));
  EXPECT_FALSE(fs::exists(created.storage_location));
  EXPECT_EQ(ClassOf(metastore_->DropTable({"main", "default", "trips"}, false)),
            "TABLE_OR_VIEW_NOT_FOUND");
  EXPECT_OK(metastore_->DropTable({"main", "default", "trips"}, true));
  EXPECT_EQ(ClassOf(metastore_->AllocateManagedTable({"main", "nope"})), "SCHEMA_NOT_FOUND");
}

TEST_F(CatalogMetastoreTest, ManagedTableWithoutLocationGetsOne) {
  TableInfo info;
  info.name = {"main", "default", "auto"};
  ASSERT_OK_AND_ASSIGN_CATALOG(created, metastore_->CreateTable(info, false, false));
  EXPECT_FALSE(created.table_id.empty());
  EXPECT_EQ(fs::path(created.storage_location).filename(), created.table_id);

  // A schema with a MANAGED LOCATION keeps its managed tables there.
  SchemaInfo schema{"main", "archive"};
  schema.location = workspace_.path() + "/archive-storage";
  ASSERT_OK(metastore_->CreateSchema(schema, false));
  ASSERT_OK_AND_ASSIGN_CATALOG(allocation, metastore_->AllocateManagedTable({"main", "archive"}));
  EXPECT_EQ(fs::path(allocation.storage_location).parent_path(),
            fs::path(workspace_.path()) / "archive-storage" / "tables");
}

TEST_F(CatalogMetastoreTest, ExternalTableDropKeepsFilesAndLocationCanMove) {
  std::string dir = workspace_.path() + "/lake/customers";
  WriteFile(dir + "/_delta_log/00000000000000000000.json", "{}\n");
  TableInfo info;
  info.name = {"main", "default", "customers"};
  info.type = TableType::kExternal;
  info.storage_location = dir;
  ASSERT_OK_AND_ASSIGN_CATALOG(created, metastore_->CreateTable(info, false, false));
  EXPECT_EQ(created.storage_location, dir);

  TableInfo no_location = info;
  no_location.name.name = "other";
  no_location.storage_location.clear();
  EXPECT_EQ(ClassOf(metastore_->CreateTable(no_location, false, false)), "INVALID_EMPTY_LOCATION");

  std::string moved = workspace_.path() + "/lake/customers_v2";
  ASSERT_OK(metastore_->SetTableLocation({"main", "default", "customers"}, moved));
  ASSERT_OK_AND_ASSIGN_CATALOG(got, metastore_->GetTable({"main", "default", "customers"}));
  EXPECT_EQ(got.storage_location, moved);

  ASSERT_OK(metastore_->DropTable({"main", "default", "customers"}, false));
  EXPECT_TRUE(fs::exists(dir + "/_delta_log/00000000000000000000.json"));

  ASSERT_OK(metastore_->CreateTable(ManagedTable("default", "managed"), false, false).status());
  EXPECT_EQ(ClassOf(metastore_->SetTableLocation({"main", "default", "managed"}, moved)),
            "UNSUPPORTED_FEATURE.TABLE_OPERATION");
}

TEST_F(CatalogMetastoreTest, RenameTableKeepsDataWithinAndAcrossSchemas) {
  TableInfo info = ManagedTable("default", "t");
  ASSERT_OK(metastore_->CreateTable(info, false, false).status());
  ASSERT_OK(metastore_->CreateSchema({"main", "gold"}, false));
  ASSERT_OK(metastore_->RenameTable({"main", "default", "t"}, {"main", "default", "t2"}));
  ASSERT_OK(metastore_->RenameTable({"main", "default", "T2"}, {"main", "gold", "final"}));
  EXPECT_EQ(ClassOf(metastore_->GetTable({"main", "default", "t"})), "TABLE_OR_VIEW_NOT_FOUND");
  ASSERT_OK_AND_ASSIGN_CATALOG(moved, metastore_->GetTable({"main", "gold", "final"}));
  EXPECT_EQ(moved.table_id, info.table_id);
  EXPECT_EQ(moved.storage_location, info.storage_location);
  EXPECT_TRUE(fs::exists(info.storage_location + "/_delta_log/00000000000000000000.json"));

  ASSERT_OK(metastore_->CreateTable(ManagedTable("default", "taken"), false, false).status());
  EXPECT_EQ(ClassOf(metastore_->RenameTable({"main", "gold", "final"}, {"main", "default", "taken"})),
            "TABLE_OR_VIEW_ALREADY_EXISTS");
  EXPECT_EQ(ClassOf(metastore_->RenameTable({"main", "gold", "final"}, {"main", "nope", "x"})),
            "SCHEMA_NOT_FOUND");
  EXPECT_EQ(ClassOf(metastore_->RenameTable({"main", "gold", "missing"}, {"main", "gold", "x"})),
            "TABLE_OR_VIEW_NOT_FOUND");
  ASSERT_OK(metastore_->CreateCatalog({"other"}, false));
  EXPECT_EQ(ClassOf(metastore_->RenameTable({"main", "gold", "final"}, {"other", "default", "x"})),
            "CANNOT_RENAME_ACROSS_CATALOG");
  ASSERT_OK_AND_ASSIGN_CATALOG(gold_tables, metastore_->ListTables({"main", "gold"}));
  ASSERT_EQ(gold_tables.size(), 1u);
}

TEST_F(CatalogMetastoreTest, ViewsShareTheTableNamespace) {
  TableInfo view;
  view.name = {"main", "default", "recent"};
  view.type = TableType::kView;
  view.view_text = "SELECT id, ts FROM main.default.events WHERE ts > now() - INTERVAL 1 DAY";
  view.view_columns = {"id", "ts"};
  ASSERT_OK_AND_ASSIGN_CATALOG(created, metastore_->CreateTable(view, false, false));
  EXPECT_TRUE(created.storage_location.empty());
  ASSERT_OK_AND_ASSIGN_CATALOG(got, metastore_->GetTable({"main", "default", "recent"}));
  EXPECT_EQ(got.type, TableType::kView);
  EXPECT_EQ(got.view_text, view.view_text);
  EXPECT_EQ(got.view_columns, view.view_columns);

  view.view_text = "SELECT 1 AS id, now() AS ts";
  ASSERT_OK_AND_ASSIGN_CATALOG(replaced, metastore_->CreateTable(view, false, true));
  EXPECT_EQ(replaced.table_id, created.table_id);
  EXPECT_EQ(metastore_->GetTable({"main", "default", "recent"})->view_text, view.view_text);

  ASSERT_OK(metastore_->CreateTable(ManagedTable("default", "events"), false, false).status());
  TableInfo clash = view;
  clash.name.name = "events";
  EXPECT_EQ(ClassOf(metastore_->CreateTable(clash, false, false)), "TABLE_OR_VIEW_ALREADY_EXISTS");
  EXPECT_EQ(ClassOf(metastore_->CreateTable(clash, false, true)),
            "EXPECT_VIEW_NOT_TABLE.NO_ALTERNATIVE");
  EXPECT_EQ(ClassOf(metastore_->DropTable({"main", "default", "recent"}, false)),
            "WRONG_COMMAND_FOR_OBJECT_TYPE");
  EXPECT_EQ(ClassOf(metastore_->DropView({"main", "default", "events"}, false)),
            "WRONG_COMMAND_FOR_OBJECT_TYPE");

  ASSERT_OK_AND_ASSIGN_CATALOG(listed, metastore_->ListTables({"main", "default"}, "rec*|ev*"));
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].name.name, "events");
  EXPECT_EQ(listed[1].name.name, "recent");
  ASSERT_OK(metastore_->DropView({"main", "default", "recent"}, false));
  ASSERT_OK_AND_ASSIGN_CATALOG(remaining, metastore_->ListTables({"main", "default"}));
  EXPECT_EQ(remaining.size(), 1u);
}

TEST_F(CatalogMetastoreTest, VolumesAndVolumePaths) {
  VolumeInfo managed;
  managed.name = {"main", "default", "Landing"};
  managed.comment = "raw drops";
  ASSERT_OK_AND_ASSIGN_CATALOG(created, metastore_->CreateVolume(managed, false));
  EXPECT_EQ(created.type, VolumeType::kManaged);
  EXPECT_TRUE(fs::is_directory(created.storage_location));
  EXPECT_EQ(ClassOf(metastore_->CreateVolume(managed, false)), "VOLUME_ALREADY_EXISTS");
  ASSERT_OK_AND_ASSIGN_CATALOG(existing, metastore_->CreateVolume(managed, true));
  EXPECT_EQ(existing.volume_id, created.volume_id);

  EXPECT_TRUE(IsVolumePath("/Volumes/main/default/landing/a.csv"));
  EXPECT_TRUE(IsVolumePath("dbfs:/Volumes/main/default/landing"));
  EXPECT_FALSE(IsVolumePath("/volumes/main/default/landing"));
  EXPECT_FALSE(IsVolumePath("/tmp/Volumes/x"));

  ASSERT_OK_AND_ASSIGN_CATALOG(resolved,
                               metastore_->ResolveVolumePath("/Volumes/MAIN/default/landing/in/a.csv"));
  EXPECT_EQ(resolved, created.storage_location + "/in/a.csv");
  ASSERT_OK_AND_ASSIGN_CATALOG(root, metastore_->ResolveVolumePath("/Volumes/main/default/landing/"));
  EXPECT_EQ(root, created.storage_location);
  WriteFile(resolved, "a,b\n");
  EXPECT_EQ(ClassOf(metastore_->ResolveVolumePath("/Volumes/main/default/missing/a.csv")),
            "VOLUME_NOT_FOUND");
  EXPECT_FALSE(metastore_->ResolveVolumePath("/Volumes/main/default/landing/../../x").ok());
  EXPECT_FALSE(metastore_->ResolveVolumePath("/Volumes/main/default").ok());

  // Rename keeps the files, now reachable under the new name.
  ASSERT_OK(metastore_->CreateSchema({"main", "ops"}, false));
  ASSERT_OK(metastore_->RenameVolume({"main", "default", "landing"}, {"main", "ops", "inbox"}));
  ASSERT_OK_AND_ASSIGN_CATALOG(after_rename,
                               metastore_->ResolveVolumePath("/Volumes/main/ops/inbox/in/a.csv"));
  EXPECT_EQ(after_rename, resolved);
  EXPECT_TRUE(fs::exists(after_rename));

  std::string external_dir = workspace_.path() + "/shared-files";
  VolumeInfo external;
  external.name = {"main", "ops", "shared"};
  external.type = VolumeType::kExternal;
  external.storage_location = external_dir;
  ASSERT_OK(metastore_->CreateVolume(external, false).status());
  WriteFile(external_dir + "/keep.txt", "keep");
  ASSERT_OK_AND_ASSIGN_CATALOG(volumes, metastore_->ListVolumes({"main", "ops"}, "in*"));
  ASSERT_EQ(volumes.size(), 1u);
  EXPECT_EQ(volumes[0].comment, "raw drops");

  ASSERT_OK(metastore_->SetComment(SecurableKind::kVolume, {"main", "ops", "shared"}, "team share"));
  EXPECT_EQ(metastore_->GetVolume({"main", "ops", "shared"})->comment, "team share");
  ASSERT_OK(metastore_->DropVolume({"main", "ops", "shared"}, false));
  EXPECT_TRUE(fs::exists(external_dir + "/keep.txt"));
  ASSERT_OK(metastore_->DropVolume({"main", "ops", "inbox"}, false));
  EXPECT_FALSE(fs::exists(created.storage_location));
  EXPECT_EQ(ClassOf(metastore_->DropVolume({"main", "ops", "inbox"}, false)), "VOLUME_NOT_FOUND");
  EXPECT_OK(metastore_->DropVolume({"main", "ops", "inbox"}, true));
}

TEST_F(CatalogMetastoreTest, FunctionLifecycle) {
  FunctionInfo info;
  info.name = {"main", "default", "Discount"};
  info.parameters = {{"price", "DECIMAL(10,2)", std::nullopt, "list price"},
                     {"rate", "DOUBLE", "0.1", std::nullopt}};
  info.return_type = "DOUBLE";
  info.body = "price * (1 - rate)";
  info.comment = "price after discount";
  ASSERT_OK(metastore_->CreateFunction(info, false, false).status());
  ASSERT_OK_AND_ASSIGN_CATALOG(got, metastore_->GetFunction({"main", "default", "discount"}));
  ASSERT_EQ(got.parameters.size(), 2u);
  EXPECT_EQ(got.parameters[0].name, "price");
  EXPECT_EQ(got.parameters[0].type_text, "DECIMAL(10,2)");
  EXPECT_EQ(got.parameters[0].comment, "list price");
  EXPECT_FALSE(got.parameters[0].default_expression.has_value());
  EXPECT_EQ(got.parameters[1].default_expression, "0.1");
  EXPECT_EQ(got.body, info.body);
  EXPECT_TRUE(got.deterministic);
  EXPECT_FALSE(got.returns_table);

  auto duplicate = metastore_->CreateFunction(info, false, false);
  EXPECT_EQ(ClassOf(duplicate), "ROUTINE_ALREADY_EXISTS");
  info.body = "price * 0.5";
  ASSERT_OK(metastore_->CreateFunction(info, true, false).status());
  EXPECT_EQ(metastore_->GetFunction({"main", "default", "discount"})->body, "price * (1 - rate)");
  ASSERT_OK(metastore_->CreateFunction(info, false, true).status());
  EXPECT_EQ(metastore_->GetFunction({"main", "default", "discount"})->body, "price * 0.5");

  FunctionInfo table_function;
  table_function.name = {"main", "default", "numbers"};
  table_function.return_type = "TABLE(n INT)";
  table_function.returns_table = true;
  table_function.body = "SELECT id AS n FROM range(10)";
  ASSERT_OK(metastore_->CreateFunction(table_function, false, false).status());
  ASSERT_OK_AND_ASSIGN_CATALOG(listed, metastore_->ListFunctions({"main", "default"}, "num*"));
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_TRUE(listed[0].returns_table);

  ASSERT_OK(metastore_->DropFunction({"main", "default", "discount"}, false));
  EXPECT_EQ(ClassOf(metastore_->GetFunction({"main", "default", "discount"})), "ROUTINE_NOT_FOUND");
  EXPECT_EQ(ClassOf(metastore_->DropFunction({"main", "default", "discount"}, false)),
            "ROUTINE_NOT_FOUND");
  EXPECT_OK(metastore_->DropFunction({"main", "default", "discount"}, true));
}

TEST_F(CatalogMetastoreTest, CommentOnEverySecurable) {
  ASSERT_OK(metastore_->CreateTable(ManagedTable("default", "t"), false, false).status());
  VolumeInfo volume;
  volume.name = {"main", "default", "v"};
  ASSERT_OK(metastore_->CreateVolume(volume, false).status());
  FunctionInfo function;
  function.name = {"main", "default", "f"};
  function.return_type = "INT";
  function.body = "1";
  ASSERT_OK(metastore_->CreateFunction(function, false, false).status());

  ASSERT_OK(metastore_->SetComment(SecurableKind::kCatalog, {"main"}, "c"));
  ASSERT_OK(metastore_->SetComment(SecurableKind::kSchema, {"main", "default"}, "s"));
  ASSERT_OK(metastore_->SetComment(SecurableKind::kTable, {"main", "default", "t"}, "t"));
  ASSERT_OK(metastore_->SetComment(SecurableKind::kVolume, {"main", "default", "v"}, "v"));
  ASSERT_OK(metastore_->SetComment(SecurableKind::kFunction, {"main", "default", "f"}, "f"));
  EXPECT_EQ(metastore_->GetCatalog("main")->comment, "c");
  EXPECT_EQ(metastore_->GetSchema({"main", "default"})->comment, "s");
  EXPECT_EQ(metastore_->GetTable({"main", "default", "t"})->comment, "t");
  EXPECT_EQ(metastore_->GetVolume({"main", "default", "v"})->comment, "v");
  EXPECT_EQ(metastore_->GetFunction({"main", "default", "f"})->comment, "f");
  // COMMENT ON ... IS NULL removes the comment.
  ASSERT_OK(metastore_->SetComment(SecurableKind::kTable, {"main", "default", "t"}, std::nullopt));
  EXPECT_FALSE(metastore_->GetTable({"main", "default", "t"})->comment.has_value());

  EXPECT_EQ(ClassOf(metastore_->SetComment(SecurableKind::kTable, {"main", "default", "x"}, "x")),
            "TABLE_OR_VIEW_NOT_FOUND");
  EXPECT_EQ(ClassOf(metastore_->SetComment(SecurableKind::kSchema, {"main", "x"}, "x")),
            "SCHEMA_NOT_FOUND");
  EXPECT_EQ(ClassOf(metastore_->SetComment(SecurableKind::kVolume, {"main", "default", "x"}, "x")),
            "VOLUME_NOT_FOUND");
  EXPECT_EQ(ClassOf(metastore_->SetComment(SecurableKind::kFunction, {"main", "default", "x"}, "x")),
            "ROUTINE_NOT_FOUND");
  EXPECT_FALSE(metastore_->SetComment(SecurableKind::kTable, {"main", "t"}, "x").ok());

  ASSERT_OK(metastore_->SetProperties(SecurableKind::kTable, {"main", "default", "t"},
                                      {{"k", "v"}}, {}));
  ASSERT_OK(metastore_->SetProperties(SecurableKind::kSchema, {"main", "default"}, {{"k", "v"}}, {}));
  EXPECT_EQ(metastore_->GetTable({"main", "default", "t"})->properties.at("k"), "v");
  EXPECT_EQ(metastore_->GetSchema({"main", "default"})->properties.at("k"), "v");
  ASSERT_OK(metastore_->SetOwner(SecurableKind::kFunction, {"main", "default", "f"}, "bob"));
  EXPECT_EQ(metastore_->GetFunction({"main", "default", "f"})->owner, "bob");
}

TEST_F(CatalogMetastoreTest, InvalidNamesAreRejected) {
  EXPECT_EQ(ClassOf(metastore_->CreateCatalog({"a.b"}, false)), "INVALID_SCHEMA_OR_RELATION_NAME");
  EXPECT_EQ(ClassOf(metastore_->CreateSchema({"main", "a/b"}, false)),
            "INVALID_SCHEMA_OR_RELATION_NAME");
  EXPECT_EQ(ClassOf(metastore_->CreateSchema({"main", ""}, false)),
            "INVALID_SCHEMA_OR_RELATION_NAME");
  TableInfo info;
  info.name = {"main", "default", "has space"};
  EXPECT_EQ(ClassOf(metastore_->CreateTable(info, false, false)), "INVALID_SCHEMA_OR_RELATION_NAME");
  ASSERT_OK_AND_ASSIGN_CATALOG(catalogs, metastore_->ListCatalogs());
  EXPECT_EQ(catalogs.size(), 1u);
}

}  // namespace
}  // namespace tarn::catalog
