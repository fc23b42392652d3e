/* runtime/match.c -- searching normalised narrative text for a compiled
 * claim pattern (prefix match_).  Only the bytes in [from, to) are read, so
 * a section's search never sees the next section's figures; the leftmost
 * start wins, the earlier alternative on a tie.  It binds holes as slices
 * and never parses numbers (num.c does) nor knows sections or rules. */
#define _GNU_SOURCE // memmem
#include "runtime/match.h"

#include "lang/arena.h"
#include "lang/bsearch.h"

#include <stdlib.h>
#include <string.h>

// The failure memo: the (alternative, item, position) states known to fail
// in this search.  Fillers and text holes retry longer extents; since a
// state fails at most once, nested fillers cost a sum, not a product, and
// a search is linear in the text (each state tries at most
// PATTERN_MAX_TEXT extents).  The table starts on the stack and doubles on
// the heap when half full; freed when the search returns.  1024 slots (8
// KB) hold what most claim searches record, so few reach malloc.
#define MATCH_MEMO_INLINE 1024
// Past this many slots (32 MB) the memo is emptied instead of grown: the
// search stays correct, only slower.  Reached only by adversarial input
// (dozens of fillers over text that almost matches everywhere).
#define MATCH_MEMO_MAX (1u << 22)

// UTF-8 of the characters the matcher itself knows.
#define U_MINUS "\xE2\x88\x92"  // − U+2212 MINUS SIGN (NFKC keeps it)
#define U_PERIOD "\xE3\x80\x82" // 。 U+3002 IDEOGRAPHIC FULL STOP
#define U_NIAN "\xE5\xB9\xB4"   // 年
#define U_YUE "\xE6\x9C\x88"    // 月
#define U_RI "\xE6\x97\xA5"     // 日

/* A set of failed-state keys (open addressing, linear probing; 0 marks an
 * empty slot, so keys are stored + 1). */
typedef struct Memo {
  uint64_t *slots;  // [inline_slots] or a malloc'd table
  uint32_t cap, n;  // slots (a power of two), keys stored
  int shift;        // 64 - log2(cap), for Fibonacci hashing
  uint64_t inline_slots[MATCH_MEMO_INLINE];
} Memo;

/* The 4 bytes at [s] as a little-endian word, whatever the machine's byte
 * order (one load on x86: the compiler merges the byte reads). */
static inline uint32_t load4(const unsigned char *s) {
  return (uint32_t)s[0] | (uint32_t)s[1] << 8 | (uint32_t)s[2] << 16 |
         (uint32_t)s[3] << 24;
}

/* A literal made ready for searching: [off] is the byte offset in it of
 * the character looked up in the index, [b] that character's bucket, or
 * MATCH_INDEX_BUCKETS when the search goes through memmem (no index, or a
 * literal that is not whole UTF-8, which the index could not answer);
 * [pos] the bucket's [npos] character starts, ascending; [head] the
 * literal's first four bytes as load4 reads them (when it has four);
 * [hint] the index in [pos] where find_lit last stopped.  A Probe belongs
 * to one search (a local or in its Ctx), never to the shared pattern. */
typedef struct Probe {
  const char *lit;
  uint32_t n;
  uint32_t off, b;
  const uint32_t *pos;
  uint32_t npos;
  uint32_t head;
  uint32_t hint;
} Probe;

/* One search: the text window, the alternative being tried, the match being
 * filled in and the failure memo. */
typedef struct Ctx {
  const Pattern *p;
  const PatAlt *alt;
  int ai;                         // index of [alt]
  const unsigned char *t;
  uint32_t from, to;
  uint32_t end;                   // end of the successful match
  uint32_t hs[PATTERN_MAX_HOLES]; // hole ranges on the current path
  uint32_t he[PATTERN_MAX_HOLES];
  bool backtracks;                // [alt] has a filler or a text hole
  Memo memo;                      // cap 0 until the first use
  const MatchIndex *ix;           // the text's index, or NULL
  Probe probes[PATTERN_MAX_ITEMS]; // item_probe's, for bits set in probed
  uint64_t probed;                 // reset with each alternative
} Ctx;

