// The link checker, in order:
//  1. Scan every HTML page of the output for its links and ids
//     (LinkScanner: in check each page as it is rendered, in serve each as
//     it is read).
//  2. Note where each page came from: a record (its file), or a template.
//  3. Resolve each link to an output file, as a browser would from the
//     page's URL, and look it and its #fragment up.
//  4. Report each broken link where a person can fix it: at the URL in the
//     record's file when it is written there, else at the page's template.
#include "link/link_checker.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "link/html_links.h"
#include "render/urls.h"
#include "util/join.h"
#include "util/parallel_for.h"

namespace scrutineer {
namespace {

// scheme ":" per RFC 3986: a letter, then letters, digits, '+', '-', '.'.
bool HasScheme(std::string_view url) {
  for (size_t i = 0; i < url.size(); ++i) {
    char c = url[i];
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (c == ':') return i > 0;
    if (!letter && (i == 0 || !((c >= '0' && c <= '9') || c == '+' ||
                                c == '-' || c == '.'))) {
      return false;
    }
  }
  return false;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string PercentDecode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 &&
        HexValue(text[i + 2]) >= 0) {
      out +=
          static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// Where a link leads, as a path from the site root.
struct Resolved {
  bool external = false;
  bool outside = false;  // climbs above the root, or misses the base path
  std::string path;      // "meetings/x/" (a folder) or "theme/site.css"
  std::string fragment;  // decoded; empty when none
};

Resolved Resolve(std::string_view url, const std::string& page_file,
                 const std::string& base_url, const std::string& base_path) {
  Resolved result;
  std::string rooted;  // a path from the site root, when the URL gives one
  bool from_root = false;
  if (!base_url.empty() && url.compare(0, base_url.size(), base_url) == 0) {
    rooted = std::string(url.substr(base_url.size()));
    from_root = true;
  } else if (HasScheme(url) || url.compare(0, 2, "//") == 0) {
    result.external = true;
    return result;
  }
  std::string_view rest = from_root ? std::string_view(rooted) : url;
  size_t hash = rest.find('#');
  if (hash != std::string_view::npos) {
    result.fragment = PercentDecode(rest.substr(hash + 1));
    rest = rest.substr(0, hash);
  }
  size_t query = rest.find('?');
  if (query != std::string_view::npos) rest = rest.substr(0, query);

  std::string joined;
  if (from_root) {
    joined = std::string(rest);
  } else if (!rest.empty() && rest.front() == '/') {
    if (rest.compare(0, base_path.size(), base_path) != 0 &&
        std::string(rest) + "/" != base_path) {
      result.outside = true;
      return result;
    }
    joined = std::string(rest.substr(std::min(rest.size(), base_path.size())));
  } else if (rest.empty()) {
    // Only a fragment or a query: the page itself.
    result.path = page_file;
    return result;
  } else {
    size_t slash = page_file.rfind('/');
    std::string dir =
        slash == std::string::npos ? "" : page_file.substr(0, slash + 1);
    joined = dir + std::string(rest);
  }
  // Normalise "." and ".." segments as a browser does, but refuse to climb
  // above the root: that link leaves the site.
  std::vector<std::string> segments;
  bool folder = joined.empty() || joined.back() == '/';
  size_t start = 0;
  while (start <= joined.size()) {
    size_t end = joined.find('/', start);
    if (end == std::string::npos) end = joined.size();
    std::string segment = PercentDecode(joined.substr(start, end - start));
    bool last = end == joined.size();
    if (segment == "..") {
      if (segments.empty()) {
        result.outside = true;
        return result;
      }
      segments.pop_back();
      if (last) folder = true;
    } else if (segment == ".") {
      if (last) folder = true;
    } else if (!segment.empty()) {
      segments.push_back(segment);
    }
    start = end + 1;
  }
  for (const std::string& segment : segments) result.path += segment + "/";
  if (!folder && !result.path.empty()) result.path.pop_back();
  return result;
}

// The output file a resolved path names, or "" when there is none. A folder
// is its index.html; a name without a '/' may be a folder too, as a server
// redirects "x" to "x/".
std::string FindTarget(const OutputTree& out, const std::string& path) {
  if (path.empty() || path.back() == '/') {
    std::string index = path + "index.html";
    return out.Has(index) ? index : "";
  }
  if (path.find('\0') == std::string::npos && out.Has(path)) return path;
  std::string index = path + "/index.html";
  return out.Has(index) ? index : "";
}

// The URL a person would recognise a page by: "reviews/x/", "/" for home.
std::string PageUrl(const std::string& file) {
  std::string url = file;
  if (url == "index.html") return "/";
  if (url.size() >= 11 &&
      url.compare(url.size() - 11, 11, "/index.html") == 0) {
    url.erase(url.size() - 10);
  }
  return url;
}

struct PageOrigin {
  const Record* record = nullptr;
  std::string template_path = "templates";
};

std::map<std::string, PageOrigin> PageOrigins(const Site& site) {
  std::map<std::string, PageOrigin> origins;
  origins["index.html"].template_path = "templates/home.mustache";
  origins["404.html"].template_path = "templates/404.mustache";
  for (const KindSpec& kind : ContentKinds()) {
    origins[OutputFileOf(KindIndexPath(kind.kind))].template_path =
        "templates/list.mustache";
  }
  origins[OutputFileOf(KindIndexPath(RecordKind::kRecommendation))]
      .template_path = "templates/list.mustache";
  for (const Record& record : site.records) {
    PageOrigin& origin = origins[OutputFileOf(RecordPath(record))];
    origin.record = &record;
    origin.template_path =
        "templates/" + std::string(SpecOf(record.kind).name) + ".mustache";
  }
  return origins;
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

// A link destination as written in Markdown, as it reaches the page's href
// once cmark-gfm has read it and the scanner has decoded the attribute:
// backslash escapes and entities undone, and what cmark-gfm's href escaper
// percent-encodes (a space, a non-ASCII byte) encoded.
std::string RenderedDestination(std::string_view written) {
  std::string unescaped;
  for (size_t i = 0; i < written.size(); ++i) {
    if (written[i] == '\\' && i + 1 < written.size() &&
        std::ispunct(static_cast<unsigned char>(written[i + 1]))) {
      ++i;
    }
    unescaped += written[i];
  }
  std::string decoded = DecodeHtmlAttribute(unescaped);
  static constexpr std::string_view kSafe = "-_.+!*'(),%#@?=;:/&$~";
  std::string encoded;
  for (unsigned char c : decoded) {
    if (std::isalnum(c) ||
        kSafe.find(static_cast<char>(c)) != std::string_view::npos) {
      encoded += static_cast<char>(c);
    } else {
      static constexpr char kHex[] = "0123456789ABCDEF";
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 0xF];
    }
  }
  return encoded;
}

// Where the links of records' files are written. Each file is read once:
// every Markdown link destination ("](x)", "](<x>)", "[x]: x") and
// autolink ("<x>"), by what its href will be, in file order. A broken link
// is then found at the first place not reported yet from its record's own
// line on (a recommendation shares its review's file), so a link written
// twice is reported at each place, and thousands in one file cost one
// pass, not one each.
class RecordLinkLocator {
 public:
  bool Find(const Record& record, const std::string& url,
            SourceLocation* where) {
    if (!record.file_text || url.empty()) return false;
    File& file = files_[record.file_text.get()];
    if (file.line_starts.empty()) Index(*record.file_text, &file);
    const size_t line = static_cast<size_t>(std::max(record.location.line, 1));
    const size_t from = line <= file.line_starts.size()
                            ? file.line_starts[line - 1]
                            : record.file_text->size();
    size_t offset = std::string::npos;
    auto it = file.links.find(url);
    if (it != file.links.end()) {
      // The first not yet reported from the record's line on, else the
      // first from there, else the first in the file.
      std::vector<Place>& places = it->second;
      Place* chosen = nullptr;
      for (Place& place : places) {
        if (place.offset >= from && !place.reported) {
          chosen = &place;
          break;
        }
      }
      for (Place& place : places) {
        if (chosen == nullptr && place.offset >= from) chosen = &place;
      }
      if (chosen == nullptr) chosen = &places.front();
      chosen->reported = true;
      offset = chosen->offset;
    } else {
      // Written some other way (raw HTML, a bare address): anywhere.
      std::string_view text = *record.file_text;
      offset = text.find(url, from);
      if (offset == std::string_view::npos) offset = text.find(url);
      if (offset == std::string_view::npos) return false;
    }
    *where = LocationAt(file, record.location.path, offset);
    return true;
  }

 private:
  struct Place {
    size_t offset;
    bool reported = false;
  };
  struct File {
    std::vector<size_t> line_starts;
    std::unordered_map<std::string, std::vector<Place>> links;
  };

  static SourceLocation LocationAt(const File& file, std::string_view path,
                                   size_t offset) {
    const size_t line =
        static_cast<size_t>(std::upper_bound(file.line_starts.begin(),
                                             file.line_starts.end(), offset) -
                            file.line_starts.begin());
    return SourceLocation{
        path, static_cast<int>(line),
        static_cast<int>(offset - file.line_starts[line - 1]) + 1};
  }

  static void Index(std::string_view text, File* file) {
    file->line_starts.push_back(0);
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') file->line_starts.push_back(i + 1);
    }
    auto add = [&](size_t begin, size_t end) {
      if (end <= begin || end - begin > kMaxDestination) return;
      file->links[RenderedDestination(text.substr(begin, end - begin))]
          .push_back(Place{begin});
    };
    // A destination after "](" or "]:", up to white space or, outside
    // angle brackets, the ')' that closes it.
    auto destination = [&](size_t at, bool in_link) {
      while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
      if (at < text.size() && text[at] == '\n') ++at;
      while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
      if (at < text.size() && text[at] == '<') {
        const size_t close = text.find_first_of(">\n", at + 1);
        if (close != std::string_view::npos && text[close] == '>') {
          add(at + 1, close);
        }
        return;
      }
      size_t end = at;
      int depth = 0;
      for (; end < text.size(); ++end) {
        const char c = text[end];
        if (c == ' ' || c == '\t' || c == '\n') break;
        if (c == '\\' && end + 1 < text.size()) {
          ++end;
          continue;
        }
        if (in_link && c == '(') ++depth;
        if (in_link && c == ')' && depth-- == 0) break;
      }
      add(at, end);
    };
    for (size_t at = text.find(']'); at != std::string_view::npos;
         at = text.find(']', at + 1)) {
      if (at + 1 < text.size() && text[at + 1] == '(') {
        destination(at + 2, true);
      }
      if (at + 1 < text.size() && text[at + 1] == ':') {
        destination(at + 2, false);
      }
    }
    for (size_t at = text.find('<'); at != std::string_view::npos;
         at = text.find('<', at + 1)) {
      const size_t close = text.find_first_of("> \t\n<", at + 1);
      if (close != std::string_view::npos && text[close] == '>' &&
          at + 1 < text.size() &&
          std::isalpha(static_cast<unsigned char>(text[at + 1]))) {
        add(at + 1, close);
      }
    }
  }

  // Longer is not a link anyone wrote by hand, and is not worth keeping.
  static constexpr size_t kMaxDestination = 4096;
  std::unordered_map<const std::string*, File> files_;
};

// Finds where the templates write a link, from what every rendering of it
// shares (its target path after "{{root}}", or its #fragment): in the
// page's template, the layout, then the partials. Keeps what it read, and
// every answer.
class TemplateLinkFinder {
 public:
  explicit TemplateLinkFinder(const FileSystem* files) : files_(files) {}

