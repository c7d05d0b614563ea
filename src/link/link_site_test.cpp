#include "link/link_site.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "load/record_loader.h"

namespace scrutineer {
namespace {

using Lines = std::vector<std::string>;

constexpr const char* kReviewPath =
    "content/reviews/wirral-safeguarding-2015.md";

// A small linked site: an organisation, a committee, a person, a review with
// headings and recommendations, a meeting and an update.
class LinkSiteTest : public ::testing::Test {
 protected:
  LinkSiteTest() {
    files_["content/organisations/wirral-council.yaml"] =
        "id: wirral-council\nname: Wirral Council\n";
    files_["content/committees/wirral-cf-osc.yaml"] =
        "id: wirral-cf-osc\nname: Children and Families OSC\n"
        "organisation: wirral-council\n";
    files_["content/people/julia-hassall.yaml"] =
        "id: julia-hassall\nname: Julia Hassall\n";
    files_[kReviewPath] =
        "---\n"
        "id: wirral-safeguarding-2015\n"
        "title: Safeguarding Children in Wirral\n"
        "committee: wirral-cf-osc\n"
        "headings:\n"
        "  - { number: 1, title: Organisational structure }\n"
        "recommendations:\n"
        "  - number: 1\n"
        "    heading: 1\n"
        "    title: Performance management\n"
        "    text: The Director is requested to report.\n"
        "  - number: 16\n"
        "    title: Reality checks\n"
        "    owners: [julia-hassall]\n"
        "    text: |\n"
        "      Follows [recommendation 1](@wirral-safeguarding-2015/r1).\n"
        "  - { number: 4a, text: A lettered one. }\n"
        "---\n"
        "The review was chaired by [](@julia-hassall).\n";
    files_["content/meetings/wirral-cf-osc-2017-06-20.md"] =
        "---\nid: wirral-cf-osc-2017-06-20\ndate: 2017-06-20\n"
        "committee: wirral-cf-osc\n"
        "attendance:\n  present:\n    - julia-hassall\n"
        "    - { person: julia-hassall, as_written: J Hassall }\n---\n";
    files_["content/updates/wirral-safeguarding-update-2017-06.md"] =
        "---\nid: wirral-safeguarding-update-2017-06\n"
        "review: wirral-safeguarding-2015\ndate: 2017-06-20\n"
        "meeting: wirral-cf-osc-2017-06-20\n"
        "entries:\n  - recommendation: 16\n    status: in-progress\n---\n";
  }

  // Loads and links the site; returns every diagnostic's headline, each
  // followed by "note: <hint>" when it has one.
  Lines Link() {
    MemoryFileSystem files;
    files.AddFile("site.yaml", "title: Test\n");
    for (const auto& [path, text] : files_) files.AddFile(path, text);
    EXPECT_TRUE(LoadSite(files, &site_, diagnostics_));
    LinkSite(&site_, diagnostics_);
    Lines lines;
    for (const Diagnostic& d : diagnostics_.Sorted()) {
      lines.push_back(FormatDiagnosticHeadline(d));
      if (!d.hint.empty()) lines.push_back("note: " + d.hint);
    }
    return lines;
  }

  const Record& Get(const std::string& id) {
    const Record* record = site_.Find(id);
    EXPECT_NE(record, nullptr) << id;
    static const Record kMissing;
    return record == nullptr ? kMissing : *record;
  }

  // "from -> to (field) at line:column", for every reference to `id`.
  Lines BacklinksOf(const std::string& id) {
    Lines lines;
    size_t to = site_.index_by_id.Find(id);
    EXPECT_NE(to, IdIndex::kNone) << id;
    for (const Reference& reference : site_.references) {
      if (reference.to != to) continue;
      lines.push_back(site_.records[reference.from].id.value + " (" +
                      std::string(reference.field) + ") at " +
                      std::to_string(reference.location.line) + ":" +
                      std::to_string(reference.location.column));
    }
    return lines;
  }

