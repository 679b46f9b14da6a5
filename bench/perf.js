// Measurements for bench/perf.sh (see there). Needs the servers it starts.
const { chromium } = require('@playwright/test');
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const BASE = process.env.BENCH_URL;
const BASE30 = process.env.BENCH_URL_30;
const BASE10K = process.env.BENCH_URL_10K;
const ARTICLE = process.env.BENCH_ARTICLE;
const OUT = process.env.BENCH_OUT;
const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]; };
const kb = (b) => (b / 1000).toFixed(1);

function kind(url, mime) {
  if (url.endsWith('.wasm') || mime === 'application/wasm') return 'wasm';
  if (mime.includes('html')) return 'html';
  if (mime.includes('css')) return 'css';
  if (mime.includes('javascript')) return 'js';
  if (mime.includes('json')) return 'json';
  return 'other';
}

// 1. Bytes of a first view of an article deep link, by type, as served; plus the brotli size
// of the same responses (what a CDN sends to browsers that accept br). The first view is
// what loads without any interaction (the app starts at the reader's first sign of intent);
// `app` adds what the first pointer move then downloads.
async function firstView(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const reqs = {};
  cdp.on('Network.responseReceived', (e) => {
    reqs[e.requestId] = { ...(reqs[e.requestId] || {}), url: e.response.url, mime: e.response.mimeType, enc: e.response.headers['content-encoding'] || e.response.headers['Content-Encoding'] || 'identity' };
  });
  let phase = 'first';
  cdp.on('Network.requestWillBeSent', (e) => { reqs[e.requestId] = { ...(reqs[e.requestId] || {}), phase }; });
  cdp.on('Network.loadingFinished', (e) => { if (reqs[e.requestId]) reqs[e.requestId].bytes = e.encodedDataLength; });
  await page.goto(`${BASE}articles/${ARTICLE}/`, { waitUntil: 'networkidle' });
  await page.waitForTimeout(1000);
  phase = 'app';
  await page.mouse.move(1, 1); // the app starts at the reader's first sign of intent
  await page.waitForFunction(() => window.wasmBindings !== undefined);
  await page.waitForTimeout(500);
  const sums = { first: { byType: {}, brByType: {}, requests: 0 }, app: { byType: {}, brByType: {}, requests: 0 } };
  let enc = new Set();
  for (const r of Object.values(reqs)) {
    if (r.bytes === undefined || !r.url) continue;
    const k = kind(r.url, r.mime);
    const sum = sums[r.phase || 'first'];
    sum.byType[k] = (sum.byType[k] || 0) + r.bytes;
    sum.requests += 1;
    enc.add(r.enc);
    const body = await (await fetch(r.url)).arrayBuffer();
    sum.brByType[k] = (sum.brByType[k] || 0) + zlib.brotliCompressSync(Buffer.from(body), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  await context.close();
  const add = (o) => Object.values(o).reduce((a, b) => a + b, 0);
  for (const sum of Object.values(sums)) {
    sum.total = add(sum.byType);
    sum.brTotal = add(sum.brByType);
  }
  const { byType, brByType, total, brTotal, requests } = sums.first;
  return { byType, total, encodings: [...enc], brByType, brTotal, requests, app: sums.app };
}

// 2, 3. Lighthouse 12.2.3 (CLI from bench/node_modules) on a URL, mobile or desktop preset.
function lighthouse(url, preset, name) {
  const out = path.join(OUT, `lh-${name}-${preset}.json`);
  const args = [path.join(__dirname, 'node_modules/lighthouse/cli/index.js'), url, '--quiet', '--output=json', `--output-path=${out}`, `--chrome-flags=${FLAGS.join(' ')}`, '--max-wait-for-load=30000'];
  if (preset === 'desktop') args.push('--preset=desktop');
  execFileSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, CHROME_PATH: CHROME } });
  const r = JSON.parse(fs.readFileSync(out, 'utf8'));
  const score = (c) => Math.round((r.categories[c]?.score ?? 0) * 100);
  const num = (a) => r.audits[a]?.numericValue ?? NaN;
  const failing = (cat) => r.categories[cat].auditRefs
    .filter((ref) => ref.weight > 0 && r.audits[ref.id].score !== null && r.audits[ref.id].score < 1)
    .map((ref) => ref.id);
  return {
    performance: score('performance'), accessibility: score('accessibility'), bestPractices: score('best-practices'), seo: score('seo'),
    fcp: num('first-contentful-paint'), lcp: num('largest-contentful-paint'), tbt: num('total-blocking-time'), cls: num('cumulative-layout-shift'),
    notPerfect: { accessibility: failing('accessibility'), 'best-practices': failing('best-practices'), seo: failing('seo') },
  };
}

