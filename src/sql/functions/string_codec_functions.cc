// String functions over tarn's string kernels: encodings (base64, hex, encode / decode), character
// codes (ascii, chr), edit distance and phonetics, translate, overlay, elt, find_in_set,
// format_number, and the regexp extraction family on Arrow's regex kernels.
#include <arrow/api.h>
#include <fmt/format.h>

#include "errors/error_class.h"
#include "sql/functions/functions_internal.h"

namespace tarn::sql::functions_internal {

namespace {

using Args = std::vector<ArgumentInfo>;

// Rewrites a Java regex so that every capturing group is named (g1, g2, ...), as Arrow's
// extract_regex requires; group 0 is the whole match. Returns the number of groups.
std::string NameGroups(const std::string& pattern, int* groups) {
  std::string out = "(?P<g0>";
  int n = 0;
  bool in_class = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      out += c;
      out += pattern[++i];
      continue;
    }
    if (in_class) {
      in_class = c != ']';
      out += c;
      continue;
    }
    if (c == '[') {
      in_class = true;
      out += c;
      if (i + 1 < pattern.size() && pattern[i + 1] == ']') out += pattern[++i];
      continue;
    }
    if (c == '(' && (i + 1 >= pattern.size() || pattern[i + 1] != '?')) {
      out += fmt::format("(?P<g{}>", ++n);
      continue;
    }
    out += c;
  }
  *groups = n;
  return out + ")";
}

}  // namespace

