// JsonWriter: compact JSON text appended straight to a string, for open data
// too large to build as an nlohmann-json tree first (a tree costs an
// allocation per value and a second pass to dump it).
//
// The text is byte for byte what nlohmann-json's dump(-1, ' ', false,
// error_handler_t::replace) writes for the same value, so that files made
// either way can be compared: no spaces, UTF-8 kept as it is, '"', '\' and
// control characters escaped as nlohmann-json escapes them, and invalid
// UTF-8 replaced with U+FFFD.
#ifndef SCRUTINEER_RENDER_JSON_WRITER_H_
#define SCRUTINEER_RENDER_JSON_WRITER_H_

#include <string>
#include <string_view>

namespace scrutineer {

class JsonWriter {
 public:
  /// Appends to `*out`, which must outlive the writer.
  explicit JsonWriter(std::string* out) : out_(out) {}

  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  /// An object member's key; the next call writes its value. The caller
  /// keeps keys unique (nlohmann-json would keep the last of two).
  void Key(std::string_view key);

  void String(std::string_view text);
  void Integer(long number);
  void Bool(bool value);
  void Null();

 private:
  // A ',' when a value or member came before this one at the same level.
  void Separate();

  std::string* out_;
  bool after_value_ = false;
};

/// Appends `text` as a JSON string, quotes included, escaped as
/// nlohmann-json escapes it.
void AppendJsonString(std::string_view text, std::string* out);

}  // namespace scrutineer

#endif  // SCRUTINEER_RENDER_JSON_WRITER_H_
