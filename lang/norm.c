/* lang/norm.c -- the normal form of narrative text (prefix norm_): NFKC one
 * code point at a time, white space dropped, invalid bytes made U+FFFD, and
 * a map from every output byte back to the input.  It knows nothing of
 * patterns or headings: pattern literals and whole documents go through the
 * same code, so both sides of a match agree byte for byte. */
#include "lang/norm.h"

#include <stdatomic.h>
#include <string.h>
#include <utf8proc.h>

#include "lang/uwidth.h"

// NFKC of one code point is at most 18 code points (U+FDFA); room for more
// keeps utf8proc_decompose_char from ever reporting a short buffer.
#define NORM_MAX_DECOMP 32
// Slack added to the first output buffer.  Most text shrinks (white space
// goes, full-width punctuation drops from 3 bytes to 1); only compatibility
// characters such as ㈠ → "(一)" grow, and then the buffer doubles.
#define NORM_SLACK 64

// UTF-8 of U+FFFD REPLACEMENT CHARACTER, written for each invalid byte.
static const char replacement[] = "\xEF\xBF\xBD";

/* The growing output: text and (optionally) map share one capacity. */
typedef struct Out {
  Arena *a;
  char *text;
  uint32_t *map; // NULL when no map is wanted
  uint32_t len, cap;
} Out;

/* Doubles the capacity of [o] until [need] more bytes fit.  The old blocks
 * stay in the arena (it cannot free); this only happens for text that grows
 * under NFKC, and doubling bounds the waste by the final size. */
static void grow(Out *o, uint32_t need) {
  uint64_t cap = o->cap;
  while (cap - o->len < need)
    cap = cap * 2;
  // Offsets are uint32_t: a normal form past 4 GB cannot be mapped.  Such
  // a request is out of memory by arena_alloc's own rule (it exits 2).
  if (cap > UINT32_MAX - 1)
    arena_alloc(o->a, SIZE_MAX);
  char *text = arena_alloc(o->a, (size_t)cap + 1);
  memcpy(text, o->text, o->len);
  o->text = text;
  if (o->map) {
    uint32_t *map = arena_alloc(o->a, ((size_t)cap + 1) * sizeof *map);
    memcpy(map, o->map, (size_t)o->len * sizeof *map);
    o->map = map;
  }
  o->cap = (uint32_t)cap;
}

/* Appends the [n] bytes at [b], all produced by the input character at
 * original offset [orig]. */
static void put(Out *o, const char *b, uint32_t n, uint32_t orig) {
  if (o->cap - o->len < n)
    grow(o, n);
  memcpy(o->text + o->len, b, n);
  if (o->map)
    for (uint32_t i = 0; i < n; i++)
      o->map[o->len + i] = orig;
  o->len += n;
}

/* True for the characters removed from the normal form: Unicode White_Space
 * (tab, LF, VT, FF, CR, space, NEL, NBSP, U+1680, U+2000..U+200A, U+2028,
 * U+2029, U+202F, U+205F, U+3000) and the invisible characters PDF
 * extractors leave inside words and numbers: ZERO WIDTH SPACE U+200B, SOFT
 * HYPHEN U+00AD, WORD JOINER U+2060 and the BOM / ZWNBSP U+FEFF. */
static bool dropped(int32_t cp) {
  if (cp < 0x80)
    return cp == ' ' || (cp >= '\t' && cp <= '\r');
  switch (cp) {
  case 0x85:   // NEXT LINE
  case 0xA0:   // NO-BREAK SPACE
  case 0xAD:   // SOFT HYPHEN
  case 0x1680: // OGHAM SPACE MARK
  case 0x200B: // ZERO WIDTH SPACE
  case 0x2028: // LINE SEPARATOR
  case 0x2029: // PARAGRAPH SEPARATOR
  case 0x202F: // NARROW NO-BREAK SPACE
  case 0x205F: // MEDIUM MATHEMATICAL SPACE
  case 0x2060: // WORD JOINER
  case 0x3000: // IDEOGRAPHIC SPACE
  case 0xFEFF: // BOM / ZERO WIDTH NO-BREAK SPACE
    return true;
  default:
    return cp >= 0x2000 && cp <= 0x200A; // EN QUAD .. HAIR SPACE
  }
}

