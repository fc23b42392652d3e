/* tests/unit/test_match.c -- finding claim patterns in normalised text
 * (runtime/match.c).
 *
 * Texts are written as they come out of a PDF (line breaks and spaces in
 * numbers, full-width punctuation); several are copied from the seed
 * document.  Each test normalises the text, searches it, and checks the
 * bound slices -- and, through the offset map, where in the ORIGINAL text
 * each value starts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "lang/arena.h"
#include "lang/norm.h"
#include "lang/pattern.h"
#include "runtime/match.h"

/* Fixture: an arena for patterns and normal forms. */
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

/* One search: the pattern, the normalised text and the match. */
typedef struct Try {
  Pattern *p;
  Norm n;
  const char *orig;
  Match m;
  bool found;
} Try;

static Pattern *compile(void **state, const char *pat) {
  const char *err = NULL;
  uint32_t off = 0;
  Pattern *p = pattern_compile(*state, pat, (uint32_t)strlen(pat), &err, &off);
  if (!p)
    fail_msg("`%s` did not compile: %s at %u", pat, err, off);
  return p;
}

/* Asserts that two searches agree: found or not, and the same match. */
static void check_same(bool found, const Match *m, bool found2,
                       const Match *m2) {
  assert_int_equal(found, found2);
  if (!found)
    return;
  assert_int_equal(m->start, m2->start);
  assert_int_equal(m->end, m2->end);
  assert_int_equal(m->alt, m2->alt);
  for (int h = 0; h < PATTERN_MAX_HOLES; h++) {
    assert_int_equal(m->bound[h], m2->bound[h]);
    if (!m->bound[h])
      continue;
    assert_int_equal(m->hole_start[h], m2->hole_start[h]);
    assert_int_equal(m->hole_end[h], m2->hole_end[h]);
  }
}

/* match_find over [from, to) of [t]'s text, and the same search through a
 * MatchIndex of the text (the path claims take), which must agree. */
static bool search(void **state, const Try *t, uint32_t from, uint32_t to,
                   Match *m) {
  MatchIndex ix;
  match_index(&ix, *state, t->n.text, t->n.len);
  Match m2;
  bool found = match_find(t->p, t->n.text, from, to, m);
  bool found2 = match_find_indexed(t->p, t->n.text, &ix, from, to, &m2);
  check_same(found, m, found2, &m2);
  return found;
}

/* Searches the whole of [text] for [pat], with and without an index. */
static Try find(void **state, const char *pat, const char *text) {
  Try t;
  t.p = compile(state, pat);
  t.orig = text;
  norm_text(*state, text, (uint32_t)strlen(text), 0, true, &t.n);
  t.found = search(state, &t, 0, t.n.len, &t.m);
  return t;
}

/* Returns the index of hole [name] in [t]'s pattern. */
static int hole(const Try *t, const char *name) {
  for (int h = 0; h < t->p->n_holes; h++)
    if (strcmp(t->p->holes[h].name, name) == 0)
      return h;
  fail_msg("no hole `%s`", name);
  return -1;
}

/* Asserts that hole [name] is bound to the normalised text [want]. */
static void check_bound(const Try *t, const char *name, const char *want) {
  int h = hole(t, name);
  if (!t->m.bound[h])
    fail_msg("hole `%s` is not bound", name);
  uint32_t len = t->m.hole_end[h] - t->m.hole_start[h];
  if (len != strlen(want) ||
      memcmp(t->n.text + t->m.hole_start[h], want, len) != 0)
    fail_msg("hole `%s` is \"%.*s\", expected \"%s\"", name, (int)len,
             t->n.text + t->m.hole_start[h], want);
}

/* Asserts that hole [name] starts, in the original text, where [orig_at]
 * (a unique substring of it) starts. */
static void check_orig(const Try *t, const char *name, const char *orig_at) {
  const char *at = strstr(t->orig, orig_at);
  assert_non_null(at);
  assert_int_equal(t->n.map[t->m.hole_start[hole(t, name)]], at - t->orig);
}

