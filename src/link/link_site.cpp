// The link stage, in order:
//  1. Split recommendations out of reviews and workshops, as records with
//     ids "<parent>/r<number>", checking numbers, headings and that each
//     target change moves the target from the one before it.
//  2. Index every id, reporting duplicates.
//  3. Give every record its title (updates and meetings need the titles of
//     the records they name, so this comes after indexing).
//  4. Walk every record's fields by the content model and resolve each
//     reference and each short link in Markdown, reporting unknown ids and
//     ids of the wrong kind. Blocks of records are resolved on all cores,
//     each block into references of its own; the blocks are joined in
//     record order, so the result is the same as resolving one by one
//     (diagnostics need no care: Diagnostics::Sorted() orders them).
//  5. Sort the references by target, so that a record's backlinks are one
//     contiguous run: a stable counting sort on the target, then a stable
//     sort of each target's run by (source, field), which is the same as
//     one stable sort by (target, source, field) but linear in the count.
#include "link/link_site.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "model/partial_date.h"
#include "util/parallel_for.h"
#include "util/stage_timer.h"

namespace scrutineer {
namespace {

// The slippage ledger must read as one story: each change moves the target
// from the one in force before it, and changes come in date order.
void CheckTargetChanges(const Value& recommendation, Diagnostics& diagnostics) {
  const Value* changes = recommendation.Find("target_changes");
  if (changes == nullptr || !changes->is_list()) return;
  auto plain = [](const Value* value) -> const Value* {
    if (value != nullptr && value->is_map()) value = value->Find("value");
    return value != nullptr && value->is_scalar() ? value : nullptr;
  };
  const Value* before = plain(recommendation.Find("target"));
  std::optional<PartialDate> last_date;
  for (const Value& change : changes->items) {
    const Value* from = plain(change.Find("from"));
    if (from != nullptr && before != nullptr && from->text != before->text) {
      diagnostics.Warning(from->location,
                          "this change moves the target from " + from->text +
                              ", but the target before it is " + before->text,
                          "write the target the change moved from, as the "
                          "source gives it");
    }
    if (const Value* date = plain(change.Find("date"))) {
      auto parsed = ParsePartialDate(date->text);
      if (parsed && last_date && *parsed < *last_date) {
        diagnostics.Warning(date->location,
                            "target changes are not in date order",
                            "list them oldest first");
      }
      if (parsed) last_date = parsed;
    }
    if (const Value* to = plain(change.Find("to"))) before = to;
  }
}

void SplitRecommendations(Site* site, Diagnostics& diagnostics) {
  // Collected apart and appended at the end: appending while reading a
  // parent would move the parent under our feet. Parents are split on all
  // cores, each into its own slot, and the slots appended in record order.
  std::vector<std::vector<Record>> split(site->records.size());
  ParallelFor(site->records.size(), [&](size_t i) {
    SplitRecommendationsOf(site->records[i], &split[i], diagnostics);
  });
  size_t count = site->records.size();
  for (const std::vector<Record>& records : split) count += records.size();
  site->records.reserve(count);
  for (std::vector<Record>& records : split) {
    for (Record& recommendation : records) {
      site->records.push_back(std::move(recommendation));
    }
  }
}

void IndexIds(Site* site, Diagnostics& diagnostics) {
  site->index_by_id.reserve(site->index_by_id.size() + site->records.size());
  for (size_t i = 0; i < site->records.size(); ++i) {
    const Record& record = site->records[i];
    const size_t there = site->index_by_id.Add(record.id.value, i);
    if (there != i) {
      site->repeated_ids.push_back(i);
      const Record& first = site->records[there];
      diagnostics.Error(
          record.location, "duplicate id '" + record.id.value + "'",
          "already used by the " + std::string(KindName(first.kind)) + " in " +
              std::string(first.location.path) +
              "; ids are unique across the whole site");
    }
  }
}

std::string DateText(const Value* value) {
  if (value == nullptr) return {};
  if (value->is_map()) value = value->Find("value");
  if (value == nullptr || !value->is_scalar()) return {};
  auto date = ParsePartialDate(value->text);
  return date ? date->Display() : std::string();
}

// The text of a field, seeing through {value, inferred}: an id, a name.
std::string_view ReferencedId(const Value* value) {
  if (value == nullptr) return {};
  if (value->is_map()) return value->Text("value");
  return value->is_scalar() ? std::string_view(value->text)
                            : std::string_view();
}

// A record's title from its own fields alone: the field its kind names
// its records by (a review's title, a person's name), "" when it has none.
std::string PlainTitle(const Record& record) {
  std::string_view field = SpecOf(record.kind).title_field;
  if (field.empty()) return {};
  return std::string(ReferencedId(record.fields->Find(field)));
}

// A record's title, once every record has its plain title: update and
// meeting titles use them.
std::string FullTitle(const Site& site, const Record& record) {
  auto title_of = [&](std::string_view id) -> std::string {
    const Record* named = site.Find(std::string(id));
    return named == nullptr ? std::string(id) : named->title;
  };
  const Value& fields = *record.fields;
  std::string title = record.title;
  switch (record.kind) {
    case RecordKind::kUpdate: {
      title = std::string(fields.Text("title"));
      if (title.empty()) {
        std::string date = DateText(fields.Find("date"));
        title = "Progress update" + (date.empty() ? "" : ", " + date) + ": " +
                title_of(fields.Text("review"));
      }
      break;
    }
    case RecordKind::kMeeting: {
      title = std::string(fields.Text("title"));
      if (title.empty()) {
        std::string_view committee = ReferencedId(fields.Find("committee"));
        std::string date = DateText(fields.Find("date"));
        title =
            (committee.empty() ? std::string("Meeting") : title_of(committee)) +
            (date.empty() ? "" : ", " + date);
      }
      break;
    }
    case RecordKind::kRecommendation: {
      title = "Recommendation " + record.number;
      std::string_view own = fields.Text("title");
      if (!own.empty()) title += ": " + std::string(own);
      break;
    }
    default:
      break;
  }
  if (title.empty()) title = record.id.value;
  return title;
}

void AssignTitles(Site* site) {
  for (Record& record : site->records) record.title = PlainTitle(record);
  for (Record& record : site->records) record.title = FullTitle(*site, record);
}

// Where the lines of a file start, found as far into the file as asked for
// and no further: most records need the start of their body only, near the
// top, or no position at all.
class LineStarts {
 public:
  explicit LineStarts(const std::string& text) : text_(text) {}

