// Resolving expressions: names to attributes, calls to bound functions, implicit casts.
#include <algorithm>
#include <cctype>

#include <arrow/api.h>
#include <fmt/format.h>

#include "errors/error_class.h"
#include "sql/analyzer/analyzer_internal.h"

namespace tarn::sql::analyzer_internal {

std::string QuoteName(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += ".";
    out += "`" + p + "`";
  }
  return out;
}

namespace {

std::shared_ptr<Expr> Resolved(const Expr& like) {
  auto e = CopyExpr(like);
  return e;
}

bool QualifierMatches(const Attribute& a, const std::vector<std::string>& qualifier) {
  if (qualifier.size() > a.qualifier.size()) return false;
  size_t off = a.qualifier.size() - qualifier.size();
  for (size_t i = 0; i < qualifier.size(); ++i) {
    if (!NameEquals(a.qualifier[off + i], qualifier[i])) return false;
  }
  return true;
}

// Matches of `parts` in one scope level: the attribute and how many parts named it.
struct ColumnMatch {
  const Attribute* attribute = nullptr;
  size_t used_parts = 0;
};

arrow::Result<std::optional<ColumnMatch>> FindInScope(const std::vector<std::string>& parts,
                                                      const std::vector<Attribute>& attributes,
                                                      int32_t position) {
  // Longest qualifier first: `t.a` prefers table t's column a over a struct column t.
  for (size_t q = std::min<size_t>(parts.size() - 1, 3) + 1; q-- > 0;) {
    std::vector<std::string> qualifier(parts.begin(), parts.begin() + q);
    const std::string& name = parts[q];
    std::vector<const Attribute*> found;
    for (const auto& a : attributes) {
      if (NameEquals(a.name, name) && QualifierMatches(a, qualifier)) found.push_back(&a);
    }
    if (found.size() > 1) {
      // The same attribute reached twice (e.g. USING columns) is not ambiguous.
      bool same = std::all_of(found.begin(), found.end(), [&](const Attribute* a) { return a->id == found[0]->id; });
      if (!same) {
        return UserError("AMBIGUOUS_REFERENCE",
                         "Reference {} is ambiguous, could be: [{}].{}", QuoteName(parts),
                         [&] {
                           std::string s;
                           for (const auto* a : found) {
                             if (!s.empty()) s += ", ";
                             auto full = a->qualifier;
                             full.push_back(a->name);
                             s += QuoteName(full);
                           }
                           return s;
                         }(),
                         position >= 0 ? fmt::format(" SQLSTATE: 42704; position {}", position) : "");
      }
    }
    if (!found.empty()) return ColumnMatch{found[0], q + 1};
  }
  return std::nullopt;
}

std::string Suggestions(const Scope& scope) {
  std::vector<std::string> names;
  for (const auto& a : scope.attributes) {
    auto full = a.qualifier;
    if (full.size() > 1) full.erase(full.begin(), full.end() - 1);
    full.push_back(a.name);
    names.push_back(QuoteName(full));
  }
  if (names.size() > 5) names.resize(5);
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}

// A name a built-in function may have: f, builtin.f or system.builtin.f.
bool IsBuiltinFunctionName(const std::vector<std::string>& name) {
  if (name.size() <= 1) return true;
  if (name.size() > 3) return false;
  if (!NameEquals(name[name.size() - 2], "builtin")) return false;
  return name.size() == 2 || NameEquals(name[0], "system");
}

}  // namespace

ExprPtr PlanResolver::NewAlias(ExprPtr child, const std::string& name) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kAlias;
  e->name = {name};
  e->type = child->type;
  e->nullable = child->nullable;
  e->position = child->position;
  e->args = {std::move(child)};
  e->attribute_id = NewId();
  return e;
}

