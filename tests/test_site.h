// Helpers for the end-to-end tests: a scratch folder holding a copy of a
// fixture site (with the repository's templates and theme unless the
// fixture has its own), and running the scrutineer binary on it.
#ifndef SCRUTINEER_TESTS_TEST_SITE_H_
#define SCRUTINEER_TESTS_TEST_SITE_H_

#include <filesystem>
#include <string>

namespace scrutineer {
namespace testing_support {

namespace fs = std::filesystem;

/// A fresh folder under /tmp, removed with everything in it on destruction.
class ScratchFolder {
 public:
  ScratchFolder();
  ~ScratchFolder();
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

/// Copies tests/sites/<fixture> to `to`, adding the repository's templates
/// and theme when the fixture has none. "." copies the repository's own
/// site (site.yaml, content, templates, theme).
void CopySite(const std::string& fixture, const fs::path& to);

std::string ReadFile(const fs::path& path);
void WriteFile(const fs::path& path, const std::string& contents);

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs `scrutineer <arguments>` through the shell in `working_folder`,
/// capturing its output in files beside it.
RunResult RunScrutineer(const std::string& arguments,
                        const fs::path& working_folder,
                        const fs::path& scratch);

}  // namespace testing_support
}  // namespace scrutineer

#endif  // SCRUTINEER_TESTS_TEST_SITE_H_
