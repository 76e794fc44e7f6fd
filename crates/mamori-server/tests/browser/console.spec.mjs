// The console in a real browser: Debian's Chromium driven by playwright-core.
//
// Run by tests/browser.rs, which starts the server, loads the advisories and passes:
//   MAMORI_URL, MAMORI_PASSWORD, ENGINEER_EMAIL, ANALYST_EMAIL, HOSPITAL_EMAIL,
//   SBOM_PATH (a CycloneDX file to upload), SCREENSHOTS (a folder), CHROMIUM (the browser),
//   PLAYWRIGHT_CORE (the package's folder).
// Prints `triaged <finding id>` on success; any failed expectation exits non-zero.

import { createRequire } from 'node:module';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
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
const password = env('MAMORI_PASSWORD');
const shots = env('SCREENSHOTS');
mkdirSync(shots, { recursive: true });

const profile = mkdtempSync(join(tmpdir(), 'mamori-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: env('CHROMIUM'),
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
  locale: 'en-US',
  viewport: { width: 1280, height: 900 },
});

async function shot(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

async function signIn(page, email) {
  await page.goto(`${base}/`);
  assert.match(new URL(page.url()).pathname, /^\/signin/, 'the anonymous are sent to sign in');
  await page.fill('form[action="/signin"] input[name="email"]', email);
  await page.fill('form[action="/signin"] input[name="password"]', password);
  await Promise.all([
    page.waitForNavigation(),
    page.click('form[action="/signin"] button[type="submit"]'),
  ]);
}

async function signOut(page) {
  await Promise.all([
    page.waitForNavigation(),
    page.click('form[action="/signout"] button[type="submit"]'),
  ]);
  assert.match(new URL(page.url()).pathname, /^\/signin/);
}

async function submit(page, formSelector) {
  await Promise.all([
    page.waitForNavigation(),
    page.click(`${formSelector} button[type="submit"]`),
  ]);
}

let findingPath;
let releasePath;
try {
  const page = await context.newPage();
  // Console errors (a CSP violation, a script failing) fail the journey.
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
  });
  // Sub-resources (stylesheet, script, icon) must all load; pages may answer 4xx on purpose.
  page.on('response', (r) => {
    if (r.status() >= 400 && r.request().resourceType() !== 'document') problems.push(`${r.status()} ${r.url()}`);
  });
  page.on('pageerror', (e) => problems.push(String(e)));

  // The engineer: product, release, SBOM.
  await page.goto(`${base}/signin`);
  await shot(page, '00-signin');
  await signIn(page, env('ENGINEER_EMAIL'));
  assert.equal(new URL(page.url()).pathname, '/');
  await page.goto(`${base}/products`);
  await page.fill('form[action="/products"] input[name="name"]', 'Infusion Pump IP-200');
  await page.fill('form[action="/products"] input[name="vendor"]', 'Maker KK');
  await submit(page, 'form[action="/products"]');
  assert.match(new URL(page.url()).pathname, /^\/products\/\d+$/, 'the new product page');
  await page.fill('input[name="version"]', '3.1');
  await page.fill('input[name="ga"]', '2024-04-01');
  await page.fill('input[name="end_of_support"]', '2034-03-31');
  await submit(page, 'form[action$="/releases"]');
  releasePath = new URL(page.url()).pathname;
  assert.match(releasePath, /^\/releases\/\d+$/, 'the new release page');
  await page.setInputFiles('input[name="file"]', env('SBOM_PATH'));
  await page.check('#u-team');
  await submit(page, 'form[enctype="multipart/form-data"]');
  assert.equal(new URL(page.url()).pathname, releasePath);
  assert.ok(await page.getByText('The SBOM was uploaded.').isVisible(), 'the upload notice');
  await shot(page, '01-release');
  await page.goto(`${base}/products`);
  await shot(page, '02-products');
  await signOut(page);

  // The analyst: the queue, one finding, its triage.
  await signIn(page, env('ANALYST_EMAIL'));
  await shot(page, '03-dashboard');
  await page.goto(`${base}/findings`);
  const links = page.locator('table a[href^="/findings/"]');
  assert.ok((await links.count()) > 0, 'the uploaded SBOM has findings');
  await shot(page, '04-findings');
  await Promise.all([page.waitForNavigation(), links.first().click()]);
  findingPath = new URL(page.url()).pathname;
  await page.selectOption('#t-state', 'exploitable');
  await page.selectOption('#t-response', 'update');
  await page.fill('#t-detail', 'Reachable from the pump\'s import path; update planned.');
  await page.check('#s-risk-controlled');
  await page.fill('#s-hazard', 'A crafted date string could stop the pump\'s log export; no dosing effect.');
  await page.fill('#s-controls', 'Pump network isolated on a clinical VLAN');
  await submit(page, '#triage-form');
  assert.equal(new URL(page.url()).pathname, findingPath);
  assert.ok(await page.getByText('Saved.').isVisible(), 'the triage notice');
  await shot(page, '05-finding');
  // Japanese through the switch.
  await Promise.all([page.waitForNavigation(), page.click('form[action="/lang"] button[value="ja"]')]);
  assert.equal(await page.getAttribute('html', 'lang'), 'ja');
  await shot(page, '06-dashboard-ja');
  await Promise.all([page.waitForNavigation(), page.click('form[action="/lang"] button[value="en"]')]);
  assert.deepEqual(problems, [], 'no console errors');
  await signOut(page);

  // A hospital of another organization sees none of it.
  await signIn(page, env('HOSPITAL_EMAIL'));
  assert.equal(new URL(page.url()).pathname, '/devices', 'a hospital starts at its devices');
  assert.equal(await page.getByText('Infusion Pump IP-200').count(), 0);
  await shot(page, '07-hospital-devices');
  for (const path of ['/products', '/findings', findingPath, releasePath, '/cases', '/feeds']) {
    const resp = await page.goto(`${base}${path}`);
    assert.ok([403, 404].includes(resp.status()), `hospital GET ${path}: ${resp.status()}`);
    assert.equal(await page.getByText('Infusion Pump IP-200').count(), 0, `hospital sees the product on ${path}`);
  }
  await shot(page, '08-hospital-refused');
  const api = await page.goto(`${base}/api/v1/releases/${releasePath.split('/').pop()}/sbom`);
  assert.ok([403, 404].includes(api.status()), `hospital SBOM download: ${api.status()}`);
  await page.goto(`${base}/documents`);
  assert.equal(await page.getByText('Infusion Pump IP-200').count(), 0);
  console.log(`triaged ${findingPath.split('/').pop()}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