/* Bytes of the UTF-8 character whose lead byte is [b] (1 for a stray
 * continuation byte), by the lead byte's high nibble. */
static uint32_t lead_len(unsigned char b) {
  static const unsigned char len_by_nibble[16] = {
      1, 1, 1, 1, 1, 1, 1, 1, // 0xxx: ASCII
      1, 1, 1, 1,             // 10xx: continuation, stray here
      2, 2,                   // 110x
      3,                      // 1110
      4,                      // 1111 (F8..FF are invalid; the normal form
                              // has none)
  };
  return len_by_nibble[b >> 4];
}

/* The bucket of the character whose bytes start at [c] ([n] of them, n
 * >= 1): see MATCH_INDEX_BUCKETS.  For n >= 2 the last two bytes carry the
 * low 12 bits of the code point (for n == 2 the lead byte's payload bit 5
 * is 0, so they are the whole code point). */
static uint32_t bucket(const unsigned char *c, uint32_t n) {
  if (n == 1)
    return 4096 + c[0];
  return (uint32_t)(c[n - 2] & 0x3F) << 6 | (uint32_t)(c[n - 1] & 0x3F);
}

// Words of MatchIndex.filled.
#define MATCH_FILLED_WORDS ((MATCH_INDEX_BUCKETS + 63) / 64)

/* One pass: each character's bucket is counted, and the character chained
 * to the one before it in its bucket (prev is indexed by byte offset, so
 * no second array has to map character numbers to offsets).  Nothing is
 * sorted here; bucket_pos lays a bucket out when a search first asks for
 * it.  last[] needs no clearing: it is read only for a bucket with a
 * count, after its first character has set it, and the first character's
 * prev (that stale value) is never followed. */
void match_index(MatchIndex *ix, Arena *a, const char *text, uint32_t len) {
  const unsigned char *t = (const unsigned char *)text;
  uint32_t *count = arena_zalloc(a, MATCH_INDEX_BUCKETS * sizeof *count);
  uint32_t *last = arena_alloc(a, MATCH_INDEX_BUCKETS * sizeof *last);
  uint32_t *prev = arena_alloc(a, ((size_t)len + 1) * sizeof *prev);
  uint32_t i = 0;
  // While four bytes are left every character is whole, so the loop needs
  // no bounds test; ASCII and 3-byte characters (nearly all of a 说明)
  // take their bucket without lead_len.
  uint32_t safe = len > 3 ? len - 3 : 0;
  while (i < safe) {
    unsigned char c = t[i];
    uint32_t b, k;
    if (c < 0x80) {
      b = 4096 + c;
      k = 1;
    } else if ((c & 0xF0) == 0xE0) {
      b = (uint32_t)(t[i + 1] & 0x3F) << 6 | (uint32_t)(t[i + 2] & 0x3F);
      k = 3;
    } else {
      k = lead_len(c);
      b = bucket(t + i, k);
    }
    count[b]++;
    prev[i] = last[b];
    last[b] = i;
    i += k;
  }
  while (i < len) {
    uint32_t k = lead_len(t[i]);
    if (k > len - i)
      k = len - i;
    uint32_t b = bucket(t + i, k);
    count[b]++;
    prev[i] = last[b];
    last[b] = i;
    i += k;
  }
  ix->count = count;
  ix->last = last;
  ix->prev = prev;
  ix->filled = arena_zalloc(a, MATCH_FILLED_WORDS * sizeof *ix->filled);
  ix->at = arena_alloc(a, (MATCH_INDEX_BUCKETS + 1) * sizeof *ix->at);
  ix->at[MATCH_INDEX_BUCKETS] = 0;
  // Room for every character, so any set of buckets fits.
  ix->pos = arena_alloc(a, ((size_t)len + 1) * sizeof *ix->pos);
}

/* Returns the character starts of bucket [b] in ascending order
 * (ix->count[b] of them).  The first call for a bucket lays them out at
 * the next free slot of ix->pos, walking the chain back from the bucket's
 * last character; later calls return the same slots. */
