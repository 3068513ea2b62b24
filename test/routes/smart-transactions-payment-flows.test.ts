// /api/v2/Smart/Transactions as a specification: the integration guide's flow, the other ways a
// transaction is paid, the guides' request shapes and the point-of-sale methods. Every app checks
// its responses against the published schemas, so a 200 also proves the body has the documented
// shape. The checkout page flows (card, PayPal) are in smart-transaction-checkout.test.ts.
import { describe, expect, it } from 'vitest';
import { demoApi, expectEnvelope, tokenFor } from '../helpers.js';
import { counts, guideSubscriptionBody, INLINE_ACCOUNT, read, saleBody, send, tenantRefs } from './smart-transaction-helpers.js';
import { ID, guideStart, approvedSubscription } from './smart-transactions-setup.js';

describe('the integration guide flow: subscription paid by SEPA direct debit', () => {
  it('creates the Smart Transaction as the guide sends it: created, customer made, nothing paid yet', async () => {
    const { call, stx, refs } = await guideStart();
    expect(stx).toMatchObject({
      object: 'smart.transactions',
      status: 'created',
      intent: 'sale',
      is_demo: true,
      contract: { object: 'general.contracts', id: refs.contractId },
      basket_info: { sum: 990, currency: 'EUR' },
      payment_context: { auto_capture: false },
      application_context: { checkout_template: 'COT_QV85D3F542XWFFJYCSWG00W400YWAT', return_urls: { url_success: 'https://shop.example.com/payment-success' } },
      transactions: [],
    });
    expect(stx.id).toMatch(ID('STX'));
    expect(stx.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    expect(stx.merchant).toMatchObject({ object: 'general.merchants', companyname: 'Demo Shop GmbH' });
    expect(stx.customer.id).toMatch(ID('PCU'));
    expect(stx.customer.contact).toMatchObject({ name: 'Raina Mustermann', dob: '1965-12-31T00:00:00+01:00' });
    expect(stx.basket.products[0]).toMatchObject({ item_type: 'subscription', plan_id: refs.planId, start_at: '2020-03-04T00:00:00Z' });
    expect(stx.subscription).toBeUndefined();

    expect(await read(call, stx.id)).toEqual(stx);
    const customer = await call('GET', `/Payment/Customers/${stx.customer.id}`);
    expect(customer.status).toBe(200);
    expect(customer.body.contact.email).toBe('raina@example.net');
  });

  it('moves created to approved with an existing container and opens the subscription', async () => {
    const { call, stx, refs, container, prepared } = await approvedSubscription();
    expect(prepared).toMatchObject({
      id: stx.id,
      status: 'approved',
      payment_method: 'debit',
      container: { object: 'payment.containers', id: container.id, type: 'bank_account' },
      subscription: { object: 'payment.subscriptions' },
    });
    expect(prepared.transactions).toHaveLength(1);
    expect(prepared.transactions[0]).toMatchObject({ object: 'payment.transactions' });
    expect(prepared.transactions[0].id).toMatch(ID('PCI'));
    expect(prepared.trans_id).toBe(prepared.transactions[0].trans_id);
    expect(prepared.subscription.id).toMatch(ID('SUB'));

    expect(await read(call, stx.id)).toEqual(prepared);
    const pci = await call('GET', `/Payment/Transactions/${prepared.transactions[0].id}`);
    expect(pci.status).toBe(200);
    expect(pci.body).toMatchObject({
      amount: 990,
      currency: 'EUR',
      product: 'Lastschrift',
      status: 115,
      details: { status_simple: 11, status_simple_text: 'subscription approved' },
      subscription: { id: prepared.subscription.id },
    });
    const sub = await call('GET', `/Payment/Subscriptions/${prepared.subscription.id}`);
    expect(sub.body).toMatchObject({
      status: 'approved',
      smart_transaction: { id: stx.id },
      plan: { object: 'payment.plans', id: refs.planId },
      customer: { id: stx.customer.id },
      container: { id: container.id },
    });
  });

  it('moves created to approved with an inline bank account, which becomes a Payment Container of the customer', async () => {
    const { call, stx } = await guideStart();
    const before = (await counts(call))['/Payment/Containers'];
    const prepared = await call('POST', `/Smart/Transactions/${stx.id}/prepare/debit`, { container: INLINE_ACCOUNT });
    expect(prepared.status).toBe(200);
    expect(prepared.body.status).toBe('approved');
    expect(prepared.body.container.id).toMatch(ID('PCT'));
    expect(prepared.body.transactions[0].id).toMatch(ID('PCI'));

    expect((await counts(call))['/Payment/Containers']).toBe(before + 1);
    const container = await call('GET', `/Payment/Containers/${prepared.body.container.id}`);
    expect(container.body).toMatchObject({
      type: 'bank_account',
      customer: { id: stx.customer.id },
      private: { iban: 'DE35500105175418493188', owner: 'Max Mustermann' },
      mandate: { iban: 'DE35500105175418493188', type: 'CORE' },
    });
    expect(container.body.public.iban).not.toBe('DE35500105175418493188');
    expect((await call('GET', `/Payment/Transactions/${prepared.body.transactions[0].id}`)).status).toBe(200);
    expect((await read(call, stx.id)).status).toBe('approved');
  });

  /** Start as the client sends it; then the STX is ok, the payment accepted, the subscription active. */
  async function expectCaptured(start: (g: Awaited<ReturnType<typeof approvedSubscription>>) => Promise<{ status: number; body: any }>) {
    const g = await approvedSubscription();
    const started = await start(g);
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ id: g.stx.id, status: 'ok', transactions: g.prepared.transactions });

    expect(await read(g.call, g.stx.id)).toEqual(started.body);
    const pci = await g.call('GET', `/Payment/Transactions/${g.prepared.transactions[0].id}`);
    expect(pci.body).toMatchObject({ status: 6, status_text: 'abgeschlossen', amount: 990, details: { status_simple: 1, amount: 990 } });
    const check = await g.call('GET', `/Payment/Transactions/${g.prepared.transactions[0].id}/checkStatus`);
    expect(check.body).toMatchObject({ status: 6, status_simple: 1, amount: 990, currency: 'EUR' });
    expect((await g.call('GET', `/Payment/Subscriptions/${g.prepared.subscription.id}`)).body.status).toBe('active');
  }

  it('captures on start/debit sent with Content-Type application/json and an empty body (as the PHP SDK does)', async () => {
    await expectCaptured(async ({ app, stx }) =>
      send(app, {
        method: 'POST',
        url: `/api/v2/Smart/Transactions/${stx.id}/start/debit`,
        token: await tokenFor(app),
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        payload: '',
      }),
    );
  });

  it('captures on start/debit sent without Content-Type or body', async () => {
    await expectCaptured(async ({ app, stx }) =>
      send(app, { method: 'POST', url: `/api/v2/Smart/Transactions/${stx.id}/start/debit`, token: await tokenFor(app), headers: { accept: 'application/json' } }),
    );
  });

  it('captures on the bare POST …/start of the older guides', async () => {
    await expectCaptured(async ({ app, stx }) =>
      send(app, { method: 'POST', url: `/api/v2/Smart/Transactions/${stx.id}/start`, token: await tokenFor(app), headers: { accept: 'application/json' } }),
    );
  });

  it('captures on start/debit with an empty JSON object as body', async () => {
    await expectCaptured(({ call, stx }) => call('POST', `/Smart/Transactions/${stx.id}/start/debit`, {}));
  });
});

