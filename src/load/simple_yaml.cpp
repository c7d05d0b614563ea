#include "load/simple_yaml.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

namespace scrutineer {
namespace {

// Well inside yaml_reader.cpp's limits (64 levels, 100,000 values), so that
// whatever is read here would pass them there.
constexpr int kMaxDepth = 32;
constexpr size_t kMaxNodes = 50000;
// Keys are checked for duplicates by a scan of the map; past this many the
// scan would cost more than yaml-cpp does.
constexpr size_t kMaxKeysPerMap = 256;

struct Line {
  std::string_view text;  // without its line break
  int indent = 0;         // leading spaces
  bool blank = false;     // only spaces, or a comment after spaces
};

bool IsKeyCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_' || c == '-';
}

// Characters that give a plain value a meaning of its own in YAML when they
// come first; such values are left to yaml-cpp.
bool IsIndicator(char c) {
  switch (c) {
    case '-': case '?': case ':': case ',': case '[': case ']': case '{':
    case '}': case '#': case '&': case '*': case '!': case '|': case '>':
    case '\'': case '"': case '%': case '@': case '`':
      return true;
    default:
      return false;
  }
}

// Letters, digits, "-_./()" and anything past ASCII: nothing that means
// anything inside "[...]" or "{...}".
bool IsFlowWordCharacter(char c) {
  return IsKeyCharacter(c) || c == '.' || c == '/' || c == '(' || c == ')' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// yaml-cpp reports these plain values as null, not as text.
bool IsNullText(std::string_view text) {
  return text == "~" || text == "null" || text == "Null" || text == "NULL";
}

class Reader {
 public:
  Reader(std::string_view path, int line_offset)
      : path_(path), line_offset_(line_offset) {}

  bool Read(std::string_view text, Value* root) {
    if (!SplitLines(text)) return false;
    size_t first = NextContent(0);
    if (first == lines_.size()) return false;  // empty: yaml-cpp decides
    line_ = first;
    if (!Block(first, lines_[first].indent, 0, root)) return false;
    return NextContent(line_) == lines_.size();
  }

 private:
  bool SplitLines(std::string_view text) {
    // Tabs and carriage returns are rare in records and each has rules of
    // its own: left to yaml-cpp. (Two memchr passes over the whole text;
    // find_first_of per line called memchr once per byte.)
    if (text.find('\t') != std::string_view::npos ||
        text.find('\r') != std::string_view::npos) {
      return false;
    }
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      Line line;
      line.text = text.substr(start, end - start);
      size_t indent = line.text.find_first_not_of(' ');
      line.indent = static_cast<int>(indent == std::string_view::npos
                                         ? line.text.size()
                                         : indent);
      line.blank = indent == std::string_view::npos || line.text[indent] == '#';
      // So are document markers and directives.
      if (line.indent == 0 && !line.blank &&
          (line.text.substr(0, 3) == "---" ||
           line.text.substr(0, 3) == "..." || line.text[0] == '%')) {
        return false;
      }
      lines_.push_back(line);
      start = end + 1;
    }
    return true;
  }

  SourceLocation Where(size_t line, size_t column) const {
    return SourceLocation{path_, static_cast<int>(line) + 1 + line_offset_,
                          static_cast<int>(column) + 1};
  }

  size_t NextContent(size_t from) const {
    while (from < lines_.size() && lines_[from].blank) ++from;
    return from;
  }

  bool Count() { return ++nodes_ <= kMaxNodes; }

  // "-" alone or "- ..." at `column` of `line`.
  bool IsDash(size_t line, size_t column) const {
    std::string_view text = lines_[line].text;
    return column < text.size() && text[column] == '-' &&
           (column + 1 == text.size() || text[column + 1] == ' ');
  }

  // The length of a key at `column` of `line` ("title" in "title: x"), or
  // 0 when there is none: keys are letters, digits, '_' and '-', followed by
  // ':' and a space or the end of the line.
  size_t KeyLength(size_t line, size_t column) const {
    std::string_view text = lines_[line].text;
    size_t end = column;
    while (end < text.size() && IsKeyCharacter(text[end])) ++end;
    if (end == column || text[column] == '-') return 0;
    if (end == text.size() || text[end] != ':') return 0;
    if (end + 1 < text.size() && text[end + 1] != ' ') return 0;
    return end - column;
  }

  // How many keys the map whose first key is at `indent` of `line` has, and
  // how many items the list whose first dash is there has: the lines below
  // at that indent, up to the first line less indented (for a list, or the
  // first that is not a dash). A site keeps its records' maps and
  // lists for the whole build: made at their size, none is grown by
  // doubling and then copied again to give the spare room back. A count
  // that is off (the parse fails further on) costs only that.
  size_t MapSize(size_t line, int indent) const {
    size_t count = 1;
    for (size_t next = NextContent(line + 1);
         next < lines_.size() && lines_[next].indent >= indent &&
         count < kMaxKeysPerMap;
         next = NextContent(next + 1)) {
      // Deeper lines, and a list written at its key's own indent, are
      // values of the keys.
      if (lines_[next].indent > indent) continue;
      if (IsDash(next, static_cast<size_t>(indent))) continue;
      ++count;
    }
    return count;
  }
  size_t ListSize(size_t line, int indent) const {
    size_t count = 1;
    for (size_t next = NextContent(line + 1);
         next < lines_.size() && lines_[next].indent >= indent;
         next = NextContent(next + 1)) {
      if (lines_[next].indent > indent) continue;
      if (!IsDash(next, static_cast<size_t>(indent))) break;
      ++count;
    }
    return count;
  }

  // A map or a list starting at `column` of `line`; leaves line_ at the
  // first line after it.
  bool Block(size_t line, size_t column, int depth, Value* out) {
    if (IsDash(line, column)) return List(line, column, depth, out);
    if (KeyLength(line, column) > 0) return Map(line, column, depth, out);
    return false;
  }

  bool Map(size_t line, size_t column, int depth, Value* out) {
    if (depth > kMaxDepth || !Count()) return false;
    out->kind = Value::Kind::kMap;
    out->location = Where(line, column);
    const int indent = static_cast<int>(column);
    out->entries.reserve(MapSize(line, indent));
    while (true) {
      size_t length = KeyLength(line, column);
      if (length == 0) return false;
      if (out->entries.size() == kMaxKeysPerMap || !Count()) return false;
      std::string_view key = lines_[line].text.substr(column, length);
      if (IsNullText(key)) return false;  // a null key: yaml-cpp's path
      for (const MapEntry& entry : out->entries) {
        if (entry.key == key) return false;  // yaml-cpp's path reports it
      }
      MapEntry entry;
      entry.key = std::string(key);
      entry.set_key_location(Where(line, column));
      out->entries.push_back(std::move(entry));
      if (!Node(line, column + length + 1, indent, /*in_map=*/true, depth + 1,
                &out->entries.back().value)) {
        return false;
      }
      size_t next = NextContent(line_);
      if (next == lines_.size() || lines_[next].indent < indent) return true;
      if (lines_[next].indent > indent || IsDash(next, column)) return false;
      line = next;
    }
  }

  bool List(size_t line, size_t column, int depth, Value* out) {
    if (depth > kMaxDepth || !Count()) return false;
    out->kind = Value::Kind::kList;
    out->location = Where(line, column);
    const int indent = static_cast<int>(column);
    out->items.reserve(ListSize(line, indent));
    while (true) {
      out->items.emplace_back();
      if (!Node(line, column + 1, indent, /*in_map=*/false, depth + 1,
                &out->items.back())) {
        return false;
      }
      size_t next = NextContent(line_);
      if (next == lines_.size() || lines_[next].indent < indent) return true;
      if (lines_[next].indent > indent) return false;
      // A key at the list's own indent ends it: the list was a map's value
      // written at the map's indent ("key:\n- a\nnext: b").
      if (!IsDash(next, column)) return true;
      line = next;
    }
  }

  // The value that starts after the ':' of a key or the '-' of an item, at
  // `column` of `line`. `parent` is the indent of that map or list.
  bool Node(size_t line, size_t column, int parent, bool in_map, int depth,
            Value* out) {
    std::string_view text = lines_[line].text;
    while (column < text.size() && text[column] == ' ') ++column;
    line_ = line + 1;
    if (column == text.size() || text[column] == '#') {
      return NodeBelow(line, parent, in_map, depth, out);
    }
    if (!Count()) return false;
    char first = text[column];
    if (first == '|') return Literal(line, column, parent, out);
    if (first == '[' || first == '{') {
      if (!Flow(line, column, out)) return false;
    } else if (first == '"' || first == '\'') {
      if (!Quoted(line, column, out)) return false;
    } else if (!in_map && KeyLength(line, column) > 0) {
      // "- key: value": a map inside the item, indented where its key is.
      return Map(line, column, depth, out);
    } else if (!Plain(line, column, out)) {
      return false;
    }
    // Text running on below is folded by YAML's own rules: yaml-cpp's.
    size_t next = NextContent(line_);
    return next == lines_.size() || lines_[next].indent <= parent;
  }

  // A value with nothing after its key or dash: a block on the lines below,
  // or nothing.
  bool NodeBelow(size_t line, int parent, bool in_map, int depth, Value* out) {
    size_t next = NextContent(line + 1);
    if (next < lines_.size() && lines_[next].indent > parent) {
      line_ = next;
      return Block(next, lines_[next].indent, depth, out);
    }
    // A list may be a map's value at the map's own indent.
    if (in_map && next < lines_.size() && lines_[next].indent == parent &&
        IsDash(next, parent)) {
      line_ = next;
      return List(next, parent, depth, out);
    }
    // yaml-cpp places an empty value where the next thing starts; rather
    // than copy that rule, leave such files to it. Records rarely hold one.
    return false;
  }

  // After a quoted value or a block indicator: spaces, then the end of the
  // line or a comment.
  static bool OnlyCommentAfter(std::string_view text, size_t position) {
    size_t rest = text.find_first_not_of(' ', position);
    if (rest == std::string_view::npos) return true;
    return text[rest] == '#' && rest > position;
  }

  // "[a, b]" or "{ number: 1, title: Structure }" on one line, of plain
  // words only: no quotes, colons, brackets or comments inside.
  bool Flow(size_t line, size_t column, Value* out) {
    std::string_view text = lines_[line].text;
    const bool is_map = text[column] == '{';
    const char close = is_map ? '}' : ']';
    out->kind = is_map ? Value::Kind::kMap : Value::Kind::kList;
    out->location = Where(line, column);
    size_t i = column + 1;
    auto skip_spaces = [&] {
      while (i < text.size() && text[i] == ' ') ++i;
    };
    // A word ends at ',' or the closing bracket (or, for a key, ':').
    auto word = [&](bool key, Value* value) {
      size_t start = i;
      while (i < text.size() && text[i] != ',' && text[i] != close &&
             !(key && text[i] == ':')) {
        // Flow context gives more characters a meaning ("? " opens a key):
        // words here are kept to those that have none anywhere.
        if (!IsFlowWordCharacter(text[i]) && !(text[i] == ' ' && !key)) {
          return false;
        }
        ++i;
      }
      std::string_view word = text.substr(start, i - start);
      while (!word.empty() && word.back() == ' ') word.remove_suffix(1);
      if (word.empty() || IsIndicator(word[0]) || IsNullText(word)) {
        return false;
      }
      value->kind = Value::Kind::kScalar;
      value->location = Where(line, start);
      value->text = std::string(word);
      return Count();
    };
    skip_spaces();
    if (i < text.size() && text[i] == close) {
      ++i;
    } else {
      // Words hold no ',': one more part than there are commas.
      const size_t end = std::min(text.find(close, i), text.size());
      const size_t parts = 1 + static_cast<size_t>(std::count(
                                   text.begin() + i, text.begin() + end, ','));
      if (is_map) {
        out->entries.reserve(parts);
      } else {
        out->items.reserve(parts);
      }
      while (true) {
        if (is_map) {
          Value key;
          if (!word(/*key=*/true, &key) || i + 1 >= text.size() ||
              text[i] != ':' || text[i + 1] != ' ') {
            return false;
          }
          for (const MapEntry& entry : out->entries) {
            if (entry.key == key.text) return false;
          }
          i += 2;
          skip_spaces();
          MapEntry entry;
          entry.key = std::move(key.text);
          entry.set_key_location(key.location);
          if (!word(/*key=*/false, &entry.value)) return false;
          out->entries.push_back(std::move(entry));
        } else {
          out->items.emplace_back();
          if (!word(/*key=*/false, &out->items.back())) return false;
        }
        if (i == text.size()) return false;  // runs on to another line
        if (text[i++] == close) break;
        skip_spaces();
      }
    }
    return OnlyCommentAfter(text, i);
  }

  bool Quoted(size_t line, size_t column, Value* out) {
    std::string_view text = lines_[line].text;
    const char quote = text[column];
    size_t i = column + 1;
    size_t doubled = 0;  // '' in single quotes, each one quote
    while (true) {
      if (i >= text.size()) return false;  // runs on to another line
      char c = text[i];
      if (quote == '"' && c == '\\') return false;  // escapes: yaml-cpp's
      if (c == quote) {
        if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
          ++doubled;
          i += 2;
          continue;
        }
        break;
      }
      ++i;
    }
    if (!OnlyCommentAfter(text, i + 1)) return false;
    std::string_view written = text.substr(column + 1, i - column - 1);
    // Made at its size, as every text the records keep.
    std::string value(written.size() - doubled, '\0');
    for (size_t from = 0, to = 0; from < written.size(); ++from, ++to) {
      value[to] = written[from];
      if (written[from] == '\'' && quote == '\'') ++from;
    }
    out->kind = Value::Kind::kScalar;
    out->location = Where(line, column);
    out->text = std::move(value);
    out->quoted = true;
    return true;
  }

