// A notice in a real browser: hospital A's user acknowledges an advisory's notice and marks its
// device patched; the maker's analyst then sees the acknowledgement and the patched device on
// the advisory's status page; hospital B's user sees none of it.
//
// Run by tests/browser_notices.rs with MAMORI_URL, MAMORI_PASSWORD, HOSPITAL_EMAIL,
// OTHER_HOSPITAL_EMAIL, ANALYST_EMAIL, ADVISORY_ID, CHROMIUM, PLAYWRIGHT_CORE.

import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
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

const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'mamori-chromium-')), {
  executablePath: env('CHROMIUM'),
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
  locale: 'en-US',
  viewport: { width: 1280, height: 900 },
});

async function submit(page, selector) {
  await Promise.all([page.waitForNavigation(), page.click(`${selector} button[type="submit"]`)]);
}

async function signIn(page, email) {
  await page.goto(`${base}/signin`);
  await page.fill('form[action="/signin"] input[name="email"]', email);
  await page.fill('form[action="/signin"] input[name="password"]', env('MAMORI_PASSWORD'));
  await submit(page, 'form[action="/signin"]');
}

async function signOut(page) {
  await submit(page, 'form[action="/signout"]');
}

const problems = [];
try {
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
  });

  // Hospital A: its notice, acknowledged, and its device patched.
  await signIn(page, env('HOSPITAL_EMAIL'));
  await page.goto(`${base}/notices`);
  const card = page.locator('section.notice-card').first();
  assert.equal(await page.locator('section.notice-card').count(), 1, 'hospital A has one notice');
  assert.match(await card.textContent(), /GW-1/, 'its device is listed');
  const ack = card.locator('form[action$="/acknowledge"]');
  await Promise.all([page.waitForNavigation(), ack.locator('button').click()]);
  assert.equal((await page.locator('.notice-state').first().textContent()).trim().split(' ')[0], 'Acknowledged');
  const form = page.locator('form.device-form').first();
  await form.locator('select[name="response"]').selectOption('patch_applied');
  await form.locator('input[name="note"]').fill('Updated to 1.1 on ward 3');
  await Promise.all([page.waitForNavigation(), form.locator('button').click()]);
  assert.equal((await page.locator('.device-answer').first().textContent()).trim(), 'Patch applied');

  // What hospital A reaches, B must not: its SBOM download and its inquiry (pages and API).
  const own = [
    `/api/v1/releases/${env('RELEASE_ID')}/sbom?format=cyclonedx`,
    `/api/v1/inquiries/${env('INQUIRY_ID')}`,
  ];
  // Downloads and JSON go through the browser's own session (its cookies), not a page.
  for (const path of own) {
    const resp = await page.request.get(`${base}${path}`);
    assert.equal(resp.status(), 200, `hospital A reaches ${path}`);
  }
  await page.goto(`${base}/devices`);
  assert.ok(await page.getByText('GW-1').first().isVisible(), 'hospital A sees its device');
  const deviceRow = page.locator('tbody tr', { hasText: 'GW-1' });
  assert.match(await deviceRow.textContent(), /MAMORI-\d{4}-\d{4}: CVE-2026-10001/, 'with the advisory for its release');
  // Its advisories page lists the published advisory with the VEX of the release it runs.
  await page.goto(`${base}/advisories`);
  assert.match(await page.textContent('main'), /HL7 overflow/, 'hospital A sees the advisory');
  const vexLink = page.locator(`a[href="/api/v1/advisories/${env('ADVISORY_ID')}/openvex?release=${env('RELEASE_ID')}"]`);
  assert.equal(await vexLink.count(), 1, 'an OpenVEX download for its release');
  const vex = await page.request.get(`${base}/api/v1/advisories/${env('ADVISORY_ID')}/openvex?release=${env('RELEASE_ID')}`);
  assert.equal(vex.status(), 200);
  assert.ok(Array.isArray((await vex.json()).statements), 'an OpenVEX document');
  own.push(`/api/v1/advisories/${env('ADVISORY_ID')}/openvex?release=${env('RELEASE_ID')}`);
  // The advisory people read, as a Japanese PDF, from the link on the page.
  const pdfHref = await page.locator(`a[href="/api/v1/advisories/${env('ADVISORY_ID')}/pdf?lang=ja"]`).getAttribute('href');
  const pdf = await page.request.get(`${base}${pdfHref}`);
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
  own.push(pdfHref);
  // Hospital A asks for a disclosure document through its portal.
  await page.goto(`${base}/inquiries`);
  await page.fill('#q-subject', 'Please send the MDS2 for Ward Gateway');
  await page.selectOption('#q-kind', 'document-request');
  await page.fill('#q-body', 'Our procurement needs the MDS2 for the ward gateways.');
  await submit(page, 'form[action="/inquiries"]');
  const inquiryPath = new URL(page.url()).pathname;
  assert.match(inquiryPath, /^\/inquiries\/\d+$/, 'on to the new inquiry');
  await signOut(page);

  // Hospital B: nothing of hospital A's, in pages or downloads.
  await signIn(page, env('OTHER_HOSPITAL_EMAIL'));
  for (const path of ['/notices', '/devices', '/documents', '/advisories', '/inquiries']) {
    await page.goto(`${base}${path}`);
    const text = await page.textContent('main');
    for (const secret of ['GW-1', 'Ward Gateway', 'HL7 overflow', 'Hospital A', 'Please send the MDS2']) {
      assert.ok(!text.includes(secret), `hospital B's ${path} shows ${secret}`);
    }
  }
  assert.equal(await page.locator('section.notice-card').count(), 0, 'hospital B has no notice');
  for (const path of [...own, `/advisories/${env('ADVISORY_ID')}/notices`, inquiryPath]) {
    const resp = await page.request.get(`${base}${path}`);
    assert.ok([403, 404].includes(resp.status()), `hospital B is refused ${path} (${resp.status()})`);
    const body = await resp.text();
    assert.ok(!body.includes('GW-1') && !body.includes('hl7lite') && !body.includes('ward gateway'), `nothing of A's in ${path}`);
  }
  await signOut(page);

  // The maker's analyst: acknowledged, one device patched, none unanswered.
  await signIn(page, env('ANALYST_EMAIL'));
  await page.goto(`${base}/advisories/${env('ADVISORY_ID')}/notices`);
  const row = page.locator('#notice-status tbody tr').first();
  assert.match(await row.textContent(), /Hospital A/);
  assert.match(await row.locator('td').first().textContent(), /Acknowledged/);
  assert.equal((await row.locator('td.patched').textContent()).trim(), '1');
  // Impact at a glance, asked through the form by the vulnerability id: hospital A's device,
  // still on the affected release, with the patch its hospital reported; nothing of B's.
  await page.goto(`${base}/impact`);
  await page.selectOption('#impact-by', 'vulnerability');
  await page.fill('#impact-q', 'cve-2026-10001');
  await submit(page, 'form.impact-query');
  const device = page.locator('#impact-devices tbody tr', { hasText: 'GW-1' });
  assert.equal(await device.count(), 1, 'the device is listed once');
  assert.match(await device.textContent(), /Hospital A/);
  assert.match(await device.locator('td').last().textContent(), /Affected · reported: Patch applied/);
  assert.equal((await page.locator('#impact-totals dd.reported').textContent()).trim(), '1');
  const csv = await page.request.get(`${base}/impact.csv?by=advisory&q=${env('ADVISORY_ID')}`);
  assert.equal(csv.status(), 200);
  assert.match(await csv.text(), /Hospital A,.*GW-1,.*affected,no,patch_applied/);
  // The PSIRT's inquiry queue: acknowledge hospital A's question and answer it.
  await page.goto(`${base}/inquiries`);
  await Promise.all([page.waitForNavigation(), page.click(`a[href="${inquiryPath}"]`)]);
  await submit(page, `form[action="${inquiryPath}/acknowledge"]`);
  await page.fill('#i-reply', 'The MDS2 is now shared with you under Documents.');
  await submit(page, `form[action="${inquiryPath}/messages"]`);
  assert.ok(await page.getByText('now shared with you').isVisible(), 'the answer is on the thread');
  console.log(`inquiry ${inquiryPath.split('/').pop()}`);
  assert.deepEqual(problems, [], 'no console errors');
  console.log('ok');
} finally {
  await context.close();
}
