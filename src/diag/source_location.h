// SourceLocation: where in a content file a record, field or value came from.
#ifndef SCRUTINEER_DIAG_SOURCE_LOCATION_H_
#define SCRUTINEER_DIAG_SOURCE_LOCATION_H_

#include <string_view>

namespace scrutineer {

/// A 1-based line and column in a file. `path` is relative to the site folder
/// and points into storage that outlives every location (Site::source_paths,
/// or a string literal in tests). line == 0 means "the whole file".
struct SourceLocation {
  std::string_view path;
  int line = 0;
  int column = 0;
};

}  // namespace scrutineer

#endif  // SCRUTINEER_DIAG_SOURCE_LOCATION_H_
