#include "util/parallel_for.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace scrutineer {

unsigned ParallelThreadCount(size_t count) {
  // hardware_concurrency() may answer 0 when it cannot tell: one thread.
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const size_t useful = std::max<size_t>(1, count / kMinItemsPerThread);
  return static_cast<unsigned>(
      std::min<size_t>({cores, kMaxParallelThreads, useful}));
}

void ParallelFor(size_t count, unsigned threads,
                 const std::function<void(size_t)>& body) {
  if (threads <= 1 || count <= 1) {
    for (size_t i = 0; i < count; ++i) body(i);
    return;
  }
  // Items are handed out one at a time: a page or a file costs far more
  // than the atomic increment, and their costs differ too much (a review
  // with 40 recommendations against a one-line person) for fixed blocks.
  std::atomic<size_t> next{0};
  std::atomic<bool> stop{false};
  std::mutex failure_mutex;
  std::exception_ptr failure;   // guarded by failure_mutex
  size_t failed_index = count;  // guarded by failure_mutex
  auto work = [&] {
    while (!stop.load(std::memory_order_relaxed)) {
      const size_t i = next.fetch_add(1, std::memory_order_relaxed);
      if (i >= count) return;
      try {
        body(i);
      } catch (...) {
        // The lowest index's exception is what a loop in order would have
        // thrown first, whichever thread got there first.
        std::lock_guard<std::mutex> lock(failure_mutex);
        if (i < failed_index) {
          failed_index = i;
          failure = std::current_exception();
        }
        stop = true;
      }
    }
  };
  std::vector<std::thread> workers;
  workers.reserve(threads - 1);
  for (unsigned t = 1; t < threads; ++t) {
    try {
      workers.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // no more threads to be had: fewer workers do it all
    }
  }
  work();
  for (std::thread& worker : workers) worker.join();
  if (failure) std::rethrow_exception(failure);
}

std::vector<size_t> DealtOut(size_t count, size_t stretches) {
  stretches = std::max<size_t>(1, std::min(stretches, count));
  const size_t stretch = (count + stretches - 1) / stretches;
  std::vector<size_t> order;
  order.reserve(count);
  for (size_t k = 0; k < stretch; ++k) {
    for (size_t s = 0; s < stretches; ++s) {
      if (s * stretch + k < count) order.push_back(s * stretch + k);
    }
  }
  return order;
}

}  // namespace scrutineer