arrow::Result<ExprPtr> PlanResolver::CastIfNeeded(const ExprPtr& expr, const TypePtr& type) {
  if (expr->type && expr->type->Equals(*type)) return expr;
  // Validate now so that an impossible cast is an analysis error, not an execution one.
  ARROW_RETURN_NOT_OK(functions_.LowerCast(arrow::compute::field_ref("x"), expr->type, type, false, context_).status());
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kCast;
  e->args = {expr};
  e->type = type;
  e->nullable = expr->nullable;
  e->position = expr->position;
  return e;
}

arrow::Result<TypePtr> PlanResolver::CommonType(const std::vector<ExprPtr>& exprs, const std::string&) {
  TypePtr t;
  for (const auto& e : exprs) {
    if (!t) {
      t = e->type;
      continue;
    }
    ARROW_ASSIGN_OR_RAISE(t, functions_.CommonType(t, e->type));
  }
  return t ? t : arrow::null();
}

arrow::Result<ExprPtr> PlanResolver::ResolveColumn(const Expr& expr, const Scope& scope, const ExprOptions& options) {
  const auto& parts = expr.name;
  auto from_alias = [&]() -> ExprPtr {
    if (!options.aliases || parts.size() != 1) return nullptr;
    for (const auto& [alias, value] : *options.aliases) {
      if (NameEquals(alias, parts[0])) return value;
    }
    return nullptr;
  };
  if (options.aliases_first) {
    if (auto v = from_alias()) return v;
  }
  const Scope* level = &scope;
  bool outer = false;
  while (level) {
    ARROW_ASSIGN_OR_RAISE(auto match, FindInScope(parts, level->attributes, expr.position));
    if (match) {
      ExprPtr ref = AttributeRef(*match->attribute);
      if (outer) {
        auto o = CopyExpr(*ref);
        o->kind = ExprKind::kOuterRef;
        ref = o;
      }
      // Remaining parts are struct fields.
      for (size_t i = match->used_parts; i < parts.size(); ++i) {
        const auto& t = ref->type;
        if (t->id() != arrow::Type::STRUCT) {
          return UserError("INVALID_EXTRACT_BASE_FIELD_TYPE",
                           "Can't extract a value from {}. Need a complex type [STRUCT, ARRAY, MAP] but got \"{}\".",
                           QuoteName(std::vector<std::string>(parts.begin(), parts.begin() + i)), t->ToString());
        }
        int idx = -1;
        for (int f = 0; f < t->num_fields(); ++f) {
          if (NameEquals(t->field(f)->name(), parts[i])) idx = f;
        }
        if (idx < 0) {
          return UserError("FIELD_NOT_FOUND", "No such struct field {} in {}.", QuoteName({parts[i]}),
                           t->ToString());
        }
        auto get = std::make_shared<Expr>();
        get->kind = ExprKind::kCall;
        get->name = {"get_struct_field"};
        get->args = {ref, Literal(arrow::MakeScalar(t->field(idx)->name()))};
        get->type = t->field(idx)->type();
        get->nullable = true;
        get->position = expr.position;
        ref = get;
      }
      return ref;
    }
    level = level->outer;
    outer = true;
  }
  // Inside a SQL function's body: its parameters, as `p` or `f`.`p`.
  if (!function_frames_.empty()) {
    const auto& frame = function_frames_.back();
    if (parts.size() == 1 || (parts.size() == 2 && NameEquals(parts[0], frame.name.back()))) {
      for (const auto& [parameter, value] : frame.parameters) {
        if (NameEquals(parameter, parts.back())) return value;
      }
    }
  }
  if (auto v = from_alias()) return v;
  return UserError("UNRESOLVED_COLUMN.WITH_SUGGESTION",
                   "A column, variable, or function parameter with name {} cannot be resolved. "
                   "Did you mean one of the following? [{}].{}",
                   QuoteName(parts), Suggestions(scope),
                   expr.position >= 0 ? fmt::format(" (position {})", expr.position) : "");
}

