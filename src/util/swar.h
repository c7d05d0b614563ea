// Eight bytes at a time in a 64-bit word ("SIMD within a register"): the
// scans of tens of megabytes of text (UTF-8 and control-character checks,
// JSON escaping) skip the common case, eight plain bytes, in one test.
#ifndef SCRUTINEER_UTIL_SWAR_H_
#define SCRUTINEER_UTIL_SWAR_H_

#include <cstdint>
#include <cstring>

namespace scrutineer {
namespace swar {

inline constexpr uint64_t kEachByte = 0x0101010101010101ULL;
inline constexpr uint64_t kHighBits = 0x8080808080808080ULL;

/// The eight bytes at `at`, in any alignment.
inline uint64_t Load8(const char* at) {
  uint64_t word;
  std::memcpy(&word, at, sizeof word);
  return word;
}

/// Whether any byte of `word` is 0x80 or more.
inline bool AnyHigh(uint64_t word) { return (word & kHighBits) != 0; }

/// Whether any byte of `word` is below `n` (n at most 0x80). A byte of
/// 0x80 or more is never taken for one; a borrow only spreads upwards from
/// a byte that is.
inline bool AnyBelow(uint64_t word, uint8_t n) {
  return ((word - n * kEachByte) & ~word & kHighBits) != 0;
}

/// Whether any byte of `word` is `c`.
inline bool AnyEqual(uint64_t word, char c) {
  const uint64_t x = word ^ (static_cast<uint8_t>(c) * kEachByte);
  return ((x - kEachByte) & ~x & kHighBits) != 0;
}

}  // namespace swar
}  // namespace scrutineer

#endif  // SCRUTINEER_UTIL_SWAR_H_
