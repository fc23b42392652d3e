/* runtime/testrun.h -- `fisc test SUITE` (prefix testrun_): runs the suite's
 * `test` blocks (from its *_test.fisc files) and reports like a test runner.
 *
 *   test "N-05 fires on a wrong share" {
 *       with fixture "fixtures/base"          # a submission folder
 *       with 说明 replace "56.7%" by "52.7%"  # edit the narrative
 *       with 支出决算表["合计"].基本支出 = 484.60   # set a cell (row created)
 *       with drop 支出决算表["201"]            # remove a row / a table / 说明
 *       expect fail N-05                       # fail | pass | skip
 *   }
 */
#ifndef FISC_TESTRUN_H
#define FISC_TESTRUN_H

#include <stdbool.h>
#include <stdio.h>

#include "lang/program.h"

/* Runs every test of [p] (loaded with program_load_tests), writing each
 * test's outcome and a closing "N passed, M failed" line to [out].  With
 * [coverage], also lists the rules that no test makes fire or pass.
 * Returns the exit status: 0 all passed (and, with coverage, every rule
 * covered both ways), 1 otherwise. */
int testrun_suite(const Program *p, bool coverage, FILE *out, FILE *err);

#endif
