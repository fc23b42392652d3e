/* tests/unit/test_src.c -- reading sources and mapping offsets to lines and
 * display columns (lang/src.c).
 *
 * Files are written to a fresh directory under /tmp made by the fixture.
 * Columns are display columns, counted by hand in the comments: a tab runs
 * to the next multiple of 8, CJK is 2 wide, marks 0, ambiguous 1. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "lang/src.h"

/* Fixture: a scratch directory, at most one file in it, and the Src under
 * test (freed by teardown). */
typedef struct Fixture {
  char dir[64];
  char file[128];
  Src *src;
} Fixture;

static int setup(void **state) {
  Fixture *f = test_calloc(1, sizeof *f);
  snprintf(f->dir, sizeof f->dir, "/tmp/fisc_test_src.XXXXXX");
  if (!mkdtemp(f->dir))
    return -1;
  *state = f;
  return 0;
}

static int teardown(void **state) {
  Fixture *f = *state;
  src_free(f->src);
  if (f->file[0])
    unlink(f->file);
  rmdir(f->dir);
  test_free(f);
  return 0;
}

/* Writes [n] bytes of [text] to <dir>/[name] and returns its path. */
static const char *write_file(Fixture *f, const char *name, const char *text,
                              size_t n) {
  snprintf(f->file, sizeof f->file, "%s/%s", f->dir, name);
  FILE *fp = fopen(f->file, "wb");
  assert_non_null(fp);
  assert_int_equal(fwrite(text, 1, n, fp), n);
  assert_int_equal(fclose(fp), 0);
  return f->file;
}

/* Makes the fixture's Src from a string literal. */
static Src *text(Fixture *f, const char *s) {
  f->src = src_from_string("t.fisc", s, strlen(s));
  return f->src;
}

/* Asserts that byte [off] of [s] is at [line]:[col]. */
static void check_at(Src *s, uint32_t off, uint32_t line, uint32_t col) {
  uint32_t l;
  uint32_t c;
  src_linecol(s, off, &l, &c);
  assert_int_equal(l, line);
  assert_int_equal(c, col);
}

/* Asserts that line [line] of [s] is the byte range [off, off+len). */
static void check_line(Src *s, uint32_t line, uint32_t off, uint32_t len) {
  uint32_t o;
  uint32_t n;
  src_line(s, line, &o, &n);
  assert_int_equal(o, off);
  assert_int_equal(n, len);
}

static void test_src_read_file_keeps_bytes_and_path(void **state) {
  Fixture *f = *state;
  const char *body = "rule 三公 {\r\n  assert 合计 > 0\r\n}";
  const char *path = write_file(f, "三公.fisc", body, strlen(body));
  char why[128] = "";
  f->src = src_read_file(path, why, sizeof why);
  assert_non_null(f->src);
  assert_string_equal(why, "");
  assert_string_equal(f->src->path, path);
  assert_int_equal(f->src->len, strlen(body));
  assert_memory_equal(f->src->bytes, body, strlen(body) + 1); // NUL too
}

static void test_src_read_file_empty(void **state) {
  Fixture *f = *state;
  const char *path = write_file(f, "empty.fisc", "", 0);
  char why[128] = "";
  f->src = src_read_file(path, why, sizeof why);
  assert_non_null(f->src);
  assert_int_equal(f->src->len, 0);
  assert_string_equal(f->src->bytes, "");
  check_line(f->src, 1, 0, 0);
  check_at(f->src, 0, 1, 1);
  assert_int_equal(f->src->n_lines, 1);
}

static void test_src_read_file_missing_says_why(void **state) {
  Fixture *f = *state;
  char path[160];
  snprintf(path, sizeof path, "%s/无此文件.fisc", f->dir);
  char why[128] = "";
  assert_null(src_read_file(path, why, sizeof why));
  assert_string_equal(why, "no such file or directory");
}

static void test_src_read_file_directory_says_why(void **state) {
  Fixture *f = *state;
  char why[128] = "";
  assert_null(src_read_file(f->dir, why, sizeof why));
  assert_string_equal(why, "is a directory");
}

static void test_src_read_file_through_a_file_says_why(void **state) {
  Fixture *f = *state;
  write_file(f, "plain", "x", 1);
  char path[160];
  snprintf(path, sizeof path, "%s/x.fisc", f->file);
  char why[128] = "";
  assert_null(src_read_file(path, why, sizeof why));
  assert_string_equal(why, "not a directory");
}

