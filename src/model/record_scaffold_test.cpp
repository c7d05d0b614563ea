#include "model/record_scaffold.h"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>
#include <string>

#include "load/record_loader.h"
#include "model/field_help.h"
#include "write/file_system.h"

namespace scrutineer {
namespace {

// Loads `text` as content/<folder>/<id>.<ext> of a site with nothing else,
// and returns every problem's message.
std::vector<std::string> LoadProblems(const KindSpec& kind,
                                      const std::string& text) {
  MemoryFileSystem files;
  files.AddFile("site.yaml", "title: Test\n");
  files.AddFile("content/" + std::string(kind.folder) + "/new-record." +
                    std::string(ScaffoldExtension(kind.kind)),
                text);
  Site site;
  Diagnostics diagnostics;
  LoadSite(files, &site, diagnostics);
  std::vector<std::string> messages;
  for (const Diagnostic& d : diagnostics.Sorted()) {
    messages.push_back(d.message);
  }
  return messages;
}

// Deletes the "# " in front of every commented-out field, as a person
// taking up every optional field would.
std::string UncommentEveryField(const std::string& text) {
  static const std::regex kCommentedField("^( *)# ((- )?[a-z_]+:)");
  std::istringstream in(text);
  std::string result;
  for (std::string line; std::getline(in, line);) {
    result += std::regex_replace(line, kCommentedField, "$1$2") + "\n";
  }
  return result;
}

void CollectFieldNames(const ObjectSpec& spec, std::vector<std::string>* out) {
  for (const FieldSpec& field : spec.fields) {
    out->emplace_back(field.name);
    if (field.type == FieldType::kObject) {
      CollectFieldNames(*field.object, out);
    }
  }
}

TEST(RecordScaffoldTest, EveryKindLoadsWithOnlyRequiredFieldsMissing) {
  for (const KindSpec& kind : ContentKinds()) {
    std::string text = ScaffoldRecord(kind, "new-record");
    for (const std::string& message : LoadProblems(kind, text)) {
      EXPECT_EQ(message.rfind("missing required field '", 0), 0u)
          << kind.name << ": " << message << "\n"
          << text;
    }
  }
}

// The commented-out fields are indented where they belong: taking them all
// up gives a record with no unknown field and nothing misplaced.
TEST(RecordScaffoldTest, EveryCommentedFieldIsInItsPlace) {
  for (const KindSpec& kind : ContentKinds()) {
    std::string text = UncommentEveryField(ScaffoldRecord(kind, "new-record"));
    for (const std::string& message : LoadProblems(kind, text)) {
      EXPECT_EQ(message.rfind("missing required field '", 0), 0u)
          << kind.name << ": " << message << "\n"
          << text;
    }
  }
}

TEST(RecordScaffoldTest, NamesEveryFieldOfTheKindWithItsDescription) {
  for (const KindSpec& kind : ContentKinds()) {
    std::string text = ScaffoldRecord(kind, "new-record");
    std::vector<std::string> names;
    CollectFieldNames(*kind.fields, &names);
    for (const std::string& name : names) {
      EXPECT_TRUE(std::regex_search(
          text, std::regex("(^|\\n) *(# )?(- )?" + name + ":")))
          << kind.name << " lacks " << name;
    }
  }
}

TEST(RecordScaffoldTest, ReviewReadsAsATableOfFields) {
  const KindSpec* review = nullptr;
  for (const KindSpec& kind : ContentKinds()) {
    if (kind.kind == RecordKind::kReview) review = &kind;
  }
  ASSERT_NE(review, nullptr);
  std::string text = ScaffoldRecord(*review, "safeguarding-2024");
  EXPECT_EQ(text.rfind("---\n# A new review. Fill in the required fields", 0),
            0u);
  for (const char* line : {
           "\nid: safeguarding-2024\n",
           "\ntitle:                      # required: text\n",
           "\n# committee:                # the id of a committee; or "
           "{value: ..., inferred: \"why\"}, or {unknown: \"why\"}\n",
           "\n# headings:                 # a list, each item a heading\n"
           "  # - number:               # required: a whole number\n"
           "    # title:                # required: text\n",
       }) {
    EXPECT_NE(text.find(line), std::string::npos) << line << "\n" << text;
  }
  EXPECT_EQ(text.substr(text.size() - 4), "---\n");
}

TEST(RecordScaffoldTest, YamlKindsHaveNoFrontMatterAndNullIsQuoted) {
  const KindSpec* person = nullptr;
  for (const KindSpec& kind : ContentKinds()) {
    if (kind.kind == RecordKind::kPerson) person = &kind;
  }
  ASSERT_NE(person, nullptr);
  EXPECT_EQ(ScaffoldExtension(RecordKind::kPerson), "yaml");
  EXPECT_EQ(ScaffoldExtension(RecordKind::kMeeting), "md");
  std::string text = ScaffoldRecord(*person, "null");
  EXPECT_EQ(text.rfind("# A new person.", 0), 0u);
  EXPECT_NE(text.find("\nid: \"null\"\n"), std::string::npos);
}

}  // namespace
}  // namespace scrutineer
