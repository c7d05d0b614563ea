// People, organisations, memberships and events as Popolo JSON (the Popolo
// Project's data standard for people in public life, which parliamentary
// and council data tools read): persons, organizations (organisations and
// committees, a committee's parent being its organisation), memberships
// (each role a source documents for a person) and events (meetings and
// workshops, with the committee as organiser). Dates keep the precision of
// the source ("2017", "2017-02"), which Popolo's date fields allow.
#include <nlohmann/json.hpp>

#include "render/open_data.h"
#include "render/record_facts.h"
#include "render/urls.h"

namespace scrutineer {
namespace {

using Json = nlohmann::ordered_json;

void SetIfPresent(Json* json, const char* key, std::string_view value) {
  if (!value.empty()) (*json)[key] = value;
}

void SetDate(Json* json, const char* key, const Value* value) {
  if (std::optional<PartialDate> date = DateOf(value))
    (*json)[key] = date->Iso();
}

Json Sources(const Site& site, const Record& record) {
  Json sources = Json::array();
  std::string url = AbsoluteUrl(site.config.base_url, RecordPath(record));
  sources.push_back({{"url", url.empty() ? RecordPath(record) : url},
                     {"note", "Scrutineer page of the record"}});
  return sources;
}

Json OtherNames(const Value* aliases) {
  Json names = Json::array();
  if (aliases == nullptr) return names;
  for (const Value& alias : aliases->items) {
    if (alias.is_scalar()) names.push_back({{"name", alias.text}});
  }
  return names;
}

Json Person(const Site& site, const Record& record) {
  Json person = {{"id", record.id.value}, {"name", record.title}};
  SetIfPresent(&person, "honorific_prefix", record.fields->Text("honorific"));
  Json names = OtherNames(record.fields->Find("aliases"));
  if (!names.empty()) person["other_names"] = names;
  person["sources"] = Sources(site, record);
  return person;
}

Json Organization(const Site& site, const Record& record) {
  Json organization = {{"id", record.id.value}, {"name", record.title}};
  if (record.kind == RecordKind::kCommittee) {
    organization["classification"] = "committee";
    SetIfPresent(&organization, "parent_id",
                 StatedText(record.fields->Find("organisation")));
    Json names = OtherNames(record.fields->Find("aliases"));
    if (!names.empty()) organization["other_names"] = names;
  } else {
    std::string_view type = record.fields->Text("type");
    organization["classification"] = type.empty() ? "organisation" : type;
    std::string_view short_name = record.fields->Text("short_name");
    if (!short_name.empty())
      organization["other_names"] = Json::array({{{"name", short_name}}});
  }
  organization["sources"] = Sources(site, record);
  return organization;
}

void AddMemberships(const Record& person, Json* memberships) {
  const Value* roles = person.fields->Find("roles");
  if (roles == nullptr) return;
  int number = 0;
  for (const Value& role : roles->items) {
    ++number;
    Json membership = {
        {"id", person.id.value + "/role-" + std::to_string(number)},
        {"person_id", person.id.value},
        {"role", role.Text("title")}};
    // A committee is the more precise body; its organisation is its parent.
    std::string_view body = StatedText(role.Find("committee"));
    if (body.empty()) body = StatedText(role.Find("organisation"));
    SetIfPresent(&membership, "organization_id", body);
    SetDate(&membership, "start_date", role.Find("from"));
    SetDate(&membership, "end_date", role.Find("to"));
    memberships->push_back(std::move(membership));
  }
}

Json Event(const Site& site, const Record& record) {
  Json event = {{"id", record.id.value},
                {"name", record.title},
                {"classification", std::string(KindName(record.kind))}};
  SetDate(&event, "start_date", record.fields->Find("date"));
  size_t committee = CommitteeOf(site, record);
  if (committee != kNoRecord)
    event["organization_id"] = site.records[committee].id.value;
  SetIfPresent(&event, "location", record.fields->Text("location"));
  event["sources"] = Sources(site, record);
  return event;
}

}  // namespace

std::string BuildPopoloJson(const Site& site) {
  Json persons = Json::array(), organizations = Json::array(),
       memberships = Json::array(), events = Json::array();
  for (const Record& record : site.records) {
    switch (record.kind) {
      case RecordKind::kPerson:
        persons.push_back(Person(site, record));
        AddMemberships(record, &memberships);
        break;
      case RecordKind::kOrganisation:
      case RecordKind::kCommittee:
        organizations.push_back(Organization(site, record));
        break;
      case RecordKind::kMeeting:
      case RecordKind::kWorkshop:
        events.push_back(Event(site, record));
        break;
      default:
        break;
    }
  }
  Json json = {
      {"licence", {{"name", kOpenDataLicence}, {"url", kOpenDataLicenceUrl}}},
      {"persons", persons},
      {"organizations", organizations},
      {"memberships", memberships},
      {"events", events}};
  return json.dump(1, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace scrutineer
