// The content model as data: every record kind, its folder, and the fields
// it may hold. One table drives the loader's checks, the link stage's
// reference resolution, the render stage's conversion of fields for the
// templates, and docs/content-model.md.
#ifndef SCRUTINEER_MODEL_SCHEMA_H_
#define SCRUTINEER_MODEL_SCHEMA_H_

#include <string>
#include <string_view>
#include <vector>

namespace scrutineer {

enum class RecordKind {
  kOrganisation,
  kCommittee,
  kPerson,
  kReview,
  kUpdate,
  kMeeting,
  kPaper,
  kWorkshop,
  kTimeline,
  kRecommendation,  // not a folder: taken from reviews and workshops
  kAny,             // only as the target of a reference
};

enum class FieldType {
  kText,       // one line of plain text
  kMarkdown,   // Markdown text, may use [words](@id) links
  kDate,       // 2017, 2017-02 or 2017-02-16
  kBool,       // true or false
  kInteger,    // a whole number (heading numbers)
  kNumber,     // a recommendation's number: 16, 4a
  kId,         // the record's own id
  kReference,  // the id of another record of kind `target`
  kPerson,     // a person's id, or {person, as_written, role, organisation}
  kRecommendationNumber,  // a number of a recommendation in the update's review
  kStatus,                // one of kStatuses
  kObject,                // a map with the fields of `object`
};

struct ObjectSpec;

struct FieldSpec {
  std::string_view name;
  FieldType type;
  bool required = false;
  bool list = false;            // a list of values of `type`
  bool uncertain = false;       // may be {value, inferred} or {unknown}
  bool scalar_or_list = false;  // one value, or a list of them
  RecordKind target = RecordKind::kAny;  // kReference
  const ObjectSpec* object = nullptr;    // kObject
};

struct ObjectSpec {
  std::string_view name;  // for messages: "recommendation", "role"
  std::vector<FieldSpec> fields;

  const FieldSpec* Find(std::string_view field) const;
};

struct KindSpec {
  RecordKind kind;
  std::string_view name;         // "review"
  std::string_view plural;       // "Reviews"
  std::string_view folder;       // "reviews": content folder and URL segment
  std::string_view title_field;  // "title" or "name"; empty: computed
  const ObjectSpec* fields;      // includes id, source and related
};

/// Every kind that has a content folder, in the order pages list them.
const std::vector<KindSpec>& ContentKinds();
/// The spec of any kind, including kRecommendation; asserts on kAny.
const KindSpec& SpecOf(RecordKind kind);
/// The fields of a recommendation, as written in a review or workshop.
const ObjectSpec& RecommendationFields();
/// The fields of a person written as {person, as_written, role, organisation}.
const ObjectSpec& PersonReferenceFields();
/// The kind whose content folder is `folder`, or nullptr.
const KindSpec* KindForFolder(std::string_view folder);

/// The status vocabulary, in the order dashboards list it.
struct StatusSpec {
  std::string_view code;   // "in-progress"
  std::string_view label;  // "In progress"
};
const std::vector<StatusSpec>& Statuses();
const StatusSpec* FindStatus(std::string_view code);

/// True for a record id: a-z, 0-9 and '-', not starting with '-', at most
/// 80 characters.
bool IsValidId(std::string_view id);
/// True for a record id, or a recommendation id "<id>/r<number>".
bool IsValidReference(std::string_view id);
/// True for a recommendation number: 1 to 9999 written with no leading
/// zero, and an optional letter ("4a"). "04" is refused, not read as 4: the
/// number is compared as text, so "4" and "04" would be two recommendations.
bool IsValidRecommendationNumber(std::string_view number);
/// A hint for a number IsValidRecommendationNumber refuses: what to write
/// instead ("write 4: ..." for "04", "004"; a general one for "x1").
std::string RecommendationNumberHint(std::string_view number);
/// A hint for a reference IsValidReference refuses for its recommendation
/// number only ("write 'review/r4': ..." for "review/r04"); "" for any other.
std::string RecommendationReferenceHint(std::string_view id);

/// "review": for messages.
std::string_view KindName(RecordKind kind);
/// "a review", "an organisation": a noun with its article, for messages.
std::string WithArticle(std::string_view noun);

}  // namespace scrutineer

#endif  // SCRUTINEER_MODEL_SCHEMA_H_
