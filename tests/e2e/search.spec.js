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
    const headings = a.headings.map((h) => h.text).join(' ');
    articles.push({ slug: s.slug, tags: s.tags.map((t) => t.slug), category: s.category, text, headings });
  }
  return articles;
}

/** The words of a text: lower case letters only, at least 7 of them (no stop words). */
function words(text) {
  return new Set((text.toLowerCase().match(/\p{L}{7,}/gu) || []));
}

/** How many articles use each word stem (Pagefind matches stems: "considering" finds
 * "consider", so a word is counted by its first six letters). */
const stem = (w) => w.slice(0, 6);
function stemSpread(vocab) {
  const spread = new Map();
  for (const set of vocab) for (const s of new Set([...set].map(stem))) spread.set(s, (spread.get(s) || 0) + 1);
  return spread;
}

test('every article of the whole archive comes first for two words of its body that few others use', async ({ page, request }) => {
  test.setTimeout(120_000);
  const articles = await allArticles(request);
  expect(articles.length).toBeGreaterThan(20);
  const vocab = articles.map((a) => words(a.text));
  const spread = stemSpread(vocab);
  for (const [i, article] of articles.entries()) {
    // the two rarest stems of this article's body across the site (longer words on ties)
    const rarest = [...vocab[i]].sort((a, b) => spread.get(stem(a)) - spread.get(stem(b)) || b.length - a.length || (a < b ? -1 : 1));
    const pair = [rarest[0], rarest.find((w) => stem(w) !== stem(rarest[0]))];
    await page.goto(`./search?q=${encodeURIComponent(pair.join(' '))}&all=1`);
    await results(page);
    const first = (await resultSlugs(page))[0];
    expect(first, `"${pair.join(' ')}" finds ${article.slug} first`).toBe(article.slug);
  }
});

test('a search covers the newest stories; "Search the whole archive" reaches the oldest shard', async ({ page, request }) => {
  const shards = (await (await request.get('data/search.json')).json());
  expect(shards.shards.length).toBeGreaterThanOrEqual(3);
  const oldest = shards.shards[shards.shards.length - 1];
  // a story of the oldest shard and a word stem of its body no other story uses
  const summaries = await allSummaries(request);
  const articles = await allArticles(request);
  const spread = stemSpread(articles.map((a) => words(a.text)));
  const date = new Map(summaries.map((s) => [s.slug, s.date]));
  const [story, word] = articles
    .filter((a) => date.get(a.slug).startsWith(oldest.id))
    .map((a) => [a.slug, [...words(a.text)].find((w) => spread.get(stem(w)) === 1)])
    .find(([, w]) => w);
  await page.goto(`./search?q=${encodeURIComponent(word)}`);
  await results(page);
  expect(await resultSlugs(page), `"${word}" outside the newest stories`).not.toContain(story);
  const total = shards.shards.reduce((n, s) => n + s.stories, 0);
  const scope = page.locator('.search-scope');
  await expect(scope).toContainText(`of ${total} stories`);
  await scope.getByRole('link', { name: 'Search the whole archive' }).click();
  await results(page);
  await expect(page).toHaveURL(/[?&]all=1/);
  expect((await resultSlugs(page))[0], `"${word}" in the whole archive`).toBe(story);
  await expect(page.locator('.search-scope')).toHaveCount(0);
  // searching again from the form keeps the whole archive
  await page.locator('.search-form').getByRole('button', { name: 'Search', exact: true }).click();
  await results(page);
  await expect(page).toHaveURL(/[?&]all=1/);
});

test('"Newest first" lists results by date across every shard, and stays in the address', async ({ page, request }) => {
  const shards = (await (await request.get('data/search.json')).json()).shards;
  expect(shards.length).toBeGreaterThanOrEqual(3);
  const summaries = await allSummaries(request);
  const date = new Map(summaries.map((s) => [s.slug, s.date]));
  const shardOf = (slug) => shards.find((s) => date.get(slug).slice(0, 7) >= s.id).id;
  // the word most stories use, chosen from the data
  const articles = await allArticles(request);
  const users = new Map();
  for (const a of articles) for (const w of words(a.text)) users.set(w, [...(users.get(w) || []), a.slug]);
  const [word, slugs] = [...users].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))[0];
  expect(new Set(slugs.map(shardOf)).size, `"${word}" is used in every shard`).toBe(shards.length);

  await page.goto(`./search?q=${encodeURIComponent(word)}&all=1`);
  await results(page);
  await page.locator('#search-order').selectOption({ label: 'Newest first' });
  await expect(page).toHaveURL(/[?&]sort=newest/);
  await expect(page.locator('#search-order')).toHaveValue('newest');
  await results(page);
  const total = Number((await page.locator('.search-count').textContent()).match(/(\d+) results?/)[1]);
  expect(total).toBeGreaterThanOrEqual(slugs.length);
  const more = page.locator('.show-more');
  while (await page.locator('.search-results > li').count() < total) {
    const shown = await page.locator('.search-results > li').count();
    await more.click();
    await expect(page.locator('.search-results > li')).toHaveCount(Math.min(total, shown + 10));
  }
  const listed = await resultSlugs(page);
  expect(new Set(listed).size, 'no result twice').toBe(total);
  const dates = listed.map((slug) => date.get(slug));
  expect(dates, 'newest first across shards').toEqual([...dates].sort().reverse());
  expect(new Set(listed.map(shardOf)).size).toBe(shards.length);
  // the dates the results show are the stories' own
  const shownDates = await page.locator('.search-results time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
  expect(shownDates).toEqual(dates);
  // back to relevance: the address loses the order
  await page.locator('#search-order').selectOption({ label: 'Most relevant' });
  await expect(page).not.toHaveURL(/sort=/);
});

