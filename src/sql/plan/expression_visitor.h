// Walking and rewriting expression trees: what the analyzer and the optimizer do to them.
#pragma once

#include <functional>
#include <set>
#include <vector>

#include <arrow/result.h>

#include "sql/plan/logical_plan.h"

namespace tarn::sql {

// Rewrites bottom-up: children first, then `fn` on the node with its new children. `fn`
// returns the replacement (or the node itself). Subquery plans are not entered.
using ExprRewriter = std::function<arrow::Result<ExprPtr>(const ExprPtr&)>;
arrow::Result<ExprPtr> RewriteBottomUp(const ExprPtr& expr, const ExprRewriter& fn);

// Rewrites top-down: `fn` may return a replacement (its children are not visited) or nullptr
// to descend into the children.
using ExprReplacer = std::function<arrow::Result<ExprPtr>(const ExprPtr&)>;
arrow::Result<ExprPtr> ReplaceTopDown(const ExprPtr& expr, const ExprReplacer& fn);

// Visits every node (pre-order); return false from `fn` to skip a node's children.
void VisitExpr(const ExprPtr& expr, const std::function<bool(const Expr&)>& fn);

// Structural equality of resolved expressions (same attribute ids, functions and literals).
bool ExprEquals(const Expr& a, const Expr& b);

bool ContainsAggregate(const ExprPtr& expr);  // outside window expressions
bool ContainsWindow(const ExprPtr& expr);
bool ContainsSubquery(const ExprPtr& expr);
// Attribute ids of the kColumn references (not kOuterRef) in the expression.
std::set<int64_t> ReferencedAttributes(const ExprPtr& expr);
std::set<int64_t> OuterReferences(const ExprPtr& expr);  // kOuterRef ids, subqueries included

// A resolved reference to an attribute.
ExprPtr AttributeRef(const Attribute& attribute);
// The attribute a resolved select-list item produces (kAlias or kColumn).
Attribute OutputAttribute(const Expr& expr);

// AND of the conjuncts (nullptr for none) and its inverse.
ExprPtr MakeConjunction(const std::vector<ExprPtr>& conjuncts);
std::vector<ExprPtr> SplitConjunction(const ExprPtr& expr);

// A shallow copy to modify.
std::shared_ptr<Expr> CopyExpr(const Expr& expr);
std::shared_ptr<LogicalPlan> CopyPlan(const LogicalPlan& plan);

}  // namespace tarn::sql
