#include "model/value.h"

#include <string>

#include "util/swar.h"

namespace scrutineer {

const Value* Value::Find(std::string_view key) const {
  if (kind != Kind::kMap) return nullptr;
  for (const MapEntry& entry : entries) {
    if (swar::SameText(entry.key, key)) return &entry.value;
  }
  return nullptr;
}

std::string_view Value::Text(std::string_view key) const {
  const Value* value = Find(key);
  if (value == nullptr || !value->is_scalar()) return {};
  return value->text;
}

void ShrinkToFit(Value* value) {
  value->text.shrink_to_fit();
  value->items.shrink_to_fit();
  value->entries.shrink_to_fit();
  for (Value& item : value->items) ShrinkToFit(&item);
  for (MapEntry& entry : value->entries) {
    entry.key.shrink_to_fit();
    ShrinkToFit(&entry.value);
  }
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

namespace {

void AppendTree(const Value& value, std::string* out) {
  *out += std::to_string(static_cast<int>(value.kind)) + '@' +
          std::to_string(value.location.line) + ':' +
          std::to_string(value.location.column);
  switch (value.kind) {
    case Value::Kind::kNull:
      break;
    case Value::Kind::kScalar:
      *out += (value.quoted ? "q[" : "p[") + value.text + ']';
      break;
    case Value::Kind::kList:
      *out += '(';
      for (const Value& item : value.items) {
        AppendTree(item, out);
        *out += ',';
      }
      *out += ')';
      break;
    case Value::Kind::kMap:
      *out += '{';
      for (const MapEntry& entry : value.entries) {
        *out += entry.key + '@' + std::to_string(entry.key_line) + ':' +
                std::to_string(entry.key_column) + '=';
        AppendTree(entry.value, out);
        *out += ',';
      }
      *out += '}';
      break;
  }
}

}  // namespace

std::string DescribeTree(const Value& value) {
  std::string out;
  AppendTree(value, &out);
  return out;
}

}  // namespace scrutineer
