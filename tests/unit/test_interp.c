/* tests/unit/test_interp.c -- the evaluator (runtime/interp.c and the
 * builtins in stdlib/) end to end: a rule file and a submission folder are
 * written into a fresh temporary folder, compiled with program_load, loaded
 * with load_submission and run with interp_run.  The tests assert on the
 * Report -- each rule's outcome and counts, and each Finding's kind, missing
 * path, message, error and row -- and, for a few, on the whole text report.
 *
 * The tests run from inside the temporary folder, so file names in findings
 * are short and stable ("sub/支出决算表.csv:3"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lang/buf.h"
#include "lang/diag.h"
#include "lang/program.h"
#include "runtime/interp.h"
#include "runtime/load.h"
#include "runtime/report.h"
#include "stdlib/std.h"
#include "tests/unit/scratch_dir.h"

/* ------------------------------------------------------------------------ */
/* Fixture                                                                  */
/* ------------------------------------------------------------------------ */

typedef struct Fixture {
  Diags d;
  Program *p;
  Submission s;
  bool loaded;      // s needs load_free
  Report r;
  bool ran;         // r needs interp_report_free
  Buf out;          // report_text
  Buf tmp;          // generated data
  ScratchDir tmp_dir; // the temporary folder the test runs in
  bool prior_by_rules; // run() reads only the prior tables the rules read,
                       // as `fisc check` does
} Fixture;

static int setup(void **state) {
  Fixture *f = test_calloc(1, sizeof *f);
  diag_init(&f->d);
  buf_init(&f->out);
  buf_init(&f->tmp);
  scratch_enter(&f->tmp_dir, "interp");
  *state = f;
  return 0;
}

static int teardown(void **state) {
  Fixture *f = *state;
  if (f->ran)
    interp_report_free(&f->r);
  if (f->loaded)
    load_free(&f->s);
  program_free(f->p);
  scratch_leave(&f->tmp_dir);
  buf_free(&f->out);
  buf_free(&f->tmp);
  diag_free(&f->d);
  test_free(f);
  return 0;
}

static void write_file(const char *path, const char *text) {
  FILE *fp = fopen(path, "wb");
  assert_non_null(fp);
  size_t n = strlen(text);
  assert_int_equal(fwrite(text, 1, n, fp), n);
  fclose(fp);
}

/* Writes [rules] to r.fisc and the files given as (name, text) pairs, ending
 * with NULL, to the folder sub/ (a name "prior/X" makes sub/prior); compiles,
 * loads and runs them, and renders the text report into f->out.  Nothing may
 * be reported on the way. */
static void run(Fixture *f, const char *rules, ...) {
  write_file("r.fisc", rules);
  assert_int_equal(mkdir("sub", 0700), 0);
  va_list ap;
  va_start(ap, rules);
  const char *name;
  while ((name = va_arg(ap, const char *)) != NULL) {
    const char *text = va_arg(ap, const char *);
    char path[256];
    if (strncmp(name, "prior/", 6) == 0)
      mkdir("sub/prior", 0700); // exists after the first such file
    snprintf(path, sizeof path, "sub/%s", name);
    write_file(path, text);
  }
  va_end(ap);
  f->p = program_load("r.fisc", std_sigs, std_count, &f->d);
  assert_string_equal(f->d.out.s, "");
  assert_non_null(f->p);
  f->loaded = true;
  LoadOptions o = {0};
  o.prior_selected = f->prior_by_rules;
  o.prior_tables = f->p->prior_tables;
  o.prior_narrative = f->p->prior_narrative;
  assert_true(load_submission_with(&f->s, "sub", f->p->tables,
                                   f->p->n_tables, &o, &f->d));
  assert_string_equal(f->d.out.s, "");
  interp_run(f->p, &f->s, &f->r);
  f->ran = true;
  report_text(&f->out, &f->r, false);
}

/* The result of rule [id]. */
static const RuleResult *result(Fixture *f, const char *id) {
  for (int i = 0; i < f->p->n_rules; i++)
    if (strcmp(f->r.results[i].rule->id, id) == 0)
      return &f->r.results[i];
  fail_msg("no rule %s", id);
  return NULL;
}

/* Asserts rule [id]'s outcome and counts. */
static void expect_result(Fixture *f, const char *id, Outcome outcome,
                          int checked, int failed, int skipped, int errors) {
  const RuleResult *res = result(f, id);
  assert_int_equal(res->outcome, outcome);
  assert_int_equal(res->n_checked, checked);
  assert_int_equal(res->n_failed, failed);
  assert_int_equal(res->n_skipped, skipped);
  assert_int_equal(res->n_errors, errors);
}

static int n_findings(Fixture *f, const char *id) {
  int n = 0;
  for (int i = 0; i < f->r.n_findings; i++)
    n += strcmp(f->r.findings[i].rule->id, id) == 0;
  return n;
}

/* The [k]th finding of rule [id]. */
static const Finding *finding(Fixture *f, const char *id, int k) {
  for (int i = 0; i < f->r.n_findings; i++)
    if (strcmp(f->r.findings[i].rule->id, id) == 0 && k-- == 0)
      return &f->r.findings[i];
  fail_msg("rule %s has too few findings", id);
  return NULL;
}

/* Asserts that rule [id] was skipped once, for the missing path [path]. */
static void expect_skip(Fixture *f, const char *id, const char *path) {
  expect_result(f, id, OUT_SKIP, 0, 0, 1, 0);
  assert_int_equal(n_findings(f, id), 1);
  const Finding *fd = finding(f, id, 0);
  assert_int_equal(fd->kind, OUT_SKIP);
  assert_non_null(fd->missing);
  assert_string_equal(fd->missing, path);
  assert_null(fd->message);
  assert_null(fd->error);
}

/* Byte offset of the first [needle] in the rule file. */
static uint32_t rule_off(Fixture *f, const char *needle) {
  const char *s = f->p->srcs[0]->bytes;
  const char *at = strstr(s, needle);
  assert_non_null(at);
  return (uint32_t)(at - s);
}

// The table most tests use, and a submission for it.  Lines of the CSV:
// 1 header, 2 合计, 3 201, 4 20101, 5 208, 6 20805 (基本支出 blank).
#define TABLE                                                                  \
  "table 支出决算表 {\n"                                                       \
  "    key 科目编码 : code\n"                                                  \
  "    科目名称     : text\n"                                                  \
  "    本年支出合计 : 万元\n"                                                  \
  "    基本支出     : 万元\n"                                                  \
  "    项目支出     : 万元\n"                                                  \
  "}\n"
