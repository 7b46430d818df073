#include "storage/delta/log_segment.h"

#include <gtest/gtest.h>

#include "errors/error_class.h"

namespace tarn::delta {
namespace {

std::vector<StoredFile> Listing(std::initializer_list<std::string> names) {
  std::vector<StoredFile> out;
  for (const auto& n : names) out.push_back({"/t/_delta_log/" + n, 10, 1000});
  return out;
}

TEST(LogSegmentTest, ClassifiesFileNames) {
  EXPECT_EQ(ClassifyLogFile({"/x/00000000000000000003.json", 1, 1}).kind, LogFileKind::kCommit);
  EXPECT_EQ(ClassifyLogFile({"/x/00000000000000000003.json", 1, 1}).version, 3);
  EXPECT_EQ(ClassifyLogFile({"/x/00000000000000000010.checkpoint.parquet", 1, 1}).kind,
            LogFileKind::kClassicCheckpoint);
  auto mp = ClassifyLogFile({"/x/00000000000000000010.checkpoint.0000000002.0000000003.parquet", 1, 1});
  EXPECT_EQ(mp.kind, LogFileKind::kMultiPartCheckpoint);
  EXPECT_EQ(mp.part, 2);
  EXPECT_EQ(mp.num_parts, 3);
  EXPECT_EQ(ClassifyLogFile({"/x/00000000000000000010.checkpoint.80a083e8-7026-4e79-81be-64bd76c43a11.json", 1, 1}).kind,
            LogFileKind::kV2Checkpoint);
  EXPECT_EQ(ClassifyLogFile({"/x/00000000000000000001.00000000000000000004.compacted.json", 1, 1}).kind,
            LogFileKind::kCompaction);
  EXPECT_EQ(ClassifyLogFile({"/x/_last_checkpoint", 1, 1}).kind, LogFileKind::kLastCheckpoint);
  EXPECT_EQ(ClassifyLogFile({"/x/.00000000000000000001.json.tmp", 1, 1}).kind, LogFileKind::kOther);
}

TEST(LogSegmentTest, UsesNewestCheckpointAtOrBeforeVersion) {
  auto listing = Listing({"00000000000000000000.json", "00000000000000000001.json", "00000000000000000002.json",
                          "00000000000000000002.checkpoint.parquet", "00000000000000000003.json",
                          "00000000000000000004.json"});
  auto seg = BuildLogSegment(listing, std::nullopt, "/t");
  ASSERT_TRUE(seg.ok()) << seg.status();
  EXPECT_EQ(seg->version, 4);
  EXPECT_EQ(seg->checkpoint_version, 2);
  ASSERT_EQ(seg->commits.size(), 2u);
  EXPECT_EQ(seg->commits[0].version, 3);

  auto old = BuildLogSegment(listing, 1, "/t");
  ASSERT_TRUE(old.ok());
  EXPECT_FALSE(old->checkpoint_version.has_value());
  EXPECT_EQ(old->commits.size(), 2u);
}

TEST(LogSegmentTest, IgnoresIncompleteMultiPartCheckpoint) {
  auto listing = Listing({"00000000000000000000.json", "00000000000000000001.json",
                          "00000000000000000001.checkpoint.0000000001.0000000002.parquet",
                          "00000000000000000002.json"});
  auto seg = BuildLogSegment(listing, std::nullopt, "/t");
  ASSERT_TRUE(seg.ok());
  EXPECT_FALSE(seg->checkpoint_version.has_value());
  EXPECT_EQ(seg->commits.size(), 3u);
}

TEST(LogSegmentTest, CompleteMultiPartCheckpointIsUsed) {
  auto listing = Listing({"00000000000000000001.checkpoint.0000000001.0000000002.parquet",
                          "00000000000000000001.checkpoint.0000000002.0000000002.parquet",
                          "00000000000000000002.json"});
  auto seg = BuildLogSegment(listing, std::nullopt, "/t");
  ASSERT_TRUE(seg.ok()) << seg.status();
  EXPECT_EQ(seg->checkpoint_version, 1);
  EXPECT_EQ(seg->checkpoint_parts.size(), 2u);
}

TEST(LogSegmentTest, ErrorsNameTheProblem) {
  auto empty = BuildLogSegment({}, std::nullopt, "/t");
  EXPECT_EQ(ErrorClassOf(empty.status()), "DELTA_MISSING_DELTA_TABLE");
  auto listing = Listing({"00000000000000000000.json", "00000000000000000002.json"});
  EXPECT_EQ(ErrorClassOf(BuildLogSegment(listing, std::nullopt, "/t").status()), "DELTA_VERSIONS_NOT_CONTIGUOUS");
  EXPECT_EQ(ErrorClassOf(BuildLogSegment(listing, 7, "/t").status()), "DELTA_VERSION_NOT_FOUND");
}

}  // namespace
}  // namespace tarn::delta
