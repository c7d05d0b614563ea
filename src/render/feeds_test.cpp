// The text rules of the published formats: iCalendar escaping and line
// folding, XML-safe text, plain text from HTML, CSV cells and JSON safe
// inside HTML.
#include "render/feeds.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "render/open_data.h"
#include "render/page_metadata.h"

namespace scrutineer {
namespace {

TEST(CalendarTextTest, EscapesWhatRfc5545Requires) {
  struct Case {
    const char* text;
    const char* escaped;
  };
  const Case kCases[] = {
      {"Room 1, Town Hall; Wallasey", "Room 1\\, Town Hall\\; Wallasey"},
      {"a\\b", "a\\\\b"},
      {"two\nlines", "two\\nlines"},
      {"windows\r\nline", "windows\\nline"},
      {"old mac\rline", "old mac\\nline"},
      {"bell\x07 and tab\t", "bell and tab\t"},
      {"caf\xc3\xa9 \"quoted\" <b>", "caf\xc3\xa9 \"quoted\" <b>"},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(CalendarText(c.text), c.escaped) << c.text;
  }
}

TEST(FoldCalendarLinesTest, EndsLinesInCrlfAndFoldsAt75Octets) {
  std::string long_line = "SUMMARY:" + std::string(100, 'x');
  EXPECT_EQ(FoldCalendarLines("BEGIN:VEVENT\n\n" + long_line + "\r\nEND"),
            "BEGIN:VEVENT\r\n"
            "SUMMARY:" +
                std::string(67, 'x') + "\r\n " + std::string(33, 'x') +
                "\r\nEND\r\n");
  // 40 two-octet characters after 8 octets: the cut backs up to the start
  // of a character, so that no character is split.
  std::string accents;
  for (int i = 0; i < 40; ++i) accents += "\xc3\xa9";
  std::string folded = FoldCalendarLines("SUMMARY:" + accents);
  EXPECT_EQ(folded, "SUMMARY:" + accents.substr(0, 66) + "\r\n " +
                        accents.substr(66) + "\r\n");
  size_t start = 0;
  while (start < folded.size()) {
    size_t end = folded.find("\r\n", start);
    EXPECT_LE(end - start, 75u);
    start = end + 2;
  }
}

TEST(FoldCalendarLinesTest, ContinuationLinesHold74OctetsAfterTheSpace) {
  std::string folded = FoldCalendarLines(std::string(75 + 74 + 1, 'y'));
  EXPECT_EQ(folded, std::string(75, 'y') + "\r\n " + std::string(74, 'y') +
                        "\r\n y\r\n");
}

TEST(XmlSafeTest, DropsCharactersXmlForbids) {
  EXPECT_EQ(XmlSafe(std::string("a\0b\x01\x0b\x0c\x1f", 7) + "\t\n\rc"),
            "ab\t\n\rc");
}

TEST(PlainTextOfTest, DropsTagsDecodesEntitiesAndCollapsesSpace) {
  EXPECT_EQ(PlainTextOf("<p>Fish &amp; <em>chips</em> &lt;3</p>\n<ul>\n"
                        "<li>one</li>\n</ul>\n"),
            "Fish & chips <3 one");
  EXPECT_EQ(PlainTextOf("&quot;quoted&quot; &#39;too&#39; &unknown;"),
            "\"quoted\" 'too' &unknown;");
}

TEST(PlainTextOfTest, InlineTagsPartNoWordsButBlockTagsDo) {
  EXPECT_EQ(PlainTextOf("<p>See <a href=\"../m1/\">the meeting</a>.</p>"),
            "See the meeting.");
  EXPECT_EQ(PlainTextOf("<p><em>un</em>done, <STRONG>x</STRONG>y "
                        "<code>z</code>!</p>"),
            "undone, xy z!");
  EXPECT_EQ(PlainTextOf("<p>one</p><p>two</p><ul><li>three</li>"
                        "<li>four<br />five</li></ul>"),
            "one two three four five");
  // An abbreviation's tag name is not taken for <a>'s.
  EXPECT_EQ(PlainTextOf("<p>a<article>b</article>c</p>"), "a b c");
}

TEST(CsvCellTest, QuotesWhereNeededAndDefendsAgainstFormulas) {
  struct Case {
    const char* text;
    const char* cell;
  };
  const Case kCases[] = {
      {"plain", "plain"},
      {"", ""},
      {"a,b", "\"a,b\""},
      {"say \"hi\"", "\"say \"\"hi\"\"\""},
      {"two\nlines", "\"two\nlines\""},
      {" padded", "\" padded\""},
      {"=SUM(A1:A9)", "'=SUM(A1:A9)"},
      {"+44 151", "'+44 151"},
      {"- a list item", "'- a list item"},
      {"@cmd", "'@cmd"},
      {"\tindented", "'\tindented"},
      {"\rreturn", "\"'\rreturn\""},
      {"=1,2", "\"'=1,2\""},
      {"2017-06-20", "2017-06-20"},
      {"caf\xc3\xa9", "caf\xc3\xa9"},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(CsvCell(c.text), c.cell) << c.text;
  }
}

// Cells are scanned sixteen bytes at a time: each byte that makes a cell
// quoted is tried at every offset of two blocks and where the last is cut
// short, with the quotes doubled wherever they fall.
TEST(CsvCellTest, QuotesForASpecialByteAnywhere) {
  for (const std::string special : {",", "\"", "\r", "\n", "\"\""}) {
    for (size_t at = 0; at < 40; ++at) {
      for (size_t after : {0, 1, 15, 19}) {
        // Never first: a cell starting with "\r" is defended as a formula.
        const std::string before = "x" + std::string(at, 'a');
        const std::string rest(after, 'z');
        std::string doubled;
        for (char c : special) doubled += c == '"' ? "\"\"" : std::string(1, c);
        EXPECT_EQ(CsvCell(before + special + rest),
                  "\"" + before + doubled + rest + "\"")
            << at << " " << after;
      }
    }
  }
  EXPECT_EQ(CsvCell(std::string(40, 'a')), std::string(40, 'a'));
}

TEST(CsvTextTest, WritesAHeaderAndCrlfRows) {
  CsvTable table{{"id", "text"}, {{"r1", "Do this, then that."}, {"r2", ""}}};
  EXPECT_EQ(CsvText(table), "id,text\r\nr1,\"Do this, then that.\"\r\nr2,\r\n");
}

TEST(HtmlSafeJsonTest, NoValueCanCloseTheScriptElement) {
  nlohmann::ordered_json json = {{"name", "</script><script>alert(1)</script>"},
                                 {"and", "a & b > c"}};
  std::string text = HtmlSafeJson(json.dump());
  EXPECT_EQ(text,
            "{\"name\":\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"
            "\\u003c/script\\u003e\",\"and\":\"a \\u0026 b \\u003e c\"}");
  EXPECT_EQ(nlohmann::ordered_json::parse(text), json);
}

TEST(HtmlSafeJsonTest, EscapesTheLineSeparatorsOfJavaScript) {
  nlohmann::ordered_json json = {{"title", "A\u2028B\u2029C \u2027\u202a"}};
  std::string text = HtmlSafeJson(json.dump());
  EXPECT_EQ(text, "{\"title\":\"A\\u2028B\\u2029C \u2027\u202a\"}");
  EXPECT_EQ(nlohmann::ordered_json::parse(text), json);
}

// Each byte that needs escaping, and the lead byte of the separators in
// other characters, at every offset of a text longer than one 16-byte block.
TEST(HtmlSafeJsonTest, EscapesEachSpecialByteWhereverItIs) {
  const std::pair<std::string, std::string> cases[] = {
      {"<", "\\u003c"},         {">", "\\u003e"},
      {"&", "\\u0026"},         {"\u2028", "\\u2028"},
      {"\u2029", "\\u2029"},    {"\u20ac", "\u20ac"},  // E2 82 AC: kept
      {"\xe2\x80", "\xe2\x80"},  // cut short at the end: kept
  };
  for (const auto& [special, escaped] : cases) {
    for (size_t before = 0; before < 40; ++before) {
      for (size_t after : {size_t{0}, size_t{1}, size_t{17}}) {
        if (special.size() == 2 && after != 0) continue;  // only at the end
        const std::string text =
            std::string(before, 'a') + special + std::string(after, 'b');
        EXPECT_EQ(HtmlSafeJson(text),
                  std::string(before, 'a') + escaped + std::string(after, 'b'))
            << before << " " << after;
      }
    }
  }
}

}  // namespace
}  // namespace scrutineer
