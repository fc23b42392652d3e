/* lang/diag.c -- the one diagnostic sink (prefix diag_): header line, source
 * excerpt with a display-column caret, help/note lines, and the error cap.
 *
 * Everything is rendered into Diags.out; nothing here writes to a stream.
 * Columns are display columns from uwidth.c, so a caret under CJK text, a
 * tab or a combining mark stays aligned in a terminal (the jq drift bug,
 * style.md E4).  This file decides nothing about when to report: callers do. */
#include "lang/diag.h"

#include <inttypes.h>
#include <stdarg.h>

#include "lang/uwidth.h"

// The gutter holds line numbers right-aligned in at least this many columns
// (GCC's width): "    7 | ".  Longer numbers widen it.
#define DIAG_GUTTER_MIN 5
// When a long line is cut, this many columns of context are kept to the left
// of the caret, so the reader sees what leads up to the error.
#define DIAG_CONTEXT_COLS 40

// UTF-8 of U+2026 HORIZONTAL ELLIPSIS.  It is East Asian ambiguous, so one
// column under our rules (uwidth.h).
static const char ellipsis[] = "\xE2\x80\xA6";

// Severity names and their ANSI colours, indexed by DiagLevel (GCC's
// palette: bold red errors, bold magenta warnings, bold cyan notes).
static const char *const level_name[] = {
    "error",   // DIAG_ERROR
    "warning", // DIAG_WARNING
    "note",    // DIAG_NOTE
    "help",    // DIAG_HELP
};
static const char *const level_color[] = {
    "\033[1;31m", // DIAG_ERROR: bold red
    "\033[1;35m", // DIAG_WARNING: bold magenta
    "\033[1;36m", // DIAG_NOTE: bold cyan
    "\033[1;36m", // DIAG_HELP: bold cyan
};
static const char color_reset[] = "\033[0m";

void diag_init(Diags *d) {
  buf_init(&d->out);
  d->n_errors = 0;
  d->n_warnings = 0;
  d->max_errors = DIAG_MAX_ERRORS;
  d->color = false;
  d->stopped = false;
  d->last_dropped = false;
}

void diag_free(Diags *d) { buf_free(&d->out); }

/* Appends "error:" (or another severity), coloured when [d] asks for it. */
static void put_level(Diags *d, DiagLevel lvl) {
  if (d->color)
    buf_printf(&d->out, "%s%s:%s", level_color[lvl], level_name[lvl],
               color_reset);
  else
    buf_printf(&d->out, "%s:", level_name[lvl]);
}

/* Returns the gutter width for line number [line]: its digit count, but at
 * least DIAG_GUTTER_MIN. */
static int gutter_width(uint32_t line) {
  int w = 1;
  while (line >= 10) {
    line /= 10;
    w++;
  }
  return w < DIAG_GUTTER_MIN ? DIAG_GUTTER_MIN : w;
}

/* The part of a source line that is shown, in display columns of the whole
 * line: [lo, hi), with an ellipsis before and/or after it when cut. */
typedef struct Window {
  uint32_t lo, hi;
  bool left, right;
} Window;

/* Chooses which columns of a line [width] columns wide to show so that the
 * result, ellipses included, fits in DIAG_MAX_LINE_COLS and contains the
 * caret at column [c] and as much of the [sw]-column span as fits.  Three
 * shapes: head ("abc…"), middle ("…abc…") and tail ("…abc"); the caret keeps
 * DIAG_CONTEXT_COLS of left context unless the span needs the room. */
static Window choose_window(uint32_t width, uint32_t c, uint32_t sw) {
  Window w = {0, width, false, false};
  if (width <= DIAG_MAX_LINE_COLS)
    return w;
  uint32_t room = DIAG_MAX_LINE_COLS - 2; // a middle window has two ellipses
  uint32_t need = sw ? sw : 1;            // a zero-width span still has a ^
  uint32_t lo = c > DIAG_CONTEXT_COLS ? c - DIAG_CONTEXT_COLS : 0;
  if (c + need > lo + room)
    lo = c + need - room < c ? c + need - room : c;
  if (lo == 0) {
    w.hi = DIAG_MAX_LINE_COLS - 1;
    w.right = true;
  } else if (width - lo <= DIAG_MAX_LINE_COLS - 1) {
    // The rest of the line fits after one ellipsis: show the whole tail,
    // moving the start left to use the full width.
    w.lo = width - (DIAG_MAX_LINE_COLS - 1);
    w.left = true;
  } else {
    w.lo = lo;
    w.hi = lo + room;
    w.left = true;
    w.right = true;
  }
  return w;
}

