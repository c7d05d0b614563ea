#include "render/render_site.h"

#include <algorithm>
#include <cassert>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "render/dashboards.h"
#include "render/field_data.h"
#include "render/page_context.h"
#include "render/page_metadata.h"
#include "render/publications.h"
#include "render/recommendation_history.h"
#include "render/templates.h"
#include "render/urls.h"
#include "scrutineer_version.h"
#include "util/keep_until_exit.h"
#include "util/parallel_for.h"
#include "util/stage_timer.h"

namespace scrutineer {
namespace {

// Where the navigation leads, in order. Recommendations have an index of
// their own though they live in reviews.
const RecordKind kNavigation[] = {
    RecordKind::kReview,    RecordKind::kRecommendation, RecordKind::kUpdate,
    RecordKind::kMeeting,   RecordKind::kPaper,          RecordKind::kWorkshop,
    RecordKind::kCommittee, RecordKind::kPerson,
};

// Two things written to one output path would silently lose one of them.
void ReportOutputClash(const std::string& file, Diagnostics& diagnostics) {
  diagnostics.Error(SourceLocation{file, 0, 0},
                    "two pages would be written to the same output file",
                    "every page needs an address of its own; a theme file "
                    "may not share a page's name");
}

using PageDataBuilder = std::function<TemplateData(const FieldConverter&)>;

// A thread's page buffer grown past this (by the tracker or a "what
// changed" page) is let go rather than kept for the next page.
constexpr size_t kKeptPageCapacity = size_t{4} << 20;

// One row of the page table: a page, its template, and what builds its data.
struct PageSpec {
  PageSpec(std::string path, std::string template_name, std::string title,
           std::string_view kind_label, PageDataBuilder build,
           std::string root_override = "")
      : path(std::move(path)),
        template_name(std::move(template_name)),
        title(std::move(title)),
        kind_label(kind_label),
        build(std::move(build)),
        root_override(std::move(root_override)) {}

  std::string path;
  std::string template_name;
  std::string title;
  std::string_view kind_label;
  PageDataBuilder build;
  // The way to the root when it is not the one `path` gives.
  std::string root_override;
};

// Every page is the page template's output placed in the layout, with the
// data every template may use: the site, the way to the root, navigation.
class PageRenderer {
 public:
  PageRenderer(const Site& site, const TemplateSet& templates)
      : site_(site),
        templates_(templates),
        link_cache_(site),
        record_data_(site.records.size()) {}

  /// The feeds and downloads every page links to; may stay unset.
  void set_publications(const Publications* publications) {
    publications_ = publications;
    std::lock_guard<std::mutex> lock(chrome_mutex_);
    chrome_.clear();
  }

  /// Forgets the Markdown rendered so far, which keeps the records' texts
  /// where they are: for when they change (serve's patches). Not safe
  /// alongside rendering.
  void ForgetMarkdown() { markdown_cache_.Clear(); }
  /// Forgets what the pages showed of the records alike (a
  /// recommendation's row, an update's summary), for when the records or
  /// their histories change (serve's patches). Not safe alongside
  /// rendering.
  void ForgetRecordData() { record_data_.Clear(); }

  /// Takes the titles the records at `records` have now into the links to
  /// them: for serve's patches. Not safe alongside rendering.
  void Retitle(const std::vector<size_t>& records) {
    link_cache_.Retitle(records);
  }

  /// Renders a whole page; safe to call from several threads at once.
  std::string RenderHtml(const PageSpec& page) const {
    // Rendered into a buffer each thread keeps, then copied out at its
    // size: a page held in memory (serve, check) holds no spare capacity.
    thread_local std::string buffer;
    buffer.clear();
    RenderHtmlTo(page, &buffer);
    std::string html(buffer);
    if (buffer.capacity() > kKeptPageCapacity) std::string().swap(buffer);
    return html;
  }