/* Writes the normal form of code point [cp] to [buf] as code points, the
 * dropped ones left out, and returns how many; returns -1 when [cp] has no
 * decomposition and is not dropped: it is then its own NFKC (true of all
 * CJK ideographs; Hangul syllables recompose to themselves).  Asks utf8proc
 * without any allocation. */
static utf8proc_ssize_t nfkc_of(int32_t cp,
                                utf8proc_int32_t buf[NORM_MAX_DECOMP]) {
  if (dropped(cp))
    return 0;
  const utf8proc_property_t *prop = utf8proc_get_property(cp);
  if (prop->decomp_seqindex == UINT16_MAX)
    return -1;
  utf8proc_ssize_t k = utf8proc_decompose_char(
      cp, buf, NORM_MAX_DECOMP,
      UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT, NULL);
  if (k < 0 || k > NORM_MAX_DECOMP)
    return -1; // cannot happen for a valid code point
  k = utf8proc_normalize_utf32(buf, k, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
  utf8proc_ssize_t n = 0;
  for (utf8proc_ssize_t i = 0; i < k; i++)
    if (!dropped(buf[i])) // U+3000 and NBSP decompose to a plain space
      buf[n++] = buf[i];
  return n;
}

/* Appends the normal form of code point [cp], whose [n] original bytes are
 * at [s] and start at original offset [orig]: its own bytes when it is its
 * own normal form, else nfkc_of's code points. */
static void put_cp(Out *o, int32_t cp, const char *s, uint32_t n,
                   uint32_t orig) {
  utf8proc_int32_t buf[NORM_MAX_DECOMP];
  utf8proc_ssize_t k = nfkc_of(cp, buf);
  if (k < 0) {
    put(o, s, n, orig);
    return;
  }
  for (utf8proc_ssize_t i = 0; i < k; i++) {
    utf8proc_uint8_t enc[4];
    utf8proc_ssize_t m = utf8proc_encode_char(buf[i], enc);
    put(o, (const char *)enc, (uint32_t)m, orig);
  }
}

/* The fast path for 3-byte characters (U+0800..U+FFFF: all of CJK, the
 * full-width forms, nearly every non-ASCII character of a 说明).  A bit per
 * code point says whether put_cp would copy the character's own bytes:
 * not dropped() and no decomposition in utf8proc.  The bits are asked of
 * utf8proc itself, never typed in, so they follow the library's Unicode
 * version exactly as put_cp does.  They are filled a page of 256 code
 * points at a time, on first use, so a short pattern literal pays for its
 * few pages only.  Overlong forms (U+0000..U+07FF in 3 bytes) and the
 * surrogates, which the strict decoder refuses, have no bit set and so
 * take the slow path, which makes them U+FFFD.
 *
 * Beside the bit, a byte per code point (fold3) covers the characters
 * whose normal form is one ASCII byte, or nothing: the full-width ， ； （
 * ） ： of a 说明 (about one character in sixteen) and the dropped spaces.
 * copy_run then writes that byte itself instead of leaving the run for
 * put_cp and its three calls into utf8proc.  Asked of nfkc_of, as put_cp
 * asks, on the same page fill.
 *
 * Threads (batch -j2) may fill the same page at once: each computes the
 * page's words alone and stores them atomically, so both store the same
 * values; [page_ready] is set with release order after the words, read
 * with acquire order before them. */
#define NORM_PAGE_SHIFT 8 // 256 code points per page
#define NORM_PAGES (0x10000 >> NORM_PAGE_SHIFT)
#define NORM_PAGE_WORDS ((1 << NORM_PAGE_SHIFT) / 64)
// fold3 values other than an ASCII byte (1..0x7F, never NUL: no character
// folds to U+0000): not folded (take put_cp), and dropped (write nothing).
#define NORM_FOLD_NONE 0
#define NORM_FOLD_DROP 0x80
static atomic_uchar page_ready[NORM_PAGES];
static atomic_uint_least64_t self_bits[0x10000 / 64];
static atomic_uchar fold_bytes[0x10000];

/* Returns the fold3 byte of code point [cp] (< 0x10000): what nfkc_of
 * makes of it when that is one ASCII byte or nothing, else
 * NORM_FOLD_NONE.  Overlong forms and surrogates get NORM_FOLD_NONE, like
 * a clear self bit, so that the strict decoder makes them U+FFFD. */
static unsigned char fold_of(int32_t cp) {
  if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))
    return NORM_FOLD_NONE;
  utf8proc_int32_t buf[NORM_MAX_DECOMP];
  utf8proc_ssize_t k = nfkc_of(cp, buf);
  if (k == 0)
    return NORM_FOLD_DROP;
  if (k == 1 && buf[0] > 0 && buf[0] < 0x80)
    return (unsigned char)buf[0];
  return NORM_FOLD_NONE;
}

