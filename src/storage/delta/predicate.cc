#include "storage/delta/predicate.h"

#include <algorithm>
#include <cctype>

#include <arrow/compute/api.h>
#include <arrow/scalar.h>
#include <arrow/type.h>

#include "errors/error_class.h"
#include "storage/delta/schema.h"
#include "storage/delta/value_parser.h"

namespace tarn::delta {

namespace cp = arrow::compute;

namespace {

struct Token {
  enum class Kind { kEnd, kIdent, kQuotedIdent, kNumber, kString, kSymbol };
  Kind kind = Kind::kEnd;
  std::string text;
  size_t pos = 0;
};

class PredicateParser {
 public:
  explicit PredicateParser(std::string_view text) : text_(text) {}

  arrow::Result<PredicatePtr> Parse() {
    ARROW_RETURN_NOT_OK(Tokenize());
    ARROW_ASSIGN_OR_RAISE(auto expr, ParseOr());
    if (Peek().kind != Token::Kind::kEnd) return Error(Peek());
    return expr;
  }

 private:
  arrow::Status Tokenize() {
    size_t i = 0;
    while (i < text_.size()) {
      char c = text_[i];
      if (std::isspace(static_cast<unsigned char>(c))) {
        ++i;
        continue;
      }
      Token t;
      t.pos = i;
      if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
        size_t j = i;
        while (j < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[j])) || text_[j] == '_')) ++j;
        t.kind = Token::Kind::kIdent;
        t.text = std::string(text_.substr(i, j - i));
        i = j;
      } else if (std::isdigit(static_cast<unsigned char>(c)) ||
                 (c == '.' && i + 1 < text_.size() && std::isdigit(static_cast<unsigned char>(text_[i + 1])))) {
        size_t j = i;
        while (j < text_.size() && (std::isdigit(static_cast<unsigned char>(text_[j])) || text_[j] == '.')) ++j;
        if (j < text_.size() && (text_[j] == 'e' || text_[j] == 'E')) {
          ++j;
          if (j < text_.size() && (text_[j] == '+' || text_[j] == '-')) ++j;
          while (j < text_.size() && std::isdigit(static_cast<unsigned char>(text_[j]))) ++j;
        }
        t.kind = Token::Kind::kNumber;
        t.text = std::string(text_.substr(i, j - i));
        i = j;
      } else if (c == '\'' || c == '"') {
        size_t j = i + 1;
        std::string s;
        bool closed = false;
        while (j < text_.size()) {
          if (text_[j] == c) {
            if (j + 1 < text_.size() && text_[j + 1] == c) {
              s += c;
              j += 2;
              continue;
            }
            closed = true;
            ++j;
            break;
          }
          if (text_[j] == '\\' && j + 1 < text_.size()) {
            s += text_[j + 1];
            j += 2;
            continue;
          }
          s += text_[j++];
        }
        if (!closed) {
          return UserError("PARSE_SYNTAX_ERROR", "unterminated string literal at position {}", i);
        }
        t.kind = Token::Kind::kString;
        t.text = std::move(s);
        i = j;
      } else if (c == '`') {
        size_t j = text_.find('`', i + 1);
        if (j == std::string_view::npos) {
          return UserError("PARSE_SYNTAX_ERROR", "unterminated identifier at position {}", i);
        }
        t.kind = Token::Kind::kQuotedIdent;
        t.text = std::string(text_.substr(i + 1, j - i - 1));
        i = j + 1;
      } else {
        static const char* kSymbols[] = {"<=>", "<>", "!=", "<=", ">=", "==", "=", "<", ">",
                                         "(",   ")",  ",",  ".",  "+",  "-",  "*", "/"};
        bool matched = false;
        for (const char* sym : kSymbols) {
          std::string_view s(sym);
          if (text_.substr(i, s.size()) == s) {
            t.kind = Token::Kind::kSymbol;
            t.text = std::string(s);
            i += s.size();
            matched = true;
            break;
          }
        }
        if (!matched) {
          return UserError("PARSE_SYNTAX_ERROR", "Syntax error at or near '{}' (position {})", c, i);
        }
      }
      tokens_.push_back(std::move(t));
    }
    Token end;
    end.pos = text_.size();
    tokens_.push_back(end);
    return arrow::Status::OK();
  }

  const Token& Peek(size_t ahead = 0) const { return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)]; }
  const Token& Next() { return tokens_[std::min(pos_++, tokens_.size() - 1)]; }

  bool IsKeyword(const Token& t, const char* kw) const {
    return t.kind == Token::Kind::kIdent && LowerCaseName(t.text) == kw;
  }
  bool AcceptKeyword(const char* kw) {
    if (IsKeyword(Peek(), kw)) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool AcceptSymbol(const char* sym) {
    if (Peek().kind == Token::Kind::kSymbol && Peek().text == sym) {
      ++pos_;
      return true;
    }
    return false;
  }

  arrow::Status Error(const Token& t) const {
    if (t.kind == Token::Kind::kEnd) {
      return UserError("PARSE_SYNTAX_ERROR", "Syntax error at or near end of input (position {})", t.pos);
    }
    return UserError("PARSE_SYNTAX_ERROR", "Syntax error at or near '{}' (position {})", t.text, t.pos);
  }

  static PredicatePtr Make(Predicate::Op op, std::vector<PredicatePtr> args) {
    auto p = std::make_shared<Predicate>();
    p->op = op;
    p->args = std::move(args);
    return p;
  }

  arrow::Result<PredicatePtr> ParseOr() {
    ARROW_ASSIGN_OR_RAISE(auto left, ParseAnd());
    while (AcceptKeyword("or")) {
      ARROW_ASSIGN_OR_RAISE(auto right, ParseAnd());
      left = Make(Predicate::Op::kOr, {left, right});
    }
    return left;
  }

  arrow::Result<PredicatePtr> ParseAnd() {
    ARROW_ASSIGN_OR_RAISE(auto left, ParseNot());
    while (AcceptKeyword("and")) {
      ARROW_ASSIGN_OR_RAISE(auto right, ParseNot());
      left = Make(Predicate::Op::kAnd, {left, right});
    }
    return left;
  }

  arrow::Result<PredicatePtr> ParseNot() {
    if (AcceptKeyword("not")) {
      ARROW_ASSIGN_OR_RAISE(auto inner, ParseNot());
      return Make(Predicate::Op::kNot, {inner});
    }
    return ParseComparison();
  }

  arrow::Result<PredicatePtr> ParseComparison() {
    ARROW_ASSIGN_OR_RAISE(auto left, ParseAdditive());
    if (AcceptKeyword("is")) {
      bool negated = AcceptKeyword("not");
      if (!AcceptKeyword("null")) return Error(Peek());
      return Make(negated ? Predicate::Op::kIsNotNull : Predicate::Op::kIsNull, {left});
    }
    bool negated = false;
    if (IsKeyword(Peek(), "not") && (IsKeyword(Peek(1), "in") || IsKeyword(Peek(1), "between"))) {
      ++pos_;
      negated = true;
    }
    if (AcceptKeyword("in")) {
      if (!AcceptSymbol("(")) return Error(Peek());
      std::vector<PredicatePtr> args{left};
      do {
        ARROW_ASSIGN_OR_RAISE(auto item, ParseAdditive());
        args.push_back(item);
      } while (AcceptSymbol(","));
      if (!AcceptSymbol(")")) return Error(Peek());
      auto in = Make(Predicate::Op::kIn, std::move(args));
      return negated ? Make(Predicate::Op::kNot, {in}) : in;
    }
    if (AcceptKeyword("between")) {
      ARROW_ASSIGN_OR_RAISE(auto lo, ParseAdditive());
      if (!AcceptKeyword("and")) return Error(Peek());
      ARROW_ASSIGN_OR_RAISE(auto hi, ParseAdditive());
      auto between = Make(Predicate::Op::kAnd, {Make(Predicate::Op::kGe, {left, lo}),
                                                Make(Predicate::Op::kLe, {left, hi})});
      return negated ? Make(Predicate::Op::kNot, {between}) : between;
    }
    if (Peek().kind == Token::Kind::kSymbol) {
      static const std::pair<const char*, Predicate::Op> kOps[] = {
          {"=", Predicate::Op::kEq},  {"==", Predicate::Op::kEq}, {"!=", Predicate::Op::kNe},
          {"<>", Predicate::Op::kNe}, {"<", Predicate::Op::kLt},  {"<=", Predicate::Op::kLe},
          {">", Predicate::Op::kGt},  {">=", Predicate::Op::kGe}, {"<=>", Predicate::Op::kNullSafeEq}};
      for (const auto& [sym, op] : kOps) {
        if (Peek().text == sym) {
          ++pos_;
          ARROW_ASSIGN_OR_RAISE(auto right, ParseAdditive());
          return Make(op, {left, right});
        }
      }
    }
    return left;
  }

  arrow::Result<PredicatePtr> ParseAdditive() {
    ARROW_ASSIGN_OR_RAISE(auto left, ParseMultiplicative());
    while (true) {
      if (AcceptSymbol("+")) {
        ARROW_ASSIGN_OR_RAISE(auto right, ParseMultiplicative());
        left = Make(Predicate::Op::kAdd, {left, right});
      } else if (AcceptSymbol("-")) {
        ARROW_ASSIGN_OR_RAISE(auto right, ParseMultiplicative());
        left = Make(Predicate::Op::kSub, {left, right});
      } else {
        return left;
      }
    }
  }

  arrow::Result<PredicatePtr> ParseMultiplicative() {
    ARROW_ASSIGN_OR_RAISE(auto left, ParsePrimary());
    while (true) {
      if (AcceptSymbol("*")) {
        ARROW_ASSIGN_OR_RAISE(auto right, ParsePrimary());
        left = Make(Predicate::Op::kMul, {left, right});
      } else if (AcceptSymbol("/")) {
        ARROW_ASSIGN_OR_RAISE(auto right, ParsePrimary());
        left = Make(Predicate::Op::kDiv, {left, right});
      } else {
        return left;
      }
    }
  }

  static PredicatePtr MakeLiteral(PredicateLiteral::Kind kind, std::string text) {
    auto p = std::make_shared<Predicate>();
    p->op = Predicate::Op::kLiteral;
    p->literal.kind = kind;
    p->literal.text = std::move(text);
    return p;
  }

  arrow::Result<PredicatePtr> ParsePrimary() {
    const Token& t = Peek();
    if (AcceptSymbol("(")) {
      ARROW_ASSIGN_OR_RAISE(auto inner, ParseOr());
      if (!AcceptSymbol(")")) return Error(Peek());
      return inner;
    }
    if (AcceptSymbol("-")) {
      const Token& n = Next();
      if (n.kind != Token::Kind::kNumber) return Error(n);
      bool is_decimal = n.text.find_first_of(".eE") != std::string::npos;
      return MakeLiteral(is_decimal ? PredicateLiteral::Kind::kDecimal : PredicateLiteral::Kind::kInteger,
                         "-" + n.text);
    }
    if (t.kind == Token::Kind::kNumber) {
      Next();
      bool is_decimal = t.text.find_first_of(".eE") != std::string::npos;
      return MakeLiteral(is_decimal ? PredicateLiteral::Kind::kDecimal : PredicateLiteral::Kind::kInteger,
                         t.text);
    }
    if (t.kind == Token::Kind::kString) {
      Next();
      return MakeLiteral(PredicateLiteral::Kind::kString, t.text);
    }
    if (t.kind == Token::Kind::kIdent) {
      std::string word = LowerCaseName(t.text);
      if (word == "null") {
        Next();
        return MakeLiteral(PredicateLiteral::Kind::kNull, "");
      }
      if (word == "true" || word == "false") {
        Next();
        return MakeLiteral(PredicateLiteral::Kind::kBool, word);
      }
      if ((word == "date" || word == "timestamp") && Peek(1).kind == Token::Kind::kString) {
        Next();
        const Token& s = Next();
        return MakeLiteral(word == "date" ? PredicateLiteral::Kind::kDate : PredicateLiteral::Kind::kTimestamp,
                           s.text);
      }
      static const char* kReserved[] = {"and", "or", "not", "in", "is", "between"};
      for (const char* kw : kReserved) {
        if (word == kw) return Error(t);
      }
    }
    if (t.kind == Token::Kind::kIdent || t.kind == Token::Kind::kQuotedIdent) {
      std::vector<std::string> path{Next().text};
      while (Peek().kind == Token::Kind::kSymbol && Peek().text == "." &&
             (Peek(1).kind == Token::Kind::kIdent || Peek(1).kind == Token::Kind::kQuotedIdent)) {
        Next();
        path.push_back(Next().text);
      }
      return Column(std::move(path));
    }
    return Error(t);
  }

  std::string_view text_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
};

