// Search (Pagefind): the index built by the release, the /search route, the header's box,
// filters, no results, a failing index, JavaScript off, accessibility and the keyboard.
const { test, expect } = require('@playwright/test');
const { ARTICLE, ready, axe, watchConsole, settledScroll, allSummaries } = require('./helpers');

/** Waits for the search page's results (or its "no results" message). */
async function results(page) {
  await ready(page);
  await expect(page.locator('.search-count').first()).toBeVisible();
  await expect(page.locator('.search-status')).toHaveCount(0);
}

/** The slugs of the results shown, in order. */
async function resultSlugs(page) {
  const hrefs = await page.locator('.search-results > li h2 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  return hrefs.map((h) => h.split('/').filter(Boolean).pop());
}

/** Every published article with the plain text of its body, from the site's own data files. */
async function allArticles(request) {
  const summaries = await allSummaries(request);
  const articles = [];
  for (const s of summaries) {
    const a = await (await request.get(`data/articles/${s.slug}.json`)).json();
    const text = a.body_html.replace(/<[^>]+>/g, ' ').replace(/&[a-z#0-9]+;/g, ' ');
    articles.push({ slug: s.slug, tags: s.tags.map((t) => t.slug), category: s.category, text });
  }
  return articles;
}

/** The words of a text: lower case letters only, at least 7 of them (no stop words). */
function words(text) {
  return new Set((text.toLowerCase().match(/\p{L}{7,}/gu) || []));
}

test('every article is found by a word of its body that few others use', async ({ page, request }) => {
  test.setTimeout(120_000);
  const articles = await allArticles(request);
  expect(articles.length).toBeGreaterThan(20);
  // Pagefind matches word stems ("considering" finds "consider"), so a word counts as
  // distinctive by its first six letters: in how many articles does that stem appear?
  const stem = (w) => w.slice(0, 6);
  const vocab = articles.map((a) => words(a.text));
  const spread = new Map();
  for (const set of vocab) for (const s of new Set([...set].map(stem))) spread.set(s, (spread.get(s) || 0) + 1);
  for (const [i, article] of articles.entries()) {
    // the rarest stem of this article's body across the site (the longer word on ties)
    const word = [...vocab[i]].sort((a, b) => spread.get(stem(a)) - spread.get(stem(b)) || b.length - a.length || (a < b ? -1 : 1))[0];
    await page.goto(`./search?q=${encodeURIComponent(word)}`);
    await results(page);
    const top = (await resultSlugs(page)).slice(0, 3);
    expect(top, `"${word}" (stem in ${spread.get(stem(word))} articles) finds ${article.slug}`).toContain(article.slug);
  }
});

test('no search bytes on the first view of an article; focus on the box starts loading them', async ({ page }) => {
  const fetched = [];
  page.on('request', (r) => fetched.push(r.url()));
  await page.goto(`./articles/${ARTICLE}`);
  await ready(page);
  await page.waitForLoadState('networkidle');
  expect(fetched.filter((u) => u.includes('/pagefind/'))).toEqual([]);
  const bundle = page.waitForRequest((r) => r.url().includes('/pagefind/pagefind.js'));
  await page.getByRole('searchbox', { name: 'Search stories' }).first().focus();
  await bundle;
});

test('a search from the header: results, open one, Back restores query, results and place', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('./');
  await ready(page);
  const box = page.locator('#site-search-words');
  await box.fill('business');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/search\/\?q=business$/);
  await results(page);
  await expect(page.locator('#search-words')).toHaveValue('business');
  await expect(page).toHaveTitle(/^Search: “business” \(\d+ results\) — Krasa News$/);
  await expect(page.locator('[role="status"]')).toContainText(/\d+ results/);
  const first = page.locator('.search-results > li').first();
  await expect(first.locator('.badge')).toBeVisible();
  await expect(first.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}/);
  await expect(page.locator('.search-results mark').first()).toHaveText(/business/i);
  const total = Number((await page.locator('.search-count').textContent()).match(/(\d+) results/)[1]);
  expect(total).toBeGreaterThan(10);
  await expect(page.locator('.search-results > li')).toHaveCount(10);
  // show more, and focus goes to the first new result
  await page.getByRole('button', { name: /Show more/ }).click();
  await expect(page.locator('.search-results > li')).toHaveCount(Math.min(20, total));
  await expect(page.locator('.search-results > li').nth(10).locator('a')).toBeFocused();
  // open the 12th result from further down the page
  const pick = page.locator('.search-results > li').nth(11).locator('h2 a');
  await pick.scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, 150);
  const y = await settledScroll(page);
  expect(y).toBeGreaterThan(300);
  const title = await pick.textContent();
  await pick.click();
  await expect(page.locator('main h1')).toHaveText(title);
  await page.goBack();
  await expect(page).toHaveURL(/\/search\/\?q=business$/);
  await expect(page.locator('#search-words')).toHaveValue('business');
  await expect(page.locator('.search-results > li')).toHaveCount(Math.min(20, total));
  await expect.poll(() => settledScroll(page)).toBeGreaterThan(y - 5);
  expect(Math.abs((await settledScroll(page)) - y)).toBeLessThanOrEqual(5);
  expect(problems).toEqual([]);
});

