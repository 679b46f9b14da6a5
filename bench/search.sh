#!/usr/bin/env bash
# Search benchmark (README "Search"; run on demand, not part of scripts/test). One run:
#  - builds the release, and a site of N generated articles (default 10,000) with the same
#    app: press, prerender, then the search index, timed (scripts/search-index, Pagefind);
#  - serves it with the shipped nginx config and measures in headless Chromium
#    (bench/search.js): the first view of an article (no search bytes in it), the bytes of
#    a reader's first query (Pagefind's script, worker, wasm, index chunks, fragments), and
#    the time from the last keystroke to the first results on screen, warm (median);
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

echo "==> release build"
trunk build --release --offline >"$OUT/trunk-search.log" 2>&1 || { tail -30 "$OUT/trunk-search.log"; exit 1; }

echo "==> $N generated articles: press, prerender"
bench/generated-site.sh "$N" "$SITE"

echo "==> search index"
start=$(date +%s%N)
scripts/search-index "$SITE" | sed 's/^/    /'
end=$(date +%s%N)
INDEX_MS=$(( (end - start) / 1000000 ))
INDEX_SECONDS="$(( INDEX_MS / 1000 )).$(printf '%03d' $(( INDEX_MS % 1000 )))"
INDEX_BYTES=$(du -sb "$SITE/pagefind" | cut -f1)
INDEX_FILES=$(find "$SITE/pagefind" -type f | wc -l)
printf '    %s s, %s files, %s bytes\n' "$INDEX_SECONDS" "$INDEX_FILES" "$INDEX_BYTES"
# compressed like a release (Pagefind's own index files are gzipped already)
scripts/precompress "$SITE/pagefind" >/dev/null
for f in "$SITE"/*.js "$SITE"/*.wasm "$SITE"/*.css "$SITE"/snippets/*/*.js; do
  brotli -q 11 -f -k -o "$f.br" "$f"
done

cleanup() { scripts/nginx stop "$PORT" || true; }
trap cleanup EXIT
scripts/nginx start "$SITE" "$PORT" >/dev/null
echo "==> measuring (headless Chromium)"
BENCH_URL="http://127.0.0.1:$PORT/" BENCH_OUT="$OUT" BENCH_COUNT="$N" \
  INDEX_SECONDS="$INDEX_SECONDS" INDEX_BYTES="$INDEX_BYTES" INDEX_FILES="$INDEX_FILES" \
  CHROME_PATH=/usr/bin/chromium node bench/search.js
