// A reader's journeys through the site.
const { test, expect } = require('@playwright/test');
const { ARTICLE, ARTICLE_TITLE, watchConsole, ready, addLink, settledScroll } = require('./helpers');

test.describe('reading', () => {
  let problems;
  test.beforeEach(async ({ page }) => {
    problems = watchConsole(page);
  });
  test.afterEach(async () => {
    expect(problems, 'console errors or panics').toEqual([]);
  });

  test('feed shows the latest stories newest first with pagination', async ({ page }) => {
    await page.goto('./');
    await ready(page);
    await expect(page).toHaveTitle('Krasa News');
    await expect(page.locator('h1')).toHaveText('Latest news');
    const cards = page.locator('.cards .card');
    await expect(cards).toHaveCount(10);
    const dates = await page.locator('.cards .card time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')));
    expect([...dates].sort().reverse()).toEqual(dates);
    const first = cards.first();
    await expect(first.locator('.badge')).toBeVisible();
    await expect(first.locator('.byline')).toContainText('minute read');
    await expect(page.locator('.pager a[aria-current="page"]')).toHaveText('Latest');
    // archive pages count from the oldest: 26 stories make pages 1 (oldest) to 3 (newest
    // six, all on the latest page), so "Older" leads to page 2
    await page.locator('.pager-next').click();
    await expect(page).toHaveURL(/\/page\/2\/$/);
    await ready(page);
    await expect(page.locator('h1')).toHaveText('Archive, page 2');
    await expect(page.locator('.page-sub')).toHaveText(/^\w+ \d+, \d{4} – \w+ \d+, \d{4}$/);
    await expect(page.locator('.pager a[aria-current="page"]')).toHaveText('2');
    const page2Titles = await page.locator('.cards .card h2').allTextContents();
    await page.locator('.pager-prev').click();
    await expect(page).toHaveURL(/\/page\/3\/$/);
    await ready(page);
    // the newest archive page holds the newest stories, newer than page 2's
    const newest = await page.locator('.cards .card h2').allTextContents();
    expect(newest.some((t) => page2Titles.includes(t))).toBe(false);
    await page.locator('.pager-prev').click();
    await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
    await ready(page);
    await expect(page.locator('.cards .card h2').first()).toHaveText(newest[0]);
  });

  test('feed to article to tag page and back, with scroll restored', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 600 });
    await page.goto('./page/2');
    await ready(page);
    const link = page.locator('.cards .card h2 a').nth(5);
    const title = (await link.textContent()).trim();
    const slug = (await link.getAttribute('href')).split('/').filter(Boolean).pop();
    await link.scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, 150);
    const feedScroll = await settledScroll(page);
    expect(feedScroll).toBeGreaterThan(100);
    await link.click();
    await expect(page).toHaveURL(new RegExp(`/articles/${slug}/$`));
    await ready(page);
    await expect(page.locator('h1')).toHaveText(title);
    await expect(page).toHaveTitle(`${title} — Krasa News`);
    expect(await page.evaluate(() => window.scrollY)).toBeLessThan(5);
    // focus moved to the new page's h1, and the title is announced
    await expect(page.locator('h1')).toBeFocused();
    await expect(page.locator('[aria-live="polite"]')).toHaveText(`${title} — Krasa News`);
    // "Back to News" leads to the feed page the reader came from
    await expect(page.getByRole('link', { name: '← Back to News' })).toHaveAttribute('href', '/page/2/');

    const tagLink = page.locator('.article-footer .tag-links a').first();
    const tag = (await tagLink.textContent()).trim();
    await tagLink.click();
    await expect(page).toHaveURL(new RegExp(`/tags/${tag.slice(1)}/$`));
    await ready(page);
    await expect(page.locator('h1')).toHaveText(tag);
    await expect(page.locator('.page-sub')).toContainText(/stor(y|ies)/);
    await expect(page).toHaveTitle(new RegExp(`^${tag} .*— Krasa News$`));
    await expect(page.getByRole('link', { name: title })).toBeVisible();

    await page.goBack();
    await expect(page.locator('h1')).toHaveText(title);
    await page.goBack();
    await expect(page).toHaveURL(/\/page\/2\/$/);
    await ready(page);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(feedScroll - 5);
    expect(Math.abs((await page.evaluate(() => window.scrollY)) - feedScroll)).toBeLessThan(5);
    await page.goForward();
    await expect(page.locator('h1')).toHaveText(title);

    // Back to News from the article returns to page 2
    await page.getByRole('link', { name: '← Back to News' }).click();
    await expect(page).toHaveURL(/\/page\/2\/$/);
  });

  test('the reference article page has everything the seed page shows', async ({ page }) => {
    await page.goto(`./articles/${ARTICLE}`);
    await ready(page);
    await expect(page.locator('h1')).toHaveCount(1);
    await expect(page.locator('h1')).toHaveText(ARTICLE_TITLE);
    await expect(page).toHaveTitle(`${ARTICLE_TITLE} — Krasa News`);
    await expect(page.locator('.site-header')).toContainText('Krasa News');
    await expect(page.locator('.tagline')).toContainText('free AI tutorials');
    await expect(page.locator('.article .badge')).toHaveText('News');
    await expect(page.locator('.article-header .byline')).toContainText('Krasa News');
    await expect(page.locator('.article-header .byline time')).toHaveAttribute('datetime', '2026-05-08');
    await expect(page.locator('.article-header .byline')).toContainText('May 8, 2026');
    await expect(page.locator('.article-header .byline')).toContainText('5 minute read');
    await expect(page.locator('.prose h2')).toHaveText(['Why it matters', 'What the talks would cover', 'The strategic backdrop', 'What experts say', 'What is really on the table']);
    await expect(page.locator('.article-footer .tag-links a')).toHaveText(['#ai', '#ai-policy', '#us-china', '#geopolitics', '#ai-safety']);
    await expect(page.locator('.related h2')).toHaveText('Related Articles');
    await expect(page.locator('.related h3')).toHaveCount(3);
  });

  test('a reload keeps the reader\'s place in the story', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 600 });
    await page.goto('./');
    await ready(page);
    // reached by an in-app navigation, so the app had the history entry
    await page.locator('.cards .card h2 a').first().click();
    await ready(page);
    await page.mouse.wheel(0, 700);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(600);
    const y = await page.evaluate(() => window.scrollY);
    await page.reload();
    await ready(page);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(y - 5);
  });

  test('fetched data is cached for the session, so going back needs no request', async ({ page }) => {
    const requests = [];
    page.on('request', (r) => {
      if (r.url().includes('/data/')) requests.push(new URL(r.url()).pathname);
    });
    await page.goto('./');
    await ready(page);
    await page.locator('.cards .card h2 a').first().click();
    await ready(page);
    await page.goBack();
    await ready(page);
    await page.goForward();
    await ready(page);
    const counts = {};
    for (const r of requests) counts[r] = (counts[r] || 0) + 1;
    expect(Object.values(counts).every((n) => n === 1), JSON.stringify(counts)).toBe(true);
    // the first page came with its data: the app took over without fetching it again
    expect(requests).not.toContain('/data/feed/latest.json');
    expect(requests.some((r) => r.startsWith('/data/articles/'))).toBe(true);
  });

  test('a deep link opens the article directly', async ({ page }) => {
    const res = await page.goto(`./articles/${ARTICLE}`);
    expect(res.status()).toBe(200);
    await ready(page);
    await expect(page.locator('h1')).toHaveText(ARTICLE_TITLE);
    await expect(page.locator('meta[name="description"]').last()).toHaveAttribute('content', /Trump-Xi summit/);
    await page.getByRole('link', { name: '← Back to News' }).click();
    await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
    await ready(page);
  });

  test('tags index lists every tag with counts', async ({ page }) => {
    await page.goto('./tags');
    await ready(page);
    await expect(page.locator('h1')).toHaveText('All tags');
    await expect(page.locator('.tag-cloud li')).toHaveCount(15);
    await expect(page.locator('.site-nav a[aria-current="page"]')).toHaveText('Tags');
    await page.locator('.tag-cloud a', { hasText: '#us-china' }).click();
    await expect(page).toHaveURL(/\/tags\/us-china\/$/);
    await ready(page);
    await expect(page.locator('.cards .card')).toHaveCount(3);
  });

  test('same-site links navigate inside the app and update the head; other links load normally', async ({ page, context }) => {
    await page.goto('./');
    await ready(page);
    // the app keeps the first page's social tags and structured data while it is shown
    await expect(page.locator('meta[property="og:title"]')).toHaveCount(1);
    await expect(page.locator('link[rel="canonical"]')).toHaveCount(1);
    await page.evaluate(() => (window.stillTheSamePage = true));
    // a tag link: no page load, the head describes the new page and advertises its feeds
    await page.locator('.cards .card .tag-links a').first().click();
    await expect(page).toHaveURL(/\/tags\/[a-z0-9-]+\/$/);
    await ready(page);
    expect(await page.evaluate(() => window.stillTheSamePage)).toBe(true);
    const tag = new URL(page.url()).pathname.split('/').filter(Boolean).pop();
    await expect(page.locator('meta[name="description"]')).toHaveCount(1);
    await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /tagged/);
    await expect(page.locator(`link[rel="alternate"][href="tags/${tag}/feed.xml"]`)).toHaveCount(1);
    await expect(page.locator('link[rel="alternate"]')).toHaveCount(6);
    // the canonical URL is the page shown; the first page's social tags are gone
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `https://news.krasa.example/tags/${tag}/`);
    await expect(page.locator('meta[property="og:title"]')).toHaveCount(0);
    // the header link back home: the tag's feeds are gone again
    await page.locator('.site-nav a', { hasText: 'Latest' }).click();
    await ready(page);
    expect(await page.evaluate(() => window.stillTheSamePage)).toBe(true);
    await expect(page.locator('link[rel="alternate"]')).toHaveCount(3);
    await expect(page.locator('.site-nav a[aria-current="page"]')).toHaveText('Latest');
    // a modified click is the browser's: a new tab, this page stays
    const card = page.locator('.cards .card h2 a').first();
    const [tab] = await Promise.all([context.waitForEvent('page'), card.click({ modifiers: ['Control'] })]);
    await tab.waitForLoadState();
    expect(new URL(tab.url()).pathname).toBe(await card.getAttribute('href'));
    await tab.close();
    await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
    // a file (the RSS feed) is not a page of the app: the browser loads it
    await (await addLink(page, 'feed.xml', 'rss')).click();
    await expect(page).toHaveURL(/\/feed\.xml$/);
  });

  test('a link to the page already shown starts it over at the top, with no new history entry', async ({ page }) => {
    await page.goto('./');
    await ready(page);
    await page.mouse.wheel(0, 800);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
    const entries = await page.evaluate(() => history.length);
    await page.locator('.site-footer a', { hasText: 'Latest news' }).click();
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
    await expect(page.locator('main h1')).toBeFocused();
    expect(await page.evaluate(() => history.length)).toBe(entries);
  });

  test('a link to a section of another story opens that story at the section', async ({ page }) => {
    await page.goto('./');
    await ready(page);
    await page.evaluate(() => (window.stillTheSamePage = true));
    await (await addLink(page, `articles/${ARTICLE}#what-experts-say`, 'deep')).click();
    await expect(page).toHaveURL(new RegExp(`/articles/${ARTICLE}/#what-experts-say$`));
    await expect(page.locator('main h1')).toHaveText(ARTICLE_TITLE);
    await expect(page.locator('#what-experts-say')).toBeInViewport();
    expect(await page.evaluate(() => window.stillTheSamePage)).toBe(true);
  });

  test('in-article links to sections and footnotes stay on the page', async ({ page }) => {
    const story = 'how-to-measure-roi-of-ai-automation';
    await page.goto(`./articles/${story}`);
    await ready(page);
    await page.evaluate(() => (window.stillTheSamePage = true));
    // as press writes them: the article's own address with a fragment
    await page.locator('.prose sup.footnote-reference a').first().click();
    await expect(page.locator('.footnote-definition').first()).toBeInViewport();
    await page.locator('.prose a', { hasText: 'step 3' }).click();
    await expect(page.locator('#step-3-work-through-the-numbers')).toBeInViewport();
    await expect(page.locator('#step-3-work-through-the-numbers')).toBeFocused();
    // a bare #fragment in older data works too
    await (await addLink(page, '#step-5-review-after-three-months', 'jump', '.prose')).click();
    await expect(page.locator('#step-5-review-after-three-months')).toBeInViewport();
    await expect(page).toHaveURL(new RegExp(`/articles/${story}/$`));
    expect(await page.evaluate(() => window.stillTheSamePage)).toBe(true);
  });
});
