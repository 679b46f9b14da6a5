// Social cards: every article page names a 1200×630 PNG card (og:image, twitter:image,
// JSON-LD image) that the release serves; list pages share the site's card.
const { test, expect } = require('@playwright/test');
const { allSummaries } = require('./helpers');

/** Width and height from a PNG's IHDR chunk. */
function pngSize(buf) {
  expect(buf.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [buf.readUInt32BE(16), buf.readUInt32BE(20)];
}

async function articleSlugs(request) {
  return (await allSummaries(request)).map((i) => i.slug);
}

/** The social image tags of a page as served (JavaScript plays no part in them). */
async function shareTags(request, url) {
  const html = await (await request.get(url)).text();
  const meta = (attr, name) => {
    const m = html.match(new RegExp(`<meta ${attr}="${name}" content="([^"]*)"`));
    const entities = { '&amp;': '&', '&quot;': '"', '&#39;': "'", '&lt;': '<', '&gt;': '>' };
    return m && m[1].replace(/&(amp|quot|#39|lt|gt);/g, (e) => entities[e]);
  };
  const ld = html.match(/<script type="application\/ld\+json"[^>]*>(.*?)<\/script>/s);
  return {
    image: meta('property', 'og:image'),
    width: meta('property', 'og:image:width'),
    height: meta('property', 'og:image:height'),
    alt: meta('property', 'og:image:alt'),
    twitterCard: meta('name', 'twitter:card'),
    twitterImage: meta('name', 'twitter:image'),
    ld: ld && JSON.parse(ld[1]),
  };
}

test('every article page shares its own 1200×630 card, served as a small PNG', async ({ request }) => {
  const slugs = await articleSlugs(request);
  expect(slugs.length).toBeGreaterThan(20);
  for (const slug of slugs) {
    const tags = await shareTags(request, `./articles/${slug}/`);
    expect(tags.image, slug).toBe(`https://news.krasa.example/cards/${slug}.png`);
    expect([tags.width, tags.height, tags.twitterCard], slug).toEqual(['1200', '630', 'summary_large_image']);
    expect(tags.twitterImage).toBe(tags.image);
    expect(tags.ld.image).toBe(tags.image);
    expect(tags.alt, slug).toContain(tags.ld.headline);
    // the card as the release serves it
    const res = await request.get(`./cards/${slug}.png`);
    expect(res.status(), slug).toBe(200);
    expect(res.headers()['content-type']).toBe('image/png');
    const body = await res.body();
    expect(pngSize(body), slug).toEqual([1200, 630]);
    expect(body.length, slug).toBeLessThanOrEqual(100_000);
  }
});

test('the front page and list pages share the site card', async ({ request }) => {
  for (const url of ['./', './page/2/', './tags/', './tags/ai/']) {
    const tags = await shareTags(request, url);
    expect(tags.image, url).toBe('https://news.krasa.example/cards/site.png');
    expect(tags.twitterCard).toBe('summary_large_image');
  }
  const body = await (await request.get('./cards/site.png')).body();
  expect(pngSize(body)).toEqual([1200, 630]);
});

test('feed items carry their card as the item image', async ({ request }) => {
  const json = await (await request.get('./feed.json')).json();
  for (const item of json.items) {
    const slug = item.url.split('/').filter(Boolean).pop();
    expect(item.image).toBe(`https://news.krasa.example/cards/${slug}.png`);
  }
  expect(await (await request.get('./feed.xml')).text()).toContain('<media:content url="https://news.krasa.example/cards/');
  expect(await (await request.get('./atom.xml')).text()).toContain('<link rel="enclosure" type="image/png" href="https://news.krasa.example/cards/');
});
