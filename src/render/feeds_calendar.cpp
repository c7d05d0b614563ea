// The iCalendar files (see feeds.h), and the text rules of the formats the
// feeds are written in.
//
// iCalendar text cannot come from the templates' HTML escaping: it has an
// escaping of its own ('\' before ',', ';' and '\', "\n" for a newline), and
// HTML entities ("&amp;") would be read as literal text. So CalendarText
// prepares every value here, templates/calendar.ics.mustache inserts them
// raw, and FoldCalendarLines applies the line rules to the rendered text.
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <string_view>

#include "model/calendar.h"
#include "render/feeds.h"
#include "render/field_data.h"
#include "render/record_facts.h"
#include "render/urls.h"
#include "scrutineer_version.h"

namespace scrutineer {
namespace {

constexpr size_t kMaxLineOctets = 75;

// "scrutiny.example.org" from "https://scrutiny.example.org/x/".
std::string HostOf(const std::string& base_url) {
  size_t scheme = base_url.find("://");
  if (scheme == std::string::npos) return std::string();
  size_t start = scheme + 3;
  size_t end = base_url.find_first_of("/?#", start);
  return base_url.substr(
      start, end == std::string::npos ? std::string::npos : end - start);
}

std::string BasicDate(const PartialDate& day) {
  char text[16];
  std::snprintf(text, sizeof(text), "%04d%02d%02d", day.year, day.month,
                day.day);
  return text;
}

// A full date stated or inferred; nullopt for a month, a year or unknown.
std::optional<PartialDate> EventDay(const Value* value) {
  std::optional<PartialDate> date = DateOf(value);
  if (!date || date->day == 0) return std::nullopt;
  return date;
}

std::string InferredNote(const Value* value) {
  if (value == nullptr || !value->is_map()) return std::string();
  std::string_view reason = value->Text("inferred");
  return reason.empty() ? std::string()
                        : "The date is inferred: " + std::string(reason);
}

struct PlannedEvent {
  CalendarEvent event;
  std::set<size_t> committees;
};

void AddMeetingOrWorkshop(const Site& site, size_t index,
                          const std::string& host,
                          std::vector<PlannedEvent>* events) {
  const Record& record = site.records[index];
  const Value* date = record.fields->Find("date");
  std::optional<PartialDate> day = EventDay(date);
  if (!day) return;
  PlannedEvent planned;
  CalendarEvent& event = planned.event;
  event.uid = std::string(KindName(record.kind)) + "/" + record.id.value;
  if (!host.empty()) event.uid += "@" + host;
  event.day = *day;
  event.summary = record.title;
  event.location = std::string(record.fields->Text("location"));
  event.url = AbsoluteUrl(site.config.base_url, RecordPath(record));
  std::vector<std::string> lines;
  size_t committee = CommitteeOf(site, record);
  if (committee != kNoRecord) {
    lines.push_back(std::string(record.kind == RecordKind::kWorkshop
                                    ? "Workshop of "
                                    : "Meeting of ") +
                    site.records[committee].title + ".");
    planned.committees.insert(committee);
  }
  std::string_view time = record.fields->Text("time");
  if (!time.empty()) lines.push_back("Time: " + std::string(time) + ".");
  std::string note = InferredNote(date);
  if (!note.empty()) lines.push_back(note);
  for (const std::string& line : lines) {
    event.description += (event.description.empty() ? "" : "\n") + line;
  }
  events->push_back(std::move(planned));
}

// The committees whose workshops use each timeline, by the timeline's id:
// found in one pass over the records, not one per timeline (which grew
// with the square of the site: 100 timelines at 100,000 recommendations
// each read 400,000 records).
std::map<std::string_view, std::set<size_t>> TimelineCommittees(
    const Site& site) {
  std::map<std::string_view, std::set<size_t>> committees;
  for (const Record& record : site.records) {
    if (record.kind != RecordKind::kWorkshop) continue;
    size_t committee = CommitteeOf(site, record);
    if (committee != kNoRecord) {
      committees[record.fields->Text("timeline")].insert(committee);
    }
  }
  return committees;
}

void AddMilestones(const Site& site, size_t index, const std::string& host,
                   const FieldConverter& fields, bool with_text,
                   const std::map<std::string_view, std::set<size_t>>& users,
                   std::vector<PlannedEvent>* events) {
  const Record& timeline = site.records[index];
  const Value* milestones = timeline.fields->Find("milestones");
  if (milestones == nullptr) return;
  auto used = users.find(timeline.id.value);
  const std::set<size_t> committees =
      used == users.end() ? std::set<size_t>() : used->second;
  std::map<std::string, int> per_day;
  for (const Value& milestone : milestones->items) {
    const Value* date = milestone.Find("date");
    std::optional<PartialDate> day = EventDay(date);
    if (!day) continue;
    PlannedEvent planned;
    CalendarEvent& event = planned.event;
    // Numbered within its day, so that adding a milestone on another day
    // leaves every other UID as it was.
    int number = ++per_day[BasicDate(*day)];
    event.uid = "timeline/" + timeline.id.value + "/" + BasicDate(*day) +
                (number > 1 ? "-" + std::to_string(number) : "");
    if (!host.empty()) event.uid += "@" + host;
    event.day = *day;
    if (with_text) {
      event.summary = PlainTextOf(fields.Markdown(milestone.Text("text")));
    }
    event.description = "Milestone of " + timeline.title + ".";
    std::string note = InferredNote(date);
    if (!note.empty()) event.description += "\n" + note;
    event.url = AbsoluteUrl(site.config.base_url, RecordPath(timeline));
    planned.committees = committees;
    if (const Value* related = milestone.Find("related")) {
      for (const Value& id : related->items) {
        const size_t index = site.index_by_id.Find(id.text);
        if (index != IdIndex::kNone &&
            site.records[index].kind == RecordKind::kCommittee)
          planned.committees.insert(index);
      }
    }
    events->push_back(std::move(planned));
  }
}

std::vector<CalendarEvent> Oldest(std::vector<CalendarEvent> events) {
  std::stable_sort(events.begin(), events.end(),
                   [](const CalendarEvent& a, const CalendarEvent& b) {
                     if (a.day < b.day) return true;
                     if (b.day < a.day) return false;
                     return a.uid < b.uid;
                   });
  return events;
}

}  // namespace

std::vector<CalendarFile> PlanCalendars(const Site& site, bool with_text) {
  std::string host = HostOf(site.config.base_url);
  FieldConverter fields(site, site.config.base_url);
  std::vector<PlannedEvent> planned;
  const std::map<std::string_view, std::set<size_t>> users =
      TimelineCommittees(site);
  for (size_t i = 0; i < site.records.size(); ++i) {
    RecordKind kind = site.records[i].kind;
    if (kind == RecordKind::kMeeting || kind == RecordKind::kWorkshop) {
      AddMeetingOrWorkshop(site, i, host, &planned);
    } else if (kind == RecordKind::kTimeline) {
      AddMilestones(site, i, host, fields, with_text, users, &planned);
    }
  }
  std::vector<CalendarFile> calendars;
  std::vector<CalendarEvent> all;
  std::map<size_t, std::vector<CalendarEvent>> by_committee;
  for (const PlannedEvent& event : planned) {
    all.push_back(event.event);
    for (size_t committee : event.committees)
      by_committee[committee].push_back(event.event);
  }
  if (!all.empty()) {
    calendars.push_back(
        {SiteCalendarPath(), site.config.title, kNoRecord, Oldest(all)});
  }
  for (auto& [committee, events] : by_committee) {
    const Record& record = site.records[committee];
    calendars.push_back({CalendarPathOf(record), record.title, committee,
                         Oldest(std::move(events))});
  }
  return calendars;
}

TemplateData CalendarData(const CalendarFile& calendar) {
  TemplateData data;
  data.set("name", CalendarText(calendar.title));
  data.set("product", CalendarText(std::string("-//Scrutineer//Scrutineer ") +
                                   kScrutineerVersion + "//EN"));
  TemplateData events{TemplateData::type::list};
  for (const CalendarEvent& event : calendar.events) {
    TemplateData item;
    item.set("uid", CalendarText(event.uid));
    // The record's own date, not the time of the build: the same records
    // always give the same calendar.
    item.set("stamp", BasicDate(event.day) + "T000000Z");
    item.set("start", BasicDate(event.day));
    // The next day, which a DATE end names. There is none after 9999-12-31
    // in the form DATE takes, and an event without an end lasts its day.
    const PartialDate next_day = AddDays(event.day, 1);
    if (next_day.year <= 9999) item.set("end", BasicDate(next_day));
    item.set("summary", CalendarText(event.summary));
    if (!event.description.empty())
      item.set("description", CalendarText(event.description));
    if (!event.location.empty())
      item.set("location", CalendarText(event.location));
    // A URI value, not TEXT: record paths hold no character to escape.
    if (!event.url.empty()) item.set("url", event.url);
    events.push_back(item);
  }
  data.set("events", events);
  return data;
}

std::string CalendarText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\\' || c == ';' || c == ',') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      if (i + 1 >= text.size() || text[i + 1] != '\n') out += "\\n";
    } else if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') ||
               c == 0x7f) {
      continue;  // CONTROL characters are not allowed in TEXT
    } else {
      out += c;
    }
  }
  return out;
}

