#!/bin/sh
# bench/sqlite.sh -- run the table checks (bench/identities.sql) with the
# sqlite3 shell over the submissions listed in LIST (one folder per line).
#
#   bench/sqlite.sh LIST [DB]
#
# The loader is awk: it streams every line of every CSV (and last year's
# 收入支出决算总表 / 财政拨款收入支出决算总表 in prior/) into one
# `.import --csv`, each line prefixed with the unit (folder name), whether it
# is last year's, the table (file name) and the line number; sqlite3 does
# all the rest -- finding the header, reading 金额单位, parsing figures, the
# checks -- in SQL.  Output: `unit<TAB>rule` per failing rule, on stdout.
# DB defaults to :memory: (the load time counts either way).
set -eu
list=$1
db=${2:-:memory:}
here=$(cd "$(dirname "$0")" && pwd)
files=$(mktemp)
trap 'rm -f "$files" "$files.awk" "$files.err"' EXIT
# The CSV files: every table of every unit, and two of last year's.
while IFS= read -r d; do
  for f in "$d"/*.csv "$d/prior/收入支出决算总表.csv" "$d/prior/财政拨款收入支出决算总表.csv"; do
    [ -f "$f" ] && printf '%s\n' "$f"
  done
done < "$list" > "$files"
# A CSV stream: unit,prior,table,line,<the line as it is>.  unit.csv is not
# a table and is skipped.
cat > "$files.awk" <<'EOF'
FNR == 1 {
  n = split(FILENAME, a, "/"); t = a[n]; sub(/\.csv$/, "", t); u = a[n - 1]; p = 0
  if (u == "prior") { p = 1; u = a[n - 2] }
  skip = (t == "unit")
}
!skip { sub(/\r$/, ""); print u "," p "," t "," FNR "," $0 }
EOF
sqlite3 "$db" \
  -cmd "CREATE TABLE raw(unit TEXT, prior INTEGER, tbl TEXT, line INTEGER, c1, c2, c3, c4, c5, c6, c7, c8, c9);" \
  -cmd ".import --csv '|xargs -d \"\\n\" -a $files awk -f $files.awk' raw" \
  < "$here/identities.sql" 2> "$files.err" || { grep -v 'filling the rest with NULL\|extras ignored' "$files.err" >&2; exit 2; }
# (sqlite3 warns about every short CSV line -- title lines -- on stderr)
grep -v 'filling the rest with NULL\|extras ignored' "$files.err" >&2 || true
