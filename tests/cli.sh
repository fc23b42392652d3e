#!/bin/sh
# tests/cli.sh -- the built binary as a user runs it: --help, --version,
# exit statuses, NO_COLOR, and the README's example command.  Usage:
# tests/cli.sh build/fisc   (run from the top of the tree)
fisc=${1:-build/fisc}
pass=0
fail=0

# check NAME EXPECTED-STATUS COMMAND...: runs COMMAND, compares its status.
check() {
  name=$1 want=$2
  shift 2
  "$@" >/tmp/fisc-cli.$$ 2>&1
  got=$?
  if [ "$got" = "$want" ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $name: exit $got, expected $want"
    sed 's/^/    /' /tmp/fisc-cli.$$
  fi
}

# has NAME PATTERN COMMAND...: the output of COMMAND contains PATTERN.
has() {
  name=$1 pattern=$2
  shift 2
  if "$@" 2>&1 | grep -q -- "$pattern"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $name: output lacks '$pattern'"
  fi
}

check help 0 "$fisc" --help
has help-usage "usage: fisc check" "$fisc" --help
check version 0 "$fisc" --version
has version-text "^fisc [0-9]" "$fisc" --version
check no-args 2 "$fisc"
check unknown-command 2 "$fisc" frobnicate
check unknown-option 2 "$fisc" check --frob rules/2021 examples/dongxihu-bigdata-2021
check bad-format 2 "$fisc" check --format xml rules/2021 examples/dongxihu-bigdata-2021
check missing-rules 2 "$fisc" check no/such/rules examples/dongxihu-bigdata-2021
check missing-submission 2 "$fisc" check rules/2021 no/such/submission
check example 1 "$fisc" check rules/2021 examples/dongxihu-bigdata-2021
check example-json 1 "$fisc" check --format json rules/2021 examples/dongxihu-bigdata-2021
# Colour never goes to a pipe, and never with NO_COLOR or --no-color.
if "$fisc" check rules/2021 examples/dongxihu-bigdata-2021 2>&1 | grep -q "$(printf '\033')"; then
  fail=$((fail + 1)); echo "FAIL colour in a pipe"
else
  pass=$((pass + 1))
fi
# On a terminal (faked with script(1)) there is colour, unless NO_COLOR or
# --no-color says otherwise.
if command -v script >/dev/null 2>&1; then
  esc=$(printf '\033')
  tty_out() { script -qec "$1" /dev/null 2>/dev/null; }
  if tty_out "env -u NO_COLOR TERM=xterm $fisc check rules/2021 examples/dongxihu-bigdata-2021" | grep -q "$esc"; then
    pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL no colour on a terminal"; fi
  if tty_out "env NO_COLOR=1 TERM=xterm $fisc check rules/2021 examples/dongxihu-bigdata-2021" | grep -q "$esc"; then
    fail=$((fail + 1)); echo "FAIL colour despite NO_COLOR"; else pass=$((pass + 1)); fi
  if tty_out "env -u NO_COLOR TERM=xterm $fisc check --no-color rules/2021 examples/dongxihu-bigdata-2021" | grep -q "$esc"; then
    fail=$((fail + 1)); echo "FAIL colour despite --no-color"; else pass=$((pass + 1)); fi
fi
# -o writes the whole report or nothing, and leaves no temporary file.
out=$(mktemp -d)
"$fisc" check -o "$out/report.txt" rules/2021 examples/dongxihu-bigdata-2021 >/dev/null 2>&1
if [ -s "$out/report.txt" ] && [ "$(ls "$out" | wc -l)" = 1 ]; then
  pass=$((pass + 1))
else
  fail=$((fail + 1)); echo "FAIL -o did not write exactly one file"
fi
"$fisc" check -o "$out/none/report.txt" rules/2021 examples/dongxihu-bigdata-2021 >/dev/null 2>&1
if [ $? = 2 ] && [ ! -e "$out/none" ]; then
  pass=$((pass + 1))
else
  fail=$((fail + 1)); echo "FAIL -o into a missing folder should fail with 2"
fi
# Determinism: two runs give byte-identical reports.
a=$("$fisc" check --format json rules/2021 examples/dongxihu-bigdata-2021 2>&1)
b=$("$fisc" check --format json rules/2021 examples/dongxihu-bigdata-2021 2>&1)
if [ "$a" = "$b" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL nondeterministic"; fi
# Batches: the same bytes for any -j, in input order; --from-list reads the
# same list from a file or standard input.
set -- examples/dongxihu-bigdata-2021 examples/dongxihu-narrative-only \
  tests/golden/narrative/items/sub examples/dongxihu-bigdata-2021 no/such/unit
for fmt in text json; do
  "$fisc" check -j 1 --format $fmt rules/2021 "$@" >"$out/j1" 2>"$out/e1"
  "$fisc" check -j 2 --format $fmt rules/2021 "$@" >"$out/j2" 2>"$out/e2"
  "$fisc" check -j 7 --format $fmt rules/2021 "$@" >"$out/j7" 2>"$out/e7"
  if cmp -s "$out/j1" "$out/j2" && cmp -s "$out/j1" "$out/j7" &&
     cmp -s "$out/e1" "$out/e2" && cmp -s "$out/e1" "$out/e7"; then
    pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL -j changes the $fmt output"; fi
done
printf '%s\n' "$@" > "$out/list"
"$fisc" check --from-list "$out/list" rules/2021 >"$out/l1" 2>/dev/null
"$fisc" check --from-list - rules/2021 <"$out/list" >"$out/l2" 2>/dev/null
"$fisc" check -j 1 rules/2021 "$@" >"$out/l3" 2>/dev/null
if cmp -s "$out/l1" "$out/l3" && cmp -s "$out/l2" "$out/l3"; then
  pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL --from-list differs"; fi
check bad-jobs 2 "$fisc" check -j 0 rules/2021 examples/dongxihu-bigdata-2021
# Last year's files are read only when a rule reads them (rules/2022 reads
# four of the nine tables and not the 说明): a broken prior table or 说明
# no rule reads neither stops the check nor shows up, through prior/ and
# through --prior alike, while a broken table that a rule reads still does
# (exit 2, the file named).
cp -RL examples/constructed-unit/2022 "$out/u"
clean=$("$fisc" check rules/2022 "$out/u" 2>&1)
sed -i 's/^301,\([^,]*\),\([0-9]\)/301,\1,x\2/' \
  "$out/u/prior/一般公共预算财政拨款基本支出决算表.csv"
if grep -q '^301,[^,]*,x' "$out/u/prior/一般公共预算财政拨款基本支出决算表.csv" &&
   [ "$("$fisc" check rules/2022 "$out/u" 2>&1)" = "$clean" ]; then
  pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL a prior table no rule reads was read"; fi
mv "$out/u/prior" "$out/p"
printf '\377\376a\000' >"$out/p/说明.txt" # UTF-16: refused, if it were read
if [ "$("$fisc" check --prior "$out/p" rules/2022 "$out/u" 2>&1 |
       sed "s#$out/p/#$out/u/prior/#")" = "$clean" ]; then
  pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL --prior read a file no rule reads"; fi
sed -i 's/^收入总计,\([0-9]\)/收入总计,x\1/' "$out/p/收入支出决算总表.csv"
check prior-read-table-broken 2 "$fisc" check --prior "$out/p" rules/2022 "$out/u"
has prior-read-table-named "p/收入支出决算总表.csv:.*error: .* is not a number" \
  "$fisc" check --prior "$out/p" rules/2022 "$out/u"
# `fisc test` loads a fixture the way `fisc check` loads a submission: a
# broken last-year table no rule reads does not change any test's outcome.
cp -R rules/2021 "$out/suite"
cp rules/.fisc-root "$out/" 2>/dev/null || :
sed -i 's/^301,\([^,]*\),\([0-9]\)/301,\1,x\2/' \
  "$out/suite/fixtures/base/prior/一般公共预算财政拨款基本支出决算表.csv"
if grep -q '^301,[^,]*,x' \
     "$out/suite/fixtures/base/prior/一般公共预算财政拨款基本支出决算表.csv" &&
   "$fisc" test "$out/suite" >"$out/t.out" 2>&1 &&
   grep -q ' passed, 0 failed' "$out/t.out"; then
  pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL fisc test read a prior table no rule reads"; sed -n 1,20p "$out/t.out"; fi
# A submission folder that may be searched but not listed (mode 711) is
# read: its files are opened by name, which needs search permission only.
# As root the check runs as nobody (setpriv), since root reads anything.
perm=$out/perm
mkdir -p "$perm"
cp -R examples/dongxihu-bigdata-2021 "$perm/sub"
cp -R rules "$perm/rules"
cp "$fisc" "$perm/fisc"
chmod 711 "$out" "$perm" "$perm/sub"
as_user=""
if [ "$(id -u)" = 0 ]; then
  command -v setpriv >/dev/null &&
    as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
if [ "$(id -u)" != 0 ] || [ -n "$as_user" ]; then
  want=$("$fisc" check rules/2021 examples/dongxihu-bigdata-2021 2>&1 | tail -n 1)
  got=$(cd "$perm" && $as_user ./fisc check rules/2021 sub 2>&1 | tail -n 1)
  if [ "$got" = "$want" ]; then
    pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL a folder of mode 711 was not read: $got"; fi
fi
check missing-list 2 "$fisc" check --from-list no/such/list rules/2021
rm -rf "$out" /tmp/fisc-cli.$$
echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
