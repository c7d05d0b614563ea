// Value: a YAML document as the loader read it, every node with its
// position in the file. Records keep their fields as Values so that every
// later stage can point at the exact line and column of what it complains of.
#ifndef SCRUTINEER_MODEL_VALUE_H_
#define SCRUTINEER_MODEL_VALUE_H_

#include <string>
#include <string_view>
#include <vector>

#include "diag/source_location.h"

namespace scrutineer {

struct MapEntry;

struct Value {
  enum class Kind { kNull, kScalar, kList, kMap };

  Kind kind = Kind::kNull;
  SourceLocation location;
  std::string text;               // kScalar
  bool quoted = false;            // kScalar written in quotes or as a block
  std::vector<Value> items;       // kList
  std::vector<MapEntry> entries;  // kMap, in file order

  bool is_null() const { return kind == Kind::kNull; }
  bool is_scalar() const { return kind == Kind::kScalar; }
  bool is_list() const { return kind == Kind::kList; }
  bool is_map() const { return kind == Kind::kMap; }

  /// The value under `key` in a map, or nullptr (also for non-maps).
  const Value* Find(std::string_view key) const;
  /// The scalar text under `key`, or "" when absent or not a scalar.
  std::string_view Text(std::string_view key) const;
};

struct MapEntry {
  std::string key;
  SourceLocation key_location;
  Value value;
};

/// Gives back the spare capacity of every text, list and map in the tree:
/// a site keeps its records for the whole build, and the lists and maps a
/// parser grew one by one hold on average a third more than they need.
void ShrinkToFit(Value* value);

/// "a map", "a list", "text", "nothing": for messages.
const char* DescribeKind(Value::Kind kind);

/// The whole tree on one line, every node's kind, position and text, keys
/// with theirs: two trees that print the same are the same to every stage.
/// For tests and fuzzers that compare two ways of reading one file.
std::string DescribeTree(const Value& value);

}  // namespace scrutineer

#endif  // SCRUTINEER_MODEL_VALUE_H_
