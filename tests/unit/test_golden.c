/* tests/unit/test_golden.c -- data-driven end-to-end tests over
 * tests/golden/<area>/<case>/.
 *
 * A case folder holds `args` (the command line after `fisc`, split on white
 * space), the rule files and submission folders it names, and the expected
 * `out` (report), `err` (diagnostics) and `status` (exit status).  The
 * command runs in-process (cmd_main) with the case folder as the working
 * directory, so paths in the output are short and stable (or, when `args`
 * starts with `@top`, from the top of the tree).  UPDATE_GOLDEN=1
 * rewrites the expected files from the actual output. */
#include <dirent.h>
#include <stdbool.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "runtime/cmd.h"

#define GOLDEN_ROOT "tests/golden"
// More cases than this is a sign the corpus should be split into areas.
#define GOLDEN_MAX_CASES 1024

static char *slurp(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *s = malloc((size_t)n + 1);
  size_t got = fread(s, 1, (size_t)n, f);
  s[got] = '\0';
  fclose(f);
  return s;
}

static void spit(const char *path, const char *s) {
  FILE *f = fopen(path, "wb");
  if (f) {
    fputs(s, f);
    fclose(f);
  }
}

static void expect_file(const char *name, const char *actual) {
  if (getenv("UPDATE_GOLDEN")) {
    spit(name, actual);
    return;
  }
  char *want = slurp(name);
  if (!want)
    want = strdup("");
  if (strcmp(want, actual) != 0)
    print_error("--- expected %s\n%s--- actual %s\n%s", name, want, name,
                actual);
  int same = strcmp(want, actual) == 0;
  free(want);
  assert_true(same);
}

// The top of the tree: every case returns here, even after a failure
// (cmocka leaves a failed test by longjmp, so teardown does it).
static char top[PATH_MAX];

static int back_to_top(void **state) {
  (void)state;
  return chdir(top);
}

static void run_case(void **state) {
  const char *dir = *state;
  assert_int_equal(chdir(dir), 0);
  char *args = slurp("args");
  assert_non_null(args);
  char *argv[64];
  int argc = 0;
  static char prog[] = "fisc";
  argv[argc++] = prog;
  // `@top` first: the command runs from the top of the tree (for the shipped
  // suites and examples); the expected files stay in the case folder.
  char here[PATH_MAX];
  assert_non_null(getcwd(here, sizeof here));
  bool from_top = strncmp(args, "@top", 4) == 0;
  for (char *tok = strtok(args + (from_top ? 4 : 0), " \t\r\n");
       tok && argc < 63; tok = strtok(NULL, " \t\r\n"))
    argv[argc++] = tok;
  argv[argc] = NULL;
  if (from_top)
    assert_int_equal(chdir(top), 0);
  char *out_s = NULL, *err_s = NULL;
  size_t out_n = 0, err_n = 0;
  FILE *out = open_memstream(&out_s, &out_n);
  FILE *err = open_memstream(&err_s, &err_n);
  int status = cmd_main(argc, argv, out, err);
  fclose(out);
  fclose(err);
  assert_int_equal(chdir(here), 0);
  char st[16];
  snprintf(st, sizeof st, "%d\n", status);
  expect_file("out", out_s);
  expect_file("err", err_s);
  expect_file("status", st);
  free(out_s);
  free(err_s);
  free(args);
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends every folder under [root]/<area>/ that holds an `args` file. */
static void collect(const char *root, char **cases, int *n) {
  DIR *d = opendir(root);
  if (!d)
    return;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.')
      continue;
    char path[PATH_MAX], args[PATH_MAX + 8];
    snprintf(path, sizeof path, "%s/%s", root, e->d_name);
    snprintf(args, sizeof args, "%s/args", path);
    struct stat st;
    if (stat(args, &st) == 0) {
      if (*n < GOLDEN_MAX_CASES)
        cases[(*n)++] = strdup(path);
    } else if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
      collect(path, cases, n);
    }
  }
  closedir(d);
}

int main(int argc, char **argv) {
  static char *cases[GOLDEN_MAX_CASES];
  int n = 0;
  if (!getcwd(top, sizeof top))
    return 1;
  collect(GOLDEN_ROOT, cases, &n);
  qsort(cases, (size_t)n, sizeof *cases, cmp_str);
  struct CMUnitTest *tests = calloc((size_t)n + 1, sizeof *tests);
  for (int i = 0; i < n; i++) {
    tests[i].name = cases[i];
    tests[i].test_func = run_case;
    tests[i].teardown_func = back_to_top;
    tests[i].initial_state = cases[i];
  }
  if (argc > 1)
    cmocka_set_test_filter(argv[1]);
  int rc = _cmocka_run_group_tests("golden", tests, (size_t)n, NULL, NULL);
  for (int i = 0; i < n; i++)
    free(cases[i]);
  free(tests);
  return rc;
}
