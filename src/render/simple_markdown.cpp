// Simple Markdown without cmark-gfm (see simple_markdown.h for what counts).
//
// Each rule below turns away whatever cmark-gfm could read another way, so
// that a text is either rendered here exactly as cmark-gfm (with the GFM
// extensions and markdown.cpp's rewrites) renders it, or not at all:
//  - A block starts after a blank line or at the start. A paragraph line
//    never starts as a block could (a list item, a heading, a quote, code,
//    a rule, a setext underline), so no line interrupts a paragraph or
//    continues a list item lazily. A list is followed by a blank line and
//    then no list: "- a\n\n- b" is one loose list.
//  - Emphasis follows CommonMark's delimiter runs: an opening run of one or
//    two '*' stands after the line's start, a space or an opening bracket
//    or quote, and before a letter or digit, so it is left-flanking and not
//    right-flanking; a closing run stands after a letter or digit (or after
//    punctuation, then before a space or the line's end) and before a space,
//    punctuation or the line's end, so it is right-flanking and not
//    left-flanking. Runs alternate, opening and closing, each closing run as
//    long as the one it closes, all within one line: cmark-gfm's delimiter
//    stack then pairs each with its neighbour, as here.
//  - A short link is '[', words, "](@", an id of letters, digits and
//    "-_./", and ')', not after '!' (an image). The link is rewritten as
//    RewriteLink does; its address is used only when cmark-gfm would write
//    it as it is.
#include "render/simple_markdown.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "util/simd.h"
#include "util/utf8.h"

namespace scrutineer {
namespace {

constexpr bool IsAsciiLetter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
constexpr bool IsAsciiAlnum(char c) {
  return IsAsciiLetter(c) || IsAsciiDigit(c);
}

// What each byte may be in simple Markdown.
enum CharacterClass : uint8_t {
  kOther = 0,  // sends the text to cmark-gfm
  kProse,      // means nothing to Markdown here: letters, digits, spaces,
               // punctuation without a meaning, UTF-8 beyond ASCII
  kSyntax,  // '*', '[', ']', '@', '#', '|', '&', '\n': read by the rules above
};

struct CharacterClasses {
  CharacterClass of[256] = {};
  constexpr CharacterClasses() {
    for (int c = 0; c < 256; ++c) {
      if (IsAsciiAlnum(static_cast<char>(c)) || c >= 0x80) of[c] = kProse;
    }
    for (char c : std::string_view(" ,.;:'\"()?/%!-+=$")) {
      of[static_cast<unsigned char>(c)] = kProse;
    }
    for (char c : std::string_view("*[]@#|&\n")) {
      of[static_cast<unsigned char>(c)] = kSyntax;
    }
  }
};
constexpr CharacterClasses kClasses;

bool IsProse(char c) {
  return kClasses.of[static_cast<unsigned char>(c)] == kProse;
}

// An ASCII letter, digit or space: most of any text, and all three mean
// nothing to Markdown wherever they stand (after the start of a line).
bool IsPlain(char c) { return IsAsciiAlnum(c) || c == ' '; }

// The first index at or after `i` whose byte is not plain (IsPlain), or
// text.size(): sixteen bytes at a time where SSE2 is there.
size_t SkipPlain(std::string_view text, size_t i) {
#if defined(__SSE2__)
  for (; i + 16 <= text.size(); i += 16) {
    const __m128i bytes = simd::Load16(text.data() + i);
    // Bytes of 0x80 and above are negative here, and fall in no range.
    const __m128i folded = _mm_or_si128(bytes, _mm_set1_epi8(0x20));
    const __m128i letter =
        _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8('a' - 1)),
                      _mm_cmplt_epi8(folded, _mm_set1_epi8('z' + 1)));
    const __m128i digit =
        _mm_and_si128(_mm_cmpgt_epi8(bytes, _mm_set1_epi8('0' - 1)),
                      _mm_cmplt_epi8(bytes, _mm_set1_epi8('9' + 1)));
    const __m128i space = _mm_cmpeq_epi8(bytes, _mm_set1_epi8(' '));
    const unsigned plain = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(letter, digit), space)));
    if (plain != 0xFFFF) return i + static_cast<size_t>(__builtin_ctz(~plain));
  }
#endif
  while (i < text.size() && IsPlain(text[i])) ++i;
  return i;
}

