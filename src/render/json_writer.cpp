#include "render/json_writer.h"

#include <cstdint>
#include <nlohmann/json.hpp>

#include "util/simd.h"
#include "util/swar.h"
#include "util/utf8.h"

namespace scrutineer {
namespace {

#if defined(__SSE2__)
// Bit i set when block[i] is one a JSON string must escape (below 0x20,
// '"' or '\\') or starts a non-ASCII character (0x80 or more), which is
// checked as it is met. Open data is tens of megabytes of text, mostly
// plain: sixteen bytes at a time, in one pass that also checks the UTF-8.
unsigned SpecialBytes(const char* block) {
  const __m128i bytes = simd::Load16(block);
  return simd::BelowOrHighMask(bytes, 0x20) | simd::EqualMask<'"', '\\'>(bytes);
}
#endif

// Whether any of the eight bytes at `at` is one SpecialBytes would mark.
bool HasSpecial(const char* at) {
  const uint64_t word = swar::Load8(at);
  return swar::AnyHigh(word) || swar::AnyBelow(word, 0x20) ||
         swar::AnyEqual(word, '"') || swar::AnyEqual(word, '\\');
}

// Whether the `size` bytes at `data`, fewer than sixteen, hold none that
// HasSpecial would find. Most strings of the open data are this short and
// plain (every key, and ids, dates, statuses), and the loop below cost
// over a hundred instructions for each.
bool PlainShort(const char* data, size_t size) {
  if (size >= 8) return !HasSpecial(data) && !HasSpecial(data + size - 8);
  for (size_t i = 0; i < size; ++i) {
    const auto c = static_cast<unsigned char>(data[i]);
    if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') return false;
  }
  return true;
}

}  // namespace

void AppendJsonString(std::string_view text, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  const char* data = text.data();
  const auto* bytes = reinterpret_cast<const unsigned char*>(data);
  const size_t size = text.size();
  if (size < 16 && PlainShort(data, size)) {
    char quoted[16 + 2];
    quoted[0] = '"';
    swar::CopyBytes(quoted + 1, data, size);
    quoted[size + 1] = '"';
    out->append(quoted, size + 2);
    return;
  }
  const size_t start = out->size();
  out->reserve(start + size + 2);
  *out += '"';
  size_t run = 0;  // start of the bytes not yet copied
  size_t i = 0;
  while (i < size) {
#if defined(__SSE2__)
    if (i + 16 <= size) {
      const unsigned mask = SpecialBytes(data + i);
      if (mask == 0) {
        i += 16;
        continue;
      }
      i += static_cast<size_t>(__builtin_ctz(mask));
    }
#else
    while (i + 8 <= size && !HasSpecial(data + i)) i += 8;
    if (i == size) break;
#endif
    const unsigned char c = bytes[i];
    if (c >= 0x80) {
      const size_t length = Utf8SequenceAt(bytes + i, size - i);
      if (length == 0) {
        // Rare (the loader replaces invalid UTF-8): let nlohmann-json place
        // the replacement characters exactly as it would.
        out->resize(start);
        *out +=
            nlohmann::json(std::string(text))
                .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return;
      }
      i += length;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    out->append(data + run, i - run);
    run = ++i;
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
  out->append(data + run, size - run);
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
