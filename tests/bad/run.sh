#!/bin/sh
# tests/bad/run.sh -- the bad-input catalogue: every folder tests/bad/<case>/
# holding an `args` file is one run of fisc on broken input, with its
# expected stdout (`out`), stderr (`err`) and exit status (`status`), byte
# for byte, like a golden case (tests/golden/).  `why` says in one line what
# the case tests.
#
# usage: tests/bad/run.sh [FISC [CASE...]]      (FISC defaults to build/fisc)
#   UPDATE=1     rewrite out/err/status from the actual run (known failures
#                are never rewritten: their expected files are hand-written)
#   VALGRIND=1   run fisc under valgrind memcheck (errors and leaks fail)
#   VERBOSE=1    also list the cases that pass
#
# Each case runs in a scratch copy, never in the tree:
#   $tmp/root/tests/bad/<case>/  the case folder, copied; fisc runs here
#   $tmp/root/rules, examples    symlinks to the real ones, so `args` may use
#                                ../../../rules/2021 as from the real folder
# `args` is the command line after `fisc`, split on blanks; a leading `@top`
# runs it from $tmp/root instead (then name files as tests/bad/<case>/...).
# Inputs too large to commit are made by the case's `gen.sh` (POSIX sh, run
# in the scratch copy before fisc) and vanish with the scratch directory.
#
# A case fails when stdout, stderr or the status differ, when fisc runs
# longer than 10 s (a hang; a `timeout` file in the case may lower that), or
# when the run leaves a file behind or removes one (a stray report or
# temporary file).  Cases listed in KNOWN_FAILURES (`name  reason`) are bugs
# of fisc recorded with the output fisc should give: they are reported as
# "known failure" and do not fail the run; one that passes does fail it, so
# that it is taken off the list.  The last line is `bad: N passed, M failed`.

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)

fisc=${1:-build/fisc}
[ $# -gt 0 ] && shift
case $fisc in
/*) ;;
*) fisc=$(pwd)/$fisc ;;
esac
if [ ! -x "$fisc" ]; then
  echo "bad: no fisc binary at $fisc (run make first)"
  echo "bad: 0 passed, 1 failed"
  exit 1
fi

limit_default=10
export NO_COLOR=1
wrap=
if [ -n "$VALGRIND" ]; then
  wrap="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --show-leak-kinds=definite,indirect,possible"
fi

known=$here/KNOWN_FAILURES
# known_reason NAME: prints the reason NAME is a known failure, or nothing.
known_reason() {
  [ -f "$known" ] || return 0
  awk -v n="$1" '$1 == n { $1 = ""; sub(/^ +/, ""); print (length($0) ? $0 : "(no reason given)"); exit }' "$known"
}

tmp_all=$(mktemp -d "${TMPDIR:-/tmp}/fisc-bad.XXXXXX") || exit 1
trap 'rm -rf "$tmp_all"' EXIT
trap 'exit 130' INT TERM

pass=0
fail=0
nknown=0
failed_names=
known_lines=

# show_diff LABEL EXPECTED ACTUAL: the first lines of a unified diff.
show_diff() {
  echo "    --- $1: expected vs actual"
  diff -u "$2" "$3" 2>&1 | sed -n '3,42p' | sed 's/^/    /'
}

# run_case DIR: runs one case; sets $result to pass, fail or a reason, and
# prints what went wrong into $log.
run_case() {
  dir=$1
  name=$(basename "$dir")
  t=$tmp_all/$name
  mkdir -p "$t/root/tests/bad"
  ln -s "$top/rules" "$t/root/rules"
  ln -s "$top/examples" "$t/root/examples"
  cp -R "$dir" "$t/root/tests/bad/$name"
  work=$t/root/tests/bad/$name
  log=$t/log
  : >"$log"
  problems=0

  if [ -f "$work/gen.sh" ]; then
    if ! (cd "$work" && sh ./gen.sh) >"$t/gen.log" 2>&1; then
      echo "    gen.sh failed:" >>"$log"
      sed 's/^/      /' "$t/gen.log" >>"$log"
      return 1
    fi
  fi

  args=$(cat "$work/args")
  cwd=$work
  case $args in
  @top*)
    cwd=$t/root
    args=${args#@top}
    ;;
  esac
  limit=$limit_default
  [ -f "$work/timeout" ] && limit=$(cat "$work/timeout")
  [ -n "$VALGRIND" ] && limit=$((limit * 30))

  (cd "$t/root" && find . | LC_ALL=C sort) >"$t/before"
  set -f
  # shellcheck disable=SC2086  # args are split on blanks, as in golden
  (cd "$cwd" && exec timeout -k 2 "$limit" $wrap "$fisc" $args) \
    >"$t/out" 2>"$t/err"
  status=$?
  set +f
  echo "$status" >"$t/status"
  (cd "$t/root" && find . | LC_ALL=C sort) >"$t/after"

  if [ "$status" = 124 ] || [ "$status" = 137 ]; then
    echo "    hang: still running after ${limit} s (killed)" >>"$log"
    problems=1
  elif [ "$status" -gt 128 ]; then
    echo "    crash: killed by signal $((status - 128))" >>"$log"
    problems=1
  fi
  if ! cmp -s "$t/before" "$t/after"; then
    echo "    files left behind or removed by the run:" >>"$log"
    diff "$t/before" "$t/after" | sed -n 's/^[<>] /      /p' >>"$log"
    problems=1
  fi

  if [ -n "$UPDATE" ] && [ -z "$(known_reason "$name")" ]; then
    cp "$t/out" "$dir/out"
    cp "$t/err" "$dir/err"
    cp "$t/status" "$dir/status"
  fi
  for f in out err status; do
    if [ ! -f "$dir/$f" ]; then
      echo "    no expected \`$f\` (run with UPDATE=1 to record it)" >>"$log"
      problems=1
    elif ! cmp -s "$dir/$f" "$t/$f"; then
      show_diff "$f" "$dir/$f" "$t/$f" >>"$log"
      problems=1
    fi
  done
  [ -f "$dir/why" ] || {
    echo "    no \`why\` file" >>"$log"
    problems=1
  }
  return $problems
}

if [ $# -gt 0 ]; then
  cases=
  for c in "$@"; do cases="$cases $here/$(basename "$c")"; done
else
  cases=$(for a in "$here"/*/args; do [ -f "$a" ] && dirname "$a"; done | LC_ALL=C sort)
