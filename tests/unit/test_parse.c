/* tests/unit/test_parse.c -- the front end as a rule author meets it:
 * program_load on real files (lang/parse.c, ast.c, grammar.y, program.c,
 * check.c), with the diagnostics compared whole, caret rows included.
 *
 * Each test writes its rule files into a fresh temporary folder and runs
 * from inside it, so the paths in the messages are short and stable
 * ("a.fisc:3:10").  The source lines use Chinese names (2 columns), a tab
 * (to the next multiple of 8), a combining mark (0 columns) and the
 * ambiguous `·` (1 column), so a caret that counted bytes would drift. */
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

#include "lang/arena.h"
#include "lang/ast.h"
#include "lang/buf.h"
#include "lang/diag.h"
#include "lang/program.h"
#include "stdlib/std.h"
#include "tests/unit/scratch_dir.h"

/* ------------------------------------------------------------------------ */
/* Fixture                                                                  */
/* ------------------------------------------------------------------------ */

typedef struct Fixture {
  Diags d;
  Arena a;          // generated rule texts
  Program *p;       // the last program loaded (freed in teardown)
  Buf text, want;   // generated rule text and expected output
  ScratchDir tmp_dir; // the temporary folder the test runs in
} Fixture;

static int setup(void **state) {
  Fixture *f = test_calloc(1, sizeof *f);
  diag_init(&f->d);
  arena_init(&f->a);
  buf_init(&f->text);
  buf_init(&f->want);
  scratch_enter(&f->tmp_dir, "parse");
  *state = f;
  return 0;
}

static int teardown(void **state) {
  Fixture *f = *state;
  program_free(f->p);
  scratch_leave(&f->tmp_dir);
  buf_free(&f->text);
  buf_free(&f->want);
  arena_free(&f->a);
  diag_free(&f->d);
  test_free(f);
  return 0;
}

/* Writes the NUL-terminated [text] to [path] (relative to the test folder). */
static void write_file(const char *path, const char *text) {
  FILE *fp = fopen(path, "wb");
  assert_non_null(fp);
  size_t n = strlen(text);
  assert_int_equal(fwrite(text, 1, n, fp), n);
  fclose(fp);
}

static void make_dir(const char *path) {
  assert_int_equal(mkdir(path, 0700), 0);
}

/* Loads the rule file or folder [path] into f->p (NULL on errors). */
static Program *load(Fixture *f, const char *path) {
  program_free(f->p);
  f->p = program_load(path, std_sigs, std_count, &f->d);
  return f->p;
}

/* Writes [text] to a.fisc and loads it. */
static Program *load_text(Fixture *f, const char *text) {
  write_file("a.fisc", text);
  return load(f, "a.fisc");
}

/* Loads [text], which must fail, and compares the whole diagnostic output. */
static void expect_errors(Fixture *f, const char *text, const char *want) {
  assert_null(load_text(f, text));
  assert_string_equal(f->d.out.s, want);
}

/* Returns [s] repeated [n] times, in the fixture arena. */
static char *rep(Fixture *f, const char *s, int n) {
  size_t len = strlen(s);
  char *out = arena_alloc(&f->a, len * (size_t)n + 1);
  for (int i = 0; i < n; i++)
    memcpy(out + len * (size_t)i, s, len);
  out[len * (size_t)n] = '\0';
  return out;
}

/* The rule with ID [id] in f->p. */
static const Rule *rule(Fixture *f, const char *id) {
  assert_non_null(f->p);
  for (int i = 0; i < f->p->n_rules; i++)
    if (strcmp(f->p->rules[i].id, id) == 0)
      return &f->p->rules[i];
  fail_msg("no rule %s", id);
  return NULL;
}

// A table most tests declare.
#define TABLE                                                                  \
  "table 支出决算表 {\n"                                                       \
  "    key 科目编码 : code\n"                                                  \
  "    科目名称     : text\n"                                                  \
  "    本年支出合计 : 万元\n"                                                  \
  "    基本支出     : 万元\n"                                                  \
  "    执行率       : %\n"                                                     \
  "}\n"

/* ------------------------------------------------------------------------ */
/* Syntax errors                                                            */
/* ------------------------------------------------------------------------ */

static void test_parse_unexpected_token(void **state) {
  Fixture *f = *state;
  // The tab takes `assert` to column 9; 合计́ is 4 columns (the combining
  // acute accent is 0), so `}` is at column 8 + 7 + 4 + 3 + 1 = 23.
  expect_errors(f,
                "let 合计́ = 1\n"
                "rule R1 \"标题·一\" {\n"
                "\tassert 合计́ + }\n",
                "a.fisc:3:23: error: unexpected `}`\n"
                "    3 |         assert 合计́ + }\n"
                "      |                       ^\n");
}

static void test_parse_unexpected_name_shows_it(void **state) {
  Fixture *f = *state;
  expect_errors(f,
                "rule R1 \"标题\" {\n"
                "  assert 支出 收入 > 0\n"
                "}\n",
                "a.fisc:2:15: error: unexpected name `收入`\n"
                "    2 |   assert 支出 收入 > 0\n"
                "      |               ^~~~\n");
}

static void test_parse_unexpected_end_of_file(void **state) {
  Fixture *f = *state;
  // The caret stands just after the last token.
  expect_errors(f, "let 支出合计 = ",
                "a.fisc:1:16: error: unexpected end of file\n"
                "    1 | let 支出合计 = \n"
                "      |                ^\n");
  diag_free(&f->d);
  diag_init(&f->d);
  expect_errors(f, "# 注·释\nrule I-05 \"支出·结构\"\n",
                "a.fisc:2:22: error: unexpected end of file\n"
                "    2 | rule I-05 \"支出·结构\"\n"
                "      |                      ^\n");
}

static void test_parse_unclosed_brace_names_its_opener(void **state) {
  Fixture *f = *state;
  expect_errors(f,
                TABLE
                "\n"
                "rule I-05 \"支出决算表：合计\" {\n"
                "    for r in 支出决算表:\n"
                "        assert r.本年支出合计 ≈ r.基本支出\n",
                "a.fisc:9:30: error: unclosed `{` (opened at line 9)\n"
                "    9 | rule I-05 \"支出决算表：合计\" {\n"
                "      |                              ^\n");
}

