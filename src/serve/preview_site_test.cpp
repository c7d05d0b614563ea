#include "serve/preview_site.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "serve/error_page.h"

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

// The repository's templates and theme with the content of `site`, a folder
// of the repository.
MemoryFileSystem SiteInMemory(const std::string& site) {
  namespace fs = std::filesystem;
  const fs::path repo = SCRUTINEER_SOURCE_DIR;
  MemoryFileSystem files;
  auto add = [&](const fs::path& root, const std::string& folder) {
    if (!fs::exists(root / folder)) return;
    for (const auto& entry : fs::recursive_directory_iterator(root / folder)) {
      if (!entry.is_regular_file()) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      files.AddFile(entry.path().lexically_relative(root).generic_string(),
                    text.str());
    }
  };
  add(repo, "templates");
  add(repo, "theme");
  add(repo / site, "content");
  std::ifstream config(repo / site / "site.yaml", std::ios::binary);
  std::ostringstream text;
  text << config.rdbuf();
  files.AddFile("site.yaml", text.str());
  return files;
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

  Diagnostics links;
  EXPECT_TRUE(CheckPreviewLinks(*build, links));
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
  EXPECT_FALSE(CheckPreviewLinks(*again, stopped, &stop));
  EXPECT_EQ(stopped.error_count(), 0);
}

}  // namespace
}  // namespace scrutineer
