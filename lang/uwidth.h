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
