// --timings: each stage once, in the order it started, indented by
// nesting, with its wall time and the cores it kept busy. (Figures are not
// checked: timed assertions flake on shared machines.)
#include "util/stage_timer.h"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace scrutineer {
namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(StageTimerTest, PrintsEachStageWithWallTimeAndCoresNestedInOrder) {
  EnableStageTimings(true);
  {
    StageTimer outer("render");
    { StageTimer inner("pages"); }
    { StageTimer inner("feeds"); }
  }
  { StageTimer last("write"); }
  std::ostringstream out;
  PrintStageTimings(out);
  EnableStageTimings(false);

  const std::vector<std::string> lines = Lines(out.str());
  ASSERT_EQ(lines.size(), 4u) << out.str();
  const std::regex line(
      R"( *[0-9]+\.[0-9] ms +[0-9]+\.[0-9] cores  ( *)(\w+))");
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"", "render"}, {"  ", "pages"}, {"  ", "feeds"}, {"", "write"}};
  for (size_t i = 0; i < lines.size(); ++i) {
    std::smatch match;
    ASSERT_TRUE(std::regex_match(lines[i], match, line)) << lines[i];
    EXPECT_EQ(match[1].str(), expected[i].first) << lines[i];
    EXPECT_EQ(match[2].str(), expected[i].second) << lines[i];
  }
}

TEST(StageTimerTest, RecordsNothingWhenOff) {
  EnableStageTimings(false);
  { StageTimer stage("load"); }
  std::ostringstream out;
  PrintStageTimings(out);
  EXPECT_EQ(out.str(), "");
}

}  // namespace
}  // namespace scrutineer
