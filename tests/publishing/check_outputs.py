#!/usr/bin/python3
"""What this repository's site publishes besides its pages, checked with real
parsers: the sitemap and Atom feeds with xmllint and an XML parser, every
calendar with python3-icalendar, the open data with json, csv and
python3-jsonschema (docs/publishing.md).

Usage: check_outputs.py SCRUTINEER_BINARY SITE_FOLDER
Builds the site twice into a temporary folder, with and without a base_url,
and prints one line per problem. Exit status: 0 clean, 1 problems, 2 usage or
a build that failed.
"""

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import icalendar
import jsonschema

BASE = "https://scrutiny.example.org/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")

# The seed documents' recommendations: the Wirral review's 20, the Walsall
# working group's 14 (the fourth in two parts, a and b, as one) and the 2019
# workshop's 3.
EXPECTED_RECOMMENDATIONS = (
    [f"wirral-safeguarding-2015/r{n}" for n in range(1, 21)]
    + [f"walsall-safeguarding-wg-2013/r{n}"
       for n in range(1, 15)]
    + [f"wirral-cf-osc-workshop-2019-01/r{n}" for n in range(1, 4)])
STATUSES = {"not-started", "in-progress", "completed", "not-accepted",
            "superseded", "not-stated"}

problems = []


def check(condition, message):
    if not condition:
        problems.append(message)
    return condition


def build(binary, source, out, *extra):
    result = subprocess.run([binary, "build", "--source", source, "--out", out,
                             *extra], capture_output=True, text=True)
    if result.returncode != 0:
        print(f"build failed ({result.returncode}):\n{result.stdout}{result.stderr}")
        sys.exit(2)
    return result.stdout


def files_under(root, suffix):
    found = []
    for folder, _, names in os.walk(root):
        for name in names:
            if name.endswith(suffix):
                found.append(os.path.relpath(os.path.join(folder, name), root))
    return sorted(found)


def read(root, path, mode="r"):
    with open(os.path.join(root, path), mode,
              **({} if "b" in mode else {"encoding": "utf-8"})) as file:
        return file.read()


def check_xml_well_formed(site):
    xml_files = files_under(site, ".xml")
    result = subprocess.run(["xmllint", "--noout", *xml_files], cwd=site,
                            capture_output=True, text=True)
    check(result.returncode == 0, f"xmllint: {result.stderr.strip()}")
    return xml_files


def check_sitemap(site):
    root = ET.fromstring(read(site, "sitemap.xml", "rb"))
    check(root.tag == SITEMAP + "urlset", f"sitemap root is {root.tag}")
    locations = []
    for url in root:
        check(url.tag == SITEMAP + "url", f"sitemap child {url.tag}")
        locs = [child for child in url if child.tag == SITEMAP + "loc"]
        others = [child.tag for child in url if child.tag not in (
            SITEMAP + "loc", SITEMAP + "lastmod", SITEMAP + "changefreq",
            SITEMAP + "priority")]
        check(len(locs) == 1 and not others, f"sitemap <url> holds {others}")
        if locs:
            locations.append(locs[0].text)
    check(len(locations) <= 50000, "sitemap holds more than 50,000 URLs")
    for location in locations:
        check(location.startswith(BASE) and len(location) < 2048,
              f"sitemap URL {location} is not absolute under {BASE}")
    pages = {BASE + (page[:-len("index.html")] if page.endswith("index.html")
                     else page)
             for page in files_under(site, ".html") if page != "404.html"}
    check(set(locations) == pages and len(locations) == len(pages),
          f"sitemap lists {len(locations)} URLs for {len(pages)} pages; "
          f"missing {sorted(pages - set(locations))[:3]}")
    check(read(site, "robots.txt").endswith(f"Sitemap: {BASE}sitemap.xml\n"),
          "robots.txt does not point at the sitemap")


