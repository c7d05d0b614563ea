#include "render/markdown_cache.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace scrutineer {
namespace {

// Resolves "some-id" under `root`, as FieldConverter does, and counts the
// calls: a text answered from the cache asks nothing.
struct CountingResolver {
  int calls = 0;
  LinkResolver For(const std::string& root) {
    return [this, root](std::string_view id) -> std::optional<ResolvedLink> {
      ++calls;
      if (id != "some-id") return std::nullopt;
      return ResolvedLink{root + "recommendations/some-id/", "Fund it"};
    };
  }
};

TEST(MarkdownCacheTest, GivesWhatRenderMarkdownGives) {
  MarkdownCache cache;
  CountingResolver resolver;
  const std::vector<std::string> texts = {
      "",
      "Plain *text*.",
      "# Heading\n\n- a\n- b\n",
      "See [the plan](@some-id) and [x](@unknown).",
      "| a | b |\n| - | - |\n| 1 | 2 |\n",
      "<script>alert(1)</script> raw",
  };
  for (const std::string root : {"", "../", "../../../"}) {
    for (const std::string& text : texts) {
      for (int offset : {0, 1, 2}) {
        for (bool raw : {false, true}) {
          SCOPED_TRACE(text + " | root " + root + " | offset " +
                       std::to_string(offset) + (raw ? " raw" : ""));
          MarkdownOptions options;
          options.heading_offset = offset;
          options.allow_raw_html = raw;
          const std::string expected =
              RenderMarkdown(text, options, resolver.For(root));
          // The first call renders, the second is answered from the cache.
          EXPECT_EQ(cache.Render(text, options, resolver.For(root), root),
                    expected);
          EXPECT_EQ(cache.Render(text, options, resolver.For(root), root),
                    expected);
        }
      }
    }
  }
}

TEST(MarkdownCacheTest, RendersEachTextOnceForEveryRootUnlessItLinks) {
  MarkdownCache cache;
  CountingResolver resolver;
  const std::string unresolved = "Ask [them](@unknown).";
  cache.Render(unresolved, {}, resolver.For(""), "");
  cache.Render(unresolved, {}, resolver.For("../"), "../");
  EXPECT_EQ(resolver.calls, 1) << "an unresolved link does not need the root";

  resolver.calls = 0;
  const std::string linked = "See [the plan](@some-id).";
  const std::string at_top = cache.Render(linked, {}, resolver.For(""), "");
  const std::string below =
      cache.Render(linked, {}, resolver.For("../"), "../");
  EXPECT_EQ(resolver.calls, 2);
  EXPECT_NE(at_top.find("href=\"recommendations/some-id/\""),
            std::string::npos);
  EXPECT_NE(below.find("href=\"../recommendations/some-id/\""),
            std::string::npos);
  EXPECT_EQ(cache.Render(linked, {}, resolver.For("../"), "../"), below);
  EXPECT_EQ(cache.Render(linked, {}, resolver.For(""), ""), at_top);
  EXPECT_EQ(resolver.calls, 2);
}

// The cache keeps each text where its caller has it, without a copy; once
// cleared, it reads none of them again, and texts may go (serve's patches
// free a record's old texts). Under AddressSanitizer, a cache that still
// read the freed text below would fail here.
TEST(MarkdownCacheTest, ForgetsEveryTextOnceCleared) {
  MarkdownCache cache;
  CountingResolver resolver;
  const std::string words =
      "A text long enough to be on the heap: [x](@some-id).";
  const std::string html = RenderMarkdown(words, {}, resolver.For("../"));
  auto text = std::make_unique<std::string>(words);
  EXPECT_EQ(cache.Render(*text, {}, resolver.For("../"), "../"), html);
  const int calls = resolver.calls;
  std::string same = words;
  EXPECT_EQ(cache.Render(same, {}, resolver.For("../"), "../"), html);
  EXPECT_EQ(resolver.calls, calls);  // found: another string, the same text
  EXPECT_EQ(cache.size(), 2u);       // without a root, and under "../"
  text.reset();
  cache.Clear();
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.Render(same, {}, resolver.For("../"), "../"), html);
  EXPECT_EQ(resolver.calls, calls + 1);  // rendered again
}

// RenderDataIfKept shares what another page kept, and keeps nothing itself.
TEST(MarkdownCacheTest, RenderDataIfKeptKeepsNothingButFindsWhatIsKept) {
  MarkdownCache cache;
  CountingResolver resolver;
  const std::string once = "Minutes that only their meeting's page shows.";
  const std::string shared = "A recommendation's *text*, shown on many pages.";
  EXPECT_EQ(
      cache.RenderDataIfKept(once, {}, resolver.For(""), "").string_value(),
      RenderMarkdown(once, {}, resolver.For("")));
  EXPECT_EQ(cache.size(), 0u);
  const TemplateData kept = cache.RenderData(shared, {}, resolver.For(""), "");
  EXPECT_EQ(cache.size(), 1u);
  const TemplateData found =
      cache.RenderDataIfKept(shared, {}, resolver.For(""), "");
  EXPECT_TRUE(found.shares_storage_with(kept));
  EXPECT_EQ(cache.size(), 1u);
}

TEST(MarkdownCacheTest, IsSafeToCallFromSeveralThreads) {
  MarkdownCache cache;
  const std::vector<std::string> roots = {"", "../", "../../"};
  std::vector<std::string> texts;
  std::vector<std::vector<std::string>> expected;
  for (int i = 0; i < 50; ++i) {
    texts.push_back("Text " + std::to_string(i) +
                    (i % 3 == 0 ? " with [a link](@some-id)." : " ~~plain~~."));
    expected.emplace_back();
    for (const std::string& root : roots) {
      CountingResolver resolver;
      expected.back().push_back(
          RenderMarkdown(texts.back(), {}, resolver.For(root)));
    }
  }
  constexpr int kThreads = 8;
  std::vector<int> mismatches(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      CountingResolver resolver;
      for (int pass = 0; pass < 20; ++pass) {
        for (size_t i = 0; i < texts.size(); ++i) {
          const size_t r = (i + t + pass) % roots.size();
          if (cache.Render(texts[i], {}, resolver.For(roots[r]), roots[r]) !=
              expected[i][r]) {
            ++mismatches[t];
          }
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(kThreads, 0));
}

}  // namespace
}  // namespace scrutineer
