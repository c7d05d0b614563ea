// site.yaml -> SiteConfig: the settings of a site folder.
//
// Also decides the "as at" date that accountability flags are computed for:
// site.yaml's `as_at`, else the SOURCE_DATE_EPOCH environment variable, else
// none (and no time-based flag is computed). Never the wall clock, so the
// same input always builds the same bytes.
#ifndef SCRUTINEER_CONFIG_SITE_CONFIG_H_
#define SCRUTINEER_CONFIG_SITE_CONFIG_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/accessibility_statement.h"
#include "diag/diagnostics.h"
#include "model/partial_date.h"

namespace scrutineer {

class FileSystem;

/// A window of time a "what changed" page covers, both ends included. Ends
/// may be partial: {from: 2017, to: 2017} is the whole of 2017.
struct ChangesPeriod {
  std::string title;  // may be empty: pages then name the dates
  PartialDate from;
  PartialDate to;
};

struct SiteConfig {
  std::string title;
  std::string description;
  std::string language = "en-GB";
  /// Where the site is published, e.g. "https://example.gov.uk/scrutiny/".
  /// Empty: links are relative and the site works under any path.
  std::string base_url;
  std::string organisation;  // who publishes the site, for the footer
  /// Pass raw HTML in Markdown through. Off unless a site opts in.
  bool allow_raw_html = false;
  /// The day accountability flags are computed for (a full date), and where
  /// it came from: "site.yaml" or "SOURCE_DATE_EPOCH". Unset: no time-based
  /// flag is computed and pages say so.
  std::optional<PartialDate> as_at;
  std::string as_at_origin;
  /// An open recommendation with no progress update for more than this many
  /// months is flagged.
  int stale_after_months = 6;
  /// Extra "what changed" windows, besides one per calendar year.
  std::vector<ChangesPeriod> changes_periods;
  /// The accessibility statement page (site.yaml `accessibility`).
  AccessibilityStatement accessibility;
};

/// Reads `site.yaml` from the site folder. Reports a missing or unreadable
/// file, YAML that does not parse, unknown keys and wrong types; returns
/// false only when there is no site.yaml to read (the site cannot be built
/// at all, and nothing else is checked). Settings it could not read keep
/// their defaults. When site.yaml sets no `as_at`, takes it from the
/// SOURCE_DATE_EPOCH environment variable (see ApplySourceDateEpoch).
bool LoadSiteConfig(const FileSystem& files, SiteConfig* config,
                    Diagnostics& diagnostics);

/// What is wrong with `url` as the address the site is published at
/// (site.yaml's base_url or --base-url), or "" when nothing is: it must be
/// http:// or https:// with a host, and hold no space, control character,
/// quote, backslash or angle bracket. It is written into every page's
/// canonical link, the feeds, the calendar and the sitemap, where a line
/// break would start a calendar property of its own.
std::string BaseUrlProblem(std::string_view url);

/// Sets `config->as_at` from a SOURCE_DATE_EPOCH value (seconds since
/// 1970-01-01 UTC) unless site.yaml set it already. `value` may be null (the
/// variable is not set); a value that is not a whole number of seconds is
/// reported and ignored.
void ApplySourceDateEpoch(const char* value, SiteConfig* config,
                          Diagnostics& diagnostics);

}  // namespace scrutineer

#endif  // SCRUTINEER_CONFIG_SITE_CONFIG_H_
