// End-to-end tests: run the scrutineer binary on the sites in tests/sites/
// and look at its exit code, its messages and the files it writes.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

namespace scrutineer {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// A scratch folder holding a copy of a fixture site with the repository's
// own templates and theme, removed at the end of the test.
class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/scrutineer-cli-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    scratch_ = pattern;
  }
  void TearDown() override { fs::remove_all(scratch_); }

  fs::path CopySite(const std::string& fixture) {
    fs::path repo = SCRUTINEER_SOURCE_DIR;
    fs::path site = scratch_ / "site";
    fs::copy(repo / "tests/sites" / fixture, site, fs::copy_options::recursive);
    if (!fs::exists(site / "templates")) {
      fs::copy(repo / "templates", site / "templates",
               fs::copy_options::recursive);
    }
    if (!fs::exists(site / "theme")) {
      fs::copy(repo / "theme", site / "theme", fs::copy_options::recursive);
    }
    return site;
  }

  RunResult Run(const std::string& arguments) {
    fs::path out = scratch_ / "stdout";
    fs::path err = scratch_ / "stderr";
    std::string command = std::string(SCRUTINEER_BINARY) + " " + arguments +
                          " >" + out.string() + " 2>" + err.string();
    int status = std::system(command.c_str());
    RunResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = ReadAll(out);
    result.err = ReadAll(err);
    return result;
  }

  fs::path scratch_;
};

TEST_F(CliTest, BuildsMinimalSiteWithPageForEveryRecord) {
  fs::path site = CopySite("minimal");
  RunResult result = Run("build --source " + site.string());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  EXPECT_NE(result.out.find("Built 13 records"), std::string::npos)
      << result.out;
  fs::path out = site / "public";
  for (const char* page :
       {"index.html", "404.html", "reviews/index.html",
        "reviews/test-review/index.html",
        "recommendations/test-review/r1/index.html",
        "recommendations/test-review/r2/index.html",
        "recommendations/test-workshop/r1/index.html",
        "updates/test-update-2017/index.html",
        "meetings/test-osc-2017-06-20/index.html",
        "papers/test-paper/index.html", "workshops/test-workshop/index.html",
        "timelines/test-timeline/index.html", "committees/test-osc/index.html",
        "committees/test-ppc/index.html", "people/ann-example/index.html",
        "organisations/test-council/index.html", "theme/site.css"}) {
    EXPECT_TRUE(fs::is_regular_file(out / page)) << page;
  }
  // Built again from the same records, every file is the one before.
  std::smatch files;
  ASSERT_TRUE(std::regex_search(result.out, files,
                                std::regex("into (\\d+) files in [^ ]+ \\(")))
      << result.out;
  RunResult again = Run("build --source " + site.string());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find(files[1].str() + " files in " + out.string() + ", " +
                           files[1].str() + " of them unchanged"),
            std::string::npos)
      << again.out;
}

// The header and footer are made once per depth and shared between pages:
// each page must still have its own section marked, and links that lead
// from its own depth.
TEST_F(CliTest, EveryPageHasNavigationForItsOwnSectionAndDepth) {
  fs::path site = CopySite("minimal");
  RunResult result =
      Run("build --base-url https://example.org/ --source " + site.string());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  struct Expected {
    const char* page;
    const char* root;
    const char* current;  // the section marked current, or ""
  };
  for (const Expected& expected : {
           Expected{"index.html", "", ""},
           Expected{"reviews/index.html", "../", "reviews/"},
           Expected{"reviews/test-review/index.html", "../../", "reviews/"},
           Expected{"recommendations/test-review/r1/index.html", "../../../",
                    "recommendations/"},
           Expected{"people/ann-example/index.html", "../../", "people/"},
           Expected{"meetings/test-osc-2017-06-20/index.html", "../../",
                    "meetings/"},
           Expected{"search/index.html", "../", ""},
       }) {
    SCOPED_TRACE(expected.page);
    const std::string html = ReadAll(site / "public" / expected.page);
    const std::string root = expected.root;
    std::smatch current;
    const std::regex marked("<a href=\"([^\"]*)\" aria-current=\"true\">");
    if (std::string(expected.current).empty()) {
      EXPECT_FALSE(std::regex_search(html, current, marked));
    } else {
      ASSERT_TRUE(std::regex_search(html, current, marked));
      EXPECT_EQ(current[1].str(), root + expected.current);
      // Only one section is current.
      EXPECT_FALSE(
          std::regex_search(current.suffix().first, html.cend(), marked));
    }
    for (const char* section : {"reviews/", "updates/", "people/"}) {
      EXPECT_NE(html.find("<a href=\"" + root + section + "\""),
                std::string::npos)
          << section;
    }
    EXPECT_NE(html.find("<a class=\"site-title\" href=\"" + root + "\">"),
              std::string::npos);
    EXPECT_NE(html.find("<li><a href=\"" + root + "search/\">Search</a></li>"),
              std::string::npos);
    EXPECT_NE(html.find("href=\"" + root + "feed.xml\">"), std::string::npos);
  }
}

