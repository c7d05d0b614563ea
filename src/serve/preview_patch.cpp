#include "serve/preview_patch.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string_view>
#include <tuple>

#include "link/link_site.h"
#include "load/record_loader.h"

namespace scrutineer {
namespace {

// True when `fresh` is `old` in everything but the text of Markdown values
// and where things are in the file: the same kinds, keys, items and other
// text. `field` is the field `old` is a value of, `object` the fields of a
// map (both null where the content model says nothing: then all must be
// the same). A Markdown text may change, but not to or from nothing: a
// history counts an update's entry with text as a report.
bool SameButMarkdownText(const Value& old, const Value& fresh,
                         const FieldSpec* field, const ObjectSpec* object) {
  if (old.kind != fresh.kind || old.quoted != fresh.quoted) return false;
  switch (old.kind) {
    case Value::Kind::kNull:
      return true;
    case Value::Kind::kScalar:
      return old.text == fresh.text ||
             (field != nullptr && field->type == FieldType::kMarkdown &&
              old.text.empty() == fresh.text.empty());
    case Value::Kind::kList:
      if (old.items.size() != fresh.items.size()) return false;
      for (size_t i = 0; i < old.items.size(); ++i) {
        if (!SameButMarkdownText(old.items[i], fresh.items[i], field, object)) {
          return false;
        }
      }
      return true;
    case Value::Kind::kMap:
      break;
  }
  if (old.entries.size() != fresh.entries.size()) return false;
  for (size_t i = 0; i < old.entries.size(); ++i) {
    const MapEntry& entry = old.entries[i];
    if (entry.key != fresh.entries[i].key) return false;
    const FieldSpec* inner = nullptr;
    if (object != nullptr) {
      inner = object->Find(entry.key);
    } else if (field != nullptr && field->uncertain && entry.key == "value") {
      inner = field;  // {value: ..., inferred: ...}
    }
    const ObjectSpec* fields = nullptr;
    if (inner != nullptr && inner->type == FieldType::kObject) {
      fields = inner->object;
    } else if (inner != nullptr && inner->type == FieldType::kPerson) {
      fields = &PersonReferenceFields();
    }
    if (!SameButMarkdownText(entry.value, fresh.entries[i].value, inner,
                             fields)) {
      return false;
    }
  }
  return true;
}

// Makes `to` what `from` is, where SameButMarkdownText(*to, from) holds,
// without moving a node: histories point into records' fields.
void TakeTextsAndPositions(Value* to, const Value& from) {
  to->location = from.location;
  if (to->text != from.text) to->text = from.text;
  for (size_t i = 0; i < to->items.size(); ++i) {
    TakeTextsAndPositions(&to->items[i], from.items[i]);
  }
  for (size_t i = 0; i < to->entries.size(); ++i) {
    to->entries[i].key_line = from.entries[i].key_line;
    to->entries[i].key_column = from.entries[i].key_column;
    TakeTextsAndPositions(&to->entries[i].value, from.entries[i].value);
  }
}

// The references `fresh` has in place of record `index`, whose references
// now are `own` (indexes into Site::references, in order), into `patch`:
// when they link to the same records in the same order with the same
// words, their new positions; otherwise the references themselves, and
// the patch is one of fields. False when resolving them reports a problem.
bool PlanLinks(const Site& site, size_t index, const std::vector<size_t>& own,
               const Record& fresh, PreviewPatch* patch) {
  Diagnostics reported;
  std::vector<Reference> links =
      ResolveRecordReferences(site, index, fresh, reported);
  if (!reported.Sorted().empty()) return false;
  // In the order of Site::references: by target, then field, then as
  // resolved.
  std::stable_sort(links.begin(), links.end(),
                   [](const Reference& a, const Reference& b) {
                     return std::tie(a.to, a.field) < std::tie(b.to, b.field);
                   });
  bool same = own.size() == links.size();
  for (size_t k = 0; same && k < own.size(); ++k) {
    const Reference& reference = site.references[own[k]];
    const Reference& now = links[k];
    same = now.to == reference.to && now.field == reference.field &&
           now.words == reference.words;
  }
  if (!same) {
    patch->relinked.emplace_back(index, std::move(links));
    patch->fields_changed = true;
    return true;
  }
  for (size_t k = 0; k < own.size(); ++k) {
    patch->references.emplace_back(own[k], links[k].location);
  }
  return true;
}

// Site::references with those from the records of `patch->relinked`
// replaced by theirs, in the same order (by target, then source, then
// field, then as resolved), and into `change` where each reference went.
std::vector<Reference> Relink(const std::vector<Reference>& before,
                              const PreviewPatch& patch, size_t records,
                              SiteChange* change) {
  std::vector<bool> relinked(records);
  std::vector<Reference> added;
  for (const auto& [index, links] : patch.relinked) {
    relinked[index] = true;
    added.insert(added.end(), links.begin(), links.end());
  }
  auto order = [](const Reference& a, const Reference& b) {
    return std::tie(a.to, a.from, a.field) < std::tie(b.to, b.from, b.field);
  };
  std::stable_sort(added.begin(), added.end(), order);
  std::vector<Reference> after;
  after.reserve(before.size() + added.size());
  change->moved.assign(before.size(), SiteChange::kGone);
  change->moved_back.reserve(before.size() + added.size());
  size_t next = 0;  // in `added`
  auto add_until = [&](const Reference* kept) {
    while (next < added.size() &&
           (kept == nullptr || order(added[next], *kept))) {
      change->records.push_back(added[next].to);
      change->moved_back.push_back(SiteChange::kGone);
      after.push_back(std::move(added[next++]));
    }
  };
  for (size_t i = 0; i < before.size(); ++i) {
    const Reference& reference = before[i];
    if (relinked[reference.from]) {
      change->records.push_back(reference.to);
      continue;
    }
    add_until(&reference);
    change->moved[i] = static_cast<uint32_t>(after.size());
    change->moved_back.push_back(static_cast<uint32_t>(i));
    after.push_back(reference);
  }
  add_until(nullptr);
  return after;
}

// Whether `fresh`, in place of record `index` (a review or workshop, or
// not), splits into the recommendations the file gave before (the records
// at `at_path` other than `index`), with the same ids in the same order,
// and nothing reported in splitting it.
bool SameSplit(const Site& site, const std::vector<size_t>& at_path,
               size_t index, const Record& fresh) {
  std::vector<Record> split;
  Diagnostics reported;
  SplitRecommendationsOf(fresh, &split, reported);
  if (!reported.Sorted().empty() || split.size() + 1 != at_path.size()) {
    return false;
  }
  size_t k = 0;
  for (size_t i : at_path) {
    if (i == index) continue;
    if (!(site.records[i].id == split[k].id)) return false;
    ++k;
  }
  return true;
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

  auto fresh = std::make_shared<Record>();
  Diagnostics reported;
  if (!LoadRecordFileAt(files, stored, fresh.get(), reported) ||
      !reported.Sorted().empty()) {
    return false;
  }
  auto own = std::find_if(at_path.begin(), at_path.end(), [&](size_t i) {
    return site.records[i].id == fresh->id;
  });
  if (own == at_path.end()) return false;
  const size_t index = *own;
  const Record& old = site.records[index];
  if (old.file_text == nullptr || fresh->kind != old.kind) return false;
  if (*old.file_text == *fresh->file_text) return true;  // the same bytes
  // The references of each of the file's records, in one pass.
  std::map<size_t, std::vector<size_t>> references_from;
  for (size_t i : at_path) references_from[i];
  for (size_t i = 0; i < site.references.size(); ++i) {
    auto from = references_from.find(site.references[i].from);
    if (from != references_from.end()) from->second.push_back(i);
  }
  // The same fields but for Markdown text: the same ids, titles, dates and
  // statuses; with the same links too, the same histories, and the texts
  // are taken in place. Otherwise the fields are taken whole, and what
  // reads them is worked out again (PageRendering::refresh): they must
  // split into the same recommendations.
  const bool text_only = SameButMarkdownText(*old.fields, *fresh->fields,
                                             nullptr, SpecOf(old.kind).fields);
  if (!text_only &&
      (!build.refresh || !SameSplit(site, at_path, index, *fresh))) {
    return false;
  }
  if (!PlanLinks(site, index, references_from[index], *fresh, patch)) {
    return false;
  }
  patch->fields_changed = patch->fields_changed || !text_only;
  PreviewPatch::RecordText own_text;
  own_text.index = index;
  own_text.fresh = fresh;
  patch->records.push_back(own_text);

  // A review's recommendations are records of their own, made from its
  // list (SplitRecommendations): each takes its item's new text.
  const Value* list = fresh->fields->Find("recommendations");
  for (size_t i : at_path) {
    if (i == index) continue;
    const Record& split = site.records[i];
    if (split.kind != RecordKind::kRecommendation ||
        !(split.parent == old.id) || list == nullptr) {
      return false;
    }
    size_t item = 0;
    while (item < list->items.size() &&
           list->items[item].Text("number") != split.number) {
      ++item;
    }
    if (item == list->items.size()) return false;
    Record in_place;
    in_place.kind = split.kind;
    in_place.id = split.id;
    in_place.fields = Shared<Value>(fresh->fields, list->items[item]);
    in_place.file_text = fresh->file_text;
    in_place.location = list->items[item].location;
    in_place.parent = split.parent;
    in_place.number = split.number;
    if (!PlanLinks(site, i, references_from[i], in_place, patch)) {
      return false;
    }
    PreviewPatch::RecordText text;
    text.index = i;
    text.fresh = fresh;
    text.item = item;
    patch->records.push_back(text);
  }
  patch->inputs.emplace_back("read " + path,
                             std::hash<std::string_view>{}(*fresh->file_text));
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
  return !patch->fields_changed || static_cast<bool>(build.refresh);
}

bool ApplyPreviewPatch(PreviewPatch* patch, PreviewBuild* build,
                       RecordCache* cache) {
  if (patch->empty()) return true;
  Site& site = build->site;
  // What the records and references were, to put back should the site
  // need files it does not have.
  struct Before {
    size_t index;
    Shared<Value> fields;
    Shared<std::string> body;
    int body_line;
    std::shared_ptr<const std::string> file_text;
    SourceLocation location;
  };
  std::vector<Before> records_before;
  std::vector<std::pair<size_t, SourceLocation>> references_before;
  std::vector<size_t> changed;
  if (patch->fields_changed) {
    for (const PreviewPatch::RecordText& text : patch->records) {
      const Record& record = site.records[text.index];
      records_before.push_back({text.index, record.fields, record.body,
                                record.body_line, record.file_text,
                                record.location});
      changed.push_back(text.index);
    }
    // Relinked, the references before are kept whole, their positions
    // untouched.
    if (patch->relinked.empty()) {
      for (const auto& [index, location] : patch->references) {
        references_before.emplace_back(index, site.references[index].location);
      }
    }
  }
  // Links added or taken away: the site's references are made anew, and
  // those before kept until the patch is sure.
  SiteChange change;
  std::vector<Reference> relinked_before;
  if (!patch->relinked.empty()) {
    std::vector<Reference> after =
        Relink(site.references, *patch, site.records.size(), &change);
    relinked_before = std::move(site.references);
    site.references = std::move(after);
    change.references_before = &relinked_before;
  }
  for (const PreviewPatch::RecordText& text : patch->records) {
    Record& record = site.records[text.index];
    const Record& fresh = *text.fresh;
    record.file_text = fresh.file_text;
    if (text.item == PreviewPatch::RecordText::kOwn) {
      if (patch->fields_changed) {
        // Taken whole: what pointed into the fields before is worked out
        // again below.
        record.fields = fresh.fields;
      } else {
        TakeTextsAndPositions(record.fields.MutableInPlace(), *fresh.fields);
      }
      record.body = fresh.body;
      record.body_line = fresh.body_line;
    } else {
      // Its fields are its entry in the review's list (SplitRecommendations
      // shares it). A text patch changed the entry with the review's own,
      // patched first: only the record moves.
      const Value& entry =
          fresh.fields->Find("recommendations")->items[text.item];
      if (patch->fields_changed)
        record.fields = Shared<Value>(fresh.fields, entry);
      record.location = entry.location;
    }
  }
  for (auto& [index, location] : patch->references) {
    const size_t now =
        change.references_before != nullptr ? change.moved[index] : index;
    site.references[now].location = location;
  }
  if (patch->fields_changed) {
    std::vector<std::pair<size_t, std::string>> titles_before;
    RetitleRecords(&site, changed, &titles_before);
    change.records.insert(change.records.end(), changed.begin(), changed.end());
    if (!build->refresh(change)) {
      for (auto& [index, title] : titles_before) {
        site.records[index].title = std::move(title);
      }
      if (change.references_before != nullptr) {
        site.references = std::move(relinked_before);
      } else {
        for (auto& [index, location] : references_before) {
          site.references[index].location = location;
        }
      }
      for (Before& before : records_before) {
        Record& record = site.records[before.index];
        record.fields = before.fields;
        record.body = before.body;
        record.body_line = before.body_line;
        record.file_text = before.file_text;
        record.location = before.location;
      }
      return false;
    }
  }
  // The cache shares the fields just changed, as what the files held
  // before: it must parse them again.
  if (cache != nullptr) {
    for (const std::string& path : patch->paths) cache->Forget(path);
  }
  for (auto& [key, version] : patch->inputs) build->inputs[key] = version;
  // Template errors are found again as the pages are made again.
  build->page_diagnostics = Diagnostics();
  build->forget_made(&patch->forgotten);
  return true;
}

}  // namespace scrutineer
