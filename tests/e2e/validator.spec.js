// The W3C Nu HTML Checker (npm vnu-jar, run with the machine's Java) on every page type as
// the release serves it: 0 errors.
const { test, expect } = require('@playwright/test');
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ARTICLE } = require('./helpers');

const JAR = path.join(__dirname, '..', '..', 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
const PAGES = {
  feed: './',
  'feed page 2': './page/2',
  article: `./articles/${ARTICLE}`,
  'tag index': './tags',
  tag: './tags/ai',
  'tag page 2': './tags/small-business/page/2',
  section: './analysis',
  'section page 1': './analysis/page/1',
  author: './authors/jonah-reyes',
  corrected: './articles/eu-ai-act-august-deadline-companies-prepare',
  tutorial: './articles/deploy-a-document-qa-service-with-docker',
  'tutorial with pictures': './articles/run-a-small-open-source-ai-model-locally',
  series: './series/automate-support-triage',
  'series part': './articles/automate-support-triage-part-2-classify-with-a-model',
  'not found': './articles/no-such-story',
  search: './search',
};

test('the Nu HTML Checker finds no error on any page type', async ({ request }) => {
  test.setTimeout(60_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'krasa-vnu-'));
  const files = [];
  for (const [name, url] of Object.entries(PAGES)) {
    const res = await request.get(url);
    expect([200, 404], `${name} (${url})`).toContain(res.status());
    const file = path.join(dir, `${name.replace(/ /g, '-')}.html`);
    fs.writeFileSync(file, await res.body());
    files.push(file);
  }
  let report;
  try {
    report = execFileSync('java', ['-jar', JAR, '--errors-only', '--format', 'json', ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    // vnu exits non-zero when it reports errors; its JSON is on stderr
    report = e.stderr || e.stdout;
  }
  const messages = JSON.parse(report.trim() || '{"messages":[]}').messages || [];
  const errors = messages
    .filter((m) => m.type === 'error' || m.subType === 'fatal')
    .map((m) => `${path.basename(m.url || '')}:${m.lastLine}: ${m.message}`);
  expect(errors).toEqual([]);
  fs.rmSync(dir, { recursive: true, force: true });
});
