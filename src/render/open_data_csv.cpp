// The CSV tables of the open data (see open_data.h): one file per table,
// flat rows a spreadsheet can open. Where a record holds a list (an
// update's entries, a meeting's attendance and actions, a person's roles, a
// timeline's milestones) the list is a table of its own, one row per item,
// keyed by the record's id. Uncertain values give two cells: the value
// (empty when unknown) and a note ("inferred: why", "unknown: why").
#include "render/open_data.h"
#include "render/record_facts.h"
#include "render/urls.h"
#include "util/parallel_for.h"
#include "util/simd.h"

namespace scrutineer {
namespace {

using Row = std::vector<std::string>;

// One row of CSV, its cells as CsvCell writes them, and its CRLF, appended
// to *out (below).
void AppendCsvRow(const Row& row, std::string* out);

// Block scalars end in a newline the reader does not see: dropped here (the
// JSON keeps the text exactly as written).
std::string Trimmed(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
    text.remove_suffix(1);
  return std::string(text);
}

std::string Text(const Value* value) { return Trimmed(StatedText(value)); }

std::string DateCell(const Value* value) {
  std::optional<PartialDate> date = DateOf(value);
  return date ? date->Iso() : std::string();
}

std::string NoteCell(const Value* value) {
  if (value == nullptr || !value->is_map()) return std::string();
  for (const char* key : {"inferred", "unknown"}) {
    if (const Value* reason = value->Find(key))
      return std::string(key) + ": " + reason->text;
  }
  return std::string();
}

// The items of a list field joined with "; ".
std::string JoinCell(const Value* value) {
  if (value == nullptr) return std::string();
  if (!value->is_list()) return Text(value);
  std::string joined;
  for (const Value& item : value->items)
    joined += (joined.empty() ? "" : "; ") + Text(&item);
  return joined;
}

std::string DateOfOptional(const std::optional<PartialDate>& date) {
  return date ? date->Iso() : std::string();
}

// A person written as an id or as {person, as_written, role, organisation}.
struct PersonCells {
  std::string id, name, as_written, role, organisation;
};

PersonCells PersonOf(const Site& site, const Value& value) {
  PersonCells cells;
  cells.id = value.is_map() ? std::string(value.Text("person")) : value.text;
  const Record* person = site.Find(cells.id);
  cells.name = person ? person->title : cells.id;
  if (value.is_map()) {
    cells.as_written = std::string(value.Text("as_written"));
    cells.role = std::string(value.Text("role"));
    cells.organisation = std::string(value.Text("organisation"));
  }
  return cells;
}

class TableBuilder {
 public:
  TableBuilder(const Site& site, const Histories& histories)
      : site_(site), histories_(histories) {}

