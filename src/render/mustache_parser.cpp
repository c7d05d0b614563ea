// The Mustache parser: template text to a tree of nodes. It reads the text as
// kainjow mustache 4.1's parser does, so that tags, names and line ends are
// the same and so is the output; it keeps runs of text whole rather than a
// node per space, and drops comments and delimiter changes, which render
// nothing.
#include <algorithm>
#include <iterator>

#include "render/mustache.h"

namespace scrutineer {
namespace mustache {
namespace {

// std::isspace in the "C" locale, which kainjow's trim uses.
bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
         c == '\r';
}

std::string Trim(std::string_view text) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && IsSpace(text[begin])) ++begin;
  while (end > begin && IsSpace(text[end - 1])) --end;
  return std::string(text.substr(begin, end - begin));
}

bool IsBlank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\t'; });
}

// kainjow's split of a name at '.', as std::getline splits: no empty last
// segment after a trailing '.'.
std::vector<std::string> SplitName(const std::string& name) {
  std::vector<std::string> segments;
  size_t start = 0;
  do {
    size_t end = std::min(name.find('.', start), name.size());
    segments.push_back(name.substr(start, end - start));
    start = end + 1;
  } while (start < name.size());
  return segments;
}

// "{{=<% %>=}}" as kainjow reads it: two delimiters separated by spaces, with
// neither whitespace nor '=' in them.
bool ParseSetDelimiter(const std::string& contents, std::string* begin,
                       std::string* end) {
  if (contents.size() < 5 || contents.back() != '=') return false;
  std::string inner =
      Trim(std::string_view(contents).substr(1, contents.size() - 2));
  size_t space = inner.find(' ');
  if (space == std::string::npos) return false;
  size_t rest = inner.find_first_not_of(' ', space + 1);
  if (rest == std::string::npos) return false;
  std::string new_begin = inner.substr(0, space);
  std::string new_end = inner.substr(rest);
  auto valid = [](const std::string& delimiter) {
    return std::none_of(delimiter.begin(), delimiter.end(),
                        [](char c) { return c == '=' || IsSpace(c); });
  };
  if (!valid(new_begin) || !valid(new_end)) return false;
  *begin = std::move(new_begin);
  *end = std::move(new_end);
  return true;
}

void AddText(std::string_view text, std::vector<Node>* nodes) {
  if (text.empty()) return;
  bool blank = IsBlank(text);
  if (!nodes->empty() && nodes->back().kind == Node::Kind::kText) {
    Node& last = nodes->back();
    last.text.append(text);
    last.blank = last.blank && blank;
    return;
  }
  Node node;
  node.kind = Node::Kind::kText;
  node.text = std::string(text);
  node.blank = blank;
  nodes->push_back(std::move(node));
}

bool IsTextOrNewline(const Node& node) {
  return node.kind == Node::Kind::kText || node.kind == Node::Kind::kNewline;
}

// A line end after text that is not blank is always written: the line is
// not standalone, whatever was rendered on it before. The line end resets
// the line, and a line with no tag on it is never standalone either. So a
// run of text and line ends that starts with such text and its line end is
// written as it stands, and renders as one kLines node, one append instead
// of one per piece. Applied to sections' children too.
void JoinLines(std::vector<Node>* nodes) {
  std::vector<Node> joined;
  joined.reserve(nodes->size());
  for (size_t i = 0; i < nodes->size();) {
    Node& node = (*nodes)[i];
    if (node.kind == Node::Kind::kSection ||
        node.kind == Node::Kind::kInverted) {
      JoinLines(&node.children);
    }
    if (node.kind != Node::Kind::kText || node.blank ||
        i + 1 == nodes->size() ||
        (*nodes)[i + 1].kind != Node::Kind::kNewline) {
      joined.push_back(std::move(node));
      ++i;
      continue;
    }
    Node lines;
    lines.kind = Node::Kind::kLines;
    lines.offset = node.offset;
    size_t end = i;
    while (end < nodes->size() && IsTextOrNewline((*nodes)[end])) ++end;
    for (size_t j = i; j < end; ++j) {
      const Node& piece = (*nodes)[j];
      lines.text.append(piece.text);
      if (piece.kind == Node::Kind::kNewline) {
        lines.tail = 0;
        lines.blank = true;
      } else {
        lines.tail = piece.text.size();
        lines.blank = piece.blank;
      }
    }
    joined.push_back(std::move(lines));
    i = end;
  }
  *nodes = std::move(joined);
}

