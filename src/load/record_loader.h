// Load stage: the files of a site folder -> Site (configuration and raw
// records), every problem reported with its file, line and column.
//
// Consumes: a FileSystem rooted at the site folder.
// Produces: Site::config, Site::records (one per file under content/, in
// path order), Site::source_paths. Recommendations are not yet split out of
// their reviews: that is the link stage's first step.
#ifndef SCRUTINEER_LOAD_RECORD_LOADER_H_
#define SCRUTINEER_LOAD_RECORD_LOADER_H_

#include "diag/diagnostics.h"
#include "load/record_cache.h"
#include "model/site.h"
#include "write/file_system.h"

namespace scrutineer {

/// Reads site.yaml and every record under content/. Returns false only when
/// the site cannot be loaded at all (no readable site.yaml); content
/// problems are reported and the offending record is left out. Record files
/// are read and parsed on every core, so `files` must be safe to read from
/// several threads at once (DiskFileSystem and MemoryFileSystem are); the
/// result does not depend on the number of threads. With a `cache`, files
/// that have not changed since the load that filled it are not parsed
/// again (see load/record_cache.h); the site and the diagnostics are the
/// same as without, and the cache then holds this load's files.
bool LoadSite(const FileSystem& files, Site* site, Diagnostics& diagnostics,
              RecordCache* cache = nullptr);

/// Loads the one record file at `path` ("content/<kind folder>/...") into
/// `record` as LoadSite would, reporting what LoadSite would report of it.
/// `path` must outlive the record, whose locations point into it. False
/// when the file gives no record, or when LoadSite would not take it for a
/// record file at all (hidden, another extension, outside a kind's folder;
/// nothing is reported then).
bool LoadRecordFileAt(const FileSystem& files, std::string_view path,
                      Record* record, Diagnostics& diagnostics);

/// Splits a Markdown file into front matter and body. Front matter starts
/// with a "---" line at the top and ends at the next "---" line. Sets
/// `body_line` to the 1-based line the body starts on. Returns false when
/// the file has no front matter or it is not closed.
bool SplitFrontMatter(std::string_view text, std::string_view* front_matter,
                      std::string_view* body, int* body_line);

}  // namespace scrutineer

#endif  // SCRUTINEER_LOAD_RECORD_LOADER_H_