/* Appends the columns [w] of the [n]-byte line [text].  Characters keep the
 * widths they have in the whole line (a tab stays as wide as at its original
 * column), so the caret row can shift by the same amount.  A wide character
 * or tab straddling a cut shows as spaces for its visible part; a zero-width
 * character is shown only if the character it follows could be. */
static void render_window(Buf *out, const char *text, uint32_t n, Window w) {
  if (w.left)
    buf_puts(out, ellipsis);
  uint32_t col = 0;
  uint32_t i = 0;
  bool shown = w.lo == 0; // was the previous character drawn in full?
  while (i < n && col <= w.hi) {
    int32_t cp;
    uint32_t k = (uint32_t)uwidth_decode(text + i, n - i, &cp);
    uint32_t next = uwidth_advance(text + i, k, col);
    if (next == col) {
      if (shown)
        uwidth_render(out, text + i, k, col);
    } else if (col >= w.lo && next <= w.hi) {
      uwidth_render(out, text + i, k, col);
      shown = true;
    } else {
      if (next > w.lo && col < w.hi) {
        uint32_t from = col > w.lo ? col : w.lo;
        uint32_t to = next < w.hi ? next : w.hi;
        buf_repeat(out, ' ', to - from);
      }
      shown = false;
    }
    col = next;
    i += k;
  }
  if (w.right)
    buf_puts(out, ellipsis);
}

/* Appends the excerpt of [span] in [src]: the gutter and source line, then
 * [mark] under the span's first column and a fill ('~' after '^', '-' after
 * '-') for the rest of its width on that line.  A span running onto later
 * lines is underlined to the end of its first line; an empty one (or one
 * with no width, such as a lone combining mark) gets the mark alone.  The
 * gutter is DIAG_GUTTER_MIN wide, more for longer line numbers.  Neither
 * row has trailing blanks of our own making: an empty line shows as "7 |". */
static void excerpt(Buf *out, Src *src, Span span, char mark) {
  uint32_t line;
  uint32_t col;
  src_linecol(src, span.off, &line, &col);
  uint32_t loff;
  uint32_t llen;
  src_line(src, line, &loff, &llen);
  const char *text = src->bytes + loff;

  // Byte range of the span on this line, relative to the line start.
  uint64_t lend = (uint64_t)loff + llen;
  uint64_t s0 = span.off < lend ? span.off : lend;
  uint64_t s1 = (uint64_t)span.off + span.len;
  if (s1 > lend)
    s1 = lend;
  if (s1 < s0)
    s1 = s0;
  uint32_t b0 = (uint32_t)(s0 - loff);
  uint32_t b1 = (uint32_t)(s1 - loff);

  uint32_t c = col - 1; // 0-based display column of the caret
  uint32_t c_end = uwidth_advance(text + b0, b1 - b0, c);
  uint32_t width = uwidth_advance(text, llen, 0);
  Window w = choose_window(width, c, c_end - c);

  int gw = gutter_width(line);
  buf_printf(out, "%*" PRIu32 " |", gw, line);
  if (llen > 0) {
    buf_putc(out, ' ');
    render_window(out, text, llen, w);
  }
  buf_putc(out, '\n');

  buf_repeat(out, ' ', (size_t)gw + 1);
  buf_puts(out, "| ");
  buf_repeat(out, ' ', (size_t)(c - w.lo) + (w.left ? 1 : 0));
  buf_putc(out, mark);
  uint32_t shown_end = c_end < w.hi ? c_end : w.hi;
  if (shown_end > c + 1)
    buf_repeat(out, mark == '-' ? '-' : '~', shown_end - c - 1);
  buf_putc(out, '\n');
}

