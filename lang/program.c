/* lang/program.c -- reading a rule suite (prefix program_): the RULES path,
 * `import` of files and folders, cycle detection, then check.c.
 *
 * A folder stands for its .fisc files in name order (byte order of the UTF-8
 * names, so the order is the same on every machine).  Each file is read once
 * even when several files import it; a file that imports itself through a
 * chain is an error that names the chain. */
#include "lang/program.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lang/parse.h"
#include "lang/uwidth.h"

// Import chains deeper than this are refused (a loop the realpath check
// missed, or a machine-generated suite gone wrong).
#define PROGRAM_MAX_IMPORT_DEPTH 64

typedef struct Loader {
  Program *p;
  Diags *d;
  char **done;        // realpaths of files read (or being read)
  int n_done, cap_done;
  const char *stack[PROGRAM_MAX_IMPORT_DEPTH]; // display paths being read
  char *stack_real[PROGRAM_MAX_IMPORT_DEPTH];
  int depth;
  Ast **items;        // all items, in reading order
  int n_items, cap_items;
  bool with_tests;    // also read the *_test.fisc files of folders
  bool allow_outside; // imports may go anywhere
  char *top;          // realpath of the top of the rules tree
  bool failed;
} Loader;

static void push_item(Loader *ld, Ast *it) {
  if (ld->n_items == ld->cap_items) {
    ld->cap_items = ld->cap_items ? ld->cap_items * 2 : 64;
    ld->items = realloc(ld->items, (size_t)ld->cap_items * sizeof *ld->items);
    if (!ld->items)
      abort();
  }
  ld->items[ld->n_items++] = it;
}