static const uint32_t *bucket_pos(const MatchIndex *ix, uint32_t b) {
  uint64_t bit = (uint64_t)1 << (b % 64);
  if (!(ix->filled[b / 64] & bit)) {
    uint32_t n = ix->count[b];
    uint32_t at = ix->at[MATCH_INDEX_BUCKETS];
    uint32_t *out = ix->pos + at;
    ix->at[b] = at;
    ix->at[MATCH_INDEX_BUCKETS] = at + n;
    if (n > 0) {
      uint32_t p = ix->last[b];
      for (uint32_t k = n - 1; k > 0; k--) {
        out[k] = p;
        p = ix->prev[p];
      }
      out[0] = p;
    }
    ix->filled[b / 64] |= bit;
  }
  return ix->pos + ix->at[b];
}

/* Prepares the literal item [lit] for find_lit: of its first characters
 * (PATTERN_PROBE_CHARS, bounds found when the pattern was compiled), picks
 * the one whose bucket lists the fewest positions in the text.  An
 * occurrence of the literal at p has that character at p + off, and every
 * character start is in the index, so looking at those positions alone
 * finds every occurrence. */
static Probe probe(const Ctx *x, const PatItem *lit) {
  Probe pr = {lit->lit, lit->len, 0, MATCH_INDEX_BUCKETS, NULL, 0, 0, 0};
  if (!x->ix || lit->n_chars == 0)
    return pr; // memmem: no index, or a literal the index cannot answer
  const unsigned char *u = (const unsigned char *)lit->lit;
  if (lit->len >= 4)
    pr.head = load4(u);
  const uint32_t *count = x->ix->count;
  uint32_t best = UINT32_MAX;
  uint32_t i = 0;
  for (int c = 0; c < lit->n_chars; c++) {
    uint32_t e = lit->char_end[c];
    uint32_t b = bucket(u + i, e - i);
    if (count[b] < best) {
      best = count[b];
      pr.off = i;
      pr.b = b;
    }
    i = e;
  }
  pr.pos = bucket_pos(x->ix, pr.b);
  pr.npos = best;
  return pr;
}

/* probe() of item [i] of the current alternative, made once per search: a
 * text hole looks for the literal after it at every position it tries. */
static Probe *item_probe(Ctx *x, int i) {
  if (!(x->probed >> i & 1)) {
    x->probes[i] = probe(x, &x->alt->items[i]);
    x->probed |= (uint64_t)1 << i;
  }
  return &x->probes[i];
}

/* Returns the first index of [pr]'s positions whose entry is at least
 * [key] (npos when none), and leaves it in pr->hint.  A search asks for
 * keys that mostly move forward (the next hit after the last one), so it
 * starts from the hint: entries are skipped 1, 2, 4, ... at a time until
 * one reaches [key], and the binary search is only over the last skip --
 * a few steps where a search of the whole bucket took ~60 instructions.
 * A key behind the hint (a text hole retried at an earlier start) is
 * searched for in the part before it. */
static uint32_t seek(Probe *pr, uint32_t key) {
  const uint32_t *pos = pr->pos;
  uint32_t n = pr->npos;
  uint32_t lo = pr->hint;
  if (lo > 0 && pos[lo - 1] >= key) {
    pr->hint = bsearch_lower(pos, 0, lo, key);
    return pr->hint;
  }
  // Every entry before [lo] is below [key]; [hi] is the next one tried.
  uint32_t hi = lo, step = 1;
  while (hi < n && pos[hi] < key) {
    lo = hi + 1;
    hi = step < n - lo ? lo + step : n;
    step *= 2;
  }
  pr->hint = bsearch_lower(pos, lo, hi, key);
  return pr->hint;
}

/* The first occurrence of [pr]'s literal at or after [q] and ending by
 * [end]: through the index when [pr] has a bucket, else memmem.  Moves
 * pr->hint to the candidate it stopped at. */
