// Render stage: a linked Site -> an OutputTree of pages and assets.
//
// Consumes: the linked Site, and templates/ and theme/ from the site folder.
// Produces: one page per record, an index page per kind, the home page, the
// 404 page, and a copy of every theme asset.
#ifndef SCRUTINEER_RENDER_RENDER_SITE_H_
#define SCRUTINEER_RENDER_RENDER_SITE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "diag/diagnostics.h"
#include "model/site.h"
#include "write/file_system.h"
#include "write/output_tree.h"

namespace scrutineer {

/// What serve's patch changed in a linked site, for PageRendering::refresh.
struct SiteChange {
  /// The records whose fields changed, and those that links were added to
  /// or taken from.
  std::vector<size_t> records;
  /// When links were added or taken away: Site::references as it was (the
  /// site's is the new one), and where each of its references is now
  /// (kGone: taken away) and was (kGone: added).
  static constexpr uint32_t kGone = static_cast<uint32_t>(-1);
  const std::vector<Reference>* references_before = nullptr;
  std::vector<uint32_t> moved;       // by index in references_before
  std::vector<uint32_t> moved_back;  // by index in Site::references
};

/// When RenderSite renders the pages.
struct PageRendering {
  /// False: every page is in `out` when RenderSite returns (build, check).
  /// True: every page, feed, calendar and open-data file is added deferred
  /// (OutputTree::AddDeferred) and made the first time it is read (serve);
  /// the rest of the output (theme, robots.txt, sitemap) is made at once.
  /// The site must then outlive `out`, unchanged.
  bool on_demand = false;
  /// With on_demand: where a template error met while rendering a page is
  /// reported (RenderSite's own diagnostics are long gone by then). Must
  /// outlive `out`; null drops such errors.
  Diagnostics* page_diagnostics = nullptr;
  /// With on_demand, when not null: set to a function that forgets every
  /// file of `out` made so far (OutputTree::ForgetMade, which see for its
  /// argument), and what they were made from that was worked out the first
  /// time it was needed, so that each is made again from the site as it is
  /// then. For serve's patches. Not safe alongside any read of `out`.
  std::function<void(std::vector<std::string>*)>* forget_made = nullptr;
  /// With on_demand, when not null: set to a function that brings what the
  /// pages are made from up to date after the records of a SiteChange
  /// changed (serve's patch, which replaces their fields, and may have made
  /// the site's references anew), their ids, kinds, references and titles
  /// already being what a build would give them: the histories that read
  /// them, the outline of the feeds, calendars and open data, the "what
  /// changed" windows and the pages' titles. When that would change which files
  /// the site has (a date in a year no window had), it changes nothing and
  /// returns false: only a build can add them. Call forget_made after it. Not
  /// safe alongside any read of `out`.
  std::function<bool(const SiteChange&)>* refresh = nullptr;
  /// Without on_demand: what the pages were rendered from (the histories,
  /// the rendered Markdown, the page table) is handed to KeepUntilExit
  /// rather than freed when RenderSite returns. For commands that exit
  /// when done.
  bool keep_until_exit = false;
};

/// Renders every page into `out`. Template problems are reported; pages are
/// still rendered where their templates are usable.
void RenderSite(const Site& site, const FileSystem& files, OutputTree* out,
                Diagnostics& diagnostics, const PageRendering& pages = {});

}  // namespace scrutineer

#endif  // SCRUTINEER_RENDER_RENDER_SITE_H_
