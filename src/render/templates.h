// The template engine adapter: the site's Mustache templates, compiled once,
// and rendering by name. Every page's HTML comes from here.
//
// templates/<name>.mustache are page templates; templates/partials/
// <name>.mustache are partials, used as {{> name}}. kainjow mustache escapes
// {{x}} for HTML; {{{x}}} is raw and is used only for HTML the Markdown
// adapter produced.
//
// kainjow parses a partial again every time it is used, which made parsing
// the biggest single cost of rendering a large site. Load() therefore splices
// each partial's text into the page templates that use it and compiles the
// result once; the output is the same bytes (see ExpandPartials).
#ifndef SCRUTINEER_RENDER_TEMPLATES_H_
#define SCRUTINEER_RENDER_TEMPLATES_H_

#include <kainjow/mustache.hpp>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "diag/diagnostics.h"
#include "write/file_system.h"

namespace scrutineer {

using TemplateData = kainjow::mustache::data;

/// Sets `name` to `list`, and `has_<name>` to true when it is not empty:
/// Mustache cannot test a list for emptiness without looping over it, and
/// templates need to wrap a list in a heading only when it has items.
void SetList(TemplateData* data, const std::string& name, TemplateData list);

class TemplateSet {
 public:
  /// Loads and compiles every template under templates/, reporting syntax
  /// errors with file:line:column, and reports each of `required` that is
  /// missing. Returns false when any template is unusable.
  bool Load(const FileSystem& files, const std::vector<std::string>& required,
            Diagnostics& diagnostics);

  bool Has(const std::string& name) const;
  /// Renders template `name` with `data`; partials resolve from the set.
  /// Precondition: Has(name).
  std::string Render(const std::string& name, const TemplateData& data) const;

 private:
  std::map<std::string, std::unique_ptr<kainjow::mustache::mustache>> pages_;
  // For the rare page that cannot be expanded (recursive partials, changed
  // delimiters): partials resolved as kainjow does, at render time.
  TemplateData partials_{TemplateData::type::object};
  // Owns the paths that diagnostics point into.
  std::vector<std::shared_ptr<std::string>> paths_;
};

}  // namespace scrutineer

#endif  // SCRUTINEER_RENDER_TEMPLATES_H_
