/* lang/grammar.y -- Lemon grammar of the rules language.
 *
 * build/gen/grammar.c and grammar.h are GENERATED from this file; never edit
 * them.  Actions are one-line calls to named constructors in ast.c/parse.c.
 * The AST lives in the program arena, so no %destructor and no
 * %token_destructor are needed: nodes dropped during error recovery stay in
 * the arena until the program is freed.  Do not "fix" that.
 *
 * Errors go into the ParseCtx and are never printed here.  Recovery happens
 * only at item boundaries (`item ::= error RBRACE`). */

%name fisc_parse_
%token_prefix TOK_
%token_type {Tok}
%extra_context {ParseCtx *pc}
%default_type {Ast *}

%include {
#include <assert.h>
#include <stdlib.h>
#include "lang/parse.h"
#include "lang/ast.h"
}

// Report through the parse context; parse.c decides whether to show it.
%syntax_error { parse_syntax_error(pc, yymajor, &TOKEN); }
%stack_overflow { parse_stack_overflow(pc); }
// Deep enough for any rule a person writes; deeper input gets an error.
%stack_size 1000

// Tokens that only the lexer produces, declared so they get TOK_ codes in a
// stable order.
%token MODE_FILE MODE_EXPR.

/* ---------------------------------------------------------------- files -- */

program ::= MODE_FILE items.
program ::= MODE_EXPR expr(E).              { pc->expr = E; }

items ::= .
items ::= items item.

item ::= IMPORT STRING(S).                  { parse_item(pc, ast_import(pc, S)); }
item ::= table(T).                          { parse_item(pc, T); }
item ::= LET(K) IDENT(N) ASSIGN expr(E).    { parse_item(pc, ast_let(pc, K, N, E)); }
item ::= rule(R).                           { parse_item(pc, R); }
// Composing suites: replace or drop an imported rule, change a setting,
// change an imported table's columns.
item ::= OVERRIDE rule(R).                  { parse_item(pc, ast_override(pc, R)); }
item ::= OVERRIDE(K) LET IDENT(N) ASSIGN expr(E).
                                            { parse_item(pc, ast_override(pc, ast_let(pc, K, N, E))); }
item ::= DROP(K) RULE RULEID(I) STRING(W).  { parse_item(pc, ast_drop(pc, K, I, W)); }
item ::= ALTER(K) TABLE IDENT(N) LBRACE alters(L) RBRACE(E).
                                            { parse_item(pc, ast_alter(pc, K, N, L, E)); }
item ::= TEST(K) STRING(N) LBRACE test_stmts(B) RBRACE(E).
                                            { parse_item(pc, ast_test(pc, K, N, B, E)); }
item ::= error RBRACE.

alters(A) ::= .                             { A = ast_list(pc); }
alters(A) ::= alters(L) alter(C).           { A = ast_push(pc, L, C); }
alters(A) ::= alters(L) COMMA.              { A = L; }
alter(A) ::= ADD(K) IDENT(N) COLON coltype(T).
                                            { A = ast_alter_add(pc, K, N, T); }
alter(A) ::= RENAME(K) IDENT(O) TO IDENT(N). { A = ast_alter_rename(pc, K, O, N); }
alter(A) ::= DROP(K) IDENT(N).              { A = ast_alter_drop(pc, K, N); }

/* ---------------------------------------------------------------- tests -- */
/* test "name" { with …  expect fail|pass|skip ID } in *_test.fisc files. */

test_stmts(A) ::= .                         { A = ast_list(pc); }
test_stmts(A) ::= test_stmts(L) test_stmt(S). { A = ast_push(pc, L, S); }
test_stmt(A) ::= WITH(K) IDENT(W) STRING(P).
                                            { A = ast_with_fixture(pc, K, W, P); }
test_stmt(A) ::= WITH(K) postfix(T) ASSIGN expr(V).
                                            { A = ast_with_set(pc, K, T, V); }
test_stmt(A) ::= WITH(K) DROP postfix(T).   { A = ast_with_drop(pc, K, T); }
test_stmt(A) ::= WITH(K) postfix(T) IDENT(W) STRING(O) IDENT(B) STRING(N).
                                            { A = ast_with_replace(pc, K, T, W, O, B, N); }
test_stmt(A) ::= EXPECT(K) IDENT(W) RULEID(I).
                                            { A = ast_expect(pc, K, W, I); }