// Waits until the app runs, with the wasm instance kept for memory readings.
async function appPage(context, url) {
  const page = await context.newPage();
  await page.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
  });
  await page.goto(url);
  await page.mouse.move(1, 1); // the app starts at the reader's first sign of intent
  await page.waitForFunction(() => window.__wasm !== undefined);
  return page;
}

// Click the idx-th card of the feed; resolve when the article's h1 is painted.
const clickCard = (page, idx) => page.evaluate(async (i) => {
  const a = document.querySelectorAll('.cards .card h2 a')[i];
  const title = a.textContent;
  const t0 = performance.now();
  a.click();
  await new Promise((res) => {
    const check = () => {
      const h = document.querySelector('main h1');
      if (h && h.textContent === title) requestAnimationFrame(() => requestAnimationFrame(res));
      else requestAnimationFrame(check);
    };
    check();
  });
  return performance.now() - t0;
}, idx);

// 4. Client-side navigation from a feed card to the article's h1, with and without cache.
/** Waits for the feed page's h1. (A locator, not waitForSelector: the element handle that
 * returns would keep each old page's detached DOM alive and show up as a leak.) */
async function latestNews(page) {
  await page.locator('main h1', { hasText: 'Latest news' }).waitFor();
}

async function navigation(browser) {
  const context = await browser.newContext();
  const uncached = [];
  const cached = [];
  const page = await appPage(context, BASE);
  for (let i = 0; i < 30; i++) {
    const idx = i % 10;
    await page.goto(BASE); // a fresh app: nothing cached but the embedded feed page
    await page.mouse.move(1, 1); // the app starts at the reader's first sign of intent
    await page.waitForFunction(() => window.__wasm !== undefined);
    uncached.push(await clickCard(page, idx));
    await page.goBack();
    await latestNews(page);
    cached.push(await clickCard(page, idx));
  }
  await context.close();
  return { uncached: { median: median(uncached), p95: p95(uncached) }, cached: { median: median(cached), p95: p95(cached) } };
}

// 5. The first feed page at 30 and at 10,000 articles: bytes, and time to render it, both as
// a fresh load (LCP) and as a client-side render (from an article to the feed, data cached).
// Runs alternate between the two sites so machine noise hits both alike.
async function scale(browser) {
  const sites = [['30', BASE30], ['10000', BASE10K]];
  const res = {};
  for (const [name, url] of sites) {
    const json = await (await fetch(`${url}data/feed/latest.json`)).arrayBuffer();
    const html = await (await fetch(url, { headers: { 'Accept-Encoding': 'gzip' } })).arrayBuffer();
    res[name] = { htmlBytes: html.byteLength, feedJsonBytes: json.byteLength, lcp: [], render: [] };
    // a section's and an author's first page (the generated corpus: section News, author Krasa News)
    for (const [key, page, data] of [['section', 'news/', 'sections/news/latest.json'], ['author', 'authors/krasa-news/', 'authors/krasa-news/latest.json']]) {
      const pageHtml = await (await fetch(`${url}${page}`, { headers: { 'Accept-Encoding': 'gzip' } })).arrayBuffer();
      const pageJson = await (await fetch(`${url}data/${data}`)).arrayBuffer();
      res[name][key] = { htmlBytes: pageHtml.byteLength, jsonBytes: pageJson.byteLength };
    }
  }
  for (let i = 0; i < 9; i++) {
    for (const [name, url] of sites) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript(() => {
        window.__lcp = 0;
        new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lcp = e.startTime; }).observe({ type: 'largest-contentful-paint', buffered: true });
        addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
      });
      await page.goto(url, { waitUntil: 'load' });
      await page.mouse.move(1, 1); // the app starts at the reader's first sign of intent
      await page.waitForFunction(() => window.__wasm !== undefined);
      res[name].lcp.push(await page.evaluate(() => window.__lcp));
      await clickCard(page, 0);
      res[name].render.push(await page.evaluate(async () => {
        const a = document.querySelector('.site-nav a');
        const t0 = performance.now();
        a.click();
        await new Promise((r) => {
          const check = () => {
            const h = document.querySelector('main h1');
            if (h && h.textContent === 'Latest news' && document.querySelectorAll('.cards .card').length) requestAnimationFrame(() => requestAnimationFrame(r));
            else requestAnimationFrame(check);
          };
          check();
        });
        return performance.now() - t0;
      }));
      await context.close();
    }
  }
  for (const name of Object.keys(res)) {
    res[name].lcpMs = median(res[name].lcp);
    res[name].renderMs = median(res[name].render);
  }
  return res;
}

