/* tests/unit/test_num.c -- cmocka tests for runtime/num (exact decimals with
 * rounding intervals).  Values are checked through their printed form
 * (num_format / num_format_interval) and num_cmp, never through GMP
 * internals, so the tests read like the figures in a disclosure.  Run one
 * test with: test_num test_num_round_half_away. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"
#include "lang/buf.h"
#include "runtime/num.h"
#include "tests/num_ops.h"

// What every test gets: an arena for the Nums and a buffer for printing.
typedef struct Fix {
  Arena arena;
  Buf buf;
} Fix;

static int setup(void **state) {
  Fix *fx = calloc(1, sizeof *fx);
  if (!fx)
    return -1;
  arena_init(&fx->arena);
  buf_init(&fx->buf);
  *state = fx;
  return 0;
}

static int teardown(void **state) {
  Fix *fx = *state;
  arena_free(&fx->arena);
  buf_free(&fx->buf);
  free(fx);
  return 0;
}

/* ---- helpers ------------------------------------------------------------ */

// Returns the leaf for [s], failing the test if it does not parse.
static Num *P(Fix *fx, const char *s) {
  NumParseError err = NUM_SYNTAX;
  Num *x = num_parse(&fx->arena, s, strlen(s), &err);
  if (!x)
    fail_msg("\"%s\" did not parse: %s", s, num_parse_error_str(err));
  assert_int_equal(err, NUM_OK);
  return x;
}

// Returns the parse error for [s], checking that no Num came back.
static NumParseError E(Fix *fx, const char *s) {
  NumParseError err = NUM_OK;
  Num *x = num_parse(&fx->arena, s, strlen(s), &err);
  assert_null(x);
  return err;
}

// Returns an exact integer.
static Num *L(Fix *fx, long v) { return num_from_long(&fx->arena, v); }

/* Returns num_format(x) as a string owned by the arena, so several can sit
 * in one assertion. */
static const char *S(Fix *fx, const Num *x) {
  buf_clear(&fx->buf);
  num_format(&fx->buf, x);
  return arena_strdup(&fx->arena, fx->buf.s);
}

// Returns num_format_interval(x), arena-owned.
static const char *I(Fix *fx, const Num *x) {
  buf_clear(&fx->buf);
  num_format_interval(&fx->buf, x);
  return arena_strdup(&fx->arena, fx->buf.s);
}

// Returns num_format_fixed(x, n), arena-owned.
static const char *F(Fix *fx, const Num *x, int n) {
  buf_clear(&fx->buf);
  num_format_fixed(&fx->buf, x, n);
  return arena_strdup(&fx->arena, fx->buf.s);
}

// Returns a NUL-terminated run of [n] copies of [c] (arena-owned).
static char *run_of(Fix *fx, char c, size_t n) {
  char *s = arena_alloc(&fx->arena, n + 1);
  memset(s, c, n);
  s[n] = '\0';
  return s;
}

/* ---- parsing ------------------------------------------------------------ */

static void test_num_parse_plain(void **state) {
  Fix *fx = *state;
  Num *x = P(fx, "1118.78");
  assert_string_equal(S(fx, x), "1118.78");
  assert_int_equal(x->dec, 2);
  assert_false(x->exact);
  assert_false(x->unbounded);
  assert_string_equal(I(fx, x), "[1118.775, 1118.785]");
  assert_string_equal(S(fx, P(fx, "0.10")), "0.10");
  assert_string_equal(S(fx, P(fx, "7")), "7");
  assert_string_equal(I(fx, P(fx, "7")), "[6.5, 7.5]");
}

static void test_num_parse_signs(void **state) {
  Fix *fx = *state;
  assert_string_equal(S(fx, P(fx, "+3")), "3");
  assert_string_equal(S(fx, P(fx, "-3")), "-3");
  assert_string_equal(S(fx, P(fx, "\xE2\x88\x92" "3")), "-3"); // U+2212
  assert_int_equal(num_cmp(P(fx, "\xE2\x88\x92" "3.5"), P(fx, "-3.5")), 0);
  assert_string_equal(I(fx, P(fx, "-3")), "[-3.5, -2.5]");
}

static void test_num_parse_negative_zero(void **state) {
  Fix *fx = *state;
  Num *z = P(fx, "-0");
  assert_int_equal(num_sign(z), 0);
  assert_int_equal(num_cmp(z, L(fx, 0)), 0);
  assert_string_equal(S(fx, z), "0");
  assert_string_equal(S(fx, P(fx, "-0.00")), "0.00");
  assert_string_equal(I(fx, P(fx, "-0.00")), "[-0.005, 0.005]");
}

static void test_num_parse_spaces(void **state) {
  Fix *fx = *state;
  Num *x = P(fx, " 12.5 ");
  assert_string_equal(S(fx, x), "12.5");
  assert_int_equal(x->dec, 1);
  assert_string_equal(S(fx, P(fx, "\t-4\r\n")), "-4");
}

static void test_num_parse_length_bounded(void **state) {
  Fix *fx = *state;
  // Only the first [len] bytes count: no NUL terminator is needed.
  NumParseError err;
  Num *x = num_parse(&fx->arena, "12.345xyz", 6, &err);
  assert_non_null(x);
  assert_int_equal(err, NUM_OK);
  assert_string_equal(S(fx, x), "12.345");
  assert_int_equal(E(fx, "12.345xyz"), NUM_SYNTAX);
}

static void test_num_parse_thousands(void **state) {
  Fix *fx = *state;
  Num *x = P(fx, "1,234,567.89");
  assert_string_equal(S(fx, x), "1234567.89");
  assert_int_equal(num_cmp(x, P(fx, "1234567.89")), 0);
  assert_string_equal(S(fx, P(fx, "-12,345")), "-12345");
  assert_string_equal(S(fx, P(fx, "999,000")), "999000");
}

