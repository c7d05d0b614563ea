#include "render/page_metadata.h"

#include <algorithm>

#include "render/feeds.h"
#include "render/field_data.h"
#include "render/record_facts.h"
#include "render/urls.h"

namespace scrutineer {
namespace {

using Json = nlohmann::ordered_json;

std::string Capitalised(std::string_view word) {
  std::string text(word);
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] -= 'a' - 'A';
  return text;
}

// The label the "kind" filter shows: "Progress update", "Recommendation".
std::string KindLabel(RecordKind kind) {
  if (kind == RecordKind::kUpdate) return "Progress update";
  return Capitalised(KindName(kind));
}

// Markdown text as the plain text a reader sees (links as their words).
// Only the words are kept, so the page's own converter will do: its
// rendering differs only in hrefs, and is the one the page shows, so it
// comes from the build's Markdown cache rather than from cmark again.
std::string PlainText(const FieldConverter& fields,
                      std::string_view markdown) {
  return PlainTextOf(fields.Markdown(markdown));
}

void SetIfPresent(Json* json, const char* key, std::string_view value) {
  if (!value.empty()) (*json)[key] = value;
}

Json Named(const char* type, const std::string& name) {
  return {{"@type", type}, {"name", name}};
}

Json Committee(const Site& site, const Record& record) {
  size_t committee = CommitteeOf(site, record);
  if (committee == kNoRecord) return nullptr;
  return Named("Organization", site.records[committee].title);
}

Json EventData(const Site& site, const Record& record) {
  Json json = Named("Event", record.title);
  if (auto date = RecordDate(site, record)) json["startDate"] = date->Iso();
  std::string_view location = record.fields.Text("location");
  if (!location.empty())
    json["location"] = Named("Place", std::string(location));
  Json organizer = Committee(site, record);
  if (!organizer.is_null()) json["organizer"] = organizer;
  return json;
}

Json ReportData(const Site& site, const Record& record) {
  Json json = Named("Report", record.title);
  if (auto date = RecordDate(site, record)) json["datePublished"] = date->Iso();
  const Value* author = record.fields.Find("author");
  std::string author_id(author == nullptr  ? std::string_view()
                        : author->is_map() ? author->Text("person")
                                           : std::string_view(author->text));
  if (const Record* person = site.Find(author_id)) {
    json["author"] = Named("Person", person->title);
  } else {
    Json committee = Committee(site, record);
    if (!committee.is_null()) json["author"] = committee;
  }
  if (const Record* review =
          site.Find(std::string(record.fields.Text("review"))))
    json["about"] = Named("Report", review->title);
  return json;
}

Json RecommendationData(const Site& site, const Histories& histories,
                        size_t index, const FieldConverter& fields) {
  const Record& record = site.records[index];
  Json json = Named("CreativeWork", record.title);
  json["text"] = PlainText(fields, record.fields.Text("text"));
  if (const RecommendationHistory* history = histories.Find(index)) {
    if (history->made) json["dateCreated"] = history->made->Iso();
    if (const StatusSpec* status = FindStatus(history->status))
      json["creativeWorkStatus"] = status->label;
  }
  if (const Record* parent = site.Find(record.parent.value)) {
    Json part_of = Named("Report", parent->title);
    std::string url = AbsoluteUrl(site.config.base_url, RecordPath(*parent));
    if (!url.empty()) part_of["url"] = url;
    json["isPartOf"] = part_of;
  }
  return json;
}

Json PersonData(const Record& record) {
  Json json = Named("Person", record.title);
  SetIfPresent(&json, "honorificPrefix", record.fields.Text("honorific"));
  Json names = Json::array();
  if (const Value* aliases = record.fields.Find("aliases")) {
    for (const Value& alias : aliases->items) names.push_back(alias.text);
  }
  if (!names.empty()) json["alternateName"] = names;
  Json titles = Json::array();
  if (const Value* roles = record.fields.Find("roles")) {
    for (const Value& role : roles->items) {
      std::string title(role.Text("title"));
      if (!title.empty() &&
          std::find(titles.begin(), titles.end(), title) == titles.end())
        titles.push_back(title);
    }
  }
  if (!titles.empty()) json["jobTitle"] = titles;
  return json;
}

Json OrganizationData(const Site& site, const Record& record) {
  Json json = Named("Organization", record.title);
  if (record.kind == RecordKind::kCommittee) {
    std::string parent(StatedText(record.fields.Find("organisation")));
    if (const Record* organisation = site.Find(parent))
      json["parentOrganization"] = Named("Organization", organisation->title);
  } else {
    SetIfPresent(&json, "sameAs", record.fields.Text("website"));
  }
  return json;
}

}  // namespace

