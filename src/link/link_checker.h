// Link checking: the rendered site -> a diagnostic for every internal link
// or anchor that leads nowhere.
//
// Consumes: the linked Site (to know which record each page came from), the
// OutputTree the render stage produced (for its paths), and what a
// LinkScanner kept of each page: in check as each was rendered, in serve as
// each is read.
// Produces: diagnostics only. It runs after render, in `check` and `serve`;
// ids in record fields were already resolved by the link stage, so what is
// left to catch here is links written by hand in Markdown, and templates.
#ifndef SCRUTINEER_LINK_LINK_CHECKER_H_
#define SCRUTINEER_LINK_LINK_CHECKER_H_

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostics.h"
#include "model/site.h"
#include "write/file_sink.h"
#include "write/file_system.h"
#include "write/output_tree.h"

namespace scrutineer {

/// A page's links and ids, as the link check keeps them while the rest of
/// the site is rendered: the URLs alone (character references decoded), in
/// page order, one after another in one string.
struct PageLinks {
  std::string urls;
  std::vector<size_t> url_ends;  // where each URL ends in `urls`
  std::set<std::string> ids;     // every id="..." (and <a name="...">)

  size_t size() const { return url_ends.size(); }
  std::string_view url(size_t i) const {
    const size_t begin = i == 0 ? 0 : url_ends[i - 1];
    return std::string_view(urls).substr(begin, url_ends[i] - begin);
  }
};

/// Where check renders the site to: a sink for a write-through OutputTree
/// that scans each HTML page for its links and ids as it is added, keeps
/// those, and lets the bytes go, as it does every other file (serve hands
/// it each file of its in-memory tree in the same way). At 10,000
/// recommendations the pages are 296 MB and what is kept of them 60 MB.
/// It wants the files of a build that has failed too, so that check
/// reports broken links alongside the content's errors.
class LinkScanner : public FileSink {
 public:
  int WriteFile(const std::string& path, const std::string_view* pieces,
                size_t count) override;
  bool WantsFilesOfFailedBuilds() const override { return true; }

  /// Every HTML page scanned, by path. Once the rendering is done.
  const std::map<std::string, PageLinks>& pages() const { return pages_; }

 private:
  std::mutex mutex_;  // guards pages_ while pages are added
  std::map<std::string, PageLinks> pages_;
};

/// Checks every href and src in every HTML page `scanned` read of `out`
/// (check renders the site through the scanner into a write-through tree,
/// which knows every file's path but holds no bytes; serve hands it each
/// file of its in-memory tree, OutputTree::ReadEach):
///  - relative URLs resolve from the page's own path; URLs starting with '/'
///    from the path of site.config.base_url ("/" when unset); absolute URLs
///    starting with base_url as if relative to the root; other absolute URLs
///    (another scheme or host) are not checked;
///  - the target must be a file of `out`, or a folder with an index.html;
///  - a #fragment must be the id of an element on the target page.
/// A problem on a record's page is reported at the URL in the record's file
/// when it is written there, and otherwise at the page's template, with the
/// page named in the hint. Once `*stop` (when given) is true, it returns
/// false soon after, having reported some problems or none; true when it
/// checked every page.
/// A link that is not in the record's file is looked for in the site's
/// templates when `templates` (the site folder) is given: in the page's
/// template, then templates/layout.mustache, then the partials; when found,
/// it is reported there, at its line and column, once for every page that
/// has it.
bool CheckLinks(const Site& site, const OutputTree& out,
                const LinkScanner& scanned, Diagnostics& diagnostics,
                const std::atomic<bool>* stop = nullptr,
                const FileSystem* templates = nullptr);

}  // namespace scrutineer

#endif  // SCRUTINEER_LINK_LINK_CHECKER_H_
