/* lang/norm.h -- the normal form narrative text is matched in (prefix
 * norm_): NFKC (utf8proc) applied character by character, with every
 * white-space character and line break removed.  Full-width forms fold to
 * ASCII (（ → (, ％ → %, ， → ,, ： → :, digits ０-９ → 0-9); 。 、 “ ” and CJK
 * text are kept.  PDF text breaks lines and inserts spaces inside words and
 * numbers ("1296.\n70"); removing white space joins them again.
 *
 * Every normalised byte remembers the byte offset, in the original text, of
 * the character it came from, so a match in the normal form points back at
 * file:line:col of the original. */
#ifndef FISC_NORM_H
#define FISC_NORM_H

#include <stdbool.h>
#include <stdint.h>

#include "lang/arena.h"

typedef struct Norm {
  char *text;     // normalised UTF-8, NUL-terminated (arena-owned)
  uint32_t len;   // bytes
  uint32_t *map;  // map[i] = original offset of the character that produced
                  // byte i; map[len] = the original length (arena-owned)
} Norm;

/* Normalises the [len] bytes at [s]; offsets in [out->map] are relative to
 * [s] plus [base].  Invalid UTF-8 bytes become U+FFFD.  Pass [with_map] false
 * to skip the offset map (patterns need none). */
void norm_text(Arena *a, const char *s, uint32_t len, uint32_t base,
               bool with_map, Norm *out);

/* True when the [len] bytes at [s] are their own normal form: made only of
 * ASCII other than white space and of 3-byte characters that NFKC keeps
 * and that are not dropped (nearly every name in a table, nearly every
 * word of a 说明).  norm_text would then return the same bytes, so a
 * caller may use [s] itself without copying.  False for any other text,
 * also for some that is in normal form (a 2- or 4-byte character, say):
 * false only means "normalise to know". */
bool norm_is_normal(const char *s, uint32_t len);

#endif
