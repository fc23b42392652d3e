/* stdlib/std_num.c -- numeric builtins: abs round pct growth ratio.
 * Amounts in different money units are brought to one unit first, exactly;
 * results keep their rounding intervals, so `pct(a, b) ≈ 52.7` asks whether
 * 52.7 could be the rounded share of the true figures behind a and b. */
#include <stdlib.h>
#include <string.h>

#include "stdlib/std.h"

/* Checks that [v] is a number; otherwise an error at the call. */
static bool need_num(Interp *I, const Ast *call, Value v, Value *err) {
  if (v.kind == VAL_NUM)
    return true;
  *err = interp_error(I, call, "`%s` needs numbers", call->name);
  return false;
}

Value std_abs(Interp *I, const Ast *call, Value *args, int n) {
  (void)n;
  Value err;
  if (!need_num(I, call, args[0], &err))
    return err;
  return val_num(num_abs(interp_arena(I), args[0].num), args[0].unit);
}

Value std_round(Interp *I, const Ast *call, Value *args, int n) {
  (void)n;
  Value err;
  if (!need_num(I, call, args[0], &err) || !need_num(I, call, args[1], &err))
    return err;
  Num *places = args[1].num;
  Arena *a = interp_arena(I);
  // The places must be a small whole number.
  Num *whole = num_round(a, places, 0);
  if (num_cmp(whole, places) != 0 || num_cmp(places, num_from_long(a, -12)) < 0 ||
      num_cmp(places, num_from_long(a, 12)) > 0)
    return interp_error(I, call, "`round` takes a whole number of places "
                                 "from -12 to 12");
  Buf b;
  buf_init(&b);
  num_format(&b, places);
  int k = (int)strtol(b.s, NULL, 10);
  buf_free(&b);
  return val_num(num_round(a, args[0].num, k), args[0].unit);
}

/* [a] and [b] as two numbers in one unit, or an error. */
static bool same_unit(Interp *I, const Ast *call, Value *a, Value *b,
                      Value *err) {
  if (!need_num(I, call, *a, err) || !need_num(I, call, *b, err))
    return false;
  if (unit_is_money(a->unit) && unit_is_money(b->unit))
    *b = val_convert(interp_arena(I), *b, a->unit);
  else if ((unit_is_money(a->unit) && b->unit == UNIT_PCT) ||
           (a->unit == UNIT_PCT && unit_is_money(b->unit))) {
    *err = interp_error(I, call, "`%s` of `%s` and `%s` mixes a percentage "
                                 "with an amount",
                        call->name, unit_name(a->unit), unit_name(b->unit));
    return false;
  }
  return true;
}

static Value divide(Interp *I, const Ast *call, Num *x, Value den) {
  Num *q = num_div(interp_arena(I), x, den.num);
  if (!q) {
    Buf b;
    buf_init(&b);
    val_format(&b, den);
    Value err = interp_error(I, call, "division by zero in `%s` (the base "
                                      "is %s)", call->name, b.s);
    buf_free(&b);
    return err;
  }
  Value v = val_num(q, UNIT_NONE);
  return v;
}

/* pct(part, whole) = part / whole × 100, in %.  The 100 is applied to the
 * part, before dividing: the same exact value and interval, but a figure
 * scales in its small form for free, where a quotient is a GMP rational. */
Value std_pct(Interp *I, const Ast *call, Value *args, int n) {
  (void)n;
  Value a = args[0], b = args[1], err;
  if (!same_unit(I, call, &a, &b, &err))
    return err;
  Value q = divide(I, call, num_scale10(interp_arena(I), a.num, 2), b);
  if (q.kind != VAL_NUM)
    return q;
  q.unit = UNIT_PCT;
  return q;
}

/* growth(this, last) = (this − last) / last × 100, in % */
Value std_growth(Interp *I, const Ast *call, Value *args, int n) {
  (void)n;
  Value a = args[0], b = args[1], err;
  if (!same_unit(I, call, &a, &b, &err))
    return err;
  Num *diff = num_sub(interp_arena(I), a.num, b.num);
  Value q = divide(I, call, num_scale10(interp_arena(I), diff, 2), b);
  if (q.kind != VAL_NUM)
    return q;
  q.unit = UNIT_PCT; // × 100 applied before dividing, as in pct
  return q;
}

/* ratio(a, b) = a / b */
Value std_ratio(Interp *I, const Ast *call, Value *args, int n) {
  (void)n;
  Value a = args[0], b = args[1], err;
  if (!same_unit(I, call, &a, &b, &err))
    return err;
  return divide(I, call, a.num, b);
}
