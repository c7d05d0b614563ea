// Tracing a recommendation's history, in order:
//  1. Collect its events: made (in its review or workshop), the papers that
//     presented the review, dated deadlines, target changes, the formal
//     response, every progress update on the review (whether or not it
//     covers this recommendation), the recommendations it follows, and one
//     event per other record that links to it (from the link stage's
//     references, so nothing is entered twice).
//  2. Sort them by date, oldest first, keeping the order above for events
//     on the same date; events with no date go last.
//  3. Walk them for the status history (the latest stated status wins; a
//     change from the one before is marked), the last update, and the
//     target date in force.
//  4. With an as-at date, raise flags. A partial date stands for a span of
//     days, and a flag is raised only when it holds for every day of it, so
//     an imprecise date never raises a flag early.
#include "render/recommendation_history.h"

#include <algorithm>
#include <vector>

#include "model/calendar.h"
#include "render/backlinks.h"
#include "util/parallel_for.h"

namespace scrutineer {
namespace {

const std::vector<FlagSpec> kFlags = {
    {FlagKind::kTargetPassed, "target-passed", "Target date passed", true},
    {FlagKind::kNoRecentUpdate, "no-recent-update", "No recent update", true},
    {FlagKind::kTargetMoved, "target-moved", "Target date moved", false},
};

const Value* EntryFor(const Record& update, const std::string& number) {
  const Value* entries = update.fields->Find("entries");
  if (entries == nullptr) return nullptr;
  for (const Value& entry : entries->items) {
    if (entry.Text("recommendation") == number) return &entry;
  }
  return nullptr;
}

bool SameDateOrder(const HistoryEvent& a, const HistoryEvent& b) {
  if (a.date.has_value() != b.date.has_value()) return a.date.has_value();
  return a.date && *a.date < *b.date;
}

class Tracer {
 public:
  explicit Tracer(const Site& site) : site_(site) {}

  RecommendationHistory Trace(size_t index) {
    const Record& record = site_.records[index];
    RecommendationHistory history;
    history.record = index;
    history.parent = site_.index_by_id.Find(record.parent.value);
    if (history.parent == IdIndex::kNone) return history;
    const Record& parent = site_.records[history.parent];
    history.made = MadeDate(parent);
    CollectEvents(index, &history);
    std::stable_sort(history.events.begin(), history.events.end(),
                     SameDateOrder);
    WalkStatuses(&history);
    RaiseFlags(&history);
    return history;
  }

 private:
  HistoryEvent Event(EventKind kind, const Value* date_value,
                     size_t record = kNoRecord, const Value* detail = nullptr) {
    HistoryEvent event;
    event.kind = kind;
    event.date_value = date_value;
    event.date = DateOf(date_value);
    event.record = record;
    event.detail = detail;
    return event;
  }

  const std::vector<size_t>& UpdatesOf(size_t review) {
    auto [it, inserted] = updates_.try_emplace(review);
    if (inserted) {
      it->second = ReferrersVia(site_, review, "review", RecordKind::kUpdate);
      std::stable_sort(
          it->second.begin(), it->second.end(), [&](size_t a, size_t b) {
            auto da = DateOf(site_.records[a].fields->Find("date"));
            auto db = DateOf(site_.records[b].fields->Find("date"));
            return da.has_value() != db.has_value() ? da.has_value()
                                                    : da && *da < *db;
          });
    }
    return it->second;
  }

