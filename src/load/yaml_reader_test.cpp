#include "load/yaml_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace scrutineer {
namespace {

constexpr std::string_view kPath = "content/people/a.yaml";

struct ReadResult {
  bool ok = false;
  Value root;
  // Every diagnostic: its headline, then "note: <hint>" when it has one.
  std::vector<std::string> printed;
};

ReadResult Read(std::string_view text, int line_offset = 0) {
  Diagnostics diagnostics;
  ReadResult result;
  result.ok = ReadYaml(text, kPath, line_offset, &result.root, diagnostics);
  for (const Diagnostic& d : diagnostics.Sorted()) {
    result.printed.push_back(FormatDiagnosticHeadline(d));
    if (!d.hint.empty()) result.printed.push_back("note: " + d.hint);
  }
  EXPECT_EQ(result.ok, !diagnostics.HasErrors()) << text;
  return result;
}

std::string Where(const SourceLocation& location) {
  return std::to_string(location.line) + ":" + std::to_string(location.column);
}

TEST(YamlReaderTest, GivesEveryNestedValueItsOneBasedLineAndColumn) {
  ReadResult result = Read(
      "id: a\n"
      "title: \"Hello\"\n"
      "roles:\n"
      "  - title: Chair\n"
      "    from: 2017\n"
      "  - {title: Member, to: [2018, 2019]}\n");
  ASSERT_TRUE(result.ok);
  const Value& root = result.root;
  ASSERT_TRUE(root.is_map());
  EXPECT_EQ(root.location.path, kPath);
  EXPECT_EQ(Where(root.location), "1:1");
  ASSERT_EQ(root.entries.size(), 3u);
  EXPECT_EQ(root.entries[1].key, "title");
  EXPECT_EQ(Where(root.entries[1].key_location()), "2:1");
  EXPECT_EQ(Where(root.entries[1].value.location), "2:8");  // the quote
  const Value& roles = *root.Find("roles");
  ASSERT_TRUE(roles.is_list());
  ASSERT_EQ(roles.items.size(), 2u);
  EXPECT_EQ(Where(roles.location), "4:3");
  EXPECT_EQ(Where(roles.items[0].entries[1].key_location()), "5:5");
  EXPECT_EQ(Where(roles.items[0].Find("from")->location), "5:11");
  EXPECT_EQ(roles.items[0].Text("from"), "2017");
  const Value& member = roles.items[1];
  EXPECT_EQ(Where(member.location), "6:5");
  EXPECT_EQ(Where(member.entries[0].key_location()), "6:6");
  const Value& to = *member.Find("to");
  ASSERT_EQ(to.items.size(), 2u);
  EXPECT_EQ(Where(to.items[1].location), "6:32");
  EXPECT_EQ(to.items[1].text, "2019");
}

TEST(YamlReaderTest, AddsLineOffsetButNotToColumns) {
  // Front matter: the YAML starts on line 2 of its file, below "---".
  ReadResult result = Read("id: a\nname:\n  Julia Hassall\n", 1);
  ASSERT_TRUE(result.ok);
  EXPECT_EQ(Where(result.root.location), "2:1");
  EXPECT_EQ(Where(result.root.entries[1].key_location()), "3:1");
  EXPECT_EQ(Where(result.root.Find("name")->location), "4:3");
}

TEST(YamlReaderTest, EmptyTextIsNothingAtTheFirstLine) {
  ReadResult result = Read("", 1);
  EXPECT_TRUE(result.ok);
  EXPECT_TRUE(result.root.is_null());
  EXPECT_EQ(Where(result.root.location), "2:1");
}

TEST(YamlReaderTest, KeepsScalarsAsTextAndNotesWhichWereQuoted) {
  struct Case {
    const char* yaml;
    Value::Kind kind;
    const char* text;
    bool quoted;
  };
  const Case kCases[] = {
      {"a: plain words\n", Value::Kind::kScalar, "plain words", false},
      {"a: 2017-02-16\n", Value::Kind::kScalar, "2017-02-16", false},
      {"a: 16\n", Value::Kind::kScalar, "16", false},
      {"a: yes\n", Value::Kind::kScalar, "yes", false},
      {"a: \"2017\"\n", Value::Kind::kScalar, "2017", true},
      {"a: 'it''s'\n", Value::Kind::kScalar, "it's", true},
      {"a: \"say \\\"hi\\\"\"\n", Value::Kind::kScalar, "say \"hi\"", true},
      {"a: ''\n", Value::Kind::kScalar, "", true},
      {"a: |\n  one\n  two\n", Value::Kind::kScalar, "one\ntwo\n", true},
      {"a: >\n  one\n  two\n", Value::Kind::kScalar, "one two\n", true},
      {"a: |\n  no final line break", Value::Kind::kScalar,
       "no final line break\n", true},
      {"a:\n", Value::Kind::kNull, "", false},
      {"a: ~\n", Value::Kind::kNull, "", false},
      {"a: null\n", Value::Kind::kNull, "", false},
      {"a: []\n", Value::Kind::kList, "", false},
      {"a: {}\n", Value::Kind::kMap, "", false},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.yaml);
    ReadResult result = Read(c.yaml);
    ASSERT_TRUE(result.ok);
    const Value* a = result.root.Find("a");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->kind, c.kind);
    EXPECT_EQ(a->text, c.text);
    EXPECT_EQ(a->quoted, c.quoted);
  }
}

