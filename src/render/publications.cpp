#include "render/publications.h"

#include <algorithm>
#include <map>
#include <set>
#include <thread>

#include "render/page_metadata.h"
#include "render/urls.h"
#include "util/parallel_for.h"

namespace scrutineer {
namespace {

// A URL a template inserts raw (robots.txt): no spaces or control
// characters, so that a strange base_url cannot add lines.
std::string WithoutControls(std::string_view url) {
  std::string out;
  for (char c : url) {
    if (static_cast<unsigned char>(c) > 0x20 && c != 0x7f) out += c;
  }
  return out;
}

TemplateData Link(const std::string& href, const std::string& title) {
  TemplateData link;
  link.set("href", href);
  link.set("title", title);
  return link;
}

TemplateData DownloadItem(const std::string& root, const std::string& path,
                          const std::string& title, const std::string& format,
                          const std::string& description, size_t count) {
  TemplateData item = Link(root + path, title);
  item.set("path", path);
  item.set("format", format);
  item.set("description", description);
  if (count > 0) item.set("count", std::to_string(count));
  return item;
}

TemplateData Group(const std::string& title, const std::string& id,
                   TemplateData items) {
  TemplateData group;
  group.set("title", title);
  group.set("id", id);
  SetList(&group, "items", std::move(items));
  return group;
}

TemplateData TextList(const std::vector<std::string>& texts,
                      const FieldConverter& fields) {
  TemplateData list{TemplateData::type::list};
  for (const std::string& text : texts) {
    list.push_back(fields.MarkdownData(text));
  }
  return list;
}

}  // namespace

const AtomFeed* Publications::FeedOf(size_t index) const {
  auto it = feed_by_record.find(index);
  return it == feed_by_record.end() ? nullptr : &feeds[it->second];
}

const CalendarFile* Publications::CalendarOf(size_t index) const {
  auto it = calendar_by_record.find(index);
  return it == calendar_by_record.end() ? nullptr : &calendars[it->second];
}

namespace {

// Which feed and which calendar belong to each record.
void IndexByRecord(Publications* publications) {
  for (size_t i = 0; i < publications->feeds.size(); ++i)
    publications->feed_by_record[publications->feeds[i].record] = i;
  for (size_t i = 0; i < publications->calendars.size(); ++i)
    publications->calendar_by_record[publications->calendars[i].record] = i;
}

}  // namespace

Publications PlanPublications(const Site& site, const Histories& histories,
                              const OpenDataSink& sink) {
  Publications publications;
  // Feeds and open data are planned side by side, each spreading its own
  // records over the cores too.
  const unsigned threads = std::thread::hardware_concurrency() > 1 ? 2 : 1;
  ParallelFor(2, threads, [&](size_t part) {
    if (part == 0) {
      publications.feeds = PlanAtomFeeds(site, histories);
    } else {
      publications.calendars = PlanCalendars(site);
      publications.data = BuildOpenData(site, histories, sink);
    }
  });
  IndexByRecord(&publications);
  return publications;
}

Publications OutlinePublications(const Site& site, const Histories& histories) {
  Publications publications;
  publications.feeds = PlanAtomFeeds(site, histories, /*with_text=*/false);
  publications.calendars = PlanCalendars(site, /*with_text=*/false);
  publications.data = DescribeOpenData(site, histories);
  IndexByRecord(&publications);
  return publications;
}

std::vector<std::string> PublicationTemplates() {
  return {"atom.xml",  "calendar.ics", "sitemap.xml",  "robots.txt",
          "downloads", "search",       "accessibility"};
}

std::string RenderAtomFeed(const Site& site, const AtomFeed& feed,
                           const TemplateSet& templates) {
  return templates.Render("atom.xml", AtomFeedData(site, feed));
}

std::string RenderCalendarFile(const CalendarFile& calendar,
                               const TemplateSet& templates) {
  return FoldCalendarLines(
      templates.Render("calendar.ics", CalendarData(calendar)));
}

void WritePublications(const Site& site, const Publications& publications,
                       const TemplateSet& templates, OutputTree* out) {
  for (const AtomFeed& feed : publications.feeds)
    out->Add(feed.path, RenderAtomFeed(site, feed, templates));
  for (const CalendarFile& calendar : publications.calendars)
    out->Add(calendar.path, RenderCalendarFile(calendar, templates));
  WriteRobotsTxt(site, templates, out);
}

void WriteRobotsTxt(const Site& site, const TemplateSet& templates,
                    OutputTree* out) {
  TemplateData robots;
  if (!site.config.base_url.empty()) {
    robots.set("sitemap",
               WithoutControls(site.config.base_url + SitemapPath()));
  }
  out->Add(RobotsPath(), templates.Render("robots.txt", robots));
}

void WriteOpenData(Publications* publications, OutputTree* out) {
  // Add() on an in-memory tree is for one thread at a time, and moving the
  // bytes in costs nothing.
  for (OpenDataFile& file : publications->data) {
    out->Add(file.path, std::move(file.contents));
  }
}

OpenDataSink OpenDataTo(OutputTree* out) {
  return [out](const std::string& path, std::vector<std::string> pieces) {
    out->AddPieces(path, pieces);
  };
}

void WriteSitemap(const Site& site, const TemplateSet& templates,
                  OutputTree* out) {
  if (site.config.base_url.empty()) return;
  static const std::string kIndex = "index.html";
  TemplateData urls{TemplateData::type::list};
  for (const std::string& path : out->Paths()) {
    if (!IsHtmlFile(path) || path == "404.html") continue;
    std::string page = path;
    if (page.size() >= kIndex.size() &&
        page.compare(page.size() - kIndex.size(), kIndex.size(), kIndex) == 0)
      page.erase(page.size() - kIndex.size());
    TemplateData url;
    url.set("loc", XmlSafe(site.config.base_url + page));
    urls.push_back(url);
  }
  TemplateData data;
  data.set("urls", urls);
  out->Add(SitemapPath(), templates.Render("sitemap.xml", data));
}

void AddSiteLinks(const Publications& publications, const std::string& root,
                  TemplateData* page) {
  TemplateData links;
  links.set("search", root + SearchPath());
  links.set("downloads", root + DownloadsPath());
  links.set("accessibility", root + AccessibilityPath());
  page->set("site_links", links);
  if (const AtomFeed* feed = publications.FeedOf(kNoRecord))
    page->set("site_feed", Link(root + feed->path, feed->title));
}

void AddRecordFeedLinks(const Publications& publications, size_t index,
                        const FieldConverter& fields, TemplateData* page) {
  TemplateData feeds{TemplateData::type::list};
  if (const AtomFeed* feed = publications.FeedOf(index))
    feeds.push_back(Link(fields.root() + feed->path, feed->title));
  SetList(page, "feeds", feeds);
  if (const CalendarFile* calendar = publications.CalendarOf(index))
    page->set("calendar",
              Link(fields.root() + calendar->path, calendar->title));
}

TemplateData DownloadsData(const Site& site, const Publications& publications,
                           const FieldConverter& fields) {
  const std::string& root = fields.root();
  TemplateData page;
  TemplateData groups{TemplateData::type::list};
  TemplateData feeds{TemplateData::type::list};
  for (const AtomFeed& feed : publications.feeds) {
    // Recommendations' feeds are many: each is linked from its own page.
    if (feed.record != kNoRecord &&
        site.records[feed.record].kind == RecordKind::kRecommendation)
      continue;
    std::string what =
        feed.record == kNoRecord
            ? "Everything new on the site"
            : "New papers, meetings and updates of this " +
                  std::string(KindName(site.records[feed.record].kind));
    feeds.push_back(DownloadItem(root, feed.path, feed.title, "Atom",
                                 what + ", newest first.",
                                 feed.entries.size()));
  }
  groups.push_back(Group("Feeds", "feeds", feeds));
  TemplateData calendars{TemplateData::type::list};
  for (const CalendarFile& calendar : publications.calendars) {
    calendars.push_back(DownloadItem(
        root, calendar.path, calendar.title, "iCalendar",
        "Meetings, workshops and timeline milestones with a stated day.",
        calendar.events.size()));
  }
  groups.push_back(Group("Calendars", "calendars", calendars));
  std::map<std::string, TemplateData> by_format;
  std::vector<std::string> formats;
  for (const OpenDataFile& file : publications.data) {
    if (!by_format.count(file.format)) {
      formats.push_back(file.format);
      by_format[file.format] = TemplateData{TemplateData::type::list};
    }
    by_format[file.format].push_back(DownloadItem(root, file.path, file.title,
                                                  file.format, file.description,
                                                  file.count));
  }
  for (const std::string& format : formats) {
    std::string id = format;
    std::transform(id.begin(), id.end(), id.begin(), [](char c) {
      return c == ' ' ? '-' : static_cast<char>(std::tolower(c));
    });
    groups.push_back(Group("Open data: " + format, id, by_format[format]));
  }
  page.set("groups", groups);
  TemplateData licence;
  licence.set("name", std::string(kOpenDataLicence));
  licence.set("url", std::string(kOpenDataLicenceUrl));
  page.set("licence", licence);
  page.set("base_url_missing", site.config.base_url.empty());
  page.set("publisher", site.config.organisation.empty()
                            ? site.config.title
                            : site.config.organisation);
  return page;
}

TemplateData SearchPageData(const Site& site, const Histories& histories,
                            const FieldConverter& fields) {
  std::map<std::string, std::set<std::string>> values;
  for (size_t i = 0; i < site.records.size(); ++i) {
    for (const SearchFilter& filter : SearchFiltersOf(site, histories, i))
      values[filter.name].insert(filter.value);
  }
  TemplateData filters{TemplateData::type::list};
  for (const SearchFilterName& name : SearchFilterNames()) {
    TemplateData options{TemplateData::type::list};
    const std::set<std::string>& set = values[name.name];
    std::vector<std::string> sorted(set.begin(), set.end());
    // Years newest first; words in alphabetical order.
    if (std::string(name.name) == "year")
      std::reverse(sorted.begin(), sorted.end());
    for (const std::string& value : sorted) options.push_back(value);
    TemplateData filter;
    filter.set("name", std::string(name.name));
    filter.set("label", std::string(name.label));
    filter.set("options", options);
    filters.push_back(filter);
  }
  TemplateData page;
  page.set("filters", filters);
  page.set("bundle", fields.root() + "pagefind/");
  page.set("script", fields.root() + "theme/search.js");
  return page;
}

TemplateData AccessibilityData(const Site& site, const FieldConverter& fields) {
  const AccessibilityStatement& statement = site.config.accessibility;
  TemplateData page;
  page.set("publisher", site.config.organisation.empty()
                            ? site.config.title
                            : site.config.organisation);
  if (!statement.contact_email.empty())
    page.set("contact_email", statement.contact_email);
  if (!statement.contact_phone.empty())
    page.set("contact_phone", statement.contact_phone);
  if (statement.response_days > 0)
    page.set("response_days", std::to_string(statement.response_days));
  page.set("has_contact", !statement.contact_email.empty() ||
                              !statement.contact_phone.empty());
  page.set("enforcement_" + statement.enforcement, true);
  if (!statement.compliance_status.empty()) {
    page.set("compliance_" + statement.compliance_status, true);
  } else {
    page.set("compliance_unstated", true);
  }
  SetList(&page, "known_problems", TextList(statement.known_problems, fields));
  SetList(&page, "non_compliant_items",
          TextList(statement.non_compliant_items, fields));
  SetList(&page, "disproportionate_burden",
          TextList(statement.disproportionate_burden, fields));
  SetList(&page, "out_of_scope", TextList(statement.out_of_scope, fields));
  if (!statement.improvements.empty())
    page.set("improvements", fields.MarkdownData(statement.improvements));
  if (statement.prepared)
    page.set("prepared", FieldConverter::Date(*statement.prepared));
  if (statement.last_reviewed)
    page.set("last_reviewed", FieldConverter::Date(*statement.last_reviewed));
  if (statement.last_tested)
    page.set("last_tested", FieldConverter::Date(*statement.last_tested));
  if (!statement.tested_by.empty()) page.set("tested_by", statement.tested_by);
  return page;
}

}  // namespace scrutineer