  /// RenderHtml(page) appended to *out.
  void RenderHtmlTo(const PageSpec& page, std::string* out) const {
    const std::string& path = page.path;
    std::string root =
        page.root_override.empty() ? RootPrefix(path) : page.root_override;
    FieldConverter fields(site_, root, &markdown_cache_, &link_cache_,
                          &record_data_);
    TemplateData data = page.build(fields);
    AddChrome(root, path, &data);
    data.set("page_title", page.title);
    data.set("page_kind", std::string(page.kind_label));
    data.set("page_path", path);
    // Pages with a place of their own name it when the site knows its URL;
    // the 404 page (root_override) is served in place of any page.
    if (!site_.config.base_url.empty() && page.root_override.empty()) {
      data.set("canonical_url", site_.config.base_url + path);
    }
    templates_.RenderInLayoutTo("layout", page.template_name, data, out);
  }

 private:
  // What the layout shows around every page that lies at one depth (its
  // `root`): the site, the links in the header and footer and the
  // navigation, this last once for each section that may be current.
  // Made once per root and shared by the pages (copies share, see
  // TemplateData), rather than built anew for each of 18,000 pages.
  struct Chrome {
    TemplateData site;
    TemplateData site_links;  // AddSiteLinks' keys, in an object
    std::vector<std::pair<unsigned, TemplateData>> navigation;  // by current
  };

  // Sets the chrome's keys in `data`, as for a page at `path`.
  void AddChrome(const std::string& root, const std::string& path,
                 TemplateData* data) const {
    // Which sections the page belongs to: a bit for each of kNavigation.
    unsigned current = 0;
    for (size_t i = 0; i < std::size(kNavigation); ++i) {
      const std::string target = KindIndexPath(kNavigation[i]);
      if (path.compare(0, target.size(), target) == 0) current |= 1u << i;
    }
    TemplateData site, site_links, navigation;
    {
      std::lock_guard<std::mutex> lock(chrome_mutex_);
      Chrome& chrome = chrome_[root];
      if (chrome.site.is_empty_object()) {
        chrome.site = SiteData();
        if (publications_ != nullptr) {
          AddSiteLinks(*publications_, root, &chrome.site_links);
        }
      }
      for (const auto& [bits, made] : chrome.navigation) {
        if (bits == current) navigation = made;
      }
      if (navigation.is_empty_object()) {
        navigation = Navigation(root, current);
        chrome.navigation.emplace_back(current, navigation);
      }
      site = chrome.site;
      site_links = chrome.site_links;
    }
    data->set("site", std::move(site));
    data->set("root", root);
    data->set("navigation", std::move(navigation));
    for (const auto& [key, value] : site_links.object_value()) {
      data->set(key, value);
    }
    data->set("generator", std::string("Scrutineer ") + kScrutineerVersion);
  }

  TemplateData SiteData() const {
    TemplateData site;
    site.set("title", site_.config.title);
    site.set("description", site_.config.description);
    site.set("language", site_.config.language);
    site.set("organisation", site_.config.organisation);
    return site;
  }

  // `current`: a bit for each section of kNavigation the page is in.
  TemplateData Navigation(const std::string& root, unsigned current) const {
    TemplateData list{TemplateData::type::list};
    for (size_t i = 0; i < std::size(kNavigation); ++i) {
      const RecordKind kind = kNavigation[i];
      TemplateData item;
      item.set("label", std::string(SpecOf(kind).plural));
      item.set("href", root + KindIndexPath(kind));
      // The section a page belongs to is marked current in the navigation.
      item.set("current", (current & (1u << i)) != 0);
      list.push_back(item);
    }
    return list;
  }

  const Site& site_;
  const TemplateSet& templates_;
  const Publications* publications_ = nullptr;
  // Most texts are shown on several pages, and most records linked to
  // from many.
  mutable MarkdownCache markdown_cache_;
  LinkCache link_cache_;
  mutable RecordDataCache record_data_;
  mutable std::mutex chrome_mutex_;
  mutable std::map<std::string, Chrome> chrome_;  // by root
};

// What the pages are rendered from, in one place so that pages rendered on
// demand can keep it alive after RenderSite returns. The table's builders
// point into it, so it never moves: it lives behind a shared_ptr.
struct PageSources {
  explicit PageSources(const Site& site)
      : site(site), renderer(site, templates) {}
  PageSources(const PageSources&) = delete;
  PageSources& operator=(const PageSources&) = delete;