test('the most relevant story comes first, not the newest', async ({ page, request }) => {
  test.setTimeout(60_000);
  const articles = await allArticles(request);
  const summaries = await allSummaries(request);
  const date = new Map(summaries.map((s) => [s.slug, s.date]));
  // (titles and headings weigh more in Pagefind's score: their words are left out)
  const titles = (summaries.map((s) => s.title).join(' ') + ' ' + articles.map((a) => a.headings).join(' ')).toLowerCase();
  // word stems several stories use, where one story uses the stem far more often (per word
  // of its text, counting every word of the stem's family: Pagefind matches stems) than any
  // other, and that story is not the newest of them: relevance and date order disagree on
  // the first result
  const counts = articles.map((a) => {
    const all = a.text.toLowerCase().match(/\p{L}+/gu) || [];
    const c = new Map();
    for (const w of all) if (w.length >= 7) c.set(stem(w), (c.get(stem(w)) || 0) + 1);
    return { slug: a.slug, total: all.length, c };
  });
  const cases = [];
  const seen = new Set();
  for (const { c } of counts) {
    for (const s of c.keys()) {
      if (seen.has(s) || titles.includes(s)) continue;
      seen.add(s);
      const users = counts.filter((x) => x.c.has(s));
      if (users.length < 3) continue;
      const dense = users.map((x) => ({ slug: x.slug, density: x.c.get(s) / x.total }))
        .sort((a, b) => b.density - a.density);
      const newest = [...users].sort((a, b) => (date.get(b.slug) > date.get(a.slug) ? 1 : -1))[0].slug;
      if (dense[0].density >= 3 * dense[1].density && dense[0].slug !== newest) cases.push({ w: s, slug: dense[0].slug, newest });
    }
  }
  expect(cases.length, 'the sample content has words to tell relevance from date order').toBeGreaterThan(0);
  for (const { w, slug, newest } of cases.slice(0, 5)) {
    await page.goto(`./search?q=${encodeURIComponent(w)}&all=1`);
    await results(page);
    const first = (await resultSlugs(page))[0];
    expect(first, `"${w}": ${slug} uses it most; ${newest} is only the newest`).toBe(slug);
  }
});

test('a byline is not indexed as text of the story', async ({ page, request }) => {
  const [s] = await allSummaries(request);
  await page.goto(`./search?q=${encodeURIComponent(s.author)}`);
  await results(page);
  const excerpts = await page.locator('.search-results .excerpt').allTextContents();
  for (const e of excerpts) expect(e).not.toMatch(/minute read/);
});

test('no search bytes on the first view of an article; focus on the box starts loading them', async ({ page }) => {
  const fetched = [];
  page.on('request', (r) => fetched.push(r.url()));
  await page.goto(`./articles/${ARTICLE}`);
  await ready(page);
  await page.waitForLoadState('networkidle');
  expect(fetched.filter((u) => u.includes('/pagefind/'))).toEqual([]);
  const bundle = page.waitForRequest((r) => /\/pagefind\/[0-9-]+\/pagefind\.js/.test(r.url()));
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
  await expect(page.locator('.search-results > li').nth(10).locator('h2 a')).toBeFocused();
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
  await page.locator('#search-category').selectOption('Tutorials');
  await expect(page).toHaveURL(/[?&]category=Tutorials/);
  await expect(page.locator('.search-count')).toContainText('in Tutorials');
  const badges = await page.locator('.search-results .badge').allTextContents();
  expect(badges.length).toBeGreaterThan(0);
  expect(badges.length).toBeLessThan(all);
  expect(new Set(badges)).toEqual(new Set(['Tutorials']));
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
  await page.route('**/pagefind/*/pagefind.js*', (route) => route.abort());
  await page.goto('./search?q=privacy');
  await ready(page);
  await expect(page.locator('.error-view')).toContainText('We could not load the search index');
  await page.unroute('**/pagefind/*/pagefind.js*');
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
  // each result: its section's badge, then its title
  const result = (n) => page.locator('.search-results > li').nth(n);
  await expect(result(0).locator('.badge a')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(result(0).locator('h2 a')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(result(1).locator('.badge a')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(result(1).locator('h2 a')).toBeFocused();
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
    // the newest shard's bundle, and the older shards' indexes merged into it
    expect(fetched.some((p) => /^\/news\/pagefind\/[0-9-]+\/pagefind\.js$/.test(p))).toBe(true);
    expect(fetched.filter((p) => /^\/news\/pagefind\/[0-9-]+\/pagefind-entry\.json$/.test(p)).length).toBeGreaterThan(1);
    const href = await page.locator('.search-results > li h2 a').first().getAttribute('href');
    expect(href).toMatch(/^\/news\/articles\/[a-z0-9-]+\/$/);
    await page.locator('.search-results > li h2 a').first().click();
    await ready(page);
    expect(page.url()).toContain('/news/articles/');
  });
});
