// site.yaml -> SiteConfig: the settings of a site folder.
#ifndef SCRUTINEER_CONFIG_SITE_CONFIG_H_
#define SCRUTINEER_CONFIG_SITE_CONFIG_H_

#include <string>

#include "diag/diagnostics.h"

namespace scrutineer {

class FileSystem;

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
};

/// Reads `site.yaml` from the site folder. Reports a missing or unreadable
/// file, unknown keys and wrong types; returns false when the site cannot be
/// built at all.
bool LoadSiteConfig(const FileSystem& files, SiteConfig* config,
                    Diagnostics& diagnostics);

}  // namespace scrutineer

#endif  // SCRUTINEER_CONFIG_SITE_CONFIG_H_