  // The tables, filled only when `fill` is set.
  std::vector<NamedCsvTable> Build(bool fill) {
    std::vector<NamedCsvTable> tables;
    Add(&tables, "recommendations", "Recommendations",
        "One row per recommendation, with its current status.",
        {"id", "parent_id", "parent_kind", "number", "title", "heading",
         "addressed_to", "text", "made", "committee_id", "status",
         "status_label", "status_date", "last_update_id", "last_update_date",
         "target", "flags", "path", "url"},
        &TableBuilder::Recommendations);
    Add(&tables, "updates", "Progress update entries",
        "One row per entry of every progress update: what it says of each "
        "recommendation.",
        {"update_id", "review_id", "update_date", "update_date_note",
         "meeting_id", "paper_id", "recommendation_id", "recommendation_number",
         "status", "status_label", "text", "path", "url"},
        &TableBuilder::UpdateEntries);
    Add(&tables, "reviews", "Reviews", "One row per scrutiny review.",
        {"id", "title", "committee_id", "started", "reported", "agreed",
         "recommendations", "path", "url"},
        &TableBuilder::Reviews);
    Add(&tables, "meetings", "Meetings", "One row per meeting.",
        {"id", "title", "date", "date_note", "committee_id", "committee_note",
         "time", "location", "path", "url"},
        &TableBuilder::Meetings);
    Add(&tables, "workshops", "Workshops", "One row per workshop.",
        {"id", "title", "date", "date_note", "committee_id", "location",
         "timeline_id", "path", "url"},
        &TableBuilder::Workshops);
    Add(&tables, "attendance", "Attendance",
        "One row per person recorded at a meeting or workshop.",
        {"record_id", "record_kind", "date", "attendance", "person_id",
         "person_name", "as_written", "role", "organisation_id"},
        &TableBuilder::Attendance);
    Add(&tables, "actions", "Actions",
        "One row per action recorded in a meeting's minutes.",
        {"meeting_id", "number", "item", "owner_id", "owner_name", "text",
         "due", "due_note"},
        &TableBuilder::Actions);
    Add(&tables, "papers", "Papers", "One row per paper (report).",
        {"id", "title", "date", "meeting_id", "committee_id", "review_id",
         "report_of", "author_id", "path", "url"},
        &TableBuilder::Papers);
    Add(&tables, "milestones", "Timeline milestones",
        "One row per dated milestone of every timeline.",
        {"timeline_id", "date", "date_note", "text", "path", "url"},
        &TableBuilder::Milestones);
    Add(&tables, "people", "People", "One row per person.",
        {"id", "name", "honorific", "aliases", "path", "url"},
        &TableBuilder::People);
    Add(&tables, "roles", "Roles",
        "One row per role of a person, as a source documents it.",
        {"person_id", "title", "organisation_id", "organisation_note",
         "committee_id", "committee_note", "from", "to", "as_of"},
        &TableBuilder::Roles);
    Add(&tables, "committees", "Committees", "One row per committee or board.",
        {"id", "name", "name_note", "organisation_id", "type", "aliases",
         "predecessors", "successors", "path", "url"},
        &TableBuilder::Committees);
    Add(&tables, "organisations", "Organisations", "One row per organisation.",
        {"id", "name", "short_name", "type", "website", "path", "url"},
        &TableBuilder::Organisations);
    if (!fill) return tables;
    // Each table reads the site alone and fills its own slot.
    ParallelFor(tables.size(), [&](size_t t) {
      for (size_t i = 0; i < site_.records.size(); ++i)
        (this->*fillers_[t])(site_.records[i], i, &tables[t].table.rows);
    });
    return tables;
  }

  // CsvText of table `t` (of Build's) in pieces of about kCsvPieceBytes,
  // each record's rows written as soon as they are made: at 10,000
  // recommendations the tables' cells, each a string of its own, took twice
  // the memory of their text, and the text of the largest table, one
  // string, was 17 MB of fresh memory (see CsvTablePieces).
  std::vector<std::string> CsvOf(size_t t,
                                 const std::vector<std::string>& columns,
                                 size_t* count) {
    std::vector<std::string> pieces(1);
    pieces.back().reserve(kCsvPieceBytes + kCsvPieceBytes / 8);
    AppendCsvRow(columns, &pieces.back());
    std::vector<Row> rows;
    *count = 0;
    for (size_t i = 0; i < site_.records.size(); ++i) {
      rows.clear();
      (this->*fillers_[t])(site_.records[i], i, &rows);
      for (const Row& row : rows) {
        if (pieces.back().size() >= kCsvPieceBytes) {
          pieces.emplace_back();
          pieces.back().reserve(kCsvPieceBytes + kCsvPieceBytes / 8);
        }
        AppendCsvRow(row, &pieces.back());
      }
      *count += rows.size();
    }
    return pieces;
  }

 private:
  using Filler = void (TableBuilder::*)(const Record&, size_t,
                                        std::vector<Row>*);

  // Adds an empty table; Build fills it with `fill`.
  void Add(std::vector<NamedCsvTable>* tables, std::string name,
           std::string title, std::string description,
           std::vector<std::string> columns, Filler fill) {
    tables->push_back({std::move(name),
                       std::move(title),
                       std::move(description),
                       {std::move(columns), {}}});
    fillers_.push_back(fill);
  }

