#include "util/parallel_for.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace scrutineer {
namespace {

TEST(ParallelForTest, CallsEveryIndexExactlyOnce) {
  const size_t kCounts[] = {0, 1, 2, 3, 17, 1000};
  const unsigned kThreads[] = {0, 1, 2, 4, 16};
  for (size_t count : kCounts) {
    for (unsigned threads : kThreads) {
      std::vector<std::atomic<int>> calls(count);
      ParallelFor(count, threads, [&](size_t i) { ++calls[i]; });
      for (size_t i = 0; i < count; ++i) {
        EXPECT_EQ(calls[i].load(), 1) << "index " << i << " of " << count
                                      << ", " << threads << " threads";
      }
    }
  }
}

TEST(ParallelForTest, OneThreadRunsInOrderOnTheCallingThread) {
  std::vector<size_t> order;
  const std::thread::id caller = std::this_thread::get_id();
  bool elsewhere = false;
  ParallelFor(5, 1, [&](size_t i) {
    order.push_back(i);
    elsewhere |= std::this_thread::get_id() != caller;
  });
  EXPECT_EQ(order, (std::vector<size_t>{0, 1, 2, 3, 4}));
  EXPECT_FALSE(elsewhere);
}

// Four calls that each wait for all four to have started can only finish
// when they run at the same time.
TEST(ParallelForTest, RunsCallsAtTheSameTime) {
  std::mutex mutex;
  std::condition_variable all_started;
  int started = 0;
  bool together = true;
  ParallelFor(4, 4, [&](size_t) {
    std::unique_lock<std::mutex> lock(mutex);
    ++started;
    all_started.notify_all();
    if (!all_started.wait_for(lock, std::chrono::seconds(10),
                              [&] { return started == 4; })) {
      together = false;
    }
  });
  EXPECT_TRUE(together);
}

// A loop in order would have thrown index 7's exception: so does
// ParallelFor, whichever thread threw first.
TEST(ParallelForTest, RethrowsTheLowestIndexThatThrew) {
  for (unsigned threads : {1u, 2u, 4u}) {
    std::atomic<int> finished{0};
    try {
      ParallelFor(100, threads, [&](size_t i) {
        if (i == 7 || i == 13 || i == 60) {
          throw std::runtime_error(std::to_string(i));
        }
        ++finished;
      });
      ADD_FAILURE() << "nothing thrown with " << threads << " threads";
    } catch (const std::runtime_error& error) {
      EXPECT_EQ(std::string(error.what()), "7") << threads << " threads";
    }
    // In order, nothing after the failure runs. (With more threads, how
    // many others finish first depends on the scheduler.)
    if (threads == 1) EXPECT_EQ(finished.load(), 7);
  }
}

TEST(ParallelForTest, ThreadCountIsOneForFewItemsAndNeverAboveTheCap) {
  EXPECT_EQ(ParallelThreadCount(0), 1u);
  EXPECT_EQ(ParallelThreadCount(1), 1u);
  EXPECT_EQ(ParallelThreadCount(2 * kMinItemsPerThread - 1), 1u);
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  EXPECT_EQ(ParallelThreadCount(1000000), std::min(cores, kMaxParallelThreads));
}

TEST(DealtOutTest, DealsEachIndexOnceFromEachStretchInTurn) {
  EXPECT_EQ(DealtOut(7, 2), (std::vector<size_t>{0, 4, 1, 5, 2, 6, 3}));
  EXPECT_EQ(DealtOut(6, 3), (std::vector<size_t>{0, 2, 4, 1, 3, 5}));
  EXPECT_EQ(DealtOut(4, 1), (std::vector<size_t>{0, 1, 2, 3}));
  EXPECT_EQ(DealtOut(3, 0), (std::vector<size_t>{0, 1, 2}));
  // More stretches than indexes: one index each, in order.
  EXPECT_EQ(DealtOut(3, 8), (std::vector<size_t>{0, 1, 2}));
  EXPECT_TRUE(DealtOut(0, 4).empty());
  for (size_t count : {1u, 9u, 64u, 1001u}) {
    for (size_t stretches : {2u, 7u, 8u, 16u}) {
      std::vector<size_t> order = DealtOut(count, stretches);
      std::sort(order.begin(), order.end());
      ASSERT_EQ(order.size(), count) << count << " " << stretches;
      for (size_t i = 0; i < count; ++i) ASSERT_EQ(order[i], i);
    }
  }
}

}  // namespace
}  // namespace scrutineer
