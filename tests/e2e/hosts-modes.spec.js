// The same release folder on three kinds of host (scripts/test serves it three ways):
//  1. the shipped deploy/nginx.conf (E2E_BASE_URL);
//  2. the common single-page-app recipe `try_files $uri $uri/ /index.html` (E2E_SPA_URL,
//     tests/hosts/nginx-spa.conf);
//  3. files and folders' index.html only, like S3 website hosting (E2E_STATIC_URL,
//     tests/hosts/nginx-static.conf).
// Every route type answers 200 with its own page on a fresh load and on a reload, and the
// app takes over; unknown addresses show the not-found page.
const { test, expect } = require('@playwright/test');
const { ARTICLE, ARTICLE_TITLE, ready, watchConsole } = require('./helpers');

const MODES = {
  'shipped nginx': process.env.E2E_BASE_URL,
  'single-page-app recipe': process.env.E2E_SPA_URL,
  'files and folders only (S3-like)': process.env.E2E_STATIC_URL,
};

const ROUTES = [
  ['front page', '', 'Latest news'],
  ['feed page 2', 'page/2/', 'Archive, page 2'],
  ['article', `articles/${ARTICLE}/`, ARTICLE_TITLE],
  ['tag index', 'tags/', 'All tags'],
  ['tag', 'tags/ai/', '#ai'],
  ['tag page 2', 'tags/small-business/page/2/', '#small-business'],
  ['search', 'search/', 'Search'],
];

for (const [mode, base] of Object.entries(MODES)) {
  test.describe(mode, () => {
    test.skip(!base, 'scripts/test sets the URL of this host');

    test('every route type answers 200 with its page, on a load and a reload', async ({ page }) => {
      const problems = watchConsole(page);
      for (const [name, path, h1] of ROUTES) {
        for (const visit of ['load', 'reload']) {
          const res = visit === 'load' ? await page.goto(`${base}${path}`) : await page.reload();
          expect(res.status(), `${name} (${visit})`).toBe(200);
          expect(new URL(page.url()).pathname, name).toBe(new URL(`${base}${path}`).pathname);
          await ready(page);
          await expect(page.locator('main h1'), `${name} (${visit})`).toContainText(h1);
        }
      }
      expect(problems).toEqual([]);
    });

    test('an unknown address shows the not-found page', async ({ page }) => {
      const res = await page.goto(`${base}articles/no-such-story/`);
      if (mode !== 'single-page-app recipe') expect(res.status()).toBe(404);
      await ready(page);
      await expect(page.locator('main h1')).toHaveText('Page not found');
    });
  });
}
