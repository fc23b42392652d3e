-- bench/identities.sql -- the table checks of rules/2021 (I-01 … I-12,
-- X-01 … X-06, X-10, T-01) as SQL for the sqlite3 shell.
--
-- bench/sqlite.sh loads every CSV line of every submission into
--   raw(unit, prior, tbl, line, c1 … c9)
-- (unit = the submission folder's name, prior = 1 for prior/, tbl = the file
-- name without .csv, line = the line number, c1 … = the CSV fields, NULL
-- where a line has fewer) and then reads this file, which prints one
-- `unit<TAB>rule` line per failing rule.
--
-- Numbers are exact integers: every figure is converted to units of
-- 10⁻⁷ 万元 (= 0.001 元), so 2-decimal 万元 and 2-decimal 元 are both whole
-- numbers.  Each figure carries the half-width h of its rounding interval
-- (a figure with k decimals stands for ±½·10⁻ᵏ; a bare 0 is exact), and
-- a ≈ b fails only when |a.v − b.v| > a.h + b.h — the two intervals do not
-- meet — with the half-widths of a sum added up, as in fisc.  A blank cell
-- is NULL; any NULL in a check makes it "skipped", i.e. it reports nothing,
-- as an absent row or table does.
--
-- Simplification: I-12 sums the rows 因公出国（境）费 … by name and needs all
-- of them present (fisc sums the rows that are present).

.bail on
.mode list
.separator "\t"

-- ---------------------------------------------------------------- columns
CREATE TABLE colmap(tbl TEXT, idx INTEGER, col TEXT);
INSERT INTO colmap VALUES
 ('收入支出决算总表',2,'金额'),
 ('收入决算表',3,'本年收入合计'),('收入决算表',4,'财政拨款收入'),('收入决算表',5,'上级补助收入'),('收入决算表',6,'事业收入'),('收入决算表',7,'经营收入'),('收入决算表',8,'附属单位上缴收入'),('收入决算表',9,'其他收入'),
 ('支出决算表',3,'本年支出合计'),('支出决算表',4,'基本支出'),('支出决算表',5,'项目支出'),('支出决算表',6,'上缴上级支出'),('支出决算表',7,'经营支出'),('支出决算表',8,'对附属单位补助支出'),
 ('财政拨款收入支出决算总表',2,'合计'),('财政拨款收入支出决算总表',3,'一般公共预算财政拨款'),('财政拨款收入支出决算总表',4,'政府性基金预算财政拨款'),('财政拨款收入支出决算总表',5,'国有资本经营预算财政拨款'),
 ('一般公共预算财政拨款支出决算表',3,'年初预算数'),('一般公共预算财政拨款支出决算表',4,'合计'),('一般公共预算财政拨款支出决算表',5,'基本支出'),('一般公共预算财政拨款支出决算表',6,'项目支出'),
 ('一般公共预算财政拨款基本支出决算表',3,'决算数'),
 ('一般公共预算财政拨款三公经费支出决算表',2,'预算数'),('一般公共预算财政拨款三公经费支出决算表',3,'决算数'),
 ('政府性基金预算财政拨款收入支出决算表',3,'年初结转和结余'),('政府性基金预算财政拨款收入支出决算表',4,'本年收入'),('政府性基金预算财政拨款收入支出决算表',5,'本年支出合计'),('政府性基金预算财政拨款收入支出决算表',6,'基本支出'),('政府性基金预算财政拨款收入支出决算表',7,'项目支出'),('政府性基金预算财政拨款收入支出决算表',8,'年末结转和结余'),
 ('国有资本经营预算财政拨款支出决算表',3,'合计'),('国有资本经营预算财政拨款支出决算表',4,'基本支出'),('国有资本经营预算财政拨款支出决算表',5,'项目支出');
CREATE TABLE p10(e INTEGER PRIMARY KEY, p INTEGER);
INSERT INTO p10 VALUES (0,1),(1,10),(2,100),(3,1000),(4,10000),(5,100000),(6,1000000),(7,10000000),
 (8,100000000),(9,1000000000),(10,10000000000),(11,100000000000),(12,1000000000000),(13,10000000000000);