static void test_parse_unclosed_paren_names_its_opener(void **state) {
  Fixture *f = *state;
  expect_errors(f,
                "rule R1 \"标题\" {\n"
                "\tassert (1 + 2 == 3\n"
                "\n",
                "a.fisc:2:16: error: unclosed `(` (opened at line 2)\n"
                "    2 |         assert (1 + 2 == 3\n"
                "      |                ^\n");
}

/* A rule left open before the next one: the parser stops at `rule` and the
 * opener is named as well (two errors for one slip, but both true). */
static void test_parse_unclosed_brace_before_next_rule(void **state) {
  Fixture *f = *state;
  expect_errors(f,
                "rule R1 \"一\" {\n"
                "  assert 1 == 1\n"
                "rule R2 \"二\" {\n"
                "  assert 2 == 2\n"
                "}\n",
                "a.fisc:3:1: error: expected `}` (to close `{` at line 1), "
                "found `rule`\n"
                "    3 | rule R2 \"二\" {\n"
                "      | ^~~~\n");
}

static void test_parse_unterminated_string_is_one_error(void **state) {
  Fixture *f = *state;
  expect_errors(f,
                TABLE
                "rule R1 \"名称\" {\n"
                "  for r in 支出决算表:\n"
                "    assert r.科目名称 == \"行政·运行 }\n"
                "  assert 1 == 1\n"
                "}\n",
                "a.fisc:10:26: error: unterminated string\n"
                "   10 |     assert r.科目名称 == \"行政·运行 }\n"
                "      |                          ^\n"
                "      = help: close it with `\"` on the same line\n");
  // In a rule title.
  diag_free(&f->d);
  diag_init(&f->d);
  expect_errors(f,
                "rule R1 \"标题 {\n"
                "  assert 1 == 1\n"
                "}\n",
                "a.fisc:1:9: error: unterminated string\n"
                "    1 | rule R1 \"标题 {\n"
                "      |         ^\n"
                "      = help: close it with `\"` on the same line\n");
}

/* The `]` of T["201"] is swallowed by the unterminated string; the `[`
 * must not then be reported as unclosed too. */
static void test_parse_unterminated_string_in_key_is_one_error(void **state) {
  Fixture *f = *state;
  expect_errors(f,
                TABLE
                "rule R1 \"名称\" {\n"
                "  assert 支出决算表[\"201].基本支出 > 0\n"
                "}\n",
                "a.fisc:9:21: error: unterminated string\n"
                "    9 |   assert 支出决算表[\"201].基本支出 > 0\n"
                "      |                     ^\n"
                "      = help: close it with `\"` on the same line\n");
}

static void test_parse_fullwidth_paren_one_error_rest_parses(void **state) {
  Fixture *f = *state;
  // `（` is reported once and read as `(`: the line parses, and the parser
  // goes on to find the `=` two lines further down.
  expect_errors(f,
                TABLE
                "rule N03 \"支出结构\" {\n"
                "\tassert （支出决算表[\"合计\"].基本支出 + 1) > 0\n"
                "\tassert 1 == 1\n"
                "\tassert 支出决算表[\"合计\"].基本支出 = 0\n"
                "}\n",
                "a.fisc:9:16: error: fullwidth `（` (U+FF08) is not valid "
                "here\n"
                "    9 |         assert （支出决算表[\"合计\"].基本支出 + 1) > 0\n"
                "      |                ^~\n"
                "      = help: use ASCII `(` instead\n"
                "a.fisc:11:44: error: unexpected `=`\n"
                "   11 |         assert 支出决算表[\"合计\"].基本支出 = 0\n"
                "      |                                            ^\n"
                "      = help: compare with `==`; `=` only names a `let`\n");
}

/* The brief's example: after a full-width `（` the rest of the file is still
 * checked, so an unknown name further down is reported in the same run. */
static void test_parse_fullwidth_paren_then_unknown_name(void **state) {
  Fixture *f = *state;
  expect_errors(f,
                TABLE
                "rule N03 \"支出结构\" {\n"
                "\tassert （支出决算表[\"合计\"].基本支出 + 1) > 0\n"
                "\tassert 支出合计 > 0\n"
                "}\n",
                "a.fisc:9:16: error: fullwidth `（` (U+FF08) is not valid "
                "here\n"
                "    9 |         assert （支出决算表[\"合计\"].基本支出 + 1) > 0\n"
                "      |                ^~\n"
                "      = help: use ASCII `(` instead\n"
                "a.fisc:10:16: error: unknown name `支出合计`\n"
                "   10 |         assert 支出合计 > 0\n"
                "      |                ^~~~~~~~\n");
}

/* An error was reported, so the suite must not load (program_load returns
 * NULL "when anything is wrong"). */
static void test_parse_fullwidth_paren_alone_fails_the_load(void **state) {
  Fixture *f = *state;
  expect_errors(f,
                TABLE
                "rule N03 \"支出结构\" {\n"
                "\tassert （支出决算表[\"合计\"].基本支出 + 1) > 0\n"
                "}\n",
                "a.fisc:9:16: error: fullwidth `（` (U+FF08) is not valid "
                "here\n"
                "    9 |         assert （支出决算表[\"合计\"].基本支出 + 1) > 0\n"
                "      |                ^~\n"
                "      = help: use ASCII `(` instead\n");
  assert_int_equal(f->d.n_errors, 1);
}

static void test_parse_assign_instead_of_equals_has_help(void **state) {
  Fixture *f = *state;
  expect_errors(f,
                TABLE
                "rule T03 \"合计·检查\" {\n"
                "  assert 支出决算表[\"合计\"].基本支出 = 484.64万元\n"
                "}\n",
                "a.fisc:9:38: error: unexpected `=`\n"
                "    9 |   assert 支出决算表[\"合计\"].基本支出 = 484.64万元\n"
                "      |                                      ^\n"
                "      = help: compare with `==`; `=` only names a `let`\n");
}

