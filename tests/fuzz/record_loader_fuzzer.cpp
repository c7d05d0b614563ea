// libFuzzer target: one record file of any bytes through the load and link
// stages (front matter, YAML, the content model's checks, Markdown limits,
// reference resolution), in memory. The first byte picks the file's kind
// folder and extension, so every kind's fields are reached.
//
// Finds crashes, sanitizer reports, hangs and memory blow-ups; the
// diagnostics themselves are not checked here.
#include <cstddef>
#include <cstdint>
#include <string>

#include "diag/diagnostics.h"
#include "link/link_site.h"
#include "load/record_loader.h"
#include "model/schema.h"
#include "model/site.h"
#include "write/file_system.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace scrutineer;
  if (size == 0) return 0;
  const std::vector<KindSpec>& kinds = ContentKinds();
  const KindSpec& kind = kinds[data[0] % kinds.size()];
  const char* extension = (data[0] / kinds.size()) % 2 == 0 ? ".md" : ".yaml";
  MemoryFileSystem files;
  files.AddFile("site.yaml", "title: Fuzz\n");
  files.AddFile("content/people/known.yaml", "id: known\nname: Known\n");
  files.AddFile("content/" + std::string(kind.folder) + "/x" + extension,
                std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
  Site site;
  Diagnostics diagnostics;
  if (LoadSite(files, &site, diagnostics)) LinkSite(&site, diagnostics);
  // Printing quotes source lines with carets: exercise it too.
  for (const Diagnostic& diagnostic : diagnostics.Sorted()) {
    (void)FormatDiagnosticHeadline(diagnostic);
    (void)diagnostics.SourceLine(diagnostic.path, diagnostic.line);
  }
  return 0;
}
