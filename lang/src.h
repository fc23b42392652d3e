/* lang/src.h -- a source text (rule file, CSV data file, narrative) and
 * positions in it (prefix src_).
 *
 * Spans are byte offsets {off, len} into Src.bytes.  Line and display column
 * are computed only when printing, from a lazily built line-start table.
 * `off`/`len` are always bytes; `col` is always a display column (tab stops
 * every 8, CJK two columns wide, widths from utf8proc -- see uwidth.h). */
#ifndef FISC_SRC_H
#define FISC_SRC_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct Span {
  uint32_t off, len; // bytes
} Span;

typedef struct Src {
  char *path;      // as given by the user (malloc'd, owned)
  char *bytes;     // content, always followed by a NUL (malloc'd, owned)
  size_t len;      // bytes, excluding the NUL
  uint32_t *lines; // start offset of each line, built on first use
  uint32_t n_lines;
  bool opaque;     // not text in any encoding we read (UTF-16/32): a
                   // diagnostic gives its position but shows no excerpt
} Src;

/* Returns a new Src that takes ownership of [bytes] (malloc'd, [len] bytes
 * plus a NUL at bytes[len]); [path] is copied.  Free with src_free. */
Src *src_new(const char *path, char *bytes, size_t len);
/* Returns a new Src holding a copy of [text]. */
Src *src_from_string(const char *path, const char *text, size_t len);
/* Reads the file [path].  Returns NULL and writes a one-line reason such as
 * "no such file or directory" into [why] (at least 128 bytes) on failure. */
Src *src_read_file(const char *path, char *why, size_t why_cap);
/* Outcome of src_read_regular besides success. */
typedef enum {
  SRC_OK,
  SRC_ABSENT,      // no such file (not an error for a data file)
  SRC_NOT_REGULAR, // a folder, a pipe, a device: refused without reading
  SRC_TOO_BIG,     // larger than [max] bytes: refused without reading
  SRC_FAILED       // could not be opened or read: the reason is in [why]
} SrcOpen;
/* Reads the regular file [name] of the folder open as [dirfd] (AT_FDCWD:
 * the current one), of at most [max] bytes, looking up one name: anything
 * but a regular file is refused before it is opened, the open is
 * non-blocking (a named pipe put there meanwhile cannot hang it), and the
 * open file is checked again with fstat.  [path] names it in the Src (messages).  Returns
 * the Src, or NULL with the outcome in [*how] (the size in [*size] for
 * SRC_TOO_BIG, the reason in [why] for SRC_FAILED). */
Src *src_read_regular(int dirfd, const char *name, const char *path,
                      unsigned long long max, SrcOpen *how,
                      unsigned long long *size, char *why, size_t why_cap);
/* Writes a short lowercase English reason for errno value [err] ("no such
 * file or directory") into [why]. */
void src_reason(char *why, size_t why_cap, int err);
void src_free(Src *s);

/* Computes the 1-based line and 1-based display column of byte [off]. */
void src_linecol(Src *s, uint32_t off, uint32_t *line, uint32_t *col);
/* Returns the byte range of 1-based line [line], without its line break
 * ("\n" or "\r\n"). */
void src_line(Src *s, uint32_t line, uint32_t *off, uint32_t *len);

#endif
