/* runtime/csv.h -- splits CSV text into records of fields (prefix csv_).
 *
 * RFC 4180 quoting: a field may be wrapped in double quotes, and then holds
 * commas and line breaks, with "" standing for one quote.  Records end at
 * "\n" or "\r\n".  Every field is trimmed of blanks (ASCII space and tab, the
 * full-width space U+3000 and NO-BREAK SPACE U+00A0, which Excel and PDF
 * copies leave around figures).  The reader knows nothing about headers,
 * columns or numbers: that is load.c.  Structural errors are reported to the
 * Diags it was given, at their exact position in the Src. */
#ifndef FISC_CSV_H
#define FISC_CSV_H

#include <stdbool.h>
#include <stdint.h>

#include "lang/buf.h"
#include "lang/diag.h"
#include "lang/src.h"

// Fields per record past which the reader gives up on the file: a public
// table has a few dozen columns, and without a bound a line of commas alone
// would cost ~20 bytes of bookkeeping per byte of input.
#define CSV_MAX_FIELDS 4096

typedef struct CsvField {
  uint32_t off;      // byte offset in the Src of the first byte of trimmed
                     // content (inside the quotes); for a blank field, where
                     // the content would have started
  uint32_t len;      // source bytes spanned by the trimmed content (for
                     // carets; differs from text_len when "" escapes occur)
  uint32_t text_off; // unescaped, trimmed text: CsvReader.text.s + text_off,
                     // NUL-terminated
  uint32_t text_len; // bytes of that text; 0 = blank field
  bool quoted;
} CsvField;

typedef struct CsvReader {
  Src *src;
  Diags *d;
  size_t pos;        // next byte to read
  uint32_t line;     // 1-based line of [pos]
  // The record just read by csv_next:
  uint32_t rec_off;  // byte offset of its first byte
  uint32_t rec_len;  // bytes of its first physical line, without the break
  uint32_t rec_line; // 1-based line it starts on
  CsvField *fields;  // malloc'd, reused from record to record
  int n_fields, cap_fields;
  Buf text;          // the fields' unescaped text, reused likewise
  bool failed;       // a structural error stopped the reader
} CsvReader;

/* Prepares [r] to read the UTF-8 bytes of [src], reporting to [d]. */
void csv_init(CsvReader *r, Src *src, Diags *d);
void csv_free(CsvReader *r);
/* Reads the next record into r->fields.  Returns false at the end of the
 * input, or after a structural error (an unterminated quoted field, too many
 * fields) was reported, when r->failed is set.  Lesser faults -- text after a
 * closing quote -- are reported and the record is still returned.  The
 * fields' text stays valid until the next call. */
bool csv_next(CsvReader *r);
/* Returns the NUL-terminated text of field [i] of the current record. */
const char *csv_text(const CsvReader *r, int i);
/* True when every field of the current record is blank (a blank line, or a
 * row of bare commas as Excel writes below a table). */
bool csv_blank(const CsvReader *r);
/* Returns the byte length of the blank character (space, tab, U+3000,
 * U+00A0) at [s] within [n] bytes, or 0 if [s] does not start with one. */
size_t csv_blank_at(const char *s, size_t n);
/* Returns the byte length of the blank character that ends just before
 * [s] + [n], or 0. */
size_t csv_blank_before(const char *s, size_t n);

#endif
