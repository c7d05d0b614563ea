// The open data of a small linked site: JSON per kind with fields as
// written, the CSV tables, Popolo, and the list of files.
#include "render/open_data.h"

#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "link/link_site.h"
#include "load/record_loader.h"
#include "write/file_system.h"

namespace scrutineer {
namespace {

using Json = nlohmann::json;

class OpenDataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    MemoryFileSystem files;
    files.AddFile("site.yaml", "title: Data\nas_at: 2018-01-01\n");
    files.AddFile("content/organisations/council.yaml",
                  "id: council\nname: The Council\nshort_name: TC\n");
    files.AddFile("content/committees/osc.yaml",
                  "id: osc\nname: The OSC\norganisation: council\n"
                  "aliases: [Scrutiny]\n");
    files.AddFile("content/people/pat.yaml",
                  "id: pat\nname: Pat Jones\nhonorific: Cllr\n"
                  "aliases: [P Jones]\nroles:\n"
                  "  - { title: Chair, committee: osc, from: 2017-01 }\n"
                  "  - { title: Councillor, organisation: { value: council, "
                  "inferred: \"its committee's\" } }\n");
    files.AddFile("content/reviews/rev.md",
                  "---\nid: rev\ntitle: Review\ncommittee: osc\n"
                  "reported: 2017-01-15\nheadings:\n"
                  "  - { number: 1, title: Staff }\nrecommendations:\n"
                  "  - { number: 1, heading: 1, text: \"Report, then act.\" }\n"
                  "  - { number: 2a, text: \"=HYPERLINK(\\\"x\\\")\" }\n"
                  "---\n");
    files.AddFile(
        "content/updates/up.md",
        "---\nid: up\nreview: rev\ndate: { value: 2017-06, inferred: cover }\n"
        "meeting: m1\nentries:\n"
        "  - recommendation: 1\n    status: completed\n    text: |\n"
        "      - Done.\n  - { recommendation: 2a }\n---\n");
    files.AddFile("content/meetings/m1.md",
                  "---\nid: m1\ndate: 2017-06-20\ncommittee: osc\n"
                  "attendance:\n  present:\n"
                  "    - { person: pat, as_written: P Jones, role: Chair }\n"
                  "  apologies: [pat]\nactions:\n"
                  "  - { owner: pat, text: Write it up., due: 2017-07 }\n"
                  "---\n");
    Diagnostics diagnostics;
    ASSERT_TRUE(LoadSite(files, &site_, diagnostics));
    LinkSite(&site_, diagnostics);
    ASSERT_FALSE(diagnostics.HasErrors());
    histories_ = TraceHistories(site_);
  }

  const OpenDataFile& FileAt(const std::vector<OpenDataFile>& files,
                             const std::string& path) {
    for (const OpenDataFile& file : files) {
      if (file.path == path) return file;
    }
    ADD_FAILURE() << "no " << path;
    return files.front();
  }

  const CsvTable& Table(const std::vector<NamedCsvTable>& tables,
                        const std::string& name) {
    for (const NamedCsvTable& table : tables) {
      if (table.name == name) return table.table;
    }
    ADD_FAILURE() << "no table " << name;
    return tables.front().table;
  }

  Site site_;
  Histories histories_;
};

TEST_F(OpenDataTest, RecommendationsJsonHoldsFieldsStatusAndHistory) {
  std::vector<OpenDataFile> files = BuildOpenData(site_, histories_);
  const OpenDataFile& file = FileAt(files, "data/recommendations.json");
  Json json = Json::parse(file.contents);
  EXPECT_EQ(json["licence"]["name"], "Open Government Licence v3.0");
  EXPECT_EQ(json["schema"], "schema/recommendation.schema.json");
  EXPECT_EQ(json["as_at"], "2018-01-01");
  ASSERT_EQ(json["records"].size(), 2u);
  EXPECT_EQ(file.count, 2u);
  const Json& first = json["records"][0];
  EXPECT_EQ(first["id"], "rev/r1");
  EXPECT_EQ(first["path"], "recommendations/rev/r1/");
  EXPECT_FALSE(first.contains("url"));  // no base_url
  EXPECT_EQ(first["status"], "completed");
  EXPECT_EQ(first["status_date"], "2017-06");
  EXPECT_EQ(first["last_update"], "up");
  // Fields as written, typed as the content model says.
  EXPECT_EQ(
      first["fields"],
      Json::parse(R"({"number":"1","heading":1,"text":"Report, then act."})"));
  ASSERT_EQ(first["history"].size(), 2u);
  EXPECT_EQ(
      first["history"][0],
      Json::parse(R"({"kind":"made","date":"2017-01-15","record":"rev"})"));
  EXPECT_EQ(first["history"][1],
            Json::parse(R"({"kind":"progress","date":"2017-06","record":"up",
                            "status":"completed","previous_status":"not-stated",
                            "text":"- Done.\n"})"));
  EXPECT_EQ(json["records"][1]["status"], "not-stated");
}

