// String kernels for Spark functions Arrow has no counterpart for: translate, levenshtein,
// soundex, ascii, chr, base64 / unbase64, hex / unhex, format_number, find_in_set, overlay, elt.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>

#include <arrow/api.h>
#include <arrow/util/utf8.h>
#include <fmt/format.h>

#include "errors/error_class.h"
#include "sql/functions/functions_internal.h"
#include "sql/functions/kernels_internal.h"
#include "sql/plan/utf8.h"

namespace tarn::sql::functions_internal {

namespace {

// Code points of UTF-8 text (invalid bytes pass through as themselves).
std::vector<uint32_t> CodePoints(std::string_view s) {
  std::vector<uint32_t> out;
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    if (i + static_cast<size_t>(n) > s.size()) n = 1;
    uint32_t cp = n == 1 ? c : c & (0x7F >> n);
    for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) & 0x3F);
    out.push_back(cp);
    i += static_cast<size_t>(n);
  }
  return out;
}

using sql::AppendUtf8;

// Row-wise kernels over string/binary/integer arguments: `fn` gets the row's values as views
// (or nullopt for NULL) and returns the text, or nullopt for NULL.
using Row = std::vector<const arrow::Array*>;

template <typename Fn>
arrow::Status StringRows(const cp::ExecSpan& batch, cp::ExecResult* out, bool binary_out, Fn fn) {
  auto in = Inputs(batch);
  Row row;
  for (const auto& a : in) row.push_back(a.get());
  std::unique_ptr<arrow::ArrayBuilder> builder;
  ARROW_ASSIGN_OR_RAISE(builder, arrow::MakeBuilder(binary_out ? arrow::binary() : arrow::utf8()));
  auto& b = static_cast<arrow::BaseBinaryBuilder<arrow::BinaryType>&>(*builder);
  for (int64_t i = 0; i < batch.length; ++i) {
    ARROW_ASSIGN_OR_RAISE(std::optional<std::string> v, fn(row, i));
    if (v) {
      ARROW_RETURN_NOT_OK(b.Append(*v));
    } else {
      ARROW_RETURN_NOT_OK(b.AppendNull());
    }
  }
  ARROW_ASSIGN_OR_RAISE(auto result, builder->Finish());
  return SetOutput(out, result);
}

bool AnyNull(const Row& row, int64_t i) {
  for (const auto* a : row) {
    if (a->IsNull(i)) return true;
  }
  return false;
}

std::string_view View(const arrow::Array* a, int64_t i) { return static_cast<const arrow::BinaryArray*>(a)->GetView(i); }
int64_t Int(const arrow::Array* a, int64_t i) { return static_cast<const arrow::Int64Array*>(a)->Value(i); }

using Text = arrow::Result<std::optional<std::string>>;

// translate(str, from, to)
arrow::Status Translate(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  return StringRows(batch, out, false, [](const Row& r, int64_t i) -> Text {
    if (AnyNull(r, i)) return std::nullopt;
    auto from = CodePoints(View(r[1], i)), to = CodePoints(View(r[2], i));
    std::string s;
    for (uint32_t c : CodePoints(View(r[0], i))) {
      auto it = std::find(from.begin(), from.end(), c);
      if (it == from.end()) {
        AppendUtf8(s, c);
      } else if (static_cast<size_t>(it - from.begin()) < to.size()) {
        AppendUtf8(s, to[static_cast<size_t>(it - from.begin())]);
      }
    }
    return s;
  });
}

