/* runtime/num.c -- exact decimal numbers with rounding intervals (prefix num_).
 *
 * Values are GMP rationals; the interval [lo, hi] around each value says which
 * true figures a rounded one may stand for, and is carried through arithmetic
 * so that `≈` can ask whether two sides could be roundings of the same thing.
 * This file parses, computes, rounds, compares and prints; it knows nothing
 * about units (callers scale with num_scale10) or about missing values. */
#include "runtime/num.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Places a computed value may have and still print exactly ("0.3", "22.5");
// a longer or non-terminating one is rounded to NUM_APPROX_PLACES and marked.
#define NUM_EXACT_PLACES 6
#define NUM_APPROX_PLACES 4
// Bytes of digits that fit the stack buffer in put_decimal; longer values
// (possible: 40-digit figures multiplied together) use a scratch Buf.
#define NUM_STACK_DIGITS 128

// U+2026 HORIZONTAL ELLIPSIS in UTF-8: marks a value shown rounded.
static const char ELLIPSIS[] = "\xE2\x80\xA6";

// 10^0 .. 10^9 fit in any unsigned long (at least 32 bits), so the common
// decimal counts need no big-number power at all.
static const unsigned long POW10_SMALL[] = {
    1ul,      10ul,      100ul,      1000ul,      10000ul,
    100000ul, 1000000ul, 10000000ul, 100000000ul, 1000000000ul};
#define NUM_POW10_SMALL (sizeof POW10_SMALL / sizeof POW10_SMALL[0])

/* The small form's largest scale.  10^18 fits in 64 bits, and bringing two
 * small integers (|n| < 2^63) to a common scale multiplies one by at most
 * 10^18, which stays far inside __int128 (< 2^127). */
#define NUM_SMALL_MAX_SCALE 18
static const int64_t P10[NUM_SMALL_MAX_SCALE + 1] = {
    1,
    10,
    100,
    1000,
    10000,
    100000,
    1000000,
    10000000,
    100000000,
    1000000000,
    10000000000,
    100000000000,
    1000000000000,
    10000000000000,
    100000000000000,
    1000000000000000,
    10000000000000000,
    100000000000000000,
    1000000000000000000};

_Static_assert(sizeof(long) >= sizeof(int64_t),
               "mpz_set_si must take a 64-bit small-form integer");

// Off only in tests that compare the two forms (num_set_small_form).
static bool small_form_on = true;

void num_set_small_form(bool on) { small_form_on = on; }

/* ------------------------------------------------------------------------ */
/* Allocation                                                               */
/* ------------------------------------------------------------------------ */

// Sets [r] to 10^k (k >= 0).
static void pow10_z(mpz_t r, unsigned k) {
  if (k < NUM_POW10_SMALL)
    mpz_set_ui(r, POW10_SMALL[k]);
  else
    mpz_ui_pow_ui(r, 10, k);
}

/* GMP's limbs live in the arena of the Num they belong to: GMP allocates
 * through the functions below, which take memory from the thread's current
 * arena (set by gmp_use at the start of every num_* function that builds a
 * Num) and from malloc otherwise (temporaries of the formatting functions).
 * Every block carries a small header saying which, so GMP's frees and
 * reallocs go to the right place; an arena block's free is a no-op, since
 * the arena releases it whole.  This takes malloc/free -- about a third of
 * the time of a check -- out of exact arithmetic. */
typedef struct GmpBlock {
  uint64_t arena; // 1: arena memory, 0: malloc
  uint64_t size;
} GmpBlock;

static _Thread_local Arena *gmp_arena;

static void gmp_use(Arena *a) { gmp_arena = a; }

static void *gmp_alloc(size_t n) {
  GmpBlock *b;
  if (gmp_arena) {
    b = arena_alloc(gmp_arena, sizeof *b + n);
    b->arena = 1;
  } else {
    b = malloc(sizeof *b + n);
    if (!b) {
      fputs("fisc: out of memory\n", stderr);
      exit(2);
    }
    b->arena = 0;
  }
  b->size = n;
  return b + 1;
}

static void *gmp_realloc(void *p, size_t old, size_t n) {
  GmpBlock *b = (GmpBlock *)p - 1;
  (void)old;
  if (!b->arena) {
    GmpBlock *r = realloc(b, sizeof *r + n);
    if (!r) {
      fputs("fisc: out of memory\n", stderr);
      exit(2);
    }
    r->size = n;
    return r + 1;
  }
  if (n <= b->size)
    return p;
  void *q = gmp_alloc(n);
  memcpy(q, p, b->size);
  return q;
}

static void gmp_free(void *p, size_t n) {
  (void)n;
  GmpBlock *b = (GmpBlock *)p - 1;
  if (!b->arena)
    free(b);
}

/* Installs the allocator before main() runs, so that no GMP block exists
 * that was allocated another way. */
__attribute__((constructor)) static void gmp_setup(void) {
  mp_set_memory_functions(gmp_alloc, gmp_realloc, gmp_free);
}

// Arena finaliser: releases the GMP limbs of one Num.
static void num_final(void *p) {
  Num *x = p;
  mpq_clear(x->q->v);
  mpq_clear(x->q->lo);
  mpq_clear(x->q->hi);
}

/* Returns a zero big-form Num in [a] (exact, computed, bounded) whose limbs
 * the arena clears on reset/free.  Every big Num comes from here. */
static Num *new_num(Arena *a) {
  Num *x = arena_alloc(a, sizeof *x);
  x->small = false;
  x->sv = x->slo = x->shi = 0;
  x->scale = 0;
  x->q = arena_alloc(a, sizeof *x->q);
  mpq_init(x->q->v);
  mpq_init(x->q->lo);
  mpq_init(x->q->hi);
  x->dec = -1;
  x->exact = true;
  x->unbounded = false;
  // Limbs from the arena (gmp_use) need no finaliser; from malloc they do.
  if (gmp_arena != a)
    arena_defer(a, num_final, x);
  return x;
}

// Makes [x] an exact number: its interval collapses onto its value.
static void set_exact(Num *x) {
  mpq_set(x->q->lo, x->q->v);
  mpq_set(x->q->hi, x->q->v);
  x->exact = true;
  x->unbounded = false;
}

/* ------------------------------------------------------------------------ */
/* The small form                                                           */
/* ------------------------------------------------------------------------ */

/* Returns a small-form Num in [a]: value [v], interval [lo, hi], all over
 * 2·10^[scale].  It holds no GMP limbs, so it needs no finaliser.  The
 * exact flag is passed, not derived from lo == hi, because the big form
 * keeps it the same way (x × an exact 0 is not exact there either). */
