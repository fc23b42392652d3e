/* stdlib/std_agg.c -- aggregates: sum count min max avg, over the values of
 * `E for x in T [where C]` or over plain arguments.  Money in different
 * units is summed in the first value's unit.  sum of nothing is 0; min, max
 * and avg of nothing are missing (there is no such value). */
#include "stdlib/std.h"

static Value need_nums(Interp *I, const Ast *call, Value *args, int n,
                       Unit *unit) {
  *unit = n ? args[0].unit : UNIT_NONE;
  for (int i = 0; i < n; i++) {
    if (args[i].kind != VAL_NUM)
      return interp_error(I, call, "`%s` needs numbers", call->name);
    if (unit_is_money(*unit) && unit_is_money(args[i].unit))
      args[i] = val_convert(interp_arena(I), args[i], *unit);
    else if (args[i].unit != *unit &&
             (args[i].unit == UNIT_PCT || *unit == UNIT_PCT) &&
             (unit_is_money(args[i].unit) || unit_is_money(*unit)))
      return interp_error(I, call, "`%s` mixes a percentage with an amount",
                          call->name);
  }
  return val_bool(true);
}

Value std_sum(Interp *I, const Ast *call, Value *args, int n) {
  Unit u;
  Value ok = need_nums(I, call, args, n, &u);
  if (ok.kind == VAL_ERROR)
    return ok;
  Arena *a = interp_arena(I);
  Num *s = num_from_long(a, 0);
  for (int i = 0; i < n; i++)
    s = num_add(a, s, args[i].num);
  return val_num(s, u);
}

/* count counts rows (or arguments) -- missing cells included, since a row
 * is there even when a cell of it is blank. */
Value std_count_fn(Interp *I, const Ast *call, Value *args, int n) {
  (void)call;
  (void)args;
  return val_num(num_from_long(interp_arena(I), n), UNIT_NONE);
}

static Value extreme(Interp *I, const Ast *call, Value *args, int n, int sign) {
  Unit u;
  Value ok = need_nums(I, call, args, n, &u);
  if (ok.kind == VAL_ERROR)
    return ok;
  if (n == 0)
    return val_missing(arena_sprintf(interp_arena(I), "%s() of no rows",
                                     call->name));
  Num *m = args[0].num;
  for (int i = 1; i < n; i++)
    m = sign < 0 ? num_min(interp_arena(I), m, args[i].num)
                 : num_max(interp_arena(I), m, args[i].num);
  return val_num(m, u);
}

Value std_min(Interp *I, const Ast *call, Value *args, int n) {
  return extreme(I, call, args, n, -1);
}

Value std_max(Interp *I, const Ast *call, Value *args, int n) {
  return extreme(I, call, args, n, 1);
}

Value std_avg(Interp *I, const Ast *call, Value *args, int n) {
  if (n == 0)
    return val_missing(arena_sprintf(interp_arena(I), "avg() of no rows"));
  Value s = std_sum(I, call, args, n);
  if (s.kind != VAL_NUM)
    return s;
  Arena *a = interp_arena(I);
  return val_num(num_div(a, s.num, num_from_long(a, n)), s.unit);
}
