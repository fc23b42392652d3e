/* tests/num_ops.h -- the arithmetic operations that the two-form tests of
 * runtime/num drive (tests/unit/test_num.c's random test and the fuzz_num
 * harness): one dispatcher, so both exercise the same set. */
#ifndef FISC_TESTS_NUM_OPS_H
#define FISC_TESTS_NUM_OPS_H

#include "runtime/num.h"

// Operation numbers: 0..NUM_N_OPS-1; the last builds an exact integer.
#define NUM_N_OPS 13

/* Applies operation [op] to [x] and [y]: + − × ÷, neg, abs, ×10^[k],
 * round and trunc to [places], min, max, as_rounded, or the integer [v].
 * NULL for a division by zero. */
static inline Num *num_apply_op(Arena *a, int op, const Num *x, const Num *y,
                                int k, int places, long v) {
  switch (op) {
  case 0:
    return num_add(a, x, y);
  case 1:
    return num_sub(a, x, y);
  case 2:
    return num_mul(a, x, y);
  case 3:
    return num_div(a, x, y);
  case 4:
    return num_neg(a, x);
  case 5:
    return num_abs(a, x);
  case 6:
    return num_scale10(a, x, k);
  case 7:
    return num_round(a, x, places);
  case 8:
    return num_trunc(a, x, places);
  case 9:
    return num_min(a, x, y);
  case 10:
    return num_max(a, x, y);
  case 11:
    return num_as_rounded(a, x);
  default:
    return num_from_long(a, v);
  }
}

#endif