fi

for dir in $cases; do
  name=$(basename "$dir")
  if [ ! -f "$dir/args" ]; then
    echo "FAIL $name: no such case (no $dir/args)"
    fail=$((fail + 1))
    continue
  fi
  reason=$(known_reason "$name")
  if run_case "$dir"; then
    if [ -n "$reason" ]; then
      echo "FIXED $name: passes but is listed in KNOWN_FAILURES; take it off the list"
      fail=$((fail + 1))
      failed_names="$failed_names $name"
    else
      [ -n "$VERBOSE" ] && echo "ok   $name"
      pass=$((pass + 1))
    fi
  elif [ -n "$reason" ]; then
    nknown=$((nknown + 1))
    known_lines="$known_lines
  known failure: $name -- $reason"
    [ -n "$VERBOSE" ] && cat "$log"
  else
    echo "FAIL $name ($(cat "$dir/why" 2>/dev/null))"
    cat "$log"
    fail=$((fail + 1))
    failed_names="$failed_names $name"
  fi
  rm -rf "${tmp_all:?}/${name:?}"
done

# Every name in KNOWN_FAILURES must be a case (a typo would hide nothing,
# but would leave a stale entry behind).
if [ -f "$known" ] && [ $# -eq 0 ]; then
  stale=$(awk '!/^#/ && NF { print $1 }' "$known" | while read -r n; do
    [ -f "$here/$n/args" ] || echo "$n"
  done)
  for n in $stale; do
    echo "FAIL KNOWN_FAILURES names \`$n\`, which is not a case"
    fail=$((fail + 1))
  done
fi

if [ "$nknown" -gt 0 ]; then
  echo "bad: $nknown known failures (bugs of fisc, see tests/bad/KNOWN_FAILURES):$known_lines"
fi
[ "$fail" -gt 0 ] && echo "bad: failed:$failed_names"
echo "bad: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
