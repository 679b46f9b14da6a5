// Measurements for bench/search.sh (see there). Needs the server it starts.
const { chromium } = require('@playwright/test');
const fs = require('fs');
const path = require('path');
const http = require('http');

const BASE = process.env.BENCH_URL;
const OUT = process.env.BENCH_OUT;
const COUNT = Number(process.env.BENCH_COUNT);
const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
// Words of the generated corpus (press generate: a Zipf-distributed vocabulary), from frequent
// to selective: in a 1,000-story corpus they are the 60th, 150th, 300th, 500th, 800th,
// 1,200th, 1,600th, 2,000th, 2,500th, 3,000th and 4,000th most frequent word (1,013 down to 12
// occurrences): the first view queries the most frequent, typing goes through them all.
const WORDS = ['osvami', 'tordra', 'marcle', 'osfiren', 'marnelhap', 'frorasqua', 'frocor', 'risun', 'fipari', 'dunmi', 'marcorras'];

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
const kb = (b) => (b / 1000).toFixed(1);

/** The body bytes a browser is sent for a URL (Accept-Encoding: br, gzip; not decoded). */
function bodyBytes(url) {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
      let n = 0;
      res.on('data', (c) => { n += c.length; });
      res.on('end', () => resolve(n));
    }).on('error', reject);
  });
}

/**
 * Records the requests of a page, its web workers included (Pagefind searches in one), with
 * the bytes each transfers: headers as Chromium reports them, body as the server sends it.
 */
function recorder(page) {
  let seen = [];
  page.on('requestfinished', async (r) => {
    const sizes = await r.sizes();
    seen.push({ url: r.url(), headers: sizes.responseHeadersSize });
  });
  return {
    /** The requests finished so far, which are then forgotten. */
    async take() {
      const all = seen;
      seen = [];
      for (const r of all) r.bytes = r.headers + (await bodyBytes(r.url));
      return all;
    },
  };
}

async function firstArticle(page) {
  const href = await page.locator('.cards .card h2 a').first().getAttribute('href');
  return href.replace(/^\//, '');
}

// 1. An article's first view, then a reader's first query from its header box (a new
// browser context each time: nothing cached).
async function firstViewAndQuery(browser, word) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(BASE);
  const article = await firstArticle(page);
  await page.close();
  const view = await context.newPage();
  const rec = recorder(view);
  await view.goto(`${BASE}${article}`, { waitUntil: 'networkidle' });
  await view.mouse.move(1, 1); // the app starts at the reader's first sign of intent
  await view.waitForFunction(() => window.wasmBindings !== undefined);
  await view.waitForTimeout(500);
  const first = await rec.take();
  const box = view.locator('#site-search-words');
  await box.focus();
  await box.fill(word);
  await box.press('Enter');
  await view.locator('.search-results > li').first().waitFor();
  // The filter indexes load after the first results are painted (the app waits for the
  // next frame): they are counted apart, by their path.
  await view.locator('#search-tag option:nth-child(2)').waitFor({ state: 'attached' });
  await view.waitForLoadState('networkidle');
  const after = await rec.take();
  const isFilter = (r) => r.url.includes('/pagefind/filter/');
  const query = after.filter((r) => !isFilter(r));
  const filters = after.filter(isFilter);
  await context.close();
  const sum = (rs) => rs.reduce((a, r) => a + r.bytes, 0);
  const search = (rs) => rs.filter((r) => r.url.includes('/pagefind/'));
  const list = (rs) => rs.map((r) => `${new URL(r.url).pathname} ${r.bytes}`);
  return {
    article,
    firstView: { bytes: sum(first), requests: first.length, searchBytes: sum(search(first)), searchRequests: search(first).length },
    firstQuery: { word, bytes: sum(query), requests: query.length, files: list(query) },
    filtersAfter: { bytes: sum(filters), requests: filters.length, files: list(filters) },
  };
}

// 1b. "Search the whole archive" after a first search in the default scope (only where the
// archive is larger than that scope): its bytes, and the time from the click to the whole
// archive's results on screen (measured from the test driver: includes a few ms of it).
async function wholeArchive(browser, word) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${BASE}search?q=${encodeURIComponent(word)}`);
  await page.locator('.search-results > li').first().waitFor();
  await page.waitForLoadState('networkidle');
  const link = page.locator('.search-scope').getByRole('link', { name: 'Search the whole archive' });
  if ((await link.count()) === 0) {
    await context.close();
    return null; // the default scope is the whole archive
  }
  const rec = recorder(page);
  const started = Date.now();
  await link.click();
  await page.waitForURL(/[?&]all=1/);
  await page.locator('.search-scope').waitFor({ state: 'detached' });
  await page.locator('.search-results > li').first().waitFor();
  const ms = Date.now() - started;
  await page.waitForLoadState('networkidle');
  const all = (await rec.take()).filter((r) => r.url.includes('/pagefind/'));
  await context.close();
  return { word, ms, bytes: all.reduce((a, r) => a + r.bytes, 0), requests: all.length };
}

// 2. Warm: Pagefind loaded and one search done; then, for each word, the time from the last
// keystroke in the search page's box to its results on screen (the page waits for a pause in
// typing, then searches).
async function typingToResults(browser, words) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${BASE}search/?q=${words[0]}`);
  await page.locator('.search-results > li').first().waitFor();
  const times = [];
  for (const word of words.slice(1)) {
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
    await page.waitForTimeout(400);
    await box.pressSequentially(word, { delay: 40 });
    await page.waitForFunction(() => window.__shown !== undefined);
    times.push(await page.evaluate(() => window.__shown - window.__lastKey));
  }
  await context.close();
  return times;
}

