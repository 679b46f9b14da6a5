#!/usr/bin/env bash
# Size of the app's wasm as Trunk ships it (release build, wasm-bindgen, wasm-opt -Oz), raw and
# brotli -q 11, plus the largest items by twiggy when it is installed. A quick check while
# trimming the bundle; bench/perf.sh measures what a browser actually downloads.
#   bench/wasm-size.sh          # sizes
#   bench/wasm-size.sh top 30   # and the 30 largest functions (names kept for twiggy)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
OUT="$ROOT/target/wasm-size"
mkdir -p "$OUT"
cargo build --quiet --release --target wasm32-unknown-unknown --features csr --bin krasa
wasm-bindgen --target web --weak-refs --out-dir "$OUT" target/wasm32-unknown-unknown/release/krasa.wasm
flags=(--enable-bulk-memory --enable-nontrapping-float-to-int)
wasm-opt -Oz "${flags[@]}" --strip-debug "$OUT/krasa_bg.wasm" -o "$OUT/app.wasm"
raw=$(stat -c %s "$OUT/app.wasm")
br=$(brotli -q 11 -c "$OUT/app.wasm" | wc -c)
js=$(brotli -q 11 -c "$OUT/krasa.js" | wc -c)
printf 'wasm %d B raw, %d B brotli; JS glue %d B brotli\n' "$raw" "$br" "$js"
if [ "${1:-}" = "top" ] && command -v twiggy >/dev/null; then
  wasm-opt -Oz "${flags[@]}" -g "$OUT/krasa_bg.wasm" -o "$OUT/named.wasm"
  twiggy top -n "${2:-25}" "$OUT/named.wasm"
fi
