// The Mustache renderer: a parsed template and TemplateData to text, as
// kainjow mustache 4.1 renders them (see mustache.h for its line rule).
//
// kainjow collects each line in a buffer and decides at its end whether to
// write it; this writes straight to the output and, at the end of a line
// that is to be dropped, cuts the output back to where the line began.
#include <algorithm>

#include "render/mustache.h"
#include "util/simd.h"
#include "util/swar.h"

namespace scrutineer {
namespace mustache {
namespace {

bool IsBlank(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\t') return false;
  }
  return true;
}

// The text a render appends to, written through a pointer into the
// string's own bytes. std::string::append is a call and a check for room
// per piece, and a page is written in thousands of pieces of a few bytes
// each (a tag's text, a name, a link): 8% of a build's instructions. The
// string is lengthened a step at a time (a string zeroes its new bytes),
// and cut back to what was written when closed. While it is open nothing
// else may read or change the string.
class Output {
 public:
  explicit Output(std::string* text) : text_(*text) { Open(); }
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;
  ~Output() { Close(); }

  size_t size() const { return static_cast<size_t>(at_ - begin_); }

  void Append(std::string_view piece) {
    if (static_cast<size_t>(end_ - at_) < piece.size()) Grow(piece.size());
    swar::CopyBytes(at_, piece.data(), piece.size());
    at_ += piece.size();
  }

  /// Drops what was written after the first `size` bytes.
  void CutTo(size_t size) { at_ = begin_ + size; }

  /// What was written from `start` on.
  std::string_view Since(size_t start) const {
    return std::string_view(begin_ + start, size() - start);
  }

  /// Gives the string its written size, for others to read or write.
  void Close() {
    if (begin_ == nullptr) return;
    text_.resize(size());
    begin_ = at_ = end_ = nullptr;
  }

  /// Takes the string back after Close(), at its size then.
  void Open() {
    opened_at_ = text_.size();
    Lengthen(opened_at_, 0);
  }

 private:
  // Each step zeroes as many bytes as were written since Open(), at least
  // kFirstStep: the bytes zeroed and not written are at most as many as
  // were written, where a fixed step of some kilobytes cost more than the
  // calls it saved for the many short renders (the layout and the page,
  // each opened twice, snippets of a few hundred bytes).
  static constexpr size_t kFirstStep = 256;

  void Grow(size_t more) {
    const size_t written = size() - opened_at_;
    Lengthen(size(), std::max(more, written));
  }

  void Lengthen(size_t size, size_t more) {
    text_.resize(size + std::max(kFirstStep, more));
    begin_ = &text_[0];
    at_ = begin_ + size;
    end_ = begin_ + text_.size();
  }

  size_t opened_at_ = 0;

  std::string& text_;
  char* begin_ = nullptr;
  char* at_ = nullptr;
  char* end_ = nullptr;
};

// AppendEscapedHtml, into an open Output. Returns whether any byte was
// replaced.
bool EscapeHtml(std::string_view text, Output* out);

class Renderer {
 public:
  Renderer(std::string* out, RenderError* error, const Deferred* deferred)
      : text_(*out), out_(out), error_(error), deferred_(deferred) {
    line_start_ = out_.size();
    stack_.reserve(16);
  }

  bool Run(const Template& page, const TemplateData& data) {
    stack_.push_back(&data);
    Nodes(page.nodes, page);
    // The last line, which has no line end.
    if (section_line_ && line_blank_) out_.CutTo(line_start_);
    out_.Close();
    return !failed_;
  }