#define EXP "支出决算表.csv"
#define EXP_CSV                                                                \
  "科目编码,科目名称,本年支出合计,基本支出,项目支出\n"                         \
  "合计,,1118.78,484.64,634.14\n"                                              \
  "201,一般公共服务支出,1035.30,401.16,634.14\n"                               \
  "20101,人大事务,1035.30,401.16,634.14\n"                                     \
  "208,社会保障和就业支出,20.66,20.66,0\n"                                     \
  "20805,行政事业单位养老支出,20.66,,0\n"

/* ------------------------------------------------------------------------ */
/* Numbers                                                                  */
/* ------------------------------------------------------------------------ */

static void test_interp_decimal_sum_is_exact(void **state) {
  Fixture *f = *state;
  run(f,
      "rule A \"十进制\" { assert 0.1 + 0.2 == 0.3 }\n"
      "rule B \"十进制\" { assert 0.3 - 0.1 == 0.2\n"
      "                   assert 0.1 * 3 == 0.3\n"
      "                   assert 1 / 3 * 3 == 1 }\n",
      NULL);
  expect_result(f, "A", OUT_PASS, 1, 0, 0, 0);
  expect_result(f, "B", OUT_PASS, 3, 0, 0, 0);
  assert_int_equal(f->r.n_findings, 0);
}

static void test_interp_forty_digit_arithmetic(void **state) {
  Fixture *f = *state;
  run(f,
      "rule A \"大数\" {\n"
      "  assert 1234567890123456789012345678901234567890 + 1 ==\n"
      "         1234567890123456789012345678901234567891\n"
      "  assert 10000000000000000000000000000000000000001 -\n"
      "         10000000000000000000000000000000000000000 == 1\n"
      "  assert 1234567890123456789012345.678901234567890 * 3 ==\n"
      "         3703703670370370367037037.036703703703670\n"
      "  assert 99999999999999999999.99999999999999999999 + 0.00000000000000000001"
      " == 100000000000000000000\n"
      "}\n"
      "rule B \"大数不等\" {\n"
      "  assert 10000000000000000000000000000000000000001 ==\n"
      "         10000000000000000000000000000000000000000\n"
      "}\n",
      NULL);
  expect_result(f, "A", OUT_PASS, 4, 0, 0, 0);
  // A double would call these equal.
  expect_result(f, "B", OUT_FAIL, 1, 1, 0, 0);
}

static void test_interp_approx_examples(void **state) {
  Fixture *f = *state;
  run(f,
      "rule A \"分项之和\" {\n"
      "  assert 420.42 + 170.1 + 24.08 + 19.29 + 0.26 ≈ 634.14\n"
      "}\n"
      "rule B \"占比\" {\n"
      "  assert pct(634.14, 1118.78) ≈ 52.7\n"
      "}\n"
      "rule C \"占比\" {\n"
      "  assert pct(634.14, 1118.78) ≈ 56.7\n"
      "  assert 634.14 ≈ 634.1\n"
      "  assert 634.14 ~= 634.15\n"
      "}\n",
      NULL);
  expect_result(f, "A", OUT_PASS, 1, 0, 0, 0);
  expect_result(f, "B", OUT_FAIL, 1, 1, 0, 0);
  expect_result(f, "C", OUT_PASS, 3, 0, 0, 0);
  const Finding *fd = finding(f, "B", 0);
  assert_int_equal(fd->kind, OUT_FAIL);
  assert_null(fd->message);
  assert_null(fd->context);
  assert_true(fd->n_trace > 0);
  assert_string_equal(
      f->out.s,
      "sub\n"
      "\n"
      "r.fisc:5:10: error B 占比\n"
      "    5 |   assert pct(634.14, 1118.78) ≈ 52.7\n"
      "      |          |                    |\n"
      "      |          56.6814…             false\n"
      "      = `pct(634.14, 1118.78)` stands for [56.6807…, 56.6821…], "
      "`52.7` for [52.65, 52.75]: they do not meet, so no rounding explains "
      "the gap\n"
      "\n"
      "3 rules: 2 passed, 1 failed, 0 skipped, 0 evaluation errors\n");
}

static void test_interp_approx_with_tolerance(void **state) {
  Fixture *f = *state;
  run(f,
      "rule A \"容差\" {\n"
      "  assert 100 ≈ 100.5 ± 0.5\n"
      "  assert 100 ≈ 99.5 +/- 0.5\n"
      "  assert 1万元 ≈ 10001元 ± 1元\n"
      "}\n"
      "rule B \"容差外\" { assert 100 ≈ 100.6 ± 0.5 }\n"
      "rule C \"容差外\" { assert 1万元 ≈ 10002元 ± 1元 }\n"
      "rule D \"零容差\" { assert 0.1 ≈ 0.1 ± 0 }\n",
      NULL);
  expect_result(f, "A", OUT_PASS, 3, 0, 0, 0);
  expect_result(f, "B", OUT_FAIL, 1, 1, 0, 0);
  expect_result(f, "C", OUT_FAIL, 1, 1, 0, 0);
  expect_result(f, "D", OUT_PASS, 1, 0, 0, 0);
}

static void test_interp_round_half_away_from_zero(void **state) {
  Fixture *f = *state;
  run(f,
      "rule A \"四舍五入\" {\n"
      "  assert round(2.345, 2) == 2.35\n"
      "  assert round(-2.345, 2) == -2.35\n"
      "  assert round(2.5, 0) == 3\n"
      "  assert round(-2.5, 0) == -3\n"
      "  assert round(0.125, 2) == 0.13\n"
      "  assert round(2.344, 2) == 2.34\n"
      "  assert round(1250, -2) == 1300\n"
      "}\n"
      "rule B \"非整数位\" { assert round(2.345, 1.5) == 2.3 }\n",
      NULL);
  expect_result(f, "A", OUT_PASS, 7, 0, 0, 0);
  expect_result(f, "B", OUT_ERROR, 0, 0, 0, 1);
  assert_string_equal(finding(f, "B", 0)->error,
                      "`round` takes a whole number of places from -12 to 12");
}

static void test_interp_money_units_convert_exactly(void **state) {
  Fixture *f = *state;
  run(f,
      "rule A \"单位\" {\n"
      "  assert 1万元 == 10000元\n"
      "  assert 10000元 == 1万元\n"
      "  assert 4.8万元 + 200元 == 4.82万元\n"
      "  assert 1亿元 == 10000万元\n"
      "  assert 1亿元 - 1元 == 99999999元\n"
      "  assert 50% * 200万元 == 100万元\n"
      "}\n"
      "rule B \"单位不等\" { assert 4.8万元 + 201元 == 4.82万元 }\n",
      NULL);
  expect_result(f, "A", OUT_PASS, 6, 0, 0, 0);
  expect_result(f, "B", OUT_FAIL, 1, 1, 0, 0);
}