static Num *new_small(Arena *a, int64_t v, int64_t lo, int64_t hi, int scale,
                      bool exact) {
  Num *x = arena_alloc(a, sizeof *x);
  x->sv = v;
  x->slo = lo;
  x->shi = hi;
  x->scale = scale;
  x->small = true;
  x->dec = -1;
  x->exact = exact;
  x->unbounded = false;
  x->q = NULL;
  return x;
}

/* True when [n] may be held: INT64_MIN is refused so that negation and
 * absolute value never overflow. */
static bool fits(int64_t n) { return n != INT64_MIN; }

/* Brings [x]'s three integers to the larger scale [t] into [out]; false
 * when one of them would not fit in 64 bits. */
static bool align(const Num *x, int t, int64_t out[3]) {
  int64_t m = P10[t - x->scale];
  return !__builtin_mul_overflow(x->sv, m, &out[0]) &&
         !__builtin_mul_overflow(x->slo, m, &out[1]) &&
         !__builtin_mul_overflow(x->shi, m, &out[2]) && fits(out[0]) &&
         fits(out[1]) && fits(out[2]);
}

/* Compares n/(2·10^s) with m/(2·10^t): <0, 0, >0.  Exact in __int128. */
static int cmp_small(int64_t n, int s, int64_t m, int t) {
  __int128 p = n;
  __int128 q = m;
  if (s < t)
    p *= P10[t - s];
  else
    q *= P10[s - t];
  return (p > q) - (p < q);
}

/* Compares the rational [q] with n/(2·10^scale) (<0, 0, >0) without
 * building the second: 2·10^18 still fits an unsigned long. */
static int cmp_q_small(mpq_srcptr q, int64_t n, int scale) {
  int c = mpq_cmp_si(q, (long)n, 2 * (unsigned long)P10[scale]);
  return (c > 0) - (c < 0);
}

// Sets [q] to n / (2·10^scale), in lowest terms.
static void small_q(mpq_t q, int64_t n, int scale) {
  mpz_set_si(mpq_numref(q), (long)n);
  pow10_z(mpq_denref(q), (unsigned)scale);
  mpz_mul_2exp(mpq_denref(q), mpq_denref(q), 1);
  mpq_canonicalize(q);
}

/* Returns [x] in the big form: [x] itself, or a copy built in [a] (GMP
 * must already allocate from [a]: gmp_use).  Operations whose small
 * result would not fit, and those the small form cannot express
 * (division), go through here. */
static const Num *big(Arena *a, const Num *x) {
  if (!x->small)
    return x;
  Num *r = new_num(a);
  small_q(r->q->v, x->sv, x->scale);
  small_q(r->q->lo, x->slo, x->scale);
  small_q(r->q->hi, x->shi, x->scale);
  r->dec = x->dec;
  r->exact = x->exact;
  return r;
}

/* A read-only big view of a Num, for the functions that have no arena
 * (comparison, formatting): a small Num is expanded into temporaries that
 * view_close releases.  The thread's GMP arena is restored on close, so a
 * view may be opened in the middle of arena work. */
typedef struct View {
  mpq_srcptr v, lo, hi;
  mpq_t own[3];
  bool owned;
  Arena *saved;
} View;

static void view_open(View *w, const Num *x) {
  w->owned = x->small;
  if (!x->small) {
    w->v = x->q->v;
    w->lo = x->q->lo;
    w->hi = x->q->hi;
    return;
  }
  w->saved = gmp_arena;
  gmp_use(NULL);
  const int64_t n[3] = {x->sv, x->slo, x->shi};
  for (int k = 0; k < 3; k++) {
    mpq_init(w->own[k]);
    small_q(w->own[k], n[k], x->scale);
  }
  w->v = w->own[0];
  w->lo = w->own[1];
  w->hi = w->own[2];
}

static void view_close(View *w) {
  if (!w->owned)
    return;
  for (int k = 0; k < 3; k++)
    mpq_clear(w->own[k]);
  gmp_use(w->saved);
}

/* Returns the exact integer [v]: zero-width interval, shown with no
 * decimals.  Counts and the 100 of a percentage come from here. */
Num *num_from_long(Arena *a, long v) {
  if (small_form_on && v > -(INT64_MAX / 2) && v < INT64_MAX / 2) {
    Num *x = new_small(a, 2 * (int64_t)v, 2 * (int64_t)v, 2 * (int64_t)v, 0,
                       true);
    x->dec = 0;
    return x;
  }
  gmp_use(a);
  Num *x = new_num(a);
  mpq_set_si(x->q->v, v, 1);
  set_exact(x);
  x->dec = 0;
  return x;
}

/* Returns a copy of [x] in [a]: a Num never shares limbs with another, so
 * the copy may outlive [x]'s arena. */
Num *num_copy(Arena *a, const Num *x) {
  if (x->small) {
    Num *r = arena_alloc(a, sizeof *r);
    *r = *x;
    return r;
  }
  gmp_use(a);
  Num *r = new_num(a);
  mpq_set(r->q->v, x->q->v);
  mpq_set(r->q->lo, x->q->lo);
  mpq_set(r->q->hi, x->q->hi);
  r->dec = x->dec;
  r->exact = x->exact;
  r->unbounded = x->unbounded;
  return r;
}

/* ------------------------------------------------------------------------ */
/* Parsing                                                                  */
/* ------------------------------------------------------------------------ */

// ASCII white space around a figure (CSV cells may keep a stray CR or tab).
static bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
         c == '\f';
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* Returns the leaf for the digit string [digits] (no sign, point or commas)
 * read as ±digits / 10^dec, negative if [neg].  A figure written N·10^-dec stands for
 * every true value that rounds to it, [(2N-1)/(2·10^dec), (2N+1)/(2·10^dec)],
 * so both ends are built from N directly, with no temporaries. */
