// The YAML adapter: text in, a Value tree with file positions out.
//
// yaml-cpp throws and accepts things a content folder should not hold, so
// this is the one place that catches its exceptions, and it checks for
// itself what yaml-cpp lets through: duplicate keys, anchors and aliases,
// several documents in one file, non-text keys, explicit tags and deep
// nesting.
#ifndef SCRUTINEER_LOAD_YAML_READER_H_
#define SCRUTINEER_LOAD_YAML_READER_H_

#include <string_view>

#include "diag/diagnostics.h"
#include "model/value.h"

namespace scrutineer {

/// Parses `text` as one YAML document. Positions are reported in `path`
/// (which must outlive the returned Value) with `line_offset` added to each
/// line, for front matter that starts below the top of its file. On a
/// problem, reports it and returns false; `root` then holds whatever was
/// read before the problem, for callers that want to keep checking.
bool ReadYaml(std::string_view text, std::string_view path, int line_offset,
              Value* root, Diagnostics& diagnostics);

/// ReadYaml of text that CheckSourceText has passed already (a record's
/// file, through CheckSourceFile): the same, without checking it again.
bool ReadCheckedYaml(std::string_view text, std::string_view path,
                     int line_offset, Value* root, Diagnostics& diagnostics);

/// ReadYaml without its fast path (load/simple_yaml.h): every file through
/// yaml-cpp. For the tests that hold the fast path to yaml-cpp's answers.
bool ReadYamlWithYamlCpp(std::string_view text, std::string_view path,
                         int line_offset, Value* root,
                         Diagnostics& diagnostics);

}  // namespace scrutineer

#endif  // SCRUTINEER_LOAD_YAML_READER_H_
