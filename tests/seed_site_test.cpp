// Fidelity of the bundled site to the five seed documents: builds the
// repository's own site in memory and checks, page by page, that what a
// reader looks for is there — every recommendation's original text and each
// update column, the Appendix A table row by row, the workshop's timeline and
// attendance, people's other forms of name, and what is inferred or unknown.
//
// The expected phrases are short exact copies from the seeds. When the seeds
// are available (../shared/seeds next to the repository) the test also
// checks that every phrase really occurs in its seed, so the table cannot
// drift from the documents.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline.h"
#include "write/output_tree.h"

namespace scrutineer {
namespace {

namespace fs = std::filesystem;

const char kSeed000[] = "000_658160e3e61dc912.txt";  // Wirral OSC, June 2017
const char kSeed001[] = "001_a78da769981cbf99.txt";  // Wirral Cabinet, 2016
const char kSeed002[] = "002_6bb81eb9cb393f94.txt";  // board minutes, 2017
const char kSeed003[] = "003_8d34e02d8de37271.txt";  // Walsall panel, 2013
const char kSeed004[] = "004_955862789d18fe3c.txt";  // Wirral workshop, 2019

std::string CollapseSpace(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

void AppendUtf8(unsigned long code, std::string* out) {
  if (code < 0x80) {
    *out += static_cast<char>(code);
  } else if (code < 0x800) {
    *out += static_cast<char>(0xC0 | (code >> 6));
    *out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    *out += static_cast<char>(0xE0 | (code >> 12));
    *out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (code >> 18));
    *out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

// HTML (or a seed, which holds some <p>/<i> markup) as the text a reader sees:
// tags dropped (as spaces), entities decoded, whitespace collapsed.
std::string TextOf(const std::string& html) {
  std::string text;
  for (size_t i = 0; i < html.size();) {
    if (html[i] == '<') {
      size_t end = html.find('>', i);
      if (end == std::string::npos) break;
      text += ' ';
      i = end + 1;
    } else if (html[i] == '&') {
      size_t end = html.find(';', i);
      std::string name =
          end == std::string::npos ? "" : html.substr(i + 1, end - i - 1);
      static const std::pair<const char*, const char*> kNamed[] = {
          {"amp", "&"},   {"lt", "<"},   {"gt", ">"},
          {"quot", "\""}, {"apos", "'"}, {"nbsp", " "}};
      bool decoded = false;
      for (const auto& [entity, replacement] : kNamed) {
        if (name == entity) {
          text += replacement;
          decoded = true;
        }
      }
      bool numeric =
          name.size() > 1 && name[0] == '#' &&
          std::all_of(name.begin() + 1 + (name[1] == 'x' || name[1] == 'X'),
                      name.end(), [](char c) {
                        return std::isxdigit(static_cast<unsigned char>(c));
                      });
      if (!decoded && numeric) {
        bool hex = name[1] == 'x' || name[1] == 'X';
        AppendUtf8(std::stoul(name.substr(hex ? 2 : 1), nullptr, hex ? 16 : 10),
                   &text);
        decoded = true;
      }
      if (decoded) {
        i = end + 1;
      } else {
        text += html[i++];
      }
    } else {
      text += html[i++];
    }
  }
  return CollapseSpace(text);
}

std::string Lower(std::string text) {
  for (char& c : text)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// The part of a page from the <h2> whose text is `heading` to the next <h2>.
std::string Section(const std::string& html, const std::string& heading) {
  static const std::regex kH2("<h2[^>]*>([\\s\\S]*?)</h2>");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), kH2);
       it != std::sregex_iterator(); ++it) {
    if (TextOf((*it)[1].str()) != heading) continue;
    size_t start = it->position() + it->length();
    size_t end = html.find("<h2", start);
    return html.substr(
        start, end == std::string::npos ? std::string::npos : end - start);
  }
  return "";
}

std::vector<std::string> Items(const std::string& html,
                               const std::string& tag) {
  std::regex item("<" + tag + "[\\s>][\\s\\S]*?</" + tag + ">");
  std::vector<std::string> out;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), item);
       it != std::sregex_iterator(); ++it) {
    out.push_back(it->str());
  }
  return out;
}

// The repository's own site, built once for the whole suite.
struct BuiltSite {
  Site site;
  OutputTree out;
  bool ok = false;
  std::string messages;
};

