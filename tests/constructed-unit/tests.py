# Writes the *_test.fisc files of rules/2021, rules/2021/hubei and rules/2022 from
# the same model as the fixtures, so every figure a test edits is the fixture's
# (called by gen.py).  Tests marked "Regression test" once exposed bugs and
# keep them fixed (each says which bug).
from model import *
from narr import last_figures
from write import CLASSES

def block(name, lines, comment=None):
    out = []
    if comment:
        out += ['# ' + c for c in comment.split('\n')]
    out.append(f'test "{name}" {{')
    out += ['    ' + l for l in lines]
    out.append('}')
    return '\n'.join(out) + '\n'

FX = 'with fixture "fixtures/base"'
def rep(old, new):
    return f'with 说明 replace "{old}" by "{new}"'
def exp(kind, *ids):
    return [f'expect {kind} {i}' for i in ids]
def swap2(s):
    """A typing slip: the last two digits transposed (1196.26 -> 1196.62), or,
    when they are equal, the digits on both sides of the point (817.88 -> 818.78)."""
    s = str(s)
    if s[-1] != s[-2]:
        return s[:-2] + s[-1] + s[-2]
    i = s.index('.')
    t = s[:i - 1] + s[i + 1] + '.' + s[i - 1] + s[i + 2:]
    assert t != s, s
    return t

def values(y):
    r, L = build(y), last_figures(y)
    return r, L

