#include "load/record_validator.h"

#include <algorithm>
#include <string>
#include <utility>

#include "model/partial_date.h"
#include "render/markdown.h"

namespace scrutineer {
namespace {

Value* FindEntry(Value& map, std::string_view key) {
  for (MapEntry& entry : map.entries) {
    if (entry.key == key) return &entry.value;
  }
  return nullptr;
}

class Validator {
 public:
  Validator(MarkdownLimits* markdown, Diagnostics& diagnostics)
      : markdown_(markdown), diagnostics_(diagnostics) {}

  bool ok() const { return ok_; }

  void CheckObject(Value& value, const ObjectSpec& spec) {
    if (!value.is_map()) {
      Fail(value,
           "expected " + WithArticle(spec.name) + " (a map of fields), found " +
               DescribeKind(value.kind),
           "");
      return;
    }
    bool unknown = false;
    for (MapEntry& entry : value.entries) {
      const FieldSpec* field = spec.Find(entry.key);
      if (field == nullptr) {
        ReportUnknownField(entry, spec);
        unknown = true;
        continue;
      }
      CheckField(entry.value, *field);
    }
    // Reported, and of no use to any later stage: a record of fifty
    // thousand misspelt fields must not make every exporter pay for them.
    if (unknown) {
      value.entries.erase(
          std::remove_if(value.entries.begin(), value.entries.end(),
                         [&](const MapEntry& entry) {
                           return spec.Find(entry.key) == nullptr;
                         }),
          value.entries.end());
    }
    for (const FieldSpec& field : spec.fields) {
      const Value* present = value.Find(field.name);
      if (field.required && (present == nullptr || present->is_null())) {
        Fail(value,
             "missing required field '" + std::string(field.name) + "' in " +
                 std::string(spec.name),
             "add '" + std::string(field.name) + ":' to this " +
                 std::string(spec.name));
      }
    }
  }

 private:
  void Fail(const Value& at, std::string message, std::string hint) {
    ok_ = false;
    diagnostics_.Error(at.location, std::move(message), std::move(hint));
  }

  void ReportUnknownField(const MapEntry& entry, const ObjectSpec& spec) {
    std::vector<std::string_view> names;
    for (const FieldSpec& field : spec.fields) names.push_back(field.name);
    std::string closest = SuggestClosest(entry.key, names);
    std::string hint;
    if (!closest.empty()) {
      hint = "did you mean '" + closest + "'?";
    } else {
      hint = WithArticle(spec.name) + " has these fields:";
      for (std::string_view name : names) hint += " " + std::string(name);
    }
    ok_ = false;
    diagnostics_.Error(
        entry.key_location(),
        "unknown field '" + entry.key + "' in " + std::string(spec.name), hint);
  }

  void CheckField(Value& value, const FieldSpec& field) {
    if (value.is_null())
      return;  // treated as absent; required is checked above
    if (field.list) {
      if (!value.is_list()) {
        Fail(value,
             "field '" + std::string(field.name) + "' must be a list, found " +
                 DescribeKind(value.kind),
             "write each item on its own line starting with '- '");
        return;
      }
      for (Value& item : value.items) CheckOne(item, field);
      return;
    }
    if (field.scalar_or_list && value.is_list()) {
      for (Value& item : value.items) CheckOne(item, field);
      return;
    }
    CheckOne(value, field);
  }

  void CheckOne(Value& value, const FieldSpec& field) {
    if (field.uncertain && value.is_map()) {
      CheckUncertain(value, field);
      return;
    }
    CheckPlain(value, field);
  }

  // {value: X, inferred: "why"} or {unknown: "why"}.
  void CheckUncertain(Value& value, const FieldSpec& field) {
    const Value* unknown = value.Find("unknown");
    Value* inner = FindEntry(value, "value");
    const Value* inferred = value.Find("inferred");
    for (const MapEntry& entry : value.entries) {
      if (entry.key != "unknown" && entry.key != "value" &&
          entry.key != "inferred") {
        ok_ = false;
        diagnostics_.Error(
            entry.key_location(),
            "unknown key '" + entry.key + "' in an uncertain value",
            "write {value: ..., inferred: \"why\"} or {unknown: \"why\"}");
      }
    }
    if (unknown != nullptr) {
      if (inner != nullptr || inferred != nullptr) {
        Fail(value, "an unknown value cannot also have 'value' or 'inferred'",
             "keep either {unknown: \"why\"} or {value: ..., inferred: "
             "\"why\"}");
      }
      if (!unknown->is_scalar() || unknown->text.empty()) {
        Fail(*unknown, "'unknown' needs the reason as text",
             "say what the source leaves out, e.g. unknown: \"The minutes do "
             "not name the board.\"");
      }
      return;
    }
    if (inner == nullptr || inferred == nullptr) {
      Fail(value,
           "field '" + std::string(field.name) +
               "' is a map, but not {value, inferred} or {unknown}",
           "write a plain value if the source states it; otherwise "
           "{value: ..., inferred: \"why\"} or {unknown: \"why\"}");
      return;
    }
    if (!inferred->is_scalar() || inferred->text.empty()) {
      Fail(*inferred, "'inferred' needs the reason as text",
           "say what the value was inferred from");
    }
    CheckPlain(*inner, field);
  }

