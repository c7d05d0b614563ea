#include "diag/diagnostics.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace scrutineer {

Diagnostics::Diagnostics(const Diagnostics& other) { *this = other; }

Diagnostics& Diagnostics::operator=(const Diagnostics& other) {
  if (this == &other) return *this;
  std::scoped_lock lock(mutex_, other.mutex_);
  strict_ = other.strict_;
  error_count_ = other.error_count_;
  items_ = other.items_;
  sources_ = other.sources_;
  line_starts_ = other.line_starts_;
  return *this;
}

void Diagnostics::Error(const SourceLocation& where, std::string message,
                        std::string hint) {
  Report(Severity::kError, where, std::move(message), std::move(hint));
}

void Diagnostics::Warning(const SourceLocation& where, std::string message,
                          std::string hint) {
  Report(Severity::kWarning, where, std::move(message), std::move(hint));
}

void Diagnostics::Report(Severity severity, const SourceLocation& where,
                         std::string message, std::string hint) {
  if (strict_) severity = Severity::kError;
  Diagnostic diagnostic{severity,     std::string(where.path), where.line,
                        where.column, std::move(message),      std::move(hint)};
  std::lock_guard<std::mutex> lock(mutex_);
  if (severity == Severity::kError) ++error_count_;
  items_.push_back(std::move(diagnostic));
}

void Diagnostics::AddSource(std::string_view path,
                            std::shared_ptr<const std::string> text) {
  // Where its lines start is found when a line is first quoted: most
  // sources added are never quoted.
  std::string key(path);
  std::lock_guard<std::mutex> lock(mutex_);
  line_starts_.erase(key);
  sources_[std::move(key)] = std::move(text);
}

void Diagnostics::ForgetSourcesWithoutDiagnostics(
    const std::vector<std::string_view>& paths) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::set<std::string_view> reported;
  for (const Diagnostic& d : items_) reported.insert(d.path);
  for (std::string_view path : paths) {
    if (reported.count(path) > 0) continue;
    auto source = sources_.find(path);
    if (source != sources_.end()) sources_.erase(source);
    auto starts = line_starts_.find(path);
    if (starts != line_starts_.end()) line_starts_.erase(starts);
  }
}

bool Diagnostics::HasErrors() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return error_count_ > 0;
}

std::vector<Diagnostic> Diagnostics::Sorted() const {
  std::vector<Diagnostic> sorted;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    sorted = items_;
  }
  auto key = [](const Diagnostic& d) {
    return std::tie(d.path, d.line, d.column, d.message, d.severity, d.hint);
  };
  std::stable_sort(sorted.begin(), sorted.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) {
                     return key(a) < key(b);
                   });
  sorted.erase(std::unique(sorted.begin(), sorted.end(),
                           [&](const Diagnostic& a, const Diagnostic& b) {
                             return key(a) == key(b);
                           }),
               sorted.end());
  return sorted;
}

int Diagnostics::error_count() const {
  int errors = 0;
  for (const Diagnostic& d : Sorted()) errors += d.severity == Severity::kError;
  return errors;
}

int Diagnostics::warning_count() const {
  int warnings = 0;
  for (const Diagnostic& d : Sorted()) {
    warnings += d.severity == Severity::kWarning;
  }
  return warnings;
}

std::string_view Diagnostics::SourceLine(const std::string& path,
                                         int line) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = sources_.find(path);
  if (it == sources_.end() || !it->second || line < 1) return {};
  std::string_view text = *it->second;
  auto [found, added] = line_starts_.try_emplace(path);
  std::vector<size_t>& starts = found->second;
  if (added) {
    starts.push_back(0);
    for (size_t i = text.find('\n'); i != std::string_view::npos;
         i = text.find('\n', i + 1)) {
      starts.push_back(i + 1);
    }
  }
  if (static_cast<size_t>(line) > starts.size()) return {};
  size_t start = starts[line - 1];
  size_t end = text.find('\n', start);
  std::string_view result = text.substr(
      start, end == std::string_view::npos ? text.size() - start : end - start);
  if (!result.empty() && result.back() == '\r') result.remove_suffix(1);
  return result;
}