arrow::Result<ExprPtr> PlanResolver::InlineSqlFunction(const SqlFunction& function, std::vector<ExprPtr> args,
                                                       int32_t position) {
  const auto& parameters = function.parameters;
  size_t required = 0;
  for (size_t i = 0; i < parameters.size(); ++i) {
    if (!parameters[i].default_value) required = i + 1;
  }
  if (args.size() > parameters.size() || args.size() < required) {
    const std::string expected = required == parameters.size()
                                     ? std::to_string(required)
                                     : fmt::format("[{}, {}]", required, parameters.size());
    return UserError("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                     "The {} requires {} parameters but the actual number is {}.{}", QuoteName(function.name),
                     expected, args.size(), position >= 0 ? fmt::format(" (position {})", position) : "");
  }
  auto same_name = [&](const std::vector<std::string>& a) {
    return a.size() == function.name.size() &&
           std::equal(a.begin(), a.end(), function.name.begin(),
                      [](const std::string& x, const std::string& y) { return NameEquals(x, y); });
  };
  if (function_frames_.size() >= 64 ||
      std::any_of(function_frames_.begin(), function_frames_.end(),
                  [&](const FunctionFrame& f) { return same_name(f.name); })) {
    std::string chain;
    for (const auto& f : function_frames_) chain += QuoteName(f.name) + " -> ";
    return UserError("CYCLIC_FUNCTION_REFERENCE", "Cyclic function reference detected: {}{}.", chain,
                     QuoteName(function.name));
  }
  // The frame goes on first so that DEFAULT expressions see no caller's parameters.
  function_frames_.push_back({function.name, {}});
  auto inlined = [&]() -> arrow::Result<ExprPtr> {
    for (size_t i = 0; i < parameters.size(); ++i) {
      ExprPtr value;
      if (i < args.size()) {
        value = args[i];
      } else {
        ARROW_ASSIGN_OR_RAISE(value, ResolveExpr(parameters[i].default_value, Scope{}, ExprOptions{}));
      }
      ARROW_ASSIGN_OR_RAISE(value, CastIfNeeded(value, parameters[i].type));
      function_frames_.back().parameters.emplace_back(parameters[i].name, std::move(value));
    }
    // The body sees no columns of the caller: only its parameters.
    ARROW_ASSIGN_OR_RAISE(auto body, ResolveExpr(function.body, Scope{}, ExprOptions{}));
    return CastIfNeeded(body, function.return_type);
  }();
  function_frames_.pop_back();
  return inlined;
}