static void test_num_parse_grouping_errors(void **state) {
  Fix *fx = *state;
  assert_int_equal(E(fx, "1,2,3"), NUM_GROUPING);
  assert_int_equal(E(fx, "12,34"), NUM_GROUPING);
  assert_int_equal(E(fx, "1234,567"), NUM_GROUPING);
  assert_int_equal(E(fx, ",123"), NUM_GROUPING);
  assert_int_equal(E(fx, "1,"), NUM_GROUPING);
  assert_int_equal(E(fx, "1,,234"), NUM_GROUPING);
  assert_int_equal(E(fx, "1.234,5"), NUM_GROUPING);
}

static void test_num_parse_exponent_errors(void **state) {
  Fix *fx = *state;
  assert_int_equal(E(fx, "1e400"), NUM_EXPONENT);
  assert_int_equal(E(fx, "1E5"), NUM_EXPONENT);
  assert_int_equal(E(fx, "-2.5e-3"), NUM_EXPONENT);
}

static void test_num_parse_empty_errors(void **state) {
  Fix *fx = *state;
  assert_int_equal(E(fx, ""), NUM_EMPTY);
  assert_int_equal(E(fx, "   "), NUM_EMPTY);
}

static void test_num_parse_syntax_errors(void **state) {
  Fix *fx = *state;
  assert_int_equal(E(fx, "abc"), NUM_SYNTAX);
  assert_int_equal(E(fx, "1.2.3"), NUM_SYNTAX);
  assert_int_equal(E(fx, "."), NUM_SYNTAX);
  assert_int_equal(E(fx, "-"), NUM_SYNTAX);
  assert_int_equal(E(fx, "1 000"), NUM_SYNTAX);
  assert_int_equal(E(fx, "5."), NUM_SYNTAX);
  assert_int_equal(E(fx, ".5"), NUM_SYNTAX);
  assert_int_equal(E(fx, "--3"), NUM_SYNTAX);
  assert_int_equal(E(fx, "3%"), NUM_SYNTAX);
  assert_int_equal(E(fx, "e5"), NUM_SYNTAX);
  assert_int_equal(E(fx, "\xEF\xBC\x91"), NUM_SYNTAX); // fullwidth 1
}

static void test_num_parse_too_long(void **state) {
  Fix *fx = *state;
  // NUM_MAX_DIGITS digits are fine; one more is refused.
  char *ok = run_of(fx, '9', NUM_MAX_DIGITS);
  assert_non_null(P(fx, ok));
  assert_int_equal(E(fx, run_of(fx, '9', NUM_MAX_DIGITS + 1)), NUM_TOO_LONG);
  // NUM_MAX_DECIMALS decimals are fine; one more is refused.
  char *dec_ok = arena_sprintf(&fx->arena, "0.%s",
                               run_of(fx, '1', NUM_MAX_DECIMALS));
  assert_int_equal(P(fx, dec_ok)->dec, NUM_MAX_DECIMALS);
  char *dec_bad = arena_sprintf(&fx->arena, "0.%s",
                                run_of(fx, '1', NUM_MAX_DECIMALS + 1));
  assert_int_equal(E(fx, dec_bad), NUM_TOO_PRECISE);
}

static void test_num_parse_error_strings(void **state) {
  (void)state;
  assert_string_equal(num_parse_error_str(NUM_GROUPING),
                      "misplaced thousands separator");
  assert_string_equal(num_parse_error_str(NUM_EXPONENT),
                      "exponent notation is not accepted");
  assert_string_equal(num_parse_error_str(NUM_EMPTY), "empty number");
  assert_string_equal(num_parse_error_str(NUM_SYNTAX), "not a number");
  assert_string_equal(num_parse_error_str(NUM_TOO_LONG), "too many digits");
  assert_string_equal(num_parse_error_str(NUM_TOO_PRECISE),
                      "too many decimals (at most 40)");
}

/* ---- exact arithmetic ------------------------------------------------- */

static void test_num_point_one_plus_point_two(void **state) {
  Fix *fx = *state;
  Num *sum = num_add(&fx->arena, P(fx, "0.1"), P(fx, "0.2"));
  assert_int_equal(num_cmp(sum, P(fx, "0.3")), 0);
  // A sum of figures written with 1 decimal is shown with 1 decimal.
  assert_int_equal(sum->dec, 1);
  assert_string_equal(S(fx, sum), "0.3");
  assert_string_equal(I(fx, sum), "[0.2, 0.4]");
}

static void test_num_forty_digit_exact(void **state) {
  Fix *fx = *state;
  Num *x = P(fx, "1234567890123456789012345678901234567890");
  Num *y = P(fx, "9876543210987654321098765432109876543210");
  assert_string_equal(S(fx, num_add(&fx->arena, x, y)),
                      "11111111101111111110111111111011111111100");
  assert_string_equal(
      S(fx, num_mul(&fx->arena, x, y)),
      "12193263113702179522618503273386678859448712086533622923332237463801111"
      "263526900");
  Num *z = P(fx, "12345678901234567890123456789.0123456789");
  assert_string_equal(S(fx, num_sub(&fx->arena, z, z)), "0.0000000000");
  assert_string_equal(S(fx, z), "12345678901234567890123456789.0123456789");
}

/* Up to 19 digits are read without GMP's base conversion; 20 are not.  The
 * two paths meet at 2^64 - 1, the largest 20-digit value a 64-bit word
 * holds, and must agree on both sides of the boundary. */
static void test_num_parse_19_and_20_digits(void **state) {
  Fix *fx = *state;
  assert_string_equal(S(fx, P(fx, "9999999999999999999")), "9999999999999999999");
  assert_string_equal(S(fx, P(fx, "-999999999999999999.9")),
                      "-999999999999999999.9");
  assert_string_equal(I(fx, P(fx, "99999999999999999.99")),
                      "[99999999999999999.985, 99999999999999999.995]");
  assert_string_equal(S(fx, P(fx, "18446744073709551616")),
                      "18446744073709551616");
  Num *sum = num_add(&fx->arena, P(fx, "9999999999999999999"), P(fx, "1"));
  assert_int_equal(num_cmp(sum, P(fx, "10000000000000000000")), 0);
}

