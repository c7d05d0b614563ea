#include "render/person_page.h"

#include <algorithm>
#include <string>
#include <vector>

#include "model/calendar.h"
#include "render/backlinks.h"
#include "render/recommendation_page.h"

namespace scrutineer {
namespace {

const char* const kAttendanceLists[] = {"present", "apologies",
                                        "in_attendance"};

std::string Capitalised(std::string_view word) {
  std::string text(word);
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] -= 'a' - 'A';
  return text;
}

// Dated items first, oldest first; undated last, in their own order.
template <typename Item>
void SortByDate(std::vector<Item>* items) {
  std::stable_sort(items->begin(), items->end(),
                   [](const Item& a, const Item& b) {
                     if (a.date.has_value() != b.date.has_value())
                       return a.date.has_value();
                     return a.date && *a.date < *b.date;
                   });
}

struct Dated {
  std::optional<PartialDate> date;
  TemplateData data;
};

TemplateData ListOf(std::vector<Dated>* items) {
  SortByDate(items);
  TemplateData list{TemplateData::type::list};
  for (Dated& item : *items) list.push_back(std::move(item.data));
  return list;
}

// The list of a meeting's attendance that names `person`: "present",
// "apologies", "in_attendance", or "" when none does.
std::string AttendanceOf(const Value& attendance, const std::string& person) {
  for (const char* list : kAttendanceLists) {
    const Value* people = attendance.Find(list);
    if (people == nullptr) continue;
    for (const Value& item : people->items) {
      const Value* id = item.is_map() ? item.Find("person") : &item;
      if (id != nullptr && id->is_scalar() && id->text == person) return list;
    }
  }
  return "";
}

// Attendance at `gatherings` of a committee within a tenure: how many the
// person was expected at, and what the record says of each.
TemplateData TenureCounts(const Site& site,
                          const std::vector<size_t>& gatherings,
                          const std::string& person, const PartialDate& start,
                          const std::optional<PartialDate>& end) {
  int expected = 0, present = 0, apologies = 0, absent = 0, not_recorded = 0;
  for (size_t index : gatherings) {
    const Record& gathering = site.records[index];
    auto date = DateOf(gathering.fields->Find("date"));
    // Expected only when the whole span of its date is within the tenure.
    if (!date || FirstDay(*date) < FirstDay(start)) continue;
    if (end && LastDay(*end) < LastDay(*date)) continue;
    ++expected;
    const Value* attendance = gathering.fields->Find("attendance");
    if (attendance == nullptr || attendance->Text("recorded") == "false") {
      ++not_recorded;
      continue;
    }
    std::string list = AttendanceOf(*attendance, person);
    if (list == "apologies") {
      ++apologies;
    } else if (list.empty()) {
      ++absent;
    } else {
      ++present;
    }
  }
  TemplateData counts;
  counts.set("expected", std::to_string(expected));
  counts.set("present", std::to_string(present));
  counts.set("apologies", std::to_string(apologies));
  counts.set("absent", std::to_string(absent));
  counts.set("not_recorded", std::to_string(not_recorded));
  return counts;
}

void AddRoles(const Site& site, size_t index, const FieldConverter& fields,
              TemplateData* page) {
  const Record& person = site.records[index];
  const ObjectSpec& role_spec =
      *SpecOf(RecordKind::kPerson).fields->Find("roles")->object;
  std::vector<Dated> roles;
  TemplateData stats{TemplateData::type::list};
  TemplateData unknown{TemplateData::type::list};
  const Value* list = person.fields->Find("roles");
  for (size_t i = 0; list != nullptr && i < list->items.size(); ++i) {
    const Value& role = list->items[i];
    std::optional<PartialDate> from = DateOf(role.Find("from"));
    std::optional<PartialDate> sort = from ? from : DateOf(role.Find("as_of"));
    if (!sort) sort = DateOf(role.Find("to"));
    roles.push_back({sort, fields.Convert(role, role_spec)});
    const size_t committee = site.index_by_id.Find(role.Text("committee"));
    if (committee == IdIndex::kNone) continue;
    TemplateData row;
    row.set("title", std::string(role.Text("title")));
    row.set("committee", fields.LinkTo(site.records[committee]));
    if (!from) {
      unknown.push_back(row);
      continue;
    }
    std::optional<PartialDate> to = DateOf(role.Find("to"));
    row.set("from", FieldConverter::Date(*from));
    if (to) row.set("to", FieldConverter::Date(*to));
    for (auto [kind, key] : {std::pair{RecordKind::kMeeting, "meetings"},
                             std::pair{RecordKind::kWorkshop, "workshops"}}) {
      row.set(key, TenureCounts(
                       site, ReferrersVia(site, committee, "committee", kind),
                       person.id.value, *from, to));
    }
    stats.push_back(row);
  }
  SetList(page, "roles", ListOf(&roles));
  SetList(page, "tenure_stats", stats);
  SetList(page, "tenure_unknown", unknown);
}

}  // namespace

