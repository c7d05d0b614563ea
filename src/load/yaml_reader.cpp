#include "load/yaml_reader.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdint>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "load/simple_yaml.h"
#include "load/source_text.h"
#include "util/swar.h"
#include "util/utf8.h"

namespace scrutineer {
namespace {

// Deeper than any record needs; keeps yaml-cpp's recursive parser well
// inside the stack.
constexpr int kMaxDepth = 64;
// The largest seed record has about 600 values. A Value costs some 150
// bytes, so this keeps one file's tree near 15 MB however it is written.
constexpr size_t kMaxNodes = 100000;

// Thrown by ValueBuilder to stop yaml-cpp once a limit was reported; caught
// in ReadYaml, never seen outside this file.
struct StopParsing {};

// Builds a Value tree from yaml-cpp's parse events, checking as it goes.
class ValueBuilder : public YAML::EventHandler {
 public:
  ValueBuilder(std::string_view text, std::string_view path, int line_offset,
               Diagnostics& diagnostics)
      : text_(text),
        path_(path),
        line_offset_(line_offset),
        diagnostics_(diagnostics) {}

  Value TakeRoot() { return std::move(root_); }
  bool ok() const { return ok_; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    CheckAnchor(mark, anchor);
    Value value;
    value.location = Where(mark);
    Add(std::move(value));
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    Fail(mark, "aliases (*name) are not allowed in records",
         "write the value out in full where it is needed");
    Value value;
    value.location = Where(mark);
    Add(std::move(value));
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag,
                YAML::anchor_t anchor, const std::string& text) override {
    CheckAnchor(mark, anchor);
    CheckTag(mark, tag);
    CheckQuoteClosed(mark);
    std::string decoded = WithLatinEscapesAsUtf8(text);
    CheckEscapes(mark, decoded);
    Value value;
    value.kind = Value::Kind::kScalar;
    value.location = Where(mark);
    value.text = std::move(decoded);
    value.quoted = tag == "!";
    Add(std::move(value));
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag,
                       YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    Open(mark, tag, anchor, Value::Kind::kList);
  }
  void OnSequenceEnd() override { Close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag,
                  YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
    Open(mark, tag, anchor, Value::Kind::kMap);
  }
  void OnMapEnd() override { Close(); }

 private:
  struct Frame {
    Value value;
    bool expecting_key = true;  // maps only
    std::string pending_key;
    SourceLocation pending_key_location;
    std::unordered_map<std::string, int> key_lines;  // maps only
  };

  SourceLocation Where(const YAML::Mark& mark) const {
    return SourceLocation{path_, mark.line + 1 + line_offset_, mark.column + 1};
  }

  void Fail(const YAML::Mark& mark, std::string message, std::string hint) {
    ok_ = false;
    diagnostics_.Error(Where(mark), std::move(message), std::move(hint));
  }

  void CheckAnchor(const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor) {
      Fail(mark, "anchors (&name) are not allowed in records",
           "remove the anchor and write each value out in full");
    }
  }

  void CheckTag(const YAML::Mark& mark, const std::string& tag) {
    if (!tag.empty() && tag != "?" && tag != "!") {
      Fail(mark, "YAML tags ('" + tag + "') are not allowed in records",
           "remove the tag; the field's type comes from the content model");
    }
  }

  // yaml-cpp 0.7 writes the escapes "\N" (U+0085) and "\_" (U+00A0, a
  // no-break space) as the single bytes 0x85 and 0xA0, which are not UTF-8;
  // every other escape it writes as UTF-8. The file itself was UTF-8, so a
  // lone 0x85 or 0xA0 in a value can only be one of those two: it is
  // written as the character it stands for.
  static std::string WithLatinEscapesAsUtf8(const std::string& text) {
    if (text.find_first_of("\x85\xA0") == std::string::npos ||
        IsValidUtf8(text)) {
      return text;
    }
    std::string fixed;
    for (size_t i = 0; i < text.size();) {
      const size_t valid = ValidUtf8Prefix(std::string_view(text).substr(i));
      fixed.append(text, i, valid);
      i += valid;
      if (i == text.size()) break;
      const unsigned char byte = static_cast<unsigned char>(text[i]);
      if (byte == 0x85 || byte == 0xA0) fixed += '\xC2';
      fixed += text[i++];
    }
    return fixed;
  }

