#include "model/schema.h"

#include <gtest/gtest.h>

namespace scrutineer {
namespace {

// A number has one spelling: "04" is refused rather than read as 4, since
// numbers are compared as text and "4" and "04" would be two pages.
TEST(SchemaTest, RecommendationNumbersHaveNoLeadingZero) {
  struct Case {
    const char* number;
    bool valid;
  };
  const Case kCases[] = {
      {"1", true},   {"4", true},    {"4a", true},     {"10", true},
      {"100", true}, {"9999", true}, {"9999z", true},  {"04", false},
      {"0", false},  {"00", false},  {"0000", false},  {"04a", false},
      {"0a", false}, {"010", false}, {"00012", false}, {"", false},
      {"a", false},  {"4A", false},  {"4ab", false},   {"12345", false},
      {"-4", false}, {"+4", false},  {" 4", false},    {"4 ", false},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(IsValidRecommendationNumber(c.number), c.valid) << c.number;
    EXPECT_EQ(IsValidReference(std::string("review/r") + c.number), c.valid)
        << c.number;
  }
}

TEST(SchemaTest, HintForARefusedNumberNamesTheNumberToWrite) {
  struct Case {
    const char* number;
    const char* hint;
  };
  const char* kNoZero = ": a recommendation number has no leading zero";
  const char* kGeneral = "numbers are digits with an optional letter: 16, 4a";
  const Case kCases[] = {
      {"04", "write 4"},
      {"004a", "write 4a"},
      {"00012", "write 12"},
      {"0100", "write 100"},
      {"0", "recommendation numbers start at 1"},
      {"0000", "recommendation numbers start at 1"},
      {"0a", "recommendation numbers start at 1"},
      {"012345", kGeneral},  // five digits even without the zero
      {"0x4", kGeneral},
      {"sixteen", kGeneral},
      {"4A", "write 4a: the letter of a number is lower case"},
      {"10000", "numbers run from 1 to 9999, with an optional letter: 16, 4a"},
      {"12345b",
       "numbers run from 1 to 9999, with an optional letter: 16, 4a"},
      {"4ab", kGeneral},
      {"", kGeneral},
  };
  for (const Case& c : kCases) {
    std::string expected = c.hint;
    if (expected.rfind("write ", 0) == 0 &&
        expected.find(':') == std::string::npos) {
      expected += kNoZero;
    }
    EXPECT_EQ(RecommendationNumberHint(c.number), expected) << c.number;
  }
}

TEST(SchemaTest, HintForARefusedReferenceNamesTheIdToWrite) {
  EXPECT_EQ(RecommendationReferenceHint("wirral-2015/r04"),
            "write 'wirral-2015/r4': a recommendation number has no leading "
            "zero");
  EXPECT_EQ(RecommendationReferenceHint("wirral-2015/r0016b"),
            "write 'wirral-2015/r16b': a recommendation number has no leading "
            "zero");
  EXPECT_EQ(RecommendationReferenceHint("wirral-2015/r00"),
            "recommendation numbers start at 1");
  // Refused for something else: the caller's general hint applies.
  for (const char* id : {"Wirral/r04", "wirral-2015/x04", "wirral-2015/r",
                         "wirral-2015/rx", "wirral-2015/r012345", "wirral"}) {
    EXPECT_EQ(RecommendationReferenceHint(id), "") << id;
  }
}

}  // namespace
}  // namespace scrutineer
