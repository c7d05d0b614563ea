// Recommendation histories and accountability, end to end: sites built with
// the repository's own templates, checked on the HTML a reader gets.
//
// 1. The repository's site (the seed documents): the story of Wirral
//    recommendation 16 across 2016, 2017 and 2019, recommendation 20 and the
//    protocol recommendation that follows it, a person named two ways, the
//    dashboards, the tracker and the "what changed" pages.
// 2. A small site with target dates, a moved target, a formal response,
//    a person with a tenure, built as at different dates.
#include <gtest/gtest.h>

#include <cstdlib>
#include <regex>
#include <string>
#include <vector>

#include "pipeline.h"
#include "write/file_system.h"
#include "write/output_tree.h"

namespace scrutineer {
namespace {

struct Built {
  Site site;
  OutputTree out;
  std::string messages;
  bool ok = false;
};

void Build(const FileSystem& files, Built* built) {
  Diagnostics diagnostics;
  built->ok = BuildSite(files, &built->site, &built->out, diagnostics) &&
              !diagnostics.HasErrors();
  for (const Diagnostic& d : diagnostics.Sorted())
    built->messages += FormatDiagnosticHeadline(d) + "\n";
}

const Built& SeedSite() {
  static const Built* const built = [] {
    auto* result = new Built;
    Build(DiskFileSystem(SCRUTINEER_SOURCE_DIR), result);
    return result;
  }();
  return *built;
}

std::string Page(const Built& built, const std::string& url) {
  const std::string* page = built.out.Find(url + "index.html");
  EXPECT_NE(page, nullptr) << "no page " << url;
  return page ? *page : "";
}

// The part of `html` from the first `start` to the next `end` after it.
std::string Between(const std::string& html, const std::string& start,
                    const std::string& end) {
  size_t from = html.find(start);
  if (from == std::string::npos) return "";
  size_t to = html.find(end, from);
  return html.substr(from, to == std::string::npos ? to : to - from);
}

// Every href in `html`, resolved against the page at `url` to a site path.
std::vector<std::string> Targets(const std::string& url,
                                 const std::string& html) {
  static const std::regex kHref("href=\"([^\"#]*)[^\"]*\"");
  std::vector<std::string> targets;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), kHref);
       it != std::sregex_iterator(); ++it) {
    std::string href = (*it)[1].str();
    if (href.empty() || href.find(':') != std::string::npos) continue;
    std::vector<std::string> parts;
    std::string base = url;
    for (size_t start = 0, slash;
         (slash = base.find('/', start)) != std::string::npos;
         start = slash + 1) {
      parts.push_back(base.substr(start, slash - start));
    }
    std::string rest = href;
    while (rest.rfind("../", 0) == 0) {
      if (!parts.empty()) parts.pop_back();
      rest = rest.substr(3);
    }
    std::string path;
    for (const std::string& part : parts) path += part + "/";
    targets.push_back(path + rest);
  }
  return targets;
}

void ExpectLinksWork(const Built& built, const std::string& url,
                     const std::string& html) {
  for (const std::string& target : Targets(url, html)) {
    std::string file =
        target.empty() || target.back() == '/' ? target + "index.html" : target;
    EXPECT_NE(built.out.Find(file), nullptr)
        << "broken link on " << url << ": " << target;
  }
}

class SeedHistoryTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(SeedSite().ok) << SeedSite().messages; }
};

