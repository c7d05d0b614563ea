// The generated schemas are checked the way an editor would use them: the
// repository's own records, read as a YAML 1.2 editor reads them, must pass,
// and records the loader refuses must fail. The validator below knows the
// keywords the generator writes, and fails the test on any other.
#include "model/json_schema.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "load/record_loader.h"

namespace scrutineer {
namespace {

using Json = nlohmann::json;

// YAML 1.2 core schema: how the YAML language server types plain scalars.
Json ToJson(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence: {
      Json list = Json::array();
      for (const YAML::Node& item : node) list.push_back(ToJson(item));
      return list;
    }
    case YAML::NodeType::Map: {
      Json map = Json::object();
      for (const auto& entry : node) {
        map[entry.first.as<std::string>()] = ToJson(entry.second);
      }
      return map;
    }
    case YAML::NodeType::Scalar: {
      std::string text = node.Scalar();
      if (node.Tag() != "?") return text;  // quoted or a block: a string
      if (std::regex_match(text, std::regex("null|Null|NULL|~|"))) {
        return nullptr;
      }
      if (std::regex_match(text, std::regex("true|True|TRUE"))) return true;
      if (std::regex_match(text, std::regex("false|False|FALSE"))) return false;
      if (std::regex_match(text, std::regex("[-+]?[0-9]+"))) {
        return std::stoll(text);
      }
      if (std::regex_match(text,
                           std::regex("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)"
                                      "([eE][-+]?[0-9]+)?"))) {
        return std::stod(text);
      }
      return text;
    }
    default:
      return nullptr;
  }
}

bool HasType(const Json& value, const std::string& type) {
  if (type == "null") return value.is_null();
  if (type == "boolean") return value.is_boolean();
  if (type == "integer") return value.is_number_integer();
  if (type == "number") return value.is_number();
  if (type == "string") return value.is_string();
  if (type == "array") return value.is_array();
  if (type == "object") return value.is_object();
  ADD_FAILURE() << "unknown type " << type;
  return false;
}

// std::regex is slow to build: each pattern once.
const std::regex& Pattern(const std::string& pattern) {
  static std::map<std::string, std::regex> compiled;
  auto it = compiled.find(pattern);
  if (it == compiled.end()) it = compiled.emplace(pattern, pattern).first;
  return it->second;
}

// Appends "where: why" for each way `value` fails `schema`.
void Validate(const Json& schema, const Json& value, const std::string& where,
              std::vector<std::string>* problems) {
  static const std::set<std::string> kKnown = {
      "$schema",   "title",      "description", "type",
      "enum",      "pattern",    "minimum",     "maximum",
      "minLength", "properties", "required",    "additionalProperties",
      "items",     "anyOf"};
  for (const auto& [keyword, _] : schema.items()) {
    if (!kKnown.count(keyword)) ADD_FAILURE() << "keyword " << keyword;
  }
  if (schema.contains("anyOf")) {
    // When no option fits, the one that got deepest into the value says
    // best what is wrong.
    std::vector<std::string> deepest;
    size_t depth = 0;
    bool any = false;
    for (const Json& option : schema["anyOf"]) {
      std::vector<std::string> option_problems;
      Validate(option, value, where, &option_problems);
      any = any || option_problems.empty();
      size_t option_depth = option_problems.empty()
                                ? 0
                                : option_problems[0]
                                      .substr(0, option_problems[0].find(':'))
                                      .size();
      if (option_depth > depth) {
        depth = option_depth;
        deepest = option_problems;
      }
    }
    if (!any) {
      problems->push_back(where + ": matches no option");
      problems->insert(problems->end(), deepest.begin(), deepest.end());
    }
  }
  if (schema.contains("type")) {
    const Json& type = schema["type"];
    bool ok = false;
    if (type.is_string()) ok = HasType(value, type);
    for (const Json& one : type.is_array() ? type : Json::array()) {
      ok = ok || HasType(value, one);
    }
    if (!ok) {
      problems->push_back(where + ": not " + type.dump());
      return;
    }
  }
  if (schema.contains("enum")) {
    bool found = false;
    for (const Json& option : schema["enum"]) found = found || option == value;
    if (!found) problems->push_back(where + ": not in enum");
  }
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    if (schema.contains("pattern") &&
        !std::regex_search(text, Pattern(schema["pattern"]))) {
      problems->push_back(where + ": does not match " +
                          schema["pattern"].get<std::string>());
    }
    if (schema.contains("minLength") && text.size() < schema["minLength"]) {
      problems->push_back(where + ": too short");
    }
  }
  if (value.is_number()) {
    if (schema.contains("minimum") && value < schema["minimum"]) {
      problems->push_back(where + ": below minimum");
    }
    if (schema.contains("maximum") && value > schema["maximum"]) {
      problems->push_back(where + ": above maximum");
    }
  }
  if (value.is_array() && schema.contains("items")) {
    for (size_t i = 0; i < value.size(); ++i) {
      Validate(schema["items"], value[i], where + "/" + std::to_string(i),
               problems);
    }
  }
  if (value.is_object()) {
    for (const Json& name : schema.value("required", Json::array())) {
      if (!value.contains(name.get<std::string>())) {
        problems->push_back(where + ": missing " + name.get<std::string>());
      }
    }
    const Json properties = schema.value("properties", Json::object());
    for (const auto& [key, item] : value.items()) {
      if (properties.contains(key)) {
        Validate(properties[key], item, where + "/" + key, problems);
      } else if (schema.value("additionalProperties", true) == false) {
        problems->push_back(where + ": unexpected " + key);
      }
    }
  }
}

