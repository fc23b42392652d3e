/* lang/buf.h -- growable byte buffer (prefix buf_) for rendered text:
 * diagnostics, reports, JSON.  Owns its malloc'd storage; buf_free releases
 * it.  The content is always NUL-terminated. */
#ifndef FISC_BUF_H
#define FISC_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct Buf {
  char *s;    // NUL-terminated content (never NULL after buf_init)
  size_t len; // bytes, excluding the NUL
  size_t cap;
} Buf;

void buf_init(Buf *b);
void buf_free(Buf *b);
void buf_clear(Buf *b);
void buf_add(Buf *b, const char *s, size_t n);
void buf_puts(Buf *b, const char *s);
void buf_putc(Buf *b, char c);
/* Appends [v] in decimal: what buf_printf("%ld") writes, without printf
 * (JSON reports write several counts per rule per unit). */
void buf_putl(Buf *b, long v);
/* Appends [n] copies of the character [c]. */
void buf_repeat(Buf *b, char c, size_t n);
/* Appends [n] copies of the NUL-terminated string [s]. */
void buf_repeat_str(Buf *b, const char *s, size_t n);
void buf_printf(Buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void buf_vprintf(Buf *b, const char *fmt, va_list ap);
/* Removes and returns the content (caller frees); the buffer is left empty. */
char *buf_take(Buf *b);

#endif