const char* OpSymbol(Predicate::Op op) {
  switch (op) {
    case Predicate::Op::kEq: return "=";
    case Predicate::Op::kNe: return "!=";
    case Predicate::Op::kLt: return "<";
    case Predicate::Op::kLe: return "<=";
    case Predicate::Op::kGt: return ">";
    case Predicate::Op::kGe: return ">=";
    case Predicate::Op::kNullSafeEq: return "<=>";
    case Predicate::Op::kAnd: return "AND";
    case Predicate::Op::kOr: return "OR";
    case Predicate::Op::kAdd: return "+";
    case Predicate::Op::kSub: return "-";
    case Predicate::Op::kMul: return "*";
    case Predicate::Op::kDiv: return "/";
    default: return "?";
  }
}

// Resolves a column path case-insensitively against the schema.
arrow::Result<std::pair<cp::Expression, std::shared_ptr<arrow::DataType>>> ResolveColumn(
    const std::vector<std::string>& path, const arrow::Schema& schema) {
  std::vector<arrow::FieldRef> refs;
  const arrow::FieldVector* fields = &schema.fields();
  std::shared_ptr<arrow::DataType> type;
  for (const auto& part : path) {
    const arrow::Field* found = nullptr;
    if (!fields) break;
    for (const auto& f : *fields) {
      if (LowerCaseName(f->name()) == LowerCaseName(part)) {
        found = f.get();
        break;
      }
    }
    if (!found) {
      std::string all;
      for (const auto& f : schema.fields()) all += (all.empty() ? "`" : ", `") + f->name() + "`";
      std::string name;
      for (const auto& p : path) name += (name.empty() ? "" : ".") + p;
      return UserError("UNRESOLVED_COLUMN.WITH_SUGGESTION",
                       "A column, variable, or function parameter with name `{}` cannot be "
                       "resolved. Did you mean one of the following? [{}].",
                       name, all);
    }
    refs.emplace_back(found->name());
    type = found->type();
    fields = type->id() == arrow::Type::STRUCT ? &type->fields() : nullptr;
  }
  arrow::FieldRef ref = refs.size() == 1 ? refs[0] : arrow::FieldRef(std::move(refs));
  return std::make_pair(cp::field_ref(std::move(ref)), type);
}