-- ------------------------------------------------ files, header, 金额单位
CREATE INDEX raw_file ON raw(unit, prior, tbl, line);
CREATE TABLE hdr AS
  SELECT unit, prior, tbl, min(line) AS hline FROM raw
  WHERE trim(replace(c1, char(65279), '')) IN ('项目', '科目编码')
  GROUP BY unit, prior, tbl;
-- one row per file: its header line and the exponent s of its unit against
-- 万元 (元 -4, 万元 0, 亿元 4), from the title lines above the header
CREATE TABLE files(unit TEXT, prior INTEGER, tbl TEXT, hline INTEGER, s INTEGER, PRIMARY KEY(unit, prior, tbl));
INSERT INTO files
  SELECT f.unit, f.prior, f.tbl, f.hline, coalesce((
    SELECT CASE WHEN v LIKE '%亿元%' THEN 4 WHEN v LIKE '%万元%' THEN 0 WHEN v LIKE '%元%' THEN -4 END
    FROM (SELECT coalesce(r.c1, '') || ',' || coalesce(r.c2, '') AS v FROM raw r
          WHERE r.unit = f.unit AND r.prior = f.prior AND r.tbl = f.tbl AND r.line < f.hline)
    WHERE v LIKE '%单位%' LIMIT 1), 0) AS s
  FROM hdr f;

-- ------------------------------------------------------------------ cells
-- one row per numeric cell: v and h in 10⁻⁷ 万元 (NULL for a blank cell)
CREATE TABLE c AS
WITH cells AS MATERIALIZED (
  SELECT r.unit, r.prior, r.tbl, trim(r.c1) AS key,
         CASE WHEN r.tbl IN ('收入支出决算总表', '财政拨款收入支出决算总表', '一般公共预算财政拨款三公经费支出决算表') THEN NULL ELSE r.c2 END AS name,
         m.col,
         replace(replace(trim(CASE m.idx WHEN 2 THEN r.c2 WHEN 3 THEN r.c3 WHEN 4 THEN r.c4 WHEN 5 THEN r.c5
                 WHEN 6 THEN r.c6 WHEN 7 THEN r.c7 WHEN 8 THEN r.c8 WHEN 9 THEN r.c9 END), ',', ''), '−', '-') AS t,
         f.s
  FROM raw r JOIN files f USING (unit, prior, tbl) JOIN colmap m ON m.tbl = r.tbl
  WHERE r.line > f.hline AND trim(coalesce(r.c1, '')) <> ''),
parsed AS MATERIALIZED (
  SELECT *, CASE WHEN instr(t, '.') > 0 THEN length(t) - instr(t, '.') ELSE 0 END AS dec,
         CAST(replace(t, '.', '') AS INTEGER) AS d
  FROM cells)
SELECT unit, prior, tbl, key, name, col,
       CASE WHEN t = '' OR t IS NULL THEN NULL ELSE d * pv.p END AS v,
       CASE WHEN t = '' OR t IS NULL THEN NULL WHEN dec = 0 AND d = 0 THEN 0 ELSE 5 * ph.p END AS h,
       CASE WHEN key NOT GLOB '*[^0-9]*' AND length(key) IN (5, 7) THEN substr(key, 1, length(key) - 2) END AS parent,
       CASE WHEN key NOT GLOB '*[^0-9]*' AND length(key) IN (3, 5, 7) THEN (length(key) - 1) / 2 ELSE 0 END AS lv
FROM parsed LEFT JOIN p10 pv ON pv.e = 7 + s - dec LEFT JOIN p10 ph ON ph.e = 6 + s - dec;
CREATE INDEX c_key ON c(tbl, col, key, prior, unit);
CREATE INDEX c_cell ON c(unit, prior, tbl, key, col);
CREATE INDEX c_parent ON c(unit, prior, tbl, col, parent);

CREATE TABLE fails(unit TEXT, rule TEXT);

