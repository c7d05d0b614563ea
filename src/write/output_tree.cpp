// How a tree reaches the disk. A write-through tree hands each file to its
// OutputFolder as it is added, from whichever render thread made it, and
// keeps the path alone, for the sitemap, the clash checks and the count;
// the bytes are freed as soon as they are written. WriteOutput writes an
// in-memory tree into an OutputFolder of its own, on several threads when
// the tree is large, and publishes it. Either way the output folder is
// replaced whole or not at all (see write/output_folder.cpp).
#include "write/output_tree.h"

#include <algorithm>
#include <atomic>
#include <cassert>
#include <cerrno>
#include <mutex>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "util/join.h"
#include "util/parallel_for.h"

namespace scrutineer {
namespace {

std::string Reason(int error) { return std::generic_category().message(error); }

// The first path, in path order, under a folder that is also a file ("a/b"
// when there is a file "a"), or nullptr. Writing such a tree fails at that
// path when the files are written in path order; on several threads, which
// of the two fails depends on which got there first.
const std::string* FirstFileFolderClash(
    const std::map<std::string, std::string>& files) {
  for (const auto& entry : files) {
    const std::string& path = entry.first;
    for (size_t slash = path.find('/'); slash != std::string::npos;
         slash = path.find('/', slash + 1)) {
      if (files.count(path.substr(0, slash)) > 0) return &path;
    }
  }
  return nullptr;
}

// Below this many files one thread writes everything: threads would cost
// more than they save.
constexpr size_t kParallelWriteMinFiles = 1024;
// Files a writer takes at a time: neighbours share folders, so a block
// mostly needs folders no other writer is making.
constexpr size_t kWriteBlock = 64;
constexpr unsigned kMaxWriters = 8;

using OutputEntry = std::pair<const std::string, std::string>;

// Files [0, entries.size()) are shared out in blocks to several writers.
// The first failure stops all of them, and the failure with the lowest
// index is the one reported.
class ParallelWriter {
 public:
  ParallelWriter(OutputFolder* folder,
                 const std::vector<const OutputEntry*>& entries)
      : folder_(folder), entries_(entries) {}

  int Run(unsigned writers, std::string* failed_path) {
    std::vector<std::thread> threads;
    for (unsigned i = 1; i < writers; ++i) {
      try {
        threads.emplace_back([this] { Work(); });
      } catch (const std::system_error&) {
        break;  // no more threads to be had: fewer writers do it all
      }
    }
    Work();
    for (std::thread& thread : threads) thread.join();
    if (failed_index_ == kNone) return 0;
    *failed_path = entries_[failed_index_]->first;
    return error_;
  }

 private:
  static constexpr size_t kNone = static_cast<size_t>(-1);

  void Work() {
    while (!stop_.load(std::memory_order_relaxed)) {
      size_t begin = next_.fetch_add(kWriteBlock);
      if (begin >= entries_.size()) return;
      size_t end = std::min(begin + kWriteBlock, entries_.size());
      for (size_t i = begin; i < end; ++i) {
        const auto& [path, contents] = *entries_[i];
        if (int error = folder_->WriteFile(path, contents)) {
          Fail(i, error);
          return;
        }
      }
    }
  }

  void Fail(size_t index, int error) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (failed_index_ == kNone || index < failed_index_) {
      failed_index_ = index;
      error_ = error;
    }
    stop_ = true;
  }

  OutputFolder* const folder_;
  const std::vector<const OutputEntry*>& entries_;
  std::atomic<size_t> next_{0};
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  size_t failed_index_ = kNone;  // guarded by mutex_
  int error_ = 0;                // guarded by mutex_
};

// Each file costs one openat, one write (for any size the kernel takes at
// once) and one close, and each folder one mkdirat; on a large tree those
// calls run on several threads, since most of their time is the file
// system's own work in the kernel. A tree with a file-folder clash is
// written by one thread, in path order, so the failure is always the same.
unsigned WriterCount(const OutputTree& tree) {
  if (tree.size() < kParallelWriteMinFiles ||
      FirstFileFolderClash(tree.files()) != nullptr) {
    return 1;
  }
  unsigned cores = std::thread::hardware_concurrency();
  return std::max(1u, std::min(cores, kMaxWriters));
}

// Writes every file of `tree` into `folder`; 0 or an errno, with
// *failed_path set to the output path being written when it failed.
int WriteTree(const OutputTree& tree, OutputFolder* folder,
              std::string* failed_path) {
  unsigned writers = WriterCount(tree);
  if (writers > 1) {
    std::vector<const OutputEntry*> entries;
    entries.reserve(tree.size());
    for (const auto& entry : tree.files()) entries.push_back(&entry);
    return ParallelWriter(folder, entries).Run(writers, failed_path);
  }
  for (const auto& [path, contents] : tree.files()) {
    if (int error = folder->WriteFile(path, contents)) {
      *failed_path = path;
      return error;
    }
  }
  return 0;
}

std::string WriteFailure(const std::string& path, int error) {
  return "cannot write output file '" + path + "': " + Reason(error);
}

}  // namespace

