/* runtime/cmd.c -- the commands behind the CLI (prefix cmd_): argument
 * parsing and the check loop, writing to the streams it is given so the
 * golden tests can run it in-process.  Exit status: 0 no error-severity
 * finding, 1 findings, 2 the rules or the data could not be read (or the
 * command line was wrong). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lang/program.h"
#include "runtime/interp.h"
#include "runtime/load.h"
#include "runtime/narrative.h"
#include "runtime/batch.h"
#include "runtime/report.h"
#include "runtime/suitediff.h"
#include "runtime/testrun.h"
#include "runtime/cmd.h"
#include "stdlib/std.h"

#define FISC_VERSION "0.1.0"

static const char usage[] =
    "usage: fisc check [options] RULES SUBMISSION...\n"
    "       fisc sections SUBMISSION   (the outline of its 说明.txt)\n"
    "       fisc test [--coverage] SUITE   (run the suite's *_test.fisc tests)\n"
    "       fisc diff OLD-SUITE NEW-SUITE\n"
    "       fisc --help | --version\n"
    "\n"
    "Checks each SUBMISSION folder (one CSV per declared table, unit.csv)\n"
    "against the rule file or folder RULES and reports what is wrong.\n"
    "\n"
    "options:\n"
    "  --format text|json  report format (json: one JSON object per line,\n"
    "                      see docs/json.md); default text\n"
    "  -o, --output FILE   write the report to FILE (written whole or not\n"
    "                      at all: a temporary file renamed at the end)\n"
    "  -j, --jobs N        check N submissions at a time (default: the\n"
    "                      number of cores); the output is the same for any N\n"
    "  --from-list FILE    read submission paths from FILE, one per line\n"
    "                      (- for standard input)\n"
    "  --only ID[,ID...]   run only these rules\n"
    "  --prior PATH        last year's submission (default: SUBMISSION/prior)\n"
    "  --allow-import-outside  let imports leave the rules tree (the folder\n"
    "                      holding .fisc-root, or else RULES's own folder)\n"
    "  --no-color          no colour (also: the NO_COLOR environment\n"
    "                      variable; colour is only used on a terminal)\n"
    "\n"
    "exit status: 0 no error-severity finding, 1 findings, 2 the rules or a\n"
    "submission could not be read\n";

/* Milliseconds on a monotonic clock, for the elapsed-time line. */
static long long clock_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static bool want_color(FILE *f, bool no_color) {
  int fd = fileno(f);
  if (fd < 0)
    return false;
  const char *term = getenv("TERM");
  return !no_color && isatty(fd) && !getenv("NO_COLOR") &&
         !(term && strcmp(term, "dumb") == 0);
}

/* Writes [b] to [path] through a temporary file renamed into place, so a
 * reader never sees half a report. */
static bool write_whole(const char *path, const Buf *b) {
  size_t n = strlen(path);
  char *tmp = malloc(n + 16);
  if (!tmp)
    return false;
  snprintf(tmp, n + 16, "%s.tmp%ld", path, (long)getpid());
  FILE *f = fopen(tmp, "wb");
  bool ok = f && fwrite(b->s, 1, b->len, f) == b->len;
  if (f && fclose(f) != 0)
    ok = false;
  if (ok && rename(tmp, path) != 0)
    ok = false;
  if (!ok)
    remove(tmp);
  free(tmp);
  return ok;
}

/* Keeps only the rules named in the comma-separated [ids], in program
 * order.  Returns false (after saying which) when an ID is unknown. */
static bool keep_only(Program *p, const char *ids, FILE *err) {
  bool *keep = calloc((size_t)p->n_rules + 1, sizeof *keep);
  bool ok = true;
  const char *s = ids;
  while (*s) {
    size_t n = strcspn(s, ",");
    bool found = false;
    for (int i = 0; i < p->n_rules; i++)
      if (strlen(p->rules[i].id) == n && strncmp(p->rules[i].id, s, n) == 0)
        keep[i] = found = true;
    if (!found && n > 0) {
      fprintf(err, "fisc: error: no rule `%.*s` in the suite\n", (int)n, s);
      ok = false;
    }
    s += n + (s[n] == ',');
  }
  int k = 0;
  for (int i = 0; i < p->n_rules; i++)
    if (keep[i])
      p->rules[k++] = p->rules[i];
  p->n_rules = k;
  free(keep);
  return ok;
}

static void flush_diags(Diags *d, FILE *err) {
  fputs(d->out.s, err);
  buf_clear(&d->out);
}

/* Reads submission paths, one per line, from [file] ("-": stdin) and
 * appends them to [*paths]. Returns false when the file cannot be read. */
static bool read_list(const char *file, const char ***paths, int *n, int *cap,
                      FILE *err) {
  FILE *f = strcmp(file, "-") == 0 ? stdin : fopen(file, "r");
  if (!f) {
    fprintf(err, "fisc: error: cannot read the list `%s`\n", file);
    return false;
  }
  char *line = NULL;
  size_t len = 0;
  ssize_t got;
  while ((got = getline(&line, &len, f)) > 0) {
    while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
      line[--got] = '\0';
    if (got == 0)
      continue;
    if (*n + 1 >= *cap) {
      *cap = *cap * 2 + 16;
      *paths = realloc(*paths, (size_t)*cap * sizeof **paths);
      if (!*paths)
        abort();
    }
    (*paths)[(*n)++] = strdup(line);
  }
  free(line);
  if (f != stdin)
    fclose(f);
  return true;
}

