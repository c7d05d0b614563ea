// Every URL and output-path rule of the site, in one place. Templates get
// the results through page contexts; the writer and the link checker use
// the same functions.
//
// Pages have pretty URLs: a record's page is "<kind folder>/<id>/", written
// as "<kind folder>/<id>/index.html". Links between pages are relative
// ("../../reviews/x/"), so a site works under any sub-path and from a
// folder on disk without configuration.
#ifndef SCRUTINEER_RENDER_URLS_H_
#define SCRUTINEER_RENDER_URLS_H_

#include <string>
#include <string_view>

#include "model/schema.h"
#include "model/site.h"

namespace scrutineer {

/// The site-relative URL of a record's page: "reviews/x/",
/// "recommendations/x/r16/". Never starts with '/'.
std::string RecordPath(const Record& record);
/// The site-relative URL of a kind's index page: "reviews/".
std::string KindIndexPath(RecordKind kind);
/// The output file of a site-relative URL: "" -> "index.html",
/// "reviews/x/" -> "reviews/x/index.html"; a URL naming a file is its own
/// output file ("404.html").
std::string OutputFileOf(const std::string& path);
/// The prefix that leads from the page at `page_path` to the site root:
/// "" for the home page, "../../" for "reviews/x/".
std::string RootPrefix(const std::string& page_path);
/// The output path of a theme asset: "theme/site.css".
std::string AssetPath(std::string_view theme_relative);

}  // namespace scrutineer

#endif  // SCRUTINEER_RENDER_URLS_H_
