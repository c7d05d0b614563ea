// Feeds: the Atom feeds (RFC 4287) and iCalendar files (RFC 5545) of a
// site, planned once per build from the linked Site and the traced
// Histories, and turned into the data templates/atom.xml.mustache and
// templates/calendar.ics.mustache render.
//
// Atom feeds: the site's, each committee's, each review's and workshop's,
// and each recommendation's (so that anyone can follow one recommendation's
// progress). Entries are dated records (reviews, progress updates, meetings,
// papers, workshops) or, in a recommendation's feed, the dated events of its
// history. Atom ids and links must be absolute, so feeds are planned only
// when the site has a base_url. An entry's `updated` is its record's date (a
// partial date stands for its first day), never the time of the build;
// records that give no date have no entry.
//
// Calendars: the site's and each committee's, holding meetings, workshops
// and timeline milestones. A calendar event needs a day: records dated only
// to a month or a year are left out (an all-day event spanning a month would
// say something the source does not), and so are records with no date.
//
// Only feeds and calendars with at least one entry or event are planned, so
// every link to one leads somewhere.
#ifndef SCRUTINEER_RENDER_FEEDS_H_
#define SCRUTINEER_RENDER_FEEDS_H_

#include <string>
#include <string_view>
#include <vector>

#include "model/partial_date.h"
#include "model/site.h"
#include "render/recommendation_history.h"
#include "render/templates.h"

namespace scrutineer {

struct FeedEntry {
  std::string id;            // an absolute IRI, the same in every build
  std::string title;         // plain text
  std::string url;           // absolute
  PartialDate date;          // the record's date; `updated` is its first day
  std::string category;      // "meeting", "progress update", ...
  std::string summary;       // plain text; may be empty
  std::string content_html;  // HTML with absolute links; may be empty
};

struct AtomFeed {
  std::string path;  // site-relative: "feed.xml", "reviews/x/feed.xml"
  std::string title;
  size_t record = kNoRecord;       // whose page links it; kNoRecord: the site's
  std::vector<FeedEntry> entries;  // newest first
};

/// Every Atom feed with at least one entry: the site's first, then one per
/// committee, review, workshop and recommendation in site order. Empty when
/// the site has no base_url. Without `with_text`, entries have no
/// content_html (no Markdown is rendered, which is most of the work): the
/// same feeds with the same entries otherwise, for what links to them.
std::vector<AtomFeed> PlanAtomFeeds(const Site& site,
                                    const Histories& histories,
                                    bool with_text = true);

/// The data of templates/atom.xml.mustache: {id, title, self, alternate,
/// updated, author, generator, entries: [{id, title, url, updated,
/// published, category, summary, content}]}, every string safe for XML.
TemplateData AtomFeedData(const Site& site, const AtomFeed& feed);

struct CalendarEvent {
  std::string uid;  // from the record id: stable across builds
  PartialDate day;  // a full date
  std::string summary;
  std::string description;  // may be empty
  std::string location;     // may be empty
  std::string url;          // absolute; empty without a base_url
};

struct CalendarFile {
  std::string path;  // "calendar.ics", "committees/x/calendar.ics"
  std::string title;
  size_t record = kNoRecord;          // the committee; kNoRecord: the site's
  std::vector<CalendarEvent> events;  // oldest first
};

/// The site's calendar and one per committee, each with at least one
/// event. Without `with_text`, milestones' events have no summary (no
/// Markdown is rendered): the same files and events otherwise.
std::vector<CalendarFile> PlanCalendars(const Site& site,
                                        bool with_text = true);

/// The data of templates/calendar.ics.mustache: {name, product, events:
/// [{uid, stamp, start, end, summary, description, location, url}]}. Text
/// values are already escaped for iCalendar (see CalendarText), so the
/// template inserts them raw; the rendered text still needs
/// FoldCalendarLines.
TemplateData CalendarData(const CalendarFile& calendar);

/// `text` as an iCalendar TEXT value (RFC 5545 3.3.11): '\', ';' and ','
/// escaped with '\', newlines as "\n", other control characters dropped.
std::string CalendarText(std::string_view text);

/// Rendered calendar text with RFC 5545's line rules: every line ends in
/// CRLF and lines longer than 75 octets are folded (CRLF and a space),
/// never inside a UTF-8 character. Blank lines, which only the template's
/// layout makes, are dropped.
std::string FoldCalendarLines(std::string_view text);

/// `text` without the characters XML 1.0 forbids (C0 controls other than
/// tab, newline and carriage return).
std::string XmlSafe(std::string_view text);

/// The text a reader sees in an HTML fragment: tags dropped, the common
/// entities decoded, whitespace collapsed. For plain-text fields (iCalendar
/// descriptions, Atom summaries) made from rendered Markdown.
std::string PlainTextOf(std::string_view html);

}  // namespace scrutineer

#endif  // SCRUTINEER_RENDER_FEEDS_H_
