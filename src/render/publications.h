// Publications: what a site publishes besides its record pages. The Atom
// feeds and iCalendar files (feeds.h), the open data (open_data.h), the
// sitemap and robots.txt, and the pages that go with them: downloads,
// search and the accessibility statement.
//
// Consumes: the linked Site, its Histories and the TemplateSet.
// Produces: files in the OutputTree, and the data of the pages and links
// that lead to them.
//
// The render stage plans the publications once (PlanPublications), so that
// the pages link only to feeds that exist, writes the open data at once
// (OpenDataTo, WriteOpenData), the feeds and calendars after the pages
// (WritePublications) and the sitemap of every page last (WriteSitemap).
#ifndef SCRUTINEER_RENDER_PUBLICATIONS_H_
#define SCRUTINEER_RENDER_PUBLICATIONS_H_

#include <string>
#include <unordered_map>
#include <vector>

#include "model/site.h"
#include "render/feeds.h"
#include "render/field_data.h"
#include "render/open_data.h"
#include "render/recommendation_history.h"
#include "render/templates.h"
#include "write/output_tree.h"

namespace scrutineer {

struct Publications {
  std::vector<AtomFeed> feeds;
  std::vector<CalendarFile> calendars;
  std::vector<OpenDataFile> data;

  /// The feed or calendar of record `index` (kNoRecord: the site's), or
  /// nullptr when it has none.
  const AtomFeed* FeedOf(size_t index) const;
  const CalendarFile* CalendarOf(size_t index) const;

  std::unordered_map<size_t, size_t> feed_by_record;
  std::unordered_map<size_t, size_t> calendar_by_record;
};

/// Plans every feed and calendar and builds the open data, handing each
/// open-data file's contents to `sink` when given (see BuildOpenData).
Publications PlanPublications(const Site& site, const Histories& histories,
                              const OpenDataSink& sink = {});

/// What PlanPublications plans, at a small part of the cost: the same
/// feeds, calendars and open-data files at the same paths, with the same
/// titles, records, entries and events, but no Markdown rendered into them
/// and no open data made (no contents, no counts). Enough for every page
/// that links to them; not for the files themselves, nor the downloads
/// page.
Publications OutlinePublications(const Site& site, const Histories& histories);

/// The templates publications need, for TemplateSet::Load's required list.
std::vector<std::string> PublicationTemplates();

/// Moves the open data into an in-memory `out`, leaving the files'
/// `contents` empty: the pages need only the rest. A build that writes
/// through to disk hands each file to `out` as it is made instead
/// (OpenDataTo).
void WriteOpenData(Publications* publications, OutputTree* out);
/// A sink for PlanPublications that adds each open-data file to `out`, a
/// write-through tree, as soon as it is made.
OpenDataSink OpenDataTo(OutputTree* out);

/// Renders the feeds, calendars and robots.txt into `out`.
void WritePublications(const Site& site, const Publications& publications,
                       const TemplateSet& templates, OutputTree* out);

/// The text of one feed or calendar, as WritePublications writes it.
std::string RenderAtomFeed(const Site& site, const AtomFeed& feed,
                           const TemplateSet& templates);
std::string RenderCalendarFile(const CalendarFile& calendar,
                               const TemplateSet& templates);

/// Renders robots.txt into `out`, as WritePublications does.
void WriteRobotsTxt(const Site& site, const TemplateSet& templates,
                    OutputTree* out);

/// Renders sitemap.xml, listing every HTML page in `out` but 404.html, when
/// the site has a base_url (the sitemap protocol needs absolute URLs). Call
/// it after every page has been added.
void WriteSitemap(const Site& site, const TemplateSet& templates,
                  OutputTree* out);

/// Data every page has: `site_links` {search, downloads, accessibility}
/// and `site_feed` {href, title} when the site has a feed, relative to
/// `root`.
void AddSiteLinks(const Publications& publications, const std::string& root,
                  TemplateData* page);

/// A record page's own feed and calendar: `feeds` [{href, title}] and
/// `calendar` {href, title}, when it has them.
void AddRecordFeedLinks(const Publications& publications, size_t index,
                        const FieldConverter& fields, TemplateData* page);

/// The downloads page: `groups` [{title, items: [{href, title, format,
/// description, count}]}], `licence` {name, url}, `base_url_missing`.
TemplateData DownloadsData(const Site& site, const Publications& publications,
                           const FieldConverter& fields);

/// The search page: the filter options [{name, label, options: [value]}]
/// the record pages carry, and where the search index would be.
TemplateData SearchPageData(const Site& site, const Histories& histories,
                            const FieldConverter& fields);

/// The accessibility statement page, from site.yaml's `accessibility`.
TemplateData AccessibilityData(const Site& site, const FieldConverter& fields);

}  // namespace scrutineer

#endif  // SCRUTINEER_RENDER_PUBLICATIONS_H_
