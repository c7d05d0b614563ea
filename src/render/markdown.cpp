// How RenderMarkdown turns untrusted Markdown into safe HTML:
//
//  1. ParseMarkdown runs cmark-gfm with the GFM extensions attached.
//     cmark-gfm 0.29.0.gfm.6 adds each extension's special characters ('~'
//     for strikethrough, ...) to a global table at the start of inline
//     parsing and removes them at the end, so two parsers running at once
//     race and can lose each other's strikethrough or autolinks
//     (github/cmark-gfm#176, unfixed in this version). The library makes
//     both changes through its exported
//     cmark_manage_extensions_special_characters, which this file defines
//     again: it adds the characters once and never removes them. Every
//     parser here attaches the same extensions, so the table is then what
//     it would be during any parse, and parsers can run at once. Until a
//     first parse has shown that the library calls our definition (it
//     would not if it were linked to bind its own calls), parsing holds a
//     process-wide lock. Rewriting and rendering touch no shared state.
//  2. CollectRewrites walks the tree once and lists the nodes to change in
//     post-order, so each node comes after its descendants and a rewrite
//     never touches a node that an earlier rewrite freed. Images with an
//     unsafe source are listed on entry and their subtree is skipped: the
//     whole subtree becomes one text node, so nothing inside needs a rewrite
//     (and nested images are flattened once, not once per level).
//  3. ApplyRewrite resolves '@id' links, unwraps links with an unsafe
//     destination, flattens unsafe images to their alt text, removes raw
//     HTML and shifts heading levels.
//  4. cmark_render_html renders with the parser's extensions.
// Before step 1, text over the limits of MarkdownLimits (markdown_limits.cpp)
// is turned away and shown as escaped preformatted text instead, and simple
// Markdown (simple_markdown.h: paragraphs, lists and headings of prose, with
// emphasis and short links) is rendered without cmark-gfm, as most
// recommendations, progress updates and minutes are.
#include "render/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <dlfcn.h>

#include <algorithm>
#include <atomic>
#include <cassert>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "render/cmark_arena.h"
#include "render/simple_markdown.h"
#include "util/utf8.h"