// soundex(str): American Soundex; text not starting with a letter is returned as is.
arrow::Status Soundex(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  return StringRows(batch, out, false, [](const Row& r, int64_t i) -> Text {
    if (AnyNull(r, i)) return std::nullopt;
    std::string s(View(r[0], i));
    if (s.empty() || !std::isalpha(static_cast<unsigned char>(s[0]))) return s;
    static const char* kCodes = "01230120022455012623010202";  // A..Z
    std::string code(1, static_cast<char>(std::toupper(static_cast<unsigned char>(s[0]))));
    char last = kCodes[code[0] - 'A'];
    for (size_t k = 1; k < s.size() && code.size() < 4; ++k) {
      char c = static_cast<char>(std::toupper(static_cast<unsigned char>(s[k])));
      if (c < 'A' || c > 'Z') {
        last = '0';
        continue;
      }
      char d = kCodes[c - 'A'];
      if (d != '0' && d != last) code += d;
      if (c != 'H' && c != 'W') last = d;
    }
    while (code.size() < 4) code += '0';
    return code;
  });
}

// chr(n): the character with code n % 256; '' for negative n.
arrow::Status Chr(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  return StringRows(batch, out, false, [](const Row& r, int64_t i) -> Text {
    if (AnyNull(r, i)) return std::nullopt;
    int64_t n = Int(r[0], i);
    if (n < 0) return std::string();
    std::string s;
    uint32_t c = static_cast<uint32_t>(n % 256);
    if (c == 0) return std::string(1, '\0');
    AppendUtf8(s, c);
    return s;
  });
}

const char* kBase64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

arrow::Status Base64(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  return StringRows(batch, out, false, [](const Row& r, int64_t i) -> Text {
    if (AnyNull(r, i)) return std::nullopt;
    auto v = View(r[0], i);
    std::string s;
    for (size_t k = 0; k < v.size(); k += 3) {
      uint32_t n = static_cast<unsigned char>(v[k]) << 16;
      if (k + 1 < v.size()) n |= static_cast<unsigned char>(v[k + 1]) << 8;
      if (k + 2 < v.size()) n |= static_cast<unsigned char>(v[k + 2]);
      s += kBase64[(n >> 18) & 63];
      s += kBase64[(n >> 12) & 63];
      s += k + 1 < v.size() ? kBase64[(n >> 6) & 63] : '=';
      s += k + 2 < v.size() ? kBase64[n & 63] : '=';
    }
    return s;
  });
}

arrow::Status Unbase64(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  return StringRows(batch, out, true, [](const Row& r, int64_t i) -> Text {
    if (AnyNull(r, i)) return std::nullopt;
    std::string s;
    uint32_t acc = 0;
    int bits = 0;
    for (char c : View(r[0], i)) {
      const char* p = c ? std::strchr(kBase64, c) : nullptr;
      if (c == '=' || std::isspace(static_cast<unsigned char>(c))) continue;
      if (!p) {
        return UserError("CONVERSION_INVALID_INPUT", "The value '{}' cannot be converted to BINARY by unbase64: it is not valid base64.",
                         View(r[0], i));
      }
      acc = (acc << 6) | static_cast<uint32_t>(p - kBase64);
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        s += static_cast<char>((acc >> bits) & 0xFF);
      }
    }
    return s;
  });
}

// hex(str | binary) -> upper-case hex digits of the bytes; hex(bigint) -> two's complement hex.
arrow::Status HexKernel(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  return StringRows(batch, out, false, [](const Row& r, int64_t i) -> Text {
    if (AnyNull(r, i)) return std::nullopt;
    if (r[0]->type_id() == arrow::Type::INT64) return fmt::format("{:X}", static_cast<uint64_t>(Int(r[0], i)));
    std::string s;
    for (char c : View(r[0], i)) s += fmt::format("{:02X}", static_cast<unsigned char>(c));
    return s;
  });
}

arrow::Status Unhex(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  return StringRows(batch, out, true, [](const Row& r, int64_t i) -> Text {
    if (AnyNull(r, i)) return std::nullopt;
    std::string digits(View(r[0], i));
    if (digits.size() % 2) digits.insert(0, "0");
    std::string s;
    for (size_t k = 0; k < digits.size(); k += 2) {
      auto hexval = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : std::isxdigit(static_cast<unsigned char>(c)) ? (std::tolower(c) - 'a' + 10) : -1; };
      int hi = hexval(digits[k]), lo = hexval(digits[k + 1]);
      if (hi < 0 || lo < 0) return std::nullopt;
      s += static_cast<char>(hi * 16 + lo);
    }
    return s;
  });
}

