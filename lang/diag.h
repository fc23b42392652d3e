/* lang/diag.h -- the one diagnostic sink (prefix diag_).
 *
 * lang/ and runtime/ never write to stderr: every error, warning and note is
 * rendered into Diags.out, which the CLI prints and the tests compare.  The
 * format follows GCC/rustc (style.md E2-E9):
 *
 *   rules/2021/三公.fisc:7:13: error: fullwidth `（` (U+FF08) is not valid here
 *       7 |   assert 合计（一般公共预算） > 0
 *         |             ^~
 *         = help: use ASCII `(` instead
 *
 * Columns are display columns (uwidth.h).  After DIAG_MAX_ERRORS errors one
 * note "too many errors, stopping" is written and everything after it is
 * dropped (no cascades). */
#ifndef FISC_DIAG_H
#define FISC_DIAG_H

#include <stdbool.h>

#include "lang/buf.h"
#include "lang/src.h"

// Twenty errors fill a terminal screen; past that they are noise.
#define DIAG_MAX_ERRORS 20
// Source lines wider than this many columns are cut around the caret with …
#define DIAG_MAX_LINE_COLS 100

typedef enum { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE, DIAG_HELP } DiagLevel;

typedef struct Diags {
  Buf out;          // everything rendered so far
  int n_errors;     // errors emitted (including dropped ones)
  int n_warnings;
  int max_errors;   // DIAG_MAX_ERRORS unless a test changes it
  bool color;       // ANSI colour in the header line (CLI decides)
  bool stopped;     // the cap was hit: further diagnostics are dropped
  bool last_dropped; // the last diagnostic was dropped, so drop its helps
} Diags;

void diag_init(Diags *d);
void diag_free(Diags *d);
/* Renders one diagnostic: the header line, then (when [src] is not NULL) the
 * source line and a caret `^` under the span's first column followed by `~`
 * for the rest of its display width.  With [src] NULL the header reads
 * "fisc: error: message".  [span].len == 0 draws a single caret. */
void diag_emit(Diags *d, DiagLevel lvl, Src *src, Span span, const char *fmt,
               ...) __attribute__((format(printf, 5, 6)));
void diag_error(Diags *d, Src *src, Span span, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void diag_warning(Diags *d, Src *src, Span span, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Appends "  = help: ..." / "  = note: ..." under the last diagnostic. */
void diag_help(Diags *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void diag_note(Diags *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Appends to [out] the excerpt of [span] in [src] -- gutter, source line and
 * a marker row drawn with [mark] ('^' primary, '-' secondary) -- without a
 * header.  The report uses it under findings. */
void diag_excerpt(Buf *out, Src *src, Span span, char mark);
/* Appends "path:line:col" of [off] in [src] to [out]. */
void diag_where(Buf *out, Src *src, uint32_t off);

#endif