-- ------------------------------------------- fixed-cell identities: Σ sign·cell ≈ 0
-- (rule, group, table, row key, column, sign): one group is one assert.
CREATE TABLE terms(rule TEXT, grp INTEGER, tbl TEXT, key TEXT, col TEXT, sign INTEGER);
INSERT INTO terms VALUES
 ('I-01',1,'收入支出决算总表','收入总计','金额',1),('I-01',1,'收入支出决算总表','本年收入合计','金额',-1),('I-01',1,'收入支出决算总表','使用非财政拨款结余','金额',-1),('I-01',1,'收入支出决算总表','年初结转和结余','金额',-1),
 ('I-02',1,'收入支出决算总表','支出总计','金额',1),('I-02',1,'收入支出决算总表','本年支出合计','金额',-1),('I-02',1,'收入支出决算总表','结余分配','金额',-1),('I-02',1,'收入支出决算总表','年末结转和结余','金额',-1),
 ('I-03',1,'收入支出决算总表','收入总计','金额',1),('I-03',1,'收入支出决算总表','支出总计','金额',-1),
 ('I-04',1,'收入支出决算总表','本年收入合计','金额',1),('I-04',1,'收入支出决算总表','一般公共预算财政拨款收入','金额',-1),('I-04',1,'收入支出决算总表','政府性基金预算财政拨款收入','金额',-1),('I-04',1,'收入支出决算总表','国有资本经营预算财政拨款收入','金额',-1),('I-04',1,'收入支出决算总表','上级补助收入','金额',-1),('I-04',1,'收入支出决算总表','事业收入','金额',-1),('I-04',1,'收入支出决算总表','经营收入','金额',-1),('I-04',1,'收入支出决算总表','附属单位上缴收入','金额',-1),('I-04',1,'收入支出决算总表','其他收入','金额',-1),
 ('I-06',1,'财政拨款收入支出决算总表','本年收入合计','合计',1),('I-06',1,'财政拨款收入支出决算总表','一般公共预算财政拨款收入','合计',-1),('I-06',1,'财政拨款收入支出决算总表','政府性基金预算财政拨款收入','合计',-1),('I-06',1,'财政拨款收入支出决算总表','国有资本经营预算财政拨款收入','合计',-1),
 ('I-07',1,'财政拨款收入支出决算总表','收入总计','合计',1),('I-07',1,'财政拨款收入支出决算总表','本年收入合计','合计',-1),('I-07',1,'财政拨款收入支出决算总表','年初财政拨款结转和结余','合计',-1),
 ('I-07',2,'财政拨款收入支出决算总表','支出总计','合计',1),('I-07',2,'财政拨款收入支出决算总表','本年支出合计','合计',-1),('I-07',2,'财政拨款收入支出决算总表','年末财政拨款结转和结余','合计',-1),
 ('I-07',3,'财政拨款收入支出决算总表','收入总计','合计',1),('I-07',3,'财政拨款收入支出决算总表','支出总计','合计',-1),
 ('I-07',4,'财政拨款收入支出决算总表','支出总计','一般公共预算财政拨款',1),('I-07',4,'财政拨款收入支出决算总表','本年支出合计','一般公共预算财政拨款',-1),('I-07',4,'财政拨款收入支出决算总表','年末财政拨款结转和结余','一般公共预算财政拨款',-1),
 ('I-07',5,'财政拨款收入支出决算总表','支出总计','政府性基金预算财政拨款',1),('I-07',5,'财政拨款收入支出决算总表','本年支出合计','政府性基金预算财政拨款',-1),('I-07',5,'财政拨款收入支出决算总表','年末财政拨款结转和结余','政府性基金预算财政拨款',-1),
 ('I-07',6,'财政拨款收入支出决算总表','支出总计','国有资本经营预算财政拨款',1),('I-07',6,'财政拨款收入支出决算总表','本年支出合计','国有资本经营预算财政拨款',-1),('I-07',6,'财政拨款收入支出决算总表','年末财政拨款结转和结余','国有资本经营预算财政拨款',-1),
 ('I-11',1,'一般公共预算财政拨款基本支出决算表','合计','决算数',1),('I-11',1,'一般公共预算财政拨款基本支出决算表','人员经费合计','决算数',-1),('I-11',1,'一般公共预算财政拨款基本支出决算表','公用经费合计','决算数',-1),
 ('I-12',1,'一般公共预算财政拨款三公经费支出决算表','合计','预算数',1),('I-12',1,'一般公共预算财政拨款三公经费支出决算表','因公出国（境）费','预算数',-1),('I-12',1,'一般公共预算财政拨款三公经费支出决算表','公务用车购置及运行费','预算数',-1),('I-12',1,'一般公共预算财政拨款三公经费支出决算表','公务接待费','预算数',-1),
 ('I-12',2,'一般公共预算财政拨款三公经费支出决算表','合计','决算数',1),('I-12',2,'一般公共预算财政拨款三公经费支出决算表','因公出国（境）费','决算数',-1),('I-12',2,'一般公共预算财政拨款三公经费支出决算表','公务用车购置及运行费','决算数',-1),('I-12',2,'一般公共预算财政拨款三公经费支出决算表','公务接待费','决算数',-1),
 ('I-12',3,'一般公共预算财政拨款三公经费支出决算表','公务用车购置及运行费','预算数',1),('I-12',3,'一般公共预算财政拨款三公经费支出决算表','公务用车购置费','预算数',-1),('I-12',3,'一般公共预算财政拨款三公经费支出决算表','公务用车运行费','预算数',-1),
 ('I-12',4,'一般公共预算财政拨款三公经费支出决算表','公务用车购置及运行费','决算数',1),('I-12',4,'一般公共预算财政拨款三公经费支出决算表','公务用车购置费','决算数',-1),('I-12',4,'一般公共预算财政拨款三公经费支出决算表','公务用车运行费','决算数',-1),
 ('X-01',1,'收入支出决算总表','本年收入合计','金额',1),('X-01',1,'收入决算表','合计','本年收入合计',-1),
 ('X-01',2,'收入支出决算总表','一般公共预算财政拨款收入','金额',1),('X-01',2,'收入支出决算总表','政府性基金预算财政拨款收入','金额',1),('X-01',2,'收入支出决算总表','国有资本经营预算财政拨款收入','金额',1),('X-01',2,'收入决算表','合计','财政拨款收入',-1),
 ('X-01',3,'收入支出决算总表','上级补助收入','金额',1),('X-01',3,'收入决算表','合计','上级补助收入',-1),
 ('X-01',4,'收入支出决算总表','事业收入','金额',1),('X-01',4,'收入决算表','合计','事业收入',-1),
 ('X-01',5,'收入支出决算总表','经营收入','金额',1),('X-01',5,'收入决算表','合计','经营收入',-1),
 ('X-01',6,'收入支出决算总表','附属单位上缴收入','金额',1),('X-01',6,'收入决算表','合计','附属单位上缴收入',-1),
 ('X-01',7,'收入支出决算总表','其他收入','金额',1),('X-01',7,'收入决算表','合计','其他收入',-1),
 ('X-02',1,'收入支出决算总表','本年支出合计','金额',1),('X-02',1,'支出决算表','合计','本年支出合计',-1),
 ('X-03',1,'收入支出决算总表','一般公共预算财政拨款收入','金额',1),('X-03',1,'财政拨款收入支出决算总表','一般公共预算财政拨款收入','合计',-1),
 ('X-03',2,'收入支出决算总表','政府性基金预算财政拨款收入','金额',1),('X-03',2,'财政拨款收入支出决算总表','政府性基金预算财政拨款收入','合计',-1),
 ('X-03',3,'收入支出决算总表','国有资本经营预算财政拨款收入','金额',1),('X-03',3,'财政拨款收入支出决算总表','国有资本经营预算财政拨款收入','合计',-1),
 ('X-04',1,'财政拨款收入支出决算总表','本年支出合计','一般公共预算财政拨款',1),('X-04',1,'一般公共预算财政拨款支出决算表','合计','合计',-1),
 ('X-05',1,'一般公共预算财政拨款支出决算表','合计','基本支出',1),('X-05',1,'一般公共预算财政拨款基本支出决算表','人员经费合计','决算数',-1),('X-05',1,'一般公共预算财政拨款基本支出决算表','公用经费合计','决算数',-1),
 ('X-06',1,'财政拨款收入支出决算总表','年初财政拨款结转和结余','政府性基金预算财政拨款',1),('X-06',1,'政府性基金预算财政拨款收入支出决算表','合计','年初结转和结余',-1),
 ('X-06',2,'财政拨款收入支出决算总表','政府性基金预算财政拨款收入','合计',1),('X-06',2,'政府性基金预算财政拨款收入支出决算表','合计','本年收入',-1),
 ('X-06',3,'财政拨款收入支出决算总表','本年支出合计','政府性基金预算财政拨款',1),('X-06',3,'政府性基金预算财政拨款收入支出决算表','合计','本年支出合计',-1),
 ('X-06',4,'财政拨款收入支出决算总表','年末财政拨款结转和结余','政府性基金预算财政拨款',1),('X-06',4,'政府性基金预算财政拨款收入支出决算表','合计','年末结转和结余',-1),
 ('X-06',5,'财政拨款收入支出决算总表','本年支出合计','国有资本经营预算财政拨款',1),('X-06',5,'国有资本经营预算财政拨款支出决算表','合计','合计',-1);
