/* tests/unit/test_pattern.c -- compiling claim patterns (lang/pattern.c).
 *
 * The compiled form is checked item by item: literal text (normalised like
 * the narrative), holes with their kind and inferred unit, fillers and
 * alternatives.  Malformed patterns are a table of (pattern, message,
 * byte offset), the offset counted by hand in the comment next to each. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "lang/arena.h"
#include "lang/pattern.h"

/* Fixture: the arena patterns are compiled into. */
static int setup(void **state) {
  Arena *a = test_malloc(sizeof *a);
  arena_init(a);
  *state = a;
  return 0;
}

static int teardown(void **state) {
  Arena *a = *state;
  arena_free(a);
  test_free(a);
  return 0;
}

/* Compiles [s], which must be well-formed. */
static Pattern *compile(void **state, const char *s) {
  const char *err = NULL;
  uint32_t off = 0;
  Pattern *p = pattern_compile(*state, s, (uint32_t)strlen(s), &err, &off);
  if (!p)
    fail_msg("`%s` did not compile: %s at %u", s, err, off);
  return p;
}

/* Asserts that item [i] of alternative [a] is the literal [text]. */
static void check_lit(const Pattern *p, int a, int i, const char *text) {
  const PatItem *it = &p->alts[a].items[i];
  assert_int_equal(it->kind, PIT_LIT);
  assert_int_equal(it->len, strlen(text));
  assert_memory_equal(it->lit, text, it->len);
}

/* Asserts that item [i] of alternative [a] is the hole [name] of [kind]
 * and [unit]. */
static void check_hole(const Pattern *p, int a, int i, const char *name,
                       HoleKind kind, Unit unit) {
  const PatItem *it = &p->alts[a].items[i];
  assert_int_equal(it->kind, PIT_HOLE);
  assert_in_range(it->hole, 0, p->n_holes - 1);
  const PatHole *h = &p->holes[it->hole];
  assert_string_equal(h->name, name);
  assert_int_equal(h->kind, kind);
  assert_int_equal(h->unit, unit);
}

/* The pattern of language.md's rule N03. */
static void test_pattern_seed_claim_compiles(void **state) {
  Pattern *p = compile(state,
                       "年度支出合计{合计}万元。其中：基本支出{基本}万元，"
                       "占本年支出{基本占比}%；项目支出{项目}万元，"
                       "占本年支出{项目占比}%");
  assert_int_equal(p->n_alts, 1);
  assert_int_equal(p->n_holes, 5);
  assert_int_equal(p->alts[0].n, 11);
  check_lit(p, 0, 0, "年度支出合计");
  check_hole(p, 0, 1, "合计", HOLE_NUM, UNIT_WAN);
  check_lit(p, 0, 2, "万元。其中:基本支出"); // ： folds to :
  check_hole(p, 0, 3, "基本", HOLE_NUM, UNIT_WAN);
  check_lit(p, 0, 4, "万元,占本年支出");
  check_hole(p, 0, 5, "基本占比", HOLE_NUM, UNIT_PCT);
  check_lit(p, 0, 6, "%;项目支出");
  check_hole(p, 0, 9, "项目占比", HOLE_NUM, UNIT_PCT);
  check_lit(p, 0, 10, "%");
}

static void test_pattern_literal_text_is_normalised(void **state) {
  Pattern *p = compile(state, "完成年初\n预算的 {x}％（类）");
  check_lit(p, 0, 0, "完成年初预算的");
  check_hole(p, 0, 1, "x", HOLE_NUM, UNIT_PCT);
  check_lit(p, 0, 2, "%(类)");
  assert_string_equal(p->text, "完成年初预算的{x}%(类)");
}

