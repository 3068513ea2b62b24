// What the checkout's browser tests share: a mock listening on a loopback port, the API called over
// real HTTP (so the links carry that server's address), a page per viewport, and screenshots for
// the README (written when missing or with UPDATE_SCREENSHOTS=1, so a test run leaves the tree as it was).
import { existsSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { makeApp, tokenFor } from '../helpers.js';

export const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

export async function startMock() {
  const app = await makeApp();
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const token = await tokenFor(app);
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}/api/v2${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status, `${method} ${path}`).toBe(200);
    return res.json() as Promise<any>;
  };
  return { app, base, api };
}

/** A sale of two lines (84.00 EUR) for a known customer; `extra` adds or replaces top-level fields. */
export const sale = (extra: Record<string, unknown> = {}) => ({
  customer: { contact: { forename: 'Max', surname: 'Mustermann', email: 'm.muster@example.net' } },
  merchantRef: 'order-20000345',
  basket: {
    products: [
      { id: 1, desc: 'Druckerpapier A4', quantity: 10, priceOne: 790, tax: 19 },
      { id: 2, item_type: 'shipping', desc: 'Versand', quantity: 1, priceOne: 500, tax: 19 },
    ],
  },
  basket_info: { sum: 8400, currency: 'EUR' },
  payment_context: { auto_capture: false },
  ...extra,
});

export async function openPage(browser: Browser, viewport: { width: number; height: number }, locale = 'de-DE'): Promise<Page> {
  const context = await browser.newContext({ viewport, locale });
  return context.newPage();
}

/** The page fits its width: nothing to scroll sideways (360 px phones, narrow iframes). */
/** Runs `run` on a fresh page of `viewport`, and closes its context whatever happens. */
export async function onPage(browser: Browser, viewport: { width: number; height: number }, run: (page: Page) => Promise<void>, locale?: string): Promise<void> {
  const page = await openPage(browser, viewport, locale);
  try {
    await run(page);
  } finally {
    await page.context().close();
  }
}

export async function expectFitsWidth(page: Page) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(scroll).toBeLessThanOrEqual(width);
}

export async function screenshot(page: Page, name: string) {
  const png = await page.screenshot({ fullPage: true });
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  const file = new URL(`../../docs/screenshots/${name}.png`, import.meta.url);
  if (process.env.UPDATE_SCREENSHOTS === '1' || !existsSync(file)) writeFileSync(file, png);
}