/* The batch summary: counts, then the rules that failed in most units. */
static void summary(Buf *out, const Program *p, const BatchResult *res,
                    bool json) {
  int order[10], k = 0;
  bool *used = calloc((size_t)p->n_rules + 1, 1);
  for (; k < 10; k++) {
    int best = -1;
    for (int i = 0; i < p->n_rules; i++)
      if (!used[i] && res->rule_fails[i] > 0 &&
          (best < 0 || res->rule_fails[i] > res->rule_fails[best]))
        best = i;
    if (best < 0)
      break;
    used[best] = true;
    order[k] = best;
  }
  free(used);
  if (json) {
    Buf top;
    buf_init(&top);
    buf_putc(&top, '[');
    for (int i = 0; i < k; i++) {
      buf_printf(&top, "%s{\"id\":", i ? "," : "");
      report_json_string(&top, p->rules[order[i]].id,
                         strlen(p->rules[order[i]].id));
      buf_printf(&top, ",\"units\":%d}", res->rule_fails[order[i]]);
    }
    buf_putc(&top, ']');
    report_json_summary(out, &res->totals, top.s);
    buf_free(&top);
    return;
  }
  buf_putc(out, '\n');
  report_text_summary(out, &res->totals);
  if (k)
    buf_puts(out, "rules that fail most:\n");
  for (int i = 0; i < k; i++)
    buf_printf(out, "  %6d %s  %s %s\n", res->rule_fails[order[i]],
               res->rule_fails[order[i]] == 1 ? "unit " : "units",
               p->rules[order[i]].id, p->rules[order[i]].title);
}

static int cmd_check(int argc, char **argv, FILE *out_f, FILE *err) {
  const char *format = "text", *output = NULL, *only = NULL, *prior = NULL;
  const char *rules = NULL;
  bool no_color = false, outside = false;
  long jobs = sysconf(_SC_NPROCESSORS_ONLN);
  const char **paths = NULL;
  int n_paths = 0, cap_paths = 0;
  int status = 2;
  bool owned = false; // paths from --from-list are strdup'd
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--format") == 0 && i + 1 < argc)
      format = argv[++i];
    else if (strncmp(a, "--format=", 9) == 0)
      format = a + 9;
    else if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) &&
             i + 1 < argc)
      output = argv[++i];
    else if (strcmp(a, "--no-color") == 0)
      no_color = true;
    else if (strcmp(a, "--only") == 0 && i + 1 < argc)
      only = argv[++i];
    else if (strcmp(a, "--prior") == 0 && i + 1 < argc)
      prior = argv[++i];
    else if (strcmp(a, "--allow-import-outside") == 0)
      outside = true;
    else if (((strcmp(a, "-j") == 0 || strcmp(a, "--jobs") == 0) &&
              i + 1 < argc) ||
             (strncmp(a, "-j", 2) == 0 && a[2] >= '0' && a[2] <= '9')) {
      char *end;
      jobs = strtol(a[2] ? a + 2 : argv[++i], &end, 10); // -j2 or -j 2
      if (*end || jobs < 1 || jobs > BATCH_MAX_JOBS) {
        fprintf(err, "fisc: error: -j takes a number from 1 to %d\n",
                BATCH_MAX_JOBS);
        goto done;
      }
    } else if (strcmp(a, "--from-list") == 0 && i + 1 < argc) {
      owned = true;
      if (!read_list(argv[++i], &paths, &n_paths, &cap_paths, err))
        goto done;
    } else if (a[0] == '-' && a[1] != '\0') {
      fprintf(err, "fisc: error: unknown option `%s`\n%s", a, usage);
      goto done;
    } else if (!rules) {
      rules = a;
    } else {
      if (n_paths + 1 >= cap_paths) {
        cap_paths = cap_paths * 2 + 16;
        paths = realloc(paths, (size_t)cap_paths * sizeof *paths);
        if (!paths)
          abort();
      }
      paths[n_paths++] = owned ? strdup(a) : a;
    }
  }
  bool json = strcmp(format, "json") == 0;
  if (!json && strcmp(format, "text") != 0) {
    fprintf(err, "fisc: error: unknown format `%s` (use text or json)\n",
            format);
    goto done;
  }
  if (!rules || n_paths < 1) {
    fprintf(err, "fisc: error: `check` needs RULES and at least one "
                 "SUBMISSION\n%s", usage);
    goto done;
  }
  if (jobs < 1)
    jobs = 1;
  Diags d;
  diag_init(&d);
  d.color = want_color(err, no_color);
  ProgramOptions po = {false, outside};
  Program *p = program_load_with(rules, std_sigs, std_count, &d, &po);
  flush_diags(&d, err);
  diag_free(&d);
  if (!p)
    goto done;
  if (only && !keep_only(p, only, err)) {
    program_free(p);
    goto done;
  }
  interp_prepare(p); // before the threads: they share the program
  // The report goes to -o's temporary file or to [out_f] as it is made.
  char *mem = NULL;
  size_t mem_len = 0;
  FILE *report = output ? open_memstream(&mem, &mem_len) : out_f;
  BatchOptions o = {0};
  o.jobs = (int)jobs;
  o.json = json;
  o.color = !output && !json && want_color(out_f, no_color);
  o.diag_color = want_color(err, no_color);
  o.progress = n_paths > 1 && want_color(err, no_color);
  o.prior = prior;
  double t0 = (double)clock_ms();
  BatchResult res;
  batch_run(p, paths, n_paths, &o, report, err, &res);
  Buf tail;
  buf_init(&tail);
  if (n_paths > 1 || res.any_unreadable)
    summary(&tail, p, &res, json);
  fputs(tail.s, report);
  buf_free(&tail);
  // Elapsed time only on a terminal: a report in a file or pipe must be
  // the same on every run.
  if (n_paths > 1 && o.progress)
    fprintf(err, "fisc: %d units in %.2f s\n", n_paths,
            ((double)clock_ms() - t0) / 1000.0);
  status = res.any_unreadable ? 2 : res.any_errors ? 1 : 0;
  free(res.rule_fails);
  if (output) {
    fclose(report);
    Buf whole = {mem, mem_len, mem_len + 1};
    if (!write_whole(output, &whole)) {
      fprintf(err, "fisc: error: cannot write `%s`\n", output);
      status = 2;
    }
    free(mem);
  }
  fflush(out_f);
  program_free(p);
