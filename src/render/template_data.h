// TemplateData: the values a page template is rendered with. A string, a
// boolean, a list of values or an object of named values, as Mustache sees
// them, with the interface of kainjow mustache's `data` that the page code was
// written against.
//
// Building a large site's pages builds millions of these, so unlike kainjow's
// (which deep-copies every map, list and string on every copy) a copy only
// shares: lists, objects and strings live in immutable, reference-counted
// nodes, and a list is cloned, one level deep, only when a value that shares
// it is changed (copy-on-write). Objects are small vectors of (key, value)
// pairs searched in order: pages have a few dozen keys at most. A shared
// object that is changed is not cloned but extended: the change gets a new
// object of its own keys whose `base` is the shared one, read after them.
// Most pages take a record's link, made once for the build and shared, and
// add a key or two to it ("via", "date"); at 100,000 recommendations the
// clones of those links were a tenth of a build.
//
// Threads: the reference counts are atomic, so values may be shared between
// threads and read from several at once; one value must not be changed while
// another thread uses that same value (the usual rule for standard types).
#ifndef SCRUTINEER_RENDER_TEMPLATE_DATA_H_
#define SCRUTINEER_RENDER_TEMPLATE_DATA_H_

#include <atomic>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/swar.h"

namespace scrutineer {

class TemplateData {
 public:
  enum class type : uint8_t { object, string, list, bool_true, bool_false };
  using List = std::vector<TemplateData>;
  using Entry = std::pair<std::string, TemplateData>;
  using Object = std::vector<Entry>;

  /// An empty object, as kainjow's default.
  TemplateData() noexcept : type_(type::object), node_(nullptr) {}
  /// An empty object, an empty list, an empty string, true or false.
  TemplateData(type t);              // NOLINT: implicit, as kainjow's
  TemplateData(std::string text);    // NOLINT
  TemplateData(const char* text);    // NOLINT
  TemplateData(bool value) noexcept  // NOLINT
      : type_(value ? type::bool_true : type::bool_false), node_(nullptr) {}

  TemplateData(const TemplateData& other) noexcept
      : type_(other.type_), node_(other.node_) {
    if (node_ != nullptr) node_->refs.fetch_add(1, std::memory_order_relaxed);
  }
  /// Leaves `other` an empty object.
  TemplateData(TemplateData&& other) noexcept
      : type_(other.type_), node_(other.node_) {
    other.type_ = type::object;
    other.node_ = nullptr;
  }
  TemplateData& operator=(const TemplateData& other) noexcept {
    TemplateData copy(other);
    swap(copy);
    return *this;
  }
  TemplateData& operator=(TemplateData&& other) noexcept {
    TemplateData moved(std::move(other));
    swap(moved);
    return *this;
  }
  ~TemplateData() {
    if (node_ != nullptr &&
        node_->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      Destroy();
    }
  }
  void swap(TemplateData& other) noexcept {
    std::swap(type_, other.type_);
    std::swap(node_, other.node_);
  }

  type kind() const { return type_; }
  bool is_object() const { return type_ == type::object; }
  bool is_string() const { return type_ == type::string; }
  bool is_list() const { return type_ == type::list; }
  bool is_bool() const { return is_true() || is_false(); }
  bool is_true() const { return type_ == type::bool_true; }
  bool is_false() const { return type_ == type::bool_false; }

  // Objects. set() on a value that is not an object does nothing, as in
  // kainjow; setting a key that is there replaces its value.
  bool is_empty_object() const { return is_object() && !HasEntries(); }
  bool is_non_empty_object() const { return is_object() && HasEntries(); }
  void set(std::string name, TemplateData value);
  /// The value of `name` in this object; nullptr when absent or not an object.
  const TemplateData* get(std::string_view name) const {
    return get(name, KeyBit(name));
  }
  /// get(name), given KeyBit(name), for a caller that looks one name up
  /// many times (a template's tags).
  const TemplateData* get(std::string_view name, uint64_t key_bit) const;
  // One of 64 bits for a key, from its length and three of its bytes. An
  // object keeps the bits of all its keys, so that looking up a key it
  // does not have (as Mustache does at every level of its context, inner
  // first) mostly ends at one test instead of comparing every key.
  static uint64_t KeyBit(std::string_view key) {
    const size_t size = key.size();
    if (size == 0) return 1;
    const uint32_t hash = static_cast<uint32_t>(size) * 0x45d9f3bU ^
                          static_cast<uint8_t>(key[0]) * 0x119de1f3U ^
                          static_cast<uint8_t>(key[size / 2]) * 0x1b873593U ^
                          static_cast<uint8_t>(key[size - 1]) * 0x3b9ac9c3U;
    return uint64_t{1} << (hash >> 26);
  }

  /// The entries of an object, in the order first set (empty otherwise).
  /// Returned by value: an object that extends another holds only its own
  /// entries, and the two are merged here.
  Object object_value() const;

  // Lists. push_back() on a value that is not a list does nothing.
  void push_back(TemplateData value);
  /// The items of a list (empty when not a list).
  const List& list_value() const;
  bool is_empty_list() const { return is_list() && list_value().empty(); }
  bool is_non_empty_list() const { return is_list() && !list_value().empty(); }

