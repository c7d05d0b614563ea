// End-to-end tests of the commands an officer and a CI job use besides
// `build`: check (with its formats), new, schema, and --base-url.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "test_site.h"

namespace scrutineer {
namespace {

using testing_support::CopySite;
using testing_support::ReadFile;
using testing_support::RunResult;
using testing_support::RunScrutineer;
using testing_support::ScratchFolder;
using testing_support::WriteFile;
namespace fs = std::filesystem;

class WorkflowTest : public ::testing::Test {
 protected:
  RunResult Run(const std::string& arguments) {
    return RunScrutineer(arguments, site_, scratch_.path());
  }

  ScratchFolder scratch_;
  fs::path site_ = scratch_.path() / "site";
};

// The acceptance test: a broken link, a bad anchor and an unknown
// id make three annotations GitHub shows on the lines that hold them.
TEST_F(WorkflowTest, CheckAnnotatesBrokenLinkBadAnchorAndUnknownIdForGithub) {
  CopySite("invalid/broken-links", site_);
  RunResult result = Run("check --format github");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out,
            "::error file=content/reviews/test-review.md,line=4,col=12::"
            "unknown committee 'test-osx'%0Anote: did you mean 'test-osc'?\n"
            "::error file=content/reviews/test-review.md,line=6,col=43::"
            "broken link '../../meetings/test-osc-2017-06-21/': nothing at "
            "'meetings/test-osc-2017-06-21/'%0Anote: on page "
            "'reviews/test-review/'; link to a record by its id: "
            "[words](@id)\n"
            "::error file=content/reviews/test-review.md,line=7,col=31::"
            "broken anchor '#findings': page 'reviews/test-review/' has no "
            "id 'findings'%0Anote: on page 'reviews/test-review/'\n");
  EXPECT_EQ(result.err, "");
}

TEST_F(WorkflowTest, GithubPathsStartFromTheFolderTheCheckRunsIn) {
  CopySite("invalid/broken-links", site_);
  RunResult result = RunScrutineer("check --format github --source site",
                                   scratch_.path(), scratch_.path());
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out.rfind("::error file=site/content/reviews/"
                             "test-review.md,line=4,col=12::",
                             0),
            0u)
      << result.out;
}

TEST_F(WorkflowTest, CheckPrintsJsonForTools) {
  CopySite("invalid/broken-links", site_);
  RunResult result = Run("check --format json");
  EXPECT_EQ(result.exit_code, 1);
  nlohmann::json document = nlohmann::json::parse(result.out);
  EXPECT_EQ(document["errors"], 3);
  ASSERT_EQ(document["diagnostics"].size(), 3u);
  EXPECT_EQ(document["diagnostics"][1]["file"],
            "content/reviews/test-review.md");
  EXPECT_EQ(document["diagnostics"][1]["line"], 6);
  EXPECT_EQ(document["diagnostics"][1]["column"], 43);
}

TEST_F(WorkflowTest, CheckTextFormatQuotesTheLineAndCountsLinkErrors) {
  CopySite("invalid/broken-links", site_);
  RunResult result = Run("check");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find(
                "content/reviews/test-review.md:7:31: error: broken anchor "
                "'#findings': page 'reviews/test-review/' has no id "
                "'findings'\n    Its findings are at [the end](#findings), "
                "and the [committee](@test-osc) met in\n"
                "                                  ^\n"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("\n3 errors, 0 warnings\n"), std::string::npos);
}

TEST_F(WorkflowTest, CheckPassesACleanSiteAndRejectsAnUnknownFormat) {
  CopySite("minimal", site_);
  RunResult result = Run("check");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out.rfind("Checked 13 records and ", 0), 0u) << result.out;
  EXPECT_EQ(Run("check --format github").out, "");
  EXPECT_EQ(Run("check --format xml").exit_code, 2);
}

TEST_F(WorkflowTest, StrictMakesWarningsFailTheCheck) {
  CopySite("minimal", site_);
  WriteFile(site_ / "content/notes.txt", "not a record");
  RunResult lenient = Run("check --format github");
  EXPECT_EQ(lenient.exit_code, 0);
  EXPECT_EQ(lenient.out,
            "::warning file=content/notes.txt::ignored: not a record (.md, "
            ".yaml or .yml)\n");
  RunResult strict = Run("check --format github --strict");
  EXPECT_EQ(strict.exit_code, 1);
  EXPECT_EQ(strict.out,
            "::error file=content/notes.txt::ignored: not a record (.md, "
            ".yaml or .yml)\n");
}

TEST_F(WorkflowTest, NewScaffoldsARecordAndNeverOverwrites) {
  CopySite("minimal", site_);
  RunResult created = Run("new meeting test-osc-2024-01-15");
  ASSERT_EQ(created.exit_code, 0) << created.err;
  EXPECT_EQ(created.out,
            "Created content/meetings/test-osc-2024-01-15.md: fill in the "
            "required fields, then run scrutineer check\n");
  fs::path file = site_ / "content/meetings/test-osc-2024-01-15.md";
  std::string scaffold = ReadFile(file);
  EXPECT_NE(scaffold.find("\nid: test-osc-2024-01-15\n"), std::string::npos);

  // check points at the one required field left empty.
  RunResult check = Run("check");
  EXPECT_EQ(check.exit_code, 1);
  EXPECT_NE(check.err.find("content/meetings/test-osc-2024-01-15.md:5:1: "
                           "error: missing required field 'date' in meeting"),
            std::string::npos)
      << scaffold << check.err;

  WriteFile(file, "edited");
  RunResult again = Run("new meeting test-osc-2024-01-15");
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_EQ(again.err,
            "content/meetings/test-osc-2024-01-15.md: error: a record with "
            "the id 'test-osc-2024-01-15' already exists\nnote: scrutineer "
            "new never overwrites; choose another id\n");
  EXPECT_EQ(ReadFile(file), "edited");
  // Ids are unique across kinds.
  EXPECT_EQ(Run("new person test-osc-2024-01-15").exit_code, 2);
  EXPECT_FALSE(fs::exists(site_ / "content/people/test-osc-2024-01-15.yaml"));
}

