/* runtime/csv.c -- the CSV record splitter (prefix csv_).
 *
 * One pass over the bytes, no copying of the input: each record's fields are
 * unescaped into a reused buffer and described by byte offsets into the Src,
 * so the loader can point a caret at any cell.  Lenient where exports are
 * sloppy (blanks around quoted fields, a lone quote inside an unquoted
 * field is literal), strict where data would be lost (a quote never closed). */
#include "runtime/csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void csv_init(CsvReader *r, Src *src, Diags *d) {
  memset(r, 0, sizeof *r);
  r->src = src;
  r->d = d;
  r->line = 1;
  buf_init(&r->text);
}

void csv_free(CsvReader *r) {
  free(r->fields);
  buf_free(&r->text);
  r->fields = NULL;
  r->n_fields = r->cap_fields = 0;
}

size_t csv_blank_at(const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  if (n >= 1 && (u[0] == ' ' || u[0] == '\t'))
    return 1;
  if (n >= 2 && u[0] == 0xC2 && u[1] == 0xA0) // U+00A0 NO-BREAK SPACE
    return 2;
  if (n >= 3 && u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80) // U+3000
    return 3;
  return 0;
}

size_t csv_blank_before(const char *s, size_t n) {
  if (n >= 1 && csv_blank_at(s + n - 1, 1))
    return 1;
  if (n >= 2 && csv_blank_at(s + n - 2, 2) == 2)
    return 2;
  if (n >= 3 && csv_blank_at(s + n - 3, 3) == 3)
    return 3;
  return 0;
}

const char *csv_text(const CsvReader *r, int i) {
  return r->text.s + r->fields[i].text_off;
}

bool csv_blank(const CsvReader *r) {
  for (int i = 0; i < r->n_fields; i++)
    if (r->fields[i].text_len)
      return false;
  return true;
}

/* True when a record ends at [pos]: end of input, "\n" or "\r\n".  The Src
 * is NUL-terminated, so peeking one byte past a '\r' is safe. */
static bool at_eol(const CsvReader *r, size_t pos) {
  const char *s = r->src->bytes;
  return pos >= r->src->len || s[pos] == '\n' ||
         (s[pos] == '\r' && s[pos + 1] == '\n');
}

/* Appends a field to the current record; false (after reporting) when the
 * record already has CSV_MAX_FIELDS. */
static bool push_field(CsvReader *r, const CsvField *f) {
  if (r->n_fields == CSV_MAX_FIELDS) {
    diag_error(r->d, r->src, (Span){r->rec_off, r->rec_len},
               "row has more than %d fields; this is not a table",
               CSV_MAX_FIELDS);
    r->failed = true;
    return false;
  }
  if (r->n_fields == r->cap_fields) {
    int cap = r->cap_fields ? r->cap_fields * 2 : 16;
    CsvField *fields = realloc(r->fields, (size_t)cap * sizeof *fields);
    if (!fields) {
      // Same policy as arena_alloc: out of memory is fatal (exit 2).
      fputs("fisc: out of memory\n", stderr);
      exit(2);
    }
    r->fields = fields;
    r->cap_fields = cap;
  }
  r->fields[r->n_fields++] = *f;
  return true;
}

/* Trims blanks off both ends of the text appended since [f]->text_off and
 * of the source range [*start, *end), which hold the same blanks: a blank is
 * never a quote, so escapes cannot shift them. */
static void trim(CsvReader *r, CsvField *f, size_t *start, size_t *end) {
  const char *s = r->src->bytes;
  size_t k;
  while (*start < *end && (k = csv_blank_at(s + *start, *end - *start)))
    *start += k;
  while (*end > *start && (k = csv_blank_before(s + *start, *end - *start)))
    *end -= k;
  char *t = r->text.s + f->text_off;
  size_t n = r->text.len - f->text_off;
  size_t lead = 0;
  while (lead < n && (k = csv_blank_at(t + lead, n - lead)))
    lead += k;
  while (n > lead && (k = csv_blank_before(t + lead, n - lead)))
    n -= k;
  memmove(t, t + lead, n - lead);
  r->text.len = f->text_off + (n - lead);
  r->text.s[r->text.len] = '\0';
  f->text_len = (uint32_t)(n - lead);
  f->off = (uint32_t)*start;
  f->len = (uint32_t)(*end - *start);
}

/* Reads a quoted field whose opening quote is at r->pos:
 *   field -> '"' ( [^"] | '""' )* '"' blank* .
 * Returns false after reporting an unterminated quote (fatal for the file:
 * everything after it would be one field). */
