#include "pipeline.h"

#include "link/link_site.h"
#include "load/record_loader.h"
#include "render/render_site.h"
#include "util/stage_timer.h"

namespace scrutineer {

bool BuildSite(const FileSystem& files, Site* site, OutputTree* out,
               Diagnostics& diagnostics, const BuildOptions& options) {
  // Load: site.yaml and every file under content/, checked against the
  // content model. Without a site.yaml there is nothing to build.
  {
    StageTimer timer("load");
    if (!LoadSite(files, site, diagnostics, options.record_cache)) {
      return false;
    }
  }

  // The command line wins over site.yaml, before anything uses the URL.
  if (!options.base_url.empty()) {
    site->config.base_url = options.base_url;
    if (site->config.base_url.back() != '/') site->config.base_url += '/';
  }

  // Link before render: pages need titles, resolved ids and backlinks.
  {
    StageTimer timer("link");
    LinkSite(site, diagnostics, options.previous_site);
  }
  if (!options.keep_source_texts) {
    std::vector<std::string_view> paths;
    for (Record& record : site->records) {
      record.file_text.reset();
      paths.push_back(record.location.path);
    }
    diagnostics.ForgetSourcesWithoutDiagnostics(paths);
  }

  // Render even when there were errors, so that one run also reports
  // template problems; the caller decides whether anything is written,
  // and a build written as it renders writes nothing once it has failed.
  if (diagnostics.HasErrors() && out->writes_through()) out->StopWriting();
  StageTimer timer("render");
  RenderSite(*site, files, out, diagnostics, options.pages);
  return true;
}

}  // namespace scrutineer
