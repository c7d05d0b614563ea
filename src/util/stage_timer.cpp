#include "util/stage_timer.h"

#include <time.h>

#include <atomic>
#include <cstdio>
#include <mutex>

namespace scrutineer {
namespace {

struct Stage {
  std::string name;
  int depth = 0;
  double milliseconds = 0;
  double cpu_milliseconds = 0;  // of every thread of the process
};

// CPU time of the whole process (user and system, every thread) in ms.
double ProcessCpuMilliseconds() {
  timespec now{};
  if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now) != 0) return 0;
  return static_cast<double>(now.tv_sec) * 1e3 +
         static_cast<double>(now.tv_nsec) / 1e6;
}

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
    // The cores a stage kept busy on average: CPU time over wall time.
    char figure[48];
    std::snprintf(figure, sizeof figure, "%9.1f ms %5.1f cores  ",
                  stage.milliseconds,
                  stage.milliseconds > 0
                      ? stage.cpu_milliseconds / stage.milliseconds
                      : 0.0);
    out << figure << std::string(static_cast<size_t>(stage.depth) * 2, ' ')
        << stage.name << '\n';
  }
}

StageTimer::StageTimer(const char* name) {
  if (!enabled.load(std::memory_order_relaxed)) return;
  std::lock_guard<std::mutex> lock(mutex);
  slot_ = static_cast<int>(stages.size());
  stages.push_back({name, depth++, 0, 0});
  start_ = std::chrono::steady_clock::now();
  cpu_start_ = ProcessCpuMilliseconds();
}

StageTimer::~StageTimer() {
  if (slot_ < 0) return;
  auto elapsed = std::chrono::steady_clock::now() - start_;
  const double cpu = ProcessCpuMilliseconds() - cpu_start_;
  std::lock_guard<std::mutex> lock(mutex);
  Stage& stage = stages[static_cast<size_t>(slot_)];
  stage.milliseconds =
      std::chrono::duration<double, std::milli>(elapsed).count();
  stage.cpu_milliseconds = cpu;
  --depth;
}

}  // namespace scrutineer
