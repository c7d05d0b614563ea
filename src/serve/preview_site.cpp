#include "serve/preview_site.h"

#include <set>
#include <string>
#include <string_view>

#include "link/link_checker.h"
#include "render/urls.h"
#include "serve/error_page.h"

namespace scrutineer {
namespace {

// It asks the server which build it is seeing; a page from an older build
// reloads, so a change made while the page loaded is not missed.
constexpr std::string_view kReloadScript =
    R"js(// Scrutineer preview: reloads this page when the site is rebuilt.
(function () {
  "use strict";
  var script = document.currentScript;
  var shown = script ? script.getAttribute("data-generation") : null;
  var events = new EventSource("/__scrutineer/events");
  events.addEventListener("build", function (event) {
    if (event.data !== shown) {
      events.close();
      window.location.reload();
    }
  });
})();
)js";

struct ContentType {
  std::string_view extension;
  std::string_view type;
};

constexpr ContentType kContentTypes[] = {
    {"html", "text/html; charset=utf-8"},
    {"css", "text/css; charset=utf-8"},
    {"js", "text/javascript; charset=utf-8"},
    {"json", "application/json"},
    {"xml", "application/xml; charset=utf-8"},
    {"atom", "application/atom+xml; charset=utf-8"},
    {"rss", "application/rss+xml; charset=utf-8"},
    {"ics", "text/calendar; charset=utf-8"},
    {"csv", "text/csv; charset=utf-8"},
    {"txt", "text/plain; charset=utf-8"},
    {"svg", "image/svg+xml"},
    {"png", "image/png"},
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"gif", "image/gif"},
    {"webp", "image/webp"},
    {"ico", "image/x-icon"},
    {"woff", "font/woff"},
    {"woff2", "font/woff2"},
    {"pdf", "application/pdf"},
    {"wasm", "application/wasm"},
};

std::string_view ContentTypeOf(std::string_view path) {
  size_t dot = path.rfind('.');
  size_t slash = path.rfind('/');
  if (dot != std::string_view::npos &&
      (slash == std::string_view::npos || dot > slash)) {
    std::string_view extension = path.substr(dot + 1);
    for (const ContentType& entry : kContentTypes) {
      if (entry.extension == extension) return entry.type;
    }
  }
  return "application/octet-stream";
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decodes a request path, refusing what could name something other
// than an output file: NUL, backslashes, and '.', '/' or '\' written
// encoded (no page of ours needs them, and they are how traversal hides).
bool DecodeRequestPath(std::string_view raw, std::string* path) {
  path->clear();
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '%') {
      if (i + 2 >= raw.size() || HexValue(raw[i + 1]) < 0 ||
          HexValue(raw[i + 2]) < 0) {
        return false;
      }
      c = static_cast<char>(HexValue(raw[i + 1]) * 16 + HexValue(raw[i + 2]));
      if (c == '.' || c == '/' || c == '\\' || c == '\0') return false;
      i += 2;
    } else if (c == '\\' || c == '\0') {
      return false;
    }
    *path += c;
  }
  return true;
}

PreviewResponse Html(const PreviewBuild& build, int status,
                     std::string_view html) {
  return PreviewResponse{status, "text/html; charset=utf-8",
                         InjectReloadScript(html, build.generation), ""};
}

PreviewResponse NotFound(const PreviewBuild& build) {
  if (const std::string* page = build.output.Find("404.html")) {
    return Html(build, 404, *page);
  }
  return PreviewResponse{404, "text/plain; charset=utf-8", "Not found\n", ""};
}

PreviewResponse Redirect(std::string location) {
  return PreviewResponse{302, "text/plain; charset=utf-8",
                         "See " + location + "\n", std::move(location)};
}

}  // namespace

bool PreviewBuild::SameAs(const PreviewBuild& other) const {
  return error_page == other.error_page && base_path == other.base_path &&
         inputs == other.inputs && output.SameEagerFiles(other.output);
}

std::shared_ptr<PreviewBuild> BuildPreview(const FileSystem& files,
                                           const BuildOptions& options,
                                           Diagnostics& diagnostics) {
  auto build = std::make_shared<PreviewBuild>();
  RecordingFileSystem recorded(files);
  BuildOptions on_demand = options;
  on_demand.pages.on_demand = true;
  on_demand.pages.page_diagnostics = &build->page_diagnostics;
  on_demand.pages.forget_made = &build->forget_made;
  on_demand.pages.refresh = &build->refresh;
  bool loaded =
      BuildSite(recorded, &build->site, &build->output, diagnostics, on_demand);
  build->inputs = recorded.fingerprint();
  // Files the cache knew unchanged were not read: what they hold is the
  // cache's to say, for every file alike, so that builds compare.
  if (options.record_cache != nullptr) {
    for (const auto& [path, version] : options.record_cache->FileVersions()) {
      build->inputs["read " + path] = version;
    }
  }
  for (const Diagnostic& found : diagnostics.Sorted()) {
    build->reported_paths.emplace(found.path);
  }
  build->base_path = BaseUrlPath(build->site.config.base_url);
  if (!loaded || diagnostics.HasErrors()) {
    build->error_page = RenderErrorPage(diagnostics);
  }
  return build;
}

