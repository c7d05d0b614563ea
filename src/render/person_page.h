// A person's page: every form of their name the sources use, roles over
// time, every record that names them, meetings attended, attendance counted
// only while they were a member, and the recommendations and actions that
// are theirs.
#ifndef SCRUTINEER_RENDER_PERSON_PAGE_H_
#define SCRUTINEER_RENDER_PERSON_PAGE_H_

#include "model/site.h"
#include "render/field_data.h"
#include "render/recommendation_history.h"
#include "render/templates.h"

namespace scrutineer {

/// Adds to a person's page: `names` (each form of name: the record's, its
/// aliases, and the words documents used), `roles` in date order,
/// `appearances` [{link, kind_label, date, vias}], `attended` (meetings and
/// workshops), `tenure_stats` (per role with a committee and a start date:
/// expected, present, apologies, absent and not recorded, meetings and
/// workshops apart), `tenure_unknown` (roles whose start is not stated),
/// `owned` and `addressed` (recommendation rows) and `actions`.
void AddPersonData(const Site& site, const Histories& histories, size_t index,
                   const FieldConverter& fields, TemplateData* page);

}  // namespace scrutineer

#endif  // SCRUTINEER_RENDER_PERSON_PAGE_H_
