// libFuzzer target: the YAML fast path held to yaml-cpp. ReadYaml (which
// tries load/simple_yaml.h first) and ReadYamlWithYamlCpp must give the same
// answer for every input: the same result, the same diagnostics and the
// same tree, every position included. Otherwise the fast path would change
// what a build reports or renders.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>

#include "diag/diagnostics.h"
#include "load/yaml_reader.h"

namespace {

std::string ReadOneWay(const std::string& text, bool fast) {
  using namespace scrutineer;
  Value root;
  Diagnostics diagnostics;
  bool read = fast ? ReadYaml(text, "x.yaml", 0, &root, diagnostics)
                   : ReadYamlWithYamlCpp(text, "x.yaml", 0, &root, diagnostics);
  std::string result = read ? "read " : "not read ";
  for (const Diagnostic& diagnostic : diagnostics.Sorted()) {
    result += FormatDiagnosticHeadline(diagnostic) + " | " + diagnostic.hint +
              "\n";
  }
  return result + DescribeTree(root);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::string fast = ReadOneWay(text, true);
  std::string slow = ReadOneWay(text, false);
  if (fast != slow) {
    std::cerr << "the fast path reads this differently from yaml-cpp:\n"
              << text << "\n--- with the fast path:\n"
              << fast << "\n--- yaml-cpp alone:\n"
              << slow << "\n";
    std::abort();
  }
  return 0;
}
