#include "load/source_text.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace scrutineer {
namespace {

std::string ExpectedProblem(unsigned char byte) {
  if (byte == '\t' || byte == '\n' || byte == '\r') return "";
  if (byte >= 0x20 && byte < 0x7F) return "";
  if (byte == 0) return "NUL byte";
  if (byte >= 0x80) return "invalid UTF-8 text";  // a lone byte
  char name[8];
  std::snprintf(name, sizeof name, "U+%04X", byte);
  return std::string("invisible control character ") + name;
}

// Every byte at every place in and around the 8-byte steps FindProblem
// takes over plain text, with the column it is reported at.
TEST(SourceTextTest, FindsEveryByteThatIsNotTextWhereverItIs) {
  for (int byte = 0; byte < 256; ++byte) {
    for (size_t at = 0; at < 20; ++at) {
      std::string text(24, 'a');
      text[at] = static_cast<char>(byte);
      SCOPED_TRACE("byte " + std::to_string(byte) + " at " +
                   std::to_string(at));
      const std::string expected = ExpectedProblem(byte);
      EXPECT_EQ(DescribeTextProblem(text), expected);
      Diagnostics diagnostics;
      EXPECT_EQ(CheckSourceText(text, "f.yaml", 0, diagnostics),
                expected.empty());
      if (!expected.empty()) {
        ASSERT_EQ(diagnostics.Sorted().size(), 1u);
        EXPECT_EQ(diagnostics.Sorted()[0].column, static_cast<int>(at) + 1);
      }
    }
  }
}

TEST(SourceTextTest, RefusesNoncharactersWhichXmlForbids) {
  for (const auto& [text, name] :
       std::vector<std::pair<std::string, std::string>>{
           {"ab\xef\xbf\xbf", "U+FFFF"},
           {"ab\xef\xbf\xbe", "U+FFFE"},
           {"ab\xef\xb7\x90", "U+FDD0"},
           {"ab\xef\xb7\xaf", "U+FDEF"},
           {"ab\xf0\x9f\xbf\xbf", "U+1FFFF"},
           {"ab\xf4\x8f\xbf\xbe", "U+10FFFE"}}) {
    EXPECT_EQ(DescribeTextProblem(text), "noncharacter " + name);
    Diagnostics diagnostics;
    EXPECT_FALSE(CheckSourceText(text, "f.yaml", 0, diagnostics));
    ASSERT_EQ(diagnostics.Sorted().size(), 1u);
    EXPECT_EQ(diagnostics.Sorted()[0].column, 3);
    EXPECT_EQ(diagnostics.Sorted()[0].message,
              "noncharacter " + name + " in the text");
  }
  // Their neighbours are text.
  EXPECT_EQ(DescribeTextProblem("\xef\xbf\xbd \xef\xb7\x8f \xef\xb7\xb0"), "");
}

TEST(SourceTextTest, ReadsUtf8AcrossTheEightByteSteps) {
  for (size_t at = 0; at < 12; ++at) {
    std::string text(16, 'a');
    SCOPED_TRACE("at " + std::to_string(at));
    EXPECT_EQ(DescribeTextProblem(text.substr(0, at) + "\xC3\xA9" + text), "");
    EXPECT_EQ(DescribeTextProblem(text.substr(0, at) + "\xE2\x80\x99" + text),
              "");
    // A C1 control written as UTF-8, as cp1252 read as Latin-1 leaves it.
    EXPECT_EQ(DescribeTextProblem(text.substr(0, at) + "\xC2\x85" + text),
              "invisible control character U+0085");
    EXPECT_EQ(DescribeTextProblem(text.substr(0, at) + "\xC3" + text),
              "invalid UTF-8 text");
  }
}

}  // namespace
}  // namespace scrutineer
