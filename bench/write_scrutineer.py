"""Writes a corpus (corpus_model.py) as a Scrutineer site folder: site.yaml,
content/<folder>/<id>.yaml|.md, and the templates/ and theme/ of this
repository's own site, copied (the loader refuses symlinks that leave the
site folder).

YAML is written by hand, in block style: ids, numbers, dates and booleans
plain; other text double-quoted (JSON string syntax is valid YAML); Markdown
as literal blocks.
"""

import json
import os
import re
import shutil

from corpus_model import Date, Md

FOLDERS = {
    "organisation": "organisations", "committee": "committees",
    "person": "people", "review": "reviews", "update": "updates",
    "meeting": "meetings", "paper": "papers", "workshop": "workshops",
    "timeline": "timelines",
}
MARKDOWN_KINDS = {"review", "update", "meeting", "paper", "workshop"}

PLAIN = re.compile(r"^[a-z0-9][a-z0-9/-]*$")


def Scalar(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Date) or PLAIN.match(value):
        return value
    return json.dumps(value, ensure_ascii=False)


def Block(text, indent):
    pad = " " * indent
    lines = [pad + line if line else "" for line in text.split("\n")]
    return "|\n" + "\n".join(lines) + "\n"


def EmitValue(value, indent, out):
    """Appends `value` (after "key:" or "- ") to out; ends with a newline."""
    if isinstance(value, Md):
        out.append(" " + Block(value, indent + 2))
    elif isinstance(value, dict):
        out.append("\n")
        EmitMap(list(value.items()), indent + 2, out)
    elif isinstance(value, list):
        out.append("\n")
        EmitList(value, indent + 2, out)
    else:
        out.append(" " + Scalar(value) + "\n")


def EmitMap(pairs, indent, out, first_prefix=None):
    pad = " " * indent
    for i, (key, value) in enumerate(pairs):
        out.append((first_prefix if i == 0 and first_prefix else pad) +
                   key + ":")
        EmitValue(value, indent, out)


def EmitList(items, indent, out):
    pad = " " * indent
    for item in items:
        if isinstance(item, dict):
            EmitMap(list(item.items()), indent + 2, out, pad + "- ")
        elif isinstance(item, Md):
            out.append(pad + "- " + Block(item, indent + 2))
        else:
            out.append(pad + "- " + Scalar(item) + "\n")


def RecordText(record):
    out = []
    EmitMap(record["fields"], 0, out)
    yaml = "".join(out)
    if record["kind"] not in MARKDOWN_KINDS:
        return yaml, ".yaml"
    return "---\n" + yaml + "---\n" + (record["body"] or "") + "\n", ".md"


SITE_YAML = """\
title: Synthetic scrutiny archive ({n} recommendations)
description: A generated corpus for benchmarking Scrutineer against Hugo.
language: en-GB
organisation: Scrutineer benchmark
"""


def WriteScrutineerSite(records, n, folder, repo):
    """Writes the site folder `folder` (which must not exist yet)."""
    os.makedirs(folder)
    with open(os.path.join(folder, "site.yaml"), "w") as f:
        f.write(SITE_YAML.format(n=n))
    for sub in ("templates", "theme"):
        shutil.copytree(os.path.join(repo, sub), os.path.join(folder, sub))
    for name in FOLDERS.values():
        os.makedirs(os.path.join(folder, "content", name))
    for record in records:
        text, extension = RecordText(record)
        path = os.path.join(folder, "content", FOLDERS[record["kind"]],
                            record["id"] + extension)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
