#!/usr/bin/env bash
# Benchmark (not a test): press on 1,000 and 10,000 generated articles, and Hugo (Debian's
# `hugo`, a minimal site in bench/hugo-site with one template per page kind) on the same
# 10,000 articles as Markdown pages, in the same run. Prints time and peak memory, writes
# bench/out/press.json.
#   bench/press-vs-hugo.sh [COUNTS...]     (default: 1000 10000)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
OUT="$ROOT/bench/out"
mkdir -p "$OUT"
COUNTS=("$@")
[ ${#COUNTS[@]} -eq 0 ] && COUNTS=(1000 10000)
[ -x /usr/bin/time ] || apt-get install -y -q time >/dev/null

cargo build -q --profile press -p krasa-press
PRESS="$ROOT/target/press/press"

measure() { # label, command... -> "seconds peak_kb"
  local log="$OUT/time.log"
  /usr/bin/time -f "%e %M" -o "$log" "${@:2}" >/dev/null 2>"$OUT/$1.stderr" || { cat "$OUT/$1.stderr"; exit 1; }
  cat "$log"
}

best_of() { # runs, label, command... -> best "seconds peak_kb"
  local runs=$1; shift
  local best=""
  for _ in $(seq 1 "$runs"); do
    local r; r=$(measure "$@")
    if [ -z "$best" ] || awk -v a="${r%% *}" -v b="${best%% *}" 'BEGIN{exit !(a<b)}'; then best="$r"; fi
  done
  echo "$best"
}

json="{"
printf '%-28s %10s %12s %12s\n' "build" "articles" "seconds" "peak MiB"
for n in "${COUNTS[@]}"; do
  src="$(bench/corpus.sh "$n")"
  r=$(best_of 3 "press-$n" "$PRESS" build --content "$src" --out "$OUT/data-$n" --today 2026-11-27 --quiet)
  s=${r%% *}; m=${r##* }
  printf '%-28s %10s %12s %12.1f\n' "press build" "$n" "$s" "$(echo "$m/1024" | bc -l)"
  json="$json\"press_$n\":{\"seconds\":$s,\"peak_kb\":$m},"
  first=$(stat -c %s "$OUT/data-$n/feed/latest.json")
  json="$json\"feed_page_1_bytes_$n\":$first,"
done

n="${COUNTS[-1]}"
site="$OUT/hugo-$n"
bench/hugo-site.sh "$(bench/corpus.sh "$n")" "$site"
r=$(best_of 3 "hugo-$n" hugo --quiet --source "$site" --destination "$site/public" --cleanDestinationDir)
s=${r%% *}; m=${r##* }
printf '%-28s %10s %12s %12.1f\n' "hugo $(hugo version | awk '{print $2}')" "$n" "$s" "$(echo "$m/1024" | bc -l)"
json="$json\"hugo_$n\":{\"seconds\":$s,\"peak_kb\":$m}}"
echo "$json" > "$OUT/press.json"
p=$(echo "$json" | python3 -c "import json,sys; d=json.load(sys.stdin); print(d['press_$n']['seconds']/d['hugo_$n']['seconds'])")
printf 'press / hugo time at %s articles: %.2f (below 1.00 means press is faster)\n' "$n" "$p"
for c in "${COUNTS[@]}"; do printf 'feed/latest.json at %s articles: %s bytes\n' "$c" "$(stat -c %s "$OUT/data-$c/feed/latest.json")"; done