  // Byte offset in the text of 1-based (line, column).
  size_t OffsetOf(int line, int column) {
    const size_t wanted = static_cast<size_t>(std::max(line, 1));
    while (starts_.size() < wanted && ScanLine()) {
    }
    if (line > static_cast<int>(starts_.size())) return text_.size();
    const size_t start = starts_[wanted - 1];
    return std::min(text_.size(), start + std::max(0, column - 1));
  }

  // The 1-based line and column of byte `offset`.
  SourceLocation LocationAt(std::string_view path, size_t offset) {
    while (starts_.back() <= offset && ScanLine()) {
    }
    const size_t line = static_cast<size_t>(
        std::upper_bound(starts_.begin(), starts_.end(), offset) -
        starts_.begin());
    return SourceLocation{path, static_cast<int>(line),
                          static_cast<int>(offset - starts_[line - 1]) + 1};
  }

 private:
  // Finds the start of the next line; false at the end of the text.
  bool ScanLine() {
    if (scanned_ == std::string::npos) return false;
    const size_t newline = text_.find('\n', scanned_);
    if (newline == std::string::npos) {
      scanned_ = std::string::npos;
      return false;
    }
    starts_.push_back(newline + 1);
    scanned_ = newline + 1;
    return true;
  }

  const std::string& text_;
  std::vector<size_t> starts_{0};
  size_t scanned_ = 0;  // where the search for the next '\n' goes on
};

// An id that names no record, reported once every record is resolved.
struct UnknownId {
  SourceLocation location;
  std::string id;
  RecordKind target;
};

// Spelling suggestions for the first unknown ids of a run: each compares
// the id with every id of its kind, so suggesting for all of thousands (a
// renamed folder) took time growing with the square of the site.
constexpr size_t kMaxSuggestedIds = 100;

// Reports `unknown`, with the closest id of its kind when `suggest`.
void ReportUnknownId(const Site& site, const UnknownId& unknown, bool suggest,
                     Diagnostics& diagnostics) {
  const std::string kind(KindName(unknown.target));
  std::string closest;
  if (suggest) {
    std::vector<std::string_view> candidates;
    for (const Record& record : site.records) {
      if (unknown.target == RecordKind::kAny || record.kind == unknown.target) {
        candidates.push_back(record.id.value);
      }
    }
    closest = SuggestClosest(unknown.id, candidates);
  }
  std::string hint =
      "no " + kind + " has this id; check the spelling or add the record";
  if (!closest.empty()) {
    hint = "did you mean '" + closest + "'?";
  } else if (!suggest) {
    hint += " (spellings are suggested for the first " +
            std::to_string(kMaxSuggestedIds) + " unknown ids only)";
  }
  diagnostics.Error(unknown.location,
                    "unknown " + kind + " '" + unknown.id + "'", hint);
}

// Resolves the references of records, appending them to one vector. One
// Resolver serves one thread: it reads the site and writes only its own
// references and (thread-safe) diagnostics.
class Resolver {
 public:
  /// With `unknown_ids`, ids that name no record are kept there, for the
  /// caller to report; without, each is reported at once, with a spelling
  /// suggestion.
  Resolver(const Site& site, Diagnostics& diagnostics,
           std::vector<Reference>* references,
           std::vector<UnknownId>* unknown_ids = nullptr)
      : site_(site),
        diagnostics_(diagnostics),
        references_(references),
        unknown_ids_(unknown_ids) {}