static void test_num_from_long_exact(void **state) {
  Fix *fx = *state;
  Num *h = L(fx, 100);
  assert_true(h->exact);
  assert_int_equal(h->dec, 0);
  assert_string_equal(S(fx, h), "100");
  assert_string_equal(I(fx, h), "[100, 100]");
  assert_true(num_approx(h, L(fx, 100)));
  assert_false(num_approx(h, L(fx, 101)));
  assert_string_equal(S(fx, L(fx, -7)), "-7");
}

static void test_num_exact_flag(void **state) {
  Fix *fx = *state;
  Arena *a = &fx->arena;
  assert_true(num_mul(a, L(fx, 3), L(fx, 4))->exact);
  assert_false(num_mul(a, L(fx, 3), P(fx, "4"))->exact);
  assert_false(num_add(a, P(fx, "1.5"), L(fx, 4))->exact);
  Num *q = num_div(a, L(fx, 1), L(fx, 3));
  assert_true(q->exact);
  assert_string_equal(I(fx, q), "[0.3333…, 0.3333…]");
}

static void test_num_sub_interval(void **state) {
  Fix *fx = *state;
  Num *d = num_sub(&fx->arena, P(fx, "10.0"), P(fx, "2.25"));
  assert_string_equal(S(fx, d), "7.75");
  // [9.95, 10.05] − [2.245, 2.255] = [7.695, 7.805]
  assert_string_equal(I(fx, d), "[7.695, 7.805]");
}

static void test_num_mul_interval_signs(void **state) {
  Fix *fx = *state;
  // [-2.5, -1.5] × [2.5, 3.5]: the extremes are -2.5·3.5 and -1.5·2.5.
  Num *p = num_mul(&fx->arena, P(fx, "-2"), P(fx, "3"));
  assert_string_equal(S(fx, p), "-6");
  assert_string_equal(I(fx, p), "[-8.75, -3.75]");
  // [-0.05, 0.05] × [2.5, 3.5] straddles zero.
  Num *z = num_mul(&fx->arena, P(fx, "0.0"), P(fx, "3"));
  assert_string_equal(I(fx, z), "[-0.175, 0.175]");
  // A bare 0 is exact: 0 × [2.5, 3.5] is exactly 0.
  z = num_mul(&fx->arena, P(fx, "0"), P(fx, "3"));
  assert_string_equal(I(fx, z), "[0, 0]");
}

static void test_num_div_interval(void **state) {
  Fix *fx = *state;
  Num *q = num_div(&fx->arena, P(fx, "1"), P(fx, "4"));
  assert_string_equal(S(fx, q), "0.25");
  // [0.5, 1.5] / [3.5, 4.5] = [0.1111…, 0.4285…]
  assert_string_equal(I(fx, q), "[0.1111…, 0.4286…]");
}

static void test_num_div_by_zero_is_null(void **state) {
  Fix *fx = *state;
  assert_null(num_div(&fx->arena, P(fx, "1"), P(fx, "0.00")));
  assert_null(num_div(&fx->arena, L(fx, 1), L(fx, 0)));
  assert_null(num_div(&fx->arena, L(fx, 1), P(fx, "-0")));
}

static void test_num_div_unbounded(void **state) {
  Fix *fx = *state;
  // The leaf "1" is [0.5, 1.5]; minus an exact 0.5 gives [0, 1], which
  // contains zero although the value (0.5) does not.
  Num *half = num_div(&fx->arena, L(fx, 1), L(fx, 2));
  Num *d = num_sub(&fx->arena, P(fx, "1"), half);
  assert_string_equal(I(fx, d), "[0, 1]");
  Num *q = num_div(&fx->arena, L(fx, 5), d);
  assert_non_null(q);
  assert_true(q->unbounded);
  assert_string_equal(S(fx, q), "10");
  assert_string_equal(I(fx, q), "(unbounded)");
  assert_true(num_approx(q, P(fx, "-123456")));
  // "0.4" is [0.35, 0.45]: clear of zero, so the quotient stays bounded.
  Num *r = num_div(&fx->arena, L(fx, 1), P(fx, "0.4"));
  assert_false(r->unbounded);
}

static void test_num_unbounded_propagates(void **state) {
  Fix *fx = *state;
  Arena *a = &fx->arena;
  Num *half = num_sub(a, P(fx, "1"), num_div(a, L(fx, 1), L(fx, 2)));
  Num *u = num_div(a, L(fx, 1), half); // 1 / [0, 1]
  assert_true(u->unbounded);
  assert_true(num_add(a, u, L(fx, 1))->unbounded);
  assert_true(num_sub(a, L(fx, 1), u)->unbounded);
  assert_true(num_mul(a, u, P(fx, "2.5"))->unbounded);
  assert_true(num_div(a, u, L(fx, 3))->unbounded);
  assert_true(num_div(a, L(fx, 3), u)->unbounded);
  assert_true(num_neg(a, u)->unbounded);
  assert_true(num_round(a, u, 2)->unbounded);
  assert_true(num_approx(P(fx, "99"), u));
  assert_string_equal(S(fx, num_mul(a, u, L(fx, 3))), "6");
}

/* ---- approximate equality ---------------------------------------------- */

static void test_num_approx_rounded_sum_holds(void **state) {
  Fix *fx = *state;
  Arena *a = &fx->arena;
  Num *s = P(fx, "420.42");
  s = num_add(a, s, P(fx, "170.1"));
  s = num_add(a, s, P(fx, "24.08"));
  s = num_add(a, s, P(fx, "19.29"));
  s = num_add(a, s, P(fx, "0.26"));
  assert_string_equal(S(fx, s), "634.15");
  assert_string_equal(I(fx, s), "[634.08, 634.22]");
  assert_true(num_approx(s, P(fx, "634.14")));
  assert_false(num_cmp(s, P(fx, "634.14")) == 0);
  assert_false(num_approx(s, P(fx, "634.30")));
}

// pct(a, b) as the stdlib computes it: a / b * 100 with an exact 100.
static Num *pct(Fix *fx, const char *x, const char *y) {
  Num *q = num_div(&fx->arena, P(fx, x), P(fx, y));
  assert_non_null(q);
  return num_mul(&fx->arena, q, L(fx, 100));
}

