#!/usr/bin/env bash
# The generated corpus of N articles (`press generate`, seed 42) that the benchmarks share:
# written once into bench/out/corpus-<N> (marked complete by .zipf-count-<N>: words drawn by
# Zipf's law), then reused.
# Prints its folder.
#   bench/corpus.sh <N>
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:?usage: bench/corpus.sh <N>}"
corpus="$ROOT/bench/out/corpus-$n"
# the marker names the generator mode: corpora of an older mode are written again
marker="$corpus/.zipf-count-$n"
if [ ! -f "$marker" ]; then
  (cd "$ROOT" && cargo build -q --profile press -p krasa-press --bin press)
  rm -rf "$corpus"
  "$ROOT/target/press/press" generate --count "$n" --out "$corpus" 2>/dev/null
  touch "$marker"
fi
echo "$corpus"
