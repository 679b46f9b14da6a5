// The release build as a CDN serves it: prerendered pages, takeover, feeds, headers, sub-path.
const { test, expect } = require('@playwright/test');
const crypto = require('crypto');
const { ARTICLE, ARTICLE_TITLE, watchConsole, ready, wasmPath, allSummaries } = require('./helpers');

const ROUTES = [
  { path: './', h1: 'Latest news', title: 'Krasa News' },
  { path: './page/2', h1: 'Archive, page 2', title: 'Archive, page 2 — Krasa News' },
  { path: `./articles/${ARTICLE}`, h1: ARTICLE_TITLE, title: `${ARTICLE_TITLE} — Krasa News` },
  { path: './tags', h1: 'All tags', title: 'All tags — Krasa News' },
  { path: './tags/ai-policy', h1: '#ai-policy', title: '#ai-policy — Krasa News' },
  { path: './tutorials', h1: 'Tutorials', title: 'Tutorials — Krasa News' },
  { path: './authors/mira-kovac', h1: 'Mira Kovač', title: 'Mira Kovač — Krasa News' },
];

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  for (const r of ROUTES) {
    test(`${r.path} is a complete page`, async ({ page }) => {
      const res = await page.goto(r.path);
      expect(res.status()).toBe(200);
      await expect(page.locator('main h1')).toHaveText(r.h1);
      await expect(page).toHaveTitle(r.title);
      await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /\S/);
      await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', /^https:\/\/news\.krasa\.example\//);
      await expect(page.locator('meta[property="og:title"]')).toHaveCount(1);
      await expect(page.locator('meta[name="twitter:card"]')).toHaveCount(1);
      await expect(page.locator('link[rel="alternate"][type="application/rss+xml"]').first()).toHaveAttribute('href', 'feed.xml');
      await expect(page.locator('.loading')).toHaveCount(0);
    });
  }

  test('the article page is readable and described for search and social', async ({ page }) => {
    await page.goto(`./articles/${ARTICLE}`);
    await expect(page.locator('.prose h2')).toHaveCount(5);
    await expect(page.locator('.prose')).toContainText('Cuban Missile Crisis');
    await expect(page.locator('.related h3')).toHaveCount(3);
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `https://news.krasa.example/articles/${ARTICLE}/`);
    await expect(page.locator('meta[property="og:type"]')).toHaveAttribute('content', 'article');
    const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent());
    expect(ld['@type']).toBe('NewsArticle');
    expect(ld.headline).toBe(ARTICLE_TITLE);
    expect(ld.datePublished).toBe('2026-05-08');
    expect(ld.mainEntityOfPage).toBe(`https://news.krasa.example/articles/${ARTICLE}/`);
    await expect(page.locator('link[rel="alternate"]')).toHaveCount(3);
  });

  test('footnotes, section links and the skip link stay on the page', async ({ page }) => {
    const story = './articles/how-to-measure-roi-of-ai-automation';
    await page.goto(story);
    const h1 = (await page.locator('main h1').textContent()).trim();
    await page.locator('.prose sup.footnote-reference a').first().click();
    await expect(page).toHaveURL(/\/articles\/how-to-measure-roi-of-ai-automation\/#fn-/);
    await expect(page.locator('main h1')).toHaveText(h1);
    await page.locator('.prose a', { hasText: 'step 3' }).click();
    await expect(page).toHaveURL(/#step-3-work-through-the-numbers$/);
    await expect(page.locator('#step-3-work-through-the-numbers')).toBeInViewport();
    await page.locator('.skip-link').focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/articles\/how-to-measure-roi-of-ai-automation\/#main-content$/);
    await expect(page.locator('main h1')).toHaveText(h1);
  });

  test('tag pages advertise the tag feeds too', async ({ page }) => {
    await page.goto('./tags/ai-policy');
    await expect(page.locator('link[rel="alternate"][href="tags/ai-policy/atom.xml"]')).toHaveCount(1);
  });

  test('unknown paths answer 404 with the not-found page', async ({ page }) => {
    for (const path of ['./no/such/page', './articles/no-such-story', './tags/no-such-tag', './page/99']) {
      const res = await page.goto(path);
      expect(res.status(), path).toBe(404);
      await expect(page.locator('main h1')).toHaveText('Page not found');
      await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
    }
  });
});

