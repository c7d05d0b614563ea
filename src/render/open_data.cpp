// The JSON files of the open data, one per record kind, and the list of
// every open-data file (see open_data.h). CSV tables are in
// open_data_csv.cpp, Popolo in open_data_popolo.cpp.
#include "render/open_data.h"

#include <nlohmann/json.hpp>

#include "model/json_schema.h"
#include "render/json_writer.h"
#include "render/record_facts.h"
#include "render/urls.h"
#include "util/parallel_for.h"

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
                            const std::vector<const std::string*>& records) {
  std::string text = Dump(envelope);
  size_t size = text.size() + 16;
  for (const std::string* record : records) size += record->size() + 2;
  text.reserve(size);
  text.pop_back();  // the closing '}'
  text += ",\"records\":[";
  for (size_t i = 0; i < records.size(); ++i) {
    text += i == 0 ? "\n" : ",\n";
    text += *records[i];
  }
  text += "\n]}\n";
  return text;
}

// A value the content model does not describe: as written.
void WriteValue(const Value& value, JsonWriter* json) {
  switch (value.kind) {
    case Value::Kind::kNull:
      json->Null();
      return;
    case Value::Kind::kScalar:
      json->String(value.text);
      return;
    case Value::Kind::kList:
      json->BeginArray();
      for (const Value& item : value.items) WriteValue(item, json);
      json->EndArray();
      return;
    case Value::Kind::kMap:
      // Keys are unique: the loader reports a duplicate as an error.
      json->BeginObject();
      for (const MapEntry& entry : value.entries) {
        json->Key(entry.key);
        WriteValue(entry.value, json);
      }
      json->EndObject();
      return;
  }
  json->Null();
}

void WriteObject(const Value& value, const ObjectSpec& spec, JsonWriter* json);

void WritePlain(const Value& value, const FieldSpec& field, JsonWriter* json) {
  if (field.type == FieldType::kObject && value.is_map())
    return WriteObject(value, *field.object, json);
  if (field.type == FieldType::kPerson && value.is_map())
    return WriteObject(value, PersonReferenceFields(), json);
  if (!value.is_scalar()) return WriteValue(value, json);
  const std::string& text = value.text;
  if (field.type == FieldType::kBool && (text == "true" || text == "false"))
    return json->Bool(text == "true");
  if (field.type == FieldType::kInteger && !text.empty() && text.size() < 10 &&
      text.find_first_not_of("0123456789") == std::string::npos)
    return json->Integer(std::stol(text));
  json->String(text);
}

void WriteOne(const Value& value, const FieldSpec& field, JsonWriter* json) {
  if (!field.uncertain || !value.is_map())
    return WritePlain(value, field, json);
  json->BeginObject();
  if (const Value* inner = value.Find("value")) {
    json->Key("value");
    WritePlain(*inner, field, json);
  }
  for (const char* key : {"inferred", "unknown"}) {
    if (const Value* reason = value.Find(key)) {
      json->Key(key);
      json->String(reason->text);
    }
  }
  json->EndObject();
}

void WriteField(const Value& value, const FieldSpec& field, JsonWriter* json) {
  if (!value.is_list()) return WriteOne(value, field, json);
  json->BeginArray();
  for (const Value& item : value.items) WriteOne(item, field, json);
  json->EndArray();
}

// The fields of a record or nested object exactly as written, typed as the
// content model says (booleans and whole numbers as JSON ones).
void WriteObject(const Value& value, const ObjectSpec& spec, JsonWriter* json) {
  json->BeginObject();
  for (const MapEntry& entry : value.entries) {
    if (entry.value.is_null()) continue;
    json->Key(entry.key);
    if (const FieldSpec* field = spec.Find(entry.key)) {
      WriteField(entry.value, *field, json);
    } else {
      WriteValue(entry.value, json);
    }
  }
  json->EndObject();
}

void WriteDate(const std::optional<PartialDate>& date, JsonWriter* json) {
  if (date) {
    json->String(date->Iso());
  } else {
    json->Null();
  }
}