  /// The publications in full: `publications` itself, unless that is only
  /// their outline, and then planned the first time they are needed, on
  /// whichever thread needs them first (by plan_full when it is set).
  const Publications& Full() const {
    if (!outlined) return publications;
    std::call_once(*full_once, [this] {
      full = plan_full ? plan_full() : PlanPublications(site, histories);
    });
    return full;
  }
  /// Forgets the publications in full: they are planned again, from the
  /// records as they are then, the next time they are needed. Not safe
  /// alongside Full().
  void ForgetFull() {
    full_once = std::make_unique<std::once_flag>();
    full = Publications();
  }
  /// See PageRendering::refresh.
  bool Refresh(const SiteChange& change);
  /// True when `row` is the page of a record whose id an earlier record
  /// has: the link stage reported that, and the two pages' clash over one
  /// address is not another problem to report.
  bool RepeatsAnId(size_t row) const {
    if (row < record_rows_begin || row >= record_rows_end) return false;
    return std::binary_search(site.repeated_ids.begin(),
                              site.repeated_ids.end(), row - record_rows_begin);
  }

  const Site& site;
  TemplateSet templates;
  Histories histories;
  /// What the pages link to: OutlinePublications when `outlined`.
  Publications publications;
  bool outlined = false;
  /// How Full() plans the publications, if not in memory.
  std::function<Publications()> plan_full;
  std::vector<ChangesWindow> windows;
  std::vector<PageSpec> table;
  /// The rows of `table` that are records' pages: [begin, end).
  size_t record_rows_begin = 0;
  size_t record_rows_end = 0;
  PageRenderer renderer;

 private:
  std::unique_ptr<std::once_flag> full_once =
      std::make_unique<std::once_flag>();
  mutable Publications full;
};

// Whether two outlines of the publications make the same files.
bool SameFiles(const Publications& a, const Publications& b) {
  auto same = [](const auto& x, const auto& y) {
    return std::equal(
        x.begin(), x.end(), y.begin(), y.end(),
        [](const auto& p, const auto& q) { return p.path == q.path; });
  };
  return same(a.feeds, b.feeds) && same(a.calendars, b.calendars) &&
         same(a.data, b.data);
}

// Whether two lists of windows make the same pages with the same titles (a
// slug names the window's dates).
bool SameWindows(const std::vector<ChangesWindow>& a,
                 const std::vector<ChangesWindow>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const ChangesWindow& x, const ChangesWindow& y) {
                      return x.slug == y.slug && x.title == y.title;
                    });
}

// Calls `visit` with each link the histories other than those at
// `positions` (sorted) hold.
template <typename Visit>
void EachLinkKept(std::vector<RecommendationHistory>* all,
                  const std::vector<size_t>& positions, const Visit& visit) {
  auto retraced = positions.begin();
  for (size_t k = 0; k < all->size(); ++k) {
    if (retraced != positions.end() && *retraced == k) {
      ++retraced;
      continue;
    }
    for (HistoryEvent& event : (*all)[k].events) {
      for (const Reference*& reference : event.references) visit(reference);
    }
  }
}

// Points the links the histories other than those at `positions` hold
// from `from`'s references to `to`'s, by `moved` (index in `from` -> index
// in `to`). False, moving none, when one of them was taken away: only the
// histories traced again may have held those.
bool MoveReferences(std::vector<RecommendationHistory>* all,
                    const std::vector<size_t>& positions,
                    const std::vector<Reference>& from,
                    const std::vector<Reference>& to,
                    const std::vector<uint32_t>& moved) {
  bool kept = true;
  EachLinkKept(all, positions, [&](const Reference*& reference) {
    kept = kept && moved[reference - from.data()] != SiteChange::kGone;
  });
  if (!kept) return false;
  EachLinkKept(all, positions, [&](const Reference*& reference) {
    reference = &to[moved[reference - from.data()]];
  });
  return true;
}

