#include "config/site_config.h"

#include <memory>

#include "load/yaml_reader.h"
#include "write/file_system.h"

namespace scrutineer {
namespace {

constexpr std::string_view kPath = "site.yaml";

struct Setting {
  std::string_view key;
  std::string SiteConfig::*text = nullptr;
  bool SiteConfig::*flag = nullptr;
  bool required = false;
};

const Setting kSettings[] = {
    {"title", &SiteConfig::title, nullptr, true},
    {"description", &SiteConfig::description},
    {"language", &SiteConfig::language},
    {"base_url", &SiteConfig::base_url},
    {"organisation", &SiteConfig::organisation},
    {"allow_raw_html", nullptr, &SiteConfig::allow_raw_html},
};

}  // namespace

bool LoadSiteConfig(const FileSystem& files, SiteConfig* config,
                    Diagnostics& diagnostics) {
  std::string text;
  std::string error;
  if (!files.ReadFile(std::string(kPath), &text, &error)) {
    diagnostics.Error(SourceLocation{kPath, 0, 0},
                      "cannot read site.yaml: " + error,
                      "run scrutineer in a site folder, or pass --source DIR");
    return false;
  }
  diagnostics.AddSource(kPath, std::make_shared<const std::string>(text));
  Value root;
  if (!ReadYaml(text, kPath, 0, &root, diagnostics)) return false;
  if (!root.is_map()) {
    diagnostics.Error(root.location, "site.yaml must be a map of settings",
                      "start with 'title: Your council's scrutiny site'");
    return false;
  }
  std::vector<std::string_view> keys;
  for (const Setting& setting : kSettings) keys.push_back(setting.key);
  for (const MapEntry& entry : root.entries) {
    const Setting* setting = nullptr;
    for (const Setting& candidate : kSettings) {
      if (candidate.key == entry.key) setting = &candidate;
    }
    if (setting == nullptr) {
      std::string closest = SuggestClosest(entry.key, keys);
      diagnostics.Error(
          entry.key_location, "unknown setting '" + entry.key + "'",
          closest.empty() ? "" : "did you mean '" + closest + "'?");
      continue;
    }
    if (!entry.value.is_scalar()) {
      diagnostics.Error(entry.value.location,
                        "setting '" + entry.key + "' must be text", "");
      continue;
    }
    if (setting->flag != nullptr) {
      if (entry.value.text != "true" && entry.value.text != "false") {
        diagnostics.Error(entry.value.location,
                          "setting '" + entry.key + "' must be true or false",
                          "");
        continue;
      }
      config->*(setting->flag) = entry.value.text == "true";
    } else {
      config->*(setting->text) = entry.value.text;
    }
  }
  for (const Setting& setting : kSettings) {
    if (setting.required && root.Find(setting.key) == nullptr) {
      diagnostics.Error(
          root.location,
          "missing required setting '" + std::string(setting.key) + "'", "");
    }
  }
  if (!config->base_url.empty() && config->base_url.back() != '/') {
    config->base_url += '/';
  }
  // Bad settings are reported above; the content can still be checked.
  return true;
}

}  // namespace scrutineer