TEST_F(SeedHistoryTest, Recommendation16ToldInDateOrderAcrossYears) {
  const std::string url = "recommendations/wirral-safeguarding-2015/r16/";
  std::string story =
      Between(Page(SeedSite(), url), "<ol class=\"timeline story\"", "</ol>");
  ASSERT_FALSE(story.empty());
  // The 2015 review's text, the June 2016 update, the June 2017 update
  // (Reality Check visits), the January 2019 workshop: in that order.
  std::vector<size_t> at = {
      story.find("arrange a follow-up session / workshop to evaluate"),
      story.find("updates/wirral-safeguarding-update-2016-06/"),
      story.find("A review of Social Worker pay, progression and retention"),
      story.find("updates/wirral-safeguarding-update-2017-06/"),
      story.find("Reality Check visits"),
      story.find("workshops/wirral-cf-osc-workshop-2019-01/"),
  };
  for (size_t i = 0; i < at.size(); ++i) {
    ASSERT_NE(at[i], std::string::npos) << "step " << i;
    if (i > 0) EXPECT_LT(at[i - 1], at[i]) << "step " << i;
  }
  // The workshop's own words for the link are kept.
  EXPECT_NE(story.find("(“reality check visits”)"), std::string::npos);
  // Dated entries are in date order.
  static const std::regex kDate(
      "class=\"timeline-date\"><time datetime=\"([0-9-]+)\"");
  std::vector<std::string> dates;
  for (auto it = std::sregex_iterator(story.begin(), story.end(), kDate);
       it != std::sregex_iterator(); ++it) {
    dates.push_back((*it)[1].str());
  }
  EXPECT_TRUE(std::is_sorted(dates.begin(), dates.end()));
  EXPECT_GE(dates.size(), 4u);
  ExpectLinksWork(SeedSite(), url, story);
  // And back: each of those pages links to the story.
  for (const char* page : {"updates/wirral-safeguarding-update-2016-06/",
                           "updates/wirral-safeguarding-update-2017-06/",
                           "workshops/wirral-cf-osc-workshop-2019-01/"}) {
    EXPECT_NE(Page(SeedSite(), page)
                  .find("recommendations/wirral-safeguarding-2015/r16/\""),
              std::string::npos)
        << page;
  }
}

TEST_F(SeedHistoryTest, Recommendation20LinksForwardToTheProtocolAndBack) {
  const std::string r20_url = "recommendations/wirral-safeguarding-2015/r20/";
  const std::string r1_url =
      "recommendations/wirral-cf-osc-workshop-2019-01/r1/";
  std::string r20 = Page(SeedSite(), r20_url);
  std::string forward = Between(
      r20, "<h2>Later recommendations that follow this one</h2>", "</ul>");
  EXPECT_NE(forward.find("href=\"../../../" + r1_url + "\""),
            std::string::npos);
  std::string followed = Between(r20, "event-followed_by", "</li>");
  EXPECT_NE(followed.find("A draft protocol to be produced"),
            std::string::npos);
  std::string r1 = Page(SeedSite(), r1_url);
  std::string back = Between(r1, "<h2>Follows on from</h2>", "</ul>");
  EXPECT_NE(back.find("href=\"../../../" + r20_url + "\""), std::string::npos);
  EXPECT_NE(Between(r1, "event-follows", "</li>")
                .find("establishing a protocol of understanding"),
            std::string::npos);
  ExpectLinksWork(SeedSite(), r20_url, r20);
  ExpectLinksWork(SeedSite(), r1_url, r1);
}

TEST_F(SeedHistoryTest, PersonKnownUnderTwoNamesHasBothAppearancesOnOnePage) {
  std::string html = Page(SeedSite(), "people/julia-hassall/");
  std::string names = Between(html, "<p class=\"names\">", "</p>");
  EXPECT_NE(names.find("“Julia Hassall”"), std::string::npos);
  EXPECT_NE(names.find("“J Hassall”"), std::string::npos);
  std::string appearances =
      Between(html, "id=\"appearances-heading\"", "</section>");
  std::string minutes =
      Between(appearances, "meetings/wirral-multi-agency-board-2017/", "</li>");
  EXPECT_NE(minutes.find("minutes of item 3 as “J Hassall”"), std::string::npos)
      << minutes;
  std::string paper = Between(
      appearances, "papers/wirral-cabinet-2016-03-21-safeguarding/", "</li>");
  EXPECT_NE(paper.find("author"), std::string::npos) << paper;
  EXPECT_NE(paper.find("contact"), std::string::npos) << paper;
  ExpectLinksWork(SeedSite(), "people/julia-hassall/", html);

  std::string maggie = Page(SeedSite(), "people/maggie-atkinson/");
  EXPECT_NE(maggie.find("<h1>Dr Maggie Atkinson</h1>"), std::string::npos);
  std::string attended =
      Between(maggie, "id=\"attended-heading\"", "</section>");
  EXPECT_NE(attended.find("Present, Independent Chair, WCSB"),
            std::string::npos)
      << attended;
  EXPECT_NE(attended.find("(written as “Dr Maggie Atkinson”)"),
            std::string::npos);
  EXPECT_NE(Page(SeedSite(), "people/chris-meaden/")
                .find("<h1>Cllr Chris Meaden</h1>"),
            std::string::npos);
}

