// The `general` link in a real Chromium: the payer chooses among the methods on offer (with the
// keyboard alone), in German by default and in English when the shop asks for it; a broken link
// is a page in the browser's language, not JSON.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchBrowser } from './browser.js';
import { expectFitsWidth, onPage, openPage, sale, screenshot, startMock, VIEWPORTS } from './checkout-harness.js';

describe.skipIf(chromiumMissing)('the method choice of the general link', () => {
  let browser: Browser;
  let mock: Awaited<ReturnType<typeof startMock>>;
  beforeAll(async () => {
    [browser, mock] = await Promise.all([launchBrowser(), startMock()]);
  });
  afterAll(async () => {
    await browser?.close();
    await mock?.app.close();
  });

  describe.each(VIEWPORTS)('at $width px', (viewport) => {
    const phone = viewport.width < 500;
    const withPage = (run: (page: Page) => Promise<void>, locale?: string) => onPage(browser, viewport, run, locale);

    it('offers the methods of payment_context in German, and leads to the chosen method’s step by keyboard', () =>
      withPage(async (page) => {
        const stx = await mock.api('POST', '/Smart/Transactions', sale({ payment_context: { auto_capture: false, payment_methods: ['debit', 'creditcard', 'paypal'] } }));
        expect(stx.checkout_links.url_checkout).toBe(stx.payment_links.general);
        await page.goto(stx.checkout_links.url_checkout);
        expect(await page.locator('html').getAttribute('lang')).toBe('de');
        expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Zahlungsart wählen');
        const radios = page.getByRole('radio');
        expect(await radios.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(['debit', 'creditcard', 'paypal']);
        expect(await page.locator('#basket tbody tr').count()).toBe(2);
        expect(await page.locator('#amount').innerText()).toBe('84,00 EUR');
        await expectFitsWidth(page);
        await screenshot(page, phone ? 'checkout-choice' : 'checkout-choice-desktop');
        // Keyboard only: focus the first method, arrow to the card, Enter submits the form.
        await page.getByLabel(/SEPA-Lastschrift/).focus();
        await page.keyboard.press('ArrowDown');
        expect(await page.getByLabel(/Kreditkarte/).isChecked()).toBe(true);
        await Promise.all([page.waitForURL(/method=creditcard/), page.keyboard.press('Enter')]);
        await page.getByLabel('Kartennummer').focus();
        await page.keyboard.press('Tab');
        await page.keyboard.type('12/30');
        await page.keyboard.press('Tab');
        await page.keyboard.type('123');
        await page.keyboard.press('Enter');
        await page.locator('#result').waitFor();
        expect(await mock.api('GET', `/Smart/Transactions/${stx.id}`)).toMatchObject({ status: 'approved', payment_method: 'creditcard' });
      }));

    it('speaks English when application_context.language is en, and lets the payer go back to the choice', () =>
      withPage(async (page) => {
        const stx = await mock.api('POST', '/Smart/Transactions', sale({ application_context: { language: 'en' } }));
        await page.goto(stx.payment_links.general);
        expect(await page.locator('html').getAttribute('lang')).toBe('en');
        expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Choose a payment method');
        expect(await page.locator('#amount').innerText()).toBe('84.00 EUR');
        await page.getByLabel(/Advance payment/).check();
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.getByRole('link', { name: 'Other payment method' }).click();
        await page.getByLabel(/^Invoice/).check();
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.getByRole('button', { name: /Buy on invoice/ }).click();
        expect(await page.locator('#result h2').innerText()).toBe('Thank you, your payment is approved');
        expect(await mock.api('GET', `/Smart/Transactions/${stx.id}`)).toMatchObject({ status: 'approved', payment_method: 'invoice' });
      }));

    it('shows a broken link as a page in the browser’s language, with the 404 status', () =>
      withPage(async (page) => {
        const stx = await mock.api('POST', '/Smart/Transactions', sale());
        const broken = stx.payment_links.general.replace(/secret=[^&]+/, 'secret=0000');
        const answer = await page.goto(broken);
        expect(answer?.status()).toBe(404);
        expect(await page.locator('#error-text').innerText()).toBe('This payment link is invalid or has expired. Please return to the shop.');
        expect(await page.locator('body').innerText()).not.toContain('"status"');
      }, 'en-GB'));
  });

  it('fits every step into 360 px: choice, card, 3-D Secure, SEPA, PayPal, bank details', async () => {
    const page = await openPage(browser, { width: 360, height: 740 });
    try {
      const stx = await mock.api('POST', '/Smart/Transactions', sale({ merchantRef: 'a-rather-long-order-reference-0000000000001' }));
      for (const link of [stx.payment_links.general, stx.payment_links.creditcard, stx.payment_links.debit, stx.payment_links.paypal]) {
        await page.goto(link);
        await expectFitsWidth(page);
      }
      await page.goto(stx.payment_links.creditcard);
      await page.getByLabel('Kartennummer').fill('4000 0000 0000 3220');
      await page.getByLabel('Gültig bis (MM/JJ)').fill('12/30');
      await page.getByLabel('Prüfnummer (CVC)').fill('123');
      await page.getByRole('button', { name: /Jetzt zahlen/ }).click();
      await page.locator('h1#challenge').waitFor();
      await expectFitsWidth(page);
      const prepaid = await mock.api('POST', '/Smart/Transactions', sale());
      await page.goto(prepaid.payment_links.prepaid);
      await page.getByRole('button', { name: /Zahlungspflichtig bestellen/ }).click();
      await page.locator('#bank-details').waitFor();
      await expectFitsWidth(page);
    } finally {
      await page.context().close();
    }
  });
});
