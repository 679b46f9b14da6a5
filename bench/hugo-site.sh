#!/usr/bin/env bash
# The Hugo reference site (Debian's `hugo`, installed here when missing): bench/hugo-site
# with a corpus's articles as Markdown pages, in a fresh folder.
#   bench/hugo-site.sh <corpus folder> <site folder>
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${1:?usage: bench/hugo-site.sh <corpus folder> <site folder>}"
site="${2:?usage: bench/hugo-site.sh <corpus folder> <site folder>}"
command -v hugo >/dev/null || { echo "installing hugo (apt) for the reference" >&2; apt-get install -y -q hugo >/dev/null; }
rm -rf "$site"
cp -r "$ROOT/bench/hugo-site" "$site"
mkdir -p "$site/content/articles"
cp "$corpus/articles/"*.md "$site/content/articles/"
