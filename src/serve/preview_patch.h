// Serve's fast path for the commonest edit: the Markdown text of a record
// changed (its body, an update's entry, a recommendation, minutes), and
// nothing else. Such an edit changes no id, title, date, status or link
// target, so the linked site stays what it was but for the text itself and
// where things are in the file; the build being served is patched in place
// rather than built again (a third of a second at 10,000 recommendations),
// and its pages are made again as they are asked for.
//
// Consumes: the build being served, the site folder, and the files the
// watcher saw change.
// Produces: a PreviewPatch, or false when the edit needs a full rebuild.
//
// An edit is patched only when the patched build is the build a full
// rebuild would give (preview_patch_test.cpp compares them file by file):
// each changed file is a record file the build loaded, with nothing
// reported in it before or after; its fields are what they were but for
// the text of Markdown fields (none emptied or filled: a history counts an
// entry with text); and its texts link to the same records in the same
// order with the same words. Anything else (a new, deleted or renamed
// file, a template, another field, an error, a new short link) takes the
// full rebuild.
#ifndef SCRUTINEER_SERVE_PREVIEW_PATCH_H_
#define SCRUTINEER_SERVE_PREVIEW_PATCH_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "load/record_cache.h"
#include "serve/preview_site.h"
#include "write/file_system.h"

namespace scrutineer {

/// What patching a build changes in it.
struct PreviewPatch {
  /// A record's new text, from the file loaded again: the record's own, or
  /// for a review's recommendation, that of its item in the list.
  struct RecordText {
    static constexpr size_t kOwn = static_cast<size_t>(-1);
    size_t index = 0;  // into Site::records
    std::shared_ptr<const Record> fresh;
    size_t item = kOwn;  // in fresh's "recommendations"
  };
  std::vector<RecordText> records;
  /// Where each short link of a changed text now is: (index into
  /// Site::references, location).
  std::vector<std::pair<size_t, SourceLocation>> references;
  /// The new version of each changed file (PreviewBuild::inputs).
  std::vector<std::pair<std::string, size_t>> inputs;
  /// The files patched, for the message.
  std::vector<std::string> paths;
  /// Once applied: the pages the build had made, to be freed once requests
  /// may read the build again.
  std::vector<std::string> forgotten;

  bool empty() const { return records.empty(); }
};

/// Plans the patch of `build` for the files `changed` (paths relative to
/// the site folder) as they now are in `files`. Returns false when the edit
/// needs a full rebuild (see the file comment). Only reads `build`, so it
/// is safe to call while the build is served. A file saved with the same
/// bytes gives an empty patch.
bool PlanPreviewPatch(const PreviewBuild& build, const FileSystem& files,
                      const std::vector<std::string>& changed,
                      PreviewPatch* patch);

/// Applies `patch` to `build` and forgets every page made so far, each to
/// be made again when next asked for; their bytes are left in
/// patch->forgotten. The records' fields are changed where they are
/// (Shared::MutableInPlace), so nothing may read `build`, or a build that
/// shares its records, meanwhile; `cache` (the RecordCache `build` was
/// loaded through, or null), which shares them, forgets the patched files.
void ApplyPreviewPatch(PreviewPatch* patch, PreviewBuild* build,
                       RecordCache* cache);

}  // namespace scrutineer

#endif  // SCRUTINEER_SERVE_PREVIEW_PATCH_H_
