#!/usr/bin/env bash
# Benchmark (not a test): what highlighting code blocks costs press. `press generate
# --code-blocks` writes a corpus whose every story ends with a Python block and a shell
# session; `press build` then runs on it with and without highlighting (`--plain-code`),
# alternating, three times each; prints each run's wall time and the ratio of the medians.
#   bench/highlight.sh [COUNT]      (default 10000)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
n="${1:-10000}"
OUT="$ROOT/bench/out"
corpus="$OUT/corpus-code-$n"
cargo build -q --profile press -p krasa-press --bin press
press="$ROOT/target/press/press"
if [ ! -f "$corpus/.count-$n" ]; then
  rm -rf "$corpus"
  "$press" generate --count "$n" --out "$corpus" --code-blocks 2>/dev/null
  touch "$corpus/.count-$n"
fi
run() { # <label> [press flags] -> seconds
  local data="$OUT/highlight-data"
  rm -rf "$data"
  local start end
  start=$(date +%s.%N)
  "$press" build --content "$corpus" --out "$data" --today 2026-12-07 --quiet "$@" 2>/dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
declare -a on off
for i in 1 2 3; do
  off+=("$(run --plain-code)")
  on+=("$(run)")
  printf 'run %d: highlighted %.2f s, plain %.2f s\n' "$i" "${on[-1]}" "${off[-1]}"
done
median() { printf '%s\n' "$@" | sort -g | sed -n 2p; }
m_on=$(median "${on[@]}")
m_off=$(median "${off[@]}")
printf 'press build, %d stories with code: highlighted %.2f s, plain %.2f s (medians of 3): %.2f x\n' \
  "$n" "$m_on" "$m_off" "$(echo "$m_on / $m_off" | bc -l)"
