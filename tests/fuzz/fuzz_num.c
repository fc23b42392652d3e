/* tests/fuzz/fuzz_num.c -- differential libFuzzer harness for exact numbers:
 * every step is done twice, once with the 64-bit small form on and once all
 * in GMP (num_set_small_form), on two parallel pools, and everything a
 * caller can see of the results must agree.  The fuzzer thus searches for a
 * figure or a chain of operations where the two forms part ways; any
 * difference prints both observations to stderr and traps.  This is
 * test_num_small_form_agrees_with_gmp (tests/unit/test_num.c) with the
 * random generator replaced by the fuzzer's input.
 *
 * Input: figure texts, one a line, up to a line that is exactly "%%"; each
 * is fed to num_parse in both forms (malformed ones must be refused alike,
 * with the same NumParseError) and accepted ones fill the pool in turn.
 * The bytes after the "%%" line are operations, FUZZ_STEP_BYTES each:
 *   op  i  j  k  dst   ->   pool[dst] = op(pool[i], pool[j], k)
 * with op one of the 13 of num_apply_op (tests/num_ops.h) and k in
 * -25..25. */
#include <gmp.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"
#include "lang/buf.h"
#include "runtime/num.h"
#include "tests/num_ops.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

// Numbers one input works on: enough for sums of sums, few enough that the
// fuzzer's pool indices often hit the same entry twice.
#define FUZZ_POOL 16
// Bytes of one operation: op, i, j, k, dst.
#define FUZZ_STEP_BYTES 5
// Operations num_apply_op knows (tests/num_ops.h, shared with the unit test).
#define FUZZ_N_OPS NUM_N_OPS
// Range of k: scale10's power of ten, round/trunc/format_fixed's places.
// Wider than the small form's 18 places either way, so both fallbacks are
// reached, and still far from anything that would take real time.
#define FUZZ_MAX_K 25
/* A pool entry whose printed form (value and interval) is longer than this,
 * or one whose GMP rationals have a numerator or denominator over
 * FUZZ_MAX_BITS bits (≈ 210 digits), is replaced by a fresh figure: products
 * would otherwise grow without bound, and repeated squaring of a fraction
 * (whose denominator does not show in "0.0…") would double its size per
 * step. */
#define FUZZ_MAX_PRINTED 200
#define FUZZ_MAX_BITS 700

// The pool's starting values (and the replacements of oversized entries),
// parsed in both forms: zeros of both kinds, typical figures, both ends of
// the small form, and a figure too long for it.
static const char *const fresh_text[FUZZ_POOL] = {
    "0",
    "0.00",
    "1118.78",
    "-3.50",
    "1",
    "0.5",
    "-0.05",
    "12.345",
    "999999999999999999",
    "-999999999999999999",
    "1000000000000000000",
    "99999999999999999.9",
    "0.000000000000000001",
    "0.0000000000000000001",
    "12345678901234567890.5",
    "-7",
};

// from_long's edge values, chosen when the op's j byte is >= 0xF0: the ends
// of long and the ends of the small form's range for it (|v| < INT64_MAX/2).
static const long edge_long[] = {
    LONG_MIN,
    LONG_MAX,
    -(INT64_MAX / 2),
    INT64_MAX / 2,
    -(INT64_MAX / 2) + 1,
    INT64_MAX / 2 - 1,
    0,
    -1,
};
#define FUZZ_N_EDGE (sizeof edge_long / sizeof edge_long[0])

// One side of the comparison: a pool and the form it is built in.
typedef struct Side {
  bool small;
  Num *pool[FUZZ_POOL];
} Side;

// What one input works with; everything lives in [arena] or the two Bufs.
typedef struct Run {
  Arena arena;
  Side sm, bg;
  Buf obs_s, obs_b; // the two observations being compared
  int step;         // operation number (-1 while parsing figures)
} Run;

/* Prints the two observations and what led to them, then traps: the crash
 * log alone says what differed.  [what] names the step. */
static void disagree(Run *r, const char *what, const char *s, const char *b) {
  fprintf(stderr,
          "fuzz_num: small form and GMP disagree at %s (step %d)\n"
          "  small: %s\n"
          "  GMP:   %s\n",
          what, r->step, s, b);
  __builtin_trap();
}

/* Appends to [out] everything a caller can observe of [x] (its formats,
 * flags and sign) and of its relation to [y] and [tol] (cmp, approx,
 * within); [n] is an extra number of places for num_format_fixed. */