TEST_F(OpenDataTest, UncertainValuesKeepTheirReasons) {
  Json updates = Json::parse(
      FileAt(BuildOpenData(site_, histories_), "data/updates.json").contents);
  EXPECT_EQ(updates["records"][0]["fields"]["date"],
            Json::parse(R"({"value":"2017-06","inferred":"cover"})"));
}

TEST_F(OpenDataTest, EveryKindHasJsonAndASchemaAndEveryFileIsListed) {
  std::vector<OpenDataFile> files = BuildOpenData(site_, histories_);
  std::vector<std::string> paths;
  for (const OpenDataFile& file : files) paths.push_back(file.path);
  for (const char* kind :
       {"review", "recommendation", "update", "meeting", "paper", "workshop",
        "timeline", "committee", "person", "organisation"}) {
    std::string schema = std::string("data/schema/") + kind + ".schema.json";
    EXPECT_NE(std::find(paths.begin(), paths.end(), schema), paths.end())
        << schema;
    EXPECT_EQ(Json::parse(FileAt(files, schema).contents)["$schema"],
              "http://json-schema.org/draft-07/schema#");
  }
  for (const char* name : {"reviews", "recommendations", "updates", "people",
                           "committees", "organisations", "meetings"}) {
    std::string path = std::string("data/") + name + ".json";
    EXPECT_NE(std::find(paths.begin(), paths.end(), path), paths.end()) << path;
  }
  for (const OpenDataFile& file : files) {
    EXPECT_FALSE(file.title.empty()) << file.path;
    EXPECT_FALSE(file.description.empty()) << file.path;
  }
}

TEST_F(OpenDataTest, CsvTablesHaveOneRowPerRecordOrListItem) {
  std::vector<NamedCsvTable> tables = BuildCsvTables(site_, histories_);
  const CsvTable& updates = Table(tables, "updates");
  ASSERT_EQ(updates.rows.size(), 2u);
  EXPECT_EQ(updates.rows[0][0], "up");
  EXPECT_EQ(updates.rows[0][2], "2017-06");
  EXPECT_EQ(updates.rows[0][3], "inferred: cover");
  EXPECT_EQ(updates.rows[0][6], "rev/r1");
  EXPECT_EQ(updates.rows[0][8], "completed");
  EXPECT_EQ(updates.rows[0][10], "- Done.");  // the block's newline dropped
  EXPECT_EQ(updates.rows[1][8], "not-stated");
  const CsvTable& attendance = Table(tables, "attendance");
  ASSERT_EQ(attendance.rows.size(), 2u);
  EXPECT_EQ(
      attendance.rows[0],
      (std::vector<std::string>{"m1", "meeting", "2017-06-20", "present", "pat",
                                "Pat Jones", "P Jones", "Chair", ""}));
  EXPECT_EQ(attendance.rows[1][3], "apologies");
  const CsvTable& actions = Table(tables, "actions");
  ASSERT_EQ(actions.rows.size(), 1u);
  EXPECT_EQ(actions.rows[0],
            (std::vector<std::string>{"m1", "1", "", "pat", "Pat Jones",
                                      "Write it up.", "2017-07", ""}));
  const CsvTable& roles = Table(tables, "roles");
  ASSERT_EQ(roles.rows.size(), 2u);
  EXPECT_EQ(roles.rows[0],
            (std::vector<std::string>{"pat", "Chair", "", "", "osc", "",
                                      "2017-01", "", ""}));
  // An inferred organisation: the id, and why, in the note beside it.
  EXPECT_EQ(roles.rows[1],
            (std::vector<std::string>{"pat", "Councillor", "council",
                                      "inferred: its committee's", "", "", "",
                                      "", ""}));
  const CsvTable& recommendations = Table(tables, "recommendations");
  ASSERT_EQ(recommendations.rows.size(), 2u);
  EXPECT_EQ(recommendations.rows[1][0], "rev/r2a");
  // The CSV text defends the cell a spreadsheet would run.
  std::string text = CsvText(recommendations);
  EXPECT_NE(text.find(",\"'=HYPERLINK(\"\"x\"\")\","), std::string::npos)
      << text;
  EXPECT_EQ(text.find(",=HYPERLINK"), std::string::npos);
}

