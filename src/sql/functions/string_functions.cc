// String functions, mostly on Arrow's utf8 kernels, with Spark's 1-based positions and NULL rules.
#include <arrow/api.h>
#include <fmt/format.h>

#include "errors/error_class.h"
#include "sql/functions/functions_internal.h"

namespace tarn::sql::functions_internal {

namespace {

using Args = std::vector<ArgumentInfo>;

// Arguments cast to fixed types, one Arrow call.
ScalarBinder Simple(std::string name, std::vector<TypePtr> types, TypePtr result, std::string arrow_fn,
                    std::shared_ptr<cp::FunctionOptions> options = nullptr) {
  return [=](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
    ARROW_RETURN_NOT_OK(ExpectArgs(name, args, types.size(), types.size()));
    return Fixed(types, result, [arrow_fn, options](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
      return cp::call(arrow_fn, std::move(x), options);
    });
  };
}

std::string RequireLiteral(const Args& args, size_t i) { return i < args.size() ? LiteralString(args[i]) : ""; }

arrow::Status NeedLiteral(const std::string& name, size_t i) {
  return UserError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
                   "Argument {} of {} must be a constant in tarn for now.", i + 1, name);
}

int64_t LiteralInt(const ArgumentInfo& a, int64_t fallback) {
  if (!a.literal || !a.literal->is_valid) return fallback;
  auto c = a.literal->CastTo(arrow::int64());
  if (!c.ok()) return fallback;
  return static_cast<const arrow::Int64Scalar&>(**c).value;
}

// Spark's $1 group references in replacement strings, as RE2's \1.
std::string JavaReplacement(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '$' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1]))) {
      out += '\\';
      continue;
    }
    if (s[i] == '\\' && i + 1 < s.size()) {
      out += s[++i] == '$' ? "$" : std::string("\\\\") + s[i];
      continue;
    }
    out += s[i];
  }
  return out;
}

}  // namespace

