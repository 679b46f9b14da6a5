// Measurements for bench/startup.sh (see there): where the app's start-up goes on a first
// view, with the CPU slowed down 4× as on a mid-range phone (the DevTools protocol's CPU
// throttling), per page type. Needs the server startup.sh starts.
const { chromium } = require('@playwright/test');
const fs = require('fs');
const path = require('path');
const { timeTaps } = require('../tests/e2e/tap-timer');

const BASE = process.env.BENCH_URL;
const OUT = process.env.BENCH_OUT;
const RUNS = Number(process.env.BENCH_RUNS || 5);
const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
const PAGES = [
  ['article', 'articles/us-china-ai-risk-talks-beijing-summit/'],
  ['tutorial', 'articles/deploy-a-document-qa-service-with-docker/'],
  ['feed', ''],
  ['tag', 'tags/ai-policy/'],
  ['control', 'control/us-china-ai-risk-talks-beijing-summit/'],
];

const median = (xs) => { const s = xs.filter((x) => x !== null).sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)] : null; };

/** One first view: the start-up's marks, the wasm's download, and every long task. */
async function firstView(browser, url) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.addInitScript(() => {
    window.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__long.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url, { waitUntil: 'load' });
  // the first view as Lighthouse sees it: no interaction
  await page.waitForTimeout(1500);
  const untouched = await page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    const after = window.__long.filter((t) => !fcp || t.start >= fcp.startTime);
    return {
      blocking: after.reduce((s, t) => s + Math.max(0, t.duration - 50), 0),
      wasm: performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.wasm')).length,
    };
  });
  // then the reader's first sign of intent: the pointer moves
  const isApp = !url.includes('/control/');
  await page.mouse.move(5, 5);
  if (isApp) await page.waitForFunction(() => document.documentElement.hasAttribute('data-app'), null, { timeout: 30_000 });
  // the quiet after the start-up, so its last tasks are counted
  await page.waitForTimeout(1500);
  const facts = await page.evaluate(() => {
    const at = (name) => { const m = performance.getEntriesByName(`krasa:${name}`)[0]; return m ? m.startTime : null; };
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    const wasm = performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'));
    return {
      fcp: fcp ? fcp.startTime : null,
      marks: { boot: at('boot'), compiled: at('compiled'), instantiate: at('instantiate'), start: at('start'), mounted: at('mounted') },
      wasm: wasm ? { start: wasm.startTime, end: wasm.responseEnd, bytes: wasm.transferSize } : null,
      long: window.__long,
    };
  });
  await context.close();
  const { marks, wasm, long, fcp } = facts;
  // the long task the first render ran in, and what followed it in that task (style, layout)
  const renderTask = marks.mounted === null ? null : long.find((t) => t.start <= marks.mounted && marks.mounted <= t.start + t.duration);
  const span = (a, b) => (a === null || b === null ? null : b - a);
  return {
    fetch: wasm ? wasm.end - wasm.start : null,
    wasmBytes: wasm ? wasm.bytes : null,
    compileAfterFetch: wasm && marks.compiled !== null ? Math.max(0, marks.compiled - wasm.end) : null,
    instantiate: span(marks.instantiate, marks.start),
    render: span(marks.start, marks.mounted),
    afterRender: renderTask ? renderTask.start + renderTask.duration - marks.mounted : null,
    bootToMounted: span(marks.boot, marks.mounted),
    longTasks: long.length,
    longest: long.reduce((m, t) => Math.max(m, t.duration), 0),
    // Total Blocking Time as Lighthouse counts it: the part over 50 ms of each long task
    // after the first contentful paint; before any interaction, and with the start-up
    untouchedTBT: untouched.blocking,
    untouchedWasm: untouched.wasm,
    blocking: long.filter((t) => fcp === null || t.start >= fcp).reduce((s, t) => s + Math.max(0, t.duration - 50), 0),
  };
}

/** A tap on the menu's Tutorials link at moments of the start-up (after the first touch):
 * median ms from the tap to that page on screen (issue line: 300 ms); and, as references,
 * the same tap on the script-free control page (a page load, no app) and on a minimal page
 * (the floor of a page load on this machine). */
async function taps(browser) {
  const out = {};
  for (const after of [0, 40, 120, 250, 500, 'control', 'minimal']) {
    const took = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      await page.addInitScript(timeTaps);
      const cdp = await context.newCDPSession(page);
      const from = { control: PAGES[PAGES.length - 1][1], minimal: 'control/minimal/' }[after] || PAGES[0][1];
      await page.goto(`${BASE}${from}`, { waitUntil: 'load' });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await page.evaluate(() => sessionStorage.setItem('want', 'Tutorials'));
      const box = await page.locator('.site-nav a', { hasText: 'Tutorials' }).boundingBox();
      await page.touchscreen.tap(5, 700);
      await page.waitForTimeout(typeof after === 'number' ? after : 0);
      await page.touchscreen.tap(box.x + 5, box.y + box.height / 2);
      await page.waitForFunction(() => sessionStorage.getItem('landed') !== null, null, { timeout: 10_000 });
      took.push(await page.evaluate(() => Number(sessionStorage.getItem('landed')) - Number(sessionStorage.getItem('tap'))));
      await context.close();
    }
    out[after] = median(took);
  }
  return out;
}

(async () => {
  const browser = await chromium.launch({ executablePath: CHROME, args: FLAGS });
  const result = { runs: RUNS, cpu_slowdown: 4, pages: {} };
  const fields = ['untouchedTBT', 'untouchedWasm', 'fetch', 'compileAfterFetch', 'instantiate', 'render', 'afterRender', 'bootToMounted', 'longTasks', 'longest', 'blocking'];
  const fmt = (x) => (x === null || x === undefined ? '-' : Math.round(x).toString());
  console.log(['page', 'TBT 0', 'wasm 0', 'fetch', 'compile+', 'inst', 'render', 'layout', 'boot→app', 'long', 'longest', 'TBT', 'wasm B'].map((h) => h.padStart(9)).join(''));
  for (const [name, rel] of PAGES) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await firstView(browser, `${BASE}${rel}`));
    const med = Object.fromEntries(fields.map((f) => [f, median(runs.map((r) => r[f]))]));
    med.wasmBytes = runs[0].wasmBytes;
    result.pages[name] = { median: med, runs };
    console.log([name, ...fields.map((f) => fmt(med[f])), fmt(med.wasmBytes)].map((c) => String(c).padStart(9)).join(''));
  }
  console.log(`medians of ${RUNS} first views each, ms (CPU 4× slower): "TBT 0" and "wasm 0" before any`);
  console.log('interaction (as Lighthouse loads a page); the rest from the first pointer move on.');
  result.taps = await taps(browser);
  console.log('a tap on a link N ms after the first touch: ms to its page on screen (median of ' + RUNS + '):');
  for (const [after, ms] of Object.entries(result.taps)) {
    const when = {
      control: 'the control (no scripts: a page load)',
      minimal: 'a minimal page (a heading and a link: the floor of a page load)',
    }[after] || `${after} ms`;
    console.log(`  ${when.padStart(7)}: ${Math.round(ms)} ms`);
  }
  fs.writeFileSync(path.join(OUT, 'startup.json'), JSON.stringify(result, null, 2));
  console.log('bench/out/startup.json');
  await browser.close();
})();
