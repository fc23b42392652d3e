/* tests/unit/test_diag.c -- rendered diagnostics (lang/diag.c).
 *
 * Every test compares the whole rendered text, caret rows included (jq's
 * %%FAIL blocks).  The source lines mix a tab, fullwidth and CJK characters
 * (2 columns), a combining mark (0), ambiguous characters such as “ and ·
 * (1), invalid bytes and controls (1): the caret must land under the right
 * character in a terminal.  Column arithmetic is spelled out in comments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "lang/arena.h"
#include "lang/buf.h"
#include "lang/diag.h"

#define PATH "rules/2021/三公.fisc"
// The lexer's message for a fullwidth opening parenthesis (style.md E4).
#define FW_PAREN "fullwidth `（` (U+FF08) is not valid here"

/* Fixture: a capturing sink (colour off, as style.md E9 requires for
 * tests), an arena for expected strings, and the Src under test. */
typedef struct Fixture {
  Diags d;
  Arena a;
  Src *src;
} Fixture;

static int setup(void **state) {
  Fixture *f = test_calloc(1, sizeof *f);
  diag_init(&f->d);
  arena_init(&f->a);
  *state = f;
  return 0;
}

static int teardown(void **state) {
  Fixture *f = *state;
  src_free(f->src);
  arena_free(&f->a);
  diag_free(&f->d);
  test_free(f);
  return 0;
}

/* Makes the fixture's Src (path PATH) from the NUL-terminated [text]. */
static Src *load(Fixture *f, const char *text) {
  f->src = src_from_string(PATH, text, strlen(text));
  return f->src;
}

