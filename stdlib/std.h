/* stdlib/std.h -- the builtin functions (prefix std_): their signatures for
 * the checker and their implementations for the evaluator, one table built
 * from builtins.def. */
#ifndef FISC_STD_H
#define FISC_STD_H

#include "lang/program.h"
#include "runtime/interp.h"
#include "runtime/value.h"

/* A builtin receives its evaluated arguments ([n] of them; for an aggregate
 * written `E for x in T`, one per row).  Missing/error arguments have been
 * propagated already unless the builtin is BI_LAZY. */
typedef Value (*BuiltinFn)(Interp *I, const Ast *call, Value *args, int n);

extern const BuiltinSig std_sigs[];
extern const BuiltinFn std_fns[];
extern const int std_count;

// Implementations, one family per file.
#define BUILTIN(name, min, max, ret, flags, impl) \
  Value impl(Interp *I, const Ast *call, Value *args, int n);
#include "stdlib/builtins.def"
#undef BUILTIN

#endif
