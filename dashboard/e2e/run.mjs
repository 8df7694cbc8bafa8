// End-to-end tests of the dashboard in Debian's Chromium, driven by playwright-core against a running stack
// (BASE_URL, default http://127.0.0.1:8080). Each test acts as a person would: roles, labels and the keyboard,
// never CSS selectors. Every screen is checked with axe-core (no serious or critical violation) and saved as a
// screenshot under test-results/. Prints "N passed, N failed" and exits non-zero on any failure.
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:8080';
const OUT = process.env.E2E_OUTPUT ?? join(here, '..', 'test-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const PASSWORD = 'correct horse battery staple';
const run = Date.now().toString(36);

rmSync(OUT, { recursive: true, force: true });
mkdirSync(join(OUT, 'screens'), { recursive: true });

// A webhook subscriber of our own on 127.0.0.1 (the launcher allows loopback endpoints for local runs).
const received = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    received.push({ path: req.url, id: req.headers['webhook-id'], body });
    res.writeHead(204).end();
  });
});
await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
const HOOK_URL = process.env.WEBHOOK_URL ?? `http://127.0.0.1:${receiver.address().port}/hooks/dashboard`;

// playwright-core gives launch() a fresh temporary profile of its own
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--lang=en-US'],
});

const axeReport = [];
let lastPage = null;
const cspViolations = [];

async function newPage(options = {}) {
  const context = await browser.newContext({ baseURL: BASE, locale: 'en-US', timezoneId: 'UTC', viewport: { width: 1280, height: 900 }, ...options });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  lastPage = page;
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
  });
  return page;
}

/** axe-core on the current screen (evaluated over the DevTools protocol, so the page's CSP stays strict). */
async function checkA11y(page, name) {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
  axeReport.push({ screen: name, violations: result });
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad, [], `axe found serious/critical violations on ${name}: ${JSON.stringify(bad, null, 1)}`);
}

let shot = 0;
async function screen(page, name) {
  await page.waitForLoadState('networkidle').catch(() => {});
  await checkA11y(page, name);
  shot += 1;
  await page.screenshot({ path: join(OUT, 'screens', `${String(shot).padStart(2, '0')}-${name}.png`), fullPage: true });
}

async function eventually(fn, timeoutMs = 15_000, what = 'condition') {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v !== false && v !== undefined && v !== null) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

/** The cookie session's own API calls (for changes "made elsewhere" and to compare figures with the API). */
async function apiCall(page, method, path, body) {
  const session = await (await page.request.get('/v1/session')).json();
  const res = await page.request.fetch(path, {
    method, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok()) throw new Error(`${method} ${path} → ${res.status()}: ${text}`);
  return text ? JSON.parse(text) : null;
}

function money(amount, currency) {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amount);
}

/** Keyboard only: Tab until the focused control has this accessible label (or button text). */
async function tabTo(page, label, max = 60) {
  for (let i = 0; i <= max; i++) {
    if (i > 0) await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el) return '';
      const labelled = el.labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? el.textContent ?? '';
      return labelled.trim();
    });
    if (focused === label) return;
  }
  throw new Error(`could not reach "${label}" with Tab`);
}

const admin = { org: `Dash Studio ${run}`, username: `dash${run}`, email: `dash${run}@example.com` };
const viewer = { username: `view${run}`, email: `view${run}@example.com` };
const state = {};
const results = [];

