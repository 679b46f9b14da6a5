#!/usr/bin/env bash
# A site of N generated articles with this build's app (for bench/perf.sh and
# bench/search.sh): the app's assets from dist/ (after `trunk build --release`), then press
# (data, feeds, sitemaps, cards) and the prerenderer over `press generate`'s corpus.
#   bench/generated-site.sh <N> <site folder>
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
n="${1:?usage: bench/generated-site.sh <N> <site folder>}"
site="${2:?usage: bench/generated-site.sh <N> <site folder>}"
corpus="$ROOT/bench/out/corpus-$n"
cargo build -q --profile press -p krasa-press -p krasa --features krasa/ssr --bin press --bin prerender
rm -rf "$site"
mkdir -p "$site" "$ROOT/bench/out"
site="$(cd "$site" && pwd)"
# the app's assets (and wasm-bindgen's snippets), without this build's pages and data
(cd dist && find . -maxdepth 1 -type f \( -name '*.js' -o -name '*.wasm' -o -name '*.css' -o -name '*.svg' \) -exec cp {} "$site/" \;)
cp -r dist/snippets "$site/"
target/press/press generate --count "$n" --out "$corpus" 2>/dev/null
target/press/press build --content "$corpus" --out "$site/data" --root "$site" --today 2026-11-27 --quiet
target/press/prerender --dist "$site" --shell target/krasa-shell.html 2>&1 | sed 's/^/    /'