TEST_F(SeedHistoryTest, DashboardsTrackerAndChangesPages) {
  std::string review = Page(SeedSite(), "reviews/wirral-safeguarding-2015/");
  std::string glance =
      Between(review, "id=\"dashboard-heading\"", "</section>");
  EXPECT_NE(glance.find("<caption>20 recommendations by latest stated "
                        "status</caption>"),
            std::string::npos);
  EXPECT_NE(glance.find("status-not-stated\">Not stated</strong></th><td>20"),
            std::string::npos);
  // As at 1 February 2019 (site.yaml), nothing had been published on the
  // 2015 review since June 2017.
  EXPECT_NE(glance.find("flag-no-recent-update\">No recent update</strong> 20"),
            std::string::npos);

  std::string tracker = Page(SeedSite(), "tracker/");
  EXPECT_NE(tracker.find("<h2 id=\"status-not-stated\">Not stated (37)</h2>"),
            std::string::npos);
  EXPECT_NE(tracker.find("<a href=\"#status-not-stated\">Not stated</a>"),
            std::string::npos);
  EXPECT_NE(tracker.find("as at <time datetime=\"2019-02-01\">1 February "
                         "2019</time>, the <code>as_at</code> date set"),
            std::string::npos);
  // Walsall's recommendations have no target date but dated deadlines,
  // shown beside "None set" rather than leaving it to read as no date.
  EXPECT_NE(tracker.find("<span class=\"meta\">None set</span><span "
                         "class=\"deadline\">; Report deadline: <time "
                         "datetime=\"2013-08-09\">9 August 2013</time>"),
            std::string::npos);
  ExpectLinksWork(SeedSite(), "tracker/", tracker);

  std::string changes = Page(SeedSite(), "changes/");
  for (const char* year : {"2013", "2014", "2016", "2017", "2019"}) {
    EXPECT_NE(changes.find(std::string("changes/") + year + "/\""),
              std::string::npos)
        << year;
  }
  std::string year = Page(SeedSite(), "changes/2017/");
  std::string updates = Between(year, "id=\"updates-heading\"", "</section>");
  EXPECT_NE(updates.find("updates/wirral-safeguarding-update-2017-06/"),
            std::string::npos);
  EXPECT_EQ(updates.find("wirral-safeguarding-update-2016-06"),
            std::string::npos);
  std::string raised = Between(year, "id=\"raised-heading\"", "</section>");
  EXPECT_NE(raised.find("<time datetime=\"2017-12-21\">21 December "
                        "2017</time>"),
            std::string::npos);
  ExpectLinksWork(SeedSite(), "changes/2017/", year);

  std::string committee = Page(SeedSite(), "committees/wirral-cf-osc/");
  EXPECT_NE(committee.find("Made elsewhere; this committee received progress "
                           "updates on it."),
            std::string::npos);
  EXPECT_NE(committee.find("<h3 id=\"group-wirral-safeguarding-2015\">"),
            std::string::npos);
  EXPECT_NE(committee.find("<h3 id=\"group-wirral-cf-osc-workshop-2019-01\">"),
            std::string::npos);
}

TEST_F(SeedHistoryTest, StatusesAndFlagsAreNeverColourAlone) {
  static const std::regex kMarked(
      "<strong class=\"(status status|flag flag)-[a-z-]+\">([^<]*)</strong>");
  int checked = 0;
  for (const auto& [path, contents] : SeedSite().out.files()) {
    for (auto it =
             std::sregex_iterator(contents.begin(), contents.end(), kMarked);
         it != std::sregex_iterator(); ++it) {
      EXPECT_FALSE((*it)[2].str().empty()) << path;
      ++checked;
    }
  }
  EXPECT_GT(checked, 100);
}

