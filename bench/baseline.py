#!/usr/bin/env python3
"""bench/baseline.py -- the checks of rules/2021 as a careful Python 3 program
(standard library only: csv, decimal, re, unicodedata), for comparison with
`fisc check rules/2021`.

    bench/baseline.py [--from-list FILE] SUBMISSION...

prints, for every submission, one line per failing rule: `unit<TAB>rule`
(unit = the folder's name), the format of bench/gen.py's truth.tsv without
its description.  A rule fails when an assertion is false or a sentence it
needs is not found; data that is absent (a blank cell, a missing row or
table, no prior/ folder) skips the assertion instead, and a division by an
exact zero is an evaluation error -- neither is a failure, as in fisc.

Numbers (the "≈" semantics, as docs/numbers.md defines them):
  * every figure is parsed into an exact Decimal and the half-width of its
    rounding interval: a figure written with k decimals stands for
    [v - ½·10⁻ᵏ, v + ½·10⁻ᵏ]; a bare 0 is exact;
  * sums and differences add the half-widths (the intervals stay symmetric,
    so (value, half-width) is enough); amounts in 元 or 亿元 are converted to
    万元 exactly;
  * a ≈ b  iff  |a.v - b.v| <= a.h + b.h, i.e. the two intervals meet;
  * shares, rates and growth (pct, growth) divide intervals: the quotient
    runs between the extreme corner quotients, and comparisons with it are
    done by cross-multiplication, so no division is ever rounded; a divisor
    whose interval contains 0 makes the quotient unbounded (≈ holds), a
    divisor whose value is exactly 0 is an evaluation error.
All arithmetic is exact (the decimal context has 60 digits and no figure
comes near).  Narrative text is NFKC-normalised with white space removed,
as fisc does, and claim patterns are compiled once into regular
expressions with the matcher's semantics (leftmost match, earlier phrasing
on a tie, shortest fillers, figures never split).  One difference: a
{x:text} hole is limited to 100 characters (fisc: 300 bytes).

Written against the rules/2021 of the commit noted in bench/README.md."""

import csv
import decimal
import io
import os
import re
import sys
import unicodedata
from decimal import Decimal

decimal.getcontext().prec = 60
D0 = Decimal(0)
D100 = Decimal(100)
HALF = [Decimal(5).scaleb(-1 - k) for k in range(41)]  # ½·10⁻ᵏ
ERR = "error"  # an evaluation error (division by an exact zero)

# ---------------------------------------------------------------------------
# Numbers: (value, half-width) pairs of Decimals, or None for missing.
# ---------------------------------------------------------------------------


def parse_num(text):
    """A figure as written ("1,118.78", "−3.5", "0") -> (v, h), or None."""
    s = text.strip()
    if not s:
        return None
    neg = False
    if s[0] in "+-":
        neg = s[0] == "-"
        s = s[1:]
    elif s[0] == "\u2212":
        neg = True
        s = s[1:]
    s = s.replace(",", "")
    if not s or not (s[0].isdigit()):
        raise ValueError("not a number: %r" % text)
    v = Decimal(s)
    dot = s.find(".")
    dec = len(s) - dot - 1 if dot >= 0 else 0
    h = D0 if (dec == 0 and v == 0) else HALF[dec]
    return (-v if neg else v, h)


def add(*xs):
    v = D0
    h = D0
    for x in xs:
        if x is None:
            return None
        v += x[0]
        h += x[1]
    return (v, h)


def sub(a, b):
    if a is None or b is None:
        return None
    return (a[0] - b[0], a[1] + b[1])


def neg(a):
    return None if a is None else (-a[0], a[1])


def approx(a, b):
    if a is None or b is None:
        return None
    return abs(a[0] - b[0]) <= a[1] + b[1]


def approx_ratio(stated, num, den):
    """stated ≈ num / den × 100 (interval semantics, exact)."""
    if stated is None or num is None or den is None:
        return None
    if den[0] == 0:
        return ERR
    dlo, dhi = den[0] - den[1], den[0] + den[1]
    if dlo <= 0 <= dhi:
        return True  # unbounded
    nlo, nhi = num[0] - num[1], num[0] + num[1]
    slo, shi = stated[0] - stated[1], stated[0] + stated[1]
    # quotient q = 100·n/d over the corners; d has one sign throughout.
    # slo <= max(q)  and  min(q) <= shi, compared as products.
    pos = dlo > 0
    corners = [(n, d) for n in (nlo, nhi) for d in (dlo, dhi)]
    if pos:
        le_some = any(slo * d <= D100 * n for n, d in corners)
        ge_some = any(D100 * n <= shi * d for n, d in corners)
    else:
        le_some = any(slo * d >= D100 * n for n, d in corners)
        ge_some = any(D100 * n >= shi * d for n, d in corners)
    return le_some and ge_some


def pct_ok(stated, part, whole):
    return approx_ratio(stated, part, whole)


def growth_ok(stated, this, last):
    return approx_ratio(stated, sub(this, last), last)


def val(x):
    return None if x is None else x[0]


# ---------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------

