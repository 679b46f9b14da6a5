"""The static control page of the benchmarks (bench/perf.sh, bench/startup.sh): an article's
prerendered page with every script removed, and the app's preloads (the lead image's stays:
it is the page's, not the app's), written to <dist>/control/<slug>/index.html; and, for
bench/startup.sh's taps, the floor of any page load on the machine: two minimal pages
(<dist>/control/minimal/, a heading and a link to the other, no stylesheet, no script).

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

MINIMAL = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width"><title>{title}</title></head>
<body><nav class="site-nav"><a href="{href}">{link}</a></nav><main><h1>{title}</h1>
<p>A minimal page: the floor of a page load.</p></main></body></html>
"""
os.makedirs(f"{dist}/control/minimal/tutorials", exist_ok=True)
open(f"{dist}/control/minimal/index.html", "w", encoding="utf-8").write(
    MINIMAL.format(title="Start", href="tutorials/", link="Tutorials"))
open(f"{dist}/control/minimal/tutorials/index.html", "w", encoding="utf-8").write(
    MINIMAL.format(title="Tutorials", href="../", link="Start"))
