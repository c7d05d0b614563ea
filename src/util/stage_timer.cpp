#include "util/stage_timer.h"

#include <atomic>
#include <cstdio>
#include <mutex>

namespace scrutineer {
namespace {

struct Stage {
  std::string name;
  int depth = 0;
  double milliseconds = 0;
};

std::atomic<bool> enabled{false};
std::mutex mutex;
std::vector<Stage> stages;
int depth = 0;

}  // namespace

void EnableStageTimings(bool on) {
  std::lock_guard<std::mutex> lock(mutex);
  stages.clear();
  depth = 0;
  enabled.store(on, std::memory_order_relaxed);
}

void PrintStageTimings(std::ostream& out) {
  std::lock_guard<std::mutex> lock(mutex);
  for (const Stage& stage : stages) {
    char figure[32];
    std::snprintf(figure, sizeof figure, "%9.1f ms  ", stage.milliseconds);
    out << figure << std::string(static_cast<size_t>(stage.depth) * 2, ' ')
        << stage.name << '\n';
  }
}

StageTimer::StageTimer(const char* name) {
  if (!enabled.load(std::memory_order_relaxed)) return;
  std::lock_guard<std::mutex> lock(mutex);
  slot_ = static_cast<int>(stages.size());
  stages.push_back({name, depth++, 0});
  start_ = std::chrono::steady_clock::now();
}

StageTimer::~StageTimer() {
  if (slot_ < 0) return;
  auto elapsed = std::chrono::steady_clock::now() - start_;
  std::lock_guard<std::mutex> lock(mutex);
  stages[static_cast<size_t>(slot_)].milliseconds =
      std::chrono::duration<double, std::milli>(elapsed).count();
  --depth;
}

}  // namespace scrutineer
