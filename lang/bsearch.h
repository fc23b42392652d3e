/* lang/bsearch.h -- binary search over a sorted array of offsets (prefix
 * bsearch_).  Header-only: the callers (the narrative's offset map, the
 * match index's positions) search in their innermost loops, so the search
 * is inlined into each.  It lives in lang/, the lowest layer, so that any
 * module may use it; it knows nothing of what the offsets mean. */
#ifndef FISC_BSEARCH_H
#define FISC_BSEARCH_H

#include <stdint.h>

/* Returns the first index in [lo, hi) whose entry in [v] is at least
 * [key], or [hi] when there is none.  [v] must not decrease over
 * [lo, hi). */
static inline uint32_t bsearch_lower(const uint32_t *v, uint32_t lo,
                                     uint32_t hi, uint32_t key) {
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (v[mid] < key)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

#endif
