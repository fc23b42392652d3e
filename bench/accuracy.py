#!/usr/bin/env python3
"""bench/accuracy.py -- does a checker find exactly the injected errors?

    bench/accuracy.py TRUTH FORMAT OUTPUT [--rules PREFIX,...] [--name NAME]

TRUTH is bench/gen.py's truth.tsv (unit, rule, description).  FORMAT is
`json` (fisc check --format json: JSON Lines, a rule fails when its
"outcome" is "fail") or `tsv` (unit<TAB>rule per failing rule: bench/
baseline.py and bench/sqlite.sh).  With --rules, only rules whose ID starts
with one of the prefixes count (sqlite3 implements the table rules only).

Exact match is required: for every unit, the set of failing rules must be
the set of injected ones -- a missed defect and a false alarm both count.
Prints the verdict and up to 20 mismatching units; exit status 1 on any
mismatch.  For fisc it also lists rules whose outcome was "error"
(evaluation errors are not failures, but they should not happen)."""

import collections
import json
import os
import sys


def main():
    args = sys.argv[1:]
    prefixes = None
    name = None
    while "--rules" in args:
        i = args.index("--rules")
        prefixes = tuple(args[i + 1].split(","))
        del args[i:i + 2]
    while "--name" in args:
        i = args.index("--name")
        name = args[i + 1]
        del args[i:i + 2]
    truth, fmt, output = args
    name = name or os.path.basename(output)
    keep = (lambda r: True) if prefixes is None else (lambda r: r.startswith(prefixes))
    want = collections.defaultdict(set)
    with open(truth, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("unit\t"):
                continue
            u, r = line.rstrip("\n").split("\t")[:2]
            if keep(r):
                want[u].add(r)
    got = collections.defaultdict(set)
    seen = set()
    errors = collections.Counter()
    with open(output, encoding="utf-8") as fh:
        if fmt == "json":
            for line in fh:
                o = json.loads(line)
                if o.get("type") != "unit":
                    continue
                u = os.path.basename(o["submission"].rstrip("/"))
                seen.add(u)
                if o.get("unreadable"):
                    got[u].add("(unreadable)")
                for r in o.get("rules", []):
                    if r["outcome"] == "fail" and keep(r["id"]):
                        got[u].add(r["id"])
                    elif r["outcome"] == "error":
                        errors[r["id"]] += 1
        else:
            for line in fh:
                u, r = line.rstrip("\n").split("\t")[:2]
                if keep(r):
                    got[u].add(r)
    bad = []
    for u in sorted(set(want) | set(got)):
        if want[u] != got[u]:
            bad.append((u, sorted(want[u] - got[u]), sorted(got[u] - want[u])))
    n_inj = sum(len(v) for v in want.values())
    scope = "" if prefixes is None else " (rules %s*)" % "*, ".join(prefixes)
    if fmt == "json" and not seen:
        print("%s: no unit in the output" % name)
        return 1
    if not bad:
        print("%s: exact%s: all %d injected errors found, no false alarm" % (name, scope, n_inj))
    else:
        print("%s: %d units differ from the truth%s (%d injected errors):" % (name, len(bad), scope, n_inj))
        for u, missed, extra in bad[:20]:
            print("    %s  missed %s  extra %s" % (u, ",".join(missed) or "-", ",".join(extra) or "-"))
        if len(bad) > 20:
            print("    … and %d more" % (len(bad) - 20))
    if errors:
        print("%s: evaluation errors (outcome \"error\", not counted as failures): %s" % (
            name, ", ".join("%s in %d units" % kv for kv in sorted(errors.items()))))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