static Num *make_leaf(Arena *a, const char *digits, bool neg, int dec) {
  // Digits are pre-validated.  Up to 18 of them, doubled and ±1, fit in
  // 64 bits: nearly every figure becomes a small Num with no GMP at all.
  size_t nd = strlen(digits);
  if (small_form_on && nd <= NUM_SMALL_MAX_SCALE) {
    int64_t v = 0;
    for (size_t k = 0; k < nd; k++)
      v = v * 10 + (digits[k] - '0');
    v = neg ? -2 * v : 2 * v;
    // A bare "0" is exact, as below.
    bool none = dec == 0 && v == 0;
    Num *x = new_small(a, v, none ? v : v - 1, none ? v : v + 1, dec, none);
    x->dec = dec;
    return x;
  }
  Num *x = new_num(a);
  mpz_ptr n = mpq_numref(x->q->v);
  // Up to 19 digits fit in 64 bits and skip the general base conversion.
  if (nd <= 19 && sizeof(unsigned long) >= 8) {
    unsigned long v = 0;
    for (size_t k = 0; k < nd; k++)
      v = v * 10 + (unsigned long)(digits[k] - '0');
    mpz_set_ui(n, v);
  } else {
    mpz_set_str(n, digits, 10);
  }
  if (neg)
    mpz_neg(n, n);
  pow10_z(mpq_denref(x->q->v), (unsigned)dec);

  mpz_mul_2exp(mpq_numref(x->q->lo), n, 1);
  mpz_sub_ui(mpq_numref(x->q->lo), mpq_numref(x->q->lo), 1);
  mpz_mul_2exp(mpq_denref(x->q->lo), mpq_denref(x->q->v), 1);
  mpz_mul_2exp(mpq_numref(x->q->hi), n, 1);
  mpz_add_ui(mpq_numref(x->q->hi), mpq_numref(x->q->hi), 1);
  mpz_set(mpq_denref(x->q->hi), mpq_denref(x->q->lo));

  mpq_canonicalize(x->q->v);
  mpq_canonicalize(x->q->lo);
  mpq_canonicalize(x->q->hi);
  x->dec = dec;
  x->exact = false;
  x->unbounded = false;
  // A bare "0" means "none" (no such expense), not "something that rounds
  // to 0": tables and prose write 0 for an empty line, whatever the column's
  // precision.  "0.00" keeps its interval: it may be a rounded 0.004.
  if (dec == 0 && mpz_sgn(n) == 0)
    set_exact(x);
  return x;
}

/* Parses a figure; see num.h for the accepted form.  The text is scanned
 * once for its shape (sign, digit groups, point, decimals) and classified
 * before any GMP work, so a rejected figure costs no allocation.  When a
 * text is wrong in several ways the most basic reason wins: SYNTAX (or
 * EXPONENT, a particular kind of trailing junk), then GROUPING, then
 * TOO_LONG.  Digits are required on both sides of a point: ".5" and "5."
 * are refused, as no table or rule writes them and they often mark a typo. */
/* The common case of num_parse in one pass: an optional '-', at most 18
 * digits with at most one '.' between digits, nothing else (no blanks, no
 * separators).  Returns NULL for anything else, which the general parser
 * then reads (or rejects) the long way. */
static Num *parse_plain(Arena *a, const char *s, size_t len) {
  size_t i = len > 0 && s[0] == '-';
  bool neg = i == 1;
  size_t start = i;
  int64_t v = 0;
  int digits = 0;
  int dec = -1; // digits after the point, -1 before it
  for (; i < len; i++) {
    char c = s[i];
    if (is_digit(c)) {
      if (++digits > NUM_SMALL_MAX_SCALE)
        return NULL; // before v could overflow
      v = v * 10 + (c - '0');
      if (dec >= 0)
        dec++;
    } else if (c == '.' && dec < 0 && i > start && i + 1 < len) {
      dec = 0;
    } else {
      return NULL;
    }
  }
  if (digits == 0 || !small_form_on)
    return NULL;
  if (dec < 0)
    dec = 0;
  v = neg ? -2 * v : 2 * v;
  bool none = dec == 0 && v == 0; // a bare "0" is exact (make_leaf)
  Num *x = new_small(a, v, none ? v : v - 1, none ? v : v + 1, dec, none);
  x->dec = dec;
  return x;
}

Num *num_parse(Arena *a, const char *s, size_t len, NumParseError *err) {
  Num *fast = parse_plain(a, s, len);
  if (fast) {
    *err = NUM_OK;
    return fast;
  }
  gmp_use(a);
  size_t i = 0;
  size_t end = len;
  while (i < end && is_space(s[i]))
    i++;
  while (end > i && is_space(s[end - 1]))
    end--;
  if (i == end) {
    *err = NUM_EMPTY;
    return NULL;
  }

  bool neg = false;
  if (s[i] == '+') {
    i++;
  } else if (s[i] == '-') {
    neg = true;
    i++;
  } else if (end - i >= 3 && memcmp(s + i, "\xE2\x88\x92", 3) == 0) {
    neg = true; // U+2212 MINUS SIGN, as typeset documents write it
    i += 3;
  }

  // Integer part: digits, optionally in groups "d{1,3}(,ddd)*".
  size_t int_start = i;
  int int_digits = 0;
  int group = 0; // digits since the last comma (or the start)
  bool commas = false;
  bool bad_group = false;
  for (; i < end; i++) {
    if (is_digit(s[i])) {
      int_digits++;
      group++;
    } else if (s[i] == ',') {
      if (commas ? group != 3 : group < 1 || group > 3)
        bad_group = true;
      commas = true;
      group = 0;
    } else {
      break;
    }
  }
  if (commas && group != 3)
    bad_group = true;
  size_t int_end = i;

  // Fraction: digits only; a comma there is a misplaced separator.
  bool point = false;
  int frac_digits = 0;
  size_t frac_start = i;
  if (i < end && s[i] == '.') {
    point = true;
    frac_start = ++i;
    for (; i < end && (is_digit(s[i]) || s[i] == ','); i++) {
      if (s[i] == ',')
        bad_group = true;
      else
        frac_digits++;
    }
  }
  size_t frac_end = i;

  if (int_digits == 0 && frac_digits == 0) {
    *err = NUM_SYNTAX; // "", ".", "-", "abc", ","
    return NULL;
  }
  if (i < end) {
    *err = s[i] == 'e' || s[i] == 'E' ? NUM_EXPONENT : NUM_SYNTAX;
    return NULL;
  }
  if (int_digits == 0 || (point && frac_digits == 0)) {
    *err = NUM_SYNTAX;
    return NULL;
  }
  if (bad_group) {
    *err = NUM_GROUPING;
    return NULL;
  }
  if (int_digits + frac_digits > NUM_MAX_DIGITS) {
    *err = NUM_TOO_LONG;
    return NULL;
  }
  if (frac_digits > NUM_MAX_DECIMALS) {
    *err = NUM_TOO_PRECISE;
    return NULL;
  }

  // Gather the digits without separators or point: N in N·10^-dec.
  char digits[NUM_MAX_DIGITS + 1];
  int n = 0;
  for (size_t j = int_start; j < int_end; j++)
    if (is_digit(s[j]))
      digits[n++] = s[j];
  for (size_t j = frac_start; j < frac_end; j++)
    digits[n++] = s[j];
  digits[n] = '\0';

  *err = NUM_OK;
  return make_leaf(a, digits, neg, frac_digits);
}

