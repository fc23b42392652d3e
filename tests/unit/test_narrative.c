/* tests/unit/test_narrative.c -- the narrative's normal form and outline
 * (runtime/narrative.c).
 *
 * The outline is tested on the seed document itself (a copy of the seed
 * PDF text in tests/unit/data/narrative/seed.txt, line numbers as in that
 * file) and on small texts that put every heading form, and the wrapped
 * lines that must not be taken for headings, next to their expectation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "lang/arena.h"
#include "lang/pattern.h"
#include "lang/src.h"
#include "runtime/match.h"
#include "runtime/narrative.h"

/* Fixture: an arena, the Src under test (freed by teardown) and the
 * narrative built from it. */
typedef struct Fixture {
  Arena a;
  Src *src;
  Narrative n;
} Fixture;

static int setup(void **state) {
  Fixture *f = test_calloc(1, sizeof *f);
  arena_init(&f->a);
  *state = f;
  return 0;
}

static int teardown(void **state) {
  Fixture *f = *state;
  if (f->src)
    src_free(f->src);
  arena_free(&f->a);
  test_free(f);
  return 0;
}

/* Builds the fixture's narrative from [text]. */
static Narrative *build(Fixture *f, const char *text) {
  f->src = src_from_string("说明.txt", text, strlen(text));
  narrative_build(&f->n, f->src, &f->a);
  return &f->n;
}

/* Builds the fixture's narrative from the seed copy beside this file. */
static Narrative *build_seed(Fixture *f) {
  char path[512];
  snprintf(path, sizeof path, "%s", __FILE__);
  char *slash = strrchr(path, '/');
  snprintf(slash ? slash + 1 : path,
           sizeof path - (size_t)(slash ? slash + 1 - path : 0),
           "data/narrative/seed.txt");
  char why[128];
  f->src = src_read_file(path, why, sizeof why);
  if (!f->src)
    fail_msg("%s: %s", path, why);
  narrative_build(&f->n, f->src, &f->a);
  return &f->n;
}

/* Returns the section whose title is exactly [title]. */
static const Section *titled(const Narrative *n, const char *title) {
  for (int i = 0; i < n->n_sections; i++)
    if (strcmp(n->sections[i].title, title) == 0)
      return &n->sections[i];
  fail_msg("no section titled %s", title);
  return NULL;
}

/* Returns the index of the section on original line [line], or -1. */
static int on_line(const Narrative *n, uint32_t line) {
  for (int i = 0; i < n->n_sections; i++)
    if (n->sections[i].line == line)
      return i;
  return -1;
}

static int find_section(Fixture *f, const char *query) {
  return narrative_section(&f->n, query, (uint32_t)strlen(query), &f->a);
}

/* The six parts of the seed, in order, on the lines where they start. */
static void test_narrative_seed_has_six_parts(void **state) {
  Narrative *n = build_seed(*state);
  static const struct {
    uint32_t line;
    const char *title;
  } parts[] = {
      {1, "第一部分武汉市东西湖区大数据中心概况"}, // " 第一部分 …": indented
      {75, "第二部分武汉市东西湖区大数据中心"},
      {97, "第三部分武汉市东西湖区大数据中心"},
      {573, "第四部分2021年重点工作完成情况"},
      {782, "第五部分名词解释"},
      {922, "第六部分附件"},
  };
  int k = 0;
  for (int i = 0; i < n->n_sections; i++) {
    const Section *s = &n->sections[i];
    if (s->level != 1)
      continue;
    assert_in_range(k, 0, 5);
    assert_int_equal(s->line, parts[k].line);
    assert_string_equal(s->title, parts[k].title);
    k++;
  }
  assert_int_equal(k, 6);
  // Each part ends where the next one starts; the last at the end.
  const Section *last = titled(n, "第六部分附件");
  assert_int_equal(last->end, n->norm.len);
  assert_int_equal(titled(n, parts[0].title)->end,
                   titled(n, parts[1].title)->start);
  assert_int_equal(titled(n, parts[0].title)->start, 0);
  // 6 parts, 25 一、, 36 （一）, 45 1., 2 （1） (114 headings in all).
  assert_int_equal(n->n_sections, 114);
}

