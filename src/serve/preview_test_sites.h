// Sites in memory for the preview's tests: a folder of the repository with
// the repository's templates and theme.
#ifndef SCRUTINEER_SERVE_PREVIEW_TEST_SITES_H_
#define SCRUTINEER_SERVE_PREVIEW_TEST_SITES_H_

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "write/file_system.h"

namespace scrutineer {

// The repository's templates and theme with the content of `site`, a folder
// of the repository.
inline MemoryFileSystem SiteInMemory(const std::string& site) {
  namespace fs = std::filesystem;
  const fs::path repo = SCRUTINEER_SOURCE_DIR;
  MemoryFileSystem files;
  auto add = [&](const fs::path& root, const std::string& folder) {
    if (!fs::exists(root / folder)) return;
    for (const auto& entry : fs::recursive_directory_iterator(root / folder)) {
      if (!entry.is_regular_file()) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      files.AddFile(entry.path().lexically_relative(root).generic_string(),
                    text.str());
    }
  };
  add(repo, "templates");
  add(repo, "theme");
  add(repo / site, "content");
  std::ifstream config(repo / site / "site.yaml", std::ios::binary);
  std::ostringstream text;
  text << config.rdbuf();
  files.AddFile("site.yaml", text.str());
  return files;
}

}  // namespace scrutineer

#endif  // SCRUTINEER_SERVE_PREVIEW_TEST_SITES_H_
