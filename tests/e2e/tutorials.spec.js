// Tutorials readers can follow: highlighted code, copy buttons, contents, callouts.
const { test, expect } = require('@playwright/test');
const { watchConsole, ready } = require('./helpers');
const AxeBuilder = require('@axe-core/playwright').default;

const GUIDE = './articles/deploy-a-document-qa-service-with-docker';

test.describe('a tutorial', () => {
  let problems;
  test.beforeEach(async ({ page, context }) => {
    problems = watchConsole(page);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  });
  test.afterEach(async () => {
    expect(problems, 'console errors or panics').toEqual([]);
  });

  test('code is highlighted by class, with titles, highlighted lines and numbers', async ({ page }) => {
    await page.goto(GUIDE);
    await ready(page);
    const main = page.locator('figure.code', { has: page.locator('.code-title', { hasText: 'app/main.py' }) }).first();
    await expect(main.locator('.hl-k').first()).toBeVisible();
    await expect(main.locator('pre.code-block.numbered')).toHaveCount(1);
    await expect(main.locator('.line.hl')).toHaveCount(8);
    // no inline styles anywhere in the body (the CSP allows none)
    expect(await page.locator('.prose [style]').count()).toBe(0);
    const color = await main.locator('.hl-k').first().evaluate((e) => getComputedStyle(e).color);
    const plain = await main.locator('code').first().evaluate((e) => getComputedStyle(e).color);
    expect(color).not.toBe(plain);
  });

  test('a shell session copies its commands without prompts or output, and says so', async ({ page }) => {
    await page.goto(GUIDE);
    await ready(page);
    const session = page.locator('figure.code', { has: page.locator('.copy-commands') }).first();
    const commands = await session.locator('.line.cmd').evaluateAll((lines) => lines.map((l) => l.textContent.replace(/^\$ /, '')));
    expect(commands.length).toBeGreaterThan(0);
    await session.getByRole('button', { name: 'Copy commands' }).click();
    await expect(page.locator('[role="status"]')).toHaveText('Copied');
    await expect(session.locator('.copy')).toHaveText('Copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(commands.join('\n') + '\n');
    expect(copied).not.toContain('$ ');
    await expect(session.locator('.copy')).toHaveText('Copy', { timeout: 5_000 });
  });

  test('copy works with the keyboard alone, and a diff copies the code after the change', async ({ page }) => {
    await page.goto(GUIDE);
    await ready(page);
    const diff = page.locator('figure.code', { has: page.locator('.line.del') }).first();
    const button = diff.getByRole('button', { name: 'Copy code' });
    await button.focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('[role="status"]')).toHaveText('Copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const removed = await diff.locator('.line.del').first().evaluate((l) => l.textContent.slice(1));
    const added = await diff.locator('.line.ins').first().evaluate((l) => l.textContent.slice(1));
    expect(copied).toContain(added);
    expect(copied).not.toContain(removed);
    expect(copied.split('\n').some((line) => /^[+-]/.test(line))).toBe(false);
  });

  test('the contents rail marks the section scrolled to', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(GUIDE);
    await ready(page);
    const toc = page.locator('nav.toc');
    await expect(toc).toBeVisible();
    await expect(toc.locator('a').first()).toHaveText('What you will build');
    const target = page.locator('.prose h2', { hasText: 'Package it with Docker' });
    const id = await target.getAttribute('id');
    // the section read is the last heading above the line a third down the window
    await target.evaluate((h) => h.scrollIntoView());
    await page.evaluate(() => window.scrollBy(0, 10));
    await expect(toc.locator('a[aria-current="location"]')).toHaveAttribute('href', new RegExp(`#${id}$`));
    // the rail stays in view while the body scrolls
    await expect(toc).toBeInViewport();
    // a contents link goes to its section and moves focus there, as every in-page link
    // does in the app (no new page, no history entry)
    await toc.locator('a', { hasText: 'Store document metadata in SQLite' }).click();
    await expect(page.locator('#store-document-metadata-in-sqlite')).toBeInViewport();
    await expect(page.locator('#store-document-metadata-in-sqlite')).toBeFocused();
    expect(problems).toEqual([]);
  });

  test('callouts are labelled asides with their title', async ({ page }) => {
    await page.goto(GUIDE);
    await ready(page);
    for (const kind of ['Note', 'Tip', 'Important', 'Warning', 'Caution']) {
      const callout = page.getByRole('complementary', { name: kind, exact: true });
      await expect(callout.first()).toBeVisible();
      await expect(callout.first().locator('.callout-title')).toHaveText(kind);
    }
  });
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('contents links work and no copy button is shown', async ({ page }) => {
    await page.goto(GUIDE);
    await expect(page.locator('nav.toc details')).toHaveAttribute('open', '');
    await page.locator('nav.toc a', { hasText: 'Call it from a web page' }).click();
    await expect(page).toHaveURL(/\/articles\/deploy-a-document-qa-service-with-docker\/#call-it-from-a-web-page$/);
    await expect(page.locator('#call-it-from-a-web-page')).toBeInViewport();
    await expect(page.locator('.copy').first()).toBeHidden();
    // what the tutorial expects, on the page and in its structured data
    await expect(page.locator('.tutorial-facts li')).toHaveText(['Level: Intermediate', 'Time: about 120 minutes', /^Tested with Python 3\.12/]);
    const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent());
    expect(ld['@type']).toBe('TechArticle');
    expect(ld.proficiencyLevel).toBe('Intermediate');
    expect(ld.timeRequired).toBe('PT120M');
  });
});