bool CheckPreviewLinks(const PreviewBuild& build, Diagnostics& diagnostics,
                       const std::atomic<bool>* stop,
                       const std::function<void()>& done_reading) {
  // Every file is made, for the template errors met in making it, and each
  // page is scanned for its links and ids. What no reader has asked for is
  // made for the scan alone and not kept: kept, the pages stayed in memory
  // until the next edit (296 MB at 10,000 recommendations).
  LinkScanner scanner;
  // Declared after the scanner, so that on every return it calls
  // done_reading before the scanner is freed (10-15 ms at 10,000).
  struct DoneReading {
    ~DoneReading() {
      if (call) call();
    }
    const std::function<void()>& call;
  } done{done_reading};
  if (build.has_errors()) return true;
  auto scan = [&scanner](const std::string& path, std::string_view bytes) {
    scanner.WriteFile(path, &bytes, 1);
  };
  if (!build.output.ReadEach(scan, stop)) return false;
  // Every page is rendered now, so nothing more is reported there.
  for (const Diagnostic& found : build.page_diagnostics.Sorted()) {
    diagnostics.Report(found.severity,
                       SourceLocation{found.path, found.line, found.column},
                       found.message, found.hint);
  }
  if (!CheckLinks(build.site, build.output, scanner, diagnostics, stop)) {
    return false;
  }
  // The build's own diagnostics had the records' text, to quote the line
  // of a problem; these need it again, for the records they name.
  std::set<std::string, std::less<>> named;
  for (const Diagnostic& found : diagnostics.Sorted()) named.insert(found.path);
  for (const Record& record : build.site.records) {
    if (record.file_text && named.count(record.location.path) > 0) {
      diagnostics.AddSource(record.location.path, record.file_text);
    }
  }
  return true;
}

PreviewResponse RespondToPreviewRequest(const PreviewBuild& build,
                                        std::string_view target) {
  std::string_view raw = target.substr(0, target.find('?'));
  std::string path;
  if (raw.empty() || raw.front() != '/' || !DecodeRequestPath(raw, &path)) {
    return NotFound(build);
  }
  if (path == kReloadScriptPath) {
    return PreviewResponse{200, "text/javascript; charset=utf-8",
                           std::string(ReloadScript()), ""};
  }
  if (build.has_errors()) return Html(build, 500, build.error_page);
  // The base path as written in base_url ("/my%20site/"), decoded as the
  // request's path is: compared in one form, redirected to in the other.
  std::string base;
  if (!DecodeRequestPath(build.base_path, &base)) base = build.base_path;
  if (path.compare(0, base.size(), base) != 0) {
    if (path == "/" || path + "/" == base) return Redirect(build.base_path);
    return NotFound(build);
  }
  std::string relative = path.substr(base.size());
  bool folder = relative.empty() || relative.back() == '/';
  std::string file = folder ? relative + "index.html" : relative;
  // Only paths the writer could have produced: no "." or ".." segments, no
  // empty ones ("a//b"), nothing absolute.
  if (!IsSafeOutputPath(file)) return NotFound(build);
  if (const std::string* contents = build.output.Find(file)) {
    if (IsHtmlFile(file)) return Html(build, 200, *contents);
    return PreviewResponse{200, std::string(ContentTypeOf(file)), *contents,
                           ""};
  }
  // "reviews" is the folder "reviews/": relative links need the slash.
  if (!folder && build.output.Find(relative + "/index.html") != nullptr) {
    return Redirect(std::string(raw) + "/");  // as asked, still encoded
  }
  return NotFound(build);
}

std::string_view ReloadScript() { return kReloadScript; }

std::string InjectReloadScript(std::string_view html, uint64_t generation) {
  std::string tag = "<script src=\"" + std::string(kReloadScriptPath) +
                    "\" data-generation=\"" + std::to_string(generation) +
                    "\"></script>\n";
  size_t body = html.rfind("</body>");
  if (body == std::string_view::npos) return std::string(html) + tag;
  std::string out;
  out.reserve(html.size() + tag.size());
  out.append(html.substr(0, body));
  out += tag;
  out.append(html.substr(body));
  return out;
}

}  // namespace scrutineer