/* Syntax errors recover at the next `}`: each broken rule is reported. */
static void test_parse_recovers_at_each_rule(void **state) {
  Fixture *f = *state;
  expect_errors(f,
                "rule R1 \"一\" { assert 1 = 1 }\n"
                "rule R2 \"二\" { assert 2 == 2 }\n"
                "rule R3 \"三\" { assert 3 = 3 }\n",
                "a.fisc:1:25: error: unexpected `=`\n"
                "    1 | rule R1 \"一\" { assert 1 = 1 }\n"
                "      |                         ^\n"
                "      = help: compare with `==`; `=` only names a `let`\n"
                "a.fisc:3:25: error: unexpected `=`\n"
                "    3 | rule R3 \"三\" { assert 3 = 3 }\n"
                "      |                         ^\n"
                "      = help: compare with `==`; `=` only names a `let`\n");
}

/* ------------------------------------------------------------------------ */
/* Names and types                                                          */
/* ------------------------------------------------------------------------ */

static void test_parse_unknown_name_did_you_mean(void **state) {
  Fixture *f = *state;
  expect_errors(f,
                TABLE
                "let 支出合计 = 支出决算表[\"合计\"].本年支出合计\n"
                "rule R1 \"支出·合计\" {\n"
                "\tassert 支出和计 > 0 # 和 for 合\n"
                "}\n",
                "a.fisc:10:16: error: unknown name `支出和计`\n"
                "   10 |         assert 支出和计 > 0 # 和 for 合\n"
                "      |                ^~~~~~~~\n"
                "      = help: did you mean `支出合计`?\n");
  // A table name is suggested too.
  diag_free(&f->d);
  diag_init(&f->d);
  expect_errors(f,
                TABLE
                "rule R1 \"表\" {\n"
                "  assert 支出决算 [\"合计\"].基本支出 > 0\n"
                "}\n",
                "a.fisc:9:10: error: unknown name `支出决算`\n"
                "    9 |   assert 支出决算 [\"合计\"].基本支出 > 0\n"
                "      |          ^~~~~~~~\n"
                "      = help: did you mean `支出决算表`?\n");
}

static void test_parse_unknown_name_without_near_miss(void **state) {
  Fixture *f = *state;
  expect_errors(f,
                TABLE
                "rule R1 \"收入\" {\n"
                "  assert 人员表[\"合计\"].人数 > 0\n"
                "}\n",
                "a.fisc:9:10: error: unknown name `人员表`\n"
                "    9 |   assert 人员表[\"合计\"].人数 > 0\n"
                "      |          ^~~~~~\n");
}

static void test_parse_unknown_column_did_you_mean(void **state) {
  Fixture *f = *state;
  expect_errors(f,
                TABLE
                "rule R1 \"列\" {\n"
                "    for r in 支出决算表:\n"
                "\tassert r.本年支出合记 > 0\n"
                "}\n",
                "a.fisc:10:18: error: table `支出决算表` has no column "
                "`本年支出合记`\n"
                "   10 |         assert r.本年支出合记 > 0\n"
                "      |                  ^~~~~~~~~~~~\n"
                "      = help: did you mean `本年支出合计`?\n");
  // Also on a row picked by key.
  diag_free(&f->d);
  diag_init(&f->d);
  expect_errors(f,
                TABLE
                "rule R1 \"列\" {\n"
                "  assert 支出决算表[\"合计\"].基本支 > 0\n"
                "}\n",
                "a.fisc:9:29: error: table `支出决算表` has no column "
                "`基本支`\n"
                "    9 |   assert 支出决算表[\"合计\"].基本支 > 0\n"
                "      |                             ^~~~~~\n"
                "      = help: did you mean `基本支出`?\n");
}

static void test_parse_unknown_function_did_you_mean(void **state) {
  Fixture *f = *state;
  expect_errors(f,
                TABLE
                "rule R1 \"汇总\" {\n"
                "  assert rolup(支出决算表, 本年支出合计)\n"
                "  assert pcnt(支出决算表[\"合计\"].基本支出, 1) > 0\n"
                "}\n",
                "a.fisc:9:10: error: unknown function `rolup`\n"
                "    9 |   assert rolup(支出决算表, 本年支出合计)\n"
                "      |          ^~~~~\n"
                "      = help: did you mean `rollup`?\n"
                "a.fisc:9:28: error: unknown name `本年支出合计`\n"
                "    9 |   assert rolup(支出决算表, 本年支出合计)\n"
                "      |                            ^~~~~~~~~~~~\n"
                "a.fisc:10:10: error: unknown function `pcnt`\n"
                "   10 |   assert pcnt(支出决算表[\"合计\"].基本支出, 1) > 0\n"
                "      |          ^~~~\n"
                "      = help: did you mean `pct`?\n");
}

static void test_parse_wrong_number_of_arguments(void **state) {
  Fixture *f = *state;
  expect_errors(f,
                "rule N03 \"占比·一\" {\n"
                "  assert pct(1) > 0\n"
                "  assert round(1.5) == 2\n"
                "  assert exists() \n"
                "}\n",
                "a.fisc:2:10: error: `pct` takes 2 arguments, found 1\n"
                "    2 |   assert pct(1) > 0\n"
                "      |          ^~~~~~\n"
                "a.fisc:3:10: error: `round` takes 2 arguments, found 1\n"
                "    3 |   assert round(1.5) == 2\n"
                "      |          ^~~~~~~~~~\n"
                "a.fisc:4:10: error: `exists` takes 1 argument, found 0\n"
                "    4 |   assert exists() \n"
                "      |          ^~~~~~~~\n");
}

static void test_parse_percent_and_money_do_not_mix(void **state) {
  Fixture *f = *state;
  expect_errors(
      f,
      TABLE
      "rule N03 \"单位\" {\n"
      "  assert 支出决算表[\"合计\"].执行率 + 1万元 > 0\n"
      "  assert 支出决算表[\"合计\"].基本支出 == 52.7%\n"
      "  assert 支出决算表[\"合计\"].执行率 == pct(1万元, 2万元)\n"
      "}\n",
      "a.fisc:9:36: error: cannot add `%` and `万元`\n"
      "    9 |   assert 支出决算表[\"合计\"].执行率 + 1万元 > 0\n"
      "      |                                    ^\n"
      "      = note: the left side is in `%`, the right side in `万元`\n"
      "      = help: a percentage is not an amount: compare it with "
      "`pct(part, whole)`\n"
      "a.fisc:10:38: error: cannot compare `万元` and `%`\n"
      "   10 |   assert 支出决算表[\"合计\"].基本支出 == 52.7%\n"
      "      |                                      ^~\n"
      "      = note: the left side is in `万元`, the right side in `%`\n"
      "      = help: a percentage is not an amount: compare it with "
      "`pct(part, whole)`\n");
}