static void keep_src(Program *p, Src *s) {
  if (p->n_srcs == p->cap_srcs) {
    p->cap_srcs = p->cap_srcs ? p->cap_srcs * 2 : 16;
    p->srcs = realloc(p->srcs, (size_t)p->cap_srcs * sizeof *p->srcs);
    if (!p->srcs)
      abort();
  }
  p->srcs[p->n_srcs++] = s;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool has_suffix(const char *s, const char *suf) {
  size_t n = strlen(s), k = strlen(suf);
  return n >= k && strcmp(s + n - k, suf) == 0;
}

static void load_path(Loader *ld, const char *path, Src *from, Span at);

/* The offset of the first byte of [src] that is not valid UTF-8, or its
 * length.  NUL and other control bytes are the lexer's to report. */
static size_t first_invalid_utf8(const Src *src) {
  for (size_t i = 0; i < src->len;) {
    if ((unsigned char)src->bytes[i] < 0x80) {
      i++;
      continue;
    }
    int32_t cp;
    size_t k = uwidth_decode_fast(src->bytes + i, src->len - i, &cp);
    if (cp < 0)
      return i;
    i += k;
  }
  return src->len;
}

/* Whether [path] (existing or not) lies inside the top of the rules tree.
 * A path that does not exist is let through: loading it reports that. */
static bool inside_top(const Loader *ld, const char *path) {
  char *real = realpath(path, NULL);
  if (!real)
    return true;
  size_t n = strlen(ld->top);
  bool in = strncmp(real, ld->top, n) == 0 &&
            (real[n] == '/' || real[n] == '\0' || n == 1);
  free(real);
  return in;
}

/* The top of the rules tree of [path]: the nearest folder at or above it
 * holding the root marker, or else its own folder (a file's folder). */
static char *find_top(const char *path) {
  char *real = realpath(path, NULL);
  if (!real)
    return NULL;
  struct stat st;
  if (stat(real, &st) == 0 && !S_ISDIR(st.st_mode)) {
    char *slash = strrchr(real, '/');
    if (slash && slash != real)
      *slash = '\0';
  }
  size_t keep = strlen(real);
  char *probe = malloc(keep + sizeof PROGRAM_ROOT_MARKER + 2);
  if (!probe)
    abort();
  for (char *end = real + strlen(real);;) {
    size_t n = (size_t)(end - real);
    snprintf(probe, keep + sizeof PROGRAM_ROOT_MARKER + 2, "%.*s/%s", (int)n,
             real, PROGRAM_ROOT_MARKER);
    if (access(probe, F_OK) == 0) {
      real[n ? n : 1] = '\0';
      free(probe);
      return real;
    }
    char *up = NULL;
    for (char *q = real; q < end; q++)
      if (*q == '/')
        up = q;
    if (!up || up == real)
      break;
    end = up;
  }
  free(probe);
  real[keep] = '\0'; // no marker: the folder of RULES itself
  return real;
}

/* Reads one rule file and, depth first, what it imports. */
static void load_file(Loader *ld, const char *path, Src *from, Span at) {
  char *real = realpath(path, NULL);
  if (!real) {
    char why[128];
    src_reason(why, sizeof why, errno);
    diag_error(ld->d, from, at, "cannot read `%s`: %s", path, why);
    ld->failed = true;
    return;
  }
  for (int i = 0; i < ld->depth; i++)
    if (strcmp(ld->stack_real[i], real) == 0) {
      Buf chain;
      buf_init(&chain);
      for (int j = i; j < ld->depth; j++)
        buf_printf(&chain, "%s → ", ld->stack[j]);
      buf_puts(&chain, path);
      diag_error(ld->d, from, at, "import cycle: %s", chain.s);
      buf_free(&chain);
      free(real);
      ld->failed = true;
      return;
    }
  for (int i = 0; i < ld->n_done; i++)
    if (strcmp(ld->done[i], real) == 0) { // read already: once is enough
      free(real);
      return;
    }
  if (ld->depth == PROGRAM_MAX_IMPORT_DEPTH) {
    diag_error(ld->d, from, at, "imports nested more than %d deep",
               PROGRAM_MAX_IMPORT_DEPTH);
    free(real);
    ld->failed = true;
    return;
  }
  if (ld->n_done == ld->cap_done) {
    ld->cap_done = ld->cap_done ? ld->cap_done * 2 : 16;
    ld->done = realloc(ld->done, (size_t)ld->cap_done * sizeof *ld->done);
    if (!ld->done)
      abort();
  }
  ld->done[ld->n_done++] = real;

  char why[256];
  Src *src = src_read_file(path, why, sizeof why);
  if (!src) {
    diag_error(ld->d, from, at, "cannot read `%s`: %s", path, why);
    ld->failed = true;
    return;
  }
  keep_src(ld->p, src);
  // A rule file that is not UTF-8 (saved as GBK, or with a damaged
  // character) is one error at its first bad byte, not one per byte.
  size_t bad = first_invalid_utf8(src);
  if (bad < src->len) {
    diag_error(ld->d, src, (Span){(uint32_t)bad, 1},
               "invalid UTF-8 byte `\\x%02X`", (unsigned char)src->bytes[bad]);
    diag_help(ld->d, "save the rule file as UTF-8");
    ld->failed = true;
    return;
  }
  Ast *items = parse_file(&ld->p->arena, src, ld->d);
  if (!items) {
    ld->failed = true;
    return;
  }
  ld->stack[ld->depth] = src->path;
  ld->stack_real[ld->depth] = real;
  ld->depth++;
  for (int i = 0; i < items->n; i++) {
    Ast *it = items->list[i];
    if (it->kind != AST_IMPORT) {
      push_item(ld, it);
      continue;
    }
    // Relative to the importing file's folder.
    const char *slash = strrchr(src->path, '/');
    char *target;
    if (it->name[0] == '/' && !ld->allow_outside) {
      diag_error(ld->d, src, it->span, "import of an absolute path `%s`",
                 it->name);
      diag_help(ld->d, "import relative to this file; or run with "
                       "--allow-import-outside");
      ld->failed = true;
      continue;
    }
    if (it->name[0] == '/' || !slash)
      target = arena_strdup(&ld->p->arena, it->name);
    else
      target = arena_sprintf(&ld->p->arena, "%.*s/%s",
                             (int)(slash - src->path), src->path, it->name);
    if (!ld->allow_outside && !inside_top(ld, target)) {
      diag_error(ld->d, src, it->span, "import `%s` leaves the rules tree "
                                       "`%s`", it->name, ld->top);
      diag_help(ld->d, "put a `%s` file in the folder that holds all the "
                       "suites (e.g. rules/), or run with "
                       "--allow-import-outside", PROGRAM_ROOT_MARKER);
      ld->failed = true;
      continue;
    }
    load_path(ld, target, src, it->span);
    if (ld->d->stopped)
      break;
  }
  ld->depth--;
}

/* A file, or a folder meaning its .fisc files in name order. */
static void load_path(Loader *ld, const char *path, Src *from, Span at) {
  struct stat st;
  if (stat(path, &st) != 0) {
    char why[128];
    src_reason(why, sizeof why, errno);
    if (from)
      diag_error(ld->d, from, at, "cannot import `%s`: %s", path, why);
    else
      diag_error(ld->d, NULL, at, "cannot read rules `%s`: %s", path, why);
    ld->failed = true;
    return;
  }
  if (!S_ISDIR(st.st_mode)) {
    load_file(ld, path, from, at);
    return;
  }
  DIR *dir = opendir(path);
  if (!dir) {
    char why[128];
    src_reason(why, sizeof why, errno);
    diag_error(ld->d, from, at, "cannot read folder `%s`: %s", path, why);
    ld->failed = true;
    return;
  }
  char **names = NULL;
  int n = 0, cap = 0;
  struct dirent *e;
  while ((e = readdir(dir)) != NULL) {
    if (e->d_name[0] == '.' || !has_suffix(e->d_name, ".fisc"))
      continue;
    // A suite's tests live beside its rules; only `fisc test` reads them,
    // and only the suite's own (an imported suite's tests are written for
    // its own fixtures; a test file may import them explicitly).
    if ((!ld->with_tests || ld->depth > 0) &&
        has_suffix(e->d_name, "_test.fisc"))
      continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 16;
      names = realloc(names, (size_t)cap * sizeof *names);
      if (!names)
        abort();
    }
    names[n++] = arena_strdup(&ld->p->arena, e->d_name);
  }
  closedir(dir);
  if (n > 1)
    qsort(names, (size_t)n, sizeof *names, cmp_str);
  size_t plen = strlen(path);
  while (plen > 1 && path[plen - 1] == '/')
    plen--;
  if (n == 0) {
    diag_error(ld->d, from, at, "no .fisc files in folder `%s`", path);
    ld->failed = true;
  }
  for (int i = 0; i < n && !ld->d->stopped; i++) {
    char *file = arena_sprintf(&ld->p->arena, "%.*s/%s", (int)plen, path,
                               names[i]);
    load_file(ld, file, from, at);
  }
  free(names);
}

