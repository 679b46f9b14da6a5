// Bad addresses and bad networks: never a blank page, never a panic.
const { test, expect } = require('@playwright/test');
const { ARTICLE, ARTICLE_TITLE, watchConsole, ready, holdRequests, settledScroll } = require('./helpers');

async function expectNotFound(page) {
  await expect(page.locator('h1')).toHaveText('Page not found');
  await expect(page).toHaveTitle(/Page not found/);
  await expect(page.getByRole('link', { name: 'Go to the front page' })).toBeVisible();
}

test('unknown slug, tag, page number and route show the not-found page with a way home', async ({ page }) => {
  const problems = watchConsole(page);
  for (const path of ['./articles/no-such-story', './articles/Bad_Slug!', './tags/no-such-tag', './page/99', './page/0', './page/abc', './tags/ai/page/50', './nowhere/at/all']) {
    await page.goto(path);
    await expectNotFound(page);
  }
  await page.getByRole('link', { name: 'Go to the front page' }).click();
  await expect(page.locator('h1')).toHaveText('Latest news');
  // 404s for data files are expected console noise; panics are not
  expect(problems.filter((p) => !/404 \(Not Found\)/.test(p))).toEqual([]);
});

test('/page/1 is the oldest archive page, and doubled slashes are merged as nginx does', async ({ page }) => {
  await page.goto('./page/1');
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/page\/1\/$/);
  await ready(page);
  await expect(page.locator('h1')).toHaveText('Archive, page 1');
  await expect(page.locator('.pager-next')).toHaveCount(0);
  const res = await page.goto(`${new URL(page.url()).origin}//tags`);
  expect(res.status()).toBe(200);
  await ready(page);
  await expect(page.locator('h1')).toHaveText('All tags');
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/tags\/$/);
});

test('a failed data request shows the error view and Retry recovers', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('./');
  await ready(page);
  let fail = true;
  await page.route('**/data/articles/*.json', (route) => (fail ? route.abort('failed') : route.continue()));
  const link = page.locator('.cards .card h2 a').first();
  const title = (await link.textContent()).trim();
  await link.click();
  await expect(page.locator('.error-view h1')).toHaveText('Something went wrong');
  await expect(page.locator('.error-message')).toContainText('could not reach the server');
  await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible();
  fail = false;
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.locator('h1')).toHaveText(title);
  expect(problems.filter((p) => !/net::ERR_FAILED/.test(p))).toEqual([]);
});

test('going back from a failed page restores the place on the previous page', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 600 });
  await page.goto('./');
  await ready(page);
  await page.route('**/data/articles/*.json', (route) => route.abort('failed'));
  const link = page.locator('.cards .card h2 a').nth(6);
  await link.scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, 120);
  const y = await settledScroll(page);
  expect(y).toBeGreaterThan(100);
  await link.click();
  await expect(page.locator('.error-view h1')).toHaveText('Something went wrong');
  await expect(page).toHaveTitle(/^Something went wrong/);
  await page.goBack();
  await expect(page.locator('main h1')).toHaveText('Latest news');
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(y - 5);
  await expect(page.locator('main h1')).toBeFocused();
});

test("the server's not-found page takes over without looking for data", async ({ page }) => {
  const requests = [];
  await page.route('**/data/**', (route) => {
    requests.push(route.request().url());
    return route.continue();
  });
  const res = await page.goto('./articles/no-such-story');
  expect(res.status()).toBe(404);
  await page.mouse.move(1, 1);
  await page.waitForFunction(() => window.wasmBindings !== undefined);
  await expectNotFound(page);
  await expect(page.locator('.loading')).toHaveCount(0);
  await page.waitForTimeout(500);
  expect(requests).toEqual([]);
  // and the app works from there
  await page.getByRole('link', { name: 'Go to the front page' }).click();
  await expect(page.locator('h1')).toHaveText('Latest news');
});

test('a server error and malformed JSON are explained, not shown as blank pages', async ({ page }) => {
  await page.goto('./');
  await ready(page);
  await page.route('**/data/feed/2.json', (route) => route.fulfill({ status: 503, body: 'busy' }));
  await page.locator('.pager-next').click();
  await expect(page.locator('.error-message')).toContainText('HTTP 503');
  await page.route('**/data/tags.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"version":2,"tags":"oops"}' }));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tags' }).click();
  await expect(page.locator('.error-message')).toContainText('could not be read');
  await page.unroute('**/data/tags.json');
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.locator('h1')).toHaveText('All tags');
});

test('data of another format version is refused with a clear message', async ({ page }) => {
  await page.goto('./');
  await ready(page);
  // the version the release was published in is the one the app reads
  const { version } = await (await page.request.get('./data/site.json')).json();
  const older = version - 1;
  await page.route('**/data/tags.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: `{"version":${older},"tags":[]}` }));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tags' }).click();
  await expect(page.locator('.error-message')).toContainText(`data format version ${older}, this app reads version ${version}`);
});

test('a slow network shows a loading skeleton, not a blank page', async ({ page }) => {
  await page.goto('./');
  await ready(page);
  const release = await holdRequests(page, '**/data/articles/*.json');
  await page.locator('.cards .card h2 a').first().click();
  await expect(page.locator('.loading')).toBeVisible();
  await expect(page.locator('.site-header')).toBeVisible();
  release();
  await ready(page);
  await expect(page.locator('.article-header h1')).toBeVisible();
});

test('a fetch is aborted when its page goes away', async ({ page }) => {
  await page.goto('./');
  await ready(page);
  const aborted = [];
  page.on('requestfailed', (r) => aborted.push([new URL(r.url()).pathname, r.failure().errorText]));
  const release = await holdRequests(page, '**/data/articles/*.json');
  const link = page.locator('.cards .card h2 a').first();
  const slug = (await link.getAttribute('href')).split('/').filter(Boolean).pop();
  await link.click();
  await expect(page.locator('.loading')).toBeVisible();
  // the reader moves on before the story arrives
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tags' }).click();
  await ready(page);
  await expect(page.locator('h1')).toHaveText('All tags');
  await expect.poll(() => aborted).toContainEqual([`/data/articles/${slug}.json`, 'net::ERR_ABORTED']);
  release();
});
