"""Writes a corpus (corpus_model.py) as the equivalent Hugo site, so that
Hugo does the work Scrutineer does on the same records:

- one page per record and per recommendation, in sections named like
  Scrutineer's folders, carrying the same Markdown: a record's body and
  every Markdown field (a recommendation's page carries its text and every
  update's entry for it, as Scrutineer's does);
- front matter with three taxonomies, committees, statuses and years
  (a recommendation's status is its latest stated one, as on Scrutineer's
  page);
- RSS feeds for home, sections, taxonomies and terms (Hugo's built-in
  template), a sitemap, and a minimal theme written here: baseof, single,
  list, taxonomy and term layouts, and a home page;
- short links `[x](@id)` become plain links to the target's path, and
  `[](@id)` takes the target's title: what Scrutineer resolves at build time
  is resolved here at generation time, which spares Hugo that work.
"""

import json
import os
import re

from corpus_model import Date

SECTIONS = {
    "organisation": "organisations", "committee": "committees",
    "person": "people", "review": "reviews", "update": "updates",
    "meeting": "meetings", "paper": "papers", "workshop": "workshops",
    "timeline": "timelines", "recommendation": "recommendations",
}
SHORT_LINK = re.compile(r"\[([^\]]*)\]\(@([a-z0-9/-]+)\)")
STATUS_LABELS = {"not-started": "Not started", "in-progress": "In progress",
                 "completed": "Completed", "not-accepted": "Not accepted",
                 "superseded": "Superseded", "not-stated": "Not stated"}


class HugoSite:
    def __init__(self, records):
        self.records = records
        self.by_id = {r["id"]: r for r in records}
        self.recommendations = []  # (id, title, parent record, fields)
        for record in records:
            for rec in dict(record["fields"]).get("recommendations", []):
                if isinstance(rec, dict):
                    rec_id = record["id"] + "/r" + rec["number"]
                    title = "Recommendation %s of %s" % (rec["number"],
                                                         record["title"])
                    self.recommendations.append((rec_id, title, record, rec))
                    self.by_id[rec_id] = {"kind": "recommendation",
                                          "id": rec_id, "title": title}
        self.updates_of = {}  # review id -> updates, oldest first
        for record in records:
            if record["kind"] == "update":
                fields = dict(record["fields"])
                self.updates_of.setdefault(fields["review"], []).append(record)
        for updates in self.updates_of.values():
            updates.sort(key=lambda u: dict(u["fields"])["date"])

    def Href(self, id_):
        record = self.by_id[id_]
        return "/%s/%s/" % (SECTIONS[record["kind"]], id_.replace("/", "-"))

    def Link(self, id_):
        return "[%s](%s)" % (self.by_id[id_]["title"], self.Href(id_))

    def Person(self, ref):
        return self.Link(ref["person"] if isinstance(ref, dict) else ref)

    def Markdown(self, text):
        def Replace(match):
            words = match.group(1) or self.by_id[match.group(2)]["title"]
            return "[%s](%s)" % (words, self.Href(match.group(2)))
        return SHORT_LINK.sub(Replace, text)

    # The page text of each kind: the Markdown Scrutineer renders for it.
    def Content(self, record):
        fields = dict(record["fields"])
        kind = record["kind"]
        parts = []
        if record["body"]:
            parts.append(record["body"])
        for name in ("notes", "summary"):
            if name in fields:
                parts.append(fields[name])
        if kind == "person":
            parts.append("\n".join("- %s, %s" % (
                role["title"], self.Link(role["organisation"]))
                for role in fields["roles"]))
        if kind in ("review", "workshop"):
            parts.append("## Recommendations")
            for rec in fields["recommendations"]:
                parts.append("### Recommendation %s\n\n%s" % (rec["number"],
                                                              rec["text"]))
        if kind == "update":
            for entry in fields["entries"]:
                parts.append("### Recommendation %s\n\nStatus: %s\n\n%s" % (
                    entry["recommendation"], STATUS_LABELS[entry.get(
                        "status", "not-stated")], entry.get("text", "")))
        if "attendance" in fields:
            attendance = fields["attendance"]
            for name in ("present", "apologies", "in_attendance"):
                if name in attendance:
                    parts.append("**%s**: %s" % (name.replace("_", " "), ", ".join(
                        self.Person(p) for p in attendance[name])))
        for item in fields.get("agenda", []):
            parts.append("## %s. %s\n\nPresented by %s\n\n%s\n\n%s" % (
                item["number"], item["title"], item["presenters"],
                item["minutes"], item["resolution"]))
        if fields.get("actions"):
            parts.append("## Actions\n\n" + "\n".join(
                "- %s: %s (due %s)" % (self.Person(a["owner"]), a["text"],
                                       a["due"]) for a in fields["actions"]))
        for text in fields.get("recommendations", []) if kind == "paper" else []:
            parts.append("- " + text)
        for appendix in fields.get("appendices", []):
            parts.append("## %s\n\n%s" % (appendix["title"], appendix["body"]))
        for milestone in fields.get("milestones", []):
            parts.append("- %s: %s" % (milestone["date"], milestone["text"]))
        if "thanks" in fields:
            parts.append(fields["thanks"])
        return self.Markdown("\n\n".join(parts))

    def RecommendationPage(self, rec_id, parent, rec):
        parts = ["From %s" % self.Link(parent["id"])]
        if "addressed_to" in rec:
            parts.append("Addressed to: " + rec["addressed_to"])
        if rec.get("owners"):
            parts.append("Officers: " + ", ".join(self.Person(p)
                                                 for p in rec["owners"]))
        parts.append("## The recommendation\n\n" + rec["text"])
        if rec.get("follows"):
            parts.append("## Follows on from\n\n" + "\n".join(
                "- " + self.Link(f) for f in rec["follows"]))
        parts.append("## Progress")
        status = "not-stated"
        for update in self.updates_of.get(parent["id"], []):
            fields = dict(update["fields"])
            entry = next((e for e in fields["entries"]
                          if e["recommendation"] == rec["number"]), None)
            parts.append("### %s (%s)" % (self.Link(update["id"]),
                                          fields["date"]))
            if entry is None:
                parts.append("This report does not mention this recommendation.")
                continue
            if entry.get("status", "not-stated") != "not-stated":
                status = entry["status"]
            parts.append("Status: %s\n\n%s" % (STATUS_LABELS[entry.get(
                "status", "not-stated")], entry.get("text", "")))
        return self.Markdown("\n\n".join(parts)), status