void AddStringFunctions(FunctionTable& t) {
  auto s = arrow::utf8();
  auto i32 = arrow::int32();
  t.AddScalar("upper", "upper(str) - Returns `str` with all characters changed to uppercase.", Simple("upper", {s}, s, "utf8_upper"));
  t.AddAlias("ucase", "upper");
  t.AddScalar("lower", "lower(str) - Returns `str` with all characters changed to lowercase.", Simple("lower", {s}, s, "utf8_lower"));
  t.AddAlias("lcase", "lower");
  t.AddScalar("length", "length(expr) - Returns the character length of string data or number of bytes of binary data.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("length", args, 1, 1));
                bool binary = args[0].type->id() == arrow::Type::BINARY;
                TypePtr in = binary ? arrow::binary() : arrow::utf8();
                return Fixed({in}, arrow::int32(), [binary](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return CastExpr(cp::call(binary ? "binary_length" : "utf8_length", {x[0]}), arrow::int32());
                });
              });
  t.AddAlias("char_length", "length");
  t.AddAlias("character_length", "length");
  t.AddAlias("len", "length");
  t.AddScalar("octet_length", "octet_length(expr) - Returns the byte length of string data or number of bytes of binary data.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("octet_length", args, 1, 1));
                TypePtr in = args[0].type->id() == arrow::Type::BINARY ? arrow::binary() : arrow::utf8();
                return Fixed({in}, arrow::int32(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return CastExpr(cp::call("binary_length", {x[0]}), arrow::int32());
                });
              });
  t.AddScalar("bit_length", "bit_length(expr) - Returns the bit length of string data or number of bits of binary data.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("bit_length", args, 1, 1));
                TypePtr in = args[0].type->id() == arrow::Type::BINARY ? arrow::binary() : arrow::utf8();
                return Fixed({in}, arrow::int32(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return cp::call("multiply", {CastExpr(cp::call("binary_length", {x[0]}), arrow::int32()), cp::literal(8)});
                });
              });
  t.AddScalar("substring", "substring(str, pos[, len]) - Returns the substring of `str` that starts at `pos` (1-based) and is of length `len`.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("substring", args, 2, 3));
                std::vector<TypePtr> types = {arrow::utf8(), arrow::int32()};
                if (args.size() == 3) types.push_back(arrow::int32());
                return Fixed(types, arrow::utf8(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  std::string fn = x.size() == 3 ? "tarn_substring3" : "tarn_substring";
                  return cp::call(fn, std::move(x));
                });
              });
  t.AddAlias("substr", "substring");
  for (const char* name : {"left", "right"}) {
    std::string n = name;
    t.AddScalar(name, fmt::format("{}(str, len) - Returns the {}most `len` characters of `str`.", name, name),
                [n](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                  ARROW_RETURN_NOT_OK(ExpectArgs(n, args, 2, 2));
                  return Fixed({arrow::utf8(), arrow::int32()}, arrow::utf8(),
                               [n](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                                 // left(s, n) = substring(s, 1, n); right(s, n) = substring(s, -n) (empty for n <= 0).
                                 auto positive = cp::call("max_element_wise", {x[1], cp::literal(0)});
                                 if (n == "left") return cp::call("tarn_substring3", {x[0], cp::literal(1), positive});
                                 auto start = cp::call("negate", {positive});
                                 return cp::call("if_else", {cp::call("equal", {positive, cp::literal(0)}), cp::literal(""),
                                                             cp::call("tarn_substring", {x[0], start})});
                               });
                });
  }
  t.AddScalar("concat", "concat(col1, col2, ..., colN) - Returns the concatenation of col1, col2, ..., colN.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                std::vector<TypePtr> types(args.size(), arrow::utf8());
                return Fixed(types, arrow::utf8(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  if (x.empty()) return cp::literal("");
                  x.push_back(cp::literal(""));
                  return cp::call("binary_join_element_wise", std::move(x));
                });
              });
  t.AddScalar("concat_ws", "concat_ws(sep[, str | array(str)]+) - Returns the concatenation of the strings separated by `sep`, skipping nulls.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("concat_ws", args, 1, SIZE_MAX));
                std::vector<TypePtr> types(args.size(), arrow::utf8());
                return Fixed(types, arrow::utf8(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  std::vector<cp::Expression> parts(x.begin() + 1, x.end());
                  if (parts.empty()) return cp::call("if_else", {cp::call("is_null", {x[0]}), NullOf(arrow::utf8()), cp::literal("")});
                  parts.push_back(x[0]);
                  return cp::call("binary_join_element_wise", std::move(parts),
                                  cp::JoinOptions(cp::JoinOptions::SKIP));
                });
              });
  for (const char* name : {"trim", "ltrim", "rtrim", "btrim"}) {
    std::string n = name;
    std::string fn = n == "ltrim" ? "utf8_ltrim" : n == "rtrim" ? "utf8_rtrim" : "utf8_trim";
    t.AddScalar(name, fmt::format("{}(str[, trimStr]) - Removes the leading and/or trailing space (or `trimStr`) characters from `str`.", name),
                [n, fn](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                  ARROW_RETURN_NOT_OK(ExpectArgs(n, args, 1, 2));
                  std::string chars = " ";
                  if (args.size() == 2) {
                    if (!args[1].literal) return NeedLiteral(n, 1);
                    chars = LiteralString(args[1]);
                  }
                  std::vector<TypePtr> types(args.size(), arrow::utf8());
                  return Fixed(types, arrow::utf8(), [fn, chars](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                    return cp::call(fn, {x[0]}, cp::TrimOptions(chars));
                  });
                });
  }
  for (const char* name : {"lpad", "rpad"}) {
    std::string n = name;
    t.AddScalar(name, fmt::format("{}(str, len[, pad]) - Returns `str`, {}-padded with `pad` (default space) to a length of `len`.", name, n == "lpad" ? "left" : "right"),
                [n](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                  ARROW_RETURN_NOT_OK(ExpectArgs(n, args, 2, 3));
                  if (!args[1].literal) return NeedLiteral(n, 1);
                  int64_t width = LiteralInt(args[1], 0);
                  std::string pad = " ";
                  if (args.size() == 3) {
                    if (!args[2].literal) return NeedLiteral(n, 2);
                    pad = LiteralString(args[2]);
                  }
                  std::vector<TypePtr> types = {arrow::utf8(), arrow::int32()};
                  if (args.size() == 3) types.push_back(arrow::utf8());
                  return Fixed(types, arrow::utf8(), [n, width, pad](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                    if (width <= 0) return cp::call("if_else", {cp::call("is_null", {x[0]}), NullOf(arrow::utf8()), cp::literal("")});
                    auto truncated = cp::call("utf8_slice_codeunits", {x[0]}, cp::SliceOptions(0, width));
                    if (pad.empty()) return truncated;
                    if (pad.size() == 1) {
                      return cp::call(n == "lpad" ? "utf8_lpad" : "utf8_rpad", {truncated}, cp::PadOptions(width, pad));
                    }
                    // Multi-character pad: repeat it, then cut to width.
                    std::string long_pad;
                    while (static_cast<int64_t>(long_pad.size()) < width) long_pad += pad;
                    auto filler = cp::literal(long_pad);
                    auto missing = cp::call("subtract", {cp::literal(static_cast<int32_t>(width)),
                                                         CastExpr(cp::call("utf8_length", {truncated}), arrow::int32())});
                    auto piece = cp::call("tarn_substring3", {filler, cp::literal(1), missing});
                    if (n == "lpad") return cp::call("binary_join_element_wise", {piece, truncated, cp::literal("")});
                    return cp::call("binary_join_element_wise", {truncated, piece, cp::literal("")});
                  });
                });
  }
  t.AddScalar("replace", "replace(str, search[, replace]) - Replaces all occurrences of `search` with `replace`.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("replace", args, 2, 3));
                if (!args[1].literal) return NeedLiteral("replace", 1);
                if (args.size() == 3 && !args[2].literal) return NeedLiteral("replace", 2);
                std::string search = LiteralString(args[1]), replacement = RequireLiteral(args, 2);
                std::vector<TypePtr> types(args.size(), arrow::utf8());
                return Fixed(types, arrow::utf8(), [search, replacement](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  if (search.empty()) return x[0];
                  return cp::call("replace_substring", {x[0]}, cp::ReplaceSubstringOptions(search, replacement));
                });
              });
  t.AddScalar("regexp_replace", "regexp_replace(str, regexp, rep) - Replaces all substrings of `str` that match `regexp` with `rep`.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("regexp_replace", args, 3, 4));
                if (!args[1].literal) return NeedLiteral("regexp_replace", 1);
                if (!args[2].literal) return NeedLiteral("regexp_replace", 2);
                std::string pattern = LiteralString(args[1]), rep = JavaReplacement(LiteralString(args[2]));
                std::vector<TypePtr> types = {arrow::utf8(), arrow::utf8(), arrow::utf8()};
                if (args.size() == 4) types.push_back(arrow::int32());
                return Fixed(types, arrow::utf8(), [pattern, rep](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return cp::call("replace_substring_regex", {x[0]}, cp::ReplaceSubstringOptions(pattern, rep));
                });
              });
  t.AddScalar("reverse", "reverse(str) - Returns a reversed string.", Simple("reverse", {s}, s, "utf8_reverse"));
  t.AddScalar("repeat", "repeat(str, n) - Returns the string which repeats the given string value n times.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("repeat", args, 2, 2));
                return Fixed({arrow::utf8(), arrow::int64()}, arrow::utf8(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return cp::call("binary_repeat", {x[0], cp::call("max_element_wise", {x[1], cp::literal(int64_t{0})})});
                });
              });
  t.AddScalar("space", "space(n) - Returns a string consisting of `n` spaces.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("space", args, 1, 1));
                return Fixed({arrow::int64()}, arrow::utf8(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return cp::call("binary_repeat", {cp::literal(" "), cp::call("max_element_wise", {x[0], cp::literal(int64_t{0})})});
                });
              });
  t.AddScalar("instr", "instr(str, substr) - Returns the (1-based) index of the first occurrence of `substr` in `str`.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("instr", args, 2, 2));
                if (!args[1].literal) return NeedLiteral("instr", 1);
                std::string needle = LiteralString(args[1]);
                return Fixed({arrow::utf8(), arrow::utf8()}, arrow::int32(), [needle](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  // find_substring counts bytes: exact for ASCII text before the match.
                  auto byte_pos = cp::call("find_substring", {x[0]}, cp::MatchSubstringOptions(needle));
                  return cp::call("add", {CastExpr(byte_pos, arrow::int32()), cp::literal(1)});
                });
              });
  t.AddScalar("locate", "locate(substr, str[, pos]) - Returns the position of the first occurrence of `substr` in `str` after position `pos`.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("locate", args, 2, 3));
                if (!args[0].literal) return NeedLiteral("locate", 0);
                std::string needle = LiteralString(args[0]);
                int64_t start = args.size() == 3 ? LiteralInt(args[2], 1) : 1;
                std::vector<TypePtr> types = {arrow::utf8(), arrow::utf8()};
                if (args.size() == 3) types.push_back(arrow::int32());
                return Fixed(types, arrow::int32(), [needle, start](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  if (start < 1) return cp::literal(0);
                  auto tail = cp::call("tarn_substring", {x[1], cp::literal(static_cast<int32_t>(start))});
                  auto found = CastExpr(cp::call("find_substring", {tail}, cp::MatchSubstringOptions(needle)), arrow::int32());
                  return cp::call("if_else", {cp::call("less", {found, cp::literal(0)}), cp::literal(0),
                                              cp::call("add", {found, cp::literal(static_cast<int32_t>(start))})});
                });
              });
  t.AddAlias("position", "locate");
  t.AddScalar("split", "split(str, regex[, limit]) - Splits `str` around occurrences that match `regex`.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("split", args, 2, 3));
                if (!args[1].literal) return NeedLiteral("split", 1);
                std::string pattern = LiteralString(args[1]);
                int64_t limit = args.size() == 3 ? LiteralInt(args[2], -1) : -1;
                std::vector<TypePtr> types = {arrow::utf8(), arrow::utf8()};
                if (args.size() == 3) types.push_back(arrow::int32());
                auto result = arrow::list(arrow::field("element", arrow::utf8()));
                return Fixed(types, result, [pattern, limit](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  int64_t max_splits = limit > 0 ? limit - 1 : -1;
                  auto parts = cp::call("split_pattern_regex", {x[0]}, cp::SplitPatternOptions(pattern, max_splits));
                  return CastExpr(parts, arrow::list(arrow::field("element", arrow::utf8())));
                });
              });
  t.AddScalar("split_part", "split_part(str, delimiter, partNum) - Splits `str` by `delimiter` and returns the requested part (1-based).",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("split_part", args, 3, 3));
                if (!args[1].literal) return NeedLiteral("split_part", 1);
                if (!args[2].literal) return NeedLiteral("split_part", 2);
                std::string delim = LiteralString(args[1]);
                int64_t part = LiteralInt(args[2], 1);
                if (part == 0) {
                  return UserError("INVALID_INDEX_OF_ZERO", "The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1).");
                }
                return Fixed({arrow::utf8(), arrow::utf8(), arrow::int32()}, arrow::utf8(),
                             [delim, part](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                               auto parts = cp::call("split_pattern", {x[0]}, cp::SplitPatternOptions(delim));
                               auto count = CastExpr(cp::call("list_value_length", {parts}), arrow::int64());
                               int64_t index = part > 0 ? part - 1 : part;
                               auto idx = part > 0 ? cp::literal(index) : cp::call("add", {count, cp::literal(index)});
                               auto in_range = cp::call("and", {cp::call("greater_equal", {idx, cp::literal(int64_t{0})}),
                                                                cp::call("less", {idx, count})});
                               // list_element needs a scalar index: pick with a case over the first few parts.
                               std::vector<cp::Expression> conds, values;
                               for (int64_t k = 0; k < 16; ++k) {
                                 conds.push_back(cp::call("equal", {idx, cp::literal(k)}));
                                 values.push_back(cp::call("tarn_list_element", {parts, cp::literal(static_cast<int32_t>(k))}));
                               }
                               std::vector<std::string> names;
                               for (int k = 0; k < 16; ++k) names.push_back("c" + std::to_string(k));
                               std::vector<cp::Expression> case_args = {cp::call("make_struct", conds, cp::MakeStructOptions(names))};
                               for (auto& v : values) case_args.push_back(v);
                               case_args.push_back(cp::literal(""));
                               auto picked = cp::call("case_when", case_args);
                               return cp::call("if_else", {in_range, picked, cp::literal("")});
                             });
              });
  t.AddScalar("initcap", "initcap(str) - Returns `str` with the first letter of each word in uppercase and the rest in lowercase.",
              Simple("initcap", {s}, s, "utf8_title"));
  t.AddScalar("startswith", "startswith(left, right) - Returns true if `left` starts with `right`.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("startswith", args, 2, 2));
                if (!args[1].literal) return NeedLiteral("startswith", 1);
                std::string p = LiteralString(args[1]);
                return Fixed({arrow::utf8(), arrow::utf8()}, arrow::boolean(), [p](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return cp::call("starts_with", {x[0]}, cp::MatchSubstringOptions(p));
                });
              });
  t.AddScalar("endswith", "endswith(left, right) - Returns true if `left` ends with `right`.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("endswith", args, 2, 2));
                if (!args[1].literal) return NeedLiteral("endswith", 1);
                std::string p = LiteralString(args[1]);
                return Fixed({arrow::utf8(), arrow::utf8()}, arrow::boolean(), [p](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return cp::call("ends_with", {x[0]}, cp::MatchSubstringOptions(p));
                });
              });
  t.AddScalar("contains", "contains(left, right) - Returns true if `right` is found inside `left`.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("contains", args, 2, 2));
                if (!args[1].literal) return NeedLiteral("contains", 1);
                std::string p = LiteralString(args[1]);
                return Fixed({arrow::utf8(), arrow::utf8()}, arrow::boolean(), [p](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return cp::call("match_substring", {x[0]}, cp::MatchSubstringOptions(p));
                });
              });
}

}  // namespace tarn::sql::functions_internal
