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

// The reference: uwidth_decode one character at a time.
static size_t valid_prefix_slowly(const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    int32_t cp;
    size_t k = uwidth_decode(s + i, n - i, &cp);
    if (cp < 0)
      return i;
    i += k;
  }
  return n;
}

static void test_uwidth_valid_prefix_edges(void **state) {
  (void)state;
  static const struct {
    const char *s;
    size_t want;
  } cases[] = {
      {"", 0},
      {"abcdefgh", 8},
      {"abcdefg\xE4", 7},             // 一 cut short at the very end
      {"abcdefgh\xE4\xB8", 8},         // after a whole ASCII word
      {"一般公共预算", 18},
      {"\xE0\x80\x80", 0},             // overlong three-byte form
      {"ab\xE0\xA0\x80", 5},            // U+0800, the smallest E0 form
      {"\xED\xA0\x80", 0},             // a surrogate
      {"\xED\x9F\xBF", 3},             // U+D7FF, just below them
      {"\xEF\xBF\xBF", 3},             // U+FFFF
      {"\xEC\x80\x41", 0},             // a continuation byte missing
      {"\xF4\x90\x80\x80", 0},         // above U+10FFFF
      {"\xF0\x9F\x98\x80x", 5},        // an emoji, four bytes
      {"\xC0\xAF", 0},                 // overlong two-byte '/'
      {"12345678\xC2\xA0" "12345678\xFF", 18},
  };
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
    size_t n = strlen(cases[k].s);
    assert_int_equal(valid_prefix_slowly(cases[k].s, n), cases[k].want);
    assert_int_equal(uwidth_valid_prefix(cases[k].s, n), cases[k].want);
  }
}

static void test_uwidth_valid_prefix_agrees_with_decode(void **state) {
  (void)state;
  /* Random byte strings weighted towards UTF-8 lead and continuation bytes:
   * the fast check must stop exactly where decoding does. */
  static const unsigned char pick[] = {'a',  ' ',  '7',  0x80, 0x8F, 0x9F,
                                       0xA0, 0xBF, 0xC2, 0xDF, 0xE0, 0xE1,
                                       0xE4, 0xEC, 0xED, 0xEE, 0xEF, 0xF0,
                                       0xF4, 0xF5, 0xC0, 0xFF, 0xB8};
  uint64_t st = 88172645463325252u;
  char buf[40];
  for (int round = 0; round < 200000; round++) {
    st ^= st << 13;
    st ^= st >> 7;
    st ^= st << 17;
    size_t n = st % sizeof buf;
    uint64_t r = st;
    for (size_t i = 0; i < n; i++) {
      if (i % 8 == 0) {
        st ^= st << 13;
        st ^= st >> 7;
        st ^= st << 17;
        r = st;
      }
      buf[i] = (char)pick[(r & 0xFF) % sizeof pick];
      r >>= 8;
    }
    size_t want = valid_prefix_slowly(buf, n);
    size_t got = uwidth_valid_prefix(buf, n);
    if (got != want)
      fail_msg("round %d: %zu bytes, fast %zu, decode %zu", round, n, got,
               want);
  }
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
      cmocka_unit_test(test_uwidth_valid_prefix_edges),
      cmocka_unit_test(test_uwidth_valid_prefix_agrees_with_decode),
  };
  if (argc > 1)
    cmocka_set_test_filter(argv[1]);
  return cmocka_run_group_tests(tests, NULL, NULL);
}
