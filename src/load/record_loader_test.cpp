#include "load/record_loader.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace scrutineer {
namespace {

using Lines = std::vector<std::string>;

// Every diagnostic's headline, each followed by "note: <hint>" when `hints`
// is set and it has one.
Lines Printed(const Diagnostics& diagnostics, bool hints) {
  Lines lines;
  for (const Diagnostic& d : diagnostics.Sorted()) {
    lines.push_back(FormatDiagnosticHeadline(d));
    if (hints && !d.hint.empty()) lines.push_back("note: " + d.hint);
  }
  return lines;
}

// A site built inline: site.yaml and whatever files a test adds.
class RecordLoaderTest : public ::testing::Test {
 protected:
  void Add(const std::string& path, std::string contents) {
    files_.AddFile(path, std::move(contents));
  }

  Lines Load(bool hints = true) {
    if (with_site_yaml_) files_.AddFile("site.yaml", "title: Test site\n");
    loaded_ = LoadSite(files_, &site_, diagnostics_);
    return Printed(diagnostics_, hints);
  }

  // Loads a site of just the file at `path`; returns the headlines only.
  Lines Headlines(const std::string& path, std::string contents) {
    Add(path, std::move(contents));
    return Load(/*hints=*/false);
  }

  std::vector<std::string> Ids() const {
    std::vector<std::string> ids;
    for (const Record& record : site_.records) ids.push_back(record.id.value);
    return ids;
  }

  MemoryFileSystem files_;
  bool with_site_yaml_ = true;
  bool loaded_ = false;
  Site site_;
  Diagnostics diagnostics_;
};

// For table-driven tests: a fresh site per case.
Lines LoadOne(const std::string& path, const std::string& text, bool hints,
              size_t* records = nullptr) {
  MemoryFileSystem files;
  files.AddFile("site.yaml", "title: T\n");
  files.AddFile(path, text);
  Site site;
  Diagnostics diagnostics;
  EXPECT_TRUE(LoadSite(files, &site, diagnostics));
  if (records != nullptr) *records = site.records.size();
  return Printed(diagnostics, hints);
}

TEST(SplitFrontMatterTest, FindsTheClosingFenceAndTheBodyLine) {
  struct Case {
    const char* text;
    const char* front_matter;
    const char* body;
    int body_line;
  };
  const Case kCases[] = {
      {"---\nid: a\n---\nBody\n", "id: a\n", "Body\n", 4},
      {"---\nid: a\n---\n", "id: a\n", "", 4},
      {"---\nid: a\n---", "id: a\n", "", 4},
      {"---\n---\nBody\n", "", "Body\n", 3},
      {"--- \nid: a\n---\t\nBody\n", "id: a\n", "Body\n", 4},
      {"---\nid: a\ntext: |\n  ---\n---\nBody\n", "id: a\ntext: |\n  ---\n",
       "Body\n", 6},
      // Only the first closing fence counts: a rule in the body stays.
      {"---\nid: a\n---\nOne\n\n---\n\nTwo\n", "id: a\n", "One\n\n---\n\nTwo\n",
       4},
      {"---\nid: a\n---\n| a | b |\n| --- | --- |\n", "id: a\n",
       "| a | b |\n| --- | --- |\n", 4},
  };
  std::string_view front_matter;
  std::string_view body;
  int body_line = -1;
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.text);
    ASSERT_TRUE(SplitFrontMatter(c.text, &front_matter, &body, &body_line));
    EXPECT_EQ(front_matter, c.front_matter);
    EXPECT_EQ(body, c.body);
    EXPECT_EQ(body_line, c.body_line);
  }
  // No fence on the first line, or no closing one.
  for (const char* text :
       {"id: a\n", "---\nid: a\n", "---\nid: a\n| --- |\n", "---", "",
        "\n---\nid: a\n---\n", "----\nid: a\n----\n", " ---\nid: a\n---\n"}) {
    EXPECT_FALSE(SplitFrontMatter(text, &front_matter, &body, &body_line))
        << text;
  }
}

