// /api/v2/Payment/Transactions: cancel/refund (before capture the amount is lowered or voided,
// after capture each cancel makes a refund transaction), checkStatus, and capture.
import { describe, expect, it } from 'vitest';
import { apiClient, demoApi, expectEnvelope, makeApp, OTHER, tokenFor } from '../helpers.js';

type Call = Awaited<ReturnType<typeof demoApi>>['call'];

/** The Payment Transaction of the seeded Smart Transaction in `status`. */
async function seededPci(call: Call, status: 'ok' | 'approved') {
  const list = await call('GET', `/Smart/Transactions?q=status:${status}`);
  expect(list.body.count).toBe(1);
  const stx = list.body.data[0];
  const pci = await call('GET', `/Payment/Transactions/${stx.transactions[0].id}`);
  expect(pci.status).toBe(200);
  return { stx, pci: pci.body };
}

/** A fresh Smart Transaction prepared for debit without auto-capture: its PCI is authorized. */
async function authorizedPci(call: Call, sum = 4200) {
  const container = (await call('GET', '/Payment/Containers')).body.data[0];
  const created = await call('POST', '/Smart/Transactions', {
    customer: { id: container.customer.id },
    basket: { products: [{ item_type: 'article', desc: 'Teapot', quantity: 1, priceOne: sum, sum }] },
    basket_info: { sum, currency: 'EUR' },
  });
  expect(created.status).toBe(200);
  const prepared = await call('POST', `/Smart/Transactions/${created.body.id}/prepare/debit`, { container: { id: container.id } });
  expect(prepared.status).toBe(200);
  expect(prepared.body.status).toBe('approved');
  const pci = (await call('GET', `/Payment/Transactions/${prepared.body.transactions[0].id}`)).body;
  return { stx: prepared.body, pci };
}

describe('GET /Payment/Transactions', () => {
  it('shows the captured payment of the seeded ok Smart Transaction as accepted', async () => {
    const { call } = await demoApi();
    const { stx, pci } = await seededPci(call, 'ok');
    expect(pci).toMatchObject({
      object: 'payment.transactions',
      id: stx.transactions[0].id,
      trans_id: stx.trans_id,
      amount: 1999,
      currency: 'EUR',
      product: 'Lastschrift',
      status: 6,
      details: { amount: 1999, status_simple: 1, status_simple_text: 'accepted' },
      parents: [],
      related_transactions: [],
      order_id: 'order-1002',
    });
    expect(pci.id).toMatch(/^PCI_[A-Z0-9]{30}$/);
    const list = await call('GET', '/Payment/Transactions');
    expect(list.status).toBe(200);
    expect(list.body.data.map((p: any) => p.id)).toContain(pci.id);
  });

  it("answers 404 for another tenant's payment transaction", async () => {
    const app = await makeApp();
    const { pci } = await seededPci(apiClient(app, await tokenFor(app)), 'ok');
    const other = apiClient(app, await tokenFor(app, OTHER));
    expectEnvelope(await other('GET', `/Payment/Transactions/${pci.id}`), 404, 'ProductNotFoundException');
    expectEnvelope(await other('GET', `/Payment/Transactions/${pci.id}/checkStatus`), 404, 'ProductNotFoundException');
    expectEnvelope(await other('POST', `/Payment/Transactions/${pci.id}/cancel`, { reduce_amount_by: 1 }), 404, 'ProductNotFoundException');
    expectEnvelope(await other('POST', `/Payment/Transactions/${pci.id}/capture`), 404, 'ProductNotFoundException');
  });
});

