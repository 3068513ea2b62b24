// Every method of the hosted checkout in a real Chromium against a listening mock, at desktop and
// phone width: card (approve, 3-D Secure, a decline and the retry), SEPA direct debit, PayPal's
// stand-in, advance payment with its bank details and GiroCode, invoice, the return URLs, and the
// page inside a shop's iframe. What the payer did is then read over the API.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchBrowser } from './browser.js';
import { expectFitsWidth, onPage, sale, screenshot, startMock, VIEWPORTS } from './checkout-harness.js';

describe.skipIf(chromiumMissing)('the hosted checkout in a browser', () => {
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

    it('pays by card: the payer types the card, the transaction is approved with a credit_card container', () =>
      withPage(async (page) => {
        const stx = await mock.api('POST', '/Smart/Transactions', sale());
        await page.goto(stx.payment_links.creditcard);
        await expect.poll(() => page.locator('#amount').innerText()).toBe('84,00 EUR');
        await expectFitsWidth(page);
        await page.getByLabel('Kartennummer').fill('5555 5555 5555 4444');
        await page.getByLabel('Gültig bis (MM/JJ)').fill('12/30');
        await page.getByLabel('Prüfnummer (CVC)').fill('123');
        if (phone) await screenshot(page, 'checkout-card');
        await page.getByRole('button', { name: /Jetzt zahlen/ }).click();
        await expect.poll(() => page.locator('#result h2').innerText()).toBe('Vielen Dank, Ihre Zahlung ist genehmigt');
        const now = await mock.api('GET', `/Smart/Transactions/${stx.id}`);
        expect(now).toMatchObject({ status: 'approved', container: { type: 'credit_card' } });
        expect((await mock.api('GET', `/Payment/Containers/${now.container.id}`)).public).toMatchObject({ pan: '555555******4444', owner: 'Max Mustermann' });
      }));

    it('goes through the 3-D Secure step of a card that needs one', () =>
      withPage(async (page) => {
        const stx = await mock.api('POST', '/Smart/Transactions', sale());
        await page.goto(stx.payment_links.creditcard);
        await page.getByLabel('Kartennummer').fill('4000 0000 0000 3220');
        await page.getByLabel('Gültig bis (MM/JJ)').fill('12/30');
        await page.getByLabel('Prüfnummer (CVC)').fill('123');
        await page.getByRole('button', { name: /Jetzt zahlen/ }).click();
        await expect.poll(() => page.locator('h1#challenge').innerText()).toBe('3-D Secure');
        expect(await page.locator('#card').innerText()).toBe('3220');
        expect((await mock.api('GET', `/Smart/Transactions/${stx.id}`)).status).toBe('created');
        if (phone) await screenshot(page, 'checkout-3ds');
        await page.getByRole('button', { name: 'Authentifizierung abschließen' }).click();
        await page.locator('#result').waitFor();
        expect(await mock.api('GET', `/Smart/Transactions/${stx.id}`)).toMatchObject({ status: 'approved', container: { type: 'credit_card' } });
      }));

    it('shows a declined card with the reason and lets the payer try another card', () =>
      withPage(async (page) => {
        const stx = await mock.api('POST', '/Smart/Transactions', sale({ application_context: { language: 'en' } }));
        await page.goto(stx.payment_links.creditcard);
        await page.getByLabel('Card number').fill('4000 0000 0000 0002');
        await page.getByLabel('Expiry date (MM/YY)').fill('12/30');
        await page.getByLabel('Security code (CVC)').fill('123');
        await page.getByRole('button', { name: /Pay now/ }).click();
        const alert = page.getByRole('alert');
        await expect.poll(() => alert.locator('h2').innerText()).toBe('Payment declined');
        expect(await alert.locator('#reason').innerText()).toMatch(/^the card was declined$/i);
        expect((await mock.api('GET', `/Smart/Transactions/${stx.id}`)).status).toBe('failed');
        if (phone) await screenshot(page, 'checkout-declined');
        // The card form is there again, the number kept for correction.
        expect(await page.getByLabel('Card number').inputValue()).toBe('4000 0000 0000 0002');
        await page.getByLabel('Card number').fill('4111 1111 1111 1111');
        await page.getByLabel('Expiry date (MM/YY)').fill('12/30');
        await page.getByLabel('Security code (CVC)').fill('123');
        await page.getByRole('button', { name: /Pay now/ }).click();
        await expect.poll(() => page.locator('#result h2').innerText()).toBe('Thank you, your payment is approved');
        expect((await mock.api('GET', `/Smart/Transactions/${stx.id}`)).status).toBe('approved');
      }));

    it('marks a card number that fails the Luhn check, changing nothing', () =>
      withPage(async (page) => {
        const stx = await mock.api('POST', '/Smart/Transactions', sale());
        await page.goto(stx.payment_links.creditcard);
        await page.getByLabel('Kartennummer').fill('4111 1111 1111 1112');
        await page.getByLabel('Gültig bis (MM/JJ)').fill('01/20');
        await page.getByLabel('Prüfnummer (CVC)').fill('123');
        const [answer] = await Promise.all([page.waitForResponse(/\/approve$/), page.getByRole('button', { name: /Jetzt zahlen/ }).click()]);
        expect(answer.status()).toBe(400);
        expect(await page.locator('#card_number-err').innerText()).toBe('Diese Kartennummer ist ungültig (Prüfziffer).');
        expect(await page.locator('#card_expiry-err').innerText()).toBe('Diese Karte ist abgelaufen.');
        expect(await page.getByLabel('Kartennummer').getAttribute('aria-invalid')).toBe('true');
        expect((await mock.api('GET', `/Smart/Transactions/${stx.id}`)).status).toBe('created');
      }));

    it('pays by SEPA direct debit: the IBAN the payer types becomes the container, with the mandate', () =>
      withPage(async (page) => {
        const stx = await mock.api('POST', '/Smart/Transactions', sale());
        await page.goto(stx.payment_links.debit);
        expect(await page.locator('#mandate-text').innerText()).toContain('Gläubiger-ID DE88ZZZ00000000001');
        await page.getByLabel('IBAN').fill('DE89 3704 0044 0532 0130 00');
        // Keyboard: the mandate box is reached and ticked without a mouse.
        await page.getByLabel('Ich erteile das SEPA-Lastschriftmandat.').focus();
        await page.keyboard.press('Space');
        if (phone) await screenshot(page, 'checkout-sepa');
        await page.getByRole('button', { name: /Zahlungspflichtig per Lastschrift bezahlen/ }).click();
        await page.locator('#result').waitFor();
        const now = await mock.api('GET', `/Smart/Transactions/${stx.id}`);
        expect(now).toMatchObject({ status: 'approved', payment_method: 'debit', container: { type: 'bank_account' } });
        const container = await mock.api('GET', `/Payment/Containers/${now.container.id}`);
        expect(container).toMatchObject({ private: { iban: 'DE89370400440532013000', owner: 'Max Mustermann' }, customer: { id: stx.customer.id } });
      }));

    it('approves on PayPal’s stand-in page, leaving a paypal container', () =>
      withPage(async (page) => {
        const stx = await mock.api('POST', '/Smart/Transactions', sale());
        await page.goto(stx.payment_links.paypal);
        expect(await page.locator('#consent').innerText()).toContain('payer@example.com');
        await expectFitsWidth(page);
        await page.getByRole('button', { name: 'Zustimmen und zahlen' }).click();
        await page.locator('#result').waitFor();
        expect(await mock.api('GET', `/Smart/Transactions/${stx.id}`)).toMatchObject({ status: 'approved', payment_method: 'paypal', container: { type: 'paypal' } });
      }));

    it('shows advance payment’s bank details, purpose and a GiroCode image', () =>
      withPage(async (page) => {
        const stx = await mock.api('POST', '/Smart/Transactions', sale());
        await page.goto(stx.payment_links.prepaid);
        await page.getByRole('button', { name: /Zahlungspflichtig bestellen/ }).click();
        await page.locator('#bank-details').waitFor();
        const now = await mock.api('GET', `/Smart/Transactions/${stx.id}`);
        expect(now.status).toBe('pending');
        expect(await page.locator('#bank-purpose').innerText()).toBe(now.payment_instructions.purpose);
        expect((await page.locator('#bank-iban').innerText()).replace(/\s/g, '')).toBe(now.payment_instructions.iban);
        const qr = page.locator('img#girocode');
        await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
        await expectFitsWidth(page);
        if (phone) await screenshot(page, 'checkout-prepaid');
      }));

    it('buys on invoice', () =>
      withPage(async (page) => {
        const stx = await mock.api('POST', '/Smart/Transactions', sale());
        await page.goto(stx.payment_links.invoice);
        await page.getByRole('button', { name: /Zahlungspflichtig auf Rechnung kaufen/ }).click();
        await page.locator('#result').waitFor();
        expect(await mock.api('GET', `/Smart/Transactions/${stx.id}`)).toMatchObject({ status: 'approved', payment_method: 'invoice' });
      }));

    it('returns the browser to the shop: url_success after paying, url_abort after leaving', () =>
      withPage(async (page) => {
        const return_urls = { url_success: `${mock.base}/__mock/health?paid`, url_abort: `${mock.base}/__mock/health?left` };
        const paid = await mock.api('POST', '/Smart/Transactions', sale({ application_context: { return_urls } }));
        await page.goto(paid.payment_links.invoice);
        await Promise.all([page.waitForURL(return_urls.url_success), page.getByRole('button', { name: /auf Rechnung kaufen/ }).click()]);
        expect((await mock.api('GET', `/Smart/Transactions/${paid.id}`)).status).toBe('approved');
        const left = await mock.api('POST', '/Smart/Transactions', sale({ application_context: { return_urls } }));
        await page.goto(left.payment_links.creditcard);
        await Promise.all([page.waitForURL(return_urls.url_abort), page.getByRole('button', { name: 'Abbrechen' }).click()]);
        expect((await mock.api('GET', `/Smart/Transactions/${left.id}`)).status).toBe('created');
      }));

    it('works inside the shop’s iframe: PayPal prepared by the shop, approved in the frame', () =>
      withPage(async (page) => {
        const stx = await mock.api('POST', '/Smart/Transactions', sale());
        const prepared = await mock.api('POST', `/Smart/Transactions/${stx.id}/prepare/paypal`, {});
        // The shop's page is another origin (localhost vs 127.0.0.1): the frame must load and post.
        await page.goto(`${mock.base.replace('127.0.0.1', 'localhost')}/__mock/health`);
        await page.setContent(`<h1>Shop</h1><iframe id="pay" src="${prepared.iframe_url}" style="width:360px;height:640px;border:0"></iframe>`);
        const frame = page.frameLocator('#pay');
        await frame.getByRole('button', { name: 'Zustimmen und zahlen' }).click();
        await frame.locator('#result').waitFor();
        expect((await mock.api('GET', `/Smart/Transactions/${stx.id}`)).status).toBe('approved');
      }));
  });
});
