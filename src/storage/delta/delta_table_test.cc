// End-to-end behaviour of the engine on a temporary directory: commits, replay, conflicts,
// statistics-based skipping, constraints, checkpoints, OPTIMIZE and VACUUM.
#include "storage/delta/delta_table.h"

#include <filesystem>

#include <arrow/api.h>
#include <arrow/json/from_string.h>
#include <gtest/gtest.h>

#include "errors/error_class.h"
#include "storage/delta/table_scan.h"
#include "storage/delta/transaction.h"

namespace tarn::delta {
namespace {

namespace fs = std::filesystem;

template <typename T>
arrow::Status StatusOf(const arrow::Result<T>& r) { return r.status(); }
inline arrow::Status StatusOf(const arrow::Status& s) { return s; }
#define ASSERT_OK(expr)                                   \
  do {                                                    \
    auto _st = StatusOf(expr);                            \
    ASSERT_TRUE(_st.ok()) << _st.ToString();              \
  } while (0)

class DeltaTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("tarn_delta_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto t = DeltaTable::Open(dir_.string());
    ASSERT_TRUE(t.ok());
    table_ = std::make_unique<DeltaTable>(*t);
  }
  void TearDown() override { fs::remove_all(dir_); }

  static std::shared_ptr<arrow::Table> Rows(const std::string& json_rows) {
    auto type = arrow::struct_({arrow::field("id", arrow::int64()), arrow::field("region", arrow::utf8()),
                                arrow::field("amount", arrow::float64())});
    auto arr = arrow::json::ArrayFromJSONString(type, json_rows).ValueOrDie();
    auto batch = arrow::RecordBatch::FromStructArray(arr).ValueOrDie();
    return arrow::Table::FromRecordBatches({batch}).ValueOrDie();
  }

  int64_t CountRows(std::optional<int64_t> version = {}, const std::string& filter = "",
                    ScanMetrics* metrics = nullptr) {
    auto snap = table_->LoadSnapshot(version).ValueOrDie();
    ScanOptions opts;
    if (!filter.empty()) opts.filter = ParsePredicate(filter).ValueOrDie();
    auto scan = TableScan::Make(snap, opts).ValueOrDie();
    return scan.ToTable(metrics).ValueOrDie()->num_rows();
  }