TEST_F(RecordLoaderTest, LoadsRecordsInPathOrderWithKindBodyAndLines) {
  Add("content/reviews/r.md",
      "---\nid: r\ntitle: A review\n---\nThe review began.\n\n---\n\n"
      "| a | b |\n| --- | --- |\n");
  Add("content/people/julia-hassall.yaml", "id: julia-hassall\nname: J\n");
  Add("content/people/wirral/ann.yaml", "id: ann\nname: Ann\n");
  Add("content/committees/c.yml", "id: c\nname: C\n");
  EXPECT_EQ(Load(), Lines{});
  EXPECT_TRUE(loaded_);
  EXPECT_EQ(Ids(),
            (std::vector<std::string>{"c", "julia-hassall", "ann", "r"}));
  const Record& review = site_.records[3];
  EXPECT_EQ(review.kind, RecordKind::kReview);
  EXPECT_EQ(review.location.path, "content/reviews/r.md");
  EXPECT_EQ(*review.body,
            "The review began.\n\n---\n\n| a | b |\n| --- | --- |\n");
  EXPECT_EQ(review.body_line, 5);
  EXPECT_EQ(review.fields->Find("title")->location.line, 3);
  EXPECT_EQ(site_.records[0].kind, RecordKind::kCommittee);
  EXPECT_EQ(site_.records[0].body_line, 0);
  EXPECT_EQ(site_.config.title, "Test site");
}

TEST_F(RecordLoaderTest, MarkdownWithoutFrontMatterIsAnError) {
  Add("content/reviews/r.md", "# A review\n\nid: r\n");
  EXPECT_EQ(Load(), (Lines{"content/reviews/r.md:1:1: error: a Markdown "
                           "record must start with front matter",
                           "note: put the record's fields between two '---' "
                           "lines at the top of the file"}));
  EXPECT_TRUE(site_.records.empty());
}

TEST_F(RecordLoaderTest, ReportsFrontMatterErrorsAtTheirLineInTheFile) {
  EXPECT_EQ(
      Headlines("content/reviews/r.md", "---\nid: r\ntitle: A: B\n---\nBody\n"),
      Lines{"content/reviews/r.md:3:9: error: YAML syntax error: "
            "unexpected ':' (a value containing ': ' needs quotes)"});
}

TEST_F(RecordLoaderTest, AcceptsByteOrderMarkAndCrlfWithTrueLinesAndColumns) {
  Add("content/reviews/r.md",
      "\xEF\xBB\xBF---\r\nid: r\r\ntitle: T\r\ntitel: x\r\n---\r\nBody\r\n"
      "More\r\n");
  Add("content/people/p.yaml",
      "\xEF\xBB\xBFid: p\r\nname: \xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\r\n"
      "honorific: [Dr]\r\n");
  EXPECT_EQ(Load(),
            (Lines{"content/people/p.yaml:3:12: error: field 'honorific' must "
                   "be text, found a list",
                   "content/reviews/r.md:4:1: error: unknown field 'titel' in "
                   "review",
                   "note: did you mean 'title'?"}));
  ASSERT_EQ(Ids(), (std::vector<std::string>{"p", "r"}));
  EXPECT_EQ(*site_.records[1].body, "Body\nMore\n");
  EXPECT_EQ(site_.records[1].body_line, 6);
  EXPECT_EQ(diagnostics_.SourceLine("content/reviews/r.md", 4), "titel: x");
}

TEST(RecordLoaderTableTest, ReportsInvalidUtf8AtItsLineAndByteColumn) {
  struct Case {
    std::string text;
    const char* where;
    const char* message = "invalid UTF-8 text";
  };
  const Case kCases[] = {
      {"id: p\nname: Caf\xE9 owner\n", "2:10"},
      {"id: p\nname: \xC3\xA9t\xC3\n", "2:10"},    // é, t, then cut short
      {"id: p\nname: \xC0\xAF\n", "2:7"},          // overlong '/'
      {"id: p\nname: \xED\xA0\x80\n", "2:7"},      // a UTF-16 surrogate
      {"id: p\nname: \xF4\x90\x80\x80\n", "2:7"},  // past U+10FFFF
      {"id: p\nname: x\xE2\x82", "2:8"},  // cut short by the end of file
      {"id: p\r\nname: x\r\nnotes: \x80\r\n", "3:8"},
      {std::string("id: p\nname: a\0b\n", 16), "2:8",
       "NUL byte in a text file"},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.where);
    size_t records = 99;
    EXPECT_EQ(LoadOne("content/people/p.yaml", c.text, false, &records),
              Lines{std::string("content/people/p.yaml:") + c.where +
                    ": error: " + c.message});
    EXPECT_EQ(records, 0u);
  }
}

