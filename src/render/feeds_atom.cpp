// The Atom feeds (see feeds.h):
//  1. Every dated record of the kinds a feed reports (reviews, progress
//     updates, meetings, papers, workshops) is placed in the site's feed,
//     its committee's feed, and the feeds of the reviews and workshops it
//     links to (to them or to one of their recommendations, itself or
//     through one of its own recommendations).
//  2. A recommendation's feed holds the dated events of its traced history,
//     except progress updates that say nothing of it.
//  3. Site and committee feeds keep the newest kMaxEntries entries; the
//     complete record is in the open data. Entries are made only for what
//     is kept, and once per record however many feeds keep it, so a large
//     archive renders its Markdown once more per entry kept, not per record.
//  4. Entries, then each record's feed, are made on every core (slot i for
//     record i) and gathered in site order.
#include <algorithm>
#include <map>
#include <set>

#include "render/feeds.h"
#include "render/field_data.h"
#include "render/open_data.h"
#include "render/record_facts.h"
#include "render/urls.h"
#include "scrutineer_version.h"
#include "util/parallel_for.h"

namespace scrutineer {
namespace {

constexpr size_t kMaxEntries = 50;

bool IsReported(RecordKind kind) {
  return kind == RecordKind::kReview || kind == RecordKind::kUpdate ||
         kind == RecordKind::kMeeting || kind == RecordKind::kPaper ||
         kind == RecordKind::kWorkshop;
}

std::string Rfc3339(const PartialDate& date) {
  PartialDate day = date;
  if (day.month == 0) day.month = 1;
  if (day.day == 0) day.day = 1;
  return day.Iso() + "T00:00:00Z";
}

std::string CommitteeName(const Site& site, const Record& record) {
  size_t committee = CommitteeOf(site, record);
  return committee == kNoRecord ? std::string() : site.records[committee].title;
}

// One line saying what a record is, for feed readers that show summaries.
std::string SummaryOf(const Site& site, const Record& record) {
  std::string committee = CommitteeName(site, record);
  std::string by = committee.empty() ? "" : " (" + committee + ")";
  switch (record.kind) {
    case RecordKind::kReview:
      return "Scrutiny review" + by + ".";
    case RecordKind::kUpdate: {
      const Record* review =
          site.Find(std::string(record.fields->Text("review")));
      return "Progress update" + by +
             (review ? " on the review " + review->title : std::string()) + ".";
    }
    case RecordKind::kMeeting:
      return "Meeting" + by + ".";
    case RecordKind::kPaper:
      return "Paper" + by + ".";
    case RecordKind::kWorkshop:
      return "Workshop" + by + ".";
    default:
      return std::string();
  }
}

FeedEntry RecordEntry(const Site& site, const Record& record,
                      const PartialDate& date, const FieldConverter& fields,
                      bool with_text) {
  FeedEntry entry;
  entry.url = fields.HrefOf(record);
  entry.id = entry.url;
  entry.title = record.title;
  entry.date = date;
  entry.category = std::string(KindName(record.kind));
  entry.summary = SummaryOf(site, record);
  if (!with_text) return entry;
  std::string_view summary = record.kind == RecordKind::kPaper
                                 ? record.fields->Text("summary")
                                 : std::string_view();
  if (!summary.empty()) entry.content_html = fields.Markdown(summary);
  if (!record.body->empty())
    entry.content_html += fields.Markdown(*record.body);
  return entry;
}

struct Dated {
  PartialDate date;
  size_t record;
};

// Newest first; ties in id order, so that the same input gives the same
// bytes.
void SortNewestFirst(const Site& site, std::vector<Dated>* items) {
  std::sort(items->begin(), items->end(), [&](const Dated& a, const Dated& b) {
    if (b.date < a.date) return true;
    if (a.date < b.date) return false;
    return site.records[a.record].id < site.records[b.record].id;
  });
}

// The newest `limit` of `items`, newest first.
std::vector<Dated> Newest(const Site& site, std::vector<Dated> items,
                          size_t limit) {
  SortNewestFirst(site, &items);
  if (items.size() > limit) items.resize(limit);
  return items;
}

// The entries of records that appear in feeds, each made once however many
// feeds it appears in (the site's, its committee's, its reviews'), since
// making one renders its Markdown.
class RecordEntries {
 public:
  /// Makes the entries of every record in `lists`, on every core.
  RecordEntries(const Site& site,
                const std::vector<const std::vector<Dated>*>& lists,
                const FieldConverter& fields, bool with_text)
      : slot_(site.records.size(), kNoRecord) {
    std::vector<Dated> wanted;
    for (const std::vector<Dated>* list : lists) {
      for (const Dated& item : *list) {
        if (slot_[item.record] != kNoRecord) continue;
        slot_[item.record] = wanted.size();
        wanted.push_back(item);
      }
    }
    entries_.resize(wanted.size());
    ParallelFor(wanted.size(), [&](size_t i) {
      entries_[i] = RecordEntry(site, site.records[wanted[i].record],
                                wanted[i].date, fields, with_text);
    });
  }