  void CollectEvents(size_t index, RecommendationHistory* history) {
    const Record& record = site_.records[index];
    const Record& parent = site_.records[history->parent];
    std::vector<HistoryEvent>& events = history->events;
    events.push_back(
        Event(EventKind::kMade, MadeDateField(parent), history->parent));
    bool from_review = parent.kind == RecordKind::kReview;
    std::vector<size_t> update_papers;
    if (from_review) {
      for (size_t update : UpdatesOf(history->parent)) {
        const size_t paper =
            site_.index_by_id.Find(site_.records[update].fields->Text("paper"));
        if (paper != IdIndex::kNone) update_papers.push_back(paper);
      }
    }
    if (from_review) {
      for (size_t paper :
           ReferrersVia(site_, history->parent, "review", RecordKind::kPaper)) {
        // A paper that carried a progress update is told with the update.
        if (std::find(update_papers.begin(), update_papers.end(), paper) !=
            update_papers.end()) {
          continue;
        }
        events.push_back(Event(EventKind::kPresented,
                               site_.records[paper].fields->Find("date"),
                               paper));
      }
    }
    if (const Value* deadlines = record.fields->Find("deadlines")) {
      for (const Value& deadline : deadlines->items) {
        if (DateOf(deadline.Find("date"))) {
          events.push_back(Event(EventKind::kDeadline, deadline.Find("date"),
                                 kNoRecord, &deadline));
        }
      }
    }
    if (const Value* changes = record.fields->Find("target_changes")) {
      for (const Value& change : changes->items) {
        events.push_back(Event(EventKind::kTargetChange, change.Find("date"),
                               kNoRecord, &change));
      }
    }
    if (const Value* response = record.fields->Find("response")) {
      HistoryEvent event = Event(EventKind::kResponse, response->Find("date"),
                                 kNoRecord, response);
      if (response->Text("accepted") == "false") event.status = "not-accepted";
      events.push_back(event);
    }
    size_t first_progress = events.size();
    if (from_review) {
      for (size_t update : UpdatesOf(history->parent)) {
        const Record& report = site_.records[update];
        const Value* entry = EntryFor(report, record.number);
        HistoryEvent event = Event(EventKind::kProgress,
                                   report.fields->Find("date"), update, entry);
        if (entry != nullptr) {
          std::string_view status = entry->Text("status");
          if (!status.empty() && status != "not-stated") {
            event.status = std::string(status);
          }
          event.reports = !entry->Text("text").empty() || !event.status.empty();
        }
        events.push_back(event);
      }
    }
    size_t end_progress = events.size();
    if (const Value* follows = record.fields->Find("follows")) {
      for (const Value& id : follows->items) {
        const size_t at = site_.index_by_id.Find(id.text);
        if (at == IdIndex::kNone ||
            site_.records[at].kind != RecordKind::kRecommendation)
          continue;
        events.push_back(Event(EventKind::kFollows,
                               DateFieldOf(site_, site_.records[at]), at));
      }
    }
    auto [begin, end] = BacklinksOf(site_, index);
    for (auto it = begin; it != end;) {
      // The links from one record make one event.
      auto group_end = it;
      bool follows = false;
      while (group_end != end && group_end->from == it->from) {
        follows = follows || group_end->field == "follows";
        ++group_end;
      }
      if (it->from != index) {
        AddReferrer(it, group_end, follows, first_progress, end_progress,
                    &events);
      }
      it = group_end;
    }
  }

  void AddReferrer(std::vector<Reference>::const_iterator begin,
                   std::vector<Reference>::const_iterator end, bool follows,
                   size_t first_progress, size_t end_progress,
                   std::vector<HistoryEvent>* events) {
    auto progress = std::find_if(
        events->begin() + first_progress, events->begin() + end_progress,
        [&](const HistoryEvent& event) { return event.record == begin->from; });
    if (progress != events->begin() + end_progress) {
      // The update's own entry is the progress event; other mentions in
      // the same update are told there too.
      const Record& update = site_.records[begin->from];
      for (auto it = begin; it != end; ++it) {
        // A link inside this recommendation's own entry is no news.
        const Value* entry = ItemAt(update, "entries", it->location);
        if (it->field == "recommendation" ||
            (entry != nullptr && entry->Text("recommendation") ==
                                     site_.records[begin->to].number)) {
          continue;
        }
        progress->references.push_back(&*it);
      }
      return;
    }
    const Record& from = site_.records[begin->from];
    const Value* date = DateFieldOf(site_, from);
    if (const Value* milestone = ItemAt(from, "milestones", begin->location)) {
      date = milestone->Find("date");
    }
    HistoryEvent event =
        Event(follows ? EventKind::kFollowedBy : EventKind::kMention, date,
              begin->from);
    for (auto it = begin; it != end; ++it) event.references.push_back(&*it);
    events->push_back(event);
  }

  void WalkStatuses(RecommendationHistory* history) {
    std::string stated;
    for (HistoryEvent& event : history->events) {
      if (event.kind == EventKind::kProgress && event.reports) {
        history->last_update = event.record;
        history->last_update_date = event.date;
      }
      if (event.kind == EventKind::kTargetChange) ++history->target_changes;
      if (event.status.empty()) continue;
      if (event.status != stated) {
        event.previous_status = stated.empty() ? "not-stated" : stated;
      }
      stated = event.status;
      history->status = stated;
      history->status_date = event.date;
    }
    const Record& record = site_.records[history->record];
    history->target = DateOf(record.fields->Find("target"));
    for (const HistoryEvent& event : history->events) {
      if (event.kind != EventKind::kTargetChange) continue;
      if (auto to = ParsePartialDate(event.detail->Text("to"))) {
        history->target = to;
      }
    }
  }