  // Sets *where and returns true when `needle` is in one of the templates
  // that made a page of `template_path`.
  bool Find(const std::string& template_path, const std::string& needle,
            SourceLocation* where) {
    if (files_ == nullptr || needle.size() < 2) return false;
    auto [it, added] = answers_.try_emplace(template_path + '\n' + needle);
    if (added) it->second = Search(template_path, needle);
    if (!it->second) return false;
    *where = *it->second;
    return true;
  }

 private:
  std::optional<SourceLocation> Search(const std::string& template_path,
                                       const std::string& needle) {
    if (candidates_.empty()) {
      for (const std::string& path :
           files_->ListFiles("templates/partials").files) {
        candidates_.push_back(path);
      }
    }
    std::vector<std::string> order = {template_path,
                                      "templates/layout.mustache"};
    order.insert(order.end(), candidates_.begin(), candidates_.end());
    for (const std::string& path : order) {
      const std::string& text = Text(path);
      size_t found = text.find(needle);
      if (found != std::string::npos) {
        // The location's path must outlive the diagnostics' copy of it.
        const std::string& kept = *paths_.insert(path).first;
        return LocationOfOffset(kept, text, found);
      }
    }
    return std::nullopt;
  }

  const std::string& Text(const std::string& path) {
    auto [it, added] = texts_.try_emplace(path);
    std::string error;
    if (added && !files_->ReadFile(path, &it->second, &error)) {
      it->second.clear();
    }
    return it->second;
  }