  std::string PathOf(const Record& record) const { return RecordPath(record); }
  std::string UrlOf(const Record& record) const {
    return AbsoluteUrl(site_.config.base_url, RecordPath(record));
  }
  std::string CommitteeId(const Record& record) const {
    size_t committee = CommitteeOf(site_, record);
    return committee == kNoRecord ? std::string()
                                  : site_.records[committee].id.value;
  }

  void Recommendations(const Record& r, size_t i, std::vector<Row>* rows) {
    if (r.kind != RecordKind::kRecommendation) return;
    const Record* parent = site_.Find(r.parent.value);
    const RecommendationHistory* history = histories_.Find(i);
    RecommendationHistory none;
    const RecommendationHistory& h = history ? *history : none;
    const StatusSpec* status = FindStatus(h.status);
    std::string flags;
    for (const Flag& flag : h.flags)
      flags +=
          (flags.empty() ? "" : "; ") + std::string(FlagSpecOf(flag.kind).code);
    rows->push_back(
        {r.id.value, r.parent.value,
         parent ? std::string(KindName(parent->kind)) : "", r.number,
         Text(r.fields->Find("title")), Text(r.fields->Find("heading")),
         Text(r.fields->Find("addressed_to")), Text(r.fields->Find("text")),
         DateOfOptional(h.made), CommitteeId(r), h.status,
         status ? std::string(status->label) : "",
         DateOfOptional(h.status_date),
         h.last_update == kNoRecord ? ""
                                    : site_.records[h.last_update].id.value,
         DateOfOptional(h.last_update_date), DateOfOptional(h.target), flags,
         PathOf(r), UrlOf(r)});
  }

  void UpdateEntries(const Record& r, size_t, std::vector<Row>* rows) {
    if (r.kind != RecordKind::kUpdate) return;
    const Value* entries = r.fields->Find("entries");
    if (entries == nullptr) return;
    std::string review(r.fields->Text("review"));
    for (const Value& entry : entries->items) {
      std::string number(entry.Text("recommendation"));
      std::string status(entry.Text("status"));
      if (status.empty()) status = "not-stated";
      const StatusSpec* spec = FindStatus(status);
      rows->push_back({r.id.value, review, DateCell(r.fields->Find("date")),
                       NoteCell(r.fields->Find("date")),
                       Text(r.fields->Find("meeting")),
                       Text(r.fields->Find("paper")), review + "/r" + number,
                       number, status, spec ? std::string(spec->label) : "",
                       Trimmed(entry.Text("text")), PathOf(r), UrlOf(r)});
    }
  }

  void Reviews(const Record& r, size_t, std::vector<Row>* rows) {
    if (r.kind != RecordKind::kReview) return;
    const Value* recommendations = r.fields->Find("recommendations");
    rows->push_back(
        {r.id.value, r.title, CommitteeId(r),
         DateCell(r.fields->Find("started")),
         DateCell(r.fields->Find("reported")),
         DateCell(r.fields->Find("agreed")),
         std::to_string(recommendations ? recommendations->items.size() : 0),
         PathOf(r), UrlOf(r)});
  }

  void Meetings(const Record& r, size_t, std::vector<Row>* rows) {
    if (r.kind != RecordKind::kMeeting) return;
    rows->push_back({r.id.value, r.title, DateCell(r.fields->Find("date")),
                     NoteCell(r.fields->Find("date")), CommitteeId(r),
                     NoteCell(r.fields->Find("committee")),
                     Text(r.fields->Find("time")),
                     Text(r.fields->Find("location")), PathOf(r), UrlOf(r)});
  }

  void Workshops(const Record& r, size_t, std::vector<Row>* rows) {
    if (r.kind != RecordKind::kWorkshop) return;
    rows->push_back({r.id.value, r.title, DateCell(r.fields->Find("date")),
                     NoteCell(r.fields->Find("date")), CommitteeId(r),
                     Text(r.fields->Find("location")),
                     Text(r.fields->Find("timeline")), PathOf(r), UrlOf(r)});
  }

