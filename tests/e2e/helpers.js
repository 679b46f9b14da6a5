// Shared helpers for the end-to-end tests.
const { expect } = require('@playwright/test');
const AxeBuilder = require('@axe-core/playwright').default;

const ARTICLE = 'us-china-ai-risk-talks-beijing-summit';
const ARTICLE_TITLE = 'US and China weigh AI-risk talks at Beijing summit';

/** Collects console errors and page errors (a Rust panic shows up as both). */
function watchConsole(page) {
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(String(err)));
  return problems;
}

/** Waits until the app runs and has rendered real content (not the skeleton). */
async function ready(page) {
  // the app starts at the reader's first sign of intent: the pointer moves
  await page.mouse.move(1, 1);
  await page.waitForFunction(() => window.wasmBindings !== undefined);
  await expect(page.locator('main h1')).toBeVisible();
  await expect(page.locator('.loading')).toHaveCount(0);
}

async function axe(page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, 'axe violations').toEqual([]);
}

/** The app's wasm path (from `<meta name="krasa-app">`, which the boot script reads), relative to the site root. */
async function wasmPath(request, html) {
  const app = html.match(/<meta name="krasa-app" content="([^"]+)">/)[1];
  return app.split(' ')[1].replace(/^\//, '');
}

/**
 * The scroll position once scrolling has stopped. `mouse.wheel` returns before the page has
 * finished scrolling (smooth scrolling runs over several frames, longer on a loaded machine),
 * so a position read at a fixed delay can still be moving.
 */
async function settledScroll(page) {
  let last = -1;
  for (;;) {
    const y = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(window.scrollY)))));
    if (y === last) return y;
    last = y;
    await page.waitForTimeout(100);
  }
}

/** Holds requests matching `pattern` until the returned function is called (a slow network). */
async function holdRequests(page, pattern) {
  let release;
  const gate = new Promise((r) => (release = r));
  await page.route(pattern, async (route) => {
    await gate;
    await route.continue();
  });
  return release;
}

/** Puts a link with `href` and id `id` at the top of the element `into` (a selector). */
async function addLink(page, href, id, into = 'main') {
  await page.evaluate(([href, id, into]) => {
    const a = document.createElement('a');
    a.href = href;
    a.id = id;
    a.textContent = id;
    document.querySelector(into).prepend(a);
  }, [href, id, into]);
  return page.locator(`#${id}`);
}

/**
 * Every published story's summary, from the feed's archive pages (numbered from the oldest:
 * 1 up to the page holding the newest story, which the latest page's count gives).
 */
async function allSummaries(request) {
  const get = async (path) => (await request.get(path)).json();
  const site = await get('data/site.json');
  const latest = await get('data/feed/latest.json');
  const pages = Math.ceil(latest.total_items / site.page_size);
  const summaries = [];
  for (let n = 1; n <= pages; n++) summaries.push(...(await get(`data/feed/${n}.json`)).items);
  expect(summaries.length).toBe(latest.total_items);
  return summaries;
}

module.exports = { ARTICLE, ARTICLE_TITLE, watchConsole, ready, axe, wasmPath, holdRequests, addLink, settledScroll, allSummaries };
