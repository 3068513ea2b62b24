// /api/v2/Smart/Transactions as a specification: the integration guide's flow, the other ways a
// transaction is paid, errors (and that they change nothing), cancellation, the list query and
// tenant isolation. Every app checks its responses against the published schemas, so a 200 or an
// error status also proves the body has the documented shape. The checkout page flows (card,
// PayPal) are in smart-transaction-checkout.test.ts.
import { describe, expect, it } from 'vitest';
import { demoApi, expectEnvelope, OTHER, apiClient, tokenFor } from '../helpers.js';
import {
  counts,
  expectNoChange,
  guideSubscriptionBody,
  INLINE_ACCOUNT,
  read,
  saleBody,
  send,
  tenantRefs,
} from './smart-transaction-helpers.js';

const ID = (prefix: string) => new RegExp(`^${prefix}_[A-Z0-9]{30}$`);

/** The guide's steps 1 and 2: a token, then the subscription Smart Transaction. */
async function guideStart() {
  const api = await demoApi();
  const refs = await tenantRefs(api.call);
  const created = await api.call('POST', '/Smart/Transactions', guideSubscriptionBody(refs));
  expect(created.status).toBe(200);
  return { ...api, refs, stx: created.body };
}

/** A subscription transaction prepared for debit with an existing container: `approved`. */
async function approvedSubscription() {
  const g = await guideStart();
  const container = await g.call('POST', '/Payment/Containers', { customer: { id: g.stx.customer.id }, ...INLINE_ACCOUNT });
  expect(container.status).toBe(200);
  const prepared = await g.call('POST', `/Smart/Transactions/${g.stx.id}/prepare/debit`, { container: { id: container.body.id } });
  expect(prepared.status).toBe(200);
  return { ...g, container: container.body, prepared: prepared.body };
}

/** Captured transaction (status ok) of an ordinary sale, prepared for debit with an inline account. */
async function paidSale(api: Awaited<ReturnType<typeof demoApi>>) {
  const created = await api.call('POST', '/Smart/Transactions', saleBody({ payment_context: { auto_capture: true } }));
  const paid = await api.call('POST', `/Smart/Transactions/${created.body.id}/prepare/debit`, { container: INLINE_ACCOUNT });
  expect(paid.body.status).toBe('ok');
  return paid.body;
}

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
    const girocode = await app.inject({ method: 'GET', url: new URL(prepared.body.payment_instructions.girocode_url).pathname });
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