  void Attendance(const Record& r, size_t, std::vector<Row>* rows) {
    const Value* attendance = r.fields->Find("attendance");
    if (attendance == nullptr) return;
    for (const char* group : {"present", "apologies", "in_attendance"}) {
      const Value* people = attendance->Find(group);
      if (people == nullptr) continue;
      for (const Value& item : people->items) {
        PersonCells person = PersonOf(site_, item);
        rows->push_back({r.id.value, std::string(KindName(r.kind)),
                         DateCell(r.fields->Find("date")), group, person.id,
                         person.name, person.as_written, person.role,
                         person.organisation});
      }
    }
  }

  void Actions(const Record& r, size_t, std::vector<Row>* rows) {
    const Value* actions = r.fields->Find("actions");
    if (r.kind != RecordKind::kMeeting || actions == nullptr) return;
    int number = 0;
    for (const Value& action : actions->items) {
      PersonCells owner;
      if (const Value* value = action.Find("owner"))
        owner = PersonOf(site_, *value);
      rows->push_back({r.id.value, std::to_string(++number),
                       std::string(action.Text("item")), owner.id, owner.name,
                       Trimmed(action.Text("text")),
                       DateCell(action.Find("due")),
                       NoteCell(action.Find("due"))});
    }
  }

  void Papers(const Record& r, size_t, std::vector<Row>* rows) {
    if (r.kind != RecordKind::kPaper) return;
    const Value* author = r.fields->Find("author");
    rows->push_back(
        {r.id.value, r.title, DateCell(r.fields->Find("date")),
         Text(r.fields->Find("meeting")), CommitteeId(r),
         Text(r.fields->Find("review")), Text(r.fields->Find("report_of")),
         author ? PersonOf(site_, *author).id : "", PathOf(r), UrlOf(r)});
  }

  void Milestones(const Record& r, size_t, std::vector<Row>* rows) {
    const Value* milestones = r.fields->Find("milestones");
    if (r.kind != RecordKind::kTimeline || milestones == nullptr) return;
    for (const Value& milestone : milestones->items) {
      rows->push_back({r.id.value, DateCell(milestone.Find("date")),
                       NoteCell(milestone.Find("date")),
                       Trimmed(milestone.Text("text")), PathOf(r), UrlOf(r)});
    }
  }

  void People(const Record& r, size_t, std::vector<Row>* rows) {
    if (r.kind != RecordKind::kPerson) return;
    rows->push_back({r.id.value, r.title, Text(r.fields->Find("honorific")),
                     JoinCell(r.fields->Find("aliases")), PathOf(r), UrlOf(r)});
  }

  void Roles(const Record& r, size_t, std::vector<Row>* rows) {
    const Value* roles = r.fields->Find("roles");
    if (r.kind != RecordKind::kPerson || roles == nullptr) return;
    for (const Value& role : roles->items) {
      rows->push_back(
          {r.id.value, std::string(role.Text("title")),
           Text(role.Find("organisation")), NoteCell(role.Find("organisation")),
           Text(role.Find("committee")), NoteCell(role.Find("committee")),
           DateCell(role.Find("from")), DateCell(role.Find("to")),
           DateCell(role.Find("as_of"))});
    }
  }

  void Committees(const Record& r, size_t, std::vector<Row>* rows) {
    if (r.kind != RecordKind::kCommittee) return;
    rows->push_back(
        {r.id.value, Text(r.fields->Find("name")),
         NoteCell(r.fields->Find("name")), Text(r.fields->Find("organisation")),
         Text(r.fields->Find("type")), JoinCell(r.fields->Find("aliases")),
         JoinCell(r.fields->Find("predecessors")),
         JoinCell(r.fields->Find("successors")), PathOf(r), UrlOf(r)});
  }