static void observe(Buf *out, const Num *x, const Num *y, const Num *tol,
                    int n) {
  buf_clear(out);
  num_format(out, x);
  buf_putc(out, ' ');
  num_format_interval(out, x);
  buf_puts(out, " fixed0=");
  num_format_fixed(out, x, 0);
  buf_puts(out, " fixed2=");
  num_format_fixed(out, x, 2);
  buf_printf(out, " fixed%d=", n);
  num_format_fixed(out, x, n);
  buf_printf(out, " dec=%d exact=%d unbounded=%d sign=%d", x->dec, x->exact,
             x->unbounded, num_sign(x));
  buf_printf(out, " cmp=%d approx=%d within=%d", num_cmp(x, y),
             num_approx(x, y), num_within(x, y, tol));
}

/* Observes [xs] against the small pool's [j] and [t], [xb] against the GMP
 * pool's, and traps if they differ; then observes [xs] against the GMP
 * pool's entries too, so comparisons across the two forms are checked. */
static void compare(Run *r, const char *what, const Num *xs, const Num *xb,
                    int j, int t, int n) {
  num_set_small_form(true);
  observe(&r->obs_s, xs, r->sm.pool[j], r->sm.pool[t], n);
  num_set_small_form(false);
  observe(&r->obs_b, xb, r->bg.pool[j], r->bg.pool[t], n);
  if (strcmp(r->obs_s.s, r->obs_b.s) != 0)
    disagree(r, what, r->obs_s.s, r->obs_b.s);
  num_set_small_form(true);
  observe(&r->obs_s, xs, r->bg.pool[j], r->bg.pool[t], n);
  if (strcmp(r->obs_s.s, r->obs_b.s) != 0)
    disagree(r, "a comparison across forms", r->obs_s.s, r->obs_b.s);
}

/* Parses [len] bytes at [s] in the form of [side]; the error in [*err].
 * The text is copied to a block of exactly [len] bytes so that AddressSanitizer
 * sees a read past its end (the input's next line would hide one). */
static Num *parse(Run *r, const Side *side, const uint8_t *s, size_t len,
                  NumParseError *err) {
  char *copy = malloc(len ? len : 1);
  if (!copy)
    abort();
  memcpy(copy, s, len);
  num_set_small_form(side->small);
  Num *x = num_parse(&r->arena, copy, len, err);
  free(copy);
  return x;
}

// Puts fresh_text[slot] into both pools at [slot].
static void refill(Run *r, int slot) {
  const char *t = fresh_text[slot];
  NumParseError err;
  r->sm.pool[slot] = parse(r, &r->sm, (const uint8_t *)t, strlen(t), &err);
  r->bg.pool[slot] = parse(r, &r->bg, (const uint8_t *)t, strlen(t), &err);
  if (!r->sm.pool[slot] || !r->bg.pool[slot])
    __builtin_trap(); // a starting figure must parse
}

// Returns the largest size in bits of the GMP integers behind [x] (0 for
// the small form): what an operation on it costs.
static size_t big_bits(const Num *x) {
  if (x->small)
    return 0;
  mpq_srcptr q[3] = {x->q->v, x->q->lo, x->q->hi};
  size_t bits = 0;
  for (int k = 0; k < 3; k++) {
    size_t nb = mpz_sizeinbase(mpq_numref(q[k]), 2);
    size_t db = mpz_sizeinbase(mpq_denref(q[k]), 2);
    if (nb > bits)
      bits = nb;
    if (db > bits)
      bits = db;
  }
  return bits;
}

// True when the results [xs] / [xb] are too large to keep in the pool: a
// GMP integer over FUZZ_MAX_BITS or a printed form over FUZZ_MAX_PRINTED.
static bool oversized(Run *r, const Num *xs, const Num *xb) {
  if (big_bits(xs) > FUZZ_MAX_BITS || big_bits(xb) > FUZZ_MAX_BITS)
    return true;
  buf_clear(&r->obs_s);
  num_format(&r->obs_s, xb);
  num_format_interval(&r->obs_s, xb);
  return r->obs_s.len > FUZZ_MAX_PRINTED;
}

/* Parses every figure line of [data, end) in both forms and puts the
 * accepted ones into the pools in turn.  Both forms must accept or refuse
 * alike, and what they accept must look the same. */
