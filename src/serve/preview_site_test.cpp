#include "serve/preview_site.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "load/record_loader.h"
#include "serve/error_page.h"
#include "serve/preview_test_sites.h"

namespace scrutineer {
namespace {

PreviewBuild SampleBuild(const std::string& base_path = "/") {
  PreviewBuild build;
  build.base_path = base_path;
  build.generation = 7;
  build.output.Add("index.html", "<html><body>Home</body></html>");
  build.output.Add("404.html", "<html><body>Not found page</body></html>");
  build.output.Add("reviews/index.html", "<html><body>Reviews</body></html>");
  build.output.Add("reviews/r1/index.html", "<html><body>R1</body></html>");
  build.output.Add("theme/site.css", "body{}");
  build.output.Add("feeds/all.atom", "<feed/>");
  build.output.Add("data/records.json", "[]");
  build.output.Add("calendar.ics", "BEGIN:VCALENDAR");
  build.output.Add("theme/logo.png", "\x89PNG");
  build.output.Add("theme/font.unknownext", "?");
  return build;
}

const char kReloadTag[] =
    "<script src=\"/__scrutineer/reload.js\" data-generation=\"7\"></script>";

TEST(PreviewSiteTest, ServesPagesFilesAndContentTypes) {
  struct Case {
    const char* target;
    int status;
    const char* content_type;
    const char* body_part;
  };
  const Case cases[] = {
      {"/", 200, "text/html; charset=utf-8", "Home"},
      {"/reviews/", 200, "text/html; charset=utf-8", "Reviews"},
      {"/reviews/r1/", 200, "text/html; charset=utf-8", "R1"},
      {"/reviews/r1/index.html", 200, "text/html; charset=utf-8", "R1"},
      {"/reviews/r1/?utm=x", 200, "text/html; charset=utf-8", "R1"},
      {"/theme/site.css", 200, "text/css; charset=utf-8", "body{}"},
      {"/feeds/all.atom", 200, "application/atom+xml; charset=utf-8", "feed"},
      {"/data/records.json", 200, "application/json", "[]"},
      {"/calendar.ics", 200, "text/calendar; charset=utf-8", "VCALENDAR"},
      {"/theme/logo.png", 200, "image/png", "PNG"},
      {"/theme/font.unknownext", 200, "application/octet-stream", "?"},
      {"/__scrutineer/reload.js", 200, "text/javascript; charset=utf-8",
       "EventSource"},
      {"/nothing/", 404, "text/html; charset=utf-8", "Not found page"},
  };
  PreviewBuild build = SampleBuild();
  for (const Case& c : cases) {
    PreviewResponse response = RespondToPreviewRequest(build, c.target);
    EXPECT_EQ(response.status, c.status) << c.target;
    EXPECT_EQ(response.content_type, c.content_type) << c.target;
    EXPECT_NE(response.body.find(c.body_part), std::string::npos) << c.target;
  }
}

// Nothing but the output can be named, however the path is written.
TEST(PreviewSiteTest, AnswersTraversalAndOddPathsWithThe404Page) {
  const char* targets[] = {
      "/../site.yaml",
      "/reviews/../../site.yaml",
      "/%2e%2e/site.yaml",
      "/%2E%2E/%2e%2e/etc/passwd",
      "/reviews%2fr1/",
      "/reviews%2Fr1/index.html",
      "/..%5c..%5csite.yaml",
      "/reviews\\r1\\index.html",
      "/theme/site.css%00.html",
      "/reviews/./r1/",
      "/reviews//r1/",
      "//etc/passwd",
      "/etc/passwd",
      "http://example.org/",
      "",
      "reviews/",
      "/%",
      "/%zz",
      "/content/reviews/r1.md",
      "/site.yaml",
      "/templates/layout.mustache",
  };
  PreviewBuild build = SampleBuild();
  for (const char* target : targets) {
    PreviewResponse response = RespondToPreviewRequest(build, target);
    EXPECT_EQ(response.status, 404) << target;
    EXPECT_NE(response.body.find("Not found page"), std::string::npos)
        << target;
  }
}

TEST(PreviewSiteTest, RedirectsFoldersToTheirSlashAndRootToBasePath) {
  PreviewBuild build = SampleBuild();
  PreviewResponse folder = RespondToPreviewRequest(build, "/reviews/r1");
  EXPECT_EQ(folder.status, 302);
  EXPECT_EQ(folder.location, "/reviews/r1/");

  PreviewBuild under = SampleBuild("/scrutiny/");
  EXPECT_EQ(RespondToPreviewRequest(under, "/").location, "/scrutiny/");
  EXPECT_EQ(RespondToPreviewRequest(under, "/scrutiny").location, "/scrutiny/");
  EXPECT_EQ(RespondToPreviewRequest(under, "/scrutiny/reviews/").status, 200);
  EXPECT_EQ(RespondToPreviewRequest(under, "/reviews/").status, 404);
}

TEST(PreviewSiteTest, ServesUnderABasePathWithEncodedCharacters) {
  // base_url "https://council.example/my%20site/": browsers ask for the
  // path as encoded, and redirects must stay encoded.
  PreviewBuild build = SampleBuild("/my%20site/");
  EXPECT_EQ(RespondToPreviewRequest(build, "/").location, "/my%20site/");
  EXPECT_EQ(RespondToPreviewRequest(build, "/my%20site").location,
            "/my%20site/");
  PreviewResponse home = RespondToPreviewRequest(build, "/my%20site/");
  EXPECT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("Home"), std::string::npos);
  EXPECT_EQ(RespondToPreviewRequest(build, "/my%20site/theme/site.css").status,
            200);
  EXPECT_EQ(RespondToPreviewRequest(build, "/my%20site/reviews/r1").location,
            "/my%20site/reviews/r1/");
  EXPECT_EQ(RespondToPreviewRequest(build, "/reviews/").status, 404);
}
TEST(PreviewSiteTest, InjectsTheReloadScriptIntoHtmlOnly) {
  PreviewBuild build = SampleBuild();
  EXPECT_EQ(
      RespondToPreviewRequest(build, "/reviews/").body,
      std::string("<html><body>Reviews") + kReloadTag + "\n</body></html>");
  EXPECT_EQ(RespondToPreviewRequest(build, "/nothing").body,
            std::string("<html><body>Not found page") + kReloadTag +
                "\n</body></html>");
  EXPECT_EQ(RespondToPreviewRequest(build, "/theme/site.css").body, "body{}");
  EXPECT_EQ(RespondToPreviewRequest(build, "/feeds/all.atom").body, "<feed/>");
  // The output itself is untouched.
  EXPECT_EQ(*build.output.Find("reviews/index.html"),
            "<html><body>Reviews</body></html>");
  // A page without </body> still gets it, at the end.
  EXPECT_EQ(InjectReloadScript("<p>x", 3),
            "<p>x<script src=\"/__scrutineer/reload.js\" "
            "data-generation=\"3\"></script>\n");
}

TEST(PreviewSiteTest, ShowsTheErrorPageInPlaceOfEveryPage) {
  Diagnostics diagnostics;
  diagnostics.AddSource(
      "content/reviews/r1.md",
      std::make_shared<const std::string>("---\ncommittee: <b>x</b>\n---\n"));
  diagnostics.Error({"content/reviews/r1.md", 2, 12},
                    "unknown committee '<b>x</b>'", "did you mean 'a&b'?");
  PreviewBuild build = SampleBuild();
  build.error_page = RenderErrorPage(diagnostics);
  for (const char* target :
       {"/", "/reviews/r1/", "/nothing/", "/theme/site.css"}) {
    PreviewResponse response = RespondToPreviewRequest(build, target);
    EXPECT_EQ(response.status, 500) << target;
    EXPECT_EQ(response.content_type, "text/html; charset=utf-8");
    EXPECT_NE(response.body.find(kReloadTag), std::string::npos) << target;
  }
  // The script that brings the site back still loads.
  EXPECT_EQ(RespondToPreviewRequest(build, "/__scrutineer/reload.js").status,
            200);
  const std::string& page = build.error_page;
  EXPECT_NE(page.find("<strong>The site has 1 error.</strong>"),
            std::string::npos);
  EXPECT_NE(page.find("<code>content/reviews/r1.md:2:12</code>: <span "
                      "class=\"severity\">error</span>: unknown committee "
                      "&apos;&lt;b&gt;x&lt;/b&gt;&apos;"),
            std::string::npos)
      << page;
  EXPECT_NE(page.find("<pre><code>committee: &lt;b&gt;x&lt;/b&gt;\n"
                      "           ^</code></pre>"),
            std::string::npos)
      << page;
  EXPECT_NE(page.find("note: did you mean &apos;a&amp;b&apos;?"),
            std::string::npos);
  EXPECT_EQ(page.find("<b>"), std::string::npos);
}

TEST(PreviewSiteTest, BuildsAreTheSameOnlyWithSameInputsOutputAndErrors) {
  PreviewBuild a = SampleBuild();
  PreviewBuild b = SampleBuild();
  b.generation = 8;  // not part of what a reader sees
  EXPECT_TRUE(a.SameAs(b));
  b.output.Add("theme/site.css", "body{color:red}");
  EXPECT_FALSE(a.SameAs(b));
  PreviewBuild c = SampleBuild();
  c.error_page = "<p>error</p>";
  EXPECT_FALSE(a.SameAs(c));
  PreviewBuild d = SampleBuild();
  d.inputs["read site.yaml"] = 1;
  EXPECT_FALSE(a.SameAs(d));
}

// Each page, rendered when it is first asked for, is the page `build` and
// `check` make, byte for byte, and so is every other file; the preview
// adds its reload script on the way out only.
TEST(PreviewSiteTest, RendersEveryPageOnDemandAsTheBuildDoes) {
  for (const char* site : {"tests/sites/minimal", "."}) {
    MemoryFileSystem files = SiteInMemory(site);
    BuildOptions options;
    options.base_url = "https://example.gov.uk/scrutiny/";
    Site eager_site;
    OutputTree eager;
    Diagnostics eager_diagnostics;
    ASSERT_TRUE(
        BuildSite(files, &eager_site, &eager, eager_diagnostics, options));
    ASSERT_FALSE(eager_diagnostics.HasErrors()) << site;

    Diagnostics diagnostics;
    std::shared_ptr<PreviewBuild> build =
        BuildPreview(files, options, diagnostics);
    ASSERT_FALSE(build->has_errors()) << site;
    EXPECT_EQ(build->output.Paths(), eager.Paths()) << site;
    size_t pages = 0;
    for (const auto& [path, contents] : eager.files()) {
      const std::string* on_demand = build->output.Find(path);
      ASSERT_NE(on_demand, nullptr) << path;
      EXPECT_TRUE(*on_demand == contents) << site << ": " << path;
      if (path.size() < 11 ||
          path.compare(path.size() - 11, 11, "/index.html") != 0) {
        continue;
      }
      ++pages;
      PreviewResponse response = RespondToPreviewRequest(
          *build, "/scrutiny/" + path.substr(0, path.size() - 10));
      EXPECT_EQ(response.status, 200) << path;
      EXPECT_TRUE(response.body ==
                  InjectReloadScript(contents, build->generation))
          << path;
    }
    EXPECT_GT(pages, 10u) << site;
    // The 404 page, and the redirect to a folder's slash, need pages not
    // rendered yet.
    std::shared_ptr<PreviewBuild> fresh =
        BuildPreview(files, options, diagnostics);
    PreviewResponse missing =
        RespondToPreviewRequest(*fresh, "/scrutiny/no-such-page/");
    EXPECT_EQ(missing.status, 404);
    EXPECT_TRUE(missing.body == InjectReloadScript(*eager.Find("404.html"), 0));
    EXPECT_EQ(RespondToPreviewRequest(*fresh, "/scrutiny/reviews").location,
              "/scrutiny/reviews/");
  }
}

TEST(PreviewSiteTest, ARebuildIsTheSameUntilSomethingItReadsChanges) {
  MemoryFileSystem files = SiteInMemory("tests/sites/minimal");
  Diagnostics diagnostics;
  std::shared_ptr<PreviewBuild> first = BuildPreview(files, {}, diagnostics);
  ASSERT_FALSE(first->has_errors());
  // Pages asked for in one build and not the other do not count.
  RespondToPreviewRequest(*first, "/reviews/test-review/");
  std::shared_ptr<PreviewBuild> again = BuildPreview(files, {}, diagnostics);
  EXPECT_TRUE(again->SameAs(*first));
  EXPECT_TRUE(first->SameAs(*again));

  struct Change {
    const char* path;
    const char* contents;
  };
  const Change changes[] = {
      // A record's body: only its page (not rendered yet) shows it.
      {"content/papers/test-paper.md", nullptr},
      {"templates/404.mustache", "<p>Gone</p>\n"},
      {"theme/extra.css", "p{}"},
      {"content/people/new-person.yaml", "id: new-person\nname: New\n"},
  };
  for (const Change& change : changes) {
    MemoryFileSystem changed = SiteInMemory("tests/sites/minimal");
    std::string contents;
    if (change.contents == nullptr) {
      std::string error;
      ASSERT_TRUE(changed.ReadFile(change.path, &contents, &error));
      contents += "\nOne more sentence.\n";
    } else {
      contents = change.contents;
    }
    changed.AddFile(change.path, contents);
    std::shared_ptr<PreviewBuild> rebuilt =
        BuildPreview(changed, {}, diagnostics);
    EXPECT_FALSE(rebuilt->SameAs(*first)) << change.path;
  }
}

// Everything `diagnostics` prints: headlines, quoted lines, carets, notes.
std::string PrintedDiagnostics(const Diagnostics& diagnostics) {
  std::ostringstream printed;
  PrintDiagnostics(diagnostics, printed);
  return printed.str();
}

// Every reference of `site`, one per line: from, to, field, where, words.
std::string PrintedReferences(const Site& site) {
  std::ostringstream printed;
  for (const Reference& reference : site.references) {
    printed << site.records[reference.from].id.value << " -> "
            << site.records[reference.to].id.value << " " << reference.field
            << " " << reference.location.path << ":" << reference.location.line
            << ":" << reference.location.column << " [" << reference.words
            << "]\n";
  }
  return printed.str();
}

// Builds `files` as serve does after an edit, through `cache` and from
// `*served` (the build before, which it replaces), and as a first build of
// the edited site would: both report the same diagnostics, quoted alike,
// and resolve the same references, and without errors every file, made on
// demand or not, is the file `build` makes.
void ExpectRebuildIsAFreshBuild(const MemoryFileSystem& files,
                                RecordCache* cache,
                                std::shared_ptr<PreviewBuild>* served,
                                const std::string& what, bool errors = false) {
  BuildOptions options;
  options.base_url = "https://example.gov.uk/scrutiny/";
  Site eager_site;
  OutputTree eager;
  Diagnostics eager_diagnostics;
  ASSERT_TRUE(BuildSite(files, &eager_site, &eager, eager_diagnostics, options))
      << what;

  options.record_cache = cache;
  if (*served != nullptr) options.previous_site = &(*served)->site;
  Diagnostics diagnostics;
  std::shared_ptr<PreviewBuild> build =
      BuildPreview(files, options, diagnostics);
  *served = build;
  EXPECT_EQ(PrintedDiagnostics(diagnostics),
            PrintedDiagnostics(eager_diagnostics))
      << what;
  EXPECT_EQ(eager_diagnostics.HasErrors(), errors) << what;
  EXPECT_EQ(build->has_errors(), errors) << what;
  EXPECT_EQ(PrintedReferences(build->site), PrintedReferences(eager_site))
      << what;
  if (eager_diagnostics.HasErrors()) return;
  ASSERT_EQ(build->output.Paths(), eager.Paths()) << what;
  for (const auto& [path, contents] : eager.files()) {
    const std::string* on_demand = build->output.Find(path);
    ASSERT_NE(on_demand, nullptr) << what << ": " << path;
    EXPECT_TRUE(*on_demand == contents) << what << ": " << path;
  }
}

// Serve parses again only the files that changed since its last build
// (load/record_cache.h): after any edit, a rebuild through the cache is the
// build of the edited site from scratch, diagnostics included.
TEST(PreviewSiteTest, RebuildsThroughTheRecordCacheAsAFreshBuild) {
  MemoryFileSystem files = SiteInMemory("tests/sites/minimal");
  RecordCache cache;
  std::shared_ptr<PreviewBuild> served;
  ExpectRebuildIsAFreshBuild(files, &cache, &served, "first build");
  ASSERT_GT(cache.size(), 5u);
  auto text_of = [&](const std::string& path) {
    std::string text;
    std::string error;
    EXPECT_TRUE(files.ReadFile(path, &text, &error)) << path;
    return text;
  };
  const std::string paper = "content/papers/test-paper.md";
  const std::string review = "content/reviews/test-review.md";
  const std::string person = "content/people/ann-example.yaml";
  const std::string original_paper = text_of(paper);
  const std::string original_review = text_of(review);
  const std::string original_person = text_of(person);

  ExpectRebuildIsAFreshBuild(files, &cache, &served, "nothing changed");
  files.AddFile(paper, original_paper);  // saved again, the same bytes
  ExpectRebuildIsAFreshBuild(files, &cache, &served,
                             "the same bytes saved again");
  files.AddFile(paper, original_paper + "\nOne more sentence.\n");
  ExpectRebuildIsAFreshBuild(files, &cache, &served, "a paper's body edited");
  // Edits that are not of text: the records not edited take their
  // references from the build before (LinkSite's `previous`).
  auto replaced = [](std::string text, const std::string& from,
                     const std::string& to) {
    const size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return at == std::string::npos ? text : text.replace(at, from.size(), to);
  };
  files.AddFile(
      paper, replaced(original_paper, "date: 2017-06-20", "date: 2017-06-21"));
  ExpectRebuildIsAFreshBuild(files, &cache, &served, "a paper's date changed");
  files.AddFile(paper, replaced(original_paper, "author: ann-example\n", ""));
  ExpectRebuildIsAFreshBuild(files, &cache, &served,
                             "a paper's author taken out");
  files.AddFile(paper, original_paper + "\nSee [the review](@test-review).\n");
  ExpectRebuildIsAFreshBuild(files, &cache, &served, "a short link added");
  files.AddFile(paper, original_paper);
  ExpectRebuildIsAFreshBuild(files, &cache, &served, "the paper as it was");
  // An error in one file, then one in another, each quoted at its line.
  files.AddFile(paper, original_paper + "\nSee [x](@no-such-record).\n");
  ExpectRebuildIsAFreshBuild(files, &cache, &served, "an unknown short link",
                             /*errors=*/true);
  files.AddFile(review, "---\nid: test-review\ntitle: [unclosed\n---\n");
  ExpectRebuildIsAFreshBuild(files, &cache, &served, "a YAML error",
                             /*errors=*/true);
  files.AddFile(review, original_review + "\x01");
  ExpectRebuildIsAFreshBuild(files, &cache, &served, "a control character",
                             /*errors=*/true);
  files.AddFile(review, original_review);
  files.AddFile(paper, original_paper);
  ExpectRebuildIsAFreshBuild(files, &cache, &served, "errors fixed");
  files.AddFile("content/people/new-person.yaml", "id: new-person\nname: N\n");
  ExpectRebuildIsAFreshBuild(files, &cache, &served, "a file added");
  files.RemoveFile("content/people/new-person.yaml");
  ExpectRebuildIsAFreshBuild(files, &cache, &served, "a file deleted");
  files.RemoveFile(person);
  files.AddFile("content/people/ann-renamed.yaml", original_person);
  ExpectRebuildIsAFreshBuild(files, &cache, &served,
                             "a file renamed (id mismatch)",
                             /*errors=*/true);
  files.RemoveFile("content/people/ann-renamed.yaml");
  files.AddFile(person, original_person);
  ExpectRebuildIsAFreshBuild(files, &cache, &served, "renamed back");
  // As many records as before, but one id is another's: what named the
  // person no longer resolves.
  files.RemoveFile(person);
  files.AddFile("content/people/bob-example.yaml",
                replaced(original_person, "ann-example", "bob-example"));
  ExpectRebuildIsAFreshBuild(files, &cache, &served, "a person's id changed",
                             /*errors=*/true);
  files.RemoveFile("content/people/bob-example.yaml");
  files.AddFile(person, original_person);
  ExpectRebuildIsAFreshBuild(files, &cache, &served, "the person back");
  files.AddFile("content/people/.hidden.yaml", "id: x\n");
  files.AddFile("content/people/notes.txt", "notes\n");
  ExpectRebuildIsAFreshBuild(files, &cache, &served,
                             "files that are not records");
}

// A file added or deleted moves the index of every record after it: the
// records not edited still take their references from the build before,
// at their new indexes, as long as every id they name still names a
// record of the same kind; the rebuild is the fresh build all the same.
TEST(PreviewSiteTest, AFileAddedOrDeletedLeavesTheOthersReferencesTaken) {
  MemoryFileSystem files = SiteInMemory("tests/sites/minimal");
  RecordCache cache;
  std::shared_ptr<PreviewBuild> served;
  ExpectRebuildIsAFreshBuild(files, &cache, &served, "first build");
  const size_t records = served->site.records.size();
  EXPECT_EQ(served->site.records_resolved, records);
  ExpectRebuildIsAFreshBuild(files, &cache, &served, "nothing changed");
  EXPECT_EQ(served->site.records_resolved, 0u);

  // A person whose file comes first among the people (and an id first in
  // the index), and a committee's: every record after each moves.
  files.AddFile("content/people/aaa-new.yaml",
                "id: aaa-new\nname: A New\nsource: test\n");
  files.AddFile("content/committees/aaa-committee.yaml",
                "id: aaa-committee\nname: A Committee\n"
                "organisation: test-council\nsource: test\n");
  ExpectRebuildIsAFreshBuild(files, &cache, &served, "two files added");
  EXPECT_EQ(served->site.records.size(), records + 2);
  EXPECT_EQ(served->site.records_resolved, 2u);  // only the new ones
  files.RemoveFile("content/people/aaa-new.yaml");
  ExpectRebuildIsAFreshBuild(files, &cache, &served, "one deleted again");
  EXPECT_EQ(served->site.records_resolved, 0u);
  files.RemoveFile("content/committees/aaa-committee.yaml");
  ExpectRebuildIsAFreshBuild(files, &cache, &served, "both deleted");
  EXPECT_EQ(served->site.records_resolved, 0u);

  // A file named by others deleted: they are resolved again, and each
  // reports the id it names that is gone.
  const std::string person = "content/people/ann-example.yaml";
  std::string original_person;
  std::string error;
  ASSERT_TRUE(files.ReadFile(person, &original_person, &error)) << error;
  files.RemoveFile(person);
  ExpectRebuildIsAFreshBuild(files, &cache, &served, "a person named deleted",
                             /*errors=*/true);
  files.AddFile(person, original_person);
  ExpectRebuildIsAFreshBuild(files, &cache, &served, "the person back");

  // The id named now names a record of another kind; then two records
  // have it, the new one first in the index.
  files.RemoveFile(person);
  files.AddFile("content/committees/ann-example.yaml",
                "id: ann-example\nname: Ann\norganisation: test-council\n"
                "source: test\n");
  ExpectRebuildIsAFreshBuild(files, &cache, &served,
                             "a person's id now a committee's",
                             /*errors=*/true);
  files.RemoveFile("content/committees/ann-example.yaml");
  files.AddFile(person, original_person);
  ExpectRebuildIsAFreshBuild(files, &cache, &served, "the person back again");
  EXPECT_EQ(served->site.records_resolved, records);  // errors before
  files.AddFile("content/people/aaa-ann.yaml",
                "id: ann-example\nname: Another Ann\nsource: test\n");
  ExpectRebuildIsAFreshBuild(files, &cache, &served,
                             "a second file with the person's id",
                             /*errors=*/true);
}

// The content files a load through `cache` read.
std::vector<std::string> ContentFilesRead(const FileSystem& files,
                                          RecordCache* cache) {
  RecordingFileSystem recorded(files);
  Site site;
  Diagnostics diagnostics;
  EXPECT_TRUE(LoadSite(recorded, &site, diagnostics, cache));
  std::vector<std::string> read;
  for (const auto& [call, answer] : recorded.fingerprint()) {
    if (call.rfind("read content/", 0) == 0) read.push_back(call.substr(5));
  }
  return read;
}

TEST(PreviewSiteTest, ARebuildThroughTheCacheReadsOnlyWhatChanged) {
  MemoryFileSystem files = SiteInMemory("tests/sites/minimal");
  RecordCache cache;
  BuildOptions options;
  options.record_cache = &cache;
  Diagnostics diagnostics;
  std::shared_ptr<PreviewBuild> first =
      BuildPreview(files, options, diagnostics);
  EXPECT_EQ(ContentFilesRead(files, &cache), std::vector<std::string>{});
  std::shared_ptr<PreviewBuild> again =
      BuildPreview(files, options, diagnostics);
  EXPECT_TRUE(again->SameAs(*first));

  const std::string paper = "content/papers/test-paper.md";
  std::string text;
  std::string error;
  ASSERT_TRUE(files.ReadFile(paper, &text, &error));
  files.AddFile(paper, text);  // a new stamp, the same bytes
  EXPECT_EQ(ContentFilesRead(files, &cache), std::vector<std::string>{paper});
  EXPECT_TRUE(BuildPreview(files, options, diagnostics)->SameAs(*first));
  files.AddFile(paper, text + "\nOne more sentence.\n");
  std::shared_ptr<PreviewBuild> edited =
      BuildPreview(files, options, diagnostics);
  EXPECT_FALSE(edited->SameAs(*first));
  EXPECT_EQ(ContentFilesRead(files, &cache), std::vector<std::string>{});
}

// The link check runs once the build is published: a broken link is
// reported where it is written, with the line quoted, and the page with it
// is served all the same.
TEST(PreviewSiteTest, ReportsBrokenLinksAfterTheBuild) {
  MemoryFileSystem files = SiteInMemory("tests/sites/minimal");
  std::string paper;
  std::string error;
  ASSERT_TRUE(files.ReadFile("content/papers/test-paper.md", &paper, &error));
  files.AddFile("content/papers/test-paper.md",
                paper + "\nSee [the missing page](../../nowhere/).\n");
  Diagnostics diagnostics;
  std::shared_ptr<PreviewBuild> build = BuildPreview(files, {}, diagnostics);
  EXPECT_FALSE(build->has_errors());
  EXPECT_EQ(diagnostics.error_count(), 0);
  EXPECT_EQ(RespondToPreviewRequest(*build, "/papers/test-paper/").status, 200);

  // It says once when it is done reading the build, whichever way it ends.
  int done_reading = 0;
  auto count = [&done_reading] { ++done_reading; };
  Diagnostics links;
  EXPECT_TRUE(CheckPreviewLinks(*build, links, nullptr, count));
  EXPECT_EQ(done_reading, 1);
  std::ostringstream printed;
  PrintDiagnostics(links, printed);
  EXPECT_NE(printed.str().find("content/papers/test-paper.md:"),
            std::string::npos)
      << printed.str();
  EXPECT_NE(printed.str().find("error: broken link '../../nowhere/'"),
            std::string::npos)
      << printed.str();
  EXPECT_NE(printed.str().find("    See [the missing page](../../nowhere/)."),
            std::string::npos)
      << printed.str();

  // A check told to stop reports nothing.
  std::shared_ptr<PreviewBuild> again = BuildPreview(files, {}, diagnostics);
  std::atomic<bool> stop{true};
  Diagnostics stopped;
  EXPECT_FALSE(CheckPreviewLinks(*again, stopped, &stop, count));
  EXPECT_EQ(stopped.error_count(), 0);
  EXPECT_EQ(done_reading, 2);
  // Nor a build with errors, which has nothing to check.
  files.AddFile("content/papers/test-paper.md", paper + "\n[x](@no-such-id)\n");
  Diagnostics errors;
  std::shared_ptr<PreviewBuild> broken = BuildPreview(files, {}, errors);
  ASSERT_TRUE(broken->has_errors());
  Diagnostics none;
  EXPECT_TRUE(CheckPreviewLinks(*broken, none, nullptr, count));
  EXPECT_EQ(none.error_count(), 0);
  EXPECT_EQ(done_reading, 3);
}

}  // namespace
}  // namespace scrutineer