/* A bare 0 means "none" and is exact; 0.00 is a rounded figure. */
static void test_interp_bare_zero_is_exact(void **state) {
  Fixture *f = *state;
  run(f,
      "rule A \"零\" { assert 21.85 ≈ 21.80 + 0 }\n"
      "rule B \"零\" { assert 21.85 ≈ 21.84 + 0.00 }\n",
      NULL);
  expect_result(f, "A", OUT_FAIL, 1, 1, 0, 0);
  expect_result(f, "B", OUT_PASS, 1, 0, 0, 0);
}

/* ------------------------------------------------------------------------ */
/* missing                                                                  */
/* ------------------------------------------------------------------------ */

static void test_interp_absent_table_skips_rule(void **state) {
  Fixture *f = *state;
  run(f,
      TABLE
      "table 收入决算表 { key 科目编码 : code  本年收入合计 : 万元 }\n"
      "rule A \"收入\" { assert 收入决算表[\"合计\"].本年收入合计 > 0 }\n"
      "rule B \"收入\" {\n"
      "  for r in 收入决算表: assert r.本年收入合计 > 0\n"
      "}\n"
      "rule C \"支出\" { assert 支出决算表[\"合计\"].基本支出 > 0 }\n",
      EXP, EXP_CSV, NULL);
  expect_skip(f, "A", "收入决算表 (no 收入决算表.csv)");
  expect_skip(f, "B", "收入决算表 (no 收入决算表.csv)");
  expect_result(f, "C", OUT_PASS, 1, 0, 0, 0);
  assert_false(report_has_errors(&f->r));
}

static void test_interp_absent_row_is_missing(void **state) {
  Fixture *f = *state;
  run(f,
      TABLE
      "rule A \"行\" { assert 支出决算表[\"2080505\"].基本支出 > 0 }\n"
      "rule B \"行\" { assert 支出决算表[2080505].基本支出 > 0 }\n"
      "rule C \"行\" { assert 支出决算表[208].基本支出 > 0 }\n",
      EXP, EXP_CSV, NULL);
  expect_skip(f, "A", "支出决算表[\"2080505\"]");
  expect_skip(f, "B", "支出决算表[\"2080505\"]");
  // A whole number finds the row written as that code.
  expect_result(f, "C", OUT_PASS, 1, 0, 0, 0);
}

static void test_interp_blank_cell_is_missing(void **state) {
  Fixture *f = *state;
  run(f,
      TABLE
      "rule A \"空\" { assert 支出决算表[\"20805\"].基本支出 >= 0 }\n"
      "rule B \"零\" { assert 支出决算表[\"20805\"].项目支出 == 0 }\n",
      EXP, EXP_CSV, NULL);
  expect_skip(f, "A", "支出决算表[\"20805\"].基本支出");
  // 0 is a value, not missing.
  expect_result(f, "B", OUT_PASS, 1, 0, 0, 0);
}

static void test_interp_arithmetic_on_missing_stays_missing(void **state) {
  Fixture *f = *state;
  run(f,
      TABLE
      "let 空 = 支出决算表[\"20805\"].基本支出\n"
      "rule A \"算\" { assert 空 + 1 - 2 * 3 / 4 > 0 }\n"
      "rule B \"算\" { assert -空 < 0 }\n"
      "rule C \"算\" { assert abs(空) > 0 }\n"
      "rule D \"算\" { assert pct(空, 1) ≈ 1 }\n"
      "rule E \"算\" { assert not (空 > 0) }\n"
      "rule F \"算\" { assert (if 空 > 0 then 1 else 2) == 2 }\n"
      "rule G \"算\" { assert sum(r.基本支出 for r in 支出决算表) > 0 }\n",
      EXP, EXP_CSV, NULL);
  static const char *const ids[] = {"A", "B", "C", "D", "E", "F", "G"};
  for (int i = 0; i < 7; i++)
    expect_skip(f, ids[i], "支出决算表[\"20805\"].基本支出");
  assert_string_equal(
      f->out.s,
      "sub\n"
      "\n"
      "skipped (data missing, not checked):\n"
      "  A 算\n"
      "      missing 支出决算表[\"20805\"].基本支出\n"
      "  B 算\n"
      "      missing 支出决算表[\"20805\"].基本支出\n"
      "  C 算\n"
      "      missing 支出决算表[\"20805\"].基本支出\n"
      "  D 算\n"
      "      missing 支出决算表[\"20805\"].基本支出\n"
      "  E 算\n"
      "      missing 支出决算表[\"20805\"].基本支出\n"
      "  F 算\n"
      "      missing 支出决算表[\"20805\"].基本支出\n"
      "  G 算\n"
      "      missing 支出决算表[\"20805\"].基本支出\n"
      "\n"
      "7 rules: 0 passed, 0 failed, 7 skipped, 0 evaluation errors\n");
}

static void test_interp_exists_and_default(void **state) {
  Fixture *f = *state;
  run(f,
      TABLE
      "table 收入决算表 { key 科目编码 : code  本年收入合计 : 万元 }\n"
      "rule A \"有无\" {\n"
      "  assert not exists(支出决算表[\"20805\"].基本支出)\n"
      "  assert not exists(支出决算表[\"2080505\"])\n"
      "  assert not exists(收入决算表)\n"
      "  assert exists(支出决算表[\"208\"].基本支出)\n"
      "  assert exists(支出决算表[\"20805\"].项目支出)\n"
      "}\n"
      "rule B \"默认\" {\n"
      "  assert (支出决算表[\"20805\"].基本支出 ?? 0) == 0\n"
      "  assert (支出决算表[\"20805\"].基本支出 ?? 5万元) == 50000元\n"
      "  assert (支出决算表[\"208\"].基本支出 ?? 0) == 20.66\n"
      "  assert (收入决算表[\"合计\"].本年收入合计 ?? 1) == 1\n"
      "}\n",
      EXP, EXP_CSV, NULL);
  expect_result(f, "A", OUT_PASS, 5, 0, 0, 0);
  expect_result(f, "B", OUT_PASS, 4, 0, 0, 0);
}

