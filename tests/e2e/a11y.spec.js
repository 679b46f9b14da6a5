// Keyboard, theme and axe checks on every page type in both themes.
const { test, expect } = require('@playwright/test');
const { ARTICLE, ARTICLE_TITLE, ready, axe, holdRequests } = require('./helpers');

const PAGES = {
  feed: './',
  'feed page 2': './page/2',
  article: `./articles/${ARTICLE}`,
  tags: './tags',
  tag: './tags/ai-policy',
  section: './tutorials',
  author: './authors/mira-kovac',
  corrected: './articles/eu-ai-act-august-deadline-companies-prepare',
  tutorial: './articles/deploy-a-document-qa-service-with-docker',
  series: './series/automate-support-triage',
  'series part': './articles/automate-support-triage-part-2-classify-with-a-model',
  'not found': './articles/no-such-story',
};

for (const scheme of ['light', 'dark']) {
  for (const [name, path] of Object.entries(PAGES)) {
    test(`axe: ${name} (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(path);
      await ready(page);
      await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
      await axe(page);
    });
  }
}

test('landmarks are present on every page', async ({ page }) => {
  await page.goto('./');
  await ready(page);
  await expect(page.locator('header.site-header')).toHaveCount(1);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.locator('main')).toHaveCount(1);
  await expect(page.locator('footer.site-footer')).toHaveCount(1);
});

test('an article can be found and read with the keyboard only', async ({ page }) => {
  await page.goto('./');
  await ready(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  // Tab from the main region reaches the first story's section badge, then its title link
  await page.keyboard.press('Tab');
  await expect(page.locator('.cards .card .badge a').first()).toBeFocused();
  await page.keyboard.press('Tab');
  const first = page.locator('.cards .card h2 a').first();
  await expect(first).toBeFocused();
  const title = await first.textContent();
  await page.keyboard.press('Enter');
  await expect(page.locator('h1')).toHaveText(title);
  await expect(page.locator('h1')).toBeFocused();
  // the next Tab goes into the article (the first link after the h1)
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.closest('main') !== null);
  expect(focused).toBe(true);
  // focus outline is visible
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  expect(outline).not.toBe('none');
});

test('the theme toggle overrides the system and is remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('./');
  await ready(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  const toggle = page.getByRole('button', { name: /Dark theme/ });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).toBe('rgb(18, 20, 23)');
  await page.reload();
  await ready(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('button', { name: /Dark theme/ })).toHaveAttribute('aria-pressed', 'true');
  await page.goto(`./articles/${ARTICLE}`);
  await expect(page.locator('h1')).toHaveText(ARTICLE_TITLE);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('the layout is readable at 320 px without horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 700 });
  for (const path of ['./', `./articles/${ARTICLE}`, './tags', './search?q=privacy']) {
    await page.goto(path);
    await ready(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});

test('loading placeholders pulse only for readers who allow motion', async ({ page }) => {
  for (const motion of ['reduce', 'no-preference']) {
    await page.emulateMedia({ reducedMotion: motion });
    await page.goto('./');
    await ready(page);
    const release = await holdRequests(page, '**/data/articles/*.json');
    await page.locator('.cards .card h2 a').first().click();
    const sk = page.locator('.loading .sk').first();
    await expect(sk).toBeVisible();
    const animation = await sk.evaluate((el) => getComputedStyle(el).animationName);
    expect(animation, motion).toBe(motion === 'reduce' ? 'none' : 'pulse');
    release();
    await expect(page.locator('.loading')).toHaveCount(0);
    await page.unroute('**/data/articles/*.json');
  }
});