const BuiltSite& TheSite() {
  static const BuiltSite* const built = [] {
    auto* result = new BuiltSite;
    DiskFileSystem files(SCRUTINEER_SOURCE_DIR);
    Diagnostics diagnostics;
    result->ok = BuildSite(files, &result->site, &result->out, diagnostics) &&
                 !diagnostics.HasErrors();
    std::ostringstream messages;
    PrintDiagnostics(diagnostics, messages);
    result->messages = messages.str();
    return result;
  }();
  return *built;
}

fs::path SeedPath(const char* name) {
  return fs::path(SCRUTINEER_SOURCE_DIR) / ".." / "shared" / "seeds" / name;
}

bool HaveSeeds() { return fs::exists(SeedPath(kSeed000)); }

// A seed's text as TextOf gives a page's.
std::string Seed(const char* name) {
  std::ifstream in(SeedPath(name));
  std::ostringstream text;
  text << in.rdbuf();
  return TextOf(text.str());
}

std::string Html(const std::string& url) {
  const std::string* page = TheSite().out.Find(url + "index.html");
  EXPECT_NE(page, nullptr) << "no page " << url;
  return page ? *page : "";
}

std::string Text(const std::string& url) { return TextOf(Html(url)); }

class SeedSiteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(TheSite().ok) << "the bundled site does not build cleanly:\n"
                              << TheSite().messages;
  }
};

// One row per recommendation page: phrases from the original text and from
// each update column. An empty update phrase means the document has no
// update in that column, which the page must say.
struct RecommendationCase {
  const char* page;
  const char* seed;
  const char* original;
  const char* update1;
  const char* update2;  // the second update column (Wirral only)
};