// Numbers in titles ("… 4821"): each names one story, like a reader looking for a name.
const RARE = ['1234', '4821', '7777', '2500', '9001', '3141', '6060', '8421', '5150', '4242'];

(async () => {
  const browser = await chromium.launch({ executablePath: CHROME, args: FLAGS });
  const common = await firstViewAndQuery(browser, WORDS[0]);
  const rare = await firstViewAndQuery(browser, RARE[0]);
  const whole = await wholeArchive(browser, RARE[1]);
  const typingCommon = await typingToResults(browser, WORDS);
  const typingRare = await typingToResults(browser, RARE);
  await browser.close();
  const ms = (ts) => ({ median: median(ts), all: ts.map((t) => Math.round(t)) });
  const result = {
    date: new Date().toISOString(),
    articles: COUNT,
    index: { seconds: Number(process.env.INDEX_SECONDS), bytes: Number(process.env.INDEX_BYTES), files: Number(process.env.INDEX_FILES) },
    article: common.article,
    firstView: common.firstView,
    firstQuery: { rare: rare.firstQuery, common: common.firstQuery },
    filtersAfterFirstResults: common.filtersAfter,
    wholeArchive: whole,
    typingToResultsMs: { rare: ms(typingRare), common: ms(typingCommon) },
  };
  const t = result.typingToResultsMs;
  const q = result.firstQuery;
  const checks = [
    [`index build for ${COUNT} articles <= 30 s`, result.index.seconds <= 30, `${result.index.seconds.toFixed(1)} s`],
    ['first results <= 150 ms after typing stops, warm: a story\'s title number', t.rare.median <= 150, `median ${t.rare.median.toFixed(0)} ms (${t.rare.all.join(', ')})`],
    ['first results <= 150 ms after typing stops, warm: a word in every story', t.common.median <= 150, `median ${t.common.median.toFixed(0)} ms (${t.common.all.join(', ')})`],
    ['first query to its results <= 300 KB: a story\'s title number', q.rare.bytes <= 300_000, `${kb(q.rare.bytes)} KB in ${q.rare.requests} requests`],
    ['first query to its results <= 300 KB: a word in every story', q.common.bytes <= 300_000, `${kb(q.common.bytes)} KB in ${q.common.requests} requests`],
    ['no search bytes on an article first view', result.firstView.searchRequests === 0, `${result.firstView.searchRequests} requests (${kb(result.firstView.searchBytes)} KB) of ${kb(result.firstView.bytes)} KB in ${result.firstView.requests}`],
  ];
  if (whole) {
    checks.push(['"Search the whole archive" <= 1.2 MB', whole.bytes <= 1_200_000, `${kb(whole.bytes)} KB in ${whole.requests} requests ("${whole.word}")`]);
    checks.push(['"Search the whole archive" <= 600 ms to its results', whole.ms <= 600, `${whole.ms} ms`]);
  }
  result.checks = checks.map(([line, ok, measured]) => ({ line, ok, measured }));
  console.log(`\nsearch at ${COUNT} articles (index: ${result.index.files} files, ${kb(result.index.bytes)} KB)`);
  for (const [name, fq] of [['a title number', q.rare], ['a word in every story', q.common]]) {
    console.log(`first query, ${name} ("${fq.word}"):`);
    for (const f of fq.files) console.log(`  ${f}`);
  }
  console.log(`then, after the first results, the filter indexes: ${kb(result.filtersAfterFirstResults.bytes)} KB in ${result.filtersAfterFirstResults.requests} requests`);
  console.log('\nbudget:');
  for (const c of result.checks) console.log(`  ${c.ok ? 'PASS' : 'FAIL'}  ${c.line}: ${c.measured}`);
  fs.writeFileSync(path.join(OUT, 'search.json'), JSON.stringify(result, null, 2));
  const failed = result.checks.filter((c) => !c.ok).length;
  console.log(`\nbudget: ${result.checks.length - failed} passed, ${failed} failed (bench/out/search.json)`);
})().catch((e) => { console.error(e); process.exit(1); });