static const unsigned char *find_lit(const Ctx *x, Probe *pr, uint32_t q,
                                     uint32_t end) {
  uint32_t n = pr->n;
  if (q > end || end - q < n)
    return NULL;
  if (pr->b == MATCH_INDEX_BUCKETS)
    return memmem(x->t + q, end - q, pr->lit, n);
  const uint32_t *pos = pr->pos;
  // The first position that can serve is q + off.
  uint32_t i = seek(pr, q + pr->off);
  const unsigned char *found = NULL;
  if (n >= 4) {
    // Most candidates differ within the literal's first four bytes: one
    // word compare turns them away before the call to memcmp.
    for (; i < pr->npos; i++) {
      uint32_t p = pos[i] - pr->off;
      if (p + n > end)
        break;
      if (load4(x->t + p) == pr->head &&
          memcmp(x->t + p + 4, pr->lit + 4, n - 4) == 0) {
        found = x->t + p;
        break;
      }
    }
  } else {
    for (; i < pr->npos; i++) {
      uint32_t p = pos[i] - pr->off;
      if (p + n > end)
        break;
      if (memcmp(x->t + p, pr->lit, n) == 0) {
        found = x->t + p;
        break;
      }
    }
  }
  pr->hint = i;
  return found;
}

static bool digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* True when the bytes at [pos] spell the 3-byte UTF-8 character [u]. */
static bool at3(const Ctx *x, uint32_t pos, const char *u) {
  return pos + 3 <= x->to && memcmp(x->t + pos, u, 3) == 0;
}

/* Returns the length of the UTF-8 character starting at [pos] (1 for a
 * stray byte, which the normal form never contains). */
static uint32_t char_len(const Ctx *x, uint32_t pos) {
  unsigned char c = x->t[pos];
  uint32_t n = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  return pos + n <= x->to ? n : x->to - pos;
}

/* True when a figure may start at [pos]: the text before is not the end of
 * a longer figure.  Refused: a digit before ("2012.5" holds no "12.5"), a
 * '.' after a digit ("3.14" holds no "14"), and a ',' after a digit when
 * three digits follow (the "234" of "1,234"). */
static bool starts_figure(const Ctx *x, uint32_t pos) {
  if (pos == x->from)
    return true;
  unsigned char prev = x->t[pos - 1];
  if (digit(prev))
    return false;
  if (pos - 1 == x->from || !digit(x->t[pos - 2]))
    return true;
  if (prev == '.')
    return false;
  if (prev == ',') {
    uint32_t q = pos;
    while (q < x->to && q < pos + 4 && digit(x->t[q]))
      q++;
    return q - pos != 3;
  }
  return true;
}

/* True when a figure may end at [pos]: no digit follows, and no '.' that
 * is followed by a digit ("12.5.3" holds no "12.5"). */
static bool ends_figure(const Ctx *x, uint32_t pos) {
  if (pos >= x->to)
    return true;
  unsigned char c = x->t[pos];
  if (digit(c))
    return false;
  return !(c == '.' && pos + 1 < x->to && digit(x->t[pos + 1]));
}

/* Returns the end of the run of digits at [pos]. */
static uint32_t digits(const Ctx *x, uint32_t pos) {
  while (pos < x->to && digit(x->t[pos]))
    pos++;
  return pos;
}

/* Scans a figure at [pos] and stores its end in [*end]:
 *
 *   figure -> [ '+' | '-' | '−' ] ( d{1,3} (',' d{3})+ | d+ ) [ '.' d+ ]
 *
 * The thousands form is taken only when every group has exactly three
 * digits; "1,2345" is the figure "1" followed by ",2345".  The scan is
 * greedy and never backtracks.  NFKC makes the full-width comma ， a ',',
 * so a list written "100，200" reads as the one figure 100,200: the price
 * of matching on the normal form (lists of figures use 、 in these
 * documents, which stays). */