// A site with target dates, built as at a date.
void AddTrackedSite(MemoryFileSystem* files, const std::string& settings) {
  DiskFileSystem repo(SCRUTINEER_SOURCE_DIR);
  for (const std::string& path : repo.ListFiles("templates").files) {
    std::string text, error;
    ASSERT_TRUE(repo.ReadFile(path, &text, &error)) << error;
    files->AddFile(path, text);
  }
  files->AddFile("site.yaml", "title: Tracked\n" + settings);
  files->AddFile("content/committees/osc.yaml", "id: osc\nname: The OSC\n");
  files->AddFile(
      "content/people/pat.yaml",
      "id: pat\nname: Pat Jones\nhonorific: Cllr\naliases: [P Jones]\n"
      "roles:\n  - { title: Member, committee: osc, from: 2017-01, "
      "to: 2017-12 }\n");
  files->AddFile(
      "content/reviews/rev.md",
      "---\nid: rev\ntitle: Review\ncommittee: osc\nreported: 2017-01-15\n"
      "recommendations:\n"
      "  - { number: 1, text: Report on caseloads., target: 2017-06-30,"
      " owners: [pat] }\n"
      "  - number: 2\n    text: Buy laptops.\n    target: 2017-03-31\n"
      "    target_changes:\n"
      "      - { date: 2017-03-20, from: 2017-03-31, to: 2017-09-30,"
      " reason: The supplier failed. }\n"
      "  - number: 3\n    text: Open an office in every ward.\n"
      "    response: { date: 2017-02-10, by: Cabinet, accepted: false,"
      " text: Too costly. }\n"
      "---\n");
  files->AddFile(
      "content/updates/up.md",
      "---\nid: up\nreview: rev\ndate: 2017-06-20\nmeeting: m2\n"
      "author: { person: pat, as_written: P Jones }\nentries:\n"
      "  - { recommendation: 2, status: in-progress, text: Ordered. }\n"
      "---\n");
  auto meeting = [&](const char* id, const char* date, const char* body) {
    files->AddFile(std::string("content/meetings/") + id + ".md",
                   std::string("---\nid: ") + id + "\ndate: " + date +
                       "\ncommittee: osc\n" + body + "---\n");
  };
  meeting("m1", "2016-12-01", "attendance: { present: [pat] }\n");
  meeting("m2", "2017-03-01",
          "attendance: { present: [pat] }\nactions:\n"
          "  - { owner: pat, text: Write the report., due: 2017-04-01 }\n");
  meeting("m3", "2017-05-01", "attendance: { apologies: [pat] }\n");
  meeting("m4", "2017-07-01", "attendance: { present: [] }\n");
  meeting("m5", "2017-09", "attendance: { recorded: false }\n");
  meeting("m6", "2018-02-01", "attendance: { present: [pat] }\n");
  files->AddFile("content/workshops/w1.md",
                 "---\nid: w1\ntitle: Visit\ndate: 2017-04-12\ncommittee: osc\n"
                 "attendance: { present: [{ person: pat, as_written: Pat }] }\n"
                 "---\n");
}

Built BuildTracked(const std::string& settings, const char* epoch) {
  if (epoch == nullptr) {
    unsetenv("SOURCE_DATE_EPOCH");
  } else {
    setenv("SOURCE_DATE_EPOCH", epoch, 1);
  }
  MemoryFileSystem files;
  AddTrackedSite(&files, settings);
  Built built;
  Build(files, &built);
  unsetenv("SOURCE_DATE_EPOCH");
  EXPECT_TRUE(built.ok) << built.messages;
  return built;
}

std::string FlagsCell(const std::string& html) {
  return Between(html, "<dt>Flags</dt>", "</dd>");
}