describe('errors leave the state as it was', () => {
  it('refuses start before prepare, naming the status created', async () => {
    const { call } = await demoApi();
    const { body: stx } = await call('POST', '/Smart/Transactions', saleBody());
    await expectNoChange(call, stx.id, async () => {
      const res = await call('POST', `/Smart/Transactions/${stx.id}/start/debit`);
      expectEnvelope(res, 400, 'ProductNotAllowedException');
      expect(res.body.error_details).toContain('status created');
      expect(res.body.error_details).toContain(stx.id);
    });
  });

  it('refuses a second prepare (and makes no container of its inline account)', async () => {
    const { call, stx } = await approvedSubscription();
    await expectNoChange(call, stx.id, async () => {
      const res = await call('POST', `/Smart/Transactions/${stx.id}/prepare/debit`, { container: { ...INLINE_ACCOUNT, private: { owner: 'X', iban: 'DE89370400440532013000' } } });
      expectEnvelope(res, 400, 'ProductNotAllowedException');
      expect(res.body.error_details).toContain('status approved');
    });
  });

  it('refuses start on a transaction that is already ok', async () => {
    const api = await demoApi();
    const paid = await paidSale(api);
    await expectNoChange(api.call, paid.id, async () => {
      const res = await api.call('POST', `/Smart/Transactions/${paid.id}/start/debit`);
      expectEnvelope(res, 400, 'ProductNotAllowedException');
      expect(res.body.error_details).toContain('status ok');
    });
  });

  it('refuses a second cancel', async () => {
    const { call, stx } = await approvedSubscription();
    expect((await call('POST', `/Smart/Transactions/${stx.id}/cancel`)).body.status).toBe('cancelled');
    await expectNoChange(call, stx.id, async () => {
      const res = await call('POST', `/Smart/Transactions/${stx.id}/cancel`);
      expectEnvelope(res, 400, 'ProductNotAllowedException');
      expect(res.body.error_details).toContain('status cancelled');
    });
  });

  it('refuses setDelivery on a sale that is ok (only orders are delivered)', async () => {
    const api = await demoApi();
    const paid = await paidSale(api);
    await expectNoChange(api.call, paid.id, async () => {
      const res = await api.call('POST', `/Smart/Transactions/${paid.id}/setDelivery`, { delivery_options: { type: 'shipping' } });
      expectEnvelope(res, 400, 'ProductNotAllowedException');
      expect(res.body.error_details).toContain('status ok');
    });
  });

  it('refuses PUT once the transaction is approved', async () => {
    const { call, stx } = await approvedSubscription();
    await expectNoChange(call, stx.id, async () => {
      const res = await call('PUT', `/Smart/Transactions/${stx.id}`, { merchantRef: 'changed' });
      expectEnvelope(res, 400, 'ProductNotAllowedException');
      expect(res.body.error_details).toContain('status approved');
    });
  });

  it('updates with PUT while created', async () => {
    const { call } = await demoApi();
    const { body: stx } = await call('POST', '/Smart/Transactions', saleBody());
    const res = await call('PUT', `/Smart/Transactions/${stx.id}`, { merchantRef: 'order-changed' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'created', merchantRef: 'order-changed', basket_info: { sum: 8400 } });
    expect((await read(call, stx.id)).merchantRef).toBe('order-changed');
  });

  it('answers 404 ProductNotFoundException for an unknown id, on read and on every action', async () => {
    const { call } = await demoApi();
    const unknown = 'STX_00000000000000000000000000000X';
    await expectNoChange(call, undefined, async () => {
      for (const [method, path] of [
        ['GET', ''],
        ['PUT', ''],
        ['POST', '/prepare/debit'],
        ['POST', '/start/debit'],
        ['POST', '/start'],
        ['POST', '/cancel'],
        ['POST', '/abort'],
        ['POST', '/setDelivery'],
      ] as const) {
        const res = await call(method, `/Smart/Transactions/${unknown}${path}`, method === 'GET' ? undefined : {});
        expectEnvelope(res, 404, 'ProductNotFoundException');
        expect(res.body.error_details).toContain(unknown);
      }
    });
  });

  it("answers 404 for another tenant's transaction and leaves it alone", async () => {
    const { app, call } = await demoApi();
    const other = apiClient(app, await tokenFor(app, OTHER));
    const { body: theirs } = await other('POST', '/Smart/Transactions', saleBody());
    const before = await read(other, theirs.id);
    expectEnvelope(await call('GET', `/Smart/Transactions/${theirs.id}`), 404, 'ProductNotFoundException');
    expectEnvelope(await call('POST', `/Smart/Transactions/${theirs.id}/prepare/debit`, { container: INLINE_ACCOUNT }), 404, 'ProductNotFoundException');
    expectEnvelope(await call('POST', `/Smart/Transactions/${theirs.id}/cancel`), 404, 'ProductNotFoundException');
    expect(await read(other, theirs.id)).toEqual(before);
  });

  it('answers 400 ProductFormatException for malformed JSON', async () => {
    const { app, call } = await demoApi();
    const { body: stx } = await call('POST', '/Smart/Transactions', saleBody());
    const token = await tokenFor(app);
    await expectNoChange(call, stx.id, async () => {
      for (const url of ['/api/v2/Smart/Transactions', `/api/v2/Smart/Transactions/${stx.id}/prepare/debit`]) {
        const res = await send(app, { method: 'POST', url, token, headers: { 'content-type': 'application/json' }, payload: '{"basket_info": {"sum": 10,' });
        expectEnvelope(res, 400, 'ProductFormatException');
      }
    });
  });

  it('answers 400 naming the field when a type is wrong (basket_info.sum as a string)', async () => {
    const { call } = await demoApi();
    await expectNoChange(call, undefined, async () => {
      const res = await call('POST', '/Smart/Transactions', { ...saleBody(), basket_info: { sum: '8400', currency: 'EUR' } });
      expectEnvelope(res, 400, 'ProductFormatException');
      expect(res.body.error_details).toContain('basket_info.sum');
    });
  });

  it('refuses a basket_info.sum that is not the basket total', async () => {
    const { call } = await demoApi();
    await expectNoChange(call, undefined, async () => {
      const res = await call('POST', '/Smart/Transactions', { ...saleBody(), basket_info: { sum: 8000, currency: 'EUR' } });
      expectEnvelope(res, 400, 'ProductFormatException');
      expect(res.body.error_details).toContain('basket_info.sum');
      expect(res.body.error_details).toContain('8400');
    });
  });

  it('refuses a basket_info.currency that is not an ISO 4217 code', async () => {
    const { call } = await demoApi();
    const { body: stx } = await call('POST', '/Smart/Transactions', saleBody());
    await expectNoChange(call, stx.id, async () => {
      const created = await call('POST', '/Smart/Transactions', { ...saleBody(), basket_info: { sum: 8400, currency: 'euro' } });
      expectEnvelope(created, 400, 'ProductFormatException');
      expect(created.body.error_details).toContain('basket_info.currency');
      const updated = await call('PUT', `/Smart/Transactions/${stx.id}`, { basket_info: { sum: 8400, currency: 'eur' } });
      expectEnvelope(updated, 400, 'ProductFormatException');
    });
  });

  it('refuses a subscription basket with a second item', async () => {
    const { call } = await demoApi();
    const refs = await tenantRefs(call);
    const body = guideSubscriptionBody(refs);
    const second = { id: 2, item_type: 'shipping', desc: 'Versand', quantity: 1, priceOne: 500 };
    await expectNoChange(call, undefined, async () => {
      const res = await call('POST', '/Smart/Transactions', { ...body, basket: { products: [...body.basket.products, second] }, basket_info: { sum: 1490, currency: 'EUR' } });
      expectEnvelope(res, 400, 'ProductFormatException');
      expect(res.body.error_details).toContain('subscription');
    });
  });

  it('refuses a subscription item whose plan_id is unknown', async () => {
    const { call } = await demoApi();
    const refs = await tenantRefs(call);
    const unknownPlan = 'PLN_9XE5CDX7JKKFP5Q9UH9S2IJ6BOL56T';
    await expectNoChange(call, undefined, async () => {
      const res = await call('POST', '/Smart/Transactions', guideSubscriptionBody({ ...refs, planId: unknownPlan }));
      expectEnvelope(res, 404, 'ProductNotFoundException');
      expect(res.body.error_details).toContain(unknownPlan);
    });
  });

  it('makes no customer when a create with an inline customer fails later on', async () => {
    const { call } = await demoApi();
    const before = await counts(call);
    const res = await call('POST', '/Smart/Transactions', { ...saleBody(), container: { type: 'bank_account', private: { owner: 'Max', iban: 'DE00123456780000000000' } } });
    expectEnvelope(res, 400, 'ProductFormatException');
    expect(res.body.error_details).toContain('IBAN');
    expect(await counts(call)).toEqual(before);
    // The id sequence was rolled back too: the next transaction gets the ids it gets in an app
    // where the failed create never happened.
    const ok = await call('POST', '/Smart/Transactions', saleBody());
    expect(ok.status).toBe(200);
    expect(await counts(call)).toEqual({ ...before, '/Smart/Transactions': before['/Smart/Transactions'] + 1, '/Payment/Customers': before['/Payment/Customers'] + 1 });
    const fresh = await demoApi();
    const same = await fresh.call('POST', '/Smart/Transactions', saleBody());
    expect([ok.body.id, ok.body.customer.id]).toEqual([same.body.id, same.body.customer.id]);
  });

  it('refuses prepare/debit without a container', async () => {
    const { call } = await demoApi();
    const { body: stx } = await call('POST', '/Smart/Transactions', saleBody());
    await expectNoChange(call, stx.id, async () => {
      const res = await call('POST', `/Smart/Transactions/${stx.id}/prepare/debit`);
      expectEnvelope(res, 400, 'ProductFormatException');
      expect(res.body.error_details).toContain('container');
    });
  });

  it('answers 400 for an unknown payment method segment', async () => {
    const { call } = await demoApi();
    const { body: stx } = await call('POST', '/Smart/Transactions', saleBody());
    await expectNoChange(call, stx.id, async () => {
      for (const action of ['prepare', 'start']) {
        const res = await call('POST', `/Smart/Transactions/${stx.id}/${action}/bitcoin`, {});
        expectEnvelope(res, 400, 'ProductFormatException');
        expect(res.body.error_details).toContain('paymentMethod');
      }
    });
  });

  it('answers 413 for a body over 1 MiB', async () => {
    const { call } = await demoApi();
    await expectNoChange(call, undefined, async () => {
      const res = await call('POST', '/Smart/Transactions', { ...saleBody(), transactionRef: 'x'.repeat(1024 * 1024) });
      expectEnvelope(res, 413, 'ProductFormatException');
    });
  });

  it('answers 403 ProductNotAllowedException (code 2003) without a valid token', async () => {
    const { app, call } = await demoApi();
    await expectNoChange(call, undefined, async () => {
      for (const headers of [{}, { authorization: 'Bearer garbage0000000000000000000' }, { authorization: 'Basic ZGVtbzpkZW1v' }] as Record<string, string>[]) {
        for (const [method, url] of [['GET', '/api/v2/Smart/Transactions'], ['POST', '/api/v2/Smart/Transactions']] as const) {
          const res = await send(app, { method, url, headers: { ...headers, 'content-type': 'application/json' }, payload: method === 'POST' ? JSON.stringify(saleBody()) : undefined });
          expectEnvelope(res, 403, 'ProductNotAllowedException');
          expect(res.body).toMatchObject({ code: 2003, error_details: 'Valid auth token required' });
        }
      }
    });
  });

  it('answers 403 once the token has expired on the tenant clock (1200 s)', async () => {
    const { app, call } = await demoApi();
    const before = await counts(call);
    const token = await tokenFor(app);
    const advanced = await app.inject({ method: 'POST', url: '/__mock/clock', payload: { client_id: 'demo-client', advance_seconds: 1201 } });
    expect(advanced.statusCode).toBe(200);
    const res = await send(app, { method: 'POST', url: '/api/v2/Smart/Transactions', token, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(saleBody()) });
    expectEnvelope(res, 403, 'ProductNotAllowedException');
    expect(res.body.code).toBe(2003);
    // A fresh token works, and the refused create made nothing.
    expect(await counts(apiClient(app, await tokenFor(app)))).toEqual(before);
  });
});

