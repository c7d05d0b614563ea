#include "link/link_checker.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "link/html_links.h"
#include "write/output_tree.h"

namespace scrutineer {
namespace {

// A site made by hand: records with their files' text, and the pages the
// render stage would have made of them. The checker needs nothing else.
class LinkCheckerTest : public ::testing::Test {
 protected:
  void AddRecord(RecordKind kind, const std::string& id,
                 const std::string& path, const std::string& text) {
    site_.source_paths.push_back(std::make_shared<const std::string>(path));
    Record record;
    record.kind = kind;
    record.id.value = id;
    record.file_text = std::make_shared<const std::string>(text);
    record.location = SourceLocation{*site_.source_paths.back(), 1, 1};
    site_.records.push_back(std::move(record));
  }

  void AddPage(const std::string& path, const std::string& body) {
    out_.Add(path,
             "<!DOCTYPE html><html><head><link rel=\"stylesheet\" "
             "href=\"" +
                 Root(path) + "theme/site.css\"></head><body>" + body +
                 "</body></html>");
  }

  static std::string Root(const std::string& path) {
    std::string root;
    for (char c : path) {
      if (c == '/') root += "../";
    }
    return root;
  }

  static std::vector<std::string> Lines(const Diagnostics& diagnostics) {
    std::vector<std::string> lines;
    for (const Diagnostic& d : diagnostics.Sorted()) {
      lines.push_back(FormatDiagnosticHeadline(d) + " | " + d.hint);
    }
    return lines;
  }

  // The pages of out_, read as serve reads them (OutputTree::ReadEach).
  static void Scan(const OutputTree& out, LinkScanner* scanner) {
    out.ReadEach([scanner](const std::string& path, std::string_view bytes) {
      scanner->WriteFile(path, &bytes, 1);
    });
  }

  // Every diagnostic as "headline | note", found in the pages of out_ as
  // serve finds them. check's way, each page handed to a LinkScanner as it
  // is added to a write-through tree, must find the very same.
  std::vector<std::string> Check(const FileSystem* templates = nullptr) {
    LinkScanner read;
    Scan(out_, &read);
    Diagnostics diagnostics;
    EXPECT_TRUE(CheckLinks(site_, out_, read, diagnostics, nullptr, templates));
    std::vector<std::string> lines = Lines(diagnostics);
    LinkScanner scanner;
    OutputTree through(&scanner);
    for (const auto& [path, contents] : out_.files()) {
      through.Add(path, contents);
    }
    Diagnostics scanned;
    CheckLinks(site_, through, scanner, scanned, nullptr, templates);
    EXPECT_EQ(Lines(scanned), lines) << "found through a write-through tree";
    return lines;
  }

  void SetUp() override {
    out_.Add("theme/site.css", "body{}");
    out_.Add("theme/my font.woff2", "font");
    AddPage("index.html", "<a href=\"reviews/\">Reviews</a>");
    AddPage("404.html", "<a href=\"/\">Home</a>");
    AddPage("reviews/index.html", "<a href=\"../meetings/m1/\">M1</a>");
    AddPage("meetings/index.html", "<h2 id=\"upcoming\">Upcoming</h2>");
    AddPage("meetings/m1/index.html", "<h2 id=\"minutes-heading\">M</h2>");
  }