arrow::Result<cp::Expression> LiteralExpression(const PredicateLiteral& lit,
                                                const std::shared_ptr<arrow::DataType>& hint) {
  std::shared_ptr<arrow::DataType> type = hint;
  if (!type) {
    switch (lit.kind) {
      case PredicateLiteral::Kind::kNull: return cp::literal(arrow::MakeNullScalar(arrow::null()));
      case PredicateLiteral::Kind::kBool: type = arrow::boolean(); break;
      case PredicateLiteral::Kind::kInteger: type = arrow::int64(); break;
      case PredicateLiteral::Kind::kDecimal: type = arrow::float64(); break;
      case PredicateLiteral::Kind::kString: type = arrow::utf8(); break;
      case PredicateLiteral::Kind::kDate: type = arrow::date32(); break;
      case PredicateLiteral::Kind::kTimestamp: type = arrow::timestamp(arrow::TimeUnit::MICRO, "UTC"); break;
    }
  }
  if (lit.kind == PredicateLiteral::Kind::kNull) return cp::literal(arrow::MakeNullScalar(type));
  ARROW_ASSIGN_OR_RAISE(auto scalar, ParseScalar(lit.text, type));
  return cp::literal(std::move(scalar));
}

arrow::Result<std::pair<cp::Expression, std::shared_ptr<arrow::DataType>>> Convert(
    const Predicate& p, const arrow::Schema& schema, const std::shared_ptr<arrow::DataType>& hint);

