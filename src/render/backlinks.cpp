#include "render/backlinks.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "model/partial_date.h"

namespace scrutineer {
namespace {

bool Before(const SourceLocation& a, const SourceLocation& b) {
  return std::tie(a.line, a.column) < std::tie(b.line, b.column);
}

// The span of the value under `key` in `map`: from the key to the next key
// (or to the end of the map, `end`).
bool FieldSpan(const Value& map, std::string_view key, const Value** value,
               SourceLocation* end) {
  for (size_t i = 0; i < map.entries.size(); ++i) {
    if (map.entries[i].key != key) continue;
    *value = &map.entries[i].value;
    *end = i + 1 < map.entries.size() ? map.entries[i + 1].key_location()
                                      : SourceLocation{"", 1 << 30, 0};
    return true;
  }
  return false;
}

const SourceLocation& StartOf(const Value& value) { return value.location; }
SourceLocation StartOf(const MapEntry& entry) {
  return entry.key_location();
}

// The last of `parts` (a map's entries or a list's items, which are in file
// order) that starts at or before `location`, or null. A binary search: a
// page with many backlinks into one long list asks this once per backlink.
template <typename Part>
const Part* LastStartingBefore(const Children<Part>& parts,
                               const SourceLocation& location) {
  auto after = std::upper_bound(parts.begin(), parts.end(), location,
                                [](const SourceLocation& at, const Part& part) {
                                  return Before(at, StartOf(part));
                                });
  return after == parts.begin() ? nullptr : &*std::prev(after);
}

bool InBody(const Record& record, const Reference& reference) {
  return reference.field == "body" && record.body_line > 0 &&
         reference.location.line >= record.body_line;
}

// Field names as a reader would say them.
const std::map<std::string_view, std::string_view>& FieldWords() {
  static const auto* const kWords =
      new std::map<std::string_view, std::string_view>{
          {"addressees", "addressed to"},
          {"apologies", "apologies"},
          {"author", "author"},
          {"committee", "committee"},
          {"follows", "follows on from"},
          {"in_attendance", "in attendance"},
          {"meeting", "meeting"},
          {"minutes", "minutes"},
          {"note", "attendance note"},
          {"notes", "notes"},
          {"organisation", "organisation"},
          {"owner", "action owner"},
          {"owners", "officer responsible"},
          {"paper", "paper"},
          {"person", "contact"},
          {"predecessors", "predecessor"},
          {"present", "present"},
          {"reason", "reason for a new target date"},
          {"recommendation", "progress entry"},
          {"recommendations", "recommendations to members"},
          {"related", "related records"},
          {"resolution", "resolution"},
          {"review", "review"},
          {"successors", "successor"},
          {"summary", "summary"},
          {"text", "text"},
          {"thanks", "thanks"},
          {"timeline", "timeline"},
      };
  return *kWords;
}

std::string BodyWords(RecordKind kind) {
  switch (kind) {
    case RecordKind::kReview:
      return "the review's narrative";
    case RecordKind::kUpdate:
      return "introduction";
    case RecordKind::kMeeting:
      return "minutes";
    case RecordKind::kPaper:
      return "the report";
    case RecordKind::kWorkshop:
      return "background and discussion";
    default:
      return "text";
  }
}

std::string DateWords(const Value* value) {
  if (value != nullptr && value->is_map()) value = value->Find("value");
  if (value == nullptr || !value->is_scalar()) return "";
  auto date = ParsePartialDate(value->text);
  return date ? date->Display() : value->text;
}

// The {person, as_written} map whose person is at `location`, searching
// `value` and below. Maps and lists hold their parts in file order, so only
// the part that starts last before `location` can hold it.
const Value* PersonMapAt(const Value& value, const SourceLocation& location) {
  if (value.is_map()) {
    const Value* person = value.Find("person");
    if (person != nullptr && person->location.line == location.line &&
        person->location.column == location.column) {
      return &value;
    }
    const MapEntry* holder = LastStartingBefore(value.entries, location);
    return holder ? PersonMapAt(holder->value, location) : nullptr;
  }
  if (value.is_list()) {
    const Value* holder = LastStartingBefore(value.items, location);
    return holder ? PersonMapAt(*holder, location) : nullptr;
  }
  return nullptr;
}

}  // namespace

ReferenceRange BacklinksOf(const Site& site, size_t index) {
  auto lower = std::lower_bound(
      site.references.begin(), site.references.end(), index,
      [](const Reference& reference, size_t to) { return reference.to < to; });
  auto upper = std::upper_bound(
      lower, site.references.end(), index,
      [](size_t to, const Reference& reference) { return to < reference.to; });
  return {lower, upper};
}

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

const Value* ItemAt(const Record& record, std::string_view key,
                    const SourceLocation& location) {
  const Value* list = nullptr;
  SourceLocation end;
  if (!FieldSpan(*record.fields, key, &list, &end) || !list->is_list()) {
    return nullptr;
  }
  if (!Before(location, end)) return nullptr;
  return LastStartingBefore(list->items, location);
}

std::string ReferenceLabel(const Site& site, const Reference& reference) {
  const Record& from = site.records[reference.from];
  const std::string_view field = reference.field;
  if (InBody(from, reference)) return BodyWords(from.kind);
  auto words_it = FieldWords().find(field);
  std::string words(words_it != FieldWords().end() ? words_it->second : field);
  std::replace(words.begin(), words.end(), '_', ' ');
  // The field whose span holds the reference (fields are in file order),
  // and in a list the item that holds it: one search, where asking each
  // list in turn (ItemAt) scanned the fields seven times per backlink.
  const SourceLocation& at = reference.location;
  const MapEntry* holder = LastStartingBefore(from.fields->entries, at);
  if (holder == nullptr) return words;
  const std::string& key = holder->key;
  if (key == "response") {
    return Before(at, holder->value.location) ? words : "response";
  }
  const Value* in = holder->value.is_list()
                        ? LastStartingBefore(holder->value.items, at)
                        : nullptr;
  if (in == nullptr) return words;
  if (key == "agenda") {
    std::string_view number = in->Text("number");
    return words + (number.empty() ? " of an agenda item"
                                   : " of item " + std::string(number));
  }
  if (key == "actions") {
    std::string_view item = in->Text("item");
    std::string what = field == "owner" ? "action owner" : "action";
    return item.empty() ? what : what + " under item " + std::string(item);
  }
  if (key == "entries") {
    if (field == "recommendation") return words;
    return "entry on recommendation " + std::string(in->Text("recommendation"));
  }
  if (key == "milestones") {
    return "milestone of " + DateWords(in->Find("date"));
  }
  if (key == "roles") return "role: " + std::string(in->Text("title"));
  if (key == "appendices") {
    return "appendix: " + std::string(in->Text("title"));
  }
  if (key == "target_changes") return "reason for a new target date";
  return words;
}

const Value* PersonEntryOf(const Site& site, const Reference& reference) {
  return PersonMapAt(*site.records[reference.from].fields, reference.location);
}

std::string ReferenceWords(const Site& site, const Reference& reference) {
  const Record& from = site.records[reference.from];
  if (const Value* map = PersonMapAt(*from.fields, reference.location)) {
    return std::string(map->Text("as_written"));
  }
  return reference.words;
}

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
    std::string label = ReferenceLabel(site, *it);
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

}  // namespace scrutineer
