#include "render/dashboards.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "model/calendar.h"
#include "render/backlinks.h"
#include "render/recommendation_page.h"
#include "render/urls.h"

namespace scrutineer {
namespace {

std::vector<const RecommendationHistory*> HistoriesOf(
    const Site& site, const Histories& histories, const Record& parent) {
  std::vector<const RecommendationHistory*> result;
  for (size_t index : RecommendationsOf(site, parent)) {
    if (const RecommendationHistory* history = histories.Find(index))
      result.push_back(history);
  }
  return result;
}

TemplateData Rows(const Site& site,
                  const std::vector<const RecommendationHistory*>& set,
                  const FieldConverter& fields) {
  TemplateData rows{TemplateData::type::list};
  for (const RecommendationHistory* history : set)
    rows.push_back(RecommendationRow(site, *history, fields));
  return rows;
}

// Whether `date` falls in the window; `imprecise` when its span only
// overlaps it (an update dated "2017" and a window of June 2017).
bool InWindow(const std::optional<PartialDate>& date,
              const ChangesWindow& window, bool* imprecise) {
  if (!date) return false;
  PartialDate first = FirstDay(*date), last = LastDay(*date);
  PartialDate from = FirstDay(window.from), to = LastDay(window.to);
  if (!SpansOverlap(first, last, from, to)) return false;
  *imprecise = first < from || to < last;
  return true;
}

// One line of a "what changed" list, sorted by `date` before output.
// Its data is built only once sorted: template data is costly to move.
struct Change {
  PartialDate date;
  std::function<TemplateData()> build;
};

TemplateData SortedList(std::vector<Change>* changes) {
  std::stable_sort(
      changes->begin(), changes->end(),
      [](const Change& a, const Change& b) { return a.date < b.date; });
  TemplateData list{TemplateData::type::list};
  for (const Change& change : *changes) list.push_back(change.build());
  return list;
}

// The recommendation a change is about, with its review or workshop.
TemplateData ChangeAbout(const Site& site, const RecommendationHistory& history,
                         const FieldConverter& fields, const PartialDate& date,
                         bool imprecise) {
  TemplateData data = fields.LinkTo(site.records[history.record]);
  if (history.parent != kNoRecord)
    data.set("parent", fields.LinkTo(site.records[history.parent]));
  data.set("date", FieldConverter::Date(date));
  data.set("imprecise", imprecise);
  return data;
}

}  // namespace

TemplateData DashboardData(const Site& site,
                           const std::vector<const RecommendationHistory*>& set,
                           const FieldConverter& fields, bool flagged_rows) {
  TemplateData data;
  data.set("count", std::to_string(set.size()));
  std::map<std::string, int> by_status;
  std::map<FlagKind, int> by_flag;
  std::vector<const RecommendationHistory*> flagged;
  const RecommendationHistory* latest = nullptr;
  data.set("last_update", false);  // never the page's, when none here
  for (const RecommendationHistory* history : set) {
    ++by_status[history->status];
    for (const Flag& flag : history->flags) ++by_flag[flag.kind];
    if (!history->flags.empty()) flagged.push_back(history);
    if (history->last_update_date &&
        (latest == nullptr ||
         *latest->last_update_date < *history->last_update_date)) {
      latest = history;
    }
  }
  TemplateData statuses{TemplateData::type::list};
  for (const StatusSpec& status : Statuses()) {
    auto it = by_status.find(std::string(status.code));
    if (it == by_status.end()) continue;
    TemplateData row = StatusData(status.code);
    row.set("count", std::to_string(it->second));
    statuses.push_back(row);
  }
  SetList(&data, "statuses", statuses);
  TemplateData flags{TemplateData::type::list};
  for (const FlagSpec& spec : Flags()) {
    auto it = by_flag.find(spec.kind);
    if (it == by_flag.end()) continue;
    TemplateData row;
    row.set("code", std::string(spec.code));
    row.set("label", std::string(spec.label));
    row.set("count", std::to_string(it->second));
    flags.push_back(row);
  }
  SetList(&data, "flags", flags);
  if (flagged_rows) SetList(&data, "flagged", Rows(site, flagged, fields));
  data.set("flagged_count", std::to_string(flagged.size()));
  if (latest != nullptr) {
    TemplateData last = fields.LinkTo(site.records[latest->last_update]);
    last.set("date", FieldConverter::Date(*latest->last_update_date));
    data.set("last_update", last);
  }
  data.set("as_at", AsAtData(site.config));
  return data;
}

void AddReviewDashboard(const Site& site, const Histories& histories,
                        size_t index, const FieldConverter& fields,
                        TemplateData* page) {
  const Record& review = site.records[index];
  std::vector<const RecommendationHistory*> all =
      HistoriesOf(site, histories, review);
  page->set("dashboard", DashboardData(site, all, fields));
  std::vector<bool> placed(all.size(), false);
  TemplateData headings{TemplateData::type::list};
  if (const Value* list = review.fields->Find("headings")) {
    for (const Value& heading : list->items) {
      TemplateData group;
      group.set("number", std::string(heading.Text("number")));
      group.set("title", std::string(heading.Text("title")));
      std::vector<const RecommendationHistory*> under;
      for (size_t i = 0; i < all.size(); ++i) {
        const Record& recommendation = site.records[all[i]->record];
        if (recommendation.fields->Text("heading") == heading.Text("number")) {
          under.push_back(all[i]);
          placed[i] = true;
        }
      }
      SetList(&group, "recommendations", Rows(site, under, fields));
      group.set("dashboard", DashboardData(site, under, fields));
      headings.push_back(group);
    }
  }
  // Headings with no recommendation under them still belong on the page:
  // a source may list its headings without saying what falls under each.
  if (std::find(placed.begin(), placed.end(), true) != placed.end()) {
    page->set("has_grouped_recommendations", true);
  }
  std::vector<const RecommendationHistory*> others;
  for (size_t i = 0; i < all.size(); ++i) {
    if (!placed[i]) others.push_back(all[i]);
  }
  SetList(page, "headings", headings);
  SetList(page, "recommendations", Rows(site, others, fields));
  page->set("recommendation_count", std::to_string(all.size()));
  page->set("hide_parent", true);  // every row is of this review
}

void AddCommitteeDashboard(const Site& site, const Histories& histories,
                           size_t index, const FieldConverter& fields,
                           TemplateData* page) {
  std::vector<size_t> made;
  for (RecordKind kind : {RecordKind::kReview, RecordKind::kWorkshop}) {
    for (size_t parent : ReferrersVia(site, index, "committee", kind))
      made.push_back(parent);
  }
  // Reviews whose progress updates went to this committee's meetings.
  std::vector<size_t> received;
  for (size_t meeting :
       ReferrersVia(site, index, "committee", RecordKind::kMeeting)) {
    for (size_t update :
         ReferrersVia(site, meeting, "meeting", RecordKind::kUpdate)) {
      const size_t review =
          site.index_by_id.Find(site.records[update].fields->Text("review"));
      if (review == IdIndex::kNone) continue;
      if (std::find(made.begin(), made.end(), review) == made.end() &&
          std::find(received.begin(), received.end(), review) ==
              received.end()) {
        received.push_back(review);
      }
    }
  }
  std::vector<size_t> parents = made;
  parents.insert(parents.end(), received.begin(), received.end());
  TemplateData groups{TemplateData::type::list};
  for (size_t i = 0; i < parents.size(); ++i) {
    const Record& parent = site.records[parents[i]];
    std::vector<const RecommendationHistory*> set =
        HistoriesOf(site, histories, parent);
    if (set.empty()) continue;
    TemplateData group = fields.LinkTo(parent);
    group.set("made_here", i < made.size());
    group.set("dashboard", DashboardData(site, set, fields));
    SetList(&group, "rows", Rows(site, set, fields));
    groups.push_back(group);
  }
  SetList(page, "groups", groups);
  page->set("hide_parent", true);  // each group is of one review
  page->set("as_at", AsAtData(site.config));
}

TemplateData TrackerData(const Site& site, const Histories& histories,
                         const FieldConverter& fields) {
  std::vector<const RecommendationHistory*> all;
  for (const RecommendationHistory& history : histories.all)
    all.push_back(&history);
  TemplateData page;
  page.set("dashboard", DashboardData(site, all, fields, true));
  TemplateData groups{TemplateData::type::list};
  for (const StatusSpec& status : Statuses()) {
    std::vector<const RecommendationHistory*> set;
    for (const RecommendationHistory* history : all) {
      if (history->status == status.code) set.push_back(history);
    }
    if (set.empty()) continue;
    TemplateData group = StatusData(status.code);
    group.set("count", std::to_string(set.size()));
    SetList(&group, "rows", Rows(site, set, fields));
    groups.push_back(group);
  }
  SetList(&page, "by_status", groups);
  page.set("changes_href", fields.root() + ChangesIndexPath());
  return page;
}

std::vector<ChangesWindow> ChangesWindows(const Site& site,
                                          const Histories& histories) {
  std::vector<ChangesWindow> windows;
  std::set<std::string> slugs;
  for (const ChangesPeriod& period : site.config.changes_periods) {
    ChangesWindow window{period.from.Iso() + "-to-" + period.to.Iso(),
                         period.title, period.from, period.to};
    if (slugs.insert(window.slug).second) windows.push_back(window);
  }
  std::set<int> years;
  auto add = [&](const std::optional<PartialDate>& date) {
    if (date) years.insert(date->year);
  };
  for (const Record& record : site.records) {
    if (record.kind == RecordKind::kUpdate)
      add(DateOf(record.fields->Find("date")));
  }
  for (const RecommendationHistory& history : histories.all) {
    add(history.made);
    for (const HistoryEvent& event : history.events) {
      if (!event.previous_status.empty() ||
          event.kind == EventKind::kTargetChange ||
          event.kind == EventKind::kResponse) {
        add(event.date);
      }
    }
    for (const Flag& flag : history.raised) add(flag.since);
  }
  for (auto it = years.rbegin(); it != years.rend(); ++it) {
    PartialDate year{*it};
    ChangesWindow window{year.Iso(), "", year, year};
    if (slugs.insert(window.slug).second) windows.push_back(window);
  }
  return windows;
}

TemplateData ChangesIndexData(const std::vector<ChangesWindow>& windows,
                              const FieldConverter& fields) {
  TemplateData page;
  TemplateData list{TemplateData::type::list};
  for (const ChangesWindow& window : windows) {
    TemplateData item;
    item.set("href", fields.root() + ChangesPath(window.slug));
    item.set("title", window.title);
    item.set("from", FieldConverter::Date(window.from));
    item.set("to", FieldConverter::Date(window.to));
    item.set("is_year", window.title.empty() && window.from.month == 0 &&
                            window.from.Iso() == window.to.Iso());
    list.push_back(item);
  }
  SetList(&page, "windows", list);
  return page;
}

TemplateData ChangesData(const Site& site, const Histories& histories,
                         const ChangesWindow& window,
                         const FieldConverter& fields) {
  std::vector<Change> made, updates, statuses, targets, responses, raised;
  bool imprecise = false;
  for (const Record& record : site.records) {
    if (record.kind != RecordKind::kUpdate) continue;
    auto date = DateOf(record.fields->Find("date"));
    if (!InWindow(date, window, &imprecise)) continue;
    updates.push_back(
        {*date, [&, imprecise] {
           TemplateData data = fields.LinkTo(record);
           data.set("date", fields.Date(record.fields->Find("date")));
           data.set("imprecise", imprecise);
           data.set("update", fields.ConvertSome(
                                  *record.fields, *SpecOf(record.kind).fields,
                                  {"review", "meeting", "paper", "author"}));
           return data;
         }});
  }
  for (const RecommendationHistory& history : histories.all) {
    if (InWindow(history.made, window, &imprecise)) {
      made.push_back({*history.made, [&, imprecise] {
                        TemplateData row =
                            RecommendationRow(site, history, fields);
                        row.set("imprecise", imprecise);
                        return row;
                      }});
    }
    for (const HistoryEvent& event : history.events) {
      bool wanted = !event.previous_status.empty() ||
                    event.kind == EventKind::kTargetChange ||
                    event.kind == EventKind::kResponse;
      if (!wanted || !InWindow(event.date, window, &imprecise)) continue;
      auto about = [&, imprecise] {
        return ChangeAbout(site, history, fields, *event.date, imprecise);
      };
      if (!event.previous_status.empty()) {
        statuses.push_back(
            {*event.date, [&, about] {
               TemplateData change = about();
               change.set("from", StatusData(event.previous_status));
               change.set("to", StatusData(event.status));
               if (event.record != kNoRecord) {
                 change.set("source",
                            fields.LinkTo(site.records[event.record]));
               }
               return change;
             }});
      }
      if (event.kind == EventKind::kTargetChange ||
          event.kind == EventKind::kResponse) {
        bool target = event.kind == EventKind::kTargetChange;
        (target ? targets : responses)
            .push_back(
                {*event.date, [&, about, target] {
                   TemplateData data = about();
                   const char* key = target ? "target_changes" : "response";
                   data.set(target ? "change" : "response",
                            fields.Convert(
                                *event.detail,
                                *RecommendationFields().Find(key)->object));
                   return data;
                 }});
      }
    }
    for (const Flag& flag : history.raised) {
      if (!flag.since || !InWindow(flag.since, window, &imprecise)) continue;
      raised.push_back({*flag.since, [&] {
                          TemplateData data = ChangeAbout(site, history, fields,
                                                          *flag.since, false);
                          data.set("flag", FlagData(flag));
                          return data;
                        }});
    }
  }
  TemplateData page;
  // Not "from" and "to": a change without a "from" of its own would show
  // the period's, found by Mustache in the page around it.
  page.set("period_from", FieldConverter::Date(window.from));
  page.set("period_to", FieldConverter::Date(window.to));
  page.set("title", window.title);
  page.set("single", window.from.Iso() == window.to.Iso());
  page.set("as_at", AsAtData(site.config));
  bool any = !(made.empty() && updates.empty() && statuses.empty() &&
               targets.empty() && responses.empty() && raised.empty());
  page.set("has_changes", any);
  SetList(&page, "made", SortedList(&made));
  SetList(&page, "updates", SortedList(&updates));
  SetList(&page, "status_changes", SortedList(&statuses));
  SetList(&page, "target_changes", SortedList(&targets));
  SetList(&page, "responses", SortedList(&responses));
  SetList(&page, "raised", SortedList(&raised));
  page.set("index_href", fields.root() + ChangesIndexPath());
  page.set("tracker_href", fields.root() + TrackerPath());
  return page;
}

}  // namespace scrutineer
