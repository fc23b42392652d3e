/* runtime/value.h -- values of the evaluator (prefix val_): exact numbers
 * with a unit, booleans, strings, rows, tables, row lists, `missing` (with the
 * path of what is missing) and evaluation errors (with where they happened).
 * Values are small structs passed by value; what they point to lives in the
 * submission's data arena or the evaluator's scratch arena. */
#ifndef FISC_VALUE_H
#define FISC_VALUE_H

#include <stdbool.h>

#include "lang/buf.h"
#include "lang/src.h"
#include "lang/unit.h"
#include "runtime/num.h"
#include "runtime/table.h"

typedef enum {
  VAL_MISSING, // absent table/row/cell: str = the missing path
  VAL_ERROR,   // evaluation error: str = message, span/src = where
  VAL_NUM,
  VAL_BOOL,
  VAL_STR,
  VAL_ROW,     // table + row
  VAL_TABLE,
  VAL_ROWS,    // a list of rows of one table (children)
  VAL_DOC,     // a narrative, or a section of it: doc + normalised range
  VAL_LIST,    // [a, b, …]: items/n_items
  VAL_PRIOR    // last year's submission (`prior`): sub
} ValKind;

struct Submission;

struct Narrative;

typedef struct Value Value;
_Static_assert(VAL_PRIOR < 256, "ValKind must fit Value.kind");
_Static_assert(UNIT_PCT < 256, "Unit must fit Value.unit");
struct Value {
  // One byte each (ValKind, Unit): with b and len the header is 8 bytes
  // and a Value 32, one pair of 16-byte moves per copy.
  uint8_t kind;         // ValKind
  uint8_t unit;         // Unit, for VAL_NUM
  bool b;               // VAL_BOOL
  uint32_t len;         // VAL_STR bytes
  // What the kind needs, overlaid (values are passed by value everywhere:
  // keeping them small keeps evaluation fast).
  union {
    Num *num;           // VAL_NUM
    const char *str;    // VAL_STR text; VAL_MISSING path; VAL_ERROR message
    struct {            // VAL_ROW / VAL_TABLE / VAL_ROWS
      const Table *table;
      union {
        const Row *row;   // VAL_ROW
        const Row **rows; // VAL_ROWS
      };
      uint32_t n_rows;
    };
    struct {            // VAL_DOC: a narrative, normalised byte range
      const struct Narrative *doc;
      uint32_t from, to;
    };
    struct {            // VAL_LIST
      const struct Value *items;
      uint32_t n_items;
    };
    const struct Submission *sub; // VAL_PRIOR
    struct {            // VAL_ERROR: the message is str (same place); where
      const char *err_message_;
      Src *src;
      Span span;
    };
  };
};

/* Constructors, inline: every evaluation step builds a Value, and a call
 * that returns a 40-byte struct costs more than building it in place. */
static inline Value val_missing(const char *path) {
  Value v = {0};
  v.kind = VAL_MISSING;
  v.str = path;
  return v;
}

static inline Value val_bool(bool b) {
  Value v;
  v.kind = VAL_BOOL;
  v.unit = 0;
  v.b = b;
  v.len = 0;
  v.str = NULL;
  return v;
}

static inline Value val_num(Num *n, Unit u) {
  Value v;
  v.kind = VAL_NUM;
  v.unit = u;
  v.b = false;
  v.len = 0;
  v.num = n;
  return v;
}

static inline Value val_str(const char *s, uint32_t len) {
  Value v;
  v.kind = VAL_STR;
  v.unit = 0;
  v.b = false;
  v.len = len;
  v.str = s;
  return v;
}

/* True for the two kinds that stop evaluation of what contains them. */
static inline bool val_absent(Value v) {
  return v.kind == VAL_MISSING || v.kind == VAL_ERROR;
}

/* Converts number [v] to money unit [to] exactly (no-op for other units). */
Value val_convert(Arena *a, Value v, Unit to);
/* Appends a short rendering: numbers at natural precision with no unit (not even %),
 * booleans true/false, strings as written, `missing`, rows as
 * 表["key"]. */
void val_format(Buf *out, Value v);

#endif
