// The pipeline: load -> link -> render. `build`, `check` and `serve` are
// thin drivers of this one function; only `build` writes to disk.
#ifndef SCRUTINEER_PIPELINE_H_
#define SCRUTINEER_PIPELINE_H_

#include <string>

#include "diag/diagnostics.h"
#include "load/record_cache.h"
#include "model/site.h"
#include "render/render_site.h"
#include "write/file_system.h"
#include "write/output_tree.h"

namespace scrutineer {

/// What a command may change about a build without editing site.yaml.
struct BuildOptions {
  /// Replaces site.yaml's base_url when not empty ("--base-url"). A '/' is
  /// added at the end when missing.
  std::string base_url;
  /// When the pages are rendered: during the build (build, check), or each
  /// the first time it is read from `out` (serve).
  PageRendering pages;
  /// Keep every content file's text after linking. Only the quoting of
  /// later diagnostics needs it (check's broken links, serve's link
  /// check); build lets go of it for files nothing was reported in.
  bool keep_source_texts = true;
  /// What the last build of the same site folder loaded, to parse again
  /// only the files changed since (serve); updated by the build. Null: parse
  /// every file. Either way the build is the same.
  RecordCache* record_cache = nullptr;
  /// The site of the last build through `record_cache`, if it is still
  /// unchanged (serve's build being served): the link stage takes from it
  /// the references of records not changed since (LinkSite). Either way the
  /// build is the same.
  const Site* previous_site = nullptr;
};

/// Loads, links and renders the site folder `files` into `out`. Every
/// problem is reported to `diagnostics`; the caller must not publish `out`
/// when diagnostics.HasErrors(). Returns false when the site could not be
/// loaded at all (no usable site.yaml). Loading and rendering use every
/// core, so `files` is read from several threads at once; `out` and the
/// diagnostics are the same whatever the number of threads. With
/// options.pages.on_demand, `*site` must outlive `out`, unchanged: the
/// pages are rendered from it when they are read.
bool BuildSite(const FileSystem& files, Site* site, OutputTree* out,
               Diagnostics& diagnostics, const BuildOptions& options = {});

}  // namespace scrutineer

#endif  // SCRUTINEER_PIPELINE_H_
