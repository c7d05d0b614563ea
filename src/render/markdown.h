// The one Markdown adapter: Markdown text in, safe HTML out, through cmark-gfm
// with the GFM extensions enabled in one place (table, strikethrough,
// autolink, tagfilter).
#ifndef SCRUTINEER_RENDER_MARKDOWN_H_
#define SCRUTINEER_RENDER_MARKDOWN_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "diag/diagnostics.h"

namespace scrutineer {

/// What a short link `[words](@id)` resolves to.
struct ResolvedLink {
  std::string url;    // already relative to the page or prefixed: used as is
  std::string title;  // the record's title, used when the link has no text
};

/// Resolves the id of a short link (without the '@', whitespace trimmed);
/// nullopt when unknown. The link stage has already reported unknown ids; the
/// adapter then renders the link text without a link. An empty resolver
/// resolves nothing. Called on the rendering thread; must not throw.
using LinkResolver =
    std::function<std::optional<ResolvedLink>(std::string_view id)>;

struct MarkdownOptions {
  /// Added to every heading level (a "# x" becomes <h{1+offset}>), capped at
  /// 6 (and at 1 for a negative offset), so that Markdown headings nest under
  /// the page's own headings.
  int heading_offset = 1;
  /// Pass raw HTML through (GFM's tagfilter still disarms <script> and the
  /// like). Off by default: raw HTML blocks and inline tags are removed
  /// without a trace, and a paragraph left empty goes with them.
  bool allow_raw_html = false;
};

/// Renders `markdown` to HTML. Links whose destination starts with '@' are
/// resolved through `resolve`; a resolved link without text gets the title
/// (or the id when the title is empty). Links and images with any scheme
/// other than http, https and mailto (or a relative URL) lose their
/// destination and keep their text (an image becomes its alt text). Invalid
/// UTF-8 is replaced with U+FFFD. Text over the limits of CheckMarkdownLimits
/// is not parsed: it is shown as preformatted text (the load stage has
/// reported it already). Safe to call from several threads at once. Never
/// throws.
std::string RenderMarkdown(std::string_view markdown,
                           const MarkdownOptions& options,
                           const LinkResolver& resolve);

/// RenderMarkdown without its fast path: every text through cmark-gfm. For
/// the tests that hold RenderSimpleMarkdown to cmark-gfm's rendering.
std::string RenderMarkdownThroughCmark(std::string_view markdown,
                                       const MarkdownOptions& options,
                                       const LinkResolver& resolve);

/// Whether Markdown is now parsed on several threads at once, rather than
/// one parse at a time (markdown.cpp, step 1). True after the first parse
/// unless cmark-gfm binds its own calls.
bool MarkdownParsesInParallel();

/// Keeps the work of rendering one record file's Markdown bounded.
/// cmark-gfm 0.29.0.gfm.6 predates upstream's 2023 fixes for inputs that
/// take polynomial time or blow up in size (deep nesting with lazy lines,
/// wide tables padded row by row, many images around links, long runs of
/// '@'), so each text is checked before it is parsed: its size, the nesting
/// of quotes and lists, table columns and cells, image openers, and, over all
/// the texts of one file, table cells and '@' signs in long words. The limits
/// and the measurements behind them are in docs/security.md.
class MarkdownLimits {
 public:
  /// With `check_content`, a text within the limits is also checked for
  /// what would make its page inaccessible (CheckImagesAndLinksHaveText): the
  /// load stage checks each text this way once. The renderer, re-checking
  /// only that a text is safe to parse, passes false.
  explicit MarkdownLimits(bool check_content = true)
      : report_content_(check_content) {}

  /// Checks `markdown`, found at `where` (the start of the text), against the
  /// limits for one text and, together with every text this object checked
  /// before, for one file. Reports the first limit exceeded at `where`, or at
  /// the exact line when `lines_match_file` says that line k of the text is
  /// line where.line + k - 1 of the file (a Markdown body), and returns
  /// false: the caller must then not render the text.
  bool Check(std::string_view markdown, const SourceLocation& where,
             bool lines_match_file, Diagnostics& diagnostics);

 private:
  bool report_content_;
  size_t table_cells_ = 0;
  size_t address_work_ = 0;
  bool budget_reported_ = false;
};

/// Reports every image in `markdown` without a description ("![](x.png)"),
/// and every link without text ("[](https://...)", but not "[](@id)", which
/// shows the record's title): screen readers would say only "image" or
/// "link" (WCAG 1.1.1, 2.4.4). Positions are as in MarkdownLimits::Check.
/// Call only on text within the limits.
void CheckImagesAndLinksHaveText(std::string_view markdown,
                                 const SourceLocation& where,
                                 bool lines_match_file,
                                 Diagnostics& diagnostics);

/// Checks one text on its own against MarkdownLimits (see there).
bool CheckMarkdownLimits(std::string_view markdown, const SourceLocation& where,
                         Diagnostics& diagnostics);

/// True when a link or image destination, or a URL field, is safe to put in
/// an href or src: http, https, mailto, or no scheme (a relative URL, a
/// fragment). Reads the scheme the way a browser does (controls and spaces
/// before it skipped, tabs and line breaks inside it ignored), so
/// " java\tscript:" is unsafe.
bool IsSafeUrl(std::string_view url);

/// Renders Markdown that is expected to be a single paragraph (a title, a
/// short cell) without the surrounding <p>...</p>. Anything else (a heading,
/// a list, two paragraphs) is returned as RenderMarkdown renders it.
std::string RenderInlineMarkdown(std::string_view markdown,
                                 const MarkdownOptions& options,
                                 const LinkResolver& resolve);

}  // namespace scrutineer

#endif  // SCRUTINEER_RENDER_MARKDOWN_H_
