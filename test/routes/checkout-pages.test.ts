// The hosted checkout as a payer's browser and a script see it, without a browser: the page in the
// payer's language with basket and total, the choice of the general link, the card and SEPA
// checks (a page with the marked fields for a browser, the envelope for a script, nothing changed),
// the bank account the payer types becoming a container, advance payment's bank details and
// GiroCode, and errors as pages. test/browser/checkout-*.test.ts drives the same pages in Chromium.
import { describe, expect, it } from 'vitest';
import { demoApi, expectEnvelope, pageUrl } from '../helpers.js';
import { counts, expectNoChange, read, saleBody } from './smart-transaction-helpers.js';

const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const FORM = { ...BROWSER, 'content-type': 'application/x-www-form-urlencoded' };
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

async function sale(extra: Record<string, unknown> = {}) {
  const api = await demoApi();
  const { body: stx } = await api.call('POST', '/Smart/Transactions', saleBody(extra));
  const get = (link: string, headers: Record<string, string> = BROWSER) => {
    const url = new URL(link);
    return api.app.inject({ method: 'GET', url: url.pathname + url.search, headers });
  };
  const post = (what: string, fields: Record<string, string>, headers: Record<string, string> = FORM) =>
    api.app.inject({ method: 'POST', url: `/__mock/checkout/${stx.id}/${what}`, headers, payload: form({ secret: stx.payment_links.general.split('secret=')[1], ...fields }) });
  return { ...api, stx, get, post };
}

describe('the page a payer sees', () => {
  it('speaks German by default: merchant, basket lines, total, viewport, no frame-busting, no referrer', async () => {
    const { stx, get } = await sale();
    const page = await get(stx.payment_links.creditcard);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="de">');
    expect(page.body).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page.body).toContain('Demo Shop GmbH');
    expect(page.body).toMatch(/<td>Druckerpapier A4<br><small class="hint">10 × 7,90 EUR<\/small><\/td><td class="num">10<\/td><td class="num">79,00 EUR<\/td>/);
    expect(page.body).toContain('<td class="num" id="amount">84,00 EUR</td>');
    expect(page.body).toContain('<label for="card_number">Kartennummer</label>');
    expect(page.headers['x-frame-options']).toBeUndefined();
    expect(page.headers['content-security-policy']).toBeUndefined();
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.body).not.toContain('<script');
  });

  it('speaks English when application_context.language says so (en, en_GB, EN)', async () => {
    for (const language of ['en', 'en_GB', 'EN']) {
      const { stx, get } = await sale({ application_context: { language } });
      const page = await get(stx.payment_links.general);
      expect(page.body).toContain('<html lang="en">');
      expect(page.body).toContain('Choose a payment method');
      expect(page.body).toContain('84.00 EUR');
    }
  });

  it('takes the shop’s words from iframe_opts: project title, basket title, submit and cancel buttons', async () => {
    const iframe_opts = { project_title: 'Papierladen', basket_title: 'Ihre Bestellung', submit_button_title: 'Kaufen', cancel_button_title: 'Zurück' };
    const { stx, get } = await sale({ application_context: { iframe_opts } });
    const page = await get(stx.payment_links.creditcard);
    expect(page.body).toContain('<span class="shop">Papierladen</span>');
    expect(page.body).toContain('<h2 id="basket-title">Ihre Bestellung</h2>');
    expect(page.body).toContain('<button class="primary" id="approve">Kaufen · 84,00 EUR</button>');
    expect(page.body).toContain('<button class="link" id="decline">Zurück</button>');
  });

  it('lets the general link choose among the methods on offer only', async () => {
    const { stx, get } = await sale({ payment_context: { auto_capture: false, payment_methods: ['debit', 'paypal', 'creditcard'] } });
    const page = await get(stx.payment_links.general);
    const offered = [...page.body.matchAll(/<input type="radio" name="method" value="([a-z]+)"/g)].map((m) => m[1]);
    expect(offered).toEqual(['debit', 'creditcard', 'paypal']);
    expect(page.body).toContain(`<form method="get" action="/__mock/checkout/${stx.id}" id="choose">`);
  });

  it('answers an unknown link with an HTML page (404) in the browser’s language, and with the envelope for scripts', async () => {
    const { app } = await demoApi();
    const url = '/__mock/checkout/STX_00000000000000000000000000000X?secret=nope';
    const de = await app.inject({ method: 'GET', url, headers: BROWSER });
    expect(de.statusCode).toBe(404);
    expect(de.headers['content-type']).toMatch(/^text\/html/);
    expect(de.body).toContain('Dieser Bezahllink ist ungültig');
    const en = await app.inject({ method: 'GET', url, headers: { ...BROWSER, 'accept-language': 'en-GB,en;q=0.8' } });
    expect(en.statusCode).toBe(404);
    expect(en.body).toContain('This payment link is invalid');
    const script = await app.inject({ method: 'GET', url });
    expectEnvelope({ status: script.statusCode, body: script.json(), headers: script.headers }, 404, 'ProductNotFoundException');
  });

  it('shows a refused step as a page too: an answer after the payment is done is a 400 page in the payer’s language', async () => {
    const { stx, call, post } = await sale({ application_context: { language: 'en' } });
    expect((await post('approve', { method: 'invoice' })).statusCode).toBe(200);
    expect((await read(call, stx.id)).status).toBe('approved');
    const again = await post('approve', { method: 'invoice' });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('This step is no longer possible for this payment.');
    expect(again.body).not.toContain('"status":"error"');
  });
});

