// A vulnerability report from outside, in a real browser: an anonymous reporter files it with
// an attachment and keeps the status link; the PSIRT analyst answers and opens a case; the
// reporter sees the new status and the answer, in Japanese, and replies.
//
// Run by tests/browser_reports.rs with MAMORI_URL, MAMORI_PASSWORD, ANALYST_EMAIL, CHROMIUM,
// PLAYWRIGHT_CORE. Prints `status-url <url>` and `case <id>` on success.

import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';

const require = createRequire(import.meta.url);
const { chromium } = require(process.env.PLAYWRIGHT_CORE || 'playwright-core');

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};
const base = env('MAMORI_URL');

const launch = (locale) =>
  chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'mamori-chromium-')), {
    executablePath: env('CHROMIUM'),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
    locale,
    viewport: { width: 1280, height: 900 },
  });

async function submit(page, selector) {
  await Promise.all([page.waitForNavigation(), page.click(`${selector} button[type="submit"]`)]);
}

function watch(page, problems) {
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
}

const problems = [];
// The reporter: a Japanese browser, no account.
const reporter = await launch('ja-JP');
const analyst = await launch('en-US');
try {
  const page = await reporter.newPage();
  watch(page, problems);
  await page.goto(`${base}/report`);
  assert.equal(await page.getAttribute('html', 'lang'), 'ja', 'the form speaks the browser\'s language');
  await page.fill('#r-name', '山田 花子');
  await page.fill('#r-email', 'hanako@lab.example');
  await page.selectOption('#r-source', 'researcher');
  await page.fill('#r-product', 'Ward Gateway');
  await page.fill('#r-version', '1.0');
  await page.fill('#r-title', 'HL7 受信処理のバッファオーバーフロー');
  await page.fill('#r-description', '細工した HL7 メッセージで受信プロセスが停止します。PoC を添付します。');
  await page.setInputFiles('#r-files', { name: 'poc.py', mimeType: 'text/x-python', buffer: Buffer.from("print('poc')\n") });
  await submit(page, 'form[action="/report"]');
  const statusUrl = page.url();
  assert.match(new URL(statusUrl).pathname, /^\/report\/status\/[0-9a-f]{48}$/, 'on to the status page');
  assert.match(await page.textContent('#tracking-id'), /^VR-\d{4}-\d{4}$/);
  assert.equal((await page.textContent('#report-status')).trim(), '受付済み');
  assert.ok(await page.locator('#report-filed').isVisible(), 'told to keep the link');
  assert.ok(await page.getByText('poc.py').isVisible(), 'the attachment is listed');

  // The analyst: the queue, the report, an answer, the case.
  const p2 = await analyst.newPage();
  watch(p2, problems);
  await p2.goto(`${base}/signin`);
  await p2.fill('form[action="/signin"] input[name="email"]', env('ANALYST_EMAIL'));
  await p2.fill('form[action="/signin"] input[name="password"]', env('MAMORI_PASSWORD'));
  await submit(p2, 'form[action="/signin"]');
  await p2.goto(`${base}/reports`);
  const link = p2.locator('table a[href^="/reports/"]');
  assert.equal(await link.count(), 1, 'one report in the queue');
  await Promise.all([p2.waitForNavigation(), link.first().click()]);
  const reportPath = new URL(p2.url()).pathname;
  await p2.fill('#answer', 'Thank you. We reproduced it and are preparing a fix.');
  await submit(p2, `form[action="${reportPath}/messages"]`);
  await p2.fill('#answer', 'internal: affects 1.0 and 1.1');
  await p2.check('input[name="internal"]');
  await submit(p2, `form[action="${reportPath}/messages"]`);
  await submit(p2, `form[action="${reportPath}/case"]`);
  const casePath = new URL(p2.url()).pathname;
  assert.match(casePath, /^\/cases\/\d+$/, 'on to the new case');

  // The reporter comes back: new status, the answer, not the internal note; and replies.
  await page.goto(statusUrl);
  assert.equal((await page.textContent('#report-status')).trim(), '調査中');
  assert.ok(await page.getByText('We reproduced it').isVisible(), 'the answer is shown');
  assert.equal(await page.getByText('internal: affects').count(), 0, 'internal notes stay inside');
  await page.fill('#reply', '追加情報: 1.1 でも再現しました。');
  await submit(page, 'form[action^="/report/status/"]');
  assert.ok(await page.getByText('1.1 でも再現しました').isVisible(), 'the reply is on the thread');
  // Another browser without the link gets nothing.
  const stranger = await analyst.newPage();
  const r = await stranger.goto(`${base}/report/status/${'0'.repeat(48)}`);
  assert.equal(r.status(), 404);

  assert.deepEqual(problems, [], 'no console errors');
  console.log(`status-url ${statusUrl}`);
  console.log(`case ${casePath.split('/').pop()}`);
} finally {
  await reporter.close();
  await analyst.close();
}
