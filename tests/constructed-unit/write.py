import os, sys
from model import *

TITLE = {
 '收入支出决算总表': '公开01表', '收入决算表': '公开02表', '支出决算表': '公开03表',
 '财政拨款收入支出决算总表': '公开04表', '一般公共预算财政拨款支出决算表': '公开05表',
 '一般公共预算财政拨款基本支出决算表': '公开06表', '一般公共预算财政拨款三公经费支出决算表': '公开07表',
 '政府性基金预算财政拨款收入支出决算表': '公开08表', '国有资本经营预算财政拨款支出决算表': '公开09表',
}
FUNC_ORDER = ['201', '20103', '2010301', '2010350', '2010399', '208', '20805', '2080505', '2080506',
              '210', '21011', '2101101', '2101103', '221', '22102', '2210201']
CLASSES = ['201', '208', '210', '221']

def write_csv(folder, name, header, rows):
    with open(os.path.join(folder, name + '.csv'), 'w', encoding='utf-8') as f:
        f.write(f'{name}\n{TITLE[name]}\n部门：{UNIT}\n金额单位：万元\n')
        f.write(','.join(header) + '\n')
        for row in rows:
            f.write(','.join(row) + '\n')

def write_tables(folder, y, budget_cols):
    """budget_cols: the budget column(s) of 公开05表, e.g. ['年初预算数'] or ['全年预算数']
    or ['年初预算数', '全年预算数'] (both hold the same table figures)."""
    r = build(y)
    os.makedirs(folder, exist_ok=True)
    Z = '0.00'
    # 01
    rows = [['一般公共预算财政拨款收入', f2(r['A'])], ['政府性基金预算财政拨款收入', Z],
            ['国有资本经营预算财政拨款收入', Z], ['上级补助收入', Z], ['事业收入', Z], ['经营收入', Z],
            ['附属单位上缴收入', Z], ['其他收入', f2(r['other'])], ['本年收入合计', f2(r['income'])],
            ['使用非财政拨款结余', Z], ['年初结转和结余', f2(r['open_all'])], ['收入总计', f2(r['total'])]]
    rows += [[NAMES[c], f2(r['t03'][c]['total'])] for c in CLASSES]
    rows += [['本年支出合计', f2(r['E'])], ['结余分配', Z], ['年末结转和结余', f2(r['close_all'])],
             ['支出总计', f2(r['total'])]]
    write_csv(folder, '收入支出决算总表', ['项目', '金额'], rows)
    # 02
    rows = []
    for c in ['合计'] + FUNC_ORDER:
        t = r['t02'][c]
        rows.append([c, '' if c == '合计' else NAMES[c], f2(t['fin'] + t['other']), f2(t['fin']), Z, Z, Z, Z, f2(t['other'])])
    write_csv(folder, '收入决算表', ['科目编码', '科目名称', '本年收入合计', '财政拨款收入', '上级补助收入', '事业收入',
                                  '经营收入', '附属单位上缴收入', '其他收入'], rows)
    # 03
    rows = []
    for c in ['合计'] + FUNC_ORDER:
        t = r['t03'][c]
        rows.append([c, '' if c == '合计' else NAMES[c], f2(t['total']), f2(t['basic']), f2(t['project']), Z, Z, Z])
    write_csv(folder, '支出决算表', ['科目编码', '科目名称', '本年支出合计', '基本支出', '项目支出', '上缴上级支出',
                                  '经营支出', '对附属单位补助支出'], rows)
    # 04
    A, F = f2(r['A']), f2(r['F'])
    rows = [['一般公共预算财政拨款收入', A, '', '', ''], ['政府性基金预算财政拨款收入', Z, '', '', ''],
            ['国有资本经营预算财政拨款收入', Z, '', '', ''], ['本年收入合计', A, '', '', ''],
            ['年初财政拨款结转和结余', f2(r['fin_open']), f2(r['fin_open']), Z, Z],
            ['收入总计', f2(r['fin_total']), '', '', '']]
    rows += [[NAMES[c], f2(r['t05'][c]['total']), f2(r['t05'][c]['total']), Z, Z] for c in CLASSES]
    rows += [['本年支出合计', F, F, Z, Z], ['年末财政拨款结转和结余', f2(r['fin_close']), f2(r['fin_close']), Z, Z],
             ['支出总计', f2(r['fin_total']), f2(r['fin_total']), Z, Z]]
    write_csv(folder, '财政拨款收入支出决算总表', ['项目', '合计', '一般公共预算财政拨款', '政府性基金预算财政拨款',
                                          '国有资本经营预算财政拨款'], rows)
    # 05
    rows = []
    for c in ['合计'] + FUNC_ORDER:
        t = r['t05'][c]
        rows.append([c, '' if c == '合计' else NAMES[c]] + [f2(t['budget'])] * len(budget_cols) +
                    [f2(t['total']), f2(t['basic']), f2(t['project'])])
    write_csv(folder, '一般公共预算财政拨款支出决算表', ['科目编码', '科目名称'] + budget_cols + ['合计', '基本支出', '项目支出'], rows)
    # 06
    e = r['t06']
    order = sorted([k for k in e if k.startswith('301')]) + sorted([k for k in e if k.startswith('303')]) + \
            sorted([k for k in e if k.startswith('302')]) + sorted([k for k in e if k.startswith('310')])
    rows = [[k, ECON[k], f2(e[k])] for k in order]
    rows += [['人员经费合计', '', f2(r['personnel'])], ['公用经费合计', '', f2(r['public'])], ['合计', '', f2(r['basic'])]]
    write_csv(folder, '一般公共预算财政拨款基本支出决算表', ['科目编码', '科目名称', '决算数'], rows)
    # 07
    rows = [[k, f2(b), f2(a)] for k, (b, a) in r['t07'].items()]
    write_csv(folder, '一般公共预算财政拨款三公经费支出决算表', ['项目', '预算数', '决算数'], rows)
    # 08, 09: empty (header only, under the title lines)
    write_csv(folder, '政府性基金预算财政拨款收入支出决算表', ['科目编码', '科目名称', '年初结转和结余', '本年收入', '本年支出合计',
                                                '基本支出', '项目支出', '年末结转和结余'], [])
    write_csv(folder, '国有资本经营预算财政拨款支出决算表', ['科目编码', '科目名称', '合计', '基本支出', '项目支出'], [])
    with open(os.path.join(folder, 'unit.csv'), 'w', encoding='utf-8') as f:
        f.write(f'name,code,year\n{UNIT},{CODE},{y}\n')
    return r