const char *num_parse_error_str(NumParseError err) {
  switch (err) {
  case NUM_OK:
    return "no error";
  case NUM_EMPTY:
    return "empty number";
  case NUM_SYNTAX:
    return "not a number";
  case NUM_GROUPING:
    return "misplaced thousands separator";
  case NUM_EXPONENT:
    return "exponent notation is not accepted";
  case NUM_TOO_LONG:
    return "too many digits";
  case NUM_TOO_PRECISE:
    return "too many decimals (at most 40)";
  }
  return "unknown number error";
}

Num *num_as_rounded(Arena *a, const Num *x) {
  gmp_use(a);
  if (!x->exact || x->dec < 0)
    return num_copy(a, x);
  if (x->small) {
    // ½·10^-dec is 10^(t-dec) units of 1/(2·10^t).
    int t = x->scale > x->dec ? x->scale : x->dec;
    int64_t n[3];
    int64_t lo, hi;
    if (t <= NUM_SMALL_MAX_SCALE && align(x, t, n) &&
        !__builtin_sub_overflow(n[0], P10[t - x->dec], &lo) &&
        !__builtin_add_overflow(n[0], P10[t - x->dec], &hi) && fits(lo)) {
      Num *r = new_small(a, n[0], lo, hi, t, false);
      r->dec = x->dec;
      return r;
    }
  }
  x = big(a, x);
  Num *r = num_copy(a, x);
  mpq_t half;
  mpq_init(half);
  // ½·10^-dec
  mpz_set_ui(mpq_numref(half), 1);
  pow10_z(mpq_denref(half), (unsigned)x->dec);
  mpz_mul_2exp(mpq_denref(half), mpq_denref(half), 1);
  mpq_canonicalize(half);
  mpq_sub(r->q->lo, x->q->v, half);
  mpq_add(r->q->hi, x->q->v, half);
  mpq_clear(half);
  r->exact = false;
  return r;
}

/* ------------------------------------------------------------------------ */
/* Arithmetic                                                               */
/* ------------------------------------------------------------------------ */

/* Returns a computed Num for an operation on [x] and [y] with the interval
 * still to fill in: exact iff both are, unbounded if either is. */
static Num *new_result(Arena *a, const Num *x, const Num *y) {
  Num *r = new_num(a);
  r->exact = x->exact && y->exact;
  r->unbounded = x->unbounded || y->unbounded;
  return r;
}

// Sets [r]'s interval to the hull of the four end products/quotients in [p].
static void hull4(Num *r, mpq_t p[4]) {
  int lo = 0;
  int hi = 0;
  for (int k = 1; k < 4; k++) {
    if (mpq_cmp(p[k], p[lo]) < 0)
      lo = k;
    if (mpq_cmp(p[k], p[hi]) > 0)
      hi = k;
  }
  mpq_set(r->q->lo, p[lo]);
  mpq_set(r->q->hi, p[hi]);
}

/* The display precision of a sum or difference: a sum of figures written
 * with 2 decimals is itself a figure with 2 decimals (59.00, not 59); -1
 * (natural precision) when either side is computed otherwise. */
static int sum_dec(const Num *x, const Num *y) {
  if (x->dec < 0 || y->dec < 0)
    return -1;
  return x->dec > y->dec ? x->dec : y->dec;
}

/* Returns x + y (or x − y if [minus]) in the small form, or NULL when a
 * result would not fit. */
static Num *small_sum(Arena *a, const Num *x, const Num *y, bool minus) {
  int t = x->scale > y->scale ? x->scale : y->scale;
  int64_t p[3], q[3], r[3];
  if (!align(x, t, p) || !align(y, t, q))
    return NULL;
  bool over;
  if (minus)
    over = __builtin_sub_overflow(p[0], q[0], &r[0]) |
           __builtin_sub_overflow(p[1], q[2], &r[1]) |
           __builtin_sub_overflow(p[2], q[1], &r[2]);
  else
    over = __builtin_add_overflow(p[0], q[0], &r[0]) |
           __builtin_add_overflow(p[1], q[1], &r[1]) |
           __builtin_add_overflow(p[2], q[2], &r[2]);
  if (over || !fits(r[0]) || !fits(r[1]) || !fits(r[2]))
    return NULL;
  Num *s = new_small(a, r[0], r[1], r[2], t, x->exact && y->exact);
  s->dec = sum_dec(x, y);
  return s;
}

/* Returns x + y, or x − y if [minus]: the interval is [x.lo + y.lo, x.hi +
 * y.hi], or [x.lo − y.hi, x.hi − y.lo]; the display precision is that of
 * the more precise side (sum_dec). */
static Num *add_or_sub(Arena *a, const Num *x, const Num *y, bool minus) {
  if (x->small && y->small) {
    Num *s = small_sum(a, x, y, minus);
    if (s)
      return s;
  }
  gmp_use(a);
  x = big(a, x);
  y = big(a, y);
  Num *r = new_result(a, x, y);
  r->dec = sum_dec(x, y);
  if (minus)
    mpq_sub(r->q->v, x->q->v, y->q->v);
  else
    mpq_add(r->q->v, x->q->v, y->q->v);
  if (r->exact) {
    set_exact(r);
  } else if (!r->unbounded && minus) {
    mpq_sub(r->q->lo, x->q->lo, y->q->hi);
    mpq_sub(r->q->hi, x->q->hi, y->q->lo);
  } else if (!r->unbounded) {
    mpq_add(r->q->lo, x->q->lo, y->q->lo);
    mpq_add(r->q->hi, x->q->hi, y->q->hi);
  }
  return r;
}

Num *num_add(Arena *a, const Num *x, const Num *y) {
  return add_or_sub(a, x, y, false);
}

Num *num_sub(Arena *a, const Num *x, const Num *y) {
  return add_or_sub(a, x, y, true);
}

// Sets [*r] to 5·n·m; false on overflow.
static bool mul5(int64_t n, int64_t m, int64_t *r) {
  int64_t p;
  return !__builtin_mul_overflow(n, m, &p) &&
         !__builtin_mul_overflow(p, 5, r) && fits(*r);
}

/* Returns x × y in the small form, or NULL when it does not fit.  Over
 * 2·10^s and 2·10^u the product has denominator 4·10^(s+u), which is
 * 2·10^(s+u+1) with the numerator times 5.  Trailing decimal zeros common
 * to the three integers are then dropped to keep the scale low. */
