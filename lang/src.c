/* lang/src.c -- source texts and positions in them (prefix src_).
 *
 * Owns the file reading (with a one-line reason on failure, never printed
 * here) and the lazily built line-start table that turns a byte offset into
 * a line and a display column.  It does not render anything: diag.c draws
 * excerpts, uwidth.c measures columns. */
#include "lang/src.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lang/uwidth.h"

// Offsets are uint32_t (Span), so a text must leave room for the offset one
// past its last byte.  Rule files and data tables are far below this.
#define SRC_MAX_BYTES ((size_t)UINT32_MAX - 1)
// First read size when the file size is unknown (pipes, /dev/stdin).
#define SRC_READ_CHUNK 65536

/* Prints the out-of-memory message and exits 2, as arena.c and buf.c do. */
static void oom(void) {
  fputs("fisc: out of memory\n", stderr);
  exit(2);
}

static void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p)
    oom();
  return p;
}

static char *xstrdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *p = xmalloc(n);
  memcpy(p, s, n);
  return p;
}

/* A Src with no path would print as ":1:1: error"; say so instead. */
Src *src_new(const char *path, char *bytes, size_t len) {
  Src *s = xmalloc(sizeof *s);
  s->path = xstrdup(path ? path : "<input>");
  if (!bytes) {
    bytes = xmalloc(1);
    len = 0;
  }
  bytes[len] = '\0';
  s->bytes = bytes;
  s->len = len;
  s->lines = NULL;
  s->n_lines = 0;
  s->opaque = false;
  return s;
}

Src *src_from_string(const char *path, const char *text, size_t len) {
  char *bytes = xmalloc(len + 1);
  if (len)
    memcpy(bytes, text, len);
  bytes[len] = '\0';
  return src_new(path, bytes, len);
}

/* Writes into [why] a lowercase, locale-independent phrase for [err].  The
 * common cases are spelled out so the golden tests do not depend on the C
 * library's wording; the rest fall back to strerror with its first letter
 * lowered (we never call setlocale, so it is the "C" locale's English). */
void src_reason(char *why, size_t why_cap, int err) {
  const char *msg;
  switch (err) {
  case ENOENT:
    msg = "no such file or directory";
    break;
  case EACCES:
  case EPERM:
    msg = "permission denied";
    break;
  case EISDIR:
    msg = "is a directory";
    break;
  case ENOTDIR:
    msg = "not a directory";
    break;
  case ELOOP:
    msg = "too many levels of symbolic links";
    break;
  case ENAMETOOLONG:
    msg = "file name too long";
    break;
  case EFBIG:
  case EOVERFLOW:
    msg = "file too large";
    break;
  case ENOMEM:
    msg = "out of memory";
    break;
  case EMFILE:
  case ENFILE:
    msg = "too many open files";
    break;
  case EIO:
    msg = "input/output error";
    break;
  default:
    msg = strerror(err);
  }
  if (!why || why_cap == 0)
    return;
  snprintf(why, why_cap, "%s", msg);
  if (why[0] >= 'A' && why[0] <= 'Z')
    why[0] = (char)(why[0] - 'A' + 'a');
}

/* Reads all of [fd] into a malloc'd, NUL-terminated buffer, starting with
 * room for [hint] bytes (the size fstat reported; files can change size
 * while being read, and pipes report 0, so the loop reads until EOF).
 * Returns NULL with errno set on failure. */
static char *read_all(int fd, size_t hint, size_t *len) {
  // hint + 2: the file, its NUL, and one spare byte so the read that sees
  // EOF does not first double the buffer.
  size_t cap = hint ? hint + 2 : SRC_READ_CHUNK;
  size_t n = 0;
  char *p = xmalloc(cap);
  for (;;) {
    if (n + 1 == cap) {
      if (cap > SRC_MAX_BYTES) {
        free(p);
        errno = EFBIG;
        return NULL;
      }
      cap *= 2;
      char *q = realloc(p, cap);
      if (!q)
        oom();
      p = q;
    }
    ssize_t got = read(fd, p + n, cap - 1 - n);
    if (got < 0 && errno == EINTR)
      continue;
    if (got < 0) {
      int err = errno;
      free(p);
      errno = err;
      return NULL;
    }
    if (got == 0)
      break;
    n += (size_t)got;
  }
  if (n > SRC_MAX_BYTES) {
    free(p);
    errno = EFBIG;
    return NULL;
  }
  p[n] = '\0';
  *len = n;
  return p;
}

// openat(2), retried when a signal interrupts it.
static int open_retry(int dirfd, const char *path, int flags) {
  int fd;
  do
    fd = openat(dirfd, path, flags | O_CLOEXEC);
  while (fd < 0 && errno == EINTR);
  return fd;
}

/* Reads the open [fd] to its end (room for [hint] bytes first), closes it
 * and returns the Src for [path], or NULL with the reason in [why]. */
static Src *read_and_close(const char *path, int fd, size_t hint, char *why,
                           size_t why_cap) {
  size_t len = 0;
  char *bytes = read_all(fd, hint, &len);
  int err = errno;
  close(fd);
  if (!bytes) {
    src_reason(why, why_cap, err);
    return NULL;
  }
  return src_new(path, bytes, len);
}

