// Content is text, never code: a site whose every field, of every kind,
// holds markup, script, dangerous URLs and template syntax, built with the
// repository's own templates. The records are generated from the content
// model table, so a field added later is attacked too.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "model/schema.h"
#include "pipeline.h"
#include "render/markdown.h"
#include "render/render_site.h"
#include "write/file_system.h"
#include "write/output_folder.h"
#include "write/output_tree.h"

namespace scrutineer {
namespace {

namespace fs = std::filesystem;

// Plain text fields get markup; Markdown fields get raw HTML and links
// with every scheme trick a browser would still run.
const char kTextPayload[] =
    "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>"
    "{{site.title}}{{{content}}} javascript:alert(3)";
const char kMarkdownPayload[] =
    "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n"
    "[a](javascript:alert(3)) [b]( JaVaScRiPt:alert(4)) "
    "[c](java&#x09;script:alert(5)) [d](data:text/html,x) "
    "![e](javascript:alert(6)) <a href=\"javascript:alert(7)\">f</a> "
    "[g](vbscript:x) <javascript:alert(8)> {{site.title}}";

std::string Quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::string IdOf(RecordKind kind) {
  if (kind == RecordKind::kRecommendation) return "k-review/r1";
  if (kind == RecordKind::kAny) return "k-organisation";
  return "k-" + std::string(KindName(kind));
}

// The record being written: its id, and whether its recommendations may
// name a heading (only reviews have headings).
struct Owner {
  std::string id;
  bool has_headings = false;
};

std::string ObjectYaml(const ObjectSpec& spec, const Owner& owner);

// The id a reference field of `owner` names: the one record of the target
// kind, or "" where that is the owner itself (a committee may not be its
// own predecessor). The review's and the workshop's recommendations each
// follow on from the other's.
std::string TargetOf(const FieldSpec& field, const Owner& owner) {
  if (field.target == RecordKind::kRecommendation) {
    return owner.id == "k-review" ? "k-workshop/r1" : "k-review/r1";
  }
  std::string id = IdOf(field.target);
  return id == owner.id ? "" : id;
}

// One value of `field`, as flow YAML.
std::string ValueYaml(const FieldSpec& field, const Owner& owner) {
  switch (field.type) {
    case FieldType::kText:
      return Quoted(kTextPayload);
    case FieldType::kMarkdown:
      return Quoted(kMarkdownPayload);
    case FieldType::kDate:
      return "2017-02-16";
    case FieldType::kBool:
      return "true";
    case FieldType::kInteger:
    case FieldType::kNumber:
    case FieldType::kRecommendationNumber:
      return "1";
    case FieldType::kId:
      return owner.id;
    case FieldType::kReference:
      return TargetOf(field, owner);
    case FieldType::kStatus:
      return "completed";
    case FieldType::kPerson:
      return ObjectYaml(PersonReferenceFields(), owner);
    case FieldType::kObject:
      return ObjectYaml(*field.object, owner);
  }
  return "~";
}

std::string ObjectYaml(const ObjectSpec& spec, const Owner& owner) {
  std::string out = "{";
  for (const FieldSpec& field : spec.fields) {
    if (field.name == "heading" && !owner.has_headings) continue;
    std::string value = ValueYaml(field, owner);
    if (value.empty() && !field.list) continue;
    if (out.size() > 1) out += ", ";
    out += std::string(field.name) + ": " +
           (field.list ? "[" + value + "]" : value);
  }
  return out + "}";
}

void AddDiskFolder(const fs::path& root, const std::string& folder,
                   MemoryFileSystem* files) {
  for (const auto& entry : fs::recursive_directory_iterator(root / folder)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    files->AddFile(entry.path().lexically_relative(root).generic_string(),
                   text.str());
  }
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return text;
}

// An attribute value as a browser reads it: numeric character references
// and the named ones that hide a URL scheme are decoded.
std::string DecodeAttribute(const std::string& value) {
  std::string out;
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '&') {
      out += value[i];
      continue;
    }
    size_t end = value.find(';', i);
    if (end == std::string::npos) end = value.size();
    std::string entity = value.substr(i + 1, end - i - 1);
    long code = -1;
    if (entity.size() > 1 && entity[0] == '#') {
      bool hex = entity[1] == 'x' || entity[1] == 'X';
      code =
          std::strtol(entity.c_str() + (hex ? 2 : 1), nullptr, hex ? 16 : 10);
    } else if (entity == "colon") {
      code = ':';
    } else if (entity == "Tab") {
      code = '\t';
    } else if (entity == "NewLine") {
      code = '\n';
    } else if (entity == "amp") {
      code = '&';
    }
    if (code < 0 || code > 127) {
      out += value[i];
      continue;
    }
    out += static_cast<char>(code);
    i = end;
  }
  return out;
}

