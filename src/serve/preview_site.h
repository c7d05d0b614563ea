// The site as `serve` previews it: built in memory by the one pipeline, and
// the answer to each request, worked out without a socket so that it can be
// tested on its own (the HTTP glue is in preview_server.h).
//
// Consumes: a FileSystem rooted at the site folder, the build options.
// Produces: a PreviewBuild (the OutputTree, its pages rendered as they are
// asked for, or the error page while the content has errors) and, per
// request, a PreviewResponse.
#ifndef SCRUTINEER_SERVE_PREVIEW_SITE_H_
#define SCRUTINEER_SERVE_PREVIEW_SITE_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "diag/diagnostics.h"
#include "model/site.h"
#include "pipeline.h"
#include "render/render_site.h"
#include "serve/recording_file_system.h"
#include "write/file_system.h"
#include "write/output_tree.h"

namespace scrutineer {

/// The reserved path of the preview's own files, outside any site path.
inline constexpr std::string_view kPreviewPrefix = "/__scrutineer/";
inline constexpr std::string_view kReloadScriptPath = "/__scrutineer/reload.js";
inline constexpr std::string_view kEventsPath = "/__scrutineer/events";

struct PreviewBuild {
  // The pages of `output` are rendered from `site` when first asked for,
  // and report template errors to `page_diagnostics`: both are declared
  // before it, so that they outlive it.
  Site site;
  Diagnostics page_diagnostics;
  OutputTree output;
  /// Forgets every file of `output` made so far (PageRendering::forget_made;
  /// empty for a build that did not get that far).
  std::function<void(std::vector<std::string>*)> forget_made;
  /// Brings what the pages are made from up to date after records' fields
  /// changed (PageRendering::refresh; empty likewise).
  std::function<bool(const SiteChange&)> refresh;
  /// Every file something was reported in while building (not broken links,
  /// which the link check finds after).
  std::set<std::string, std::less<>> reported_paths;
  /// When the build reported errors: the page served in place of every
  /// page, listing them. Empty otherwise.
  std::string error_page;
  std::string base_path = "/";  // where the site is served: BaseUrlPath
  /// What the build read from the site folder.
  InputFingerprint inputs;
  /// Counts builds that changed something; open pages reload when it moves.
  uint64_t generation = 0;

  bool has_errors() const { return !error_page.empty(); }
  /// Read the same files, made the same files other than those made on
  /// demand, and found the same errors: nothing for a browser to reload.
  /// Files made on demand (pages, feeds, calendars, open data) are not
  /// compared (most are not made yet); the same site and templates make
  /// the same files. Safe to call while either build is served.
  bool SameAs(const PreviewBuild& other) const;
};

/// Builds the site in memory, its pages to be rendered as they are asked
/// for, and reports every problem but broken links to `diagnostics`. A
/// site that cannot be loaded at all gives an error page too. With
/// options.record_cache, only files changed since the last build through
/// that cache are parsed again.
std::shared_ptr<PreviewBuild> BuildPreview(const FileSystem& files,
                                           const BuildOptions& options,
                                           Diagnostics& diagnostics);

/// Reads every file of `build`, rendering those not rendered yet for the
/// check alone (they are not kept: see OutputTree::ReadEach), and reports to
/// `diagnostics` each broken link (which does not stop the preview) and
/// each template error met while rendering. Does nothing to a build with
/// errors. Safe to call while `build` is being served: serve publishes a
/// build first, and checks it after, since a broken link changes nothing
/// of what the preview shows. When `*stop` (if given) turns true before it
/// is done, it returns false at the end of the page it is rendering or
/// checking, and what it reported is to be dropped; otherwise true.
/// `done_reading` (if given) is called once it reads `build` no more,
/// before it frees what it gathered (tens of MB of URLs at 10,000
/// recommendations): a patch waiting to change the build need not wait
/// for that.
bool CheckPreviewLinks(const PreviewBuild& build, Diagnostics& diagnostics,
                       const std::atomic<bool>* stop = nullptr,
                       const std::function<void()>& done_reading = {});

struct PreviewResponse {
  int status = 200;
  std::string content_type;
  std::string body;
  std::string location;  // for redirects
};

/// The answer to GET `target` (the request target as sent: path and query,
/// still percent-encoded):
///  - "<base path>x/" is x/index.html, "<base path>x" a file of the output,
///    or a redirect to "x/" when that is a folder; "/" redirects to the base
///    path;
///  - the content type follows the file's extension; HTML pages get the
///    reload script (and only here: the output itself never has it);
///  - anything else, and any target with "..", ".", empty segments,
///    backslashes, NUL or an encoded '.', '/' or '\', is the site's 404 page
///    with status 404: nothing outside the output can be named;
///  - while the build has errors, every page is the error page, status 500.
PreviewResponse RespondToPreviewRequest(const PreviewBuild& build,
                                        std::string_view target);

/// The reload script served at kReloadScriptPath (a file, not inline, so a
/// site's Content-Security-Policy need not allow inline scripts).
std::string_view ReloadScript();

/// `html` with the reload script's tag before its last </body>.
std::string InjectReloadScript(std::string_view html, uint64_t generation);

}  // namespace scrutineer

#endif  // SCRUTINEER_SERVE_PREVIEW_SITE_H_