static void test_parse_let_cycle_is_named(void **state) {
  Fixture *f = *state;
  expect_errors(f,
                "let 甲 = 乙 + 1\n"
                "let 乙 = 甲\n"
                "rule R1 \"循环\" { assert 甲 > 0 }\n",
                "a.fisc:1:5: error: `let` cycle: 甲 → 乙 → 甲\n"
                "    1 | let 甲 = 乙 + 1\n"
                "      |     ^~\n");
  diag_free(&f->d);
  diag_init(&f->d);
  expect_errors(f,
                "let a = b\n"
                "let b = a\n",
                "a.fisc:1:5: error: `let` cycle: a → b → a\n"
                "    1 | let a = b\n"
                "      |     ^\n");
  // Three lets, declared out of order.
  diag_free(&f->d);
  diag_init(&f->d);
  expect_errors(f,
                "let 丙 = 甲\n"
                "let 甲 = 乙 * 2\n"
                "let 乙 = 丙 - 1\n",
                "a.fisc:1:5: error: `let` cycle: 丙 → 甲 → 乙 → 丙\n"
                "    1 | let 丙 = 甲\n"
                "      |     ^~\n");
}

static void test_parse_lets_are_order_free(void **state) {
  Fixture *f = *state;
  assert_non_null(load_text(f,
                            "rule R1 \"先用后定\" { assert 乙 == 2 }\n"
                            "let 乙 = 甲 + 1\n"
                            "let 甲 = 1\n"));
  assert_string_equal(f->d.out.s, "");
  assert_int_equal(f->p->n_globals, 2);
}

/* ------------------------------------------------------------------------ */
/* Declarations                                                             */
/* ------------------------------------------------------------------------ */

static void test_parse_duplicate_rule_id_notes_first(void **state) {
  Fixture *f = *state;
  expect_errors(f,
                "rule I-05 \"一·合计\" { assert 1 == 1 }\n"
                "\n"
                "rule I-05 \"二·合计\" { assert 2 == 2 }\n",
                "a.fisc:3:6: error: rule ID `I-05` is used twice\n"
                "    3 | rule I-05 \"二·合计\" { assert 2 == 2 }\n"
                "      |      ^~~~\n"
                "      = note: first used at a.fisc:1:6\n"
                "      = help: to replace an imported rule, use `override rule "
                "I-05`\n");
}

static void test_parse_duplicate_rule_id_across_files(void **state) {
  Fixture *f = *state;
  write_file("b.fisc", "rule T03.1 \"乙\" { assert 1 == 1 }\n");
  write_file("a.fisc", "import \"b.fisc\"\n"
                       "rule T03.1 \"甲\" { assert 1 == 1 }\n");
  assert_null(load(f, "a.fisc"));
  assert_string_equal(f->d.out.s,
                      "a.fisc:2:6: error: rule ID `T03.1` is used twice\n"
                      "    2 | rule T03.1 \"甲\" { assert 1 == 1 }\n"
                      "      |      ^~~~~\n"
                      "      = note: first used at b.fisc:1:6\n"
                      "      = help: to replace an imported rule, use "
                      "`override rule T03.1`\n");
}

static void test_parse_duplicate_table(void **state) {
  Fixture *f = *state;
  expect_errors(f,
                TABLE
                "table 支出决算表 { key 科目编码 : code }\n",
                "a.fisc:8:7: error: table `支出决算表` is declared twice\n"
                "    8 | table 支出决算表 { key 科目编码 : code }\n"
                "      |       ^~~~~~~~~~\n"
                "      = note: first declared at a.fisc:1:7\n"
                "      = help: to change an imported table, use `alter table "
                "支出决算表 { … }`\n");
}

static void test_parse_table_without_key(void **state) {
  Fixture *f = *state;
  expect_errors(f,
                "table 收入决算表 {\n"
                "\t科目编码 : code, 本年收入合计 : 万元\n"
                "}\n",
                "a.fisc:1:7: error: table `收入决算表` has no `key` column\n"
                "    1 | table 收入决算表 {\n"
                "      |       ^~~~~~~~~~\n"
                "      = help: mark the column that identifies a row: "
                "`key 科目编码 : code`\n");
}

static void test_parse_table_with_two_keys(void **state) {
  Fixture *f = *state;
  expect_errors(f,
                "table 收入决算表 {\n"
                "  key 科目编码 : code\n"
                "  key 科目名称 : text\n"
                "}\n",
                "a.fisc:3:7: error: table `收入决算表` has a second `key` "
                "column\n"
                "    3 |   key 科目名称 : text\n"
                "      |       ^~~~~~~~\n");
}

static void test_parse_unknown_column_type(void **state) {
  Fixture *f = *state;
  expect_errors(f,
                "table 收入决算表 {\n"
                "  key 科目编码 : code\n"
                "  本年收入合计 : 千元 # ·\n"
                "}\n",
                "a.fisc:3:18: error: unknown column type `千元`\n"
                "    3 |   本年收入合计 : 千元 # ·\n"
                "      |                  ^~~~\n"
                "      = help: use one of `text`, `code`, `number`, `元`, "
                "`万元`, `亿元`, `%`\n");
}

static void test_parse_unknown_severity(void **state) {
  Fixture *f = *state;
  expect_errors(f,
                "rule N03 \"占比·一\" fatal {\n"
                "  assert 1 == 1\n"
                "}\n",
                "a.fisc:1:20: error: unknown severity `fatal`\n"
                "    1 | rule N03 \"占比·一\" fatal {\n"
                "      |                    ^~~~~\n"
                "      = help: use `error`, `warning` or `info`\n");
}