arrow::Result<ExprPtr> PlanResolver::ResolveCall(const Expr& expr, std::vector<ExprPtr> args, const Scope& scope,
                                                 const ExprOptions& options) {
  std::string name = AsciiLower(expr.name.empty() ? "" : expr.name.back());
  const FunctionInfo* info = IsBuiltinFunctionName(expr.name) ? functions_.Find(name) : nullptr;
  if (!info) {
    return UserError("UNRESOLVED_ROUTINE",
                     "Cannot resolve routine {} on search path [`system`.`builtin`, `system`.`session`, "
                     "`spark_catalog`.`default`].{}",
                     QuoteName(expr.name.empty() ? std::vector<std::string>{""} : expr.name),
                     expr.position >= 0 ? fmt::format(" (position {})", expr.position) : "");
  }
  std::vector<ArgumentInfo> infos;
  for (const auto& a : args) infos.push_back({a->type, a->kind == ExprKind::kLiteral ? a->value : nullptr});
  auto out = Resolved(expr);
  out->name = {name};
  switch (info->kind) {
    case FunctionKind::kAggregate: {
      if (!options.allow_aggregates) {
        if (options.inside_aggregate) {
          return UserError("NESTED_AGGREGATE_FUNCTION",
                           "It is not allowed to use an aggregate function in the argument of another aggregate "
                           "function. Please use the inner aggregate function in a sub-query.");
        }
        if (options.in_where) {
          return UserError("INVALID_WHERE_CONDITION",
                           "The WHERE condition contains invalid expressions: {}(). Rewrite the query to avoid "
                           "window functions, aggregate functions, and generator functions in the WHERE clause.",
                           name);
        }
        return UserError("INVALID_AGGREGATE_USE", "Aggregate function {}() is not allowed here.", name);
      }
      ARROW_ASSIGN_OR_RAISE(auto bound, functions_.BindAggregate(name, infos, expr.distinct));
      for (size_t i = 0; i < args.size() && i < bound.arg_types.size(); ++i) {
        ARROW_ASSIGN_OR_RAISE(args[i], CastIfNeeded(args[i], bound.arg_types[i]));
      }
      out->is_aggregate = true;
      out->type = bound.result_type;
      out->nullable = true;
      if (expr.filter) {
        ExprOptions inner;
        ARROW_ASSIGN_OR_RAISE(auto f, ResolveExpr(expr.filter, scope, inner));
        ARROW_ASSIGN_OR_RAISE(out->filter, CastIfNeeded(f, arrow::boolean()));
      }
      break;
    }
    case FunctionKind::kWindow:
      return UserError("WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE",
                       "Window function {}() requires an OVER clause.", name);
    default: {
      ARROW_ASSIGN_OR_RAISE(auto bound, functions_.BindScalar(name, infos, context_));
      for (size_t i = 0; i < args.size() && i < bound.arg_types.size(); ++i) {
        ARROW_ASSIGN_OR_RAISE(args[i], CastIfNeeded(args[i], bound.arg_types[i]));
      }
      out->type = bound.result_type;
      bool any_nullable = false;
      for (const auto& a : args) any_nullable |= a->nullable;
      out->nullable = bound.nullable || any_nullable;
      break;
    }
  }
  out->args = std::move(args);
  if (expr.negated && info->kind == FunctionKind::kScalar) {
    // NOT LIKE / NOT BETWEEN arrive as a negated call.
    out->negated = false;
    auto negation = std::make_shared<Expr>();
    negation->kind = ExprKind::kCall;
    negation->name = {"not"};
    negation->type = arrow::boolean();
    negation->nullable = out->nullable;
    negation->position = out->position;
    negation->args = {ExprPtr(out)};
    return ExprPtr(negation);
  }
  return ExprPtr(out);
}

arrow::Result<ExprPtr> PlanResolver::ResolveWindowExpr(const Expr& expr, const Scope& scope,
                                                       const ExprOptions& options) {
  if (!options.allow_windows) {
    return UserError("UNSUPPORTED_EXPR_FOR_WINDOW", "Window functions are not allowed here.");
  }
  const Expr& call = *expr.args.at(0);
  std::string name = AsciiLower(call.name.empty() ? "" : call.name.back());
  ExprOptions arg_options = options;
  arg_options.allow_windows = false;
  arg_options.allow_aggregates = false;
  std::vector<ExprPtr> args;
  for (const auto& a : call.args) {
    if (a->kind == ExprKind::kStar && name == "count") continue;
    ARROW_ASSIGN_OR_RAISE(auto r, ResolveExpr(a, scope, arg_options));
    args.push_back(r);
  }
  const FunctionInfo* info = functions_.Find(name);
  if (!info) {
    return UserError("UNRESOLVED_ROUTINE", "Cannot resolve routine {} on search path [`system`.`builtin`].",
                     QuoteName({name}));
  }
  std::vector<ArgumentInfo> infos;
  for (const auto& a : args) infos.push_back({a->type, a->kind == ExprKind::kLiteral ? a->value : nullptr});
  auto fn = Resolved(call);
  fn->name = {name};
  if (info->kind == FunctionKind::kAggregate) {
    ARROW_ASSIGN_OR_RAISE(auto bound, functions_.BindAggregate(name, infos, call.distinct));
    for (size_t i = 0; i < args.size() && i < bound.arg_types.size(); ++i) {
      ARROW_ASSIGN_OR_RAISE(args[i], CastIfNeeded(args[i], bound.arg_types[i]));
    }
    fn->is_aggregate = true;
    fn->type = bound.result_type;
  } else if (info->kind == FunctionKind::kWindow) {
    ARROW_ASSIGN_OR_RAISE(auto bound, functions_.BindWindow(name, infos));
    for (size_t i = 0; i < args.size() && i < bound.arg_types.size(); ++i) {
      ARROW_ASSIGN_OR_RAISE(args[i], CastIfNeeded(args[i], bound.arg_types[i]));
    }
    fn->type = bound.result_type;
  } else {
    return UserError("UNSUPPORTED_EXPR_FOR_WINDOW", "Expression {}() is not supported within a window function.",
                     name);
  }
  fn->args = std::move(args);
  fn->nullable = true;
  auto spec = std::make_shared<WindowSpec>(*expr.window);
  // rank() OVER (ORDER BY sum(v)) after GROUP BY: the spec may use aggregates of the block.
  ExprOptions spec_options = arg_options;
  spec_options.allow_aggregates = options.allow_aggregates;
  for (auto& p : spec->partition_by) {
    ARROW_ASSIGN_OR_RAISE(p, ResolveExpr(p, scope, spec_options));
  }
  for (auto& o : spec->order_by) {
    ARROW_ASSIGN_OR_RAISE(o.expr, ResolveExpr(o.expr, scope, spec_options));
  }
  auto out = Resolved(expr);
  out->args = {fn};
  out->window = spec;
  out->type = fn->type;
  out->nullable = true;
  return ExprPtr(out);
}

