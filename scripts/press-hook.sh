#!/bin/sh
# Trunk post_build hook: compile content/ into the staging folder's data/.
# Debug builds (trunk serve) also show drafts and future-dated articles, so editors can
# preview them; release builds publish only what is live.
set -eu
: "${TRUNK_STAGING_DIR:?run by trunk}"
extra=""
if [ "${TRUNK_PROFILE:-debug}" = "debug" ]; then
  extra="--drafts --future"
fi
cargo run --quiet --profile press -p krasa-press --bin press -- \
  build --content "${TRUNK_SOURCE_DIR:-.}/content" --out "$TRUNK_STAGING_DIR/data" $extra
