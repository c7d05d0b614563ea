#include <filesystem>
#include <fstream>

#include "commands/commands.h"
#include "commands/kind_argument.h"
#include "model/json_schema.h"

namespace scrutineer {

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
  std::error_code error;
  std::filesystem::create_directories(options.out, error);
  int written = 0;
  for (const KindSpec& kind : ContentKinds()) {
    if (only != nullptr && only != &kind) continue;
    std::string path =
        options.out + "/" + std::string(kind.name) + ".schema.json";
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file << RecordJsonSchema(kind) << '\n';
    file.close();
    if (!file) {
      err << path << ": error: cannot write the schema\n";
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
