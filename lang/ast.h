/* lang/ast.h -- syntax tree of the rules language (prefix ast_).
 *
 * One node type for every construct; which fields a kind uses is listed
 * beside the kind.  Nodes live in the program arena.  The resolver
 * (check.c) fills the "resolved" fields in place; the evaluator reads them. */
#ifndef FISC_AST_H
#define FISC_AST_H

#include <stdbool.h>
#include <stdint.h>

#include "lang/schema.h"
#include "lang/src.h"
#include "lang/tok.h"
#include "lang/unit.h"

typedef enum {
  // ---- expressions
  AST_NUMBER,   // text/len: the literal without unit; unit
  AST_STRING,   // str/str_len: decoded text
  AST_BOOL,     // true / false: is_key holds the value
  AST_NAME,     // name; resolved: ref, index
  AST_MEMBER,   // a.name; resolved: index (column) or -1
  AST_INDEX,    // a[b]
  AST_CALL,     // name(list); resolved: index (builtin id)
  AST_GEN,      // a for name in b [where c]  (aggregate argument); slot
  AST_PAREN,    // (a)
  AST_NEG,      // -a
  AST_NOT,      // not a
  AST_ADD, AST_SUB, AST_MUL, AST_DIV,
  AST_EQ, AST_NE, AST_LT, AST_LE, AST_GT, AST_GE,
  AST_APPROX,   // a ≈ b, or a ≈ b ± c when c is set
  AST_AND, AST_OR,
  AST_COALESCE, // a ?? b
  AST_IF,       // if a then b else c
  AST_IN,       // a in b (b a list)
  AST_LISTLIT,  // [list]
  // ---- statements and items
  AST_LIST,     // list/n: generic list
  AST_ASSERT,   // assert a [else msg]; msg parts in list
  AST_LET,      // let name = a; resolved: ref + index/slot
  AST_FOR,      // for name in a [where b]: list; slot
  AST_REF,      // ref "document": str
  AST_TAGS,     // tags "a", "b": list of AST_STRING
  AST_SINCE,    // since 2021: str (the year as written)
  AST_UNTIL,    // until 2022
  AST_CLAIM,    // claim [all|?] a "str" [in section b]; aux Pattern; index
                // = first hole slot; flags CLAIM_*
  AST_RULE,     // rule name(id) title severity { list }
  AST_TABLE,    // table name { list of AST_COLUMN }
  AST_COLUMN,   // name : coltype; is_key
  AST_IMPORT,   // import str
  AST_OVERRIDE, // override a (a rule or a let)
  AST_DROP,     // drop rule name "str" (the reason)
  AST_ALTER,    // alter table name { list of AST_ALTER_* }
  AST_ALTER_ADD,    // add name : coltype (index = ColKind, unit)
  AST_ALTER_RENAME, // rename name to str
  AST_ALTER_DROP,   // drop name
  AST_TEST,     // test "str" { list }
  AST_WITH_FIXTURE, // with fixture "str"
  AST_WITH_SET,     // with a = b
  AST_WITH_DROP,    // with drop a
  AST_WITH_REPLACE, // with a replace "str" by b (AST_STRING)
  AST_EXPECT        // expect fail|pass|skip name; flags = Outcome-like
} AstKind;

// What `expect` asks of a rule (AST_EXPECT.flags).
enum { EXPECT_PASS, EXPECT_FAIL, EXPECT_SKIP };

// What a name refers to (AST_NAME after resolution).
typedef enum {
  REF_NONE,
  REF_TABLE,  // index = TableDecl.index
  REF_GLOBAL, // index = global let number
  REF_LOCAL,  // index = slot in the rule's frame
  REF_DOC,    // index = a submission document (0 = 说明, the narrative)
  REF_PRIOR   // last year's submission (`prior`); members are tables/说明
} RefKind;

// AST_CLAIM modes.
enum {
  CLAIM_ALL = 1,      // the rest of the rule runs once per match
  CLAIM_OPTIONAL = 2  // not found: the rule is skipped, not a finding
};

typedef enum { SEV_ERROR, SEV_WARNING, SEV_INFO } Severity;

// Static type, as far as the checker can tell.
typedef enum {
  TY_UNKNOWN, TY_NUM, TY_BOOL, TY_STR, TY_TABLE, TY_ROW, TY_ROWS, TY_DOC,
  TY_LIST, TY_PRIOR
} TypeKind;

typedef struct Type {
  TypeKind kind;
  Unit unit;                // TY_NUM; UNIT_NONE when unknown or plain
  bool unit_known;          // the unit is certain (from a schema/literal)
  const TableDecl *table;   // TY_TABLE / TY_ROW / TY_ROWS when known
} Type;