  // The file's bytes were checked, but escapes in double quotes ("\x0b",
  // "\0", "\uD800") make characters of their own.
  void CheckEscapes(const YAML::Mark& mark, const std::string& text) {
    // The common case, cheaply: nothing below a space, no bytes past ASCII.
    bool plain = true;
    for (char c : text) {
      const unsigned char byte = static_cast<unsigned char>(c);
      if ((byte < 0x20 && c != '\n' && c != '\t') || byte >= 0x7F) {
        plain = false;
        break;
      }
    }
    if (plain) return;
    // A carriage return has no business inside a value either.
    std::string problem = DescribeTextProblem(text);
    if (problem.empty() && text.find('\r') != std::string::npos) {
      problem = "invisible control character U+000D";
    }
    if (!problem.empty()) {
      Fail(mark, "an escape in this text makes " + problem,
           "remove the escape ('\\r', '\\x..', '\\u....') from the quoted "
           "text");
    }
  }

  // yaml-cpp quietly ends a quoted scalar at the end of the input when its
  // closing quote is missing, which swallows the rest of the record.
  void CheckQuoteClosed(const YAML::Mark& mark) {
    if (mark.pos < 0 || static_cast<size_t>(mark.pos) >= text_.size()) return;
    char quote = text_[mark.pos];
    if (quote != '"' && quote != '\'') return;
    for (size_t i = mark.pos + 1; i < text_.size(); ++i) {
      char c = text_[i];
      if (quote == '"' && c == '\\') {
        ++i;
      } else if (c == quote) {
        if (quote == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'') {
          ++i;  // '' is an escaped quote inside single quotes
          continue;
        }
        return;
      }
    }
    Fail(mark,
         std::string("quoted text is not closed: the closing ") + quote +
             " is missing",
         std::string("add ") + quote + " at the end of the text");
  }

  void Open(const YAML::Mark& mark, const std::string& tag,
            YAML::anchor_t anchor, Value::Kind kind) {
    CheckAnchor(mark, anchor);
    CheckTag(mark, tag);
    if (stack_.size() > static_cast<size_t>(kMaxDepth)) {
      Fail(mark,
           "nesting is deeper than " + std::to_string(kMaxDepth) + " levels",
           "records never need this depth; check the indentation");
      throw StopParsing{};
    }
    Frame frame;
    frame.value.kind = kind;
    frame.value.location = Where(mark);
    stack_.push_back(std::move(frame));
  }

  void Close() {
    Value value = std::move(stack_.back().value);
    stack_.pop_back();
    Add(std::move(value));
  }

  void Add(Value value) {
    if (++nodes_ > kMaxNodes) {
      ok_ = false;
      diagnostics_.Error(
          value.location,
          "more than " + std::to_string(kMaxNodes) + " values in one file",
          "split the record into smaller ones");
      throw StopParsing{};
    }
    if (stack_.empty()) {
      root_ = std::move(value);
      return;
    }
    Frame& parent = stack_.back();
    if (parent.value.kind == Value::Kind::kList) {
      parent.value.items.push_back(std::move(value));
      return;
    }
    if (parent.expecting_key) {
      parent.expecting_key = false;
      parent.pending_key_location = value.location;
      if (!value.is_scalar()) {
        ok_ = false;
        diagnostics_.Error(value.location, "a key must be plain text",
                           "field names are words like 'title' or 'date'");
        parent.pending_key = "?";
        return;
      }
      parent.pending_key = std::move(value.text);
      if (parent.pending_key == "<<" && !value.quoted) {
        ok_ = false;
        diagnostics_.Error(parent.pending_key_location,
                           "merge keys ('<<') are not allowed in records",
                           "write each field out in full");
      }
      // A set, not a scan of the entries: a map of a hundred thousand keys
      // must not take minutes.
      auto [seen, added] = parent.key_lines.emplace(
          parent.pending_key, parent.pending_key_location.line);
      if (!added) {
        ok_ = false;
        diagnostics_.Error(parent.pending_key_location,
                           "duplicate key '" + parent.pending_key + "'",
                           "it is already set at line " +
                               std::to_string(seen->second) +
                               "; keep one of the two");
      }
      return;
    }
    parent.expecting_key = true;
    parent.value.entries.push_back(MapEntry{std::move(parent.pending_key),
                                            parent.pending_key_location,
                                            std::move(value)});
  }

