/* runtime/interp.h -- the evaluator (prefix interp_): runs a compiled
 * Program against one loaded Submission and records each rule's outcome and
 * findings in a Report.
 *
 * Evaluation is pure: the same program and data give the same values, so a
 * failed assert is simply evaluated again with tracing on to draw its
 * power-assert diagram (tracing costs nothing on the passing path). */
#ifndef FISC_INTERP_H
#define FISC_INTERP_H

#include "lang/program.h"
#include "runtime/load.h"
#include "runtime/value.h"

// OUT_NA: the rule's `since`/`until` years exclude the submission's year.
typedef enum { OUT_PASS, OUT_FAIL, OUT_SKIP, OUT_ERROR, OUT_NA } Outcome;

/* One value seen under a failed assert, for the diagram and for JSON. */
typedef struct TraceItem {
  const Ast *node;
  Value value;
} TraceItem;

typedef struct Finding {
  Outcome kind;          // OUT_FAIL, OUT_SKIP or OUT_ERROR
  Severity sev;          // the rule's, or warning for a claim not found
  const Rule *rule;
  const Ast *at;         // the assert
  const char *message;   // the rule's interpolated message, or a builtin's
  const char *missing;   // OUT_SKIP: the missing path
  const char *error;     // OUT_ERROR: what went wrong
  Src *err_src;          // OUT_ERROR: where
  Span err_span;
  const char *context;   // the loop row(s), e.g. 支出决算表["201"]
  const char *data_at;   // data file position of that row, "file:line"
  TraceItem *trace;      // OUT_FAIL: values of sub-expressions
  int n_trace;
  Src *narr_src;         // inside a claim: the narrative, and the span of
  Span narr_span;        // the match (or of the hole the assert reads)
  const char *hint;      // the slip that reproduces a stated figure
  bool not_found;        // a claim whose pattern is not in the narrative
} Finding;

typedef struct RuleResult {
  const Rule *rule;
  Outcome outcome;       // FAIL > ERROR > SKIP > PASS, over its asserts
  int n_checked;         // assert evaluations that passed or failed
  int n_failed, n_skipped, n_errors;
} RuleResult;

// Findings of one rule beyond this are counted but not listed: a rule that
// fails on every row of a big table says so once, not 5,000 times.
#define INTERP_MAX_FINDINGS_PER_RULE 50

typedef struct Report {
  Arena arena;            // everything the report points to
  const Program *prog;
  const Submission *sub;
  RuleResult *results;    // one per rule, in program order
  Finding *findings;
  int n_findings, cap_findings;
} Report;

/* Parses every number literal of [p] once, into its program arena.  Call it
 * before evaluating on several threads; interp_run calls it if need be. */
void interp_prepare(Program *p);
/* Evaluates every rule of [p] on [s] into [r] (initialised here; free with
 * interp_report_free). */
void interp_run(const Program *p, const Submission *s, Report *r);
/* How to load a submission for [p]: of last year's files only those its
 * rules read; last year's submission from [prior] (--prior) when not NULL.
 * `fisc check` and `fisc test` both load this way, so a fixture is read
 * as a submission would be. */
LoadOptions interp_load_options(const Program *p, const char *prior);
void interp_report_free(Report *r);

typedef struct Interp Interp;
/* For builtins: the arena for temporaries, and a way to attach a detail
 * finding (message) to the assert being evaluated -- rollup reports each
 * failing parent this way. */
Arena *interp_arena(Interp *I);
void interp_detail(Interp *I, const char *message);
const Submission *interp_submission(Interp *I);
/* The per-submission caches of other modules, one pointer slot each. */
typedef enum {
  INTERP_CACHE_FIGURES, // slip.c: every figure of the submission
  INTERP_CACHE_NORM,    // std_text.c: norm() of texts already seen
  INTERP_N_CACHES
} InterpCache;
/* A pointer slot that lives as long as the submission's evaluation, for a
 * module's per-submission cache; starts NULL. */
void **interp_cache(Interp *I, InterpCache which);
/* The compiled program (for builtins that look up tables by name). */
const Program *interp_program(Interp *I);
/* The submission's narrative as a VAL_DOC, or missing. */
Value interp_doc(Interp *I);
/* For slip.c: evaluates [e] again with every use of [leaf] (the same name
 * binding, or the same node) replaced by [v].  Tracing and details are off. */
Value interp_eval_replacing(Interp *I, const Ast *e, const Ast *leaf, Value v);
/* The text of a key or code value: a string as it is, a whole number
 * written plainly (so T[2080505] finds "2080505").  False for other kinds. */
bool interp_text_of(Interp *I, Value v, const char **s, uint32_t *len);
/* Returns an evaluation error value located at [at]. */
Value interp_error(Interp *I, const Ast *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
