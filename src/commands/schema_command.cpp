#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <string>
#include <system_error>

#include "commands/commands.h"
#include "commands/kind_argument.h"
#include "model/json_schema.h"
#include "write/output_folder.h"

namespace scrutineer {
namespace {

// Writes `text` to `path` through a new file renamed over it, so that a
// symbolic link at `path` is replaced rather than followed (it could lead
// anywhere, and the file it leads to would be overwritten). Returns 0 or an
// errno.
int WriteFileReplacing(const std::string& path, const std::string& text) {
  const std::string temporary =
      path + ".tmp-" + std::to_string(static_cast<long>(getpid()));
  int error = WriteFileAt(AT_FDCWD, temporary, text);
  if (error == 0 && rename(temporary.c_str(), path.c_str()) != 0) {
    error = errno;
  }
  if (error != 0) unlink(temporary.c_str());
  return error;
}

}  // namespace

int RunSchema(const CommandOptions& options, std::ostream& out,
              std::ostream& err) {
  const KindSpec* only = nullptr;
  if (!options.kind.empty()) {
    only = ParseKindArgument(options.kind, err);
    if (only == nullptr) return kExitFailure;
  }
  if (options.out.empty()) {
    out << (only ? RecordJsonSchema(*only) : AllRecordJsonSchemas()) << '\n';
    return kExitOk;
  }
  // One file per kind, for editors that map a schema to a folder of files.
  std::error_code made;
  std::filesystem::create_directories(options.out, made);
  if (made) {
    err << options.out << ": error: cannot make the folder: " << made.message()
        << '\n';
    return kExitFailure;
  }
  int written = 0;
  for (const KindSpec& kind : ContentKinds()) {
    if (only != nullptr && only != &kind) continue;
    std::string path =
        options.out + "/" + std::string(kind.name) + ".schema.json";
    if (int error = WriteFileReplacing(path, RecordJsonSchema(kind) + "\n")) {
      err << path << ": error: cannot write the schema: "
          << std::generic_category().message(error) << '\n';
      return kExitFailure;
    }
    ++written;
  }
  if (!options.quiet) {
    out << "Wrote " << written << (written == 1 ? " schema" : " schemas")
        << " to " << options.out << '\n';
  }
  return kExitOk;
}

}  // namespace scrutineer