  // The latest status stated on or before `day`, counting an event whose
  // date may fall on or before it: a recommendation is open on `day` only
  // when nothing may have closed it by then.
  std::string StatusOn(const RecommendationHistory& history,
                       const PartialDate& day) const {
    std::string status = "not-stated";
    for (const HistoryEvent& event : history.events) {
      if (!event.status.empty() && event.date && !(day < FirstDay(*event.date)))
        status = event.status;
    }
    return status;
  }

  bool OpenOn(const RecommendationHistory& history,
              const PartialDate& day) const {
    return !IsClosedStatus(StatusOn(history, day));
  }

  void RaiseTargetFlags(RecommendationHistory* history,
                        const PartialDate& as_at) {
    // The targets in force, each from the day it was set.
    struct Span {
      std::optional<PartialDate> from;
      PartialDate target;
    };
    std::vector<Span> spans;
    const Record& record = site_.records[history->record];
    if (auto first = DateOf(record.fields->Find("target"))) {
      spans.push_back({std::nullopt, *first});
    }
    for (const HistoryEvent& event : history->events) {
      if (event.kind != EventKind::kTargetChange || !event.date) continue;
      if (as_at < FirstDay(*event.date)) continue;
      if (auto to = ParsePartialDate(event.detail->Text("to")))
        spans.push_back({event.date, *to});
    }
    for (size_t i = 0; i < spans.size(); ++i) {
      PartialDate passed = AddDays(LastDay(spans[i].target), 1);
      bool last = i + 1 == spans.size();
      if (as_at < passed) continue;
      if (!last && !(passed < FirstDay(*spans[i + 1].from))) continue;
      Flag flag{FlagKind::kTargetPassed, passed, spans[i].target, 0};
      if (OpenOn(*history, passed)) history->raised.push_back(flag);
      if (last && OpenOn(*history, as_at)) history->flags.push_back(flag);
    }
  }

  void RaiseUpdateFlags(RecommendationHistory* history,
                        const PartialDate& as_at, int months) {
    std::vector<PartialDate> activity;
    if (history->made && !(as_at < FirstDay(*history->made))) {
      activity.push_back(*history->made);
    }
    for (const HistoryEvent& event : history->events) {
      if (event.kind == EventKind::kProgress && event.reports && event.date &&
          !(as_at < FirstDay(*event.date))) {
        activity.push_back(*event.date);
      }
    }
    for (size_t i = 0; i < activity.size(); ++i) {
      PartialDate stale = AddDays(AddMonths(LastDay(activity[i]), months), 1);
      bool last = i + 1 == activity.size();
      if (as_at < stale) continue;
      if (!last && !(stale < FirstDay(activity[i + 1]))) continue;
      Flag flag{FlagKind::kNoRecentUpdate, stale, activity[i], 0};
      if (OpenOn(*history, stale)) history->raised.push_back(flag);
      if (last && OpenOn(*history, as_at)) history->flags.push_back(flag);
    }
  }

  void RaiseMovedFlags(RecommendationHistory* history,
                       const std::optional<PartialDate>& as_at) {
    Flag flag;
    flag.kind = FlagKind::kTargetMoved;
    for (const HistoryEvent& event : history->events) {
      if (event.kind != EventKind::kTargetChange) continue;
      if (as_at && (!event.date || *as_at < FirstDay(*event.date))) continue;
      ++flag.count;
      if (event.date) {
        flag.since = FirstDay(*event.date);
        flag.date = ParsePartialDate(event.detail->Text("to"));
        if (as_at) history->raised.push_back(flag);
      }
    }
    if (flag.count > 0) history->flags.push_back(flag);
  }

  void RaiseFlags(RecommendationHistory* history) {
    const SiteConfig& config = site_.config;
    if (config.as_at) {
      RaiseTargetFlags(history, *config.as_at);
      RaiseUpdateFlags(history, *config.as_at, config.stale_after_months);
    }
    RaiseMovedFlags(history, config.as_at);
    std::stable_sort(
        history->raised.begin(), history->raised.end(),
        [](const Flag& a, const Flag& b) { return a.since < b.since; });
  }

