#include "load/simple_yaml.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>

#include "load/record_loader.h"
#include "load/source_text.h"
#include "load/yaml_reader.h"

namespace scrutineer {
namespace {

// Everything ReadYaml's caller can see: the result, the diagnostics and
// the tree.
std::string ReadOneWay(std::string_view text, int line_offset, bool fast) {
  Value root;
  Diagnostics diagnostics;
  bool read = fast ? ReadYaml(text, "x.yaml", line_offset, &root, diagnostics)
                   : ReadYamlWithYamlCpp(text, "x.yaml", line_offset, &root,
                                         diagnostics);
  std::string result = read ? "read " : "not read ";
  for (const Diagnostic& diagnostic : diagnostics.Sorted()) {
    result += FormatDiagnosticHeadline(diagnostic) + "\n";
  }
  return result + DescribeTree(root);
}

// Reads `text` with and without the fast path, which must make no
// difference. Returns whether the fast path took it.
bool ReadBothWays(std::string_view text, int line_offset = 0) {
  EXPECT_EQ(ReadOneWay(text, line_offset, true),
            ReadOneWay(text, line_offset, false))
      << text;
  Value value;
  return ReadSimpleYaml(text, "x.yaml", line_offset, &value);
}

TEST(SimpleYamlTest, ReadsTheShapesRecordsAreWrittenIn) {
  EXPECT_TRUE(ReadBothWays("id: a\ntitle: A title\n"));
  EXPECT_TRUE(ReadBothWays("id: a\ntitle: \"Quoted: with a colon\"\n"));
  EXPECT_TRUE(ReadBothWays("id: a\ntitle: 'it''s' # a comment\n"));
  EXPECT_TRUE(ReadBothWays("date: 2014-07-05\nurl: https://x.org/a#b\n"));
  EXPECT_TRUE(ReadBothWays("owners:\n  - a\n  - b\nnext: c\n"));
  EXPECT_TRUE(ReadBothWays("owners:\n- a\n- b\nnext: c\n"));
  EXPECT_TRUE(ReadBothWays(
      "recs:\n  - number: 1\n    text: |\n      Para one.\n\n      - item\n"
      "        more\n    owners:\n      - person: p\n        as_written: "
      "\"J Hughes\"\n  - number: 2\n"));
  EXPECT_TRUE(ReadBothWays("text: |-\n  one\n  two\n\n\nafter: x\n"));
  EXPECT_TRUE(ReadBothWays("# heading comment\n\nid: a # trailing\n"));
  EXPECT_TRUE(ReadBothWays("a: ~\nb: null\nc: Null\nd: NULL\ne: nil\n"));
  EXPECT_TRUE(ReadBothWays("a:\n  b:\n    c: d\n", 1));
  EXPECT_TRUE(ReadBothWays("a: caf\xC3\xA9 \xE2\x80\x94 na\xC3\xAFve\n"));
  EXPECT_TRUE(ReadBothWays("a: x\nb: y"));  // no final line break
  EXPECT_TRUE(ReadBothWays("- a\n- b: c\n  d: e\n-\n  - f\n"));
  EXPECT_TRUE(ReadBothWays("a: [x, y z,w]\nb: []\nc: {}\n"));
  // Found by the fuzzer: brackets in plain text count towards the depth
  // limit that is checked before either reader runs.
  ReadBothWays("id: c-" + std::string(70, '[') + "x\n");
  EXPECT_FALSE(ReadBothWays("- { n: 0,t : x? y }\n"));  // '?' opens a key
  EXPECT_TRUE(ReadBothWays("h:\n  - { number: 1, title: Two words }\n"));
}

// Every map, list and text in `value` and below holds no spare room.
void ExpectMadeAtItsSize(const Value& value, const std::string& where) {
  EXPECT_EQ(value.entries.capacity(), value.entries.size()) << where;
  EXPECT_EQ(value.items.capacity(), value.items.size()) << where;
  // Texts of up to 15 bytes are kept inside the string itself.
  EXPECT_EQ(value.text.capacity(), std::max<size_t>(value.text.size(), 15))
      << where << ": " << value.text;
  for (size_t i = 0; i < value.items.size(); ++i) {
    ExpectMadeAtItsSize(value.items[i], where + "/" + std::to_string(i));
  }
  for (const MapEntry& entry : value.entries) {
    ExpectMadeAtItsSize(entry.value, where + "/" + entry.key);
  }
}

TEST(SimpleYamlTest, MakesEveryMapListAndTextAtItsSize) {
  // The records are kept for the whole build: nothing grown by doubling.
  const char* text =
      "id: a-record-with-an-id-long-enough-for-the-heap\n"
      "title: 'It''s a title long enough not to fit in place'\n"
      "quoted: \"a double-quoted text, long enough for the heap\"\n"
      "tags: [first-tag, second-tag, third-tag, fourth-tag, fifth-tag]\n"
      "place: { number: 1, title: Structure, heading: 3 }\n"
      "recommendations:\n"
      "  - number: 1\n"
      "    text: |\n"
      "      A literal block of text that is long enough,\n"
      "\n"
      "      with a blank line and a second paragraph.\n"
      "    owners:\n"
      "      - person: someone\n"
      "      - person: someone-else\n"
      "        as_written: S Else\n"
      "      - person: a-third-person\n"
      "  - number: 2\n"
      "    text: |-\n"
      "      A stripped literal block, long enough to be on the heap.\n"
      "\n"
      "notes:\n"
      "- one item at the map's own indent, long enough\n"
      "- another item\n"
      "- a third\n"
      "after: the end\n";
  ASSERT_TRUE(ReadBothWays(text));
  Value value;
  ASSERT_TRUE(ReadSimpleYaml(text, "x.yaml", 0, &value));
  ASSERT_EQ(value.entries.size(), 8u);
  ExpectMadeAtItsSize(value, "");
}

TEST(SimpleYamlTest, LeavesEverythingElseToYamlCpp) {
  const char* others[] = {
      "",                              // empty
      "just text\n",                   // not a map
      "a: [1, [2]]\n",                 // nested flow list
      "a: {b: \"c\"}\n",               // quotes in a flow map
      "a: [b,\n  c]\n",                // flow list over two lines
      "a: [b, ]\n",                    // trailing comma
      "a: \"esc\\n\"\n",               // escape
      "a: >\n  folded\n",              // folded text
      "a: |+\n  kept\n",               // keep chomping
      "a: |2\n   indented\n",          // indentation indicator
      "a: &x b\nc: *x\n",              // anchor and alias
      "a: !tag b\n",                   // tag
      "a: two\n  lines\n",             // plain text over two lines
      "a: \"two\n  lines\"\n",         // quoted text over two lines
      "a: b\na: c\n",                  // duplicate key
      "a:\tb\n",                       // tab
      "a: b\r\nc: d\r\n",              // carriage return
      "a:\nb: c\n",                    // empty value
      "---\na: b\n",                   // document marker
      "a: b\n---\nc: d\n",             // second document
      "a: b: c\n",                     // ': ' inside plain text
      "a: b\n  c: d\n",                // indented under text
      "a:\n  - b\n c: d\n",            // indent between two levels
      "my key: x\n",                   // key with a space
      "<<: x\n",                       // merge key
      "a: |\n\n",                      // empty block
      "? a\n: b\n",                    // explicit key
      "a: -1\n",                       // leading indicator
  };
  for (const char* text : others) {
    Value value;
    EXPECT_FALSE(ReadSimpleYaml(text, "x.yaml", 0, &value)) << text;
  }
}

// Every record the repository and its tests hold: its own site, the test
// sites and the hostile cases, front matter and all.
TEST(SimpleYamlTest, AgreesWithYamlCppOnEveryRecordInTheRepository) {
  namespace fs = std::filesystem;
  size_t files = 0;
  size_t taken = 0;
  for (const char* folder : {"content", "tests/sites", "tests/hostile"}) {
    fs::path root = fs::path(SCRUTINEER_SOURCE_DIR) / folder;
    if (!fs::exists(root)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      std::string extension = entry.path().extension().string();
      if (!entry.is_regular_file() ||
          (extension != ".md" && extension != ".yaml")) {
        continue;
      }
      std::ifstream in(entry.path(), std::ios::binary);
      std::string text = NormalizeLineEnds(
          std::string(std::istreambuf_iterator<char>(in), {}));
      if (!DescribeTextProblem(text).empty()) continue;
      std::string_view yaml = text;
      int line_offset = 0;
      if (extension == ".md") {
        std::string_view body;
        int body_line = 0;
        if (!SplitFrontMatter(text, &yaml, &body, &body_line)) continue;
        line_offset = 1;
      }
      ++files;
      SCOPED_TRACE(entry.path().string());
      if (ReadBothWays(yaml, line_offset)) ++taken;
    }
  }
  ASSERT_GT(files, 100u);
  // Most records are plain; if this falls, the fast path has stopped
  // helping (the seed records use flow lists, and hostile cases are odd).
  EXPECT_GT(taken * 2, files) << taken << " of " << files;
}

// Random documents built from the pieces records are made of, and from the
// pieces that are easy to get wrong: comments, blank lines, spacing, block
// text, quotes, nulls.
std::string RandomDocument(std::mt19937& random) {
  auto pick = [&](int n) { return static_cast<int>(random() % n); };
  const char* keys[] = {"id", "title", "a", "b-c", "d_e", "x1", "null"};
  const char* plains[] = {"text", "two words", "a#b", "x: y",  "null", "~",
                          "2014-07-05", "caf\xC3\xA9", "a:b", "end:", "-x",
                          "[a]", "http://x/#y", "a  b", "it's"};
  const char* quoted[] = {"\"q\"", "\"a: b # c\"", "''", "'it''s'", "\"\"",
                          "'a\"b'", "\"x\" # c", "\"x\"y", "'x' #"};
  const char* flows[] = {"[a, b]", "[]", "{}", "[a,b ,  c]", "{ n: 1 }",
                         "{n: 1, t: two words}", "[a b]", "[a, ]", "{a:b}",
                         "[x] # c", "[x]y", "{ n: 1, n: 2 }", "[null]",
                         "[a: b]", "[a, [b]]", "{ k: }"};
  const char* blocks[] = {"line\n", "one\n\ntwo\n", "  deeper\nback\n",
                          "# not a comment\n", "x\n\n\n", "a: b\n- c\n"};
  std::string out;
  std::function<void(int, int)> map;
  std::function<void(int, int)> list;
  auto value = [&](int indent, int depth, bool in_list) {
    int choice = pick(depth > 3 ? 5 : 8);
    if (choice == 0 || choice == 1) {
      out += std::string(pick(3) == 0 ? 2 : 1, ' ') + plains[pick(15)];
      if (pick(5) == 0) out += " # note";
      out += '\n';
    } else if (choice == 2) {
      out += std::string(" ") +
             (pick(2) == 0 ? quoted[pick(9)] : flows[pick(16)]) + "\n";
    } else if (choice == 3 || choice == 4) {
      out += pick(3) == 0 ? " |-\n" : " |\n";
      int step = 1 + pick(3);
      int lines = 1 + pick(3);
      for (int i = 0; i < lines; ++i) {
        std::string block = blocks[pick(6)];
        size_t start = 0;
        while (start < block.size()) {
          size_t end = block.find('\n', start);
          std::string line = block.substr(start, end - start);
          if (!line.empty() || pick(4) == 0) {
            out += std::string(indent + step, ' ');
          }
          out += line + "\n";
          start = end + 1;
        }
      }
    } else if (choice == 5 || (choice == 6 && !in_list)) {
      out += pick(4) == 0 ? " # c\n" : "\n";
      int step = in_list ? 2 : pick(4) == 0 ? 0 : 1 + pick(3);
      if (step == 0) {
        list(indent, depth + 1);
      } else {
        map(indent + step, depth + 1);
      }
    } else {
      out += "\n";
      list(indent + 1 + pick(2), depth + 1);
    }
    if (pick(8) == 0) out += "\n";
    if (pick(12) == 0) out += std::string(pick(6), ' ') + "# comment\n";
  };
  map = [&](int indent, int depth) {
    int entries = 1 + pick(4);
    for (int i = 0; i < entries; ++i) {
      out += std::string(indent, ' ') + keys[pick(7)] + ":";
      value(indent, depth, false);
    }
  };
  list = [&](int indent, int depth) {
    int items = 1 + pick(3);
    for (int i = 0; i < items; ++i) {
      out += std::string(indent, ' ') + "-";
      if (pick(3) == 0) {
        out += " ";
        int entries = 1 + pick(3);
        for (int j = 0; j < entries; ++j) {
          if (j > 0) out += std::string(indent + 2, ' ');
          out += std::string(keys[pick(7)]) + ":";
          value(indent + 2, depth + 1, false);
        }
      } else {
        value(indent, depth, true);
      }
    }
  };
  map(0, 0);
  return out;
}

TEST(SimpleYamlTest, AgreesWithYamlCppOnRandomDocuments) {
  std::mt19937 random(20261126);
  int taken = 0;
  const int kDocuments = 20000;
  for (int i = 0; i < kDocuments && !HasFailure(); ++i) {
    if (ReadBothWays(RandomDocument(random))) ++taken;
  }
  // Enough are taken for the comparison to mean something.
  EXPECT_GT(taken, kDocuments / 10) << taken;
}

}  // namespace
}  // namespace scrutineer
