// site.yaml's `accessibility` section -> AccessibilityStatement: what the
// accessibility statement page needs to take the form UK public-sector
// websites must publish (the Public Sector Bodies (Websites and Mobile
// Applications) (No. 2) Accessibility Regulations 2018, following the
// government's sample statement).
#ifndef SCRUTINEER_CONFIG_ACCESSIBILITY_STATEMENT_H_
#define SCRUTINEER_CONFIG_ACCESSIBILITY_STATEMENT_H_

#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostics.h"
#include "model/partial_date.h"
#include "model/value.h"

namespace scrutineer {

struct AccessibilityStatement {
  /// How to report a problem or ask for another format.
  std::string contact_email;
  std::string contact_phone;
  /// Working days within which the publisher replies; 0: not stated.
  int response_days = 0;
  /// Who enforces the regulations where the publisher is: "ehrc" (England,
  /// Scotland and Wales) or "ecni" (Northern Ireland).
  std::string enforcement = "ehrc";
  /// Against WCAG 2.2 AA: "full", "partial" or "not"; empty: not stated.
  std::string compliance_status;
  /// The statement's sections, each a list of short Markdown texts.
  std::vector<std::string> known_problems;
  std::vector<std::string> non_compliant_items;
  std::vector<std::string> disproportionate_burden;
  std::vector<std::string> out_of_scope;
  /// What the publisher is doing about it (Markdown).
  std::string improvements;
  /// When the statement was prepared and last reviewed, and the site last
  /// tested, and by whom and how.
  std::optional<PartialDate> prepared;
  std::optional<PartialDate> last_reviewed;
  std::optional<PartialDate> last_tested;
  std::string tested_by;
};

/// Reads the `accessibility` setting (a map) into `statement`, reporting
/// unknown keys (with a suggestion), wrong types and values outside the
/// vocabularies. Keeps what it could read.
void ReadAccessibilityStatement(const Value& value,
                                AccessibilityStatement* statement,
                                Diagnostics& diagnostics);

}  // namespace scrutineer

#endif  // SCRUTINEER_CONFIG_ACCESSIBILITY_STATEMENT_H_
