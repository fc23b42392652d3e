/* tests/unit/test_arena.c -- cmocka tests for lang/arena (the bump
 * allocator behind every unit's data).  Blocks are filled with a pattern of
 * their own and checked afterwards: any overlap between two live blocks, in
 * the inline fast path or across chunks, shows as a broken pattern.  Run one
 * test with: test_arena test_arena_blocks_never_overlap. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "lang/arena.h"

enum { BLOCKS = 600 };

typedef struct Block {
  unsigned char *p;
  size_t n;
} Block;

// Sizes that cross every path: 0, small bumps, exact chunk fits, blocks big
// enough for a chunk of their own (over a quarter of the chunk size).
static size_t size_of(int i) {
  static const size_t sizes[] = {0,    1,     7,     16,    17,  100,
                                 4096, 5000,  16384, 70000, 300, 200000};
  return sizes[(size_t)i * 7 % (sizeof sizes / sizeof sizes[0])];
}

static void fill_and_check(Arena *a, Block *b) {
  for (int i = 0; i < BLOCKS; i++) {
    b[i].n = size_of(i);
    b[i].p = arena_alloc(a, b[i].n);
    assert_non_null(b[i].p);
    assert_int_equal((uintptr_t)b[i].p % _Alignof(max_align_t), 0);
    memset(b[i].p, i & 0xFF, b[i].n);
  }
  for (int i = 0; i < BLOCKS; i++)
    for (size_t k = 0; k < b[i].n; k += 61)
      if (b[i].p[k] != (unsigned char)(i & 0xFF))
        fail_msg("block %d (%zu bytes) overwritten at byte %zu", i, b[i].n,
                 k);
}

static void test_arena_blocks_never_overlap(void **state) {
  (void)state;
  static Block b[BLOCKS];
  Arena a;
  arena_init(&a);
  // Twice over the same arena: after a reset the first chunk is reused.
  fill_and_check(&a, b);
  arena_reset(&a);
  fill_and_check(&a, b);
  arena_free(&a);
}

static void test_arena_zeroed_struct_is_empty(void **state) {
  (void)state;
  Arena a;
  memset(&a, 0, sizeof a); // as inside a calloc'ed Submission
  char *s = arena_strdup(&a, "一般公共预算");
  assert_string_equal(s, "一般公共预算");
  int *z = arena_zalloc(&a, 64 * sizeof *z);
  for (int i = 0; i < 64; i++)
    assert_int_equal(z[i], 0);
  assert_string_equal(arena_sprintf(&a, "%s:%u", "a.csv", 3u), "a.csv:3");
  arena_free(&a);
}

static int calls;
static void count_call(void *p) {
  (void)p;
  calls++;
}

static void test_arena_finalisers_run_on_reset_and_free(void **state) {
  (void)state;
  Arena a;
  arena_init(&a);
  calls = 0;
  arena_defer(&a, count_call, NULL);
  arena_defer(&a, count_call, NULL);
  arena_reset(&a);
  assert_int_equal(calls, 2);
  arena_defer(&a, count_call, NULL);
  arena_free(&a);
  assert_int_equal(calls, 3);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_arena_blocks_never_overlap),
      cmocka_unit_test(test_arena_zeroed_struct_is_empty),
      cmocka_unit_test(test_arena_finalisers_run_on_reset_and_free),
  };
  if (argc > 1)
    cmocka_set_test_filter(argv[1]);
  return cmocka_run_group_tests(tests, NULL, NULL);
}
