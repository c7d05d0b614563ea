// The site as `serve` previews it: built in memory by the one pipeline, and
// the answer to each request, worked out without a socket so that it can be
// tested on its own (the HTTP glue is in preview_server.h).
//
// Consumes: a FileSystem rooted at the site folder, the build options.
// Produces: a PreviewBuild (the OutputTree, or the error page while the
// content has errors) and, per request, a PreviewResponse.
#ifndef SCRUTINEER_SERVE_PREVIEW_SITE_H_
#define SCRUTINEER_SERVE_PREVIEW_SITE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "diag/diagnostics.h"
#include "pipeline.h"
#include "write/file_system.h"
#include "write/output_tree.h"

namespace scrutineer {

/// The reserved path of the preview's own files, outside any site path.
inline constexpr std::string_view kPreviewPrefix = "/__scrutineer/";
inline constexpr std::string_view kReloadScriptPath = "/__scrutineer/reload.js";
inline constexpr std::string_view kEventsPath = "/__scrutineer/events";

struct PreviewBuild {
  OutputTree output;
  /// When the build reported errors: the page served in place of every
  /// page, listing them. Empty otherwise.
  std::string error_page;
  std::string base_path = "/";  // where the site is served: BaseUrlPath
  /// Counts builds that changed something; open pages reload when it moves.
  uint64_t generation = 0;

  bool has_errors() const { return !error_page.empty(); }
  /// Same output and same errors: nothing for a browser to reload.
  bool SameAs(const PreviewBuild& other) const;
};

/// Builds the site in memory and reports every problem to `diagnostics`,
/// including broken links (which do not stop the preview). A site that
/// cannot be loaded at all gives an error page too.
std::shared_ptr<PreviewBuild> BuildPreview(const FileSystem& files,
                                           const BuildOptions& options,
                                           Diagnostics& diagnostics);

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
