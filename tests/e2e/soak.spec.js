// A long reading session: 1,000 client-side navigations over feed, article and tag pages,
// with no page error, and memory (wasm, JS heap, DOM nodes, each after garbage collection)
// after 1,000 navigations within 1.3 × what it was after 100. The baseline is taken once
// every page the loop visits has been seen: the app's data cache (up to 64 files) grows until
// then by design, which took the wasm memory from 19 to 24 pages of 64 KiB between
// navigations 10 and 1,000 (1.26 ×, one page short of failing a 1.3 × check by chance).
const { test, expect } = require('@playwright/test');
const { watchConsole, ready } = require('./helpers');

/** One navigation by a click on the link `selector` (the `i`-th match), inside the page. */
async function go(page, selector, i = 0) {
  await page.evaluate(async ([selector, i]) => {
    const links = document.querySelectorAll(selector);
    const a = links[i % links.length];
    const before = document.querySelector('main h1');
    a.click();
    const started = performance.now();
    await new Promise((resolve, reject) => {
      const check = () => {
        const h1 = document.querySelector('main h1');
        if (h1 && h1 !== before && !document.querySelector('.loading')) resolve();
        else if (performance.now() - started > 5000) reject(new Error(`no new page after clicking ${a.href}`));
        else requestAnimationFrame(check);
      };
      check();
    });
  }, [selector, i]);
}

test('1,000 client-side navigations: no error, memory flat', async ({ page, context }) => {
  test.setTimeout(300_000);
  const problems = watchConsole(page);
  await page.addInitScript(() => addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; }));
  await page.goto('./');
  await ready(page);
  await page.waitForFunction(() => window.__wasm !== undefined);
  const cdp = await context.newCDPSession(page);
  // After a frame and two collections: right after a navigation one collection leaves the
  // previous page's nodes (about 250 here) uncollected or not, by timing (measured: 849 nodes
  // after one, 597 after the frame and two, every time), which made the node count flaky.
  const measure = async () => {
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    const wasm = await page.evaluate(() => window.__wasm.memory.buffer.byteLength);
    const { nodes } = await cdp.send('Memory.getDOMCounters');
    return { heap, wasm, nodes };
  };
  let navigations = 0;
  const until = async (target) => {
    while (navigations < target) {
      // feed → article → one of its tags → the feed again
      await go(page, '.cards .card h2 a', navigations);
      await go(page, '.article-footer .tag-links a', navigations);
      await go(page, '.site-nav a[href$="/"]');
      navigations += 3;
    }
  };
  await until(100);
  const early = await measure();
  await until(1000);
  const late = await measure();
  await expect(page.locator('main h1')).toHaveText('Latest news');
  const report = ['heap', 'wasm', 'nodes'].map((k) => `${k} ${early[k]} → ${late[k]} (${(late[k] / early[k]).toFixed(2)}×)`);
  console.log(`after ${navigations} navigations: ${report.join(', ')}`);
  for (const k of ['heap', 'wasm', 'nodes']) {
    expect(late[k], `${k} after 1,000 navigations (${report.join(', ')})`).toBeLessThanOrEqual(early[k] * 1.3);
  }
  expect(problems).toEqual([]);
});
