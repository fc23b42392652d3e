# The figures of the constructed unit 示例单位（构造数据）, code 999001, 2020-2022.
# CONSTRUCTED DATA: no real unit.  Everything else (all nine tables, the sums,
# 结转和结余 from year to year, every share, growth and completion rate in the
# prose) is derived from the figures below by build() and narr.narrative(),
# rounded 四舍五入 (ROUND_HALF_UP) to the precision the prose writes.
#
# How the years chain: 年初财政拨款结转和结余 (fin_open) of a year is the
# fin_close of the year before, and the non-财政拨款 balance (non_open) the one
# left by the year before (non_open + other_income - non_spent); X-10 and the
# "比上年增加…" sentences (N-34 … N-36) rest on that.
from decimal import Decimal as D, ROUND_HALF_UP

def q2(x): return D(x).quantize(D('0.01'), rounding=ROUND_HALF_UP)
def rnd(x, n): return D(x).quantize(D(1).scaleb(-n), rounding=ROUND_HALF_UP)
def pct(a, b, n): return rnd(D(a) * 100 / D(b), n)
def growth(this, last, n): return rnd((D(this) - D(last)) * 100 / D(last), n)
def f2(x): return str(q2(x))

UNIT = '示例单位（构造数据）'
CODE = '999001'

NAMES = {
 '201': '一般公共服务支出', '20103': '政府办公厅（室）及相关机构事务',
 '2010301': '行政运行', '2010350': '事业运行', '2010399': '其他政府办公厅（室）及相关机构事务支出',
 '208': '社会保障和就业支出', '20805': '行政事业单位养老支出',
 '2080505': '机关事业单位基本养老保险缴费支出', '2080506': '机关事业单位职业年金缴费支出',
 '210': '卫生健康支出', '21011': '行政事业单位医疗', '2101101': '行政单位医疗', '2101103': '公务员医疗补助',
 '221': '住房保障支出', '22102': '住房改革支出', '2210201': '住房公积金',
}
ITEMS = ['2010301', '2010350', '2010399', '2080505', '2080506', '2101101', '2101103', '2210201']
PROJECT = {'2010399'}          # the only 项 with 项目支出; all others are 基本支出
NONFIN = '2010399'             # where 其他收入 and non-财政拨款 balances are spent

ECON = {
 '301': '工资福利支出', '30101': '基本工资', '30102': '津贴补贴', '30107': '绩效工资',
 '30108': '机关事业单位基本养老保险缴费', '30109': '职业年金缴费', '30110': '职工基本医疗保险缴费',
 '30111': '公务员医疗补助缴费', '30113': '住房公积金', '30199': '其他工资福利支出',
 '302': '商品和服务支出', '30201': '办公费', '30205': '水费', '30206': '电费', '30207': '邮电费',
 '30211': '差旅费', '30213': '维修（护）费', '30216': '培训费', '30217': '公务接待费',
 '30226': '劳务费', '30228': '工会经费', '30229': '福利费', '30231': '公务用车运行维护费',
 '30239': '其他交通费用', '30299': '其他商品和服务支出',
 '303': '对个人和家庭的补助', '30305': '生活补助', '30309': '奖励金',
 '310': '资本性支出', '31002': '办公设备购置', '31007': '信息网络及软件购置更新',
}