// Every way `html` could run code: a script element (other than JSON-LD
// data, whose text must hold no '<'), an event handler attribute, or a URL
// attribute whose scheme is not http, https or mailto. Tags are read the
// way a browser tokenizes them, quotes and all, so text that merely looks
// like markup inside an attribute or between tags does not count.
std::vector<std::string> CodeIn(const std::string& html) {
  std::vector<std::string> found;
  const std::regex kName("^[a-zA-Z][a-zA-Z0-9:-]*");
  for (size_t at = html.find('<'); at != std::string::npos;
       at = html.find('<', at + 1)) {
    std::smatch name_match;
    std::string rest = html.substr(at + 1, 64);
    if (!std::regex_search(rest, name_match, kName)) continue;
    const std::string tag = Lower(name_match.str(0));
    size_t i = at + 1 + name_match.length(0);
    std::string type;
    std::string source;
    while (i < html.size() && html[i] != '>') {
      if (std::isspace(static_cast<unsigned char>(html[i])) || html[i] == '/') {
        ++i;
        continue;
      }
      size_t name_end = html.find_first_of(" \t\n=>/", i);
      std::string attribute = Lower(html.substr(i, name_end - i));
      i = name_end;
      std::string value;
      if (i < html.size() && html[i] == '=') {
        ++i;
        if (html[i] == '"' || html[i] == '\'') {
          size_t close = html.find(html[i], i + 1);
          value = html.substr(i + 1, close - i - 1);
          i = close + 1;
        } else {
          size_t end = html.find_first_of(" \t\n>", i);
          value = html.substr(i, end - i);
          i = end;
        }
      }
      value = DecodeAttribute(value);
      if (attribute.compare(0, 2, "on") == 0) {
        found.push_back("<" + tag + " " + attribute + "=...>");
      }
      if ((attribute == "href" || attribute == "src" || attribute == "action" ||
           attribute == "formaction" || attribute == "xlink:href" ||
           attribute == "poster" || attribute == "data") &&
          !IsSafeUrl(value)) {
        found.push_back("<" + tag + " " + attribute + "=\"" + value + "\">");
      }
      if (attribute == "type") type = value;
      if (attribute == "src") source = value;
    }
    if (tag == "script") {
      // Allowed: JSON-LD data, and the site's own scripts by relative URL.
      size_t close = html.find("</script", i);
      std::string body = html.substr(i + 1, close - i - 1);
      bool data =
          type == "application/ld+json" && body.find('<') == std::string::npos;
      bool own = !source.empty() && body.empty() &&
                 source.find(':') == std::string::npos &&
                 source.compare(0, 2, "//") != 0;
      if (!data && !own) {
        found.push_back("<script> holding " + body.substr(0, 60));
      }
    }
    if (tag == "iframe" || tag == "object" || tag == "embed") {
      found.push_back("<" + tag + ">");
    }
  }
  return found;
}

class HostileContentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    AddDiskFolder(SCRUTINEER_SOURCE_DIR, "templates", &files_);
    AddDiskFolder(SCRUTINEER_SOURCE_DIR, "theme", &files_);
    for (const KindSpec& kind : ContentKinds()) {
      Owner owner{IdOf(kind.kind), kind.fields->Find("headings") != nullptr};
      files_.AddFile(
          "content/" + std::string(kind.folder) + "/" + owner.id + ".yaml",
          ObjectYaml(*kind.fields, owner) + "\n");
    }
  }

  void Build(const std::string& site_yaml) {
    files_.AddFile("site.yaml", site_yaml);
    ASSERT_TRUE(BuildSite(files_, &site_, &out_, diagnostics_));
  }

  MemoryFileSystem files_;
  Site site_;
  OutputTree out_;
  Diagnostics diagnostics_;
};

