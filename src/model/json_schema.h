// JSON Schemas (draft-07, which the YAML language server reads) of the
// record kinds, generated from the content model table (model/schema.cpp)
// that the loader checks records against: required fields, no fields
// beyond the model's, id and partial-date patterns, the status vocabulary,
// and the {value, inferred} / {unknown} forms of uncertain values.
//
// The schemas describe the YAML as an editor parses it (YAML 1.2: an
// unquoted 2017 is a number, 2017-02-16 is text) and accept what the loader
// accepts; links between records are only checked for their form, as ids
// are resolved by the link stage.
#ifndef SCRUTINEER_MODEL_JSON_SCHEMA_H_
#define SCRUTINEER_MODEL_JSON_SCHEMA_H_

#include <string>

#include "model/schema.h"

namespace scrutineer {

/// The schema of one record kind, as JSON text (two-space indents).
std::string RecordJsonSchema(const KindSpec& kind);

/// One schema document holding every kind's schema under
/// "definitions/<kind name>", as JSON text.
std::string AllRecordJsonSchemas();

}  // namespace scrutineer

#endif  // SCRUTINEER_MODEL_JSON_SCHEMA_H_
