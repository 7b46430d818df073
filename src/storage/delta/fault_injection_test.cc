// A LevelDB-style fault-injecting storage: writes fail at chosen points, and the table must
// stay exactly as it was (no partial commit visible), then accept the next write.
#include <filesystem>

#include <arrow/api.h>
#include <arrow/json/from_string.h>
#include <gtest/gtest.h>

#include "storage/delta/delta_table.h"
#include "storage/delta/table_scan.h"

namespace tarn::delta {
namespace {

namespace fs = std::filesystem;

class FaultInjectingStorage final : public TableStorage {
 public:
  explicit FaultInjectingStorage(std::shared_ptr<TableStorage> base) : base_(std::move(base)) {}

  // The next `count` calls of the chosen kind fail with an I/O error.
  void FailNextCommits(int count) { fail_commits_ = count; }
  void FailNextReads(int count) { fail_reads_ = count; }

  const std::string& root() const override { return base_->root(); }
  std::shared_ptr<arrow::fs::FileSystem> filesystem() const override { return base_->filesystem(); }
  arrow::Result<std::vector<StoredFile>> List(const std::string& dir) const override { return base_->List(dir); }
  arrow::Result<std::vector<StoredFile>> ListRecursive(const std::string& dir) const override {
    return base_->ListRecursive(dir);
  }
  arrow::Result<std::shared_ptr<arrow::Buffer>> Read(const std::string& path) const override {
    if (fail_reads_ > 0) {
      --fail_reads_;
      return arrow::Status::IOError("injected read failure: ", path);
    }
    return base_->Read(path);
  }
  arrow::Status PutIfAbsent(const std::string& path, std::string_view contents) override {
    if (fail_commits_ > 0) {
      --fail_commits_;
      return arrow::Status::IOError("injected commit failure: ", path);
    }
    return base_->PutIfAbsent(path, contents);
  }
  arrow::Status Put(const std::string& path, std::string_view contents) override { return base_->Put(path, contents); }
  arrow::Status Delete(const std::string& path) override { return base_->Delete(path); }

 private:
  std::shared_ptr<TableStorage> base_;
  int fail_commits_ = 0;
  mutable int fail_reads_ = 0;
};

std::shared_ptr<arrow::Table> Rows(int64_t first, int64_t n) {
  arrow::Int64Builder b;
  for (int64_t i = 0; i < n; ++i) EXPECT_TRUE(b.Append(first + i).ok());
  return arrow::Table::Make(arrow::schema({arrow::field("id", arrow::int64())}), {b.Finish().ValueOrDie()});
}

int64_t CountRows(const DeltaTable& t) {
  auto scan = TableScan::Make(t.LoadSnapshot().ValueOrDie(), {}).ValueOrDie();
  return scan.ToTable().ValueOrDie()->num_rows();
}

TEST(FaultInjectionTest, FailedCommitLeavesTableAsItWas) {
  auto dir = fs::temp_directory_path() / ("tarn_fault_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  auto storage = std::make_shared<FaultInjectingStorage>(OpenTableStorage(dir.string()).ValueOrDie());
  auto table = DeltaTable::OnStorage(storage);
  ASSERT_TRUE(table.Write(Rows(0, 10), {}).ok());

  storage->FailNextCommits(1);
  auto failed = table.Write(Rows(10, 10), {});
  ASSERT_FALSE(failed.ok());
  EXPECT_TRUE(failed.status().IsIOError());
  EXPECT_EQ(table.LoadSnapshot().ValueOrDie()->version(), 0);
  EXPECT_EQ(CountRows(table), 10);

  WriteOptions overwrite;
  overwrite.mode = WriteMode::kOverwrite;
  storage->FailNextCommits(1);
  ASSERT_FALSE(table.Write(Rows(100, 1), overwrite).ok());
  EXPECT_EQ(CountRows(table), 10);

  ASSERT_TRUE(table.Write(Rows(10, 10), {}).ok());
  EXPECT_EQ(table.LoadSnapshot().ValueOrDie()->version(), 1);
  EXPECT_EQ(CountRows(table), 20);
  fs::remove_all(dir);
}

TEST(FaultInjectionTest, UnreadableLogIsAnErrorNotAWrongAnswer) {
  auto dir = fs::temp_directory_path() / ("tarn_fault_read_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  auto storage = std::make_shared<FaultInjectingStorage>(OpenTableStorage(dir.string()).ValueOrDie());
  auto table = DeltaTable::OnStorage(storage);
  ASSERT_TRUE(table.Write(Rows(0, 5), {}).ok());
  ASSERT_TRUE(table.Write(Rows(5, 5), {}).ok());
  storage->FailNextReads(1);
  auto snap = table.LoadSnapshot();
  ASSERT_FALSE(snap.ok());
  EXPECT_TRUE(snap.status().IsIOError());
  EXPECT_EQ(CountRows(table), 10);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace tarn::delta
