#!/usr/bin/env python3
"""Regenerates the constructed unit 示例单位（构造数据） (CONSTRUCTED DATA, not a real
unit) everywhere it is used, from the figures in model.py:

  rules/2021/fixtures/base/            2021 submission, prior/ = 2020
  rules/2022/fixtures/base/            2022 submission, prior/ = 2021
  examples/constructed-unit/           2021/, 2022/ and 2022-with-errors/ (prior -> ../2021)
  rules/2021/*_test.fisc, rules/2021/hubei/hubei_test.fisc, rules/2022/*_test.fisc

Run from anywhere:  python3 tests/constructed-unit/gen.py
It deletes and rewrites the folders and files above (see README.md here).
"""
import os, shutil, sys
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import *
from write import write_tables
from narr import narrative
import tests

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
def put(folder, y, cols, quanian=False):
    write_tables(folder, y, cols)
    with open(os.path.join(folder, '说明.txt'), 'w', encoding='utf-8') as f:
        f.write(narrative(y, quanian))

b21 = f'{ROOT}/rules/2021/fixtures/base'
b22 = f'{ROOT}/rules/2022/fixtures/base'
for d in (b21, b22):
    if os.path.exists(d): shutil.rmtree(d)
put(b21, 2021, ['年初预算数'])
put(b21 + '/prior', 2020, ['年初预算数'])
put(b22, 2022, ['全年预算数'], quanian=True)
put(b22 + '/prior', 2021, ['年初预算数', '全年预算数'])

# examples/constructed-unit: 2021/, 2022/ (prior -> ../2021), 2022-with-errors/ (prior -> ../2021)
ex = f'{ROOT}/examples/constructed-unit'
for d in ('2021', '2022', '2022-with-errors'):
    p = os.path.join(ex, d)
    if os.path.islink(os.path.join(p, 'prior')):
        os.unlink(os.path.join(p, 'prior'))
    if os.path.exists(p):
        shutil.rmtree(p)
# 2021: 公开05表 with both budget columns, so that the 2022 suite can read it as last year
put(f'{ex}/2021', 2021, ['年初预算数', '全年预算数'])
put(f'{ex}/2022', 2022, ['全年预算数'], quanian=True)
os.symlink('../2021', f'{ex}/2022/prior')
shutil.copytree(f'{ex}/2022', f'{ex}/2022-with-errors', symlinks=True)
r22, r21 = build(2022), build(2021)
t = open(f'{ex}/2022-with-errors/说明.txt', encoding='utf-8').read()
old = f'财政拨款支出增加{f2(r22["F"] - r21["F"])}万元，增长{growth(r22["F"], r21["F"], 2)}%'
new = f'财政拨款支出增加{f2(r22["F"] - r21["E"])}万元，增长{growth(r22["F"], r21["E"], 2)}%'
assert t.count(old) == 1
open(f'{ex}/2022-with-errors/说明.txt', 'w', encoding='utf-8').write(t.replace(old, new))
tests.write_all(ROOT)
