/* runtime/table.c -- key lookup in a loaded table (prefix table_).
 *
 * An open-addressing hash (FNV-1a, linear probing) over the key column's
 * text, built once after loading.  Rows are never added afterwards, so there
 * is no deletion and no rehashing.  Loading itself is load.c. */
#include "runtime/table.h"

#include <string.h>

#include "lang/arena.h"

// Slots stay at most half full, so a miss probes a short run.
#define TABLE_LOAD_FACTOR 2
// Keys of at most this many rows can be indexed: n_slots must stay a power
// of two that fits a uint32_t with room for the load factor.
#define TABLE_MAX_INDEXED (1u << 29)

/* FNV-1a, 32 bits: simple, and good enough for short code strings. */
static uint32_t hash(const char *s, uint32_t len) {
  uint32_t h = 2166136261u;
  for (uint32_t i = 0; i < len; i++) {
    h ^= (unsigned char)s[i];
    h *= 16777619u;
  }
  return h;
}

/* Returns the key cell of row [i]. */
static const Cell *key_cell(const Table *t, uint32_t i) {
  return &t->rows[i].cells[t->decl->key_col];
}

const Row *table_find(const Table *t, const char *key, uint32_t len) {
  if (!t || t->n_slots == 0)
    return NULL;
  uint32_t mask = t->n_slots - 1;
  for (uint32_t i = hash(key, len) & mask;; i = (i + 1) & mask) {
    uint32_t slot = t->slots[i];
    if (slot == 0)
      return NULL;
    const Cell *c = key_cell(t, slot - 1);
    if (c->len == len && memcmp(c->text, key, len) == 0)
      return &t->rows[slot - 1];
  }
}

int64_t table_index(Table *t, struct Arena *a) {
  t->slots = NULL;
  t->n_slots = 0;
  if (t->n_rows == 0)
    return -1;
  if (t->n_rows > TABLE_MAX_INDEXED)
    return -1; // unreachable: the loader stops at LOAD_MAX_ROWS
  uint32_t n = 8;
  while (n <= TABLE_LOAD_FACTOR * t->n_rows)
    n *= 2;
  t->slots = arena_zalloc(a, (size_t)n * sizeof *t->slots);
  t->n_slots = n;
  int64_t first_dup = -1;
  for (uint32_t r = 0; r < t->n_rows; r++) {
    const Cell *c = key_cell(t, r);
    if (!c->text)
      continue; // blank keys are not indexed
    uint32_t i = hash(c->text, c->len) & (n - 1);
    for (;; i = (i + 1) & (n - 1)) {
      if (t->slots[i] == 0) {
        t->slots[i] = r + 1;
        break;
      }
      const Cell *o = key_cell(t, t->slots[i] - 1);
      if (o->len == c->len && memcmp(o->text, c->text, c->len) == 0) {
        // A repeated key: the first occurrence keeps the slot, so
        // table_find returns the first row with that key.
        if (first_dup < 0)
          first_dup = r;
        break;
      }
    }
  }
  return first_dup;
}