// The checker itself: it must see code where a browser would run it, and
// only there.
TEST(CodeInTest, FindsWhatRunsAndOnlyThat) {
  EXPECT_EQ(CodeIn("<p>&lt;script&gt; onerror=x <a href=\"https://x\">a</a>"
                   "<meta content=\"&lt;img src=x onerror=alert(1)&gt;\">"
                   "<script type=\"application/ld+json\">{\"a\":\"\\u003c\"}"
                   "</script><script type=\"module\" src=\"../theme/s.js\">"
                   "</script></p>"),
            std::vector<std::string>{});
  EXPECT_EQ(
      CodeIn("<script>alert(1)</script><img src=x onerror=alert(1)>"
             "<script src=\"https://cdn.example/x.js\"></script>"
             "<a href=\" JaVa&#115;cript&colon;alert(1)\">a</a>"
             "<a href='data:text/html,x'>b</a><iframe src=\"https://x\">"),
      (std::vector<std::string>{"<script> holding alert(1)",
                                "<img onerror=...>", "<script> holding ",
                                "<a href=\" JaVascript:alert(1)\">",
                                "<a href=\"data:text/html,x\">", "<iframe>"}));
}

TEST_F(HostileContentTest, EveryFieldOfEveryKindIsEscapedForItsContext) {
  Build("title: \"Council <b>&</b>\"\n");
  // Every record and every field made it in: the payloads are valid data.
  for (const Diagnostic& d : diagnostics_.Sorted()) {
    ADD_FAILURE() << FormatDiagnosticHeadline(d);
  }
  ASSERT_EQ(site_.records.size(), ContentKinds().size() + 2);  // 2 recs

  int pages = 0;
  int escaped_payloads = 0;
  for (const auto& [path, contents] : out_.files()) {
    if (path.size() < 5 || path.compare(path.size() - 5, 5, ".html") != 0) {
      continue;
    }
    ++pages;
    SCOPED_TRACE(path);
    EXPECT_EQ(CodeIn(contents), std::vector<std::string>{});
    // Template syntax in data stays literal, and never runs.
    EXPECT_EQ(contents.find("Council <b>"), std::string::npos);
    size_t at = 0;
    while ((at = contents.find("&lt;script&gt;alert(1)&lt;/script&gt;", at)) !=
           std::string::npos) {
      ++escaped_payloads;
      ++at;
    }
  }
  EXPECT_GT(pages, 20);
  // The text payloads were shown, escaped, on the pages (not dropped).
  EXPECT_GT(escaped_payloads, 50);
  const std::string& organisation =
      *out_.Find("organisations/k-organisation/index.html");
  EXPECT_NE(organisation.find("{{site.title}}{{{content}}}"),
            std::string::npos);
  EXPECT_NE(organisation.find("Council &lt;b&gt;&amp;&lt;/b&gt;"),
            std::string::npos);
}

// The page of one review whose Markdown body holds raw HTML.
std::string RawHtmlPage(const std::string& site_yaml) {
  MemoryFileSystem files;
  AddDiskFolder(SCRUTINEER_SOURCE_DIR, "templates", &files);
  files.AddFile("site.yaml", site_yaml);
  files.AddFile("content/reviews/p.md",
                "---\nid: p\ntitle: P\n---\nSee <b>this</b> and "
                "<mark>that</mark>.\n\n<script>alert(1)</script>\n\n"
                "<iframe src=\"https://example.org\"></iframe>\n");
  Site site;
  OutputTree out;
  Diagnostics diagnostics;
  EXPECT_TRUE(BuildSite(files, &site, &out, diagnostics));
  EXPECT_FALSE(diagnostics.HasErrors());
  const std::string* page = out.Find("reviews/p/index.html");
  return page == nullptr ? "" : *page;
}

