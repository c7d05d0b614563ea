#include "serve/recording_file_system.h"

#include <functional>
#include <string_view>
#include <utility>

namespace scrutineer {
namespace {

size_t Hash(std::string_view text) {
  return std::hash<std::string_view>{}(text);
}

// Folds `value` into `seed`, order mattering (boost's hash_combine).
void Combine(size_t* seed, size_t value) {
  *seed ^= value + 0x9e3779b97f4a7c15ULL + (*seed << 6) + (*seed >> 2);
}

}  // namespace

bool RecordingFileSystem::ReadFile(const std::string& path,
                                   std::string* contents,
                                   std::string* error) const {
  bool read = files_.ReadFile(path, contents, error);
  // A file read and a file that cannot be read never hash alike.
  size_t answer = read ? Hash(*contents) : ~Hash(*error);
  Record("read " + path, answer);
  return read;
}

DirectoryListing RecordingFileSystem::ListFiles(const std::string& dir) const {
  DirectoryListing listing = files_.ListFiles(dir);
  size_t answer = 0;
  for (const std::string& file : listing.files) Combine(&answer, Hash(file));
  Combine(&answer, listing.files.size());
  for (const RefusedEntry& entry : listing.refused) {
    Combine(&answer, Hash(entry.path));
    Combine(&answer, Hash(entry.reason));
  }
  Record("list " + dir, answer);
  return listing;
}

bool RecordingFileSystem::IsDirectory(const std::string& path) const {
  bool directory = files_.IsDirectory(path);
  Record("is directory " + path, directory ? 1 : 0);
  return directory;
}

InputFingerprint RecordingFileSystem::fingerprint() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return fingerprint_;
}

void RecordingFileSystem::Record(std::string call, size_t answer) const {
  std::lock_guard<std::mutex> lock(mutex_);
  // A file read twice in one build reads the same both times, or the build
  // saw two versions of it: either way the last answer is the one kept, and
  // a changed file changes it.
  fingerprint_[std::move(call)] = answer;
}

}  // namespace scrutineer