async function test(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`✓ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (e) {
    results.push({ name, ok: false, error: e });
    if (lastPage && !lastPage.isClosed()) {
      await lastPage.screenshot({ path: join(OUT, `failure-${results.length}.png`), fullPage: true }).catch(() => {});
      console.log(`  at ${lastPage.url()} (screenshot failure-${results.length}.png)`);
    }
    console.log(`✗ ${name}\n  ${(e.stack ?? String(e)).split('\n').slice(0, 6).join('\n  ')}`);
  }
}

async function login(page, who) {
  await page.goto('/login');
  await page.getByLabel('Username or email').fill(who.username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

// ---------------------------------------------------------------------------------------------------------------

await test('the whole story: sign up, settings, customer, draft, issue, PDF, payment, paid, webhook log', async () => {
  const page = await newPage();
  state.admin = page;

  await page.goto('/');
  await page.waitForURL(/\/login/);
  await screen(page, 'login');
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByLabel('Organization name').fill(admin.org);
  await page.getByLabel('Username').fill(admin.username);
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await screen(page, 'signup');
  await page.getByRole('button', { name: 'Sign up' }).click();

  // settings
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  assert.equal(await page.getByLabel('Business name').inputValue(), admin.org);
  await page.getByLabel('Business email').fill(`billing-${run}@example.com`);
  await page.getByLabel('Address line 1').fill('Torstraße 1');
  await page.getByLabel('City').fill('Berlin');
  await page.getByLabel('Postal code').fill('10119');
  await page.getByLabel('Country').fill('DE');
  await page.getByLabel('Default currency').fill('EUR');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText('Settings saved.').waitFor();
  await screen(page, 'settings');

  // webhook endpoint with our receiver
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).click();
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  await page.getByLabel('Endpoint URL').fill(HOOK_URL);
  await page.getByRole('button', { name: 'Create endpoint' }).click();
  await page.getByRole('link', { name: HOOK_URL }).waitFor();
  await screen(page, 'webhooks');

  // customer (the validation error is its own test below)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
  await page.getByRole('button', { name: 'New customer' }).click();
  await page.getByLabel('Name').fill('Globex Corporation');
  await page.getByLabel('Email').fill('ap@globex.example');
  await page.getByLabel('Address line 1').fill('1 Globex Way');
  await page.getByLabel('City').fill('Cypress Creek');
  await page.getByLabel('Postal code').fill('90210');
  await page.getByLabel('Country').fill('US');
  await screen(page, 'customer-new');
  await page.getByRole('button', { name: 'Save customer' }).click();
  await page.getByRole('heading', { name: 'Globex Corporation', level: 1 }).waitFor();
  state.customerUrl = page.url();
  await screen(page, 'customer');

  // a draft with two services and one expense; totals update as we type, with the server's rounding
  await page.getByRole('link', { name: 'New invoice' }).click();
  await page.getByRole('heading', { name: 'New invoice' }).waitFor();
  await eventually(async () => (await page.getByLabel('Currency').inputValue()) === 'EUR', 10_000, 'the default currency');
  await page.getByLabel('Service 1 description').fill('Backend development');
  await page.getByLabel('Service 1 hours').fill('12.5');
  await page.getByLabel('Service 1 rate').fill('95.00');
  await page.getByLabel('Service 1 tax %').fill('19');
  await page.getByLabel('Service 1 reference').fill('Feature #12');
  assert.equal(await page.getByLabel('Service 1 amount').textContent(), money('1187.50', 'EUR'));
  await page.getByRole('button', { name: 'Add service' }).click();
  await page.getByLabel('Service 2 description').fill('Code review');
  await page.getByLabel('Service 2 hours').fill('0.3333');
  await page.getByLabel('Service 2 rate').fill('100');
  await page.getByLabel('Service 2 tax %').fill('19');
  assert.equal(await page.getByLabel('Service 2 amount').textContent(), money('33.33', 'EUR'));
  await page.getByRole('button', { name: 'Add expense' }).click();
  await page.getByLabel('Expense 1 description').fill('Hosting (November)');
  await page.getByLabel('Expense 1 unit price').fill('49.99');
  await page.getByLabel('Expense 1 period start').fill('2026-11-01');
  await page.getByLabel('Expense 1 period end').fill('2026-11-30');
  // 1187.50 + 33.33 = 1220.83 taxed at 19% on the summed base = 231.9577 → 231.96; + 49.99 untaxed
  const expectedTotal = money('1502.78', 'EUR');
  assert.equal(await page.getByLabel('Invoice total').textContent(), expectedTotal);
  await screen(page, 'invoice-editor');
  await page.getByRole('button', { name: 'Create draft' }).click();
  await page.getByRole('heading', { name: 'Draft invoice' }).waitFor();
  state.invoiceUrl = page.url();
  const invoiceId = state.invoiceUrl.split('/').pop();
  const draft = await apiCall(page, 'GET', `/v1/invoices/${invoiceId}`);
  assert.equal(draft.total, '1502.78', 'the server agrees with the totals shown while typing');
  assert.equal(money(draft.total, 'EUR'), expectedTotal);
  await page.getByRole('table', { name: 'Professional services' }).waitFor();
  await page.getByRole('table', { name: 'Pass-through expenses' }).waitFor();
  await screen(page, 'invoice-draft');

  // issue
  await page.getByRole('button', { name: 'Issue invoice' }).click();
  const year = new Date().getUTCFullYear();
  await page.getByRole('heading', { name: `Invoice ${year}-001` }).waitFor();
  await page.getByText('Status: Open').first().waitFor();

  // the PDF opens (rendered within seconds of issue)
  const pdfs = [];
  page.context().on('response', (r) => {
    if (r.url().endsWith(`/v1/invoices/${invoiceId}/pdf`)) pdfs.push({ status: r.status(), type: r.headers()['content-type'] ?? '' });
  });
  await eventually(async () => {
    pdfs.length = 0;
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('link', { name: 'Open PDF' }).click()]);
    assert.match(popup.url(), /\/pdf$/);
    await eventually(async () => pdfs.length > 0, 10_000, 'the PDF response');
    await popup.close();
    return pdfs.some((p) => p.status === 200 && p.type.includes('application/pdf'));
  }, 30_000, 'the PDF');
  await page.getByRole('link', { name: 'Download PDF' }).waitFor();
  await screen(page, 'invoice-open');

  // record a payment of the amount due → paid
  await page.getByRole('button', { name: 'Record payment' }).click();
  await page.getByLabel('Method').selectOption('bank_transfer');
  await page.getByLabel('Payment reference').fill('SEPA 4711');
  await page.getByRole('button', { name: 'Save payment' }).click();
  await page.getByText('Status: Paid').first().waitFor({ timeout: 20_000 });
  await page.getByText('Invoice paid').first().waitFor({ timeout: 20_000 });
  await screen(page, 'invoice-paid');

  // the home figures match the API to the cent and link to the invoices behind them
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  const paidLink = page.getByRole('link', { name: new RegExp(`^Paid in .* in EUR: ${expectedTotal.replace(/[$.]/g, '\\$&')}, show invoices$`) });
  await paidLink.waitFor();
  await screen(page, 'home');
  await paidLink.click();
  await page.getByRole('heading', { name: 'Invoices paid this month' }).waitFor();
  await page.getByRole('link', { name: `${year}-001` }).waitFor();
  await screen(page, 'invoices-paid-this-month');

  // the webhook log shows the delivery, with its attempt
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).click();
  await page.getByRole('link', { name: HOOK_URL }).click();
  const deliveries = page.getByRole('list', { name: 'Deliveries' });
  await deliveries.getByText('invoice.paid', { exact: true }).first().waitFor({ timeout: 60_000 });
  const paidItem = deliveries.getByRole('listitem').filter({ has: page.getByText('invoice.paid', { exact: true }) }).first();
  await eventually(async () => (await paidItem.getByText('Status: Delivered').count()) > 0, 60_000, 'invoice.paid delivered');
  await paidItem.getByRole('button', { name: /Show attempts/ }).click();
  await paidItem.getByText('HTTP 204').waitFor();
  assert.ok(received.some((r) => r.body.includes('"invoice.paid"')) || process.env.WEBHOOK_URL, 'our receiver got invoice.paid');
  await page.getByRole('button', { name: 'Reveal secret' }).click();
  await page.getByText(/^whsec_/).waitFor();
  await screen(page, 'webhook-deliveries');
});

await test('a change made elsewhere shows within 5 s without a reload', async () => {
  const page = state.admin;
  assert.ok(state.customerUrl, 'the story created a customer');
  const customerId = state.customerUrl.split('/').pop();
  const inv = await apiCall(page, 'POST', '/v1/invoices', {
    customerId, lineItems: [{ description: 'Retainer', kind: 'service', quantity: '1', unit: 'month', unitPrice: '500.00' }],
  });
  const issued = await apiCall(page, 'POST', `/v1/invoices/${inv.id}/issue`, {});
  await page.goto(`/invoices/${inv.id}`);
  await page.getByRole('heading', { name: `Invoice ${issued.number}` }).waitFor();
  await page.getByText('Status: Open').first().waitFor();
  await apiCall(page, 'POST', '/v1/payments', { invoiceId: inv.id, amount: issued.amountDue, currency: issued.currency, method: 'card' });
  const paidAt = Date.now();
  // the payment reaches the invoice through Kafka first; the screen must follow within 5 s of the API showing it
  await eventually(async () => (await apiCall(page, 'GET', `/v1/invoices/${inv.id}`)).status === 'paid', 30_000, 'the API to show paid');
  const apiPaid = Date.now();
  await page.getByText('Status: Paid').first().waitFor({ timeout: 5_000 });
  console.log(`  paid on screen ${((Date.now() - apiPaid) / 1000).toFixed(1)} s after the API showed it (${((Date.now() - paidAt) / 1000).toFixed(1)} s after the payment)`);
});

await test('a validation error is shown beside the field it names', async () => {
  const page = state.admin;
  await page.goto('/customers');
  await page.getByRole('button', { name: 'New customer' }).click();
  await page.getByLabel('Name').fill('Initech');
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel('Country').fill('XX');
  await page.getByLabel('Address line 1').fill('4120 Freidrich Lane');
  await page.getByLabel('City').fill('Austin');
  await page.getByLabel('Postal code').fill('78744');
  await page.getByRole('button', { name: 'Save customer' }).click();
  const email = page.getByLabel('Email');
  await eventually(async () => (await email.getAttribute('aria-invalid')) === 'true', 10_000, 'the email field marked invalid');
  const describedBy = await email.getAttribute('aria-describedby');
  const message = await page.locator(`[id="${describedBy}"]`).textContent();
  assert.ok(message && message.length > 0, 'a message names the problem');
  assert.equal(await page.getByLabel('Country').getAttribute('aria-invalid'), 'true');
  await screen(page, 'validation-error');
  // nothing was stored
  const list = await apiCall(page, 'GET', '/v1/customers');
  assert.equal(list.data.filter((c) => c.name === 'Initech').length, 0);
});

await test('keyboard only: create an invoice without the mouse', async () => {
  const page = state.admin;
  await page.goto('/invoices/new');
  await page.getByRole('heading', { name: 'New invoice' }).waitFor();
  await eventually(async () => (await page.getByLabel('Currency').inputValue()) === 'EUR', 10_000, 'the default currency');
  await eventually(async () => (await page.getByLabel('Customer').locator('option').count()) > 1, 10_000, 'customers');
  await tabTo(page, 'Customer');
  await page.keyboard.type('Globex'); // a select's type-ahead
  assert.notEqual(await page.getByLabel('Customer').inputValue(), '');
  await tabTo(page, 'Service 1 description');
  await page.keyboard.type('Workshop facilitation');
  await tabTo(page, 'Service 1 hours');
  await page.keyboard.type('3');
  await tabTo(page, 'Service 1 rate');
  await page.keyboard.type('150');
  await tabTo(page, 'Add expense');
  await page.keyboard.press('Enter');
  await tabTo(page, 'Expense 1 description');
  await page.keyboard.type('Train tickets');
  await tabTo(page, 'Expense 1 unit price');
  await page.keyboard.type('89.90');
  assert.equal(await page.getByLabel('Invoice total').textContent(), money('539.90', 'EUR'));
  await tabTo(page, 'Create draft');
  await screen(page, 'keyboard-invoice');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Draft invoice' }).waitFor();
  await tabTo(page, 'Issue invoice');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: /^Invoice \d{4}-\d{3}$/ }).waitFor();
});

await test('a viewer sees no write controls', async () => {
  const page = state.admin;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
  await page.getByRole('button', { name: 'Add user' }).click();
  await page.getByLabel("New user's username").fill(viewer.username);
  await page.getByLabel("New user's email").fill(viewer.email);
  await page.getByLabel("New user's password").fill(PASSWORD);
  await page.getByLabel('Role').selectOption('viewer');
  await page.getByRole('button', { name: 'Create user' }).click();
  await page.getByRole('cell', { name: viewer.username, exact: true }).waitFor();
  await screen(page, 'users');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API keys' }).click();
  await page.getByRole('button', { name: 'Create API key' }).click();
  await page.getByLabel('Key name').fill('CI');
  await page.getByRole('button', { name: 'Create key' }).click();
  await page.getByText(/^bsk_/).waitFor();
  await screen(page, 'api-keys');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Recurring' }).click();
  await page.getByRole('heading', { name: 'Recurring invoices' }).waitFor();
  await screen(page, 'recurring');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Notifications/ }).click();
  await page.getByRole('heading', { name: 'Notifications' }).waitFor();
  await screen(page, 'notifications');

  const v = await newPage();
  await login(v, viewer);
  const writes = ['New invoice', 'Record payment', 'Issue invoice', 'Void', 'Refund', 'Send', 'Credit note', 'New customer',
    'Edit customer', 'Save settings', 'Add endpoint', 'Reveal secret', 'Send test', 'Add user', 'Create API key', 'New schedule', 'Edit draft'];
  async function noWrites(where) {
    for (const name of writes) {
      assert.equal(await v.getByRole('button', { name, exact: true }).count(), 0, `${where}: no "${name}" button`);
      assert.equal(await v.getByRole('link', { name, exact: true }).count(), 0, `${where}: no "${name}" link`);
    }
  }
  await v.getByRole('link', { name: /Outstanding|Paid in/ }).first().waitFor();
  await noWrites('home');
  await screen(v, 'viewer-home');
  assert.equal(await v.getByRole('link', { name: 'Users' }).count(), 0);
  await v.goto(state.invoiceUrl);
  await v.getByRole('heading', { name: /^Invoice / }).waitFor();
  await v.getByRole('table', { name: 'Professional services' }).waitFor();
  await noWrites('invoice');
  await screen(v, 'viewer-invoice');
  for (const path of ['/invoices', '/customers', state.customerUrl, '/settings', '/webhooks']) {
    await v.goto(path);
    await v.getByRole('heading', { level: 1 }).waitFor();
    await v.waitForLoadState('networkidle');
    await noWrites(path);
  }
  // the session cookie is HttpOnly: no script can read it
  assert.equal(await v.evaluate(() => document.cookie.includes('billstream_session')), false);
  await v.getByRole('button', { name: 'Log out' }).click();
  await v.getByRole('heading', { name: 'Log in' }).waitFor();
  await v.context().close();
});

await test('a 375 px screen: navigation menu, invoices and an invoice without sideways scrolling', async () => {
  const m = await newPage({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  await login(m, admin);
  await m.getByRole('link', { name: /Outstanding|Paid in/ }).first().waitFor();
  const fits = async (where) => {
    const width = await m.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `${where} is ${width} px wide`);
  };
  await fits('home');
  await screen(m, 'narrow-home');
  await m.getByRole('button', { name: 'Menu' }).click();
  await m.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Invoices' }).click();
  await m.getByRole('heading', { name: 'Invoices', level: 1 }).waitFor();
  await m.getByLabel('Status').selectOption('paid');
  await m.getByRole('link', { name: /^\d{4}-\d{3}$/ }).first().waitFor();
  await fits('invoices');
  await screen(m, 'narrow-invoices');
  await m.getByLabel('Search by number or customer').fill('globex');
  await m.getByRole('link', { name: /^\d{4}-001$/ }).click();
  await m.getByRole('heading', { name: /^Invoice / }).waitFor();
  await fits('invoice');
  await screen(m, 'narrow-invoice');
  await m.goto('/invoices/new');
  await m.getByRole('heading', { name: 'New invoice' }).waitFor();
  await fits('editor');
  await screen(m, 'narrow-editor');
  await m.context().close();
});

await test('an expired or ended session returns to the login page', async () => {
  const page = state.admin;
  await page.goto('/invoices');
  await page.getByRole('heading', { name: 'Invoices', level: 1 }).waitFor();
  // end the session behind the app's back (as expiry would): the next poll gets 401
  lastPage = page;
  await apiCall(page, 'DELETE', '/v1/session');
  await page.getByText('Your session has ended').waitFor({ timeout: 10_000 });
  assert.match(page.url(), /\/login\?expired=1&next=%2Finvoices$/);
  // logging in again continues where the session ended
  await page.getByLabel('Username or email').fill(admin.username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Invoices', level: 1 }).waitFor();
});

await test('the Content-Security-Policy is in force and nothing on the screens broke it', async () => {
  const res = await fetch(BASE + '/');
  const csp = res.headers.get('content-security-policy') ?? '';
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.deepEqual(cspViolations, []);
});

await browser.close();
receiver.close();
writeFileSync(join(OUT, 'axe-report.json'), JSON.stringify(axeReport, null, 1));
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`screenshots: ${join(OUT, 'screens')} (${shot}), axe report: ${join(OUT, 'axe-report.json')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
