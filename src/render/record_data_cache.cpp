#include "render/record_data_cache.h"

#include <utility>

namespace scrutineer {

RecordDataCache::Table::Table(size_t records)
    : data_(records * kUses), made_(new std::atomic<bool>[records * kUses]) {
  for (size_t i = 0; i < data_.size(); ++i) made_[i].store(false);
}

TemplateData RecordDataCache::Table::Get(
    size_t index, Use use, const std::function<TemplateData()>& make) {
  const size_t slot = index * kUses + static_cast<size_t>(use);
  // Made: data_[slot] was written before made_[slot] was set, and is never
  // written again.
  if (made_[slot].load(std::memory_order_acquire)) return data_[slot];
  TemplateData data = make();
  std::lock_guard<std::mutex> lock(mutex_);
  if (!made_[slot].load(std::memory_order_relaxed)) {
    data_[slot] = std::move(data);
    made_[slot].store(true, std::memory_order_release);
  }
  return data_[slot];
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