static void test_pattern_hole_kinds(void **state) {
  Pattern *p = compile(state, "{a}个{b:pct}，{c:int}辆{d:text}。{e:date}");
  assert_int_equal(p->n_holes, 5);
  check_hole(p, 0, 0, "a", HOLE_NUM, UNIT_NONE);
  check_hole(p, 0, 2, "b", HOLE_PCT, UNIT_PCT);
  check_lit(p, 0, 3, "%,"); // the % of {b:pct} joins the literal after it
  check_hole(p, 0, 4, "c", HOLE_INT, UNIT_NONE);
  check_hole(p, 0, 6, "d", HOLE_TEXT, UNIT_NONE);
  check_hole(p, 0, 8, "e", HOLE_DATE, UNIT_NONE);
  // The type may be spelled out, blanks are trimmed, and the full-width
  // colon of Chinese input separates too.
  p = compile(state, "{ 占比 ：pct }和{ x : num }");
  check_hole(p, 0, 0, "占比", HOLE_PCT, UNIT_PCT);
  check_hole(p, 0, 2, "x", HOLE_NUM, UNIT_NONE);
}

static void test_pattern_unit_from_following_literal(void **state) {
  Pattern *p = compile(state, "{a}万元,{b}亿元,{c}元,{d}%,{e}个,{f:int}万元,"
                              "{g}％,{h} 万元,{i}万");
  check_hole(p, 0, 0, "a", HOLE_NUM, UNIT_WAN);
  check_hole(p, 0, 2, "b", HOLE_NUM, UNIT_YI);
  check_hole(p, 0, 4, "c", HOLE_NUM, UNIT_YUAN);
  check_hole(p, 0, 6, "d", HOLE_NUM, UNIT_PCT);
  check_hole(p, 0, 8, "e", HOLE_NUM, UNIT_NONE);
  check_hole(p, 0, 10, "f", HOLE_INT, UNIT_WAN);
  check_hole(p, 0, 12, "g", HOLE_NUM, UNIT_PCT); // ％ is %
  check_hole(p, 0, 14, "h", HOLE_NUM, UNIT_WAN); // the space is dropped
  check_hole(p, 0, 16, "i", HOLE_NUM, UNIT_NONE); // 万 alone is no unit
  // A text or date hole takes no unit; {x:pct} is always %.
  p = compile(state, "{t:text}万元|{p:pct}万元");
  check_hole(p, 0, 0, "t", HOLE_TEXT, UNIT_NONE);
  check_hole(p, 1, 0, "p", HOLE_PCT, UNIT_PCT);
}

static void test_pattern_alternatives_share_holes_by_name(void **state) {
  Pattern *p = compile(state, "增加{x}万元，增长{y}%|"
                              "减少{x}万元，下降{y}%|持平");
  assert_int_equal(p->n_alts, 3);
  assert_int_equal(p->n_holes, 2);
  check_hole(p, 0, 1, "x", HOLE_NUM, UNIT_WAN);
  check_hole(p, 1, 1, "x", HOLE_NUM, UNIT_WAN);
  assert_int_equal(p->alts[0].items[1].hole, p->alts[1].items[1].hole);
  assert_int_equal(p->alts[0].items[3].hole, p->alts[1].items[3].hole);
  check_lit(p, 2, 0, "持平");
  // {x}% and {x:pct} are both percentages: the same hole.
  p = compile(state, "占{x}%|比例为{x:pct}");
  assert_int_equal(p->n_holes, 1);
  // A phrasing without a unit takes the unit of another one.
  p = compile(state, "支出{x}|支出{x}亿元");
  assert_int_equal(p->n_holes, 1);
  assert_int_equal(p->holes[0].unit, UNIT_YI);
}

static void test_pattern_filler_items(void **state) {
  Pattern *p = compile(state, "支出*决算为{x}万元");
  assert_int_equal(p->alts[0].n, 5);
  check_lit(p, 0, 0, "支出");
  assert_int_equal(p->alts[0].items[1].kind, PIT_FILLER);
  check_lit(p, 0, 2, "决算为");
  // A filler between literal text around holes is fine.
  p = compile(state, "{a}万元*{b}%");
  assert_int_equal(p->alts[0].items[2].kind, PIT_FILLER);
}

