#include "load/record_loader.h"

#include <string>

#include "load/record_validator.h"
#include "load/yaml_reader.h"

namespace scrutineer {
namespace {

constexpr size_t kMaxFileBytes = 4 * 1024 * 1024;

std::string_view Extension(std::string_view path) {
  size_t slash = path.rfind('/');
  size_t dot = path.rfind('.');
  if (dot == std::string_view::npos ||
      (slash != std::string_view::npos && dot < slash)) {
    return {};
  }
  return path.substr(dot + 1);
}

std::string_view Stem(std::string_view path) {
  size_t slash = path.rfind('/');
  std::string_view name =
      slash == std::string_view::npos ? path : path.substr(slash + 1);
  size_t dot = name.rfind('.');
  return dot == std::string_view::npos ? name : name.substr(0, dot);
}

// Returns the byte offset of the first invalid UTF-8 sequence, or npos.
size_t FindInvalidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = text[i];
    size_t length = c < 0x80           ? 1
                    : (c >> 5) == 0x6  ? 2
                    : (c >> 4) == 0xE  ? 3
                    : (c >> 3) == 0x1E ? 4
                                       : 0;
    if (length == 0 || i + length > text.size()) return i;
    for (size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return i;
    }
    if (length == 2 && c < 0xC2) return i;  // overlong
    if (length == 3) {
      unsigned char c1 = text[i + 1];
      if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0)) return i;
    }
    if (length == 4) {
      unsigned char c1 = text[i + 1];
      if ((c == 0xF0 && c1 < 0x90) || c > 0xF4 || (c == 0xF4 && c1 >= 0x90)) {
        return i;
      }
    }
    i += length;
  }
  return std::string_view::npos;
}

SourceLocation LocationOfOffset(std::string_view path, std::string_view text,
                                size_t offset) {
  int line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return SourceLocation{path, line, static_cast<int>(offset - line_start) + 1};
}

// Reads one record file into `record`; false when it cannot be used.
bool LoadRecordFile(const FileSystem& files, const KindSpec& kind,
                    std::string_view path, Record* record,
                    Diagnostics& diagnostics) {
  SourceLocation file_location{path, 0, 0};
  std::string text;
  std::string error;
  if (!files.ReadFile(std::string(path), &text, &error)) {
    diagnostics.Error(file_location, "cannot read file: " + error, "");
    return false;
  }
  if (text.size() > kMaxFileBytes) {
    diagnostics.Error(file_location,
                      "file is larger than " +
                          std::to_string(kMaxFileBytes / (1024 * 1024)) +
                          " MiB",
                      "split the record into smaller ones");
    return false;
  }
  // A byte-order mark is harmless: drop it. CRLF line ends are harmless:
  // normalise them so that lines and columns count the same everywhere.
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  if (text.find('\r') != std::string::npos) {
    std::string normalised;
    normalised.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
        continue;
      normalised += text[i];
    }
    text = std::move(normalised);
  }
  auto shared_text = std::make_shared<const std::string>(std::move(text));
  diagnostics.AddSource(path, shared_text);
  std::string_view contents = *shared_text;

  size_t bad = FindInvalidUtf8(contents);
  if (bad != std::string_view::npos) {
    diagnostics.Error(LocationOfOffset(path, contents, bad),
                      "invalid UTF-8 text",
                      "save the file as UTF-8 (text pasted from Word or a PDF "
                      "may carry another encoding)");
    return false;
  }
  size_t nul = contents.find('\0');
  if (nul != std::string_view::npos) {
    diagnostics.Error(LocationOfOffset(path, contents, nul),
                      "NUL byte in a text file",
                      "this looks like a binary file");
    return false;
  }

  std::string_view yaml = contents;
  std::string_view body;
  int line_offset = 0;
  int body_line = 0;
  if (Extension(path) == "md") {
    if (!SplitFrontMatter(contents, &yaml, &body, &body_line)) {
      diagnostics.Error(SourceLocation{path, 1, 1},
                        "a Markdown record must start with front matter",
                        "put the record's fields between two '---' lines at "
                        "the top of the file");
      return false;
    }
    line_offset = 1;
  }
  Value fields;
  if (!ReadYaml(yaml, path, line_offset, &fields, diagnostics)) return false;
  if (!fields.is_map()) {
    diagnostics.Error(fields.location,
                      "a record must be a map of fields, found " +
                          std::string(DescribeKind(fields.kind)),
                      "start with 'id: " + std::string(Stem(path)) + "'");
    return false;
  }
  ValidateFields(fields, *kind.fields, diagnostics);

  std::string_view id = fields.Text("id");
  if (!id.empty() && id != Stem(path)) {
    diagnostics.Error(
        fields.Find("id")->location,
        "id '" + std::string(id) + "' does not match the file name '" +
            std::string(Stem(path)) + "'",
        "rename the file or change the id: they must be the same");
    return false;
  }
  // A record with bad fields is still kept when its id is usable, so that
  // links to it do not add a second, misleading "unknown id" error. The
  // build writes nothing anyway once an error was reported.
  if (!IsValidId(id)) return false;

  record->kind = kind.kind;
  record->id.value = std::string(id);
  record->fields = std::move(fields);
  record->body = std::string(body);
  record->body_line = body_line;
  record->file_text = std::move(shared_text);
  record->location = SourceLocation{path, 1, 1};
  return true;
}

}  // namespace