class Parser {
 public:
  Parser(const std::string& input, std::vector<Node>* root,
         std::vector<ParseError>* errors)
      : input_(input), errors_(errors) {
    containers_.push_back(root);
  }

  bool Run() {
    errors_->clear();
    const size_t size = input_.size();
    size_t text_start = std::string::npos;
    auto flush = [&](size_t upto) {
      if (text_start == std::string::npos) return;
      AddText(std::string_view(input_).substr(text_start, upto - text_start),
              containers_.back());
      text_start = std::string::npos;
    };
    size_t at = 0;
    bool readable = true;
    while (at < size) {
      if (input_.compare(at, begin_.size(), begin_) == 0) {
        flush(at);
        if (!Tag(&at) || too_many_) {
          readable = false;
          break;
        }
        continue;
      }
      char c = input_[at];
      if (c == '\n' || c == '\r') {
        flush(at);
        size_t length =
            c == '\r' && at + 1 < size && input_[at + 1] == '\n' ? 2 : 1;
        Node node;
        node.kind = Node::Kind::kNewline;
        node.text = input_.substr(at, length);
        containers_.back()->push_back(std::move(node));
        at += length;
        continue;
      }
      if (text_start == std::string::npos) text_start = at;
      ++at;
    }
    if (readable) {
      flush(size);
      for (const Open& open : open_) {
        if (!Report(open.offset, "Unclosed section \"" + open.name + "\"",
                    "close it with {{/" + open.name + "}}")) {
          break;
        }
      }
    }
    // Sections left open are reported at their open tags, which come before
    // the problems found after them.
    std::stable_sort(errors_->begin(), errors_->end(),
                     [](const ParseError& a, const ParseError& b) {
                       return a.offset < b.offset;
                     });
    for (ParseError& error : *errors_) {
      Locate(error.offset, &error.line, &error.column);
    }
    return errors_->empty();
  }

 private:
  struct Open {
    size_t offset;  // of the open tag
    std::string name;
  };
  // A section that a wrong close tag ended, and how many sections were open
  // after it ended.
  struct Ended {
    std::string name;
    size_t depth;
  };

  // Reports an error at `offset`, or, past kMaxParseErrors, that there are
  // too many: then returns false, and the parse ends.
  bool Report(size_t offset, std::string message, std::string hint) {
    if (errors_->size() == kMaxParseErrors) {
      message = "more than " + std::to_string(kMaxParseErrors) +
                " errors in this template: the rest are not listed";
      hint = "correct these, then check again";
      too_many_ = true;
    }
    ParseError error;
    error.offset = offset;
    error.message = std::move(message);
    error.hint = std::move(hint);
    errors_->push_back(std::move(error));
    return !too_many_;
  }

  // Reports an error after which the text cannot be read: returns false.
  bool Fail(size_t offset, std::string message, std::string hint) {
    Report(offset, std::move(message), std::move(hint));
    return false;
  }

