#!/usr/bin/python3
"""A printed paper, review and recommendation (Chromium's PDF, read back with
pdftotext) has no navigation, shows where its links lead, and still has its
content. As a control, the same page printed without the print stylesheet
does show the navigation, so the check can tell the two apart.

Usage: check_print.py SCRUTINEER_BINARY SITE_FOLDER [CHROMIUM]
Exit status: 0 clean, 1 problems, 2 usage or a build that failed.
"""

import os
import re
import subprocess
import sys
import tempfile

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
    "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-pdf-header-footer",
]

# The main navigation's labels, and the other links every page carries.
# The labels are common words, so they are looked for only in the header:
# the text before the page's own heading.
NAVIGATION = ["Reviews", "Recommendations", "Progress updates", "Meetings",
              "Papers", "Workshops", "Committees", "People"]
FURNITURE = ["Skip to main content", "Downloads and open data",
             "Accessibility statement"]


def navigation_in(text, heading):
    header = text[:text.find(heading)]
    return [label for label in NAVIGATION if label in header]

# Each page, with its heading: words the printout must keep.
PAGES = {
    "papers/wirral-cabinet-2016-03-21-safeguarding/index.html":
        "Safeguarding Children Scrutiny Review",
    "reviews/wirral-safeguarding-2015/index.html":
        "Safeguarding Children in Wirral",
    "recommendations/wirral-safeguarding-2015/r16/index.html":
        "Follow-up investigation by members",
}


def printed_text(chromium, page, folder):
    pdf = os.path.join(folder, "page.pdf")
    if os.path.exists(pdf):
        os.remove(pdf)
    result = subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--print-to-pdf={pdf}", "file://" + page],
        capture_output=True, text=True, timeout=120)
    if result.returncode != 0 or not os.path.exists(pdf):
        raise RuntimeError(f"chromium could not print {page}: {result.stderr}")
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True,
                          text=True, check=True).stdout
    return " ".join(text.split())


def main():
    if len(sys.argv) not in (3, 4):
        print(__doc__)
        return 2
    binary, source = sys.argv[1:3]
    chromium = sys.argv[3] if len(sys.argv) == 4 else "/usr/bin/chromium"
    problems = []
    with tempfile.TemporaryDirectory(prefix="scrutineer-print-") as scratch:
        site = os.path.join(scratch, "site")
        build = subprocess.run([binary, "build", "--source", source, "--out",
                                site, "--quiet"], capture_output=True, text=True)
        if build.returncode != 0:
            print(f"build failed:\n{build.stdout}{build.stderr}")
            return 2
        for relative, content in PAGES.items():
            page = os.path.join(site, relative)
            text = printed_text(chromium, page, scratch)
            if content not in text:
                problems.append(f"{relative}: the printout lacks {content!r}")
            shown = navigation_in(text, content)
            if shown:
                problems.append(f"{relative}: the printout has the navigation:"
                                f" {shown}")
            for words in FURNITURE:
                if words in text:
                    problems.append(f"{relative}: the printout has {words!r}")
            if not re.search(r"\(\.\./\.\./", text):
                problems.append(f"{relative}: the printout does not show "
                                "where links lead")
            # The control: without the print stylesheet the navigation is
            # there, so its absence above is the stylesheet's doing.
            with open(page, encoding="utf-8") as file:
                html = file.read()
            screen = re.sub(r'<link rel="stylesheet" href="[^"]*print\.css"'
                            r' media="print">', "", html)
            control = os.path.join(os.path.dirname(page), "screen.html")
            with open(control, "w", encoding="utf-8") as file:
                file.write(screen)
            shown = navigation_in(printed_text(chromium, control, scratch),
                                  content)
            if shown != NAVIGATION:
                problems.append(f"{relative}: the control printout (no print "
                                f"stylesheet) shows only {shown}")
    for problem in problems:
        print(problem)
    print(f"Printed {len(PAGES)} pages: {len(problems)} problems.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
