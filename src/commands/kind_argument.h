// The KIND argument of `new` and `schema`: a record kind by its name
// ("review") or its folder ("reviews").
#ifndef SCRUTINEER_COMMANDS_KIND_ARGUMENT_H_
#define SCRUTINEER_COMMANDS_KIND_ARGUMENT_H_

#include <ostream>
#include <string_view>

#include "model/schema.h"

namespace scrutineer {

/// The content kind `word` names, or nullptr after printing to `err` why
/// not, with a "did you mean" and the list of kinds.
const KindSpec* ParseKindArgument(std::string_view word, std::ostream& err);

}  // namespace scrutineer

#endif  // SCRUTINEER_COMMANDS_KIND_ARGUMENT_H_