bool PageSources::Refresh(const SiteChange& change) {
  std::vector<bool> flags(site.records.size());
  for (size_t index : change.records) flags[index] = true;
  const std::vector<size_t> positions = HistoriesReading(histories, flags);
  // Links added or taken away moved the site's references: the histories
  // not traced again point to where theirs are now.
  const std::vector<Reference>* before = change.references_before;
  if (before != nullptr && !MoveReferences(&histories.all, positions, *before,
                                           site.references, change.moved)) {
    return false;
  }
  // Traced anew, and swapped in: `traced` keeps the old ones meanwhile.
  std::vector<RecommendationHistory> traced = [&] {
    StageTimer timer("histories that read the records");
    return TraceHistoriesAt(site, histories, positions);
  }();
  for (size_t k = 0; k < positions.size(); ++k) {
    std::swap(histories.all[positions[k]], traced[k]);
  }
  Publications outline = [&] {
    StageTimer timer("outline feeds, calendars and open data");
    return OutlinePublications(site, histories);
  }();
  std::vector<ChangesWindow> now = ChangesWindows(site, histories);
  if (!SameFiles(outline, publications) || !SameWindows(now, windows)) {
    for (size_t k = 0; k < positions.size(); ++k) {
      std::swap(histories.all[positions[k]], traced[k]);
    }
    if (before != nullptr) {
      MoveReferences(&histories.all, positions, site.references, *before,
                     change.moved_back);
    }
    return false;
  }
  // In place: the renderer and the deferred files point to them.
  publications = std::move(outline);
  windows = std::move(now);
  renderer.set_publications(&publications);
  std::vector<size_t> retitled;
  for (size_t i = 0; i < site.records.size(); ++i) {
    PageSpec& row = table[record_rows_begin + i];
    if (row.title != site.records[i].title) {
      row.title = site.records[i].title;
      retitled.push_back(i);
    }
  }
  renderer.Retitle(retitled);
  return true;
}

// AddPage and AddPageView: `repeats_id` as PageSources::RepeatsAnId.
void AddPage(const std::string& path, std::string html, bool repeats_id,
             OutputTree* out, Diagnostics& diagnostics) {
  const std::string file = OutputFileOf(path);
  if (!out->Add(file, std::move(html)) && !repeats_id) {
    ReportOutputClash(file, diagnostics);
  }
}

void AddPageView(const std::string& path, std::string_view html,
                 bool repeats_id, OutputTree* out, Diagnostics& diagnostics) {
  const std::string file = OutputFileOf(path);
  if (!out->AddView(file, html) && !repeats_id) {
    ReportOutputClash(file, diagnostics);
  }
}

// The order in which RenderPages starts the rows: the site-wide pages
// first, then the records' pages in table order. A site-wide page (the
// tracker, a kind's index, a "what changed" page) lists a whole kind or
// year: 10-130 ms each at 10,000 recommendations and ten times that at
// 100,000, against a third of a millisecond for a record's page. Started
// last, where the table lists most of them, they left one core rendering
// alone at the end of every build, longer the larger the site.
//
// The records' pages are dealt out (DealtOut) from `threads` stretches of
// the table, so that each thread works mostly in a stretch of its own. The
// table lists pages that share a folder together (a review's
// recommendations); two threads making folders in one folder at once wait
// on its lock, which ext4 holds through each mkdir, and spin: 2-3% of a
// build's CPU at 10,000 recommendations, 0.1-0.2% dealt out
// (bench/README.md, 2026-11-27, seventh session).
std::vector<size_t> RenderOrder(const PageSources& sources, unsigned threads) {
  std::vector<size_t> order;
  order.reserve(sources.table.size());
  for (size_t i = 0; i < sources.table.size(); ++i) {
    if (i < sources.record_rows_begin || i >= sources.record_rows_end) {
      order.push_back(i);
    }
  }
  for (size_t row :
       DealtOut(sources.record_rows_end - sources.record_rows_begin, threads)) {
    order.push_back(sources.record_rows_begin + row);
  }
  return order;
}

