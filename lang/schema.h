/* lang/schema.h -- the declared shape of a data table (`table` statement),
 * shared by the compiler (which builds it) and the loader (which reads CSV
 * files against it).  Owned by the program arena. */
#ifndef FISC_SCHEMA_H
#define FISC_SCHEMA_H

#include "lang/src.h"
#include "lang/unit.h"

typedef enum {
  COL_TEXT,   // free text
  COL_CODE,   // classification code or row label, compared as text
  COL_NUMBER  // number; ColDecl.unit says 元/万元/亿元/%/plain
} ColKind;

typedef struct ColDecl {
  const char *name; // NUL-terminated UTF-8
  ColKind kind;
  Unit unit;        // for COL_NUMBER
  Span span;        // where it was declared
  const char *renamed_from; // `alter table … rename X to this`, else NULL
} ColDecl;

typedef struct TableDecl {
  const char *name; // also the data file's stem: <name>.csv
  Src *src;         // rule file that declared it
  Span span;
  ColDecl *cols;
  int n_cols;
  int key_col;      // index of the `key` column
  int index;        // position in Program.tables
} TableDecl;

#endif
