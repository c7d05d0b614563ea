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

#include <string>
#include <string_view>
#include <utility>
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

/// The recommendations of a review or workshop as records of their own, in
/// the order it lists them, appended to `split` (nothing for a record of
/// another kind); duplicate numbers, unknown headings and a slippage
/// ledger out of order are reported.
void SplitRecommendationsOf(const Record& parent, std::vector<Record>* split,
                            Diagnostics& diagnostics);

/// Gives the records at `changed` (indexes into the linked `site`), whose
/// fields changed, the titles LinkSite would give them now, and
/// so also the records whose titles are made from theirs (an update
/// without a title is named after its review, a meeting after its
/// committee). Each record retitled goes into `before` with the title it
/// had, so that the change can be undone.
void RetitleRecords(Site* site, const std::vector<size_t>& changed,
                    std::vector<std::pair<size_t, std::string>>* before);

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
