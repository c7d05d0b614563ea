#include "render/urls.h"

#include <algorithm>

namespace scrutineer {

std::string RecordPath(const Record& record) {
  return RecordPathFrom("", record);
}

std::string RecordPathFrom(std::string_view root, const Record& record) {
  // Ids are checked on load (a-z, 0-9, '-', and "/r<number>" for
  // recommendations), so they are safe as path segments. One allocation:
  // hrefs to records are made hundreds of thousands of times a build.
  const std::string_view folder = SpecOf(record.kind).folder;
  std::string path;
  path.reserve(root.size() + folder.size() + record.id.value.size() + 2);
  path.append(root);
  path.append(folder);
  path += '/';
  path.append(record.id.value);
  path += '/';
  return path;
}

std::string KindIndexPath(RecordKind kind) {
  return std::string(SpecOf(kind).folder) + "/";
}

std::string OutputFileOf(const std::string& path) {
  if (path.empty() || path.back() == '/') return path + "index.html";
  return path;
}

std::string RootPrefix(const std::string& page_path) {
  size_t depth = std::count(page_path.begin(), page_path.end(), '/');
  std::string prefix;
  for (size_t i = 0; i < depth; ++i) prefix += "../";
  return prefix;
}

std::string TrackerPath() { return "tracker/"; }

std::string ChangesIndexPath() { return "changes/"; }

std::string ChangesPath(std::string_view slug) {
  return ChangesIndexPath() + std::string(slug) + "/";
}

std::string AssetPath(std::string_view theme_relative) {
  return "theme/" + std::string(theme_relative);
}

std::string BaseUrlPath(const std::string& base_url) {
  size_t scheme = base_url.find("://");
  if (scheme == std::string::npos) return "/";
  size_t path = base_url.find('/', scheme + 3);
  if (path == std::string::npos) return "/";
  std::string result = base_url.substr(path);
  size_t end = result.find_first_of("?#");
  if (end != std::string::npos) result.erase(end);
  if (result.back() != '/') result += '/';
  return result;
}

std::string SiteFeedPath() { return "feed.xml"; }

std::string SiteCalendarPath() { return "calendar.ics"; }

std::string FeedPathOf(const Record& record) {
  return RecordPath(record) + "feed.xml";
}

std::string CalendarPathOf(const Record& record) {
  return RecordPath(record) + "calendar.ics";
}

std::string SitemapPath() { return "sitemap.xml"; }

std::string RobotsPath() { return "robots.txt"; }

std::string OpenDataPath(std::string_view file) {
  return "data/" + std::string(file);
}

std::string DownloadsPath() { return "downloads/"; }

std::string SearchPath() { return "search/"; }

std::string AccessibilityPath() { return "accessibility/"; }

std::string AbsoluteUrl(const std::string& base_url, const std::string& path) {
  return base_url.empty() ? std::string() : base_url + path;
}

}  // namespace scrutineer
