// Page contexts: the data each page template sees. One function per page
// shape, each a row in render_site.cpp's page table; the HTML itself lives
// in templates/. Recommendation stories, dashboards and people's pages have
// files of their own (recommendation_page.h, dashboards.h, person_page.h).
#ifndef SCRUTINEER_RENDER_PAGE_CONTEXT_H_
#define SCRUTINEER_RENDER_PAGE_CONTEXT_H_

#include <optional>

#include "model/partial_date.h"
#include "model/site.h"
#include "render/field_data.h"
#include "render/recommendation_history.h"
#include "render/templates.h"

namespace scrutineer {

/// A record page: `record` (its fields), `body_html`, `backlinks` grouped by
/// kind, and what the kind adds (a review's dashboard, a recommendation's
/// story, an update's entries and gaps, a person's appearances, ...).
/// `histories` is TraceHistories(site).
TemplateData RecordPageData(const Site& site, const Histories& histories,
                            size_t index, const FieldConverter& fields);

/// A kind's index page: `items`, newest first for dated kinds.
TemplateData KindIndexData(const Site& site, const Histories& histories,
                           RecordKind kind, const FieldConverter& fields);

/// The home page: reviews with their recommendations by status and flags,
/// latest papers, meetings and updates.
TemplateData HomeData(const Site& site, const Histories& histories,
                      const FieldConverter& fields);

/// The date a record is listed by: its `date`, or a review's `reported`
/// (seeing through {value, inferred}).
std::optional<PartialDate> ListingDate(const Record& record);

}  // namespace scrutineer

#endif  // SCRUTINEER_RENDER_PAGE_CONTEXT_H_