/* --------------------------------------------------------------- tables -- */

table(A) ::= TABLE IDENT(N) LBRACE cols(C) RBRACE(E).
                                            { A = ast_table(pc, N, C, E); }
cols(A) ::= .                               { A = ast_list(pc); }
cols(A) ::= cols(L) col(C).                 { A = ast_push(pc, L, C); }
cols(A) ::= cols(L) COMMA.                  { A = L; }
col(A) ::= KEY(K) IDENT(N) COLON coltype(T).  { A = ast_column(pc, N, T, &K); }
col(A) ::= IDENT(N) COLON coltype(T).       { A = ast_column(pc, N, T, 0); }
%type coltype {Tok}
coltype(A) ::= IDENT(T).                    { A = T; }
coltype(A) ::= PERCENT(T).                  { A = T; }

/* ---------------------------------------------------------------- rules -- */

rule(A) ::= RULE RULEID(I) STRING(T) severity(S) LBRACE stmts(B) RBRACE(E).
                                            { A = ast_rule(pc, I, T, S, B, E); }
%type severity {Tok}
severity(A) ::= .                           { A.kind = 0; A.off = 0; A.len = 0; }
severity(A) ::= IDENT(S).                   { A = S; }

stmts(A) ::= .                              { A = ast_list(pc); }
stmts(A) ::= stmts(L) stmt(S).              { A = ast_push(pc, L, S); }

stmt(A) ::= ASSERT(K) expr(E).              { A = ast_assert(pc, K, E, 0); }
stmt(A) ::= ASSERT(K) expr(E) ELSE STRING(M).
                                            { A = ast_assert(pc, K, E, &M); }
stmt(A) ::= LET(K) IDENT(N) ASSIGN expr(E). { A = ast_let(pc, K, N, E); }
stmt(A) ::= FOR(K) IDENT(N) IN postfix(T) where(W) COLON.
                                            { A = ast_for(pc, K, N, T, W, 0); }
stmt(A) ::= FOR(K) IDENT(N) IN postfix(T) where(W) LBRACE stmts(B) RBRACE.
                                            { A = ast_for(pc, K, N, T, W, B); }
// Metadata: where the rule comes from, tags, and the fiscal years it applies to.
stmt(A) ::= REF(K) STRING(S).               { A = ast_ref(pc, K, S); }
stmt(A) ::= TAGS(K) taglist(L).             { A = ast_meta(pc, AST_TAGS, K, L); }
stmt(A) ::= SINCE(K) NUMBER(Y).             { A = ast_year(pc, AST_SINCE, K, Y); }
stmt(A) ::= UNTIL(K) NUMBER(Y).             { A = ast_year(pc, AST_UNTIL, K, Y); }
taglist(A) ::= STRING(S).                   { A = ast_push(pc, ast_list(pc), ast_string(pc, S)); }
taglist(A) ::= taglist(L) COMMA STRING(S).  { A = ast_push(pc, L, ast_string(pc, S)); }
// claim [all] SOURCE "pattern" [in section "title"]; claim? is optional.
stmt(A) ::= CLAIM(K) postfix(S) STRING(P) claim_in(I).
                                            { A = ast_claim(pc, K, 0, S, P, I); }
stmt(A) ::= CLAIM(K) ALL postfix(S) STRING(P) claim_in(I).
                                            { A = ast_claim(pc, K, CLAIM_ALL, S, P, I); }
stmt(A) ::= CLAIMQ(K) postfix(S) STRING(P) claim_in(I).
                                            { A = ast_claim(pc, K, CLAIM_OPTIONAL, S, P, I); }
claim_in(A) ::= .                           { A = 0; }
claim_in(A) ::= IN IDENT(W) STRING(T).      { A = ast_claim_section(pc, W, T); }

where(A) ::= .                              { A = 0; }
where(A) ::= WHERE expr(E).                 { A = E; }

/* ---------------------------------------------------------- expressions -- */
/* One nonterminal per precedence level, loosest first; comparisons are
 * non-associative because `a < b < c` is always a mistake here. */

expr(A) ::= IF(K) expr(C) THEN expr(T) ELSE expr(E).
                                            { A = ast_if(pc, K, C, T, E); }
expr(A) ::= coal(E).                        { A = E; }

