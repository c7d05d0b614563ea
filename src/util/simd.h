// Sixteen bytes at a time with SSE2: the scans of page text and open data
// (HTML escaping, JSON strings, CSV cells) skip runs of plain bytes in one
// test. Callers keep a byte-at-a-time path for machines without SSE2.
#ifndef SCRUTINEER_UTIL_SIMD_H_
#define SCRUTINEER_UTIL_SIMD_H_

#if defined(__SSE2__)
#include <emmintrin.h>

namespace scrutineer {
namespace simd {

/// The sixteen bytes at `block`, in any alignment.
inline __m128i Load16(const char* block) {
  return _mm_loadu_si128(reinterpret_cast<const __m128i*>(block));
}

/// Bit i set when byte i of `bytes` is one of `chars`.
template <char... chars>
inline unsigned EqualMask(__m128i bytes) {
  __m128i hits = _mm_setzero_si128();
  ((hits = _mm_or_si128(hits, _mm_cmpeq_epi8(bytes, _mm_set1_epi8(chars)))),
   ...);
  return static_cast<unsigned>(_mm_movemask_epi8(hits));
}

/// Bit i set when byte i of `bytes` is below `limit` (at most 0x7F) or is
/// 0x80 or above: compared as signed bytes, those are negative.
inline unsigned BelowOrHighMask(__m128i bytes, char limit) {
  return static_cast<unsigned>(
      _mm_movemask_epi8(_mm_cmplt_epi8(bytes, _mm_set1_epi8(limit))));
}

}  // namespace simd
}  // namespace scrutineer

#endif  // __SSE2__
#endif  // SCRUTINEER_UTIL_SIMD_H_