static bool scan_number(const Ctx *x, uint32_t pos, uint32_t *end) {
  if (!starts_figure(x, pos))
    return false;
  uint32_t q = pos;
  if (q < x->to && (x->t[q] == '+' || x->t[q] == '-'))
    q++;
  else if (at3(x, q, U_MINUS))
    q += 3;
  uint32_t d = q;
  q = digits(x, q);
  if (q == d)
    return false;
  if (q - d <= 3) {
    while (q + 4 <= x->to && x->t[q] == ',' && digits(x, q + 1) == q + 4)
      q += 4;
  }
  if (q + 1 < x->to && x->t[q] == '.' && digit(x->t[q + 1]))
    q = digits(x, q + 1);
  if (!ends_figure(x, q))
    return false;
  *end = q;
  return true;
}

/* Scans a whole number (digits only) at [pos]. */
static bool scan_int(const Ctx *x, uint32_t pos, uint32_t *end) {
  if (!starts_figure(x, pos))
    return false;
  uint32_t q = digits(x, pos);
  if (q == pos || !ends_figure(x, q))
    return false;
  *end = q;
  return true;
}

/* Scans a date at [pos]:  date -> d{4} 年 d{1,2} 月 d{1,2} 日 */
static bool scan_date(const Ctx *x, uint32_t pos, uint32_t *end) {
  if (!starts_figure(x, pos))
    return false;
  uint32_t q = digits(x, pos);
  if (q - pos != 4 || !at3(x, q, U_NIAN))
    return false;
  uint32_t m = q + 3;
  q = digits(x, m);
  if (q == m || q - m > 2 || !at3(x, q, U_YUE))
    return false;
  uint32_t d = q + 3;
  q = digits(x, d);
  if (q == d || q - d > 2 || !at3(x, q, U_RI))
    return false;
  *end = q + 3;
  return true;
}

/* True at the end of a sentence: 。 and the ASCII ; ! ? that NFKC makes of
 * ； ！ ？.  A filler never skips one. */
static bool sentence_end(const Ctx *x, uint32_t pos) {
  unsigned char c = x->t[pos];
  return c == ';' || c == '!' || c == '?' || at3(x, pos, U_PERIOD);
}

/* Returns the offset of the first 。 in [pos, lim), or [lim]. */
static uint32_t next_period(const Ctx *x, uint32_t pos, uint32_t lim) {
  // memchr for the lead byte E3, then the two others: E3 leads only
  // U+3000..U+3FFF (、。《》 and the like in a 说明), so it rarely stops
  // falsely, and memmem's set-up costs more than the whole scan here.
  while (pos < lim && lim - pos >= 3) {
    const unsigned char *f = memchr(x->t + pos, 0xE3, lim - pos - 2);
    if (!f)
      break;
    pos = (uint32_t)(f - x->t);
    if (f[1] == 0x80 && f[2] == 0x82)
      return pos;
    pos++;
  }
  return lim;
}

/* Moves [pos] back to the start of the character it falls in. */
static uint32_t char_start(const Ctx *x, uint32_t pos) {
  while (pos > x->from && (x->t[pos] & 0xC0) == 0x80)
    pos--;
  return pos;
}

static bool match_at(Ctx *x, int i, uint32_t pos);

/* Matches a text hole (item [i], hole [h]) at [pos]: the shortest
 * non-empty text of at most PATTERN_MAX_TEXT bytes that does not contain
 * 。 or ; and is followed by the next literal; longer ones are tried while the
 * rest of the pattern fails.  A text hole that ends the alternative takes
 * everything up to the next 。 (or the limit). */
