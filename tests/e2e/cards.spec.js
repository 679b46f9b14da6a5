// Social cards: every article page names a 1200×630 card (og:image, twitter:image, JSON-LD
// image) that the release serves: its lead image cropped (JPEG), or a card press drew (PNG)
// for a story without one; list pages share the site's card.
const { test, expect } = require('@playwright/test');
const { allSummaries } = require('./helpers');

/** Width and height from a PNG's IHDR chunk. */
function pngSize(buf) {
  expect(buf.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [buf.readUInt32BE(16), buf.readUInt32BE(20)];
}

/** Width and height from a JPEG's start-of-frame segment. */
function jpegSize(buf) {
  expect(buf.readUInt16BE(0)).toBe(0xffd8);
  let at = 2;
  while (at < buf.length) {
    const marker = buf.readUInt16BE(at);
    const length = buf.readUInt16BE(at + 2);
    if (marker >= 0xffc0 && marker <= 0xffc2) return [buf.readUInt16BE(at + 7), buf.readUInt16BE(at + 5)];
    at += 2 + length;
  }
  throw new Error('no frame');
}

/** Every story's slug, and whether it has a lead image. */
async function stories(request) {
  return (await allSummaries(request)).map((i) => ({ slug: i.slug, lead: Boolean(i.image) }));
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

test('every article page shares its own 1200×630 card: its lead image cropped, else a drawn one', async ({ request }) => {
  const all = await stories(request);
  expect(all.length).toBeGreaterThan(20);
  expect(all.filter((s) => s.lead).length).toBeGreaterThan(10);
  expect(all.filter((s) => !s.lead).length).toBeGreaterThan(3);
  for (const { slug, lead } of all) {
    const tags = await shareTags(request, `./articles/${slug}/`);
    if (lead) {
      expect(tags.image, slug).toMatch(/^https:\/\/news\.krasa\.example\/images\/[a-z0-9-]+\.[0-9a-f]{10}\.card-\d+x\d+\.jpg$/);
      // search engines choose among the 16:9, 1:1 and card crops
      expect(tags.ld.image, slug).toHaveLength(3);
      expect(tags.ld.image).toContain(tags.image);
    } else {
      expect(tags.image, slug).toBe(`https://news.krasa.example/cards/${slug}.png`);
      expect(tags.ld.image).toBe(tags.image);
      expect(tags.alt, slug).toContain(tags.ld.headline);
    }
    expect([tags.width, tags.height, tags.twitterCard], slug).toEqual(['1200', '630', 'summary_large_image']);
    expect(tags.twitterImage).toBe(tags.image);
    expect(tags.alt, slug).toBeTruthy();
    // the card as the release serves it
    const res = await request.get('./' + new URL(tags.image).pathname.slice(1));
    expect(res.status(), slug).toBe(200);
    expect(res.headers()['content-type']).toBe(lead ? 'image/jpeg' : 'image/png');
    const body = await res.body();
    expect(lead ? jpegSize(body) : pngSize(body), slug).toEqual([1200, 630]);
    expect(body.length, slug).toBeLessThanOrEqual(lead ? 250_000 : 100_000);
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
  const lead = new Map((await stories(request)).map((s) => [s.slug, s.lead]));
  for (const item of json.items) {
    const slug = item.url.split('/').filter(Boolean).pop();
    if (lead.get(slug)) expect(item.image, slug).toMatch(/\/images\/[a-z0-9-]+\.[0-9a-f]{10}\.card-\d+x\d+\.jpg$/);
    else expect(item.image, slug).toBe(`https://news.krasa.example/cards/${slug}.png`);
  }
  const rss = await (await request.get('./feed.xml')).text();
  expect(rss).toContain('<media:content url="https://news.krasa.example/cards/');
  expect(rss).toMatch(/<media:content url="https:\/\/news\.krasa\.example\/images\/[^"]+\.jpg" type="image\/jpeg" medium="image"\/>/);
  const atom = await (await request.get('./atom.xml')).text();
  expect(atom).toContain('<link rel="enclosure" type="image/png" href="https://news.krasa.example/cards/');
  expect(atom).toContain('<link rel="enclosure" type="image/jpeg" href="https://news.krasa.example/images/');
});
