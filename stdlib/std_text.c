/* stdlib/std_text.c -- builtins over the narrative and dates: mentions
 * section has_section year report_year.
 *
 * Text given to mentions/section is normalised like the narrative (NFKC,
 * white space removed), so "政府采购" finds "政府\n采购" in PDF text. */
#define _GNU_SOURCE // memmem
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lang/norm.h"
#include "runtime/narrative.h"
#include "stdlib/std.h"

/* A document argument, or the submission's narrative when [v] is text (the
 * one-argument forms). */
static bool doc_arg(Interp *I, const Ast *call, Value v, Value *doc,
                    Value *err) {
  if (v.kind == VAL_DOC) {
    *doc = v;
    return true;
  }
  *err = interp_error(I, call, "`%s` reads a narrative such as `说明`",
                      call->name);
  return false;
}

static bool text_arg(Interp *I, const Ast *call, Value v, Value *err) {
  if (v.kind == VAL_STR)
    return true;
  *err = interp_error(I, call, "`%s` needs text here", call->name);
  return false;
}

/* mentions(doc, "text"): the text occurs in the document (or section). */
Value std_mentions(Interp *I, const Ast *call, Value *args, int n) {
  (void)n;
  Value doc, err;
  if (!doc_arg(I, call, args[0], &doc, &err) ||
      !text_arg(I, call, args[1], &err))
    return err;
  Norm q;
  norm_text(interp_arena(I), args[1].str, args[1].len, 0, false, &q);
  if (q.len == 0)
    return val_bool(true);
  const char *hay = doc.doc->norm.text + doc.from;
  size_t hay_len = doc.to - doc.from;
  return val_bool(memmem(hay, hay_len, q.text, q.len) != NULL);
}

/* section("title") or section(doc, "title"): the first section whose
 * heading contains the title; missing when there is none. */
Value std_section(Interp *I, const Ast *call, Value *args, int n) {
  Value doc, err;
  Value title = args[n - 1];
  if (n == 2) {
    if (!doc_arg(I, call, args[0], &doc, &err))
      return err;
  } else {
    doc = interp_doc(I);
    if (doc.kind != VAL_DOC)
      return doc;
  }
  if (!text_arg(I, call, title, &err))
    return err;
  int k = narrative_section(doc.doc, title.str, title.len, interp_arena(I));
  if (k < 0 || doc.doc->sections[k].start < doc.from ||
      doc.doc->sections[k].end > doc.to)
    return val_missing(arena_sprintf(interp_arena(I), "说明 section “%.*s”",
                                     (int)title.len, title.str));
  doc.from = doc.doc->sections[k].start;
  doc.to = doc.doc->sections[k].end;
  return doc;
}

/* has_section("title") or has_section(doc, "title"): whether a heading
 * contains the title; missing (not false) when there is no narrative. */
Value std_has_section(Interp *I, const Ast *call, Value *args, int n) {
  Value v = std_section(I, call, args, n);
  if (v.kind == VAL_DOC)
    return val_bool(true);
  if (v.kind == VAL_MISSING && (n == 2 || interp_doc(I).kind == VAL_DOC))
    return val_bool(false);
  return v;
}

