#!/usr/bin/env bash
# The generated corpus of N articles (`press generate`, seed 42) that the benchmarks share:
# written once into bench/out/corpus-<N> (marked complete by .count-<N>), then reused.
# Prints its folder.
#   bench/corpus.sh <N>
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:?usage: bench/corpus.sh <N>}"
corpus="$ROOT/bench/out/corpus-$n"
if [ ! -f "$corpus/.count-$n" ]; then
  (cd "$ROOT" && cargo build -q --profile press -p krasa-press --bin press)
  rm -rf "$corpus"
  "$ROOT/target/press/press" generate --count "$n" --out "$corpus" 2>/dev/null
  touch "$corpus/.count-$n"
fi
echo "$corpus"
