#include "serve/error_page.h"

#include <kainjow/mustache.hpp>

namespace scrutineer {
namespace {

// A built-in template: the page must show even when the site's own
// templates are what failed. {{x}} is escaped by the engine.
constexpr const char* kErrorPage = R"html(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{summary}} – Scrutineer preview</title>
<style>
body { margin: 0; font: 1rem/1.5 system-ui, sans-serif; color: #0b0c0c; background: #fff; }
.banner { background: #d4351c; color: #fff; padding: 1rem; }
.banner p, main { max-width: 60rem; margin: 0 auto; }
main { padding: 1rem; }
.problem { margin-bottom: 1.5rem; }
.where { font-weight: bold; }
.where code, pre { font: 0.9rem/1.4 ui-monospace, monospace; }
pre { background: #f3f2f1; padding: 0.5rem; overflow-x: auto; }
.warning .severity { color: #594d00; }
.error .severity { color: #d4351c; }
</style>
</head>
<body>
<div class="banner" role="alert"><p><strong>The site has {{summary}}.</strong>
This preview shows them in place of every page, and goes back to the site
by itself when they are fixed.</p></div>
<main>
<h1>Problems to fix</h1>
<ol>
{{#problems}}
<li class="problem {{severity}}">
<p class="where"><code>{{where}}</code>: <span class="severity">{{severity}}</span>: {{message}}</p>
{{#source}}<pre><code>{{source}}
{{caret}}</code></pre>
{{/source}}
{{#hint}}<p class="hint">note: {{hint}}</p>
{{/hint}}
</li>
{{/problems}}
</ol>
</main>
</body>
</html>
)html";

std::string Plural(int count, const char* one, const char* many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

}  // namespace

std::string RenderErrorPage(const Diagnostics& diagnostics) {
  using kainjow::mustache::data;
  data problems{data::type::list};
  int errors = 0;
  int warnings = 0;
  for (const Diagnostic& d : diagnostics.Sorted()) {
    bool error = d.severity == Severity::kError;
    ++(error ? errors : warnings);
    data problem;
    std::string where = d.path;
    if (d.line > 0) where += ":" + std::to_string(d.line);
    if (d.column > 0) where += ":" + std::to_string(d.column);
    problem.set("where", where);
    problem.set("severity", error ? "error" : "warning");
    problem.set("message", d.message);
    if (!d.hint.empty()) problem.set("hint", d.hint);
    std::string_view line = diagnostics.SourceLine(d.path, d.line);
    if (!line.empty() && line.size() < 300) {
      problem.set("source", std::string(line));
      std::string caret;
      for (int i = 0; i + 1 < d.column && i < static_cast<int>(line.size());
           ++i) {
        caret += line[i] == '\t' ? '\t' : ' ';
      }
      if (d.column > 0) problem.set("caret", caret + "^");
    }
    problems.push_back(problem);
  }
  data page;
  std::string summary = Plural(errors, "error", "errors");
  if (warnings > 0)
    summary += " and " + Plural(warnings, "warning", "warnings");
  page.set("summary", summary);
  page.set("problems", problems);
  kainjow::mustache::mustache engine{std::string(kErrorPage)};
  return engine.render(page);
}

}  // namespace scrutineer
