#!/usr/bin/env python3
"""tests/fuzz/seeds.py -- rebuilds the seed corpora tests/fuzz/corpus/<harness>/
from the test trees (tests/golden, tests/unit/data), the shipped suite
(rules/) and the examples, plus a few hand-made edge cases.

Run from the top of the tree: python3 tests/fuzz/seeds.py
Seeds are named after where they came from; the script is deterministic, so
re-running it on an unchanged tree changes nothing."""

import glob
import os
import re
import shutil

OUT = "tests/fuzz/corpus"
SEP = "=== "  # fuzz_check's file separator line


def read(path):
    with open(path, "rb") as f:
        return f.read()


def slug(path):
    """A file name for a seed taken from [path]."""
    s = re.sub(r"[^0-9A-Za-z.-]+", "_", path.replace("/", "-"))
    return s.strip("_")[:100]


def put(harness, name, data):
    d = os.path.join(OUT, harness)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def rule_files():
    return sorted(glob.glob("rules/**/*.fisc", recursive=True) +
                  glob.glob("tests/golden/**/*.fisc", recursive=True))


def csv_files():
    return sorted(set(glob.glob("tests/golden/**/*.csv", recursive=True) +
                      glob.glob("tests/unit/data/**/*.csv", recursive=True) +
                      glob.glob("examples/**/*.csv", recursive=True)))


# ---- fuzz_parse: every rule file, and a few constructs on their own -------
def seeds_parse():
    for p in rule_files():
        put("fuzz_parse", slug(p), read(p))
    extra = {
        "confusable": "rule R1 \"x\" {\n    assert pct（1，2） > 0\n}\n",
        "claim-all": "rule N \"n\" warning {\n    claim all 说明 \"{a}万元,占{b:pct}\" in section \"三公\"\n    assert b ≈ pct(a, 10) ± 0.1\n}\n",
        "let-if": "let x = if 1 > 2 then 3万元 else 4万元 ?? 0万元\nlet y = -x * 2 / 3\n",
        "table-key": "table T {\n    key `a b` : code\n    c : %\n    d : 亿元\n    e : text\n}\nrule T1 \"t\" info {\n    ref \"财预〔2016〕143号\"\n    for r in T where r.c >= 1%:\n        assert r.d ≠ 0亿元 else \"{r.e}：{r.d}\"\n}\n",
        "nested": "let z = ((((((((((1))))))))))\n",
        "strings": "rule S \"\\\"q\\\" “curly” {x}\" {\n    assert \"a\" == \"b\" else \"{\\\"c\\\"}\"\n}\n",
    }
    for k, v in extra.items():
        put("fuzz_parse", "hand-" + k, v.encode())
    # Composing suites (override, drop, alter, tags, since/until, lists,
    # prior, test blocks): one file each, since the harness reads no imports.
    put("fuzz_parse", "hand-suite-base", SUITE_BASE.encode())
    put("fuzz_parse", "hand-suite-override",
        (SUITE_BASE + SUITE_OVERRIDE).encode())
    put("fuzz_parse", "hand-suite-test",
        (SUITE_BASE + SUITE_OVERRIDE + SUITE_TEST).encode())


SUITE_BASE = """table 支出决算表 {
    key 科目编码 : code
    科目名称 : text
    本年支出合计 : 万元
    基本支出 : 万元
}
let 阈值 = 0.5万元
rule A-01 "合计" error {
    ref "财预〔2016〕143号"
    tags "表内", "合计"
    since 2020
    until 2030
    for r in 支出决算表 where r.科目编码 in ["201", "208"]:
        assert r.本年支出合计 ≥ r.基本支出
}
rule A-02 "去年" warning {
    assert 支出决算表["合计"].本年支出合计 ≈ prior.支出决算表["合计"].本年支出合计 ± 阈值
    for x in [1, 2, 3]:
        assert x in [1, 2, 3]
}
"""
SUITE_OVERRIDE = """override rule A-01 "合计（改）" warning {
    assert 1 == 1
}
drop rule A-02 "不再适用"
override let 阈值 = 1万元
alter table 支出决算表 {
    add 项目支出 : 万元,
    rename 基本支出 to 基本
    drop 科目名称
}
"""
SUITE_TEST = """test "合计不等" {
    with fixture "sub"
    with 支出决算表["合计"].本年支出合计 = 3万元
    with drop 支出决算表["201"]
    with 说明 replace "增长" by "下降"
    expect fail A-01
}
"""