/* Computes and publishes the bits and fold bytes of page [page]. */
static void fill_page(uint32_t page) {
  for (uint32_t w = 0; w < NORM_PAGE_WORDS; w++) {
    uint64_t word = 0;
    for (uint32_t b = 0; b < 64; b++) {
      int32_t cp = (int32_t)((page << NORM_PAGE_SHIFT) + w * 64 + b);
      bool self = cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF) &&
                  !dropped(cp) &&
                  utf8proc_get_property(cp)->decomp_seqindex == UINT16_MAX;
      if (self)
        word |= (uint64_t)1 << b;
      atomic_store_explicit(&fold_bytes[cp],
                            self ? NORM_FOLD_NONE : fold_of(cp),
                            memory_order_relaxed);
    }
    atomic_store_explicit(&self_bits[page * NORM_PAGE_WORDS + w], word,
                          memory_order_relaxed);
  }
  atomic_store_explicit(&page_ready[page], 1, memory_order_release);
}

/* True when the code point [cp] (< 0x10000), read from 3 bytes, is its own
 * normal form: put_cp would copy its bytes unchanged.  A set bit is final
 * (bits are only ever set, each to the value fill_page computes), so it is
 * trusted at once; a clear one may be a page not filled yet, and is read
 * again after the page is known to be ready. */
static inline bool self3(uint32_t cp) {
  uint64_t word =
      atomic_load_explicit(&self_bits[cp / 64], memory_order_relaxed);
  if ((word >> (cp % 64)) & 1)
    return true;
  uint32_t page = cp >> NORM_PAGE_SHIFT;
  if (!atomic_load_explicit(&page_ready[page], memory_order_acquire))
    fill_page(page);
  word = atomic_load_explicit(&self_bits[cp / 64], memory_order_relaxed);
  return (word >> (cp % 64)) & 1;
}

/* The fold3 byte of [cp] (< 0x10000): see NORM_FOLD_NONE.  Only after
 * self3([cp]) has returned false, which has made sure its page is ready
 * (its acquire, or this thread's own fill), so a relaxed load sees it. */
static inline unsigned char fold3(uint32_t cp) {
  return atomic_load_explicit(&fold_bytes[cp], memory_order_relaxed);
}

// The ASCII white space the normal form drops, as bits by byte value:
// tab, LF, VT, FF, CR (9..13) and space (32).
#define NORM_ASCII_WHITE ((uint64_t)1 << ' ' | (uint64_t)0x3E00)

/* The 4 bytes at [s] as a little-endian word, whatever the machine's byte
 * order (one load on x86: the compiler merges the byte reads). */
static inline uint32_t load4(const unsigned char *s) {
  return (uint32_t)s[0] | (uint32_t)s[1] << 8 | (uint32_t)s[2] << 16 |
         (uint32_t)s[3] << 24;
}