/* The matched normalised text. */
static void check_span(const Try *t, const char *want) {
  assert_true(t->found);
  uint32_t len = t->m.end - t->m.start;
  if (len != strlen(want) || memcmp(t->n.text + t->m.start, want, len) != 0)
    fail_msg("matched \"%.*s\", expected \"%s\"", (int)len,
             t->n.text + t->m.start, want);
}

/* The seed's expenditure sentence (lines 125-129), as the PDF gave it. */
static void test_match_seed_expenditure_sentence(void **state) {
  const char *text =
      "三、支出决算情况说明\n\n"
      "2021 年度支出合计 1118.78 万元。其中：基本支出\n\n"
      "484.64 万元，占本年支出 43.3%；项目支出 634.14 万元，\n\n"
      "占本年支出 52.7%。\n\n图 3：支出决算结构\n";
  Try t = find(state,
               "年度支出合计{合计}万元。其中:基本支出{基本}万元,"
               "占本年支出{基本占比}%;项目支出{项目}万元,"
               "占本年支出{项目占比}%",
               text);
  assert_true(t.found);
  assert_int_equal(t.m.alt, 0);
  check_bound(&t, "合计", "1118.78");
  check_bound(&t, "基本", "484.64");
  check_bound(&t, "基本占比", "43.3");
  check_bound(&t, "项目", "634.14");
  check_bound(&t, "项目占比", "52.7");
  check_orig(&t, "合计", "1118.78");
  check_orig(&t, "基本", "484.64");
  check_orig(&t, "基本占比", "43.3%");
  check_orig(&t, "项目占比", "52.7%");
  // The match starts at 年度 (after "2021") and ends after the last %.
  assert_int_equal(t.n.map[t.m.start], strstr(text, "年度支出") - text);
  assert_int_equal(t.n.map[t.m.end - 1], strstr(text, "%。") - text);
}

/* The seed's procurement paragraph (lines 339-349), numbers without
 * spaces, the sentence broken across five lines. */
static void test_match_seed_procurement_sentence(void **state) {
  const char *text =
      "2021年度武汉市东西湖区大数据中心政府采购支出总\n\n"
      "额524.41万元，其中：政府采购货物支出131.06万元、政府\n\n"
      "采购工程支出0万元、政府采购服务支出393.35万元。授予\n\n"
      "中小企业合同金额328.46万元，占政府采购支出总额的\n\n"
      "62.6%，其中：授予小微企业合同金额142.10万元，占政府\n\n"
      "采购支出总额的27.1%。\n";
  Try t = find(state,
               "政府采购支出总额{总额}万元，其中：政府采购货物支出{货物}"
               "万元、政府采购工程支出{工程}万元、政府采购服务支出{服务}"
               "万元。授予中小企业合同金额{中小}万元，"
               "占政府采购支出总额的{中小占比}%",
               text);
  assert_true(t.found);
  check_bound(&t, "总额", "524.41");
  check_bound(&t, "货物", "131.06");
  check_bound(&t, "工程", "0");
  check_bound(&t, "服务", "393.35");
  check_bound(&t, "中小", "328.46");
  check_bound(&t, "中小占比", "62.6");
  check_orig(&t, "中小占比", "62.6%");
  assert_int_equal(t.p->holes[hole(&t, "总额")].unit, UNIT_WAN);
}

