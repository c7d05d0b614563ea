#include "render/templates.h"

#include <algorithm>
#include <cassert>
#include <cstdlib>

namespace scrutineer {
namespace {

// kainjow reports errors as "Unclosed section \"x\" at <offset>"; turn the
// character offset into a line and column.
SourceLocation LocateError(std::string_view path, const std::string& text,
                           const std::string& message) {
  size_t at = message.rfind(" at ");
  if (at == std::string::npos) return SourceLocation{path, 1, 1};
  size_t offset = std::strtoul(message.c_str() + at + 4, nullptr, 10);
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

// A context whose partials come from the template set rather than from the
// page data, so that no record field can stand in for a partial. Names
// resolve as in kainjow's own context (innermost data first; "a.b" looks up
// b inside a, splitting as std::getline does), without its stringstream.
class PageContext : public kainjow::mustache::basic_context<std::string> {
 public:
  PageContext(const TemplateData* data, const TemplateData* partials)
      : partials_(partials) {
    stack_.push_back(data);
  }
  void push(const TemplateData* data) override { stack_.push_back(data); }
  void pop() override { stack_.pop_back(); }

  const TemplateData* get(const std::string& name) const override {
    if (name.size() == 1 && name[0] == '.') return stack_.back();
    bool dotted = name.find('.') != std::string::npos;
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
      const TemplateData* value =
          dotted ? GetPath(*it, name) : (*it)->get(name);
      if (value != nullptr) return value;
    }
    return nullptr;
  }

  const TemplateData* get_partial(const std::string& name) const override {
    return partials_->get(name);
  }

 private:
  const TemplateData* GetPath(const TemplateData* value,
                              const std::string& name) const {
    size_t start = 0;
    while (value != nullptr) {
      size_t end = std::min(name.find('.', start), name.size());
      segment_.assign(name, start, end - start);
      value = value->get(segment_);
      start = end + 1;
      // A trailing '.' adds no empty segment, as with std::getline.
      if (start >= name.size()) break;
    }
    return value;
  }

  std::vector<const TemplateData*> stack_;  // innermost last
  const TemplateData* partials_;
  mutable std::string segment_;  // reused: no allocation per lookup
};

// kainjow's html_escape, with the same five replacements, without appending
// one character at a time.
std::string EscapeHtml(const std::string& text) {
  size_t at = text.find_first_of("&<>\"'");
  if (at == std::string::npos) return text;
  std::string escaped;
  escaped.reserve(text.size() + text.size() / 8 + 8);
  escaped.append(text, 0, at);
  for (; at < text.size(); ++at) {
    switch (text[at]) {
      case '&':
        escaped += "&amp;";
        break;
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '"':
        escaped += "&quot;";
        break;
      case '\'':
        escaped += "&apos;";
        break;
      default:
        escaped += text[at];
    }
  }
  return escaped;
}

// Collects kainjow's output in one string rather than an ostringstream.
struct StringSink {
  std::string* out;
  StringSink& operator<<(const std::string& text) {
    out->append(text);
    return *this;
  }
};

// The largest nesting of partials that is expanded; deeper (or recursive)
// pages keep kainjow's render-time partials.
constexpr size_t kMaxPartialDepth = 16;

// Appends `text` to *out with every {{> name}} tag replaced by the partial's
// own expansion (nothing for an unknown partial, as kainjow renders it).
// Tags are found exactly as kainjow's parser finds them with the default
// delimiters, so the compiled page walks the same text, tags and newlines as
// rendering the partial in place would, and renders the same bytes. Returns
// false, and the page is left unexpanded, where that could differ: a
// delimiter change, a recursive or too deep partial, or a splice that could
// join characters into a new tag or a "\r\n" newline.
bool ExpandPartials(const std::string& text,
                    const std::map<std::string, std::string>& partials,
                    std::vector<std::string>* stack, std::string* out) {
  size_t at = 0;
  while (at < text.size()) {
    size_t open = text.find("{{", at);
    if (open == std::string::npos) {
      out->append(text, at, std::string::npos);
      break;
    }
    out->append(text, at, open - at);
    bool triple = open + 2 < text.size() && text[open + 2] == '{';
    size_t contents = open + (triple ? 3 : 2);
    size_t close = text.find(triple ? "}}}" : "}}", contents);
    if (close == std::string::npos) return false;  // invalid: kept as is
    size_t end = close + (triple ? 3 : 2);
    std::string tag =
        kainjow::mustache::trim(text.substr(contents, close - contents));
    if (!tag.empty() && tag[0] == '=') return false;
    if (triple || tag.empty() || tag[0] != '>') {
      out->append(text, open, end - open);
      at = end;
      continue;
    }
    std::string name = kainjow::mustache::trim(tag.substr(1));
    auto partial = partials.find(name);
    if (partial != partials.end()) {
      if (stack->size() >= kMaxPartialDepth ||
          std::find(stack->begin(), stack->end(), name) != stack->end()) {
        return false;
      }
      stack->push_back(name);
      std::string inner;
      bool ok = ExpandPartials(partial->second, partials, stack, &inner);
      stack->pop_back();
      if (!ok) return false;
      auto joins = [](char c) { return c == '{' || c == '\r'; };
      if (!inner.empty() &&
          ((!out->empty() && joins(out->back())) || joins(inner.back()))) {
        return false;
      }
      out->append(inner);
    }
    at = end;
  }
  return true;
}

}  // namespace

void SetList(TemplateData* data, const std::string& name, TemplateData list) {
  if (list.is_non_empty_list()) data->set("has_" + name, true);
  data->set(name, std::move(list));
}

bool TemplateSet::Load(const FileSystem& files,
                       const std::vector<std::string>& required,
                       Diagnostics& diagnostics) {
  bool ok = true;
  std::vector<std::string> broken;  // present but unusable: reported once
  std::map<std::string, std::string> partial_texts;  // name -> text
  std::map<std::string, std::string> page_texts;
  static const std::string kSuffix = ".mustache";
  DirectoryListing listing = files.ListFiles("templates");
  if (listing.files.empty()) {
    diagnostics.Error(SourceLocation{"templates", 0, 0},
                      "no templates: the site folder has no templates/",
                      "copy templates/ from Scrutineer's own site folder");
    return false;
  }
  for (const std::string& path : listing.files) {
    if (path.size() <= kSuffix.size() ||
        path.compare(path.size() - kSuffix.size(), kSuffix.size(), kSuffix) !=
            0) {
      continue;
    }
    std::string text;
    std::string error;
    auto stored = std::make_shared<std::string>(path);
    paths_.push_back(stored);
    std::string_view where = *stored;
    if (!files.ReadFile(path, &text, &error)) {
      diagnostics.Error(SourceLocation{where, 0, 0},
                        "cannot read template: " + error, "");
      ok = false;
      continue;
    }
    diagnostics.AddSource(where, std::make_shared<const std::string>(text));
    std::string relative = path.substr(std::string("templates/").size());
    std::string name = relative.substr(0, relative.size() - kSuffix.size());
    auto compiled = std::make_unique<kainjow::mustache::mustache>(text);
    compiled->set_custom_escape(EscapeHtml);
    if (!compiled->is_valid()) {
      diagnostics.Error(LocateError(where, text, compiled->error_message()),
                        "template error: " + compiled->error_message(),
                        "check that every {{#section}} has its {{/section}}");
      ok = false;
      broken.push_back(name);
      continue;
    }
    const std::string kPartials = "partials/";
    if (name.compare(0, kPartials.size(), kPartials) == 0) {
      partials_.set(name.substr(kPartials.size()), text);
      partial_texts[name.substr(kPartials.size())] = std::move(text);
    } else {
      pages_[name] = std::move(compiled);
      page_texts[name] = std::move(text);
    }
  }
  // Every template is valid on its own by now; compile each page once more
  // with its partials spliced in.
  for (const auto& [name, text] : page_texts) {
    std::vector<std::string> stack;
    std::string expanded;
    if (!ExpandPartials(text, partial_texts, &stack, &expanded)) continue;
    auto compiled = std::make_unique<kainjow::mustache::mustache>(expanded);
    compiled->set_custom_escape(EscapeHtml);
    if (compiled->is_valid()) pages_[name] = std::move(compiled);
  }
  for (const std::string& name : required) {
    if (!Has(name) &&
        std::find(broken.begin(), broken.end(), name) == broken.end()) {
      diagnostics.Error(SourceLocation{"templates", 0, 0},
                        "missing template '" + name + ".mustache'",
                        "every site needs templates/" + name + ".mustache");
      ok = false;
    }
  }
  return ok;
}

bool TemplateSet::Has(const std::string& name) const {
  return pages_.count(name) > 0;
}

std::string TemplateSet::Render(const std::string& name,
                                const TemplateData& data) const {
  auto it = pages_.find(name);
  assert(it != pages_.end());
  PageContext context(&data, &partials_);
  std::string html;
  StringSink sink{&html};
  it->second->render(context, sink);
  // Pages are kept until the whole site is written: no spare capacity.
  html.shrink_to_fit();
  return html;
}

}  // namespace scrutineer
