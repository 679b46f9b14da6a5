#!/usr/bin/env bash
# scripts/release end to end, on a copy of the sample content (docs/deploy.md):
#   - an edit indexes only its story's search shard again, the others keep their files;
#   - after an edit, an added story and a removed story, the incremental release is byte for
#     byte the folder a full build of the same content writes;
#   - files that did not change keep their inode and modification time, and the build says
#     how many files it wrote, kept and removed;
#   - a build killed half-way leaves the previous release untouched and usable, and the next
#     build, starting from its stage, publishes what a full build does;
#   - the previous release is kept whole beside it (the next stage starts from it, and the
#     release is untouched while the stage is written), and the files and folders of removed
#     pages do not reach the release.
# Run by scripts/test (e2e layer) after the release builds, whose app it reuses.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
content="$work/content" site="$work/site" log="$work/release.log"
cp -R "$ROOT/content" "$content"
failures=0
fail() { echo "release test: FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "release test: ok: $*"; }

release() { "$ROOT/scripts/release" --content "$content" --out "$1" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }; }
# "written unchanged removed" from the build's own summary line
counts() { sed -n 's/.*: \([0-9]*\) files written, \([0-9]*\) unchanged, \([0-9]*\) removed.*/\1 \2 \3/p' "$log"; }
# "rendered unchanged": the pages the prerenderer rendered and the ones it took from the release
pages() { sed -n 's/^prerender: .*: \([0-9]*\) rendered, \([0-9]*\) unchanged$/\1 \2/p' "$log"; }
# the incremental release equals a full build of the same content
same_as_full() {
  rm -rf "$work/full"
  release "$work/full"
  if diff -r "$site" "$work/full" >"$work/diff" 2>&1; then
    ok "$1: incremental release = full build ($(find "$site" -type f | wc -l) files)"
  else
    fail "$1: incremental release differs from a full build:"; head -20 "$work/diff" >&2
  fi
}
inode() { stat -c '%i %Y' "$site/$1"; }
# whether a story's page is in the search index (Pagefind's fragments are gzipped JSON)
in_search() { zcat "$site"/pagefind/*/fragment/*.pf_fragment 2>/dev/null | grep "articles/$1/" >/dev/null; }
# the release's manifest: beside the release folder, named for its inode (never in it)
manifest() { echo "$work/.site.krasa-$(stat -c %i "$site")"; }

release "$site"
read -r written unchanged removed <<<"$(counts)"
[ "$unchanged" = 0 ] && [ "$written" -gt 100 ] || fail "first build: $written written, $unchanged unchanged"
[ -f "$(manifest)" ] || fail "first build: no manifest beside the release"
[ -z "$(find "$site" -name '.krasa*' -print -quit)" ] || fail "first build: a record inside the release"
release "$site"
read -r written unchanged removed <<<"$(counts)"
[ "$written" = 0 ] && [ "$removed" = 0 ] || fail "rebuild without changes wrote $written, removed $removed"
read -r rendered kept <<<"$(pages)"
[ "$rendered" = 0 ] || fail "rebuild without changes rendered $rendered pages again"
! grep -q 'stories indexed' "$log" || fail "rebuild without changes indexed articles again"
grep -q '^search-index: shard .*: unchanged, kept' "$log" || fail "rebuild without changes: no search shard kept"
ok "rebuild without changes: 0 written, $unchanged unchanged; 0 pages rendered, $kept kept; every search shard kept"
# the previous release is kept whole beside it, for the next stage (nothing changed: the same)
spare="$work/.site.spare"
[ -d "$spare/articles" ] || fail "rebuild: the previous release is not kept beside the release"
diff -r "$spare" "$site" >/dev/null || fail "rebuild: the kept release differs from the same release"
ok "rebuild: the previous release kept whole beside it ($(find "$spare" -type f | wc -l) files)"

# 1. edit the body of the oldest story
oldest="$(grep -l '^date = ' "$content"/articles/*.md | xargs grep -H '^date = ' | sort -t= -k2 | head -1 | cut -d: -f1)"
slug="$(basename "$oldest" .md)"
keep="articles/us-china-ai-risk-talks-beijing-summit/index.html"
before="$(inode "$keep")"
# the newest search shard (the oldest story is in another)
newest="pagefind/$(sed 's/^{[^[]*\[{"id":"\([0-9-]*\)".*/\1/' "$site/data/search.json")/pagefind-entry.json"
[ -f "$site/$newest" ] || fail "no newest search shard ($newest)"
newest_before="$(inode "$newest")"
printf '\nA correction was added to this story on review.\n' >>"$oldest"
release "$site"
read -r written unchanged removed <<<"$(counts)"
grep -q 'correction was added' "$site/articles/$slug/index.html" || fail "edit: the page does not show the edit"
[ "$(inode "$keep")" = "$before" ] || fail "edit: an unchanged page was rewritten ($keep)"
# only the edited story's search shard is indexed again; the others keep their files
[ "$(grep -c 'stories indexed' "$log")" = 1 ] || fail "edit: $(grep -c 'stories indexed' "$log") search shards indexed again"
[ "$(inode "$newest")" = "$newest_before" ] || fail "edit: the newest search shard was rewritten"
# (its page and data, the lists and related stories showing its new length, the search index)
[ "$written" -le $((unchanged / 4)) ] || fail "edit: $written files written for one edited story"
read -r rendered kept <<<"$(pages)"
# (the story's page, the list pages it is on, the pages that show it as related)
[ "$rendered" -ge 1 ] && [ "$rendered" -le $((kept / 2)) ] || fail "edit: $rendered pages rendered, $kept kept"
ok "edit of $slug: $written written, $unchanged unchanged, $removed removed; $rendered pages rendered, $kept kept"
same_as_full "edit"

# 2. add a story dated today: the latest page and the newest archive page change, older
# archive pages do not
cat >"$content/articles/a-story-added-by-the-release-test.md" <<EOF
+++
title = "A story added by the release test"
date = $(date +%F)
author = "Krasa News"
category = "Analysis"
tags = ["AI Policy"]
+++
This story exists only while the release test runs. It checks that publishing one story
rewrites a handful of files and leaves the archive as it was.

## Why it matters

Readers and upload tools should see only what changed.
EOF
# (an archive page counts the newer pages up to 4, so a story that opens a new archive page
# changes those counts on the pages near the newest: then archive page 1 keeps its stories)
archive_pages() { ls "$site/data/feed/" | grep -c '^[0-9]*\.json$'; }
page1_stories() { grep -o '"slug":"[a-z0-9-]*"' "$site/data/feed/1.json" | tr '\n' ' '; }
page1="$(inode page/1/index.html)"
pages_before="$(archive_pages)"
stories1="$(page1_stories)"
release "$site"
read -r written unchanged removed <<<"$(counts)"
[ -f "$site/articles/a-story-added-by-the-release-test/index.html" ] || fail "add: no page for the new story"
[ "$(page1_stories)" = "$stories1" ] || fail "add: archive page 1's stories changed"
if [ "$(archive_pages)" = "$pages_before" ]; then
  [ "$(inode page/1/index.html)" = "$page1" ] || fail "add: archive page 1 was rewritten"
fi
[ "$written" -le $((unchanged / 4)) ] || fail "add: $written files written for one new story"
in_search a-story-added-by-the-release-test || fail "add: the new story is not in the search index"
[ -d "$site/pagefind/$(date +%Y-%m)" ] || fail "add: today's story is not in a search shard of its month"
ok "add: $written written, $unchanged unchanged, $removed removed"
same_as_full "add"

# 3. remove it again
rm "$content/articles/a-story-added-by-the-release-test.md"
release "$site"
read -r written unchanged removed <<<"$(counts)"
[ ! -e "$site/articles/a-story-added-by-the-release-test" ] || fail "remove: the page is still there"
[ "$removed" -ge 1 ] || fail "remove: nothing removed"
# it was today's story, alone in the newest month's (hot) shard: that shard goes, and every
# other shard is kept as it was
[ ! -e "$site/pagefind/$(date +%Y-%m)" ] || fail "remove: its month's search shard is still there"
[ "$(grep -c 'stories indexed' "$log")" = 0 ] || fail "remove: $(grep -c 'stories indexed' "$log") search shards indexed again"
! in_search a-story-added-by-the-release-test || fail "remove: the story is still in the search index"
ok "remove: $written written, $unchanged unchanged, $removed removed"
same_as_full "remove"

# 4. a build killed half-way (SIGKILL, once the prerenderer is writing into the stage). The
# build is first frozen (SIGSTOP) and the release checked untouched at that moment, so a kill
# that comes too late (the exchange already done, on a loaded machine) is seen and the
# attempt repeated, instead of failing or passing by chance.
cp "$(manifest)" "$work/manifest.before"
stage="$work/.site.stage"
interrupted=""
for attempt in 1 2 3; do
  printf '\nA correction never published (%s).\n' "$attempt" >>"$oldest"
  setsid "$ROOT/scripts/release" --content "$content" --out "$site" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    [ -d "$stage/articles" ] && break
    sleep 0.05
  done
  kill -STOP -- "-$pid" 2>/dev/null || true
  if cmp -s "$(manifest)" "$work/manifest.before"; then interrupted=yes; fi
  kill -9 -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [ -n "$interrupted" ] && break
  cp "$(manifest)" "$work/manifest.before" # it published: try again from here
done
[ -n "$interrupted" ] || fail "interrupt: three builds finished before they could be killed"
cmp -s "$(manifest)" "$work/manifest.before" || fail "interrupt: the release's manifest changed"
# every file the release lists is there with its bytes: the site is whole and usable
(cd "$site" && sed 1d "$(manifest)" | awk '{print $1 "  " $4}' | sha256sum --quiet -c -) ||
  fail "interrupt: the release's files no longer match its manifest"
grep -q "correction never published ($attempt)" "$site/articles/$slug/index.html" &&
  fail "interrupt: half a build was published"
# the next build starts from the killed build's stage (whole files only) and publishes
[ -d "$stage" ] || fail "interrupt: no stage left to start from"
release "$site"
grep -q "correction never published ($attempt)" "$site/articles/$slug/index.html" ||
  fail "interrupt: the next build did not publish"
[ ! -e "$stage" ] || fail "interrupt: the next build left its stage behind"
[ "$(find "$work" -maxdepth 1 -name '.site.krasa-*' | wc -l)" = 1 ] ||
  fail "interrupt: stale manifests left beside the release"
ok "interrupted build (attempt $attempt): the previous release stayed whole; the next build published"
same_as_full "after an interrupted build"

[ "$failures" = 0 ] || { echo "release test: $failures failure(s)" >&2; exit 1; }
echo "release test: all passed"