/* The seed's 三公 paragraph: 减少 in one phrasing, 增加 in another. */
static void test_match_alternatives_tried_in_order(void **state) {
  const char *text = "(2)公务用车运行费 2.27 万元，完成年初预算的 47.3%，\n\n"
                     "比年初预算减少 2.53 万元，主要原因是…";
  Try t = find(state, "比年初预算增加{x}万元|比年初预算减少{x}万元", text);
  assert_true(t.found);
  assert_int_equal(t.m.alt, 1);
  check_bound(&t, "x", "2.53");
  // Both phrasings could match at the same start: the first one wins.
  t = find(state, "支出{x}万元|支出{x}", "支出 5 万元");
  assert_int_equal(t.m.alt, 0);
  check_span(&t, "支出5万元");
  // The leftmost start wins over the order of the alternatives.
  t = find(state, "减少{x}万元|增加{x}万元", "增加 1 万元，减少 2 万元");
  assert_int_equal(t.m.alt, 1);
  check_bound(&t, "x", "1");
}

static void test_match_alternative_binds_only_its_holes(void **state) {
  Try t = find(state, "增长{g}%|与上年持平", "支出与上年持平。");
  assert_true(t.found);
  assert_int_equal(t.m.alt, 1);
  assert_false(t.m.bound[hole(&t, "g")]);
  t = find(state, "增长{g}%|与上年持平", "增长 22.0%");
  assert_true(t.m.bound[hole(&t, "g")]);
}

static void test_match_number_forms(void **state) {
  // Thousands separators in groups of three, decimals kept as written.
  Try t = find(state, "收入{x}万元", "收入 1,055.40 万元");
  check_bound(&t, "x", "1,055.40");
  t = find(state, "收入{x}万元", "收入12,345,678万元");
  check_bound(&t, "x", "12,345,678");
  // Signs: ASCII, full-width (NFKC makes it ASCII) and U+2212.
  t = find(state, "增长{x}%", "增长-3.5%");
  check_bound(&t, "x", "-3.5");
  t = find(state, "增长{x}%", "增长－3.5%");
  check_bound(&t, "x", "-3.5");
  t = find(state, "增长{x}%", "增长\u22123.5%");
  check_bound(&t, "x", "\u22123.5");
  t = find(state, "增长{x}%", "增长+3%");
  check_bound(&t, "x", "+3");
  // Full-width digits and a figure broken by a line and a space.
  t = find(state, "为{x}万元", "为１２.\n 5万元");
  check_bound(&t, "x", "12.5");
  // A dot not followed by a digit ends the figure; so does a bad group.
  t = find(state, "共{x}.", "共12.");
  check_bound(&t, "x", "12");
  t = find(state, "{x},", "1,2345");
  check_bound(&t, "x", "1");
}

/* A figure never starts or ends inside a longer one. */
static void test_match_number_boundaries(void **state) {
  Try t = find(state, "占{x}%", "占12.5%");
  check_bound(&t, "x", "12.5");
  // {x}% in "2012.5%" is all of 2012.5, not 12.5 or 2.5.
  t = find(state, "{x}%", "为2012.5%");
  check_bound(&t, "x", "2012.5");
  // A literal before the hole cannot split a figure either.
  t = find(state, "2{x}%", "2012.5%");
  assert_false(t.found);
  t = find(state, "{x}%", "12.5.3%");
  assert_false(t.found);
  t = find(state, ",{x}万元", "合计1,234万元");
  assert_false(t.found);
  t = find(state, "{x}万元", "共2012.5万元");
  check_bound(&t, "x", "2012.5");
  // The end: "5" of "25万" is not a figure ending at 2.
  t = find(state, "为{x}5万", "为25万");
  assert_false(t.found);
}

static void test_match_pct_hole_consumes_percent(void **state) {
  Try t = find(state, "占{p:pct}", "占 43.3 ％；");
  check_bound(&t, "p", "43.3");
  check_span(&t, "占43.3%");
  t = find(state, "占{p:pct}", "占 43.3，");
  assert_false(t.found);
  // {x:pct} in one phrasing, {x}% in another: the same variable.
  t = find(state, "比例为{x}%|占{x:pct}", "占 5%");
  assert_int_equal(t.m.alt, 1);
  check_bound(&t, "x", "5");
  check_span(&t, "占5%");
  // A pattern that is a single hole finds the first figure of its kind.
  t = find(state, "{p:pct}", "收入 1118.78 万元，占 99.99%");
  check_bound(&t, "p", "99.99");
}