test('the app takes over a prerendered page without a fetch, a flash or a layout shift', async ({ page }) => {
  const problems = watchConsole(page);
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.addInitScript(() => {
    window.__shifts = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(`./articles/${ARTICLE}`);
  await ready(page);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => window.__shifts)).toBe(0);
  expect(requests.filter((p) => p.startsWith('/data/'))).toEqual([]);
  // the app is in charge: client-side navigation works
  await page.locator('.related h3 a').first().click();
  await ready(page);
  expect(requests.filter((p) => p.startsWith('/data/articles/')).length).toBe(1);
  expect(problems).toEqual([]);
});

test('the feeds and the sitemap parse and list every article', async ({ page, request }) => {
  await page.goto('./');
  await ready(page);
  const tags = await (await request.get('./data/tags.json')).json();
  const slugs = (await allSummaries(request)).map((i) => i.slug);
  expect(slugs.length).toBeGreaterThanOrEqual(24);
  const parse = (text, type) => page.evaluate(([t, ty]) => {
    const doc = new DOMParser().parseFromString(t, ty);
    const err = doc.getElementsByTagName('parsererror').length;
    const links = [...doc.querySelectorAll('item > link, entry > link[rel="alternate"], url > loc, sitemap > loc')].map((e) => e.getAttribute('href') || e.textContent);
    return { err, links, root: doc.documentElement.nodeName };
  }, [text, type]);
  const expectAll = (links) => {
    for (const s of slugs) expect(links, s).toContain(`https://news.krasa.example/articles/${s}/`);
  };
  const rss = await request.get('./feed.xml');
  expect(rss.headers()['content-type']).toContain('application/rss+xml');
  const r = await parse(await rss.text(), 'application/xml');
  expect(r.err).toBe(0);
  expect(r.root).toBe('rss');
  expectAll(r.links);
  const atom = await request.get('./atom.xml');
  expect(atom.headers()['content-type']).toContain('application/atom+xml');
  const a = await parse(await atom.text(), 'application/xml');
  expect(a.err).toBe(0);
  expect(a.root).toBe('feed');
  expectAll(a.links);
  const json = await (await request.get('./feed.json')).json();
  expect(json.version).toBe('https://jsonfeed.org/version/1.1');
  expectAll(json.items.map((i) => i.url));
  expect(json.items[0].content_html).toContain('<p>');
  // sitemap.xml is a sitemap index; its parts list the pages
  const index = await parse(await (await request.get('./sitemap.xml')).text(), 'application/xml');
  expect(index.err).toBe(0);
  expect(index.root).toBe('sitemapindex');
  expect(index.links).toEqual(['https://news.krasa.example/sitemap-1.xml']);
  const sm = await parse(await (await request.get('./sitemap-1.xml')).text(), 'application/xml');
  expect(sm.err).toBe(0);
  expect(sm.root).toBe('urlset');
  expectAll(sm.links);
  expect(sm.links).toContain('https://news.krasa.example/tags/ai-policy/');
  const robots = await (await request.get('./robots.txt')).text();
  expect(robots).toContain('Sitemap: https://news.krasa.example/sitemap.xml');
  // per-tag feeds
  const tagFeed = await parse(await (await request.get(`./tags/${tags.tags[0].slug}/feed.xml`)).text(), 'application/xml');
  expect(tagFeed.err).toBe(0);
  expect(tagFeed.links.length).toBe(Math.min(50, tags.tags[0].count));
});

