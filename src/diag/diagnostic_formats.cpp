#include "diag/diagnostic_formats.h"

#include <nlohmann/json.hpp>

namespace scrutineer {
namespace {

// The runner's escaping of workflow command data (the message).
std::string EscapeData(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      default:
        // Other control characters would reach the log as they are (an
        // escape sequence colours or hides text there): shown as %XX,
        // which the runner leaves as it is.
        if ((c >= 0 && c < 0x20) || c == 0x7f) {
          constexpr char kHex[] = "0123456789ABCDEF";
          out += '%';
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += c;
        }
    }
  }
  return out;
}

// Properties (file=...) end at ',' and the data starts after "::", so those
// are escaped too.
std::string EscapeProperty(std::string_view text) {
  std::string out;
  for (char c : EscapeData(text)) {
    if (c == ':') {
      out += "%3A";
    } else if (c == ',') {
      out += "%2C";
    } else {
      out += c;
    }
  }
  return out;
}

std::string JoinPath(std::string_view prefix, const std::string& path) {
  while (prefix.size() >= 2 && prefix.substr(0, 2) == "./") {
    prefix.remove_prefix(2);
  }
  while (!prefix.empty() && prefix.back() == '/') prefix.remove_suffix(1);
  if (prefix.empty() || prefix == ".") return path;
  return std::string(prefix) + "/" + path;
}

}  // namespace

std::optional<DiagnosticFormat> ParseDiagnosticFormat(std::string_view name) {
  if (name == "text") return DiagnosticFormat::kText;
  if (name == "github") return DiagnosticFormat::kGithub;
  if (name == "json") return DiagnosticFormat::kJson;
  return std::nullopt;
}

void PrintGithubAnnotations(const Diagnostics& diagnostics,
                            std::string_view path_prefix, std::ostream& out) {
  for (const Diagnostic& d : diagnostics.Sorted()) {
    out << (d.severity == Severity::kError ? "::error" : "::warning");
    std::string properties;
    if (!d.path.empty()) {
      properties += "file=" + EscapeProperty(JoinPath(path_prefix, d.path));
    }
    if (d.line > 0) {
      properties += ",line=" + std::to_string(d.line);
      if (d.column > 0) properties += ",col=" + std::to_string(d.column);
    }
    if (!properties.empty()) out << ' ' << properties;
    std::string message = d.message;
    if (!d.hint.empty()) message += "\nnote: " + d.hint;
    out << "::" << EscapeData(message) << '\n';
  }
}

void PrintDiagnosticsJson(const Diagnostics& diagnostics, std::ostream& out) {
  // ordered_json keeps each object's keys in the order written here.
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  int errors = 0;
  int warnings = 0;
  for (const Diagnostic& d : diagnostics.Sorted()) {
    bool error = d.severity == Severity::kError;
    ++(error ? errors : warnings);
    list.push_back({{"severity", error ? "error" : "warning"},
                    {"file", d.path},
                    {"line", d.line},
                    {"column", d.column},
                    {"message", d.message},
                    {"hint", d.hint}});
  }
  nlohmann::ordered_json document = {
      {"diagnostics", list}, {"errors", errors}, {"warnings", warnings}};
  // Invalid UTF-8 in a message (quoted from a bad file) must not abort the
  // report: replace it.
  out << document.dump(2, ' ', false,
                       nlohmann::ordered_json::error_handler_t::replace)
      << '\n';
}

void PrintDiagnosticsAs(DiagnosticFormat format, const Diagnostics& diagnostics,
                        std::string_view path_prefix, std::ostream& out,
                        std::ostream& err) {
  switch (format) {
    case DiagnosticFormat::kText:
      PrintDiagnostics(diagnostics, err);
      return;
    case DiagnosticFormat::kGithub:
      PrintGithubAnnotations(diagnostics, path_prefix, out);
      return;
    case DiagnosticFormat::kJson:
      PrintDiagnosticsJson(diagnostics, out);
      return;
  }
}

}  // namespace scrutineer
