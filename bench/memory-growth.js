// Memory growth probe (not a test): JS heap and wasm memory after 10, 200, 400 and 800
// client-side navigations (feed card → "Back to News"), to tell a leak from warm-up, and the
// number of DOM nodes alive (attached or not) after garbage collection.
//   scripts/nginx start dist 8790 && node bench/memory-growth.js [http://127.0.0.1:8790/]
const { chromium } = require('@playwright/test');

(async () => {
  const url = process.argv[2] || 'http://127.0.0.1:8790/';
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; }));
  await page.goto(url);
  await page.mouse.move(1, 1); // the app starts at the reader's first sign of intent
  await page.waitForFunction(() => window.__wasm !== undefined);
  const cdp = await context.newCDPSession(page);
  const read = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    const wasm = await page.evaluate(() => window.__wasm.memory.buffer.byteLength);
    const { nodes } = await cdp.send('Memory.getDOMCounters');
    return { heap, wasm, nodes };
  };
  let navs = 0;
  console.log('navigations  js-heap-bytes  wasm-bytes  dom-nodes');
  for (const target of [10, 200, 400, 800]) {
    while (navs < target) {
      await page.evaluate(async (i) => {
        const a = document.querySelectorAll('.cards .card h2 a')[i];
        const t = a.textContent;
        a.click();
        await new Promise((r) => {
          const c = () => { const h = document.querySelector('main h1'); if (h && h.textContent === t) r(); else requestAnimationFrame(c); };
          c();
        });
      }, navs % 5);
      await page.evaluate(() => document.querySelector('.back a').click());
      // a locator, not waitForSelector: a returned element handle would keep the old page's
      // detached DOM alive
      await page.locator('main h1', { hasText: 'Latest news' }).waitFor();
      navs += 2;
    }
    const m = await read();
    console.log(String(navs).padStart(11), String(m.heap).padStart(14), String(m.wasm).padStart(11), String(m.nodes).padStart(10));
  }
  await browser.close();
})();
