#include "render/page_context.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "render/backlinks.h"
#include "render/dashboards.h"
#include "render/person_page.h"
#include "render/recommendation_page.h"
#include "render/urls.h"

namespace scrutineer {
namespace {

void SortByDate(const Site& site, std::vector<size_t>* indices,
                bool newest_first) {
  // Each record's date is read once, not in every comparison: the home
  // page and the indexes sort tens of thousands of records, and reading a
  // date means finding a field in a record that is seldom in the cache.
  std::vector<std::pair<PartialDate, size_t>> dated;
  dated.reserve(indices->size());
  for (size_t index : *indices) {
    dated.emplace_back(ListingDate(site.records[index]).value_or(PartialDate()),
                       index);
  }
  std::stable_sort(
      dated.begin(), dated.end(), [&](const auto& a, const auto& b) {
        return newest_first ? b.first < a.first : a.first < b.first;
      });
  for (size_t i = 0; i < dated.size(); ++i) (*indices)[i] = dated[i].second;
}

// The progress updates on a review, oldest first.
std::vector<size_t> UpdatesOf(const Site& site, size_t review) {
  std::vector<size_t> updates =
      ReferrersVia(site, review, "review", RecordKind::kUpdate);
  SortByDate(site, &updates, /*newest_first=*/false);
  return updates;
}

TemplateData LinkList(const Site& site, const std::vector<size_t>& indices,
                      const FieldConverter& fields) {
  TemplateData list{TemplateData::type::list};
  for (size_t index : indices) {
    TemplateData link = fields.LinkTo(site.records[index]);
    if (auto date = ListingDate(site.records[index])) {
      link.set("date", date->Display());
      link.set("date_iso", date->Iso());
    }
    list.push_back(link);
  }
  return list;
}

// Progress updates as links with their date, meeting, paper and author.
TemplateData UpdateList(const Site& site, const std::vector<size_t>& indices,
                        const FieldConverter& fields) {
  TemplateData list = LinkList(site, indices, fields);
  TemplateData rich{TemplateData::type::list};
  for (size_t i = 0; i < indices.size(); ++i) {
    const Record& update = site.records[indices[i]];
    TemplateData item = list.list_value()[i];
    item.set("update", fields.ConvertSome(*update.fields,
                                          *SpecOf(RecordKind::kUpdate).fields,
                                          {"author"}));
    // Only a meeting that is stated and known: set either way, so that the
    // template never finds another `meeting` around the item.
    const Record* meeting =
        site.Find(std::string(update.fields->Text("meeting")));
    item.set("meeting",
             meeting ? fields.LinkTo(*meeting) : TemplateData(false));
    rich.push_back(item);
  }
  return rich;
}

// A progress update as a link with its date.
TemplateData DatedLink(const Site& site, const HistoryEvent& event,
                       const FieldConverter& fields) {
  TemplateData link = fields.LinkTo(site.records[event.record]);
  if (event.date) link.set("date", FieldConverter::Date(*event.date));
  return link;
}

void AddRecommendationData(const Site& site, const Histories& histories,
                           size_t index, const FieldConverter& fields,
                           TemplateData* page) {
  const Record& record = site.records[index];
  const Record* parent = site.Find(record.parent.value);
  if (parent == nullptr) return;
  page->set("parent", fields.LinkTo(*parent));
  page->set("parent_is_workshop", parent->kind == RecordKind::kWorkshop);
  page->set("number", record.number);
  std::string_view heading_number = record.fields->Text("heading");
  if (const Value* headings = parent->fields->Find("headings")) {
    for (const Value& heading : headings->items) {
      if (!heading_number.empty() && heading.Text("number") == heading_number) {
        TemplateData data;
        data.set("number", std::string(heading_number));
        data.set("title", std::string(heading.Text("title")));
        page->set("heading", data);
      }
    }
  }
  AddStoryData(site, histories, index, fields, page);
}

// Each entry of an update, with the status it states, the change from the
// one stated before, and the updates before and after it on the same
// recommendation.
void AddUpdateData(const Site& site, const Histories& histories, size_t index,
                   const FieldConverter& fields, TemplateData* page) {
  const Record& update = site.records[index];
  const Record* review = site.Find(std::string(update.fields->Text("review")));
  if (review == nullptr) return;
  TemplateData entries{TemplateData::type::list};
  TemplateData missing{TemplateData::type::list};
  for (size_t rec : RecommendationsOf(site, *review)) {
    const Record& recommendation = site.records[rec];
    const RecommendationHistory* history = histories.Find(rec);
    const HistoryEvent* here = nullptr;
    const HistoryEvent* before = nullptr;
    const HistoryEvent* after = nullptr;
    if (history == nullptr) continue;
    for (const HistoryEvent& event : history->events) {
      if (event.kind != EventKind::kProgress) continue;
      if (event.record == index) {
        here = &event;
      } else if (event.reports && here == nullptr) {
        before = &event;
      } else if (event.reports && after == nullptr) {
        after = &event;
      }
    }
    if (here == nullptr || here->detail == nullptr) {
      missing.push_back(fields.LinkTo(recommendation));
      continue;
    }
    TemplateData item = fields.LinkTo(recommendation);
    item.set("number", recommendation.number);
    item.set("status", StatusData(here->status));
    if (!here->previous_status.empty()) {
      item.set("status_changed", true);
      item.set("previous_status", StatusData(here->previous_status));
    }
    std::string_view text = here->detail->Text("text");
    if (!text.empty()) item.set("text_html", fields.MarkdownData(text));
    if (before) item.set("before", DatedLink(site, *before, fields));
    if (after) item.set("after", DatedLink(site, *after, fields));
    item.set("current_status", StatusData(history->status));
    entries.push_back(item);
  }
  SetList(page, "entries", entries);
  SetList(page, "missing", missing);
}

void AddWorkshopData(const Site& site, size_t index,
                     const FieldConverter& fields, TemplateData* page) {
  const Record& workshop = site.records[index];
  const Record* timeline =
      site.Find(std::string(workshop.fields->Text("timeline")));
  if (timeline != nullptr && timeline->kind == RecordKind::kTimeline) {
    page->set("timeline",
              fields.Convert(*timeline->fields,
                             *SpecOf(RecordKind::kTimeline).fields));
    page->set("timeline_link", fields.LinkTo(*timeline));
  }
}

// A workshop's recommendations carry their text and what they follow.
void AddRecommendationTexts(const Site& site, const Record& parent,
                            const FieldConverter& fields, TemplateData* page) {
  TemplateData list{TemplateData::type::list};
  for (size_t rec : RecommendationsOf(site, parent)) {
    const Record& recommendation = site.records[rec];
    TemplateData item = fields.LinkTo(recommendation);
    item.set("text_html",
             fields.MarkdownData(recommendation.fields->Text("text")));
    std::vector<size_t> targets;
    if (const Value* follows = recommendation.fields->Find("follows")) {
      for (const Value& id : follows->items) {
        const size_t target = site.index_by_id.Find(id.text);
        if (target != IdIndex::kNone) targets.push_back(target);
      }
    }
    SetList(&item, "follows", LinkList(site, targets, fields));
    list.push_back(item);
  }
  SetList(page, "recommendation_texts", list);
}

}  // namespace

std::optional<PartialDate> ListingDate(const Record& record) {
  const Value* date = record.fields->Find(
      record.kind == RecordKind::kReview ? "reported" : "date");
  return DateOf(date);
}

TemplateData RecordPageData(const Site& site, const Histories& histories,
                            size_t index, const FieldConverter& fields) {
  const Record& record = site.records[index];
  TemplateData page;
  page.set("record",
           fields.Convert(*record.fields, *SpecOf(record.kind).fields));
  if (!record.body->empty()) {
    // Shown on this page alone.
    page.set("body_html", fields.MarkdownDataOnce(*record.body));
  }
  SetList(&page, "backlinks", BacklinkGroups(site, index, fields));
  if (const Value* attendance = record.fields->Find("attendance")) {
    page.set("attendance_recorded", attendance->Text("recorded") != "false");
  }
  page.set("tracker_href", fields.root() + TrackerPath());
  switch (record.kind) {
    case RecordKind::kReview:
      AddReviewDashboard(site, histories, index, fields, &page);
      SetList(&page, "updates",
              UpdateList(site, UpdatesOf(site, index), fields));
      break;
    case RecordKind::kRecommendation:
      AddRecommendationData(site, histories, index, fields, &page);
      break;
    case RecordKind::kUpdate:
      AddUpdateData(site, histories, index, fields, &page);
      break;
    case RecordKind::kWorkshop:
      AddReviewDashboard(site, histories, index, fields, &page);
      AddRecommendationTexts(site, record, fields, &page);
      AddWorkshopData(site, index, fields, &page);
      break;
    case RecordKind::kCommittee:
      AddCommitteeDashboard(site, histories, index, fields, &page);
      break;
    case RecordKind::kPerson:
      AddPersonData(site, histories, index, fields, &page);
      break;
    default:
      break;
  }
  return page;
}

TemplateData KindIndexData(const Site& site, const Histories& histories,
                           RecordKind kind, const FieldConverter& fields) {
  std::vector<size_t> indices;
  for (size_t i = 0; i < site.records.size(); ++i) {
    if (site.records[i].kind == kind) indices.push_back(i);
  }
  bool dated = kind == RecordKind::kMeeting || kind == RecordKind::kUpdate ||
               kind == RecordKind::kPaper || kind == RecordKind::kWorkshop ||
               kind == RecordKind::kReview;
  if (dated) {
    SortByDate(site, &indices, /*newest_first=*/true);
  } else if (kind != RecordKind::kRecommendation) {
    std::stable_sort(indices.begin(), indices.end(), [&](size_t a, size_t b) {
      return site.records[a].title < site.records[b].title;
    });
  }
  TemplateData page;
  if (kind == RecordKind::kRecommendation) {
    TemplateData rows{TemplateData::type::list};
    for (size_t i : indices) {
      if (const RecommendationHistory* history = histories.Find(i))
        rows.push_back(RecommendationRow(site, *history, fields));
    }
    SetList(&page, "recommendations", rows);
    page.set("tracker_href", fields.root() + TrackerPath());
    page.set("changes_href", fields.root() + ChangesIndexPath());
  } else {
    SetList(&page, "items", LinkList(site, indices, fields));
  }
  page.set("count", std::to_string(indices.size()));
  return page;
}

TemplateData HomeData(const Site& site, const Histories& histories,
                      const FieldConverter& fields) {
  TemplateData page;
  std::vector<size_t> reviews, latest;
  for (size_t i = 0; i < site.records.size(); ++i) {
    RecordKind kind = site.records[i].kind;
    if (kind == RecordKind::kReview || kind == RecordKind::kWorkshop) {
      reviews.push_back(i);
    }
    if (kind == RecordKind::kPaper || kind == RecordKind::kMeeting ||
        kind == RecordKind::kUpdate || kind == RecordKind::kWorkshop) {
      latest.push_back(i);
    }
  }
  SortByDate(site, &reviews, /*newest_first=*/true);
  TemplateData review_list{TemplateData::type::list};
  for (size_t i : reviews) {
    TemplateData item = fields.LinkTo(site.records[i]);
    if (auto date = ListingDate(site.records[i]))
      item.set("date", date->Display());
    std::vector<const RecommendationHistory*> set;
    for (size_t rec : RecommendationsOf(site, site.records[i])) {
      if (const RecommendationHistory* history = histories.Find(rec))
        set.push_back(history);
    }
    TemplateData dashboard = DashboardData(site, set, fields);
    item.set("recommendation_count", std::to_string(set.size()));
    item.set("dashboard", dashboard);
    review_list.push_back(item);
  }
  SetList(&page, "reviews", review_list);
  SortByDate(site, &latest, /*newest_first=*/true);
  if (latest.size() > 10) latest.resize(10);
  SetList(&page, "latest", LinkList(site, latest, fields));
  page.set("as_at", AsAtData(site.config));
  page.set("tracker_href", fields.root() + TrackerPath());
  page.set("changes_href", fields.root() + ChangesIndexPath());
  return page;
}

}  // namespace scrutineer
