/* tests/fuzz/fuzz_check.c -- libFuzzer harness for a whole `fisc check`, in
 * process: the input is a submission folder written out as text, checked
 * against the shipped suite rules/2021 (run the harness from the top of the
 * tree, or set FISC_FUZZ_RULES).  The input is split into files at lines
 *
 *   === <file name>
 *
 * each file running to the next such line; bytes before the first go to
 * 支出决算表.csv.  Only the files a submission can hold are written (the
 * nine tables, unit.csv, 说明.txt, 说明.md, and a few of last year's under
 * prior/); other names are ignored.  A line `=== --json` asks for the JSON
 * report.  The folder is made once per process under /tmp and emptied
 * before each input; the report and the diagnostics go to /dev/null, or
 * with FISC_FUZZ_VERBOSE=1 to stdout and stderr followed by the exit status
 * (to see what an input does). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/cmd.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_SEP "=== "

// The files a submission folder may hold (rules/2021/tables.fisc).
static const char *const files[] = {
    "支出决算表.csv",
    "收入支出决算总表.csv",
    "收入决算表.csv",
    "财政拨款收入支出决算总表.csv",
    "一般公共预算财政拨款支出决算表.csv",
    "一般公共预算财政拨款基本支出决算表.csv",
    "一般公共预算财政拨款三公经费支出决算表.csv",
    "政府性基金预算财政拨款收入支出决算表.csv",
    "国有资本经营预算财政拨款支出决算表.csv",
    "unit.csv",
    "说明.txt",
    "说明.md",
    // Last year's submission (load.h): the folder is made when needed.
    "prior/支出决算表.csv",
    "prior/一般公共预算财政拨款三公经费支出决算表.csv",
    "prior/unit.csv",
    "prior/说明.txt",
};
#define N_FILES (sizeof files / sizeof *files)

static char dir[64];
static const char *rules = "rules/2021";
static FILE *devnull;
static bool verbose;

static void path_of(char *buf, size_t cap, const char *file) {
  snprintf(buf, cap, "%s/%s", dir, file);
}

static void empty_dir(void) {
  char path[256];
  for (size_t i = 0; i < N_FILES; i++) {
    path_of(path, sizeof path, files[i]);
    unlink(path);
  }
  path_of(path, sizeof path, "prior");
  rmdir(path);
}

static void cleanup(void) {
  if (dir[0]) {
    empty_dir();
    rmdir(dir);
  }
  if (devnull)
    fclose(devnull);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  const char *r = getenv("FISC_FUZZ_RULES");
  if (r)
    rules = r;
  struct stat st;
  if (stat(rules, &st) != 0) {
    fprintf(stderr, "fuzz_check: `%s` not found: run from the top of the "
                    "tree or set FISC_FUZZ_RULES\n", rules);
    exit(1);
  }
  strcpy(dir, "/tmp/fisc-fuzz-check.XXXXXX");
  if (!mkdtemp(dir)) {
    perror("fuzz_check: mkdtemp");
    exit(1);
  }
  atexit(cleanup);
  verbose = getenv("FISC_FUZZ_VERBOSE") != NULL;
  devnull = fopen("/dev/null", "w");
  if (!devnull) {
    perror("fuzz_check: /dev/null");
    exit(1);
  }
  return 0;
}

/* Writes the [n] bytes at [s] to the submission file [name]. */
static void write_file(const char *name, const char *s, size_t n) {
  char path[256];
  if (strncmp(name, "prior/", 6) == 0) {
    path_of(path, sizeof path, "prior");
    mkdir(path, 0700);
  }
  path_of(path, sizeof path, name);
  FILE *f = fopen(path, "wb");
  if (!f)
    abort();
  if (n && fwrite(s, 1, n, f) != n)
    abort();
  fclose(f);
}

/* Returns the start of the next separator line at or after [p], or [end]. */
static const char *next_sep(const char *p, const char *start,
                            const char *end) {
  size_t k = strlen(FUZZ_SEP);
  for (; p + k <= end; p++)
    if ((p == start || p[-1] == '\n') && memcmp(p, FUZZ_SEP, k) == 0)
      return p;
  return end;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data, *end = s + size;
  bool json = false;
  empty_dir();
  const char *p = next_sep(s, s, end);
  if (p > s)
    write_file(files[0], s, (size_t)(p - s));
  while (p < end) {
    const char *name = p + strlen(FUZZ_SEP);
    const char *eol = memchr(name, '\n', (size_t)(end - name));
    const char *body = eol ? eol + 1 : end;
    size_t name_len = (size_t)((eol ? eol : end) - name);
    if (name_len && name[name_len - 1] == '\r')
      name_len--;
    const char *next = next_sep(body, s, end);
    if (name_len == 6 && memcmp(name, "--json", 6) == 0)
      json = true;
    for (size_t i = 0; i < N_FILES; i++)
      if (strlen(files[i]) == name_len &&
          memcmp(files[i], name, name_len) == 0)
        write_file(files[i], body, (size_t)(next - body));
    p = next;
  }
  char *argv[] = {"fisc", "check", "--format", json ? "json" : "text",
                  (char *)rules, dir, NULL};
  int status = cmd_main(6, argv, verbose ? stdout : devnull,
                        verbose ? stderr : devnull);
  if (verbose)
    fprintf(stderr, "fuzz_check: exit status %d\n", status);
  if (status < 0 || status > 2)
    __builtin_trap();
  // The shipped suite always loads, so 2 means unreadable data: fine.
  return 0;
}