void diag_excerpt(Buf *out, Src *src, Span span, char mark) {
  if (src)
    excerpt(out, src, span, mark);
}

void diag_where(Buf *out, Src *src, uint32_t off) {
  if (!src) {
    buf_puts(out, "fisc");
    return;
  }
  uint32_t line;
  uint32_t col;
  src_linecol(src, off, &line, &col);
  buf_printf(out, "%s:%" PRIu32 ":%" PRIu32, src->path, line, col);
}

/* Applies the error cap and the counters to one incoming diagnostic and
 * returns whether it is to be rendered.  Every error and warning is
 * counted, shown or not.  The error that finds the cap already reached
 * writes the one "too many errors" note; from then on everything is
 * dropped, and last_dropped tells diag_help/diag_note to drop theirs. */
static bool admit(Diags *d, DiagLevel lvl) {
  if (lvl == DIAG_ERROR) {
    // max_errors <= 0 means no cap, like GCC's -fmax-errors=0.
    if (!d->stopped && d->max_errors > 0 && d->n_errors >= d->max_errors) {
      buf_puts(&d->out, "fisc: ");
      put_level(d, DIAG_NOTE);
      buf_puts(&d->out, " too many errors, stopping\n");
      d->stopped = true;
    }
    d->n_errors++;
  } else if (lvl == DIAG_WARNING) {
    d->n_warnings++;
  }
  d->last_dropped = d->stopped;
  return !d->stopped;
}

/* Renders the header "path:line:col: level: message" ("fisc: level:
 * message" without a source) and the excerpt. */
static void emit(Diags *d, DiagLevel lvl, Src *src, Span span,
                 const char *fmt, va_list ap) {
  if (!admit(d, lvl))
    return;
  if (src)
    diag_where(&d->out, src, span.off);
  else
    buf_puts(&d->out, "fisc");
  buf_puts(&d->out, ": ");
  put_level(d, lvl);
  buf_putc(&d->out, ' ');
  buf_vprintf(&d->out, fmt, ap);
  buf_putc(&d->out, '\n');
  if (src && !src->opaque)
    excerpt(&d->out, src, span, '^');
}

void diag_emit(Diags *d, DiagLevel lvl, Src *src, Span span, const char *fmt,
               ...) {
  va_list ap;
  va_start(ap, fmt);
  emit(d, lvl, src, span, fmt, ap);
  va_end(ap);
}

void diag_error(Diags *d, Src *src, Span span, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  emit(d, DIAG_ERROR, src, span, fmt, ap);
  va_end(ap);
}

void diag_warning(Diags *d, Src *src, Span span, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  emit(d, DIAG_WARNING, src, span, fmt, ap);
  va_end(ap);
}

/* Returns the indentation of the "=" of a help/note line: one column past
 * the gutter of the excerpt it follows.  The gutter width is read back from
 * the last line already rendered (blanks before "|" or "="), so Diags needs
 * no extra field; after a header-only diagnostic it is the default. */
static size_t sub_indent(const Buf *out) {
  size_t end = out->len;
  if (end > 0 && out->s[end - 1] == '\n')
    end--;
  size_t start = end;
  while (start > 0 && out->s[start - 1] != '\n')
    start--;
  size_t i = start;
  while (i < end && out->s[i] == ' ')
    i++;
  if (i > start && i < end && (out->s[i] == '|' || out->s[i] == '='))
    return i - start;
  return DIAG_GUTTER_MIN + 1;
}

/* Appends "      = help: message" under the last diagnostic (dropped with
 * it, or after the cap). */
static void sub(Diags *d, DiagLevel lvl, const char *fmt, va_list ap) {
  if (d->stopped || d->last_dropped)
    return;
  buf_repeat(&d->out, ' ', sub_indent(&d->out));
  buf_puts(&d->out, "= ");
  put_level(d, lvl);
  buf_putc(&d->out, ' ');
  buf_vprintf(&d->out, fmt, ap);
  buf_putc(&d->out, '\n');
}

void diag_help(Diags *d, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  sub(d, DIAG_HELP, fmt, ap);
  va_end(ap);
}

void diag_note(Diags *d, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  sub(d, DIAG_NOTE, fmt, ap);
  va_end(ap);
}
