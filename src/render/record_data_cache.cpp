#include "render/record_data_cache.h"

#include <utility>

namespace scrutineer {

RecordDataCache::Table::Table(size_t records)
    : data_(records), made_(new std::atomic<bool>[records]) {
  for (size_t i = 0; i < records; ++i) made_[i].store(false);
}

TemplateData RecordDataCache::Table::Get(
    size_t index, const std::function<TemplateData()>& make) {
  // Made: data_[index] was written before made_[index] was set, and is
  // never written again.
  if (made_[index].load(std::memory_order_acquire)) return data_[index];
  TemplateData data = make();
  std::lock_guard<std::mutex> lock(mutex_);
  if (!made_[index].load(std::memory_order_relaxed)) {
    data_[index] = std::move(data);
    made_[index].store(true, std::memory_order_release);
  }
  return data_[index];
}

RecordDataCache::Table& RecordDataCache::TableFor(std::string_view root) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto& [table_root, table] : tables_) {
    if (table_root == root) return *table;
  }
  tables_.emplace_back(std::string(root), std::make_unique<Table>(records_));
  return *tables_.back().second;
}

void RecordDataCache::Clear() { tables_.clear(); }

}  // namespace scrutineer