describe('cancel and abort', () => {
  it('cancels an approved transaction: the payment is voided and the subscription cancelled', async () => {
    const { call, stx, prepared } = await approvedSubscription();
    const pciId = prepared.transactions[0].id;
    const before = await counts(call);
    const cancelled = await call('POST', `/Smart/Transactions/${stx.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');

    expect((await read(call, stx.id)).status).toBe('cancelled');
    expect((await call('GET', `/Payment/Transactions/${pciId}/checkStatus`)).body).toMatchObject({ amount: 0, status_simple: 5, status_simple_text: 'void' });
    expect((await call('GET', `/Payment/Subscriptions/${prepared.subscription.id}`)).body.status).toBe('cancelled');
    expect(await counts(call)).toEqual(before);
  });

  it('cancels a captured transaction with a refund: a new payment transaction with a negative amount', async () => {
    const api = await demoApi();
    const paid = await paidSale(api);
    const pciId = paid.transactions[0].id;
    const before = (await api.call('GET', '/Payment/Transactions')).body;
    const cancelled = await api.call('POST', `/Smart/Transactions/${paid.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');

    expect((await read(api.call, paid.id)).status).toBe('cancelled');
    const after = (await api.call('GET', '/Payment/Transactions')).body;
    expect(after.count).toBe(before.count + 1);
    const refund = after.data.find((p: any) => !before.data.some((q: any) => q.id === p.id));
    expect(refund).toMatchObject({ amount: -8400, product: 'Erstattung', details: { status_simple: 7 }, parents: [{ object: 'payment.transactions', id: pciId }] });
    expect((await api.call('GET', `/Payment/Transactions/${pciId}/checkStatus`)).body.amount).toBe(0);
    expect((await api.call('GET', `/Payment/Transactions/${pciId}`)).body.related_transactions).toEqual([expect.objectContaining({ id: refund.id })]);
  });

  it('cancels a captured subscription: refunded and the subscription cancelled', async () => {
    const { call } = await demoApi();
    const created = await call('POST', '/Smart/Transactions', guideSubscriptionBody(await tenantRefs(call), true));
    const paid = (await call('POST', `/Smart/Transactions/${created.body.id}/prepare/debit`, { container: INLINE_ACCOUNT })).body;
    expect((await call('GET', `/Payment/Subscriptions/${paid.subscription.id}`)).body.status).toBe('active');
    expect((await call('POST', `/Smart/Transactions/${paid.id}/cancel`)).body.status).toBe('cancelled');
    expect((await call('GET', `/Payment/Subscriptions/${paid.subscription.id}`)).body.status).toBe('cancelled');
    expect((await call('GET', `/Payment/Transactions/${paid.transactions[0].id}/checkStatus`)).body.amount).toBe(0);
  });

  it('cancels what is left after a partial refund of the payment', async () => {
    const api = await demoApi();
    const paid = await paidSale(api);
    const pciId = paid.transactions[0].id;
    expect((await api.call('POST', `/Payment/Transactions/${pciId}/cancel`, { reduce_amount_by: 400 })).status).toBe(200);
    expect((await api.call('GET', `/Payment/Transactions/${pciId}/checkStatus`)).body.amount).toBe(8000);
    expect((await api.call('POST', `/Smart/Transactions/${paid.id}/cancel`)).body.status).toBe('cancelled');
    const refunds = (await api.call('GET', `/Payment/Transactions?q=${encodeURIComponent(`parents.id:${pciId}`)}`)).body;
    expect(refunds.data.map((p: any) => p.amount).sort()).toEqual([-400, -8000].sort());
    expect((await api.call('GET', `/Payment/Transactions/${pciId}/checkStatus`)).body.amount).toBe(0);
  });

  it('aborts an approved transaction, voiding its payment', async () => {
    const { call, stx, prepared } = await approvedSubscription();
    expect((await call('POST', `/Smart/Transactions/${stx.id}/abort`)).body.status).toBe('cancelled');
    expect((await read(call, stx.id)).status).toBe('cancelled');
    expect((await call('GET', `/Payment/Transactions/${prepared.transactions[0].id}/checkStatus`)).body).toMatchObject({ amount: 0, status_simple: 5 });
  });

  it('aborts a created transaction', async () => {
    const { call } = await demoApi();
    const { body: stx } = await call('POST', '/Smart/Transactions', saleBody());
    const aborted = await call('POST', `/Smart/Transactions/${stx.id}/abort`);
    expect(aborted.status).toBe(200);
    expect(aborted.body.status).toBe('cancelled');
    expect((await read(call, stx.id)).status).toBe('cancelled');
  });

  it('refuses to abort a transaction that is already ok (cancel refunds it instead)', async () => {
    const api = await demoApi();
    const paid = await paidSale(api);
    await expectNoChange(api.call, paid.id, async () => {
      const res = await api.call('POST', `/Smart/Transactions/${paid.id}/abort`);
      expectEnvelope(res, 400, 'ProductNotAllowedException');
      expect(res.body.error_details).toContain('status ok');
    });
  });
});

describe('GET /Smart/Transactions', () => {
  /** The default scenario's 3 transactions plus `n` new ones, 10 s apart (well within the token's life), merchantRef order-x<i>. */
  async function withTransactions(n: number) {
    const api = await demoApi();
    for (let i = 0; i < n; i++) {
      await api.app.inject({ method: 'POST', url: '/__mock/clock', payload: { client_id: 'demo-client', advance_seconds: 10 } });
      const res = await api.call('POST', '/Smart/Transactions', saleBody({ merchantRef: `order-x${String(i).padStart(2, '0')}` }));
      expect(res.status).toBe(200);
    }
    return api;
  }

  it('pages with count (default 20) and offset; count in the answer is the total', async () => {
    const { call } = await withTransactions(22);
    const first = await call('GET', '/Smart/Transactions');
    expect(first.body.count).toBe(25);
    expect(first.body.data).toHaveLength(20);
    const rest = await call('GET', '/Smart/Transactions?offset=20');
    expect(rest.body.count).toBe(25);
    expect(rest.body.data).toHaveLength(5);
    const ids = [...first.body.data, ...rest.body.data].map((s: any) => s.id);
    expect(new Set(ids).size).toBe(25);
    const page = await call('GET', '/Smart/Transactions?count=2&offset=3');
    expect(page.body.data.map((s: any) => s.id)).toEqual(ids.slice(3, 5));
  });

  it('sorts by created, newest first', async () => {
    const { call } = await withTransactions(3);
    const res = await call('GET', '/Smart/Transactions?sort=created:desc');
    const created = res.body.data.map((s: any) => Date.parse(s.created));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(res.body.data[0].merchantRef).toBe('order-x02');
  });

  it('filters with q: status:approved, and merchantRef:order-* as a wildcard', async () => {
    const { call } = await withTransactions(2);
    const approved = await call('GET', `/Smart/Transactions?q=${encodeURIComponent('status:approved')}`);
    expect(approved.body.count).toBe(1);
    expect(approved.body.data.every((s: any) => s.status === 'approved')).toBe(true);

    const orders = await call('GET', `/Smart/Transactions?q=${encodeURIComponent('merchantRef:order-*')}&count=1`);
    expect(orders.body.count).toBe(4);
    expect(orders.body.data).toHaveLength(1);
    const all = await call('GET', `/Smart/Transactions?q=${encodeURIComponent('merchantRef:order-*')}`);
    expect(all.body.data.map((s: any) => s.merchantRef).sort()).toEqual(['order-1001', 'order-1002', 'order-x00', 'order-x01']);
  });

  it('returns only the asked-for fields (plus object and id)', async () => {
    const { call } = await demoApi();
    const res = await call('GET', '/Smart/Transactions?fields=id,status');
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(3);
    for (const item of res.body.data) expect(Object.keys(item).sort()).toEqual(['id', 'object', 'status']);
  });
});

describe('tenant isolation', () => {
  it("never lists another tenant's objects, in either direction", async () => {
    const { app, call: demo } = await demoApi();
    const other = apiClient(app, await tokenFor(app, OTHER));
    const mine = await demo('POST', '/Smart/Transactions', saleBody());
    const theirs = await other('POST', '/Smart/Transactions', saleBody());
    await demo('POST', `/Smart/Transactions/${mine.body.id}/prepare/debit`, { container: INLINE_ACCOUNT });
    await other('POST', `/Smart/Transactions/${theirs.body.id}/prepare/prepaid`);

    for (const path of ['/Smart/Transactions', '/Payment/Transactions', '/Payment/Customers', '/Payment/Containers', '/Payment/Subscriptions']) {
      const [d, o] = [(await demo('GET', `${path}?count=100`)).body, (await other('GET', `${path}?count=100`)).body];
      const [dIds, oIds] = [d.data.map((x: any) => x.id), o.data.map((x: any) => x.id)];
      expect(dIds.filter((id: string) => oIds.includes(id)), path).toEqual([]);
      expect([d.count, o.count], path).toEqual([dIds.length, oIds.length]);
    }
    const [d, o] = [(await demo('GET', '/Smart/Transactions')).body.data, (await other('GET', '/Smart/Transactions')).body.data];
    expect(d.map((s: any) => s.id)).toContain(mine.body.id);
    expect(d.map((s: any) => s.id)).not.toContain(theirs.body.id);
    expect(o.map((s: any) => s.id)).toContain(theirs.body.id);
    expect(o.map((s: any) => s.id)).not.toContain(mine.body.id);
    expect(new Set(d.map((s: any) => s.merchant.id)).size).toBe(1);
    expect(o.every((s: any) => s.merchant.id !== d[0].merchant.id && s.merchant.companyname === 'Other Store AG')).toBe(true);
  });
});