# ---- fuzz_csv: every CSV, and encodings the loader must refuse or convert --
def seeds_csv():
    for p in csv_files():
        put("fuzz_csv", slug(p), read(p))
    base = ("支出决算表\n金额单位：元\n科目编码,科目名称,本年支出合计,基本支出,"
            "项目支出,上缴上级支出,占比,人数\n合计,,\"1,118,780.00\",484.64,"
            "-634.14,0,52.7%,3\n201,一般公共服务支出,,—,,,,\n")
    put("fuzz_csv", "hand-yuan-title", base.encode())
    put("fuzz_csv", "hand-bom", b"\xef\xbb\xbf" + base.encode())
    put("fuzz_csv", "hand-gbk", base.encode("gb18030"))
    put("fuzz_csv", "hand-utf16", b"\xff\xfe" + base.encode("utf-16-le"))
    put("fuzz_csv", "hand-crlf-quoted",
        ("（单位：亿元）\r\n说明,项目,人数,增长率\r\n\"a\"\"b\r\nc\",行政,12,"
         "3.5 ％\r\n,事业,\"1e3\",\r\n").encode())
    put("fuzz_csv", "hand-bare-cr", base.replace("\n", "\r").encode())


# ---- fuzz_narrative: a pattern line, then a text --------------------------
PATTERN = re.compile(r'claim[?]?\s+(?:all\s+)?\S+\s+"((?:[^"\\]|\\.)*)"')


def patterns(path):
    text = read(path).decode()
    return [m.group(1).replace('\\"', '"') for m in PATTERN.finditer(text)]


def chunks(text, size):
    """[text] cut at line breaks into pieces of about [size] bytes."""
    out, cur = [], ""
    for line in text.splitlines(keepends=True):
        cur += line
        if len(cur.encode()) >= size:
            out.append(cur)
            cur = ""
    if cur:
        out.append(cur)
    return out


def seeds_narrative():
    seed = read("tests/unit/data/narrative/seed.txt").decode()
    suite = patterns("rules/2021/narrative.fisc")
    pieces = chunks(seed, 2048)
    for i, pat in enumerate(suite):
        text = pieces[i % len(pieces)]
        put("fuzz_narrative", "suite-%02d" % i, (pat + "\n" + text).encode())
    # The whole document once, with its first and its busiest pattern.
    put("fuzz_narrative", "seed-whole-0", (suite[0] + "\n" + seed).encode())
    put("fuzz_narrative", "seed-whole-1", (suite[1] + "\n" + seed).encode())
    for d in sorted(glob.glob("tests/golden/narrative/*/")):
        text = read(os.path.join(d, "sub/说明.txt")).decode()
        rules = os.path.join(d, "rules.fisc")
        pats = patterns(rules) if os.path.exists(rules) else suite[:4]
        for i, pat in enumerate(pats):
            put("fuzz_narrative", "%s-%02d" % (slug(d), i),
                (pat + "\n" + text).encode())
    hand = {
        "alts-escapes": "\\{a\\}|{x:text}。\\*|*{y:int}人\n{a}共有8人。其中 12 人；x。",
        "date": "截至{d:date}\n截至 2021 年 12 月 31 日，",
        "headings": "{x}万元\n第一部分 概况\n一、职能\n（一）一\n1.甲 5万元\n（1）乙 1,234.5 万元\n第二部分",
        "pct-fullwidth": "增长{r}%\n增长１２.５％，增长-3%",
    }
    for k, v in hand.items():
        put("fuzz_narrative", "hand-" + k, v.encode())


# ---- fuzz_num: figure lines, then "%%", then 5-byte operations -------------
# Operation codes of tests/fuzz/fuzz_num.c's apply(), in order.
NUM_OPS = ["add", "sub", "mul", "div", "neg", "abs", "scale10", "round",
           "trunc", "min", "max", "as_rounded", "from_long"]


def num_ops(*steps):
    """The bytes of [steps], each (op name, i, j, k, dst): k in -25..25 is
    stored as k + 25, which the harness reads back as byte % 51 - 25."""
    out = b""
    for name, i, j, k, dst in steps:
        out += bytes([NUM_OPS.index(name), i, j, k + 25, dst])
    return out


