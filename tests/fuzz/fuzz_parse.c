/* tests/fuzz/fuzz_parse.c -- libFuzzer harness for the front end: the input
 * is one rule file, run through the lexer, the Lemon parser and the checker
 * exactly as program_load does for a file without imports (imports are
 * dropped: they would read other files).  When the file checks clean, its
 * number literals are parsed too (interp_prepare), which must never fail.
 * Everything is freed per input, so LeakSanitizer sees any leak. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "lang/diag.h"
#include "lang/parse.h"
#include "lang/program.h"
#include "runtime/interp.h"
#include "stdlib/std.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  Program *p = calloc(1, sizeof *p);
  if (!p)
    abort();
  arena_init(&p->arena);
  p->builtins = std_sigs;
  p->n_builtins = std_count;
  // The Program owns its sources, as program_load arranges it.
  p->srcs = malloc(sizeof *p->srcs);
  if (!p->srcs)
    abort();
  p->cap_srcs = 1;
  p->srcs[p->n_srcs++] = src_from_string("fuzz.fisc", (const char *)data, size);

  Diags d;
  diag_init(&d);
  Ast *items = parse_file(&p->arena, p->srcs[0], &d);
  if (items) {
    Ast **list = malloc(((size_t)items->n + 1) * sizeof *list);
    if (!list)
      abort();
    int n = 0;
    for (int i = 0; i < items->n; i++)
      if (items->list[i]->kind != AST_IMPORT)
        list[n++] = items->list[i];
    bool ok = check_program(p, list, n, &d);
    // program_load's condition for a usable suite.
    if (ok && d.n_errors == 0)
      interp_prepare(p);
    free(list);
  }
  diag_free(&d);
  program_free(p);
  return 0;
}