TEST_F(CliTest, RecommendationPageShowsTextReviewAddresseeAndUpdates) {
  fs::path site = CopySite("minimal");
  ASSERT_EQ(Run("build --source " + site.string()).exit_code, 0);
  std::string html =
      ReadAll(site / "public/recommendations/test-review/r1/index.html");
  // Text, with its short link resolved relative to this page.
  EXPECT_NE(
      html.find("The Director is requested to report on performance. See "
                "also <a href=\"../../../recommendations/test-review/r2/\">"
                "Recommendation 2: Protocol</a>."),
      std::string::npos);
  EXPECT_NE(html.find("<a href=\"../../../reviews/test-review/\">Safeguarding "
                      "&lt;Children&gt; &amp; &quot;Families&quot;</a>"),
            std::string::npos);
  EXPECT_NE(html.find("<dd>Director of Children&apos;s Services</dd>"),
            std::string::npos);
  EXPECT_NE(html.find("<li>Reports now go to every meeting.</li>"),
            std::string::npos);
  EXPECT_NE(html.find("status-in-progress\">In progress</strong>"),
            std::string::npos);
  // The unsafe link keeps its words and loses its target.
  EXPECT_EQ(html.find("javascript:"), std::string::npos);
  EXPECT_NE(html.find("<li>Unsafe link.</li>"), std::string::npos);
}

TEST_F(CliTest, RecordTextIsEscapedAndRawHtmlDropped) {
  fs::path site = CopySite("minimal");
  ASSERT_EQ(Run("build --source " + site.string()).exit_code, 0);
  std::string html = ReadAll(site / "public/reviews/test-review/index.html");
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_EQ(html.find("<Children>"), std::string::npos);
  EXPECT_NE(html.find("<title>Safeguarding &lt;Children&gt; &amp; "
                      "&quot;Families&quot; – Minimal scrutiny site</title>"),
            std::string::npos);
  EXPECT_NE(html.find("The review began in <strong>January 2014</strong>."),
            std::string::npos);
}

TEST_F(CliTest, BacklinksAndFollowersAreComputed) {
  fs::path site = CopySite("minimal");
  ASSERT_EQ(Run("build --source " + site.string()).exit_code, 0);
  std::string r2 =
      ReadAll(site / "public/recommendations/test-review/r2/index.html");
  // The workshop's recommendation follows r2: r2's page says so.
  EXPECT_NE(r2.find("<h2>Later recommendations that follow this one</h2>"),
            std::string::npos);
  EXPECT_NE(r2.find("href=\"../../../recommendations/test-workshop/r1/\""),
            std::string::npos);
  std::string person = ReadAll(site / "public/people/ann-example/index.html");
  EXPECT_NE(person.find("href=\"../../meetings/test-osc-2017-06-20/\""),
            std::string::npos);
  EXPECT_NE(person.find("href=\"../../workshops/test-workshop/\""),
            std::string::npos);
}

TEST_F(CliTest, InferredValuesSayWhy) {
  fs::path site = CopySite("minimal");
  ASSERT_EQ(Run("build --source " + site.string()).exit_code, 0);
  std::string html = ReadAll(site / "public/reviews/test-review/index.html");
  EXPECT_NE(html.find("<time datetime=\"2016-01\">January 2016</time> <span "
                      "class=\"inferred\">(inferred: The cabinet report of "
                      "March 2016 calls it recent.)</span>"),
            std::string::npos);
}

