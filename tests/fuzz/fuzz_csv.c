/* tests/fuzz/fuzz_csv.c -- libFuzzer harness for the CSV loader: the input is
 * one data file, decoded (BOM, UTF-16 refusal, GB18030) and read against two
 * fixed table declarations -- one with a column of every kind and unit
 * (code key, text, 元, 万元, 亿元, %, plain), so title lines' 金额单位 are
 * converted; one with no money column, where a strange unit is no error.
 * On success the table's invariants are checked: every row has its cells,
 * every non-blank key is found again through the index, every number
 * formats.  A broken invariant traps (a crash for the fuzzer). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lang/arena.h"
#include "lang/buf.h"
#include "lang/diag.h"
#include "runtime/load.h"
#include "runtime/num.h"
#include "runtime/table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

// Every kind of column, the key first (as the 2021 suite declares them).
static ColDecl all_cols[] = {
    {.name = "科目编码", .kind = COL_CODE, .unit = UNIT_NONE},
    {.name = "科目名称", .kind = COL_TEXT, .unit = UNIT_NONE},
    {.name = "本年支出合计", .kind = COL_NUMBER, .unit = UNIT_WAN},
    {.name = "基本支出", .kind = COL_NUMBER, .unit = UNIT_WAN},
    {.name = "项目支出", .kind = COL_NUMBER, .unit = UNIT_YUAN},
    {.name = "上缴上级支出", .kind = COL_NUMBER, .unit = UNIT_YI},
    {.name = "占比", .kind = COL_NUMBER, .unit = UNIT_PCT},
    {.name = "人数", .kind = COL_NUMBER, .unit = UNIT_NONE},
};
static TableDecl all_decl = {
    .name = "支出决算表", .cols = all_cols, .n_cols = 8, .key_col = 0};

// No money column; the key is a text label, and not the first column.
static ColDecl plain_cols[] = {
    {.name = "说明", .kind = COL_TEXT, .unit = UNIT_NONE},
    {.name = "项目", .kind = COL_TEXT, .unit = UNIT_NONE},
    {.name = "人数", .kind = COL_NUMBER, .unit = UNIT_NONE},
    {.name = "增长率", .kind = COL_NUMBER, .unit = UNIT_PCT},
};
static TableDecl plain_decl = {
    .name = "人员表", .cols = plain_cols, .n_cols = 4, .key_col = 1};

/* Traps unless the loaded [t] is consistent. */
static void check_table(const Table *t) {
  const TableDecl *decl = t->decl;
  Buf b;
  buf_init(&b);
  for (uint32_t i = 0; i < t->n_rows; i++) {
    const Row *r = &t->rows[i];
    if (!r->cells || r->line == 0)
      __builtin_trap();
    for (int j = 0; j < decl->n_cols; j++) {
      const Cell *c = &r->cells[j];
      if (c->text && strlen(c->text) != c->len)
        __builtin_trap();
      if (c->off > t->src->len)
        __builtin_trap();
      if (c->num) {
        if (decl->cols[j].kind != COL_NUMBER)
          __builtin_trap();
        buf_clear(&b);
        num_format(&b, c->num);
        num_format_interval(&b, c->num);
      }
    }
    const Cell *k = &r->cells[decl->key_col];
    if (k->text && k->len) {
      const Row *found = table_find(t, k->text, k->len);
      // Keys are unique in a table that loaded without errors.
      if (found != r)
        __builtin_trap();
    }
  }
  buf_free(&b);
}

/* Loads the input as [decl]'s file and checks what came of it. */
static void load_as(const uint8_t *data, size_t size, const TableDecl *decl) {
  Arena a;
  arena_init(&a);
  Diags d;
  diag_init(&d);
  Src *src = src_from_string("sub/支出决算表.csv", (const char *)data, size);
  Table *t = load_table(&a, src, decl, &d);
  if (t)
    check_table(t);
  else if (d.n_errors == 0)
    __builtin_trap(); // refused without saying why
  arena_free(&a);
  diag_free(&d);
  src_free(src);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  load_as(data, size, &all_decl);
  load_as(data, size, &plain_decl);
  return 0;
}
