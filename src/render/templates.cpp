#include "render/templates.h"

#include <algorithm>
#include <cassert>
#include <functional>
#include <string_view>

#include "render/mustache.h"

namespace scrutineer {
namespace {

using mustache::Node;
using mustache::Template;

SourceLocation LocationOf(const Template& where, size_t offset) {
  int line = 0;
  int column = 0;
  mustache::LineAndColumn(*where.source, offset, &line, &column);
  return SourceLocation{where.path, line, column};
}

// Calls `visit` with every {{> name}} node of `nodes`, and whether it is
// inside a section.
void ForEachPartialTag(std::vector<Node>& nodes, bool in_section,
                       const std::function<void(Node&, bool)>& visit) {
  for (Node& node : nodes) {
    if (node.kind == Node::Kind::kPartial) visit(node, in_section);
    if (!node.children.empty()) ForEachPartialTag(node.children, true, visit);
  }
}

// Reports each partial that includes itself, directly or through others,
// outside any section: rendering it could never end.
bool CheckEndlessPartials(const std::map<std::string, std::unique_ptr<Template>,
                                         std::less<>>& partials,
                          Diagnostics& diagnostics) {
  // The partials each one includes outside any section, with the tag.
  std::map<const Template*, std::vector<const Node*>> includes;
  for (const auto& entry : partials) {
    const Template* from = entry.second.get();
    ForEachPartialTag(entry.second->nodes, false,
                      [&](Node& node, bool in_section) {
                        if (!in_section && node.partial != nullptr) {
                          includes[from].push_back(&node);
                        }
                      });
  }
  enum State { kUnseen, kOnPath, kDone };
  std::map<const Template*, State> state;
  std::vector<const Template*> path;
  bool ok = true;
  std::function<void(const Template*)> visit = [&](const Template* from) {
    state[from] = kOnPath;
    path.push_back(from);
    for (const Node* tag : includes[from]) {
      const Template* to = tag->partial;
      if (state[to] == kOnPath) {
        std::string chain;
        auto start = std::find(path.begin(), path.end(), to);
        for (auto it = start; it != path.end(); ++it) {
          chain += (*it)->name.substr(std::string("partials/").size()) + " > ";
        }
        chain += tag->text;
        diagnostics.Error(LocationOf(*from, tag->offset),
                          "template error: partial \"" + tag->text +
                              "\" includes itself outside any section (" +
                              chain + "): rendering it would never end",
                          "include a partial in itself only inside a section "
                          "that runs out, as in {{#children}}{{> " +
                              tag->text + "}}{{/children}}");
        ok = false;
      } else if (state[to] == kUnseen) {
        visit(to);
      }
    }
    path.pop_back();
    state[from] = kDone;
  };
  for (const auto& [name, partial] : partials) {
    if (state[partial.get()] == kUnseen) visit(partial.get());
  }
  return ok;
}

std::string FormatError(const mustache::RenderError& error) {
  SourceLocation at = LocationOf(*error.where, error.offset);
  return std::string(at.path) + ":" + std::to_string(at.line) + ":" +
         std::to_string(at.column) + ": " + error.message;
}

// Renders `page` into *html. The text grows in a buffer that each thread
// keeps from page to page, and *html gets an exact copy: pages are kept until
// the whole site is written, so they should have no spare capacity, and
// growing each page from nothing would copy it several times over.
bool RenderPage(const Template& page, const TemplateData& data,
                std::string* html, mustache::RenderError* failure) {
  constexpr size_t kKeptCapacity = size_t{4} << 20;
  thread_local std::string buffer;
  buffer.clear();
  bool ok = mustache::Render(page, data, &buffer, failure);
  *html = std::string(buffer.data(), buffer.size());
  if (buffer.capacity() > kKeptCapacity) std::string().swap(buffer);
  return ok;
}

}  // namespace

void SetList(TemplateData* data, const std::string& name, TemplateData list) {
  if (list.is_non_empty_list()) data->set("has_" + name, true);
  data->set(name, std::move(list));
}

TemplateSet::TemplateSet() : reported_(std::make_unique<Reported>()) {}
TemplateSet::~TemplateSet() = default;
TemplateSet::TemplateSet(TemplateSet&&) noexcept = default;
TemplateSet& TemplateSet::operator=(TemplateSet&&) noexcept = default;

bool TemplateSet::Load(const FileSystem& files,
                       const std::vector<std::string>& required,
                       Diagnostics& diagnostics) {
  diagnostics_ = &diagnostics;
  pages_.clear();  // a set loaded again holds only what is there now
  partials_.clear();
  if (reported_ != nullptr) reported_->tags.clear();
  bool ok = true;
  std::vector<std::string> broken;  // present but unusable: reported once
  static const std::string kSuffix = ".mustache";
  static const std::string kPartials = "partials/";
  DirectoryListing listing = files.ListFiles("templates");
  ReportRefused(listing,
                "templates must be ordinary files inside the site folder",
                diagnostics);
  if (!listing.refused.empty()) ok = false;
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
    auto source = std::make_shared<const std::string>(std::move(text));
    diagnostics.AddSource(where, source);
    std::string relative = path.substr(std::string("templates/").size());
    auto compiled = std::make_unique<Template>();
    compiled->name = relative.substr(0, relative.size() - kSuffix.size());
    compiled->path = where;
    compiled->source = source;
    std::vector<mustache::ParseError> parse_errors;
    if (!mustache::Parse(*source, &compiled->nodes, &parse_errors)) {
      for (const mustache::ParseError& parse_error : parse_errors) {
        diagnostics.Error(
            SourceLocation{where, parse_error.line, parse_error.column},
            "template error: " + parse_error.message, parse_error.hint);
      }
      ok = false;
      broken.push_back(compiled->name);
      continue;
    }
    const std::string& name = compiled->name;
    if (name.compare(0, kPartials.size(), kPartials) == 0) {
      partials_[name.substr(kPartials.size())] = std::move(compiled);
    } else {
      pages_[name] = std::move(compiled);
    }
  }