// Converts operands so that literals take the type of the column beside them.
arrow::Result<std::vector<cp::Expression>> ConvertOperands(const Predicate& p, const arrow::Schema& schema) {
  std::shared_ptr<arrow::DataType> hint;
  for (const auto& a : p.args) {
    if (a->op != Predicate::Op::kLiteral) {
      ARROW_ASSIGN_OR_RAISE(auto conv, Convert(*a, schema, nullptr));
      if (conv.second && conv.second->id() != arrow::Type::NA) {
        hint = conv.second;
        break;
      }
    }
  }
  std::vector<cp::Expression> out;
  for (const auto& a : p.args) {
    ARROW_ASSIGN_OR_RAISE(auto conv, Convert(*a, schema, hint));
    out.push_back(std::move(conv.first));
  }
  return out;
}

arrow::Result<std::pair<cp::Expression, std::shared_ptr<arrow::DataType>>> Convert(
    const Predicate& p, const arrow::Schema& schema, const std::shared_ptr<arrow::DataType>& hint) {
  using Op = Predicate::Op;
  auto boolean = arrow::boolean();
  switch (p.op) {
    case Op::kColumn:
      return ResolveColumn(p.column, schema);
    case Op::kLiteral: {
      ARROW_ASSIGN_OR_RAISE(auto e, LiteralExpression(p.literal, hint));
      return std::make_pair(e, hint);
    }
    case Op::kAnd:
    case Op::kOr: {
      ARROW_ASSIGN_OR_RAISE(auto l, Convert(*p.args[0], schema, boolean));
      ARROW_ASSIGN_OR_RAISE(auto r, Convert(*p.args[1], schema, boolean));
      auto e = p.op == Op::kAnd ? cp::and_(l.first, r.first) : cp::or_(l.first, r.first);
      return std::make_pair(e, boolean);
    }
    case Op::kNot: {
      ARROW_ASSIGN_OR_RAISE(auto inner, Convert(*p.args[0], schema, boolean));
      return std::make_pair(cp::not_(inner.first), boolean);
    }
    case Op::kIsNull:
    case Op::kIsNotNull: {
      ARROW_ASSIGN_OR_RAISE(auto inner, Convert(*p.args[0], schema, nullptr));
      auto e = cp::call("is_null", {inner.first});
      return std::make_pair(p.op == Op::kIsNull ? e : cp::not_(e), boolean);
    }
    case Op::kIn: {
      ARROW_ASSIGN_OR_RAISE(auto ops, ConvertOperands(p, schema));
      std::optional<cp::Expression> any;
      for (size_t i = 1; i < ops.size(); ++i) {
        auto eq = cp::equal(ops[0], ops[i]);
        any = any ? cp::or_(*any, eq) : eq;
      }
      return std::make_pair(*any, boolean);
    }
    case Op::kEq:
    case Op::kNe:
    case Op::kLt:
    case Op::kLe:
    case Op::kGt:
    case Op::kGe:
    case Op::kNullSafeEq: {
      ARROW_ASSIGN_OR_RAISE(auto ops, ConvertOperands(p, schema));
      cp::Expression e;
      switch (p.op) {
        case Op::kEq: e = cp::equal(ops[0], ops[1]); break;
        case Op::kNe: e = cp::not_equal(ops[0], ops[1]); break;
        case Op::kLt: e = cp::less(ops[0], ops[1]); break;
        case Op::kLe: e = cp::less_equal(ops[0], ops[1]); break;
        case Op::kGt: e = cp::greater(ops[0], ops[1]); break;
        case Op::kGe: e = cp::greater_equal(ops[0], ops[1]); break;
        default: {
          auto both_null = cp::and_(cp::call("is_null", {ops[0]}), cp::call("is_null", {ops[1]}));
          e = cp::call("coalesce", {cp::equal(ops[0], ops[1]), both_null});
        }
      }
      return std::make_pair(e, boolean);
    }
    case Op::kAdd:
    case Op::kSub:
    case Op::kMul:
    case Op::kDiv: {
      ARROW_ASSIGN_OR_RAISE(auto ops, ConvertOperands(p, schema));
      const char* fn = p.op == Op::kAdd ? "add_checked"
                       : p.op == Op::kSub ? "subtract_checked"
                       : p.op == Op::kMul ? "multiply_checked"
                                          : "divide_checked";
      std::shared_ptr<arrow::DataType> type = hint;
      return std::make_pair(cp::call(fn, {ops[0], ops[1]}), type);
    }
  }
  return arrow::Status::Invalid("unknown predicate operator");
}