static void test_interp_logic_decides_over_missing(void **state) {
  Fixture *f = *state;
  run(f,
      TABLE
      "let 空 = 支出决算表[\"20805\"].基本支出\n"
      "rule A \"假且缺\" { assert not (1 == 2 and 空 > 0) }\n"
      "rule B \"假且缺\" { assert 1 == 2 and 空 > 0 }\n"
      "rule C \"缺且假\" { assert not (空 > 0 and 1 == 2) }\n"
      "rule D \"真或缺\" { assert 1 == 1 or 空 > 0 }\n"
      "rule E \"缺或真\" { assert 空 > 0 or 1 == 1 }\n"
      "rule F \"真且缺\" { assert 1 == 1 and 空 > 0 }\n"
      "rule G \"假或缺\" { assert 1 == 2 or 空 > 0 }\n",
      EXP, EXP_CSV, NULL);
  expect_result(f, "A", OUT_PASS, 1, 0, 0, 0);
  // false and missing is false: the assert fails, it is not skipped.
  expect_result(f, "B", OUT_FAIL, 1, 1, 0, 0);
  expect_result(f, "C", OUT_PASS, 1, 0, 0, 0);
  expect_result(f, "D", OUT_PASS, 1, 0, 0, 0);
  expect_result(f, "E", OUT_PASS, 1, 0, 0, 0);
  expect_skip(f, "F", "支出决算表[\"20805\"].基本支出");
  expect_skip(f, "G", "支出决算表[\"20805\"].基本支出");
}

/* ------------------------------------------------------------------------ */
/* Evaluation errors                                                        */
/* ------------------------------------------------------------------------ */

static void test_interp_division_by_zero_is_an_error(void **state) {
  Fixture *f = *state;
  run(f,
      TABLE
      "rule A \"除零\" {\n"
      "  assert 支出决算表[\"合计\"].基本支出 / 支出决算表[\"208\"].项目支出 > 0\n"
      "  assert 1 == 1\n"
      "}\n"
      "rule B \"之后\" { assert 1 == 1 }\n"
      "rule C \"占比除零\" { assert pct(1, 支出决算表[\"208\"].项目支出) > 0 }\n",
      EXP, EXP_CSV, NULL);
  // The error ends that assert only: the next one and the next rule run.
  expect_result(f, "A", OUT_ERROR, 1, 0, 0, 1);
  expect_result(f, "B", OUT_PASS, 1, 0, 0, 0);
  expect_result(f, "C", OUT_ERROR, 0, 0, 0, 1);
  assert_int_equal(n_findings(f, "A"), 1);
  const Finding *fd = finding(f, "A", 0);
  assert_int_equal(fd->kind, OUT_ERROR);
  assert_string_equal(fd->error, "division by zero (the divisor is 0)");
  assert_ptr_equal(fd->err_src, f->p->srcs[0]);
  assert_int_equal(fd->err_span.off, rule_off(f, "/"));
  assert_int_equal(fd->err_span.len, 1);
  assert_null(fd->context);
  assert_true(report_has_errors(&f->r));
  fd = finding(f, "C", 0);
  assert_string_equal(fd->error,
                      "division by zero in `pct` (the base is 0)");
  assert_int_equal(fd->err_span.off, rule_off(f, "pct"));
  assert_string_equal(
      f->out.s,
      "sub\n"
      "\n"
      "r.fisc:9:38: error A 除零\n"
      "    9 |   assert 支出决算表[\"合计\"].基本支出 / "
      "支出决算表[\"208\"].项目支出 > 0\n"
      "      |                                      ^\n"
      "  evaluation error: division by zero (the divisor is 0)\n"
      "\n"
      "r.fisc:13:28: error C 占比除零\n"
      "   13 | rule C \"占比除零\" { assert pct(1, 支出决算表[\"208\"].项目支出) "
      "> 0 }\n"
      "      |                            ^~~\n"
      "  evaluation error: division by zero in `pct` (the base is 0)\n"
      "\n"
      "3 rules: 1 passed, 0 failed, 0 skipped, 2 evaluation errors\n");
}

/* ------------------------------------------------------------------------ */
/* Loops and messages                                                       */
/* ------------------------------------------------------------------------ */

static void test_interp_for_rows_with_where(void **state) {
  Fixture *f = *state;
  run(f,
      TABLE
      "rule I-05 \"合计 = 基本支出 + 项目支出\" {\n"
      "    for r in 支出决算表 where r.科目编码 != \"合计\":\n"
      "        assert r.本年支出合计 ≈ r.基本支出 + r.项目支出\n"
      "            else \"{r.科目编码} {r.科目名称}：合计 {r.本年支出合计}\"\n"
      "}\n",
      EXP,
      "科目编码,科目名称,本年支出合计,基本支出,项目支出\n"
      "合计,,1.00,1.00,1.00\n"
      "201,一般公共服务支出,1035.30,401.16,634.14\n"
      "208,社会保障和就业支出,21.85,21.80,0\n"
      "210,卫生健康支出,5,,5\n"
      "221,住房保障支出,40.84,40.84,0.00\n",
      NULL);
  // 合计 is filtered out; 201 and 221 pass; 208 fails; 210 is skipped.
  expect_result(f, "I-05", OUT_FAIL, 3, 1, 1, 0);
  assert_int_equal(n_findings(f, "I-05"), 2);
  const Finding *fd = finding(f, "I-05", 0);
  assert_int_equal(fd->kind, OUT_FAIL);
  assert_string_equal(fd->context, "支出决算表[\"208\"]");
  assert_string_equal(fd->data_at, "sub/支出决算表.csv:4");
  assert_string_equal(fd->message, "208 社会保障和就业支出：合计 21.85");
  fd = finding(f, "I-05", 1);
  assert_int_equal(fd->kind, OUT_SKIP);
  assert_string_equal(fd->missing, "支出决算表[\"210\"].基本支出");
  assert_string_equal(fd->context, "支出决算表[\"210\"]");
  assert_string_equal(fd->data_at, "sub/支出决算表.csv:5");
  assert_string_equal(
      f->out.s,
      "sub\n"
      "\n"
      "r.fisc:10:16: error I-05 合计 = 基本支出 + 项目支出\n"
      "   10 |         assert r.本年支出合计 ≈ r.基本支出 + r.项目支出\n"
      "      |                  |            |   |        |   |\n"
      "      |                  21.85        |   21.80    |   0\n"
      "      |                               false        21.80\n"
      "      = `r.本年支出合计` stands for [21.845, 21.855], "
      "`r.基本支出 + r.项目支出` for [21.795, 21.805]: they do not meet, so "
      "no rounding explains the gap\n"
      "      = row 支出决算表[\"208\"] at sub/支出决算表.csv:4\n"
      "  208 社会保障和就业支出：合计 21.85\n"
      "\n"
      "skipped (data missing, not checked):\n"
      "  I-05 合计 = 基本支出 + 项目支出\n"
      "      missing 支出决算表[\"210\"].基本支出\n"
      "\n"
      "1 rule: 0 passed, 1 failed, 0 skipped, 0 evaluation errors\n");
}

