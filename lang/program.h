/* lang/program.h -- a compiled rule suite (prefix program_): every file
 * reached from the RULES path through imports, its tables, lets and rules,
 * resolved and checked.  Compiled once, evaluated against many submissions;
 * nothing in it changes during evaluation, so threads may share it. */
#ifndef FISC_PROGRAM_H
#define FISC_PROGRAM_H

#include "lang/arena.h"
#include "lang/ast.h"
#include "lang/diag.h"
#include "lang/schema.h"

// What a builtin returns, for the checker's types.
typedef enum {
  RET_SAME,  // the unit of its first argument (abs, round, sum, min, max, avg)
  RET_PCT,   // a percentage (pct, growth)
  RET_PLAIN, // a plain number (ratio, count, level)
  RET_BOOL,  // exists, rollup
  RET_STR,   // parent
  RET_ROWS,  // children
  RET_DOC    // section
} BuiltinRet;

// Flags of a builtin's signature.
enum {
  BI_AGGREGATE = 1, // takes `E for x in T [where C]` as its argument
  BI_COLUMN2 = 2,   // the second argument names a column of the first (table)
  BI_TABLE1 = 4,    // the first argument must be a table
  BI_LAZY = 8       // arguments may be missing without making it missing
};

/* The checker's view of a builtin; the runtime supplies the table (stdlib),
 * since lang/ must not depend on runtime/. */
typedef struct BuiltinSig {
  const char *name;
  int min_args, max_args;
  BuiltinRet ret;
  unsigned flags;
} BuiltinSig;

typedef struct Global {
  const char *name;
  Ast *let;   // AST_LET
  int state;  // resolver: 0 new, 1 resolving, 2 done
  int n_slots; // its own frame: the variables of its generators
} Global;

typedef struct Rule {
  Ast *ast;          // AST_RULE
  const char *id;
  const char *title;
  Severity sev;
  const char *ref;   // `ref "…"`: the document the rule rests on, or NULL
  const Ast *tags;   // AST_TAGS, or NULL
  int since, until;  // fiscal years it applies to (0 = open)
  bool overridden;   // replaced by `override rule` in a later file
  int n_slots;       // locals in the rule's frame
} Rule;

// A rule removed by `drop rule ID "reason"`.
typedef struct Dropped {
  const char *id;
  const char *reason;
  const Ast *at;     // the AST_DROP
} Dropped;

typedef struct Program {
  Arena arena;            // AST, names, decls (program lifetime)
  Src **srcs;             // every rule file read (owned)
  int n_srcs, cap_srcs;
  TableDecl **tables;
  int n_tables;
  Global *globals;
  int n_globals;
  Rule *rules;
  int n_rules;
  const BuiltinSig *builtins;
  int n_builtins;
  Ast **literals;         // every number literal, parsed once by the runtime
  int n_literals, cap_literals;
  bool prepared;          // the runtime has parsed the literals (Ast.aux)
  Dropped *dropped;       // `drop rule`s, in reading order
  int n_dropped;
  Ast **tests;            // AST_TEST blocks (only when loaded with tests)
  int n_tests;
  // What the suite reads of last year's submission (check.c marks every
  // `prior.X` it resolves, in rules, lets, messages and tests alike): the
  // loader reads no other file of prior/ but unit.csv.
  bool *prior_tables;     // prior_tables[i]: `prior.<tables[i]>` is read
  bool prior_narrative;   // `prior.说明` is read
} Program;

// Names of the submission's documents and of last year's submission in
// rules: they need no declaration.
#define PROGRAM_NARRATIVE "说明"
#define PROGRAM_PRIOR "prior"

/* Reads the rule file or folder at [path] with everything it imports, then
 * resolves and checks it.  Returns NULL after reporting to [d] when anything
 * is wrong (the suite cannot run).  Free with program_free. */
Program *program_load(const char *path, const BuiltinSig *builtins, int nb,
                      Diags *d);
/* The same, also reading the `*_test.fisc` files of folders (their `test`
 * blocks end up in Program.tests), for `fisc test`. */
Program *program_load_tests(const char *path, const BuiltinSig *builtins,
                            int nb, Diags *d);

// The marker file that makes a folder the top of a rules tree: imports may
// not leave it.  rules/.fisc-root lets rules/2021/hubei import rules/2021.
#define PROGRAM_ROOT_MARKER ".fisc-root"

typedef struct ProgramOptions {
  bool with_tests;     // read *_test.fisc files of the suite folder
  bool allow_outside;  // --allow-import-outside: no limit on imports
} ProgramOptions;

/* program_load with options.  Imports are refused when absolute or when they
 * leave the top of the rules tree: the nearest folder at or above RULES that
 * holds PROGRAM_ROOT_MARKER, or else RULES's own folder. */
Program *program_load_with(const char *path, const BuiltinSig *builtins,
                           int nb, Diags *d, const ProgramOptions *o);
void program_free(Program *p);

/* Resolves names and checks types in the parsed [items] (check.c).  Returns
 * false after reporting errors. */
bool check_program(Program *p, Ast **items, int n, Diags *d);

#endif
