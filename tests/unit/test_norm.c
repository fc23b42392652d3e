/* tests/unit/test_norm.c -- the normal form of narrative text (lang/norm.c).
 *
 * Each test normalises a short string and checks the normalised bytes and,
 * through the offset map, which original byte every output byte came from.
 * Expected offsets are counted by hand in the comments (CJK characters and
 * full-width forms are 3 bytes in UTF-8). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lang/arena.h"
#include "lang/norm.h"

/* Fixture: the arena every Norm lives in. */
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

/* Normalises the NUL-terminated [s] with a map and base 0. */
static Norm norm(void **state, const char *s) {
  Norm n;
  norm_text(*state, s, (uint32_t)strlen(s), 0, true, &n);
  return n;
}

/* Asserts that bytes [from, to) of [n] all map to original offset [orig]. */
static void check_map(const Norm *n, uint32_t from, uint32_t to,
                      uint32_t orig) {
  for (uint32_t i = from; i < to; i++)
    assert_int_equal(n->map[i], orig);
}

static void test_norm_ascii_kept_and_white_space_dropped(void **state) {
  Norm n = norm(state, "a b\tc\r\nd\f\ve");
  assert_string_equal(n.text, "abcde");
  assert_int_equal(n.len, 5);
  // a@0 b@2 c@4 d@7 e@10; map[len] is the original length.
  assert_int_equal(n.map[0], 0);
  assert_int_equal(n.map[1], 2);
  assert_int_equal(n.map[2], 4);
  assert_int_equal(n.map[3], 7);
  assert_int_equal(n.map[4], 10);
  assert_int_equal(n.map[5], 11);
}

/* The seed's "年初预算为\n\n1296.70 万元" and a figure broken inside. */
static void test_norm_line_break_inside_number_joins_it(void **state) {
  // "1296." 0-4, "\n" 5, "70" 6-7, " " 8, 万 9-11, 元 12-14.
  Norm n = norm(state, "1296.\n70 万元");
  assert_string_equal(n.text, "1296.70万元");
  assert_int_equal(n.len, 13);
  for (uint32_t i = 0; i < 5; i++)
    assert_int_equal(n.map[i], i);
  assert_int_equal(n.map[5], 6); // '7' comes after the line break
  assert_int_equal(n.map[6], 7);
  check_map(&n, 7, 10, 9);   // 万
  check_map(&n, 10, 13, 12); // 元
  assert_int_equal(n.map[13], 15);
}

static void test_norm_fullwidth_forms_fold_to_ascii(void **state) {
  // Every character is 3 bytes: ４ at 0, ３ at 3, ． at 6, ...
  Norm n = norm(state, "４３．３％；（类）：，");
  assert_string_equal(n.text, "43.3%;(类):,");
  assert_int_equal(n.map[0], 0);
  assert_int_equal(n.map[1], 3);
  assert_int_equal(n.map[2], 6);
  assert_int_equal(n.map[3], 9);
  assert_int_equal(n.map[4], 12); // %
  assert_int_equal(n.map[5], 15); // ;
  assert_int_equal(n.map[6], 18); // (
  check_map(&n, 7, 10, 21);       // 类 is copied, 3 bytes
  assert_int_equal(n.map[10], 24); // )
  assert_int_equal(n.map[11], 27); // :
  assert_int_equal(n.map[12], 30); // ,
  assert_int_equal(n.map[13], 33);
  Norm d = norm(state, "０１２３４５６７８９");
  assert_string_equal(d.text, "0123456789");
}

/* What NFKC does to the CJK punctuation the matcher cares about. */
static void test_norm_cjk_punctuation(void **state) {
  // ；！？ become ASCII; 、。“”《》 and the minus sign are kept.
  assert_string_equal(norm(state, "；！？").text, ";!?");
  assert_string_equal(norm(state, "、。“”《》").text, "、。“”《》");
  assert_string_equal(norm(state, "−５").text, "−5");
  assert_string_equal(norm(state, "－５").text, "-5");
  assert_string_equal(norm(state, "…").text, "...");
}

static void test_norm_ideographic_and_nobreak_spaces_dropped(void **state) {
  // 合 0-2, U+3000 3-5, 计 6-8, U+00A0 9-10, "100" 11-13.
  Norm n = norm(state, "合\u3000计\u00a0100");
  assert_string_equal(n.text, "合计100");
  check_map(&n, 3, 6, 6);
  assert_int_equal(n.map[6], 11);
  // Other Zs, line/paragraph separators and NEL too.
  assert_string_equal(
      norm(state, "a\u2002b\u2009c\u202fd\u2028e\u2029f\xC2\x85" "g").text,
      "abcdefg");
}

/* Invisible characters PDF extractors leave inside numbers and words. */
static void test_norm_invisible_characters_dropped(void **state) {
  Norm n = norm(state, "\xEF\xBB\xBF" "12\u200b34\u00ad5\u2060" "6");
  assert_string_equal(n.text, "123456");
  assert_int_equal(n.map[0], 3); // after the BOM
}

