// The site as data: the configuration, every record, and the cross-reference
// graph the link stage builds. Plain structs; the stages fill and read them.
#ifndef SCRUTINEER_MODEL_SITE_H_
#define SCRUTINEER_MODEL_SITE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "config/site_config.h"
#include "model/id_index.h"
#include "model/schema.h"
#include "model/value.h"
#include "util/shared.h"

namespace scrutineer {

/// A record id. Ids are unique across the site, whatever their kind; a
/// recommendation's is "<review or workshop id>/r<number>".
struct RecordId {
  std::string value;
  bool operator<(const RecordId& other) const { return value < other.value; }
  bool operator==(const RecordId& other) const { return value == other.value; }
};

struct Record {
  RecordKind kind = RecordKind::kAny;
  RecordId id;
  /// The validated fields, as written (a map). Copies of a record share
  /// them, and a recommendation shares its entry in its review's list.
  Shared<Value> fields;
  /// A Markdown file's body, shared by copies, and the 1-based line it
  /// starts on.
  Shared<std::string> body;
  int body_line = 0;
  /// The whole file, for positions inside Markdown text.
  std::shared_ptr<const std::string> file_text;
  SourceLocation location;  // the file, line 1 (or the recommendation entry)
  /// Recommendations only: the review or workshop it belongs to, and its
  /// number as written ("16", "4a").
  RecordId parent;
  std::string number;
  /// Filled by the link stage: the title pages and links show.
  std::string title;
};

/// One link from a record to another, found in a field or Markdown text.
struct Reference {
  // Indexes into Site::records. A site keeps some 170,000 references at
  // 10,000 recommendations for the whole build: they are kept small.
  uint32_t from = 0;
  uint32_t to = 0;
  /// The field that holds it: "committee", "follows", ...; a name from the
  /// schema (FieldSpec::name) or "body", which outlive every site.
  std::string_view field;
  SourceLocation location;
  /// A Markdown short link's own words ("[words](@id)"); empty otherwise.
  std::string words;
};

struct Site {
  SiteConfig config;
  /// Owns the relative paths that SourceLocations point into (shared with
  /// a RecordCache's records, when the site was loaded through one).
  std::vector<std::shared_ptr<const std::string>> source_paths;
  std::vector<Record> records;  // in load order: sorted by path
  IdIndex index_by_id;
  /// The records whose id an earlier record has, in order: the link stage
  /// reports each one (index_by_id keeps the first).
  std::vector<size_t> repeated_ids;
  /// Every resolved reference, sorted by (to, from, field): the backlinks of
  /// record i are the run with to == i.
  std::vector<Reference> references;
  /// Set by the link stage when it indexed and resolved every record
  /// without a problem: a later link of the same site folder may then take
  /// the references of records that have not changed from this one
  /// (LinkSite's `previous`).
  bool references_reusable = false;
  /// How many records the link stage resolved, rather than took their
  /// references from the site linked before: for tests.
  size_t records_resolved = 0;

  const Record* Find(std::string_view id) const {
    const size_t index = index_by_id.Find(id);
    return index == IdIndex::kNone ? nullptr : &records[index];
  }
};

}  // namespace scrutineer

#endif  // SCRUTINEER_MODEL_SITE_H_
