// JoinPieces: a file's bytes made in pieces (the open data, written as it
// is made without ever being one string), joined for those that need them
// whole (an in-memory output tree, the tests).
#ifndef SCRUTINEER_UTIL_JOIN_H_
#define SCRUTINEER_UTIL_JOIN_H_

#include <string>
#include <vector>

namespace scrutineer {

/// The pieces' bytes, one after another, in a string of exactly their size.
inline std::string JoinPieces(const std::vector<std::string>& pieces) {
  size_t size = 0;
  for (const std::string& piece : pieces) size += piece.size();
  std::string text;
  text.reserve(size);
  for (const std::string& piece : pieces) text += piece;
  return text;
}

}  // namespace scrutineer

#endif  // SCRUTINEER_UTIL_JOIN_H_