static void test_match_int_hole(void **state) {
  Try t = find(state, "共有车辆{n:int}辆", "共有车辆 2 辆，其中");
  check_bound(&t, "n", "2");
  t = find(state, "共有车辆{n:int}辆", "共有车辆 2.5 辆");
  assert_false(t.found);
  t = find(state, "共有车辆{n:int}辆", "共有车辆 1,000 辆");
  assert_false(t.found);
}

static void test_match_date_hole(void **state) {
  const char *text = "截至 2020 年 12 月 31 日，武汉市东西湖区大数据中心";
  Try t = find(state, "截至{d:date},", text);
  check_bound(&t, "d", "2020年12月31日");
  check_orig(&t, "d", "2020");
  t = find(state, "截至{d:date}", "截至2021年1月1日");
  check_bound(&t, "d", "2021年1月1日");
  t = find(state, "截至{d:date}", "截至2021年123月1日");
  assert_false(t.found);
  t = find(state, "截至{d:date}", "截至21年1月1日");
  assert_false(t.found);
  t = find(state, "{d:date}", "12021年1月1日");
  assert_false(t.found);
}

static void test_match_text_hole(void **state) {
  // Shortest text up to the next literal.
  Try t = find(state, "主要原因是{r:text}。",
               "增长 236.5%，主要原因是维\n修费、燃油费等支出增加。后文。");
  check_bound(&t, "r", "维修费、燃油费等支出增加");
  t = find(state, "为{a:text}的", "为甲的乙的");
  check_bound(&t, "a", "甲");
  // A longer text is tried while the rest fails.
  t = find(state, "为{a:text}的{b}%", "为甲的乙的5%");
  check_bound(&t, "a", "甲的乙");
  check_bound(&t, "b", "5");
  // At the end of a pattern: up to the end of the sentence.
  t = find(state, "主要原因是{r:text}", "主要原因是未进行公务接待。下一句");
  check_bound(&t, "r", "未进行公务接待");
  // Never empty, never across 。.
  t = find(state, "是{r:text}。", "是。");
  assert_false(t.found);
  t = find(state, "增加{r:text}万元", "增加了。共5万元");
  assert_false(t.found);
}

static void test_match_text_hole_length_limit(void **state) {
  char text[2048];
  // "是" + 100 × 甲 (300 bytes) + "的": exactly PATTERN_MAX_TEXT.
  size_t n = 0;
  memcpy(text + n, "是", 3);
  n += 3;
  for (int i = 0; i < PATTERN_MAX_TEXT / 3; i++, n += 3)
    memcpy(text + n, "甲", 3);
  memcpy(text + n, "的", 4);
  Try t = find(state, "是{r:text}的", text);
  assert_true(t.found);
  assert_int_equal(t.m.hole_end[0] - t.m.hole_start[0], PATTERN_MAX_TEXT);
  // One character more is too long.
  memcpy(text + n, "甲的", 7);
  t = find(state, "是{r:text}的", text);
  assert_false(t.found);
  // A trailing text hole stops at the limit, on a character boundary:
  // "x" + 100 × 甲 is 301 bytes, cut to "x" + 99 × 甲 (298).
  memcpy(text, "是x", 4);
  for (int i = 0; i < PATTERN_MAX_TEXT / 3; i++)
    memcpy(text + 4 + 3 * i, "甲", 3);
  text[4 + PATTERN_MAX_TEXT] = '\0';
  t = find(state, "是{r:text}", text);
  assert_true(t.found);
  assert_int_equal(t.m.hole_end[0] - t.m.hole_start[0], 298);
}