CREATE TABLE nterms AS SELECT rule, grp, count(*) AS n FROM terms GROUP BY rule, grp;

INSERT INTO fails
SELECT c.unit, t.rule
FROM terms t JOIN c ON c.tbl = t.tbl AND c.col = t.col AND c.key = t.key AND c.prior = 0
GROUP BY c.unit, t.rule, t.grp
HAVING count(c.v) = (SELECT n FROM nterms WHERE nterms.rule = t.rule AND nterms.grp = t.grp)
   AND abs(sum(t.sign * c.v)) > sum(c.h);

-- -------------------------------------------------- row identities (every row)
CREATE TABLE rowterms(rule TEXT, tbl TEXT, col TEXT, sign INTEGER, n INTEGER);
INSERT INTO rowterms VALUES
 ('I-04','收入决算表','本年收入合计',1,7),('I-04','收入决算表','财政拨款收入',-1,7),('I-04','收入决算表','上级补助收入',-1,7),('I-04','收入决算表','事业收入',-1,7),('I-04','收入决算表','经营收入',-1,7),('I-04','收入决算表','附属单位上缴收入',-1,7),('I-04','收入决算表','其他收入',-1,7),
 ('I-05','支出决算表','本年支出合计',1,6),('I-05','支出决算表','基本支出',-1,6),('I-05','支出决算表','项目支出',-1,6),('I-05','支出决算表','上缴上级支出',-1,6),('I-05','支出决算表','经营支出',-1,6),('I-05','支出决算表','对附属单位补助支出',-1,6),
 ('I-06','财政拨款收入支出决算总表','合计',1,4),('I-06','财政拨款收入支出决算总表','一般公共预算财政拨款',-1,4),('I-06','财政拨款收入支出决算总表','政府性基金预算财政拨款',-1,4),('I-06','财政拨款收入支出决算总表','国有资本经营预算财政拨款',-1,4),
 ('I-09','一般公共预算财政拨款支出决算表','合计',1,3),('I-09','一般公共预算财政拨款支出决算表','基本支出',-1,3),('I-09','一般公共预算财政拨款支出决算表','项目支出',-1,3),
 ('I-09','政府性基金预算财政拨款收入支出决算表','本年支出合计',1,3),('I-09','政府性基金预算财政拨款收入支出决算表','基本支出',-1,3),('I-09','政府性基金预算财政拨款收入支出决算表','项目支出',-1,3),
 ('I-09','国有资本经营预算财政拨款支出决算表','合计',1,3),('I-09','国有资本经营预算财政拨款支出决算表','基本支出',-1,3),('I-09','国有资本经营预算财政拨款支出决算表','项目支出',-1,3);

