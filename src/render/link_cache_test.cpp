// Links taken from the LinkCache are the links FieldConverter made before
// there was one, from pages at every depth, and are made once per root.
#include "render/link_cache.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "link/link_site.h"
#include "load/record_loader.h"
#include "render/field_data.h"
#include "render/urls.h"
#include "write/file_system.h"

namespace scrutineer {
namespace {

class LinkCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    MemoryFileSystem files;
    files.AddFile("site.yaml", "title: Links\n");
    files.AddFile("content/committees/osc.yaml", "id: osc\nname: The OSC\n");
    files.AddFile("content/people/pat.yaml", "id: pat\nname: Pat <Jones>\n");
    files.AddFile("content/reviews/rev.md",
                  "---\nid: rev\ntitle: Review & more\ncommittee: osc\n"
                  "reported: 2017-01-15\nrecommendations:\n"
                  "  - { number: 1, text: Do it. }\n"
                  "  - { number: 2a, text: Then this. }\n---\n");
    Diagnostics diagnostics;
    ASSERT_TRUE(LoadSite(files, &site_, diagnostics));
    LinkSite(&site_, diagnostics);
    ASSERT_FALSE(diagnostics.HasErrors());
  }

  static void ExpectLink(const TemplateData& link, const Record& record,
                         const std::string& href) {
    ASSERT_TRUE(link.is_object());
    ASSERT_EQ(link.object_value().size(), 4u);
    EXPECT_EQ(link.get("id")->string_value(), record.id.value);
    EXPECT_EQ(link.get("title")->string_value(), record.title);
    EXPECT_EQ(link.get("href")->string_value(), href);
    EXPECT_EQ(link.get("kind")->string_value(), KindName(record.kind));
  }

  Site site_;
};

TEST_F(LinkCacheTest, GivesEveryRecordsLinkFromEachRoot) {
  LinkCache cache(site_);
  for (const std::string root : {"../../../", "", "../", "/scrutiny/"}) {
    SCOPED_TRACE("root " + root);
    const std::vector<TemplateData>& links = cache.LinksFrom(root);
    ASSERT_EQ(links.size(), site_.records.size());
    for (size_t i = 0; i < site_.records.size(); ++i) {
      ExpectLink(links[i], site_.records[i],
                 root + RecordPath(site_.records[i]));
    }
    // Asked again, the same table: made once per root.
    EXPECT_EQ(&cache.LinksFrom(root), &links);
  }
}

TEST_F(LinkCacheTest, AConverterWithTheCacheLinksAsOneWithout) {
  LinkCache cache(site_);
  FieldConverter cached(site_, "../../", nullptr, &cache);
  FieldConverter plain(site_, "../../");
  for (const Record& record : site_.records) {
    SCOPED_TRACE(record.id.value);
    TemplateData link = cached.LinkTo(record);
    ExpectLink(link, record, "../../" + RecordPath(record));
    ExpectLink(plain.LinkTo(record), record, "../../" + RecordPath(record));
    // Shared with the cache's table, and changing the copy leaves it alone.
    const TemplateData& kept =
        cache.LinksFrom("../../")[&record - site_.records.data()];
    EXPECT_TRUE(link.shares_storage_with(kept));
    link.set("current", true);
    EXPECT_EQ(kept.get("current"), nullptr);
  }
  // A record that is not one of the site's is linked to all the same.
  Record stray = site_.records.front();
  stray.title = "Elsewhere";
  ExpectLink(cached.LinkTo(stray), stray, "../../" + RecordPath(stray));
}

TEST_F(LinkCacheTest, ThreadsAskingForRootsAtOnceGetOneTableEach) {
  LinkCache cache(site_);
  const std::vector<std::string> roots = {"", "../", "../../", "../../../"};
  std::vector<std::vector<const std::vector<TemplateData>*>> seen(8);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < seen.size(); ++t) {
    threads.emplace_back([&, t] {
      for (const std::string& root : roots)
        seen[t].push_back(&cache.LinksFrom(root));
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (size_t t = 1; t < seen.size(); ++t) EXPECT_EQ(seen[t], seen[0]);
  for (size_t r = 0; r < roots.size(); ++r) {
    ExpectLink((*seen[0][r])[0], site_.records[0],
               roots[r] + RecordPath(site_.records[0]));
  }
}

}  // namespace
}  // namespace scrutineer