static void test_parse_severities(void **state) {
  Fixture *f = *state;
  assert_non_null(load_text(f, "rule A \"甲\" { assert 1 == 1 }\n"
                               "rule B \"乙\" warning { assert 1 == 1 }\n"
                               "rule C \"丙\" info { assert 1 == 1 }\n"
                               "rule D \"丁\" error { assert 1 == 1 }\n"));
  assert_int_equal(rule(f, "A")->sev, SEV_ERROR);
  assert_int_equal(rule(f, "B")->sev, SEV_WARNING);
  assert_int_equal(rule(f, "C")->sev, SEV_INFO);
  assert_int_equal(rule(f, "D")->sev, SEV_ERROR);
  assert_string_equal(rule(f, "B")->title, "乙");
}

/* ------------------------------------------------------------------------ */
/* Imports                                                                  */
/* ------------------------------------------------------------------------ */

static void test_parse_import_cycle_names_the_chain(void **state) {
  Fixture *f = *state;
  write_file("甲.fisc", "import \"乙.fisc\"\n"
                        "rule A \"甲\" { assert 1 == 1 }\n");
  write_file("乙.fisc", "# ·\n"
                        "import \"甲.fisc\"\n"
                        "rule B \"乙\" { assert 1 == 1 }\n");
  assert_null(load(f, "甲.fisc"));
  assert_string_equal(f->d.out.s,
                      "乙.fisc:2:8: error: import cycle: 甲.fisc → 乙.fisc → "
                      "甲.fisc\n"
                      "    2 | import \"甲.fisc\"\n"
                      "      |        ^~~~~~~~~\n");
}

static void test_parse_import_of_itself(void **state) {
  Fixture *f = *state;
  write_file("a.fisc", "import \"a.fisc\"\n");
  assert_null(load(f, "a.fisc"));
  assert_string_equal(f->d.out.s,
                      "a.fisc:1:8: error: import cycle: a.fisc → a.fisc\n"
                      "    1 | import \"a.fisc\"\n"
                      "      |        ^~~~~~~~\n");
}

static void test_parse_missing_import(void **state) {
  Fixture *f = *state;
  make_dir("规则");
  write_file("规则/a.fisc", "import \"表·定义.fisc\"\n");
  assert_null(load(f, "规则/a.fisc"));
  assert_string_equal(f->d.out.s,
                      "规则/a.fisc:1:8: error: cannot import `规则/表·定义.fisc`: "
                      "no such file or directory\n"
                      "    1 | import \"表·定义.fisc\"\n"
                      "      |        ^~~~~~~~~~~~~~\n");
}

static void test_parse_missing_rules_path(void **state) {
  Fixture *f = *state;
  assert_null(load(f, "没有.fisc"));
  assert_string_equal(f->d.out.s, "fisc: error: cannot read rules "
                                  "`没有.fisc`: no such file or directory\n");
}

static void test_parse_import_folder_in_name_order(void **state) {
  Fixture *f = *state;
  make_dir("2021");
  // Byte order of the names: "10" < "2" < "甲"; other files are ignored.
  write_file("2021/2.fisc", "rule Z \"二\" { assert 1 == 1 }\n");
  write_file("2021/10.fisc", "rule Y \"十\" { assert 1 == 1 }\n");
  write_file("2021/甲.fisc", "rule X \"甲\" { assert 1 == 1 }\n");
  write_file("2021/说明.txt", "rule W \"not read\"\n");
  write_file("2021/.hidden.fisc", "rule V \"not read\" { assert 1 == 1 }\n");
  write_file("a.fisc", "rule A \"前\" { assert 1 == 1 }\n"
                       "import \"2021\"\n"
                       "rule B \"后\" { assert 1 == 1 }\n");
  assert_non_null(load(f, "a.fisc"));
  assert_string_equal(f->d.out.s, "");
  // Imports are read depth first, where they stand.
  static const char *const want[] = {"A", "Y", "Z", "X", "B"};
  assert_int_equal(f->p->n_rules, 5);
  for (int i = 0; i < 5; i++)
    assert_string_equal(f->p->rules[i].id, want[i]);
  // A folder given as the RULES path works the same way.
  assert_non_null(load(f, "2021/"));
  assert_int_equal(f->p->n_rules, 3);
  assert_string_equal(f->p->rules[0].id, "Y");
  assert_string_equal(f->p->rules[1].id, "Z");
  assert_string_equal(f->p->rules[2].id, "X");
}

static void test_parse_import_empty_folder(void **state) {
  Fixture *f = *state;
  make_dir("空");
  write_file("a.fisc", "import \"空\"\n");
  assert_null(load(f, "a.fisc"));
  assert_string_equal(f->d.out.s,
                      "a.fisc:1:8: error: no .fisc files in folder `空`\n"
                      "    1 | import \"空\"\n"
                      "      |        ^~~~\n");
}

static void test_parse_file_imported_twice_is_read_once(void **state) {
  Fixture *f = *state;
  write_file("tables.fisc", TABLE);
  write_file("b.fisc", "import \"tables.fisc\"\n"
                       "rule B \"乙\" { assert 支出决算表[\"合计\"].基本支出 > 0 }\n");
  write_file("c.fisc", "import \"tables.fisc\"\n"
                       "rule C \"丙\" { assert 支出决算表[\"合计\"].基本支出 > 0 }\n");
  write_file("a.fisc", "import \"b.fisc\"\nimport \"c.fisc\"\n");
  assert_non_null(load(f, "a.fisc"));
  assert_string_equal(f->d.out.s, "");
  assert_int_equal(f->p->n_tables, 1);
  assert_int_equal(f->p->n_rules, 2);
  assert_int_equal(f->p->n_srcs, 4);
}

/* ------------------------------------------------------------------------ */
/* for                                                                      */
/* ------------------------------------------------------------------------ */