Program *program_load_with(const char *path, const BuiltinSig *builtins,
                           int nb, Diags *d, const ProgramOptions *o) {
  Program *p = calloc(1, sizeof *p);
  if (!p)
    abort();
  arena_init(&p->arena);
  p->builtins = builtins;
  p->n_builtins = nb;
  Loader ld = {0};
  ld.p = p;
  ld.d = d;
  ld.with_tests = o->with_tests;
  ld.allow_outside = o->allow_outside;
  ld.top = find_top(path);
  if (!ld.top)
    ld.allow_outside = true; // RULES itself is missing: load_path says so
  int errors = d->n_errors;
  load_path(&ld, path, NULL, (Span){0, 0});
  // Files with only confusable characters parsed: check them too, so one
  // run reports everything; any error at all means the suite cannot run.
  bool ok = !ld.failed && check_program(p, ld.items, ld.n_items, d) &&
            d->n_errors == errors;
  free(ld.top);
  for (int i = 0; i < ld.n_done; i++)
    free(ld.done[i]);
  free(ld.done);
  free(ld.items);
  if (!ok) {
    program_free(p);
    return NULL;
  }
  return p;
}

Program *program_load(const char *path, const BuiltinSig *builtins, int nb,
                      Diags *d) {
  ProgramOptions o = {false, false};
  return program_load_with(path, builtins, nb, d, &o);
}

Program *program_load_tests(const char *path, const BuiltinSig *builtins,
                            int nb, Diags *d) {
  ProgramOptions o = {true, false};
  return program_load_with(path, builtins, nb, d, &o);
}

void program_free(Program *p) {
  if (!p)
    return;
  for (int i = 0; i < p->n_srcs; i++)
    src_free(p->srcs[i]);
  free(p->srcs);
  arena_free(&p->arena);
  free(p);
}