TEST_F(RecordLoaderTest, ChecksTheIdAgainstTheFileName) {
  Add("content/people/a.yaml", "id: b\nname: B\n");
  Add("content/people/Bad_Id.yaml", "id: Bad_Id\nname: B\n");
  Add("content/people/no-id.yaml", "name: B\n");
  Add("content/people/list.yaml", "- id: list\n");
  EXPECT_EQ(
      Load(),
      (Lines{"content/people/Bad_Id.yaml:1:5: error: 'Bad_Id' is not a valid "
             "id in field 'id'",
             "note: ids use lower-case letters, digits and hyphens, at most "
             "80 characters, like 'wirral-cf-osc'; a recommendation is "
             "'<review-id>/r<number>'",
             "content/people/a.yaml:1:5: error: id 'b' does not match the file "
             "name 'a'",
             "note: rename the file or change the id: they must be the same",
             "content/people/list.yaml:1:1: error: a record must be a map of "
             "fields, found a list",
             "note: start with 'id: list'",
             "content/people/no-id.yaml:1:1: error: missing required field "
             "'id' in person",
             "note: add 'id:' to this person"}));
  EXPECT_TRUE(site_.records.empty());
}

// Files are parsed on every core: the records still come in path order,
// and every bad file among them is still reported, once.
TEST_F(RecordLoaderTest, KeepsPathOrderAndEveryReportWhenParsingInParallel) {
  std::vector<std::string> expected_ids;
  Lines expected_errors;
  for (int n = 0; n < 300; ++n) {
    char id[16];
    std::snprintf(id, sizeof id, "p-%03d", n);
    const std::string path = std::string("content/people/") + id + ".yaml";
    if (n % 7 == 3) {
      Add(path, "id: wrong\nname: P\n");
      expected_errors.push_back(path +
                                ":1:5: error: id 'wrong' does not match the "
                                "file name '" +
                                id + "'");
    } else {
      Add(path, std::string("id: ") + id + "\nname: P\n");
      expected_ids.push_back(id);
    }
  }
  EXPECT_EQ(Load(/*hints=*/false), expected_errors);
  EXPECT_EQ(Ids(), expected_ids);
  for (const Record& record : site_.records) {
    EXPECT_EQ(record.location.path,
              "content/people/" + record.id.value + ".yaml");
  }
}

TEST_F(RecordLoaderTest, ReportsFilesOutsideKindFolders) {
  Add("content/review/r.md", "---\nid: r\n---\n");
  Add("content/stuff/x.yaml", "id: x\n");
  Add("content/index.md", "---\nid: index\n---\n");
  Add("content/reviews/notes.txt", "not a record");
  Add("content/reviews/.DS_Store", "\x00\x01");
  Add("content/reviews/r.md~", "backup");
  Add("content/reviews/Shouted.MD", "---\nid: shouted\n---\n");
  EXPECT_EQ(
      Load(),
      (Lines{"content/index.md: error: a record must be in a kind's folder",
             "note: records live in content/<kind>/, e.g. content/reviews/",
             "content/review/r.md: error: unknown content folder 'review'",
             "note: did you mean 'content/reviews/'?",
             "content/reviews/Shouted.MD: warning: ignored: not a record "
             "(.md, .yaml or .yml)",
             "note: rename it to end in .md: extensions are read in lower case",
             "content/reviews/notes.txt: warning: ignored: not a record (.md, "
             ".yaml or .yml)",
             "content/stuff/x.yaml: error: unknown content folder 'stuff'",
             "note: records live in content/<kind>/, e.g. content/reviews/"}));
  // An editor's backup, like a hidden file, is not the site's: no warning.
  EXPECT_EQ(diagnostics_.warning_count(), 2);
}

TEST_F(RecordLoaderTest, ReportsBlankRequiredText) {
  // A blank name or title would head the page, title it and name every
  // link to it with nothing.
  Add("content/people/p.yaml", "id: p\nname: \"  \"\n");
  Add("content/meetings/m.md",
      "---\nid: m\ndate: 2019-01-10\nactions:\n  - text: \"\"\n---\n");
  Add("content/people/q.yaml", "id: q\nname: \" Q \"\n");
  EXPECT_EQ(Load(),
            (Lines{"content/meetings/m.md:5:11: error: field 'text' is blank",
                   "note: it is required: write the text the source gives",
                   "content/people/p.yaml:2:7: error: field 'name' is blank",
                   "note: it is required: write the name the source gives"}));
}