-- (a row of 财政拨款收入支出决算总表 that has only 合计 -- an income line -- has
-- one value, not four, and is not checked: I-06 checks the split rows only)
INSERT INTO fails
SELECT c.unit, t.rule
FROM rowterms t JOIN c ON c.tbl = t.tbl AND c.col = t.col AND c.prior = 0
GROUP BY c.unit, t.rule, c.tbl, c.key
HAVING count(c.v) = max(t.n) AND abs(sum(t.sign * c.v)) > sum(c.h);

-- -------------------------------------------------------- I-08 hierarchies
-- 类 = Σ款 and 款 = Σ项 in every column of 02, 03, 05, 08, 09 (a parent is
-- checked when it has children and all their cells are filled) …
INSERT INTO fails
SELECT p.unit, 'I-08'
FROM c p JOIN c k ON k.unit = p.unit AND k.prior = 0 AND k.tbl = p.tbl AND k.col = p.col AND k.parent = p.key
WHERE p.prior = 0 AND p.lv IN (1, 2)
  AND p.tbl IN ('收入决算表', '支出决算表', '一般公共预算财政拨款支出决算表', '政府性基金预算财政拨款收入支出决算表', '国有资本经营预算财政拨款支出决算表')
GROUP BY p.unit, p.tbl, p.col, p.key
HAVING count(k.v) = count(*) AND p.v IS NOT NULL AND abs(p.v - sum(k.v)) > p.h + sum(k.h);
-- … and 合计 = Σ类 when the table has 类 rows.
INSERT INTO fails
SELECT t.unit, 'I-08'
FROM c t JOIN c k ON k.unit = t.unit AND k.prior = 0 AND k.tbl = t.tbl AND k.col = t.col AND k.lv = 1
WHERE t.prior = 0 AND t.key = '合计'
  AND t.tbl IN ('收入决算表', '支出决算表', '一般公共预算财政拨款支出决算表', '政府性基金预算财政拨款收入支出决算表', '国有资本经营预算财政拨款支出决算表')
