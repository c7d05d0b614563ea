// Serve's fast path for the commonest edits: an edit of one or more record
// files that were loaded without a problem, which changes no id. The
// Markdown text of a record (its body, an update's entry, a
// recommendation, minutes), its fields (a title, a date, a status, a field
// or an entry added or taken away) and its links may all change. The build
// being served is patched in place rather than built again (a rebuild
// takes about a tenth of a second at 10,000 recommendations), and its
// pages are made again as they are asked for:
//  - an edit of Markdown text alone, whose short links stay as they were,
//    changes the texts where they are, and nothing else;
//  - any other replaces the record's fields; when its links changed, the
//    site's references are made anew. The titles and the histories that
//    read the records changed, or that their links were added to or taken
//    from, are worked out again, and so are the outline of the feeds,
//    calendars and open data and the "what changed" windows
//    (PageRendering::refresh).
//
// Consumes: the build being served, the site folder, and the files the
// watcher saw change.
// Produces: a PreviewPatch, or false when the edit needs a full rebuild.
//
// An edit is patched only when the patched build is the build a full
// rebuild would give (preview_patch_test.cpp compares them file by file):
// each changed file is a record file the build loaded, with nothing
// reported in it before or after; it is the same record (the same id and
// kind), and splits into the same recommendations. Anything else (a new,
// deleted or renamed file, a template, site.yaml, an error, an id or a
// recommendation's number changed) takes the full rebuild, and so does an
// edit that would give the site a file it does not have, such as a "what
// changed" page for a year no date fell in before (ApplyPreviewPatch finds
// that, and undoes the patch).
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
  /// A record as the file now gives it, loaded again: the record's own, or
  /// for a review's recommendation, its item in the list.
  struct RecordText {
    static constexpr size_t kOwn = static_cast<size_t>(-1);
    size_t index = 0;  // into Site::records
    std::shared_ptr<const Record> fresh;
    size_t item = kOwn;  // in fresh's "recommendations"
  };
  std::vector<RecordText> records;
  /// Where each link of a changed record now is, for records whose links
  /// are the same: (index into Site::references, location).
  std::vector<std::pair<size_t, SourceLocation>> references;
  /// Each record whose links changed (added, taken away, pointed elsewhere
  /// or reworded), with the references it has now, in the order
  /// Site::references keeps them.
  std::vector<std::pair<size_t, std::vector<Reference>>> relinked;
  /// The new version of each changed file (PreviewBuild::inputs).
  std::vector<std::pair<std::string, size_t>> inputs;
  /// The files patched, for the message.
  std::vector<std::string> paths;
  /// Once applied: the pages the build had made, to be freed once requests
  /// may read the build again.
  std::vector<std::string> forgotten;
  /// Some record's fields or links changed other than in Markdown text:
  /// the fields are replaced, and titles, histories and what reads them
  /// are worked out again.
  bool fields_changed = false;

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
/// patch->forgotten. A text patch changes the records' fields where they
/// are (Shared::MutableInPlace); a patch of fields replaces them. Either
/// way nothing may read `build`, or a build that shares its records,
/// meanwhile; `cache` (the RecordCache `build` was loaded through, or
/// null), which shares them, forgets the patched files.
/// Returns false, with `build` as it was, when the fields changed would
/// give the site files it does not have: the edit needs a full rebuild.
bool ApplyPreviewPatch(PreviewPatch* patch, PreviewBuild* build,
                       RecordCache* cache);

}  // namespace scrutineer

#endif  // SCRUTINEER_SERVE_PREVIEW_PATCH_H_
