/* runtime/cmd.c -- the commands behind the CLI (prefix cmd_): argument
 * parsing and the check loop, writing to the streams it is given so the
 * golden tests can run it in-process.  Exit status: 0 no error-severity
 * finding, 1 findings, 2 the rules or the data could not be read (or the
 * command line was wrong). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lang/program.h"
#include "runtime/interp.h"
#include "runtime/load.h"
#include "runtime/narrative.h"
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
    "  --only ID[,ID...]   run only these rules\n"
    "  --prior PATH        last year's submission (default: SUBMISSION/prior)\n"
    "  --no-color          no colour (also: the NO_COLOR environment\n"
    "                      variable; colour is only used on a terminal)\n"
    "\n"
    "exit status: 0 no error-severity finding, 1 findings, 2 the rules or a\n"
    "submission could not be read\n";

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

static int cmd_check(int argc, char **argv, FILE *out_f, FILE *err) {
  const char *format = "text", *output = NULL, *only = NULL, *prior = NULL;
  bool no_color = false;
  const char **paths = malloc((size_t)(argc + 1) * sizeof *paths);
  if (!paths)
    return 2;
  int n_paths = 0;
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
    else if (a[0] == '-' && a[1] != '\0') {
      fprintf(err, "fisc: error: unknown option `%s`\n%s", a, usage);
      free(paths);
      return 2;
    } else
      paths[n_paths++] = a;
  }
  bool json = strcmp(format, "json") == 0;
  if (!json && strcmp(format, "text") != 0) {
    fprintf(err, "fisc: error: unknown format `%s` (use text or json)\n",
            format);
    free(paths);
    return 2;
  }
  if (n_paths < 2) {
    fprintf(err, "fisc: error: `check` needs RULES and at least one "
                    "SUBMISSION\n%s", usage);
    free(paths);
    return 2;
  }
  Diags d;
  diag_init(&d);
  d.color = want_color(err, no_color);
  Program *p = program_load(paths[0], std_sigs, std_count, &d);
  flush_diags(&d, err);
  if (!p) {
    diag_free(&d);
    free(paths);
    return 2;
  }
  if (only && !keep_only(p, only, err)) {
    diag_free(&d);
    program_free(p);
    free(paths);
    return 2;
  }
  interp_prepare(p);
  bool color = !output && !json && want_color(out_f, no_color);
  Buf out;
  buf_init(&out);
  ReportTotals totals = {0};
  int status = 0;
  for (int i = 1; i < n_paths; i++) {
    Submission s;
    bool ok = load_submission(&s, paths[i], p->tables, p->n_tables, &d);
    if (ok && prior)
      ok = load_prior(&s, prior, p->tables, p->n_tables, &d);
    flush_diags(&d, err);
    if (!ok) {
      totals.units_unreadable++;
      status = 2;
      if (json)
        report_json_unreadable(&out, paths[i]);
      load_free(&s);
      continue;
    }
    Report r;
    interp_run(p, &s, &r);
    if (json)
      report_json(&out, &r);
    else {
      if (i > 1)
        buf_putc(&out, '\n');
      report_text(&out, &r, color);
    }
    report_tally(&totals, &r);
    if (report_has_errors(&r) && status == 0)
      status = 1;
    interp_report_free(&r);
    load_free(&s);
    if (!output) { // stream: one unit's report at a time
      fputs(out.s, out_f);
      buf_clear(&out);
    }
  }
  if (n_paths > 2 || totals.units_unreadable) {
    if (json)
      report_json_summary(&out, &totals);
    else {
      buf_putc(&out, '\n');
      report_text_summary(&out, &totals);
    }
  }
  if (output) {
    if (!write_whole(output, &out)) {
      fprintf(err, "fisc: error: cannot write `%s`\n", output);
      status = 2;
    }
  } else {
    fputs(out.s, out_f);
  }
  fflush(out_f);
  buf_free(&out);
  diag_free(&d);
  program_free(p);
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
  const char *suite = NULL;
  for (int i = 0; i < argc; i++) {
    if (strcmp(argv[i], "--coverage") == 0)
      coverage = true;
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
  Program *p = program_load_tests(suite, std_sigs, std_count, &d);
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
