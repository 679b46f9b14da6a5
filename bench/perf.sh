#!/usr/bin/env bash
# Performance benchmark (run on demand; not part of scripts/test). One run:
#  - builds the release and serves it with the shipped nginx config (compression on);
#  - writes a static control page (the prerendered article with every script removed);
#  - builds 30- and 10,000-article synthetic corpora with the same app;
#  - measures in headless Chromium (bench/perf.js): bytes of a first view, Lighthouse
#    12.2.3 mobile and desktop (article, feed, tag, section, author and tutorial pages), LCP against
#    the control, client-side navigation times, first feed, section and author page bytes
#    and feed render time at 30 vs 10,000 articles, memory (wasm, JS heap,
#    DOM nodes) after 10 vs 1,000 navigations;
#  - prints a table with pass/fail against the budget and writes bench/out/perf.json.
# Usage: bench/perf.sh            (about 10 minutes on 2 cores)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
OUT="$ROOT/bench/out"
mkdir -p "$OUT"

"$ROOT/scripts/setup" >/dev/null
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
if [ ! -x bench/node_modules/.bin/lighthouse ]; then
  echo "==> npm ci in bench/ (Lighthouse 12.2.3)"
  npm ci --prefix bench --no-audit --no-fund --loglevel=error
fi

echo "==> release build"
trunk build --release --offline >"$OUT/trunk.log" 2>&1 || { tail -30 "$OUT/trunk.log"; exit 1; }

SLUG="us-china-ai-risk-talks-beijing-summit"
echo "==> static control page (the prerendered article without scripts)"
python3 bench/control-page.py dist "$SLUG"

echo "==> corpora of 30 and 10,000 generated articles (same app build)"
for n in 30 10000; do
  bench/generated-site.sh "$n" "$ROOT/.tmp/bench-$n"
done

cleanup() {
  scripts/nginx stop 8790 || true
  scripts/nginx stop 8791 || true
  scripts/nginx stop 8792 || true
}
trap cleanup EXIT
scripts/nginx start "$ROOT/dist" 8790 >/dev/null
scripts/nginx start "$ROOT/.tmp/bench-30" 8791 >/dev/null
scripts/nginx start "$ROOT/.tmp/bench-10000" 8792 >/dev/null

echo "==> measuring (headless Chromium, Lighthouse)"
BENCH_URL="http://127.0.0.1:8790/" BENCH_URL_30="http://127.0.0.1:8791/" BENCH_URL_10K="http://127.0.0.1:8792/" \
  BENCH_ARTICLE="$SLUG" BENCH_OUT="$OUT" CHROME_PATH=/usr/bin/chromium node bench/perf.js
