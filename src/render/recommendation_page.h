// The story page of a recommendation, and the pieces of it that other
// pages reuse: a status, flags, the as-at statement, and a recommendation as
// one row of a dashboard. Data only: the words and markup are in
// templates/recommendation.mustache and templates/partials/.
#ifndef SCRUTINEER_RENDER_RECOMMENDATION_PAGE_H_
#define SCRUTINEER_RENDER_RECOMMENDATION_PAGE_H_

#include <string_view>
#include <vector>

#include "model/site.h"
#include "render/field_data.h"
#include "render/recommendation_history.h"
#include "render/templates.h"

namespace scrutineer {

/// {code, label} of a status code; "" is "not-stated".
TemplateData StatusData(std::string_view code);

/// What every accountability page says of its as-at date: `set` (false:
/// "no as-at date set"), `date` {text, iso}, `from_site_yaml` or
/// `from_source_date_epoch`, and `stale_after_months`.
TemplateData AsAtData(const SiteConfig& config);

/// One flag: {code, label, is_<code with underscores>, since, date, count}.
TemplateData FlagData(const Flag& flag);
/// A list of flags, as FlagData.
TemplateData FlagList(const std::vector<Flag>& flags);

/// A recommendation as one row of a dashboard or tracker: its link, number,
/// `parent`, `status`, `flags`, `last_update` {href, title, date}, `target`,
/// `made`, `addressed_to`.
TemplateData RecommendationRow(const Site& site,
                               const RecommendationHistory& history,
                               const FieldConverter& fields);

/// Adds the story of recommendation `index` to its page: `events` (the
/// dated timeline), `status`, `flags`, `as_at`, `target` and the slippage
/// ledger `target_changes`, `follows`, `followed_by`, `related`, and
/// `history` (its progress updates alone).
void AddStoryData(const Site& site, const Histories& histories, size_t index,
                  const FieldConverter& fields, TemplateData* page);

}  // namespace scrutineer

#endif  // SCRUTINEER_RENDER_RECOMMENDATION_PAGE_H_
