#include "load/record_loader.h"

#include <time.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "load/record_validator.h"
#include "load/source_text.h"
#include "load/yaml_reader.h"
#include "render/markdown.h"
#include "util/parallel_for.h"

namespace scrutineer {
namespace {

std::string_view Extension(std::string_view path) {
  size_t slash = path.rfind('/');
  size_t dot = path.rfind('.');
  if (dot == std::string_view::npos ||
      (slash != std::string_view::npos && dot < slash)) {
    return {};
  }
  return path.substr(dot + 1);
}

std::string_view Stem(std::string_view path) {
  size_t slash = path.rfind('/');
  std::string_view name =
      slash == std::string_view::npos ? path : path.substr(slash + 1);
  size_t dot = name.rfind('.');
  return dot == std::string_view::npos ? name : name.substr(0, dot);
}

// What the loader makes of a file "content/<folder>/...".
struct ContentPath {
  enum What { kHidden, kNotRecord, kNoKind, kRecord } what;
  std::string_view folder;         // empty for a file right in content/
  const KindSpec* kind = nullptr;  // kRecord
};

ContentPath ClassifyContentPath(std::string_view path) {
  ContentPath found{ContentPath::kRecord, {}, nullptr};
  // Files of editors and tools (".git", "x.swp", "x.md~"), or in their
  // folders, are not the site's: the same rule as the listings'.
  if (path.empty() || path.back() == '/') {
    found.what = ContentPath::kHidden;
    return found;
  }
  for (size_t start = 0; start < path.size();) {
    const size_t end = std::min(path.find('/', start), path.size());
    if (IsToolsOwnFile(path.substr(start, end - start))) {
      found.what = ContentPath::kHidden;
      return found;
    }
    start = end + 1;
  }
  // content/<folder>/<file>; deeper folders are allowed for grouping.
  std::string_view rest = path.substr(std::string_view("content/").size());
  size_t slash = rest.find('/');
  if (slash != std::string_view::npos) found.folder = rest.substr(0, slash);
  std::string_view extension = Extension(path);
  if (extension != "md" && extension != "yaml" && extension != "yml") {
    found.what = ContentPath::kNotRecord;
  } else if ((found.kind = KindForFolder(found.folder)) == nullptr) {
    found.what = ContentPath::kNoKind;
  }
  return found;
}

// Loads one record file, as read, into `record`; false when it cannot be
// used.
bool LoadRecordFile(const KindSpec& kind, std::string_view path,
                    const SourceFile& file, Record* record,
                    Diagnostics& diagnostics) {
  std::shared_ptr<const std::string> shared_text =
      CheckSourceFile(file, path, diagnostics);
  if (shared_text == nullptr) return false;
  std::string_view contents = *shared_text;

  std::string_view yaml = contents;
  std::string_view body;
  int line_offset = 0;
  int body_line = 0;
  if (Extension(path) == "md") {
    if (!SplitFrontMatter(contents, &yaml, &body, &body_line)) {
      std::string_view first_line = contents.substr(0, contents.find('\n'));
      if (first_line.substr(0, 3) == "---" &&
          first_line.find_first_not_of(" \t", 3) == std::string_view::npos) {
        diagnostics.Error(SourceLocation{path, 1, 1},
                          "the front matter is not closed",
                          "end the record's fields with a '---' line before "
                          "the Markdown text");
      } else {
        diagnostics.Error(SourceLocation{path, 1, 1},
                          "a Markdown record must start with front matter",
                          "put the record's fields between two '---' lines at "
                          "the top of the file");
      }
      return false;
    }
    line_offset = 1;
  }
  Value fields;
  // The whole file passed CheckSourceFile above.
  if (!ReadCheckedYaml(yaml, path, line_offset, &fields, diagnostics))
    return false;
  if (!fields.is_map()) {
    diagnostics.Error(fields.location,
                      "a record must be a map of fields, found " +
                          std::string(DescribeKind(fields.kind)),
                      "start with 'id: " + std::string(Stem(path)) + "'");
    return false;
  }
  MarkdownLimits markdown_limits;
  ValidateFields(&fields, *kind.fields, &markdown_limits, diagnostics);
  std::string checked_body(body);
  if (!markdown_limits.Check(body, SourceLocation{path, body_line, 1},
                             /*lines_match_file=*/true, diagnostics)) {
    checked_body.clear();  // reported; not worth rendering
  }

  std::string_view id = fields.Text("id");
  if (!id.empty() && id != Stem(path)) {
    diagnostics.Error(
        fields.Find("id")->location,
        "id '" + std::string(id) + "' does not match the file name '" +
            std::string(Stem(path)) + "'",
        "rename the file or change the id: they must be the same");
    return false;
  }
  // A record with bad fields is still kept when its id is usable, so that
  // links to it do not add a second, misleading "unknown id" error. The
  // build writes nothing anyway once an error was reported.
  if (!IsValidId(id)) return false;

  record->kind = kind.kind;
  record->id.value = std::string(id);
  ShrinkToFit(&fields);
  record->fields = Shared<Value>(std::move(fields));
  if (!checked_body.empty()) {
    record->body = Shared<std::string>(std::move(checked_body));
  }
  record->body_line = body_line;
  record->file_text = std::move(shared_text);
  record->location = SourceLocation{path, 1, 1};
  return true;
}

int64_t RealTimeNs() {
  timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  return static_cast<int64_t>(now.tv_sec) * 1000000000 + now.tv_nsec;
}

// What loading the file at `path` gives, from `cached` (the cache's entry
// for it, or null) when the file has not changed (see record_cache.h).
std::shared_ptr<const CachedRecordFile> LoadThroughCache(
    const FileSystem& files, const KindSpec& kind,
    std::shared_ptr<const std::string> path,
    std::shared_ptr<const CachedRecordFile> cached) {
  if (cached != nullptr && cached->StillCurrent(files)) return cached;
  auto entry = std::make_shared<CachedRecordFile>();
  entry->path = std::move(path);
  const std::string& stored = *entry->path;
  // The time and the stamp before the read: a write after them changes
  // the stamp, so the next load reads the file again.
  entry->read_ns = RealTimeNs();
  entry->stamped = files.StampFile(stored, &entry->stamp);
  entry->source = ReadSourceFile(files, stored);
  const SourceFile& source = entry->source;
  entry->version = source.text != nullptr
                       ? std::hash<std::string>{}(*source.text)
                   : source.too_large ? 1
                                      : ~std::hash<std::string>{}(source.error);
  if (cached != nullptr && cached->source == source) {
    entry->source.text = cached->source.text;  // one copy of the text
    entry->loaded = cached->loaded;
    return entry;
  }
  auto loaded = std::make_shared<LoadedRecordFile>();
  Diagnostics reported;
  loaded->loaded =
      LoadRecordFile(kind, stored, source, &loaded->record, reported);
  loaded->diagnostics = reported.Sorted();
  entry->loaded = std::move(loaded);
  return entry;
}

}  // namespace

bool SplitFrontMatter(std::string_view text, std::string_view* front_matter,
                      std::string_view* body, int* body_line) {
  auto is_fence = [](std::string_view line) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
      line.remove_suffix(1);
    }
    return line == "---";
  };
  size_t first_end = text.find('\n');
  if (first_end == std::string_view::npos ||
      !is_fence(text.substr(0, first_end))) {
    return false;
  }
  size_t start = first_end + 1;
  size_t position = start;
  int line = 2;
  while (position <= text.size()) {
    size_t end = text.find('\n', position);
    std::string_view current = text.substr(
        position, end == std::string_view::npos ? std::string_view::npos
                                                : end - position);
    if (is_fence(current)) {
      *front_matter = text.substr(start, position - start);
      *body = end == std::string_view::npos ? std::string_view()
                                            : text.substr(end + 1);
      *body_line = line + 1;
      return true;
    }
    if (end == std::string_view::npos) break;
    position = end + 1;
    ++line;
  }
  return false;
}