static void test_pattern_escapes_are_literal(void **state) {
  Pattern *p = compile(state, "a\\{b\\}c\\*d\\|e\\\\f");
  assert_int_equal(p->n_alts, 1);
  assert_int_equal(p->alts[0].n, 1);
  check_lit(p, 0, 0, "a{b}c*d|e\\f");
  // An escape joins the literal run around it, also next to a hole.
  p = compile(state, "\\{{x}\\}");
  check_lit(p, 0, 0, "{");
  check_hole(p, 0, 1, "x", HOLE_NUM, UNIT_NONE);
  check_lit(p, 0, 2, "}");
}

/* A pattern may start with a figure hole, or with a text hole followed by
 * literal text; a text hole may end a pattern. */
static void test_pattern_leading_and_trailing_holes(void **state) {
  Pattern *p = compile(state, "{x:pct}");
  assert_int_equal(p->alts[0].n, 2);
  check_hole(p, 0, 0, "x", HOLE_PCT, UNIT_PCT);
  check_lit(p, 0, 1, "%"); // {x:pct} is {x}%
  p = compile(state, "{名称:text}项目绩效自评综述");
  check_hole(p, 0, 0, "名称", HOLE_TEXT, UNIT_NONE);
  p = compile(state, "主要原因是{原因:text}");
  check_hole(p, 0, 1, "原因", HOLE_TEXT, UNIT_NONE);
}

/* One malformed pattern and what compiling it reports. */
typedef struct BadCase {
  const char *pattern;
  const char *message;
  uint32_t off; // bytes
} BadCase;

static const BadCase bad_cases[] = {
    // "abc" is 3 bytes: the `{` is at 3.
    {"abc{x", "unclosed `{` (write `\\{` for a literal brace)", 3},
    {"{a{b}", "unclosed `{` (write `\\{` for a literal brace)", 0},
    // 合计 is 6 bytes, `{x:` 3 more: the type starts at 9.
    {"合计{x:foo}",
     "unknown hole type `foo` (expected `pct`, `int`, `text`, `date` or "
     "none)",
     9},
    {"{x:}",
     "unknown hole type `` (expected `pct`, `int`, `text`, `date` or none)",
     3},
    {"{}", "empty hole name", 0},
    {"a{ :pct}", "empty hole name", 1},
    {"{a}{b}", "two holes need literal text between them", 3},
    {"{a} {b}", "two holes need literal text between them", 4},
    {"{a}*{b}", "two holes need literal text between them", 4},
    {"a||b", "empty alternative", 2},
    {"|a", "empty alternative", 0},
    {"a|", "empty alternative", 1},
    {"", "empty alternative", 0},
    {"  ", "empty alternative", 0},
    {"*a", "`*` cannot start an alternative", 0},
    {"a|*b", "`*` cannot start an alternative", 2},
    {"a*", "`*` cannot end an alternative", 1},
    {"a**b", "two `*` in a row", 2},
    {"{t:text}*x", "`*` after a text hole (end the text with literal text)",
     8},
    {"{t:text}", "a text hole at the start needs literal text after it", 0},
    {"a}b", "unmatched `}` (write `\\}` for a literal brace)", 1},
    {"a\\qb",
     "unknown escape (only `\\{` `\\}` `\\*` `\\|` `\\\\` are allowed)", 1},
    {"a\\", "`\\` at the end of the pattern", 1},
    // 增加 6 bytes + "{x}万元，" 3+6+3: the second `{` is at 18.
    {"增加{x}万元，{x}万元", "hole `x` appears twice", 18},
    // "{x}万元|" is 10 bytes.
    {"{x}万元|{x:text}。",
     "hole `x` has another type or unit in an earlier alternative", 10},
    {"{x}万元|{x}元",
     "hole `x` has another type or unit in an earlier alternative", 10},
    {"{x}万元|{x}|{x}元",
     "hole `x` has another type or unit in an earlier alternative", 14},
};

static void test_pattern_errors_with_offsets(void **state) {
  for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
    const BadCase *c = &bad_cases[i];
    const char *err = NULL;
    uint32_t off = 12345;
    Pattern *p = pattern_compile(*state, c->pattern,
                                 (uint32_t)strlen(c->pattern), &err, &off);
    if (p)
      fail_msg("`%s` compiled", c->pattern);
    assert_non_null(err);
    if (strcmp(err, c->message) != 0 || off != c->off)
      fail_msg("`%s`: got \"%s\" at %u, expected \"%s\" at %u", c->pattern,
               err, off, c->message, c->off);
  }
}