  // Every {{> name}} to the partial it names, once for all renders.
  std::vector<std::string_view> partial_names;
  for (const auto& [name, partial] : partials_) partial_names.push_back(name);
  for (TemplateMap* map : {&pages_, &partials_}) {
    for (auto& [name, compiled] : *map) {
      Template& in = *compiled;
      ForEachPartialTag(in.nodes, false, [&](Node& node, bool) {
        auto partial = partials_.find(node.text);
        if (partial != partials_.end()) {
          node.partial = partial->second.get();
          return;
        }
        // A partial that is there but broken is reported already.
        if (std::find(broken.begin(), broken.end(), kPartials + node.text) !=
            broken.end()) {
          return;
        }
        std::string closest = SuggestClosest(node.text, partial_names);
        diagnostics.Error(
            LocationOf(in, node.offset),
            "template error: unknown partial \"" + node.text +
                "\": there is no templates/partials/" + node.text + kSuffix,
            closest.empty()
                ? "a partial {{> name}} is the file templates/partials/"
                  "name.mustache"
                : "did you mean {{> " + closest + "}}?");
        ok = false;
      });
    }
  }
  if (!CheckEndlessPartials(partials_, diagnostics)) ok = false;

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

void TemplateSet::RenderInLayoutTo(const std::string& layout,
                                   const std::string& page,
                                   const TemplateData& data,
                                   std::string* out) const {
  auto outer = pages_.find(layout);
  auto inner = pages_.find(page);
  assert(outer != pages_.end() && inner != pages_.end());
  bool written = false;
  auto write = [&](std::string* into) {
    written = true;
    mustache::RenderError failure;
    if (!mustache::Render(*inner->second, data, into, &failure)) {
      Report(page, failure);
    }
  };
  // The page is rendered with `data` as it is; the layout with a copy that
  // adds "content" (an object that extends `data`: nothing is copied).
  const TemplateData content(std::string("content"));
  TemplateData with_content = data;
  with_content.set("content", content);
  const mustache::Deferred deferred{&content, write};
  mustache::RenderError failure;
  if (!mustache::Render(*outer->second, with_content, out, &failure,
                        &deferred)) {
    Report(layout, failure);
  }
  if (!written) {
    std::string unused;
    write(&unused);
  }
}

std::string TemplateSet::Render(const std::string& name,
                                const TemplateData& data,
                                std::string* error) const {
  auto it = pages_.find(name);
  assert(it != pages_.end());
  std::string html;
  mustache::RenderError failure;
  if (!RenderPage(*it->second, data, &html, &failure)) {
    if (error != nullptr) *error = FormatError(failure);
  } else if (error != nullptr) {
    error->clear();
  }
  return html;
}

std::string TemplateSet::Render(const std::string& name,
                                const TemplateData& data) const {
  auto it = pages_.find(name);
  assert(it != pages_.end());
  std::string html;
  mustache::RenderError failure;
  if (!RenderPage(*it->second, data, &html, &failure)) Report(name, failure);
  return html;
}

void TemplateSet::RenderTo(const std::string& name, const TemplateData& data,
                           std::string* out) const {
  auto it = pages_.find(name);
  assert(it != pages_.end());
  mustache::RenderError failure;
  if (!mustache::Render(*it->second, data, out, &failure)) {
    Report(name, failure);
  }
}

void TemplateSet::Report(const std::string& name,
                         const mustache::RenderError& failure) const {
  if (reported_ != nullptr) {
    std::lock_guard<std::mutex> lock(reported_->mutex);
    if (reported_->tags.emplace(failure.where, failure.offset).second &&
        diagnostics_ != nullptr) {
      diagnostics_->Error(
          LocationOf(*failure.where, failure.offset),
          "template error: " + failure.message + " (rendering " + name + ")",
          failure.hint);
    }
  }
}

}  // namespace scrutineer