static void test_interp_nested_loops_context(void **state) {
  Fixture *f = *state;
  run(f,
      TABLE
      "rule L \"嵌套\" {\n"
      "  for a in 支出决算表 where a.科目编码 == \"201\":\n"
      "    for b in children(支出决算表, a.科目编码):\n"
      "      assert b.本年支出合计 < a.本年支出合计 else \"{b.科目编码} < {a.科目编码}\"\n"
      "}\n",
      EXP, EXP_CSV, NULL);
  expect_result(f, "L", OUT_FAIL, 1, 1, 0, 0);
  const Finding *fd = finding(f, "L", 0);
  assert_string_equal(fd->context, "支出决算表[\"201\"], 支出决算表[\"20101\"]");
  assert_string_equal(fd->data_at, "sub/支出决算表.csv:4");
  assert_string_equal(fd->message, "20101 < 201");
}

static void test_interp_where_on_missing_skips_that_row(void **state) {
  Fixture *f = *state;
  run(f,
      TABLE
      "rule W \"条件缺\" {\n"
      "  for r in 支出决算表 where r.基本支出 > 100:\n"
      "    assert r.项目支出 > 0\n"
      "}\n",
      EXP, EXP_CSV, NULL);
  // 合计, 201, 20101 pass the where and the assert; 208 fails the where;
  // 20805's blank makes its where missing.
  expect_result(f, "W", OUT_SKIP, 3, 0, 1, 0);
  const Finding *fd = finding(f, "W", 0);
  assert_int_equal(fd->kind, OUT_SKIP);
  assert_string_equal(fd->missing, "支出决算表[\"20805\"].基本支出");
  assert_string_equal(fd->context, "支出决算表[\"20805\"]");
}

static void test_interp_findings_per_rule_are_capped(void **state) {
  Fixture *f = *state;
  Buf *csv = &f->tmp;
  buf_puts(csv, "科目编码,科目名称,本年支出合计,基本支出,项目支出\n");
  for (int i = 0; i < 60; i++)
    buf_printf(csv, "%d,项%d,1.00,1.00,1.00\n", 900 + i, i);
  run(f,
      TABLE
      "rule X \"多\" { for r in 支出决算表: assert r.本年支出合计 > 1 }\n"
      "rule Y \"少\" { assert 1 == 2 }\n",
      EXP, csv->s, NULL);
  expect_result(f, "X", OUT_FAIL, 60, 60, 0, 0);
  assert_int_equal(n_findings(f, "X"), INTERP_MAX_FINDINGS_PER_RULE);
  assert_string_equal(finding(f, "X", 49)->context, "支出决算表[\"949\"]");
  // The next rule still gets its finding.
  expect_result(f, "Y", OUT_FAIL, 1, 1, 0, 0);
  assert_int_equal(n_findings(f, "Y"), 1);
  assert_non_null(strstr(f->out.s, "\nX: 10 more findings not shown\n"));
}

static void test_interp_message_interpolation(void **state) {
  Fixture *f = *state;
  run(f,
      TABLE
      "let 合计行 = 支出决算表[\"合计\"]\n"
      "rule N03 \"占比\" {\n"
      "  let 占比 = 52.7%\n"
      "  let 空 = 支出决算表[\"20805\"].基本支出\n"
      "  assert 占比 ≈ pct(合计行.项目支出, 合计行.本年支出合计)\n"
      "    else \"写作 {占比}%，应为 {round(pct(合计行.项目支出, "
      "合计行.本年支出合计), 1)}%；\\{原文\\} {空} {合计行}\"\n"
      "}\n",
      EXP, EXP_CSV, NULL);
  expect_result(f, "N03", OUT_FAIL, 1, 1, 0, 0);
  assert_string_equal(finding(f, "N03", 0)->message,
                      "写作 52.7%，应为 56.7%；{原文} missing 支出决算表[\"合计\"]");
}

/* ------------------------------------------------------------------------ */
/* Builtins                                                                 */
/* ------------------------------------------------------------------------ */

/* norm() on table names, as the 2021 suite compares them with names read
 * from the 说明: a name already in normal form is returned as it is, one
 * with full-width forms or white space is normalised (fails if the
 * uncopied path is taken for a name that normalisation changes). */
// Names written in full width, with a space, as a prefix of another.
#define NAMES_CSV                                                             \
  "科目编码,科目名称,本年支出合计,基本支出,项目支出\n"                    \
  "201,政府办公厅（室）,1,1,0\n"                                             \
  "20101,政府办公厅(室),1,1,0\n"                                             \
  "20102,人大事务,1,1,0\n"                                                   \
  "20103,人大\u3000事务,1,1,0\n"                                             \
  "20104,人大事务费,1,1,0\n"

static void test_interp_norm_of_names(void **state) {
  Fixture *f = *state;
  run(f,
      TABLE
      "rule N \"规范名称\" {\n"
      "  assert count(r for r in 支出决算表 where norm(r.科目名称 ?? \"\") == "
      "\"政府办公厅(室)\") == 2\n"
      "  assert count(r for r in 支出决算表 where norm(r.科目名称 ?? \"\") == "
      "\"人大事务\") == 2\n"
      "  assert norm(\"一般公共服务支出\") == \"一般公共服务支出\"\n"
      "  assert norm(\"一般　公共 服务\") == \"一般公共服务\"\n"
      "  assert norm(\"\") == \"\"\n"
      "}\n",
      EXP,
      NAMES_CSV,
      NULL);
  expect_result(f, "N", OUT_PASS, 5, 0, 0, 0);
}

static void test_interp_norm_remembered_by_text_and_length(void **state) {
  Fixture *f = *state;
  /* norm() is remembered per text for the unit; a code and its parent
   * (parent() returns the code's own first bytes) must not share an entry,
   * and asking twice must give the same answer as asking once. */
  run(f,
      TABLE
      "rule M \"记忆\" {\n"
      "  for k in [1, 2]:\n"
      "    assert count(r for r in 支出决算表 where norm(r.科目编码) == "
      "\"20101\") == 1\n"
      "    assert count(r for r in 支出决算表 where level(r.科目编码) == 2 and "
      "norm(parent(r.科目编码)) == \"201\") == 4\n"
      "    assert count(r for r in 支出决算表 where norm(r.科目名称 ?? \"\") == "
      "\"人大事务\") == 2\n"
      "}\n",
      EXP,
      NAMES_CSV,
      NULL);
  expect_result(f, "M", OUT_PASS, 6, 0, 0, 0);
}

