/* stdlib/std_code.c -- builtins over classification codes and presence:
 * exists level parent children rollup.
 *
 * Functional codes have 3 (类), 5 (款) and 7 (项) digits; economic codes 3
 * and 5.  A code's parent is its prefix two digits shorter. */
#include <stdint.h>
#include <string.h>

#include "stdlib/std.h"

// Names of the levels, by digits / 2 - 1.
static const char *const level_names[] = {"类", "款", "项"};


/* 1, 2, 3 for a 3-, 5-, 7-digit code; 0 for anything else (合计, 总计). */
static int code_level(const char *s, uint32_t len) {
  if (len != 3 && len != 5 && len != 7)
    return 0;
  for (uint32_t i = 0; i < len; i++)
    if (s[i] < '0' || s[i] > '9')
      return 0;
  return (int)(len - 1) / 2;
}

Value std_exists(Interp *I, const Ast *call, Value *args, int n) {
  (void)I;
  (void)call;
  (void)n;
  if (args[0].kind == VAL_ERROR)
    return args[0];
  return val_bool(args[0].kind != VAL_MISSING);
}

Value std_level(Interp *I, const Ast *call, Value *args, int n) {
  (void)n;
  const char *s;
  uint32_t len;
  if (!interp_text_of(I, args[0], &s, &len))
    return interp_error(I, call, "`level` needs a code");
  return val_num(num_from_long(interp_arena(I), code_level(s, len)),
                 UNIT_NONE);
}

Value std_parent(Interp *I, const Ast *call, Value *args, int n) {
  (void)n;
  const char *s;
  uint32_t len;
  if (!interp_text_of(I, args[0], &s, &len))
    return interp_error(I, call, "`parent` needs a code");
  if (code_level(s, len) < 2)
    return val_missing(arena_sprintf(interp_arena(I), "parent(\"%.*s\")",
                                     (int)len, s));
  return val_str(s, len - 2);
}

/* The rows of [t] whose key is a direct child of the [len]-byte code [s]. */
static Value kids_of(Interp *I, const Table *t, const char *s, uint32_t len) {
  Value v = {0};
  v.kind = VAL_ROWS;
  v.table = t;
  int lvl = code_level(s, len);
  if (lvl == 0 || lvl == 3)
    return v;
  int key = t->decl->key_col;
  uint32_t cap = 0;
  for (uint32_t i = 0; i < t->n_rows; i++) {
    const Cell *k = &t->rows[i].cells[key];
    if (!k->text || k->len != len + 2 || code_level(k->text, k->len) != lvl + 1 ||
        memcmp(k->text, s, len) != 0)
      continue;
    if (v.n_rows == cap) {
      cap = cap ? cap * 2 : 8;
      const Row **rows = arena_alloc(interp_arena(I), cap * sizeof *rows);
      if (v.n_rows)
        memcpy(rows, v.rows, v.n_rows * sizeof *rows);
      v.rows = rows;
    }
    v.rows[v.n_rows++] = &t->rows[i];
  }
  return v;
}

Value std_children(Interp *I, const Ast *call, Value *args, int n) {
  (void)n;
  if (args[0].kind != VAL_TABLE)
    return interp_error(I, call, "the first argument of `children` must be "
                                 "a table");
  const char *s;
  uint32_t len;
  if (!interp_text_of(I, args[1], &s, &len))
    return interp_error(I, call, "`children` needs a code");
  return kids_of(I, args[0].table, s, len);
}

/* The first text column of a table (科目名称), to name codes in messages. */
static int name_col(const TableDecl *d) {
  for (int i = 0; i < d->n_cols; i++)
    if (i != d->key_col && d->cols[i].kind == COL_TEXT)
      return i;
  return -1;
}

static void describe(Buf *b, const Table *t, const Row *r, int col) {
  const Cell *k = &r->cells[t->decl->key_col];
  buf_add(b, k->text, k->len);
  int nc = name_col(t->decl);
  if (nc >= 0 && r->cells[nc].text) {
    buf_putc(b, ' ');
    buf_add(b, r->cells[nc].text, r->cells[nc].len);
  }
  buf_putc(b, ' ');
  if (r->cells[col].num)
    num_format(b, r->cells[col].num);
  else
    buf_puts(b, "(blank)");
}

// End of a child list in rollup's links.
#define ROLLUP_NONE UINT32_MAX

