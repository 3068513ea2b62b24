// The payer's side of a Smart Transaction: methods the payer authorises on a page (card with
// 3-D Secure, PayPal) keep the transaction `created` with an iframe_url to the mock's checkout page
// under /__mock/checkout/{id}; approving there authorises (or with auto_capture captures), declining
// fails it, and the page sends the browser back to the callback or return URLs.
import { describe, expect, it } from 'vitest';
import { demoApi, expectEnvelope, pageUrl } from '../helpers.js';
import { counts, expectNoChange, guideSubscriptionBody, read, saleBody, tenantRefs } from './smart-transaction-helpers.js';

const ID = (prefix: string) => new RegExp(`^${prefix}_[A-Z0-9]{30}$`);
const JSON_ACCEPT = { accept: 'application/json' };

/** A sale prepared for `method` (the payer has not answered yet). */
async function waitingForPayer(method: 'creditcard' | 'paypal', extra: Record<string, unknown> = {}, prepareBody: unknown = {}) {
  const api = await demoApi();
  const created = await api.call('POST', '/Smart/Transactions', saleBody(extra));
  expect(created.status).toBe(200);
  const prepared = await api.call('POST', `/Smart/Transactions/${created.body.id}/prepare/${method}`, prepareBody);
  expect(prepared.status).toBe(200);
  return { ...api, id: created.body.id as string, created: created.body, prepared: prepared.body };
}

function answer(app: Awaited<ReturnType<typeof demoApi>>['app'], id: string, what: 'approve' | 'decline', headers: Record<string, string> = JSON_ACCEPT) {
  return app.inject({ method: 'POST', url: pageUrl(app, id, `/__mock/checkout/${id}/${what}`), headers });
}

