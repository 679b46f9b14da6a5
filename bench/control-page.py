"""The static control page of the benchmarks (bench/perf.sh, bench/startup.sh): an article's
prerendered page with every script removed, and the app's preloads (the lead image's stays:
it is the page's, not the app's), written to <dist>/control/<slug>/index.html.

    python3 bench/control-page.py <dist> <slug>
"""
import os
import re
import sys

dist, slug = sys.argv[1], sys.argv[2]
html = open(f"{dist}/articles/{slug}/index.html", encoding="utf-8").read()
html = re.sub(r"<script\b[^>]*>.*?</script>", "", html, flags=re.S)
html = re.sub(r"<link[^>]+rel=\"(modulepreload|preload)\"(?![^>]*as=\"image\")[^>]*>", "", html)
os.makedirs(f"{dist}/control/{slug}", exist_ok=True)
open(f"{dist}/control/{slug}/index.html", "w", encoding="utf-8").write(html)
