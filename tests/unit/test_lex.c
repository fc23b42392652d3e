/* tests/unit/test_lex.c -- the lexer: token kinds and spans over Chinese
 * identifiers, number literals with units, rule IDs, and the diagnostics for
 * full-width punctuation, curly quotes, unterminated strings and invalid
 * UTF-8 (whole rendered strings compared, carets included). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "grammar.h"
#include "lang/lexer.h"

typedef struct Fixture {
  Diags d;
  Src *src;
  Lexer lx;
} Fixture;

static int setup(void **state) {
  Fixture *f = calloc(1, sizeof *f);
  diag_init(&f->d);
  *state = f;
  return 0;
}

static int teardown(void **state) {
  Fixture *f = *state;
  diag_free(&f->d);
  src_free(f->src);
  free(f);
  return 0;
}

static void start(Fixture *f, const char *text) {
  src_free(f->src); // a test may lex several texts
  f->src = src_from_string("t.fisc", text, strlen(text));
  lex_init(&f->lx, f->src, f->src->bytes, (uint32_t)f->src->len, 0, &f->d);
}

/* Lexes [text] and checks the kinds, then that nothing was reported. */
static void expect_kinds(Fixture *f, const char *text, const int *kinds) {
  start(f, text);
  Tok t;
  for (int i = 0;; i++) {
    int k = lex_next(&f->lx, &t);
    assert_int_equal(k, kinds[i]);
    if (k == 0)
      break;
  }
}

static void test_lex_chinese_identifiers(void **state) {
  Fixture *f = *state;
  static const int kinds[] = {TOK_LET, TOK_IDENT, TOK_ASSIGN, TOK_IDENT,
                              TOK_LBRACKET, TOK_STRING, TOK_RBRACKET,
                              TOK_DOT, TOK_IDENT, 0};
  expect_kinds(f, "let 支出合计 = 支出决算表[\"合计\"].本年支出合计", kinds);
  assert_string_equal(f->d.out.s, "");
  // The identifier's span covers its UTF-8 bytes exactly.
  start(f, "  基本支出_2 ");
  Tok t;
  assert_int_equal(lex_next(&f->lx, &t), TOK_IDENT);
  assert_int_equal(t.off, 2);
  assert_int_equal(t.len, strlen("基本支出_2"));
}

static void test_lex_numbers_with_units(void **state) {
  Fixture *f = *state;
  static const int kinds[] = {TOK_NUMBER, TOK_NUMBER, TOK_NUMBER, TOK_NUMBER,
                              TOK_PERCENT, 0};
  expect_kinds(f, "4.8万元 52.7% 1118.78 100亿元 %", kinds);
  start(f, "4.8万元");
  Tok t;
  lex_next(&f->lx, &t);
  assert_int_equal(t.len, strlen("4.8万元"));
}

static void test_lex_operators_and_unicode_spellings(void **state) {
  Fixture *f = *state;
  static const int kinds[] = {TOK_APPROX, TOK_APPROX, TOK_PM, TOK_PM,
                              TOK_STAR, TOK_SLASH, TOK_LE, TOK_GE, TOK_NE,
                              TOK_QQ, TOK_EQ, TOK_MINUS, 0};
  expect_kinds(f, "≈ ~= ± +/- × ÷ ≤ ≥ ≠ ?? == −", kinds);
  assert_string_equal(f->d.out.s, "");
}

static void test_lex_rule_id_is_raw(void **state) {
  Fixture *f = *state;
  static const int kinds[] = {TOK_RULE, TOK_RULEID, TOK_STRING, TOK_LBRACE,
                              TOK_RBRACE, 0};
  expect_kinds(f, "rule I-05 \"标题\" { }", kinds);
  start(f, "rule T03.1\"x\"");
  Tok t;
  lex_next(&f->lx, &t);
  lex_next(&f->lx, &t);
  assert_int_equal(t.kind, TOK_RULEID);
  assert_int_equal(t.len, 5);
}

static void test_lex_comments_are_skipped(void **state) {
  Fixture *f = *state;
  static const int kinds[] = {TOK_IDENT, TOK_IDENT, 0};
  expect_kinds(f, "a # 注释 ≈ ( \n b", kinds);
}

