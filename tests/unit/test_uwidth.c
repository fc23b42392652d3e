/* tests/unit/test_uwidth.c -- display widths and rendering (lang/uwidth.c).
 *
 * Each rule of style.md E5 has a test: East Asian wide/fullwidth = 2,
 * combining/format = 0, ambiguous = 1, invalid byte = 1 drawn as U+FFFD,
 * C0 control = 1 drawn as its Control Picture, tab to the next multiple of 8.
 * Expected widths are counted by hand in the comments, not read back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lang/buf.h"
#include "lang/uwidth.h"

/* Fixture: an output buffer for uwidth_render. */
static int setup(void **state) {
  Buf *b = test_malloc(sizeof *b);
  buf_init(b);
  *state = b;
  return 0;
}

static int teardown(void **state) {
  Buf *b = *state;
  buf_free(b);
  test_free(b);
  return 0;
}

/* Width of a NUL-terminated string from column 0. */
static uint32_t width(const char *s) { return uwidth_advance(s, strlen(s), 0); }

static void test_uwidth_ascii_is_one_column(void **state) {
  (void)state;
  assert_int_equal(width("assert"), 6);
  assert_int_equal(width(""), 0);
}

static void test_uwidth_cjk_and_fullwidth_are_two_columns(void **state) {
  (void)state;
  assert_int_equal(width("合计"), 4);
  assert_int_equal(width("（）：，；＝"), 12);
  assert_int_equal(width("　"), 2);  // U+3000 IDEOGRAPHIC SPACE (F)
  assert_int_equal(width("😀"), 2); // U+1F600, four UTF-8 bytes
  assert_int_equal(uwidth_cp(0x4E00), 2);
}

static void test_uwidth_marks_and_format_chars_are_zero(void **state) {
  (void)state;
  assert_int_equal(width("e\u0301"), 1); // Mn after a base letter
  assert_int_equal(uwidth_cp(0x0301), 0); // COMBINING ACUTE ACCENT, Mn
  assert_int_equal(uwidth_cp(0x20DD), 0); // COMBINING ENCLOSING CIRCLE, Me
  assert_int_equal(uwidth_cp(0x200D), 0); // ZERO WIDTH JOINER, Cf
  assert_int_equal(uwidth_cp(0xFEFF), 0); // BOM, Cf
  assert_int_equal(uwidth_cp(0x00AD), 0); // SOFT HYPHEN, Cf (utf8proc says 1)
}

static void test_uwidth_ambiguous_is_one_column(void **state) {
  (void)state;
  assert_int_equal(width("·"), 1); // U+00B7
  assert_int_equal(width("“合计”"), 6);
  assert_int_equal(width("…"), 1); // U+2026, the truncation mark
}

static void test_uwidth_tab_advances_to_next_multiple_of_8(void **state) {
  (void)state;
  assert_int_equal(width("\t"), 8);
  assert_int_equal(width("ab\t"), 8);
  assert_int_equal(width("1234567\t"), 8);
  assert_int_equal(width("12345678\t"), 16);
  assert_int_equal(width("合计\t"), 8);      // 4 columns, then to 8
  assert_int_equal(width("合计合计\t"), 16); // exactly 8, then to 16
  assert_int_equal(uwidth_advance("\t", 1, 7), 8);
  assert_int_equal(uwidth_advance("\t", 1, 8), 16);
}

static void test_uwidth_invalid_bytes_are_one_column_each(void **state) {
  (void)state;
  assert_int_equal(width("\xff"), 1);
  assert_int_equal(width("\x80"), 1);             // stray continuation
  assert_int_equal(width("\xe5\x90"), 2);         // 合 cut short
  assert_int_equal(width("\xc0\x80"), 2);         // overlong NUL
  assert_int_equal(width("\xe0\x80\x80"), 3);     // overlong NUL
  assert_int_equal(width("\xed\xa0\x80"), 3);     // surrogate U+D800
  assert_int_equal(width("\xf4\x90\x80\x80"), 4); // above U+10FFFF
  assert_int_equal(width("\xe5\x90" "a"), 3);     // resynchronises on `a`
  assert_int_equal(uwidth_cp(-1), 1);
}

static void test_uwidth_controls_are_one_column(void **state) {
  (void)state;
  assert_int_equal(width("\x01"), 1);
  assert_int_equal(width("\x1b"), 1);
  assert_int_equal(width("\x7f"), 1);
  assert_int_equal(width("\xc2\x9b"), 1); // U+009B, a C1 control
}

