// Page metadata: what a record page tells machines about itself. Search
// filters (kind, committee, status, year) that the static search index
// reads from the page, and schema.org structured data (JSON-LD) for search
// engines: an Event for a meeting or workshop, a Report for a review, paper
// or progress update, a CreativeWork for a recommendation, a Person, an
// Organization for a committee or organisation.
//
// JSON-LD is data, so it is written here with JsonWriter (as nlohmann-json
// would write it) and inserted into the page raw ({{{json_ld}}});
// HtmlSafeJson escapes '<', '>' and '&' so that no value can end the
// <script> element it sits in, and U+2028 and U+2029, which end a line in
// older JavaScript.
#ifndef SCRUTINEER_RENDER_PAGE_METADATA_H_
#define SCRUTINEER_RENDER_PAGE_METADATA_H_

#include <string>
#include <string_view>
#include <vector>

#include "model/site.h"
#include "render/field_data.h"
#include "render/recommendation_history.h"
#include "render/templates.h"

namespace scrutineer {

struct SearchFilter {
  std::string name;   // "kind", "committee", "status", "year"
  std::string value;  // "Recommendation", "Cabinet", "In progress", "2017"
};

/// The filters the search index files record `index` under, in the order
/// of kSearchFilterNames; a filter the record has no value for is left out.
std::vector<SearchFilter> SearchFiltersOf(const Site& site,
                                          const Histories& histories,
                                          size_t index);

/// The filter names and the labels the search page shows for them.
struct SearchFilterName {
  const char* name;
  const char* label;
};
const std::vector<SearchFilterName>& SearchFilterNames();

/// The schema.org description of record `index` as JSON text, or "" for
/// kinds that have none. Markdown is rendered through `fields` (any page's
/// converter: only the words are kept).
std::string StructuredDataOf(const Site& site, const Histories& histories,
                             size_t index, const FieldConverter& fields);

/// JSON text made safe inside an HTML <script> element: '<', '>' and '&'
/// written as \u003c, \u003e and \u0026, U+2028 and U+2029 as \u2028 and
/// \u2029 (the same JSON value).
std::string HtmlSafeJson(std::string_view json);

/// Adds to a record page's data: `searchable` (its main content goes into
/// the search index), `search_filters` [{name, value}] and `json_ld`.
void AddRecordMetadata(const Site& site, const Histories& histories,
                       size_t index, const FieldConverter& fields,
                       TemplateData* page);

}  // namespace scrutineer

#endif  // SCRUTINEER_RENDER_PAGE_METADATA_H_
