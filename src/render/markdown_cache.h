// The Markdown of one build, rendered once per text. A recommendation's
// text is shown on its own page, its review's page, the pages of the
// updates that report on it, its officers' pages and the dashboards; an
// update's text on its page and in each of its recommendations' histories.
// At 10,000 recommendations that is 190,000 renders of 82,000 texts.
#ifndef SCRUTINEER_RENDER_MARKDOWN_CACHE_H_
#define SCRUTINEER_RENDER_MARKDOWN_CACHE_H_

#include <array>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "render/markdown.h"
#include "render/template_data.h"
#include "util/flat_index.h"

namespace scrutineer {

class MarkdownCache {
 public:
  /// RenderMarkdown(text, options, resolve), or what an earlier call with
  /// the same text, options and `root` gave. `resolve` must give the same
  /// answer for an id every time it is called through this cache, with
  /// hrefs that differ only by the prefix `root` (FieldConverter's).
  /// Text whose short links resolved to anything is kept per root; other
  /// text once for every root. Safe to call from several threads at once.
  ///
  /// `text` is kept as it is given, not copied: it must stay where it is,
  /// unchanged, until the cache is cleared or gone. Every text a page shows
  /// is a record's or the site settings', which the cache's owner keeps
  /// for as long; at 10,000 recommendations copies of them were 28 MB of
  /// a build's 360, and on this kind of machine fresh memory is dear
  /// (bench/README.md, 2026-11-27, eighth session).
  std::string Render(std::string_view text, const MarkdownOptions& options,
                     const LinkResolver& resolve, std::string_view root);
  /// Render() as a template string that shares the kept HTML: a text shown
  /// on many pages is neither copied nor allocated again for each.
  TemplateData RenderData(std::string_view text, const MarkdownOptions& options,
                          const LinkResolver& resolve, std::string_view root);
  /// RenderData(), but a text not kept already is rendered and not kept:
  /// for the fields a record's page shows with all its others (minutes,
  /// resolutions, summaries), most of which no other page shows. At
  /// 10,000 recommendations, 37,500 texts rendered once were 20 MB of
  /// HTML kept to the end of the build; the texts other pages show too (a
  /// recommendation's, an update entry's) are kept when those pages ask.
  ///
  /// A text rendered here and not kept is given to *unkept too, when it is
  /// not null, for Keep.
  struct Unkept {
    TemplateData html;      // a string; none when nothing was rendered
    bool resolved = false;  // whether the text resolved a short link
  };
  TemplateData RenderDataIfKept(std::string_view text,
                                const MarkdownOptions& options,
                                const LinkResolver& resolve,
                                std::string_view root,
                                Unkept* unkept = nullptr);
  /// Keeps `unkept`, which RenderDataIfKept gave for this text, options
  /// and root, as RenderData would have kept it, and gives its HTML: for a
  /// page that shows a text twice, once among its record's fields and once
  /// where other pages show it too, rendering it once.
  TemplateData Keep(std::string_view text, const MarkdownOptions& options,
                    std::string_view root, const Unkept& unkept);
  /// Forgets every rendering, so that texts given before may change or go.
  /// Not safe alongside any other call.
  void Clear();
  /// How many renderings are kept. Not safe alongside any other call.
  size_t size() const;

 private:
  // What a rendering is kept under: its text and options, and for text
  // that resolved a short link, the root.
  struct Key {
    std::string_view text;
    const MarkdownOptions& options;
    std::optional<std::string_view> root;
  };
  // One rendering. The rendering without a root of a text that resolved a
  // short link has no HTML: it says that the text is kept per root.
  struct Stored {
    std::string_view text;  // the caller's (see Render)
    int heading_offset;
    bool allow_raw_html;
    std::optional<std::string> root;
    bool depends_on_root;
    TemplateData html;  // a string

    bool Matches(const Key& key) const;
  };
  // Shards, so that the render threads seldom wait for one another. Each
  // keeps its renderings where they stay (a deque moves none as it grows),
  // indexed by a hash of the key.
  struct Shard {
    std::mutex mutex;
    std::deque<Stored> renderings;
    FlatIndex index;
  };
  static constexpr size_t kShards = 16;

  // Whether a rendering is kept under the key; if so, copies it out.
  bool Find(size_t hash, const Key& key, bool* depends_on_root,
            TemplateData* html);
  // RenderData(), keeping what it renders only when `keep`.
  TemplateData Lookup(std::string_view text, const MarkdownOptions& options,
                      const LinkResolver& resolve, std::string_view root,
                      bool keep, Unkept* unkept);
  // Keeps a rendering of a text (whose hash is `text_hash`) that
  // `resolved` a short link or not.
  void KeepRendering(size_t text_hash, std::string_view text,
                     const MarkdownOptions& options, std::string_view root,
                     bool resolved, const TemplateData& html);
  // Keeps a rendering under the key, unless one is kept already.
  void Insert(size_t hash, const Key& key, bool depends_on_root,
              const TemplateData& html);

  std::array<Shard, kShards> shards_;
};

}  // namespace scrutineer

#endif  // SCRUTINEER_RENDER_MARKDOWN_CACHE_H_