static void test_uwidth_decode_reports_length_and_code_point(void **state) {
  (void)state;
  int32_t cp;
  assert_int_equal(uwidth_decode("a", 1, &cp), 1);
  assert_int_equal(cp, 'a');
  assert_int_equal(uwidth_decode("合", 3, &cp), 3);
  assert_int_equal(cp, 0x5408);
  assert_int_equal(uwidth_decode("😀", 4, &cp), 4);
  assert_int_equal(cp, 0x1F600);
  assert_int_equal(uwidth_decode("合", 2, &cp), 1); // [n] cuts it short
  assert_int_equal(cp, -1);
  assert_int_equal(uwidth_decode("\xff", 1, &cp), 1);
  assert_int_equal(cp, -1);
  assert_int_equal(uwidth_decode("\xe5" "ab", 3, &cp), 1);
  assert_int_equal(cp, -1);
}

static void test_uwidth_render_expands_tabs(void **state) {
  Buf *b = *state;
  assert_int_equal(uwidth_render(b, "a\t合\tb", strlen("a\t合\tb"), 0), 17);
  // a(0) tab->8, 合 8..10, tab->16, b 16..17
  assert_string_equal(b->s, "a       合      b");
  buf_clear(b);
  assert_int_equal(uwidth_render(b, "\t", 1, 3), 8);
  assert_string_equal(b->s, "     ");
}

static void test_uwidth_render_draws_invalid_bytes_as_fffd(void **state) {
  Buf *b = *state;
  assert_int_equal(uwidth_render(b, "金\xff" "额\xe5\x90", 9, 0), 7);
  assert_string_equal(b->s, "金\uFFFD额\uFFFD\uFFFD");
}

static void test_uwidth_render_draws_controls_as_pictures(void **state) {
  Buf *b = *state;
  assert_int_equal(uwidth_render(b, "\x01\x1b\x7f\r\x00x", 6, 0), 6);
  assert_string_equal(b->s, "␁␛␡␍␀x");
  buf_clear(b);
  assert_int_equal(uwidth_render(b, "a\xc2\x9b" "b", 4, 0), 3);
  assert_string_equal(b->s, "a\uFFFDb");
}

static void test_uwidth_render_keeps_marks_and_ambiguous(void **state) {
  Buf *b = *state;
  const char *s = "“e\u0301”·（合计）";
  assert_int_equal(uwidth_render(b, s, strlen(s), 0), 12);
  assert_string_equal(b->s, s);
}

static void test_uwidth_render_drops_bidi_controls(void **state) {
  Buf *b = *state;
  // U+202E RIGHT-TO-LEFT OVERRIDE and U+2066 LEFT-TO-RIGHT ISOLATE: width 0,
  // and not printed, so the terminal cannot reorder the excerpt.
  const char *s = "a\u202E合\u2066b";
  assert_int_equal(width(s), 4);
  assert_int_equal(uwidth_render(b, s, strlen(s), 0), 4);
  assert_string_equal(b->s, "a合b");
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_uwidth_ascii_is_one_column, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(
          test_uwidth_cjk_and_fullwidth_are_two_columns, setup, teardown),
      cmocka_unit_test_setup_teardown(
          test_uwidth_marks_and_format_chars_are_zero, setup, teardown),
      cmocka_unit_test_setup_teardown(test_uwidth_ambiguous_is_one_column,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(
          test_uwidth_tab_advances_to_next_multiple_of_8, setup, teardown),
      cmocka_unit_test_setup_teardown(
          test_uwidth_invalid_bytes_are_one_column_each, setup, teardown),
      cmocka_unit_test_setup_teardown(test_uwidth_controls_are_one_column,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(
          test_uwidth_decode_reports_length_and_code_point, setup, teardown),
      cmocka_unit_test_setup_teardown(test_uwidth_render_expands_tabs, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(
          test_uwidth_render_draws_invalid_bytes_as_fffd, setup, teardown),
      cmocka_unit_test_setup_teardown(
          test_uwidth_render_draws_controls_as_pictures, setup, teardown),
      cmocka_unit_test_setup_teardown(
          test_uwidth_render_keeps_marks_and_ambiguous, setup, teardown),
      cmocka_unit_test_setup_teardown(test_uwidth_render_drops_bidi_controls,
                                      setup, teardown),
  };
  if (argc > 1)
    cmocka_set_test_filter(argv[1]);
  return cmocka_run_group_tests(tests, NULL, NULL);
}
