#include "diag/diagnostics.h"

#include <gtest/gtest.h>

#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace scrutineer {
namespace {

std::vector<std::string> Headlines(const Diagnostics& diagnostics) {
  std::vector<std::string> lines;
  for (const Diagnostic& d : diagnostics.Sorted()) {
    lines.push_back(FormatDiagnosticHeadline(d));
  }
  return lines;
}

std::string Printed(const Diagnostics& diagnostics) {
  std::ostringstream out;
  PrintDiagnostics(diagnostics, out);
  return out.str();
}

TEST(DiagnosticsTest, SortsByFileThenLineThenColumnThenMessage) {
  Diagnostics diagnostics;
  diagnostics.Error({"content/b.yaml", 1, 1}, "b first");
  diagnostics.Error({"content/a.yaml", 10, 2}, "a ten");
  diagnostics.Error({"content/a.yaml", 2, 7}, "a two seven");
  diagnostics.Warning({"content/a.yaml", 2, 3}, "a two three");
  diagnostics.Error({"content/a.yaml", 2, 3}, "a two three, another");
  diagnostics.Error({"content/a.yaml", 0, 0}, "a whole file");
  EXPECT_EQ(Headlines(diagnostics),
            (std::vector<std::string>{
                "content/a.yaml: error: a whole file",
                "content/a.yaml:2:3: warning: a two three",
                "content/a.yaml:2:3: error: a two three, another",
                "content/a.yaml:2:7: error: a two seven",
                "content/a.yaml:10:2: error: a ten",
                "content/b.yaml:1:1: error: b first",
            }));
}

TEST(DiagnosticsTest, DropsExactDuplicatesButKeepsNearMisses) {
  Diagnostics diagnostics;
  diagnostics.Error({"x.md", 3, 4}, "unknown record 'a'", "hint");
  diagnostics.Error({"x.md", 3, 4}, "unknown record 'a'", "hint");
  diagnostics.Error({"x.md", 3, 5}, "unknown record 'a'", "hint");
  diagnostics.Error({"x.md", 3, 4}, "unknown record 'a'", "another hint");
  std::vector<Diagnostic> sorted = diagnostics.Sorted();
  ASSERT_EQ(sorted.size(), 3u);
  EXPECT_EQ(sorted[0].hint, "another hint");
  EXPECT_EQ(sorted[1].hint, "hint");
  EXPECT_EQ(sorted[2].column, 5);
}

// The closing count line used to count a duplicate the list leaves out
// ("1 error" printed, "2 errors" counted).
TEST(DiagnosticsTest, CountsMatchTheDeduplicatedList) {
  Diagnostics diagnostics;
  diagnostics.Error({"x.md", 3, 4}, "same");
  diagnostics.Error({"x.md", 3, 4}, "same");
  diagnostics.Warning({"x.md", 5, 1}, "twice");
  diagnostics.Warning({"x.md", 5, 1}, "twice");
  EXPECT_TRUE(diagnostics.HasErrors());
  EXPECT_EQ(diagnostics.error_count(), 1);
  EXPECT_EQ(diagnostics.warning_count(), 1);
  EXPECT_EQ(Printed(diagnostics),
            "x.md:3:4: error: same\n"
            "x.md:5:1: warning: twice\n"
            "1 error, 1 warning\n");
}

TEST(DiagnosticsTest, CountsErrorsAndWarningsSeparately) {
  Diagnostics diagnostics;
  EXPECT_FALSE(diagnostics.HasErrors());
  diagnostics.Warning({"a", 1, 1}, "w");
  EXPECT_FALSE(diagnostics.HasErrors());
  EXPECT_EQ(diagnostics.warning_count(), 1);
  diagnostics.Report(Severity::kError, {"a", 2, 1}, "e", "");
  EXPECT_TRUE(diagnostics.HasErrors());
  EXPECT_EQ(diagnostics.error_count(), 1);
  EXPECT_EQ(diagnostics.warning_count(), 1);
}

TEST(DiagnosticsTest, StrictModeRecordsWarningsAsErrors) {
  Diagnostics diagnostics(/*strict=*/true);
  diagnostics.Warning({"content/notes.txt", 0, 0}, "ignored: not a record");
  diagnostics.Report(Severity::kWarning, {"a", 1, 1}, "also a warning", "");
  EXPECT_TRUE(diagnostics.HasErrors());
  EXPECT_EQ(diagnostics.error_count(), 2);
  EXPECT_EQ(diagnostics.warning_count(), 0);
  EXPECT_EQ(Headlines(diagnostics),
            (std::vector<std::string>{
                "a:1:1: error: also a warning",
                "content/notes.txt: error: ignored: not a record"}));
}

TEST(DiagnosticsTest, HeadlineOmitsUnknownLineAndColumn) {
  struct Case {
    Diagnostic diagnostic;
    const char* headline;
  };
  const Case kCases[] = {
      {{Severity::kError, "site.yaml", 3, 7, "bad", ""},
       "site.yaml:3:7: error: bad"},
      {{Severity::kWarning, "site.yaml", 3, 0, "bad", ""},
       "site.yaml:3: warning: bad"},
      {{Severity::kError, "site.yaml", 0, 0, "bad", "hints are not shown"},
       "site.yaml: error: bad"},
      {{Severity::kError, "site.yaml", 0, 9, "bad", ""},
       "site.yaml: error: bad"},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(FormatDiagnosticHeadline(c.diagnostic), c.headline);
  }
}

TEST(DiagnosticsTest, PrintsSourceLineCaretNoteAndCount) {
  Diagnostics diagnostics;
  diagnostics.AddSource("content/people/a.yaml",
                        std::make_shared<const std::string>(
                            "id: a\nnmae: Julia Hassall\nroles: []\n"));
  diagnostics.Error({"content/people/a.yaml", 2, 1},
                    "unknown field 'nmae' in person", "did you mean 'name'?");
  diagnostics.Warning({"content/people/a.yaml", 3, 8}, "an empty list");
  diagnostics.Warning({"content/notes.txt", 0, 0},
                      "ignored: not a record (.md, .yaml or .yml)");
  EXPECT_EQ(Printed(diagnostics),
            "content/notes.txt: warning: ignored: not a record (.md, .yaml or "
            ".yml)\n"
            "content/people/a.yaml:2:1: error: unknown field 'nmae' in person\n"
            "    nmae: Julia Hassall\n"
            "    ^\n"
            "note: did you mean 'name'?\n"
            "content/people/a.yaml:3:8: warning: an empty list\n"
            "    roles: []\n"
            "           ^\n"
            "1 error, 2 warnings\n");
}

TEST(DiagnosticsTest, PrintsNothingWhenThereIsNothingToSay) {
  Diagnostics diagnostics;
  EXPECT_EQ(Printed(diagnostics), "");
}

TEST(DiagnosticsTest, PrintedCountUsesPlurals) {
  Diagnostics diagnostics;
  diagnostics.Error({"a", 1, 1}, "one");
  diagnostics.Error({"a", 2, 1}, "two");
  EXPECT_EQ(Printed(diagnostics),
            "a:1:1: error: one\na:2:1: error: two\n2 errors, 0 warnings\n");
}

TEST(DiagnosticsTest, CaretKeepsTabsSoItLinesUpUnderTabbedText) {
  Diagnostics diagnostics;
  diagnostics.AddSource("a.yaml",
                        std::make_shared<const std::string>("a:\n\tb: 1\n"));
  diagnostics.Error({"a.yaml", 2, 3}, "tab");
  EXPECT_EQ(Printed(diagnostics),
            "a.yaml:2:3: error: tab\n"
            "    \tb: 1\n"
            "    \t ^\n"
            "1 error, 0 warnings\n");
}

// File names and content reach the terminal: none may end a line early,
// forge a diagnostic or send an escape sequence.
TEST(DiagnosticsTest, ShowsControlCharactersInsteadOfSendingThem) {
  Diagnostics diagnostics;
  const std::string path = "content/o\nfake.yaml:1:1: error: forged";
  diagnostics.AddSource(path, std::make_shared<const std::string>(
                                  "id: o\nname: \x1b[2J\tx\xc2\x9b" "1m\n"));
  diagnostics.Error({path, 2, 12}, "control character \x1b]0;title\x07",
                    "a hint\r\nnote: forged");
  EXPECT_EQ(Printed(diagnostics),
            "content/o\\x0afake.yaml:1:1: error: forged:2:12: error: "
            "control character \\x1b]0;title\\x07\n"
            "    name: \\x1b[2J\tx\\u009b1m\n" +
                std::string(4 + 13, ' ') + "\t^\n" +
                "note: a hint\\x0d\\x0anote: forged\n"
                "1 error, 0 warnings\n");
  // Text with none is left as it is, tabs and all UTF-8 included.
  EXPECT_EQ(ForTerminal("caf\xc3\xa9\tcr\xc3\xa8me \xe2\x80\x94 ok"),
            "caf\xc3\xa9\tcr\xc3\xa8me \xe2\x80\x94 ok");
}

TEST(DiagnosticsTest, QuotesNoLineWhenTheSourceIsUnknownOrTooShort) {
  Diagnostics diagnostics;
  diagnostics.AddSource("a.yaml",
                        std::make_shared<const std::string>("only: line\n"));
  diagnostics.Error({"a.yaml", 5, 1}, "past the end");
  diagnostics.Error({"b.yaml", 1, 1}, "no source");
  EXPECT_EQ(Printed(diagnostics),
            "a.yaml:5:1: error: past the end\n"
            "b.yaml:1:1: error: no source\n"
            "2 errors, 0 warnings\n");
}

TEST(DiagnosticsTest, SourceLineIsOneBasedAndDropsCarriageReturn) {
  Diagnostics diagnostics;
  diagnostics.AddSource(
      "a", std::make_shared<const std::string>("one\r\ntwo\nthree"));
  EXPECT_EQ(diagnostics.SourceLine("a", 1), "one");
  EXPECT_EQ(diagnostics.SourceLine("a", 2), "two");
  EXPECT_EQ(diagnostics.SourceLine("a", 3), "three");
  EXPECT_EQ(diagnostics.SourceLine("a", 4), "");
  EXPECT_EQ(diagnostics.SourceLine("a", 0), "");
  EXPECT_EQ(diagnostics.SourceLine("missing", 1), "");
}

TEST(SuggestClosestTest, SuggestsOnlySmallEdits) {
  const std::vector<std::string_view> kFields = {
      "id", "title", "date", "committee", "organisation", "recommendations"};
  struct Case {
    const char* word;
    const char* expected;
  };
  const Case kCases[] = {
      {"title", "title"},                    // exact
      {"titel", "title"},                    // transposition
      {"tittle", "title"},                   // insertion
      {"comittee", "committee"},             // deletion
      {"organization", "organisation"},      // substitution
      {"recomendatons", "recommendations"},  // two edits in a long word
      {"Date", "date"},                      // case counts as an edit
      {"ids", "id"},
      {"xyzzy-plugh", ""},  // nothing close
      {"summary", ""},
      {"foo", ""},  // every letter replaced is no hint
      {"x", ""},
      {"", ""},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.word);
    EXPECT_EQ(SuggestClosest(c.word, kFields), c.expected);
  }
}