test.describe('a series', () => {
  const SERIES = './series/automate-support-triage/';

  test('from the series page through every part, in order', async ({ page }) => {
    const problems = watchConsole(page);
    await page.goto(SERIES);
    await ready(page);
    await expect(page.locator('main h1')).toHaveText('Automate support triage');
    await expect(page.locator('.page-about')).toContainText('Three parts');
    const titles = await page.locator('.cards .card h2').allTextContents();
    expect(titles).toHaveLength(3);
    await page.locator('.cards .card h2 a').first().click();
    await ready(page);
    for (let part = 1; part <= 3; part++) {
      await expect(page.locator('main h1')).toHaveText(titles[part - 1]);
      await expect(page.locator('.series-title')).toHaveText(`Part ${part} of 3 in Automate support triage`);
      await expect(page.locator('.series-box li[aria-current="page"]')).toHaveText(titles[part - 1]);
      await expect(page.locator('.series-pager a[rel="prev"]')).toHaveCount(part > 1 ? 1 : 0);
      await expect(page.locator('.series-pager a[rel="next"]')).toHaveCount(part < 3 ? 1 : 0);
      if (part < 3) {
        await page.locator('.series-pager a[rel="next"]').click();
        await ready(page);
      }
    }
    // back to the series page from the box
    await page.locator('.series-title a').click();
    await ready(page);
    await expect(page.locator('main h1')).toHaveText('Automate support triage');
    expect(problems).toEqual([]);
  });

  test('a series has its feed and is in the sitemap', async ({ request }) => {
    const rss = await (await request.get('./series/automate-support-triage/feed.xml')).text();
    expect((rss.match(/<item>/g) || []).length).toBe(3);
    const sitemap = await (await request.get('./sitemap-1.xml')).text();
    expect(sitemap).toContain('<loc>https://news.krasa.example/series/automate-support-triage/</loc>');
  });
});

for (const scheme of ['light', 'dark']) {
  test(`every highlight colour has AA contrast on every code background (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(GUIDE);
    await ready(page);
    // one token of each kind on a plain, a highlighted, an added and a removed line
    await page.evaluate(() => {
      const kinds = ['c', 's', 'n', 'k', 't', 'f', 'v', 'a', 'g', 'i', 'd', 'h'];
      const lines = ['line', 'line hl', 'line ins', 'line del'].map((cls) =>
        `<span class="${cls}">${kinds.map((k) => `<span class="hl-${k}">tok${k}</span>`).join(' ')}<span class="prompt">$ </span></span>`);
      const figure = document.createElement('figure');
      figure.className = 'code';
      figure.id = 'all-kinds';
      figure.innerHTML = `<pre class="code-block"><code>${lines.join('\n')}</code></pre>`;
      document.querySelector('.prose').prepend(figure);
    });
    const results = await new AxeBuilder({ page }).include('#all-kinds').withRules(['color-contrast']).analyze();
    const failing = results.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' ')));
    expect(failing).toEqual([]);
    expect(results.passes.flatMap((p) => p.nodes).length).toBeGreaterThanOrEqual(48);
  });
}
