/* lang/buf.c -- growable byte buffer (prefix buf_). */
#include "lang/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void grow(Buf *b, size_t extra) {
  if (b->len + extra + 1 <= b->cap)
    return;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < b->len + extra + 1)
    cap *= 2;
  char *s = realloc(b->cap ? b->s : NULL, cap);
  if (!s) {
    fputs("fisc: out of memory\n", stderr);
    exit(2);
  }
  if (!b->cap)
    s[0] = '\0';
  b->s = s;
  b->cap = cap;
}

void buf_init(Buf *b) {
  static char empty[1];
  b->s = empty;
  b->len = 0;
  b->cap = 0;
}

void buf_free(Buf *b) {
  if (b->cap)
    free(b->s);
  buf_init(b);
}

void buf_clear(Buf *b) {
  b->len = 0;
  if (b->cap)
    b->s[0] = '\0';
}

void buf_add(Buf *b, const char *s, size_t n) {
  if (n == 0)
    return;
  grow(b, n);
  memcpy(b->s + b->len, s, n);
  b->len += n;
  b->s[b->len] = '\0';
}

void buf_puts(Buf *b, const char *s) { buf_add(b, s, strlen(s)); }

void buf_putc(Buf *b, char c) { buf_add(b, &c, 1); }

void buf_putl(Buf *b, long v) {
  char d[24];
  size_t n = 0;
  // Through unsigned so that LONG_MIN negates without overflow.
  unsigned long m = v < 0 ? 0ul - (unsigned long)v : (unsigned long)v;
  do {
    d[sizeof d - 1 - n++] = (char)('0' + m % 10);
    m /= 10;
  } while (m);
  if (v < 0)
    d[sizeof d - 1 - n++] = '-';
  buf_add(b, d + sizeof d - n, n);
}

void buf_repeat(Buf *b, char c, size_t n) {
  if (n == 0)
    return;
  grow(b, n);
  memset(b->s + b->len, c, n);
  b->len += n;
  b->s[b->len] = '\0';
}

void buf_repeat_str(Buf *b, const char *s, size_t n) {
  while (n--)
    buf_puts(b, s);
}

void buf_vprintf(Buf *b, const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (n <= 0)
    return;
  grow(b, (size_t)n);
  vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
  b->len += (size_t)n;
}

void buf_printf(Buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  buf_vprintf(b, fmt, ap);
  va_end(ap);
}

char *buf_take(Buf *b) {
  char *s = b->cap ? b->s : calloc(1, 1);
  if (!s) {
    fputs("fisc: out of memory\n", stderr);
    exit(2);
  }
  buf_init(b);
  return s;
}