Json SchemaOf(RecordKind kind) {
  return Json::parse(RecordJsonSchema(SpecOf(kind)));
}

std::vector<std::string> ProblemsOf(RecordKind kind, const std::string& yaml) {
  std::vector<std::string> problems;
  Validate(SchemaOf(kind), ToJson(YAML::Load(yaml)), "", &problems);
  return problems;
}

TEST(JsonSchemaTest, EveryKindIsADraft07ObjectSchemaWithNoExtraFields) {
  Json all = Json::parse(AllRecordJsonSchemas());
  EXPECT_EQ(all["$schema"], "http://json-schema.org/draft-07/schema#");
  for (const KindSpec& kind : ContentKinds()) {
    Json schema = SchemaOf(kind.kind);
    EXPECT_EQ(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    EXPECT_EQ(schema["type"], "object");
    EXPECT_EQ(schema["additionalProperties"], false);
    EXPECT_EQ(schema["required"][0], "id") << kind.name;
    EXPECT_EQ(schema["properties"].size(), kind.fields->fields.size());
    Json bundled = all["definitions"][std::string(kind.name)];
    schema.erase("$schema");
    EXPECT_EQ(bundled, schema) << kind.name;
  }
}

// The repository's own records pass, as an editor would see them.
TEST(JsonSchemaTest, AcceptsEveryRecordOfTheRepositorysSite) {
  namespace fs = std::filesystem;
  int checked = 0;
  for (const KindSpec& kind : ContentKinds()) {
    Json schema = SchemaOf(kind.kind);
    fs::path folder =
        fs::path(SCRUTINEER_SOURCE_DIR) / "content" / std::string(kind.folder);
    if (!fs::is_directory(folder)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
      if (!entry.is_regular_file()) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      std::string contents = text.str();
      std::string_view yaml = contents;
      if (entry.path().extension() == ".md") {
        std::string_view body;
        int body_line = 0;
        ASSERT_TRUE(SplitFrontMatter(contents, &yaml, &body, &body_line))
            << entry.path();
      }
      std::vector<std::string> problems;
      Validate(schema, ToJson(YAML::Load(std::string(yaml))), "", &problems);
      EXPECT_EQ(problems, std::vector<std::string>{}) << entry.path();
      ++checked;
    }
  }
  EXPECT_GT(checked, 50);
}

TEST(JsonSchemaTest, RefusesWhatTheLoaderRefuses) {
  struct Case {
    RecordKind kind;
    const char* yaml;
    const char* problem;
  };
  const Case cases[] = {
      {RecordKind::kOrganisation, "id: x\nnmae: X\n", ": missing name"},
      {RecordKind::kOrganisation, "id: x\nname: X\nnmae: X\n",
       ": unexpected nmae"},
      {RecordKind::kOrganisation, "id: Wirral\nname: X\n",
       "/id: does not match ^[a-z0-9][a-z0-9-]{0,79}$"},
      {RecordKind::kOrganisation, "id: -x\nname: X\n",
       "/id: does not match ^[a-z0-9][a-z0-9-]{0,79}$"},
      {RecordKind::kOrganisation, "id: x\nname:\n", "/name: not "},
      {RecordKind::kTimeline,
       "id: t\ntitle: T\nmilestones:\n  - {date: 2017-13, text: x}\n",
       "/milestones/0/date: matches no option"},
      {RecordKind::kTimeline,
       "id: t\ntitle: T\nmilestones:\n  - {date: 17, text: x}\n",
       "/milestones/0/date: matches no option"},
      {RecordKind::kTimeline,
       "id: t\ntitle: T\nmilestones:\n  - date: {value: 2017, guessed: x}\n"
       "    text: x\n",
       "/milestones/0/date: matches no option"},
      {RecordKind::kTimeline,
       "id: t\ntitle: T\nmilestones:\n  - date: {unknown: \"\"}\n"
       "    text: x\n",
       "/milestones/0/date: matches no option"},
      {RecordKind::kUpdate,
       "id: u\nreview: r\ndate: 2017\nentries:\n  - {recommendation: 1, "
       "status: done}\n",
       "/entries/0/status: not in enum"},
      {RecordKind::kUpdate,
       "id: u\nreview: r\ndate: 2017\nentries:\n  - {recommendation: x1}\n",
       "/entries/0/recommendation: matches no option"},
      {RecordKind::kWorkshop,
       "id: w\ntitle: W\ndate: 2019\nrecommendations:\n  - {number: 1, "
       "text: x, follows: [wirral-2015]}\n",
       "/recommendations/0/follows/0: does not match "
       "^[a-z0-9][a-z0-9-]{0,79}/r"},
      // Leading zeros, as far as an editor can see them: it reads an
      // unquoted 04 as the integer 4, but a quoted "04" as text, and 0 as 0.
      {RecordKind::kWorkshop,
       "id: w\ntitle: W\ndate: 2019\nrecommendations:\n  - {number: \"04\", "
       "text: x}\n",
       "/recommendations/0/number: matches no option"},
      {RecordKind::kWorkshop,
       "id: w\ntitle: W\ndate: 2019\nrecommendations:\n  - {number: 0, "
       "text: x}\n",
       "/recommendations/0/number: matches no option"},
      {RecordKind::kUpdate,
       "id: u\nreview: r\ndate: 2017\nentries:\n  - {recommendation: '01'}\n",
       "/entries/0/recommendation: matches no option"},
      {RecordKind::kWorkshop,
       "id: w\ntitle: W\ndate: 2019\nrecommendations:\n  - {number: 1, "
       "text: x, follows: [wirral-2015/r04]}\n",
       "/recommendations/0/follows/0: does not match "
       "^[a-z0-9][a-z0-9-]{0,79}/r"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> problems = ProblemsOf(c.kind, c.yaml);
    bool found = false;
    for (const std::string& problem : problems) {
      found = found || problem.rfind(c.problem, 0) == 0;
    }
    EXPECT_TRUE(found) << c.yaml << "\ngot:\n"
                       << ::testing::PrintToString(problems);
  }
}

TEST(JsonSchemaTest, AcceptsUncertainPartialAndEmptyOptionalValues) {
  EXPECT_EQ(ProblemsOf(RecordKind::kMeeting,
                       "id: m\ndate: {value: 2017-02, inferred: \"a hint\"}\n"
                       "committee: {unknown: \"not named\"}\ntitle:\n"
                       "attendance: {recorded: false}\n"),
            std::vector<std::string>{});
  EXPECT_EQ(ProblemsOf(RecordKind::kTimeline,
                       "id: t\ntitle: 2019\nsource: [a.txt, b.txt]\n"
                       "milestones:\n  - {date: 2019, text: x}\n"
                       "  - {date: 2019-01-28, text: y, related: [r/r4a]}\n"),
            std::vector<std::string>{});
}

}  // namespace
}  // namespace scrutineer
