/* runtime/load.c -- reading a submission folder against the declared tables
 * (prefix load_).
 *
 * Three layers, top down: load_submission finds the files of a folder;
 * load_table reads one CSV file against its TableDecl (title lines and their
 * 金额单位, the header, the rows, the keys); load_decode turns the bytes into
 * UTF-8 first.  Splitting records into fields is csv.c, parsing figures is
 * num.c, key lookup is table.c.  Every fault is reported through Diags at its
 * exact place in the data file; loading goes on after an error so one run
 * shows them all, except where the file's structure is lost. */
#define _GNU_SOURCE // O_PATH: a folder opened only to open files in it
#include "runtime/load.h"
#include "runtime/narrative.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lang/uwidth.h"
#include "runtime/csv.h"
#include "runtime/num.h"

// How many leading bytes the UTF-16 guess looks at when a file has NUL
// bytes but no byte-order mark: a few lines of a table are plenty.
#define LOAD_SNIFF_BYTES 512
// Cell text quoted in a message is cut after this many bytes (with …), so a
// pasted paragraph in a number column does not flood the terminal.
#define LOAD_MAX_QUOTE_BYTES 40
// The header's columns are listed in a help line only when there are at most
// this many of them: beyond that the list hides the message.
#define LOAD_MAX_LISTED_COLS 16

// What to do in Excel, said once for every encoding error.  "Unicode 文本" is
// how most UTF-16 files come about: it is a tab-separated UTF-16 export.
#define LOAD_EXCEL_HELP                                                     \
  "in Excel use 另存为 → “CSV UTF-8(逗号分隔)” or “CSV(逗号分隔)”; "       \
  "“Unicode 文本” writes UTF-16"

/* ------------------------------------------------------------------------ */
/* Decoding                                                                 */
/* ------------------------------------------------------------------------ */

static void oom(void) {
  fputs("fisc: out of memory\n", stderr);
  exit(2);
}

/* Replaces the bytes of [src] with the malloc'd [bytes] (NUL-terminated,
 * [len] bytes) and drops the line table, which described the old bytes. */
static void replace_bytes(Src *src, char *bytes, size_t len) {
  if (bytes != src->bytes)
    free(src->bytes);
  src->bytes = bytes;
  src->len = len;
  free(src->lines);
  src->lines = NULL;
  src->n_lines = 0;
}

/* Converts the bytes of [src] from GB18030 (a superset of GBK and GB2312,
 * what Chinese Excel writes as “CSV(逗号分隔)”) to UTF-8.  Returns false,
 * leaving [src] untouched, if they are not valid GB18030.  GB18030 never
 * uses an ASCII byte inside a multi-byte character, so line breaks, commas
 * and quotes stay where they were and line numbers still agree. */
static bool from_gb18030(Src *src) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == (iconv_t)-1)
    return false;
  // A GB18030 character of 1, 2 or 4 bytes becomes 1, 2-3 or 3-4 bytes of
  // UTF-8: at most 1.5 times as long, so twice the input always suffices.
  size_t cap = src->len * 2 + 4;
  char *out = malloc(cap + 1);
  if (!out)
    oom();
  char *in = src->bytes;
  size_t in_left = src->len;
  char *o = out;
  size_t o_left = cap;
  size_t rc = iconv(cd, &in, &in_left, &o, &o_left);
  iconv_close(cd);
  if (rc == (size_t)-1 || in_left != 0) {
    free(out);
    return false;
  }
  size_t n = cap - o_left;
  size_t skip = 0;
  if (n >= 3 && memcmp(out, "\xEF\xBB\xBF", 3) == 0)
    skip = 3; // GB18030's own byte-order mark (84 31 95 33) became U+FEFF
  memmove(out, out + skip, n - skip);
  out[n - skip] = '\0';
  replace_bytes(src, out, n - skip);
  return true;
}

/* Reports NUL bytes, the mark of UTF-16 without a byte-order mark or of a
 * binary file.  UTF-16 text of a table is mostly ASCII (digits, commas), so
 * about every other byte is NUL; a binary file has NULs here and there. */
static void report_nul(Src *src, Diags *d, size_t first, bool table) {
  size_t n = src->len < LOAD_SNIFF_BYTES ? src->len : LOAD_SNIFF_BYTES;
  size_t nuls = 0;
  for (size_t i = 0; i < n; i++)
    nuls += src->bytes[i] == '\0';
  Span at = {(uint32_t)first, 1};
  if (nuls * 4 >= n) {
    src->opaque = true; // its bytes would print as noise
    diag_error(d, src, at,
               "file looks UTF-16 encoded (it has NUL bytes between "
               "characters); save it as UTF-8 or GBK %s",
               table ? "CSV" : "text");
    if (table)
      diag_help(d, LOAD_EXCEL_HELP);
  } else {
    diag_error(d, src, at, "file contains a NUL byte; it is not %s",
               table ? "CSV text" : "text");
  }
}

/* The checks run from the most certain to the least: a byte-order mark or a
 * workbook signature names the format outright; NUL bytes never occur in
 * UTF-8 or GBK text; then UTF-8 is tried strictly, and only when it fails is
 * GB18030 tried, since valid GBK text is rarely valid UTF-8 while the
 * converse does not hold (ASCII is both). */
static bool decode(Src *src, Diags *d, bool table);

bool load_decode(Src *src, Diags *d) { return decode(src, d, true); }

bool load_decode_text(Src *src, Diags *d) { return decode(src, d, false); }

/* [table]: a CSV table (the messages speak of CSV and Excel) or a text
 * (the narrative). */
