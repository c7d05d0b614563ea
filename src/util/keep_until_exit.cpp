#include "util/keep_until_exit.h"

#include <mutex>
#include <utility>
#include <vector>

namespace scrutineer {

void KeepUntilExit(std::shared_ptr<const void> object) {
  // Never destroyed, so neither is anything in it, even by exit().
  static auto* const kept = new std::vector<std::shared_ptr<const void>>();
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  kept->push_back(std::move(object));
}

}  // namespace scrutineer