void AddStringCodecFunctions(FunctionTable& t) {
  auto s = arrow::utf8();
  auto b = arrow::binary();
  auto i64 = arrow::int64();
  auto i32 = arrow::int32();
  t.AddScalar("translate", "translate(input, from, to) - Replaces each character of `input` found in `from` by the character at the same position of `to` (removed when `to` is shorter).",
              KernelCall("translate", {s, s, s}, s, "tarn_translate"));
  t.AddScalar("soundex", "soundex(str) - Returns the Soundex code of `str`.", KernelCall("soundex", {s}, s, "tarn_soundex"));
  t.AddScalar("chr", "chr(expr) - Returns the ASCII character whose code is `expr` modulo 256.", KernelCall("chr", {i64}, s, "tarn_chr"));
  t.AddAlias("char", "chr");
  t.AddScalar("ascii", "ascii(str) - Returns the numeric code of the first character of `str`.", KernelCall("ascii", {s}, i32, "tarn_ascii"));
  t.AddScalar("base64", "base64(bin) - Converts `bin` to a base 64 string.", KernelCall("base64", {b}, s, "tarn_base64"));
  t.AddScalar("unbase64", "unbase64(str) - Converts the base 64 string `str` to binary.", KernelCall("unbase64", {s}, b, "tarn_unbase64"));
  t.AddScalar("hex", "hex(expr) - Converts `expr` (a bigint, string or binary) to hexadecimal digits.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("hex", args, 1, 1));
                TypePtr in = IsIntegral(*args[0].type) ? arrow::int64() : arrow::binary();
                return Fixed({in}, arrow::utf8(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return cp::call("tarn_hex", std::move(x));
                });
              });
  t.AddScalar("unhex", "unhex(expr) - Converts hexadecimal `expr` to binary (NULL when not hexadecimal).", KernelCall("unhex", {s}, b, "tarn_unhex"));
  t.AddScalar("levenshtein", "levenshtein(str1, str2) - Returns the Levenshtein distance between the two strings.",
              KernelCall("levenshtein", {s, s}, i32, "tarn_levenshtein"));
  t.AddScalar("find_in_set", "find_in_set(str, str_array) - Returns the (1-based) index of `str` in the comma-delimited list `str_array`, 0 if absent.",
              KernelCall("find_in_set", {s, s}, i32, "tarn_find_in_set"));
  t.AddScalar("format_number", "format_number(expr, d) - Formats `expr` like '#,###,###.##' rounded to `d` decimal places.",
              KernelCall("format_number", {arrow::float64(), i64}, s, "tarn_format_number"));
  t.AddScalar("overlay", "overlay(input, replace, pos[, len]) - Replaces `len` characters of `input` from position `pos` with `replace`.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("overlay", args, 3, 4));
                std::vector<TypePtr> types = {arrow::utf8(), arrow::utf8(), arrow::int64()};
                if (args.size() == 4) types.push_back(arrow::int64());
                return Fixed(types, arrow::utf8(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  std::string kernel = x.size() == 4 ? "tarn_overlay4" : "tarn_overlay";
                  return cp::call(kernel, std::move(x));
                });
              });
  for (const char* name : {"format_string", "printf"}) {
    t.AddScalar(name, std::string(name) + "(strfmt, obj, ...) - Returns a formatted string from printf-style format strings.",
                [name](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                  ARROW_RETURN_NOT_OK(ExpectArgs(name, args, 1, SIZE_MAX));
                  // Each argument as the kernel reads it: bigint, double, boolean or its text.
                  std::vector<TypePtr> types = {arrow::utf8()};
                  for (size_t i = 1; i < args.size(); ++i) {
                    const auto id = args[i].type->id();
                    if (arrow::is_integer(id)) {
                      types.push_back(arrow::int64());
                    } else if (arrow::is_floating(id)) {
                      types.push_back(arrow::float64());  // decimals print as their text, as in Spark
                    } else if (id == arrow::Type::BOOL) {
                      types.push_back(arrow::boolean());
                    } else {
                      types.push_back(arrow::utf8());
                    }
                  }
                  return Fixed(types, arrow::utf8(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                    return cp::call("tarn_format_string", std::move(x));
                  });
                });
  }
  t.AddScalar("elt", "elt(n, input1, input2, ...) - Returns the `n`-th input (1-based).",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("elt", args, 2, SIZE_MAX));
                std::vector<TypePtr> types(args.size(), arrow::utf8());
                types[0] = arrow::int64();
                return Fixed(types, arrow::utf8(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return cp::call("tarn_elt", std::move(x));
                });
              });
  t.AddScalar("encode", "encode(str, charset) - Encodes `str` into binary with `charset` (UTF-8 supported).",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("encode", args, 2, 2));
                return Fixed({arrow::utf8(), arrow::utf8()}, arrow::binary(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return CastExpr(x[0], arrow::binary());
                });
              });
  t.AddScalar("decode", "decode(bin, charset) - Decodes binary `bin` with `charset` (UTF-8 supported).",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("decode", args, 2, 2));
                return Fixed({arrow::binary(), arrow::utf8()}, arrow::utf8(), [](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return CastExpr(x[0], arrow::utf8());
                });
              });
  t.AddScalar("to_binary", "to_binary(str[, fmt]) - Converts `str` to binary with format 'hex' (default), 'utf-8' or 'base64'.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("to_binary", args, 1, 2));
                std::string fmt = args.size() == 2 ? LiteralString(args[1]) : "hex";
                for (auto& c : fmt) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                std::vector<TypePtr> types(args.size(), arrow::utf8());
                return Fixed(types, arrow::binary(), [fmt](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  if (fmt == "base64") return cp::call("tarn_unbase64", {x[0]});
                  if (fmt == "utf-8" || fmt == "utf8") return CastExpr(x[0], arrow::binary());
                  return cp::call("tarn_unhex", {x[0]});
                });
              });
  t.AddScalar("regexp_count", "regexp_count(str, regexp) - Returns the number of times `regexp` matches in `str`.",
              [](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                ARROW_RETURN_NOT_OK(ExpectArgs("regexp_count", args, 2, 2));
                if (!args[1].literal) return UserError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "The regexp of regexp_count must be a constant in tarn.");
                std::string pattern = LiteralString(args[1]);
                return Fixed({arrow::utf8(), arrow::utf8()}, arrow::int32(), [pattern](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                  return CastExpr(cp::call("count_substring_regex", {x[0]}, cp::MatchSubstringOptions(pattern)), arrow::int32());
                });
              }, "3.4.0");
  for (const char* name : {"regexp_extract", "regexp_substr"}) {
    std::string n = name;
    t.AddScalar(name, n == "regexp_extract"
                          ? "regexp_extract(str, regexp[, idx]) - Returns the `idx`-th group (default 1) of the first match of `regexp` in `str`, '' when none."
                          : "regexp_substr(str, regexp) - Returns the first substring of `str` that matches `regexp`, NULL when none.",
                [n](const Args& args, const BindContext&, const Registry&) -> arrow::Result<BoundScalarFunction> {
                  ARROW_RETURN_NOT_OK(ExpectArgs(n, args, 2, n == "regexp_extract" ? 3 : 2));
                  if (!args[1].literal || (args.size() == 3 && !args[2].literal)) {
                    return UserError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "The regexp and index of {} must be constants in tarn.", n);
                  }
                  int groups = 0;
                  std::string pattern = NameGroups(LiteralString(args[1]), &groups);
                  int64_t idx = n == "regexp_substr" ? 0 : 1;
                  if (args.size() == 3) {
                    ARROW_ASSIGN_OR_RAISE(auto v, args[2].literal->CastTo(arrow::int64()));
                    idx = static_cast<const arrow::Int64Scalar&>(*v).value;
                  }
                  if (idx < 0 || idx > groups) {
                    return UserError("INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX",
                                     "The value of parameter `idx` of {} is invalid: Expects group index between 0 and {}, but got {}.", n, groups, idx);
                  }
                  std::vector<TypePtr> types(args.size(), arrow::utf8());
                  if (args.size() == 3) types[2] = arrow::int32();
                  bool empty_when_none = n == "regexp_extract";
                  return Fixed(types, arrow::utf8(), [pattern, idx, empty_when_none](std::vector<cp::Expression> x) -> arrow::Result<cp::Expression> {
                    auto extracted = cp::call("extract_regex", {x[0]}, cp::ExtractRegexOptions(pattern));
                    auto group = cp::call("struct_field", {extracted}, cp::StructFieldOptions({static_cast<int>(idx)}));
                    if (!empty_when_none) return group;
                    // No match: ''; a match whose group did not participate: '' too.
                    return cp::call("if_else", {cp::call("is_null", {x[0]}), NullOf(arrow::utf8()),
                                                cp::call("coalesce", {group, cp::literal("")})});
                  });
                });
  }
}

}  // namespace tarn::sql::functions_internal