describe('the other ways to pay', () => {
  it('authorises an ordinary sale (payment status 9, authorized) and captures it on start', async () => {
    const { call } = await demoApi();
    const created = await call('POST', '/Smart/Transactions', saleBody());
    expect(created.body.payment_context).toEqual({ auto_capture: false });
    const prepared = await call('POST', `/Smart/Transactions/${created.body.id}/prepare/debit`, { container: INLINE_ACCOUNT });
    expect(prepared.body.status).toBe('approved');
    expect(prepared.body.subscription).toBeUndefined();
    const pciId = prepared.body.transactions[0].id;
    expect((await call('GET', `/Payment/Transactions/${pciId}`)).body).toMatchObject({ status: 9, amount: 8400, order_id: 'order-20000345', details: { status_simple: 2 } });

    const started = await call('POST', `/Smart/Transactions/${created.body.id}/start/debit`);
    expect(started.body.status).toBe('ok');
    expect((await call('GET', `/Payment/Transactions/${pciId}`)).body).toMatchObject({ status: 6, details: { status_simple: 1 } });
    expect((await read(call, created.body.id)).status).toBe('ok');
  });

  it('prepares debit with the container given at create when the prepare body names none', async () => {
    const { call } = await demoApi();
    const created = await call('POST', '/Smart/Transactions', saleBody({ container: INLINE_ACCOUNT }));
    expect(created.body.container).toMatchObject({ id: expect.stringMatching(ID('PCT')), type: 'bank_account' });
    const prepared = await call('POST', `/Smart/Transactions/${created.body.id}/prepare/debit`);
    expect(prepared.body).toMatchObject({ status: 'approved', container: { id: created.body.container.id } });
    expect((await read(call, created.body.id)).status).toBe('approved');
  });

  it('goes straight to ok on prepare when payment_context.auto_capture is true, with an active subscription', async () => {
    const { call } = await demoApi();
    const refs = await tenantRefs(call);
    const created = await call('POST', '/Smart/Transactions', guideSubscriptionBody(refs, true));
    const prepared = await call('POST', `/Smart/Transactions/${created.body.id}/prepare/debit`, { container: INLINE_ACCOUNT });
    expect(prepared.status).toBe(200);
    expect(prepared.body.status).toBe('ok');

    expect((await read(call, created.body.id)).status).toBe('ok');
    const pci = await call('GET', `/Payment/Transactions/${prepared.body.transactions[0].id}`);
    expect(pci.body).toMatchObject({ status: 6, details: { status_simple: 1 } });
    expect((await call('GET', `/Payment/Subscriptions/${prepared.body.subscription.id}`)).body.status).toBe('active');
    // Already captured: a later start is refused.
    expectEnvelope(await call('POST', `/Smart/Transactions/${created.body.id}/start/debit`), 400, 'ProductNotAllowedException');
  });

  it('moves an order to received on start, and to shipped on setDelivery', async () => {
    const { call } = await demoApi();
    const created = await call('POST', '/Smart/Transactions', saleBody({ intent: 'order' }));
    expect(created.body.intent).toBe('order');
    await call('POST', `/Smart/Transactions/${created.body.id}/prepare/debit`, { container: INLINE_ACCOUNT });
    const started = await call('POST', `/Smart/Transactions/${created.body.id}/start/debit`);
    expect(started.body.status).toBe('received');
    expect((await read(call, created.body.id)).status).toBe('received');

    const delivery = { type: 'shipping', shipped_at: '2026-01-02T10:00:00+01:00', shipped_by: 'DHL', tracking_code: '00340434161094042557', invoice_number: 'R-1' };
    const shipped = await call('POST', `/Smart/Transactions/${created.body.id}/setDelivery`, { delivery_options: delivery });
    expect(shipped.status).toBe(200);
    expect(shipped.body.status).toBe('shipped');
    expect(await read(call, created.body.id)).toMatchObject({ status: 'shipped', delivery_options: delivery });
  });

  it('moves an order for collection to collection on start, and to collected on setDelivery', async () => {
    const { call } = await demoApi();
    const created = await call('POST', '/Smart/Transactions', saleBody({ intent: 'order', delivery_options: { type: 'collection', store_id: 'STORE-1' } }));
    await call('POST', `/Smart/Transactions/${created.body.id}/prepare/debit`, { container: INLINE_ACCOUNT });
    expect((await call('POST', `/Smart/Transactions/${created.body.id}/start/debit`)).body.status).toBe('collection');
    const collected = await call('POST', `/Smart/Transactions/${created.body.id}/setDelivery`, { delivery_options: { type: 'collection', delivered_at: '2026-01-02T10:00:00+01:00', code: 'A7' } });
    expect(collected.body.status).toBe('collected');
    expect(await read(call, created.body.id)).toMatchObject({ status: 'collected', delivery_options: { type: 'collection', store_id: 'STORE-1', code: 'A7' } });
  });

  it('moves prepare/prepaid to pending with payment instructions; the arrival of the money makes it ok', async () => {
    const { app, call } = await demoApi();
    const created = await call('POST', '/Smart/Transactions', saleBody());
    const prepared = await call('POST', `/Smart/Transactions/${created.body.id}/prepare/prepaid`);
    expect(prepared.status).toBe(200);
    expect(prepared.body.status).toBe('pending');
    expect(prepared.body.payment_method).toBe('prepaid');
    expect(prepared.body.payment_instructions).toMatchObject({ iban: expect.stringMatching(/^DE\d{20}$/), bic: expect.any(String), owner: expect.any(String) });
    expect(prepared.body.payment_instructions.purpose).toContain('order-20000345');
    expect(prepared.body.payment_instructions.girocode_url).toMatch(/^http:\/\/.+\/__mock\/girocode\/STX_/);
    const pciId = prepared.body.transactions[0].id;
    expect((await call('GET', `/Payment/Transactions/${pciId}`)).body).toMatchObject({ status: 25, product: 'Vorkasse', details: { status_simple: 2 } });
    const giro = new URL(prepared.body.payment_instructions.girocode_url);
    const girocode = await app.inject({ method: 'GET', url: giro.pathname + giro.search });
    expect(girocode.statusCode).toBe(200);
    expect(girocode.body.split('\n')).toEqual(expect.arrayContaining(['BCD', prepared.body.payment_instructions.iban, 'EUR84.00']));
    // Pending waits for the money: start is refused.
    expectEnvelope(await call('POST', `/Smart/Transactions/${created.body.id}/start/prepaid`), 400, 'ProductNotAllowedException');

    const settled = await app.inject({ method: 'POST', url: `/__mock/smart-transactions/${created.body.id}/settle` });
    expect(settled.statusCode).toBe(200);
    expect(settled.json().status).toBe('ok');
    expect((await read(call, created.body.id)).status).toBe('ok');
    expect((await call('GET', `/Payment/Transactions/${pciId}`)).body).toMatchObject({ status: 6, details: { status_simple: 1 } });
  });

  it('moves start/prepaid on a created transaction to pending with payment instructions (the PHP demo)', async () => {
    const { call } = await demoApi();
    const created = await call('POST', '/Smart/Transactions', saleBody());
    const started = await call('POST', `/Smart/Transactions/${created.body.id}/start/prepaid`);
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: 'pending', payment_method: 'prepaid', payment_instructions: { girocode_url: expect.any(String) } });
    expect(started.body.transactions[0].id).toMatch(ID('PCI'));
    expect(await read(call, started.body.id)).toEqual(started.body);
  });
});