TEST(TrackedSiteTest, FlagsShownForTheAsAtDateWithTheirRules) {
  Built built = BuildTracked("as_at: 2017-07-01\n", nullptr);
  std::string r1 = Page(built, "recommendations/rev/r1/");
  EXPECT_NE(FlagsCell(r1).find(
                "<strong class=\"flag flag-target-passed\">Target date "
                "passed</strong> <span class=\"flag-reason\">The target date, "
                "<time datetime=\"2017-06-30\">30 June 2017</time>, has passed "
                "(flagged from <time datetime=\"2017-07-01\">1 July "
                "2017</time>).</span>"),
            std::string::npos)
      << FlagsCell(r1);
  EXPECT_EQ(FlagsCell(r1).find("flag-no-recent-update"), std::string::npos);
  // The rule is stated on the page.
  EXPECT_NE(r1.find("more than 6 months before the as-at date"),
            std::string::npos);
  std::string r2 = Page(built, "recommendations/rev/r2/");
  EXPECT_NE(FlagsCell(r2).find("The target date has moved once, most "
                               "recently to <time datetime=\"2017-09-30\">"),
            std::string::npos);
  EXPECT_EQ(FlagsCell(r2).find("flag-target-passed"), std::string::npos);
  std::string ledger =
      Between(r2, "id=\"target-changes-heading\"", "</section>");
  EXPECT_NE(ledger.find("<p>The supplier failed.</p>"), std::string::npos);
  EXPECT_NE(r2.find("status-in-progress\">In progress</strong> <span "
                    "class=\"status-change\">(changed from <strong "
                    "class=\"status status-not-stated\">Not stated</strong>)"),
            std::string::npos);
  // A formal response that did not accept it closes it: no flags.
  std::string r3 = Page(built, "recommendations/rev/r3/");
  EXPECT_NE(r3.find("<h3>Formal response by Cabinet</h3>"), std::string::npos);
  EXPECT_NE(r3.find("<p>The recommendation was not accepted.</p>"),
            std::string::npos);
  EXPECT_NE(Between(r3, "<dt>Current status</dt>", "</dd>")
                .find("status-not-accepted\">Not accepted</strong>"),
            std::string::npos);
  EXPECT_NE(FlagsCell(r3).find("None as at <time datetime=\"2017-07-01\">"),
            std::string::npos);

  std::string tracker = Page(built, "tracker/");
  std::string flagged = Between(tracker, "<h2 id=\"flagged\">", "</section>");
  EXPECT_NE(flagged.find("recommendations/rev/r1/"), std::string::npos);
  EXPECT_NE(flagged.find("recommendations/rev/r2/"), std::string::npos);
  EXPECT_EQ(flagged.find("recommendations/rev/r3/"), std::string::npos);

  std::string year = Page(built, "changes/2017/");
  std::string statuses =
      Between(year, "id=\"status-changes-heading\"", "</section>");
  EXPECT_NE(statuses.find("recommendations/rev/r2/"), std::string::npos);
  EXPECT_NE(statuses.find("recommendations/rev/r3/"), std::string::npos);
  EXPECT_NE(Between(year, "id=\"target-changes-heading\"", "</section>")
                .find("The supplier failed."),
            std::string::npos);
  EXPECT_NE(Between(year, "id=\"raised-heading\"", "</section>")
                .find("<time datetime=\"2017-07-01\">1 July 2017</time>"),
            std::string::npos);
}

// A target change that does not say what the target was is shown so, not
// with the period's first day, which Mustache would find in the page.
TEST(TrackedSiteTest, ATargetChangeWithoutFromSaysNotStated) {
  MemoryFileSystem files;
  AddTrackedSite(&files, "as_at: 2017-07-01\n");
  files.AddFile("content/reviews/moved.md",
                "---\nid: moved\ntitle: Moved\ncommittee: osc\n"
                "reported: 2017-01-15\nrecommendations:\n"
                "  - number: 1\n    text: Move it.\n    target_changes:\n"
                "      - { date: 2017-05-10, to: 2017-12-31 }\n---\n");
  Built built;
  Build(files, &built);
  ASSERT_TRUE(built.ok) << built.messages;
  const std::string ledger =
      Between(Page(built, "changes/2017/"), "id=\"target-changes-heading\"",
              "</section>");
  const std::string row = Between(ledger, "recommendations/moved/r1/", "</tr>");
  EXPECT_NE(row.find("<td><span class=\"meta\">Not stated</span></td>"),
            std::string::npos)
      << row;
  EXPECT_EQ(row.find("2017-01-01"), std::string::npos) << row;
  EXPECT_NE(row.find("<time datetime=\"2017-12-31\">"), std::string::npos);
}

