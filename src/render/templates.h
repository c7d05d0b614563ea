// The site's Mustache templates, parsed once, and rendering by name. Every
// page's HTML comes from here.
//
// templates/<name>.mustache are page templates; templates/partials/
// <name>.mustache are partials, used as {{> name}}. {{x}} is escaped for
// HTML; {{{x}}} is raw and is used only for HTML the Markdown adapter
// produced. The engine is Scrutineer's own (render/mustache.h), which renders
// what kainjow mustache rendered, byte for byte; partials are resolved once,
// at Load, to the parsed partial.
#ifndef SCRUTINEER_RENDER_TEMPLATES_H_
#define SCRUTINEER_RENDER_TEMPLATES_H_

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "diag/diagnostics.h"
#include "render/template_data.h"
#include "write/file_system.h"

namespace scrutineer {

namespace mustache {
struct Template;
struct RenderError;
}

/// Sets `name` to `list`, and `has_<name>` to true when it is not empty:
/// Mustache cannot test a list for emptiness without looping over it, and
/// templates need to wrap a list in a heading only when it has items.
void SetList(TemplateData* data, const std::string& name, TemplateData list);

class TemplateSet {
 public:
  TemplateSet();
  ~TemplateSet();
  TemplateSet(TemplateSet&&) noexcept;
  TemplateSet& operator=(TemplateSet&&) noexcept;

  /// Loads and parses every template under templates/, reporting syntax
  /// errors and unknown partials with file:line:column, and reports each of
  /// `required` that is missing. Returns false when any template is
  /// unusable. `diagnostics` must outlive every Render() after it: an error
  /// found while rendering is reported there.
  bool Load(const FileSystem& files, const std::vector<std::string>& required,
            Diagnostics& diagnostics);

  /// From now on, an error found while rendering is reported to
  /// `diagnostics` (which must outlive every later Render(); null: to none)
  /// rather than to the one given to Load: pages rendered on demand outlive
  /// the build that loaded the set. Not safe to call alongside Render().
  void ReportRenderErrorsTo(Diagnostics* diagnostics) {
    diagnostics_ = diagnostics;
  }

  bool Has(const std::string& name) const;
  /// Renders template `name` with `data`; partials resolve from the set.
  /// Precondition: Has(name). Any number of threads may render at once. An
  /// error (partials nested too deep, as a partial that includes itself
  /// without end) is reported, once per tag, to the Diagnostics given to
  /// Load, and the page is rendered up to it.
  std::string Render(const std::string& name, const TemplateData& data) const;
  /// Render(), appended to *out: a caller that renders many pages into one
  /// buffer saves a copy of each.
  void RenderTo(const std::string& name, const TemplateData& data,
                std::string* out) const;
  /// RenderTo(layout) of `data` with "content" set to Render(page, data),
  /// but with the page rendered straight into *out where the layout writes
  /// its content (mustache::Deferred), not into a string to be copied. The
  /// page's errors are reported as Render(page) reports them, also when the
  /// layout never writes its content.
  void RenderInLayoutTo(const std::string& layout, const std::string& page,
                        const TemplateData& data, std::string* out) const;
  /// As above, but an error is not reported: *error is set to it as
  /// "path:line:column: message", and cleared when there is none.
  std::string Render(const std::string& name, const TemplateData& data,
                     std::string* error) const;

 private:
  using TemplateMap =
      std::map<std::string, std::unique_ptr<mustache::Template>, std::less<>>;

  TemplateMap pages_;
  TemplateMap partials_;  // by the name used in {{> name}}
  // Owns the paths that diagnostics and templates point into.
  std::vector<std::shared_ptr<std::string>> paths_;
  Diagnostics* diagnostics_ = nullptr;  // of the last Load
  // Render errors already reported, by template and offset, and the lock
  // that guards them and diagnostics_ while rendering.
  struct Reported {
    std::mutex mutex;
    std::set<std::pair<const mustache::Template*, size_t>> tags;
  };
  std::unique_ptr<Reported> reported_;

  // Reports a render error of template `name`, once per tag.
  void Report(const std::string& name,
              const mustache::RenderError& failure) const;
};

}  // namespace scrutineer

#endif  // SCRUTINEER_RENDER_TEMPLATES_H_