  // Reads the tag at *at, and moves *at past it. Returns false at an error
  // that ends the parse.
  bool Tag(size_t* at) {
    static const std::string kTripleEnd = "}}}";
    const size_t size = input_.size();
    const size_t start = *at;
    size_t contents = start + begin_.size();
    bool triple = brace_ && start != size - 2 && input_[contents] == begin_[0];
    if (triple) ++contents;
    const std::string& end = triple ? kTripleEnd : end_;
    size_t close = input_.find(end, contents);
    if (close == std::string::npos) {
      return Fail(start, "Unclosed tag", "end the tag with " + end);
    }
    *at = close + end.size();
    std::string tag =
        Trim(std::string_view(input_).substr(contents, close - contents));
    if (!tag.empty() && tag[0] == '=') {
      if (!ParseSetDelimiter(tag, &begin_, &end_)) {
        return Fail(start, "Invalid set delimiter tag",
                    "write it as {{=<% %>=}}: two delimiters, a space "
                    "between, neither holding a space or '='");
      }
      brace_ = begin_ == "{{" && end_ == "}}";
      return true;
    }
    Node node;
    node.offset = start;
    char sigil = triple || tag.empty() ? '\0' : tag[0];
    switch (sigil) {
      case '#':
        node.kind = Node::Kind::kSection;
        break;
      case '^':
        node.kind = Node::Kind::kInverted;
        break;
      case '/':
        Close(start, Trim(std::string_view(tag).substr(1)), *at);
        return true;
      case '>':
        node.kind = Node::Kind::kPartial;
        break;
      case '&':
        node.kind = Node::Kind::kRawVariable;
        break;
      case '!':
        return true;  // a comment
      default:
        node.kind = triple ? Node::Kind::kRawVariable : Node::Kind::kVariable;
        break;
    }
    bool sigil_kept = triple || node.kind == Node::Kind::kVariable;
    node.text = sigil_kept ? tag : Trim(std::string_view(tag).substr(1));
    if (node.kind != Node::Kind::kPartial) {
      node.implicit = node.text == ".";
      if (!node.implicit) {
        node.path = SplitName(node.text);
        for (const std::string& segment : node.path)
          node.path_bits.push_back(TemplateData::KeyBit(segment));
      }
    }
    std::vector<Node>* nodes = containers_.back();
    nodes->push_back(std::move(node));
    if (nodes->back().kind == Node::Kind::kSection ||
        nodes->back().kind == Node::Kind::kInverted) {
      if (open_.size() >= kMaxSectionDepth) {
        return Fail(start,
                    "sections nested more than " +
                        std::to_string(kMaxSectionDepth) + " deep",
                    "split the template into partials");
      }
      Node& section = nodes->back();
      open_.push_back(Open{start, section.text});
      containers_.push_back(&section.children);
    }
    return true;
  }