// format_number(x, d): '#,###,###.##' with d decimals, HALF_EVEN as Java's DecimalFormat.
arrow::Status FormatNumber(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  return StringRows(batch, out, false, [](const Row& r, int64_t i) -> Text {
    if (AnyNull(r, i)) return std::nullopt;
    double x = static_cast<const arrow::DoubleArray*>(r[0])->Value(i);
    int64_t d = Int(r[1], i);
    if (d < 0) return std::nullopt;
    if (std::isnan(x)) return std::string("NaN");
    if (std::isinf(x)) return std::string(x > 0 ? "∞" : "-∞");
    std::string fixed = fmt::format("{:.{}f}", std::fabs(x), d);
    auto dot = fixed.find('.');
    std::string int_part = fixed.substr(0, dot), frac = dot == std::string::npos ? "" : fixed.substr(dot);
    std::string grouped;
    for (size_t k = 0; k < int_part.size(); ++k) {
      if (k > 0 && (int_part.size() - k) % 3 == 0) grouped += ',';
      grouped += int_part[k];
    }
    bool zero = fixed.find_first_not_of("0.") == std::string::npos;
    return (x < 0 && !zero ? "-" : "") + grouped + frac;
  });
}

// overlay(input, replace, pos[, len]) in characters, 1-based.
arrow::Status Overlay(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  return StringRows(batch, out, false, [](const Row& r, int64_t i) -> Text {
    if (AnyNull(r, i)) return std::nullopt;
    auto s = CodePoints(View(r[0], i)), rep = CodePoints(View(r[1], i));
    int64_t pos = Int(r[2], i);
    int64_t len = r.size() > 3 ? Int(r[3], i) : -1;
    if (len < 0) len = static_cast<int64_t>(rep.size());
    int64_t n = static_cast<int64_t>(s.size());
    int64_t start = std::clamp<int64_t>(pos - 1, 0, n), end = std::clamp<int64_t>(pos - 1 + len, 0, n);
    std::string text;
    for (int64_t k = 0; k < start; ++k) AppendUtf8(text, s[static_cast<size_t>(k)]);
    for (uint32_t c : rep) AppendUtf8(text, c);
    for (int64_t k = std::max(end, start); k < n; ++k) AppendUtf8(text, s[static_cast<size_t>(k)]);
    return text;
  });
}

// elt(n, s1, s2, ...): the n-th string; NULL when out of range (ANSI: error).
arrow::Status Elt(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  return StringRows(batch, out, false, [](const Row& r, int64_t i) -> Text {
    if (r[0]->IsNull(i)) return std::nullopt;
    int64_t n = Int(r[0], i);
    if (n < 1 || n >= static_cast<int64_t>(r.size())) {
      return UserError("INVALID_ARRAY_INDEX",
                       "The index {} is out of bounds. The array has {} elements. Use `try_element_at` to tolerate "
                       "accessing element at invalid index and return NULL instead.",
                       n, r.size() - 1);
    }
    const auto* a = r[static_cast<size_t>(n)];
    if (a->IsNull(i)) return std::nullopt;
    return std::string(View(a, i));
  });
}

