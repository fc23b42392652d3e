/* runtime/suitediff.h -- `fisc diff OLD NEW` (prefix suitediff_): what
 * changed between two rule suites (two fiscal years, a base and a province):
 * tables and columns added, renamed or dropped; rules added, dropped (with
 * the `drop rule` reason) and changed (title, severity, years or body). */
#ifndef FISC_SUITEDIFF_H
#define FISC_SUITEDIFF_H

#include <stdio.h>

/* Runs `fisc diff` with [argv] = {OLD, NEW}.  Returns 0, or 2 when a suite
 * cannot be read. */
int suitediff_main(int argc, char **argv, FILE *out, FILE *err);

#endif