test('security and caching headers are sent', async ({ request }) => {
  const res = await request.get(`./articles/${ARTICLE}`);
  const h = res.headers();
  const csp = h['content-security-policy'];
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).not.toContain('unsafe-inline');
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(h['permissions-policy']).toContain('camera=()');
  expect(h['cache-control']).toBe('no-cache');
  // the two inline scripts (theme, boot) are allowed by their hashes
  const html = await res.text();
  const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  expect(inline.length).toBe(2);
  for (const script of inline) {
    const hash = crypto.createHash('sha256').update(script).digest('base64');
    expect(csp).toContain(`'sha256-${hash}'`);
  }
  expect(html).not.toMatch(/<script type="module"/);
  // the app starts after the page has loaded: nothing preloads it (a lead image may be)
  expect(html).not.toMatch(/rel="modulepreload"/);
  expect(html).not.toMatch(/rel="preload"(?![^>]*as="image")/);
  // hashed assets: immutable, precompressed
  const wasm = await wasmPath(request, html);
  const br = await request.get(`./${wasm}`, { headers: { 'Accept-Encoding': 'br' } });
  expect(br.headers()['content-encoding']).toBe('br');
  expect(br.headers()['content-type']).toBe('application/wasm');
  expect(br.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  const gz = await request.get(`./${wasm}`, { headers: { 'Accept-Encoding': 'gzip' } });
  expect(gz.headers()['content-encoding']).toBe('gzip');
  const data = await request.get('./data/site.json', { headers: { 'Accept-Encoding': 'br' } });
  expect(data.headers()['cache-control']).toBe('no-cache');
});

test('addresses without their slash redirect to the canonical address', async ({ request }) => {
  const cases = [
    ['./page/1', '/page/1/'],
    ['./tags/ai/page/1', '/tags/ai/page/1/'],
    [`./articles/${ARTICLE}`, `/articles/${ARTICLE}/`],
    ['./tags', '/tags/'],
    ['./tags/ai', '/tags/ai/'],
    ['./page/2', '/page/2/'],
    ['./search?q=ai', '/search/?q=ai'],
  ];
  for (const [from, to] of cases) {
    const res = await request.get(from, { maxRedirects: 0 });
    expect(res.status(), from).toBe(301);
    expect(res.headers()['location'], from).toBe(to);
  }
});

test.describe('under a sub-path (/news/)', () => {
  const SUB = process.env.E2E_SUB_URL;
  test.skip(!SUB, 'E2E_SUB_URL is not set (scripts/test sets it)');

  test('routes, links, data, feeds and canonical URLs carry the sub-path', async ({ page, request }) => {
    const problems = watchConsole(page);
    const res = await page.goto(`${SUB}articles/${ARTICLE}`);
    expect(res.status()).toBe(200);
    await ready(page);
    await expect(page.locator('h1')).toHaveText(ARTICLE_TITLE);
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `https://news.krasa.example/news/articles/${ARTICLE}/`);
    await expect(page.getByRole('link', { name: '← Back to News' })).toHaveAttribute('href', '/news/');
    await expect(page.locator('.article-footer .tag-links a').first()).toHaveAttribute('href', '/news/tags/ai/');
    await expect(page.locator('.article .badge a')).toHaveAttribute('href', '/news/news/');
    await expect(page.locator('.article-header .byline a.author')).toHaveAttribute('href', '/news/authors/krasa-news/');
    const requests = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.locator('.article-footer .tag-links a').first().click();
    await expect(page).toHaveURL(/\/news\/tags\/ai\/$/);
    await ready(page);
    expect(requests).toContain('/news/data/tags/ai/latest.json');
    await page.getByRole('link', { name: 'Latest', exact: true }).click();
    await expect(page).toHaveURL(/\/news\/$/);
    await expect(page.locator('h1')).toHaveText('Latest news');
    const section = await page.goto(`${SUB}tutorials/`);
    expect(section.status()).toBe(200);
    await ready(page);
    await expect(page.locator('main h1')).toHaveText('Tutorials');
    await expect(page.locator('.site-nav a[aria-current="page"]')).toHaveAttribute('href', '/news/tutorials/');
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', 'https://news.krasa.example/news/tutorials/');
    const missing = await page.goto(`${SUB}articles/no-such-story`);
    expect(missing.status()).toBe(404);
    await expect(page.locator('main h1')).toHaveText('Page not found');
    const rss = await (await request.get(`${SUB}feed.xml`)).text();
    expect(rss).toContain(`<link>https://news.krasa.example/news/articles/`);
    const sitemap = await (await request.get(`${SUB}sitemap.xml`)).text();
    expect(sitemap).toContain('<loc>https://news.krasa.example/news/sitemap-1.xml</loc>');
    const part = await (await request.get(`${SUB}sitemap-1.xml`)).text();
    expect(part).toContain('<loc>https://news.krasa.example/news/tags/</loc>');
    expect(problems.filter((p) => !/404 \(Not Found\)/.test(p))).toEqual([]);
  });
});
