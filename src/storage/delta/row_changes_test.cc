// Row-level changes on a temporary directory: row addresses in scans, copy-on-write and
// deletion-vector commits, conflicts, constraints, the change data feed and RESTORE.
#include "storage/delta/row_changes.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include <arrow/api.h>
#include <arrow/compute/api.h>
#include <arrow/json/from_string.h>
#include <gtest/gtest.h>

#include "errors/error_class.h"
#include "storage/delta/delta_table.h"
#include "storage/delta/table_scan.h"

namespace tarn::delta {
namespace {

namespace fs = std::filesystem;

template <typename T>
arrow::Status StatusOf(const arrow::Result<T>& r) { return r.status(); }
inline arrow::Status StatusOf(const arrow::Status& s) { return s; }
#define ASSERT_OK(expr)                      \
  do {                                       \
    auto _st = StatusOf(expr);               \
    ASSERT_TRUE(_st.ok()) << _st.ToString(); \
  } while (0)

class RowChangesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("tarn_row_changes_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    table_ = std::make_unique<DeltaTable>(DeltaTable::Open(dir_.string()).ValueOrDie());
  }
  void TearDown() override { fs::remove_all(dir_); }

  static std::shared_ptr<arrow::Table> Rows(const std::string& json_rows) {
    auto type = arrow::struct_({arrow::field("id", arrow::int64()), arrow::field("region", arrow::utf8()),
                                arrow::field("amount", arrow::float64())});
    auto arr = arrow::json::ArrayFromJSONString(type, json_rows).ValueOrDie();
    auto batch = arrow::RecordBatch::FromStructArray(arr).ValueOrDie();
    return arrow::Table::FromRecordBatches({batch}).ValueOrDie();
  }