test('typing refines the results in place, keeping focus and history', async ({ page }) => {
  await page.goto('./');
  await ready(page);
  await page.goto('./search?q=model');
  await results(page);
  const before = await page.locator('.search-count').textContent();
  const box = page.locator('#search-words');
  await box.focus();
  await box.press('End');
  await page.keyboard.type(' weights');
  await expect(page).toHaveURL(/\/search\/\?q=model(%20|\+)weights$/);
  await expect(page.locator('.search-count')).not.toHaveText(before);
  await expect(box).toBeFocused();
  await expect(page.locator('[role="status"]')).toContainText('for “model weights”');
  await page.goBack();
  await expect(page).toHaveURL(/\/$/, { timeout: 7_000 });
});

test('tag and category filters narrow the results', async ({ page, request }) => {
  const articles = await allArticles(request);
  await page.goto('./search?q=business');
  await results(page);
  const all = Number((await page.locator('.search-count').textContent()).match(/(\d+) result/)[1]);
  await page.locator('#search-category').selectOption('Tutorial');
  await expect(page).toHaveURL(/[?&]category=Tutorial/);
  await expect(page.locator('.search-count')).toContainText('in Tutorial');
  const badges = await page.locator('.search-results .badge').allTextContents();
  expect(badges.length).toBeGreaterThan(0);
  expect(badges.length).toBeLessThan(all);
  expect(new Set(badges)).toEqual(new Set(['Tutorial']));
  await page.locator('#search-category').selectOption('');
  await page.locator('#search-tag').selectOption('marketing');
  await expect(page).toHaveURL(/\?q=business&tag=marketing$/);
  await expect(page.locator('.search-count')).toContainText('tagged #marketing');
  const slugs = await resultSlugs(page);
  expect(slugs.length).toBeGreaterThan(0);
  const tagged = articles.filter((a) => a.tags.includes('marketing')).map((a) => a.slug);
  for (const s of slugs) expect(tagged).toContain(s);
  // a filter alone, without words, lists that tag's stories
  await page.goto('./search?tag=marketing');
  await results(page);
  await expect(page.locator('.search-count')).toHaveText(`${tagged.length} results for stories tagged #marketing`);
  const listed = await resultSlugs(page);
  expect(listed.length).toBe(Math.min(10, tagged.length));
  for (const s of listed) expect(tagged).toContain(s);
});

test('a search with no results says so and offers the tags', async ({ page }) => {
  await page.goto('./search?q=xylophonequartz');
  await ready(page);
  await expect(page.locator('.search-count')).toHaveText('No results for “xylophonequartz”.');
  await expect(page.locator('[role="status"]')).toHaveText('0 results for “xylophonequartz”');
  await page.locator('.search-empty').getByRole('link', { name: 'all tags' }).click();
  await expect(page.locator('main h1')).toHaveText('All tags');
});

test('an index that fails to load shows the error view, and Retry recovers', async ({ page }) => {
  await page.route('**/pagefind/pagefind.js*', (route) => route.abort());
  await page.goto('./search?q=privacy');
  await ready(page);
  await expect(page.locator('.error-view')).toContainText('We could not load the search index');
  await page.unroute('**/pagefind/pagefind.js*');
  await page.getByRole('button', { name: 'Retry' }).click();
  await results(page);
  expect((await resultSlugs(page)).length).toBeGreaterThan(0);
});

test('without JavaScript the header form lands on a page that explains', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  await page.goto(`./articles/${ARTICLE}`);
  await page.locator('#site-search-words').fill('privacy');
  await page.locator('#site-search-words').press('Enter');
  await expect(page).toHaveURL(/\/search\/\?q=privacy$/);
  await expect(page.locator('main h1')).toHaveText('Search');
  await expect(page.getByText('Search needs JavaScript')).toBeVisible();
  await page.locator('.search-note').getByRole('link', { name: 'all tags' }).click();
  await expect(page.locator('main h1')).toHaveText('All tags');
  await context.close();
});

for (const scheme of ['light', 'dark']) {
  test(`axe: search results (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('./search?q=privacy');
    await results(page);
    await axe(page);
    await page.goto('./search?q=xylophonequartz');
    await expect(page.locator('.search-empty')).toBeVisible();
    await axe(page);
  });
}

test('keyboard only: reach the box, search, move through the results, open one', async ({ page }) => {
  await page.goto('./tags');
  await ready(page);
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement.id === 'site-search-words')) break;
  }
  await expect(page.locator('#site-search-words')).toBeFocused();
  await page.keyboard.type('privacy');
  await page.keyboard.press('Enter');
  await results(page);
  await expect(page.locator('main h1')).toBeFocused();
  let reached = false;
  for (let i = 0; i < 10 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => !!document.activeElement.closest('.search-results'));
  }
  expect(reached).toBe(true);
  const first = page.locator('.search-results > li').first().locator('h2 a');
  await expect(first).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.locator('.search-results > li').nth(1).locator('h2 a')).toBeFocused();
  const title = await page.evaluate(() => document.activeElement.textContent);
  await page.keyboard.press('Enter');
  await expect(page.locator('main h1')).toHaveText(title);
});

test.describe('under a sub-path', () => {
  const SUB = process.env.E2E_SUB_URL;
  test.skip(!SUB, 'E2E_SUB_URL is not set (scripts/test sets it)');

  test('the /news/ build searches its own index and links under /news/', async ({ page }) => {
    const fetched = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    await page.goto(`${SUB}search?q=privacy`);
    await results(page);
    expect(fetched).toContain('/news/pagefind/pagefind.js');
    const href = await page.locator('.search-results > li h2 a').first().getAttribute('href');
    expect(href).toMatch(/^\/news\/articles\/[a-z0-9-]+\/$/);
    await page.locator('.search-results > li h2 a').first().click();
    await ready(page);
    expect(page.url()).toContain('/news/articles/');
  });
});
