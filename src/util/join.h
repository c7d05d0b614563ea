// JoinPieces: a file's bytes made in pieces (the open data, written as it
// is made without ever being one string), joined for those that need them
// whole (an in-memory output tree, the link scanner, the tests).
#ifndef SCRUTINEER_UTIL_JOIN_H_
#define SCRUTINEER_UTIL_JOIN_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace scrutineer {

/// The bytes of the `count` pieces at `pieces` (strings or string views),
/// one after another, in a string of exactly their size.
template <typename Piece>
std::string JoinPieces(const Piece* pieces, size_t count) {
  size_t size = 0;
  for (size_t i = 0; i < count; ++i) size += pieces[i].size();
  std::string text;
  text.reserve(size);
  for (size_t i = 0; i < count; ++i) text += pieces[i];
  return text;
}

/// The same, of pieces held as strings.
inline std::string JoinPieces(const std::vector<std::string>& pieces) {
  return JoinPieces(pieces.data(), pieces.size());
}

}  // namespace scrutineer

#endif  // SCRUTINEER_UTIL_JOIN_H_
