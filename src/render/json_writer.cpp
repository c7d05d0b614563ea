#include "render/json_writer.h"

#include <cstdint>
#include <cstring>

#include <nlohmann/json.hpp>

#include "util/utf8.h"

namespace scrutineer {
namespace {

// Eight bytes at a time (SWAR): open data is tens of megabytes of text,
// and a byte at a time was 5% of a build's instructions.
constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighBits = 0x8080808080808080ULL;

uint64_t Load8(const char* at) {
  uint64_t word;
  std::memcpy(&word, at, sizeof word);
  return word;
}

// The high bit of each byte of `word` that is zero, and maybe of bytes
// after one that is; none when no byte is.
uint64_t ZeroBytes(uint64_t word) { return (word - kOnes) & ~word & kHighBits; }

// Whether any of the eight bytes is one JSON must escape: below 0x20, '"'
// or '\'. (A byte of 0x80 or more is never taken for one below 0x20.)
bool HasJsonSpecial(uint64_t word) {
  return (((word - kOnes * 0x20) & ~word & kHighBits) |
          ZeroBytes(word ^ (kOnes * '"')) |
          ZeroBytes(word ^ (kOnes * '\\'))) != 0;
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
    while (i + 8 <= text.size() && !HasJsonSpecial(Load8(text.data() + i))) {
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