  // Reads the close tag {{/name}} from `start` to `end`. A close tag that
  // does not name the innermost open section is reported here, at the tag,
  // and the parse goes on as if the author had meant what most often causes
  // it, so that one mistake makes one error:
  //  1. It names a section open further out: the sections inside that one
  //     were left open (a close forgotten, or two closes swapped). It closes
  //     them all with the one it names. Closing nothing instead would report
  //     the section it names again, as unclosed, at the end.
  //  2. It names a section that an earlier wrong close tag ended, in the
  //     section still open around both: this is that section's own close,
  //     out of place and already reported (the second of two swapped
  //     closes). It closes nothing.
  //  3. No section is open: it closes nothing.
  //  4. It names no open section at all: a misspelt close of the innermost
  //     one, which it closes; if that section's real close follows, rule 2
  //     takes it.
  void Close(size_t start, const std::string& name, size_t end) {
    if (!open_.empty() && open_.back().name == name) {
      EndSection();
      return;
    }
    const std::string tag = input_.substr(start, end - start);
    auto named =
        std::find_if(open_.rbegin(), open_.rend(),
                     [&](const Open& open) { return open.name == name; });
    if (named != open_.rend()) {
      std::vector<Open> left(open_.rbegin(), named);  // innermost first
      std::string sections;
      std::string closes;
      for (size_t i = 0; i < left.size(); ++i) {
        if (i > 0) sections += i + 1 == left.size() ? " and " : ", ";
        sections += "\"" + left[i].name + "\" (opened at " +
                    Where(left[i].offset) + ")";
        closes += "{{/" + left[i].name + "}}";
      }
      Report(start,
             "mismatched " + tag + ": section" +
                 (left.size() > 1 ? "s " : " ") + sections +
                 (left.size() > 1 ? " are" : " is") + " still open",
             "sections close in the reverse order they open: close " +
                 (left.size() > 1 ? std::string("them")
                                  : "\"" + left[0].name + "\"") +
                 " first with " + closes);
      for (size_t i = 0; i <= left.size(); ++i) EndSection();
      for (Open& open : left) {
        ended_.push_back(Ended{std::move(open.name), open_.size()});
      }
      return;
    }
    auto ended = std::find_if(ended_.rbegin(), ended_.rend(),
                              [&](const Ended& e) { return e.name == name; });
    if (ended != ended_.rend()) {
      ended_.erase(std::next(ended).base());
      return;
    }
    if (open_.empty()) {
      Report(start, "Unopened section \"" + name + "\"",
             "no section is open here: remove the tag or add {{#" + name +
                 "}} before it");
      return;
    }
    const Open& open = open_.back();
    Report(start,
           "mismatched " + tag + ": the section open here is \"" + open.name +
               "\", from " + Where(open.offset),
           "a close tag names the innermost open section: write {{/" +
               open.name + "}}, or remove " + tag + " if it closes nothing");
    std::string misspelt = open.name;
    EndSection();
    ended_.push_back(Ended{std::move(misspelt), open_.size()});
  }

  // Closes the innermost open section. Sections that wrong close tags ended
  // inside it are forgotten: their closes, if any, would be in it.
  void EndSection() {
    open_.pop_back();
    containers_.pop_back();
    while (!ended_.empty() && ended_.back().depth > open_.size()) {
      ended_.pop_back();
    }
  }

  // LineAndColumn, from an index of where lines start that is made once:
  // a template can hold up to kMaxParseErrors errors and be 64 MiB long.
  void Locate(size_t offset, int* line, int* column) {
    if (line_starts_.empty()) {
      line_starts_.push_back(0);
      for (size_t i = 0; i < input_.size(); ++i) {
        if (input_[i] == '\n') line_starts_.push_back(i + 1);
      }
    }
    auto after = std::upper_bound(line_starts_.begin(), line_starts_.end(),
                                  std::min(offset, input_.size()));
    *line = static_cast<int>(after - line_starts_.begin());
    *column = static_cast<int>(offset - *std::prev(after)) + 1;
  }

  // "line L, column C" of `offset`.
  std::string Where(size_t offset) {
    int line = 0;
    int column = 0;
    Locate(offset, &line, &column);
    return "line " + std::to_string(line) + ", column " +
           std::to_string(column);
  }

  const std::string& input_;
  std::vector<ParseError>* errors_;
  std::string begin_ = "{{";
  std::string end_ = "}}";
  bool brace_ = true;  // the delimiters are {{ }}, so {{{ }}} is a tag
  std::vector<std::vector<Node>*> containers_;  // innermost last
  std::vector<Open> open_;                      // innermost last
  std::vector<Ended> ended_;                    // latest last
  std::vector<size_t> line_starts_;             // made by the first Locate
  bool too_many_ = false;  // kMaxParseErrors errors reported
};

}  // namespace

bool Parse(const std::string& text, std::vector<Node>* nodes,
           std::vector<ParseError>* errors) {
  nodes->clear();
  Parser parser(text, nodes, errors);
  const bool valid = parser.Run();
  JoinLines(nodes);
  return valid;
}

void LineAndColumn(std::string_view text, size_t offset, int* line,
                   int* column) {
  *line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++*line;
      line_start = i + 1;
    }
  }
  *column = static_cast<int>(offset - line_start) + 1;
}

}  // namespace mustache
}  // namespace scrutineer
