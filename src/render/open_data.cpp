// The JSON files of the open data, one per record kind, and the list of
// every open-data file (see open_data.h). CSV tables are in
// open_data_csv.cpp, Popolo in open_data_popolo.cpp.
#include "render/open_data.h"

#include <algorithm>
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

// `envelope` with the records added as its last member, one record a line:
// compact (a large archive's files stay small and quick to write) yet easy
// to read and to compare between builds. `lines` holds the records' lines
// in order, each stretch of them (KindJson) a string that starts each line
// with "\n" or, after the first, ",\n"; they become the pieces between
// the envelope's and the end.
std::vector<std::string> PiecesWithRecords(const Json& envelope,
                                           std::vector<std::string> lines) {
  std::string head = Dump(envelope);
  head.pop_back();  // the closing '}'
  head += ",\"records\":[";
  std::vector<std::string> pieces;
  pieces.reserve(lines.size() + 2);
  pieces.push_back(std::move(head));
  for (std::string& stretch : lines) pieces.push_back(std::move(stretch));
  pieces.push_back("\n]}\n");
  return pieces;
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

// The JSON file of a kind: without its contents when `histories` is null,
// else with them in *pieces (see OpenDataSink).
OpenDataFile KindJson(const Site& site, const Histories* histories,
                      const KindSpec& kind, std::vector<std::string>* pieces) {
  OpenDataFile file;
  file.path = OpenDataPath(std::string(kind.folder) + ".json");
  file.title = std::string(kind.plural);
  file.format = "JSON";
  file.description = "Every " + std::string(kind.name) +
                     " with its fields as written" +
                     (kind.kind == RecordKind::kRecommendation
                          ? ", its current status and its whole history."
                          : ".");
  if (histories == nullptr) return file;
  std::vector<size_t> records;
  for (size_t i = 0; i < site.records.size(); ++i) {
    if (site.records[i].kind == kind.kind) records.push_back(i);
  }
  file.count = records.size();
  Json json = Envelope(site, file.title, file.description);
  json["schema"] = "schema/" + std::string(kind.name) + ".schema.json";
  if (kind.kind == RecordKind::kRecommendation && site.config.as_at)
    json["as_at"] = site.config.as_at->Iso();
  // The records' lines, on every core, a stretch of records to a string:
  // most of the work.
  constexpr size_t kStretch = 64;
  std::vector<std::string> lines((records.size() + kStretch - 1) / kStretch);
  ParallelFor(lines.size(), [&](size_t s) {
    // Made in a buffer each thread keeps, and copied out at its size: a
    // string grown line by line holds up to twice its bytes.
    thread_local std::string text;
    text.clear();
    const size_t end = std::min(records.size(), (s + 1) * kStretch);
    for (size_t k = s * kStretch; k < end; ++k) {
      text += k == 0 ? "\n" : ",\n";
      RecordJson(site, *histories, records[k], &text);
    }
    lines[s] = text;
  });
  *pieces = PiecesWithRecords(json, std::move(lines));
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
                                        const Histories& histories,
                                        const OpenDataSink& sink) {
  // The file's contents go to the sink as they are, or are joined into
  // it without one.
  auto emit = [&sink](OpenDataFile* file, std::vector<std::string> pieces) {
    if (sink) {
      sink(file->path, std::move(pieces));
    } else {
      file->contents = JoinPieces(pieces);
    }
  };
  auto emit_contents = [&emit](OpenDataFile* file) {
    std::vector<std::string> pieces(1);
    pieces[0] = std::move(file->contents);
    file->contents = std::string();  // a moved-from string may keep bytes
    emit(file, std::move(pieces));
  };
  // A kind at a time, so that only one kind's records are held as lines.
  std::vector<OpenDataFile> files;
  for (const KindSpec* kind : ExportedKinds()) {
    std::vector<std::string> pieces;
    files.push_back(KindJson(site, &histories, *kind, &pieces));
    emit(&files.back(), std::move(pieces));
  }
  // The CSV files and the Popolo file (last slot) side by side.
  std::vector<NamedCsvTable> tables = DescribeCsvTables(site, histories);
  std::vector<OpenDataFile> others(tables.size() + 1);
  ParallelFor(others.size(), [&](size_t i) {
    OpenDataFile& file = others[i];
    if (i < tables.size()) {
      NamedCsvTable& table = tables[i];
      file.path = OpenDataPath(table.name + ".csv");
      file.title = std::move(table.title);
      file.format = "CSV";
      file.description = std::move(table.description);
      emit(&file, CsvTablePieces(site, histories, i, &file.count));
    } else {
      file = PopoloFile();
      file.contents = BuildPopoloJson(site);
      emit_contents(&file);
    }
  });
  for (OpenDataFile& file : others) files.push_back(std::move(file));
  for (const KindSpec* kind : ExportedKinds()) {
    files.push_back(KindSchema(*kind, /*with_contents=*/true));
    emit_contents(&files.back());
  }
  return files;
}

std::vector<OpenDataFile> DescribeOpenData(const Site& site,
                                           const Histories& histories) {
  std::vector<OpenDataFile> files;
  for (const KindSpec* kind : ExportedKinds())
    files.push_back(KindJson(site, nullptr, *kind, nullptr));
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