# ---------------------------------------------------------------- identities
def identities(y, suite):
    r, L = values(y)
    budget = '年初预算数' if y == 2021 else '全年预算数'
    T = []
    hdr = f"""# {suite}/identities_test.fisc — tests of identities.fisc (I-01 … I-12, T-01).
#
# fixtures/base is a complete, consistent {y} submission of a constructed unit
# (示例单位（构造数据）, code 999001; see fixtures/base/说明.txt).  Each test below
# makes one realistic defect in it.  A figure usually enters more than one
# identity: every rule the defect breaks is expected, so the test also
# documents how far one slip spreads.
"""
    ids = ['I-01', 'I-02', 'I-03', 'I-04', 'I-05', 'I-06', 'I-07', 'I-09', 'I-10', 'I-11', 'I-12', 'T-01']
    T.append(block('identities: the complete fixture passes every identity', [FX] + exp('pass', *ids)))
    T.append(block('I-08: the complete fixture (公开08、09表 empty, as most units publish them) passes',
                   [FX] + exp('pass', 'I-08'),
                   'Regression test for two bugs, fixed: (1) a top-level let evaluated for the\n'
                   'first time inside a rule overwrites the rule\'s local lets, so `收入决算表类数 == 0 or …`\n'
                   'ends in "cannot compare these values with `≈`"; (2) rollup() of an empty table\n'
                   '(header only) is missing, so I-08 is skipped for every unit with empty 公开08/09表.'))
    # full 08/09 trees
    fund = [('合计', '', '0.00', '20.00', '18.00', '0.00', '18.00', '2.00'),
            ('212', '城乡社区支出', '0.00', '20.00', '18.00', '0.00', '18.00', '2.00'),
            ('21208', '国有土地使用权出让收入安排的支出', '0.00', '20.00', '18.00', '0.00', '18.00', '2.00'),
            ('2120899', '其他国有土地使用权出让收入安排的支出', '0.00', '20.00', '18.00', '0.00', '18.00', '2.00')]
    cols = ['科目名称', '年初结转和结余', '本年收入', '本年支出合计', '基本支出', '项目支出', '年末结转和结余']
    lines = [FX]
    for row in fund:
        for c, v in zip(cols, row[1:]):
            if v:
                lines.append(f'with 政府性基金预算财政拨款收入支出决算表["{row[0]}"].{c} = {v if c != "科目名称" else chr(34) + v + chr(34)}')
    soe = [('合计', '', '5.00', '0.00', '5.00'), ('223', '国有资本经营预算支出', '5.00', '0.00', '5.00'),
           ('22301', '解决历史遗留问题及改革成本支出', '5.00', '0.00', '5.00'),
           ('2230105', '国有企业退休人员社会化管理补助支出', '5.00', '0.00', '5.00')]
    for row in soe:
        for c, v in zip(['科目名称', '合计', '基本支出', '项目支出'], row[1:]):
            if v:
                lines.append(f'with 国有资本经营预算财政拨款支出决算表["{row[0]}"].{c} = {v if c != "科目名称" else chr(34) + v + chr(34)}')
    T.append(block('I-08 and I-09 pass with a full 类/款/项 tree in 公开08表 and 公开09表',
                   lines + exp('pass', 'I-08', 'I-09'),
                   'Regression test (I-08 outcome was "error"): the first reason above (a top-level let\n'
                   'clobbers the rule\'s locals).  Only the 08/09 tables change here, so X-06 and\n'
                   'N-33 are not expected (the 04 table still says 0).'))
    T.append(block('I-01 fires when 使用非财政拨款结余 is not added into 收入总计',
                   [FX, 'with 收入支出决算总表["使用非财政拨款结余"].金额 = 8.00'] + exp('fail', 'I-01') + exp('pass', 'I-02', 'I-03')))
    T.append(block('I-02 fires when 结余分配 is not part of 支出总计',
                   [FX, 'with 收入支出决算总表["结余分配"].金额 = 3.50'] + exp('fail', 'I-02') + exp('pass', 'I-01', 'I-03')))
    close2 = q2(r['close_all'] + D('0.10'))
    tot2 = q2(r['total'] + D('0.10'))
    T.append(block('I-03 fires when the two sides of 收入支出决算总表 differ (each adds up on its own)',
                   [FX, f'with 收入支出决算总表["年末结转和结余"].金额 = {close2}',
                    f'with 收入支出决算总表["支出总计"].金额 = {tot2}'] + exp('fail', 'I-03') + exp('pass', 'I-01', 'I-02')))
    T.append(block('I-04 fires when an income line of 收入支出决算总表 is not in 本年收入合计',
                   [FX, '# 事业收入 entered in 公开01表 only: the 总表 no longer adds up, and disagrees with 公开02表',
                    'with 收入支出决算总表["事业收入"].金额 = 6.00'] + exp('fail', 'I-04', 'X-01')))
    T.append(block('I-04 fires on a row of 收入决算表 whose sources do not add up',
                   [FX, f'with 收入决算表["合计"].其他收入 = {swap2(f2(r["other"]))}'] + exp('fail', 'I-04', 'I-08', 'X-01')))
    T.append(block('I-05 fires when a kind of expense is missing from 本年支出合计',
                   [FX, '# 经营支出 on the 合计 row only: the row does not add up, nor does 合计 = Σ类',
                    'with 支出决算表["合计"].经营支出 = 2.40'] + exp('fail', 'I-05', 'I-08')))
    T.append(block('I-06 fires when a 类 row of 财政拨款收入支出决算总表 is not split by kind',
                   [FX, f'with 财政拨款收入支出决算总表["{NAMES["221"]}"].政府性基金预算财政拨款 = 1.00'] + exp('fail', 'I-06') + exp('pass', 'I-07', 'X-04')))
    fc2 = q2(r['fin_close'] - D('0.45'))
    T.append(block('I-07 fires when 年末财政拨款结转和结余 does not close 财政拨款收入支出决算总表',
                   [FX, f'with 财政拨款收入支出决算总表["年末财政拨款结转和结余"].合计 = {fc2}',
                    f'with 财政拨款收入支出决算总表["年末财政拨款结转和结余"].一般公共预算财政拨款 = {fc2}'] + exp('fail', 'I-07') + exp('pass', 'I-06')))
    b201 = r['t03']['201']
    T.append(block('I-08 fires when a 类 of 支出决算表 is split between 基本 and 项目 unlike its 款',
                   [FX, '# the 类 total is right (I-05 holds), its split is not the sum of its 款',
                    f'with 支出决算表["201"].基本支出 = {q2(b201["basic"] + 10)}',
                    f'with 支出决算表["201"].项目支出 = {q2(b201["project"] - 10)}'] + exp('fail', 'I-08') + exp('pass', 'I-05', 'X-02')))
    it = r['t05']['2101101']
    T.append(block(f'I-08 fires when the {budget} of a 项 does not add up to its 款',
                   [FX, f'with 一般公共预算财政拨款支出决算表["2101101"].{budget} = {q2(it["budget"] + 2)}'] + exp('fail', 'I-08', 'N-28')))
    T.append(block('I-09 fires when a row of 一般公共预算财政拨款支出决算表 is not 基本 + 项目',
                   [FX, '# 项目支出 entered on a 项 whose 合计 is all 基本支出',
                    'with 一般公共预算财政拨款支出决算表["2010301"].项目支出 = 5.00'] + exp('fail', 'I-09', 'I-08')))
    e = r['t06']
    T.append(block('I-10 fires when the 款 of an economic 类 do not add up',
                   [FX, f'with 一般公共预算财政拨款基本支出决算表["30101"].决算数 = {swap2(f2(e["30101"]))}'] + exp('fail', 'I-10') + exp('pass', 'I-11', 'X-05')))
    T.append(block('I-10 fires when 人员经费合计 leaves out 303 对个人和家庭的补助',
                   [FX, f'with 一般公共预算财政拨款基本支出决算表["人员经费合计"].决算数 = {f2(e["301"])}'] + exp('fail', 'I-10', 'I-11', 'X-05', 'N-25')))
    T.append(block('I-11 fires when the 合计 row of 基本支出决算表 is not 人员经费 + 公用经费',
                   [FX, f'with 一般公共预算财政拨款基本支出决算表["合计"].决算数 = {swap2(f2(r["basic"]))}'] + exp('fail', 'I-11') + exp('pass', 'I-10', 'X-05')))
    tr = r['t07']['公务接待费'][1]
    T.append(block('I-12 fires when an item of the “三公” table is not in its 合计',
                   [FX, f'with 一般公共预算财政拨款三公经费支出决算表["公务接待费"].决算数 = {q2(tr + D("0.50"))}'] + exp('fail', 'I-12') + exp('pass', 'N-26')))
    T.append(block('I-12 fires when 公务用车购置及运行费 is not 购置费 + 运行费 (预算数)',
                   [FX, 'with 一般公共预算财政拨款三公经费支出决算表["公务用车购置费"].预算数 = 2.00'] + exp('fail', 'I-12')))
    T.append(block('T-01 fires when an empty table is left out instead of published empty',
                   [FX, 'with drop 国有资本经营预算财政拨款支出决算表'] + exp('fail', 'T-01') + exp('skip', 'X-06')))
    T.append(block('T-01 is skipped for a narrative-only submission',
                   [FX] + [f'with drop {t}' for t in ['收入支出决算总表', '收入决算表', '支出决算表', '财政拨款收入支出决算总表',
                                                       '一般公共预算财政拨款支出决算表', '一般公共预算财政拨款基本支出决算表',
                                                       '一般公共预算财政拨款三公经费支出决算表', '政府性基金预算财政拨款收入支出决算表',
                                                       '国有资本经营预算财政拨款支出决算表']] + exp('skip', 'T-01', 'I-01', 'X-02')))
    return hdr + '\n' + '\n'.join(T)

