// Stage timings: how long each pipeline stage took, printed by
// `build --timings` so that a slow build can be explained without a
// profiler. Off by default, and then each StageTimer costs one load.
#ifndef SCRUTINEER_UTIL_STAGE_TIMER_H_
#define SCRUTINEER_UTIL_STAGE_TIMER_H_

#include <chrono>
#include <ostream>
#include <string>
#include <vector>

namespace scrutineer {

/// Turns recording on or off for the whole process (the commands call it
/// once, before the pipeline runs) and forgets what was recorded.
void EnableStageTimings(bool enabled);

/// Prints each recorded stage with its wall time in milliseconds and the
/// cores it kept busy on average (the process's CPU time over that wall
/// time), in the order the stages started, indented by nesting.
void PrintStageTimings(std::ostream& out);

/// Times the scope it lives in as the stage `name` when timings are on.
/// Stages are timed on the thread that runs the pipeline, not in workers.
class StageTimer {
 public:
  explicit StageTimer(const char* name);
  ~StageTimer();
  StageTimer(const StageTimer&) = delete;
  StageTimer& operator=(const StageTimer&) = delete;

 private:
  int slot_ = -1;
  std::chrono::steady_clock::time_point start_;
  double cpu_start_ = 0;  // the process's CPU time at the start, in ms
};

}  // namespace scrutineer

#endif  // SCRUTINEER_UTIL_STAGE_TIMER_H_
