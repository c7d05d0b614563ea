#include "config/accessibility_statement.h"

#include <string_view>

namespace scrutineer {
namespace {

using Statement = AccessibilityStatement;

constexpr const char* kHint =
    "see docs/publishing.md for the fields of the accessibility statement";

bool IsText(const Value& value, std::string_view key,
            Diagnostics& diagnostics) {
  if (value.is_scalar()) return true;
  diagnostics.Error(value.location,
                    "accessibility '" + std::string(key) + "' must be text",
                    "");
  return false;
}

template <std::string Statement::*field>
void ReadText(const Value& value, std::string_view key, Statement* statement,
              Diagnostics& diagnostics) {
  if (IsText(value, key, diagnostics)) statement->*field = value.text;
}

// A list of texts; one text alone is taken as a list of one.
template <std::vector<std::string> Statement::*field>
void ReadTextList(const Value& value, std::string_view key,
                  Statement* statement, Diagnostics& diagnostics) {
  if (value.is_scalar()) {
    (statement->*field).push_back(value.text);
    return;
  }
  if (!value.is_list()) {
    diagnostics.Error(
        value.location,
        "accessibility '" + std::string(key) + "' must be a list of texts",
        "write one item a line, each starting with '- '");
    return;
  }
  for (const Value& item : value.items) {
    if (IsText(item, key, diagnostics))
      (statement->*field).push_back(item.text);
  }
}

template <std::optional<PartialDate> Statement::*field>
void ReadDate(const Value& value, std::string_view key, Statement* statement,
              Diagnostics& diagnostics) {
  std::optional<PartialDate> date;
  if (value.is_scalar()) date = ParsePartialDate(value.text);
  if (!date) {
    diagnostics.Error(
        value.location,
        "accessibility '" + std::string(key) + "' must be a date" +
            (value.is_scalar() ? ", found '" + value.text + "'" : ""),
        "write a date as 2019-02-01");
    return;
  }
  statement->*field = date;
}

void ReadResponseDays(const Value& value, std::string_view key,
                      Statement* statement, Diagnostics& diagnostics) {
  const std::string& text = value.text;
  bool ok = value.is_scalar() && !text.empty() && text.size() <= 3 &&
            text.find_first_not_of("0123456789") == std::string::npos &&
            std::stoi(text) >= 1;
  if (!ok) {
    diagnostics.Error(value.location,
                      "accessibility '" + std::string(key) +
                          "' must be a whole number of working days",
                      "for example: response_days: 5");
    return;
  }
  statement->response_days = std::stoi(text);
}

// A value from a fixed vocabulary.
void ReadChoice(const Value& value, std::string_view key,
                std::initializer_list<std::string_view> choices,
                std::string* out, Diagnostics& diagnostics) {
  if (!IsText(value, key, diagnostics)) return;
  std::string list;
  for (std::string_view choice : choices) {
    if (value.text == choice) {
      *out = value.text;
      return;
    }
    list += (list.empty() ? "'" : ", '") + std::string(choice) + "'";
  }
  diagnostics.Error(value.location,
                    "accessibility '" + std::string(key) + "' must be one of " +
                        list + ", found '" + value.text + "'",
                    kHint);
}

void ReadEnforcement(const Value& value, std::string_view key,
                     Statement* statement, Diagnostics& diagnostics) {
  ReadChoice(value, key, {"ehrc", "ecni"}, &statement->enforcement,
             diagnostics);
}

void ReadCompliance(const Value& value, std::string_view key,
                    Statement* statement, Diagnostics& diagnostics) {
  ReadChoice(value, key, {"full", "partial", "not"},
             &statement->compliance_status, diagnostics);
}

using FieldReader = void (*)(const Value&, std::string_view, Statement*,
                             Diagnostics&);

struct Field {
  std::string_view key;
  FieldReader read;
};

const Field kFields[] = {
    {"contact_email", ReadText<&Statement::contact_email>},
    {"contact_phone", ReadText<&Statement::contact_phone>},
    {"response_days", ReadResponseDays},
    {"enforcement", ReadEnforcement},
    {"compliance_status", ReadCompliance},
    {"known_problems", ReadTextList<&Statement::known_problems>},
    {"non_compliant_items", ReadTextList<&Statement::non_compliant_items>},
    {"disproportionate_burden",
     ReadTextList<&Statement::disproportionate_burden>},
    {"out_of_scope", ReadTextList<&Statement::out_of_scope>},
    {"improvements", ReadText<&Statement::improvements>},
    {"prepared", ReadDate<&Statement::prepared>},
    {"last_reviewed", ReadDate<&Statement::last_reviewed>},
    {"last_tested", ReadDate<&Statement::last_tested>},
    {"tested_by", ReadText<&Statement::tested_by>},
};

}  // namespace

void ReadAccessibilityStatement(const Value& value,
                                AccessibilityStatement* statement,
                                Diagnostics& diagnostics) {
  if (!value.is_map()) {
    diagnostics.Error(value.location,
                      "setting 'accessibility' must be a map of fields", kHint);
    return;
  }
  std::vector<std::string_view> keys;
  for (const Field& field : kFields) keys.push_back(field.key);
  for (const MapEntry& entry : value.entries) {
    const Field* field = nullptr;
    for (const Field& candidate : kFields) {
      if (candidate.key == entry.key) field = &candidate;
    }
    if (field == nullptr) {
      std::string closest = SuggestClosest(entry.key, keys);
      diagnostics.Error(
          entry.key_location(), "unknown accessibility field '" + entry.key + "'",
          closest.empty() ? kHint : "did you mean '" + closest + "'?");
      continue;
    }
    if (entry.value.is_null()) continue;
    field->read(entry.value, entry.key, statement, diagnostics);
  }
}

}  // namespace scrutineer