TEST(YamlReaderTest, AcceptsOneDocumentWithItsMarkers) {
  for (const char* yaml : {"---\na: 1\n", "a: 1\n...\n", "\"a\": 1\n"}) {
    SCOPED_TRACE(yaml);
    ReadResult result = Read(yaml);
    EXPECT_TRUE(result.ok);
    EXPECT_EQ(result.root.Text("a"), "1");
  }
}

TEST(YamlReaderTest, ReportsWhatRecordsMayNotHold) {
  struct Case {
    const char* yaml;
    int line_offset;
    std::vector<std::string> printed;
  };
  const Case kCases[] = {
      {"a: 1\nb: 2\na: 3\n",
       0,
       {"content/people/a.yaml:3:1: error: duplicate key 'a'",
        "note: it is already set at line 1; keep one of the two"}},
      {"list:\n  - x: 1\n    y: 2\n    x: 3\n",
       1,
       {"content/people/a.yaml:5:5: error: duplicate key 'x'",
        "note: it is already set at line 3; keep one of the two"}},
      {"a: &name 1\n",
       0,
       {"content/people/a.yaml:1:4: error: anchors (&name) are not allowed "
        "in records",
        "note: remove the anchor and write each value out in full"}},
      {"a: 1\nb: *name\n",
       0,
       {"content/people/a.yaml:2:4: error: YAML syntax error: the referenced "
        "anchor is not defined",
        "note: check the indentation and quoting on this line and the one "
        "above"}},
      {"a: &x 1\nb: *x\n",
       0,
       {"content/people/a.yaml:1:4: error: anchors (&name) are not allowed "
        "in records",
        "note: remove the anchor and write each value out in full",
        "content/people/a.yaml:2:4: error: aliases (*name) are not allowed "
        "in records",
        "note: write the value out in full where it is needed"}},
      {"a: 1\n---\nb: 2\n",
       0,
       {"content/people/a.yaml:3:1: error: a second YAML document ('---') in "
        "one record",
        "note: each record is one file; move the second part to a file of "
        "its own"}},
      {"a: !!str 1\n",
       0,
       {"content/people/a.yaml:1:4: error: YAML tags "
        "('tag:yaml.org,2002:str') are not allowed in records",
        "note: remove the tag; the field's type comes from the content "
        "model"}},
      {"a:\n  - !person x\n",
       0,
       {"content/people/a.yaml:2:5: error: YAML tags ('!person') are not "
        "allowed in records",
        "note: remove the tag; the field's type comes from the content "
        "model"}},
      {"? [a, b]\n: c\n",
       0,
       {"content/people/a.yaml:1:3: error: a key must be plain text",
        "note: field names are words like 'title' or 'date'"}},
      {"{[a]: b}\n",
       2,
       {"content/people/a.yaml:3:2: error: a key must be plain text",
        "note: field names are words like 'title' or 'date'"}},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.yaml);
    ReadResult result = Read(c.yaml, c.line_offset);
    EXPECT_FALSE(result.ok);
    EXPECT_EQ(result.printed, c.printed);
  }
}

TEST(YamlReaderTest, KeepsWhatItReadWhenAKeyIsDuplicated) {
  ReadResult result = Read("id: a\nname: A\nname: B\n");
  EXPECT_FALSE(result.ok);
  ASSERT_TRUE(result.root.is_map());
  EXPECT_EQ(result.root.Text("id"), "a");
}