done:
  if (owned)
    for (int i = 0; i < n_paths; i++)
      free((char *)paths[i]);
  free(paths);
  return status;
}

/* fisc sections SUBMISSION: the headings found in the narrative, indented
 * by level, with their lines -- what `in section "…"` and section() see. */
static int cmd_sections(int argc, char **argv, FILE *out, FILE *err) {
  if (argc != 1) {
    fprintf(err, "fisc: error: `sections` needs one SUBMISSION\n%s", usage);
    return 2;
  }
  Diags d;
  diag_init(&d);
  Submission s;
  bool ok = load_submission(&s, argv[0], NULL, 0, &d);
  fputs(d.out.s, err);
  int status = ok ? 0 : 2;
  if (ok && !s.narrative) {
    fprintf(err, "fisc: error: `%s` has no 说明.txt\n", argv[0]);
    status = 2;
  } else if (ok) {
    const Narrative *n = s.narrative;
    fprintf(out, "%s: %d headings\n", n->src->path, n->n_sections);
    for (int i = 0; i < n->n_sections; i++) {
      const Section *sec = &n->sections[i];
      fprintf(out, "%5u  %*s%s\n", sec->line, 2 * (sec->level - 1), "",
              sec->title);
    }
  }
  load_free(&s);
  diag_free(&d);
  return status;
}

/* fisc test [--coverage] SUITE */
static int cmd_test(int argc, char **argv, FILE *out, FILE *err) {
  bool coverage = false;
  ProgramOptions po = {true, false};
  const char *suite = NULL;
  for (int i = 0; i < argc; i++) {
    if (strcmp(argv[i], "--coverage") == 0)
      coverage = true;
    else if (strcmp(argv[i], "--allow-import-outside") == 0)
      po.allow_outside = true;
    else if (!suite && argv[i][0] != '-')
      suite = argv[i];
    else {
      fprintf(err, "fisc: error: `test` takes [--coverage] SUITE\n%s",
              usage);
      return 2;
    }
  }
  if (!suite) {
    fprintf(err, "fisc: error: `test` needs a SUITE\n%s", usage);
    return 2;
  }
  Diags d;
  diag_init(&d);
  d.color = want_color(err, false);
  Program *p = program_load_with(suite, std_sigs, std_count, &d, &po);
  flush_diags(&d, err);
  diag_free(&d);
  if (!p)
    return 2;
  interp_prepare(p);
  int status = testrun_suite(p, coverage, out, err);
  program_free(p);
  return status;
}

int cmd_main(int argc, char **argv, FILE *out, FILE *err) {
  if (argc < 2) {
    fputs(usage, err);
    return 2;
  }
  if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
    fputs(usage, out);
    return 0;
  }
  if (strcmp(argv[1], "--version") == 0) {
    fputs("fisc " FISC_VERSION "\n", out);
    return 0;
  }
  if (strcmp(argv[1], "check") == 0)
    return cmd_check(argc - 2, argv + 2, out, err);
  if (strcmp(argv[1], "sections") == 0)
    return cmd_sections(argc - 2, argv + 2, out, err);
  if (strcmp(argv[1], "test") == 0)
    return cmd_test(argc - 2, argv + 2, out, err);
  if (strcmp(argv[1], "diff") == 0)
    return suitediff_main(argc - 2, argv + 2, out, err);
  fprintf(err, "fisc: error: unknown command `%s`\n%s", argv[1], usage);
  return 2;
}