TEST_F(RecordLoaderTest, ReportsUnknownFieldsWithTheClosestName) {
  Add("content/people/p.yaml",
      "id: p\nnmae: P\nfavourite_colour: blue\nroles:\n  - titel: Chair\n");
  EXPECT_EQ(
      Load(),
      (Lines{"content/people/p.yaml:1:1: error: missing required field 'name' "
             "in person",
             "note: add 'name:' to this person",
             "content/people/p.yaml:2:1: error: unknown field 'nmae' in person",
             "note: did you mean 'name'?",
             "content/people/p.yaml:3:1: error: unknown field "
             "'favourite_colour' in person",
             "note: a person has these fields: id name honorific aliases roles "
             "notes source related",
             "content/people/p.yaml:5:5: error: missing required field 'title' "
             "in role",
             "note: add 'title:' to this role",
             "content/people/p.yaml:5:5: error: unknown field 'titel' in role",
             "note: did you mean 'title'?"}));
  // A record whose fields are wrong but whose id is good is kept, so links
  // to it do not add misleading "unknown id" errors.
  EXPECT_EQ(Ids(), std::vector<std::string>{"p"});
}

TEST(RecordLoaderTableTest, ReportsValuesOfTheWrongShape) {
  struct Case {
    const char* path;
    const char* text;
    Lines headlines;  // each without "<path>:"
  };
  const Case kCases[] = {
      {"content/meetings/m.md",
       "---\nid: m\ndate: [2017]\n---\n",
       {"3:7: error: field 'date' must be a date, found a list"}},
      {"content/meetings/m.md",
       "---\nid: m\ndate:\n---\n",
       {"2:1: error: missing required field 'date' in meeting"}},
      {"content/meetings/m.md",
       "---\nid: m\ndate: 2017-02-30\n---\n",
       {"3:7: error: '2017-02-30' is not a date"}},
      {"content/meetings/m.md",
       "---\nid: m\ndate: 2017\nattendance: {recorded: maybe}\n---\n",
       {"4:24: error: field 'recorded' must be true or false, found 'maybe'"}},
      {"content/meetings/m.md",
       "---\nid: m\ndate: 2017\nagenda: [Apologies]\n---\n",
       {"4:10: error: expected an agenda item (a map of fields), found text"}},
      {"content/people/p.yaml",
       "id: p\nname: {first: A}\n",
       {"2:7: error: field 'name' must be text, found a map"}},
      // Only fields marked uncertain take {value, inferred}.
      {"content/people/p.yaml",
       "id: p\nname: {value: P, inferred: why}\n",
       {"2:7: error: field 'name' must be text, found a map"}},
      {"content/people/p.yaml",
       "id: p\nname: P\naliases: A\n",
       {"3:10: error: field 'aliases' must be a list, found text"}},
      {"content/committees/c.yaml",
       "id: c\nname: C\nrelated: [Bad Id]\n",
       {"3:11: error: 'Bad Id' is not a valid id in field 'related'"}},
      {"content/reviews/r.md",
       "---\nid: r\ntitle: R\nheadings: [{number: one, title: H}]\n"
       "recommendations:\n  - {number: sixteen, text: T}\n---\n",
       {"4:21: error: field 'number' must be a whole number, found 'one'",
        "6:14: error: 'sixteen' is not a recommendation number"}},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.text);
    Lines expected;
    for (const std::string& headline : c.headlines) {
      expected.push_back(std::string(c.path) + ":" + headline);
    }
    EXPECT_EQ(LoadOne(c.path, c.text, false), expected);
  }
}

