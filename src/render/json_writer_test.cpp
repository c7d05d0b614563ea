// JsonWriter must write the bytes nlohmann-json's dump writes: the open data
// files were made with nlohmann-json, and builds are compared byte by byte.
#include "render/json_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace scrutineer {
namespace {

using Json = nlohmann::ordered_json;

std::string Dump(const Json& json) {
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

TEST(JsonWriterTest, EscapesStringsAsNlohmannJsonDoes) {
  const std::string kCases[] = {
      "",
      "plain",
      "quote \" and backslash \\ and slash /",
      "\b\f\n\r\t",
      std::string("nul \0 and \x01\x1f\x7f", 14),
      "UTF-8: caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
      "<script>&amp;</script>",
      // Invalid UTF-8: a lone continuation byte, a truncated sequence, an
      // overlong form, a surrogate, past U+10FFFF, and one cut at the end.
      "a\x80z",
      "a\xe2\x82z",
      "a\xc0\xafz",
      "a\xed\xa0\x80z",
      "a\xf4\x90\x80\x80z",
      "end \xe2\x82",
  };
  for (const std::string& text : kCases) {
    std::string written;
    AppendJsonString(text, &written);
    EXPECT_EQ(written, Dump(Json(text))) << text;
  }
}

TEST(JsonWriterTest, EscapesEveryByteAtEveryPlaceInALongString) {
  // Strings are read sixteen bytes at a time (eight without SSE2): each
  // special or non-ASCII byte is tried at each offset of two blocks and
  // across blocks' edges, and where the last block is cut short.
  const std::string kBytes[] = {
      "\"",           "\\",   "\n",   std::string(1, '\0'),
      "\x1f",         " ",    "\x7f", "\xc3\xa9",
      "\xe2\x82\xac", "\x80", "\xff"};
  for (const std::string& special : kBytes) {
    for (size_t at = 0; at < 40; ++at) {
      for (size_t after : {0, 1, 15, 19}) {
        std::string text =
            std::string(at, 'a') + special + std::string(after, 'z');
        std::string written = "[";  // the writer appends
        AppendJsonString(text, &written);
        EXPECT_EQ(written, "[" + Dump(Json(text))) << at << " " << after;
      }
    }
  }
}

TEST(JsonWriterTest, WritesNestedValuesCompactly) {
  std::string written;
  JsonWriter writer(&written);
  writer.BeginObject();
  writer.Key("id");
  writer.String("r-1");
  writer.Key("number");
  writer.Integer(7);
  writer.Key("open");
  writer.Bool(false);
  writer.Key("target");
  writer.Null();
  writer.Key("empty");
  writer.BeginObject();
  writer.EndObject();
  writer.Key("list");
  writer.BeginArray();
  writer.BeginArray();
  writer.EndArray();
  writer.BeginObject();
  writer.Key("k\n");
  writer.Bool(true);
  writer.EndObject();
  writer.String("x");
  writer.EndArray();
  writer.EndObject();
  Json expected = {{"id", "r-1"},
                   {"number", 7},
                   {"open", false},
                   {"target", nullptr},
                   {"empty", Json::object()},
                   {"list", {Json::array(), {{"k\n", true}}, "x"}}};
  EXPECT_EQ(written, Dump(expected));
}

}  // namespace
}  // namespace scrutineer
