// The Spark SQL parser: SQL text -> Statement with an unresolved logical plan (Spark 4, ANSI).
//
// Names are kept as written (the analyzer compares them case-insensitively); function names are
// lower-cased. Operators become kCall nodes by name (see sql/plan/expression.h):
//   + - * / % div || & | ^       binary arithmetic, concatenation and bit operators
//   negative positive ~          unary - + ~ (a minus before a number literal folds into it: -1)
//   = <=> <> < <= > >=           comparisons (== is =, != is <>)
//   and or not                   AND / OR chains are balanced trees, as Spark builds them
//   isnull isnotnull             IS [NOT] NULL, IS [NOT] UNKNOWN
//   like ilike rlike             [NOT] LIKE / ILIKE (ESCAPE 'c' as a third argument), RLIKE and
//                                REGEXP; NOT sets Expr::negated. LIKE ANY/SOME/ALL (p, q) becomes
//                                an OR / AND of single likes
//   between                      x [NOT] BETWEEN lo AND hi (NOT sets Expr::negated)
//   subscript                    a[i] and m[k]
//   get_struct_field             (expr).field when the base is not a plain name (a.b.c stays
//                                one kColumn with three parts); args[1] the name literal
// and these rewrites, as Spark's AstBuilder does them:
//   x IS [NOT] TRUE / FALSE      [not](x <=> true / false)
//   x IS [NOT] DISTINCT FROM y   (x <=> y), negated with not
//   CASE x WHEN v THEN ..        CASE WHEN x = v THEN ..
//   EXTRACT(f FROM x)            extract('f', x)
//   SUBSTRING(x FROM a FOR b)    substring(x, a, b); POSITION(a IN b) -> position(a, b)
//   TRIM([BOTH|LEADING|TRAILING] [chars] FROM x)   trim / ltrim / rtrim (x [, chars]): the
//                                source string first, the characters to trim second
//   OVERLAY(x PLACING y FROM a [FOR b])            overlay(x, y, a [, b])
//   current_date / current_timestamp / current_user / current_time without parentheses: calls
//   count(*)                     a count call whose argument is a kStar
//   (a, b)                       struct(a, b); on the left of IN (subquery) its fields
//
// Positions (Expr::position, LogicalPlan::position) are byte offsets of a node's first token
// into Statement::text (for ParseExpression, into its argument).
//
// Errors: PARSE_SYNTAX_ERROR "Syntax error at or near 'x'. (line L, pos P)" (line from 1, pos
// from 0, within the whole script), UNCLOSED_BRACKETED_COMMENT, INVALID_IDENTIFIER,
// INVALID_TYPED_LITERAL, INVALID_NUMERIC_LITERAL_RANGE, DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION,
// MISSING_WINDOW_SPECIFICATION, UNSUPPORTED_FEATURE.* for syntax tarn does not run yet (e.g.
// WITH RECURSIVE), and UNSUPPORTED_STATEMENT for valid statements tarn does not run yet
// (CREATE TABLE, INSERT, ...). Nesting deeper than 1000 levels fails with
// PARSE_SYNTAX_ERROR ("too deeply nested") instead of overflowing the stack.
#pragma once

#include <string_view>
#include <vector>

#include <arrow/result.h>

#include "sql/plan/statement.h"

namespace tarn::sql {

// Splits a script on top-level ';' and parses each statement (Statement::text / position
// filled; empty statements are skipped).
arrow::Result<std::vector<Statement>> ParseScript(std::string_view sql);
// Exactly one statement (a trailing ';' is allowed).
arrow::Result<Statement> ParseStatement(std::string_view sql);
// One expression, e.g. a CHECK constraint.
arrow::Result<ExprPtr> ParseExpression(std::string_view sql);

}  // namespace tarn::sql
