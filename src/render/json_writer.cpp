#include "render/json_writer.h"

#include <cstdint>

#include <nlohmann/json.hpp>

#include "util/swar.h"
#include "util/utf8.h"

namespace scrutineer {
namespace {

// Whether any of the eight bytes at `at` is one JSON must escape: below
// 0x20, '"' or '\'. Open data is tens of megabytes of text, and a byte at
// a time was 5% of a build's instructions.
bool HasJsonSpecial(const char* at) {
  const uint64_t word = swar::Load8(at);
  return swar::AnyBelow(word, 0x20) || swar::AnyEqual(word, '"') ||
         swar::AnyEqual(word, '\\');
}

}  // namespace

void AppendJsonString(std::string_view text, std::string* out) {
  if (!IsValidUtf8(text)) {
    // Rare (the loader replaces invalid UTF-8): let nlohmann-json place the
    // replacement characters exactly as it would.
    *out += nlohmann::json(std::string(text))
                .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return;
  }
  static const char kHex[] = "0123456789abcdef";
  out->reserve(out->size() + text.size() + 2);
  *out += '"';
  size_t run = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < text.size(); ++i) {
    while (i + 8 <= text.size() && !HasJsonSpecial(text.data() + i)) {
      i += 8;
    }
    if (i == text.size()) break;
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(text.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        *out += "\\\"";
        break;
      case '\\':
        *out += "\\\\";
        break;
      case '\b':
        *out += "\\b";
        break;
      case '\t':
        *out += "\\t";
        break;
      case '\n':
        *out += "\\n";
        break;
      case '\f':
        *out += "\\f";
        break;
      case '\r':
        *out += "\\r";
        break;
      default:
        *out += "\\u00";
        *out += kHex[c >> 4];
        *out += kHex[c & 0xF];
    }
  }
  out->append(text.data() + run, text.size() - run);
  *out += '"';
}

void JsonWriter::Separate() {
  if (after_value_) *out_ += ',';
}

void JsonWriter::BeginObject() {
  Separate();
  *out_ += '{';
  after_value_ = false;
}

void JsonWriter::EndObject() {
  *out_ += '}';
  after_value_ = true;
}

void JsonWriter::BeginArray() {
  Separate();
  *out_ += '[';
  after_value_ = false;
}

void JsonWriter::EndArray() {
  *out_ += ']';
  after_value_ = true;
}

void JsonWriter::Key(std::string_view key) {
  Separate();
  AppendJsonString(key, out_);
  *out_ += ':';
  after_value_ = false;
}

void JsonWriter::String(std::string_view text) {
  Separate();
  AppendJsonString(text, out_);
  after_value_ = true;
}

void JsonWriter::Integer(long number) {
  Separate();
  *out_ += std::to_string(number);
  after_value_ = true;
}

void JsonWriter::Bool(bool value) {
  Separate();
  *out_ += value ? "true" : "false";
  after_value_ = true;
}

void JsonWriter::Null() {
  Separate();
  *out_ += "null";
  after_value_ = true;
}

}  // namespace scrutineer