# ---------------------------------------------------------------- crosscheck
def crosscheck(y, suite):
    r, L = values(y)
    T = []
    hdr = f"""# {suite}/crosscheck_test.fisc — tests of crosscheck.fisc (X-01 … X-06, X-10)
# on fixtures/base ({y}; fixtures/base/prior is the same unit's {y - 1} submission).
"""
    T.append(block('crosscheck: the complete fixture passes every cross-check',
                   [FX] + exp('pass', 'X-01', 'X-02', 'X-03', 'X-04', 'X-05', 'X-06', 'X-10')))
    oth = f2(r['other'])
    T.append(block('X-01 fires when 其他收入 is booked as 事业收入 in 收入支出决算总表',
                   [FX, f'with 收入支出决算总表["事业收入"].金额 = {oth}', 'with 收入支出决算总表["其他收入"].金额 = 0.00']
                   + exp('fail', 'X-01') + exp('pass', 'I-04')))
    c = f2(r['t03']['210']['total'])
    T.append(block('X-02 fires when a 类 of 收入支出决算总表 differs from 支出决算表',
                   [FX, f'with 收入支出决算总表["{NAMES["210"]}"].金额 = {swap2(c)}'] + exp('fail', 'X-02') + exp('pass', 'I-02')))
    T.append(block('X-03 fires when 财政拨款收入支出决算总表 states another 一般公共预算财政拨款收入',
                   [FX, f'with 财政拨款收入支出决算总表["一般公共预算财政拨款收入"].合计 = {swap2(f2(r["A"]))}'] + exp('fail', 'X-03', 'I-06')))
    c = f2(r['t05']['210']['total'])
    T.append(block('X-04 fires when a 类 of 财政拨款收入支出决算总表 differs from 一般公共预算财政拨款支出决算表',
                   [FX, f'with 财政拨款收入支出决算总表["{NAMES["210"]}"].合计 = {swap2(c)}',
                    f'with 财政拨款收入支出决算总表["{NAMES["210"]}"].一般公共预算财政拨款 = {swap2(c)}'] + exp('fail', 'X-04') + exp('pass', 'I-06')))
    e = r['t06']
    d = D('9.00')
    T.append(block('X-05 fires when 基本支出决算表 is from another version of the accounts',
                   [FX, '# every figure of 公开06表 on the 301 path raised alike: 公开06表 adds up, 公开05表 disagrees',
                    f'with 一般公共预算财政拨款基本支出决算表["30199"].决算数 = {q2(e["30199"] + d)}',
                    f'with 一般公共预算财政拨款基本支出决算表["301"].决算数 = {q2(e["301"] + d)}',
                    f'with 一般公共预算财政拨款基本支出决算表["人员经费合计"].决算数 = {q2(r["personnel"] + d)}',
                    f'with 一般公共预算财政拨款基本支出决算表["合计"].决算数 = {q2(r["basic"] + d)}']
                   + exp('fail', 'X-05', 'N-25') + exp('pass', 'I-10', 'I-11')))
    T.append(block('X-06 fires when 公开08表 has an expense that 财政拨款收入支出决算总表 does not show',
                   [FX, 'with 政府性基金预算财政拨款收入支出决算表["合计"].本年支出合计 = 8.00'] + exp('fail', 'X-06')))
    T.append(block('X-06 fires when 财政拨款收入支出决算总表 shows 政府性基金 income but 公开08表 is empty',
                   [FX, 'with 财政拨款收入支出决算总表["政府性基金预算财政拨款收入"].合计 = 5.00'] + exp('fail', 'X-06', 'X-03', 'I-06')))
    T.append(block('X-10 fires when 年初结转和结余 is not last year\'s 年末结转和结余',
                   [FX, f'with prior.收入支出决算总表["年末结转和结余"].金额 = {swap2(f2(r["open_all"]))}'] + exp('fail', 'X-10')))
    T.append(block('X-10 fires when 年初财政拨款结转和结余 is not last year\'s 年末财政拨款结转和结余',
                   [FX, f'with prior.财政拨款收入支出决算总表["年末财政拨款结转和结余"].合计 = {swap2(f2(r["fin_open"]))}'] + exp('fail', 'X-10')))
    T.append(block('X-10 is skipped without last year\'s submission',
                   [FX, 'with drop prior'] + exp('skip', 'X-10')))
    return hdr + '\n' + '\n'.join(T)

