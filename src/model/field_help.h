// Plain-words descriptions of the content model's fields, for the record
// scaffolds of `scrutineer new` and the descriptions in `scrutineer schema`,
// so that both say the same as the table they come from.
#ifndef SCRUTINEER_MODEL_FIELD_HELP_H_
#define SCRUTINEER_MODEL_FIELD_HELP_H_

#include <string>

#include "model/schema.h"

namespace scrutineer {

/// What a value of `field` looks like: "a date: 2017, 2017-02 or
/// 2017-02-16", "the id of a committee", "a list of headings". Mentions
/// the uncertain forms when the field allows them.
std::string DescribeField(const FieldSpec& field);

/// The file extension a new record of `kind` gets: "md" for the kinds whose
/// records carry a Markdown narrative (reviews, updates, meetings, papers,
/// workshops), "yaml" for the others.
std::string_view ScaffoldExtension(RecordKind kind);

}  // namespace scrutineer

#endif  // SCRUTINEER_MODEL_FIELD_HELP_H_