/* Opens and reads [path] whole.  A directory is refused before reading
 * (Linux lets open(2) succeed on one and fails only at read).  On failure
 * the reason goes into [why] and nothing is printed. */
Src *src_read_file(const char *path, char *why, size_t why_cap) {
  int fd = open_retry(AT_FDCWD, path, O_RDONLY);
  if (fd < 0) {
    src_reason(why, why_cap, errno);
    return NULL;
  }
  struct stat st;
  int refused = 0;
  if (fstat(fd, &st) != 0)
    refused = errno;
  else if (S_ISDIR(st.st_mode))
    refused = EISDIR;
  else if (S_ISREG(st.st_mode) &&
           (unsigned long long)st.st_size > SRC_MAX_BYTES)
    refused = EFBIG;
  if (refused) {
    src_reason(why, why_cap, refused);
    close(fd);
    return NULL;
  }
  return read_and_close(path, fd,
                        S_ISREG(st.st_mode) ? (size_t)st.st_size : 0, why,
                        why_cap);
}

Src *src_read_regular(int dirfd, const char *name, const char *path,
                      unsigned long long max, SrcOpen *how,
                      unsigned long long *size, char *why, size_t why_cap) {
  // Look before opening: a socket, a device or a folder is refused
  // without being opened (opening some devices does things).  The open
  // file is checked again below, since the name may change in between.
  struct stat st;
  if (fstatat(dirfd, name, &st, 0) != 0) {
    *how = errno == ENOENT ? SRC_ABSENT : SRC_FAILED;
    src_reason(why, why_cap, errno);
    return NULL;
  }
  if (!S_ISREG(st.st_mode)) {
    *how = SRC_NOT_REGULAR;
    return NULL;
  }
  int fd = open_retry(dirfd, name, O_RDONLY | O_NONBLOCK);
  if (fd < 0) {
    *how = errno == ENOENT ? SRC_ABSENT : SRC_FAILED;
    src_reason(why, why_cap, errno);
    return NULL;
  }
  *how = SRC_FAILED;
  if (fstat(fd, &st) != 0)
    src_reason(why, why_cap, errno);
  else if (!S_ISREG(st.st_mode))
    *how = SRC_NOT_REGULAR;
  else if ((*size = (unsigned long long)st.st_size) > max)
    *how = SRC_TOO_BIG;
  else
    *how = SRC_OK;
  if (*how != SRC_OK) {
    close(fd);
    return NULL;
  }
  Src *src = read_and_close(path, fd, (size_t)st.st_size, why, why_cap);
  if (!src)
    *how = SRC_FAILED;
  return src;
}

void src_free(Src *s) {
  if (!s)
    return;
  free(s->path);
  free(s->bytes);
  free(s->lines);
  free(s);
}

/* Builds the line-start table on first use.  A line starts at offset 0 and
 * after every "\n" that is not the last byte, so "a\nb\n" has two lines and
 * the empty text has one (empty) line; a lone "\r" does not end a line.
 * The table describes the bytes as they are now: code that rewrites
 * s->bytes (re-encoding, BOM removal) must do so before the first position
 * is asked for. */
static void build_lines(Src *s) {
  if (s->lines)
    return;
  uint32_t n = 1;
  for (size_t i = 0; i + 1 < s->len; i++)
    n += s->bytes[i] == '\n';
  s->lines = xmalloc(n * sizeof *s->lines);
  s->lines[0] = 0;
  uint32_t k = 1;
  for (size_t i = 0; i + 1 < s->len; i++)
    if (s->bytes[i] == '\n')
      s->lines[k++] = (uint32_t)(i + 1);
  s->n_lines = n;
}

/* Finds the 0-based index of the line holding byte [off] (binary search for
 * the last start <= off). */
static uint32_t line_index(Src *s, uint32_t off) {
  uint32_t lo = 0;
  uint32_t hi = s->n_lines;
  while (hi - lo > 1) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (s->lines[mid] <= off)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

/* Lines past the last one (and line 0) yield an empty range at the end of
 * the text, so a caller never indexes outside it. */
void src_line(Src *s, uint32_t line, uint32_t *off, uint32_t *len) {
  build_lines(s);
  if (line < 1 || line > s->n_lines) {
    *off = (uint32_t)s->len;
    *len = 0;
    return;
  }
  uint32_t start = s->lines[line - 1];
  uint32_t end = line < s->n_lines ? s->lines[line] : (uint32_t)s->len;
  if (end > start && s->bytes[end - 1] == '\n') {
    end--;
    if (end > start && s->bytes[end - 1] == '\r')
      end--;
  }
  *off = start;
  *len = end - start;
}

/* An offset inside a line break, or at the end of a text that ends with one,
 * is placed just after the last character of its line: that is where an
 * "unexpected end of line/input" caret belongs.  Offsets past the end are
 * clamped to the end. */
void src_linecol(Src *s, uint32_t off, uint32_t *line, uint32_t *col) {
  build_lines(s);
  if (off > s->len)
    off = (uint32_t)s->len;
  uint32_t i = line_index(s, off);
  uint32_t start;
  uint32_t len;
  src_line(s, i + 1, &start, &len);
  uint32_t upto = off - start < len ? off - start : len;
  *line = i + 1;
  *col = uwidth_advance(s->bytes + start, upto, 0) + 1;
}
