// Value: a YAML document as the loader read it, every node with its
// position in the file. Records keep their fields as Values so that every
// later stage can point at the exact line and column of what it complains of.
#ifndef SCRUTINEER_MODEL_VALUE_H_
#define SCRUTINEER_MODEL_VALUE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diag/source_location.h"

namespace scrutineer {

struct MapEntry;

/// A list's items or a map's entries: a vector behind one pointer, none
/// while empty, with the part of std::vector's interface the stages use.
/// Most Values are scalars, which have neither: two empty vectors were 48
/// of a Value's 120 bytes, and at 10,000 recommendations a site keeps some
/// 400,000 Values for a whole build. Copies are deep, as a vector's.
template <typename T>
class Children {
 public:
  Children() = default;
  Children(const Children& other) { *this = other; }
  Children(Children&& other) noexcept = default;
  Children& operator=(const Children& other) {
    if (this != &other) {
      items_ = other.empty() ? nullptr
                             : std::make_unique<std::vector<T>>(*other.items_);
    }
    return *this;
  }
  Children& operator=(Children&& other) noexcept = default;
  ~Children() = default;

  size_t size() const { return items_ ? items_->size() : 0; }
  size_t capacity() const { return items_ ? items_->capacity() : 0; }
  bool empty() const { return size() == 0; }
  T* begin() { return items_ ? items_->data() : nullptr; }
  T* end() { return items_ ? items_->data() + items_->size() : nullptr; }
  const T* begin() const { return items_ ? items_->data() : nullptr; }
  const T* end() const {
    return items_ ? items_->data() + items_->size() : nullptr;
  }
  T& operator[](size_t i) { return (*items_)[i]; }
  const T& operator[](size_t i) const { return (*items_)[i]; }
  T& front() { return items_->front(); }
  const T& front() const { return items_->front(); }
  T& back() { return items_->back(); }
  const T& back() const { return items_->back(); }

  void push_back(T item) { Items().push_back(std::move(item)); }
  template <typename... Args>
  T& emplace_back(Args&&... args) {
    return Items().emplace_back(std::forward<Args>(args)...);
  }
  void reserve(size_t count) {
    if (count > 0) Items().reserve(count);
  }
  /// Removes [first, last), as std::vector::erase.
  void erase(T* first, T* last) {
    if (first == last) return;
    items_->erase(items_->begin() + (first - items_->data()),
                  items_->begin() + (last - items_->data()));
  }
  void clear() { items_.reset(); }
  void shrink_to_fit() {
    if (!items_) return;
    if (items_->empty()) {
      items_.reset();
    } else {
      items_->shrink_to_fit();
    }
  }

 private:
  std::vector<T>& Items() {
    if (!items_) items_ = std::make_unique<std::vector<T>>();
    return *items_;
  }

  std::unique_ptr<std::vector<T>> items_;
};

struct Value {
  enum class Kind : uint8_t { kNull, kScalar, kList, kMap };

  Kind kind = Kind::kNull;
  bool quoted = false;  // kScalar written in quotes or as a block
  SourceLocation location;
  std::string text;            // kScalar
  Children<Value> items;       // kList
  Children<MapEntry> entries;  // kMap, in file order

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
  MapEntry() = default;
  MapEntry(std::string key_text, const SourceLocation& key_at,
           Value entry_value)
      : key(std::move(key_text)),
        key_line(key_at.line),
        key_column(key_at.column),
        value(std::move(entry_value)) {}

  std::string key;
  // Where the key is, in the file its value is in (a site keeps some
  // 400,000 entries at 10,000 recommendations: the file's path once, in
  // the value, not twice).
  int key_line = 0;
  int key_column = 0;
  Value value;

  SourceLocation key_location() const {
    return SourceLocation{value.location.path, key_line, key_column};
  }
  void set_key_location(const SourceLocation& at) {
    key_line = at.line;
    key_column = at.column;
  }
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