static void read_figures(Run *r, const uint8_t *data, const uint8_t *end) {
  int slot = 0;
  int line = 0;
  for (const uint8_t *s = data; s < end; line++) {
    const uint8_t *nl = memchr(s, '\n', (size_t)(end - s));
    size_t len = (size_t)((nl ? nl : end) - s);
    NumParseError es = NUM_OK, eb = NUM_OK;
    Num *xs = parse(r, &r->sm, s, len, &es);
    Num *xb = parse(r, &r->bg, s, len, &eb);
    char what[48];
    snprintf(what, sizeof what, "figure line %d", line + 1);
    if ((xs == NULL) != (xb == NULL) || es != eb) {
      char os[64], ob[64];
      snprintf(os, sizeof os, "%s (%s)", xs ? "accepted" : "refused",
               num_parse_error_str(es));
      snprintf(ob, sizeof ob, "%s (%s)", xb ? "accepted" : "refused",
               num_parse_error_str(eb));
      disagree(r, what, os, ob);
    }
    if (xs) {
      compare(r, what, xs, xb, (slot + 1) % FUZZ_POOL, 0, 3);
      if (!oversized(r, xs, xb)) {
        r->sm.pool[slot] = xs;
        r->bg.pool[slot] = xb;
        slot = (slot + 1) % FUZZ_POOL;
      }
    }
    s = nl ? nl + 1 : end;
  }
}

/* The integer from_long builds from the raw bytes [bi], [bj]: an edge value
 * when bj >= 0xF0, else a signed 16-bit value times a prime (spreading over
 * ±3.3·10^10). */
static long long_of(uint8_t bi, uint8_t bj) {
  if (bj >= 0xF0)
    return edge_long[bi % FUZZ_N_EDGE];
  return (long)(int16_t)(bi << 8 | bj) * 1000003;
}

static const char *const op_name[FUZZ_N_OPS] = {
    "add",   "sub",   "mul", "div", "neg",        "abs",      "scale10",
    "round", "trunc", "min", "max", "as_rounded", "from_long"};

/* Runs the operations of [ops, end) on both pools, comparing each result. */
static void run_ops(Run *r, const uint8_t *ops, const uint8_t *end) {
  for (r->step = 0; end - ops >= FUZZ_STEP_BYTES;
       r->step++, ops += FUZZ_STEP_BYTES) {
    int op = ops[0] % FUZZ_N_OPS;
    int i = ops[1] % FUZZ_POOL;
    int j = ops[2] % FUZZ_POOL;
    int k = ops[3] % (2 * FUZZ_MAX_K + 1) - FUZZ_MAX_K;
    int dst = ops[4] % FUZZ_POOL;
    num_set_small_form(true);
    Num *rs = num_apply_op(&r->arena, op, r->sm.pool[i], r->sm.pool[j], k, k,
                           long_of(ops[1], ops[2]));
    num_set_small_form(false);
    Num *rb = num_apply_op(&r->arena, op, r->bg.pool[i], r->bg.pool[j], k, k,
                           long_of(ops[1], ops[2]));
    char what[64];
    snprintf(what, sizeof what, "%s(pool[%d], pool[%d], k=%d)", op_name[op],
             i, j, k);
    if ((rs == NULL) != (rb == NULL))
      disagree(r, what, rs ? "a number" : "NULL", rb ? "a number" : "NULL");
    if (!rs)
      continue;
    compare(r, what, rs, rb, j, dst, k);
    if (oversized(r, rs, rb)) {
      refill(r, dst);
    } else {
      r->sm.pool[dst] = rs;
      r->bg.pool[dst] = rb;
    }
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  Run r;
  arena_init(&r.arena);
  buf_init(&r.obs_s);
  buf_init(&r.obs_b);
  r.sm.small = true;
  r.bg.small = false;
  r.step = -1;
  for (int slot = 0; slot < FUZZ_POOL; slot++)
    refill(&r, slot);

  // The figures end at a line "%%"; without one the input is all figures.
  const uint8_t *end = data + size;
  const uint8_t *ops = end;
  const uint8_t *figs_end = end;
  for (const uint8_t *s = data; s < end;) {
    const uint8_t *nl = memchr(s, '\n', (size_t)(end - s));
    const uint8_t *eol = nl ? nl : end;
    if (eol - s == 2 && s[0] == '%' && s[1] == '%') {
      figs_end = s;
      ops = nl ? nl + 1 : end;
      break;
    }
    s = nl ? nl + 1 : end;
  }
  read_figures(&r, data, figs_end);
  run_ops(&r, ops, end);

  num_set_small_form(true); // the library's default, for the next input
  buf_free(&r.obs_s);
  buf_free(&r.obs_b);
  arena_free(&r.arena);
  return 0;
}
