#include "render/templates.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <kainjow/mustache.hpp>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "render/mustache.h"
#include "write/file_system.h"

namespace scrutineer {
namespace {

namespace kj = kainjow::mustache;

// kainjow mustache, the engine TemplateSet replaced, is the reference: what
// it renders for a page, resolving each {{> name}} at render time by parsing
// the partial where it is used, is what TemplateSet must render.
class RuntimePartials : public kj::context<std::string> {
 public:
  RuntimePartials(const kj::data* data, const kj::data* partials)
      : kj::context<std::string>(data), partials_(partials) {}
  const kj::data* get_partial(const std::string& name) const override {
    return partials_->get(name);
  }

 private:
  const kj::data* partials_;
};

kj::data ToKainjow(const TemplateData& data) {
  switch (data.kind()) {
    case TemplateData::type::string:
      return kj::data(std::string(data.string_value()));
    case TemplateData::type::bool_true:
      return kj::data(true);
    case TemplateData::type::bool_false:
      return kj::data(false);
    case TemplateData::type::list: {
      kj::data list{kj::data::type::list};
      for (const TemplateData& item : data.list_value()) {
        list.push_back(ToKainjow(item));
      }
      return list;
    }
    case TemplateData::type::object:
      break;
  }
  kj::data object{kj::data::type::object};
  for (const auto& [key, value] : data.object_value()) {
    object.set(key, ToKainjow(value));
  }
  return object;
}

struct KainjowResult {
  bool valid = true;
  std::string error;  // kainjow's message, when not valid
  std::string html;
};

KainjowResult RenderWithKainjow(
    const std::string& page, const std::map<std::string, std::string>& partials,
    const kj::data& data) {
  kj::data partial_data{kj::data::type::object};
  for (const auto& [name, text] : partials) partial_data.set(name, text);
  kj::mustache compiled(page);
  KainjowResult result;
  if (!compiled.is_valid()) {
    result.valid = false;
    result.error = compiled.error_message();
    return result;
  }
  RuntimePartials context(&data, &partial_data);
  result.html = compiled.render(context);
  return result;
}

KainjowResult RenderWithKainjow(
    const std::string& page, const std::map<std::string, std::string>& partials,
    const TemplateData& data) {
  return RenderWithKainjow(page, partials, ToKainjow(data));
}

struct Loaded {
  bool ok = false;
  std::vector<Diagnostic> diagnostics;
  std::string html;  // of "page", when it loaded
};

// Loads "page" and `partials` into a TemplateSet and renders "page".
Loaded RenderWithTemplateSet(const std::string& page,
                             const std::map<std::string, std::string>& partials,
                             const TemplateData& data) {
  MemoryFileSystem files;
  files.AddFile("templates/page.mustache", page);
  for (const auto& [name, text] : partials) {
    files.AddFile("templates/partials/" + name + ".mustache", text);
  }
  Diagnostics diagnostics;
  TemplateSet templates;
  Loaded loaded;
  loaded.ok = templates.Load(files, {"page"}, diagnostics);
  if (templates.Has("page")) loaded.html = templates.Render("page", data);
  loaded.diagnostics = diagnostics.Sorted();
  return loaded;
}

TemplateData SampleData() {
  TemplateData leaf;
  leaf.set("name", std::string("leaf"));
  // Without its own empty list a leaf would see its parent's children.
  leaf.set("children", TemplateData{TemplateData::type::list});
  TemplateData children{TemplateData::type::list};
  children.push_back(leaf);
  TemplateData branch;
  branch.set("name", std::string("branch"));
  branch.set("children", children);
  TemplateData tree{TemplateData::type::list};
  tree.push_back(branch);

  TemplateData items{TemplateData::type::list};
  for (const char* title : {"One & two", "Three"}) {
    TemplateData item;
    item.set("title", std::string(title));
    item.set("href", std::string("a/") + title[0] + "/");
    items.push_back(item);
  }
  TemplateData record;
  record.set("title", std::string("\"Quoted\" & 'apostrophes' <b>"));
  TemplateData data;
  data.set("record", record);
  data.set("items", items);
  data.set("children", tree);
  data.set("title", std::string("<Page>"));

  data.set("flag_true", true);
  data.set("flag_false", false);
  data.set("empty_text", "");
  data.set("blank", " \t");
  data.set("empty_list", TemplateData{TemplateData::type::list});
  data.set("special", "& < > \" ' é");
  TemplateData tags{TemplateData::type::list};
  tags.push_back("x");
  tags.push_back("<y>");
  data.set("tags", tags);
  // `a.b` resolves in `outer` only: `inner` has an `a` without a `b`.
  TemplateData with_b;
  with_b.set("b", "outer b");
  TemplateData outer;
  outer.set("a", with_b);
  TemplateData inner;
  inner.set("a", TemplateData{});
  data.set("outer", outer);
  data.set("inner", inner);
  data.set("a", with_b);
  data.set("newline", "\n");
  return data;
}

struct Case {
  const char* name;
  const char* page;
  std::map<std::string, std::string> partials;
  const char* expected;
};

// Each case must render `expected`, and kainjow must agree.
void ExpectCases(const std::vector<Case>& cases) {
  TemplateData data = SampleData();
  for (const Case& test : cases) {
    Loaded ours = RenderWithTemplateSet(test.page, test.partials, data);
    ASSERT_TRUE(ours.ok) << test.name;
    EXPECT_EQ(ours.html, test.expected) << test.name;
    KainjowResult reference = RenderWithKainjow(test.page, test.partials, data);
    ASSERT_TRUE(reference.valid) << test.name;
    EXPECT_EQ(ours.html, reference.html) << test.name;
  }
}

TEST(TemplateSetTest, PartialsRenderAsIfResolvedWhereUsed) {
  ExpectCases({
      {"inline in a section",
       "<ul>{{#items}}<li>{{> link}}</li>{{/items}}</ul>",
       {{"link", "<a href=\"{{href}}\">{{title}}</a>"}},
       "<ul><li><a href=\"a/O/\">One &amp; two</a></li>"
       "<li><a href=\"a/T/\">Three</a></li></ul>"},
      {"standalone lines",
       "<ul>\n{{#items}}\n{{> item}}\n{{/items}}\n</ul>\n",
       {{"item", "<li>{{title}}</li>\n"}},
       "<ul>\n<li>One &amp; two</li>\n\n<li>Three</li>\n\n</ul>\n"},
      {"nested partials",
       "{{> outer}}|",
       {{"outer", "[{{> inner}}]"}, {"inner", "{{title}}"}},
       "[&lt;Page&gt;]|"},
      {"whitespace in the tag",
       "{{>  link }}",
       {{"link", "{{{title}}}"}},
       "<Page>"},
      {"recursive partial",
       "{{> node}}",
       {{"node", "{{#children}}({{name}}{{> node}}){{/children}}"}},
       "(branch(leaf))"},
      {"changed delimiters",
       "{{=<% %>=}}<% title %><%> link%>",
       {{"link", "{{title}}"}},
       "&lt;Page&gt;&lt;Page&gt;"},
      {"dotted names, from inner sections outwards",
       "{{record.title}}|{{#items}}{{record.title}}/{{title}};{{/items}}|"
       "{{record.}}{{.record}}{{record..title}}{{record.none}}|",
       {},
       "&quot;Quoted&quot; &amp; &apos;apostrophes&apos; &lt;b&gt;|"
       "&quot;Quoted&quot; &amp; &apos;apostrophes&apos; &lt;b&gt;/One &amp; "
       "two;&quot;Quoted&quot; &amp; &apos;apostrophes&apos; &lt;b&gt;/Three;"
       "||"},
      {"partial text that would make a tag with the page's",
       "{{> brace}}{title}}",
       {{"brace", "{"}},
       "{{title}}"},
      {"partial ending in a line end",
       "{{#flag_true}}\n{{> line}}{{/flag_true}}\n",
       {{"line", "text\n"}},
       "text\n"},
  });
}

TEST(TemplateSetTest, RendersEachKindOfTag) {
  ExpectCases({
      {"escaped", "{{title}}", {}, "&lt;Page&gt;"},
      {"escaped, spaces in the tag", "{{  title\t}}", {}, "&lt;Page&gt;"},
      {"raw", "{{{title}}}", {}, "<Page>"},
      {"raw, spaces in the tag", "{{{ title }}}", {}, "<Page>"},
      {"raw with &", "{{& title}}|{{&title}}", {}, "<Page>|<Page>"},
      {"missing", "[{{missing}}][{{{missing}}}][{{& missing}}]", {}, "[][][]"},
      {"empty name", "[{{}}][{{ }}]", {}, "[][]"},
      {"list section",
       "{{#items}}[{{title}}]{{/items}}",
       {},
       "[One &amp; two][Three]"},
      {"object section",
       "{{#record}}{{title}}{{/record}}",
       {},
       "&quot;Quoted&quot; &amp; &apos;apostrophes&apos; &lt;b&gt;"},
      {"true and false sections",
       "{{#flag_true}}yes{{/flag_true}}{{#flag_false}}no{{/flag_false}}",
       {},
       "yes"},
      {"a string section renders once, with the string innermost",
       "{{#title}}[{{.}}]{{/title}}",
       {},
       "[&lt;Page&gt;]"},
      {"an empty string is true, as in kainjow",
       "{{#empty_text}}empty{{/empty_text}}{{^empty_text}}none{{/empty_text}}",
       {},
       "empty"},
      {"an empty object is true", "{{#inner.a}}yes{{/inner.a}}", {}, "yes"},
      {"empty and missing sections",
       "{{#empty_list}}x{{/empty_list}}{{#missing}}y{{/missing}}",
       {},
       ""},
      {"inverted",
       "{{^flag_false}}a{{/flag_false}}{{^empty_list}}b"
       "{{/empty_list}}{{^missing}}c{{/missing}}{{^flag_true}}d{{/flag_true}}"
       "{{^items}}e{{/items}}{{^title}}f{{/title}}",
       {},
       "abc"},
      {"comment", "a{{! a comment }}b{{!\nmore\n}}c", {}, "abc"},
      {"implicit iterator",
       "{{#tags}}[{{.}}|{{{.}}}]{{/tags}}",
       {},
       "[x|x][&lt;y&gt;|<y>]"},
      {"implicit iterator over objects renders nothing",
       "{{#items}}[{{.}}]{{/items}}",
       {},
       "[][]"},
      {"booleans, lists and objects render nothing as variables",
       "[{{flag_true}}|{{flag_false}}|{{items}}|{{record}}|{{{items}}}]",
       {},
       "[||||]"},
      {"changed delimiters and back",
       "{{=<% %>=}}<% title %>{{title}}<%={{ }}=%>{{title}}",
       {},
       "&lt;Page&gt;{{title}}&lt;Page&gt;"},
      {"delimiters without braces keep {{{ as text",
       "{{=| |=}}|{title}|",
       {},
       ""},
      {"four braces", "{{{{title}}}}", {}, "}"},
      {"braces that are no tag", "{ } }} {title}", {}, "{ } }} {title}"},
      {"nested sections",
       "{{#items}}{{#tags}}{{title}}{{.}};{{/tags}}"
       "{{/items}}",
       {},
       "One &amp; twox;One &amp; two&lt;y&gt;;Threex;"
       "Three&lt;y&gt;;"},
  });
}

TEST(TemplateSetTest, EscapesTheFiveCharactersOnly) {
  ExpectCases({
      {"escaped", "{{special}}", {}, "&amp; &lt; &gt; &quot; &apos; é"},
      {"raw", "{{{special}}}", {}, "& < > \" ' é"},
      {"text of the template is never escaped", "<&\"'>", {}, "<&\"'>"},
  });
}

TEST(TemplateSetTest, EscapesEachCharacterWhereverItIsInALongValue) {
  // Values are scanned sixteen bytes at a time: each character to replace
  // is tried at every offset of a block and across blocks' edges, with
  // UTF-8 around it.
  const std::pair<char, std::string> kReplaced[] = {
      {'&', "&amp;"},   {'<', "&lt;"},    {'>', "&gt;"},
      {'"', "&quot;"},  {'\'', "&apos;"}};
  for (const auto& [special, entity] : kReplaced) {
    for (size_t at = 0; at < 40; ++at) {
      const std::string before(at, 'a');
      const std::string after = "\xc3\xa9" + std::string(37, 'z');
      std::string escaped = "kept";
      mustache::AppendEscapedHtml(before + special + after + special,
                                  &escaped);
      EXPECT_EQ(escaped, "kept" + before + entity + after + entity)
          << special << " at " << at;
    }
  }
}

// A string notes, the first time it is escaped, whether it held anything
// to replace; later renders of it (or of a copy, which shares its text) go
// by the note. Raw tags leave no note. The notes change no output,
// whichever thread writes them.
TEST(TemplateSetTest, NotesWhatAStringHeldToEscapeAndRendersItTheSame) {
  using Escapes = TemplateData::Escapes;
  MemoryFileSystem files;
  files.AddFile("templates/raw.mustache", "{{{plain}}}|{{{special}}}");
  files.AddFile("templates/page.mustache", "{{plain}}|{{special}}|{{empty}}");
  Diagnostics diagnostics;
  TemplateSet templates;
  ASSERT_TRUE(templates.Load(files, {"raw", "page"}, diagnostics));
  TemplateData data;
  data.set("plain", "Plain words, and more of them than sixteen");
  data.set("special", "One & two <b>");
  data.set("empty", "");
  const TemplateData& plain = *data.get("plain");
  const TemplateData& special = *data.get("special");
  EXPECT_EQ(plain.html_escapes(), Escapes::unknown);
  EXPECT_EQ(special.html_escapes(), Escapes::unknown);
  EXPECT_EQ(data.get("empty")->html_escapes(), Escapes::none);
  EXPECT_EQ(TemplateData(true).html_escapes(), Escapes::unknown);

  EXPECT_EQ(templates.Render("raw", data),
            "Plain words, and more of them than sixteen|One & two <b>");
  EXPECT_EQ(plain.html_escapes(), Escapes::unknown);
  EXPECT_EQ(special.html_escapes(), Escapes::unknown);

  const std::string expected =
      "Plain words, and more of them than sixteen|One &amp; two &lt;b&gt;|";
  EXPECT_EQ(templates.Render("page", data), expected);
  EXPECT_EQ(plain.html_escapes(), Escapes::none);
  EXPECT_EQ(special.html_escapes(), Escapes::some);
  const TemplateData copy = special;
  EXPECT_EQ(copy.html_escapes(), Escapes::some);

  // Shared by several threads that all render it again.
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        if (templates.Render("page", data) != expected) ++mismatches[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
  EXPECT_EQ(templates.Render("raw", data),
            "Plain words, and more of them than sixteen|One & two <b>");
}

// A render is written in place into the string it appends to, which is
// lengthened a step at a time: what was in the string before stays, and a
// page of many steps (pieces large and small, escaped and not) comes out
// whole and at its exact size.
TEST(TemplateSetTest, AppendsAPageOfManyStepsToWhatTheStringHeld) {
  MemoryFileSystem files;
  files.AddFile("templates/page.mustache",
                "{{#items}}<li>{{name}} {{{raw}}}</li>\n{{/items}}end");
  Diagnostics diagnostics;
  TemplateSet templates;
  ASSERT_TRUE(templates.Load(files, {"page"}, diagnostics));
  TemplateData items{TemplateData::type::list};
  std::string expected = "kept";
  for (int i = 0; i < 3000; ++i) {
    TemplateData item;
    const std::string name = "n" + std::to_string(i) + (i % 7 == 0 ? "&" : "");
    const std::string raw(static_cast<size_t>(i % 97) * (i % 50 == 0 ? 90 : 1),
                          static_cast<char>('a' + i % 26));
    item.set("name", name);
    item.set("raw", raw);
    items.push_back(item);
    expected += "<li>n" + std::to_string(i) + (i % 7 == 0 ? "&amp;" : "") +
                " " + raw + "</li>\n";
  }
  expected += "end";
  TemplateData data;
  data.set("items", items);
  std::string out = "kept";
  templates.RenderTo("page", data, &out);
  EXPECT_EQ(out, expected);
  EXPECT_EQ(out.size(), expected.size());
}

TEST(TemplateSetTest, ResolvesNamesThroughTheContextStack) {
  ExpectCases({
      {"dotted",
       "{{record.title}}",
       {},
       "&quot;Quoted&quot; &amp; &apos;apostrophes&apos; &lt;b&gt;"},
      {"an outer name inside a list",
       "{{#items}}{{title}}<{{record.title}}>{{/items}}",
       {},
       "One &amp; two<&quot;Quoted&quot; &amp; &apos;apostrophes&apos; "
       "&lt;b&gt;>Three<&quot;Quoted&quot; &amp; &apos;apostrophes&apos; "
       "&lt;b&gt;>"},
      {"the innermost name wins",
       "{{#record}}{{#items}}{{title}};{{/items}}{{title}}{{/record}}",
       {},
       "One &amp; two;Three;&quot;Quoted&quot; &amp; &apos;apostrophes&apos; "
       "&lt;b&gt;"},
      // Where the whole of a.b does not resolve in the inner value, the
      // outer values are tried (kainjow's rule; the spec's differs).
      {"a path that fails inside is tried outside",
       "{{#inner}}{{a.b}}{{/inner}}|{{#outer}}{{a.b}}{{/outer}}",
       {},
       "outer b|outer b"},
      {"sections on dotted names",
       "{{#outer.a}}{{b}}{{/outer.a}}",
       {},
       "outer b"},
      {"a trailing dot adds no segment",
       "{{a.}}|{{#a.}}{{b}}{{/a.}}",
       {},
       "|outer b"},
      {"a leading dot or an empty segment finds nothing",
       "{{.a}}|{{outer..a}}|{{outer.a.b.c}}",
       {},
       "||"},
      {"{{.}} at the top is the page data",
       "{{#.}}{{title}}{{/.}}",
       {},
       "&lt;Page&gt;"},
  });
}

// kainjow's rule, which TemplateSet keeps: a line on which a section was
// rendered (or an inverted section was), holding only spaces and tabs
// besides, is dropped with its line end; a skipped section, a comment or a
// partial tag leaves its line.
TEST(TemplateSetTest, DropsStandaloneLinesAsKainjowDoes) {
  ExpectCases({
      {"rendered section",
       "a\n{{#flag_true}}\nb\n{{/flag_true}}\nc",
       {},
       "a\nb\nc"},
      {"skipped section leaves a blank line",
       "a\n{{#flag_false}}\nb\n{{/flag_false}}\nc",
       {},
       "a\n\nc"},
      {"rendered inverted section",
       "a\n{{^missing}}\nb\n{{/missing}}\nc",
       {},
       "a\nb\nc"},
      {"skipped inverted section",
       "a\n{{^flag_true}}\nb\n{{/flag_true}}\nc",
       {},
       "a\n\nc"},
      {"empty list", "a\n{{#empty_list}}\nb\n{{/empty_list}}\nc", {}, "a\n\nc"},
      {"comment", "a\n{{! c }}\nb\n  {{! d }}  \ne", {}, "a\n\nb\n    \ne"},
      {"indented list",
       "a\n  {{#items}}\n  - {{title}}\n  {{/items}}\nb",
       {},
       "a\n  - One &amp; two\n  - Three\nb"},
      {"blank variables on a section line",
       "{{#flag_true}}{{blank}}{{empty_text}}\n{{/flag_true}}x",
       {},
       "x"},
      {"text on a section line is kept",
       "{{#flag_true}}x{{/flag_true}}\n{{#flag_true}} {{/flag_true}}\ny",
       {},
       "x\ny"},
      {"CRLF",
       "a\r\n{{#flag_true}}\r\nb\r\n{{/flag_true}}\r\n",
       {},
       "a\r\nb\r\n"},
      {"CR alone ends a line",
       "a\r{{#flag_true}}\rb\r{{/flag_true}}\r",
       {},
       "a\rb\r"},
      {"the last line, with no line end",
       "x\n  {{#flag_true}}{{/flag_true}} \t",
       {},
       "x\n"},
      {"the last line after a closed section",
       "x\n{{#flag_true}}{{/flag_true}}",
       {},
       "x\n"},
      {"tabs", "\t{{#flag_true}}\t\n{{/flag_true}}", {}, ""},
      {"other whitespace is not blank",
       "\v{{#flag_true}}\n{{/flag_true}}",
       {},
       "\v\n"},
      {"a variable with a line end is not blank",
       "{{#flag_true}}{{newline}}\n{{/flag_true}}",
       {},
       "\n\n"},
      {"partial on its own line",
       "a\n{{> p}}\nb",
       {{"p",
         "{{#flag_true}}"
         "\n{{/flag_true}}"}},
       "a\nb"},
      {"partial tag alone", "a\n{{> empty}}\nb", {{"empty", ""}}, "a\n\nb"},
      {"each item starts a section line",
       "{{#tags}}\n  {{.}}\n{{/tags}}\n",
       {},
       "  x\n  &lt;y&gt;\n"},
  });
}

// Random templates from every kind of tag, text, whitespace and line end,
// valid and not: TemplateSet must accept exactly what kainjow accepts, report
// what kainjow reports, and render the same bytes.
class TemplateGenerator {
 public:
  explicit TemplateGenerator(uint32_t seed) : random_(seed) {}

  std::string Page() {
    std::string text;
    Body(0, "{{", "}}", &text);
    return text;
  }

 private:
  size_t Pick(size_t count) { return random_() % count; }
  template <size_t N>
  const char* PickOf(const char* const (&options)[N]) {
    return options[Pick(N)];
  }

  void Body(int depth, const std::string& open, const std::string& close,
            std::string* out) {
    static const char* const kText[] = {"x",  "word", " ",    "  ",  "\t",
                                        "\n", "\n",   "\r\n", "\r",  "\v",
                                        "{",  "}",    "<&>",  " \n", "\t\n  "};
    static const char* const kNames[] = {
        "title",        "items",   "tags",       "flag_true", "flag_false",
        "empty_text",   "blank",   "empty_list", "missing",   "record",
        "record.title", "a.b",     "outer.a",    "inner.a.b", ".",
        "special",      "newline", "children"};
    size_t pieces = Pick(depth == 0 ? 12 : 6);
    for (size_t i = 0; i < pieces; ++i) {
      size_t kind = Pick(100);
      const char* name = PickOf(kNames);
      if (kind < 35) {
        *out += PickOf(kText);
      } else if (kind < 50) {
        const char* pad = Pick(4) == 0 ? " " : "";
        *out += open + pad + name + pad + close;
      } else if (kind < 56) {
        if (open == "{{") {
          *out += std::string("{{{") + name + "}}}";
        } else {
          *out += open + "& " + name + close;
        }
      } else if (kind < 78 && depth < 4) {
        const char* sigil = Pick(3) == 0 ? "^" : "#";
        *out += open + sigil + name + close;
        Body(depth + 1, open, close, out);
        *out += open + "/" + name + close;
      } else if (kind < 84) {
        *out += open + "! note " + close;
      } else if (kind < 91) {
        *out += open + (Pick(2) ? "> p1" : ">p2") + close;
      } else if (kind < 94 && open == "{{") {
        // The same text with other delimiters, then back.
        *out += "{{=<% %>=}}";
        Body(depth + 1, "<%", "%>", out);
        *out += "<%={{ }}=%>";
      } else if (kind < 96) {
        static const char* const kBroken[] = {"#unclosed", "/unopened",
                                              "=bad=", "=< >", "#a}}x{{/b"};
        *out += open + PickOf(kBroken) + close;
      } else if (kind < 97) {
        *out += open + "unclosed";
      } else {
        *out += PickOf(kText);
      }
    }
  }

  std::mt19937 random_;
};

TEST(TemplateSetTest, RandomTemplatesRenderAsKainjowDoes) {
  const std::map<std::string, std::string> partials = {
      {"p1", "  {{#flag_true}}\n[{{title}}]\n  {{/flag_true}}\n"},
      {"p2", "{{> p1}}{{#tags}}<{{.}}>{{/tags}}\n{{^missing}}\n{{/missing}}"},
  };
  TemplateData data = SampleData();
  int valid = 0;
  for (uint32_t seed = 1; seed <= 3000; ++seed) {
    std::string page = TemplateGenerator(seed).Page();
    KainjowResult reference = RenderWithKainjow(page, partials, data);
    Loaded ours = RenderWithTemplateSet(page, partials, data);
    ASSERT_EQ(ours.ok, reference.valid)
        << "seed " << seed << ": " << page << "\nkainjow: " << reference.error;
    if (!reference.valid) {
      // kainjow stops at its first error and gives a byte offset; TemplateSet
      // reports every error, each at a line and column, with a hint.
      ASSERT_FALSE(ours.diagnostics.empty()) << page;
      for (const Diagnostic& found : ours.diagnostics) {
        EXPECT_FALSE(found.hint.empty()) << page << "\n" << found.message;
      }
      size_t at = reference.error.rfind(" at ");
      ASSERT_NE(at, std::string::npos) << reference.error;
      std::string kainjow_message = reference.error.substr(0, at);
      int line = 0;
      int column = 0;
      mustache::LineAndColumn(page, std::stoul(reference.error.substr(at + 4)),
                              &line, &column);
      const Diagnostic& first = ours.diagnostics.front();
      const Diagnostic& last = ours.diagnostics.back();
      if (kainjow_message.rfind("Unopened section", 0) == 0) {
        // The close tag kainjow stops at, or a wrong close before it.
        EXPECT_TRUE(std::make_pair(first.line, first.column) <=
                    std::make_pair(line, column))
            << page;
      } else if (kainjow_message.rfind("Unclosed section", 0) != 0) {
        // An unclosed tag or a bad delimiter change ends the text for both.
        EXPECT_EQ(last.message, "template error: " + kainjow_message) << page;
        EXPECT_EQ(std::make_pair(last.line, last.column),
                  std::make_pair(line, column))
            << page;
      }
      continue;
    }
    ++valid;
    ASSERT_EQ(ours.html, reference.html) << "seed " << seed << ": " << page;
  }
  EXPECT_GT(valid, 1000);  // most of them test rendering
}

// The names used in a template's tags, split at '.'.
void CollectNames(const std::string& text, std::set<std::string>* names) {
  size_t at = 0;
  while ((at = text.find("{{", at)) != std::string::npos) {
    size_t end = text.find("}}", at);
    if (end == std::string::npos) break;
    std::string tag = text.substr(at + 2, end - at - 2);
    at = end + 2;
    size_t start = tag.find_first_not_of("{#^/&>! \t");
    if (start == std::string::npos) continue;
    tag = tag.substr(start);
    size_t segment_start = 0;
    while (segment_start < tag.size()) {
      size_t dot = std::min(tag.find('.', segment_start), tag.size());
      std::string segment = tag.substr(segment_start, dot - segment_start);
      while (!segment.empty() &&
             (segment.back() == ' ' || segment.back() == '}')) {
        segment.pop_back();
      }
      if (!segment.empty()) names->insert(segment);
      segment_start = dot + 1;
    }
  }
}

// Page data in which every name a template uses has a value of some kind:
// text to escape, blank text, booleans, empty and full lists, objects.
class DataGenerator {
 public:
  DataGenerator(uint32_t seed, std::vector<std::string> names)
      : random_(seed), names_(std::move(names)) {}

  TemplateData Root() { return Object(2, 1); }

 private:
  TemplateData Object(int depth, int one_in) {
    TemplateData object;
    for (const std::string& name : names_) {
      if (random_() % one_in == 0) object.set(name, Value(depth));
    }
    return object;
  }

  TemplateData Value(int depth) {
    switch (random_() % (depth > 0 ? 10 : 6)) {
      case 0:
        return TemplateData("<a href=\"x\">Tom & 'Jerry'</a>");
      case 1:
        return TemplateData("plain");
      case 2:
        return TemplateData(true);
      case 3:
        return TemplateData(false);
      case 4:
        return TemplateData(random_() % 2 ? " " : "");
      case 5:
        return TemplateData{TemplateData::type::list};
      case 6:
      case 7:
        return Object(depth - 1, 4);
      default: {
        TemplateData list{TemplateData::type::list};
        size_t items = 1 + random_() % 2;
        for (size_t i = 0; i < items; ++i) list.push_back(Object(depth - 1, 4));
        return list;
      }
    }
  }

  std::mt19937 random_;
  std::vector<std::string> names_;
};

// Every template in the repository's own templates/ folder, with random data
// of every shape: the same bytes as kainjow.
TEST(TemplateSetTest, RepositoryTemplatesRenderAsKainjowDoes) {
  DiskFileSystem files(SCRUTINEER_SOURCE_DIR);
  Diagnostics diagnostics;
  TemplateSet templates;
  ASSERT_TRUE(templates.Load(files, {"layout"}, diagnostics));
  EXPECT_TRUE(diagnostics.Sorted().empty());

  std::map<std::string, std::string> pages;
  std::map<std::string, std::string> partials;
  std::set<std::string> names;
  for (const std::string& path : files.ListFiles("templates").files) {
    const std::string kSuffix = ".mustache";
    if (path.size() <= kSuffix.size() ||
        path.compare(path.size() - kSuffix.size(), kSuffix.size(), kSuffix)) {
      continue;
    }
    std::string text;
    std::string error;
    ASSERT_TRUE(files.ReadFile(path, &text, &error)) << error;
    CollectNames(text, &names);
    std::string name = path.substr(10, path.size() - 10 - kSuffix.size());
    if (name.rfind("partials/", 0) == 0) {
      partials[name.substr(9)] = text;
    } else {
      pages[name] = text;
    }
  }
  ASSERT_GT(pages.size(), 10u);
  ASSERT_GT(partials.size(), 5u);
  std::vector<std::string> name_list(names.begin(), names.end());
  for (uint32_t seed = 1; seed <= 4; ++seed) {
    TemplateData data = DataGenerator(seed, name_list).Root();
    kj::data reference_data = ToKainjow(data);
    for (const auto& [name, text] : pages) {
      ASSERT_TRUE(templates.Has(name)) << name;
      KainjowResult reference =
          RenderWithKainjow(text, partials, reference_data);
      ASSERT_TRUE(reference.valid) << name;
      EXPECT_EQ(templates.Render(name, data), reference.html)
          << name << " with data " << seed;
    }
  }
  EXPECT_TRUE(diagnostics.Sorted().empty());
}

TEST(TemplateSetTest, RendersFromSeveralThreadsAtOnce) {
  MemoryFileSystem files;
  files.AddFile("templates/page.mustache",
                "{{#items}}\n{{> link}}\n{{/items}}|{{title}}\n");
  files.AddFile("templates/partials/link.mustache",
                "<a href=\"{{href}}\">{{title}}</a>");
  Diagnostics diagnostics;
  TemplateSet templates;
  ASSERT_TRUE(templates.Load(files, {"page"}, diagnostics));
  auto data_for = [](int thread) {
    TemplateData data = SampleData();
    data.set("title", "thread " + std::to_string(thread));
    return data;
  };
  std::vector<std::string> expected;
  for (int t = 0; t < 4; ++t) {
    expected.push_back(templates.Render("page", data_for(t)));
  }
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      TemplateData data = data_for(t);
      for (int i = 0; i < 500; ++i) {
        if (templates.Render("page", data) != expected[t]) ++mismatches[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
  EXPECT_EQ(expected[2],
            "<a href=\"a/O/\">One &amp; two</a>\n<a href=\"a/T/\">Three</a>\n"
            "|thread 2\n");
}

TEST(TemplateSetTest, PartialsNestedTooDeepAreAnErrorNotACrash) {
  MemoryFileSystem files;
  files.AddFile("templates/page.mustache", "{{> node}}");
  // flag_true stays true however deep: this never ends by itself.
  files.AddFile("templates/partials/node.mustache",
                "{{#flag_true}}x{{> node}}{{/flag_true}}");
  Diagnostics diagnostics;
  TemplateSet templates;
  ASSERT_TRUE(templates.Load(files, {"page"}, diagnostics));
  ASSERT_TRUE(diagnostics.Sorted().empty());

  std::string error;
  std::string html = templates.Render("page", SampleData(), &error);
  EXPECT_EQ(html, std::string(64, 'x'));
  EXPECT_EQ(error,
            "templates/partials/node.mustache:1:16: partials nested more than "
            "64 deep at {{> node}}: a partial that includes itself must stop");
  EXPECT_TRUE(diagnostics.Sorted().empty());  // given back, not reported

  // Without somewhere to give it back, it is reported, once per tag.
  EXPECT_EQ(templates.Render("page", SampleData()), std::string(64, 'x'));
  EXPECT_EQ(templates.Render("page", SampleData()), std::string(64, 'x'));
  std::vector<Diagnostic> found = diagnostics.Sorted();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(FormatDiagnosticHeadline(found[0]),
            "templates/partials/node.mustache:1:16: error: template error: "
            "partials nested more than 64 deep at {{> node}}: a partial that "
            "includes itself must stop (rendering page)");
  EXPECT_FALSE(found[0].hint.empty());

  // With data that runs out, the same partial renders with no error.
  TemplateData shallow;
  shallow.set("flag_true", TemplateData{TemplateData::type::list});
  EXPECT_EQ(templates.Render("page", shallow, &error), "");
  EXPECT_EQ(error, "");
}

// A page rendered into its layout's {{{content}}} as it is written must give
// the bytes of the page rendered on its own and then set as "content",
// wherever and however the layout writes it.
TEST(TemplateSetTest, RendersAPageInItsLayoutAsTheTwoRendersWould) {
  struct Case {
    const char* what;
    const char* layout;
    const char* page;
  };
  const Case cases[] = {
      {"raw, with lines around it", "<main>\n{{{content}}}\n</main>\n",
       "<h1>{{title}}</h1>\n{{#items}}\n<p>{{title}}</p>\n{{/items}}\n"},
      {"escaped", "<pre>{{content}}</pre>", "<b>{{{title}}} & 'x'</b>"},
      {"the innermost value of a section over it",
       "{{#content}}[{{{.}}}|{{.}}]{{/content}}{{^content}}none{{/content}}",
       "<i>x</i>"},
      {"twice", "{{{content}}}|{{& content}}", "<i>{{title}}</i>"},
      {"never", "<main></main>\n", "page"},
      {"a blank page on a line a section made standalone",
       "{{#flag_true}}{{/flag_true}}{{{content}}}\nafter\n", " \t "},
      {"a page that is blank only on its first line",
       "{{#flag_true}}{{/flag_true}}{{{content}}}\nafter\n", "  \n  x"},
      {"an empty page", "[{{{content}}}]\n{{{content}}}\n", ""},
      {"a page that names content itself", "{{{content}}}", "[{{content}}]"},
      {"shadowed by an item's own content",
       "{{#items}}{{{content}}};{{/items}}{{{content}}}", "page"},
  };
  TemplateData data = SampleData();
  TemplateData items{TemplateData::type::list};
  TemplateData item;
  item.set("content", std::string("<item's own>"));
  items.push_back(item);
  items.push_back(TemplateData());
  data.set("items", items);
  for (const Case& c : cases) {
    MemoryFileSystem files;
    files.AddFile("templates/layout.mustache", c.layout);
    files.AddFile("templates/page.mustache", c.page);
    Diagnostics diagnostics;
    TemplateSet templates;
    ASSERT_TRUE(templates.Load(files, {"layout", "page"}, diagnostics))
        << c.what;
    TemplateData with_content = data;
    with_content.set("content", templates.Render("page", data));
    std::string expected = "before|";
    templates.RenderTo("layout", with_content, &expected);
    std::string html = "before|";
    templates.RenderInLayoutTo("layout", "page", data, &html);
    EXPECT_EQ(html, expected) << c.what;
    EXPECT_TRUE(diagnostics.Sorted().empty()) << c.what;
  }
}

// A page's render errors are reported as the page's, once per tag, whether
// or not its layout writes it.
TEST(TemplateSetTest, ReportsAPagesErrorsInItsLayout) {
  for (const char* layout : {"<main>{{{content}}}</main>", "<main></main>"}) {
    MemoryFileSystem files;
    files.AddFile("templates/layout.mustache", layout);
    files.AddFile("templates/page.mustache", "{{> node}}");
    files.AddFile("templates/partials/node.mustache",
                  "{{#flag_true}}x{{> node}}{{/flag_true}}");
    Diagnostics diagnostics;
    TemplateSet templates;
    ASSERT_TRUE(templates.Load(files, {"layout", "page"}, diagnostics));
    std::string html;
    templates.RenderInLayoutTo("layout", "page", SampleData(), &html);
    templates.RenderInLayoutTo("layout", "page", SampleData(), &html);
    const bool written =
        std::string(layout).find("content") != std::string::npos;
    const std::string once =
        written ? "<main>" + std::string(64, 'x') + "</main>" : "<main></main>";
    EXPECT_EQ(html, once + once) << layout;
    std::vector<Diagnostic> found = diagnostics.Sorted();
    ASSERT_EQ(found.size(), 1u) << layout;
    EXPECT_EQ(FormatDiagnosticHeadline(found[0]),
              "templates/partials/node.mustache:1:16: error: template error: "
              "partials nested more than 64 deep at {{> node}}: a partial "
              "that includes itself must stop (rendering page)")
        << layout;
  }
}

// A list of `count` empty items, for sections to repeat over.
TemplateData EmptyItems(int count) {
  TemplateData items{TemplateData::type::list};
  for (int i = 0; i < count; ++i) items.push_back(TemplateData());
  return items;
}

// "Billion laughs" in partials: none includes itself, so no depth limit
// stops p0 > 10 x p1 > 10 x p2 ... from rendering 10^8 copies.
TEST(TemplateSetTest, PartialsThatMultiplyStopAtALimitNotAtTheDisk) {
  MemoryFileSystem files;
  files.AddFile("templates/page.mustache", "{{> p0}}");
  constexpr int kLevels = 8;
  for (int level = 0; level < kLevels; ++level) {
    std::string text;
    for (int copy = 0; copy < 10; ++copy) {
      text += "{{> p" + std::to_string(level + 1) + "}}";
    }
    files.AddFile("templates/partials/p" + std::to_string(level) + ".mustache",
                  text);
  }
  files.AddFile("templates/partials/p" + std::to_string(kLevels) + ".mustache",
                "x");
  Diagnostics diagnostics;
  TemplateSet templates;
  ASSERT_TRUE(templates.Load(files, {"page"}, diagnostics));
  std::string error;
  std::string html = templates.Render("page", SampleData(), &error);
  EXPECT_LT(html.size(), mustache::kMaxPartialsPerRender);
  EXPECT_EQ(error,
            "templates/partials/p7.mustache:1:73: more than 10000000 partials "
            "rendered for one page, at {{> p8}}: partials include each other "
            "many times over");

  // A partial for each of many rows of data is well within it.
  files.AddFile("templates/rows.mustache", "{{#items}}{{> p8}}{{/items}}");
  TemplateSet rows;
  ASSERT_TRUE(rows.Load(files, {"rows"}, diagnostics));
  TemplateData many;
  many.set("items", EmptyItems(1000));
  EXPECT_EQ(rows.Render("rows", many, &error), std::string(1000, 'x'));
  EXPECT_EQ(error, "");
}

// Sections over a list, nested in one another, multiply with no partial:
// eight levels over a 16-item list would write 4 billion copies.
TEST(TemplateSetTest, SectionsThatMultiplyStopAtALimitNotAtTheDisk) {
  MemoryFileSystem files;
  std::string text;
  for (int level = 0; level < 8; ++level) text += "{{#rows}}";
  text += std::string(4096, 'x');
  for (int level = 0; level < 8; ++level) text += "{{/rows}}";
  files.AddFile("templates/page.mustache", text);
  Diagnostics diagnostics;
  TemplateSet templates;
  ASSERT_TRUE(templates.Load(files, {"page"}, diagnostics));
  TemplateData data;
  data.set("rows", EmptyItems(16));
  std::string error;
  std::string html = templates.Render("page", data, &error);
  EXPECT_LT(html.size(), mustache::kMaxRenderedBytes + 4096 * 16);
  EXPECT_EQ(error,
            "templates/page.mustache:1:64: the page is larger than 256 MiB: "
            "sections or partials repeat their contents many times over");
}

// Each template within the section limit, and partials within theirs, can
// still nest deeper together than the stack allows.
TEST(TemplateSetTest, SectionsAndPartialsNestedTogetherStopAtALimit) {
  MemoryFileSystem files;
  files.AddFile("templates/page.mustache", "{{> p0}}");
  constexpr int kPartials = 40;
  for (int i = 0; i < kPartials; ++i) {
    std::string text;
    for (int level = 0; level < 99; ++level) text += "{{#flag_true}}";
    if (i + 1 < kPartials) text += "{{> p" + std::to_string(i + 1) + "}}";
    for (int level = 0; level < 99; ++level) text += "{{/flag_true}}";
    files.AddFile("templates/partials/p" + std::to_string(i) + ".mustache",
                  text);
  }
  Diagnostics diagnostics;
  TemplateSet templates;
  ASSERT_TRUE(templates.Load(files, {"page"}, diagnostics));
  std::string error;
  templates.Render("page", SampleData(), &error);
  // p0 and p1 nest 2 + 198 deep; p2's 56th section is the 257th level.
  EXPECT_EQ(error,
            "templates/partials/p2.mustache:1:771: sections and partials "
            "nested more than 256 deep while rendering");

  // A partial that renders a tree nests two levels per level of data.
  files.AddFile("templates/tree.mustache", "{{> node}}");
  files.AddFile("templates/partials/node.mustache",
                "{{#children}}<{{name}}{{> node}}>{{/children}}");
  TemplateSet tree;
  ASSERT_TRUE(tree.Load(files, {"tree"}, diagnostics));
  EXPECT_EQ(tree.Render("tree", SampleData(), &error), "<branch<leaf>>");
  EXPECT_EQ(error, "");
}

struct ErrorCase {
  const char* name;
  std::map<std::string, std::string> files;  // under templates/
  const char* headline;                      // of the one diagnostic
};

TEST(TemplateSetTest, ReportsEachErrorWhereItIs) {
  const ErrorCase cases[] = {
      {"unclosed tag",
       {{"page.mustache", "ab\n  {{title"}},
       "templates/page.mustache:2:3: error: template error: Unclosed tag"},
      {"unclosed triple tag",
       {{"page.mustache", "{{{title}}"}},
       "templates/page.mustache:1:1: error: template error: Unclosed tag"},
      {"unclosed section",
       {{"page.mustache", "<h1>\n  {{#record}}\n</h1>"}},
       "templates/page.mustache:2:3: error: template error: Unclosed section "
       "\"record\""},
      {"close tag with no section open",
       {{"page.mustache", "x\n{{/record}}"}},
       "templates/page.mustache:2:1: error: template error: Unopened section "
       "\"record\""},
      {"mismatched close tag",
       {{"page.mustache", "{{#a}}x{{/b}}"}},
       "templates/page.mustache:1:8: error: template error: mismatched "
       "{{/b}}: the section open here is \"a\", from line 1, column 1"},
      {"crossed sections: reported at the close that comes too soon",
       {{"page.mustache", "{{#a}}\n{{^b}}\n{{/a}}\n{{/b}}"}},
       "templates/page.mustache:3:1: error: template error: mismatched "
       "{{/a}}: section \"b\" (opened at line 2, column 1) is still open"},
      {"bad delimiters",
       {{"page.mustache", "x{{=<%%>=}}"}},
       "templates/page.mustache:1:2: error: template error: Invalid set "
       "delimiter tag"},
      {"an error after changed delimiters",
       {{"page.mustache", "{{=<% %>=}}\n<%#a%>{{/a}}"}},
       "templates/page.mustache:2:1: error: template error: Unclosed section "
       "\"a\""},
      {"unknown partial",
       {{"page.mustache", "a\n {{> lnik}}"}, {"partials/link.mustache", "x"}},
       "templates/page.mustache:2:2: error: template error: unknown partial "
       "\"lnik\": there is no templates/partials/lnik.mustache"},
      {"unknown partial in a partial",
       {{"page.mustache", "{{> link}}"},
        {"partials/link.mustache", "{{#a}}{{> nothing}}{{/a}}"}},
       "templates/partials/link.mustache:1:7: error: template error: unknown "
       "partial \"nothing\": there is no templates/partials/nothing.mustache"},
      {"broken partial: reported once, where it is broken",
       {{"page.mustache", "{{> broken}}"},
        {"partials/broken.mustache", "ok\n{{#open}}"}},
       "templates/partials/broken.mustache:2:1: error: template error: "
       "Unclosed section \"open\""},
      {"partial that includes itself outside any section",
       {{"page.mustache", "x"}, {"partials/self.mustache", "a\n {{> self}}"}},
       "templates/partials/self.mustache:2:2: error: template error: partial "
       "\"self\" includes itself outside any section (self > self): "
       "rendering it would never end"},
      {"partials that include each other outside any section",
       {{"page.mustache", "{{> a}}"},
        {"partials/a.mustache", "{{#x}}{{/x}}{{> b}}"},
        {"partials/b.mustache", "{{> a}}"}},
       "templates/partials/b.mustache:1:1: error: template error: partial "
       "\"a\" includes itself outside any section (a > b > a): rendering it "
       "would never end"},
      {"sections nested too deep",
       {{"page.mustache",
         [] {
           std::string text;
           for (int i = 0; i < 101; ++i) text += "{{#a}}";
           for (int i = 0; i < 101; ++i) text += "{{/a}}";
           return text;
         }()}},
       "templates/page.mustache:1:601: error: template error: sections nested "
       "more than 100 deep"},
  };
  for (const ErrorCase& test : cases) {
    MemoryFileSystem files;
    for (const auto& [path, text] : test.files) {
      files.AddFile("templates/" + path, text);
    }
    Diagnostics diagnostics;
    TemplateSet templates;
    EXPECT_FALSE(templates.Load(files, {"page"}, diagnostics)) << test.name;
    std::vector<Diagnostic> found = diagnostics.Sorted();
    ASSERT_EQ(found.size(), 1u) << test.name;
    EXPECT_EQ(FormatDiagnosticHeadline(found[0]), test.headline) << test.name;
    EXPECT_FALSE(found[0].hint.empty()) << test.name;
  }
}

struct SectionErrorsCase {
  const char* name;
  const char* page;
  // Each diagnostic of templates/page.mustache, as "line:column: message"
  // and, on the next line, its hint.
  std::vector<std::string> expected;
};

// Every section error of a template is reported in one run, each at its own
// tag, and one mistake makes one error: a wrong close tag does not make the
// tags after it look wrong too.
TEST(TemplateSetTest, ReportsEverySectionErrorOnceAtItsTag) {
  const std::string kMismatchHint =
      "a close tag names the innermost open section: write {{/";
  const SectionErrorsCase cases[] = {
      {"a close with another name, another in a section, one with none open",
       "{{#a}}\n{{/b}}\n{{#c}}{{/d}}\n{{/e}}\n",
       {"2:1: mismatched {{/b}}: the section open here is \"a\", from line 1, "
        "column 1\n" +
            kMismatchHint + "a}}, or remove {{/b}} if it closes nothing",
        "3:7: mismatched {{/d}}: the section open here is \"c\", from line 3, "
        "column 1\n" +
            kMismatchHint + "c}}, or remove {{/d}} if it closes nothing",
        "4:1: Unopened section \"e\"\nno section is open here: remove the tag "
        "or add {{#e}} before it"}},
      {"swapped closes: the first of them is wrong, the second is not",
       "{{#a}}\n{{#b}}\n{{/a}}\n{{/b}}\n",
       {"3:1: mismatched {{/a}}: section \"b\" (opened at line 2, column 1) is "
        "still open\nsections close in the reverse order they open: close "
        "\"b\" first with {{/b}}"}},
      {"swapped closes inside a section, and after it",
       "{{#x}}{{#a}}{{^b}}{{/a}}{{/b}}{{/x}}\n{{/b}}",
       {"1:19: mismatched {{/a}}: section \"b\" (opened at line 1, column 13) "
        "is still open\nsections close in the reverse order they open: close "
        "\"b\" first with {{/b}}",
        "2:1: Unopened section \"b\"\nno section is open here: remove the tag "
        "or add {{#b}} before it"}},
      {"inner sections never closed: one error, at the outer close",
       "{{#a}}{{#b}}{{#c}}\n{{/a}}\n{{#a}}{{/a}}",
       {"2:1: mismatched {{/a}}: sections \"c\" (opened at line 1, column 13) "
        "and \"b\" (opened at line 1, column 7) are still open\nsections close "
        "in the reverse order they open: close them first with {{/c}}{{/b}}"}},
      {"a stray close inside a section",
       "{{#a}}\n{{/b}}\n{{/a}}",
       {"2:1: mismatched {{/b}}: the section open here is \"a\", from line 1, "
        "column 1\n" +
        kMismatchHint + "a}}, or remove {{/b}} if it closes nothing"}},
      {"sections never closed, each where it opens",
       "{{#a}}\nx\n  {{^b}}\n{{#c}}{{/c}}",
       {"1:1: Unclosed section \"a\"\nclose it with {{/a}}",
        "3:3: Unclosed section \"b\"\nclose it with {{/b}}"}},
      {"an unclosed section before a wrong close, in source order",
       "{{#a}}\n{{#b}}\n{{/x}}\n",
       {"1:1: Unclosed section \"a\"\nclose it with {{/a}}",
        "3:1: mismatched {{/x}}: the section open here is \"b\", from line 2, "
        "column 1\n" +
            kMismatchHint + "b}}, or remove {{/x}} if it closes nothing"}},
      {"errors before an unclosed tag, which ends the text",
       "{{/x}}\n{{#a}}{{title",
       {"1:1: Unopened section \"x\"\nno section is open here: remove the tag "
        "or add {{#x}} before it",
        "2:7: Unclosed tag\nend the tag with }}"}},
  };
  for (const SectionErrorsCase& test : cases) {
    MemoryFileSystem files;
    files.AddFile("templates/page.mustache", test.page);
    Diagnostics diagnostics;
    TemplateSet templates;
    EXPECT_FALSE(templates.Load(files, {"page"}, diagnostics)) << test.name;
    std::vector<std::string> found;
    for (const Diagnostic& diagnostic : diagnostics.Sorted()) {
      EXPECT_EQ(diagnostic.path, "templates/page.mustache") << test.name;
      EXPECT_EQ(diagnostic.message.rfind("template error: ", 0), 0u);
      found.push_back(std::to_string(diagnostic.line) + ":" +
                      std::to_string(diagnostic.column) + ": " +
                      diagnostic.message.substr(16) + "\n" + diagnostic.hint);
    }
    EXPECT_EQ(found, test.expected) << test.name;
  }
}

// The parser gives its errors in source order, though it finds a section
// that is never closed only at the end of the text.
TEST(TemplateSetTest, ParserReportsErrorsInSourceOrder) {
  std::vector<mustache::Node> nodes;
  std::vector<mustache::ParseError> errors;
  EXPECT_FALSE(mustache::Parse("{{#a}}{{#b}}{{/x}}", &nodes, &errors));
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].offset, 0u);
  EXPECT_EQ(errors[0].message, "Unclosed section \"a\"");
  EXPECT_EQ(errors[1].offset, 12u);
  EXPECT_EQ(errors[1].message.rfind("mismatched {{/x}}", 0), 0u);
  EXPECT_TRUE(mustache::Parse("{{#a}}{{/a}}", &nodes, &errors));
  EXPECT_TRUE(errors.empty());
}

// A template made of nothing but errors gets a bounded list of them.
TEST(TemplateSetTest, ListsAtMostMaxParseErrorsOfATemplate) {
  std::string page;
  for (size_t i = 0; i < mustache::kMaxParseErrors + 50; ++i) {
    page += "{{/x}}\n";
  }
  MemoryFileSystem files;
  files.AddFile("templates/page.mustache", page);
  Diagnostics diagnostics;
  TemplateSet templates;
  EXPECT_FALSE(templates.Load(files, {"page"}, diagnostics));
  std::vector<Diagnostic> found = diagnostics.Sorted();
  ASSERT_EQ(found.size(), mustache::kMaxParseErrors + 1);
  EXPECT_EQ(FormatDiagnosticHeadline(found[99]),
            "templates/page.mustache:100:1: error: template error: Unopened "
            "section \"x\"");
  EXPECT_EQ(FormatDiagnosticHeadline(found[100]),
            "templates/page.mustache:101:1: error: template error: more than "
            "100 errors in this template: the rest are not listed");
}

TEST(TemplateSetTest, SuggestsTheClosestPartial) {
  MemoryFileSystem files;
  files.AddFile("templates/page.mustache", "{{> lnik}}{{> zzzzzzzz}}");
  files.AddFile("templates/partials/link.mustache", "x");
  Diagnostics diagnostics;
  TemplateSet templates;
  EXPECT_FALSE(templates.Load(files, {"page"}, diagnostics));
  std::vector<Diagnostic> found = diagnostics.Sorted();
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].hint, "did you mean {{> link}}?");
  EXPECT_EQ(found[1].hint,
            "a partial {{> name}} is the file templates/partials/"
            "name.mustache");
}

TEST(TemplateSetTest, ReportsMissingTemplatesButNotBrokenOnes) {
  MemoryFileSystem files;
  files.AddFile("templates/broken.mustache", "{{#a}}");
  files.AddFile("templates/partials/layout.mustache", "a partial, not a page");
  Diagnostics diagnostics;
  TemplateSet templates;
  EXPECT_FALSE(templates.Load(files, {"broken", "layout"}, diagnostics));
  EXPECT_FALSE(templates.Has("broken"));
  EXPECT_FALSE(templates.Has("layout"));
  EXPECT_FALSE(templates.Has("partials/layout"));
  std::vector<Diagnostic> found = diagnostics.Sorted();
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(FormatDiagnosticHeadline(found[0]),
            "templates: error: missing template 'layout.mustache'");
  EXPECT_EQ(FormatDiagnosticHeadline(found[1]),
            "templates/broken.mustache:1:1: error: template error: Unclosed "
            "section \"a\"");
}

TEST(TemplateSetTest, LoadingAgainKeepsOnlyWhatIsThereNow) {
  MemoryFileSystem first;
  first.AddFile("templates/page.mustache", "{{> part}}");
  first.AddFile("templates/old.mustache", "old");
  first.AddFile("templates/partials/part.mustache", "first");
  MemoryFileSystem second;
  second.AddFile("templates/page.mustache", "{{> part}}!");
  second.AddFile("templates/partials/part.mustache", "second");
  Diagnostics diagnostics;
  TemplateSet templates;
  ASSERT_TRUE(templates.Load(first, {"page"}, diagnostics));
  EXPECT_EQ(templates.Render("page", TemplateData()), "first");
  ASSERT_TRUE(templates.Load(second, {"page"}, diagnostics));
  EXPECT_EQ(templates.Render("page", TemplateData()), "second!");
  EXPECT_FALSE(templates.Has("old"));
}

}  // namespace
}  // namespace scrutineer