  void RequireScalar(const Value& value, const FieldSpec& field,
                     const char* what) {
    Fail(value,
         "field '" + std::string(field.name) + "' must be " + what +
             ", found " + DescribeKind(value.kind),
         "");
  }

  void CheckPlain(Value& value, const FieldSpec& field) {
    switch (field.type) {
      case FieldType::kObject:
        CheckObject(value, *field.object);
        return;
      case FieldType::kPerson:
        if (value.is_map()) {
          CheckObject(value, PersonReferenceFields());
          return;
        }
        if (!value.is_scalar())
          return RequireScalar(value, field, "a person's id");
        if (!IsValidId(value.text)) BadId(value, field);
        return;
      default:
        break;
    }
    if (!value.is_scalar()) {
      return RequireScalar(value, field,
                           field.type == FieldType::kDate ? "a date" : "text");
    }
    const std::string& text = value.text;
    if (field.required &&
        (field.type == FieldType::kText ||
         field.type == FieldType::kMarkdown) &&
        text.find_first_not_of(" \t\n") == std::string::npos) {
      // A blank name or title makes an empty heading, page title and link.
      return Fail(value, "field '" + std::string(field.name) + "' is blank",
                  "it is required: write the " + std::string(field.name) +
                      " the source gives");
    }
    switch (field.type) {
      case FieldType::kText:
        return;
      case FieldType::kMarkdown:
        // Text over the limits is reported and dropped, so that no later
        // stage spends minutes on it.
        if (!markdown_->Check(text, value.location, false, diagnostics_)) {
          ok_ = false;
          value.text.clear();
        }
        return;
      case FieldType::kDate:
        if (!ParsePartialDate(text)) {
          const std::string problem = PartialDateProblem(text);
          Fail(value, "'" + text + "' is not a date",
               problem.empty() ? "write a date as 2017, 2017-02 or 2017-02-16"
                               : problem);
        }
        return;
      case FieldType::kBool:
        if (text != "true" && text != "false") {
          Fail(value,
               "field '" + std::string(field.name) +
                   "' must be true or false, found '" + text + "'",
               "");
        }
        return;
      case FieldType::kInteger:
        if (text.empty() || text.size() > 6 ||
            text.find_first_not_of("0123456789") != std::string::npos) {
          Fail(value,
               "field '" + std::string(field.name) +
                   "' must be a whole number, found '" + text + "'",
               "");
        }
        return;
      case FieldType::kNumber:
      case FieldType::kRecommendationNumber:
        if (!IsValidRecommendationNumber(text)) {
          Fail(value, "'" + text + "' is not a recommendation number",
               RecommendationNumberHint(text));
        }
        return;
      case FieldType::kId:
      case FieldType::kReference:
        if (field.type == FieldType::kId ? !IsValidId(text)
                                         : !IsValidReference(text)) {
          BadId(value, field);
        }
        return;
      case FieldType::kStatus:
        if (FindStatus(text) == nullptr) {
          std::vector<std::string_view> codes;
          for (const StatusSpec& status : Statuses())
            codes.push_back(status.code);
          std::string closest = SuggestClosest(text, codes);
          std::string hint = closest.empty() ? "a status is one of:"
                                             : "did you mean '" + closest +
                                                   "'? a status is one of:";
          for (std::string_view code : codes) hint += " " + std::string(code);
          Fail(value, "unknown status '" + text + "'", hint);
        }
        return;
      case FieldType::kObject:
      case FieldType::kPerson:
        return;  // handled above
    }
  }

  void BadId(const Value& value, const FieldSpec& field) {
    std::string hint = field.type == FieldType::kReference
                           ? RecommendationReferenceHint(value.text)
                           : "";
    if (hint.empty()) {
      hint =
          "ids use lower-case letters, digits and hyphens, at most 80 "
          "characters, like 'wirral-cf-osc'; a recommendation is "
          "'<review-id>/r<number>'";
    }
    Fail(value,
         "'" + value.text + "' is not a valid id in field '" +
             std::string(field.name) + "'",
         std::move(hint));
  }

  MarkdownLimits* markdown_;
  Diagnostics& diagnostics_;
  bool ok_ = true;
};

}  // namespace

bool ValidateFields(Value* fields, const ObjectSpec& spec,
                    MarkdownLimits* markdown, Diagnostics& diagnostics) {
  Validator validator(markdown, diagnostics);
  validator.CheckObject(*fields, spec);
  return validator.ok();
}

}  // namespace scrutineer
