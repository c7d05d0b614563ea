// Dashboards: what has been done and what is stuck, at a glance. The data
// of a review's and a committee's dashboard, the site-wide tracker, and the
// printable "what changed" pages, all from the traced Histories.
#ifndef SCRUTINEER_RENDER_DASHBOARDS_H_
#define SCRUTINEER_RENDER_DASHBOARDS_H_

#include <string>
#include <vector>

#include "model/partial_date.h"
#include "model/site.h"
#include "render/field_data.h"
#include "render/recommendation_history.h"
#include "render/templates.h"

namespace scrutineer {

/// A review's or workshop's page: `dashboard` (see DashboardData) and its
/// recommendations as rows, grouped under `headings` where the review says
/// which falls under which, the rest in `recommendations`.
void AddReviewDashboard(const Site& site, const Histories& histories,
                        size_t index, const FieldConverter& fields,
                        TemplateData* page);

/// A committee's page: `groups`, one per review or workshop it made or
/// received progress updates on, each {link, made_here, dashboard, rows}.
void AddCommitteeDashboard(const Site& site, const Histories& histories,
                           size_t index, const FieldConverter& fields,
                           TemplateData* page);

/// The counts of a set of recommendations: {count, statuses: [{code, label,
/// count}], flags: [{code, label, count}], flagged_count, last_update,
/// as_at}, and with `flagged_rows` the flagged ones as rows (`flagged`).
TemplateData DashboardData(const Site& site,
                           const std::vector<const RecommendationHistory*>& set,
                           const FieldConverter& fields,
                           bool flagged_rows = false);

/// The tracker page: every recommendation, `dashboard`, and one group per
/// status in `by_status` [{code, label, count, rows}].
TemplateData TrackerData(const Site& site, const Histories& histories,
                         const FieldConverter& fields);

/// A window of a "what changed" page: one per calendar year with activity,
/// and one per site.yaml `changes_periods` entry.
struct ChangesWindow {
  std::string slug;   // "2017", "2017-06-21-to-2017-09-30": URL segment
  std::string title;  // site.yaml's title, or empty
  PartialDate from;
  PartialDate to;
};

/// The windows, configured periods first, then years newest first.
std::vector<ChangesWindow> ChangesWindows(const Site& site,
                                          const Histories& histories);

/// The index of the "what changed" pages: `windows` [{href, title, from,
/// to, is_year}].
TemplateData ChangesIndexData(const std::vector<ChangesWindow>& windows,
                              const FieldConverter& fields);

/// One "what changed" page: `made`, `updates`, `status_changes`,
/// `target_changes`, `responses` and `raised` (newly flagged) in the
/// window, each dated, plus `as_at` and the window's `from` and `to`.
TemplateData ChangesData(const Site& site, const Histories& histories,
                         const ChangesWindow& window,
                         const FieldConverter& fields);

}  // namespace scrutineer

#endif  // SCRUTINEER_RENDER_DASHBOARDS_H_
