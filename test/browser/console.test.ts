// The operator console in a real Chromium against a mock listening on 127.0.0.1: the journal grows
// on the page as API requests are answered, a Smart Transaction's timeline shows each status with
// the request that caused it, and the controls (reset, clock, pushes, a fault rule) change what the
// API answers. Screenshots of the pages go to docs/screenshots/ (shown in the README) when missing
// or with UPDATE_SCREENSHOTS=1.
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp } from '../helpers.js';
import { startReceiver } from '../pushes/receiver.js';
import { guideSubscriptionBody, INLINE_ACCOUNT } from '../routes/smart-transaction-helpers.js';
import { chromiumMissing, launchBrowser } from './browser.js';

const SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url).pathname;

/** Into docs/screenshots/ when missing or asked for (UPDATE_SCREENSHOTS=1): a test run leaves the docs alone. */
async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  const path = `${SCREENSHOTS}${name}`;
  const png = await page.screenshot({ fullPage, ...(process.env.UPDATE_SCREENSHOTS || !existsSync(path) ? { path } : {}) });
  expect(png.subarray(1, 4).toString()).toBe('PNG');
}

describe.skipIf(chromiumMissing)('the operator console', () => {
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await makeApp();
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const newPage = async () => {
    page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    return page;
  };

  async function token(): Promise<string> {
    const res = await fetch(`${base}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'demo-secret' }),
    });
    return (await res.json()).access_token;
  }

  async function api(method: string, path: string, body?: unknown) {
    const res = await fetch(`${base}/api/v2${path}`, {
      method,
      headers: { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  }

  it('shows the journal growing as API requests are answered', async () => {
    await newPage();
    await page.goto(`${base}/__mock/`);
    await expect(page.locator('#clients tbody tr[data-client="demo-client"]').count()).resolves.toBe(1);
    const rows = page.locator('#journal tbody tr');
    const before = await rows.count();
    await api('GET', '/Payment/Customers?count=1');
    await api('GET', '/Smart/Transactions/STX_NOT_THERE');
    // The page's script asks for what came after its newest row.
    await page.locator('#journal tbody tr', { hasText: '/api/v2/Smart/Transactions/STX_NOT_THERE' }).waitFor({ timeout: 10_000 });
    await page.locator('#journal tbody tr', { hasText: '/api/v2/Payment/Customers?count=1' }).waitFor({ timeout: 10_000 });
    expect(await rows.count()).toBeGreaterThanOrEqual(before + 2);
    const newest = rows.first();
    await expect(newest.textContent()).resolves.toContain('404');
    await newest.locator('summary').click();
    await expect(newest.locator('pre').last().textContent()).resolves.toContain('ProductNotFoundException');
    await screenshot(page, 'console-home.png');
    await page.close();
  });

  it('shows a Smart Transaction’s timeline: every status, when, and the request that caused it', async () => {
    const plans = await api('GET', '/Payment/Plans');
    const any = await api('GET', '/Smart/Transactions?count=1');
    const body = guideSubscriptionBody({ planId: plans.body.data[0].id, contractId: any.body.data[0].contract.id });
    body.application_context.return_urls.url_push = 'http://127.0.0.1:9/push';
    const stx = (await api('POST', '/Smart/Transactions', body)).body;
    const prepared = await api('POST', `/Smart/Transactions/${stx.id}/prepare/debit`, { container: INLINE_ACCOUNT });
    const started = await api('POST', `/Smart/Transactions/${stx.id}/start`);
    expect(started.status).toBe(200);
    await newPage();
    await page.goto(`${base}/__mock/console/clients/demo-client?q=${stx.id}`);
    await page.locator(`a:text("${stx.id}")`).first().click();
    await page.locator('#timeline').waitFor();
    expect(await page.locator('#stx-status').textContent()).toBe(started.body.status);
    const timeline = await page.locator('#timeline tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim())),
    );
    const ofStx = timeline.filter((r) => r[1] === stx.id);
    expect(ofStx.map((r) => r[3])).toEqual(['created', prepared.body.status, started.body.status].filter((s, i, a) => a.indexOf(s) === i));
    expect(ofStx[0]![4]).toMatch(/^POST \/api\/v2\/Smart\/Transactions → 200/);
    expect(ofStx[1]![4]).toContain(`POST /api/v2/Smart/Transactions/${stx.id}/prepare/debit → 200`);
    // Its payment transaction and subscription moved too, and are on the page with their pushes.
    const subId = prepared.body.subscription.id;
    expect(timeline.some((r) => r[1] === subId)).toBe(true);
    expect(await page.locator('#subscription').textContent()).toContain(subId);
    expect(await page.locator('#payments tbody tr').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('#pushes tbody tr').count()).toBeGreaterThanOrEqual(1);
    await screenshot(page, 'console-timeline.png', true);
    await page.close();
  });

  it('changes state with its controls: fault rule, clock, pushes delivered, reset', async () => {
    const receiver = await startReceiver();
    await newPage();
    const client = `${base}/__mock/console/clients/demo-client`;
    await page.goto(client);

    // A fault rule: the next GET of a Smart Transaction answers 503, once.
    const fault = page.locator('form[data-control="fault"]');
    await fault.locator('select[name="method"]').selectOption('GET');
    await fault.locator('input[name="path"]').fill('/api/v2/Smart/Transactions*');
    await fault.locator('select[name="effect.type"]').selectOption('status');
    await fault.locator('input[name="effect.status"]').fill('503');
    await fault.locator('input[name="times"]').fill('1');
    await fault.locator('button').click();
    await page.waitForURL(/done=POST/);
    expect(await page.locator('#faults tbody tr').count()).toBe(1);
    expect((await api('GET', '/Smart/Transactions?count=1')).status).toBe(503);
    expect((await api('GET', '/Smart/Transactions?count=1')).status).toBe(200);
    await page.locator('form[data-control="clear-faults"] button').click();
    await page.waitForURL(/done=POST/);
    expect((await (await fetch(`${base}/__mock/faults`)).json()).count).toBe(0);

    // The clock: a day on, and what the API makes now carries it.
    const dayBefore = Date.parse((await api('POST', '/Smart/Transactions', { basket_info: { sum: 100, currency: 'EUR' } })).body.created);
    await page.locator('form[data-control="clock"] input[name="advance_seconds"]').fill('86400');
    await page.locator('form[data-control="clock"] button').click();
    await page.waitForURL(/done=POST%20%2F__mock%2Fclock/);
    const made = (await api('POST', '/Smart/Transactions', { basket_info: { sum: 100, currency: 'EUR' } })).body;
    expect(Date.parse(made.created) - dayBefore).toBeGreaterThanOrEqual(86_400_000);

    // Pushes: manual mode keeps them pending until the console delivers them.
    const sale = (await api('POST', '/Smart/Transactions', {
      basket_info: { sum: 2500, currency: 'EUR' },
      customer: { contact: { forename: 'Max', surname: 'Mustermann' } },
      payment_context: { auto_capture: true },
      application_context: { return_urls: { url_push: receiver.url } },
    })).body;
    await api('POST', `/Smart/Transactions/${sale.id}/prepare/debit`, { container: INLINE_ACCOUNT });
    const pending = (await (await fetch(`${base}/__mock/pushes?client_id=demo-client&status=pending`)).json()).count;
    expect(pending).toBeGreaterThanOrEqual(1);
    await page.locator('form[data-control="deliver"] button').click();
    await page.waitForURL(/done=POST%20%2F__mock%2Fpushes%2Fdeliver/);
    expect(receiver.received.length).toBeGreaterThanOrEqual(1);
    expect((await (await fetch(`${base}/__mock/pushes?client_id=demo-client&object_id=${receiver.received[0]!.body.data[0].id}`)).json()).data[0].status).toBe('delivered');
    await screenshot(page, 'console-client.png');

    // Reset: the tenant is back at its scenario; what the API made is gone.
    await page.locator('form[data-control="reset"] button').click();
    await page.waitForURL(/done=POST%20%2F__mock%2Freset/);
    expect((await api('GET', `/Smart/Transactions/${made.id}`)).status).toBe(404);
    expect(await page.locator('#flash').textContent()).toContain('POST /__mock/reset');
    await receiver.close();
    await page.close();
  });
});
