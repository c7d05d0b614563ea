#include "render/markdown_cache.h"

#include <functional>
#include <iterator>
#include <utility>

namespace scrutineer {
namespace {

size_t HashOf(size_t text_hash, const MarkdownOptions& options,
              std::optional<std::string_view> root) {
  size_t hash = text_hash;
  auto mix = [&hash](size_t value) {
    hash ^= value + 0x9e3779b97f4a7c15ULL + (hash << 6) + (hash >> 2);
  };
  mix(static_cast<size_t>(options.heading_offset));
  mix(options.allow_raw_html ? 1 : 0);
  mix(root ? std::hash<std::string_view>{}(*root) : 0);
  mix(root ? 1 : 0);
  return hash;
}

}  // namespace

bool MarkdownCache::Stored::Matches(const Key& key) const {
  return heading_offset == key.options.heading_offset &&
         allow_raw_html == key.options.allow_raw_html &&
         root.has_value() == key.root.has_value() &&
         (!root || *root == *key.root) && text == key.text;
}

std::string MarkdownCache::Render(std::string_view text,
                                  const MarkdownOptions& options,
                                  const LinkResolver& resolve,
                                  std::string_view root) {
  return std::string(RenderData(text, options, resolve, root).string_value());
}

TemplateData MarkdownCache::RenderData(std::string_view text,
                                       const MarkdownOptions& options,
                                       const LinkResolver& resolve,
                                       std::string_view root) {
  return Lookup(text, options, resolve, root, /*keep=*/true, nullptr);
}

TemplateData MarkdownCache::RenderDataIfKept(std::string_view text,
                                             const MarkdownOptions& options,
                                             const LinkResolver& resolve,
                                             std::string_view root,
                                             Unkept* unkept) {
  return Lookup(text, options, resolve, root, /*keep=*/false, unkept);
}

TemplateData MarkdownCache::Keep(std::string_view text,
                                 const MarkdownOptions& options,
                                 std::string_view root, const Unkept& unkept) {
  KeepRendering(std::hash<std::string_view>{}(text), text, options, root,
                unkept.resolved, unkept.html);
  return unkept.html;
}

TemplateData MarkdownCache::Lookup(std::string_view text,
                                   const MarkdownOptions& options,
                                   const LinkResolver& resolve,
                                   std::string_view root, bool keep,
                                   Unkept* unkept) {
  const size_t text_hash = std::hash<std::string_view>{}(text);
  const Key plain{text, options, std::nullopt};
  const Key rooted{text, options, root};
  const size_t plain_hash = HashOf(text_hash, options, std::nullopt);
  const size_t rooted_hash = HashOf(text_hash, options, root);
  bool depends_on_root = false;
  TemplateData html;
  if (Find(plain_hash, plain, &depends_on_root, &html)) {
    if (!depends_on_root) return html;
    if (Find(rooted_hash, rooted, &depends_on_root, &html)) return html;
  }
  // Rendered here for the first time (or by two threads at once, which
  // give the same HTML: the first kept wins).
  bool resolved = false;
  const LinkResolver noting = [&](std::string_view id) {
    std::optional<ResolvedLink> link = resolve ? resolve(id) : std::nullopt;
    if (link) resolved = true;
    return link;
  };
  html = TemplateData(RenderMarkdown(text, options, noting));
  if (keep) {
    KeepRendering(text_hash, text, options, root, resolved, html);
  } else if (unkept != nullptr) {
    *unkept = Unkept{html, resolved};
  }
  return html;
}

void MarkdownCache::KeepRendering(size_t text_hash, std::string_view text,
                                  const MarkdownOptions& options,
                                  std::string_view root, bool resolved,
                                  const TemplateData& html) {
  const Key plain{text, options, std::nullopt};
  const size_t plain_hash = HashOf(text_hash, options, std::nullopt);
  if (!resolved) {
    Insert(plain_hash, plain, /*depends_on_root=*/false, html);
    return;
  }
  Insert(plain_hash, plain, /*depends_on_root=*/true,
         TemplateData(TemplateData::type::string));
  const Key rooted{text, options, root};
  Insert(HashOf(text_hash, options, root), rooted, /*depends_on_root=*/true,
         html);
}

void MarkdownCache::Clear() {
  for (Shard& shard : shards_) {
    shard.renderings.clear();
    shard.index = FlatIndex();
  }
}

size_t MarkdownCache::size() const {
  size_t size = 0;
  for (const Shard& shard : shards_) size += shard.renderings.size();
  return size;
}

bool MarkdownCache::Find(size_t hash, const Key& key, bool* depends_on_root,
                         TemplateData* html) {
  // Only the renderings with this hash are looked up under the lock; they
  // are compared with the key after it. A kept rendering never changes or
  // moves, and is only read here, so comparing a long text holds up no
  // other thread.
  const Stored* candidates[4];
  size_t count = 0;
  bool more = false;
  Shard& shard = shards_[hash % kShards];
  {
    std::lock_guard<std::mutex> lock(shard.mutex);
    shard.index.Find(hash, [&](uint32_t i) {
      if (count == std::size(candidates)) {
        more = true;
        return true;
      }
      candidates[count++] = &shard.renderings[i];
      return false;
    });
  }
  for (size_t i = 0; i < count; ++i) {
    if (candidates[i]->Matches(key)) {
      *depends_on_root = candidates[i]->depends_on_root;
      *html = candidates[i]->html;
      return true;
    }
  }
  if (!more) return false;
  // More than four texts share a 64-bit hash: look through them all.
  std::lock_guard<std::mutex> lock(shard.mutex);
  const Stored* found = nullptr;
  shard.index.Find(hash, [&](uint32_t i) {
    if (!shard.renderings[i].Matches(key)) return false;
    found = &shard.renderings[i];
    return true;
  });
  if (found == nullptr) return false;
  *depends_on_root = found->depends_on_root;
  *html = found->html;
  return true;
}

void MarkdownCache::Insert(size_t hash, const Key& key, bool depends_on_root,
                           const TemplateData& html) {
  // Copied before the lock is taken, which then guards only the map.
  Stored stored{key.text,
                key.options.heading_offset,
                key.options.allow_raw_html,
                key.root ? std::optional<std::string>(*key.root) : std::nullopt,
                depends_on_root,
                html};
  Shard& shard = shards_[hash % kShards];
  std::lock_guard<std::mutex> lock(shard.mutex);
  if (shard.index.Find(
          hash, [&](uint32_t i) { return shard.renderings[i].Matches(key); })) {
    return;
  }
  shard.index.Add(hash, static_cast<uint32_t>(shard.renderings.size()));
  shard.renderings.push_back(std::move(stored));
}

}  // namespace scrutineer
