/* runtime/num.h -- exact decimal numbers with rounding intervals (prefix num_).
 *
 * A Num is an exact rational (GMP mpq_t) -- no binary floating point ever
 * touches an amount -- plus the interval of true values it may stand for:
 * a figure written with k decimals stands for [v - ½·10⁻ᵏ, v + ½·10⁻ᵏ]
 * (it is a rounding of something in there); a bare "0" is exact (it means
 * "none").  Intervals propagate through
 * + − × ÷ and the builtins; `a ≈ b` holds iff the two intervals meet
 * (language.md, "Values and arithmetic").  An exact Num (counts, the 100 in
 * pct) has a zero-width interval.
 *
 * Every Num lives in an Arena: num_* constructors allocate there and register
 * an arena finaliser that clears the GMP limbs, so nothing is freed by hand. */
#ifndef FISC_NUM_H
#define FISC_NUM_H

#include <gmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lang/arena.h"
#include "lang/buf.h"
#include "lang/limits.h"


/* Two forms hold the same three rationals.  The small form, which nearly
 * every figure of a disclosure and every sum of them takes, keeps each as a
 * 64-bit integer over the shared denominator 2·10^scale (a written figure's
 * interval ends sit at half units of its last place, hence the 2); the big
 * form is GMP rationals.  An operation stays small while its result fits and
 * falls back to GMP otherwise; callers cannot tell the forms apart. */
/* The big form's rationals, allocated only for a big Num. */
typedef struct NumBig {
  mpq_t v;      // exact point value
  mpq_t lo, hi; // interval (lo <= v <= hi); unused if unbounded
} NumBig;

typedef struct Num {
  int64_t sv, slo, shi; // small form: value and interval, over 2·10^scale
  int scale;            // small form: 0 .. NUM_SMALL_MAX_SCALE
  int dec;        // decimals as written (leaf); for a sum or difference of
                  // such figures the larger of theirs; the precision chosen
                  // by num_round; -1 = computed otherwise, display naturally
  bool small;     // which form holds the value
  bool exact;     // zero-width interval (lo == hi == v)
  bool unbounded; // interval is the whole line (divided by an interval
                  // that contains zero); never in the small form
  NumBig *q;      // big form only (NULL in the small form)
} Num;

typedef enum {
  NUM_OK,
  NUM_EMPTY,      // nothing but spaces
  NUM_SYNTAX,     // not a number at all
  NUM_GROUPING,   // thousands separators in the wrong places ("1,2,3")
  NUM_EXPONENT,   // scientific notation ("1e400") is not accepted
  NUM_TOO_LONG,   // more than NUM_MAX_DIGITS digits
  NUM_TOO_PRECISE // more than NUM_MAX_DECIMALS decimals
} NumParseError;

/* Parses a written figure: optional sign (+, -, or the Unicode minus U+2212),
 * digits with optional thousands separators (',' in groups of three only),
 * optional '.' and decimals.  Leading/trailing ASCII spaces are ignored.  No
 * unit and no '%' (the caller strips them).  "-0" is zero.  Returns a leaf Num
 * (dec = number of written decimals, interval ±½ unit in the last place) or
 * NULL with the reason in [*err]. */
Num *num_parse(Arena *a, const char *s, size_t len, NumParseError *err);
/* Returns a short English phrase for [err], e.g. "misplaced thousands
 * separator". */
const char *num_parse_error_str(NumParseError err);

/* An exact integer (zero-width interval, dec 0). */
Num *num_from_long(Arena *a, long v);
/* A copy of [x]. */
Num *num_copy(Arena *a, const Num *x);
/* A copy of [x] that stands for a rounding even when exact: a bare "0"
 * read as a rate ("增长 0%") may be 0.29% rounded, unlike "0 万元". */
Num *num_as_rounded(Arena *a, const Num *x);

Num *num_add(Arena *a, const Num *x, const Num *y);
Num *num_sub(Arena *a, const Num *x, const Num *y);
Num *num_mul(Arena *a, const Num *x, const Num *y);
/* Returns x / y, or NULL when y's point value is zero (the caller reports
 * division by zero).  When y's interval contains zero, the result's interval
 * is unbounded. */
Num *num_div(Arena *a, const Num *x, const Num *y);
Num *num_neg(Arena *a, const Num *x);
Num *num_abs(Arena *a, const Num *x);
/* Returns x · 10^k exactly (k may be negative): unit conversion.  A leaf's
 * written decimals follow the point (dec - k, at least 0). */
Num *num_scale10(Arena *a, const Num *x, int k);
/* Returns x rounded to [n] decimals, half away from zero (四舍五入); the
 * interval is the rounding of the interval's ends; dec = n. */
Num *num_round(Arena *a, const Num *x, int n);
/* Returns x truncated toward zero to [n] decimals (for slip diagnosis). */
Num *num_trunc(Arena *a, const Num *x, int n);
/* min/max of two by point value (interval: min/max of ends). */
Num *num_min(Arena *a, const Num *x, const Num *y);
Num *num_max(Arena *a, const Num *x, const Num *y);

/* Exact comparison of point values: <0, 0, >0. */
int num_cmp(const Num *x, const Num *y);
int num_sign(const Num *x);
/* True iff the intervals of [x] and [y] meet (an unbounded one meets all). */
bool num_approx(const Num *x, const Num *y);
/* True iff |x − y| <= |tol| on point values (`a ≈ b ± t`). */
bool num_within(const Num *x, const Num *y, const Num *tol);

/* Appends [x] at its natural precision: a leaf (dec >= 0) with exactly dec
 * decimals ("1118.78", "0.10", "-3"); a computed value exactly if it is a
 * terminating decimal of at most 6 places, trailing zeros dropped ("0.3",
 * "22.5"), otherwise rounded half away from zero to 4 places and followed by
 * "…" ("56.6814…", "0.3333…").  Never an exponent, never a float artefact. */
void num_format(Buf *out, const Num *x);
/* Appends the interval as "[lo, hi]" with lo/hi formatted like computed
 * values, or "(unbounded)". */
void num_format_interval(Buf *out, const Num *x);
/* Appends [x] with exactly [n] decimals, rounded half away from zero. */
void num_format_fixed(Buf *out, const Num *x, int n);

/* For tests only: with [on] false every Num is built in the big form, so a
 * test can check that both forms compute the same thing.  Not thread-safe;
 * the default is on. */
void num_set_small_form(bool on);

#endif