/* A leading text hole reaches back to the start of its sentence. */
static void test_match_leading_text_hole(void **state) {
  const char *text =
      "共涉及 5 个一级项目。\n\n"
      "1.网络传输建设运行费项目绩效自评综述：项目全年预\n\n"
      "算数为 542.74 万元，执行数为 420.42 万元，完成预算的\n\n"
      "77.5%。\n\n"
      "2.办公后勤保障经费项目绩效自评综述：项目全年预算\n\n"
      "数为 20 万元，执行数为 19.29 万元，完成预算的 96.5%。";
  Try t = find(state,
               "{名称:text}项目绩效自评综述:项目全年预算数为{预算}万元,"
               "执行数为{执行}万元",
               text);
  assert_true(t.found);
  check_bound(&t, "名称", "1.网络传输建设运行费");
  check_bound(&t, "预算", "542.74");
  check_bound(&t, "执行", "420.42");
  check_orig(&t, "名称", "1.网络");
  // The next one, searching from the end of the first.
  Match m2;
  assert_true(search(state, &t, t.m.end, t.n.len, &m2));
  t.m = m2;
  check_bound(&t, "名称", "2.办公后勤保障经费");
  check_bound(&t, "执行", "19.29");
}

static void test_match_filler(void **state) {
  Try t = find(state, "完成*预算的{p}%", "完成年初预算的 86.3%");
  check_bound(&t, "p", "86.3");
  // Shortest first, longer while the rest fails.
  t = find(state, "支出*,占{p}%", "支出100万元,其中基本50万元,占5%");
  check_bound(&t, "p", "5");
  check_span(&t, "支出100万元,其中基本50万元,占5%");
  // A filler may skip nothing.
  t = find(state, "完成*预算", "完成预算");
  check_span(&t, "完成预算");
}

static void test_match_filler_is_bounded(void **state) {
  char text[512];
  // "收" + 30 × 甲 + "入": the filler skips exactly PATTERN_MAX_FILLER.
  size_t n = 0;
  memcpy(text + n, "收", 3);
  n += 3;
  for (int i = 0; i < PATTERN_MAX_FILLER; i++, n += 3)
    memcpy(text + n, "甲", 3);
  memcpy(text + n, "入", 4);
  Try t = find(state, "收*入", text);
  assert_true(t.found);
  // 31 characters are too many.
  memcpy(text + n, "甲入", 7);
  t = find(state, "收*入", text);
  assert_false(t.found);
}

static void test_match_filler_stops_at_sentence_end(void **state) {
  assert_false(find(state, "收入*{x}万元", "收入。5万元").found);
  assert_false(find(state, "收入*{x}万元", "收入；5万元").found);
  assert_false(find(state, "收入*{x}万元", "收入！5万元").found);
  assert_false(find(state, "收入*{x}万元", "收入？5万元").found);
  Try t = find(state, "收入*{x}万元", "收入，合计 5万元");
  check_bound(&t, "x", "5");
  // The literal after the filler may itself be the sentence end.
  t = find(state, "收入*。", "收入很多。");
  check_span(&t, "收入很多。");
}

/* Nested fillers over text that almost matches everywhere: each (item,
 * position) fails once, so this returns at once instead of trying
 * 31^4 filler combinations per start. */
static void test_match_nested_fillers_fail_fast(void **state) {
  char text[4096];
  memset(text, 'a', sizeof text - 1);
  text[sizeof text - 1] = '\0';
  Try t = find(state, "a*a*a*a*b", text);
  assert_false(t.found);
}

/* The first item keeps no memo (search_alt enters it once per candidate
 * start).  A start may still be tried twice when the literal after a
 * leading figure is itself made of figure bytes: here 0 is tried for
 * both commas and fails both times; the match starts at 2. */
static void test_match_first_item_tried_again(void **state) {
  Try t = find(state, "{a},{b}万元", "1,2,3万元");
  check_bound(&t, "a", "2");
  check_bound(&t, "b", "3");
  check_span(&t, "2,3万元");
}

static void test_match_escaped_characters(void **state) {
  Try t = find(state, "\\{{x}\\}*\\|", "{5}|");
  check_bound(&t, "x", "5");
  check_span(&t, "{5}|");
}

