#include "sql/parser/lexer.h"

#include <cctype>

#include <fmt/format.h>

#include "errors/error_class.h"
#include "sql/plan/utf8.h"

namespace tarn::sql {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsWordStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80); }
bool IsWordChar(char c) { return IsWordStart(c) || IsDigit(c); }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}


// Reads `digits` hex digits at sql[i]; -1 if they are not all there.
int64_t ReadHex(std::string_view sql, size_t i, int digits) {
  if (i + static_cast<size_t>(digits) > sql.size()) return -1;
  int64_t v = 0;
  for (int k = 0; k < digits; ++k) {
    int h = HexValue(sql[i + static_cast<size_t>(k)]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

// Spark's unescapeSQLString: the escapes of a '...' / "..." literal, starting after the quote.
// Returns false when the literal is not terminated; `i` ends just past the closing quote.
bool ReadString(std::string_view sql, size_t& i, char quote, bool raw, std::string& out) {
  const size_t n = sql.size();
  while (i < n) {
    char c = sql[i];
    if (c == quote) {
      // A doubled quote stands for one quote character.
      if (i + 1 < n && sql[i + 1] == quote) {
        out += quote;
        i += 2;
        continue;
      }
      ++i;
      return true;
    }
    if (c != '\\' || i + 1 >= n) {
      out += c;
      ++i;
      continue;
    }
    char e = sql[i + 1];
    if (raw) {
      // Raw strings keep backslashes; \' still does not end the literal.
      out += c;
      out += e;
      i += 2;
      continue;
    }
    i += 2;
    if (e >= '0' && e <= '3' && i + 1 < n && sql[i] >= '0' && sql[i] <= '7' && sql[i + 1] >= '0' &&
        sql[i + 1] <= '7') {
      out += static_cast<char>((e - '0') * 64 + (sql[i] - '0') * 8 + (sql[i + 1] - '0'));
      i += 2;
      continue;
    }
    switch (e) {
      case '0': out += '\0'; break;
      case 'b': out += '\b'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'Z': out += '\x1a'; break;
      case '%': out += "\\%"; break;  // kept escaped for LIKE patterns, as Spark does
      case '_': out += "\\_"; break;
      case 'u': {
        int64_t cp = ReadHex(sql, i, 4);
        if (cp < 0) {
          out += 'u';
          break;
        }
        i += 4;
        // A UTF-16 surrogate pair written as two \u escapes.
        if (cp >= 0xD800 && cp < 0xDC00 && i + 6 <= n && sql[i] == '\\' && sql[i + 1] == 'u') {
          int64_t low = ReadHex(sql, i + 2, 4);
          if (low >= 0xDC00 && low < 0xE000) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            i += 6;
          }
        }
        AppendUtf8(out, static_cast<uint32_t>(cp));
        break;
      }
      case 'U': {
        int64_t cp = ReadHex(sql, i, 8);
        if (cp < 0 || cp > 0x10FFFF) {
          out += 'U';
          break;
        }
        i += 8;
        AppendUtf8(out, static_cast<uint32_t>(cp));
        break;
      }
      default: out += e; break;
    }
  }
  return false;
}

// A number: digits, an optional fraction, an optional exponent and an optional type suffix
// (L, S, Y, D, F, BD). Returns the end, or `start` when what follows makes it a word (`1st`).
size_t ScanNumber(std::string_view sql, size_t start) {
  const size_t n = sql.size();
  size_t i = start;
  bool plain_integer = true;
  while (i < n && IsDigit(sql[i])) ++i;
  if (i < n && sql[i] == '.') {
    plain_integer = false;
    ++i;
    while (i < n && IsDigit(sql[i])) ++i;
  }
  if (i < n && (sql[i] == 'e' || sql[i] == 'E')) {
    size_t j = i + 1;
    if (j < n && (sql[j] == '+' || sql[j] == '-')) ++j;
    if (j < n && IsDigit(sql[j])) {
      plain_integer = false;
      i = j;
      while (i < n && IsDigit(sql[i])) ++i;
    }
  }
  auto suffix_end = [&](size_t at) -> size_t {
    if (at + 1 < n && (sql[at] == 'B' || sql[at] == 'b') && (sql[at + 1] == 'D' || sql[at + 1] == 'd')) {
      return at + 2;
    }
    if (at < n && std::string_view("LlSsYyDdFf").find(sql[at]) != std::string_view::npos) return at + 1;
    return at;
  };
  size_t end = suffix_end(i);
  if (end < n && IsWordChar(sql[end])) {
    // 123abc is an identifier in Spark; 1.5abc is 1.5 followed by a word.
    return plain_integer ? start : i;
  }
  return end;
}

// Symbols, longest first.
constexpr std::string_view kSymbols[] = {"<=>", "<>", "!=", "<=", ">=", "==", "||", "::", "->", "=>",
                                         "(",   ")",  ",",  ".",  "*",  "+",  "-",  "/",  "%",  "=",
                                         "<",   ">",  "&",  "|",  "^",  "~",  "[",  "]",  ";",  ":",
                                         "!",   "?",  "{",  "}"};

}  // namespace

std::string PositionSuffix(std::string_view sql, int32_t offset) {
  int line = 1, column = 0;
  for (int32_t i = 0; i < offset && static_cast<size_t>(i) < sql.size(); ++i) {
    const char c = sql[static_cast<size_t>(i)];
    if (c == '\n') {
      ++line;
      column = 0;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {  // count characters, not bytes
      ++column;
    }
  }
  return fmt::format(" (line {}, pos {})", line, column);
}

arrow::Status SyntaxErrorAt(std::string_view sql, int32_t offset, std::string_view near, bool at_end) {
  if (at_end) return UserError("PARSE_SYNTAX_ERROR", "Syntax error at or near end of input.{}", PositionSuffix(sql, offset));
  return UserError("PARSE_SYNTAX_ERROR", "Syntax error at or near '{}'.{}", near, PositionSuffix(sql, offset));
}

arrow::Result<std::vector<Token>> Lexer::Tokenize(std::string_view sql) {
  std::vector<Token> tokens;
  const size_t n = sql.size();
  size_t i = 0;
  while (i < n) {
    const char c = sql[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      while (i < n && sql[i] != '\n') ++i;
      continue;
    }
    if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      const size_t start = i;
      int depth = 0;
      while (i < n) {
        if (sql[i] == '/' && i + 1 < n && sql[i + 1] == '*') {
          ++depth;
          i += 2;
        } else if (sql[i] == '*' && i + 1 < n && sql[i + 1] == '/') {
          i += 2;
          if (--depth == 0) break;
        } else {
          ++i;
        }
      }
      if (depth != 0) {
        return UserError("UNCLOSED_BRACKETED_COMMENT",
                         "Found an unclosed bracketed comment. Please, append */ at the end of the comment.{}",
                         PositionSuffix(sql, static_cast<int32_t>(start)));
      }
      continue;
    }
    Token t;
    t.offset = static_cast<int32_t>(i);
    const bool raw_prefix =
        (c == 'r' || c == 'R') && i + 1 < n && (sql[i + 1] == '\'' || sql[i + 1] == '"');
    if (c == '\'' || c == '"' || raw_prefix) {
      if (raw_prefix) ++i;
      const char quote = sql[i++];
      t.kind = Token::Kind::kString;
      if (!ReadString(sql, i, quote, raw_prefix, t.text)) {
        return SyntaxErrorAt(sql, t.offset, std::string(1, quote));
      }
      t.end = static_cast<int32_t>(i);
      if (!tokens.empty() && tokens.back().kind == Token::Kind::kString) {
        tokens.back().text += t.text;
        tokens.back().end = t.end;
        continue;
      }
      tokens.push_back(std::move(t));
      continue;
    }
    if (c == '`') {
      t.kind = Token::Kind::kQuotedIdentifier;
      ++i;
      bool closed = false;
      while (i < n) {
        if (sql[i] == '`') {
          if (i + 1 < n && sql[i + 1] == '`') {
            t.text += '`';
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        t.text += sql[i++];
      }
      if (!closed) return SyntaxErrorAt(sql, t.offset, "`");
      t.end = static_cast<int32_t>(i);
      tokens.push_back(std::move(t));
      continue;
    }
    const bool after_name = !tokens.empty() && (tokens.back().kind == Token::Kind::kWord ||
                                                tokens.back().kind == Token::Kind::kQuotedIdentifier ||
                                                tokens.back().text == ")" || tokens.back().text == "]");
    if (IsDigit(c) || (c == '.' && i + 1 < n && IsDigit(sql[i + 1]) && !after_name)) {
      size_t end = ScanNumber(sql, i);
      if (end != i) {
        t.kind = Token::Kind::kNumber;
        t.text = std::string(sql.substr(i, end - i));
        t.end = static_cast<int32_t>(end);
        i = end;
        tokens.push_back(std::move(t));
        continue;
      }
    }
    if (IsWordChar(c)) {
      const size_t start = i;
      while (i < n && IsWordChar(sql[i])) ++i;
      // Delta's version suffix on a table name, t@v3: part of the name, split off by the parser.
      if (i + 2 < n && sql[i] == '@' && sql[i + 1] == 'v' && std::isdigit(static_cast<unsigned char>(sql[i + 2]))) {
        i += 2;
        while (i < n && std::isdigit(static_cast<unsigned char>(sql[i]))) ++i;
      }
      t.kind = Token::Kind::kWord;
      t.text = std::string(sql.substr(start, i - start));
      t.end = static_cast<int32_t>(i);
      tokens.push_back(std::move(t));
      continue;
    }
    bool matched = false;
    for (std::string_view sym : kSymbols) {
      if (sql.substr(i, sym.size()) == sym) {
        t.kind = Token::Kind::kSymbol;
        t.text = std::string(sym);
        i += sym.size();
        t.end = static_cast<int32_t>(i);
        matched = true;
        break;
      }
    }
    if (!matched) {
      // One whole UTF-8 character in the message.
      size_t len = 1;
      while (i + len < n && (static_cast<unsigned char>(sql[i + len]) & 0xC0) == 0x80) ++len;
      return SyntaxErrorAt(sql, t.offset, sql.substr(i, len));
    }
    tokens.push_back(std::move(t));
  }
  Token end;
  end.kind = Token::Kind::kEnd;
  end.offset = end.end = static_cast<int32_t>(n);
  tokens.push_back(std::move(end));
  return tokens;
}

}  // namespace tarn::sql