  // Remembered per file: a record with many Markdown values, or a text with
  // many short links, must not rescan its file for each one (that took
  // minutes for a 1 MiB file).
  LineStarts& LinesOf(const std::string& text) {
    auto it = line_starts_.find(&text);
    if (it == line_starts_.end()) {
      it = line_starts_.emplace(&text, LineStarts(text)).first;
    }
    return it->second;
  }

  // Resolves record `index` of the site, or `record` in its place.
  void ResolveRecord(size_t index, const Record* record_in_place = nullptr) {
    record_ =
        record_in_place != nullptr ? record_in_place : &site_.records[index];
    const Record& record = *record_;
    from_ = index;
    const ObjectSpec& spec = *SpecOf(record.kind).fields;
    for (const MapEntry& entry : record.fields->entries) {
      // A review's recommendations are records of their own, resolved there.
      if (record.kind != RecordKind::kRecommendation &&
          entry.key == "recommendations" &&
          (record.kind == RecordKind::kReview ||
           record.kind == RecordKind::kWorkshop)) {
        continue;
      }
      if (const FieldSpec* field = spec.Find(entry.key)) {
        ResolveField(entry.value, *field, field->name);
      }
    }
    if (!record.body->empty()) {
      size_t start = LinesOf(*record.file_text).OffsetOf(record.body_line, 1);
      ResolveMarkdown(*record.body, start, "body");
    }
  }

 private:
  void ResolveField(const Value& value, const FieldSpec& field,
                    std::string_view name) {
    if (value.is_list() && (field.list || field.scalar_or_list)) {
      for (const Value& item : value.items) ResolveOne(item, field, name);
      return;
    }
    ResolveOne(value, field, name);
  }

  void ResolveOne(const Value& value, const FieldSpec& field,
                  std::string_view name) {
    const Value* plain = &value;
    if (field.uncertain && value.is_map()) {
      plain = value.Find("value");
      if (plain == nullptr) return;  // {unknown: ...}
    }
    switch (field.type) {
      case FieldType::kReference:
        if (!plain->is_scalar()) return;
        if (plain->text == record_->id.value) {
          // A committee that is its own predecessor, a recommendation that
          // follows on from itself: never what the records mean.
          diagnostics_.Error(plain->location,
                             "'" + plain->text + "' is this " +
                                 std::string(KindName(record_->kind)) +
                                 " itself: it cannot be in its own '" +
                                 std::string(name) + "'",
                             "name another record, or remove the entry");
          return;
        }
        Resolve(*plain, field.target, name);
        return;
      case FieldType::kPerson:
        if (plain->is_scalar()) {
          Resolve(*plain, RecordKind::kPerson, name);
        } else {
          ResolveObject(*plain, PersonReferenceFields(), name);
        }
        return;
      case FieldType::kRecommendationNumber:
        if (plain->is_scalar()) ResolveRecommendationNumber(*plain, name);
        return;
      case FieldType::kMarkdown:
        if (plain->is_scalar()) ResolveMarkdownValue(*plain, name);
        return;
      case FieldType::kObject:
        ResolveObject(*plain, *field.object, name);
        return;
      default:
        return;
    }
  }

  void ResolveObject(const Value& value, const ObjectSpec& spec,
                     std::string_view name) {
    for (const MapEntry& entry : value.entries) {
      const FieldSpec* field = spec.Find(entry.key);
      if (field == nullptr) continue;
      // The person of a {person: id, ...} is recorded under the outer
      // field's name ("present", "owners"), which is what pages group by.
      bool keep_outer =
          &spec == &PersonReferenceFields() && entry.key == "person";
      ResolveField(entry.value, *field, keep_outer ? name : field->name);
    }
  }

  void ResolveRecommendationNumber(const Value& value, std::string_view name) {
    const Record& record = *record_;
    std::string_view review = record.fields->Text("review");
    if (review.empty()) return;
    std::string id = std::string(review) + "/r" + value.text;
    if (!IsValidReference(id)) return;  // reported on load
    const size_t index = site_.index_by_id.Find(id);
    if (index == IdIndex::kNone) {
      if (!site_.index_by_id.Contains(review)) return;
      diagnostics_.Error(value.location,
                         "review '" + std::string(review) +
                             "' has no recommendation " + value.text,
                         "check the number against the review's "
                         "recommendations");
      return;
    }
    Add(index, name, value.location);
  }