TEST_F(WorkflowTest, NewRefusesUnknownKindsAndBadIdsWithSuggestions) {
  CopySite("minimal", site_);
  struct Case {
    const char* arguments;
    const char* err;
  };
  const Case cases[] = {
      {"new reveiw x",
       "error: unknown kind 'reveiw'\nnote: did you mean 'review'? the kinds "
       "are: review update meeting paper workshop timeline committee person "
       "organisation\n"},
      {"new recommendation x",
       "error: a recommendation is not a file of its own\nnote: add it under "
       "'recommendations:' in its review or workshop\n"},
      {"new review 'Safeguarding Review 2024'",
       "error: 'Safeguarding Review 2024' is not a valid id\nnote: ids use "
       "lower-case letters, digits and hyphens, at most 80 characters, and "
       "become the file name; did you mean 'safeguarding-review-2024'?\n"},
      // A terminal is sent no control character from the command line.
      {"new review 'a\x1b]0;title\x07"
       "b'",
       "error: 'a\\x1b]0;title\\x07b' is not a valid id\nnote: ids use "
       "lower-case letters, digits and hyphens, at most 80 characters, and "
       "become the file name; did you mean 'a-0-title-b'?\n"},
      {"new rev\x1biew x",
       "error: unknown kind 'rev\\x1biew'\nnote: did you mean 'review'? "
       "the kinds are: review update meeting paper workshop timeline "
       "committee person organisation\n"},
      {"new review ../../etc/passwd",
       "error: '../../etc/passwd' is not a valid id\nnote: ids use lower-case "
       "letters, digits and hyphens, at most 80 characters, and become the "
       "file name; did you mean 'etc-passwd'?\n"},
  };
  for (const Case& c : cases) {
    RunResult result = Run(c.arguments);
    EXPECT_EQ(result.exit_code, 2) << c.arguments;
    EXPECT_EQ(result.err, c.err) << c.arguments;
  }
  // "reviews", the folder's name, is understood too.
  EXPECT_EQ(Run("new reviews new-review").exit_code, 0);
  EXPECT_TRUE(fs::exists(site_ / "content/reviews/new-review.md"));
}

TEST_F(WorkflowTest, SchemaPrintsOneKindOrWritesAFilePerKind) {
  CopySite("minimal", site_);
  RunResult review = Run("schema review");
  ASSERT_EQ(review.exit_code, 0) << review.err;
  nlohmann::json schema = nlohmann::json::parse(review.out);
  EXPECT_EQ(schema["title"], "Scrutineer review");
  nlohmann::json all = nlohmann::json::parse(Run("schema").out);
  EXPECT_EQ(all["definitions"].size(), 9u);

  RunResult written = Run("schema --out schemas");
  ASSERT_EQ(written.exit_code, 0) << written.err;
  EXPECT_EQ(written.out, "Wrote 9 schemas to schemas\n");
  EXPECT_EQ(
      nlohmann::json::parse(ReadFile(site_ / "schemas/review.schema.json")),
      schema);
  EXPECT_EQ(Run("schema revue").exit_code, 2);
}

TEST_F(WorkflowTest, BaseUrlAddsCanonicalLinksAndRootsThe404Page) {
  CopySite("minimal", site_);
  RunResult result = Run("build --base-url https://example.gov.uk/scrutiny");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::string page = ReadFile(site_ / "public/reviews/test-review/index.html");
  EXPECT_NE(page.find("<link rel=\"canonical\" href=\"https://example.gov.uk/"
                      "scrutiny/reviews/test-review/\">"),
            std::string::npos)
      << page;
  std::string home = ReadFile(site_ / "public/index.html");
  EXPECT_NE(home.find("<link rel=\"canonical\" "
                      "href=\"https://example.gov.uk/scrutiny/\">"),
            std::string::npos);
  std::string not_found = ReadFile(site_ / "public/404.html");
  EXPECT_EQ(not_found.find("rel=\"canonical\""), std::string::npos);
  EXPECT_NE(not_found.find("href=\"/scrutiny/reviews/\""), std::string::npos);
  // Every link of the site, the absolute ones included, resolves there.
  RunResult check = Run("check --base-url https://example.gov.uk/scrutiny/");
  EXPECT_EQ(check.exit_code, 0) << check.err;

  // Without a base URL, no page claims an address.
  ASSERT_EQ(Run("build").exit_code, 0);
  EXPECT_EQ(ReadFile(site_ / "public/index.html").find("rel=\"canonical\""),
            std::string::npos);
  EXPECT_EQ(Run("build --base-url /scrutiny/").exit_code, 2);
}

}  // namespace
}  // namespace scrutineer