// clang-format off
const RecommendationCase kRecommendations[] = {
    // Wirral review, Dec 2015: original / June 2016 / June 2017 (seed 000).
    {"wirral-safeguarding-2015/r1", kSeed000, "continue to develop the MASH concept", "Approximately 500 people attended", "Planned strategic alignment with Safer Wirral Hub co-located at Solar Campus"},
    {"wirral-safeguarding-2015/r2", kSeed000, "such as a combined Gateway and CADT (Central Advice and Duty Team)", "which were implemented on the 9th May 2016", "concerned about a child are effective and efficient"},
    {"wirral-safeguarding-2015/r3", kSeed000, "to provide regular performance data to monitor outcomes", "which provides contemporary data on contacts, referrals, assessments", "Scrutiny will receive regular performance reports at agreed intervals"},
    {"wirral-safeguarding-2015/r4", kSeed000, "including the child, to provide information before and after", "A Young Person's Engagement Officer has been recruited", "There will be two launch days 22 and 28 June"},
    {"wirral-safeguarding-2015/r5", kSeed000, "is reported to family members in a written format", "outline child protection plan within 24 hours of the meeting", "have taken responsibility to ensure that minutes are sent to the family"},
    {"wirral-safeguarding-2015/r6", kSeed000, "investigate the possibility of providing a mechanism", "Website, launched in April 2016", "This information is collated monthly and fed back to the Director"},
    {"wirral-safeguarding-2015/r7", kSeed000, "the originator of a safeguarding concern is informed of the outcome", "It is the role of the MASH manager to ensure feedback", "Professional response forms are now embedded in the contact records"},
    {"wirral-safeguarding-2015/r8", kSeed000, "reinforcing the interpretation and application of the definition", "Over 485 professionals attended", "The activity documented for recommendation 1 also supports recommendation 8"},
    {"wirral-safeguarding-2015/r9", kSeed000, "as robust as those for Foster Carers and Adopters", "Held focus Groups in May 2016 with Special Guardians", "Financial support is reviewed yearly for Special Guardians"},
    {"wirral-safeguarding-2015/r10", kSeed000, "including third sector organisations, are given the opportunity", "has been co-opted on to the development group", "The integrated front door ensures a partnership response in assessments"},
    {"wirral-safeguarding-2015/r11", kSeed000, "work in conjunction with Wirral Clinical Commissioning Group", "The Designated Safeguarding Nurse will ensure that training continues", "GPs are asked for reports and are consistently providing these for Conference"},
    {"wirral-safeguarding-2015/r12", kSeed000, "consider the provision of a reference point for schools within the MASH", "There is currently no single dedicated person in this role within the MASH", "Presentation made to the school Governors Forum"},
    {"wirral-safeguarding-2015/r13", kSeed000, "stronger relationships can be developed between social workers and schools", "Termly meetings with the Primary Cluster Groups and Secondary Heads", "re-issue the professional practice stands"},
    {"wirral-safeguarding-2015/r14", kSeed000, "especially to small organisations in the third sector", "a package of 50 e-learning safeguarding courses", "All training is now advertised on WSCB website"},
    {"wirral-safeguarding-2015/r15", kSeed000, "including the police, regarding child sexual exploitation", "watched Chelsea's Choice along with 2,200 children and young people", "63 Social Care Staff attended"},
    {"wirral-safeguarding-2015/r16", kSeed000, "arrange a follow-up session / workshop to evaluate the effectiveness", "A review of Social Worker pay, progression and retention is currently underway", "There is now the proposal for scrutiny members to undertake Reality Check visits"},
    {"wirral-safeguarding-2015/r17", kSeed000, "develop a mechanism to monitor the caseloads of social workers", "Monthly recruitment rounds for social workers are scheduled", "only a small number of social workers with caseloads above 18"},
    {"wirral-safeguarding-2015/r18", kSeed000, "who are regularly working off-site", "The Windows 7 equipment replacement project commenced in the autumn of 2014", "Consideration is currently being given to further mobile/agile working"},
    {"wirral-safeguarding-2015/r19", kSeed000, "duplication of activity is avoided", "Internal Audit has been requested to perform a review of the inter-connectivity", "the Children's Trust terms of reference and purpose were refreshed"},
    {"wirral-safeguarding-2015/r20", kSeed000, "establishing a protocol of understanding with the Local", "A protocol was established in October 2014", "how scrutiny and the LSCB can work together more effectively"},
    // Walsall Safeguarding Working Group, May 2013: action / Update August 2013 (seed 003).
    {"walsall-safeguarding-wg-2013/r1", kSeed003, "updates on the move to single assessment", "Information being sought from neighbouring and pilot authorities", nullptr},
    {"walsall-safeguarding-wg-2013/r2", kSeed003, "the amount of hours lost by Social Workers", "This report clarified the position regarding Flexi time", nullptr},
    {"walsall-safeguarding-wg-2013/r3", kSeed003, "reconsiders the use of the flexi system for social workers", "were satisfied they had the necessary flexibility for social workers", nullptr},
    {"walsall-safeguarding-wg-2013/r4", kSeed003, "An in depth investigation be undertaken in consultation with all levels of staff", "Some market testing of alternative options has been completed", nullptr},
    {"walsall-safeguarding-wg-2013/r4", kSeed003, "That an options appraisal be produced and submitted", "Strategic options appraisal scheduled to be presented", nullptr},
    {"walsall-safeguarding-wg-2013/r5", kSeed003, "That the workload weighting tool be revisited", "The tool was launched in July 2013 and is being actively used in the CWDT", nullptr},
    {"walsall-safeguarding-wg-2013/r6", kSeed003, "receives regular updates on caseloads", "average 35.9 for 3 teams", nullptr},
    {"walsall-safeguarding-wg-2013/r7", kSeed003, "relocation of social work teams as many buildings are not fit for purpose", "Refer to update on points 7 & 8 below.", nullptr},
    {"walsall-safeguarding-wg-2013/r8", kSeed003, "short, medium and long term vision for social services", "reviewed at the Directorate Capital and Asset Group meetings monthly", nullptr},
    {"walsall-safeguarding-wg-2013/r9", kSeed003, "the Family Room at The Quest be completely refurbished", "The refurbishment of the family room within the Quest was cancelled", nullptr},
    {"walsall-safeguarding-wg-2013/r10", kSeed003, "undertake to establish a social work community", "200 frontline staff from across Children's Services, Health, Police", nullptr},
    {"walsall-safeguarding-wg-2013/r11", kSeed003, "agency workers within Walsall are reluctant to take up permanent positions", "14 firm offers have been made and accepted", nullptr},
    {"walsall-safeguarding-wg-2013/r12", kSeed003, "all social workers be issued with laptops", "ICT have to date issued 197 laptops", nullptr},
    {"walsall-safeguarding-wg-2013/r13", kSeed003, "between schools and the disability team are not lost", "All referrals for CSC, Early Help and CwD now come through the MAST", nullptr},
    {"walsall-safeguarding-wg-2013/r14", kSeed003, "One Off Direct Payment Scheme be revisited", "This piece of work is scheduled for commencement w/c 2nd September 2013", nullptr},
    // The January 2019 workshop's recommendations (seed 004): no update columns.
    {"wirral-cf-osc-workshop-2019-01/r1", kSeed004, "A draft protocol to be produced between the Scrutiny Committee and Wirral Partnership Group", nullptr, nullptr},
    {"wirral-cf-osc-workshop-2019-01/r2", kSeed004, "should receive bi-annual updates from the Wirral Partnership Group", nullptr, nullptr},
    {"wirral-cf-osc-workshop-2019-01/r3", kSeed004, "formalising arrangements whereby Scrutiny could become involved", nullptr, nullptr},
};
// clang-format on

