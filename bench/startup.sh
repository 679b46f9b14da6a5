#!/usr/bin/env bash
# Start-up benchmark (run on demand; not part of scripts/test): where the app's start-up
# goes on a first view under a 4× CPU slowdown (a mid-range phone), per page type (article,
# the long tutorial, feed, tag) and for the article's script-free control page. Builds the
# release, serves it with the shipped nginx config and runs bench/startup.js, which prints
# medians (BENCH_RUNS first views each, default 5) and writes bench/out/startup.json:
#   fetch      the wasm's download          compile+   its compilation left after the download
#   inst       instantiation                render     the app's first render (DOM replaced)
#   layout     the rest of that task (style, layout)   boot→app   from the boot script to the app
#   long, longest, TBT   long tasks: count, longest, and the time over 50 ms after the first paint
# Usage: bench/startup.sh            (about 3 minutes on 2 cores)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
OUT="$ROOT/bench/out"
mkdir -p "$OUT"
"$ROOT/scripts/setup" >/dev/null
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"

echo "==> release build"
scripts/release --content content --out dist >"$OUT/startup-release.log" 2>&1 || { tail -30 "$OUT/startup-release.log"; exit 1; }
SLUG="us-china-ai-risk-talks-beijing-summit"
python3 bench/control-page.py dist "$SLUG"
trap 'scripts/nginx stop 8796 >/dev/null || true' EXIT
scripts/nginx start "$ROOT/dist" 8796 >/dev/null
echo "==> measuring (headless Chromium, CPU 4× slower)"
BENCH_URL="http://127.0.0.1:8796/" BENCH_OUT="$OUT" CHROME_PATH=/usr/bin/chromium node bench/startup.js