  fs::path dir_;
  std::unique_ptr<DeltaTable> table_;
};

TEST_F(DeltaTableTest, CreateAppendOverwriteAndTimeTravel) {
  WriteOptions create;
  create.partition_by = {"region"};
  ASSERT_OK(table_->Write(Rows(R"([{"id":1,"region":"EU","amount":1.5},{"id":2,"region":"US","amount":2}])"), create));
  ASSERT_OK(table_->Write(Rows(R"([{"id":3,"region":"EU","amount":3}])"), {}));
  WriteOptions overwrite;
  overwrite.mode = WriteMode::kOverwrite;
  ASSERT_OK(table_->Write(Rows(R"([{"id":9,"region":null,"amount":null}])"), overwrite));
  EXPECT_EQ(CountRows(0), 2);
  EXPECT_EQ(CountRows(1), 3);
  EXPECT_EQ(CountRows(), 1);
  EXPECT_TRUE(fs::exists(dir_ / "region=__HIVE_DEFAULT_PARTITION__"));
  auto snap = table_->LoadSnapshot().ValueOrDie();
  EXPECT_EQ(snap->version(), 2);
  EXPECT_EQ(snap->metadata().partition_columns, std::vector<std::string>{"region"});
  EXPECT_EQ(snap->files().size(), 1u);
}

TEST_F(DeltaTableTest, SchemaEnforcementLeavesTableUnchanged) {
  ASSERT_OK(table_->Write(Rows(R"([{"id":1,"region":"EU","amount":1}])"), {}));
  auto other = arrow::Table::Make(arrow::schema({arrow::field("id", arrow::utf8()), arrow::field("extra", arrow::int32())}),
                                  {arrow::json::ArrayFromJSONString(arrow::utf8(), R"(["a"])").ValueOrDie(),
                                   arrow::json::ArrayFromJSONString(arrow::int32(), "[1]").ValueOrDie()});
  auto result = table_->Write(other, {});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(ErrorClassOf(result.status()), "DELTA_FAILED_TO_MERGE_FIELDS");  // id: string vs long
  auto only_extra = other->SelectColumns({1}).ValueOrDie();
  EXPECT_EQ(ErrorClassOf(table_->Write(only_extra, {}).status()), "DELTA_METADATA_MISMATCH");
  EXPECT_EQ(table_->LoadSnapshot().ValueOrDie()->version(), 0);

  auto extra = arrow::Table::Make(arrow::schema({arrow::field("id", arrow::int64()), arrow::field("extra", arrow::int32())}),
                                  {arrow::json::ArrayFromJSONString(arrow::int64(), "[2]").ValueOrDie(),
                                   arrow::json::ArrayFromJSONString(arrow::int32(), "[7]").ValueOrDie()});
  WriteOptions merge;
  merge.merge_schema = true;
  ASSERT_OK(table_->Write(extra, merge));
  auto snap = table_->LoadSnapshot().ValueOrDie();
  EXPECT_EQ(snap->arrow_schema()->num_fields(), 4);
  EXPECT_EQ(CountRows(), 2);
}

TEST_F(DeltaTableTest, StatisticsSkipFilesBeforeReading) {
  for (int i = 0; i < 5; ++i) {
    std::string rows = "[{\"id\":" + std::to_string(i * 10) + ",\"region\":\"R\",\"amount\":1},{\"id\":" +
                       std::to_string(i * 10 + 9) + ",\"region\":\"R\",\"amount\":2}]";
    ASSERT_OK(table_->Write(Rows(rows), {}));
  }
  ScanMetrics m;
  EXPECT_EQ(CountRows({}, "id = 25", &m), 0);
  EXPECT_EQ(m.files_scanned, 1);
  EXPECT_EQ(CountRows({}, "id >= 30", &m), 4);
  EXPECT_EQ(m.files_scanned, 2);
  EXPECT_EQ(CountRows({}, "id IN (0, 49)", &m), 2);
  EXPECT_EQ(m.files_scanned, 2);
  EXPECT_EQ(CountRows({}, "id < 0 OR id > 100", &m), 0);
  EXPECT_EQ(m.files_scanned, 0);
  EXPECT_EQ(CountRows({}, "region IS NULL", &m), 0);
  EXPECT_EQ(m.files_scanned, 0);
  EXPECT_EQ(CountRows({}, "NOT (id < 40)", &m), 2);
  EXPECT_EQ(m.files_scanned, 1);
}

TEST_F(DeltaTableTest, ConcurrentBlindAppendsBothCommit) {
  ASSERT_OK(table_->Write(Rows(R"([{"id":1,"region":"EU","amount":1}])"), {}));
  auto snap = table_->LoadSnapshot().ValueOrDie();
  Transaction a(table_->storage(), snap), b(table_->storage(), snap);
  for (auto* t : {&a, &b}) {
    AddFile add;
    add.path = "fake-" + std::to_string(reinterpret_cast<uintptr_t>(t)) + ".parquet";
    t->AddFile(add);
    t->SetBlindAppend(true);
  }
  auto ra = a.Commit();
  auto rb = b.Commit();
  ASSERT_TRUE(ra.ok() && rb.ok());
  EXPECT_EQ(ra->version, 1);
  EXPECT_EQ(rb->version, 2);
  EXPECT_EQ(rb->attempts, 2);
}

TEST_F(DeltaTableTest, ConflictingDeletesFailWithErrorClass) {
  ASSERT_OK(table_->Write(Rows(R"([{"id":1,"region":"EU","amount":1}])"), {}));
  auto snap = table_->LoadSnapshot().ValueOrDie();
  const auto& file = snap->files().at(0);
  Transaction a(table_->storage(), snap), b(table_->storage(), snap);
  for (auto* t : {&a, &b}) {
    RemoveFile rm;
    rm.path = file.path;
    rm.deletion_timestamp = NowMillis();
    t->footprint().read_files.insert(file.path);
    t->RemoveFile(rm);
    t->SetOperation("DELETE");
  }
  ASSERT_TRUE(a.Commit().ok());
  auto rb = b.Commit();
  ASSERT_FALSE(rb.ok());
  EXPECT_EQ(ErrorClassOf(rb.status()), "DELTA_CONCURRENT_DELETE_READ");
  EXPECT_EQ(table_->LoadSnapshot().ValueOrDie()->version(), 1);
}

TEST_F(DeltaTableTest, ReadPredicateConflictsWithMatchingAppend) {
  ASSERT_OK(table_->Write(Rows(R"([{"id":1,"region":"EU","amount":1}])"), {}));
  auto snap = table_->LoadSnapshot().ValueOrDie();
  Transaction reader(table_->storage(), snap);
  reader.footprint().read_predicates.push_back(ParsePredicate("id > 100").ValueOrDie());
  reader.SetOperation("UPDATE");
  // A non-blind concurrent write adding a file with id 500..500 (inside the read range).
  WriteOptions overwrite;
  overwrite.mode = WriteMode::kOverwrite;
  overwrite.replace_where = ParsePredicate("id >= 500").ValueOrDie();
  ASSERT_OK(table_->Write(Rows(R"([{"id":500,"region":"EU","amount":1}])"), overwrite));
  auto r = reader.Commit();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(ErrorClassOf(r.status()), "DELTA_CONCURRENT_APPEND");
}

TEST_F(DeltaTableTest, IdempotentTransactionsWriteOnce) {
  WriteOptions opts;
  opts.txn_app_id = "loader";
  opts.txn_version = 7;
  auto first = table_->Write(Rows(R"([{"id":1,"region":"EU","amount":1}])"), opts);
  ASSERT_TRUE(first.ok());
  auto again = table_->Write(Rows(R"([{"id":1,"region":"EU","amount":1}])"), opts);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->skipped);
  EXPECT_EQ(CountRows(), 1);
  EXPECT_EQ(table_->LoadSnapshot().ValueOrDie()->app_transactions().at("loader").version, 7);
}

