#!/bin/sh
# bench/narrative.sh -- time `fisc check` of a 30 KB narrative against 200
# claims (bench/narrative_gen.py), and count its instructions with callgrind
# (stable on a noisy machine).  Usage: bench/narrative.sh [build/fisc]
set -eu
fisc=${1:-build/fisc}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 "$(dirname "$0")/narrative_gen.py" "$dir"
# An empty rule file gives the floor: start-up, reading and normalising.
: > "$dir/empty.fisc"
echo 'rule Z "z" { assert 1 == 1 }' > "$dir/empty.fisc"
if command -v hyperfine >/dev/null 2>&1; then
  hyperfine -N --warmup 3 --runs 30 \
    "$fisc check --format json $dir/empty.fisc $dir/sub" \
    "$fisc check --format json $dir/rules.fisc $dir/sub" || true
fi
if command -v valgrind >/dev/null 2>&1; then
  for r in empty rules; do
    valgrind --tool=callgrind --callgrind-out-file="$dir/cg.$r" \
      "$fisc" check --format json "$dir/$r.fisc" "$dir/sub" >/dev/null 2>"$dir/cg.$r.log" || true
    printf '%s: ' "$r"
    grep -o 'Collected : [0-9]*' "$dir/cg.$r.log" || grep 'refs' "$dir/cg.$r.log"
  done
fi