static bool match_text(Ctx *x, int i, int h, uint32_t pos) {
  if (pos >= x->to)
    return false;
  uint32_t lim = pos + PATTERN_MAX_TEXT;
  if (lim > x->to)
    lim = x->to;
  lim = next_period(x, pos, lim); // the text stops before 。
  // ...and before ; (a clause of a list: "…(项)…86.7%;…(项)…" must not bind
  // one 项's name across into the next).
  const unsigned char *semi = memchr(x->t + pos, ';', lim - pos);
  if (semi)
    lim = (uint32_t)(semi - x->t);
  x->hs[h] = pos;
  if (i + 1 == x->alt->n) {
    uint32_t e = lim < x->to && lim == pos + PATTERN_MAX_TEXT
                     ? char_start(x, lim)
                     : lim;
    if (e == pos)
      return false;
    x->he[h] = e;
    x->end = e;
    return true;
  }
  const PatItem *lit = &x->alt->items[i + 1];
  Probe *pr = item_probe(x, i + 1);
  uint32_t q = pos + char_len(x, pos); // non-empty
  while (q <= lim) {
    uint32_t hay_end = lim + lit->len < x->to ? lim + lit->len : x->to;
    if (q + lit->len > hay_end)
      return false;
    const unsigned char *f = find_lit(x, pr, q, hay_end);
    if (!f)
      return false;
    q = (uint32_t)(f - x->t);
    x->he[h] = q;
    if (match_at(x, i + 1, q))
      return true;
    q++;
  }
  return false;
}

/* Matches a `*` filler (item [i]) at [pos]: 0, 1, … PATTERN_MAX_FILLER code
 * points, shortest first, never past the end of a sentence. */
static bool match_filler(Ctx *x, int i, uint32_t pos) {
  const PatItem *next = &x->alt->items[i + 1];
  for (int k = 0;; k++) {
    // Cheap test before the recursive call: a literal must start here.
    if (next->kind != PIT_LIT ||
        (pos < x->to && x->t[pos] == (unsigned char)next->lit[0]))
      if (match_at(x, i + 1, pos))
        return true;
    if (k == PATTERN_MAX_FILLER || pos >= x->to || sentence_end(x, pos))
      return false;
    pos += char_len(x, pos);
  }
}

/* Returns the slot where [key] is, or the empty slot where it would go. */
static uint64_t *memo_find(Memo *m, uint64_t key) {
  uint32_t i = (uint32_t)((key * 0x9E3779B97F4A7C15u) >> m->shift);
  while (m->slots[i] && m->slots[i] != key)
    i = (i + 1) & (m->cap - 1);
  return &m->slots[i];
}

/* Empties [m] and gives it [cap] slots at [slots]. */
static void memo_reset(Memo *m, uint64_t *slots, uint32_t cap) {
  m->slots = slots;
  m->cap = cap;
  m->n = 0;
  m->shift = 64;
  for (uint32_t c = cap; c > 1; c >>= 1)
    m->shift--;
  memset(slots, 0, (size_t)cap * sizeof *slots);
}

/* Adds [key] to [m], doubling the table when it is half full.  When the
 * table cannot grow (the limit, or no memory) it is emptied instead:
 * forgetting failures costs time, never correctness. */
static void memo_add(Memo *m, uint64_t key) {
  if (2 * (m->n + 1) > m->cap) {
    uint32_t cap = m->cap * 2;
    uint64_t *slots = cap <= MATCH_MEMO_MAX ? malloc(cap * sizeof *slots) : 0;
    if (!slots) {
      memo_reset(m, m->slots, m->cap);
    } else {
      uint64_t *old = m->slots;
      uint32_t old_cap = m->cap;
      memo_reset(m, slots, cap);
      for (uint32_t i = 0; i < old_cap; i++)
        if (old[i]) {
          *memo_find(m, old[i]) = old[i];
          m->n++;
        }
      if (old != m->inline_slots)
        free(old);
    }
  }
  uint64_t *slot = memo_find(m, key);
  if (!*slot) {
    *slot = key;
    m->n++;
  }
}

/* Returns the memo key of state ([i], [pos]) of the current alternative, or
 * 0 when the memo would only cost its upkeep: when the alternative cannot
 * backtrack (each state is reached at most once per start), and for the
 * first item, which only search_alt enters, once per candidate start
 * (a failed start was recorded and never asked about again). */
static uint64_t memo_key(Ctx *x, int i, uint32_t pos) {
  if (!x->backtracks || i == 0)
    return 0;
  if (x->memo.cap == 0)
    memo_reset(&x->memo, x->memo.inline_slots, MATCH_MEMO_INLINE);
  return ((uint64_t)x->ai << 40 | (uint64_t)i << 32 | pos) + 1;
}