static void test_narrative_seed_expenditure_section(void **state) {
  Fixture *f = *state;
  Narrative *n = build_seed(f);
  int k = find_section(f, "三、支出决算情况说明");
  assert_true(k >= 0);
  const Section *s = &n->sections[k];
  assert_int_equal(s->level, 2);
  assert_int_equal(s->line, 123);
  assert_string_equal(s->title, "三、支出决算情况说明");
  // Its start maps back to the first byte of line 123.
  uint32_t off, len;
  src_line(f->src, 123, &off, &len);
  assert_int_equal(narrative_orig(n, s->start), off);
  // It runs to the next heading of level <= 2: 四、 on line 133.
  const Section *next = &n->sections[k + 1];
  assert_int_equal(next->line, 133);
  assert_int_equal(s->end, next->start);
  const char *body = "三、支出决算情况说明2021年度支出合计1118.78万元。";
  assert_memory_equal(n->norm.text + s->start, body, strlen(body));
  // The claim of language.md, searched in this section only.
  const char *pat = "年度支出合计{合计}万元。其中:基本支出{基本}万元,"
                    "占本年支出{基本占比}%;项目支出{项目}万元,"
                    "占本年支出{项目占比}%";
  const char *err;
  uint32_t at;
  Pattern *p = pattern_compile(&f->a, pat, (uint32_t)strlen(pat), &err, &at);
  assert_non_null(p);
  Match m;
  assert_true(match_find(p, n->norm.text, s->start, s->end, &m));
  assert_memory_equal(n->norm.text + m.hole_start[4], "52.7", 4);
  uint32_t line, col;
  src_linecol(f->src, narrative_orig(n, m.hole_start[4]), &line, &col);
  assert_int_equal(line, 129);
  assert_int_equal(col, 12); // after "占本年支出 " (5 × 2 + 1 columns)
  // Not in the section before it.
  const Section *prev = &n->sections[k - 1];
  assert_false(match_find(p, n->norm.text, prev->start, prev->end, &m));
}

static void test_narrative_seed_procurement_section(void **state) {
  Fixture *f = *state;
  Narrative *n = build_seed(f);
  int k = find_section(f, "政府采购");
  assert_true(k >= 0);
  assert_string_equal(n->sections[k].title, "十一、政府采购支出情况");
  assert_int_equal(n->sections[k].line, 337);
  assert_int_equal(n->sections[k].level, 2);
  assert_int_equal(n->sections[k].end,
                   titled(n, "十二、国有资产占用情况")->start);
  // The query is normalised like the text: spaces and full-width forms.
  assert_int_equal(find_section(f, "十一、政府 采购"), k);
  assert_int_equal(find_section(f, "（三）财政拨款支出决算具体情况"),
                   on_line(n, 169));
  // The first section whose title contains the query: the 三公 section
  // itself, not one of its subsections.
  assert_int_equal(find_section(f, "“三公”"), on_line(n, 263));
  assert_int_equal(find_section(f, "名词解释说明"), -1);
}

/* The seed's nested headings and where each section ends. */
static void test_narrative_seed_nesting(void **state) {
  Narrative *n = build_seed(*state);
  const Section *s169 = &n->sections[on_line(n, 169)];
  assert_int_equal(s169->level, 3);
  assert_int_equal(s169->end, n->sections[on_line(n, 241)].start); // 六、
  const Section *s207 = &n->sections[on_line(n, 207)];
  assert_int_equal(s207->level, 4);
  assert_string_equal(s207->title,
                      "1.一般公共服务支出(类)。年初预算为1206.96万元,");
  assert_int_equal(s207->end, n->sections[on_line(n, 217)].start);
  // （1） under 2. under （二） under 七、
  const Section *s289 = &n->sections[on_line(n, 289)];
  assert_int_equal(s289->level, 5);
  assert_string_equal(s289->title, "(1)公务用车购置费0万元。");
  assert_int_equal(s289->end, n->sections[on_line(n, 291)].start);
  assert_int_equal(n->sections[on_line(n, 291)].end,
                   n->sections[on_line(n, 305)].start);
  // A heading's title is its first line only.
  assert_string_equal(n->sections[on_line(n, 263)].title,
                      "七、一般公共预算财政拨款“三公”经费支出决算情况");
}

/* Lines of the seed that a PDF wrapped, starting with a figure: none of
 * them is a heading. */
