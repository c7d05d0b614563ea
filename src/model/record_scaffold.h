// The text of a new record, generated from the content model table
// (model/schema.cpp) so that it never drifts from what the loader checks:
// every field of the kind, described in a comment; required fields ready to
// fill in, optional ones commented out.
#ifndef SCRUTINEER_MODEL_RECORD_SCAFFOLD_H_
#define SCRUTINEER_MODEL_RECORD_SCAFFOLD_H_

#include <string>
#include <string_view>

#include "model/schema.h"

namespace scrutineer {

/// The contents of content/<kind.folder>/<id>.<ScaffoldExtension(kind)>:
/// YAML, or Markdown with front matter. Precondition: IsValidId(id).
/// Loading it reports only the required fields still to fill in.
std::string ScaffoldRecord(const KindSpec& kind, std::string_view id);

}  // namespace scrutineer

#endif  // SCRUTINEER_MODEL_RECORD_SCAFFOLD_H_