  void ResolveMarkdownValue(const Value& value, std::string_view name) {
    const Record& record = *record_;
    size_t start = LinesOf(*record.file_text)
                       .OffsetOf(value.location.line, value.location.column);
    ResolveMarkdown(value.text, start, name);
  }

  // Short links carry no position of their own, so each is found again in
  // the file text after `start`, where the text came from.
  void ResolveMarkdown(std::string_view markdown, size_t start,
                       std::string_view name) {
    const Record& record = *record_;
    std::string_view file = *record.file_text;
    LineStarts& lines = LinesOf(*record.file_text);
    size_t search_from = start;
    for (const ShortLink& link : FindShortLinks(markdown)) {
      // "@id" where a destination starts: after "(", "<", or the space
      // or line break after "(" or "]:".
      const std::string needle = "@" + std::string(link.id);
      size_t found = file.find(needle, search_from);
      while (found != std::string_view::npos && found > 0 &&
             std::string_view("(<: \t\n").find(file[found - 1]) ==
                 std::string_view::npos) {
        found = file.find(needle, found + 1);
      }
      SourceLocation location;
      if (found == std::string_view::npos) {
        location = lines.LocationAt(record.location.path, start);
      } else {
        location = lines.LocationAt(record.location.path, found);
        search_from = found + needle.size();
      }
      Value target;
      target.kind = Value::Kind::kScalar;
      target.text = std::string(link.id);
      target.location = location;
      if (!IsValidReference(target.text)) {
        std::string hint = RecommendationReferenceHint(target.text);
        if (hint.empty()) {
          hint =
              "ids use lower-case letters, digits and hyphens, at most 80 "
              "characters";
        }
        diagnostics_.Error(location, "'" + target.text + "' is not a valid id",
                           std::move(hint));
        continue;
      }
      Resolve(target, RecordKind::kAny, name, link.words);
    }
  }

  void Resolve(const Value& value, RecordKind target, std::string_view name,
               std::string words = "") {
    const std::string& id = value.text;
    // A field's value was checked when the record was loaded (BadId in
    // record_validator.cpp); a short link's, before it came here.
    if (!IsValidReference(id)) return;
    const size_t index = site_.index_by_id.Find(id);
    if (index == IdIndex::kNone) {
      ReportUnknown(value, target);
      return;
    }
    const Record& found = site_.records[index];
    if (target != RecordKind::kAny && found.kind != target) {
      diagnostics_.Error(value.location,
                         "'" + id + "' is " +
                             WithArticle(KindName(found.kind)) + ", not " +
                             WithArticle(KindName(target)),
                         "field '" + std::string(name) + "' needs the id of " +
                             WithArticle(KindName(target)));
      return;
    }
    Add(index, name, value.location, std::move(words));
  }

  void ReportUnknown(const Value& value, RecordKind target) {
    UnknownId unknown{value.location, value.text, target};
    if (unknown_ids_ != nullptr) {
      unknown_ids_->push_back(std::move(unknown));
    } else {
      ReportUnknownId(site_, unknown, /*suggest=*/true, diagnostics_);
    }
  }

  void Add(size_t to, std::string_view name, const SourceLocation& location,
           std::string words = "") {
    references_->push_back(Reference{static_cast<uint32_t>(from_),
                                     static_cast<uint32_t>(to), name, location,
                                     std::move(words)});
  }

  const Site& site_;
  Diagnostics& diagnostics_;
  std::vector<Reference>* references_;
  std::vector<UnknownId>* unknown_ids_;
  size_t from_ = 0;
  const Record* record_ = nullptr;  // the record `from_` being resolved
  std::map<const std::string*, LineStarts> line_starts_;
};

// The references a site linked before resolved for each of its records,
// for those records of the site being linked that are sure to resolve to
// the same: a record's references depend only on its own fields, text and
// file, and on which id names which record of which kind. So the earlier
// site must have indexed and resolved everything without a problem (none
// to report again); the record must be in it under the same id, of the
// same kind, with the very same fields, body and file text, shared from
// the record cache (a file parsed again, or patched in place by serve, is
// resolved again); and every id its references named must name a record
// of the same kind now, whose index they are given. Records are matched by
// id rather than by index, so that a file added or deleted, which moves
// every record after it, leaves the other records' references to be
// taken: at 10,000 recommendations, resolving them all again was a third
// of serve's rebuild after a new file.
class PreviousReferences {
 public:
  PreviousReferences(const Site* previous, const Site& site) : site_(site) {
    if (previous == nullptr || !previous->references_reusable) return;
    previous_ = previous;
    const size_t count = previous->records.size();
    // Where each earlier record is now, when its id names a record of its
    // kind: what a reference to it resolves to now.
    now_.assign(count, kGone);
    for (size_t p = 0; p < count; ++p) {
      const Record& before = previous->records[p];
      const size_t now = site.index_by_id.Find(before.id.value);
      if (now != IdIndex::kNone && site.records[now].kind == before.kind) {
        now_[p] = static_cast<uint32_t>(now);
      }
    }
    // The earlier references by source: a counting sort of their indexes.
    // Within a source they stay in (target, field) order, and the sort by
    // target after is stable, so they come out as they went in: no two
    // earlier targets are one record now, as no two ids are one.
    starts_.assign(count + 1, 0);
    for (const Reference& reference : previous->references) {
      ++starts_[reference.from + 1];
    }
    for (size_t i = 0; i < count; ++i) starts_[i + 1] += starts_[i];
    by_source_.resize(previous->references.size());
    std::vector<uint32_t> next(starts_.begin(), starts_.end() - 1);
    for (size_t r = 0; r < previous->references.size(); ++r) {
      by_source_[next[previous->references[r].from]++] =
          static_cast<uint32_t>(r);
    }
  }