OutputTree::OutputTree(OutputFolder* folder)
    : through_(std::make_unique<WriteThrough>()) {
  assert(folder != nullptr && folder->is_open());
  through_->sink = folder;
  through_->folder = folder;
}

OutputTree::OutputTree(FileSink* sink)
    : through_(std::make_unique<WriteThrough>()) {
  assert(sink != nullptr);
  through_->sink = sink;
}

bool OutputTree::Add(const std::string& path, std::string contents) {
  assert(IsSafeOutputPath(path));
  if (!through_) {
    auto [it, added] = files_.try_emplace(path);
    it->second = std::move(contents);
    deferred_.erase(path);
    return added;
  }
  const std::string_view view = contents;
  return WriteOne(path, &view, 1);
}

bool OutputTree::AddView(const std::string& path, std::string_view contents) {
  if (!through_) return Add(path, std::string(contents));
  assert(IsSafeOutputPath(path));
  return WriteOne(path, &contents, 1);
}

bool OutputTree::AddPieces(const std::string& path,
                           const std::vector<std::string>& pieces) {
  if (!through_) return Add(path, JoinPieces(pieces));
  assert(IsSafeOutputPath(path));
  const std::vector<std::string_view> views(pieces.begin(), pieces.end());
  return WriteOne(path, views.data(), views.size());
}

bool OutputTree::WriteOne(const std::string& path,
                          const std::string_view* pieces, size_t count) {
  bool added;
  {
    std::lock_guard<std::mutex> lock(through_->mutex);
    added = files_.try_emplace(path).second;
    // Two pages at one file fail the build: a sink that wants the files of
    // a failed build gets both, and chooses between them itself (in
    // whatever order the threads made them).
    if (!added && !through_->sink->WantsFilesOfFailedBuilds()) return false;
    // The build has failed: what is left is only to report it.
    if (through_->error != 0 || through_->stopped) return added;
  }
  int error = through_->sink->WriteFile(path, pieces, count);
  if (error != 0) {
    std::lock_guard<std::mutex> lock(through_->mutex);
    if (through_->error == 0) {
      through_->error = error;
      through_->failed_path = path;
    }
  }
  return added;
}

bool OutputTree::AddDeferred(const std::string& path,
                             std::function<std::string()> make) {
  assert(IsSafeOutputPath(path));
  assert(!through_);
  auto [it, added] = files_.try_emplace(path);
  it->second.clear();
  auto deferred = std::make_unique<Deferred>();
  deferred->make = std::move(make);
  deferred->contents = &it->second;
  deferred_[path] = std::move(deferred);
  return added;
}

const std::string* OutputTree::Find(const std::string& path) const {
  if (through_) return nullptr;
  auto it = files_.find(path);
  if (it == files_.end()) return nullptr;
  auto deferred = deferred_.find(path);
  if (deferred != deferred_.end()) {
    // A reader that finds the file not made yet waits for whoever makes
    // it, so none sees the entry half made.
    Deferred& file = *deferred->second;
    if (!file.made.load(std::memory_order_acquire)) {
      std::lock_guard<std::mutex> lock(file.making);
      if (!file.made.load(std::memory_order_relaxed)) {
        *file.contents = file.make();
        file.made.store(true, std::memory_order_release);
      }
    }
  }
  return &it->second;
}

void OutputTree::ForgetMade(std::vector<std::string>* made) {
  made->reserve(made->size() + deferred_.size());
  for (auto& [path, file] : deferred_) {
    if (!file->made.load(std::memory_order_relaxed)) continue;
    made->push_back(std::move(*file->contents));
    file->contents->clear();
    file->made.store(false, std::memory_order_relaxed);
  }
}