// ASCII punctuation, as CommonMark's flanking rules count it.
bool IsAsciiPunctuation(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
         (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

// Whether `line` may start a paragraph line, or a list item's text, as it
// is: a letter, a quote or an opening bracket, digits that do not make an
// ordered list item ("2019." and "3)" do), or emphasis before a letter or
// digit ("* x" is a list item, "***" a rule). The inline rules check a '['
// further.
bool IsTextLineStart(std::string_view line) {
  const char first = line.front();
  if (IsAsciiDigit(first)) {
    size_t digits = 0;
    while (digits < line.size() && IsAsciiDigit(line[digits])) ++digits;
    return digits == line.size() ||
           (line[digits] != '.' && line[digits] != ')');
  }
  if (first == '*') {
    const size_t run = line.size() > 1 && line[1] == '*' ? 2 : 1;
    return run < line.size() && IsAsciiAlnum(line[run]);
  }
  return IsAsciiLetter(first) || first == '(' || first == '"' ||
         first == '\'' || first == '[' ||
         static_cast<unsigned char>(first) >= 0x80;
}

// Appends `text` as cmark-gfm's HTML renderer writes a text node
// (houdini_escape_html0, not secure).
void AppendEscapedText(std::string_view text, std::string* html) {
  for (char c : text) {
    switch (c) {
      case '"':
        *html += "&quot;";
        break;
      case '&':
        *html += "&amp;";
        break;
      case '<':
        *html += "&lt;";
        break;
      case '>':
        *html += "&gt;";
        break;
      default:
        *html += c;
    }
  }
}

// Whether cmark-gfm writes `url` into an href as it is: characters that
// houdini_escape_href leaves alone, and a scheme, if any, that it does not
// take for a dangerous one and leave out ("file:", "data:").
bool IsPlainHref(std::string_view url) {
  bool web = false;  // after "https://" a ':' is a port's
  for (std::string_view scheme : {"https://", "http://"}) {
    if (url.substr(0, scheme.size()) == scheme) {
      url.remove_prefix(scheme.size());
      web = true;
      break;
    }
  }
  return std::all_of(url.begin(), url.end(), [web](char c) {
    return IsAsciiAlnum(c) || c == '-' || c == '_' || c == '.' || c == '/' ||
           c == '#' || (web && c == ':');
  });
}

bool IsIdCharacter(char c) {
  return IsAsciiAlnum(c) || c == '-' || c == '_' || c == '.' || c == '/';
}

class LineRenderer {
 public:
  LineRenderer(const LinkResolver& resolve, std::string* html)
      : resolve_(resolve), html_(html) {}

  // Appends the inlines of one line; false when it holds anything that is
  // not simple Markdown.
  bool Inlines(std::string_view line) {
    size_t open = 0;  // the length of the open emphasis run, or 0
    size_t i = 0;
    while (i < line.size()) {
      const char c = line[i];
      if (c == '"') {
        *html_ += "&quot;";
        ++i;
      } else if (IsProse(c)) {
        size_t run = i + 1;
        while ((run = SkipPlain(line, run)) < line.size() &&
               IsProse(line[run]) && line[run] != '"') {
          ++run;
        }
        html_->append(line, i, run - i);
        i = run;
      } else if (c == '*') {
        size_t run = 1;
        while (i + run < line.size() && line[i + run] == '*') ++run;
        if (run > 2) return false;
        const char before = i == 0 ? ' ' : line[i - 1];
        const char after = i + run < line.size() ? line[i + run] : ' ';
        if (open == 0) {
          if (!(before == ' ' || before == '(' || before == '"') ||
              !IsAsciiAlnum(after)) {
            return false;
          }
          *html_ += run == 1 ? "<em>" : "<strong>";
          open = run;
        } else {
          const bool closes =
              run == open && (IsAsciiAlnum(before)
                                  ? (after == ' ' || IsAsciiPunctuation(after))
                                  : (IsAsciiPunctuation(before) &&
                                     before != '*' && after == ' '));
          if (!closes) return false;
          *html_ += run == 1 ? "</em>" : "</strong>";
          open = 0;
        }
        i += run;
      } else if (c == '&' && (i + 1 == line.size() || line[i + 1] == ' ')) {
        // Before a space, '&' starts no character reference.
        *html_ += "&amp;";
        ++i;
      } else if (c == '[') {
        if (i > 0 && line[i - 1] == '!') return false;
        const size_t used = Link(line.substr(i));
        if (used == 0) return false;
        i += used;
      } else {
        return false;
      }
    }
    return open == 0;
  }

 private:
  // Appends the short link at the start of `text` ("[words](@id)"), as
  // RewriteLink leaves it, and returns its length; 0 when `text` does not
  // start with one that is simple.
  size_t Link(std::string_view text) {
    size_t close = 1;
    while (close < text.size() && IsProse(text[close])) ++close;
    if (text.compare(close, 3, "](@") != 0) return 0;
    const size_t id_start = close + 3;
    size_t id_end = id_start;
    while (id_end < text.size() && IsIdCharacter(text[id_end])) ++id_end;
    if (id_end == id_start || id_end == text.size() || text[id_end] != ')') {
      return 0;
    }
    const std::string_view words = text.substr(1, close - 1);
    const std::string_view id = text.substr(id_start, id_end - id_start);
    std::optional<ResolvedLink> target;
    if (resolve_) target = resolve_(id);
    if (target && !IsPlainHref(target->url)) return 0;
    if (target) {
      *html_ += "<a href=\"";
      *html_ += target->url;
      *html_ += "\">";
    }
    if (!words.empty()) {
      AppendEscapedText(words, html_);
    } else if (target) {
      // An empty link gets the record's title, or its id (RewriteLink).
      AppendEscapedText(target->title.empty() ? id : target->title, html_);
    }
    if (target) *html_ += "</a>";
    return id_end + 1;
  }

  const LinkResolver& resolve_;
  std::string* html_;
};

// The cells of a table row ("| a | b |"): the text between its pipes,
// without the spaces around it. False when `row` does not start and end
// with a pipe.
bool SplitRow(std::string_view row, std::vector<std::string_view>* cells) {
  if (row.size() < 2 || row.front() != '|' || row.back() != '|') return false;
  cells->clear();
  for (size_t start = 1; start < row.size();) {
    const size_t bar = row.find('|', start);
    std::string_view cell = row.substr(start, bar - start);
    while (!cell.empty() && cell.front() == ' ') cell.remove_prefix(1);
    while (!cell.empty() && cell.back() == ' ') cell.remove_suffix(1);
    cells->push_back(cell);
    start = bar + 1;
  }
  return true;
}

// The attribute cmark-gfm gives a column's cells for the delimiter row's
// cell `cell` (":---", "---:", ":---:", "---"), with
// CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES; nullopt when `cell` is not one.
std::optional<std::string_view> ColumnAlignment(std::string_view cell) {
  const bool left = !cell.empty() && cell.front() == ':';
  const bool right = cell.size() > 1 && cell.back() == ':';
  const std::string_view dashes =
      cell.substr(left ? 1 : 0, cell.size() - (left ? 1 : 0) - (right ? 1 : 0));
  if (dashes.empty() ||
      dashes.find_first_not_of('-') != std::string_view::npos) {
    return std::nullopt;
  }
  if (left && right) return " style=\"text-align: center\"";
  if (left) return " style=\"text-align: left\"";
  if (right) return " style=\"text-align: right\"";
  return "";
}

enum class Block { kNone, kParagraph, kList, kHeading, kTable };

}  // namespace

std::optional<std::string> RenderSimpleMarkdown(std::string_view markdown,
                                                const MarkdownOptions& options,
                                                const LinkResolver& resolve) {
  size_t end = markdown.size();
  while (end > 0 && markdown[end - 1] == '\n') --end;
  const std::string_view text = markdown.substr(0, end);
  if (text.empty()) return std::nullopt;
  bool ascii = true;
  for (size_t i = SkipPlain(text, 0); i < text.size();
       i = SkipPlain(text, i + 1)) {
    const unsigned char byte = static_cast<unsigned char>(text[i]);
    if (kClasses.of[byte] == kOther) return std::nullopt;
    ascii &= byte < 0x80;
    // What the autolink extension would link: "www." and "://".
    if ((byte == '.' && i >= 3 &&
         (text.compare(i - 3, 3, "www") == 0 ||
          text.compare(i - 3, 3, "WWW") == 0)) ||
        (byte == ':' && text.compare(i + 1, 2, "//") == 0)) {
      return std::nullopt;
    }
  }
  if (!ascii && !IsValidUtf8(text)) return std::nullopt;

  std::string html;
  html.reserve(text.size() + text.size() / 4 + 16);
  LineRenderer inlines(resolve, &html);
  Block last = Block::kNone;  // the block before, or the one still open
  bool open = false;          // whether `last` is still open (no blank line)
  std::vector<std::string_view> cells;
  std::vector<std::string_view> alignments;  // of a table's columns
  bool table_has_body = false;
  const auto close = [&] {
    if (open && last == Block::kParagraph) html += "</p>\n";
    if (open && last == Block::kList) html += "</ul>\n";
    if (open && last == Block::kTable) {
      html += table_has_body ? "</tbody>\n</table>\n" : "</table>\n";
    }
    open = false;
  };
  // A table row's cells, each as `tag` with its column's alignment.
  const auto row = [&](const char* tag) {
    html += "<tr>\n";
    for (size_t i = 0; i < cells.size(); ++i) {
      html += '<';
      html += tag;
      html += alignments[i];
      html += '>';
      if (!inlines.Inlines(cells[i])) return false;
      html += "</";
      html += tag;
      html += ">\n";
    }
    html += "</tr>\n";
    return true;
  };
  for (size_t start = 0; start <= text.size();) {
    size_t line_end = text.find('\n', start);
    if (line_end == std::string_view::npos) line_end = text.size();
    const std::string_view line = text.substr(start, line_end - start);
    start = line_end + 1;
    if (line.empty()) {
      close();
      continue;
    }
    if (line.back() == ' ') return std::nullopt;
    if (line.front() == '#') {
      if (open) return std::nullopt;
      size_t level = 0;
      while (level < line.size() && line[level] == '#') ++level;
      if (level > 6 || level + 1 >= line.size() || line[level] != ' ') {
        return std::nullopt;
      }
      const std::string_view words = line.substr(level + 1);
      if (words.front() == ' ' || words.find('#') != std::string_view::npos) {
        return std::nullopt;
      }
      const char digit = static_cast<char>(
          '0' + std::clamp(static_cast<long>(level) + options.heading_offset,
                           1L, 6L));
      html += "<h";
      html += digit;
      html += '>';
      if (!inlines.Inlines(words)) return std::nullopt;
      html += "</h";
      html += digit;
      html += ">\n";
      last = Block::kHeading;
      open = true;
    } else if (line.front() == '|') {
      // A table: a header row, a delimiter row, then body rows, each with
      // as many cells as the header.
      if (!SplitRow(line, &cells)) return std::nullopt;
      if (open) {
        if (last != Block::kTable || cells.size() != alignments.size()) {
          return std::nullopt;
        }
        if (!table_has_body) html += "<tbody>\n";
        table_has_body = true;
        if (!row("td")) return std::nullopt;
        continue;
      }
      std::vector<std::string_view> delimiters;
      line_end = text.find('\n', start);
      if (line_end == std::string_view::npos) line_end = text.size();
      if (start > text.size() ||
          !SplitRow(text.substr(start, line_end - start), &delimiters) ||
          delimiters.size() != cells.size()) {
        return std::nullopt;
      }
      start = line_end + 1;
      alignments.clear();
      for (std::string_view delimiter : delimiters) {
        const std::optional<std::string_view> alignment =
            ColumnAlignment(delimiter);
        if (!alignment) return std::nullopt;
        alignments.push_back(*alignment);
      }
      html += "<table>\n<thead>\n";
      if (!row("th")) return std::nullopt;
      html += "</thead>\n";
      table_has_body = false;
      last = Block::kTable;
      open = true;
    } else if (line.size() > 2 && line[0] == '-' && line[1] == ' ') {
      if (open ? last != Block::kList : last == Block::kList) {
        return std::nullopt;
      }
      const std::string_view words = line.substr(2);
      if (!IsTextLineStart(words)) return std::nullopt;
      if (!open) html += "<ul>\n";
      html += "<li>";
      if (!inlines.Inlines(words)) return std::nullopt;
      html += "</li>\n";
      last = Block::kList;
      open = true;
    } else {
      if (!IsTextLineStart(line)) return std::nullopt;
      if (open && last != Block::kParagraph) return std::nullopt;
      html += open ? "\n" : "<p>";
      if (!inlines.Inlines(line)) return std::nullopt;
      last = Block::kParagraph;
      open = true;
    }
  }
  close();
  return html;
}

}  // namespace scrutineer
