#include "storage/delta/predicate.h"

#include <gtest/gtest.h>

#include "errors/error_class.h"

namespace tarn::delta {
namespace {

TEST(PredicateTest, ParsesAndPrints) {
  auto p = ParsePredicate("a > 1 AND (b = 'x''y' OR c IS NOT NULL) AND d IN (1, 2) AND NOT e <= -2.5");
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ((*p)->ToString(),
            "((((a > 1) AND ((b = 'x'y') OR c IS NOT NULL)) AND d IN (1, 2)) AND NOT ((e <= -2.5)))");
}

TEST(PredicateTest, BetweenDesugarsToRange) {
  auto p = ParsePredicate("x BETWEEN 1 AND 5");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ((*p)->ToString(), "((x >= 1) AND (x <= 5))");
}

TEST(PredicateTest, TypedLiteralsAndBackticks) {
  auto p = ParsePredicate("`my col`.inner >= DATE '2024-01-31' AND ts < TIMESTAMP '2024-01-31 10:00:00'");
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(ReferencedColumns(**p), (std::vector<std::string>{"my col", "ts"}));
}

TEST(PredicateTest, SyntaxErrorsCarryClassAndPosition) {
  auto p = ParsePredicate("a > AND b");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(ErrorClassOf(p.status()), "PARSE_SYNTAX_ERROR");
  EXPECT_NE(p.status().message().find("position 4"), std::string::npos) << p.status().message();
  EXPECT_EQ(ErrorClassOf(ParsePredicate("a = 'open").status()), "PARSE_SYNTAX_ERROR");
  EXPECT_EQ(ErrorClassOf(ParsePredicate("a = 1)").status()), "PARSE_SYNTAX_ERROR");
  EXPECT_EQ(ErrorClassOf(ParsePredicate("").status()), "PARSE_SYNTAX_ERROR");
}

}  // namespace
}  // namespace tarn::delta