GROUP BY t.unit, t.tbl, t.col
HAVING count(k.v) = count(*) AND t.v IS NOT NULL AND abs(t.v - sum(k.v)) > t.h + sum(k.h);

-- ---------------------------------------------------------------- I-10
-- economic 类 = Σ款 …
INSERT INTO fails
SELECT p.unit, 'I-10'
FROM c p JOIN c k ON k.unit = p.unit AND k.prior = 0 AND k.tbl = p.tbl AND k.col = p.col AND k.parent = p.key
WHERE p.prior = 0 AND p.tbl = '一般公共预算财政拨款基本支出决算表' AND p.lv = 1
GROUP BY p.unit, p.key
HAVING count(k.v) = count(*) AND p.v IS NOT NULL AND abs(p.v - sum(k.v)) > p.h + sum(k.h);
-- … 人员经费合计 = 301 + 303, 公用经费合计 = 302 + 310 + 399; an absent optional
-- row counts as the rule's 0.00 (h = 0.005 万元), a blank one is missing.
INSERT INTO fails
SELECT p.unit, 'I-10'
FROM c p JOIN c a ON a.unit = p.unit AND a.prior = 0 AND a.tbl = p.tbl AND a.col = p.col AND a.key = '301'
LEFT JOIN c b ON b.unit = p.unit AND b.prior = 0 AND b.tbl = p.tbl AND b.col = p.col AND b.key = '303'
WHERE p.prior = 0 AND p.tbl = '一般公共预算财政拨款基本支出决算表' AND p.col = '决算数' AND p.key = '人员经费合计'
  AND abs(p.v - a.v - CASE WHEN b.key IS NULL THEN 0 ELSE b.v END)
      > p.h + a.h + CASE WHEN b.key IS NULL THEN 50000 ELSE b.h END;
INSERT INTO fails
SELECT p.unit, 'I-10'
FROM c p JOIN c a ON a.unit = p.unit AND a.prior = 0 AND a.tbl = p.tbl AND a.col = p.col AND a.key = '302'
LEFT JOIN c b ON b.unit = p.unit AND b.prior = 0 AND b.tbl = p.tbl AND b.col = p.col AND b.key = '310'
LEFT JOIN c d ON d.unit = p.unit AND d.prior = 0 AND d.tbl = p.tbl AND d.col = p.col AND d.key = '399'
WHERE p.prior = 0 AND p.tbl = '一般公共预算财政拨款基本支出决算表' AND p.col = '决算数' AND p.key = '公用经费合计'
  AND abs(p.v - a.v - CASE WHEN b.key IS NULL THEN 0 ELSE b.v END - CASE WHEN d.key IS NULL THEN 0 ELSE d.v END)
      > p.h + a.h + CASE WHEN b.key IS NULL THEN 50000 ELSE b.h END + CASE WHEN d.key IS NULL THEN 50000 ELSE d.h END;

