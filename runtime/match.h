/* runtime/match.h -- finding a claim pattern in normalised narrative text
 * (prefix match_).  Linear in the text for a pattern that starts with a
 * literal (the literal is looked up in the index, or searched with memmem,
 * then the rest is matched from there); a pattern that starts with a hole
 * is tried only where such a hole can start.  Holes never backtrack beyond their own extent, so a match costs
 * at most O(pattern × PATTERN_MAX_TEXT) per candidate start. */
#ifndef FISC_MATCH_H
#define FISC_MATCH_H

#include <stdbool.h>
#include <stdint.h>

#include "lang/pattern.h"

typedef struct Match {
  uint32_t start, end;                     // normalised byte range
  int alt;                                 // which alternative matched
  bool bound[PATTERN_MAX_HOLES];           // hole bound by this alternative
  uint32_t hole_start[PATTERN_MAX_HOLES];  // normalised byte ranges
  uint32_t hole_end[PATTERN_MAX_HOLES];
} Match;

/* Finds the first match of [p] starting at or after [from] and ending at or
 * before [to] in [text].  At one start position the alternatives are tried
 * in order.  Returns false when there is none. */
bool match_find(const Pattern *p, const char *text, uint32_t from,
                uint32_t to, Match *m);

// Buckets of a MatchIndex.  A character of two or more bytes goes to the
// low 12 bits of its code point (4096 buckets: the CJK ideographs spread
// evenly, about five to a bucket); a one-byte character gets one of 256
// buckets of its own, so the digits and commas of every figure never share
// a bucket with a CJK character.
#define MATCH_INDEX_BUCKETS (4096 + 256)

/* Where each character of a text starts, bucketed by the character: a
 * claim's literal is then looked for only where its rarest character
 * stands (the one whose bucket is smallest), not by scanning the whole text
 * again for each of the suite's claims.
 *
 * Built lazily: match_index only counts each bucket and chains each
 * character to the previous one of its bucket; a bucket's sorted positions
 * are laid out the first time a search looks the bucket up (a suite looks
 * up about 30 of the ~470 buckets a 说明 fills).  The index is therefore
 * written through by searches although they get it as const: it must
 * belong to one thread, as a unit's narrative does. */
typedef struct MatchIndex {
  uint32_t *count;  // MATCH_INDEX_BUCKETS: characters in each bucket
  uint32_t *last;   // per bucket with a count: its last character's offset
  uint32_t *prev;   // per character start: the offset of the character
                    // before it in its bucket (unset for the first)
  uint64_t *filled; // a bit per bucket: its positions are laid out
  uint32_t *at;     // per filled bucket, where its positions start in
                    // pos; at[MATCH_INDEX_BUCKETS] is the next free slot
  uint32_t *pos;    // filled buckets' character starts, each ascending
} MatchIndex;

struct Arena;
/* Counts and chains the characters of the [len] bytes of (normalised,
 * valid UTF-8) [text], all in [a], in one pass. */
void match_index(MatchIndex *ix, struct Arena *a, const char *text,
                 uint32_t len);
/* match_find over a text with its index (same result, less scanning). */
bool match_find_indexed(const Pattern *p, const char *text,
                        const MatchIndex *ix, uint32_t from, uint32_t to,
                        Match *m);

#endif
