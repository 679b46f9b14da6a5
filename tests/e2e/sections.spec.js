// Sections and authors: browsing each, knowing who wrote a story and what changed in it, and
// following any of them by feed.
const { test, expect } = require('@playwright/test');
const { watchConsole, ready } = require('./helpers');

const CORRECTED = 'eu-ai-act-august-deadline-companies-prepare';

test.describe('sections and authors', () => {
  let problems;
  test.beforeEach(async ({ page }) => {
    problems = watchConsole(page);
  });
  test.afterEach(async () => {
    expect(problems, 'console errors or panics').toEqual([]);
  });

  test('header section link, section page, a story, its badge: the same section', async ({ page, request }) => {
    const total = (await (await request.get('./data/sections/tutorials/latest.json')).json()).total_items;
    expect(total).toBeGreaterThan(5);
    await page.goto('./');
    await ready(page);
    await expect(page.locator('.site-nav a')).toHaveText(['Latest', 'News', 'Analysis', 'Tutorials', 'Tags']);
    await page.locator('.site-nav a', { hasText: 'Tutorials' }).click();
    await expect(page).toHaveURL(/\/tutorials\/$/);
    await ready(page);
    await expect(page.locator('main h1')).toHaveText('Tutorials');
    await expect(page).toHaveTitle('Tutorials — Krasa News');
    await expect(page.locator('.site-nav a[aria-current="page"]')).toHaveText('Tutorials');
    await expect(page.locator('.page-about')).toContainText('step-by-step guides');
    await expect(page.locator('.page-sub')).toHaveText(`${total} stories`);
    const badges = await page.locator('.cards .badge').allTextContents();
    expect(badges.length).toBe(Math.min(total, 10));
    expect(new Set(badges)).toEqual(new Set(['Tutorials']));
    await expect(page.locator('link[rel="alternate"][href="tutorials/feed.xml"]')).toHaveCount(1);
    await page.locator('.cards .card h2 a').first().click();
    await expect(page).toHaveURL(/\/articles\//);
    await ready(page);
    await expect(page.locator('.site-nav a[aria-current="page"]')).toHaveCount(0);
    await page.locator('.article .badge a').click();
    await expect(page).toHaveURL(/\/tutorials\/$/);
    await ready(page);
    await expect(page.locator('main h1')).toHaveText('Tutorials');
  });

  test('byline, author page, one of their stories: by the same author', async ({ page }) => {
    await page.goto(`./articles/${CORRECTED}`);
    await ready(page);
    await expect(page.locator('.about-author')).toContainText('Policy correspondent');
    await page.locator('.article-header .byline a.author').click();
    await expect(page).toHaveURL(/\/authors\/mira-kovac\/$/);
    await ready(page);
    await expect(page.locator('main h1')).toHaveText('Mira Kovač');
    await expect(page.locator('.profile .role')).toHaveText('Policy correspondent');
    await expect(page.locator('.profile .bio')).toContainText('AI regulation');
    await expect(page.locator('.profile-links a[rel="me"]')).toHaveCount(2);
    const authors = await page.locator('.cards .byline a.author').allTextContents();
    expect(authors.length).toBe(6);
    expect(new Set(authors)).toEqual(new Set(['Mira Kovač']));
    await page.locator('.cards .card h2 a').nth(2).click();
    await ready(page);
    await expect(page.locator('.article-header .byline a.author')).toHaveText('Mira Kovač');
  });

  test('an updated story says so, and its corrections are at its end', async ({ page }) => {
    await page.goto(`./articles/${CORRECTED}`);
    await ready(page);
    await expect(page.locator('.article-header .updated')).toHaveText('Updated May 20, 2026');
    await expect(page.locator('.article-header .updated time')).toHaveAttribute('datetime', '2026-05-20');
    await expect(page.locator('#corrections h2')).toHaveText('Corrections');
    await expect(page.locator('#corrections li')).toHaveText(/^May 20, 2026: An earlier version said the bans/);
    // a story corrected without an `updated` line: the correction is its update
    await page.goto('./articles/hidden-costs-of-cheap-ai-tools');
    await ready(page);
    await expect(page.locator('.article-header .updated')).toHaveText('Updated April 14, 2026');
    // a story never corrected has no box
    await page.goto('./articles/us-china-ai-risk-talks-beijing-summit');
    await ready(page);
    await expect(page.locator('#corrections')).toHaveCount(0);
  });

  test('sections, authors and corrections can be followed by feed', async ({ request }) => {
    const total = (await (await request.get('./data/sections/tutorials/latest.json')).json()).total_items;
    const rss = await (await request.get('./tutorials/feed.xml')).text();
    expect(rss).toContain('<title>Tutorials — Krasa News</title>');
    const items = rss.match(/<item>/g) || [];
    expect(items.length).toBe(total);
    const atom = await request.get('./authors/mira-kovac/atom.xml');
    expect(atom.headers()['content-type']).toContain('application/atom+xml');
    expect(((await atom.text()).match(/<entry>/g) || []).length).toBe(6);
    const corrections = await request.get('./corrections.xml');
    expect(corrections.status()).toBe(200);
    const text = await corrections.text();
    expect((text.match(/<entry>/g) || []).length).toBe(2);
    expect(text.indexOf('2026-05-20')).toBeLessThan(text.indexOf('2026-04-14'));
    const sitemap = await (await request.get('./sitemap-1.xml')).text();
    expect(sitemap).toContain('<loc>https://news.krasa.example/tutorials/</loc>');
    expect(sitemap).toContain('<loc>https://news.krasa.example/authors/mira-kovac/</loc>');
    expect(sitemap).toMatch(new RegExp(`<loc>https://news.krasa.example/articles/${CORRECTED}/</loc><lastmod>2026-05-20</lastmod>`));
  });
});

// the server's 404 answers are logged by the browser as console errors: not watched here
test.describe('not found', () => {
  test('unknown sections and authors, and pages past the end, are not found', async ({ page }) => {
    for (const path of ['./no-such-section/', './authors/nobody/', './tutorials/page/9/', './authors/mira-kovac/page/9/']) {
      const res = await page.goto(path);
      expect(res.status(), path).toBe(404);
      await expect(page.locator('main h1')).toHaveText('Page not found');
    }
    // inside the app: a section link to nowhere shows the not-found page too
    await page.goto('./');
    await ready(page);
    await page.evaluate(() => {
      const a = document.createElement('a');
      a.href = 'no-such-section/';
      a.id = 'nowhere';
      a.textContent = 'nowhere';
      document.querySelector('main').append(a);
    });
    await page.locator('#nowhere').click();
    await expect(page).toHaveURL(/\/no-such-section\/$/);
    await expect(page.locator('main h1')).toHaveText('Page not found');
  });
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('section and author pages are readable and described', async ({ page, request }) => {
    const count = async (rel) => (await (await request.get(`./data/${rel}/latest.json`)).json()).total_items;
    const analysis = await count('sections/analysis');
    await page.goto('./analysis/');
    await expect(page.locator('main h1')).toHaveText('Analysis');
    await expect(page.locator('.cards .card')).toHaveCount(Math.min(analysis, 10));
    const jonah = await count('authors/jonah-reyes');
    expect(jonah).toBeGreaterThan(1);
    await page.goto('./authors/jonah-reyes/');
    await expect(page.locator('main h1')).toHaveText('Jonah Reyes');
    await expect(page.locator('.profile .bio')).toContainText('tutorials');
    await expect(page.locator('.cards .card')).toHaveCount(Math.min(jonah, 10));
    await expect(page.locator('meta[property="og:type"]')).toHaveAttribute('content', 'profile');
    const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent());
    expect(ld['@type']).toBe('ProfilePage');
    expect(ld.mainEntity['@type']).toBe('Person');
    expect(ld.mainEntity.url).toBe('https://news.krasa.example/authors/jonah-reyes/');
    expect(ld.mainEntity.sameAs).toEqual(['https://jonahreyes.example/', 'https://github.com/jonahreyes-example']);
    await page.goto(`./articles/${CORRECTED}`);
    await expect(page.locator('#corrections li')).toHaveCount(1);
    const article = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent());
    expect(article.dateModified).toBe('2026-05-20');
    expect(article.author).toMatchObject({ '@type': 'Person', name: 'Mira Kovač', url: 'https://news.krasa.example/authors/mira-kovac/' });
  });
});
