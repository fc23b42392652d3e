/* runtime/slip.h -- diagnosing the slip behind a failed `≈` (prefix slip_).
 *
 * When a stated figure (a claim's hole, a cell) fails `≈` against a computed
 * share, growth or rate, the common slips of real documents are tried in
 * turn, and the first that reproduces the stated figure becomes a hint under
 * the finding -- never a pass (domain.md §4):
 *   1. the ratio this/last written as growth (250% for +150%);
 *   2. a fraction written as a percentage, or the reverse;
 *   3. the complement (100 − x);
 *   4. truncation instead of 四舍五入;
 *   5. a different whole or part from the same submission: another figure of
 *      the narrative or a table cell put in place of one input (named, with
 *      where it stands);
 *   6. for two figures that should agree, the stated one equals a different
 *      table cell (a 总计 written for a 合计, all funds for 财政拨款). */
#ifndef FISC_SLIP_H
#define FISC_SLIP_H

#include "runtime/interp.h"

/* Returns the hint for the failed [approx] (an AST_APPROX without a
 * tolerance whose trace is in [trace]), or NULL when no slip reproduces the
 * stated figure.  The string lives in the interpreter's arena. */
const char *slip_explain(Interp *I, const Ast *approx, const TraceItem *trace,
                         int n_trace);

#endif