static bool decode(Src *src, Diags *d, bool table) {
  const unsigned char *u = (const unsigned char *)src->bytes;
  size_t len = src->len;
  if (len > LOAD_MAX_FILE_BYTES) {
    diag_error(d, src, (Span){0, 0},
               "file is %zu bytes; data files over %u MiB are refused", len,
               LOAD_MAX_FILE_BYTES / (1024 * 1024));
    diag_note(d, "a public table is well under 1 MB");
    return false;
  }
  // Wide encodings by their byte-order mark; UTF-32's first, since FF FE
  // 00 00 also starts like UTF-16LE.
  const char *wide = NULL;
  uint32_t bom_len = 0;
  if (len >= 4 && (memcmp(u, "\xFF\xFE\0\0", 4) == 0 ||
                   memcmp(u, "\0\0\xFE\xFF", 4) == 0)) {
    wide = "UTF-32";
    bom_len = 4;
  } else if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) ||
                          (u[0] == 0xFE && u[1] == 0xFF))) {
    wide = "UTF-16";
    bom_len = 2;
  }
  if (wide) {
    src->opaque = true; // its bytes would print as noise
    diag_error(d, src, (Span){0, bom_len},
               "file is %s encoded; save it as UTF-8 or GBK %s", wide,
               table ? "CSV" : "text");
    if (table)
      diag_help(d, LOAD_EXCEL_HELP);
    return false;
  }
  // A workbook renamed to .csv: .xlsx is a zip, .xls an OLE2 compound file.
  if ((len >= 4 && memcmp(u, "PK\x03\x04", 4) == 0) ||
      (len >= 8 && memcmp(u, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)) {
    diag_error(d, src, (Span){0, 0},
               "file is an Excel workbook, not CSV text");
    diag_help(d, LOAD_EXCEL_HELP);
    return false;
  }
  const char *nul = memchr(src->bytes, '\0', len);
  if (nul) {
    report_nul(src, d, (size_t)(nul - src->bytes), table);
    return false;
  }
  bool bom = len >= 3 && memcmp(u, "\xEF\xBB\xBF", 3) == 0;
  if (bom) {
    // In place: the bytes move down and keep their terminating NUL.
    memmove(src->bytes, src->bytes + 3, len - 3 + 1);
    replace_bytes(src, src->bytes, len - 3);
  }
  size_t bad = uwidth_valid_prefix(src->bytes, src->len);
  if (bad == src->len)
    return true;
  // A UTF-8 byte-order mark says what the file meant to be: do not guess.
  if (!bom && from_gb18030(src))
    return true;
  unsigned char b = (unsigned char)src->bytes[bad];
  if (bom) {
    diag_error(d, src, (Span){(uint32_t)bad, 1}, "invalid UTF-8 byte 0x%02X",
               b);
    diag_note(d, "the file starts with a UTF-8 byte-order mark, so it was "
                 "not read as GBK");
  } else {
    diag_error(d, src, (Span){(uint32_t)bad, 1},
               "invalid UTF-8 byte 0x%02X, and the file is not GBK either", b);
  }
  if (table)
    diag_help(d, LOAD_EXCEL_HELP);
  return false;
}

/* ------------------------------------------------------------------------ */
/* Small text helpers                                                       */
/* ------------------------------------------------------------------------ */

/* Appends [s] ([n] bytes) for quoting inside a one-line message: control
 * characters become spaces and text beyond LOAD_MAX_QUOTE_BYTES is cut at a
 * character boundary and marked with …. */
static void put_quoted(Buf *b, const char *s, size_t n) {
  size_t cut = n;
  if (n > LOAD_MAX_QUOTE_BYTES) {
    cut = LOAD_MAX_QUOTE_BYTES;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
      cut--; // back to the start of the character that crosses the limit
  }
  for (size_t i = 0; i < cut; i++)
    buf_putc(b, (unsigned char)s[i] < 0x20 ? ' ' : s[i]);
  if (cut < n)
    buf_puts(b, "…");
}