/* The bulk of copy_run, while four input bytes can be read at [i] (up to
 * [safe]); returns where it stopped: at [safe] or later, or at a character
 * it does not take.  Each step reads one word: a lead byte 1110xxxx and
 * two continuation bytes 10xxxxxx are one mask and one compare.  Writing
 * is by whole words too: the output byte after a character (and the map
 * entry after its three) may be written and is then overwritten or lies
 * past the end; the room test in copy_run leaves four bytes for it.
 * Inlined twice, with and without a map, so neither loop tests for one
 * (always_inline: GCC -O2 otherwise keeps one copy and tests [with_map]
 * at every character). */
static inline __attribute__((always_inline)) uint32_t
copy_words(const unsigned char *s, uint32_t i, uint32_t safe, char **tp,
           uint32_t **mp, uint32_t base, bool with_map) {
  char *t = *tp;
  uint32_t *m = *mp;
  while (i < safe) {
    uint32_t w = load4(s + i);
    if (!(w & 0x80)) {
      unsigned char c = (unsigned char)w;
      bool white = c <= ' ' && (NORM_ASCII_WHITE >> c & 1);
      *t = (char)c;
      t += !white;
      if (with_map) {
        *m = base + i;
        m += !white;
      }
      i++;
      continue;
    }
    if ((w & 0xC0C0F0) != 0x8080E0)
      break;
    // self3's bit, its word (cp / 64) and bit (cp % 64) taken from the
    // bytes without assembling cp; a clear bit goes to self3 itself.
    uint32_t word = (w & 0x0F) << 6 | (w >> 8 & 0x3F);
    uint32_t bit = w >> 16 & 0x3F;
    uint64_t bits =
        atomic_load_explicit(&self_bits[word], memory_order_relaxed);
    if (!(bits >> bit & 1) && !self3(word << 6 | bit)) {
      // Not its own normal form: a full-width ， ； （ ） ： folds to one
      // ASCII byte, a dropped space to nothing; the rest go to put_cp.
      unsigned char f = fold3(word << 6 | bit);
      if (f == NORM_FOLD_NONE)
        break;
      bool keep = f != NORM_FOLD_DROP;
      *t = (char)f;
      t += keep;
      if (with_map) {
        *m = base + i;
        m += keep;
      }
      i += 3;
      continue;
    }
    t[0] = (char)w;
    t[1] = (char)(w >> 8);
    t[2] = (char)(w >> 16);
    t[3] = (char)(w >> 24);
    t += 3;
    if (with_map) {
      uint32_t at = base + i;
      m[0] = at;
      m[1] = at;
      m[2] = at;
      m[3] = at;
      m += 3;
    }
    i += 3;
  }
  *tp = t;
  *mp = m;
  return i;
}

/* Copies, from input offset [i] on, the longest run of characters that are
 * their own normal form (ASCII other than white space, and the 3-byte
 * characters self3 admits), dropping the ASCII white space inside it;
 * copy_words also takes the 3-byte characters fold3 folds to one ASCII
 * byte or to nothing.  Returns the offset where the run stops.  Such a
 * run never writes more
 * bytes than it reads, so it is cut where the input would outgrow the room
 * left in [o]: the loop needs no capacity test, and the caller's general
 * path (put, which grows) takes the character after the cut.  copy_words
 * takes all but the last three bytes; the loop below finishes byte by
 * byte.  Kept apart from put_cp so the compiler holds the output cursors
 * in registers. */
