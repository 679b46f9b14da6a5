// The shipped nginx config (deploy/nginx.conf): deep links, types, caching.
const { test, expect } = require('@playwright/test');
const { ARTICLE, wasmPath } = require('./helpers');

test('deep links answer with the app, data with JSON, missing data with 404', async ({ request }) => {
  const deep = await request.get(`./articles/${ARTICLE}`);
  expect(deep.status()).toBe(200);
  expect(deep.headers()['content-type']).toContain('text/html');
  expect(deep.headers()['cache-control']).toBe('no-cache');

  const data = await request.get(`./data/articles/${ARTICLE}.json`);
  expect(data.status()).toBe(200);
  expect(data.headers()['content-type']).toContain('application/json');
  expect(data.headers()['cache-control']).toBe('no-cache');
  expect((await data.json()).summary.slug).toBe(ARTICLE);

  const missing = await request.get('./data/articles/no-such-story.json');
  expect(missing.status()).toBe(404);

  // browsers ask for /favicon.ico on pages without an icon link, such as the XML feeds
  const ico = await request.get('./favicon.ico');
  expect(ico.status()).toBe(200);
  expect(ico.headers()['content-type']).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
});

test('hashed assets are immutable and wasm has its type', async ({ request }) => {
  const html = await (await request.get('./')).text();
  const res = await request.get(`./${await wasmPath(request, html)}`);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('application/wasm');
  expect(res.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  const css = html.match(/href="\/?([^"]+\.css)"/);
  const cssRes = await request.get(`./${css[1]}`);
  expect(cssRes.headers()['cache-control']).toContain('immutable');
  expect(res.headers()['x-content-type-options']).toBe('nosniff');
});