  const FileSystem* files_;
  std::vector<std::string> candidates_;
  std::map<std::string, std::string> texts_;
  std::set<std::string> paths_;
  std::map<std::string, std::optional<SourceLocation>> answers_;
};

// What the link check keeps of a page: ScanHtml's links and ids.
PageLinks ScanPageLinks(std::string_view html) {
  HtmlLinks scan = ScanHtml(html);
  PageLinks kept;
  size_t size = 0;
  for (const HtmlLink& link : scan.links) size += link.url.size();
  kept.urls.reserve(size);
  kept.url_ends.reserve(scan.links.size());
  for (const HtmlLink& link : scan.links) {
    kept.urls += link.url;
    kept.url_ends.push_back(kept.urls.size());
  }
  kept.ids = std::move(scan.ids);
  return kept;
}

// A link of page_links' page that leads nowhere: the URL's index on the
// page, where it resolved to, and the output file it named (for a missing
// #fragment), or "" when there is none.
struct Broken {
  size_t link;
  Resolved target;
  std::string file;
};

// The links of one page that lead nowhere, in page order. Reads `pages`
// and `out` only, so pages are looked at on every core.
std::vector<Broken> BrokenLinksOf(const std::string& page,
                                  const PageLinks& page_links,
                                  const std::map<std::string, PageLinks>& pages,
                                  const OutputTree& out,
                                  const std::string& base_url,
                                  const std::string& base_path) {
  std::vector<Broken> broken;
  for (size_t i = 0; i < page_links.size(); ++i) {
    Resolved target = Resolve(page_links.url(i), page, base_url, base_path);
    if (target.external) continue;
    if (target.outside) {
      broken.push_back(Broken{i, std::move(target), ""});
      continue;
    }
    std::string file = FindTarget(out, target.path);
    if (file.empty()) {
      broken.push_back(Broken{i, std::move(target), ""});
      continue;
    }
    if (target.fragment.empty() || target.fragment == "top") continue;
    auto target_page = pages.find(file);
    if (target_page == pages.end() ||
        target_page->second.ids.count(target.fragment) > 0) {
      continue;
    }
    broken.push_back(Broken{i, std::move(target), std::move(file)});
  }
  return broken;
}

}  // namespace

bool CheckLinks(const Site& site, const OutputTree& out,
                const LinkScanner& scanned, Diagnostics& diagnostics,
                const std::atomic<bool>* stop, const FileSystem* templates) {
  const std::map<std::string, PageLinks>& pages = scanned.pages();
  auto stopped = [stop] {
    return stop != nullptr && stop->load(std::memory_order_relaxed);
  };
  const std::string& base_url = site.config.base_url;
  std::string base_path = BaseUrlPath(base_url);
  // Resolving a million links (18,000 pages at 10,000 recommendations) is
  // most of the work left: it runs on every core, each page into its own
  // slot; what is reported, and where, is then worked out in page order.
  std::vector<const std::pair<const std::string, PageLinks>*> order;
  order.reserve(pages.size());
  for (const auto& entry : pages) order.push_back(&entry);
  std::vector<std::vector<Broken>> broken(order.size());
  ParallelFor(order.size(), [&](size_t i) {
    if (stopped()) return;
    broken[i] = BrokenLinksOf(order[i]->first, order[i]->second, pages, out,
                              base_url, base_path);
  });
  if (stopped()) return false;
  std::map<std::string, PageOrigin> origins = PageOrigins(site);
  // A bad link a template writes is on every page made with it (18,000 at
  // 10,000 recommendations for one in the layout): it is reported once per
  // template and target, at its first page, with how many pages have it.
  struct TemplateProblem {
    SourceLocation where;  // the template, or where in it the link is
    std::string message;
    std::string hint;  // the first page's
    size_t pages = 0;
  };
  std::map<std::string, TemplateProblem> template_problems;
  TemplateLinkFinder finder(templates);
  RecordLinkLocator locator;

  for (size_t page_index = 0; page_index < order.size(); ++page_index) {
    if (stopped()) return false;
    if (broken[page_index].empty()) continue;
    const std::string& page = order[page_index]->first;
    const PageLinks& page_links = order[page_index]->second;
    static const PageOrigin kNoOrigin;  // a page no template is known for
    auto origin_it = origins.find(page);
    const PageOrigin& origin =
        origin_it == origins.end() ? kNoOrigin : origin_it->second;
    std::string on_page = "on page '" + PageUrl(page) + "'";
    for (const Broken& link : broken[page_index]) {
      const std::string url(page_links.url(link.link));
      const Resolved& target = link.target;
      const std::string& file = link.file;
      std::string message;
      std::string hint = on_page;
      if (target.outside) {
        message = "link '" + url + "' leads outside the site";
        hint += "; the site's root is '" + base_path + "'";
      } else if (file.empty()) {
        message = "broken link '" + url + "': nothing at '" +
                  (target.path.empty() ? "/" : target.path) + "'";
      } else {
        const std::set<std::string>& ids = pages.at(file).ids;
        message = "broken anchor '" + url + "': page '" + PageUrl(file) +
                  "' has no id '" + target.fragment + "'";
        std::string closest = SuggestClosest(
            target.fragment,
            std::vector<std::string_view>(ids.begin(), ids.end()));
        if (!closest.empty()) hint = "did you mean '#" + closest + "'? " + hint;
      }
      SourceLocation where{origin.template_path, 0, 0};
      if (origin.record != nullptr &&
          locator.Find(*origin.record, url, &where)) {
        if (file.empty() && !target.outside) {
          hint += "; link to a record by its id: [words](@id)";
        }
      } else {
        // Not in the record: the page's template wrote it, or a partial or
        // the layout it is rendered in. What every rendering of the link
        // shares is its target after "{{root}}", or its #fragment.
        std::string needle = target.outside ? url
                             : file.empty() ? target.path
                                            : "#" + target.fragment;
        bool found = finder.Find(origin.template_path, needle, &where);
        std::string key =
            found ? std::string(where.path) + ':' + std::to_string(where.line) +
                        ':' + std::to_string(where.column) + '\n' + needle
                  : origin.template_path + '\n' +
                        (target.outside ? "outside " + url
                                        : target.path + '#' + target.fragment);
        TemplateProblem& problem = template_problems[key];
        if (problem.pages++ == 0) {
          problem = {where, message, hint, 1};
        }
        continue;
      }
      diagnostics.Error(where, message, hint);
    }
  }
  for (const auto& [key, problem] : template_problems) {
    std::string hint = problem.hint;
    const bool located = problem.where.line > 0;
    if (problem.pages > 1) {
      hint += " and " + std::to_string(problem.pages - 1) + " other page" +
              (problem.pages == 2 ? "" : "s") +
              (located ? "" : " made with this template");
    }
    if (!located && problem.where.path != "templates") {
      hint +=
          "; the link is in this template, a partial it includes, or "
          "templates/layout.mustache";
    }
    diagnostics.Error(problem.where, problem.message, hint);
  }
  return true;
}

int LinkScanner::WriteFile(const std::string& path,
                           const std::string_view* pieces, size_t count) {
  if (!IsHtmlFile(path)) return 0;
  const std::string joined = count == 1 ? "" : JoinPieces(pieces, count);
  const std::string_view html = count == 1 ? pieces[0] : joined;
  PageLinks links = ScanPageLinks(html);
  std::lock_guard<std::mutex> lock(mutex_);
  auto [it, added] = pages_.try_emplace(path);
  // Two pages at one file (a clash, reported by the render stage) come in
  // whichever order the threads made them: the one kept is the same either
  // way, so that the diagnostics are too.
  if (added ||
      std::tie(links.urls, links.url_ends, links.ids) <
          std::tie(it->second.urls, it->second.url_ends, it->second.ids)) {
    it->second = std::move(links);
  }
  return 0;
}

}  // namespace scrutineer