static void test_narrative_seed_wrapped_lines_are_not_headings(void **state) {
  Narrative *n = build_seed(*state);
  assert_int_equal(on_line(n, 101) >= 0, 1); // 一、收入支出决算总体情况说明
  assert_int_equal(on_line(n, 103), -1);     // "2021 年度收、支总计…"
  assert_int_equal(on_line(n, 139), -1);     // "21.99%，主要是…"
  assert_int_equal(on_line(n, 175), -1);     // "1296.70 万元，…"
  assert_int_equal(on_line(n, 177), -1);     // "86.3%。其中：…"
  assert_int_equal(on_line(n, 299), -1);     // "0.63 万元；…"
  assert_int_equal(on_line(n, 715), -1);     // "1" (a table cell)
  assert_int_equal(on_line(n, 387) >= 0, 1); // "1. 预算项目…" (space)
}

/* Every heading form, and look-alikes that are prose. */
static void test_narrative_heading_forms(void **state) {
  static const struct {
    const char *line;
    int level; // 0 = not a heading
  } lines[] = {
      {"\xEF\xBB\xBF第一部分 概况\r", 1}, // BOM, CRLF
      {"一、部门职能", 2},
      {"（一）贯彻执行", 3},
      {"(二)负责协调", 3},
      {"（三)混合括号", 3},
      {"1.一般公共服务支出(类)。", 4},
      {"２．全角数字", 4},
      {"3、顿号", 4},
      {"1. 预算项目采购", 4},
      {"（1）公务用车", 5},
      {"(12)运行费", 5},
      {"\u3000\u3000十二、国有资产", 2},
      {"  (十三)缩进", 3},
      {"第十一部分 附件", 1},
      {"2021 年度支出合计", 0},
      {"21.99%，主要是", 0},
      {"1296.70 万元", 0},
      {"12.", 0},
      {"123.三位数", 0},
      {"1.2020", 0},
      {"一二三四、太长", 0},
      {"（一二三四）太长", 0},
      {"二是项目启动延迟", 0},
      {"第三章 不是部分", 0},
      {"(a)字母", 0},
      {"（1", 0},
      {"图 1：收、支决算总计变动情况", 0},
  };
  char text[2048] = "";
  size_t n_lines = sizeof lines / sizeof lines[0];
  for (size_t i = 0; i < n_lines; i++) {
    strcat(text, lines[i].line);
    strcat(text, "\n");
  }
  Narrative *n = build(*state, text);
  for (size_t i = 0; i < n_lines; i++) {
    int k = on_line(n, (uint32_t)i + 1);
    int level = k < 0 ? 0 : n->sections[k].level;
    if (level != lines[i].level)
      fail_msg("line %zu \"%s\": level %d, expected %d", i + 1,
               lines[i].line, level, lines[i].level);
  }
  // Titles are normalised; the indent and the BOM are not part of them.
  assert_string_equal(n->sections[0].title, "第一部分概况");
  assert_string_equal(n->sections[on_line(n, 7)].title, "2.全角数字");
  assert_string_equal(n->sections[on_line(n, 12)].title, "十二、国有资产");
  // The start maps to the heading's first character, past the indent.
  assert_int_equal(narrative_orig(n, n->sections[on_line(n, 12)].start),
                   strstr(text, "十二、") - text);
}

/* Where each section of a small outline ends. */
/* Lookups are remembered per narrative, keyed by the title's text: asking
 * again gives the same answer, a title that extends a remembered one (or a
 * prefix of it) is looked up on its own, and a caller's buffer reused for
 * another title does not alias the remembered one. */
static void test_narrative_section_lookups_are_remembered(void **state) {
  Fixture *f = *state;
  Narrative *n = build(f, "一、收入情况\n正文\n二、收入支出情况\n正文\n"
                          "三、支出情况\n正文\n");
  int income = on_line(n, 1), both = on_line(n, 3), spend = on_line(n, 5);
  assert_int_equal(find_section(f, "收入支出"), both);
  assert_int_equal(find_section(f, "收入"), income);
  assert_int_equal(find_section(f, "支出情况"), both);
  assert_int_equal(find_section(f, "收入支出"), both);
  char buf[32];
  strcpy(buf, "三、支出");
  assert_int_equal(find_section(f, buf), spend);
  strcpy(buf, "二、收入");
  assert_int_equal(find_section(f, buf), both);
  assert_int_equal(find_section(f, "三、支出"), spend);
  assert_int_equal(find_section(f, "四、"), -1);
  assert_int_equal(find_section(f, "四、"), -1);
}