static void test_lex_fullwidth_paren_is_error_with_hint(void **state) {
  Fixture *f = *state;
  static const int kinds[] = {TOK_ASSERT, TOK_IDENT, TOK_LPAREN, TOK_IDENT,
                              TOK_RPAREN, TOK_GT, TOK_NUMBER, 0};
  expect_kinds(f, "  assert 合计（一般公共预算） > 0\n", kinds);
  assert_string_equal(
      f->d.out.s,
      "t.fisc:1:14: error: fullwidth `（` (U+FF08) is not valid here\n"
      "    1 |   assert 合计（一般公共预算） > 0\n"
      "      |              ^~\n"
      "      = help: use ASCII `(` instead\n"
      "t.fisc:1:28: error: fullwidth `）` (U+FF09) is not valid here\n"
      "    1 |   assert 合计（一般公共预算） > 0\n"
      "      |                            ^~\n"
      "      = help: use ASCII `)` instead\n");
}

static void test_lex_fullwidth_colon_comma_equals(void **state) {
  Fixture *f = *state;
  static const int kinds[] = {TOK_COLON, TOK_COMMA, TOK_ASSIGN, 0};
  expect_kinds(f, "：，＝", kinds);
  assert_int_equal(f->d.n_errors, 3);
  assert_non_null(strstr(f->d.out.s, "use ASCII `:` instead"));
  assert_non_null(strstr(f->d.out.s, "use ASCII `,` instead"));
  assert_non_null(strstr(f->d.out.s, "use ASCII `=` instead"));
}

static void test_lex_semicolon_and_ideographic_space(void **state) {
  Fixture *f = *state;
  static const int kinds[] = {TOK_IDENT, TOK_IDENT, 0};
  expect_kinds(f, "a；　b", kinds);
  assert_int_equal(f->d.n_errors, 2);
  assert_non_null(strstr(f->d.out.s, "fullwidth `；` (U+FF1B)"));
  assert_non_null(strstr(f->d.out.s, "fullwidth `　` (U+3000)"));
}

static void test_lex_curly_quotes(void **state) {
  Fixture *f = *state;
  static const int kinds[] = {TOK_ELSE, TOK_STRING, 0};
  expect_kinds(f, "else “说明”", kinds);
  assert_string_equal(
      f->d.out.s,
      "t.fisc:1:6: error: curly quote `“` (U+201C) is not valid here\n"
      "    1 | else “说明”\n"
      "      |      ^\n"
      "      = help: use ASCII `\"` around strings\n");
}

static void test_lex_unterminated_string(void **state) {
  Fixture *f = *state;
  static const int kinds[] = {TOK_ASSERT, TOK_STRING, TOK_IDENT, 0};
  expect_kinds(f, "assert \"未完\nb", kinds);
  assert_string_equal(f->d.out.s,
                      "t.fisc:1:8: error: unterminated string\n"
                      "    1 | assert \"未完\n"
                      "      |        ^\n"
                      "      = help: close it with `\"` on the same line\n");
  assert_true(f->lx.had_error);
}

static void test_lex_invalid_utf8_is_skipped(void **state) {
  Fixture *f = *state;
  static const int kinds[] = {TOK_IDENT, TOK_IDENT, 0};
  expect_kinds(f, "a \xff b", kinds);
  assert_string_equal(f->d.out.s,
                      "t.fisc:1:3: error: invalid UTF-8 byte `\\xFF`\n"
                      "    1 | a \xef\xbf\xbd b\n"
                      "      |   ^\n"
                      "      = help: save the rule file as UTF-8\n");
}

static void test_lex_unexpected_character(void **state) {
  Fixture *f = *state;
  static const int kinds[] = {TOK_IDENT, TOK_IDENT, 0};
  expect_kinds(f, "a 、 b", kinds);
  assert_string_equal(f->d.out.s,
                      "t.fisc:1:3: error: unexpected character `、` (U+3001)\n"
                      "    1 | a 、 b\n"
                      "      |   ^~\n");
}

static void test_lex_backquoted_identifier(void **state) {
  Fixture *f = *state;
  static const int kinds[] = {TOK_IDENT, TOK_DOT, TOK_IDENT, 0};
  expect_kinds(f, "r.`因公出国（境）费`", kinds);
  assert_string_equal(f->d.out.s, "");
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
      T(test_lex_chinese_identifiers),
      T(test_lex_numbers_with_units),
      T(test_lex_operators_and_unicode_spellings),
      T(test_lex_rule_id_is_raw),
      T(test_lex_comments_are_skipped),
      T(test_lex_fullwidth_paren_is_error_with_hint),
      T(test_lex_fullwidth_colon_comma_equals),
      T(test_lex_semicolon_and_ideographic_space),
      T(test_lex_curly_quotes),
      T(test_lex_unterminated_string),
      T(test_lex_invalid_utf8_is_skipped),
      T(test_lex_unexpected_character),
      T(test_lex_backquoted_identifier),
#undef T
  };
  if (argc > 1)
    cmocka_set_test_filter(argv[1]);
  return cmocka_run_group_tests(tests, NULL, NULL);
}
