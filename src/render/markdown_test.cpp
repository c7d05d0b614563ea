#include "render/markdown.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace scrutineer {
namespace {

struct Case {
  const char* name;
  std::string markdown;
  std::string html;
};

// Knows one record, "some-id", and remembers the ids it was asked for.
class FakeResolver {
 public:
  LinkResolver AsResolver() {
    return [this](std::string_view id) -> std::optional<ResolvedLink> {
      asked_.emplace_back(id);
      if (id != "some-id") return std::nullopt;
      return ResolvedLink{"../recommendations/some-id/", "Fund the library"};
    };
  }
  const std::vector<std::string>& asked() const { return asked_; }

 private:
  std::vector<std::string> asked_;
};

void ExpectRenders(const std::vector<Case>& cases,
                   const MarkdownOptions& options = {}) {
  FakeResolver resolver;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(RenderMarkdown(c.markdown, options, resolver.AsResolver()),
              c.html);
  }
}

TEST(MarkdownTest, RendersGfmTableWithHeaderAndAlignment) {
  ExpectRenders({{"table",
                  "| Left | Centre | Right |\n"
                  "| :--- | :---: | ---: |\n"
                  "| a | *b* | c |\n",
                  "<table>\n"
                  "<thead>\n"
                  "<tr>\n"
                  "<th style=\"text-align: left\">Left</th>\n"
                  "<th style=\"text-align: center\">Centre</th>\n"
                  "<th style=\"text-align: right\">Right</th>\n"
                  "</tr>\n"
                  "</thead>\n"
                  "<tbody>\n"
                  "<tr>\n"
                  "<td style=\"text-align: left\">a</td>\n"
                  "<td style=\"text-align: center\"><em>b</em></td>\n"
                  "<td style=\"text-align: right\">c</td>\n"
                  "</tr>\n"
                  "</tbody>\n"
                  "</table>\n"}});
}

TEST(MarkdownTest, RendersStrikethroughAndAutolinks) {
  ExpectRenders({
      {"strikethrough", "~~withdrawn~~ kept",
       "<p><del>withdrawn</del> kept</p>\n"},
      {"bare url", "See https://example.org/report.",
       "<p>See <a href=\"https://example.org/report\">"
       "https://example.org/report</a>.</p>\n"},
      {"www", "See www.example.org now",
       "<p>See <a href=\"http://www.example.org\">www.example.org</a> now"
       "</p>\n"},
      {"email", "Write to clerk@example.org",
       "<p>Write to <a href=\"mailto:clerk@example.org\">clerk@example.org"
       "</a></p>\n"},
      {"smart punctuation stays off", "\"quoted\" -- it's",
       "<p>&quot;quoted&quot; -- it's</p>\n"},
  });
}

TEST(MarkdownTest, DropsRawHtmlWithoutLeavingComments) {
  ExpectRenders({
      {"block", "<div class=\"x\">\n<b>hi</b>\n</div>\n\nafter",
       "<p>after</p>\n"},
      {"script block", "<script>alert(1)</script>\n\nafter", "<p>after</p>\n"},
      {"comment block", "<!-- note -->\n\nafter", "<p>after</p>\n"},
      {"inline", "a <span onclick=\"x()\">b</span> c", "<p>a b c</p>\n"},
      {"inline only paragraph", "before\n\n<span></span>\n\nafter",
       "<p>before</p>\n<p>after</p>\n"},
      {"inline in heading", "# A <em>b</em>", "<h2>A b</h2>\n"},
      {"inline in table cell", "| h |\n| - |\n| <b>x</b> |",
       "<table>\n<thead>\n<tr>\n<th>h</th>\n</tr>\n</thead>\n<tbody>\n"
       "<tr>\n<td>x</td>\n</tr>\n</tbody>\n</table>\n"},
      {"escaped html is text", "\\<b>", "<p>&lt;b&gt;</p>\n"},
  });
}