-- ------------------------------------------------ 类 rows joined by name
-- X-02 总表 类 = 支出决算表 类; X-04 财政拨款总表 一般公共预算 = 公开05表 类;
-- X-06 财政拨款总表 政府性基金 / 国有资本经营 = 公开08 / 09表 类.
INSERT INTO fails
SELECT a.unit, 'X-02' FROM c a JOIN c b ON b.unit = a.unit AND b.prior = 0 AND b.tbl = '收入支出决算总表' AND b.col = '金额' AND b.key = a.name
WHERE a.prior = 0 AND a.tbl = '支出决算表' AND a.col = '本年支出合计' AND a.lv = 1 AND abs(a.v - b.v) > a.h + b.h;
INSERT INTO fails
SELECT a.unit, 'X-04' FROM c a JOIN c b ON b.unit = a.unit AND b.prior = 0 AND b.tbl = '财政拨款收入支出决算总表' AND b.col = '一般公共预算财政拨款' AND b.key = a.name
WHERE a.prior = 0 AND a.tbl = '一般公共预算财政拨款支出决算表' AND a.col = '合计' AND a.lv = 1 AND abs(a.v - b.v) > a.h + b.h;
INSERT INTO fails
SELECT a.unit, 'X-06' FROM c a JOIN c b ON b.unit = a.unit AND b.prior = 0 AND b.tbl = '财政拨款收入支出决算总表' AND b.col = '政府性基金预算财政拨款' AND b.key = a.name
WHERE a.prior = 0 AND a.tbl = '政府性基金预算财政拨款收入支出决算表' AND a.col = '本年支出合计' AND a.lv = 1 AND abs(a.v - b.v) > a.h + b.h;
INSERT INTO fails
SELECT a.unit, 'X-06' FROM c a JOIN c b ON b.unit = a.unit AND b.prior = 0 AND b.tbl = '财政拨款收入支出决算总表' AND b.col = '国有资本经营预算财政拨款' AND b.key = a.name
WHERE a.prior = 0 AND a.tbl = '国有资本经营预算财政拨款支出决算表' AND a.col = '合计' AND a.lv = 1 AND abs(a.v - b.v) > a.h + b.h;

-- X-06, empty 公开08 / 09表 (a header-only file: "no such funds"): the
-- matching cells of 财政拨款收入支出决算总表 must be exactly 0.
CREATE TABLE empty AS
  SELECT f.unit, f.tbl FROM files f
  WHERE f.prior = 0 AND f.tbl IN ('政府性基金预算财政拨款收入支出决算表', '国有资本经营预算财政拨款支出决算表')
    AND NOT EXISTS (SELECT 1 FROM c WHERE c.unit = f.unit AND c.prior = 0 AND c.tbl = f.tbl);
CREATE TABLE zero(tbl TEXT, key TEXT, col TEXT);
INSERT INTO zero VALUES
 ('政府性基金预算财政拨款收入支出决算表', '年初财政拨款结转和结余', '政府性基金预算财政拨款'),
 ('政府性基金预算财政拨款收入支出决算表', '政府性基金预算财政拨款收入', '合计'),
 ('政府性基金预算财政拨款收入支出决算表', '本年支出合计', '政府性基金预算财政拨款'),
 ('政府性基金预算财政拨款收入支出决算表', '年末财政拨款结转和结余', '政府性基金预算财政拨款'),
 ('国有资本经营预算财政拨款支出决算表', '本年支出合计', '国有资本经营预算财政拨款');
INSERT INTO fails
SELECT e.unit, 'X-06' FROM empty e CROSS JOIN zero z CROSS JOIN c
  ON z.tbl = e.tbl AND c.unit = e.unit AND c.prior = 0 AND c.tbl = '财政拨款收入支出决算总表' AND c.key = z.key AND c.col = z.col
WHERE c.v <> 0;

-- ---------------------------------------------------------------- X-10
-- 年初结转和结余 = last year's (prior/) 年末结转和结余
INSERT INTO fails
SELECT a.unit, 'X-10' FROM c a JOIN c b ON b.unit = a.unit AND b.prior = 1 AND b.tbl = a.tbl AND b.col = a.col
WHERE a.prior = 0 AND ((a.tbl = '收入支出决算总表' AND a.key = '年初结转和结余' AND b.key = '年末结转和结余')
   OR (a.tbl = '财政拨款收入支出决算总表' AND a.col = '合计' AND a.key = '年初财政拨款结转和结余' AND b.key = '年末财政拨款结转和结余'))
  AND abs(a.v - b.v) > a.h + b.h;

-- ---------------------------------------------------------------- T-01
-- every public table is published (a submission with no table at all is
-- a partial one: not checked)
INSERT INTO fails
SELECT unit, 'T-01' FROM files WHERE prior = 0 GROUP BY unit HAVING count(DISTINCT tbl) < 9;

SELECT DISTINCT unit, rule FROM fails ORDER BY unit, rule;
