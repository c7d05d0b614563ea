// Turns a record's fields into the data its template sees, driven by the
// content model: Markdown becomes HTML, dates become {text, iso}, ids become
// links {id, title, href, kind}, people become {name, href, as_written,
// role, organisation}, and stated/inferred/unknown values carry `inferred`
// or `unknown` with the reason.
#ifndef SCRUTINEER_RENDER_FIELD_DATA_H_
#define SCRUTINEER_RENDER_FIELD_DATA_H_

#include <atomic>
#include <functional>
#include <initializer_list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/partial_date.h"
#include "model/site.h"
#include "render/link_cache.h"
#include "render/markdown.h"
#include "render/markdown_cache.h"
#include "render/record_data_cache.h"
#include "render/templates.h"

namespace scrutineer {

class FieldConverter {
 public:
  /// `root` leads from the page being rendered to the site root (see
  /// RootPrefix); every href is relative to that page. Markdown is rendered
  /// through `markdown_cache`, links to records taken from `link_cache`,
  /// and what Shared makes kept in `record_data`, when there are ones: they
  /// must be used only with this site.
  FieldConverter(const Site& site, std::string root,
                 MarkdownCache* markdown_cache = nullptr,
                 const LinkCache* link_cache = nullptr,
                 RecordDataCache* record_data = nullptr);

  /// The fields of `value` (a map) as `spec` describes them.
  TemplateData Convert(const Value& value, const ObjectSpec& spec) const;
  /// Only the fields `keys` of `value`, as Convert gives them: for pages
  /// that show a few fields of another record without rendering it all.
  TemplateData ConvertSome(const Value& value, const ObjectSpec& spec,
                           std::initializer_list<std::string_view> keys) const;
  /// One field's value as Convert gives it.
  TemplateData ConvertValue(const Value& value, const FieldSpec& field) const;
  /// A date field, stated, inferred or unknown: {text, iso} plus `inferred`
  /// or `unknown` with the reason. `value` may be null: an empty object.
  TemplateData Date(const Value* value) const;
  /// {text, iso} of a date. Made once per thread for each date, and
  /// shared: safe to change, as any copy is.
  static TemplateData Date(const PartialDate& date);
  /// {id, title, href, kind} for a record.
  TemplateData LinkTo(const Record& record) const;
  /// make(), which gives what pages show of `record` alike for `use` (a
  /// recommendation's tracker row), made once for each page depth and
  /// shared when there is a record data cache; made each time otherwise.
  TemplateData Shared(RecordDataCache::Use use, const Record& record,
                      const std::function<TemplateData()>& make) const;
  /// The prefix that leads from the current page to the site root.
  const std::string& root() const { return root_; }
  /// The href of a record's page from the current page.
  std::string HrefOf(const Record& record) const;
  /// Markdown rendered for this page (short links resolved).
  std::string Markdown(std::string_view text) const;
  /// Markdown() as a template string; with a Markdown cache, one that
  /// shares the cached HTML rather than a copy of it.
  TemplateData MarkdownData(std::string_view text) const;
  /// MarkdownData() for a text that only one page shows (a record's body,
  /// on the record's own page): rendered without the cache, which would
  /// hash it, copy it and keep its HTML for the rest of the build to no
  /// purpose.
  TemplateData MarkdownDataOnce(std::string_view text) const;

 private:
  TemplateData ConvertField(const Value& value, const FieldSpec& field) const;
  TemplateData ConvertOne(const Value& value, const FieldSpec& field) const;
  TemplateData ConvertPlain(const Value& value, const FieldSpec& field) const;
  TemplateData LinkToId(const std::string& id) const;
  // The index of `record` among the site's records; none when it is not
  // one of them.
  std::optional<size_t> IndexOf(const Record& record) const;
  TemplateData Person(const Value& value) const;
  // The Markdown of `field` among a record's fields: kept by the cache if
  // other pages show it too, else only if another page kept it already
  // (MarkdownCache::RenderDataIfKept).
  TemplateData MarkdownField(std::string_view text,
                             const FieldSpec& field) const;

  const Site& site_;
  std::string root_;
  MarkdownOptions markdown_options_;
  LinkResolver resolver_;
  MarkdownCache* markdown_cache_;
  // The links from this page's root to every record, by index; null
  // without a link cache.
  const std::vector<TemplateData>* links_ = nullptr;
  RecordDataCache* record_data_;
  // What Shared keeps for this page's root, once it is first asked for.
  mutable std::atomic<RecordDataCache::Table*> shared_{nullptr};
  // The Markdown fields this page rendered and the cache did not keep, by
  // their text. A page often shows a text twice: among its record's
  // fields, and where other pages show it too (an update's entry in its
  // list of entries). At 10,000 recommendations 5,500 texts were rendered
  // twice on one page. Hashed, not listed: a record may hold 100,000
  // texts, and looking each up in a list took a build 22 s, not 0.2 s.
  mutable std::mutex unkept_mutex_;
  mutable std::unordered_map<std::string_view, MarkdownCache::Unkept> unkept_;
};

}  // namespace scrutineer

#endif  // SCRUTINEER_RENDER_FIELD_DATA_H_