void WriteId(const Site& site, size_t index, JsonWriter* json) {
  if (index == kNoRecord) {
    json->Null();
  } else {
    json->String(site.records[index].id.value);
  }
}

// A recommendation's current status and its history, oldest first.
void WriteHistory(const Site& site, const RecommendationHistory& history,
                  JsonWriter* json) {
  const StatusSpec* status = FindStatus(history.status);
  json->Key("status");
  json->String(history.status);
  json->Key("status_label");
  json->String(status ? status->label : std::string_view());
  json->Key("status_date");
  WriteDate(history.status_date, json);
  json->Key("made");
  WriteDate(history.made, json);
  json->Key("last_update");
  WriteId(site, history.last_update, json);
  json->Key("last_update_date");
  WriteDate(history.last_update_date, json);
  json->Key("target");
  WriteDate(history.target, json);
  json->Key("flags");
  json->BeginArray();
  for (const Flag& flag : history.flags)
    json->String(FlagSpecOf(flag.kind).code);
  json->EndArray();
  json->Key("history");
  json->BeginArray();
  for (const HistoryEvent& event : history.events) {
    // A progress update that does not mention it is no part of its story.
    if (event.kind == EventKind::kProgress && event.detail == nullptr) continue;
    json->BeginObject();
    json->Key("kind");
    json->String(EventKindName(event.kind));
    json->Key("date");
    WriteDate(event.date, json);
    json->Key("record");
    WriteId(site, event.record, json);
    if (!event.status.empty()) {
      json->Key("status");
      json->String(event.status);
    }
    if (!event.previous_status.empty()) {
      json->Key("previous_status");
      json->String(event.previous_status);
    }
    if (event.detail != nullptr && event.kind != EventKind::kMade) {
      std::string_view text = event.detail->Text(
          event.kind == EventKind::kTargetChange ? "reason" : "text");
      if (!text.empty()) {
        json->Key("text");
        json->String(text);
      }
    }
    json->EndObject();
  }
  json->EndArray();
}