TEST_F(SeedSiteTest, EveryRecommendationPageCarriesEveryColumn) {
  for (const RecommendationCase& c : kRecommendations) {
    SCOPED_TRACE(c.page);
    std::string text = Text(std::string("recommendations/") + c.page + "/");
    EXPECT_NE(text.find(c.original), std::string::npos)
        << "original: " << c.original;
    for (const char* update : {c.update1, c.update2}) {
      if (update == nullptr) continue;
      if (*update == '\0') {
        EXPECT_NE(Lower(text).find("no update"), std::string::npos)
            << "must say it has no update";
      } else {
        EXPECT_NE(text.find(update), std::string::npos) << "update: " << update;
      }
    }
  }
}

TEST_F(SeedSiteTest, PhrasesAreCopiedExactlyFromTheSeeds) {
  if (!HaveSeeds())
    GTEST_SKIP() << "seed texts not found next to the repository";
  for (const RecommendationCase& c : kRecommendations) {
    std::string seed = Seed(c.seed);
    for (const char* phrase : {c.original, c.update1, c.update2}) {
      if (phrase == nullptr || *phrase == '\0') continue;
      EXPECT_NE(seed.find(phrase), std::string::npos)
          << c.page << ": not in the seed: " << phrase;
    }
  }
}

TEST_F(SeedSiteTest, RecommendationCounts) {
  auto count = [](const std::string& prefix) {
    int pages = 0;
    for (const auto& [path, contents] : TheSite().out.files()) {
      if (path.rfind(prefix, 0) == 0 && path.size() > prefix.size() + 11 &&
          path.compare(path.size() - 11, 11, "/index.html") == 0) {
        ++pages;
      }
    }
    return pages;
  };
  EXPECT_EQ(count("recommendations/wirral-safeguarding-2015/r"), 20);
  // 14, as the report counts them: the fourth has parts a) and b).
  EXPECT_EQ(count("recommendations/walsall-safeguarding-wg-2013/r"), 14);
  EXPECT_NE(Html("reviews/walsall-safeguarding-wg-2013/")
                .find("<dt>Recommendations</dt><dd>14</dd>"),
            std::string::npos);
  EXPECT_EQ(count("recommendations/wirral-cf-osc-workshop-2019-01/r"), 3);
  for (int n = 1; n <= 14; ++n) {
    std::string base =
        "recommendations/walsall-safeguarding-wg-2013/r" + std::to_string(n);
    EXPECT_TRUE(TheSite().out.Find(base + "/index.html"))
        << "Walsall recommendation " << n;
  }
}

TEST_F(SeedSiteTest, ReviewShowsItsFiveHeadings) {
  std::string section =
      Section(Html("reviews/wirral-safeguarding-2015/"), "Headings");
  EXPECT_EQ(Items(section, "li").size(), 5u);
  for (const char* heading :
       {"Organisational structure", "Procedures and Processes",
        "Partnership working", "Staffing issues", "Governance arrangements"}) {
    EXPECT_NE(TextOf(section).find(heading), std::string::npos) << heading;
  }
}

TEST_F(SeedSiteTest, WalsallOfficersAndDeadlines) {
  struct Case {
    const char* number;
    std::vector<const char*> phrases;
  };
  const Case kCases[] = {
      {"1", {"Rose Collinson", "Sue Butcher", "Each meeting"}},
      {"2", {"Steve McGowan", "9 August 2013", "20 August 2013"}},
      {"3", {"Steve McGowan", "Head of Human Resources", "9 August 2013"}},
      {"4",
       {"Paul Gordon", "Suzanne Joiner", "8 July 2013", "17 July 2013",
        "b) That an options appraisal"}},
      {"5", {"8 July 2013", "17 July 2013"}},
      {"7", {"Mark Basset"}},
      {"8",
       {"Mark Basset", "Smarter Workplaces Programme Manager",
        "20 August 2013"}},
      {"10", {"Updates included as part of Imp & Perf report."}},
      {"12", {"Martin Sadler", "8 July 2013"}},
      {"14", {"Karl Dipple", "Bernard Cyeswski", "17 July 2013"}},
  };
  for (const Case& c : kCases) {
    std::string text =
        Text(std::string("recommendations/walsall-safeguarding-wg-2013/r") +
             c.number + "/");
    for (const char* phrase : c.phrases) {
      EXPECT_NE(text.find(phrase), std::string::npos)
          << "r" << c.number << ": " << phrase;
    }
  }
}

