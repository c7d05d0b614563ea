// Publications end to end on a small site built in memory with the
// repository's own templates: Atom feeds, calendars, the sitemap and
// robots.txt, structured data, search filters and the publishing pages.
// The open data has tests of its own (open_data_test.cpp).
#include "render/publications.h"

#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "pipeline.h"
#include "write/file_system.h"

namespace scrutineer {
namespace {

constexpr char kBaseUrl[] = "https://example.gov.uk/scrutiny/";

void AddRepositoryTemplates(MemoryFileSystem* files) {
  DiskFileSystem repo(SCRUTINEER_SOURCE_DIR);
  for (const char* folder : {"templates", "theme"}) {
    for (const std::string& path : repo.ListFiles(folder).files) {
      std::string text, error;
      ASSERT_TRUE(repo.ReadFile(path, &text, &error)) << error;
      files->AddFile(path, text);
    }
  }
}

// A committee with a review (reported in a month only), a progress update
// at a meeting, a meeting dated to a month, a meeting whose day is
// inferred, and a workshop with a timeline.
void AddPublishingSite(MemoryFileSystem* files, const std::string& settings) {
  AddRepositoryTemplates(files);
  files->AddFile(
      "site.yaml",
      "title: Test scrutiny\norganisation: Test Council\n" + settings);
  files->AddFile("content/committees/osc.yaml", "id: osc\nname: The OSC\n");
  files->AddFile(
      "content/reviews/rev.md",
      "---\nid: rev\ntitle: Review\ncommittee: osc\n"
      "reported: 2016-01\nrecommendations:\n"
      "  - { number: 1, text: Report on caseloads. }\n"
      "  - { number: 2, text: \"Buy *laptops* for [the meeting](@m1).\" }\n"
      "---\nWhy we looked.\n");
  files->AddFile("content/meetings/m1.md",
                 "---\nid: m1\ndate: 2017-06-20\ncommittee: osc\n"
                 "location: \"Room 1, Town Hall; Wallasey\"\n---\n");
  files->AddFile("content/meetings/m2.md",
                 "---\nid: m2\ndate: 2017-02\ncommittee: osc\n---\n");
  files->AddFile("content/meetings/m3.md",
                 "---\nid: m3\ntitle: \"Board </script> & co\"\n"
                 "date: { value: 2017-03-04, inferred: \"from the minutes\" }\n"
                 "committee: osc\n---\n");
  files->AddFile("content/updates/up.md",
                 "---\nid: up\nreview: rev\ndate: 2017-06-20\nmeeting: m1\n"
                 "entries:\n"
                 "  - { recommendation: 1, status: in-progress,"
                 " text: \"Caseloads < 20 & falling.\" }\n"
                 "  - { recommendation: 2 }\n---\n");
  files->AddFile("content/timelines/t1.yaml",
                 "id: t1\ntitle: Plan\nmilestones:\n"
                 "  - { date: 2019-01-28, text: Spotlight session }\n"
                 "  - { date: 2019-03, text: Work in March }\n"
                 "  - { date: 2019-01-28, text: \"Second, the same day\" }\n");
  files->AddFile("content/workshops/w1.md",
                 "---\nid: w1\ntitle: Workshop\ndate: 2019-01-28\n"
                 "committee: osc\ntimeline: t1\nrecommendations:\n"
                 "  - { number: 1, text: Keep going., follows: [rev/r2] }\n"
                 "---\n");
}

class PublicationsTest : public ::testing::Test {
 protected:
  void Build(const std::string& settings, const std::string& base_url) {
    MemoryFileSystem files;
    AddPublishingSite(&files, settings);
    Diagnostics diagnostics;
    BuildOptions options;
    options.base_url = base_url;
    ASSERT_TRUE(BuildSite(files, &site_, &out_, diagnostics, options));
    for (const Diagnostic& d : diagnostics.Sorted())
      messages_ += FormatDiagnosticHeadline(d) + "\n";
    ASSERT_FALSE(diagnostics.HasErrors()) << messages_;
  }

  std::string File(const std::string& path) {
    const std::string* file = out_.Find(path);
    EXPECT_NE(file, nullptr) << "no file " << path;
    return file ? *file : "";
  }

  // The values of every <tag> in `xml`, in order.
  static std::vector<std::string> All(const std::string& xml,
                                      const std::string& tag) {
    std::vector<std::string> values;
    std::regex pattern("<" + tag + ">([^<]*)</" + tag + ">");
    for (std::sregex_iterator it(xml.begin(), xml.end(), pattern), end;
         it != end; ++it)
      values.push_back((*it)[1]);
    return values;
  }