def check_feed(site, path):
    feed = ET.fromstring(read(site, path, "rb"))
    if not check(feed.tag == ATOM + "feed", f"{path}: root is {feed.tag}"):
        return []
    for name in ("id", "title", "updated"):
        check(len(feed.findall(ATOM + name)) == 1, f"{path}: needs one <{name}>")
    check(RFC3339.match(feed.findtext(ATOM + "updated") or ""),
          f"{path}: <updated> is not an RFC 3339 date-time")
    self_links = [link for link in feed.findall(ATOM + "link")
                  if link.get("rel") == "self"]
    check(len(self_links) == 1 and self_links[0].get("href") == BASE + path,
          f"{path}: <link rel=self> should be {BASE + path}")
    has_author = feed.find(ATOM + "author/" + ATOM + "name") is not None
    entries = feed.findall(ATOM + "entry")
    check(entries, f"{path}: no entries")
    ids = []
    for entry in entries:
        entry_id = entry.findtext(ATOM + "id") or ""
        ids.append(entry_id)
        check(entry_id.startswith(BASE), f"{path}: entry id {entry_id}")
        check(entry.findtext(ATOM + "title"), f"{path}: {entry_id} has no title")
        check(RFC3339.match(entry.findtext(ATOM + "updated") or ""),
              f"{path}: {entry_id} has no RFC 3339 <updated>")
        check(has_author or entry.find(ATOM + "author") is not None,
              f"{path}: {entry_id} has no author")
        check(any(link.get("rel", "alternate") == "alternate" and
                  link.get("href", "").startswith(BASE)
                  for link in entry.findall(ATOM + "link")),
              f"{path}: {entry_id} has no absolute alternate link")
    check(len(ids) == len(set(ids)), f"{path}: entry ids repeat")
    return ids


def check_feeds(site, xml_files):
    feeds = [path for path in xml_files if path.endswith("feed.xml")]
    for path in feeds:
        check_feed(site, path)
    for recommendation in EXPECTED_RECOMMENDATIONS:
        feed = f"recommendations/{recommendation}/feed.xml"
        check(feed in feeds, f"no feed {feed}")
        page = read(site, f"recommendations/{recommendation}/index.html")
        check(f'type="application/atom+xml" title="{recommendation.split("/")[1]}'
              not in page and f"/{recommendation}/feed.xml\">" in page,
              f"the page of {recommendation} does not link its feed")
    # The 2013 Walsall update is in its review's feed and the feed of each
    # recommendation it speaks of.
    review = check_feed(site, "reviews/walsall-safeguarding-wg-2013/feed.xml")
    check(BASE + "updates/walsall-safeguarding-update-2013-08/" in review,
          "the Walsall review's feed lacks its 2013 update")
    r4 = read(site, "recommendations/walsall-safeguarding-wg-2013/r4/feed.xml")
    check("Some market testing of alternative options" in r4,
          "the feed of Walsall recommendation 4 lacks its 2013 update")
    return feeds


def csv_rows(site, name):
    text = read(site, f"data/{name}.csv")
    return list(csv.DictReader(io.StringIO(text, newline=""), strict=True))


def check_calendar_text(path, data):
    check(b"\n" not in data.replace(b"\r\n", b""), f"{path}: bare line feed")
    for line in data.split(b"\r\n"):
        check(len(line) <= 75, f"{path}: a line of {len(line)} octets")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            check(False, f"{path}: folding split a UTF-8 character")


