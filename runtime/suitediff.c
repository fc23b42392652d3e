/* runtime/suitediff.c -- `fisc diff OLD NEW` (prefix suitediff_).
 *
 * Rules are matched by ID (an ID is kept across years).  A rule's body is
 * compared as written, ignoring white space and `#` comments, so
 * reformatting or commenting a rule is not a change. */
#include "runtime/suitediff.h"

#include <stdlib.h>
#include <string.h>

#include "lang/program.h"
#include "stdlib/std.h"

/* The rule's source without white space and comments (in [a]). */
static const char *body_key(Arena *a, const Rule *r) {
  const Ast *ast = r->ast;
  const char *s = ast->src->bytes + ast->span.off;
  uint32_t n = ast->span.len;
  char *out = arena_alloc(a, n + 1);
  uint32_t k = 0;
  bool in_str = false;
  for (uint32_t i = 0; i < n; i++) {
    char c = s[i];
    if (in_str) {
      out[k++] = c;
      if (c == '\\' && i + 1 < n)
        out[k++] = s[++i];
      else if (c == '"')
        in_str = false;
      continue;
    }
    if (c == '"') {
      in_str = true;
      out[k++] = c;
    } else if (c == '#') {
      while (i < n && s[i] != '\n')
        i++;
    } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
      out[k++] = c;
    }
  }
  out[k] = '\0';
  return out;
}

static const Rule *find(const Program *p, const char *id) {
  for (int i = 0; i < p->n_rules; i++)
    if (strcmp(p->rules[i].id, id) == 0)
      return &p->rules[i];
  return NULL;
}

static const TableDecl *find_table(const Program *p, const char *name) {
  for (int i = 0; i < p->n_tables; i++)
    if (strcmp(p->tables[i]->name, name) == 0)
      return p->tables[i];
  return NULL;
}

static bool has_col(const TableDecl *t, const char *name) {
  for (int i = 0; i < t->n_cols; i++)
    if (strcmp(t->cols[i].name, name) == 0)
      return true;
  return false;
}

static const char *sev(Severity s) {
  return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "info";
}

static void tables(const Program *a, const Program *b, FILE *out) {
  int n = 0;
  for (int i = 0; i < b->n_tables; i++) {
    const TableDecl *tb = b->tables[i];
    const TableDecl *ta = find_table(a, tb->name);
    if (!ta) {
      fprintf(out, "%s  + table %s\n", n++ ? "" : "tables:\n", tb->name);
      continue;
    }
    for (int k = 0; k < tb->n_cols; k++) {
      const ColDecl *c = &tb->cols[k];
      if (has_col(ta, c->name))
        continue;
      if (c->renamed_from && has_col(ta, c->renamed_from))
        fprintf(out, "%s  %s: column %s renamed to %s\n",
                n++ ? "" : "tables:\n", tb->name, c->renamed_from, c->name);
      else
        fprintf(out, "%s  %s: + column %s\n", n++ ? "" : "tables:\n",
                tb->name, c->name);
    }
    for (int k = 0; k < ta->n_cols; k++) {
      const char *name = ta->cols[k].name;
      bool renamed = false;
      for (int j = 0; j < tb->n_cols; j++)
        renamed |= tb->cols[j].renamed_from &&
                   strcmp(tb->cols[j].renamed_from, name) == 0;
      if (!has_col(tb, name) && !renamed)
        fprintf(out, "%s  %s: − column %s\n", n++ ? "" : "tables:\n",
                ta->name, name);
    }
  }
  for (int i = 0; i < a->n_tables; i++)
    if (!find_table(b, a->tables[i]->name))
      fprintf(out, "%s  − table %s\n", n++ ? "" : "tables:\n",
              a->tables[i]->name);
  if (n)
    fputc('\n', out);
}

int suitediff_main(int argc, char **argv, FILE *out, FILE *err) {
  if (argc != 2) {
    fputs("fisc: error: `diff` needs OLD-SUITE and NEW-SUITE\n", err);
    return 2;
  }
  Diags d;
  diag_init(&d);
  Program *a = program_load(argv[0], std_sigs, std_count, &d);
  Program *b = a ? program_load(argv[1], std_sigs, std_count, &d) : NULL;
  fputs(d.out.s, err);
  diag_free(&d);
  if (!a || !b) {
    program_free(a);
    program_free(b);
    return 2;
  }
  Arena ar;
  arena_init(&ar);
  fprintf(out, "%s → %s\n\n", argv[0], argv[1]);
  tables(a, b, out);
  int n = 0;
  for (int i = 0; i < b->n_rules; i++)
    if (!find(a, b->rules[i].id))
      fprintf(out, "%s  + %-8s %s\n", n++ ? "" : "rules added:\n",
              b->rules[i].id, b->rules[i].title);
  if (n)
    fputc('\n', out);
  int added = n;
  n = 0;
  for (int i = 0; i < a->n_rules; i++) {
    const Rule *ra = &a->rules[i];
    if (find(b, ra->id))
      continue;
    const char *reason = NULL;
    for (int k = 0; k < b->n_dropped; k++)
      if (strcmp(b->dropped[k].id, ra->id) == 0)
        reason = b->dropped[k].reason;
    fprintf(out, "%s  − %-8s %s%s%s\n", n++ ? "" : "rules dropped:\n", ra->id,
            ra->title, reason ? " — " : "", reason ? reason : "");
  }
  if (n)
    fputc('\n', out);
  int dropped = n;
  n = 0;
  for (int i = 0; i < b->n_rules; i++) {
    const Rule *rb = &b->rules[i];
    const Rule *ra = find(a, rb->id);
    if (!ra)
      continue;
    Buf what;
    buf_init(&what);
    if (strcmp(ra->title, rb->title) != 0)
      buf_printf(&what, "; title was “%s”", ra->title);
    if (ra->sev != rb->sev)
      buf_printf(&what, "; severity %s → %s", sev(ra->sev), sev(rb->sev));
    if (ra->since != rb->since || ra->until != rb->until)
      buf_printf(&what, "; years changed");
    if (strcmp(body_key(&ar, ra), body_key(&ar, rb)) != 0 && what.len == 0)
      buf_printf(&what, "; body changed");
    else if (strcmp(body_key(&ar, ra), body_key(&ar, rb)) != 0)
      buf_printf(&what, "; body changed");
    if (what.len)
      fprintf(out, "%s  ~ %-8s %s (%s)\n", n++ ? "" : "rules changed:\n",
              rb->id, rb->title, what.s + 2);
    buf_free(&what);
  }
  if (n)
    fputc('\n', out);
  fprintf(out, "%d added, %d dropped, %d changed; %d rules in %s\n", added,
          dropped, n, b->n_rules, argv[1]);
  arena_free(&ar);
  program_free(a);
  program_free(b);
  return 0;
}
