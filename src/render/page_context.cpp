#include "render/page_context.h"

#include <algorithm>
#include <map>

#include "render/urls.h"

namespace scrutineer {
namespace {

// Field names as a reader would say them, for backlinks ("named in: owners").
std::string FieldLabel(const std::string& field) {
  std::string label = field;
  std::replace(label.begin(), label.end(), '_', ' ');
  return label;
}

// The references that point at `index`: a contiguous run (see Site).
std::pair<std::vector<Reference>::const_iterator,
          std::vector<Reference>::const_iterator>
BacklinksOf(const Site& site, size_t index) {
  auto lower = std::lower_bound(
      site.references.begin(), site.references.end(), index,
      [](const Reference& reference, size_t to) { return reference.to < to; });
  auto upper = std::upper_bound(
      lower, site.references.end(), index,
      [](size_t to, const Reference& reference) { return to < reference.to; });
  return {lower, upper};
}

// The records that name `index` in `field`, once each, in site order.
std::vector<size_t> ReferrersVia(const Site& site, size_t index,
                                 std::string_view field, RecordKind kind) {
  std::vector<size_t> result;
  auto [begin, end] = BacklinksOf(site, index);
  for (auto it = begin; it != end; ++it) {
    if (it->field != field || site.records[it->from].kind != kind) continue;
    if (result.empty() || result.back() != it->from) result.push_back(it->from);
  }
  return result;
}

void SortByDate(const Site& site, std::vector<size_t>* indices,
                bool newest_first) {
  std::stable_sort(indices->begin(), indices->end(), [&](size_t a, size_t b) {
    auto date_a = ListingDate(site.records[a]);
    auto date_b = ListingDate(site.records[b]);
    PartialDate none;
    return newest_first ? date_b.value_or(none) < date_a.value_or(none)
                        : date_a.value_or(none) < date_b.value_or(none);
  });
}

// Every record that links to this one, grouped by the linking record's kind.
TemplateData BacklinkGroups(const Site& site, size_t index,
                            const FieldConverter& fields) {
  std::map<int, std::vector<std::pair<size_t, std::vector<std::string>>>>
      groups;
  auto [begin, end] = BacklinksOf(site, index);
  for (auto it = begin; it != end; ++it) {
    if (it->from == index) continue;
    auto& group = groups[static_cast<int>(site.records[it->from].kind)];
    if (group.empty() || group.back().first != it->from) {
      group.push_back({it->from, {}});
    }
    std::vector<std::string>& names = group.back().second;
    std::string label = FieldLabel(it->field);
    if (std::find(names.begin(), names.end(), label) == names.end()) {
      names.push_back(label);
    }
  }
  TemplateData list{TemplateData::type::list};
  for (auto& [kind, items] : groups) {
    TemplateData group;
    group.set("label",
              std::string(SpecOf(static_cast<RecordKind>(kind)).plural));
    TemplateData links{TemplateData::type::list};
    for (auto& [from, names] : items) {
      TemplateData link = fields.LinkTo(site.records[from]);
      std::string via;
      for (const std::string& name : names)
        via += (via.empty() ? "" : ", ") + name;
      link.set("via", via);
      links.push_back(link);
    }
    SetList(&group, "items", links);
    list.push_back(group);
  }
  return list;
}

// The recommendations of a review or workshop, in their written order.
std::vector<size_t> RecommendationsOf(const Site& site, const Record& parent) {
  std::vector<size_t> result;
  const Value* list = parent.fields.Find("recommendations");
  if (list == nullptr) return result;
  for (const Value& item : list->items) {
    auto it = site.index_by_id.find(parent.id.value + "/r" +
                                    std::string(item.Text("number")));
    if (it != site.index_by_id.end()) result.push_back(it->second);
  }
  return result;
}

// The progress updates on a review, oldest first.
std::vector<size_t> UpdatesOf(const Site& site, size_t review) {
  std::vector<size_t> updates =
      ReferrersVia(site, review, "review", RecordKind::kUpdate);
  SortByDate(site, &updates, /*newest_first=*/false);
  return updates;
}

// The entry of `update` for recommendation `number`, or nullptr.
const Value* EntryFor(const Record& update, const std::string& number) {
  const Value* entries = update.fields.Find("entries");
  if (entries == nullptr) return nullptr;
  for (const Value& entry : entries->items) {
    if (entry.Text("recommendation") == number) return &entry;
  }
  return nullptr;
}

TemplateData StatusData(std::string_view code) {
  const StatusSpec* status = FindStatus(code.empty() ? "not-stated" : code);
  TemplateData data;
  data.set("code", std::string(status ? status->code : code));
  data.set("label", std::string(status ? status->label : code));
  return data;
}

// The latest status stated for a recommendation, or "not stated".
std::string LatestStatus(const Site& site, const Record& recommendation) {
  const Record* parent = site.Find(recommendation.parent.value);
  if (parent == nullptr || parent->kind != RecordKind::kReview)
    return "not-stated";
  std::string latest = "not-stated";
  for (size_t update : UpdatesOf(site, site.index_by_id.at(parent->id.value))) {
    const Value* entry = EntryFor(site.records[update], recommendation.number);
    if (entry != nullptr) {
      std::string_view status = entry->Text("status");
      if (!status.empty() && status != "not-stated")
        latest = std::string(status);
    }
  }
  return latest;
}

TemplateData RecommendationSummary(const Site& site, size_t index,
                                   const FieldConverter& fields) {
  const Record& record = site.records[index];
  TemplateData data = fields.LinkTo(record);
  data.set("number", record.number);
  data.set("record", fields.Convert(record.fields, RecommendationFields()));
  data.set("status", StatusData(LatestStatus(site, record)));
  return data;
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

void AddReviewData(const Site& site, size_t index, const FieldConverter& fields,
                   TemplateData* page) {
  const Record& review = site.records[index];
  std::vector<size_t> recommendations = RecommendationsOf(site, review);
  TemplateData headings{TemplateData::type::list};
  std::vector<bool> placed(recommendations.size(), false);
  if (const Value* list = review.fields.Find("headings")) {
    for (const Value& heading : list->items) {
      TemplateData group;
      group.set("number", std::string(heading.Text("number")));
      group.set("title", std::string(heading.Text("title")));
      TemplateData items{TemplateData::type::list};
      for (size_t i = 0; i < recommendations.size(); ++i) {
        const Record& rec = site.records[recommendations[i]];
        if (rec.fields.Text("heading") == heading.Text("number")) {
          items.push_back(
              RecommendationSummary(site, recommendations[i], fields));
          placed[i] = true;
        }
      }
      SetList(&group, "recommendations", items);
      headings.push_back(group);
    }
  }
  // Headings with no recommendation under them still belong on the page:
  // a source may list its headings without saying what falls under each.
  if (std::find(placed.begin(), placed.end(), true) != placed.end()) {
    page->set("has_grouped_recommendations", true);
  }
  TemplateData others{TemplateData::type::list};
  for (size_t i = 0; i < recommendations.size(); ++i) {
    if (!placed[i]) {
      others.push_back(RecommendationSummary(site, recommendations[i], fields));
    }
  }
  SetList(page, "headings", headings);
  SetList(page, "recommendations", others);
  page->set("recommendation_count", std::to_string(recommendations.size()));
  SetList(page, "updates", LinkList(site, UpdatesOf(site, index), fields));
}

void AddRecommendationData(const Site& site, size_t index,
                           const FieldConverter& fields, TemplateData* page) {
  const Record& record = site.records[index];
  const Record* parent = site.Find(record.parent.value);
  if (parent == nullptr) return;
  page->set("parent", fields.LinkTo(*parent));
  page->set("number", record.number);
  std::string_view heading_number = record.fields.Text("heading");
  if (const Value* headings = parent->fields.Find("headings")) {
    for (const Value& heading : headings->items) {
      if (!heading_number.empty() && heading.Text("number") == heading_number) {
        TemplateData data;
        data.set("number", std::string(heading_number));
        data.set("title", std::string(heading.Text("title")));
        page->set("heading", data);
      }
    }
  }
  TemplateData history{TemplateData::type::list};
  if (parent->kind == RecordKind::kReview) {
    for (size_t update :
         UpdatesOf(site, site.index_by_id.at(parent->id.value))) {
      const Record& report = site.records[update];
      const Value* entry = EntryFor(report, record.number);
      TemplateData step = fields.LinkTo(report);
      if (auto date = ListingDate(report)) {
        step.set("date", date->Display());
        step.set("date_iso", date->Iso());
      }
      step.set("covered", entry != nullptr);
      if (entry != nullptr) {
        step.set("status", StatusData(entry->Text("status")));
        std::string_view text = entry->Text("text");
        if (!text.empty()) step.set("text_html", fields.Markdown(text));
      }
      history.push_back(step);
    }
  }
  SetList(page, "history", history);
  page->set("status", StatusData(LatestStatus(site, record)));
  std::vector<size_t> followers =
      ReferrersVia(site, index, "follows", RecordKind::kRecommendation);
  SetList(page, "followed_by", LinkList(site, followers, fields));
}

void AddUpdateData(const Site& site, size_t index, const FieldConverter& fields,
                   TemplateData* page) {
  const Record& update = site.records[index];
  const Record* review = site.Find(std::string(update.fields.Text("review")));
  if (review == nullptr) return;
  TemplateData entries{TemplateData::type::list};
  TemplateData missing{TemplateData::type::list};
  for (size_t rec : RecommendationsOf(site, *review)) {
    const Record& recommendation = site.records[rec];
    const Value* entry = EntryFor(update, recommendation.number);
    if (entry == nullptr) {
      missing.push_back(fields.LinkTo(recommendation));
      continue;
    }
    TemplateData item = fields.LinkTo(recommendation);
    item.set("number", recommendation.number);
    item.set("status", StatusData(entry->Text("status")));
    std::string_view text = entry->Text("text");
    if (!text.empty()) item.set("text_html", fields.Markdown(text));
    entries.push_back(item);
  }
  SetList(page, "entries", entries);
  SetList(page, "missing", missing);
}

void AddWorkshopData(const Site& site, size_t index,
                     const FieldConverter& fields, TemplateData* page) {
  const Record& workshop = site.records[index];
  TemplateData list{TemplateData::type::list};
  for (size_t rec : RecommendationsOf(site, workshop)) {
    TemplateData summary = RecommendationSummary(site, rec, fields);
    const Value* follows = site.records[rec].fields.Find("follows");
    if (follows != nullptr) {
      std::vector<size_t> targets;
      for (const Value& id : follows->items) {
        auto it = site.index_by_id.find(id.text);
        if (it != site.index_by_id.end()) targets.push_back(it->second);
      }
      SetList(&summary, "follows", LinkList(site, targets, fields));
    }
    list.push_back(summary);
  }
  SetList(page, "recommendations", list);
  const Record* timeline =
      site.Find(std::string(workshop.fields.Text("timeline")));
  if (timeline != nullptr && timeline->kind == RecordKind::kTimeline) {
    page->set("timeline",
              fields.Convert(timeline->fields,
                             *SpecOf(RecordKind::kTimeline).fields));
    page->set("timeline_link", fields.LinkTo(*timeline));
  }
}

}  // namespace

std::optional<PartialDate> ListingDate(const Record& record) {
  const Value* date = record.fields.Find(
      record.kind == RecordKind::kReview ? "reported" : "date");
  if (date != nullptr && date->is_map()) date = date->Find("value");
  if (date == nullptr || !date->is_scalar()) return std::nullopt;
  return ParsePartialDate(date->text);
}

TemplateData RecordPageData(const Site& site, size_t index,
                            const FieldConverter& fields) {
  const Record& record = site.records[index];
  TemplateData page;
  page.set("record",
           fields.Convert(record.fields, *SpecOf(record.kind).fields));
  if (!record.body.empty()) page.set("body_html", fields.Markdown(record.body));
  SetList(&page, "backlinks", BacklinkGroups(site, index, fields));
  if (const Value* attendance = record.fields.Find("attendance")) {
    page.set("attendance_recorded", attendance->Text("recorded") != "false");
  }
  switch (record.kind) {
    case RecordKind::kReview:
      AddReviewData(site, index, fields, &page);
      break;
    case RecordKind::kRecommendation:
      AddRecommendationData(site, index, fields, &page);
      break;
    case RecordKind::kUpdate:
      AddUpdateData(site, index, fields, &page);
      break;
    case RecordKind::kWorkshop:
      AddWorkshopData(site, index, fields, &page);
      break;
    default:
      break;
  }
  return page;
}

TemplateData KindIndexData(const Site& site, RecordKind kind,
                           const FieldConverter& fields) {
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
    TemplateData items{TemplateData::type::list};
    for (size_t i : indices) {
      TemplateData summary = RecommendationSummary(site, i, fields);
      if (const Record* parent = site.Find(site.records[i].parent.value)) {
        summary.set("parent", fields.LinkTo(*parent));
      }
      items.push_back(summary);
    }
    SetList(&page, "recommendations", items);
  } else {
    SetList(&page, "items", LinkList(site, indices, fields));
  }
  page.set("count", std::to_string(indices.size()));
  return page;
}

TemplateData HomeData(const Site& site, const FieldConverter& fields) {
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
    std::map<std::string, int> by_status;
    std::vector<size_t> recommendations =
        RecommendationsOf(site, site.records[i]);
    for (size_t rec : recommendations) {
      ++by_status[LatestStatus(site, site.records[rec])];
    }
    item.set("recommendation_count", std::to_string(recommendations.size()));
    TemplateData statuses{TemplateData::type::list};
    for (const StatusSpec& status : Statuses()) {
      auto it = by_status.find(std::string(status.code));
      if (it == by_status.end()) continue;
      TemplateData row = StatusData(status.code);
      row.set("count", std::to_string(it->second));
      statuses.push_back(row);
    }
    SetList(&item, "statuses", statuses);
    review_list.push_back(item);
  }
  SetList(&page, "reviews", review_list);
  SortByDate(site, &latest, /*newest_first=*/true);
  if (latest.size() > 10) latest.resize(10);
  SetList(&page, "latest", LinkList(site, latest, fields));
  return page;
}

}  // namespace scrutineer