TEST(YamlReaderTest, ReportsSyntaxErrorsOnTheLineAtFault) {
  const std::string kIndentNote =
      "note: check the indentation and quoting on this line and the one above";
  const std::string kTabNote =
      "note: this line is indented with a tab; YAML is indented with spaces "
      "only";
  const std::string kFlowNote =
      "note: a value that starts with '[' or '{' is read as a list or map; "
      "text that starts with a link needs quotes: notes: \"[the review](@id) "
      "says...\"";
  struct Case {
    const char* yaml;
    int line_offset;
    std::vector<std::string> printed;
  };
  const Case kCases[] = {
      {"name:\n  first: A\n second: B\n",
       1,
       {"content/people/a.yaml:4:2: error: YAML syntax error: a map is not "
        "closed (check the indentation)",
        kIndentNote}},
      {"title: x\n  y: z\n",
       0,
       {"content/people/a.yaml:2:4: error: YAML syntax error: unexpected ':' "
        "(a value containing ': ' needs quotes)",
        kIndentNote}},
      {"title: Review: part one\n",
       0,
       {"content/people/a.yaml:1:14: error: YAML syntax error: unexpected ':' "
        "(a value containing ': ' needs quotes)",
        kIndentNote}},
      {"x: - a\n",
       0,
       {"content/people/a.yaml:1:4: error: YAML syntax error: illegal block "
        "entry",
        kIndentNote}},
      {"name:\n\tfirst: A\n",
       0,
       {"content/people/a.yaml:2:7: error: YAML syntax error: unexpected ':' "
        "(a value containing ': ' needs quotes)",
        kTabNote}},
      {"a:\n    - b\n\t- c\n",
       1,
       {"content/people/a.yaml:4:1: error: YAML syntax error: illegal tab "
        "when looking for indentation",
        kTabNote}},
      // Text that starts with a Markdown link is a flow list to YAML.
      {"id: o\nnotes: [The review](@o) says so.\n",
       0,
       {"content/people/a.yaml:2:20: error: YAML syntax error: a map is not "
        "closed (check the indentation)",
        kFlowNote}},
      {"items:\n  - {Note} the date\n",
       0,
       {"content/people/a.yaml:2:12: error: YAML syntax error: a list is "
        "not closed (check the indentation)",
        kFlowNote}},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.yaml);
    ReadResult result = Read(c.yaml, c.line_offset);
    EXPECT_FALSE(result.ok);
    EXPECT_TRUE(result.root.is_null());
    EXPECT_EQ(result.printed, c.printed);
  }
}

// yaml-cpp reads an unclosed quote to the end of the file without complaint
// when the file ends with a line break, and complains at the end of the file
// when it does not: either way the quote that is open is the place to look.
TEST(YamlReaderTest, ReportsAnUnclosedQuoteWhereItOpens) {
  struct Case {
    const char* yaml;
    int line_offset;
    const char* headline;
  };
  const Case kCases[] = {
      {"title: \"Safeguarding\nname: x\n", 0,
       "content/people/a.yaml:1:8: error: quoted text is not closed: the "
       "closing \" is missing"},
      {"title: \"Safeguarding\nname: x", 0,
       "content/people/a.yaml:1:8: error: quoted text is not closed: the "
       "closing \" is missing"},
      {"id: a\ntitle: 'Children''s services\n", 1,
       "content/people/a.yaml:3:8: error: quoted text is not closed: the "
       "closing ' is missing"},
      {"a: \"ends in an escaped quote \\\"\n", 0,
       "content/people/a.yaml:1:4: error: quoted text is not closed: the "
       "closing \" is missing"},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.yaml);
    ReadResult result = Read(c.yaml, c.line_offset);
    EXPECT_FALSE(result.ok);
    ASSERT_EQ(result.printed.size(), 2u);
    EXPECT_EQ(result.printed[0], c.headline);
  }
}

TEST(YamlReaderTest, RefusesDeepFlowNestingWithoutParsingIt) {
  ReadResult result =
      Read("id: a\nrelated: " + std::string(200, '[') + "\n", 1);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.printed,
            (std::vector<std::string>{
                "content/people/a.yaml:3:74: error: nesting is deeper than 64 "
                "levels",
                "note: records never need this depth; check for a runaway "
                "bracket"}));
}

