#include "render/recommendation_page.h"

#include <algorithm>

#include "render/backlinks.h"

namespace scrutineer {
namespace {

std::string Capitalised(std::string_view word) {
  std::string text(word);
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] -= 'a' - 'A';
  return text;
}

const ObjectSpec& FieldsOf(RecordKind kind) { return *SpecOf(kind).fields; }

const ObjectSpec& NestedSpec(std::string_view field) {
  return *RecommendationFields().Find(field)->object;
}

// Another recommendation, as a link with where and when it was made and
// its text.
TemplateData OtherRecommendation(const Site& site, size_t index,
                                 const FieldConverter& fields) {
  const Record& other = site.records[index];
  TemplateData data = fields.LinkTo(other);
  if (const Record* parent = site.Find(other.parent.value)) {
    data.set("parent", fields.LinkTo(*parent));
    if (auto made = MadeDate(*parent)) {
      data.set("made", FieldConverter::Date(*made));
    }
  }
  std::string_view text = other.fields->Text("text");
  if (!text.empty()) data.set("text_html", fields.MarkdownData(text));
  return data;
}

// How a record links here, in words: [{label, words}], each label once.
TemplateData Vias(const Site& site, const HistoryEvent& event) {
  TemplateData list{TemplateData::type::list};
  std::vector<std::string> seen;
  for (const Reference* reference : event.references) {
    std::string label = ReferenceLabel(site, *reference);
    std::string words = ReferenceWords(site, *reference);
    if (std::find(seen.begin(), seen.end(), label + "|" + words) != seen.end())
      continue;
    seen.push_back(label + "|" + words);
    TemplateData via;
    via.set("label", label);
    if (!words.empty()) via.set("words", words);
    list.push_back(via);
  }
  return list;
}

void AddProgress(const Site& site, const HistoryEvent& event,
                 const FieldConverter& fields, TemplateData* data) {
  const Record& update = site.records[event.record];
  data->set("update",
            fields.Shared(RecordDataCache::Use::kUpdateSummary, update, [&] {
              return fields.ConvertSome(*update.fields,
                                        FieldsOf(RecordKind::kUpdate),
                                        {"meeting", "paper", "author"});
            }));
  data->set("covered", event.detail != nullptr);
  if (event.detail == nullptr) return;
  data->set("status", StatusData(event.status));
  if (!event.previous_status.empty()) {
    data->set("status_changed", true);
    data->set("previous_status", StatusData(event.previous_status));
  }
  std::string_view text = event.detail->Text("text");
  if (!text.empty()) data->set("text_html", fields.MarkdownData(text));
}

TemplateData EventData(const Site& site, const HistoryEvent& event,
                       const FieldConverter& fields) {
  TemplateData data;
  // The template's flags and classes use '_': is_target_change.
  std::string code(EventKindName(event.kind));
  std::replace(code.begin(), code.end(), '-', '_');
  data.set("kind", code);
  data.set("is_" + code, true);
  if (event.date) {
    data.set("date", fields.Date(event.date_value));
  } else {
    data.set("undated", true);
    if (event.date_value != nullptr) {
      data.set("date", fields.Date(event.date_value));
    }
  }
  if (event.record != kNoRecord) {
    const Record& record = site.records[event.record];
    data.set("link", fields.LinkTo(record));
    data.set("kind_label", Capitalised(KindName(record.kind)));
  }
  switch (event.kind) {
    case EventKind::kMade: {
      const Record& parent = site.records[event.record];
      data.set("where",
               fields.ConvertSome(*parent.fields, FieldsOf(parent.kind),
                                  {"committee", "organisation"}));
      break;
    }
    case EventKind::kPresented:
      data.set("paper", fields.ConvertSome(*site.records[event.record].fields,
                                           FieldsOf(RecordKind::kPaper),
                                           {"meeting", "committee", "author"}));
      break;
    case EventKind::kDeadline:
      data.set("label", std::string(event.detail->Text("label")));
      data.set("text", std::string(event.detail->Text("text")));
      break;
    case EventKind::kTargetChange:
      data.set("change",
               fields.Convert(*event.detail, NestedSpec("target_changes")));
      break;
    case EventKind::kResponse: {
      data.set("response",
               fields.Convert(*event.detail, NestedSpec("response")));
      std::string_view accepted = event.detail->Text("accepted");
      data.set("accepted", accepted == "true");
      data.set("not_accepted", accepted == "false");
      if (!event.previous_status.empty()) {
        data.set("status", StatusData(event.status));
        data.set("status_changed", true);
        data.set("previous_status", StatusData(event.previous_status));
      }
      break;
    }
    case EventKind::kProgress:
      AddProgress(site, event, fields, &data);
      break;
    case EventKind::kFollows:
    case EventKind::kFollowedBy:
      data.set("recommendation",
               OtherRecommendation(site, event.record, fields));
      break;
    case EventKind::kMention:
      break;
  }
  SetList(&data, "vias", Vias(site, event));
  return data;
}

// The progress updates alone, as pages before the story timeline had them.
TemplateData ProgressList(const Site& site,
                          const RecommendationHistory& history,
                          const FieldConverter& fields) {
  TemplateData list{TemplateData::type::list};
  for (const HistoryEvent& event : history.events) {
    if (event.kind != EventKind::kProgress) continue;
    TemplateData step = fields.LinkTo(site.records[event.record]);
    if (event.date) {
      step.set("date", event.date->Display());
      step.set("date_iso", event.date->Iso());
    }
    AddProgress(site, event, fields, &step);
    list.push_back(step);
  }
  return list;
}

TemplateData RecommendationLinks(const Site& site,
                                 const std::vector<size_t>& indices,
                                 const FieldConverter& fields) {
  TemplateData list{TemplateData::type::list};
  for (size_t index : indices)
    list.push_back(OtherRecommendation(site, index, fields));
  return list;
}

}  // namespace