YEARS = {
 2020: dict(
   budget={'2010301': '400.00', '2010350': '240.00', '2010399': '300.00', '2080505': '58.00',
           '2080506': '28.00', '2101101': '22.00', '2101103': '15.00', '2210201': '45.00'},
   actual={'2010301': '385.20', '2010350': '236.45', '2010399': '265.30', '2080505': '55.10',
           '2080506': '25.64', '2101101': '20.16', '2101103': '13.28', '2210201': '44.10'},
   fin_open='22.00', fin_close='30.20', non_open='4.00', other_income='10.00', non_spent='8.80',
   sangong_budget={'出国': '0.00', '购置': '0.00', '运行': '8.00', '接待': '2.00'},
   sangong={'出国': '0.00', '购置': '0.00', '运行': '5.20', '接待': '0.90'},
   run_fee=('维修费', '1.60', '保险费', '1.45', '燃油费', '2.15'),
   econ_fixed={'30101': '202.10', '30102': '146.80', '30107': '112.40',
               '30305': '3.90', '30309': '0.50',
               '30201': '27.10', '30205': '3.00', '30206': '18.90', '30207': '6.30', '30211': '8.90',
               '30213': '11.80', '30216': '3.60', '30226': '9.70', '30228': '9.42', '30229': '6.88',
               '30239': '13.90', '31002': '8.20', '31007': '5.10'},
   public_total='151.22',
   staff=(24, 15, 9, 3), cars=2,
   jiguan=('82.40', '85.00'),
   procurement=('172.60', '40.10', '0.00', '132.50', '138.40', '90.20'),
   last=dict(total='1012.37', income='990.15', spend='983.46', fin_total='1003.20', fin_spend='979.81',
             sangong='5.80', car='4.90', treat='0.90'),
 ),
 2021: dict(
   budget={'2010301': '420.00', '2010350': '260.00', '2010399': '380.00', '2080505': '62.00',
           '2080506': '30.00', '2101101': '24.00', '2101103': '16.00', '2210201': '48.00'},
   actual={'2010301': '398.76', '2010350': '251.34', '2010399': '342.18', '2080505': '58.44',
           '2080506': '27.12', '2101101': '21.37', '2101103': '14.05', '2210201': '46.80'},
   fin_open='30.20', fin_close='18.50', non_open='5.20', other_income='12.50', non_spent='15.60',
   sangong_budget={'出国': '0.00', '购置': '0.00', '运行': '8.40', '接待': '1.60'},
   sangong={'出国': '0.00', '购置': '0.00', '运行': '6.38', '接待': '1.20'},
   run_fee=('维修费', '2.10', '保险费', '1.50', '燃油费', '2.78'),
   econ_fixed={'30101': '210.36', '30102': '152.40', '30107': '118.20',
               '30305': '4.20', '30309': '0.60',
               '30201': '28.40', '30205': '3.10', '30206': '19.80', '30207': '6.50', '30211': '8.20',
               '30213': '12.60', '30216': '3.30', '30226': '10.40', '30228': '9.98', '30229': '7.12',
               '30239': '14.40', '31002': '9.50', '31007': '6.80'},
   public_total='152.18',
   staff=(25, 15, 10, 3), cars=2,
   jiguan=('78.60', None),
   procurement=('186.40', '42.30', '0.00', '144.10', '150.20', '96.50'),
 ),
 2022: dict(
   budget={'2010301': '430.00', '2010350': '270.00', '2010399': '400.00', '2080505': '64.00',
           '2080506': '32.00', '2101101': '25.00', '2101103': '15.00', '2210201': '50.00'},
   # 2022 only: the budget at the start of the year (stated in the prose, not in 公开05表)
   budget_initial={'2010301': '410.00', '2010350': '270.00', '2010399': '360.00', '2080505': '64.00',
           '2080506': '32.00', '2101101': '25.00', '2101103': '15.00', '2210201': '50.00'},
   actual={'2010301': '412.35', '2010350': '259.80', '2010399': '368.42', '2080505': '61.20',
           '2080506': '28.66', '2101101': '22.48', '2101103': '14.70', '2210201': '48.96'},
   fin_open='18.50', fin_close='25.30', non_open='2.10', other_income='14.00', non_spent='11.40',
   sangong_budget={'出国': '0.00', '购置': '0.00', '运行': '8.40', '接待': '1.60'},
   sangong={'出国': '0.00', '购置': '0.00', '运行': '6.95', '接待': '1.35'},
   run_fee=('维修费', '2.35', '保险费', '1.60', '燃油费', '3.00'),
   econ_fixed={'30101': '218.50', '30102': '158.20', '30107': '124.60',
               '30305': '4.50', '30309': '0.60',
               '30201': '29.10', '30205': '3.20', '30206': '20.40', '30207': '6.70', '30211': '8.60',
               '30213': '13.10', '30216': '3.50', '30226': '10.90', '30228': '10.31', '30229': '7.35',
               '30239': '14.80', '31002': '7.80', '31007': '5.60'},
   public_total='157.01',
   staff=(26, 15, 11, 3), cars=2,
   jiguan=('75.20', None),
   procurement=('205.60', '38.90', '12.00', '154.70', '168.30', '110.40'),
 ),
}
YEARS[2021]['jiguan'] = ('78.60', YEARS[2020]['jiguan'][0])
YEARS[2022]['jiguan'] = ('75.20', YEARS[2021]['jiguan'][0])

def parents(code):
    return [code[:3], code[:5]]