  // Creates the table from two appends: ids 0..4 in file A, 5..9 in file B.
  void MakeTable(const StringMap& properties, std::vector<std::string> partition_by = {}) {
    WriteOptions create;
    create.properties = properties;
    create.partition_by = std::move(partition_by);
    ASSERT_OK(table_->Write(Rows(R"([{"id":0,"region":"EU","amount":0},{"id":1,"region":"US","amount":1},
      {"id":2,"region":"EU","amount":2},{"id":3,"region":"US","amount":3},{"id":4,"region":"EU","amount":4}])"),
                            create));
    ASSERT_OK(table_->Write(Rows(R"([{"id":5,"region":"EU","amount":5},{"id":6,"region":"US","amount":6},
      {"id":7,"region":"EU","amount":7},{"id":8,"region":"US","amount":8},{"id":9,"region":"EU","amount":9}])"),
                            {}));
  }

  std::shared_ptr<arrow::Table> Scan(const std::string& filter = "", bool addresses = false,
                                     std::vector<std::string> columns = {}) {
    ScanOptions opts;
    if (!filter.empty()) opts.filter = ParsePredicate(filter).ValueOrDie();
    opts.with_row_address = addresses;
    opts.columns = std::move(columns);
    auto scan = TableScan::Make(table_->LoadSnapshot().ValueOrDie(), opts).ValueOrDie();
    return scan.ToTable().ValueOrDie();
  }

  // Sorted ids of the table (or of a table of rows).
  static std::vector<int64_t> Ids(const arrow::Table& rows) {
    std::vector<int64_t> out;
    auto col = rows.GetColumnByName("id");
    for (const auto& chunk : col->chunks()) {
      const auto& a = static_cast<const arrow::Int64Array&>(*chunk);
      for (int64_t i = 0; i < a.length(); ++i) out.push_back(a.Value(i));
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  std::vector<int64_t> Ids() { return Ids(*Scan()); }

  // Deletes the rows matching `filter` through CommitRowChanges, adding `new_rows`.
  arrow::Result<RowChangesResult> Change(const std::string& filter, std::shared_ptr<arrow::Table> new_rows = nullptr,
                                         std::shared_ptr<arrow::Table> change_data = nullptr) {
    ARROW_ASSIGN_OR_RAISE(auto snap, table_->LoadSnapshot());
    ScanOptions opts;
    opts.filter = ParsePredicate(filter).ValueOrDie();
    opts.with_row_address = true;
    ARROW_ASSIGN_OR_RAISE(auto scan, TableScan::Make(snap, opts));
    ARROW_ASSIGN_OR_RAISE(auto rows, scan.ToTable());
    RowChanges changes;
    ARROW_ASSIGN_OR_RAISE(changes.deletions, DeletionsFromRowAddresses(*rows, scan.files()));
    changes.new_rows = std::move(new_rows);
    changes.change_data = std::move(change_data);
    changes.operation = "UPDATE";
    return table_->CommitRowChanges(snap, changes);
  }

  fs::path dir_;
  std::unique_ptr<DeltaTable> table_;
};

std::vector<int64_t> Column64(const arrow::Table& t, const std::string& name) {
  std::vector<int64_t> out;
  auto col = arrow::compute::Cast(arrow::Datum(t.GetColumnByName(name)), arrow::int64()).ValueOrDie().chunked_array();
  for (const auto& chunk : col->chunks()) {
    const auto& a = static_cast<const arrow::Int64Array&>(*chunk);
    for (int64_t i = 0; i < a.length(); ++i) out.push_back(a.IsNull(i) ? -1 : a.Value(i));
  }
  return out;
}

TEST_F(RowChangesTest, RowAddressesCountPhysicalRowsWithFilterAndColumns) {
  MakeTable({});
  auto rows = Scan("id IN (1, 3, 5, 7, 9)", /*addresses=*/true, {"amount"});
  ASSERT_EQ(rows->num_columns(), 3);
  EXPECT_EQ(rows->schema()->field(1)->name(), kFileIndexColumn);
  EXPECT_EQ(rows->schema()->field(1)->type()->id(), arrow::Type::INT32);
  EXPECT_EQ(rows->schema()->field(2)->name(), kRowIndexColumn);
  auto snap = table_->LoadSnapshot().ValueOrDie();
  auto scan = TableScan::Make(snap, {}).ValueOrDie();
  // Odd ids: 1, 3 in one file (positions 1, 3), 5, 7, 9 in the other (positions 0, 2, 4).
  auto files = Column64(*rows, kFileIndexColumn);
  auto positions = Column64(*rows, kRowIndexColumn);
  ASSERT_EQ(positions.size(), 5u);
  std::multiset<int64_t> pos(positions.begin(), positions.end());
  EXPECT_EQ(pos, (std::multiset<int64_t>{0, 1, 2, 3, 4}));
  auto deletions = DeletionsFromRowAddresses(*rows, scan.files()).ValueOrDie();
  ASSERT_EQ(deletions.size(), 2u);
  for (const auto& d : deletions) EXPECT_TRUE(d.rows.size() == 2 || d.rows.size() == 3);
}

TEST_F(RowChangesTest, CopyOnWriteRewritesFilesAndAddsRows) {
  MakeTable({});
  auto result = Change("id IN (1, 2)", Rows(R"([{"id":101,"region":"X","amount":1},{"id":102,"region":"X","amount":2}])"));
  ASSERT_OK(result);
  EXPECT_EQ(result->version, 2);
  EXPECT_EQ(result->files_removed, 1);
  EXPECT_EQ(result->rows_deleted, 2);
  EXPECT_EQ(result->rows_copied, 3);
  EXPECT_EQ(result->rows_added, 2);
  EXPECT_EQ(result->deletion_vectors_added, 0);
  EXPECT_EQ(Ids(), (std::vector<int64_t>{0, 3, 4, 5, 6, 7, 8, 9, 101, 102}));
  auto snap = table_->LoadSnapshot().ValueOrDie();
  for (const auto& f : snap->files()) EXPECT_FALSE(f.deletion_vector);
  auto history = table_->History(1).ValueOrDie();
  EXPECT_EQ(history[0]["operation"], "UPDATE");
  EXPECT_EQ(history[0]["operationMetrics"]["numCopiedRows"], "3");
}

TEST_F(RowChangesTest, DeletionVectorsAccumulateAndKeepPositions) {
  MakeTable({{"delta.enableDeletionVectors", "true"}});
  auto first = Change("id IN (1, 3)");
  ASSERT_OK(first);
  EXPECT_EQ(first->deletion_vectors_added, 1);
  EXPECT_EQ(first->files_removed, 0);
  EXPECT_EQ(first->rows_deleted, 2);
  EXPECT_EQ(Ids(), (std::vector<int64_t>{0, 2, 4, 5, 6, 7, 8, 9}));
  // Positions keep counting the deleted rows.
  auto rows = Scan("id = 4", true);
  EXPECT_EQ(Column64(*rows, kRowIndexColumn), std::vector<int64_t>{4});
  // A second DV on the same file is the union of both.
  ASSERT_OK(Change("id = 2"));
  EXPECT_EQ(Ids(), (std::vector<int64_t>{0, 4, 5, 6, 7, 8, 9}));
  auto snap = table_->LoadSnapshot().ValueOrDie();
  int with_dv = 0;
  for (const auto& f : snap->files()) {
    if (f.deletion_vector) {
      ++with_dv;
      EXPECT_EQ(f.deletion_vector->cardinality, 3);
    }
  }
  EXPECT_EQ(with_dv, 1);
  EXPECT_EQ(snap->NumRecordsOrMinusOne(), 7);
  // Deleting the rest of the file removes it.
  auto last = Change("id IN (0, 4)");
  ASSERT_OK(last);
  EXPECT_EQ(last->files_removed, 1);
  EXPECT_EQ(table_->LoadSnapshot().ValueOrDie()->files().size(), 1u);
  EXPECT_EQ(Ids(), (std::vector<int64_t>{5, 6, 7, 8, 9}));
}

TEST_F(RowChangesTest, DeleteWritesDeletionVectorsWhenEnabled) {
  MakeTable({{"delta.enableDeletionVectors", "true"}}, {"region"});
  ASSERT_OK(table_->Delete(ParsePredicate("amount > 6").ValueOrDie()));
  EXPECT_EQ(Ids(), (std::vector<int64_t>{0, 1, 2, 3, 4, 5, 6}));
  bool any_dv = false;
  auto snap = table_->LoadSnapshot().ValueOrDie();
  for (const auto& f : snap->files()) any_dv = any_dv || f.deletion_vector.has_value();
  EXPECT_TRUE(any_dv);
  // A partition predicate still drops whole files.
  ASSERT_OK(table_->Delete(ParsePredicate("region = 'US'").ValueOrDie()));
  EXPECT_EQ(Ids(), (std::vector<int64_t>{0, 2, 4, 5}));
  // Partition values and row addresses survive the DV.
  auto rows = Scan("id = 5", true);
  ASSERT_EQ(rows->num_rows(), 1);
  EXPECT_EQ(rows->GetColumnByName("region")->GetScalar(0).ValueOrDie()->ToString(), "EU");
  ASSERT_OK(table_->Delete(nullptr));
  EXPECT_TRUE(Ids().empty());
}

TEST_F(RowChangesTest, CopyOnWriteAfterDeletionVectorsDropsDeletedRows) {
  MakeTable({{"delta.enableDeletionVectors", "true"}});
  ASSERT_OK(Change("id = 1"));  // a DV on the first file
  ASSERT_OK(table_->SetProperties({{"delta.enableDeletionVectors", "false"}}, {}));
  auto rewrite = Change("id = 3");
  ASSERT_OK(rewrite);
  EXPECT_EQ(rewrite->deletion_vectors_added, 0);
  EXPECT_EQ(rewrite->rows_deleted, 1);
  EXPECT_EQ(rewrite->rows_copied, 3);  // 0, 2, 4: the DV's row stays deleted
  EXPECT_EQ(Ids(), (std::vector<int64_t>{0, 2, 4, 5, 6, 7, 8, 9}));
  // Whole-file deletions need no positions.
  auto snap = table_->LoadSnapshot().ValueOrDie();
  RowChanges changes;
  changes.operation = "DELETE";
  for (const auto& f : snap->files()) {
    FileRowDeletion d;
    d.file = f;
    d.whole_file = true;
    changes.deletions.push_back(d);
  }
  auto all = table_->CommitRowChanges(snap, changes);
  ASSERT_OK(all);
  EXPECT_EQ(all->rows_deleted, 8);
  EXPECT_TRUE(Ids().empty());
  EXPECT_EQ(table_->History(1).ValueOrDie()[0]["operationMetrics"]["numDeletedRows"], "8");
}

TEST_F(RowChangesTest, ColumnMappingTablesKeepAddresses) {
  MakeTable({{"delta.columnMapping.mode", "name"}, {"delta.enableDeletionVectors", "true"}}, {"region"});
  ASSERT_OK(Change("amount = 7", Rows(R"([{"id":70,"region":"EU","amount":70}])")));
  EXPECT_EQ(Ids(), (std::vector<int64_t>{0, 1, 2, 3, 4, 5, 6, 8, 9, 70}));
  auto rows = Scan("id = 9", true, {"id", "region"});
  ASSERT_EQ(rows->num_rows(), 1);
  EXPECT_EQ(Column64(*rows, kRowIndexColumn), std::vector<int64_t>{2});  // EU file of version 1: 5, 7, 9
}

TEST_F(RowChangesTest, ConstraintViolationLeavesTableUnchanged) {
  MakeTable({{"delta.constraints.positive", "amount >= 0"}});
  auto result = Change("id = 1", Rows(R"([{"id":1,"region":"US","amount":-1}])"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(ErrorClassOf(result.status()), "DELTA_VIOLATE_CONSTRAINT_WITH_VALUES");
  EXPECT_EQ(table_->LoadSnapshot().ValueOrDie()->version(), 1);
  EXPECT_EQ(Ids().size(), 10u);
}

TEST_F(RowChangesTest, AppendOnlyTablesRefuseChanges) {
  MakeTable({{"delta.appendOnly", "true"}});
  EXPECT_EQ(ErrorClassOf(Change("id = 1").status()), "DELTA_CANNOT_MODIFY_APPEND_ONLY");
}

TEST_F(RowChangesTest, ConcurrentChangeOfSameFileConflicts) {
  MakeTable({{"delta.enableDeletionVectors", "true"}});
  auto snap = table_->LoadSnapshot().ValueOrDie();
  ScanOptions opts;
  opts.with_row_address = true;
  opts.filter = ParsePredicate("id = 1").ValueOrDie();
  auto scan = TableScan::Make(snap, opts).ValueOrDie();
  RowChanges changes;
  changes.operation = "DELETE";
  changes.deletions = DeletionsFromRowAddresses(*scan.ToTable().ValueOrDie(), scan.files()).ValueOrDie();
  ASSERT_OK(Change("id = 2"));  // the concurrent winner touches the same file
  auto lost = table_->CommitRowChanges(snap, changes);
  ASSERT_FALSE(lost.ok());
  EXPECT_EQ(ErrorClassOf(lost.status()), "DELTA_CONCURRENT_DELETE_READ");
  EXPECT_EQ(table_->LoadSnapshot().ValueOrDie()->version(), 2);
  // A change of another file commits on top.
  opts.filter = ParsePredicate("id = 8").ValueOrDie();
  scan = TableScan::Make(snap, opts).ValueOrDie();
  changes.deletions = DeletionsFromRowAddresses(*scan.ToTable().ValueOrDie(), scan.files()).ValueOrDie();
  auto ok = table_->CommitRowChanges(snap, changes);
  ASSERT_OK(ok);
  EXPECT_EQ(ok->version, 3);
  EXPECT_EQ(Ids(), (std::vector<int64_t>{0, 1, 3, 4, 5, 6, 7, 9}));
}

TEST_F(RowChangesTest, EvolvedSchemaAddsColumns) {
  MakeTable({{"delta.columnMapping.mode", "name"}});
  auto wide = arrow::schema({arrow::field("id", arrow::int64()), arrow::field("region", arrow::utf8()),
                             arrow::field("amount", arrow::float64()), arrow::field("note", arrow::utf8())});
  auto snap = table_->LoadSnapshot().ValueOrDie();
  RowChanges changes;
  changes.operation = "MERGE";
  changes.evolved_schema = wide;
  auto note = arrow::json::ArrayFromJSONString(arrow::utf8(), R"(["new"])").ValueOrDie();
  auto base = Rows(R"([{"id":11,"region":"EU","amount":1}])");
  changes.new_rows = base->AddColumn(3, arrow::field("note", arrow::utf8()), std::make_shared<arrow::ChunkedArray>(note))
                         .ValueOrDie();
  ASSERT_OK(table_->CommitRowChanges(snap, changes));
  auto after = table_->LoadSnapshot().ValueOrDie();
  EXPECT_EQ(after->arrow_schema()->num_fields(), 4);
  auto rows = Scan("note = 'new'");
  EXPECT_EQ(Ids(*rows), std::vector<int64_t>{11});
  EXPECT_EQ(Scan("note IS NULL")->num_rows(), 10);
}

std::shared_ptr<arrow::Table> WithChangeType(const std::shared_ptr<arrow::Table>& rows, const std::string& kind) {
  auto arr = arrow::MakeArrayFromScalar(arrow::StringScalar(kind), rows->num_rows()).ValueOrDie();
  return rows->AddColumn(rows->num_columns(), arrow::field("_change_type", arrow::utf8()),
                         std::make_shared<arrow::ChunkedArray>(arr))
      .ValueOrDie();
}

// (id, _change_type, _commit_version) of the change feed, sorted.
std::vector<std::string> Feed(const arrow::Table& changes) {
  std::vector<std::string> out;
  auto ids = Column64(changes, "id");
  auto versions = Column64(changes, "_commit_version");
  auto kinds = changes.GetColumnByName("_change_type");
  for (size_t i = 0; i < ids.size(); ++i) {
    out.push_back(std::to_string(versions[i]) + ":" + kinds->GetScalar(static_cast<int64_t>(i)).ValueOrDie()->ToString() +
                  ":" + std::to_string(ids[i]));
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST_F(RowChangesTest, ChangeDataFeedRecordsUpdatesAndDeletes) {
  MakeTable({{"delta.enableChangeDataFeed", "true"}, {"delta.enableDeletionVectors", "true"}}, {"region"});
  auto pre = Scan("id = 1");
  auto post = Rows(R"([{"id":1,"region":"US","amount":100}])");
  auto change = arrow::ConcatenateTables({WithChangeType(pre, "update_preimage"), WithChangeType(post, "update_postimage")})
                    .ValueOrDie();
  ASSERT_OK(Change("id = 1", post, change));                      // version 2: an UPDATE with cdc files
  ASSERT_OK(table_->Delete(ParsePredicate("amount >= 8").ValueOrDie()));  // version 3: DELETE
  auto snap = table_->LoadSnapshot().ValueOrDie();
  EXPECT_EQ(snap->version(), 3);
  EXPECT_TRUE(fs::exists(dir_ / "_change_data"));
  auto feed = table_->ReadChanges(1);
  ASSERT_OK(feed);
  EXPECT_EQ(Feed(**feed), (std::vector<std::string>{"1:insert:5", "1:insert:6", "1:insert:7", "1:insert:8", "1:insert:9",
                                                    "2:update_postimage:1", "2:update_preimage:1", "3:delete:1", "3:delete:8",
                                                    "3:delete:9"}));
  auto schema = (*feed)->schema();
  EXPECT_EQ(schema->field(schema->num_fields() - 1)->name(), "_commit_timestamp");
  EXPECT_EQ(schema->GetFieldByName("region")->type()->id(), arrow::Type::STRING);
  // The postimage's partition value comes back from the cdc file's partition values.
  auto only2 = table_->ReadChanges(2, 2).ValueOrDie();
  ASSERT_EQ(only2->num_rows(), 2);
  for (int64_t i = 0; i < 2; ++i) EXPECT_EQ(only2->GetColumnByName("region")->GetScalar(i).ValueOrDie()->ToString(), "US");
  EXPECT_EQ(ErrorClassOf(table_->ReadChanges(7).status()), "DELTA_INVALID_CDC_RANGE");
  EXPECT_EQ(ErrorClassOf(table_->ReadChanges(3, 2).status()), "DELTA_INVALID_CDC_RANGE");
  auto by_time = table_->ReadChangesByTimestamp(0);  // from the first commit on
  ASSERT_OK(by_time);
  EXPECT_EQ((*by_time)->num_rows(), (*feed)->num_rows() + 5);
  EXPECT_EQ(ErrorClassOf(table_->ReadChangesByTimestamp(snap->timestamp() + 3600000).status()),
            "DELTA_TIMESTAMP_GREATER_THAN_COMMIT");
}

TEST_F(RowChangesTest, ChangeDataFeedMissingBeforeEnabled) {
  MakeTable({});
  ASSERT_OK(table_->SetProperties({{"delta.enableChangeDataFeed", "true"}}, {}));
  ASSERT_OK(table_->Write(Rows(R"([{"id":20,"region":"EU","amount":1}])"), {}));
  EXPECT_EQ(ErrorClassOf(table_->ReadChanges(0).status()), "DELTA_MISSING_CHANGE_DATA");
  auto feed = table_->ReadChanges(2).ValueOrDie();
  EXPECT_EQ(Feed(*feed), std::vector<std::string>{"3:insert:20"});
}

TEST_F(RowChangesTest, DeletionVectorChangesWithoutCdcFilesAreDerived) {
  // A DV table whose CDF was switched on later: tarn's own commits write cdc files, so make the
  // DV commit with CDF on but no change rows, as another writer could.
  MakeTable({{"delta.enableDeletionVectors", "true"}, {"delta.enableChangeDataFeed", "true"}});
  ASSERT_OK(Change("id IN (2, 3)"));
  auto feed = table_->ReadChanges(2).ValueOrDie();
  EXPECT_EQ(Feed(*feed), (std::vector<std::string>{"2:delete:2", "2:delete:3"}));
}

TEST_F(RowChangesTest, RestoreBringsBackFilesSchemaAndProperties) {
  MakeTable({{"delta.enableDeletionVectors", "true"}});
  ASSERT_OK(Change("id = 1"));                                   // version 2: a DV
  ASSERT_OK(table_->SetProperties({{"delta.appendOnly", "false"}, {"custom", "x"}}, {}));  // version 3
  WriteOptions merge;
  merge.merge_schema = true;
  auto extra = arrow::Table::Make(arrow::schema({arrow::field("id", arrow::int64()), arrow::field("extra", arrow::int32())}),
                                  {arrow::json::ArrayFromJSONString(arrow::int64(), "[50]").ValueOrDie(),
                                   arrow::json::ArrayFromJSONString(arrow::int32(), "[1]").ValueOrDie()});
  ASSERT_OK(table_->Write(extra, merge));                         // version 4
  auto restored = table_->Restore(1);
  ASSERT_OK(restored);
  EXPECT_EQ(restored->version, 5);
  EXPECT_EQ(restored->num_of_files_after_restore, 2);
  EXPECT_EQ(restored->num_restored_files, 1);  // the file of version 1 without the DV
  EXPECT_EQ(restored->num_removed_files, 2);   // the file with the DV and the file of version 4
  auto snap = table_->LoadSnapshot().ValueOrDie();
  EXPECT_EQ(snap->arrow_schema()->num_fields(), 3);
  EXPECT_EQ(snap->TableProperty("custom"), "");
  EXPECT_EQ(Ids(), (std::vector<int64_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
  auto history = table_->History(1).ValueOrDie();
  EXPECT_EQ(history[0]["operation"], "RESTORE");
  EXPECT_EQ(history[0]["operationMetrics"]["numRestoredFiles"], "1");
  EXPECT_EQ(ErrorClassOf(table_->Restore(9).status()), "DELTA_CANNOT_RESTORE_TABLE_VERSION");
  // Once a file of the old version is gone, RESTORE refuses.
  auto v0 = table_->LoadSnapshot(0).ValueOrDie();
  ASSERT_OK(table_->Delete(nullptr));
  fs::remove(dir_ / v0->files()[0].path);
  EXPECT_EQ(ErrorClassOf(table_->Restore(0).status()), "DELTA_FILE_NOT_FOUND_DETAILED");
  auto now = table_->LoadSnapshot().ValueOrDie()->timestamp();
  EXPECT_EQ(ErrorClassOf(table_->RestoreToTimestamp(now + 3600000).status()), "DELTA_CANNOT_RESTORE_TIMESTAMP_GREATER");
  EXPECT_EQ(ErrorClassOf(table_->RestoreToTimestamp(0).status()), "DELTA_CANNOT_RESTORE_TIMESTAMP_EARLIER");
}

}  // namespace
}  // namespace tarn::delta
