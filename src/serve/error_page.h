// The page `serve` shows in place of every page while the content has
// errors: each problem with its file, line, column, the line quoted with a
// caret, and the hint, all escaped. It is the preview's own page, not the
// site's: the site's templates may be what is broken.
#ifndef SCRUTINEER_SERVE_ERROR_PAGE_H_
#define SCRUTINEER_SERVE_ERROR_PAGE_H_

#include <string>

#include "diag/diagnostics.h"

namespace scrutineer {

/// A whole HTML page listing every diagnostic (errors and warnings), sorted
/// as Diagnostics::Sorted().
std::string RenderErrorPage(const Diagnostics& diagnostics);

}  // namespace scrutineer

#endif  // SCRUTINEER_SERVE_ERROR_PAGE_H_