// Renders every page of the table on every core, in RenderOrder. A
// write-through tree takes each page as soon as it is rendered, so that
// only the pages being rendered are in memory; an in-memory tree takes
// them once all are rendered, in table order, so that which of two pages
// that share a file it keeps never depends on which thread finished first.
// Either way a clash is reported once for every page after the first at a
// file. The builders run on several threads at once: they may only read
// the sources.
void RenderPages(const PageSources& sources, OutputTree* out,
                 Diagnostics& diagnostics) {
  const std::vector<PageSpec>& pages = sources.table;
  const unsigned threads = ParallelThreadCount(pages.size());
  const std::vector<size_t> order = RenderOrder(sources, threads);
  if (out->writes_through()) {
    // Each thread renders its pages into one buffer and writes them from
    // it: no page is copied, or allocated and freed (387 MB at 10,000
    // recommendations).
    ParallelFor(order.size(), threads, [&](size_t k) {
      thread_local std::string buffer;
      buffer.clear();
      const PageSpec& page = pages[order[k]];
      sources.renderer.RenderHtmlTo(page, &buffer);
      AddPageView(page.path, buffer, sources.RepeatsAnId(order[k]), out,
                  diagnostics);
      if (buffer.capacity() > kKeptPageCapacity) std::string().swap(buffer);
    });
    return;
  }
  std::vector<std::string> html(pages.size());
  ParallelFor(order.size(), threads, [&](size_t k) {
    html[order[k]] = sources.renderer.RenderHtml(pages[order[k]]);
  });
  for (size_t i = 0; i < pages.size(); ++i) {
    AddPage(pages[i].path, std::move(html[i]), sources.RepeatsAnId(i), out,
            diagnostics);
  }
}

// Adds the open data to `out` deferred, each file made from the full
// publications when it is first read, as WriteOpenData would add it.
void DeferOpenData(const std::shared_ptr<const PageSources>& sources,
                   OutputTree* out) {
  const std::vector<OpenDataFile>& files = sources->publications.data;
  for (size_t i = 0; i < files.size(); ++i) {
    out->AddDeferred(files[i].path, [sources, i] {
      const OpenDataFile& file = sources->Full().data[i];
      assert(file.path == sources->publications.data[i].path);
      return file.contents;
    });
  }
}

// Adds the feeds and calendars to `out` deferred, and robots.txt, as
// WritePublications would.
void DeferPublications(const std::shared_ptr<const PageSources>& sources,
                       OutputTree* out) {
  const Publications& outline = sources->publications;
  for (size_t i = 0; i < outline.feeds.size(); ++i) {
    out->AddDeferred(outline.feeds[i].path, [sources, i] {
      const AtomFeed& feed = sources->Full().feeds[i];
      assert(feed.path == sources->publications.feeds[i].path);
      return RenderAtomFeed(sources->site, feed, sources->templates);
    });
  }
  for (size_t i = 0; i < outline.calendars.size(); ++i) {
    out->AddDeferred(outline.calendars[i].path, [sources, i] {
      const CalendarFile& calendar = sources->Full().calendars[i];
      assert(calendar.path == sources->publications.calendars[i].path);
      return RenderCalendarFile(calendar, sources->templates);
    });
  }
  WriteRobotsTxt(sources->site, sources->templates, out);
}

// Adds every page of the table to `out` deferred, in table order, as
// RenderPages would: each holds the sources until the tree is gone.
void DeferPages(const std::shared_ptr<const PageSources>& sources,
                OutputTree* out, Diagnostics& diagnostics) {
  for (size_t i = 0; i < sources->table.size(); ++i) {
    const std::string file = OutputFileOf(sources->table[i].path);
    bool added = out->AddDeferred(file, [sources, i] {
      return sources->renderer.RenderHtml(sources->table[i]);
    });
    if (!added && !sources->RepeatsAnId(i))
      ReportOutputClash(file, diagnostics);
  }
}

std::vector<std::string> RequiredTemplates() {
  std::vector<std::string> names = {"layout",  "home",           "list",
                                    "404",     "recommendation", "tracker",
                                    "changes", "changes_index"};
  for (const KindSpec& kind : ContentKinds()) names.emplace_back(kind.name);
  for (std::string& name : PublicationTemplates()) names.push_back(name);
  return names;
}