static void test_interp_norm_memo_grows(void **state) {
  Fixture *f = *state;
  /* 400 distinct names, each written with full-width brackets: the memo
   * grows past its first 256 slots and every name keeps its own form. */
  Buf csv;
  buf_init(&csv);
  buf_puts(&csv, "科目编码,科目名称,本年支出合计,基本支出,项目支出\n");
  for (int k = 0; k < 400; k++)
    buf_printf(&csv, "%d,项目（%d）,1,1,0\n", 20100 + k, k);
  run(f,
      TABLE
      "rule G \"增长\" {\n"
      "  for k in [1, 2]:\n"
      "    assert count(r for r in 支出决算表 where norm(r.科目名称 ?? \"\") == "
      "\"项目(7)\") == 1\n"
      "    assert count(r for r in 支出决算表 where norm(r.科目名称 ?? \"\") == "
      "\"项目(399)\") == 1\n"
      "    assert count(r for r in 支出决算表 where norm(r.科目名称 ?? \"\") == "
      "\"项目（7）\") == 0\n"
      "}\n",
      EXP, csv.s, NULL);
  buf_free(&csv);
  expect_result(f, "G", OUT_PASS, 6, 0, 0, 0);
}

static void test_interp_aggregates(void **state) {
  Fixture *f = *state;
  run(f,
      TABLE
      "rule G \"聚合\" {\n"
      "  assert sum(r.本年支出合计 for r in 支出决算表 where level(r.科目编码) "
      "== 1) == 1055.96\n"
      "  assert count(r for r in 支出决算表 where level(r.科目编码) == 1) == 2\n"
      "  assert count(r for r in 支出决算表) == 5\n"
      "  assert min(r.本年支出合计 for r in 支出决算表 where level(r.科目编码) "
      "== 1) == 20.66\n"
      "  assert max(r.本年支出合计 for r in 支出决算表 where level(r.科目编码) "
      "== 1) == 1035.30\n"
      "  assert avg(r.本年支出合计 for r in 支出决算表 where level(r.科目编码) "
      "== 1) == 527.98\n"
      "  assert sum(r.本年支出合计 for r in 支出决算表 where r.科目编码 == "
      "\"无\") == 0\n"
      "  assert min(3, 1, 2) == 1 and max(3, 1, 2) == 3\n"
      "  assert sum(1万元, 1元) == 10001元\n"
      "}\n"
      "rule H \"空集\" {\n"
      "  assert max(r.本年支出合计 for r in 支出决算表 where r.科目编码 == "
      "\"无\") > 0\n"
      "}\n",
      EXP, EXP_CSV, NULL);
  expect_result(f, "G", OUT_PASS, 9, 0, 0, 0);
  // max of no rows is missing, not 0.
  expect_skip(f, "H", "max() of no rows");
}

static void test_interp_level_parent_children(void **state) {
  Fixture *f = *state;
  run(f,
      TABLE
      "rule C \"编码\" {\n"
      "  assert level(\"201\") == 1\n"
      "  assert level(\"20101\") == 2\n"
      "  assert level(\"2010101\") == 3\n"
      "  assert level(2080505) == 3\n"
      "  assert parent(\"2080505\") == \"20805\"\n"
      "  assert parent(\"20805\") == \"208\"\n"
      "  assert parent(20805) == \"208\"\n"
      "  assert count(k for k in children(支出决算表, \"201\")) == 1\n"
      "  assert count(k for k in children(支出决算表, \"208\")) == 1\n"
      "  assert count(k for k in children(支出决算表, \"20805\")) == 0\n"
      "  assert sum(k.本年支出合计 for k in children(支出决算表, \"201\")) == "
      "1035.30\n"
      "}\n"
      "rule P \"类无上级\" { assert parent(\"201\") == \"\" }\n",
      EXP, EXP_CSV, NULL);
  expect_result(f, "C", OUT_PASS, 11, 0, 0, 0);
  expect_skip(f, "P", "parent(\"201\")");
}

/* docs/language.md says level() is "missing otherwise"; the implementation
 * (std_code.c) returns 0 for a label such as 合计, which lets
 * `where level(r.科目编码) == 1` walk a table with a 合计 row. */
static void test_interp_level_of_a_label_is_zero(void **state) {
  Fixture *f = *state;
  run(f,
      "rule L \"层级\" {\n"
      "  assert level(\"合计\") == 0\n"
      "  assert level(\"2010\") == 0\n"
      "  assert level(\"20a\") == 0\n"
      "}\n",
      NULL);
  expect_result(f, "L", OUT_PASS, 3, 0, 0, 0);
}

// A table with 类, 款 and 项 rows (lines 2-9 of its CSV).
#define ROLLUP_CSV                                                             \
  "科目编码,科目名称,本年支出合计,基本支出,项目支出\n"                         \
  "合计,,200.00,,\n"                                                           \
  "201,一般公共服务支出,100.00,,\n"                                            \
  "20101,人大事务,60.00,,\n"                                                   \
  "2010101,行政运行,50.00,,\n"                                                 \
  "2010102,一般行政管理事务,5.00,,\n"                                          \
  "20102,政协事务,30.00,,\n"                                                   \
  "208,社会保障和就业支出,100.00,,\n"                                          \
  "20805,行政事业单位养老支出,100.00,,\n"