// format_string / printf: Java's Formatter over the arguments, each given as bigint, double,
// boolean or string (the binder casts). %[index$][flags][width][.precision]conversion with
// conversions s S d x X o f e E g G c b B h % n; a null argument prints "null" ("false" for %b).
arrow::Result<std::string> FormatOne(char conversion, const std::string& flags, int width, int precision,
                                     const arrow::Array* a, int64_t i) {
  auto pad = [&](std::string text) {
    if (width > 0 && static_cast<int>(text.size()) < width) {
      const size_t fill = static_cast<size_t>(width) - text.size();
      if (flags.find('-') != std::string::npos) {
        text.append(fill, ' ');
      } else if (flags.find('0') != std::string::npos && std::string("dxXofeEgG").find(conversion) != std::string::npos) {
        const size_t sign = !text.empty() && (text[0] == '-' || text[0] == '+' || text[0] == ' ') ? 1 : 0;
        text.insert(sign, fill, '0');
      } else {
        text.insert(0, fill, ' ');
      }
    }
    return text;
  };
  const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(conversion)));
  auto upper_if = [&](std::string text) {
    if (std::isupper(static_cast<unsigned char>(conversion))) {
      for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return text;
  };
  if (a == nullptr || a->IsNull(i)) return pad(upper_if(lower == 'b' ? "false" : "null"));
  const auto type = a->type_id();
  auto mismatch = [&]() -> arrow::Status {
    return UserError("INVALID_PARAMETER_VALUE.FORMAT",
                     "The value of parameter `strfmt` in `format_string` is invalid: %{} != {}.", conversion,
                     a->type()->ToString());
  };
  switch (lower) {
    case 's':
    case 'h': {
      std::string text;
      if (type == arrow::Type::INT64) text = std::to_string(Int(a, i));
      else if (type == arrow::Type::DOUBLE) text = JavaDouble(static_cast<const arrow::DoubleArray*>(a)->Value(i), false);
      else if (type == arrow::Type::BOOL) text = static_cast<const arrow::BooleanArray*>(a)->Value(i) ? "true" : "false";
      else text = std::string(View(a, i));
      if (precision >= 0 && static_cast<int>(text.size()) > precision) text.resize(static_cast<size_t>(precision));
      return pad(upper_if(text));
    }
    case 'b': {
      const bool v = type == arrow::Type::BOOL ? static_cast<const arrow::BooleanArray*>(a)->Value(i) : true;
      return pad(upper_if(v ? "true" : "false"));
    }
    case 'c': {
      if (type != arrow::Type::INT64) return mismatch();
      std::string out;
      AppendUtf8(out, static_cast<uint32_t>(Int(a, i)));
      return pad(upper_if(out));
    }
    case 'd':
    case 'x':
    case 'o': {
      if (type != arrow::Type::INT64) return mismatch();
      const int64_t v = Int(a, i);
      std::string text;
      if (lower == 'd') {
        std::string digits = std::to_string(v);
        if (v < 0) digits.erase(0, 1);  // the magnitude; INT64_MIN included
        if (flags.find(',') != std::string::npos) {
          for (int pos = static_cast<int>(digits.size()) - 3; pos > 0; pos -= 3) digits.insert(static_cast<size_t>(pos), ",");
        }
        if (v < 0) {
          text = flags.find('(') != std::string::npos ? "(" + digits + ")" : "-" + digits;
        } else {
          text = (flags.find('+') != std::string::npos ? "+" : flags.find(' ') != std::string::npos ? " " : "") + digits;
        }
      } else {
        char buf[32];
        std::snprintf(buf, sizeof(buf), lower == 'x' ? "%llx" : "%llo", static_cast<unsigned long long>(v));
        text = (flags.find('#') != std::string::npos ? (lower == 'x' ? "0x" : "0") : "") + std::string(buf);
      }
      return pad(upper_if(text));
    }
    case 'f':
    case 'e':
    case 'g': {
      double v;
      if (type == arrow::Type::DOUBLE) v = static_cast<const arrow::DoubleArray*>(a)->Value(i);
      else return mismatch();
      if (std::isnan(v) || std::isinf(v)) return pad(std::isnan(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
      std::string spec = "%";
      for (char f : flags) {
        if (f == '+' || f == ' ' || f == '#') spec += f;
      }
      char style = lower;
      int digits = precision >= 0 ? precision : 6;
      if (lower == 'g') {
        // Java's %g: `digits` significant digits, fixed notation for 1e-4 <= |x| < 10^digits,
        // trailing zeros kept (unlike C's %g).
        if (digits == 0) digits = 1;
        char probe[64];
        std::snprintf(probe, sizeof(probe), "%.*e", digits - 1, v);
        const double rounded = std::fabs(std::strtod(probe, nullptr));
        if (rounded != 0 && (rounded < 1e-4 || rounded >= std::pow(10.0, digits))) {
          style = 'e';
          digits -= 1;
        } else {
          style = 'f';
          const int exponent = rounded == 0 ? 0 : static_cast<int>(std::floor(std::log10(rounded)));
          digits = std::max(0, digits - 1 - exponent);
        }
      }
      spec += "." + std::to_string(digits) + std::string(1, style);
      char buf[512];
      std::snprintf(buf, sizeof(buf), spec.c_str(), v);
      std::string text(buf);
      if (flags.find(',') != std::string::npos && lower == 'f') {
        const size_t start = (text[0] == '-' || text[0] == '+' || text[0] == ' ') ? 1 : 0;
        size_t end = text.find('.');
        if (end == std::string::npos) end = text.size();
        for (int pos = static_cast<int>(end) - 3; pos > static_cast<int>(start); pos -= 3) {
          text.insert(static_cast<size_t>(pos), ",");
        }
      }
      if (flags.find('(') != std::string::npos && !text.empty() && text[0] == '-') text = "(" + text.substr(1) + ")";
      return pad(upper_if(text));
    }
    default:
      return UserError("INVALID_PARAMETER_VALUE.FORMAT",
                       "The value of parameter `strfmt` in `format_string` is invalid: unknown conversion '{}'.",
                       conversion);
  }
}

arrow::Status FormatString(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  return StringRows(batch, out, false, [](const Row& r, int64_t i) -> Text {
    if (r[0]->IsNull(i)) return std::nullopt;
    const std::string_view format = View(r[0], i);
    std::string result;
    size_t next_arg = 1;
    for (size_t p = 0; p < format.size(); ++p) {
      if (format[p] != '%') {
        result += format[p];
        continue;
      }
      size_t q = p + 1;
      // [argument_index$]
      size_t digits_end = q;
      while (digits_end < format.size() && std::isdigit(static_cast<unsigned char>(format[digits_end]))) ++digits_end;
      std::optional<size_t> index;
      if (digits_end > q && digits_end < format.size() && format[digits_end] == '$') {
        index = static_cast<size_t>(std::stoul(std::string(format.substr(q, digits_end - q))));
        q = digits_end + 1;
      }
      std::string flags;
      while (q < format.size() && std::string("-#+ 0,(").find(format[q]) != std::string::npos) flags += format[q++];
      int width = 0;
      while (q < format.size() && std::isdigit(static_cast<unsigned char>(format[q]))) width = width * 10 + (format[q++] - '0');
      int precision = -1;
      if (q < format.size() && format[q] == '.') {
        precision = 0;
        ++q;
        while (q < format.size() && std::isdigit(static_cast<unsigned char>(format[q]))) precision = precision * 10 + (format[q++] - '0');
      }
      if (q >= format.size()) {
        return UserError("INVALID_PARAMETER_VALUE.FORMAT",
                         "The value of parameter `strfmt` in `format_string` is invalid: the format ends inside a "
                         "specifier: '{}'.", std::string(format));
      }
      const char conversion = format[q];
      p = q;
      if (conversion == '%') {
        result += '%';
        continue;
      }
      if (conversion == 'n') {
        result += '\n';
        continue;
      }
      const size_t arg = index ? *index : next_arg++;
      const arrow::Array* value = arg >= 1 && arg < r.size() ? r[arg] : nullptr;
      if (arg < 1 || arg >= r.size()) {
        return UserError("INVALID_PARAMETER_VALUE.FORMAT",
                         "The value of parameter `strfmt` in `format_string` is invalid: the format needs argument "
                         "{} but only {} were given.", arg, r.size() - 1);
      }
      ARROW_ASSIGN_OR_RAISE(auto piece, FormatOne(conversion, flags, width, precision, value, i));
      result += piece;
    }
    return result;
  });
}

// Integer results: levenshtein, ascii, find_in_set.
template <typename Fn>
arrow::Status IntRows(const cp::ExecSpan& batch, cp::ExecResult* out, Fn fn) {
  auto in = Inputs(batch);
  Row row;
  for (const auto& a : in) row.push_back(a.get());
  arrow::Int32Builder b;
  for (int64_t i = 0; i < batch.length; ++i) {
    if (AnyNull(row, i)) {
      ARROW_RETURN_NOT_OK(b.AppendNull());
    } else {
      ARROW_RETURN_NOT_OK(b.Append(fn(row, i)));
    }
  }
  ARROW_ASSIGN_OR_RAISE(auto result, b.Finish());
  return SetOutput(out, result);
}

arrow::Status Levenshtein(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  return IntRows(batch, out, [](const Row& r, int64_t i) {
    auto a = CodePoints(View(r[0], i)), b = CodePoints(View(r[1], i));
    std::vector<int32_t> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int32_t>(j);
    for (size_t k = 1; k <= a.size(); ++k) {
      cur[0] = static_cast<int32_t>(k);
      for (size_t j = 1; j <= b.size(); ++j) {
        cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[k - 1] == b[j - 1] ? 0 : 1)});
      }
      std::swap(prev, cur);
    }
    return prev[b.size()];
  });
}

