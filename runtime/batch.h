/* runtime/batch.h -- checking many submissions (prefix batch_): the rules
 * are compiled once; N worker threads each load a unit into its own arenas,
 * evaluate it, render its report and release its data; the reports are
 * written in input order, so the output is byte-identical for any N.  The
 * number of units finished but not yet written is bounded, so memory does
 * not grow with the batch. */
#ifndef FISC_BATCH_H
#define FISC_BATCH_H

#include <stdbool.h>
#include <stdio.h>

#include "lang/program.h"
#include "runtime/report.h"

// Worker threads at most: far beyond any machine's cores, and a typo guard.
#define BATCH_MAX_JOBS 256

typedef struct BatchOptions {
  int jobs;              // worker threads (>= 1)
  bool json;             // JSON Lines instead of text
  bool color;            // colour in the text report
  bool diag_color;       // colour in diagnostics
  bool progress;         // a progress bar on [err] (a terminal)
  const char *prior;     // --prior PATH for every unit, or NULL
} BatchOptions;

typedef struct BatchResult {
  ReportTotals totals;
  int *rule_fails;       // per rule: units where it failed (malloc'd)
  bool any_errors;       // a unit with an error-severity finding
  bool any_unreadable;   // a unit that could not be read
} BatchResult;

/* Checks the [n] submissions at [paths] against [p] (prepared), writing each
 * report to [out] in input order and diagnostics to [err] (each unit's
 * together).  Fills [res]; free res->rule_fails. */
void batch_run(const Program *p, const char *const *paths, int n,
               const BatchOptions *o, FILE *out, FILE *err, BatchResult *res);

#endif