  /// The text of a string (empty when not a string), valid while this
  /// value or another that shares it lives.
  std::string_view string_value() const;

  /// Whether a string's text holds any of the bytes HTML escaping replaces,
  /// as the renderer last noted it: a string many pages share (a link's
  /// address and title, made once for the build) is then scanned once
  /// rather than on every page that writes it. Notes are kept with the
  /// text, which is immutable, so they hold for every value sharing it and
  /// may be written from several threads at once (all write the same).
  enum class Escapes : uint8_t { unknown, none, some };
  Escapes html_escapes() const;
  void note_html_escapes(Escapes escapes) const;

  /// Gives back the spare room of this value's own keys or items, when no
  /// other value shares them: for a value kept for a whole build (a link in
  /// the link cache), which would otherwise keep room for four keys.
  void shrink_to_fit();

  /// True when this value and `other` share one node (for tests).
  bool shares_storage_with(const TemplateData& other) const {
    return node_ != nullptr && node_ == other.node_;
  }

 private:
  struct Node {
    std::atomic<uint32_t> refs{1};
  };
  struct StringNode;
  struct ListNode;
  struct ObjectNode;

  void Destroy() noexcept;
  // Whether an object has any key, its own or its base's.
  bool HasEntries() const;
  // The node to change, cloned first if it is shared.
  ObjectNode* MutableObject();
  ListNode* MutableList();
  // This object's own node (not shared) moved into one with room for
  // `capacity` entries.
  ObjectNode* ResizeObject(size_t capacity);

  type type_;
  Node* node_;  // null for booleans and for empty objects, lists and strings
};

// A string's bytes follow its node in one allocation: one allocation for
// a string rather than two, and the bytes are next to what a page reads
// before them (a page's variables are mostly the link cache's strings,
// spread over tens of MB).
struct TemplateData::StringNode : TemplateData::Node {
  mutable std::atomic<Escapes> escapes{Escapes::unknown};  // in Node's padding
  size_t size = 0;

  static StringNode* Make(std::string_view text);
  static void Free(StringNode* node) noexcept;
  std::string_view value() const {
    return std::string_view(reinterpret_cast<const char*>(this + 1), size);
  }
};
struct TemplateData::ListNode : TemplateData::Node {
  List items;
};
// An object's entries follow its node in one allocation, as a string's
// bytes do: a lookup reads the node and its keys without another pointer
// to follow, and an object is one allocation. A node that runs out of room
// is moved into a bigger one (ResizeObject), which only its one owner can
// do: a shared node is copied before it is changed.
struct TemplateData::ObjectNode : TemplateData::Node {
  uint32_t size = 0;
  uint32_t capacity = 0;
  uint64_t key_bits = 0;  // KeyBit of every key in the entries
  // The object this one extends (see the top of this file): an object
  // whose own base is empty, so that a lookup reads two objects at most.
  // Its keys are this object's too, under this object's own.
  TemplateData base;

  static ObjectNode* Make(size_t capacity);
  static void Free(ObjectNode* node) noexcept;
  Entry* begin() { return reinterpret_cast<Entry*>(this + 1); }
  Entry* end() { return begin() + size; }
  const Entry* begin() const {
    return reinterpret_cast<const Entry*>(this + 1);
  }
  const Entry* end() const { return begin() + size; }
};
inline const TemplateData* TemplateData::get(std::string_view name,
                                             uint64_t key_bit) const {
  if (type_ != type::object || node_ == nullptr) return nullptr;
  const auto* object = static_cast<const ObjectNode*>(node_);
  if ((object->key_bits & key_bit) != 0) {
    const size_t size = name.size();
    for (const Entry& entry : *object) {
      // Many keys are of one length ("href", "text", "date"): the first
      // byte tells most of them apart before the rest is compared.
      const std::string& key = entry.first;
      if (key.size() == size &&
          (size == 0 || (key[0] == name[0] &&
                         swar::SameBytes(key.data(), name.data(), size)))) {
        return &entry.second;
      }
    }
  }
  if (object->base.node_ == nullptr) return nullptr;
  return object->base.get(name, key_bit);
}

inline const TemplateData::List& TemplateData::list_value() const {
  static const List kEmpty;
  if (type_ != type::list || node_ == nullptr) return kEmpty;
  return static_cast<const ListNode*>(node_)->items;
}

inline std::string_view TemplateData::string_value() const {
  if (type_ != type::string || node_ == nullptr) return {};
  return static_cast<const StringNode*>(node_)->value();
}

inline TemplateData::Escapes TemplateData::html_escapes() const {
  if (type_ != type::string) return Escapes::unknown;
  if (node_ == nullptr) return Escapes::none;
  return static_cast<const StringNode*>(node_)->escapes.load(
      std::memory_order_relaxed);
}

inline void TemplateData::note_html_escapes(Escapes escapes) const {
  if (type_ != type::string || node_ == nullptr) return;
  static_cast<const StringNode*>(node_)->escapes.store(
      escapes, std::memory_order_relaxed);
}

}  // namespace scrutineer

#endif  // SCRUTINEER_RENDER_TEMPLATE_DATA_H_