TEST_F(DeltaTableTest, CheckAndNotNullConstraints) {
  WriteOptions create;
  create.properties["delta.constraints.positive"] = "amount > 0";
  ASSERT_OK(table_->Write(Rows(R"([{"id":1,"region":"EU","amount":1}])"), create));
  auto snap = table_->LoadSnapshot().ValueOrDie();
  EXPECT_GE(snap->protocol().min_writer_version, 3);
  auto bad = table_->Write(Rows(R"([{"id":2,"region":"EU","amount":-5}])"), {});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(ErrorClassOf(bad.status()), "DELTA_VIOLATE_CONSTRAINT_WITH_VALUES");
  EXPECT_NE(bad.status().message().find("amount : -5"), std::string::npos) << bad.status().message();
  EXPECT_EQ(table_->LoadSnapshot().ValueOrDie()->version(), 0);
}

TEST_F(DeltaTableTest, CheckpointEveryTenCommitsAndReplayFromIt) {
  for (int i = 0; i < 12; ++i) {
    ASSERT_OK(table_->Write(Rows("[{\"id\":" + std::to_string(i) + ",\"region\":\"R\",\"amount\":1}]"), {}));
  }
  EXPECT_TRUE(fs::exists(dir_ / "_delta_log" / "00000000000000000010.checkpoint.parquet"));
  EXPECT_TRUE(fs::exists(dir_ / "_delta_log" / "_last_checkpoint"));
  auto snap = table_->LoadSnapshot().ValueOrDie();
  EXPECT_EQ(snap->segment().checkpoint_version, 10);
  EXPECT_EQ(snap->files().size(), 12u);
  EXPECT_EQ(CountRows(), 12);
  EXPECT_EQ(CountRows(5), 6);
}

TEST_F(DeltaTableTest, ZOrderImprovesSkipping) {
  // Ten appends whose rows are spread over the whole key range: every file overlaps every query.
  for (int f = 0; f < 10; ++f) {
    std::string rows = "[";
    for (int i = 0; i < 100; ++i) {
      int id = i * 10 + f;
      rows += (i ? "," : "") + std::string("{\"id\":") + std::to_string(id) + ",\"region\":\"R\",\"amount\":" +
              std::to_string((id * 37) % 1000) + "}";
    }
    ASSERT_OK(table_->Write(Rows(rows + "]"), {}));
  }
  ScanMetrics before, after;
  int64_t n_before = CountRows({}, "id < 100", &before);
  OptimizeOptions opts;
  opts.zorder_by = {"id", "amount"};
  opts.max_rows_per_file = 100;
  auto r = table_->Optimize(opts);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->files_removed, 10);
  int64_t n_after = CountRows({}, "id < 100", &after);
  EXPECT_EQ(n_before, n_after);
  EXPECT_EQ(before.files_scanned, 10);
  EXPECT_LT(after.files_scanned, 5);
  EXPECT_EQ(CountRows(), 1000);
}

TEST_F(DeltaTableTest, VacuumHonoursRetentionAndKeepsLiveFiles) {
  ASSERT_OK(table_->Write(Rows(R"([{"id":1,"region":"EU","amount":1}])"), {}));
  WriteOptions overwrite;
  overwrite.mode = WriteMode::kOverwrite;
  ASSERT_OK(table_->Write(Rows(R"([{"id":2,"region":"EU","amount":1}])"), overwrite));
  VacuumOptions too_short;
  too_short.retain_hours = 0;
  EXPECT_EQ(ErrorClassOf(table_->Vacuum(too_short).status()), "DELTA_VACUUM_RETENTION_PERIOD_TOO_SHORT");
  VacuumOptions dflt;
  dflt.dry_run = true;
  EXPECT_TRUE(table_->Vacuum(dflt).ValueOrDie().files.empty());  // removed only moments ago
  VacuumOptions forced;
  forced.retain_hours = 0;
  forced.force = true;
  auto r = table_->Vacuum(forced);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->files.size(), 1u);
  EXPECT_EQ(CountRows(), 1);  // the live file is still there
}

TEST_F(DeltaTableTest, ReplaceWhereRewritesOnlyMatchingRows) {
  WriteOptions create;
  ASSERT_OK(table_->Write(Rows(R"([{"id":1,"region":"EU","amount":1},{"id":2,"region":"US","amount":1}])"), create));
  WriteOptions replace;
  replace.mode = WriteMode::kOverwrite;
  replace.replace_where = ParsePredicate("region = 'EU'").ValueOrDie();
  ASSERT_OK(table_->Write(Rows(R"([{"id":10,"region":"EU","amount":5}])"), replace));
  EXPECT_EQ(CountRows({}, "region = 'EU' AND id = 10"), 1);
  EXPECT_EQ(CountRows({}, "region = 'US'"), 1);
  EXPECT_EQ(CountRows(), 2);
  auto mismatch = table_->Write(Rows(R"([{"id":11,"region":"US","amount":5}])"), replace);
  EXPECT_EQ(ErrorClassOf(mismatch.status()), "DELTA_REPLACE_WHERE_MISMATCH");
}

}  // namespace
}  // namespace tarn::delta
