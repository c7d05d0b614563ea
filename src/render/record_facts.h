// Record facts: what the publishing outputs (feeds, calendars, open data,
// structured data, search filters) all need to know about a record and
// would otherwise each work out again: the committee it belongs to and the
// date it is listed by.
#ifndef SCRUTINEER_RENDER_RECORD_FACTS_H_
#define SCRUTINEER_RENDER_RECORD_FACTS_H_

#include <optional>
#include <string_view>

#include "model/partial_date.h"
#include "model/site.h"
#include "render/recommendation_history.h"

namespace scrutineer {

/// The text of a field, seeing through {value, inferred}: an id or a name.
/// Empty for {unknown}, a missing field or a list.
std::string_view StatedText(const Value* value);

/// The committee a record belongs to, as an index into Site::records, or
/// kNoRecord: a review's, meeting's or workshop's `committee`; a paper's
/// `committee`, else its meeting's; an update's meeting's, else its
/// review's; a recommendation's parent's; a committee itself.
size_t CommitteeOf(const Site& site, const Record& record);

/// The date a record is published or held at: ListingDate (a review's
/// `reported`, any other record's `date`), or a recommendation's made date.
std::optional<PartialDate> RecordDate(const Site& site, const Record& record);

}  // namespace scrutineer

#endif  // SCRUTINEER_RENDER_RECORD_FACTS_H_
