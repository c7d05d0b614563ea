#include "model/schema.h"

#include <algorithm>
#include <cassert>

#include "util/swar.h"

namespace scrutineer {

const FieldSpec* ObjectSpec::Find(std::string_view field) const {
  for (const FieldSpec& spec : fields) {
    if (swar::SameText(spec.name, field)) return &spec;
  }
  return nullptr;
}

namespace {

using K = RecordKind;
using T = FieldType;

FieldSpec Required(std::string_view name, FieldType type) {
  FieldSpec spec{name, type};
  spec.required = true;
  return spec;
}
FieldSpec Optional(std::string_view name, FieldType type) {
  return FieldSpec{name, type};
}
FieldSpec Ref(std::string_view name, RecordKind target, bool required = false) {
  FieldSpec spec{name, T::kReference};
  spec.target = target;
  spec.required = required;
  return spec;
}
FieldSpec Uncertain(FieldSpec spec) {
  spec.uncertain = true;
  return spec;
}
FieldSpec ListOf(FieldSpec spec) {
  spec.list = true;
  return spec;
}
FieldSpec Object(std::string_view name, const ObjectSpec* object,
                 bool required = false) {
  FieldSpec spec{name, T::kObject};
  spec.object = object;
  spec.required = required;
  return spec;
}
FieldSpec Source() {
  FieldSpec spec{"source", T::kText};
  spec.scalar_or_list = true;
  return spec;
}

// Fields every record has, added to each kind's own.
std::vector<FieldSpec> WithCommon(std::vector<FieldSpec> fields) {
  fields.insert(fields.begin(), Required("id", T::kId));
  fields.push_back(Source());
  fields.push_back(ListOf(Ref("related", K::kAny)));
  return fields;
}

const ObjectSpec kPersonRefFields{
    "person",
    {Ref("person", K::kPerson, true), Optional("as_written", T::kText),
     Optional("role", T::kText), Ref("organisation", K::kOrganisation)}};

const ObjectSpec kRoleFields{
    "role",
    {Required("title", T::kText),
     Uncertain(Ref("organisation", K::kOrganisation)),
     Uncertain(Ref("committee", K::kCommittee)), Optional("from", T::kDate),
     Optional("to", T::kDate), Optional("as_of", T::kDate), Source()}};

const ObjectSpec kHeadingFields{
    "heading", {Required("number", T::kInteger), Required("title", T::kText)}};

const ObjectSpec kDeadlineFields{
    "deadline",
    {Required("label", T::kText), Uncertain(Optional("date", T::kDate)),
     Optional("text", T::kText)}};

// The formal response to a recommendation (an executive's or partner's),
// as the source gives it. `accepted: false` is a stated "not accepted".
const ObjectSpec kResponseFields{
    "response",
    {Uncertain(Optional("date", T::kDate)), Optional("by", T::kText),
     Ref("meeting", K::kMeeting), Ref("paper", K::kPaper),
     Optional("accepted", T::kBool), Optional("text", T::kMarkdown), Source()}};

// One move of a recommendation's target date: the slippage ledger.
const ObjectSpec kTargetChangeFields{
    "target change",
    {Uncertain(Required("date", T::kDate)), Optional("from", T::kDate),
     Required("to", T::kDate), Optional("reason", T::kMarkdown), Source()}};

const ObjectSpec kRecommendationFields{
    "recommendation",
    {Required("number", T::kNumber), Required("text", T::kMarkdown),
     Optional("title", T::kText), Optional("heading", T::kInteger),
     Optional("addressed_to", T::kText),
     ListOf(Optional("addressees", T::kPerson)),
     ListOf(Optional("owners", T::kPerson)),
     ListOf(Object("deadlines", &kDeadlineFields)),
     Uncertain(Optional("target", T::kDate)),
     ListOf(Object("target_changes", &kTargetChangeFields)),
     Object("response", &kResponseFields),
     ListOf(Ref("follows", K::kRecommendation)),
     ListOf(Ref("related", K::kAny)), Source()}};

const ObjectSpec kEntryFields{
    "entry",
    {Required("recommendation", T::kRecommendationNumber),
     Optional("status", T::kStatus), Optional("text", T::kMarkdown)}};

const ObjectSpec kAttendanceFields{
    "attendance",
    {Optional("recorded", T::kBool), ListOf(Optional("present", T::kPerson)),
     ListOf(Optional("apologies", T::kPerson)),
     ListOf(Optional("in_attendance", T::kPerson)),
     Optional("note", T::kMarkdown)}};

const ObjectSpec kAgendaItemFields{
    "agenda item",
    {Optional("number", T::kText), Uncertain(Required("title", T::kText)),
     Optional("presenters", T::kText), Optional("minutes", T::kMarkdown),
     Optional("resolution", T::kMarkdown), ListOf(Ref("related", K::kAny))}};

const ObjectSpec kActionFields{
    "action",
    {Optional("owner", T::kPerson), Required("text", T::kMarkdown),
     Uncertain(Optional("due", T::kDate)), Optional("item", T::kText)}};

const ObjectSpec kContactFields{
    "contact",
    {Ref("person", K::kPerson, true), Optional("role", T::kText),
     Optional("phone", T::kText), Optional("email", T::kText)}};

const ObjectSpec kAppendixFields{
    "appendix", {Required("title", T::kText), Optional("body", T::kMarkdown)}};

const ObjectSpec kMilestoneFields{
    "milestone",
    {Uncertain(Required("date", T::kDate)), Required("text", T::kMarkdown),
     ListOf(Ref("related", K::kAny))}};

const ObjectSpec kOrganisation{
    "organisation",
    WithCommon({Required("name", T::kText), Optional("short_name", T::kText),
                Optional("type", T::kText), Optional("website", T::kText),
                Optional("notes", T::kMarkdown)})};

const ObjectSpec kCommittee{
    "committee", WithCommon({Uncertain(Required("name", T::kText)),
                             ListOf(Optional("aliases", T::kText)),
                             Uncertain(Ref("organisation", K::kOrganisation)),
                             Optional("type", T::kText),
                             ListOf(Ref("predecessors", K::kCommittee)),
                             ListOf(Ref("successors", K::kCommittee)),
                             Optional("notes", T::kMarkdown)})};

const ObjectSpec kPerson{
    "person",
    WithCommon({Required("name", T::kText), Optional("honorific", T::kText),
                ListOf(Optional("aliases", T::kText)),
                ListOf(Object("roles", &kRoleFields)),
                Optional("notes", T::kMarkdown)})};

const ObjectSpec kReview{
    "review",
    WithCommon({Required("title", T::kText),
                Uncertain(Ref("committee", K::kCommittee)),
                Ref("organisation", K::kOrganisation),
                Uncertain(Optional("started", T::kDate)),
                Uncertain(Optional("reported", T::kDate)),
                Uncertain(Optional("agreed", T::kDate)),
                ListOf(Object("headings", &kHeadingFields)),
                ListOf(Object("recommendations", &kRecommendationFields))})};

const ObjectSpec kUpdate{
    "update",
    WithCommon(
        {Ref("review", K::kReview, true), Uncertain(Required("date", T::kDate)),
         Optional("title", T::kText), Uncertain(Ref("meeting", K::kMeeting)),
         Ref("paper", K::kPaper), Optional("author", T::kPerson),
         ListOf(Object("entries", &kEntryFields, true))})};

const ObjectSpec kMeeting{
    "meeting",
    WithCommon({Uncertain(Required("date", T::kDate)),
                Optional("title", T::kText),
                Uncertain(Ref("committee", K::kCommittee)),
                Optional("time", T::kText), Optional("location", T::kText),
                Object("attendance", &kAttendanceFields),
                ListOf(Object("agenda", &kAgendaItemFields)),
                ListOf(Object("actions", &kActionFields))})};

const ObjectSpec kPaper{
    "paper",
    WithCommon({Required("title", T::kText),
                Uncertain(Optional("date", T::kDate)),
                Ref("meeting", K::kMeeting), Ref("committee", K::kCommittee),
                Optional("report_of", T::kText), Optional("author", T::kPerson),
                ListOf(Object("contacts", &kContactFields)),
                Ref("review", K::kReview), Optional("summary", T::kMarkdown),
                ListOf(Optional("recommendations", T::kMarkdown)),
                Optional("decision", T::kText), Optional("wards", T::kText),
                ListOf(Object("appendices", &kAppendixFields))})};

const ObjectSpec kWorkshop{
    "workshop",
    WithCommon({Required("title", T::kText),
                Uncertain(Required("date", T::kDate)),
                Uncertain(Ref("committee", K::kCommittee)),
                Optional("location", T::kText),
                Object("attendance", &kAttendanceFields),
                Ref("timeline", K::kTimeline),
                ListOf(Object("recommendations", &kRecommendationFields)),
                Optional("thanks", T::kMarkdown)})};

const ObjectSpec kTimeline{
    "timeline",
    WithCommon({Required("title", T::kText),
                ListOf(Object("milestones", &kMilestoneFields, true)),
                Optional("notes", T::kMarkdown)})};

const std::vector<KindSpec> kContentKinds = {
    {K::kReview, "review", "Reviews", "reviews", "title", &kReview},
    {K::kUpdate, "update", "Progress updates", "updates", "", &kUpdate},
    {K::kMeeting, "meeting", "Meetings", "meetings", "", &kMeeting},
    {K::kPaper, "paper", "Papers", "papers", "title", &kPaper},
    {K::kWorkshop, "workshop", "Workshops", "workshops", "title", &kWorkshop},
    {K::kTimeline, "timeline", "Timelines", "timelines", "title", &kTimeline},
    {K::kCommittee, "committee", "Committees", "committees", "name",
     &kCommittee},
    {K::kPerson, "person", "People", "people", "name", &kPerson},
    {K::kOrganisation, "organisation", "Organisations", "organisations", "name",
     &kOrganisation},
};

const KindSpec kRecommendationKind{K::kRecommendation,
                                   "recommendation",
                                   "Recommendations",
                                   "recommendations",
                                   "",
                                   &kRecommendationFields};

const std::vector<StatusSpec> kStatuses = {
    {"not-started", "Not started"}, {"in-progress", "In progress"},
    {"completed", "Completed"},     {"not-accepted", "Not accepted"},
    {"superseded", "Superseded"},   {"not-stated", "Not stated"},
};

}  // namespace

const std::vector<KindSpec>& ContentKinds() { return kContentKinds; }

const KindSpec& SpecOf(RecordKind kind) {
  assert(kind != K::kAny);
  if (kind == K::kRecommendation) return kRecommendationKind;
  for (const KindSpec& spec : kContentKinds) {
    if (spec.kind == kind) return spec;
  }
  assert(false && "every kind but kAny has a spec");
  return kContentKinds.front();
}

const ObjectSpec& RecommendationFields() { return kRecommendationFields; }

const ObjectSpec& PersonReferenceFields() { return kPersonRefFields; }

bool IsValidId(std::string_view id) {
  if (id.empty() || id.size() > 80 || id.front() == '-') return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
  }
  return true;
}

