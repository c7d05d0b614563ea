#include "util/swar.h"

#include <gtest/gtest.h>

#include <string>

namespace scrutineer {
namespace {

// Every length up to past the 16 bytes the two loads cover, with the one
// differing byte at every place, and at offsets that are not aligned.
TEST(SameBytesTest, FindsADifferenceAtEveryPlaceOfEveryLength) {
  const std::string text = "xrecommendations-and-their-history-of-updates";
  for (size_t n = 0; n <= 40; ++n) {
    for (size_t offset = 0; offset <= 1; ++offset) {
      const std::string a = text.substr(offset, n);
      EXPECT_TRUE(swar::SameBytes(a.data(), a.data(), n));
      EXPECT_TRUE(swar::SameText(a, std::string(a)));
      for (size_t at = 0; at < n; ++at) {
        std::string b = a;
        b[at] ^= 0x20;
        SCOPED_TRACE(a + " / " + b);
        EXPECT_FALSE(swar::SameBytes(a.data(), b.data(), n));
        EXPECT_FALSE(swar::SameText(a, b));
      }
    }
  }
  EXPECT_FALSE(swar::SameText("href", "hrefs"));
}

// Every length from 0 to past the 16 bytes the two loads cover, from and
// to offsets that are not aligned: the copy holds the bytes and writes
// nothing on either side of them.
TEST(CopyBytesTest, CopiesEveryLengthAndNothingAround) {
  const std::string text = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ";
  for (size_t n = 0; n <= 40; ++n) {
    for (size_t from = 0; from <= 2; ++from) {
      for (size_t to = 1; to <= 3; ++to) {
        std::string out(48, '.');
        swar::CopyBytes(&out[to], text.data() + from, n);
        const std::string expected = std::string(to, '.') +
                                     text.substr(from, n) +
                                     std::string(48 - to - n, '.');
        EXPECT_EQ(out, expected) << "n " << n << " from " << from;
      }
    }
  }
}

}  // namespace
}  // namespace scrutineer