TemplateData StatusData(std::string_view code) {
  const StatusSpec* status = FindStatus(code.empty() ? "not-stated" : code);
  auto make = [](std::string_view code, std::string_view label) {
    TemplateData data;
    data.set("code", std::string(code));
    data.set("label", std::string(label));
    return data;
  };
  if (status == nullptr) return make(code, code);
  // Statuses are shown hundreds of thousands of times a build: each known
  // one is made once, and shared (slot i: Statuses()[i]).
  static const std::vector<TemplateData> kKnown = [&make] {
    std::vector<TemplateData> known;
    for (const StatusSpec& spec : Statuses())
      known.push_back(make(spec.code, spec.label));
    return known;
  }();
  return kKnown[static_cast<size_t>(status - Statuses().data())];
}

TemplateData AsAtData(const SiteConfig& config) {
  TemplateData data;
  data.set("set", config.as_at.has_value());
  if (config.as_at) data.set("date", FieldConverter::Date(*config.as_at));
  data.set("from_site_yaml", config.as_at_origin == "site.yaml");
  data.set("from_source_date_epoch",
           config.as_at_origin == "SOURCE_DATE_EPOCH");
  data.set("stale_after_months", std::to_string(config.stale_after_months));
  return data;
}

TemplateData FlagData(const Flag& flag) {
  const FlagSpec& spec = FlagSpecOf(flag.kind);
  TemplateData data;
  std::string code(spec.code);
  data.set("code", code);
  data.set("label", std::string(spec.label));
  std::replace(code.begin(), code.end(), '-', '_');
  data.set("is_" + code, true);
  if (flag.since) data.set("since", FieldConverter::Date(*flag.since));
  if (flag.date) data.set("date", FieldConverter::Date(*flag.date));
  data.set("count", std::to_string(flag.count));
  data.set("once", flag.count == 1);
  return data;
}

TemplateData FlagList(const std::vector<Flag>& flags) {
  TemplateData list{TemplateData::type::list};
  for (const Flag& flag : flags) list.push_back(FlagData(flag));
  return list;
}

