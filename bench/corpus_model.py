"""A synthetic scrutiny archive with exactly N recommendations, as plain
Python data that the two writers (write_scrutineer.py, write_hugo.py) turn
into a Scrutineer site folder and the equivalent Hugo site.

Shape, per the content model (docs/content-model.md):
  1. organisations (N/500), committees (N/200) and people (N/20), with
     aliases, roles and predecessor committees;
  2. reviews of 10-20 recommendations under 3-6 headings (owners, deadlines,
     the odd `follows` to an earlier review), with a narrative body;
  3. for each review a meeting that received it and 2-4 progress updates,
     each presented at a meeting of its own with a paper (the report);
  4. one workshop per 1,000 recommendations, with attendance, a timeline and
     3-5 recommendations that follow a review's.
Every record is a dict: kind, id, title, fields (list of (name, value)
pairs in file order; values are str, Md, Date, bool, list or dict) and body
(Markdown, or None for a .yaml record). Deterministic for a given seed.
"""

import random

from corpus_text import (FIRST_NAMES, HEADINGS, ROLES, STATUSES, SURNAMES,
                         TOWNS, Prose)


class Md(str):
    """Markdown text (a block scalar in YAML)."""


class Date(str):
    """A date written as the source gives it: 2017, 2017-02, 2017-02-16."""


def Slug(text):
    out = []
    for c in text.lower():
        out.append(c if c.isalnum() else "-")
    return "-".join(filter(None, "".join(out).split("-")))


def Day(year, month, day):
    return Date("%04d-%02d-%02d" % (year, month, day))