// Appendix A of the Walsall report, every row and column, as a real table.
// clang-format off
const std::vector<std::vector<std::string>> kAppendixA = {
    {"Corporate Parenting", "Family Placement", "Adoption", "6 (6)", "3(3)", "(1/0)", "2", "15"},
    {"", "", "Family & Friends", "6(5.5)", "3 (3)", "(0/0)", "0", "22.7"},
    {"", "", "Recruitment", "3(2.5)", "1(0.5)", "(0/0)", "0", ""},
    {"", "", "Support", "5(4.5)", "1(1)", "(2/0)", "1", "22.3"},
    {"", "Disabilities", "CWDT", "3(3.0)", "1(1.0)", "(1/0)", "6", "23.9"},
    {"", "", "CP Total", "23 (21.5)", "9(8.5)", "(4/0)", "9", ""},
    {"LAC & TLC", "LAC", "Team 1", "4(4.0)", "2(2.0)", "(1/0)", "1", "19"},
    {"", "", "Team 2", "6(6.0)", "2(0.99)", "(0/0)", "0", "19"},
    {"", "", "Team 3", "4(4.0)", "1(1.0)", "(0/0)", "0", "18"},
    {"", "TLC", "TLC", "1(1.0)", "1(1.0)", "(2/0)", "5", "15"},
    {"", "", "LAC/TLC Total", "15 (15.0)", "6(4.99)", "(3/0)", "10", "18"},
    {"Vulnerable Children", "Initial Response Service", "Team 1", "3 (3.0)", "1(1.0)", "(3/1)", "", "30.3"},
    {"", "", "Team 2", "3 (3.0)", "1 (1.0)", "(2/0)", "", "43.3"},
    {"", "", "Team 3", "6(6.0)", "1 (1.0)", "(1/0)", "", "34.0"},
    {"", "", "IRS total", "12 (12.0)", "3 (3.0)", "(9/2)", "21", "35.9"},
    {"", "Safeguarding Family Support", "SFS 1", "6 (6.0)", "2(2.0)", "(1/0)", "", "25"},
    {"", "", "SFS2", "6(5.81)", "1(0.81)", "(0/1)", "", "22.4"},
    {"", "", "SFS3", "5 (4.50)", "2(1.92)", "(1/0)", "1", "21.5"},
    {"", "", "SFS4", "5(4.81)", "2(2.00)", "(1/0)", "", "20.3"},
    {"", "", "SFS5", "5(5.0)", "2(2.0)", "(1/0)", "", "22.0"},
    {"", "", "SFS6", "3(2.81)", "2(2.0)", "(3/0)", "", "25.0"},
    {"", "", "SFS Total", "30(29.83)", "11(10.73)", "(7/1)", "24", "22.8"},
    {"", "", "VCS Total", "42(40.93)", "14(13.73)", "(16/3)", "45", "27.2"},
    {"Children's Specialist Services (SW/SP)", "", "Total", "80(77.43)", "29(27.22)", "(23/3)", "64", ""},
};
// clang-format on

void ExpectRows(const std::vector<std::vector<std::string>>& rows) {
  EXPECT_EQ(rows.size(), kAppendixA.size());
  for (size_t i = 0; i < std::min(rows.size(), kAppendixA.size()); ++i) {
    EXPECT_EQ(rows[i], kAppendixA[i])
        << "row " << i + 1 << " (" << kAppendixA[i][2] << ")";
  }
}

TEST_F(SeedSiteTest, AppendixAIsATableWithEveryRow) {
  std::string html =
      Html("papers/walsall-cyp-spp-2013-08-20-safeguarding-wg-progress/");
  size_t at = html.find("Caseload Summary");
  ASSERT_NE(at, std::string::npos);
  size_t start = html.find("<table", at);
  ASSERT_NE(start, std::string::npos) << "Appendix A is not a table";
  std::string table = html.substr(start, html.find("</table>", start) - start);
  std::vector<std::vector<std::string>> rows;
  for (const std::string& tr : Items(table, "tr")) {
    std::vector<std::string> cells;
    for (const std::string& td : Items(tr, "td")) cells.push_back(TextOf(td));
    if (!cells.empty()) rows.push_back(cells);
  }
  ExpectRows(rows);
  std::string header = TextOf(table.substr(0, table.find("<td")));
  for (const char* column : {"Service", "Team", "SW Positions Occupied (FTE)",
                             "SP Positions Occupied (FTE)", "Vacancies (SW/SP)",
                             "Agency Staff Nos.", "Avge Caseloads"}) {
    EXPECT_NE(header.find(column), std::string::npos) << column;
  }
}

