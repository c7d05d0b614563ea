#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "commands/commands.h"
#include "commands/kind_argument.h"
#include "diag/diagnostics.h"
#include "model/field_help.h"
#include "model/record_scaffold.h"
#include "write/file_system.h"

namespace scrutineer {
namespace {

namespace fs = std::filesystem;

// "My Review 2024!" -> "my-review-2024": a valid id to suggest.
std::string SuggestId(std::string_view word) {
  std::string id;
  for (char c : word) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep) {
      id += c;
    } else if (!id.empty() && id.back() != '-') {
      id += '-';
    }
  }
  while (!id.empty() && id.back() == '-') id.pop_back();
  if (id.size() > 80) id.resize(80);
  while (!id.empty() && id.back() == '-') id.pop_back();
  return id;
}

std::string_view StemOf(std::string_view path) {
  path = path.substr(path.rfind('/') + 1);
  return path.substr(0, path.rfind('.'));
}

}  // namespace

int RunNew(const CommandOptions& options, std::ostream& out,
           std::ostream& err) {
  const KindSpec* kind = ParseKindArgument(options.kind, err);
  if (kind == nullptr) return kExitFailure;
  if (!IsValidId(options.id)) {
    err << "error: '" << ForTerminal(options.id) << "' is not a valid id\n"
        << "note: ids use lower-case letters, digits and hyphens, at most 80 "
           "characters, and become the file name";
    std::string suggestion = SuggestId(options.id);
    if (IsValidId(suggestion)) err << "; did you mean '" << suggestion << "'?";
    err << '\n';
    return kExitFailure;
  }
  DiskFileSystem files(options.source);
  std::string contents;
  std::string error;
  if (!files.ReadFile("site.yaml", &contents, &error)) {
    err << "error: no site.yaml in " << options.source << ": " << error
        << "\nnote: run scrutineer in a site folder, or pass --source DIR\n";
    return kExitFailure;
  }
  // Ids are unique across kinds: refuse one any record file already has.
  for (const std::string& path : files.ListFiles("content").files) {
    if (StemOf(path) == options.id) {
      err << path << ": error: a record with the id '" << options.id
          << "' already exists\n"
          << "note: scrutineer new never overwrites; choose another id\n";
      return kExitFailure;
    }
  }
  std::string relative = "content/" + std::string(kind->folder) + "/" +
                         options.id + "." +
                         std::string(ScaffoldExtension(kind->kind));
  fs::path path = fs::path(options.source) / relative;
  std::error_code fs_error;
  fs::create_directories(path.parent_path(), fs_error);
  // A content folder that is a link to elsewhere is not written through.
  fs::path root = fs::canonical(options.source, fs_error);
  fs::path folder = fs::canonical(path.parent_path(), fs_error);
  if (fs_error || folder.lexically_relative(root).begin()->string() == "..") {
    err << relative << ": error: the folder is outside the site folder\n";
    return kExitFailure;
  }
  // O_EXCL: even a file created a moment ago is never overwritten.
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    err << relative
        << ": error: cannot create the file: " << std::strerror(errno) << '\n';
    return kExitFailure;
  }
  std::string text = ScaffoldRecord(*kind, options.id);
  bool ok =
      write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ok = close(fd) == 0 && ok;
  if (!ok) {
    err << relative
        << ": error: cannot write the file: " << std::strerror(errno) << '\n';
    return kExitFailure;
  }
  out << "Created " << relative
      << ": fill in the required fields, then run scrutineer check\n";
  return kExitOk;
}

}  // namespace scrutineer
