#include "render/link_cache.h"

#include <utility>
#include <vector>

#include "render/urls.h"

namespace scrutineer {

namespace {

// The name of `kind` as a template string: one for every link to a record
// of the kind, rather than one each.
const TemplateData& KindData(RecordKind kind) {
  static const std::vector<TemplateData> kNames = [] {
    std::vector<TemplateData> names;
    for (int k = 0; k <= static_cast<int>(RecordKind::kAny); ++k) {
      names.emplace_back(std::string(KindName(static_cast<RecordKind>(k))));
    }
    return names;
  }();
  return kNames[static_cast<size_t>(kind)];
}

}  // namespace

TemplateData LinkCache::MakeLink(const Record& record, std::string href) {
  TemplateData link;
  link.set("id", record.id.value);
  link.set("title", record.title);
  link.set("href", std::move(href));
  link.set("kind", KindData(record.kind));
  return link;
}

const std::vector<TemplateData>& LinkCache::LinksFrom(
    std::string_view root) const {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const std::unique_ptr<Table>& table : tables_) {
    if (table->root == root) return table->links;
  }
  auto table = std::make_unique<Table>();
  table->root = std::string(root);
  table->links.reserve(site_.records.size());
  // Only the href differs from root to root: later tables share the first
  // one's ids, titles and kinds.
  const Table* first = tables_.empty() ? nullptr : tables_.front().get();
  for (size_t i = 0; i < site_.records.size(); ++i) {
    const Record& record = site_.records[i];
    std::string href = RecordPathFrom(table->root, record);
    if (first == nullptr) {
      table->links.push_back(MakeLink(record, std::move(href)));
    } else {
      TemplateData link = first->links[i];
      link.set("href", std::move(href));
      // Kept for the whole build, a link from every root to every record:
      // at 10,000 recommendations, room for three keys more in each was
      // 10 MB.
      link.shrink_to_fit();
      table->links.push_back(std::move(link));
    }
  }
  tables_.push_back(std::move(table));
  return tables_.back()->links;
}

void LinkCache::Retitle(const std::vector<size_t>& records) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const std::unique_ptr<Table>& table : tables_) {
    for (size_t index : records) {
      table->links[index].set("title", site_.records[index].title);
    }
  }
}

}  // namespace scrutineer
