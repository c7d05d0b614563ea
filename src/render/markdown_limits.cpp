// How MarkdownLimits bounds the work of rendering untrusted Markdown, in one
// pass over the lines of a text and without parsing it:
//
//  1. Nesting. cmark-gfm walks every open container for every line, so deep
//     quotes or lists followed by many lines take depth x lines. The depth a
//     line can open is at most its container markers ('>', '-', '*', '+',
//     "1." or "1)") plus half its indentation (a nested list item needs two
//     columns more than its parent), so the largest such count over all lines
//     bounds the depth.
//  2. Tables. A table begins at a delimiter row ("|---|:--:|") under a
//     non-blank line and, for this count, runs to the next blank line. Every
//     row is padded to the header's width, so a wide header above many short
//     lines multiplies into millions of cells; and splitting a row costs the
//     square of its cells. Columns, cells per row and cells per file are
//     capped. The count errs on the side of more cells (a thematic break
//     under a paragraph counts as a one-column table).
//  3. "![" openers stay on cmark-gfm's bracket stack and are walked again for
//     every link that closes after them: capped per text.
//  4. Every '@' is tried as an e-mail autolink, which walks the rest of its
//     text node: '@'s in a long word cost (their number) x (the word's
//     length), about 6 ns a unit. The sum over the words of a file is capped.
#include <algorithm>
#include <optional>
#include <string>

#include "render/markdown.h"