def FullDate(date):
    """Hugo needs a whole date; a partial one is taken at its start."""
    return (date + "-01-01")[:10] if len(date) == 4 else (date + "-01")[:10]


def Page(title, date, committee, status, body):
    lines = ["---", "title: " + json.dumps(title, ensure_ascii=False)]
    if date:
        lines.append("date: " + FullDate(date))
        lines.append("years: [\"%s\"]" % date[:4])
    if committee:
        lines.append("committees: [%s]" % committee)
    if status:
        lines.append("statuses: [%s]" % status)
    return "\n".join(lines) + "\n---\n" + body + "\n"


def RecordDate(fields):
    for name in ("reported", "date"):
        if isinstance(fields.get(name), Date):
            return fields[name]
    return None


def WriteHugoSite(records, n, folder):
    """Writes the Hugo site folder `folder` (which must not exist yet)."""
    from hugo_theme import WriteTheme
    site = HugoSite(records)
    WriteTheme(folder, n)
    for kind, section in SECTIONS.items():
        os.makedirs(os.path.join(folder, "content", section))
        with open(os.path.join(folder, "content", section, "_index.md"),
                  "w") as f:
            f.write(Page(section.capitalize(), None, None, None, ""))
    for record in records:
        fields = dict(record["fields"])
        text = Page(record["title"], RecordDate(fields),
                    fields.get("committee"), None, site.Content(record))
        WriteFile(folder, record["kind"], record["id"], text)
    for rec_id, title, parent, rec in site.recommendations:
        body, status = site.RecommendationPage(rec_id, parent, rec)
        parent_fields = dict(parent["fields"])
        text = Page(title, RecordDate(parent_fields),
                    parent_fields.get("committee"), status, body)
        WriteFile(folder, "recommendation", rec_id.replace("/", "-"), text)


def WriteFile(folder, kind, name, text):
    path = os.path.join(folder, "content", SECTIONS[kind], name + ".md")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
