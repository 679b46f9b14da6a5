// The configurations shipped for other hosts agree with the nginx one.
const { test, expect } = require('@playwright/test');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..', '..');
const read = (p) => fs.readFileSync(path.join(root, p), 'utf8');

test('Netlify/Cloudflare _headers send the same security policy as nginx', async ({ request }) => {
  const res = await request.get('./');
  const nginxCsp = res.headers()['content-security-policy'];
  const headers = read('public/_headers');
  const csp = headers.match(/Content-Security-Policy: (.*)/)[1].trim();
  expect(csp).toBe(nginxCsp);
  for (const h of ['X-Content-Type-Options: nosniff', 'Referrer-Policy: strict-origin-when-cross-origin', 'X-Frame-Options: DENY', 'Permissions-Policy: camera=()']) {
    expect(headers).toContain(h);
  }
  // archive page 1 is the oldest stories, a page of its own: no host redirects it
  expect(read('public/_redirects')).not.toMatch(/^\/page/m);
  expect(fs.existsSync(path.join(root, 'public/.nojekyll'))).toBe(true);
});

test('the CloudFront function maps routes to prerendered pages and redirects like nginx', () => {
  const { handler } = require(path.join(root, 'deploy/cloudfront-function.js'));
  const run = (uri) => handler({ request: { uri } });
  expect(run('/articles/x/').uri).toBe('/articles/x/index.html');
  expect(run('/').uri).toBe('/index.html');
  expect(run('/news/').uri).toBe('/news/index.html');
  expect(run('/tags/').uri).toBe('/tags/index.html');
  expect(run('/search/').uri).toBe('/search/index.html');
  expect(run('/data/feed/1.json').uri).toBe('/data/feed/1.json');
  expect(run('/feed.xml').uri).toBe('/feed.xml');
  expect(run('/page/1').headers.location.value).toBe('/page/1/');
  expect(run('/news/page/1/').uri).toBe('/news/page/1/index.html');
  expect(run('/tags/ai/page/1').headers.location.value).toBe('/tags/ai/page/1/');
  expect(run('/articles/x').headers.location.value).toBe('/articles/x/');
  expect(run('/tags').headers.location.value).toBe('/tags/');
  expect(run('/page/2').headers.location.value).toBe('/page/2/');
  expect(run('/tags/ai/page/3').headers.location.value).toBe('/tags/ai/page/3/');
  expect(run('/tutorials').headers.location.value).toBe('/tutorials/');
  expect(run('/tutorials/page/2').headers.location.value).toBe('/tutorials/page/2/');
  expect(run('/authors/mira-kovac').headers.location.value).toBe('/authors/mira-kovac/');
  expect(run('/corrections.xml').uri).toBe('/corrections.xml');
  expect(run('/pagefind/pagefind.js').uri).toBe('/pagefind/pagefind.js');
  const search = handler({ request: { uri: '/news/search', querystring: { q: { value: 'ai+act' } } } });
  expect(search.headers.location.value).toBe('/news/search/?q=ai+act');
});