TEST_F(OpenDataTest, ASinkGetsEachFileAsBuiltWithoutIt) {
  const std::vector<OpenDataFile> kept = BuildOpenData(site_, histories_);
  std::mutex mutex;
  std::map<std::string, std::string> sunk;
  std::vector<OpenDataFile> files = BuildOpenData(
      site_, histories_,
      [&](const std::string& path, std::vector<std::string> pieces) {
        std::lock_guard<std::mutex> lock(mutex);
        EXPECT_TRUE(sunk.emplace(path, JoinPieces(pieces)).second) << path;
      });
  ASSERT_EQ(files.size(), kept.size());
  EXPECT_EQ(sunk.size(), kept.size());
  for (size_t i = 0; i < files.size(); ++i) {
    SCOPED_TRACE(kept[i].path);
    EXPECT_EQ(files[i].path, kept[i].path);
    EXPECT_EQ(files[i].title, kept[i].title);
    EXPECT_EQ(files[i].count, kept[i].count);
    EXPECT_TRUE(files[i].contents.empty());
    EXPECT_FALSE(kept[i].contents.empty());
    EXPECT_EQ(sunk[kept[i].path], kept[i].contents);
  }
}

// Pieces of about kCsvPieceBytes: a large table is never one string.
TEST_F(OpenDataTest, CsvTablePiecesAreTheTextInPiecesOfBoundedSize) {
  const std::vector<NamedCsvTable> tables = BuildCsvTables(site_, histories_);
  Record person = site_.records.front();
  // Enough rows of a table of people to fill several pieces.
  for (const Record& record : site_.records) {
    if (record.kind == RecordKind::kPerson) person = record;
  }
  ASSERT_EQ(person.kind, RecordKind::kPerson);
  Site big = site_;
  const size_t people = 3 * kCsvPieceBytes / 64;
  for (size_t i = 0; i < people; ++i) {
    Record copy = person;
    copy.id.value = "person-" + std::to_string(i);
    big.records.push_back(copy);
  }
  size_t index = tables.size();
  for (size_t i = 0; i < tables.size(); ++i) {
    if (tables[i].name == "people") index = i;
  }
  ASSERT_LT(index, tables.size());
  size_t rows = 0;
  const std::vector<std::string> pieces =
      CsvTablePieces(big, histories_, index, &rows);
  EXPECT_GE(pieces.size(), 3u);
  for (const std::string& piece : pieces) {
    EXPECT_LT(piece.size(), kCsvPieceBytes + 1024);
  }
  size_t text_rows = 0;
  EXPECT_EQ(JoinPieces(pieces),
            CsvTableText(big, histories_, index, &text_rows));
  EXPECT_EQ(rows, text_rows);
  EXPECT_GE(rows, people);
}

TEST_F(OpenDataTest, CsvTableTextIsTheWholeTablesText) {
  const std::vector<NamedCsvTable> tables = BuildCsvTables(site_, histories_);
  for (size_t i = 0; i < tables.size(); ++i) {
    SCOPED_TRACE(tables[i].name);
    size_t rows = 99;
    EXPECT_EQ(CsvTableText(site_, histories_, i, &rows),
              CsvText(tables[i].table));
    EXPECT_EQ(rows, tables[i].table.rows.size());
  }
}

TEST_F(OpenDataTest, PopoloHasPersonsOrganizationsMembershipsAndEvents) {
  Json popolo = Json::parse(BuildPopoloJson(site_));
  EXPECT_EQ(popolo["persons"], Json::parse(R"([{"id":"pat","name":"Pat Jones",
              "honorific_prefix":"Cllr","other_names":[{"name":"P Jones"}],
              "sources":[{"url":"people/pat/",
                          "note":"Scrutineer page of the record"}]}])"));
  ASSERT_EQ(popolo["organizations"].size(), 2u);
  EXPECT_EQ(popolo["organizations"][0]["id"], "osc");
  EXPECT_EQ(popolo["organizations"][0]["classification"], "committee");
  EXPECT_EQ(popolo["organizations"][0]["parent_id"], "council");
  EXPECT_EQ(popolo["memberships"], Json::parse(R"([
              {"id":"pat/role-1","person_id":"pat","role":"Chair",
               "organization_id":"osc","start_date":"2017-01"},
              {"id":"pat/role-2","person_id":"pat","role":"Councillor",
               "organization_id":"council"}])"));
  EXPECT_EQ(popolo["events"][0]["organization_id"], "osc");
  EXPECT_EQ(popolo["events"][0]["start_date"], "2017-06-20");
}

}  // namespace
}  // namespace scrutineer
