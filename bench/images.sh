#!/usr/bin/env bash
# Benchmark (not a test) of the picture pipeline (docs/images.md, docs/performance.md):
#   1. the sample content released from scratch (press's encoding line: files, sources, CPU
#      seconds), then again after a text edit (nothing may be encoded);
#   2. for each count N, `press generate`'s N stories made folders, each with its own
#      lead image file (copies of the sample content's lead images, so the sources repeat:
#      press encodes each distinct picture once), released from scratch and after one story's
#      text is edited: wall time and peak memory (/usr/bin/time).
# Writes bench/out/images.json.
#   bench/images.sh [COUNTS...]     (default: 10000)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
OUT="$ROOT/bench/out"
mkdir -p "$OUT"
COUNTS=("$@")
[ ${#COUNTS[@]} -eq 0 ] && COUNTS=(10000)
[ -x /usr/bin/time ] || apt-get install -y -q time >/dev/null

cargo build -q --profile press -p krasa-press -p krasa-prerender -p krasa-release --bins

# release <label> <content> <site> -> "seconds peak_kb encoded sources cpu reused"
# ("from scratch" rows empty the project's image cache first, so that they encode everything)
release() {
  case "$1" in *full*) rm -rf target/image-cache ;; esac
  local log="$OUT/images-$1.log"
  /usr/bin/time -f "%e %M" -o "$OUT/time.log" scripts/release --content "$2" --out "$3" 2>"$log" \
    || { tail -30 "$log"; exit 1; }
  local made
  made=$(sed -n 's/^press: images: \([0-9]*\) files encoded from \([0-9]*\) sources in \([0-9.]*\) s of CPU, \([0-9]*\) unchanged/\1 \2 \3 \4/p' "$log")
  echo "$(cat "$OUT/time.log") $made"
}

json="{"
row() { # label stories "seconds peak_kb encoded sources cpu reused" key
  read -r s m e src c r <<<"$3"
  printf "%-30s %8s %8s %9.0f %8s %8s %9s %8s\n" "$1" "$2" "$s" "$(echo "$m/1024" | bc -l)" "$e" "$src" "$c" "$r"
  json="$json\"$4\":{\"stories\":$2,\"seconds\":$s,\"peak_kb\":$m,\"encoded\":$e,\"sources\":$src,\"cpu_seconds\":$c,\"reused\":$r},"
}

printf '%-30s %8s %8s %9s %8s %8s %9s %8s\n' "release" "stories" "seconds" "peak MiB" "encoded" "sources" "CPU s" "reused"

# 1. the sample content
sample="$OUT/images-sample-content"
site="$OUT/images-sample-site"
rm -rf "$sample" "$site"
cp -r content "$sample"
row "sample, from scratch" 30 "$(release sample-full "$sample" "$site")" sample_full
story="$sample/articles/eu-ai-act-august-deadline-companies-prepare.md"
printf '\nA sentence added during the benchmark.\n' >>"$story"
row "sample, after a text edit" 30 "$(release sample-edit "$sample" "$site")" sample_edit

# 2. generated archives, every story with a lead image
leads=(content/images/*.png content/articles/*/lead.png)
for n in "${COUNTS[@]}"; do
  corpus="$OUT/images-corpus-$n"
  rm -rf "$corpus"
  cp -r "$(bench/corpus.sh "$n")" "$corpus"
  i=0
  for md in "$corpus"/articles/*.md; do
    dir="${md%.md}"
    mkdir "$dir"
    # the lead image lines go right after the opening +++
    { echo '+++'
      echo 'image = "lead.png"'
      echo 'image_alt = "An illustration of the story"'
      tail -n +2 "$md"; } >"$dir/index.md"
    rm "$md"
    ln "${leads[$((i % ${#leads[@]}))]}" "$dir/lead.png" 2>/dev/null \
      || cp "${leads[$((i % ${#leads[@]}))]}" "$dir/lead.png"
    i=$((i + 1))
  done
  site="$OUT/images-site-$n"
  rm -rf "$site" "$OUT/.$(basename "$site").folders"  # from nothing: no folder tree kept either
  row "$n stories, from scratch" "$n" "$(release "full-$n" "$corpus" "$site")" "full_$n"
  edited="$corpus/articles/$(printf 'generated-%06d' $((n / 2)))/index.md"
  printf '\nA correction was added to this story.\n' >>"$edited"
  row "$n stories, one text edit" "$n" "$(release "edit-$n" "$corpus" "$site")" "edit_$n"
done
echo "${json%,}}" >"$OUT/images.json"
echo "wrote $OUT/images.json"
