// Simple Markdown: the few constructs most scrutiny texts are written in,
// rendered without cmark-gfm, byte for byte as RenderMarkdown renders them
// through it. A build renders tens of thousands of texts, and parsing each
// with cmark-gfm was a quarter of its work; most are paragraphs and lists of
// prose with some emphasis and short links.
#ifndef SCRUTINEER_RENDER_SIMPLE_MARKDOWN_H_
#define SCRUTINEER_RENDER_SIMPLE_MARKDOWN_H_

#include <optional>
#include <string>
#include <string_view>

#include "render/markdown.h"

namespace scrutineer {

/// The HTML RenderMarkdown gives `markdown` when the text is simple
/// Markdown; nullopt for any other text, which then goes to cmark-gfm.
/// Simple Markdown is blocks separated by blank lines, each one of:
///  - a paragraph: lines that each start with a letter, a digit (not as an
///    ordered list item), a quote, a bracket or emphasis, and none ending
///    in a space;
///  - a list of one-line items, each line "- " and such a line, with no
///    blank line inside it and no list right after it;
///  - a heading: one line, one to six '#' and a space before such a line;
///  - a table: rows that start and end with '|', a header, a delimiter row
///    ("| --- | ---: |") and body rows, all with as many cells.
/// Inside, the lines and cells hold letters, digits, spaces, punctuation
/// that Markdown gives no meaning to, '&' before a space,
/// `*emphasis*` and `**strong emphasis**` within one line (opened after a
/// space, a bracket or a quote, before a letter or digit; closed after a
/// letter, digit or punctuation, before the line's end, a space or
/// punctuation), and short links `[words](@id)` of plain words, resolved
/// as RewriteLink resolves them, whose address cmark-gfm would write as it
/// is. Nothing else: no '_', other '&', '<', '`', '~', '\\', tabs, nothing
/// the autolink extension would link ("www.", "://", '@' outside a short
/// link), no invalid UTF-8.
std::optional<std::string> RenderSimpleMarkdown(std::string_view markdown,
                                                const MarkdownOptions& options,
                                                const LinkResolver& resolve);

}  // namespace scrutineer

#endif  // SCRUTINEER_RENDER_SIMPLE_MARKDOWN_H_