std::string ForTerminal(std::string_view text) {
  auto is_control = [](unsigned char c) {
    return (c < 0x20 && c != '\t') || c == 0x7f;
  };
  auto is_c1 = [&text](size_t i) {  // U+0080..U+009F in UTF-8
    return static_cast<unsigned char>(text[i]) == 0xC2 &&
           i + 1 < text.size() &&
           (static_cast<unsigned char>(text[i + 1]) & 0xE0) == 0x80;
  };
  size_t i = 0;
  while (i < text.size() && !is_control(text[i]) && !is_c1(i)) ++i;
  if (i == text.size()) return std::string(text);
  constexpr char kHex[] = "0123456789abcdef";
  std::string out(text.substr(0, i));
  for (; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (is_control(c)) {
      out += "\\x";
    } else if (is_c1(i)) {
      out += "\\u00";
      ++i;
    } else {
      out += text[i];
      continue;
    }
    const auto shown = static_cast<unsigned char>(text[i]);
    out += kHex[shown >> 4];
    out += kHex[shown & 15];
  }
  return out;
}

std::string FormatDiagnosticHeadline(const Diagnostic& d) {
  std::string out = d.path;
  if (d.line > 0) {
    out += ':' + std::to_string(d.line);
    if (d.column > 0) out += ':' + std::to_string(d.column);
  }
  out += d.severity == Severity::kError ? ": error: " : ": warning: ";
  out += d.message;
  return ForTerminal(out);
}

void PrintDiagnostics(const Diagnostics& diagnostics, std::ostream& out) {
  std::vector<Diagnostic> sorted = diagnostics.Sorted();
  int errors = 0;
  int warnings = 0;
  for (const Diagnostic& d : sorted) {
    ++(d.severity == Severity::kError ? errors : warnings);
    out << FormatDiagnosticHeadline(d) << '\n';
    std::string_view line = diagnostics.SourceLine(d.path, d.line);
    if (!line.empty() && line.size() < 300) {
      out << "    " << ForTerminal(line) << '\n';
      if (d.column > 0) {
        // Keep tabs so the caret lines up under tab-indented text, and
        // count what a control character before it is shown as.
        const std::string before = ForTerminal(line.substr(
            0, std::min(line.size(), static_cast<size_t>(d.column - 1))));
        std::string pad;
        for (char c : before) pad += c == '\t' ? '\t' : ' ';
        out << "    " << pad << "^\n";
      }
    }
    if (!d.hint.empty()) out << "note: " << ForTerminal(d.hint) << '\n';
  }
  if (errors + warnings > 0) {
    out << errors << (errors == 1 ? " error" : " errors") << ", " << warnings
        << (warnings == 1 ? " warning" : " warnings") << '\n';
  }
}

namespace {

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1,
                         diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string SuggestClosest(std::string_view word,
                           const std::vector<std::string_view>& candidates) {
  // Like ninja's SpellcheckString: small edits only, or the hint misleads.
  size_t best = std::max<size_t>(3, word.size() / 3) + 1;
  std::string_view best_word;
  for (std::string_view candidate : candidates) {
    // Skip edit distance for lengths too far apart to be close.
    size_t gap = candidate.size() > word.size()
                     ? candidate.size() - word.size()
                     : word.size() - candidate.size();
    if (gap >= best) continue;
    size_t distance = EditDistance(word, candidate);
    // Replacing every letter is not a spelling mistake ("foo" -> "id").
    if (distance >= std::max(word.size(), candidate.size())) continue;
    if (distance < best ||
        (distance == best && !best_word.empty() && candidate < best_word)) {
      best = distance;
      best_word = candidate;
    }
  }
  return std::string(best_word);
}

}  // namespace scrutineer
