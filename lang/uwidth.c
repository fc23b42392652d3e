/* lang/uwidth.c -- display width and printable rendering of UTF-8 text
 * (prefix uwidth_).
 *
 * Widths come from utf8proc, which is locale-independent and tracks Unicode,
 * so a golden test renders the same caret on every machine.  This file never
 * calls wcwidth or setlocale.  It knows nothing about lines: callers (src.c,
 * diag.c) hand it one line's bytes at a time. */
#include "lang/uwidth.h"

#include <stdbool.h>
#include <string.h>

#include <utf8proc.h>

#include "lang/buf.h"

// Tab stops every 8 columns: GNU coding standards §4.4 and GCC's default.
#define UWIDTH_TAB 8

// UTF-8 of U+FFFD REPLACEMENT CHARACTER, drawn for each invalid byte.
static const char replacement[] = "\xEF\xBF\xBD";

/* Returns the number of continuation bytes a lead byte [b] announces, or -1
 * when [b] cannot start a character (a stray continuation byte, the overlong
 * leads C0/C1, or F5..FF which would encode beyond U+10FFFF). */
static int trail_count(unsigned char b) {
  if (b < 0x80)
    return 0;
  if (b < 0xC2)
    return -1;
  if (b < 0xE0)
    return 1;
  if (b < 0xF0)
    return 2;
  if (b < 0xF5)
    return 3;
  return -1;
}

/* Decodes strictly (RFC 3629): no overlong forms, no surrogates, nothing
 * above U+10FFFF, no truncated sequence.  Anything else is one invalid byte,
 * so the caller resynchronises on the very next byte -- the same one-byte
 * step the lexer takes when it skips a bad byte, which keeps the two in
 * agreement about where every later character starts. */
size_t uwidth_decode(const char *s, size_t n, int32_t *cp) {
  const unsigned char *u = (const unsigned char *)s;
  int trail = trail_count(u[0]);
  if (trail < 0 || (size_t)trail >= n) {
    *cp = -1; // stray byte, or a sequence cut short by the end of input
    return 1;
  }
  if (trail == 0) {
    *cp = u[0];
    return 1;
  }
  // The lead byte keeps 6 - trail payload bits (5, 4 or 3).
  int32_t c = u[0] & (0x3F >> trail);
  for (int i = 1; i <= trail; i++) {
    if ((u[i] & 0xC0) != 0x80) {
      *cp = -1;
      return 1;
    }
    c = (c << 6) | (u[i] & 0x3F);
  }
  // Smallest code point each length may encode; below it the form is
  // overlong (two-byte overlongs were already refused by their lead byte).
  static const int32_t min_cp[] = {0, 0x80, 0x800, 0x10000};
  if (c < min_cp[trail] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
    *cp = -1;
    return 1;
  }
  *cp = c;
  return (size_t)trail + 1;
}

/* Lead bytes E1..EC and EE..EF begin only valid 3-byte forms (no overlong,
 * no surrogate) whenever two continuation bytes follow; E0 and ED, which
 * have both, and all other non-ASCII leads take the strict decoder. */
static bool plain_lead3(unsigned char c) {
  return (c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF;
}

size_t uwidth_valid_prefix(const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;
  while (i < n) {
    unsigned char c = u[i];
    if (c < 0x80) {
      // A run of ASCII, eight bytes at a time, then the odd ones.
      for (i++; n - i >= 8; i += 8) {
        uint64_t w;
        memcpy(&w, u + i, 8);
        if (w & 0x8080808080808080u)
          break;
      }
      while (i < n && u[i] < 0x80)
        i++;
      continue;
    }
    if (plain_lead3(c) && n - i >= 3) {
      // A run of 3-byte characters (CJK text).  b ^ 0x80 < 0x40 exactly
      // for a continuation byte 80..BF.
      do {
        if (((u[i + 1] ^ 0x80) | (u[i + 2] ^ 0x80)) >= 0x40)
          return i; // the decoder would refuse this lead byte too
        i += 3;
      } while (n - i >= 3 && plain_lead3(u[i]));
      continue;
    }
    int32_t cp;
    size_t k = uwidth_decode(s + i, n - i, &cp);
    if (cp < 0)
      return i;
    i += k;
  }
  return n;
}

/* True for the C0 controls and DEL, which are drawn as Control Pictures. */
static int is_c0(int32_t cp) { return (cp >= 0 && cp < 0x20) || cp == 0x7F; }

/* True for the C1 controls U+0080..U+009F.  A terminal may act on them (U+009B
 * is CSI), so they are drawn as U+FFFD like an invalid byte. */
static int is_c1(int32_t cp) { return cp >= 0x80 && cp <= 0x9F; }

/* True for the bidirectional formatting characters (all Cf, width 0).  They
 * are left out of the rendering altogether, as rustc does since the "Trojan
 * Source" report (CVE-2021-42574): printed raw, they would reorder the
 * terminal line and put the caret under the wrong text. */
static int is_bidi(int32_t cp) {
  return cp == 0x061C || cp == 0x200E || cp == 0x200F ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* The rules of style.md E5, in order: invalid and control characters take
 * one column (they are drawn as a one-column picture); combining marks,
 * enclosing marks and format characters take none, whatever utf8proc says
 * (it gives U+00AD SOFT HYPHEN one); everything else -- East Asian wide and
 * fullwidth (2), ambiguous (1, the UAX #11 default) -- is utf8proc's. */
int uwidth_cp(int32_t cp) {
  if (cp < 0 || is_c0(cp) || is_c1(cp))
    return 1;
  switch (utf8proc_category(cp)) {
  case UTF8PROC_CATEGORY_MN:
  case UTF8PROC_CATEGORY_ME:
  case UTF8PROC_CATEGORY_CF:
    return 0;
  default:
    return utf8proc_charwidth(cp);
  }
}

/* Returns the column after a tab that starts at column [col]. */
static uint32_t tab_stop(uint32_t col) {
  return (col / UWIDTH_TAB + 1) * UWIDTH_TAB;
}

uint32_t uwidth_advance(const char *s, size_t n, uint32_t col) {
  size_t i = 0;
  while (i < n) {
    int32_t cp;
    i += uwidth_decode(s + i, n - i, &cp);
    if (cp == '\t')
      col = tab_stop(col);
    else
      col += (uint32_t)uwidth_cp(cp);
  }
  return col;
}

/* Every character is written with exactly the width uwidth_advance gives it,
 * so a caret row computed with uwidth_advance lines up with this output. */
uint32_t uwidth_render(struct Buf *out, const char *s, size_t n,
                       uint32_t col) {
  size_t i = 0;
  while (i < n) {
    int32_t cp;
    size_t k = uwidth_decode(s + i, n - i, &cp);
    if (cp == '\t') {
      uint32_t to = tab_stop(col);
      buf_repeat(out, ' ', to - col);
      col = to;
    } else if (is_c0(cp)) {
      // U+2400 + c; DEL's picture U+2421 is the one outside that run.
      int32_t pic = cp == 0x7F ? 0x2421 : 0x2400 + cp;
      utf8proc_uint8_t enc[4];
      utf8proc_ssize_t m = utf8proc_encode_char(pic, enc);
      buf_add(out, (const char *)enc, (size_t)m);
      col++;
    } else if (cp < 0 || is_c1(cp)) {
      buf_add(out, replacement, sizeof replacement - 1);
      col++;
    } else if (is_bidi(cp)) {
      // width 0: drop it (see is_bidi)
    } else {
      buf_add(out, s + i, k);
      col += (uint32_t)uwidth_cp(cp);
    }
    i += k;
  }
  return col;
}
