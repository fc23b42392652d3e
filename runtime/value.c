/* runtime/value.c -- constructors and rendering of evaluator values
 * (prefix val_). */
#include "runtime/value.h"

#include <string.h>

Value val_convert(Arena *a, Value v, Unit to) {
  if (v.kind != VAL_NUM || !unit_is_money(v.unit) || !unit_is_money(to) ||
      v.unit == to)
    return v;
  v.num = num_scale10(a, v.num, unit_pow10(v.unit) - unit_pow10(to));
  v.unit = to;
  return v;
}

/* 表["key"] for a row. */
static void format_row(Buf *out, const Table *t, const Row *r) {
  const Cell *k = &r->cells[t->decl->key_col];
  buf_printf(out, "%s[\"%.*s\"]", t->decl->name, (int)k->len,
             k->text ? k->text : "");
}

void val_format(Buf *out, Value v) {
  switch (v.kind) {
  case VAL_MISSING:
    buf_puts(out, "missing");
    break;
  case VAL_ERROR:
    buf_puts(out, "error");
    break;
  case VAL_NUM:
    // Bare numbers, as rule authors write them in messages ("{x}%").
    num_format(out, v.num);
    break;
  case VAL_BOOL:
    buf_puts(out, v.b ? "true" : "false");
    break;
  case VAL_STR:
    buf_add(out, v.str, v.len);
    break;
  case VAL_ROW:
    format_row(out, v.table, v.row);
    break;
  case VAL_TABLE:
    buf_puts(out, v.table->decl->name);
    break;
  case VAL_ROWS:
    buf_printf(out, "%u rows", v.n_rows);
    break;
  case VAL_DOC:
    buf_puts(out, "说明");
    break;
  case VAL_LIST:
    buf_putc(out, '[');
    for (uint32_t i = 0; i < v.n_items; i++) {
      if (i)
        buf_puts(out, ", ");
      val_format(out, v.items[i]);
    }
    buf_putc(out, ']');
    break;
  case VAL_PRIOR:
    buf_puts(out, "prior");
    break;
  }
}