static void test_num_approx_pct_fails(void **state) {
  Fix *fx = *state;
  Num *p = pct(fx, "634.14", "1118.78");
  assert_string_equal(S(fx, p), "56.6814…");
  assert_false(num_approx(p, P(fx, "52.7")));
}

static void test_num_approx_pct_holds(void **state) {
  Fix *fx = *state;
  Num *p = pct(fx, "484.64", "1118.78");
  assert_string_equal(S(fx, p), "43.3186…");
  assert_true(num_approx(p, P(fx, "43.3")));
  assert_false(num_approx(p, P(fx, "43.4")));
}

static void test_num_approx_small_divisor(void **state) {
  Fix *fx = *state;
  // 0.26 / 0.26 is exactly 1, but the true figures may be 0.255 and 0.265.
  Num *p = pct(fx, "0.26", "0.26");
  assert_string_equal(S(fx, p), "100");
  assert_string_equal(I(fx, p), "[96.2264…, 103.9216…]");
  assert_true(num_approx(p, P(fx, "99.0")));
  assert_false(num_approx(p, P(fx, "95.0")));
}

static void test_num_approx_ratio_slip(void **state) {
  Fix *fx = *state;
  // 236.5% is 2.27 / 0.96, not 1.31 / 0.96: a digit slip in the numerator.
  Num *wrong = pct(fx, "1.31", "0.96");
  assert_string_equal(S(fx, wrong), "136.4583…");
  assert_false(num_approx(wrong, P(fx, "236.5")));
  Num *right = pct(fx, "2.27", "0.96");
  assert_string_equal(S(fx, right), "236.4583…");
  assert_true(num_approx(right, P(fx, "236.5")));
}

static void test_num_approx_closed_ends(void **state) {
  Fix *fx = *state;
  // [0.95, 1.05] and [1.05, 1.15] touch at 1.05: closed intervals meet.
  assert_true(num_approx(P(fx, "1.0"), P(fx, "1.1")));
  assert_false(num_approx(P(fx, "1.0"), P(fx, "1.2")));
  assert_true(num_approx(P(fx, "1.00"), L(fx, 1)));
}

static void test_num_within(void **state) {
  Fix *fx = *state;
  assert_true(num_within(P(fx, "100.0"), P(fx, "100.5"), P(fx, "0.5")));
  assert_false(num_within(P(fx, "100.0"), P(fx, "100.51"), P(fx, "0.5")));
  // A negative tolerance counts by its size.
  assert_true(num_within(P(fx, "100.5"), P(fx, "100.0"), P(fx, "-0.5")));
  assert_true(num_within(L(fx, 3), L(fx, 3), L(fx, 0)));
}

/* ---- rounding ----------------------------------------------------------- */

static void test_num_round_half_away(void **state) {
  Fix *fx = *state;
  Arena *a = &fx->arena;
  assert_string_equal(S(fx, num_round(a, P(fx, "2.345"), 2)), "2.35");
  assert_string_equal(S(fx, num_round(a, P(fx, "-2.345"), 2)), "-2.35");
  assert_string_equal(S(fx, num_round(a, P(fx, "0.125"), 2)), "0.13");
  assert_string_equal(S(fx, num_round(a, P(fx, "2.344"), 2)), "2.34");
  assert_string_equal(S(fx, num_round(a, P(fx, "2.5"), 0)), "3");
  assert_string_equal(S(fx, num_round(a, P(fx, "-2.5"), 0)), "-3");
  assert_string_equal(S(fx, num_round(a, P(fx, "1.2"), 3)), "1.200");
  Num *third = num_div(a, L(fx, 1), L(fx, 3));
  Num *r = num_round(a, third, 2);
  assert_string_equal(S(fx, r), "0.33");
  assert_int_equal(r->dec, 2);
  assert_int_equal(num_cmp(r, P(fx, "0.33")), 0);
  Num *twothirds = num_div(a, L(fx, -2), L(fx, 3));
  assert_string_equal(S(fx, num_round(a, twothirds, 2)), "-0.67");
}

static void test_num_round_negative_places(void **state) {
  Fix *fx = *state;
  Arena *a = &fx->arena;
  assert_string_equal(S(fx, num_round(a, P(fx, "1250"), -2)), "1300");
  assert_string_equal(S(fx, num_round(a, P(fx, "-1249.9"), -2)), "-1200");
}

static void test_num_round_interval(void **state) {
  Fix *fx = *state;
  Num *p = pct(fx, "484.64", "1118.78");
  Num *r = num_round(&fx->arena, p, 1);
  assert_string_equal(S(fx, r), "43.3");
  assert_string_equal(I(fx, r), "[43.3, 43.3]");
  assert_int_equal(num_cmp(r, P(fx, "43.3")), 0);
  Num *e = num_round(&fx->arena, L(fx, 5), 2);
  assert_true(e->exact);
  assert_string_equal(S(fx, e), "5.00");
}

static void test_num_trunc(void **state) {
  Fix *fx = *state;
  Arena *a = &fx->arena;
  assert_string_equal(S(fx, num_trunc(a, P(fx, "2.349"), 2)), "2.34");
  assert_string_equal(S(fx, num_trunc(a, P(fx, "-2.349"), 2)), "-2.34");
  assert_string_equal(S(fx, num_trunc(a, P(fx, "-0.009"), 2)), "0.00");
  assert_string_equal(S(fx, num_trunc(a, P(fx, "7.99"), 0)), "7");
  Num *third = num_div(a, L(fx, 2), L(fx, 3));
  assert_string_equal(S(fx, num_trunc(a, third, 3)), "0.666");
}

/* ---- units ------------------------------------------------------------- */