  const Site& site_;
  std::unordered_map<size_t, std::vector<size_t>> updates_;
};

}  // namespace

std::string_view EventKindName(EventKind kind) {
  switch (kind) {
    case EventKind::kMade:
      return "made";
    case EventKind::kPresented:
      return "presented";
    case EventKind::kDeadline:
      return "deadline";
    case EventKind::kTargetChange:
      return "target-change";
    case EventKind::kResponse:
      return "response";
    case EventKind::kProgress:
      return "progress";
    case EventKind::kFollows:
      return "follows";
    case EventKind::kFollowedBy:
      return "followed-by";
    case EventKind::kMention:
      return "mention";
  }
  return "mention";
}

const std::vector<FlagSpec>& Flags() { return kFlags; }

const FlagSpec& FlagSpecOf(FlagKind kind) {
  for (const FlagSpec& spec : kFlags) {
    if (spec.kind == kind) return spec;
  }
  return kFlags.front();
}

const RecommendationHistory* Histories::Find(size_t record) const {
  auto it = by_record.find(record);
  return it == by_record.end() ? nullptr : &all[it->second];
}

Histories TraceHistories(const Site& site) {
  Histories histories;
  std::vector<size_t> recommendations;
  for (size_t i = 0; i < site.records.size(); ++i) {
    if (site.records[i].kind != RecordKind::kRecommendation) continue;
    histories.by_record[i] = recommendations.size();
    recommendations.push_back(i);
  }
  // On every core, in runs of neighbouring recommendations: a review's
  // recommendations are next to one another, and each run's Tracer keeps
  // the updates of the reviews it has seen.
  histories.all.resize(recommendations.size());
  const size_t runs = std::min<size_t>(recommendations.size(), 64);
  ParallelFor(runs, [&](size_t run) {
    Tracer tracer(site);
    const size_t begin = recommendations.size() * run / runs;
    const size_t end = recommendations.size() * (run + 1) / runs;
    for (size_t k = begin; k < end; ++k) {
      histories.all[k] = tracer.Trace(recommendations[k]);
    }
  });
  return histories;
}

std::vector<size_t> HistoriesReading(const Histories& histories,
                                     const std::vector<bool>& changed) {
  auto read = [&](size_t record) {
    return record != kNoRecord && record < changed.size() && changed[record];
  };
  std::vector<size_t> positions;
  for (size_t k = 0; k < histories.all.size(); ++k) {
    const RecommendationHistory& history = histories.all[k];
    bool reads = read(history.record) || read(history.parent);
    for (size_t e = 0; !reads && e < history.events.size(); ++e) {
      reads = read(history.events[e].record);
    }
    if (reads) positions.push_back(k);
  }
  return positions;
}

std::vector<RecommendationHistory> TraceHistoriesAt(
    const Site& site, const Histories& histories,
    const std::vector<size_t>& positions) {
  std::vector<RecommendationHistory> traced;
  traced.reserve(positions.size());
  Tracer tracer(site);
  for (size_t k : positions) {
    traced.push_back(tracer.Trace(histories.all[k].record));
  }
  return traced;
}

std::vector<size_t> RecommendationsOf(const Site& site, const Record& parent) {
  std::vector<size_t> result;
  const Value* list = parent.fields->Find("recommendations");
  if (list == nullptr) return result;
  std::string id = parent.id.value + "/r";
  const size_t prefix = id.size();
  for (const Value& item : list->items) {
    id.resize(prefix);
    id += item.Text("number");
    const size_t index = site.index_by_id.Find(id);
    if (index != IdIndex::kNone &&
        site.records[index].kind == RecordKind::kRecommendation) {
      result.push_back(index);
    }
  }
  return result;
}

bool IsClosedStatus(std::string_view status) {
  return status == "completed" || status == "not-accepted" ||
         status == "superseded";
}

const Value* MadeDateField(const Record& parent) {
  if (parent.kind == RecordKind::kReview) {
    const Value* reported = parent.fields->Find("reported");
    return DateOf(reported) ? reported : parent.fields->Find("agreed");
  }
  return parent.fields->Find("date");
}

std::optional<PartialDate> MadeDate(const Record& parent) {
  return DateOf(MadeDateField(parent));
}

const Value* DateFieldOf(const Site& site, const Record& record) {
  if (record.kind == RecordKind::kRecommendation) {
    const Record* parent = site.Find(record.parent.value);
    return parent ? MadeDateField(*parent) : nullptr;
  }
  if (record.kind == RecordKind::kReview) return MadeDateField(record);
  return record.fields->Find("date");
}

std::optional<PartialDate> DateOf(const Value* value) {
  if (value != nullptr && value->is_map()) value = value->Find("value");
  if (value == nullptr || !value->is_scalar()) return std::nullopt;
  return ParsePartialDate(value->text);
}

}  // namespace scrutineer
