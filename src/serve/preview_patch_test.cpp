#include "serve/preview_patch.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "load/record_cache.h"
#include "pipeline.h"
#include "serve/preview_test_sites.h"

namespace scrutineer {
namespace {

const char kPaper[] = "content/papers/test-paper.md";
const char kUpdate[] = "content/updates/test-update-2017.md";
const char kReview[] = "content/reviews/test-review.md";
const char kPerson[] = "content/people/ann-example.yaml";
const char kMeeting[] = "content/meetings/test-osc-2017-06-20.md";
const char kCommittee[] = "content/committees/test-osc.yaml";
const char kTimeline[] = "content/timelines/test-timeline.yaml";

// `text` with its first `from` replaced by `to`.
std::string Replaced(std::string text, const std::string& from,
                     const std::string& to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return at == std::string::npos ? text : text.replace(at, from.size(), to);
}

std::string TextOf(const FileSystem& files, const std::string& path) {
  std::string text;
  std::string error;
  EXPECT_TRUE(files.ReadFile(path, &text, &error)) << path;
  return text;
}

// The minimal site, its paper's text linking to a review and to one of its
// recommendations twice, and the review's first recommendation's text on
// lines of its own (short links, and what follows a text that grows, are
// what a patch must move).
MemoryFileSystem PatchSite() {
  MemoryFileSystem files = SiteInMemory("tests/sites/minimal");
  files.AddFile(kReview, Replaced(TextOf(files, kReview),
                                  "    text: The Director is requested to "
                                  "report on performance. See also "
                                  "[](@test-review/r2).\n",
                                  "    text: |\n      The Director is "
                                  "requested to report on performance.\n"
                                  "      See also [](@test-review/r2).\n"));
  files.AddFile(kPaper, TextOf(files, kPaper) +
                            "\nSee [the review](@test-review), its "
                            "[second recommendation](@test-review/r2) and "
                            "[the same again](@test-review/r2).\n");
  return files;
}

std::string DescribeReferences(const Site& site) {
  std::string out;
  for (const Reference& reference : site.references) {
    out += std::to_string(reference.from) + ">" + std::to_string(reference.to) +
           " " + std::string(reference.field) + " " +
           std::string(reference.location.path) + ":" +
           std::to_string(reference.location.line) + ":" +
           std::to_string(reference.location.column) + " [" + reference.words +
           "]\n";
  }
  return out;
}

// Each record as every stage sees it: fields with their positions, text,
// and where it comes from.
std::string DescribeRecords(const Site& site) {
  std::string out;
  for (const Record& record : site.records) {
    out += record.id.value + " " + record.title + " " +
           std::string(record.location.path) + ":" +
           std::to_string(record.location.line) + ":" +
           std::to_string(record.location.column) + " " +
           DescribeTree(*record.fields) + " body at " +
           std::to_string(record.body_line) + ": " + *record.body +
           " file: " + (record.file_text ? *record.file_text : "(none)") + "\n";
  }
  return out;
}

// `build`, patched, is what building `files` from scratch gives: every file
// byte for byte, made before the patch or not, every record as loaded and
// linked, and every reference where a fresh link stage puts it.
void ExpectPatchedIsAFreshBuild(const PreviewBuild& build,
                                const MemoryFileSystem& files,
                                const std::string& what) {
  BuildOptions options;
  options.base_url = "https://example.gov.uk/scrutiny/";
  Site fresh_site;
  OutputTree fresh;
  Diagnostics diagnostics;
  ASSERT_TRUE(BuildSite(files, &fresh_site, &fresh, diagnostics, options));
  ASSERT_FALSE(diagnostics.HasErrors()) << what;
  EXPECT_EQ(DescribeRecords(build.site), DescribeRecords(fresh_site)) << what;
  EXPECT_EQ(DescribeReferences(build.site), DescribeReferences(fresh_site))
      << what;
  ASSERT_EQ(build.output.Paths(), fresh.Paths()) << what;
  for (const auto& [path, contents] : fresh.files()) {
    const std::string* patched = build.output.Find(path);
    ASSERT_NE(patched, nullptr) << what << ": " << path;
    EXPECT_TRUE(*patched == contents) << what << ": " << path;
  }
}

std::shared_ptr<PreviewBuild> ServedBuild(const MemoryFileSystem& files) {
  BuildOptions options;
  options.base_url = "https://example.gov.uk/scrutiny/";
  Diagnostics diagnostics;
  std::shared_ptr<PreviewBuild> build =
      BuildPreview(files, options, diagnostics);
  EXPECT_FALSE(build->has_errors());
  // Every page made, as if a browser had asked for each: each must be made
  // again.
  for (const std::string& path : build->output.Paths()) {
    EXPECT_NE(build->output.Find(path), nullptr) << path;
  }
  return build;
}

// An edit of the site: the new contents of each file it changes.
struct SiteEdit {
  const char* what;
  std::vector<std::pair<std::string, std::string>> files;
};

// Makes `edits` to `files` one after another, each patched into `build`,
// which must then be the build a full rebuild of `files` gives. `expect`
// checks each patch as planned.
void PatchEachInTurn(
    MemoryFileSystem& files, PreviewBuild* build,
    const std::vector<SiteEdit>& edits,
    const std::function<void(const SiteEdit&, const PreviewPatch&)>& expect) {
  for (const SiteEdit& edit : edits) {
    std::vector<std::string> changed;
    for (const auto& [path, contents] : edit.files) {
      files.AddFile(path, contents);
      changed.push_back(path);
    }
    PreviewPatch patch;
    ASSERT_TRUE(PlanPreviewPatch(*build, files, changed, &patch)) << edit.what;
    expect(edit, patch);
    ASSERT_TRUE(ApplyPreviewPatch(&patch, build, nullptr)) << edit.what;
    ExpectPatchedIsAFreshBuild(*build, files, edit.what);
  }
}

// Edits of Markdown text alone, one after another on the same build, each
// patched into the build a full rebuild of the edited site gives.
TEST(PreviewPatchTest, PatchesTextEditsIntoTheBuildAFullRebuildGives) {
  MemoryFileSystem files = PatchSite();
  std::shared_ptr<PreviewBuild> build = ServedBuild(files);
  ExpectPatchedIsAFreshBuild(*build, files, "before any edit");
  const std::string paper = TextOf(files, kPaper);
  const std::string update = TextOf(files, kUpdate);
  const std::string review = TextOf(files, kReview);
  const std::string meeting = TextOf(files, kMeeting);
  const size_t body = paper.find("## 1.0");
  ASSERT_NE(body, std::string::npos);
  const std::string longer = paper.substr(0, body) +
                             "A new first paragraph,\nof two lines.\n\n" +
                             paper.substr(body);
  const std::string_view same_again = "the same bytes saved again";
  const std::vector<SiteEdit> edits = {
      {"a paragraph before the short links, which move", {{kPaper, longer}}},
      {same_again.data(), {{kPaper, longer}}},
      {"an update given a body where it had none",
       {{kUpdate, update + "\nThe board met twice.\n"}}},
      {"a review's text, whose recommendations share its file",
       {{kReview, review + "\nIt reported in **2016**.\n"}}},
      {"two files at once",
       {{kUpdate, update + "\nThe board met three times.\n"},
        {kPaper, paper + "\nA closing line.\n"}}},
      {"an update's entry a line longer, moving every field after it",
       {{kUpdate, Replaced(update, "      - Reports now go to every meeting.\n",
                           "      - Reports now go to every meeting.\n"
                           "      - And to the *board*.\n")}}},
      {"a recommendation's text, its short link moved along the line",
       {{kReview, Replaced(review, "The Director is requested to",
                           "The Director is requested, each quarter, to")}}},
      {"a recommendation's text a line longer, moving the next one",
       {{kReview, Replaced(review, "on performance.\n",
                           "on performance.\n      Quarterly.\n")}}},
      {"minutes, their short link moved",
       {{kMeeting, Replaced(meeting, "The committee considered",
                            "The committee carefully considered")}}},
      {"back as they were",
       {{kUpdate, update},
        {kPaper, paper},
        {kReview, review},
        {kMeeting, meeting}}},
  };
  PatchEachInTurn(files, build.get(), edits,
                  [&](const SiteEdit& edit, const PreviewPatch& patch) {
                    EXPECT_EQ(patch.empty(), edit.what == same_again)
                        << edit.what;
                    EXPECT_FALSE(patch.fields_changed) << edit.what;
                  });
}

// Edits of fields' values, one after another on the same build, each
// patched into the build a full rebuild of the edited site gives: titles
// (and the titles made from them), dates, statuses, names.
TEST(PreviewPatchTest, PatchesFieldEditsIntoTheBuildAFullRebuildGives) {
  MemoryFileSystem files = PatchSite();
  std::shared_ptr<PreviewBuild> build = ServedBuild(files);
  const std::string paper = TextOf(files, kPaper);
  const std::string update = TextOf(files, kUpdate);
  const std::string review = TextOf(files, kReview);
  const std::string meeting = TextOf(files, kMeeting);
  const std::string person = TextOf(files, kPerson);
  const std::string committee = TextOf(files, kCommittee);
  const std::vector<SiteEdit> edits = {
      {"a paper's title",
       {{kPaper, Replaced(paper, "title: Safeguarding", "title: Safe")}}},
      {"a date of the same length, in the same year",
       {{kPaper, Replaced(paper, "date: 2017-06-20", "date: 2017-06-21")}}},
      {"an update's status, which the history tells",
       {{kUpdate,
         Replaced(update, "status: in-progress", "status: completed")}}},
      {"an update's entry emptied: no longer a report",
       {{kUpdate, Replaced(update,
                           "|\n      - Reports now go to every meeting.\n"
                           "      - [Unsafe](javascript:alert(1)) link.\n",
                           "\"\"\n")}}},
      {"an update's date, which its title is made from and its review's "
       "histories are ordered by",
       {{kUpdate, Replaced(update, "date: 2017-06-20", "date: 2017-05-02")}}},
      {"a review's title, which the update is named after",
       {{kReview, Replaced(review, "title: Safeguarding <Children>",
                           "title: Protecting <Children>")}}},
      {"a recommendation's title and its review's text",
       {{kReview,
         Replaced(review, "title: Performance management", "title: Results") +
             "\nA closing line.\n"}}},
      {"a committee's name, which its meeting is named after",
       {{kCommittee,
         Replaced(committee, "name: Children's Overview & Scrutiny Committee",
                  "name: \"Young People's Overview & Scrutiny Committee\"")}}},
      {"a person's name",
       {{kPerson, Replaced(person, "name: Ann Example", "name: Ann Sample")}}},
      {"a paper's field taken away and an appendix added",
       {{kPaper, Replaced(Replaced(paper,
                                   "summary: The purpose of this report is "
                                   "to update members.\n",
                                   ""),
                          "appendices:\n",
                          "appendices:\n  - title: \"Appendix 0: Terms\"\n"
                          "    body: Words *we* use.\n")}}},
      {"a recommendation given a target, a target change and a deadline, "
       "which its history tells",
       {{kReview,
         Replaced(review, "    title: Protocol\n",
                  "    title: Protocol\n    target: 2016-12\n"
                  "    target_changes:\n"
                  "      - { date: 2016-06, from: 2016-12, to: 2017-03 }\n"
                  "    deadlines:\n"
                  "      - { label: First report, date: 2016-09 }\n")}}},
      {"a meeting's date, and a paper's text",
       {{kMeeting, Replaced(meeting, "date: 2017-06-20", "date: 2017-07-04")},
        {kPaper, paper + "\nA closing line.\n"}}},
      {"back as they were",
       {{kPaper, paper},
        {kUpdate, update},
        {kReview, review},
        {kMeeting, meeting},
        {kPerson, person},
        {kCommittee, committee}}},
  };
  PatchEachInTurn(files, build.get(), edits,
                  [](const SiteEdit& edit, const PreviewPatch& patch) {
                    EXPECT_TRUE(patch.fields_changed) << edit.what;
                  });
}

// Edits that add, take away, point elsewhere or reword links, one after
// another on the same build, each patched into the build a full rebuild
// gives: the site's references are made anew, and the histories of what
// they link to traced again.
TEST(PreviewPatchTest, PatchesLinkEditsIntoTheBuildAFullRebuildGives) {
  MemoryFileSystem files = PatchSite();
  std::shared_ptr<PreviewBuild> build = ServedBuild(files);
  const std::string paper = TextOf(files, kPaper);
  const std::string update = TextOf(files, kUpdate);
  const std::string review = TextOf(files, kReview);
  const std::string meeting = TextOf(files, kMeeting);
  const std::string timeline = TextOf(files, kTimeline);
  const std::vector<SiteEdit> edits = {
      {"a short link added to a paper's text",
       {{kPaper, paper + "\nAnd [me](@ann-example).\n"}}},
      {"a short link gone",
       {{kPaper,
         Replaced(paper, " and [the same again](@test-review/r2)", "")}}},
      {"a short link pointed at another record",
       {{kPaper, Replaced(paper, "(@test-review)", "(@test-paper)")}}},
      {"a short link's words",
       {{kPaper, Replaced(paper, "[the review]", "[that review]")}}},
      {"a recommendation's short link pointed at the other recommendation",
       {{kReview,
         Replaced(review, "[](@test-review/r2)", "[](@test-review/r1)")}}},
      {"an update's entry added, which the history of its recommendation "
       "tells",
       {{kUpdate, Replaced(update, "entries:\n",
                           "entries:\n  - recommendation: 2\n"
                           "    status: completed\n")}}},
      {"an appendix with a short link added",
       {{kPaper, Replaced(paper, "appendices:\n",
                          "appendices:\n  - title: More\n"
                          "    body: See [](@ann-example).\n")}}},
      {"a meeting's minutes linking to a recommendation, whose history "
       "tells it",
       {{kMeeting, Replaced(meeting, "resolution: That the report be noted.",
                            "resolution: That [recommendation 1]"
                            "(@test-review/r1) be noted.")}}},
      {"the link taken away again, and the history with it",
       {{kMeeting, meeting}}},
      {"a milestone related to a recommendation, from a record no history "
       "told before",
       {{kTimeline,
         Replaced(timeline, "text: Spotlight session }",
                  "text: Spotlight session, related: [test-review/r1] }")}}},
      {"and no longer", {{kTimeline, timeline}}},
      {"a meeting's attendance taken away, and a paper's text",
       {{kMeeting, Replaced(meeting,
                            "attendance:\n  present:\n"
                            "    - { person: ann-example, role: Director }\n",
                            "")},
        {kPaper, paper + "\nA closing line.\n"}}},
      {"back as they were",
       {{kPaper, paper},
        {kUpdate, update},
        {kReview, review},
        {kMeeting, meeting}}},
  };
  PatchEachInTurn(files, build.get(), edits,
                  [](const SiteEdit& edit, const PreviewPatch& patch) {
                    EXPECT_FALSE(patch.relinked.empty()) << edit.what;
                  });
}

// A field's new value that would give the site a file it does not have (a
// "what changed" page for a year no date fell in) is planned, but not
// applied: the build is left as it was, pages made and all, and what they
// are made from, for the full rebuild.
TEST(PreviewPatchTest, LeavesTheBuildAsItWasWhenAnEditNeedsNewFiles) {
  const MemoryFileSystem original = PatchSite();
  std::shared_ptr<PreviewBuild> build = ServedBuild(original);
  ASSERT_EQ(build->output.Find("changes/2031/index.html"), nullptr);
  const std::string update = TextOf(original, kUpdate);
  const std::string review = TextOf(original, kReview);
  struct Edit {
    const char* what;
    std::string path;
    std::string contents;
  };
  const std::vector<Edit> edits = {
      {"an update dated in 2031", kUpdate,
       Replaced(update, "date: 2017-06-20", "date: 2031-06-20")},
      {"an update dated in 2031 with an entry added", kUpdate,
       Replaced(Replaced(update, "date: 2017-06-20", "date: 2031-06-20"),
                "entries:\n",
                "entries:\n  - recommendation: 2\n    status: completed\n")},
      {"a review reported in 2031, its short link a line further on", kReview,
       Replaced(Replaced(review, "reported: { value: 2016-01",
                         "reported: { value: 2031-01"),
                "      See also [](@test-review/r2).\n",
                "      Quarterly.\n      See also [](@test-review/r2).\n")},
  };
  for (const Edit& edit : edits) {
    MemoryFileSystem files = original;
    files.AddFile(edit.path, edit.contents);
    PreviewPatch patch;
    ASSERT_TRUE(PlanPreviewPatch(*build, files, {edit.path}, &patch))
        << edit.what;
    EXPECT_FALSE(ApplyPreviewPatch(&patch, build.get(), nullptr)) << edit.what;
    ExpectPatchedIsAFreshBuild(*build, original, edit.what);
    // What the pages are made from is as it was too.
    std::vector<std::string> forgotten;
    build->forget_made(&forgotten);
    EXPECT_FALSE(forgotten.empty()) << edit.what;
    ExpectPatchedIsAFreshBuild(*build, original, edit.what);
  }
  // And an edit it can patch is patched.
  MemoryFileSystem files = original;
  files.AddFile(kReview, Replaced(review, "title: Protocol", "title: Pact"));
  PreviewPatch patch;
  ASSERT_TRUE(PlanPreviewPatch(*build, files, {kReview}, &patch));
  ASSERT_TRUE(ApplyPreviewPatch(&patch, build.get(), nullptr));
  ExpectPatchedIsAFreshBuild(*build, files, "the next edit");
}

// Whatever a patch could not make as a full rebuild would is left to one.
TEST(PreviewPatchTest, LeavesEveryOtherEditToAFullRebuild) {
  const MemoryFileSystem original = PatchSite();
  std::shared_ptr<PreviewBuild> build = ServedBuild(original);
  const std::string paper = TextOf(original, kPaper);
  const std::string update = TextOf(original, kUpdate);
  const std::string review = TextOf(original, kReview);
  auto with = [&](const std::string& from, const std::string& to) {
    return Replaced(paper, from, to);
  };
  struct Edit {
    const char* what;
    std::string path;
    std::string contents;  // "": the file deleted
  };
  const std::vector<Edit> edits = {
      {"a recommendation's number", kReview,
       Replaced(review, "number: 2\n    heading: 2",
                "number: 3\n    heading: 2")},
      {"two recommendations of one number", kReview,
       Replaced(review, "number: 2\n    heading: 2",
                "number: 1\n    heading: 2")},
      {"a heading the review lacks", kReview,
       Replaced(review, "number: 2\n    heading: 2",
                "number: 2\n    heading: 3")},
      {"an update's review changed", kUpdate,
       Replaced(update, "review: test-review", "review: test-workshop")},
      {"a status no update may give", kUpdate,
       Replaced(update, "status: in-progress", "status: finished")},
      {"a field written as a list", kPaper,
       with("author: ann-example", "author: [ann-example]")},
      {"an id", kPaper, with("id: test-paper", "id: test-papers")},
      {"an unknown short link", kPaper, paper + "\n[x](@no-such-record)\n"},
      {"a control character", kPaper, paper + "\x01"},
      {"the front matter broken", kPaper, "---\nid: test-paper\n"},
      {"a YAML record's field", kPerson,
       TextOf(original, kPerson) + "role: Chair\n"},
      {"a file deleted", kPaper, ""},
      {"a new record file", "content/people/new-person.yaml",
       "id: new-person\nname: New\n"},
      {"a file that is not a record", "content/people/notes.txt", "notes\n"},
  };
  for (const Edit& edit : edits) {
    MemoryFileSystem files = original;
    if (edit.contents.empty()) {
      files.RemoveFile(edit.path);
    } else {
      files.AddFile(edit.path, edit.contents);
    }
    PreviewPatch patch;
    EXPECT_FALSE(PlanPreviewPatch(*build, files, {edit.path}, &patch))
        << edit.what;
  }
  // Nor is a text patched where something was reported before, so that the
  // full rebuild reports it again, or finds it gone.
  MemoryFileSystem warned = original;
  warned.AddFile("content/people/notes.txt", "notes\n");
  std::shared_ptr<PreviewBuild> with_warning = ServedBuild(warned);
  ASSERT_EQ(with_warning->reported_paths.count("content/people/notes.txt"), 1u);
  warned.RemoveFile("content/people/notes.txt");
  PreviewPatch patch;
  EXPECT_FALSE(PlanPreviewPatch(*with_warning, warned,
                                {"content/people/notes.txt"}, &patch));
}

// An editor's temporary file, gone by the time the watcher's events are
// read, changes nothing.
TEST(PreviewPatchTest, AFileAlreadyGoneChangesNothing) {
  MemoryFileSystem files = PatchSite();
  std::shared_ptr<PreviewBuild> build = ServedBuild(files);
  PreviewPatch patch;
  ASSERT_TRUE(PlanPreviewPatch(*build, files, {"content/updates/4913", kPaper},
                               &patch));
  EXPECT_TRUE(patch.empty());
}

// A patch changes the texts of the records it patches where they are, and
// serve's record cache shares those records. A file patched, then saved
// back as it was along with an edit that takes a full rebuild, must be
// built as it is, not as the cache's record the patch left.
TEST(PreviewPatchTest, ARebuildThroughTheCacheAfterAPatchIsAFreshBuild) {
  MemoryFileSystem files = PatchSite();
  const std::string original[] = {TextOf(files, kReview), TextOf(files, kPaper),
                                  TextOf(files, kUpdate)};
  const std::string edited[] = {
      Replaced(original[0], "The Director is requested to",
               "The Director is asked to"),
      original[1] + "\nA closing line.\n",
      Replaced(original[2], "status: in-progress", "status: completed")};
  const char* const paths[] = {kReview, kPaper, kUpdate};
  RecordCache cache;
  BuildOptions options;
  options.base_url = "https://example.gov.uk/scrutiny/";
  options.record_cache = &cache;
  Diagnostics diagnostics;
  std::shared_ptr<PreviewBuild> build =
      BuildPreview(files, options, diagnostics);
  ASSERT_FALSE(build->has_errors());
  for (int i = 0; i < 3; ++i) {
    const std::string what = paths[i];
    files.AddFile(paths[i], edited[i]);
    PreviewPatch patch;
    ASSERT_TRUE(PlanPreviewPatch(*build, files, {paths[i]}, &patch)) << what;
    ASSERT_TRUE(ApplyPreviewPatch(&patch, build.get(), &cache)) << what;
    ExpectPatchedIsAFreshBuild(*build, files, what + " patched");
    // Back as it was, with an edit elsewhere that serve rebuilds for.
    files.AddFile(paths[i], original[i]);
    // As serve rebuilds: from the build served, patched.
    BuildOptions rebuild_options = options;
    rebuild_options.previous_site = &build->site;
    build = BuildPreview(files, rebuild_options, diagnostics);
    ASSERT_FALSE(build->has_errors()) << what;
    ExpectPatchedIsAFreshBuild(*build, files, what + " back, rebuilt");
  }
}

}  // namespace
}  // namespace scrutineer
