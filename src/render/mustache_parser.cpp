// The Mustache parser: template text to a tree of nodes. It reads the text as
// kainjow mustache 4.1's parser does, so that tags, names and line ends are
// the same and so is the output; it keeps runs of text whole rather than a
// node per space, and drops comments and delimiter changes, which render
// nothing.
#include <algorithm>

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

class Parser {
 public:
  Parser(const std::string& input, std::vector<Node>* root, ParseError* error)
      : input_(input), error_(error) {
    containers_.push_back(root);
  }

  bool Run() {
    const size_t size = input_.size();
    size_t text_start = std::string::npos;
    auto flush = [&](size_t upto) {
      if (text_start == std::string::npos) return;
      AddText(std::string_view(input_).substr(text_start, upto - text_start),
              containers_.back());
      text_start = std::string::npos;
    };
    size_t at = 0;
    while (at < size) {
      if (input_.compare(at, begin_.size(), begin_) == 0) {
        flush(at);
        if (!Tag(&at)) return false;
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
    flush(size);
    // Sections still open were never closed; of those and the sections
    // closed by another name, kainjow reports the first to open.
    for (const Open& open : open_) {
      if (!has_problem_ || open.offset < problem_open_) {
        has_problem_ = true;
        problem_open_ = open.offset;
        problem_.offset = open.offset;
        problem_.message = "Unclosed section \"" + open.name + "\" at " +
                           std::to_string(open.offset);
        problem_.hint = "close it with {{/" + open.name + "}}";
      }
    }
    if (has_problem_) {
      *error_ = std::move(problem_);
      return false;
    }
    return true;
  }

 private:
  struct Open {
    size_t offset;  // of the open tag
    std::string name;
  };

  bool Fail(size_t offset, std::string message, std::string hint) {
    error_->offset = offset;
    error_->message = std::move(message);
    error_->hint = std::move(hint);
    return false;
  }

  // Reads the tag at *at, and moves *at past it.
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
      return Fail(start, "Unclosed tag at " + std::to_string(start),
                  "end the tag with " + end);
    }
    *at = close + end.size();
    std::string tag =
        Trim(std::string_view(input_).substr(contents, close - contents));
    if (!tag.empty() && tag[0] == '=') {
      if (!ParseSetDelimiter(tag, &begin_, &end_)) {
        return Fail(start,
                    "Invalid set delimiter tag at " + std::to_string(start),
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
        return Close(start, Trim(std::string_view(tag).substr(1)), *at);
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
      if (!node.implicit) node.path = SplitName(node.text);
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

  bool Close(size_t start, const std::string& name, size_t end) {
    if (open_.empty()) {
      return Fail(
          start,
          "Unopened section \"" + name + "\" at " + std::to_string(start),
          "no section is open here: remove the tag or add {{#" + name +
              "}} before it");
    }
    const Open& open = open_.back();
    // kainjow closes the innermost section whatever the name, and reports
    // the mismatch once the whole text is read.
    if (open.name != name && (!has_problem_ || open.offset < problem_open_)) {
      int line = 0;
      int column = 0;
      LineAndColumn(input_, open.offset, &line, &column);
      problem_.offset = start;
      problem_.message = "mismatched " + input_.substr(start, end - start) +
                         ": the section open here is \"" + open.name +
                         "\", from line " + std::to_string(line) + ", column " +
                         std::to_string(column);
      problem_.hint =
          "sections close in the reverse order they open: close "
          "\"" +
          open.name + "\" first with {{/" + open.name + "}}";
      has_problem_ = true;
      problem_open_ = open.offset;
    }
    open_.pop_back();
    containers_.pop_back();
    return true;
  }

  const std::string& input_;
  ParseError* error_;
  std::string begin_ = "{{";
  std::string end_ = "}}";
  bool brace_ = true;  // the delimiters are {{ }}, so {{{ }}} is a tag
  std::vector<std::vector<Node>*> containers_;  // innermost last
  std::vector<Open> open_;                      // innermost last
  // The section problem found so far whose section opens first.
  bool has_problem_ = false;
  size_t problem_open_ = 0;  // where that section opens
  ParseError problem_;
};

}  // namespace

bool Parse(const std::string& text, std::vector<Node>* nodes,
           ParseError* error) {
  nodes->clear();
  Parser parser(text, nodes, error);
  return parser.Run();
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
