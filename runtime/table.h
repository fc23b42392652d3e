/* runtime/table.h -- one loaded data table (prefix table_): rows of cells read
 * from <name>.csv against its TableDecl.  Owned by the submission's data
 * arena; cells keep their position in the data file for diagnostics. */
#ifndef FISC_TABLE_H
#define FISC_TABLE_H

#include <stdint.h>

#include "lang/schema.h"
#include "lang/src.h"
#include "runtime/num.h"

typedef struct Cell {
  const char *text; // trimmed cell text, NUL-terminated; NULL = blank (missing)
  uint32_t len;     // bytes of text
  Num *num;         // COL_NUMBER cells: the value in the *declared* unit
                    // (converted exactly from the file's 金额单位); NULL = blank
  uint32_t off;     // byte offset of the cell in the (UTF-8) data Src
} Cell;

typedef struct Row {
  Cell *cells;      // TableDecl.n_cols cells, in declaration order
  uint32_t line;    // 1-based line in the data file
} Row;

typedef struct Table {
  const TableDecl *decl;
  Src *src;         // the data file, as UTF-8 (converted from GBK if need be)
  Row *rows;
  uint32_t n_rows;
  // Key lookup: open-addressing hash over the key column's text.
  uint32_t *slots;  // row index + 1; 0 = empty
  uint32_t n_slots; // power of two, > 2 * n_rows
} Table;

/* Returns the row whose key cell equals the [len] bytes at [key], or NULL. */
const Row *table_find(const Table *t, const char *key, uint32_t len);
/* Builds the key index; returns the index of the first row whose key repeats
 * an earlier one's, or -1 when all keys are distinct.  Blank keys are not
 * indexed. */
int64_t table_index(Table *t, struct Arena *a);

#endif
