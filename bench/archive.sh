#!/usr/bin/env bash
# Benchmark (not a test) for archive scale (docs/performance.md): for each corpus size,
# `press generate`'s articles released by scripts/release
#   - from scratch (full build: app reused, press, cards, prerender, search index, publish),
#   - again after one article is edited (one from the middle of the archive, then the newest),
#     after one is added, after it is removed, and for a new version of the app (a
#     stylesheet rule added, then taken out again: every page rendered again)
#     (incremental builds into the same folder),
# with wall time, peak memory (the largest process, /usr/bin/time) and the files written,
# unchanged and removed as the release counts them. In the same run, Hugo (Debian's
# `hugo`, bench/hugo-site) builds the first corpus's Markdown as the reference.
# Writes bench/out/archive.json.
#   bench/archive.sh [COUNTS...]     (default: 10000 100000)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
OUT="$ROOT/bench/out"
mkdir -p "$OUT"
COUNTS=("$@")
[ ${#COUNTS[@]} -eq 0 ] && COUNTS=(10000 100000)
[ -x /usr/bin/time ] || apt-get install -y -q time >/dev/null

cargo build -q --profile press -p krasa-press -p krasa-prerender -p krasa-release --bins

# release <label> <corpus> <site> -> "seconds peak_kb written unchanged removed"
release() {
  local log="$OUT/archive-$1.log"
  /usr/bin/time -f "%e %M" -o "$OUT/time.log" scripts/release --content "$2" --out "$3" 2>"$log" \
    || { tail -30 "$log"; exit 1; }
  local counts
  counts=$(sed -n 's/.*: \([0-9]*\) files written, \([0-9]*\) unchanged, \([0-9]*\) removed.*/\1 \2 \3/p' "$log")
  echo "$(cat "$OUT/time.log") $counts"
}

row() { # label articles "seconds peak_kb written unchanged removed"
  read -r s m w u r <<<"$3"
  printf '%-34s %8s %9s %9.0f %8s %10s %8s\n' "$1" "$2" "$s" "$(echo "$m/1024" | bc -l)" "$w" "$u" "$r"
  json="$json\"$4\":{\"articles\":$2,\"seconds\":$s,\"peak_kb\":$m,\"written\":$w,\"unchanged\":$u,\"removed\":$r},"
}

# edited_release <file in articles/> <row label> <key>: a sentence added to that story's body,
# a release, then the story restored (not released: the caller decides)
edited_release() {
  local file="$corpus/articles/$1"
  cp "$file" "$OUT/edited.md.orig"
  printf '\nA correction was added to this story.\n' >>"$file"
  row "rebuild, $2" "$n" "$(release "$3-$n" "$corpus" "$site")" "$3_$n"
  cp "$OUT/edited.md.orig" "$file"
}

json="{"
printf '%-34s %8s %9s %9s %8s %10s %8s\n' "build" "articles" "seconds" "peak MiB" "written" "unchanged" "removed"
for n in "${COUNTS[@]}"; do
  corpus="$(bench/corpus.sh "$n")"
  site="$OUT/archive-site-$n"
  rm -rf "$site" "$OUT/.$(basename "$site").spare"  # from nothing: no release kept beside it either
  row "full release" "$n" "$(release "full-$n" "$corpus" "$site")" "full_$n"
  row "rebuild, nothing changed" "$n" "$(release "same-$n" "$corpus" "$site")" "same_$n"

  # one edited article from the middle of the archive (its body), then restored
  edited_release "$(printf 'generated-%06d.md' $((n / 2)))" "one article edited" "edit"
  row "rebuild, that edit undone" "$n" "$(release "undo-$n" "$corpus" "$site")" "undo_$n"
  # the newest story (in the hot shard, the newest month) edited, then restored
  edited_release generated-000001.md "newest article edited" "recent"

  # one new story, today's, then removed again
  added="$corpus/articles/bench-added-story.md"
  sed -e 's/^title = .*/title = "A story published during the benchmark"/' \
    -e 's/^date = .*/date = 2026-05-31/' "$corpus/articles/generated-000001.md" >"$added"
  row "rebuild, one article added" "$n" "$(release "add-$n" "$corpus" "$site")" "add_$n"
  rm "$added"
  row "rebuild, that article removed" "$n" "$(release "remove-$n" "$corpus" "$site")" "remove_$n"

  # a new version of the app (a rule added to the stylesheet): every page is rendered and
  # compressed again around the same data; cards, pictures, bodies and shards are reused.
  # The row's seconds leave out the app's own build (Trunk), printed apart.
  cp style/main.css "$OUT/main.css.orig"
  trap 'cp "$OUT/main.css.orig" style/main.css' EXIT
  printf '\n.bench-new-app-version { color: inherit; }\n' >>style/main.css
  result="$(release "app-$n" "$corpus" "$site")"
  cp "$OUT/main.css.orig" style/main.css
  trap - EXIT
  app_s="$(awk '/^release: app$/ { on = 1 } on && /^release: +[0-9.]+ s$/ { print $2; exit }' "$OUT/archive-app-$n.log")"
  read -r s rest <<<"$result"
  row "rebuild, a new app version" "$n" "$(echo "$s - $app_s" | bc) $rest" "app_$n"
  echo "    (and the app's own build before it: $app_s s)"
  du -sh "$site" | awk -v n="$n" '{printf "    site of %s articles: %s on disk\n", n, $1}'
done

n="${COUNTS[0]}"
hugo_site="$OUT/hugo-$n"
bench/hugo-site.sh "$(bench/corpus.sh "$n")" "$hugo_site"
/usr/bin/time -f "%e %M" -o "$OUT/time.log" \
  hugo --quiet --source "$hugo_site" --destination "$hugo_site/public" --cleanDestinationDir >/dev/null
read -r s m <"$OUT/time.log"
printf '%-34s %8s %9s %9.0f\n' "hugo $(hugo version | awk '{print $2}') (reference)" "$n" "$s" "$(echo "$m/1024" | bc -l)"
json="$json\"hugo_$n\":{\"seconds\":$s,\"peak_kb\":$m}}"
echo "$json" >"$OUT/archive.json"
rm -rf "$hugo_site"