class CorpusBuilder:
    def __init__(self, n, seed):
        self.n = n
        self.rng = random.Random(seed)
        self.prose = Prose(self.rng)
        self.records = []
        self.meeting_count = 0

    def Add(self, kind, id_, title, fields, body=None):
        record = {"kind": kind, "id": id_, "title": title,
                  "fields": [("id", id_)] + fields, "body": body}
        self.records.append(record)
        return record

    def Sample(self, items, count):
        return self.rng.sample(items, min(count, len(items)))

    def PersonRef(self, person_id, with_role=False):
        """An id, or now and then the longer form keeping the name written."""
        if with_role or self.rng.random() < 0.2:
            ref = {"person": person_id}
            name = self.names[person_id]
            ref["as_written"] = name.split()[0][0] + " " + name.split()[-1]
            if with_role:
                ref["role"] = self.prose.choice(ROLES)
            return ref
        return person_id

    # 1. Organisations, committees, people.
    def AddBodies(self):
        rng, prose = self.rng, self.prose
        self.organisations = []
        for i in range(max(3, self.n // 500)):
            town = TOWNS[i % len(TOWNS)]
            kind = ["Council", "Clinical Commissioning Group", "Police"][i % 3]
            name = "%s %s %d" % (town, kind, i)
            record = self.Add("organisation", Slug(name), name, [
                ("name", name), ("short_name", "%s %d" % (town, i)),
                ("type", "Local authority" if kind == "Council" else kind),
                ("website", "https://www.%s.gov.uk/" % Slug(town)),
                ("notes", Md(prose.paragraph())),
                ("source", "annual-report-%d.pdf" % (2010 + i % 14))])
            self.organisations.append(record["id"])
        self.committees = []
        self.committee_names = {}
        for i in range(max(4, self.n // 200)):
            town = TOWNS[i % len(TOWNS)]
            name = "%s Children and Families Overview and Scrutiny Committee %d" % (
                town, i)
            id_ = Slug("%s cf osc %d" % (town, i))
            fields = [("name", name), ("aliases", ["%s CFOSC %d" % (town, i)]),
                      ("organisation", self.prose.choice(self.organisations)),
                      ("type", "Overview and scrutiny committee")]
            if self.committees and rng.random() < 0.3:
                fields.append(("predecessors", [prose.choice(self.committees)]))
            fields.append(("notes", Md(prose.paragraph())))
            self.Add("committee", id_, name, fields)
            self.committees.append(id_)
            self.committee_names[id_] = name
        self.people = []
        self.names = {}
        for i in range(max(20, self.n // 20)):
            name = "%s %s" % (prose.choice(FIRST_NAMES), prose.choice(SURNAMES))
            id_ = Slug(name) + "-%d" % i
            roles = []
            for _ in range(rng.randrange(1, 3)):
                role = {"title": prose.choice(ROLES),
                        "organisation": prose.choice(self.organisations),
                        "as_of": Day(rng.randrange(2012, 2024),
                                     rng.randrange(1, 13), rng.randrange(1, 29))}
                if rng.random() < 0.3:
                    role["committee"] = prose.choice(self.committees)
                roles.append(role)
            fields = [("name", name)]
            if rng.random() < 0.3:
                fields.append(("honorific", "Cllr"))
            fields += [("aliases", [name[0] + " " + name.split()[-1]]),
                       ("roles", roles)]
            if rng.random() < 0.3:
                fields.append(("notes", Md(prose.paragraphs(2))))
            self.Add("person", id_, name, fields)
            self.people.append(id_)
            self.names[id_] = name

    def Attendance(self):
        rng = self.rng
        chosen = self.Sample(self.people, rng.randrange(6, 15))
        present = chosen[:rng.randrange(4, len(chosen) - 1)]
        rest = chosen[len(present):]
        apologies = rest[:rng.randrange(0, len(rest))]
        others = rest[len(apologies):]
        attendance = {"present": [self.PersonRef(p) for p in present]}
        if apologies:
            attendance["apologies"] = apologies
        attendance["in_attendance"] = [self.PersonRef(p, True) for p in others]
        return attendance

    # 3. A meeting of `committee` on `date` that takes up `related`.
    def AddMeeting(self, committee, date, related):
        rng, prose = self.rng, self.prose
        self.meeting_count += 1
        id_ = "%s-%s-%d" % (committee, date, self.meeting_count)
        title = self.committee_names[committee]
        agenda = []
        for item in range(1, rng.randrange(5, 9)):
            entry = {"number": str(item),
                     "title": prose.title() + (" update" if item % 2 else ""),
                     "presenters": self.names[prose.choice(self.people)],
                     "minutes": Md(prose.paragraphs(rng.randrange(1, 3))),
                     "resolution": Md("Resolved: " + prose.sentence())}
            if item == 2:
                entry["related"] = list(related)
            agenda.append(entry)
        actions = []
        for _ in range(rng.randrange(0, 4)):
            actions.append({"owner": prose.choice(self.people),
                            "text": Md(prose.sentence()),
                            "due": Date(date[:7]),
                            "item": str(rng.randrange(1, len(agenda) + 1))})
        fields = [("title", title), ("date", date), ("committee", committee),
                  ("time", "6.00 pm"),
                  ("location", "Committee Room %d, %s Town Hall" % (
                      rng.randrange(1, 5), prose.choice(TOWNS))),
                  ("attendance", self.Attendance()), ("agenda", agenda)]
        if actions:
            fields.append(("actions", actions))
        fields.append(("source", "minutes-%s.pdf" % id_))
        self.Add("meeting", id_, title, fields,
                 prose.paragraphs(2, links=[committee]))
        return id_

    # 2. A review with `count` recommendations, and its updates (3).
    def AddReview(self, index, count):
        rng, prose = self.rng, self.prose
        year = 2010 + index % 14
        title = prose.title()
        id_ = Slug(title) + "-%d-%d" % (year, index)
        committee = prose.choice(self.committees)
        reported = Day(year, rng.randrange(1, 13), rng.randrange(1, 29))
        headings = [{"number": str(h + 1), "title": t} for h, t in enumerate(
            self.Sample(HEADINGS, rng.randrange(3, 7)))]
        recommendations, numbers = [], []
        for r in range(count):
            number = str(r + 1) + ("a" if rng.random() < 0.05 else "")
            numbers.append(number)
            text = prose.paragraph(rng.randrange(1, 4))
            if rng.random() < 0.2:
                text += "\n\n" + prose.bullets(rng.randrange(2, 5))
            rec = {"number": number,
                   "heading": prose.choice(headings)["number"],
                   "title": prose.sentence()[:60].rstrip(" .,"),
                   "addressed_to": prose.choice(ROLES),
                   "text": Md(text),
                   "owners": [self.PersonRef(p) for p in
                              self.Sample(self.people, rng.randrange(1, 4))]}
            if rng.random() < 0.6:
                rec["deadlines"] = [{"label": "Report deadline",
                                     "date": Day(year + 1, rng.randrange(1, 13),
                                                 rng.randrange(1, 29))}]
            if self.recommendation_ids and rng.random() < 0.05:
                rec["follows"] = [prose.choice(self.recommendation_ids)]
            recommendations.append(rec)
        links = [committee, prose.choice(self.people)]
        if self.reviews:
            links.append(prose.choice(self.reviews))
        body = "## Background\n\n" + prose.paragraphs(3, links=links)
        body += "\n\n## Method\n\n" + prose.bullets(rng.randrange(3, 7))
        if rng.random() < 0.3:
            body += "\n\n" + prose.table(rng.randrange(4, 12), 5)
        body += "\n\n## Findings\n\n" + prose.paragraphs(rng.randrange(2, 5))
        reported_at = self.AddMeeting(committee, reported, [id_])
        self.Add("review", id_, title, [
            ("title", title), ("committee", committee),
            ("organisation", prose.choice(self.organisations)),
            ("started", Date("%d-%02d" % (year - 1, rng.randrange(1, 13)))),
            ("reported", reported), ("headings", headings),
            ("recommendations", recommendations),
            ("source", "review-%s.pdf" % id_),
            ("related", [reported_at])], body)
        self.reviews.append(id_)
        ids = [id_ + "/r" + number for number in numbers]
        statuses = {number: "not-started" for number in numbers}
        for u in range(rng.randrange(2, 5)):
            date = Day(year + 1 + u, rng.randrange(1, 13), rng.randrange(1, 29))
            self.AddUpdate(id_, title, committee, u + 1, date, numbers, ids,
                           statuses)
        self.recommendation_ids.extend(ids)

    def AddUpdate(self, review, review_title, committee, k, date, numbers, ids,
                  statuses):
        rng, prose = self.rng, self.prose
        id_ = "%s-update-%d" % (review, k)
        paper = id_ + "-report"
        meeting = self.AddMeeting(committee, date, [id_, paper, review])
        title = "Progress update %d: %s" % (k, review_title)
        entries = []
        for number, rec_id in zip(numbers, ids):
            if rng.random() < 0.1:
                continue  # the report says nothing of this one
            entry = {"recommendation": number}
            if rng.random() < 0.8:
                i = STATUSES.index(statuses[number])
                statuses[number] = STATUSES[min(i + rng.randrange(0, 2), 2)]
                if rng.random() < 0.05:
                    statuses[number] = prose.choice(STATUSES[3:])
                entry["status"] = statuses[number]
            links = [prose.choice(ids)] if rng.random() < 0.1 else []
            entry["text"] = Md(prose.bullets(rng.randrange(1, 5), links=links))
            entries.append(entry)
        author = prose.choice(self.people)
        self.Add("update", id_, title, [
            ("review", review), ("date", date), ("title", title),
            ("meeting", meeting), ("paper", paper),
            ("author", self.PersonRef(author)), ("entries", entries),
            ("source", "update-%s.pdf" % id_)],
            prose.paragraph(links=[review]))
        self.AddPaper(paper, "Update of progress: " + review_title, date,
                      meeting, committee, review, author)

    def AddPaper(self, id_, title, date, meeting, committee, review, author):
        rng, prose = self.rng, self.prose
        appendices = []
        for a in range(rng.randrange(0, 3)):
            appendices.append({"title": "Appendix %d: caseloads" % (a + 1),
                               "body": Md(prose.table(rng.randrange(5, 20),
                                                      rng.randrange(4, 8)))})
        fields = [("title", title), ("date", date), ("meeting", meeting),
                  ("committee", committee),
                  ("report_of", prose.choice(ROLES)), ("author", author),
                  ("contacts", [{"person": author, "role": prose.choice(ROLES),
                                 "phone": "0151 666 %04d" % rng.randrange(10000),
                                 "email": "%s@example.gov.uk" % author}]),
                  ("review", review),
                  ("summary", Md(prose.paragraphs(2, links=[review]))),
                  ("recommendations", [Md("That the report be noted."),
                                       Md(prose.sentence())]),
                  ("decision", "The required decision is not a key decision."),
                  ("wards", "All")]
        if appendices:
            fields.append(("appendices", appendices))
        body = "## Background\n\n" + prose.paragraphs(rng.randrange(2, 4))
        body += "\n\n## Progress\n\n" + prose.paragraphs(rng.randrange(1, 4))
        body += "\n\n## Financial implications\n\n" + prose.paragraph(2)
        self.Add("paper", id_, title, fields, body)

    # 4. A workshop whose recommendations follow a review's, and a timeline.
    def AddWorkshop(self, index, count):
        rng, prose = self.rng, self.prose
        year = 2012 + index % 12
        date = Day(year, rng.randrange(1, 13), rng.randrange(1, 29))
        timeline = "timeline-%d" % index
        milestones = [{"date": Day(year, m + 1, rng.randrange(1, 29)),
                       "text": Md(prose.sentence())}
                      for m in range(rng.randrange(4, 9))]
        self.Add("timeline", timeline, "Timeline %d" % index, [
            ("title", "Timeline %d" % index), ("milestones", milestones),
            ("notes", Md(prose.paragraph()))])
        title = "Workshop: " + prose.title()
        id_ = "workshop-%d" % index
        recommendations = []
        for r in range(count):
            rec = {"number": str(r + 1), "text": Md(prose.paragraph(2))}
            if self.recommendation_ids:
                rec["follows"] = [prose.choice(self.recommendation_ids)]
            recommendations.append(rec)
        committee = prose.choice(self.committees)
        body = "## Background to the workshop\n\n" + prose.paragraphs(2)
        body += "\n\n## Discussion\n\n" + prose.bullets(rng.randrange(4, 9))
        self.Add("workshop", id_, title, [
            ("title", title), ("date", date), ("committee", committee),
            ("location", "%s Town Hall" % prose.choice(TOWNS)),
            ("attendance", self.Attendance()), ("timeline", timeline),
            ("recommendations", recommendations),
            ("thanks", Md(prose.sentence()))], body)

    def Build(self):
        self.reviews, self.recommendation_ids = [], []
        self.AddBodies()
        workshops = [self.rng.randrange(3, 6)
                     for _ in range(max(1, self.n // 1000))]
        while sum(workshops) > self.n // 2:
            workshops.pop()
        left, index = self.n - sum(workshops), 0
        while left > 0:
            count = min(left, self.rng.randrange(10, 21))
            self.AddReview(index, count)
            left -= count
            index += 1
        for index, count in enumerate(workshops):
            self.AddWorkshop(index, count)
        return self.records


def BuildCorpus(n, seed=8):
    """The records of a corpus with exactly `n` recommendations (n >= 1)."""
    return CorpusBuilder(n, seed).Build()