TEST(SuggestClosestTest, BreaksTiesAlphabeticallyWhateverTheOrder) {
  EXPECT_EQ(SuggestClosest("cat", {"hat", "bat"}), "bat");
  EXPECT_EQ(SuggestClosest("cat", {"bat", "hat"}), "bat");
}

TEST(SuggestClosestTest, ReturnsEmptyWithoutCandidates) {
  EXPECT_EQ(SuggestClosest("title", {}), "");
}

// The load and render stages report from several threads at once; no
// report may be lost, and every source must stay quotable.
TEST(DiagnosticsTest, KeepsEveryReportMadeFromSeveralThreads) {
  constexpr int kThreads = 8;
  constexpr int kEach = 2000;
  Diagnostics diagnostics;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&diagnostics, t] {
      const std::string path = "content/" + std::to_string(t) + ".yaml";
      diagnostics.AddSource(path, std::make_shared<const std::string>(
                                      "line one\nline " + path + "\n"));
      for (int i = 0; i < kEach; ++i) {
        diagnostics.Report(i % 2 == 0 ? Severity::kError : Severity::kWarning,
                           SourceLocation{path, i + 1, 1}, "problem", "");
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_TRUE(diagnostics.HasErrors());
  EXPECT_EQ(diagnostics.error_count(), kThreads * kEach / 2);
  EXPECT_EQ(diagnostics.warning_count(), kThreads * kEach / 2);
  for (int t = 0; t < kThreads; ++t) {
    const std::string path = "content/" + std::to_string(t) + ".yaml";
    EXPECT_EQ(diagnostics.SourceLine(path, 2), "line " + path);
  }
}

TEST(DiagnosticsTest, ForgetsOnlySourcesNothingWasReportedIn) {
  Diagnostics diagnostics;
  diagnostics.AddSource("content/a.md",
                        std::make_shared<const std::string>("a1\na2\n"));
  diagnostics.AddSource("content/b.md",
                        std::make_shared<const std::string>("b1\nb2\n"));
  diagnostics.Warning(SourceLocation{"content/a.md", 2, 1}, "odd");
  diagnostics.ForgetSourcesWithoutDiagnostics({"content/a.md", "content/b.md"});
  EXPECT_EQ(diagnostics.SourceLine("content/a.md", 2), "a2");
  EXPECT_EQ(diagnostics.SourceLine("content/b.md", 1), "");
}

}  // namespace
}  // namespace scrutineer
