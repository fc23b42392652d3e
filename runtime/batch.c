/* runtime/batch.c -- parallel, ordered checking of many submissions (prefix
 * batch_).
 *
 * Workers take the next unit from a shared counter, do all of its work into
 * private buffers (report text, diagnostics) and free its data arena before
 * taking another.  The calling thread writes finished units strictly in
 * input order.  A worker may run at most BATCH_WINDOW units ahead of the
 * writer, which bounds the memory held by finished-but-unwritten reports. */
#include "runtime/batch.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "runtime/interp.h"
#include "runtime/load.h"

// Units a worker may finish ahead of the one being written, per worker.
#define BATCH_WINDOW_PER_JOB 8

typedef struct Job {
  Buf out, err;       // the unit's report and its diagnostics
  bool done;
  bool unreadable;
  bool errors;        // an error-severity finding
  ReportTotals totals;
  int *fails;         // rule indexes that failed (n_fails of them)
  int n_fails;
} Job;

typedef struct Batch {
  const Program *p;
  const char *const *paths;
  int n;
  const BatchOptions *o;
  ReportJsonRules *json_rules; // the program's part of every JSON record
  Job *units;
  int next;           // next unit to take
  int written;        // units written so far (by the writer)
  int window;
  pthread_mutex_t mu;
  pthread_cond_t cv;  // a unit finished, or the writer moved on
} Batch;

/* Checks unit [i] into its buffers; the data is freed before returning. */
static void check_unit(Batch *b, int i) {
  Job *u = &b->units[i];
  Diags d;
  diag_init(&d);
  d.color = b->o->diag_color;
  Submission s;
  const Program *p = b->p;
  // Of last year's submission, only the files the suite reads.
  LoadOptions lo = interp_load_options(p, b->o->prior);
  bool ok = load_submission_with(&s, b->paths[i], p->tables, p->n_tables, &lo,
                                 &d);
  buf_add(&u->err, d.out.s, d.out.len);
  if (!ok) {
    u->unreadable = true;
    u->totals.units_unreadable = 1;
    if (b->o->json)
      report_json_unreadable(&u->out, b->paths[i]);
  } else {
    Report r;
    interp_run(p, &s, &r);
    if (b->o->json)
      report_json(&u->out, &r, b->json_rules);
    else {
      if (i > 0)
        buf_putc(&u->out, '\n');
      report_text(&u->out, &r, b->o->color);
    }
    report_tally(&u->totals, &r);
    u->errors = report_has_errors(&r);
    u->fails = malloc((size_t)(p->n_rules + 1) * sizeof *u->fails);
    if (!u->fails)
      abort();
    for (int k = 0; k < p->n_rules; k++)
      if (r.results[k].outcome == OUT_FAIL)
        u->fails[u->n_fails++] = k;
    interp_report_free(&r);
  }
  load_free(&s);
  diag_free(&d);
}

static void *worker(void *arg) {
  Batch *b = arg;
  pthread_mutex_lock(&b->mu);
  for (;;) {
    while (b->next < b->n && b->next >= b->written + b->window)
      pthread_cond_wait(&b->cv, &b->mu);
    if (b->next >= b->n)
      break;
    int i = b->next++;
    pthread_mutex_unlock(&b->mu);
    check_unit(b, i);
    pthread_mutex_lock(&b->mu);
    b->units[i].done = true;
    pthread_cond_broadcast(&b->cv);
  }
  pthread_mutex_unlock(&b->mu);
  return NULL;
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* A one-line progress bar on a terminal, for batches longer than a second. */
static void progress(FILE *err, int done, int n, double start) {
  double t = now() - start;
  if (t < 1.0)
    return;
  int width = 30, fill = n ? done * width / n : width;
  fprintf(err, "\r[%.*s%*s] %d/%d units, %.0f/s ", fill,
          "##############################", width - fill, "", done, n,
          t > 0 ? done / t : 0.0);
  fflush(err);
}

void batch_run(const Program *p, const char *const *paths, int n,
               const BatchOptions *o, FILE *out, FILE *err, BatchResult *res) {
  memset(res, 0, sizeof *res);
  res->rule_fails = calloc((size_t)p->n_rules + 1, sizeof *res->rule_fails);
  Batch b = {0};
  b.p = p;
  b.paths = paths;
  b.n = n;
  b.o = o;
  b.json_rules = o->json ? report_json_rules(p) : NULL;
  b.units = calloc((size_t)n + 1, sizeof *b.units);
  if (!b.units || !res->rule_fails)
    abort();
  for (int i = 0; i < n; i++) {
    buf_init(&b.units[i].out);
    buf_init(&b.units[i].err);
  }
  int jobs = o->jobs < 1 ? 1 : o->jobs > n ? (n > 0 ? n : 1) : o->jobs;
  b.window = BATCH_WINDOW_PER_JOB * jobs;
  pthread_mutex_init(&b.mu, NULL);
  pthread_cond_init(&b.cv, NULL);
  // With one job the units are checked right here, in order: a worker
  // thread would only add a hand-over (two wake-ups) per unit.
  int threads = jobs > 1 ? jobs : 0;
  pthread_t *th = calloc((size_t)jobs, sizeof *th);
  if (!th)
    abort();
  for (int k = 0; k < threads; k++)
    if (pthread_create(&th[k], NULL, worker, &b) != 0) {
      fputs("fisc: error: cannot start a worker thread\n", err);
      exit(2);
    }
  double start = now();
  // Write the units in input order as they finish.
  for (int i = 0; i < n; i++) {
    if (threads) {
      pthread_mutex_lock(&b.mu);
      while (!b.units[i].done)
        pthread_cond_wait(&b.cv, &b.mu);
      pthread_mutex_unlock(&b.mu);
    } else {
      check_unit(&b, i);
    }
    Job *u = &b.units[i];
    if (o->progress && u->err.len)
      fputs("\r\033[K", err); // clear the bar before diagnostics
    fputs(u->err.s, err);
    fputs(u->out.s, out);
    fflush(out);
    res->totals.units += u->totals.units;
    res->totals.units_failed += u->totals.units_failed;
    res->totals.units_unreadable += u->totals.units_unreadable;
    res->totals.rules_passed += u->totals.rules_passed;
    res->totals.rules_failed += u->totals.rules_failed;
    res->totals.rules_skipped += u->totals.rules_skipped;
    res->totals.rules_errors += u->totals.rules_errors;
    res->any_errors |= u->errors;
    res->any_unreadable |= u->unreadable;
    for (int k = 0; k < u->n_fails; k++)
      res->rule_fails[u->fails[k]]++;
    free(u->fails);
    buf_free(&u->out);
    buf_free(&u->err);
    if (threads) {
      pthread_mutex_lock(&b.mu);
      b.written = i + 1;
      pthread_cond_broadcast(&b.cv);
      pthread_mutex_unlock(&b.mu);
    }
    if (o->progress)
      progress(err, i + 1, n, start);
  }
  for (int k = 0; k < threads; k++)
    pthread_join(th[k], NULL);
  if (o->progress && now() - start >= 1.0)
    fputs("\r\033[K", err);
  free(th);
  report_json_rules_free(b.json_rules);
  free(b.units);
  pthread_mutex_destroy(&b.mu);
  pthread_cond_destroy(&b.cv);
}