namespace scrutineer {
namespace {

constexpr size_t kMaxBytes = 1024 * 1024;
constexpr int kMaxNesting = 32;
constexpr size_t kMaxTableColumns = 100;
constexpr size_t kMaxRowCells = 200;
constexpr size_t kMaxTableCellsPerFile = 100000;
constexpr size_t kMaxImageOpeners = 200;
constexpr size_t kMaxAddressWorkPerFile = 20 * 1000 * 1000;

struct LimitProblem {
  std::string message;
  std::string hint;
  int line = 1;           // in the text, 1-based
  bool per_file = false;  // a budget of the whole file ran out
};

bool IsBlank(std::string_view line) {
  return line.find_first_not_of(" \t") == std::string_view::npos;
}

// The most containers `line` can open or continue (see step 1).
int NestingOf(std::string_view line) {
  int markers = 0;
  int width = 0;
  size_t i = 0;
  auto skip_one_space = [&] {
    if (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  };
  while (i < line.size()) {
    const char c = line[i];
    if (c == ' ') {
      ++width;
      ++i;
    } else if (c == '\t') {
      width += 4 - width % 4;
      ++i;
    } else if (c == '>') {
      ++markers;
      ++i;
      skip_one_space();
    } else if ((c == '-' || c == '*' || c == '+') &&
               (i + 1 == line.size() || line[i + 1] == ' ' ||
                line[i + 1] == '\t')) {
      ++markers;
      ++i;
      skip_one_space();
    } else if (c >= '0' && c <= '9') {
      size_t end = i;
      while (end < line.size() && end - i < 10 && line[end] >= '0' &&
             line[end] <= '9') {
        ++end;
      }
      if (end < line.size() && (line[end] == '.' || line[end] == ')') &&
          (end + 1 == line.size() || line[end + 1] == ' ' ||
           line[end + 1] == '\t')) {
        ++markers;
        i = end + 1;
        skip_one_space();
      } else {
        break;
      }
    } else {
      break;
    }
  }
  return markers + width / 2;
}

// The line without the quote markers and indentation in front of it.
std::string_view StripContainers(std::string_view line) {
  size_t start = line.find_first_not_of(" \t>");
  return start == std::string_view::npos ? std::string_view()
                                         : line.substr(start);
}

// The number of columns when `line` is a table delimiter row, else 0.
size_t DelimiterColumns(std::string_view line) {
  std::string_view rest = StripContainers(line);
  if (rest.empty() ||
      rest.find_first_not_of("|:- \t") != std::string_view::npos ||
      rest.find('-') == std::string_view::npos) {
    return 0;
  }
  size_t columns = 0;
  bool in_cell = false;
  for (char c : rest) {
    if (c == '|') {
      in_cell = false;
    } else if (c == '-' && !in_cell) {
      in_cell = true;
      ++columns;
    }
  }
  return columns;
}

class Scanner {
 public:
  Scanner(size_t* table_cells, size_t* address_work)
      : table_cells_(table_cells), address_work_(address_work) {}

  std::optional<LimitProblem> Scan(std::string_view text) {
    if (text.size() > kMaxBytes) {
      return LimitProblem{"Markdown text is larger than 1 MiB",
                          "split it into several records", 1};
    }
    const size_t images = CountOf(text, "![");
    if (images > kMaxImageOpeners) {
      return LimitProblem{"Markdown text has more than " +
                              std::to_string(kMaxImageOpeners) +
                              " images ('![')",
                          "records never need this many images in one text", 1};
    }
    *address_work_ += AddressWork(text);
    if (*address_work_ > kMaxAddressWorkPerFile) {
      return LimitProblem{
          "the Markdown of this file has too many '@' signs in long words",
          "each '@' is tried as an e-mail address; put spaces between "
          "addresses, or split the file",
          1, true};
    }
    int line_number = 0;
    std::string_view previous;
    size_t columns = 0;  // of the table being read; 0 outside tables
    for (size_t start = 0; start <= text.size();) {
      size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      const std::string_view line = text.substr(start, end - start);
      ++line_number;
      if (std::optional<LimitProblem> problem =
              ScanLine(line, previous, &columns)) {
        problem->line = line_number;
        return problem;
      }
      previous = line;
      start = end + 1;
    }
    return std::nullopt;
  }

 private:
  // Step 4: the sum over words (runs without a space or line break) of
  // their '@' signs times their length.
  static size_t AddressWork(std::string_view text) {
    // Only the words that hold an '@' count: found from each '@' rather
    // than by reading every byte, since most texts with one hold short
    // links "(@id)" in a few words of many.
    constexpr std::string_view kBreaks = " \t\n";
    size_t work = 0;
    for (size_t at = text.find('@'); at != std::string_view::npos;) {
      const size_t before = text.find_last_of(kBreaks, at);
      const size_t start = before == std::string_view::npos ? 0 : before + 1;
      size_t end = text.find_first_of(kBreaks, at);
      if (end == std::string_view::npos) end = text.size();
      const size_t at_signs = static_cast<size_t>(
          std::count(text.begin() + at, text.begin() + end, '@'));
      work += at_signs * (end - start);
      at = end == text.size() ? std::string_view::npos : text.find('@', end);
    }
    return work;
  }

  static size_t CountOf(std::string_view text, std::string_view needle) {
    size_t count = 0;
    for (size_t at = text.find(needle); at != std::string_view::npos;
         at = text.find(needle, at + needle.size())) {
      ++count;
    }
    return count;
  }

  std::optional<LimitProblem> ScanLine(std::string_view line,
                                       std::string_view previous,
                                       size_t* columns) {
    if (NestingOf(line) > kMaxNesting) {
      return LimitProblem{
          "Markdown nesting is deeper than " + std::to_string(kMaxNesting) +
              " levels",
          "quotes ('>') and lists nest by their markers and indentation; "
          "records never need this depth"};
    }
    if (IsBlank(StripContainers(line))) {
      *columns = 0;
      return std::nullopt;
    }
    if (*columns == 0) {
      const size_t delimiter = DelimiterColumns(line);
      if (delimiter == 0 || IsBlank(StripContainers(previous))) {
        return std::nullopt;
      }
      if (delimiter > kMaxTableColumns) {
        return LimitProblem{"a Markdown table has more than " +
                                std::to_string(kMaxTableColumns) + " columns",
                            "split the table into narrower ones"};
      }
      *columns = delimiter;
      // The header row above is the table's first row; the delimiter row
      // itself is not one.
      return AddRow(previous, *columns);
    }
    return AddRow(line, *columns);
  }

  // The cells `line` holds, written with or without outer pipes.
  static size_t CellsOf(std::string_view line) {
    std::string_view row = StripContainers(line);
    while (!row.empty() && (row.back() == ' ' || row.back() == '\t')) {
      row.remove_suffix(1);
    }
    size_t cells = static_cast<size_t>(std::count(row.begin(), row.end(), '|'));
    cells += 1;
    if (!row.empty() && row.front() == '|') --cells;
    if (row.size() > 1 && row.back() == '|') --cells;
    return std::max<size_t>(cells, 1);
  }

  std::optional<LimitProblem> AddRow(std::string_view line, size_t columns) {
    const size_t cells = CellsOf(line);
    if (cells > kMaxRowCells) {
      return LimitProblem{"a Markdown table row has more than " +
                              std::to_string(kMaxRowCells) + " cells",
                          "check for a runaway '|'"};
    }
    // Short rows are padded to the header's width.
    *table_cells_ += std::max(columns, cells);
    if (*table_cells_ > kMaxTableCellsPerFile) {
      return LimitProblem{"the Markdown tables of this file have more than " +
                              std::to_string(kMaxTableCellsPerFile) + " cells",
                          "split the tables, or move some to a record of "
                          "their own",
                          1, true};
    }
    return std::nullopt;
  }

  size_t* table_cells_;
  size_t* address_work_;
};

}  // namespace

bool MarkdownLimits::Check(std::string_view markdown,
                           const SourceLocation& where, bool lines_match_file,
                           Diagnostics& diagnostics) {
  // Once a budget of the file ran out, every later text of it is over it
  // too; that was said once.
  if (budget_reported_) return false;
  Scanner scanner(&table_cells_, &address_work_);
  std::optional<LimitProblem> problem = scanner.Scan(markdown);
  if (!problem) {
    // Within the limits, the text can be parsed safely: the content checks
    // that need its structure run here, where every text passes once.
    if (report_content_) {
      CheckImagesAndLinksHaveText(markdown, where, lines_match_file,
                                  diagnostics);
    }
    return true;
  }
  if (problem->per_file) budget_reported_ = true;
  SourceLocation at = where;
  if (lines_match_file && problem->line > 1) {
    at.line += problem->line - 1;
    at.column = 1;
  } else if (problem->line > 1) {
    problem->message +=
        " (line " + std::to_string(problem->line) + " of the text)";
  }
  diagnostics.Error(at, std::move(problem->message), std::move(problem->hint));
  return false;
}

bool CheckMarkdownLimits(std::string_view markdown, const SourceLocation& where,
                         Diagnostics& diagnostics) {
  return MarkdownLimits().Check(markdown, where, false, diagnostics);
}

}  // namespace scrutineer