describe('POST /Payment/Transactions/{id}/cancel after capture', () => {
  it('refunds reduce_amount_by 500: answers [original, refund] with the refund at -500, its parents naming the original', async () => {
    const { call } = await demoApi();
    const { pci } = await seededPci(call, 'ok');
    const res = await call('POST', `/Payment/Transactions/${pci.id}/cancel`, { reduce_amount_by: 500, reason: 'Customer returned one item' });
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(2);
    const [original, refund] = res.body;
    expect(original).toMatchObject({ id: pci.id, amount: 1999, status: 6, details: { amount: 1499, status_simple: 1 } });
    expect(refund.id).toMatch(/^PCI_/);
    expect(refund.id).not.toBe(pci.id);
    expect(refund).toMatchObject({
      object: 'payment.transactions',
      amount: -500,
      currency: 'EUR',
      product: 'Erstattung',
      product_id: 20,
      status: 6,
      status_text: 'abgeschlossen',
      details: { status_simple: 1, status_simple_text: 'accepted' },
      parents: [{ object: 'payment.transactions', id: pci.id, trans_id: pci.trans_id, ref_type_id: 19 }],
    });
    expect(original.related_transactions).toEqual([expect.objectContaining({ object: 'payment.transactions', id: refund.id })]);

    // Later reads agree.
    expect((await call('GET', `/Payment/Transactions/${refund.id}`)).body).toEqual(refund);
    expect((await call('GET', `/Payment/Transactions/${pci.id}`)).body.related_transactions.map((r: any) => r.id)).toEqual([refund.id]);
  });

  it('checkStatus answers the captured amount less refunds', async () => {
    const { call } = await demoApi();
    const { pci } = await seededPci(call, 'ok');
    const before = await call('GET', `/Payment/Transactions/${pci.id}/checkStatus`);
    expect(before.status).toBe(200);
    expect(before.body).toEqual({ status: 6, status_text: 'abgeschlossen', status_simple: 1, status_simple_text: 'accepted', amount: 1999, currency: 'EUR' });
    await call('POST', `/Payment/Transactions/${pci.id}/cancel`, { reduce_amount_by: 500 });
    await call('POST', `/Payment/Transactions/${pci.id}/cancel`, { reduce_amount_by: 299 });
    expect((await call('GET', `/Payment/Transactions/${pci.id}/checkStatus`)).body.amount).toBe(1200);
  });

  it('takes the deprecated amount field like reduce_amount_by', async () => {
    const { call } = await demoApi();
    const { pci } = await seededPci(call, 'ok');
    const res = await call('POST', `/Payment/Transactions/${pci.id}/cancel`, { amount: 99 });
    expect(res.status).toBe(200);
    expect(res.body[1].amount).toBe(-99);
    expect((await call('GET', `/Payment/Transactions/${pci.id}/checkStatus`)).body.amount).toBe(1900);
  });

  it('answers 400 when refunding more than is left, and changes nothing', async () => {
    const { call } = await demoApi();
    const { pci } = await seededPci(call, 'ok');
    await call('POST', `/Payment/Transactions/${pci.id}/cancel`, { reduce_amount_by: 500 });
    const countBefore = (await call('GET', '/Payment/Transactions')).body.count;
    const res = await call('POST', `/Payment/Transactions/${pci.id}/cancel`, { reduce_amount_by: 1500 });
    expectEnvelope(res, 400, 'ProductNotAllowedException');
    expect(res.body.error_details).toContain('1499');
    expect((await call('GET', `/Payment/Transactions/${pci.id}/checkStatus`)).body.amount).toBe(1499);
    expect((await call('GET', `/Payment/Transactions/${pci.id}`)).body.related_transactions).toHaveLength(1);
    expect((await call('GET', '/Payment/Transactions')).body.count).toBe(countBefore);
  });

  it('answers 400 for a zero or negative reduce_amount_by', async () => {
    const { call } = await demoApi();
    const { pci } = await seededPci(call, 'ok');
    expectEnvelope(await call('POST', `/Payment/Transactions/${pci.id}/cancel`, { reduce_amount_by: 0 }), 400, 'ProductNotAllowedException');
    expectEnvelope(await call('POST', `/Payment/Transactions/${pci.id}/cancel`, { reduce_amount_by: -5 }), 400, 'ProductNotAllowedException');
    expect((await call('GET', `/Payment/Transactions/${pci.id}/checkStatus`)).body.amount).toBe(1999);
  });

  it('answers 400 ProductFormatException for a non-integer amount or a reason with forbidden characters', async () => {
    const { call } = await demoApi();
    const { pci } = await seededPci(call, 'ok');
    expectEnvelope(await call('POST', `/Payment/Transactions/${pci.id}/cancel`, { reduce_amount_by: '500' }), 400, 'ProductFormatException');
    expectEnvelope(await call('POST', `/Payment/Transactions/${pci.id}/cancel`, { reduce_amount_by: 5.5 }), 400, 'ProductFormatException');
    expectEnvelope(await call('POST', `/Payment/Transactions/${pci.id}/cancel`, { reason: 'no <html>' }), 400, 'ProductFormatException');
    expect((await call('GET', `/Payment/Transactions/${pci.id}/checkStatus`)).body.amount).toBe(1999);
  });

  it('refunds everything without an amount; another cancel then answers 400', async () => {
    const { call } = await demoApi();
    const { pci } = await seededPci(call, 'ok');
    await call('POST', `/Payment/Transactions/${pci.id}/cancel`, { reduce_amount_by: 500 });
    const full = await call('POST', `/Payment/Transactions/${pci.id}/cancel`);
    expect(full.status).toBe(200);
    expect(full.body[1].amount).toBe(-1499);
    expect((await call('GET', `/Payment/Transactions/${pci.id}/checkStatus`)).body.amount).toBe(0);

    const again = await call('POST', `/Payment/Transactions/${pci.id}/cancel`);
    expectEnvelope(again, 400, 'ProductNotAllowedException');
    expectEnvelope(await call('POST', `/Payment/Transactions/${pci.id}/cancel`, { reduce_amount_by: 1 }), 400, 'ProductNotAllowedException');
    expect((await call('GET', `/Payment/Transactions/${pci.id}`)).body.related_transactions).toHaveLength(2);
  });

  it('answers 400 for a cancel of a refund transaction', async () => {
    const { call } = await demoApi();
    const { pci } = await seededPci(call, 'ok');
    const refund = (await call('POST', `/Payment/Transactions/${pci.id}/cancel`, { reduce_amount_by: 100 })).body[1];
    const res = await call('POST', `/Payment/Transactions/${refund.id}/cancel`);
    expectEnvelope(res, 400, 'ProductNotAllowedException');
    expect(res.body.error_details).toMatch(/refund/);
    expect((await call('GET', `/Payment/Transactions/${refund.id}`)).body.amount).toBe(-100);
  });

  it('answers 404 for an unknown payment transaction', async () => {
    const { call } = await demoApi();
    expectEnvelope(await call('POST', '/Payment/Transactions/PCI_DOESNOTEXIST00000000000000000/cancel'), 404, 'ProductNotFoundException');
    expectEnvelope(await call('GET', '/Payment/Transactions/PCI_DOESNOTEXIST00000000000000000/checkStatus'), 404, 'ProductNotFoundException');
  });
});

