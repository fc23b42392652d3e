# the six lines of a real 说明 followed by ~10 MB of ordinary prose
{
  printf '第三部分 情况说明\n一、收入决算情况说明\n2021 年度收入合计 1,118.78 万元，比上年增加 18.78\n万元，增长 1.7％。\n'
  printf '二、政府采购支出情况\n政府采购支出总额 100 万元。\n三、其他说明\n'
  yes '本单位严格执行预算，各项支出均按规定用途使用，没有发生超范围支出的情况。' | head -n 96200
} > sub/说明.txt
