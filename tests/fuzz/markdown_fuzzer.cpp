// libFuzzer target: any bytes as Markdown through the limits check and the
// cmark-gfm adapter. The first byte picks the options (raw HTML allowed or
// not, heading offset, inline rendering). Besides crashes and hangs it
// checks the adapter's promises: without raw HTML no tag of the input
// survives, no link or image keeps an unsafe URL, and the fast path for
// simple Markdown renders what cmark-gfm renders.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "diag/diagnostics.h"
#include "render/markdown.h"

namespace {

// True when a browser would run `url` as code: its scheme, read the way the
// URL standard reads it (leading controls and spaces dropped, tabs and line
// breaks removed, then a letter and letters, digits, '+', '-', '.' before
// ':'), is other than http, https or mailto.
bool RunsAsCode(const std::string& url) {
  std::string cleaned;
  size_t i = 0;
  while (i < url.size() && static_cast<unsigned char>(url[i]) <= 0x20) ++i;
  for (; i < url.size(); ++i) {
    if (url[i] != '\t' && url[i] != '\n' && url[i] != '\r') cleaned += url[i];
  }
  size_t colon = cleaned.find(':');
  if (colon == std::string::npos || colon == 0 ||
      !std::isalpha(static_cast<unsigned char>(cleaned[0]))) {
    return false;
  }
  std::string scheme;
  for (size_t k = 0; k < colon; ++k) {
    const unsigned char c = static_cast<unsigned char>(cleaned[k]);
    if (!std::isalnum(c) && c != '+' && c != '-' && c != '.') return false;
    scheme += static_cast<char>(std::tolower(c));
  }
  return scheme != "http" && scheme != "https" && scheme != "mailto";
}

// Every URL attribute (href, src) of every tag in cmark-gfm's output,
// read tag by tag: outside tags '<' is always escaped, and inside a quoted
// value '"' is, so a value ends at the next '"'. Searching the whole text
// for ` src="` instead would also find an image's alt text that says
// `src=`, which is only text.
void CheckUrls(const std::string& html) {
  size_t at = 0;
  while ((at = html.find('<', at)) != std::string::npos) {
    ++at;
    while (at < html.size() && html[at] != '>') {
      // An attribute: name, then optionally ="value".
      if (html[at] == ' ' || html[at] == '/' || html[at] == '\n') {
        ++at;
        continue;
      }
      size_t name_start = at;
      while (at < html.size() && html[at] != '=' && html[at] != ' ' &&
             html[at] != '>' && html[at] != '/') {
        ++at;
      }
      std::string name = html.substr(name_start, at - name_start);
      if (at + 1 < html.size() && html[at] == '=' && html[at + 1] == '"') {
        size_t start = at + 2;
        size_t end = html.find('"', start);
        if (end == std::string::npos) abort();  // an unclosed attribute
        // cmark-gfm percent-encodes controls and escapes '&' as "&amp;", so
        // no character reference can hide a scheme here.
        if ((name == "href" || name == "src") &&
            RunsAsCode(html.substr(start, end - start))) {
          abort();
        }
        at = end + 1;
      } else if (at < html.size() && html[at] == '=') {
        ++at;  // an unquoted value, which cmark-gfm never writes: read on
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace scrutineer;
  if (size == 0) return 0;
  MarkdownOptions options;
  options.allow_raw_html = (data[0] & 1) != 0;
  options.heading_offset = (data[0] >> 1) % 8 - 2;
  const bool inline_only = (data[0] & 0x80) != 0;
  const std::string markdown(reinterpret_cast<const char*>(data) + 1, size - 1);
  Diagnostics diagnostics;
  CheckMarkdownLimits(markdown, SourceLocation{"fuzz.md", 1, 1}, diagnostics);
  const LinkResolver resolve =
      [](std::string_view id) -> std::optional<ResolvedLink> {
    if (id.empty() || id.size() > 40) return std::nullopt;
    return ResolvedLink{"../x/" + std::string(id) + "/", "Title <&>"};
  };
  const std::string html =
      inline_only ? RenderInlineMarkdown(markdown, options, resolve)
                  : RenderMarkdown(markdown, options, resolve);
  if (!inline_only &&
      html != RenderMarkdownThroughCmark(markdown, options, resolve)) {
    abort();
  }
  // With raw HTML allowed the site trusts its authors' markup as written
  // (docs/security.md); the promises below are for the default.
  if (options.allow_raw_html) return 0;
  CheckUrls(html);
  if (html.find("<script") != std::string::npos ||
      html.find("<iframe") != std::string::npos ||
      html.find("<img src=x") != std::string::npos) {
    abort();
  }
  return 0;
}
