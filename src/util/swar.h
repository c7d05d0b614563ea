// Eight bytes at a time in a 64-bit word ("SIMD within a register"): the
// scans of tens of megabytes of text (UTF-8 and control-character checks,
// JSON escaping) skip the common case, eight plain bytes, in one test.
#ifndef SCRUTINEER_UTIL_SWAR_H_
#define SCRUTINEER_UTIL_SWAR_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

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

/// Whether the `n` bytes at `a` and at `b` are the same: for the short
/// names (field names, template keys) that are compared millions of times
/// a build, where a call to memcmp costs more than the comparison. Two
/// loads from each, overlapping when `n` is not a power of two.
inline bool SameBytes(const char* a, const char* b, size_t n) {
  if (n >= 8) {
    if (n > 16) return std::memcmp(a, b, n) == 0;
    return Load8(a) == Load8(b) && Load8(a + n - 8) == Load8(b + n - 8);
  }
  if (n >= 4) {
    uint32_t a1, a2, b1, b2;
    std::memcpy(&a1, a, 4);
    std::memcpy(&b1, b, 4);
    std::memcpy(&a2, a + n - 4, 4);
    std::memcpy(&b2, b + n - 4, 4);
    return a1 == b1 && a2 == b2;
  }
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

/// Copies the `n` bytes at `from` to `to` (which do not overlap), as
/// memcpy does: for the short pieces a page is written in (a tag's text,
/// a name, a link), where the call costs more than the copy. Two loads and
/// two stores, overlapping when `n` is not a power of two.
inline void CopyBytes(char* to, const char* from, size_t n) {
  if (n >= 8) {
    if (n > 16) {
      std::memcpy(to, from, n);
      return;
    }
    const uint64_t head = Load8(from);
    const uint64_t tail = Load8(from + n - 8);
    std::memcpy(to, &head, 8);
    std::memcpy(to + n - 8, &tail, 8);
    return;
  }
  if (n >= 4) {
    uint32_t head, tail;
    std::memcpy(&head, from, 4);
    std::memcpy(&tail, from + n - 4, 4);
    std::memcpy(to, &head, 4);
    std::memcpy(to + n - 4, &tail, 4);
    return;
  }
  if (n > 0) {
    // 1 to 3 bytes: the first, the middle and the last.
    const char first = from[0], middle = from[n / 2], last = from[n - 1];
    to[0] = first;
    to[n / 2] = middle;
    to[n - 1] = last;
  }
}

/// Whether `a` and `b` hold the same bytes (SameBytes).
inline bool SameText(std::string_view a, std::string_view b) {
  return a.size() == b.size() && SameBytes(a.data(), b.data(), a.size());
}

}  // namespace swar
}  // namespace scrutineer

#endif  // SCRUTINEER_UTIL_SWAR_H_