namespace scrutineer {
namespace {

// The one place the GFM extensions are enabled.
constexpr const char* kExtensionNames[] = {"table", "strikethrough", "autolink",
                                           "tagfilter"};

constexpr int kMaxHeadingLevel = 6;

struct ParserDeleter {
  void operator()(cmark_parser* parser) const { cmark_parser_free(parser); }
};
struct NodeDeleter {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
struct IterDeleter {
  void operator()(cmark_iter* iter) const { cmark_iter_free(iter); }
};
using ParserPtr = std::unique_ptr<cmark_parser, ParserDeleter>;
using NodePtr = std::unique_ptr<cmark_node, NodeDeleter>;
using IterPtr = std::unique_ptr<cmark_iter, IterDeleter>;

struct ParsedDocument {
  ParserPtr parser;  // owns the extension list the renderer needs
  NodePtr root;
};

int CmarkOptions(const MarkdownOptions& options) {
  int flags = CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES;
  if (options.allow_raw_html) flags |= CMARK_OPT_UNSAFE;
  return flags;
}

// Guards cmark-gfm's global special-character table until it is pinned;
// see step 1 above.
std::mutex& ParseMutex() {
  static std::mutex mutex;
  return mutex;
}

// Set once cmark-gfm has called our cmark_manage_extensions_special_characters
// and the special characters are in its table for good.
std::atomic<bool> special_characters_pinned{false};

ParsedDocument ParseMarkdown(std::string_view markdown, int cmark_options) {
  static std::once_flag registered;
  std::call_once(registered, cmark_gfm_core_extensions_ensure_registered);

  ParsedDocument document;
  document.parser.reset(
      cmark_parser_new_with_mem(cmark_options, CmarkArenaMem()));
  for (const char* name : kExtensionNames) {
    cmark_syntax_extension* extension = cmark_find_syntax_extension(name);
    assert(extension != nullptr);
    cmark_parser_attach_syntax_extension(document.parser.get(), extension);
  }
  // Block parsing reads no global state; inline parsing, in finish, does.
  cmark_parser_feed(document.parser.get(), markdown.data(), markdown.size());
  std::unique_lock<std::mutex> lock(ParseMutex(), std::defer_lock);
  if (!special_characters_pinned.load(std::memory_order_acquire)) lock.lock();
  document.root.reset(cmark_parser_finish(document.parser.get()));
  return document;
}

char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool IsAsciiWhitespace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

std::string_view TrimWhitespace(std::string_view text) {
  while (!text.empty() && IsAsciiWhitespace(text.front()))
    text.remove_prefix(1);
  while (!text.empty() && IsAsciiWhitespace(text.back())) text.remove_suffix(1);
  return text;
}

std::string_view NodeUrl(cmark_node* node) {
  const char* url = cmark_node_get_url(node);
  return url == nullptr ? std::string_view() : std::string_view(url);
}

bool IsRawHtml(cmark_node_type type) {
  return type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE;
}

// Lists the nodes ApplyRewrite must change, in post-order (see step 2).
std::vector<cmark_node*> CollectRewrites(cmark_node* root,
                                         const MarkdownOptions& options) {
  std::vector<cmark_node*> pending;
  IterPtr iter(cmark_iter_new(root));
  cmark_event_type event;
  while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    const cmark_node_type type = cmark_node_get_type(node);
    if (event == CMARK_EVENT_ENTER) {
      if (type == CMARK_NODE_IMAGE && !IsSafeUrl(NodeUrl(node))) {
        pending.push_back(node);
        cmark_iter_reset(iter.get(), node, CMARK_EVENT_EXIT);
      } else if (IsRawHtml(type) && !options.allow_raw_html) {
        pending.push_back(node);  // a leaf: it has no EXIT event
      }
    } else if (type == CMARK_NODE_LINK || type == CMARK_NODE_HEADING) {
      pending.push_back(node);
    }
  }
  return pending;
}

// Replaces `node` by its children, then frees it.
void UnwrapNode(cmark_node* node) {
  while (cmark_node* child = cmark_node_first_child(node)) {
    // Inline children always fit where their parent was; the check only
    // guarantees the loop ends.
    if (!cmark_node_insert_before(node, child)) break;
  }
  cmark_node_free(node);
}

cmark_node* NewTextNode(const std::string& text) {
  cmark_node* node = cmark_node_new_with_mem(CMARK_NODE_TEXT, CmarkArenaMem());
  cmark_node_set_literal(node, text.c_str());
  return node;
}

// The text a browser would show for an image's alt: text and code, with
// line breaks as spaces. Raw HTML is left out.
std::string PlainText(cmark_node* root) {
  std::string text;
  IterPtr iter(cmark_iter_new(root));
  while (cmark_iter_next(iter.get()) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        text += cmark_node_get_literal(node);
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        text += ' ';
        break;
      default:
        break;
    }
  }
  return text;
}

void RewriteLink(cmark_node* link, const LinkResolver& resolve) {
  const std::string_view url = NodeUrl(link);
  if (url.empty() || url.front() != '@') {
    if (!IsSafeUrl(url)) UnwrapNode(link);
    return;
  }
  const std::string id(TrimWhitespace(url.substr(1)));
  std::optional<ResolvedLink> target;
  if (resolve && !id.empty()) target = resolve(id);
  if (!target) {
    UnwrapNode(link);
    return;
  }
  cmark_node_set_url(link, target->url.c_str());
  if (cmark_node_first_child(link) == nullptr) {
    // An empty link is invisible to screen readers; fall back to the id.
    const std::string& text = target->title.empty() ? id : target->title;
    cmark_node_append_child(link, NewTextNode(text));
  }
}

void FlattenImage(cmark_node* image) {
  const std::string alt = PlainText(image);
  if (!alt.empty()) cmark_node_insert_before(image, NewTextNode(alt));
  cmark_node_free(image);
}

// Removes a raw HTML node, and the paragraph it leaves empty: an empty <p>
// is as much noise as the "raw HTML omitted" comment.
void RemoveRawHtml(cmark_node* html) {
  cmark_node* parent = cmark_node_parent(html);
  cmark_node_free(html);
  if (parent != nullptr &&
      cmark_node_get_type(parent) == CMARK_NODE_PARAGRAPH &&
      cmark_node_first_child(parent) == nullptr) {
    cmark_node_free(parent);
  }
}

void OffsetHeading(cmark_node* heading, int offset) {
  const long level =
      static_cast<long>(cmark_node_get_heading_level(heading)) + offset;
  cmark_node_set_heading_level(
      heading, static_cast<int>(std::clamp(level, 1L, long{kMaxHeadingLevel})));
}

void ApplyRewrite(cmark_node* node, const MarkdownOptions& options,
                  const LinkResolver& resolve) {
  switch (cmark_node_get_type(node)) {
    case CMARK_NODE_LINK:
      RewriteLink(node, resolve);
      break;
    case CMARK_NODE_IMAGE:
      FlattenImage(node);
      break;
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_HTML_INLINE:
      RemoveRawHtml(node);
      break;
    case CMARK_NODE_HEADING:
      OffsetHeading(node, options.heading_offset);
      break;
    default:
      assert(false && "CollectRewrites listed a node it cannot rewrite");
  }
}

ParsedDocument ParseAndRewrite(std::string_view markdown,
                               const MarkdownOptions& options,
                               const LinkResolver& resolve) {
  // cmark-gfm copies every line through its own UTF-8 check when asked to
  // (1.5% of a build); text that is valid already, as the loader leaves
  // almost all of it, is the same without.
  int flags = CmarkOptions(options);
  if (IsValidUtf8(markdown)) flags &= ~CMARK_OPT_VALIDATE_UTF8;
  ParsedDocument document = ParseMarkdown(markdown, flags);
  for (cmark_node* node : CollectRewrites(document.root.get(), options)) {
    ApplyRewrite(node, options, resolve);
  }
  return document;
}

std::string RenderHtml(const ParsedDocument& document,
                       const MarkdownOptions& options) {
  char* html = cmark_render_html_with_mem(
      document.root.get(), CmarkOptions(options),
      cmark_parser_get_syntax_extensions(document.parser.get()),
      CmarkArenaMem());
  std::string result(html);
  CmarkArenaMem()->free(html);
  return result;
}

// Text over the limits is never parsed: it becomes one code block, which
// cmark-gfm renders escaped, in time linear in its length.
std::string RenderUnparsed(std::string_view markdown) {
  NodePtr document(cmark_node_new(CMARK_NODE_DOCUMENT));
  cmark_node* block = cmark_node_new(CMARK_NODE_CODE_BLOCK);
  cmark_node_set_literal(block, std::string(markdown).c_str());
  cmark_node_append_child(document.get(), block);
  char* html =
      cmark_render_html(document.get(), CMARK_OPT_VALIDATE_UTF8, nullptr);
  std::string result(html);
  cmark_get_default_mem_allocator()->free(html);
  return result;
}

bool WithinLimits(std::string_view markdown) {
  Diagnostics ignored;  // the load stage reported the problem
  return MarkdownLimits(/*check_content=*/false)
      .Check(markdown, SourceLocation{}, false, ignored);
}

// The text a screen reader reads for an image: its description, every
// text inside "![...]".
std::string AltTextOf(cmark_node* image) {
  std::string alt;
  cmark_iter* iter = cmark_iter_new(image);
  for (cmark_event_type event = cmark_iter_next(iter);
       event != CMARK_EVENT_DONE; event = cmark_iter_next(iter)) {
    cmark_node* node = cmark_iter_get_node(iter);
    const char* literal = event == CMARK_EVENT_ENTER && node != image
                              ? cmark_node_get_literal(node)
                              : nullptr;
    if (literal != nullptr) alt += literal;
  }
  cmark_iter_free(iter);
  return alt;
}

}  // namespace

