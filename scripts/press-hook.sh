#!/bin/sh
# Trunk post_build hook (see Trunk.toml). Runs in Trunk's staging folder, which becomes dist/.
#  release: scripts/release --in-place: press (content/ -> data/, feeds, sitemaps, robots.txt,
#     social cards), the prerenderer (every page press listed, with the app's components),
#     the search index (Pagefind), then publish (brotli and gzip copies).
#     With KRASA_APP_ONLY=1 (set by scripts/release when it builds the app alone) nothing
#     more is done: the release is assembled by scripts/release.
#  debug (trunk serve): press, with drafts and future-dated articles so editors can preview
#     them; then the article pages alone are rendered into target/search-pages and indexed,
#     shard by shard, so editors can try search while they write.
set -eu
: "${TRUNK_STAGING_DIR:?run by trunk}"
src="${TRUNK_SOURCE_DIR:-.}"
public_url="${TRUNK_PUBLIC_URL:-/}"
profile="${TRUNK_PROFILE:-debug}"

if [ "$profile" = "release" ]; then
  # keep Trunk's shell for re-rendering other corpora (bench/perf.sh)
  mkdir -p "$src/target"
  cp "$TRUNK_STAGING_DIR/index.html" "$src/target/krasa-shell.html"
  [ "${KRASA_APP_ONLY:-}" = 1 ] && exit 0
  exec "$src/scripts/release" --in-place "$TRUNK_STAGING_DIR" --content "$src/content" \
    --public-url "$public_url"
fi

cargo run --quiet --profile press -p krasa-press --bin press -- \
  build --content "$src/content" --out "$TRUNK_STAGING_DIR/data" \
  --root "$TRUNK_STAGING_DIR" --public-url "$public_url" --drafts --future \
  --image-cache "$src/target/image-cache"
# the search shards' pages (press's plan: "<shard> <page>" lines); what the cards and
# pictures were made from matters to releases only
plan="$src/target/search-shards"
cp "$TRUNK_STAGING_DIR/.krasa-inputs/search-shards" "$plan"
rm -rf "$TRUNK_STAGING_DIR/.krasa-inputs"
pages="$src/target/search-pages"
cargo run --quiet --profile press -p krasa-prerender --bin prerender -- \
  --dist "$TRUNK_STAGING_DIR" --public-url "$public_url" --index-pages-only "$pages"
# one Pagefind bundle per shard, as a release has (docs/architecture.md, search)
for shard in $(cut -d' ' -f1 "$plan" | uniq); do
  site="$src/target/search-shard"
  rm -rf "$site"
  grep "^$shard " "$plan" | cut -d' ' -f2 | while read -r page; do
    mkdir -p "$site/$(dirname "$page")"
    ln "$pages/$page" "$site/$page"
  done
  "$src/scripts/search-index" "$site" "$TRUNK_STAGING_DIR/pagefind/$shard"
done