TEST_F(SeedSiteTest, AppendixAMatchesTheSeed) {
  if (!HaveSeeds())
    GTEST_SKIP() << "seed texts not found next to the repository";
  std::ifstream in(SeedPath(kSeed003));
  std::string line;
  bool in_table = false;
  std::vector<std::vector<std::string>> rows;
  while (std::getline(in, line)) {
    if (line.find("APPENDIX") != std::string::npos) {
      in_table = true;
      continue;
    }
    if (!in_table || line.rfind("Service\t", 0) == 0 ||
        CollapseSpace(line).empty())
      continue;
    std::vector<std::string> cells;
    std::stringstream fields(line);
    for (std::string cell; std::getline(fields, cell, '\t');)
      cells.push_back(CollapseSpace(cell));
    cells.resize(8);
    rows.push_back(cells);
  }
  ExpectRows(rows);
}

struct Milestone {
  const char* date;
  const char* text;
};
// clang-format off
const Milestone kTimeline[] = {
    {"28 January 2019", "OSC Spotlight Session"}, {"31 January 2019", "Consultation ends"},
    {"25 March 2019", "Agreement of Model at Cabinet"}, {"29 March 2019", "Publication of Model"},
    {"1 April 2019", "Introduction of new arrangements in shadow form"},
    {"31 August 2019", "WSCB stands down at midnight"}, {"1 September 2019", "New statutory arrangements in place"},
};
// clang-format on

TEST_F(SeedSiteTest, EveryTimelineDateOnWorkshopAndTimelinePages) {
  for (const char* page :
       {"workshops/wirral-cf-osc-workshop-2019-01/",
        "timelines/wirral-safeguarding-arrangements-2019/"}) {
    std::string text = Text(page);
    for (const Milestone& m : kTimeline) {
      EXPECT_NE(text.find(std::string(m.date) + " " + m.text),
                std::string::npos)
          << page << ": " << m.date;
    }
  }
}

struct Attendee {
  const char* name;
  const char* detail;
};
// clang-format off
const Attendee kAttendance[] = {
    {"Tom Usher", "Chair"}, {"Chris Carubia", "Party Spokesperson"}, {"Chris Meaden", ""},
    {"Kate Cannon", ""}, {"Jean Robinson", ""}, {"Liz Grey", ""},
    {"Maggie Atkinson", "Independent Chair, WCSB"}, {"Paul Boyce", "Corporate Director for Children's services"},
    {"David Robbins", "Business Manages WCSB"}, {"Simone White", "Deputy Director – Children's services"},
    {"Elizabeth Hartley", "Assistant Director: Early Help & Prevention"},
    {"Ian Hassell", "Superintendent – Local Policing Commander"}, {"Nicholas Guntilleke", "Merseyside Police"},
    {"Rachel Wilson", "Merseyside Police"}, {"Lorna Quigley", ""}, {"Sue Fogarty", ""},
    {"Joanne Chwalko", "Wirral Community NHS Trust"}, {"Anna Perrett", "Scrutiny Officer – Children and Families"},
    {"Alexandra Davidson", "Scrutiny Officer – Adult Care & Health"},
};
// clang-format on

TEST_F(SeedSiteTest, WorkshopAttendanceOfNineteen) {
  std::vector<std::string> items = Items(
      Section(Html("workshops/wirral-cf-osc-workshop-2019-01/"), "Attendance"),
      "li");
  ASSERT_EQ(items.size(), 19u);
  for (size_t i = 0; i < items.size(); ++i) {
    std::string text = TextOf(items[i]);
    EXPECT_NE(text.find(kAttendance[i].name), std::string::npos) << text;
    EXPECT_NE(text.find(kAttendance[i].detail), std::string::npos) << text;
  }
  if (HaveSeeds()) {
    std::string seed = Seed(kSeed004);
    for (const Attendee& a : kAttendance)
      EXPECT_NE(seed.find(a.name), std::string::npos) << a.name;
  }
}

