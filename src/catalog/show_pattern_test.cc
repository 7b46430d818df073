#include "catalog/show_pattern.h"

#include <gtest/gtest.h>

namespace tarn::catalog {
namespace {

TEST(CatalogShowPatternTest, StarAlternativesAndCase) {
  EXPECT_TRUE(ShowPattern("").Matches("anything"));
  EXPECT_TRUE(ShowPattern("sales*").Matches("sales_2024"));
  EXPECT_TRUE(ShowPattern("SALES*").Matches("sales"));
  EXPECT_TRUE(ShowPattern("*es").Matches("Sales"));
  EXPECT_FALSE(ShowPattern("sales*").Matches("presales"));
  EXPECT_TRUE(ShowPattern("*a*b*").Matches("xxaxxbxx"));
  EXPECT_FALSE(ShowPattern("*a*b").Matches("xxaxxbxx"));
  EXPECT_TRUE(ShowPattern("orders | cust*").Matches("customers"));
  EXPECT_TRUE(ShowPattern("orders | cust*").Matches("orders"));
  EXPECT_FALSE(ShowPattern("orders | cust*").Matches("lineitem"));
  // Everything but `*` and `|` is literal: a dot is not a regex wildcard.
  EXPECT_FALSE(ShowPattern("a.c").Matches("abc"));
  EXPECT_TRUE(ShowPattern("a.c").Matches("a.c"));
}

}  // namespace
}  // namespace tarn::catalog