void CopyTheme(const FileSystem& files, OutputTree* out,
               Diagnostics& diagnostics) {
  // A site may have no theme, but a theme that is a file is a mistake: its
  // pages would link to a stylesheet that is not there.
  std::string ignored;
  if (!files.IsDirectory("theme") &&
      files.ReadFile("theme", &ignored, &ignored)) {
    diagnostics.Error(SourceLocation{"theme", 0, 0},
                      "theme is a file, not a folder",
                      "theme/ holds the stylesheets, fonts and images the "
                      "pages link to, such as theme/site.css");
    return;
  }
  const DirectoryListing listing = files.ListFiles("theme");
  ReportRefused(listing,
                "the theme is published as it is: copy the file into theme/ "
                "rather than linking to it",
                diagnostics);
  for (const std::string& path : listing.files) {
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
    if (!out->Add(output, std::move(contents))) {
      ReportOutputClash(output, diagnostics);
    }
  }
}

}  // namespace

void RenderSite(const Site& site, const FileSystem& files, OutputTree* out,
                Diagnostics& diagnostics, const PageRendering& rendering) {
  auto sources = std::make_shared<PageSources>(site);
  TemplateSet& templates = sources->templates;
  if (!templates.Load(files, RequiredTemplates(), diagnostics)) return;
  // Every recommendation's story, traced once: its page, the dashboards,
  // the tracker and the "what changed" pages all read it.
  const Histories& histories = sources->histories = [&] {
    StageTimer timer("histories");
    return TraceHistories(site);
  }();
  // The pages link to the feeds, calendars and open data, but need only
  // their outline: their paths and titles (OutlinePublications, 6-8 ms at
  // 10,000 recommendations). With pages on demand the files are made when
  // first read. A build that writes through plans them in full beside the
  // pages, on a thread of its own, and writes each open-data file as soon
  // as it is made, and frees it (90 MB at 10,000 recommendations, which
  // the build never holds at once). Planned before the pages, they took
  // 150 ms there on 1.6 cores, and the second core idled for a fifth of it.
  // A build into memory plans them in full before the pages.
  const bool beside_pages = !rendering.on_demand && out->writes_through();
  const Publications& publications = sources->publications = [&] {
    if (rendering.on_demand || beside_pages) {
      StageTimer timer("outline feeds, calendars and open data");
      return OutlinePublications(site, histories);
    }
    StageTimer timer("plan feeds, calendars and open data");
    Publications planned = PlanPublications(site, histories);
    WriteOpenData(&planned, out);
    return planned;
  }();
  sources->outlined = rendering.on_demand || beside_pages;
  if (beside_pages) {
    sources->plan_full = [in = sources.get(), out] {
      return PlanPublications(in->site, in->histories, OpenDataTo(out));
    };
  }
  if (rendering.on_demand) DeferOpenData(sources, out);
  sources->renderer.set_publications(&publications);

  const std::vector<ChangesWindow>& windows = sources->windows =
      ChangesWindows(site, histories);

  // Every page, one row each. The record pages are most of a build's work
  // and the "what changed" pages much of the rest; every builder only reads
  // the site and the sources, so RenderPages renders the rows on every
  // core. The builders point to the sources, which never move, so that a
  // page rendered on demand can still read them after RenderSite returns.
  const PageSources* in = sources.get();
  std::vector<PageSpec>& table = sources->table;
  table.reserve(site.records.size() + windows.size() + 32);
  table.push_back({"", "home", site.config.title, "home",
                   [in](const FieldConverter& fields) {
                     return HomeData(in->site, in->histories, fields);
                   }});
  table.push_back({"404.html", "404", "Page not found", "error",
                   [](const FieldConverter&) {
                     return TemplateData{TemplateData::type::object};
                   },
                   // Served at any depth, so its links cannot be relative.
                   BaseUrlPath(site.config.base_url)});

  std::vector<RecordKind> kinds;
  for (const KindSpec& kind : ContentKinds()) kinds.push_back(kind.kind);
  kinds.push_back(RecordKind::kRecommendation);
  for (RecordKind kind : kinds) {
    const KindSpec& spec = SpecOf(kind);
    table.push_back({KindIndexPath(kind), "list", std::string(spec.plural),
                     spec.name, [in, kind](const FieldConverter& fields) {
                       return KindIndexData(in->site, in->histories, kind,
                                            fields);
                     }});
  }
  sources->record_rows_begin = table.size();
  for (size_t i = 0; i < site.records.size(); ++i) {
    const Record& record = site.records[i];
    const KindSpec& spec = SpecOf(record.kind);
    table.push_back({RecordPath(record), std::string(spec.name), record.title,
                     spec.name, [in, i](const FieldConverter& fields) {
                       TemplateData data =
                           RecordPageData(in->site, in->histories, i, fields);
                       AddRecordMetadata(in->site, in->histories, i, fields,
                                         &data);
                       AddRecordFeedLinks(in->publications, i, fields, &data);
                       return data;
                     }});
  }
  sources->record_rows_end = table.size();
  table.push_back({TrackerPath(), "tracker", "Recommendation tracker",
                   "tracker", [in](const FieldConverter& fields) {
                     return TrackerData(in->site, in->histories, fields);
                   }});
  table.push_back({ChangesIndexPath(), "changes_index", "What changed",
                   "changes", [in](const FieldConverter& fields) {
                     return ChangesIndexData(in->windows, fields);
                   }});
  for (size_t i = 0; i < windows.size(); ++i) {
    const ChangesWindow& window = windows[i];
    std::string title = window.title.empty()
                            ? "What changed: " + window.from.Display() +
                                  (window.from.Iso() == window.to.Iso()
                                       ? ""
                                       : " to " + window.to.Display())
                            : window.title;
    table.push_back({ChangesPath(window.slug), "changes", std::move(title),
                     "changes", [in, i](const FieldConverter& fields) {
                       return ChangesData(in->site, in->histories,
                                          in->windows[i], fields);
                     }});
  }
  table.push_back({DownloadsPath(), "downloads", "Downloads and open data",
                   "downloads", [in](const FieldConverter& fields) {
                     // It counts the records of each open-data file.
                     return DownloadsData(in->site, in->Full(), fields);
                   }});
  table.push_back({SearchPath(), "search", "Search", "search",
                   [in](const FieldConverter& fields) {
                     return SearchPageData(in->site, in->histories, fields);
                   }});
  table.push_back({AccessibilityPath(), "accessibility",
                   "Accessibility statement", "accessibility",
                   [in](const FieldConverter& fields) {
                     return AccessibilityData(in->site, fields);
                   }});
  if (rendering.on_demand) {
    templates.ReportRenderErrorsTo(rendering.page_diagnostics);
    DeferPages(sources, out, diagnostics);
    if (rendering.forget_made != nullptr) {
      *rendering.forget_made = [sources, out](std::vector<std::string>* made) {
        sources->ForgetFull();
        sources->renderer.ForgetMarkdown();
        sources->renderer.ForgetRecordData();
        out->ForgetMade(made);
      };
    }
    if (rendering.refresh != nullptr) {
      *rendering.refresh = [sources](const SiteChange& change) {
        return sources->Refresh(change);
      };
    }
  } else {
    StageTimer timer(beside_pages ? "pages, with feeds, calendars and open data"
                                  : "pages");
    std::thread planner;
    if (beside_pages) {
      planner = std::thread([in] { in->Full(); });
    }
    RenderPages(*sources, out, diagnostics);
    if (planner.joinable()) planner.join();
    if (rendering.keep_until_exit) KeepUntilExit(sources);
  }
  CopyTheme(files, out, diagnostics);
  if (rendering.on_demand) {
    DeferPublications(sources, out);
  } else {
    StageTimer timer("feeds, calendars and open data");
    WritePublications(site, sources->Full(), templates, out);
  }
  // Last: the sitemap lists every page written above.
  WriteSitemap(site, templates, out);
}

}  // namespace scrutineer
