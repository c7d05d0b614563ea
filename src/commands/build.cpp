#include <chrono>
#include <filesystem>
#include <memory>
#include <system_error>

#include "commands/commands.h"
#include "commands/report_diagnostics.h"
#include "pipeline.h"
#include "util/keep_until_exit.h"
#include "util/stage_timer.h"
#include "write/output_folder.h"
#include "write/output_tree.h"

namespace scrutineer {
namespace {

// Copies every diagnostic of `from` into `to` (which must not be strict),
// so that a machine format prints one document.
void CopyDiagnostics(const Diagnostics& from, Diagnostics& to) {
  for (const Diagnostic& d : from.Sorted()) {
    to.Report(d.severity, SourceLocation{d.path, d.line, d.column}, d.message,
              d.hint);
  }
}

}  // namespace

int RunBuild(const CommandOptions& options, std::ostream& out,
             std::ostream& err) {
  auto start = std::chrono::steady_clock::now();
  EnableStageTimings(options.timings);
  std::string out_dir =
      options.out.empty() ? options.source + "/public" : options.out;
  // The output folder is checked, and the temporary folder beside it made,
  // before the build, which takes a minute on a large site: a mistyped or
  // unwritable output folder fails at once, and each page is written as
  // soon as it is rendered, so that the build never holds the whole site
  // in memory. Without a source folder there is nothing to check against:
  // the load stage then reports the missing site.yaml, as it always has.
  OutputFolder folder;
  std::error_code source_error;
  if (std::filesystem::is_directory(options.source, source_error)) {
    Diagnostics folder_diagnostics;
    if (!folder.Open(out_dir, options.source, folder_diagnostics)) {
      ReportDiagnostics(options, folder_diagnostics, out, err);
      return kExitFailure;
    }
  }
  DiskFileSystem files(options.source);
  Diagnostics diagnostics(options.strict);
  // The site, and what its pages were rendered from, are kept until the
  // process exits: freeing them one allocation at a time only delays it.
  auto kept_site = std::make_shared<Site>();
  KeepUntilExit(kept_site);
  Site& site = *kept_site;
  OutputTree output = folder.is_open() ? OutputTree(&folder) : OutputTree();
  BuildOptions build_options;
  build_options.base_url = options.base_url;
  build_options.keep_source_texts = false;
  build_options.pages.keep_until_exit = true;
  bool loaded = BuildSite(files, &site, &output, diagnostics, build_options);
  if (!loaded || diagnostics.HasErrors()) {
    // `folder` removes what was written when it goes.
    ReportDiagnostics(options, diagnostics, out, err);
    if (!loaded) return kExitFailure;
    err << "build failed: nothing was written; " << out_dir
        << " is as it was\n";
    return kExitContentErrors;
  }
  // Not strict: a leftover in the output folder is a warning, never a
  // reason to fail a build that was written.
  Diagnostics write_diagnostics;
  bool written;
  {
    StageTimer timer("write");
    written =
        output.writes_through()
            ? output.Publish(write_diagnostics)
            : WriteOutput(output, out_dir, options.source, write_diagnostics);
  }
  if (options.format == "text") {
    ReportDiagnostics(options, diagnostics, out, err);
    ReportDiagnostics(options, write_diagnostics, out, err);
  } else {
    Diagnostics all;  // not strict: each severity is already decided
    CopyDiagnostics(diagnostics, all);
    CopyDiagnostics(write_diagnostics, all);
    ReportDiagnostics(options, all, out, err);
  }
  if (options.timings) PrintStageTimings(err);
  if (!written) return kExitFailure;
  if (!options.quiet && options.format == "text") {
    auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);
    out << "Built " << site.records.size() << " records into " << output.size()
        << " files in " << out_dir << " (" << elapsed.count() << " ms)\n";
    // Not a warning: a site previewed from a folder needs no address.
    if (site.config.base_url.empty()) {
      out << "Note: no base_url (site.yaml or --base-url), so no sitemap.xml "
             "or Atom feeds were written: both need absolute addresses\n";
    }
  }
  return kExitOk;
}

}  // namespace scrutineer