TEST(MarkdownTest, KeepsRawHtmlWhenAllowed) {
  MarkdownOptions options;
  options.allow_raw_html = true;
  ExpectRenders(
      {
          {"block", "<div class=\"x\">\n<b>hi</b>\n</div>\n\nafter",
           "<div class=\"x\">\n<b>hi</b>\n</div>\n<p>after</p>\n"},
          {"inline", "a <span class=\"k\">b</span> c",
           "<p>a <span class=\"k\">b</span> c</p>\n"},
          {"tagfilter still disarms script",
           "<script>alert(1)</script>\n\nafter",
           "&lt;script>alert(1)&lt;/script>\n<p>after</p>\n"},
      },
      options);
}

TEST(MarkdownTest, ResolvesShortLinks) {
  ExpectRenders({
      {"text kept", "[the plan](@some-id)",
       "<p><a href=\"../recommendations/some-id/\">the plan</a></p>\n"},
      {"empty text gets title", "[](@some-id)",
       "<p><a href=\"../recommendations/some-id/\">Fund the library</a>"
       "</p>\n"},
      {"id trimmed", "[x](< @ some-id >)",
       "<p><a href=\"../recommendations/some-id/\">x</a></p>\n"},
      {"link title kept", "[x](@some-id \"More\")",
       "<p><a href=\"../recommendations/some-id/\" title=\"More\">x</a>"
       "</p>\n"},
      {"reference style", "[x][r]\n\n[r]: @some-id",
       "<p><a href=\"../recommendations/some-id/\">x</a></p>\n"},
      {"unknown keeps text", "See [*the* plan](@unknown) now.",
       "<p>See <em>the</em> plan now.</p>\n"},
      {"unknown empty link disappears", "See [](@unknown) now.",
       "<p>See  now.</p>\n"},
      {"bare at is unknown", "[x](@)", "<p>x</p>\n"},
  });
}

TEST(MarkdownTest, PassesTrimmedIdWithoutAtToResolver) {
  FakeResolver resolver;
  RenderMarkdown("[a](@some-id) [b](<@ other >) [c](@)", {},
                 resolver.AsResolver());
  EXPECT_EQ(resolver.asked(), (std::vector<std::string>{"some-id", "other"}));
}

TEST(MarkdownTest, EmptyResolverResolvesNothing) {
  EXPECT_EQ(RenderMarkdown("[x](@some-id)", {}, LinkResolver()), "<p>x</p>\n");
}

TEST(MarkdownTest, ResolvedLinkWithEmptyTitleShowsId) {
  LinkResolver untitled = [](std::string_view) {
    return std::optional<ResolvedLink>(ResolvedLink{"/r/", ""});
  };
  EXPECT_EQ(RenderMarkdown("[](@r-1)", {}, untitled),
            "<p><a href=\"/r/\">r-1</a></p>\n");
}

TEST(MarkdownTest, DropsLinksWithUnsafeDestinationsKeepingText) {
  const std::vector<Case> disguises = {
      {"plain", "[click](javascript:alert(1))", "<p>click</p>\n"},
      {"mixed case", "[click](JavaScript:alert(1))", "<p>click</p>\n"},
      {"leading space", "[click](< javascript:alert(1)>)", "<p>click</p>\n"},
      {"tab inside", "[click](<java\tscript:alert(1)>)", "<p>click</p>\n"},
      {"entity tab", "[click](java&#9;script:alert(1))", "<p>click</p>\n"},
      {"entity newline", "[click](java&#10;script:alert(1))", "<p>click</p>\n"},
      {"entity control", "[click](&#1;javascript:alert(1))", "<p>click</p>\n"},
      {"entity letter", "[click](&#106;avascript:alert(1))", "<p>click</p>\n"},
      {"entity colon", "[click](javascript&colon;alert(1))", "<p>click</p>\n"},
      {"vbscript", "[click](vbscript:msgbox)", "<p>click</p>\n"},
      {"data", "[click](data:text/html;base64,PHNjcmlwdD4=)", "<p>click</p>\n"},
      {"file", "[click](file:///etc/passwd)", "<p>click</p>\n"},
      {"autolink", "<javascript:alert(1)>", "<p>javascript:alert(1)</p>\n"},
      {"reference", "[click][r]\n\n[r]: javascript:alert(1)", "<p>click</p>\n"},
      {"formatting kept", "[**click** me](javascript:x)",
       "<p><strong>click</strong> me</p>\n"},
  };
  ExpectRenders(disguises);
  MarkdownOptions raw_html;
  raw_html.allow_raw_html = true;
  ExpectRenders(disguises, raw_html);
}

