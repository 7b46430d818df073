#include "files/csv_tokenizer_internal.h"

namespace tarn::files {

namespace {

class Tokenizer {
 public:
  Tokenizer(std::string_view text, const ReaderSettings& s) : t_(text), s_(s) {}

  CsvRecords Run() {
    if (t_.starts_with("\xEF\xBB\xBF")) pos_ = 3;  // UTF-8 byte order mark
    out_.record_starts.push_back(0);
    while (pos_ < t_.size()) {
      size_t line_sep_len = 0;
      if (AtLineEnd(pos_, &line_sep_len)) {  // blank line
        pos_ += line_sep_len;
        ++line_;
        continue;
      }
      if (s_.comment != '\0' && t_[pos_] == s_.comment) {
        SkipLine();
        continue;
      }
      ReadRecord();
    }
    return std::move(out_);
  }

 private:
  // Whether a record separator starts at `p`, and its length.
  bool AtLineEnd(size_t p, size_t* len) const {
    if (!s_.line_sep.empty()) {
      if (t_.compare(p, s_.line_sep.size(), s_.line_sep) == 0) {
        *len = s_.line_sep.size();
        return true;
      }
      return false;
    }
    if (t_[p] == '\n') { *len = 1; return true; }
    if (t_[p] == '\r') { *len = p + 1 < t_.size() && t_[p + 1] == '\n' ? 2 : 1; return true; }
    return false;
  }

  void SkipLine() {
    size_t len = 0;
    while (pos_ < t_.size() && !AtLineEnd(pos_, &len)) ++pos_;
    if (pos_ < t_.size()) pos_ += len;
    ++line_;
  }

  static bool IsBlank(char c) { return c == ' ' || c == '\t'; }

  void AddField(std::string_view text, bool quoted) {
    if (!quoted) {
      if (s_.ignore_leading_whitespace) while (!text.empty() && IsBlank(text.front())) text.remove_prefix(1);
      if (s_.ignore_trailing_whitespace) while (!text.empty() && IsBlank(text.back())) text.remove_suffix(1);
    }
    out_.fields.push_back({text, quoted});
  }

  void ReadRecord() {
    out_.line_numbers.push_back(line_);
    size_t len = 0;
    while (true) {
      // One field starting at pos_.
      size_t start = pos_;
      if (s_.ignore_leading_whitespace) {
        while (start < t_.size() && IsBlank(t_[start])) ++start;
      }
      if (s_.quote != '\0' && start < t_.size() && t_[start] == s_.quote) {
        ReadQuotedField(start + 1);
      } else {
        size_t p = pos_;
        while (p < t_.size() && t_[p] != s_.sep && !AtLineEnd(p, &len)) ++p;
        AddField(t_.substr(pos_, p - pos_), false);
        pos_ = p;
      }
      if (pos_ < t_.size() && t_[pos_] == s_.sep) {
        ++pos_;
        if (pos_ >= t_.size()) {  // a trailing separator at the end of the file: one empty field
          AddField({}, false);
          break;
        }
        if (AtLineEnd(pos_, &len)) {
          AddField({}, false);
          pos_ += len;
          ++line_;
          break;
        }
        continue;
      }
      if (pos_ < t_.size() && AtLineEnd(pos_, &len)) {
        pos_ += len;
        ++line_;
      }
      break;
    }
    out_.record_starts.push_back(static_cast<uint32_t>(out_.fields.size()));
  }

  // The field's text starts at `p` (after the opening quote). Leaves pos_ after the field.
  void ReadQuotedField(size_t p) {
    size_t begin = p;
    std::string* copy = nullptr;  // set once the field needs unescaping
    size_t len = 0;
    while (p < t_.size()) {
      char c = t_[p];
      if (c == s_.escape && s_.escape != s_.quote && p + 1 < t_.size() &&
          (t_[p + 1] == s_.quote || t_[p + 1] == s_.escape)) {
        if (!copy) copy = &out_.unescaped.emplace_back(t_.substr(begin, p - begin));
        copy->push_back(t_[p + 1]);
        p += 2;
        continue;
      }
      if (c == s_.quote) {
        if (p + 1 < t_.size() && t_[p + 1] == s_.quote) {  // "" inside quotes
          if (!copy) copy = &out_.unescaped.emplace_back(t_.substr(begin, p - begin));
          copy->push_back(s_.quote);
          p += 2;
          continue;
        }
        break;  // closing quote
      }
      if (!s_.multi_line && AtLineEnd(p, &len)) break;  // records never span lines without multiLine
      if (c == '\n') ++line_;
      if (copy) copy->push_back(c);
      ++p;
    }
    std::string_view text = copy ? std::string_view(*copy) : t_.substr(begin, p - begin);
    if (p < t_.size() && t_[p] == s_.quote) ++p;
    // Text between the closing quote and the separator belongs to the field, as univocity keeps it.
    size_t tail = p;
    while (tail < t_.size() && t_[tail] != s_.sep && !AtLineEnd(tail, &len)) ++tail;
    if (tail > p) {
      bool blank_tail = true;
      for (size_t i = p; i < tail; ++i) blank_tail = blank_tail && IsBlank(t_[i]);
      if (!blank_tail) {
        if (!copy) copy = &out_.unescaped.emplace_back(text);
        copy->append(t_.substr(p, tail - p));
        text = *copy;
      }
    }
    AddField(text, true);
    pos_ = tail;
  }

  std::string_view t_;
  const ReaderSettings& s_;
  size_t pos_ = 0;
  int64_t line_ = 1;
  CsvRecords out_;
};

}  // namespace

CsvRecords TokenizeCsv(std::string_view text, const ReaderSettings& settings) {
  return Tokenizer(text, settings).Run();
}

}  // namespace tarn::files
