/* stdlib/std.c -- the builtin table (prefix std_), built from builtins.def:
 * signatures for the checker, implementations for the evaluator. */
#include "stdlib/std.h"

const BuiltinSig std_sigs[] = {
#define BUILTIN(name, min, max, ret, flags, impl) {#name, min, max, ret, flags},
#include "stdlib/builtins.def"
#undef BUILTIN
};

const BuiltinFn std_fns[] = {
#define BUILTIN(name, min, max, ret, flags, impl) impl,
#include "stdlib/builtins.def"
#undef BUILTIN
};

const int std_count = sizeof std_sigs / sizeof std_sigs[0];