# ---------------------------------------------------------------- narrative
def narrative_tests(y, suite):
    r, L = values(y)
    m = YEARS[y]
    ly = y - 1
    q = y == 2022                     # the 2022 wording: 全年预算 in the 公开05表 sentences
    t05 = r['t05']
    T = []
    hdr = f"""# {suite}/narrative_test.fisc — tests of narrative.fisc (N-01 … N-36) on
# fixtures/base/说明.txt ({y}).  Most tests edit one sentence of the prose the way
# real documents go wrong (a wrong share, a ratio written as growth, a figure
# from the wrong line of a table, last year's date, a missing section …).
"""
    allN = ['N-01', 'N-02', 'N-03', 'N-04', 'N-05', 'N-06', 'N-07', 'N-08', 'N-09', 'N-10', 'N-13', 'N-14',
            'N-15', 'N-16', 'N-17', 'N-18', 'N-19', 'N-20', 'N-21', 'N-23', 'N-24', 'N-25', 'N-26',
            'N-27', 'N-28', 'N-29', 'N-30', 'N-33', 'N-34', 'N-35', 'N-36']
    if y == 2021:
        allN = allN[:10] + ['N-11', 'N-12'] + allN[10:]
        allN.insert(allN.index('N-23'), 'N-22')
    T.append(block('narrative: the complete fixture passes every narrative rule', [FX] + exp('pass', *allN)))
    # N-01 / N-02 / N-34
    tot = f2(r['total'])
    d = f2(r['total'] - L['total']); g = growth(r['total'], L['total'], 2)
    # does the stated growth still fit the transposed total within rounding?  (as ≈ decides)
    new, h = D(swap2(tot)), D('0.005')
    ends = [(dd / (nn - dd)) * 100 for dd in (D(d) - h, D(d) + h) for nn in (new - h, new + h)]
    n02 = 'fail' if max(ends) < g - h or min(ends) > g + h else 'pass'
    T.append(block('N-01 fires when 收、支总计 has two digits transposed',
                   [FX, rep(f'{y}年度收、支总计{tot}万元', f'{y}年度收、支总计{swap2(tot)}万元'),
                    '# the same sentence also gives last year\'s figure (N-34) and the growth (N-02: '
                    + ('the stated growth no longer fits)' if n02 == 'fail' else 'still fits within rounding)')]
                   + exp('fail', 'N-01', 'N-34') + exp(n02, 'N-02')))
    ratio = rnd(D(r['total']) * 100 / L['total'], 2)
    T.append(block('N-02 fires when the ratio this/last is written as the growth rate',
                   [FX, rep(f'各增加{d}万元，增长{g}%', f'各增加{d}万元，增长{ratio}%')] + exp('fail', 'N-02') + exp('pass', 'N-34')))
    j, jl = m['jiguan']
    dj = f2(D(jl) - D(j))
    wrong = pct(dj, j, 2)     # divided by this year instead of last year
    T.append(block('N-03 fires when the fall is divided by this year instead of last year',
                   [FX, rep(f'减少{dj}万元，下降{pct(dj, jl, 2)}%', f'减少{dj}万元，下降{wrong}%')] + exp('fail', 'N-03')))
    sh = pct(r['A'], r['income'], 2)
    T.append(block('N-04 fires when an income share is wrong',
                   [FX, rep(f'占本年收入{sh}%', f'占本年收入{q2(sh + 1)}%')] + exp('fail', 'N-04')))
    sp = pct(r['project_all'], r['E'], 2)
    T.append(block('N-05 fires when an expense share is wrong',
                   [FX, rep(f'占本年支出{sp}%', f'占本年支出{swap2(str(sp))}%')] + exp('fail', 'N-05')))
    o = f2(r['other']); o2 = q2(r['other'] - D('0.45'))
    T.append(block('N-06 fires when 收入合计 is not 财政拨款收入 + 其他收入 (the share recomputed from the wrong figure)',
                   [FX, rep(f'其他收入{o}万元，占本年收入{pct(r["other"], r["income"], 2)}%', f'其他收入{o2}万元，占本年收入{pct(o2, r["income"], 2)}%')]
                   + exp('fail', 'N-06') + exp('pass', 'N-04')))
    pa = r['project_all']; pa2 = q2(pa + 18)
    T.append(block('N-07 fires when 支出合计 is not 基本支出 + 项目支出 (the share recomputed from the wrong figure)',
                   [FX, rep(f'项目支出{f2(pa)}万元，占本年支出{pct(pa, r["E"], 2)}%', f'项目支出{f2(pa2)}万元，占本年支出{pct(pa2, r["E"], 2)}%')]
                   + exp('fail', 'N-07') + exp('pass', 'N-05')))
    ft = f2(r['fin_total']); fd = f2(r['fin_total'] - L['fin_total']); fg = growth(r['fin_total'], L['fin_total'], 2)
    T.append(block('N-08 fires when 财政拨款收、支总计 is copied from 收、支总计',
                   [FX, rep(f'财政拨款收、支总计{ft}万元。与{ly}年度相比，财政拨款收、支总计各增加{fd}万元，增长{fg}%',
                            f'财政拨款收、支总计{tot}万元。与{ly}年度相比，财政拨款收、支总计各增加{d}万元，增长{g}%')]
                   + exp('fail', 'N-08') + exp('pass', 'N-02')))
    c = t05['210']['total']; s1 = pct(c, r['F'], 1)
    T.append(block('N-09 fires when a 类 share is wrong',
                   [FX, rep(f'{NAMES["210"]}{f2(c)}万元，占{s1}%', f'{NAMES["210"]}{f2(c)}万元，占{q2(s1 - D("1.0")).quantize(D("0.1"))}%')] + exp('fail', 'N-09')))
    if q:
        p = t05['2010399']
        ini = D(m['budget_initial']['2010399'])
        T.append(block('N-10 fires when a completion rate is computed against 年初预算 instead of 全年预算',
                       [FX, rep(f'执行数为{f2(p["total"])}万元，完成预算的{pct(p["total"], p["budget"], 1)}%',
                                f'执行数为{f2(p["total"])}万元，完成预算的{pct(p["total"], ini, 1)}%')] + exp('fail', 'N-10')))
    else:
        t = t05['210']; rr = pct(t['total'], t['budget'], 1)
        T.append(block('N-10 fires when the shortfall is written as the completion rate (the complement)',
                       [FX, rep(f'完成年初预算的{rr}%', f'完成年初预算的{q2(100 - rr).quantize(D("0.1"))}%')] + exp('fail', 'N-10') + exp('pass', 'N-27')))
    tot05 = t05['合计']
    if q:
        ini = sum(D(v) for v in m['budget_initial'].values())
        sent22 = (f'支出全年预算为{f2(tot05["budget"])}万元（其中年初预算{f2(ini)}万元，年中追加预算{f2(tot05["budget"] - ini)}万元），'
                  f'支出决算为{f2(tot05["total"])}万元，完成全年预算的{pct(tot05["total"], tot05["budget"], 1)}%')
        def w21(dec):   # the same sentence in the 2021 wording, with the (true) 年初 budget
            return f'支出年初预算为{f2(ini)}万元，支出决算为{f2(dec)}万元，完成年初预算的{pct(dec, ini, 1)}%'
        T.append(block('N-11 and N-12 pass on the complete 2022 fixture',
                       [FX] + exp('pass', 'N-11', 'N-12'),
                       'Regression test (a bug, fixed): N-11 and N-12 read only the 2021 wording\n'
                       '"…支出年初预算为…完成年初预算的…"; the 2022 prose says 全年预算 (公开05表 gives\n'
                       '全年预算数), so both report "说明中未找到".'))
        T.append(block('N-11 and N-12 pass on the sentence in the 2021 wording (年初预算, stated truthfully)',
                       [FX, rep(sent22, w21(tot05['total']))] + exp('pass', 'N-11', 'N-12', 'N-10')))
        T.append(block('N-11 fires when the all-funds 支出合计 is written as the 一般公共预算 决算 (2021 wording)',
                       [FX, rep(sent22, w21(r['E']))] + exp('fail', 'N-11') + exp('pass', 'N-10')))
        T.append(block('N-12 fires when 基本支出 is wrong (2021 wording)',
                       [FX, rep(sent22, w21(tot05['total'])),
                        rep(f'其中：基本支出{f2(tot05["basic"])}万元，项目支出', f'其中：基本支出{swap2(f2(tot05["basic"]))}万元，项目支出')]
                       + exp('fail', 'N-12') + exp('pass', 'N-11')))
    else:
        sent = f'支出决算为{f2(tot05["total"])}万元，完成年初预算的{pct(tot05["total"], tot05["budget"], 1)}%'
        T.append(block('N-11 fires when the all-funds 支出合计 is written as the 一般公共预算 决算',
                       [FX, rep(sent, f'支出决算为{f2(r["E"])}万元，完成年初预算的{pct(r["E"], tot05["budget"], 1)}%')]
                       + exp('fail', 'N-11') + exp('pass', 'N-10')))
        T.append(block('N-12 fires when 基本支出 in 五（三） has two digits transposed',
                       [FX, rep(f'其中：基本支出{f2(tot05["basic"])}万元，项目支出', f'其中：基本支出{swap2(f2(tot05["basic"]))}万元，项目支出')]
                       + exp('fail', 'N-12')))
    T.append(block('N-13 fires when 基本支出 in 六 is not 人员经费 + 公用经费',
                   [FX, rep(f'基本支出{f2(r["basic"])}万元，其中：人员经费', f'基本支出{swap2(f2(r["basic"]))}万元，其中：人员经费')]
                   + exp('fail', 'N-13') + exp('pass', 'N-25')))
    t7 = r['t07']
    ta = t7['公务接待费'][1]
    T.append(block('N-14 fires when the “三公” items do not add up to the total',
                   [FX, rep(f'公务接待费支出决算为{f2(ta)}万元', f'公务接待费支出决算为{swap2(f2(ta))}万元')] + exp('fail', 'N-14')))
    k1, v1, k2, v2, k3, v3 = m['run_fee']
    T.append(block('N-15 fires when 公务用车运行费 is not the sum of its parts',
                   [FX, rep(f'{k3}{v3}万元', f'{k3}{swap2(v3)}万元')] + exp('fail', 'N-15')))
    rb, ra = t7['公务用车运行费']
    T.append(block('N-16 fires when the amount below budget does not match the completion rate',
                   [FX, rep(f'比年初预算减少{f2(rb - ra)}万元', f'比年初预算减少{swap2(f2(rb - ra))}万元')] + exp('fail', 'N-16')))
    sb, sa = t7['合计']
    ds = f2(sa - L['sangong']); gs = growth(sa, L['sangong'], 1)
    T.append(block('N-17 fires when the “三公” ratio this/last is written as the growth',
                   [FX, rep(f'增加{ds}万元，增长{gs}%', f'增加{ds}万元，增长{rnd(D(sa) * 100 / L["sangong"], 1)}%')]
                   + exp('fail', 'N-17') + exp('pass', 'N-36')))
    cb, ca = t7['公务用车购置及运行费']
    dc = f2(ca - L['car']); gc = growth(ca, L['car'], 1)
    T.append(block('N-18 fires when the vehicle growth is divided by this year instead of last year',
                   [FX, rep(f'运行费支出决算增加{dc}万元，增长{gc}%', f'运行费支出决算增加{dc}万元，增长{pct(D(dc), ca, 1)}%')] + exp('fail', 'N-18')))
    treat = f'公务接待费支出决算增加{f2(ta - L["treat"])}万元，增长{growth(ta, L["treat"], 1)}%'
    T.append(block('N-19 fires when the “三公” change is given without its reasons',
                   [FX, rep('，主要原因是严格执行公务用车使用管理规定，压减车辆运行支出。', '。'),
                    rep('，主要原因是车辆使用年限增加，维修费、燃油费支出增加；', '；'),
                    rep(f'{treat}，主要原因是业务调研接待增加。', f'{treat}。')] + exp('fail', 'N-19')))
    tp, goods, works, serv, sme, micro = m['procurement']
    T.append(block('N-20 fires when the procurement total is not 货物 + 工程 + 服务',
                   [FX, rep(f'政府采购货物支出{goods}万元', f'政府采购货物支出{swap2(goods) if swap2(goods) != goods else q2(D(goods) + 1)}万元')] + exp('fail', 'N-20')))
    T.append(block('N-20 fires when a share of the procurement total is wrong',
                   [FX, rep(f'占政府采购支出总额的{pct(sme, tp, 1)}%', f'占政府采购支出总额的{pct(sme, D(tp) + D(goods), 1)}%')] + exp('fail', 'N-20')))
    big = q2(D(sme) + 10)
    T.append(block('N-20 fires when the 小微企业 contracts exceed the 中小企业 ones (share recomputed)',
                   [FX, rep(f'授予小微企业合同金额{micro}万元，占政府采购支出总额的{pct(micro, tp, 1)}%',
                            f'授予小微企业合同金额{big}万元，占政府采购支出总额的{pct(big, tp, 1)}%')] + exp('fail', 'N-20')))
    n, adm, ins, ret = m['staff']
    T.append(block('N-21 fires when the staff numbers do not add up',
                   [FX, rep(f'行政{adm}人，事业{ins}人', f'行政{adm}人，事业{ins + 1}人')] + exp('fail', 'N-21')))
    if y == 2021:
        T.append(block('N-22 fires when 国有资产 lists fewer vehicles than the “三公” part',
                       [FX, rep(f'共有车辆{m["cars"]}辆', f'共有车辆{m["cars"] - 1}辆')] + exp('fail', 'N-22')))
    T.append(block('N-23 fires when last year\'s date is left in (国有资产占用情况)',
                   [FX, rep(f'截至{y}年12月31日，{UNIT}', f'截至{ly}年12月31日，{UNIT}')] + exp('fail', 'N-23')))
    inc = r['income']; inc2 = q2(inc + 1); oth2 = q2(r['other'] + 1)
    T.append(block('N-24 fires when 收入合计 in the prose is not the table\'s (the prose adds up on its own)',
                   [FX, rep(f'{y}年度收入合计{f2(inc)}万元。其中：财政拨款收入{f2(r["A"])}万元，占本年收入{pct(r["A"], inc, 2)}%；其他收入{f2(r["other"])}万元，占本年收入{pct(r["other"], inc, 2)}%',
                            f'{y}年度收入合计{f2(inc2)}万元。其中：财政拨款收入{f2(r["A"])}万元，占本年收入{pct(r["A"], inc2, 2)}%；其他收入{f2(oth2)}万元，占本年收入{pct(oth2, inc2, 2)}%')]
                   + exp('fail', 'N-24') + exp('pass', 'N-04', 'N-06')))
    pe, pu = r['personnel'], r['public']
    T.append(block('N-25 fires when 人员经费 and 公用经费 are split unlike 基本支出决算表 (their sum still right)',
                   [FX, rep(f'人员经费{f2(pe)}万元', f'人员经费{f2(pe + 10)}万元'), rep(f'公用经费{f2(pu)}万元', f'公用经费{f2(pu - 10)}万元')]
                   + exp('fail', 'N-25') + exp('pass', 'N-13')))
    T.append(block('N-26 fires when the “三公” budget in the prose is not the table\'s (the rate recomputed)',
                   [FX, rep(f'年初预算数为{f2(sb)}万元，支出决算为{f2(sa)}万元，完成年初预算的{pct(sa, sb, 1)}%',
                            f'年初预算数为{f2(sb + 2)}万元，支出决算为{f2(sa)}万元，完成年初预算的{pct(sa, sb + 2, 1)}%')]
                   + exp('fail', 'N-26') + exp('pass', 'N-10')))
    t = t05['221']
    if q:
        ini221 = D(m['budget_initial']['2210201'])
        cls22 = f'4.{NAMES["221"]}（类）。全年预算为{f2(t["budget"])}万元，支出决算为{f2(t["total"])}万元，完成全年预算的{pct(t["total"], t["budget"], 1)}%'
        T.append(block('N-27 fires when a 类 决算 in the prose is not the table\'s (a sentence in the 2021 wording)',
                       [FX, rep(cls22, f'4.{NAMES["221"]}（类）。年初预算为{f2(t["budget"])}万元，支出决算为{f2(t["total"] - 1)}万元，完成年初预算的{pct(t["total"] - 1, t["budget"], 1)}%')]
                       + exp('fail', 'N-27') + exp('pass', 'N-10')))
        t2 = t05['210']
        cls22b = f'3.{NAMES["210"]}（类）。全年预算为{f2(t2["budget"])}万元，支出决算为{f2(t2["total"])}万元'
        T.append(block('N-27 fires when a 类 决算 in the prose is not the table\'s (the 2022 wording)',
                       [FX, rep(cls22b, f'3.{NAMES["210"]}（类）。全年预算为{f2(t2["budget"])}万元，支出决算为{swap2(f2(t2["total"]))}万元')]
                       + exp('fail', 'N-27'),
                       'Regression test (a bug, fixed): N-27 reads only "…（类）。年初预算为…", so in the 2022\n'
                       'wording no 类 sentence is checked at all (N-27 passes with nothing checked).'))
        T.append(block('N-10 fires when a 类 completion rate is wrong (the 2022 wording)',
                       [FX, rep(f'完成全年预算的{pct(t2["total"], t2["budget"], 1)}%', f'完成全年预算的{q2(100 - pct(t2["total"], t2["budget"], 1)).quantize(D("0.1"))}%')]
                       + exp('fail', 'N-10'),
                       'Regression test (a bug, fixed): N-10 reads "完成年初预算的" and "完成预算的" but not\n'
                       '"完成全年预算的", the 2022 wording of every 公开05表 sentence.'))
    else:
        T.append(block('N-27 fires when a 类 budget in the prose is not the table\'s (the rate recomputed)',
                       [FX, rep(f'年初预算为{f2(t["budget"])}万元，支出决算为{f2(t["total"])}万元，完成年初预算的{pct(t["total"], t["budget"], 1)}%',
                                f'年初预算为{f2(t["total"])}万元，支出决算为{f2(t["total"])}万元，完成年初预算的100.0%')]
                       + exp('fail', 'N-27') + exp('pass', 'N-10')))
        T.append(block('N-27 fires when the prose names a 类 the table does not have',
                       [FX, rep(f'4.{NAMES["221"]}（类）', '4.住房保障（类）')] + exp('fail', 'N-27')))
    it = t05['2010301']
    T.append(block('N-28 fires when the completion rate of a 项 (named in words) is wrong',
                   [FX, rep(f'行政运行（项）：支出决算为{f2(it["total"])}万元，完成预算{pct(it["total"], it["budget"], 1)}%',
                            f'行政运行（项）：支出决算为{f2(it["total"])}万元，完成预算{q2(pct(it["total"], it["budget"], 1) - 1).quantize(D("0.1"))}%')]
                   + exp('fail', 'N-28')))
    it = t05['2101103']
    T.append(block('N-28 fires when the 决算 of a 项 in the prose is not the table\'s',
                   [FX, rep(f'公务员医疗补助（项）：支出决算为{f2(it["total"])}万元', f'公务员医疗补助（项）：支出决算为{swap2(f2(it["total"]))}万元')]
                   + exp('fail', 'N-28')))
    it = t05['2010399']
    T.append(block('N-28 fires when the completion rate of a 项 whose name has parentheses is wrong',
                   [FX, rep(f'事务支出（项）：支出决算为{f2(it["total"])}万元，完成预算{pct(it["total"], it["budget"], 1)}%',
                            f'事务支出（项）：支出决算为{f2(it["total"])}万元，完成预算{q2(pct(it["total"], it["budget"], 1) + 5).quantize(D("0.1"))}%')]
                   + exp('fail', 'N-28'),
                   'Regression test (a bug, fixed): the 项名 bound by the pattern is in normal form\n'
                   '("其他政府办公厅(室)…", ASCII parentheses) while 科目名称 in the table keeps\n'
                   '"（室）": no row matches, so this 项 is never checked.'))
    it = t05['2080506']
    T.append(block('N-29 fires when the 决算 of a 项 (given by code) is not the table\'s',
                   [FX, rep(f'（06项）{NAMES["2080506"]}：支出决算为{f2(it["total"])}万元', f'（06项）{NAMES["2080506"]}：支出决算为{swap2(f2(it["total"]))}万元')]
                   + exp('fail', 'N-29')))
    T.append(block('N-29 fires when the code of a 项 is not in the table',
                   [FX, rep(f'（06项）{NAMES["2080506"]}', f'（07项）{NAMES["2080506"]}')] + exp('fail', 'N-29')))
    T.append(block('N-30 fires when 名词解释 is missing',
                   [FX, rep('第五部分 名词解释', '第五部分 附注')] + exp('fail', 'N-30')))
    T.append(block('N-30 fires when the 政府采购 section is missing',
                   [FX, rep('十一、政府采购支出情况说明', '')] + exp('fail', 'N-30')))
    T.append(block('N-33 fires when the empty 公开08表 is not explained',
                   [FX, rep('本部门没有政府性基金预算财政拨款收入，也没有使用政府性基金预算财政拨款安排的支出', '本部门政府性基金预算财政拨款收入支出情况见公开08表')]
                   + exp('fail', 'N-33')))
    T.append(block('N-33 fires when the empty 公开09表 is not explained',
                   [FX, rep('本部门没有使用国有资本经营预算财政拨款安排的支出', '本部门国有资本经营预算财政拨款支出情况见公开09表')]
                   + exp('fail', 'N-33')))
    T.append(block('N-33 passes without the statement when 公开08表 is not empty',
                   [FX, rep('本部门没有政府性基金预算财政拨款收入，也没有使用政府性基金预算财政拨款安排的支出', '本部门政府性基金预算财政拨款收入支出情况见公开08表'),
                    'with 政府性基金预算财政拨款收入支出决算表["合计"].本年支出合计 = 0.00'] + exp('pass', 'N-33')))
    # prior-year rules
    d2 = q2(D(d) + 2); g2 = growth(r['total'], r['total'] - d2, 2)
    T.append(block('N-34 fires when last year\'s 收、支总计 implied by the prose is not last year\'s (the growth recomputed)',
                   [FX, rep(f'各增加{d}万元，增长{g}%', f'各增加{f2(d2)}万元，增长{g2}%')] + exp('fail', 'N-34') + exp('pass', 'N-02')))
    fs = f2(r['F'] - L['fin_spend']); fsg = growth(r['F'], L['fin_spend'], 2)
    wd = r['F'] - L['spend']
    T.append(block('N-35 fires when the 财政拨款支出 change is computed from last year\'s all-funds 支出合计',
                   [FX, rep(f'财政拨款支出增加{fs}万元，增长{fsg}%', f'财政拨款支出增加{f2(wd)}万元，增长{growth(r["F"], L["spend"], 2)}%')]
                   + exp('fail', 'N-35') + exp('pass', 'N-02')))
    wb = L['sangong'] - D('1.00')    # another last-year figure (the growth recomputed from it)
    T.append(block('N-36 fires when the “三公” change implies another last-year figure',
                   [FX, rep(f'比{ly}年度增加{ds}万元，增长{gs}%', f'比{ly}年度增加{f2(sa - wb)}万元，增长{growth(sa, wb, 1)}%')]
                   + exp('fail', 'N-36') + exp('pass', 'N-17')))
    lp = q2(sa + D('1.00'))
    T.append(block('N-36 passes on a fall of the “三公” that agrees with last year',
                   [FX, f'with prior.一般公共预算财政拨款三公经费支出决算表["合计"].决算数 = {f2(lp)}',
                    rep(f'比{ly}年度增加{ds}万元，增长{gs}%', f'比{ly}年度减少1.00万元，下降{pct(1, lp, 1)}%')] + exp('pass', 'N-36')))
    T.append(block('N-34, N-35 and N-36 are skipped without last year\'s submission',
                   [FX, 'with drop prior'] + exp('skip', 'N-34', 'N-35', 'N-36')))
    T.append(block('rules that compare the prose with a table are skipped when the table is missing',
                   [FX, 'with drop 一般公共预算财政拨款三公经费支出决算表', 'with drop 收入支出决算总表']
                   + exp('skip', 'N-26', 'N-24', 'N-01') + exp('pass', 'N-14')))
    return hdr + '\n' + '\n'.join(T)

