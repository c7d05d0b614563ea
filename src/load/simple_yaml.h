// The fast path of the YAML adapter: a reader for the plain YAML that
// records are almost always written in, about thirty times faster than
// yaml-cpp, which spends most of a large build's loading time in its
// regular-expression scanner.
//
// It reads block maps and lists, plain one-line text, one-line quoted text
// without escapes, and '|' blocks. Anything else (flow lists, escapes,
// folded text, anchors, tags, text running over several lines, a duplicate
// key, a tab, a comment it cannot place) makes it give up, and ReadYaml
// then reads the file with yaml-cpp, which decides and reports. So it never
// reports a problem itself: it either builds exactly the tree yaml-cpp
// would, positions included, or nothing. tests/fuzz/simple_yaml_fuzzer.cpp
// holds it to that on generated input, and simple_yaml_test.cpp on every
// record the repository and its tests hold.
#ifndef SCRUTINEER_LOAD_SIMPLE_YAML_H_
#define SCRUTINEER_LOAD_SIMPLE_YAML_H_

#include <string_view>

#include "model/value.h"

namespace scrutineer {

/// Reads `text` into `root` when it is in the plain subset and well formed,
/// with positions as ReadYaml gives them; returns false otherwise, and then
/// `root` is unspecified. `text` must already have passed CheckSourceText.
bool ReadSimpleYaml(std::string_view text, std::string_view path,
                    int line_offset, Value* root);

}  // namespace scrutineer

#endif  // SCRUTINEER_LOAD_SIMPLE_YAML_H_
