// Filters pushed into a Delta scan, expressed as the storage layer's predicates so that
// partition pruning and file statistics can skip data. Only simple shapes translate
// (column op literal, AND / OR / NOT, IS [NOT] NULL, IN); the rest stays an Acero filter.
#pragma once

#include <optional>
#include <string>

#include <arrow/result.h>
#include <arrow/type_fwd.h>

#include "sql/plan/expression.h"
#include "storage/delta/predicate.h"

namespace tarn::exec {

// nullptr when the expression has a shape the storage layer cannot evaluate exactly.
delta::PredicatePtr ToDeltaPredicate(const sql::Expr& expr);

// `column IN (values...)` (nulls left out), or nullptr when a value's type has no exact literal
// form (doubles, timestamps) or there is no non-null value.
arrow::Result<delta::PredicatePtr> InListOf(const std::string& column, const arrow::Array& values);

}  // namespace tarn::exec
