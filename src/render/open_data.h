// Open data: every record of the site as JSON and CSV files under data/,
// the JSON Schemas of the records beside them, and people, organisations,
// memberships and meetings as Popolo JSON; all under the Open Government
// Licence v3.0.
//
// Consumes: the linked Site and the traced Histories.
// Produces: the files' contents, with the facts the downloads page lists.
//
// JSON and CSV are data, not markup, so they are made here rather than
// from templates: records' JSON with JsonWriter (json_writer.h: the bytes
// nlohmann-json would write, without a tree per record), the envelopes and
// Popolo with nlohmann-json, CSV with a small writer; records on every core.
// Every JSON record carries its id, its page's site-relative `path` and, when
// the site has a base_url, its absolute `url`, and `fields` exactly as written
// in its content file (valid against data/schema/<kind>.schema.json).
// CSV files follow RFC 4180 (UTF-8, CRLF, quotes where needed), one table
// per file, and defend against formula injection: a cell that starts with
// '=', '+', '-', '@', a tab or a carriage return gets a leading apostrophe
// (the JSON holds the exact text).
#ifndef SCRUTINEER_RENDER_OPEN_DATA_H_
#define SCRUTINEER_RENDER_OPEN_DATA_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "model/site.h"
#include "render/recommendation_history.h"
#include "util/join.h"

namespace scrutineer {

inline constexpr char kOpenDataLicence[] = "Open Government Licence v3.0";
inline constexpr char kOpenDataLicenceUrl[] =
    "https://www.nationalarchives.gov.uk/doc/open-government-licence/"
    "version/3/";

struct OpenDataFile {
  std::string path;         // site-relative: "data/recommendations.csv"
  std::string title;        // "Recommendations"
  std::string format;       // "JSON", "CSV", "JSON Schema", "Popolo JSON"
  std::string description;  // one sentence for the downloads page
  size_t count = 0;         // records or rows; 0 for schemas
  std::string contents;
};

/// Takes each open-data file's contents as soon as the file is made
/// (BuildOpenData), from any of its threads, several at once. The contents
/// are the pieces, one after another (JoinPieces): the large files are
/// made in parts, and a sink that writes them as they are never holds a
/// file as one string. Each piece is a few hundred KB at most, which the
/// heap hands out again as the next file is made; the files as strings
/// (up to 24 MB at 10,000 recommendations) were each fresh memory from
/// the kernel, and on a virtual machine fresh memory is dear
/// (bench/README.md, 2026-11-27, ninth session).
using OpenDataSink = std::function<void(const std::string& path,
                                        std::vector<std::string> pieces)>;

/// Every open-data file: per kind a JSON file, the CSV tables, the
/// schemas and the Popolo file, in the order the downloads page lists them.
/// With a `sink`, each file's contents go to it as soon as they are made,
/// and the files returned have none: a build writing to disk then holds a
/// file or two at a time rather than all of them (90 MB at 10,000
/// recommendations), and none of the records' JSON lines or CSV rows
/// after their file is made.
std::vector<OpenDataFile> BuildOpenData(const Site& site,
                                        const Histories& histories,
                                        const OpenDataSink& sink = {});

/// The files BuildOpenData makes, in its order, with their paths, titles,
/// formats and descriptions only (no count, no contents): what links to
/// them needs no more, and this costs next to nothing.
std::vector<OpenDataFile> DescribeOpenData(const Site& site,
                                           const Histories& histories);

/// One CSV table: a header row and rows of as many cells.
struct CsvTable {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};

/// The CSV tables (file name without ".csv" -> table, with a description),
/// in the order the downloads page lists them.
struct NamedCsvTable {
  std::string name;
  std::string title;
  std::string description;
  CsvTable table;
};
std::vector<NamedCsvTable> BuildCsvTables(const Site& site,
                                          const Histories& histories);
/// BuildCsvTables' tables without their rows.
std::vector<NamedCsvTable> DescribeCsvTables(const Site& site,
                                             const Histories& histories);
/// CsvText of table `index` of BuildCsvTables, made a record's rows at a
/// time rather than from the whole table; *rows gets how many rows it has.
std::string CsvTableText(const Site& site, const Histories& histories,
                         size_t index, size_t* rows);
/// CsvTableText() in pieces of about kCsvPieceBytes (see OpenDataSink).
inline constexpr size_t kCsvPieceBytes = 256 * 1024;
std::vector<std::string> CsvTablePieces(const Site& site,
                                        const Histories& histories,
                                        size_t index, size_t* rows);

/// The text of a CSV file: RFC 4180, CRLF line ends.
std::string CsvText(const CsvTable& table);
/// One cell as CSV writes it: formula-injection defence, then quoted when it
/// holds a comma, a quote, a line break or starts or ends with a space.
std::string CsvCell(std::string_view text);

/// People, organisations (and committees), memberships (people's roles) and
/// events (meetings and workshops) as Popolo JSON.
std::string BuildPopoloJson(const Site& site);

}  // namespace scrutineer

#endif  // SCRUTINEER_RENDER_OPEN_DATA_H_