TEST_F(SeedSiteTest, DocumentSectionsAreOnTheirPages) {
  struct Case {
    const char* page;
    const char* seed;
    std::vector<const char*> phrases;
  };
  const Case kPages[] = {
      {"papers/wirral-cabinet-2016-03-21-safeguarding/",
       kSeed001,
       {"Making sure our children and young people are safe is perhaps our "
        "most enduring",
        "Cabinet is requested to note the contents and recommendations",
        "presented to the Families and Wellbeing Policy and Performance "
        "Committee in by July 2016",
        "began their review in January 2014", "on 19 January 2016",
        "Julia Hassall", "(0151) 666 4288", "juliahassall@wirral.gov.uk",
        "An equality impact has been done."}},
      {"papers/wirral-cf-osc-2017-06-20-safeguarding-update/",
       kSeed000,
       {"endorse the progress made against the 20 Safeguarding Scrutiny Review "
        "recommendations",
        "captured in the Ofsted Improvement Plan",
        "There are no relevant risks arising directly from this report",
        "9.1 An equality impact assessment has not been completed",
        "Carly Brown", "(0151) 666 4308"}},
      {"papers/walsall-cyp-spp-2013-08-20-safeguarding-wg-progress/",
       kSeed003,
       {"the Scrutiny Panel agreed 14 recommendations",
        "To note progress to date and to endorse proposed management action",
        "Walsall Strategic Improvement Plan for Safeguarding – Updated August "
        "2013",
        "Failure to adequately deliver the requirements of the Improvement "
        "Notice",
        "Staff and partner briefings are now in place on a 6 weekly basis",
        "Rose Collinson", "01922 652081"}},
      {"workshops/wirral-cf-osc-workshop-2019-01/",
       kSeed004,
       {"it was agreed that a workshop session be convened",
        "will be led by thee statutory safeguarding partners",
        "Comprises of the 3 statutory Partners", "Pan-Merseyside Groups",
        "It was agreed that these should continue under the new arrangements",
        "for his hard work in formulating the draft model"}},
      {"meetings/wirral-multi-agency-board-2017/",
       kSeed002,
       {"J Hassall will circulate the papers",
        "It was resolved that the Board noted the report",
        "It was resolved that the Board noted all comments",
        "It was resolved that all agreed to this",
        "E Quesada to lead on organising the working group",
        "No other business", "The meeting was closed at 17.10"}},
  };
  for (const Case& c : kPages) {
    std::string text = Text(c.page);
    std::string seed = HaveSeeds() ? Seed(c.seed) : "";
    for (const char* phrase : c.phrases) {
      EXPECT_NE(text.find(phrase), std::string::npos)
          << c.page << ": " << phrase;
      if (!seed.empty()) {
        EXPECT_NE(seed.find(phrase), std::string::npos)
            << "not in seed: " << phrase;
      }
    }
  }
}

TEST_F(SeedSiteTest, BoardMeetingMarksDateAndBoardAsNotStated) {
  std::string text = Lower(Text("meetings/wirral-multi-agency-board-2017/"));
  EXPECT_NE(text.find("inferred"), std::string::npos);
  EXPECT_TRUE(text.find("not stated") != std::string::npos ||
              text.find("unknown") != std::string::npos);
  EXPECT_NE(text.find("16 february 2017"),
            std::string::npos);  // the evidence for the date
  EXPECT_NE(text.find("13th march"), std::string::npos);
  const Record* meeting = TheSite().site.Find("wirral-multi-agency-board-2017");
  ASSERT_NE(meeting, nullptr);
  const Value* committee = meeting->fields->Find("committee");
  ASSERT_NE(committee, nullptr);
  EXPECT_FALSE(committee->is_scalar())
      << "the board's name is not stated in the minutes";
  const Value* date = meeting->fields->Find("date");
  ASSERT_NE(date, nullptr);
  EXPECT_FALSE(date->is_scalar()) << "the date is not stated in the minutes";
}

TEST_F(SeedSiteTest, PeopleKeepEveryFormOfTheirName) {
  const std::pair<const char*, std::vector<const char*>> kPeople[] = {
      {"julia-hassall", {"J Hassall", "Director of Children's Services"}},
      {"maggie-atkinson", {"M Atkinson", "Dr Maggie Atkinson"}},
      {"chris-meaden", {"Cllr Meaden"}},
      {"tony-smith",
       {"Cllr Smith", "Councillor Tony Smith",
        "Cabinet Member - Children and Families"}},
  };
  for (const auto& [id, names] : kPeople) {
    std::string text = Text(std::string("people/") + id + "/");
    for (const char* name : names)
      EXPECT_NE(text.find(name), std::string::npos) << id << ": " << name;
  }
  // The short forms in the minutes link to the one person record.
  std::string minutes = Html("meetings/wirral-multi-agency-board-2017/");
  for (const char* id :
       {"julia-hassall", "maggie-atkinson", "chris-meaden", "tony-smith"}) {
    EXPECT_NE(minutes.find(std::string("people/") + id + "/"),
              std::string::npos)
        << id;
  }
  // Three of those links rest on other documents: the meeting page says
  // they are an inference, and the people's names as the minutes give
  // them are not their aliases (which the open data gives as fact).
  EXPECT_NE(TextOf(minutes).find("that is an inference"), std::string::npos);
  for (const auto& [id, form] : {std::pair{"tony-smith", "Cllr Smith"},
                                 {"chris-meaden", "Cllr Meaden"},
                                 {"maggie-atkinson", "M Atkinson"}}) {
    const Record* person = TheSite().site.Find(id);
    ASSERT_NE(person, nullptr) << id;
    const Value* aliases = person->fields->Find("aliases");
    if (aliases == nullptr) continue;
    for (const Value& alias : aliases->items) EXPECT_NE(alias.text, form) << id;
  }
}

