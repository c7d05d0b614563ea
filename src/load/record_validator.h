// Checks a record's fields against the content model (model/schema.h):
// unknown and missing fields, and the shape of every value. References are
// only checked for their form here; the link stage resolves them.
#ifndef SCRUTINEER_LOAD_RECORD_VALIDATOR_H_
#define SCRUTINEER_LOAD_RECORD_VALIDATOR_H_

#include "diag/diagnostics.h"
#include "model/schema.h"
#include "model/value.h"

namespace scrutineer {

/// Reports every problem with `fields` as a `spec`; returns true when there
/// were none.
bool ValidateFields(const Value& fields, const ObjectSpec& spec,
                    Diagnostics& diagnostics);

}  // namespace scrutineer

#endif  // SCRUTINEER_LOAD_RECORD_VALIDATOR_H_
