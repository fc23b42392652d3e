#!/usr/bin/env python3
"""bench/gen.py -- a seeded generator of synthetic 部门决算 submissions for
benchmarking `fisc check rules/2021` (and the Python / sqlite3 baselines).

    bench/gen.py --units N [--errors P] [--seed S] [--jobs J] OUTDIR

writes OUTDIR/u00001/ ... OUTDIR/uNNNNN/, each a submission folder valid for
rules/2021:

  * the nine public tables (one CSV each) with full 类/款/项 trees, every
    identity of identities.fisc and crosscheck.fisc holding: amounts are drawn
    as exact 分 (0.01 元) and each published figure is that amount rounded
    四舍五入 to 2 decimals of 万元 (a few tables of some units are published
    in 元, exactly), so sums hold within rounding, never exactly by luck;
    公开08/09表 are header-only when the unit has no such funds;
  * unit.csv, and a ~30 KB 说明.txt in the seed's PDF style (line breaks
    inside sentences and numbers, blank lines, spaces around figures) that
    uses every sentence shape narrative.fisc reads, its figures consistent
    with the tables, padded with filler paragraphs;
  * prior/: last year's submission of the same unit (year - 1, its closing
    balances are this year's opening balances, and the "比上年" sentences of
    this year's narrative are computed from its figures).

With --errors P, a share P of the units gets one injected defect (and one in
five of those a second, touching other figures), each from one defect family
that maps to exactly one rule of the suite (a table identity broken, a
cross-table mismatch, a wrong share in prose, growth written as ratio, a
wrong date year, a missing section, a missing table, ...).  The ground truth
is OUTDIR/truth.tsv (unit, rule ID expected to fail, description); clean
units must produce no failure at all.  OUTDIR/list.txt lists the submission
folders, one per line.

Python 3 standard library only.  Deterministic: unit i depends only on
(seed, i), so --jobs does not change the output."""

import argparse
import csv
import io
import os
import random
import sys
from decimal import ROUND_HALF_UP, Decimal as D
from fractions import Fraction as F

YEAR = 2021

# ---------------------------------------------------------------------------
# Classification codes (2021 政府收支分类科目, a realistic subset).
# kind: b = basic expenditure, p = project, x = both.
# ---------------------------------------------------------------------------

GEN = {
    "201": ("一般公共服务支出", {
        "20101": ("人大事务", [("2010101", "行政运行", "b"), ("2010102", "一般行政管理事务", "p"), ("2010104", "人大会议", "p"), ("2010108", "代表工作", "p")]),
        "20103": ("政府办公厅（室）及相关机构事务", [("2010301", "行政运行", "b"), ("2010302", "一般行政管理事务", "p"), ("2010350", "事业运行", "b"), ("2010399", "其他政府办公厅（室）及相关机构事务支出", "p")]),
        "20106": ("财政事务", [("2010601", "行政运行", "b"), ("2010602", "一般行政管理事务", "p"), ("2010607", "信息化建设", "p"), ("2010650", "事业运行", "b")]),
        "20111": ("纪检监察事务", [("2011101", "行政运行", "b"), ("2011102", "一般行政管理事务", "p"), ("2011104", "大案要案查处", "p")]),
        "20126": ("档案事务", [("2012601", "行政运行", "b"), ("2012604", "档案馆", "x")]),
        "20131": ("党委办公厅（室）及相关机构事务", [("2013101", "行政运行", "b"), ("2013102", "一般行政管理事务", "p"), ("2013150", "事业运行", "b")]),
        "20199": ("其他一般公共服务支出", [("2019999", "其他一般公共服务支出", "p")]),
    }),
    "204": ("公共安全支出", {
        "20402": ("公安", [("2040201", "行政运行", "b"), ("2040220", "执法办案", "p"), ("2040299", "其他公安支出", "p")]),
        "20406": ("司法", [("2040601", "行政运行", "b"), ("2040604", "基层司法业务", "p"), ("2040610", "社区矫正", "p")]),
    }),
    "205": ("教育支出", {
        "20501": ("教育管理事务", [("2050101", "行政运行", "b"), ("2050102", "一般行政管理事务", "p")]),
        "20502": ("普通教育", [("2050201", "学前教育", "p"), ("2050202", "小学教育", "x"), ("2050203", "初中教育", "x"), ("2050204", "高中教育", "x")]),
        "20508": ("进修及培训", [("2050801", "教师进修", "p"), ("2050803", "培训支出", "p")]),
    }),
    "206": ("科学技术支出", {
        "20601": ("科学技术管理事务", [("2060101", "行政运行", "b"), ("2060102", "一般行政管理事务", "p")]),
        "20607": ("科学技术普及", [("2060701", "机构运行", "b"), ("2060702", "科普活动", "p")]),
    }),
    "207": ("文化旅游体育与传媒支出", {
        "20701": ("文化和旅游", [("2070101", "行政运行", "b"), ("2070104", "图书馆", "x"), ("2070109", "群众文化", "p"), ("2070199", "其他文化和旅游支出", "p")]),
        "20702": ("文物", [("2070204", "文物保护", "p")]),
        "20703": ("体育", [("2070308", "群众体育", "p")]),
    }),
    "208": ("社会保障和就业支出", {
        "20801": ("人力资源和社会保障管理事务", [("2080101", "行政运行", "b"), ("2080109", "社会保险经办机构", "b"), ("2080199", "其他人力资源和社会保障管理事务支出", "p")]),
        "20802": ("民政管理事务", [("2080201", "行政运行", "b"), ("2080208", "基层政权建设和社区治理", "p")]),
        "20805": ("行政事业单位养老支出", [("2080501", "行政单位离退休", "b"), ("2080502", "事业单位离退休", "b"), ("2080505", "机关事业单位基本养老保险缴费支出", "b"), ("2080506", "机关事业单位职业年金缴费支出", "b")]),
        "20808": ("抚恤", [("2080801", "死亡抚恤", "b")]),
        "20899": ("其他社会保障和就业支出", [("2089999", "其他社会保障和就业支出", "p")]),
    }),
    "210": ("卫生健康支出", {
        "21001": ("卫生健康管理事务", [("2100101", "行政运行", "b"), ("2100199", "其他卫生健康管理事务支出", "p")]),
        "21004": ("公共卫生", [("2100401", "疾病预防控制机构", "x"), ("2100408", "基本公共卫生服务", "p"), ("2100409", "重大公共卫生服务", "p")]),
        "21011": ("行政事业单位医疗", [("2101101", "行政单位医疗", "b"), ("2101102", "事业单位医疗", "b"), ("2101103", "公务员医疗补助", "b"), ("2101199", "其他行政事业单位医疗支出", "b")]),
        "21099": ("其他卫生健康支出", [("2109999", "其他卫生健康支出", "p")]),
    }),
    "211": ("节能环保支出", {
        "21101": ("环境保护管理事务", [("2110101", "行政运行", "b"), ("2110199", "其他环境保护管理事务支出", "p")]),
        "21103": ("污染防治", [("2110301", "大气", "p"), ("2110302", "水体", "p")]),
    }),
    "212": ("城乡社区支出", {
        "21201": ("城乡社区管理事务", [("2120101", "行政运行", "b"), ("2120102", "一般行政管理事务", "p"), ("2120104", "城管执法", "p"), ("2120199", "其他城乡社区管理事务支出", "p")]),
        "21205": ("城乡社区环境卫生", [("2120501", "城乡社区环境卫生", "x")]),
    }),
    "213": ("农林水支出", {
        "21301": ("农业农村", [("2130101", "行政运行", "b"), ("2130104", "事业运行", "b"), ("2130108", "病虫害控制", "p"), ("2130199", "其他农业农村支出", "p")]),
        "21303": ("水利", [("2130301", "行政运行", "b"), ("2130306", "水利工程运行与维护", "p"), ("2130311", "水资源节约管理与保护", "p")]),
    }),
    "214": ("交通运输支出", {
        "21401": ("公路水路运输", [("2140101", "行政运行", "b"), ("2140106", "公路养护", "p"), ("2140199", "其他公路水路运输支出", "p")]),
    }),
    "221": ("住房保障支出", {
        "22102": ("住房改革支出", [("2210201", "住房公积金", "b"), ("2210202", "提租补贴", "b"), ("2210203", "购房补贴", "b")]),
    }),
    "224": ("灾害防治及应急管理支出", {
        "22401": ("应急管理事务", [("2240101", "行政运行", "b"), ("2240106", "安全监管", "p"), ("2240199", "其他应急管理支出", "p")]),
    }),
}

# 政府性基金预算 (公开08表) and 国有资本经营预算 (公开09表) codes.
FUND = {
    "212": ("城乡社区支出", {"21208": ("国有土地使用权出让收入安排的支出", [("2120803", "城市建设支出", "p"), ("2120899", "其他国有土地使用权出让收入安排的支出", "p")])}),
    "229": ("其他支出", {"22960": ("彩票公益金安排的支出", [("2296002", "用于社会福利的彩票公益金支出", "p"), ("2296003", "用于体育事业的彩票公益金支出", "p")])}),
    "208": ("社会保障和就业支出", {"20822": ("大中型水库移民后期扶持基金支出", [("2082201", "移民补助", "p")])}),
}
SOE = {
    "223": ("国有资本经营预算支出", {
        "22301": ("解决历史遗留问题及改革成本支出", [("2230105", "国有企业退休人员社会化管理补助支出", "p")]),
        "22302": ("国有企业资本金注入", [("2230201", "国有经济结构调整支出", "p")]),
    }),
}

# Names a 类 had before 2019 (D-08): an old name in the prose is a finding.
OLD_NAMES = {"卫生健康支出": "医疗卫生与计划生育支出", "文化旅游体育与传媒支出": "文化体育与传媒支出"}

# (organisation, main 类, its preferred 款, 行政 or 事业)
ORGS = [
    ("大数据中心", "201", "20103", "sy"), ("财政局", "201", "20106", "xz"),
    ("档案馆", "201", "20126", "sy"), ("纪律检查委员会", "201", "20111", "xz"),
    ("人大常委会办公室", "201", "20101", "xz"), ("机关事务服务中心", "201", "20103", "sy"),
    ("司法局", "204", "20406", "xz"), ("教育局", "205", "20501", "xz"),
    ("教师进修学校", "205", "20508", "sy"), ("科学技术局", "206", "20601", "xz"),
    ("科学技术协会", "206", "20607", "sy"), ("文化和旅游局", "207", "20701", "xz"),
    ("人力资源和社会保障局", "208", "20801", "xz"), ("民政局", "208", "20802", "xz"),
    ("卫生健康局", "210", "21001", "xz"), ("疾病预防控制中心", "210", "21004", "sy"),
    ("生态环境分局", "211", "21101", "xz"), ("城市管理执法局", "212", "21201", "xz"),
    ("环境卫生服务中心", "212", "21205", "sy"), ("农业农村局", "213", "21301", "xz"),
    ("水务和湖泊局", "213", "21303", "xz"), ("交通运输局", "214", "21401", "xz"),
    ("应急管理局", "224", "22401", "xz"),
]
CITIES = [("武汉市", ["东西湖区", "江岸区", "江汉区", "硚口区", "汉阳区", "武昌区", "洪山区", "青山区", "蔡甸区", "江夏区", "黄陂区", "新洲区", "汉南区"]),
          ("宜昌市", ["西陵区", "伍家岗区", "点军区", "猇亭区", "夷陵区"]),
          ("襄阳市", ["襄城区", "樊城区", "襄州区"]),
          ("荆州市", ["沙市区", "荆州区"]),
          ("黄石市", ["黄石港区", "西塞山区", "下陆区", "铁山区"]),
          ("十堰市", ["茅箭区", "张湾区", "郧阳区"])]

# Economic classification (公开06表).
ECON_301 = [("30101", "基本工资"), ("30102", "津贴补贴"), ("30103", "奖金"), ("30107", "绩效工资"),
            ("30108", "机关事业单位基本养老保险缴费"), ("30109", "职业年金缴费"), ("30110", "职工基本医疗保险缴费"),
            ("30111", "公务员医疗补助缴费"), ("30112", "其他社会保障缴费"), ("30113", "住房公积金"),
            ("30114", "医疗费"), ("30199", "其他工资福利支出")]
ECON_302 = [("30201", "办公费"), ("30202", "印刷费"), ("30205", "水费"), ("30206", "电费"), ("30207", "邮电费"),
            ("30209", "物业管理费"), ("30211", "差旅费"), ("30213", "维修（护）费"), ("30215", "会议费"),
            ("30216", "培训费"), ("30217", "公务接待费"), ("30226", "劳务费"), ("30227", "委托业务费"),
            ("30228", "工会经费"), ("30229", "福利费"), ("30231", "公务用车运行维护费"), ("30299", "其他商品和服务支出")]
ECON_303 = [("30302", "退休费"), ("30305", "生活补助"), ("30309", "奖励金")]
ECON_310 = [("31002", "办公设备购置"), ("31007", "信息网络及软件购置更新")]

