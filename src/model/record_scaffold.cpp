#include "model/record_scaffold.h"

#include "model/field_help.h"

namespace scrutineer {
namespace {

// Descriptions start in this column, so that a scaffold reads as a table.
constexpr size_t kCommentColumn = 28;

// One line: "<indent>[# ][- ]name:    # [required: ]description". An
// optional field is commented out where it stands, so deleting "# " leaves
// it correctly indented.
void WriteFieldLine(const FieldSpec& field, size_t indent, bool commented,
                    bool list_marker, std::string* out) {
  std::string line(indent, ' ');
  if (commented) line += "# ";
  if (list_marker) line += "- ";
  line += std::string(field.name) + ":";
  line.append(line.size() < kCommentColumn ? kCommentColumn - line.size() : 1,
              ' ');
  line += "# ";
  if (field.required) line += "required: ";
  line += DescribeField(field);
  *out += line + "\n";
}

// The fields of `spec` at `indent`; `commented` when the object itself is
// optional (every line then starts commented out). In a list, the first
// field carries the "- " marker and the others line up under it.
void WriteFields(const ObjectSpec& spec, size_t indent, bool commented,
                 bool list_item, std::string* out) {
  bool first = true;
  for (const FieldSpec& field : spec.fields) {
    if (field.type == FieldType::kId) continue;  // written by the caller
    bool field_commented = commented || !field.required;
    bool marker = list_item && first;
    size_t at = list_item && !first ? indent + 2 : indent;
    WriteFieldLine(field, at, field_commented, marker, out);
    first = false;
    if (field.type == FieldType::kObject) {
      size_t inner = (list_item ? indent + 2 : indent) + 2;
      WriteFields(*field.object, inner, field_commented, field.list, out);
    }
  }
}

}  // namespace

std::string ScaffoldRecord(const KindSpec& kind, std::string_view id) {
  bool markdown = ScaffoldExtension(kind.kind) == "md";
  std::string out;
  if (markdown) out += "---\n";
  out += "# A new " + std::string(kind.name) + ". Fill in the required " +
         "fields; to use an optional one,\n# delete the \"# \" in front of " +
         "it. `scrutineer check` lists what is still\n# missing. Every field " +
         "is explained in docs/content-model.md.\n";
  // "null" is YAML's word for nothing: quoted, it stays an id.
  out += "id: " + (id == "null" ? "\"null\"" : std::string(id)) + "\n";
  WriteFields(*kind.fields, 0, false, false, &out);
  if (markdown) {
    out += "---\n";
  }
  return out;
}

}  // namespace scrutineer