// A recommendation id's number, like a number, has no leading zero: the
// hint names the id to write. (Numbers themselves: LinkSiteTest.)
TEST_F(RecordLoaderTest, RefusesLeadingZerosInRecommendationIds) {
  Add("content/workshops/w.md",
      "---\nid: w\ntitle: W\ndate: 2019\nrelated: [r/r04]\n"
      "recommendations:\n  - number: 1\n    text: T\n    follows:\n"
      "      - r/r0012a\n      - \"r/r0\"\n      - r/r12\n---\n");
  EXPECT_EQ(Load(),
            (Lines{"content/workshops/w.md:5:11: error: 'r/r04' is not a valid "
                   "id in field 'related'",
                   "note: write 'r/r4': a recommendation number has no "
                   "leading zero",
                   "content/workshops/w.md:10:9: error: 'r/r0012a' is not a "
                   "valid id in field 'follows'",
                   "note: write 'r/r12a': a recommendation number has no "
                   "leading zero",
                   "content/workshops/w.md:11:9: error: 'r/r0' is not a valid "
                   "id in field 'follows'",
                   "note: recommendation numbers start at 1"}));
}

TEST_F(RecordLoaderTest, ReportsAnUnknownStatusWithTheClosestOne) {
  const std::string kStatuses =
      "a status is one of: not-started in-progress completed not-accepted "
      "superseded not-stated";
  Add("content/updates/u.md",
      "---\nid: u\nreview: r\ndate: 2017\nentries:\n"
      "  - {recommendation: 1, status: in-progres}\n"
      "  - {recommendation: 2, status: done}\n"
      "  - {recommendation: 3, status: not-stated}\n"
      "  - {recommendation: 4}\n---\n");
  EXPECT_EQ(Load(), (Lines{"content/updates/u.md:6:33: error: unknown status "
                           "'in-progres'",
                           "note: did you mean 'in-progress'? " + kStatuses,
                           "content/updates/u.md:7:33: error: unknown status "
                           "'done'",
                           "note: " + kStatuses}));
}

TEST(RecordLoaderTableTest, ChecksStatedInferredAndUnknownValues) {
  struct Case {
    const char* date;
    Lines printed;
  };
  const std::string m = "content/meetings/m.md:";
  const std::string kNotUncertain =
      m +
      "3:7: error: field 'date' is a map, but not {value, inferred} or "
      "{unknown}";
  const std::string kNotUncertainNote =
      "note: write a plain value if the source states it; otherwise "
      "{value: ..., inferred: \"why\"} or {unknown: \"why\"}";
  const Case kCases[] = {
      {"2017-06-20", {}},
      {"{value: 2017-02, inferred: \"A conference is still to come.\"}", {}},
      {"{unknown: \"The minutes are undated.\"}", {}},
      {"{value: 2017-02}", {kNotUncertain, kNotUncertainNote}},
      {"{inferred: why}", {kNotUncertain, kNotUncertainNote}},
      {"{value: 2017, inferred: why, source: minutes}",
       {m + "3:36: error: unknown key 'source' in an uncertain value",
        "note: write {value: ..., inferred: \"why\"} or {unknown: \"why\"}"}},
      {"{unknown: why, value: 2017}",
       {m + "3:7: error: an unknown value cannot also have 'value' or "
            "'inferred'",
        "note: keep either {unknown: \"why\"} or {value: ..., inferred: "
        "\"why\"}"}},
      {"{unknown: \"\"}",
       {m + "3:17: error: 'unknown' needs the reason as text",
        "note: say what the source leaves out, e.g. unknown: \"The minutes do "
        "not name the board.\""}},
      {"{value: 2017, inferred: [a]}",
       {m + "3:31: error: 'inferred' needs the reason as text",
        "note: say what the value was inferred from"}},
      {"{value: 2017-02-30, inferred: why}",
       {m + "3:15: error: '2017-02-30' is not a date",
        "note: February 2017 has 28 days"}},
      {"{value: 2017-02-3, inferred: why}",
       {m + "3:15: error: '2017-02-3' is not a date",
        "note: write a date as 2017, 2017-02 or 2017-02-16"}},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.date);
    EXPECT_EQ(
        LoadOne("content/meetings/m.md",
                std::string("---\nid: m\ndate: ") + c.date + "\n---\n", true),
        c.printed);
  }
}

TEST_F(RecordLoaderTest, MissingSiteYamlStopsTheLoad) {
  with_site_yaml_ = false;
  Add("content/people/p.yaml", "id: p\nname: P\n");
  EXPECT_EQ(Load(), (Lines{"site.yaml: error: cannot read site.yaml: No such "
                           "file or directory",
                           "note: run scrutineer in a site folder, or pass "
                           "--source DIR"}));
  EXPECT_FALSE(loaded_);
  EXPECT_TRUE(site_.records.empty());
}

