#include "render/templates.h"

#include <algorithm>
#include <cassert>
#include <cstdlib>

namespace scrutineer {
namespace {

// kainjow reports errors as "Unclosed section \"x\" at <offset>"; turn the
// character offset into a line and column.
SourceLocation LocateError(std::string_view path, const std::string& text,
                           const std::string& message) {
  size_t at = message.rfind(" at ");
  if (at == std::string::npos) return SourceLocation{path, 1, 1};
  size_t offset = std::strtoul(message.c_str() + at + 4, nullptr, 10);
  int line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return SourceLocation{path, line, static_cast<int>(offset - line_start) + 1};
}

// A context whose partials come from the template set rather than from the
// page data, so that no record field can stand in for a partial.
class PageContext : public kainjow::mustache::context<std::string> {
 public:
  PageContext(const TemplateData* data, const TemplateData* partials)
      : kainjow::mustache::context<std::string>(data), partials_(partials) {}
  const TemplateData* get_partial(const std::string& name) const override {
    return partials_->get(name);
  }

 private:
  const TemplateData* partials_;
};

}  // namespace

void SetList(TemplateData* data, const std::string& name, TemplateData list) {
  if (list.is_non_empty_list()) data->set("has_" + name, true);
  data->set(name, std::move(list));
}

bool TemplateSet::Load(const FileSystem& files,
                       const std::vector<std::string>& required,
                       Diagnostics& diagnostics) {
  bool ok = true;
  std::vector<std::string> broken;  // present but unusable: reported once
  static const std::string kSuffix = ".mustache";
  DirectoryListing listing = files.ListFiles("templates");
  if (listing.files.empty()) {
    diagnostics.Error(SourceLocation{"templates", 0, 0},
                      "no templates: the site folder has no templates/",
                      "copy templates/ from Scrutineer's own site folder");
    return false;
  }
  for (const std::string& path : listing.files) {
    if (path.size() <= kSuffix.size() ||
        path.compare(path.size() - kSuffix.size(), kSuffix.size(), kSuffix) !=
            0) {
      continue;
    }
    std::string text;
    std::string error;
    auto stored = std::make_shared<std::string>(path);
    paths_.push_back(stored);
    std::string_view where = *stored;
    if (!files.ReadFile(path, &text, &error)) {
      diagnostics.Error(SourceLocation{where, 0, 0},
                        "cannot read template: " + error, "");
      ok = false;
      continue;
    }
    diagnostics.AddSource(where, std::make_shared<const std::string>(text));
    std::string relative = path.substr(std::string("templates/").size());
    std::string name = relative.substr(0, relative.size() - kSuffix.size());
    auto compiled = std::make_unique<kainjow::mustache::mustache>(text);
    if (!compiled->is_valid()) {
      diagnostics.Error(LocateError(where, text, compiled->error_message()),
                        "template error: " + compiled->error_message(),
                        "check that every {{#section}} has its {{/section}}");
      ok = false;
      broken.push_back(name);
      continue;
    }
    const std::string kPartials = "partials/";
    if (name.compare(0, kPartials.size(), kPartials) == 0) {
      partials_.set(name.substr(kPartials.size()), text);
    } else {
      pages_[name] = std::move(compiled);
    }
  }
  for (const std::string& name : required) {
    if (!Has(name) &&
        std::find(broken.begin(), broken.end(), name) == broken.end()) {
      diagnostics.Error(SourceLocation{"templates", 0, 0},
                        "missing template '" + name + ".mustache'",
                        "every site needs templates/" + name + ".mustache");
      ok = false;
    }
  }
  return ok;
}

bool TemplateSet::Has(const std::string& name) const {
  return pages_.count(name) > 0;
}

std::string TemplateSet::Render(const std::string& name,
                                const TemplateData& data) const {
  auto it = pages_.find(name);
  assert(it != pages_.end());
  PageContext context(&data, &partials_);
  return it->second->render(context);
}

}  // namespace scrutineer
