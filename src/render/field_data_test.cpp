// FieldConverter's dates: each made once per thread and shared, yet each
// caller's copy is its own to change. Its Markdown: rendered once for a
// page that shows a text twice, and kept for other pages when they show it
// too.
#include "render/field_data.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "link/link_site.h"
#include "load/record_loader.h"
#include "model/partial_date.h"
#include "render/link_cache.h"
#include "render/markdown_cache.h"
#include "write/file_system.h"

namespace scrutineer {
namespace {

std::string TextOf(const TemplateData& date, const char* key) {
  const TemplateData* value = date.get(key);
  return value != nullptr ? std::string(value->string_value()) : "(none)";
}

TEST(FieldConverterDateTest, GivesEachDateItsTextAndIso) {
  const struct {
    PartialDate date;
    const char* text;
    const char* iso;
  } cases[] = {
      {{2017, 2, 16}, "16 February 2017", "2017-02-16"},
      {{2017, 2, 0}, "February 2017", "2017-02"},
      {{2017, 0, 0}, "2017", "2017"},
      {{2017, 2, 6}, "6 February 2017", "2017-02-06"},
      {{2016, 2, 16}, "16 February 2016", "2016-02-16"},
  };
  for (int round = 0; round < 2; ++round) {  // made, then shared
    for (const auto& c : cases) {
      const TemplateData date = FieldConverter::Date(c.date);
      EXPECT_EQ(TextOf(date, "text"), c.text) << c.iso;
      EXPECT_EQ(TextOf(date, "iso"), c.iso) << c.iso;
      EXPECT_EQ(date.object_value().size(), 2u) << c.iso;
    }
  }
  EXPECT_TRUE(FieldConverter::Date({2017, 2, 16})
                  .shares_storage_with(FieldConverter::Date({2017, 2, 16})));
}

TEST(FieldConverterDateTest, ACopyChangedLeavesTheDateAsItWas) {
  TemplateData mine = FieldConverter::Date({2018, 3, 1});
  mine.set("text", std::string("changed"));
  mine.set("inferred", true);
  const TemplateData again = FieldConverter::Date({2018, 3, 1});
  EXPECT_EQ(TextOf(again, "text"), "1 March 2018");
  EXPECT_EQ(again.get("inferred"), nullptr);
  EXPECT_EQ(TextOf(mine, "text"), "changed");
}

TEST(FieldConverterDateTest, GivesEachThreadTheRightDates) {
  std::vector<std::string> seen(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &seen] {
      for (int i = 0; i < 200; ++i) {
        const int day = 1 + (i + t) % 28;
        const TemplateData date = FieldConverter::Date({2019, 1, day});
        if (TextOf(date, "text") != std::to_string(day) + " January 2019") {
          seen[t] = TextOf(date, "text");
          return;
        }
      }
      seen[t] = "ok";
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::string& result : seen) EXPECT_EQ(result, "ok");
}

class FieldConverterMarkdownTest : public ::testing::Test {
 protected:
  void SetUp() override {
    MemoryFileSystem files;
    files.AddFile("site.yaml", "title: Markdown\n");
    files.AddFile("content/people/pat.yaml", "id: pat\nname: Pat Jones\n");
    files.AddFile("content/reviews/rev.md",
                  "---\nid: rev\ntitle: A review\nrecommendations:\n"
                  "  - { number: 1, text: \"Fund *the* [plan](@pat).\" }\n"
                  "---\n");
    files.AddFile("content/updates/up.md",
                  "---\nid: up\nreview: rev\ndate: 2017-06\n"
                  "entries:\n  - recommendation: 1\n    status: completed\n"
                  "    text: \"Done, *in full*.\"\n---\n");
    files.AddFile("content/meetings/board.md",
                  "---\nid: board\ndate: 2017-07-01\nagenda:\n"
                  "  - { number: \"1\", title: Welcome, "
                  "minutes: \"Agreed *at once*.\" }\nactions:\n"
                  "  - { owner: { person: pat }, text: \"Write *to* them.\" }"
                  "\n---\n");
    Diagnostics diagnostics;
    ASSERT_TRUE(LoadSite(files, &site_, diagnostics));
    LinkSite(&site_, diagnostics);
    ASSERT_FALSE(diagnostics.HasErrors());
  }

