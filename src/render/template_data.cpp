#include "render/template_data.h"

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
      delete static_cast<ObjectNode*>(node_);
      break;
    case type::bool_true:
    case type::bool_false:
      break;
  }
  node_ = nullptr;
}

TemplateData::ObjectNode* TemplateData::MutableObject() {
  if (node_ == nullptr) {
    auto* object = new ObjectNode;
    object->entries.reserve(kFirstCapacity);
    node_ = object;
  } else if (node_->refs.load(std::memory_order_acquire) != 1) {
    const auto* shared = static_cast<const ObjectNode*>(node_);
    auto* copy = new ObjectNode;
    if (shared->base.node_ == nullptr) {
      // Extended: the new object starts empty and reads the shared one
      // after its own keys.
      copy->entries.reserve(kFirstCapacity);
      copy->base = *this;
    } else {
      // A shared object that extends another is copied, base and all, so
      // that no object is more than two deep.
      copy->entries.reserve(shared->entries.size() + 4);
      copy->entries = shared->entries;
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
    for (Entry& entry : object->entries) {
      if (entry.first == name) {
        entry.second = std::move(value);
        return;
      }
    }
  }
  object->key_bits |= bit;
  object->entries.emplace_back(std::move(name), std::move(value));
}

bool TemplateData::HasEntries() const {
  if (type_ != type::object || node_ == nullptr) return false;
  const auto* object = static_cast<const ObjectNode*>(node_);
  return !object->entries.empty() || object->base.HasEntries();
}

TemplateData::Object TemplateData::object_value() const {
  if (type_ != type::object || node_ == nullptr) return {};
  const auto* object = static_cast<const ObjectNode*>(node_);
  if (object->base.node_ == nullptr) return object->entries;
  // The base's keys first, as they were set first, each with this object's
  // value where it has one; then the keys only this object has.
  Object merged;
  for (const Entry& entry : object->base.object_value()) {
    const TemplateData* own = nullptr;
    for (const Entry& mine : object->entries) {
      if (mine.first == entry.first) own = &mine.second;
    }
    merged.emplace_back(entry.first, own != nullptr ? *own : entry.second);
  }
  for (const Entry& mine : object->entries) {
    if (object->base.get(mine.first) == nullptr) merged.push_back(mine);
  }
  return merged;
}

void TemplateData::shrink_to_fit() {
  if (node_ == nullptr || node_->refs.load(std::memory_order_acquire) != 1) {
    return;
  }
  if (type_ == type::object) {
    static_cast<ObjectNode*>(node_)->entries.shrink_to_fit();
  } else if (type_ == type::list) {
    static_cast<ListNode*>(node_)->items.shrink_to_fit();
  }
}

void TemplateData::push_back(TemplateData value) {
  if (type_ != type::list) return;
  MutableList()->items.push_back(std::move(value));
}

}  // namespace scrutineer