/* Only [from, to) is searched, and only it is looked at. */
static void test_match_window(void **state) {
  const char *text = "合计 5 万元。合计 6 万元。";
  Try t = find(state, "合计{x}万元", text);
  check_bound(&t, "x", "5");
  // From the end of the first match: the second one.
  Match m;
  assert_true(search(state, &t, t.m.end, t.n.len, &m));
  t.m = m;
  check_bound(&t, "x", "6");
  // A match must end by [to].
  assert_false(search(state, &t, t.m.start, t.m.end - 1, &m));
  assert_true(search(state, &t, t.m.start, t.m.end, &m));
  // An empty or inverted window finds nothing.
  assert_false(search(state, &t, 3, 3, &m));
  assert_false(search(state, &t, 5, 3, &m));
  // Not found at all.
  assert_false(find(state, "合计{x}亿元", text).found);
}

/* The index looks a literal up by its rarest character, not its first:
 * here 占 (twice in the text) rather than 万, 元 or ',' (three times each).
 * A search from inside a match must not return that match, although its
 * 占 stands after the start of the search. */
static void test_match_index_rarest_character(void **state) {
  const char *text = "收入1万元,增长2%。支出3万元,占4%。其他5万元,占6%。";
  Try t = find(state, "万元,占{b}%", text);
  check_bound(&t, "b", "4");
  Match m;
  assert_true(search(state, &t, t.m.start + 1, t.n.len, &m));
  assert_true(m.start > t.m.start);
  t.m = m;
  check_bound(&t, "b", "6");
  // A figure first, the literal after it: the same two, in order.
  t = find(state, "{a}万元,占{b}%", text);
  check_bound(&t, "a", "3");
  assert_true(search(state, &t, t.m.start + 1, t.n.len, &m));
  t.m = m;
  check_bound(&t, "a", "5");
  // A window one byte short of the last match finds nothing.
  assert_false(search(state, &t, t.m.start, t.m.end - 1, &m));
}

/* A text hole stops at 。 but not at the other characters led by the byte
 * E3 (、《》), which next_period looks for first. */
static void test_match_text_hole_stops_only_at_period(void **state) {
  Try t = find(state, "因为{r:text}。", "因为《办法》、〈细则〉修订。后文");
  check_bound(&t, "r", "《办法》、〈细则〉修订");
  t = find(state, "因为{r:text}", "因为甲、乙。丙");
  check_bound(&t, "r", "甲、乙");
  // A 。 in the last three bytes of the text.
  t = find(state, "因为{r:text}", "因为甲、乙。");
  check_bound(&t, "r", "甲、乙");
}

/* A text hole looks for the literal after it at every position it tries;
 * that literal's lookup is prepared once per search and kept per item of
 * the alternative.  Two text holes before different literals, and a
 * second alternative whose literals differ from the first's at the same
 * items, must each search for their own (fails if the kept lookups are
 * shared between items or outlive their alternative). */
static void test_match_text_hole_lookups_per_item(void **state) {
  const char *text = "说明:甲因为乙所以丙,由于丁因此戊。";
  Try t = find(state, "{a:text}因为{b:text}所以|{a:text}由于{b:text}因此",
               text);
  assert_int_equal(t.m.alt, 0);
  check_bound(&t, "a", "说明:甲");
  check_bound(&t, "b", "乙");
  t = find(state, "{a:text}因为{b:text}所以其实|{a:text}由于{b:text}因此",
           text);
  assert_int_equal(t.m.alt, 1);
  check_bound(&t, "a", "说明:甲因为乙所以丙,");
  check_bound(&t, "b", "丁");
  // Two text holes inside one alternative.
  t = find(state, "说明:{a:text}因为{b:text}所以", text);
  check_bound(&t, "a", "甲");
  check_bound(&t, "b", "乙");
  // Eight characters and more: the rarest (戊, once) is the eighth.
  t = find(state, "{a:text}丙,由于丁因此戊。", text);
  check_bound(&t, "a", "说明:甲因为乙所以");
}

