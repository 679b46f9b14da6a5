#!/usr/bin/env bash
# A site of N generated articles with this build's app (for bench/perf.sh and
# bench/search.sh): `press generate`'s corpus, built from scratch by scripts/release (app,
# press, prerender, search index, publish).
#   bench/generated-site.sh <N> <site folder>
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
n="${1:?usage: bench/generated-site.sh <N> <site folder>}"
site="${2:?usage: bench/generated-site.sh <N> <site folder>}"
corpus="$(bench/corpus.sh "$n")"
rm -rf "$site" "$(dirname "$site")/.$(basename "$site").spare"
scripts/release --content "$corpus" --out "$site" 2>&1 | sed 's/^/    /'
