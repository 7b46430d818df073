// libFuzzer target for the SQL parser: any input must parse or fail with a Status, never crash,
// overflow the stack or hang. Also prints what it parsed (plans, display names) to exercise
// those paths on every tree the parser builds. See test/fuzz/README.md.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sql/parser/parser.h"
#include "sql/plan/data_type.h"

namespace {

void Walk(const tarn::sql::Expr& e, size_t depth);

void WalkPlan(const tarn::sql::LogicalPlan& plan, size_t depth) {
  if (depth > 2000) return;
  (void)tarn::sql::ToString(plan);
  for (const auto& e : plan.exprs) Walk(*e, depth + 1);
  if (plan.condition) Walk(*plan.condition, depth + 1);
  for (const auto& c : plan.children) WalkPlan(*c, depth + 1);
  for (const auto& [name, body] : plan.ctes) WalkPlan(*body, depth + 1);
}

void Walk(const tarn::sql::Expr& e, size_t depth) {
  (void)tarn::sql::DisplayName(e);
  if (e.subquery && depth < 2000) WalkPlan(*e.subquery, depth + 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view sql(reinterpret_cast<const char*>(data), size);
  auto statements = tarn::sql::ParseScript(sql);
  if (statements.ok()) {
    for (const auto& s : *statements) {
      if (s.query) WalkPlan(*s.query, 0);
    }
  }
  auto expr = tarn::sql::ParseExpression(sql);
  if (expr.ok()) {
    (void)tarn::sql::ToString(**expr);
    (void)tarn::sql::DisplayName(**expr);
  }
  auto type = tarn::sql::ParseDataType(sql);
  if (type.ok()) (void)tarn::sql::SparkTypeSql(**type);
  return 0;
}
