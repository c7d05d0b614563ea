// Scrutineer's Mustache engine: templates parsed once into a tree of nodes,
// and rendered from that tree with TemplateData. TemplateSet (templates.h)
// loads the site's templates with it; nothing else needs this header.
//
// It renders exactly what kainjow mustache 4.1 (the engine it replaced)
// renders for the tags it supports, byte for byte, including kainjow's own
// take on the spec's standalone lines: output is kept a line at a time, and
// a line in which a section was rendered (or an inverted section was, or a
// list section had an item) and which holds nothing but spaces and tabs is
// dropped with its newline. A section that is skipped does not make its line
// standalone, and neither does a comment or a partial tag: such a line keeps
// its newline. Supported: {{name}} (escaped for HTML), {{{name}}} and
// {{& name}} (raw), {{#name}}...{{/name}}, {{^name}}...{{/name}},
// {{! comment}}, {{> partial}}, {{.}}, dotted names and {{=<% %>=}}.
// Not supported: kainjow's lambdas and partials given in the data.
#ifndef SCRUTINEER_RENDER_MUSTACHE_H_
#define SCRUTINEER_RENDER_MUSTACHE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "render/template_data.h"

namespace scrutineer {
namespace mustache {

struct Template;

struct Node {
  enum class Kind : uint8_t {
    kText,         // text with no line end in it
    kNewline,      // "\n", "\r\n" or "\r"
    kLines,        // text and line ends that no section can drop (below)
    kVariable,     // {{name}}: HTML-escaped
    kRawVariable,  // {{{name}}}, {{& name}}
    kSection,      // {{#name}}children{{/name}}
    kInverted,     // {{^name}}children{{/name}}
    kPartial,      // {{> name}}
  };
  Kind kind = Kind::kText;
  bool implicit = false;  // {{.}}: the innermost value
  bool blank = false;     // kText (kLines: its tail) made of spaces and tabs
  size_t tail = 0;        // kLines: the bytes after its last line end
  size_t offset = 0;      // where the tag starts in its template's text
  // The text of kText, kNewline and kLines; a tag's name.
  std::string text;
  // The name split at '.' as kainjow splits it (std::getline: "a." is
  // {"a"}, ".a" is {"", "a"}); one segment for a name without a dot.
  std::vector<std::string> path;
  std::vector<uint64_t> path_bits;    // TemplateData::KeyBit of each segment
  std::vector<Node> children;         // of sections
  const Template* partial = nullptr;  // resolved by the caller after parsing
};

/// A parsed template file.
struct Template {
  std::string name;       // "page", or "partials/link"
  std::string_view path;  // of the file, for diagnostics: owned by the caller
  std::shared_ptr<const std::string> source;
  std::vector<Node> nodes;
};

/// The deepest that sections may nest in one template. Far deeper than any
/// real template; it bounds the renderer's recursion.
constexpr size_t kMaxSectionDepth = 100;
/// The deepest that partials may nest while rendering: a partial that uses
/// itself must stop within this many levels.
constexpr int kMaxPartialDepth = 64;
/// The most partials one Render may render. Partials that each include the
/// next ten times render 10^depth copies with no data at all ("billion
/// laughs"); a real page renders a few per row of data: the index of
/// 100,000 recommendations, the largest page there is, about 500,000.
constexpr size_t kMaxPartialsPerRender = 10'000'000;
/// The deepest that sections and partials may nest together while
/// rendering. Each template keeps within kMaxSectionDepth and partials
/// within kMaxPartialDepth, but 64 partials of 99 nested sections each
/// nest 6,400 deep: the renderer recursed until the stack ran out. Real
/// templates nest a dozen levels; a partial that renders a tree
/// ({{#children}}{{> node}}{{/children}}) takes two per level.
constexpr int kMaxRenderDepth = 256;
/// The most bytes one Render may write. Sections over a list, nested,
/// multiply what they hold with no partial at all: seven levels over an
/// eight-item list wrote 636 MB from a one-record site. The largest real
/// page, the tracker of 100,000 recommendations, is about 70 MB.
constexpr size_t kMaxRenderedBytes = size_t{256} << 20;

/// The most errors Parse reports for one template: a hostile template could
/// otherwise make one for every few bytes of its text.
constexpr size_t kMaxParseErrors = 100;

struct ParseError {
  size_t offset = 0;  // of the offending tag
  int line = 0;       // of `offset`, as LineAndColumn gives it
  int column = 0;
  std::string message;
  std::string hint;
};

/// Parses `text` into `nodes` (partials left unresolved). Returns true when
/// the text has no error, which is exactly when kainjow accepts it.
/// Otherwise returns false and sets *errors to every error found, in source
/// order, each at its own tag: each close tag that closes no section or
/// another section than the innermost, and each section never closed. An
/// error that leaves the rest of the text unreadable (an unclosed tag, a bad
/// delimiter change, sections nested too deep) ends the parse: it is the
/// last error, and sections still open then are not reported. So does the
/// error after kMaxParseErrors, which says that there are more.
bool Parse(const std::string& text, std::vector<Node>* nodes,
           std::vector<ParseError>* errors);

struct RenderError {
  const Template* where = nullptr;  // the template holding the tag
  size_t offset = 0;
  std::string message;
  std::string hint;
};

/// A string value of the data whose text is made only where a template
/// writes it, straight into the output: a layout's page content, which
/// would otherwise be rendered into a string of its own and then copied.
/// `value` is the string in the data that stands for it (any string with a
/// node of its own: a tag that writes a value sharing that node writes
/// `write`'s text instead). Everything else (sections, lookups) sees
/// `value` as the string it is, which any text would be to them.
struct Deferred {
  const TemplateData* value = nullptr;
  std::function<void(std::string* out)> write;
};

/// Appends `page` rendered with `data` to *out. Returns false, having
/// rendered what came before, at the first error (partials nested too deep).
/// Keeps no state between calls: any number of threads may render at once.
bool Render(const Template& page, const TemplateData& data, std::string* out,
            RenderError* error, const Deferred* deferred = nullptr);

/// Appends `text` with & < > " ' replaced by their HTML entities, as
/// kainjow's html_escape does.
void AppendEscapedHtml(std::string_view text, std::string* out);

/// The 1-based line and column (in bytes) of `offset` in `text`.
void LineAndColumn(std::string_view text, size_t offset, int* line,
                   int* column);

}  // namespace mustache
}  // namespace scrutineer

#endif  // SCRUTINEER_RENDER_MUSTACHE_H_