// The check an officer meets first: three broken files, three diagnostics,
// and the previous output untouched.
TEST_F(CliTest, ReportsEveryProblemAndLeavesPreviousOutputUntouched) {
  fs::path site = CopySite("minimal");
  fs::path out = scratch_ / "public";
  ASSERT_EQ(Run("build --source " + site.string() + " --out " + out.string())
                .exit_code,
            0);
  std::string before = ReadAll(out / "index.html");
  {
    std::ofstream(site / "content/timelines/test-timeline.yaml")
        << "id: test-timeline\ntitle: Timeline\nmilestones:\n"
           "  - { date: 2019-02-30, text: Spotlight session }\n";
    std::ofstream(site / "content/workshops/test-workshop.md")
        << "---\nid: test-workshop\ntitle: Workshop\ndate: 2019-01\n"
           "committee: test-oscc\n---\n";
    std::ofstream(site / "content/committees/test-ppc.yaml")
        << "id: test-ppc\nname: \"Policy and Performance\n";
  }
  RunResult result =
      Run("build --source " + site.string() + " --out " + out.string());
  EXPECT_EQ(result.exit_code, 1);
  std::string expected =
      "content/committees/test-ppc.yaml:2:7: error: quoted text is not "
      "closed: the closing \" is missing\n";
  EXPECT_NE(result.err.find(expected), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("content/timelines/test-timeline.yaml:4:13: error: "
                            "'2019-02-30' is not a date\n"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("content/workshops/test-workshop.md:5:12: error: "
                            "unknown committee 'test-oscc'\n"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("note: did you mean 'test-osc'?\n"),
            std::string::npos);
  EXPECT_EQ(ReadAll(out / "index.html"), before);
  EXPECT_TRUE(fs::is_regular_file(out / "reviews/test-review/index.html"));
}

TEST_F(CliTest, CheckWritesNothing) {
  fs::path site = CopySite("minimal");
  RunResult result = Run("check --source " + site.string());
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_FALSE(fs::exists(site / "public"));
}

TEST_F(CliTest, MissingSiteYamlIsAFailureNotAContentError) {
  fs::create_directories(scratch_ / "empty");
  RunResult result = Run("build --source " + (scratch_ / "empty").string());
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("site.yaml: error: cannot read site.yaml"),
            std::string::npos)
      << result.err;
}

TEST_F(CliTest, RefusesToWriteOverTheSourceFolder) {
  fs::path site = CopySite("minimal");
  RunResult result =
      Run("build --source " + site.string() + " --out " + site.string());
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_TRUE(fs::is_regular_file(site / "site.yaml"));
}

// A build used to render the whole site (a minute on a large one) before
// finding that it could not write it. The site here has a content error:
// a build that loaded the content would report it and exit with 1.
TEST_F(CliTest, RefusesABadOutputFolderBeforeLoadingTheSite) {
  fs::path site = CopySite("minimal");
  std::ofstream(site / "content/committees/test-ppc.yaml")
      << "id: test-ppc\nname: \"Policy and Performance\n";
  const std::string source = fs::canonical(site).string();
  const std::string parent = fs::canonical(scratch_).string();
  struct Case {
    fs::path out;
    std::string message;
  };
  const Case kCases[] = {
      {scratch_ / "missing/public",
       "error: cannot write output: parent folder '" +
           (scratch_ / "missing").string() + "' does not exist\n"},
      {site, "error: refusing to use the source folder '" + source +
                 "' as the output folder\n"},
      {scratch_, "error: refusing to use '" + parent +
                     "' as the output folder: it contains the source folder '" +
                     source + "'\n"},
  };
  for (const Case& c : kCases) {
    RunResult result =
        Run("build --source " + site.string() + " --out " + c.out.string());
    EXPECT_EQ(result.exit_code, 2) << c.out;
    EXPECT_NE(result.err.find(c.message), std::string::npos) << result.err;
    EXPECT_EQ(result.err.find("test-ppc.yaml"), std::string::npos)
        << "the content was loaded: " << result.err;
    EXPECT_TRUE(result.out.empty()) << result.out;
  }
  EXPECT_FALSE(fs::exists(scratch_ / "missing"));
  EXPECT_FALSE(fs::exists(site / "public"));
  EXPECT_TRUE(fs::is_regular_file(site / "site.yaml"));
  EXPECT_TRUE(fs::is_regular_file(site / "content/committees/test-ppc.yaml"));
}

// A schemas folder may hold a symbolic link (committed, or planted); writing
// through it would overwrite whatever file it leads to.
TEST_F(CliTest, SchemaReplacesALinkInsteadOfWritingThroughIt) {
  const fs::path victim = scratch_ / "victim.txt";
  std::ofstream(victim) << "precious data\n";
  fs::create_directories(scratch_ / "schemas");
  fs::create_symlink("../victim.txt", scratch_ / "schemas/review.schema.json");
  RunResult written = Run("schema --out " + (scratch_ / "schemas").string());
  EXPECT_EQ(written.exit_code, 0) << written.err;
  EXPECT_EQ(ReadAll(victim), "precious data\n");
  EXPECT_FALSE(fs::is_symlink(scratch_ / "schemas/review.schema.json"));
  EXPECT_NE(
      ReadAll(scratch_ / "schemas/review.schema.json").find("\"$schema\""),
      std::string::npos);

  std::ofstream(scratch_ / "a-file") << "not a folder\n";
  RunResult refused = Run("schema --out " + (scratch_ / "a-file/x").string());
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("cannot make the folder: Not a directory"),
            std::string::npos)
      << refused.err;
}

// CI reads the exit code: a report that could not be written must not pass
// for one that was.
TEST_F(CliTest, AReportThatCannotBeWrittenFailsTheCommand) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full here";
  fs::path site = CopySite("minimal");
  const fs::path err = scratch_ / "stderr";
  auto run = [&](const std::string& arguments) {
    int status = std::system((std::string(SCRUTINEER_BINARY) + " " + arguments +
                              " >/dev/full 2>" + err.string())
                                 .c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  EXPECT_EQ(run("check --format json --source " + site.string()), 2);
  EXPECT_NE(ReadAll(err).find("cannot write to standard output"),
            std::string::npos)
      << ReadAll(err);
  EXPECT_EQ(run("schema review"), 2);
}

TEST_F(CliTest, VersionHelpAndUsageErrors) {
  RunResult version = Run("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("scrutineer ", 0), 0u) << version.out;
  EXPECT_EQ(Run("--help").exit_code, 0);
  EXPECT_EQ(Run("build --no-such-option").exit_code, 2);
  EXPECT_EQ(Run("").exit_code, 2);
}

}  // namespace
}  // namespace scrutineer
