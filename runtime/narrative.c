/* runtime/narrative.c -- a narrative as a matchable source (prefix
 * narrative_): its normal form and offset map (lang/norm.c) and its outline
 * from the heading hierarchy 第X部分 → 一、 → （一） → 1. → （1）, recognised
 * on the ORIGINAL lines (the normal form has no line breaks).  It neither
 * reads files nor decodes GBK (the loader does) nor matches claims. */
#include "runtime/narrative.h"

#include <string.h>

#include "lang/bsearch.h"
#include "lang/uwidth.h"

// Chinese numerals in a heading number: 一 … 十九 need at most two, 二十一
// three.  A longer run is prose ("一二三四五"), not a number.
#define NARRATIVE_MAX_NUMERALS 3
// Arabic digits in a 1. / （1） heading.  Lists in these documents stay far
// below 100 items; allowing a third digit would let a wrapped line such as
// "100.0%，…" or "123、…" pass for a heading far more often than a 100th
// list item occurs.
#define NARRATIVE_MAX_DIGITS 2

/* A cursor over one original line, reading code points. */
typedef struct Cur {
  const char *s;
  uint32_t n, i; // line length, position (bytes)
} Cur;

/* Decodes the character at [s] ([n] > 0 bytes left): ASCII and valid
 * 3-byte characters (nearly every line start of a 说明) inline, the rest
 * through uwidth_decode, so the result is always uwidth_decode's. */
static inline uint32_t decode(const char *s, uint32_t n, int32_t *cp) {
  unsigned char b = (unsigned char)s[0];
  if (b < 0x80) {
    *cp = b;
    return 1;
  }
  return (uint32_t)uwidth_decode_fast(s, n, cp);
}

/* Returns the code point at the cursor without moving, -1 at the end of
 * the line or on an invalid byte. */
static int32_t peek(const Cur *c, uint32_t *len) {
  if (c->i >= c->n) {
    *len = 0;
    return -1;
  }
  int32_t cp;
  *len = decode(c->s + c->i, c->n - c->i, &cp);
  return cp;
}

/* Moves past the code point at the cursor when it is [cp]. */
static bool eat(Cur *c, int32_t cp) {
  uint32_t len;
  if (peek(c, &len) != cp)
    return false;
  c->i += len;
  return true;
}

/* Moves past the first of the code points [a], [b] found at the cursor. */
static bool eat2(Cur *c, int32_t a, int32_t b) {
  return eat(c, a) || eat(c, b);
}

/* True for 一 二 三 四 五 六 七 八 九 十. */
static bool cjk_numeral(int32_t cp) {
  switch (cp) {
  case 0x4E00: // 一
  case 0x4E8C: // 二
  case 0x4E09: // 三
  case 0x56DB: // 四
  case 0x4E94: // 五
  case 0x516D: // 六
  case 0x4E03: // 七
  case 0x516B: // 八
  case 0x4E5D: // 九
  case 0x5341: // 十
    return true;
  default:
    return false;
  }
}