TEST_F(SeedSiteTest, CouncilsNotNamedBesideABodyAreInferred) {
  // The Walsall report never names the council beside its panel or working
  // group, nor the Cabinet report beside Councillor Tony Smith.
  for (const char* id : {"walsall-cyp-spp", "walsall-safeguarding-wg"}) {
    const Record* committee = TheSite().site.Find(id);
    ASSERT_NE(committee, nullptr) << id;
    const Value* organisation = committee->fields->Find("organisation");
    ASSERT_NE(organisation, nullptr) << id;
    EXPECT_FALSE(organisation->Text("inferred").empty()) << id;
  }
  const Record* smith = TheSite().site.Find("tony-smith");
  ASSERT_NE(smith, nullptr);
  const Value* roles = smith->fields->Find("roles");
  ASSERT_TRUE(roles != nullptr && !roles->items.empty());
  const Value* organisation = roles->items[0].Find("organisation");
  ASSERT_NE(organisation, nullptr);
  EXPECT_FALSE(organisation->Text("inferred").empty());
  EXPECT_NE(Lower(Text("committees/walsall-cyp-spp/")).find("inferred"),
            std::string::npos);
}

TEST_F(SeedSiteTest, HistoriesAcrossYearsAreLinked) {
  // Recommendation 16 -> 2017 Reality Check visits -> 2019 workshop
  // endorsement.
  std::string r16 = Html("recommendations/wirral-safeguarding-2015/r16/");
  EXPECT_NE(TextOf(r16).find("Reality Check visits"), std::string::npos);
  EXPECT_NE(r16.find("workshops/wirral-cf-osc-workshop-2019-01/"),
            std::string::npos);
  std::string workshop = Html("workshops/wirral-cf-osc-workshop-2019-01/");
  EXPECT_NE(workshop.find("recommendations/wirral-safeguarding-2015/r16/"),
            std::string::npos);
  // Recommendation 20 -> the workshop's draft protocol.
  EXPECT_NE(Html("recommendations/wirral-safeguarding-2015/r20/")
                .find("wirral-cf-osc-workshop-2019-01/r1/"),
            std::string::npos);
  EXPECT_NE(Html("recommendations/wirral-cf-osc-workshop-2019-01/r1/")
                .find("wirral-safeguarding-2015/r20/"),
            std::string::npos);
  // Cross-references inside the 2017 update stay links.
  EXPECT_NE(Html("recommendations/wirral-safeguarding-2015/r8/")
                .find("wirral-safeguarding-2015/r1/"),
            std::string::npos);
  EXPECT_NE(Html("recommendations/wirral-safeguarding-2015/r20/")
                .find("wirral-safeguarding-2015/r19/"),
            std::string::npos);
  // The cover report is linked to the review it presents.
  EXPECT_NE(Html("papers/wirral-cabinet-2016-03-21-safeguarding/")
                .find("reviews/wirral-safeguarding-2015/"),
            std::string::npos);
}

TEST_F(SeedSiteTest, EveryRecordNamesASeedAsItsSource) {
  static const std::regex kSeedName("00[0-4]_[0-9a-f]{16}\\.txt");
  for (const Record& record : TheSite().site.records) {
    const Record* owner = record.kind == RecordKind::kRecommendation
                              ? TheSite().site.Find(record.parent.value)
                              : &record;
    ASSERT_NE(owner, nullptr) << record.id.value;
    const Value* source = owner->fields->Find("source");
    ASSERT_NE(source, nullptr) << record.id.value << " names no source";
    std::vector<const Value*> names;
    if (source->is_list()) {
      for (const Value& item : source->items) names.push_back(&item);
    } else {
      names.push_back(source);
    }
    for (const Value* name : names) {
      EXPECT_TRUE(std::regex_match(name->text, kSeedName))
          << record.id.value << ": " << name->text;
    }
  }
}

}  // namespace
}  // namespace scrutineer