static Num *small_mul(Arena *a, const Num *x, const Num *y) {
  int t = x->scale + y->scale + 1;
  if (t > NUM_SMALL_MAX_SCALE)
    return NULL;
  int64_t v, lo, hi;
  if (!mul5(x->sv, y->sv, &v))
    return NULL;
  bool exact = x->exact && y->exact;
  if (exact) {
    lo = hi = v;
  } else {
    int64_t p[4];
    if (!mul5(x->slo, y->slo, &p[0]) || !mul5(x->slo, y->shi, &p[1]) ||
        !mul5(x->shi, y->slo, &p[2]) || !mul5(x->shi, y->shi, &p[3]))
      return NULL;
    lo = hi = p[0];
    for (int k = 1; k < 4; k++) {
      lo = p[k] < lo ? p[k] : lo;
      hi = p[k] > hi ? p[k] : hi;
    }
  }
  while (t > 0 && v % 10 == 0 && lo % 10 == 0 && hi % 10 == 0) {
    v /= 10;
    lo /= 10;
    hi /= 10;
    t--;
  }
  return new_small(a, v, lo, hi, t, exact);
}

/* Returns x × y: the interval runs from the least to the greatest of the
 * four end products (signs make any of them the extreme one). */
Num *num_mul(Arena *a, const Num *x, const Num *y) {
  if (x->small && y->small) {
    Num *s = small_mul(a, x, y);
    if (s)
      return s;
  }
  gmp_use(a);
  x = big(a, x);
  y = big(a, y);
  Num *r = new_result(a, x, y);
  mpq_mul(r->q->v, x->q->v, y->q->v);
  if (r->exact) {
    set_exact(r);
  } else if (!r->unbounded) {
    mpq_t p[4];
    for (int k = 0; k < 4; k++)
      mpq_init(p[k]);
    mpq_mul(p[0], x->q->lo, y->q->lo);
    mpq_mul(p[1], x->q->lo, y->q->hi);
    mpq_mul(p[2], x->q->hi, y->q->lo);
    mpq_mul(p[3], x->q->hi, y->q->hi);
    hull4(r, p);
    for (int k = 0; k < 4; k++)
      mpq_clear(p[k]);
  }
  return r;
}

/* Returns x ÷ y (exact rational), or NULL when y's value is zero.  If y's
 * interval contains zero the quotient could be anything, so the result is
 * unbounded; otherwise it runs between the extreme end quotients. */
/* Sets [q] to (n·10^u) / (m·10^s), in lowest terms; m != 0. */
static void quot_q(mpq_t q, int64_t n, int u, int64_t m, int s) {
  if (m < 0) {
    n = -n; // neither is INT64_MIN (fits)
    m = -m;
  }
  mpz_set_si(mpq_numref(q), (long)n);
  mpz_mul_ui(mpq_numref(q), mpq_numref(q), (unsigned long)P10[u]);
  mpz_set_ui(mpq_denref(q), (unsigned long)m);
  mpz_mul_ui(mpq_denref(q), mpq_denref(q), (unsigned long)P10[s]);
  mpq_canonicalize(q);
}

/* x ÷ y for two small Nums whose divisor interval excludes zero: the
 * quotient is (X·10^u)/(Y·10^s) for X over 2·10^s and Y over 2·10^u.  The
 * extreme end quotients are found by cross-multiplying the 64-bit ends in
 * __int128 (the common factor 10^u/10^s does not change the order), so
 * only three rationals are built. */
static Num *small_div(Arena *a, const Num *x, const Num *y) {
  Num *r = new_result(a, x, y);
  quot_q(r->q->v, x->sv, y->scale, y->sv, x->scale);
  if (r->exact) {
    set_exact(r);
    return r;
  }
  const int64_t xe[2] = {x->slo, x->shi};
  const int64_t ye[2] = {y->slo, y->shi}; // same sign, nonzero
  int lo_i = 0, lo_j = 0, hi_i = 0, hi_j = 0;
  for (int i = 0; i < 2; i++)
    for (int j = 0; j < 2; j++) {
      // n/m < p/q with m, q of one sign  <=>  n·q < p·m (both positive or
      // both negative denominators give a positive product m·q).
      __int128 c = (__int128)xe[i] * ye[lo_j] - (__int128)xe[lo_i] * ye[j];
      if (c < 0) {
        lo_i = i;
        lo_j = j;
      }
      c = (__int128)xe[i] * ye[hi_j] - (__int128)xe[hi_i] * ye[j];
      if (c > 0) {
        hi_i = i;
        hi_j = j;
      }
    }
  quot_q(r->q->lo, xe[lo_i], y->scale, ye[lo_j], x->scale);
  quot_q(r->q->hi, xe[hi_i], y->scale, ye[hi_j], x->scale);
  return r;
}

Num *num_div(Arena *a, const Num *x, const Num *y) {
  if (num_sign(y) == 0)
    return NULL;
  gmp_use(a);
  if (x->small && y->small && (y->exact || (y->slo > 0) == (y->shi > 0)) &&
      y->slo != 0 && y->shi != 0)
    return small_div(a, x, y);
  x = big(a, x);
  y = big(a, y);
  Num *r = new_result(a, x, y);
  mpq_div(r->q->v, x->q->v, y->q->v);
  if (r->exact) {
    set_exact(r);
    return r;
  }
  if (!r->unbounded && mpq_sgn(y->q->lo) <= 0 && mpq_sgn(y->q->hi) >= 0)
    r->unbounded = true;
  if (!r->unbounded) {
    mpq_t p[4];
    for (int k = 0; k < 4; k++)
      mpq_init(p[k]);
    mpq_div(p[0], x->q->lo, y->q->lo);
    mpq_div(p[1], x->q->lo, y->q->hi);
    mpq_div(p[2], x->q->hi, y->q->lo);
    mpq_div(p[3], x->q->hi, y->q->hi);
    hull4(r, p);
    for (int k = 0; k < 4; k++)
      mpq_clear(p[k]);
  }
  return r;
}

/* Returns −x.  Negation loses no precision, so the written decimals stay
 * ("-3.50" still prints with two). */
Num *num_neg(Arena *a, const Num *x) {
  if (x->small) {
    Num *r = new_small(a, -x->sv, -x->shi, -x->slo, x->scale, x->exact);
    r->dec = x->dec;
    return r;
  }
  gmp_use(a);
  Num *r = num_copy(a, x);
  mpq_neg(r->q->v, x->q->v);
  mpq_neg(r->q->lo, x->q->hi);
  mpq_neg(r->q->hi, x->q->lo);
  return r;
}

/* Returns |x|, keeping the written decimals.  An interval straddling zero
 * folds onto [0, max(−lo, hi)]. */