/* year("2020年12月31日") = 2020: the first run of four digits. */
Value std_year(Interp *I, const Ast *call, Value *args, int n) {
  (void)n;
  Value err;
  if (args[0].kind == VAL_NUM)
    return args[0];
  if (!text_arg(I, call, args[0], &err))
    return err;
  const char *s = args[0].str;
  for (uint32_t i = 0; i + 4 <= args[0].len; i++) {
    bool four = true;
    for (int k = 0; k < 4; k++)
      four = four && s[i + k] >= '0' && s[i + k] <= '9';
    bool longer = (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9') ||
                  (i + 4 < args[0].len && s[i + 4] >= '0' && s[i + 4] <= '9');
    if (four && !longer)
      return val_num(num_from_long(interp_arena(I), strtol(s + i, NULL, 10)),
                     UNIT_NONE);
  }
  return interp_error(I, call, "no year in `%.*s`", (int)args[0].len, s);
}

/* report_year(): the fiscal year of the submission, from unit.csv. */
Value std_report_year(Interp *I, const Ast *call, Value *args, int n) {
  (void)args;
  (void)n;
  const char *y = interp_submission(I)->unit.year;
  if (!y)
    return val_missing("unit.csv 年度");
  NumParseError e;
  Num *v = num_parse(interp_arena(I), y, (uint32_t)strlen(y), &e);
  if (!v)
    return interp_error(I, call, "unit.csv gives the year as `%s`", y);
  return val_num(v, UNIT_NONE);
}

/* The normal forms norm() has given during one submission's evaluation,
 * by the text's address and length.  Within an evaluation no text moves or
 * is freed (the data and report arenas are released only after it), so
 * the same address and length mean the same bytes; the length is part of
 * the key because parent() gives a code's own first bytes.  Open
 * addressing, capacity a power of two, at most half full. */
typedef struct NormEntry {
  const char *s;   // NULL: empty slot
  uint32_t len;
  uint32_t out_len;
  const char *out;
} NormEntry;

typedef struct NormMemo {
  NormEntry *e;
  uint32_t cap, n;
} NormMemo;

#define NORM_MEMO_FIRST 256

static uint32_t memo_slot(const NormMemo *m, const char *s, uint32_t len) {
  uint64_t h = ((uint64_t)(uintptr_t)s ^ ((uint64_t)len << 48)) *
               0x9E3779B97F4A7C15u;
  uint32_t i = (uint32_t)(h >> 32) & (m->cap - 1);
  while (m->e[i].s && (m->e[i].s != s || m->e[i].len != len))
    i = (i + 1) & (m->cap - 1);
  return i;
}

// Doubles [m]'s table (or makes the first), re-placing every entry.
static void memo_grow(Arena *a, NormMemo *m) {
  NormMemo g = {0};
  g.cap = m->cap ? m->cap * 2 : NORM_MEMO_FIRST;
  g.e = arena_zalloc(a, g.cap * sizeof *g.e);
  for (uint32_t k = 0; k < m->cap; k++)
    if (m->e[k].s)
      g.e[memo_slot(&g, m->e[k].s, m->e[k].len)] = m->e[k];
  g.n = m->n;
  *m = g;
}

/* norm("…"): the text in the narrative's normal form (NFKC, no white
 * space), so a table's 科目名称 compares with a name read from the prose:
 * norm("政府办公厅（室）") == "政府办公厅(室)".  A rule calls it on every
 * row of a table for every claim it checks: each text is normalised once
 * per submission (NormMemo), and one that is its own normal form already
 * (nearly every name) is returned as it is, uncopied. */
Value std_norm(Interp *I, const Ast *call, Value *args, int n) {
  (void)n;
  Value err;
  if (!text_arg(I, call, args[0], &err))
    return err;
  const char *s = args[0].str;
  uint32_t len = args[0].len;
  if (len == 0)
    return args[0]; // also keeps a NULL address out of the memo
  NormMemo **slot = (NormMemo **)interp_cache(I, INTERP_CACHE_NORM);
  if (!*slot)
    *slot = arena_zalloc(interp_arena(I), sizeof **slot);
  NormMemo *m = *slot;
  if (2 * (m->n + 1) > m->cap)
    memo_grow(interp_arena(I), m);
  uint32_t i = memo_slot(m, s, len);
  NormEntry *e = &m->e[i];
  if (!e->s) {
    e->s = s;
    e->len = len;
    if (norm_is_normal(s, len)) {
      e->out = s;
      e->out_len = len;
    } else {
      Norm q;
      norm_text(interp_arena(I), s, len, 0, false, &q);
      e->out = q.text;
      e->out_len = q.len;
    }
    m->n++;
  }
  return val_str(e->out, e->out_len);
}
