// UTF-8 checks shared by the writers of JSON and the Markdown renderer.
#ifndef SCRUTINEER_UTIL_UTF8_H_
#define SCRUTINEER_UTIL_UTF8_H_

#include <string_view>

namespace scrutineer {

/// Whether `text` is well-formed UTF-8 (Unicode 3.9, table 3-7): no
/// overlong forms, no surrogates, nothing past U+10FFFF. nlohmann-json and
/// cmark-gfm accept the same. Runs of ASCII are checked eight bytes at a
/// time.
bool IsValidUtf8(std::string_view text);

}  // namespace scrutineer

#endif  // SCRUTINEER_UTIL_UTF8_H_