static void test_parse_for_body_by_indentation(void **state) {
  Fixture *f = *state;
  assert_non_null(load_text(f,
                            TABLE
                            "rule L \"循环\" {\n"
                            "  for r in 支出决算表 where r.科目编码 != \"合计\":\n"
                            "      assert r.本年支出合计 > 0\n"
                            "      assert r.基本支出 >= 0\n"
                            "  assert 1 == 1\n"
                            "  for a in 支出决算表:\n"
                            "    for b in 支出决算表: assert a.基本支出 >= 0\n"
                            "    assert a.基本支出 >= 0\n"
                            "  for c in 支出决算表\n"
                            "        where c.科目编码 == \"201\":\n"
                            "\tassert c.基本支出 >= 0\n"
                            "}\n"));
  assert_string_equal(f->d.out.s, "");
  const Ast *r = rule(f, "L")->ast;
  assert_int_equal(r->n, 4);
  // for r: two statements indented further; the dedented assert follows.
  assert_int_equal(r->list[0]->kind, AST_FOR);
  assert_non_null(r->list[0]->b); // the where
  assert_int_equal(r->list[0]->n, 2);
  assert_int_equal(r->list[0]->list[0]->kind, AST_ASSERT);
  assert_int_equal(r->list[0]->list[1]->kind, AST_ASSERT);
  assert_int_equal(r->list[1]->kind, AST_ASSERT);
  // for a: a nested for (its body on its own line) and an assert.
  const Ast *fa = r->list[2];
  assert_int_equal(fa->kind, AST_FOR);
  assert_int_equal(fa->n, 2);
  assert_int_equal(fa->list[0]->kind, AST_FOR);
  assert_int_equal(fa->list[0]->n, 1);
  assert_int_equal(fa->list[1]->kind, AST_ASSERT);
  // for c: `where` on a continuation line; the tab (column 9) is further in.
  assert_int_equal(r->list[3]->kind, AST_FOR);
  assert_int_equal(r->list[3]->n, 1);
}

/* A `let` at the indentation of `for` follows the loop, as an assert does
 * (its column is that of `let`, not of the name). */
static void test_parse_for_dedented_let_follows_loop(void **state) {
  Fixture *f = *state;
  assert_non_null(load_text(f,
                            TABLE
                            "rule L \"循环\" {\n"
                            "  for r in 支出决算表:\n"
                            "    assert r.本年支出合计 > 0\n"
                            "  let 合计 = 支出决算表[\"合计\"].基本支出\n"
                            "  assert 合计 > 0\n"
                            "}\n"));
  assert_string_equal(f->d.out.s, "");
  const Ast *r = rule(f, "L")->ast;
  assert_int_equal(r->n, 3);
  assert_int_equal(r->list[0]->kind, AST_FOR);
  assert_int_equal(r->list[0]->n, 1);
  assert_int_equal(r->list[1]->kind, AST_LET);
  assert_int_equal(r->list[2]->kind, AST_ASSERT);
}

static void test_parse_for_braced(void **state) {
  Fixture *f = *state;
  assert_non_null(load_text(f,
                            TABLE
                            "rule L \"循环\" {\n"
                            "  for r in 支出决算表 where r.科目编码 != \"合计\" {\n"
                            "    assert r.本年支出合计 > 0\n"
                            "  assert r.基本支出 >= 0 }\n"
                            "  assert 1 == 1\n"
                            "  for a in 支出决算表 {\n"
                            "    for b in 支出决算表:\n"
                            "      assert a.基本支出 >= b.基本支出\n"
                            "  }\n"
                            "}\n"));
  assert_string_equal(f->d.out.s, "");
  const Ast *r = rule(f, "L")->ast;
  assert_int_equal(r->n, 3);
  // Braces decide, not indentation: both asserts are in the body.
  assert_int_equal(r->list[0]->kind, AST_FOR);
  assert_int_equal(r->list[0]->n, 2);
  assert_int_equal(r->list[1]->kind, AST_ASSERT);
  // A `for … :` inside braces is folded too.
  assert_int_equal(r->list[2]->kind, AST_FOR);
  assert_int_equal(r->list[2]->n, 1);
  assert_int_equal(r->list[2]->list[0]->kind, AST_FOR);
  assert_int_equal(r->list[2]->list[0]->n, 1);
}

static void test_parse_for_without_body(void **state) {
  Fixture *f = *state;
  expect_errors(f,
                TABLE
                "rule L \"循环\" {\n"
                "  for r in 支出决算表:\n"
                "  assert 1 == 1\n"
                "}\n",
                "a.fisc:9:3: error: `for` has no indented statement after "
                "its `:`\n"
                "    9 |   for r in 支出决算表:\n"
                "      |   ^~~\n"
                "      = help: indent the statements of the loop body further "
                "than `for`, or use `for … { … }`\n");
}

static void test_parse_loop_variable_not_visible_after_loop(void **state) {
  Fixture *f = *state;
  expect_errors(f,
                TABLE
                "rule L \"循环\" {\n"
                "  for 行 in 支出决算表: assert 行.基本支出 > 0\n"
                "  assert 行.基本支出 > 0\n"
                "}\n",
                "a.fisc:10:10: error: unknown name `行`\n"
                "   10 |   assert 行.基本支出 > 0\n"
                "      |          ^~\n");
}

/* ------------------------------------------------------------------------ */
/* Limits                                                                   */
/* ------------------------------------------------------------------------ */

static void test_parse_stops_after_twenty_errors(void **state) {
  Fixture *f = *state;
  Buf *text = &f->text, *want = &f->want;
  buf_puts(text, "rule R \"多\" {\n");
  for (int i = 0; i < 25; i++)
    buf_printf(text, "  assert 未知%d > 0\n", i);
  buf_puts(text, "}\n");
  for (int i = 0; i < 20; i++)
    buf_printf(want,
               "a.fisc:%d:10: error: unknown name `未知%d`\n"
               "   %2d |   assert 未知%d > 0\n"
               "      |          ^~~~%s\n",
               i + 2, i, i + 2, i, i < 10 ? "~" : "~~");
  buf_puts(want, "fisc: note: too many errors, stopping\n");
  assert_null(load_text(f, text->s));
  assert_string_equal(f->d.out.s, want->s);
  assert_true(f->d.stopped);
}

static void test_parse_stops_after_twenty_syntax_errors(void **state) {
  Fixture *f = *state;
  Buf *text = &f->text;
  for (int i = 0; i < 30; i++)
    buf_printf(text, "rule R%d \"多\" { assert 1 = 1 }\n", i);
  assert_null(load_text(f, text->s));
  const char *note = "fisc: note: too many errors, stopping\n";
  size_t n = strlen(f->d.out.s), k = strlen(note);
  assert_true(n > k);
  assert_string_equal(f->d.out.s + n - k, note);
  // Twenty errors shown, each with its help.
  int errors = 0, helps = 0;
  for (const char *s = f->d.out.s; (s = strstr(s, ": error: ")); s++)
    errors++;
  for (const char *s = f->d.out.s; (s = strstr(s, "= help: ")); s++)
    helps++;
  assert_int_equal(errors, 20);
  assert_int_equal(helps, 20);
  assert_non_null(strstr(f->d.out.s, "a.fisc:20:26: error"));
  assert_null(strstr(f->d.out.s, "a.fisc:21:"));
}

