#include "render/recommendation_history.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <stdexcept>

#include "link/link_site.h"
#include "load/record_loader.h"
#include "write/file_system.h"

namespace scrutineer {
namespace {

// Five recommendations with targets, a moved target, a completion and an
// update, for flags worked out as at different dates.
void AddAccountabilitySite(MemoryFileSystem* files, const std::string& as_at) {
  files->AddFile(
      "site.yaml",
      "title: T\n" + (as_at.empty() ? "" : "as_at: " + as_at + "\n"));
  files->AddFile(
      "content/reviews/rev.md",
      "---\nid: rev\ntitle: Review\nreported: 2017-01-15\n"
      "recommendations:\n"
      "  - { number: 1, text: Target only., target: 2017-06-30 }\n"
      "  - { number: 2, text: Completed in time., target: 2017-06 }\n"
      "  - number: 3\n"
      "    text: Target moved.\n"
      "    target: 2017-03-31\n"
      "    target_changes:\n"
      "      - { date: 2017-03-20, from: 2017-03-31, to: 2017-09-30,"
      " reason: Staff left. }\n"
      "  - { number: 4, text: A year as target., target: 2017 }\n"
      "  - { number: 5, text: Updated in February. }\n"
      "---\n");
  files->AddFile(
      "content/updates/up1.md",
      "---\nid: up1\nreview: rev\ndate: 2017-02\nentries:\n"
      "  - { recommendation: 5, status: in-progress, text: Begun. }\n"
      "---\n");
  files->AddFile("content/updates/up2.md",
                 "---\nid: up2\nreview: rev\ndate: 2017-06-20\nentries:\n"
                 "  - { recommendation: 2, status: completed, text: Done. }\n"
                 "  - { recommendation: 5 }\n"
                 "---\n");
}

struct Traced {
  Site site;
  Histories histories;
};

// Traces the site as at `as_at` (site.yaml; "" for none), building with
// SOURCE_DATE_EPOCH set to `epoch` (nullptr: unset).
Traced Trace(const std::string& as_at, const char* epoch = nullptr) {
  if (epoch == nullptr) {
    unsetenv("SOURCE_DATE_EPOCH");
  } else {
    setenv("SOURCE_DATE_EPOCH", epoch, 1);
  }
  MemoryFileSystem files;
  AddAccountabilitySite(&files, as_at);
  Traced traced;
  Diagnostics diagnostics;
  EXPECT_TRUE(LoadSite(files, &traced.site, diagnostics));
  LinkSite(&traced.site, diagnostics);
  EXPECT_FALSE(diagnostics.HasErrors());
  traced.histories = TraceHistories(traced.site);
  unsetenv("SOURCE_DATE_EPOCH");
  return traced;
}

const RecommendationHistory& HistoryOf(const Traced& traced,
                                       const std::string& id) {
  size_t index = traced.site.index_by_id.Find(id);
  if (index == IdIndex::kNone) throw std::out_of_range("no record " + id);
  return *traced.histories.Find(index);
}

// "code@since code@since", in the order the flags are listed.
std::string FlagsOf(const std::vector<Flag>& flags) {
  std::string out;
  for (const Flag& flag : flags) {
    if (!out.empty()) out += ' ';
    out += std::string(FlagSpecOf(flag.kind).code) + "@" +
           (flag.since ? flag.since->Iso() : "?");
  }
  return out;
}

TEST(RecommendationHistoryTest, FlagsDependOnTheAsAtDateAlone) {
  struct Case {
    const char* as_at;
    const char* recommendation;
    const char* flags;
  };
  const Case kCases[] = {
      // No as-at date: only the flag that needs no date.
      {"", "rev/r1", ""},
      {"", "rev/r3", "target-moved@2017-03-20"},
      // The day of the target is not yet past it.
      {"2017-06-30", "rev/r1", ""},
      {"2017-07-01", "rev/r1", "target-passed@2017-07-01"},
      // Completed before its target passed: never flagged.
      {"2017-07-01", "rev/r2", ""},
      {"2018-01-01", "rev/r2", ""},
      // Six months after it was made (15 January), with no update.
      {"2017-07-15", "rev/r1", "target-passed@2017-07-01"},
      {"2017-07-16", "rev/r1",
       "target-passed@2017-07-01 no-recent-update@2017-07-16"},
      // A moved target passes at its new date.
      {"2017-07-01", "rev/r3", "target-moved@2017-03-20"},
      {"2017-10-01", "rev/r3",
       "target-passed@2017-10-01 no-recent-update@2017-07-16 "
       "target-moved@2017-03-20"},
      // A change dated after the as-at date has not happened yet.
      {"2017-03-19", "rev/r3", ""},
      // A year as target passes only when the whole year has.
      {"2017-12-31", "rev/r4", "no-recent-update@2017-07-16"},
      {"2018-01-01", "rev/r4",
       "target-passed@2018-01-01 no-recent-update@2017-07-16"},
      // An update dated "February 2017" counts to its last day; an entry
      // with no text (June) is no update.
      {"2017-08-28", "rev/r5", ""},
      {"2017-08-29", "rev/r5", "no-recent-update@2017-08-29"},
  };
  for (const Case& c : kCases) {
    Traced traced = Trace(c.as_at);
    EXPECT_EQ(FlagsOf(HistoryOf(traced, c.recommendation).flags), c.flags)
        << c.recommendation << " as at '" << c.as_at << "'";
  }
}

TEST(RecommendationHistoryTest, SourceDateEpochGivesTheSameFlagsAsSiteYaml) {
  Traced from_yaml = Trace("2017-10-01");
  Traced from_epoch = Trace("", "1506816000");  // 2017-10-01 00:00 UTC
  // site.yaml wins over any SOURCE_DATE_EPOCH: a build machine's clock
  // or epoch cannot change what a pinned site says.
  Traced pinned = Trace("2017-10-01", "1893456000");  // 2030-01-01
  for (const char* id : {"rev/r1", "rev/r2", "rev/r3", "rev/r4", "rev/r5"}) {
    EXPECT_EQ(FlagsOf(HistoryOf(from_epoch, id).flags),
              FlagsOf(HistoryOf(from_yaml, id).flags))
        << id;
    EXPECT_EQ(FlagsOf(HistoryOf(pinned, id).flags),
              FlagsOf(HistoryOf(from_yaml, id).flags))
        << id;
    EXPECT_EQ(FlagsOf(HistoryOf(pinned, id).raised),
              FlagsOf(HistoryOf(from_yaml, id).raised))
        << id;
  }
}

TEST(RecommendationHistoryTest, RaisedFlagsKeepTheirFirstDay) {
  Traced traced = Trace("2018-06-01");
  EXPECT_EQ(FlagsOf(HistoryOf(traced, "rev/r3").raised),
            "target-moved@2017-03-20 no-recent-update@2017-07-16 "
            "target-passed@2017-10-01");
  // r5 was updated in February, so its first gap raised nothing.
  EXPECT_EQ(FlagsOf(HistoryOf(traced, "rev/r5").raised),
            "no-recent-update@2017-08-29");
}

TEST(RecommendationHistoryTest, StatusIsTheLatestStatedAndItsChangesAreKept) {
  Traced traced = Trace("2017-07-01");
  const RecommendationHistory& r2 = HistoryOf(traced, "rev/r2");
  EXPECT_EQ(r2.status, "completed");
  ASSERT_TRUE(r2.status_date.has_value());
  EXPECT_EQ(r2.status_date->Iso(), "2017-06-20");
  const RecommendationHistory& r5 = HistoryOf(traced, "rev/r5");
  EXPECT_EQ(r5.status, "in-progress");
  // r5's June entry states no status and no text: the February update is
  // still its last.
  ASSERT_TRUE(r5.last_update_date.has_value());
  EXPECT_EQ(r5.last_update_date->Iso(), "2017-02");
  std::vector<std::string> changes;
  for (const HistoryEvent& event : r5.events) {
    if (!event.previous_status.empty())
      changes.push_back(event.previous_status + "->" + event.status);
  }
  EXPECT_EQ(changes, std::vector<std::string>{"not-stated->in-progress"});
  EXPECT_EQ(HistoryOf(traced, "rev/r1").status, "not-stated");
}

TEST(RecommendationHistoryTest, EventsAreInDateOrderWithTheUncoveredUpdates) {
  Traced traced = Trace("");
  const RecommendationHistory& r3 = HistoryOf(traced, "rev/r3");
  std::vector<std::string> events;
  for (const HistoryEvent& event : r3.events) {
    std::string what;
    switch (event.kind) {
      case EventKind::kMade:
        what = "made";
        break;
      case EventKind::kTargetChange:
        what = "target";
        break;
      case EventKind::kProgress:
        what = event.detail ? "update" : "not covered";
        break;
      default:
        what = "other";
    }
    events.push_back(what + "@" + (event.date ? event.date->Iso() : "?"));
  }
  EXPECT_EQ(events, (std::vector<std::string>{
                        "made@2017-01-15", "not covered@2017-02",
                        "target@2017-03-20", "not covered@2017-06-20"}));
  ASSERT_TRUE(r3.target.has_value());
  EXPECT_EQ(r3.target->Iso(), "2017-09-30");
  EXPECT_EQ(r3.target_changes, 1);
}

}  // namespace
}  // namespace scrutineer