def build(y):
    m = YEARS[y]
    r = {}
    # 公开05表 (一般公共预算财政拨款): rows code -> dict(budget,total,basic,project)
    t05 = {}
    def add(code, budget, total, basic, project):
        row = t05.setdefault(code, dict(budget=D(0), total=D(0), basic=D(0), project=D(0)))
        row['budget'] += D(budget); row['total'] += D(total); row['basic'] += D(basic); row['project'] += D(project)
    for c in ITEMS:
        a = D(m['actual'][c]); b = D(m['budget'][c])
        basic, proj = (D(0), a) if c in PROJECT else (a, D(0))
        for k in [c] + parents(c) + ['合计']:
            add(k, b, a, basic, proj)
    r['t05'] = t05
    F = t05['合计']['total']
    fin_open, fin_close = D(m['fin_open']), D(m['fin_close'])
    non_open, other, non_spent = D(m['non_open']), D(m['other_income']), D(m['non_spent'])
    non_close = non_open + other - non_spent
    assert non_close >= 0
    # 公开03表 (all funds)
    t03 = {k: dict(total=v['total'], basic=v['basic'], project=v['project']) for k, v in t05.items()}
    for k in [NONFIN] + parents(NONFIN) + ['合计']:
        t03[k] = dict(total=t03[k]['total'] + non_spent, basic=t03[k]['basic'], project=t03[k]['project'] + non_spent)
    r['t03'] = t03
    # 公开02表 (income by function)
    t02 = {}
    for c in ITEMS:
        fin = D(m['actual'][c]) + ((fin_close - fin_open) if c == NONFIN else 0)
        oth = other if c == NONFIN else D(0)
        for k in [c] + parents(c) + ['合计']:
            row = t02.setdefault(k, dict(fin=D(0), other=D(0)))
            row['fin'] += fin; row['other'] += oth
    r['t02'] = t02
    A = t02['合计']['fin']
    assert A == F + fin_close - fin_open
    E = t03['合计']['total']
    income = A + other
    open_all = fin_open + non_open
    close_all = fin_close + non_close
    total = income + open_all
    assert total == E + close_all, (total, E + close_all)
    r.update(F=F, A=A, E=E, income=income, open_all=open_all, close_all=close_all, total=total,
             fin_open=fin_open, fin_close=fin_close, fin_total=A + fin_open, other=other,
             basic_all=t03['合计']['basic'], project_all=t03['合计']['project'])
    # 公开06表
    e = {k: D(v) for k, v in m['econ_fixed'].items()}
    e['30108'] = D(m['actual']['2080505']); e['30109'] = D(m['actual']['2080506'])
    e['30110'] = D(m['actual']['2101101']); e['30111'] = D(m['actual']['2101103'])
    e['30113'] = D(m['actual']['2210201'])
    e['30217'] = D(m['sangong']['接待']); e['30231'] = D(m['sangong']['运行'])
    basic = t05['合计']['basic']
    public = D(m['public_total'])
    personnel = basic - public
    s303 = e['30305'] + e['30309']
    s301_known = sum(v for k, v in e.items() if k.startswith('301'))
    e['30199'] = personnel - s303 - s301_known
    s310 = e['31002'] + e['31007']
    s302_known = sum(v for k, v in e.items() if k.startswith('302'))
    e['30299'] = public - s310 - s302_known
    assert e['30199'] > 0 and e['30299'] > 0, (e['30199'], e['30299'])
    e['301'] = sum(v for k, v in e.items() if k.startswith('301') and len(k) == 5)
    e['302'] = sum(v for k, v in e.items() if k.startswith('302') and len(k) == 5)
    e['303'] = s303; e['310'] = s310
    assert e['301'] + e['303'] == personnel and e['302'] + e['310'] == public
    r['t06'] = e
    r.update(personnel=personnel, public=public, basic=basic)
    # 公开07表
    sb, sa = {k: D(v) for k, v in m['sangong_budget'].items()}, {k: D(v) for k, v in m['sangong'].items()}
    r['t07'] = {
        '合计': (sb['出国'] + sb['购置'] + sb['运行'] + sb['接待'], sa['出国'] + sa['购置'] + sa['运行'] + sa['接待']),
        '因公出国（境）费': (sb['出国'], sa['出国']),
        '公务用车购置及运行费': (sb['购置'] + sb['运行'], sa['购置'] + sa['运行']),
        '公务用车购置费': (sb['购置'], sa['购置']),
        '公务用车运行费': (sb['运行'], sa['运行']),
        '公务接待费': (sb['接待'], sa['接待']),
    }
    return r
