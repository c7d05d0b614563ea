#include "render/render_site.h"

#include <gtest/gtest.h>

#include "pipeline.h"
#include "write/file_system.h"

namespace scrutineer {
namespace {

// Templates small enough to read in a test: each prints the data the engine
// gives it, so the tests look at the data, not at the theme.
void AddTemplates(MemoryFileSystem* files) {
  files->AddFile("templates/layout.mustache",
                 "[{{page_title}}|{{root}}]{{{content}}}");
  files->AddFile("templates/home.mustache",
                 "{{#reviews}}{{title}};{{/reviews}}");
  files->AddFile("templates/list.mustache",
                 "{{count}}:{{#items}}{{href}} {{/items}}");
  files->AddFile("templates/404.mustache", "<a href=\"{{root}}\">home</a>");
  for (const char* page : {"tracker", "changes", "changes_index", "downloads",
                           "search", "accessibility", "atom.xml",
                           "calendar.ics", "sitemap.xml", "robots.txt"}) {
    files->AddFile(std::string("templates/") + page + ".mustache",
                   "{{page_title}}");
  }
  files->AddFile(
      "templates/partials/date.mustache",
      "{{#unknown}}unknown({{unknown}}){{/unknown}}{{^unknown}}{{text}}"
      "{{#inferred}} inferred({{inferred}}){{/inferred}}{{/unknown}}");
  for (const char* kind : {"organisation", "committee", "person", "paper",
                           "workshop", "timeline"}) {
    files->AddFile(std::string("templates/") + kind + ".mustache",
                   "{{page_title}}");
  }
  files->AddFile(
      "templates/review.mustache",
      "{{record.title}}|{{#record.reported}}{{> date}}{{/record.reported}}"
      "|{{#headings}}{{number}}:{{#recommendations}}{{href}},"
      "{{/recommendations}};{{/headings}}");
  files->AddFile(
      "templates/recommendation.mustache",
      "{{{record.text}}}|{{#history}}{{date}}={{#covered}}{{#status}}"
      "{{label}}{{/status}}:{{{text_html}}}{{/covered}}{{^covered}}"
      "none{{/covered}};"
      "{{/history}}|{{#backlinks}}{{label}}:{{#items}}{{href}}({{via}})"
      "{{/items}};{{/backlinks}}");
  files->AddFile("templates/update.mustache",
                 "{{#entries}}{{number}};{{/entries}}|missing:{{#missing}}"
                 "{{title}};{{/missing}}|{{#record.author}}{{name}} as "
                 "{{as_written}}{{/record.author}}");
  files->AddFile(
      "templates/meeting.mustache",
      "{{page_title}}|{{#record.date}}{{> date}}{{/record.date}}|"
      "{{#record.committee}}{{#unknown}}unknown({{unknown}}){{/unknown}}"
      "{{/record.committee}}");
}

class RenderSiteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    AddTemplates(&files_);
    files_.AddFile("site.yaml", "title: Test site\n");
    files_.AddFile("content/reviews/rev.md",
                   "---\nid: rev\ntitle: A {{site.title}} review\n"
                   "reported: { value: 2016-01, inferred: \"cover report\" }\n"
                   "headings:\n  - { number: 1, title: Structure }\n"
                   "recommendations:\n"
                   "  - { number: 1, heading: 1, text: \"Do *this*.\" }\n"
                   "  - { number: 2, text: \"See [](@rev/r1).\" }\n---\n");
    files_.AddFile("content/people/ann.yaml", "id: ann\nname: Ann Example\n");
    files_.AddFile("content/updates/up.md",
                   "---\nid: up\nreview: rev\ndate: 2017-06\n"
                   "author: { person: ann, as_written: A Example }\n"
                   "entries:\n  - recommendation: 1\n    status: completed\n"
                   "    text: Done.\n---\n");
    files_.AddFile(
        "content/meetings/board.md",
        "---\nid: board\ndate: { value: 2017, inferred: \"a conference "
        "still to come\" }\ncommittee: { unknown: \"not named\" }\n---\n");
  }

  std::string Page(const std::string& path) {
    if (!built_) {
      BuildSite(files_, &site_, &out_, diagnostics_);
      built_ = true;
    }
    const std::string* page = out_.Find(path);
    return page ? *page : "(no page " + path + ")";
  }

  MemoryFileSystem files_;
  Diagnostics diagnostics_;
  Site site_;
  OutputTree out_;
  bool built_ = false;
};

