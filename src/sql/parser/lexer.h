// Splits SQL text into tokens: words (keywords are words too; the parser compares them
// case-insensitively), `quoted` identifiers, numbers, string literals and symbols. Comments
// (-- and nested /* */) and white space are dropped. Not for use outside src/sql/parser.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <arrow/result.h>

namespace tarn::sql {

struct Token {
  enum class Kind { kWord, kQuotedIdentifier, kNumber, kString, kSymbol, kEnd };
  Kind kind = Kind::kEnd;
  std::string text;    // word / number / symbol as written; identifier and string values unescaped
  int32_t offset = 0;  // byte offset of the first character in the SQL text
  int32_t end = 0;     // byte offset just past the token
};

class Lexer {
 public:
  // The tokens of `sql`, ending with a kEnd token at sql.size(). Adjacent string literals are
  // merged ('a' 'b' is 'ab'). Errors: UNCLOSED_BRACKETED_COMMENT, PARSE_SYNTAX_ERROR
  // (unterminated string or identifier, a character that starts no token).
  static arrow::Result<std::vector<Token>> Tokenize(std::string_view sql);
};

// PARSE_SYNTAX_ERROR "Syntax error at or near '<near>'. (line L, pos P)" at byte `offset` of
// `sql`, or "... at or near end of input ..." when `at_end`. Lines count from 1 and positions
// (characters within the line) from 0, as Spark reports them.
arrow::Status SyntaxErrorAt(std::string_view sql, int32_t offset, std::string_view near, bool at_end = false);
// " (line L, pos P)" of a byte offset.
std::string PositionSuffix(std::string_view sql, int32_t offset);

}  // namespace tarn::sql