TEST(RawHtmlTest, PassesOnlyWhenTheSiteOptsIn) {
  const std::string closed = RawHtmlPage("title: T\n");
  EXPECT_NE(closed.find("<p>See this and that.</p>"), std::string::npos);
  EXPECT_EQ(closed.find("<b>this</b>"), std::string::npos);
  EXPECT_EQ(Lower(closed).find("<script>alert"), std::string::npos);
  EXPECT_EQ(Lower(closed).find("iframe"), std::string::npos);

  const std::string open = RawHtmlPage("title: T\nallow_raw_html: true\n");
  EXPECT_NE(open.find("See <b>this</b> and <mark>that</mark>."),
            std::string::npos);
  // GFM's tag filter still disarms the tags that run or embed things.
  EXPECT_EQ(Lower(open).find("<script>alert"), std::string::npos);
  EXPECT_NE(open.find("&lt;script>alert(1)&lt;/script>"), std::string::npos);
  EXPECT_NE(open.find("&lt;iframe"), std::string::npos);
}

// A Markdown file's body is shown on its record's page, whatever the kind:
// a body no template showed was accepted, its links counted as backlinks,
// and published nowhere.
TEST(MarkdownBodyTest, EveryKindsPageShowsItsBody) {
  MemoryFileSystem files;
  AddDiskFolder(SCRUTINEER_SOURCE_DIR, "templates", &files);
  files.AddFile("site.yaml", "title: T\n");
  const std::pair<const char*, const char*> kFiles[] = {
      {"content/committees/c.md", "id: c\nname: C\n"},
      {"content/people/p.md", "id: p\nname: P\n"},
      {"content/organisations/o.md", "id: o\nname: O\n"},
      {"content/timelines/t.md",
       "id: t\ntitle: T\nmilestones:\n  - { date: 2019-01, text: E }\n"},
      {"content/reviews/r.md", "id: r\ntitle: R\n"},
      {"content/meetings/m.md", "id: m\ndate: 2019-01-10\n"},
      {"content/papers/a.md", "id: a\ntitle: A\n"},
      {"content/workshops/w.md", "id: w\ntitle: W\ndate: 2019-01\n"},
  };
  for (const auto& [path, fields] : kFiles) {
    files.AddFile(path, std::string("---\n") + fields +
                            "---\nThe body of " + path + ", about [P](@p).\n");
  }
  Site site;
  OutputTree out;
  Diagnostics diagnostics;
  ASSERT_TRUE(BuildSite(files, &site, &out, diagnostics));
  EXPECT_FALSE(diagnostics.HasErrors());
  for (const auto& [path, fields] : kFiles) {
    std::string_view name = std::string_view(path).substr(8);  // content/
    std::string folder(name.substr(0, name.find('/')));
    std::string id(name.substr(name.find('/') + 1));
    id.resize(id.size() - 3);  // .md
    const std::string* page = out.Find(folder + "/" + id + "/index.html");
    ASSERT_NE(page, nullptr) << path;
    EXPECT_NE(page->find(std::string("The body of ") + path + ", about <a"),
              std::string::npos)
        << path;
  }
}

// Ids are the only part of an output path that comes from content. Their
// alphabet is lower-case ASCII letters, digits and '-', so no two ids can
// differ only by case or Unicode normalisation, and none can name a file
// ("index.html") or climb out of its folder.
TEST(OutputPathTest, IdsCannotCollideOrEscape) {
  for (const char* id :
       {"Review", "REVIEW", "review-\xC3\xA9", "re\xCC\x81view",
        "\xE2\x84\xAA" "elvin",  // KELVIN SIGN, which lower-cases to 'k'
        "\xEF\xBD\x92" "eview",  // FULLWIDTH r
        "index.html", "404.html", "..", ".", "a/b", "a\\b", "%2e%2e", "-lead",
        "a b", "", "theme/site.css", "a\tb"}) {
    EXPECT_FALSE(IsValidId(id)) << id;
  }
  for (const char* id : {"theme", "index", "reviews", "404", "a-b-1"}) {
    EXPECT_TRUE(IsValidId(id)) << id;
  }
  EXPECT_FALSE(IsValidId(std::string(81, 'a')));
  for (const char* reference : {"r/r1/../x", "r/r1/", "r/x1", "r/r", "r/R1",
                                "r/r1a1", "r/r12345", "../r/r1", "r//r1"}) {
    EXPECT_FALSE(IsValidReference(reference)) << reference;
  }
}

