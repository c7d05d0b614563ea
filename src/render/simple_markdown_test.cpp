#include "render/simple_markdown.h"

#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <string>
#include <vector>

#include "render/markdown.h"

namespace scrutineer {
namespace {

// Knows records with a plain address and a title with characters to
// escape, without a title, with an address that cmark-gfm would escape,
// with a scheme it leaves out, and with an absolute address.
std::optional<ResolvedLink> Resolve(std::string_view id) {
  if (id == "review-1/r2") {
    return ResolvedLink{"../../reviews/review-1/r2/",
                        "Fund \"the\" <library> & more"};
  }
  if (id == "untitled") return ResolvedLink{"../untitled/#top", ""};
  if (id == "odd") return ResolvedLink{"../search/?q=a&b", "Odd"};
  if (id == "local") return ResolvedLink{"file:///site/local/", "Local"};
  if (id == "absolute") {
    return ResolvedLink{"https://example.gov.uk:8080/s/absolute/", "Abs"};
  }
  return std::nullopt;
}

struct Case {
  const char* name;
  std::string markdown;
  std::string html;
};

TEST(SimpleMarkdownTest, RendersAsCmarkGfmDoes) {
  const std::vector<Case> cases = {
      {"a sentence", "The Council should review the policy.\n",
       "<p>The Council should review the policy.</p>\n"},
      {"lines joined by soft breaks",
       "Members asked (again) for a report;\n2019 figures were 45% higher.",
       "<p>Members asked (again) for a report;\n"
       "2019 figures were 45% higher.</p>\n"},
      {"quotes", "The \"Early Help\" team's plan",
       "<p>The &quot;Early Help&quot; team's plan</p>\n"},
      {"paragraphs and a list",
       "First.\n\n- One item\n- **Two** items\n\n\nLast line.\n",
       "<p>First.</p>\n<ul>\n<li>One item</li>\n<li><strong>Two</strong> "
       "items</li>\n</ul>\n<p>Last line.</p>\n"},
      {"ampersands", "Health & Wellbeing &\n\n- Us & them",
       "<p>Health &amp; Wellbeing &amp;</p>\n<ul>\n<li>Us &amp; them</li>\n"
       "</ul>\n"},
      {"a heading, one level down",
       "## Background\n\nText *with* emphasis (*see*) and **Note:** this.",
       "<h3>Background</h3>\n<p>Text <em>with</em> emphasis (<em>see</em>) "
       "and <strong>Note:</strong> this.</p>\n"},
      {"a deep heading stays at six", "###### Deep", "<h6>Deep</h6>\n"},
      {"short links",
       "See [the review](@review-1/r2), [](@review-1/r2), [](@untitled) and "
       "[gone](@unknown).",
       "<p>See <a href=\"../../reviews/review-1/r2/\">the review</a>, "
       "<a href=\"../../reviews/review-1/r2/\">Fund &quot;the&quot; "
       "&lt;library&gt; &amp; more</a>, <a href=\"../untitled/#top\">"
       "untitled</a> and gone.</p>\n"},
      {"an absolute address", "[Here](@absolute)",
       "<p><a href=\"https://example.gov.uk:8080/s/absolute/\">Here</a></p>\n"},
      {"a table",
       "| Team | *Q1* | Q2 | Q3 |\n| --- | ---: | :---: | :- |\n"
       "| [Oak](@untitled) 1 |  47 | | 3 |\n| Ash 2 | 5 | 6 | 7 |\n\nAfter.",
       "<table>\n<thead>\n<tr>\n<th>Team</th>\n"
       "<th style=\"text-align: right\"><em>Q1</em></th>\n"
       "<th style=\"text-align: center\">Q2</th>\n"
       "<th style=\"text-align: left\">Q3</th>\n</tr>\n</thead>\n<tbody>\n"
       "<tr>\n<td><a href=\"../untitled/#top\">Oak</a> 1</td>\n"
       "<td style=\"text-align: right\">47</td>\n"
       "<td style=\"text-align: center\"></td>\n"
       "<td style=\"text-align: left\">3</td>\n</tr>\n"
       "<tr>\n<td>Ash 2</td>\n<td style=\"text-align: right\">5</td>\n"
       "<td style=\"text-align: center\">6</td>\n"
       "<td style=\"text-align: left\">7</td>\n</tr>\n</tbody>\n</table>\n"
       "<p>After.</p>\n"},
      {"a table without a body", "| a |\n| - |",
       "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n</table>\n"},
      {"emphasis around a link",
       "- **Read [it](@review-1/r2)** now\n- [x](@unknown) *first*",
       "<ul>\n<li><strong>Read <a href=\"../../reviews/review-1/r2/\">it</a>"
       "</strong> now</li>\n<li>x <em>first</em></li>\n</ul>\n"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const std::optional<std::string> html =
        RenderSimpleMarkdown(c.markdown, {}, Resolve);
    ASSERT_TRUE(html.has_value());
    EXPECT_EQ(*html, c.html);
    EXPECT_EQ(*html, RenderMarkdownThroughCmark(c.markdown, {}, Resolve));
  }
  MarkdownOptions flat;
  flat.heading_offset = 0;
  EXPECT_EQ(RenderSimpleMarkdown("# Top", flat, Resolve), "<h1>Top</h1>\n");
}

TEST(SimpleMarkdownTest, LeavesEverythingElseToCmarkGfm) {
  for (const char* markdown : {"",
                               "\n",
                               "1. An item",
                               "2019) An item",
                               "+ An item",
                               "* An item",
                               "***",
                               "-",
                               "- ",
                               "-  Two spaces",
                               "- - Nested",
                               "- 1. Nested",
                               "- a\n\n- b",
                               "- a\nlazy",
                               "Paragraph\n- item",
                               "# Heading\ntext",
                               "Text\n# Heading",
                               "- item\n# Heading",
                               "#5 on the list",
                               "####### Seven",
                               "## Closed ##",
                               "##  Two spaces",
                               "| a |",
                               "| a |\n| b |",
                               "| a |\n| :: |",
                               "| a | b |\n| --- |",
                               "| a |\n| --- |\n| b | c |",
                               "| a |\n| --- |\ntext",
                               "| a |\n| --- |\n- item",
                               "Text\n| a |\n| --- |",
                               "| a |\n| --- |\n\n| b |",
                               "a | b",
                               "| a\n| --- |",
                               "Title\n---",
                               "Title\n===",
                               "    code",
                               " Indented",
                               "> quote",
                               "a*b*",
                               "a *b",
                               "a **b*",
                               "a ***b***",
                               "a * b *",
                               "a *b*c",
                               "a *b\nc*",
                               "a *(b)*",
                               "a *b.*c",
                               "a _b_",
                               "a &amp; b",
                               "a &#38; b",
                               "a &copy",
                               "a&b",
                               "[a & b](@untitled)",
                               "a < b",
                               "a | b",
                               "a ~b~",
                               "a `b`",
                               "a [b]",
                               "a [b](c)",
                               "a ![b](@review-1/r2)",
                               "a [b](@review-1/r2 \"t\")",
                               "a [b *c*](@review-1/r2)",
                               "a [b](@odd)",
                               "a [b](@local)",
                               "a [b](@ x)",
                               "a [b](@)",
                               "mail a@b.org",
                               "a\\b",
                               "a\tb",
                               "a\r\nb",
                               "hard  \nbreak",
                               "ends in a space ",
                               "see www.example.org",
                               "see WWW.EXAMPLE.ORG",
                               "see http://example.org",
                               "\xff invalid"}) {
    SCOPED_TRACE(markdown);
    EXPECT_FALSE(RenderSimpleMarkdown(markdown, {}, Resolve).has_value());
  }
}

// Every byte at every place of a line long enough for the sixteen-byte
// scans, on both sides of each block's edges: rendered as cmark-gfm
// renders it.
TEST(SimpleMarkdownTest, AgreesWithCmarkGfmOnEveryByteAtEveryPlace) {
  const std::string line = "The council reviewed 2019 plans and ONE more";
  int fast = 0;
  for (int byte = 1; byte < 256; ++byte) {
    for (size_t at = 1; at <= line.size(); ++at) {
      std::string text = line;
      text.insert(at, 1, static_cast<char>(byte));
      SCOPED_TRACE(text);
      fast += RenderSimpleMarkdown(text, {}, Resolve).has_value();
      ASSERT_EQ(RenderMarkdown(text, {}, Resolve),
                RenderMarkdownThroughCmark(text, {}, Resolve));
    }
  }
  // Letters, digits, the punctuation without a meaning and '&' before a
  // space, at most places.
  EXPECT_GT(fast, 80 * 40);
}

// Random texts: blocks of simple Markdown, joined as simple Markdown joins
// them or not, with a random piece (of simple Markdown or of anything
// else) dropped in at a random place in many. Every one renders as
// cmark-gfm renders it, and many of each kind of simple Markdown take the
// fast path.
TEST(SimpleMarkdownTest, AgreesWithCmarkGfmOnRandomTexts) {
  const std::vector<std::string> words = {"The",
                                          "council",
                                          "w",
                                          "2019",
                                          "3",
                                          "1.",
                                          "2)",
                                          "(a)",
                                          "it's",
                                          "\"so\"",
                                          "45%",
                                          "/",
                                          "!",
                                          "-",
                                          "+",
                                          "=",
                                          "$",
                                          "\xc3\xa9t\xc3\xa9",
                                          "\xe2\x80\x94",
                                          "*a*",
                                          "**b**",
                                          "*c d*",
                                          "**e.**",
                                          "(*f*)",
                                          "\"*g*\"",
                                          "*h*,",
                                          "**i**:",
                                          "[a](@review-1/r2)",
                                          "[](@review-1/r2)",
                                          "[](@untitled)",
                                          "[b c](@unknown)",
                                          "[](@unknown)",
                                          "[d](@odd)",
                                          "**[e](@untitled)**",
                                          "[f](@local)",
                                          "[g](@absolute)"};
  const std::vector<std::string> pieces = {
      " ",   "  ",   "\n",  "\n\n", "\n- ",     "- ",  "# ", "\n## ",
      ",",   ".",    ";",   ":",    "'",        "\"",  "(",  ")",
      "?",   "*",    "**",  "***",  "_",        "#",   ">",  "|",
      "@",   "www.", "://", "&",    "<",        "\\",  "`",  "~",
      "[",   "]",    "](@", "(@",   "!",        "\t",  "\r", "---",
      "===", "1. ",  "* ",  "    ", "\xc2\xa0", "\xc3"};
  std::mt19937 random(20261128);
  const auto pick = [&random](const std::vector<std::string>& from) {
    return from[std::uniform_int_distribution<size_t>(0,
                                                      from.size() - 1)(random)];
  };
  const auto line = [&] {
    std::string text = random() % 4 == 0 ? pick(words) : "Word";
    for (int n = static_cast<int>(random() % 8); n > 0; --n) {
      text += ' ';
      text += random() % 3 == 0 ? pick(words) : "word";
    }
    return text;
  };
  int fast = 0, lists = 0, headings = 0, emphasis = 0, links = 0, tables = 0;
  for (int i = 0; i < 40000; ++i) {
    std::string text;
    for (int blocks = 1 + static_cast<int>(random() % 4); blocks > 0;
         --blocks) {
      if (!text.empty()) text += random() % 8 == 0 ? "\n" : "\n\n";
      switch (random() % 4) {
        case 3: {
          const int columns = 1 + static_cast<int>(random() % 3);
          const auto table_row = [&](bool delimiters) {
            std::string row = "|";
            for (int c = 0; c < columns; ++c) {
              row += ' ';
              row += delimiters ? pick({"---", ":--", "--:", ":-:", "-"})
                     : random() % 5 == 0 ? ""
                                         : line();
              row += " |";
            }
            return row;
          };
          text += table_row(false) + "\n" + table_row(true);
          for (int rows = static_cast<int>(random() % 3); rows > 0; --rows) {
            text += "\n" + table_row(false);
          }
          break;
        }
        case 0:
          text += std::string(1 + random() % 7, '#') + " " + line();
          break;
        case 1:
          for (int items = 1 + static_cast<int>(random() % 3); items > 0;
               --items) {
            text += "- " + line() + (items > 1 ? "\n" : "");
          }
          break;
        default:
          for (int lines = 1 + static_cast<int>(random() % 3); lines > 0;
               --lines) {
            text += line() + (lines > 1 ? "\n" : "");
          }
      }
    }
    if (random() % 2 == 0) {
      text.insert(random() % (text.size() + 1), pick(pieces));
    }
    SCOPED_TRACE(text);
    const std::optional<std::string> html =
        RenderSimpleMarkdown(text, {}, Resolve);
    ASSERT_EQ(RenderMarkdown(text, {}, Resolve),
              RenderMarkdownThroughCmark(text, {}, Resolve));
    if (!html) continue;
    ++fast;
    lists += html->find("<li>") != std::string::npos;
    headings += html->find("<h") != std::string::npos;
    emphasis += html->find("<em>") != std::string::npos ||
                html->find("<strong>") != std::string::npos;
    links += html->find("<a ") != std::string::npos;
    tables += html->find("<table>") != std::string::npos;
  }
  EXPECT_GT(fast, 8000);
  EXPECT_GT(lists, 3000);
  EXPECT_GT(headings, 3000);
  EXPECT_GT(emphasis, 3000);
  EXPECT_GT(links, 2000);
  EXPECT_GT(tables, 2000);
}

}  // namespace
}  // namespace scrutineer