describe('POST /Payment/Transactions/{id}/cancel before capture', () => {
  it('lowers the amount of the approved subscription payment on a partial cancel, without a refund transaction', async () => {
    const { call } = await demoApi();
    const { pci } = await seededPci(call, 'approved');
    expect(pci).toMatchObject({ amount: 990, status: 115, details: { status_simple: 11 } });
    const count = (await call('GET', '/Payment/Transactions')).body.count;
    const res = await call('POST', `/Payment/Transactions/${pci.id}/cancel`, { reduce_amount_by: 190 });
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({ id: pci.id, amount: 800, status: 115, details: { amount: 800, status_simple: 11 } });
    expect((await call('GET', `/Payment/Transactions/${pci.id}/checkStatus`)).body).toMatchObject({ amount: 800, status_simple: 11 });
    expect((await call('GET', '/Payment/Transactions')).body.count).toBe(count);
  });

  it('voids the payment on a full cancel (status_simple 5)', async () => {
    const { call } = await demoApi();
    const { pci } = await seededPci(call, 'approved');
    const res = await call('POST', `/Payment/Transactions/${pci.id}/cancel`);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({ id: pci.id, details: { amount: 0, status_simple: 5, status_simple_text: 'void' } });
    expect((await call('GET', `/Payment/Transactions/${pci.id}/checkStatus`)).body).toMatchObject({ amount: 0, status_simple: 5 });
    // A void payment can be neither cancelled nor captured again.
    expectEnvelope(await call('POST', `/Payment/Transactions/${pci.id}/cancel`), 400, 'ProductNotAllowedException');
    expectEnvelope(await call('POST', `/Payment/Transactions/${pci.id}/capture`), 400, 'ProductNotAllowedException');
  });

  it('voids an authorized payment when reduce_amount_by equals its amount', async () => {
    const { call } = await demoApi();
    const { pci } = await authorizedPci(call, 4200);
    const res = await call('POST', `/Payment/Transactions/${pci.id}/cancel`, { reduce_amount_by: 4200 });
    expect(res.status).toBe(200);
    expect(res.body[0].details.status_simple).toBe(5);
  });

  it('answers 400 for a partial cancel larger than the authorised amount', async () => {
    const { call } = await demoApi();
    const { pci } = await authorizedPci(call, 4200);
    expectEnvelope(await call('POST', `/Payment/Transactions/${pci.id}/cancel`, { reduce_amount_by: 4201 }), 400, 'ProductNotAllowedException');
    expect((await call('GET', `/Payment/Transactions/${pci.id}/checkStatus`)).body).toMatchObject({ amount: 4200, status_simple: 2 });
  });
});