static void test_src_from_string_copies_and_terminates(void **state) {
  Fixture *f = *state;
  char buf[] = "合计xyz";
  f->src = src_from_string("a.fisc", buf, 7); // 合计x
  buf[0] = 'Q';
  assert_int_equal(f->src->len, 7);
  assert_string_equal(f->src->bytes, "合计x");
}

static void test_src_line_table_is_built_lazily(void **state) {
  Src *s = text(*state, "a\nb\n");
  assert_null(s->lines);
  check_line(s, 2, 2, 1);
  assert_non_null(s->lines);
  assert_int_equal(s->n_lines, 2); // the final "\n" opens no third line
}

static void test_src_line_strips_crlf(void **state) {
  Src *s = text(*state, "ab\r\n合计\r\n\r\nz");
  check_line(s, 1, 0, 2);
  check_line(s, 2, 4, 6); // 合计: six bytes, no "\r"
  check_line(s, 3, 12, 0);
  check_line(s, 4, 14, 1); // last line, no newline
  check_line(s, 5, 15, 0); // past the end: empty range at the end
  check_line(s, 0, 15, 0);
}

static void test_src_line_lone_cr_is_not_a_break(void **state) {
  Src *s = text(*state, "a\rb\r");
  check_line(s, 1, 0, 4); // both "\r" stay in the line's text
  assert_int_equal(s->n_lines, 1);
}

static void test_src_linecol_counts_display_columns(void **state) {
  // "  assert 合计（" : 2 + 6 + 1 = 9 columns, 合计 4 more: （ is at
  // byte 15, display column 14 (1-based).
  Src *s = text(*state, "x\n  assert 合计（一般公共预算） > 0\n");
  check_at(s, 0, 1, 1);
  check_at(s, 2, 2, 1);
  check_at(s, 2 + 15, 2, 14);
  check_at(s, 2 + 18, 2, 16); // 一
}

static void test_src_linecol_expands_tabs(void **state) {
  // "\t合\tx": tab 0..8, 合 8..10, tab 10..16, x at 16.
  Src *s = text(*state, "\t合\tx");
  check_at(s, 0, 1, 1);
  check_at(s, 1, 1, 9);
  check_at(s, 4, 1, 11);
  check_at(s, 5, 1, 17);
}

static void test_src_linecol_marks_ambiguous_invalid_controls(void **state) {
  // “(1) e(1) U+0301(0) ”(1) \xff(1) \x01(1) ·(1) x
  Src *s = text(*state, "“e\u0301”\xff\x01·x");
  check_at(s, 3, 1, 2);  // e
  check_at(s, 6, 1, 3);  // ” (the mark took no column)
  check_at(s, 9, 1, 4);  // \xff
  check_at(s, 10, 1, 5); // \x01
  check_at(s, 11, 1, 6); // ·
  check_at(s, 13, 1, 7); // x
}

static void test_src_linecol_line_break_and_end(void **state) {
  Src *s = text(*state, "ab\r\ncd\n");
  check_at(s, 2, 1, 3); // "\r" sits just after the text
  check_at(s, 3, 1, 3); // so does "\n"
  check_at(s, 4, 2, 1);
  check_at(s, 7, 2, 3);   // end of input after the last "\n"
  check_at(s, 999, 2, 3); // past the end: clamped
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_src_read_file_keeps_bytes_and_path,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_src_read_file_empty, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_src_read_file_missing_says_why,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_src_read_file_directory_says_why,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(
          test_src_read_file_through_a_file_says_why, setup, teardown),
      cmocka_unit_test_setup_teardown(
          test_src_from_string_copies_and_terminates, setup, teardown),
      cmocka_unit_test_setup_teardown(test_src_line_table_is_built_lazily,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_src_line_strips_crlf, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_src_line_lone_cr_is_not_a_break,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_src_linecol_counts_display_columns,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_src_linecol_expands_tabs, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(
          test_src_linecol_marks_ambiguous_invalid_controls, setup, teardown),
      cmocka_unit_test_setup_teardown(test_src_linecol_line_break_and_end,
                                      setup, teardown),
  };
  if (argc > 1)
    cmocka_set_test_filter(argv[1]);
  return cmocka_run_group_tests(tests, NULL, NULL);
}