static void test_parse_empty_file_is_an_empty_program(void **state) {
  Fixture *f = *state;
  assert_non_null(load_text(f, ""));
  assert_string_equal(f->d.out.s, "");
  assert_int_equal(f->p->n_rules, 0);
  assert_int_equal(f->p->n_tables, 0);
  assert_int_equal(f->p->n_globals, 0);
  // Comments and blank lines only: the same.
  assert_non_null(load_text(f, "# 只有注释·\n\n\t\n"));
  assert_string_equal(f->d.out.s, "");
  assert_int_equal(f->p->n_rules, 0);
}

static void test_parse_deep_parens_are_refused_cleanly(void **state) {
  Fixture *f = *state;
  Buf *text = &f->text;
  buf_printf(text, "rule R \"深\" { assert %s1%s == 1 }\n",
             rep(f, "(", 10000), rep(f, ")", 10000));
  // The rule's `{` and 199 `(` are open when the 200th `(` comes, at
  // column 21 + 200 = 221 (`rule R "深" { assert ` is 21 columns wide).
  assert_null(load_text(f, text->s));
  assert_int_equal(f->d.n_errors, 1);
  assert_string_equal(
      f->d.out.s,
      "a.fisc:1:221: error: brackets nested more than 200 deep\n"
      "    1 | …((((((((((((((((((((((((((((((((((((((((((((((((((((((((((("
      "(((((((((((((((((((((((((((((((((((((((…\n"
      "      |                                          ^\n");
}

static void test_parse_nesting_just_inside_the_limits(void **state) {
  Fixture *f = *state;
  Buf *text = &f->text;
  buf_printf(text, "rule R \"深\" { assert %s1%s == 1 }\n", rep(f, "(", 198),
             rep(f, ")", 198));
  assert_non_null(load_text(f, text->s));
  assert_string_equal(f->d.out.s, "");
}

/* 10,000 unary operators: no brackets, so the parser's own stack limit
 * stops them.  One error is expected, not one per token after it. */
static void test_parse_deep_unary_is_one_error(void **state) {
  Fixture *f = *state;
  Buf *text = &f->text;
  buf_printf(text, "rule R \"深\" { assert %s1 == 1 }\n", rep(f, "-", 10000));
  assert_null(load_text(f, text->s));
  assert_int_equal(f->d.n_errors, 1);
  assert_non_null(strstr(f->d.out.s, "error: expression nested too deeply\n"));
  buf_clear(text);
  diag_free(&f->d);
  diag_init(&f->d);
  buf_printf(text, "rule R \"深\" { assert %s1 == 1 }\n",
             rep(f, "not ", 10000));
  assert_null(load_text(f, text->s));
  assert_int_equal(f->d.n_errors, 1);
}

/* A long `a + b + …` chain (10,000 terms) is a deep tree: refused by the
 * checker, once.  (250 terms are fine: see tests/bad/rules-flat-sum-250.) */
static void test_parse_long_sum_chain_is_one_error(void **state) {
  Fixture *f = *state;
  Buf *text = &f->text;
  buf_printf(text, "rule R \"长\" { assert 1%s > 0 }\n", rep(f, " + 1", 10000));
  assert_null(load_text(f, text->s));
  assert_int_equal(f->d.n_errors, 1);
  assert_non_null(strstr(f->d.out.s, "error: expression nested more than 1000 "
                                     "deep\n"));
}

/* Literals past the number limits (lang/limits.h: 40 decimals, 80 digits)
 * are compile errors at the literal, not evaluation errors later. */
static void test_parse_number_literal_limits(void **state) {
  Fixture *f = *state;
  Buf *text = &f->text, *want = &f->want;
  const char *dec41 = arena_sprintf(&f->a, "0.%s", rep(f, "1", 41));
  const char *dig81 = rep(f, "9", 81);
  buf_printf(text, "rule R \"数\" {\n  assert %s > 0\n  assert %s > 0\n}\n",
             dec41, dig81);
  buf_printf(want,
             "a.fisc:2:10: error: number has more than 40 decimals\n"
             "    2 |   assert %s > 0\n"
             "      |          ^%s\n"
             "a.fisc:3:10: error: number has more than 80 digits\n"
             "    3 |   assert %s > 0\n"
             "      |          ^%s\n",
             dec41, rep(f, "~", 42), dig81, rep(f, "~", 80));
  expect_errors(f, text->s, want->s);
  // Just inside: 40 decimals and 80 digits are accepted.
  buf_clear(text);
  buf_printf(text, "rule R \"数\" {\n  assert 0.%s > 0\n  assert %s > 0\n}\n",
             rep(f, "1", 40), rep(f, "9", 80));
  diag_free(&f->d);
  diag_init(&f->d);
  assert_non_null(load_text(f, text->s));
  assert_string_equal(f->d.out.s, "");
}

/* ------------------------------------------------------------------------ */
/* What the suite reads of last year's submission                           */
/* ------------------------------------------------------------------------ */

// Tables T1..T8 (one code key, one amount each), for the prior-table tests.
#define PRIOR_TABLES                                                           \
  "table T1 { key 编码 : code\n 金额 : 万元 }\n"                            \
  "table T2 { key 编码 : code\n 金额 : 万元 }\n"                            \
  "table T3 { key 编码 : code\n 金额 : 万元 }\n"                            \
  "table T4 { key 编码 : code\n 金额 : 万元 }\n"                            \
  "table T5 { key 编码 : code\n 金额 : 万元 }\n"                            \
  "table T6 { key 编码 : code\n 金额 : 万元 }\n"                            \
  "table T7 { key 编码 : code\n 金额 : 万元 }\n"                            \
  "table T8 { key 编码 : code\n 金额 : 万元 }\n"

