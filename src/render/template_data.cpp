#include "render/template_data.h"

#include <algorithm>
#include <cstring>
#include <new>

namespace scrutineer {
namespace {

// Room for the first few keys or items at once: most objects and lists in a
// page are links, dates and the like, of two to six.
constexpr size_t kFirstCapacity = 4;

}  // namespace

TemplateData::TemplateData(type t) : type_(t), node_(nullptr) {}

TemplateData::StringNode* TemplateData::StringNode::Make(
    std::string_view text) {
  static_assert(sizeof(StringNode) == 16, "the note of escapes takes no room");
  void* memory = ::operator new(sizeof(StringNode) + text.size());
  auto* node = new (memory) StringNode;
  node->size = text.size();
  std::memcpy(reinterpret_cast<char*>(node + 1), text.data(), text.size());
  return node;
}

void TemplateData::StringNode::Free(StringNode* node) noexcept {
  node->~StringNode();
  ::operator delete(static_cast<void*>(node));
}

TemplateData::ObjectNode* TemplateData::ObjectNode::Make(size_t capacity) {
  static_assert(sizeof(ObjectNode) % alignof(Entry) == 0,
                "an object's entries follow its node, aligned");
  void* memory = ::operator new(sizeof(ObjectNode) + capacity * sizeof(Entry));
  auto* node = new (memory) ObjectNode;
  node->capacity = static_cast<uint32_t>(capacity);
  return node;
}

void TemplateData::ObjectNode::Free(ObjectNode* node) noexcept {
  for (Entry& entry : *node) entry.~Entry();
  node->~ObjectNode();
  ::operator delete(static_cast<void*>(node));
}

TemplateData::TemplateData(std::string text)
    : type_(type::string), node_(nullptr) {
  if (!text.empty()) node_ = StringNode::Make(text);
}

TemplateData::TemplateData(const char* text)
    : type_(type::string), node_(nullptr) {
  if (text != nullptr && text[0] != '\0') node_ = StringNode::Make(text);
}

void TemplateData::Destroy() noexcept {
  switch (type_) {
    case type::string:
      StringNode::Free(static_cast<StringNode*>(node_));
      break;
    case type::list:
      delete static_cast<ListNode*>(node_);
      break;
    case type::object:
      ObjectNode::Free(static_cast<ObjectNode*>(node_));
      break;
    case type::bool_true:
    case type::bool_false:
      break;
  }
  node_ = nullptr;
}

TemplateData::ObjectNode* TemplateData::MutableObject() {
  if (node_ == nullptr) {
    node_ = ObjectNode::Make(kFirstCapacity);
  } else if (node_->refs.load(std::memory_order_acquire) != 1) {
    const auto* shared = static_cast<const ObjectNode*>(node_);
    ObjectNode* copy;
    if (shared->base.node_ == nullptr) {
      // Extended: the new object starts empty and reads the shared one
      // after its own keys.
      copy = ObjectNode::Make(kFirstCapacity);
      copy->base = *this;
    } else {
      // A shared object that extends another is copied, base and all, so
      // that no object is more than two deep.
      copy = ObjectNode::Make(shared->size + 4);
      for (const Entry& entry : *shared) {
        new (copy->end()) Entry(entry);
        ++copy->size;
      }
      copy->key_bits = shared->key_bits;
      copy->base = shared->base;
    }
    TemplateData old;
    old.type_ = type::object;
    old.node_ = node_;  // released when `old` goes
    node_ = copy;
  }
  return static_cast<ObjectNode*>(node_);
}

TemplateData::ObjectNode* TemplateData::ResizeObject(size_t capacity) {
  auto* object = static_cast<ObjectNode*>(node_);
  ObjectNode* moved = ObjectNode::Make(capacity);
  for (Entry& entry : *object) {
    new (moved->end()) Entry(std::move(entry));
    ++moved->size;
  }
  moved->key_bits = object->key_bits;
  moved->base = std::move(object->base);
  ObjectNode::Free(object);  // its entries are moved from
  node_ = moved;
  return moved;
}

TemplateData::ListNode* TemplateData::MutableList() {
  if (node_ == nullptr) {
    auto* list = new ListNode;
    list->items.reserve(kFirstCapacity);
    node_ = list;
  } else if (node_->refs.load(std::memory_order_acquire) != 1) {
    auto* copy = new ListNode;
    const List& shared = static_cast<ListNode*>(node_)->items;
    copy->items.reserve(shared.size() + 4);
    copy->items = shared;
    TemplateData old;
    old.type_ = type::list;
    old.node_ = node_;
    node_ = copy;
  }
  return static_cast<ListNode*>(node_);
}

void TemplateData::set(std::string name, TemplateData value) {
  if (type_ != type::object) return;
  ObjectNode* object = MutableObject();
  const uint64_t bit = KeyBit(name);
  if ((object->key_bits & bit) != 0) {
    for (Entry& entry : *object) {
      if (entry.first == name) {
        entry.second = std::move(value);
        return;
      }
    }
  }
  if (object->size == object->capacity) {
    object = ResizeObject(
        std::max(kFirstCapacity, 2 * static_cast<size_t>(object->capacity)));
  }
  object->key_bits |= bit;
  new (object->end()) Entry(std::move(name), std::move(value));
  ++object->size;
}

bool TemplateData::HasEntries() const {
  if (type_ != type::object || node_ == nullptr) return false;
  const auto* object = static_cast<const ObjectNode*>(node_);
  return object->size != 0 || object->base.HasEntries();
}

TemplateData::Object TemplateData::object_value() const {
  if (type_ != type::object || node_ == nullptr) return {};
  const auto* object = static_cast<const ObjectNode*>(node_);
  if (object->base.node_ == nullptr)
    return Object(object->begin(), object->end());
  // The base's keys first, as they were set first, each with this object's
  // value where it has one; then the keys only this object has.
  Object merged;
  for (const Entry& entry : object->base.object_value()) {
    const TemplateData* own = nullptr;
    for (const Entry& mine : *object) {
      if (mine.first == entry.first) own = &mine.second;
    }
    merged.emplace_back(entry.first, own != nullptr ? *own : entry.second);
  }
  for (const Entry& mine : *object) {
    if (object->base.get(mine.first) == nullptr) merged.push_back(mine);
  }
  return merged;
}

void TemplateData::shrink_to_fit() {
  if (node_ == nullptr || node_->refs.load(std::memory_order_acquire) != 1) {
    return;
  }
  if (type_ == type::object) {
    const auto* object = static_cast<const ObjectNode*>(node_);
    if (object->size < object->capacity) ResizeObject(object->size);
  } else if (type_ == type::list) {
    static_cast<ListNode*>(node_)->items.shrink_to_fit();
  }
}

void TemplateData::push_back(TemplateData value) {
  if (type_ != type::list) return;
  MutableList()->items.push_back(std::move(value));
}

}  // namespace scrutineer