arrow::Status Ascii(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  return IntRows(batch, out, [](const Row& r, int64_t i) {
    auto cps = CodePoints(View(r[0], i));
    return cps.empty() ? 0 : static_cast<int32_t>(cps[0]);
  });
}

arrow::Status FindInSet(cp::KernelContext*, const cp::ExecSpan& batch, cp::ExecResult* out) {
  return IntRows(batch, out, [](const Row& r, int64_t i) {
    auto needle = View(r[0], i), list = View(r[1], i);
    if (needle.find(',') != std::string_view::npos) return 0;
    int32_t index = 1;
    for (size_t start = 0;; ++index) {
      size_t end = list.find(',', start);
      if (list.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start) == needle) return index;
      if (end == std::string_view::npos) return 0;
      start = end + 1;
    }
  });
}

}  // namespace

arrow::Status RegisterStringKernels(cp::FunctionRegistry& r) {
  using T = arrow::Type;
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_translate", 3, {T::STRING, T::STRING, T::STRING}, arrow::utf8(), Translate));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_soundex", 1, {T::STRING}, arrow::utf8(), Soundex));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_chr", 1, {T::INT64}, arrow::utf8(), Chr));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_base64", 1, {T::BINARY}, arrow::utf8(), Base64));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_unbase64", 1, {T::STRING}, arrow::binary(), Unbase64));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_hex", 1, {T::BINARY}, arrow::utf8(), HexKernel));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_hex", 1, {T::INT64}, arrow::utf8(), HexKernel));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_unhex", 1, {T::STRING}, arrow::binary(), Unhex));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_format_number", 2, {T::DOUBLE, T::INT64}, arrow::utf8(), FormatNumber));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_overlay", 3, {T::STRING, T::STRING, T::INT64}, arrow::utf8(), Overlay));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_overlay4", 4, {T::STRING, T::STRING, T::INT64, T::INT64}, arrow::utf8(), Overlay));
  ARROW_RETURN_NOT_OK(AddVarArgsKernel(r, "tarn_elt", 1, cp::InputType::Any(), arrow::utf8(), Elt));
  ARROW_RETURN_NOT_OK(AddVarArgsKernel(r, "tarn_format_string", 1, cp::InputType::Any(), arrow::utf8(), FormatString));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_levenshtein", 2, {T::STRING, T::STRING}, arrow::int32(), Levenshtein));
  ARROW_RETURN_NOT_OK(AddKernel(r, "tarn_ascii", 1, {T::STRING}, arrow::int32(), Ascii));
  return AddKernel(r, "tarn_find_in_set", 2, {T::STRING, T::STRING}, arrow::int32(), FindInSet);
}

arrow::Status RegisterDatetimeKernels(cp::FunctionRegistry&) { return arrow::Status::OK(); }

}  // namespace tarn::sql::functions_internal