arrow::Result<ExprPtr> PlanResolver::ResolveSubqueryExpr(const Expr& expr, const Scope& scope,
                                                         const ExprOptions& options) {
  ARROW_ASSIGN_OR_RAISE(auto sub, Resolve(expr.subquery, &scope));
  auto out = Resolved(expr);
  out->subquery = sub;
  switch (expr.kind) {
    case ExprKind::kScalarSubquery:
      if (sub->output.size() != 1) {
        return UserError("INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN",
                         "Scalar subquery must return only one column, but got {}.", sub->output.size());
      }
      out->type = sub->output[0].type;
      out->nullable = true;
      return ExprPtr(out);
    case ExprKind::kExists:
      out->type = arrow::boolean();
      out->nullable = false;
      return ExprPtr(out);
    case ExprKind::kInSubquery: {
      std::vector<ExprPtr> args;
      for (const auto& a : expr.args) {
        ARROW_ASSIGN_OR_RAISE(auto r, ResolveExpr(a, scope, options));
        args.push_back(r);
      }
      if (args.size() != sub->output.size()) {
        return UserError("DATATYPE_MISMATCH.IN_SUBQUERY_LENGTH_MISMATCH",
                         "The number of columns in the left hand side of an IN subquery does not match the "
                         "number of columns in the output of subquery. Left hand side columns(length: {}), "
                         "right hand side columns(length: {}).",
                         args.size(), sub->output.size());
      }
      // Bring both sides to a common type; the subquery side gets a projection with casts.
      std::vector<ExprPtr> sub_exprs;
      bool recast = false;
      for (size_t i = 0; i < args.size(); ++i) {
        auto sub_ref = AttributeRef(sub->output[i]);
        ARROW_ASSIGN_OR_RAISE(auto common, functions_.CommonType(args[i]->type, sub_ref->type));
        ARROW_ASSIGN_OR_RAISE(args[i], CastIfNeeded(args[i], common));
        if (!common->Equals(*sub_ref->type)) {
          ARROW_ASSIGN_OR_RAISE(auto cast, CastIfNeeded(sub_ref, common));
          sub_exprs.push_back(NewAlias(cast, sub->output[i].name));
          recast = true;
        } else {
          sub_exprs.push_back(sub_ref);
        }
      }
      if (recast) {
        auto project = std::make_shared<LogicalPlan>();
        project->kind = PlanKind::kProject;
        project->children = {sub};
        project->exprs = sub_exprs;
        for (const auto& e : sub_exprs) project->output.push_back(OutputAttribute(*e));
        out->subquery = project;
      }
      out->args = std::move(args);
      out->type = arrow::boolean();
      out->nullable = true;
      return ExprPtr(out);
    }
    default:
      return arrow::Status::Invalid("not a subquery expression");
  }
}