typedef struct Ast Ast;
struct Ast {
  AstKind kind;
  Src *src;
  Span span;         // the whole construct
  Span op;           // operator, keyword or name: the power-assert anchor
  Ast *a, *b, *c;    // children, per kind
  Ast **list;        // AST_LIST items; AST_CALL args; blocks
  int n, cap;
  const char *name;  // identifiers (NUL-terminated), rule ID, import path
  const char *str;   // decoded string literal, rule title
  uint32_t str_len;
  Unit unit;         // AST_NUMBER suffix
  Severity sev;      // AST_RULE
  bool is_key;       // AST_COLUMN
  int flags;         // AST_CLAIM: CLAIM_*
  Tok coltype;       // AST_COLUMN: the written type
  // ---- filled in by the resolver
  RefKind ref;
  int index;         // table, global, column, builtin or local slot
  Type type;
  bool prior;        // AST_MEMBER on `prior`: the table/说明 of last year
  Ast *interp;       // AST_ASSERT: list of message parts (AST_STRING/expr)
  void *aux;         // resolver/evaluator data (e.g. TableDecl of AST_TABLE)
};

struct ParseCtx;
Ast *ast_list(struct ParseCtx *pc);
Ast *ast_push(struct ParseCtx *pc, Ast *list, Ast *item);
Ast *ast_import(struct ParseCtx *pc, Tok path);
Ast *ast_let(struct ParseCtx *pc, Tok kw, Tok name, Ast *e);
Ast *ast_table(struct ParseCtx *pc, Tok name, Ast *cols, Tok end);
Ast *ast_column(struct ParseCtx *pc, Tok name, Tok type, const Tok *key);
Ast *ast_rule(struct ParseCtx *pc, Tok id, Tok title, Tok sev, Ast *body,
              Tok end);
Ast *ast_assert(struct ParseCtx *pc, Tok kw, Ast *e, const Tok *msg);
Ast *ast_for(struct ParseCtx *pc, Tok kw, Tok name, Ast *coll, Ast *where,
             Ast *body);
Ast *ast_claim(struct ParseCtx *pc, Tok kw, int flags, Ast *source, Tok pat,
               Ast *section);
Ast *ast_claim_section(struct ParseCtx *pc, Tok word, Tok title);
Ast *ast_ref(struct ParseCtx *pc, Tok kw, Tok doc);
Ast *ast_meta(struct ParseCtx *pc, AstKind k, Tok kw, Ast *list);
Ast *ast_year(struct ParseCtx *pc, AstKind k, Tok kw, Tok year);
Ast *ast_listlit(struct ParseCtx *pc, Ast *items, Tok open, Tok close);
Ast *ast_override(struct ParseCtx *pc, Ast *item);
Ast *ast_drop(struct ParseCtx *pc, Tok kw, Tok id, Tok reason);
Ast *ast_alter(struct ParseCtx *pc, Tok kw, Tok name, Ast *alters, Tok end);
Ast *ast_alter_add(struct ParseCtx *pc, Tok kw, Tok name, Tok type);
Ast *ast_alter_rename(struct ParseCtx *pc, Tok kw, Tok old, Tok name);
Ast *ast_alter_drop(struct ParseCtx *pc, Tok kw, Tok name);
Ast *ast_test(struct ParseCtx *pc, Tok kw, Tok name, Ast *body, Tok end);
Ast *ast_with_fixture(struct ParseCtx *pc, Tok kw, Tok word, Tok path);
Ast *ast_with_set(struct ParseCtx *pc, Tok kw, Ast *target, Ast *value);
Ast *ast_with_drop(struct ParseCtx *pc, Tok kw, Ast *target);
Ast *ast_with_replace(struct ParseCtx *pc, Tok kw, Ast *target, Tok w1,
                      Tok old, Tok w2, Tok new_text);
Ast *ast_expect(struct ParseCtx *pc, Tok kw, Tok word, Tok id);
Ast *ast_if(struct ParseCtx *pc, Tok kw, Ast *c, Ast *t, Ast *e);
Ast *ast_binary(struct ParseCtx *pc, AstKind k, Ast *l, Ast *r, Tok op);
Ast *ast_within(struct ParseCtx *pc, Ast *l, Ast *r, Ast *tol, Tok op);
Ast *ast_unary(struct ParseCtx *pc, AstKind k, Ast *e, Tok op);
Ast *ast_index(struct ParseCtx *pc, Ast *t, Ast *key, Tok open, Tok close);
Ast *ast_member(struct ParseCtx *pc, Ast *obj, Tok name);
Ast *ast_call(struct ParseCtx *pc, Tok fn, Ast *args, Tok close);
Ast *ast_gen(struct ParseCtx *pc, Ast *e, Tok name, Ast *coll, Ast *where);
Ast *ast_number(struct ParseCtx *pc, Tok t);
Ast *ast_string(struct ParseCtx *pc, Tok t);
Ast *ast_bool(struct ParseCtx *pc, Tok t, bool value);
Ast *ast_name(struct ParseCtx *pc, Tok t);
Ast *ast_paren(struct ParseCtx *pc, Ast *e, Tok open, Tok close);

/* Returns a span covering [a] through [b]. */
Span ast_join(Span a, Span b);
/* Returns true for the kinds that compute a boolean from two operands. */
bool ast_is_comparison(AstKind k);
/* Returns the operator's spelling for messages ("+", "≈", "and", …). */
const char *ast_op_name(AstKind k);

#endif