/* Returns true when [s] ([n] bytes) ends with the NUL-terminated [suffix]. */
static bool ends_with(const char *s, size_t n, const char *suffix) {
  size_t k = strlen(suffix);
  return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

/* Returns true when [s] starts with the NUL-terminated [prefix]. */
static bool starts_with(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Appends to [b] a comparison key for a column name: blanks dropped and
 * full-width ASCII (U+FF01..U+FF5E, e.g. `（`) folded to ASCII, so a
 * header `本年支出 合计（万元）` is recognised as a near miss of
 * `本年支出合计(万元)`. */
static void fold_name(Buf *b, const char *s) {
  size_t n = strlen(s);
  size_t i = 0;
  while (i < n) {
    size_t k = csv_blank_at(s + i, n - i);
    if (k) {
      i += k;
      continue;
    }
    int32_t cp;
    k = uwidth_decode(s + i, n - i, &cp);
    if (cp >= 0xFF01 && cp <= 0xFF5E)
      buf_putc(b, (char)(cp - 0xFF01 + 0x21));
    else
      buf_add(b, s + i, k);
    i += k;
  }
}

/* True when the names [x] and [y] differ only in blanks or full-width
 * forms (see fold_name). */
static bool near_miss(const char *x, const char *y) {
  Buf fx;
  Buf fy;
  buf_init(&fx);
  buf_init(&fy);
  fold_name(&fx, x);
  fold_name(&fy, y);
  bool same = strcmp(fx.s, fy.s) == 0;
  buf_free(&fx);
  buf_free(&fy);
  return same;
}

/* ------------------------------------------------------------------------ */
/* One table                                                                */
/* ------------------------------------------------------------------------ */

/* The state of reading one CSV file against one TableDecl. */
typedef struct Loader {
  Arena *a;
  Src *src;
  const TableDecl *decl;
  Diags *d;
  CsvReader csv;
  bool unit_seen;      // a 金额单位 was found in the title lines
  Unit file_unit;      // ...and it is this money unit (else UNIT_NONE)
  // The header record, kept after the reader moves on:
  int n_header;        // fields in it (blank ones included)
  const char **header; // their text, in the arena
  uint32_t *header_off; // their source offsets
  uint32_t header_rec_off, header_rec_len; // the header line, for carets
  int *col_of;         // declared column -> header field, or -1
  bool lenient;        // last year's table: a missing column stays blank
  int n_rows, cap_rows;
  Row *rows;           // malloc'd while reading; copied to the arena at end
} Loader;

/* Returns the first COL_NUMBER money column of the table, or NULL. */
static const ColDecl *first_money_col(const TableDecl *decl) {
  for (int j = 0; j < decl->n_cols; j++)
    if (decl->cols[j].kind == COL_NUMBER && unit_is_money(decl->cols[j].unit))
      return &decl->cols[j];
  return NULL;
}

// Characters that may stand before the label 单位 in a title line: the
// start of the cell (checked apart), a blank, 金额 (金额单位) or an opening
// bracket or separator, as in `（单位：万元）` or `部门：…  单位：万元`.
static const char *const unit_label_before[] = {
    "金额", "(", "（", "[", "【", ",", "，", ";", "；",
};
// Characters that end the unit after `单位：`: blanks, brackets and
// separators (`单位：万元）`, `单位：万元、%`).
static const char *const unit_value_end[] = {
    ")", "）", "(", "（", "]", "】", ",", "，", ";", "；", "、", "/",
};

/* Returns the byte length of the unit value starting at [s]: up to a
 * blank, a closing bracket or a separator, or the end of the text. */
static size_t unit_value_len(const char *s) {
  size_t n = strlen(s);
  size_t i = 0;
  while (i < n && !csv_blank_at(s + i, n - i)) {
    bool stop = false;
    for (size_t k = 0; k < sizeof unit_value_end / sizeof *unit_value_end; k++)
      if (starts_with(s + i, unit_value_end[k]))
        stop = true;
    if (stop)
      break;
    i++;
  }
  return i;
}

/* Looks for a unit label (`金额单位：`, `单位:` …) in the cell text [s].
 * Returns true and sets [*value] to the byte offset just past the colon and
 * its blanks when one is found.  `编制单位：…` and `单位名称：…` are not
 * labels: the character before 单位 must be a boundary, and a colon must
 * follow. */
static bool find_unit_label(const char *s, size_t *value) {
  size_t n = strlen(s);
  for (const char *p = strstr(s, "单位"); p; p = strstr(p + 1, "单位")) {
    size_t before = (size_t)(p - s);
    bool ok = before == 0 || csv_blank_before(s, before) > 0;
    for (size_t k = 0;
         !ok && k < sizeof unit_label_before / sizeof *unit_label_before; k++)
      ok = ends_with(s, before, unit_label_before[k]);
    if (!ok)
      continue;
    size_t i = before + strlen("单位");
    size_t b;
    while (i < n && (b = csv_blank_at(s + i, n - i)))
      i += b;
    if (starts_with(s + i, "："))
      i += strlen("：");
    else if (s[i] == ':')
      i++;
    else
      continue;
    while (i < n && (b = csv_blank_at(s + i, n - i)))
      i += b;
    *value = i;
    return true;
  }
  return false;
}

/* Records the unit named by the [len] bytes at [s], written at [at] in the
 * file.  Money units are kept for conversion; anything else is an error
 * when the table has money columns (their amounts could not be read), and
 * of no concern otherwise. */
static void take_unit(Loader *L, const char *s, size_t len, Span at) {
  static const struct {
    const char *name;
    Unit unit;
  } money[] = {{"元", UNIT_YUAN}, {"万元", UNIT_WAN}, {"亿元", UNIT_YI}};
  L->unit_seen = true;
  for (size_t k = 0; k < sizeof money / sizeof *money; k++) {
    if (len == strlen(money[k].name) && memcmp(s, money[k].name, len) == 0) {
      L->file_unit = money[k].unit;
      return;
    }
  }
  const ColDecl *col = first_money_col(L->decl);
  if (!col)
    return;
  Buf q;
  buf_init(&q);
  put_quoted(&q, s, len);
  diag_error(L->d, L->src, at,
             "cannot convert 金额单位 `%s` to the declared `%s`", q.s,
             unit_name(col->unit));
  diag_help(L->d, "amounts can be read in 元, 万元 or 亿元; restate the table "
                  "in one of them");
  buf_free(&q);
}

/* Scans one title record (a line above the header) for the 金额单位.  The
 * unit is either in the same cell after the label or, when the label cell
 * ends with the colon, in the next non-blank cell.  The first unit found
 * wins. */
static void scan_title(Loader *L) {
  CsvReader *r = &L->csv;
  for (int i = 0; i < r->n_fields && !L->unit_seen; i++) {
    const char *text = csv_text(r, i);
    size_t v;
    if (!find_unit_label(text, &v))
      continue;
    const CsvField *f = &r->fields[i];
    if (text[v] == '\0') {
      // `金额单位：`,`万元`: the value is the next non-blank cell.
      int j = i + 1;
      while (j < r->n_fields && r->fields[j].text_len == 0)
        j++;
      if (j == r->n_fields)
        return;
      f = &r->fields[j];
      text = csv_text(r, j);
      v = 0;
    }
    size_t n = unit_value_len(text + v);
    if (n == 0)
      return;
    // Offsets inside the cell text equal source offsets unless "" escapes
    // precede them; clamp so the caret at least stays inside the cell.
    uint32_t off = f->off + (uint32_t)(v < f->len ? v : f->len);
    uint32_t len = (uint32_t)n;
    if (off + len > f->off + f->len)
      len = f->off + f->len - off;
    take_unit(L, text + v, n, (Span){off, len});
  }
}

/* Reads records up to and including the header: the first record that has
 * a field equal to the key column's name.  Records before it are title
 * lines, scanned for the 金额单位.  Returns false after reporting when there
 * is no header or the file's structure is broken. */
static bool find_header(Loader *L) {
  const char *key = L->decl->cols[L->decl->key_col].name;
  while (csv_next(&L->csv)) {
    for (int i = 0; i < L->csv.n_fields; i++)
      if (strcmp(csv_text(&L->csv, i), key) == 0)
        return true;
    scan_title(L);
  }
  if (L->csv.failed)
    return false;
  if (L->src->len == 0)
    diag_error(L->d, L->src, (Span){0, 0},
               "file is empty; expected a header row with column `%s`", key);
  else
    diag_error(L->d, L->src, (Span){0, 0},
               "no header row: no line has the key column `%s`", key);
  Buf cols;
  buf_init(&cols);
  for (int j = 0; j < L->decl->n_cols; j++)
    buf_printf(&cols, "%s%s", j ? ", " : "", L->decl->cols[j].name);
  diag_help(L->d, "table `%s` needs a header row naming its columns: %s",
            L->decl->name, cols.s);
  buf_free(&cols);
  return false;
}

/* Returns the declared column named [name], or -1. */
static int decl_col(const TableDecl *decl, const char *name) {
  for (int j = 0; j < decl->n_cols; j++)
    if (strcmp(decl->cols[j].name, name) == 0)
      return j;
  return -1;
}

/* Reports the declared column [j], absent from the header: the error points
 * at the header line; helps list the header (when short) and any header
 * column that differs from the name only in blanks or full-width forms. */
static void report_missing(Loader *L, int j) {
  const char *name = L->decl->cols[j].name;
  diag_error(L->d, L->src, (Span){L->header_rec_off, L->header_rec_len},
             "header has no column `%s` (declared in table `%s`)", name,
             L->decl->name);
  for (int i = 0; i < L->n_header; i++) {
    if (L->header[i][0] && near_miss(L->header[i], name)) {
      diag_help(L->d, "header column `%s` differs from `%s` only in spaces or "
                      "full-width characters",
                L->header[i], name);
      return;
    }
  }
  if (L->n_header > LOAD_MAX_LISTED_COLS)
    return;
  Buf cols;
  buf_init(&cols);
  for (int i = 0; i < L->n_header; i++)
    if (L->header[i][0])
      buf_printf(&cols, "%s`%s`", cols.len ? ", " : "", L->header[i]);
  diag_help(L->d, "the header has %s", cols.len ? cols.s : "no named columns");
  buf_free(&cols);
}

/* Matches the header record (the reader's current one) to the declared
 * columns, in any order.  Blank header cells are ignored (Excel pads every
 * row to the widest title line).  Returns false after reporting a missing
 * or repeated declared column; undeclared columns only draw a warning, and
 * only when nothing is missing (the help of the error already lists them). */
static bool read_header(Loader *L) {
  CsvReader *r = &L->csv;
  const TableDecl *decl = L->decl;
  L->n_header = r->n_fields;
  L->header = arena_alloc(L->a, (size_t)r->n_fields * sizeof *L->header);
  L->header_off = arena_alloc(L->a, (size_t)r->n_fields * sizeof(uint32_t));
  L->header_rec_off = r->rec_off;
  L->header_rec_len = r->rec_len;
  L->col_of = arena_alloc(L->a, (size_t)decl->n_cols * sizeof *L->col_of);
  for (int j = 0; j < decl->n_cols; j++)
    L->col_of[j] = -1;
  bool ok = true;
  for (int i = 0; i < r->n_fields; i++) {
    const CsvField *f = &r->fields[i];
    L->header[i] = arena_strndup(L->a, csv_text(r, i), f->text_len);
    L->header_off[i] = f->off;
    int j = f->text_len ? decl_col(decl, L->header[i]) : -1;
    if (j < 0)
      continue;
    if (L->col_of[j] >= 0) {
      diag_error(L->d, L->src, (Span){f->off, f->len},
                 "column `%s` appears twice in the header", L->header[i]);
      uint32_t first = L->header_off[L->col_of[j]];
      diag_emit(L->d, DIAG_NOTE, L->src,
                (Span){first, (uint32_t)strlen(decl->cols[j].name)},
                "first `%s` is here", decl->cols[j].name);
      ok = false;
      continue;
    }
    L->col_of[j] = i;
  }
  bool missing = false;
  for (int j = 0; j < decl->n_cols; j++) {
    if (L->col_of[j] >= 0)
      continue;
    if (L->lenient && j != decl->key_col) {
      // Last year's layout may differ (a column renamed this year): its
      // cells are missing, so rules that need them are skipped.
      diag_warning(L->d, L->src, (Span){L->header_rec_off, L->header_rec_len},
                   "last year's table has no column `%s`; its cells are "
                   "missing", decl->cols[j].name);
      continue;
    }
    report_missing(L, j);
    missing = true;
  }
  if (missing)
    return false;
  for (int i = 0; i < r->n_fields; i++) {
    const CsvField *f = &r->fields[i];
    if (f->text_len && decl_col(decl, L->header[i]) < 0)
      diag_warning(L->d, L->src, (Span){f->off, f->len},
                   "column `%s` is not declared in table `%s`; ignored",
                   L->header[i], decl->name);
  }
  return ok;
}

/* Returns true when [s] is a placeholder some exports put for "nothing":
 * a dash or a slash alone. */
static bool is_placeholder(const char *s) {
  static const char *const dashes[] = {"-", "--", "—", "——", "－", "/", "／"};
  for (size_t k = 0; k < sizeof dashes / sizeof *dashes; k++)
    if (strcmp(s, dashes[k]) == 0)
      return true;
  return false;
}

/* Parses the number cell [f] of column [col] into [c]->num: a trailing `%`
 * is dropped in percent columns, money is converted from the file's
 * 金额单位 to the declared unit (exactly: a power of ten).  Reports a bad
 * figure at the cell. */
static void number_cell(Loader *L, const ColDecl *col, const CsvField *f,
                        const char *text, Cell *c) {
  size_t n = f->text_len;
  if (col->unit == UNIT_PCT) {
    if (ends_with(text, n, "%"))
      n -= 1;
    else if (ends_with(text, n, "％"))
      n -= strlen("％");
    size_t k;
    while (n > 0 && (k = csv_blank_before(text, n)))
      n -= k; // "52.7 %"
  }
  NumParseError err;
  Num *v = num_parse(L->a, text, n, &err);
  if (v) {
    int k = unit_pow10(L->file_unit) - unit_pow10(col->unit);
    if (unit_is_money(col->unit) && unit_is_money(L->file_unit) && k != 0)
      v = num_scale10(L->a, v, k);
    c->num = v;
    return;
  }
  Buf q;
  buf_init(&q);
  put_quoted(&q, text, f->text_len);
  Span at = {f->off, f->len};
  if (err == NUM_SYNTAX || err == NUM_EMPTY)
    diag_error(L->d, L->src, at, "`%s` is not a number (column `%s`)", q.s,
               col->name);
  else
    diag_error(L->d, L->src, at, "`%s` is not a number: %s (column `%s`)", q.s,
               num_parse_error_str(err), col->name);
  buf_free(&q);
  if (is_placeholder(text))
    diag_help(L->d, "leave the cell blank when there is no amount, or write 0");
  else if (col->unit != UNIT_PCT &&
           (ends_with(text, f->text_len, "%") ||
            ends_with(text, f->text_len, "％")))
    diag_help(L->d, "column `%s` is declared in %s, not %%", col->name,
              col->unit == UNIT_NONE ? "plain numbers" : unit_name(col->unit));
}

/* Fills the cells of one data row (the reader's current record) in
 * declaration order.  A blank cell is missing (text and num NULL); a blank
 * key is an error. */
static void fill_row(Loader *L, Row *row) {
  CsvReader *r = &L->csv;
  const TableDecl *decl = L->decl;
  row->line = r->rec_line;
  row->cells = arena_zalloc(L->a, (size_t)decl->n_cols * sizeof *row->cells);
  for (int j = 0; j < decl->n_cols; j++) {
    const ColDecl *col = &decl->cols[j];
    if (L->col_of[j] < 0)
      continue; // a column last year's table lacks: blank (missing)
    const CsvField *f = &r->fields[L->col_of[j]];
    Cell *c = &row->cells[j];
    c->off = f->off;
    if (f->text_len == 0) {
      if (j == decl->key_col) {
        diag_error(L->d, L->src, (Span){f->off, 0},
                   "key column `%s` is blank", col->name);
        diag_help(L->d, "every row of table `%s` needs a `%s`; delete the row "
                        "if it is not part of the table",
                  decl->name, col->name);
      }
      continue;
    }
    const char *text = csv_text(r, L->col_of[j]);
    c->text = arena_strndup(L->a, text, f->text_len);
    c->len = f->text_len;
    if (col->kind == COL_NUMBER)
      number_cell(L, col, f, text, c);
  }
}

/* Reads the data rows after the header into L->rows.  A row with the wrong
 * number of fields is reported and skipped; blank rows are skipped
 * silently.  Returns false when the file's structure broke or it has more
 * than LOAD_MAX_ROWS rows. */
static bool read_rows(Loader *L) {
  CsvReader *r = &L->csv;
  while (csv_next(r)) {
    if (csv_blank(r))
      continue;
    if (L->d->stopped)
      return false; // the error cap was hit: nothing more would be shown
    if (r->n_fields != L->n_header) {
      diag_error(L->d, L->src, (Span){r->rec_off, r->rec_len},
                 "row has %d field%s, header has %d", r->n_fields,
                 r->n_fields == 1 ? "" : "s", L->n_header);
      continue;
    }
    if ((unsigned)L->n_rows >= LOAD_MAX_ROWS) {
      diag_error(L->d, L->src, (Span){r->rec_off, r->rec_len},
                 "table has more than %u rows; this is not a final-accounts "
                 "table",
                 LOAD_MAX_ROWS);
      return false;
    }
    if (L->n_rows == L->cap_rows) {
      int cap = L->cap_rows ? L->cap_rows * 2 : 64;
      Row *rows = realloc(L->rows, (size_t)cap * sizeof *rows);
      if (!rows)
        oom();
      L->rows = rows;
      L->cap_rows = cap;
    }
    fill_row(L, &L->rows[L->n_rows++]);
  }
  return !r->failed;
}

/* Builds the key index of [t] and reports every repeated key at its second
 * (third, …) occurrence, with a note at the first. */
static void check_keys(Loader *L, Table *t) {
  if (table_index(t, L->a) < 0)
    return;
  int k = L->decl->key_col;
  for (uint32_t i = 0; i < t->n_rows; i++) {
    const Cell *c = &t->rows[i].cells[k];
    if (!c->text)
      continue;
    const Row *first = table_find(t, c->text, c->len);
    if (first == &t->rows[i])
      continue;
    Buf q;
    buf_init(&q);
    put_quoted(&q, c->text, c->len);
    diag_error(L->d, L->src, (Span){c->off, c->len},
               "duplicate key `%s` in column `%s`", q.s,
               L->decl->cols[k].name);
    diag_emit(L->d, DIAG_NOTE, L->src, (Span){first->cells[k].off, c->len},
              "first row with key `%s` is here", q.s);
    buf_free(&q);
  }
}

/* Refuses a file whose lines end in a bare "\r" (classic Mac OS, and Excel
 * for Mac's “CSV (Macintosh)”): without "\n" it would read as one line. */
static bool bare_cr(Src *src, Diags *d) {
  if (memchr(src->bytes, '\n', src->len))
    return false;
  const char *cr = memchr(src->bytes, '\r', src->len);
  if (!cr || (size_t)(cr - src->bytes) + 1 == src->len)
    return false;
  diag_error(d, src, (Span){(uint32_t)(cr - src->bytes), 1},
             "lines end with a bare carriage return (old Mac format)");
  diag_help(d, "save the file with Windows (CRLF) or Unix (LF) line breaks");
  return true;
}

static Table *read_table(Arena *a, Src *src, const TableDecl *decl, Diags *d,
                         bool lenient);

Table *load_table(Arena *a, Src *src, const TableDecl *decl, Diags *d) {
  return read_table(a, src, decl, d, false);
}

/* [lenient]: last year's table, whose layout may be last year's. */
static Table *read_table(Arena *a, Src *src, const TableDecl *decl, Diags *d,
                         bool lenient) {
  int errors = d->n_errors;
  if (!load_decode(src, d) || bare_cr(src, d))
    return NULL;
  Loader L;
  memset(&L, 0, sizeof L);
  L.a = a;
  L.src = src;
  L.decl = decl;
  L.d = d;
  L.file_unit = UNIT_NONE;
  L.lenient = lenient;
  csv_init(&L.csv, src, d);
  Table *t = NULL;
  if (find_header(&L) && read_header(&L) && read_rows(&L)) {
    t = arena_zalloc(a, sizeof *t);
    t->decl = decl;
    t->src = src;
    t->n_rows = (uint32_t)L.n_rows;
    t->rows = arena_alloc(a, (size_t)L.n_rows * sizeof *t->rows);
    if (L.n_rows)
      memcpy(t->rows, L.rows, (size_t)L.n_rows * sizeof *t->rows);
    check_keys(&L, t);
  }
  free(L.rows);
  csv_free(&L.csv);
  return d->n_errors == errors ? t : NULL;
}

/* ------------------------------------------------------------------------ */
/* The submission folder                                                    */
/* ------------------------------------------------------------------------ */

/* Keeps [src] in [s] so load_free frees it. */
static void keep_src(Submission *s, Src *src) {
  if (s->n_srcs == s->cap_srcs) {
    int cap = s->cap_srcs ? s->cap_srcs * 2 : 8;
    Src **srcs = realloc(s->srcs, (size_t)cap * sizeof *srcs);
    if (!srcs)
      oom();
    s->srcs = srcs;
    s->cap_srcs = cap;
  }
  s->srcs[s->n_srcs++] = src;
}

/* Reads the file [name][ext] of the submission folder [dir], open as
 * [dirfd].  Returns NULL with [*absent] set when there is no such file (not
 * an error), or NULL after reporting when it cannot be read, is not a
 * regular file or is too large.  The Src, named by its full path, is kept
 * in [s]. */
static char *join_ext(Arena *a, const char *dir, const char *file,
                      const char *ext, size_t *base);

static Src *read_data(Submission *s, int dirfd, const char *dir,
                      const char *name, const char *ext, Diags *d,
                      bool *absent) {
  size_t base;
  char *path = join_ext(&s->arena, dir, name, ext, &base);
  char why[256];
  SrcOpen how;
  unsigned long long size = 0;
  Src *src = src_read_regular(dirfd, path + base, path, LOAD_MAX_FILE_BYTES,
                              &how, &size, why, sizeof why);
  *absent = how == SRC_ABSENT;
  switch (how) {
  case SRC_OK:
    keep_src(s, src);
    return src;
  case SRC_ABSENT:
    return NULL;
  case SRC_NOT_REGULAR:
    diag_error(d, NULL, (Span){0, 0}, "`%s` is not a regular file", path);
    return NULL;
  case SRC_TOO_BIG:
    diag_error(d, NULL, (Span){0, 0},
               "`%s` is %llu bytes; data files over %u MiB are refused", path,
               size, LOAD_MAX_FILE_BYTES / (1024 * 1024));
    diag_note(d, "a public table is well under 1 MB");
    return NULL;
  case SRC_FAILED:
    break;
  }
  diag_error(d, NULL, (Span){0, 0}, "cannot read `%s`: %s", path, why);
  return NULL;
}

// The columns of unit.csv, by their English and Chinese header names.
enum { UNIT_COL_NAME, UNIT_COL_CODE, UNIT_COL_YEAR, UNIT_N_COLS };
static const char *const unit_col_en[] = {"name", "code", "year"};
static const char *const unit_col_zh[] = {"单位名称", "单位编码", "年度"};

/* Returns the unit.csv column named [s] (English names in any case), or
 * -1. */
static int unit_col(const char *s) {
  for (int k = 0; k < UNIT_N_COLS; k++)
    if (strcasecmp(s, unit_col_en[k]) == 0 || strcmp(s, unit_col_zh[k]) == 0)
      return k;
  return -1;
}

/* Reads unit.csv: a header (name,code,year or 单位名称,单位编码,年度, in any
 * order) and exactly one data row, into s->unit.  Blank values stay NULL. */
static void read_unit(Submission *s, Src *src, Diags *d) {
  if (!load_decode(src, d) || bare_cr(src, d))
    return;
  CsvReader r;
  csv_init(&r, src, d);
  int col_of[UNIT_N_COLS] = {-1, -1, -1};
  int n_header = 0;
  uint32_t header_off = 0;
  uint32_t header_len = 0;
  bool have_header = false;
  bool have_row = false;
  while (csv_next(&r)) {
    if (csv_blank(&r))
      continue;
    if (!have_header) {
      have_header = true;
      n_header = r.n_fields;
      header_off = r.rec_off;
      header_len = r.rec_len;
      int known = 0;
      for (int i = 0; i < r.n_fields; i++) {
        int k = unit_col(csv_text(&r, i));
        if (k >= 0 && col_of[k] < 0) {
          col_of[k] = i;
          known++;
        }
      }
      if (known == 0) { // not a unit.csv header at all: one error, not six
        diag_error(d, src, (Span){header_off, header_len},
                   "unit.csv has none of the columns `name`, `code`, `year` "
                   "(or `单位名称`, `单位编码`, `年度`)");
        diag_help(d, "the header of unit.csv is `name,code,year` or "
                     "`单位名称,单位编码,年度`");
        break;
      }
      for (int i = 0; i < r.n_fields; i++)
        if (unit_col(csv_text(&r, i)) < 0 && r.fields[i].text_len)
          diag_warning(d, src, (Span){r.fields[i].off, r.fields[i].len},
                       "column `%s` of unit.csv is not name, code or year; "
                       "ignored",
                       csv_text(&r, i));
      for (int k = 0; k < UNIT_N_COLS; k++) {
        if (col_of[k] < 0) {
          diag_error(d, src, (Span){header_off, header_len},
                     "unit.csv has no column `%s` (or `%s`)", unit_col_en[k],
                     unit_col_zh[k]);
          diag_help(d, "the header of unit.csv is `name,code,year` or "
                       "`单位名称,单位编码,年度`");
        }
      }
      if (col_of[0] < 0 || col_of[1] < 0 || col_of[2] < 0)
        break;
      continue;
    }
    if (have_row) {
      diag_error(d, src, (Span){r.rec_off, r.rec_len},
                 "unit.csv has more than one data row");
      break;
    }
    have_row = true;
    if (r.n_fields != n_header) {
      diag_error(d, src, (Span){r.rec_off, r.rec_len},
                 "row has %d field%s, header has %d", r.n_fields,
                 r.n_fields == 1 ? "" : "s", n_header);
      continue;
    }
    const char **dst[UNIT_N_COLS] = {&s->unit.name, &s->unit.code,
                                     &s->unit.year};
    for (int k = 0; k < UNIT_N_COLS; k++) {
      const CsvField *f = &r.fields[col_of[k]];
      if (f->text_len)
        *dst[k] = arena_strndup(&s->arena, csv_text(&r, col_of[k]),
                                f->text_len);
    }
    // The fiscal year decides which rules apply (since/until) and what
    // dates must say: it must be a year.
    const char *y = s->unit.year;
    if (y && (strlen(y) != 4 || strspn(y, "0123456789") != 4)) {
      const CsvField *f = &r.fields[col_of[UNIT_COL_YEAR]];
      diag_error(d, src, (Span){f->off, f->text_len}, "year `%s` is not a year",
                 y);
      diag_help(d, "write the fiscal year in digits, such as `2021`");
      s->unit.year = NULL;
    }
  }
  if (!r.failed && have_header && !have_row && col_of[0] >= 0 &&
      col_of[1] >= 0 && col_of[2] >= 0) {
    diag_error(d, src, (Span){header_off, header_len},
               "unit.csv has a header but no data row");
  } else if (!r.failed && !have_header) {
    diag_error(d, src, (Span){0, 0}, "unit.csv is empty");
    diag_help(d, "write a header `name,code,year` (or "
                 "`单位名称,单位编码,年度`) and one row");
  }
  csv_free(&r);
}

/* Returns "[dir]/[file][ext]" in [a] ([ext] may be ""), without doubling a
 * trailing slash; [*base] is where [file] starts in it.  Built with
 * memcpy: a unit opens some twenty files. */
static char *join_ext(Arena *a, const char *dir, const char *file,
                      const char *ext, size_t *base) {
  size_t nd = strlen(dir), nf = strlen(file), ne = strlen(ext);
  bool slash = nd > 0 && dir[nd - 1] == '/';
  char *p = arena_alloc(a, nd + !slash + nf + ne + 1);
  memcpy(p, dir, nd);
  if (!slash)
    p[nd++] = '/';
  memcpy(p + nd, file, nf);
  memcpy(p + nd + nf, ext, ne + 1);
  *base = nd;
  return p;
}

/* Opens the submission folder [dir] for openat, or reports why it cannot
 * be read as one (missing, not a folder, no permission) and returns -1. */
static int open_folder(const char *dir, Diags *d) {
  // Only to open files in it: search permission is enough (O_PATH), as it
  // was for dir/name, where O_RDONLY would also want to list it.
#ifdef O_PATH
  const int how = O_PATH | O_DIRECTORY | O_CLOEXEC;
#else
  const int how = O_RDONLY | O_DIRECTORY | O_CLOEXEC;
#endif
  int fd;
  do
    fd = open(dir, how);
  while (fd < 0 && errno == EINTR);
  if (fd >= 0)
    return fd;
  struct stat st;
  if (stat(dir, &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR)
      diag_error(d, NULL, (Span){0, 0}, "submission folder `%s` does not exist",
                 dir);
    else
      diag_error(d, NULL, (Span){0, 0}, "cannot open submission folder `%s`",
                 dir);
  } else if (!S_ISDIR(st.st_mode)) {
    diag_error(d, NULL, (Span){0, 0}, "`%s` is not a folder", dir);
    diag_help(d, "a submission is a folder holding one CSV file per table "
                 "and unit.csv");
  } else {
    diag_error(d, NULL, (Span){0, 0}, "cannot open submission folder `%s`",
               dir);
  }
  return -1;
}

static bool load_submission_inner(Submission *s, const char *dir,
                                  TableDecl *const *decls, int n,
                                  const LoadOptions *o, Diags *d);
static bool read_prior(Submission *s, const char *dir,
                       TableDecl *const *decls, int n, const LoadOptions *o,
                       Diags *d);

bool load_submission(Submission *s, const char *dir, TableDecl *const *decls,
                     int n, Diags *d) {
  return load_submission_with(s, dir, decls, n, NULL, d);
}

bool load_submission_with_prior(Submission *s, const char *dir,
                                const char *prior, TableDecl *const *decls,
                                int n, Diags *d) {
  LoadOptions o = {0};
  o.prior = prior;
  return load_submission_with(s, dir, decls, n, &o, d);
}

bool load_submission_with(Submission *s, const char *dir,
                          TableDecl *const *decls, int n,
                          const LoadOptions *o, Diags *d) {
  static const LoadOptions all = {0};
  if (!o)
    o = &all;
  memset(s, 0, sizeof *s);
  s->no_auto_prior = o->prior != NULL; // --prior replaces SUBMISSION/prior
  bool ok = load_submission_inner(s, dir, decls, n, o, d);
  if (o->prior)
    ok = read_prior(s, o->prior, decls, n, o, d) && ok;
  return ok;
}

/* Whether [s] reads its table [i]: last year's only when a rule reads it
 * (or when [o] does not say which). */
static bool wants_table(const Submission *s, const LoadOptions *o, int i) {
  return !s->is_prior || !o->prior_selected || o->prior_tables[i];
}

/* Reads [dir] into [s], whose is_prior flag is already set. */
static bool load_submission_inner(Submission *s, const char *dir,
                                  TableDecl *const *decls, int n,
                                  const LoadOptions *o, Diags *d) {
  bool is_prior = s->is_prior, no_auto = s->no_auto_prior;
  memset(s, 0, sizeof *s);
  s->is_prior = is_prior;
  s->no_auto_prior = no_auto;
  arena_init(&s->arena);
  s->dir = arena_strdup(&s->arena, dir);
  s->n_tables = n;
  s->tables = arena_zalloc(&s->arena, (size_t)(n > 0 ? n : 1) *
                                          sizeof *s->tables);
  int errors = d->n_errors;
  // Every file is opened relative to the folder: one name to look up each.
  int dirfd = open_folder(dir, d);
  if (dirfd < 0)
    return false;
  for (int i = 0; i < n; i++) {
    if (!wants_table(s, o, i))
      continue; // stays NULL: no rule can ask for it
    bool absent;
    Src *src = read_data(s, dirfd, dir, decls[i]->name, ".csv", d, &absent);
    if (src)
      s->tables[i] = read_table(&s->arena, src, decls[i], d, s->is_prior);
  }
  bool absent;
  Src *unit = read_data(s, dirfd, dir, "unit", ".csv", d, &absent);
  if (unit)
    read_unit(s, unit, d);
  // The narrative: 说明.txt, or 说明.md when there is no .txt.
  Src *text = NULL;
  if (!s->is_prior || !o->prior_selected || o->prior_narrative) {
    text = read_data(s, dirfd, dir, "说明", ".txt", d, &absent);
    if (absent)
      text = read_data(s, dirfd, dir, "说明", ".md", d, &absent);
  }
  if (text && load_decode_text(text, d)) {
    // Last year's narrative is read only if a rule asks for prior.说明.
    s->narrative_src = text;
    if (!s->is_prior)
      load_narrative(s);
  }
  // Last year's submission, when the folder carries one as prior/.
  struct stat st;
  if (!s->is_prior && !s->no_auto_prior &&
      fstatat(dirfd, "prior", &st, 0) == 0 && S_ISDIR(st.st_mode)) {
    size_t base;
    read_prior(s, join_ext(&s->arena, dir, "prior", "", &base), decls, n, o,
               d);
  }
  close(dirfd);
  return d->n_errors == errors;
}

struct Narrative *load_narrative(Submission *s) {
  if (!s->narrative && s->narrative_src) {
    s->narrative = arena_zalloc(&s->arena, sizeof *s->narrative);
    narrative_build(s->narrative, s->narrative_src, &s->arena);
  }
  return s->narrative;
}

bool load_prior(Submission *s, const char *dir, TableDecl *const *decls,
                int n, Diags *d) {
  static const LoadOptions all = {0};
  return read_prior(s, dir, decls, n, &all, d);
}

/* Reads last year's submission [dir] into s->prior (replacing any), as
 * much of it as [o] asks for. */
static bool read_prior(Submission *s, const char *dir,
                       TableDecl *const *decls, int n, const LoadOptions *o,
                       Diags *d) {
  if (s->prior) {
    load_free(s->prior);
    free(s->prior);
  }
  s->prior = calloc(1, sizeof *s->prior);
  if (!s->prior) {
    fputs("fisc: out of memory\n", stderr);
    exit(2);
  }
  s->prior->is_prior = true; // one year back, no further
  return load_submission_inner(s->prior, dir, decls, n, o, d);
}

void load_free(Submission *s) {
  if (s->prior) {
    load_free(s->prior);
    free(s->prior);
    s->prior = NULL;
  }
  for (int i = 0; i < s->n_srcs; i++)
    src_free(s->srcs[i]);
  free(s->srcs);
  arena_free(&s->arena);
  memset(s, 0, sizeof *s);
}