 private:
  void Nodes(const std::vector<Node>& nodes, const Template& in) {
    for (const Node& node : nodes) {
      if (failed_) return;
      switch (node.kind) {
        case Node::Kind::kText:
          out_.Append(node.text);
          if (!node.blank) line_blank_ = false;
          break;
        case Node::Kind::kNewline:
          if (section_line_ && line_blank_) {
            out_.CutTo(line_start_);
          } else {
            out_.Append(node.text);
          }
          line_start_ = out_.size();
          line_blank_ = true;
          section_line_ = false;
          break;
        case Node::Kind::kLines:
          out_.Append(node.text);
          line_start_ = out_.size() - node.tail;
          line_blank_ = node.blank;
          section_line_ = false;
          break;
        case Node::Kind::kVariable:
        case Node::Kind::kRawVariable: {
          const TemplateData* value = Lookup(node);
          if (value == nullptr || !value->is_string()) break;
          if (deferred_ != nullptr &&
              value->shares_storage_with(*deferred_->value)) {
            WriteDeferred(node.kind == Node::Kind::kVariable);
            break;
          }
          const std::string_view text = value->string_value();
          if (node.kind == Node::Kind::kRawVariable) {
            out_.Append(text);
          } else {
            WriteEscaped(*value, text);
          }
          // Escaping changes no space or tab, and makes no text blank.
          if (line_blank_) line_blank_ = IsBlank(text);
          break;
        }
        case Node::Kind::kSection: {
          const TemplateData* value = Lookup(node);
          if (value == nullptr || value->is_false() || value->is_empty_list()) {
            break;
          }
          if (value->is_list()) {
            for (const TemplateData& item : value->list_value()) {
              Section(node, &item, in);
              if (failed_) return;
            }
          } else {
            Section(node, value, in);
          }
          break;
        }
        case Node::Kind::kInverted: {
          const TemplateData* value = Lookup(node);
          if (value == nullptr || value->is_false() || value->is_empty_list()) {
            Section(node, value, in);
          }
          break;
        }
        case Node::Kind::kPartial:
          if (node.partial == nullptr) break;  // unknown: renders nothing
          if (partial_depth_ >= kMaxPartialDepth) {
            Fail(node, in,
                 "partials nested more than " +
                     std::to_string(kMaxPartialDepth) + " deep at {{> " +
                     node.text + "}}: a partial that includes itself must stop",
                 "include a partial in itself only inside a section that "
                 "runs out, as in {{#children}}{{> " +
                     node.text + "}}{{/children}}");
            return;
          }
          if (++partials_rendered_ > kMaxPartialsPerRender) {
            Fail(node, in,
                 "more than " + std::to_string(kMaxPartialsPerRender) +
                     " partials rendered for one page, at {{> " + node.text +
                     "}}: partials include each other many times over",
                 "a partial that includes another ten times, which includes "
                 "another ten times, renders 10, 100, 1,000... copies: "
                 "include partials once each, or inside a section over the "
                 "data, as in {{#rows}}{{> row}}{{/rows}}");
            return;
          }
          if (!Deeper(node, in)) return;
          ++partial_depth_;
          Nodes(node.partial->nodes, *node.partial);
          --partial_depth_;
          --depth_;
          break;
      }
    }
  }

  // A string variable's text, escaped. What the string holds is noted in
  // it: a shared one is scanned only the first time.
  void WriteEscaped(const TemplateData& value, std::string_view text) {
    using Escapes = TemplateData::Escapes;
    const Escapes known = value.html_escapes();
    if (known == Escapes::none) {
      out_.Append(text);
      return;
    }
    const bool replaced = EscapeHtml(text, &out_);
    if (known == Escapes::unknown) {
      value.note_html_escapes(replaced ? Escapes::some : Escapes::none);
    }
  }

  // The deferred value's text, as a variable's would be written.
  void WriteDeferred(bool escaped) {
    const size_t start = out_.size();
    if (escaped) {
      std::string text;
      deferred_->write(&text);
      EscapeHtml(text, &out_);
    } else {
      // The deferred text is rendered by a renderer of its own, into the
      // same string.
      out_.Close();
      deferred_->write(&text_);
      out_.Open();
    }
    if (line_blank_) line_blank_ = IsBlank(out_.Since(start));
  }

  // A section's children once, with `value` (if any) innermost; the lines
  // its tags stand on count as section lines, as kainjow counts them.
  void Section(const Node& node, const TemplateData* value,
               const Template& in) {
    if (!Deeper(node, in)) return;
    section_line_ = true;
    if (value != nullptr) stack_.push_back(value);
    Nodes(node.children, in);
    if (value != nullptr) stack_.pop_back();
    section_line_ = true;
    --depth_;
  }

  // Steps into `node` (a section or partial), unless that nests too deep
  // or the page has grown too large, which fail the render: both are
  // checked where a render recurses, and a page grows past what its
  // template text and data hold only by repeating them there.
  bool Deeper(const Node& node, const Template& in) {
    if (depth_ >= kMaxRenderDepth) {
      Fail(node, in,
           "sections and partials nested more than " +
               std::to_string(kMaxRenderDepth) + " deep while rendering",
           "partials that each nest sections add up: nest fewer, or "
           "include a partial in itself only inside a section that runs out");
      return false;
    }
    if (out_.size() > kMaxRenderedBytes) {
      Fail(node, in,
           "the page is larger than " +
               std::to_string(kMaxRenderedBytes >> 20) +
               " MiB: sections or partials repeat their contents many times "
               "over",
           "sections over a list, nested, repeat what they hold once per "
           "item at every level: nest a list's section inside itself only "
           "over data that runs out");
      return false;
    }
    ++depth_;
    return true;
  }