TEST(MarkdownTest, ReplacesImagesWithUnsafeSourcesByAltText) {
  ExpectRenders({
      {"plain", "![a chart](javascript:alert(1))", "<p>a chart</p>\n"},
      {"mixed case", "![a chart](JAVASCRIPT:alert(1))", "<p>a chart</p>\n"},
      {"leading space", "![a chart](< javascript:x>)", "<p>a chart</p>\n"},
      {"tab inside", "![a chart](<java\tscript:x>)", "<p>a chart</p>\n"},
      {"data", "![a chart](data:image/svg+xml;base64,PHN2Zz4=)",
       "<p>a chart</p>\n"},
      {"vbscript", "![a chart](vbscript:x)", "<p>a chart</p>\n"},
      {"alt flattened", "![a *big* `chart`](javascript:x)",
       "<p>a big chart</p>\n"},
      {"alt is text, not html", "![a &lt;b&gt;](javascript:x)",
       "<p>a &lt;b&gt;</p>\n"},
      {"empty alt", "x![](javascript:x)y", "<p>xy</p>\n"},
      {"nested", "![a ![b](javascript:x) c](javascript:y)", "<p>a b c</p>\n"},
      {"inside safe link", "[![logo](javascript:x)](https://example.org)",
       "<p><a href=\"https://example.org\">logo</a></p>\n"},
  });
}

TEST(MarkdownTest, KeepsSafeDestinations) {
  ExpectRenders({
      {"https", "[a](https://example.org/x?q=a:b)",
       "<p><a href=\"https://example.org/x?q=a:b\">a</a></p>\n"},
      {"http upper case", "[a](HTTP://example.org)",
       "<p><a href=\"HTTP://example.org\">a</a></p>\n"},
      {"mailto", "[a](mailto:clerk@example.org)",
       "<p><a href=\"mailto:clerk@example.org\">a</a></p>\n"},
      {"fragment", "[a](#top)", "<p><a href=\"#top\">a</a></p>\n"},
      {"relative path", "[a](../minutes/2024-06.html)",
       "<p><a href=\"../minutes/2024-06.html\">a</a></p>\n"},
      {"colon after slash", "[a](docs/a:b)",
       "<p><a href=\"docs/a:b\">a</a></p>\n"},
      {"scheme relative", "[a](//example.org/x)",
       "<p><a href=\"//example.org/x\">a</a></p>\n"},
      {"image", "![chart](img/chart.png)",
       "<p><img src=\"img/chart.png\" alt=\"chart\" /></p>\n"},
  });
}

TEST(MarkdownTest, OffsetsHeadingLevelsCappedAtSix) {
  struct HeadingCase {
    int offset;
    std::string markdown;
    std::string html;
  };
  const std::vector<HeadingCase> cases = {
      {1, "# A", "<h2>A</h2>\n"},
      {1, "##### A", "<h6>A</h6>\n"},
      {1, "###### A", "<h6>A</h6>\n"},
      {0, "# A", "<h1>A</h1>\n"},
      {2, "A\n=", "<h3>A</h3>\n"},
      {3, "### A", "<h6>A</h6>\n"},
      {-1, "## A\n# B", "<h1>A</h1>\n<h1>B</h1>\n"},
      {1000, "# A", "<h6>A</h6>\n"},
  };
  for (const HeadingCase& c : cases) {
    SCOPED_TRACE(c.markdown + " offset " + std::to_string(c.offset));
    MarkdownOptions options;
    options.heading_offset = c.offset;
    EXPECT_EQ(RenderMarkdown(c.markdown, options, LinkResolver()), c.html);
  }
}