  std::string_view text_;
  std::string_view path_;
  int line_offset_;
  Diagnostics& diagnostics_;
  std::vector<Frame> stack_;
  Value root_;
  size_t nodes_ = 0;
  bool ok_ = true;
};

// yaml-cpp's parser recurses once per level of nesting, so refuse absurd
// depth before it starts. Counts flow brackets only: enough to bound
// recursion, not a YAML parser. Deep block nesting (indentation, "- - -")
// meets yaml-cpp's own depth limit, reported as DeepRecursion.
bool CheckDepth(std::string_view text, std::string_view path, int line_offset,
                Diagnostics& diagnostics) {
  int flow_depth = 0;
  const size_t size = text.size();
  for (size_t i = 0; i < size; ++i) {
    // Eight bytes at a time past text without a bracket, which is most of
    // a record: with 0x20 set in every byte, '[' reads as '{' and ']' as
    // '}', and no other byte does.
    while (i + 8 <= size) {
      const uint64_t word =
          swar::Load8(text.data() + i) | (0x20 * swar::kEachByte);
      if (swar::AnyEqual(word, '{') || swar::AnyEqual(word, '}')) break;
      i += 8;
    }
    if (i == size) break;
    const char c = text[i];
    if (c == '[' || c == '{') {
      if (++flow_depth > kMaxDepth) {
        const std::string_view before = text.substr(0, i);
        const size_t line_start = before.rfind('\n') + 1;  // npos + 1: 0
        const int line = 1 + static_cast<int>(std::count(before.begin(),
                                                         before.end(), '\n'));
        diagnostics.Error(
            SourceLocation{path, line + line_offset,
                           static_cast<int>(i - line_start) + 1},
            "nesting is deeper than " + std::to_string(kMaxDepth) + " levels",
            "records never need this depth; check for a runaway bracket");
        return false;
      }
    } else if (c == ']' || c == '}') {
      if (flow_depth > 0) --flow_depth;
    }
  }
  return true;
}

std::string CleanYamlMessage(const std::string& message) {
  // yaml-cpp's messages are terse; say what an officer would look for.
  if (message == "illegal map value") {
    return "unexpected ':' (a value containing ': ' needs quotes)";
  }
  if (message == "end of map not found") {
    return "a map is not closed (check the indentation)";
  }
  if (message == "end of sequence not found") {
    return "a list is not closed (check the indentation)";
  }
  const std::string kInvalidUnicode = "invalid unicode: ";
  if (message.compare(0, kInvalidUnicode.size(), kInvalidUnicode) == 0) {
    return "an escape names no Unicode character (" +
           message.substr(kInvalidUnicode.size()) + ")";
  }
  return message;
}

// True when line `line` (1-based) of `text`, or the line before it, starts
// with whitespace containing a tab: the usual cause of yaml-cpp's complaints.
bool IndentedWithTab(std::string_view text, int line) {
  int current = 1;
  bool in_indent = true;
  for (char c : text) {
    if (c == '\n') {
      if (++current > line) return false;
      in_indent = true;
    } else if (in_indent && c == '\t' && current >= line - 1) {
      return true;
    } else if (c != ' ') {
      in_indent = false;
    }
  }
  return false;
}

// Whether the value on `line` (1-based) of `text` starts with '[' or '{',
// after "key:" or a list's "-": YAML reads it as a list or map, which a text
// starting with a Markdown link ("[the review](@id) says") never is.
bool ValueStartsFlow(std::string_view text, int line) {
  size_t start = 0;
  for (int current = 1; current < line; ++current) {
    start = text.find('\n', start);
    if (start == std::string_view::npos) return false;
    ++start;
  }
  std::string_view rest = text.substr(start, text.find('\n', start) - start);
  size_t at = rest.find_first_not_of(' ');
  if (at == std::string_view::npos) return false;
  if (rest[at] == '-') {
    at = rest.find_first_not_of(' ', at + 1);
  } else {
    size_t colon = rest.find(": ", at);
    if (colon == std::string_view::npos) return false;
    at = rest.find_first_not_of(' ', colon + 1);
  }
  return at != std::string_view::npos && (rest[at] == '[' || rest[at] == '{');
}

bool ReadYamlDocument(std::string_view text, std::string_view path,
                      int line_offset, Value* root, Diagnostics& diagnostics,
                      bool fast_path, bool text_checked = false) {
  *root = Value{};
  root->location = SourceLocation{path, 1 + line_offset, 1};
  // Callers that read files through CheckSourceFile have checked the text
  // already (ReadCheckedYaml); this covers the others, so that no control
  // character or invalid UTF-8 reaches a page.
  if (!text_checked && !CheckSourceText(text, path, line_offset, diagnostics))
    return false;
  if (!CheckDepth(text, path, line_offset, diagnostics)) return false;
  // The fast path gives up on anything it does not read exactly as yaml-cpp
  // would, problems included; the document is then read again from the top.
  if (fast_path) {
    if (ReadSimpleYaml(text, path, line_offset, root)) return true;
    *root = Value{};
    root->location = SourceLocation{path, 1 + line_offset, 1};
  }
  // End with a line break, so that an unclosed quote on the last line is
  // read to the end too and reported at its opening by CheckQuoteClosed,
  // rather than by yaml-cpp at the end of the file ("illegal EOF in scalar").
  std::string input(text);
  if (input.empty() || input.back() != '\n') input += '\n';
  // yaml-cpp does not end a line at a lone "\r" (old Mac line ends); making
  // it "\n" keeps every offset, so positions stay true.
  for (size_t i = 0; i < input.size(); ++i) {
    if (input[i] == '\r' && input[i + 1] != '\n') input[i] = '\n';
  }
  std::istringstream stream{input};
  ValueBuilder builder(input, path, line_offset, diagnostics);
  try {
    YAML::Parser parser(stream);
    if (!parser.HandleNextDocument(builder)) return builder.ok();
    *root = builder.TakeRoot();
    ValueBuilder extra(input, path, line_offset, diagnostics);
    if (parser.HandleNextDocument(extra)) {
      Value second = extra.TakeRoot();
      diagnostics.Error(second.location,
                        "a second YAML document ('---') in one record",
                        "each record is one file; move the second part to a "
                        "file of its own");
      return false;
    }
  } catch (const StopParsing&) {
    return false;  // the builder reported why
  } catch (const YAML::DeepRecursion& error) {
    // yaml-cpp calls this "bad file".
    diagnostics.Error(SourceLocation{path, error.mark.line + 1 + line_offset,
                                     error.mark.column + 1},
                      "nesting is too deep",
                      "records never need this depth; check the indentation");
    return false;
  } catch (const YAML::Exception& error) {
    int error_line = error.mark.line < 0 ? 1 : error.mark.line + 1;
    int error_column = error.mark.column < 0 ? 1 : error.mark.column + 1;
    std::string hint =
        "check the indentation and quoting on this line and the one above";
    if (IndentedWithTab(text, error_line)) {
      hint =
          "this line is indented with a tab; YAML is indented with spaces "
          "only";
    } else if (ValueStartsFlow(text, error_line)) {
      hint =
          "a value that starts with '[' or '{' is read as a list or map; "
          "text that starts with a link needs quotes: "
          "notes: \"[the review](@id) says...\"";
    }
    diagnostics.Error(
        SourceLocation{path, error_line + line_offset, error_column},
        "YAML syntax error: " + CleanYamlMessage(error.msg), hint);
    return false;
  }
  return builder.ok();
}

}  // namespace

bool ReadYaml(std::string_view text, std::string_view path, int line_offset,
              Value* root, Diagnostics& diagnostics) {
  return ReadYamlDocument(text, path, line_offset, root, diagnostics,
                          /*fast_path=*/true);
}

bool ReadCheckedYaml(std::string_view text, std::string_view path,
                     int line_offset, Value* root, Diagnostics& diagnostics) {
  return ReadYamlDocument(text, path, line_offset, root, diagnostics,
                          /*fast_path=*/true, /*text_checked=*/true);
}

bool ReadYamlWithYamlCpp(std::string_view text, std::string_view path,
                         int line_offset, Value* root,
                         Diagnostics& diagnostics) {
  return ReadYamlDocument(text, path, line_offset, root, diagnostics,
                          /*fast_path=*/false);
}

}  // namespace scrutineer