namespace {

TemplateData MakeRecommendationRow(const Site& site,
                                   const RecommendationHistory& history,
                                   const FieldConverter& fields) {
  const Record& record = site.records[history.record];
  TemplateData row = fields.LinkTo(record);
  row.set("number", record.number);
  // Every key the row partial reads is set, false when absent, so that a
  // missing one is never looked up in the page around the row.
  for (const char* key : {"addressed_to", "parent", "made", "last_update",
                          "target", "deadlines"}) {
    row.set(key, false);
  }
  std::string_view addressed_to = record.fields->Text("addressed_to");
  if (!addressed_to.empty()) row.set("addressed_to", std::string(addressed_to));
  if (history.parent != kNoRecord) {
    row.set("parent", fields.LinkTo(site.records[history.parent]));
  }
  if (history.made) row.set("made", FieldConverter::Date(*history.made));
  row.set("status", StatusData(history.status));
  SetList(&row, "flags", FlagList(history.flags));
  if (history.last_update != kNoRecord) {
    TemplateData last = fields.LinkTo(site.records[history.last_update]);
    if (history.last_update_date) {
      last.set("date", FieldConverter::Date(*history.last_update_date));
    }
    row.set("last_update", last);
  }
  if (history.target) {
    row.set("target", FieldConverter::Date(*history.target));
  } else if (const Value* deadlines = record.fields->Find("deadlines")) {
    // No target, but dated deadlines (a report to the panel by a date):
    // shown beside "None set", which alone would read as no date at all.
    TemplateData dated{TemplateData::type::list};
    for (const Value& deadline : deadlines->items) {
      std::optional<PartialDate> date = DateOf(deadline.Find("date"));
      if (!date) continue;
      TemplateData item;
      item.set("label", std::string(deadline.Text("label")));
      item.set("date", FieldConverter::Date(*date));
      dated.push_back(std::move(item));
    }
    if (!dated.list_value().empty()) row.set("deadlines", std::move(dated));
  }
  return row;
}

}  // namespace

TemplateData RecommendationRow(const Site& site,
                               const RecommendationHistory& history,
                               const FieldConverter& fields) {
  return fields.Shared(
      RecordDataCache::Use::kTrackerRow, site.records[history.record],
      [&] { return MakeRecommendationRow(site, history, fields); });
}

void AddStoryData(const Site& site, const Histories& histories, size_t index,
                  const FieldConverter& fields, TemplateData* page) {
  const RecommendationHistory* history = histories.Find(index);
  if (history == nullptr || history->parent == kNoRecord) return;
  const Record& record = site.records[index];
  TemplateData events{TemplateData::type::list};
  std::vector<size_t> follows, followed_by, related;
  for (const HistoryEvent& event : history->events) {
    events.push_back(EventData(site, event, fields));
    if (event.kind == EventKind::kFollows) follows.push_back(event.record);
    if (event.kind == EventKind::kFollowedBy)
      followed_by.push_back(event.record);
    if (event.kind == EventKind::kMention &&
        site.records[event.record].kind == RecordKind::kRecommendation) {
      related.push_back(event.record);
    }
  }
  if (const Value* list = record.fields->Find("related")) {
    for (const Value& id : list->items) {
      const size_t other = site.index_by_id.Find(id.text);
      if (other != IdIndex::kNone &&
          site.records[other].kind == RecordKind::kRecommendation &&
          std::find(related.begin(), related.end(), other) == related.end()) {
        related.push_back(other);
      }
    }
  }
  SetList(page, "events", events);
  SetList(page, "follows", RecommendationLinks(site, follows, fields));
  SetList(page, "followed_by", RecommendationLinks(site, followed_by, fields));
  SetList(page, "related_recommendations",
          RecommendationLinks(site, related, fields));
  SetList(page, "history", ProgressList(site, *history, fields));
  page->set("status", StatusData(history->status));
  if (history->status_date) {
    page->set("status_date", FieldConverter::Date(*history->status_date));
  }
  page->set("as_at", AsAtData(site.config));
  SetList(page, "flags", FlagList(history->flags));
  if (history->target) {
    page->set("target", FieldConverter::Date(*history->target));
  }
  if (const Value* target = record.fields->Find("target")) {
    page->set("first_target", fields.Date(target));
  }
  page->set("target_changed", history->target_changes > 0);
  if (history->last_update != kNoRecord) {
    TemplateData last = fields.LinkTo(site.records[history->last_update]);
    if (history->last_update_date) {
      last.set("date", FieldConverter::Date(*history->last_update_date));
    }
    page->set("last_update", last);
  }
}

}  // namespace scrutineer