Num *num_abs(Arena *a, const Num *x) {
  if (x->small) {
    if (x->slo >= 0)
      return num_copy(a, x);
    if (x->shi <= 0)
      return num_neg(a, x);
    int64_t hi = -x->slo > x->shi ? -x->slo : x->shi;
    Num *r = new_small(a, x->sv < 0 ? -x->sv : x->sv, 0, hi, x->scale,
                       x->exact);
    r->dec = x->dec;
    return r;
  }
  gmp_use(a);
  Num *r = num_copy(a, x);
  mpq_abs(r->q->v, x->q->v);
  if (x->unbounded || mpq_sgn(x->q->lo) >= 0)
    return r;
  if (mpq_sgn(x->q->hi) <= 0) {
    mpq_neg(r->q->lo, x->q->hi);
    mpq_neg(r->q->hi, x->q->lo);
  } else {
    mpq_set_ui(r->q->lo, 0, 1);
    mpq_neg(r->q->hi, x->q->lo);
    if (mpq_cmp(r->q->hi, x->q->hi) < 0)
      mpq_set(r->q->hi, x->q->hi);
  }
  return r;
}

// Sets [q] to [q]·10^k exactly (k may be negative).
static void scale_q(mpq_t q, const mpz_t p, int k) {
  if (k >= 0)
    mpz_mul(mpq_numref(q), mpq_numref(q), p);
  else
    mpz_mul(mpq_denref(q), mpq_denref(q), p);
  mpq_canonicalize(q);
}

/* Returns x·10^k exactly, for unit conversion (4.8 万元 = 48000 元).  The
 * interval scales with the value: 4.8 万元 still means [4.75, 4.85] 万元,
 * i.e. [47500, 48500] 元.  A leaf's written decimals follow the point:
 * dec − k, at least 0 (48000 元 back to 万元 shows as 4.8000). */
Num *num_scale10(Arena *a, const Num *x, int k) {
  gmp_use(a);
  if (k == 0)
    return num_copy(a, x);
  if (x->small && k >= -NUM_SMALL_MAX_SCALE && k <= NUM_SMALL_MAX_SCALE) {
    // ×10^k lowers the scale by k; below 0 the integers take the rest.
    int t = x->scale - k;
    int64_t n[3] = {x->sv, x->slo, x->shi};
    bool ok = t <= NUM_SMALL_MAX_SCALE;
    if (ok && t < 0) {
      Num tmp = *x;
      tmp.scale = 0;
      ok = -t <= NUM_SMALL_MAX_SCALE && align(&tmp, -t, n);
      t = 0;
    }
    if (ok) {
      Num *r = new_small(a, n[0], n[1], n[2], t, x->exact);
      r->dec = x->dec >= 0 ? (x->dec - k > 0 ? x->dec - k : 0) : x->dec;
      return r;
    }
  }
  x = big(a, x);
  Num *r = num_copy(a, x);
  mpz_t p;
  mpz_init(p);
  pow10_z(p, k > 0 ? (unsigned)k : 0u - (unsigned)k);
  scale_q(r->q->v, p, k);
  scale_q(r->q->lo, p, k);
  scale_q(r->q->hi, p, k);
  mpz_clear(p);
  if (r->dec >= 0)
    r->dec = r->dec - k > 0 ? r->dec - k : 0;
  return r;
}

/* ------------------------------------------------------------------------ */
/* Rounding                                                                 */
/* ------------------------------------------------------------------------ */

/* Sets [q] to the integer x·10^n, rounded half away from zero (四舍五入)
 * when [away], else truncated toward zero.  [n] may be negative. */
static void scaled_int(mpz_t q, const mpq_t x, int n, bool away) {
  mpz_t num, den, rem;
  mpz_init(num);
  mpz_init(den);
  mpz_init(rem);
  if (n >= 0) {
    pow10_z(num, (unsigned)n);
    mpz_mul(num, num, mpq_numref(x));
    mpz_set(den, mpq_denref(x));
  } else {
    pow10_z(den, 0u - (unsigned)n);
    mpz_mul(den, den, mpq_denref(x));
    mpz_set(num, mpq_numref(x));
  }
  // tdiv truncates toward zero and leaves rem with the sign of num.
  mpz_tdiv_qr(q, rem, num, den);
  if (away) {
    mpz_abs(rem, rem);
    mpz_mul_2exp(rem, rem, 1);
    if (mpz_cmp(rem, den) >= 0) {
      if (mpz_sgn(num) < 0)
        mpz_sub_ui(q, q, 1);
      else
        mpz_add_ui(q, q, 1);
    }
  }
  mpz_clear(num);
  mpz_clear(den);
  mpz_clear(rem);
}

// Sets [r] to [x] rounded (or truncated) to [n] decimals; [r] may be [x].
static void round_q(mpq_t r, const mpq_t x, int n, bool away) {
  mpz_t q;
  mpz_init(q);
  scaled_int(q, x, n, away);
  if (n >= 0) {
    mpq_set_z(r, q);
    pow10_z(mpq_denref(r), (unsigned)n);
    mpq_canonicalize(r);
  } else {
    mpz_t p;
    mpz_init(p);
    pow10_z(p, 0u - (unsigned)n);
    mpz_mul(q, q, p);
    mpq_set_z(r, q);
    mpz_clear(p);
  }
  mpz_clear(q);
}

/* Returns [x] rounded or truncated to [n] decimals, ends of the interval
 * likewise; the result displays with n decimals (0 when n < 0, which rounds
 * to tens, hundreds, ...). */
static Num *round_num(Arena *a, const Num *x, int n, bool away) {
  x = big(a, x);
  Num *r = num_copy(a, x);
  round_q(r->q->v, x->q->v, n, away);
  if (x->exact) {
    set_exact(r);
  } else if (!x->unbounded) {
    round_q(r->q->lo, x->q->lo, n, away);
    round_q(r->q->hi, x->q->hi, n, away);
  }
  r->dec = n > 0 ? n : 0;
  return r;
}

/* Returns [x] rounded half away from zero (四舍五入) to [n] decimals. */
Num *num_round(Arena *a, const Num *x, int n) {
  gmp_use(a);
  return round_num(a, x, n, true);
}

/* Returns [x] truncated toward zero to [n] decimals: a figure that was cut
 * rather than rounded (a common slip) matches this one. */
Num *num_trunc(Arena *a, const Num *x, int n) {
  gmp_use(a);
  return round_num(a, x, n, false);
}

/* Returns min (or, with [want_max], max) of [x] and [y] by value, with the
 * chosen one's written decimals.  The interval's ends are the min/max of
 * the ends, since either operand could truly be the smaller. */
