// Every URL and output-path rule of the site, in one place. Templates get
// the results through page contexts; the writer and the link checker use
// the same functions.
//
// Pages have pretty URLs: a record's page is "<kind folder>/<id>/", written
// as "<kind folder>/<id>/index.html". Links between pages are relative
// ("../../reviews/x/"), so a site works under any sub-path and from a
// folder on disk without configuration.
#ifndef SCRUTINEER_RENDER_URLS_H_
#define SCRUTINEER_RENDER_URLS_H_

#include <string>
#include <string_view>

#include "model/schema.h"
#include "model/site.h"

namespace scrutineer {

/// The site-relative URL of a record's page: "reviews/x/",
/// "recommendations/x/r16/". Never starts with '/'.
std::string RecordPath(const Record& record);
/// `root` followed by RecordPath(record): the href of a record's page from
/// a page whose way to the site root is `root`.
std::string RecordPathFrom(std::string_view root, const Record& record);
/// The site-relative URL of a kind's index page: "reviews/".
std::string KindIndexPath(RecordKind kind);
/// The output file of a site-relative URL: "" -> "index.html",
/// "reviews/x/" -> "reviews/x/index.html"; a URL naming a file is its own
/// output file ("404.html").
std::string OutputFileOf(const std::string& path);
/// True when the output file at `path` is an HTML page ("x/index.html",
/// "404.html"): what the link check scans, the sitemap lists and the
/// preview serves as a page.
inline bool IsHtmlFile(std::string_view path) {
  constexpr std::string_view kHtml = ".html";
  return path.size() >= kHtml.size() &&
         path.substr(path.size() - kHtml.size()) == kHtml;
}
/// The prefix that leads from the page at `page_path` to the site root:
/// "" for the home page, "../../" for "reviews/x/".
std::string RootPrefix(const std::string& page_path);
/// The site-wide recommendation tracker: "tracker/".
std::string TrackerPath();
/// The index of the "what changed" pages, and one of them: "changes/",
/// "changes/2017/". `slug` is made of digits and '-' (see ChangesWindow).
std::string ChangesIndexPath();
std::string ChangesPath(std::string_view slug);
/// The output path of a theme asset: "theme/site.css".
std::string AssetPath(std::string_view theme_relative);
/// Where the site's root is on its host, from site.yaml's base_url:
/// "https://example.gov.uk/scrutiny/" -> "/scrutiny/"; an empty base_url or
/// one without a path -> "/". Starts and ends with '/'. Pages that are served
/// at any depth (404.html), the preview server and the link checker use it.
std::string BaseUrlPath(const std::string& base_url);

// Publishing: feeds, calendars, the sitemap, open data and the pages that
// list them (see render/publications.h).
/// The site's Atom feed and calendar: "feed.xml", "calendar.ics".
std::string SiteFeedPath();
std::string SiteCalendarPath();
/// A record's own feed and calendar, beside its page:
/// "reviews/x/feed.xml", "committees/x/calendar.ics".
std::string FeedPathOf(const Record& record);
std::string CalendarPathOf(const Record& record);
/// "sitemap.xml" and "robots.txt".
std::string SitemapPath();
std::string RobotsPath();
/// An open-data file: "data/recommendations.csv". `file` is one of the
/// fixed names render/open_data.cpp writes.
std::string OpenDataPath(std::string_view file);
/// The downloads, search and accessibility statement pages.
std::string DownloadsPath();
std::string SearchPath();
std::string AccessibilityPath();
/// The absolute URL of a site-relative path: base_url + path. Empty when the
/// site has no base_url.
std::string AbsoluteUrl(const std::string& base_url, const std::string& path);

}  // namespace scrutineer

#endif  // SCRUTINEER_RENDER_URLS_H_