static void test_interp_rollup_reports_each_failing_parent(void **state) {
  Fixture *f = *state;
  run(f,
      TABLE
      "rule R1 \"逐级汇总\" {\n"
      "    assert rollup(支出决算表, 本年支出合计) else \"逐级汇总不符\"\n"
      "}\n",
      EXP, ROLLUP_CSV, NULL);
  // One assert, failed once; one finding per failing parent.
  expect_result(f, "R1", OUT_FAIL, 1, 1, 0, 0);
  assert_int_equal(n_findings(f, "R1"), 2);
  const Finding *a = finding(f, "R1", 0), *b = finding(f, "R1", 1);
  assert_int_equal(a->kind, OUT_FAIL);
  assert_int_equal(b->kind, OUT_FAIL);
  assert_string_equal(a->message,
                      "类 201: 本年支出合计 100.00 ≠ Σ款 90.00 "
                      "(sub/支出决算表.csv:3)\n"
                      "    20101 人大事务 60.00\n"
                      "    20102 政协事务 30.00");
  // The rule's own message comes after the last parent.
  assert_string_equal(b->message,
                      "款 20101: 本年支出合计 60.00 ≠ Σ项 55.00 "
                      "(sub/支出决算表.csv:4)\n"
                      "    2010101 行政运行 50.00\n"
                      "    2010102 一般行政管理事务 5.00\n"
                      "逐级汇总不符");
  assert_string_equal(
      f->out.s,
      "sub\n"
      "\n"
      "r.fisc:9:12: error R1 逐级汇总\n"
      "    9 |     assert rollup(支出决算表, 本年支出合计) else \"逐级汇总不符\"\n"
      "      |            |\n"
      "      |            false\n"
      "  类 201: 本年支出合计 100.00 ≠ Σ款 90.00 (sub/支出决算表.csv:3)\n"
      "      20101 人大事务 60.00\n"
      "      20102 政协事务 30.00\n"
      "\n"
      "r.fisc:9:12: error R1 逐级汇总\n"
      "  款 20101: 本年支出合计 60.00 ≠ Σ项 55.00 (sub/支出决算表.csv:4)\n"
      "      2010101 行政运行 50.00\n"
      "      2010102 一般行政管理事务 5.00\n"
      "  逐级汇总不符\n"
      "\n"
      "1 rule: 0 passed, 1 failed, 0 skipped, 0 evaluation errors\n");
}

static void test_interp_rollup_passes_and_skips(void **state) {
  Fixture *f = *state;
  run(f,
      TABLE
      "table 人员表 { key 类别 : code  人数 : number }\n"
      "rule R1 \"汇总\" { assert rollup(支出决算表, 本年支出合计) }\n"
      "rule R2 \"无层级\" { assert rollup(人员表, 人数) }\n"
      "rule R3 \"空格\" { assert rollup(支出决算表, 基本支出) }\n",
      EXP, EXP_CSV, "人员表.csv", "类别,人数\n合计,3\n在职,2\n离休,1\n",
      NULL);
  // 201 = 20101 and 208 = 20805 (20805 has no 项 rows: not checked).
  expect_result(f, "R1", OUT_PASS, 1, 0, 0, 0);
  expect_skip(f, "R2", "款 and 项 rows of 人员表 (no 类 or 款 row has "
                       "children to add up)");
  expect_skip(f, "R3", "支出决算表[\"20805\"].基本支出");
}

/* rollup finds a parent's children wherever they stand in the table --
 * before their parent, after another parent's -- and lists them in table
 * order; a parent with one child compares with that child's figure as
 * written (its decimals), and the first blank child in table order is the
 * one a skip names. */
static void test_interp_rollup_children_in_any_row_order(void **state) {
  Fixture *f = *state;
  run(f,
      TABLE
      "rule R1 \"汇总\" { assert rollup(支出决算表, 本年支出合计) }\n"
      "rule R2 \"空格\" { assert rollup(支出决算表, 基本支出) }\n",
      EXP,
      "科目编码,科目名称,本年支出合计,基本支出,项目支出\n"
      "20102,政协事务,30.00,,\n"
      "20801,人力资源事务,5.5,1,\n"
      "201,一般公共服务支出,100.00,5,\n"
      "2010101,行政运行,50.00,2,\n"
      "20101,人大事务,60.00,3,\n"
      "208,社会保障和就业支出,5.00,1,\n"
      "2010102,一般行政管理事务,5.00,,\n",
      NULL);
  expect_result(f, "R1", OUT_FAIL, 1, 1, 0, 0);
  assert_int_equal(n_findings(f, "R1"), 3);
  assert_string_equal(finding(f, "R1", 0)->message,
                      "类 201: 本年支出合计 100.00 ≠ Σ款 90.00 "
                      "(sub/支出决算表.csv:4)\n"
                      "    20102 政协事务 30.00\n"
                      "    20101 人大事务 60.00");
  assert_string_equal(finding(f, "R1", 1)->message,
                      "款 20101: 本年支出合计 60.00 ≠ Σ项 55.00 "
                      "(sub/支出决算表.csv:6)\n"
                      "    2010101 行政运行 50.00\n"
                      "    2010102 一般行政管理事务 5.00");
  assert_string_equal(finding(f, "R1", 2)->message,
                      "类 208: 本年支出合计 5.00 ≠ Σ款 5.5 "
                      "(sub/支出决算表.csv:7)\n"
                      "    20801 人力资源事务 5.5");
  // 201's first child in table order, 20102, is blank.
  expect_skip(f, "R2", "支出决算表[\"20102\"].基本支出");
}

static void test_interp_global_let_computed_once(void **state) {
  Fixture *f = *state;
  run(f,
      TABLE
      "let 基数 = 支出决算表[\"合计\"].本年支出合计 + 1\n"
      "rule A \"一\" { assert 基数 < 0 }\n"
      "rule B \"二\" { assert 基数 < 0 }\n",
      EXP, EXP_CSV, NULL);
  expect_result(f, "A", OUT_FAIL, 1, 1, 0, 0);
  expect_result(f, "B", OUT_FAIL, 1, 1, 0, 0);
  // Both rules see the very same value: one Num, computed once.
  const Num *seen[2] = {NULL, NULL};
  for (int k = 0; k < 2; k++) {
    const Finding *fd = finding(f, k ? "B" : "A", 0);
    for (int i = 0; i < fd->n_trace; i++)
      if (fd->trace[i].node->kind == AST_NAME &&
          fd->trace[i].value.kind == VAL_NUM)
        seen[k] = fd->trace[i].value.num;
  }
  assert_non_null(seen[0]);
  assert_ptr_equal(seen[0], seen[1]);
}

/* rollup's per-parent findings through a global let: every rule that
 * asserts the let should explain its failure, not only the first. */
static void test_interp_rollup_in_global_let(void **state) {
  Fixture *f = *state;
  run(f,
      TABLE
      "let 汇总 = rollup(支出决算表, 本年支出合计)\n"
      "rule R1 \"一\" { assert 汇总 }\n"
      "rule R2 \"二\" { assert 汇总 }\n",
      EXP, ROLLUP_CSV, NULL);
  expect_result(f, "R1", OUT_FAIL, 1, 1, 0, 0);
  expect_result(f, "R2", OUT_FAIL, 1, 1, 0, 0);
  assert_int_equal(n_findings(f, "R1"), 2);
  assert_int_equal(n_findings(f, "R2"), 2);
  assert_non_null(finding(f, "R2", 0)->message);
}

