#include "util/shared.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace scrutineer {
namespace {

TEST(SharedTest, CopiesShareOneValue) {
  Shared<std::string> text(std::string(100, 'x'));
  Shared<std::string> copy = text;
  EXPECT_EQ(&*copy, &*text);
  EXPECT_EQ(*copy, std::string(100, 'x'));
}

TEST(SharedTest, AnEmptySharedHoldsAnEmptyValue) {
  Shared<std::string> empty;
  EXPECT_TRUE(empty->empty());
  EXPECT_EQ(empty.MutableInPlace(), nullptr);
  Shared<std::vector<int>> none;
  EXPECT_TRUE(none->empty());
}

// A recommendation's fields are its entry in its review's list: the entry
// must live as long as the recommendation, whatever becomes of the review.
TEST(SharedTest, APartKeepsItsWholeAlive) {
  Shared<std::string> part;
  {
    Shared<std::vector<std::string>> whole(
        std::vector<std::string>{"first", std::string(100, 'b')});
    part = Shared<std::string>(whole, (*whole)[1]);
    EXPECT_EQ(&*part, &(*whole)[1]);
  }
  // The whole is gone from every name; reading the part must still be
  // safe (AddressSanitizer catches it in the sanitizer run if it is not).
  EXPECT_EQ(*part, std::string(100, 'b'));
}

TEST(SharedTest, AChangeInPlaceIsSeenByEveryHolder) {
  Shared<std::vector<std::string>> whole(std::vector<std::string>{"a", "b"});
  Shared<std::vector<std::string>> copy = whole;
  Shared<std::string> part(whole, (*whole)[0]);
  (*whole.MutableInPlace())[0] = "changed";
  EXPECT_EQ((*copy)[0], "changed");
  EXPECT_EQ(*part, "changed");
}

}  // namespace
}  // namespace scrutineer
