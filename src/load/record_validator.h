// Checks a record's fields against the content model (model/schema.h):
// unknown and missing fields, and the shape of every value. References are
// only checked for their form here; the link stage resolves them. Markdown
// is checked against the limits that keep rendering it fast.
#ifndef SCRUTINEER_LOAD_RECORD_VALIDATOR_H_
#define SCRUTINEER_LOAD_RECORD_VALIDATOR_H_

#include "diag/diagnostics.h"
#include "model/schema.h"
#include "model/value.h"
#include "render/markdown.h"

namespace scrutineer {

/// Reports every problem with `fields` as a `spec`; returns true when there
/// were none. Markdown fields are also checked against `markdown`, the
/// limits of the file they come from (render/markdown.h); a text over them is
/// reported and emptied, so that no later stage renders it.
bool ValidateFields(Value* fields, const ObjectSpec& spec,
                    MarkdownLimits* markdown, Diagnostics& diagnostics);

}  // namespace scrutineer

#endif  // SCRUTINEER_LOAD_RECORD_VALIDATOR_H_