/* A title is found anywhere in a heading, also after a false start on its
 * first byte (财 of 财务 before 财政, 收 of 收入 before 收支) and at the very
 * end of the heading; a title longer than any heading is found nowhere.
 * Headings, their titles and their starts are mapped through blank lines
 * and full-width forms (the normalised start is where the heading's own
 * bytes begin). */
static void test_narrative_title_search_and_offsets(void **state) {
  Fixture *f = *state;
  Narrative *n = build(f, "  前言\n\n一、财务与财政拨款收入收支情况\n正文\n"
                          "\u3000（二）收入\n正文\n");
  int both = on_line(n, 3), second = on_line(n, 5);
  assert_int_equal(find_section(f, "财政拨款"), both);
  assert_int_equal(find_section(f, "收支情况"), both);
  assert_int_equal(find_section(f, "况"), both);
  assert_int_equal(find_section(f, "(二)收入"), second);
  assert_int_equal(find_section(f, "一、财务与财政拨款收入收支情况正文"), -1);
  // "前言" 0-5, "一、…" starts at normalised byte 6; the second heading
  // at the byte after "正文".
  const Section *a = &n->sections[both], *b = &n->sections[second];
  assert_int_equal(a->start, 6);
  assert_string_equal(a->title, "一、财务与财政拨款收入收支情况");
  assert_int_equal(a->title_len, strlen(a->title));
  assert_int_equal(b->start, a->start + a->title_len + 6);
  assert_string_equal(b->title, "(二)收入");
  // （二） lies inside 一、: both run to the end of the text.
  assert_int_equal(a->end, n->norm.len);
  assert_int_equal(b->end, n->norm.len);
}

static void test_narrative_section_ends(void **state) {
  Narrative *n = build(*state, "第一部分 A\n一、B\n（一）C\n1.D\n（1）E\n"
                               "2.F\n（二）G\n二、H\n第二部分 I\n正文\n");
  assert_int_equal(n->n_sections, 9);
  static const struct {
    const char *title;
    const char *ends_at; // NULL: the end of the text
  } ends[] = {
      {"第一部分A", "第二部分I"}, {"一、B", "二、H"},  {"(一)C", "(二)G"},
      {"1.D", "2.F"},             {"(1)E", "2.F"},     {"2.F", "(二)G"},
      {"(二)G", "二、H"},         {"二、H", "第二部分I"}, {"第二部分I", NULL},
  };
  for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
    const Section *s = titled(n, ends[i].title);
    uint32_t want = ends[i].ends_at ? titled(n, ends[i].ends_at)->start
                                    : n->norm.len;
    if (s->end != want)
      fail_msg("%s ends at %u, expected %u", ends[i].title, s->end, want);
  }
  assert_string_equal(n->norm.text + titled(n, "第二部分I")->start,
                      "第二部分I正文");
}

/* An outline longer than the first block of sections (it grows in the
 * arena as it is read) and longer than NARRATIVE_MAX_SECTIONS (cut off
 * there): every heading keeps its line, level, title and ends where the
 * next begins (fails if growing loses or shifts the headings already read,
 * or if the cut is off by one). */
static void test_narrative_long_outline(void **state) {
  enum { HEADINGS = NARRATIVE_MAX_SECTIONS + 5 };
  static const char part[] = "十、甲\n正文\n（1）乙\n";
  size_t plen = strlen(part);
  char *text = test_malloc(plen * HEADINGS / 2 + 1);
  for (int i = 0; i < HEADINGS / 2; i++)
    memcpy(text + plen * (size_t)i, part, plen);
  text[plen * (HEADINGS / 2)] = '\0';
  Narrative *n = build(*state, text);
  test_free(text);
  assert_int_equal(n->n_sections, NARRATIVE_MAX_SECTIONS);
  for (int i = 0; i < n->n_sections; i++) {
    const Section *sec = &n->sections[i];
    bool even = i % 2 == 0;
    // Pairs of headings every three lines: 十、甲 on 1, 4, 7 …, （1）乙 on
    // 3, 6, 9 …; 十、甲正文 is 15 normalised bytes, (1)乙 6.
    uint32_t line = (uint32_t)(i / 2) * 3 + (even ? 1 : 3);
    uint32_t start = (uint32_t)(i / 2) * 21 + (even ? 0 : 15);
    if (sec->line != line || sec->level != (even ? 2 : 5) ||
        sec->start != start ||
        strcmp(sec->title, even ? "十、甲" : "(1)乙") != 0)
      fail_msg("section %d: line %u level %d start %u title %s", i,
               sec->line, sec->level, sec->start, sec->title);
    // 十、甲 runs to the next 十、甲, （1）乙 to the next heading; past the
    // cut, to the end of the text.
    int next = even ? i + 2 : i + 1;
    uint32_t end = next >= n->n_sections ? n->norm.len
                   : even                ? start + 21
                                         : start + 6;
    if (sec->end != end)
      fail_msg("section %d ends at %u, expected %u", i, sec->end, end);
  }
}

