/* runtime/report.h -- rendering results (prefix report_): the text report a
 * clerk reads (findings like compiler errors, with power-assert diagrams
 * under failed asserts) and JSON Lines for machines (docs/json.md). */
#ifndef FISC_REPORT_H
#define FISC_REPORT_H

#include <stdbool.h>

#include "lang/buf.h"
#include "runtime/interp.h"

typedef struct ReportTotals {
  int units, units_failed, units_unreadable;
  int rules_failed, rules_skipped, rules_errors, rules_passed;
} ReportTotals;

/* Appends the text report of one submission to [out]. */
void report_text(Buf *out, const Report *r, bool color);
/* The parts of a unit's JSON record that depend only on the program --
 * each rule's id, title, ref, severity and location -- rendered once for a
 * whole batch (report_json_rules) and shared read-only by its workers. */
typedef struct ReportJsonRules ReportJsonRules;
ReportJsonRules *report_json_rules(const Program *p);
void report_json_rules_free(ReportJsonRules *j);
/* Appends one JSON object (one line) for the submission to [out]; [pre]
 * comes from report_json_rules for the same program. */
void report_json(Buf *out, const Report *r, const ReportJsonRules *pre);
/* Appends a JSON object for a submission that could not be read. */
void report_json_unreadable(Buf *out, const char *dir);
/* True when [r] has a failed or errored rule of severity error. */
bool report_has_errors(const Report *r);
/* Adds [r]'s counts to [t]. */
void report_tally(ReportTotals *t, const Report *r);
void report_text_summary(Buf *out, const ReportTotals *t);
/* [top] is a JSON array of the rules that fail most ("[]" for none). */
void report_json_summary(Buf *out, const ReportTotals *t, const char *top);
/* Appends [s] ([n] bytes) as a JSON string literal. */
void report_json_string(Buf *out, const char *s, size_t n);

#endif
