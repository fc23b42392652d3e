/* lang/arena.h -- bump allocator with three lifetimes (program, data, scratch).
 *
 * Ownership rule, stated once for the whole code base: a function that takes
 * an Arena and returns a pointer returns memory owned by that arena, released
 * by arena_reset/arena_free and never by free().  Objects that hold memory
 * outside the arena (GMP numbers) register a finaliser with arena_defer so the
 * arena releases them too. */
#ifndef FISC_ARENA_H
#define FISC_ARENA_H

#include <stddef.h>
#include <stdint.h>

typedef struct ArenaChunk ArenaChunk;
typedef struct ArenaFinal ArenaFinal;

/* A zeroed Arena is a valid empty one (as after arena_init). */
typedef struct Arena {
  ArenaChunk *head;   // current chunk; older chunks follow ->next
  ArenaFinal *finals; // finalisers, run newest first on reset/free
  char *free, *limit; // the current chunk's unused bytes (inline fast path)
} Arena;

void arena_init(Arena *a);
/* The out-of-line part of arena_alloc: a new chunk, or a big block. */
void *arena_alloc_slow(Arena *a, size_t n);
/* Returns [n] bytes aligned for any type; never NULL (exits 2 when out of
 * memory, like PostgreSQL's palloc).  Inline because a check makes hundreds
 * of thousands of small allocations: the common case is a bump. */
static inline void *arena_alloc(Arena *a, size_t n) {
  const size_t align = sizeof(max_align_t);
  size_t m = (n + align - 1) & ~(align - 1);
  if (n - 1 < SIZE_MAX / 2 && m <= (size_t)(a->limit - a->free)) {
    void *p = a->free;
    a->free += m;
    return p;
  }
  return arena_alloc_slow(a, n);
}
/* Returns [n] zeroed bytes. */
void *arena_zalloc(Arena *a, size_t n);
/* Returns a NUL-terminated copy of the [n] bytes at [s]. */
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_strdup(Arena *a, const char *s);
/* printf into the arena. */
char *arena_sprintf(Arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Runs fn(obj) when the arena is reset or freed. */
void arena_defer(Arena *a, void (*fn)(void *), void *obj);
/* Releases everything but keeps the first chunk for reuse. */
void arena_reset(Arena *a);
void arena_free(Arena *a);

#endif
