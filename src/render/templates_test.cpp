#include "render/templates.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "write/file_system.h"

namespace scrutineer {
namespace {

// What kainjow renders when it resolves each {{> name}} at render time,
// parsing the partial where it is used: the behaviour TemplateSet must keep
// while it splices partials in at load time instead.
class RuntimePartials : public kainjow::mustache::context<std::string> {
 public:
  RuntimePartials(const TemplateData* data, const TemplateData* partials)
      : kainjow::mustache::context<std::string>(data), partials_(partials) {}
  const TemplateData* get_partial(const std::string& name) const override {
    return partials_->get(name);
  }

 private:
  const TemplateData* partials_;
};

std::string RenderAtRuntime(const std::string& page,
                            const std::map<std::string, std::string>& partials,
                            const TemplateData& data) {
  TemplateData partial_data{TemplateData::type::object};
  for (const auto& [name, text] : partials) partial_data.set(name, text);
  kainjow::mustache::mustache compiled(page);
  RuntimePartials context(&data, &partial_data);
  return compiled.render(context);
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
  return data;
}

struct PartialCase {
  const char* name;
  const char* page;
  std::map<std::string, std::string> partials;
  const char* expected;
};

TEST(TemplateSetTest, PartialsRenderAsIfResolvedWhereUsed) {
  const PartialCase cases[] = {
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
      {"unknown partial", "a{{> missing}}b", {}, "ab"},
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
      {"splice that would make a tag",
       "{{> brace}}{title}}",
       {{"brace", "{"}},
       "{{title}}"},
  };
  for (const PartialCase& test : cases) {
    MemoryFileSystem files;
    files.AddFile("templates/page.mustache", test.page);
    for (const auto& [name, text] : test.partials) {
      files.AddFile("templates/partials/" + name + ".mustache", text);
    }
    Diagnostics diagnostics;
    TemplateSet templates;
    ASSERT_TRUE(templates.Load(files, {"page"}, diagnostics)) << test.name;
    TemplateData data = SampleData();
    std::string rendered = templates.Render("page", data);
    EXPECT_EQ(rendered, test.expected) << test.name;
    EXPECT_EQ(rendered, RenderAtRuntime(test.page, test.partials, data))
        << test.name;
  }
}

TEST(TemplateSetTest, ReportsBrokenPartialWithItsPosition) {
  MemoryFileSystem files;
  files.AddFile("templates/page.mustache", "{{> broken}}");
  files.AddFile("templates/partials/broken.mustache", "ok\n{{#open}}");
  Diagnostics diagnostics;
  TemplateSet templates;
  EXPECT_FALSE(templates.Load(files, {"page"}, diagnostics));
  std::vector<Diagnostic> found = diagnostics.Sorted();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].path, "templates/partials/broken.mustache");
  EXPECT_EQ(found[0].line, 2);
  EXPECT_EQ(found[0].column, 1);
  EXPECT_EQ(found[0].message, "template error: Unclosed section \"open\" at 3");
}

}  // namespace
}  // namespace scrutineer