static void test_pattern_limits(void **state) {
  char s[1024];
  const char *err = NULL;
  uint32_t off = 0;
  // PATTERN_MAX_HOLES holes compile; one more is refused at its `{`.
  size_t n = 0;
  uint32_t last = 0;
  for (int i = 0; i <= PATTERN_MAX_HOLES; i++) {
    last = (uint32_t)n;
    n += (size_t)snprintf(s + n, sizeof s - n, "{h%d}a", i);
  }
  assert_null(pattern_compile(*state, s, (uint32_t)n, &err, &off));
  assert_string_equal(err, "too many holes (at most 16)");
  assert_int_equal(off, last);
  assert_non_null(pattern_compile(*state, s, last, &err, &off));
  // PATTERN_MAX_ALTS alternatives compile; the `|` opening one more is
  // refused ("a|" is 2 bytes).
  n = 0;
  for (int i = 0; i <= PATTERN_MAX_ALTS; i++)
    n += (size_t)snprintf(s + n, sizeof s - n, "%sa", i ? "|" : "");
  assert_null(pattern_compile(*state, s, (uint32_t)n, &err, &off));
  assert_string_equal(err, "too many alternatives (at most 8)");
  assert_int_equal(off, 2 * PATTERN_MAX_ALTS - 1);
  assert_non_null(
      pattern_compile(*state, s, 2 * PATTERN_MAX_ALTS - 1, &err, &off));
  // PATTERN_MAX_ITEMS items ("a*a*…a") compile; one more does not.
  n = 0;
  for (int i = 0; i < PATTERN_MAX_ITEMS + 1; i++)
    s[n++] = i % 2 ? '*' : 'a';
  s[n++] = 'a';
  assert_null(pattern_compile(*state, s, (uint32_t)n, &err, &off));
  assert_string_equal(err, "too many parts in one alternative (at most 64)");
  assert_int_equal(off, PATTERN_MAX_ITEMS);
  assert_non_null(
      pattern_compile(*state, s, PATTERN_MAX_ITEMS - 1, &err, &off));
}

/* Each literal keeps where its first PATTERN_PROBE_CHARS characters end
 * (1-, 2-, 3- and 4-byte characters, after normalisation: ， is ","), and
 * no more than that many (fails if a length or the cap is wrong, which
 * would make the matcher look a literal up by the wrong bytes). */
static void test_pattern_literal_character_ends(void **state) {
  Pattern *p = compile(state, "a\u00E9中\U00020000，b{x}一二三四五六七八九十");
  const PatItem *it = &p->alts[0].items[0];
  check_lit(p, 0, 0, "a\u00E9中\U00020000,b");
  static const uint8_t ends[] = {1, 3, 6, 10, 11, 12};
  assert_int_equal(it->n_chars, sizeof ends);
  assert_memory_equal(it->char_end, ends, sizeof ends);
  it = &p->alts[0].items[2];
  check_lit(p, 0, 2, "一二三四五六七八九十");
  assert_int_equal(it->n_chars, PATTERN_PROBE_CHARS);
  for (int k = 0; k < PATTERN_PROBE_CHARS; k++)
    assert_int_equal(it->char_end[k], 3 * (k + 1));
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_pattern_literal_character_ends,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_pattern_seed_claim_compiles, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_pattern_literal_text_is_normalised,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_pattern_hole_kinds, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(
          test_pattern_unit_from_following_literal, setup, teardown),
      cmocka_unit_test_setup_teardown(
          test_pattern_alternatives_share_holes_by_name, setup, teardown),
      cmocka_unit_test_setup_teardown(test_pattern_filler_items, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_pattern_escapes_are_literal, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_pattern_leading_and_trailing_holes,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_pattern_errors_with_offsets, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_pattern_limits, setup, teardown),
  };
  if (argc > 1)
    cmocka_set_test_filter(argv[1]);
  return cmocka_run_group_tests(tests, NULL, NULL);
}