  Site site_;
  OutputTree out_;
};

TEST_F(LinkCheckerTest, AcceptsEveryFormOfGoodLink) {
  AddRecord(RecordKind::kReview, "rev", "content/reviews/rev.md", "---\n");
  AddPage("reviews/rev/index.html",
          "<main id=\"main\">"
          "<a href=\"../../meetings/m1/\">folder</a>"
          "<a href=\"../../meetings/m1/index.html\">file</a>"
          "<a href=\"../../meetings/m1\">folder without its slash</a>"
          "<a href=\"../../meetings/m1/#minutes-heading\">anchor</a>"
          "<a href=\"../../meetings/?sort=date#upcoming\">query</a>"
          "<a href=\"#main\">same page</a><a href=\"#\">top</a>"
          "<a href=\"#top\">top</a><a href=\"./\">itself</a>"
          "<a href=\"/meetings/\">from the host root</a>"
          "<a href=\"https://example.org/x\">other site</a>"
          "<a href=\"//cdn.example.org/x\">other host</a>"
          "<a href=\"mailto:scrutiny@example.gov.uk\">mail</a>"
          "<a href=\"tel:+441234\">phone</a>"
          "<img src=\"../../theme/my%20font.woff2\" alt=\"\">"
          "<a href='../../' title=x>single quotes</a>"
          "<a href=../../meetings/>unquoted</a>"
          "<!-- <a href=\"nowhere/\">commented out</a> -->"
          "<script>var html = '<a href=\"nowhere/\">';</script>"
          "</main>");
  EXPECT_EQ(Check(), std::vector<std::string>{});
}

TEST_F(LinkCheckerTest, ReportsBrokenLinkAtItsPlaceInTheRecordFile) {
  AddRecord(RecordKind::kReview, "rev", "content/reviews/rev.md",
            "---\nid: rev\ntitle: R\n---\nSee the [minutes](../../meetings/"
            "m2/) of May.\n");
  AddPage("reviews/rev/index.html",
          "<p>See the <a href=\"../../meetings/m2/\">minutes</a> of May.</p>");
  EXPECT_EQ(Check(),
            std::vector<std::string>{
                "content/reviews/rev.md:5:19: error: broken link "
                "'../../meetings/m2/': nothing at 'meetings/m2/' | on page "
                "'reviews/rev/'; link to a record by its id: [words](@id)"});
}

// Each broken link at the place it is written: not at an earlier link whose
// address starts the same, each of two at its own line, and written with an
// entity or in angle brackets with a space as well as plainly.
TEST_F(LinkCheckerTest, ReportsEachBrokenLinkWhereItIsWritten) {
  AddRecord(RecordKind::kReview, "rev", "content/reviews/rev.md",
            "---\nid: rev\ntitle: R\n---\n"
            "first [a](../../nope-a)\n"
            "then [b](../../nope) and [c](../../nope \"title\")\n"
            "[d](../../a&amp;b) [e](<../../sp ace>) [f][ref]\n"
            "\n[ref]: ../../by-reference\n");
  AddPage("reviews/rev/index.html",
          "<a href=\"../../nope-a\">a</a><a href=\"../../nope\">b</a>"
          "<a href=\"../../nope\" title=\"title\">c</a>"
          "<a href=\"../../a&amp;b\">d</a><a href=\"../../sp%20ace\">e</a>"
          "<a href=\"../../by-reference\">f</a>");
  const std::string kNote =
      " | on page 'reviews/rev/'; link to a record by its id: [words](@id)";
  EXPECT_EQ(
      Check(),
      (std::vector<std::string>{
          "content/reviews/rev.md:5:11: error: broken link '../../nope-a': "
          "nothing at 'nope-a'" +
              kNote,
          "content/reviews/rev.md:6:10: error: broken link '../../nope': "
          "nothing at 'nope'" +
              kNote,
          "content/reviews/rev.md:6:30: error: broken link '../../nope': "
          "nothing at 'nope'" +
              kNote,
          "content/reviews/rev.md:7:5: error: broken link '../../a&b': "
          "nothing at 'a&b'" +
              kNote,
          "content/reviews/rev.md:7:25: error: broken link '../../sp%20ace': "
          "nothing at 'sp ace'" +
              kNote,
          "content/reviews/rev.md:9:8: error: broken link "
          "'../../by-reference': nothing at 'by-reference'" +
              kNote}));
}

// Serve stops the check of a build replaced or patched: it says it did not
// finish, and a check not stopped says it did.
TEST_F(LinkCheckerTest, StopsWhenAskedAndSaysSo) {
  AddPage("reviews/rev/index.html", "<a href=\"../../nowhere/\">x</a>");
  LinkScanner scanner;
  Scan(out_, &scanner);
  std::atomic<bool> stop{true};
  Diagnostics stopped;
  EXPECT_FALSE(CheckLinks(site_, out_, scanner, stopped, &stop));
  stop = false;
  Diagnostics finished;
  EXPECT_TRUE(CheckLinks(site_, out_, scanner, finished, &stop));
  EXPECT_EQ(finished.error_count(), 1);
}

TEST_F(LinkCheckerTest, ReportsBadAnchorWithTheClosestId) {
  AddRecord(RecordKind::kReview, "rev", "content/reviews/rev.md",
            "---\nid: rev\n---\nThe [minutes](../../meetings/m1/"
            "#minutes-headin).\n");
  AddPage("reviews/rev/index.html",
          "<a href=\"../../meetings/m1/#minutes-headin\">minutes</a>");
  EXPECT_EQ(Check(), std::vector<std::string>{
                         "content/reviews/rev.md:4:15: error: broken anchor "
                         "'../../meetings/m1/#minutes-headin': page "
                         "'meetings/m1/' has no id 'minutes-headin' | did you "
                         "mean '#minutes-heading'? on page 'reviews/rev/'"});
}

TEST_F(LinkCheckerTest, ReportsLinksFromTemplatesAtTheTemplate) {
  const std::string kInTemplate =
      "; the link is in this template, a partial it includes, or "
      "templates/layout.mustache";
  AddRecord(RecordKind::kMeeting, "m9", "content/meetings/m9.md", "---\n");
  AddPage("meetings/m9/index.html", "<a href=\"#minutes\">Minutes</a>");
  AddPage("papers/index.html", "<a href=\"../paper/\">typo</a>");
  out_.Add("index.html", "<a href=\"reviews/#latest\">Latest</a>");
  EXPECT_EQ(
      Check(),
      (std::vector<std::string>{
          "templates/home.mustache: error: broken anchor 'reviews/#latest': "
          "page 'reviews/' has no id 'latest' | on page '/'" +
              kInTemplate,
          "templates/list.mustache: error: broken link '../paper/': nothing "
          "at 'paper/' | on page 'papers/'" +
              kInTemplate,
          // A record's page, but the link is not in the record's file: no
          // hint about links in Markdown.
          "templates/meeting.mustache: error: broken anchor '#minutes': page "
          "'meetings/m9/' has no id 'minutes' | on page 'meetings/m9/'" +
              kInTemplate,
      }));
}

// A bad link in the layout is on every page: one report per template and
// target, not one per page (18,000 at 10,000 recommendations).
TEST_F(LinkCheckerTest, ReportsATemplatesBadLinkOnceForAllItsPages) {
  for (const char* id : {"m7", "m8", "m9"}) {
    AddRecord(RecordKind::kMeeting, id,
              std::string("content/meetings/") + id + ".md", "---\n");
    AddPage(std::string("meetings/") + id + "/index.html",
            "<a href=\"../../nowhere/\">x</a>");
  }
  AddPage("papers/index.html", "<a href=\"../nowhere/\">x</a>");
  EXPECT_EQ(
      Check(),
      (std::vector<std::string>{
          "templates/list.mustache: error: broken link '../nowhere/': "
          "nothing at 'nowhere/' | on page 'papers/'; the link is in this "
          "template, a partial it includes, or templates/layout.mustache",
          "templates/meeting.mustache: error: broken link '../../nowhere/': "
          "nothing at 'nowhere/' | on page 'meetings/m7/' and 2 other pages "
          "made with this template; the link is in this template, a partial "
          "it includes, or templates/layout.mustache",
      }));
}

// Given the site's templates, a link they write is reported where it is
// written, once for all the pages of every template that includes it.
TEST_F(LinkCheckerTest, FindsATemplatesBadLinkInTheTemplateThatWritesIt) {
  MemoryFileSystem templates;
  templates.AddFile("templates/meeting.mustache", "<h1>{{title}}</h1>\n");
  templates.AddFile("templates/layout.mustache",
                    "<body>\n  <a href=\"{{root}}nowhere/\">x</a>\n"
                    "{{{content}}}</body>\n");
  templates.AddFile("templates/partials/minutes.mustache",
                    "<a href=\"#minutes\">Minutes</a>\n");
  for (const char* id : {"m7", "m8"}) {
    AddRecord(RecordKind::kMeeting, id,
              std::string("content/meetings/") + id + ".md", "---\n");
    AddPage(std::string("meetings/") + id + "/index.html",
            "<a href=\"../../nowhere/\">x</a><a href=\"#minutes\">M</a>");
  }
  AddPage("papers/index.html", "<a href=\"../nowhere/\">x</a>");
  EXPECT_EQ(Check(&templates),
            (std::vector<std::string>{
                "templates/layout.mustache:2:20: error: broken link "
                "'../../nowhere/': nothing at 'nowhere/' | on page "
                "'meetings/m7/' and 2 other pages",
                "templates/partials/minutes.mustache:1:10: error: broken "
                "anchor '#minutes': page 'meetings/m7/' has no id 'minutes' "
                "| on page 'meetings/m7/' and 1 other page",
            }));
}

TEST_F(LinkCheckerTest, ReportsLinksThatLeaveTheSite) {
  AddPage("reviews/x.html",
          "<a href=\"../../elsewhere/\">up too far</a>"
          "<a href=\"../%2e%2e/elsewhere/\">encoded</a>");
  EXPECT_EQ(Check(),
            (std::vector<std::string>{
                "templates: error: link '../%2e%2e/elsewhere/' leads outside "
                "the site | on page 'reviews/x.html'; the site's root is '/'",
                "templates: error: link '../../elsewhere/' leads outside the "
                "site | on page 'reviews/x.html'; the site's root is '/'",
            }));
}

// Under a sub-path, a link from the host root must stay under it, and the
// site's own absolute URLs (canonical links) are checked like relative ones.
TEST_F(LinkCheckerTest, ResolvesLinksUnderTheBaseUrlsPath) {
  site_.config.base_url = "https://example.gov.uk/scrutiny/";
  out_.Add("404.html",
           "<a href=\"/scrutiny/\">Home</a><a href=\"/scrutiny/meetings/\">M"
           "</a><a href=\"/scrutiny\">no slash</a><a href=\"/meetings/\">"
           "wrong root</a>");
  out_.Add("meetings/m1/index.html",
           "<link rel=\"canonical\" href=\"https://example.gov.uk/scrutiny/"
           "meetings/m1/\"><link rel=\"canonical\" href=\"https://"
           "example.gov.uk/scrutiny/meetings/m3/\"><a href=\"https://"
           "example.gov.uk/other/\">the council's other pages</a>");
  EXPECT_EQ(Check(),
            (std::vector<std::string>{
                "templates: error: broken link 'https://example.gov.uk/"
                "scrutiny/meetings/m3/': nothing at 'meetings/m3/' | on page "
                "'meetings/m1/'",
                "templates/404.mustache: error: link '/meetings/' leads "
                "outside the site | on page '404.html'; the site's root is "
                "'/scrutiny/'; the link is in this template, a partial it "
                "includes, or templates/layout.mustache",
            }));
}

TEST(HtmlLinksTest, FindsLinksAndIdsWithEntitiesDecoded) {
  HtmlLinks scan = ScanHtml(
      "<A HREF=\"a?x=1&amp;y=2\">x</A><img src='i.png' id=\"pic\">"
      "<h2 id=\"caf&#233;\">Caf&eacute;</h2><a name=old></a>"
      "<p data-href=\"not-a-link\" title=\"a > b\">t</p>"
      "<style>a[href=\"x\"]{}</style><textarea><a href=\"no\"></textarea>"
      "<a href=\"&#x2F;b\">b</a><a href>empty</a>");
  std::vector<std::string> urls;
  for (const HtmlLink& link : scan.links) {
    urls.push_back(link.tag + " " + link.attribute + " " + link.url);
  }
  EXPECT_EQ(urls, (std::vector<std::string>{"a href a?x=1&y=2", "img src i.png",
                                            "a href /b"}));
  EXPECT_EQ(scan.ids, (std::set<std::string>{"caf\xC3\xA9", "old", "pic"}));
  EXPECT_EQ(scan.links[0].offset, 9u);
}

// check renders into a LinkScanner: of each HTML page it keeps the URLs, in
// page order and decoded, and the ids, whether the page came whole or in
// pieces; every other file is let go.
TEST(LinkScannerTest, KeepsEachPagesLinksAndIdsAndNothingElse) {
  LinkScanner scanner;
  OutputTree out(&scanner);
  out.Add("a/index.html",
          "<a href=\"x/\">x</a><h2 id=\"one\">1</h2><img src=\"p&amp;q.png\">");
  out.AddPieces("b.html", {"<a hr", "ef=\"../y#z\" id=\"tw", "o\">y</a>"});
  out.Add("data/x.json", "{\"href\": \"<a href=\\\"no\\\">\"}");
  out.Add("theme/site.css", "a{}");
  ASSERT_EQ(scanner.pages().size(), 2u);
  const PageLinks& a = scanner.pages().at("a/index.html");
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a.url(0), "x/");
  EXPECT_EQ(a.url(1), "p&q.png");
  EXPECT_EQ(a.ids, std::set<std::string>{"one"});
  const PageLinks& b = scanner.pages().at("b.html");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b.url(0), "../y#z");
  EXPECT_EQ(b.ids, std::set<std::string>{"two"});
  // The tree knows every file's path, and holds none of their bytes.
  EXPECT_TRUE(out.Has("data/x.json"));
  EXPECT_TRUE(out.Has("theme/site.css"));
  EXPECT_FALSE(out.Has("theme"));
  EXPECT_EQ(out.Find("a/index.html"), nullptr);
  // A build with errors still hands its pages on: check reports broken
  // links alongside the content's errors.
  out.StopWriting();
  out.Add("c.html", "<a href=\"after\">after</a>");
  ASSERT_EQ(scanner.pages().count("c.html"), 1u);
  EXPECT_EQ(scanner.pages().at("c.html").url(0), "after");
}

