#include "exec/sql_functions.h"

#include <algorithm>

#include <fmt/format.h>

#include "exec/result_builder.h"
#include "sql/parser/parser.h"
#include "sql/plan/data_type.h"

namespace tarn::exec {

catalog::FunctionInfo FunctionInfoOf(const sql::CreateObjectSpec& spec, const catalog::ObjectName& name) {
  catalog::FunctionInfo info;
  info.name = name;
  for (const auto& p : spec.parameters) {
    catalog::FunctionParameter parameter;
    parameter.name = p.name;
    parameter.type_text = p.type_text;
    if (!p.default_text.empty()) parameter.default_expression = p.default_text;
    parameter.comment = p.comment;
    info.parameters.push_back(std::move(parameter));
  }
  info.return_type = spec.return_type_text;
  info.body = spec.body_text;
  info.comment = spec.comment;
  info.deterministic = spec.deterministic;
  return info;
}

arrow::Result<std::shared_ptr<const sql::SqlFunction>> SqlFunctionOf(const catalog::FunctionInfo& info,
                                                                    std::vector<std::string> qualified_name) {
  auto function = std::make_shared<sql::SqlFunction>();
  function->name = std::move(qualified_name);
  for (const auto& p : info.parameters) {
    sql::SqlFunction::Parameter parameter;
    parameter.name = p.name;
    ARROW_ASSIGN_OR_RAISE(parameter.type, sql::ParseDataType(p.type_text));
    if (p.default_expression) {
      ARROW_ASSIGN_OR_RAISE(parameter.default_value, sql::ParseExpression(*p.default_expression));
    }
    function->parameters.push_back(std::move(parameter));
  }
  ARROW_ASSIGN_OR_RAISE(function->return_type, sql::ParseDataType(info.return_type));
  ARROW_ASSIGN_OR_RAISE(function->body, sql::ParseExpression(info.body));
  return function;
}

namespace {

std::string Upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

}  // namespace

std::vector<std::string> DescribeSqlFunction(const catalog::FunctionInfo& info, const std::string& display_name,
                                             bool extended) {
  // Labels are padded to the longest one shown plus a space, as Spark aligns them.
  const int label_width = extended ? 15 : 10;  // "Deterministic: " / "Function: "
  auto line = [&](const std::string& label, const std::string& value) {
    return fmt::format("{:<{}}{}", label.empty() ? "" : label + ":", label_width, value);
  };
  std::vector<std::string> rows = {line("Function", display_name), line("Type", "SCALAR")};
  if (info.parameters.empty()) rows.push_back(line("Input", "()"));
  for (size_t i = 0; i < info.parameters.size(); ++i) {
    const auto& p = info.parameters[i];
    std::string text = p.name + " " + Upper(p.type_text);
    if (extended && p.default_expression) text += " DEFAULT " + *p.default_expression;
    if (extended && p.comment) text += " '" + *p.comment + "'";
    rows.push_back(line(i == 0 ? "Input" : "", text));
  }
  rows.push_back(line("Returns", Upper(info.return_type)));
  if (extended) {
    if (info.comment) rows.push_back(line("Comment", *info.comment));
    rows.push_back(line("Deterministic", info.deterministic ? "true" : "false"));
    rows.push_back(line("Data Access", "CONTAINS SQL"));
    if (!info.owner.empty()) rows.push_back(line("Owner", info.owner));
    if (info.created_at > 0) rows.push_back(line("Create Time", DescribeTimeText(info.created_at)));
    rows.push_back(line("Body", info.body));
  }
  return rows;
}

}  // namespace tarn::exec