  /// Appends record i's earlier references to `out`, with the indexes of
  /// now; false, appending nothing, when the record must be resolved.
  bool AppendTo(size_t i, std::vector<Reference>* out) const {
    if (previous_ == nullptr) return false;
    const Record& now = site_.records[i];
    const size_t p = previous_->index_by_id.Find(now.id.value);
    if (p == IdIndex::kNone || !SameSource(previous_->records[p], now)) {
      return false;
    }
    const size_t first = out->size();
    for (uint32_t r = starts_[p]; r < starts_[p + 1]; ++r) {
      const Reference& before = previous_->references[by_source_[r]];
      if (now_[before.to] == kGone) {
        out->resize(first);
        return false;
      }
      out->push_back(before);
      out->back().from = static_cast<uint32_t>(i);
      out->back().to = now_[before.to];
    }
    return true;
  }

 private:
  static constexpr uint32_t kGone = static_cast<uint32_t>(-1);

  static bool SameSource(const Record& before, const Record& now) {
    return before.kind == now.kind && &*before.fields == &*now.fields &&
           &*before.body == &*now.body && before.body_line == now.body_line &&
           before.file_text == now.file_text &&
           before.location.path.data() == now.location.path.data() &&
           before.location.line == now.location.line &&
           before.location.column == now.location.column;
  }