/* Whether the loaded suite reads last year's table [name]. */
static bool reads_prior(Fixture *f, const char *name) {
  assert_non_null(f->p);
  assert_non_null(f->p->prior_tables);
  for (int i = 0; i < f->p->n_tables; i++)
    if (strcmp(f->p->tables[i]->name, name) == 0)
      return f->p->prior_tables[i];
  fail_msg("no table %s", name);
  return false;
}

/* Every way a suite can reach a table of last year's marks it -- in an
 * assert, only inside a `for`, inside an aggregate or rollup, in a global
 * let, in an `else` message, through a local that holds `prior` -- and a
 * table this year's rules read but last year's do not stays unmarked. */
static void test_parse_prior_tables_read_are_marked(void **state) {
  Fixture *f = *state;
  assert_non_null(load_text(
      f, PRIOR_TABLES
      "let 上年 = prior.T4[\"合计\"].金额\n"
      "let 不用 = 1\n"
      "rule R-1 \"assert\" {\n"
      "    assert T8[\"合计\"].金额 ≈ prior.T1[\"合计\"].金额\n"
      "}\n"
      "rule R-2 \"for\" {\n"
      "    for r in prior.T2:\n"
      "        assert r.金额 >= 0\n"
      "}\n"
      "rule R-3 \"builtins\" {\n"
      "    assert sum(r.金额 for r in prior.T3) >= 0\n"
      "    assert rollup(prior.T7, 金额)\n"
      "}\n"
      "rule R-4 \"let, message, alias\" {\n"
      "    let p = prior\n"
      "    assert 上年 >= 0 else \"{prior.T5[\\\"合计\\\"].金额}\"\n"
      "    assert p.T6[\"合计\"].金额 >= 0\n"
      "}\n"));
  assert_string_equal(f->d.out.s, "");
  assert_true(reads_prior(f, "T1"));
  assert_true(reads_prior(f, "T2"));
  assert_true(reads_prior(f, "T3"));
  assert_true(reads_prior(f, "T4"));
  assert_true(reads_prior(f, "T5"));
  assert_true(reads_prior(f, "T6"));
  assert_true(reads_prior(f, "T7"));
  assert_false(reads_prior(f, "T8")); // this year's only
  assert_false(f->p->prior_narrative);
}

/* A claim on last year's narrative marks it; this year's does not. */
static void test_parse_prior_narrative_read_is_marked(void **state) {
  Fixture *f = *state;
  assert_non_null(load_text(f, "rule N-1 \"今年\" {\n"
                               "    claim 说明 \"支出{x}万元\"\n"
                               "}\n"));
  assert_false(f->p->prior_narrative);
  assert_non_null(load_text(f, "rule N-1 \"上年\" {\n"
                               "    claim prior.说明 \"支出{x}万元\"\n"
                               "}\n"));
  assert_string_equal(f->d.out.s, "");
  assert_true(f->p->prior_narrative);
}

/* A suite that never names `prior` reads none of last year's tables. */
static void test_parse_no_prior_reads_nothing_of_last_year(void **state) {
  Fixture *f = *state;
  assert_non_null(load_text(f, PRIOR_TABLES
                            "rule R-1 \"this year\" {\n"
                            "    assert T1[\"合计\"].金额 >= 0\n"
                            "}\n"));
  assert_string_equal(f->d.out.s, "");
  for (int i = 0; i < f->p->n_tables; i++)
    assert_false(f->p->prior_tables[i]);
}

int main(int argc, char **argv) {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
  const struct CMUnitTest tests[] = {
      T(test_parse_unexpected_token),
      T(test_parse_unexpected_name_shows_it),
      T(test_parse_unexpected_end_of_file),
      T(test_parse_unclosed_brace_names_its_opener),
      T(test_parse_unclosed_paren_names_its_opener),
      T(test_parse_unclosed_brace_before_next_rule),
      T(test_parse_unterminated_string_is_one_error),
      T(test_parse_fullwidth_paren_one_error_rest_parses),
      T(test_parse_fullwidth_paren_alone_fails_the_load),
      T(test_parse_assign_instead_of_equals_has_help),
      T(test_parse_recovers_at_each_rule),
      T(test_parse_unknown_name_did_you_mean),
      T(test_parse_unknown_name_without_near_miss),
      T(test_parse_unknown_column_did_you_mean),
      T(test_parse_unknown_function_did_you_mean),
      T(test_parse_wrong_number_of_arguments),
      T(test_parse_percent_and_money_do_not_mix),
      T(test_parse_let_cycle_is_named),
      T(test_parse_lets_are_order_free),
      T(test_parse_duplicate_rule_id_notes_first),
      T(test_parse_duplicate_rule_id_across_files),
      T(test_parse_duplicate_table),
      T(test_parse_table_without_key),
      T(test_parse_table_with_two_keys),
      T(test_parse_unknown_column_type),
      T(test_parse_unknown_severity),
      T(test_parse_severities),
      T(test_parse_import_cycle_names_the_chain),
      T(test_parse_import_of_itself),
      T(test_parse_missing_import),
      T(test_parse_missing_rules_path),
      T(test_parse_import_folder_in_name_order),
      T(test_parse_import_empty_folder),
      T(test_parse_file_imported_twice_is_read_once),
      T(test_parse_for_body_by_indentation),
      T(test_parse_for_dedented_let_follows_loop),
      T(test_parse_for_braced),
      T(test_parse_for_without_body),
      T(test_parse_loop_variable_not_visible_after_loop),
      T(test_parse_stops_after_twenty_errors),
      T(test_parse_stops_after_twenty_syntax_errors),
      T(test_parse_empty_file_is_an_empty_program),
      T(test_parse_deep_parens_are_refused_cleanly),
      T(test_parse_nesting_just_inside_the_limits),
      T(test_parse_number_literal_limits),
      T(test_parse_unterminated_string_in_key_is_one_error),
      T(test_parse_fullwidth_paren_then_unknown_name),
      T(test_parse_deep_unary_is_one_error),
      T(test_parse_long_sum_chain_is_one_error),
      T(test_parse_prior_tables_read_are_marked),
      T(test_parse_no_prior_reads_nothing_of_last_year),
      T(test_parse_prior_narrative_read_is_marked),
  };
#undef T
  if (argc > 1)
    cmocka_set_test_filter(argv[1]);
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  return rc;
}
