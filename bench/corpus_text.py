"""Plausible scrutiny prose for synthetic corpora: sentences, paragraphs,
bullet lists and tables built from a fixed vocabulary by a seeded random
generator, so the same seed always gives the same text.

Links use Scrutineer's short-link syntax, `[words](@id)` and `[](@id)`; the
Hugo writer rewrites them to plain paths.
"""

SUBJECTS = [
    "The Director of Children's Services", "The Cabinet Member",
    "The Head of Safeguarding", "The Local Safeguarding Children Board",
    "The Principal Social Worker", "The multi-agency front door",
    "The Strategic Director of People", "Scrutiny members",
    "The Youth Offending Service", "The Designated Nurse",
    "The Head of Quality Assurance", "The Early Help service",
    "The Corporate Parenting Board", "The Assistant Director",
    "The Workforce Development team", "Partner agencies",
    "The Independent Reviewing Service", "The Virtual School",
    "The Clinical Commissioning Group", "The police public protection unit",
]

VERBS = [
    "is requested to review", "should report on", "will monitor",
    "has agreed to strengthen", "is asked to publish", "continues to develop",
    "has commissioned an audit of", "should consult partners on",
    "will present a report on", "has reviewed", "is asked to improve",
    "has established a working group on", "should prioritise",
    "has completed a review of", "will bring forward proposals for",
]

OBJECTS = [
    "the threshold document", "caseload levels in the assessment teams",
    "the quality of supervision", "the voice of the child in assessments",
    "the timeliness of initial child protection conferences",
    "the recruitment and retention of social workers",
    "the use of agency staff", "information sharing between agencies",
    "the performance management framework", "return home interviews",
    "the multi-agency safeguarding hub", "the private fostering arrangements",
    "training for elected members", "the early help offer",
    "the case recording system", "the protocol between scrutiny and the board",
    "support for care leavers", "the placement sufficiency strategy",
    "the child sexual exploitation action plan", "the audit programme",
    "feedback from families", "the annual report of the board",
    "the transfer of cases between teams", "the out-of-hours service",
]

TAILS = [
    "within three months", "by the end of the municipal year",
    "at each meeting of the committee", "as part of the improvement plan",
    "in consultation with partners", "with a report back to the panel",
    "and share the findings with members", "before the next inspection",
    "so that progress can be measured", "using the agreed scorecard",
]

TOPICS = [
    "Safeguarding Children", "Children in Care", "Early Help and Prevention",
    "Child Sexual Exploitation", "Workforce Stability", "Care Leavers",
    "Domestic Abuse", "Missing Children", "Special Educational Needs",
    "Youth Justice", "Mental Health of Young People", "Fostering and Adoption",
    "Transitions to Adult Services", "School Exclusions", "Private Fostering",
    "Neglect", "Homelessness of Young People", "Emotional Wellbeing",
]

HEADINGS = [
    "Organisational structure", "Procedures and processes",
    "Partnership working", "Staffing issues", "Governance arrangements",
    "Performance management", "Voice of the child", "Training and development",
    "Information sharing", "Commissioning", "Quality assurance",
]

FIRST_NAMES = [
    "Julia", "Maggie", "Carly", "Rose", "Sue", "Steve", "Paul", "Karl", "Mark",
    "Martin", "Lorna", "Fiona", "David", "Deborah", "Elizabeth", "Ian", "Jean",
    "Joanne", "Kate", "Lindsey", "Liz", "Nicholas", "Rachel", "Anna", "Chris",
    "Bernard", "Caron", "Alexandra", "Suzanne", "Tom", "Priya", "Amir", "Helen",
]

SURNAMES = [
    "Hassall", "Atkinson", "Brown", "Collinson", "Butcher", "McGowan",
    "Gordon", "Dipple", "Basset", "Sadler", "Quigley", "O'Shaughnessy",
    "Robbins", "Gornik", "Hartley", "Hassell", "Robinson", "Chwalko", "Cannon",
    "Davidson", "Davenport", "Grey", "Guntilleke", "Wilson", "Perrett",
    "Meaden", "Drucker", "Joiner", "Patel", "Khan", "Evans", "Hughes",
]

ROLES = [
    "Director of Children's Services", "Head of Safeguarding",
    "Scrutiny Officer", "Principal Social Worker", "Designated Nurse",
    "Cabinet Member for Children", "Chair of the Committee", "Vice-Chair",
    "Head of Quality, Performance and Improvement", "Assistant Director",
    "Independent Chair of the Board", "Democratic Services Officer",
]

TOWNS = [
    "Ashby", "Bramford", "Castleton", "Dunmore", "Eastwick", "Fairhaven",
    "Glenbrook", "Holmfirth", "Ivybridge", "Kingsmere", "Longford",
    "Marshfield", "Northam", "Oakridge", "Penrith", "Queensbury",
]

STATUSES = ["not-started", "in-progress", "completed", "not-accepted",
            "superseded", "not-stated"]


class Prose:
    """Text from a seeded random.Random; `ids` supplies link targets."""

    def __init__(self, rng):
        self.rng = rng

    def choice(self, items):
        return items[self.rng.randrange(len(items))]

    def sentence(self, link=None):
        """One sentence; with `link` (an id), part of it links there."""
        rng = self.rng
        subject = self.choice(SUBJECTS)
        obj = self.choice(OBJECTS)
        if link is not None:
            if rng.random() < 0.3:
                obj = "[](@%s)" % link
            else:
                obj = "[%s](@%s)" % (obj, link)
        words = "%s %s %s" % (subject, self.choice(VERBS), obj)
        if rng.random() < 0.6:
            words += " " + self.choice(TAILS)
        if rng.random() < 0.15:
            words += " (%d%% of cases in %d)" % (rng.randrange(5, 96),
                                              rng.randrange(2012, 2024))
        if rng.random() < 0.1:
            words += ", with **particular attention** to *vulnerable groups*"
        return words + "."

    def paragraph(self, sentences=None, links=()):
        """A paragraph of 2-6 sentences; each id in `links` appears once."""
        count = sentences or self.rng.randrange(2, 7)
        links = list(links)
        parts = []
        for i in range(max(count, len(links))):
            parts.append(self.sentence(links[i] if i < len(links) else None))
        return " ".join(parts)

    def paragraphs(self, count, links=()):
        links = list(links)
        result = []
        for i in range(count):
            mine = links[i::count]
            result.append(self.paragraph(links=mine))
        return "\n\n".join(result)

    def bullets(self, count, links=()):
        links = list(links)
        lines = []
        for i in range(max(count, len(links))):
            link = links[i] if i < len(links) else None
            lines.append("- " + self.sentence(link))
        return "\n".join(lines)

    def numbered(self, count):
        return "\n".join("%d. %s" % (i + 1, self.sentence())
                         for i in range(count))

    def table(self, rows, columns):
        """A GFM table of teams and figures."""
        rng = self.rng
        header = ["Team"] + ["Q%d %d" % (q % 4 + 1, 2015 + q // 4)
                             for q in range(columns - 1)]
        lines = ["| " + " | ".join(header) + " |",
                 "| --- |" + " ---: |" * (columns - 1)]
        for r in range(rows):
            cells = ["%s team %d" % (self.choice(TOWNS), r + 1)]
            cells += [str(rng.randrange(4, 60)) for _ in range(columns - 1)]
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines)

    def title(self):
        return "%s in %s" % (self.choice(TOPICS), self.choice(TOWNS))
