#!/usr/bin/env bash
# Search benchmark (docs/performance.md; run on demand, not part of scripts/test). One run:
#  - releases a site of N generated articles (default 10,000) with scripts/release, then
#    times the search index on its own (scripts/search-index, Pagefind);
#  - serves it with the shipped nginx config and measures in headless Chromium
#    (bench/search.js): the first view of an article (no search bytes in it), the bytes of
#    a reader's first query (Pagefind's script, worker, wasm, index chunks, fragments), the
#    time from the last keystroke to the first results on screen, warm (median), and, where
#    the archive is larger than the default search scope, "Search the whole archive" after a
#    first search (its bytes and the time to its results);
#  - prints the budget lines and writes bench/out/search.json.
# Usage: bench/search.sh [N]      (about 4 minutes at 10,000 articles on 2 cores)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
N="${1:-10000}"
OUT="$ROOT/bench/out"
SITE="$ROOT/.tmp/bench-search-$N"
PORT=8793
mkdir -p "$OUT"
"$ROOT/scripts/setup" >/dev/null
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"

echo "==> $N generated articles: scripts/release (app, press, prerender, index, publish)"
bench/generated-site.sh "$N" "$SITE"

echo "==> search index, timed on its own (into a scratch folder; the site keeps the release's)"
start=$(date +%s%N)
scripts/search-index "$SITE" "$OUT/pagefind-timed" | sed 's/^/    /'
end=$(date +%s%N)
INDEX_MS=$(( (end - start) / 1000000 ))
INDEX_SECONDS="$(( INDEX_MS / 1000 )).$(printf '%03d' $(( INDEX_MS % 1000 )))"
INDEX_BYTES=$(du -sb "$OUT/pagefind-timed" | cut -f1)
INDEX_FILES=$(find "$OUT/pagefind-timed" -type f | wc -l)
rm -rf "$OUT/pagefind-timed"
printf '    %s s, %s files, %s bytes\n' "$INDEX_SECONDS" "$INDEX_FILES" "$INDEX_BYTES"

cleanup() { scripts/nginx stop "$PORT" || true; }
trap cleanup EXIT
scripts/nginx start "$SITE" "$PORT" >/dev/null
echo "==> measuring (headless Chromium)"
BENCH_URL="http://127.0.0.1:$PORT/" BENCH_OUT="$OUT" BENCH_COUNT="$N" \
  INDEX_SECONDS="$INDEX_SECONDS" INDEX_BYTES="$INDEX_BYTES" INDEX_FILES="$INDEX_FILES" \
  CHROME_PATH=/usr/bin/chromium node bench/search.js