bool MarkdownParsesInParallel() {
  return special_characters_pinned.load(std::memory_order_acquire);
}

}  // namespace scrutineer

// cmark-gfm's own definition adds the special characters of the parser's
// extensions to its global table (add != 0) or removes them (add == 0); see
// step 1 at the top of this file.
extern "C" void cmark_manage_extensions_special_characters(cmark_parser* parser,
                                                           int add) {
  using Manage = void (*)(cmark_parser*, int);
  static const Manage library_definition = reinterpret_cast<Manage>(
      dlsym(RTLD_NEXT, "cmark_manage_extensions_special_characters"));
  if (library_definition == nullptr) std::abort();  // cmark-gfm is linked
  if (add == 0) return;
  static std::once_flag added;
  std::call_once(added, [parser] { library_definition(parser, 1); });
  scrutineer::special_characters_pinned.store(true, std::memory_order_release);
}

namespace scrutineer {

// Anything before a ':' that precedes the first '/', '?' or '#' counts as a
// scheme, which errs towards dropping odd but harmless URLs rather than
// keeping dangerous ones.
bool IsSafeUrl(std::string_view url) {
  size_t i = 0;
  while (i < url.size() && static_cast<unsigned char>(url[i]) <= 0x20) ++i;
  std::string scheme;
  for (; i < url.size(); ++i) {
    const char c = url[i];
    if (c == '\t' || c == '\n' || c == '\r') continue;
    if (c == '/' || c == '?' || c == '#') return true;
    if (c == ':') {
      return scheme == "http" || scheme == "https" || scheme == "mailto";
    }
    scheme += AsciiLower(c);
  }
  return true;
}

namespace {

// The load stage refuses control characters and noncharacters in text, but
// a numeric character reference makes any ("&#x1b;", "&#xFFFF;", which
// cmark-gfm even writes as a lone 0xFF byte). Only text with "&#" can hold
// one, so only its HTML is looked through.
std::string WithoutNonText(std::string_view markdown, std::string html) {
  if (markdown.find("&#") == std::string_view::npos) return html;
  return ReplaceNonText(html);
}

}  // namespace

namespace {

// Text within the limits, through cmark-gfm.
std::string RenderParsed(std::string_view markdown,
                         const MarkdownOptions& options,
                         const LinkResolver& resolve) {
  CmarkArenaScope arena;  // outlives the parsed document
  return WithoutNonText(
      markdown,
      RenderHtml(ParseAndRewrite(markdown, options, resolve), options));
}

}  // namespace

std::string RenderMarkdownThroughCmark(std::string_view markdown,
                                       const MarkdownOptions& options,
                                       const LinkResolver& resolve) {
  if (!WithinLimits(markdown)) return RenderUnparsed(markdown);
  return RenderParsed(markdown, options, resolve);
}

std::string RenderMarkdown(std::string_view markdown,
                           const MarkdownOptions& options,
                           const LinkResolver& resolve) {
  if (!WithinLimits(markdown)) return RenderUnparsed(markdown);
  if (std::optional<std::string> html =
          RenderSimpleMarkdown(markdown, options, resolve)) {
    return std::move(*html);
  }
  return RenderParsed(markdown, options, resolve);
}

std::string RenderInlineMarkdown(std::string_view markdown,
                                 const MarkdownOptions& options,
                                 const LinkResolver& resolve) {
  if (!WithinLimits(markdown)) return RenderUnparsed(markdown);
  CmarkArenaScope arena;  // outlives the parsed document
  const ParsedDocument document = ParseAndRewrite(markdown, options, resolve);
  cmark_node* first = cmark_node_first_child(document.root.get());
  const bool single_paragraph =
      first != nullptr && cmark_node_next(first) == nullptr &&
      cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH;
  std::string html = WithoutNonText(markdown, RenderHtml(document, options));
  constexpr std::string_view kOpen = "<p>";
  constexpr std::string_view kClose = "</p>\n";
  if (single_paragraph && html.size() >= kOpen.size() + kClose.size() &&
      html.compare(0, kOpen.size(), kOpen) == 0 &&
      html.compare(html.size() - kClose.size(), kClose.size(), kClose) == 0) {
    return html.substr(kOpen.size(),
                       html.size() - kOpen.size() - kClose.size());
  }
  return html;
}

}  // namespace scrutineer