static Num *pick(Arena *a, const Num *x, const Num *y, bool want_max) {
  if (x->small && y->small) {
    int t = x->scale > y->scale ? x->scale : y->scale;
    int64_t p[3], q[3];
    if (align(x, t, p) && align(y, t, q)) {
      bool vx = want_max ? p[0] >= q[0] : p[0] <= q[0];
      bool lx = want_max ? p[1] >= q[1] : p[1] <= q[1];
      bool hx = want_max ? p[2] >= q[2] : p[2] <= q[2];
      bool exact = x->exact && y->exact;
      int64_t v = vx ? p[0] : q[0];
      Num *r = new_small(a, v, exact ? v : lx ? p[1] : q[1],
                         exact ? v : hx ? p[2] : q[2], t, exact);
      r->dec = vx ? x->dec : y->dec;
      return r;
    }
  }
  x = big(a, x);
  y = big(a, y);
  int c = mpq_cmp(x->q->v, y->q->v);
  const Num *w = (want_max ? c >= 0 : c <= 0) ? x : y;
  Num *r = new_result(a, x, y);
  mpq_set(r->q->v, w->q->v);
  r->dec = w->dec;
  if (r->exact) {
    set_exact(r);
  } else if (!r->unbounded) {
    bool lo_x = want_max ? mpq_cmp(x->q->lo, y->q->lo) >= 0
                         : mpq_cmp(x->q->lo, y->q->lo) <= 0;
    bool hi_x = want_max ? mpq_cmp(x->q->hi, y->q->hi) >= 0
                         : mpq_cmp(x->q->hi, y->q->hi) <= 0;
    mpq_set(r->q->lo, lo_x ? x->q->lo : y->q->lo);
    mpq_set(r->q->hi, hi_x ? x->q->hi : y->q->hi);
  }
  return r;
}

/* Returns the smaller of [x] and [y] by value ([x] on a tie). */
Num *num_min(Arena *a, const Num *x, const Num *y) {
  gmp_use(a);
  return pick(a, x, y, false);
}

/* Returns the larger of [x] and [y] by value ([x] on a tie). */
Num *num_max(Arena *a, const Num *x, const Num *y) {
  gmp_use(a);
  return pick(a, x, y, true);
}

/* ------------------------------------------------------------------------ */
/* Comparison                                                               */
/* ------------------------------------------------------------------------ */

/* Returns −1, 0 or 1 as [x]'s value is below, equal to or above [y]'s;
 * intervals play no part (`==` is exact). */
int num_cmp(const Num *x, const Num *y) {
  if (x->small && y->small)
    return cmp_small(x->sv, x->scale, y->sv, y->scale);
  // GMP's temporaries for large operands: malloc, never the arena this
  // thread happened to use last (it may be gone by now).
  gmp_use(NULL);
  if (y->small)
    return cmp_q_small(x->q->v, y->sv, y->scale);
  if (x->small)
    return -cmp_q_small(y->q->v, x->sv, x->scale);
  View vx, vy;
  view_open(&vx, x);
  view_open(&vy, y);
  int c = mpq_cmp(vx.v, vy.v);
  view_close(&vy);
  view_close(&vx);
  return (c > 0) - (c < 0);
}

/* Returns −1, 0 or 1 by the sign of [x]'s value ("-0" is 0). */
int num_sign(const Num *x) {
  if (x->small)
    return (x->sv > 0) - (x->sv < 0);
  return mpq_sgn(x->q->v);
}

/* Returns true iff [x] and [y] could be roundings of the same true figure:
 * their closed intervals share a point.  An exact Num's interval is its
 * value, so `3 ≈ 3` holds and `3 ≈ 3.000001` (exact) does not. */
bool num_approx(const Num *x, const Num *y) {
  if (x->unbounded || y->unbounded)
    return true;
  if (x->small && y->small)
    return cmp_small(x->slo, x->scale, y->shi, y->scale) <= 0 &&
           cmp_small(y->slo, y->scale, x->shi, x->scale) <= 0;
  gmp_use(NULL); // as in num_cmp
  if (x->small) {
    const Num *t = x; // the big one first
    x = y;
    y = t;
  }
  if (y->small) // x.lo <= y.hi and y.lo <= x.hi
    return cmp_q_small(x->q->lo, y->shi, y->scale) <= 0 &&
           cmp_q_small(x->q->hi, y->slo, y->scale) >= 0;
  View vx, vy;
  view_open(&vx, x);
  view_open(&vy, y);
  bool meet = mpq_cmp(vx.lo, vy.hi) <= 0 && mpq_cmp(vy.lo, vx.hi) <= 0;
  view_close(&vy);
  view_close(&vx);
  return meet;
}

/* Returns true iff |x − y| <= |tol| on values (`a ≈ b ± t`): the explicit
 * tolerance replaces the intervals, so written decimals play no part. */
bool num_within(const Num *x, const Num *y, const Num *tol) {
  View vx, vy, vt;
  view_open(&vx, x);
  view_open(&vy, y);
  view_open(&vt, tol);
  gmp_use(NULL);
  mpq_t d, t;
  mpq_init(d);
  mpq_init(t);
  mpq_sub(d, vx.v, vy.v);
  mpq_abs(d, d);
  mpq_abs(t, vt.v);
  bool ok = mpq_cmp(d, t) <= 0;
  mpq_clear(d);
  mpq_clear(t);
  view_close(&vt);
  view_close(&vy);
  view_close(&vx);
  return ok;
}

/* ------------------------------------------------------------------------ */
/* Formatting                                                               */
/* ------------------------------------------------------------------------ */

/* Appends the decimal digits [d] ([len] of them, no sign) read as
 * d·10^-places, with a leading '-' if [neg]: at least one integer digit,
 * then the decimals, of which trailing zeros are dropped down to [keep];
 * with no decimals left the point goes too. */
static void put_scaled(Buf *out, const char *d, size_t len, size_t places,
                       size_t keep, bool neg) {
  size_t int_len = len > places ? len - places : 0;
  size_t lead0 = places > len ? places - len : 0; // zeros right after '.'
  const char *frac = d + int_len;                 // then these digits
  size_t shown = places;
  while (shown > keep &&
         (shown <= lead0 ? '0' : frac[shown - 1 - lead0]) == '0')
    shown--;
  if (neg)
    buf_putc(out, '-');
  if (int_len)
    buf_add(out, d, int_len);
  else
    buf_putc(out, '0');
  if (shown == 0)
    return;
  buf_putc(out, '.');
  size_t zeros = shown < lead0 ? shown : lead0;
  buf_repeat(out, '0', zeros);
  buf_add(out, frac, shown - zeros);
}

