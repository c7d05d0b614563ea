#include "serve/preview_patch.h"

#include <algorithm>
#include <functional>
#include <set>
#include <string_view>
#include <tuple>

#include "link/link_site.h"
#include "load/record_loader.h"

namespace scrutineer {
namespace {

// Where 1-based `line` of `text` starts; the whole text for line 0 (a YAML
// record: all of it is fields).
size_t OffsetOfLine(std::string_view text, int line) {
  if (line <= 0) return text.size();
  size_t offset = 0;
  for (int at = 1; at < line; ++at) {
    size_t newline = text.find('\n', offset);
    if (newline == std::string_view::npos) return text.size();
    offset = newline + 1;
  }
  return offset;
}

// The patch of one changed file into `patch`; false when it needs a full
// rebuild.
bool PlanFile(const PreviewBuild& build, const FileSystem& files,
              const std::string& path, PreviewPatch* patch) {
  const Site& site = build.site;
  if (build.reported_paths.count(path) > 0) return false;
  // The records the file gave: its own, and a review's recommendations.
  std::vector<size_t> at_path;
  for (size_t i = 0; i < site.records.size(); ++i) {
    if (site.records[i].location.path == path) at_path.push_back(i);
  }
  if (at_path.empty()) {
    // Gone again already (an editor's temporary file, vim's "4913"), and
    // nothing was reported in it: the site is as if it never was.
    FileStamp stamp;
    std::string contents;
    std::string error;
    if (!files.StampFile(path, &stamp) &&
        !files.ReadFile(path, &contents, &error) && !files.IsDirectory(path)) {
      return true;
    }
    return false;  // a new file, or one that gave no record
  }
  // Its locations point into the site's copy of the path, which outlives
  // the build.
  std::string_view stored = site.records[at_path.front()].location.path;

  Record fresh;
  Diagnostics reported;
  if (!LoadRecordFileAt(files, stored, &fresh, reported) ||
      !reported.Sorted().empty()) {
    return false;
  }
  auto own = std::find_if(at_path.begin(), at_path.end(), [&](size_t i) {
    return site.records[i].id == fresh.id;
  });
  if (own == at_path.end()) return false;
  const size_t index = *own;
  const Record& old = site.records[index];
  if (old.file_text == nullptr || fresh.kind != old.kind ||
      fresh.body_line != old.body_line) {
    return false;
  }
  const std::string_view old_text = *old.file_text;
  const std::string_view new_text = *fresh.file_text;
  if (old_text == new_text) return true;  // saved again, the same bytes
  // The same front matter, byte for byte: the same fields, at the same
  // positions, so the same titles, dates, links and histories.
  const size_t fields_end = OffsetOfLine(old_text, old.body_line);
  if (new_text.size() < fields_end ||
      old_text.substr(0, fields_end) != new_text.substr(0, fields_end)) {
    return false;
  }

  // The same short links, to the same records with the same words, in the
  // same order: only where they are may differ.
  std::vector<Reference> links =
      ResolveRecordReferences(site, index, fresh, reported);
  if (!reported.Sorted().empty()) return false;
  // In the order of Site::references: by target, then field, then as
  // resolved.
  std::stable_sort(links.begin(), links.end(),
                   [](const Reference& a, const Reference& b) {
                     return std::tie(a.to, a.field) < std::tie(b.to, b.field);
                   });
  size_t next = 0;
  for (size_t i = 0; i < site.references.size(); ++i) {
    const Reference& reference = site.references[i];
    if (reference.from != index) continue;
    if (next == links.size()) return false;
    const Reference& now = links[next++];
    if (now.to != reference.to || now.field != reference.field ||
        now.words != reference.words) {
      return false;
    }
    patch->references.emplace_back(i, now.location);
  }
  if (next != links.size()) return false;

  for (size_t i : at_path) {
    PreviewPatch::RecordText text;
    text.index = i;
    text.file_text = fresh.file_text;
    if (i == index) {
      text.body = true;
      text.markdown = fresh.body;
      text.body_line = fresh.body_line;
    }
    patch->records.push_back(std::move(text));
  }
  patch->inputs.emplace_back("read " + path,
                             std::hash<std::string_view>{}(new_text));
  patch->paths.push_back(path);
  return true;
}

}  // namespace

bool PlanPreviewPatch(const PreviewBuild& build, const FileSystem& files,
                      const std::vector<std::string>& changed,
                      PreviewPatch* patch) {
  *patch = PreviewPatch();
  if (build.has_errors() || !build.forget_made) return false;
  std::set<std::string> paths(changed.begin(), changed.end());
  for (const std::string& path : paths) {
    if (!PlanFile(build, files, path, patch)) return false;
  }
  return true;
}

void ApplyPreviewPatch(PreviewPatch* patch, PreviewBuild* build) {
  if (patch->empty()) return;
  Site& site = build->site;
  for (PreviewPatch::RecordText& text : patch->records) {
    Record& record = site.records[text.index];
    record.file_text = std::move(text.file_text);
    if (text.body) {
      record.body = std::move(text.markdown);
      record.body_line = text.body_line;
    }
  }
  for (auto& [index, location] : patch->references) {
    site.references[index].location = location;
  }
  for (auto& [key, version] : patch->inputs) build->inputs[key] = version;
  // Template errors are found again as the pages are made again.
  build->page_diagnostics = Diagnostics();
  build->forget_made(&patch->forgotten);
}

}  // namespace scrutineer