// A record whose id is a kind's folder name, or the name of a theme
// asset's folder, still gets a page of its own: pages live under their
// kind's folder.
TEST(OutputPathTest, IdsNamedLikeFoldersGetPagesOfTheirOwn) {
  MemoryFileSystem files;
  AddDiskFolder(SCRUTINEER_SOURCE_DIR, "templates", &files);
  files.AddFile("site.yaml", "title: T\n");
  for (const char* id : {"reviews", "theme", "index", "404"}) {
    files.AddFile(std::string("content/people/") + id + ".yaml",
                  std::string("id: ") + id + "\nname: N " + id + "\n");
  }
  Site site;
  OutputTree out;
  Diagnostics diagnostics;
  ASSERT_TRUE(BuildSite(files, &site, &out, diagnostics));
  EXPECT_FALSE(diagnostics.HasErrors());
  for (const char* id : {"reviews", "theme", "index", "404"}) {
    const std::string* page =
        out.Find(std::string("people/") + id + "/index.html");
    ASSERT_NE(page, nullptr) << id;
    EXPECT_NE(page->find(std::string("N ") + id), std::string::npos);
  }
  EXPECT_NE(out.Find("index.html"), nullptr);
  EXPECT_NE(out.Find("404.html"), nullptr);
}

// The render stage reports two pages written to one output file, which the
// link stage's unique ids should make impossible, instead of silently
// keeping one of them.
TEST(OutputPathTest, TwoPagesForOneOutputFileAreAnError) {
  MemoryFileSystem files;
  AddDiskFolder(SCRUTINEER_SOURCE_DIR, "templates", &files);
  files.AddFile("site.yaml", "title: T\n");
  files.AddFile("content/people/ann.yaml", "id: ann\nname: Ann\n");
  Site site;
  OutputTree out;
  Diagnostics diagnostics;
  ASSERT_TRUE(BuildSite(files, &site, &out, diagnostics));
  ASSERT_FALSE(diagnostics.HasErrors());
  site.records.push_back(site.records.front());  // bypasses the link stage
  OutputTree again;
  RenderSite(site, files, &again, diagnostics);
  std::vector<std::string> printed;
  for (const Diagnostic& d : diagnostics.Sorted()) {
    printed.push_back(FormatDiagnosticHeadline(d));
  }
  EXPECT_EQ(printed, std::vector<std::string>{
                         "people/ann/index.html: error: two pages would be "
                         "written to the same output file"});
}

// Two files with one id (a .yaml and a .yml) are one problem, reported at
// the second: not also a clash of their pages, which has no line to point
// to and a hint about theme files.
TEST(OutputPathTest, ADuplicateIdIsNotReportedAgainAsAClash) {
  MemoryFileSystem files;
  AddDiskFolder(SCRUTINEER_SOURCE_DIR, "templates", &files);
  files.AddFile("site.yaml", "title: T\n");
  files.AddFile("content/organisations/council.yaml", "id: council\nname: A\n");
  files.AddFile("content/organisations/council.yml", "id: council\nname: B\n");
  files.AddFile("content/people/ann.yaml", "id: ann\nname: Ann\n");
  files.AddFile("content/people/ann.yml", "id: ann\nname: Ann again\n");
  Site site;
  OutputTree out;
  Diagnostics diagnostics;
  BuildSite(files, &site, &out, diagnostics);
  std::vector<std::string> printed;
  for (const Diagnostic& d : diagnostics.Sorted()) {
    printed.push_back(FormatDiagnosticHeadline(d));
  }
  EXPECT_EQ(printed,
            (std::vector<std::string>{
                "content/organisations/council.yml:1:1: error: duplicate id "
                "'council'",
                "content/people/ann.yml:1:1: error: duplicate id 'ann'"}));
}

