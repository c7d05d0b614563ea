#include "config/site_config.h"

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "load/yaml_reader.h"
#include "model/calendar.h"
#include "write/file_system.h"

namespace scrutineer {
namespace {

constexpr std::string_view kPath = "site.yaml";

// Each setting reads its value into the config, reporting what is wrong.
using SettingReader = void (*)(const MapEntry&, SiteConfig*, Diagnostics&);

struct Setting {
  std::string_view key;
  SettingReader read;
  bool required = false;
};

bool RequireText(const MapEntry& entry, Diagnostics& diagnostics) {
  if (entry.value.is_scalar()) return true;
  diagnostics.Error(entry.value.location,
                    "setting '" + entry.key + "' must be text", "");
  return false;
}

template <std::string SiteConfig::*field>
void ReadText(const MapEntry& entry, SiteConfig* config,
              Diagnostics& diagnostics) {
  if (RequireText(entry, diagnostics)) config->*field = entry.value.text;
}

void ReadBaseUrl(const MapEntry& entry, SiteConfig* config,
                 Diagnostics& diagnostics) {
  if (!RequireText(entry, diagnostics)) return;
  std::string problem = BaseUrlProblem(entry.value.text);
  if (!problem.empty()) {
    diagnostics.Error(entry.value.location, "base_url " + problem,
                      "write the address the site is published at, as "
                      "base_url: \"https://example.gov.uk/scrutiny/\"");
    return;
  }
  config->base_url = entry.value.text;
}

void ReadAllowRawHtml(const MapEntry& entry, SiteConfig* config,
                      Diagnostics& diagnostics) {
  if (!RequireText(entry, diagnostics)) return;
  if (entry.value.text != "true" && entry.value.text != "false") {
    diagnostics.Error(entry.value.location,
                      "setting '" + entry.key + "' must be true or false", "");
    return;
  }
  config->allow_raw_html = entry.value.text == "true";
}

// A date in a setting; `full` demands a day.
std::optional<PartialDate> ReadDate(const Value& value, std::string_view key,
                                    bool full, Diagnostics& diagnostics) {
  std::optional<PartialDate> date;
  if (value.is_scalar()) date = ParsePartialDate(value.text);
  if (!date || (full && date->day == 0)) {
    std::string hint = value.is_scalar() ? PartialDateProblem(value.text) : "";
    if (hint.empty()) {
      hint = full ? "write it as 2019-02-01"
                  : "write a date as 2017, 2017-02 or 2017-02-16";
    }
    diagnostics.Error(
        value.location,
        "setting '" + std::string(key) + "' must be " +
            (full ? "a full date" : "a date") +
            (value.is_scalar() ? ", found '" + value.text + "'" : ""),
        hint);
    return std::nullopt;
  }
  return date;
}

void ReadAsAt(const MapEntry& entry, SiteConfig* config,
              Diagnostics& diagnostics) {
  if (auto date = ReadDate(entry.value, entry.key, true, diagnostics)) {
    config->as_at = date;
    config->as_at_origin = "site.yaml";
  }
}

void ReadStaleAfterMonths(const MapEntry& entry, SiteConfig* config,
                          Diagnostics& diagnostics) {
  const std::string& text = entry.value.text;
  bool ok = entry.value.is_scalar() && !text.empty() && text.size() <= 3 &&
            text.find_first_not_of("0123456789") == std::string::npos &&
            std::stoi(text) >= 1 && std::stoi(text) <= 120;
  if (!ok) {
    diagnostics.Error(entry.value.location,
                      "setting '" + entry.key +
                          "' must be a whole number of months from 1 to 120",
                      "for example: stale_after_months: 6");
    return;
  }
  config->stale_after_months = std::stoi(text);
}

void ReadChangesPeriods(const MapEntry& entry, SiteConfig* config,
                        Diagnostics& diagnostics) {
  const char* kHint =
      "write a list of periods: - { title: \"Since the June meeting\", "
      "from: 2017-06-21, to: 2017-09-30 }";
  if (!entry.value.is_list()) {
    diagnostics.Error(entry.value.location,
                      "setting '" + entry.key + "' must be a list", kHint);
    return;
  }
  for (const Value& item : entry.value.items) {
    if (!item.is_map()) {
      diagnostics.Error(item.location, "a changes period must be a map", kHint);
      continue;
    }
    ChangesPeriod period;
    bool ok = true;
    for (const MapEntry& field : item.entries) {
      if (field.key == "title") {
        if (field.value.is_scalar()) {
          period.title = field.value.text;
        } else {
          diagnostics.Error(field.value.location,
                            "a changes period's 'title' must be text", kHint);
          ok = false;
        }
      } else if (field.key == "from" || field.key == "to") {
        auto date = ReadDate(field.value, field.key, false, diagnostics);
        if (!date) ok = false;
        (field.key == "from" ? period.from : period.to) =
            date.value_or(PartialDate{});
      } else {
        diagnostics.Error(
            field.key_location(),
            "unknown field '" + field.key + "' in a changes period",
            "a period has 'title', 'from' and 'to'");
        ok = false;
      }
    }
    for (const char* key : {"from", "to"}) {
      if (item.Find(key) == nullptr) {
        diagnostics.Error(item.location,
                          std::string("a changes period needs '") + key + "'",
                          kHint);
        ok = false;
      }
    }
    if (ok && LastDay(period.to) < FirstDay(period.from)) {
      diagnostics.Error(item.location,
                        "a changes period ends (" + period.to.Iso() +
                            ") before it starts (" + period.from.Iso() + ")",
                        "");
      ok = false;
    }
    // Its page would be the other's: one of the two would not show.
    if (ok && std::any_of(config->changes_periods.begin(),
                          config->changes_periods.end(),
                          [&period](const ChangesPeriod& other) {
                            return other.from.Iso() == period.from.Iso() &&
                                   other.to.Iso() == period.to.Iso();
                          })) {
      diagnostics.Error(item.location,
                        "a second changes period from " + period.from.Iso() +
                            " to " + period.to.Iso(),
                        "each period has a page of its own, named by its "
                        "dates: give this one other dates, or remove it");
      ok = false;
    }
    if (ok) config->changes_periods.push_back(period);
  }
}

void ReadAccessibility(const MapEntry& entry, SiteConfig* config,
                       Diagnostics& diagnostics) {
  ReadAccessibilityStatement(entry.value, &config->accessibility, diagnostics);
}

const Setting kSettings[] = {
    {"title", ReadText<&SiteConfig::title>, true},
    {"description", ReadText<&SiteConfig::description>},
    {"language", ReadText<&SiteConfig::language>},
    {"base_url", ReadBaseUrl},
    {"organisation", ReadText<&SiteConfig::organisation>},
    {"allow_raw_html", ReadAllowRawHtml},
    {"as_at", ReadAsAt},
    {"stale_after_months", ReadStaleAfterMonths},
    {"changes_periods", ReadChangesPeriods},
    {"accessibility", ReadAccessibility},
};

}  // namespace

std::string BaseUrlProblem(std::string_view url) {
  size_t host = 0;
  for (std::string_view scheme : {"https://", "http://"}) {
    if (url.substr(0, scheme.size()) == scheme) host = scheme.size();
  }
  if (host == 0) return "must start with https:// or http://";
  if (host == url.size() || url[host] == '/') return "has no host name";
  for (unsigned char c : url) {
    if (c <= 0x20 || c == 0x7f) {
      return "holds a space, line break or other control character";
    }
    if (std::string_view("\"'<>\\`").find(static_cast<char>(c)) !=
        std::string_view::npos) {
      return std::string("holds '") + static_cast<char>(c) +
             "', which no address needs written as is (percent-encode it)";
    }
  }
  return std::string();
}

void ApplySourceDateEpoch(const char* value, SiteConfig* config,
                          Diagnostics& diagnostics) {
  if (value == nullptr || config->as_at) return;
  std::string text(value);
  // Seconds since 1970: up to 12 digits covers the years this tool can
  // care about and keeps the arithmetic far from overflow.
  const bool digits = !text.empty() &&
                      text.find_first_not_of("0123456789") == std::string::npos;
  if (!digits || text.size() > 12) {
    diagnostics.Error(
        SourceLocation{"SOURCE_DATE_EPOCH", 0, 0},
        digits ? "SOURCE_DATE_EPOCH is too large: at most 12 digits, found '" +
                     text + "'"
               : "SOURCE_DATE_EPOCH must be a whole number of seconds since "
                 "1970-01-01, found '" +
                     text + "'",
        "unset it, or set 'as_at: YYYY-MM-DD' in site.yaml");
    return;
  }
  config->as_at = DayFromUnixDays(std::stoll(text) / 86400);
  config->as_at_origin = "SOURCE_DATE_EPOCH";
}

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
  // A site.yaml that does not parse is a problem in the content like any
  // other: it is reported, and the records are still loaded and checked
  // (with the default settings) so that one run lists every problem.
  Value root;
  if (!ReadYaml(text, kPath, 0, &root, diagnostics)) return true;
  if (!root.is_map()) {
    diagnostics.Error(root.location, "site.yaml must be a map of settings",
                      "start with 'title: Your council's scrutiny site'");
    return true;
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
          entry.key_location(), "unknown setting '" + entry.key + "'",
          closest.empty() ? "" : "did you mean '" + closest + "'?");
      continue;
    }
    setting->read(entry, config, diagnostics);
  }
  if (const Value* title = root.Find("title");
      title != nullptr && title->is_scalar() &&
      title->text.find_first_not_of(" \t\n") == std::string::npos) {
    diagnostics.Error(title->location, "setting 'title' is blank",
                      "write the site's name, which heads every page: "
                      "title: \"Wirral Council scrutiny\"");
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
  // The build's one reading of its environment: reproducible-build tools
  // set SOURCE_DATE_EPOCH, and site.yaml's as_at wins over it.
  ApplySourceDateEpoch(std::getenv("SOURCE_DATE_EPOCH"), config, diagnostics);
  // Bad settings are reported above; the content can still be checked.
  return true;
}

}  // namespace scrutineer