static void test_num_scale10_wan_to_yuan(void **state) {
  Fix *fx = *state;
  Num *wan = P(fx, "4.8");
  Num *yuan = num_scale10(&fx->arena, wan, 4);
  assert_string_equal(S(fx, yuan), "48000");
  assert_int_equal(yuan->dec, 0);
  assert_int_equal(num_cmp(yuan, L(fx, 48000)), 0);
  // 4.8 万元 is [4.75, 4.85] 万元: the yuan figure keeps that width.
  assert_string_equal(I(fx, yuan), "[47500, 48500]");
  assert_true(num_approx(yuan, L(fx, 48400)));
  assert_false(num_approx(yuan, L(fx, 48600)));
}

static void test_num_scale10_yuan_to_wan(void **state) {
  Fix *fx = *state;
  Num *yuan = num_scale10(&fx->arena, P(fx, "4.8"), 4);
  Num *back = num_scale10(&fx->arena, yuan, -4);
  assert_string_equal(S(fx, back), "4.8000");
  assert_int_equal(num_cmp(back, P(fx, "4.8")), 0);
  assert_string_equal(I(fx, back), "[4.75, 4.85]");
  Num *w = num_scale10(&fx->arena, P(fx, "12345.6"), -4);
  assert_string_equal(S(fx, w), "1.23456");
  assert_int_equal(w->dec, 5);
  assert_string_equal(I(fx, w), "[1.234555, 1.234565]");
  Num *yi = num_scale10(&fx->arena, P(fx, "3.25"), 8);
  assert_string_equal(S(fx, yi), "325000000");
  Num *c = num_scale10(&fx->arena, num_div(&fx->arena, L(fx, 1), L(fx, 8)),
                       2);
  assert_string_equal(S(fx, c), "12.5");
}

/* ---- sign, min, max ----------------------------------------------------- */

static void test_num_neg_abs(void **state) {
  Fix *fx = *state;
  Arena *a = &fx->arena;
  Num *n = num_neg(a, P(fx, "3.50"));
  assert_string_equal(S(fx, n), "-3.50");
  assert_string_equal(I(fx, n), "[-3.505, -3.495]");
  assert_string_equal(S(fx, num_abs(a, n)), "3.50");
  assert_string_equal(I(fx, num_abs(a, n)), "[3.495, 3.505]");
  assert_string_equal(S(fx, num_neg(a, L(fx, 0))), "0");
  // The leaf "0.0" is [-0.05, 0.05]: its absolute value folds onto
  // [0, 0.05].  A bare "0" is exact (it means "none").
  assert_string_equal(I(fx, num_abs(a, P(fx, "0.0"))), "[0, 0.05]");
  assert_string_equal(I(fx, num_abs(a, P(fx, "0"))), "[0, 0]");
  assert_int_equal(num_sign(num_abs(a, P(fx, "-2"))), 1);
  assert_int_equal(num_sign(P(fx, "-2")), -1);
}

static void test_num_min_max(void **state) {
  Fix *fx = *state;
  Arena *a = &fx->arena;
  Num *x = P(fx, "1.50");
  Num *y = P(fx, "1.5");
  Num *lo = num_min(a, P(fx, "2.00"), y);
  assert_string_equal(S(fx, lo), "1.5");
  assert_string_equal(I(fx, lo), "[1.45, 1.55]");
  Num *hi = num_max(a, x, P(fx, "1.6"));
  assert_string_equal(S(fx, hi), "1.6");
  assert_string_equal(I(fx, hi), "[1.55, 1.65]");
  // Intervals overlap: max's low end is the larger low end.
  Num *m = num_max(a, P(fx, "1.0"), P(fx, "1.02"));
  assert_string_equal(S(fx, m), "1.02");
  assert_string_equal(I(fx, m), "[1.015, 1.05]");
  assert_string_equal(S(fx, num_min(a, L(fx, -3), L(fx, 2))), "-3");
}

/* ---- formatting --------------------------------------------------------- */

static void test_num_format_leaf(void **state) {
  Fix *fx = *state;
  assert_string_equal(S(fx, P(fx, "1118.78")), "1118.78");
  assert_string_equal(S(fx, P(fx, "0.10")), "0.10");
  assert_string_equal(S(fx, P(fx, "-3")), "-3");
  assert_string_equal(S(fx, P(fx, "0.000001")), "0.000001");
  assert_string_equal(S(fx, P(fx, "-0.05")), "-0.05");
  assert_string_equal(S(fx, P(fx, "007.5")), "7.5");
}

static void test_num_format_computed_exact(void **state) {
  Fix *fx = *state;
  Arena *a = &fx->arena;
  // Sums keep the written precision of their figures (59.00, not 59).
  assert_string_equal(S(fx, num_add(a, P(fx, "0.10"), P(fx, "0.20"))),
                      "0.30");
  assert_string_equal(S(fx, num_add(a, P(fx, "0.1"), P(fx, "0.25"))),
                      "0.35");
  // Once a product or quotient is involved, the value shows naturally.
  assert_string_equal(
      S(fx, num_add(a, num_mul(a, P(fx, "0.10"), L(fx, 3)), P(fx, "0.20"))),
      "0.5");
  assert_string_equal(S(fx, num_div(a, L(fx, 45), L(fx, 2))), "22.5");
  assert_string_equal(S(fx, num_mul(a, P(fx, "1.5"), L(fx, 2))), "3");
  assert_string_equal(S(fx, num_div(a, L(fx, 1), L(fx, 64))), "0.015625");
  assert_string_equal(S(fx, num_div(a, L(fx, -1), L(fx, 8))), "-0.125");
  assert_string_equal(S(fx, num_sub(a, L(fx, 2), L(fx, 5))), "-3");
  assert_string_equal(S(fx, num_div(a, L(fx, 1), L(fx, 1000000))),
                      "0.000001");
}