// The depth check skips eight bytes at a time; a bracket at any offset
// within those eight, '{' as well as '[', closing ones too, must count.
TEST(YamlReaderTest, FindsTheBracketPastTheLimitAtEveryOffset) {
  for (size_t pad = 0; pad < 9; ++pad) {
    SCOPED_TRACE(pad);
    std::string yaml = "a:\n  ";
    int line = 2;
    size_t line_start = 3;
    int depth = 0;
    size_t column = 0;
    for (int i = 0; column == 0; ++i) {
      // Text of every length between brackets, a closed pair now and then,
      // and a line break every seventh bracket.
      yaml += std::string((i * 5 + pad) % 11, 'x');
      if (i % 7 == 6) {
        yaml += "\n  ";
        ++line;
        line_start = yaml.size() - 2;
      }
      if (i % 5 == 4) {
        // One deeper, then back, with plain text after the closing brace
        // that runs past the next eight bytes.
        yaml += '{';
        if (depth + 1 > 64) column = yaml.size() - line_start;
        yaml += std::string(i % 3, 'y') + "}" + std::string(9 + pad, 'z');
      }
      yaml += i % 2 == 0 ? '[' : '{';
      if (++depth > 64 && column == 0) column = yaml.size() - line_start;
    }
    ReadResult result = Read(yaml + "\n");
    EXPECT_FALSE(result.ok);
    ASSERT_FALSE(result.printed.empty());
    EXPECT_EQ(result.printed[0],
              "content/people/a.yaml:" + std::to_string(line) + ":" +
                  std::to_string(column) +
                  ": error: nesting is deeper than 64 "
                  "levels");
  }
}

TEST(YamlReaderTest, AcceptsFlowNestingUpToTheLimit) {
  std::string yaml = "a: " + std::string(64, '[') + std::string(64, ']') + "\n";
  EXPECT_TRUE(Read(yaml).ok);
}

TEST(YamlReaderTest, RefusesDeepBlockNestingWithoutCrashing) {
  std::string yaml;
  for (int i = 0; i < 3000; ++i) yaml += "- ";
  yaml += "x\n";
  ReadResult result = Read(yaml);
  EXPECT_FALSE(result.ok);
  ASSERT_EQ(result.printed.size(), 2u);
  EXPECT_EQ(result.printed[0],
            "content/people/a.yaml:1:131: error: nesting is deeper than 64 "
            "levels");
}

TEST(YamlReaderTest, RefusesDeepIndentedNestingAtTheLevelPastTheLimit) {
  std::string yaml;
  for (int i = 0; i < 70; ++i) yaml += std::string(i * 2, ' ') + "k:\n";
  ReadResult result = Read(yaml);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.printed,
            (std::vector<std::string>{
                "content/people/a.yaml:66:131: error: nesting is deeper than "
                "64 levels",
                "note: records never need this depth; check the "
                "indentation"}));
}

// Each of these would take minutes or gigabytes without a limit: a map of
// many keys was checked for duplicates pair by pair, and every value costs
// memory.
TEST(YamlReaderTest, RefusesMoreThanAHundredThousandValues) {
  std::string yaml = "a: [";
  for (int i = 0; i < 150000; ++i) yaml += "x,";
  yaml += "x]\n";
  ReadResult result = Read(yaml);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.printed,
            (std::vector<std::string>{
                "content/people/a.yaml:1:200003: error: more than 100000 "
                "values in one file",
                "note: split the record into smaller ones"}));
}

TEST(YamlReaderTest, FindsDuplicatesAmongManyKeysQuickly) {
  std::string yaml;
  for (int i = 0; i < 40000; ++i) yaml += "k" + std::to_string(i) + ": v\n";
  yaml += "k17: again\n";
  ReadResult result = Read(yaml);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.printed,
            (std::vector<std::string>{
                "content/people/a.yaml:40001:1: error: duplicate key 'k17'",
                "note: it is already set at line 18; keep one of the two"}));
}

TEST(YamlReaderTest, RefusesMergeKeysButNotAQuotedKeyOfThatName) {
  ReadResult merge = Read("a: 1\n<<: {b: 2}\n");
  EXPECT_FALSE(merge.ok);
  EXPECT_EQ(merge.printed,
            (std::vector<std::string>{
                "content/people/a.yaml:2:1: error: merge keys ('<<') are not "
                "allowed in records",
                "note: write each field out in full"}));
  ReadResult alias = Read("a: 1\nb:\n  <<: *base\n");
  EXPECT_FALSE(alias.ok);
  EXPECT_EQ(alias.printed.front(),
            "content/people/a.yaml:3:3: error: merge keys ('<<') are not "
            "allowed in records");
  EXPECT_TRUE(Read("\"<<\": 1\n").ok);
}