TABLES = {
    "收入支出决算总表": ("项目", ["金额"]),
    "收入决算表": ("科目编码", ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]),
    "支出决算表": ("科目编码", ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]),
    "财政拨款收入支出决算总表": ("项目", ["合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]),
    "一般公共预算财政拨款支出决算表": ("科目编码", ["年初预算数", "合计", "基本支出", "项目支出"]),
    "一般公共预算财政拨款基本支出决算表": ("科目编码", ["决算数"]),
    "一般公共预算财政拨款三公经费支出决算表": ("项目", ["预算数", "决算数"]),
    "政府性基金预算财政拨款收入支出决算表": ("科目编码", ["年初结转和结余", "本年收入", "本年支出合计", "基本支出", "项目支出", "年末结转和结余"]),
    "国有资本经营预算财政拨款支出决算表": ("科目编码", ["合计", "基本支出", "项目支出"]),
}
REQUIRED_TABLES = list(TABLES)
UNIT_SCALE = {"元": -4, "万元": 0, "亿元": 4}
UNIT_RE = re.compile(r"单位\s*[:：]\s*(亿元|万元|元)?")


def decode(data):
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


class Table:
    """rows: key -> {column: (v, h) or None}; names: key -> 科目名称 (or
    None); order: keys in file order."""
    __slots__ = ("rows", "names", "order", "lv", "_kids")

    def kids(self):
        """parent code -> child codes (in file order), computed once."""
        if self._kids is None:
            k = {}
            lv = self.lv
            for c in self.order:
                if lv[c] >= 2 and lv.get(c[:-2]) == lv[c] - 1:
                    k.setdefault(c[:-2], []).append(c)
            self._kids = k
        return self._kids


def load_table(path, name):
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        return None
    key, cols = TABLES[name]
    reader = csv.reader(io.StringIO(decode(data)))
    scale = 0
    header = None
    for rec in reader:
        if key in rec:
            header = rec
            break
        for i, cell in enumerate(rec):  # a title line: look for 金额单位
            m = UNIT_RE.search(cell)
            if m:
                unit = m.group(1)
                if not unit:
                    rest = [c.strip() for c in rec[i + 1:] if c.strip()]
                    unit = rest[0] if rest else "万元"
                scale = UNIT_SCALE.get(unit, 0)
    if header is None:
        raise ValueError("%s: no header row" % path)
    kpos = header.index(key)
    cpos = [header.index(c) for c in cols]
    npos = header.index("科目名称") if "科目名称" in header else None
    t = Table()
    t.rows, t.names, t.order, t.lv, t._kids = {}, {}, [], {}, None
    for rec in reader:
        if not rec or not any(c.strip() for c in rec):
            continue
        k = rec[kpos].strip() if kpos < len(rec) else ""
        row = {}
        for c, p in zip(cols, cpos):
            x = parse_num(rec[p]) if p < len(rec) else None
            if x is not None and scale:
                x = (x[0].scaleb(scale), x[1].scaleb(scale))
            row[c] = x
        if k not in t.rows:
            t.order.append(k)
        t.rows[k] = row
        t.lv[k] = level(k)
        if npos is not None and npos < len(rec) and rec[npos].strip():
            t.names[k] = rec[npos]
        else:
            t.names[k] = None
    return t


def cell(t, key, col):
    if t is None:
        return None
    r = t.rows.get(key)
    return None if r is None else r[col]


def level(code):
    if len(code) in (3, 5, 7) and code.isascii() and code.isdigit():
        return (len(code) - 1) // 2
    return 0


def rollup(t, col):
    """fisc's rollup(T, col): True / False / None (missing)."""
    if t is None:
        return None
    checked = 0
    failed = False
    missing = False
    allkids = t.kids()
    for k in t.order:
        if t.lv[k] not in (1, 2):
            continue
        kids = allkids.get(k)
        if not kids:
            continue
        parent = t.rows[k][col]
        s = add(*[t.rows[c][col] for c in kids])
        if parent is None or s is None:
            missing = True
            continue
        checked += 1
        if not approx(parent, s):
            failed = True
    if failed:
        return False
    if missing or checked == 0:
        return None
    return True


def level1_sum(t, col):
    if t is None:
        return None
    return add(*[t.rows[k][col] for k in t.order if t.lv[k] == 1])


def level1_count(t):
    if t is None:
        return None
    return sum(1 for k in t.order if t.lv[k] == 1)


# ---------------------------------------------------------------------------
# Narrative: normal form, outline, claim patterns
# ---------------------------------------------------------------------------

WS = dict.fromkeys(map(ord, " \t\n\v\f\r\x85\xa0\xad\u1680\u200b\u2028\u2029\u202f\u205f\u2060\u3000\ufeff"), None)
WS.update(dict.fromkeys(range(0x2000, 0x200B), None))
CJK_NUM = frozenset("一二三四五六七八九十")
DIGITS = frozenset("0123456789０１２３４５６７８９")
LEAD_BLANKS = " \t\u3000\u00a0\ufeff"


def norm(s):
    return unicodedata.normalize("NFKC", s).translate(WS)


def heading_level(line):
    """The heading hierarchy 第X部分 → 一、 → （一） → 1. → （1）."""
    s = line.lstrip(LEAD_BLANKS)
    if not s:
        return 0
    c = s[0]
    n = len(s)
    if c == "第":
        i = 1
        while i < n and s[i] in CJK_NUM:
            i += 1
        return 1 if 1 <= i - 1 <= 3 and s.startswith("部分", i) else 0
    if c in CJK_NUM:
        i = 1
        while i < n and s[i] in CJK_NUM:
            i += 1
        return 2 if i <= 3 and i < n and s[i] == "、" else 0
    if c == "(" or c == "（":
        i = 1
        while i < n and s[i] in CJK_NUM:
            i += 1
        lv = 0
        if 1 <= i - 1 <= 3:
            lv = 3
        elif i == 1:
            while i < n and s[i] in DIGITS:
                i += 1
            if 1 <= i - 1 <= 2:
                lv = 5
        return lv if lv and i < n and s[i] in ")）" else 0
    if c in DIGITS:
        i = 1
        while i < n and s[i] in DIGITS:
            i += 1
        if i > 2 or i >= n or s[i] not in ".．、":
            return 0
        return 4 if i + 1 < n and s[i + 1] not in DIGITS else 0
    return 0


class _HeadStart:
    """Numbers of the lines that may be headings (start, after blanks, with
    第, a numeral, a parenthesis or a digit)."""
    rx = re.compile(r"^[ \t\u3000\u00a0\ufeff]*[第一二三四五六七八九十(（0-9０-９]", re.M)

    def findall_lines(self, raw):
        out = []
        line = 0
        last = 0
        for m in self.rx.finditer(raw):
            line += raw.count("\n", last, m.start())
            last = m.start()
            out.append(line)
        return out


HEAD_START = _HeadStart()


class Narrative:
    """text: the normal form; sections: (title, level, start, end)."""

    def __init__(self, raw):
        # Headings are found on the original lines; a private-use mark put
        # before each one survives NFKC and shows where it starts in the
        # normal form, which is then built in one pass over the whole text.
        lines = raw.replace("\ue000", "\ufffd").split("\n")
        heads = []
        for i in HEAD_START.findall_lines(raw):
            line = lines[i]
            lv = heading_level(line)
            if lv:
                heads.append([norm(line), lv, 0, 0])
                lines[i] = "\ue000" + line
        pieces = norm("\n".join(lines)).split("\ue000")
        self.text = "".join(pieces)
        pos = len(pieces[0])
        for h, piece in zip(heads, pieces[1:]):
            h[2] = pos
            pos += len(piece)
        end = len(self.text)
        stack = []
        for h in heads:
            h[3] = end
            while stack and stack[-1][1] >= h[1]:
                stack.pop()[3] = h[2]
            stack.append(h)
        self.sections = heads

    def section(self, title):
        q = norm(title)
        for h in self.sections:
            if q in h[0]:
                return h[2], h[3]
        return None


# Hole patterns (the matcher's figure rules: a figure never starts inside
# another figure -- after a digit, after "digit." or as the "234" of
# "1,234" -- and never ends before one of its digits).  Each starts with a
# consuming character class and checks what precedes it by lookbehind, so
# that `re` can skip to candidate characters quickly.
_AFTER1 = r"(?<![0-9][0-9])(?<![0-9]\.[0-9])(?!(?<=[0-9],[0-9])[0-9]{2}(?![0-9]))"
_END = r"(?![0-9])(?!\.[0-9])"
HOLE_RE = {
    "num": (r"(?>(?:[+\-\u2212](?<![0-9].)(?<![0-9]\..)(?:[0-9]{1,3}(?:,[0-9]{3}(?![0-9]))+|[0-9]+)"
            r"|[0-9]" + _AFTER1 + r"(?:[0-9]{0,2}(?:,[0-9]{3}(?![0-9]))+|[0-9]*))(?:\.[0-9]+)?)" + _END),
    "int": r"(?>[0-9]" + _AFTER1 + r"[0-9]*)" + _END,
    "date": r"[0-9]" + _AFTER1 + r"[0-9]{3}年[0-9]{1,2}月[0-9]{1,2}日",
    "text": r"[^。]{1,100}?",
}
FILLER = r"[^。;!?]{0,30}?"


class Pattern:
    """A claim pattern compiled to one regular expression; groups are named
    g<n>, mapped back to the holes' names (a name may occur in several
    alternatives)."""

    def __init__(self, src):
        self.src = src
        self.groups = {}  # group name -> (hole name, kind, unit scale or "pct")
        self._gi = 0
        alts = [self._items(a) for a in self._split(src, "|")]
        # A hole that starts every alternative is matched once, in front of
        # the alternation: the same leftmost-start semantics, and `re` can
        # then scan for its first character.
        head = ""
        firsts = set(a[0] for a in alts if a[0][0] == "hole")
        if len(alts) > 1 and len(firsts) == 1 and all(a[0][0] == "hole" for a in alts):
            units = set(self._unit(a, 0) for a in alts)
            if len(units) == 1:
                head = self._regex(alts[0][:1], units.pop())
                alts = [a[1:] for a in alts]
        self.re = re.compile(head + "(?:" + "|".join(self._regex(a) for a in alts) + ")")

    @staticmethod
    def _unit(items, j):
        typ = items[j][1][1]
        nxt = items[j + 1][1] if j + 1 < len(items) and items[j + 1][0] == "lit" else ""
        if typ == "pct" or nxt.startswith("%"):
            return "pct"
        for u, k in (("万元", 0), ("亿元", 4), ("元", -4)):
            if nxt.startswith(u):
                return k
        return None

    def _regex(self, items, unit_of_single=False):
        out = []
        for j, (kind, x) in enumerate(items):
            if kind == "lit":
                out.append(re.escape(x))
            elif kind == "fill":
                out.append(FILLER)
            else:
                name, typ = x
                unit = unit_of_single if unit_of_single is not False else self._unit(items, j)
                g = "g%d" % self._gi
                self._gi += 1
                self.groups[g] = (name, typ, unit)
                out.append("(?P<%s>%s)" % (g, HOLE_RE["num" if typ == "pct" else typ]))
        return "".join(out)

    @staticmethod
    def _split(s, sep):
        out, cur, i = [], [], 0
        while i < len(s):
            if s[i] == "\\" and i + 1 < len(s):
                cur.append(s[i:i + 2])
                i += 2
                continue
            if s[i] == sep:
                out.append("".join(cur))
                cur = []
            else:
                cur.append(s[i])
            i += 1
        out.append("".join(cur))
        return out

    @staticmethod
    def _items(alt):
        items, lit, i = [], [], 0

        def flush():
            if lit:
                t = norm("".join(lit))
                if t:
                    if items and items[-1][0] == "lit":
                        items[-1] = ("lit", items[-1][1] + t)
                    else:
                        items.append(("lit", t))
                lit.clear()
        while i < len(alt):
            c = alt[i]
            if c == "\\":
                lit.append(alt[i + 1])
                i += 2
            elif c == "{":
                flush()
                j = alt.index("}", i)
                body = alt[i + 1:j].replace("：", ":")
                name, _, typ = body.partition(":")
                typ = typ.strip() or "num"
                items.append(("hole", (name.strip(), typ)))
                if typ == "pct":
                    lit.append("%")
                i = j + 1
            elif c == "*":
                flush()
                items.append(("fill", None))
                i += 1
            else:
                lit.append(c)
                i += 1
        flush()
        return items

    def bind(self, m):
        """{hole name: value} of a match; numbers as (v, h) in 万元 (or %)."""
        out = {}
        for g, (name, typ, unit) in self.groups.items():
            s = m.group(g)
            if s is None:
                continue
            if typ in ("text", "date"):
                out[name] = s
            elif typ == "int":
                out[name] = (Decimal(s), HALF[0])
            else:
                x = parse_num(s[:-1] if s.endswith("%") else s)
                if isinstance(unit, int) and unit:
                    x = (x[0].scaleb(unit), x[1].scaleb(unit))
                out[name] = x
        return out


# ---------------------------------------------------------------------------
# Rules.  Each returns "fail", "error", "skip" or "pass" via an Outcome.
# ---------------------------------------------------------------------------


class Outcome:
    __slots__ = ("failed", "errors", "skipped")

    def __init__(self):
        self.failed = self.errors = self.skipped = 0

    def check(self, c):
        if c is None:
            self.skipped += 1
        elif c is ERR:
            self.errors += 1
        elif not c:
            self.failed += 1

    def result(self):
        return "fail" if self.failed else "error" if self.errors else "skip" if self.skipped else "pass"


P = {}  # compiled claim patterns, by rule


def pat(key, src):
    P[key] = Pattern(src)


class Sub:
    """One submission: its tables, narrative, year and last year's tables."""

    def __init__(self, path):
        self.path = path
        self.t = {name: load_table(os.path.join(path, name + ".csv"), name) for name in TABLES}
        self.doc = None
        for fn in ("说明.txt", "说明.md"):
            p = os.path.join(path, fn)
            if os.path.exists(p):
                with open(p, "rb") as fh:
                    self.doc = Narrative(decode(fh.read()))
                break
        self.year = None
        up = os.path.join(path, "unit.csv")
        if os.path.exists(up):
            with open(up, "rb") as fh:
                rows = list(csv.reader(io.StringIO(decode(fh.read()))))
            if len(rows) >= 2:
                hdr = [h.strip().lower() for h in rows[0]]
                for k in ("year", "年度"):
                    if k in hdr and hdr.index(k) < len(rows[1]) and rows[1][hdr.index(k)].strip():
                        self.year = int(Decimal(rows[1][hdr.index(k)].strip()))
        pp = os.path.join(path, "prior")
        self.prior = None
        if os.path.isdir(pp):
            self.prior = {name: load_table(os.path.join(pp, name + ".csv"), name)
                          for name in ("收入支出决算总表", "财政拨款收入支出决算总表", "一般公共预算财政拨款支出决算表", "一般公共预算财政拨款三公经费支出决算表")}

    # claims -----------------------------------------------------------------
    def window(self, o, section, optional):
        """The text window of a claim, or None after recording the outcome
        (no narrative: skip; section not found: fail, or skip if optional)."""
        if self.doc is None:
            o.check(None)
            return None
        if section is None:
            return 0, len(self.doc.text)
        w = self.doc.section(section)
        if w is None:
            o.check(None if optional else False)
        return w

    def claim(self, o, key, section=None, optional=False):
        """The first match's holes, or None (recorded: not found fails,
        claim? skips)."""
        w = self.window(o, section, optional)
        if w is None:
            return None
        pt = P[key]
        m = pt.re.search(self.doc.text, w[0], w[1])
        if m is None:
            o.check(None if optional else False)
            return None
        return pt.bind(m)

    def claim_all(self, o, key, section=None):
        w = self.window(o, section, False)
        if w is None:
            return
        pt = P[key]
        text = self.doc.text
        pos, end = w
        rx = pt.re
        while pos <= end:
            m = rx.search(text, pos, end)
            if m is None:
                return
            yield pt.bind(m)
            pos = m.end() if m.end() > m.start() else m.start() + 1


T01, T02, T03, T04, T05, T06, T07, T08, T09 = list(TABLES)


def or_(a, b):
    """fisc's `or`: a decided true side wins over missing."""
    if a is True or b is True:
        return True
    if a is None or b is None:
        return None
    return False


def is_empty(t):
    return None if t is None else len(t.order) == 0


# --- crosscheck.fisc -------------------------------------------------------

def X01(s, o):
    a, b = s.t[T01], s.t[T02]
    o.check(approx(cell(a, "本年收入合计", "金额"), cell(b, "合计", "本年收入合计")))
    fin = add(cell(a, "一般公共预算财政拨款收入", "金额"), cell(a, "政府性基金预算财政拨款收入", "金额"), cell(a, "国有资本经营预算财政拨款收入", "金额"))
    o.check(approx(fin, cell(b, "合计", "财政拨款收入")))
    for src in ("上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"):
        o.check(approx(cell(a, src, "金额"), cell(b, "合计", src)))


def X02(s, o):
    a, b = s.t[T01], s.t[T03]
    o.check(approx(cell(a, "本年支出合计", "金额"), cell(b, "合计", "本年支出合计")))
    if b is None:
        o.check(None)
        return
    for k in b.order:
        if level(k) == 1:
            nm = b.names[k]
            o.check(approx(cell(a, nm, "金额") if nm is not None else None, b.rows[k]["本年支出合计"]))


def X03(s, o):
    a, b = s.t[T01], s.t[T04]
    for line in ("一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入"):
        o.check(approx(cell(a, line, "金额"), cell(b, line, "合计")))


def X04(s, o):
    a, b = s.t[T04], s.t[T05]
    o.check(approx(cell(a, "本年支出合计", "一般公共预算财政拨款"), cell(b, "合计", "合计")))
    if b is None:
        o.check(None)
        return
    for k in b.order:
        if level(k) == 1:
            nm = b.names[k]
            o.check(approx(cell(a, nm, "一般公共预算财政拨款") if nm is not None else None, b.rows[k]["合计"]))


def X05(s, o):
    o.check(approx(cell(s.t[T05], "合计", "基本支出"), add(cell(s.t[T06], "人员经费合计", "决算数"), cell(s.t[T06], "公用经费合计", "决算数"))))


def _if_empty(empty, x, y):
    if empty is None:
        return None
    if empty:
        return None if x is None else x[0] == 0
    return approx(x, y)


def X06(s, o):
    a, f, g = s.t[T04], s.t[T08], s.t[T09]
    fe, ge = is_empty(f), is_empty(g)
    o.check(_if_empty(fe, cell(a, "年初财政拨款结转和结余", "政府性基金预算财政拨款"), cell(f, "合计", "年初结转和结余")))
    o.check(_if_empty(fe, cell(a, "政府性基金预算财政拨款收入", "合计"), cell(f, "合计", "本年收入")))
    o.check(_if_empty(fe, cell(a, "本年支出合计", "政府性基金预算财政拨款"), cell(f, "合计", "本年支出合计")))
    o.check(_if_empty(fe, cell(a, "年末财政拨款结转和结余", "政府性基金预算财政拨款"), cell(f, "合计", "年末结转和结余")))
    if f is None:
        o.check(None)
    else:
        for k in f.order:
            if level(k) == 1:
                nm = f.names[k]
                o.check(approx(cell(a, nm, "政府性基金预算财政拨款") if nm is not None else None, f.rows[k]["本年支出合计"]))
    o.check(_if_empty(ge, cell(a, "本年支出合计", "国有资本经营预算财政拨款"), cell(g, "合计", "合计")))
    if g is None:
        o.check(None)
    else:
        for k in g.order:
            if level(k) == 1:
                nm = g.names[k]
                o.check(approx(cell(a, nm, "国有资本经营预算财政拨款") if nm is not None else None, g.rows[k]["合计"]))


def X10(s, o):
    p = s.prior
    o.check(approx(cell(s.t[T01], "年初结转和结余", "金额"), cell(p and p[T01], "年末结转和结余", "金额")))
    o.check(approx(cell(s.t[T04], "年初财政拨款结转和结余", "合计"), cell(p and p[T04], "年末财政拨款结转和结余", "合计")))


# --- identities.fisc -------------------------------------------------------

def I01(s, o):
    a = s.t[T01]
    o.check(approx(cell(a, "收入总计", "金额"), add(cell(a, "本年收入合计", "金额"), cell(a, "使用非财政拨款结余", "金额"), cell(a, "年初结转和结余", "金额"))))


def I02(s, o):
    a = s.t[T01]
    o.check(approx(cell(a, "支出总计", "金额"), add(cell(a, "本年支出合计", "金额"), cell(a, "结余分配", "金额"), cell(a, "年末结转和结余", "金额"))))


def I03(s, o):
    a = s.t[T01]
    o.check(approx(cell(a, "收入总计", "金额"), cell(a, "支出总计", "金额")))


INCOME8 = ["一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
SOURCES6 = ["财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
SPEND5 = ["基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]


def I04(s, o):
    a, b = s.t[T01], s.t[T02]
    o.check(approx(cell(a, "本年收入合计", "金额"), add(*[cell(a, k, "金额") for k in INCOME8])))
    if b is None:
        o.check(None)
        return
    for k in b.order:
        r = b.rows[k]
        o.check(approx(r["本年收入合计"], add(*[r[c] for c in SOURCES6])))


def I05(s, o):
    b = s.t[T03]
    if b is None:
        o.check(None)
        return
    for k in b.order:
        r = b.rows[k]
        o.check(approx(r["本年支出合计"], add(*[r[c] for c in SPEND5])))


def I06(s, o):
    a = s.t[T04]
    o.check(approx(cell(a, "本年收入合计", "合计"), add(cell(a, "一般公共预算财政拨款收入", "合计"), cell(a, "政府性基金预算财政拨款收入", "合计"), cell(a, "国有资本经营预算财政拨款收入", "合计"))))
    if a is None:
        o.check(None)
        return
    for k in a.order:
        r = a.rows[k]
        x, y, z = r["一般公共预算财政拨款"], r["政府性基金预算财政拨款"], r["国有资本经营预算财政拨款"]
        if x is not None or y is not None or z is not None:
            o.check(approx(r["合计"], add(x, y, z)))


def I07(s, o):
    a = s.t[T04]
    c = lambda k, col="合计": cell(a, k, col)
    o.check(approx(c("收入总计"), add(c("本年收入合计"), c("年初财政拨款结转和结余"))))
    o.check(approx(c("支出总计"), add(c("本年支出合计"), c("年末财政拨款结转和结余"))))
    o.check(approx(c("收入总计"), c("支出总计")))
    for col in ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"):
        o.check(approx(c("支出总计", col), add(c("本年支出合计", col), c("年末财政拨款结转和结余", col))))


I08_COLS = [(T02, ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]),
            (T03, ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]),
            (T05, ["年初预算数", "合计", "基本支出", "项目支出"]),
            (T08, ["年初结转和结余", "本年收入", "本年支出合计", "基本支出", "项目支出", "年末结转和结余"]),
            (T09, ["合计", "基本支出", "项目支出"])]


def I08(s, o):
    for name, cols in I08_COLS:
        t = s.t[name]
        n = level1_count(t)
        for col in cols:
            o.check(rollup(t, col))
            o.check(or_(None if n is None else n == 0, approx(cell(t, "合计", col), level1_sum(t, col))))


def I09(s, o):
    for name, tot in ((T05, "合计"), (T08, "本年支出合计"), (T09, "合计")):
        t = s.t[name]
        if t is None:
            o.check(None)
            continue
        for k in t.order:
            r = t.rows[k]
            o.check(approx(r[tot], add(r["基本支出"], r["项目支出"])))


ZERO2 = (D0, HALF[2])  # the rule literal 0.00


def I10(s, o):
    t = s.t[T06]
    o.check(rollup(t, "决算数"))

    def opt(k):
        if t is None or k not in t.rows:
            return ZERO2
        return t.rows[k]["决算数"]
    o.check(approx(cell(t, "人员经费合计", "决算数"), add(cell(t, "301", "决算数"), opt("303"))))
    o.check(approx(cell(t, "公用经费合计", "决算数"), add(cell(t, "302", "决算数"), opt("310"), opt("399"))))


def I11(s, o):
    t = s.t[T06]
    o.check(approx(cell(t, "合计", "决算数"), add(cell(t, "人员经费合计", "决算数"), cell(t, "公用经费合计", "决算数"))))


SG_ITEMS = ["因公出国（境）费", "公务用车购置及运行费", "公务接待费"]
CAR_ITEMS = ["公务用车购置费", "公务用车运行费"]


def I12(s, o):
    t = s.t[T07]

    def rows_sum(names, col):
        if t is None:
            return None
        return add(*[t.rows[k][col] for k in t.order if k in names])
    for col in ("预算数", "决算数"):
        o.check(approx(cell(t, "合计", col), rows_sum(SG_ITEMS, col)))
    for col in ("预算数", "决算数"):
        o.check(approx(cell(t, "公务用车购置及运行费", col), rows_sum(CAR_ITEMS, col)))


def T_01(s, o):
    have = any(t is not None for t in s.t.values())
    for name in REQUIRED_TABLES:
        o.check((s.t[name] is not None) if have else None)


# --- narrative.fisc --------------------------------------------------------

pat("N-01", "年度收、支总计{总计}万元|年度收支总计{总计}万元|年度收入支出总计{总计}万元")
pat("N-02", "{本年}万元。与*相比,*增加{增加}万元,增长{增长率}%|{本年}万元,占本年支出合计的*。与*相比,*增加{增加}万元,增长{增长率}%|{本年}万元,与*相比,*增加{增加}万元,增长{增长率}%|{本年}万元,比上年增加{增加}万元,增长{增长率}%|{本年}万元,较上年增加{增加}万元,增长{增长率}%|{本年}万元,比上年度增加{增加}万元,增长{增长率}%")
pat("N-03", "{本年}万元。与*相比,*减少{减少}万元,下降{下降率}%|{本年}万元,占本年支出合计的*。与*相比,*减少{减少}万元,下降{下降率}%|{本年}万元,与*相比,*减少{减少}万元,下降{下降率}%|{本年}万元,比上年减少{减少}万元,下降{下降率}%|{本年}万元,较上年减少{减少}万元,下降{下降率}%|{本年}万元,比上年度减少{减少}万元,下降{下降率}%")
pat("inc.total", "年度收入合计{合计}万元|本年收入合计{合计}万元")
pat("N-04", "{金额}万元,占本年收入{占比}%|{金额}万元,占本年收入合计的{占比}%|{金额}万元,占收入合计的{占比}%")
pat("sp.total", "年度支出合计{合计}万元|本年支出合计{合计}万元")
pat("N-05", "{金额}万元,占本年支出{占比}%|{金额}万元,占本年支出合计的{占比}%|{金额}万元,占支出合计的{占比}%")
pat("N-06", "收入合计{合计}万元。其中:财政拨款收入{财拨}万元,*;其他收入{其他}万元")
pat("N-07", "支出合计{合计}万元。其中:基本支出{基本}万元,*;项目支出{项目}万元")
pat("N-08", "财政拨款收、支总计{总计}万元|财政拨款收支总计{总计}万元")
pat("N-09a", "财政拨款支出{合计}万元,主要用于以下方面|财政拨款支出{合计}万元,主要用于")
pat("N-09", "{金额}万元,占{占比}%")
pat("N-10", "预算为{预算}万元,支出决算为{决算}万元,完成年初预算的{完成率}%|预算数为{预算}万元,支出决算为{决算}万元,完成年初预算的{完成率}%|预算为{预算}万元,支出决算为{决算}万元,完成全年预算的{完成率}%|预算数为{预算}万元,支出决算为{决算}万元,完成全年预算的{完成率}%|预算数为{预算}万元,执行数为{决算}万元,完成预算的{完成率}%|预算为{预算}万元,支出决算为{决算}万元,完成预算的{完成率}%|预算数为{预算}万元,决算数为{决算}万元,完成预算的{完成率}%|预算数{预算}万元,决算数{决算}万元,完成预算的{完成率}%")
pat("N-11a", "年度财政拨款支出{财拨支出}万元")
pat("N-11", "一般公共预算财政拨款支出年初预算为{预算}万元,支出决算为{决算}万元|一般公共预算财政拨款支出年初预算数为{预算}万元,支出决算数为{决算}万元|一般公共预算财政拨款支出全年预算为{预算}万元,支出决算为{决算}万元|一般公共预算财政拨款支出全年预算为{预算}万元({构成:text}),支出决算为{决算}万元|一般公共预算财政拨款支出全年预算数为{预算}万元,支出决算数为{决算}万元")
pat("N-12a", "一般公共预算财政拨款基本支出{六基本}万元")
pat("N-12", "完成年初预算的{完成率}%。其中:基本支出{基本}万元,项目支出{项目}万元|完成全年预算的{完成率}%。其中:基本支出{基本}万元,项目支出{项目}万元")
pat("人员", "人员经费{人员}万元")
pat("公用", "公用经费{公用}万元")
pat("三公", "“三公”经费财政拨款年初预算数为{预算}万元,支出决算为{决算}万元|“三公”经费财政拨款年初预算为{预算}万元,支出决算为{决算}万元")
pat("出国", "因公出国(境)费支出决算为{出国}万元|因公出国(境)费{出国}万元")
pat("车辆", "公务用车购置及运行费支出决算为{车辆}万元|公务用车购置及运行费{车辆}万元")
pat("接待", "公务接待费支出决算为{接待}万元|公务接待费{接待}万元")
pat("运行", "公务用车运行费{运行}万元")
pat("运行分项", "维修费{维修}万元;保险费{保险}万元;燃油费{燃油}万元")
pat("N-16", "{决算}万元,完成年初预算的{完成率}%,比年初预算减少{减少}万元")
pat("N-17", "“三公”经费财政拨款支出决算数比*增加{增加}万元,增长{增长率}%|“三公”经费财政拨款支出决算数比*减少{减少}万元,下降{下降率}%")
pat("三公17", "“三公”经费财政拨款年初预算数为{预算}万元,支出决算为{决算}万元|“三公”经费财政拨款年初预算为{预算}万元,支出决算为{决算}万元|“三公”经费财政拨款全年预算数为{预算}万元,支出决算为{决算}万元")
pat("N-18a", "公务用车购置及运行费支出决算为{决算}万元")
pat("N-18", "公务用车购置及运行费支出决算增加{增加}万元,增长{增长率}%|公务用车购置及运行费支出决算减少{减少}万元,下降{下降率}%")
pat("N-19", "“三公”经费财政拨款支出决算数比*增加{变动}万元|“三公”经费财政拨款支出决算数比*减少{变动}万元")
pat("N-20", "政府采购支出总额{总额}万元,其中:政府采购货物支出{货物}万元、政府采购工程支出{工程}万元、政府采购服务支出{服务}万元|政府采购支出总额{总额}万元,其中:货物{货物}万元、工程{工程}万元、服务{服务}万元")
pat("中小", "授予中小企业合同金额{中小}万元,占政府采购支出总额的{中小占比}%")
pat("小微", "授予小微企业合同金额{小微}万元,占政府采购支出总额的{小微占比}%")
pat("N-21", "在职实有人数{总数:int}人,其中:行政{行政:int}人,事业{事业:int}人")
pat("车辆数", "共有车辆{车辆:int}辆")
pat("保有量", "公务用车保有量{保有量:int}辆")
pat("N-23", "截至{日期:date}|截止{日期:date}|截止到{日期:date}")
pat("N-27", "{序号:int}.{类名:text}(类)。年初预算为{年初}万元,支出决算为{决算}万元|{序号:int}、{类名:text}(类)。年初预算为{年初}万元,支出决算为{决算}万元|{序号:int}.{类名:text}(类)。年初预算数为{年初}万元,支出决算数为{决算}万元|{序号:int}.{类名:text}(类)。全年预算为{全年}万元,支出决算为{决算}万元|{序号:int}、{类名:text}(类)。全年预算为{全年}万元,支出决算为{决算}万元|{序号:int}.{类名:text}(类)。全年预算数为{全年}万元,支出决算数为{决算}万元")
pat("N-28", "(款){项名:text}(项):支出决算为{决算}万元,完成预算{完成率}%|(款){项名:text}(项):支出决算为{决算}万元,完成年初预算的{完成率}%")
pat("N-29", "({类:int}类)*({款:int}款)*({项:int}项)*:支出决算为{决算}万元|({类:int}类)*({款:int}款)*({项:int}项)*支出决算为{决算}万元")
pat("N-34", "年度收、支总计{本年}万元。与*相比,收、支总计各增加{增加}万元|年度收、支总计{本年}万元。与*相比,收、支总计各减少{减少}万元|年度收支总计{本年}万元,比上年增加{增加}万元|年度收支总计{本年}万元,比上年减少{减少}万元")
pat("N-35", "年度财政拨款支出{本年}万元,*。与*相比,财政拨款支出增加{增加}万元|年度财政拨款支出{本年}万元,*。与*相比,财政拨款支出减少{减少}万元|年度财政拨款支出{本年}万元,比上年增加{增加}万元|年度财政拨款支出{本年}万元,比上年减少{减少}万元")
pat("N-36", "“三公”经费财政拨款支出决算数比*增加{变动}万元|“三公”经费财政拨款支出决算数比*减少{减少}万元")

BUDGET = "年初预算数"  # profile.fisc: 完成率分母
REQUIRED_SECTIONS = ["收入支出决算总体情况", "收入决算情况", "支出决算情况", "财政拨款收入支出决算总体情况", "一般公共预算财政拨款支出决算情况",
                     "基本支出决算情况", "三公", "政府性基金", "国有资本经营", "机关运行经费", "政府采购", "国有资产", "绩效", "名词解释"]


def N01(s, o):
    c = s.claim(o, "N-01")
    if c:
        o.check(approx(c["总计"], cell(s.t[T01], "收入总计", "金额")))


def N02(s, o):
    for c in s.claim_all(o, "N-02"):
        o.check(growth_ok(c["增长率"], c["本年"], sub(c["本年"], c["增加"])))


def N03(s, o):
    for c in s.claim_all(o, "N-03"):
        o.check(pct_ok(c["下降率"], c["减少"], add(c["本年"], c["减少"])))


def N04(s, o):
    c = s.claim(o, "inc.total")
    if c:
        for d in s.claim_all(o, "N-04"):
            o.check(pct_ok(d["占比"], d["金额"], c["合计"]))


def N05(s, o):
    c = s.claim(o, "sp.total")
    if c:
        for d in s.claim_all(o, "N-05"):
            o.check(pct_ok(d["占比"], d["金额"], c["合计"]))


def N06(s, o):
    c = s.claim(o, "N-06", optional=True)
    if c:
        o.check(approx(c["合计"], add(c["财拨"], c["其他"])))


def N07(s, o):
    c = s.claim(o, "N-07")
    if c:
        o.check(approx(c["合计"], add(c["基本"], c["项目"])))


def N08(s, o):
    c = s.claim(o, "N-08")
    if c:
        o.check(approx(c["总计"], cell(s.t[T04], "收入总计", "合计")))


def N09(s, o):
    c = s.claim(o, "N-09a")
    if c:
        for d in s.claim_all(o, "N-09", section="财政拨款支出决算结构"):
            o.check(pct_ok(d["占比"], d["金额"], c["合计"]))


def N10(s, o):
    for c in s.claim_all(o, "N-10"):
        o.check(pct_ok(c["完成率"], c["决算"], c["预算"]))


def coalesce(a, b):
    return b if a is None else a


def N11(s, o):
    a = s.claim(o, "N-11a", optional=True)
    if a:
        c = s.claim(o, "N-11")
        if c:
            o.check(approx(c["决算"], coalesce(cell(s.t[T05], "合计", "合计"), a["财拨支出"])))


def N12(s, o):
    a = s.claim(o, "N-12a", optional=True)
    if a:
        c = s.claim(o, "N-12")
        if c:
            o.check(approx(c["基本"], coalesce(cell(s.t[T05], "合计", "基本支出"), a["六基本"])))


def N13(s, o):
    a = s.claim(o, "N-12a")
    if a:
        b = s.claim(o, "人员", "基本支出决算情况")
        if b:
            c = s.claim(o, "公用", "基本支出决算情况")
            if c:
                o.check(approx(a["六基本"], add(b["人员"], c["公用"])))


def N14(s, o):
    a = s.claim(o, "三公")
    if a:
        b = s.claim(o, "出国")
        if b:
            c = s.claim(o, "车辆")
            if c:
                d = s.claim(o, "接待")
                if d:
                    o.check(approx(a["决算"], add(b["出国"], c["车辆"], d["接待"])))


def N15(s, o):
    a = s.claim(o, "运行")
    if a:
        b = s.claim(o, "运行分项", optional=True)
        if b:
            o.check(approx(a["运行"], add(b["维修"], b["保险"], b["燃油"])))


def N16(s, o):
    for c in s.claim_all(o, "N-16"):
        o.check(pct_ok(c["完成率"], c["决算"], add(c["决算"], c["减少"])))


def _change(b):
    """变动 = 增加 ?? -减少, 变动率 = 增长率 ?? -下降率"""
    return coalesce(b.get("增加"), neg(b.get("减少"))), coalesce(b.get("增长率"), neg(b.get("下降率")))


def N17(s, o):
    a = s.claim(o, "三公17")
    if a:
        b = s.claim(o, "N-17")
        if b:
            change, rate = _change(b)
            o.check(growth_ok(rate, a["决算"], sub(a["决算"], change)))


def N18(s, o):
    a = s.claim(o, "N-18a")
    if a:
        b = s.claim(o, "N-18")
        if b:
            change, rate = _change(b)
            o.check(growth_ok(rate, a["决算"], sub(a["决算"], change)))


def N19(s, o):
    a = s.claim(o, "N-19", "三公", optional=True)
    if a:
        w = s.doc.section("三公")
        o.check(None if w is None else ("原因" in s.doc.text[w[0]:w[1]]))


def N20(s, o):
    a = s.claim(o, "N-20")
    if not a:
        return
    o.check(approx(a["总额"], add(a["货物"], a["工程"], a["服务"])))
    b = s.claim(o, "中小", optional=True)
    if not b:
        return
    o.check(pct_ok(b["中小占比"], b["中小"], a["总额"]))
    c = s.claim(o, "小微", optional=True)
    if not c:
        return
    o.check(c["小微"][0] <= b["中小"][0])
    o.check(pct_ok(c["小微占比"], c["小微"], a["总额"]))


def N21(s, o):
    c = s.claim(o, "N-21")
    if c:
        o.check(c["总数"][0] == c["行政"][0] + c["事业"][0])


def N22(s, o):
    a = s.claim(o, "车辆数")
    if a:
        b = s.claim(o, "保有量")
        if b:
            o.check(a["车辆"][0] >= b["保有量"][0])


YEAR_RE = re.compile(r"(?<![0-9])[0-9]{4}(?![0-9])")


def N23(s, o):
    for c in s.claim_all(o, "N-23"):
        y = int(YEAR_RE.search(c["日期"]).group())
        o.check(None if s.year is None else y == s.year)


def N24(s, o):
    a = s.claim(o, "inc.total")
    if a:
        o.check(approx(a["合计"], cell(s.t[T01], "本年收入合计", "金额")))
        b = s.claim(o, "sp.total")
        if b:
            o.check(approx(b["合计"], cell(s.t[T01], "本年支出合计", "金额")))


def N25(s, o):
    a = s.claim(o, "人员", "基本支出决算情况")
    if a:
        o.check(approx(a["人员"], cell(s.t[T06], "人员经费合计", "决算数")))
        b = s.claim(o, "公用", "基本支出决算情况")
        if b:
            o.check(approx(b["公用"], cell(s.t[T06], "公用经费合计", "决算数")))


def N26(s, o):
    a = s.claim(o, "三公")
    if a:
        o.check(approx(a["决算"], cell(s.t[T07], "合计", "决算数")))
        o.check(approx(a["预算"], cell(s.t[T07], "合计", "预算数")))


def N27(s, o):
    t = s.t[T05]
    for c in s.claim_all(o, "N-27"):
        if t is None:
            o.check(None)
            o.check(None)
            continue
        said = "全年预算数" if c.get("全年") is not None else "年初预算数"
        rows = [k for k in t.order if norm(t.names[k] or "") == c["类名"]]
        o.check(len(rows) > 0)
        for k in rows:
            o.check(approx(c["决算"], t.rows[k]["合计"]))
            # the stated budget is compared only when it is the profile's
            # 完成率分母 (年初预算数); otherwise the assert is skipped
            o.check(approx(coalesce(c.get("全年"), c.get("年初")), t.rows[k][BUDGET]) if said == BUDGET else None)


def N28(s, o):
    t = s.t[T05]
    for c in s.claim_all(o, "N-28"):
        if t is None:
            o.check(None)
            continue
        for k in t.order:
            if norm(t.names[k] or "") == c["项名"] and level(k) == 3:
                r = t.rows[k]
                o.check(approx(c["决算"], r["合计"]))
                o.check(pct_ok(c["完成率"], r["合计"], r[BUDGET]))


def N29(s, o):
    t = s.t[T05]
    for c in s.claim_all(o, "N-29"):
        code = str(int(c["类"][0] * 10000 + c["款"][0] * 100 + c["项"][0]))
        if t is None:
            o.check(None)
            o.check(None)
            continue
        o.check(code in t.rows)
        o.check(approx(c["决算"], cell(t, code, "合计")))


def N30(s, o):
    for name in REQUIRED_SECTIONS:
        o.check(None if s.doc is None else s.doc.section(name) is not None)


def N33(s, o):
    def mentions(*words):
        if s.doc is None:
            return None
        return any(norm(w) in s.doc.text for w in words)
    fe, ge = is_empty(s.t[T08]), is_empty(s.t[T09])
    o.check(or_(None if fe is None else not fe, mentions("没有政府性基金", "无政府性基金", "政府性基金预算财政拨款收入支出决算表为空")))
    o.check(or_(None if ge is None else not ge, mentions("没有使用国有资本经营", "没有国有资本经营", "无国有资本经营", "国有资本经营预算财政拨款支出决算表为空")))


def N34(s, o):
    c = s.claim(o, "N-34")
    if c:
        last = sub(c["本年"], coalesce(c.get("增加"), neg(c.get("减少"))))
        o.check(approx(last, cell(s.prior and s.prior[T01], "收入总计", "金额")))


def N35(s, o):
    c = s.claim(o, "N-35")
    if c:
        last = sub(c["本年"], coalesce(c.get("增加"), neg(c.get("减少"))))
        o.check(approx(last, cell(s.prior and s.prior[T05], "合计", "合计")))


def N36(s, o):
    a = s.claim(o, "三公")
    if a:
        b = s.claim(o, "N-36")
        if b:
            change = coalesce(b.get("变动"), neg(b.get("减少")))
            o.check(approx(sub(a["决算"], change), cell(s.prior and s.prior[T07], "合计", "决算数")))


RULES = [("X-01", X01), ("X-02", X02), ("X-03", X03), ("X-04", X04), ("X-05", X05), ("X-06", X06), ("X-10", X10),
         ("I-01", I01), ("I-02", I02), ("I-03", I03), ("I-04", I04), ("I-05", I05), ("I-06", I06), ("I-07", I07),
         ("I-08", I08), ("I-09", I09), ("I-10", I10), ("I-11", I11), ("I-12", I12), ("T-01", T_01),
         ("N-01", N01), ("N-02", N02), ("N-03", N03), ("N-04", N04), ("N-05", N05), ("N-06", N06), ("N-07", N07),
         ("N-08", N08), ("N-09", N09), ("N-10", N10), ("N-11", N11), ("N-12", N12), ("N-13", N13), ("N-14", N14),
         ("N-15", N15), ("N-16", N16), ("N-17", N17), ("N-18", N18), ("N-19", N19), ("N-20", N20), ("N-21", N21),
         ("N-22", N22), ("N-23", N23), ("N-24", N24), ("N-25", N25), ("N-26", N26), ("N-27", N27), ("N-28", N28),
         ("N-29", N29), ("N-30", N30), ("N-33", N33), ("N-34", N34), ("N-35", N35), ("N-36", N36)]


def check(path):
    """The outcome of every rule for one submission: [(id, outcome)]."""
    s = Sub(path)
    out = []
    for rid, fn in RULES:
        o = Outcome()
        r = fn(s, o)
        if r is not None:  # a generator (claim all) not consumed: cannot happen
            raise AssertionError(rid)
        out.append((rid, o.result()))
    return out


def main():
    args = sys.argv[1:]
    paths = []
    while args:
        a = args.pop(0)
        if a == "--from-list":
            with open(args.pop(0), encoding="utf-8") as fh:
                paths.extend(line.strip() for line in fh if line.strip())
        else:
            paths.append(a)
    w = sys.stdout.write
    bad = 0
    for p in paths:
        unit = os.path.basename(os.path.normpath(p))
        try:
            res = check(p)
        except (OSError, ValueError, decimal.InvalidOperation) as e:
            print("%s: cannot read: %s" % (p, e), file=sys.stderr)
            bad += 1
            continue
        for rid, outcome in res:
            if outcome == "fail":
                w("%s\t%s\n" % (unit, rid))
    return 2 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