describe('payment methods the payer approves on a page', () => {
  it('keeps a creditcard prepare in created, with an iframe_url to the checkout page and no payment yet', async () => {
    const { call, id, prepared } = await waitingForPayer('creditcard');
    expect(prepared).toMatchObject({ status: 'created', payment_method: 'creditcard', transactions: [] });
    const iframe = new URL(prepared.iframe_url);
    expect(iframe.pathname).toBe(`/__mock/checkout/${id}`);
    expect(iframe.searchParams.get('method')).toBe('creditcard');
    expect(await read(call, id)).toEqual(prepared);
  });

  it('shows the checkout page as HTML with Approve and Decline', async () => {
    const { app, id, prepared } = await waitingForPayer('paypal', { application_context: { language: 'en' } });
    const url = new URL(prepared.iframe_url);
    const page = await app.inject({ method: 'GET', url: url.pathname + url.search });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain(id);
    expect(page.body).toContain('84.00 EUR');
    expect(page.body).toContain('Demo Shop GmbH');
    expect(page.body).toMatch(/<button[^>]*>Approve[^<]*<\/button>/);
    expect(page.body).toMatch(/<button[^>]*>Decline<\/button>/);
    expect(page.body).toContain(`action="/__mock/checkout/${id}/approve"`);
  });

  it('moves creditcard to approved when the payer approves: a credit_card container and an authorised payment', async () => {
    const { app, call, id } = await waitingForPayer('creditcard');
    const approved = await answer(app, id, 'approve');
    expect(approved.statusCode).toBe(200);
    const body = approved.json();
    expect(body).toMatchObject({ id, status: 'approved', payment_method: 'creditcard', container: { object: 'payment.containers', type: 'credit_card' } });
    expect(body.transactions[0].id).toMatch(ID('PCI'));

    const now = await read(call, id);
    expect(now).toMatchObject({ status: 'approved', container: { id: body.container.id, type: 'credit_card' }, transactions: body.transactions });
    const container = await call('GET', `/Payment/Containers/${body.container.id}`);
    expect(container.body).toMatchObject({ type: 'credit_card', customer: { id: now.customer.id }, public: { pan: expect.stringMatching(/\*/) } });
    const pci = await call('GET', `/Payment/Transactions/${body.transactions[0].id}`);
    expect(pci.body).toMatchObject({ product: 'Kreditkarte', amount: 8400, status: 9, details: { status_simple: 2 } });

    const started = await call('POST', `/Smart/Transactions/${id}/start/creditcard`);
    expect(started.body.status).toBe('ok');
    expect((await call('GET', `/Payment/Transactions/${body.transactions[0].id}`)).body.status).toBe(6);
  });

  it('moves paypal straight to ok when the payer approves with auto_capture: a paypal container and a captured payment', async () => {
    const { app, call, id } = await waitingForPayer('paypal', { payment_context: { auto_capture: true } });
    const approved = await answer(app, id, 'approve');
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'ok', container: { type: 'paypal' } });

    const now = await read(call, id);
    expect(now.status).toBe('ok');
    expect((await call('GET', `/Payment/Containers/${now.container.id}`)).body).toMatchObject({ type: 'paypal', public: { email: expect.any(String) } });
    expect((await call('GET', `/Payment/Transactions/${now.transactions[0].id}`)).body).toMatchObject({ product: 'PayPal', status: 6, details: { status_simple: 1 } });
  });

  it('opens the subscription when a subscription is approved by card', async () => {
    const { app, call } = await demoApi();
    const created = await call('POST', '/Smart/Transactions', { ...guideSubscriptionBody(await tenantRefs(call)), application_context: {} });
    await call('POST', `/Smart/Transactions/${created.body.id}/prepare/creditcard`);
    const approved = (await answer(app, created.body.id, 'approve')).json();
    expect(approved.status).toBe('approved');
    const sub = await call('GET', `/Payment/Subscriptions/${approved.subscription.id}`);
    expect(sub.body).toMatchObject({ status: 'approved', container: { id: approved.container.id } });
  });

  it('moves to failed when the payer declines, with no payment and no container made', async () => {
    const { app, call, id } = await waitingForPayer('creditcard');
    const before = await counts(call);
    const declined = await answer(app, id, 'decline');
    expect(declined.statusCode).toBe(200);
    expect(declined.json().status).toBe('failed');
    expect(await read(call, id)).toMatchObject({ status: 'failed', transactions: [] });
    expect(await counts(call)).toEqual(before);
  });

  it('allows a new prepare after failed: the same method again, or another one', async () => {
    const { app, call, id } = await waitingForPayer('creditcard');
    await answer(app, id, 'decline');
    const again = await call('POST', `/Smart/Transactions/${id}/prepare/creditcard`);
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('created');
    expect((await answer(app, id, 'approve')).json().status).toBe('approved');
    expect((await read(call, id)).status).toBe('approved');

    const second = await waitingForPayer('paypal');
    await answer(second.app, second.id, 'decline');
    const debit = await second.call('POST', `/Smart/Transactions/${second.id}/prepare/debit`, {
      container: { type: 'bank_account', private: { owner: 'Max Mustermann', iban: 'DE35500105175418493188' } },
    });
    expect(debit.body).toMatchObject({ status: 'approved', payment_method: 'debit', container: { type: 'bank_account' } });
    expect((await read(second.call, second.id)).status).toBe('approved');
  });

  it('sends the browser to callback_urls.success_url (303) after approval, and to failure_url after a decline', async () => {
    const callback_urls = { success_url: 'https://shop.example.com/3ds-success', failure_url: 'https://shop.example.com/3ds-failure' };
    const ok = await waitingForPayer('creditcard', {}, { callback_urls });
    const approved = await answer(ok.app, ok.id, 'approve');
    expect(approved.statusCode).toBe(303);
    expect(approved.headers.location).toBe(callback_urls.success_url);
    expect((await read(ok.call, ok.id)).status).toBe('approved');

    const bad = await waitingForPayer('creditcard', {}, { callback_urls });
    const declined = await answer(bad.app, bad.id, 'decline');
    expect(declined.statusCode).toBe(303);
    expect(declined.headers.location).toBe(callback_urls.failure_url);
    expect((await read(bad.call, bad.id)).status).toBe('failed');
  });

  it('falls back to application_context.return_urls when the prepare named no callback URLs', async () => {
    const return_urls = { url_success: 'https://shop.example.com/payment-success', url_error: 'https://shop.example.com/payment-failure' };
    const { app, call, id } = await waitingForPayer('paypal', { application_context: { return_urls } });
    const approved = await answer(app, id, 'approve');
    expect(approved.statusCode).toBe(303);
    expect(approved.headers.location).toBe(return_urls.url_success);
    expect((await read(call, id)).status).toBe('approved');
  });

  it('accepts the answer as the page posts it: a form with the method, answered with an HTML page', async () => {
    const { app, call, id } = await waitingForPayer('creditcard', { application_context: { language: 'en' } });
    const res = await app.inject({
      method: 'POST',
      url: pageUrl(app, id, `/__mock/checkout/${id}/approve`),
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: 'method=creditcard',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('approved');
    expect((await read(call, id)).status).toBe('approved');
    // The page no longer offers the buttons.
    const page = await app.inject({ method: 'GET', url: pageUrl(app, id, `/__mock/checkout/${id}`) });
    expect(page.body).not.toContain('Approve');
    expect(page.body).toContain('no longer waiting');
  });

  it('refuses an answer when the transaction no longer waits for the payer, changing nothing', async () => {
    const { app, call, id } = await waitingForPayer('creditcard');
    await answer(app, id, 'approve');
    await expectNoChange(call, id, async () => {
      for (const what of ['approve', 'decline'] as const) {
        const res = await answer(app, id, what);
        expectEnvelope({ status: res.statusCode, body: res.json(), headers: res.headers }, 400, 'ProductNotAllowedException');
      }
    });
  });

  it('answers 404 for the checkout page of an unknown transaction', async () => {
    const { app } = await demoApi();
    const res = await app.inject({ method: 'GET', url: '/__mock/checkout/STX_00000000000000000000000000000X' });
    expectEnvelope({ status: res.statusCode, body: res.json(), headers: res.headers }, 404, 'ProductNotFoundException');
  });
});