TEST(TrackedSiteTest, OutputDependsOnlyOnTheAsAtDate) {
  // site.yaml's as_at wins: whatever the build machine's epoch, the same
  // bytes come out.
  Built first = BuildTracked("as_at: 2017-07-01\n", "1893456000");
  Built second = BuildTracked("as_at: 2017-07-01\n", "1498867200");
  Built third = BuildTracked("as_at: 2017-07-01\n", nullptr);
  EXPECT_EQ(first.out.files(), second.out.files());
  EXPECT_EQ(first.out.files(), third.out.files());
  // SOURCE_DATE_EPOCH of the same day gives the same flags.
  Built epoch = BuildTracked("", "1498867200");  // 2017-07-01 00:00 UTC
  for (const char* url : {"recommendations/rev/r1/", "recommendations/rev/r2/",
                          "recommendations/rev/r3/"}) {
    EXPECT_EQ(FlagsCell(Page(epoch, url)), FlagsCell(Page(first, url))) << url;
  }
  EXPECT_NE(Page(epoch, "tracker/")
                .find("the date of this build "
                      "(<code>SOURCE_DATE_EPOCH</code>)"),
            std::string::npos);
  // A later as-at date raises more.
  Built later = BuildTracked("as_at: 2017-10-01\n", nullptr);
  EXPECT_NE(FlagsCell(Page(later, "recommendations/rev/r2/"))
                .find("flag-target-passed"),
            std::string::npos);
}

TEST(TrackedSiteTest, WithoutAnAsAtDatePagesSaySoAndRaiseNoTimeFlags) {
  Built built = BuildTracked("", nullptr);
  std::string r1 = Page(built, "recommendations/rev/r1/");
  EXPECT_NE(FlagsCell(r1).find("None (no as-at date set)"), std::string::npos);
  EXPECT_NE(r1.find("No as-at date set, so the flags that depend on the date"),
            std::string::npos);
  // The flag that needs no date is still shown.
  EXPECT_NE(FlagsCell(Page(built, "recommendations/rev/r2/"))
                .find("flag-target-moved"),
            std::string::npos);
  EXPECT_NE(Page(built, "tracker/").find("No as-at date set"),
            std::string::npos);
}

TEST(TrackedSiteTest, PersonPageCountsAttendanceOnlyWithinTenure) {
  Built built = BuildTracked("as_at: 2017-07-01\n", nullptr);
  std::string html = Page(built, "people/pat/");
  EXPECT_NE(html.find("<h1>Cllr Pat Jones</h1>"), std::string::npos);
  std::string record =
      Between(html, "id=\"attendance-record-heading\"", "</section>");
  // 2017: m2 present, m3 apologies, m4 absent, m5 not recorded; m1 (2016)
  // and m6 (2018) fall outside the tenure. The workshop is counted apart.
  EXPECT_NE(record.find("<td>4</td><td>1</td><td>1</td><td>1</td><td>1</td>"
                        "<td>1</td><td>1 present, 0 apologies, 0 absent, 0 "
                        "not recorded</td>"),
            std::string::npos)
      << record;
  std::string attended = Between(html, "id=\"attended-heading\"", "</section>");
  EXPECT_NE(attended.find("meetings/m1/"), std::string::npos);
  EXPECT_NE(attended.find("(written as “Pat”)"), std::string::npos);
  EXPECT_NE(Between(html, "id=\"owned-heading\"", "</section>")
                .find("recommendations/rev/r1/"),
            std::string::npos);
  EXPECT_NE(Between(html, "id=\"actions-heading\"", "</section>")
                .find("<p>Write the report.</p>"),
            std::string::npos);
  std::string names = Between(html, "<p class=\"names\">", "</p>");
  EXPECT_NE(names.find("“P Jones”"), std::string::npos);
  std::string update = Page(built, "updates/up/");
  EXPECT_NE(update.find("Current status: <strong class=\"status "
                        "status-in-progress\">In progress</strong>"),
            std::string::npos);
}

}  // namespace
}  // namespace scrutineer
