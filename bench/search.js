// Measurements for bench/search.sh (see there). Needs the server it starts.
const { chromium } = require('@playwright/test');
const fs = require('fs');
const path = require('path');

const BASE = process.env.BENCH_URL;
const OUT = process.env.BENCH_OUT;
const COUNT = Number(process.env.BENCH_COUNT);
const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
// Words of the generated corpus (bench/press: a small vocabulary, so each matches thousands
// of stories: the hardest case for an index), and one that is rare.
const WORDS = ['privacy', 'regulator', 'benchmark', 'invoice', 'summit', 'pipeline', 'vendor', 'energy', 'careful', 'quarter', 'startup'];

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
const kb = (b) => (b / 1000).toFixed(1);

/** Records every response's transferred bytes (CDP), cache disabled. */
async function recorder(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const reqs = {};
  cdp.on('Network.responseReceived', (e) => { reqs[e.requestId] = { url: e.response.url }; });
  cdp.on('Network.loadingFinished', (e) => { if (reqs[e.requestId]) reqs[e.requestId].bytes = e.encodedDataLength; });
  return {
    take() {
      const all = Object.values(reqs).filter((r) => r.bytes !== undefined);
      for (const k of Object.keys(reqs)) delete reqs[k];
      return all;
    },
  };
}

async function firstArticle(page) {
  const href = await page.locator('.cards .card h2 a').first().getAttribute('href');
  return href.replace(/^\//, '');
}

// 1. An article's first view, and then a reader's first query from its header box.
async function firstViewAndQuery(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(BASE);
  const article = await firstArticle(page);
  await page.close();
  const view = await context.newPage();
  const rec = await recorder(context, view);
  await view.goto(`${BASE}${article}`, { waitUntil: 'networkidle' });
  await view.waitForFunction(() => window.wasmBindings !== undefined);
  await view.waitForTimeout(500);
  const first = rec.take();
  const box = view.locator('#site-search-words');
  await box.focus();
  await box.fill(WORDS[0]);
  await box.press('Enter');
  await view.locator('.search-results > li').first().waitFor();
  await view.waitForLoadState('networkidle');
  const query = rec.take();
  await context.close();
  const sum = (rs) => rs.reduce((a, r) => a + r.bytes, 0);
  const search = (rs) => rs.filter((r) => r.url.includes('/pagefind/'));
  return {
    article,
    firstView: { bytes: sum(first), requests: first.length, searchBytes: sum(search(first)), searchRequests: search(first).length },
    firstQuery: { bytes: sum(query), requests: query.length, files: query.map((r) => `${new URL(r.url).pathname} ${r.bytes}`) },
  };
}

// 2. Warm: Pagefind loaded and one search done; then, for each word, the time from the last
// keystroke in the search page's box to its results on screen (the page waits for a pause in
// typing, then searches).
async function typingToResults(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${BASE}search?q=${WORDS[1]}`);
  await page.locator('.search-results > li').first().waitFor();
  const times = [];
  for (const word of WORDS.slice(2)) {
    await page.evaluate((word) => {
      window.__shown = undefined;
      const box = document.getElementById('search-words');
      box.addEventListener('keyup', () => { window.__lastKey = performance.now(); });
      new MutationObserver((_, obs) => {
        const count = document.querySelector('.search-count');
        if (count && count.textContent.includes(`“${word}”`) && document.querySelector('.search-results > li')) {
          window.__shown = performance.now();
          obs.disconnect();
        }
      }).observe(document.querySelector('main'), { childList: true, subtree: true, characterData: true });
    }, word);
    const box = page.locator('#search-words');
    await box.fill('');
    await box.pressSequentially(word, { delay: 40 });
    await page.waitForFunction(() => window.__shown !== undefined);
    times.push(await page.evaluate(() => window.__shown - window.__lastKey));
  }
  await context.close();
  return times;
}

(async () => {
  const browser = await chromium.launch({ executablePath: CHROME, args: FLAGS });
  const fq = await firstViewAndQuery(browser);
  const times = await typingToResults(browser);
  await browser.close();
  const result = {
    date: new Date().toISOString(),
    articles: COUNT,
    index: { seconds: Number(process.env.INDEX_SECONDS), bytes: Number(process.env.INDEX_BYTES), files: Number(process.env.INDEX_FILES) },
    ...fq,
    typingToResultsMs: { median: median(times), all: times.map((t) => Math.round(t)) },
  };
  const checks = [
    [`index build for ${COUNT} articles <= 30 s`, result.index.seconds <= 30, `${result.index.seconds.toFixed(1)} s`],
    ['first results <= 150 ms after typing stops (median, warm)', result.typingToResultsMs.median <= 150, `${result.typingToResultsMs.median.toFixed(0)} ms (${result.typingToResultsMs.all.join(', ')})`],
    ['first query <= 300 KB transferred', result.firstQuery.bytes <= 300_000, `${kb(result.firstQuery.bytes)} KB in ${result.firstQuery.requests} requests`],
    ['no search bytes on an article first view', result.firstView.searchRequests === 0, `${result.firstView.searchRequests} requests (${kb(result.firstView.searchBytes)} KB) of ${kb(result.firstView.bytes)} KB in ${result.firstView.requests}`],
  ];
  result.checks = checks.map(([line, ok, measured]) => ({ line, ok, measured }));
  console.log(`\nsearch at ${COUNT} articles (index: ${result.index.files} files, ${kb(result.index.bytes)} KB)`);
  console.log('first query:');
  for (const f of result.firstQuery.files) console.log(`  ${f}`);
  console.log('\nbudget:');
  for (const c of result.checks) console.log(`  ${c.ok ? 'PASS' : 'FAIL'}  ${c.line}: ${c.measured}`);
  fs.writeFileSync(path.join(OUT, 'search.json'), JSON.stringify(result, null, 2));
  const failed = result.checks.filter((c) => !c.ok).length;
  console.log(`\nbudget: ${result.checks.length - failed} passed, ${failed} failed (bench/out/search.json)`);
})().catch((e) => { console.error(e); process.exit(1); });
