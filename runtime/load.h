/* runtime/load.h -- reading a submission folder (prefix load_).
 *
 * A submission is a folder: one <table name>.csv per declared table, and
 * unit.csv (name,code,year or 单位名称,单位编码,年度), the narrative
 * 说明.txt (or 说明.md), decoded like the CSV files, and optionally last
 * year's submission as the folder prior/ (read the same way, but only the
 * files a rule reads: LoadOptions).  CSV files may be UTF-8
 * (with or without BOM) or GBK/GB18030 (detected: not valid UTF-8 -> converted
 * with iconv); UTF-16 is refused with a clear error.  Title lines above the
 * header (表名, 公开03表, 部门：…, 金额单位：万元) are skipped; the 金额单位 is read
 * and amounts converted exactly to the declared unit.  Every problem is
 * reported through Diags as path:line:col: error: … */
#ifndef FISC_LOAD_H
#define FISC_LOAD_H

#include <stdbool.h>

#include "lang/arena.h"
#include "lang/diag.h"
#include "lang/schema.h"
#include "runtime/table.h"

// Files larger than this are refused before reading: a real table is < 1 MB.
#define LOAD_MAX_FILE_BYTES (64u * 1024 * 1024)
// Rows per table beyond which a file is refused (no real table comes close).
#define LOAD_MAX_ROWS 1000000u

typedef struct UnitInfo {
  const char *name; // 单位名称, or NULL if unit.csv is absent
  const char *code; // 单位编码
  const char *year; // 年度, as written
} UnitInfo;

struct Narrative;

typedef struct Submission {
  const char *dir;  // folder path as given
  Arena arena;      // data arena: tables, rows, cells, numbers
  Table **tables;   // one per declared table, NULL when the file is absent
  int n_tables;
  Src **srcs;       // every Src loaded (freed by load_free)
  int n_srcs, cap_srcs;
  UnitInfo unit;
  struct Narrative *narrative; // 说明.txt (or 说明.md), NULL when absent (or,
                               // last year's, until load_narrative)
  Src *narrative_src;          // its text, decoded
  struct Submission *prior;    // last year's submission, NULL when absent
  bool is_prior;               // this is someone's prior (no prior of its own)
  bool no_auto_prior;          // do not read dir/prior (--prior was given)
} Submission;

/* What load_submission_with reads besides the folder itself. */
typedef struct LoadOptions {
  const char *prior;        // last year's submission is read from here, not
                            // from DIR/prior (then not read at all): --prior
  // Last year's files that no rule reads are not read at all: they cost
  // nothing, and a fault in one is not reported (no rule could meet it).
  // With [prior_selected], last year's table decls[i] is read only when
  // prior_tables[i], and its 说明.txt only when [prior_narrative]; without
  // it, every file of last year's is read.
  bool prior_selected;
  const bool *prior_tables; // [n] flags (Program.prior_tables)
  bool prior_narrative;     // Program.prior_narrative
} LoadOptions;

/* Loads [dir] against the [n] declarations in [decls] (decls[i]->index == i).
 * Returns true when everything was read; false when an error was reported to
 * [d] (the submission cannot be checked).  A declared table whose file is
 * absent is left NULL (missing), not an error.  Always call load_free. */
bool load_submission(Submission *s, const char *dir, TableDecl *const *decls,
                     int n, Diags *d);
void load_free(Submission *s);
/* The submission's narrative, normalised and outlined on first use (last
 * year's is read only when a rule asks for prior.说明); NULL if absent. */
struct Narrative *load_narrative(Submission *s);
/* load_submission, with last year's submission read from [prior] instead
 * of [dir]/prior (which is then not read at all): `--prior PATH`. */
bool load_submission_with_prior(Submission *s, const char *dir,
                                const char *prior, TableDecl *const *decls,
                                int n, Diags *d);
/* load_submission with the choices in [o] (NULL: as load_submission). */
bool load_submission_with(Submission *s, const char *dir,
                          TableDecl *const *decls, int n,
                          const LoadOptions *o, Diags *d);
/* Loads last year's submission from [dir] into s->prior (replacing the
 * prior/ folder's, if any): `--prior PATH`.  Returns false after reporting
 * errors. */
bool load_prior(Submission *s, const char *dir, TableDecl *const *decls,
                int n, Diags *d);

/* Reads one CSV table from [src] (already loaded; converted to UTF-8 in place
 * if it was GBK) against [decl].  Returns NULL after reporting to [d]. The
 * table is allocated in [a] and keeps a pointer to [src]. */
Table *load_table(Arena *a, Src *src, const TableDecl *decl, Diags *d);

/* Converts [src]'s bytes to UTF-8 in place: strips a UTF-8 BOM, refuses
 * UTF-16/32 (BOM or NUL bytes), and converts GB18030 when the bytes are not
 * valid UTF-8.  Returns false after reporting to [d]. */
bool load_decode(Src *src, Diags *d);
/* The same for a text (the narrative): the messages speak of text, not of
 * CSV and Excel. */
bool load_decode_text(Src *src, Diags *d);

#endif