  bool Plain(size_t line, size_t column, Value* out) {
    std::string_view text = lines_[line].text;
    if (IsIndicator(text[column])) return false;
    size_t end = text.size();
    size_t comment = text.find(" #", column);
    if (comment != std::string_view::npos) end = comment;
    std::string_view value = text.substr(column, end - column);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    // ": " inside, or ':' at the end, would be a key where none may be.
    if (value.find(": ") != std::string_view::npos || value.back() == ':') {
      return false;
    }
    out->location = Where(line, column);
    if (IsNullText(value)) {
      out->kind = Value::Kind::kNull;
      return true;
    }
    out->kind = Value::Kind::kScalar;
    out->text = std::string(value);
    return true;
  }

  // A '|' block: the lines below, more indented than `parent`, kept as they
  // are but for their common indent; one final line break ("|") or none
  // ("|-").
  bool Literal(size_t line, size_t column, int parent, Value* out) {
    std::string_view header = lines_[line].text;
    size_t after = column + 1;
    bool strip = after < header.size() && header[after] == '-';
    if (strip) ++after;
    if (!OnlyCommentAfter(header, after)) return false;  // "|+", "|2"

    // The block's indent is that of its first line with text; blank lines
    // before it may not be longer.
    size_t first = line + 1;
    size_t longest_blank = 0;
    while (first < lines_.size() &&
           lines_[first].text.find_first_not_of(' ') == std::string_view::npos) {
      longest_blank = std::max(longest_blank, lines_[first].text.size());
      ++first;
    }
    if (first == lines_.size()) return false;
    const size_t indent = static_cast<size_t>(lines_[first].indent);
    if (static_cast<int>(indent) <= parent || longest_blank > indent) {
      return false;  // an empty block, or odd spacing: yaml-cpp's
    }
    // The block's lines, and its text's size: it is made at that size.
    size_t kept_end = 0;  // the text's size after its last line with text
    size_t size = 0;
    size_t next = line + 1;
    for (; next < lines_.size(); ++next) {
      std::string_view text = lines_[next].text;
      bool spaces_only = text.find_first_not_of(' ') == std::string_view::npos;
      if (spaces_only) {
        if (text.size() > indent) return false;  // a line of spaces: kept
        ++size;
        continue;
      }
      if (static_cast<size_t>(lines_[next].indent) < indent) break;
      size += text.size() - indent + 1;
      kept_end = size;
    }
    // Made at its size, not reserved: reserve() rounds small sizes up.
    std::string value(strip ? kept_end - 1 : kept_end, '\n');
    size_t to = 0;
    for (size_t at = line + 1; to < value.size(); ++at) {
      std::string_view text = lines_[at].text;
      if (text.size() > indent) {
        text.remove_prefix(indent);
        std::memcpy(value.data() + to, text.data(), text.size());
        to += text.size();
      }
      ++to;  // the line break, there already
    }
    out->kind = Value::Kind::kScalar;
    out->location = Where(line, column);
    out->text = std::move(value);
    out->quoted = true;
    line_ = next;
    return true;
  }

  std::string_view path_;
  int line_offset_;
  std::vector<Line> lines_;
  size_t line_ = 0;  // the first line not yet read
  size_t nodes_ = 0;
};

}  // namespace

bool ReadSimpleYaml(std::string_view text, std::string_view path,
                    int line_offset, Value* root) {
  *root = Value{};
  return Reader(path, line_offset).Read(text, root);
}

}  // namespace scrutineer