  Site site_;
  OutputTree out_;
  std::string messages_;
};

TEST_F(PublicationsTest, WithoutBaseUrlWritesCalendarsButNoFeedsOrSitemap) {
  Build("", "");
  EXPECT_EQ(out_.Find("feed.xml"), nullptr);
  EXPECT_EQ(out_.Find("sitemap.xml"), nullptr);
  EXPECT_EQ(out_.Find("recommendations/rev/r1/feed.xml"), nullptr);
  EXPECT_EQ(File("robots.txt"), "User-agent: *\nAllow: /\n");
  EXPECT_NE(out_.Find("calendar.ics"), nullptr);
  EXPECT_EQ(File("reviews/rev/index.html").find("application/atom+xml"),
            std::string::npos);
  EXPECT_NE(File("downloads/index.html").find("built without its web address"),
            std::string::npos);
}

TEST_F(PublicationsTest, SiteFeedListsDatedRecordsNewestFirst) {
  Build("", kBaseUrl);
  std::string feed = File("feed.xml");
  EXPECT_EQ(All(feed, "id"),
            (std::vector<std::string>{
                "https://example.gov.uk/scrutiny/feed.xml",
                "https://example.gov.uk/scrutiny/workshops/w1/",
                "https://example.gov.uk/scrutiny/meetings/m1/",
                "https://example.gov.uk/scrutiny/updates/up/",
                "https://example.gov.uk/scrutiny/meetings/m3/",
                "https://example.gov.uk/scrutiny/meetings/m2/",
                "https://example.gov.uk/scrutiny/reviews/rev/"}));
  // A partial date stands for its first day; the feed is as new as its
  // newest entry, whatever the day of the build.
  EXPECT_EQ(
      All(feed, "updated"),
      (std::vector<std::string>{"2019-01-28T00:00:00Z", "2019-01-28T00:00:00Z",
                                "2017-06-20T00:00:00Z", "2017-06-20T00:00:00Z",
                                "2017-03-04T00:00:00Z", "2017-02-01T00:00:00Z",
                                "2016-01-01T00:00:00Z"}));
  EXPECT_NE(feed.find("<link rel=\"self\" type=\"application/atom+xml\" "
                      "href=\"https://example.gov.uk/scrutiny/feed.xml\"/>"),
            std::string::npos);
  EXPECT_NE(feed.find("<title type=\"text\">Board &lt;/script&gt; &amp; co"
                      "</title>"),
            std::string::npos);
}

TEST_F(PublicationsTest, RecommendationFeedFollowsOneRecommendation) {
  Build("", kBaseUrl);
  std::string feed = File("recommendations/rev/r1/feed.xml");
  const std::string page =
      "https://example.gov.uk/scrutiny/recommendations/rev/r1/";
  EXPECT_EQ(All(feed, "id"),
            (std::vector<std::string>{page + "feed.xml", page + "#progress-up",
                                      page + "#made"}));
  EXPECT_NE(feed.find("<title type=\"text\">Progress update, 20 June 2017: "
                      "Review (status: In progress)</title>"),
            std::string::npos)
      << feed;
  // The entry's HTML, escaped once more as Atom's type="html" content.
  EXPECT_NE(feed.find("<content type=\"html\">&lt;p&gt;Caseloads &amp;lt; 20 "
                      "&amp;amp; falling.&lt;/p&gt;"),
            std::string::npos)
      << feed;
  // Recommendation 2 is followed by the workshop's recommendation.
  EXPECT_NE(File("recommendations/rev/r2/feed.xml")
                .find("<id>https://example.gov.uk/scrutiny/recommendations/"
                      "rev/r2/#followed-by-w1/r1</id>"),
            std::string::npos);
  EXPECT_NE(File("recommendations/rev/r1/index.html")
                .find("<link rel=\"alternate\" type=\"application/atom+xml\" "
                      "title=\"Recommendation 1 (Review)\" "
                      "href=\"../../../recommendations/rev/r1/feed.xml\">"),
            std::string::npos);
}

TEST_F(PublicationsTest, CommitteeAndReviewFeedsHoldTheirRecords) {
  Build("", kBaseUrl);
  std::vector<std::string> committee =
      All(File("committees/osc/feed.xml"), "id");
  EXPECT_EQ(committee.size(), 7u);  // the feed and all six dated records
  // The review's feed: the review, its update, the meeting that took the
  // update and the workshop whose recommendation follows one of its own.
  EXPECT_EQ(All(File("reviews/rev/feed.xml"), "id"),
            (std::vector<std::string>{
                "https://example.gov.uk/scrutiny/reviews/rev/feed.xml",
                "https://example.gov.uk/scrutiny/workshops/w1/",
                "https://example.gov.uk/scrutiny/updates/up/",
                "https://example.gov.uk/scrutiny/reviews/rev/"}));
}

TEST_F(PublicationsTest, CalendarHoldsEventsWithADayAndEscapesText) {
  Build("", kBaseUrl);
  std::string calendar = File("calendar.ics");
  std::vector<std::string> uids;
  std::regex uid("\r\nUID:([^\r]*)");
  for (std::sregex_iterator it(calendar.begin(), calendar.end(), uid), end;
       it != end; ++it)
    uids.push_back((*it)[1]);
  // m2 (February 2017) and the March milestone have no day: left out.
  EXPECT_EQ(uids, (std::vector<std::string>{
                      "meeting/m3@example.gov.uk", "meeting/m1@example.gov.uk",
                      "timeline/t1/20190128-2@example.gov.uk",
                      "timeline/t1/20190128@example.gov.uk",
                      "workshop/w1@example.gov.uk"}));
  EXPECT_NE(calendar.find("\r\nLOCATION:Room 1\\, Town Hall\\; Wallasey\r\n"),
            std::string::npos);
  EXPECT_NE(calendar.find("\r\nSUMMARY:Second\\, the same day\r\n"),
            std::string::npos);
  EXPECT_NE(calendar.find("\r\nDESCRIPTION:Meeting of The OSC.\\nThe date "
                          "is inferred: from the minutes\r\n"),
            std::string::npos)
      << calendar;
  EXPECT_NE(calendar.find("\r\nDTSTAMP:20170620T000000Z\r\nDTSTART;VALUE="
                          "DATE:20170620\r\nDTEND;VALUE=DATE:20170621\r\n"),
            std::string::npos);
  // The committee's calendar has its meetings and its workshop's timeline.
  std::string committee = File("committees/osc/calendar.ics");
  EXPECT_NE(committee.find("UID:timeline/t1/20190128@"), std::string::npos);
  EXPECT_NE(committee.find("UID:meeting/m1@"), std::string::npos);
  EXPECT_NE(File("committees/osc/index.html").find("calendar.ics"),
            std::string::npos);
}

// DTEND names the next day in eight digits; after 9999-12-31 there is none,
// and an all-day event without an end lasts its one day (RFC 5545 3.6.1).
TEST_F(PublicationsTest, AnEventOnTheLastDayThereIsHasNoEnd) {
  MemoryFileSystem files;
  AddPublishingSite(&files, "");
  files.AddFile("content/meetings/last.md",
                "---\nid: last\ndate: 9999-12-31\ncommittee: osc\n---\n");
  Diagnostics diagnostics;
  BuildOptions options;
  options.base_url = kBaseUrl;
  ASSERT_TRUE(BuildSite(files, &site_, &out_, diagnostics, options));
  const std::string calendar = File("calendar.ics");
  EXPECT_NE(calendar.find("DTSTART;VALUE=DATE:99991231\r\nSUMMARY:"),
            std::string::npos)
      << calendar;
  EXPECT_EQ(calendar.find("DTEND;VALUE=DATE:1000"), std::string::npos);
  EXPECT_NE(calendar.find("DTSTART;VALUE=DATE:20170620\r\nDTEND;VALUE=DATE:"
                          "20170621\r\n"),
            std::string::npos);
}

TEST_F(PublicationsTest, SitemapListsEveryPageButTheNotFoundPage) {
  Build("", kBaseUrl);
  std::vector<std::string> locations = All(File("sitemap.xml"), "loc");
  size_t pages = 0;
  for (const auto& [path, contents] : out_.files()) {
    if (path.size() > 5 && path.compare(path.size() - 5, 5, ".html") == 0)
      ++pages;
  }
  EXPECT_EQ(locations.size(), pages - 1);
  EXPECT_NE(std::find(locations.begin(), locations.end(),
                      "https://example.gov.uk/scrutiny/"),
            locations.end());
  EXPECT_NE(std::find(locations.begin(), locations.end(),
                      "https://example.gov.uk/scrutiny/reviews/rev/"),
            locations.end());
  EXPECT_EQ(std::find(locations.begin(), locations.end(),
                      "https://example.gov.uk/scrutiny/404.html"),
            locations.end());
  EXPECT_EQ(File("robots.txt"),
            "User-agent: *\nAllow: /\n"
            "Sitemap: https://example.gov.uk/scrutiny/sitemap.xml\n");
}

TEST_F(PublicationsTest, RecordPagesCarrySearchFiltersAndStructuredData) {
  Build("", kBaseUrl);
  std::string recommendation = File("recommendations/rev/r1/index.html");
  for (const char* filter :
       {"data-pagefind-filter=\"kind[content]\" content=\"Recommendation\"",
        "data-pagefind-filter=\"committee[content]\" content=\"The OSC\"",
        "data-pagefind-filter=\"status[content]\" content=\"In progress\"",
        "data-pagefind-filter=\"year[content]\" content=\"2016\""}) {
    EXPECT_NE(recommendation.find(filter), std::string::npos) << filter;
  }
  EXPECT_NE(recommendation.find(" data-pagefind-body>"), std::string::npos);
  // Its text as a reader sees it: no markup, a short link as its words.
  EXPECT_NE(recommendation.find("\"text\":\"Report on caseloads.\""),
            std::string::npos);
  EXPECT_NE(File("recommendations/rev/r2/index.html")
                .find("\"text\":\"Buy laptops for the meeting.\""),
            std::string::npos);
  EXPECT_EQ(File("404.html").find("data-pagefind-body"), std::string::npos);
  // A title holding "</script>" cannot end the JSON-LD element early.
  std::string meeting = File("meetings/m3/index.html");
  EXPECT_NE(meeting.find("<script type=\"application/ld+json\">{\"@context\":"
                         "\"https://schema.org\",\"@type\":\"Event\",\"name\":"
                         "\"Board \\u003c/script\\u003e \\u0026 co\","
                         "\"startDate\":\"2017-03-04\""),
            std::string::npos)
      << meeting;
  std::string search = File("search/index.html");
  EXPECT_NE(search.find("<option>2019</option>\n<option>2017</option>\n"
                        "<option>2016</option>"),
            std::string::npos)
      << search;
}

TEST_F(PublicationsTest, DownloadsPageListsEveryFileWithItsLicence) {
  Build("", kBaseUrl);
  std::string downloads = File("downloads/index.html");
  for (const auto& [path, contents] : out_.files()) {
    bool download = path.rfind("data/", 0) == 0 || path == "calendar.ics" ||
                    path == "feed.xml" || path == "committees/osc/calendar.ics";
    if (download) {
      EXPECT_NE(downloads.find("<span class=\"meta\">" + path + "</span>"),
                std::string::npos)
          << path;
    }
  }
  EXPECT_NE(downloads.find("Open Government Licence v3.0"), std::string::npos);
}

TEST_F(PublicationsTest, AccessibilityStatementTakesItsFieldsFromSiteYaml) {
  Build(
      "accessibility:\n  contact_email: access@example.gov.uk\n"
      "  response_days: 5\n  enforcement: ecni\n  compliance_status: partial\n"
      "  non_compliant_items: [Some *tables* lack headers.]\n"
      "  last_reviewed: 2024-05-01\n",
      "");
  std::string page = File("accessibility/index.html");
  for (const char* text :
       {"<a href=\"mailto:access@example.gov.uk\">access@example.gov.uk</a>",
        "within 5 working days", "Equality Commission for Northern Ireland",
        "is partially compliant with",
        "<li><p>Some <em>tables</em> lack headers.</p>\n</li>",
        "It was last reviewed on <time datetime=\"2024-05-01\">1 May 2024"}) {
    EXPECT_NE(page.find(text), std::string::npos) << text << "\n" << page;
  }
  EXPECT_EQ(page.find("Equality and Human Rights Commission"),
            std::string::npos);
}

TEST(AccessibilitySettingsTest, ReportsUnknownFieldsAndValues) {
  MemoryFileSystem files;
  AddPublishingSite(&files,
                    "accessibility:\n  contact_emial: a@b.c\n"
                    "  compliance_status: mostly\n  prepared: soon\n");
  Site site;
  OutputTree out;
  Diagnostics diagnostics;
  BuildSite(files, &site, &out, diagnostics);
  std::string messages;
  for (const Diagnostic& d : diagnostics.Sorted())
    messages += FormatDiagnosticHeadline(d) + "\n";
  EXPECT_EQ(messages,
            "site.yaml:4:3: error: unknown accessibility field "
            "'contact_emial'\n"
            "site.yaml:5:22: error: accessibility 'compliance_status' must be "
            "one of 'full', 'partial', 'not', found 'mostly'\n"
            "site.yaml:6:13: error: accessibility 'prepared' must be a date, "
            "found 'soon'\n");
}

}  // namespace
}  // namespace scrutineer
