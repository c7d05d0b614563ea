#include "model/field_help.h"

namespace scrutineer {
namespace {

std::string DescribeOne(const FieldSpec& field) {
  switch (field.type) {
    case FieldType::kText:
      return "text";
    case FieldType::kMarkdown:
      return "Markdown text";
    case FieldType::kDate:
      return "a date: 2017, 2017-02 or 2017-02-16";
    case FieldType::kBool:
      return "true or false";
    case FieldType::kInteger:
      return "a whole number";
    case FieldType::kNumber:
      return "a recommendation number: 16, 4a (no leading zero)";
    case FieldType::kId:
      return "this record's id: lower-case letters, digits and hyphens, the "
             "same as the file name";
    case FieldType::kReference:
      if (field.target == RecordKind::kAny) return "the id of any record";
      if (field.target == RecordKind::kRecommendation) {
        return "a recommendation's id: <review-id>/r<number>";
      }
      return "the id of " + WithArticle(KindName(field.target));
    case FieldType::kPerson:
      return "a person's id, or {person, as_written, role, organisation}";
    case FieldType::kRecommendationNumber:
      return "the number of a recommendation in the review";
    case FieldType::kStatus: {
      std::string text = "one of:";
      for (const StatusSpec& status : Statuses()) {
        if (&status != &Statuses().front()) text += ',';
        text += " " + std::string(status.code);
      }
      return text;
    }
    case FieldType::kObject:
      return WithArticle(field.object->name);
  }
  return "";
}

}  // namespace

std::string DescribeField(const FieldSpec& field) {
  std::string text = DescribeOne(field);
  if (field.list) {
    text = "a list, each item " + text;
  } else if (field.scalar_or_list) {
    text += ", or a list of them";
  }
  if (field.uncertain) {
    text += "; or {value: ..., inferred: \"why\"}, or {unknown: \"why\"}";
  }
  return text;
}

std::string_view ScaffoldExtension(RecordKind kind) {
  switch (kind) {
    case RecordKind::kReview:
    case RecordKind::kUpdate:
    case RecordKind::kMeeting:
    case RecordKind::kPaper:
    case RecordKind::kWorkshop:
      return "md";
    default:
      return "yaml";
  }
}

}  // namespace scrutineer