bool IsValidRecommendationNumber(std::string_view number) {
  size_t digits = 0;
  while (digits < number.size() && number[digits] >= '0' &&
         number[digits] <= '9') {
    ++digits;
  }
  if (digits == 0 || digits > 4 || number.front() == '0') return false;
  if (digits == number.size()) return true;
  return digits + 1 == number.size() && number.back() >= 'a' &&
         number.back() <= 'z';
}

namespace {

// The hint for `number`, written after `prefix` ("" or "<review-id>/r"),
// when leading zeros are what is wrong with it; "" otherwise.
std::string LeadingZeroHint(std::string_view prefix, std::string_view number) {
  if (number.empty() || number.front() != '0') return "";
  const std::string rest(
      number.substr(std::min(number.find_first_not_of('0'), number.size())));
  if (IsValidRecommendationNumber(rest)) {
    std::string fixed = std::string(prefix) + rest;
    if (!prefix.empty()) fixed = "'" + fixed + "'";
    return "write " + fixed + ": a recommendation number has no leading zero";
  }
  // "0", "00", "0a": no number is left to suggest.
  if (rest.empty() || IsValidRecommendationNumber("1" + rest)) {
    return "recommendation numbers start at 1";
  }
  return "";
}

}  // namespace

std::string RecommendationNumberHint(std::string_view number) {
  std::string hint = LeadingZeroHint("", number);
  if (!hint.empty()) return hint;
  std::string lower(number);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (lower != number && IsValidRecommendationNumber(lower)) {
    return "write " + lower + ": the letter of a number is lower case";
  }
  const size_t digits = lower.find_first_not_of("0123456789");
  if (!lower.empty() && lower.front() != '0' &&
      (digits == std::string::npos ? lower.size() : digits) > 4 &&
      (digits == std::string::npos ||
       (digits + 1 == lower.size() && lower.back() >= 'a' &&
        lower.back() <= 'z'))) {
    return "numbers run from 1 to 9999, with an optional letter: 16, 4a";
  }
  return "numbers are digits with an optional letter: 16, 4a";
}