/* Returns the span of the first occurrence of [needle] in [s]. */
static Span find(Src *s, const char *needle) {
  const char *p = strstr(s->bytes, needle);
  assert_non_null(p);
  Span sp = {(uint32_t)(p - s->bytes), (uint32_t)strlen(needle)};
  return sp;
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

static void test_diag_fullwidth_paren_caret_counts_display_columns(
    void **state) {
  Fixture *f = *state;
  Src *s = load(f, "# 2021 三公经费\n"
                   "table 三公 {\n"
                   "  合计: 万元\n"
                   "}\n"
                   "\n"
                   "rule 三公合计 {\n"
                   "  assert 合计（一般公共预算） > 0\n"
                   "}\n");
  // "  assert " is 9 columns and 合计 4 more: （ (byte 15 of the line) is
  // at display column 14.
  diag_error(&f->d, s, find(s, "（"), FW_PAREN);
  diag_help(&f->d, "use ASCII `(` instead");
  assert_string_equal(
      f->d.out.s,
      PATH ":7:14: error: fullwidth `（` (U+FF08) is not valid here\n"
           "    7 |   assert 合计（一般公共预算） > 0\n"
           "      |              ^~\n"
           "      = help: use ASCII `(` instead\n");
  assert_int_equal(f->d.n_errors, 1);
}

static void test_diag_caret_after_tab_mark_and_ambiguous(void **state) {
  Fixture *f = *state;
  Src *s = load(f, "rule 甲 {\n"
                   "\tassert 合计\t== “e\u0301”·（x）\n"
                   "}\n");
  // tab 0..8, "assert " 8..15, 合计 15..19, tab 19..24, "== " 24..27,
  // “ 27, e 28 (+ U+0301, no column), ” 29, · 30, （ 31..33, x 33.
  diag_error(&f->d, s, find(s, "（x"), "unexpected `（x`");
  assert_string_equal(
      f->d.out.s,
      PATH ":2:32: error: unexpected `（x`\n"
           "    2 |         assert 合计     == “e\u0301”·（x）\n"
           "      |                                ^~~\n");
}

static void test_diag_invalid_byte_and_control_take_one_column(void **state) {
  Fixture *f = *state;
  // 金额 0..4, \xff 4 (drawn U+FFFD), \x01 5 (drawn ␁), = 6.
  Src *s = load(f, "金额\xff\x01= 1\n");
  diag_error(&f->d, s, find(s, "="), "expected `:` before `=`");
  assert_string_equal(f->d.out.s, PATH ":1:7: error: expected `:` before `=`\n"
                                       "    1 | 金额\uFFFD␁= 1\n"
                                       "      |       ^\n");
}

static void test_diag_crlf_line_endings(void **state) {
  Fixture *f = *state;
  // The "\r" must neither show (as ␍) nor count.
  Src *s = load(f, "rule 甲 {\r\n  x = 合计\r\n}\r\n");
  diag_error(&f->d, s, find(s, "合计"), "unknown name `合计`");
  assert_string_equal(f->d.out.s, PATH ":2:7: error: unknown name `合计`\n"
                                       "    2 |   x = 合计\n"
                                       "      |       ^~~~\n");
}

static void test_diag_last_line_without_newline(void **state) {
  Fixture *f = *state;
  Src *s = load(f, "a\nb = 1（");
  diag_error(&f->d, s, find(s, "（"), FW_PAREN);
  assert_string_equal(
      f->d.out.s,
      PATH ":2:6: error: fullwidth `（` (U+FF08) is not valid here\n"
           "    2 | b = 1（\n"
           "      |      ^~\n");
}

static void test_diag_empty_file(void **state) {
  Fixture *f = *state;
  Src *s = load(f, "");
  Span at = {0, 0};
  diag_error(&f->d, s, at, "no rules in file");
  // The empty line gets no trailing blank after the bar.
  assert_string_equal(f->d.out.s, PATH ":1:1: error: no rules in file\n"
                                       "    1 |\n"
                                       "      | ^\n");
}

static void test_diag_span_at_end_of_input(void **state) {
  Fixture *f = *state;
  Src *s = load(f, "rule 甲 {\n  assert (合计 >\n");
  // "  assert (" 10 columns, 合计 14, " >" 16: the caret goes just after.
  Span eof = {(uint32_t)s->len, 0};
  diag_error(&f->d, s, eof, "expected expression, found end of input");
  assert_string_equal(
      f->d.out.s,
      PATH ":2:17: error: expected expression, found end of input\n"
           "    2 |   assert (合计 >\n"
           "      |                 ^\n");
}

static void test_diag_multiline_span_underlines_first_line(void **state) {
  Fixture *f = *state;
  Src *s = load(f, "  f(合计,\n    x)\n");
  // f(合计, is 1 + 1 + 4 + 1 = 7 columns.
  Span call = {2, (uint32_t)s->len - 3};
  diag_error(&f->d, s, call, "`f` takes 1 argument, 2 given");
  assert_string_equal(f->d.out.s,
                      PATH ":1:3: error: `f` takes 1 argument, 2 given\n"
                           "    1 |   f(合计,\n"
                           "      |   ^~~~~~~\n");
}

static void test_diag_span_on_tab_underlines_its_width(void **state) {
  Fixture *f = *state;
  Src *s = load(f, "ab\tc\n");
  diag_error(&f->d, s, find(s, "\t"), "tab in a table name");
  // The tab runs from column 2 to 8: six columns.
  assert_string_equal(f->d.out.s, PATH ":1:3: error: tab in a table name\n"
                                       "    1 | ab      c\n"
                                       "      |   ^~~~~~\n");
}

static void test_diag_zero_width_span_gets_one_caret(void **state) {
  Fixture *f = *state;
  Src *s = load(f, "e\u0301x\n");
  diag_error(&f->d, s, find(s, "\u0301"), "combining mark in an identifier");
  assert_string_equal(f->d.out.s,
                      PATH ":1:2: error: combining mark in an identifier\n"
                           "    1 | e\u0301x\n"
                           "      |  ^\n");
}

static void test_diag_bidi_control_is_not_printed(void **state) {
  Fixture *f = *state;
  // U+202E would reverse the rest of the terminal line; it is left out of
  // the excerpt and takes no column.
  Src *s = load(f, "x = \u202E合计\n");
  diag_error(&f->d, s, find(s, "合计"), "unknown name `合计`");
  assert_string_equal(f->d.out.s, PATH ":1:5: error: unknown name `合计`\n"
                                       "    1 | x = 合计\n"
                                       "      |     ^~~~\n");
}

static void test_diag_without_src_has_no_excerpt(void **state) {
  Fixture *f = *state;
  Span none = {0, 0};
  diag_error(&f->d, NULL, none, "cannot read `%s`: %s", "规则.fisc",
             "no such file or directory");
  diag_help(&f->d, "run from the folder that holds `rules/`");
  assert_string_equal(
      f->d.out.s,
      "fisc: error: cannot read `规则.fisc`: no such file or directory\n"
      "      = help: run from the folder that holds `rules/`\n");
}

static void test_diag_warning_and_note_levels(void **state) {
  Fixture *f = *state;
  Src *s = load(f, "rule 甲 {\n  let 合计 = 1\n  assert 1 > 0\n}\n");
  diag_warning(&f->d, s, find(s, "合计"), "unused binding `合计`");
  diag_emit(&f->d, DIAG_NOTE, s, find(s, "rule"), "in rule `甲`");
  diag_note(&f->d, "bindings starting with `_` are not reported");
  assert_string_equal(
      f->d.out.s,
      PATH ":2:7: warning: unused binding `合计`\n"
           "    2 |   let 合计 = 1\n"
           "      |       ^~~~\n" PATH ":1:1: note: in rule `甲`\n"
           "    1 | rule 甲 {\n"
           "      | ^~~~\n"
           "      = note: bindings starting with `_` are not reported\n");
  assert_int_equal(f->d.n_warnings, 1);
  assert_int_equal(f->d.n_errors, 0);
}

/* The block one capped error renders, for error number [i]. */
static void add_cap_block(Buf *b, int i) {
  buf_printf(b, PATH ":2:14: error: error %d\n", i);
  buf_puts(b, "    2 |   assert 合计（0\n"
              "      |              ^~\n"
              "      = help: use ASCII `(` instead\n");
}

static void test_diag_error_cap_stops_after_20(void **state) {
  Fixture *f = *state;
  Src *s = load(f, "rule 甲 {\n  assert 合计（0\n}\n");
  for (int i = 1; i <= 21; i++) {
    diag_error(&f->d, s, find(s, "（"), "error %d", i);
    diag_help(&f->d, "use ASCII `(` instead");
  }
  diag_warning(&f->d, s, find(s, "rule"), "after the cap");
  diag_note(&f->d, "after the cap");
  diag_emit(&f->d, DIAG_NOTE, NULL, find(s, "rule"), "after the cap");
  diag_error(&f->d, NULL, find(s, "rule"), "error 22");

  Buf want;
  buf_init(&want);
  for (int i = 1; i <= 20; i++)
    add_cap_block(&want, i);
  buf_puts(&want, "fisc: note: too many errors, stopping\n");
  assert_string_equal(f->d.out.s, want.s);
  buf_free(&want);
  assert_int_equal(f->d.n_errors, 22); // dropped errors still count
  assert_int_equal(f->d.n_warnings, 1);
  assert_true(f->d.stopped);
}

static void test_diag_help_after_dropped_error_is_dropped(void **state) {
  Fixture *f = *state;
  f->d.max_errors = 1;
  Span none = {0, 0};
  diag_error(&f->d, NULL, none, "first");
  diag_help(&f->d, "shown");
  diag_error(&f->d, NULL, none, "second");
  assert_true(f->d.last_dropped);
  diag_help(&f->d, "dropped with `second`");
  diag_note(&f->d, "dropped with `second`");
  diag_error(&f->d, NULL, none, "third");
  assert_string_equal(f->d.out.s, "fisc: error: first\n"
                                  "      = help: shown\n"
                                  "fisc: note: too many errors, stopping\n");
  assert_int_equal(f->d.n_errors, 3);
}

static void test_diag_max_errors_zero_means_no_cap(void **state) {
  Fixture *f = *state;
  f->d.max_errors = 0;
  Span none = {0, 0};
  Buf want;
  buf_init(&want);
  for (int i = 1; i <= 25; i++) {
    diag_error(&f->d, NULL, none, "error %d", i);
    buf_printf(&want, "fisc: error: error %d\n", i);
  }
  assert_string_equal(f->d.out.s, want.s);
  buf_free(&want);
  assert_false(f->d.stopped);
}

/* Emits the same four diagnostics for the colour on/off tests. */
static void emit_four(Fixture *f) {
  Src *s = load(f, "rule 甲 {\n");
  Span none = {0, 0};
  f->d.max_errors = 1;
  diag_error(&f->d, s, find(s, "甲"), "unknown name `甲`");
  diag_help(&f->d, "declare it with `let`");
  diag_warning(&f->d, NULL, none, "no data files");
  diag_emit(&f->d, DIAG_NOTE, NULL, none, "checked 0 units");
  diag_error(&f->d, s, find(s, "rule"), "second error");
}

static void test_diag_color_wraps_level_words(void **state) {
  Fixture *f = *state;
  f->d.color = true;
  emit_four(f);
  assert_string_equal(
      f->d.out.s,
      PATH ":1:6: \033[1;31merror:\033[0m unknown name `甲`\n"
           "    1 | rule 甲 {\n"
           "      |      ^~\n"
           "      = \033[1;36mhelp:\033[0m declare it with `let`\n"
           "fisc: \033[1;35mwarning:\033[0m no data files\n"
           "fisc: \033[1;36mnote:\033[0m checked 0 units\n"
           "fisc: \033[1;36mnote:\033[0m too many errors, stopping\n");
}

static void test_diag_color_off_writes_no_escapes(void **state) {
  Fixture *f = *state;
  emit_four(f);
  assert_string_equal(f->d.out.s,
                      PATH ":1:6: error: unknown name `甲`\n"
                           "    1 | rule 甲 {\n"
                           "      |      ^~\n"
                           "      = help: declare it with `let`\n"
                           "fisc: warning: no data files\n"
                           "fisc: note: checked 0 units\n"
                           "fisc: note: too many errors, stopping\n");
  assert_null(strchr(f->d.out.s, '\033'));
}

static void test_diag_long_line_cut_after_caret(void **state) {
  Fixture *f = *state;
  // "   assert 合计" 14 columns, （ 14..16, then 数 from 16 on: 136 columns.
  // Shown: columns 0..99 and "…" (100 in all); the 42nd 数 sits on 98..100,
  // so its visible half becomes a blank.
  Src *s =
      load(f, arena_sprintf(&f->a, "   assert 合计（%s\n", rep(f, "数", 60)));
  diag_error(&f->d, s, find(s, "（"), FW_PAREN);
  const char *want = arena_sprintf(
      &f->a,
      PATH ":1:15: error: fullwidth `（` (U+FF08) is not valid here\n"
           "    1 |    assert 合计（%s …\n"
           "      |               ^~\n",
      rep(f, "数", 41));
  assert_string_equal(f->d.out.s, want);
}

static void test_diag_long_line_cut_on_both_sides(void **state) {
  Fixture *f = *state;
  // 数 x60 (0..120), x 120, ( 121, 数 x60 (122..242).  The caret keeps 40
  // columns of context: shown columns 81..179 between two "…".  The 数 on
  // 80..82 and the one on 178..180 are cut in half and shown as blanks.
  const char *sixty = rep(f, "数", 60);
  Src *s = load(f, arena_sprintf(&f->a, "%sx(%s\n", sixty, sixty));
  diag_error(&f->d, s, find(s, "("), "expected expression");
  const char *want = arena_sprintf(&f->a,
                                   PATH ":1:122: error: expected expression\n"
                                        "    1 | … %sx(%s …\n"
                                        "      | %s^\n",
                                   rep(f, "数", 19), rep(f, "数", 28),
                                   rep(f, " ", 41));
  assert_string_equal(f->d.out.s, want);
}

static void test_diag_long_line_cut_before_caret(void **state) {
  Fixture *f = *state;
  // 数 x70 (0..140), （ 140..142, x: 143 columns.  The tail fits after one
  // "…": shown columns 44..143, i.e. the last 48 数.
  Src *s = load(f, arena_sprintf(&f->a, "%s（x\n", rep(f, "数", 70)));
  diag_error(&f->d, s, find(s, "（"), FW_PAREN);
  const char *want = arena_sprintf(
      &f->a,
      PATH ":1:141: error: fullwidth `（` (U+FF08) is not valid here\n"
           "    1 | …%s（x\n"
           "      | %s^~\n",
      rep(f, "数", 48), rep(f, " ", 97));
  assert_string_equal(f->d.out.s, want);
}

static void test_diag_long_span_is_underlined_to_the_cut(void **state) {
  Fixture *f = *state;
  const char *a150 = rep(f, "a", 150);
  Src *s = load(f, a150);
  Span all = {0, 150};
  diag_error(&f->d, s, all, "name too long");
  const char *want = arena_sprintf(&f->a,
                                   PATH ":1:1: error: name too long\n"
                                        "    1 | %s…\n"
                                        "      | ^%s\n",
                                   rep(f, "a", 99), rep(f, "~", 98));
  assert_string_equal(f->d.out.s, want);
}

static void test_diag_gutter_widens_past_five_digits(void **state) {
  Fixture *f = *state;
  // 123455 newlines put "x（y" on line 123456 (six digits).
  Src *s = load(f, arena_sprintf(&f->a, "%sx（y", rep(f, "\n", 123455)));
  diag_error(&f->d, s, find(s, "（"), FW_PAREN);
  diag_help(&f->d, "use ASCII `(` instead");
  Span first = {0, 0};
  diag_error(&f->d, s, first, "empty line");
  diag_help(&f->d, "back to five");
  assert_string_equal(
      f->d.out.s,
      PATH ":123456:2: error: fullwidth `（` (U+FF08) is not valid here\n"
           "123456 | x（y\n"
           "       |  ^~\n"
           "       = help: use ASCII `(` instead\n" PATH
           ":1:1: error: empty line\n"
           "    1 |\n"
           "      | ^\n"
           "      = help: back to five\n");
}

static void test_diag_excerpt_draws_secondary_marks(void **state) {
  Fixture *f = *state;
  Src *s = load(f, "rule 甲 {\n  assert 合计（一般公共预算） > 0\n}\n");
  // 合计（一般公共预算）: 4 + 2 + 12 + 2 = 20 columns from column 9.
  Span sp = find(s, "合计（一般公共预算）");
  Buf b;
  buf_init(&b);
  diag_excerpt(&b, s, sp, '-');
  diag_excerpt(&b, s, sp, '^');
  assert_string_equal(b.s, "    2 |   assert 合计（一般公共预算） > 0\n"
                           "      |          --------------------\n"
                           "    2 |   assert 合计（一般公共预算） > 0\n"
                           "      |          ^~~~~~~~~~~~~~~~~~~~\n");
  buf_free(&b);
  assert_string_equal(f->d.out.s, ""); // no header, nothing in the sink
}

static void test_diag_where_gives_path_line_display_column(void **state) {
  Fixture *f = *state;
  Src *s = load(f, "rule 甲 {\n\t合计 = “x”\n");
  Buf b;
  buf_init(&b);
  // tab 0..8, 合计 8..12, " = " 12..15, “ 15: x at column 16 (1-based 17).
  diag_where(&b, s, find(s, "x").off);
  assert_string_equal(b.s, PATH ":2:17");
  buf_free(&b);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(
          test_diag_fullwidth_paren_caret_counts_display_columns, setup,
          teardown),
      cmocka_unit_test_setup_teardown(
          test_diag_caret_after_tab_mark_and_ambiguous, setup, teardown),
      cmocka_unit_test_setup_teardown(
          test_diag_invalid_byte_and_control_take_one_column, setup,
          teardown),
      cmocka_unit_test_setup_teardown(test_diag_crlf_line_endings, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_diag_last_line_without_newline,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_diag_empty_file, setup, teardown),
      cmocka_unit_test_setup_teardown(test_diag_span_at_end_of_input, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(
          test_diag_multiline_span_underlines_first_line, setup, teardown),
      cmocka_unit_test_setup_teardown(
          test_diag_span_on_tab_underlines_its_width, setup, teardown),
      cmocka_unit_test_setup_teardown(test_diag_zero_width_span_gets_one_caret,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_diag_bidi_control_is_not_printed,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_diag_without_src_has_no_excerpt,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_diag_warning_and_note_levels, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_diag_error_cap_stops_after_20,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(
          test_diag_help_after_dropped_error_is_dropped, setup, teardown),
      cmocka_unit_test_setup_teardown(test_diag_max_errors_zero_means_no_cap,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_diag_color_wraps_level_words, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_diag_color_off_writes_no_escapes,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_diag_long_line_cut_after_caret,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_diag_long_line_cut_on_both_sides,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_diag_long_line_cut_before_caret,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(
          test_diag_long_span_is_underlined_to_the_cut, setup, teardown),
      cmocka_unit_test_setup_teardown(
          test_diag_gutter_widens_past_five_digits, setup, teardown),
      cmocka_unit_test_setup_teardown(test_diag_excerpt_draws_secondary_marks,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(
          test_diag_where_gives_path_line_display_column, setup, teardown),
  };
  if (argc > 1)
    cmocka_set_test_filter(argv[1]);
  return cmocka_run_group_tests(tests, NULL, NULL);
}