// The repository's templates and a site of 40 people, p0 to p39.
void AddFortyPeople(MemoryFileSystem* files) {
  AddDiskFolder(SCRUTINEER_SOURCE_DIR, "templates", files);
  files->AddFile("site.yaml", "title: T\n");
  for (int i = 0; i < 40; ++i) {
    std::string id = "p" + std::to_string(i);
    files->AddFile("content/people/" + id + ".yaml",
                   "id: " + id + "\nname: P\n");
  }
}

// The same as `build` renders: pages written from several threads as they
// are rendered still report the clash, once, and a build that is not
// published leaves nothing on disk.
TEST(OutputPathTest, TwoPagesForOneOutputFileAreAnErrorWhenWritingThrough) {
  MemoryFileSystem files;
  AddFortyPeople(&files);
  Site site;
  OutputTree out;
  Diagnostics diagnostics;
  ASSERT_TRUE(BuildSite(files, &site, &out, diagnostics));
  ASSERT_FALSE(diagnostics.HasErrors());
  site.records.push_back(site.records.front());  // bypasses the link stage

  char pattern[] = "/tmp/scrutineer-clash-XXXXXX";
  ASSERT_NE(mkdtemp(pattern), nullptr);
  const fs::path scratch = pattern;
  fs::create_directory(scratch / "site");
  {
    OutputFolder folder;
    ASSERT_TRUE(folder.Open((scratch / "public").string(),
                            (scratch / "site").string(), diagnostics));
    OutputTree again(&folder);
    RenderSite(site, files, &again, diagnostics);
  }
  std::vector<std::string> printed;
  for (const Diagnostic& d : diagnostics.Sorted()) {
    printed.push_back(FormatDiagnosticHeadline(d));
  }
  EXPECT_EQ(printed, std::vector<std::string>{
                         "people/p0/index.html: error: two pages would be "
                         "written to the same output file"});
  std::vector<std::string> left;
  for (const auto& entry : fs::directory_iterator(scratch)) {
    left.push_back(entry.path().filename().string());
  }
  EXPECT_EQ(left, std::vector<std::string>{"site"});
  fs::remove_all(scratch);
}

// A build with a content error is still rendered, so that one run reports
// its template problems and page clashes too (see the test above), but
// nothing of it will be published: not one page is written.
TEST(OutputPathTest, AFailedBuildWritesNoPageButReportsEveryProblem) {
  MemoryFileSystem files;
  AddFortyPeople(&files);
  files.AddFile("content/people/nameless.yaml", "id: nameless\n");

  char pattern[] = "/tmp/scrutineer-failed-XXXXXX";
  ASSERT_NE(mkdtemp(pattern), nullptr);
  const fs::path scratch = pattern;
  fs::create_directory(scratch / "site");
  Diagnostics diagnostics;
  std::vector<std::string> written;
  {
    OutputFolder folder;
    ASSERT_TRUE(folder.Open((scratch / "public").string(),
                            (scratch / "site").string(), diagnostics));
    OutputTree out(&folder);
    Site site;
    ASSERT_TRUE(BuildSite(files, &site, &out, diagnostics));
    EXPECT_GT(out.size(), 40u);  // every page was rendered
    for (const auto& entry : fs::recursive_directory_iterator(scratch)) {
      if (entry.is_regular_file()) {
        written.push_back(entry.path().lexically_relative(scratch).string());
      }
    }
    EXPECT_FALSE(out.Publish(diagnostics));
  }
  EXPECT_EQ(written, std::vector<std::string>{});
  std::string printed;
  for (const Diagnostic& d : diagnostics.Sorted()) {
    printed += FormatDiagnosticHeadline(d) + "\n";
  }
  EXPECT_NE(printed.find("content/people/nameless.yaml:1:1: error: "),
            std::string::npos)
      << printed;
  EXPECT_NE(printed.find("public: error: cannot write output: the build had "
                         "errors, so nothing was written"),
            std::string::npos)
      << printed;
  std::vector<std::string> left;
  for (const auto& entry : fs::directory_iterator(scratch)) {
    left.push_back(entry.path().filename().string());
  }
  EXPECT_EQ(left, std::vector<std::string>{"site"});
  fs::remove_all(scratch);
}

}  // namespace
}  // namespace scrutineer
