#include "test_site.h"

#include <stdlib.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace scrutineer {
namespace testing_support {

ScratchFolder::ScratchFolder() {
  char pattern[] = "/tmp/scrutineer-test-XXXXXX";
  if (mkdtemp(pattern) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

ScratchFolder::~ScratchFolder() {
  std::error_code error;
  fs::remove_all(path_, error);
}

void CopySite(const std::string& fixture, const fs::path& to) {
  fs::path repo = SCRUTINEER_SOURCE_DIR;
  if (fixture == ".") {
    fs::create_directories(to);
    fs::copy_file(repo / "site.yaml", to / "site.yaml");
    for (const char* folder : {"content", "templates", "theme"}) {
      fs::copy(repo / folder, to / folder, fs::copy_options::recursive);
    }
    return;
  }
  fs::copy(repo / "tests/sites" / fixture, to, fs::copy_options::recursive);
  for (const char* folder : {"templates", "theme"}) {
    if (!fs::exists(to / folder)) {
      fs::copy(repo / folder, to / folder, fs::copy_options::recursive);
    }
  }
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void WriteFile(const fs::path& path, const std::string& contents) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary | std::ios::trunc) << contents;
}

RunResult RunScrutineer(const std::string& arguments,
                        const fs::path& working_folder,
                        const fs::path& scratch) {
  fs::path out = scratch / "stdout";
  fs::path err = scratch / "stderr";
  std::string command = "cd '" + working_folder.string() + "' && '" +
                        std::string(SCRUTINEER_BINARY) + "' " + arguments +
                        " >'" + out.string() + "' 2>'" + err.string() + "'";
  int status = std::system(command.c_str());
  RunResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = ReadFile(out);
  result.err = ReadFile(err);
  return result;
}

}  // namespace testing_support
}  // namespace scrutineer