std::string FoldCalendarLines(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    start = end + 1;
    if (line.empty()) continue;
    // The first line holds 75 octets; each continuation a space and 74.
    size_t limit = kMaxLineOctets;
    while (line.size() > limit) {
      size_t cut = limit;
      // Back up to the first byte of a UTF-8 character.
      while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80)
        --cut;
      out.append(line.substr(0, cut));
      out += "\r\n ";
      line.remove_prefix(cut);
      limit = kMaxLineOctets - 1;
    }
    out.append(line);
    out += "\r\n";
  }
  return out;
}

std::string XmlSafe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    unsigned char byte = static_cast<unsigned char>(c);
    if (byte < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
    out += c;
  }
  return out;
}

namespace {

// Whether the tag starting at html[at] ('<') is one of the phrasing tags
// Markdown makes inside a line (links, emphasis, code and the like), which
// separate no words: "<a>the meeting</a>." reads "the meeting.".
bool IsInlineTag(std::string_view html, size_t at) {
  static const std::string_view kInline[] = {
      "a",     "abbr", "b",      "cite", "code", "del", "em",
      "i",     "ins",  "kbd",    "mark", "q",    "s",   "samp",
      "small", "span", "strong", "sub",  "sup",  "u",   "var"};
  size_t start = at + 1;
  if (start < html.size() && html[start] == '/') ++start;
  size_t end = start;
  while (end < html.size() && ((html[end] >= 'a' && html[end] <= 'z') ||
                               (html[end] >= 'A' && html[end] <= 'Z'))) {
    ++end;
  }
  std::string name(html.substr(start, end - start));
  for (char& c : name) {
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
  }
  for (std::string_view tag : kInline) {
    if (name == tag) return true;
  }
  return false;
}

}  // namespace

std::string PlainTextOf(std::string_view html) {
  static const std::pair<std::string_view, std::string_view> kEntities[] = {
      {"&amp;", "&"},   {"&lt;", "<"},  {"&gt;", ">"},
      {"&quot;", "\""}, {"&#39;", "'"}, {"&nbsp;", " "}};
  std::string out;
  bool space = false;
  for (size_t i = 0; i < html.size();) {
    char c = html[i];
    if (c == '<') {
      // Block tags (paragraphs, list items, line breaks) part words.
      if (!IsInlineTag(html, i)) space = true;
      size_t end = html.find('>', i);
      i = end == std::string_view::npos ? html.size() : end + 1;
      continue;
    }
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = true;
      ++i;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    bool decoded = false;
    if (c == '&') {
      for (const auto& [entity, replacement] : kEntities) {
        if (html.substr(i, entity.size()) == entity) {
          out += replacement;
          i += entity.size();
          decoded = true;
          break;
        }
      }
    }
    if (!decoded) out += html[i++];
  }
  return out;
}

}  // namespace scrutineer