const std::vector<SearchFilterName>& SearchFilterNames() {
  static const std::vector<SearchFilterName> kNames = {
      {"kind", "Kind of record"},
      {"committee", "Committee"},
      {"status", "Recommendation status"},
      {"year", "Year"}};
  return kNames;
}

std::vector<SearchFilter> SearchFiltersOf(const Site& site,
                                          const Histories& histories,
                                          size_t index) {
  const Record& record = site.records[index];
  std::vector<SearchFilter> filters;
  filters.push_back({"kind", KindLabel(record.kind)});
  size_t committee = CommitteeOf(site, record);
  if (committee != kNoRecord)
    filters.push_back({"committee", site.records[committee].title});
  if (const RecommendationHistory* history = histories.Find(index)) {
    if (const StatusSpec* status = FindStatus(history->status))
      filters.push_back({"status", std::string(status->label)});
  }
  if (auto date = RecordDate(site, record))
    filters.push_back({"year", std::to_string(date->year)});
  return filters;
}

Json StructuredDataOf(const Site& site, const Histories& histories,
                      size_t index, const FieldConverter& fields) {
  const Record& record = site.records[index];
  Json json;
  switch (record.kind) {
    case RecordKind::kMeeting:
    case RecordKind::kWorkshop:
      json = EventData(site, record);
      break;
    case RecordKind::kReview:
    case RecordKind::kPaper:
    case RecordKind::kUpdate:
      json = ReportData(site, record);
      break;
    case RecordKind::kRecommendation:
      json = RecommendationData(site, histories, index, fields);
      break;
    case RecordKind::kPerson:
      json = PersonData(record);
      break;
    case RecordKind::kCommittee:
    case RecordKind::kOrganisation:
      json = OrganizationData(site, record);
      break;
    default:
      return nullptr;
  }
  Json with_context = {{"@context", "https://schema.org"}};
  with_context.update(json);
  std::string url = AbsoluteUrl(site.config.base_url, RecordPath(record));
  if (!url.empty()) with_context["url"] = url;
  return with_context;
}

std::string HtmlSafeJson(const Json& json) {
  std::string text = json.dump(-1, ' ', false, Json::error_handler_t::replace);
  std::string safe;
  safe.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '<':
        safe += "\\u003c";
        break;
      case '>':
        safe += "\\u003e";
        break;
      case '&':
        safe += "\\u0026";
        break;
      default:
        safe += c;
    }
  }
  return safe;
}

void AddRecordMetadata(const Site& site, const Histories& histories,
                       size_t index, const FieldConverter& fields,
                       TemplateData* page) {
  page->set("searchable", true);
  TemplateData filters{TemplateData::type::list};
  for (const SearchFilter& filter : SearchFiltersOf(site, histories, index)) {
    TemplateData item;
    item.set("name", filter.name);
    item.set("value", filter.value);
    filters.push_back(item);
  }
  page->set("search_filters", filters);
  Json json = StructuredDataOf(site, histories, index, fields);
  if (!json.is_null()) page->set("json_ld", HtmlSafeJson(json));
}

}  // namespace scrutineer