static bool quoted_field(CsvReader *r, CsvField *f) {
  const char *s = r->src->bytes;
  size_t len = r->src->len;
  size_t open = r->pos;
  uint32_t open_line = r->line;
  size_t start = open + 1;
  size_t pos = start;
  for (;;) {
    if (pos >= len) {
      diag_error(r->d, r->src, (Span){(uint32_t)open, 1},
                 "unterminated quoted field");
      diag_help(r->d, "the quote opened on line %u is never closed; a quote "
                      "inside a quoted field is written \"\"",
                open_line);
      r->failed = true;
      return false;
    }
    // Copy the run up to the next quote in one go.
    const char *q = memchr(s + pos, '"', len - pos);
    size_t stop = q ? (size_t)(q - s) : len;
    for (size_t i = pos; i < stop; i++)
      if (s[i] == '\n')
        r->line++;
    buf_add(&r->text, s + pos, stop - pos);
    pos = stop;
    if (!q)
      continue; // reports the unterminated quote above
    if (s[pos + 1] == '"') { // "" is one literal quote
      buf_putc(&r->text, '"');
      pos += 2;
      continue;
    }
    break;
  }
  size_t end = pos; // the closing quote
  r->pos = pos + 1;
  trim(r, f, &start, &end);
  f->quoted = true;
  // Blanks may follow the closing quote; anything else is a stray quote in
  // the middle of a field (`"abc"def`).  Report it and drop the rest.
  size_t k;
  while (r->pos < len && (k = csv_blank_at(s + r->pos, len - r->pos)))
    r->pos += k;
  if (!at_eol(r, r->pos) && s[r->pos] != ',') {
    size_t junk = r->pos;
    while (!at_eol(r, r->pos) && s[r->pos] != ',')
      r->pos++;
    diag_error(r->d, r->src, (Span){(uint32_t)junk, (uint32_t)(r->pos - junk)},
               "unexpected text after the closing quote of a field");
    diag_help(r->d, "a quote inside a quoted field is written \"\"");
  }
  return true;
}

/* True when the byte at [c] may start (or, [last], end) a blank that
 * csv_blank_at recognises: most fields neither start nor end with one, and
 * this settles it without decoding. */
static bool may_start_blank(unsigned char c) {
  return c == ' ' || c == '\t' || c == 0xC2 || c == 0xE3;
}
static bool may_end_blank(unsigned char c) {
  return c == ' ' || c == '\t' || c == 0xA0 || c == 0x80;
}

/* Reads an unquoted field from r->pos up to ',' or the end of the line:
 *   field -> [^,\n]* .
 * A quote inside it is literal (Excel writes `12"` for inches unquoted).
 * Its text is its source bytes, so blanks are trimmed off the source range
 * once and the rest copied. */
static void plain_field(CsvReader *r, CsvField *f) {
  const char *s = r->src->bytes;
  size_t start = r->pos;
  size_t pos = start;
  while (pos < r->src->len && s[pos] != ',' && s[pos] != '\n')
    pos++;
  size_t end = pos;
  if (end > start && s[end - 1] == '\r' && s[end] == '\n')
    end--; // the '\r' of "\r\n"
  r->pos = pos;
  size_t k;
  if (start < end && may_start_blank((unsigned char)s[start]))
    while (start < end && (k = csv_blank_at(s + start, end - start)))
      start += k;
  if (end > start && may_end_blank((unsigned char)s[end - 1]))
    while (end > start && (k = csv_blank_before(s + start, end - start)))
      end -= k;
  buf_add(&r->text, s + start, end - start);
  f->text_len = (uint32_t)(end - start);
  f->off = (uint32_t)start;
  f->len = (uint32_t)(end - start);
  f->quoted = false;
}

bool csv_next(CsvReader *r) {
  const char *s = r->src->bytes;
  size_t len = r->src->len;
  r->n_fields = 0;
  buf_clear(&r->text);
  if (r->failed || r->pos >= len)
    return false;
  r->rec_off = (uint32_t)r->pos;
  r->rec_line = r->line;
  const char *nl = memchr(s + r->pos, '\n', len - r->pos);
  size_t line_end = nl ? (size_t)(nl - s) : len;
  if (line_end > r->pos && s[line_end - 1] == '\r')
    line_end--;
  r->rec_len = (uint32_t)(line_end - r->pos);
  for (;;) {
    CsvField f = {0};
    f.text_off = (uint32_t)r->text.len;
    size_t k;
    size_t lead = r->pos;
    while (lead < len && (k = csv_blank_at(s + lead, len - lead)))
      lead += k;
    if (lead < len && s[lead] == '"') {
      r->pos = lead;
      if (!quoted_field(r, &f))
        return false;
    } else {
      plain_field(r, &f);
    }
    // Each field's text is NUL-terminated; the next field starts after it.
    buf_putc(&r->text, '\0');
    if (!push_field(r, &f))
      return false;
    if (r->pos < len && s[r->pos] == ',') {
      r->pos++;
      continue;
    }
    // End of the record: step over its line break.
    if (r->pos < len && s[r->pos] == '\r')
      r->pos++;
    if (r->pos < len && s[r->pos] == '\n') {
      r->pos++;
      r->line++;
    }
    return true;
  }
}