static void test_num_format_computed_rounded(void **state) {
  Fix *fx = *state;
  Arena *a = &fx->arena;
  assert_string_equal(S(fx, num_div(a, L(fx, 1), L(fx, 3))), "0.3333…");
  assert_string_equal(S(fx, num_div(a, L(fx, 2), L(fx, 3))), "0.6667…");
  assert_string_equal(S(fx, num_div(a, L(fx, -2), L(fx, 3))), "-0.6667…");
  // Terminating but seven places: rounded, with the ellipsis.
  assert_string_equal(S(fx, num_div(a, L(fx, 1), L(fx, 128))), "0.0078…");
  // Rounds to a whole number: one decimal stays, so it is not read as exact.
  assert_string_equal(S(fx, num_sub(a, L(fx, 2),
                                    num_div(a, L(fx, 1), L(fx, 30000)))),
                      "2.0…");
  assert_string_equal(S(fx, num_div(a, L(fx, -1), L(fx, 30000))), "-0.0…");
  assert_string_equal(S(fx, num_div(a, L(fx, 200), L(fx, 3))), "66.6667…");
}

static void test_num_format_fixed(void **state) {
  Fix *fx = *state;
  Arena *a = &fx->arena;
  assert_string_equal(F(fx, P(fx, "2.345"), 2), "2.35");
  assert_string_equal(F(fx, P(fx, "-2.345"), 2), "-2.35");
  assert_string_equal(F(fx, P(fx, "3"), 2), "3.00");
  assert_string_equal(F(fx, P(fx, "-0.004"), 2), "0.00");
  assert_string_equal(F(fx, P(fx, "-0.005"), 2), "-0.01");
  assert_string_equal(F(fx, P(fx, "1118.78"), 0), "1119");
  assert_string_equal(F(fx, num_div(a, L(fx, 2), L(fx, 3)), 4), "0.6667");
  assert_string_equal(F(fx, L(fx, 12), 0), "12");
}

static void test_num_format_interval(void **state) {
  Fix *fx = *state;
  assert_string_equal(I(fx, P(fx, "1118.78")), "[1118.775, 1118.785]");
  assert_string_equal(I(fx, L(fx, 3)), "[3, 3]");
  assert_string_equal(I(fx, P(fx, "-0.5")), "[-0.55, -0.45]");
}

static void test_num_format_appends(void **state) {
  Fix *fx = *state;
  // The format functions append; they never clear what is there.
  buf_clear(&fx->buf);
  buf_puts(&fx->buf, "x = ");
  num_format(&fx->buf, P(fx, "1.50"));
  buf_puts(&fx->buf, " in ");
  num_format_interval(&fx->buf, P(fx, "1.50"));
  assert_string_equal(fx->buf.s, "x = 1.50 in [1.495, 1.505]");
}

static void test_num_format_long_value(void **state) {
  Fix *fx = *state;
  Arena *a = &fx->arena;
  // 160-digit product: longer than the formatter's stack buffer.
  Num *x = P(fx, run_of(fx, '9', 40));
  Num *y = num_mul(a, num_mul(a, x, x), num_mul(a, x, x));
  const char *s = S(fx, y);
  assert_int_equal(strlen(s), 160);
  assert_memory_equal(s, "9999999999999999999999999999999999999996", 40);
  // y / 7 does not terminate: 160 integer digits, ".5714", "…".
  Num *z = num_div(a, y, L(fx, 7));
  const char *t = S(fx, z);
  assert_int_equal(strlen(t), 160 + 5 + 3);
  assert_string_equal(t + 154, "428571.5714…");
}

static void test_num_copy_independent(void **state) {
  Fix *fx = *state;
  // A copy owns its limbs: it survives the arena of the original.
  Arena other;
  arena_init(&other);
  Num *x = num_parse(&other, "-12.50", 6, &(NumParseError){NUM_OK});
  Num *c = num_copy(&fx->arena, x);
  arena_free(&other);
  assert_string_equal(S(fx, c), "-12.50");
  assert_string_equal(I(fx, c), "[-12.505, -12.495]");
  assert_false(c->exact);
}

/* ---- the two forms ------------------------------------------------------ */

/* Nearly every figure is held as 64-bit integers (the small form) and falls
 * back to GMP when a result would not fit; these check the edges. */

static void test_num_small_sum_overflows_into_big(void **state) {
  Fix *fx = *state;
  // 18 nines is the longest small figure; twice it, and its square, need GMP.
  Num *x = P(fx, "999999999999999999");
  Num *s = num_add(&fx->arena, x, x);
  assert_string_equal(S(fx, s), "1999999999999999998");
  assert_string_equal(I(fx, s), "[1999999999999999997, 1999999999999999999]");
  Num *d = num_sub(&fx->arena, num_neg(&fx->arena, x), x);
  assert_string_equal(S(fx, d), "-1999999999999999998");
  Num *m = num_mul(&fx->arena, x, x);
  assert_string_equal(S(fx, m), "999999999999999998000000000000000001");
  // Bringing a 2-decimal figure to 18 decimals overflows the alignment.
  Num *y = num_add(&fx->arena, P(fx, "12345678901234567.89"),
                   P(fx, "0.000000000000000001"));
  assert_string_equal(S(fx, y), "12345678901234567.890000000000000001");
}

static void test_num_small_and_big_mix(void **state) {
  Fix *fx = *state;
  // A 20-digit figure is big; a sum with a small one, a comparison, a
  // rounding-aware match and a tolerance all see the same values.
  Num *b = P(fx, "12345678901234567890");
  Num *s = P(fx, "0.5");
  assert_string_equal(S(fx, num_add(&fx->arena, b, s)),
                      "12345678901234567890.5");
  assert_string_equal(S(fx, num_sub(&fx->arena, s, b)),
                      "-12345678901234567889.5");
  assert_int_equal(num_cmp(s, b), -1);
  assert_int_equal(num_cmp(b, s), 1);
  assert_true(num_approx(P(fx, "12345678901234567890.0"), b));
  assert_false(num_approx(s, b));
  assert_true(num_within(b, P(fx, "12345678901234567889"), L(fx, 1)));
  assert_false(num_within(b, P(fx, "12345678901234567888"), L(fx, 1)));
  assert_string_equal(S(fx, num_max(&fx->arena, s, b)),
                      "12345678901234567890");
  assert_string_equal(S(fx, num_min(&fx->arena, b, s)), "0.5");
}