  std::map<std::string, std::string> files_;
  Site site_;
  Diagnostics diagnostics_;
};

TEST_F(LinkSiteTest, SplitsRecommendationsIntoRecordsOfTheirOwn) {
  files_["content/workshops/w.md"] =
      "---\nid: w\ntitle: W\ndate: 2019-01\nrecommendations:\n"
      "  - { number: 1, text: T, follows: [wirral-safeguarding-2015/r16] }\n"
      "---\n";
  EXPECT_EQ(Link(), Lines{});
  struct Case {
    const char* id;
    const char* number;
    const char* title;
    int line;
  };
  const Case kCases[] = {
      {"wirral-safeguarding-2015/r1", "1",
       "Recommendation 1: Performance management", 8},
      {"wirral-safeguarding-2015/r16", "16",
       "Recommendation 16: Reality checks", 12},
      {"wirral-safeguarding-2015/r4a", "4a", "Recommendation 4a", 17},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.id);
    const Record& recommendation = Get(c.id);
    EXPECT_EQ(recommendation.kind, RecordKind::kRecommendation);
    EXPECT_EQ(recommendation.parent.value, "wirral-safeguarding-2015");
    EXPECT_EQ(recommendation.number, c.number);
    EXPECT_EQ(recommendation.title, c.title);
    EXPECT_EQ(recommendation.location.path, kReviewPath);
    EXPECT_EQ(recommendation.location.line, c.line);
    EXPECT_TRUE(recommendation.body->empty());
  }
  EXPECT_EQ(Get("w/r1").parent.value, "w");
  EXPECT_EQ(Get("w/r1").location.path, "content/workshops/w.md");
  EXPECT_EQ(
      BacklinksOf("wirral-safeguarding-2015/r16"),
      (Lines{"wirral-safeguarding-update-2017-06 (recommendation) at 7:21",
             "w/r1 (follows) at 6:37"}));
}

// Appending recommendations to Site::records while reading their review
// used to leave the review dangling once the vector grew.
TEST(LinkSiteAloneTest, SplitsManyRecommendationsFromALoneReview) {
  std::string review = "---\nid: r\ntitle: R\nrecommendations:\n";
  for (int i = 1; i <= 20; ++i) {
    review += "  - { number: " + std::to_string(i) + ", text: T }\n";
  }
  review += "---\n";
  MemoryFileSystem files;
  files.AddFile("site.yaml", "title: Test\n");
  files.AddFile("content/reviews/r.md", review);
  Site site;
  Diagnostics diagnostics;
  ASSERT_TRUE(LoadSite(files, &site, diagnostics));
  site.records.shrink_to_fit();
  LinkSite(&site, diagnostics);
  EXPECT_FALSE(diagnostics.HasErrors());
  ASSERT_EQ(site.records.size(), 21u);
  for (int i = 1; i <= 20; ++i) {
    const Record& recommendation = site.records[i];
    EXPECT_EQ(recommendation.id.value, "r/r" + std::to_string(i));
    EXPECT_EQ(recommendation.parent.value, "r");
    EXPECT_EQ(recommendation.location.line, 4 + i);
  }
}

TEST_F(LinkSiteTest, ReportsDuplicateNumbersAndMissingHeadings) {
  files_["content/reviews/r.md"] =
      "---\nid: r\ntitle: R\n"
      "recommendations:\n"
      "  - { number: 3, text: First. }\n"
      "  - number: 3\n    text: Second.\n"
      "  - { number: 4, heading: 2, text: T }\n---\n";
  files_["content/workshops/w.md"] =
      "---\nid: w\ntitle: W\ndate: 2019\nrecommendations:\n"
      "  - { number: 1, heading: 1, text: T }\n---\n";
  std::string& review = files_[kReviewPath];
  review.replace(review.find("    heading: 1\n"), 15, "    heading: 2\n");
  EXPECT_EQ(
      Link(),
      (Lines{"content/reviews/r.md:6:13: error: duplicate recommendation "
             "number 3",
             "note: recommendation 3 is already at line 5",
             "content/reviews/r.md:8:27: error: heading 2 is not one of the "
             "headings of 'r'",
             "note: add 'headings:' to the review",
             "content/reviews/wirral-safeguarding-2015.md:9:14: error: heading "
             "2 is not one of the headings of 'wirral-safeguarding-2015'",
             "note: use the number of a heading listed under 'headings:'",
             "content/workshops/w.md:6:27: error: heading 1 is not one of the "
             "headings of 'w'",
             "note: add 'headings:' to the workshop"}));
  EXPECT_EQ(Get("r/r3").location.line, 5);  // the first one is kept
}

// "04" was a recommendation of its own beside "4", with a page "r04", and
// an update's "recommendation: 01" was "no recommendation 01" with no word
// of 1. Now a leading zero is refused wherever a number is written: in a
// review or workshop, an update's entries and a short link, quoted or not,
// in block and flow YAML (which two readers read), each where it is
// written and all in one run. (Ids in fields: RecordLoaderTest.)
TEST_F(LinkSiteTest, RefusesLeadingZerosInRecommendationNumbersEverywhere) {
  files_["content/reviews/r.md"] =
      "---\nid: r\ntitle: R\n"
      "recommendations:\n"
      "  - number: 4\n    text: Four.\n"
      "  - number: 04\n    text: Four again.\n"
      "  - number: \"04\"\n    text: Four again, quoted.\n"
      "  - number: 5\n"
      "    text: After [four](@r/r004).\n---\n";
  files_["content/workshops/w.md"] =
      "---\nid: w\ntitle: W\ndate: 2019\nrecommendations:\n"
      "  - { number: 0, text: Zero. }\n"
      "  - { number: '0004a', text: T }\n---\n";
  files_["content/updates/u.md"] =
      "---\nid: u\nreview: r\ndate: 2017\nentries:\n"
      "  - recommendation: 01\n"
      "  - recommendation: '04'\n    status: in-progress\n"
      "  - recommendation: 4\n---\n";
  const std::string kNoZero = ": a recommendation number has no leading zero";
  EXPECT_EQ(
      Link(),
      (Lines{"content/reviews/r.md:7:13: error: '04' is not a recommendation "
             "number",
             "note: write 4" + kNoZero,
             "content/reviews/r.md:9:13: error: '04' is not a recommendation "
             "number",
             "note: write 4" + kNoZero,
             "content/reviews/r.md:12:24: error: 'r/r004' is not a valid id",
             "note: write 'r/r4'" + kNoZero,
             "content/updates/u.md:6:21: error: '01' is not a recommendation "
             "number",
             "note: write 1" + kNoZero,
             "content/updates/u.md:7:21: error: '04' is not a recommendation "
             "number",
             "note: write 4" + kNoZero,
             "content/workshops/w.md:6:15: error: '0' is not a "
             "recommendation number",
             "note: recommendation numbers start at 1",
             "content/workshops/w.md:7:15: error: '0004a' is not a "
             "recommendation number",
             "note: write 4a" + kNoZero}));
  EXPECT_EQ(Get("r/r4").location.line, 5);
  EXPECT_EQ(site_.Find("r/r04"), nullptr);
  EXPECT_EQ(BacklinksOf("r/r4"), Lines{"u (recommendation) at 9:21"});
}

TEST_F(LinkSiteTest, ReportsAnIdUsedTwiceWhateverTheKind) {
  files_["content/people/wirral-cf-osc.yaml"] =
      "id: wirral-cf-osc\nname: Someone\n";
  EXPECT_EQ(Link(),
            (Lines{"content/people/wirral-cf-osc.yaml:1:1: error: duplicate id "
                   "'wirral-cf-osc'",
                   "note: already used by the committee in "
                   "content/committees/wirral-cf-osc.yaml; ids are unique "
                   "across the whole site"}));
  EXPECT_EQ(Get("wirral-cf-osc").kind, RecordKind::kCommittee);
}

TEST_F(LinkSiteTest, ReportsUnknownIdsWithTheClosestOfTheRightKind) {
  files_["content/papers/p.md"] =
      "---\nid: p\ntitle: P\n"
      "committee: wirral-cf-oc\n"
      "meeting: no-such-meeting\n"
      "author: julia-hasall\n"
      "review: wirral-safeguarding-2051\n"
      "related: [wirral-counci, wirral-safeguarding-2015/r17]\n---\n";
  EXPECT_EQ(
      Link(),
      (Lines{"content/papers/p.md:4:12: error: unknown committee "
             "'wirral-cf-oc'",
             "note: did you mean 'wirral-cf-osc'?",
             "content/papers/p.md:5:10: error: unknown meeting "
             "'no-such-meeting'",
             "note: no meeting has this id; check the spelling or add the "
             "record",
             "content/papers/p.md:6:9: error: unknown person 'julia-hasall'",
             "note: did you mean 'julia-hassall'?",
             "content/papers/p.md:7:9: error: unknown review "
             "'wirral-safeguarding-2051'",
             "note: did you mean 'wirral-safeguarding-2015'?",
             "content/papers/p.md:8:11: error: unknown record 'wirral-counci'",
             "note: did you mean 'wirral-council'?",
             "content/papers/p.md:8:26: error: unknown record "
             "'wirral-safeguarding-2015/r17'",
             "note: did you mean 'wirral-safeguarding-2015/r1'?"}));
}

TEST_F(LinkSiteTest, SuggestsSpellingsForTheFirstHundredUnknownIdsOnly) {
  // Each suggestion compares the id with every id of its kind: thousands of
  // unknown ids in a site of thousands took minutes. All are reported; the
  // first 100 in record order, every run the same, get a suggestion.
  std::string related;
  for (int i = 0; i < 130; ++i) {
    related += "  - julia-hasall-" + std::to_string(i) + "\n";
  }
  files_["content/people/zz.yaml"] = "id: zz\nname: Z\nrelated:\n" + related;
  Lines lines = Link();
  ASSERT_EQ(lines.size(), 260u);
  const std::string kMean = "note: did you mean 'julia-hassall'?";
  const std::string kNone =
      "note: no record has this id; check the spelling or add the record "
      "(spellings are suggested for the first 100 unknown ids only)";
  int suggested = 0;
  for (size_t i = 0; i < lines.size(); i += 2) {
    const int id = static_cast<int>(i / 2);  // lines are in file order
    EXPECT_NE(lines[i].find("unknown record 'julia-hasall-" +
                            std::to_string(id) + "'"),
              std::string::npos)
        << lines[i];
    EXPECT_EQ(lines[i + 1], id < 100 ? kMean : kNone) << lines[i];
    suggested += lines[i + 1] == kMean;
  }
  EXPECT_EQ(suggested, 100);
}

TEST_F(LinkSiteTest, ReportsAnIdOfTheWrongKind) {
  files_["content/papers/p.md"] =
      "---\nid: p\ntitle: P\ncommittee: wirral-cf-osc-2017-06-20\n"
      "contacts: [{person: wirral-council}]\n---\n";
  files_["content/workshops/w.md"] =
      "---\nid: w\ntitle: W\ndate: 2019\nrecommendations:\n"
      "  - { number: 1, text: T, follows: [wirral-cf-osc] }\n---\n";
  EXPECT_EQ(
      Link(),
      (Lines{"content/papers/p.md:4:12: error: 'wirral-cf-osc-2017-06-20' is "
             "a meeting, not a committee",
             "note: field 'committee' needs the id of a committee",
             "content/papers/p.md:5:21: error: 'wirral-council' is an "
             "organisation, not a person",
             "note: field 'person' needs the id of a person",
             "content/workshops/w.md:6:37: error: 'wirral-cf-osc' is a "
             "committee, not a recommendation",
             "note: field 'follows' needs the id of a recommendation"}));
}

// The loader reports a field's malformed id; linking does not report it
// again. A short link's is reported by linking, the only stage to see it.
TEST_F(LinkSiteTest, ReportsEachMalformedIdOnce) {
  files_["content/committees/cx.yaml"] =
      "id: cx\nname: X\norganisation: Bad_Id\nrelated: [Also_Bad]\n";
  files_["content/papers/p.md"] =
      "---\nid: p\ntitle: P\n---\nSee [this](@Bad_Link).\n";
  Lines lines;
  for (const std::string& line : Link()) {
    if (line.rfind("note: ", 0) != 0) lines.push_back(line);
  }
  EXPECT_EQ(lines, (Lines{"content/committees/cx.yaml:3:15: error: 'Bad_Id' "
                          "is not a valid id in field 'organisation'",
                          "content/committees/cx.yaml:4:11: error: 'Also_Bad' "
                          "is not a valid id in field 'related'",
                          "content/papers/p.md:5:12: error: 'Bad_Link' is "
                          "not a valid id"}));
}

TEST_F(LinkSiteTest, ReportsARecordNamingItselfAsItsOwnRelation) {
  files_["content/committees/a.yaml"] =
      "id: a\nname: A\npredecessors: [a, wirral-cf-osc]\nsuccessors: [a]\n";
  files_["content/workshops/w.md"] =
      "---\nid: w\ntitle: W\ndate: 2019\nrecommendations:\n"
      "  - { number: 1, text: T, follows: [w/r1] }\n---\n";
  EXPECT_EQ(Link(),
            (Lines{"content/committees/a.yaml:3:16: error: 'a' is this "
                   "committee itself: it cannot be in its own 'predecessors'",
                   "note: name another record, or remove the entry",
                   "content/committees/a.yaml:4:14: error: 'a' is this "
                   "committee itself: it cannot be in its own 'successors'",
                   "note: name another record, or remove the entry",
                   "content/workshops/w.md:6:37: error: 'w/r1' is this "
                   "recommendation itself: it cannot be in its own 'follows'",
                   "note: name another record, or remove the entry"}));
  // The other predecessor is kept; the entry naming itself is not.
  EXPECT_EQ(BacklinksOf("a"), Lines{});
  Lines committee = BacklinksOf("wirral-cf-osc");
  EXPECT_NE(
      std::find(committee.begin(), committee.end(), "a (predecessors) at 3:19"),
      committee.end());
}

TEST_F(LinkSiteTest, ResolvesUncertainReferencesAndSkipsUnknownOnes) {
  files_["content/meetings/m1.md"] =
      "---\nid: m1\ndate: 2017\n"
      "committee: { value: wirral-cf-osc, inferred: \"Same members.\" }\n---\n";
  files_["content/meetings/m2.md"] =
      "---\nid: m2\ndate: 2017\ncommittee: { unknown: \"Not named.\" }\n---\n";
  files_["content/meetings/m3.md"] =
      "---\nid: m3\ndate: 2017\n"
      "committee: { value: wirral-cf-os, inferred: why }\n---\n";
  EXPECT_EQ(Link(), (Lines{"content/meetings/m3.md:4:21: error: unknown "
                           "committee 'wirral-cf-os'",
                           "note: did you mean 'wirral-cf-osc'?"}));
  EXPECT_EQ(BacklinksOf("wirral-cf-osc"),
            (Lines{"m1 (committee) at 4:21",
                   "wirral-cf-osc-2017-06-20 (committee) at 4:12",
                   "wirral-safeguarding-2015 (committee) at 4:12"}));
}

TEST_F(LinkSiteTest, ChecksUpdateEntriesAgainstTheReview) {
  std::string& update =
      files_["content/updates/wirral-safeguarding-update-2017-06.md"];
  update.replace(update.find("---\n", 4), 4,
                 "  - recommendation: 99\n  - recommendation: 4a\n---\n");
  EXPECT_EQ(Link(),
            (Lines{"content/updates/wirral-safeguarding-update-2017-06.md:9:"
                   "21: error: review 'wirral-safeguarding-2015' has no "
                   "recommendation 99",
                   "note: check the number against the review's "
                   "recommendations"}));
  EXPECT_EQ(BacklinksOf("wirral-safeguarding-2015/r4a"),
            Lines{"wirral-safeguarding-update-2017-06 (recommendation) at "
                  "10:21"});
}

TEST_F(LinkSiteTest, ReportsUnknownShortLinksWhereTheyAreWritten) {
  files_["content/meetings/m.md"] =
      "---\nid: m\ndate: 2017\n"
      "agenda:\n"
      "  - title: Item\n"
      "    minutes: |\n"
      "      J Hassall spoke to [](@julia-hassall) and to\n"
      "      [the committee](@wirral-cf-os), twice: [again](@wirral-cf-os).\n"
      "---\n"
      "Minutes.\n\n"
      "See [the review](@wirral-safeguarding-2015) and [](@no-such-thing).\n"
      "And [a bad one](@Bad_Id).\n"
      "Titled: [the board](@wirral-cf-os \"The board\").\n";
  EXPECT_EQ(Link(),
            (Lines{"content/meetings/m.md:8:23: error: unknown record "
                   "'wirral-cf-os'",
                   "note: did you mean 'wirral-cf-osc'?",
                   "content/meetings/m.md:8:54: error: unknown record "
                   "'wirral-cf-os'",
                   "note: did you mean 'wirral-cf-osc'?",
                   "content/meetings/m.md:12:52: error: unknown record "
                   "'no-such-thing'",
                   "note: no record has this id; check the spelling or add "
                   "the record",
                   "content/meetings/m.md:13:17: error: 'Bad_Id' is not a "
                   "valid id",
                   "note: ids use lower-case letters, digits and hyphens, "
                   "at most 80 characters",
                   "content/meetings/m.md:14:21: error: unknown record "
                   "'wirral-cf-os'",
                   "note: did you mean 'wirral-cf-osc'?"}));
  EXPECT_EQ(
      BacklinksOf("julia-hassall"),
      (Lines{"m (minutes) at 7:29", "wirral-cf-osc-2017-06-20 (present) at 7:7",
             "wirral-cf-osc-2017-06-20 (present) at 8:17",
             "wirral-safeguarding-2015 (body) at 19:30",
             "wirral-safeguarding-2015/r16 (owners) at 14:14"}));
}

TEST_F(LinkSiteTest, SortsReferencesByTargetSoBacklinksAreOneRun) {
  EXPECT_EQ(Link(), Lines{});
  ASSERT_FALSE(site_.references.empty());
  EXPECT_TRUE(std::is_sorted(site_.references.begin(), site_.references.end(),
                             [](const Reference& a, const Reference& b) {
                               return std::tie(a.to, a.from, a.field) <
                                      std::tie(b.to, b.from, b.field);
                             }));
  EXPECT_EQ(BacklinksOf("wirral-council"),
            Lines{"wirral-cf-osc (organisation) at 3:15"});
  EXPECT_EQ(BacklinksOf("wirral-safeguarding-2015/r1"),
            Lines{"wirral-safeguarding-2015/r16 (text) at 16:34"});
  EXPECT_EQ(BacklinksOf("wirral-cf-osc-2017-06-20"),
            Lines{"wirral-safeguarding-update-2017-06 (meeting) at 5:10"});
  EXPECT_EQ(BacklinksOf("wirral-safeguarding-update-2017-06"), Lines{});
}

// Records are resolved in blocks on several threads; backlinks and
// diagnostics must come out as if resolved one by one: by source record,
// then field, then where in the record the link was written.
TEST_F(LinkSiteTest, ResolvesManyRecordsAsIfOneByOne) {
  constexpr int kMeetings = 600;  // enough blocks of records for two threads
  auto name = [](int i) {
    std::string number = std::to_string(i);
    return "m-" + std::string(3 - number.size(), '0') + number;
  };
  for (int i = 0; i < kMeetings; ++i) {
    files_["content/meetings/" + name(i) + ".md"] =
        "---\nid: " + name(i) +
        "\ndate: 2017\ncommittee: wirral-cf-osc\n---\n"
        "Held by [the committee](@wirral-cf-osc), [](@no-such-" +
        std::to_string(i) + ").\nAgain [the board](@wirral-cf-osc).\n";
  }
  Lines expected_diagnostics;
  Lines expected_backlinks;
  for (int i = 0; i < kMeetings; ++i) {
    std::string id = std::to_string(i);
    expected_diagnostics.push_back("content/meetings/" + name(i) +
                                   ".md:6:45: error: unknown record 'no-such-" +
                                   id + "'");
    expected_diagnostics.push_back(
        std::string("note: no record has this id; check the spelling or add "
                    "the record") +
        (i < 100 ? ""
                 : " (spellings are suggested for the first 100 unknown "
                   "ids only)"));
    expected_backlinks.push_back(name(i) + " (body) at 6:25");
    expected_backlinks.push_back(name(i) + " (body) at 7:19");
    expected_backlinks.push_back(name(i) + " (committee) at 4:12");
  }
  // Records are in path order: the fixture's meeting comes last.
  expected_backlinks.push_back("wirral-cf-osc-2017-06-20 (committee) at 4:12");
  EXPECT_EQ(Link(), expected_diagnostics);
  Lines backlinks = BacklinksOf("wirral-cf-osc");
  backlinks.erase(std::remove_if(backlinks.begin(), backlinks.end(),
                                 [](const std::string& line) {
                                   return line.rfind("m-", 0) != 0 &&
                                          line.rfind("wirral-cf-osc-2017", 0) !=
                                              0;
                                 }),
                  backlinks.end());
  EXPECT_EQ(backlinks, expected_backlinks);
}

TEST_F(LinkSiteTest, GivesEveryRecordATitle) {
  files_["content/meetings/m1.md"] =
      "---\nid: m1\ndate: { value: 2017-02, inferred: why }\n"
      "committee: { unknown: \"Not named.\" }\n---\n";
  files_["content/meetings/m2.md"] =
      "---\nid: m2\ntitle: Board meeting\ndate: 2017\n---\n";
  files_["content/meetings/m3.md"] =
      "---\nid: m3\ndate: { unknown: \"Undated.\" }\n"
      "committee: wirral-cf-osc\n---\n";
  files_["content/updates/u1.md"] =
      "---\nid: u1\nreview: wirral-safeguarding-2015\n"
      "date: { unknown: \"Undated.\" }\nentries: []\n---\n";
  files_["content/updates/u2.md"] =
      "---\nid: u2\ntitle: Six-month report\nreview: wirral-safeguarding-2015\n"
      "date: 2018\nentries: []\n---\n";
  files_["content/committees/c.yaml"] =
      "id: c\nname: { value: Corporate Parenting Board, inferred: why }\n";
  files_["content/committees/d.yaml"] =
      "id: d\nname: { unknown: \"The minutes do not say.\" }\n";
  EXPECT_EQ(Link(), Lines{});
  const std::map<std::string, std::string> kTitles = {
      {"wirral-safeguarding-update-2017-06",
       "Progress update, 20 June 2017: Safeguarding Children in Wirral"},
      {"u1", "Progress update: Safeguarding Children in Wirral"},
      {"u2", "Six-month report"},
      {"wirral-cf-osc-2017-06-20", "Children and Families OSC, 20 June 2017"},
      {"m1", "Meeting, February 2017"},
      {"m2", "Board meeting"},
      {"m3", "Children and Families OSC"},
      {"wirral-safeguarding-2015", "Safeguarding Children in Wirral"},
      {"julia-hassall", "Julia Hassall"},
      {"wirral-council", "Wirral Council"},
      {"c", "Corporate Parenting Board"},
      {"d", "d"},
  };
  for (const auto& [id, title] : kTitles) EXPECT_EQ(Get(id).title, title) << id;
}

TEST(FindShortLinksTest, FindsEachIdAndTheOffsetOfItsAt) {
  struct Case {
    const char* markdown;
    std::vector<std::pair<std::string, size_t>> links;
  };
  const Case kCases[] = {
      {"see [the board](@wirral-cf-osc).", {{"wirral-cf-osc", 16}}},
      {"[](@a) and [b](@b/r16)", {{"a", 3}, {"b/r16", 15}}},
      {"[x](@a)[y](@a)", {{"a", 4}, {"a", 11}}},
      {"[words\nover lines](@a)", {{"a", 19}}},
      {"[x](@)", {{"", 4}}},
      // Titles and spaces before the ')' are part of a Markdown link; such
      // links used to render (or vanish) without being checked.
      {"[x](@a \"The title\")", {{"a", 4}}},
      {"[x](@a 'The title')", {{"a", 4}}},
      {"[x](@a (The title))", {{"a", 4}}},
      {"[x](@a )", {{"a", 4}}},
      {"[x](@a\n  \"The title\")", {{"a", 4}}},
      // Every CommonMark form of a destination that the renderer resolves.
      {"[x](<@a>)", {{"a", 5}}},
      {"[x](\n@a)", {{"a", 5}}},
      {"[x]( @a )", {{"a", 5}}},
      {"[x][r]\n\n[r]: @a\n", {{"a", 13}}},
      {"   [r]: <@a> \"title\"", {{"a", 9}}},
      {"[r]:\n  @a", {{"a", 7}}},
      {"not at a line's start [r]: @a", {}},
      {"[x](<@a b>)", {}},
      // Code is text: "@id" in a code span or fenced block is no link.
      {"`[x](@a)` and [y](@b)", {{"b", 18}}},
      {"`` [x](@a) `` [y](@b)", {{"b", 18}}},
      {"```\n[x](@a)\n```\n[y](@b)", {{"b", 20}}},
      {"~~~~\n[x](@a)\n~~~\n[y](@b)\n~~~~", {}},
      {"a ` single [x](@a)", {{"a", 15}}},
      {"`\n\n[x](@a) `", {{"a", 7}}},
      {"\\`[x](@a)` (an escaped backtick opens nothing)", {{"a", 6}}},
      {"no links here", {}},
      {"[x](https://example.org)", {}},
      {"[x](@a b)", {}},
      {"[x](@ a)", {}},
      {"[x](@a", {}},
      {"email me @ home](@", {}},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.markdown);
    std::vector<std::pair<std::string, size_t>> found;
    for (const ShortLink& link : FindShortLinks(c.markdown)) {
      found.emplace_back(std::string(link.id), link.offset);
      EXPECT_EQ(std::string_view(c.markdown).substr(link.offset, 1), "@");
    }
    EXPECT_EQ(found, c.links);
  }
}

