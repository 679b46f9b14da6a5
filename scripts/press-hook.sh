#!/bin/sh
# Trunk post_build hook (see Trunk.toml). Runs in Trunk's staging folder, which becomes dist/.
#  1. press: content/ -> data/ (JSON), plus feeds, sitemap.xml and robots.txt in the root.
#     Debug builds (trunk serve) also show drafts and future-dated articles, so editors can
#     preview them; release builds publish only what is live.
#  2. release: prerender every route to HTML with the app's components (Leptos SSR), index
#     the article pages for search (Pagefind), then precompress text assets and the wasm
#     (brotli and gzip) for the web server.
#     debug (trunk serve): render the article pages alone into target/search-pages and index
#     those, so editors can try search while they write.
set -eu
: "${TRUNK_STAGING_DIR:?run by trunk}"
src="${TRUNK_SOURCE_DIR:-.}"
public_url="${TRUNK_PUBLIC_URL:-/}"
profile="${TRUNK_PROFILE:-debug}"
extra=""
if [ "$profile" = "debug" ]; then
  extra="--drafts --future"
fi
cargo run --quiet --profile press -p krasa-press --bin press -- \
  build --content "$src/content" --out "$TRUNK_STAGING_DIR/data" \
  --root "$TRUNK_STAGING_DIR" --public-url "$public_url" $extra

if [ "$profile" = "release" ]; then
  # keep Trunk's shell for re-rendering other corpora (bench/perf.sh)
  mkdir -p "$src/target"
  cp "$TRUNK_STAGING_DIR/index.html" "$src/target/krasa-shell.html"
  cargo run --quiet --profile press -p krasa --features ssr --bin prerender -- \
    --dist "$TRUNK_STAGING_DIR" --public-url "$public_url"
  "$src/scripts/search-index" "$TRUNK_STAGING_DIR"
  "$src/scripts/precompress" "$TRUNK_STAGING_DIR"
else
  pages="$src/target/search-pages"
  cargo run --quiet --profile press -p krasa --features ssr --bin prerender -- \
    --dist "$TRUNK_STAGING_DIR" --public-url "$public_url" --index-pages-only "$pages"
  "$src/scripts/search-index" "$pages" "$TRUNK_STAGING_DIR/pagefind"
fi
