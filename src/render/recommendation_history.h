// Recommendation histories: the story of every recommendation as data,
// traced once per build from the linked Site and shared by the story pages,
// the dashboards, the tracker and the "what changed" pages.
//
// Consumes: the linked Site (records, references) and its configuration
// (the as-at date, stale_after_months).
// Produces: for each recommendation, its dated events (made, presented,
// deadlines, target changes, response, progress updates, records that link
// to it, recommendations it follows and that follow it), its status history
// and current status, its target date and slippage, and its accountability
// flags as at the as-at date. Nothing here reads the wall clock.
#ifndef SCRUTINEER_RENDER_RECOMMENDATION_HISTORY_H_
#define SCRUTINEER_RENDER_RECOMMENDATION_HISTORY_H_

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/partial_date.h"
#include "model/site.h"

namespace scrutineer {

inline constexpr size_t kNoRecord = static_cast<size_t>(-1);

enum class EventKind {
  kMade,          // the recommendation, in its review or workshop
  kPresented,     // a paper presented the review (the paper's `review`)
  kDeadline,      // a dated deadline the source gives
  kTargetChange,  // the target date moved: one line of the slippage ledger
  kResponse,      // the formal response
  kProgress,      // a progress update on the review, covering it or not
  kFollows,       // an earlier recommendation this one follows on from
  kFollowedBy,    // a later recommendation that follows this one
  kMention,       // any other record that links to it
};

/// The event's kind as open data and pages name it: "made",
/// "target-change", "followed-by"...
std::string_view EventKindName(EventKind kind);

struct HistoryEvent {
  EventKind kind = EventKind::kMention;
  /// nullopt: the record gives no date; such events come last.
  std::optional<PartialDate> date;
  /// The date field as written, for "inferred" and "unknown" reasons.
  const Value* date_value = nullptr;
  /// The record the event comes from or points to (update, meeting, paper,
  /// the other recommendation; the parent for kMade).
  size_t record = kNoRecord;
  /// The entry, deadline, target change or response; nullptr when none (a
  /// progress update with no entry for this recommendation).
  const Value* detail = nullptr;
  /// kMention and kProgress: the links that make the event.
  std::vector<const Reference*> references;
  /// kProgress and kResponse: the status stated, "" when none.
  std::string status;
  /// Set when `status` differs from the one stated before it ("not-stated"
  /// when none was).
  std::string previous_status;
  /// kProgress: true when the update says something of this recommendation
  /// (text or a stated status), which is what "an update" means for flags.
  bool reports = false;
};

enum class FlagKind { kTargetPassed, kNoRecentUpdate, kTargetMoved };

struct Flag {
  FlagKind kind = FlagKind::kTargetPassed;
  /// The first day the flag held; nullopt for a target that moved on a
  /// date the source does not give.
  std::optional<PartialDate> since;
  /// kTargetPassed: the target date that passed. kNoRecentUpdate: the
  /// latest update (or the date made) before the gap.
  std::optional<PartialDate> date;
  /// kTargetMoved: how many times the target moved.
  int count = 0;
};

/// The vocabulary of flags, in the order pages list them.
struct FlagSpec {
  FlagKind kind;
  std::string_view code;   // "target-passed": CSS class and anchor
  std::string_view label;  // "Target date passed"
  bool time_based;         // needs an as-at date
};
const std::vector<FlagSpec>& Flags();
const FlagSpec& FlagSpecOf(FlagKind kind);

struct RecommendationHistory {
  size_t record = kNoRecord;
  size_t parent = kNoRecord;
  std::optional<PartialDate> made;
  /// Oldest first; events without a date last.
  std::vector<HistoryEvent> events;
  /// The latest stated status ("not-stated" when none), and when.
  std::string status = "not-stated";
  std::optional<PartialDate> status_date;
  /// The latest progress update that says something of it.
  size_t last_update = kNoRecord;
  std::optional<PartialDate> last_update_date;
  /// The target date in force (after every change), if any.
  std::optional<PartialDate> target;
  int target_changes = 0;
  /// Flags in force on the as-at date.
  std::vector<Flag> flags;
  /// Every time a flag was raised, up to the as-at date, oldest first.
  std::vector<Flag> raised;
};

struct Histories {
  std::vector<RecommendationHistory> all;  // in site order
  std::unordered_map<size_t, size_t> by_record;

  /// The history of the recommendation at Site::records[record], or nullptr.
  const RecommendationHistory* Find(size_t record) const;
};

/// Traces the history of every recommendation of the linked `site`.
Histories TraceHistories(const Site& site);

/// The positions in `histories.all` of the histories that may read the
/// records flagged in `changed` (by index into Site::records): the
/// recommendation's own, its parent's, and those of every record an event
/// comes from. When records' fields or links change, these (for the
/// records changed, and the records links were added to or taken from) are
/// the only histories that change, and the only ones that point into those
/// records' fields or to their links.
std::vector<size_t> HistoriesReading(const Histories& histories,
                                     const std::vector<bool>& changed);

/// The histories at `positions` in `histories.all`, traced again from
/// `site` as it is now, in the order given.
std::vector<RecommendationHistory> TraceHistoriesAt(
    const Site& site, const Histories& histories,
    const std::vector<size_t>& positions);

/// The recommendations of a review or workshop, in their written order.
std::vector<size_t> RecommendationsOf(const Site& site, const Record& parent);

/// True for statuses that end a recommendation's story: completed, not
/// accepted, superseded. Flags are raised only on open recommendations.
bool IsClosedStatus(std::string_view status);

/// The date a recommendation was made: its review's `reported` date (else
/// `agreed`), or its workshop's `date`.
std::optional<PartialDate> MadeDate(const Record& parent);

/// The field a recommendation's made date comes from (see MadeDate), or
/// nullptr.
const Value* MadeDateField(const Record& parent);

/// The date a record is placed at in a history: a recommendation's made
/// date, a review's reported date, any other record's `date`.
const Value* DateFieldOf(const Site& site, const Record& record);

/// A date field, seeing through {value, inferred}; nullopt for {unknown}.
std::optional<PartialDate> DateOf(const Value* value);

}  // namespace scrutineer

#endif  // SCRUTINEER_RENDER_RECOMMENDATION_HISTORY_H_