TEST_F(LinkSiteTest, WarnsWhenTargetChangesDoNotFollowOneAnother) {
  files_["content/workshops/w.md"] =
      "---\nid: w\ntitle: W\ndate: 2019-01\nrecommendations:\n"
      "  - number: 1\n"
      "    text: T\n"
      "    target: 2019-03\n"
      "    target_changes:\n"
      "      - { date: 2019-02-01, from: 2019-03, to: 2019-06 }\n"
      "      - { date: 2019-05-01, from: 2019-07, to: 2019-09 }\n"
      "      - { date: 2019-04-01, to: 2019-12 }\n"
      "---\n";
  EXPECT_EQ(Link(),
            (Lines{"content/workshops/w.md:11:35: warning: this change moves "
                   "the target from 2019-07, but the target before it is "
                   "2019-06",
                   "note: write the target the change moved from, as the "
                   "source gives it",
                   "content/workshops/w.md:12:17: warning: target changes "
                   "are not in date order",
                   "note: list them oldest first"}));
}

TEST(FindShortLinksTest, KeepsEachLinksOwnWords) {
  const std::pair<const char*, std::vector<std::string>> kCases[] = {
      {"see [the board](@wirral-cf-osc).", {"the board"}},
      {"[](@a) and [b](@b/r16)", {"", "b"}},
      {"[words\nover lines](@a)", {"words over lines"}},
      // No '[' close before the link: no words, rather than a search back
      // through the whole text.
      {"email me @ home](@a)", {""}},
  };
  for (const auto& [markdown, words] : kCases) {
    SCOPED_TRACE(markdown);
    std::vector<std::string> found;
    for (const ShortLink& link : FindShortLinks(markdown))
      found.push_back(link.words);
    EXPECT_EQ(found, words);
  }
  std::string far = "[" + std::string(300, 'x') + "](@a)";
  ASSERT_EQ(FindShortLinks(far).size(), 1u);
  EXPECT_EQ(FindShortLinks(far)[0].words, "");
}

}  // namespace
}  // namespace scrutineer
