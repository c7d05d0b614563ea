#include "util/keep_until_exit.h"

#include <gtest/gtest.h>

#include <memory>
#include <thread>
#include <vector>

namespace scrutineer {
namespace {

// Counts the objects destroyed.
struct Counted {
  explicit Counted(int* destroyed) : destroyed(destroyed) {}
  ~Counted() { ++*destroyed; }
  int* destroyed;
};

TEST(KeepUntilExitTest, KeepsWhatItIsGivenAfterEveryOtherOwnerLetsGo) {
  static int destroyed = 0;  // outlives the kept objects
  std::weak_ptr<Counted> watch;
  {
    auto object = std::make_shared<Counted>(&destroyed);
    watch = object;
    KeepUntilExit(object);
  }
  EXPECT_EQ(destroyed, 0);
  ASSERT_FALSE(watch.expired());
  EXPECT_EQ(watch.lock()->destroyed, &destroyed);
}

TEST(KeepUntilExitTest, TakesObjectsFromSeveralThreadsAtOnce) {
  static int destroyed = 0;
  std::vector<std::weak_ptr<Counted>> watches(8);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < watches.size(); ++t) {
    threads.emplace_back([&watches, t] {
      for (int i = 0; i < 100; ++i) {
        auto object = std::make_shared<Counted>(&destroyed);
        if (i == 0) watches[t] = object;
        KeepUntilExit(std::move(object));
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(destroyed, 0);
  for (const std::weak_ptr<Counted>& watch : watches)
    EXPECT_FALSE(watch.expired());
}

}  // namespace
}  // namespace scrutineer
