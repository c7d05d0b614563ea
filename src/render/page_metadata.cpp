#include "render/page_metadata.h"

#include <algorithm>

#include "render/feeds.h"
#include "render/field_data.h"
#include "render/json_writer.h"
#include "render/record_facts.h"
#include "render/urls.h"
#include "util/simd.h"

namespace scrutineer {
namespace {

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
std::string PlainText(const FieldConverter& fields, std::string_view markdown) {
  return PlainTextOf(fields.Markdown(markdown));
}

// The JSON-LD is written straight as text: at 10,000 recommendations an
// nlohmann-json tree per page, dumped and escaped a byte at a time, was 5%
// of a build's instructions. The members come in the order the tree had.

void Member(JsonWriter& json, const char* key, std::string_view value) {
  json.Key(key);
  json.String(value);
}

void MemberIfPresent(JsonWriter& json, const char* key,
                     std::string_view value) {
  if (!value.empty()) Member(json, key, value);
}

// "key": {"@type": type, "name": name}
void Named(JsonWriter& json, const char* key, const char* type,
           std::string_view name) {
  json.Key(key);
  json.BeginObject();
  Member(json, "@type", type);
  Member(json, "name", name);
  json.EndObject();
}

// The members of an object {"@type": type, "name": name, ...} up to name.
void TypeAndName(JsonWriter& json, const char* type, std::string_view name) {
  Member(json, "@type", type);
  Member(json, "name", name);
}

// "key": the record's committee as an Organization; nothing when it has none.
void Committee(JsonWriter& json, const char* key, const Site& site,
               const Record& record) {
  size_t committee = CommitteeOf(site, record);
  if (committee == kNoRecord) return;
  Named(json, key, "Organization", site.records[committee].title);
}

void EventData(JsonWriter& json, const Site& site, const Record& record) {
  TypeAndName(json, "Event", record.title);
  if (auto date = RecordDate(site, record))
    Member(json, "startDate", date->Iso());
  std::string_view location = record.fields->Text("location");
  if (!location.empty()) Named(json, "location", "Place", location);
  Committee(json, "organizer", site, record);
}

void ReportData(JsonWriter& json, const Site& site, const Record& record) {
  TypeAndName(json, "Report", record.title);
  if (auto date = RecordDate(site, record))
    Member(json, "datePublished", date->Iso());
  const Value* author = record.fields->Find("author");
  std::string author_id(author == nullptr  ? std::string_view()
                        : author->is_map() ? author->Text("person")
                                           : std::string_view(author->text));
  if (const Record* person = site.Find(author_id)) {
    Named(json, "author", "Person", person->title);
  } else {
    Committee(json, "author", site, record);
  }
  if (const Record* review =
          site.Find(std::string(record.fields->Text("review"))))
    Named(json, "about", "Report", review->title);
}

void RecommendationData(JsonWriter& json, const Site& site,
                        const Histories& histories, size_t index,
                        const FieldConverter& fields) {
  const Record& record = site.records[index];
  TypeAndName(json, "CreativeWork", record.title);
  Member(json, "text", PlainText(fields, record.fields->Text("text")));
  if (const RecommendationHistory* history = histories.Find(index)) {
    if (history->made) Member(json, "dateCreated", history->made->Iso());
    if (const StatusSpec* status = FindStatus(history->status))
      Member(json, "creativeWorkStatus", status->label);
  }
  if (const Record* parent = site.Find(record.parent.value)) {
    json.Key("isPartOf");
    json.BeginObject();
    TypeAndName(json, "Report", parent->title);
    MemberIfPresent(json, "url",
                    AbsoluteUrl(site.config.base_url, RecordPath(*parent)));
    json.EndObject();
  }
}

void PersonData(JsonWriter& json, const Record& record) {
  TypeAndName(json, "Person", record.title);
  MemberIfPresent(json, "honorificPrefix", record.fields->Text("honorific"));
  const Value* aliases = record.fields->Find("aliases");
  if (aliases != nullptr && !aliases->items.empty()) {
    json.Key("alternateName");
    json.BeginArray();
    for (const Value& alias : aliases->items) json.String(alias.text);
    json.EndArray();
  }
  std::vector<std::string_view> titles;
  if (const Value* roles = record.fields->Find("roles")) {
    for (const Value& role : roles->items) {
      std::string_view title = role.Text("title");
      if (!title.empty() &&
          std::find(titles.begin(), titles.end(), title) == titles.end())
        titles.push_back(title);
    }
  }
  if (!titles.empty()) {
    json.Key("jobTitle");
    json.BeginArray();
    for (std::string_view title : titles) json.String(title);
    json.EndArray();
  }
}

void OrganizationData(JsonWriter& json, const Site& site,
                      const Record& record) {
  TypeAndName(json, "Organization", record.title);
  if (record.kind == RecordKind::kCommittee) {
    std::string parent(StatedText(record.fields->Find("organisation")));
    if (const Record* organisation = site.Find(parent))
      Named(json, "parentOrganization", "Organization", organisation->title);
  } else {
    MemberIfPresent(json, "sameAs", record.fields->Text("website"));
  }
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

std::string StructuredDataOf(const Site& site, const Histories& histories,
                             size_t index, const FieldConverter& fields) {
  const Record& record = site.records[index];
  std::string text;
  JsonWriter json(&text);
  json.BeginObject();
  Member(json, "@context", "https://schema.org");
  switch (record.kind) {
    case RecordKind::kMeeting:
    case RecordKind::kWorkshop:
      EventData(json, site, record);
      break;
    case RecordKind::kReview:
    case RecordKind::kPaper:
    case RecordKind::kUpdate:
      ReportData(json, site, record);
      break;
    case RecordKind::kRecommendation:
      RecommendationData(json, site, histories, index, fields);
      break;
    case RecordKind::kPerson:
      PersonData(json, record);
      break;
    case RecordKind::kCommittee:
    case RecordKind::kOrganisation:
      OrganizationData(json, site, record);
      break;
    default:
      return "";  // a kind with no schema.org description
  }
  MemberIfPresent(json, "url",
                  AbsoluteUrl(site.config.base_url, RecordPath(record)));
  json.EndObject();
  return text;
}

std::string HtmlSafeJson(std::string_view json) {
  std::string safe;
  safe.reserve(json.size() + 16);
  const size_t size = json.size();
  size_t run = 0;  // start of the bytes not yet copied
  size_t i = 0;
  while (i < size) {
#if defined(__SSE2__)
    // Sixteen bytes at a time to the next byte that may need escaping.
    if (size - i >= 16) {
      const unsigned hits =
          simd::EqualMask<'<', '>', '&', '\xe2'>(simd::Load16(json.data() + i));
      if (hits == 0) {
        i += 16;
        continue;
      }
      i += static_cast<size_t>(__builtin_ctz(hits));
    }
#endif
    const char c = json[i];
    // U+2028 and U+2029 (E2 80 A8/A9) end a line in JavaScript before
    // ES2019, and some tools still read a script's JSON as JavaScript.
    const bool line_separator =
        c == '\xe2' && i + 2 < size && json[i + 1] == '\x80' &&
        (json[i + 2] == '\xa8' || json[i + 2] == '\xa9');
    if (c != '<' && c != '>' && c != '&' && !line_separator) {
      ++i;
      continue;
    }
    safe.append(json.data() + run, i - run);
    if (line_separator) {
      safe += json[i + 2] == '\xa8' ? "\\u2028" : "\\u2029";
      i += 3;
    } else {
      safe += c == '<' ? "\\u003c" : c == '>' ? "\\u003e" : "\\u0026";
      i += 1;
    }
    run = i;
  }
  safe.append(json.data() + run, size - run);
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
  std::string json = StructuredDataOf(site, histories, index, fields);
  if (!json.empty()) page->set("json_ld", HtmlSafeJson(json));
}

}  // namespace scrutineer
