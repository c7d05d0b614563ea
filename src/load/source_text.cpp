#include "load/source_text.h"

#include <cstdint>
#include <cstdio>
#include <cstring>

#include "util/swar.h"
#include "util/utf8.h"

namespace scrutineer {
namespace {

enum class Problem { kNone, kInvalidUtf8, kNul, kControl, kNoncharacter };

struct Finding {
  Problem problem = Problem::kNone;
  size_t offset = 0;
  unsigned code_point = 0;  // kControl and kNoncharacter only
};

// The length of the well-formed UTF-8 sequence at text[i] (RFC 3629: no
// overlong forms, no surrogates, nothing past U+10FFFF), or 0.
size_t Utf8Length(std::string_view text, size_t i) {
  const unsigned char c = text[i];
  const size_t length = c < 0x80           ? 1
                        : (c >> 5) == 0x6  ? 2
                        : (c >> 4) == 0xE  ? 3
                        : (c >> 3) == 0x1E ? 4
                                           : 0;
  if (length == 0 || i + length > text.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return 0;
  }
  const unsigned char c1 = length > 1 ? text[i + 1] : 0;
  if (length == 2 && c < 0xC2) return 0;
  if (length == 3 && ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0))) {
    return 0;
  }
  if (length == 4 &&
      ((c == 0xF0 && c1 < 0x90) || c > 0xF4 || (c == 0xF4 && c1 >= 0x90))) {
    return 0;
  }
  return length;
}

// Whether the 8 bytes at `p` are all printable ASCII (0x20 to 0x7E), the
// common case, which FindProblem then skips in one step.
bool EightPrintableAscii(const char* p) {
  const uint64_t word = swar::Load8(p);
  return !swar::AnyHigh(word) && !swar::AnyBelow(word, 0x20) &&
         !swar::AnyEqual(word, 0x7F);
}

Finding FindProblem(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    if (i + 8 <= text.size() && EightPrintableAscii(text.data() + i)) {
      i += 8;
      continue;
    }
    const unsigned char c = text[i];
    if (c == 0) return {Problem::kNul, i};
    if (c < 0x20 || c == 0x7F) {
      // A "\r" still here is half of a CRLF, which YAML reads as a line end.
      if (c != '\t' && c != '\n' && c != '\r') {
        return {Problem::kControl, i, c};
      }
      ++i;
      continue;
    }
    if (c < 0x80) {
      ++i;
      continue;
    }
    const size_t length = Utf8Length(text, i);
    if (length == 0) return {Problem::kInvalidUtf8, i};
    if (c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
      return {Problem::kControl, i,
              static_cast<unsigned char>(text[i + 1])};  // C1: U+0080..9F
    }
    if (length >= 3) {
      const unsigned code_point = CodePointOf(text.substr(i, length));
      if (IsNoncharacter(code_point)) {
        return {Problem::kNoncharacter, i, code_point};
      }
    }
    i += length;
  }
  return {};
}

SourceLocation LocationOfOffset(std::string_view path, std::string_view text,
                                size_t offset, int line_offset) {
  int line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return SourceLocation{path, line + line_offset,
                        static_cast<int>(offset - line_start) + 1};
}

std::string CodePointName(unsigned code_point) {
  char name[12];  // "U+10FFFF" at most
  std::snprintf(name, sizeof name, "U+%04X", code_point);
  return name;
}

}  // namespace

std::string DescribeTextProblem(std::string_view text) {
  const Finding finding = FindProblem(text);
  switch (finding.problem) {
    case Problem::kInvalidUtf8:
      return "invalid UTF-8 text";
    case Problem::kNul:
      return "NUL byte";
    case Problem::kControl:
      return "invisible control character " + CodePointName(finding.code_point);
    case Problem::kNoncharacter:
      return "noncharacter " + CodePointName(finding.code_point);
    case Problem::kNone:
      break;
  }
  return "";
}

std::string NormalizeLineEnds(std::string text) {
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  if (text.find('\r') == std::string::npos) return text;
  std::string normalized;
  normalized.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r') {
      normalized += text[i];
    } else if (i + 1 == text.size() || text[i + 1] != '\n') {
      normalized += '\n';  // a lone CR, as old Mac files end their lines
    }
  }
  return normalized;
}

bool CheckSourceText(std::string_view text, std::string_view path,
                     int line_offset, Diagnostics& diagnostics) {
  const Finding finding = FindProblem(text);
  if (finding.problem == Problem::kNone) return true;
  const SourceLocation where =
      LocationOfOffset(path, text, finding.offset, line_offset);
  switch (finding.problem) {
    case Problem::kInvalidUtf8:
      diagnostics.Error(where, "invalid UTF-8 text",
                        "save the file as UTF-8 (text pasted from Word or a "
                        "PDF may carry another encoding)");
      break;
    case Problem::kNul:
      diagnostics.Error(where, "NUL byte in a text file",
                        "this looks like a binary file");
      break;
    case Problem::kControl:
      diagnostics.Error(
          where,
          "invisible control character " + CodePointName(finding.code_point) +
              " in the text",
          "delete it: text pasted from Word or a PDF can carry control "
          "characters that browsers and feed readers reject");
      break;
    case Problem::kNoncharacter:
      diagnostics.Error(
          where,
          "noncharacter " + CodePointName(finding.code_point) + " in the text",
          "delete it: U+FFFE, U+FFFF and the like are not text, and XML, "
          "so every feed, forbids them");
      break;
    case Problem::kNone:
      break;
  }
  return false;
}

bool SourceFile::operator==(const SourceFile& other) const {
  if (read != other.read || error != other.error ||
      too_large != other.too_large ||
      (text == nullptr) != (other.text == nullptr)) {
    return false;
  }
  return text == nullptr || text == other.text || *text == *other.text;
}

SourceFile ReadSourceFile(const FileSystem& files, std::string_view path) {
  SourceFile file;
  std::string text;
  file.read = files.ReadFile(std::string(path), &text, &file.error);
  if (!file.read) return file;
  if (text.size() > kMaxSourceBytes) {
    file.too_large = true;
    return file;
  }
  file.text =
      std::make_shared<const std::string>(NormalizeLineEnds(std::move(text)));
  return file;
}

std::shared_ptr<const std::string> CheckSourceFile(const SourceFile& file,
                                                   std::string_view path,
                                                   Diagnostics& diagnostics) {
  const SourceLocation file_location{path, 0, 0};
  if (!file.read) {
    diagnostics.Error(file_location, "cannot read file: " + file.error, "");
    return nullptr;
  }
  if (file.too_large) {
    diagnostics.Error(file_location,
                      "file is larger than " +
                          std::to_string(kMaxSourceBytes / (1024 * 1024)) +
                          " MiB",
                      "split the record into smaller ones");
    return nullptr;
  }
  diagnostics.AddSource(path, file.text);
  if (!CheckSourceText(*file.text, path, 0, diagnostics)) return nullptr;
  return file.text;
}

}  // namespace scrutineer