void CollectColumns(const Predicate& p, std::vector<std::string>* out) {
  if (p.op == Predicate::Op::kColumn && !p.column.empty()) {
    std::string name = LowerCaseName(p.column[0]);
    if (std::find(out->begin(), out->end(), name) == out->end()) out->push_back(name);
  }
  for (const auto& a : p.args) CollectColumns(*a, out);
}

}  // namespace

std::string Predicate::ToString() const {
  switch (op) {
    case Op::kColumn: {
      std::string s;
      for (const auto& c : column) s += (s.empty() ? "" : ".") + c;
      return s;
    }
    case Op::kLiteral:
      switch (literal.kind) {
        case PredicateLiteral::Kind::kNull: return "NULL";
        case PredicateLiteral::Kind::kString: return "'" + literal.text + "'";
        case PredicateLiteral::Kind::kDate: return "DATE '" + literal.text + "'";
        case PredicateLiteral::Kind::kTimestamp: return "TIMESTAMP '" + literal.text + "'";
        default: return literal.text;
      }
    case Op::kNot: return "NOT (" + args[0]->ToString() + ")";
    case Op::kIsNull: return args[0]->ToString() + " IS NULL";
    case Op::kIsNotNull: return args[0]->ToString() + " IS NOT NULL";
    case Op::kIn: {
      std::string s = args[0]->ToString() + " IN (";
      for (size_t i = 1; i < args.size(); ++i) s += (i > 1 ? ", " : "") + args[i]->ToString();
      return s + ")";
    }
    default:
      return "(" + args[0]->ToString() + " " + OpSymbol(op) + " " + args[1]->ToString() + ")";
  }
}

arrow::Result<PredicatePtr> ParsePredicate(std::string_view text) {
  return PredicateParser(text).Parse();
}

PredicatePtr Column(std::vector<std::string> path) {
  auto p = std::make_shared<Predicate>();
  p->op = Predicate::Op::kColumn;
  p->column = std::move(path);
  return p;
}

PredicatePtr And(std::vector<PredicatePtr> args) {
  if (args.size() == 1) return args[0];
  PredicatePtr acc = args[0];
  for (size_t i = 1; i < args.size(); ++i) {
    auto p = std::make_shared<Predicate>();
    p->op = Predicate::Op::kAnd;
    p->args = {acc, args[i]};
    acc = p;
  }
  return acc;
}

arrow::Result<cp::Expression> ToArrowExpression(const Predicate& predicate, const arrow::Schema& schema) {
  ARROW_ASSIGN_OR_RAISE(auto conv, Convert(predicate, schema, arrow::boolean()));
  return conv.first;
}

std::vector<std::string> ReferencedColumns(const Predicate& predicate) {
  std::vector<std::string> out;
  CollectColumns(predicate, &out);
  return out;
}

}  // namespace tarn::delta