void AddPersonData(const Site& site, const Histories& histories, size_t index,
                   const FieldConverter& fields, TemplateData* page) {
  const Record& person = site.records[index];
  std::vector<std::string> names = {person.title};
  if (const Value* aliases = person.fields->Find("aliases")) {
    for (const Value& alias : aliases->items) names.push_back(alias.text);
  }
  std::vector<Dated> appearances, attended, actions;
  std::vector<TemplateData> appearance_vias;  // one list per appearance
  auto [begin, end] = BacklinksOf(site, index);
  for (auto it = begin; it != end; ++it) {
    const Record& from = site.records[it->from];
    std::string words = ReferenceWords(site, *it);
    if (!words.empty() &&
        std::find(names.begin(), names.end(), words) == names.end()) {
      names.push_back(words);
    }
    const Value* date_field = DateFieldOf(site, from);
    TemplateData via;
    via.set("label", ReferenceLabel(site, *it));
    if (!words.empty()) via.set("words", words);
    if (it == begin || std::prev(it)->from != it->from) {
      TemplateData item;
      item.set("link", fields.LinkTo(from));
      item.set("kind_label", Capitalised(KindName(from.kind)));
      if (date_field) item.set("date", fields.Date(date_field));
      appearances.push_back({DateOf(date_field), item});
      appearance_vias.emplace_back(TemplateData::type::list);
    }
    appearance_vias.back().push_back(via);

    const std::string_view field = it->field;
    if (field == "present" || field == "apologies" ||
        field == "in_attendance") {
      TemplateData row;
      row.set("link", fields.LinkTo(from));
      row.set("kind_label", Capitalised(KindName(from.kind)));
      row.set("is_workshop", from.kind == RecordKind::kWorkshop);
      if (date_field) row.set("date", fields.Date(date_field));
      row.set("is_" + std::string(field), true);
      // Attendance lists name people in fields, never in Markdown.
      if (const Value* entry = PersonEntryOf(site, *it)) {
        std::string_view role = entry->Text("role");
        if (!role.empty()) row.set("role", std::string(role));
      }
      if (!words.empty()) row.set("as_written", words);
      attended.push_back({DateOf(date_field), row});
    }
    if (field == "owner") {
      if (const Value* action = ItemAt(from, "actions", it->location)) {
        TemplateData row;
        row.set("link", fields.LinkTo(from));
        if (date_field) row.set("date", fields.Date(date_field));
        row.set("text_html", fields.MarkdownData(action->Text("text")));
        if (const Value* due = action->Find("due"))
          row.set("due", fields.Date(due));
        std::string_view number = action->Text("item");
        if (!number.empty()) row.set("item", std::string(number));
        actions.push_back({DateOf(date_field), row});
      }
    }
  }
  for (size_t i = 0; i < appearances.size(); ++i) {
    appearances[i].data.set("vias", appearance_vias[i]);
  }
  TemplateData name_list{TemplateData::type::list};
  for (const std::string& name : names) name_list.push_back(name);
  SetList(page, "names", name_list);
  SetList(page, "appearances", ListOf(&appearances));
  SetList(page, "attended", ListOf(&attended));
  SetList(page, "actions", ListOf(&actions));
  AddRoles(site, index, fields, page);
  for (auto [field, key] :
       {std::pair{"owners", "owned"}, std::pair{"addressees", "addressed"}}) {
    TemplateData rows{TemplateData::type::list};
    for (size_t recommendation :
         ReferrersVia(site, index, field, RecordKind::kRecommendation)) {
      if (const RecommendationHistory* history = histories.Find(recommendation))
        rows.push_back(RecommendationRow(site, *history, fields));
    }
    SetList(page, key, rows);
  }
  page->set("as_at", AsAtData(site.config));
}

}  // namespace scrutineer