TEST(YamlReaderTest, ReportsTextThatIsNotText) {
  struct Case {
    std::string yaml;
    const char* headline;
  };
  const Case kCases[] = {
      {"a: x\nb: Word\x0bline\n",
       "content/people/a.yaml:2:8: error: invisible control character U+000B "
       "in the text"},
      {"a: \x1b[31m\n",
       "content/people/a.yaml:1:4: error: invisible control character U+001B "
       "in the text"},
      {"a: \x7f\n",
       "content/people/a.yaml:1:4: error: invisible control character U+007F "
       "in the text"},
      {"a: \xC2\x85\n",  // NEL, cp1252's ellipsis read as Latin-1
       "content/people/a.yaml:1:4: error: invisible control character U+0085 "
       "in the text"},
      {std::string("a: x\0\n", 7),
       "content/people/a.yaml:1:5: error: NUL byte in a text file"},
      {"a: \xC0\x80\n",  // an overlong NUL
       "content/people/a.yaml:1:4: error: invalid UTF-8 text"},
      {"a: \xED\xBF\xBF\n",  // a low surrogate
       "content/people/a.yaml:1:4: error: invalid UTF-8 text"},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.headline);
    ReadResult result = Read(c.yaml);
    EXPECT_FALSE(result.ok);
    ASSERT_FALSE(result.printed.empty());
    EXPECT_EQ(result.printed[0], c.headline);
  }
}

TEST(YamlReaderTest, ReportsControlCharactersMadeByEscapes) {
  struct Case {
    const char* yaml;
    const char* headline;
  };
  const Case kCases[] = {
      {"a: \"x\\x0by\"\n",
       "content/people/a.yaml:1:4: error: an escape in this text makes "
       "invisible control character U+000B"},
      {"a: \"x\\0y\"\n",
       "content/people/a.yaml:1:4: error: an escape in this text makes NUL "
       "byte"},
      {"a: \"\\e[2J\"\n",
       "content/people/a.yaml:1:4: error: an escape in this text makes "
       "invisible control character U+001B"},
      {"a: \"=1\\r=2\"\n",
       "content/people/a.yaml:1:4: error: an escape in this text makes "
       "invisible control character U+000D"},
      // next line: yaml-cpp writes a bare 0x85 byte, read as U+0085
      {"a: \"\\N\"\n",
       "content/people/a.yaml:1:4: error: an escape in this text makes "
       "invisible control character U+0085"},
      {"a: \"\\uD800\"\n",
       "content/people/a.yaml:1:11: error: YAML syntax error: an escape names "
       "no Unicode character (55296)"},
      {"- \"ok\"\n- \"x\\x01\"\n",
       "content/people/a.yaml:2:3: error: an escape in this text makes "
       "invisible control character U+0001"},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.yaml);
    ReadResult result = Read(c.yaml);
    EXPECT_FALSE(result.ok);
    ASSERT_FALSE(result.printed.empty());
    EXPECT_EQ(result.printed[0], c.headline);
  }
  // Escapes that make text are fine; so are CRLF line ends in a block.
  ReadResult fine =
      Read("a: \"caf\\xe9 \\u20AC \\t tab\\nline\"\r\nb: |\r\n  x\r\n  y\r\n");
  ASSERT_TRUE(fine.ok) << fine.printed.front();
  EXPECT_EQ(fine.root.Text("a"), "caf\xC3\xA9 \xE2\x82\xAC \t tab\nline");
  EXPECT_EQ(fine.root.Text("b"), "x\ny\n");
  // "\_" is a no-break space, which yaml-cpp writes as a bare 0xA0 byte.
  ReadResult nbsp = Read("a: \"Jo\\_Bloggs caf\\xe9\"\n");
  ASSERT_TRUE(nbsp.ok) << nbsp.printed.front();
  EXPECT_EQ(nbsp.root.Text("a"),
            "Jo\xC2\xA0"
            "Bloggs caf\xC3\xA9");
}

TEST(YamlReaderTest, ReadsLoneCarriageReturnsAsLineEnds) {
  ReadResult result = Read("a: 1\rb: two words\rc: 3\r\nd: |\r  x\r  y\r");
  ASSERT_TRUE(result.ok) << result.printed.front();
  EXPECT_EQ(result.root.Text("b"), "two words");
  EXPECT_EQ(result.root.Text("d"), "x\ny\n");
  EXPECT_EQ(Where(result.root.entries[3].key_location()), "4:1");
}

TEST(YamlReaderTest, ReadsHugeScalarsAndLongLinesInLinearTime) {
  std::string long_line = "a: " + std::string(3 * 1024 * 1024, 'x') + "\n";
  ReadResult result = Read(long_line);
  ASSERT_TRUE(result.ok);
  EXPECT_EQ(result.root.Text("a").size(), 3u * 1024 * 1024);
  std::string block = "a: |\n";
  for (int i = 0; i < 100000; ++i) block += "  line of a long minute\n";
  EXPECT_TRUE(Read(block).ok);
}

}  // namespace
}  // namespace scrutineer