arrow::Result<ExprPtr> PlanResolver::ResolveExpr(const ExprPtr& expr, const Scope& scope, const ExprOptions& options) {
  switch (expr->kind) {
    case ExprKind::kLiteral: {
      auto out = Resolved(*expr);
      out->type = expr->value ? expr->value->type : arrow::null();
      out->nullable = !expr->value || !expr->value->is_valid;
      return ExprPtr(out);
    }
    case ExprKind::kColumn:
      if (expr->attribute_id >= 0 && expr->type) return expr;  // already resolved
      return ResolveColumn(*expr, scope, options);
    case ExprKind::kOuterRef:
      return expr;
    case ExprKind::kStar:
      return UserError("INVALID_USAGE_OF_STAR_OR_REGEX", "Invalid usage of '*' in expression.");
    case ExprKind::kAlias: {
      ARROW_ASSIGN_OR_RAISE(auto child, ResolveExpr(expr->args.at(0), scope, options));
      return NewAlias(child, expr->name.empty() ? DisplayName(*expr->args[0]) : expr->name.back());
    }
    case ExprKind::kCast: {
      ARROW_ASSIGN_OR_RAISE(auto child, ResolveExpr(expr->args.at(0), scope, options));
      if (child->type->Equals(*expr->type)) return child;
      ARROW_RETURN_NOT_OK(
          functions_.LowerCast(arrow::compute::field_ref("x"), child->type, expr->type, expr->try_cast, context_)
              .status());
      auto out = Resolved(*expr);
      out->args = {child};
      out->nullable = child->nullable || expr->try_cast;
      return ExprPtr(out);
    }
    case ExprKind::kCall: {
      std::string name = AsciiLower(expr->name.empty() ? "" : expr->name.back());
      const FunctionInfo* info = IsBuiltinFunctionName(expr->name) ? functions_.Find(name) : nullptr;
      if (!info && !expr->name.empty()) {
        ARROW_ASSIGN_OR_RAISE(auto sql_function, relations_.FindFunction(expr->name));
        if (sql_function) {
          std::vector<ExprPtr> args;
          for (const auto& a : expr->args) {
            if (a->kind == ExprKind::kStar || a->kind == ExprKind::kLambda) {
              return UserError("INVALID_USAGE_OF_STAR_OR_REGEX", "Invalid usage of '*' or a lambda in {}.",
                               QuoteName(expr->name));
            }
            ARROW_ASSIGN_OR_RAISE(auto r, ResolveExpr(a, scope, options));
            args.push_back(r);
          }
          return InlineSqlFunction(*sql_function, std::move(args), expr->position);
        }
      }
      ExprOptions arg_options = options;
      if (info && info->kind == FunctionKind::kAggregate) {
        arg_options.allow_aggregates = false;
        arg_options.inside_aggregate = true;
      }
      std::vector<ExprPtr> args;
      for (const auto& a : expr->args) {
        if (a->kind == ExprKind::kStar && name == "count") continue;  // count(*)
        if (a->kind == ExprKind::kLambda) {
          return UserError("UNSUPPORTED_FEATURE.LAMBDA", "Lambda functions are not supported yet ({}).", name);
        }
        ARROW_ASSIGN_OR_RAISE(auto r, ResolveExpr(a, scope, arg_options));
        args.push_back(r);
      }
      return ResolveCall(*expr, std::move(args), scope, options);
    }
    case ExprKind::kCase: {
      std::vector<ExprPtr> args;
      for (const auto& a : expr->args) {
        ARROW_ASSIGN_OR_RAISE(auto r, ResolveExpr(a, scope, options));
        args.push_back(r);
      }
      size_t pairs = args.size() / 2;
      bool has_else = args.size() % 2 == 1;
      std::vector<ExprPtr> values;
      for (size_t i = 0; i < pairs; ++i) values.push_back(args[2 * i + 1]);
      if (has_else) values.push_back(args.back());
      ARROW_ASSIGN_OR_RAISE(auto common, CommonType(values, "CASE"));
      bool nullable = !has_else;
      for (size_t i = 0; i < pairs; ++i) {
        ARROW_ASSIGN_OR_RAISE(args[2 * i], CastIfNeeded(args[2 * i], arrow::boolean()));
        ARROW_ASSIGN_OR_RAISE(args[2 * i + 1], CastIfNeeded(args[2 * i + 1], common));
        nullable |= args[2 * i + 1]->nullable;
      }
      if (has_else) {
        ARROW_ASSIGN_OR_RAISE(args.back(), CastIfNeeded(args.back(), common));
        nullable |= args.back()->nullable;
      }
      auto out = Resolved(*expr);
      out->args = std::move(args);
      out->type = common;
      out->nullable = nullable;
      return ExprPtr(out);
    }
    case ExprKind::kInList: {
      std::vector<ExprPtr> args;
      for (const auto& a : expr->args) {
        ARROW_ASSIGN_OR_RAISE(auto r, ResolveExpr(a, scope, options));
        args.push_back(r);
      }
      ARROW_ASSIGN_OR_RAISE(auto common, CommonType(args, "IN"));
      bool nullable = false;
      for (auto& a : args) {
        ARROW_ASSIGN_OR_RAISE(a, CastIfNeeded(a, common));
        nullable |= a->nullable;
      }
      auto out = Resolved(*expr);
      out->args = std::move(args);
      out->type = arrow::boolean();
      out->nullable = nullable;
      return ExprPtr(out);
    }
    case ExprKind::kInSubquery:
    case ExprKind::kExists:
    case ExprKind::kScalarSubquery:
      return ResolveSubqueryExpr(*expr, scope, options);
    case ExprKind::kWindow:
      return ResolveWindowExpr(*expr, scope, options);
    case ExprKind::kLambda:
      return UserError("UNSUPPORTED_FEATURE.LAMBDA", "Lambda functions are not supported yet.");
  }
  return arrow::Status::Invalid("unknown expression kind");
}