describe('the card step', () => {
  const card = { method: 'creditcard', card_number: '4111 1111 1111 1111', card_expiry: '12/30', card_cvc: '123', card_holder: 'Max Mustermann' };

  it.each([
    ['a number failing the Luhn check', { card_number: '4111 1111 1111 1112' }, 'card_number', 'Diese Kartennummer ist ungültig (Prüfziffer).'],
    ['an expiry in the past', { card_expiry: '01/20' }, 'card_expiry', 'Diese Karte ist abgelaufen.'],
    ['a month that is none', { card_expiry: '13/30' }, 'card_expiry', 'Das Format stimmt nicht.'],
    ['a CVC of two digits', { card_cvc: '12' }, 'card_cvc', 'Das Format stimmt nicht.'],
    ['no holder', { card_holder: ' ' }, 'card_holder', 'Bitte ausfüllen.'],
  ])('refuses %s: the form again (400) with the field marked, nothing changed', async (_what, wrong, name, message) => {
    const { stx, call, post } = await sale();
    await expectNoChange(call, stx.id, async () => {
      const res = await post('approve', { ...card, ...wrong });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain(`aria-invalid="true" aria-describedby="${name}-err"`);
      expect(res.body).toContain(`<p class="err" id="${name}-err">${message}</p>`);
      const json = await post('approve', { ...card, ...wrong }, { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' });
      expectEnvelope({ status: json.statusCode, body: json.json(), headers: json.headers }, 400, 'ProductFormatException');
      expect(json.json().error_details).toContain(name);
    });
  });

  it('keeps the card the payer typed on the container, masked', async () => {
    const { stx, call, post } = await sale();
    const res = await post('approve', { ...card, card_number: '5555 5555 5555 4444', card_expiry: '07/31' }, { ...FORM, accept: 'application/json' });
    expect(res.json()).toMatchObject({ status: 'approved', container: { type: 'credit_card' } });
    const container = (await call('GET', `/Payment/Containers/${res.json().container.id}`)).body;
    expect(container.public).toMatchObject({ pan: '555555******4444', owner: 'Max Mustermann', issuer: 'MASTERCARD', expiration_date: '2031-07-01T00:00:00+00:00' });
  });

  it('carries holder and expiry (never the CVC) through the 3-D Secure step onto the container', async () => {
    const { stx, call, post } = await sale();
    const step = await post('approve', { ...card, card_number: '4000 0000 0000 3220', card_holder: 'Erika Muster' });
    expect(step.statusCode).toBe(202);
    expect(step.body).toContain('<input type="hidden" name="card_holder" value="Erika Muster">');
    expect(step.body).not.toContain('name="card_cvc"');
    const fields = Object.fromEntries([...step.body.matchAll(/<input type="hidden" name="([a-z_]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]));
    const done = await post('challenge', { ...fields, result: 'pass' }, { ...FORM, accept: 'application/json' });
    expect(done.json()).toMatchObject({ status: 'approved' });
    const container = (await call('GET', `/Payment/Containers/${done.json().container.id}`)).body;
    expect(container.public).toMatchObject({ pan: '400000******3220', owner: 'Erika Muster', expiration_date: '2030-12-01T00:00:00+00:00' });
    expect((await read(call, stx.id)).status).toBe('approved');
  });

  it('shows a declined card with the reason and the form to try again; the retry approves', async () => {
    const { stx, call, post, get } = await sale();
    const refused = await post('approve', { ...card, card_number: '4000 0000 0000 0002' });
    expect(refused.statusCode).toBe(200);
    expect(refused.body).toContain('<h2>Zahlung abgelehnt</h2><p id="reason">Die Karte wurde abgelehnt</p>');
    expect(refused.body).toContain(`action="/__mock/checkout/${stx.id}/approve" id="pay"`);
    expect((await read(call, stx.id)).status).toBe('failed');
    // Another method may be chosen now: the link leads to the choice.
    const other = /<a class="button link" id="other-method" href="([^"]+)"/.exec(refused.body)![1]!.replaceAll('&amp;', '&');
    expect((await get(`http://localhost${other}`)).body).toContain('<form method="get" action="/__mock/checkout/');
    const retried = await post('approve', card);
    expect(retried.body).toContain('Vielen Dank, Ihre Zahlung ist genehmigt');
    expect((await read(call, stx.id)).status).toBe('approved');
  });
});

describe('the SEPA direct debit step', () => {
  const account = { method: 'debit', owner: 'Max Mustermann', iban: 'DE89 3704 0044 0532 0130 00', mandate: 'accepted' };

  it('shows the mandate with the merchant and creditor id, and makes the container of the IBAN the payer typed', async () => {
    const { stx, call, get, post } = await sale();
    const page = await get(stx.payment_links.debit);
    expect(page.body).toContain('Ich ermächtige Demo Shop GmbH (Gläubiger-ID DE88ZZZ00000000001)');
    expect(page.body).toContain('<input name="owner" id="owner" value="Max Mustermann"');
    const before = await counts(call);
    const res = await post('approve', account, { ...FORM, accept: 'application/json' });
    expect(res.statusCode).toBe(200);
    const now = await read(call, stx.id);
    expect(now).toMatchObject({ status: 'approved', payment_method: 'debit', container: { type: 'bank_account' } });
    const container = (await call('GET', `/Payment/Containers/${now.container.id}`)).body;
    expect(container).toMatchObject({ customer: { id: stx.customer.id }, private: { iban: 'DE89370400440532013000', owner: 'Max Mustermann', bic: 'COBADEFFXXX' }, mandate: { creditor_id: 'DE88ZZZ00000000001' } });
    expect((await counts(call))['/Payment/Containers']).toBe(before['/Payment/Containers']! + 1);
  });

  it('refuses an invalid IBAN and a mandate not given, changing nothing', async () => {
    const { stx, call, post } = await sale();
    await expectNoChange(call, stx.id, async () => {
      const bad = await post('approve', { ...account, iban: 'DE89 3704 0044 0532 0130 01' });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('<p class="err" id="iban-err">Diese IBAN ist ungültig.</p>');
      const { mandate: _m, ...withoutMandate } = account;
      const unsigned = await post('approve', withoutMandate);
      expect(unsigned.statusCode).toBe(400);
      expect(unsigned.body).toContain('<p class="err" id="mandate-err">Bitte erteilen Sie das Mandat.</p>');
    });
  });

  it('shows a refused mandate and lets the payer try another account', async () => {
    const { stx, call, post } = await sale({ application_context: { language: 'en' } });
    const refused = await post('approve', { ...account, iban: 'DE62370400440532013001' });
    expect(refused.body).toContain('<p id="reason">the bank refused the direct debit mandate</p>');
    expect((await read(call, stx.id)).status).toBe('failed');
    await post('approve', account);
    expect((await read(call, stx.id)).status).toBe('approved');
  });
});

describe('advance payment and GiroCode', () => {
  it('shows the bank details and the GiroCode after ordering, then the link back to the shop', async () => {
    const { stx, call, post, get, app } = await sale({ application_context: { return_urls: { url_success: 'https://shop.example/thanks' } } });
    const res = await post('approve', { method: 'prepaid' });
    expect(res.statusCode).toBe(200);
    const now = await read(call, stx.id);
    expect(now.status).toBe('pending');
    const p = now.payment_instructions;
    expect(res.body).toContain(`<dd id="bank-purpose">${p.purpose}</dd>`);
    expect(res.body).toContain(`<dd id="bank-iban">${p.iban.replace(/(.{4})(?=.)/g, '$1 ')}</dd>`);
    expect(res.body).toContain('<a class="button primary" id="continue" href="https://shop.example/thanks">');
    const src = /<img id="girocode" src="([^"]+)"/.exec(res.body)![1]!.replaceAll('&amp;', '&');
    const png = await app.inject({ method: 'GET', url: src });
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    // The page link keeps showing them while the payment is awaited.
    expect((await get(stx.payment_links.general)).body).toContain(`<dd id="bank-purpose">${p.purpose}</dd>`);
  });

  it('serves the EPC069-12 payload as text, PNG or SVG', async () => {
    const { stx, call, post, app } = await sale();
    await post('approve', { method: 'prepaid' });
    const giro = new URL((await read(call, stx.id)).payment_instructions.girocode_url);
    const at = (format?: string, headers: Record<string, string> = {}) =>
      app.inject({ method: 'GET', url: giro.pathname + giro.search + (format ? `&format=${format}` : ''), headers });
    const text = await at();
    expect(text.body.split('\n')).toEqual(['BCD', '002', '1', 'SCT', 'BELADEBEXXX', 'secupay AG', 'DE88100500001310032358', 'EUR84.00', '', '', expect.stringMatching(/^TA \d{8} order-20000345$/)]);
    expect((await at(undefined, { accept: 'image/avif,image/webp,image/png,*/*' })).headers['content-type']).toBe('image/png');
    expect((await at('svg')).body).toMatch(/^<svg /);
    expect((await at('gif')).statusCode).toBe(400);
  });
});

describe('the provider’s page and invoice', () => {
  it('stands in for PayPal’s consent: approving leaves a paypal container', async () => {
    const { stx, call, get, post } = await sale();
    const page = await get(stx.payment_links.paypal);
    expect(page.body).toContain('PayPal: Zahlung bestätigen');
    expect(page.body).toContain('payer@example.com');
    await post('approve', { method: 'paypal' });
    expect(await read(call, stx.id)).toMatchObject({ status: 'approved', payment_method: 'paypal', container: { type: 'paypal' } });
  });

  it('buys on invoice with one confirmation', async () => {
    const { stx, call, get, post } = await sale();
    expect((await get(stx.payment_links.invoice)).body).toContain('Zahlungspflichtig auf Rechnung kaufen');
    const res = await post('approve', { method: 'invoice' });
    expect(res.body).toContain('Vielen Dank, Ihre Zahlung ist genehmigt');
    expect(await read(call, stx.id)).toMatchObject({ status: 'approved', payment_method: 'invoice' });
  });

  it('shows the payer who leaves a payment link without url_abort the way back, changing nothing', async () => {
    const { stx, call, post } = await sale();
    const left = await post('decline', { method: 'creditcard' });
    expect(left.statusCode).toBe(200);
    expect(left.body).toContain('Zahlung abgebrochen');
    expect(left.body).toContain(`href="/__mock/checkout/${stx.id}?secret=`);
    expect((await read(call, stx.id)).status).toBe('created');
  });
});