  const Site& site_;
  const Site* previous_ = nullptr;  // null: every record is resolved
  std::vector<uint32_t> now_;       // earlier record's index now, or kGone
  std::vector<uint32_t> starts_;    // earlier record p's run in by_source_
  std::vector<uint32_t> by_source_;
};

// Every record's references, resolved in blocks of records on all cores:
// the blocks in record order, each in the order its records were resolved
// (or taken from `previous`). *resolved is how many were resolved.
std::vector<std::vector<Reference>> ResolveReferences(
    const Site& site, Diagnostics& diagnostics,
    const PreviousReferences& previous, size_t* resolved) {
  // A block is big enough that handing it out costs nothing next to it,
  // and keeps a review and its recommendations (which share a file, and
  // its line starts) mostly together.
  constexpr size_t kRecordsPerBlock = 64;
  const size_t count = site.records.size();
  std::vector<std::vector<Reference>> blocks((count + kRecordsPerBlock - 1) /
                                             kRecordsPerBlock);
  std::vector<std::vector<UnknownId>> unknown(blocks.size());
  std::atomic<size_t> resolved_records{0};
  ParallelFor(blocks.size(), [&](size_t block) {
    Resolver resolver(site, diagnostics, &blocks[block], &unknown[block]);
    const size_t end = std::min(count, (block + 1) * kRecordsPerBlock);
    size_t resolved_here = 0;
    for (size_t i = block * kRecordsPerBlock; i < end; ++i) {
      if (!previous.AppendTo(i, &blocks[block])) {
        resolver.ResolveRecord(i);
        ++resolved_here;
      }
    }
    resolved_records.fetch_add(resolved_here, std::memory_order_relaxed);
  });
  *resolved = resolved_records.load(std::memory_order_relaxed);
  // In record order, so that the same ids get suggestions every run.
  size_t reported = 0;
  for (const std::vector<UnknownId>& block : unknown) {
    for (const UnknownId& id : block) {
      ReportUnknownId(site, id, reported++ < kMaxSuggestedIds, diagnostics);
    }
  }
  return blocks;
}

// The references of `blocks`, taken in order, stable-sorted by (to, from,
// field).
std::vector<Reference> SortByTarget(
    std::vector<std::vector<Reference>> blocks) {
  size_t targets = 0;
  size_t count = 0;
  for (const std::vector<Reference>& block : blocks) {
    count += block.size();
    for (const Reference& reference : block) {
      targets = std::max<size_t>(targets, reference.to + size_t{1});
    }
  }
  // starts[t]: where the run of target t begins in the sorted vector.
  std::vector<size_t> starts(targets + 1, 0);
  for (const std::vector<Reference>& block : blocks) {
    for (const Reference& reference : block) ++starts[reference.to + 1];
  }
  for (size_t t = 0; t < targets; ++t) starts[t + 1] += starts[t];

  // Each thread places the references to one range of targets, ranges of
  // about equal counts: it reads every reference's target, but moves only
  // its own, so no two threads touch the same reference or slot.
  std::vector<Reference> sorted(count);
  const unsigned threads = ParallelThreadCount(count);
  std::vector<size_t> range_starts{0};
  for (size_t t = 1; t < targets && range_starts.size() < threads; ++t) {
    if (starts[t] >= count * range_starts.size() / threads) {
      range_starts.push_back(t);
    }
  }
  range_starts.push_back(targets);
  auto by_source = [](const Reference& a, const Reference& b) {
    return std::tie(a.from, a.field) < std::tie(b.from, b.field);
  };
  ParallelFor(range_starts.size() - 1, threads, [&](size_t range) {
    const size_t first = range_starts[range];
    const size_t last = range_starts[range + 1];
    std::vector<size_t> next(starts.begin() + first, starts.begin() + last);
    for (std::vector<Reference>& block : blocks) {
      for (Reference& reference : block) {
        if (reference.to >= first && reference.to < last) {
          sorted[next[reference.to - first]++] = std::move(reference);
        }
      }
    }
    // Within a target, references are mostly in (from, field) order
    // already: they were found record by record.
    for (size_t t = first; t < last; ++t) {
      auto begin = sorted.begin() + static_cast<std::ptrdiff_t>(starts[t]);
      auto end = sorted.begin() + static_cast<std::ptrdiff_t>(starts[t + 1]);
      if (!std::is_sorted(begin, end, by_source)) {
        std::stable_sort(begin, end, by_source);
      }
    }
  });
  return sorted;
}

}  // namespace

void SplitRecommendationsOf(const Record& parent, std::vector<Record>* split,
                            Diagnostics& diagnostics) {
  if (parent.kind != RecordKind::kReview &&
      parent.kind != RecordKind::kWorkshop) {
    return;
  }
  const Value* list = parent.fields->Find("recommendations");
  if (list == nullptr || !list->is_list()) return;
  std::map<std::string, int> heading_numbers;
  if (const Value* headings = parent.fields->Find("headings")) {
    for (const Value& heading : headings->items) {
      heading_numbers[std::string(heading.Text("number"))] = 1;
    }
  }
  // Numbers are compared as text: a valid number has one spelling only (no
  // leading zero, a lower-case letter), so "4" and "04" cannot both pass.
  std::map<std::string, int> seen_numbers;  // number -> line
  for (const Value& item : list->items) {
    std::string number(item.Text("number"));
    if (!IsValidRecommendationNumber(number)) continue;  // reported on load
    auto [seen, inserted] = seen_numbers.emplace(number, item.location.line);
    if (!inserted) {
      diagnostics.Error(item.Find("number")->location,
                        "duplicate recommendation number " + number,
                        "recommendation " + number + " is already at line " +
                            std::to_string(seen->second));
      continue;
    }
    std::string_view heading = item.Text("heading");
    if (!heading.empty() && heading_numbers.count(std::string(heading)) == 0) {
      diagnostics.Error(
          item.Find("heading")->location,
          "heading " + std::string(heading) +
              " is not one of the headings of '" + parent.id.value + "'",
          heading_numbers.empty()
              ? "add 'headings:' to the " + std::string(KindName(parent.kind))
              : "use the number of a heading listed under "
                "'headings:'");
    }
    CheckTargetChanges(item, diagnostics);
    Record recommendation;
    recommendation.kind = RecordKind::kRecommendation;
    recommendation.id.value = parent.id.value + "/r" + number;
    recommendation.fields = Shared<Value>(parent.fields, item);
    recommendation.file_text = parent.file_text;
    recommendation.location = item.location;
    recommendation.parent = parent.id;
    recommendation.number = number;
    split->push_back(std::move(recommendation));
  }
}

namespace {

constexpr size_t kNone = std::string_view::npos;

// Where `markdown` holds code, in which "[x](@id)" is text, not a link:
// fenced code blocks, and code spans (a run of backticks up to the next
// run of as many, in the same paragraph). [begin, end) ranges in order.
std::vector<std::pair<size_t, size_t>> CodeRanges(std::string_view markdown) {
  std::vector<std::pair<size_t, size_t>> ranges;
  const size_t size = markdown.size();
  // Every run of backticks outside fences, and for each the next run of
  // the same length: found from the end in one pass, so that many runs
  // that close nothing cost no search each.
  struct Run {
    size_t at, length, next_same = kNone;
  };
  std::vector<Run> runs;
  std::vector<std::pair<size_t, size_t>> fences;
  for (size_t i = 0; i < size;) {
    const bool line_start = i == 0 || markdown[i - 1] == '\n';
    if (line_start) {
      size_t j = i;
      while (j < size && (markdown[j] == ' ' || markdown[j] == '\t')) ++j;
      const char fence = j < size ? markdown[j] : '\0';
      size_t length = 0;
      while (j + length < size && markdown[j + length] == fence) ++length;
      if ((fence == '`' || fence == '~') && length >= 3) {
        // Up to the line that closes it with as many, or the end.
        size_t end = size;
        for (size_t line = markdown.find('\n', j); line != kNone;
             line = markdown.find('\n', line + 1)) {
          size_t k = line + 1;
          while (k < size && (markdown[k] == ' ' || markdown[k] == '\t')) ++k;
          size_t closing = 0;
          while (k + closing < size && markdown[k + closing] == fence)
            ++closing;
          if (closing >= length) {
            end = std::min(size, markdown.find('\n', k) == kNone
                                     ? size
                                     : markdown.find('\n', k));
            break;
          }
        }
        fences.emplace_back(i, end);
        i = end;
        continue;
      }
    }
    if (markdown[i] == '\\') {
      i += 2;
      continue;
    }
    if (markdown[i] == '`') {
      size_t length = 0;
      while (i + length < size && markdown[i + length] == '`') ++length;
      runs.push_back(Run{i, length});
      i += length;
      continue;
    }
    ++i;
  }
  std::unordered_map<size_t, size_t> last_of_length;
  for (size_t r = runs.size(); r-- > 0;) {
    auto it = last_of_length.find(runs[r].length);
    if (it != last_of_length.end()) runs[r].next_same = it->second;
    last_of_length[runs[r].length] = r;
  }
  size_t fence = 0;
  // The next blank line, found again only once the runs pass it.
  size_t paragraph_end =
      runs.empty() ? kNone : markdown.find("\n\n", runs.front().at);
  for (size_t r = 0; r < runs.size();) {
    const Run& open = runs[r];
    while (fence < fences.size() && fences[fence].second <= open.at) {
      ranges.push_back(fences[fence++]);
    }
    if (paragraph_end != kNone && paragraph_end < open.at) {
      paragraph_end = markdown.find("\n\n", open.at);
    }
    if (open.next_same != kNone &&
        (paragraph_end == kNone || runs[open.next_same].at < paragraph_end)) {
      const Run& close = runs[open.next_same];
      ranges.emplace_back(open.at, close.at + close.length);
      r = open.next_same + 1;
    } else {
      ++r;
    }
  }
  while (fence < fences.size()) ranges.push_back(fences[fence++]);
  std::sort(ranges.begin(), ranges.end());
  return ranges;
}

// The id of a destination at `at` ("@id", or "<@id>", after white space
// with at most one line break, as CommonMark allows), ending where
// `ends_id` says; sets *offset to the '@'. Rejects anything but a
// destination that is an id alone.
bool ShortDestination(std::string_view markdown, size_t at,
                      std::string_view ends_id, std::string_view* id,
                      size_t* offset, size_t* after) {
  const size_t size = markdown.size();
  auto skip_blanks = [&](size_t i) {
    while (i < size && (markdown[i] == ' ' || markdown[i] == '\t')) ++i;
    return i;
  };
  at = skip_blanks(at);
  if (at < size && markdown[at] == '\n') at = skip_blanks(at + 1);
  const bool angle = at < size && markdown[at] == '<';
  if (angle) ++at;
  if (at >= size || markdown[at] != '@') return false;
  size_t end = markdown.find_first_of(angle ? ">\n" : ends_id, at + 1);
  if (end == kNone) {
    if (angle) return false;
    end = size;
  }
  if (angle && markdown[end] != '>') return false;
  *id = markdown.substr(at + 1, end - at - 1);
  if (angle && id->find_first_of(" \t") != std::string_view::npos) {
    return false;
  }
  *offset = at;
  *after = angle ? end + 1 : end;
  return true;
}

}  // namespace

void RetitleRecords(Site* site, const std::vector<size_t>& changed,
                    std::vector<std::pair<size_t, std::string>>* before) {
  // The records named after a changed one link to it: by `review` or
  // `committee`, both references.
  std::set<size_t> retitled(changed.begin(), changed.end());
  for (size_t index : changed) {
    auto first =
        std::lower_bound(site->references.begin(), site->references.end(),
                         index, [](const Reference& reference, size_t to) {
                           return reference.to < to;
                         });
    for (auto it = first; it != site->references.end() && it->to == index;
         ++it) {
      retitled.insert(it->from);
    }
  }
  // In two rounds, as AssignTitles: a title made from another's reads the
  // other's plain one, which is its whole title.
  for (size_t index : retitled) {
    Record& record = site->records[index];
    before->emplace_back(index, record.title);
    record.title = PlainTitle(record);
  }
  for (size_t index : retitled) {
    Record& record = site->records[index];
    record.title = FullTitle(*site, record);
  }
}

std::vector<ShortLink> FindShortLinks(std::string_view markdown) {
  std::vector<ShortLink> links;
  if (markdown.find('@') == kNone) return links;
  const std::vector<std::pair<size_t, size_t>> code = CodeRanges(markdown);
  size_t next_code = 0;
  auto in_code = [&](size_t offset) {
    while (next_code < code.size() && code[next_code].second <= offset) {
      ++next_code;
    }
    return next_code < code.size() && code[next_code].first <= offset;
  };
  // Links, "[words](@id)", and reference definitions, "[label]: @id", in
  // the order they are written.
  for (size_t position = markdown.find(']'); position != kNone;
       position = markdown.find(']', position + 1)) {
    if (position + 1 >= markdown.size()) break;
    const char next = markdown[position + 1];
    if (next != '(' && next != ':') continue;
    std::string_view id;
    size_t offset = 0;
    size_t after = 0;
    if (!ShortDestination(markdown, position + 2,
                          next == '(' ? ") \t\n" : " \t\n", &id, &offset,
                          &after) ||
        in_code(offset)) {
      continue;
    }
    if (next == '(') {
      // As in CommonMark, spaces and a title may follow the destination:
      // [words](@id "title") and [words](@id ) are links too.
      size_t close = markdown.find_first_not_of(" \t\n", after);
      if (close == kNone ||
          std::string_view(")\"'(").find(markdown[close]) == kNone) {
        continue;
      }
    } else {
      // A definition starts its line (after at most three spaces) and
      // nothing but a title follows it there.
      size_t line = markdown.rfind('\n', position);
      line = line == kNone ? 0 : line + 1;
      size_t open = markdown.find('[', line);
      if (open == kNone || open > position || open - line > 3 ||
          markdown.substr(line, open - line).find_first_not_of(' ') != kNone) {
        continue;
      }
      size_t rest = markdown.find_first_not_of(" \t", after);
      if (rest != kNone && markdown[rest] != '\n' &&
          std::string_view("\"'(").find(markdown[rest]) == kNone) {
        continue;
      }
      links.push_back(ShortLink{id, offset, std::string()});
      continue;
    }
    // The words are looked for a short way back only: a '[' far off is not
    // this link's, and a long search per link would make a text of many
    // links quadratic.
    constexpr size_t kMaxWords = 200;
    size_t window = position > kMaxWords ? position - kMaxWords : 0;
    size_t open = markdown.substr(window, position - window).rfind('[');
    std::string words;
    if (open != kNone) {
      words = markdown.substr(window + open + 1, position - window - open - 1);
      std::replace(words.begin(), words.end(), '\n', ' ');
    }
    links.push_back(ShortLink{id, offset, std::move(words)});
  }
  return links;
}

std::vector<Reference> ResolveRecordReferences(const Site& site, size_t index,
                                               const Record& record,
                                               Diagnostics& diagnostics) {
  std::vector<Reference> references;
  Resolver resolver(site, diagnostics, &references);
  resolver.ResolveRecord(index, &record);
  return references;
}

void LinkSite(Site* site, Diagnostics& diagnostics, const Site* previous) {
  SplitRecommendations(site, diagnostics);
  // A problem reported from here on (an id used twice, an unknown one, one
  // of the wrong kind) means some references are missing, or would be
  // reported again: such a site's references are not taken by the next.
  const int reported = diagnostics.error_count() + diagnostics.warning_count();
  IndexIds(site, diagnostics);
  AssignTitles(site);
  std::vector<std::vector<Reference>> blocks;
  {
    StageTimer timer("resolve references");
    blocks = ResolveReferences(*site, diagnostics,
                               PreviousReferences(previous, *site),
                               &site->records_resolved);
  }
  // References the site had before it was linked (tests add some) would be
  // taken again with a record's own.
  site->references_reusable =
      site->references.empty() &&
      diagnostics.error_count() + diagnostics.warning_count() == reported;
  // Any references the site had come first, as if resolved before.
  blocks.insert(blocks.begin(), std::move(site->references));
  site->references = SortByTarget(std::move(blocks));
}

}  // namespace scrutineer