bool OutputTree::ReadEach(
    const std::function<void(const std::string&, std::string_view)>& read,
    const std::atomic<bool>* stop) const {
  assert(!through_);
  std::vector<const std::string*> paths;
  paths.reserve(files_.size());
  for (const auto& entry : deferred_) paths.push_back(&entry.first);
  // Deepest first: a record's page is quick to make; a site-wide file (an
  // index, the tracker, a feed) is a long job that a caller stopping the
  // reading, or waiting for a file, would have to wait for.
  auto depth = [](const std::string* path) {
    return std::count(path->begin(), path->end(), '/');
  };
  std::stable_sort(paths.begin(), paths.end(),
                   [&](const std::string* a, const std::string* b) {
                     return depth(a) > depth(b);
                   });
  for (const auto& entry : files_) {
    if (deferred_.count(entry.first) == 0) paths.push_back(&entry.first);
  }
  std::atomic<bool> stopped{false};
  ParallelFor(paths.size(), [&](size_t i) {
    if (stop != nullptr && stop->load(std::memory_order_relaxed)) {
      stopped = true;
      return;
    }
    const std::string& path = *paths[i];
    auto deferred = deferred_.find(path);
    if (deferred != deferred_.end()) {
      const Deferred& file = *deferred->second;
      if (!file.made.load(std::memory_order_acquire)) {
        read(path, file.make());
        return;
      }
    }
    read(path, files_.find(path)->second);
  });
  return !stopped;
}

const std::map<std::string, std::string>& OutputTree::files() const {
  assert(!through_);
  return files_;
}

bool OutputTree::SameEagerFiles(const OutputTree& other) const {
  assert(!through_ && !other.through_);
  if (files_.size() != other.files_.size()) return false;
  for (auto a = files_.begin(), b = other.files_.begin(); a != files_.end();
       ++a, ++b) {
    if (a->first != b->first) return false;
    if (deferred_.count(a->first) > 0 || other.deferred_.count(b->first) > 0) {
      continue;
    }
    if (a->second != b->second) return false;
  }
  return true;
}

std::vector<std::string> OutputTree::Paths() const {
  std::vector<std::string> paths;
  paths.reserve(files_.size());
  for (const auto& entry : files_) paths.push_back(entry.first);
  return paths;
}

void OutputTree::StopWriting() {
  assert(through_);
  if (through_->sink->WantsFilesOfFailedBuilds()) return;
  through_->stopped = true;
}

bool OutputTree::Publish(Diagnostics& diagnostics) {
  assert(through_ && through_->folder != nullptr);
  OutputFolder* folder = through_->folder;
  if (through_->stopped) {
    return folder->Abandon(
        "cannot write output: the build had errors, so nothing was written",
        diagnostics);
  }
  if (through_->error == 0) return folder->Publish(diagnostics);
  const std::string& path = through_->failed_path;
  if (!IsSafeOutputPath(path)) {
    return folder->Abandon("cannot write output: unsafe output path '" + path +
                               "'; this is a bug in scrutineer",
                           diagnostics);
  }
  if (const std::string* clash = FirstFileFolderClash(files_)) {
    return folder->Abandon(WriteFailure(*clash, ENOTDIR), diagnostics);
  }
  return folder->Abandon(WriteFailure(path, through_->error), diagnostics);
}

bool WriteOutput(const OutputTree& tree, const std::string& out_dir,
                 const std::string& source_dir, Diagnostics& diagnostics) {
  assert(!tree.writes_through());
  // Add() asserts this, but asserts vanish under NDEBUG. Checked before
  // anything is created, so that a bug leaves no trace on disk.
  for (const auto& entry : tree.files()) {
    if (!IsSafeOutputPath(entry.first)) {
      diagnostics.Error(
          SourceLocation{out_dir},
          "cannot write output: unsafe output path '" + entry.first + "'",
          "this is a bug in scrutineer; nothing was written");
      return false;
    }
  }
  OutputFolder folder;
  if (!folder.Open(out_dir, source_dir, diagnostics)) return false;
  std::string failed_path;
  if (int error = WriteTree(tree, &folder, &failed_path)) {
    return folder.Abandon(failed_path.empty()
                              ? "cannot write output: " + Reason(error)
                              : WriteFailure(failed_path, error),
                          diagnostics);
  }
  return folder.Publish(diagnostics);
}

}  // namespace scrutineer