/* Links every 款 and 项 row of [t] to its parent row, in table order:
 * (*first)[p] is the first child of row p, (*next)[c] the child after row
 * c, ROLLUP_NONE ending a list.  One key lookup per row, where asking
 * kids_of for every parent would scan the table once per parent.  A child
 * joins the row table_find gives for its parent's code -- the first row with
 * that code, which is where rollup looks the parent up too, so should a code
 * ever repeat (the loader refuses that) its rows share one list, just as
 * kids_of would give each of them all the children.  Returns false when the
 * table has no key index (rollup then falls back to kids_of). */
static bool link_children(Interp *I, const Table *t, uint32_t **first,
                          uint32_t **next) {
  if (t->n_slots == 0)
    return false;
  Arena *a = interp_arena(I);
  *first = arena_alloc(a, t->n_rows * sizeof **first);
  *next = arena_alloc(a, t->n_rows * sizeof **next);
  for (uint32_t i = 0; i < t->n_rows; i++)
    (*first)[i] = ROLLUP_NONE;
  int key = t->decl->key_col;
  // Backwards, pushing each child on the front: lists come out in order.
  for (uint32_t i = t->n_rows; i-- > 0;) {
    (*next)[i] = ROLLUP_NONE;
    const Cell *k = &t->rows[i].cells[key];
    if (!k->text)
      continue;
    int lvl = code_level(k->text, k->len);
    if (lvl < 2)
      continue;
    const Row *p = table_find(t, k->text, k->len - 2);
    if (!p)
      continue;
    uint32_t pi = (uint32_t)(p - t->rows);
    (*next)[i] = (*first)[pi];
    (*first)[pi] = i;
  }
  return true;
}

/* rollup(T, col): every 类 = Σ its 款 and every 款 = Σ its 项 in column col,
 * rounding-aware.  Each failing parent becomes its own finding (through
 * interp_detail) listing its children's values.  A parent without children
 * rows is not checked (the table is not detailed there); a blank value makes
 * that parent's check missing.  The children are linked once per call
 * (link_children), and a sum starts from the first child's figure rather
 * than from 0: 0 + x is x in value, interval and decimals alike, so that
 * addition -- most of rollup's additions, as most parents have one or two
 * children -- bought nothing. */
Value std_rollup(Interp *I, const Ast *call, Value *args, int n) {
  (void)n;
  if (args[0].kind != VAL_TABLE)
    return interp_error(I, call, "the first argument of `rollup` must be a "
                                 "table");
  const Table *t = args[0].table;
  const TableDecl *d = t->decl;
  int col = -1;
  for (int i = 0; i < d->n_cols; i++)
    if (args[1].kind == VAL_STR && strlen(d->cols[i].name) == args[1].len &&
        memcmp(d->cols[i].name, args[1].str, args[1].len) == 0)
      col = i;
  if (col < 0 || d->cols[col].kind != COL_NUMBER)
    return interp_error(I, call, "`rollup` needs a number column of `%s`",
                        d->name);
  Arena *a = interp_arena(I);
  uint32_t *first = NULL, *next = NULL;
  bool linked = link_children(I, t, &first, &next);
  int checked = 0, failed = 0;
  const char *missing = NULL;
  for (uint32_t i = 0; i < t->n_rows; i++) {
    const Row *p = &t->rows[i];
    const Cell *k = &p->cells[d->key_col];
    if (!k->text)
      continue;
    int lvl = code_level(k->text, k->len);
    if (lvl != 1 && lvl != 2)
      continue;
    // The children of the first row with this code (see link_children).
    const Row *owner = linked ? table_find(t, k->text, k->len) : NULL;
    Value kids = {0};
    if (owner) {
      uint32_t head = first[owner - t->rows];
      for (uint32_t c = head; c != ROLLUP_NONE; c = next[c])
        kids.n_rows++;
      if (kids.n_rows == 0)
        continue;
      const Row **rows = arena_alloc(a, kids.n_rows * sizeof *rows);
      uint32_t m = 0;
      for (uint32_t c = head; c != ROLLUP_NONE; c = next[c])
        rows[m++] = &t->rows[c];
      kids.rows = rows;
    } else {
      kids = kids_of(I, t, k->text, k->len);
    }
    if (kids.n_rows == 0)
      continue;
    const char *blank = NULL;
    if (!p->cells[col].num)
      blank = arena_sprintf(a, "%s[\"%.*s\"].%s", d->name, (int)k->len,
                            k->text, d->cols[col].name);
    const Num *sum = NULL;
    for (uint32_t j = 0; j < kids.n_rows && !blank; j++) {
      const Cell *c = &kids.rows[j]->cells[col];
      if (!c->num) {
        const Cell *kk = &kids.rows[j]->cells[d->key_col];
        blank = arena_sprintf(a, "%s[\"%.*s\"].%s", d->name, (int)kk->len,
                              kk->text, d->cols[col].name);
        break;
      }
      sum = sum ? num_add(a, sum, c->num) : c->num;
    }
    if (blank) {
      if (!missing)
        missing = blank;
      continue;
    }
    checked++;
    if (num_approx(p->cells[col].num, sum))
      continue;
    failed++;
    Buf b;
    buf_init(&b);
    buf_printf(&b, "%s %.*s: %s ", level_names[lvl - 1], (int)k->len, k->text,
               d->cols[col].name);
    num_format(&b, p->cells[col].num);
    buf_printf(&b, " ≠ Σ%s ", level_names[lvl]);
    num_format(&b, sum);
    buf_printf(&b, " (%s:%u)", t->src->path, p->line);
    for (uint32_t j = 0; j < kids.n_rows; j++) {
      buf_puts(&b, "\n    ");
      describe(&b, t, kids.rows[j], col);
    }
    interp_detail(I, b.s);
    buf_free(&b);
  }
  if (failed)
    return val_bool(false);
  if (missing)
    return val_missing(missing);
  if (t->n_rows == 0)
    return val_bool(true); // an empty table (header only) adds up
  if (checked == 0)
    return val_missing(arena_sprintf(a, "款 and 项 rows of %s (no 类 or 款 "
                                        "row has children to add up)",
                                     d->name));
  return val_bool(true);
}