describe('POST /Payment/Transactions/{id}/capture', () => {
  it('captures an authorized payment and moves its Smart Transaction to ok', async () => {
    const { call } = await demoApi();
    const { stx, pci } = await authorizedPci(call);
    expect(pci).toMatchObject({ status: 9, details: { status_simple: 2, status_simple_text: 'authorized' } });
    const res = await call('POST', `/Payment/Transactions/${pci.id}/capture`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: pci.id, amount: 4200, status: 6, details: { status_simple: 1, amount: 4200 } });
    expect((await call('GET', `/Smart/Transactions/${stx.id}`)).body.status).toBe('ok');
    expect((await call('GET', `/Payment/Transactions/${pci.id}/checkStatus`)).body).toMatchObject({ status_simple: 1, amount: 4200 });
  });

  it('captures a lower amount when one is given', async () => {
    const { call } = await demoApi();
    const { pci } = await authorizedPci(call, 4200);
    const res = await call('POST', `/Payment/Transactions/${pci.id}/capture`, { amount: 4000 });
    expect(res.status).toBe(200);
    expect(res.body.amount).toBe(4000);
    expect((await call('GET', `/Payment/Transactions/${pci.id}/checkStatus`)).body.amount).toBe(4000);
  });

  it('answers 400 for a capture amount above the authorised one and captures nothing', async () => {
    const { call } = await demoApi();
    const { stx, pci } = await authorizedPci(call, 4200);
    expectEnvelope(await call('POST', `/Payment/Transactions/${pci.id}/capture`, { amount: 5000 }), 400, 'ProductNotAllowedException');
    expect((await call('GET', `/Payment/Transactions/${pci.id}`)).body.details.status_simple).toBe(2);
    expect((await call('GET', `/Smart/Transactions/${stx.id}`)).body.status).toBe('approved');
  });

  it('captures the approved subscription payment and activates the subscription', async () => {
    const { call } = await demoApi();
    const { stx, pci } = await seededPci(call, 'approved');
    const res = await call('POST', `/Payment/Transactions/${pci.id}/capture`);
    expect(res.status).toBe(200);
    expect(res.body.details.status_simple).toBe(1);
    expect((await call('GET', `/Smart/Transactions/${stx.id}`)).body.status).toBe('ok');
    expect((await call('GET', `/Payment/Subscriptions/${stx.subscription.id}`)).body.status).toBe('active');
  });

  it('answers 400 ProductNotAllowedException for a second capture, naming the status', async () => {
    const { call } = await demoApi();
    const { stx, pci } = await authorizedPci(call);
    expect((await call('POST', `/Payment/Transactions/${pci.id}/capture`)).status).toBe(200);
    const again = await call('POST', `/Payment/Transactions/${pci.id}/capture`);
    expectEnvelope(again, 400, 'ProductNotAllowedException');
    expect(again.body.error_details).toMatch(/captured/);
    expect((await call('GET', `/Smart/Transactions/${stx.id}`)).body.status).toBe('ok');
    expect((await call('GET', `/Payment/Transactions/${pci.id}`)).body.amount).toBe(4200);
  });

  it('answers 400 for a capture of the seeded, already captured payment', async () => {
    const { call } = await demoApi();
    const { pci } = await seededPci(call, 'ok');
    expectEnvelope(await call('POST', `/Payment/Transactions/${pci.id}/capture`), 400, 'ProductNotAllowedException');
  });

  it('accepts an empty body with any Content-Type, as SDKs send it', async () => {
    const app = await makeApp();
    const call = apiClient(app, await tokenFor(app));
    const { pci } = await authorizedPci(call);
    const res = await app.inject({
      method: 'POST',
      url: `/api/v2/Payment/Transactions/${pci.id}/capture`,
      headers: { authorization: `Bearer ${await tokenFor(app)}`, 'content-type': 'application/json' },
      payload: '',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().details.status_simple).toBe(1);
  });
});
