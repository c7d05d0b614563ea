// Link checking: the rendered site -> a diagnostic for every internal link
// or anchor that leads nowhere.
//
// Consumes: the linked Site (to know which record each page came from) and
// the OutputTree the render stage produced.
// Produces: diagnostics only. It runs after render, in `check` and `serve`;
// ids in record fields were already resolved by the link stage, so what is
// left to catch here is links written by hand in Markdown, and templates.
#ifndef SCRUTINEER_LINK_LINK_CHECKER_H_
#define SCRUTINEER_LINK_LINK_CHECKER_H_

#include <atomic>

#include "diag/diagnostics.h"
#include "model/site.h"
#include "write/file_system.h"
#include "write/output_tree.h"

namespace scrutineer {

/// Checks every href and src in every HTML page of `out`:
///  - relative URLs resolve from the page's own path; URLs starting with '/'
///    from the path of site.config.base_url ("/" when unset); absolute URLs
///    starting with base_url as if relative to the root; other absolute URLs
///    (another scheme or host) are not checked;
///  - the target must be a file of `out`, or a folder with an index.html;
///  - a #fragment must be the id of an element on the target page.
/// A problem on a record's page is reported at the URL in the record's file
/// when it is written there, and otherwise at the page's template, with the
/// page named in the hint. Once `*stop` (when given) is true, it returns
/// false soon after, having reported some problems or none; true when it
/// checked every page.
/// A link that is not in the record's file is looked for in the site's
/// templates when `templates` (the site folder) is given: in the page's
/// template, then templates/layout.mustache, then the partials; when found,
/// it is reported there, at its line and column, once for every page that
/// has it.
bool CheckLinks(const Site& site, const OutputTree& out,
                Diagnostics& diagnostics,
                const std::atomic<bool>* stop = nullptr,
                const FileSystem* templates = nullptr);

}  // namespace scrutineer

#endif  // SCRUTINEER_LINK_LINK_CHECKER_H_