/* docs/language.md: "`a ≈ b ± t` (also `+-`)".  The lexer spells it `+/-`,
 * so `+-` silently parses as `99.5 + -0.5` and the assert compares 100 with
 * 99.0. */
static void test_interp_tolerance_ascii_plus_minus(void **state) {
  Fixture *f = *state;
  run(f, "rule A \"容差\" { assert 100 ≈ 99.5 +- 0.5 }\n", NULL);
  expect_result(f, "A", OUT_PASS, 1, 0, 0, 0);
}

/* A message may interpolate any expression, so also a row picked by key:
 * the quotes inside `{…}` are escaped as the string token requires. */
static void test_interp_message_interpolates_a_keyed_cell(void **state) {
  Fixture *f = *state;
  run(f,
      TABLE
      "rule M \"消息\" {\n"
      "  assert 1 == 2 else \"合计 {支出决算表[\\\"合计\\\"].基本支出}\"\n"
      "}\n",
      EXP, EXP_CSV, NULL);
  assert_string_equal(finding(f, "M", 0)->message, "合计 484.64");
}

static void test_interp_severity_warning_is_not_an_error(void **state) {
  Fixture *f = *state;
  run(f,
      TABLE
      "rule W \"警告\" warning { assert 支出决算表[\"合计\"].基本支出 < 1万元 }\n"
      "rule I \"提示\" info { assert 1 / 0 > 0 }\n"
      "rule E \"错误\" { assert 支出决算表[\"合计\"].基本支出 > 0 }\n",
      EXP, EXP_CSV, NULL);
  expect_result(f, "W", OUT_FAIL, 1, 1, 0, 0);
  expect_result(f, "I", OUT_ERROR, 0, 0, 0, 1);
  expect_result(f, "E", OUT_PASS, 1, 0, 0, 0);
  assert_false(report_has_errors(&f->r));
  assert_string_equal(
      f->out.s,
      "sub\n"
      "\n"
      "r.fisc:8:32: warning W 警告\n"
      "    8 | rule W \"警告\" warning { assert 支出决算表[\"合计\"].基本支出 < "
      "1万元 }\n"
      "      |                                                   |        |\n"
      "      |                                                   484.64   "
      "false\n"
      "\n"
      "r.fisc:9:31: info I 提示\n"
      "    9 | rule I \"提示\" info { assert 1 / 0 > 0 }\n"
      "      |                               ^\n"
      "  evaluation error: division by zero (the divisor is 0)\n"
      "\n"
      "3 rules: 1 passed, 1 failed, 0 skipped, 1 evaluation error\n");
}

static void test_interp_failing_error_rule_is_an_error(void **state) {
  Fixture *f = *state;
  run(f,
      "rule W \"警告\" warning { assert 1 == 2 }\n"
      "rule E \"错误\" error { assert 1 == 2 }\n",
      NULL);
  assert_true(report_has_errors(&f->r));
}

/* Last year's tables reached only inside a `for` or through a builtin are
 * read, as `fisc check` reads them; one that no rule reads is not read at
 * all, so its bad figure is not reported. */
static void test_interp_prior_tables_read_in_loops_and_builtins(void **state) {
  Fixture *f = *state;
  f->prior_by_rules = true;
  run(f,
      "table 甲 { key 编码 : code\n 金额 : 万元 }\n"
      "table 乙 { key 编码 : code\n 金额 : 万元 }\n"
      "table 丙 { key 编码 : code\n 金额 : 万元 }\n"
      "rule P-1 \"for\" {\n"
      "    for r in prior.甲:\n"
      "        assert r.金额 > 0\n"
      "}\n"
      "rule P-2 \"builtin\" {\n"
      "    assert sum(r.金额 for r in prior.乙) ≈ 5\n"
      "    assert rollup(prior.乙, 金额)\n"
      "}\n"
      "rule P-3 \"this year only\" {\n"
      "    assert 丙[\"201\"].金额 ≈ 9\n"
      "}\n",
      "丙.csv", "编码,金额\n201,9\n",
      "prior/甲.csv", "编码,金额\n201,1.5\n202,2\n",
      "prior/乙.csv", "编码,金额\n201,1.5\n20101,1.5\n202,2\n",
      "prior/丙.csv", "编码,金额\n201,x\n", NULL);
  expect_result(f, "P-1", OUT_PASS, 2, 0, 0, 0);
  expect_result(f, "P-2", OUT_PASS, 2, 0, 0, 0);
  expect_result(f, "P-3", OUT_PASS, 1, 0, 0, 0);
  assert_non_null(f->s.prior);
  assert_null(f->s.prior->tables[2]); // 丙 of last year: not read
}

int main(int argc, char **argv) {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
  const struct CMUnitTest tests[] = {
      T(test_interp_decimal_sum_is_exact),
      T(test_interp_forty_digit_arithmetic),
      T(test_interp_approx_examples),
      T(test_interp_approx_with_tolerance),
      T(test_interp_round_half_away_from_zero),
      T(test_interp_money_units_convert_exactly),
      T(test_interp_bare_zero_is_exact),
      T(test_interp_absent_table_skips_rule),
      T(test_interp_absent_row_is_missing),
      T(test_interp_blank_cell_is_missing),
      T(test_interp_arithmetic_on_missing_stays_missing),
      T(test_interp_exists_and_default),
      T(test_interp_logic_decides_over_missing),
      T(test_interp_division_by_zero_is_an_error),
      T(test_interp_for_rows_with_where),
      T(test_interp_nested_loops_context),
      T(test_interp_where_on_missing_skips_that_row),
      T(test_interp_findings_per_rule_are_capped),
      T(test_interp_message_interpolation),
      T(test_interp_aggregates),
      T(test_interp_norm_of_names),
      T(test_interp_norm_remembered_by_text_and_length),
      T(test_interp_norm_memo_grows),
      T(test_interp_level_parent_children),
      T(test_interp_level_of_a_label_is_zero),
      T(test_interp_rollup_reports_each_failing_parent),
      T(test_interp_rollup_passes_and_skips),
      T(test_interp_rollup_children_in_any_row_order),
      T(test_interp_global_let_computed_once),
      T(test_interp_severity_warning_is_not_an_error),
      T(test_interp_failing_error_rule_is_an_error),
      T(test_interp_prior_tables_read_in_loops_and_builtins),
      T(test_interp_rollup_in_global_let),
      T(test_interp_tolerance_ascii_plus_minus),
      T(test_interp_message_interpolates_a_keyed_cell),
  };
#undef T
  if (argc > 1)
    cmocka_set_test_filter(argv[1]);
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  return rc;
}