  /// A feed of the entries of `items` (made by the constructor), in order.
  AtomFeed FeedOf(const std::vector<Dated>& items) const {
    AtomFeed feed;
    feed.entries.reserve(items.size());
    for (const Dated& item : items)
      feed.entries.push_back(entries_[slot_[item.record]]);
    return feed;
  }

 private:
  std::vector<size_t> slot_;  // by record index: where its entry is
  std::vector<FeedEntry> entries_;
};

// The record a reference speaks for in a feed: a recommendation's links
// are its review's or workshop's.
size_t ReportingRecord(const Site& site, size_t index) {
  const Record& record = site.records[index];
  if (record.kind != RecordKind::kRecommendation) return index;
  const size_t parent = site.index_by_id.Find(record.parent.value);
  return parent == IdIndex::kNone ? kNoRecord : parent;
}

// For each review and workshop, the records that link to it or to one of
// its recommendations, directly or through one of their own
// recommendations.
std::map<size_t, std::set<size_t>> LinkersOfParents(const Site& site) {
  std::map<size_t, std::set<size_t>> linkers;
  for (const Reference& reference : site.references) {
    size_t from = ReportingRecord(site, reference.from);
    size_t to = ReportingRecord(site, reference.to);
    if (from == kNoRecord || to == kNoRecord || from == to) continue;
    RecordKind kind = site.records[to].kind;
    if (kind == RecordKind::kReview || kind == RecordKind::kWorkshop)
      linkers[to].insert(from);
  }
  return linkers;
}

std::string EventTitle(const Site& site, const HistoryEvent& event) {
  const Record* other =
      event.record == kNoRecord ? nullptr : &site.records[event.record];
  std::string other_title = other ? other->title : std::string();
  switch (event.kind) {
    case EventKind::kMade:
      return "Made in " + other_title;
    case EventKind::kPresented:
      return "Presented in " + other_title;
    case EventKind::kDeadline:
      return std::string(event.detail ? event.detail->Text("label")
                                      : std::string_view("Deadline"));
    case EventKind::kTargetChange:
      return "Target date moved";
    case EventKind::kResponse:
      return "Formal response";
    case EventKind::kProgress: {
      const StatusSpec* status = FindStatus(event.status);
      return other_title +
             (status ? " (status: " + std::string(status->label) + ")" : "");
    }
    case EventKind::kFollows:
      return "Follows on from " + other_title;
    case EventKind::kFollowedBy:
      return "Followed by " + other_title;
    case EventKind::kMention:
      return other ? "Mentioned in " + std::string(KindName(other->kind)) +
                         ": " + other_title
                   : "Mentioned";
  }
  return other_title;
}

// The Markdown an event carries: the recommendation's text, an update's
// entry, a response, a deadline's or target change's words.
std::string_view EventText(const Site& site, size_t recommendation,
                           const HistoryEvent& event) {
  switch (event.kind) {
    case EventKind::kMade:
      return site.records[recommendation].fields->Text("text");
    case EventKind::kProgress:
    case EventKind::kResponse:
    case EventKind::kDeadline:
      return event.detail ? event.detail->Text("text") : std::string_view();
    case EventKind::kTargetChange:
      return event.detail ? event.detail->Text("reason") : std::string_view();
    case EventKind::kFollows:
    case EventKind::kFollowedBy:
      return site.records[event.record].fields->Text("text");
    default:
      return {};
  }
}

std::string EventCode(EventKind kind) {
  static const std::map<EventKind, const char*> kCodes = {
      {EventKind::kMade, "made"},
      {EventKind::kPresented, "presented"},
      {EventKind::kDeadline, "deadline"},
      {EventKind::kTargetChange, "target-change"},
      {EventKind::kResponse, "response"},
      {EventKind::kProgress, "progress"},
      {EventKind::kFollows, "follows"},
      {EventKind::kFollowedBy, "followed-by"},
      {EventKind::kMention, "mention"}};
  return kCodes.at(kind);
}

AtomFeed RecommendationFeed(const Site& site,
                            const RecommendationHistory& history,
                            const FieldConverter& fields, bool with_text) {
  const Record& recommendation = site.records[history.record];
  AtomFeed feed;
  const Record* parent = site.Find(recommendation.parent.value);
  feed.title = recommendation.title +
               (parent ? " (" + parent->title + ")" : std::string());
  std::string page = fields.HrefOf(recommendation);
  // An event's id names what it is about, and counts repeats (two
  // deadlines in one review), so that it stays the same when other events
  // are added.
  std::map<std::string, int> seen;
  for (const HistoryEvent& event : history.events) {
    if (!event.date) continue;
    if (event.kind == EventKind::kProgress && !event.reports) continue;
    std::string key = EventCode(event.kind);
    if (event.record != kNoRecord && event.kind != EventKind::kMade)
      key += "-" + site.records[event.record].id.value;
    int repeat = ++seen[key];
    if (repeat > 1) key += "-" + std::to_string(repeat);
    FeedEntry entry;
    entry.id = page + "#" + key;
    entry.title = EventTitle(site, event);
    bool elsewhere = event.record != kNoRecord &&
                     event.kind != EventKind::kMade &&
                     event.kind != EventKind::kDeadline;
    entry.url = elsewhere ? fields.HrefOf(site.records[event.record]) : page;
    entry.date = *event.date;
    entry.category = EventCode(event.kind);
    std::string_view text = EventText(site, history.record, event);
    if (with_text && !text.empty()) entry.content_html = fields.Markdown(text);
    feed.entries.push_back(std::move(entry));
  }
  std::stable_sort(
      feed.entries.begin(), feed.entries.end(),
      [](const FeedEntry& a, const FeedEntry& b) { return b.date < a.date; });
  return feed;
}

}  // namespace

std::vector<AtomFeed> PlanAtomFeeds(const Site& site,
                                    const Histories& histories,
                                    bool with_text) {
  std::vector<AtomFeed> feeds;
  if (site.config.base_url.empty()) return feeds;
  FieldConverter fields(site, site.config.base_url);

  std::vector<Dated> all;
  std::map<size_t, std::vector<Dated>> by_committee, by_parent;
  std::vector<std::optional<PartialDate>> dates(site.records.size());
  for (size_t i = 0; i < site.records.size(); ++i) {
    const Record& record = site.records[i];
    if (!IsReported(record.kind)) continue;
    dates[i] = RecordDate(site, record);
    if (!dates[i]) continue;
    all.push_back({*dates[i], i});
    size_t committee = CommitteeOf(site, record);
    if (committee != kNoRecord)
      by_committee[committee].push_back({*dates[i], i});
    if (record.kind == RecordKind::kReview ||
        record.kind == RecordKind::kWorkshop) {
      by_parent[i].push_back({*dates[i], i});
    }
  }
  for (const auto& [parent, linkers] : LinkersOfParents(site)) {
    for (size_t linker : linkers) {
      if (dates[linker]) by_parent[parent].push_back({*dates[linker], linker});
    }
  }

  // What each feed keeps, before any entry is made. A record's date is the
  // same in every list, so its entry is too.
  std::vector<Dated> site_items = Newest(site, std::move(all), kMaxEntries);
  std::vector<const std::vector<Dated>*> lists = {&site_items};
  for (auto& [committee, items] : by_committee) {
    items = Newest(site, std::move(items), kMaxEntries);
    lists.push_back(&items);
  }
  for (auto& [parent, items] : by_parent) {
    SortNewestFirst(site, &items);  // a review's feed keeps every entry
    lists.push_back(&items);
  }
  const RecordEntries entries(site, lists, fields, with_text);

  // Slot i: the feed record i's page links to, planned on every core (a
  // recommendation's feed renders the Markdown of its history).
  std::vector<AtomFeed> record_feeds(site.records.size());
  ParallelFor(site.records.size(), [&](size_t i) {
    const Record& record = site.records[i];
    AtomFeed& feed = record_feeds[i];
    if (record.kind == RecordKind::kCommittee && by_committee.count(i)) {
      feed = entries.FeedOf(by_committee.at(i));
      feed.title = record.title;
    } else if (by_parent.count(i)) {
      feed = entries.FeedOf(by_parent.at(i));
      feed.title = record.title;
    } else if (record.kind == RecordKind::kRecommendation) {
      if (const RecommendationHistory* history = histories.Find(i))
        feed = RecommendationFeed(site, *history, fields, with_text);
    }
    feed.record = i;
    if (!feed.entries.empty()) feed.path = FeedPathOf(record);
  });

  AtomFeed site_feed = entries.FeedOf(site_items);
  site_feed.path = SiteFeedPath();
  site_feed.title = site.config.title;
  site_feed.record = kNoRecord;
  if (!site_feed.entries.empty()) feeds.push_back(std::move(site_feed));
  for (AtomFeed& feed : record_feeds) {
    if (!feed.entries.empty()) feeds.push_back(std::move(feed));
  }
  return feeds;
}

TemplateData AtomFeedData(const Site& site, const AtomFeed& feed) {
  const std::string& base = site.config.base_url;
  TemplateData data;
  data.set("id", XmlSafe(base + feed.path));
  data.set("self", XmlSafe(base + feed.path));
  std::string alternate = base;
  if (feed.record != kNoRecord)
    alternate += RecordPath(site.records[feed.record]);
  data.set("alternate", XmlSafe(alternate));
  data.set("title", XmlSafe(feed.title));
  data.set("language", XmlSafe(site.config.language));
  std::string author = site.config.organisation.empty()
                           ? site.config.title
                           : site.config.organisation;
  data.set("author", XmlSafe(author));
  data.set("rights", XmlSafe("Published by " + author + " under the " +
                             kOpenDataLicence + ": " + kOpenDataLicenceUrl));
  data.set("generator_version", std::string(kScrutineerVersion));
  PartialDate newest = feed.entries.front().date;
  TemplateData entries{TemplateData::type::list};
  for (const FeedEntry& entry : feed.entries) {
    if (newest < entry.date) newest = entry.date;
    TemplateData item;
    item.set("id", XmlSafe(entry.id));
    item.set("title", XmlSafe(entry.title));
    item.set("url", XmlSafe(entry.url));
    item.set("updated", Rfc3339(entry.date));
    item.set("category", XmlSafe(entry.category));
    if (!entry.summary.empty()) item.set("summary", XmlSafe(entry.summary));
    if (!entry.content_html.empty())
      item.set("content", XmlSafe(entry.content_html));
    entries.push_back(item);
  }
  data.set("updated", Rfc3339(newest));
  data.set("entries", entries);
  return data;
}

}  // namespace scrutineer
