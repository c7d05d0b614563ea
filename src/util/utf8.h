// UTF-8 checks shared by the writers of JSON and the Markdown renderer.
#ifndef SCRUTINEER_UTIL_UTF8_H_
#define SCRUTINEER_UTIL_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace scrutineer {

/// Whether `text` is well-formed UTF-8 (Unicode 3.9, table 3-7): no
/// overlong forms, no surrogates, nothing past U+10FFFF. nlohmann-json and
/// cmark-gfm accept the same. Runs of ASCII are checked eight bytes at a
/// time.
bool IsValidUtf8(std::string_view text);

/// The length of the longest prefix of `text` that is well-formed UTF-8.
size_t ValidUtf8Prefix(std::string_view text);
/// The length of the well-formed sequence of two to four bytes that starts
/// at `bytes` (a byte of 0x80 or more), of `size` bytes left; 0 when it is
/// not one. For scans that meet non-ASCII text a character at a time.
size_t Utf8SequenceAt(const unsigned char* bytes, size_t size);

/// The code point of `sequence`, one well-formed UTF-8 sequence of one to
/// four bytes (as ValidUtf8Prefix accepts).
inline unsigned CodePointOf(std::string_view sequence) {
  const auto lead = static_cast<unsigned char>(sequence[0]);
  if (sequence.size() == 1) return lead;
  unsigned code_point = lead & (0xFFu >> (sequence.size() + 1));
  for (size_t k = 1; k < sequence.size(); ++k) {
    code_point =
        (code_point << 6) | (static_cast<unsigned char>(sequence[k]) & 0x3Fu);
  }
  return code_point;
}

/// Whether `code_point` is a Unicode noncharacter (U+FDD0 to U+FDEF, and
/// the last two of every plane, such as U+FFFE and U+FFFF), which XML 1.0
/// forbids and no text needs.
inline bool IsNoncharacter(unsigned code_point) {
  return (code_point >= 0xFDD0 && code_point <= 0xFDEF) ||
         (code_point & 0xFFFE) == 0xFFFE;
}

/// `text` with every byte sequence that is not text replaced by U+FFFD:
/// invalid UTF-8, control characters other than tab, line feed and carriage
/// return (C0, DEL and C1), and noncharacters.
std::string ReplaceNonText(std::string_view text);

}  // namespace scrutineer

#endif  // SCRUTINEER_UTIL_UTF8_H_
