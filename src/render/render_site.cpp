#include "render/render_site.h"

#include <functional>

#include "render/field_data.h"
#include "render/page_context.h"
#include "render/templates.h"
#include "render/urls.h"
#include "scrutineer_version.h"

namespace scrutineer {
namespace {

// Where the navigation leads, in order. Recommendations have an index of
// their own though they live in reviews.
const RecordKind kNavigation[] = {
    RecordKind::kReview,    RecordKind::kRecommendation, RecordKind::kUpdate,
    RecordKind::kMeeting,   RecordKind::kPaper,          RecordKind::kWorkshop,
    RecordKind::kCommittee, RecordKind::kPerson,
};

// Every page is the page template's output placed in the layout, with the
// data every template may use: the site, the way to the root, navigation.
class PageRenderer {
 public:
  PageRenderer(const Site& site, const TemplateSet& templates, OutputTree* out)
      : site_(site), templates_(templates), out_(out) {}

  /// Renders `template_name` for the page at `path` with the data `build`
  /// returns, and adds it to the output.
  void Render(const std::string& path, const std::string& template_name,
              const std::string& title, std::string_view kind_label,
              const std::function<TemplateData(const FieldConverter&)>& build,
              std::string root_override = "") {
    std::string root = root_override.empty() ? RootPrefix(path) : root_override;
    FieldConverter fields(site_, root);
    TemplateData data = build(fields);
    data.set("site", SiteData());
    data.set("root", root);
    data.set("page_title", title);
    data.set("page_kind", std::string(kind_label));
    data.set("page_path", path);
    data.set("navigation", Navigation(root, path));
    data.set("generator", std::string("Scrutineer ") + kScrutineerVersion);
    std::string content = templates_.Render(template_name, data);
    data.set("content", content);
    out_->Add(OutputFileOf(path), templates_.Render("layout", data));
  }

 private:
  TemplateData SiteData() const {
    TemplateData site;
    site.set("title", site_.config.title);
    site.set("description", site_.config.description);
    site.set("language", site_.config.language);
    site.set("organisation", site_.config.organisation);
    return site;
  }

  TemplateData Navigation(const std::string& root,
                          const std::string& path) const {
    TemplateData list{TemplateData::type::list};
    for (RecordKind kind : kNavigation) {
      TemplateData item;
      std::string target = KindIndexPath(kind);
      item.set("label", std::string(SpecOf(kind).plural));
      item.set("href", root + target);
      // The section a page belongs to is marked current in the navigation.
      item.set("current", path.compare(0, target.size(), target) == 0);
      list.push_back(item);
    }
    return list;
  }

  const Site& site_;
  const TemplateSet& templates_;
  OutputTree* out_;
};

std::vector<std::string> RequiredTemplates() {
  std::vector<std::string> names = {"layout", "home", "list", "404",
                                    "recommendation"};
  for (const KindSpec& kind : ContentKinds()) names.emplace_back(kind.name);
  return names;
}

void CopyTheme(const FileSystem& files, OutputTree* out,
               Diagnostics& diagnostics) {
  for (const std::string& path : files.ListFiles("theme").files) {
    std::string relative = path.substr(std::string("theme/").size());
    std::string output = AssetPath(relative);
    if (!IsSafeOutputPath(output)) {
      diagnostics.Error(
          SourceLocation{"theme", 0, 0},
          "theme file name '" + relative + "' cannot be published",
          "use plain file names: letters, digits, '-', '_' and '.'");
      continue;
    }
    std::string contents;
    std::string error;
    if (!files.ReadFile(path, &contents, &error)) {
      diagnostics.Error(SourceLocation{"theme", 0, 0},
                        "cannot read '" + path + "': " + error, "");
      continue;
    }
    out->Add(output, std::move(contents));
  }
}

// The 404 page is served at any depth, so its links cannot be relative: it
// uses base_url's path when set, and the host root otherwise.
std::string AbsoluteRoot(const std::string& base_url) {
  size_t scheme = base_url.find("://");
  if (scheme == std::string::npos) return "/";
  size_t path = base_url.find('/', scheme + 3);
  return path == std::string::npos ? "/" : base_url.substr(path);
}

}  // namespace

void RenderSite(const Site& site, const FileSystem& files, OutputTree* out,
                Diagnostics& diagnostics) {
  TemplateSet templates;
  if (!templates.Load(files, RequiredTemplates(), diagnostics)) return;
  PageRenderer pages(site, templates, out);

  pages.Render(
      "", "home", site.config.title, "home",
      [&](const FieldConverter& fields) { return HomeData(site, fields); });
  pages.Render(
      "404.html", "404", "Page not found", "error",
      [](const FieldConverter&) {
        return TemplateData{TemplateData::type::object};
      },
      AbsoluteRoot(site.config.base_url));

  std::vector<RecordKind> kinds;
  for (const KindSpec& kind : ContentKinds()) kinds.push_back(kind.kind);
  kinds.push_back(RecordKind::kRecommendation);
  for (RecordKind kind : kinds) {
    const KindSpec& spec = SpecOf(kind);
    pages.Render(KindIndexPath(kind), "list", std::string(spec.plural),
                 spec.name, [&](const FieldConverter& fields) {
                   return KindIndexData(site, kind, fields);
                 });
  }
  for (size_t i = 0; i < site.records.size(); ++i) {
    const Record& record = site.records[i];
    const KindSpec& spec = SpecOf(record.kind);
    pages.Render(RecordPath(record), std::string(spec.name), record.title,
                 spec.name, [&](const FieldConverter& fields) {
                   return RecordPageData(site, i, fields);
                 });
  }
  CopyTheme(files, out, diagnostics);
}

}  // namespace scrutineer
