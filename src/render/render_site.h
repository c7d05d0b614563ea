// Render stage: a linked Site -> an OutputTree of pages and assets.
//
// Consumes: the linked Site, and templates/ and theme/ from the site folder.
// Produces: one page per record, an index page per kind, the home page, the
// 404 page, and a copy of every theme asset.
#ifndef SCRUTINEER_RENDER_RENDER_SITE_H_
#define SCRUTINEER_RENDER_RENDER_SITE_H_

#include "diag/diagnostics.h"
#include "model/site.h"
#include "write/file_system.h"
#include "write/output_tree.h"

namespace scrutineer {

/// Renders every page into `out`. Template problems are reported; pages are
/// still rendered where their templates are usable.
void RenderSite(const Site& site, const FileSystem& files, OutputTree* out,
                Diagnostics& diagnostics);

}  // namespace scrutineer

#endif  // SCRUTINEER_RENDER_RENDER_SITE_H_