/* One index serves every search of a narrative, and a bucket's positions
 * are laid out only when a search first looks the bucket up (the next
 * free slots of the index), then reused.  Here buckets are shared by
 * different characters (一 U+4E00, 帀 U+5E00, 渀 U+6E00 have the same low
 * 12 bits; so do é U+00E9 and ჩ U+10E9, and 𠀀 U+20000 and 䀀 U+4000),
 * their characters interleave, and a literal ends the text.  Every
 * pattern is searched from every offset, twice, through the one index,
 * and must agree with the search without one (fails if a bucket's
 * positions are laid out out of order, if two buckets are given the same
 * slots, if a character is left out of its bucket's chain, or if the
 * last characters of the text are not indexed). */
static void test_match_index_lazy_buckets_reused(void **state) {
  const char *text = "一帀12一渀é一ჩé𠀀䀀3一二帀ჩ,45一二é渀。帀一𠀀7一二";
  static const char *const pats[] = {
      "一二",         "帀一",  "ჩé",         "é",       "渀",
      "𠀀",           "䀀",    "{n}一二",    "{a:text}一二", "帀{a:text}é",
      "{n}一|ჩ{n}",   "一二",  "{a:text}渀", "𠀀{n}一二",
  };
  Norm n;
  norm_text(*state, text, (uint32_t)strlen(text), 0, true, &n);
  MatchIndex ix;
  match_index(&ix, *state, n.text, n.len);
  for (int round = 0; round < 2; round++)
    for (size_t k = 0; k < sizeof pats / sizeof pats[0]; k++) {
      Pattern *p = compile(state, pats[k]);
      for (uint32_t from = 0; from <= n.len; from++) {
        Match m, m2;
        bool found = match_find(p, n.text, from, n.len, &m);
        bool found2 = match_find_indexed(p, n.text, &ix, from, n.len, &m2);
        if (found != found2 || (found && (m.start != m2.start ||
                                          m.end != m2.end)))
          fail_msg("`%s` from %u: %s %u-%u without the index, %s %u-%u "
                   "with it",
                   pats[k], from, found ? "found" : "none", m.start, m.end,
                   found2 ? "found" : "none", m2.start, m2.end);
        check_same(found, &m, found2, &m2);
      }
    }
  // The literal at the very end is found through the index.
  Pattern *p = compile(state, "7一二");
  Match m;
  assert_true(match_find_indexed(p, n.text, &ix, 0, n.len, &m));
  assert_int_equal(m.end, n.len);
}

/* Through the index, a literal of four bytes or more is compared first by
 * its first four bytes as one word, then the rest.  Candidates here share
 * the looked-up character but differ in the first four bytes (1万 2万),
 * only in the last byte (合计 U+8BA1, 合订 U+8BA2), or not at all; one
 * literal is exactly four bytes; one ends the text (fails if the first
 * word is read from the wrong bytes, or used for a literal of fewer than
 * four).  A hit of find_lit is compared again by match_at, so a rest left
 * uncompared would only cost time: no search here can see it. */
static void test_match_literal_word_then_rest(void **state) {
  const char *text = "支出合订5万元。支出合计6万元。x1,2。支出合计";
  Try t = find(state, "支出合计{n}万元", text);
  check_bound(&t, "n", "6");
  t = find(state, "支出合订{n}万元", text);
  check_bound(&t, "n", "5");
  // Exactly four bytes, at the end of a sentence.
  t = find(state, "x1,2", text);
  assert_true(t.found);
  assert_int_equal(t.m.start, strlen("支出合订5万元。支出合计6万元。"));
  // The last match ends the text; from after the first, it is the one.
  t = find(state, "。支出合计", text);
  Match m;
  assert_true(search(state, &t, t.m.start + 1, t.n.len, &m));
  assert_int_equal(m.end, t.n.len);
  // The same literal with its last byte changed is nowhere.
  assert_false(find(state, "支出合讣", text).found);
  assert_false(find(state, "x1,3", text).found);
}