coal(A) ::= coal(L) QQ(O) orx(R).           { A = ast_binary(pc, AST_COALESCE, L, R, O); }
coal(A) ::= orx(E).                         { A = E; }

orx(A) ::= orx(L) OR(O) andx(R).            { A = ast_binary(pc, AST_OR, L, R, O); }
orx(A) ::= andx(E).                         { A = E; }

andx(A) ::= andx(L) AND(O) notx(R).         { A = ast_binary(pc, AST_AND, L, R, O); }
andx(A) ::= notx(E).                        { A = E; }

notx(A) ::= NOT(O) notx(E).                 { A = ast_unary(pc, AST_NOT, E, O); }
notx(A) ::= cmp(E).                         { A = E; }

cmp(A) ::= add(E).                          { A = E; }
cmp(A) ::= add(L) EQ(O) add(R).             { A = ast_binary(pc, AST_EQ, L, R, O); }
cmp(A) ::= add(L) NE(O) add(R).             { A = ast_binary(pc, AST_NE, L, R, O); }
cmp(A) ::= add(L) LT(O) add(R).             { A = ast_binary(pc, AST_LT, L, R, O); }
cmp(A) ::= add(L) LE(O) add(R).             { A = ast_binary(pc, AST_LE, L, R, O); }
cmp(A) ::= add(L) GT(O) add(R).             { A = ast_binary(pc, AST_GT, L, R, O); }
cmp(A) ::= add(L) GE(O) add(R).             { A = ast_binary(pc, AST_GE, L, R, O); }
cmp(A) ::= add(L) APPROX(O) add(R).         { A = ast_binary(pc, AST_APPROX, L, R, O); }
cmp(A) ::= add(L) IN(O) add(R).             { A = ast_binary(pc, AST_IN, L, R, O); }
cmp(A) ::= add(L) APPROX(O) add(R) PM add(T).
                                            { A = ast_within(pc, L, R, T, O); }

add(A) ::= add(L) PLUS(O) mul(R).           { A = ast_binary(pc, AST_ADD, L, R, O); }
add(A) ::= add(L) MINUS(O) mul(R).          { A = ast_binary(pc, AST_SUB, L, R, O); }
add(A) ::= mul(E).                          { A = E; }

mul(A) ::= mul(L) STAR(O) unary(R).         { A = ast_binary(pc, AST_MUL, L, R, O); }
mul(A) ::= mul(L) SLASH(O) unary(R).        { A = ast_binary(pc, AST_DIV, L, R, O); }
mul(A) ::= unary(E).                        { A = E; }

unary(A) ::= MINUS(O) unary(E).             { A = ast_unary(pc, AST_NEG, E, O); }
unary(A) ::= postfix(E).                    { A = E; }

postfix(A) ::= primary(E).                  { A = E; }
postfix(A) ::= postfix(T) LBRACKET(O) expr(K) RBRACKET(E).
                                            { A = ast_index(pc, T, K, O, E); }
postfix(A) ::= postfix(T) DOT IDENT(N).     { A = ast_member(pc, T, N); }
postfix(A) ::= IDENT(F) LPAREN args(L) RPAREN(E).
                                            { A = ast_call(pc, F, L, E); }

primary(A) ::= NUMBER(N).                   { A = ast_number(pc, N); }
primary(A) ::= STRING(S).                   { A = ast_string(pc, S); }
primary(A) ::= TRUE(T).                     { A = ast_bool(pc, T, true); }
primary(A) ::= FALSE(T).                    { A = ast_bool(pc, T, false); }
primary(A) ::= IDENT(N).                    { A = ast_name(pc, N); }
primary(A) ::= LPAREN(O) expr(E) RPAREN(C). { A = ast_paren(pc, E, O, C); }
primary(A) ::= LBRACKET(O) args(L) RBRACKET(C). { A = ast_listlit(pc, L, O, C); }

args(A) ::= .                               { A = ast_list(pc); }
args(A) ::= arglist(L).                     { A = L; }
arglist(A) ::= arg(E).                      { A = ast_push(pc, ast_list(pc), E); }
arglist(A) ::= arglist(L) COMMA arg(E).     { A = ast_push(pc, L, E); }
arg(A) ::= expr(E).                         { A = E; }
arg(A) ::= expr(E) FOR IDENT(N) IN postfix(T) where(W).
                                            { A = ast_gen(pc, E, N, T, W); }