TEST_F(RenderSiteTest, RendersEveryPageWithRelativeRoot) {
  EXPECT_EQ(Page("index.html"), "[Test site|]A {{site.title}} review;");
  EXPECT_EQ(Page("reviews/index.html"), "[Reviews|../]1:../reviews/rev/ ");
  EXPECT_EQ(Page("people/ann/index.html"), "[Ann Example|../../]Ann Example");
  EXPECT_FALSE(diagnostics_.HasErrors());
}

TEST_F(RenderSiteTest, DataIsNeverTemplateSyntax) {
  EXPECT_EQ(Page("reviews/rev/index.html"),
            "[A {{site.title}} review|../../]A {{site.title}} review|January "
            "2016 inferred(cover report)|1:../../recommendations/rev/r1/,;");
}

TEST_F(RenderSiteTest, RecommendationPageHasTextHistoryAndBacklinks) {
  EXPECT_EQ(Page("recommendations/rev/r1/index.html"),
            "[Recommendation 1|../../../]<p>Do <em>this</em>.</p>\n"
            "|June 2017=Completed:<p>Done.</p>\n;"
            "|Progress updates:../../../updates/up/(progress entry);"
            "Recommendations:../../../recommendations/rev/r2/(text);");
  EXPECT_EQ(Page("recommendations/rev/r2/index.html"),
            "[Recommendation 2|../../../]<p>See <a href=\"../../../"
            "recommendations/rev/r1/\">Recommendation 1</a>.</p>\n"
            "|June 2017=none;|");
}

TEST_F(RenderSiteTest, UpdateListsItsEntriesAndTheRecommendationsItMisses) {
  EXPECT_EQ(Page("updates/up/index.html"),
            "[Progress update, June 2017: A {{site.title}} review|../../]"
            "1;|missing:Recommendation 2;|Ann Example as A Example");
}

TEST_F(RenderSiteTest, InferredAndUnknownValuesCarryTheirReasons) {
  EXPECT_EQ(Page("meetings/board/index.html"),
            "[Meeting, 2017|../../]Meeting, 2017|2017 inferred(a conference "
            "still to come)|unknown(not named)");
}

TEST_F(RenderSiteTest, NotFoundPageLinksFromTheSiteRoot) {
  EXPECT_EQ(Page("404.html"), "[Page not found|/]<a href=\"/\">home</a>");
}

TEST_F(RenderSiteTest, NotFoundPageUsesTheBasePathOfBaseUrl) {
  files_.AddFile(
      "site.yaml",
      "title: Test site\nbase_url: https://example.gov.uk/scrutiny\n");
  EXPECT_EQ(Page("404.html"),
            "[Page not found|/scrutiny/]<a href=\"/scrutiny/\">home</a>");
}

TEST_F(RenderSiteTest, ReportsTemplateSyntaxErrorsWithLineAndColumn) {
  files_.AddFile("templates/person.mustache", "<h1>\n  {{#record}}\n</h1>");
  Page("index.html");
  std::vector<Diagnostic> all = diagnostics_.Sorted();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(FormatDiagnosticHeadline(all[0]),
            "templates/person.mustache:2:3: error: template error: Unclosed "
            "section \"record\"");
}

TEST_F(RenderSiteTest, ReportsMissingTemplates) {
  MemoryFileSystem files;
  files.AddFile("site.yaml", "title: x\n");
  files.AddFile("content/people/p.yaml", "id: p\nname: P\n");
  files.AddFile("templates/layout.mustache", "{{{content}}}");
  Diagnostics diagnostics;
  Site site;
  OutputTree out;
  BuildSite(files, &site, &out, diagnostics);
  std::vector<Diagnostic> all = diagnostics.Sorted();
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(FormatDiagnosticHeadline(all[0]),
            "templates: error: missing template '404.mustache'");
  EXPECT_EQ(out.size(), 0u);
}

TEST_F(RenderSiteTest, CopiesThemeAssets) {
  files_.AddFile("theme/site.css", "body{}");
  files_.AddFile("theme/img/logo.svg", "<svg/>");
  Page("index.html");
  ASSERT_NE(out_.Find("theme/site.css"), nullptr);
  EXPECT_EQ(*out_.Find("theme/img/logo.svg"), "<svg/>");
}

TEST_F(RenderSiteTest, AThemeThatIsAFileIsAnError) {
  files_.AddFile("theme", "body{}");
  Page("index.html");
  ASSERT_EQ(diagnostics_.Sorted().size(), 1u);
  EXPECT_EQ(FormatDiagnosticHeadline(diagnostics_.Sorted()[0]),
            "theme: error: theme is a file, not a folder");
}

}  // namespace
}  // namespace scrutineer
