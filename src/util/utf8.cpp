#include "util/utf8.h"

#include "util/swar.h"

namespace scrutineer {

bool IsValidUtf8(std::string_view text) {
  return ValidUtf8Prefix(text) == text.size();
}

size_t Utf8SequenceAt(const unsigned char* bytes, size_t size) {
  const unsigned char c = bytes[0];
  size_t length;
  unsigned char low = 0x80, high = 0xBF;  // the second byte's range
  if (c >= 0xC2 && c <= 0xDF) {
    length = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    length = 3;
    if (c == 0xE0) low = 0xA0;
    if (c == 0xED) high = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    length = 4;
    if (c == 0xF0) low = 0x90;
    if (c == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (size < length) return 0;
  if (bytes[1] < low || bytes[1] > high) return 0;
  for (size_t k = 2; k < length; ++k) {
    if ((bytes[k] & 0xC0) != 0x80) return 0;
  }
  return length;
}

size_t ValidUtf8Prefix(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t size = text.size();
  size_t i = 0;
  while (i < size) {
    if (i + 8 <= size && !swar::AnyHigh(swar::Load8(text.data() + i))) {
      i += 8;  // ASCII
      continue;
    }
    if (bytes[i] < 0x80) {
      ++i;
      continue;
    }
    const size_t length = Utf8SequenceAt(bytes + i, size - i);
    if (length == 0) return i;
    i += length;
  }
  return size;
}

std::string ReplaceNonText(std::string_view text) {
  static constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = bytes[i];
    if (c < 0x80) {
      const bool control =
          (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
      if (control) {
        out += kReplacement;
      } else {
        out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    // The longest well-formed sequence at i, if any.
    size_t length = c >= 0xC2 && c <= 0xDF   ? 2
                    : c >= 0xE0 && c <= 0xEF ? 3
                    : c >= 0xF0 && c <= 0xF4 ? 4
                                             : 0;
    if (length != 0 && !IsValidUtf8(text.substr(i, length))) length = 0;
    if (length == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    const unsigned code_point = CodePointOf(text.substr(i, length));
    if ((code_point >= 0x80 && code_point <= 0x9F) ||
        IsNoncharacter(code_point)) {
      out += kReplacement;
    } else {
      out.append(text.data() + i, length);
    }
    i += length;
  }
  return out;
}

}  // namespace scrutineer