namespace scrutineer {

namespace {

// Whether `markdown` may hold a link or image with nothing to say: a '['
// followed by nothing but spaces, line ends and emphasis before its ']'
// (a link's), or any "![" (an image's alt text may be blank in other
// ways). Most texts hold neither, and are not parsed twice.
bool MayLackText(std::string_view markdown) {
  if (markdown.find("![") != std::string_view::npos) return true;
  for (size_t open = markdown.find('['); open != std::string_view::npos;
       open = markdown.find('[', open + 1)) {
    size_t next = markdown.find_first_not_of(" \t\n*_~", open + 1);
    if (next != std::string_view::npos && markdown[next] == ']') return true;
  }
  return false;
}

}  // namespace

void CheckImagesAndLinksHaveText(std::string_view markdown,
                                 const SourceLocation& where,
                                 bool lines_match_file,
                                 Diagnostics& diagnostics) {
  if (!MayLackText(markdown)) return;
  CmarkArenaScope arena;  // outlives the parsed document
  ParsedDocument document = ParseMarkdown(markdown, CmarkOptions({}));
  cmark_iter* iter = cmark_iter_new(document.root.get());
  for (cmark_event_type event = cmark_iter_next(iter);
       event != CMARK_EVENT_DONE; event = cmark_iter_next(iter)) {
    cmark_node* node = cmark_iter_get_node(iter);
    if (event != CMARK_EVENT_ENTER) continue;
    const cmark_node_type type = cmark_node_get_type(node);
    const bool image = type == CMARK_NODE_IMAGE;
    if (!image && type != CMARK_NODE_LINK) continue;
    // A short link with no words of its own, [](@id), shows the record's
    // title.
    const char* url = cmark_node_get_url(node);
    if (!image && url != nullptr && url[0] == '@') continue;
    if (!TrimWhitespace(AltTextOf(node)).empty()) continue;
    SourceLocation at = where;
    std::string message =
        image ? "an image has no description (alt text)" : "a link has no text";
    int line = cmark_node_get_start_line(node);
    if (lines_match_file && line >= 1) {
      at.line += line - 1;
      const int column = cmark_node_get_start_column(node);
      at.column = line == 1 ? where.column + column - 1 : column;
    } else if (line > 1) {
      message += " (line " + std::to_string(line) + " of the text)";
    }
    diagnostics.Error(
        at, message,
        image ? "say in the brackets what the image shows, "
                "![a chart of caseloads](chart.png), so that people who "
                "cannot see it are told too"
              : "say in the brackets where the link leads, [the council's "
                "report](https://...): a screen reader would read out only "
                "\"link\"");
  }
  cmark_iter_free(iter);
}

}  // namespace scrutineer