  const Record& RecordOf(const std::string& id) { return *site_.Find(id); }
  // The converted fields of the record `id`, from a page at "../../".
  TemplateData Fields(const FieldConverter& fields, const std::string& id) {
    const Record& record = RecordOf(id);
    return fields.Convert(*record.fields, *SpecOf(record.kind).fields);
  }
  static const TemplateData& FirstItem(const TemplateData& data,
                                       const char* list) {
    return data.get(list)->list_value().front();
  }

  Site site_;
  MarkdownCache cache_;
};

TEST_F(FieldConverterMarkdownTest, RendersATextAPageShowsTwiceOnce) {
  LinkCache links(site_);
  const FieldConverter page(site_, "../../", &cache_, &links);
  const TemplateData update = Fields(page, "up");
  const TemplateData& entry = *FirstItem(update, "entries").get("text");
  EXPECT_EQ(entry.string_value(), "<p>Done, <em>in full</em>.</p>\n");
  // An entry's text among its update's fields is not kept...
  EXPECT_EQ(cache_.size(), 0u);
  // ...until the page shows it where other pages show it too: then the
  // rendering the page made is kept, not made again.
  const std::string& text =
      RecordOf("up").fields->Find("entries")->items.front().Find("text")->text;
  const TemplateData again = page.MarkdownData(text);
  EXPECT_TRUE(again.shares_storage_with(entry));
  EXPECT_EQ(cache_.size(), 1u);
  const FieldConverter other_page(site_, "../../", &cache_, &links);
  EXPECT_TRUE(other_page.MarkdownData(text).shares_storage_with(entry));
  // Markdown() (a page's JSON-LD) keeps the page's rendering too.
  MarkdownCache fresh;
  const FieldConverter json_page(site_, "../../", &fresh, &links);
  const TemplateData shown = Fields(json_page, "up");
  EXPECT_EQ(json_page.Markdown(text), entry.string_value());
  const FieldConverter next_page(site_, "../../", &fresh, &links);
  EXPECT_TRUE(next_page.MarkdownData(text).shares_storage_with(
      *FirstItem(shown, "entries").get("text")));
}

TEST_F(FieldConverterMarkdownTest, KeepsTheTextsOtherPagesShowToo) {
  LinkCache links(site_);
  const FieldConverter page(site_, "../../", &cache_, &links);
  // A recommendation's text, among its review's fields: its link resolved
  // from this root, kept under it.
  const TemplateData review = Fields(page, "rev");
  EXPECT_EQ(
      FirstItem(review, "recommendations").get("text")->string_value(),
      "<p>Fund <em>the</em> <a href=\"../../people/pat/\">plan</a>.</p>\n");
  EXPECT_EQ(cache_.size(), 2u);  // "resolves links" and the root's HTML
  // An action's text is kept; an agenda item's minutes are not.
  const TemplateData meeting = Fields(page, "board");
  EXPECT_EQ(FirstItem(meeting, "actions").get("text")->string_value(),
            "<p>Write <em>to</em> them.</p>\n");
  EXPECT_EQ(FirstItem(meeting, "agenda").get("minutes")->string_value(),
            "<p>Agreed <em>at once</em>.</p>\n");
  EXPECT_EQ(cache_.size(), 3u);
  // The page of the recommendation takes its text from the cache.
  const FieldConverter below(site_, "../../", &cache_, &links);
  const Record& recommendation = RecordOf("rev/r1");
  EXPECT_TRUE(below.MarkdownData(recommendation.fields->Text("text"))
                  .shares_storage_with(
                      *FirstItem(review, "recommendations").get("text")));
}

}  // namespace
}  // namespace scrutineer
