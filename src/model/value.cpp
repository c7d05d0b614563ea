#include "model/value.h"

namespace scrutineer {

const Value* Value::Find(std::string_view key) const {
  if (kind != Kind::kMap) return nullptr;
  for (const MapEntry& entry : entries) {
    if (entry.key == key) return &entry.value;
  }
  return nullptr;
}

std::string_view Value::Text(std::string_view key) const {
  const Value* value = Find(key);
  if (value == nullptr || !value->is_scalar()) return {};
  return value->text;
}

const char* DescribeKind(Value::Kind kind) {
  switch (kind) {
    case Value::Kind::kNull:
      return "nothing";
    case Value::Kind::kScalar:
      return "text";
    case Value::Kind::kList:
      return "a list";
    case Value::Kind::kMap:
      return "a map";
  }
  return "?";
}

}  // namespace scrutineer
