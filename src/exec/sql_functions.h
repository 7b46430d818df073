// SQL functions (CREATE FUNCTION f(p T) RETURNS R RETURN expr) between their three forms: the
// statement that creates one, the record the metastore (or the session, for a TEMPORARY one)
// keeps, and the definition the analyzer inlines; and the rows DESCRIBE FUNCTION shows for one.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <arrow/result.h>

#include "catalog/securable_info.h"
#include "sql/analyzer/analyzer.h"
#include "sql/plan/statement.h"

namespace tarn::exec {

// The record to store for CREATE FUNCTION: texts as written (types, DEFAULTs, the body).
catalog::FunctionInfo FunctionInfoOf(const sql::CreateObjectSpec& spec, const catalog::ObjectName& name);

// The analyzer's definition of a stored function: its texts parsed again. `qualified_name` is
// how calls and messages name it ({catalog, schema, f}, or {f} for a temporary one).
arrow::Result<std::shared_ptr<const sql::SqlFunction>> SqlFunctionOf(const catalog::FunctionInfo& info,
                                                                    std::vector<std::string> qualified_name);

// DESCRIBE FUNCTION [EXTENDED] of a SQL function, one line a row as Databricks prints it:
// Function, Type, Input, Returns and, EXTENDED, Comment, Deterministic, Data Access, Owner,
// Create Time, Body.
std::vector<std::string> DescribeSqlFunction(const catalog::FunctionInfo& info, const std::string& display_name,
                                             bool extended);

}  // namespace tarn::exec