# The columns of each table, in order; the first is the key.
COLS = {
    "收入支出决算总表": ["项目", "金额"],
    "收入决算表": ["科目编码", "科目名称", "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"],
    "支出决算表": ["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"],
    "财政拨款收入支出决算总表": ["项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"],
    "一般公共预算财政拨款支出决算表": ["科目编码", "科目名称", "年初预算数", "合计", "基本支出", "项目支出"],
    "一般公共预算财政拨款基本支出决算表": ["科目编码", "科目名称", "决算数"],
    "一般公共预算财政拨款三公经费支出决算表": ["项目", "预算数", "决算数"],
    "政府性基金预算财政拨款收入支出决算表": ["科目编码", "科目名称", "年初结转和结余", "本年收入", "本年支出合计", "基本支出", "项目支出", "年末结转和结余"],
    "国有资本经营预算财政拨款支出决算表": ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
}
TABLE_NO = {name: "公开%02d表" % (i + 1) for i, name in enumerate(COLS)}
INCOME_SOURCES = ["上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
SG_ROWS = ["合计", "因公出国（境）费", "公务用车购置及运行费", "公务用车购置费", "公务用车运行费", "公务接待费"]

# ---------------------------------------------------------------------------
# Exact money: amounts are ints in 分 (0.01 元); a published figure is a
# Decimal that remembers its written decimals.
# ---------------------------------------------------------------------------

C2 = D("0.01")


def wan(fen):
    """分 -> 万元 rounded 四舍五入 to 2 decimals."""
    return D(fen).scaleb(-6).quantize(C2, ROUND_HALF_UP)


def yuan(fen):
    """分 -> 元 with 2 decimals (exact)."""
    return D(fen).scaleb(-2)


def rnd(frac, k):
    """Fraction -> Decimal rounded half away from zero to k decimals."""
    neg = frac < 0
    x = abs(frac) * 10 ** k
    q = int(x)
    if x - q >= F(1, 2):
        q += 1
    d = D(q).scaleb(-k)
    return -d if neg else d


def interval(d):
    """The rounding interval of a written figure (a bare 0 is exact)."""
    v = F(d)
    e = d.as_tuple().exponent
    if e == 0 and v == 0:
        return v, v
    h = F(1, 2) * F(10) ** e
    return v - h, v + h


def iv_add(a, b):
    return a[0] + b[0], a[1] + b[1]


def iv_sub(a, b):
    return a[0] - b[1], a[1] - b[0]


def iv_div(a, b):
    if b[0] <= 0 <= b[1]:
        return None  # unbounded: meets everything
    q = [a[0] / b[0], a[0] / b[1], a[1] / b[0], a[1] / b[1]]
    return min(q), max(q)


def iv_meet(a, b):
    if a is None or b is None:
        return True
    return a[0] <= b[1] and b[0] <= a[1]


def iv_pct(part, whole):
    r = iv_div(part, whole)
    return None if r is None else (r[0] * 100, r[1] * 100)


def partition(rng, total, n, spread=0.8):
    """Splits the int [total] into n non-negative ints summing to it."""
    if n <= 0:
        return []
    w = [rng.uniform(1 - spread, 1 + spread) for _ in range(n)]
    s = sum(w)
    parts = [int(total * x / s) for x in w]
    parts[-1] += total - sum(parts)
    return parts


def amt(rng, lo, hi):
    """A random amount in 分 between lo and hi 万元."""
    return int(rng.uniform(lo, hi) * 1_000_000)


# ---------------------------------------------------------------------------
# The unit: structure (shared by both years) and each year's amounts.
# ---------------------------------------------------------------------------


class Structure:
    pass


def make_structure(rng, idx):
    st = Structure()
    org, main, pref, kind = rng.choice(ORGS)
    city, dists = rng.choice(CITIES)
    st.name = city + rng.choice(dists) + org
    st.code = "%03d%03d" % (rng.randint(100, 999), idx % 1000)
    st.kind = kind
    st.S = amt(rng, 80, 1500)  # the salary base, 分
    # Functional tree (一般公共预算): the main 类, the personnel 类, extras.
    tree = {}  # 类 -> {款 -> [项...]}

    def add(lei, kuan, items):
        tree.setdefault(lei, {}).setdefault(kuan, [])
        for it in items:
            if it not in tree[lei][kuan]:
                tree[lei][kuan].append(it)

    kuans = GEN[main][1]
    items = kuans[pref][1]
    base = [it for it in items if it[2] == "b"]
    proj = [it for it in items if it[2] != "b"]
    chosen = ([rng.choice(base)] if base else []) + rng.sample(proj, min(len(proj), rng.randint(1, 3)))
    add(main, pref, chosen)
    others = [k for k in kuans if k != pref]
    if others and rng.random() < 0.6:
        k = rng.choice(others)
        its = kuans[k][1]
        add(main, k, rng.sample(its, min(len(its), rng.randint(1, 2))))
    # Personnel: 养老 (always two 项 in 20805), 医疗, 住房.
    yl = GEN["208"][1]["20805"][1]
    add("208", "20805", [yl[2]] + ([yl[3]] if rng.random() < 0.7 else [yl[0] if kind == "xz" else yl[1]]))
    if rng.random() < 0.2:
        add("208", "20808", [GEN["208"][1]["20808"][1][0]])
    yb = GEN["210"][1]["21011"][1]
    add("210", "21011", [yb[0] if kind == "xz" else yb[1]] + ([yb[2]] if rng.random() < 0.6 else []) + ([yb[3]] if rng.random() < 0.3 else []))
    zf = GEN["221"][1]["22102"][1]
    add("221", "22102", [zf[0]] + ([zf[1]] if rng.random() < 0.6 else []) + ([zf[2]] if rng.random() < 0.2 else []))
    extra = [c for c in GEN if c not in tree and c not in ("208", "210", "221")]
    for lei in rng.sample(extra, rng.choice([0, 0, 1, 1, 2])):
        k = rng.choice(list(GEN[lei][1]))
        its = [it for it in GEN[lei][1][k][1] if it[2] != "b"] or GEN[lei][1][k][1]
        add(lei, k, rng.sample(its, min(len(its), rng.randint(1, 2))))
    st.gen_tree = tree
    st.fund_tree = {}
    if rng.random() < 0.3:
        for lei in rng.sample(list(FUND), rng.randint(1, 2)):
            for k, (kn, its) in FUND[lei][1].items():
                st.fund_tree.setdefault(lei, {})[k] = rng.sample(its, rng.randint(1, len(its)))
    st.soe_tree = {}
    if rng.random() < 0.1:
        k = rng.choice(list(SOE["223"][1]))
        st.soe_tree = {"223": {k: list(SOE["223"][1][k][1])}}
    st.has_other = rng.random() < 0.7  # income other than 财政拨款
    # names of every code
    st.names = {}
    for cat, tr in ((GEN, st.gen_tree), (FUND, st.fund_tree), (SOE, st.soe_tree)):
        for lei, ks in tr.items():
            st.names[lei] = cat[lei][0]
            for k, its in ks.items():
                st.names[k] = cat[lei][1][k][0]
                for code, nm, _ in its:
                    st.names[code] = nm
    st.kinds = {}
    for tr in (st.gen_tree, st.fund_tree, st.soe_tree):
        for lei, ks in tr.items():
            for k, its in ks.items():
                for code, nm, kd in its:
                    st.kinds[code] = kd
    st.e301 = sorted(rng.sample(ECON_301, rng.randint(5, 10)))
    st.e302 = sorted(rng.sample(ECON_302, rng.randint(6, 12)))
    st.e303 = sorted(rng.sample(ECON_303, rng.randint(1, 2))) if rng.random() < 0.4 else []
    st.e310 = sorted(rng.sample(ECON_310, 1)) if rng.random() < 0.3 else []
    st.has_e_total = rng.random() < 0.9
    # People and vehicles.
    n = max(3, int(st.S / 1_000_000 / rng.uniform(12, 20)))
    st.staff_xz = n if kind == "xz" else 0
    st.staff_sy = 0 if kind == "xz" else n
    if kind == "xz" and rng.random() < 0.4:
        st.staff_sy = rng.randint(1, max(1, n // 4))
    st.staff_cg = 0 if kind == "xz" else (rng.randint(0, n // 3) if rng.random() < 0.3 else 0)
    st.retired = rng.randint(0, n // 2)
    st.cars = rng.randint(1, 5)
    st.vehicles = st.cars + rng.choice([0, 0, 0, 1, 2])
    st.dev_general = rng.randint(0, 3)
    st.dev_special = rng.randint(0, 2)
    st.projects = rng.sample(PERF_PROJECTS, rng.randint(3, 5))
    st.style = make_style(rng)
    return st


def leaves(tree):
    for lei in sorted(tree):
        for k in sorted(tree[lei]):
            for code, nm, kd in sorted(tree[lei][k]):
                yield code


class Model:
    pass


def make_model(rng, st, year, prev):
    """One year's amounts (ints in 分).  [prev] is last year's model: its
    closing balances open this year."""
    m = Model()
    m.year = year
    yf = 1.0 if prev is None else rng.uniform(0.85, 1.3)
    S = int(st.S * yf)
    m.gen = {}
    for code in leaves(st.gen_tree):
        kd = st.kinds[code]
        lei = code[:3]
        if lei in ("208", "210", "221"):
            share = {"2080505": 0.12, "2080506": 0.05, "2080501": 0.06, "2080502": 0.06, "2080801": 0.03,
                     "2101101": 0.05, "2101102": 0.05, "2101103": 0.02, "2101199": 0.01,
                     "2210201": 0.08, "2210202": 0.03, "2210203": 0.02}.get(code, 0.03)
            b = int(S * share * rng.uniform(0.85, 1.15))
            m.gen[code] = (b, 0)
        elif kd == "b":
            m.gen[code] = (int(S * rng.uniform(0.7, 1.1)), 0)
        elif kd == "p":
            m.gen[code] = (0, int(S * rng.uniform(0.02, 1.2)))
        else:
            t = int(S * rng.uniform(0.2, 1.0))
            b = int(t * rng.uniform(0.3, 0.8))
            m.gen[code] = (b, t - b)
    m.budget = {}
    for code, (b, p) in m.gen.items():
        t = b + p
        if st.kinds[code] != "b" and rng.random() < 0.08:
            m.budget[code] = 0  # added during the year: no 年初预算
        else:
            m.budget[code] = int(t * rng.uniform(0.85, 1.25))
    # 一般公共预算 income by code; balances.
    m.gen_open = prev.gen_close if prev else amt(rng, 0, 30) if rng.random() < 0.6 else 0
    m.gen_inc = {}
    for code, (b, p) in m.gen.items():
        d = int(p * rng.uniform(-0.08, 0.12)) if p else 0
        m.gen_inc[code] = b + p + d
    close = m.gen_open + sum(m.gen_inc.values()) - sum(b + p for b, p in m.gen.values())
    if close < 0:
        c = max(m.gen, key=lambda c: m.gen[c][1])
        m.gen_inc[c] += -close + amt(rng, 0, 5)
        close = m.gen_open + sum(m.gen_inc.values()) - sum(b + p for b, p in m.gen.values())
    m.gen_close = close
    # 政府性基金: per code open / income / spend / close.
    m.fund = {}
    for code in leaves(st.fund_tree):
        op = prev.fund[code][3] if prev else (amt(rng, 0, 50) if rng.random() < 0.5 else 0)
        p = int(S * rng.uniform(0.1, 0.8))
        b = 0
        inc = int((b + p) * rng.uniform(0.9, 1.2))
        cl = op + inc - b - p
        if cl < 0:
            inc += -cl
            cl = 0
        m.fund[code] = (op, inc, b, p, cl)
        m.fund[code] = (op, inc, (b, p), cl)
    # fund tuple: (open, income, (basic, project), close)
    m.fund = {c: (v[0], v[1], v[2], v[3]) for c, v in m.fund.items()}
    m.soe = {}
    for code in leaves(st.soe_tree):
        p = int(S * rng.uniform(0.05, 0.3))
        m.soe[code] = (0, p)
    m.soe_open = prev.soe_close if prev else 0
    m.soe_inc = {c: b + p for c, (b, p) in m.soe.items()}
    m.soe_close = m.soe_open
    # Non-财政拨款 funds.
    m.oth = {}
    m.src = {s: 0 for s in INCOME_SOURCES}
    m.src_by_code = {}
    m.use_bal = 0
    m.dist = 0
    m.oth_open = prev.oth_close if prev else (amt(rng, 0, 20) if st.has_other and rng.random() < 0.5 else 0)
    if st.has_other:
        codes = list(m.gen)
        for code in rng.sample(codes, min(len(codes), rng.randint(1, 3))):
            b, p = m.gen[code]
            if p:
                m.oth[code] = (0, int(p * rng.uniform(0.01, 0.2)) + amt(rng, 0, 1))
            else:
                m.oth[code] = (int(b * rng.uniform(0.005, 0.05)) + amt(rng, 0, 0.5), 0)
        spend = sum(b + p for b, p in m.oth.values())
        if st.kind == "sy" and rng.random() < 0.3:
            m.use_bal = min(m.oth_open, int(spend * rng.uniform(0, 0.2)))
        if st.kind == "sy" and rng.random() < 0.2:
            m.dist = amt(rng, 0, 2)
        inc = int(spend * rng.uniform(0.9, 1.15)) + amt(rng, 0, 0.5)
        close = m.oth_open + inc + m.use_bal - spend - m.dist
        if close < 0:
            inc += -close
        # split the income among the sources
        srcs = ["其他收入"]
        if st.kind == "sy":
            srcs.append("事业收入")
        if rng.random() < 0.3:
            srcs.append("上级补助收入")
        if rng.random() < 0.08:
            srcs.append("经营收入")
        if rng.random() < 0.05:
            srcs.append("附属单位上缴收入")
        parts = partition(rng, inc, len(srcs))
        for s, v in zip(srcs, parts):
            m.src[s] = v
        # by code: each source over the codes of the other-funds spending
        oc = sorted(m.oth)
        wts = [sum(m.oth[c]) + 1 for c in oc]
        for s in INCOME_SOURCES:
            tot = m.src[s]
            w = sum(wts)
            got = [tot * x // w for x in wts]
            got[-1] += tot - sum(got)
            for c, g in zip(oc, got):
                m.src_by_code.setdefault(c, {})[s] = g
    m.oth_close = m.oth_open + sum(m.src.values()) + m.use_bal - sum(b + p for b, p in m.oth.values()) - m.dist
    # 公开06表: the economic split of 一般公共预算 basic expenditure.
    B = sum(b for b, p in m.gen.values())
    P = int(B * rng.uniform(0.65, 0.92))
    G = B - P
    e303 = int(P * rng.uniform(0.01, 0.08)) if st.e303 else 0
    e301 = P - e303
    e310 = int(G * rng.uniform(0.02, 0.2)) if st.e310 else 0
    e302 = G - e310
    m.econ = {"301": e301, "302": e302}
    for (c, n), v in zip(st.e301, partition(rng, e301, len(st.e301))):
        m.econ[c] = v
    for (c, n), v in zip(st.e302, partition(rng, e302, len(st.e302))):
        m.econ[c] = v
    if st.e303:
        m.econ["303"] = e303
        for (c, n), v in zip(st.e303, partition(rng, e303, len(st.e303))):
            m.econ[c] = v
    if st.e310:
        m.econ["310"] = e310
        for (c, n), v in zip(st.e310, partition(rng, e310, len(st.e310))):
            m.econ[c] = v
    m.personnel, m.public = P, G
    # "三公": 运行 = 维修 + 保险 + 燃油 exactly; budgets above the actuals.
    grow = 1.0 if prev is None else rng.uniform(1.08, 1.6)
    if prev is None:
        m.repair, m.insure, m.fuel = amt(rng, 0.1, 2.5), amt(rng, 0.2, 1.2) * st.cars // 2 + amt(rng, 0, 0.3), amt(rng, 0.3, 2.5)
        m.abroad = 0 if rng.random() < 0.85 else amt(rng, 1, 6)
        m.recep = 0 if rng.random() < 0.4 else amt(rng, 0.05, 2)
        m.buy = 0
    else:
        grow = rng.uniform(0.6, 1.6)
        m.repair, m.insure, m.fuel = (int(prev.repair * grow), int(prev.insure * rng.uniform(0.9, 1.2)), int(prev.fuel * grow))
        m.abroad = prev.abroad
        m.recep = int(prev.recep * rng.uniform(0.9, 1.3))
        m.buy = 0 if rng.random() < 0.85 else amt(rng, 12, 30)
    m.run = m.repair + m.insure + m.fuel
    m.abroad_b = m.abroad if m.abroad == 0 else int(m.abroad * rng.uniform(1.0, 1.5))
    m.run_b = int(m.run * rng.uniform(1.1, 2.2)) + amt(rng, 0.1, 0.5)
    m.buy_b = int(m.buy * rng.uniform(1.0, 1.1))
    m.recep_b = int(m.recep * rng.uniform(1.0, 1.6)) if m.recep else (amt(rng, 0.1, 1) if rng.random() < 0.5 else 0)
    # 机关运行经费, 政府采购, 绩效 projects (narrative-only figures).
    if st.kind == "xz" or st.staff_cg:
        m.jg = int(G * rng.uniform(0.3, 0.8))
    else:
        m.jg = 0
    projs = [p for b, p in m.gen.values() if p]
    ptot = sum(projs) or S // 5
    m.cg_goods = int(ptot * rng.uniform(0.02, 0.25)) + amt(rng, 0.1, 3)
    m.cg_works = 0 if rng.random() < 0.6 else int(ptot * rng.uniform(0.02, 0.3))
    m.cg_serv = int(ptot * rng.uniform(0.05, 0.5)) + amt(rng, 0.1, 3)
    m.cg_total = m.cg_goods + m.cg_works + m.cg_serv
    m.cg_sme = int(m.cg_total * rng.uniform(0.4, 1.0))
    m.cg_micro = int(m.cg_sme * rng.uniform(0.2, 0.9))
    m.perf = []
    for name in st.projects:
        bud = int(S * rng.uniform(0.01, 0.6)) + amt(rng, 0.05, 1)
        act = int(bud * rng.uniform(0.55, 1.0))
        m.perf.append((name, bud, act))
    return m


# ---------------------------------------------------------------------------
# Publishing: the nine tables as rows of Decimals (or None for blank).
# ---------------------------------------------------------------------------


class Table:
    def __init__(self, name, unit):
        self.name = name
        self.unit = unit  # "万元" or "元"
        self.rows = {}    # key -> {col: Decimal|str|None}
        self.present = True

    def pub(self, fen):
        return wan(fen) if self.unit == "万元" else yuan(fen)

    def add(self, key, **cells):
        row = {c: None for c in COLS[self.name][1:]}
        for c, v in cells.items():
            row[c] = v if isinstance(v, str) or v is None else self.pub(v)
        self.rows[key] = row
        return row

    def shift(self, key, col, delta_wan):
        """Adds [delta_wan] 万元 (a Decimal) to a cell, in the table's unit."""
        d = delta_wan if self.unit == "万元" else delta_wan * 10000
        self.rows[key][col] = self.rows[key][col] + d

    def get_wan(self, key, col):
        v = self.rows[key][col]
        return v if self.unit == "万元" else v / 10000


def tree_codes(tree):
    out = []
    for lei in tree:
        out.append(lei)
        for k in tree[lei]:
            out.append(k)
            for code, nm, kd in tree[lei][k]:
                out.append(code)
    return sorted(out)


def rollup_sum(values, codes):
    """values: {leaf: tuple of ints}; returns {code: tuple} for 类/款/项 and
    '合计'."""
    out = {}
    for leaf, v in values.items():
        for key in (leaf, leaf[:5], leaf[:3], "合计"):
            if key in out:
                out[key] = tuple(a + b for a, b in zip(out[key], v))
            else:
                out[key] = tuple(v)
    return out


def publish(st, m, rng_units):
    """Returns {table name: Table}.  [rng_units] picks the tables published
    in 元 for this unit."""
    T = {}
    yuan_tables = rng_units
    for name in COLS:
        T[name] = Table(name, "元" if name in yuan_tables else "万元")
    names = st.names
    # 03 支出决算表: all funds.
    spend = {}
    for src in (m.gen, m.soe, m.oth):
        for c, (b, p) in src.items():
            o = spend.get(c, (0, 0))
            spend[c] = (o[0] + b, o[1] + p)
    for c, (op, inc, (b, p), cl) in m.fund.items():
        o = spend.get(c, (0, 0))
        spend[c] = (o[0] + b, o[1] + p)
    sp = rollup_sum(spend, None)
    t = T["支出决算表"]
    for key in ["合计"] + sorted(k for k in sp if k != "合计"):
        b, p = sp[key]
        t.add(key, 科目名称=names.get(key, ""), 本年支出合计=b + p, 基本支出=b, 项目支出=p, 上缴上级支出=0, 经营支出=0, 对附属单位补助支出=0)
    # 02 收入决算表
    inc = {}
    for c in spend:
        fin = m.gen_inc.get(c, 0) + (m.fund[c][1] if c in m.fund else 0) + m.soe_inc.get(c, 0)
        srcs = m.src_by_code.get(c, {})
        inc[c] = (fin,) + tuple(srcs.get(s, 0) for s in INCOME_SOURCES)
    ic = rollup_sum(inc, None)
    t = T["收入决算表"]
    for key in ["合计"] + sorted(k for k in ic if k != "合计"):
        v = ic[key]
        t.add(key, 科目名称=names.get(key, ""), 本年收入合计=sum(v), 财政拨款收入=v[0], 上级补助收入=v[1], 事业收入=v[2], 经营收入=v[3], 附属单位上缴收入=v[4], 其他收入=v[5])
    # 05 一般公共预算财政拨款支出决算表
    g = rollup_sum({c: (m.budget[c], b, p) for c, (b, p) in m.gen.items()}, None)
    t = T["一般公共预算财政拨款支出决算表"]
    for key in ["合计"] + sorted(k for k in g if k != "合计"):
        bud, b, p = g[key]
        t.add(key, 科目名称=names.get(key, ""), 年初预算数=bud, 合计=b + p, 基本支出=b, 项目支出=p)
    # 08, 09
    t = T["政府性基金预算财政拨款收入支出决算表"]
    if m.fund:
        f = rollup_sum({c: (op, i, b, p, cl) for c, (op, i, (b, p), cl) in m.fund.items()}, None)
        for key in ["合计"] + sorted(k for k in f if k != "合计"):
            op, i, b, p, cl = f[key]
            t.add(key, 科目名称=names.get(key, ""), 年初结转和结余=op, 本年收入=i, 本年支出合计=b + p, 基本支出=b, 项目支出=p, 年末结转和结余=cl)
    t = T["国有资本经营预算财政拨款支出决算表"]
    if m.soe:
        s = rollup_sum(m.soe, None)
        for key in ["合计"] + sorted(k for k in s if k != "合计"):
            b, p = s[key]
            t.add(key, 科目名称=names.get(key, ""), 合计=b + p, 基本支出=b, 项目支出=p)
    # 06
    t = T["一般公共预算财政拨款基本支出决算表"]
    ename = dict(ECON_301 + ECON_302 + ECON_303 + ECON_310)
    ename.update({"301": "工资福利支出", "302": "商品和服务支出", "303": "对个人和家庭的补助", "310": "资本性支出"})
    for key in sorted(m.econ):
        t.add(key, 科目名称=ename[key], 决算数=m.econ[key])
    t.add("人员经费合计", 科目名称="", 决算数=m.personnel)
    t.add("公用经费合计", 科目名称="", 决算数=m.public)
    if st.has_e_total:
        t.add("合计", 科目名称="", 决算数=m.personnel + m.public)
    # 07
    t = T["一般公共预算财政拨款三公经费支出决算表"]
    car, car_b = m.buy + m.run, m.buy_b + m.run_b
    t.add("合计", 预算数=m.abroad_b + car_b + m.recep_b, 决算数=m.abroad + car + m.recep)
    t.add("因公出国（境）费", 预算数=m.abroad_b, 决算数=m.abroad)
    t.add("公务用车购置及运行费", 预算数=car_b, 决算数=car)
    t.add("公务用车购置费", 预算数=m.buy_b, 决算数=m.buy)
    t.add("公务用车运行费", 预算数=m.run_b, 决算数=m.run)
    t.add("公务接待费", 预算数=m.recep_b, 决算数=m.recep)
    # 01 收入支出决算总表
    t = T["收入支出决算总表"]
    gi = sum(m.gen_inc.values())
    fi = sum(v[1] for v in m.fund.values())
    si = sum(m.soe_inc.values())
    income = gi + fi + si + sum(m.src.values())
    opening = m.gen_open + sum(v[0] for v in m.fund.values()) + m.soe_open + m.oth_open
    closing = m.gen_close + sum(v[3] for v in m.fund.values()) + m.soe_close + m.oth_close
    total_sp = sum(sp["合计"])
    m.t01 = dict(income=income, opening=opening, closing=closing, spend=total_sp)
    t.add("一般公共预算财政拨款收入", 金额=gi)
    t.add("政府性基金预算财政拨款收入", 金额=fi)
    t.add("国有资本经营预算财政拨款收入", 金额=si)
    for s in INCOME_SOURCES:
        t.add(s, 金额=m.src[s])
    t.add("本年收入合计", 金额=income)
    t.add("使用非财政拨款结余", 金额=m.use_bal)
    t.add("年初结转和结余", 金额=opening)
    t.add("收入总计", 金额=income + m.use_bal + opening)
    for lei in sorted(k for k in sp if len(k) == 3):
        t.add(names[lei], 金额=sum(sp[lei]))
    t.add("本年支出合计", 金额=total_sp)
    t.add("结余分配", 金额=m.dist)
    t.add("年末结转和结余", 金额=closing)
    t.add("支出总计", 金额=total_sp + m.dist + closing)
    assert income + m.use_bal + opening == total_sp + m.dist + closing, "unbalanced 01"
    # 04 财政拨款收入支出决算总表
    t = T["财政拨款收入支出决算总表"]
    fopen = sum(v[0] for v in m.fund.values())
    fclose = sum(v[3] for v in m.fund.values())
    t.add("一般公共预算财政拨款收入", 合计=gi)
    t.add("政府性基金预算财政拨款收入", 合计=fi)
    t.add("国有资本经营预算财政拨款收入", 合计=si)
    t.add("本年收入合计", 合计=gi + fi + si)
    t.add("年初财政拨款结转和结余", 合计=m.gen_open + fopen + m.soe_open, 一般公共预算财政拨款=m.gen_open, 政府性基金预算财政拨款=fopen, 国有资本经营预算财政拨款=m.soe_open)
    t.add("收入总计", 合计=gi + fi + si + m.gen_open + fopen + m.soe_open)
    gk = rollup_sum({c: (b + p,) for c, (b, p) in m.gen.items()}, None)
    fk = rollup_sum({c: (b + p,) for c, (op, i, (b, p), cl) in m.fund.items()}, None) if m.fund else {"合计": (0,)}
    sk = rollup_sum({c: (b + p,) for c, (b, p) in m.soe.items()}, None) if m.soe else {"合计": (0,)}
    leis = sorted(set(k for k in list(gk) + list(fk) + list(sk) if len(k) == 3))
    for lei in leis:
        a, b_, c_ = gk.get(lei, (0,))[0], fk.get(lei, (0,))[0], sk.get(lei, (0,))[0]
        t.add(names[lei], 合计=a + b_ + c_, 一般公共预算财政拨款=a, 政府性基金预算财政拨款=b_, 国有资本经营预算财政拨款=c_)
    a, b_, c_ = gk["合计"][0], fk["合计"][0], sk["合计"][0]
    t.add("本年支出合计", 合计=a + b_ + c_, 一般公共预算财政拨款=a, 政府性基金预算财政拨款=b_, 国有资本经营预算财政拨款=c_)
    t.add("年末财政拨款结转和结余", 合计=m.gen_close + fclose + m.soe_close, 一般公共预算财政拨款=m.gen_close, 政府性基金预算财政拨款=fclose, 国有资本经营预算财政拨款=m.soe_close)
    t.add("支出总计", 合计=a + b_ + c_ + m.gen_close + fclose + m.soe_close, 一般公共预算财政拨款=a + m.gen_close, 政府性基金预算财政拨款=b_ + fclose, 国有资本经营预算财政拨款=c_ + m.soe_close)
    assert gi + fi + si + m.gen_open + fopen + m.soe_open == a + b_ + c_ + m.gen_close + fclose + m.soe_close, "unbalanced 04"
    return T


# ---------------------------------------------------------------------------
# The narrative's figures ("facts"), computed from the model as a writer
# would: each amount rounded to 万元, shares and rates from the written
# figures.
# ---------------------------------------------------------------------------


def tidy(rng, d, p=0.15):
    """A written amount: sometimes without trailing zeros (1035.30 -> 1035.3),
    as the seed writes them.  A true zero is written 0."""
    if d == 0:
        return D(0)
    if rng.random() < p:
        t = d.normalize()
        if t.as_tuple().exponent > 0:
            t = t.quantize(D(1))
        return t
    return d


class Facts:
    pass


def make_facts(rng, st, m, T, last):
    """[last]: last year's figures the 比上年 sentences compare with."""
    f = Facts()
    pub = lambda fen: wan(fen)
    t01, t04, t05 = T["收入支出决算总表"], T["财政拨款收入支出决算总表"], T["一般公共预算财政拨款支出决算表"]
    f.total = pub(m.t01["income"] + m.use_bal + m.t01["opening"])
    f.total_last = last["total"]
    f.income = pub(m.t01["income"])
    fin_true = sum(m.gen_inc.values()) + sum(v[1] for v in m.fund.values()) + sum(m.soe_inc.values())
    f.inc_fin = pub(fin_true)
    f.inc_oth = pub(sum(m.src.values()))
    f.spend = pub(m.t01["spend"])
    sp_b = sum(b for src in (m.gen, m.soe, m.oth) for b, p in src.values()) + sum(v[2][0] for v in m.fund.values())
    f.sp_basic = pub(sp_b)
    f.sp_proj = pub(m.t01["spend"] - sp_b)
    fopen = sum(v[0] for v in m.fund.values())
    f.fin_total = pub(fin_true + m.gen_open + fopen + m.soe_open)
    f.fin_total_last = last["fin_total"]
    gsum = sum(b + p for b, p in m.gen.values())
    f.gen = pub(gsum)
    f.gen_last = last["gen"]
    f.gen_budget = pub(sum(m.budget.values()))
    f.gen_basic = pub(sum(b for b, p in m.gen.values()))
    f.gen_proj = pub(sum(p for b, p in m.gen.values()))
    f.leis = []  # (code, name, budget, actual)
    for lei in sorted(st.gen_tree):
        codes = [c for c in m.gen if c.startswith(lei)]
        f.leis.append((lei, st.names[lei], pub(sum(m.budget[c] for c in codes)), pub(sum(sum(m.gen[c]) for c in codes))))
    f.items = []  # (code, budget, actual)
    f.items_true = {}
    for c in sorted(m.gen):
        f.items.append((c, pub(m.budget[c]), pub(sum(m.gen[c]))))
        f.items_true[c] = (m.budget[c], sum(m.gen[c]))
    f.basic6 = pub(m.personnel + m.public)
    f.personnel = pub(m.personnel)
    f.public = pub(m.public)
    car, car_b = m.buy + m.run, m.buy_b + m.run_b
    f.sg = pub(m.abroad + car + m.recep)
    f.sg_b = pub(m.abroad_b + car_b + m.recep_b)
    f.sg_last = last["sg"]
    f.abroad = pub(m.abroad)
    f.car = pub(car)
    f.car_b = pub(car_b)
    f.car_last = last["car"]
    f.buy = pub(m.buy)
    f.run = pub(m.run)
    f.run_b = pub(m.run_b)
    f.repair, f.insure, f.fuel = pub(m.repair), pub(m.insure), pub(m.fuel)
    f.recep = pub(m.recep)
    f.jg = pub(m.jg)
    f.jg_last = last["jg"]
    f.cg_total, f.cg_goods, f.cg_works, f.cg_serv = pub(m.cg_total), pub(m.cg_goods), pub(m.cg_works), pub(m.cg_serv)
    f.cg_sme, f.cg_micro = pub(m.cg_sme), pub(m.cg_micro)
    f.perf = [(n, pub(b), pub(a)) for n, b, a in m.perf]
    # Sometimes written without trailing zeros, like the seed's 1035.3.
    for attr in ("abroad", "recep", "buy", "repair", "insure", "fuel", "jg", "cg_goods", "cg_works", "cg_serv"):
        setattr(f, attr, tidy(rng, getattr(f, attr)))
    f.leis = [(c, n, tidy(rng, b, 0.1), tidy(rng, a, 0.1)) for c, n, b, a in f.leis]
    f.perf = [(n, tidy(rng, b, 0.2), tidy(rng, a, 0.1)) for n, b, a in f.perf]
    # Zeros written "0" only when the amount is truly zero.
    for attr in ("abroad", "recep", "buy", "cg_works", "jg"):
        if getattr(m, {"abroad": "abroad", "recep": "recep", "buy": "buy", "cg_works": "cg_works", "jg": "jg"}[attr]) == 0:
            setattr(f, attr, D(0))
    f.staff = (st.staff_xz + st.staff_sy, st.staff_xz, st.staff_sy, st.staff_cg, st.retired)
    f.cars, f.vehicles = st.cars, st.vehicles
    f.dates = [YEAR if m.year == YEAR else m.year] * 3
    f.overrides = {}
    return f


def last_of(m, T):
    """The figures next year's narrative compares with."""
    t05 = T["一般公共预算财政拨款支出决算表"]
    return {
        "total": wan(m.t01["income"] + m.use_bal + m.t01["opening"]),
        "fin_total": wan(sum(m.gen_inc.values()) + sum(v[1] for v in m.fund.values()) + sum(m.soe_inc.values()) + m.gen_open + sum(v[0] for v in m.fund.values()) + m.soe_open),
        "gen": wan(sum(b + p for b, p in m.gen.values())),
        "sg": wan(m.abroad + m.buy + m.run + m.recep),
        "car": wan(m.buy + m.run),
        "jg": wan(m.jg),
    }


def fake_last(rng, m):
    """Figures of the year before the prior (the prior's own 比上年 sentences):
    smaller, so its increases are increases."""
    g = lambda fen, lo=0.75, hi=0.95: wan(int(fen * rng.uniform(lo, hi)))
    return {
        "total": g(m.t01["income"] + m.use_bal + m.t01["opening"]),
        "fin_total": g(sum(m.gen_inc.values()) + sum(v[1] for v in m.fund.values()) + sum(m.soe_inc.values()) + m.gen_open + sum(v[0] for v in m.fund.values()) + m.soe_open, 0.7, 1.2),
        "gen": g(sum(b + p for b, p in m.gen.values())),
        "sg": g(m.abroad + m.buy + m.run + m.recep, 0.3, 0.9),
        "car": g(m.buy + m.run, 0.3, 0.9),
        "jg": g(m.jg, 0.7, 1.3) if m.jg else D(0),
    }


# ---------------------------------------------------------------------------
# The narrative.  Blocks are headings (never wrapped) and paragraphs
# (wrapped PDF-style); a block may carry a key so a defect can drop it.
# ---------------------------------------------------------------------------

CJK_NUM = set("一二三四五六七八九十")
DIGITS = set("0123456789０１２３４５６７８９")
NUMERALS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十"]


def heading_level(line):
    """fisc's heading recogniser (runtime/narrative.c), on one original line."""
    s = line.lstrip(" \t\u3000\u00a0\ufeff")
    if not s:
        return 0
    c = s[0]
    if c == "第":
        i = 1
        while i < len(s) and s[i] in CJK_NUM:
            i += 1
        return 1 if 1 <= i - 1 <= 3 and s[i:i + 2] == "部分" else 0
    if c in CJK_NUM:
        i = 0
        while i < len(s) and s[i] in CJK_NUM:
            i += 1
        return 2 if i <= 3 and s[i:i + 1] == "、" else 0
    if c in "(（":
        i = 1
        while i < len(s) and s[i] in CJK_NUM:
            i += 1
        k = i - 1
        level = 0
        if 1 <= k <= 3:
            level = 3
        elif k == 0:
            while i < len(s) and s[i] in DIGITS:
                i += 1
            if 1 <= i - 1 <= 2:
                level = 5
        return level if level and s[i:i + 1] in (")", "）") and s[i:i + 1] != "" else 0
    if c in DIGITS:
        i = 0
        while i < len(s) and s[i] in DIGITS:
            i += 1
        if i > 2:
            return 0
        if s[i:i + 1] not in (".", "．", "、"):
            return 0
        after = s[i + 1:i + 2]
        return 4 if after and after not in DIGITS else 0
    return 0


def wrap(text, width, sep):
    """PDF-style lines of about [width] characters; a line never starts like
    a heading (that would cut a section short)."""
    out = []
    i = 0
    n = len(text)
    first = True
    while i < n:
        j = min(n, i + width)
        if j < n:
            # the next line must not look like a heading or start blank
            k = j
            while k > i + 1 and (heading_level(text[k:k + 8]) or text[k] in " \u3000"):
                k -= 1
            j = k
        out.append(text[i:j])
        i = j
        first = False
    return sep.join(out)


class Style:
    pass


def make_style(rng):
    s = Style()
    s.width = rng.randint(22, 30)
    s.line_sep = rng.choice(["\n\n", "\n\n", "\n"])
    s.para_sep = s.line_sep + rng.choice(["", "\n", "\n\n"])
    s.space = rng.random() < 0.6          # spaces around figures, as the seed
    s.fullwidth = rng.random() < 0.85     # ，：；（） or ASCII
    s.share_dec = rng.choice([1, 2, 2])
    s.growth_dec = rng.choice([0, 1, 1, 2])
    s.rate_dec = rng.choice([1, 1, 2])
    s.total_form = rng.choice(["a", "a", "b"])         # N-01/N-34 phrasing
    s.fin_form = rng.choice(["a", "c", "4", "5", "6"])  # N-02/N-03 phrasing
    s.fin_word = rng.choice(["财政拨款收、支总计", "财政拨款收支总计"])
    s.gen_form = rng.choice(["a", "a", "b"])           # N-35 phrasing
    s.jg_form = rng.choice(["比上年", "较上年", "比上年度"])
    s.inc_word = rng.choice(["年度收入合计", "年度收入合计", "本年收入合计"])
    s.sp_word = rng.choice(["年度支出合计", "年度支出合计", "本年支出合计"])
    s.inc_share = rng.choice(["占本年收入", "占本年收入", "占本年收入合计的", "占收入合计的"])
    s.sp_share = rng.choice(["占本年支出", "占本年支出", "占本年支出合计的", "占支出合计的"])
    s.struct_form = rng.choice(["以下方面", "以下方面", ""])
    s.s3_form = rng.choice(["为", "为", "数为"])        # N-11 alternatives
    s.lei_form = rng.choice(["1", "1", "2", "3", "4"])  # N-27 / N-10 alternatives
    s.item_form = rng.choice(["a", "b"])               # N-28 alternatives
    s.code_form = rng.choice(["a", "b"])               # N-29 alternatives
    s.sg_form = rng.choice(["数为", "为"])              # N-14/N-17/N-26/N-36
    s.abroad_form = rng.choice(["a", "b"])
    s.recep_form = rng.choice(["a", "b"])
    s.cg_form = rng.choice(["a", "b"])                 # N-20 alternatives
    s.date_word = rng.choice(["截至", "截至", "截止", "截止到"])
    s.perf_form = [rng.choice(["3", "5", "6"]) for _ in range(6)]
    s.unit_header = rng.choice(["en", "zh"])
    s.titles = rng.random() < 0.5
    s.crlf = rng.random() < 0.3
    s.bom = rng.random() < 0.2
    s.yuan = []  # tables published in 元 (set by the caller)
    return s


# Filler vocabulary: no amount, no date, no share -- nothing a claim reads.
F_LEAD = ["坚持以习近平新时代中国特色社会主义思想为指导", "深入贯彻落实区委区政府决策部署", "围绕中心、服务大局",
          "严格落实过紧日子要求", "持续深化“放管服”改革", "统筹推进疫情防控和经济社会发展", "坚持以人民为中心的发展思想",
          "按照全面从严治党要求", "聚焦年度目标任务", "立足部门职能定位", "紧扣高质量发展主题", "着眼群众急难愁盼问题"]
F_ACT = ["加强内控管理", "完善工作机制", "强化业务培训", "规范资金使用", "优化服务流程", "提升信息化水平", "推进数据共享",
         "健全考核办法", "压实工作责任", "加大督办力度", "细化预算编制", "落实安全生产责任", "开展专项整治",
         "推动重点项目建设", "做好政策宣传解读", "加强队伍建设", "完善应急预案", "推进政务公开"]
F_RES = ["不断提升群众满意度", "确保各项工作任务按期完成", "为经济社会发展提供有力保障", "工作质效明显提升",
         "服务能力和水平进一步增强", "营造了良好的发展环境", "各项制度得到有效执行", "资金使用效益不断提高",
         "基础工作更加扎实", "群众获得感进一步增强"]
F_COUNT = [("开展专题培训", "次"), ("组织宣传活动", "场"), ("办理群众诉求", "件"), ("召开协调会", "场"),
           ("开展督导检查", "次"), ("编发工作简报", "期"), ("走访服务对象", "户"), ("排查处置隐患", "处")]
F_TOPICS = ["以群众需求为导向，提升公共服务水平", "夯实基础设施建设，保障系统安全运行", "强化统筹协调，推动重点任务落地",
            "深化改革创新，激发干事创业活力", "加强党的建设，锤炼干部队伍作风", "优化营商环境，服务市场主体发展",
            "推进依法行政，提升治理能力", "抓好安全稳定，守牢风险底线"]
F_SUB = ["完成重要目标", "完善工作机制", "积极协调督办", "辅助科学决策", "强化考评问效", "优化服务环境",
         "加强制度建设", "推进信息共享", "规范运行管理", "加强宣传引导"]
DUTIES = ["贯彻执行国家、省、市有关方针政策和法律法规，研究拟订本部门工作的发展规划并组织实施",
          "负责本行业领域的统筹协调和监督管理，指导下级单位开展相关工作",
          "承担本部门职责范围内的公共服务事项，组织开展业务培训和对外交流合作",
          "负责本部门信息化建设和数据资源管理，推进政务信息系统整合共享",
          "承担本部门机关和直属单位的财务、资产管理和内部审计工作",
          "负责本部门安全生产和应急管理相关工作，组织开展隐患排查治理",
          "组织开展本领域调查研究和统计分析，为党委政府科学决策提供支撑",
          "承办上级交办的其他事项"]
PERF_PROJECTS = ["网络传输建设运行费", "办公后勤保障经费", "平台运维服务", "党建活动经费", "业务培训经费",
                 "专项整治工作经费", "信息系统升级改造", "档案数字化加工", "宣传教育经费", "设备购置及维护",
                 "课题研究经费", "安全生产检查经费"]
PROJ_USES = ["保障相关系统及设备运行顺畅", "为提升工作质效提供坚实保障", "保障了本单位正常运转", "建强基层组织堡垒",
             "提高了群众诉求办理质量和效果", "完成了年度工作任务"]
REASONS_UP = ["本年度新增业务项目支出", "人员经费调标增加", "项目经费增加", "业务量增加相应经费增加"]
REASONS_DOWN = ["落实过紧日子要求压减一般性支出", "部分项目按进度延后支付", "项目采购节约资金", "人员减少相应经费减少"]


class Doc:
    def __init__(self, st, f):
        self.blocks = []  # (kind, text, key)
        self.st = st
        self.s = st.style
        self.f = f

    def h(self, text, key=None):
        self.blocks.append(("h", text, key))

    def p(self, text, key=None):
        self.blocks.append(("p", text, key))


def make_narrative(rng, st, m, f, year, flags):
    s = st.style
    name = st.name
    fw = s.fullwidth
    C = "，" if fw else ","
    CO = "：" if fw else ":"
    SC = "；" if fw else ";"
    LP, RP = ("（", "）") if fw else ("(", ")")
    sp = " " if s.space else ""

    def n(x):
        return "%s%s%s" % (sp, x, sp)

    def w(x):  # an amount in 万元
        return "%s%s万元" % (n(x), "")

    def pct(x):
        return "%s%%" % n(x).rstrip()

    def share(part, whole, k=None, key=None):
        if key and key in f.overrides:
            return f.overrides[key]
        return rnd(F(part) * 100 / F(whole), s.share_dec if k is None else k)

    def growth_words(this, last, key):
        """(verb, amount, rate-verb, rate) for a 比上年 sentence."""
        last = f.overrides.get(key + ".last", last)
        diff = this - last
        k = s.growth_dec
        if rnd(F(abs(diff)) * 100 / F(last), k) == 0:
            k = 2  # a bare "0%" is exact zero to fisc: write 0.29%, not 0%
        if diff >= 0:
            rate = rnd(F(diff) * 100 / F(last), k)
            verbs = ("增加", "增长")
        else:
            rate = rnd(F(-diff) * 100 / F(last), k)
            verbs = ("减少", "下降")
        rate = f.overrides.get(key + ".rate", rate)
        return verbs[0], abs(diff), verbs[1], rate

    y, y1 = year, year - 1
    doc = Doc(st, f)
    fill = Filler(rng)
    # --- 第一部分 概况
    doc.h("第一部分 %s概况" % name)
    doc.h("一、部门主要职能")
    duties = rng.sample(DUTIES[:-1], rng.randint(4, 7)) + [DUTIES[-1]]
    for i, d in enumerate(duties):
        doc.p("%s%s%s%s。%s" % (LP, NUMERALS[i + 1], RP, d, fill.sentence() if rng.random() < 0.5 else ""))
    doc.h("二、部门决算单位构成")
    doc.p("从单位构成看，%s部门决算由纳入独立核算的单位本级决算组成。" % name)
    doc.h("三、部门人员构成")
    tot, xz, sy, cg, ret = f.overrides.get("staff", f.staff)
    doc.p("%s在职实有人数%s人%s其中%s行政%s人%s事业%s人%s其中%s参照公务员法管理%s人%s。%s" % (
        name, n(tot), C, CO, n(xz), C, n(sy), LP, CO, n(cg), RP,
        ("离退休人员%s人。" % n(ret)) if ret else "无离退休人员。"), key="staff")
    # --- 第二部分 表
    doc.h("第二部分 %s" % name)
    doc.p("%s年度部门决算表" % n(y).lstrip())
    if not m.fund and not flags.get("no_fund_statement"):
        doc.p("本部门没有政府性基金预算财政拨款收入%s也没有使用政府性基金预算财政拨款安排的支出。" % C)
    if not m.soe and not flags.get("no_soe_statement"):
        doc.p("本部门没有使用国有资本经营预算财政拨款安排的支出。")
    # --- 第三部分 情况说明
    doc.h("第三部分 %s" % name)
    doc.p("%s年度部门决算情况说明" % n(y).lstrip())
    doc.h("一、收入支出决算总体情况说明", key="sec1")
    total = f.overrides.get("total", f.total)
    v, amt_, rv, rate = growth_words(total, f.total_last, "total")
    reason = rng.choice(REASONS_UP if v == "增加" else REASONS_DOWN)
    if s.total_form == "a":
        doc.p("%s年度收、支总计%s。与%s年度相比%s收、支总计各%s%s%s%s%s%s主要原因是%s。" % (
            n(y).lstrip(), w(total), n(y1), C, v, w(amt_), C, rv, pct(rate), C, reason))
    else:
        doc.p("%s年度收支总计%s%s比上年%s%s%s%s%s%s主要原因是%s。" % (
            n(y).lstrip(), w(total), C, v, w(amt_), C, rv, pct(rate), C, reason))
    doc.p("图1%s收、支决算总计变动情况" % CO)
    doc.h("二、收入决算情况说明", key="sec2")
    inc = f.overrides.get("income", f.income)
    oth = f.overrides.get("inc_oth", f.inc_oth)
    doc.p("%s%s%s。其中%s财政拨款收入%s%s%s%s%s%s其他收入%s%s%s%s。" % (
        "" if s.inc_word.startswith("本年") else n(y).lstrip(), s.inc_word, w(inc), CO, w(f.inc_fin), C, s.inc_share, pct(share(f.inc_fin, inc, key="inc_fin.share")), SC,
        "", w(oth), C, s.inc_share, pct(share(oth, inc, key="inc_oth.share")) if inc else "0"))
    doc.p("图2%s收入决算结构" % CO)
    doc.h("三、支出决算情况说明", key="sec3")
    proj = f.overrides.get("sp_proj", f.sp_proj)
    doc.p("%s%s%s。其中%s基本支出%s%s%s%s%s项目支出%s%s%s%s。" % (
        "" if s.sp_word.startswith("本年") else n(y).lstrip(), s.sp_word, w(f.spend), CO, w(f.sp_basic), C, s.sp_share, pct(share(f.sp_basic, f.spend, key="sp_basic.share")), SC,
        w(proj), C, s.sp_share, pct(share(proj, f.spend, key="sp_proj.share"))))
    doc.p("图3%s支出决算结构" % CO)
    doc.h("四、财政拨款收入支出决算总体情况说明", key="sec4")
    ft = f.overrides.get("fin_total", f.fin_total)
    v, amt_, rv, rate = growth_words(ft, f.fin_total_last, "fin_total")
    reason = rng.choice(REASONS_UP if v == "增加" else REASONS_DOWN)
    form = s.fin_form
    if form == "a":
        doc.p("%s年度%s%s。与%s年度相比%s%s各%s%s%s%s%s%s主要是%s。" % (
            n(y).lstrip(), s.fin_word, w(ft), n(y1), C, s.fin_word, v, w(amt_), C, rv, pct(rate), C, reason))
    elif form == "c":
        doc.p("%s年度%s%s%s与%s年度相比%s%s各%s%s%s%s%s%s主要是%s。" % (
            n(y).lstrip(), s.fin_word, w(ft), C, n(y1), C, s.fin_word, v, w(amt_), C, rv, pct(rate), C, reason))
    else:
        word = {"4": "比上年", "5": "较上年", "6": "比上年度"}[form]
        doc.p("%s年度%s%s%s%s%s%s%s%s%s%s主要是%s。" % (
            n(y).lstrip(), s.fin_word, w(ft), C, word, v, w(amt_), C, rv, pct(rate), C, reason))
    doc.p("图4%s财政拨款收、支决算总计变动情况" % CO)
    doc.h("五、一般公共预算财政拨款支出决算情况说明", key="sec5")
    doc.h("%s一%s财政拨款支出决算总体情况。" % (LP, RP))
    v, amt_, rv, rate = growth_words(f.gen, f.gen_last, "gen")
    if s.gen_form == "a":
        doc.p("%s年度财政拨款支出%s%s占本年支出合计的%s。与%s年度相比%s财政拨款支出%s%s%s%s%s%s主要是%s。" % (
            n(y).lstrip(), w(f.gen), C, pct(share(f.gen, f.spend, 1, key="gen.share")), n(y1), C, v, w(amt_), C, rv, pct(rate), C, rng.choice(REASONS_UP)))
    else:
        doc.p("%s年度财政拨款支出%s%s比上年%s%s%s%s%s%s主要是%s。" % (
            n(y).lstrip(), w(f.gen), C, v, w(amt_), C, rv, pct(rate), C, rng.choice(REASONS_UP)))
    doc.h("%s二%s财政拨款支出决算结构情况。" % (LP, RP))
    parts = []
    for code, nm, bud, act in sorted(f.leis, key=lambda x: -x[3]):
        parts.append("%s%s%s占%s" % (nm, w(act), C, pct(f.overrides.get("struct." + code, rnd(F(act) * 100 / F(f.gen), 1)))))
    doc.p("%s年度财政拨款支出%s%s主要用于%s%s%s。" % (n(y).lstrip(), w(f.gen), C, s.struct_form, CO if s.struct_form else "", SC.join(parts)))
    doc.h("%s三%s财政拨款支出决算具体情况。" % (LP, RP))
    dec3 = f.overrides.get("s3.actual", f.gen)
    basic3 = f.overrides.get("s3.basic", f.gen_basic)
    r3 = rnd(F(dec3) * 100 / F(f.gen_budget), s.rate_dec)
    projs = [(c, a) for c, b, a in f.items if st.kinds.get(c) != "b" and a > 0][:4]
    uses = SC.join("%s%s%s主要成效是%s" % (st.names[c], w(a), C, rng.choice(PROJ_USES)) for c, a in projs)
    if s.s3_form == "为":
        head = "%s年度一般公共预算财政拨款支出年初预算为%s%s支出决算为%s%s完成年初预算的%s。" % (n(y).lstrip(), w(f.gen_budget), C, w(dec3), C, pct(r3))
    else:
        head = "%s年度一般公共预算财政拨款支出年初预算数为%s%s支出决算数为%s%s完成年初预算的%s。" % (n(y).lstrip(), w(f.gen_budget), C, w(dec3), C, pct(r3))
    doc.p(head + "其中%s基本支出%s%s项目支出%s。%s" % (CO, w(basic3), C, w(f.gen_proj),
                                                  ("项目支出主要用于" + uses + "。") if uses else ""))
    # per 类 and per 项
    names_in_05 = {}
    for c in st.names:
        if c in m.gen or (len(c) < 7 and any(x.startswith(c) for x in m.gen)):
            names_in_05.setdefault(st.names[c], []).append(c)
    item_no = 0
    for i, (code, nm, bud, act) in enumerate(f.leis):
        lf = s.lei_form
        wname = f.overrides.get("lei.name." + code, nm)
        bud_w = f.overrides.get("lei.budget." + code, bud)
        act_w = f.overrides.get("lei.actual." + code, act)
        rate = rnd(F(act_w) * 100 / F(bud_w), s.rate_dec) if bud_w else None
        cmp_ = "等于" if act_w == bud_w else ("小于" if act_w < bud_w else "大于")
        why = "" if cmp_ == "等于" else "的主要原因是%s" % rng.choice(REASONS_DOWN if cmp_ == "小于" else REASONS_UP)
        sep = "、" if lf == "2" else "."
        done = ("完成预算的" if lf == "4" else "完成年初预算的")
        if lf == "3":
            body = "年初预算数为%s%s支出决算数为%s" % (w(bud_w), C, w(act_w))
        else:
            body = "年初预算为%s%s支出决算为%s" % (w(bud_w), C, w(act_w))
        if rate is not None:
            body += "%s%s%s" % (C, done, pct(rate))
        doc.p("%d%s%s%s类%s。%s%s支出决算数%s年初预算数%s。" % (i + 1, sep, wname, LP, RP, body, C, cmp_, why))
        # its 项: by name (N-28) when the name is unique and has a budget,
        # by code digits (N-29) otherwise.
        for c, b, a in f.items:
            if not c.startswith(code):
                continue
            if rng.random() < 0.35 and not any(c == k for k in flags.get("must_items", ())):
                continue
            item_no += 1
            nm7 = st.names[c]
            unique = len(names_in_05.get(nm7, [])) == 1
            a_w = f.overrides.get("item.actual." + c, a)
            if unique and b > 0 and c not in flags.get("code_items", ()):
                bt, at = f.items_true[c]  # the table may be in 元: rate from the exact figures
                r = f.overrides.get("item.rate." + c, rnd(F(at) * 100 / F(bt), s.rate_dec))
                kword = st.names[c[:5]]
                lword = st.names[c[:3]]
                if lword.endswith("支出"):
                    lword = lword[:-2]
                done = "完成预算" if s.item_form == "a" else "完成年初预算的"
                cmp_ = "等于" if a == b else ("小于" if a < b else "大于")
                doc.p("%s%d%s%s%s类%s%s%s款%s%s%s项%s%s支出决算为%s%s%s%s%s决算数%s预算数%s。" % (
                    LP, item_no, RP, lword, LP, RP, kword, LP, RP, nm7, LP, RP, CO, w(a_w), C, done, pct(r), C, cmp_,
                    "" if cmp_ == "等于" else "的主要原因是" + rng.choice(REASONS_DOWN if cmp_ == "小于" else REASONS_UP)))
                f.__dict__.setdefault("named_items", []).append(c)
            else:
                code_w = f.overrides.get("item.code." + c, c)
                colon = CO if s.code_form == "a" else C
                doc.p("".join([LP, str(item_no), RP, LP, code_w[:3], "类", RP, st.names[c[:3]],
                               LP, code_w[3:5], "款", RP, st.names[c[:5]], LP, code_w[5:7], "项", RP, nm7,
                               colon, "支出决算为", w(a_w), "。"]))
                f.__dict__.setdefault("code_items", []).append(c)
    # --- 六 基本支出
    doc.h("六、一般公共预算财政拨款基本支出决算情况说明", key="sec6")
    doc.p("%s年度一般公共预算财政拨款基本支出%s%s其中%s" % (n(y).lstrip(), w(f.overrides.get("basic6", f.basic6)), C, CO))
    e301 = "、".join(nm for c, nm in st.e301)
    e302 = "、".join(nm for c, nm in st.e302)
    doc.p("人员经费%s%s主要包括%s%s。" % (w(f.overrides.get("personnel", f.personnel)), C, CO, e301 + ("、" + "、".join(nm for c, nm in st.e303) if st.e303 else "")))
    doc.p("公用经费%s%s主要包括%s%s。" % (w(f.overrides.get("public", f.public)), C, CO, e302 + ("、" + "、".join(nm for c, nm in st.e310) if st.e310 else "")))
    # --- 七 三公
    no_reason = flags.get("no_sg_reason")
    doc.h("七、一般公共预算财政拨款“三公”经费支出决算情况说明", key="sec7")
    doc.h("%s一%s“三公”经费的单位范围。" % (LP, RP))
    doc.p("%s有一般公共预算财政拨款预算安排“三公”经费的单位包括%s本级。" % (name, name))
    doc.h("%s二%s一般公共预算财政拨款“三公”经费支出决算情况。" % (LP, RP))
    sg_b = f.overrides.get("sg_b", f.sg_b)
    doc.p("%s年度“三公”经费财政拨款年初预算%s%s%s支出决算为%s%s完成年初预算的%s%s其中%s" % (
        n(y).lstrip(), s.sg_form, w(sg_b), C, w(f.sg), C, pct(rnd(F(f.sg) * 100 / F(sg_b), s.rate_dec)), C, CO))
    abroad = f.overrides.get("abroad", f.abroad)
    if s.abroad_form == "a":
        t = "1.因公出国%s境%s费支出决算为%s。" % (LP, RP, w(abroad))
    else:
        t = "1.因公出国%s境%s费%s。" % (LP, RP, w(abroad))
    if f.abroad == 0 and not no_reason:
        t += "主要原因是本年度未安排因公出国%s境%s任务。" % (LP, RP)
    elif f.abroad == 0:
        t += "本年度未安排因公出国%s境%s任务。" % (LP, RP)
    doc.p(t)
    doc.p("2.公务用车购置及运行费支出决算为%s%s完成年初预算的%s%s其中%s" % (
        w(f.car), C, pct(rnd(F(f.car) * 100 / F(f.car_b), s.rate_dec)), SC, CO))
    doc.p("%s1%s公务用车购置费%s。%s" % (LP, RP, w(f.buy), "本年度购置公务用车1辆。" if m.buy else ""))
    less = f.overrides.get("run.less", f.run_b - f.run)
    doc.p("%s2%s公务用车运行费%s%s完成年初预算的%s%s比年初预算减少%s%s%s%s主要用于车辆保险和维修费用%s其中%s维修费%s%s保险费%s%s燃油费%s。年末公务用车保有量%s辆%s%s%s年12月31日%s开支财政拨款的公务用车保有量%s辆。" % (
        LP, RP, w(f.run), C, pct(rnd(F(f.run) * 100 / F(f.run_b), s.rate_dec)), C, w(less), C,
        "" if no_reason else "主要原因是%s" % rng.choice(REASONS_DOWN), C if not no_reason else "",
        C, CO, w(f.repair), SC, w(f.insure), SC, w(f.overrides.get("fuel", f.fuel)),
        n(f.overrides.get("cars", f.cars)), C, s.date_word, n(f.dates[1]), C, n(f.cars)))
    if s.recep_form == "a":
        t = "3.公务接待费支出决算为%s。" % w(f.recep)
    else:
        t = "3.公务接待费%s。" % w(f.recep)
    if not no_reason:
        t += "主要原因是%s。" % ("未进行公务接待" if f.recep == 0 else "严格执行公务接待标准")
    doc.p(t)
    v, amt_, rv, rate = growth_words(f.sg, f.sg_last, "sg")
    cv, camt, crv, crate = growth_words(f.car, f.car_last, "car")
    doc.p("%s年度“三公”经费财政拨款支出决算数比%s年度%s%s%s%s%s%s其中%s公务用车购置及运行费支出决算%s%s%s%s%s%s%s。" % (
        n(y).lstrip(), n(y1), v, w(amt_), C, rv, pct(rate), C, CO, cv, w(camt), C, crv, pct(crate),
        C if not no_reason else "", "" if no_reason else "主要原因是%s" % rng.choice(["维修费、燃油费等支出增加", "车辆使用频次增加", "车辆老化维修费用增加"])))
    # --- 八 九
    doc.h("八、政府性基金预算财政拨款收入支出决算情况", key="sec8")
    if m.fund:
        fin = sum(v[1] for v in m.fund.values())
        fsp = sum(sum(v[2]) for v in m.fund.values())
        doc.p("%s年度政府性基金预算财政拨款本年收入%s%s本年支出%s%s主要用于%s。" % (
            n(y).lstrip(), w(wan(fin)), C, w(wan(fsp)), C, "、".join(st.names[c] for c in sorted(m.fund))))
    elif flags.get("no_fund_statement"):
        doc.p("本部门%s年度该项收支为零。" % n(y).lstrip())
    else:
        doc.p("本部门没有政府性基金预算财政拨款收入%s也没有使用政府性基金预算财政拨款安排的支出。" % C)
    doc.h("九、国有资本经营预算财政拨款支出决算情况", key="sec9")
    if m.soe:
        doc.p("%s年度国有资本经营预算财政拨款本年支出%s%s主要用于%s。" % (
            n(y).lstrip(), w(wan(sum(sum(v) for v in m.soe.values()))), C, "、".join(st.names[c] for c in sorted(m.soe))))
    elif flags.get("no_soe_statement"):
        doc.p("本部门%s年度此项支出为零。" % n(y).lstrip())
    else:
        doc.p("本部门没有使用国有资本经营预算财政拨款安排的支出。")
    # --- 十 机关运行经费
    doc.h("十、机关运行经费支出情况", key="sec10")
    if f.jg == 0:
        doc.p("%s年度%s机关运行经费支出%s。主要原因是本单位为公益一类事业单位。" % (n(y).lstrip(), name, w(D(0))))
    elif f.jg_last == 0:
        doc.p("%s年度%s机关运行经费支出%s%s主要用于办公费、印刷费、水电费等。" % (n(y).lstrip(), name, w(f.jg), C))
    else:
        v, amt_, rv, rate = growth_words(f.jg, f.jg_last, "jg")
        doc.p("%s年度%s机关运行经费支出%s%s%s%s%s%s%s%s。主要原因是%s。" % (
            n(y).lstrip(), name, w(f.jg), C, s.jg_form, v, w(amt_), C, rv, pct(rate), rng.choice(REASONS_UP if v == "增加" else REASONS_DOWN)))
    # --- 十一 政府采购
    doc.h("十一、政府采购支出情况", key="sec11")
    cgt = f.overrides.get("cg_total", f.cg_total)
    sme, micro = f.overrides.get("cg_sme", f.cg_sme), f.overrides.get("cg_micro", f.cg_micro)
    sme_r = f.overrides.get("cg_sme.share", rnd(F(sme) * 100 / F(cgt), 1))
    mic_r = rnd(F(micro) * 100 / F(cgt), 1)
    if s.cg_form == "a":
        t = "政府采购支出总额%s%s其中%s政府采购货物支出%s、政府采购工程支出%s、政府采购服务支出%s。" % (w(cgt), C, CO, w(f.cg_goods), w(f.cg_works), w(f.cg_serv))
    else:
        t = "政府采购支出总额%s%s其中%s货物%s、工程%s、服务%s。" % (w(cgt), C, CO, w(f.cg_goods), w(f.cg_works), w(f.cg_serv))
    doc.p("%s年度%s%s授予中小企业合同金额%s%s占政府采购支出总额的%s%s其中%s授予小微企业合同金额%s%s占政府采购支出总额的%s。" % (
        n(y).lstrip(), name, t, w(sme), C, pct(sme_r), C, CO, w(micro), C, pct(mic_r)))
    # --- 十二 国有资产
    doc.h("十二、国有资产占用情况", key="sec12")
    dw = "截至" if s.date_word == "截至" else s.date_word
    doc.p("%s%s年12月31日%s%s共有车辆%s辆%s其中%s其他用车%s辆%s其他用车主要是业务用车%s单价50万元%s含%s以上通用设备%s台%s套%s%s单价100万元%s含%s以上专用设备%s台%s套%s。" % (
        dw, n(f.dates[2]), C, name, n(f.overrides.get("vehicles", f.vehicles)), C, C, n(f.vehicles), C, SC, LP, RP,
        n(st.dev_general), LP, RP, C, LP, RP, n(st.dev_special), LP, RP))
    # --- 十三 绩效
    doc.h("十三、预算绩效情况说明", key="sec13")
    doc.h("%s一%s预算绩效管理工作开展情况" % (LP, RP), key="sec13")
    doc.p(fill.paragraph(3, 5), key="sec13")
    doc.h("%s二%s部门%s单位%s整体支出自评结果" % (LP, RP, LP, RP), key="sec13")
    doc.p(fill.paragraph(3, 6), key="sec13")
    doc.h("%s三%s项目支出自评结果" % (LP, RP), key="sec13")
    doc.p("我单位在%s年度部门决算中反映所有项目绩效自评结果%s不包括涉密项目%s%s共涉及%s个一级项目。" % (
        n(y).lstrip(), LP, RP, C, n(len(f.perf))), key="sec13")
    for i, (pn, bud, act) in enumerate(f.perf):
        form = s.perf_form[i]
        rate = f.overrides.get("perf.%d" % i, rnd(F(act) * 100 / F(bud), 1))
        if form == "3":
            body = "项目全年预算数为%s%s执行数为%s%s完成预算的%s。" % (w(bud), C, w(act), C, pct(rate))
        elif form == "5":
            body = "项目全年预算数为%s%s决算数为%s%s完成预算的%s。" % (w(bud), C, w(act), C, pct(rate))
        else:
            body = "项目预算数%s%s决算数%s%s完成预算的%s。" % (w(bud), C, w(act), C, pct(rate))
        doc.p("%d.%s项目绩效自评综述%s%s主要产出和效益是%s%s" % (i + 1, pn, CO, body, CO, fill.sentence()), key="sec13")
    doc.h("%s四%s绩效自评结果应用情况" % (LP, RP), key="sec13")
    doc.p(fill.paragraph(3, 5), key="sec13")
    # --- 第四部分 重点工作 (filler, up to the target size)
    doc.h("第四部分 %s年重点工作完成情况" % n(y).strip())
    tail = []
    tail.append(("h", "第五部分 名词解释", "glossary"))
    gl = GLOSSARY
    for i, (term, text) in enumerate(gl):
        tail.append(("h" if False else "p", "%s%s%s%s%s%s" % (LP, NUMERALS[i + 1], RP, term, CO, text), "glossary"))
    tail.append(("p", "%s%s%s本部门使用的支出功能分类科目%s到项级%s" % (LP, NUMERALS[len(gl) + 1], RP, LP, RP), "glossary"))
    for i, c in enumerate(sorted(m.gen)):
        lword = st.names[c[:3]]
        if lword.endswith("支出"):
            lword = lword[:-2]
        tail.append(("p", "%d.%s%s类%s%s%s款%s%s%s项%s。" % (i + 1, lword, LP, RP, st.names[c[:5]], LP, RP, st.names[c], LP, RP), "glossary"))
    target = rng.randint(28 * 1024, 33 * 1024)
    size = sum(len(b[1].encode()) for b in doc.blocks + tail) * 1.04
    k = 0
    while size < target:
        k += 1
        doc.h("%s、%s" % (NUMERALS[k] if k < len(NUMERALS) else "二十", rng.choice(F_TOPICS)))
        for j in range(rng.randint(2, 4)):
            t = "%d.%s。%s" % (j + 1, rng.choice(F_SUB), fill.paragraph(3, 7))
            doc.p(t)
            size += len(t.encode()) * 1.04
    doc.blocks.extend(tail)
    return doc


GLOSSARY = [
    ("一般公共预算财政拨款收入", "指区级财政一般公共预算当年拨付的资金。"),
    ("政府性基金预算财政拨款收入", "指区级财政政府性基金预算当年拨付的资金。"),
    ("国有资本经营预算财政拨款收入", "指区级财政国有资本经营预算当年拨付的资金。"),
    ("上级补助收入", "指从主管部门和上级单位取得的非财政补助收入。"),
    ("事业收入", "指事业单位开展专业业务活动及其辅助活动取得的收入。"),
    ("经营收入", "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。"),
    ("其他收入", "指单位取得的除上述收入以外的各项收入。"),
    ("使用非财政拨款结余", "指事业单位使用以前年度积累的非财政拨款结余弥补当年收支差额的金额。"),
    ("年初结转和结余", "指单位以前年度尚未完成、结转到本年仍按原规定用途继续使用的资金，或项目已完成等产生的结余资金。"),
    ("结余分配", "指事业单位按照会计制度规定缴纳的所得税、提取的专用结余以及转入非财政拨款结余的金额等。"),
    ("年末结转和结余", "指单位按有关规定结转到下年或以后年度继续使用的资金，或项目已完成等产生的结余资金。"),
    ("基本支出", "指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。"),
    ("项目支出", "指在基本支出之外为完成特定行政任务或事业发展目标所发生的支出。"),
    ("经营支出", "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动发生的支出。"),
    ("“三公”经费", "纳入财政一般公共预算管理的“三公”经费，是指部门用一般公共预算财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。"),
    ("机关运行经费", "指为保障行政单位（包括参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金。"),
]


class Filler:
    def __init__(self, rng):
        self.rng = rng

    def sentence(self):
        r = self.rng
        k = r.random()
        if k < 0.3:
            what, unit = r.choice(F_COUNT)
            return "全年%s%d%s%s%s。" % (what, r.randint(3, 900), unit, "，", r.choice(F_RES))
        if k < 0.6:
            return "%s，%s，%s。" % (r.choice(F_LEAD), r.choice(F_ACT), r.choice(F_RES))
        return "一是%s；二是%s；三是%s，%s。" % (r.choice(F_ACT), r.choice(F_ACT), r.choice(F_ACT), r.choice(F_RES))

    def paragraph(self, lo, hi):
        return "".join(self.sentence() for _ in range(self.rng.randint(lo, hi)))


def render(doc, drop):
    """The text of the narrative; blocks whose key is in [drop] are left
    out (a heading alone, or a whole section)."""
    s = doc.s
    out = [" "]
    for kind, text, key in doc.blocks:
        if key in drop or (kind, key) in drop:
            continue
        if kind == "h":
            out.append(text)
        else:
            out.append(wrap(text, s.width, s.line_sep))
        out.append(s.para_sep)
    return "".join(out) + "\n"


# ---------------------------------------------------------------------------
# Defects.  Each maps to exactly one rule of rules/2021, changes published
# figures in a way that leaves every other rule holding, and returns a short
# description (or None when the unit is not eligible).
# ---------------------------------------------------------------------------


def delta(rng, lo=0.5):
    """A typo-sized difference in 万元, well above rounding."""
    return D(rng.choice([1, 2, 3, 5, 10, 20, 50, 100])) * D(rng.randint(11, 99)) / D(10) + D(lo) - D(0.5) + D("0.01") * rng.randint(0, 99)


def pick_siblings(T, name, col=None, need=None):
    """Two 项 rows under one 款 of table [name] (the second with [col] >=
    [need] when given)."""
    t = T[name]
    keys = [k for k in t.rows if len(k) == 7]
    by_parent = {}
    for k in keys:
        by_parent.setdefault(k[:5], []).append(k)
    cands = []
    for p, ks in sorted(by_parent.items()):
        if len(ks) >= 2:
            for a in ks:
                for b in ks:
                    if a != b and (col is None or t.get_wan(b, col) >= need):
                        cands.append((a, b))
    return cands


class Ctx:
    def __init__(self, rng, st, m, T, f, prior_T, flags):
        self.rng, self.st, self.m, self.T, self.f, self.prior_T, self.flags = rng, st, m, T, f, prior_T, flags


def d_I01(c):
    dl = delta(c.rng)
    c.T["收入支出决算总表"].shift("使用非财政拨款结余", "金额", dl)
    return "收入支出决算总表 使用非财政拨款结余 +%s" % dl


def d_I02(c):
    dl = delta(c.rng)
    c.T["收入支出决算总表"].shift("结余分配", "金额", dl)
    return "收入支出决算总表 结余分配 +%s" % dl


def d_I03(c):
    dl = delta(c.rng)
    t = c.T["收入支出决算总表"]
    t.shift("支出总计", "金额", dl)
    t.shift("年末结转和结余", "金额", dl)
    return "收入支出决算总表 支出总计 and 年末结转和结余 +%s (支出总计 ≠ 收入总计)" % dl


def d_I04(c):
    cands = pick_siblings(c.T, "收入决算表", "本年收入合计", D(1))
    if not cands:
        return None
    a, b = c.rng.choice(cands)
    dl = min(delta(c.rng), c.T["收入决算表"].get_wan(b, "本年收入合计") - D("0.5"))
    if dl < D("0.5"):
        return None
    dl = dl.quantize(C2)
    c.T["收入决算表"].shift(a, "本年收入合计", dl)
    c.T["收入决算表"].shift(b, "本年收入合计", -dl)
    return "收入决算表 %s 本年收入合计 +%s, %s −%s" % (a, dl, b, dl)


def d_I05(c):
    cands = pick_siblings(c.T, "支出决算表", "本年支出合计", D(1))
    if not cands:
        return None
    a, b = c.rng.choice(cands)
    dl = min(delta(c.rng), c.T["支出决算表"].get_wan(b, "本年支出合计") - D("0.5")).quantize(C2)
    if dl < D("0.5"):
        return None
    c.T["支出决算表"].shift(a, "本年支出合计", dl)
    c.T["支出决算表"].shift(b, "本年支出合计", -dl)
    return "支出决算表 %s 本年支出合计 +%s, %s −%s" % (a, dl, b, dl)


def d_I06(c):
    t = c.T["财政拨款收入支出决算总表"]
    leis = [k for k in t.rows if k in c.st.names.values()]
    k = c.rng.choice(leis)
    dl = delta(c.rng)
    t.shift(k, "合计", dl)
    return "财政拨款收入支出决算总表 %s 合计 +%s" % (k, dl)


def d_I07(c):
    t = c.T["财政拨款收入支出决算总表"]
    dl = delta(c.rng)
    t.shift("年末财政拨款结转和结余", "合计", dl)
    t.shift("年末财政拨款结转和结余", "一般公共预算财政拨款", dl)
    return "财政拨款收入支出决算总表 年末财政拨款结转和结余 +%s" % dl


def d_I08(c):
    t = c.T["支出决算表"]
    keys = [k for k in t.rows if len(k) == 7]
    k = c.rng.choice(keys)
    col = "基本支出" if t.rows[k]["基本支出"] > 0 else "项目支出"
    dl = delta(c.rng)
    t.shift(k, "本年支出合计", dl)
    t.shift(k, col, dl)
    return "支出决算表 %s 本年支出合计 and %s +%s (款 ≠ Σ项)" % (k, col, dl)


def d_I09(c):
    t = c.T["一般公共预算财政拨款支出决算表"]
    for col in c.rng.sample(["基本支出", "项目支出"], 2):
        cands = pick_siblings(c.T, "一般公共预算财政拨款支出决算表", col, D(1))
        if cands:
            a, b = c.rng.choice(cands)
            dl = min(delta(c.rng), t.get_wan(b, col) - D("0.5")).quantize(C2)
            if dl < D("0.5"):
                continue
            t.shift(a, col, dl)
            t.shift(b, col, -dl)
            return "一般公共预算财政拨款支出决算表 %s %s +%s, %s −%s" % (a, col, dl, b, dl)
    return None


def d_I10(c):
    t = c.T["一般公共预算财政拨款基本支出决算表"]
    keys = [k for k in t.rows if len(k) == 5]
    k = c.rng.choice(keys)
    dl = delta(c.rng)
    t.shift(k, "决算数", dl)
    return "一般公共预算财政拨款基本支出决算表 %s +%s (类 ≠ Σ款)" % (k, dl)


def d_I11(c):
    t = c.T["一般公共预算财政拨款基本支出决算表"]
    if "合计" not in t.rows:
        return None
    dl = delta(c.rng)
    t.shift("合计", "决算数", dl)
    return "一般公共预算财政拨款基本支出决算表 合计 +%s" % dl


def d_I12(c):
    t = c.T["一般公共预算财政拨款三公经费支出决算表"]
    dl = delta(c.rng)
    row = c.rng.choice(["因公出国（境）费", "公务接待费", "公务用车购置费"])
    t.shift(row, "预算数", dl)
    return "三公经费表 %s 预算数 +%s" % (row, dl)


def d_X01(c):
    t = c.T["收入支出决算总表"]
    have = [s for s in INCOME_SOURCES if t.get_wan(s, "金额") >= D(2)]
    if not have:
        return None
    src = c.rng.choice(have)
    dst = c.rng.choice([s for s in INCOME_SOURCES if s != src])
    dl = min(delta(c.rng), t.get_wan(src, "金额") - D(1)).quantize(C2)
    if dl < D("0.5"):
        return None
    t.shift(src, "金额", -dl)
    t.shift(dst, "金额", dl)
    return "收入支出决算总表 %s −%s, %s +%s (≠ 收入决算表)" % (src, dl, dst, dl)


def d_X02(c):
    t = c.T["收入支出决算总表"]
    leis = [c.st.names[k] for k in c.T["支出决算表"].rows if len(k) == 3]
    k = c.rng.choice(leis)
    dl = delta(c.rng)
    t.shift(k, "金额", dl)
    return "收入支出决算总表 %s +%s (≠ 支出决算表)" % (k, dl)


def d_X03(c):
    t = c.T["收入支出决算总表"]
    have = [s for s in ("政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入") if t.get_wan(s, "金额") >= D(2)]
    if not have:
        return None
    src = c.rng.choice(have)
    dl = min(delta(c.rng), t.get_wan(src, "金额") - D(1)).quantize(C2)
    if dl < D("0.5"):
        return None
    t.shift(src, "金额", -dl)
    t.shift("一般公共预算财政拨款收入", "金额", dl)
    return "收入支出决算总表 一般公共预算财政拨款收入 +%s, %s −%s (≠ 财政拨款收入支出决算总表)" % (dl, src, dl)


def d_X04(c):
    t = c.T["财政拨款收入支出决算总表"]
    leis = [c.st.names[k] for k in c.T["一般公共预算财政拨款支出决算表"].rows if len(k) == 3]
    k = c.rng.choice(leis)
    dl = delta(c.rng)
    t.shift(k, "一般公共预算财政拨款", dl)
    t.shift(k, "合计", dl)
    return "财政拨款收入支出决算总表 %s 一般公共预算财政拨款 +%s (≠ 一般公共预算财政拨款支出决算表)" % (k, dl)


def d_X05(c):
    t = c.T["一般公共预算财政拨款基本支出决算表"]
    k = c.st.e301[0][0]
    dl = delta(c.rng)
    for key in ("人员经费合计", "301", k) + (("合计",) if "合计" in t.rows else ()):
        t.shift(key, "决算数", dl)
    c.f.overrides["basic6"] = c.f.basic6 + dl
    c.f.overrides["personnel"] = c.f.personnel + dl
    return "基本支出决算表 人员经费 +%s (with its prose): ≠ 一般公共预算财政拨款支出决算表 基本支出" % dl


def d_X06(c):
    t = c.T["财政拨款收入支出决算总表"]
    dl = delta(c.rng)
    if c.m.fund:
        leis = [c.st.names[k] for k in c.T["政府性基金预算财政拨款收入支出决算表"].rows if len(k) == 3]
        k = c.rng.choice(leis)
        t.shift(k, "政府性基金预算财政拨款", dl)
        t.shift(k, "合计", dl)
        return "财政拨款收入支出决算总表 %s 政府性基金 +%s (≠ 公开08表)" % (k, dl)
    have = t.get_wan("年初财政拨款结转和结余", "一般公共预算财政拨款")
    if have < D(2):
        return None
    dl = min(dl, have - D(1)).quantize(C2)
    t.shift("年初财政拨款结转和结余", "政府性基金预算财政拨款", dl)
    t.shift("年初财政拨款结转和结余", "一般公共预算财政拨款", -dl)
    return "财政拨款收入支出决算总表 年初结转和结余 政府性基金 +%s though 公开08表 is empty" % dl


def d_X10(c):
    t = c.T["收入支出决算总表"]
    dl = delta(c.rng)
    for k in ("年初结转和结余", "收入总计", "支出总计", "年末结转和结余"):
        t.shift(k, "金额", dl)
    c.f.overrides["total"] = c.f.total + dl
    return "收入支出决算总表 年初结转和结余 +%s (and the totals): ≠ 上年年末结转和结余" % dl


def d_T01(c):
    name = c.rng.choice(list(COLS))
    c.T[name].present = False
    return "%s.csv missing" % name


def verify_growth(this, inc, rate, decrease=False):
    """True when N-02/N-03 would fail on the stated figures."""
    ti = interval(this)
    ii = interval(inc)
    last = iv_add(ti, ii) if decrease else iv_sub(ti, ii)
    if decrease:
        expect = iv_pct(ii, last)
    else:
        g = iv_div(iv_sub(ti, last), last)
        expect = None if g is None else (g[0] * 100, g[1] * 100)
    return not iv_meet(interval(rate), expect)


def growth_sentences(c):
    """The 比上年 sentences of the narrative: (key, this, last)."""
    f, s = c.f, c.st.style
    out = [("total", f.overrides.get("total", f.total), f.total_last), ("fin_total", f.fin_total, f.fin_total_last),
           ("gen", f.gen, f.gen_last)]
    if f.jg and f.jg_last:
        out.append(("jg", f.jg, f.jg_last))
    return out


def d_N01(c):
    dl = delta(c.rng)
    c.f.overrides["total"] = c.f.total + dl
    return "说明 收、支总计 +%s (≠ 收入支出决算总表 收入总计)" % dl


def _growth_slip(c, want_decrease):
    f = c.f
    cands = []
    for key, this, last in growth_sentences(c):
        if (this < last) == want_decrease and this != last:
            cands.append((key, this, last))
    if not cands:
        return None
    key, this, last = c.rng.choice(cands)
    k = c.st.style.growth_dec
    diff = abs(this - last)
    if not want_decrease:
        slips = [("ratio", rnd(F(this) * 100 / F(last), k)), ("base", rnd(F(diff) * 100 / F(this), k))]
    else:
        slips = [("ratio", rnd(F(this) * 100 / F(last), k)), ("base", rnd(F(diff) * 100 / F(this), k))]
    c.rng.shuffle(slips)
    for what, rate in slips:
        if verify_growth(this, diff, rate, want_decrease):
            f.overrides[key + ".rate"] = rate
            return "说明 %s: rate written as %s (%s%%)" % (key, "this ÷ last" if what == "ratio" else "change ÷ this year", rate)
    return None


def d_N02(c):
    return _growth_slip(c, False)


def d_N03(c):
    return _growth_slip(c, True)


def _share_slip(c, key, part, whole, k):
    """A stated share that no rounding explains."""
    true = F(part) * 100 / F(whole)
    opts = [rnd(100 - true, k), rnd(true + F(c.rng.randint(2, 15)), k), rnd(true / 100, max(k, 2)) if true > 5 else None]
    c.rng.shuffle(opts)
    for v in opts:
        if v is None or v < 0:
            continue
        if not iv_meet(interval(v), iv_pct(interval(part), interval(whole))):
            c.f.overrides[key] = v
            return v
    return None


def d_N04(c):
    f = c.f
    which = c.rng.choice(["inc_fin", "inc_oth"])
    part = f.inc_fin if which == "inc_fin" else f.inc_oth
    if part == 0:
        which, part = "inc_fin", f.inc_fin
    v = _share_slip(c, which + ".share", part, f.income, c.st.style.share_dec)
    return None if v is None else "说明 收入结构: %s share written %s%%" % (which, v)


def d_N05(c):
    f = c.f
    which = c.rng.choice(["sp_basic", "sp_proj", "gen"])
    if which == "gen":
        if c.st.style.gen_form != "a":
            return None
        v = _share_slip(c, "gen.share", f.gen, f.spend, 1)
    else:
        part = f.sp_basic if which == "sp_basic" else f.sp_proj
        if part == 0:
            return None
        v = _share_slip(c, which + ".share", part, f.spend, c.st.style.share_dec)
    return None if v is None else "说明 支出结构: %s share written %s%%" % (which, v)


def d_N06(c):
    dl = delta(c.rng)
    c.f.overrides["inc_oth"] = c.f.inc_oth + dl
    return "说明 其他收入 +%s (收入合计 ≠ 财政拨款收入 + 其他收入)" % dl


def d_N07(c):
    dl = delta(c.rng)
    c.f.overrides["sp_proj"] = c.f.sp_proj + dl
    return "说明 项目支出 +%s (支出合计 ≠ 基本 + 项目)" % dl


def d_N08(c):
    dl = delta(c.rng)
    c.f.overrides["fin_total"] = c.f.fin_total + dl
    return "说明 财政拨款收、支总计 +%s" % dl


def d_N09(c):
    f = c.f
    code, nm, bud, act = c.rng.choice(f.leis)
    true = F(act) * 100 / F(f.gen)
    for v in (rnd(true + F(c.rng.randint(2, 9)), 1), rnd(100 - true, 1), rnd(true * F(act) / F(f.spend) if f.spend else true, 1)):
        if v >= 0 and not iv_meet(interval(v), iv_pct(interval(act), interval(f.gen))):
            f.overrides["struct." + code] = v
            return "说明 财政拨款支出结构: %s share written %s%%" % (nm, v)
    return None


def d_N10(c):
    f = c.f
    i = c.rng.randrange(len(f.perf))
    pn, bud, act = f.perf[i]
    true = F(act) * 100 / F(bud)
    for v in (rnd(100 - true, 1), rnd(true - F(c.rng.randint(3, 20)), 1), rnd(F(bud) * 100 / F(act), 1)):
        if v >= 0 and not iv_meet(interval(v), iv_pct(interval(act), interval(bud))):
            f.overrides["perf.%d" % i] = v
            return "说明 绩效 %s: 完成率 written %s%%" % (pn, v)
    return None


def d_N11(c):
    f = c.f
    alt = f.spend if f.spend != f.gen and abs(f.spend - f.gen) >= D(1) else f.gen + delta(c.rng)
    f.overrides["s3.actual"] = alt
    return "说明 一般公共预算财政拨款支出决算 written %s (%s)" % (alt, "all funds" if alt == f.spend else "typo")


def d_N12(c):
    f = c.f
    alt = f.sp_basic if abs(f.sp_basic - f.gen_basic) >= D(1) else f.gen_basic + delta(c.rng)
    f.overrides["s3.basic"] = alt
    return "说明 五（三）基本支出 written %s" % alt


def d_N13(c):
    dl = delta(c.rng)
    c.f.overrides["basic6"] = c.f.basic6 + dl
    return "说明 六 基本支出 +%s (≠ 人员经费 + 公用经费)" % dl


def d_N14(c):
    dl = delta(c.rng)
    c.f.overrides["abroad"] = c.f.abroad + dl
    return "说明 因公出国（境）费 +%s (三公 ≠ Σ)" % dl


def d_N15(c):
    dl = delta(c.rng)
    c.f.overrides["fuel"] = c.f.fuel + dl
    return "说明 燃油费 +%s (运行费 ≠ 维修 + 保险 + 燃油)" % dl


def d_N16(c):
    dl = delta(c.rng)
    c.f.overrides["run.less"] = c.f.run_b - c.f.run + dl
    return "说明 运行费 比年初预算减少 +%s" % dl


def verify_signed_growth(this, change, rate):
    """True when `rate ≈ growth(this, this - change)` fails (N-17, N-18:
    change and rate negative for 减少/下降)."""
    ti = interval(this)
    ci = interval(abs(change))
    if change < 0:
        ci = (-ci[1], -ci[0])
    last = iv_sub(ti, ci)
    g = iv_div(iv_sub(ti, last), last)
    expect = None if g is None else (g[0] * 100, g[1] * 100)
    ri = interval(rate)
    if change < 0:
        ri = (-ri[1], -ri[0])
    return not iv_meet(ri, expect)


def _sg_slip(c, key, this, last):
    k = c.st.style.growth_dec
    diff = this - last
    if diff == 0:
        return None
    for rate in (rnd(F(this) * 100 / F(last), k), rnd(F(abs(diff)) * 100 / F(this), k)):
        if verify_signed_growth(this, diff, rate):
            c.f.overrides[key + ".rate"] = rate
            return rate
    return None


def d_N17(c):
    v = _sg_slip(c, "sg", c.f.sg, c.f.sg_last)
    return None if v is None else "说明 “三公”经费 增长率 written %s%% (ratio)" % v


def d_N18(c):
    v = _sg_slip(c, "car", c.f.car, c.f.car_last)
    return None if v is None else "说明 公务用车购置及运行费 增长率 written %s%% (ratio)" % v


def d_N19(c):
    c.flags["no_sg_reason"] = True
    return "说明 “三公” section gives no reason for the change"


def d_N20(c):
    f = c.f
    kind = c.rng.choice(["sum", "share", "micro"])
    if kind == "sum":
        dl = delta(c.rng)
        f.overrides["cg_total"] = f.cg_total + dl
        # keep the shares consistent with the stated total
        f.overrides["cg_sme.share"] = rnd(F(f.cg_sme) * 100 / F(f.cg_total + dl), 1)
        return "说明 政府采购支出总额 +%s (≠ 货物 + 工程 + 服务)" % dl
    if kind == "share":
        v = _share_slip(c, "cg_sme.share", f.cg_sme, f.cg_total, 1)
        return None if v is None else "说明 中小企业合同占比 written %s%%" % v
    if f.cg_micro >= f.cg_sme or f.cg_sme == f.cg_micro:
        return None
    f.overrides["cg_sme"], f.overrides["cg_micro"] = f.cg_micro, f.cg_sme
    f.overrides["cg_sme.share"] = rnd(F(f.cg_micro) * 100 / F(f.cg_total), 1)
    return "说明 小微企业合同 %s > 中小企业合同 %s" % (f.cg_sme, f.cg_micro)


def d_N21(c):
    tot, xz, sy, cg, ret = c.f.staff
    c.f.overrides["staff"] = (tot + c.rng.randint(1, 3), xz, sy, cg, ret)
    return "说明 在职实有人数 ≠ 行政 + 事业"


def d_N22(c):
    f = c.f
    f.overrides["vehicles"] = max(0, f.cars - c.rng.randint(1, f.cars))
    return "说明 国有资产 车辆 %d < 公务用车保有量 %d" % (f.overrides["vehicles"], f.cars)


def d_N23(c):
    i = c.rng.choice([1, 2])
    c.f.dates[i] = c.f.dates[i] - 1
    return "说明 截至 date in %d (last year's sentence copied)" % c.f.dates[i]


def d_N24(c):
    dl = delta(c.rng)
    c.f.overrides["income"] = c.f.income + dl
    c.f.overrides["inc_oth"] = c.f.inc_oth + dl
    return "说明 收入合计 +%s (and 其他收入): ≠ 收入支出决算总表" % dl


def d_N25(c):
    f = c.f
    dl = min(delta(c.rng), f.public - D(1)).quantize(C2)
    if dl < D("0.5"):
        return None
    f.overrides["personnel"] = f.personnel + dl
    f.overrides["public"] = f.public - dl
    return "说明 人员经费 +%s, 公用经费 −%s (≠ 基本支出决算表)" % (dl, dl)


def d_N26(c):
    dl = delta(c.rng)
    c.f.overrides["sg_b"] = c.f.sg_b + dl
    return "说明 “三公”经费 预算 +%s (≠ 三公经费表)" % dl


def d_N27(c):
    f = c.f
    olds = [(code, nm) for code, nm, b, a in f.leis if nm in OLD_NAMES]
    if olds and c.rng.random() < 0.5:
        code, nm = c.rng.choice(olds)
        f.overrides["lei.name." + code] = OLD_NAMES[nm]
        return "说明 类 name %s from an earlier year (D-08)" % OLD_NAMES[nm]
    code, nm, b, a = c.rng.choice(f.leis)
    dl = delta(c.rng)
    f.overrides["lei.actual." + code] = a + dl
    return "说明 %s（类）支出决算 +%s" % (nm, dl)


def d_N28(c):
    f = c.f
    named = getattr(f, "named_items_pre", [])
    if not named:
        return None
    code, b, a = c.rng.choice(named)
    if c.rng.random() < 0.5:
        dl = delta(c.rng)
        f.overrides["item.actual." + code] = a + dl
        c.flags.setdefault("must_items", []).append(code)
        return "说明 项 %s 支出决算 +%s" % (code, dl)
    true = F(a) * 100 / F(b)
    k = c.st.style.rate_dec
    for v in (rnd(100 - true, k), rnd(true + F(c.rng.randint(3, 20)), k)):
        if v >= 0 and not iv_meet(interval(v), iv_pct(interval(a), interval(b))):
            f.overrides["item.rate." + code] = v
            c.flags.setdefault("must_items", []).append(code)
            return "说明 项 %s 完成率 written %s%%" % (code, v)
    return None


def d_N29(c):
    f = c.f
    code, b, a = c.rng.choice(f.items)
    c.flags.setdefault("must_items", []).append(code)
    c.flags.setdefault("code_items", []).append(code)
    if c.rng.random() < 0.5:
        dl = delta(c.rng)
        f.overrides["item.actual." + code] = a + dl
        return "说明 科目 %s 支出决算 +%s" % (code, dl)
    # a code that is not in the table (a 项 digit slip)
    for last2 in ("98", "97", "96", "95"):
        alt = code[:5] + last2
        if alt not in c.T["一般公共预算财政拨款支出决算表"].rows:
            f.overrides["item.code." + code] = alt
            return "说明 科目 %s written as %s (not in the table)" % (code, alt)
    return None


def d_N30(c):
    opts = [("sec2", "收入决算情况"), ("sec4", "财政拨款收入支出决算总体情况"), ("sec5", "一般公共预算财政拨款支出决算情况"),
            ("sec11", "政府采购"), ("sec12", "国有资产"), ("sec13", "绩效"), ("glossary", "名词解释")]
    key, what = c.rng.choice(opts)
    if key in ("sec13", "glossary"):
        c.flags.setdefault("drop", set()).add(key)  # the whole section
    else:
        c.flags.setdefault("drop", set()).add(("h", key))  # its heading only
    return "说明 section “%s” missing" % what


def d_N33(c):
    opts = []
    if not c.m.fund:
        opts.append("no_fund_statement")
    if not c.m.soe:
        opts.append("no_soe_statement")
    if not opts:
        return None
    k = c.rng.choice(opts)
    c.flags[k] = True
    return "说明 says nothing of the empty %s table" % ("政府性基金" if k == "no_fund_statement" else "国有资本经营")


def _last_slip(c, key, this, last, rule_name):
    dl = delta(c.rng)
    if dl >= last:  # a small figure ("三公"): a slip in proportion
        dl = max(D("0.05"), (last * D(c.rng.uniform(0.1, 0.6))).quantize(C2))
    new_last = last - dl
    if new_last <= 0 or new_last == this:
        return None
    c.f.overrides[key + ".last"] = new_last
    return "说明 %s: 比上年 computed from a wrong last-year figure (%s for %s)" % (rule_name, new_last, last)


def d_N34(c):
    return _last_slip(c, "total", c.f.overrides.get("total", c.f.total), c.f.total_last, "收、支总计")


def d_N35(c):
    return _last_slip(c, "gen", c.f.gen, c.f.gen_last, "财政拨款支出")


def d_N36(c):
    return _last_slip(c, "sg", c.f.sg, c.f.sg_last, "“三公”经费")


# (rule, defect, tags): a unit's second defect must not share a tag; "*"
# (a missing table) excludes any other defect.
DEFECTS = [
    ("I-01", d_I01, {"t01"}), ("I-02", d_I02, {"t01"}), ("I-03", d_I03, {"t01"}), ("I-04", d_I04, {"t02"}),
    ("I-05", d_I05, {"t03"}), ("I-06", d_I06, {"t04"}), ("I-07", d_I07, {"t04"}), ("I-08", d_I08, {"t03"}),
    ("I-09", d_I09, {"t05"}), ("I-10", d_I10, {"t06"}), ("I-11", d_I11, {"t06"}), ("I-12", d_I12, {"t07"}),
    ("X-01", d_X01, {"t01"}), ("X-02", d_X02, {"t01"}), ("X-03", d_X03, {"t01"}), ("X-04", d_X04, {"t04"}),
    ("X-05", d_X05, {"t06", "s6"}), ("X-06", d_X06, {"t04"}), ("X-10", d_X10, {"t01", "s1"}), ("T-01", d_T01, {"*"}),
    ("N-01", d_N01, {"s1"}), ("N-02", d_N02, {"growth"}), ("N-03", d_N03, {"growth"}), ("N-04", d_N04, {"s2"}),
    ("N-05", d_N05, {"s3", "s5"}), ("N-06", d_N06, {"s2"}), ("N-07", d_N07, {"s3"}), ("N-08", d_N08, {"s4", "growth"}),
    ("N-09", d_N09, {"s5"}), ("N-10", d_N10, {"s13"}), ("N-11", d_N11, {"s5"}), ("N-12", d_N12, {"s5"}),
    ("N-13", d_N13, {"s6"}), ("N-14", d_N14, {"s7"}), ("N-15", d_N15, {"s7"}), ("N-16", d_N16, {"s7"}),
    ("N-17", d_N17, {"s7"}), ("N-18", d_N18, {"s7"}), ("N-19", d_N19, {"s7"}), ("N-20", d_N20, {"s11"}),
    ("N-21", d_N21, {"s0"}), ("N-22", d_N22, {"s12", "s7"}), ("N-23", d_N23, {"s12", "s7"}), ("N-24", d_N24, {"s2"}),
    ("N-25", d_N25, {"s6"}), ("N-26", d_N26, {"s7"}), ("N-27", d_N27, {"s5"}), ("N-28", d_N28, {"s5"}),
    ("N-29", d_N29, {"s5"}), ("N-30", d_N30, {"sections", "s13", "s5"}), ("N-33", d_N33, {"s8"}),
    ("N-34", d_N34, {"s1", "growth"}), ("N-35", d_N35, {"s5", "growth"}), ("N-36", d_N36, {"s7"}),
]


# ---------------------------------------------------------------------------
# Writing files.
# ---------------------------------------------------------------------------


def write_table(path, t, st, year):
    s = st.style
    buf = io.StringIO()
    wr = csv.writer(buf, lineterminator="\r\n" if s.crlf else "\n")
    if s.titles or t.unit == "元":
        wr.writerow([t.name])
        wr.writerow([TABLE_NO[t.name]])
        wr.writerow(["部门：" + st.name])
        wr.writerow(["金额单位：" + t.unit])
    wr.writerow(COLS[t.name])
    for key, row in t.rows.items():
        out = [key]
        for c in COLS[t.name][1:]:
            v = row[c]
            out.append("" if v is None else str(v))
        wr.writerow(out)
    data = buf.getvalue()
    with open(path, "wb") as fh:
        fh.write((b"\xef\xbb\xbf" if s.bom else b"") + data.encode("utf-8"))


def write_submission(path, st, T, text, year):
    os.makedirs(path, exist_ok=True)
    for name, t in T.items():
        if t.present:
            write_table(os.path.join(path, name + ".csv"), t, st, year)
    with open(os.path.join(path, "unit.csv"), "w", encoding="utf-8", newline="") as fh:
        if st.style.unit_header == "en":
            fh.write("name,code,year\n%s,%s,%d\n" % (st.name, st.code, year))
        else:
            fh.write("单位名称,单位编码,年度\n%s,%s,%d\n" % (st.name, st.code, year))
    with open(os.path.join(path, "说明.txt"), "w", encoding="utf-8", newline="") as fh:
        fh.write(text)


def gen_unit(args):
    """Generates unit [i]; returns its truth lines."""
    outdir, i, seed, err_rate, yuan_rate = args
    rng = random.Random("fisc-bench/%s/%d" % (seed, i))
    uid = "u%05d" % i
    st = make_structure(rng, i)
    if rng.random() < yuan_rate:
        st.style.yuan = rng.sample(list(COLS), rng.randint(1, 3))
    # last year, then this year (its 比上年 figures may rise or fall)
    prior = make_model(rng, st, YEAR - 1, None)
    PT = publish(st, prior, st.style.yuan)
    cur = make_model(rng, st, YEAR, prior)
    CT = publish(st, cur, st.style.yuan)
    last = last_of(prior, PT)
    # prior's own narrative, against made-up figures of the year before
    pf = make_facts(rng, st, prior, PT, fake_last(rng, prior))
    pdoc = make_narrative(rng, st, prior, pf, YEAR - 1, {})
    write_submission(os.path.join(outdir, uid, "prior"), st, PT, render(pdoc, set()), YEAR - 1)
    # this year
    f = make_facts(rng, st, cur, CT, last)
    flags = {}
    # which 项 the prose names (for N-28 defects: known before rendering)
    f.named_items_pre = []
    names_count = {}
    for c in st.names:
        names_count.setdefault(st.names[c], 0)
        if c in cur.gen or (len(c) < 7 and any(x.startswith(c) for x in cur.gen)):
            names_count[st.names[c]] += 1
    for c, b, a in f.items:
        nm = st.names[c]
        if names_count.get(nm) == 1 and b > 0:
            f.named_items_pre.append((c, b, a))
    truth = []
    if rng.random() < err_rate:
        n = 2 if rng.random() < 0.2 else 1
        used = set()
        tries = 0
        while len(truth) < n and tries < 50:
            tries += 1
            rule, fn, tags = rng.choice(DEFECTS)
            if tags & used or any(rule == r for r, _ in truth) or ("*" in tags and truth):
                continue
            ctx = Ctx(rng, st, cur, CT, f, PT, flags)
            desc = fn(ctx)
            if desc:
                truth.append((rule, desc))
                used |= tags
                if "*" in tags:
                    break  # a missing table: alone, or other checks would be skipped
    doc = make_narrative(rng, st, cur, f, YEAR, flags)
    text = render(doc, flags.get("drop", set()))
    write_submission(os.path.join(outdir, uid), st, CT, text, YEAR)
    return [(uid, r, d) for r, d in truth]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--units", type=int, required=True)
    ap.add_argument("--errors", type=float, default=0.1, help="share of units with an injected defect")
    ap.add_argument("--seed", default="1")
    ap.add_argument("--yuan", type=float, default=0.05, help="share of units publishing some tables in 元")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--first", type=int, default=1, help="number of the first unit")
    ap.add_argument("outdir")
    a = ap.parse_args()
    os.makedirs(a.outdir, exist_ok=True)
    work = [(a.outdir, i, a.seed, a.errors, a.yuan) for i in range(a.first, a.first + a.units)]
    if a.jobs > 1 and a.units > 8:
        import multiprocessing
        with multiprocessing.Pool(a.jobs) as pool:
            results = pool.map(gen_unit, work, chunksize=16)
    else:
        results = [gen_unit(w) for w in work]
    with open(os.path.join(a.outdir, "truth.tsv"), "w", encoding="utf-8") as fh:
        fh.write("unit\trule\tdescription\n")
        for lines in results:
            for uid, rule, desc in lines:
                fh.write("%s\t%s\t%s\n" % (uid, rule, desc))
    with open(os.path.join(a.outdir, "list.txt"), "w", encoding="utf-8") as fh:
        for i in range(a.first, a.first + a.units):
            fh.write(os.path.join(a.outdir, "u%05d" % i) + "\n")
    n_err = sum(1 for r in results if r)
    print("%d units in %s, %d with injected defects (%d defects)" % (a.units, a.outdir, n_err, sum(len(r) for r in results)), file=sys.stderr)


if __name__ == "__main__":
    main()
