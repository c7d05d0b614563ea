// Links to records, {id, title, href, kind}, made once per way to the root
// rather than once per mention. A build links to records about 40 times per
// record (80,000 times at 1,000 recommendations, counted by callgrind:
// officers, meetings, papers, histories, backlinks), from pages at a
// handful of depths; each link was four strings copied into a new object.
// Here a FieldConverter asks for the table of its page's root once, and a
// link is then a shared, reference-counted value.
#ifndef SCRUTINEER_RENDER_LINK_CACHE_H_
#define SCRUTINEER_RENDER_LINK_CACHE_H_

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "model/site.h"
#include "render/template_data.h"

namespace scrutineer {

class LinkCache {
 public:
  /// The site must outlive the cache, and its records' ids and kinds must
  /// not change while it is used; titles changed by serve's patches are
  /// taken with Retitle.
  explicit LinkCache(const Site& site) : site_(site) {}
  LinkCache(const LinkCache&) = delete;
  LinkCache& operator=(const LinkCache&) = delete;

  /// The link to every record, by index, from pages whose way to the root
  /// is `root`: made in full the first time a root is asked for (about
  /// 13 million instructions for five roots at 1,000 recommendations), then
  /// shared. Safe to call from several threads at once; the table lives as
  /// long as the cache.
  const std::vector<TemplateData>& LinksFrom(std::string_view root) const;

  /// Takes the titles the records at `records` (indexes into the site's
  /// records) have now into the links made so far. Not safe alongside
  /// LinksFrom, nor while a page reads a table.
  void Retitle(const std::vector<size_t>& records);

  /// {id, title, href, kind} for `record`, whose page is at `href`.
  static TemplateData MakeLink(const Record& record, std::string href);

 private:
  struct Table {
    std::string root;
    std::vector<TemplateData> links;
  };

  const Site& site_;
  mutable std::mutex mutex_;
  // Few: one per depth of page, and one for pages served at any depth.
  mutable std::vector<std::unique_ptr<Table>> tables_;
};

}  // namespace scrutineer

#endif  // SCRUTINEER_RENDER_LINK_CACHE_H_
