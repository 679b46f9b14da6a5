// Pictures in stories (docs/images.md): the lead image is the page's largest paint, fetched
// first; every other image is lazy; nothing shifts while they load; the browser picks a file
// for its screen; pages without JavaScript show them; shared links get the lead's crop.
const { test, expect } = require('@playwright/test');
const { watchConsole, ready, axe } = require('./helpers');

const STORY = './articles/eu-ai-act-august-deadline-companies-prepare';
const TUTORIAL = './articles/run-a-small-open-source-ai-model-locally';

/** The layout shifts recorded so far (without user input), summed. */
async function layoutShift(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        let sum = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) if (!e.hadRecentInput) sum += e.value;
        }).observe({ type: 'layout-shift', buffered: true });
        // buffered entries arrive in the first callback; none at all means no shift
        setTimeout(() => resolve(sum), 300);
      }),
  );
}

/** Scrolls to the end of the page a screen at a time, so that lazy images load. */
async function scrollThrough(page) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y < height; y += 600) {
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(50);
  }
  await page.waitForFunction(() => [...document.querySelectorAll('.prose img')].every((i) => i.complete));
}

test.describe('pictures', () => {
  let problems;
  test.beforeEach(async ({ page }) => {
    problems = watchConsole(page);
  });
  test.afterEach(async () => {
    expect(problems, 'console errors or panics').toEqual([]);
  });

  test('the lead image is fetched first and is the largest paint; the others are lazy', async ({ page }) => {
    await page.goto(TUTORIAL);
    await ready(page);
    const lead = page.locator('figure.lead img');
    await expect(lead).toHaveAttribute('fetchpriority', 'high');
    expect(await lead.getAttribute('loading')).toBeNull();
    const others = page.locator('.prose img:not(figure.lead img)');
    expect(await others.count()).toBeGreaterThanOrEqual(2);
    for (const img of await others.all()) {
      await expect(img).toHaveAttribute('loading', 'lazy');
      await expect(img).toHaveAttribute('decoding', 'async');
    }
    const lcp = await page.evaluate(
      () =>
        new Promise((resolve) => {
          new PerformanceObserver((list) => {
            const entries = list.getEntries();
            resolve(entries[entries.length - 1].url);
          }).observe({ type: 'largest-contentful-paint', buffered: true });
        }),
    );
    const src = await lead.evaluate((i) => i.currentSrc);
    expect(lcp).toBe(src);
  });

  test('nothing shifts while the pictures load', async ({ page }) => {
    await page.goto(TUTORIAL);
    await ready(page);
    await scrollThrough(page);
    expect(await layoutShift(page)).toBe(0);
    // every picture reserved its space: width and height from press
    for (const img of await page.locator('.prose img').all()) {
      expect(Number(await img.getAttribute('width'))).toBeGreaterThan(0);
      expect(Number(await img.getAttribute('height'))).toBeGreaterThan(0);
    }
  });

  test('the browser picks a smaller file on a narrow screen', async ({ browser, baseURL }) => {
    const chosen = async (viewport) => {
      const context = await browser.newContext({ baseURL, viewport, deviceScaleFactor: 1 });
      const page = await context.newPage();
      await page.goto(STORY);
      await ready(page);
      const img = page.locator('figure.lead img');
      await expect.poll(() => img.evaluate((i) => i.complete && i.naturalWidth)).toBeGreaterThan(0);
      const src = await img.evaluate((i) => i.currentSrc);
      await context.close();
      return src;
    };
    const phone = await chosen({ width: 360, height: 740 });
    const desktop = await chosen({ width: 1280, height: 900 });
    expect(phone).toMatch(/\.480\.avif$/);
    expect(desktop).toMatch(/\.800\.avif$/);
  });

  test('figures and their captions pass axe in both themes', async ({ page }) => {
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(TUTORIAL);
      await ready(page);
      await expect(page.locator('figure.figure figcaption').first()).toBeVisible();
      await expect(page.locator('figure.lead figcaption .credit')).toHaveText('Illustration: Krasa News');
      await axe(page);
    }
  });

  test('cards show the lead image as a thumbnail, decorative beside the title', async ({ page }) => {
    await page.goto('./');
    await ready(page);
    const thumbs = page.locator('.card .card-thumb img');
    expect(await thumbs.count()).toBeGreaterThan(3);
    const first = thumbs.first();
    await expect(first).toHaveAttribute('alt', '');
    await expect(first).toHaveAttribute('loading', 'lazy');
    await expect.poll(() => first.evaluate((i) => i.complete && i.naturalWidth)).toBeGreaterThan(0);
    expect(await first.evaluate((i) => i.currentSrc)).toMatch(/\.480\.avif$/);
    // a story without a lead image has no thumbnail
    const plain = page.locator('.card', { has: page.locator('h2 a[href*="small-language-models-business-case"]') });
    if (await plain.count()) await expect(plain.locator('.card-thumb')).toHaveCount(0);
  });
});

test('without JavaScript the pictures show', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(TUTORIAL);
  const lead = page.locator('figure.lead img');
  await expect.poll(() => lead.evaluate((i) => i.complete && i.naturalWidth)).toBeGreaterThan(0);
  const diagram = page.locator('.prose img[src$=".svg"]').first();
  await diagram.scrollIntoViewIfNeeded();
  await expect.poll(() => diagram.evaluate((i) => i.complete && i.naturalWidth)).toBeGreaterThan(0);
  await context.close();
});

test('the prerendered page preloads its lead image and shares its crop', async ({ request }) => {
  const html = await (await request.get(STORY)).text();
  const preload = html.match(/<link rel="preload" as="image" type="image\/avif" imagesrcset="([^"]+)" imagesizes="[^"]+" fetchpriority="high"/);
  expect(preload, 'a preload of the lead image').not.toBeNull();
  expect(preload[1]).toContain('.1600.avif 1600w');
  const og = html.match(/<meta property="og:image" content="([^"]+)"/)[1];
  expect(og).toMatch(/\/images\/eu-ai-act-deadline\.[0-9a-f]{10}\.card-50x50\.jpg$/);
  expect(html).toContain('<meta property="og:image:width" content="1200"');
  expect(html).toContain('<meta property="og:image:height" content="630"');
  const ld = JSON.parse(html.match(/<script type="application\/ld\+json"[^>]*>(.*?)<\/script>/s)[1]);
  expect(ld.image).toHaveLength(3);
  // the crop and every picture file are cached for a year
  const crop = await request.get(new URL(og).pathname.replace(/^\//, './'));
  expect(crop.status()).toBe(200);
  expect(crop.headers()['content-type']).toBe('image/jpeg');
  expect(crop.headers()['cache-control']).toContain('immutable');
  const avif = await request.get('./' + preload[1].split(' ')[0]);
  expect(avif.headers()['content-type']).toBe('image/avif');
  expect(avif.headers()['cache-control']).toContain('immutable');
});