static void test_num_small_abs_of_straddling_interval(void **state) {
  Fix *fx = *state;
  // 0.4 − 0.45 = −0.05 may truly be anything in [−0.105, 0.005]: its
  // absolute value lies in [0, 0.105], the far end coming from below zero.
  Num *d = num_sub(&fx->arena, P(fx, "0.4"), P(fx, "0.45"));
  assert_string_equal(I(fx, d), "[-0.105, 0.005]");
  Num *m = num_abs(&fx->arena, d);
  assert_string_equal(S(fx, m), "0.05");
  assert_string_equal(I(fx, m), "[0, 0.105]");
  // Mirrored, the far end is the upper one.
  m = num_abs(&fx->arena, num_neg(&fx->arena, d));
  assert_string_equal(I(fx, m), "[0, 0.105]");
}

static void test_num_small_scale_limits(void **state) {
  Fix *fx = *state;
  // ×10^k beyond the small form's 18 places, both ways.
  Num *x = P(fx, "4.8");
  assert_string_equal(S(fx, num_scale10(&fx->arena, x, 25)),
                      "48000000000000000000000000");
  assert_string_equal(I(fx, num_scale10(&fx->arena, x, -20)),
                      "[0.0…, 0.0…]");
  assert_string_equal(I(fx, num_scale10(&fx->arena, x, 4)),
                      "[47500, 48500]");
  Num *back = num_scale10(&fx->arena, num_scale10(&fx->arena, x, -20), 20);
  assert_int_equal(num_cmp(back, x), 0);
  assert_string_equal(I(fx, back), "[4.75, 4.85]");
  // A tiny product prints rounded, with one decimal and its sign kept.
  Num *tiny = num_mul(&fx->arena, P(fx, "0.001"), P(fx, "0.0001"));
  assert_string_equal(S(fx, tiny), "0.0…");
  assert_string_equal(S(fx, num_neg(&fx->arena, tiny)), "-0.0…");
  assert_string_equal(F(fx, num_neg(&fx->arena, tiny), 2), "0.00");
  // A product whose decimals pass 18 places goes to GMP exactly.
  Num *p = num_mul(&fx->arena, P(fx, "0.0000000001"), P(fx, "0.000000001"));
  assert_int_equal(num_cmp(p, num_scale10(&fx->arena, L(fx, 1), -19)), 0);
}

// A 64-bit xorshift: the same sequence on every machine.
static uint64_t next_rand(uint64_t *st) {
  *st ^= *st << 13;
  *st ^= *st >> 7;
  *st ^= *st << 17;
  return *st;
}

// Writes a random figure: 1..20 digits, 0..6 decimals, either sign.
static void random_figure(uint64_t *st, char *out) {
  int digits = 1 + (int)(next_rand(st) % 20);
  int dec = (int)(next_rand(st) % 7);
  if (dec >= digits)
    dec = digits - 1;
  char *o = out;
  if (next_rand(st) % 3 == 0)
    *o++ = '-';
  for (int k = 0; k < digits; k++) {
    if (k == digits - dec)
      *o++ = '.';
    *o++ = (char)('0' + next_rand(st) % (k == 0 && digits - dec > 1 ? 9 : 10) +
                  (k == 0 && digits - dec > 1));
  }
  *o = '\0';
}

// Everything a caller can observe of [x], as one string.
static const char *observe(Fix *fx, const Num *x) {
  buf_clear(&fx->buf);
  num_format(&fx->buf, x);
  buf_putc(&fx->buf, ' ');
  num_format_interval(&fx->buf, x);
  buf_putc(&fx->buf, ' ');
  num_format_fixed(&fx->buf, x, 3);
  buf_printf(&fx->buf, " dec=%d exact=%d unbounded=%d sign=%d", x->dec,
             x->exact, x->unbounded, num_sign(x));
  return arena_strdup(&fx->arena, fx->buf.s);
}

static void test_num_parse_fast_and_general_agree(void **state) {
  Fix *fx = *state;
  /* The one-pass reader of plain figures and the general parser (with the
   * small form off) accept, reject and read the same texts. */
  static const char *texts[] = {
      "0", "-0", "0.00", "-0.00", "7", "-7", "1118.78", "-3.50", "007",
      "5.", ".5", "-.5", "-", "", "1.2.3", "--1", "+1", "1,234.5", " 12 ",
      "1e3", "12a", "999999999999999999", "-999999999999999999",
      "1000000000000000000", "99999999999999999.9", "0.000000000000000001",
      "0.0000000000000000001", "1234567890123456789012345678901234567890"};
  for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
    const char *t = texts[k];
    NumParseError es = NUM_OK, eb = NUM_OK;
    num_set_small_form(true);
    Num *xs = num_parse(&fx->arena, t, strlen(t), &es);
    num_set_small_form(false);
    Num *xb = num_parse(&fx->arena, t, strlen(t), &eb);
    num_set_small_form(true);
    if ((xs == NULL) != (xb == NULL) || es != eb)
      fail_msg("\"%s\": fast %s (%s), general %s (%s)", t, xs ? "ok" : "refused",
               num_parse_error_str(es), xb ? "ok" : "refused",
               num_parse_error_str(eb));
    if (xs)
      assert_string_equal(observe(fx, xs), observe(fx, xb));
  }
}

