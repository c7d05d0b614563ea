// A small scanner for the HTML the render stage produces: the URLs a page
// links to (href and src attributes) and the ids it defines, for the link
// checker and for tests that crawl a served site. Not a validating parser:
// it reads tags and attributes, skips comments and the text of <script>,
// <style>, <textarea> and <title>, and decodes character references in
// attribute values.
#ifndef SCRUTINEER_LINK_HTML_LINKS_H_
#define SCRUTINEER_LINK_HTML_LINKS_H_

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace scrutineer {

struct HtmlLink {
  std::string url;        // the attribute's value, character references decoded
  size_t offset = 0;      // byte offset of the value in the page
  std::string tag;        // "a", "link", "img": lower case
  std::string attribute;  // "href" or "src"
};

struct HtmlLinks {
  std::vector<HtmlLink> links;  // in page order
  std::set<std::string> ids;    // every id="..." (and <a name="...">)
};

/// Scans `html` for links and ids. Never fails: text that is not a tag is
/// skipped.
HtmlLinks ScanHtml(std::string_view html);

/// Decodes the character references of an attribute value (&amp;, &quot;,
/// &#39;, &#x2F;, ...). Unknown named references are kept as written.
std::string DecodeHtmlAttribute(std::string_view value);

}  // namespace scrutineer

#endif  // SCRUTINEER_LINK_HTML_LINKS_H_
