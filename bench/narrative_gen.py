#!/usr/bin/env python3
"""bench/narrative_gen.py -- a 30 KB narrative and a 200-claim rule file for
timing the claim matcher (issue: "a 30 KB narrative with 200 claims is
checked in well under 10 ms").

The narrative repeats the sentence shapes of the seed document (shares,
growth, completion rates, procurement, dates) with varied figures, in PDF
style (line breaks inside sentences and numbers, full-width punctuation).
The rules hold 200 claims: 4 `claim all` over the repeated sentence shapes
(every sentence of the shape is checked) and 196 single claims, 50 of them
not found (the whole text searched).  Deterministic
(seeded).  Usage: narrative_gen.py OUTDIR"""
import os
import random
import sys

out = sys.argv[1]
rng = random.Random(2021)
sub = os.path.join(out, "sub")
os.makedirs(sub, exist_ok=True)

shapes = [
    "{i}.第{i}项支出（类）。年初预算为 {b:.2f} 万元，支出决算为 {a:.2f} 万元，完成年初预算的 {r:.1f}%，主要原因是项目调整。",
    "2021 年度第{i}组收、支总计 {a:.2f} 万元。与 2020 年度相比，收、支总计各增加 {d:.2f} 万元，增长 {g:.1f}%，主要原因是业务增加。",
    "第{i}项收入 {a:.2f} 万元，占本年收入 {p:.1f}%；",
    "项目全年预算数为 {b:.2f} 万元，执行数为 {a:.2f} 万元，完成预算的 {r:.1f}%。主要产出和效益是：运行稳定。",
    "截至 2021 年 12 月 31 日，第{i}组共有车辆 {n} 辆。",
]
text = ["第三部分 情况说明\n", "一、收入支出决算总体情况说明\n"]
size = 0
i = 0
kinds = [None]  # kinds[i] = the shape of sentence i
while size < 30 * 1024:
    i += 1
    b = rng.uniform(10, 2000)
    a = b * rng.uniform(0.5, 1.0)
    d = a * rng.uniform(0.05, 0.3)
    shape = rng.randrange(len(shapes))
    kinds.append(shape)
    s = shapes[shape].format(i=i, a=a, b=b, r=a / b * 100, d=d,
                                  g=d / (a - d) * 100, p=rng.uniform(1, 50),
                                  n=rng.randint(1, 9))
    # PDF-style line breaks every ~25 characters, sometimes inside numbers.
    wrapped = "\n".join(s[k:k + 25] for k in range(0, len(s), 25)) + "\n\n"
    text.append(wrapped)
    size += len(wrapped.encode("utf-8"))
with open(os.path.join(sub, "说明.txt"), "w", encoding="utf-8") as f:
    f.write("".join(text))
with open(os.path.join(sub, "unit.csv"), "w", encoding="utf-8") as f:
    f.write("name,code,year\n基准单位,,2021\n")

rules = []
# 4 `claim all` rules, one per repeated sentence shape (each checks every
# sentence of its shape), and 196 single claims: 146 that are found (a
# sentence picked by its number) and 50 that are not (the worst case: the
# whole text is searched).  200 claims in all.
all_shapes = [
    ('预算为{预算}万元,支出决算为{决算}万元,完成年初预算的{率}%', 'assert 率 ≈ pct(决算, 预算)'),
    ('{本年}万元。与*相比,*增加{增加}万元,增长{率}%', 'assert 率 ≈ growth(本年, 本年 - 增加)'),
    ('预算数为{预算}万元,执行数为{决算}万元,完成预算的{率}%', 'assert 率 ≈ pct(决算, 预算)'),
    ('截至{d:date},*共有车辆{n:int}辆', 'assert year(d) == report_year()'),
]
for k, (pat, body) in enumerate(all_shapes):
    rules.append('rule A%03d "claim all %d" {\n    claim all 说明 "%s"\n    %s\n}\n'
                 % (k, k, pat, body))
# How each shape names its sentence, for a claim that finds exactly it.
finders = [
    "%d.第%d项支出(类)。年初预算为{x}万元",
    "年度第%d组收、支总计{x}万元",
    "第%d项收入{x}万元",
    None,
    "第%d组共有车辆{x:int}辆",
]
for k in range(196):
    found = k < 146
    j = rng.randint(1, i)
    while found and finders[kinds[j]] is None:
        j = rng.randint(1, i)
    if found:
        f = finders[kinds[j]]
        pat = f % ((j, j) if f.count("%d") == 2 else (j,))
    else:
        pat = "第%d项不存在的句子{x}万元" % j
    rules.append('rule B%03d "claim %d" warning {\n    claim? 说明 "%s"\n    assert x > 0\n}\n'
                 % (k, k, pat))
with open(os.path.join(out, "rules.fisc"), "w", encoding="utf-8") as f:
    f.write("".join(rules))
print("narrative: %d bytes, %d sentences; rules: 200 claims" % (size, i))