describe('payment links (Smart Checkout)', () => {
  it('lists a link per payment method and a general one, all to the checkout page', async () => {
    const { call } = await demoApi();
    const { body: stx } = await call('POST', '/Smart/Transactions', saleBody());
    expect(Object.keys(stx.payment_links).sort()).toEqual(['creditcard', 'debit', 'general', 'invoice', 'paypal', 'prepaid', 'sofort']);
    for (const [method, link] of Object.entries<string>(stx.payment_links)) {
      const url = new URL(link);
      expect(url.pathname).toBe(`/__mock/checkout/${stx.id}`);
      expect(url.searchParams.get('method')).toBe(method === 'general' ? null : method);
    }
    expect(stx.checkout_links.url_checkout).toBe(stx.payment_links.general);
    expect((await read(call, stx.id)).payment_links).toEqual(stx.payment_links);
  });

  it('limits the links to payment_context.payment_methods', async () => {
    const { call } = await demoApi();
    const { body: stx } = await call('POST', '/Smart/Transactions', saleBody({ payment_context: { auto_capture: false, payment_methods: ['debit', 'paypal'] } }));
    expect(Object.keys(stx.payment_links).sort()).toEqual(['debit', 'general', 'paypal']);
  });

  it('pays by debit when the payer approves on the debit link, with a bank account of the customer', async () => {
    const { app, call } = await demoApi();
    const { body: stx } = await call('POST', '/Smart/Transactions', saleBody());
    const link = new URL(stx.payment_links.debit);
    const page = await app.inject({ method: 'GET', url: link.pathname + link.search });
    expect(page.body).toContain('value="debit"');
    const approved = await app.inject({ method: 'POST', url: pageUrl(app, stx.id, `/__mock/checkout/${stx.id}/approve`), headers: JSON_ACCEPT, payload: { method: 'debit' } });
    expect(approved.statusCode).toBe(200);
    const now = await read(call, stx.id);
    expect(now).toMatchObject({ status: 'approved', payment_method: 'debit', container: { type: 'bank_account' } });
    expect((await call('GET', `/Payment/Containers/${now.container.id}`)).body.customer.id).toBe(stx.customer.id);
  });

  it('treats Decline on a payment link, where nothing was asked yet, as the payer leaving: nothing changes', async () => {
    const { app, call } = await demoApi();
    const { body: stx } = await call('POST', '/Smart/Transactions', saleBody());
    const res = await answer(app, stx.id, 'decline');
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('created');
    expect(await read(call, stx.id)).toMatchObject({ status: 'created', transactions: [] });
  });

  it('sends the payer who leaves a payment link to return_urls.url_abort (303)', async () => {
    const { app, call } = await demoApi();
    const { body: stx } = await call('POST', '/Smart/Transactions', saleBody({ application_context: { return_urls: { url_abort: 'https://shop.example.com/abort' } } }));
    const res = await app.inject({ method: 'POST', url: pageUrl(app, stx.id, `/__mock/checkout/${stx.id}/decline`) });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('https://shop.example.com/abort');
    expect((await read(call, stx.id)).status).toBe('created');
  });
});
