#include "render/urls.h"

#include <algorithm>

namespace scrutineer {

std::string RecordPath(const Record& record) {
  // Ids are checked on load (a-z, 0-9, '-', and "/r<number>" for
  // recommendations), so they are safe as path segments.
  return std::string(SpecOf(record.kind).folder) + "/" + record.id.value + "/";
}

std::string KindIndexPath(RecordKind kind) {
  return std::string(SpecOf(kind).folder) + "/";
}

std::string OutputFileOf(const std::string& path) {
  if (path.empty() || path.back() == '/') return path + "index.html";
  return path;
}

std::string RootPrefix(const std::string& page_path) {
  size_t depth = std::count(page_path.begin(), page_path.end(), '/');
  std::string prefix;
  for (size_t i = 0; i < depth; ++i) prefix += "../";
  return prefix;
}

std::string AssetPath(std::string_view theme_relative) {
  return "theme/" + std::string(theme_relative);
}

}  // namespace scrutineer