// Record `index` as one line of its kind's JSON file, appended to *text.
void RecordJson(const Site& site, const Histories& histories, size_t index,
                std::string* text) {
  const Record& record = site.records[index];
  const KindSpec& kind = SpecOf(record.kind);
  JsonWriter json(text);
  json.BeginObject();
  json.Key("id");
  json.String(record.id.value);
  json.Key("kind");
  json.String(kind.name);
  json.Key("title");
  json.String(record.title);
  std::string path = RecordPath(record);
  json.Key("path");
  json.String(path);
  if (!site.config.base_url.empty()) {
    json.Key("url");
    json.String(AbsoluteUrl(site.config.base_url, path));
  }
  if (record.kind == RecordKind::kRecommendation) {
    json.Key("parent");
    json.String(record.parent.value);
    json.Key("number");
    json.String(record.number);
    if (const RecommendationHistory* history = histories.Find(index))
      WriteHistory(site, *history, &json);
  }
  json.Key("fields");
  WriteObject(*record.fields, *kind.fields, &json);
  json.EndObject();
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

// `record_json` holds every record's line (RecordJson), by record index;
// null: the file is only described (DescribeOpenData).
OpenDataFile KindJson(const Site& site,
                      const std::vector<std::string>* record_json,
                      const KindSpec& kind) {
  OpenDataFile file;
  file.path = OpenDataPath(std::string(kind.folder) + ".json");
  file.title = std::string(kind.plural);
  file.format = "JSON";
  file.description = "Every " + std::string(kind.name) +
                     " with its fields as written" +
                     (kind.kind == RecordKind::kRecommendation
                          ? ", its current status and its whole history."
                          : ".");
  if (record_json == nullptr) return file;
  std::vector<const std::string*> records;
  for (size_t i = 0; i < site.records.size(); ++i) {
    if (site.records[i].kind == kind.kind)
      records.push_back(&(*record_json)[i]);
  }
  file.count = records.size();
  Json json = Envelope(site, file.title, file.description);
  json["schema"] = "schema/" + std::string(kind.name) + ".schema.json";
  if (kind.kind == RecordKind::kRecommendation && site.config.as_at)
    json["as_at"] = site.config.as_at->Iso();
  file.contents = DumpWithRecords(json, records);
  return file;
}

OpenDataFile KindSchema(const KindSpec& kind, bool with_contents) {
  OpenDataFile file;
  file.path = OpenDataPath("schema/" + std::string(kind.name) + ".schema.json");
  file.title = "Schema of a " + std::string(kind.name);
  file.format = "JSON Schema";
  file.description = "The JSON Schema (draft-07) of the fields of every " +
                     std::string(kind.name) + " in " +
                     std::string(kind.folder) + ".json.";
  if (!with_contents) return file;
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

// The Popolo file, without its contents.
OpenDataFile PopoloFile() {
  OpenDataFile popolo;
  popolo.path = OpenDataPath("popolo.json");
  popolo.title = "People, organisations, memberships and meetings";
  popolo.format = "Popolo JSON";
  popolo.description =
      "People, organisations and committees, people's roles as memberships, "
      "and meetings and workshops as events, in the Popolo data standard.";
  return popolo;
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
  // Every record's JSON line, on every core: most of the work.
  std::vector<std::string> record_json(site.records.size());
  // Each is written into a buffer the thread keeps and copied out at its
  // size: grown in place, 18,000 lines took as many doublings each, and
  // kept a quarter of their bytes spare until the files were joined.
  ParallelFor(site.records.size(), [&](size_t i) {
    thread_local std::string line;
    line.clear();
    RecordJson(site, histories, i, &line);
    record_json[i] = line;
  });
  // Each kind's file gathers its records' lines, on every core.
  const std::vector<const KindSpec*> kinds = ExportedKinds();
  std::vector<OpenDataFile> files(kinds.size());
  ParallelFor(kinds.size(), [&](size_t i) {
    files[i] = KindJson(site, &record_json, *kinds[i]);
  });
  record_json = {};

  // The CSV files and the Popolo file are independent of one another: the
  // tables' texts and Popolo (last slot) are made side by side. (Building
  // the tables alongside the JSON files above saved 50 ms at 10,000
  // recommendations but raised the build's peak memory by 50 MB.)
  std::vector<NamedCsvTable> tables = BuildCsvTables(site, histories);
  std::vector<std::string> texts(tables.size() + 1);
  ParallelFor(texts.size(), [&](size_t i) {
    texts[i] =
        i < tables.size() ? CsvText(tables[i].table) : BuildPopoloJson(site);
  });
  for (size_t i = 0; i < tables.size(); ++i) {
    NamedCsvTable& table = tables[i];
    OpenDataFile file;
    file.path = OpenDataPath(table.name + ".csv");
    file.title = std::move(table.title);
    file.format = "CSV";
    file.description = std::move(table.description);
    file.count = table.table.rows.size();
    file.contents = std::move(texts[i]);
    files.push_back(std::move(file));
  }
  OpenDataFile popolo = PopoloFile();
  popolo.contents = std::move(texts.back());
  files.push_back(std::move(popolo));
  for (const KindSpec* kind : ExportedKinds())
    files.push_back(KindSchema(*kind, /*with_contents=*/true));
  return files;
}

std::vector<OpenDataFile> DescribeOpenData(const Site& site,
                                           const Histories& histories) {
  std::vector<OpenDataFile> files;
  for (const KindSpec* kind : ExportedKinds())
    files.push_back(KindJson(site, nullptr, *kind));
  for (NamedCsvTable& table : DescribeCsvTables(site, histories)) {
    OpenDataFile file;
    file.path = OpenDataPath(table.name + ".csv");
    file.title = std::move(table.title);
    file.format = "CSV";
    file.description = std::move(table.description);
    files.push_back(std::move(file));
  }
  files.push_back(PopoloFile());
  for (const KindSpec* kind : ExportedKinds())
    files.push_back(KindSchema(*kind, /*with_contents=*/false));
  return files;
}

}  // namespace scrutineer