static void test_num_small_form_agrees_with_gmp(void **state) {
  Fix *fx = *state;
  /* The same random computations done once with the small form on and once
   * all in GMP must look the same in every respect a caller can see. */
  enum { POOL = 48, STEPS = 6000 };
  Num *sm[POOL], *bg[POOL];
  uint64_t st = 0x9E3779B97F4A7C15u;
  char fig[32];
  for (int i = 0; i < POOL; i++) {
    random_figure(&st, fig);
    num_set_small_form(true);
    sm[i] = P(fx, i == 0 ? "0" : i == 1 ? "0.00" : fig);
    num_set_small_form(false);
    bg[i] = P(fx, i == 0 ? "0" : i == 1 ? "0.00" : fig);
  }
  for (int step = 0; step < STEPS; step++) {
    int op = (int)(next_rand(&st) % NUM_N_OPS);
    int i = (int)(next_rand(&st) % POOL);
    int j = (int)(next_rand(&st) % POOL);
    int k = (int)(next_rand(&st) % 41) - 20;
    int dst = 2 + (int)(next_rand(&st) % (POOL - 2));
    num_set_small_form(true);
    Num *rs = num_apply_op(&fx->arena, op, sm[i], sm[j], k, k / 4,
                           (long)k * 1000003);
    num_set_small_form(false);
    Num *rb = num_apply_op(&fx->arena, op, bg[i], bg[j], k, k / 4,
                           (long)k * 1000003);
    num_set_small_form(true);
    assert_int_equal(rs == NULL, rb == NULL);
    assert_int_equal(num_cmp(sm[i], sm[j]), num_cmp(bg[i], bg[j]));
    assert_int_equal(num_approx(sm[i], sm[j]), num_approx(bg[i], bg[j]));
    assert_int_equal(num_within(sm[i], sm[j], sm[dst]),
                     num_within(bg[i], bg[j], bg[dst]));
    if (!rs)
      continue;
    const char *os = observe(fx, rs);
    const char *ob = observe(fx, rb);
    if (strcmp(os, ob) != 0)
      fail_msg("step %d op %d: small %s, GMP %s", step, op, os, ob);
    // Keep magnitudes in range: a result past 30 digits is replaced by a
    // fresh figure, so products do not grow without bound.
    if (strlen(os) > 120) {
      random_figure(&st, fig);
      rs = P(fx, fig);
      num_set_small_form(false);
      rb = P(fx, fig);
      num_set_small_form(true);
    }
    sm[dst] = rs;
    bg[dst] = rb;
  }
}

// Makes GMP's last arena one that has since been freed, struct and all.
static void use_a_gone_arena(void) {
  Arena *gone = malloc(sizeof *gone);
  assert_non_null(gone);
  arena_init(gone);
  assert_non_null(num_parse(gone, "123456789012345678901234567890", 30,
                            &(NumParseError){NUM_OK}));
  arena_free(gone);
  free(gone);
}

static void test_num_compare_huge_after_an_arena_is_gone(void **state) {
  Fix *fx = *state;
  /* Comparing two big values makes GMP allocate temporaries once they pass
   * what it keeps on the stack (~32 KB).  A comparison has no arena of its
   * own, so those must not go to whichever arena the thread used last:
   * here one that is gone (ASan reports the use after free). */
  Num *x = num_div(&fx->arena, L(fx, 3), L(fx, 2)); // exact 1.5
  for (int k = 0; k < 17; k++)
    x = num_mul(&fx->arena, x, x); // 3^131072 / 2^131072: ~26 KB of limbs
  Num *y = num_add(&fx->arena, x, L(fx, 1));
  use_a_gone_arena();
  assert_int_equal(num_cmp(x, y), -1);
  use_a_gone_arena();
  assert_false(num_approx(x, y)); // exact: no interval to bridge the 1
}

/* ---- memory ------------------------------------------------------------- */

static void test_num_arena_reset_releases(void **state) {
  Fix *fx = *state;
  // Hundreds of Nums with big limbs: the finalisers must clear all of them
  // (ASan/valgrind would report a leak otherwise) and the arena be reusable.
  for (int round = 0; round < 3; round++) {
    Num *acc = L(fx, 1);
    for (int i = 0; i < 300; i++)
      acc = num_mul(&fx->arena, acc, P(fx, "12345678901234567890.5"));
    assert_int_equal(num_sign(acc), 1);
    arena_reset(&fx->arena);
  }
  assert_string_equal(S(fx, num_add(&fx->arena, L(fx, 1), L(fx, 1))), "2");
}

/* ---- runner ------------------------------------------------------------- */

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      T(test_num_parse_plain),
      T(test_num_parse_signs),
      T(test_num_parse_negative_zero),
      T(test_num_parse_spaces),
      T(test_num_parse_length_bounded),
      T(test_num_parse_thousands),
      T(test_num_parse_grouping_errors),
      T(test_num_parse_exponent_errors),
      T(test_num_parse_empty_errors),
      T(test_num_parse_syntax_errors),
      T(test_num_parse_too_long),
      T(test_num_parse_error_strings),
      T(test_num_point_one_plus_point_two),
      T(test_num_forty_digit_exact),
      T(test_num_parse_19_and_20_digits),
      T(test_num_from_long_exact),
      T(test_num_exact_flag),
      T(test_num_sub_interval),
      T(test_num_mul_interval_signs),
      T(test_num_div_interval),
      T(test_num_div_by_zero_is_null),
      T(test_num_div_unbounded),
      T(test_num_unbounded_propagates),
      T(test_num_approx_rounded_sum_holds),
      T(test_num_approx_pct_fails),
      T(test_num_approx_pct_holds),
      T(test_num_approx_small_divisor),
      T(test_num_approx_ratio_slip),
      T(test_num_approx_closed_ends),
      T(test_num_within),
      T(test_num_round_half_away),
      T(test_num_round_negative_places),
      T(test_num_round_interval),
      T(test_num_trunc),
      T(test_num_scale10_wan_to_yuan),
      T(test_num_scale10_yuan_to_wan),
      T(test_num_neg_abs),
      T(test_num_min_max),
      T(test_num_format_leaf),
      T(test_num_format_computed_exact),
      T(test_num_format_computed_rounded),
      T(test_num_format_fixed),
      T(test_num_format_interval),
      T(test_num_format_appends),
      T(test_num_format_long_value),
      T(test_num_copy_independent),
      T(test_num_compare_huge_after_an_arena_is_gone),
      T(test_num_small_sum_overflows_into_big),
      T(test_num_small_and_big_mix),
      T(test_num_small_abs_of_straddling_interval),
      T(test_num_small_scale_limits),
      T(test_num_parse_fast_and_general_agree),
      T(test_num_small_form_agrees_with_gmp),
      T(test_num_arena_reset_releases),
  };
  if (argc > 1)
    cmocka_set_test_filter(argv[1]);
  return cmocka_run_group_tests(tests, NULL, NULL);
}
