/* lang/arena.c -- bump allocator (prefix arena_).
 * Chunks grow geometrically; a large request gets a chunk of its own.  Memory
 * released by arena_reset is poisoned with 0xDD in debug builds (NDEBUG unset)
 * so a use after reset fails loudly under the tests. */
#include "lang/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// First chunk: large enough for a small rule file or one unit's scratch work.
#define ARENA_FIRST_CHUNK (16 * 1024)
// Chunks never grow beyond this; bigger requests get a chunk of their own.
#define ARENA_MAX_CHUNK (1024 * 1024)

struct ArenaChunk {
  ArenaChunk *next;
  size_t cap, used;
  max_align_t data[]; // aligned payload
};

struct ArenaFinal {
  ArenaFinal *next;
  void (*fn)(void *);
  void *obj;
};

static void oom(void) {
  fputs("fisc: out of memory\n", stderr);
  exit(2);
}

void arena_init(Arena *a) {
  a->head = NULL;
  a->finals = NULL;
  a->free = a->limit = NULL;
}

static ArenaChunk *new_chunk(size_t cap, ArenaChunk *next) {
  ArenaChunk *c = malloc(sizeof *c + cap);
  if (!c)
    oom();
  c->next = next;
  c->cap = cap;
  c->used = 0;
  return c;
}

/* The current chunk's use is tracked in a->free while it is current;
 * writes it back before the chunk stops being current or is inspected. */
static void sync_used(Arena *a) {
  if (a->head)
    a->head->used = (size_t)(a->free - (char *)a->head->data);
}

// Makes [c] the current chunk, its free space the fast path's.
static void make_current(Arena *a, ArenaChunk *c) {
  a->head = c;
  a->free = (char *)c->data + c->used;
  a->limit = (char *)c->data + c->cap;
}

void *arena_alloc_slow(Arena *a, size_t n) {
  const size_t align = sizeof(max_align_t);
  if (n == 0)
    n = 1;
  if (n > SIZE_MAX / 2)
    oom();
  n = (n + align - 1) & ~(align - 1);
  sync_used(a);
  ArenaChunk *c = a->head;
  if (!c || c->cap - c->used < n) {
    size_t cap = c ? c->cap * 2 : ARENA_FIRST_CHUNK;
    if (cap > ARENA_MAX_CHUNK)
      cap = ARENA_MAX_CHUNK;
    if (n > cap / 4 && c) {
      // A big block gets its own chunk behind the current one, so the
      // current chunk's free space is not wasted.
      ArenaChunk *big = new_chunk(n, c->next);
      c->next = big;
      big->used = n;
      return big->data;
    }
    if (cap < n)
      cap = n;
    c = new_chunk(cap, a->head);
  }
  make_current(a, c);
  void *p = a->free;
  a->free += n;
  return p;
}

void *arena_zalloc(Arena *a, size_t n) {
  void *p = arena_alloc(a, n);
  memset(p, 0, n);
  return p;
}

char *arena_strndup(Arena *a, const char *s, size_t n) {
  char *p = arena_alloc(a, n + 1);
  if (n)
    memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *arena_strdup(Arena *a, const char *s) {
  return arena_strndup(a, s, strlen(s));
}

char *arena_sprintf(Arena *a, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0)
    n = 0;
  char *p = arena_alloc(a, (size_t)n + 1);
  va_start(ap, fmt);
  vsnprintf(p, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return p;
}

void arena_defer(Arena *a, void (*fn)(void *), void *obj) {
  ArenaFinal *f = arena_alloc(a, sizeof *f);
  f->fn = fn;
  f->obj = obj;
  f->next = a->finals;
  a->finals = f;
}

static void run_finals(Arena *a) {
  // Finalisers live inside the arena, so run them all before any chunk goes.
  for (ArenaFinal *f = a->finals; f; f = f->next)
    f->fn(f->obj);
  a->finals = NULL;
}

void arena_reset(Arena *a) {
  run_finals(a);
  sync_used(a);
  ArenaChunk *c = a->head;
  if (!c)
    return;
  // Keep the oldest chunk (the last in the list): it has the first size.
  while (c->next) {
    ArenaChunk *next = c->next;
    free(c);
    c = next;
  }
#ifndef NDEBUG
  memset(c->data, 0xDD, c->used);
#endif
  c->used = 0;
  make_current(a, c);
}

void arena_free(Arena *a) {
  run_finals(a);
  ArenaChunk *c = a->head;
  while (c) {
    ArenaChunk *next = c->next;
    free(c);
    c = next;
  }
  a->head = NULL;
  a->free = a->limit = NULL;
}