/* Appends |q|·10^-n (n >= 0) with a leading '-' if [neg], as put_scaled.
 * The digits are built in a stack buffer, or in a scratch Buf for very
 * long values. */
static void put_decimal(Buf *out, const mpz_t q, int n, int keep, bool neg) {
  char stack[NUM_STACK_DIGITS];
  // sizeinbase may overshoot by one; +2 covers that and the NUL.
  size_t need = mpz_sizeinbase(q, 10) + 2;
  Buf big;
  buf_init(&big);
  char *d = stack;
  if (need > sizeof stack) {
    buf_repeat(&big, '0', need); // Buf exits on out-of-memory
    d = big.s;
  }
  mpz_t m;
  mpz_init(m);
  mpz_abs(m, q);
  mpz_get_str(d, 10, m);
  mpz_clear(m);
  put_scaled(out, d, strlen(d), (size_t)n, (size_t)keep, neg);
  buf_free(&big);
}

/* The small form's printing, in __int128 with no GMP: q = n·10^k/(2·10^s)
 * rounded half away from zero (or the exact quotient when [exact] is
 * asked for and there is one).  k and s are at most 18, so n·10^k fits. */
typedef __int128 i128;

// Returns n·10^k / (2·10^s) rounded half away from zero; [*rem0] says
// whether the division was exact.
static i128 small_scaled(int64_t n, int k, int s, bool *rem0) {
  i128 num = (i128)n * P10[k];
  i128 den = (i128)2 * P10[s];
  i128 q = num / den, r = num % den; // C truncates toward zero
  *rem0 = r == 0;
  if (2 * (r < 0 ? -r : r) >= den)
    q += num < 0 ? -1 : 1;
  return q;
}

// Appends the small-form quotient [q] as put_decimal does.
static void put_small(Buf *out, i128 q, int places, int keep, bool neg) {
  char d[48];
  size_t len = 0;
  unsigned __int128 m = q < 0 ? -(unsigned __int128)q : (unsigned __int128)q;
  do {
    d[sizeof d - 1 - len++] = (char)('0' + (int)(m % 10));
    m /= 10;
  } while (m);
  put_scaled(out, d + sizeof d - len, len, (size_t)places, (size_t)keep, neg);
}

/* put_fixed and put_computed for the small value n/(2·10^s); false when
 * [n] places are too many for __int128 (the caller takes the GMP way). */
static bool small_fixed(Buf *out, int64_t v, int s, int places) {
  if (places < 0)
    places = 0;
  if (places > NUM_SMALL_MAX_SCALE)
    return false;
  bool exact;
  i128 q = small_scaled(v, places, s, &exact);
  put_small(out, q, places, places, q < 0);
  return true;
}

static void small_computed(Buf *out, int64_t v, int s) {
  bool exact;
  i128 q = small_scaled(v, NUM_EXACT_PLACES, s, &exact);
  if (exact) {
    put_small(out, q, NUM_EXACT_PLACES, 0, q < 0);
    return;
  }
  q = small_scaled(v, NUM_APPROX_PLACES, s, &exact);
  put_small(out, q, NUM_APPROX_PLACES, 1, v < 0);
  buf_puts(out, ELLIPSIS);
}

// Appends [v] with exactly [n] decimals, half away from zero, no "-0.00".
static void put_fixed(Buf *out, const mpq_t v, int n) {
  if (n < 0)
    n = 0;
  mpz_t q;
  mpz_init(q);
  scaled_int(q, v, n, true);
  put_decimal(out, q, n, n, mpz_sgn(q) < 0);
  mpz_clear(q);
}

/* Appends [v] as a computed value: exactly when it is a decimal of at most
 * NUM_EXACT_PLACES places (trailing zeros dropped, integers bare), else
 * rounded to NUM_APPROX_PLACES and followed by "…".  The rounded form keeps
 * at least one decimal and keeps the sign of a tiny negative ("-0.0…"), so it
 * never looks like an exact integer or like zero. */
static void put_computed(Buf *out, const mpq_t v) {
  mpz_t p;
  mpz_init(p);
  pow10_z(p, NUM_EXACT_PLACES);
  bool terminates = mpz_divisible_p(p, mpq_denref(v));
  if (terminates) {
    mpz_divexact(p, p, mpq_denref(v));
    mpz_mul(p, p, mpq_numref(v));
    put_decimal(out, p, NUM_EXACT_PLACES, 0, mpz_sgn(p) < 0);
  } else {
    scaled_int(p, v, NUM_APPROX_PLACES, true);
    put_decimal(out, p, NUM_APPROX_PLACES, 1, mpq_sgn(v) < 0);
    buf_puts(out, ELLIPSIS);
  }
  mpz_clear(p);
}

/* Appends [x]: a leaf (or a rounded value) with exactly its dec decimals, a
 * computed one by put_computed. */
void num_format(Buf *out, const Num *x) {
  if (x->small) {
    if (x->dec < 0) {
      small_computed(out, x->sv, x->scale);
      return;
    }
    if (small_fixed(out, x->sv, x->scale, x->dec))
      return;
  }
  View w;
  view_open(&w, x);
  gmp_use(NULL);
  if (x->dec >= 0)
    put_fixed(out, w.v, x->dec);
  else
    put_computed(out, w.v);
  view_close(&w);
}

/* Appends "[lo, hi]" (each end as a computed value) or "(unbounded)". */
void num_format_interval(Buf *out, const Num *x) {
  if (x->unbounded) {
    buf_puts(out, "(unbounded)");
    return;
  }
  if (x->small) {
    buf_putc(out, '[');
    small_computed(out, x->slo, x->scale);
    buf_puts(out, ", ");
    small_computed(out, x->shi, x->scale);
    buf_putc(out, ']');
    return;
  }
  View w;
  view_open(&w, x);
  gmp_use(NULL);
  buf_putc(out, '[');
  put_computed(out, w.lo);
  buf_puts(out, ", ");
  put_computed(out, w.hi);
  buf_putc(out, ']');
  view_close(&w);
}

/* Appends [x] with exactly [n] decimals (n < 0 counts as 0), half away
 * from zero; a value that rounds to zero prints without a minus sign. */
void num_format_fixed(Buf *out, const Num *x, int n) {
  if (x->small && small_fixed(out, x->sv, x->scale, n))
    return;
  View w;
  view_open(&w, x);
  gmp_use(NULL);
  put_fixed(out, w.v, n);
  view_close(&w);
}
