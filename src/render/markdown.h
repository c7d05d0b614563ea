// The one Markdown adapter: Markdown text in, safe HTML out, through cmark-gfm
// with the GFM extensions enabled in one place (table, strikethrough,
// autolink, tagfilter).
#ifndef SCRUTINEER_RENDER_MARKDOWN_H_
#define SCRUTINEER_RENDER_MARKDOWN_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>

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
/// UTF-8 is replaced with U+FFFD. Safe to call from several threads at once.
/// Never throws.
std::string RenderMarkdown(std::string_view markdown,
                           const MarkdownOptions& options,
                           const LinkResolver& resolve);

/// Renders Markdown that is expected to be a single paragraph (a title, a
/// short cell) without the surrounding <p>...</p>. Anything else (a heading,
/// a list, two paragraphs) is returned as RenderMarkdown renders it.
std::string RenderInlineMarkdown(std::string_view markdown,
                                 const MarkdownOptions& options,
                                 const LinkResolver& resolve);

}  // namespace scrutineer

#endif  // SCRUTINEER_RENDER_MARKDOWN_H_