// Two pages at one file fail the build (the render stage reports it), but
// check still reads their links: the scanner keeps the same one of the two
// whichever came first, so that check says the same on every run.
TEST(LinkScannerTest, KeepsTheSamePageOfTwoAtOneFileInEitherOrder) {
  const std::string first = "<a href=\"a/\">a</a>";
  const std::string second = "<a href=\"b/\">b</a><p id=\"x\">";
  for (bool swapped : {false, true}) {
    LinkScanner scanner;
    OutputTree out(&scanner);
    EXPECT_TRUE(out.Add("p/index.html", swapped ? second : first));
    EXPECT_FALSE(out.Add("p/index.html", swapped ? first : second));
    const PageLinks& kept = scanner.pages().at("p/index.html");
    ASSERT_EQ(kept.size(), 1u) << swapped;
    EXPECT_EQ(kept.url(0), "a/") << swapped;
    EXPECT_TRUE(kept.ids.empty()) << swapped;
  }
}

TEST(HtmlLinksTest, DecodesCharacterReferences) {
  const std::pair<const char*, const char*> cases[] = {
      {"a&amp;b", "a&b"},       {"&lt;&gt;&quot;&apos;", "<>\"'"},
      {"&#39;&#x27;", "''"},    {"&unknown;", "&unknown;"},
      {"&#0;", "\xEF\xBF\xBD"}, {"&#x110000;", "\xEF\xBF\xBD"},
      {"& alone", "& alone"},   {"&#xZZ;", "&#xZZ;"},
  };
  for (const auto& [input, expected] : cases) {
    EXPECT_EQ(DecodeHtmlAttribute(input), expected) << input;
  }
}

}  // namespace
}  // namespace scrutineer
