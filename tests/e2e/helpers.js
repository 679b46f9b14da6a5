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
  await page.waitForFunction(() => window.wasmBindings !== undefined);
  await expect(page.locator('main h1')).toBeVisible();
  await expect(page.locator('.loading')).toHaveCount(0);
}

async function axe(page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, 'axe violations').toEqual([]);
}

/** The app's wasm path (from the boot script the page loads), relative to the site root. */
async function wasmPath(request, html) {
  const boot = html.match(/<script type="module"(?: async)? src="\/?([^"]+)"/)[1];
  const js = await (await request.get(`./${boot}`)).text();
  return js.match(/module_or_path: '\/?([^']+_bg\.wasm)'/)[1];
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

module.exports = { ARTICLE, ARTICLE_TITLE, watchConsole, ready, axe, wasmPath, holdRequests };