static uint32_t copy_run(Out *o, const char *in, uint32_t i, uint32_t len,
                         uint32_t base) {
  const unsigned char *s = (const unsigned char *)in;
  uint32_t room = o->cap - o->len;
  uint32_t end = len - i > room ? i + room : len;
  char *t = o->text + o->len;
  char *t0 = t;
  uint32_t *m = o->map ? o->map + o->len : NULL;
  // i < safe: four bytes to read, and (as a run writes no more than it
  // reads) four bytes of room to write.
  uint32_t safe = end > 3 ? end - 3 : 0;
  if (m)
    i = copy_words(s, i, safe, &t, &m, base, true);
  else
    i = copy_words(s, i, safe, &t, &m, base, false);
  if (i < safe) { // stopped at a character it does not take
    o->len += (uint32_t)(t - t0);
    return i;
  }
  while (i < end) {
    unsigned char c = s[i];
    if (c < 0x80) {
      if (c != ' ' && (c < '\t' || c > '\r')) {
        *t++ = (char)c;
        if (m)
          *m++ = base + i;
      }
      i++;
      continue;
    }
    if (c < 0xE0 || c >= 0xF0 || end - i < 3)
      break;
    unsigned char c1 = s[i + 1], c2 = s[i + 2];
    if ((c1 & 0xC0) != 0x80 || (c2 & 0xC0) != 0x80)
      break;
    uint32_t cp = (uint32_t)(c & 0x0F) << 12 | (uint32_t)(c1 & 0x3F) << 6 |
                  (uint32_t)(c2 & 0x3F);
    if (!self3(cp))
      break;
    t[0] = (char)c;
    t[1] = (char)c1;
    t[2] = (char)c2;
    t += 3;
    if (m) {
      m[0] = m[1] = m[2] = base + i;
      m += 3;
    }
    i += 3;
  }
  o->len += (uint32_t)(t - t0);
  return i;
}

/* Walks the input once.  Runs of characters that are their own normal form
 * (ASCII, CJK: nearly all of a 说明) are copied by copy_run; each character
 * it stops at is decoded strictly (uwidth_decode, the decoder the lexer and
 * the caret renderer use, so all three agree on where characters start)
 * and goes through put_cp. */
void norm_text(Arena *a, const char *s, uint32_t len, uint32_t base,
               bool with_map, Norm *out) {
  Out o;
  o.a = a;
  o.cap = len < UINT32_MAX - NORM_SLACK ? len + NORM_SLACK : len;
  o.len = 0;
  o.text = arena_alloc(a, (size_t)o.cap + 1);
  o.map = with_map ? arena_alloc(a, ((size_t)o.cap + 1) * sizeof *o.map)
                   : NULL;
  uint32_t i = 0;
  while (i < len) {
    i = copy_run(&o, s, i, len, base);
    if (i == len)
      break;
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) { // only when copy_run ran out of room
      if (!dropped(c))
        put(&o, s + i, 1, base + i);
      i++;
      continue;
    }
    int32_t cp;
    uint32_t n = (uint32_t)uwidth_decode_fast(s + i, len - i, &cp);
    if (cp < 0)
      put(&o, replacement, 3, base + i);
    else
      put_cp(&o, cp, s + i, n, base + i);
    i += n;
  }
  o.text[o.len] = '\0';
  if (o.map)
    o.map[o.len] = base + len;
  out->text = o.text;
  out->len = o.len;
  out->map = o.map;
}

/* The test copy_run makes, without writing: every character is ASCII
 * other than white space or a 3-byte character self3 admits. */
bool norm_is_normal(const char *s, uint32_t len) {
  const unsigned char *u = (const unsigned char *)s;
  uint32_t i = 0;
  while (i < len) {
    unsigned char c = u[i];
    if (c < 0x80) {
      if (dropped(c))
        return false;
      i++;
      continue;
    }
    if (c < 0xE0 || c >= 0xF0 || len - i < 3)
      return false;
    unsigned char c1 = u[i + 1], c2 = u[i + 2];
    if ((c1 & 0xC0) != 0x80 || (c2 & 0xC0) != 0x80)
      return false;
    uint32_t cp = (uint32_t)(c & 0x0F) << 12 | (uint32_t)(c1 & 0x3F) << 6 |
                  (uint32_t)(c2 & 0x3F);
    if (!self3(cp))
      return false;
    i += 3;
  }
  return true;
}