/* True for 0-9 and the full-width ０-９. */
static bool any_digit(int32_t cp) {
  return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

/* Skips a run of characters satisfying [pred]; returns how many, or 0 when
 * the run is longer than [max] (then it is not a heading number). */
static int run(Cur *c, bool (*pred)(int32_t), int max) {
  int k = 0;
  uint32_t len;
  while (pred(peek(c, &len))) {
    c->i += len;
    k++;
  }
  return k <= max ? k : 0;
}

/* Returns the heading level (1..5) of the line [c] positioned at its first
 * non-blank character, or 0 for prose:
 *
 *   1  第 numerals 部分
 *   2  numerals 、
 *   3  （ numerals ）          full- or half-width parentheses, mixed too
 *   4  digits ( . | ． | 、 ) not followed by a digit, nor by the end of
 *      the line
 *   5  （ digits ）
 *
 * numerals: 1 to 3 of 一…十; digits: 1 or 2 of 0-9 / ０-９.
 *
 * PDF text wraps lines anywhere, so a line can start with the middle of a
 * sentence.  The rules above keep out what the seed document shows: a line
 * starting with a year ("2021 年度…": four digits, then a space or 年), with
 * a decimal ("21.99%，…", "1296.70 万元": the dot is followed by a digit)
 * or with a decimal cut at the dot ("12.\n5%": nothing after the dot).
 * What remains possible is a wrapped line that happens to start like a
 * list item ("二、三笔资金…"); such a line becomes a heading. */
static int heading_level(Cur *c) {
  uint32_t len;
  // The first character is decoded once: most lines are prose, and none
  // of the forms below starts with anything else than these.
  int32_t cp = peek(c, &len);
  if (cp == 0x7B2C) { // 第
    c->i += len;
    return run(c, cjk_numeral, NARRATIVE_MAX_NUMERALS) && eat(c, 0x90E8) &&
                   eat(c, 0x5206) // 部分
               ? 1
               : 0;
  }
  if (cjk_numeral(cp))
    return run(c, cjk_numeral, NARRATIVE_MAX_NUMERALS) && eat(c, 0x3001) // 、
               ? 2
               : 0;
  if (cp == '(' || cp == 0xFF08) { // （
    c->i += len;
    int level = 0;
    if (run(c, cjk_numeral, NARRATIVE_MAX_NUMERALS))
      level = 3;
    else if (run(c, any_digit, NARRATIVE_MAX_DIGITS))
      level = 5;
    return level && eat2(c, ')', 0xFF09) ? level : 0; // ）
  }
  if (any_digit(cp)) {
    if (!run(c, any_digit, NARRATIVE_MAX_DIGITS))
      return 0;
    if (!eat(c, '.') && !eat(c, 0xFF0E) && !eat(c, 0x3001)) // ． 、
      return 0;
    int32_t after = peek(c, &len);
    return after >= 0 && !any_digit(after) ? 4 : 0;
  }
  return 0;
}

/* Returns the number of bytes of blanks at the start of [s]: space, tab,
 * U+3000 IDEOGRAPHIC SPACE, U+00A0 NO-BREAK SPACE and U+FEFF (a BOM the
 * loader left, or a zero-width no-break space). */
static uint32_t leading_blanks(const char *s, uint32_t n) {
  uint32_t i = 0;
  while (i < n) {
    if (s[i] == ' ' || s[i] == '\t') {
      i++;
      continue;
    }
    int32_t cp;
    uint32_t len = decode(s + i, n - i, &cp);
    if (cp != 0x3000 && cp != 0xA0 && cp != 0xFEFF)
      break;
    i += len;
  }
  return i;
}

// Headings the first block of an outline holds; it doubles (in the
// arena) for a document with more.  The seed document has about 100.
#define NARRATIVE_FIRST_SECTIONS 128

/* Calls the recogniser on each line of [src] and returns its headings,
 * at most NARRATIVE_MAX_SECTIONS, in an array from [a] (level, original
 * start and line end, line; title unset), their number in [*count].  One
 * pass: the array grows by doubling, the outgrown blocks stay in the
 * arena (at most the final size again; reading the whole text twice, once
 * to count, cost more). */
static Section *scan_lines(const Src *src, Arena *a, int *count) {
  const char *s = src->bytes;
  uint32_t len = (uint32_t)src->len;
  uint32_t off = 0, line = 1;
  int n = 0, cap = NARRATIVE_FIRST_SECTIONS;
  Section *out = arena_alloc(a, sizeof *out * (size_t)cap);
  while (off < len && n < NARRATIVE_MAX_SECTIONS) {
    const char *nl = memchr(s + off, '\n', len - off);
    uint32_t eol = nl ? (uint32_t)(nl - s) : len;
    uint32_t end = eol;
    if (end > off && s[end - 1] == '\r')
      end--;
    uint32_t b = off + leading_blanks(s + off, end - off);
    // A Markdown heading (说明.md): `## 二、…` is the heading `二、…`.
    uint32_t h = b;
    while (h < end && s[h] == '#')
      h++;
    if (h > b && h < end && (s[h] == ' ' || s[h] == '\t'))
      b = h + leading_blanks(s + h, end - h);
    Cur c = {s + b, end - b, 0};
    int level = heading_level(&c);
    if (level) {
      if (n == cap) {
        Section *more = arena_alloc(a, sizeof *more * (size_t)cap * 2);
        memcpy(more, out, sizeof *out * (size_t)n);
        out = more;
        cap *= 2;
      }
      out[n].level = level;
      out[n].start = b;
      out[n].end = end;
      out[n].line = line;
      out[n].title = NULL;
      out[n].title_len = 0;
      out[n].bytes = 0;
      n++;
    }
    off = eol + 1;
    line++;
  }
  *count = n;
  return out;
}

/* A rule suite names a handful of sections, but a claim inside a `for`
 * looks its section up once per row: the answers are kept, per narrative
 * (so per thread), keyed by the title's text. */
#define SECTION_CACHE_SIZE 32
typedef struct SectionCache {
  Arena *arena; // the narrative's: the keys live as long as the answers
  int n;
  struct {
    const char *title;
    uint32_t len;
    int index;
  } e[SECTION_CACHE_SIZE];
} SectionCache;

/* Builds the normal form, then the outline in three steps: find the
 * heading lines (original offsets), turn offsets into normalised ones by
 * binary search in the offset map (it never decreases), and close each
 * section at the next heading of the same or a higher level (a stack of
 * open sections, so the whole pass is linear). */
void narrative_build(Narrative *n, Src *src, Arena *a) {
  n->src = src;
  norm_text(a, src->bytes, (uint32_t)src->len, 0, true, &n->norm);
  match_index(&n->ix, a, n->norm.text, n->norm.len);
  n->sections = scan_lines(src, a, &n->n_sections);
  n->cache = arena_alloc(a, sizeof *n->cache);
  n->cache->arena = a;
  n->cache->n = 0;
  const uint32_t *map = n->norm.map;
  uint32_t k = 0;
  // Open sections, levels strictly increasing from the bottom: at most 5.
  int open[5];
  int depth = 0;
  for (int i = 0; i < n->n_sections; i++) {
    Section *sec = &n->sections[i];
    // First normalised byte produced at or after the original offset (the
    // offset map never decreases, so a binary search answers what a walk
    // over every normalised byte would); headings come in document order,
    // so the search starts at the last.
    k = bsearch_lower(map, k, n->norm.len, sec->start);
    uint32_t start = k;
    uint32_t e = bsearch_lower(map, k, n->norm.len, sec->end);
    sec->start = start;
    sec->end = n->norm.len;
    sec->title = arena_strndup(a, n->norm.text + start, e - start);
    // strlen, not e - start: a NUL byte in the line ends the title string.
    sec->title_len = (uint32_t)strlen(sec->title);
    while (depth > 0 && n->sections[open[depth - 1]].level >= sec->level)
      n->sections[open[--depth]].end = start;
    open[depth++] = i;
  }
}

/* A heading's section holds more than its own heading line: a table of
 * contents entry (followed at once by the next entry) does not. */
static bool has_body(const Section *sec) {
  return sec->end > sec->start + sec->title_len;
}

static int section_lookup(const Narrative *n, const char *title, uint32_t len,
                          Arena *a);

int narrative_section(const Narrative *n, const char *title, uint32_t len,
                      Arena *a) {
  SectionCache *c = n->cache;
  for (int i = 0; c && i < c->n; i++)
    if (c->e[i].len == len && memcmp(c->e[i].title, title, len) == 0)
      return c->e[i].index;
  int k = section_lookup(n, title, len, a);
  if (c && c->n < SECTION_CACHE_SIZE) {
    c->e[c->n].title = arena_strndup(c->arena, title, len);
    c->e[c->n].len = len;
    c->e[c->n].index = k;
    c->n++;
  }
  return k;
}

/* The section a title names: among the headings that contain it and have a
 * body, the highest in the hierarchy (一、 before （一） before 1.), then the
 * first.  So "机关运行经费" is the part 十、机关运行经费支出情况, not the 名词解释
 * entry （十七）机关运行经费：…, and a 目录 line never captures a claim. */
/* True when the [hn] bytes at [h] contain the [nn] bytes at [nd] (nn > 0).
 * Headings are a few dozen bytes: the first byte found with memchr and the
 * rest compared beats memmem, whose set-up costs more than such a scan. */
static bool contains(const char *h, size_t hn, const char *nd, size_t nn) {
  const char *end = h + hn;
  while ((size_t)(end - h) >= nn) {
    const char *f = memchr(h, nd[0], (size_t)(end - h) - nn + 1);
    if (!f)
      return false;
    if (memcmp(f + 1, nd + 1, nn - 1) == 0)
      return true;
    h = f + 1;
  }
  return false;
}

/* A bit (b & 63) for each byte b of the [len] bytes at [s].  Text that
 * contains another has every byte of it, so a title whose bits lack one
 * of a query's cannot contain the query: one AND turns away nearly every
 * heading before contains() looks at its bytes (the low six bits of the
 * continuation bytes spread CJK characters over all 64 bits). */
static uint64_t byte_bits(const char *s, uint32_t len) {
  uint64_t bits = 0;
  for (uint32_t i = 0; i < len; i++)
    bits |= (uint64_t)1 << ((unsigned char)s[i] & 63);
  return bits;
}

static int section_lookup(const Narrative *n, const char *title, uint32_t len,
                          Arena *a) {
  Norm q;
  norm_text(a, title, len, 0, false, &q);
  uint64_t want = byte_bits(q.text, q.len);
  int best = -1;
  for (int i = 0; i < n->n_sections; i++) {
    // Written through a const Narrative: a title's bits are computed the
    // first time a lookup gets this far, and the narrative belongs to
    // its unit's thread (as the SectionCache does).
    Section *sec = &n->sections[i];
    size_t tlen = sec->title_len;
    if (tlen < q.len || !has_body(sec) ||
        (best >= 0 && sec->level >= n->sections[best].level))
      continue;
    if (q.len > 0) {
      // A non-empty title has at least one bit, so 0 means "not yet".
      if (sec->bytes == 0)
        sec->bytes = byte_bits(sec->title, sec->title_len);
      if ((want & ~sec->bytes) != 0 ||
          !contains(sec->title, tlen, q.text, q.len))
        continue;
    }
    best = i;
  }
  return best;
}