arrow::Result<std::vector<ExprPtr>> ExpandStars(const std::vector<ExprPtr>& list, const Scope& scope) {
  std::vector<ExprPtr> out;
  for (const auto& e : list) {
    if (e->kind != ExprKind::kStar) {
      out.push_back(e);
      continue;
    }
    bool any = false;
    for (const auto& a : scope.attributes) {
      if (a.hidden || !QualifierMatches(a, e->name)) continue;
      any = true;
      bool excluded = false;
      for (const auto& x : e->except_columns) excluded |= NameEquals(x, a.name);
      if (!excluded) out.push_back(AttributeRef(a));
    }
    if (!any && !e->name.empty()) {
      // s.* / t.s.* over a struct column: its fields, each named after itself.
      const std::string& column = e->name.back();
      const std::vector<std::string> qualifier(e->name.begin(), e->name.end() - 1);
      for (const auto& a : scope.attributes) {
        if (!NameEquals(a.name, column) || !QualifierMatches(a, qualifier) || !a.type ||
            a.type->id() != arrow::Type::STRUCT) {
          continue;
        }
        for (const auto& field : a.type->fields()) {
          std::vector<std::string> path = e->name;
          path.push_back(field->name());
          out.push_back(AliasOf(ColumnRef(std::move(path)), field->name()));
        }
        any = true;
        break;
      }
    }
    if (!any && !e->name.empty()) {
      return UserError("CANNOT_RESOLVE_STAR_EXPAND",
                       "Cannot resolve {}.* given input columns [{}].", QuoteName(e->name), Suggestions(scope));
    }
  }
  return out;
}

}  // namespace tarn::sql::analyzer_internal