bool SplitFrontMatter(std::string_view text, std::string_view* front_matter,
                      std::string_view* body, int* body_line) {
  auto is_fence = [](std::string_view line) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
      line.remove_suffix(1);
    }
    return line == "---";
  };
  size_t first_end = text.find('\n');
  if (first_end == std::string_view::npos ||
      !is_fence(text.substr(0, first_end))) {
    return false;
  }
  size_t start = first_end + 1;
  size_t position = start;
  int line = 2;
  while (position <= text.size()) {
    size_t end = text.find('\n', position);
    std::string_view current = text.substr(
        position, end == std::string_view::npos ? std::string_view::npos
                                                : end - position);
    if (is_fence(current)) {
      *front_matter = text.substr(start, position - start);
      *body = end == std::string_view::npos ? std::string_view()
                                            : text.substr(end + 1);
      *body_line = line + 1;
      return true;
    }
    if (end == std::string_view::npos) break;
    position = end + 1;
    ++line;
  }
  return false;
}

bool LoadSite(const FileSystem& files, Site* site, Diagnostics& diagnostics) {
  if (!LoadSiteConfig(files, &site->config, diagnostics)) return false;

  DirectoryListing listing = files.ListFiles("content");
  for (const std::string& refused : listing.refused) {
    site->source_paths.push_back(refused);
    diagnostics.Error(SourceLocation{site->source_paths.back(), 0, 0},
                      "refused: a link to outside the site folder, or not a "
                      "regular file",
                      "content must be ordinary files inside the site folder");
  }
  std::vector<std::string_view> folders;
  for (const KindSpec& kind : ContentKinds()) folders.push_back(kind.folder);

  for (const std::string& path : listing.files) {
    site->source_paths.push_back(path);
    std::string_view stored = site->source_paths.back();
    std::string_view name = stored.substr(stored.rfind('/') + 1);
    // Hidden files and folders (".git", ".obsidian", "x.swp") belong to
    // editors and tools, not to the site.
    if (name.front() == '.' || stored.find("/.") != std::string_view::npos) {
      continue;
    }
    std::string_view extension = Extension(stored);
    // content/<folder>/<file>; deeper folders are allowed for grouping.
    std::string_view rest = stored.substr(std::string_view("content/").size());
    size_t slash = rest.find('/');
    std::string_view folder = slash == std::string_view::npos
                                  ? std::string_view()
                                  : rest.substr(0, slash);
    const KindSpec* kind = KindForFolder(folder);
    if (extension != "md" && extension != "yaml" && extension != "yml") {
      diagnostics.Warning(SourceLocation{stored, 0, 0},
                          "ignored: not a record (.md, .yaml or .yml)", "");
      continue;
    }
    if (kind == nullptr) {
      std::string closest = SuggestClosest(folder, folders);
      std::string hint =
          closest.empty()
              ? "records live in content/<kind>/, e.g. content/reviews/"
              : "did you mean 'content/" + closest + "/'?";
      diagnostics.Error(SourceLocation{stored, 0, 0},
                        folder.empty() ? "a record must be in a kind's folder"
                                       : "unknown content folder '" +
                                             std::string(folder) + "'",
                        hint);
      continue;
    }
    Record record;
    if (LoadRecordFile(files, *kind, stored, &record, diagnostics)) {
      site->records.push_back(std::move(record));
    }
  }
  return true;
}

}  // namespace scrutineer