# ---------------------------------------------------------------- profiles
def profile_2021():
    return '''# rules/2021/profile_test.fisc — the national profile (profile.fisc): what the
# national suite requires and what it leaves to provinces.  rules/2021/hubei
# does not import this file: its profile differs (see hubei/hubei_test.fisc).

test "national profile: 重点工作完成情况 is not a required section" {
    with fixture "fixtures/base"
    with 说明 replace "第四部分 2021年重点工作完成情况" by "第四部分 2021年工作回顾"
    expect pass N-30
}

test "national profile: 完成率 divides by 年初预算数 (a 项 without it is skipped)" {
    with fixture "fixtures/base"
    with 一般公共预算财政拨款支出决算表["2010301"].年初预算数 = ""
    expect skip N-28
}
'''

def hubei():
    return '''# rules/2021/hubei/hubei_test.fisc — the Hubei suite: every national test
# (they use ../fixtures/base, which has the 第四部分 重点工作完成情况 that
# Hubei requires), and the tests of what Hubei changes.  The national
# profile's own tests (../profile_test.fisc) are not imported: one of them
# checks that the national suite does NOT require 重点工作完成情况.
import "../identities_test.fisc"
import "../crosscheck_test.fisc"
import "../narrative_test.fisc"

test "Hubei: the complete fixture has every required section, 重点工作完成情况 included" {
    with fixture "../fixtures/base"
    expect pass N-30
}

test "Hubei: N-30 fires when the part 重点工作完成情况 is missing" {
    with fixture "../fixtures/base"
    with 说明 replace "第四部分 2021年重点工作完成情况" by "第四部分 2021年工作回顾"
    expect fail N-30
}

test "Hubei: 完成率 still divides by 年初预算数 (a 项 without it is skipped)" {
    with fixture "../fixtures/base"
    with 一般公共预算财政拨款支出决算表["2010301"].年初预算数 = ""
    expect skip N-28
}
'''

