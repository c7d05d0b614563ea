#include "commands/kind_argument.h"

#include <string>
#include <vector>

#include "diag/diagnostics.h"

namespace scrutineer {

const KindSpec* ParseKindArgument(std::string_view word, std::ostream& err) {
  std::vector<std::string_view> names;
  for (const KindSpec& kind : ContentKinds()) {
    if (kind.name == word || kind.folder == word) return &kind;
    names.push_back(kind.name);
  }
  const KindSpec& recommendation = SpecOf(RecordKind::kRecommendation);
  if (word == recommendation.name || word == recommendation.folder) {
    err << "error: a recommendation is not a file of its own\n"
        << "note: add it under 'recommendations:' in its review or "
           "workshop\n";
    return nullptr;
  }
  err << "error: unknown kind '" << ForTerminal(word) << "'\n";
  std::string closest = SuggestClosest(word, names);
  err << "note: ";
  if (!closest.empty()) err << "did you mean '" << closest << "'? ";
  err << "the kinds are:";
  for (std::string_view name : names) err << ' ' << name;
  err << '\n';
  return nullptr;
}

}  // namespace scrutineer
