#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "render/markdown.h"

namespace scrutineer {
namespace {

std::string Repeat(const std::string& piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

// "" when `markdown` is within the limits, else the one diagnostic's
// headline.
std::string Checked(const std::string& markdown) {
  Diagnostics diagnostics;
  bool ok = CheckMarkdownLimits(markdown, SourceLocation{"notes.md", 3, 8},
                                diagnostics);
  std::vector<Diagnostic> sorted = diagnostics.Sorted();
  EXPECT_EQ(ok, sorted.empty());
  if (sorted.empty()) return "";
  EXPECT_EQ(sorted.size(), 1u);
  return FormatDiagnosticHeadline(sorted.front());
}

std::string Table(int columns, int rows, const std::string& row) {
  return Repeat("|h", columns) + "|\n" + Repeat("|-", columns) + "|\n" +
         Repeat(row + "\n", rows);
}

std::string QuotedTable(int rows) {
  return "> " + Repeat("|h", 100) + "|\n> " + Repeat("|-", 100) + "|\n" +
         Repeat("> x\n", rows);
}

TEST(MarkdownLimitsTest, AcceptsEachLimitAndRefusesOneMore) {
  struct Case {
    const char* name;
    std::string within;
    std::string over;
    std::string headline;
  };
  const Case kCases[] = {
      {"quotes", Repeat(">", 32) + " a\n", Repeat(">", 33) + " a\n",
       "notes.md:3:8: error: Markdown nesting is deeper than 32 levels"},
      {"lists", Repeat("- ", 32) + "a\n", "x\n\n" + Repeat("- ", 33) + "a\n",
       "notes.md:3:8: error: Markdown nesting is deeper than 32 levels (line "
       "3 of the text)"},
      {"indented lists", "- a\n" + std::string(62, ' ') + "- b\n",
       "- a\n" + std::string(64, ' ') + "- b\n",
       "notes.md:3:8: error: Markdown nesting is deeper than 32 levels (line "
       "2 of the text)"},
      {"ordered lists in quotes", Repeat("> 1. ", 16) + "a\n",
       Repeat("> 1) ", 16) + "> a\n",
       "notes.md:3:8: error: Markdown nesting is deeper than 32 levels"},
      {"columns", Table(100, 1, "|x|"), Table(101, 1, "|x|"),
       "notes.md:3:8: error: a Markdown table has more than 100 columns "
       "(line 2 of the text)"},
      {"cells in a row", Table(2, 1, Repeat("|x", 200) + "|"),
       Table(2, 1, Repeat("|x", 201) + "|"),
       "notes.md:3:8: error: a Markdown table row has more than 200 cells "
       "(line 3 of the text)"},
      // Short rows are padded to the header's width: 100 columns, 999 rows
      // of one cell and the header make 100,000 cells.
      {"padded cells", Table(100, 999, "x"), Table(100, 1000, "x"),
       "notes.md:3:8: error: the Markdown tables of this file have more than "
       "100000 cells (line 1002 of the text)"},
      {"cells in a quoted table", QuotedTable(999), QuotedTable(1000),
       "notes.md:3:8: error: the Markdown tables of this file have more than "
       "100000 cells (line 1002 of the text)"},
      {"images", Repeat("![", 200), Repeat("![", 201),
       "notes.md:3:8: error: Markdown text has more than 200 images ('![')"},
      {"'@' in long words", Repeat("a@", 100) + std::string(199800, 'a'),
       Repeat("a@", 100) + std::string(199801, 'a'),
       "notes.md:3:8: error: the Markdown of this file has too many '@' signs "
       "in long words"},
      // Two words of 50 '@' and 200,000 bytes each, after words without
      // one, parted by a tab and a line break, the second ending the text.
      {"'@' in two long words",
       "plain words\t" + Repeat("@a", 50) + std::string(199900, 'b') + "\n" +
           std::string(50, '@') + std::string(199950, 'c'),
       "plain words\t" + Repeat("@a", 50) + std::string(199900, 'b') + "\n" +
           std::string(50, '@') + std::string(199951, 'c'),
       "notes.md:3:8: error: the Markdown of this file has too many '@' signs "
       "in long words"},
      {"size", std::string(1024 * 1024, 'a'), std::string(1024 * 1024 + 1, 'a'),
       "notes.md:3:8: error: Markdown text is larger than 1 MiB"},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(Checked(c.within), "");
    EXPECT_EQ(Checked(c.over), c.headline);
  }
}

TEST(MarkdownLimitsTest, OrdinaryTextIsWellWithinTheLimits) {
  const std::string kOrdinary =
      "# Minutes\n\n> Quoted *remark* with a [link](https://example.org).\n\n"
      "1. First\n   - nested\n     - deeper\n\n"
      "| Service | Team | Caseload |\n| :--- | :--- | ---: |\n"
      "| Children | North | 17 |\n\n"
      "Contact j.smith@wirral.gov.uk or a.jones@walsall.gov.uk.\n\n"
      "```\n" +
      std::string(60, ' ') + "indented code\n```\n";
  EXPECT_EQ(Checked(kOrdinary), "");
  // Pipes outside a table are only text.
  EXPECT_EQ(Checked(Repeat("a|", 5000)), "");
  EXPECT_EQ(Checked("a\n" + Repeat("a@b.org ", 20000)), "");
}

TEST(MarkdownLimitsTest, ReportsBodyLinesWhereTheyAreInTheFile) {
  Diagnostics diagnostics;
  MarkdownLimits limits;
  EXPECT_FALSE(limits.Check("Text.\n\n" + Repeat("> ", 40) + "x\n",
                            SourceLocation{"r.md", 5, 1},
                            /*lines_match_file=*/true, diagnostics));
  ASSERT_EQ(diagnostics.Sorted().size(), 1u);
  EXPECT_EQ(FormatDiagnosticHeadline(diagnostics.Sorted()[0]),
            "r.md:7:1: error: Markdown nesting is deeper than 32 levels");
}

TEST(MarkdownLimitsTest, ReportsAFileBudgetOnceAndRefusesWhatFollows) {
  Diagnostics diagnostics;
  MarkdownLimits limits;
  const std::string table = Table(100, 499, "x");  // 50,000 cells
  EXPECT_TRUE(limits.Check(table, {"r.md", 1, 1}, false, diagnostics));
  EXPECT_TRUE(limits.Check(table, {"r.md", 2, 1}, false, diagnostics));
  EXPECT_FALSE(limits.Check("|a|\n|-|\n", {"r.md", 3, 1}, false, diagnostics));
  EXPECT_FALSE(limits.Check("plain", {"r.md", 4, 1}, false, diagnostics));
  ASSERT_EQ(diagnostics.Sorted().size(), 1u);
  EXPECT_EQ(diagnostics.Sorted()[0].line, 3);
}

// Whatever reaches the renderer over the limits (the load stage reported
// it) is shown as escaped text, not parsed.
TEST(MarkdownLimitsTest, RendersTextOverTheLimitsAsEscapedPlainText) {
  const std::string deep = Repeat(">", 40) + " <script>alert(1)</script>\n";
  EXPECT_EQ(RenderMarkdown(deep, {}, nullptr),
            "<pre><code>" + Repeat("&gt;", 40) +
                " &lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>\n");
  EXPECT_EQ(RenderInlineMarkdown(Repeat("![", 201), {}, nullptr),
            "<pre><code>" + Repeat("![", 201) + "</code></pre>\n");
}

TEST(MarkdownLimitsTest, IsSafeUrlKeepsWebMailAndRelativeUrlsOnly) {
  for (const char* url : {"https://example.org/x", "HTTP://EXAMPLE.ORG",
                          "mailto:a@b.org", "../reviews/x/", "#top", "?q=1",
                          "//example.org/x", "page.html", "a/b:c", ""}) {
    EXPECT_TRUE(IsSafeUrl(url)) << url;
  }
  for (const char* url :
       {"javascript:alert(1)", "JavaScript:alert(1)", " javascript:x",
        "\x01javascript:x", "java\tscript:x", "java\nscript:x", "vbscript:x",
        "data:text/html,<b>", "file:///etc/passwd", "tel:123",
        "ftp://example.org"}) {
    EXPECT_FALSE(IsSafeUrl(url)) << url;
  }
}

// Images need a description (WCAG 1.1.1): the load stage's check of every
// text reports each image without one where it is, and keeps the text
// renderable.
TEST(MarkdownLimitsTest, ReportsEveryImageWithoutADescription) {
  Diagnostics diagnostics;
  MarkdownLimits limits;
  EXPECT_TRUE(
      limits.Check("Intro ![](a.png) and ![ ](b.png).\n\n"
                   "![A chart of caseloads](c.png)\n\n"
                   "Later:\n\n  ![](d.png \"title only\")\n",
                   SourceLocation{"r.md", 5, 1},
                   /*lines_match_file=*/true, diagnostics));
  std::vector<std::string> headlines;
  for (const Diagnostic& d : diagnostics.Sorted())
    headlines.push_back(FormatDiagnosticHeadline(d));
  EXPECT_EQ(headlines,
            (std::vector<std::string>{
                "r.md:5:7: error: an image has no description (alt text)",
                "r.md:5:22: error: an image has no description (alt text)",
                "r.md:11:3: error: an image has no description (alt text)"}));

  // A text inside a YAML field: its lines are not the file's.
  Diagnostics in_field;
  EXPECT_TRUE(MarkdownLimits().Check("One.\n\n![](x.png)",
                                     SourceLocation{"r.yaml", 3, 9},
                                     /*lines_match_file=*/false, in_field));
  ASSERT_EQ(in_field.Sorted().size(), 1u);
  EXPECT_EQ(FormatDiagnosticHeadline(in_field.Sorted()[0]),
            "r.yaml:3:9: error: an image has no description (alt text) "
            "(line 3 of the text)");

  // A link with no text says nothing to a screen reader either; a short
  // link with none shows its record's title, and an image gives its link
  // its description.
  Diagnostics links;
  EXPECT_TRUE(MarkdownLimits().Check(
      "See [](https://example.org/a), [ ](https://example.org/b) and\n"
      "[\t](https://example.org/c); [](@r1) is fine, as are [**  **](x) and\n"
      "[![A chart](c.png)](https://example.org/d), <https://example.org/e>\n"
      "and [the report](https://example.org/f).\n",
      SourceLocation{"r.md", 5, 1}, /*lines_match_file=*/true, links));
  headlines.clear();
  for (const Diagnostic& d : links.Sorted())
    headlines.push_back(FormatDiagnosticHeadline(d));
  EXPECT_EQ(headlines,
            (std::vector<std::string>{"r.md:5:5: error: a link has no text",
                                      "r.md:5:32: error: a link has no text",
                                      "r.md:6:1: error: a link has no text"}));
  // Text with no bracket pair that could be empty is not parsed again.
  Diagnostics plain;
  EXPECT_TRUE(MarkdownLimits().Check("[a] and [b](https://example.org)",
                                     SourceLocation{"r.md", 1, 1}, true,
                                     plain));
  EXPECT_TRUE(plain.Sorted().empty());

  // The renderer's own re-check reports nothing: the load stage did.
  Diagnostics rendering;
  EXPECT_TRUE(
      MarkdownLimits(/*check_content=*/false)
          .Check("![](x.png)", SourceLocation{"r.md", 1, 1}, true, rendering));
  EXPECT_TRUE(rendering.Sorted().empty());
}

}  // namespace
}  // namespace scrutineer