/* Matches items [i..] of the current alternative at [pos].  On success the
 * hole ranges of the path are in x->hs/he and the match end in x->end. */
static bool match_at(Ctx *x, int i, uint32_t pos) {
  if (i == x->alt->n) {
    x->end = pos;
    return true;
  }
  uint64_t key = memo_key(x, i, pos);
  if (key && *memo_find(&x->memo, key) == key)
    return false;
  const PatItem *it = &x->alt->items[i];
  bool ok = false;
  uint32_t e = 0;
  if (it->kind == PIT_LIT) {
    ok = pos + it->len <= x->to && memcmp(x->t + pos, it->lit, it->len) == 0 &&
         match_at(x, i + 1, pos + it->len);
  } else if (it->kind == PIT_FILLER) {
    ok = match_filler(x, i, pos);
  } else {
    int h = it->hole;
    x->hs[h] = pos;
    switch (x->p->holes[h].kind) {
    case HOLE_NUM:
    case HOLE_PCT: // the compiler put the % in the next literal
      ok = scan_number(x, pos, &e);
      break;
    case HOLE_INT:
      ok = scan_int(x, pos, &e);
      break;
    case HOLE_DATE:
      ok = scan_date(x, pos, &e);
      break;
    case HOLE_TEXT:
      ok = match_text(x, i, h, pos);
      break;
    }
    if (ok && x->p->holes[h].kind != HOLE_TEXT) {
      x->he[h] = e;
      ok = match_at(x, i + 1, e);
    }
  }
  if (!ok && key)
    memo_add(&x->memo, key);
  return ok;
}

/* True when a hole of kind [k] could start with byte [c] (a digit, or a
 * sign for figures); used to skip positions cheaply. */
static bool may_start(HoleKind k, unsigned char c) {
  if (digit(c))
    return true;
  return (k == HOLE_NUM || k == HOLE_PCT) &&
         (c == '+' || c == '-' || c == 0xE2);
}

/* Finds the leftmost match of the current alternative whose start is at most
 * [limit]; stores its start in [*start].  How candidates are found depends
 * on the first item:
 *   - a literal: each hit of it (find_lit);
 *   - a figure, integer or date hole: each position where one may start;
 *   - a text hole: each hit of the literal after it; the text reaches back
 *     to the start of its sentence (just after the previous 。, or [from]),
 *     at most PATTERN_MAX_TEXT bytes.  Hits come in order, so starts do. */
// Bytes a written figure may span (digits, separators, sign): the backward
// look for the figure before a literal stops there.
#define MATCH_MAX_FIGURE 96

/* A byte that can be part of a written figure: digits, separators, signs,
 * and the bytes of the minus sign U+2212 (E2 88 92). */
static bool figure_byte(unsigned char c) {
  return (c >= '0' && c <= '9') || c == ',' || c == '.' || c == '+' ||
         c == '-' || c == 0xE2 || c == 0x88 || c == 0x92;
}

