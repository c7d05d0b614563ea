// Link stage: raw records -> a linked Site.
//
// Consumes: Site::records as loaded.
// Produces: recommendations as records of their own, Site::index_by_id,
// every record's title, and Site::references (the cross-reference graph
// that pages use for backlinks).
//
// Reports duplicate ids and numbers, unknown ids (with "did you mean"), ids
// of the wrong kind, and headings a recommendation names but its review
// lacks. Problems are reported and linking goes on, so one run lists them
// all.
#ifndef SCRUTINEER_LINK_LINK_SITE_H_
#define SCRUTINEER_LINK_LINK_SITE_H_

#include <string_view>
#include <vector>

#include "diag/diagnostics.h"
#include "model/site.h"

namespace scrutineer {

/// With `previous`, a site linked before from the same record cache and
/// still unchanged (serve's build being served), records whose fields,
/// text and place are the very ones `previous` resolved, in a site of the
/// same ids and kinds, take their references from it rather than being
/// resolved again: a record's references depend on nothing else. The
/// result is the same either way; `previous` only saves the time.
void LinkSite(Site* site, Diagnostics& diagnostics,
              const Site* previous = nullptr);

/// The references `record` would have as record `index` of the linked
/// `site` (in its place: serve's patch of a record whose body was edited),
/// in the order LinkSite resolves them; what it finds wrong is reported.
std::vector<Reference> ResolveRecordReferences(const Site& site, size_t index,
                                               const Record& record,
                                               Diagnostics& diagnostics);

/// The short links ("[words](@id)") in a Markdown text: each id and its
/// byte offset in `markdown` (at the '@').
struct ShortLink {
  std::string_view id;
  size_t offset;
  /// The link's own words, "[words](@id)", with line breaks as spaces.
  std::string words;
};
std::vector<ShortLink> FindShortLinks(std::string_view markdown);

}  // namespace scrutineer

#endif  // SCRUTINEER_LINK_LINK_SITE_H_
