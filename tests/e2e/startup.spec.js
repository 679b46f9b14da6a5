// Start-up (docs/performance.md, start-up): the prerendered page works alone until the
// reader shows intent; then the app takes over without losing a tap or a press.
const { test, expect } = require('@playwright/test');
const { ARTICLE, ARTICLE_TITLE, holdRequests, ready, watchConsole } = require('./helpers');
const { timeTaps } = require('./tap-timer');

/** Counts the requests for the app's wasm. */
function countWasm(page) {
  const seen = { wasm: 0 };
  page.on('request', (r) => {
    if (r.url().endsWith('.wasm')) seen.wasm += 1;
  });
  return seen;
}

const started = (page) => page.evaluate(() => window.wasmBindings !== undefined);

test('a first view downloads no app until the reader shows intent; the pointer moving starts it', async ({ page }) => {
  const problems = watchConsole(page);
  const seen = countWasm(page);
  await page.goto(`./articles/${ARTICLE}/`, { waitUntil: 'load' });
  await expect(page.locator('main h1')).toHaveText(ARTICLE_TITLE);
  await page.waitForTimeout(1000);
  expect(seen.wasm, 'no wasm before any intent').toBe(0);
  expect(await started(page)).toBe(false);
  await page.mouse.move(20, 20);
  await page.waitForFunction(() => window.wasmBindings !== undefined);
  expect(seen.wasm).toBe(1);
  await expect(page.locator('html')).toHaveAttribute('data-app', '');
  await expect(page.locator('main h1')).toHaveText(ARTICLE_TITLE);
  expect(problems).toEqual([]);
});

test('a scroll or a key starts the app too', async ({ page }) => {
  await page.goto(`./articles/${ARTICLE}/`, { waitUntil: 'load' });
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => window.wasmBindings !== undefined);
  await page.goto('./', { waitUntil: 'load' });
  expect(await started(page)).toBe(false);
  await page.mouse.wheel(0, 300);
  await page.waitForFunction(() => window.wasmBindings !== undefined);
});

test('the search page starts the app at once: its results need it', async ({ page }) => {
  await page.goto('./search?q=privacy', { waitUntil: 'load' });
  await page.waitForFunction(() => window.wasmBindings !== undefined);
  await expect(page.locator('.search-count')).toContainText('for “privacy”');
});

test('a press of the theme switch before the app runs is kept and applied', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('./', { waitUntil: 'load' });
  expect(await started(page)).toBe(false);
  // the press is the first intent: the app starts after it, and then switches the theme
  await page.locator('.theme-toggle').dispatchEvent('pointerdown');
  await page.locator('.theme-toggle').dispatchEvent('pointerup');
  await page.locator('.theme-toggle').dispatchEvent('click');
  await page.waitForFunction(() => window.wasmBindings !== undefined);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('.theme-toggle')).toHaveAttribute('aria-pressed', 'true');
});

test.describe('a link followed before the app runs', () => {
  test.use({ hasTouch: true, isMobile: true, viewport: { width: 412, height: 823 } });

  /** Taps the main menu's Tutorials link right after a first touch elsewhere (which starts
   * the app), with the wasm held back until the tap is made: the tap comes before the app
   * runs. */
  async function tapAtOnce(page) {
    const wasm = await holdRequests(page, '**/*.wasm');
    const box = await page.locator('.site-nav a', { hasText: 'Tutorials' }).boundingBox();
    await page.touchscreen.tap(5, 700);
    await page.touchscreen.tap(box.x + 5, box.y + box.height / 2);
    wasm();
  }
  test('loads its page, and the app does not start under the page being left', async ({ page }) => {
    // every document of the page notes where the app started (none: null)
    await page.addInitScript(() => {
      addEventListener('TrunkApplicationStarted', () => sessionStorage.setItem('started-on', location.pathname));
    });
    await page.goto(`./articles/${ARTICLE}/`, { waitUntil: 'load' });
    let answer;
    const held = new Promise((go) => { answer = go; });
    await page.route('**/tutorials/', async (route) => { await held; await route.continue(); });
    await tapAtOnce(page);
    // the page load waits for its answer: long enough for the app to have started here
    await page.waitForTimeout(1500);
    answer();
    await expect(page.locator('main h1')).toHaveText('Tutorials');
    expect(await page.evaluate(() => sessionStorage.getItem('started-on')), 'no app started under the page left').toBeNull();
  });

  test('that loads no page lets the app start after all', async ({ page }) => {
    await page.goto(`./articles/${ARTICLE}/`, { waitUntil: 'load' });
    // (a 204 answer: the browser stays on the page)
    await page.route('**/tutorials/', (route) => route.fulfill({ status: 204 }));
    await tapAtOnce(page);
    await page.waitForFunction(() => document.documentElement.hasAttribute('data-app'), null, { timeout: 10_000 });
    await expect(page.locator('main h1')).toHaveText(ARTICLE_TITLE);
  });
});

test.describe('on a phone, CPU 4× slower', () => {
  test.use({ hasTouch: true, isMobile: true, viewport: { width: 412, height: 823 } });

  // A tap at several moments of the start-up (from the first touch on) lands on the link's
  // page, every time, whether the app or a page load shows it (how fast: bench/startup.sh,
  // which times these taps in the page).
  for (const after of [0, 40, 120, 250, 500]) {
    test(`a tap on a link ${after} ms into the start-up lands on its page`, async ({ page, context }) => {
      await page.addInitScript(timeTaps);
      const cdp = await context.newCDPSession(page);
      await page.goto(`./articles/${ARTICLE}/`, { waitUntil: 'load' });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      // the main menu's Tutorials link, on screen from the start (no scroll: that is an intent);
      // the app's page has the same layout, so the link stays where it is
      const link = page.locator('.site-nav a', { hasText: 'Tutorials' });
      const href = await link.getAttribute('href');
      const title = 'Tutorials';
      await page.evaluate((t) => sessionStorage.setItem('want', t), title);
      const box = await link.boundingBox();
      // the first touch (not on a link) starts the app
      await page.touchscreen.tap(5, 700);
      await page.waitForTimeout(after);
      await page.touchscreen.tap(box.x + 5, box.y + box.height / 2);
      await expect(page.locator('main h1')).toHaveText(title, { timeout: 5000 });
      expect(new URL(page.url()).pathname).toBe(new URL(href, page.url()).pathname);
      // the page was shown once, by the app or by a page load: the tap was not lost or doubled
      await expect.poll(() => page.evaluate(() => sessionStorage.getItem('landed'))).not.toBeNull();
      await expect(page.locator('main h1')).toHaveCount(1);
    });
  }
});
