#include "diag/diagnostic_formats.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace scrutineer {
namespace {

Diagnostics Sample() {
  Diagnostics diagnostics;
  diagnostics.Error({"content/meetings/board.md", 4, 12},
                    "unknown committee 'wirral-cf-os'",
                    "did you mean 'wirral-cf-osc'?");
  diagnostics.Warning({"content/notes.txt", 0, 0},
                      "ignored: not a record (.md, .yaml or .yml)");
  return diagnostics;
}

std::string Github(const Diagnostics& diagnostics, std::string_view prefix) {
  std::ostringstream out;
  PrintGithubAnnotations(diagnostics, prefix, out);
  return out.str();
}

TEST(DiagnosticFormatsTest, ParsesTheThreeFormatNames) {
  EXPECT_EQ(ParseDiagnosticFormat("text"), DiagnosticFormat::kText);
  EXPECT_EQ(ParseDiagnosticFormat("github"), DiagnosticFormat::kGithub);
  EXPECT_EQ(ParseDiagnosticFormat("json"), DiagnosticFormat::kJson);
  EXPECT_EQ(ParseDiagnosticFormat("GitHub"), std::nullopt);
  EXPECT_EQ(ParseDiagnosticFormat(""), std::nullopt);
}

TEST(DiagnosticFormatsTest, GithubPrintsOneWorkflowCommandPerDiagnostic) {
  EXPECT_EQ(Github(Sample(), ""),
            "::error file=content/meetings/board.md,line=4,col=12::unknown "
            "committee 'wirral-cf-os'%0Anote: did you mean 'wirral-cf-osc'?\n"
            "::warning file=content/notes.txt::ignored: not a record (.md, "
            ".yaml or .yml)\n");
}

TEST(DiagnosticFormatsTest, GithubPutsTheSiteFolderBeforePaths) {
  Diagnostics diagnostics;
  diagnostics.Error({"site.yaml", 2, 1}, "unknown setting 'titel'");
  for (const char* prefix : {"site", "site/", "./site", "./site/"}) {
    EXPECT_EQ(Github(diagnostics, prefix),
              "::error file=site/site.yaml,line=2,col=1::unknown setting "
              "'titel'\n")
        << prefix;
  }
  EXPECT_EQ(Github(diagnostics, "."),
            "::error file=site.yaml,line=2,col=1::unknown setting 'titel'\n");
}

// A message or path must not end the command early or forge a second one.
TEST(DiagnosticFormatsTest, GithubEscapesDataAndProperties) {
  Diagnostics diagnostics;
  diagnostics.Error({"content/a,b:c%.md", 1, 2},
                    "100% wrong\r\n::error::forged", "");
  EXPECT_EQ(Github(diagnostics, ""),
            "::error file=content/a%2Cb%3Ac%25.md,line=1,col=2::100%25 "
            "wrong%0D%0A::error::forged\n");
  Diagnostics escapes;
  escapes.Error({"content/\x1b[31m.md", 0, 0}, "bell\x07 and \x7f");
  EXPECT_EQ(Github(escapes, ""),
            "::error file=content/%1B[31m.md::bell%07 and %7F\n");
}

TEST(DiagnosticFormatsTest, JsonListsEveryDiagnosticWithCounts) {
  std::ostringstream out;
  PrintDiagnosticsJson(Sample(), out);
  nlohmann::json document = nlohmann::json::parse(out.str());
  EXPECT_EQ(document["errors"], 1);
  EXPECT_EQ(document["warnings"], 1);
  ASSERT_EQ(document["diagnostics"].size(), 2u);
  const nlohmann::json& first = document["diagnostics"][0];
  EXPECT_EQ(first["severity"], "error");
  EXPECT_EQ(first["file"], "content/meetings/board.md");
  EXPECT_EQ(first["line"], 4);
  EXPECT_EQ(first["column"], 12);
  EXPECT_EQ(first["message"], "unknown committee 'wirral-cf-os'");
  EXPECT_EQ(first["hint"], "did you mean 'wirral-cf-osc'?");
  EXPECT_EQ(document["diagnostics"][1]["severity"], "warning");
  EXPECT_EQ(document["diagnostics"][1]["line"], 0);
}

TEST(DiagnosticFormatsTest, JsonOfACleanRunIsAnEmptyList) {
  std::ostringstream out;
  PrintDiagnosticsJson(Diagnostics(), out);
  EXPECT_EQ(out.str(),
            "{\n  \"diagnostics\": [],\n  \"errors\": 0,\n  \"warnings\": 0\n}"
            "\n");
}

TEST(DiagnosticFormatsTest, JsonSurvivesInvalidUtf8InAMessage) {
  Diagnostics diagnostics;
  diagnostics.Error({"content/x.md", 1, 1}, "bad \xff byte");
  std::ostringstream out;
  PrintDiagnosticsJson(diagnostics, out);
  nlohmann::json document = nlohmann::json::parse(out.str());
  EXPECT_EQ(document["diagnostics"][0]["message"], "bad \xEF\xBF\xBD byte");
}

TEST(DiagnosticFormatsTest, TextGoesToErrAndMachineFormatsToOut) {
  struct Case {
    DiagnosticFormat format;
    bool to_out;
    const char* starts_with;
  };
  const Case cases[] = {
      {DiagnosticFormat::kText, false, "content/meetings/board.md:4:12: error"},
      {DiagnosticFormat::kGithub, true, "::error file=content/meetings"},
      {DiagnosticFormat::kJson, true, "{\n  \"diagnostics\""},
  };
  for (const Case& c : cases) {
    std::ostringstream out;
    std::ostringstream err;
    PrintDiagnosticsAs(c.format, Sample(), "", out, err);
    const std::string& printed = c.to_out ? out.str() : err.str();
    EXPECT_EQ(printed.rfind(c.starts_with, 0), 0u) << printed;
    EXPECT_EQ((c.to_out ? err : out).str(), "");
  }
}

}  // namespace
}  // namespace scrutineer