static void test_narrative_text_without_headings(void **state) {
  Fixture *f = *state;
  Narrative *n = build(f, "本部门没有政府性基金预算财政拨款收入，也没有使用\n\n"
                          "政府性基金预算财政拨款安排的支出。\n");
  assert_int_equal(n->n_sections, 0);
  assert_string_equal(n->norm.text, "本部门没有政府性基金预算财政拨款收入,"
                                    "也没有使用政府性基金预算财政拨款安排的"
                                    "支出。");
  assert_int_equal(find_section(f, "支出"), -1);
  assert_ptr_equal(n->src, f->src);
}

static void test_narrative_empty_text(void **state) {
  Fixture *f = *state;
  Narrative *n = build(f, "");
  assert_int_equal(n->n_sections, 0);
  assert_int_equal(n->norm.len, 0);
  assert_string_equal(n->norm.text, "");
  assert_int_equal(narrative_orig(n, 0), 0);
  assert_int_equal(find_section(f, "一、"), -1);
  assert_int_equal(find_section(f, ""), -1);
}

/* A lookup turns a heading away without reading it when a byte of the
 * title (low six bits) is missing from it.  Here the Z of 附表Z (bit 26)
 * and the ~ of 第二部分~ (bit 62) occur nowhere else in a heading, and
 * stand at its end; 甲乙 and 乙甲 have the same bytes, so only contains()
 * tells them apart; the second round reads the bits the first stored
 * (fails if a heading's bits leave out its last byte, are taken from
 * another heading or made to depend on the first query, or if passing
 * the bit test is taken for a match). */
static void test_narrative_title_bits_filter(void **state) {
  Fixture *f = *state;
  Narrative *n = build(f, "第一部分 甲乙\n正文\n一、附表Z\n正文\n"
                          "二、乙甲\n正文\n第二部分~\n正文\n");
  int part1 = on_line(n, 1), table = on_line(n, 3), back = on_line(n, 5),
      part2 = on_line(n, 7);
  // The second round spells each query differently (full-width, a
  // space), so it misses the cache and reads the bits the first stored.
  static const char *const queries[2][7] = {
      {"Z", "表Z", "~", "甲乙", "乙甲", "甲乙甲", "Y"},
      {"Ｚ", "表 Ｚ", "～", "甲 乙", "乙 甲", "甲乙 甲", "Ｙ"},
  };
  int want[7] = {table, table, part2, part1, back, -1, -1};
  for (int round = 0; round < 2; round++)
    for (int k = 0; k < 7; k++)
      if (find_section(f, queries[round][k]) != want[k])
        fail_msg("round %d: `%s` found %d, expected %d", round,
                 queries[round][k], find_section(f, queries[round][k]),
                 want[k]);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_narrative_seed_has_six_parts,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_narrative_seed_expenditure_section,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_narrative_seed_procurement_section,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_narrative_seed_nesting, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(
          test_narrative_seed_wrapped_lines_are_not_headings, setup, teardown),
      cmocka_unit_test_setup_teardown(test_narrative_heading_forms, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(
          test_narrative_title_search_and_offsets, setup, teardown),
      cmocka_unit_test_setup_teardown(test_narrative_section_ends, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_narrative_title_bits_filter,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(
          test_narrative_section_lookups_are_remembered, setup, teardown),
      cmocka_unit_test_setup_teardown(test_narrative_long_outline, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_narrative_text_without_headings,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_narrative_empty_text, setup,
                                      teardown),
  };
  if (argc > 1)
    cmocka_set_test_filter(argv[1]);
  return cmocka_run_group_tests(tests, NULL, NULL);
}