// 6. JS heap, wasm memory and live DOM nodes after 10 and after 1,000 client-side navigations.
async function memory(browser) {
  const context = await browser.newContext();
  const page = await appPage(context, BASE);
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  const read = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await page.waitForTimeout(100);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    const wasm = await page.evaluate(() => window.__wasm.memory.buffer.byteLength);
    // DOM nodes alive after GC (attached or not): a leak of old pages shows here first
    const { nodes } = await cdp.send('Memory.getDOMCounters');
    return { heap, wasm, nodes, total: heap + wasm };
  };
  let navs = 0;
  let at10 = null;
  while (navs < 1000) {
    // five stories, so everything the session caches is cached by navigation 10 and what
    // grows after that is a leak, not the (bounded) data cache
    await clickCard(page, navs % 5);
    navs++;
    await page.evaluate(() => document.querySelector('.back a').click());
    await latestNews(page);
    navs++;
    if (navs === 10) at10 = await read();
  }
  const at1000 = await read();
  await context.close();
  const ratios = { heap: at1000.heap / at10.heap, wasm: at1000.wasm / at10.wasm, nodes: at1000.nodes / at10.nodes };
  return { at10, at1000, ratios };
}

(async () => {
  const browser = await chromium.launch({ executablePath: CHROME, args: FLAGS.filter((f) => f !== '--headless=new') });
  const result = { date: new Date().toISOString() };
  console.log('  first view bytes…');
  result.firstView = await firstView(browser);
  if (process.env.BENCH_ONLY === 'first-view') {
    // (a quick check: `BENCH_ONLY=first-view node bench/perf.js` against a served release)
    console.log(JSON.stringify(result.firstView, null, 2));
    await browser.close();
    return;
  }
  console.log('  Lighthouse (12 app runs + control)…');
  result.lighthouse = {};
  const lhPages = [['article', `${BASE}articles/${ARTICLE}/`], ['feed', BASE], ['tag', `${BASE}tags/ai-policy/`], ['section', `${BASE}tutorials/`], ['author', `${BASE}authors/mira-kovac/`], ['tutorial', `${BASE}articles/deploy-a-document-qa-service-with-docker/`]];
  for (const [name, url] of lhPages) {
    for (const preset of ['mobile', 'desktop']) result.lighthouse[`${name}-${preset}`] = lighthouse(url, preset, name);
  }
  result.lighthouse['control-mobile'] = lighthouse(`${BASE}control/${ARTICLE}/`, 'mobile', 'control');
  // LCP against the control: the median of three pairs (the main article and control runs
  // above, then two back-to-back app/control pairs), so one noisy run on a shared machine
  // does not decide the line.
  console.log('  LCP pairs (2 more app + control runs)…');
  result.lcpPairs = [[result.lighthouse['article-mobile'].lcp, result.lighthouse['control-mobile'].lcp]];
  for (let i = 0; i < 2; i++) {
    const app = lighthouse(`${BASE}articles/${ARTICLE}/`, 'mobile', `article-pair${i}`).lcp;
    const control = lighthouse(`${BASE}control/${ARTICLE}/`, 'mobile', `control-pair${i}`).lcp;
    result.lcpPairs.push([app, control]);
  }
  console.log('  client-side navigation…');
  result.navigation = await navigation(browser);
  console.log('  30 vs 10,000 articles…');
  result.scale = await scale(browser);
  console.log('  memory…');
  result.memory = await memory(browser);
  await browser.close();

  const fv = result.firstView;
  const lh = result.lighthouse;
  const lcpRatios = result.lcpPairs.map(([app, control]) => app / control);
  const lcpRatio = median(lcpRatios);
  const lcpPair = result.lcpPairs[lcpRatios.indexOf(lcpRatio)];
  const s30 = result.scale['30'];
  const s10k = result.scale['10000'];
  const within = (a, b) => Math.abs(a / b - 1) <= 0.05;
  const wasmBr = fv.brByType.wasm || 0;
  const appWasmBr = fv.app.brByType.wasm || 0;
  const checks = [
    ['wasm a first view downloads ≤ 140 KB brotli', `${kb(wasmBr)} KB (the app's wasm, at the first intent: ${kb(appWasmBr)} KB)`, wasmBr <= 140_000],
    ['first view of an article ≤ 160 KB brotli', `${kb(fv.brTotal)} KB (as served: ${kb(fv.total)} KB, ${fv.encodings.join('/')})`, fv.brTotal <= 160_000],
    ['article LCP ≤ 1.05 × static control (mobile)', `${lcpPair[0].toFixed(0)} / ${lcpPair[1].toFixed(0)} ms = ${lcpRatio.toFixed(2)} (median of ${lcpRatios.map((r) => r.toFixed(2)).join(', ')})`, lcpRatio <= 1.05],
  ];
  for (const [name, r] of Object.entries(lh)) {
    if (name.startsWith('control')) continue;
    const ok = (!name.endsWith('mobile') || r.performance >= 98) && r.accessibility === 100 && r.bestPractices === 100 && r.seo === 100;
    checks.push([`Lighthouse ${name}: perf${name.endsWith('mobile') ? ' ≥ 98' : ''}, a11y/BP/SEO 100`, `${r.performance}/${r.accessibility}/${r.bestPractices}/${r.seo}  FCP ${r.fcp.toFixed(0)} LCP ${r.lcp.toFixed(0)} TBT ${r.tbt.toFixed(0)} CLS ${r.cls.toFixed(3)}`, ok]);
  }
  const nav = result.navigation;
  checks.push(['navigation median ≤ 50 ms cached', `${nav.cached.median.toFixed(1)} ms (p95 ${nav.cached.p95.toFixed(1)})`, nav.cached.median <= 50]);
  checks.push(['navigation median ≤ 100 ms uncached', `${nav.uncached.median.toFixed(1)} ms (p95 ${nav.uncached.p95.toFixed(1)})`, nav.uncached.median <= 100]);
  checks.push(['first feed page bytes within 5% (30 vs 10,000)', `html ${s30.htmlBytes} vs ${s10k.htmlBytes} B, json ${s30.feedJsonBytes} vs ${s10k.feedJsonBytes} B`, within(s10k.htmlBytes, s30.htmlBytes) && within(s10k.feedJsonBytes, s30.feedJsonBytes)]);
  const within2 = (a, b) => Math.abs(a / b - 1) <= 0.02;
  for (const key of ['section', 'author']) {
    const [a, b] = [s30[key], s10k[key]];
    checks.push([`first ${key} page bytes within 2% (30 vs 10,000)`, `html ${a.htmlBytes} vs ${b.htmlBytes} B, json ${a.jsonBytes} vs ${b.jsonBytes} B`, within2(b.htmlBytes, a.htmlBytes) && within2(b.jsonBytes, a.jsonBytes)]);
  }
  checks.push(['first feed page render within 5% (30 vs 10,000)', `client render ${s30.renderMs.toFixed(1)} vs ${s10k.renderMs.toFixed(1)} ms; load LCP ${s30.lcpMs.toFixed(0)} vs ${s10k.lcpMs.toFixed(0)} ms`, within(s10k.renderMs, s30.renderMs)]);
  const m = result.memory;
  for (const [k, label] of [['wasm', 'wasm memory'], ['heap', 'JS heap'], ['nodes', 'DOM nodes']]) {
    const unit = k === 'nodes' ? '' : ' KB';
    const show = (v) => (k === 'nodes' ? String(v) : kb(v));
    checks.push([`${label} after 1,000 navigations ≤ 1.3 × after 10`, `${show(m.at1000[k])} / ${show(m.at10[k])}${unit} = ${m.ratios[k].toFixed(2)}`, m.ratios[k] <= 1.3]);
  }
  result.checks = checks.map(([name, value, pass]) => ({ name, value, pass }));

  console.log('\nfirst view of an article (no interaction), bytes as served / brotli:');
  for (const k of Object.keys(fv.byType).sort()) console.log(`  ${k.padEnd(6)} ${String(fv.byType[k]).padStart(8)} B  ${String(fv.brByType[k]).padStart(8)} B`);
  console.log('then at the first pointer move (the app):');
  for (const k of Object.keys(fv.app.byType).sort()) console.log(`  ${k.padEnd(6)} ${String(fv.app.byType[k]).padStart(8)} B  ${String(fv.app.brByType[k]).padStart(8)} B`);
  console.log('\nbudget:');
  for (const c of result.checks) console.log(`  ${c.pass ? 'PASS' : 'FAIL'}  ${c.name.padEnd(58)} ${c.value}`);
  for (const [name, r] of Object.entries(lh)) {
    const np = Object.entries(r.notPerfect).filter(([, v]) => v.length).map(([k, v]) => `${k}: ${v.join(', ')}`);
    if (np.length) console.log(`  (${name} not perfect on: ${np.join('; ')})`);
  }
  fs.writeFileSync(path.join(OUT, 'perf.json'), JSON.stringify(result, null, 2));
  const failed = result.checks.filter((c) => !c.pass).length;
  console.log(`\nbudget: ${result.checks.length - failed} passed, ${failed} failed (bench/out/perf.json)`);
})().catch((e) => { console.error(e); process.exit(1); });