TEST_F(RecordLoaderTest, ReportsSiteYamlSettingsButGoesOn) {
  with_site_yaml_ = false;
  Add("site.yaml",
      "titel: T\nbase_url: https://example.gov.uk/scrutiny\n"
      "allow_raw_html: maybe\nlanguage: [en]\nzzz-qqq: 1\n");
  Add("content/people/p.yaml", "id: p\nname: P\n");
  EXPECT_EQ(Load(),
            (Lines{"site.yaml:1:1: error: missing required setting 'title'",
                   "site.yaml:1:1: error: unknown setting 'titel'",
                   "note: did you mean 'title'?",
                   "site.yaml:3:17: error: setting 'allow_raw_html' must be "
                   "true or false",
                   "site.yaml:4:11: error: setting 'language' must be text",
                   "site.yaml:5:1: error: unknown setting 'zzz-qqq'"}));
  EXPECT_TRUE(loaded_);
  EXPECT_EQ(site_.config.base_url, "https://example.gov.uk/scrutiny/");
  EXPECT_EQ(site_.config.language, "en-GB");
  EXPECT_EQ(Ids(), std::vector<std::string>{"p"});
}

// A site.yaml that does not parse is reported with the records' own
// problems, in one run, as a problem in the content.
TEST_F(RecordLoaderTest, ASiteYamlThatDoesNotParseStillLetsRecordsBeChecked) {
  with_site_yaml_ = false;
  Add("site.yaml", "title: Scrutiny\ntitle: Again\n");
  Add("content/people/p.yaml", "id: p\nname: P\ncolour: red\n");
  Lines lines = Load();
  EXPECT_TRUE(loaded_);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0],
            "content/people/p.yaml:3:1: error: unknown field 'colour' in "
            "person");
  EXPECT_EQ(lines[2], "site.yaml:2:1: error: duplicate key 'title'");
}

// A site with no content/ (renamed, a checkout half done, a link that
// leads nowhere) must not publish an empty site over the last one.
TEST_F(RecordLoaderTest, ASiteWithoutAContentFolderIsAnError) {
  EXPECT_EQ(Load(),
            (Lines{"content: error: the site folder has no content/ folder",
                   "note: records live in content/<kind>/, such as "
                   "content/reviews/; 'scrutineer new review <id>' makes the "
                   "folder and a first record"}));
}

TEST_F(RecordLoaderTest, ReadsEverySiteSetting) {
  with_site_yaml_ = false;
  Add("site.yaml",
      "title: Scrutiny\ndescription: D\nlanguage: cy\n"
      "base_url: https://example.org/s\n"
      "organisation: Wirral Council\nallow_raw_html: true\n");
  Add("content/people/p.yaml", "id: p\nname: P\n");
  EXPECT_EQ(Load(), Lines{});
  EXPECT_EQ(site_.config.title, "Scrutiny");
  EXPECT_EQ(site_.config.description, "D");
  EXPECT_EQ(site_.config.language, "cy");
  EXPECT_EQ(site_.config.base_url, "https://example.org/s/");
  EXPECT_EQ(site_.config.organisation, "Wirral Council");
  EXPECT_TRUE(site_.config.allow_raw_html);
}

}  // namespace
}  // namespace scrutineer