def check_calendars(site):
    events = {}
    for path in files_under(site, ".ics"):
        data = read(site, path, "rb")
        check_calendar_text(path, data)
        calendar = icalendar.Calendar.from_ical(data)
        check(str(calendar.get("VERSION")) == "2.0", f"{path}: VERSION")
        check(calendar.get("PRODID"), f"{path}: PRODID")
        found = {}
        for event in calendar.walk("VEVENT"):
            for name in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
                check(event.get(name) is not None,
                      f"{path}: an event without {name}")
            found[str(event["UID"]).split("@")[0]] = event.decoded("DTSTART")
        events[path] = found
    # Every record dated to a day is an event, on that day; the others (a
    # month or a year only) cannot be, and are not.
    expected = {}
    for kind, table in (("meeting", "meetings"), ("workshop", "workshops")):
        for row in csv_rows(site, table):
            if len(row["date"]) == 10:
                expected[f"{kind}/{row['id']}"] = (row["date"], row["committee_id"])
            else:
                check(f"{kind}/{row['id']}" not in events["calendar.ics"],
                      f"{row['id']} (dated {row['date'] or 'never'}) is an event")
    milestones = 0
    for row in csv_rows(site, "milestones"):
        if len(row["date"]) == 10:
            milestones += 1
            uid = f"timeline/{row['timeline_id']}/{row['date'].replace('-', '')}"
            expected[uid] = (row["date"], "")
    check(milestones == 7, f"{milestones} dated milestones, expected 7")
    site_events = events.get("calendar.ics", {})
    for uid, (date, committee) in expected.items():
        if check(uid in site_events, f"calendar.ics lacks {uid}"):
            check(str(site_events[uid]) == date,
                  f"calendar.ics: {uid} on {site_events[uid]}, not {date}")
        if committee:
            check(uid in events.get(f"committees/{committee}/calendar.ics", {}),
                  f"the calendar of {committee} lacks {uid}")
    check(len(site_events) == len(expected),
          f"calendar.ics has {len(site_events)} events, expected {len(expected)}")


def check_open_data(site):
    data = {}
    for path in files_under(os.path.join(site, "data"), ".json"):
        data[path] = json.loads(read(site, "data/" + path))
    recommendations = data["recommendations.json"]["records"]
    ids = [record["id"] for record in recommendations]
    check(sorted(ids) == sorted(EXPECTED_RECOMMENDATIONS) and
          len(ids) == len(EXPECTED_RECOMMENDATIONS),
          f"recommendations.json holds {len(ids)} recommendations: "
          f"{sorted(set(EXPECTED_RECOMMENDATIONS) ^ set(ids))}")
    for record in recommendations:
        check(record["status"] in STATUSES, f"{record['id']}: status")
        check(record["url"] == BASE + record["path"], f"{record['id']}: url")
    rows = csv_rows(site, "recommendations")
    check([row["id"] for row in rows] == ids,
          "recommendations.csv and recommendations.json differ in ids")
    check([row["status"] for row in rows] ==
          [record["status"] for record in recommendations],
          "recommendations.csv and recommendations.json differ in statuses")
    # Every entry of every update: one CSV row each, and in the history of
    # the recommendation it is on.
    histories = {record["id"]: record["history"] for record in recommendations}
    entries = []
    for update in data["updates.json"]["records"]:
        for entry in update["fields"]["entries"]:
            entries.append((update["id"], f"{update['fields']['review']}/r"
                            f"{entry['recommendation']}", entry.get("text", "")))
    # Wirral's June 2016 and June 2017 updates (20 each), Walsall's of
    # August 2013 (14).
    check(len(entries) == 54, f"{len(entries)} update entries, expected 54")
    update_rows = csv_rows(site, "updates")
    check(len(update_rows) == len(entries),
          f"updates.csv has {len(update_rows)} rows for {len(entries)} entries")
    for (update, recommendation, text), row in zip(entries, update_rows):
        check((row["update_id"], row["recommendation_id"]) ==
              (update, recommendation), f"updates.csv: row for {update}")
        unquoted = row["text"][1:] if row["text"][:2] == "'-" else row["text"]
        check(unquoted == text.rstrip("\n "),
              f"updates.csv: the text of {update} on {recommendation}")
        check(any(event["kind"] == "progress" and event["record"] == update
                  for event in histories.get(recommendation, [])),
              f"{recommendation}: history lacks {update}")
    check(any(row["text"].startswith("'- ") for row in update_rows),
          "no update text starting with '- ' was defended")
    check(any("market testing of alternative options" in row["text"]
              for row in update_rows), "the 2013 Walsall update is missing")
    # Fields as written, valid against the schema published beside them.
    for path, document in data.items():
        if "records" not in document:
            continue
        schema = data[document["schema"]]
        validator = jsonschema.Draft7Validator(schema)
        for record in document["records"]:
            for error in validator.iter_errors(record["fields"]):
                check(False, f"data/{path}: {record['id']}: {error.message}")
    # CSV: every row as long as its header; no cell a spreadsheet would run.
    for path in files_under(os.path.join(site, "data"), ".csv"):
        raw = read(site, "data/" + path, "rb")
        check(raw.endswith(b"\r\n"), f"data/{path}: lines must end in CRLF")
        reader = csv.reader(io.StringIO(raw.decode("utf-8"), newline=""),
                            strict=True)
        header = next(reader)
        for row in reader:
            check(len(row) == len(header), f"data/{path}: a row of {len(row)}")
            for cell in row:
                check(not cell or cell[0] not in "=+-@\t\r",
                      f"data/{path}: cell {cell[:20]!r} could run as a formula")
    popolo = data["popolo.json"]
    people = {person["id"] for person in popolo["persons"]}
    bodies = {organization["id"] for organization in popolo["organizations"]}
    check(len(people) == len(data["people.json"]["records"]), "popolo persons")
    check(len(bodies) == len(data["committees.json"]["records"]) +
          len(data["organisations.json"]["records"]), "popolo organizations")
    for membership in popolo["memberships"]:
        check(membership["person_id"] in people and
              membership.get("organization_id", next(iter(bodies))) in bodies,
              f"popolo membership {membership['id']} points nowhere")
    check(len(popolo["events"]) == len(data["meetings.json"]["records"]) +
          len(data["workshops.json"]["records"]), "popolo events")


