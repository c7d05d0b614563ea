"""The Hugo side's configuration and minimal theme, written into the
generated site (nothing is downloaded): baseof, single, list, taxonomy (the
terms of a taxonomy), term and home layouts, and one stylesheet. Feeds use
Hugo's built-in RSS template.
"""

import os

CONFIG = """\
baseURL = "https://example.org/scrutiny/"
languageCode = "en-GB"
title = "Synthetic scrutiny archive ({n} recommendations)"
enableRobotsTXT = false
enableGitInfo = false
# Feeds of the latest 20 pages, as a real site would set; the default
# (every page in every feed) only adds work on Hugo's side.
rssLimit = 20

[params]
description = "A generated corpus for benchmarking Scrutineer against Hugo."

[taxonomies]
committee = "committees"
status = "statuses"
year = "years"

[outputs]
home = ["HTML", "RSS"]
section = ["HTML", "RSS"]
taxonomy = ["HTML", "RSS"]
term = ["HTML", "RSS"]
"""

BASEOF = """\
<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} – {{ .Site.Title }}</title>
<meta name="description" content="{{ .Site.Params.description }}">
{{ range .AlternativeOutputFormats -}}
<link rel="{{ .Rel }}" type="{{ .MediaType.Type }}" href="{{ .Permalink | safeURL }}">
{{ end -}}
<link rel="stylesheet" href="{{ "site.css" | relURL }}">
</head>
<body class="page-{{ .Kind }}">
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
<a class="site-title" href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
<nav class="site-nav" aria-label="Main"><ul>
{{ $current := . }}{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}"{{ if $current.IsDescendant . }} aria-current="true"{{ end }}>{{ .Title }}</a></li>
{{ end }}</ul></nav>
</header>
<main id="main">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer"><p>Built with Hugo.</p></footer>
</body>
</html>
"""

SINGLE = """\
{{ define "main" }}
<p class="caption"><a href="{{ .CurrentSection.RelPermalink }}">{{ .CurrentSection.Title }}</a></p>
<h1>{{ .Title }}</h1>
{{ if not .Date.IsZero }}<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p>{{ end }}
<dl class="summary-list">
{{ range $taxonomy, $_ := .Site.Taxonomies }}{{ with $.GetTerms $taxonomy }}<div><dt>{{ $taxonomy | humanize }}</dt><dd>{{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</dd></div>
{{ end }}{{ end }}
</dl>
{{ .Content }}
{{ end }}
"""

LIST = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<p>{{ len .Pages }} pages</p>
<ul class="record-list">
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ if not .Date.IsZero }} <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>{{ end }}</li>
{{ end }}
</ul>
{{ end }}
"""

TAXONOMY = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>
{{ end }}
</ul>
{{ end }}
"""

HOME = """\
{{ define "main" }}
<h1>{{ .Site.Title }}</h1>
<h2>Latest</h2>
<ul>
{{ range first 10 .Site.RegularPages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}
</ul>
<h2>Sections</h2>
<ul>
{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .Pages }})</li>
{{ end }}
</ul>
{{ end }}
"""

CSS = """\
body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 0; }
main, .site-header, .site-footer { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
.site-nav ul { display: flex; flex-wrap: wrap; gap: 1rem; list-style: none; padding: 0; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: .25rem; }
"""

FILES = {
    "hugo.toml": CONFIG,
    "layouts/_default/baseof.html": BASEOF,
    "layouts/_default/single.html": SINGLE,
    "layouts/_default/list.html": LIST,
    "layouts/_default/term.html": LIST,
    "layouts/_default/taxonomy.html": TAXONOMY,
    "layouts/index.html": HOME,
    "static/site.css": CSS,
}


def WriteTheme(folder, n):
    for path, text in FILES.items():
        full = os.path.join(folder, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(text.format(n=n) if path == "hugo.toml" else text)