TEST(MarkdownTest, ReplacesInvalidUtf8) {
  ExpectRenders({
      {"stray byte", "caf\xff\n", "<p>caf\xef\xbf\xbd</p>\n"},
      {"truncated sequence", "a\xe2\x82 b", "<p>a\xef\xbf\xbd b</p>\n"},
      {"nul", std::string("a\0b", 3),
       "<p>a\xef\xbf\xbd"
       "b</p>\n"},
      {"valid kept", "Caf\xc3\xa9 \xe2\x82\xac",
       "<p>Caf\xc3\xa9 \xe2\x82\xac</p>\n"},
  });
}

// The load stage refuses control characters and noncharacters, but a
// numeric character reference can still make one: each becomes U+FFFD.
TEST(MarkdownTest, ReplacesNonTextMadeByCharacterReferences) {
  ExpectRenders({
      {"escape", "esc &#x1b;[31m", "<p>esc \xef\xbf\xbd[31m</p>\n"},
      {"C0 and DEL", "a&#8;b&#x0b;c&#127;d",
       "<p>a\xef\xbf\xbd"
       "b\xef\xbf\xbd"
       "c\xef\xbf\xbd"
       "d</p>\n"},
      {"C1", "nel &#x85;", "<p>nel \xef\xbf\xbd</p>\n"},
      // cmark-gfm writes U+FFFF as a lone 0xFF byte.
      {"noncharacters", "&#xFFFF; &#xFFFE; &#xFDD0; &#x10FFFF;",
       "<p>\xef\xbf\xbd \xef\xbf\xbd \xef\xbf\xbd \xef\xbf\xbd</p>\n"},
      {"text kept", "&#x263A; &#169; &#9;tab",
       "<p>\xe2\x98\xba \xc2\xa9 \ttab</p>\n"},
  });
  EXPECT_EQ(RenderInlineMarkdown("a &#x1b; b", {}, nullptr),
            "a \xef\xbf\xbd b");
}

TEST(MarkdownTest, RenderInlineMarkdownStripsSingleParagraph) {
  FakeResolver resolver;
  const std::vector<Case> cases = {
      {"paragraph", "Fund *the* [library](@some-id)",
       "Fund <em>the</em> <a href=\"../recommendations/some-id/\">library</a>"},
      {"empty", "", ""},
      {"html removed around text", "<b>bold</b>", "bold"},
      {"two paragraphs kept", "a\n\nb", "<p>a</p>\n<p>b</p>\n"},
      {"heading kept", "# a", "<h2>a</h2>\n"},
      {"list kept", "- a", "<ul>\n<li>a</li>\n</ul>\n"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(RenderInlineMarkdown(c.markdown, {}, resolver.AsResolver()),
              c.html);
  }
}

// cmark-gfm 0.29.0.gfm.6 keeps extension state in a global table; without
// the adapter's lock, parallel renders intermittently lose strikethrough.
TEST(MarkdownTest, IsSafeToCallFromSeveralThreads) {
  const std::string markdown =
      "~~old~~ see www.example.org and [x](@some-id)\n\n"
      "| a | b |\n| - | - |\n| ~~c~~ | d |\n";
  const LinkResolver resolve = [](std::string_view) {
    return std::optional<ResolvedLink>(ResolvedLink{"/x/", "X"});
  };
  const std::string expected = RenderMarkdown(markdown, {}, resolve);
  ASSERT_NE(expected.find("<del>c</del>"), std::string::npos);

  constexpr int kThreads = 8;
  constexpr int kRendersPerThread = 300;
  std::vector<int> mismatches(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRendersPerThread; ++i) {
        if (RenderMarkdown(markdown, {}, resolve) != expected) ++mismatches[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(kThreads, 0));
  // Without the lock: cmark-gfm's special characters are pinned. If this
  // fails, the output is still right but parses wait for one another.
  EXPECT_TRUE(MarkdownParsesInParallel());
}

}  // namespace
}  // namespace scrutineer