namespace scrutineer {
namespace {

// Hostile files: what Word, PDFs, editors and accidents put in content/.
TEST(RecordLoaderHostileTest, ReportsFilesThatCannotBeRecords) {
  struct Case {
    const char* path;
    std::string text;
    Lines headlines;
  };
  const Case kCases[] = {
      {"content/people/p.yaml",
       "",
       {"content/people/p.yaml:1:1: error: a record must be a map of fields, "
        "found nothing"}},
      {"content/people/p.md",
       "",
       {"content/people/p.md:1:1: error: a Markdown record must start with "
        "front matter"}},
      {"content/people/p.md",
       "---\nid: p\nname: P\n\nSome text.\n",
       {"content/people/p.md:1:1: error: the front matter is not closed"}},
      {"content/people/p.md",
       "--- \r\nid: p\r\n",
       {"content/people/p.md:1:1: error: the front matter is not closed"}},
      {"content/people/p.yaml",
       "id: p\nname: P\nnotes: " + std::string(1024 * 1024, 'x') + "\n",
       {"content/people/p.yaml: error: file is larger than 1 MiB"}},
      {"content/people/p.md",
       "---\nid: p\nname: P\n---\nPasted\x0c page\n",
       {"content/people/p.md:5:7: error: invisible control character U+000C "
        "in the text"}},
      {"content/people/p.yaml",
       "id: p\nname: \xC2\x96 dash\n",
       {"content/people/p.yaml:2:7: error: invisible control character "
        "U+0096 in the text"}},
      {"content/people/p.yaml",
       "id: p\nname: P\n<<: {aliases: [Q]}\n",
       {"content/people/p.yaml:3:1: error: merge keys ('<<') are not allowed "
        "in records"}},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.headlines.front());
    EXPECT_EQ(LoadOne(c.path, c.text, false), c.headlines);
  }
}

TEST_F(RecordLoaderTest, ReadsOldMacLineEndsWithTrueLines) {
  Add("content/reviews/r.md",
      "---\rid: r\rtitle: T\rtitel: x\r---\rBody\rMore\r");
  EXPECT_EQ(Load(/*hints=*/false),
            Lines{"content/reviews/r.md:4:1: error: unknown field 'titel' in "
                  "review"});
  ASSERT_EQ(Ids(), std::vector<std::string>{"r"});
  EXPECT_EQ(*site_.records[0].body, "Body\nMore\n");
  EXPECT_EQ(site_.records[0].body_line, 6);
}

TEST_F(RecordLoaderTest, ReportsMarkdownOverItsLimitsWhereItIsAndDropsIt) {
  std::string deep_body = "Intro.\n\n" + std::string(80, '>') + " deep\n";
  Add("content/reviews/r.md", "---\nid: r\ntitle: T\n---\n" + deep_body);
  std::string wide_notes = "notes: |\n  Text.\n\n  ";
  for (int i = 0; i < 101; ++i) wide_notes += "|a";
  wide_notes += "|\n  ";
  for (int i = 0; i < 101; ++i) wide_notes += "|-";
  wide_notes += "|\n";
  Add("content/people/p.yaml", "id: p\nname: P\n" + wide_notes);
  EXPECT_EQ(Load(),
            (Lines{"content/people/p.yaml:3:8: error: a Markdown table has "
                   "more than 100 columns (line 4 of the text)",
                   "note: split the table into narrower ones",
                   "content/reviews/r.md:7:1: error: Markdown nesting is "
                   "deeper than 32 levels",
                   "note: quotes ('>') and lists nest by their markers and "
                   "indentation; records never need this depth"}));
  // The records stay, so that links to them resolve, but the text that is
  // over the limits is not kept for rendering.
  ASSERT_EQ(Ids(), (std::vector<std::string>{"p", "r"}));
  EXPECT_EQ(site_.records[0].fields->Text("notes"), "");
  EXPECT_EQ(*site_.records[1].body, "");
}

TEST_F(RecordLoaderTest, AddsUpTableCellsOverEveryMarkdownTextOfAFile) {
  // Each text alone is within the limits; the file as a whole is not.
  std::string table = "|a|b|\n|-|-|\n";
  for (int i = 0; i < 10000; ++i) table += "|x|y|\n";
  std::string indented;
  for (size_t start = 0; start < table.size();) {
    size_t end = table.find('\n', start);
    indented += "      " + table.substr(start, end - start + 1);
    start = end + 1;
  }
  std::string review = "---\nid: r\ntitle: T\nrecommendations:\n";
  for (int n = 1; n <= 6; ++n) {
    review += "  - number: " + std::to_string(n) + "\n    text: |\n" + indented;
  }
  review += "---\n";
  Add("content/reviews/r.md", review);
  Lines printed = Load(/*hints=*/false);
  ASSERT_EQ(printed.size(), 1u);
  // Each text holds 20,002 cells: the fifth goes over at its 9,996th row.
  EXPECT_EQ(printed[0],
            "content/reviews/r.md:40022:11: error: the Markdown tables of this "
            "file have more than 100000 cells (line 9998 of the text)");
}

}  // namespace
}  // namespace scrutineer
