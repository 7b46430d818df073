// Several processes and threads on one workspace, and a writer killed mid-batch. Children are
// forked and leave with _exit, reporting through their exit code (or a pipe for progress).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "catalog/catalog_test_support_internal.h"
#include "catalog/metastore.h"
#include "errors/error_class.h"

namespace tarn::catalog {
namespace {

namespace fs = std::filesystem;

constexpr int kChildFailed = 250;

// Forks `count` children that block until Release(), so they start their work together.
class ChildProcesses {
 public:
  ChildProcesses() {
    if (pipe(gate_) != 0) gate_[0] = gate_[1] = -1;
  }
  ~ChildProcesses() {
    for (int fd : gate_) {
      if (fd >= 0) close(fd);
    }
  }

  // `work` returns the child's exit code (0..249).
  void Spawn(int count, const std::function<int(int index)>& work) {
    for (int i = 0; i < count; ++i) {
      pid_t pid = fork();
      if (pid == 0) {
        close(gate_[1]);
        char byte = 0;
        int code = read(gate_[0], &byte, 1) == 1 ? work(i) : kChildFailed;
        _exit(code);
      }
      pids_.push_back(pid);
    }
  }

  void Release() {
    std::string bytes(pids_.size(), 'x');
    ASSERT_EQ(write(gate_[1], bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
  }

  // The exit codes, in spawn order (-1 for a child that did not exit normally).
  std::vector<int> Wait() {
    std::vector<int> codes;
    for (pid_t pid : pids_) {
      int status = 0;
      waitpid(pid, &status, 0);
      codes.push_back(WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    }
    pids_.clear();
    return codes;
  }

 private:
  int gate_[2] = {-1, -1};
  std::vector<pid_t> pids_;
};

TableInfo Table(const std::string& name) {
  TableInfo info;
  info.name = {"main", "default", name};
  return info;  // MANAGED, location allocated by the metastore
}

TEST(CatalogConcurrencyTest, TwoProcessesRaceToCreateOneTable) {
  TempWorkspace workspace;
  ASSERT_OK(Metastore::Open(workspace.home()).status());  // created before the race
  for (int round = 0; round < 3; ++round) {
    std::string name = fmt::format("contested_{}", round);
    ChildProcesses children;
    children.Spawn(2, [&](int) {
      auto metastore = Metastore::Open(workspace.home());
      if (!metastore.ok()) return kChildFailed;
      auto created = (*metastore)->CreateTable(Table(name), false, false);
      if (created.ok()) return 0;
      return ErrorClassOf(created.status()) == "TABLE_OR_VIEW_ALREADY_EXISTS" ? 1 : kChildFailed;
    });
    children.Release();
    auto codes = children.Wait();
    std::sort(codes.begin(), codes.end());
    EXPECT_EQ(codes, (std::vector<int>{0, 1})) << "round " << round;
  }
  ASSERT_OK_AND_ASSIGN_CATALOG(metastore, Metastore::Open(workspace.home()));
  ASSERT_OK_AND_ASSIGN_CATALOG(tables, metastore->ListTables({"main", "default"}));
  EXPECT_EQ(tables.size(), 3u);
  EXPECT_OK(metastore->CheckConsistency());
}

TEST(CatalogConcurrencyTest, HundredCreatesFromSeveralProcessesLandExactlyOnce) {
  TempWorkspace workspace;
  constexpr int kProcesses = 4;
  constexpr int kTables = 100;
  ChildProcesses children;
  // No process opens the workspace before the race: creating it is part of what races.
  children.Spawn(kProcesses, [&](int index) {
    auto metastore = Metastore::Open(workspace.home());
    if (!metastore.ok()) return kChildFailed;
    int created = 0;
    for (int i = 0; i < kTables; ++i) {
      // Each process walks the names from a different start, so every name is contested.
      int table = (i + index * kTables / kProcesses) % kTables;
      auto result = (*metastore)->CreateTable(Table(fmt::format("t{:03}", table)), false, false);
      if (result.ok()) {
        ++created;
      } else if (ErrorClassOf(result.status()) != "TABLE_OR_VIEW_ALREADY_EXISTS") {
        return kChildFailed;
      }
    }
    return created;
  });
  children.Release();
  auto codes = children.Wait();
  int total = 0;
  for (int code : codes) {
    ASSERT_GE(code, 0);
    ASSERT_LT(code, kChildFailed) << "a child hit an unexpected error";
    total += code;
  }
  EXPECT_EQ(total, kTables);

  ASSERT_OK_AND_ASSIGN_CATALOG(metastore, Metastore::Open(workspace.home()));
  ASSERT_OK_AND_ASSIGN_CATALOG(tables, metastore->ListTables({"main", "default"}, "t*"));
  ASSERT_EQ(tables.size(), static_cast<size_t>(kTables));
  for (int i = 0; i < kTables; ++i) EXPECT_EQ(tables[i].name.name, fmt::format("t{:03}", i));
  ASSERT_OK_AND_ASSIGN_CATALOG(catalogs, metastore->ListCatalogs());
  EXPECT_EQ(catalogs.size(), 1u);  // `main` seeded once although four processes created the file
  EXPECT_OK(metastore->CheckConsistency());
}

TEST(CatalogConcurrencyTest, ThreadsShareOneMetastore) {
  TempWorkspace workspace;
  ASSERT_OK_AND_ASSIGN_CATALOG(metastore, Metastore::Open(workspace.home()));
  std::atomic<int> created{0}, failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        auto result = metastore->CreateTable(Table(fmt::format("x{}", (i + t * 7) % 25)), false, false);
        if (result.ok()) {
          ++created;
        } else if (ErrorClassOf(result.status()) != "TABLE_OR_VIEW_ALREADY_EXISTS") {
          ++failed;
        }
        (void)metastore->ListTables({"main", "default"});
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(created.load(), 25);
  EXPECT_EQ(failed.load(), 0);
}

// A child writes batches (schema, managed volume, tables, a drop) until it is SIGKILLed; the
// metastore it leaves must open, pass its consistency check, and still accept writes.
TEST(CatalogConcurrencyTest, KilledWriterLeavesAConsistentMetastore) {
  TempWorkspace workspace;
  ASSERT_OK(Metastore::Open(workspace.home()).status());
  for (int round = 0; round < 3; ++round) {
    int progress[2];
    ASSERT_EQ(pipe(progress), 0);
    pid_t pid = fork();
    if (pid == 0) {
      close(progress[0]);
      auto opened = Metastore::Open(workspace.home());
      if (!opened.ok()) _exit(kChildFailed);
      auto metastore = *opened;
      for (int batch = 0;; ++batch) {
        std::string schema = fmt::format("r{}_b{}", round, batch);
        bool ok = metastore->CreateSchema({"main", schema}, false).ok();
        VolumeInfo volume;
        volume.name = {"main", schema, "files"};
        ok = ok && metastore->CreateVolume(volume, false).ok();
        for (int t = 0; t < 3 && ok; ++t) {
          TableInfo table;
          table.name = {"main", schema, fmt::format("t{}", t)};
          ok = metastore->CreateTable(table, false, false).ok();
        }
        ok = ok && metastore->DropTable({"main", schema, "t0"}, false).ok();
        ok = ok && metastore->SetProperties(SecurableKind::kSchema, {"main", schema},
                                            {{"batch", std::to_string(batch)}}, {}).ok();
        if (!ok) _exit(kChildFailed);
        char byte = 'b';
        if (write(progress[1], &byte, 1) != 1) _exit(kChildFailed);
      }
    }
    close(progress[1]);
    // Let a few batches commit, then kill the writer wherever it is.
    char byte = 0;
    int batches = 0;
    while (batches < 5 + round * 3 && read(progress[0], &byte, 1) == 1) ++batches;
    usleep(1000 * (round + 1));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    close(progress[0]);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the writer stopped before it was killed (round " << round
                                     << ", status " << status << ")";

    ASSERT_OK_AND_ASSIGN_CATALOG(metastore, Metastore::Open(workspace.home()));
    ASSERT_OK(metastore->CheckConsistency());
    ASSERT_OK_AND_ASSIGN_CATALOG(schemas, metastore->ListSchemas("main", fmt::format("r{}_*", round)));
    EXPECT_GE(schemas.size(), static_cast<size_t>(batches));
    // Every batch the writer reported is there in full; the one it was killed in may be partial
    // (each write is its own transaction), which CheckConsistency above has vetted.
    for (int batch = 0; batch < batches; ++batch) {
      std::string schema = fmt::format("r{}_b{}", round, batch);
      ASSERT_OK_AND_ASSIGN_CATALOG(info, metastore->GetSchema({"main", schema}));
      EXPECT_EQ(info.properties["batch"], std::to_string(batch));
      ASSERT_OK_AND_ASSIGN_CATALOG(tables, metastore->ListTables({"main", schema}));
      ASSERT_EQ(tables.size(), 2u) << schema;
      EXPECT_EQ(tables[0].name.name, "t1");
      EXPECT_EQ(tables[1].name.name, "t2");
      ASSERT_OK_AND_ASSIGN_CATALOG(volume, metastore->GetVolume({"main", schema, "files"}));
      EXPECT_TRUE(fs::is_directory(volume.storage_location));
    }
    // The lock the killed writer held is gone: writing works at once.
    ASSERT_OK(metastore->CreateSchema({"main", fmt::format("after_kill_{}", round)}, false));
  }
}

}  // namespace
}  // namespace tarn::catalog