def seeds_num():
    figs = {
        "typical": "1118.78\n-3.50\n0\n0.00\n-0\n1,234.5\n 12 \n\u22123.5\n",
        "digits-18-19-20": "999999999999999999\n-999999999999999999\n"
                           "1000000000000000000\n1234567890123456789\n"
                           "99999999999999999.9\n12345678901234567890.5\n",
        "tiny": "0.000000000000000001\n0.0000000000000000001\n-0.05\n0.5\n",
        "refused": "\n   \n1,2,3\n1e400\n12a\n--1\n5.\n.5\n-\n1.2.3\n"
                   + "1" * 81 + "\n0." + "0" * 40 + "1\n",
    }
    for k, v in figs.items():
        put("fuzz_num", "figures-" + k, v.encode())
    two = "1118.78\n-3.50\n%%\n"
    put("fuzz_num", "ops-sums", two.encode() + num_ops(
        ("add", 0, 1, 0, 2), ("sub", 2, 0, 0, 3), ("add", 2, 2, 0, 4),
        ("min", 3, 4, 0, 5), ("max", 3, 4, 0, 6), ("abs", 1, 0, 0, 7),
        ("neg", 7, 0, 0, 8)))
    put("fuzz_num", "ops-div-mul", two.encode() + num_ops(
        ("div", 0, 1, 0, 2), ("mul", 2, 1, 0, 3), ("div", 0, 9, 0, 4),
        ("div", 1, 0, 0, 5), ("mul", 5, 5, 0, 5), ("round", 5, 0, 4, 6),
        ("div", 0, 6, 0, 7)))
    put("fuzz_num", "ops-scale-round", "4.8\n0.45\n%%\n".encode() + num_ops(
        ("scale10", 0, 0, 25, 2), ("scale10", 0, 0, -20, 3),
        ("scale10", 3, 0, 20, 4), ("round", 1, 0, 1, 5), ("trunc", 1, 0, 1, 6),
        ("round", 2, 0, -25, 7), ("as_rounded", 4, 0, 0, 8),
        ("round", 12, 0, 18, 9), ("trunc", 13, 0, 19, 10)))
    # from_long: a 16-bit value times 1000003, or (j byte >= 0xF0) one of the
    # edge values LONG_MIN, LONG_MAX, ±(INT64_MAX/2) ... picked by i.
    put("fuzz_num", "ops-from-long", "%%\n".encode() + num_ops(
        ("from_long", 0, 0xF0, 0, 2), ("from_long", 1, 0xF0, 0, 3),
        ("from_long", 2, 0xF0, 0, 4), ("from_long", 3, 0xF0, 0, 5),
        ("from_long", 0x12, 0x34, 0, 6), ("add", 4, 5, 0, 7),
        ("sub", 2, 3, 0, 8), ("neg", 2, 0, 0, 9), ("abs", 2, 0, 0, 10),
        ("mul", 5, 5, 0, 11), ("div", 3, 6, 0, 12)))


# ---- fuzz_check: submission folders written out as one text ---------------
def folder_seed(d):
    parts = []
    for f in sorted(os.listdir(d)):
        p = os.path.join(d, f)
        if os.path.isfile(p) and (f.endswith(".csv") or f.startswith("说明")):
            parts.append(SEP.encode() + f.encode() + b"\n" + read(p))
    return b"".join(parts)


def seeds_check():
    subs = sorted(glob.glob("tests/golden/**/sub/", recursive=True) +
                  glob.glob("tests/golden/report/multi/[ab]/") +
                  glob.glob("tests/unit/data/load/*/") +
                  glob.glob("examples/*/"))
    for d in subs:
        put("fuzz_check", slug(d.rstrip("/")), folder_seed(d))
    # Last year's submission as prior/ (the harness writes a few of its files).
    d = "tests/golden/narrative/slips/sub/"
    prior = b"".join(SEP.encode() + b"prior/" + f.encode() + b"\n" +
                     read(os.path.join(d, f)) for f in ["unit.csv", "说明.txt"])
    put("fuzz_check", "hand-prior", folder_seed(d) + prior)
    ex = folder_seed("examples/dongxihu-bigdata-2021/")
    put("fuzz_check", "examples-dongxihu-json", SEP.encode() + b"--json\n" + ex)
    # Bytes before the first separator are 支出决算表.csv.
    put("fuzz_check", "hand-bare-table",
        read("examples/dongxihu-bigdata-2021/支出决算表.csv"))


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    seeds_parse()
    seeds_csv()
    seeds_narrative()
    seeds_check()
    seeds_num()
    for h in sorted(os.listdir(OUT)):
        files = os.listdir(os.path.join(OUT, h))
        size = sum(os.path.getsize(os.path.join(OUT, h, f)) for f in files)
        print("%-16s %4d seeds, %7d bytes" % (h, len(files), size))


if __name__ == "__main__":
    main()