/* find_lit starts each lookup in a bucket where the last one stopped and
 * skips forward 1, 2, 4, ... entries.  Here 的 stands 160 times, so its
 * bucket is long, and the literals after it (甲 every 7th, 丙 every 23rd,
 * 。 every 13th) sit at gaps of every size; each pattern is searched from
 * every offset, with and without the index, and the two must agree
 * (fails if the skip lands past the first entry that serves, if the
 * binary search after it is given the wrong range, or if the stopping
 * point is not kept or kept wrong). */
static void test_match_index_lookup_moves_forward(void **state) {
  char text[4096];
  size_t len = 0;
  for (int i = 0; i < 160; i++) {
    const char *piece = i % 23 == 5 ? "的丙" : i % 7 == 3 ? "的甲" : "的乙";
    len += (size_t)snprintf(text + len, sizeof text - len, "%s%s%d",
                            piece, i % 13 == 0 ? "。" : "", i % 10);
  }
  static const char *const pats[] = {
      "的甲{n}的乙", "的丙{n}",     "{a:text}的丙", "{n}的甲",
      "的乙{n}的丙", "乙{x:text}丙", "的{n}的甲{m}的丙",
  };
  Norm n;
  norm_text(*state, text, (uint32_t)len, 0, true, &n);
  MatchIndex ix;
  match_index(&ix, *state, n.text, n.len);
  for (size_t k = 0; k < sizeof pats / sizeof pats[0]; k++) {
    Pattern *p = compile(state, pats[k]);
    for (uint32_t from = 0; from <= n.len; from += 1) {
      Match m, m2;
      bool found = match_find(p, n.text, from, n.len, &m);
      bool found2 = match_find_indexed(p, n.text, &ix, from, n.len, &m2);
      if (found != found2 ||
          (found && (m.start != m2.start || m.end != m2.end)))
        fail_msg("`%s` from %u: %s %u-%u without the index, %s %u-%u "
                 "with it",
                 pats[k], from, found ? "found" : "none", m.start, m.end,
                 found2 ? "found" : "none", m2.start, m2.end);
      check_same(found, &m, found2, &m2);
    }
  }
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_match_seed_expenditure_sentence,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_match_seed_procurement_sentence,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_match_alternatives_tried_in_order,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(
          test_match_alternative_binds_only_its_holes, setup, teardown),
      cmocka_unit_test_setup_teardown(test_match_number_forms, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_match_number_boundaries, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_match_pct_hole_consumes_percent,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_match_int_hole, setup, teardown),
      cmocka_unit_test_setup_teardown(test_match_date_hole, setup, teardown),
      cmocka_unit_test_setup_teardown(test_match_text_hole, setup, teardown),
      cmocka_unit_test_setup_teardown(test_match_text_hole_length_limit,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_match_leading_text_hole, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_match_filler, setup, teardown),
      cmocka_unit_test_setup_teardown(test_match_filler_is_bounded, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_match_filler_stops_at_sentence_end,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_match_nested_fillers_fail_fast,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_match_first_item_tried_again,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_match_escaped_characters, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_match_window, setup, teardown),
      cmocka_unit_test_setup_teardown(test_match_index_rarest_character,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(
          test_match_text_hole_stops_only_at_period, setup, teardown),
      cmocka_unit_test_setup_teardown(test_match_text_hole_lookups_per_item,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_match_index_lazy_buckets_reused,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_match_literal_word_then_rest,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_match_index_lookup_moves_forward,
                                      setup, teardown),
  };
  if (argc > 1)
    cmocka_set_test_filter(argv[1]);
  return cmocka_run_group_tests(tests, NULL, NULL);
}
