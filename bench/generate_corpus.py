#!/usr/bin/env python3
"""Generates a synthetic scrutiny archive with exactly N recommendations, as a
Scrutineer site folder and/or the equivalent Hugo site.

  bench/generate_corpus.py N [--seed S] [--scrutineer DIR] [--hugo DIR]

Both folders must not exist yet. The same N and seed always give the same
bytes. See bench/README.md.
"""

import argparse
import collections
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from corpus_model import BuildCorpus  # noqa: E402
from write_hugo import WriteHugoSite  # noqa: E402
from write_scrutineer import WriteScrutineerSite  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of recommendations")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--scrutineer", help="write the Scrutineer site here")
    parser.add_argument("--hugo", help="write the Hugo site here")
    args = parser.parse_args()
    if args.n < 1:
        parser.error("N must be at least 1")
    if not args.scrutineer and not args.hugo:
        parser.error("give --scrutineer DIR, --hugo DIR or both")
    for folder in (args.scrutineer, args.hugo):
        if folder and os.path.exists(folder):
            parser.error("%s exists; give a new folder" % folder)

    records = BuildCorpus(args.n, args.seed)
    if args.scrutineer:
        WriteScrutineerSite(records, args.n, args.scrutineer, REPO)
    if args.hugo:
        WriteHugoSite(records, args.n, args.hugo)
    counts = collections.Counter(record["kind"] for record in records)
    print("%d records (%s), %d recommendations" % (
        len(records), ", ".join("%d %s" % (c, k)
                                for k, c in sorted(counts.items())), args.n))


if __name__ == "__main__":
    main()
