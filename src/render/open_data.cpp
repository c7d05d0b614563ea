// The JSON files of the open data, one per record kind, and the list of
// every open-data file (see open_data.h). CSV tables are in
// open_data_csv.cpp, Popolo in open_data_popolo.cpp.
#include "render/open_data.h"

#include <nlohmann/json.hpp>

#include "model/json_schema.h"
#include "render/record_facts.h"
#include "render/urls.h"

namespace scrutineer {
namespace {

using Json = nlohmann::ordered_json;

// Invalid UTF-8 cannot reach here from the loader, but a dump must never
// throw: replace rather than fail the build.
std::string Dump(const Json& json) {
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// `envelope` with `records` added as its last member, one record a line:
// compact (a large archive's files stay small and quick to write) yet easy
// to read and to compare between builds.
std::string DumpWithRecords(const Json& envelope,
                            const std::vector<std::string>& records) {
  std::string text = Dump(envelope);
  text.pop_back();  // the closing '}'
  text += ",\"records\":[";
  for (size_t i = 0; i < records.size(); ++i) {
    text += i == 0 ? "\n" : ",\n";
    text += records[i];
  }
  text += "\n]}\n";
  return text;
}

// A value the content model does not describe: as written.
Json ValueJson(const Value& value) {
  switch (value.kind) {
    case Value::Kind::kNull:
      return nullptr;
    case Value::Kind::kScalar:
      return value.text;
    case Value::Kind::kList: {
      Json list = Json::array();
      for (const Value& item : value.items) list.push_back(ValueJson(item));
      return list;
    }
    case Value::Kind::kMap: {
      Json map = Json::object();
      for (const MapEntry& entry : value.entries)
        map[entry.key] = ValueJson(entry.value);
      return map;
    }
  }
  return nullptr;
}

Json ObjectJson(const Value& value, const ObjectSpec& spec);

Json PlainJson(const Value& value, const FieldSpec& field) {
  if (field.type == FieldType::kObject && value.is_map())
    return ObjectJson(value, *field.object);
  if (field.type == FieldType::kPerson && value.is_map())
    return ObjectJson(value, PersonReferenceFields());
  if (!value.is_scalar()) return ValueJson(value);
  const std::string& text = value.text;
  if (field.type == FieldType::kBool && (text == "true" || text == "false"))
    return text == "true";
  if (field.type == FieldType::kInteger && !text.empty() && text.size() < 10 &&
      text.find_first_not_of("0123456789") == std::string::npos)
    return std::stol(text);
  return text;
}

Json OneJson(const Value& value, const FieldSpec& field) {
  if (!field.uncertain || !value.is_map()) return PlainJson(value, field);
  Json json = Json::object();
  if (const Value* inner = value.Find("value"))
    json["value"] = PlainJson(*inner, field);
  for (const char* key : {"inferred", "unknown"}) {
    if (const Value* reason = value.Find(key)) json[key] = reason->text;
  }
  return json;
}

Json FieldJson(const Value& value, const FieldSpec& field) {
  if (!value.is_list()) return OneJson(value, field);
  Json list = Json::array();
  for (const Value& item : value.items) list.push_back(OneJson(item, field));
  return list;
}

// The fields of a record or nested object exactly as written, typed as the
// content model says (booleans and whole numbers as JSON ones).
Json ObjectJson(const Value& value, const ObjectSpec& spec) {
  Json json = Json::object();
  for (const MapEntry& entry : value.entries) {
    const FieldSpec* field = spec.Find(entry.key);
    if (entry.value.is_null()) continue;
    json[entry.key] =
        field ? FieldJson(entry.value, *field) : ValueJson(entry.value);
  }
  return json;
}

Json DateJson(const std::optional<PartialDate>& date) {
  return date ? Json(date->Iso()) : Json(nullptr);
}

Json IdJson(const Site& site, size_t index) {
  return index == kNoRecord ? Json(nullptr)
                            : Json(site.records[index].id.value);
}

// A recommendation's current status and its history, oldest first.
void AddHistory(const Site& site, const RecommendationHistory& history,
                Json* json) {
  const StatusSpec* status = FindStatus(history.status);
  (*json)["status"] = history.status;
  (*json)["status_label"] = status ? std::string(status->label) : "";
  (*json)["status_date"] = DateJson(history.status_date);
  (*json)["made"] = DateJson(history.made);
  (*json)["last_update"] = IdJson(site, history.last_update);
  (*json)["last_update_date"] = DateJson(history.last_update_date);
  (*json)["target"] = DateJson(history.target);
  Json flags = Json::array();
  for (const Flag& flag : history.flags)
    flags.push_back(std::string(FlagSpecOf(flag.kind).code));
  (*json)["flags"] = flags;
  Json events = Json::array();
  for (const HistoryEvent& event : history.events) {
    // A progress update that does not mention it is no part of its story.
    if (event.kind == EventKind::kProgress && event.detail == nullptr) continue;
    Json item = {{"kind", EventKindName(event.kind)},
                 {"date", DateJson(event.date)},
                 {"record", IdJson(site, event.record)}};
    if (!event.status.empty()) item["status"] = event.status;
    if (!event.previous_status.empty())
      item["previous_status"] = event.previous_status;
    if (event.detail != nullptr && event.kind != EventKind::kMade) {
      std::string_view text = event.detail->Text(
          event.kind == EventKind::kTargetChange ? "reason" : "text");
      if (!text.empty()) item["text"] = text;
    }
    events.push_back(item);
  }
  (*json)["history"] = events;
}

Json Envelope(const Site& site, const std::string& title,
              const std::string& description) {
  return {
      {"title", title},
      {"description", description},
      {"site", site.config.title},
      {"publisher", site.config.organisation},
      {"licence", {{"name", kOpenDataLicence}, {"url", kOpenDataLicenceUrl}}},
      {"attribution",
       "Contains public sector information licensed under the Open "
       "Government Licence v3.0."}};
}

OpenDataFile KindJson(const Site& site, const Histories& histories,
                      const KindSpec& kind) {
  std::string folder(kind.folder);
  std::vector<std::string> records;
  for (size_t i = 0; i < site.records.size(); ++i) {
    const Record& record = site.records[i];
    if (record.kind != kind.kind) continue;
    Json json = {{"id", record.id.value},
                 {"kind", std::string(kind.name)},
                 {"title", record.title},
                 {"path", RecordPath(record)}};
    if (!site.config.base_url.empty())
      json["url"] = AbsoluteUrl(site.config.base_url, RecordPath(record));
    if (record.kind == RecordKind::kRecommendation) {
      json["parent"] = record.parent.value;
      json["number"] = record.number;
      if (const RecommendationHistory* history = histories.Find(i))
        AddHistory(site, *history, &json);
    }
    json["fields"] = ObjectJson(record.fields, *kind.fields);
    records.push_back(Dump(json));
  }
  OpenDataFile file;
  file.path = OpenDataPath(folder + ".json");
  file.title = std::string(kind.plural);
  file.format = "JSON";
  file.description = "Every " + std::string(kind.name) +
                     " with its fields as written" +
                     (kind.kind == RecordKind::kRecommendation
                          ? ", its current status and its whole history."
                          : ".");
  file.count = records.size();
  Json json = Envelope(site, file.title, file.description);
  json["schema"] = "schema/" + std::string(kind.name) + ".schema.json";
  if (kind.kind == RecordKind::kRecommendation && site.config.as_at)
    json["as_at"] = site.config.as_at->Iso();
  file.contents = DumpWithRecords(json, records);
  return file;
}

OpenDataFile KindSchema(const KindSpec& kind) {
  OpenDataFile file;
  file.path = OpenDataPath("schema/" + std::string(kind.name) + ".schema.json");
  file.title = "Schema of a " + std::string(kind.name);
  file.format = "JSON Schema";
  file.description = "The JSON Schema (draft-07) of the fields of every " +
                     std::string(kind.name) + " in " +
                     std::string(kind.folder) + ".json.";
  if (kind.kind == RecordKind::kRecommendation) {
    // Recommendations have no folder of their own: say where they are.
    Json schema = Json::parse(RecordJsonSchema(kind));
    schema["description"] =
        "A recommendation, as written in the `recommendations` list of a "
        "review or workshop. See docs/content-model.md.";
    file.contents = schema.dump(2) + "\n";
  } else {
    file.contents = RecordJsonSchema(kind) + "\n";
  }
  return file;
}

std::vector<const KindSpec*> ExportedKinds() {
  std::vector<const KindSpec*> kinds;
  for (const KindSpec& kind : ContentKinds()) {
    kinds.push_back(&kind);
    // Recommendations come straight after the reviews they are taken from.
    if (kind.kind == RecordKind::kReview)
      kinds.push_back(&SpecOf(RecordKind::kRecommendation));
  }
  return kinds;
}

}  // namespace

std::vector<OpenDataFile> BuildOpenData(const Site& site,
                                        const Histories& histories) {
  std::vector<OpenDataFile> files;
  for (const KindSpec* kind : ExportedKinds())
    files.push_back(KindJson(site, histories, *kind));
  for (NamedCsvTable& table : BuildCsvTables(site, histories)) {
    OpenDataFile file;
    file.path = OpenDataPath(table.name + ".csv");
    file.title = table.title;
    file.format = "CSV";
    file.description = table.description;
    file.count = table.table.rows.size();
    file.contents = CsvText(table.table);
    files.push_back(std::move(file));
  }
  OpenDataFile popolo;
  popolo.path = OpenDataPath("popolo.json");
  popolo.title = "People, organisations, memberships and meetings";
  popolo.format = "Popolo JSON";
  popolo.description =
      "People, organisations and committees, people's roles as memberships, "
      "and meetings and workshops as events, in the Popolo data standard.";
  popolo.contents = BuildPopoloJson(site);
  files.push_back(std::move(popolo));
  for (const KindSpec* kind : ExportedKinds())
    files.push_back(KindSchema(*kind));
  return files;
}

}  // namespace scrutineer