bool LoadRecordFileAt(const FileSystem& files, std::string_view path,
                      Record* record, Diagnostics& diagnostics) {
  if (path.substr(0, 8) != "content/") return false;
  ContentPath classified = ClassifyContentPath(path);
  if (classified.what != ContentPath::kRecord) return false;
  return LoadRecordFile(*classified.kind, path, ReadSourceFile(files, path),
                        record, diagnostics);
}

bool LoadSite(const FileSystem& files, Site* site, Diagnostics& diagnostics,
              RecordCache* cache) {
  if (!LoadSiteConfig(files, &site->config, diagnostics)) return false;

  if (!files.IsDirectory("content")) {
    // Publishing an empty site over the last one is never what was meant:
    // a folder renamed, a checkout half done, a link that leads nowhere.
    diagnostics.Error(SourceLocation{"content", 0, 0},
                      "the site folder has no content/ folder",
                      "records live in content/<kind>/, such as "
                      "content/reviews/; 'scrutineer new review <id>' makes "
                      "the folder and a first record");
  }
  DirectoryListing listing = files.ListFiles("content");
  ReportRefused(listing,
                "content must be ordinary files and folders inside the site "
                "folder",
                diagnostics);
  std::vector<std::string_view> folders;
  for (const KindSpec& kind : ContentKinds()) folders.push_back(kind.folder);

  // 1. In path order, on this thread: store every path (SourceLocations
  //    point into source_paths; a cache's records into its own copy, which
  //    the site shares), and sort out the files that are not records.
  // 2. Parse the record files on every core, each into a slot of its own,
  //    or take what the cache kept of those that have not changed.
  // 3. Keep the records in path order, as a loop in order would have.
  struct RecordFile {
    std::shared_ptr<const std::string> path;  // in site->source_paths
    const KindSpec* kind;
  };
  std::vector<RecordFile> record_files;
  for (const std::string& path : listing.files) {
    site->source_paths.push_back(
        cache != nullptr ? cache->SharedPath(path)
                         : std::make_shared<const std::string>(path));
    std::string_view stored = *site->source_paths.back();
    const ContentPath classified = ClassifyContentPath(stored);
    const std::string_view folder = classified.folder;
    if (classified.what == ContentPath::kHidden) continue;
    if (classified.what == ContentPath::kNotRecord) {
      // "Review.MD" is a record's name in every way but the case.
      std::string lower(Extension(stored));
      for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
      std::string hint;
      if (lower == "md" || lower == "yaml" || lower == "yml") {
        hint = "rename it to end in ." + lower +
               ": extensions are read in lower case";
      }
      diagnostics.Warning(SourceLocation{stored, 0, 0},
                          "ignored: not a record (.md, .yaml or .yml)",
                          std::move(hint));
      continue;
    }
    if (classified.what == ContentPath::kNoKind) {
      std::string closest = SuggestClosest(folder, folders);
      std::string hint =
          closest.empty()
              ? "records live in content/<kind>/, e.g. content/reviews/"
              : "did you mean 'content/" + closest + "/'?";
      diagnostics.Error(SourceLocation{stored, 0, 0},
                        folder.empty() ? "a record must be in a kind's folder"
                                       : "unknown content folder '" +
                                             std::string(folder) + "'",
                        hint);
      continue;
    }
    record_files.push_back(
        RecordFile{site->source_paths.back(), classified.kind});
  }

  if (cache != nullptr) {
    std::vector<std::shared_ptr<const CachedRecordFile>> entries(
        record_files.size());
    ParallelFor(record_files.size(), [&](size_t i) {
      const RecordFile& file = record_files[i];
      entries[i] = LoadThroughCache(files, *file.kind, file.path,
                                    cache->Find(*file.path));
    });
    site->records.reserve(site->records.size() + entries.size());
    for (const std::shared_ptr<const CachedRecordFile>& entry : entries) {
      // As CheckSourceFile would have, for the diagnostics to quote it.
      if (entry->source.text != nullptr) {
        diagnostics.AddSource(*entry->path, entry->source.text);
      }
      for (const Diagnostic& found : entry->loaded->diagnostics) {
        diagnostics.Report(found.severity,
                           SourceLocation{found.path, found.line, found.column},
                           found.message, found.hint);
      }
      if (entry->loaded->loaded) site->records.push_back(entry->loaded->record);
    }
    cache->Replace(std::move(entries));
    return true;
  }

  std::vector<Record> records(record_files.size());
  // char, not bool: vector<bool> packs its elements into shared words, so
  // threads setting neighbouring elements would race.
  std::vector<char> loaded(record_files.size(), 0);
  ParallelFor(record_files.size(), [&](size_t i) {
    std::string_view path = *record_files[i].path;
    loaded[i] =
        LoadRecordFile(*record_files[i].kind, path, ReadSourceFile(files, path),
                       &records[i], diagnostics);
  });
  site->records.reserve(site->records.size() + record_files.size());
  for (size_t i = 0; i < records.size(); ++i) {
    if (loaded[i]) site->records.push_back(std::move(records[i]));
  }
  return true;
}

}  // namespace scrutineer