static bool search_alt(Ctx *x, uint32_t limit, uint32_t *start) {
  const PatItem *first = &x->alt->items[0];
  const unsigned char *t = x->t;
  if (first->kind == PIT_LIT) {
    Probe pr = probe(x, first);
    uint32_t q = x->from;
    while (q <= limit && q + first->len <= x->to) {
      const unsigned char *f = find_lit(x, &pr, q, x->to);
      if (!f || (uint32_t)(f - t) > limit)
        return false;
      q = (uint32_t)(f - t);
      if (match_at(x, 0, q)) {
        *start = q;
        return true;
      }
      q++;
    }
    return false;
  }
  HoleKind kind = x->p->holes[first->hole].kind;
  if (kind != HOLE_TEXT && x->alt->n > 1 && x->alt->items[1].kind == PIT_LIT) {
    // A figure then literal text ("{金额}万元,占本年收入{占比}%"): find the
    // literal (find_lit), then the figure that ends right before it, so
    // the text is not tried at every digit.  Figures do not overlap, so the
    // first hit that matches has the earliest start.
    const PatItem *lit = &x->alt->items[1];
    Probe pr = probe(x, lit);
    uint32_t q = x->from;
    while (q + lit->len <= x->to) {
      const unsigned char *f = find_lit(x, &pr, q, x->to);
      if (!f)
        return false;
      q = (uint32_t)(f - t);
      uint32_t s = q;
      while (s > x->from && q - s < MATCH_MAX_FIGURE && figure_byte(t[s - 1]))
        s--;
      if (s > limit)
        return false;
      for (uint32_t p0 = s; p0 < q && p0 <= limit; p0++)
        if (may_start(kind, t[p0]) && starts_figure(x, p0) &&
            match_at(x, 0, p0)) {
          *start = p0;
          return true;
        }
      q++;
    }
    return false;
  }
  if (kind != HOLE_TEXT) {
    for (uint32_t q = x->from; q < x->to && q <= limit; q++)
      if (may_start(kind, t[q]) && starts_figure(x, q) && match_at(x, 0, q)) {
        *start = q;
        return true;
      }
    return false;
  }
  const PatItem *lit = &x->alt->items[1];
  int h = first->hole;
  uint32_t sent = x->from;    // start of the sentence holding [scanned]
  uint32_t scanned = x->from; // periods before here are accounted for
  Probe pr = probe(x, lit);
  uint32_t q = x->from;
  while (q + lit->len <= x->to) {
    const unsigned char *f = find_lit(x, &pr, q, x->to);
    if (!f)
      return false;
    q = (uint32_t)(f - t);
    for (; scanned < q; scanned++)
      if (at3(x, scanned, U_PERIOD) && scanned + 3 <= q)
        sent = scanned + 3;
    uint32_t s = sent;
    if (q - s > PATTERN_MAX_TEXT) {
      s = q - PATTERN_MAX_TEXT;
      while ((t[s] & 0xC0) == 0x80)
        s++;
    }
    if (s > limit)
      return false;
    if (s < q) {
      x->hs[h] = s;
      x->he[h] = q;
      if (match_at(x, 1, q)) {
        *start = s;
        return true;
      }
    }
    q++;
  }
  return false;
}

bool match_find(const Pattern *p, const char *text, uint32_t from,
                uint32_t to, Match *m) {
  return match_find_indexed(p, text, NULL, from, to, m);
}

bool match_find_indexed(const Pattern *p, const char *text,
                        const MatchIndex *ix, uint32_t from, uint32_t to,
                        Match *m) {
  if (!p || from > to)
    return false;
  Ctx x;
  x.memo.cap = 0;
  x.ix = ix;
  x.p = p;
  x.t = (const unsigned char *)text;
  x.from = from;
  x.to = to;
  bool found = false;
  for (int a = 0; a < p->n_alts; a++) {
    x.alt = &p->alts[a];
    x.ai = a;
    x.probed = 0;
    x.backtracks = false;
    for (int i = 0; i < x.alt->n; i++) {
      const PatItem *it = &x.alt->items[i];
      if (it->kind == PIT_FILLER ||
          (it->kind == PIT_HOLE && p->holes[it->hole].kind == HOLE_TEXT))
        x.backtracks = true;
    }
    // A tie goes to the earlier alternative: a later one must start
    // before the best so far, and nothing starts before [from].
    if (found && m->start == from)
      break;
    uint32_t limit = found ? m->start - 1 : to;
    uint32_t start;
    if (!search_alt(&x, limit, &start))
      continue;
    found = true;
    memset(m, 0, sizeof *m);
    m->start = start;
    m->end = x.end;
    m->alt = a;
    for (int i = 0; i < x.alt->n; i++) {
      int h = x.alt->items[i].hole;
      if (x.alt->items[i].kind != PIT_HOLE)
        continue;
      m->bound[h] = true;
      m->hole_start[h] = x.hs[h];
      m->hole_end[h] = x.he[h];
    }
  }
  if (x.memo.cap && x.memo.slots != x.memo.inline_slots)
    free(x.memo.slots);
  return found;
}