  void Organisations(const Record& r, size_t, std::vector<Row>* rows) {
    if (r.kind != RecordKind::kOrganisation) return;
    rows->push_back({r.id.value, r.title, Text(r.fields->Find("short_name")),
                     Text(r.fields->Find("type")),
                     Text(r.fields->Find("website")), PathOf(r), UrlOf(r)});
  }

  const Site& site_;
  const Histories& histories_;
  std::vector<Filler> fillers_;  // by table, in Build's order
};

}  // namespace

std::vector<NamedCsvTable> BuildCsvTables(const Site& site,
                                          const Histories& histories) {
  return TableBuilder(site, histories).Build(/*fill=*/true);
}

std::vector<NamedCsvTable> DescribeCsvTables(const Site& site,
                                             const Histories& histories) {
  return TableBuilder(site, histories).Build(/*fill=*/false);
}

std::vector<std::string> CsvTablePieces(const Site& site,
                                        const Histories& histories,
                                        size_t index, size_t* rows) {
  TableBuilder builder(site, histories);
  const std::vector<NamedCsvTable> tables = builder.Build(/*fill=*/false);
  return builder.CsvOf(index, tables.at(index).table.columns, rows);
}

std::string CsvTableText(const Site& site, const Histories& histories,
                         size_t index, size_t* rows) {
  return JoinPieces(CsvTablePieces(site, histories, index, rows));
}

namespace {

// Whether `text` holds a byte that makes CSV quote a cell: a comma, a
// quote or a line break. Sixteen bytes at a time: the open data's cells
// are 24 MB at 10,000 recommendations, and most have none of them.
bool HasCsvSpecial(std::string_view text) {
  const char* data = text.data();
  const size_t size = text.size();
  size_t i = 0;
#if defined(__SSE2__)
  for (; i + 16 <= size; i += 16) {
    if (simd::EqualMask<',', '"', '\r', '\n'>(simd::Load16(data + i)) != 0)
      return true;
  }
#endif
  for (; i < size; ++i) {
    const char c = data[i];
    if (c == ',' || c == '"' || c == '\r' || c == '\n') return true;
  }
  return false;
}

// CsvCell's text appended to `out`, without a string per cell.
void AppendCsvCell(std::string_view text, std::string* out) {
  // A spreadsheet would run a cell starting with these as a formula.
  bool formula =
      !text.empty() &&
      std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
  // With the apostrophe first, a formula's cell never starts with a space.
  bool quote = HasCsvSpecial(text) ||
               (!formula && !text.empty() && text.front() == ' ') ||
               (!text.empty() && text.back() == ' ');
  if (!quote) {
    if (formula) *out += '\'';
    out->append(text);
    return;
  }
  *out += '"';
  if (formula) *out += '\'';
  // Each quote doubled.
  for (size_t at = text.find('"'); at != std::string_view::npos;
       at = text.find('"')) {
    out->append(text.data(), at + 1);
    *out += '"';
    text.remove_prefix(at + 1);
  }
  out->append(text);
  *out += '"';
}

void AppendCsvRow(const Row& row, std::string* out) {
  for (size_t i = 0; i < row.size(); ++i) {
    if (i > 0) *out += ',';
    AppendCsvCell(row[i], out);
  }
  *out += "\r\n";
}

}  // namespace

std::string CsvCell(std::string_view text) {
  std::string cell;
  AppendCsvCell(text, &cell);
  return cell;
}

std::string CsvText(const CsvTable& table) {
  size_t size = 0;
  for (const std::string& column : table.columns) size += column.size() + 1;
  for (const std::vector<std::string>& row : table.rows) {
    for (const std::string& cell : row) size += cell.size() + 1;
    size += 1;
  }
  std::string text;
  text.reserve(size + size / 16);
  AppendCsvRow(table.columns, &text);
  for (const std::vector<std::string>& row : table.rows)
    AppendCsvRow(row, &text);
  return text;
}

}  // namespace scrutineer
