// What many pages show of a record alike, made once for each depth of page
// and shared. A recommendation is a row on the tracker, the recommendations
// index, its review's and committee's dashboards, its officers' pages and
// the "what changed" pages, from pages at two depths: at 10,000
// recommendations the rows were made 70,000 times, 50,000 of them again.
// An update's meeting, paper and author are shown in the history of each
// recommendation it reports on, twice (its event and its progress list).
// Only links differ from one depth to another, so each is kept per depth,
// as LinkCache keeps links.
#ifndef SCRUTINEER_RENDER_RECORD_DATA_CACHE_H_
#define SCRUTINEER_RENDER_RECORD_DATA_CACHE_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "render/template_data.h"

namespace scrutineer {

class RecordDataCache {
 public:
  /// What is kept of a record: one of each.
  enum class Use : uint8_t {
    kTrackerRow,     // a recommendation's RecommendationRow
    kUpdateSummary,  // an update's meeting, paper and author
  };
  static constexpr size_t kUses = 2;

  /// The data of each of `records` records, by index and use, from pages
  /// at one depth.
  class Table {
   public:
    explicit Table(size_t records);
    /// make() for the record at `index`, for `use`: made the first time it
    /// is asked for and then shared (two threads asking at once may both
    /// make it: the first kept is given to both). Safe to call from several
    /// threads at once.
    TemplateData Get(size_t index, Use use,
                     const std::function<TemplateData()>& make);

   private:
    std::mutex mutex_;
    std::vector<TemplateData> data_;
    std::unique_ptr<std::atomic<bool>[]> made_;
  };

  /// A cache for a site of `records` records.
  explicit RecordDataCache(size_t records) : records_(records) {}
  RecordDataCache(const RecordDataCache&) = delete;
  RecordDataCache& operator=(const RecordDataCache&) = delete;

  /// The table for pages whose way to the root is `root`; it lives until
  /// the cache is cleared or gone. Safe to call from several threads at
  /// once.
  Table& TableFor(std::string_view root);
  /// Forgets every record's data, for when the records change (serve's
  /// patches). Not safe alongside any other call, nor while a table is used.
  void Clear();

 private:
  const size_t records_;
  std::mutex mutex_;
  // Few: one per depth of page, and one for pages served at any depth.
  std::vector<std::pair<std::string, std::unique_ptr<Table>>> tables_;
};

}  // namespace scrutineer

#endif  // SCRUTINEER_RENDER_RECORD_DATA_CACHE_H_