  // kainjow's lookup, as Scrutineer's own context did it: "." is the
  // innermost value; otherwise the first value, innermost first, in which
  // the whole path resolves.
  const TemplateData* Lookup(const Node& node) const {
    if (node.implicit) return stack_.back();
    const std::vector<std::string>& path = node.path;
    const std::vector<uint64_t>& bits = node.path_bits;
    if (path.size() == 1) {
      const std::string& name = path[0];
      const uint64_t bit = bits[0];
      for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
        if (const TemplateData* value = (*it)->get(name, bit)) return value;
      }
      return nullptr;
    }
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
      const TemplateData* value = *it;
      for (size_t i = 0; i < path.size(); ++i) {
        value = value->get(path[i], bits[i]);
        if (value == nullptr) break;
      }
      if (value != nullptr) return value;
    }
    return nullptr;
  }

  void Fail(const Node& node, const Template& in, std::string message,
            std::string hint) {
    failed_ = true;
    if (error_ == nullptr) return;
    error_->where = &in;
    error_->offset = node.offset;
    error_->message = std::move(message);
    error_->hint = std::move(hint);
  }

  std::string& text_;  // what out_ writes into
  Output out_;
  RenderError* error_;
  const Deferred* deferred_;
  std::vector<const TemplateData*> stack_;  // innermost last
  size_t line_start_;          // where the current line starts in out_
  bool line_blank_ = true;     // the line so far is spaces and tabs only
  bool section_line_ = false;  // a section tag was rendered on the line
  int partial_depth_ = 0;
  int depth_ = 0;  // sections and partials, as Deeper counts them
  size_t partials_rendered_ = 0;
  bool failed_ = false;
};

bool EscapeHtml(std::string_view text, Output* out) {
  // Which bytes are replaced: a table rather than a switch per byte.
  static constexpr struct Table {
    bool special[256] = {};
    constexpr Table() {
      special[static_cast<unsigned char>('&')] = true;
      special[static_cast<unsigned char>('<')] = true;
      special[static_cast<unsigned char>('>')] = true;
      special[static_cast<unsigned char>('"')] = true;
      special[static_cast<unsigned char>('\'')] = true;
    }
  } kTable;
  const char* run = text.data();
  const char* end = run + text.size();
  for (const char* at = run; at != end; ++at) {
#if defined(__SSE2__)
    // Sixteen bytes at a time up to the next byte to replace: every
    // variable on every page is escaped, most with nothing to replace. The
    // last block of a value (of 16 bytes or more) ends at its end,
    // overlapping the one before; the bytes already looked at are masked
    // off.
    while (at != end && text.size() >= 16) {
      const size_t left = static_cast<size_t>(end - at);
      const char* block = left >= 16 ? at : end - 16;
      unsigned mask =
          simd::EqualMask<'&', '<', '>', '"', '\''>(simd::Load16(block));
      if (left < 16) mask >>= 16 - left;  // bit 0: `at`
      if (mask != 0) {
        at += __builtin_ctz(mask);
        break;
      }
      at = left >= 16 ? at + 16 : end;
    }
    if (at == end) break;
#endif
    if (!kTable.special[static_cast<unsigned char>(*at)]) continue;
    out->Append(std::string_view(run, at - run));
    switch (*at) {
      case '&':
        out->Append(std::string_view("&amp;", 5));
        break;
      case '<':
        out->Append(std::string_view("&lt;", 4));
        break;
      case '>':
        out->Append(std::string_view("&gt;", 4));
        break;
      case '"':
        out->Append(std::string_view("&quot;", 6));
        break;
      default:
        out->Append(std::string_view("&apos;", 6));
        break;
    }
    run = at + 1;
  }
  out->Append(std::string_view(run, end - run));
  return run != text.data();
}

}  // namespace

bool Render(const Template& page, const TemplateData& data, std::string* out,
            RenderError* error, const Deferred* deferred) {
  Renderer renderer(out, error, deferred);
  return renderer.Run(page, data);
}

void AppendEscapedHtml(std::string_view text, std::string* out) {
  Output output(out);
  EscapeHtml(text, &output);
}

}  // namespace mustache
}  // namespace scrutineer