std::string RecommendationReferenceHint(std::string_view id) {
  const size_t slash = id.find('/');
  if (slash == std::string_view::npos || !IsValidId(id.substr(0, slash)) ||
      slash + 1 >= id.size() || id[slash + 1] != 'r') {
    return "";
  }
  return LeadingZeroHint(id.substr(0, slash + 2), id.substr(slash + 2));
}

bool IsValidReference(std::string_view id) {
  size_t slash = id.find('/');
  if (slash == std::string_view::npos) return IsValidId(id);
  return IsValidId(id.substr(0, slash)) && slash + 1 < id.size() &&
         id[slash + 1] == 'r' &&
         IsValidRecommendationNumber(id.substr(slash + 2));
}

const KindSpec* KindForFolder(std::string_view folder) {
  for (const KindSpec& spec : kContentKinds) {
    if (spec.folder == folder) return &spec;
  }
  return nullptr;
}

const std::vector<StatusSpec>& Statuses() { return kStatuses; }

const StatusSpec* FindStatus(std::string_view code) {
  for (const StatusSpec& status : kStatuses) {
    if (status.code == code) return &status;
  }
  return nullptr;
}

std::string_view KindName(RecordKind kind) {
  if (kind == K::kAny) return "record";
  return SpecOf(kind).name;
}

std::string WithArticle(std::string_view noun) {
  bool vowel = !noun.empty() && std::string_view("aeiou").find(noun.front()) !=
                                    std::string_view::npos;
  return (vowel ? "an " : "a ") + std::string(noun);
}

}  // namespace scrutineer
