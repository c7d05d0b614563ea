// Turns a record's fields into the data its template sees, driven by the
// content model: Markdown becomes HTML, dates become {text, iso}, ids become
// links {id, title, href, kind}, people become {name, href, as_written,
// role, organisation}, and stated/inferred/unknown values carry `inferred`
// or `unknown` with the reason.
#ifndef SCRUTINEER_RENDER_FIELD_DATA_H_
#define SCRUTINEER_RENDER_FIELD_DATA_H_

#include <string>
#include <string_view>

#include "model/site.h"
#include "render/markdown.h"
#include "render/templates.h"

namespace scrutineer {

class FieldConverter {
 public:
  /// `root` leads from the page being rendered to the site root (see
  /// RootPrefix); every href is relative to that page.
  FieldConverter(const Site& site, std::string root);

  /// The fields of `value` (a map) as `spec` describes them.
  TemplateData Convert(const Value& value, const ObjectSpec& spec) const;
  /// {id, title, href, kind} for a record.
  TemplateData LinkTo(const Record& record) const;
  /// The href of a record's page from the current page.
  std::string HrefOf(const Record& record) const;
  /// Markdown rendered for this page (short links resolved).
  std::string Markdown(std::string_view text) const;

 private:
  TemplateData ConvertField(const Value& value, const FieldSpec& field) const;
  TemplateData ConvertOne(const Value& value, const FieldSpec& field) const;
  TemplateData ConvertPlain(const Value& value, const FieldSpec& field) const;
  TemplateData LinkToId(const std::string& id) const;
  TemplateData Person(const Value& value) const;

  const Site& site_;
  std::string root_;
  MarkdownOptions markdown_options_;
  LinkResolver resolver_;
};

}  // namespace scrutineer

#endif  // SCRUTINEER_RENDER_FIELD_DATA_H_