def changes_2022():
    r = build(2022)
    it = r['t05']['2010301']
    ini = D(YEARS[2022]['budget_initial']['2010301'])
    ok = pct(it['total'], it['budget'], 1)
    bad = pct(it['total'], ini, 1)
    return f'''# rules/2022/changes_test.fisc — tests of what changes.fisc changes for 2022:
# the budget column 全年预算数 (and 完成率 against it), N-23 with "截至YYYY年末",
# the new N-40 (old classification names).  N-22 is dropped in 2022.

test "N-23 (2022) passes on 截至2022年末 and 截至2022年12月31日" {{
    with fixture "fixtures/base"
    expect pass N-23
}}

test "N-23 (2022) fires on 截至YYYY年末 with last year" {{
    with fixture "fixtures/base"
    with 说明 replace "截至2022年末" by "截至2021年末"
    expect fail N-23
}}

test "N-40 passes when every name is the current one" {{
    with fixture "fixtures/base"
    expect pass N-40
}}

test "N-40 fires when 公开05表 uses an old 类 name" {{
    with fixture "fixtures/base"
    with 一般公共预算财政拨款支出决算表["210"].科目名称 = "医疗卫生与计划生育支出"
    expect fail N-40
}}

test "N-40 fires when the prose uses an old 款 name" {{
    with fixture "fixtures/base"
    with 说明 replace "行政事业单位养老支出（款）" by "行政事业单位离退休（款）"
    expect fail N-40
}}

test "N-40 is skipped without the narrative (the table names are still read)" {{
    with fixture "fixtures/base"
    with drop 说明
    expect skip N-40
}}

test "完成率 divides by 全年预算数: N-28 fires on a 项 rate computed against 年初预算" {{
    with fixture "fixtures/base"
    # 行政运行: 全年预算数 {f2(it["budget"])} (公开05表), 年初预算 {f2(ini)} (not in the 2022 table)
    with 说明 replace "行政运行（项）：支出决算为{f2(it["total"])}万元，完成预算{ok}%" by "行政运行（项）：支出决算为{f2(it["total"])}万元，完成预算{bad}%"
    expect fail N-28
}}
'''

def write_all(root):
    R = f'{root}/rules'
    files = {
        f'{R}/2021/identities_test.fisc': identities(2021, 'rules/2021'),
        f'{R}/2021/crosscheck_test.fisc': crosscheck(2021, 'rules/2021'),
        f'{R}/2021/narrative_test.fisc': narrative_tests(2021, 'rules/2021'),
        f'{R}/2021/profile_test.fisc': profile_2021(),
        f'{R}/2021/hubei/hubei_test.fisc': hubei(),
        f'{R}/2022/identities_test.fisc': identities(2022, 'rules/2022'),
        f'{R}/2022/crosscheck_test.fisc': crosscheck(2022, 'rules/2022'),
        f'{R}/2022/narrative_test.fisc': narrative_tests(2022, 'rules/2022'),
        f'{R}/2022/changes_test.fisc': changes_2022(),
    }
    for p, t in files.items():
        open(p, 'w', encoding='utf-8').write(t)
