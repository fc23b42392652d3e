/* lang/uwidth.h -- display width of UTF-8 text (prefix uwidth_), from
 * utf8proc, never from the locale (libc wcwidth varies by machine).
 *
 * Rules (style.md E5): East Asian W/F = 2; Mn/Me/Cf = 0; ambiguous = 1;
 * an invalid byte = 1 (drawn as U+FFFD); a C0 control other than tab = 1
 * (drawn as its Control Picture U+2400+c); tab advances to the next multiple
 * of 8. */
#ifndef FISC_UWIDTH_H
#define FISC_UWIDTH_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one UTF-8 character at [s] (at most [n] bytes).  Returns the number
 * of bytes consumed (1 for an invalid byte) and stores the code point, or -1
 * for an invalid sequence, in [*cp].  [n] must be > 0. */
size_t uwidth_decode(const char *s, size_t n, int32_t *cp);
/* uwidth_decode with the common case inline: a valid 3-byte character (all
 * of CJK) is decoded here; anything else goes to uwidth_decode. */
static inline size_t uwidth_decode_fast(const char *s, size_t n,
                                        int32_t *cp) {
  const unsigned char *u = (const unsigned char *)s;
  if (n >= 3 && (u[0] & 0xF0) == 0xE0 && (u[1] & 0xC0) == 0x80 &&
      (u[2] & 0xC0) == 0x80) {
    int32_t c = ((int32_t)(u[0] & 0x0F) << 12) |
                ((int32_t)(u[1] & 0x3F) << 6) | (int32_t)(u[2] & 0x3F);
    if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
      *cp = c;
      return 3;
    }
  }
  return uwidth_decode(s, n, cp);
}

/* Returns the length of the longest prefix of [s] ([n] bytes) that is
 * valid UTF-8 in uwidth_decode's strict sense: [n] when all of it is,
 * else the offset of the first invalid byte.  Eight ASCII bytes and the
 * common 3-byte characters are checked without decoding. */
size_t uwidth_valid_prefix(const char *s, size_t n);
/* Returns the display width of code point [cp] (not tab; -1 = invalid). */
int uwidth_cp(int32_t cp);
/* Returns the 0-based display column reached after the [n] bytes at [s] when
 * they start at 0-based column [col]; tabs expand to multiples of 8. */
uint32_t uwidth_advance(const char *s, size_t n, uint32_t col);
/* Appends to [out] the printable rendering of the [n] bytes at [s] starting at
 * column [col]: tabs become spaces, invalid bytes U+FFFD, C0 controls their
 * Control Picture.  Returns the column reached.  [out] is a Buf*. */
struct Buf;
uint32_t uwidth_render(struct Buf *out, const char *s, size_t n, uint32_t col);

#endif