static void test_norm_crlf_line_breaks_dropped(void **state) {
  // 第一行 0-8, "\r\n" 9-10, 第二行 11-19.
  Norm n = norm(state, "第一行\r\n第二行");
  assert_string_equal(n.text, "第一行第二行");
  check_map(&n, 9, 12, 11);
  assert_int_equal(n.map[18], 20);
}

static void test_norm_invalid_utf8_becomes_replacement(void **state) {
  // 'a' 0, 0xFF 1, 'b' 2, then E4 B8 cut short at 3-4: each bad byte is
  // one U+FFFD (EF BF BD) mapped to that byte.
  Norm n = norm(state, "a\xff" "b\xe4\xb8");
  assert_string_equal(n.text, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD");
  assert_int_equal(n.map[0], 0);
  check_map(&n, 1, 4, 1);
  assert_int_equal(n.map[4], 2);
  check_map(&n, 5, 8, 3);
  check_map(&n, 8, 11, 4);
  assert_int_equal(n.map[11], 5);
  // A surrogate and an overlong form are invalid too.
  assert_string_equal(norm(state, "\xED\xA0\x80").text,
                      "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  assert_string_equal(norm(state, "\xC0\xAF").text,
                      "\xEF\xBF\xBD\xEF\xBF\xBD");
}

/* Compatibility characters grow under NFKC; the buffer grows with them. */
static void test_norm_expanding_characters_keep_the_map(void **state) {
  // ㈠ 0-2 → "(一)", ⑴ 3-5 → "(1)", ㎡ 6-8 → "m2".
  Norm n = norm(state, "㈠⑴㎡");
  assert_string_equal(n.text, "(一)(1)m2");
  check_map(&n, 0, 5, 0);
  check_map(&n, 5, 8, 3);
  check_map(&n, 8, 10, 6);
  assert_int_equal(n.map[10], 9);
  // 200 × ㈠: 600 bytes in, 1000 out -- past the first buffer.
  char in[601];
  for (int i = 0; i < 200; i++)
    memcpy(in + 3 * i, "㈠", 3);
  in[600] = '\0';
  Norm big = norm(state, in);
  assert_int_equal(big.len, 1000);
  assert_memory_equal(big.text + 995, "(一)", 5);
  check_map(&big, 995, 1000, 597);
  assert_int_equal(big.map[1000], 600);
}

/* NFKC is applied one code point at a time: a base letter and a combining
 * mark stay two code points (so every byte keeps a single origin). */
static void test_norm_per_code_point_no_composition(void **state) {
  assert_string_equal(norm(state, "e\u0301").text, "e\u0301");
  assert_string_equal(norm(state, "\u00e9").text, "\u00e9");
  assert_string_equal(norm(state, "ﬁ").text, "fi");
}

static void test_norm_base_offsets_and_no_map(void **state) {
  Norm n;
  norm_text(*state, "合 计", 7, 100, true, &n);
  assert_string_equal(n.text, "合计");
  assert_int_equal(n.map[0], 100);
  assert_int_equal(n.map[3], 104);
  assert_int_equal(n.map[6], 107);
  norm_text(*state, "合 计", 7, 100, false, &n);
  assert_string_equal(n.text, "合计");
  assert_null(n.map);
}

static void test_norm_empty_and_blank_text(void **state) {
  Norm n;
  norm_text(*state, "", 0, 5, true, &n);
  assert_int_equal(n.len, 0);
  assert_string_equal(n.text, "");
  assert_int_equal(n.map[0], 5);
  n = norm(state, " \n\u3000\r\n");
  assert_int_equal(n.len, 0);
  assert_int_equal(n.map[0], 7);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(
          test_norm_ascii_kept_and_white_space_dropped, setup, teardown),
      cmocka_unit_test_setup_teardown(
          test_norm_line_break_inside_number_joins_it, setup, teardown),
      cmocka_unit_test_setup_teardown(test_norm_fullwidth_forms_fold_to_ascii,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_norm_cjk_punctuation, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(
          test_norm_ideographic_and_nobreak_spaces_dropped, setup, teardown),
      cmocka_unit_test_setup_teardown(
          test_norm_invisible_characters_dropped, setup, teardown),
      cmocka_unit_test_setup_teardown(test_norm_crlf_line_breaks_dropped,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(
          test_norm_invalid_utf8_becomes_replacement, setup, teardown),
      cmocka_unit_test_setup_teardown(
          test_norm_expanding_characters_keep_the_map, setup, teardown),
      cmocka_unit_test_setup_teardown(
          test_norm_per_code_point_no_composition, setup, teardown),
      cmocka_unit_test_setup_teardown(test_norm_base_offsets_and_no_map,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_norm_empty_and_blank_text, setup,
                                      teardown),
  };
  if (argc > 1)
    cmocka_set_test_filter(argv[1]);
  return cmocka_run_group_tests(tests, NULL, NULL);
}
