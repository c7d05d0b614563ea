// Backlinks: who links to a record, where, and in what words. Reads the
// cross-reference graph the link stage built (Site::references) and says
// each link the way a reader would: "minutes of item 3", "officer
// responsible", "named as J Hassall".
#ifndef SCRUTINEER_RENDER_BACKLINKS_H_
#define SCRUTINEER_RENDER_BACKLINKS_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/site.h"
#include "render/field_data.h"
#include "render/templates.h"

namespace scrutineer {

using ReferenceRange = std::pair<std::vector<Reference>::const_iterator,
                                 std::vector<Reference>::const_iterator>;

/// The references that point at record `index`: one contiguous run of
/// Site::references, in the order of the records they come from.
ReferenceRange BacklinksOf(const Site& site, size_t index);

/// The records of `kind` that name `index` in `field`, once each, in site
/// order.
std::vector<size_t> ReferrersVia(const Site& site, size_t index,
                                 std::string_view field, RecordKind kind);

/// Where in its record a reference is, in words: "minutes of item 3",
/// "officer responsible", "background and discussion", "milestone of
/// 28 January 2019".
std::string ReferenceLabel(const Site& site, const Reference& reference);

/// The form of name or words the source used for the link: a person's
/// `as_written`, or the words of a Markdown link ("J Hassall"). Empty when
/// the source used the id alone.
std::string ReferenceWords(const Site& site, const Reference& reference);

/// The {person, as_written, role, organisation} map a person reference was
/// written as, or nullptr when it was a plain id or a Markdown link.
const Value* PersonEntryOf(const Site& site, const Reference& reference);

/// The item of the list `key` of `record`'s fields that holds `location`:
/// the agenda item a minute's link is in, the milestone, the entry. nullptr
/// when the location is outside that list.
const Value* ItemAt(const Record& record, std::string_view key,
                    const SourceLocation& location);

/// Every record that links to `index`, grouped by the linking record's
/// kind: [{label, items: [{href, title, via}]}], `via` in readable words.
TemplateData BacklinkGroups(const Site& site, size_t index,
                            const FieldConverter& fields);

}  // namespace scrutineer

#endif  // SCRUTINEER_RENDER_BACKLINKS_H_