describe('request shapes of the guides', () => {
  it('accepts articleNumber and ean sent as numbers, as the One-Click guide does, and answers them as strings', async () => {
    const { call } = await demoApi();
    const res = await call('POST', '/Smart/Transactions', {
      basket: { products: [{ item_type: 'article', desc: 'Ticket', articleNumber: 30037, ean: 4006381333931, quantity: 1, priceOne: 1000, sum: 1000 }] },
      basket_info: { sum: 1000, currency: 'EUR' },
    });
    expect(res.status).toBe(200);
    expect(res.body.basket.products[0]).toMatchObject({ articleNumber: '30037', ean: '4006381333931' });
    expect((await call('GET', `/Smart/Transactions/${res.body.id}`)).body.basket.products[0].articleNumber).toBe('30037');
  });
});

describe('point-of-sale methods', () => {
  it('refuses start/cash on a transaction prepared for debit, leaving it approved', async () => {
    const { call } = await demoApi();
    const approved = (await call('GET', '/Smart/Transactions?q=status:approved')).body.data[0];
    const res = await call('POST', `/Smart/Transactions/${approved.id}/start/cash`);
    expectEnvelope(res, 400, 'ProductNotAllowedException');
    expect(res.body.error_details).toContain('point-of-sale');
    expect((await call('GET', `/Smart/Transactions/${approved.id}`)).body.status).toBe('approved');
  });
});