/* has_table("收入决算表"): the submission has the table's CSV file (an empty
 * table counts).  For lists of required tables in a suite's profile. */
Value std_has_table(Interp *I, const Ast *call, Value *args, int n) {
  (void)n;
  if (args[0].kind != VAL_STR)
    return interp_error(I, call, "`has_table` needs a table name");
  const Program *p = interp_program(I);
  for (int i = 0; i < p->n_tables; i++)
    if (strlen(p->tables[i]->name) == args[0].len &&
        memcmp(p->tables[i]->name, args[0].str, args[0].len) == 0)
      return val_bool(interp_submission(I)->tables[i] != NULL);
  return interp_error(I, call, "no table `%.*s` is declared", (int)args[0].len,
                      args[0].str);
}

/* cell(row, "列名"): a cell picked by a column name held in a setting (the
 * 完成率 denominator column is a profile choice). */
Value std_cell(Interp *I, const Ast *call, Value *args, int n) {
  (void)n;
  if (args[0].kind != VAL_ROW || args[1].kind != VAL_STR)
    return interp_error(I, call, "`cell` takes a row and a column name");
  const TableDecl *d = args[0].table->decl;
  for (int i = 0; i < d->n_cols; i++)
    if (strlen(d->cols[i].name) == args[1].len &&
        memcmp(d->cols[i].name, args[1].str, args[1].len) == 0) {
      const Cell *c = &args[0].row->cells[i];
      const Cell *k = &args[0].row->cells[d->key_col];
      if (!c->text)
        return val_missing(arena_sprintf(interp_arena(I), "%s[\"%.*s\"].%s",
                                         d->name, (int)k->len, k->text,
                                         d->cols[i].name));
      if (d->cols[i].kind == COL_NUMBER)
        return val_num(c->num, d->cols[i].unit);
      return val_str(c->text, c->len);
    }
  return interp_error(I, call, "table `%s` has no column `%.*s`", d->name,
                      (int)args[1].len, args[1].str);
}

/* missing("why"): a missing value, so a rule can say that it cannot check
 * something (the assert is skipped with that reason, never passed). */
Value std_missing(Interp *I, const Ast *call, Value *args, int n) {
  (void)n;
  if (args[0].kind != VAL_STR)
    return interp_error(I, call, "`missing` takes the reason as text");
  return val_missing(arena_strndup(interp_arena(I), args[0].str, args[0].len));
}