def check_without_base_url(binary, source, scratch):
    # The same site with the base_url taken out of its site.yaml.
    plain = os.path.join(scratch, "plain-source")
    os.mkdir(plain)
    for name in ("content", "templates", "theme"):
        if os.path.isdir(os.path.join(source, name)):
            shutil.copytree(os.path.join(source, name), os.path.join(plain, name))
    with open(os.path.join(source, "site.yaml"), encoding="utf-8") as settings:
        kept = [line for line in settings if not line.startswith("base_url:")]
    with open(os.path.join(plain, "site.yaml"), "w", encoding="utf-8") as out:
        out.writelines(kept)
    out = os.path.join(scratch, "plain")
    stdout = build(binary, plain, out)
    for path in ("sitemap.xml", "feed.xml",
                 "recommendations/wirral-safeguarding-2015/r16/feed.xml"):
        check(not os.path.exists(os.path.join(out, path)),
              f"{path} written without a base_url")
    check("Sitemap:" not in read(out, "robots.txt"), "robots.txt names a sitemap")
    check("Note: no base_url" in stdout, "the build does not say why")
    check(os.path.exists(os.path.join(out, "calendar.ics")) and
          os.path.exists(os.path.join(out, "data/recommendations.csv")),
          "calendars and open data need no base_url")


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    binary, source = sys.argv[1:]
    with tempfile.TemporaryDirectory(prefix="scrutineer-publishing-") as scratch:
        site = os.path.join(scratch, "site")
        build(binary, source, site, "--base-url", BASE)
        xml_files = check_xml_well_formed(site)
        check_sitemap(site)
        feeds = check_feeds(site, xml_files)
        check_calendars(site)
        check_open_data(site)
        check_without_base_url(binary, source, scratch)
    for problem in problems:
        print(problem)
    print(f"Checked the sitemap, {len(feeds)} feeds, the calendars and the open "
          f"data: {len(problems)} problems.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
