#include "config/site_config.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "write/file_system.h"

namespace scrutineer {
namespace {

// Loads `yaml` as site.yaml with SOURCE_DATE_EPOCH unset; returns every
// diagnostic headline, one per line.
std::string Load(const std::string& yaml, SiteConfig* config) {
  unsetenv("SOURCE_DATE_EPOCH");
  MemoryFileSystem files;
  files.AddFile("site.yaml", yaml);
  Diagnostics diagnostics;
  LoadSiteConfig(files, config, diagnostics);
  std::string lines;
  for (const Diagnostic& d : diagnostics.Sorted())
    lines += FormatDiagnosticHeadline(d) + "\n";
  return lines;
}

TEST(SiteConfigTest, ReadsAccountabilitySettings) {
  SiteConfig config;
  EXPECT_EQ(Load("title: T\nas_at: 2019-02-01\nstale_after_months: 9\n"
                 "changes_periods:\n"
                 "  - { title: Since June, from: 2017-06-21, to: 2017-09 }\n",
                 &config),
            "");
  ASSERT_TRUE(config.as_at.has_value());
  EXPECT_EQ(config.as_at->Iso(), "2019-02-01");
  EXPECT_EQ(config.as_at_origin, "site.yaml");
  EXPECT_EQ(config.stale_after_months, 9);
  ASSERT_EQ(config.changes_periods.size(), 1u);
  EXPECT_EQ(config.changes_periods[0].title, "Since June");
  EXPECT_EQ(config.changes_periods[0].from.Iso(), "2017-06-21");
  EXPECT_EQ(config.changes_periods[0].to.Iso(), "2017-09");
}

TEST(SiteConfigTest, BaseUrlMustBeAWebAddressWithNothingToInject) {
  SiteConfig config;
  EXPECT_EQ(
      Load("title: T\nbase_url: https://example.gov.uk/scrutiny\n", &config),
      "");
  EXPECT_EQ(config.base_url, "https://example.gov.uk/scrutiny/");
  // A block scalar's line break would start a calendar property of its own.
  SiteConfig injected;
  EXPECT_EQ(Load("title: T\nbase_url: |\n  https://x.example/\n"
                 "  BEGIN:VEVENT\n",
                 &injected),
            "site.yaml:2:11: error: base_url holds a space, line break or "
            "other control character\n");
  EXPECT_EQ(injected.base_url, "");
  SiteConfig script;
  EXPECT_EQ(Load("title: T\nbase_url: \"javascript:alert(1)//\"\n", &script),
            "site.yaml:2:11: error: base_url must start with https:// or "
            "http://\n");
  EXPECT_EQ(script.base_url, "");

  EXPECT_EQ(BaseUrlProblem("http://localhost:8000/"), "");
  EXPECT_EQ(BaseUrlProblem("https:///path"), "has no host name");
  EXPECT_EQ(BaseUrlProblem("https://"), "has no host name");
  EXPECT_EQ(BaseUrlProblem("https://x/\x1b[31m"),
            "holds a space, line break or other control character");
  EXPECT_EQ(BaseUrlProblem("https://x/\"onload=\""),
            "holds '\"', which no address needs written as is (percent-encode "
            "it)");
}

TEST(SiteConfigTest, TitleMustNotBeBlank) {
  SiteConfig config;
  EXPECT_EQ(Load("title: \"   \"\n", &config),
            "site.yaml:1:8: error: setting 'title' is blank\n");
}

TEST(SiteConfigTest, DefaultsHaveNoAsAtDateAndSixMonths) {
  SiteConfig config;
  EXPECT_EQ(Load("title: T\n", &config), "");
  EXPECT_FALSE(config.as_at.has_value());
  EXPECT_EQ(config.stale_after_months, 6);
  EXPECT_TRUE(config.changes_periods.empty());
}

// A setting's date in the right form but out of range is told what is
// wrong, not the form it already has.
TEST(SiteConfigTest, SaysWhatIsWrongWithADateOfTheRightForm) {
  const std::pair<const char*, const char*> kCases[] = {
      {"title: T\nas_at: 2019-02-30\n", "February 2019 has 28 days"},
      {"title: T\nas_at: 2019-02\n", "write it as 2019-02-01"},
      {"title: T\nchanges_periods:\n  - { from: 2018-02-29, to: 2018-03 }\n",
       "February 2018 has 28 days"},
      {"title: T\nchanges_periods:\n  - { from: 0999, to: 2018-03 }\n",
       "years run from 1000 to 9999"},
      {"title: T\nchanges_periods:\n  - { from: soon, to: 2018-03 }\n",
       "write a date as 2017, 2017-02 or 2017-02-16"},
  };
  for (const auto& [yaml, hint] : kCases) {
    unsetenv("SOURCE_DATE_EPOCH");
    MemoryFileSystem files;
    files.AddFile("site.yaml", yaml);
    SiteConfig config;
    Diagnostics diagnostics;
    LoadSiteConfig(files, &config, diagnostics);
    std::vector<Diagnostic> found = diagnostics.Sorted();
    ASSERT_EQ(found.size(), 1u) << yaml;
    EXPECT_EQ(found[0].hint, hint) << yaml;
  }
}

TEST(SiteConfigTest, ReportsBadAccountabilitySettings) {
  struct Case {
    const char* yaml;
    const char* expected;
  };
  const Case kCases[] = {
      {"title: T\nas_at: 2019-02\n",
       "site.yaml:2:8: error: setting 'as_at' must be a full date, found "
       "'2019-02'\n"},
      {"title: T\nas_at: tomorrow\n",
       "site.yaml:2:8: error: setting 'as_at' must be a full date, found "
       "'tomorrow'\n"},
      {"title: T\nstale_after_months: 0\n",
       "site.yaml:2:21: error: setting 'stale_after_months' must be a whole "
       "number of months from 1 to 120\n"},
      {"title: T\nstale_after_months: six\n",
       "site.yaml:2:21: error: setting 'stale_after_months' must be a whole "
       "number of months from 1 to 120\n"},
      {"title: T\nchanges_periods: 2017\n",
       "site.yaml:2:18: error: setting 'changes_periods' must be a list\n"},
      {"title: T\nchanges_periods:\n  - { from: 2017-07, to: 2017-06 }\n",
       "site.yaml:3:5: error: a changes period ends (2017-06) before it "
       "starts (2017-07)\n"},
      {"title: T\nchanges_periods:\n  - { from: 2017, until: 2018 }\n",
       "site.yaml:3:5: error: a changes period needs 'to'\n"
       "site.yaml:3:19: error: unknown field 'until' in a changes period\n"},
      {"title: T\nchanges_periods:\n  - { title: [a], from: 2017, to: 2018 }\n",
       "site.yaml:3:14: error: a changes period's 'title' must be text\n"},
      // Both would be changes/2017-to-2018/: the second was dropped unseen.
      {"title: T\nchanges_periods:\n  - { title: One, from: 2017, to: 2018 }\n"
       "  - { title: Two, from: 2017, to: 2018 }\n",
       "site.yaml:4:5: error: a second changes period from 2017 to 2018\n"},
      {"title: T\nas_at_date: 2019-02-01\n",
       "site.yaml:2:1: error: unknown setting 'as_at_date'\n"},
  };
  for (const Case& c : kCases) {
    SiteConfig config;
    EXPECT_EQ(Load(c.yaml, &config), c.expected) << c.yaml;
  }
}

TEST(SiteConfigTest, SourceDateEpochGivesTheAsAtDateWhenSiteYamlDoesNot) {
  struct Case {
    const char* epoch;
    const char* expected;  // as_at, or "" when none
    const char* error;
  };
  const Case kCases[] = {
      {"1548979200", "2019-02-01", ""},
      {"1548979199", "2019-01-31", ""},
      {"951782400", "2000-02-29", ""},
      {"0", "1970-01-01", ""},
      {"", "",
       "SOURCE_DATE_EPOCH: error: SOURCE_DATE_EPOCH must be a whole number "
       "of seconds since 1970-01-01, found ''\n"},
      {"-86400", "",
       "SOURCE_DATE_EPOCH: error: SOURCE_DATE_EPOCH must be a whole number "
       "of seconds since 1970-01-01, found '-86400'\n"},
      {"2019-02-01", "",
       "SOURCE_DATE_EPOCH: error: SOURCE_DATE_EPOCH must be a whole number "
       "of seconds since 1970-01-01, found '2019-02-01'\n"},
      {"99999999999999", "",
       "SOURCE_DATE_EPOCH: error: SOURCE_DATE_EPOCH is too large: at most 12 "
       "digits, found '99999999999999'\n"},
  };
  for (const Case& c : kCases) {
    SiteConfig config;
    Diagnostics diagnostics;
    ApplySourceDateEpoch(c.epoch, &config, diagnostics);
    EXPECT_EQ(config.as_at ? config.as_at->Iso() : "", c.expected) << c.epoch;
    std::string lines;
    for (const Diagnostic& d : diagnostics.Sorted())
      lines += FormatDiagnosticHeadline(d) + "\n";
    EXPECT_EQ(lines, c.error) << c.epoch;
    if (config.as_at) {
      EXPECT_EQ(config.as_at_origin, "SOURCE_DATE_EPOCH");
    }
  }
}

TEST(SiteConfigTest, SiteYamlAsAtWinsOverSourceDateEpoch) {
  SiteConfig config;
  EXPECT_EQ(Load("title: T\nas_at: 2017-07-01\n", &config), "");
  Diagnostics diagnostics;
  ApplySourceDateEpoch("1548979200", &config, diagnostics);
  EXPECT_EQ(config.as_at->Iso(), "2017-07-01");
  EXPECT_EQ(config.as_at_origin, "site.yaml");
  ApplySourceDateEpoch(nullptr, &config, diagnostics);
  EXPECT_EQ(config.as_at->Iso(), "2017-07-01");
  EXPECT_FALSE(diagnostics.HasErrors());
}

TEST(SiteConfigTest, LoadReadsSourceDateEpochFromTheEnvironment) {
  MemoryFileSystem files;
  files.AddFile("site.yaml", "title: T\n");
  setenv("SOURCE_DATE_EPOCH", "1498867200", 1);
  SiteConfig config;
  Diagnostics diagnostics;
  LoadSiteConfig(files, &config, diagnostics);
  unsetenv("SOURCE_DATE_EPOCH");
  ASSERT_TRUE(config.as_at.has_value());
  EXPECT_EQ(config.as_at->Iso(), "2017-07-01");
}

}  // namespace
}  // namespace scrutineer
